/*
 * render_xlsx.c: workbooks through libxlsxwriter (the only file that
 * includes <xlsxwriter.h>): the sheet laid out like the published table,
 * optionally with the changes since another revision highlighted, and the
 * 新旧対照表. Invariants: every piece of sheet text goes into a string cell
 * (worksheet_write_string or a rich string, never a formula), so "=..."
 * stays text; the same input gives the same bytes (libxlsxwriter dates
 * its zip entries 1980-01-01 and we fix the document's creation date).
 * Never reads the repository; writes only the path it is given.
 */
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "alloc.h"
#include "error.h"
#include "render_int.h"
#include "strmap.h"
#include "date.h"
#include "utf8.h"
#include "vec.h"

/*
 * The font of every format: the proportional gothic of Japanese Windows,
 * which Excel and LibreOffice substitute where it is missing. Charset 128
 * (Shift_JIS) marks it as a Japanese font, so Excel does not switch fonts
 * for the kana and kanji runs of a cell.
 */
#define XLSX_FONT "MS PGothic"
#define XLSX_FONT_SIZE 10
#define XLSX_TITLE_SIZE 14
/* Excel's limits: characters (UTF-16 units) in a cell and in a sheet
 * name. */
#define XLSX_CELL_MAX 32767
#define XLSX_NAME_MAX 31
/* 1980-01-01T00:00:00Z, the date of the zip entries: the creation date
 * when neither a commit time nor as_of gives one. */
#define XLSX_EPOCH 315532800

#define COLOR_DEL 0xFF0000     /* deleted text: red, struck through */
#define COLOR_INS 0x0000FF     /* inserted text: blue, underlined */
#define FILL_HEAD 0xD9E1F2     /* heading row */
#define FILL_CHANGED 0xFFF2CC  /* a changed cell: light yellow */
#define FILL_ADDED 0xE2EFDA    /* an added item: light green */
#define FILL_REMOVED 0xFCE4D6  /* a removed item (change list): light red */
#define FILL_NOTATION 0xEDEDED /* a notation-only change: light grey */
#define FILL_SECTION 0xF2F2F2  /* a section heading row (新旧対照表) */

/* Fonts of text runs. */
enum {
	F_NORMAL,
	F_BOLD,
	F_DEL,        /* struck through, red */
	F_INS,        /* underlined, blue */
	F_UNDER,      /* underlined (新旧対照表) */
	F_BOLD_UNDER, /* an item id in the 新旧対照表 */
	F_TITLE,
	F__COUNT
};

/* Cell styles: border, fill, alignment. */
enum {
	C_TEXT, /* a table cell: wrapped, top-aligned, thin border */
	C_HEAD, /* a heading cell */
	C_CHANGED,
	C_ADDED,
	C_REMOVED,
	C_NOTATION,
	C_SECTION, /* a section heading row */
	C_COVER,   /* cover text: wrapped, no border */
	C_NOTE,    /* a line above a table: not wrapped, no border */
	C__COUNT
};

typedef struct xlsx {
	lxw_workbook *wb;
	lxw_format *fmt[C__COUNT][F__COUNT]; /* made on first use */
	sl_vec names;      /* owned strings: worksheet names given so far */
	char *tmpdir;      /* owned: where libxlsxwriter keeps scratch files */
	sl_lang lang;      /* label language */
	int rc;            /* first failure; later writes do nothing */
	const char *item;  /* borrowed: item being written, for messages */
	const char *field; /* borrowed: its field */
} xlsx;

/* ---- workbook, formats, failures ---- */

static void xlsx_fail(xlsx *x, lxw_error e)
{
	if (x->rc || e == LXW_NO_ERROR)
		return;
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		x->rc = sl_error_oom();
	else
		x->rc = sl_error_set(SL_ERROR, "cannot build the workbook: %s",
				     lxw_strerror(e));
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return sl_strdup(".");
	if (slash == path)
		return sl_strdup("/");
	return sl_strndup(path, (size_t)(slash - path));
}

