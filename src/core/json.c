/*
 * json.c: item and sheet files <-> model, canonical dump, value locator.
 * The only file that includes <jansson.h> (tests/arch/check_layers.sh);
 * jansson values never leave this file.
 *
 * Item file (checklist/items/<id>.json), canonical form:
 *
 *   key        type    required  notes
 *   id         string  yes       equals the file name without ".json"
 *   section    string  yes       an id of sheet.json's "sections"
 *   scope      string  no        an id of sheet.json's "scopes"
 *   category   string  no        the 項目 column
 *   question   string  yes       the 評価内容 column, lines split by \n
 *   answer     string  yes       the 回答内容 column, lines split by \n
 *   (other)    any     no        kept, diffed and round-tripped verbatim
 *
 * Canonical form: UTF-8 without \u escapes for non-ASCII, 2-space indent,
 * the keys above in that order, then other keys sorted by name, one
 * trailing newline. sheet.json follows the same rules with the key order
 * of meta_keys below. docs/file-format.md mirrors this table.
 *
 * jansson keeps no source positions per value, so sl_json_locate scans the
 * raw text itself to turn "key + offset in its string" into line:column.
 */
#include "json.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "json_internal.h"
#include "utf8.h"

void sl_json__init(void)
{
	json_set_alloc_funcs(sl_malloc, sl_free);
}

/* Every document sheetlog writes ends the same way, so that item files,
 * sheet.json and approvals all keep the one canonical ending. */
