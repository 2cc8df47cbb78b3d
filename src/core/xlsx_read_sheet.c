/*
 * xlsx_read_sheet.c: a worksheet's cells (<sheetData>) and merged ranges,
 * each value as a spreadsheet shows it: shared and inline strings,
 * numbers in General format, dates and times in date-formatted cells as
 * ISO 8601, booleans, errors. The XML comes from xlsx_read.c's streaming
 * parser; no third-party header here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "xlsx_read_int.h"

/* ---- worksheets ---- */

typedef struct ws_ctx {
	sl_xlsx_book *b;
	const char *name; /* the worksheet's */
	sl_xlsx_sheet *sheet;
	size_t row_cap, merge_cap, cells, rows_seen, text_len;
	sl_xlsx_row cur; /* the row being read */
	size_t cur_cap;
	unsigned last_row, last_col;
	/* the cell being read */
	bool in_cell, in_is, in_v;
	bool struck; /* the inline run's <rPr> has <strike/> */
	unsigned phonetic;
	unsigned col, style;
	char type[12];
} ws_ctx;

/* "C5" -> col 3, row 5; either part may be absent ("C", "5" are not
 * valid cell references, but a range's corners are parsed the same way).
 * @return false when out of Excel's grid or malformed */
static bool parse_ref(const char *s, unsigned *col, unsigned *row)
{
	unsigned long c = 0, r = 0;
	size_t letters = 0, digits = 0;
	while (*s == '$')
		s++;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
		if (++letters > 3)
			return false;
		c = c * 26 + (unsigned long)((*s | 0x20) - 'a' + 1);
	}
	while (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 7)
			return false;
		r = r * 10 + (unsigned long)(*s - '0');
	}
	if (*s || c > XLSX_MAX_COL || r > XLSX_MAX_ROW || (letters && !c) ||
	    (digits && !r))
		return false;
	*col = (unsigned)c;
	*row = (unsigned)r;
	return letters || digits;
}

static int ws_error(ws_ctx *w, const char *what)
{
	return sl_error_set(SL_EINVALID, "sheet '%s': %s", w->name, what);
}

static void ws_row_start(xml_ctx *x, ws_ctx *w, const char **attrs)
{
	const char *r = sl_xlsx_read__attr(attrs, "r", false);
	unsigned col = 0, row = w->last_row + 1;
	if (++w->rows_seen > w->b->lim.max_rows) {
		sl_error_set(SL_EINVALID,
			     "sheet '%s' has more than %zu rows (the cap)",
			     w->name, w->b->lim.max_rows);
		sl_xlsx_read__fail(x, SL_EINVALID);
		return;
	}
	if (r && (!parse_ref(r, &col, &row) || col || !row)) {
		sl_xlsx_read__fail(
			x, ws_error(w, "a row number is out of the grid"));
		return;
	}
	if (row <= w->last_row || row > XLSX_MAX_ROW) {
		sl_xlsx_read__fail(x, ws_error(w, "rows are out of order"));
		return;
	}
	w->cur.row = row;
	/* Cells outside any <row> are no cells of this one. */
	while (w->cur.count)
		sl_free(w->cur.cells[--w->cur.count].text);
	w->last_row = row;
	w->last_col = 0;
}

static void ws_cell_start(xml_ctx *x, ws_ctx *w, const char **attrs)
{
	const char *r = sl_xlsx_read__attr(attrs, "r", false),
		   *t = sl_xlsx_read__attr(attrs, "t", false);
	unsigned col = w->last_col + 1, row = w->cur.row;
	if (r && (!parse_ref(r, &col, &row) || !col)) {
		sl_xlsx_read__fail(
			x, ws_error(w, "a cell reference is out of the grid"));
		return;
	}
	if (col <= w->last_col || col > XLSX_MAX_COL) {
		sl_xlsx_read__fail(x, ws_error(w, "cells are out of order"));
		return;
	}
	w->last_col = col;
	w->col = col;
	w->style = sl_xlsx_read__uint(sl_xlsx_read__attr(attrs, "s", false));
	snprintf(w->type, sizeof(w->type), "%s", t ? t : "n");
	w->in_cell = true;
	w->struck = false;
	sl_buf_clear(&x->text);
}

static void ws_merge(xml_ctx *x, ws_ctx *w, const char **attrs)
{
	const char *ref = sl_xlsx_read__attr(attrs, "ref", false), *colon;
	sl_xlsx_sheet *s = w->sheet;
	sl_xlsx_range m;
	char first[16];
	if (!ref || !(colon = strchr(ref, ':')) ||
	    (size_t)(colon - ref) >= sizeof(first))
		return;
	memcpy(first, ref, (size_t)(colon - ref));
	first[colon - ref] = '\0';
	if (!parse_ref(first, &m.col1, &m.row1) ||
	    !parse_ref(colon + 1, &m.col2, &m.row2) || !m.col1 || !m.row1 ||
	    m.col2 < m.col1 || m.row2 < m.row1)
		return; /* whole rows or columns: nothing to fill */
	if (s->merge_count == w->b->lim.max_merges) {
		sl_xlsx_read__fail(
			x, sl_error_set(SL_EINVALID,
					"sheet '%s' has more than %zu merged "
					"ranges (the cap)",
					w->name, w->b->lim.max_merges));
		return;
	}
	if (s->merge_count == w->merge_cap) {
		sl_xlsx_range *g =
			sl_array_grow(s->merges, &w->merge_cap, sizeof(*g), 8);
		if (!g) {
			sl_xlsx_read__fail(x, sl_error_oom());
			return;
		}
		s->merges = g;
	}
	s->merges[s->merge_count++] = m;
}

