/*
 * repo_rev.c: resolves revision expressions to a working tree, the index or a
 * commit: editions, dates on the first-parent line, and libgit2 revparse.
 */
#include "repo_rev.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "repo_edition.h"
#include "error.h"
#include "json.h"
#include "repo_internal.h"
#include "date.h"

void sl_rev_dispose(sl_rev *rev)
{
	sl_free(rev->label);
	sl_free(rev->edition);
	sl_commit_dispose(&rev->commit);
	memset(rev, 0, sizeof(*rev));
}

int sl_rev_split_range(char **a, char **b, const char *expr)
{
	const char *dots = strstr(expr, "..");
	*a = *b = NULL;
	if (!dots)
		return 0;
	if (dots[2] == '.')
		return sl_error_set(
			SL_EUSAGE,
			"'%s': symmetric ranges (A...B) are not supported; use A..B",
			expr);
	if (dots == expr)
		return sl_error_set(SL_EUSAGE,
				    "'%s': a range needs a start (A..B)", expr);
	*a = sl_strndup(expr, (size_t)(dots - expr));
	*b = sl_strdup(dots[2] ? dots + 2 : "WORKTREE");
	if (!*a || !*b) {
		sl_free(*a);
		sl_free(*b);
		*a = *b = NULL;
		return sl_error_oom();
	}
	return 0;
}

/* ---- helpers ----------------------------------------------------------------
 */

static int fill_from_commit(sl_rev *out, const git_commit *c)
{
	out->kind = SL_SNAP_COMMIT;
	return sl_repo__commit_fill(&out->commit, c);
}

/* sheet.json of a commit, parsed; *meta zeroed when absent or broken. */
static int commit_meta(sl_sheet_meta *meta, git_repository *g,
		       const git_commit *c)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	char *copy = NULL;
	size_t len;
	int rc = 0;

	memset(meta, 0, sizeof(*meta));
	if (git_commit_tree(&tree, c) < 0 ||
	    git_tree_entry_bypath(&e, tree, SL_SHEET_DIR "/sheet.json") < 0 ||
	    git_blob_lookup(&blob, g, git_tree_entry_id(e)) < 0) {
		git_error_clear();
		goto done;
	}
	len = (size_t)git_blob_rawsize(blob);
	copy = sl_strndup(git_blob_rawcontent(blob), len);
	if (!copy) {
		rc = sl_error_oom();
		goto done;
	}
	rc = sl_json_parse_meta(meta, &diags, "sheet.json", copy, len);
done:
	sl_free(copy);
	sl_diag_list_dispose(&diags);
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

/*
 * Is this commit an edition? Cheap, without walking history: its as_of
 * names the edition; the tag edition/<as_of> decides when it exists, else
 * the commit is the edition when its first parent's as_of differs.
 */
static int fill_edition(sl_rev *out, git_repository *g, const git_commit *c)
{
	sl_sheet_meta meta, pmeta;
	git_commit *parent = NULL;
	git_object *tagged = NULL;
	sl_buf ref = SL_BUF_INIT;
	bool is_edition = false;
	int rc;

	rc = commit_meta(&meta, g, c);
	if (rc < 0 || !meta.as_of)
		goto done;
	sl_buf_printf(&ref, "refs/tags/edition/%s", meta.as_of);
	if (sl_buf_oom(&ref)) {
		rc = sl_error_oom();
		goto done;
	}
	if (git_revparse_single(&tagged, g, ref.ptr) == 0) {
		git_object *peeled = NULL;
		is_edition =
			git_object_peel(&peeled, tagged, GIT_OBJECT_COMMIT) ==
				0 &&
			git_oid_equal(git_object_id(peeled), git_commit_id(c));
		git_object_free(peeled);
	} else if (git_commit_parentcount(c) == 0 ||
		   git_commit_parent(&parent, c, 0) < 0) {
		is_edition = true;
	} else {
		rc = commit_meta(&pmeta, g, parent);
		is_edition = rc == 0 &&
			     (!pmeta.as_of || strcmp(pmeta.as_of, meta.as_of));
		sl_sheet_meta_dispose(&pmeta);
	}
	git_error_clear();
	if (rc == 0 && is_edition && !(out->edition = sl_strdup(meta.as_of)))
		rc = sl_error_oom();
done:
	sl_buf_dispose(&ref);
	git_object_free(tagged);
	git_commit_free(parent);
	sl_sheet_meta_dispose(&meta);
	return rc;
}

