/*
 * repo_approval.c: a ref holding a flat tree of record files, written by
 * compare and swap through libgit2. Each write is one commit whose parent
 * is the tip it was built on, so the ref's log is the history of the
 * records, and `git fetch` / `git push` move them like any other ref.
 */
#define _POSIX_C_SOURCE 200809L
#include "repo_approval.h"

#include <git2.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "error.h"
#include "repo_internal.h"

#define MAX_ATTEMPTS 32

static void (*before_swap)(void *);
static void *before_swap_payload;

void sl_repo_store__before_swap(void (*fn)(void *payload), void *payload)
{
	before_swap = fn;
	before_swap_payload = payload;
}

void sl_store_files_free(sl_vec *files)
{
	size_t i;
	for (i = 0; i < files->len; i++) {
		sl_store_file *f = files->items[i];
		sl_free(f->name);
		sl_free(f->data);
		sl_free(f);
	}
	sl_vec_dispose(files);
}

/* The tip of ref into *tip; *found is false when the ref does not exist. */
static int read_tip(git_oid *tip, bool *found, git_repository *g,
		    const char *ref)
{
	int grc = git_reference_name_to_id(tip, g, ref);
	*found = grc == 0;
	if (grc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	return grc < 0 ? sl_repo__error(grc, "cannot read %s", ref) : 0;
}

static int push_file(sl_vec *out, const char *name, const git_blob *blob)
{
	sl_store_file *f = sl_calloc(1, sizeof(*f));
	size_t len = (size_t)git_blob_rawsize(blob);
	if (!f || sl_vec_push(out, f) < 0) {
		sl_free(f);
		return sl_error_oom();
	}
	f->name = sl_strdup(name);
	f->data = sl_malloc(len + 1);
	if (!f->name || !f->data)
		return sl_error_oom();
	memcpy(f->data, git_blob_rawcontent(blob), len);
	f->data[len] = '\0';
	f->len = len;
	return 0;
}

int sl_repo_store_read(sl_vec *out, sl_repo *repo, const char *ref)
{
	git_repository *g = sl_repo__git(repo);
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_oid tip;
	bool found;
	size_t i, n;
	int grc = 0, rc;

	memset(out, 0, sizeof(*out));
	rc = read_tip(&tip, &found, g, ref);
	if (rc < 0 || !found)
		return rc;
	if ((grc = git_commit_lookup(&commit, g, &tip)) < 0 ||
	    (grc = git_commit_tree(&tree, commit)) < 0) {
		rc = sl_repo__error(grc, "cannot read %s", ref);
		goto done;
	}
	n = git_tree_entrycount(tree);
	if (n > SL_STORE_FILES_MAX) {
		rc = sl_error_set(SL_EINVALID,
				  "%s holds %zu records, more than %d", ref, n,
				  SL_STORE_FILES_MAX);
		goto done;
	}
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		git_blob *blob = NULL;
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			continue;
		grc = git_blob_lookup(&blob, g, git_tree_entry_id(e));
		if (grc < 0) {
			rc = sl_repo__error(grc, "cannot read %s:%s", ref,
					    git_tree_entry_name(e));
			break;
		}
		if (git_blob_rawsize(blob) > SL_STORE_FILE_MAX)
			rc = sl_error_set(SL_EINVALID,
					  "%s:%s has %lld bytes, more than %d",
					  ref, git_tree_entry_name(e),
					  (long long)git_blob_rawsize(blob),
					  SL_STORE_FILE_MAX);
		else
			rc = push_file(out, git_tree_entry_name(e), blob);
		git_blob_free(blob);
	}
done:
	git_tree_free(tree);
	git_commit_free(commit);
	if (rc < 0)
		sl_store_files_free(out);
	return rc;
}

/* One commit: the tip's tree (if any) with the files put in, parent the
 * tip. */
