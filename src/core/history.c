/*
 * history.c: item histories, blame, log and audit. Walks newest to oldest
 * along the first-parent line (or every commit with all_parents), asking
 * the walker which commits touched the item's file, and computes a diff
 * (diff.c, with matching) only for those, so renumbering is followed: when
 * the item's change is a renumbering, the walk goes on with the old id.
 */
#include "history.h"
#include "history_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "repo_edition.h"
#include "error.h"
#include "load.h"
#include "match.h"
#include "repo_pairs.h"
#include "strmap.h"
#include "utf8.h"

void sl_history__step_free(sl_history_step *s)
{
	if (!s)
		return;
	sl_free(s->rev);
	sl_commit_dispose(&s->info);
	sl_free(s->edition);
	sl_free(s->published_in);
	sl_free(s->after_edition);
	sl_free(s->old_moved_to);
	sl_diff_free(s->diff);
	sl_free(s);
}

void sl_history_free(sl_history *h)
{
	size_t i;
	if (!h)
		return;
	for (i = 0; i < h->steps.len; i++)
		sl_history__step_free(h->steps.items[i]);
	sl_vec_dispose(&h->steps);
	sl_free(h->item);
	sl_free(h->start);
	sl_free(h);
}

/* ---- walking state --------------------------------------------------------
 */

typedef struct tracker {
	sl_repo *repo;
	sl_walker *walker;
	sl_edition_map *map; /* which edition published each commit */
	const sl_history_options *opts;
	sl_history *h;
	char *cur; /* owned; the item's id at the current point */
	/* owned: the old side of the last commit learn_pairs diffed, its
	 * files still loaded; the next (older) commit's new side often
	 * holds the same blobs (sl_snapshot_adopt) */
	sl_snapshot *memo;
	bool done; /* the item's addition was found */
	bool seen; /* the item was found at all */
} tracker;

/* "items/<id>.json": an item's file name in the walker's terms. */
static void item_name(char out[300], const char *id)
{
	snprintf(out, 300, "items/%s" SL_ITEM_FILE_SUFFIX, id);
}

/* What an older revision's change to the tracked id can be. */
typedef enum find_kind {
	FIND_NEW,             /* the item under this id on the newer side */
	FIND_REMOVED,         /* this id removed */
	FIND_RENUMBERED_FROM, /* this id renumbered to another */
} find_kind;

static const sl_change *find_change(const sl_diff *d, find_kind k,
				    const char *id)
{
	size_t i;
	for (i = 0; i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		bool hit = k == FIND_NEW ? c->new_item && !strcmp(c->id, id)
			   : k == FIND_REMOVED
				   ? c->status == SL_CHANGE_REMOVED &&
					     !strcmp(c->id, id)
				   : c->status == SL_CHANGE_RENUMBERED &&
					     !strcmp(c->old_id, id);
		if (hit)
			return c;
	}
	return NULL;
}

bool sl_history__in_window(const sl_history_options *o, int64_t t)
{
	return (!o->has_since || t >= o->since) &&
	       (!o->has_until || t <= o->until);
}

int sl_history__commit(sl_commit *info, int64_t *time, int *offset_min,
		       char **edition, sl_repo *repo,
		       const sl_history_options *opts, const char *commit)
{
	int rc = sl_commit_load(info, repo, commit);
	if (rc == 0)
		rc = sl_rev_edition_of(edition, repo, commit);
	if (rc < 0)
		return rc;
	*time = opts->committer_date ? info->committer.time : info->author.time;
	*offset_min = opts->committer_date ? info->committer.offset_min
					   : info->author.offset_min;
	return 0;
}

int sl_history__published(char **published_in, char **after,
			  sl_edition_map *map, const char *commit)
{
	const char *in, *before;
	int rc = sl_edition_map_lookup(&in, &before, map, commit);
	*published_in = *after = NULL;
	if (rc < 0)
		return rc;
	if ((in && !(*published_in = sl_strdup(in))) ||
	    (before && !(*after = sl_strdup(before)))) {
		sl_free(*published_in);
		*published_in = NULL;
		return sl_error_oom();
	}
	return 0;
}

static void blob_of(unsigned char out[20], const sl_snapshot *s,
		    const char *id);

