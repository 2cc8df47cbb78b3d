/*
 * repo_write.c: commits, tags, index and ref updates for publish, through
 * libgit2. Objects are written before any ref moves, so a failure before
 * the refs leaves only unreachable objects behind (git gc drops them).
 */
#include "repo_write.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "fs.h"
#include "repo_internal.h"

struct sl_repo_txn {
	git_repository *g;    /* borrowed from the sl_repo */
	git_index *index;     /* owned; the repository's index */
	char *index_path;     /* owned; absolute path of .git/index */
	sl_buf old_index;     /* .git/index before */
	bool had_index;       /* .git/index existed */
	char branch_ref[300]; /* "refs/heads/main" */
	git_oid old_tip;      /* where the branch was */
	bool born;            /* the branch existed */
	git_oid commit, tag;  /* the new objects */
};

int sl_repo_txn_new(sl_repo_txn **out, sl_repo *repo)
{
	sl_repo_txn *t = sl_calloc(1, sizeof(*t));
	git_reference *head = NULL;
	int grc, rc = 0;

	*out = NULL;
	if (!t)
		return sl_error_oom();
	t->g = sl_repo__git(repo);
	grc = git_reference_lookup(&head, t->g, "HEAD");
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read HEAD");
		goto done;
	}
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		rc = sl_error_set(SL_EREPO,
				  "HEAD is detached: check out the branch "
				  "the edition is published on");
		goto done;
	}
	snprintf(t->branch_ref, sizeof(t->branch_ref), "%s",
		 git_reference_symbolic_target(head));
	grc = git_reference_name_to_id(&t->old_tip, t->g, t->branch_ref);
	t->born = grc == 0;
	if (grc < 0 && grc != GIT_ENOTFOUND)
		rc = sl_repo__error(grc, "cannot read %s", t->branch_ref);
	git_error_clear();
