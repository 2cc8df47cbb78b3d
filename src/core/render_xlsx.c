/*
 * render_xlsx.c: the workbook layer both layouts share (render_xlsx.h):
 * formats, cells, rich text, worksheets, properties. Sheet text only goes
 * into string cells, never formulas; the bytes depend only on the input
 * (zip entries dated 1980-01-01, a fixed creation date). Writes only the
 * path it is given.
 */
#include "render_xlsx.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "render_int.h"
#include "utf8.h"
#include "date.h"

/* Memory-backed scratch space on Linux (a tmpfs for POSIX shared
 * memory); absent or read-only elsewhere, and then not used. */
#define SCRATCH_DIR "/dev/shm"

/* ---- workbook, formats, failures ---- */

void sl_render__xlsx_fail(sl_render_xlsx *x, lxw_error e)
{
	if (x->rc || e == LXW_NO_ERROR)
		return;
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		x->rc = sl_error_oom();
	else
		x->rc = sl_error_set(SL_ERROR, "cannot build the workbook: %s",
				     lxw_strerror(e));
}

int sl_render__xlsx_open(sl_render_xlsx *x, const char *path, sl_lang lang)
{
	lxw_workbook_options o;
	memset(x, 0, sizeof(*x));
	x->lang = lang;
	/* libxlsxwriter assembles each part in a scratch file (created
	 * exclusively and unlinked at once, so nothing is left behind): in
	 * memory where the system has a tmpfs for it, which makes a workbook
	 * of the 161-item sheet 2.5x faster than ~40 files created on disk,
	 * else on the output's file system. */
	x->tmpdir = sl_strdup(SCRATCH_DIR);
	if (x->tmpdir && access(x->tmpdir, W_OK | X_OK) != 0) {
		sl_free(x->tmpdir);
		x->tmpdir = sl_fs_dirname(path);
	}
	if (!x->tmpdir)
		return sl_error_oom();
	memset(&o, 0, sizeof(o));
	o.tmpdir = x->tmpdir;
	x->wb = workbook_new_opt(path, &o);
	if (!x->wb) {
		sl_free(x->tmpdir);
		x->tmpdir = NULL;
		return sl_error_oom();
	}
	return 0;
}

/* Write the file (or, after a failure, only free the workbook). */
int sl_render__xlsx_close(sl_render_xlsx *x, const char *path)
{
	size_t i;
	if (x->rc) {
		lxw_workbook_free(x->wb);
	} else {
		lxw_error e = workbook_close(x->wb);
		if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
			x->rc = sl_error_oom();
		else if (e != LXW_NO_ERROR)
			x->rc = sl_error_set(SL_EIO, "cannot write '%s': %s",
					     path, lxw_strerror(e));
	}
	x->wb = NULL;
	for (i = 0; i < x->names.len; i++)
		sl_free(x->names.items[i]);
	sl_vec_dispose(&x->names);
	sl_free(x->tmpdir);
	x->tmpdir = NULL;
	return x->rc;
}

lxw_format *sl_render__xlsx_format(sl_render_xlsx *x, int cell, int font)
{
	lxw_format *f = x->fmt[cell][font];
	lxw_color_t fill = 0;
	if (f || x->rc)
		return f;
	f = workbook_add_format(x->wb);
	if (!f) {
		sl_render__xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	format_set_font_name(f, XLSX_FONT);
	format_set_font_size(f, font == F_TITLE ? XLSX_TITLE_SIZE
						: XLSX_FONT_SIZE);
	format_set_font_family(f, 3);
	format_set_font_charset(f, 128);
	switch (font) {
	case F_BOLD:
	case F_TITLE:
		format_set_bold(f);
		break;
	case F_DEL:
		format_set_font_strikeout(f);
		format_set_font_color(f, COLOR_DEL);
		break;
	case F_INS:
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
		format_set_font_color(f, COLOR_INS);
		break;
	case F_UNDER:
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
		break;
	case F_BOLD_UNDER:
		format_set_bold(f);
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
		break;
	default:
		break;
	}
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (cell != C_NOTE && cell != C_SECTION)
		format_set_text_wrap(f);
	if (cell != C_COVER && cell != C_NOTE)
		format_set_border(f, LXW_BORDER_THIN);
	switch (cell) {
	case C_HEAD:
		fill = FILL_HEAD;
		break;
	case C_CHANGED:
		fill = FILL_CHANGED;
		break;
	case C_ADDED:
		fill = FILL_ADDED;
		break;
	case C_REMOVED:
		fill = FILL_REMOVED;
		break;
	case C_NOTATION:
		fill = FILL_NOTATION;
		break;
	case C_SECTION:
		fill = FILL_SECTION;
		break;
	default:
		break;
	}
	if (fill) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, fill);
	}
	x->fmt[cell][font] = f;
	return f;
}

