/*
 * review_signoff.h: the part of the review that concerns people: who
 * made each pending change (the commits since the base that touched its
 * file, and uncommitted edits) and whether it carries a valid approval.
 * Called by sl_review_compute; the renderers read the result.
 */
#ifndef SL_REVIEW_SIGNOFF_H
#define SL_REVIEW_SIGNOFF_H

#include "repo_snapshot.h"
#include "review.h"

/*
 * Fill every entry's signoff (and sheet_signoff) of r, whose base and
 * head are resolved; work is the working tree's snapshot.
 * @return 0, SL_EINVALID (an approval record or "owners" that does not
 * parse), SL_EREPO, SL_EIO or SL_ENOMEM
 */
int sl_review__signoff(sl_review *r, sl_repo *repo, sl_snapshot *work);
void sl_review__signoff_dispose(sl_review_signoff *s);

#endif
