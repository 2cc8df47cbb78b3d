/*
 * notation.h: is a change only a matter of notation? Two texts are
 * notation-equal when their folded forms are byte-equal: NFKC (full-width
 * forms, Kangxi radicals, compatibility ideographs, half-width kana) and
 * whitespace that does not separate two ASCII words. Used by the sheet
 * diff to mark such edits as notation-only instead of content changes.
 */
#ifndef SL_NOTATION_H
#define SL_NOTATION_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Append the folded form of valid UTF-8 s to out: NFKC, then whitespace
 * folding. Every run of whitespace (Unicode White_Space, including U+3000
 * and line breaks) is removed when it touches a non-ASCII character on
 * either side, otherwise collapsed to one ASCII space; leading and trailing
 * whitespace is removed.
 *
 *   "ＶＰＮ　接続\n" -> "VPN接続"     "a \t\n b" -> "a b"     "⽤途" -> "用途"
 *
 * @return 0, SL_EINVALID (s is not valid UTF-8) or SL_ENOMEM; on failure
 *         out keeps its previous content (its sticky OOM flag may be set)
 */
int sl_notation_fold(sl_buf *out, const char *s, size_t len);

/*
 * *out = fold(a) == fold(b) (false on failure).
 * @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_notation_equal(bool *out, const char *a, size_t a_len, const char *b,
		      size_t b_len);

#endif
