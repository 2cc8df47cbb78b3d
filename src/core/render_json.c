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
 *
 * diff:    {"from": <rev>, "to": <rev>,
 *           "summary": {"added", "removed", "modified", "renumbered",
 *                       "notation_only", "unchanged"},
 *           "changes": [{"id", "old_id", "status", "section",
 *                        "notation_only", "fields": [{"field", "old", "new",
 *                        "notation_only", "ops": [{"op", "text"}]}]}]}
 *          <rev> = {"rev", "commit" (40 hex, null for WORKTREE/INDEX),
 *                   "date" (ISO 8601 with the commit's offset, or null),
 *                   "edition" (or null)}
 *          "old_id" is null for added items; a removed item's "id" is the
 *          removed id. Order: by section, then natural id order.
 */
#include "render.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "json.h"
#include "date.h"
#include "utf8.h"
#include "repo_edition.h"
#include "blame.h"
#include "history.h"
#include "log.h"
#include "render_int.h"

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

/* ---- a streaming writer --------------------------------------------------
 * Diffs of large sheets hold tens of thousands of strings; building a
 * jansson tree for them cost more than computing the diff. This writer
 * appends directly, in exactly jansson's JSON_INDENT(2) layout (so the
 * documents read the same whichever way they were made): two-space
 * indent, ": " after keys, "[]" and "{}" for empty containers, and
 * jansson's escapes (\" \\ \b \f \n \r \t, \u00XX for other control
 * characters; UTF-8 written as is).
 */
typedef struct jw {
	sl_buf *out;
	int depth;
	bool first[32]; /* per depth: no element written yet */
} jw;

static void jw_indent(jw *w)
{
	static const char spaces[] =
		"\n                                                                ";
	size_t n = 1 + 2 * (size_t)w->depth;
	if (n > sizeof(spaces) - 1)
		n = sizeof(spaces) - 1;
	sl_buf_put(w->out, spaces, n);
}

/* Before a value or key in the current container. */
static void jw_sep(jw *w)
{
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		sl_buf_putc(w->out, ',');
	w->first[w->depth] = false;
	jw_indent(w);
}

static void jw_open(jw *w, char c)
{
	sl_buf_putc(w->out, c);
	if (w->depth < 31)
		w->depth++;
	w->first[w->depth] = true;
}

static void jw_close(jw *w, char c)
{
	bool empty = w->first[w->depth];
	w->depth--;
	if (!empty)
		jw_indent(w);
	sl_buf_putc(w->out, c);
}

static void jw_string(jw *w, const char *s, size_t len)
{
	size_t i, run = 0;
	sl_buf_putc(w->out, '"');
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		const char *rep = NULL;
		char tmp[8];
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		switch (ch) {
		case '"':
			rep = "\\\"";
			break;
		case '\\':
			rep = "\\\\";
			break;
		case '\b':
			rep = "\\b";
			break;
		case '\f':
			rep = "\\f";
			break;
		case '\n':
			rep = "\\n";
			break;
		case '\r':
			rep = "\\r";
			break;
		case '\t':
			rep = "\\t";
			break;
		default:
			snprintf(tmp, sizeof(tmp), "\\u%04X", ch);
			rep = tmp;
		}
		sl_buf_put(w->out, s + run, i - run);
		sl_buf_puts(w->out, rep);
		run = i + 1;
	}
	sl_buf_put(w->out, s + run, len - run);
	sl_buf_putc(w->out, '"');
}

/* Keys are our own ASCII names: no escaping needed. */
static void jw_key(jw *w, const char *key)
{
	size_t n = strlen(key);
	jw_sep(w);
	if (sl_buf_grow(w->out, n + 4) < 0)
		return;
	w->out->ptr[w->out->len++] = '"';
	memcpy(w->out->ptr + w->out->len, key, n);
	w->out->len += n;
	memcpy(w->out->ptr + w->out->len, "\": ", 3);
	w->out->len += 3;
	w->out->ptr[w->out->len] = '\0';
}

