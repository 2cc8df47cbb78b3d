/*
 * owners.c: sheet.json's "owners" (owners.h). The value reaches us as
 * the compact JSON text sheet.json's parser keeps for keys it does not
 * model (sl_extra), and is parsed here on demand.
 */
#include "owners.h"

#include <string.h>

#include "alloc.h"
#include "json_approval.h"

int sl_owners_parse(sl_owners *out, const char *text, size_t len)
{
	return sl_json_parse_owners(out, text, len);
}

int sl_owners_from_meta(sl_owners *out, const sl_sheet_meta *meta)
{
	size_t i;
	memset(out, 0, sizeof(*out));
	for (i = 0; meta && i < meta->extra_count; i++)
		if (!strcmp(meta->extra[i].name, "owners"))
			return sl_owners_parse(out, meta->extra[i].text,
					       strlen(meta->extra[i].text));
	return 0;
}

void sl_owners_dispose(sl_owners *o)
{
	size_t i, k;
	for (i = 0; i < o->count; i++) {
		for (k = 0; k < o->rules[i].count; k++)
			sl_free(o->rules[i].people[k]);
		sl_free(o->rules[i].people);
		sl_free(o->rules[i].key);
	}
	sl_free(o->rules);
	memset(o, 0, sizeof(*o));
}

static const sl_owner_rule *rule_of(const sl_owners *o, const char *key)
{
	size_t i;
	for (i = 0; key && i < o->count; i++)
		if (!strcmp(o->rules[i].key, key))
			return &o->rules[i];
	return NULL;
}

const sl_owner_rule *sl_owners_for(const sl_owners *o, const char *item_id,
				   const char *section_id)
{
	const sl_owner_rule *r = rule_of(o, item_id);
	return r ? r : rule_of(o, section_id);
}

bool sl_owners_includes(const sl_owner_rule *rule, const sl_approval *a)
{
	size_t i;
	for (i = 0; rule && i < rule->count; i++)
		if (sl_approval_is_by(a, rule->people[i]))
			return true;
	return false;
}

void sl_owners_format(sl_buf *out, const sl_owner_rule *rule)
{
	size_t i;
	for (i = 0; rule && i < rule->count; i++)
		sl_buf_printf(out, "%s%s", i ? ", " : "", rule->people[i]);
}
