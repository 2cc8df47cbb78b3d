/*
 * render_json.c: the JSON documents of the tool (docs/json-contract.md).
 * Built with jansson in the documented key order; jansson values never
 * leave this file.
 *
 * export:  {"sheet": <sheet.json object>,
 *           "revision": {"rev": string, "commit": string|null},
 *           "items": [<item object in canonical key order>, ...]}
 *          items in document order (section order of sheet.json, then
 *          natural id order).
 */
#include "render.h"

#include <jansson.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "json.h"
#include "utf8.h"

/* Parse our own canonical text back into a value (the simplest way to
 * share json.c's key order without exposing jansson types). */
static json_t *canonical_value(int (*dump)(sl_buf *, const void *),
			       const void *obj)
{
	sl_buf b = SL_BUF_INIT;
	json_t *v = NULL;
	if (dump(&b, obj) == 0)
		v = json_loadb(b.ptr, b.len, 0, NULL);
	sl_buf_dispose(&b);
	return v;
}

static int dump_item_cb(sl_buf *b, const void *obj)
{
	return sl_json_dump_item(b, obj);
}

static int dump_meta_cb(sl_buf *b, const void *obj)
{
	return sl_json_dump_meta(b, obj);
}

/* A JSON string of arbitrary bytes: invalid UTF-8 (a file name, say)
 * becomes U+FFFD instead of failing. */
static json_t *lossy_string(const char *s)
{
	size_t len = strlen(s), pos = 0;
	sl_buf b = SL_BUF_INIT;
	json_t *v;
	if (sl_utf8_valid(s, len, NULL))
		return json_string(s);
	while (pos < len) {
		size_t start = pos;
		int32_t cp;
		if (sl_utf8_next(s, len, &pos, &cp)) {
			sl_buf_put(&b, s + start, pos - start);
		} else {
			sl_buf_puts(&b, "\xEF\xBF\xBD");
			pos++;
		}
	}
	v = sl_buf_oom(&b) ? NULL : json_string(sl_buf_cstr(&b));
	sl_buf_dispose(&b);
	return v;
}

static json_t *str_or_null(const char *s)
{
	return s ? lossy_string(s) : json_null();
}

int sl_render_export_json(sl_buf *out, const sl_sheet *sheet,
			  const sl_render_options *opts)
{
	json_t *root, *items, *rev, *meta;
	size_t i, n = sl_sheet_item_count(sheet);
	char *text;

	sl_json__init();
	root = json_object();
	items = json_array();
	rev = json_object();
	meta = canonical_value(dump_meta_cb, sl_sheet_meta_get(sheet));
	if (!root || !items || !rev || !meta)
		goto oom;
	if (json_object_set_new(
		    rev, "rev",
		    json_string(opts->rev ? opts->rev : "WORKTREE")) ||
	    json_object_set_new(rev, "commit", str_or_null(opts->commit)))
		goto oom;
	for (i = 0; i < n; i++) {
		json_t *it =
			canonical_value(dump_item_cb, sl_sheet_item(sheet, i));
		if (!it || json_array_append_new(items, it) < 0)
			goto oom;
	}
	if (json_object_set_new(root, "sheet", meta) < 0) {
		meta = NULL;
		goto oom;
	}
	meta = NULL;
	if (json_object_set_new(root, "revision", rev) < 0) {
		rev = NULL;
		goto oom;
	}
	rev = NULL;
	if (json_object_set_new(root, "items", items) < 0) {
		items = NULL;
		goto oom;
	}
	items = NULL;
	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text)
		return sl_error_oom();
	sl_buf_puts(out, text);
	sl_buf_putc(out, '\n');
	sl_free(text);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
oom:
	json_decref(meta);
	json_decref(rev);
	json_decref(items);
	json_decref(root);
	return sl_error_oom();
}

/*
 * lint:    {"rev": string, "items": n, "errors": n, "warnings": n,
 *           "diagnostics": [{"path", "line", "column", "severity",
 *                            "rule", "message", "item"}]}
 *          line and column are 0 when the finding is file-wide; item is
 *          null when the finding concerns no single item.
 */
int sl_render_diags_json(sl_buf *out, const sl_diag_list *diags,
			 const char *rev, size_t item_count)
{
	json_t *root, *list;
	const sl_diag *d;
	size_t i;
	char *text;

	sl_json__init();
	root = json_object();
	list = json_array();
	if (!root || !list)
		goto oom;
	if (json_object_set_new(root, "rev",
				json_string(rev ? rev : "WORKTREE")) ||
	    json_object_set_new(root, "items",
				json_integer((json_int_t)item_count)) ||
	    json_object_set_new(root, "errors",
				json_integer((json_int_t)diags->errors)) ||
	    json_object_set_new(root, "warnings",
				json_integer((json_int_t)diags->warnings)))
		goto oom;
	SL_DIAG_FOREACH (diags, i, d) {
		json_t *o = json_object();
		if (!o || json_array_append_new(list, o) < 0 ||
		    json_object_set_new(o, "path", lossy_string(d->path)) ||
		    json_object_set_new(o, "line", json_integer(d->line)) ||
		    json_object_set_new(o, "column", json_integer(d->col)) ||
		    json_object_set_new(
			    o, "severity",
			    json_string(sl_severity_name(d->severity))) ||
		    json_object_set_new(o, "rule", json_string(d->rule)) ||
		    json_object_set_new(o, "message",
					lossy_string(d->message)) ||
		    json_object_set_new(o, "item",
					d->item_id ? json_string(d->item_id)
						   : json_null()))
			goto oom;
	}
	if (json_object_set_new(root, "diagnostics", list) < 0) {
		list = NULL;
		goto oom;
	}
	list = NULL;
	text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text)
		return sl_error_oom();
	sl_buf_puts(out, text);
	sl_buf_putc(out, '\n');
	sl_free(text);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
oom:
	json_decref(list);
	json_decref(root);
	return sl_error_oom();
}