static int write_commit(git_oid *out, git_repository *g, const git_oid *tip,
			bool has_tip, const sl_store_file *files, size_t n,
			const git_signature *sig, const char *message)
{
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_treebuilder *tb = NULL;
	git_oid blob, tree_id;
	size_t i;
	int grc = 0;

	if (has_tip && (grc = git_commit_lookup(&parent, g, tip)) == 0)
		grc = git_commit_tree(&base, parent);
	if (grc == 0)
		grc = git_treebuilder_new(&tb, g, base);
	for (i = 0; i < n && grc == 0; i++) {
		grc = git_blob_create_from_buffer(&blob, g, files[i].data,
						  files[i].len);
		if (grc == 0)
			grc = git_treebuilder_insert(NULL, tb, files[i].name,
						     &blob, GIT_FILEMODE_BLOB);
	}
	if (grc == 0)
		grc = git_treebuilder_write(&tree_id, tb);
	if (grc == 0)
		grc = git_tree_lookup(&tree, g, &tree_id);
	if (grc == 0)
		grc = git_commit_create(out, g, NULL, sig, sig, NULL, message,
					tree, parent ? 1 : 0,
					(const git_commit **)&parent);
	git_treebuilder_free(tb);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	return grc;
}

/* A conflict another writer caused: worth reading the tip again. */
static bool is_conflict(int grc)
{
	return grc == GIT_EMODIFIED || grc == GIT_EEXISTS || grc == GIT_ELOCKED;
}

static void backoff(int attempt)
{
	struct timespec ts = {0, 1000000L * (attempt + 1)};
	nanosleep(&ts, NULL);
}

int sl_repo_store_add(sl_repo *repo, const char *ref,
		      const sl_store_file *files, size_t n, const char *message)
{
	git_repository *g = sl_repo__git(repo);
	git_signature *sig = NULL;
	int attempt, grc = 0, rc = 0;

	if (git_signature_default(&sig, g) < 0) {
		git_error_clear();
		return sl_error_set(SL_EINVALID,
				    "no git identity to approve with: set "
				    "user.name and user.email (git config)");
	}
	for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		git_reference *moved = NULL;
		git_oid tip, commit;
		bool has_tip;
		if ((rc = read_tip(&tip, &has_tip, g, ref)) < 0)
			break;
		grc = write_commit(&commit, g, &tip, has_tip, files, n, sig,
				   message);
		if (grc < 0) {
			rc = sl_repo__error(grc, "cannot write to %s", ref);
			break;
		}
		if (before_swap)
			before_swap(before_swap_payload);
		/* Compare and swap: only from the tip the tree was built on;
		 * a ref that did not exist must still not exist. Both checks
		 * run under the ref's lock: an all-zero current id means
		 * "absent" there, while git_reference_create's own check
		 * (force 0) runs before the lock, so two first writers could
		 * both pass it and the later one replace the other's commit
		 * (test_approve__two_processes_racing_lose_nothing caught it
		 * on a loaded machine: 28 of 30 records). */
		if (!has_tip)
			memset(&tip, 0, sizeof(tip));
		grc = git_reference_create_matching(&moved, g, ref, &commit, 1,
						    &tip, message);
		git_reference_free(moved);
		if (grc == 0)
			break;
		if (!is_conflict(grc)) {
			rc = sl_repo__error(grc, "cannot update %s", ref);
			break;
		}
		git_error_clear();
		backoff(attempt);
	}
	if (rc == 0 && grc < 0)
		rc = sl_error_set(SL_EREPO,
				  "%s kept moving: gave up after %d attempts",
				  ref, MAX_ATTEMPTS);
	git_signature_free(sig);
	return rc;
}

int sl_repo_blob_id(char out[41], const char *data, size_t len)
{
	git_oid id;
	int grc = git_odb_hash(&id, data, len, GIT_OBJECT_BLOB);
	if (grc < 0)
		return sl_repo__error(grc, "cannot hash a blob");
	git_oid_tostr(out, 41, &id);
	return 0;
}

int sl_repo_signature_now(char **name, char **email, int64_t *time,
			  int *offset_min, sl_repo *repo)
{
	git_signature *sig = NULL;
	*name = *email = NULL;
	if (git_signature_default(&sig, sl_repo__git(repo)) < 0) {
		git_error_clear();
		return sl_error_set(SL_EINVALID,
				    "no git identity to approve with: set "
				    "user.name and user.email (git config)");
	}
	*name = sl_strdup(sig->name);
	*email = sl_strdup(sig->email);
	*time = (int64_t)sig->when.time;
	*offset_min = sig->when.offset;
	git_signature_free(sig);
	if (!*name || !*email) {
		sl_free(*name);
		sl_free(*email);
		*name = *email = NULL;
		return sl_error_oom();
	}
	return 0;
}
