/*
 * import_csv.c: decode, parse (csv.c), map the header, check every row,
 * then apply. Two passes so that a bad row anywhere leaves the sheet as
 * it was: nothing is half imported.
 */
#include "import_csv.h"

#include <string.h>

#include "alloc.h"
#include "csv.h"
#include "error.h"
#include "escape.h"
#include "item.h"
#include "strmap.h"
#include "utf8.h"

void sl_csv_import_dispose(sl_csv_import *imp)
{
	sl_vec_free_all(&imp->added);
	sl_vec_free_all(&imp->unknown);
	sl_vec_free_all(&imp->missing);
	sl_vec_free_all(&imp->ignored);
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

/* The known field a heading names, or NULL. Headings are those sheetlog
 * exports (id, category, ...), the Japanese labels, and the sheet's own
 * column headings (sheet.json "columns"). */
static const char *heading_field(const char *h, const sl_sheet_meta *m)
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
		const char *field = heading_field(f->text, m);
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

/* The section of a new row: its section cell, else the id's prefix
 * ("2-21" is in section "2") when the sheet has that section. */
static const char *new_section(const sl_sheet *sheet, const char *id,
			       const char *cell, char *buf, size_t size)
{
	const char *dash;
	if (cell && *cell)
		return cell;
	dash = strchr(id, '-');
	if (!dash || (size_t)(dash - id) >= size)
		return NULL;
	memcpy(buf, id, (size_t)(dash - id));
	buf[dash - id] = '\0';
	return sl_sheet_section(sheet, buf) ? buf : NULL;
}

/* Set one field of an item from a cell (value borrowed). */
static int apply_cell(sl_item *it, const sl_sheet *sheet, const char *field,
		      const char *value)
{
	bool is_json = false;
	const char *now = sl_item_get(it, field, &is_json);
	if (!strcmp(field, "id"))
		return 0;
	if (!strcmp(field, "scope")) {
		/* An item without a scope of its own shows its section's:
		 * the same value back is no edit. */
		if (!it->scope &&
		    (!*value ||
		     !strcmp(value, sl_sheet_item_scope(sheet, it)
					    ? sl_sheet_item_scope(sheet, it)
					    : "")))
			return 0;
		return sl_item_set(it, field, *value ? value : NULL, false);
	}
	if (!strcmp(field, "category"))
		return sl_item_set(it, field, *value ? value : NULL, false);
	if (!sl_item_is_known_field(field)) {
		if (!now && !*value)
			return 0;
		if (now && !strcmp(now, value))
			return 0; /* also keeps a JSON extra as JSON */
		return sl_item_set(it, field, value, false);
	}
	if (now && !strcmp(now, value))
		return 0;
	return sl_item_set(it, field, value, false);
}

/* Append "text" or "text (line N)" (line > 0) to a list of strings. */
static int push_note(sl_vec *v, const char *text, int line)
{
	sl_buf b = SL_BUF_INIT;
	char *s;
	sl_buf_puts(&b, text);
	if (line > 0)
		sl_buf_printf(&b, " (line %d)", line);
	s = sl_buf_detach(&b, NULL);
	if (!s || sl_vec_push(v, s) < 0) {
		sl_free(s);
		return sl_error_oom();
	}
	return 0;
}

/* borrowed: the row's section cell, or NULL when the CSV has none. */
static const char *row_section(const column *cols, const sl_csv_row *row)
{
	size_t i;
	for (i = 0; i < row->count; i++)
		if (cols[i].field && !strcmp(cols[i].field, "section"))
			return cell_value(&row->fields[i]);
	return NULL;
}

int sl_csv_import_apply_table(sl_csv_import *imp, sl_sheet *sheet,
			      const sl_csv *csv, const sl_csv_import_options *o)
{
	column *cols = NULL;
	char **ids = NULL;
	sl_strmap seen = SL_STRMAP_INIT;
	size_t id_col, r, i;
	int rc = 0;

	if (csv->count == 0) {
		rc = located(sl_error_set(SL_EINVALID,
					  "the CSV is empty (a header row "
					  "is needed)"),
			     o->path, 1, 1);
		goto done;
	}
	cols = sl_calloc(csv->rows[0].count, sizeof(*cols));
	ids = sl_calloc(csv->count, sizeof(*ids));
	if (!cols || !ids) {
		rc = sl_error_oom();
		goto done;
	}
	rc = map_header(cols, &id_col, imp, &csv->rows[0],
			sl_sheet_meta_get(sheet), o);
	/* Pass 1: check every row; nothing changes yet. */
	for (r = 1; rc == 0 && r < csv->count; r++) {
		const sl_csv_row *row = &csv->rows[r];
		const sl_csv_field *idf;
		void *prev;
		if (row->count != csv->rows[0].count) {
			rc = located(
				sl_error_set(SL_EINVALID,
					     "row has %zu column%s, the header "
					     "has %zu",
					     row->count,
					     row->count == 1 ? "" : "s",
					     csv->rows[0].count),
				o->path, row->line,
				row->count > csv->rows[0].count
					? row->fields[csv->rows[0].count].col
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
		if (rc == 0 && !sl_sheet_find(sheet, ids[r]) && o->add_new) {
			char buf[64];
			const char *sec = row_section(cols, row);
			if (!new_section(sheet, ids[r], sec, buf,
					 sizeof(buf))) {
				rc = located(
					sl_error_set(SL_EINVALID,
						     "new item '%s' needs a "
						     "section: add a section "
						     "column, or use an id "
						     "whose prefix is a "
						     "section",
						     ids[r]),
					o->path, idf->line, idf->col);
				sl_error_add_item(ids[r]);
			}
		}
	}
	/* Pass 2: apply. */
	for (r = 1; rc == 0 && r < csv->count; r++) {
		const sl_csv_row *row = &csv->rows[r];
		sl_item *it = sl_sheet_find_mut(sheet, ids[r]);
		bool added = false;
		imp->rows++;
		if (!it && !o->add_new) {
			rc = push_note(&imp->unknown, ids[r], row->line);
			continue;
		}
		if (!it) {
			char buf[64];
			const char *sec = row_section(cols, row);
			it = sl_item_new();
			if (!it || sl_item_set(it, "id", ids[r], false) < 0 ||
			    sl_item_set(it, "section",
					new_section(sheet, ids[r], sec, buf,
						    sizeof(buf)),
					false) < 0 ||
			    sl_item_set(it, "question", "", false) < 0 ||
			    sl_item_set(it, "answer", "", false) < 0) {
				sl_item_free(it);
				rc = sl_error_oom();
				break;
			}
			added = true;
		}
		for (i = 0; rc == 0 && i < row->count; i++)
			if (cols[i].field && i != id_col)
				rc = apply_cell(it, sheet, cols[i].field,
						cell_value(&row->fields[i]));
		if (added) {
			if (rc == 0)
				rc = push_note(&imp->added, ids[r], 0);
			if (rc == 0)
				rc = sl_sheet_add_item(sheet, it);
			else
				sl_item_free(it);
		}
	}
	if (rc == 0 && imp->added.len)
		sl_sheet_sort(sheet);
	for (i = 0; rc == 0 && i < sl_sheet_item_count(sheet); i++) {
		const char *id = sl_sheet_item(sheet, i)->id;
		if (!sl_strmap_get(&seen, id, NULL))
			rc = push_note(&imp->missing, id, 0);
	}
done:
	if (ids)
		for (r = 0; r < csv->count; r++)
			sl_free(ids[r]);
	sl_free(ids);
	sl_free(cols);
	sl_strmap_dispose(&seen);
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
