/*
 * render_csv.c: CSV (RFC 4180: CRLF rows, quoted fields where needed).
 * Cells that a spreadsheet would evaluate are neutralised (escape.h); the
 * stored data is never changed. Other encodings (CP932 for Excel) are
 * made from the UTF-8 text after a check of every cell.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "escape.h"
#include "labels.h"
#include "utf8.h"
#include "vec.h"

static void csv_cell(sl_buf *out, const char *s, bool first)
{
	if (!first)
		sl_buf_putc(out, ',');
	if (s)
		sl_escape_csv(out, s, strlen(s), true);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The scope cell: the scope's title, as the published sheet names it
 * (import takes the title or the id back); the id when it has no title. */
static const char *csv_scope(const sl_sheet *sheet, const sl_item *it)
{
	const char *id = sl_sheet_item_scope(sheet, it);
	const sl_scope *sc = id ? sl_sheet_scope(sheet, id) : NULL;
	return sc && sc->title ? sc->title : id;
}

/* The headings of the known columns: with --lang ja the sheet's own
 * (sheet.json columns: No, 項目, 評価内容, 回答内容) and the labels; with
 * --lang en the field names. Import reads both. */
static void csv_headings(const char *h[6], const sl_sheet *sheet, sl_lang lang)
{
	const sl_columns *c = &sl_sheet_meta_get(sheet)->columns;
	if (lang != SL_LANG_JA) {
		static const char *const known[] = {"id",       "section",
						    "scope",    "category",
						    "question", "answer"};
		memcpy(h, known, sizeof(known));
		return;
	}
	h[0] = c->id ? c->id : sl_label(lang, SL_L_ID);
	h[1] = sl_label(lang, SL_L_SECTION);
	h[2] = sl_label(lang, SL_L_SCOPE);
	h[3] = c->category ? c->category : sl_label(lang, SL_L_CATEGORY);
	h[4] = c->question ? c->question : sl_label(lang, SL_L_QUESTION);
	h[5] = c->answer ? c->answer : sl_label(lang, SL_L_ANSWER);
}