static int unknown(sl_repo *repo, const char *expr)
{
	sl_edition_list list = SL_EDITION_LIST_INIT;
	sl_buf names = SL_BUF_INIT;
	int rc;
	if (sl_repo_is_empty(repo))
		return sl_error_set(
			SL_ENOTFOUND,
			"unknown revision '%s': the repository has no commits yet",
			expr);
	rc = sl_edition_list_load(&list, repo);
	if (rc < 0)
		return rc;
	if (list.count == 0) {
		sl_edition_list_dispose(&list);
		return sl_error_set(SL_ENOTFOUND, "unknown revision '%s'%s",
				    expr,
				    sl_repo_is_shallow(repo)
					    ? " (the clone is shallow; git "
					      "fetch --unshallow)"
					    : "");
	}
	sl_edition_names(&names, &list);
	/* In a shallow clone the edition may exist beyond the boundary:
	 * say so, and how to get it. */
	rc = sl_error_set(SL_ENOTFOUND,
			  "unknown revision '%s'; known editions: %s%s", expr,
			  sl_buf_cstr(&names),
			  sl_repo_is_shallow(repo)
				  ? " (the clone is shallow: older editions "
				    "are beyond its boundary; git fetch "
				    "--unshallow)"
				  : "");
	sl_buf_dispose(&names);
	sl_edition_list_dispose(&list);
	return rc;
}

static int resolve_date(sl_rev *out, sl_repo *repo, const char *expr,
			bool *before_first)
{
	git_repository *g = sl_repo__git(repo);
	git_object *head = NULL;
	git_commit *c = NULL;
	sl_sheet_meta meta;
	int64_t y, end;
	unsigned m, d;
	int offset = 9 * 60, rc;

	if (sl_date_parse_date(&y, &m, &d, expr + 1) < 0)
		return sl_error_set(
			SL_EUSAGE,
			"invalid date in '%s' (expected @YYYY-MM-DD or @YYYY-MM)",
			expr);
	if (git_revparse_single(&head, g, "HEAD^{commit}") < 0) {
		git_error_clear();
		return sl_error_set(
			SL_ENOTFOUND,
			"no commit on or before '%s': the repository has no commits yet",
			expr + 1);
	}
	c = (git_commit *)head;
	rc = commit_meta(&meta, g, c);
	if (rc == 0 && meta.timezone &&
	    sl_date_parse_offset(&offset, meta.timezone) < 0)
		rc = SL_EINVALID;
	sl_sheet_meta_dispose(&meta);
	if (rc < 0) {
		git_object_free(head);
		return rc;
	}
	/* End of the day or month, local time, as epoch seconds. */
	if (d == 0)
		d = sl_date_days_in_month(y, m);
	end = sl_date_days_from_civil(y, m, d) * 86400 + 86399 -
	      (int64_t)offset * 60;
	git_commit_dup(&c, (git_commit *)head);
	git_object_free(head);
	while (c && (int64_t)git_commit_time(c) > end) {
		git_commit *p = NULL;
		if (git_commit_parentcount(c) == 0 ||
		    git_commit_parent(&p, c, 0) < 0) {
			git_error_clear();
			git_commit_free(c);
			c = NULL;
			break;
		}
		git_commit_free(c);
		c = p;
	}
	if (!c) {
		sl_buf tz = SL_BUF_INIT;
		if (before_first)
			*before_first = true;
		sl_date_format_offset(&tz, offset);
		rc = sl_error_set(
			SL_ENOTFOUND,
			"no commit on or before %s (%s) on HEAD's first-parent history",
			expr + 1, sl_buf_cstr(&tz));
		sl_buf_dispose(&tz);
		return rc;
	}
	rc = fill_from_commit(out, c);
	if (rc == 0)
		rc = fill_edition(out, g, c);
	git_commit_free(c);
	return rc;
}

/* ---- resolve ---------------------------------------------------------------
 */

static int resolve_commit_object(sl_rev *out, git_repository *g,
				 git_object *obj)
{
	git_object *peeled = NULL;
	int rc;
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		git_error_clear();
		return SL_ENOTFOUND;
	}
	rc = fill_from_commit(out, (const git_commit *)peeled);
	if (rc == 0)
		rc = fill_edition(out, g, (const git_commit *)peeled);
	git_object_free(peeled);
	return rc;
}

