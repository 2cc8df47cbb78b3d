/*
 * textdiff_cleanup.h: the semantic clean-up of a text diff, so a human reads
 * whole changed phrases instead of the minimal scatter of edits: a port of
 * diff-match-patch's diff_cleanupSemantic, with boundary scoring adapted to
 * Japanese and every edit boundary kept between units (textdiff.h).
 * sl_textdiff runs it when its options ask for it.
 */
#ifndef SL_TEXTDIFF_CLEANUP_H
#define SL_TEXTDIFF_CLEANUP_H

#include "textdiff.h"

/*
 * Clean ops up in place: eliminate equalities no longer than the edits on
 * both sides, merge and factor the edits, slide single edits to the best
 * boundary (punctuation, spaces, script changes), and pull overlaps of a
 * delete and an insert out as equalities. Both sides of the diff are
 * unchanged; the result keeps the sl_text_ops invariants. Lengths are
 * compared in code points. The storage is rebuilt, so texts borrowed from
 * ops before the call are invalid afterwards (unless it fails).
 *
 * @return 0, SL_ENOMEM, or SL_EINVALID when the op texts are not valid
 *         UTF-8; on failure ops is unchanged
 */
int sl_cleanup_semantic(sl_text_ops *ops);

#endif