static void jw_str_or_null(jw *w, const char *s)
{
	if (s)
		jw_string(w, s, strlen(s));
	else
		sl_buf_puts(w->out, "null");
}

static void jw_kv_str(jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str_or_null(w, s);
}

static void jw_kv_bool(jw *w, const char *key, bool v)
{
	jw_key(w, key);
	sl_buf_puts(w->out, v ? "true" : "false");
}

static void jw_kv_count(jw *w, const char *key, size_t n)
{
	jw_key(w, key);
	sl_buf_printf(w->out, "%zu", n);
}

/* ---- diff -----------------------------------------------------------------
 */

static void jw_rev(jw *w, const char *key, const sl_rev *rev)
{
	jw_key(w, key);
	if (!rev) {
		sl_buf_puts(w->out, "null");
		return;
	}
	jw_open(w, '{');
	jw_kv_str(w, "rev", rev->label);
	jw_kv_str(w, "commit",
		  rev->kind == SL_SNAP_COMMIT ? rev->commit : NULL);
	jw_key(w, "date");
	if (rev->kind == SL_SNAP_COMMIT) {
		sl_buf iso = SL_BUF_INIT;
		sl_date_format_iso(&iso, rev->time, rev->offset_min);
		jw_string(w, sl_buf_cstr(&iso), iso.len);
		sl_buf_dispose(&iso);
	} else {
		sl_buf_puts(w->out, "null");
	}
	jw_kv_str(w, "edition", rev->edition);
	jw_close(w, '}');
}

/* with_unchanged is false for per-commit summaries (log), whose diffs
 * never look at the items a commit left alone. */
static void jw_summary(jw *w, const char *key, const sl_diff_summary *s,
		       bool with_unchanged)
{
	jw_key(w, key);
	jw_open(w, '{');
	jw_kv_count(w, "added", s->added);
	jw_kv_count(w, "removed", s->removed);
	jw_kv_count(w, "modified", s->modified);
	jw_kv_count(w, "renumbered", s->renumbered);
	jw_kv_count(w, "notation_only", s->notation_only);
	if (with_unchanged)
		jw_kv_count(w, "unchanged", s->unchanged);
	jw_close(w, '}');
}