/* The blob id (hex) of each change's item after the commit, and of
 * sheet.json: what an approval of that content names (approval.h). */
static int after_blobs(sl_history_blobs *out, const sl_diff *d,
		       const sl_snapshot *b)
{
	const sl_snapfile *f;
	size_t i, n = d ? sl_diff_count(d) : 0;
	unsigned char raw[20];
	out->items = sl_calloc(n ? n : 1, sizeof(*out->items));
	if (!out->items)
		return sl_error_oom();
	for (i = 0; i < n; i++) {
		const sl_change *c = sl_diff_change(d, i);
		/* A removal leaves no file: zeros, SL_APPROVAL_REMOVED. */
		memset(raw, 0, sizeof(raw));
		if (c->new_item)
			blob_of(raw, b, c->id);
		sl_walk_hex(out->items[i], raw);
	}
	f = b ? sl_snapshot_find(b, SL_SHEET_DIR "/sheet.json") : NULL;
	memset(raw, 0, sizeof(raw));
	if (f && f->has_oid)
		memcpy(raw, f->oid, 20);
	sl_walk_hex(out->sheet, raw);
	return 0;
}

int sl_history__commit_diff_blobs(sl_diff **out, sl_history_blobs *blobs,
				  sl_walker *w, const char *commit,
				  const char *const *names, size_t count)
{
	sl_snapshot *a = NULL, *b = NULL;
	int rc;
	*out = NULL;
	if (count == 0)
		return 0;
	rc = sl_walker_snapshots(&a, &b, w, commit, names, count);
	if (rc == 0)
		rc = sl_diff_snapshots_ex(out, a, b, SL_DIFF_EMPTY_OK);
	if (rc == 0 && blobs)
		rc = after_blobs(blobs, *out, b);
	sl_snapshot_free(a);
	sl_snapshot_free(b);
	return rc;
}

int sl_history__commit_diff_names(sl_diff **out, sl_walker *w,
				  const char *commit, const char *const *names,
				  size_t count)
{
	return sl_history__commit_diff_blobs(out, NULL, w, commit, names,
					     count);
}

int sl_history__commit_diff(sl_diff **out, sl_history_blobs *blobs,
			    sl_walker *w, const char *commit)
{
	const sl_cache_entry *e;
	int rc = sl_walker_entry(&e, w, commit);
	*out = NULL;
	if (rc < 0)
		return rc;
	return sl_history__commit_diff_blobs(out, blobs, w, commit, e->names,
					     e->name_count);
}

/* SL_HISTORY_WHOLE (main.c): steps keep their commit's whole diff. */
static bool whole_diffs;

void sl_history_set_whole_diffs(bool on)
{
	whole_diffs = on;
}

/* The blob of an item's file in a snapshot (zeros when absent). */
static void blob_of(unsigned char out[20], const sl_snapshot *s, const char *id)
{
	char name[300], path[320];
	const sl_snapfile *f;
	item_name(name, id);
	snprintf(path, sizeof(path), SL_SHEET_DIR "/%s", name);
	f = s ? sl_snapshot_find(s, path) : NULL;
	memset(out, 0, 20);
	if (f && f->has_oid)
		memcpy(out, f->oid, 20);
}

/*
 * Diff the whole commit against its first parent and keep its pairing
 * (repo_pairs.h): every change, by the ids and blobs of its two sides.
 * With whole_diffs the diff itself is handed back in *whole instead.
 */
static int learn_pairs(sl_pair_list *pairs, sl_diff **whole, tracker *t,
		       const char *commit, const sl_cache_entry *e)
{
	sl_snapshot *a = NULL, *b = NULL;
	sl_diff *d = NULL;
	size_t i;
	int rc = sl_walker_snapshots(&a, &b, t->walker, commit, e->names,
				     e->name_count);
	if (rc == 0)
		sl_snapshot_adopt(b, t->memo);
	if (rc == 0)
		rc = sl_diff_snapshots_ex(&d, a, b, SL_DIFF_EMPTY_OK);
	for (i = 0; rc == 0 && !whole_diffs && i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		const char *o = c->old_item ? c->old_id : NULL;
		const char *n = c->new_item ? c->id : NULL;
		unsigned char bo[20], bn[20];
		if (o)
			blob_of(bo, a, o);
		if (n)
			blob_of(bn, b, n);
		rc = sl_pair_list_add(pairs, o, bo, n, bn);
		if (rc == 0)
			pairs->pairs[pairs->count - 1].replaced =
				c->status == SL_CHANGE_REPLACED;
	}
	sl_snapshot_free(t->memo);
	t->memo = rc == 0 ? a : NULL;
	if (rc < 0)
		sl_snapshot_free(a);
	sl_snapshot_free(b);
	if (rc == 0 && whole_diffs) {
		*whole = d;
		return 0;
	}
	sl_diff_free(d);
	/* The store is an optimisation: a failed write costs a later walk
	 * this diff again, nothing else. */
	if (rc == 0 &&
	    sl_pairs_write(t->repo, commit, SL_MATCH_VERSION, pairs) < 0)
		sl_error_clear();
	return rc;
}

