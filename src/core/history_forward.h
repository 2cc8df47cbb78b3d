/*
 * history_forward.h: what became of an item (sheetlog history --forward,
 * and show's "it is now 3-3"): the item of one commit followed forward,
 * commit by commit, through renumbering, to a later revision. The
 * backward history (history.h) asks where an item came from; this asks
 * where it went.
 */
#ifndef SL_HISTORY_FORWARD_H
#define SL_HISTORY_FORWARD_H

#include "history.h"

/*
 * Follow item of commit from forward to to (a commit, or WORKTREE or
 * INDEX, reached through HEAD). new: *out, its steps oldest first (the
 * commits, then the uncommitted revision, in which the item changed);
 * new: *now, the item's id at to, or NULL when it was removed or its
 * number withdrawn on the way (the last step says which). The item must
 * exist at from. @return 0, SL_EUSAGE (from is not a commit),
 * SL_ENOTFOUND (no such item at from), SL_EREPO, SL_EINVALID or SL_ENOMEM
 */
int sl_history_forward(sl_history **out, char **now, sl_repo *repo,
		       const sl_rev *from, const sl_rev *to, const char *item,
		       const sl_history_options *opts);

#endif