int sl_json__put_dump(sl_buf *out, char *text)
{
	if (!text)
		return sl_error_oom();
	sl_buf_puts(out, text);
	sl_buf_putc(out, '\n');
	sl_free(text);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct parse_ctx {
	sl_diag_list *diags;
	const char *path;
	const char *data;
	size_t len;
	const char *item_id; /* for diagnostics, once known */
	const char *loc_key; /* top-level key that nested findings point at */
	int errors;          /* findings added by this parse */
} parse_ctx;

static int ctx_diag_at_key(parse_ctx *ctx, const char *key, const char *rule,
			   const char *msg)
{
	int line = 1, col = 1;
	size_t key_off, val_off;
	if (key &&
	    sl_json__find_key(ctx->data, ctx->len, key, &key_off, &val_off))
		sl_utf8_line_col(ctx->data, ctx->len, key_off, &line, &col);
	ctx->errors++;
	return sl_diag_add(ctx->diags, SL_SEV_ERROR, ctx->path, line, col,
			   ctx->item_id, rule, "%s", msg);
}

/* Load text into a JSON object, or add the syntax finding. */
static int parse_root(json_t **out, parse_ctx *ctx, const char *what)
{
	json_error_t jerr;
	json_t *root;
	size_t bad;
	int line, col;

	*out = NULL;
	sl_json__init();
	if (ctx->len >= 3 && !memcmp(ctx->data, "\xEF\xBB\xBF", 3)) {
		ctx->errors++;
		return sl_diag_add(
			ctx->diags, SL_SEV_ERROR, ctx->path, 1, 1, NULL,
			"json-syntax",
			"invalid JSON: the file starts with a byte order mark (U+FEFF)");
	}
	/* jansson validates UTF-8 itself, so a file it accepts is valid; our
	 * own (slower) scan runs only on failure, to name the bad byte. */
	/* jansson 2.14 sets no error code (and no text) when its lexer
	 * cannot allocate its buffer: zeroed, that case reads as an empty
	 * message, which no other failure leaves. */
	memset(&jerr, 0, sizeof(jerr));
	root = json_loadb(ctx->data, ctx->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		if (json_error_code(&jerr) == json_error_out_of_memory ||
		    jerr.text[0] == '\0')
			return sl_error_oom();
		ctx->errors++;
		if (!sl_utf8_valid(ctx->data, ctx->len, &bad)) {
			sl_utf8_line_col(ctx->data, ctx->len, bad, &line, &col);
			return sl_diag_add(ctx->diags, SL_SEV_ERROR, ctx->path,
					   line, col, NULL, "invalid-utf8",
					   "invalid UTF-8 byte 0x%02x",
					   (unsigned char)ctx->data[bad]);
		}
		if (sl_json__trailing_comma(&bad, ctx->data, ctx->len,
					    jerr.position)) {
			size_t close = bad + 1;
			sl_json__ws(ctx->data, ctx->len, &close);
			sl_utf8_line_col(ctx->data, ctx->len, bad, &line, &col);
			return sl_diag_add(ctx->diags, SL_SEV_ERROR, ctx->path,
					   line, col, NULL, "json-syntax",
					   "invalid JSON: trailing comma "
					   "before '%c'",
					   ctx->data[close]);
		}
		return sl_diag_add(ctx->diags, SL_SEV_ERROR, ctx->path,
				   jerr.line > 0 ? jerr.line : 1,
				   jerr.column > 0 ? jerr.column : 1, NULL,
				   "json-syntax", "invalid JSON: %s",
				   jerr.text);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		ctx->errors++;
		return sl_diag_add(ctx->diags, SL_SEV_ERROR, ctx->path, 1, 1,
				   NULL, "not-object",
				   "%s must hold one JSON object", what);
	}
	*out = root;
	return 0;
}

/* Compact JSON text of a non-string value (extras). new: sl_free. */
static char *value_text(const json_t *value)
{
	return json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
}

/* Copy a string member into *slot; wrong types become findings. */
static int take_string(parse_ctx *ctx, const char *key, json_t *value,
		       char **slot, const char *where)
{
	char msg[256];
	if (!json_is_string(value)) {
		snprintf(msg, sizeof(msg), "field \"%s%s\" must be a string",
			 where, key);
		return ctx_diag_at_key(ctx, where[0] ? ctx->loc_key : key,
				       "field-type", msg);
	}
	sl_free(*slot);
	*slot = sl_strndup(json_string_value(value), json_string_length(value));
	return *slot ? 0 : sl_error_oom();
}

static int add_extra(sl_extra **arr, size_t *count, const char *key,
		     json_t *value)
{
	sl_extra *grown = sl_reallocarray(*arr, *count + 1, sizeof(**arr));
	sl_extra *e;
	if (!grown)
		return sl_error_oom();
	*arr = grown;
	e = &grown[*count];
	memset(e, 0, sizeof(*e));
	e->name = sl_strdup(key);
	if (json_is_string(value)) {
		e->text = sl_strndup(json_string_value(value),
				     json_string_length(value));
	} else {
		e->text = value_text(value);
		e->is_json = true;
	}
	if (!e->name || !e->text) {
		sl_free(e->name);
		sl_free(e->text);
		return sl_error_oom();
	}
	(*count)++;
	return 0;
}

static int extra_cmp(const void *a, const void *b)
{
	return strcmp(((const sl_extra *)a)->name, ((const sl_extra *)b)->name);
}

/* ---- fast path for item files ---------------------------------------------
 *
 * jansson builds a hash table per object and decodes character by
 * character; for a 20,000-item diff it was 40% of the run. Item files are
 * almost always one flat object of the known string fields, so this scanner
 * parses exactly that subset and gives up (returns 0) on anything else:
 * an unknown key, a duplicate, a missing required field, a non-string
 * value, a control character, \u0000, a lone surrogate, invalid UTF-8,
 * trailing garbage. jansson then parses the file and reports whatever is
 * wrong, so the two paths accept the same files and build the same items
 * (tests/fuzz/fuzz_item_json.c checks that they agree).
 */

typedef struct fast_str {
	char *p; /* owned, NUL-terminated */
	size_t len;
} fast_str;

static void fast_ws(const char *s, size_t len, size_t *i)
{
	while (*i < len && (s[*i] == ' ' || s[*i] == '\n' || s[*i] == '\t' ||
			    s[*i] == '\r'))
		(*i)++;
}

/* Escape letter, value; escape letter, value; ... */
static const char json_escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";

/* Parse a string at s[*i] (the opening quote) into out (appended to buf).
 * @return 1 parsed, 0 not in the subset, <0 OOM */
static int fast_string(sl_buf *buf, const char *s, size_t len, size_t *i)
{
	const char *esc;
	size_t run;
	if (*i >= len || s[*i] != '"')
		return 0;
	(*i)++;
	run = *i;
	for (;;) {
		unsigned char c;
		if (*i >= len)
			return 0;
		c = (unsigned char)s[*i];
		if (c == '"') {
			sl_buf_put(buf, s + run, *i - run);
			(*i)++;
			return sl_buf_oom(buf) ? SL_ENOMEM : 1;
		}
		if (c < 0x20)
			return 0;
		if (c < 0x80) {
			if (c != '\\') {
				(*i)++;
				continue;
			}
			sl_buf_put(buf, s + run, *i - run);
			if (*i + 1 >= len)
				return 0;
			/* The one-character escapes of RFC 8259 §7: pairs
			 * of escape letter and value; \u follows. */
			esc = memchr(json_escapes, s[*i + 1],
				     sizeof(json_escapes) - 1);
			if (esc && (esc - json_escapes) % 2 == 0) {
				sl_buf_putc(buf, esc[1]);
				*i += 2;
				run = *i;
				continue;
			}
			switch (s[*i + 1]) {
			case 'u': {
				unsigned cp, lo;
				if (*i + 6 > len ||
				    sl_json__hex4(s + *i + 2, &cp) < 0 ||
				    cp == 0)
					return 0;
				if (cp >= 0xDC00 && cp <= 0xDFFF)
					return 0;
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					if (*i + 12 > len ||
					    s[*i + 6] != '\\' ||
					    s[*i + 7] != 'u' ||
					    sl_json__hex4(s + *i + 8, &lo) <
						    0 ||
					    lo < 0xDC00 || lo > 0xDFFF)
						return 0;
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					     (lo - 0xDC00);
					*i += 6;
				}
				sl_utf8_put(buf, (int32_t)cp);
				*i += 4;
				break;
			}
			default:
				return 0;
			}
			*i += 2;
			run = *i;
			continue;
		}
		{
			size_t p = *i;
			int32_t cp;
			if (!sl_utf8_next(s, len, &p, &cp))
				return 0;
			*i = p;
		}
	}
}

