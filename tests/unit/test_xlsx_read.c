/*
 * test_xlsx_read.c: the workbook reader on workbooks other programs wrote
 * (openpyxl; Python's zipfile with Excel's XML spelled out, for rich-text
 * runs, inline strings, phonetic guides and the 1904 date system), its
 * item table (header below row 1, worksheets renamed and reordered, blank
 * and merged categories), and the hostile-archive catalogue: each refused
 * with one message naming the problem, within the caps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "error.h"
#include "import_xlsx.h"
#include "test_tmp.h"
#include "test_xlsx.h"
#include "xlsx_read.h"

static char *fixtures;

static int group_setup(void **state)
{
	(void)state;
	fixtures = test_xlsx_fixtures(SL_SOURCE_DIR "/checklist/items");
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	if (fixtures)
		test_tmp_rm(fixtures);
	free(fixtures);
	return 0;
}

/* new: the bytes of a fixture workbook; skips the test without openpyxl */
static char *load(const char *name, size_t *len)
{
	char *p, *data;
	if (!fixtures) {
		printf("SKIP: python3-openpyxl is not installed\n");
		skip();
	}
	p = test_fmt("%s/%s", fixtures, name);
	data = test_read_file(p, len);
	assert_non_null(data);
	free(p);
	return data;
}

/* Open name and read its worksheet i. @return the reader's code */
static int read_sheet(sl_xlsx_sheet **out, const char *name, size_t i,
		      const sl_xlsx_limits *lim)
{
	size_t len;
	char *data = load(name, &len);
	sl_xlsx_book *b = NULL;
	int rc = sl_xlsx_book_open(&b, data, len, lim);
	*out = NULL;
	if (rc == 0)
		rc = sl_xlsx_book_read_sheet(out, b, i);
	sl_xlsx_book_free(b);
	free(data);
	return rc;
}

static const sl_xlsx_cell *cell(const sl_xlsx_sheet *s, unsigned row,
				unsigned col)
{
	size_t i;
	for (i = 0; i < s->count; i++)
		if (s->rows[i].row == row)
			return sl_xlsx_sheet_cell(&s->rows[i], col);
	return NULL;
}

static void assert_cell(const sl_xlsx_sheet *s, unsigned row, unsigned col,
			const char *text, sl_xlsx_kind kind)
{
	const sl_xlsx_cell *c = cell(s, row, col);
	if (!c)
		fail_msg("no cell at row %u column %u (want '%s')", row, col,
			 text);
	assert_string_equal(c->text, text);
	assert_int_equal(c->len, strlen(text));
	assert_int_equal(c->kind, kind);
}

static void test_xlsx_read__excel_xml_shapes(void **state)
{
	sl_xlsx_sheet *s;
	(void)state;
	assert_int_equal(read_sheet(&s, "raw.xlsx", 0, NULL), 0);
	assert_cell(s, 1, 1, "plain", SL_XLSX_TEXT);
	/* Rich-text runs joined; a phonetic guide is not the text. */
	assert_cell(s, 1, 2, "rich runs joined", SL_XLSX_TEXT);
	assert_cell(s, 1, 3, "東京", SL_XLSX_TEXT);
	assert_cell(s, 2, 1, "inline", SL_XLSX_TEXT);
	assert_cell(s, 2, 2, "a\rb", SL_XLSX_TEXT);
	assert_null(cell(s, 2, 3)); /* sparse: C2 absent */
	assert_cell(s, 2, 4, "xy", SL_XLSX_TEXT);
	assert_cell(s, 2, 5, "#DIV/0!", SL_XLSX_ERROR);
	/* A row and cells without r: the next ones. */
	assert_cell(s, 3, 1, "7", SL_XLSX_NUMBER);
	/* The 1904 date system, a custom m"月"d"日" and built-in 14. */
	assert_cell(s, 3, 2, "2029-01-02", SL_XLSX_DATE);
	assert_cell(s, 3, 3, "1904-01-01", SL_XLSX_DATE);
	assert_cell(s, 6, 28, "TRUE", SL_XLSX_BOOL);
	assert_null(cell(s, 6, 29)); /* a styled blank is empty */
	/* Struck-through runs and cells are deleted text (our export's
	 * --changes-since marks deletions so). */
	assert_cell(s, 7, 1, "kept also kept", SL_XLSX_TEXT);
	assert_null(cell(s, 7, 2));
	assert_cell(s, 7, 3, "stays", SL_XLSX_TEXT);
	assert_int_equal(s->count, 5);
	sl_xlsx_sheet_free(s);
}

