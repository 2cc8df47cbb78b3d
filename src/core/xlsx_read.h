/*
 * xlsx_read.h: reading the cells of an Office Open XML workbook (.xlsx),
 * as Excel, LibreOffice, openpyxl or our own export save it. The archive
 * is opened with libzip and every part is parsed with expat: no other
 * module sees either library. The reader knows nothing of the sheet: it
 * gives each worksheet's cells as a spreadsheet shows them.
 *
 * The input is untrusted. Every limit below fails with SL_EINVALID and one
 * message naming the cap; memory and time stay bounded by the caps; no
 * DTD is ever processed (a DOCTYPE is an error), so no entity is expanded
 * and nothing outside the archive is read.
 */
#ifndef SL_XLSX_READ_H
#define SL_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sl_xlsx_limits {
	size_t max_archive_len; /* bytes of the .xlsx file */
	size_t max_entries;     /* entries in the archive */
	size_t max_total_len;   /* uncompressed bytes read, all parts */
	size_t max_rows;        /* rows of one worksheet */
	size_t max_cells;       /* non-empty cells of one worksheet; also
				 * the fields of the item table */
	size_t max_text_len;    /* bytes of cell text of one worksheet (a
				 * shared string is counted at each use) */
	size_t max_merges;      /* merged ranges of one worksheet */
} sl_xlsx_limits;

/* Far above a real check sheet (a few hundred rows, well under 1 MiB),
 * far below what would hurt. */
#define SL_XLSX_LIMITS_INIT                                                 \
	{                                                                   \
		(size_t)64 << 20, 10000, (size_t)64 << 20, 100000, 1000000, \
			(size_t)64 << 20, 4096                              \
	}

#define SL_XLSX_MAX_ROW 1048576u /* Excel's grid */
#define SL_XLSX_MAX_COL 16384u   /* column XFD */

/* Text struck through (a rich-text run, or a whole cell by its font) is
 * left out: in a sheet's workbook it is deleted text, as export
 * --changes-since shows a change. */
typedef enum sl_xlsx_kind {
	SL_XLSX_TEXT,   /* a shared, inline or formula string */
	SL_XLSX_NUMBER, /* a number: 15 significant digits, no ".0" */
	SL_XLSX_DATE,   /* a number in a date or time format: ISO 8601 */
	SL_XLSX_BOOL,   /* TRUE or FALSE */
	SL_XLSX_ERROR,  /* a formula error, such as #N/A */
} sl_xlsx_kind;

typedef struct sl_xlsx_cell {
	char *text;   /* owned, NUL-terminated, UTF-8 */
	size_t len;   /* bytes of text */
	unsigned col; /* 1-based: A is 1 */
	sl_xlsx_kind kind;
} sl_xlsx_cell;

typedef struct sl_xlsx_row {
	unsigned row;        /* 1-based worksheet row number */
	sl_xlsx_cell *cells; /* owned, ascending col, none empty */
	size_t count;
} sl_xlsx_row;

typedef struct sl_xlsx_range {
	unsigned row1, col1, row2, col2; /* inclusive, 1-based */
} sl_xlsx_range;

typedef struct sl_xlsx_sheet {
	sl_xlsx_row *rows; /* owned, ascending row; rows without a
			    * non-empty cell are left out */
	size_t count;
	sl_xlsx_range *merges; /* owned: the merged ranges */
	size_t merge_count;
} sl_xlsx_sheet;

typedef struct sl_xlsx_book sl_xlsx_book;

/*
 * Open a workbook held in memory (data must outlive the book): check the
 * archive (size, entry count, every entry's name: no "..", no absolute
 * path, no NUL or space, no backslash), then read the list of worksheets, the
 * shared strings and the cell formats. lim NULL: SL_XLSX_LIMITS_INIT.
 * Messages name the part and, for XML, its line:column; no path (the
 * caller adds it).
 * new: *out, free with sl_xlsx_book_free. @return 0, SL_EINVALID, SL_ENOMEM
 */
int sl_xlsx_book_open(sl_xlsx_book **out, const void *data, size_t len,
		      const sl_xlsx_limits *lim);
void sl_xlsx_book_free(sl_xlsx_book *book);

/* Worksheets in the workbook's order (chart sheets are left out). */
size_t sl_xlsx_book_sheet_count(const sl_xlsx_book *book);
/* borrowed: valid until sl_xlsx_book_free */
const char *sl_xlsx_book_sheet_name(const sl_xlsx_book *book, size_t i);

/*
 * Read worksheet i's cells. Fails on a missing part, malformed XML, a DTD,
 * a cell reference out of Excel's grid, more rows or cells than the caps.
 * new: *out, free with sl_xlsx_sheet_free. @return 0, SL_EINVALID, SL_ENOMEM
 */
int sl_xlsx_book_read_sheet(sl_xlsx_sheet **out, sl_xlsx_book *book, size_t i);
void sl_xlsx_sheet_free(sl_xlsx_sheet *sheet);

/* The cell at row:col, or NULL when it is empty. borrowed */
const sl_xlsx_cell *sl_xlsx_sheet_cell(const sl_xlsx_row *row, unsigned col);

/* "A" for 1, "AA" for 27 (out: at least 4 bytes). */
void sl_xlsx_read_col_name(char *out, unsigned col);

#endif
