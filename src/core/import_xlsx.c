/*
 * import_xlsx.c: from a workbook's worksheets to the one table the
 * spreadsheet import applies (import_csv.c does the rest, as for a CSV).
 * Knows the sheet's headings and Excel's habits; knows nothing of the
 * archive or the XML (xlsx_read.c).
 *
 * Worked example: a workbook saved by Excel holds 表紙 (no header), "1
 * 組織" (title in row 1, header No|項目|評価内容|回答内容 in row 3, items
 * in rows 4-12, category B4 merged over B4:B7), "2 技術" (header in row
 * 1), 変更一覧 (No|旧番号|種別|…: no question column, skipped). The table
 * is "1 組織"'s row 3, its rows 4-12 (B5:B7 take B4's category), then "2
 * 技術"'s rows 2-…, each field remembering its worksheet row and column.
 */
#include "import_xlsx.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "escape.h"

void sl_xlsx_table_dispose(sl_xlsx_table *t)
{
	sl_csv_free(t->csv);
	sl_free(t->row_sheet);
	sl_vec_free_all(&t->sheets);
	sl_vec_free_all(&t->skipped);
	t->csv = NULL;
	t->row_sheet = NULL;
}

/* One column of the table: its heading, and where it is in the worksheet
 * being read. */
typedef struct column {
	const char *heading; /* borrowed from the first item worksheet */
	unsigned col;        /* in the current worksheet */
} column;

typedef struct reader {
	sl_xlsx_table *t;
	const sl_sheet_meta *meta;
	const char *path;
	column *cols; /* owned */
	size_t ncols, row_cap;
	size_t *k_of_col; /* owned: worksheet column -> table column + 1
			   * (0: under no heading), SL_XLSX_MAX_COL + 1 */
	size_t fields, max_fields; /* in the table, and the cap */
	const char *sheet_name;    /* borrowed: the worksheet being read */
	size_t id_k, cat_k; /* table columns of id and category (ncols: none) */
	sl_xlsx_sheet *first; /* owned: the worksheet the headings are from */
} reader;

/* Locate the current error in a worksheet: "PATH: sheet 'NAME' row R
 * column C" (row or column 0: left out). @return the error's code */
static int at_cell(const char *path, const char *sheet, unsigned row,
		   unsigned col)
{
	sl_buf where = SL_BUF_INIT;
	char letters[8];
	sl_buf_printf(&where, "%s: sheet '%s'", path ? path : "workbook",
		      sheet);
	if (row)
		sl_buf_printf(&where, " row %u", row);
	if (col) {
		sl_xlsx_read_col_name(letters, col);
		sl_buf_printf(&where, " column %s", letters);
	}
	if (!sl_buf_oom(&where))
		sl_error_add_path(sl_buf_cstr(&where));
	sl_buf_dispose(&where);
	return sl_error_last()->code;
}

/* The first row naming both the id and the question column, or NULL. */
static const sl_xlsx_row *find_header(const sl_xlsx_sheet *s,
				      const sl_sheet_meta *m)
{
	size_t r, c;
	for (r = 0; r < s->count; r++) {
		bool id = false, q = false;
		for (c = 0; c < s->rows[r].count; c++) {
			const char *f = sl_csv_import_heading_field(
				s->rows[r].cells[c].text, m);
			id |= f && !strcmp(f, "id");
			q |= f && !strcmp(f, "question");
		}
		if (id && q)
			return &s->rows[r];
	}
	return NULL;
}

/* The first item worksheet's header gives the table's columns; every
 * other item worksheet must have the same headings, in any order. */
