/*
 * repo_status.c: the working tree against the index and HEAD, through
 * libgit2's status and diff (never the git executable).
 */
#include "repo_status.h"

#include <git2.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "repo_internal.h"

void sl_repo_changes_free(sl_vec *changes)
{
	size_t i;
	for (i = 0; i < changes->len; i++) {
		sl_repo_change *c = changes->items[i];
		sl_free(c->path);
		sl_free(c);
	}
	sl_vec_dispose(changes);
}

static int change_cmp(const void *a, const void *b)
{
	const sl_repo_change *x = *(const sl_repo_change *const *)a;
	const sl_repo_change *y = *(const sl_repo_change *const *)b;
	return strcmp(x->path, y->path);
}

static int push_change(sl_vec *out, char status, const char *path)
{
	sl_repo_change *c = sl_calloc(1, sizeof(*c));
	if (c)
		c->path = sl_strdup(path);
	if (!c || !c->path || sl_vec_push(out, c) < 0) {
		if (c)
			sl_free(c->path);
		sl_free(c);
		return sl_error_oom();
	}
	c->status = status;
	return 0;
}

/* The change of path if it held data: against its entry in tree. */
static int override_change(sl_vec *out, git_tree *tree, const char *path,
			   const char *data, size_t len)
{
	git_tree_entry *e = NULL;
	git_oid id;
	int grc = git_odb_hash(&id, data, len, GIT_OBJECT_BLOB), rc = 0;
	if (grc < 0)
		return sl_repo__error(grc, "cannot hash %s", path);
	grc = tree ? git_tree_entry_bypath(&e, tree, path) : GIT_ENOTFOUND;
	if (grc == GIT_ENOTFOUND) {
		git_error_clear();
		rc = push_change(out, 'A', path);
	} else if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read %s in HEAD", path);
	} else if (!git_oid_equal(git_tree_entry_id(e), &id)) {
		rc = push_change(out, 'M', path);
	}
	git_tree_entry_free(e);
	return rc;
}

/* Both listings of the working tree start alike: out empty, a working
 * tree required, and dir as the pathspec "dir/", which the callers'
 * DISABLE_PATHSPEC_MATCH makes a plain prefix (a name like "a*" in dir
 * must not glob). On success *spec is the caller's to sl_free. */
static int workdir_spec(char **spec, sl_vec *out, sl_repo *repo,
			const char *dir)
{
	size_t dlen = strlen(dir);

	*spec = NULL;
	out->items = NULL;
	out->len = out->cap = 0;
	if (sl_repo_is_bare(repo))
		return sl_error_set(SL_EREPO,
				    "a bare repository has no working tree");
	if (!(*spec = sl_malloc(dlen + 2)))
		return sl_error_oom();
	memcpy(*spec, dir, dlen);
	memcpy(*spec + dlen, "/", 2);
	return 0;
}

int sl_repo_changes_since_head(sl_vec *out, sl_repo *repo, const char *dir,
			       const char *path, const char *data, size_t len)
{
	git_repository *g = sl_repo__git(repo);
	git_diff_options o;
	git_diff *diff = NULL;
	git_tree *tree = NULL;
	git_object *head = NULL;
	char *spec = NULL;
	size_t i, n;
	int grc, rc;

	if ((rc = workdir_spec(&spec, out, repo, dir)) < 0)
		return rc;
	grc = git_revparse_single(&head, g, "HEAD^{tree}");
	if (grc == GIT_ENOTFOUND || grc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		grc = 0;
	} else if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read HEAD's tree");
		goto done;
	} else {
		tree = (git_tree *)head;
	}
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
		  GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	/* DISABLE_PATHSPEC_MATCH makes the spec a plain prefix. */
	grc = git_diff_tree_to_workdir(&diff, g, tree, &o);
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot compare %s/ with HEAD", dir);
		goto done;
	}
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n && rc == 0; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *p;
		char st;
		switch (d->status) {
		case GIT_DELTA_ADDED:
		case GIT_DELTA_UNTRACKED:
			st = 'A';
			break;
		case GIT_DELTA_DELETED:
			st = 'D';
			break;
		case GIT_DELTA_MODIFIED:
		case GIT_DELTA_TYPECHANGE:
			st = 'M';
			break;
		default:
			continue;
		}
		p = st == 'D' ? d->old_file.path : d->new_file.path;
		if (!path || strcmp(p, path))
			rc = push_change(out, st, p);
	}
	if (rc == 0 && path)
		rc = override_change(out, tree, path, data, len);
	if (rc == 0)
		sl_vec_sort(out, change_cmp);
done:
	if (rc < 0)
		sl_repo_changes_free(out);
	sl_free(spec);
	git_diff_free(diff);
	git_object_free(head);
	return rc;
}

int sl_repo_unstaged(sl_vec *out, sl_repo *repo, const char *dir)
{
	git_status_options o;
	git_status_list *list = NULL;
	char *spec = NULL;
	size_t i, n;
	int grc, rc;

	if ((rc = workdir_spec(&spec, out, repo, dir)) < 0)
		return rc;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		  GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		  GIT_STATUS_OPT_INCLUDE_IGNORED |
		  GIT_STATUS_OPT_RECURSE_IGNORED_DIRS |
		  GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH |
		  GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	grc = git_status_list_new(&list, sl_repo__git(repo), &o);
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read the working tree status");
		goto done;
	}
	n = git_status_list_entrycount(list);
	for (i = 0; i < n && rc == 0; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->index_to_workdir;
		char st;
		if (!d)
			continue;
		if (e->status & GIT_STATUS_WT_DELETED)
			st = 'D';
		else if (e->status &
			 (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE |
			  GIT_STATUS_WT_RENAMED | GIT_STATUS_CONFLICTED))
			st = 'M';
		else if (e->status & (GIT_STATUS_WT_NEW | GIT_STATUS_IGNORED))
			st = '?';
		else
			continue;
		rc = push_change(out, st,
				 d->old_file.path ? d->old_file.path
						  : d->new_file.path);
	}
	if (rc == 0)
		sl_vec_sort(out, change_cmp);
done:
	if (rc < 0)
		sl_repo_changes_free(out);
	git_status_list_free(list);
	sl_free(spec);
	return rc;
}
