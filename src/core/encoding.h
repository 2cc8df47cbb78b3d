/*
 * encoding.h: the character encodings spreadsheets use for CSV: UTF-8
 * (with or without a byte order mark) and CP932, the Shift_JIS variant of
 * Japanese Windows and Excel. Everything inside sheetlog is UTF-8; these
 * convert at the edges, through the C library's iconv.
 */
#ifndef SL_ENCODING_H
#define SL_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef enum sl_encoding {
	SL_ENC_AUTO, /* reading only: decide from the bytes */
	SL_ENC_UTF8,
	SL_ENC_CP932,
} sl_encoding;

/* "auto", "utf-8" (or "utf8"), "cp932" (or "shift_jis", "sjis").
 * @return 0 or SL_EUSAGE */
int sl_encoding_parse(sl_encoding *out, const char *name);
/* "utf-8" or "cp932" */
const char *sl_encoding_name(sl_encoding enc);

/*
 * Decode bytes in enc (AUTO: a UTF-8 byte order mark or valid UTF-8 is
 * UTF-8, else CP932 if the bytes are valid CP932) to UTF-8, without the
 * byte order mark. *used (optional) receives the encoding chosen.
 * On invalid input *bad_off is the byte offset of the first bad byte.
 * @return 0, SL_EINVALID (message names the encoding; the caller adds
 * the location) or SL_ENOMEM
 */
int sl_encoding_decode(sl_buf *out, sl_encoding *used, size_t *bad_off,
		       const char *data, size_t len, sl_encoding enc);

/*
 * Encode UTF-8 text in enc. With nfkc_fallback, a character CP932 lacks
 * is written as its NFKC form when that form exists in CP932 (the
 * compatibility ideographs of the published sheet: '⾏' U+2F8F becomes
 * '行'). On failure *bad_off is the byte offset (in text) of the first
 * character that cannot be written.
 * @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_encoding_encode(sl_buf *out, size_t *bad_off, const char *text,
		       size_t len, sl_encoding enc, bool nfkc_fallback);

#endif
