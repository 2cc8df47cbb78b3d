/*
 * repo_commit.c: commit metadata out of libgit2 into sl_commit, and the
 * one lookup of a commit by its hex id that the repository layer shares.
 */
#include "repo_commit.h"

#include <git2.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "repo_internal.h"

void sl_commit_dispose(sl_commit *c)
{
	sl_free(c->author.who);
	sl_free(c->committer.who);
	sl_free(c->summary);
	memset(c, 0, sizeof(*c));
}

int sl_repo__commit_lookup(struct git_commit **out, sl_repo *repo,
			   const char *hex)
{
	git_oid oid;
	int grc;
	*out = NULL;
	if (strlen(hex) != 40 || git_oid_fromstr(&oid, hex) < 0) {
		git_error_clear();
		return sl_error_set(SL_EUSAGE, "invalid commit id '%s'", hex);
	}
	grc = git_commit_lookup(out, sl_repo__git(repo), &oid);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read commit %.12s", hex);
	return 0;
}

int sl_repo__tree_raw(git_odb_object **out, git_odb *odb, const git_oid *id)
{
	int grc = git_odb_read(out, odb, id);
	if (grc < 0) {
		*out = NULL;
		return sl_repo__error(grc, "cannot read tree %s",
				      git_oid_tostr_s(id));
	}
	if (git_odb_object_type(*out) != GIT_OBJECT_TREE) {
		git_odb_object_free(*out);
		*out = NULL;
		return sl_error_set(SL_EREPO, "object %s is not a tree",
				    git_oid_tostr_s(id));
	}
	return 0;
}

static char *commit_who(const git_signature *s)
{
	sl_buf who = SL_BUF_INIT;
	sl_buf_printf(&who, "%s <%s>", s->name ? s->name : "",
		      s->email ? s->email : "");
	return sl_buf_detach(&who, NULL);
}

int sl_repo__commit_fill(sl_commit *out, const struct git_commit *c)
{
	const git_signature *a = git_commit_author(c);
	const git_signature *m = git_commit_committer(c);
	const char *summary = git_commit_summary((git_commit *)c);

	memset(out, 0, sizeof(*out));
	git_oid_tostr(out->id, sizeof(out->id), git_commit_id(c));
	out->parent_count = git_commit_parentcount(c);
	if (out->parent_count)
		git_oid_tostr(out->parent, sizeof(out->parent),
			      git_commit_parent_id(c, 0));
	out->author.time = (int64_t)a->when.time;
	out->author.offset_min = a->when.offset;
	/* git_commit_time is the committer's time (and zone). */
	out->committer.time = (int64_t)git_commit_time(c);
	out->committer.offset_min = git_commit_time_offset(c);
	out->author.who = commit_who(a);
	out->committer.who = commit_who(m);
	out->summary = sl_strdup(summary ? summary : "");
	if (!out->author.who || !out->committer.who || !out->summary) {
		sl_commit_dispose(out);
		return sl_error_oom();
	}
	return 0;
}

int sl_commit_load(sl_commit *out, sl_repo *repo, const char *hex)
{
	git_commit *c = NULL;
	int rc;
	memset(out, 0, sizeof(*out));
	rc = sl_repo__commit_lookup(&c, repo, hex);
	if (rc == 0)
		rc = sl_repo__commit_fill(out, c);
	git_commit_free(c);
	return rc;
}
