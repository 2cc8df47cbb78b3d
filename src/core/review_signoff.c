/*
 * review_signoff.c: authors and approvals of the pending changes. The
 * authors of a change are the authors of the commits between the base
 * and HEAD that touched its file (found by the walker, cached), plus the
 * current git identity when edits are not committed yet (publish commits
 * them under that identity). An approval counts when it is of the exact
 * content now (blob id), not by an author, and, with owners listed, by
 * an owner: the four-eyes rule publish enforces.
 */
#include "review_signoff.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "repo_approval.h"
#include "repo_walk.h"
#include "repo_write.h"
#include "sheet.h"

/* How many records of one item are weighed (newest first): more than
 * any review cycle makes. */
#define RECORDS_MAX 64

void sl_review__signoff_dispose(sl_review_signoff *s)
{
	sl_vec_dispose(&s->commits);
}

bool sl_review_needs_approval(const sl_review_entry *e)
{
	return !e->change->notation_only;
}

/* The file's name as the walker lists it ("items/1-1.json"). */
static const char *sheet_name(const char *path)
{
	const char *dir = SL_SHEET_DIR "/";
	if (path && !strncmp(path, dir, strlen(dir)))
		return path + strlen(dir);
	return path;
}

bool sl_review_signoff_authored_by(const sl_review_signoff *s,
				   const char *identity, const sl_approval *a)
{
	size_t i;
	const sl_commit *c;
	if (s->uncommitted && identity && identity[0] &&
	    sl_approval_is_by(a, identity))
		return true;
	SL_VEC_FOREACH (&s->commits, i, c)
		if (sl_approval_is_by(a, c->author.who))
			return true;
	return false;
}

void sl_review_signoff_authors(sl_buf *out, const sl_review_signoff *s)
{
	size_t i, k, n = 0;
	const sl_commit *c;
	SL_VEC_FOREACH (&s->commits, i, c) {
		for (k = 0; k < i; k++)
			if (!strcmp(((const sl_commit *)s->commits.items[k])
					    ->author.who,
				    c->author.who))
				break;
		if (k == i)
			sl_buf_printf(out, "%s%s", n++ ? ", " : "",
				      c->author.who);
	}
}

/* Attach each commit that names one of the change's files. */
static int attach_commits(sl_review_signoff *s, const sl_vec *commits,
			  const sl_vec *entries, const char *a, const char *b)
{
	size_t i;
	for (i = 0; i < commits->len; i++) {
		const sl_cache_entry *e = entries->items[i];
		if (!((a && sl_walk_names_have(e, a)) ||
		      (b && sl_walk_names_have(e, b))))
			continue;
		if (sl_vec_push(&s->commits, commits->items[i]) < 0)
			return sl_error_oom();
	}
	return 0;
}

/* The commits base..HEAD that changed a sheet file (merges left out:
 * they carry their branches' changes, whose commits are walked too)
 * into r->commits, and to each change the ones that touched it. */
static int find_commits(sl_review *r, sl_repo *repo)
{
	sl_walker *w = NULL;
	sl_vec ids = SL_VEC_INIT, entries = SL_VEC_INIT;
	sl_walk_options wo = SL_WALK_OPTIONS_INIT;
	size_t i;
	int rc;
	if (!r->head[0] || r->base.kind != SL_SNAP_COMMIT)
		return 0;
	rc = sl_walker_new(&w, repo, &wo);
	if (rc == 0)
		rc = sl_walker_commits(&ids, w, r->head, r->base.commit.id,
				       false);
	for (i = 0; i < ids.len && rc == 0; i++) {
		const sl_cache_entry *e;
		sl_commit *c;
		rc = sl_walker_entry(&e, w, ids.items[i]);
		if (rc < 0 || (e->flags & SL_CACHE_MERGE) || !e->name_count)
			continue;
		if (!(c = sl_calloc(1, sizeof(*c))))
			rc = sl_error_oom();
		else if ((rc = sl_commit_load(c, repo, ids.items[i])) < 0)
			sl_free(c);
		else if (sl_vec_push(&r->commits, c) < 0) {
			sl_commit_dispose(c);
			sl_free(c);
			rc = sl_error_oom();
		} else if (sl_vec_push(&entries, (void *)e) < 0) {
			rc = sl_error_oom(); /* c is the review's: freed there
					      */
			r->commits.len--;
			sl_commit_dispose(c);
			sl_free(c);
		}
	}
	/* The walker's entries are valid until it is freed: match first. */
	for (i = 0; i < r->count && rc == 0; i++) {
		const sl_change *c = r->items[i].change;
		rc = attach_commits(
			&r->items[i].signoff, &r->commits, &entries,
			c->new_item ? sheet_name(c->new_item->path) : NULL,
			c->old_item ? sheet_name(c->old_item->path) : NULL);
	}
	if (rc == 0 && r->sheet_changed)
		rc = attach_commits(&r->sheet_signoff, &r->commits, &entries,
				    "sheet.json", NULL);
	sl_vec_dispose(&entries);
	sl_vec_free_all(&ids);
	sl_walker_free(w);
	return rc;
}