static void ws_start(xml_ctx *x, const char *name, const char **attrs)
{
	ws_ctx *w = x->user;
	if (!strcmp(name, "row"))
		ws_row_start(x, w, attrs);
	else if (!strcmp(name, "c"))
		ws_cell_start(x, w, attrs);
	else if (!w->in_cell && !strcmp(name, "mergeCell"))
		ws_merge(x, w, attrs);
	else if (!w->in_cell)
		return;
	else if (!strcmp(name, "v"))
		x->collect = w->in_v = true;
	else if (!strcmp(name, "is"))
		w->in_is = true;
	else if (!strcmp(name, "rPh"))
		w->phonetic++;
	else if (!strcmp(name, "r"))
		w->struck = false;
	else if (!strcmp(name, "strike"))
		w->struck = sl_xlsx_read__flag(attrs);
	else if (!strcmp(name, "t") && w->in_is && !w->phonetic && !w->struck)
		x->collect = true;
}

/* Days since 1970-01-01 -> y-m-d (Howard Hinnant's civil_from_days). */
static void civil(long z, long *y, unsigned *m, unsigned *d)
{
	long era, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* A serial date as ISO 8601: 1900 system with Lotus's 1900-02-29 (serial
 * 60), or the 1904 system. @return false when out of Excel's range */
static bool format_date(sl_buf *out, double v, bool date1904)
{
	long days, y, secs;
	unsigned m, d;
	if (!(v >= 0 && v < 2958466))
		return false;
	days = (long)floor(v);
	secs = lround((v - (double)days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (!date1904 && days == 60) {
		sl_buf_puts(out, "1900-02-29");
	} else if (!date1904 && days == 0) {
		/* a time of day alone */
	} else {
		long epoch = date1904 ? -24107 : days < 60 ? -25568 : -25569;
		civil(days + epoch, &y, &m, &d);
		sl_buf_printf(out, "%04ld-%02u-%02u", y, m, d);
	}
	if (secs || (!date1904 && days == 0))
		sl_buf_printf(out, "%s%02ld:%02ld:%02ld", out->len ? " " : "",
			      secs / 3600, secs / 60 % 60, secs % 60);
	return true;
}

/* A number as a spreadsheet's General format shows it: integers without
 * ".0", else 15 significant digits (0.1+0.2 is 0.3). */
static void format_number(sl_buf *out, const char *v)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || !isfinite(x))
		sl_buf_puts(out, v); /* not a number: as written */
	else if (x == floor(x) && fabs(x) < 1e15)
		sl_buf_printf(out, "%.0f", x == 0 ? 0.0 : x);
	else {
		size_t at = out->len, i;
		sl_buf_printf(out, "%.15g", x);
		for (i = at; !sl_buf_oom(out) && i < out->len; i++)
			if (out->ptr[i] == 'e')
				out->ptr[i] = 'E'; /* 1E+20, as Excel */
	}
}

