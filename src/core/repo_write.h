/*
 * repo_write.h: the writes publish makes to a repository, as a
 * transaction publish drives step by step: objects first (invisible until
 * a ref names them), then the index, the branch and the tag, each with
 * its undo. The policy (what to check, which order, what to report) is
 * publish.c's; this module only speaks git.
 */
#ifndef SL_REPO_WRITE_H
#define SL_REPO_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "repo.h"

typedef struct sl_repo_txn sl_repo_txn;

/*
 * Start a transaction on the branch HEAD is on (unborn is fine).
 * new: *out, free with sl_repo_txn_free.
 * @return 0, SL_EREPO (HEAD detached or unreadable) or SL_ENOMEM
 */
int sl_repo_txn_new(sl_repo_txn **out, sl_repo *repo);
void sl_repo_txn_free(sl_repo_txn *t);
/* borrowed: the full name of the branch, "refs/heads/main" */
const char *sl_repo_txn_branch(const sl_repo_txn *t);

/*
 * Keep the index file's bytes for the undo, refusing a locked index.
 * @return 0, SL_EREPO (index.lock exists), SL_EIO or SL_ENOMEM
 */
int sl_repo_txn_save_index(sl_repo_txn *t);

/*
 * Write the new commit and its annotated tag without moving any ref:
 * stage dir as it is on disk, then path with the given bytes (in memory
 * only), write the tree, a commit on the branch's tip with the default
 * signature and message, and the annotated tag tag_name on it.
 * @return 0, SL_EINVALID (no git identity), SL_EREPO or SL_ENOMEM
 */
int sl_repo_txn_write_objects(sl_repo_txn *t, const char *dir, const char *path,
			      const char *data, size_t len, const char *message,
			      const char *tag_name);
/* The new commit's 40-hex id, after sl_repo_txn_write_objects. */
void sl_repo_txn_commit_id(const sl_repo_txn *t, char out[41]);

/* Re-stage path from the working tree (so its stat data is current) and
 * write the index. @return 0 or SL_EREPO */
int sl_repo_txn_update_index(sl_repo_txn *t, const char *path);
/* Move the branch to the new commit, only if it still points where it
 * did (or create it when unborn). @return 0 or SL_EREPO */
int sl_repo_txn_move_branch(sl_repo_txn *t, const char *reflog_message);
/* Create refs/tags/<tag_name> for the new tag, only if absent.
 * @return 0 or SL_EREPO */
int sl_repo_txn_create_tag(sl_repo_txn *t, const char *tag_name);

/* Undo sl_repo_txn_move_branch. @return false when it failed */
bool sl_repo_txn_undo_branch(sl_repo_txn *t);
/* Put the saved index bytes back (or remove the index when there was
 * none) and reload it. @return false when it failed */
bool sl_repo_txn_undo_index(sl_repo_txn *t);
/* Forget the in-memory staging of sl_repo_txn_write_objects. */
void sl_repo_txn_forget_staging(sl_repo_txn *t);

/*
 * The first tracked change (staged or not) outside dir/, as a new
 * repository-relative path in *out, or NULL when there is none.
 * Untracked files are not changes. @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_repo_change_outside(char **out, sl_repo *repo, const char *dir);

/* True when the ref (full name, "refs/tags/edition/2023-10") exists. */
bool sl_repo_ref_exists(sl_repo *repo, const char *ref);

/*
 * The git identity commits are made with (user.name, user.email), as
 * "Name <email>" into out. @return 0 or SL_EINVALID (none configured)
 */
int sl_repo_identity(char *out, size_t out_size, sl_repo *repo);

#endif
