/*
 * json_approval.c: approval records and "owners" through jansson. The
 * records come from a ref anyone with push access can write: every field
 * is checked for type and form, and the store bounds their size
 * (SL_STORE_FILE_MAX).
 */
#include "json_approval.h"

#include <jansson.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "id.h"
#include "json_internal.h"

void sl_json__init(void); /* json.c: jansson allocates through ours */

static bool is_hex40(const char *s)
{
	size_t i;
	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[40] == '\0';
}

/* A required (or optional) string member, copied. */
static int take_string(char **out, json_t *root, const char *key, bool required,
		       const char *name)
{
	json_t *v = json_object_get(root, key);
	*out = NULL;
	if (!v && !required)
		return 0;
	if (!json_is_string(v) || (required && !json_string_length(v)))
		return sl_error_set(SL_EINVALID,
				    "approval record %s: \"%s\" must be a "
				    "non-empty string",
				    name, key);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return sl_error_set(SL_EINVALID,
				    "approval record %s: \"%s\" holds a NUL",
				    name, key);
	*out = sl_strdup(json_string_value(v));
	return *out ? 0 : sl_error_oom();
}

static int parse_fields(sl_approval *a, json_t *root, const char *name)
{
	static const char *const known[] = {"item",   "blob",   "kind",
					    "name",   "email",  "time",
					    "offset", "message"};
	const char *key, *kind;
	json_t *v;
	char *blob = NULL;
	size_t k;
	int rc;
	json_object_foreach(root, key, v)
	{
		for (k = 0; k < sizeof(known) / sizeof(*known); k++)
			if (!strcmp(key, known[k]))
				break;
		if (k == sizeof(known) / sizeof(*known))
			return sl_error_set(SL_EINVALID,
					    "approval record %s: unknown key "
					    "\"%s\"",
					    name, key);
	}
	if ((rc = take_string(&a->item, root, "item", true, name)) < 0 ||
	    (rc = take_string(&a->name, root, "name", true, name)) < 0 ||
	    (rc = take_string(&a->email, root, "email", true, name)) < 0 ||
	    (rc = take_string(&a->message, root, "message", false, name)) < 0 ||
	    (rc = take_string(&blob, root, "blob", true, name)) < 0)
		return rc;
	if (strcmp(a->item, SL_APPROVAL_SHEET) &&
	    !sl_id_is_valid(a->item, strlen(a->item)))
		rc = sl_error_set(SL_EINVALID,
				  "approval record %s: \"item\" is not an "
				  "item id: %s",
				  name, a->item);
	else if (strlen(blob) != 40 || !is_hex40(blob))
		rc = sl_error_set(SL_EINVALID,
				  "approval record %s: \"blob\" must be 40 "
				  "lowercase hex digits",
				  name);
	if (rc == 0)
		memcpy(a->blob, blob, 41);
	sl_free(blob);
	if (rc < 0)
		return rc;
	kind = json_string_value(json_object_get(root, "kind"));
	if (kind && !strcmp(kind, "approve"))
		a->kind = SL_APPROVAL_APPROVE;
	else if (kind && !strcmp(kind, "confirm"))
		a->kind = SL_APPROVAL_CONFIRM;
	else
		return sl_error_set(SL_EINVALID,
				    "approval record %s: \"kind\" must be "
				    "\"approve\" or \"confirm\"",
				    name);
	v = json_object_get(root, "time");
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return sl_error_set(SL_EINVALID,
				    "approval record %s: \"time\" must be "
				    "seconds since the epoch",
				    name);
	a->time = (int64_t)json_integer_value(v);
	v = json_object_get(root, "offset");
	if (v && (!json_is_integer(v) || json_integer_value(v) < -24 * 60 ||
		  json_integer_value(v) > 24 * 60))
		return sl_error_set(SL_EINVALID,
				    "approval record %s: \"offset\" must be "
				    "minutes east of UTC",
				    name);
	a->offset_min = v ? (int)json_integer_value(v) : 0;
	return 0;
}

