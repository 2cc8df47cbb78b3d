/*
 * repo_approval.h: the git side of the approval store. Approvals live on
 * one ref (SL_APPROVAL_REF) whose commits each hold a flat tree of small
 * record files; a write adds files on top of the ref's tip and moves the
 * ref only if it still points at that tip (compare and swap), re-reading
 * and re-applying on a conflict, so writers racing each other all land.
 * What the records say is approval.c's; this module only speaks git.
 */
#ifndef SL_REPO_APPROVAL_H
#define SL_REPO_APPROVAL_H

#include <stddef.h>
#include <stdint.h>

#include "repo.h"
#include "vec.h"

/* The ref; fetch and push it with the refspec
 * +refs/sheetlog/(star):refs/sheetlog/(star) (docs/review-publish.md). */
#define SL_APPROVAL_REF "refs/sheetlog/approvals"

typedef struct sl_store_file {
	char *name; /* owned; a file name at the root of the tree */
	char *data; /* owned; its bytes, NUL-terminated */
	size_t len;
} sl_store_file;

/* Files larger than this are refused when read (an untrusted ref). */
#define SL_STORE_FILE_MAX (64 * 1024)
/* At most this many files are read from the tip's tree. */
#define SL_STORE_FILES_MAX 100000

/*
 * Every file of the tree at ref's tip, in tree order, as sl_store_file
 * pointers in *out (free with sl_store_files_free). No ref: an empty
 * list. Entries that are not blobs are skipped.
 * @return 0, SL_EINVALID (a file or the tree over its limit), SL_EREPO
 * or SL_ENOMEM
 */
int sl_repo_store_read(sl_vec *out, sl_repo *repo, const char *ref);
void sl_store_files_free(sl_vec *files);

/*
 * Add (or replace, by name) n files on ref in one commit made with the
 * repository's git identity and message, moving the ref from the tip it
 * was read at to the new commit only if nobody moved it since; on a
 * conflict, read the new tip and apply the files again (up to 32 times).
 * @return 0, SL_EINVALID (no git identity), SL_EREPO or SL_ENOMEM
 */
int sl_repo_store_add(sl_repo *repo, const char *ref,
		      const sl_store_file *files, size_t n,
		      const char *message);

/* Test hook: called once per attempt of sl_repo_store_add, after the
 * new commit is written and before the ref is swapped, so a test can
 * move the ref in between (a concurrent writer). NULL disables it. */
void sl_repo_store__before_swap(void (*fn)(void *payload), void *payload);

/* The git blob id of bytes (what `git hash-object` prints), 40 hex.
 * @return 0 or SL_EREPO */
int sl_repo_blob_id(char out[41], const char *data, size_t len);

/*
 * The repository's git identity (user.name, user.email) and the time
 * and zone now, as a commit made now would record them.
 * new: *name, *email (sl_free). @return 0, SL_EINVALID (no identity)
 * or SL_ENOMEM
 */
int sl_repo_signature_now(char **name, char **email, int64_t *time,
			  int *offset_min, sl_repo *repo);

#endif