/* @return 1 with *out set, 0 when the file is not in the subset, <0 OOM */
static int fast_item(sl_item **out, const char *path, const char *s, size_t len)
{
	char **slots[6];
	sl_item *it;
	sl_buf key = SL_BUF_INIT, val = SL_BUF_INIT;
	size_t i = 0, k;
	int rc = 0;

	*out = NULL;
	it = sl_item_new();
	if (!it)
		return sl_error_oom();
	slots[0] = &it->id;
	slots[1] = &it->section;
	slots[2] = &it->scope;
	slots[3] = &it->category;
	slots[4] = &it->question;
	slots[5] = &it->answer;
	fast_ws(s, len, &i);
	if (i >= len || s[i] != '{')
		goto giveup;
	i++;
	fast_ws(s, len, &i);
	if (i < len && s[i] == '}')
		goto giveup; /* empty object: missing fields */
	for (;;) {
		sl_buf_clear(&key);
		sl_buf_clear(&val);
		rc = fast_string(&key, s, len, &i);
		if (rc <= 0)
			goto done;
		fast_ws(s, len, &i);
		if (i >= len || s[i] != ':')
			goto giveup;
		i++;
		fast_ws(s, len, &i);
		rc = fast_string(&val, s, len, &i);
		if (rc <= 0)
			goto done;
		for (k = 0; k < 6; k++)
			if (key.len &&
			    !strcmp(key.ptr, sl_item_known_fields[k]))
				break;
		if (k == 6 || *slots[k])
			goto giveup; /* unknown key, or a duplicate */
		/* A copy of the exact size, not the buffer: grown for the
		 * longest field, it would carry tens of bytes of slack into
		 * each of the item's strings, which a far diff holds for
		 * 40,000 items at once. */
		*slots[k] = sl_strndup(sl_buf_cstr(&val), val.len);
		if (!*slots[k]) {
			rc = sl_error_oom();
			goto done;
		}
		fast_ws(s, len, &i);
		if (i < len && s[i] == ',') {
			i++;
			fast_ws(s, len, &i);
			continue;
		}
		if (i < len && s[i] == '}') {
			i++;
			break;
		}
		goto giveup;
	}
	fast_ws(s, len, &i);
	if (i != len || !it->id || !it->section || !it->question || !it->answer)
		goto giveup;
	it->path = sl_strdup(path);
	if (!it->path) {
		rc = sl_error_oom();
		goto done;
	}
	*out = it;
	it = NULL;
	rc = 1;
	goto done;
giveup:
	rc = 0;
done:
	sl_buf_dispose(&key);
	sl_buf_dispose(&val);
	sl_item_free(it);
	return rc < 0 ? sl_error_oom() : rc;
}

