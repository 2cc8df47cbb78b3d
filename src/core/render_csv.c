/*
 * render_csv.c: CSV (RFC 4180: CRLF rows, quoted fields where needed).
 * Cells that a spreadsheet would evaluate are neutralised (escape.h); the
 * stored data is never changed.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "escape.h"
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

int sl_render_export_csv(sl_buf *out, const sl_sheet *sheet,
			 const sl_render_options *opts)
{
	static const char *const known[] = {"id",       "section",  "scope",
					    "category", "question", "answer"};
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
		csv_cell(out, sl_sheet_item_scope(sheet, it), false);
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