/*
 * The tracked id's change among a commit's pairs, found by the questions
 * apply() asks of a whole diff, in its order: the change whose new id is
 * cur, else its removal, else, before the item is found, its renumbering
 * away. NULL: the commit holds no change of it.
 */
static const sl_pair *pair_of(const sl_pair_list *l, const char *cur, bool seen)
{
	const sl_pair *away = NULL;
	size_t i;
	for (i = 0; i < l->count; i++) {
		const sl_pair *p = &l->pairs[i];
		if (p->new_id && !strcmp(p->new_id, cur))
			return p;
		if (p->old_id && !strcmp(p->old_id, cur))
			away = p;
	}
	return away && (!away->new_id || !seen) ? away : NULL;
}

/* Where the old item of cur went when another item took cur: the new id
 * of the pair that moved cur away, or NULL. In a whole diff that is a
 * renumbering from cur; in the stored pairs, a pair from cur to another
 * id (the one the whole diff would have renumbered). */
static const char *moved_away(const sl_pair_list *l, const char *cur)
{
	size_t i;
	for (i = 0; i < l->count; i++) {
		const sl_pair *p = &l->pairs[i];
		if (p->old_id && p->new_id && !strcmp(p->old_id, cur) &&
		    strcmp(p->new_id, cur))
			return p->new_id;
	}
	return NULL;
}

/*
 * The tracked item's change in a commit that touched its file: the diff of
 * its own pair, two blobs, found through the commit's stored pairing. Only
 * the first walk through a commit diffs it whole, to learn the pairing.
 * *out NULL: nothing of the item. Both paths give the change a whole diff
 * gives (sl_diff_snapshots_pair); SL_HISTORY_WHOLE keeps the whole diff,
 * for the tests that compare them.
 */
static int item_diff(sl_diff **out, char **moved, tracker *t,
		     const char *commit)
{
	sl_pair_list pairs = SL_PAIR_LIST_INIT;
	const sl_cache_entry *e;
	const sl_pair *p;
	sl_snapshot *a = NULL, *b = NULL;
	char fo[300], fn[300], parent[41];
	bool found = false;
	int rc = sl_walker_entry(&e, t->walker, commit);

	*out = NULL;
	if (rc == 0 && !whole_diffs)
		rc = sl_pairs_read(&pairs, &found, t->repo, commit,
				   SL_MATCH_VERSION);
	if (rc == 0 && !found)
		rc = learn_pairs(&pairs, out, t, commit, e);
	if (rc < 0 || *out || !(p = pair_of(&pairs, t->cur, t->seen)))
		goto done;
	/* An addition under cur: did the old item of cur move away? (A
	 * whole diff says so itself; the one pair's diff cannot.) */
	if (!p->old_id && moved_away(&pairs, t->cur) &&
	    !(*moved = sl_strdup(moved_away(&pairs, t->cur)))) {
		rc = sl_error_oom();
		goto done;
	}
	if (p->old_id)
		item_name(fo, p->old_id);
	if (p->new_id)
		item_name(fn, p->new_id);
	sl_walk_hex(parent, e->parent);
	rc = sl_pairs_snapshots(&a, &b, t->repo, commit,
				(e->flags & SL_CACHE_ROOT) ? NULL : parent, p,
				fo, fn);
	if (rc == 0)
		rc = sl_diff_snapshots_pair(
			out, a, p->old_id, b, p->new_id,
			SL_DIFF_EMPTY_OK |
				(p->replaced ? SL_DIFF_REPLACED : 0));
	sl_snapshot_free(a);
	sl_snapshot_free(b);
	if (rc == SL_ENOTFOUND) {
		/* A pairing that does not fit the commit (a damaged store):
		 * the whole diff decides. */
		sl_error_clear();
		sl_free(*moved);
		*moved = NULL;
		rc = sl_history__commit_diff(out, NULL, t->walker, commit);
	}
done:
	sl_pair_list_dispose(&pairs);
	return rc;
}

