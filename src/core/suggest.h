/*
 * suggest.h: "did you mean" for a mistyped item id: the known ids
 * closest to it by edit distance (ids are short, so the plain dynamic
 * programme over bytes is cheap even for every id of a large sheet).
 */
#ifndef SL_SUGGEST_H
#define SL_SUGGEST_H

#include <stddef.h>

#include "buf.h"
#include "sheet.h"

/* At most this many suggestions, each within SL_SUGGEST_MAX_EDITS (one
 * edit for an id shorter than five bytes). */
#define SL_SUGGEST_MAX 3
#define SL_SUGGEST_MAX_EDITS 2

/*
 * The candidates closest to id (fewest edits first, then natural id
 * order), at most SL_SUGGEST_MAX, joined by ", " into out; nothing when
 * none is close enough. Duplicates count once.
 */
void sl_suggest_ids(sl_buf *out, const char *id, const char *const *cands,
		    size_t count);
/* The same over the items of sheet (NULL: none). */
void sl_suggest_sheet_ids(sl_buf *out, const char *id, const sl_sheet *sheet);
/* Reword the current error as "<message>; did you mean A, B?" when out
 * (from the above) is not empty. @return rc */
int sl_suggest_wrap(int rc, const sl_buf *suggestions);

#endif
