/*
 * import_csv.h: a spreadsheet back into the sheet. A CSV saved by Excel
 * (UTF-8 with or without a byte order mark, or CP932) is read with its
 * header row naming the columns, and the rows are the desired state of
 * the sheet: import_plan.h matches them against the items as `diff` does
 * and makes the plan (added, removed, renumbered, modified, replaced).
 * Fields the table lacks are kept from the matched item; rows whose id is
 * new are added items; items the table lacks are the plan's removals,
 * which the caller applies only when asked (--delete-missing).
 */
#ifndef SL_IMPORT_CSV_H
#define SL_IMPORT_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "csv.h"
#include "encoding.h"
#include "import_plan.h"
#include "sheet.h"
#include "vec.h"

typedef struct sl_csv_import_options {
	const char *path;     /* the input's name, for messages */
	sl_encoding encoding; /* SL_ENC_AUTO: decide from the bytes */
	bool add_new;         /* no effect: kept so that callers and
			       * --add-new still compile and parse; a new id
			       * is always an added item now */
	bool extra_columns;   /* keep unknown columns as extra fields */
	bool lines_are_rows;  /* the table's line numbers are spreadsheet rows
			       * (a worksheet); else a row is counted as the
			       * table's record number, header = 1 (a CSV,
			       * whose cells may span lines) */
} sl_csv_import_options;

#define SL_CSV_IMPORT_OPTIONS_INIT                     \
	{                                              \
		NULL, SL_ENC_AUTO, false, false, false \
	}

typedef struct sl_csv_import {
	sl_encoding encoding; /* the encoding the input was read as */
	size_t rows;          /* data rows read (empty rows not counted) */
	sl_vec ignored;       /* owned strings: columns ignored */
	sl_import_plan *plan; /* owned: the plan, once applied */
} sl_csv_import;

#define SL_CSV_IMPORT_INIT                        \
	{                                         \
		SL_ENC_UTF8, 0, SL_VEC_INIT, NULL \
	}

void sl_csv_import_dispose(sl_csv_import *imp);

/*
 * Make sheet (the loaded working-tree sheet) the desired state the CSV in
 * data describes: on success sheet holds the desired sheet and imp->plan
 * the plan from the sheet as it was (import_plan.h; its diff borrows
 * sheet: keep sheet alive until sl_csv_import_dispose). Rows whose cells
 * are all empty are skipped. On failure sheet is untouched. Failures
 * carry the input's path and line:column: bytes invalid in the encoding,
 * malformed CSV, a row whose column count differs from the header's, a
 * header without an id column or naming a column twice, an empty or
 * duplicate id, ids Excel turned into dates (1月1日, 1-Jan, 2022/1/1: the
 * message names the row and the id it probably was), a new row without
 * a section.
 * @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_csv_import_apply(sl_csv_import *imp, sl_sheet *sheet, const char *data,
			size_t len, const sl_csv_import_options *opts);

/*
 * The same, for a table already split into rows and cells (a CSV parsed
 * by sl_csv_parse, or a worksheet read from a workbook): row 0 is the
 * header; every row has the header's number of cells (a reader pads a
 * worksheet's short rows with empty cells); each field's line and col say
 * where it came from (the CSV's line:column, or the worksheet's
 * row:column: set lines_are_rows), for messages. The signature is the one
 * of the earlier field-by-field import; what changed is that sheet
 * becomes the desired sheet and imp->plan says how it got there.
 */
int sl_csv_import_apply_table(sl_csv_import *imp, sl_sheet *sheet,
			      const sl_csv *table,
			      const sl_csv_import_options *opts);

/*
 * The item field a spreadsheet heading names: "id", "section", "scope",
 * "category", "question" or "answer", for the headings sheetlog exports
 * (id, category, ...), their Japanese labels (項番, 項目, ...) and the
 * sheet's own column headings (sheet.json "columns"; m may be NULL).
 * @return borrowed: a static field name, or NULL for an unknown heading
 */
const char *sl_csv_import_heading_field(const char *h, const sl_sheet_meta *m);

#endif