static int xlsx_open(xlsx *x, const char *path, sl_lang lang)
{
	lxw_workbook_options o;
	memset(x, 0, sizeof(*x));
	x->lang = lang;
	/* libxlsxwriter assembles each part in a scratch file; keep them on
	 * the output's file system (they are unlinked as soon as made). */
	x->tmpdir = dir_of(path);
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
static int xlsx_close(xlsx *x, const char *path)
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

static lxw_format *fmt(xlsx *x, int cell, int font)
{
	lxw_format *f = x->fmt[cell][font];
	lxw_color_t fill = 0;
	if (f || x->rc)
		return f;
	f = workbook_add_format(x->wb);
	if (!f) {
		xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
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

static bool too_long(xlsx *x, size_t units)
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
static void cell(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		 const char *s, int style, int font)
{
	lxw_format *f = fmt(x, style, font);
	if (x->rc)
		return;
	if (!s || !*s) {
		xlsx_fail(x, worksheet_write_blank(ws, row, col, f));
		return;
	}
	if (too_long(x, utf16_units(s, strlen(s))))
		return;
	xlsx_fail(x, worksheet_write_string(ws, row, col, s, f));
}

/* ---- rich text ---- */

typedef struct frag {
	size_t off; /* of the fragment's text in rich.text */
	int font;
} frag;

/* A cell's text as runs of fonts. Excel refuses empty runs and a rich
 * string of one run, so empty text is dropped, neighbours in one font are
 * merged, and rich_write writes a single run as a plain string. */
typedef struct rich {
	sl_buf text;  /* the runs, each followed by a NUL */
	frag *frags;  /* owned */
	size_t count; /* runs */
	size_t cap;
	bool oom;
} rich;

static void rich_add(rich *r, int font, const char *s, size_t len)
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
			frag *n = sl_reallocarray(r->frags, cap, sizeof(*n));
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

static void rich_puts(rich *r, int font, const char *s)
{
	if (s)
		rich_add(r, font, s, strlen(s));
}

/*
 * The runs of a diff: side -1 both texts (deletions in del, insertions in
 * ins), side 0 the old text only (deletions in del), side 1 the new text
 * only (insertions in ins). Unchanged text is in the normal font.
 */
static void rich_ops(rich *r, const sl_text_ops *ops, int side, int del,
		     int ins)
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

static void rich_clear(rich *r)
{
	sl_buf_clear(&r->text);
	r->count = 0;
}

static void rich_dispose(rich *r)
{
	sl_buf_dispose(&r->text);
	sl_free(r->frags);
	memset(r, 0, sizeof(*r));
}

/* Write the runs into a cell of the given style, and clear them. */
static void rich_write(xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       rich *r, int style)
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
		cell(x, ws, row, col, NULL, style, F_NORMAL);
		goto done;
	}
	if (r->count == 1) {
		cell(x, ws, row, col, r->text.ptr, style, r->frags[0].font);
		goto done;
	}
	tuples = sl_calloc(r->count, sizeof(*tuples));
	list = sl_calloc(r->count + 1, sizeof(*list));
	if (!tuples || !list) {
		x->rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < r->count; i++) {
		tuples[i].format = fmt(x, C_TEXT, r->frags[i].font);
		tuples[i].string = r->text.ptr + r->frags[i].off;
		list[i] = &tuples[i];
	}
	if (!x->rc)
		xlsx_fail(x,
			  worksheet_write_rich_string(ws, row, col, list,
						      fmt(x, style, F_NORMAL)));
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

static bool name_taken(const xlsx *x, const char *name)
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
static lxw_worksheet *add_sheet(xlsx *x, const char *want)
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
		xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

/* Print setup of a table: A4 landscape, one page wide, the heading row
 * repeated on every page. */
static void table_print_setup(xlsx *x, lxw_worksheet *ws, lxw_row_t head)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	xlsx_fail(x, worksheet_repeat_rows(ws, head, head));
}

/* ---- document properties ---- */

/* The creation date: the commit's time, else the first day of as_of in
 * the sheet's zone, so a working-tree export is as stable as its input. */
static time_t created_time(const sl_sheet_meta *m, const sl_render_options *o)
{
	int64_t start = 0, end = 0;
	int offset = 9 * 60;
	if (o->to && o->to->kind == SL_SNAP_COMMIT && o->to->time > 0)
		return (time_t)o->to->time;
	if (m->timezone && sl_date_parse_offset(&offset, m->timezone) < 0)
		offset = 9 * 60;
	if (m->as_of &&
	    sl_date_parse_day(&start, &end, m->as_of, offset) == 0 &&
	    start > XLSX_EPOCH)
		return (time_t)start;
	return XLSX_EPOCH;
}

static const char *commit_of(const sl_render_options *o)
{
	if (o->commit && *o->commit)
		return o->commit;
	if (o->to && o->to->commit[0])
		return o->to->commit;
	return NULL;
}

static void properties(xlsx *x, const sl_sheet_meta *m, const char *subject,
		       const sl_render_options *o, bool changes)
{
	lxw_doc_properties p;
	sl_buf title = SL_BUF_INIT, subj = SL_BUF_INIT, company = SL_BUF_INIT,
	       comments = SL_BUF_INIT, keywords = SL_BUF_INIT;
	const char *commit = commit_of(o);

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
		if (o->from->commit[0])
			sl_buf_printf(&comments, " (commit %s)",
				      o->from->commit);
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
		xlsx_fail(x, workbook_set_properties(x->wb, &p));
	}
	sl_buf_dispose(&title);
	sl_buf_dispose(&subj);
	sl_buf_dispose(&company);
	sl_buf_dispose(&comments);
	sl_buf_dispose(&keywords);
}

