/*
 * repo_internal.h: shared by the .c files of the repository layer only
 * (repo.c and its repo_*.c siblings). It declares the
 * libgit2 handle without including <git2.h>.
 */
#ifndef SL_REPO_INTERNAL_H
#define SL_REPO_INTERNAL_H

#include "common.h"
#include "repo.h"
#include "repo_commit.h"

struct git_repository;
struct git_commit;
struct git_tree_entry;
struct git_odb;
struct git_odb_object;
struct git_oid;
struct sl_snapshot;

/* borrowed: the libgit2 repository, valid until sl_repo_free */
struct git_repository *sl_repo__git(const sl_repo *repo);

/*
 * A second libgit2 handle on git's repository, for another thread, that
 * shares no pack state with git (see repo.c). new: *out, free with
 * git_repository_free. @return 0 or a libgit2 error code (the caller
 * maps it; git_error_last() says why)
 */
int sl_repo__git_again(struct git_repository **out, struct git_repository *git);

/*
 * Map a failed libgit2 call to our error record: GIT_ENOTFOUND becomes
 * SL_ENOTFOUND, GIT_ELOCKED and the rest SL_EREPO; the libgit2 message is
 * appended when there is one (git_error_last() may be NULL).
 * @return the SL_E* code
 */
int sl_repo__error(int git_rc, const char *fmt, ...) SL_PRINTF(2, 3);

/*
 * The one lookup of a commit by its 40-hex id. new: *out, free with
 * git_commit_free. @return 0, SL_EUSAGE (not an id), SL_ENOTFOUND or
 * SL_EREPO
 */
int sl_repo__commit_lookup(struct git_commit **out, sl_repo *repo,
			   const char *hex);
/*
 * The one raw read of a tree object (repo_tree.c walks its bytes). new:
 * *out, free with git_odb_object_free. @return 0, SL_ENOTFOUND or
 * SL_EREPO (not a tree)
 */
int sl_repo__tree_raw(struct git_odb_object **out, struct git_odb *odb,
		      const struct git_oid *id);
/* Add a tree entry to a snapshot under path, its kind from its file mode
 * (as a whole commit's snapshot lists it). @return 0 or SL_ENOMEM */
int sl_repo__snapshot_add_entry(struct sl_snapshot *snap, const char *path,
				const struct git_tree_entry *e);
/* The same for an entry of a raw tree (repo_tree.h): its mode and id. */
int sl_repo__snapshot_add_raw(struct sl_snapshot *snap, const char *path,
			      unsigned mode, const unsigned char id[20]);
/* The end of a function that builds a snapshot: on success *out takes
 * snap, on failure snap is freed. @return rc */
int sl_repo__snapshot_done(struct sl_snapshot **out, struct sl_snapshot *snap,
			   int rc);
/* Fill *out from a commit object. @return 0 or SL_ENOMEM */
int sl_repo__commit_fill(sl_commit *out, const struct git_commit *c);

#endif