done:
	git_reference_free(head);
	if (rc < 0) {
		sl_repo_txn_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

void sl_repo_txn_free(sl_repo_txn *t)
{
	if (!t)
		return;
	git_index_free(t->index);
	sl_free(t->index_path);
	sl_buf_dispose(&t->old_index);
	sl_free(t);
}

const char *sl_repo_txn_branch(const sl_repo_txn *t)
{
	return t->branch_ref;
}

int sl_repo_txn_save_index(sl_repo_txn *t)
{
	char *lock = NULL;
	sl_buf l = SL_BUF_INIT;
	int rc = 0;

	t->index_path = sl_fs_join(git_repository_path(t->g), "index");
	if (!t->index_path)
		return sl_error_oom();
	if (sl_fs_kind_of(t->index_path) == SL_FS_MISSING)
		return 0;
	sl_buf_printf(&l, "%s.lock", t->index_path);
	lock = sl_buf_detach(&l, NULL);
	if (!lock)
		rc = sl_error_oom();
	else if (sl_fs_kind_of(lock) != SL_FS_MISSING)
		rc = sl_error_set(SL_EREPO,
				  "the index is locked (%s): another "
				  "git process is running, or it left "
				  "a stale lock",
				  lock);
	sl_free(lock);
	if (rc == 0)
		rc = sl_fs_read(&t->old_index, t->index_path);
	t->had_index = rc == 0;
	return rc;
}

int sl_repo_txn_write_objects(sl_repo_txn *t, const char *dir, const char *path,
			      const char *data, size_t len, const char *message,
			      const char *tag_name)
{
	char *paths[1];
	git_strarray spec = {paths, 1};
	git_signature *sig = NULL;
	git_index_entry e;
	git_oid tree_id;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_object *commit = NULL;
	int grc;

	paths[0] = (char *)dir;
	if (git_signature_default(&sig, t->g) < 0) {
		git_error_clear();
		return sl_error_set(SL_EINVALID,
				    "no git identity to publish with: set "
				    "user.name and user.email (git config)");
	}
	grc = git_repository_index(&t->index, t->g);
	if (grc < 0) {
		git_signature_free(sig);
		return sl_repo__error(grc, "cannot read the index");
	}
	grc = git_index_read(t->index, 1);
	if (grc == 0)
		grc = git_index_add_all(t->index, &spec, GIT_INDEX_ADD_DEFAULT,
					NULL, NULL);
	if (grc == 0)
		grc = git_index_update_all(t->index, &spec, NULL, NULL);
	if (grc == 0) {
		memset(&e, 0, sizeof(e));
		e.path = path;
		e.mode = GIT_FILEMODE_BLOB;
		grc = git_index_add_from_buffer(t->index, &e, data, len);
	}
	if (grc == 0)
		grc = git_index_write_tree(&tree_id, t->index);
	if (grc == 0)
		grc = git_tree_lookup(&tree, t->g, &tree_id);
	if (grc == 0 && t->born)
		grc = git_commit_lookup(&parent, t->g, &t->old_tip);
	if (grc == 0)
		grc = git_commit_create(&t->commit, t->g, NULL, sig, sig, NULL,
					message, tree, parent ? 1 : 0,
					(const git_commit **)&parent);
	if (grc == 0)
		grc = git_object_lookup(&commit, t->g, &t->commit,
					GIT_OBJECT_COMMIT);
	if (grc == 0)
		grc = git_tag_annotation_create(&t->tag, t->g, tag_name, commit,
						sig, message);
	git_object_free(commit);
	git_commit_free(parent);
	git_tree_free(tree);
	git_signature_free(sig);
	if (grc < 0)
		return sl_repo__error(grc,
				      "cannot write the edition's objects");
	return 0;
}

void sl_repo_txn_commit_id(const sl_repo_txn *t, char out[41])
{
	git_oid_tostr(out, 41, &t->commit);
}

int sl_repo_txn_update_index(sl_repo_txn *t, const char *path)
{
	int grc = git_index_add_bypath(t->index, path);
	if (grc == 0)
		grc = git_index_write(t->index);
	return grc < 0 ? sl_repo__error(grc, "cannot write the index") : 0;
}

/*
 * Refs move by compare and swap, checked under the ref's lock: from the
 * value read before, or (an all-zero current id) only if the ref does
 * not exist. git_reference_create with force 0 checks existence before
 * taking the lock, so of two writers at once the later could replace
 * what the earlier wrote (repo_approval.c met it).
 */
static int create_matching(git_reference **ref, git_repository *g,
			   const char *name, const git_oid *id,
			   const git_oid *current, const char *message)
{
	git_oid none;
	if (!current) {
		memset(&none, 0, sizeof(none));
		current = &none;
	}
	return git_reference_create_matching(ref, g, name, id, 1, current,
					     message);
}

int sl_repo_txn_move_branch(sl_repo_txn *t, const char *reflog_message)
{
	git_reference *ref = NULL;
	int grc = create_matching(&ref, t->g, t->branch_ref, &t->commit,
				  t->born ? &t->old_tip : NULL, reflog_message);
	git_reference_free(ref);
	if (grc == GIT_EMODIFIED) {
		git_error_clear();
		return sl_error_set(SL_EREPO,
				    "cannot move %s: another process moved "
				    "it meanwhile",
				    t->branch_ref);
	}
	if (grc < 0)
		return sl_repo__error(grc, "cannot move %s", t->branch_ref);
	return 0;
}

int sl_repo_txn_create_tag(sl_repo_txn *t, const char *tag_name)
{
	git_reference *ref = NULL;
	char name[300];
	int grc;
	snprintf(name, sizeof(name), "refs/tags/%s", tag_name);
	grc = create_matching(&ref, t->g, name, &t->tag, NULL, NULL);
	git_reference_free(ref);
	if (grc == GIT_EMODIFIED) {
		git_error_clear();
		return sl_error_set(SL_EREPO,
				    "cannot create the tag %s: another "
				    "process created it meanwhile",
				    tag_name);
	}
	if (grc < 0)
		return sl_repo__error(grc, "cannot create the tag %s",
				      tag_name);
	return 0;
}

bool sl_repo_txn_undo_branch(sl_repo_txn *t)
{
	git_reference *ref = NULL;
	int grc;
	if (t->born)
		grc = git_reference_create_matching(
			&ref, t->g, t->branch_ref, &t->old_tip, 1, &t->commit,
			"sheetlog publish: rolled back");
	else if ((grc = git_reference_lookup(&ref, t->g, t->branch_ref)) == 0)
		/* Only our own commit goes: the delete checks, under the
		 * lock, that the ref still holds what was looked up. */
		grc = git_reference_type(ref) == GIT_REFERENCE_DIRECT &&
				      git_oid_equal(git_reference_target(ref),
						    &t->commit)
			      ? git_reference_delete(ref)
			      : GIT_EMODIFIED;
	git_reference_free(ref);
	git_error_clear();
	return grc == 0;
}

bool sl_repo_txn_undo_index(sl_repo_txn *t)
{
	int rc = t->had_index
			 ? sl_fs_write_atomic(t->index_path, t->old_index.ptr,
					      t->old_index.len)
			 : sl_fs_remove(t->index_path);
	if (rc == 0 && t->index)
		git_index_read(t->index, 1);
	git_error_clear();
	return rc == 0;
}

void sl_repo_txn_forget_staging(sl_repo_txn *t)
{
	if (t->index)
		git_index_read(t->index, 1);
	git_error_clear();
}

int sl_repo_change_outside(char **out, sl_repo *repo, const char *dir)
{
	git_status_options o;
	git_status_list *list = NULL;
	size_t i, n, dlen = strlen(dir);
	int grc, rc = 0;

	*out = NULL;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	o.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	grc = git_status_list_new(&list, sl_repo__git(repo), &o);
	if (grc < 0)
		return sl_repo__error(grc,
				      "cannot read the working tree status");
	n = git_status_list_entrycount(list);
	for (i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->head_to_index
						  ? e->head_to_index
						  : e->index_to_workdir;
		const char *path;
		if (!d || e->status == GIT_STATUS_CURRENT)
			continue;
		path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (strncmp(path, dir, dlen) || path[dlen] != '/') {
			*out = sl_strdup(path);
			rc = *out ? 0 : sl_error_oom();
			break;
		}
	}
	git_status_list_free(list);
	return rc;
}

bool sl_repo_ref_exists(sl_repo *repo, const char *ref)
{
	git_reference *r = NULL;
	bool found = git_reference_lookup(&r, sl_repo__git(repo), ref) == 0;
	git_reference_free(r);
	git_error_clear();
	return found;
}

int sl_repo_identity(char *out, size_t out_size, sl_repo *repo)
{
	git_signature *sig = NULL;
	if (git_signature_default(&sig, sl_repo__git(repo)) < 0) {
		git_error_clear();
		return sl_error_set(SL_EINVALID,
				    "no git identity to publish with: set "
				    "user.name and user.email (git config)");
	}
	snprintf(out, out_size, "%s <%s>", sig->name, sig->email);
	git_signature_free(sig);
	return 0;
}