/* ---- change labels ---- */

static bool is_placement(const sl_field_change *f)
{
	return !strcmp(f->field, "section") || !strcmp(f->field, "scope");
}

/* 追加 / 変更 / 表記のみ / 番号変更 (旧 2-3), with ・変更 or ・表記のみ when a
 * renumbered item's text changed too. */
static void change_label(sl_buf *out, const sl_change *c, sl_lang lang)
{
	bool edited = false, substantive = false;
	size_t i;
	if (c->status != SL_CHANGE_RENUMBERED) {
		sl_buf_puts(out, sl_render__status_label(lang, c));
		return;
	}
	for (i = 0; i < c->field_count; i++) {
		if (is_placement(&c->fields[i]))
			continue;
		edited = true;
		substantive |= !c->fields[i].notation_only;
	}
	sl_buf_printf(out, "%s (%s %s)", sl_label(lang, SL_L_RENUMBERED),
		      sl_label(lang, SL_L_WAS), c->old_id);
	if (edited)
		sl_buf_printf(out, "%s%s", lang == SL_LANG_JA ? "・" : ", ",
			      sl_label(lang, substantive ? SL_L_MODIFIED
							 : SL_L_NOTATION_ONLY));
}

static const sl_field_change *field_change(const sl_change *c,
					   const char *field)
{
	size_t i;
	for (i = 0; i < c->field_count; i++)
		if (!strcmp(c->fields[i].field, field))
			return &c->fields[i];
	return NULL;
}

/* ---- the sheet ---- */

/* One worksheet per section, filled row by row. */
typedef struct slot {
	lxw_worksheet *ws;
	lxw_row_t next; /* next free row */
} slot;

typedef struct export_ctx {
	const sl_sheet *sheet;
	const sl_diff *diff;  /* NULL without --changes-since */
	sl_vec fields;        /* borrowed names: category, question,
			       * answer, then extras sorted */
	sl_strmap changes;    /* new id -> sl_change (borrowed) */
	lxw_col_t change_col; /* the 種別 column, when diff */
	lxw_col_t last_col;
	rich r;
} export_ctx;

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The data columns: the published three, then every extra field name of
 * any item, sorted and unique (as the CSV export). */
static int export_fields(sl_vec *out, const sl_sheet *sheet)
{
	static const char *const known[] = {"category", "question", "answer"};
	sl_vec extras = SL_VEC_INIT;
	size_t i, j, n = sl_sheet_item_count(sheet);
	int rc = 0;
	for (i = 0; i < SL_ARRAY_SIZE(known) && rc == 0; i++)
		rc = sl_vec_push(out, (void *)known[i]);
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		for (j = 0; j < it->extra_count && rc == 0; j++)
			rc = sl_vec_push(&extras, it->extra[j].name);
	}
	if (rc == 0) {
		sl_vec_sort(&extras, name_cmp);
		for (i = 0; i < extras.len && rc == 0; i++)
			if (i == 0 ||
			    strcmp(extras.items[i - 1], extras.items[i]))
				rc = sl_vec_push(out, extras.items[i]);
	}
	sl_vec_dispose(&extras);
	return rc < 0 ? sl_error_oom() : 0;
}

static void cover_pair(xlsx *x, lxw_worksheet *ws, lxw_row_t *row,
		       sl_label_id label, const char *value)
{
	if (!value || !*value)
		return;
	cell(x, ws, *row, 0, sl_label(x->lang, label), C_COVER, F_BOLD);
	cell(x, ws, *row, 1, value, C_COVER, F_NORMAL);
	(*row)++;
}