/*
 * Mark a step that brings its item in under a reused number: replaced
 * (the old item withdrawn), or added while the old item of the id was
 * renumbered away (to s->old_moved_to: from the whole diff, or the hint
 * the stored pairs left there). Other steps drop the hint.
 * @return 0 or SL_ENOMEM
 */
static int reuse_of(sl_history_step *s, const sl_diff *diff, const sl_change *c,
		    const char *cur)
{
	const sl_change *away;
	if (c->status != SL_CHANGE_ADDED) {
		sl_free(s->old_moved_to);
		s->old_moved_to = NULL;
		s->reused = c->status == SL_CHANGE_REPLACED;
		return 0;
	}
	away = find_change(diff, FIND_RENUMBERED_FROM, cur);
	if (away && !s->old_moved_to &&
	    !(s->old_moved_to = sl_strdup(away->id)))
		return sl_error_oom();
	s->reused = s->old_moved_to != NULL;
	return 0;
}

/*
 * Apply a diff (older -> newer) to the walk: record the item's change and
 * move cur to the id it had before. Takes ownership of diff on every path.
 * step_template (optional) describes the revision; it is filled in.
 */
static int apply(tracker *t, sl_diff *diff, sl_history_step *tmpl)
{
	const sl_change *c = find_change(diff, FIND_NEW, t->cur);
	sl_history_step *s;
	char *prev = NULL;
	int rc = 0;

	if (!c)
		c = find_change(diff, FIND_REMOVED, t->cur);
	/* Before the item is found, an absent id may have moved away: the
	 * item that held it was renumbered (5-8 -> 5-7 after 5-5 left). */
	if (!c && !t->seen)
		c = find_change(diff, FIND_RENUMBERED_FROM, t->cur);
	if (!c || (c->status == SL_CHANGE_MODIFIED && c->field_count == 0)) {
		sl_diff_free(diff);
		sl_history__step_free(tmpl);
		return 0;
	}
	t->seen = true;
	if (c->status == SL_CHANGE_RENUMBERED &&
	    !(prev = sl_strdup(c->old_id))) {
		sl_diff_free(diff);
		sl_history__step_free(tmpl);
		return sl_error_oom();
	}
	/* A replaced number: the item under it starts here (the old item
	 * under the number was another item, withdrawn). */
	if (c->status == SL_CHANGE_ADDED || c->status == SL_CHANGE_REPLACED)
		t->done = true;
	s = tmpl;
	rc = reuse_of(s, diff, c, t->cur);
	if (rc < 0) {
		sl_free(prev);
		sl_diff_free(diff);
		sl_history__step_free(s);
		return rc;
	}
	s->diff = diff;
	s->change = c;
	if (sl_history__in_window(t->opts, s->time)) {
		if (sl_vec_push(&t->h->steps, s) < 0) {
			sl_history__step_free(s);
			rc = sl_error_oom();
		}
	} else {
		sl_history__step_free(s);
	}
	if (prev) {
		sl_free(t->cur);
		t->cur = prev;
	}
	return rc;
}

/* A step's commit: its info, dates and editions. */
static int step_commit(sl_history_step *s, tracker *t, const char *commit)
{
	int rc = sl_history__commit(&s->info, &s->time, &s->offset_min,
				    &s->edition, t->repo, t->opts, commit);
	if (rc == 0)
		rc = sl_history__published(&s->published_in, &s->after_edition,
					   t->map, commit);
	return rc;
}

/* A step template for a commit: its info, dates and edition. */
static int commit_step(sl_history_step **out, tracker *t, const char *commit)
{
	sl_history_step *s = sl_calloc(1, sizeof(*s));
	int rc;
	*out = NULL;
	if (!s)
		return sl_error_oom();
	s->is_commit = true;
	rc = step_commit(s, t, commit);
	if (rc == 0 && !(s->rev = sl_strdup(commit)))
		rc = sl_error_oom();
	if (rc < 0) {
		sl_history__step_free(s);
		return rc;
	}
	s->merge = s->info.parent_count > 1;
	*out = s;
	return 0;
}

