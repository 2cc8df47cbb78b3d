/*
 * rev.c: resolves revision expressions to a working tree, the index or a
 * commit, through libgit2's revparse.
 */
#include "rev.h"

#include <git2.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "repo_internal.h"

void sl_rev_dispose(sl_rev *rev)
{
	sl_free(rev->label);
	memset(rev, 0, sizeof(*rev));
}

int sl_rev_resolve(sl_rev *out, sl_repo *repo, const char *expr)
{
	git_object *obj = NULL, *peeled = NULL;
	const git_commit *commit;
	int grc;

	memset(out, 0, sizeof(*out));
	if (!expr || !expr[0])
		return sl_error_set(SL_EUSAGE, "empty revision");
	if (expr[0] == '-')
		return sl_error_set(SL_EUSAGE,
				    "'%s' looks like an option, not a revision",
				    expr);
	out->label = sl_strdup(expr);
	if (!out->label)
		return sl_error_oom();
	if (!strcmp(expr, "WORKTREE")) {
		if (sl_repo_is_bare(repo)) {
			sl_rev_dispose(out);
			return sl_error_set(
				SL_EREPO,
				"bare repository has no working tree");
		}
		out->kind = SL_SNAP_WORKTREE;
		return 0;
	}
	if (!strcmp(expr, "INDEX")) {
		out->kind = SL_SNAP_INDEX;
		return 0;
	}
	grc = git_revparse_single(&obj, sl_repo__git(repo), expr);
	if (grc == 0)
		grc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	if (grc < 0) {
		git_object_free(obj);
		sl_rev_dispose(out);
		git_error_clear();
		if (sl_repo_is_empty(repo))
			return sl_error_set(
				SL_ENOTFOUND,
				"unknown revision '%s': the repository has no commits yet",
				expr);
		return sl_error_set(SL_ENOTFOUND, "unknown revision '%s'",
				    expr);
	}
	commit = (const git_commit *)peeled;
	out->kind = SL_SNAP_COMMIT;
	git_oid_tostr(out->commit, sizeof(out->commit), git_commit_id(commit));
	out->time = (int64_t)git_commit_time(commit);
	out->offset_min = git_commit_time_offset(commit);
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

int sl_rev_snapshot(sl_snapshot **out, sl_repo *repo, const sl_rev *rev)
{
	return sl_snapshot_open(out, repo, rev->kind, rev->commit, rev->label);
}