static void cover(xlsx *x, const sl_sheet_meta *m, const sl_diff *diff,
		  const sl_render_options *o)
{
	lxw_worksheet *ws = add_sheet(x, sl_label(x->lang, SL_L_COVER));
	sl_buf name = SL_BUF_INIT;
	lxw_row_t row = 2;
	if (!ws)
		return;
	x->item = NULL;
	x->field = "sheet.json";
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	xlsx_fail(x, worksheet_set_column(ws, 0, 0, 16, NULL));
	xlsx_fail(x, worksheet_set_column(ws, 1, 1, 100, NULL));
	cell(x, ws, 0, 0, m->title ? m->title : "checklist", C_NOTE, F_TITLE);
	cover_pair(x, ws, &row, SL_L_PUBLISHER, m->publisher);
	cover_pair(x, ws, &row, SL_L_AS_OF, m->as_of);
	if (m->as_of_note) {
		cell(x, ws, row, 1, m->as_of_note, C_COVER, F_NORMAL);
		row++;
	}
	cover_pair(x, ws, &row, SL_L_SOURCE, m->source_url);
	if (o->to)
		sl_render__rev_name(&name, o->to, x->lang);
	else if (o->rev)
		sl_buf_puts(&name, o->rev);
	cover_pair(x, ws, &row, SL_L_REVISION, sl_buf_cstr(&name));
	cover_pair(x, ws, &row, SL_L_COMMIT, commit_of(o));
	if (diff && o->from) {
		sl_buf_clear(&name);
		sl_render__rev_name(&name, o->from, x->lang);
		cover_pair(x, ws, &row, SL_L_FROM, sl_buf_cstr(&name));
	}
	if (sl_buf_oom(&name) && !x->rc)
		x->rc = sl_error_oom();
	sl_buf_dispose(&name);
	row++;
	if (m->introduction) {
		cell(x, ws, row, 1, m->introduction, C_COVER, F_NORMAL);
		row += 2;
	}
	if (m->disclaimer_title) {
		cell(x, ws, row, 1, m->disclaimer_title, C_COVER, F_BOLD);
		row++;
	}
	if (m->disclaimer)
		cell(x, ws, row, 1, m->disclaimer, C_COVER, F_NORMAL);
	worksheet_activate(ws);
}

static lxw_worksheet *section_sheet(xlsx *x, export_ctx *e, const char *id,
				    const char *title)
{
	sl_buf want = SL_BUF_INIT;
	lxw_worksheet *ws;
	size_t k;
	sl_lang lang = x->lang;
	sl_buf_puts(&want, id);
	if (title && *title)
		sl_buf_printf(&want, " %s", title);
	if (sl_buf_oom(&want)) {
		sl_buf_dispose(&want);
		if (!x->rc)
			x->rc = sl_error_oom();
		return NULL;
	}
	ws = add_sheet(x, sl_buf_cstr(&want));
	sl_buf_dispose(&want);
	if (!ws)
		return NULL;
	/* Widths in characters for Japanese text: a full-width character
	 * is about two. */
	xlsx_fail(x, worksheet_set_column(ws, 0, 0, 8, NULL));
	x->item = NULL;
	x->field = "id";
	cell(x, ws, 0, 0, sl_render__field_label(lang, e->sheet, "id"), C_HEAD,
	     F_BOLD);
	for (k = 0; k < e->fields.len; k++) {
		const char *f = e->fields.items[k];
		double width = !strcmp(f, "category")   ? 18
			       : !strcmp(f, "question") ? 50
			       : !strcmp(f, "answer")   ? 70
							: 30;
		lxw_col_t col = (lxw_col_t)(k + 1);
		xlsx_fail(x, worksheet_set_column(ws, col, col, width, NULL));
		x->field = f;
		cell(x, ws, 0, col, sl_render__field_label(lang, e->sheet, f),
		     C_HEAD, F_BOLD);
	}
	if (e->diff) {
		xlsx_fail(x, worksheet_set_column(ws, e->change_col,
						  e->change_col, 22, NULL));
		cell(x, ws, 0, e->change_col, sl_label(lang, SL_L_STATUS),
		     C_HEAD, F_BOLD);
	}
	worksheet_freeze_panes(ws, 1, 0);
	table_print_setup(x, ws, 0);
	return ws;
}