int sl_json_parse_item(sl_item **out, sl_diag_list *diags, const char *path,
		       const char *data, size_t len)
{
	int rc;
	*out = NULL;
	rc = fast_item(out, path, data, len);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	return sl_json__parse_item_jansson(out, diags, path, data, len);
}

int sl_json__parse_item_jansson(sl_item **out, sl_diag_list *diags,
				const char *path, const char *data, size_t len)
{
	parse_ctx ctx = {diags, path, data, len, NULL, NULL, 0};
	json_t *root = NULL, *value;
	const char *key;
	sl_item *item = NULL;
	static const char *const required[] = {"id", "section", "question",
					       "answer"};
	size_t i;
	int rc;

	*out = NULL;
	rc = parse_root(&root, &ctx, "an item file");
	if (rc < 0 || !root)
		return rc;
	item = sl_item_new();
	if (!item) {
		rc = sl_error_oom();
		goto done;
	}
	value = json_object_get(root, "id");
	if (json_is_string(value))
		ctx.item_id = json_string_value(value);
	json_object_foreach(root, key, value)
	{
		if (sl_item_is_known_field(key)) {
			char **slot =
				!strcmp(key, "id")         ? &item->id
				: !strcmp(key, "section")  ? &item->section
				: !strcmp(key, "scope")    ? &item->scope
				: !strcmp(key, "category") ? &item->category
				: !strcmp(key, "question") ? &item->question
							   : &item->answer;
			rc = take_string(&ctx, key, value, slot, "");
		} else {
			rc = add_extra(&item->extra, &item->extra_count, key,
				       value);
		}
		if (rc < 0)
			goto done;
	}
	for (i = 0; i < SL_ARRAY_SIZE(required); i++) {
		char msg[128];
		if (json_object_get(root, required[i]))
			continue;
		snprintf(msg, sizeof(msg), "missing required field \"%s\"",
			 required[i]);
		rc = ctx_diag_at_key(&ctx, NULL, "missing-field", msg);
		if (rc < 0)
			goto done;
	}
	if (item->extra_count > 1)
		qsort(item->extra, item->extra_count, sizeof(*item->extra),
		      extra_cmp);
	if (ctx.errors == 0) {
		item->path = sl_strdup(path);
		if (!item->path) {
			rc = sl_error_oom();
			goto done;
		}
		*out = item;
		item = NULL;
	}
done:
	sl_item_free(item);
	json_decref(root);
	return rc;
}

/* sheet.json keys with plain string values, in canonical order; NULL
 * marks where the structured keys go. */
