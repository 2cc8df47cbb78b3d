/*
 * rev.h: revision expressions. A revision names a state of the sheet:
 *   WORKTREE          the files on disk
 *   INDEX             the staging area
 *   anything libgit2's revparse accepts (tags, branches, ids, HEAD~2)
 * Expressions that look like options ("-x", "--output=x") are refused so a
 * mistyped flag is never taken for a revision.
 */
#ifndef SL_REV_H
#define SL_REV_H

#include <stdint.h>

#include "repo.h"
#include "source.h"

typedef struct sl_rev {
	sl_snap_kind kind; /* worktree, index or commit */
	char commit[41];   /* commit id (hex) for SL_SNAP_COMMIT, else "" */
	char *label;       /* owned; the expression as the user wrote it */
	int64_t time;      /* commit time, seconds since the epoch; 0 if none */
	int offset_min;    /* commit time zone, minutes east of UTC */
} sl_rev;

#define SL_REV_INIT                              \
	{                                        \
		SL_SNAP_WORKTREE, "", NULL, 0, 0 \
	}

/* Resolve expr. On failure *out is disposed.
 * @return 0, SL_ENOTFOUND (unknown revision), SL_EUSAGE, SL_EREPO or
 * SL_ENOMEM */
int sl_rev_resolve(sl_rev *out, sl_repo *repo, const char *expr);
void sl_rev_dispose(sl_rev *rev);
/* new: the snapshot of the sheet at rev. @return as sl_snapshot_open */
int sl_rev_snapshot(sl_snapshot **out, sl_repo *repo, const sl_rev *rev);

#endif