static void item_row(xlsx *x, export_ctx *e, slot *s, const sl_item *it)
{
	void *found = NULL;
	const sl_change *c = NULL;
	bool added;
	int base;
	size_t k;
	lxw_row_t row = s->next++;

	if (e->diff && sl_strmap_get(&e->changes, it->id, &found))
		c = found;
	added = c && c->status == SL_CHANGE_ADDED;
	base = added ? C_ADDED : C_TEXT;
	x->item = it->id;
	x->field = "id";
	cell(x, s->ws, row, 0, it->id,
	     c && c->status == SL_CHANGE_RENUMBERED ? C_CHANGED : base,
	     F_NORMAL);
	for (k = 0; k < e->fields.len; k++) {
		const char *f = e->fields.items[k];
		const sl_field_change *fc =
			c && !added ? field_change(c, f) : NULL;
		lxw_col_t col = (lxw_col_t)(k + 1);
		x->field = f;
		if (fc) {
			rich_ops(&e->r, &fc->ops, -1, F_DEL, F_INS);
			rich_write(x, s->ws, row, col, &e->r,
				   fc->notation_only ? C_NOTATION : C_CHANGED);
		} else {
			cell(x, s->ws, row, col, sl_item_get(it, f, NULL), base,
			     F_NORMAL);
		}
	}
	if (e->diff) {
		sl_buf label = SL_BUF_INIT;
		int style = C_TEXT;
		if (c) {
			change_label(&label, c, x->lang);
			style = added              ? C_ADDED
				: c->notation_only ? C_NOTATION
						   : C_CHANGED;
		}
		if (sl_buf_oom(&label) && !x->rc)
			x->rc = sl_error_oom();
		x->field = "change";
		cell(x, s->ws, row, e->change_col, sl_buf_cstr(&label), style,
		     F_NORMAL);
		sl_buf_dispose(&label);
	}
}

/* The worksheet listing every change, one row per field. */
static void change_list(xlsx *x, export_ctx *e)
{
	static const sl_label_id heads[] = {SL_L_ID,       SL_L_OLD_ID,
					    SL_L_STATUS,   SL_L_FIELD,
					    SL_L_OLD_TEXT, SL_L_NEW_TEXT};
	static const double widths[] = {8, 8, 22, 12, 60, 60};
	const sl_diff *diff = e->diff;
	const sl_sheet *ns = sl_diff_new_sheet(diff);
	lxw_worksheet *ws = add_sheet(x, sl_label(x->lang, SL_L_CHANGE_LIST));
	sl_buf label = SL_BUF_INIT;
	lxw_row_t row = 1;
	size_t i, f;
	lxw_col_t col;

	if (!ws)
		return;
	x->item = NULL;
	x->field = "heading";
	for (col = 0; col < SL_ARRAY_SIZE(heads); col++) {
		xlsx_fail(x, worksheet_set_column(ws, col, col, widths[col],
						  NULL));
		cell(x, ws, 0, col,
		     col == 0 ? sl_render__field_label(x->lang, ns, "id")
			      : sl_label(x->lang, heads[col]),
		     C_HEAD, F_BOLD);
	}
	worksheet_freeze_panes(ws, 1, 0);
	table_print_setup(x, ws, 0);
	for (i = 0; i < sl_diff_count(diff) && !x->rc; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		bool rows = false, edit = c->status == SL_CHANGE_MODIFIED ||
					  c->status == SL_CHANGE_RENUMBERED;
		int kind = c->status == SL_CHANGE_ADDED     ? C_ADDED
			   : c->status == SL_CHANGE_REMOVED ? C_REMOVED
							    : C_TEXT;
		sl_buf_clear(&label);
		change_label(&label, c, x->lang);
		x->item = c->id;
		for (f = 0; f <= c->field_count && !x->rc; f++) {
			const sl_field_change *fc =
				f < c->field_count ? &c->fields[f] : NULL;
			int style = kind;
			if (fc && !sl_render__field_shown(c, fc))
				continue;
			if (!fc && rows)
				break;
			/* A change without a shown field (a bare
			 * renumbering) still gets its row. */
			if (fc && fc->notation_only && edit)
				style = C_NOTATION;
			x->field = fc ? fc->field : "id";
			cell(x, ws, row, 0,
			     c->status == SL_CHANGE_REMOVED ? NULL : c->id,
			     style, F_NORMAL);
			cell(x, ws, row, 1, c->old_id, style, F_NORMAL);
			cell(x, ws, row, 2, sl_buf_cstr(&label), style,
			     F_NORMAL);
			cell(x, ws, row, 3,
			     fc ? sl_render__field_label(x->lang, ns, fc->field)
				: NULL,
			     style, F_NORMAL);
			if (fc && edit) {
				rich_ops(&e->r, &fc->ops, 0, F_DEL, F_INS);
				rich_write(x, ws, row, 4, &e->r, style);
				rich_ops(&e->r, &fc->ops, 1, F_DEL, F_INS);
				rich_write(x, ws, row, 5, &e->r, style);
			} else {
				cell(x, ws, row, 4, fc ? fc->old_text : NULL,
				     style, F_NORMAL);
				cell(x, ws, row, 5, fc ? fc->new_text : NULL,
				     style, F_NORMAL);
			}
			row++;
			rows = true;
		}
	}
	if (sl_buf_oom(&label) && !x->rc)
		x->rc = sl_error_oom();
	sl_buf_dispose(&label);
	if (sl_diff_count(diff) == 0)
		cell(x, ws, row++, 0, sl_label(x->lang, SL_L_NO_CHANGES),
		     C_NOTE, F_NORMAL);
	else
		xlsx_fail(x, worksheet_autofilter(ws, 0, 0, row - 1,
						  SL_ARRAY_SIZE(heads) - 1));
}

