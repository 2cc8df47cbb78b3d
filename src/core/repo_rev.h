/*
 * repo_rev.h: revision expressions. A revision names a state of the sheet:
 *   WORKTREE      the files on disk
 *   INDEX         the staging area
 *   2022-09       an edition (edition.h): tag edition/2022-09, else the
 *                 commit where sheet.json's as_of became 2022-09
 *   @2023-04-30   the newest commit of HEAD's first-parent history whose
 *   @2023-04      commit time is on or before the end of that day or
 *                 month, in the sheet's time zone (sheet.json "timezone",
 *                 default +09:00); never the reflog
 *   anything else libgit2's revparse accepts (tags, branches, ids, HEAD~2)
 * Expressions that look like options ("-x", "--output=x") are refused so a
 * mistyped flag is never taken for a revision. Ranges are "A..B".
 */
#ifndef SL_REPO_REV_H
#define SL_REPO_REV_H

#include <stdint.h>

#include "buf.h"
#include "repo.h"
#include "repo_commit.h"
#include "repo_snapshot.h"

typedef struct sl_rev {
	sl_snap_kind kind; /* worktree, index or commit */
	char *label;       /* owned; the expression as the user wrote it */
	char *edition;     /* owned; the edition this commit is, or NULL */
	sl_commit commit;  /* owned; the commit for SL_SNAP_COMMIT (its id is
			    * "" for the working tree and the index) */
} sl_rev;

#define SL_REV_INIT                                          \
	{                                                    \
		SL_SNAP_WORKTREE, NULL, NULL, SL_COMMIT_INIT \
	}

/*
 * Resolve expr. An unknown name fails with one line that lists the known
 * editions. On failure *out is disposed.
 * @return 0, SL_ENOTFOUND (unknown revision, no commit before a date),
 * SL_EUSAGE (option-like or malformed), SL_EREPO or SL_ENOMEM
 */
int sl_rev_resolve(sl_rev *out, sl_repo *repo, const char *expr);
/*
 * sl_rev_resolve for the start of a range: a date before the first commit
 * on HEAD's first-parent line is not an error there (the range starts at
 * the beginning): *before_first is set, *out is left empty (no commit)
 * and 0 is returned. @return as sl_rev_resolve
 */
int sl_rev_resolve_start(sl_rev *out, bool *before_first, sl_repo *repo,
			 const char *expr);
/* *out: commit ancestor is descendant or one of its ancestors (both
 * 40-hex ids). @return 0, SL_EUSAGE or SL_EREPO */
int sl_rev_is_ancestor(bool *out, sl_repo *repo, const char *ancestor,
		       const char *descendant);
void sl_rev_dispose(sl_rev *rev);
/* new: the snapshot of the sheet at rev. @return as sl_snapshot_open */
int sl_rev_snapshot(sl_snapshot **out, sl_repo *repo, const sl_rev *rev);

/*
 * Split "A..B" into new strings *a and *b (free with sl_free); "A.." gives
 * B = "WORKTREE". When expr holds no "..", *a and *b are NULL and 0 is
 * returned. @return 0, SL_EUSAGE ("..B", "A...B") or SL_ENOMEM
 */
int sl_rev_split_range(char **a, char **b, const char *expr);

/*
 * The edition a commit is (its as_of, when the tag edition/<as_of> points
 * at it, or without such a tag when its first parent's as_of differs).
 * new: *out, or NULL when the commit is not an edition.
 * @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM
 */
int sl_rev_edition_of(char **out, sl_repo *repo, const char *commit);

/* The sheet's time zone at HEAD (sheet.json "timezone"; +09:00 when
 * absent or unreadable), in minutes east of UTC. */
int sl_rev_sheet_offset(sl_repo *repo);

#endif