int sl_json_parse_approval(sl_approval *out, const char *name, const char *data,
			   size_t len)
{
	json_error_t jerr;
	json_t *root;
	int rc;
	memset(out, 0, sizeof(*out));
	sl_json__init();
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		if (json_error_code(&jerr) == json_error_out_of_memory)
			return sl_error_oom();
		return sl_error_set(SL_EINVALID,
				    "approval record %s:%d:%d: invalid JSON: "
				    "%s",
				    name, jerr.line > 0 ? jerr.line : 1,
				    jerr.column > 0 ? jerr.column : 1,
				    jerr.text);
	}
	rc = json_is_object(root)
		     ? parse_fields(out, root, name)
		     : sl_error_set(SL_EINVALID,
				    "approval record %s must hold one JSON "
				    "object",
				    name);
	json_decref(root);
	if (rc < 0)
		sl_approval_dispose(out);
	return rc;
}

int sl_json_dump_approval(sl_buf *out, const sl_approval *a)
{
	json_t *o;
	char *text = NULL;
	int bad = 0;
	sl_json__init();
	if (!(o = json_object()))
		return sl_error_oom();
	bad |= json_object_set_new(o, "item", json_string(a->item));
	bad |= json_object_set_new(o, "blob", json_string(a->blob));
	bad |= json_object_set_new(o, "kind",
				   json_string(sl_approval_kind_name(a->kind)));
	bad |= json_object_set_new(o, "name", json_string(a->name));
	bad |= json_object_set_new(o, "email", json_string(a->email));
	bad |= json_object_set_new(o, "time", json_integer(a->time));
	bad |= json_object_set_new(o, "offset", json_integer(a->offset_min));
	if (a->message)
		bad |= json_object_set_new(o, "message",
					   json_string(a->message));
	if (!bad)
		text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	return sl_json__put_dump(out, text);
}

static int owners_error(const char *what, const char *key)
{
	return sl_error_set(SL_EINVALID, "\"owners\"%s%s%s %s",
			    key ? "[\"" : "", key ? key : "", key ? "\"]" : "",
			    what);
}

static int parse_rule(sl_owner_rule *r, const char *key, json_t *list)
{
	size_t i, n;
	if (!json_is_array(list) || !(n = json_array_size(list)))
		return owners_error("must be a non-empty list of people", key);
	if (n > SL_OWNERS_MAX)
		return owners_error("lists too many people", key);
	if (!(r->key = sl_strdup(key)) ||
	    !(r->people = sl_calloc(n, sizeof(*r->people))))
		return sl_error_oom();
	for (i = 0; i < n; i++) {
		json_t *p = json_array_get(list, i);
		if (!json_is_string(p) || !json_string_length(p) ||
		    strlen(json_string_value(p)) != json_string_length(p))
			return owners_error("must list people as non-empty "
					    "strings",
					    key);
		if (!(r->people[i] = sl_strdup(json_string_value(p))))
			return sl_error_oom();
		r->count++;
	}
	return 0;
}

int sl_json_parse_owners(sl_owners *out, const char *text, size_t len)
{
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	int rc = 0;
	memset(out, 0, sizeof(*out));
	sl_json__init();
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return json_error_code(&jerr) == json_error_out_of_memory
			       ? sl_error_oom()
			       : owners_error("is not valid JSON", NULL);
	if (!json_is_object(root))
		rc = owners_error("must map section or item ids to lists of "
				  "people",
				  NULL);
	else if (json_object_size(root) > SL_OWNERS_MAX)
		rc = owners_error("has too many entries", NULL);
	else if (!(out->rules = sl_calloc(json_object_size(root) + 1,
					  sizeof(*out->rules))))
		rc = sl_error_oom();
	if (rc == 0)
		json_object_foreach(root, key, v)
		{
			if (!sl_id_is_valid(key, strlen(key))) {
				rc = owners_error("is not a section or item "
						  "id",
						  key);
				break;
			}
			rc = parse_rule(&out->rules[out->count++], key, v);
			if (rc < 0)
				break;
		}
	json_decref(root);
	if (rc < 0)
		sl_owners_dispose(out);
	return rc;
}