static int map_columns(reader *rd, const sl_xlsx_row *h, const char *name,
		       const char *first_name)
{
	size_t i, k;
	/* A real header has a handful of columns; every one of them costs a
	 * field in every row. */
	if (h->count > SL_XLSX_IMPORT_MAX_COLUMNS) {
		sl_error_set(SL_EINVALID,
			     "the header has more than %d columns (the cap)",
			     SL_XLSX_IMPORT_MAX_COLUMNS);
		return at_cell(rd->path, name, h->row, 0);
	}
	if (!rd->k_of_col && !(rd->k_of_col = sl_calloc(SL_XLSX_MAX_COL + 1,
							sizeof(*rd->k_of_col))))
		return sl_error_oom();
	if (!rd->cols) {
		rd->cols = sl_calloc(h->count, sizeof(*rd->cols));
		if (!rd->cols)
			return sl_error_oom();
		rd->ncols = h->count;
		rd->id_k = rd->cat_k = h->count;
		for (i = 0; i < h->count; i++) {
			const char *f = sl_csv_import_heading_field(
				h->cells[i].text, rd->meta);
			rd->cols[i].heading = h->cells[i].text;
			if (f && !strcmp(f, "id") && rd->id_k == h->count)
				rd->id_k = i;
			if (f && !strcmp(f, "category") &&
			    rd->cat_k == h->count)
				rd->cat_k = i;
		}
	}
	for (k = 0; k < rd->ncols; k++) {
		rd->k_of_col[rd->cols[k].col] = 0;
		rd->cols[k].col = 0;
	}
	for (i = 0; i < h->count; i++) {
		for (k = 0; k < rd->ncols; k++)
			if (!rd->cols[k].col &&
			    !strcmp(rd->cols[k].heading, h->cells[i].text))
				break;
		if (k == rd->ncols)
			break;
		rd->cols[k].col = h->cells[i].col;
		rd->k_of_col[h->cells[i].col] = k + 1;
	}
	if (i < h->count || h->count != rd->ncols) {
		sl_error_set(SL_EINVALID,
			     "the header's columns differ from those of sheet "
			     "'%s' (the item worksheets must have the same)",
			     first_name);
		return at_cell(rd->path, name, h->row, 0);
	}
	return 0;
}

/* A cell's text as the CSV import reads it: that import takes one
 * apostrophe off a cell that would run as a formula or starts with an
 * apostrophe (the CSV export's protection), and a workbook's cells have
 * none, so such a text gets one more. new */
static char *field_text(const sl_xlsx_cell *c, size_t *len)
{
	const char *s = c ? c->text : "";
	size_t n = c ? c->len : 0;
	bool guard = n >= 2 && s[0] == '\'' &&
		     (s[1] == '\'' || sl_escape_is_formula(s + 1, n - 1));
	char *out = sl_malloc(n + guard + 1);
	if (!out)
		return NULL;
	out[0] = '\'';
	memcpy(out + guard, s, n);
	out[n + guard] = '\0';
	*len = n + guard;
	return out;
}

/* The cell of a merged range's top-left corner covering row:col, or NULL. */
static const sl_xlsx_cell *merged_value(const sl_xlsx_sheet *s, unsigned row,
					unsigned col)
{
	size_t i, r;
	for (i = 0; i < s->merge_count; i++) {
		const sl_xlsx_range *m = &s->merges[i];
		if (row < m->row1 || row > m->row2 || col < m->col1 ||
		    col > m->col2 || (row == m->row1 && col == m->col1))
			continue;
		for (r = 0; r < s->count; r++)
			if (s->rows[r].row == m->row1)
				return sl_xlsx_sheet_cell(&s->rows[r], m->col1);
		return NULL;
	}
	return NULL;
}

/* Excel reads 1-1 typed into a cell as the first of January: say so,
 * with the id it probably was. */
static int date_id(reader *rd, const char *sheet, const sl_xlsx_row *row,
		   const sl_xlsx_cell *c)
{
	unsigned y, m, d;
	if (sscanf(c->text, "%u-%u-%u", &y, &m, &d) == 3)
		sl_error_set(SL_EINVALID,
			     "Excel turned id into a date (%s; was it "
			     "%u-%u?): format the id column as text and type "
			     "the id again",
			     c->text, m, d);
	else
		sl_error_set(SL_EINVALID,
			     "Excel turned id into a date (%s): format the id "
			     "column as text and type the id again",
			     c->text);
	return at_cell(rd->path, sheet, row->row, c->col);
}

