/*
 * owners.h: who may approve which items, like CODEOWNERS. sheet.json's
 * optional "owners" maps section ids and single item ids to lists of
 * people ("Name <email>", a bare email or a bare name):
 *   "owners": {"1": ["Sec Team <sec@example.com>"], "2-3": ["ops@example.com"]}
 * An item's owners are those of its own id when listed, else those of its
 * section; with no entry for either it has none (anyone may approve it).
 */
#ifndef SL_OWNERS_H
#define SL_OWNERS_H

#include <stdbool.h>
#include <stddef.h>

#include "approval.h"
#include "sheet.h"

typedef struct sl_owner_rule {
	char *key;     /* owned; a section id or an item id */
	char **people; /* owned array of owned strings */
	size_t count;
} sl_owner_rule;

typedef struct sl_owners {
	sl_owner_rule *rules; /* owned; in sheet.json's key order (sorted) */
	size_t count;
} sl_owners;

#define SL_OWNERS_INIT  \
	{               \
		NULL, 0 \
	}

/* At most this many rules and people per rule (sheet.json is reviewed
 * text, but lint and fuzzing meet anything). */
#define SL_OWNERS_MAX 10000

/*
 * The owners of a sheet.json (none when it has no "owners").
 * @return 0, SL_EINVALID (not an object of arrays of non-empty strings:
 * the message says where) or SL_ENOMEM
 */
int sl_owners_from_meta(sl_owners *out, const sl_sheet_meta *meta);
/* Parse the JSON text of an "owners" value. @return as above */
int sl_owners_parse(sl_owners *out, const char *text, size_t len);
void sl_owners_dispose(sl_owners *o);

/* borrowed: the rule for an item (its id first, then its section), or
 * NULL when neither is listed */
const sl_owner_rule *sl_owners_for(const sl_owners *o, const char *item_id,
				   const char *section_id);
/* Is the approver of a one of the rule's people? */
bool sl_owners_includes(const sl_owner_rule *rule, const sl_approval *a);
/* The rule's people joined with ", " into out (nothing for NULL). */
void sl_owners_format(sl_buf *out, const sl_owner_rule *rule);

#endif