/* The blob id of the file at path in the working tree. */
static int blob_of(char out[41], sl_snapshot *work, const char *path)
{
	sl_snapfile *f = path ? sl_snapshot_find(work, path) : NULL;
	int rc;
	if (!f) {
		memcpy(out, SL_APPROVAL_REMOVED, 41);
		return 0;
	}
	if ((rc = sl_snapshot_load(work, f)) < 0)
		return rc;
	return sl_repo_blob_id(out, f->data, f->len);
}

/* Weigh the records of the change's key: the newest that counts wins. */
static void judge(sl_review_signoff *s, const sl_review *r, int64_t since)
{
	const sl_approval *recs[RECORDS_MAX];
	size_t n = sl_approval_find(recs, RECORDS_MAX, &r->approvals, s->key,
				    NULL),
	       i;
	const sl_approval *self = NULL, *other = NULL, *older = NULL;
	if (n > RECORDS_MAX)
		n = RECORDS_MAX;
	s->state = SL_SIGNOFF_PENDING;
	s->approval = NULL;
	for (i = 0; i < n; i++) {
		const sl_approval *a = recs[i];
		if (a->kind != SL_APPROVAL_APPROVE)
			continue;
		if (strcmp(a->blob, s->blob)) {
			/* An approval of other content, from this cycle. */
			if (!older && a->time >= since)
				older = a;
			continue;
		}
		if (sl_review_signoff_authored_by(s, r->identity, a)) {
			if (!self)
				self = a;
		} else if (s->owners && !sl_owners_includes(s->owners, a)) {
			if (!other)
				other = a;
		} else {
			s->state = SL_SIGNOFF_APPROVED;
			s->approval = a;
			return;
		}
	}
	if (self) {
		s->state = SL_SIGNOFF_SELF;
		s->approval = self;
	} else if (other) {
		s->state = SL_SIGNOFF_NOT_OWNER;
		s->approval = other;
	} else if (older) {
		s->state = SL_SIGNOFF_CHANGED;
		s->approval = older;
	}
}

int sl_review__signoff(sl_review *r, sl_repo *repo, sl_snapshot *work)
{
	const sl_sheet_meta *meta =
		r->new_sheet ? sl_sheet_meta_get(r->new_sheet) : NULL;
	int64_t since = r->base.kind == SL_SNAP_COMMIT
				? r->base.commit.committer.time
				: 0;
	size_t i;
	int rc;

	if (sl_repo_identity(r->identity, sizeof(r->identity), repo) < 0) {
		r->identity[0] = '\0';
		sl_error_clear();
	}
	rc = sl_approval_list_load(&r->approvals, repo);
	/* Malformed owners are a lint error of the working tree (a finding
	 * the review lists); the review itself goes on without them. */
	if (rc == 0 && sl_owners_from_meta(&r->owners, meta) < 0) {
		if (sl_error_last()->code != SL_EINVALID)
			return sl_error_last()->code;
		sl_error_clear();
	}
	if (rc == 0)
		rc = find_commits(r, repo);
	for (i = 0; i < r->count && rc == 0; i++) {
		sl_review_entry *e = &r->items[i];
		const sl_change *c = e->change;
		sl_review_signoff *s = &e->signoff;
		const sl_section *sec = sl_diff_section_of(r->diff, c);
		s->key = c->id;
		s->uncommitted = (e->state &
				  (SL_REVIEW_STAGED | SL_REVIEW_UNSTAGED)) != 0;
		s->owners = sl_owners_for(&r->owners, c->id,
					  sec ? sec->id : c->section);
		rc = blob_of(s->blob, work,
			     c->new_item ? c->new_item->path : NULL);
		if (rc == 0)
			judge(s, r, since);
	}
	if (rc == 0 && r->sheet_changed) {
		sl_review_signoff *s = &r->sheet_signoff;
		s->key = SL_APPROVAL_SHEET;
		s->uncommitted = r->sheet_uncommitted;
		s->owners = sl_owners_for(&r->owners, SL_APPROVAL_SHEET, NULL);
		rc = blob_of(s->blob, work, SL_SHEET_DIR "/sheet.json");
		if (rc == 0)
			judge(s, r, since);
	}
	return rc;
}