static int resolve_expr(sl_rev *out, sl_repo *repo, const char *expr,
			bool *before_first)
{
	git_repository *g = sl_repo__git(repo);
	git_object *obj = NULL;
	int rc;

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
	if (expr[0] == '@') {
		rc = resolve_date(out, repo, expr, before_first);
		if (rc < 0)
			sl_rev_dispose(out);
		return rc;
	}
	if (sl_edition_name_is_valid(expr)) {
		sl_edition_list list = SL_EDITION_LIST_INIT;
		const sl_edition *e;
		rc = sl_edition_list_load(&list, repo);
		e = rc == 0 ? sl_edition_find(&list, expr) : NULL;
		if (e) {
			git_commit *c = NULL;
			rc = sl_repo__commit_lookup(&c, repo, e->commit.id);
			if (rc == 0) {
				rc = fill_from_commit(out, c);
				if (rc == 0 &&
				    !(out->edition = sl_strdup(e->name)))
					rc = sl_error_oom();
			}
			git_commit_free(c);
		}
		sl_edition_list_dispose(&list);
		if (rc < 0 || e) {
			if (rc < 0)
				sl_rev_dispose(out);
			return rc;
		}
	}
	if (git_revparse_single(&obj, g, expr) == 0) {
		rc = resolve_commit_object(out, g, obj);
		git_object_free(obj);
		if (rc == 0)
			return 0;
		if (rc != SL_ENOTFOUND) {
			sl_rev_dispose(out);
			return rc;
		}
	}
	git_error_clear();
	sl_rev_dispose(out);
	return unknown(repo, expr);
}

int sl_rev_resolve(sl_rev *out, sl_repo *repo, const char *expr)
{
	return resolve_expr(out, repo, expr, NULL);
}

int sl_rev_resolve_start(sl_rev *out, bool *before_first, sl_repo *repo,
			 const char *expr)
{
	int rc;
	*before_first = false;
	rc = resolve_expr(out, repo, expr, before_first);
	if (rc == SL_ENOTFOUND && *before_first) {
		/* The range starts before the history: from the beginning. */
		sl_error_clear();
		memset(out, 0, sizeof(*out));
		return 0;
	}
	*before_first = false;
	return rc;
}

int sl_rev_is_ancestor(bool *out, sl_repo *repo, const char *ancestor,
		       const char *descendant)
{
	git_oid a, d;
	int rc;
	*out = false;
	if (git_oid_fromstr(&a, ancestor) < 0 ||
	    git_oid_fromstr(&d, descendant) < 0) {
		git_error_clear();
		return sl_error_set(SL_EUSAGE, "invalid commit id");
	}
	if (git_oid_equal(&a, &d)) {
		*out = true;
		return 0;
	}
	rc = git_graph_descendant_of(sl_repo__git(repo), &d, &a);
	if (rc < 0)
		return sl_repo__error(rc, "cannot compare %.12s and %.12s",
				      ancestor, descendant);
	*out = rc == 1;
	return 0;
}

int sl_rev_snapshot(sl_snapshot **out, sl_repo *repo, const sl_rev *rev)
{
	return sl_snapshot_open(out, repo, rev->kind, rev->commit.id,
				rev->label);
}

int sl_rev_edition_of(char **out, sl_repo *repo, const char *commit)
{
	git_commit *c = NULL;
	git_oid oid;
	sl_rev tmp;
	int rc;
	*out = NULL;
	memset(&tmp, 0, sizeof(tmp));
	if (git_oid_fromstr(&oid, commit) < 0) {
		git_error_clear();
		return sl_error_set(SL_EUSAGE, "invalid commit id '%s'",
				    commit);
	}
	if (git_commit_lookup(&c, sl_repo__git(repo), &oid) < 0)
		return sl_repo__error(-1, "cannot read commit %.12s", commit);
	rc = fill_edition(&tmp, sl_repo__git(repo), c);
	git_commit_free(c);
	*out = tmp.edition;
	return rc;
}

int sl_rev_sheet_offset(sl_repo *repo)
{
	git_repository *g = sl_repo__git(repo);
	git_object *head = NULL;
	sl_sheet_meta meta;
	int offset = 9 * 60;
	if (git_revparse_single(&head, g, "HEAD^{commit}") < 0) {
		git_error_clear();
		return offset;
	}
	if (commit_meta(&meta, g, (git_commit *)head) == 0 && meta.timezone &&
	    sl_date_parse_offset(&offset, meta.timezone) < 0) {
		offset = 9 * 60;
		sl_error_clear();
	}
	sl_sheet_meta_dispose(&meta);
	git_object_free(head);
	return offset;
}