static void test_xlsx_read__openpyxl_values_as_a_spreadsheet_shows(void **state)
{
	sl_xlsx_sheet *s;
	(void)state;
	assert_int_equal(read_sheet(&s, "kinds.xlsx", 0, NULL), 0);
	assert_cell(s, 1, 1, "文字", SL_XLSX_TEXT);
	assert_cell(s, 1, 2, "42", SL_XLSX_NUMBER);
	assert_cell(s, 1, 3, "1.5", SL_XLSX_NUMBER);
	assert_cell(s, 1, 4, "0.3", SL_XLSX_NUMBER);
	assert_cell(s, 1, 5, "1E+20", SL_XLSX_NUMBER);
	assert_cell(s, 1, 6, "-3", SL_XLSX_NUMBER);
	assert_cell(s, 2, 1, "TRUE", SL_XLSX_BOOL);
	assert_cell(s, 2, 2, "FALSE", SL_XLSX_BOOL);
	assert_cell(s, 3, 1, "2024-01-02", SL_XLSX_DATE);
	assert_cell(s, 3, 2, "2024-01-02 03:04:05", SL_XLSX_DATE);
	assert_cell(s, 3, 3, "2026-01-01", SL_XLSX_DATE);
	assert_cell(s, 5, 3, "sparse", SL_XLSX_TEXT);
	assert_null(cell(s, 4, 1)); /* empty rows are left out */
	assert_cell(s, 7, 1, "merged", SL_XLSX_TEXT);
	assert_int_equal(s->merge_count, 1);
	assert_int_equal(s->merges[0].row1, 7);
	assert_int_equal(s->merges[0].row2, 9);
	assert_int_equal(s->merges[0].col1, 1);
	assert_int_equal(s->merges[0].col2, 1);
	sl_xlsx_sheet_free(s);
}

/* The table of a workbook whose worksheets are renamed and reversed, with
 * a cover and a change list, the header in row 3, an empty row among the
 * items and repeated categories left blank. */
static void
test_xlsx_read__item_table_from_renamed_reordered_sheets(void **state)
{
	sl_xlsx_table t = SL_XLSX_TABLE_INIT;
	size_t len, r, rows_in_first = 0;
	char *data = load("reordered.xlsx", &len);
	(void)state;
	assert_int_equal(
		sl_xlsx_import_read(&t, NULL, data, len, "r.xlsx", NULL), 0);
	assert_int_equal(t.skipped.len, 2); /* the cover and 変更一覧 */
	assert_string_equal(t.skipped.items[0], "表紙のつもり");
	assert_string_equal(t.skipped.items[1], "変更一覧");
	assert_int_equal(t.sheets.len, 6);
	assert_string_equal(t.sheets.items[0], "別名1");
	/* Row 0 is the header from row 3; items follow from row 4, row 5
	 * left empty. */
	assert_int_equal(t.csv->rows[0].line, 3);
	assert_string_equal(t.csv->rows[0].fields[2].text, "評価内容");
	assert_int_equal(t.csv->rows[1].line, 4);
	assert_int_equal(t.csv->rows[2].line, 6);
	assert_int_equal(t.csv->rows[2].fields[3].col, 4);
	/* The reversed order: the last section's items come first. */
	assert_string_equal(t.csv->rows[1].fields[0].text, "6-1");
	assert_int_equal(t.csv->count, 1 + 161);
	for (r = 1; r < t.csv->count; r++) {
		/* Every category filled back from the row above. */
		assert_true(t.csv->rows[r].fields[1].len > 0);
		rows_in_first += t.row_sheet[r] == 0;
	}
	assert_true(rows_in_first > 0);
	sl_xlsx_table_dispose(&t);
	free(data);
}

