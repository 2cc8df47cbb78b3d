/*
 * fuzz_xlsx.c: the workbook reader and its item table on any bytes. Any
 * input gives either one error or worksheets whose rows and cells are in
 * order, each cell a non-empty NUL-free text inside the grid, and a table
 * whose rows all have the header's width. The caps are small so that a
 * run stays fast; the caps themselves are what the unit tests pin.
 */
#include <string.h>

#include "fuzz.h"
#include "import_xlsx.h"
#include "xlsx_read.h"

static const sl_xlsx_limits lim = {1 << 20, 64,      4 << 20, 2000,
				   20000,   4 << 20, 256};

static void check_sheet(const sl_xlsx_sheet *s)
{
	size_t r, c;
	for (r = 0; r < s->count; r++) {
		const sl_xlsx_row *row = &s->rows[r];
		FUZZ_CHECK(row->row >= 1 && row->row <= 1048576);
		FUZZ_CHECK(r == 0 || s->rows[r - 1].row < row->row);
		FUZZ_CHECK(row->count >= 1);
		for (c = 0; c < row->count; c++) {
			const sl_xlsx_cell *cell = &row->cells[c];
			FUZZ_CHECK(cell->col >= 1 && cell->col <= 16384);
			FUZZ_CHECK(c == 0 || row->cells[c - 1].col < cell->col);
			FUZZ_CHECK(cell->len >= 1);
			FUZZ_CHECK(strlen(cell->text) == cell->len);
			FUZZ_CHECK(sl_xlsx_sheet_cell(row, cell->col) == cell);
		}
	}
	for (r = 0; r < s->merge_count; r++)
		FUZZ_CHECK(s->merges[r].row1 <= s->merges[r].row2 &&
			   s->merges[r].col1 <= s->merges[r].col2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sl_xlsx_book *b = NULL;
	sl_xlsx_table t = SL_XLSX_TABLE_INIT;
	size_t i, r;
	if (sl_xlsx_book_open(&b, data, size, &lim) == 0) {
		for (i = 0; i < sl_xlsx_book_sheet_count(b); i++) {
			sl_xlsx_sheet *s = NULL;
			FUZZ_CHECK(sl_xlsx_book_sheet_name(b, i));
			if (sl_xlsx_book_read_sheet(&s, b, i) == 0)
				check_sheet(s);
			else
				FUZZ_CHECK(!s);
			sl_xlsx_sheet_free(s);
		}
		sl_xlsx_book_free(b);
	}
	if (sl_xlsx_import_read(&t, NULL, data, size, "fuzz.xlsx", &lim) == 0) {
		FUZZ_CHECK(t.csv->count >= 1 && t.sheets.len >= 1);
		for (r = 0; r < t.csv->count; r++) {
			FUZZ_CHECK(t.csv->rows[r].count ==
				   t.csv->rows[0].count);
			FUZZ_CHECK(t.csv->rows[r].line >= 1);
			FUZZ_CHECK(t.row_sheet[r] < t.sheets.len);
		}
		sl_xlsx_table_dispose(&t);
	} else {
		FUZZ_CHECK(!t.csv);
	}
	return 0;
}
