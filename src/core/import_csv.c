/*
 * import_csv.c: decode, parse (csv.c), map the header, check every row
 * (Excel's habits included: empty rows, ids turned into dates), then hand
 * the rows to the plan (import_plan.c), which builds the desired sheet
 * aside: a bad row anywhere leaves the sheet as it was.
 */
#include "import_csv.h"

#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "error.h"
#include "escape.h"
#include "import_plan.h"
#include "item.h"
#include "strmap.h"
#include "utf8.h"

void sl_csv_import_dispose(sl_csv_import *imp)
{
	sl_vec_free_all(&imp->ignored);
	sl_import_plan_free(imp->plan);
	imp->plan = NULL;
}

/* Set the error's location and the input's path. */
static int located(int rc, const char *path, int line, int col)
{
	sl_error_add_loc(line, col);
	if (path)
		sl_error_add_path(path);
	return rc;
}

/* Where a decoding error is: line, and column in characters. */
static void decode_loc(int *line, int *col, const char *data, size_t bad,
		       sl_encoding enc)
{
	size_t i, start = 0;
	*line = 1;
	for (i = 0; i < bad; i++)
		if (data[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = 1;
	if (enc == SL_ENC_CP932) {
		sl_buf b = SL_BUF_INIT;
		size_t off;
		/* The bytes before the bad one decode (that is how far the
		 * decoder got), so this sets no error and the caller's
		 * record survives. */
		if (sl_encoding_decode(&b, NULL, &off, data + start,
				       bad - start, SL_ENC_CP932) == 0)
			*col = 1 + (int)sl_utf8_cps(b.ptr, b.len);
		sl_buf_dispose(&b);
	} else {
		size_t s = start;
		if (bad - s >= 3 && s == 0 && !memcmp(data, "\xEF\xBB\xBF", 3))
			s = 3;
		*col = 1 + (int)sl_utf8_cps(data + s, bad - s);
	}
}

/* A column of the header: a known field, an extra field, or ignored. */
typedef struct column {
	const char *field; /* borrowed: known field name or the header text;
			    * NULL when ignored */
} column;

/* One table of headings for both spreadsheet imports (a CSV here, a
 * workbook's worksheets in import_xlsx.c), so that a heading one of them
 * knows the other cannot miss. */
const char *sl_csv_import_heading_field(const char *h, const sl_sheet_meta *m)
{
	static const struct {
		const char *heading, *field;
	} names[] = {
		{"id", "id"},
		{"No", "id"},
		{"No.", "id"},
		{"項番", "id"},
		{"section", "section"},
		{"セクション", "section"},
		{"scope", "scope"},
		{"責任範囲", "scope"},
		{"category", "category"},
		{"項目", "category"},
		{"question", "question"},
		{"評価内容", "question"},
		{"answer", "answer"},
		{"回答内容", "answer"},
	};
	size_t i;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(h, names[i].heading))
			return names[i].field;
	if (!m)
		return NULL;
	if (m->columns.id && !strcmp(h, m->columns.id))
		return "id";
	if (m->columns.category && !strcmp(h, m->columns.category))
		return "category";
	if (m->columns.question && !strcmp(h, m->columns.question))
		return "question";
	if (m->columns.answer && !strcmp(h, m->columns.answer))
		return "answer";
	return NULL;
}

/* Spreadsheet safety, undone: export put one apostrophe before a cell
 * that would run as a formula or that starts with an apostrophe; take
 * exactly that one off. */
static const char *cell_value(const sl_csv_field *f)
{
	if (f->len >= 2 && f->text[0] == '\'' &&
	    (f->text[1] == '\'' ||
	     sl_escape_is_formula(f->text + 1, f->len - 1)))
		return f->text + 1;
	return f->text;
}

/* ASCII spaces around an id are a spreadsheet accident, not data. */
static char *trimmed_id(const char *s)
{
	size_t n;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return sl_strndup(s, n);
}

static int map_header(column *cols, size_t *id_col, sl_csv_import *imp,
		      const sl_csv_row *h, const sl_sheet_meta *m,
		      const sl_csv_import_options *o)
{
	size_t i, k;
	*id_col = h->count;
	for (i = 0; i < h->count; i++) {
		const sl_csv_field *f = &h->fields[i];
		const char *field = sl_csv_import_heading_field(f->text, m);
		if (!field && f->len && o->extra_columns)
			field = f->text;
		cols[i].field = field;
		if (!field) {
			char *name = sl_strdup(f->len ? f->text : "(empty)");
			if (!name || sl_vec_push(&imp->ignored, name) < 0) {
				sl_free(name);
				return sl_error_oom();
			}
			continue;
		}
		for (k = 0; k < i; k++)
			if (cols[k].field && !strcmp(cols[k].field, field))
				return located(
					sl_error_set(SL_EINVALID,
						     "the header names the "
						     "column '%s' twice",
						     field),
					o->path, f->line, f->col);
		if (!strcmp(field, "id"))
			*id_col = i;
	}
	if (*id_col == h->count)
		return located(
			sl_error_set(SL_EINVALID,
				     "the header has no id column (id, "
				     "No or %s)",
				     m->columns.id ? m->columns.id : "項番"),
			o->path, h->line, 1);
	return 0;
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Digits at *s (1 to max of them) as a number; *s moves past them. */
static int digits(const char **s, int max)
{
	int v = 0, k = 0;
	while (k < max && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		k++;
	}
	return k ? v : -1;
}

static int month_abbr(const char **s)
{
	size_t i;
	for (i = 0; i < SL_ARRAY_SIZE(months); i++)
		if (!strncmp(*s, months[i], 3)) {
			*s += 3;
			return (int)i + 1;
		}
	return -1;
}

/*
 * Is id a date Excel made of an id "M-D" when it opened the CSV (the
 * cell typed or read as 1-1 is January 1st, and the CSV saved again holds
 * the date as displayed)? The forms: 1月1日 (Japanese locale), 1-Jan and
 * Jan-1 (English), 2022/1/1 and 2022-01-01 (year first), 1/1/2022. *m and
 * *d: the month and day, that is the id it probably was.
 */
static bool excel_date(const char *id, int *m, int *d)
{
	const char *s = id;
	int a, b, y;
	if ((a = digits(&s, 2)) > 0 && !strncmp(s, "月", 3)) {
		s += 3;
		if ((b = digits(&s, 2)) > 0 && !strcmp(s, "日"))
			return *m = a, *d = b, true;
		return false;
	}
	s = id;
	if ((a = digits(&s, 2)) > 0 && *s == '-') {
		s++;
		if ((b = month_abbr(&s)) > 0 && !*s)
			return *m = b, *d = a, true;
		return false;
	}
	s = id;
	if ((a = month_abbr(&s)) > 0 && *s == '-') {
		s++;
		if ((b = digits(&s, 2)) > 0 && !*s)
			return *m = a, *d = b, true;
		return false;
	}
	s = id;
	if ((y = digits(&s, 4)) >= 1000 && (*s == '/' || *s == '-')) {
		char sep = *s++;
		if ((a = digits(&s, 2)) > 0 && *s == sep) {
			s++;
			if ((b = digits(&s, 2)) > 0 && !*s)
				return *m = a, *d = b, true;
		}
		return false;
	}
	s = id;
	if ((a = digits(&s, 2)) > 0 && *s == '/') {
		s++;
		if ((b = digits(&s, 2)) > 0 && *s == '/') {
			s++;
			if (digits(&s, 4) >= 1000 && !*s)
				return *m = a, *d = b, true;
		}
	}
	return false;
}

/* True when every cell of the row is empty: a row Excel writes below the
 * data (",,,,") or an inserted row left blank; it carries nothing. */
static bool empty_row(const sl_csv_row *row)
{
	size_t i;
	for (i = 0; i < row->count; i++) {
		const char *t = row->fields[i].text;
		while (*t == ' ' || *t == '\t')
			t++;
		if (*t)
			return false;
	}
	return true;
}

/* The spreadsheet row number of table row r, for messages. */
static int sheet_row(const sl_csv *t, size_t r, const sl_csv_import_options *o)
{
	return o->lines_are_rows ? t->rows[r].line : (int)r + 1;
}

/* Check every data row and turn it into an sl_import_row (cells point
 * into the table). */
static int read_rows(sl_import_row *rows, sl_import_cell *cells, size_t *n,
		     char **ids, sl_csv_import *imp, const sl_csv *csv,
		     const column *cols, size_t id_col, const sl_sheet *sheet,
		     const sl_csv_import_options *o)
{
	sl_strmap seen = SL_STRMAP_INIT;
	size_t width = csv->rows[0].count, r, i, dates = 0, first_date = 0;
	int rc = 0;
	*n = 0;
	for (r = 1; rc == 0 && r < csv->count; r++) {
		const sl_csv_row *row = &csv->rows[r];
		const sl_csv_field *idf;
		sl_import_row *ir = &rows[*n];
		void *prev;
		int m, d;
		if (empty_row(row))
			continue;
		if (row->count != width) {
			rc = located(sl_error_set(SL_EINVALID,
						  "row has %zu column%s, the "
						  "header has %zu",
						  row->count,
						  row->count == 1 ? "" : "s",
						  width),
				     o->path, row->line,
				     row->count > width ? row->fields[width].col
							: 1);
			break;
		}
		idf = &row->fields[id_col];
		if (!(ids[r] = trimmed_id(cell_value(idf)))) {
			rc = sl_error_oom();
			break;
		}
		if (!ids[r][0]) {
			rc = located(sl_error_set(SL_EINVALID, "empty id"),
				     o->path, idf->line, idf->col);
			break;
		}
		if (!sl_sheet_find(sheet, ids[r]) &&
		    excel_date(ids[r], &m, &d) && !dates++)
			first_date = r;
		if (sl_strmap_get(&seen, ids[r], &prev)) {
			rc = located(
				sl_error_set(SL_EINVALID,
					     "duplicate id '%s' (first "
					     "on line %d)",
					     ids[r],
					     ((const sl_csv_row *)prev)->line),
				o->path, idf->line, idf->col);
			sl_error_add_item(ids[r]);
			break;
		}
		rc = sl_strmap_put(&seen, ids[r], (void *)row);
		ir->id = ids[r];
		ir->cells = cells;
		ir->count = 0;
		ir->line = idf->line;
		ir->col = idf->col;
		for (i = 0; i < width; i++)
			if (cols[i].field && i != id_col) {
				cells->field = cols[i].field;
				cells->value = cell_value(&row->fields[i]);
				cells++;
				ir->count++;
			}
		(*n)++;
		imp->rows++;
	}
	if (rc == 0 && dates) {
		/* One diagnosis for them all: the whole column was read as
		 * dates, so the fix is one. */
		const sl_csv_field *idf = &csv->rows[first_date].fields[id_col];
		int m = 0, d = 0;
		excel_date(ids[first_date], &m, &d);
		rc = located(
			sl_error_set(SL_EINVALID,
				     "row %d: the id '%s' is a date: Excel "
				     "read the id %d-%d as a date (%zu row%s "
				     "like this); format the id column as "
				     "text and enter the ids again, or edit "
				     "the CSV exported by sheetlog without "
				     "letting Excel convert it",
				     sheet_row(csv, first_date, o),
				     ids[first_date], m, d, dates,
				     dates == 1 ? "" : "s"),
			o->path, idf->line, idf->col);
	}
	sl_strmap_dispose(&seen);
	return rc;
}

int sl_csv_import_apply_table(sl_csv_import *imp, sl_sheet *sheet,
			      const sl_csv *csv, const sl_csv_import_options *o)
{
	column *cols = NULL;
	char **ids = NULL;
	sl_import_row *rows = NULL;
	sl_import_cell *cells = NULL;
	size_t id_col, r, n = 0;
	int rc = 0;

	if (csv->count == 0) {
		rc = located(sl_error_set(SL_EINVALID,
					  "the CSV is empty (a header row "
					  "is needed)"),
			     o->path, 1, 1);
		goto done;
	}
	cols = sl_calloc(csv->rows[0].count + 1, sizeof(*cols));
	ids = sl_calloc(csv->count, sizeof(*ids));
	rows = sl_calloc(csv->count, sizeof(*rows));
	cells = sl_calloc(csv->count,
			  (csv->rows[0].count + 1) * sizeof(*cells));
	if (!cols || !ids || !rows || !cells) {
		rc = sl_error_oom();
		goto done;
	}
	rc = map_header(cols, &id_col, imp, &csv->rows[0],
			sl_sheet_meta_get(sheet), o);
	if (rc == 0)
		rc = read_rows(rows, cells, &n, ids, imp, csv, cols, id_col,
			       sheet, o);
	if (rc == 0) {
		sl_import_plan_free(imp->plan);
		imp->plan = NULL;
		rc = sl_import_plan_compute(&imp->plan, sheet, rows, n,
					    imp->encoding == SL_ENC_CP932
						    ? SL_IMPORT_PLAN_CP932
						    : 0,
					    o->path);
	}
done:
	if (ids)
		for (r = 0; r < csv->count; r++)
			sl_free(ids[r]);
	sl_free(ids);
	sl_free(rows);
	sl_free(cells);
	sl_free(cols);
	return rc;
}

int sl_csv_import_apply(sl_csv_import *imp, sl_sheet *sheet, const char *data,
			size_t len, const sl_csv_import_options *o)
{
	sl_buf text = SL_BUF_INIT;
	sl_csv *csv = NULL;
	size_t bad;
	int rc;

	rc = sl_encoding_decode(&text, &imp->encoding, &bad, data, len,
				o->encoding);
	if (rc == SL_EINVALID) {
		int line, col;
		decode_loc(&line, &col, data, bad, imp->encoding);
		rc = located(sl_error_wrap("%s (byte 0x%02X); save the CSV as "
					   "UTF-8 or CP932, or name the "
					   "encoding with --encoding",
					   sl_error_last()->message,
					   (unsigned char)data[bad]),
			     o->path, line, col);
	}
	if (rc == 0)
		rc = sl_csv_parse(&csv, text.ptr ? text.ptr : "", text.len);
	if (rc == SL_EINVALID && o->path)
		sl_error_add_path(o->path);
	if (rc < 0)
		goto done;
	rc = sl_csv_import_apply_table(imp, sheet, csv, o);
done:
	sl_csv_free(csv);
	sl_buf_dispose(&text);
	return rc;
}
