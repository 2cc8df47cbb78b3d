/*
 * csv.h: reading CSV as spreadsheets write it (RFC 4180, and what Excel
 * does beyond it): fields separated by commas, rows by CRLF or LF, quoted
 * fields may hold commas, quotes (doubled) and line breaks. Every field
 * remembers where it started, so a problem in it can be pointed at.
 */
#ifndef SL_CSV_H
#define SL_CSV_H

#include <stddef.h>

#include "vec.h"

typedef struct sl_csv_field {
	char *text; /* owned; unquoted, NUL-terminated; line breaks inside a
		     * quoted field are kept byte for byte (Excel writes LF
		     * there, CRLF between rows) */
	size_t len; /* bytes of text */
	int line;   /* 1-based line where the field starts */
	int col;    /* 1-based column (characters) where it starts */
} sl_csv_field;

typedef struct sl_csv_row {
	sl_csv_field *fields; /* owned array */
	size_t count;
	int line; /* line where the row starts */
} sl_csv_row;

typedef struct sl_csv {
	sl_csv_row *rows; /* owned array; blank lines are skipped */
	size_t count;
} sl_csv;

/*
 * Parse UTF-8 text (no byte order mark). Malformed input fails with the
 * line:column of the problem in the error record (no path: the caller
 * adds it): a quote inside an unquoted field, text after a closing quote,
 * a quoted field never closed (pointing at its opening quote), a NUL byte.
 * new: *out, free with sl_csv_free. @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_csv_parse(sl_csv **out, const char *text, size_t len);
void sl_csv_free(sl_csv *csv);

#endif
