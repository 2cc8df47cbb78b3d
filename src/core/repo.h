/*
 * repo.h: the repository handle. libgit2 stays behind this boundary: no
 * header of ours includes <git2.h>, and commit ids cross module boundaries
 * as 40-hex strings.
 */
#ifndef SL_REPO_H
#define SL_REPO_H

#include <stdbool.h>

/* Directory of the sheet inside a repository. */
#define SL_SHEET_DIR "checklist"

typedef struct sl_repo sl_repo;

/* Initialise / release libgit2; pair them in main and in test setup. */
void sl_repo_global_init(void);
void sl_repo_global_shutdown(void);

/*
 * Open the repository containing path, searching parent directories as
 * git does (so `-C subdir` works). new: free with sl_repo_free.
 * @return 0, SL_EREPO (not a repository) or SL_ENOMEM
 */
int sl_repo_open(sl_repo **out, const char *path);
void sl_repo_free(sl_repo *repo);
/*
 * A second handle on the same repository, for reading objects on a
 * second thread (libgit2's objects and caches belong to one handle and
 * are not to be shared between threads). Opened once, on the calling
 * thread, and owned by repo. borrowed: valid until sl_repo_free(repo).
 * @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_repo_sibling(sl_repo **out, sl_repo *repo);
/*
 * Close repo's second handle, if open, and with it the pack maps and
 * caches it holds (its packs are its own: they count in the peak memory
 * until closed). Handles given out by sl_repo_sibling are invalid after.
 */
void sl_repo_sibling_close(sl_repo *repo);

/* borrowed: the working directory with a trailing '/', NULL when bare */
const char *sl_repo_workdir(const sl_repo *repo);
bool sl_repo_is_bare(const sl_repo *repo);
bool sl_repo_is_shallow(const sl_repo *repo);
/* True when HEAD points to an unborn branch (no commit yet). */
bool sl_repo_is_empty(const sl_repo *repo);

/*
 * Read INDEX from another index file than <gitdir>/index: git runs
 * pre-commit hooks with GIT_INDEX_FILE naming the index being committed
 * (a temporary one for `git commit -a` or `git commit PATH`).
 * @return 0, SL_ENOTFOUND (no such file) or SL_EREPO (unreadable)
 */
int sl_repo_use_index_file(sl_repo *repo, const char *path);

#endif
