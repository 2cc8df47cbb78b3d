/*
 * repo_status.h: what the working tree holds that git does not: the
 * unstaged changes of a directory (for commands that rewrite files and
 * must not clobber an editor's unstaged work), and the files of a
 * directory as they differ from HEAD (what a commit of that directory
 * would record, for publish --dry-run).
 */
#ifndef SL_REPO_STATUS_H
#define SL_REPO_STATUS_H

#include <stdbool.h>

#include "repo.h"
#include "vec.h"

/* One file of a directory and how it differs. */
typedef struct sl_repo_change {
	char status; /* 'A' added, 'M' modified, 'D' deleted, '?' untracked */
	char *path;  /* owned; repository-relative */
} sl_repo_change;

/*
 * The files below dir/ with unstaged changes: the working tree against
 * the index, with status 'M' (content, mode or type differs), 'D' (in the
 * index, gone from the working tree) or '?' (untracked; ignored files
 * too, as they could be clobbered the same way). A staged change is
 * recoverable from the index and is not listed. One status walk for the
 * whole directory, however many files a caller asks about.
 * new: *out holds sl_repo_change pointers sorted by path; free with
 * sl_repo_changes_free. @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_repo_unstaged(sl_vec *out, sl_repo *repo, const char *dir);

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