int sl_render_export_csv(sl_buf *out, const sl_sheet *sheet,
			 const sl_render_options *opts)
{
	const char *known[6];
	sl_vec extras = SL_VEC_INIT;
	size_t i, j, n = sl_sheet_item_count(sheet);

	/* The union of extra field names, sorted and unique. */
	for (i = 0; i < n; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		for (j = 0; j < it->extra_count; j++)
			if (sl_vec_push(&extras, it->extra[j].name) < 0) {
				sl_vec_dispose(&extras);
				return sl_error_oom();
			}
	}
	sl_vec_sort(&extras, name_cmp);
	for (i = 0, j = 0; i < extras.len; i++)
		if (j == 0 || strcmp(extras.items[j - 1], extras.items[i]))
			extras.items[j++] = extras.items[i];
	extras.len = j;

	csv_headings(known, sheet, opts->lang);
	if (opts->bom)
		sl_buf_puts(out, "\xEF\xBB\xBF");
	for (i = 0; i < SL_ARRAY_SIZE(known); i++)
		csv_cell(out, known[i], i == 0);
	for (i = 0; i < extras.len; i++)
		csv_cell(out, extras.items[i], false);
	sl_buf_puts(out, "\r\n");
	for (i = 0; i < n; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		csv_cell(out, it->id, true);
		csv_cell(out, it->section, false);
		csv_cell(out, csv_scope(sheet, it), false);
		csv_cell(out, it->category, false);
		csv_cell(out, it->question, false);
		csv_cell(out, it->answer, false);
		for (j = 0; j < extras.len; j++)
			csv_cell(out, sl_item_get(it, extras.items[j], NULL),
				 false);
		sl_buf_puts(out, "\r\n");
	}
	sl_vec_dispose(&extras);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* The error for the character at text[bad] that enc cannot hold: what it
 * is, its code point, whether --nfkc would help, then where. */
static int csv_unencodable(const char *id, const char *field, const char *s,
			   size_t bad, sl_encoding enc, bool nfkc)
{
	size_t len = strlen(s), end = bad;
	int32_t cp = 0;
	sl_buf form = SL_BUF_INIT, scratch = SL_BUF_INIT;
	bool alternative = false;
	size_t off;
	int rc;

	if (!sl_utf8_next(s, len, &end, &cp))
		return sl_error_set(SL_EINVALID, "invalid UTF-8: field %s",
				    field);
	/* Suggest --nfkc only where it would work: '⾏' U+2F8F has one
	 * ('行'), an emoji has none. */
	if (!nfkc && sl_utf8_nfkc(&form, s + bad, end - bad) == 0 &&
	    (form.len != end - bad || memcmp(form.ptr, s + bad, form.len)) &&
	    sl_encoding_encode(&scratch, &off, form.ptr, form.len, enc,
			       false) == 0)
		alternative = true;
	if (alternative)
		rc = sl_error_set(SL_EINVALID,
				  "cannot encode '%.*s' (U+%04X) in %s "
				  "(--nfkc writes it as '%s'): field %s",
				  (int)(end - bad), s + bad, (unsigned)cp,
				  sl_encoding_name(enc), sl_buf_cstr(&form),
				  field);
	else
		rc = sl_error_set(
			SL_EINVALID,
			"cannot encode '%.*s' (U+%04X) in %s: field %s",
			(int)(end - bad), s + bad, (unsigned)cp,
			sl_encoding_name(enc), field);
	if (id)
		sl_error_add_item(id);
	sl_buf_dispose(&form);
	sl_buf_dispose(&scratch);
	return rc;
}

/* Can every character of s (a cell of item id) be written in enc? */
static int csv_check(sl_buf *scratch, const char *id, const char *field,
		     const char *s, sl_encoding enc, bool nfkc)
{
	size_t bad = 0;
	int rc;
	if (!s)
		return 0;
	sl_buf_clear(scratch);
	rc = sl_encoding_encode(scratch, &bad, s, strlen(s), enc, nfkc);
	if (rc == SL_EINVALID)
		rc = csv_unencodable(id, field, s, bad, enc, nfkc);
	return rc;
}

int sl_render_export_csv_enc(sl_buf *out, const sl_sheet *sheet,
			     const sl_render_options *opts, sl_encoding enc,
			     bool nfkc)
{
	sl_buf utf8 = SL_BUF_INIT, scratch = SL_BUF_INIT;
	size_t i, j, bad = 0, n = sl_sheet_item_count(sheet);
	int rc = 0;

	if (enc != SL_ENC_CP932)
		return sl_render_export_csv(out, sheet, opts);
	if (opts->bom)
		return sl_error_set(
			SL_EUSAGE,
			"a byte order mark is for utf-8 only, not %s",
			sl_encoding_name(enc));
	/* Cell by cell first, in output order, so the first failure names
	 * its item and field; the whole text is then encoded at once. */
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		rc = csv_check(&scratch, it->id, "id", it->id, enc, nfkc);
		if (rc == 0)
			rc = csv_check(&scratch, it->id, "section", it->section,
				       enc, nfkc);
		if (rc == 0)
			rc = csv_check(&scratch, it->id, "scope",
				       csv_scope(sheet, it), enc, nfkc);
		if (rc == 0)
			rc = csv_check(&scratch, it->id, "category",
				       it->category, enc, nfkc);
		if (rc == 0)
			rc = csv_check(&scratch, it->id, "question",
				       it->question, enc, nfkc);
		if (rc == 0)
			rc = csv_check(&scratch, it->id, "answer", it->answer,
				       enc, nfkc);
		for (j = 0; j < it->extra_count && rc == 0; j++) {
			rc = csv_check(&scratch, NULL, it->extra[j].name,
				       it->extra[j].name, enc, nfkc);
			if (rc == 0)
				rc = csv_check(&scratch, it->id,
					       it->extra[j].name,
					       it->extra[j].text, enc, nfkc);
		}
	}
	if (rc == 0)
		rc = sl_render_export_csv(&utf8, sheet, opts);
	if (rc == 0)
		rc = sl_encoding_encode(out, &bad, utf8.ptr ? utf8.ptr : "",
					utf8.len, enc, nfkc);
	sl_buf_dispose(&utf8);
	sl_buf_dispose(&scratch);
	return rc;
}