static void export_subject(sl_buf *out, const sl_sheet_meta *m,
			   const sl_diff *diff, const sl_render_options *o)
{
	sl_buf_printf(out, "%s: %s", sl_label(o->lang, SL_L_AS_OF),
		      m->as_of ? m->as_of : "?");
	if (diff && o->from)
		sl_buf_printf(out, "; %s: %s", sl_label(o->lang, SL_L_FROM),
			      o->from->edition ? o->from->edition
			      : o->from->label ? o->from->label
					       : "?");
}

int sl_render_xlsx_export(const char *path, const sl_sheet *sheet,
			  const sl_diff *diff, const sl_render_options *opts)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	export_ctx e;
	xlsx x;
	sl_strmap by_section = SL_STRMAP_INIT;
	sl_buf subject = SL_BUF_INIT;
	slot *slots = NULL;
	size_t i, nslots = 0, n = sl_sheet_item_count(sheet);
	int rc;

	memset(&e, 0, sizeof(e));
	e.sheet = sheet;
	e.diff = diff;
	rc = xlsx_open(&x, path, opts->lang);
	if (rc < 0)
		return rc;
	x.rc = export_fields(&e.fields, sheet);
	e.change_col = (lxw_col_t)(e.fields.len + 1);
	e.last_col = diff ? e.change_col : (lxw_col_t)e.fields.len;
	/* Changes by the id they have in the exported sheet. */
	for (i = 0; diff && i < sl_diff_count(diff) && !x.rc; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != SL_CHANGE_REMOVED &&
		    sl_strmap_put(&e.changes, c->id, (void *)c) < 0)
			x.rc = sl_error_oom();
	}
	export_subject(&subject, m, diff, opts);
	if (sl_buf_oom(&subject) && !x.rc)
		x.rc = sl_error_oom();
	properties(&x, m, sl_buf_cstr(&subject), opts, diff != NULL);
	cover(&x, m, diff, opts);

	/* A worksheet per section of sheet.json, in order, even an empty
	 * one; items of a section it does not list (lint refuses them, but
	 * the renderer must not lose rows) get one each after them. */
	slots = sl_calloc(m->section_count + n + 1, sizeof(*slots));
	if (!slots && !x.rc)
		x.rc = sl_error_oom();
	for (i = 0; i < m->section_count && !x.rc; i++) {
		const sl_section *s = &m->sections[i];
		slots[nslots].ws = section_sheet(&x, &e, s->id, s->title);
		slots[nslots].next = 1;
		if (!x.rc &&
		    sl_strmap_put(&by_section, s->id, &slots[nslots]) < 0)
			x.rc = sl_error_oom();
		nslots++;
	}
	for (i = 0; i < n && !x.rc; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		void *found = NULL;
		slot *s;
		if (sl_strmap_get(&by_section, it->section, &found)) {
			s = found;
		} else {
			s = &slots[nslots++];
			s->ws = section_sheet(&x, &e, it->section, NULL);
			s->next = 1;
			if (!x.rc &&
			    sl_strmap_put(&by_section, it->section, s) < 0)
				x.rc = sl_error_oom();
		}
		if (!x.rc)
			item_row(&x, &e, s, it);
	}
	for (i = 0; i < nslots && !x.rc; i++)
		if (slots[i].next > 1)
			xlsx_fail(&x, worksheet_autofilter(slots[i].ws, 0, 0,
							   slots[i].next - 1,
							   e.last_col));
	if (diff && !x.rc)
		change_list(&x, &e);
	rc = xlsx_close(&x, path);
	sl_free(slots);
	sl_strmap_dispose(&by_section);
	sl_strmap_dispose(&e.changes);
	sl_vec_dispose(&e.fields);
	sl_buf_dispose(&subject);
	rich_dispose(&e.r);
	return rc;
}

