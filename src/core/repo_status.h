/*
 * repo_status.h: what the working tree holds that git does not: the
 * state of one path against the index (for commands that rewrite files
 * and must not clobber an editor's unstaged work), and the files of a
 * directory as they differ from HEAD (what a commit of that directory
 * would record, for publish --dry-run).
 */
#ifndef SL_REPO_STATUS_H
#define SL_REPO_STATUS_H

#include <stdbool.h>

#include "repo.h"
#include "vec.h"

typedef enum sl_wt_state {
	SL_WT_CLEAN,     /* as in the index, or absent from both */
	SL_WT_UNTRACKED, /* a file the index does not have (or ignored) */
	SL_WT_MODIFIED,  /* differs from the index (content, mode, type) */
	SL_WT_DELETED,   /* in the index, gone from the working tree */
} sl_wt_state;

/*
 * The working-tree state of path (repository-relative) against the
 * index: unstaged changes only; a staged change is recoverable from the
 * index and counts as clean here.
 * @return 0, SL_EREPO (bare repository, unreadable index) or SL_ENOMEM
 */
int sl_repo_wt_state(sl_wt_state *out, sl_repo *repo, const char *path);
/* Stable name of a state: "clean", "untracked", "modified", "deleted". */
const char *sl_wt_state_name(sl_wt_state s);

/* One file of a directory that differs between HEAD and the working
 * tree. */
typedef struct sl_repo_change {
	char status; /* 'A' added, 'M' modified, 'D' deleted */
	char *path;  /* owned; repository-relative */
} sl_repo_change;

/*
 * The files below dir/ whose working-tree state differs from HEAD's tree
 * (index ignored: a commit of dir as it is on disk, untracked files
 * included, ignored ones not), sorted by path. An unborn HEAD compares
 * with the empty tree. When path is given (repository-relative, below
 * dir), that file is compared as if it held data (len bytes) instead of
 * what is on disk: publish commits sheet.json with a new as_of.
 * new: *out holds sl_repo_change pointers; free with
 * sl_repo_changes_free. @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_repo_changes_since_head(sl_vec *out, sl_repo *repo, const char *dir,
			       const char *path, const char *data, size_t len);
void sl_repo_changes_free(sl_vec *changes);

#endif
