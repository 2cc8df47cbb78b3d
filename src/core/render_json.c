/*
 * render_json.c: the JSON writer (render_json.h) and the sheet documents:
 * export, lint and editions (the diff documents are in
 * render_json_diff.c, history's in render_json_history.c). Keys are
 * written in the documented order (docs/json-contract.md).
 *
 * export:  {"sheet": <sheet.json object>,
 *           "revision": {"rev": string, "commit": string|null},
 *           "items": [<item object in canonical key order>, ...]}
 *          items in document order (section order of sheet.json, then
 *          natural id order).
 */
#include "render_json.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "repo_edition.h"
#include "error.h"
#include "json.h"
#include "render.h"
#include "utf8.h"
#include "date.h"

/* ---- the writer ------------------------------------------------------------
 * Diffs of large sheets hold tens of thousands of strings; building a tree
 * for them cost more than computing the diff, so every document streams.
 */

void sl_render__jw_init(sl_render_jw *w, sl_buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

static void jw_indent(sl_render_jw *w)
{
	static const char spaces[] =
		"\n                                                                ";
	size_t n = 1 + 2 * (size_t)w->depth;
	if (n > sizeof(spaces) - 1)
		n = sizeof(spaces) - 1;
	sl_buf_put(w->out, spaces, n);
}

void sl_render__jw_begin(sl_render_jw *w, sl_buf *out, char c)
{
	sl_render__jw_init(w, out);
	sl_render__jw_open(w, c);
}

void sl_render__jw_sep(sl_render_jw *w)
{
	if (w->depth == 0)
		return;
	if (!w->first[w->depth])
		sl_buf_putc(w->out, ',');
	w->first[w->depth] = false;
	jw_indent(w);
}

void sl_render__jw_open(sl_render_jw *w, char c)
{
	sl_buf_putc(w->out, c);
	if (w->depth < SL_RENDER_JW_DEPTH - 1)
		w->depth++;
	w->first[w->depth] = true;
}

void sl_render__jw_close(sl_render_jw *w, char c)
{
	bool empty = w->first[w->depth];
	w->depth--;
	if (!empty)
		jw_indent(w);
	sl_buf_putc(w->out, c);
}

void sl_render__jw_string(sl_render_jw *w, const char *s, size_t len)
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

void sl_render__jw_key(sl_render_jw *w, const char *key)
{
	sl_render__jw_sep(w);
	sl_buf_putc(w->out, '"');
	sl_buf_puts(w->out, key);
	sl_buf_puts(w->out, "\": ");
}

void sl_render__jw_str(sl_render_jw *w, const char *s)
{
	if (s)
		sl_render__jw_string(w, s, strlen(s));
	else
		sl_buf_puts(w->out, "null");
}

void sl_render__jw_lossy(sl_render_jw *w, const char *s)
{
	size_t len, pos = 0;
	sl_buf b = SL_BUF_INIT;
	if (!s || sl_utf8_valid(s, strlen(s), NULL)) {
		sl_render__jw_str(w, s);
		return;
	}
	len = strlen(s);
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
	if (sl_buf_oom(&b))
		w->out->oom = true;
	else
		sl_render__jw_string(w, b.ptr, b.len);
	sl_buf_dispose(&b);
}

void sl_render__jw_raw(sl_render_jw *w, const char *text, size_t len)
{
	size_t i, run = 0;
	if (len > 0 && text[len - 1] == '\n')
		len--;
	/* Newlines only ever stand between tokens: strings escape theirs. */
	for (i = 0; i < len; i++) {
		if (text[i] != '\n')
			continue;
		sl_buf_put(w->out, text + run, i - run);
		jw_indent(w);
		run = i + 1;
	}
	sl_buf_put(w->out, text + run, len - run);
}

void sl_render__jw_kv_str(sl_render_jw *w, const char *key, const char *s)
{
	sl_render__jw_key(w, key);
	sl_render__jw_str(w, s);
}

void sl_render__jw_kv_bool(sl_render_jw *w, const char *key, bool v)
{
	sl_render__jw_key(w, key);
	sl_buf_puts(w->out, v ? "true" : "false");
}

void sl_render__jw_kv_count(sl_render_jw *w, const char *key, size_t n)
{
	sl_render__jw_key(w, key);
	sl_buf_printf(w->out, "%zu", n);
}

void sl_render__jw_kv_time(sl_render_jw *w, const char *key, int64_t t,
			   int offset_min)
{
	sl_buf iso = SL_BUF_INIT;
	sl_date_format_iso(&iso, t, offset_min);
	sl_render__jw_key(w, key);
	sl_render__jw_string(w, sl_buf_cstr(&iso), iso.len);
	sl_buf_dispose(&iso);
}

int sl_render__jw_done(sl_render_jw *w)
{
	sl_buf_putc(w->out, '\n');
	return sl_buf_oom(w->out) ? sl_error_oom() : 0;
}

void sl_render__jw_summary(sl_render_jw *w, const char *key,
			   const sl_diff_summary *s, bool with_unchanged)
{
	sl_render__jw_key(w, key);
	sl_render__jw_open(w, '{');
	sl_render__jw_kv_count(w, "added", s->added);
	sl_render__jw_kv_count(w, "removed", s->removed);
	sl_render__jw_kv_count(w, "modified", s->modified);
	sl_render__jw_kv_count(w, "renumbered", s->renumbered);
	sl_render__jw_kv_count(w, "replaced", s->replaced);
	sl_render__jw_kv_count(w, "notation_only", s->notation_only);
	if (with_unchanged)
		sl_render__jw_kv_count(w, "unchanged", s->unchanged);
	sl_render__jw_close(w, '}');
}

void sl_render__jw_fields(sl_render_jw *w, const sl_change *c)
{
	sl_render__jw_field_list(w, c->fields, c->field_count, false);
}

/* A field's text of len bytes, or null when s is NULL. */
static void jw_text(sl_render_jw *w, const char *s, size_t len)
{
	if (s)
		sl_render__jw_string(w, s, len);
	else
		sl_buf_puts(w->out, "null");
}

void sl_render__jw_field_list(sl_render_jw *w, const sl_field_change *fields,
			      size_t count, bool substantive)
{
	size_t i, k;
	sl_render__jw_key(w, "fields");
	sl_render__jw_open(w, '[');
	for (i = 0; i < count; i++) {
		const sl_field_change *fc = &fields[i];
		if (substantive && fc->notation_only)
			continue;
		sl_render__jw_sep(w);
		sl_render__jw_open(w, '{');
		sl_render__jw_kv_str(w, "field", fc->field);
		sl_render__jw_key(w, "old");
		jw_text(w, fc->old_text, fc->old_len);
		sl_render__jw_key(w, "new");
		jw_text(w, fc->new_text, fc->new_len);
		sl_render__jw_kv_bool(w, "notation_only", fc->notation_only);
		sl_render__jw_key(w, "ops");
		sl_render__jw_open(w, '[');
		for (k = 0; k < fc->ops.count; k++) {
			const sl_text_op *op = &fc->ops.ops[k];
			sl_render__jw_sep(w);
			sl_render__jw_open(w, '{');
			sl_render__jw_kv_str(w, "op", sl_op_kind_name(op->op));
			sl_render__jw_key(w, "text");
			sl_render__jw_string(w, op->text, op->len);
			sl_render__jw_close(w, '}');
		}
		sl_render__jw_close(w, ']');
		sl_render__jw_close(w, '}');
	}
	sl_render__jw_close(w, ']');
}

/* ---- export -----------------------------------------------------------------
 */

/* A canonical dump from json.c, embedded at the current position. */
static void jw_canonical(sl_render_jw *w, int (*dump)(sl_buf *, const void *),
			 const void *obj)
{
	sl_buf b = SL_BUF_INIT;
	if (dump(&b, obj) == 0)
		sl_render__jw_raw(w, b.ptr, b.len);
	else
		w->out->oom = true;
	sl_buf_dispose(&b);
}

static int dump_item_cb(sl_buf *b, const void *obj)
{
	return sl_json_dump_item(b, obj);
}

static int dump_meta_cb(sl_buf *b, const void *obj)
{
	return sl_json_dump_meta(b, obj);
}

int sl_render_export_json(sl_buf *out, const sl_sheet *sheet,
			  const sl_render_options *opts)
{
	size_t i, n = sl_sheet_item_count(sheet);
	sl_render_jw w;
	sl_render__jw_begin(&w, out, '{');
	sl_render__jw_key(&w, "sheet");
	jw_canonical(&w, dump_meta_cb, sl_sheet_meta_get(sheet));
	sl_render__jw_key(&w, "revision");
	sl_render__jw_open(&w, '{');
	sl_render__jw_kv_str(&w, "rev", opts->rev ? opts->rev : "WORKTREE");
	sl_render__jw_key(&w, "commit");
	sl_render__jw_lossy(&w, opts->commit);
	sl_render__jw_close(&w, '}');
	sl_render__jw_key(&w, "items");
	sl_render__jw_open(&w, '[');
	for (i = 0; i < n; i++) {
		sl_render__jw_sep(&w);
		jw_canonical(&w, dump_item_cb, sl_sheet_item(sheet, i));
	}
	sl_render__jw_close(&w, ']');
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
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
	const sl_diag *d;
	size_t i;
	sl_render_jw w;
	sl_render__jw_begin(&w, out, '{');
	sl_render__jw_kv_str(&w, "rev", rev ? rev : "WORKTREE");
	sl_render__jw_kv_count(&w, "items", item_count);
	sl_render__jw_kv_count(&w, "errors", diags->errors);
	sl_render__jw_kv_count(&w, "warnings", diags->warnings);
	sl_render__jw_key(&w, "diagnostics");
	sl_render__jw_open(&w, '[');
	SL_DIAG_FOREACH (diags, i, d) {
		sl_render__jw_sep(&w);
		sl_render__jw_open(&w, '{');
		sl_render__jw_key(&w, "path");
		sl_render__jw_lossy(&w, d->path);
		sl_render__jw_key(&w, "line");
		sl_buf_printf(out, "%d", d->line);
		sl_render__jw_key(&w, "column");
		sl_buf_printf(out, "%d", d->col);
		sl_render__jw_kv_str(&w, "severity",
				     sl_severity_name(d->severity));
		sl_render__jw_kv_str(&w, "rule", d->rule);
		sl_render__jw_key(&w, "message");
		sl_render__jw_lossy(&w, d->message);
		sl_render__jw_kv_str(&w, "item", d->item_id);
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	sl_render__jw_close(&w, '}');
	return sl_render__jw_done(&w);
}

/* ---- editions ---------------------------------------------------------------
 * [{"name", "commit", "date", "author", "tagged", "items",
 *   "changes": {"added", ...} against the previous edition, or null}]
 */
int sl_render_editions_json(sl_buf *out, const sl_edition_row *rows, size_t n,
			    const sl_render_options *opts)
{
	size_t i;
	sl_render_jw w;
	(void)opts;
	sl_render__jw_begin(&w, out, '[');
	for (i = 0; i < n; i++) {
		const sl_edition *e = rows[i].edition;
		sl_render__jw_sep(&w);
		sl_render__jw_open(&w, '{');
		sl_render__jw_kv_str(&w, "name", e->name);
		sl_render__jw_kv_str(&w, "commit", e->commit.id);
		sl_render__jw_kv_time(&w, "date", e->commit.committer.time,
				      e->commit.committer.offset_min);
		sl_render__jw_key(&w, "author");
		sl_render__jw_lossy(&w, e->commit.author.who);
		sl_render__jw_kv_bool(&w, "tagged", e->tagged);
		sl_render__jw_kv_count(&w, "items", rows[i].items);
		if (rows[i].has_previous)
			sl_render__jw_summary(&w, "changes", &rows[i].changes,
					      true);
		else
			sl_render__jw_kv_str(&w, "changes", NULL);
		sl_render__jw_close(&w, '}');
	}
	sl_render__jw_close(&w, ']');
	return sl_render__jw_done(&w);
}