static int add_row(reader *rd, const sl_xlsx_sheet *s, const sl_xlsx_row *row,
		   size_t sheet_index, bool fill, const char *prev_category)
{
	sl_csv *csv = rd->t->csv;
	sl_csv_row *out;
	size_t k;
	if (csv->count == rd->row_cap) {
		size_t cap = rd->row_cap;
		sl_csv_row *g = sl_array_grow(csv->rows, &cap, sizeof(*g), 64);
		size_t *gs;
		if (!g)
			return sl_error_oom();
		csv->rows = g;
		gs = sl_reallocarray(rd->t->row_sheet, cap, sizeof(*gs));
		if (!gs)
			return sl_error_oom();
		rd->t->row_sheet = gs;
		rd->row_cap = cap;
	}
	if ((rd->fields += rd->ncols) > rd->max_fields) {
		sl_error_set(SL_EINVALID,
			     "the item worksheets hold more than %zu cells "
			     "(the cap)",
			     rd->max_fields);
		return at_cell(rd->path, rd->sheet_name, row->row, 0);
	}
	out = &csv->rows[csv->count];
	out->fields = sl_calloc(rd->ncols, sizeof(*out->fields));
	if (!out->fields)
		return sl_error_oom();
	out->count = rd->ncols;
	out->line = (int)row->row;
	rd->t->row_sheet[csv->count++] = sheet_index;
	for (k = 0; k < rd->ncols; k++) {
		unsigned col = rd->cols[k].col;
		const sl_xlsx_cell *c = sl_xlsx_sheet_cell(row, col);
		sl_csv_field *f = &out->fields[k];
		if (!c && k == rd->cat_k && fill) {
			c = merged_value(s, row->row, col);
			if (!c && prev_category && *prev_category) {
				f->text = sl_strdup(prev_category);
				f->len = f->text ? strlen(f->text) : 0;
			}
		}
		if (!f->text)
			f->text = field_text(c, &f->len);
		if (!f->text)
			return sl_error_oom();
		f->line = (int)row->row;
		f->col = (int)col;
	}
	return 0;
}

/* Whether a worksheet prints the category on every row: two rows in a
 * row with the same one (our export; Excel keeps that). Its blank cells
 * are then items without a category, not the one above. */
static bool repeats_categories(const reader *rd, const sl_xlsx_sheet *s,
			       const sl_xlsx_row *header)
{
	const sl_xlsx_cell *prev = NULL;
	size_t r;
	if (rd->cat_k >= rd->ncols)
		return false;
	for (r = (size_t)(header - s->rows) + 1; r < s->count; r++) {
		const sl_xlsx_cell *c = sl_xlsx_sheet_cell(
			&s->rows[r], rd->cols[rd->cat_k].col);
		if (c && prev && !strcmp(c->text, prev->text))
			return true;
		prev = c;
	}
	return false;
}

/* The rows below the header of one item worksheet. */
static int read_items(reader *rd, const sl_xlsx_sheet *s,
		      const sl_xlsx_row *header, size_t sheet_index,
		      const char *name)
{
	size_t r, c;
	const char *prev_category = NULL;
	bool once_per_group = !repeats_categories(rd, s, header);
	int rc = 0;
	for (r = (size_t)(header - s->rows) + 1; rc == 0 && r < s->count; r++) {
		const sl_xlsx_row *row = &s->rows[r];
		const sl_xlsx_cell *id = sl_xlsx_sheet_cell(
			row, rd->id_k < rd->ncols ? rd->cols[rd->id_k].col : 0);
		bool any = false;
		/* Cells only under a heading count; one anywhere else is
		 * data the import would silently lose. */
		for (c = 0; c < row->count; c++) {
			if (!rd->k_of_col[row->cells[c].col]) {
				sl_error_set(SL_EINVALID,
					     "a cell outside the header's "
					     "columns");
				return at_cell(rd->path, name, row->row,
					       row->cells[c].col);
			}
			any = true;
		}
		if (!any)
			continue; /* an empty row */
		if (id && id->kind == SL_XLSX_DATE)
			return date_id(rd, name, row, id);
		rc = add_row(rd, s, row, sheet_index, true,
			     once_per_group ? prev_category : NULL);
		if (rc == 0 && rd->cat_k < rd->ncols)
			prev_category = rd->t->csv->rows[rd->t->csv->count - 1]
						.fields[rd->cat_k]
						.text;
	}
	return rc;
}

static int push_name(sl_vec *v, const char *name)
{
	char *copy = sl_strdup(name);
	if (!copy || sl_vec_push(v, copy) < 0) {
		sl_free(copy);
		return sl_error_oom();
	}
	return 0;
}