/* The value of the cell just closed, into out; kind set. */
static int cell_value(ws_ctx *w, xml_ctx *x, sl_buf *out, sl_xlsx_kind *kind)
{
	const char *v = x->text.ptr ? x->text.ptr : "";
	const char *t = w->type;
	*kind = SL_XLSX_TEXT;
	/* A cell struck through as a whole holds deleted text (our export's
	 * changes), so it is read as empty. */
	if (w->style < w->b->xf_count && w->b->xf_struck[w->style])
		return 0;
	if (!strcmp(t, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (!*v || *end || i >= w->b->string_count)
			return ws_error(w, "a cell names a shared string the "
					   "workbook lacks");
		sl_buf_put(out, w->b->strings[i], w->b->string_lens[i]);
	} else if (!strcmp(t, "inlineStr") || !strcmp(t, "str")) {
		sl_buf_put(out, v, x->text.len);
		out->len = out->len ? sl_xlsx_read__decode_escapes(out->ptr,
								   out->len)
				    : 0;
	} else if (!strcmp(t, "b")) {
		*kind = SL_XLSX_BOOL;
		if (*v)
			sl_buf_puts(out, strcmp(v, "0") ? "TRUE" : "FALSE");
	} else if (!strcmp(t, "e")) {
		*kind = SL_XLSX_ERROR;
		sl_buf_puts(out, v);
	} else if (!strcmp(t, "d")) {
		*kind = SL_XLSX_DATE;
		sl_buf_puts(out, v);
	} else if (*v) {
		bool date =
			w->style < w->b->xf_count && w->b->xf_date[w->style];
		*kind = SL_XLSX_NUMBER;
		if (date && format_date(out, strtod(v, NULL), w->b->date1904))
			*kind = SL_XLSX_DATE;
		else
			format_number(out, v);
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

static void ws_cell_end(xml_ctx *x, ws_ctx *w)
{
	sl_buf val = SL_BUF_INIT;
	sl_xlsx_kind kind;
	sl_xlsx_cell *c;
	int rc = cell_value(w, x, &val, &kind);
	w->in_cell = w->in_is = w->in_v = false;
	w->phonetic = 0;
	x->collect = false;
	sl_buf_clear(&x->text);
	if (rc == 0 && !val.len)
		goto done; /* a styled blank */
	if (rc == 0 && ++w->cells > w->b->lim.max_cells)
		rc = sl_error_set(SL_EINVALID,
				  "sheet '%s' has more than %zu cells (the "
				  "cap)",
				  w->name, w->b->lim.max_cells);
	/* A short shared string used a million times is a memory bomb: its
	 * copies count. */
	if (rc == 0 && (w->text_len += val.len) > w->b->lim.max_text_len)
		rc = sl_error_set(SL_EINVALID,
				  "sheet '%s' holds more than %zu bytes of "
				  "cell text (the cap)",
				  w->name, w->b->lim.max_text_len);
	if (rc == 0 && w->cur.count == w->cur_cap) {
		sl_xlsx_cell *g =
			sl_array_grow(w->cur.cells, &w->cur_cap, sizeof(*g), 8);
		if (g)
			w->cur.cells = g;
		else
			rc = sl_error_oom();
	}
	if (rc == 0) {
		c = &w->cur.cells[w->cur.count++];
		c->len = val.len;
		c->text = sl_buf_detach(&val, NULL);
		c->col = w->col;
		c->kind = kind;
	}
done:
	sl_buf_dispose(&val);
	if (rc < 0)
		sl_xlsx_read__fail(x, rc);
}

static void ws_row_end(xml_ctx *x, ws_ctx *w)
{
	sl_xlsx_sheet *s = w->sheet;
	if (!w->cur.count)
		return;
	if (s->count == w->row_cap) {
		sl_xlsx_row *g =
			sl_array_grow(s->rows, &w->row_cap, sizeof(*g), 16);
		if (!g) {
			sl_xlsx_read__fail(x, sl_error_oom());
			return;
		}
		s->rows = g;
	}
	s->rows[s->count++] = w->cur;
	memset(&w->cur, 0, sizeof(w->cur));
	w->cur_cap = 0;
}

static void ws_end(xml_ctx *x, const char *name)
{
	ws_ctx *w = x->user;
	if (!strcmp(name, "c") && w->in_cell)
		ws_cell_end(x, w);
	else if (!strcmp(name, "row"))
		ws_row_end(x, w);
	else if (!strcmp(name, "v") || !strcmp(name, "t"))
		x->collect = false;
	else if (!strcmp(name, "rPh") && w->phonetic)
		w->phonetic--;
}

static void row_dispose(sl_xlsx_row *r)
{
	size_t i;
	for (i = 0; i < r->count; i++)
		sl_free(r->cells[i].text);
	sl_free(r->cells);
}

int sl_xlsx_book_read_sheet(sl_xlsx_sheet **out, sl_xlsx_book *b, size_t i)
{
	ws_ctx w;
	int rc;
	*out = NULL;
	if (i >= b->sheet_count)
		return sl_error_set(SL_ENOTFOUND, "no worksheet %zu", i);
	memset(&w, 0, sizeof(w));
	w.b = b;
	w.name = b->sheets[i].name;
	w.sheet = sl_calloc(1, sizeof(*w.sheet));
	if (!w.sheet)
		return sl_error_oom();
	rc = sl_xlsx_read__parse_part(b, b->sheets[i].part, ws_start, ws_end,
				      &w);
	row_dispose(&w.cur);
	if (rc < 0) {
		sl_xlsx_sheet_free(w.sheet);
		return rc;
	}
	*out = w.sheet;
	return 0;
}

void sl_xlsx_sheet_free(sl_xlsx_sheet *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->count; i++)
		row_dispose(&s->rows[i]);
	sl_free(s->rows);
	sl_free(s->merges);
	sl_free(s);
}

const sl_xlsx_cell *sl_xlsx_sheet_cell(const sl_xlsx_row *row, unsigned col)
{
	size_t lo = 0, hi = row->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (row->cells[mid].col == col)
			return &row->cells[mid];
		if (row->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void sl_xlsx_read_col_name(char *out, unsigned col)
{
	char tmp[4];
	size_t n = 0, i;
	while (col && n < sizeof(tmp)) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}