/* ---- 新旧対照表 ---- */

/* A whole item, every character underlined (added or removed). */
static void shinkyu_full(rich *r, const sl_item *it, const sl_sheet *sheet,
			 sl_lang lang)
{
	static const char *const fields[] = {"category", "question", "answer"};
	size_t i;
	rich_puts(r, F_BOLD_UNDER, it->id);
	for (i = 0; i < SL_ARRAY_SIZE(fields); i++) {
		const char *v = sl_item_get(it, fields[i], NULL);
		if (!v)
			continue;
		rich_puts(r, F_NORMAL, "\n");
		rich_puts(r, F_NORMAL,
			  sl_render__field_label(lang, sheet, fields[i]));
		rich_puts(r, F_NORMAL, "：");
		rich_puts(r, F_UNDER, v);
	}
}

/* One side of a modified or renumbered item: its id (underlined when it
 * moved), then each changed field with that side's changed wording
 * underlined. */
static void shinkyu_side(rich *r, const sl_change *c, int side,
			 const sl_sheet *sheet, sl_lang lang)
{
	size_t i;
	rich_puts(r, c->status == SL_CHANGE_RENUMBERED ? F_BOLD_UNDER : F_BOLD,
		  side == 0 ? c->old_id : c->id);
	for (i = 0; i < c->field_count; i++) {
		const sl_field_change *fc = &c->fields[i];
		if (is_placement(fc))
			continue;
		rich_puts(r, F_NORMAL, "\n");
		rich_puts(r, F_NORMAL,
			  sl_render__field_label(lang, sheet, fc->field));
		rich_puts(r, F_NORMAL, "：");
		rich_ops(r, &fc->ops, side, F_UNDER, F_UNDER);
	}
}

/* 備考, as render_shinkyu.c writes it. */
static void shinkyu_note(sl_buf *out, const sl_change *c, sl_lang lang)
{
	size_t i;
	bool edited = false;
	switch (c->status) {
	case SL_CHANGE_ADDED:
		sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_ADDED));
		return;
	case SL_CHANGE_REMOVED:
		sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_REMOVED));
		return;
	case SL_CHANGE_RENUMBERED:
		sl_buf_printf(out, "%s%s)",
			      lang == SL_LANG_JA ? "(移動：旧" : "(moved; was ",
			      c->old_id);
		for (i = 0; i < c->field_count; i++)
			edited |= !is_placement(&c->fields[i]);
		if (edited)
			sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_CHANGED));
		return;
	case SL_CHANGE_MODIFIED:
		sl_buf_puts(out,
			    sl_label(lang, c->notation_only
						   ? SL_L_SHINKYU_NOTATION
						   : SL_L_SHINKYU_CHANGED));
		return;
	}
}

static const char *edition_name(const sl_rev *rev)
{
	return rev && rev->edition ? rev->edition : rev ? rev->label : "?";
}