/* Excel counts a cell's characters in UTF-16 units. */
static size_t utf16_units(const char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

static bool too_long(sl_render_xlsx *x, size_t units)
{
	if (units <= XLSX_CELL_MAX || x->rc)
		return x->rc != 0;
	x->rc = sl_error_set(SL_EINVALID,
			     "text too long for a spreadsheet cell (%zu "
			     "characters, at most %d): field %s",
			     units, XLSX_CELL_MAX, x->field ? x->field : "?");
	if (x->item)
		sl_error_add_item(x->item);
	return true;
}

/* One text cell in one font; NULL or "" is a blank cell of the style. */
void sl_render__xlsx_cell(sl_render_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
			  lxw_col_t col, const char *s, int style, int font)
{
	lxw_format *f = sl_render__xlsx_format(x, style, font);
	if (x->rc)
		return;
	if (!s || !*s) {
		sl_render__xlsx_fail(x, worksheet_write_blank(ws, row, col, f));
		return;
	}
	if (too_long(x, utf16_units(s, strlen(s))))
		return;
	sl_render__xlsx_fail(x, worksheet_write_string(ws, row, col, s, f));
}

/* ---- rich text ---- */

static void rich_add(sl_render_rich *r, int font, const char *s, size_t len)
{
	if (len == 0 || r->oom)
		return;
	if (sl_buf_oom(&r->text)) {
		r->oom = true;
		return;
	}
	if (r->count > 0 && r->frags[r->count - 1].font == font) {
		sl_buf_truncate(&r->text, r->text.len - 1); /* its NUL */
	} else {
		if (r->count == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 8;
			sl_render_rich_frag *n =
				sl_reallocarray(r->frags, cap, sizeof(*n));
			if (!n) {
				r->oom = true;
				return;
			}
			r->frags = n;
			r->cap = cap;
		}
		r->frags[r->count].off = r->text.len;
		r->frags[r->count].font = font;
		r->count++;
	}
	sl_buf_put(&r->text, s, len);
	sl_buf_putc(&r->text, '\0');
}

void sl_render__xlsx_rich_puts(sl_render_rich *r, int font, const char *s)
{
	if (s)
		rich_add(r, font, s, strlen(s));
}

/*
 * The runs of a diff: side -1 both texts (deletions in del, insertions in
 * ins), side 0 the old text only (deletions in del), side 1 the new text
 * only (insertions in ins). Unchanged text is in the normal font.
 */
void sl_render__xlsx_rich_ops(sl_render_rich *r, const sl_text_ops *ops,
			      int side, int del, int ins)
{
	size_t i;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		if (op->op == SL_OP_EQUAL)
			rich_add(r, F_NORMAL, op->text, op->len);
		else if (op->op == SL_OP_DELETE && side != 1)
			rich_add(r, del, op->text, op->len);
		else if (op->op == SL_OP_INSERT && side != 0)
			rich_add(r, ins, op->text, op->len);
	}
}

static void rich_clear(sl_render_rich *r)
{
	sl_buf_clear(&r->text);
	r->count = 0;
}

void sl_render__xlsx_rich_dispose(sl_render_rich *r)
{
	sl_buf_dispose(&r->text);
	sl_free(r->frags);
	memset(r, 0, sizeof(*r));
}

