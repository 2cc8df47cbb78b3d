/*
 * textdiff_internal.h: shared by textdiff.c and textdiff_cleanup.c only (one
 * module in two files). Inside the module an op is a span: a kind, a length and
 * its start in both texts, so the text is never copied until the result is
 * built. Any op list that rebuilds both texts is fully described by its
 * kinds and lengths; the offsets only make the texts reachable.
 */
#ifndef SL_TEXTDIFF_INTERNAL_H
#define SL_TEXTDIFF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "textdiff.h"

typedef struct sl_textdiff__span {
	sl_op_kind op; /* kind of the op */
	size_t a_off;  /* bytes: where the op starts in the old text */
	size_t b_off;  /* bytes: where the op starts in the new text */
	size_t len;    /* bytes: its text is old[a_off..] for EQUAL and
			* DELETE, new[b_off..] for INSERT */
} sl_textdiff__span;

typedef struct sl_textdiff__spans {
	sl_textdiff__span *items; /* owned array */
	size_t count;             /* spans in use */
	size_t cap;               /* spans allocated */
} sl_textdiff__spans;

/* One side of the diff: its text and where units start. */
typedef struct sl_textdiff__side {
	const char *text; /* borrowed: the whole text */
	size_t len;       /* bytes of text */
	uint8_t *cuts;    /* owned bit set of len + 1 bits: bit i is set when
			   * byte offset i is a unit boundary (0 and len are) */
} sl_textdiff__side;

/*
 * Unit boundaries of valid UTF-8 s: grapheme clusters, with each maximal
 * run of ASCII / full-width letters and digits merged into one unit.
 * new: *bounds_out holds *count_out + 1 offsets, first 0, last len; free
 * with sl_free. @return 0, SL_EINVALID or SL_ENOMEM
 */
int sl_textdiff__units(size_t **bounds_out, size_t *count_out, const char *s,
		       size_t len);

/* Fill side->cuts from unit bounds (count + 1 offsets).
 * @return 0 or SL_ENOMEM */
int sl_textdiff__side_cuts(sl_textdiff__side *side, const size_t *bounds,
			   size_t count);

static inline bool sl_textdiff__is_cut(const sl_textdiff__side *side,
				       size_t off)
{
	return (side->cuts[off >> 3] >> (off & 7)) & 1;
}

/* Append a span, merging it into the last one when that has the same kind
 * (the caller keeps spans contiguous). Empty spans are dropped.
 * @return 0 or SL_ENOMEM */
int sl_textdiff__push(sl_textdiff__spans *sp, sl_op_kind op, size_t a_off,
		      size_t b_off, size_t len);

/*
 * Rewrite sp so every run of edits between two equalities is one DELETE
 * then one INSERT, neighbouring equalities are merged and empty spans are
 * gone. Never moves a boundary, so both texts are unchanged. Works in
 * place and cannot fail.
 */
void sl_textdiff__normalize(sl_textdiff__spans *sp);

/* Build the public ops (one storage block) from spans over texts a and b.
 * @return 0 or SL_ENOMEM (*out empty) */
int sl_textdiff__build(sl_text_ops *out, const sl_textdiff__spans *sp,
		       const char *a, const char *b);

/*
 * The semantic clean-up on spans (textdiff_cleanup.c). Every boundary it
 * creates is a cut on both sides. @return 0 or SL_ENOMEM (sp is still a valid
 * diff)
 */
int sl_cleanup__spans(sl_textdiff__spans *sp, const sl_textdiff__side *a,
		      const sl_textdiff__side *b);

#endif