/* For a merge: does the item's file differ from its file in every parent? */
static int is_resolution(bool *out, tracker *t, const char *commit,
			 const char *id)
{
	sl_vec parents = SL_VEC_INIT;
	unsigned char mine[20], theirs[20];
	bool exists, pexists;
	char name[300];
	size_t i;
	int rc;
	*out = false;
	item_name(name, id);
	rc = sl_walker_file_id(mine, &exists, t->walker, commit, name);
	if (rc == 0)
		rc = sl_walker_parents(&parents, t->walker, commit);
	if (rc < 0 || !exists)
		goto done;
	*out = parents.len > 1;
	for (i = 0; i < parents.len && rc == 0 && *out; i++) {
		rc = sl_walker_file_id(theirs, &pexists, t->walker,
				       parents.items[i], name);
		if (rc == 0 && pexists && !memcmp(mine, theirs, 20))
			*out = false;
	}
done:
	sl_vec_free_all(&parents);
	return rc;
}

/* One commit of the walk: when it touched the item's file, diff it. */
static int visit(tracker *t, const char *commit, const sl_cache_entry *e)
{
	char name[300];
	sl_history_step *s = NULL;
	sl_diff *diff = NULL;
	char *moved = NULL;
	bool resolution = false;
	int rc;

	item_name(name, t->cur);
	if (!sl_walk_names_have(e, name))
		return 0;
	if (t->opts->all_parents && (e->flags & SL_CACHE_MERGE)) {
		/* The branches' own commits carry their changes; a merge
		 * counts only where it resolved the item itself. */
		rc = is_resolution(&resolution, t, commit, t->cur);
		if (rc < 0 || !resolution)
			return rc;
	}
	if (e->flags & SL_CACHE_ROOT) {
		/* Everything in a root commit is an addition and nothing can
		 * be a renumbering: the item's own file is the whole story,
		 * and the imported sheet's other items need not be read. */
		const char *names[1] = {name};
		rc = sl_history__commit_diff_names(&diff, t->walker, commit,
						   names, 1);
	} else {
		rc = item_diff(&diff, &moved, t, commit);
	}
	if (rc < 0 || !diff) {
		sl_free(moved);
		return rc;
	}
	rc = commit_step(&s, t, commit);
	if (rc < 0) {
		sl_free(moved);
		sl_diff_free(diff);
		return rc;
	}
	s->old_moved_to = moved;
	if (s->merge && !t->opts->all_parents) {
		rc = is_resolution(&resolution, t, commit, t->cur);
		if (rc < 0) {
			sl_diff_free(diff);
			sl_history__step_free(s);
			return rc;
		}
	}
	s->resolution = resolution;
	return apply(t, diff, s);
}

/*
 * The walker entry of a commit, counted; *e is NULL at a shallow boundary
 * (its changes are unknowable), which is recorded in the history. The
 * walk asks about the tracked item's file only: a commit that git's Bloom
 * filters rule out for it comes back partial (no names, nothing read but
 * the commit), which visit() skips as it would skip the complete entry.
 */
static int walk_entry(const sl_cache_entry **e, tracker *t, const char *commit)
{
	char name[300];
	int rc;
	item_name(name, t->cur);
	rc = sl_walker_entry_for(e, t->walker, commit, name);
	if (rc < 0)
		return rc;
	t->h->commits++;
	if ((*e)->flags & SL_CACHE_SHALLOW) {
		t->h->truncated = true;
		snprintf(t->h->boundary, sizeof(t->h->boundary), "%s", commit);
		*e = NULL;
	}
	return 0;
}

static int walk_first_parent(tracker *t, const char *commit)
{
	char cur[41];
	int rc = 0;
	snprintf(cur, sizeof(cur), "%s", commit);
	while (rc == 0 && !t->done && cur[0]) {
		const sl_cache_entry *e;
		rc = walk_entry(&e, t, cur);
		if (rc < 0 || !e)
			break; /* a shallow boundary ends the line */
		rc = visit(t, cur, e);
		if (e->flags & SL_CACHE_ROOT)
			break;
		sl_walk_hex(cur, e->parent);
	}
	return rc;
}