/* Write the runs into a cell of the given style, and clear them. */
void sl_render__xlsx_rich_write(sl_render_xlsx *x, lxw_worksheet *ws,
				lxw_row_t row, lxw_col_t col, sl_render_rich *r,
				int style)
{
	lxw_rich_string_tuple *tuples = NULL, **list = NULL;
	size_t i, units = 0;
	if (!x->rc && (r->oom || sl_buf_oom(&r->text)))
		x->rc = sl_error_oom();
	/* After a failure the text may never have been allocated. */
	if (x->rc)
		goto done;
	for (i = 0; i < r->count; i++) {
		const char *s = r->text.ptr + r->frags[i].off;
		units += utf16_units(s, strlen(s));
	}
	if (too_long(x, units))
		goto done;
	if (r->count == 0) {
		sl_render__xlsx_cell(x, ws, row, col, NULL, style, F_NORMAL);
		goto done;
	}
	if (r->count == 1) {
		sl_render__xlsx_cell(x, ws, row, col, r->text.ptr, style,
				     r->frags[0].font);
		goto done;
	}
	tuples = sl_calloc(r->count, sizeof(*tuples));
	list = sl_calloc(r->count + 1, sizeof(*list));
	if (!tuples || !list) {
		x->rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < r->count; i++) {
		tuples[i].format =
			sl_render__xlsx_format(x, C_TEXT, r->frags[i].font);
		tuples[i].string = r->text.ptr + r->frags[i].off;
		list[i] = &tuples[i];
	}
	if (!x->rc)
		sl_render__xlsx_fail(
			x, worksheet_write_rich_string(
				   ws, row, col, list,
				   sl_render__xlsx_format(x, style, F_NORMAL)));
done:
	sl_free(tuples);
	sl_free(list);
	rich_clear(r);
}

/* ---- worksheet names ---- */

static int ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || !ca)
			return ca - cb;
	}
}

static bool name_taken(const sl_render_xlsx *x, const char *name)
{
	size_t i;
	/* Excel reserves "History" for its change tracking. */
	if (!ascii_casecmp(name, "History"))
		return true;
	for (i = 0; i < x->names.len; i++)
		if (!ascii_casecmp(x->names.items[i], name))
			return true;
	return false;
}

/* Append the longest whole-code-point prefix of s within max_units. */
static void put_prefix(sl_buf *out, const char *s, size_t max_units)
{
	size_t pos = 0, len = strlen(s), units = 0;
	while (pos < len) {
		size_t start = pos;
		int32_t cp = 0;
		if (!sl_utf8_next(s, len, &pos, &cp))
			pos = start + 1;
		units += cp >= 0x10000 ? 2 : 1;
		if (units > max_units)
			break;
		sl_buf_put(out, s + start, pos - start);
	}
}

/*
 * A new worksheet named after want, as Excel requires: none of []:*?/\
 * (each becomes '_'), no control characters, no apostrophe at either end,
 * at most 31 characters (cut at a code point), unique ignoring ASCII case
 * (a clash gets " (2)", " (3)", ...). "1 クラウドサービス管理" stays as is.
 */
lxw_worksheet *sl_render__xlsx_add_sheet(sl_render_xlsx *x, const char *want)
{
	sl_buf clean = SL_BUF_INIT, name = SL_BUF_INIT;
	lxw_worksheet *ws = NULL;
	const char *p;
	char *owned;
	unsigned n;

	if (x->rc)
		return NULL;
	for (p = want; *p; p++) {
		char c = *p;
		if (strchr("[]:*?/\\", c))
			c = '_';
		else if ((unsigned char)c < 0x20 || c == 0x7F)
			c = ' ';
		sl_buf_putc(&clean, c);
	}
	for (n = 1; !sl_buf_oom(&name); n++) {
		char suffix[16] = "";
		const char *s = sl_buf_cstr(&clean);
		if (n > 1)
			snprintf(suffix, sizeof(suffix), " (%u)", n);
		sl_buf_clear(&name);
		while (*s == '\'')
			s++;
		put_prefix(&name, s, XLSX_NAME_MAX - strlen(suffix));
		while (name.len > 0 && name.ptr[name.len - 1] == '\'')
			sl_buf_truncate(&name, name.len - 1);
		if (name.len == 0)
			sl_buf_puts(&name, "Sheet");
		sl_buf_puts(&name, suffix);
		if (!name_taken(x, sl_buf_cstr(&name)))
			break;
	}
	sl_buf_dispose(&clean);
	owned = sl_buf_detach(&name, NULL);
	if (!owned || sl_vec_push(&x->names, owned) < 0) {
		sl_free(owned);
		x->rc = sl_error_oom();
		return NULL;
	}
	ws = workbook_add_worksheet(x->wb, owned);
	if (!ws)
		sl_render__xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

/* Print setup of a table: A4 landscape, one page wide, the heading row
 * repeated on every page. */
void sl_render__xlsx_print_setup(sl_render_xlsx *x, lxw_worksheet *ws,
				 lxw_row_t head)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	sl_render__xlsx_fail(x, worksheet_repeat_rows(ws, head, head));
}

