/*
 * csv.c: a small state machine over the bytes. Columns are counted in
 * characters (UTF-8 lead bytes), like every column sheetlog reports.
 */
#include "csv.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"

void sl_csv_free(sl_csv *csv)
{
	size_t i, k;
	if (!csv)
		return;
	for (i = 0; i < csv->count; i++) {
		for (k = 0; k < csv->rows[i].count; k++)
			sl_free(csv->rows[i].fields[k].text);
		sl_free(csv->rows[i].fields);
	}
	sl_free(csv->rows);
	sl_free(csv);
}

typedef struct cursor {
	const char *s;
	size_t len, pos;
	int line, col;
} cursor;

/* Advance one byte, keeping line and column (in characters). */
static void step(cursor *c)
{
	unsigned char b = (unsigned char)c->s[c->pos++];
	if (b == '\n') {
		c->line++;
		c->col = 1;
	} else if ((b & 0xC0) != 0x80) {
		/* A lead byte starts a character; continuation bytes were
		 * counted with it. The column is the next character's. */
		c->col++;
	}
}

static int fail_at(int line, int col, const char *what)
{
	int rc = sl_error_set(SL_EINVALID, "%s", what);
	sl_error_add_loc(line, col);
	return rc;
}

static int push_field(sl_vec *fields, sl_buf *b, int line, int col)
{
	sl_csv_field *f = sl_calloc(1, sizeof(*f));
	if (!f)
		return sl_error_oom();
	f->len = b->len;
	f->text = sl_buf_detach(b, NULL);
	if (!f->text)
		f->text = sl_strdup("");
	f->line = line;
	f->col = col;
	if (!f->text || sl_vec_push(fields, f) < 0) {
		sl_free(f->text);
		sl_free(f);
		return sl_error_oom();
	}
	return 0;
}

/* Move a row's fields (sl_vec of pointers) into a compact array. */
static int push_row(sl_csv *csv, size_t *cap, sl_vec *fields, int line)
{
	sl_csv_row *r;
	size_t i;
	if (csv->count == *cap) {
		sl_csv_row *g = sl_array_grow(csv->rows, cap, sizeof(*g), 64);
		if (!g)
			return sl_error_oom();
		csv->rows = g;
	}
	r = &csv->rows[csv->count];
	r->fields =
		sl_calloc(fields->len ? fields->len : 1, sizeof(*r->fields));
	if (!r->fields)
		return sl_error_oom();
	for (i = 0; i < fields->len; i++) {
		sl_csv_field *f = fields->items[i];
		r->fields[i] = *f;
		sl_free(f);
	}
	r->count = fields->len;
	r->line = line;
	fields->len = 0;
	csv->count++;
	return 0;
}

int sl_csv_parse(sl_csv **out, const char *text, size_t len)
{
	sl_csv *csv = sl_calloc(1, sizeof(*csv));
	cursor c = {text, len, 0, 1, 1};
	sl_vec fields = SL_VEC_INIT;
	sl_buf b = SL_BUF_INIT;
	size_t cap = 0, i;
	int rc = 0;

	*out = NULL;
	if (!csv)
		return sl_error_oom();
	/* A NUL byte would cut every C string after it short ("1-1\0../x"
	 * would read as "1-1"): refused, wherever it is. */
	{
		const char *nul = memchr(text, '\0', len);
		if (nul) {
			cursor at = {text, len, 0, 1, 1};
			while (at.pos < (size_t)(nul - text))
				step(&at);
			sl_csv_free(csv);
			return fail_at(at.line, at.col, "NUL byte in the CSV");
		}
	}
	while (rc == 0 && c.pos < c.len) {
		int row_line = c.line;
		/* A blank line ends nothing and holds no row. */
		if (text[c.pos] == '\n' ||
		    (text[c.pos] == '\r' && c.pos + 1 < len &&
		     text[c.pos + 1] == '\n')) {
			while (c.pos < len && text[c.pos] != '\n')
				step(&c);
			step(&c);
			continue;
		}
		for (;;) {
			int fl = c.line, fc = c.col;
			sl_buf_clear(&b);
			if (c.pos < len && text[c.pos] == '"') {
				step(&c);
				for (;;) {
					if (c.pos >= len) {
						rc = fail_at(fl, fc,
							     "quoted field is "
							     "never closed");
						break;
					}
					if (text[c.pos] == '"') {
						if (c.pos + 1 < len &&
						    text[c.pos + 1] == '"') {
							sl_buf_putc(&b, '"');
							step(&c);
							step(&c);
							continue;
						}
						step(&c);
						break;
					}
					sl_buf_putc(&b, text[c.pos]);
					step(&c);
				}
				if (rc == 0 && c.pos < len &&
				    text[c.pos] != ',' && text[c.pos] != '\n' &&
				    !(text[c.pos] == '\r' && c.pos + 1 < len &&
				      text[c.pos + 1] == '\n'))
					rc = fail_at(c.line, c.col,
						     "text after the closing "
						     "quote of a field");
			} else {
				while (c.pos < len && text[c.pos] != ',' &&
				       text[c.pos] != '\n' &&
				       !(text[c.pos] == '\r' &&
					 c.pos + 1 < len &&
					 text[c.pos + 1] == '\n')) {
					if (text[c.pos] == '"') {
						rc = fail_at(c.line, c.col,
							     "quote inside an "
							     "unquoted field "
							     "(quote the field "
							     "and double the "
							     "quote)");
						break;
					}
					sl_buf_putc(&b, text[c.pos]);
					step(&c);
				}
			}
			if (rc == 0 && sl_buf_oom(&b))
				rc = sl_error_oom();
			if (rc == 0)
				rc = push_field(&fields, &b, fl, fc);
			if (rc < 0)
				break;
			if (c.pos < len && text[c.pos] == ',') {
				step(&c);
				continue;
			}
			/* End of the row: CRLF, LF or the end of the text. */
			if (c.pos < len && text[c.pos] == '\r')
				step(&c);
			if (c.pos < len)
				step(&c);
			break;
		}
		if (rc == 0)
			rc = push_row(csv, &cap, &fields, row_line);
	}
	for (i = 0; i < fields.len; i++) {
		sl_csv_field *f = fields.items[i];
		sl_free(f->text);
		sl_free(f);
	}
	sl_vec_dispose(&fields);
	sl_buf_dispose(&b);
	if (rc < 0) {
		sl_csv_free(csv);
		return rc;
	}
	*out = csv;
	return 0;
}
