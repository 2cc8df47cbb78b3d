/*
 * import_csv.h: edits made in a spreadsheet, back into the sheet. A CSV
 * saved by Excel (UTF-8 with or without a byte order mark, or CP932) is
 * read with its header row naming the columns; each row updates the item
 * with its id, field by field. Fields the CSV does not carry are kept;
 * ids the sheet lacks are added only when asked; ids the CSV lacks are
 * reported, never deleted.
 */
#ifndef SL_IMPORT_CSV_H
#define SL_IMPORT_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "csv.h"
#include "encoding.h"
#include "sheet.h"
#include "vec.h"

typedef struct sl_csv_import_options {
	const char *path;     /* the input's name, for messages */
	sl_encoding encoding; /* SL_ENC_AUTO: decide from the bytes */
	bool add_new;         /* add rows whose id the sheet lacks */
	bool extra_columns;   /* keep unknown columns as extra fields */
} sl_csv_import_options;

#define SL_CSV_IMPORT_OPTIONS_INIT              \
	{                                       \
		NULL, SL_ENC_AUTO, false, false \
	}

typedef struct sl_csv_import {
	sl_encoding encoding; /* the encoding the input was read as */
	size_t rows;          /* data rows read */
	sl_vec added;         /* owned strings: ids added */
	sl_vec unknown;       /* owned strings: "ID (line N)", not added */
	sl_vec missing;       /* owned strings: sheet ids not in the CSV */
	sl_vec ignored;       /* owned strings: columns ignored */
} sl_csv_import;

#define SL_CSV_IMPORT_INIT                                             \
	{                                                              \
		SL_ENC_UTF8, 0, SL_VEC_INIT, SL_VEC_INIT, SL_VEC_INIT, \
			SL_VEC_INIT                                    \
	}

void sl_csv_import_dispose(sl_csv_import *imp);

/*
 * Apply the CSV in data to sheet (a loaded sheet, edited in place; new
 * items are added and the sheet re-sorted). Everything is checked before
 * the first change, so on a data failure sheet is untouched (only
 * running out of memory can stop the edits midway). Failures carry the
 * input's path and line:column: bytes invalid in the encoding, malformed
 * CSV, a row whose column count differs from the header's, a header
 * without an id column or naming a column twice, duplicate ids, a new row
 * without a section or a question and answer (with add_new).
 * @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_csv_import_apply(sl_csv_import *imp, sl_sheet *sheet, const char *data,
			size_t len, const sl_csv_import_options *opts);

/*
 * The same, for a table already split into rows and cells (a CSV parsed
 * by sl_csv_parse, or a worksheet read from a workbook): row 0 is the
 * header; each field's line and col say where it came from (the CSV's
 * line:column, or the worksheet's row:column), for messages.
 */
int sl_csv_import_apply_table(sl_csv_import *imp, sl_sheet *sheet,
			      const sl_csv *table,
			      const sl_csv_import_options *opts);

#endif