int sl_xlsx_import_read(sl_xlsx_table *out, const sl_sheet_meta *meta,
			const void *data, size_t len, const char *path,
			const sl_xlsx_limits *lim)
{
	static const sl_xlsx_limits defaults = SL_XLSX_LIMITS_INIT;
	sl_xlsx_book *book = NULL;
	sl_xlsx_sheet *s = NULL;
	reader rd;
	size_t i, n;
	int rc;

	memset(&rd, 0, sizeof(rd));
	rd.max_fields = lim ? lim->max_cells : defaults.max_cells;
	rd.t = out;
	rd.meta = meta;
	rd.path = path;
	out->csv = sl_calloc(1, sizeof(*out->csv));
	if (!out->csv)
		return sl_error_oom();
	rc = sl_xlsx_book_open(&book, data, len, lim);
	if (rc == SL_EINVALID && path)
		sl_error_add_path(path);
	n = rc == 0 ? sl_xlsx_book_sheet_count(book) : 0;
	for (i = 0; rc == 0 && i < n; i++) {
		const char *name = sl_xlsx_book_sheet_name(book, i);
		const sl_xlsx_row *h;
		rd.sheet_name = name;
		rc = sl_xlsx_book_read_sheet(&s, book, i);
		if (rc == SL_EINVALID && path)
			sl_error_add_path(path);
		if (rc < 0)
			break;
		h = find_header(s, meta);
		if (!h) {
			rc = push_name(&out->skipped, name);
			sl_xlsx_sheet_free(s);
			s = NULL;
			continue;
		}
		if (rd.cols) {
			rc = map_columns(&rd, h, name, out->sheets.items[0]);
		} else {
			rc = map_columns(&rd, h, name, name);
			/* The header row is the table's first. */
			if (rc == 0)
				rc = add_row(&rd, s, h, out->sheets.len, false,
					     NULL);
		}
		if (rc == 0)
			rc = read_items(&rd, s, h, out->sheets.len, name);
		if (rc == 0)
			rc = push_name(&out->sheets, name);
		/* The headings are borrowed from the first item worksheet:
		 * keep it while the others are read. */
		if (!rd.first)
			rd.first = s;
		else
			sl_xlsx_sheet_free(s);
		s = NULL;
	}
	if (rc == 0 && !out->sheets.len) {
		rc = sl_error_set(SL_EINVALID,
				  "no worksheet has a header row naming the id "
				  "and question columns (No or id, and "
				  "評価内容 or question)");
		if (path)
			sl_error_add_path(path);
	}
	sl_free(rd.cols);
	sl_free(rd.k_of_col);
	sl_xlsx_sheet_free(rd.first);
	sl_xlsx_book_free(book);
	if (rc < 0)
		sl_xlsx_table_dispose(out);
	return rc;
}

/* The import's failure, located by the table's line and column: restate
 * it in the worksheet whose row that is (the one whose id is the error's
 * item, when several worksheets have that row). */
static int relocate(const sl_xlsx_table *t, const char *path)
{
	const sl_error *e = sl_error_last();
	char msg[sizeof(e->message)], item[sizeof(e->item_id)];
	int code = e->code, line = e->line, col = e->col;
	size_t r, found = t->csv->count;
	if (code != SL_EINVALID || line <= 0 || (path && strcmp(e->path, path)))
		return code;
	for (r = 0; r < t->csv->count; r++) {
		const sl_csv_row *row = &t->csv->rows[r];
		size_t k;
		if (row->line != line)
			continue;
		if (found == t->csv->count)
			found = r;
		for (k = 0; e->item_id[0] && k < row->count; k++)
			if (!strcmp(row->fields[k].text, e->item_id))
				found = r;
	}
	if (found == t->csv->count)
		return code;
	snprintf(msg, sizeof(msg), "%s", e->message);
	snprintf(item, sizeof(item), "%s", e->item_id);
	sl_error_set(code, "%s", msg);
	if (item[0])
		sl_error_add_item(item);
	return at_cell(path, t->sheets.items[t->row_sheet[found]],
		       (unsigned)line, (unsigned)col);
}

int sl_xlsx_import_apply(sl_csv_import *imp, sl_sheet *sheet, const void *data,
			 size_t len, const sl_csv_import_options *o,
			 sl_xlsx_table *read_sheets)
{
	sl_xlsx_table t = SL_XLSX_TABLE_INIT;
	sl_csv_import_options rows = *o; /* messages count worksheet rows */
	int rc = sl_xlsx_import_read(&t, sl_sheet_meta_get(sheet), data, len,
				     o->path, NULL);
	rows.lines_are_rows = true;
	if (rc == 0) {
		rc = sl_csv_import_apply_table(imp, sheet, t.csv, &rows);
		if (rc < 0)
			rc = relocate(&t, o->path);
	}
	if (read_sheets) {
		sl_xlsx_table_dispose(read_sheets);
		*read_sheets = t;
	} else {
		sl_xlsx_table_dispose(&t);
	}
	return rc;
}
