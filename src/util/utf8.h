/*
 * utf8.h: the Unicode layer (the only file that includes <utf8proc.h>):
 * validation, grapheme-cluster boundaries, NFKC, display width, and the
 * character classes the lint rules and the notation check need.
 * Strings are UTF-8 with explicit byte lengths (_len); never NUL-scanned.
 */
#ifndef SL_UTF8_H
#define SL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Decode one code point at s[*pos]. On success advances *pos and returns
 * true; on an invalid sequence leaves *pos and returns false.
 */
bool sl_utf8_next(const char *s, size_t len, size_t *pos, int32_t *cp);
/* True when s is valid UTF-8; otherwise *bad_off (if given) is the byte
 * offset of the first invalid sequence. */
bool sl_utf8_valid(const char *s, size_t len, size_t *bad_off);
/* Append the UTF-8 encoding of cp. */
void sl_utf8_put(sl_buf *out, int32_t cp);

/*
 * Grapheme-cluster boundaries of valid UTF-8 (extended clusters, UAX #29,
 * state kept across the string so ZWJ sequences and flag pairs hold).
 * new: *bounds_out holds *count_out + 1 byte offsets, the first 0 and the
 * last len; free with sl_free. @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_utf8_graphemes(size_t **bounds_out, size_t *count_out, const char *s,
		      size_t len);

/* Append the NFKC form of valid UTF-8 s to out. @return 0, SL_EINVALID or
 * SL_ENOMEM */
int sl_utf8_nfkc(sl_buf *out, const char *s, size_t len);

/* Display columns of valid UTF-8 (East Asian wide = 2, combining = 0). */
size_t sl_utf8_cols(const char *s, size_t len);
/* Number of code points of valid UTF-8. */
size_t sl_utf8_cps(const char *s, size_t len);

/* 1-based line and column (in code points) of byte offset off in s. */
void sl_utf8_line_col(const char *s, size_t len, size_t off, int *line,
		      int *col);

/* True when NFKC maps cp to something else (a compatibility character). */
bool sl_utf8_is_compat(int32_t cp);
/* Compatibility ideographs and radicals: Kangxi radicals, CJK radicals
 * supplement, CJK compatibility ideographs that NFKC rewrites. */
bool sl_utf8_is_compat_ideograph(int32_t cp);
/* Full-width forms of ASCII (U+FF01..U+FF5E). */
bool sl_utf8_is_fullwidth_ascii(int32_t cp);
/* Kana, CJK ideographs and Japanese punctuation (including compatibility
 * ideographs and full-width forms). */
bool sl_utf8_is_japanese(int32_t cp);
/*
 * True when NFKC and whitespace folding leave cp alone in any context: not
 * white space, no (compatibility) decomposition, not a combining mark,
 * not a Hangul jamo. A change made only of such characters can never be
 * notation-only, which spares the NFKC pass for most edits.
 */
bool sl_utf8_is_nfkc_inert(int32_t cp);
/* True when NFKC leaves cp as it is in any context: ASCII, or
 * sl_utf8_is_nfkc_inert (remembered per BMP code point; any thread).
 * Text made only of such characters is its own NFKC (sl_utf8_nfkc). */
bool sl_utf8_nfkc_keeps(int32_t cp);
/* CommonMark punctuation: ASCII punctuation, or Unicode categories Pc,
 * Pd, Pe, Pf, Pi, Po, Ps (so 。、「」 count). */
bool sl_utf8_is_punct(int32_t cp);
/* Unicode White_Space (ASCII space and tab, U+3000, NBSP ...); not line
 * breaks, which are layout. */
bool sl_utf8_is_space(int32_t cp);

#endif