static int walk_all(tracker *t, const char *commit)
{
	sl_vec commits = SL_VEC_INIT;
	size_t i;
	int rc = sl_walker_commits(&commits, t->walker, commit, NULL, false);
	for (i = 0; rc == 0 && !t->done && i < commits.len; i++) {
		const sl_cache_entry *e;
		rc = walk_entry(&e, t, commits.items[i]);
		if (rc == 0 && e)
			rc = visit(t, commits.items[i], e);
	}
	sl_vec_free_all(&commits);
	return rc;
}

/*
 * Is the tracked item's file at start (the working tree or the index)
 * byte for byte the one at HEAD? Then the uncommitted state holds no step
 * for it: a diff pairs identical items by id before any matching, so the
 * item is unchanged whatever else differs.
 */
static int unchanged_since_head(bool *out, tracker *t, const sl_rev *start,
				const char *head)
{
	unsigned char a[20], b[20];
	bool in_a, in_b;
	char name[300];
	int rc;
	*out = false;
	item_name(name, t->cur);
	rc = sl_snapshot_file_id(a, &in_a, t->repo, SL_SNAP_COMMIT, head, name);
	if (rc == 0 && in_a)
		rc = sl_snapshot_file_id(b, &in_b, t->repo, start->kind, NULL,
					 name);
	if (rc == 0 && in_a && in_b && !memcmp(a, b, 20))
		*out = true;
	return rc;
}

int sl_history__diff_to(sl_diff **out, sl_snapshot *a, sl_repo *repo,
			const sl_rev *to)
{
	sl_snapshot *b = NULL;
	int rc = sl_rev_snapshot(&b, repo, to);
	*out = NULL;
	if (rc == 0)
		rc = sl_diff_snapshots_ex(out, a, b, SL_DIFF_EMPTY_OK);
	sl_snapshot_free(a);
	sl_snapshot_free(b);
	return rc;
}

/* Uncommitted edits: HEAD -> WORKTREE or INDEX. */
static int visit_uncommitted(tracker *t, const sl_rev *start, char head[41])
{
	sl_rev h = SL_REV_INIT;
	sl_snapshot *a = NULL;
	sl_diff *diff = NULL;
	sl_history_step *s;
	int rc;

	head[0] = '\0';
	if (!sl_repo_is_empty(t->repo)) {
		bool same;
		rc = sl_rev_resolve(&h, t->repo, "HEAD");
		if (rc < 0)
			return rc;
		snprintf(head, 41, "%s", h.commit.id);
		/* Most histories start from a working tree whose item is as
		 * committed: its own file says so, without a whole-sheet
		 * diff (20,000 blob and file reads on a large sheet). */
		rc = unchanged_since_head(&same, t, start, head);
		if (rc == 0 && !same)
			rc = sl_rev_snapshot(&a, t->repo, &h);
		sl_rev_dispose(&h);
		if (rc < 0 || same)
			return rc;
	}
	rc = sl_history__diff_to(&diff, a, t->repo, start);
	if (rc < 0)
		return rc;
	s = sl_calloc(1, sizeof(*s));
	if (!s || !(s->rev = sl_strdup(start->label))) {
		sl_free(s);
		sl_diff_free(diff);
		return sl_error_oom();
	}
	/* Uncommitted edits have no date; they always pass the window. */
	{
		sl_history_options o = *t->opts;
		const sl_history_options *saved = t->opts;
		o.has_since = o.has_until = false;
		t->opts = &o;
		rc = apply(t, diff, s);
		t->opts = saved;
	}
	return rc;
}