typedef struct meta_key {
	const char *name;
	size_t offset; /* of the char * in sl_sheet_meta, or (size_t)-1 */
} meta_key;

#define META_STR(f)                            \
	{                                      \
#f, offsetof(sl_sheet_meta, f) \
	}
#define META_SPECIAL(n)       \
	{                     \
		n, (size_t)-1 \
	}

static const meta_key meta_keys[] = {
	META_STR(title),          META_STR(publisher),
	META_STR(source_url),     META_STR(as_of),
	META_STR(timezone),       META_STR(id_pattern),
	META_STR(introduction),   META_STR(as_of_note),
	META_SPECIAL("columns"),  META_SPECIAL("scopes"),
	META_SPECIAL("sections"), META_STR(disclaimer_title),
	META_STR(disclaimer),     META_STR(page_header),
	META_STR(page_footer),
};

static const char *const column_keys[] = {"id", "category", "question",
					  "answer"};

static char **column_slot(sl_columns *c, size_t i)
{
	char **slots[] = {&c->id, &c->category, &c->question, &c->answer};
	return slots[i];
}

static int parse_columns(parse_ctx *ctx, json_t *value, sl_columns *cols)
{
	const char *key;
	json_t *v;
	int rc = 0;
	ctx->loc_key = "columns";
	if (!json_is_object(value))
		return ctx_diag_at_key(ctx, "columns", "field-type",
				       "\"columns\" must be an object");
	json_object_foreach(value, key, v)
	{
		size_t i;
		for (i = 0; i < SL_ARRAY_SIZE(column_keys); i++)
			if (!strcmp(key, column_keys[i]))
				break;
		if (i == SL_ARRAY_SIZE(column_keys)) {
			char msg[256];
			snprintf(msg, sizeof(msg),
				 "unknown key \"%s\" in \"columns\"", key);
			rc = ctx_diag_at_key(ctx, "columns", "unknown-key",
					     msg);
		} else {
			rc = take_string(ctx, key, v, column_slot(cols, i),
					 "columns.");
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Parse an array of {id, title[, scope]} objects (scopes or sections). */
static int parse_list(parse_ctx *ctx, const char *name, json_t *value,
		      bool with_scope, void **arr_out, size_t *count_out)
{
	size_t i, n, elem = with_scope ? sizeof(sl_section) : sizeof(sl_scope);
	char *arr;
	char msg[256];
	int rc = 0;

	ctx->loc_key = name;
	if (!json_is_array(value))
		return ctx_diag_at_key(ctx, name, "field-type",
				       with_scope
					       ? "\"sections\" must be an array"
					       : "\"scopes\" must be an array");
	n = json_array_size(value);
	arr = sl_calloc(n ? n : 1, elem);
	if (!arr)
		return sl_error_oom();
	*arr_out = arr;
	*count_out = n;
	for (i = 0; i < n && rc == 0; i++) {
		json_t *obj = json_array_get(value, i), *v;
		const char *key;
		char where[64];
		char **id, **title, **scope = NULL;
		if (with_scope) {
			sl_section *s = (sl_section *)(void *)(arr + i * elem);
			id = &s->id, title = &s->title, scope = &s->scope;
		} else {
			sl_scope *s = (sl_scope *)(void *)(arr + i * elem);
			id = &s->id, title = &s->title;
		}
		snprintf(where, sizeof(where), "%s[%zu].", name, i);
		if (!json_is_object(obj)) {
			snprintf(msg, sizeof(msg), "%s[%zu] must be an object",
				 name, i);
			rc = ctx_diag_at_key(ctx, name, "field-type", msg);
			continue;
		}
		json_object_foreach(obj, key, v)
		{
			if (!strcmp(key, "id"))
				rc = take_string(ctx, key, v, id, where);
			else if (!strcmp(key, "title"))
				rc = take_string(ctx, key, v, title, where);
			else if (with_scope && !strcmp(key, "scope"))
				rc = take_string(ctx, key, v, scope, where);
			else {
				snprintf(msg, sizeof(msg),
					 "unknown key \"%s\" in %s[%zu]", key,
					 name, i);
				rc = ctx_diag_at_key(ctx, name, "unknown-key",
						     msg);
			}
			if (rc < 0)
				break;
		}
		if (rc == 0 && !*id) {
			snprintf(msg, sizeof(msg), "%s[%zu] has no \"id\"",
				 name, i);
			rc = ctx_diag_at_key(ctx, name, "missing-field", msg);
		}
		if (rc == 0 && !*title && with_scope) {
			snprintf(msg, sizeof(msg), "%s[%zu] has no \"title\"",
				 name, i);
			rc = ctx_diag_at_key(ctx, name, "missing-field", msg);
		}
	}
	return rc;
}

int sl_json_parse_meta(sl_sheet_meta *out, sl_diag_list *diags,
		       const char *path, const char *data, size_t len)
{
	parse_ctx ctx = {diags, path, data, len, NULL, NULL, 0};
	json_t *root = NULL, *value;
	const char *key;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = parse_root(&root, &ctx, "sheet.json");
	if (rc < 0 || !root)
		return rc;
	json_object_foreach(root, key, value)
	{
		size_t i;
		for (i = 0; i < SL_ARRAY_SIZE(meta_keys); i++)
			if (!strcmp(key, meta_keys[i].name))
				break;
		if (i == SL_ARRAY_SIZE(meta_keys)) {
			rc = add_extra(&out->extra, &out->extra_count, key,
				       value);
		} else if (meta_keys[i].offset != (size_t)-1) {
			char **slot = (char **)(void *)((char *)out +
							meta_keys[i].offset);
			rc = take_string(&ctx, key, value, slot, "");
		} else if (!strcmp(key, "columns")) {
			rc = parse_columns(&ctx, value, &out->columns);
		} else if (!strcmp(key, "scopes")) {
			void *arr = NULL;
			rc = parse_list(&ctx, "scopes", value, false, &arr,
					&out->scope_count);
			out->scopes = arr;
		} else {
			void *arr = NULL;
			rc = parse_list(&ctx, "sections", value, true, &arr,
					&out->section_count);
			out->sections = arr;
		}
		if (rc < 0)
			goto done;
	}
	if (!json_object_get(root, "as_of"))
		rc = ctx_diag_at_key(&ctx, NULL, "missing-field",
				     "missing required field \"as_of\"");
	if (rc == 0 && !json_object_get(root, "sections"))
		rc = ctx_diag_at_key(&ctx, NULL, "missing-field",
				     "missing required field \"sections\"");
	if (rc < 0)
		goto done;
	if (out->extra_count > 1)
		qsort(out->extra, out->extra_count, sizeof(*out->extra),
		      extra_cmp);
	if (ctx.errors == 0 && !(out->path = sl_strdup(path)))
		rc = sl_error_oom();
done:
	json_decref(root);
	if (rc < 0 || ctx.errors)
		sl_sheet_meta_dispose(out);
	return rc;
}

/* ---- canonical dump ----------------------------------------------------- */

/* Set key to a string; a NULL value is skipped. @return 0 or -1 on OOM */
static int put_str(json_t *obj, const char *key, const char *value)
{
	json_t *s;
	if (!value)
		return 0;
	s = json_string(value);
	if (!s || json_object_set_new(obj, key, s) < 0)
		return -1;
	return 0;
}

static int put_extras(json_t *obj, const sl_extra *extra, size_t count)
{
	size_t i;
	for (i = 0; i < count; i++) {
		json_t *v;
		if (extra[i].is_json)
			v = json_loads(extra[i].text, JSON_DECODE_ANY, NULL);
		else
			v = json_string(extra[i].text);
		if (!v || json_object_set_new(obj, extra[i].name, v) < 0)
			return -1;
	}
	return 0;
}

/*
 * End a document: root (consumed; NULL when it could not be made) gets
 * its extra fields, then is appended to out as canonical text (2-space
 * indent, one trailing newline). filled is false when filling root ran
 * out of memory. @return 0 or SL_ENOMEM
 */
static int dump_root(sl_buf *out, json_t *root, bool filled,
		     const sl_extra *extra, size_t extra_count)
{
	char *text = NULL;
	if (root && filled && put_extras(root, extra, extra_count) == 0)
		text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	return sl_json__put_dump(out, text);
}

/* A new, empty document object (jansson set up first), or NULL. */
static json_t *dump_new(void)
{
	sl_json__init();
	return json_object();
}

int sl_json_dump_item(sl_buf *out, const sl_item *item)
{
	json_t *root = dump_new();
	bool filled = root != NULL;
	size_t i;

	for (i = 0; filled && i < SL_ARRAY_SIZE(sl_item_known_fields); i++) {
		const char *k = sl_item_known_fields[i];
		filled = put_str(root, k, sl_item_get(item, k, NULL)) == 0;
	}
	return dump_root(out, root, filled, item->extra, item->extra_count);
}

static json_t *dump_list(const void *arr, size_t n, bool with_scope)
{
	json_t *list = json_array();
	size_t i;
	if (!list)
		return NULL;
	for (i = 0; i < n; i++) {
		json_t *o = json_object();
		const char *id, *title, *scope = NULL;
		if (with_scope) {
			const sl_section *s = (const sl_section *)arr + i;
			id = s->id, title = s->title, scope = s->scope;
		} else {
			const sl_scope *s = (const sl_scope *)arr + i;
			id = s->id, title = s->title;
		}
		if (!o || json_array_append_new(list, o) < 0 ||
		    put_str(o, "id", id) < 0 ||
		    put_str(o, "title", title) < 0 ||
		    put_str(o, "scope", scope) < 0) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* Put meta's field k into root (nothing for an absent list or columns).
 * @return 0 or -1 (out of memory) */
static int dump_meta_key(json_t *root, const sl_sheet_meta *meta,
			 const meta_key *k)
{
	if (k->offset != (size_t)-1) {
		const char *v =
			*(char *const *)(const void *)((const char *)meta +
						       k->offset);
		if (put_str(root, k->name, v) < 0)
			return -1;
	} else if (!strcmp(k->name, "columns")) {
		json_t *c;
		size_t j;
		bool any = false;
		for (j = 0; j < SL_ARRAY_SIZE(column_keys); j++)
			any |= *column_slot((sl_columns *)&meta->columns, j) !=
			       NULL;
		if (!any)
			return 0;
		c = json_object();
		if (!c || json_object_set_new(root, "columns", c) < 0)
			return -1;
		for (j = 0; j < SL_ARRAY_SIZE(column_keys); j++)
			if (put_str(c, column_keys[j],
				    *column_slot((sl_columns *)&meta->columns,
						 j)) < 0)
				return -1;
	} else if (!strcmp(k->name, "scopes")) {
		json_t *l;
		if (!meta->scopes)
			return 0;
		l = dump_list(meta->scopes, meta->scope_count, false);
		if (!l || json_object_set_new(root, "scopes", l) < 0)
			return -1;
	} else {
		json_t *l =
			dump_list(meta->sections, meta->section_count, true);
		if (!l || json_object_set_new(root, "sections", l) < 0)
			return -1;
	}
	return 0;
}

int sl_json_dump_meta(sl_buf *out, const sl_sheet_meta *meta)
{
	json_t *root = dump_new();
	bool filled = root != NULL;
	size_t i;

	for (i = 0; filled && i < SL_ARRAY_SIZE(meta_keys); i++)
		filled = dump_meta_key(root, meta, &meta_keys[i]) == 0;
	return dump_root(out, root, filled, meta->extra, meta->extra_count);
}