static void test_xlsx_read__merged_category_is_filled(void **state)
{
	sl_xlsx_table t = SL_XLSX_TABLE_INIT, blank = SL_XLSX_TABLE_INIT;
	size_t len, len2, r, k;
	char *data = load("merged.xlsx", &len),
	     *d2 = load("reordered.xlsx", &len2);
	(void)state;
	assert_int_equal(
		sl_xlsx_import_read(&t, NULL, data, len, "m.xlsx", NULL), 0);
	assert_int_equal(t.csv->rows[0].line, 1); /* header in row 1 */
	assert_int_equal(
		sl_xlsx_import_read(&blank, NULL, d2, len2, "r.xlsx", NULL), 0);
	assert_int_equal(t.csv->count, blank.csv->count);
	/* Whatever the shape, the same category for every id. */
	for (r = 1; r < t.csv->count; r++)
		for (k = 1; k < blank.csv->count; k++)
			if (!strcmp(t.csv->rows[r].fields[0].text,
				    blank.csv->rows[k].fields[0].text))
				assert_string_equal(
					t.csv->rows[r].fields[1].text,
					blank.csv->rows[k].fields[1].text);
	sl_xlsx_table_dispose(&t);
	sl_xlsx_table_dispose(&blank);
	free(data);
	free(d2);
}

static void test_xlsx_read__date_id_is_diagnosed(void **state)
{
	sl_xlsx_table t = SL_XLSX_TABLE_INIT;
	size_t len;
	char *data = load("date-id.xlsx", &len);
	(void)state;
	assert_int_equal(
		sl_xlsx_import_read(&t, NULL, data, len, "d.xlsx", NULL),
		SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "Excel turned id into a date (2026-01-01; was it "
			    "1-1?): format the id column as text and type the "
			    "id again");
	assert_string_equal(sl_error_last()->path,
			    "d.xlsx: sheet '日付' row 2 column A");
	assert_null(t.csv);
	free(data);
}