/* --editions: diffs between consecutive editions, newest first. */
static int walk_editions(tracker *t, const sl_rev *start)
{
	sl_edition_list list = SL_EDITION_LIST_INIT;
	sl_snapshot *newer = NULL;
	size_t i;
	int rc = sl_edition_list_load(&list, t->repo);
	if (rc < 0)
		return rc;
	rc = sl_rev_snapshot(&newer, t->repo, start);
	for (i = list.count; rc == 0 && !t->done && i-- > 0;) {
		const sl_edition *e = &list.items[i];
		sl_snapshot *older = NULL;
		sl_diff *diff = NULL;
		sl_history_step *s;
		if (start->kind == SL_SNAP_COMMIT &&
		    (!strcmp(e->commit.id, start->commit.id) ||
		     e->commit.committer.time > start->commit.committer.time))
			continue;
		rc = sl_snapshot_open(&older, t->repo, SL_SNAP_COMMIT,
				      e->commit.id, e->name);
		if (rc == 0)
			rc = sl_diff_snapshots_ex(&diff, older, newer,
						  SL_DIFF_EMPTY_OK);
		if (rc < 0) {
			sl_snapshot_free(older);
			break;
		}
		/* The step is the newer side of the pair. */
		s = sl_calloc(1, sizeof(*s));
		if (!s) {
			sl_diff_free(diff);
			sl_snapshot_free(older);
			rc = sl_error_oom();
			break;
		}
		if (newer->kind == SL_SNAP_COMMIT) {
			rc = step_commit(s, t, newer->commit);
			s->is_commit = rc == 0;
		}
		s->rev = sl_strdup(newer->rev);
		if (rc == 0 && !s->rev)
			rc = sl_error_oom();
		if (rc < 0) {
			sl_history__step_free(s);
			sl_diff_free(diff);
			sl_snapshot_free(older);
			break;
		}
		rc = apply(t, diff, s);
		sl_snapshot_free(newer);
		newer = older;
	}
	/* The oldest edition: everything in it was added there. */
	if (rc == 0 && !t->done && newer && newer->kind == SL_SNAP_COMMIT) {
		sl_diff *diff = NULL;
		sl_history_step *s = sl_calloc(1, sizeof(*s));
		rc = s ? sl_diff_snapshots_ex(&diff, NULL, newer,
					      SL_DIFF_EMPTY_OK)
		       : sl_error_oom();
		if (rc == 0)
			rc = step_commit(s, t, newer->commit);
		if (rc == 0) {
			s->is_commit = true;
			s->rev = sl_strdup(newer->rev);
			rc = s->rev ? 0 : sl_error_oom();
		}
		if (rc == 0) {
			rc = apply(t, diff, s);
		} else {
			sl_history__step_free(s);
			sl_diff_free(diff);
		}
	}
	sl_snapshot_free(newer);
	sl_edition_list_dispose(&list);
	return rc;
}

int sl_history_item(sl_history **out, sl_repo *repo, const sl_rev *start,
		    const char *item, const sl_history_options *opts)
{
	tracker t;
	sl_history_options defaults = SL_HISTORY_OPTIONS_INIT;
	char head[41];
	int rc;

	*out = NULL;
	memset(&t, 0, sizeof(t));
	t.repo = repo;
	t.opts = opts ? opts : &defaults;
	t.h = sl_calloc(1, sizeof(*t.h));
	t.cur = sl_strdup(item);
	if (!t.h || !t.cur || !(t.h->item = sl_strdup(item)) ||
	    !(t.h->start = sl_strdup(start->label))) {
		rc = sl_error_oom();
		goto done;
	}
	rc = sl_walker_new(&t.walker, repo, &t.opts->walk);
	if (rc == 0)
		rc = sl_edition_map_load(&t.map, repo);
	if (rc < 0)
		goto done;
	if (t.opts->editions) {
		rc = walk_editions(&t, start);
		goto done;
	}
	if (start->kind != SL_SNAP_COMMIT) {
		rc = visit_uncommitted(&t, start, head);
		if (rc < 0 || !head[0])
			goto done;
	} else {
		snprintf(head, sizeof(head), "%s", start->commit.id);
	}
	rc = t.opts->all_parents ? walk_all(&t, head)
				 : walk_first_parent(&t, head);
done:
	sl_snapshot_free(t.memo);
	sl_edition_map_free(t.map);
	sl_walker_free(t.walker);
	sl_free(t.cur);
	if (rc == 0 && !t.seen && !t.h->truncated) {
		rc = sl_error_set(SL_ENOTFOUND,
				  "no item '%s' in the history of %s", item,
				  start->label);
		sl_error_add_item(item);
	}
	if (rc < 0) {
		sl_history_free(t.h);
		return rc;
	}
	*out = t.h;
	return 0;
}