int sl_render_xlsx_shinkyu(const char *path, const sl_diff *diff,
			   const sl_render_options *opts)
{
	const sl_sheet *ns = sl_diff_new_sheet(diff),
		       *os = sl_diff_old_sheet(diff);
	sl_render_group *groups = NULL;
	sl_buf title = SL_BUF_INIT, line = SL_BUF_INIT, note = SL_BUF_INIT;
	rich r;
	xlsx x;
	lxw_worksheet *ws;
	lxw_row_t row = 5;
	sl_lang lang = opts->lang;
	size_t ngroups = 0, g, i, rows = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	rc = sl_render__groups(&groups, &ngroups, diff);
	if (rc < 0)
		return rc;
	rc = xlsx_open(&x, path, lang);
	if (rc < 0) {
		sl_free(groups);
		return rc;
	}
	sl_buf_printf(&title, "%s %s (%s → %s)", sl_render__sheet_title(diff),
		      sl_label(lang, SL_L_SHINKYU_TITLE),
		      edition_name(opts->from), edition_name(opts->to));
	sl_buf_printf(&line, "%s: ", sl_label(lang, SL_L_SHINKYU_NEW));
	sl_render__rev_name(&line, opts->to, lang);
	sl_buf_printf(&line, " / %s: ", sl_label(lang, SL_L_SHINKYU_OLD));
	sl_render__rev_name(&line, opts->from, lang);
	if ((sl_buf_oom(&title) || sl_buf_oom(&line)) && !x.rc)
		x.rc = sl_error_oom();
	properties(&x, sl_sheet_meta_get(ns), sl_buf_cstr(&title), opts, true);
	ws = add_sheet(&x, sl_label(lang, SL_L_SHINKYU_TITLE));
	if (ws) {
		x.field = "heading";
		xlsx_fail(&x, worksheet_set_column(ws, 0, 1, 60, NULL));
		xlsx_fail(&x, worksheet_set_column(ws, 2, 2, 16, NULL));
		cell(&x, ws, 0, 0, sl_buf_cstr(&title), C_NOTE, F_TITLE);
		cell(&x, ws, 1, 0, sl_buf_cstr(&line), C_NOTE, F_NORMAL);
		cell(&x, ws, 2, 0, sl_label(lang, SL_L_SHINKYU_LEGEND), C_NOTE,
		     F_NORMAL);
		cell(&x, ws, 4, 0, sl_label(lang, SL_L_SHINKYU_NEW), C_HEAD,
		     F_BOLD);
		cell(&x, ws, 4, 1, sl_label(lang, SL_L_SHINKYU_OLD), C_HEAD,
		     F_BOLD);
		cell(&x, ws, 4, 2, sl_label(lang, SL_L_SHINKYU_NOTE), C_HEAD,
		     F_BOLD);
		worksheet_freeze_panes(ws, 5, 0);
		table_print_setup(&x, ws, 4);
	}
	for (g = 0; g < ngroups && !x.rc; g++) {
		bool open = false;
		for (i = groups[g].first;
		     i < groups[g].first + groups[g].count && !x.rc; i++) {
			const sl_change *c = sl_diff_change(diff, i);
			if (!sl_render__shown(opts, c))
				continue;
			if (!open) {
				sl_buf_clear(&line);
				sl_buf_puts(&line, groups[g].section_id);
				if (groups[g].section)
					sl_buf_printf(&line, ". %s",
						      groups[g].section->title);
				if (sl_buf_oom(&line) && !x.rc)
					x.rc = sl_error_oom();
				if (!x.rc)
					xlsx_fail(&x,
						  worksheet_merge_range(
							  ws, row, 0, row, 2,
							  sl_buf_cstr(&line),
							  fmt(&x, C_SECTION,
							      F_BOLD)));
				row++;
				open = true;
			}
			x.item = c->id;
			x.field = "new";
			if (c->status == SL_CHANGE_ADDED)
				shinkyu_full(&r, c->new_item, ns, lang);
			else if (c->status != SL_CHANGE_REMOVED)
				shinkyu_side(&r, c, 1, ns, lang);
			rich_write(&x, ws, row, 0, &r, C_TEXT);
			x.field = "old";
			if (c->status == SL_CHANGE_REMOVED)
				shinkyu_full(&r, c->old_item, os, lang);
			else if (c->status != SL_CHANGE_ADDED)
				shinkyu_side(&r, c, 0, os, lang);
			rich_write(&x, ws, row, 1, &r, C_TEXT);
			sl_buf_clear(&note);
			shinkyu_note(&note, c, lang);
			if (sl_buf_oom(&note) && !x.rc)
				x.rc = sl_error_oom();
			x.field = "note";
			cell(&x, ws, row, 2, sl_buf_cstr(&note), C_TEXT,
			     F_NORMAL);
			row++;
			rows++;
		}
	}
	if (rows == 0 && ws)
		cell(&x, ws, row, 0, sl_label(lang, SL_L_NO_CHANGES), C_NOTE,
		     F_NORMAL);
	rc = xlsx_close(&x, path);
	sl_buf_dispose(&title);
	sl_buf_dispose(&line);
	sl_buf_dispose(&note);
	rich_dispose(&r);
	sl_free(groups);
	return rc;
}