/* ---- document properties ---- */

/* The creation date: the commit's time, else the first day of as_of in
 * the sheet's zone, so a working-tree export is as stable as its input. */
static time_t created_time(const sl_sheet_meta *m, const sl_render_options *o)
{
	int64_t start = 0, end = 0;
	int offset = 9 * 60;
	if (o->to && o->to->kind == SL_SNAP_COMMIT &&
	    o->to->commit.committer.time > 0)
		return (time_t)o->to->commit.committer.time;
	if (m->timezone && sl_date_parse_offset(&offset, m->timezone) < 0)
		offset = 9 * 60;
	if (m->as_of &&
	    sl_date_parse_day(&start, &end, m->as_of, offset) == 0 &&
	    start > XLSX_EPOCH)
		return (time_t)start;
	return XLSX_EPOCH;
}

const char *sl_render__xlsx_commit(const sl_render_options *o)
{
	if (o->commit && *o->commit)
		return o->commit;
	if (o->to && o->to->commit.id[0])
		return o->to->commit.id;
	return NULL;
}

void sl_render__xlsx_properties(sl_render_xlsx *x, const sl_sheet_meta *m,
				const char *subject, const sl_render_options *o,
				bool changes)
{
	lxw_doc_properties p;
	sl_buf title = SL_BUF_INIT, subj = SL_BUF_INIT, company = SL_BUF_INIT,
	       comments = SL_BUF_INIT, keywords = SL_BUF_INIT;
	const char *commit = sl_render__xlsx_commit(o);

	sl_buf_puts(&title, m->title ? m->title : "checklist");
	sl_buf_puts(&subj, subject);
	sl_buf_puts(&company, m->publisher ? m->publisher : "");
	sl_buf_printf(&comments, "as_of %s; revision %s",
		      m->as_of ? m->as_of : "?",
		      o->rev                  ? o->rev
		      : o->to && o->to->label ? o->to->label
					      : "?");
	if (commit)
		sl_buf_printf(&comments, "; commit %s", commit);
	if (changes && o->from) {
		sl_buf_printf(&comments, "; changes since %s",
			      o->from->edition ? o->from->edition
			      : o->from->label ? o->from->label
					       : "?");
		if (o->from->commit.id[0])
			sl_buf_printf(&comments, " (commit %s)",
				      o->from->commit.id);
	}
	sl_buf_printf(&keywords, "sheetlog, checklist, %s",
		      m->as_of ? m->as_of : "?");
	if (sl_buf_oom(&title) || sl_buf_oom(&subj) || sl_buf_oom(&company) ||
	    sl_buf_oom(&comments) || sl_buf_oom(&keywords)) {
		if (!x->rc)
			x->rc = sl_error_oom();
	} else if (!x->rc) {
		memset(&p, 0, sizeof(p));
		p.title = title.ptr;
		p.subject = subj.ptr;
		p.company = company.len ? company.ptr : NULL;
		p.comments = comments.ptr;
		p.keywords = keywords.ptr;
		p.created = created_time(m, o);
		sl_render__xlsx_fail(x, workbook_set_properties(x->wb, &p));
	}
	sl_buf_dispose(&title);
	sl_buf_dispose(&subj);
	sl_buf_dispose(&company);
	sl_buf_dispose(&comments);
	sl_buf_dispose(&keywords);
}

bool sl_render__xlsx_is_placement(const sl_field_change *f)
{
	return !strcmp(f->field, "section") || !strcmp(f->field, "scope");
}
