/*
 * fuzz_csv.c: the spreadsheet importer, in every encoding. The first byte
 * picks the encoding and the options; the rest is the file. Any input
 * gives either a located error (and the sheet untouched) or edits that
 * leave every item with its id; the CSV reader's fields lie within the
 * text and its rows are well formed.
 */
#include <string.h>

#include "csv.h"
#include "fuzz.h"
#include "import_csv.h"
#include "item.h"
#include "sheet.h"

/* A small sheet with two sections and three items. */
static sl_sheet *small_sheet(void)
{
	sl_sheet *s = NULL;
	sl_sheet_meta *m;
	static const char *const ids[] = {"1-1", "1-2", "2-1"};
	size_t i;
	if (sl_sheet_new(&s) < 0)
		return NULL;
	m = sl_sheet_meta_of(s);
	m->as_of = strdup("2022-09");
	m->sections = calloc(2, sizeof(*m->sections));
	m->section_count = 2;
	m->sections[0].id = strdup("1");
	m->sections[0].title = strdup("一");
	m->sections[1].id = strdup("2");
	m->sections[1].title = strdup("二");
	for (i = 0; i < 3; i++) {
		sl_item *it = sl_item_new();
		sl_item_set(it, "id", ids[i], false);
		sl_item_set(it, "section", ids[i][0] == '1' ? "1" : "2", false);
		sl_item_set(it, "question", "質問ですか。", false);
		sl_item_set(it, "answer", "回答です。", false);
		sl_sheet_add_item(s, it);
	}
	sl_sheet_sort(s);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sl_csv_import_options o = SL_CSV_IMPORT_OPTIONS_INIT;
	sl_csv_import imp = SL_CSV_IMPORT_INIT;
	sl_sheet *sheet;
	sl_csv *csv = NULL;
	size_t i, k;
	if (size < 1)
		return 0;
	o.path = "fuzz.csv";
	o.encoding = (sl_encoding)(data[0] % 3);
	o.add_new = data[0] & 4;
	o.extra_columns = data[0] & 8;
	/* The reader alone, on the raw bytes as text. */
	if (sl_csv_parse(&csv, (const char *)data + 1, size - 1) == 0) {
		for (i = 0; i < csv->count; i++) {
			FUZZ_CHECK(csv->rows[i].count >= 1);
			for (k = 0; k < csv->rows[i].count; k++) {
				const sl_csv_field *f = &csv->rows[i].fields[k];
				FUZZ_CHECK(f->len <= size);
				FUZZ_CHECK(strlen(f->text) <= f->len);
				FUZZ_CHECK(f->line >= 1 && f->col >= 1);
			}
		}
		sl_csv_free(csv);
	}
	sheet = small_sheet();
	if (!sheet)
		return 0;
	if (sl_csv_import_apply(&imp, sheet, (const char *)data + 1, size - 1,
				&o) == 0) {
		for (i = 0; i < sl_sheet_item_count(sheet); i++)
			FUZZ_CHECK(sl_sheet_item(sheet, i)->id);
		/* The sheet is the table's rows; the plan accounts for every
		 * item of both sides. */
		const sl_diff_summary *d = sl_diff_summary_of(imp.plan->diff);
		FUZZ_CHECK(sl_sheet_item_count(sheet) == imp.rows);
		FUZZ_CHECK(sl_sheet_item_count(imp.plan->before) == 3);
		FUZZ_CHECK(3 + d->added == imp.rows + d->removed);
	} else {
		/* Nothing half imported. */
		FUZZ_CHECK(sl_sheet_item_count(sheet) == 3);
	}
	sl_csv_import_dispose(&imp);
	sl_sheet_free(sheet);
	return 0;
}
