/*
 * import_xlsx.h: a workbook's item rows as one table for the spreadsheet
 * import (import_csv.h). The item worksheets are those with a header row
 * naming the id column (No, id) and the question column (評価内容,
 * question), wherever that row is and whatever the worksheet is called;
 * the others (the cover, 変更一覧, a 新旧対照表) are skipped. Their rows
 * are joined in the workbook's order under the first one's header.
 */
#ifndef SL_IMPORT_XLSX_H
#define SL_IMPORT_XLSX_H

#include <stddef.h>

#include "csv.h"
#include "import_csv.h"
#include "sheet.h"
#include "vec.h"
#include "xlsx_read.h"

/* Columns of an item worksheet's header (a real one has a handful). */
#define SL_XLSX_IMPORT_MAX_COLUMNS 256

typedef struct sl_xlsx_table {
	sl_csv *csv;       /* owned: row 0 the header, then item rows;
			    * line = worksheet row, col = column number */
	size_t *row_sheet; /* owned: per csv row, index into sheets */
	sl_vec sheets;     /* owned strings: names of the item worksheets */
	sl_vec skipped;    /* owned strings: worksheets without a header */
} sl_xlsx_table;

#define SL_XLSX_TABLE_INIT                           \
	{                                            \
		NULL, NULL, SL_VEC_INIT, SL_VEC_INIT \
	}

void sl_xlsx_table_dispose(sl_xlsx_table *t);

/*
 * Read the item rows of the workbook in data. In the category column a
 * cell merged into the one above takes its category, and so does a blank
 * cell in a worksheet that prints categories once per group as the
 * published sheet does (one that never has the same category on two rows
 * in a row; where it does, as in our export, a blank is no category).
 * Fails (SL_EINVALID, located "PATH: sheet 'NAME' row R column C") on
 * anything sl_xlsx_book_open or _read_sheet refuses, an id cell that
 * Excel turned into a date, a cell outside the header's columns, item
 * worksheets whose headers differ, and a workbook without item worksheets.
 * meta: the sheet's column headings. lim NULL: SL_XLSX_LIMITS_INIT.
 * @return 0, SL_EINVALID or SL_ENOMEM; on failure *out is disposed
 */
int sl_xlsx_import_read(sl_xlsx_table *out, const sl_sheet_meta *meta,
			const void *data, size_t len, const char *path,
			const sl_xlsx_limits *lim);

/*
 * sl_csv_import_apply (import_csv.h) for a workbook: reads its table, and
 * applies it with sl_csv_import_apply_table; the import's row-located
 * failures are then restated with the worksheet: "PATH: sheet 'NAME' row
 * R column C". read_sheets (optional, disposed first): the item
 * worksheets read and skipped, as sl_xlsx_import_read gives them.
 * @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_xlsx_import_apply(sl_csv_import *imp, sl_sheet *sheet, const void *data,
			 size_t len, const sl_csv_import_options *opts,
			 sl_xlsx_table *read_sheets);

#endif