static void jw_change(jw *w, const sl_change *c)
{
	size_t i, k;
	jw_sep(w);
	jw_open(w, '{');
	jw_kv_str(w, "id", c->id);
	jw_kv_str(w, "old_id", c->old_id);
	jw_kv_str(w, "status", sl_change_status_name(c->status));
	jw_kv_str(w, "section", c->section);
	jw_kv_bool(w, "notation_only", c->notation_only);
	jw_key(w, "fields");
	jw_open(w, '[');
	for (i = 0; i < c->field_count; i++) {
		const sl_field_change *fc = &c->fields[i];
		jw_sep(w);
		jw_open(w, '{');
		jw_kv_str(w, "field", fc->field);
		jw_kv_str(w, "old", fc->old_text);
		jw_kv_str(w, "new", fc->new_text);
		jw_kv_bool(w, "notation_only", fc->notation_only);
		jw_key(w, "ops");
		jw_open(w, '[');
		for (k = 0; k < fc->ops.count; k++) {
			const sl_text_op *op = &fc->ops.ops[k];
			jw_sep(w);
			jw_open(w, '{');
			jw_kv_str(w, "op", sl_op_kind_name(op->op));
			jw_key(w, "text");
			jw_string(w, op->text, op->len);
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

int sl_render_diff_json(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts)
{
	jw w;
	size_t i;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '{');
	jw_rev(&w, "from", opts->from);
	jw_rev(&w, "to", opts->to);
	jw_summary(&w, "summary", sl_diff_summary_of(diff), true);
	jw_key(&w, "changes");
	jw_open(&w, '[');
	for (i = 0; i < sl_diff_count(diff); i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (sl_render__shown(opts, c))
			jw_change(&w, c);
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	sl_buf_putc(out, '\n');
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

static int set_count(json_t *o, const char *key, size_t n)
{
	return json_object_set_new(o, key, json_integer((json_int_t)n));
}

/* ---- editions ---------------------------------------------------------------
 * [{"name", "commit", "date", "author", "tagged", "items",
 *   "changes": {"added", ...} against the previous edition, or null}]
 */
static json_t *summary_json(const sl_diff_summary *s)
{
	json_t *o = json_object();
	if (!o || set_count(o, "added", s->added) ||
	    set_count(o, "removed", s->removed) ||
	    set_count(o, "modified", s->modified) ||
	    set_count(o, "renumbered", s->renumbered) ||
	    set_count(o, "notation_only", s->notation_only) ||
	    set_count(o, "unchanged", s->unchanged)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int sl_render_editions_json(sl_buf *out, const sl_edition_row *rows, size_t n,
			    const sl_render_options *opts)
{
	json_t *list;
	size_t i;
	char *text;
	(void)opts;
	sl_json__init();
	list = json_array();
	for (i = 0; list && i < n; i++) {
		const sl_edition *e = rows[i].edition;
		json_t *o = json_object();
		sl_buf date = SL_BUF_INIT;
		int bad;
		sl_date_format_iso(&date, e->time, e->offset_min);
		bad = !o || json_array_append_new(list, o) ||
		      json_object_set_new(o, "name", json_string(e->name)) ||
		      json_object_set_new(o, "commit",
					  json_string(e->commit)) ||
		      json_object_set_new(o, "date",
					  json_string(sl_buf_cstr(&date))) ||
		      json_object_set_new(o, "author",
					  lossy_string(e->author)) ||
		      json_object_set_new(o, "tagged",
					  json_boolean(e->tagged)) ||
		      set_count(o, "items", rows[i].items) ||
		      json_object_set_new(
			      o, "changes",
			      rows[i].has_previous
				      ? summary_json(&rows[i].changes)
				      : json_null());
		sl_buf_dispose(&date);
		if (bad) {
			json_decref(list);
			return sl_error_oom();
		}
	}
	if (!list)
		return sl_error_oom();
	text = json_dumps(list, JSON_INDENT(2));
	json_decref(list);
	if (!text)
		return sl_error_oom();
	sl_buf_puts(out, text);
	sl_buf_putc(out, '\n');
	sl_free(text);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- changelog --------------------------------------------------------------
 * {"from", "to", "summary" (as in diff),
 *  "sections": [{"id", "title", "scope", "summary", "changes": [...]}]}
 * where each change is a diff change object; sections in document order.
 */
int sl_render_changelog_json(sl_buf *out, const sl_diff *diff,
			     const sl_render_options *opts)
{
	sl_render_group *groups = NULL;
	size_t n, g, i;
	jw w;
	int rc = sl_render__groups(&groups, &n, diff);
	if (rc < 0)
		return rc;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '{');
	jw_rev(&w, "from", opts->from);
	jw_rev(&w, "to", opts->to);
	jw_summary(&w, "summary", sl_diff_summary_of(diff), true);
	jw_key(&w, "sections");
	jw_open(&w, '[');
	for (g = 0; g < n; g++) {
		const sl_render_group *gr = &groups[g];
		sl_diff_summary s;
		memset(&s, 0, sizeof(s));
		for (i = gr->first; i < gr->first + gr->count; i++) {
			const sl_change *c = sl_diff_change(diff, i);
			switch (c->status) {
			case SL_CHANGE_ADDED:
				s.added++;
				break;
			case SL_CHANGE_REMOVED:
				s.removed++;
				break;
			case SL_CHANGE_RENUMBERED:
				s.renumbered++;
				break;
			case SL_CHANGE_MODIFIED:
				if (c->notation_only)
					s.notation_only++;
				else
					s.modified++;
				break;
			}
		}
		jw_sep(&w);
		jw_open(&w, '{');
		jw_kv_str(&w, "id", gr->section_id);
		jw_kv_str(&w, "title", gr->section ? gr->section->title : NULL);
		jw_kv_str(&w, "scope", gr->scope);
		jw_summary(&w, "summary", &s, true);
		jw_key(&w, "changes");
		jw_open(&w, '[');
		for (i = gr->first; i < gr->first + gr->count; i++) {
			const sl_change *c = sl_diff_change(diff, i);
			if (sl_render__shown(opts, c))
				jw_change(&w, c);
		}
		jw_close(&w, ']');
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	sl_buf_putc(out, '\n');
	sl_free(groups);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/*
 * ---- history, show, blame, log, audit ----
 *
 * history: {"item", "start", "truncated", "shallow_boundary",
 *           "revisions": [{"rev", "commit", "date", "author", "edition",
 *           "message", "id", "old_id", "status", "notation_only", "merge",
 *           "resolution", "fields": [as in diff]}]}   newest first
 * show:    {"rev", "commit", "edition", "last_change": <step or null>,
 *           "item": {<canonical fields>}}
 * blame:   {"item", "rev", "fields": [{"field", "value", "change"}],
 *           "chars": null | {"field", "runs": [{"text", "change"}]}}
 *           change = {"rev", "commit", "date", "author", "edition"} or null
 * log:     [{"commit", "date", "author", "edition", "message", "merge",
 *            "resolution", "summary" (without "unchanged"), "ids": [...]}]
 *            newest first
 * audit:   [{"commit", "date", "author", "edition", "item_id",
 *            "old_item_id", "item_id_now", "status", "field", "old",
 *            "new", "notation_only"}]   oldest first
 */

static void jw_time(jw *w, const char *key, int64_t t, int offset)
{
	sl_buf iso = SL_BUF_INIT;
	sl_date_format_iso(&iso, t, offset);
	jw_key(w, key);
	jw_string(w, sl_buf_cstr(&iso), iso.len);
	sl_buf_dispose(&iso);
}

static void jw_fields(jw *w, const sl_change *c)
{
	size_t i, k;
	jw_key(w, "fields");
	jw_open(w, '[');
	for (i = 0; i < c->field_count; i++) {
		const sl_field_change *fc = &c->fields[i];
		jw_sep(w);
		jw_open(w, '{');
		jw_kv_str(w, "field", fc->field);
		jw_kv_str(w, "old", fc->old_text);
		jw_kv_str(w, "new", fc->new_text);
		jw_kv_bool(w, "notation_only", fc->notation_only);
		jw_key(w, "ops");
		jw_open(w, '[');
		for (k = 0; k < fc->ops.count; k++) {
			jw_sep(w);
			jw_open(w, '{');
			jw_kv_str(w, "op", sl_op_kind_name(fc->ops.ops[k].op));
			jw_key(w, "text");
			jw_string(w, fc->ops.ops[k].text, fc->ops.ops[k].len);
			jw_close(w, '}');
		}
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/* A step object at the current position (no separator). */
static void jw_step_obj(jw *w, const sl_history_step *s)
{
	const sl_change *c = s->change;
	jw_open(w, '{');
	jw_kv_str(w, "rev", s->rev);
	jw_kv_str(w, "commit", s->is_commit ? s->info.id : NULL);
	if (s->is_commit)
		jw_time(w, "date", s->time, s->offset_min);
	else
		jw_kv_str(w, "date", NULL);
	jw_kv_str(w, "author", s->is_commit ? s->info.author.who : NULL);
	jw_kv_str(w, "edition", s->edition);
	jw_kv_str(w, "message", s->is_commit ? s->info.summary : NULL);
	jw_kv_str(w, "id", c->id);
	jw_kv_str(w, "old_id", c->old_id);
	jw_kv_str(w, "status", sl_change_status_name(c->status));
	jw_kv_bool(w, "notation_only", c->notation_only);
	jw_kv_bool(w, "merge", s->merge);
	jw_kv_bool(w, "resolution", s->resolution);
	jw_fields(w, c);
	jw_close(w, '}');
}

static void jw_step(jw *w, const sl_history_step *s)
{
	jw_sep(w);
	jw_step_obj(w, s);
}

static int jw_done(sl_buf *out)
{
	sl_buf_putc(out, '\n');
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

int sl_render_history_json(sl_buf *out, const sl_history *h,
			   const sl_render_options *o)
{
	jw w;
	size_t i;
	(void)o;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '{');
	jw_kv_str(&w, "item", h->item);
	jw_kv_str(&w, "start", h->start);
	jw_kv_bool(&w, "truncated", h->truncated);
	jw_kv_str(&w, "shallow_boundary", h->truncated ? h->boundary : NULL);
	jw_key(&w, "revisions");
	jw_open(&w, '[');
	for (i = 0; i < h->steps.len; i++)
		jw_step(&w, h->steps.items[i]);
	jw_close(&w, ']');
	jw_close(&w, '}');
	return jw_done(out);
}

static void jw_item(jw *w, const sl_item *it)
{
	size_t i;
	jw_open(w, '{');
	for (i = 0; i < SL_ARRAY_SIZE(sl_item_known_fields); i++) {
		const char *v = sl_item_get(it, sl_item_known_fields[i], NULL);
		if (v)
			jw_kv_str(w, sl_item_known_fields[i], v);
	}
	for (i = 0; i < it->extra_count; i++) {
		jw_key(w, it->extra[i].name);
		if (it->extra[i].is_json)
			sl_buf_puts(w->out, it->extra[i].text);
		else
			jw_str_or_null(w, it->extra[i].text);
	}
	jw_close(w, '}');
}

int sl_render_show_json(sl_buf *out, const sl_item *it, const sl_rev *rev,
			const sl_history *h, const sl_render_options *o)
{
	jw w;
	(void)o;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '{');
	jw_kv_str(&w, "rev", rev->label);
	jw_kv_str(&w, "commit",
		  rev->kind == SL_SNAP_COMMIT ? rev->commit : NULL);
	jw_kv_str(&w, "edition", rev->edition);
	jw_key(&w, "last_change");
	if (h && h->steps.len) {
		jw_step_obj(&w, h->steps.items[0]);
	} else {
		sl_buf_puts(out, "null");
	}
	jw_key(&w, "item");
	jw_item(&w, it);
	jw_close(&w, '}');
	return jw_done(out);
}

static void jw_change_ref(jw *w, const sl_history_step *s)
{
	jw_key(w, "change");
	if (!s) {
		sl_buf_puts(w->out, "null");
		return;
	}
	jw_open(w, '{');
	jw_kv_str(w, "rev", s->rev);
	jw_kv_str(w, "commit", s->is_commit ? s->info.id : NULL);
	if (s->is_commit)
		jw_time(w, "date", s->time, s->offset_min);
	else
		jw_kv_str(w, "date", NULL);
	jw_kv_str(w, "author", s->is_commit ? s->info.author.who : NULL);
	jw_kv_str(w, "edition", s->edition);
	jw_close(w, '}');
}

int sl_render_blame_json(sl_buf *out, const sl_blame *b,
			 const sl_render_options *o)
{
	jw w;
	size_t i;
	(void)o;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '{');
	jw_kv_str(&w, "item", b->item->id);
	jw_kv_str(&w, "rev", b->history->start);
	jw_key(&w, "fields");
	jw_open(&w, '[');
	for (i = 0; i < b->field_count; i++) {
		jw_sep(&w);
		jw_open(&w, '{');
		jw_kv_str(&w, "field", b->fields[i].field);
		jw_kv_str(&w, "value", b->fields[i].value);
		jw_change_ref(&w, b->fields[i].step);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_key(&w, "chars");
	if (b->chars_field) {
		const char *text = sl_item_get(b->item, b->chars_field, NULL);
		jw_open(&w, '{');
		jw_kv_str(&w, "field", b->chars_field);
		jw_key(&w, "runs");
		jw_open(&w, '[');
		for (i = 0; i < b->run_count; i++) {
			jw_sep(&w);
			jw_open(&w, '{');
			jw_key(&w, "text");
			jw_string(&w, text + b->runs[i].off, b->runs[i].len);
			jw_change_ref(&w, b->runs[i].step);
			jw_close(&w, '}');
		}
		jw_close(&w, ']');
		jw_close(&w, '}');
	} else {
		sl_buf_puts(out, "null");
	}
	jw_close(&w, '}');
	return jw_done(out);
}

int sl_render_log_json(sl_buf *out, const sl_log *log,
		       const sl_render_options *o)
{
	jw w;
	size_t i, k;
	(void)o;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '[');
	for (i = 0; i < log->entries.len; i++) {
		const sl_log_entry *e = log->entries.items[i];
		jw_sep(&w);
		jw_open(&w, '{');
		jw_kv_str(&w, "commit", e->info.id);
		jw_time(&w, "date", e->time, e->offset_min);
		jw_kv_str(&w, "author", e->info.author.who);
		jw_kv_str(&w, "edition", e->edition);
		jw_kv_str(&w, "message", e->info.summary);
		jw_kv_bool(&w, "merge", e->merge);
		jw_kv_bool(&w, "resolution", e->resolution_only);
		jw_summary(&w, "summary", sl_diff_summary_of(e->diff), false);
		jw_key(&w, "ids");
		jw_open(&w, '[');
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			jw_sep(&w);
			jw_str_or_null(&w, sl_diff_change(e->diff, k)->id);
		}
		jw_close(&w, ']');
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	return jw_done(out);
}

int sl_render_audit_json(sl_buf *out, const sl_log *log,
			 const sl_audit_ids *ids, const sl_render_options *o)
{
	jw w;
	size_t i = log->entries.len, k, f;
	(void)o;
	memset(&w, 0, sizeof(w));
	w.out = out;
	jw_open(&w, '[');
	while (i-- > 0) {
		const sl_log_entry *e = log->entries.items[i];
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			const sl_change *c = sl_diff_change(e->diff, k);
			const char *now = c->status == SL_CHANGE_REMOVED
						  ? NULL
						  : sl_audit_now(ids, i, c->id);
			size_t n = c->field_count ? c->field_count : 1;
			for (f = 0; f < n; f++) {
				const sl_field_change *fc =
					c->field_count ? &c->fields[f] : NULL;
				jw_sep(&w);
				jw_open(&w, '{');
				jw_kv_str(&w, "commit", e->info.id);
				jw_time(&w, "date", e->time, e->offset_min);
				jw_kv_str(&w, "author", e->info.author.who);
				jw_kv_str(&w, "edition", e->edition);
				jw_kv_str(&w, "item_id", c->id);
				jw_kv_str(&w, "old_item_id", c->old_id);
				jw_kv_str(&w, "item_id_now", now);
				jw_kv_str(&w, "status",
					  sl_change_status_name(c->status));
				jw_kv_str(&w, "field", fc ? fc->field : "id");
				jw_kv_str(&w, "old",
					  fc ? fc->old_text : c->old_id);
				jw_kv_str(&w, "new", fc ? fc->new_text : c->id);
				jw_kv_bool(&w, "notation_only",
					   fc && fc->notation_only);
				jw_close(&w, '}');
			}
		}
	}
	jw_close(&w, ']');
	return jw_done(out);
}
