/*
 * xlsx_read_int.h: what the workbook reader's two files share
 * (xlsx_read.c: the archive, the XML plumbing and the workbook's parts;
 * xlsx_read_sheet.c: a worksheet's cells). Names libzip's and expat's
 * types only as incomplete structs: neither library's header is included
 * outside xlsx_read.c.
 */
#ifndef SL_XLSX_READ_INT_H
#define SL_XLSX_READ_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "xlsx_read.h"

#define XLSX_MAX_ROW SL_XLSX_MAX_ROW
#define XLSX_MAX_COL SL_XLSX_MAX_COL

typedef struct rel {
	char *id, *type, *target; /* owned; target resolved to a part name */
} rel;

typedef struct book_sheet {
	char *name, *part; /* owned */
} book_sheet;

struct sl_xlsx_book {
	struct zip *za; /* zip_t, from <zip.h> in xlsx_read.c only */
	sl_xlsx_limits lim;
	size_t read_len; /* uncompressed bytes read so far, every part */
	book_sheet *sheets;
	size_t sheet_count, sheet_cap;
	char **strings; /* owned: the shared strings */
	size_t *string_lens;
	size_t string_count, string_cap;
	bool *xf_date;   /* owned: cellXfs index -> shows a date */
	bool *xf_struck; /* owned: cellXfs index -> its font is struck
			  * through (deleted text, in our export) */
	size_t xf_count;
	bool date1904;
};

/* ---- XML plumbing ---- */

typedef struct xml_ctx xml_ctx;
typedef void (*xml_start_fn)(xml_ctx *x, const char *name, const char **attrs);
typedef void (*xml_end_fn)(xml_ctx *x, const char *name);

struct xml_ctx {
	struct XML_ParserStruct *p; /* XML_Parser */
	const char *part;
	int rc;       /* the first failure; the parser is then stopped */
	bool collect; /* character data goes to text */
	sl_buf text;
	xml_start_fn start;
	xml_end_fn end;
	void *user;
};

/* The value of attribute local (in no namespace, or with ns in any
 * namespace), or NULL. borrowed */
const char *sl_xlsx_read__attr(const char **attrs, const char *local, bool ns);
/* Stop the parse of x with rc (the error record already set). */
void sl_xlsx_read__fail(xml_ctx *x, int rc);
/* Stream part through expat into start and end (either may be NULL):
 * declared and inflated sizes checked against the caps, no DTD.
 * @return 0, SL_EINVALID or SL_ENOMEM */
int sl_xlsx_read__parse_part(sl_xlsx_book *b, const char *part,
			     xml_start_fn start, xml_end_fn end, void *user);
/* Decode Excel's _xHHHH_ escapes of s in place. @return the new length */
size_t sl_xlsx_read__decode_escapes(char *s, size_t len);
/* A boolean property element such as <strike/> or <strike val="0"/>. */
bool sl_xlsx_read__flag(const char **attrs);
/* A decimal attribute, 0 when absent or malformed, capped. */
unsigned sl_xlsx_read__uint(const char *s);

#endif