/* The hostile catalogue: each file, the start of its one message. */
static void test_xlsx_read__hostile_workbooks_are_refused(void **state)
{
	static const struct {
		const char *file, *message;
	} cases[] = {
		{"bomb.xlsx", "part 'xl/worksheets/sheet1.xml' inflates past "
			      "the cap of 64 MiB"},
		{"bomb-lying.xlsx", "part 'xl/worksheets/sheet1.xml' inflates "
				    "past its declared size of 1000 bytes"},
		{"laughs.xlsx", "part 'xl/workbook.xml' has a DTD"},
		{"xxe.xlsx", "part 'xl/sharedStrings.xml' has a DTD"},
		{"dotdot.xlsx", "archive entry '../../evil.txt' climbs out"},
		{"absolute.xlsx",
		 "archive entry '/etc/evil.txt' has an absolute path"},
		{"nul.xlsx", "archive entry 'xl/evil name.xml' has a NUL"},
		{"truncated.xlsx", "not an xlsx workbook: not a zip archive, "
				   "or a truncated one"},
		{"no-workbook.xlsx", "the workbook has no part "
				     "'xl/workbook.xml'"},
		{"dangling.xlsx", "the workbook has no part "
				  "'xl/worksheets/sheet1.xml' (sheet 'raw')"},
		{"million.xlsx",
		 "sheet 'raw' has more than 100000 rows (the cap)"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sl_xlsx_sheet *s = NULL;
		clock_t t0 = clock();
		int rc = read_sheet(&s, cases[i].file, 0, NULL);
		double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		if (rc != SL_EINVALID ||
		    strncmp(sl_error_last()->message, cases[i].message,
			    strlen(cases[i].message)))
			fail_msg("%s: rc %d, message '%s'", cases[i].file, rc,
				 sl_error_last()->message);
		assert_null(s);
		assert_null(strchr(sl_error_last()->message, '\n'));
		/* Bounded time (generous for valgrind). */
		assert_true(secs < 20);
	}
}

static void test_xlsx_read__caps_name_themselves(void **state)
{
	sl_xlsx_limits lim = SL_XLSX_LIMITS_INIT;
	sl_xlsx_sheet *s = NULL;
	(void)state;
	lim.max_rows = 3;
	assert_int_equal(read_sheet(&s, "kinds.xlsx", 0, &lim), SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "sheet '種類' has more than 3 rows (the cap)");
	lim = (sl_xlsx_limits)SL_XLSX_LIMITS_INIT;
	lim.max_cells = 5;
	assert_int_equal(read_sheet(&s, "kinds.xlsx", 0, &lim), SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "sheet '種類' has more than 5 cells (the cap)");
	lim = (sl_xlsx_limits)SL_XLSX_LIMITS_INIT;
	lim.max_text_len = 20;
	assert_int_equal(read_sheet(&s, "kinds.xlsx", 0, &lim), SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "sheet '種類' holds more than 20 bytes of cell "
			    "text (the cap)");
	lim = (sl_xlsx_limits)SL_XLSX_LIMITS_INIT;
	lim.max_merges = 0;
	assert_int_equal(read_sheet(&s, "kinds.xlsx", 0, &lim), SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "sheet '種類' has more than 0 merged ranges (the "
			    "cap)");
	lim = (sl_xlsx_limits)SL_XLSX_LIMITS_INIT;
	lim.max_entries = 3;
	assert_int_equal(read_sheet(&s, "kinds.xlsx", 0, &lim), SL_EINVALID);
	assert_true(strstr(sl_error_last()->message, "over the cap of 3"));
	lim = (sl_xlsx_limits)SL_XLSX_LIMITS_INIT;
	lim.max_archive_len = 100;
	assert_int_equal(read_sheet(&s, "kinds.xlsx", 0, &lim), SL_EINVALID);
	assert_true(strstr(sl_error_last()->message, "bytes, over the cap"));
	assert_null(s);
}

/* The table's own caps: the fields of all item rows, the header's
 * width. */
static void test_xlsx_read__table_caps_name_themselves(void **state)
{
	sl_xlsx_limits lim = SL_XLSX_LIMITS_INIT;
	sl_xlsx_table t = SL_XLSX_TABLE_INIT;
	size_t len;
	char *data = load("reordered.xlsx", &len), *wide;
	(void)state;
	lim.max_cells = 40;
	assert_int_equal(
		sl_xlsx_import_read(&t, NULL, data, len, "r.xlsx", &lim),
		SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "the item worksheets hold more than 40 cells (the "
			    "cap)");
	assert_string_equal(sl_error_last()->path,
			    "r.xlsx: sheet '別名1' row 14");
	free(data);
	wide = load("wide.xlsx", &len);
	assert_int_equal(
		sl_xlsx_import_read(&t, NULL, wide, len, "w.xlsx", NULL),
		SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "the header has more than 256 columns (the cap)");
	assert_null(t.csv);
	free(wide);
}

static void test_xlsx_read__column_names(void **state)
{
	char b[8];
	(void)state;
	sl_xlsx_read_col_name(b, 1);
	assert_string_equal(b, "A");
	sl_xlsx_read_col_name(b, 26);
	assert_string_equal(b, "Z");
	sl_xlsx_read_col_name(b, 27);
	assert_string_equal(b, "AA");
	sl_xlsx_read_col_name(b, 16384);
	assert_string_equal(b, "XFD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_read__excel_xml_shapes),
		cmocka_unit_test(
			test_xlsx_read__openpyxl_values_as_a_spreadsheet_shows),
		cmocka_unit_test(
			test_xlsx_read__item_table_from_renamed_reordered_sheets),
		cmocka_unit_test(test_xlsx_read__merged_category_is_filled),
		cmocka_unit_test(test_xlsx_read__date_id_is_diagnosed),
		cmocka_unit_test(test_xlsx_read__hostile_workbooks_are_refused),
		cmocka_unit_test(test_xlsx_read__caps_name_themselves),
		cmocka_unit_test(test_xlsx_read__table_caps_name_themselves),
		cmocka_unit_test(test_xlsx_read__column_names),
	};
	return cmocka_run_group_tests_name("xlsx_read", tests, group_setup,
					   group_teardown);
}
