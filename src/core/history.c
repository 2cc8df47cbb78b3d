/*
 * history.c: item histories, blame, log and audit. Walks newest to oldest
 * along the first-parent line (or every commit with all_parents), asking
 * the walker which commits touched the item's file, and computes a diff
 * (diff.c, with matching) only for those, so renumbering is followed: when
 * the item's change is a renumbering, the walk goes on with the old id.
 */
#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "repo_edition.h"
#include "error.h"
#include "load.h"
#include "strmap.h"
#include "utf8.h"

static void step_free(sl_history_step *s)
{
	if (!s)
		return;
	sl_free(s->rev);
	sl_commit_info_dispose(&s->info);
	sl_free(s->edition);
	sl_diff_free(s->diff);
	sl_free(s);
}

void sl_history_free(sl_history *h)
{
	size_t i;
	if (!h)
		return;
	for (i = 0; i < h->steps.len; i++)
		step_free(h->steps.items[i]);
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
	const sl_history_options *opts;
	sl_history *h;
	char *cur; /* owned; the item's id at the current point */
	bool done; /* the item's addition was found */
	bool seen; /* the item was found at all */
} tracker;

static const sl_change *find_new(const sl_diff *d, const char *id)
{
	size_t i;
	for (i = 0; i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		if (c->new_item && !strcmp(c->id, id))
			return c;
	}
	return NULL;
}

static const sl_change *find_removed(const sl_diff *d, const char *id)
{
	size_t i;
	for (i = 0; i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		if (c->status == SL_CHANGE_REMOVED && !strcmp(c->id, id))
			return c;
	}
	return NULL;
}

static const sl_change *find_renumbered_from(const sl_diff *d, const char *id)
{
	size_t i;
	for (i = 0; i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		if (c->status == SL_CHANGE_RENUMBERED && !strcmp(c->old_id, id))
			return c;
	}
	return NULL;
}

static bool in_window(const sl_history_options *o, int64_t t)
{
	return (!o->has_since || t >= o->since) &&
	       (!o->has_until || t <= o->until);
}

/*
 * Apply a diff (older -> newer) to the walk: record the item's change and
 * move cur to the id it had before. Takes ownership of diff on every path.
 * step_template (optional) describes the revision; it is filled in.
 */
static int apply(tracker *t, sl_diff *diff, sl_history_step *tmpl)
{
	const sl_change *c = find_new(diff, t->cur);
	sl_history_step *s;
	char *prev = NULL;
	int rc = 0;

	if (!c)
		c = find_removed(diff, t->cur);
	/* Before the item is found, an absent id may have moved away: the
	 * item that held it was renumbered (5-8 -> 5-7 after 5-5 left). */
	if (!c && !t->seen)
		c = find_renumbered_from(diff, t->cur);
	if (!c || (c->status == SL_CHANGE_MODIFIED && c->field_count == 0)) {
		sl_diff_free(diff);
		step_free(tmpl);
		return 0;
	}
	t->seen = true;
	if (c->status == SL_CHANGE_RENUMBERED &&
	    !(prev = sl_strdup(c->old_id))) {
		sl_diff_free(diff);
		step_free(tmpl);
		return sl_error_oom();
	}
	if (c->status == SL_CHANGE_ADDED)
		t->done = true;
	s = tmpl;
	s->diff = diff;
	s->change = c;
	if (in_window(t->opts, s->time)) {
		if (sl_vec_push(&t->h->steps, s) < 0) {
			step_free(s);
			rc = sl_error_oom();
		}
	} else {
		step_free(s);
	}
	if (prev) {
		sl_free(t->cur);
		t->cur = prev;
	}
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
	rc = sl_commit_info_load(&s->info, t->repo, commit);
	if (rc == 0 && !(s->rev = sl_strdup(commit)))
		rc = sl_error_oom();
	if (rc == 0)
		rc = sl_rev_edition_of(&s->edition, t->repo, commit);
	if (rc < 0) {
		step_free(s);
		return rc;
	}
	s->time = t->opts->committer_date ? s->info.commit_time
					  : s->info.author_time;
	s->offset_min = t->opts->committer_date ? s->info.commit_offset
						: s->info.author_offset;
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
	snprintf(name, sizeof(name), "items/%s.json", id);
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
	bool resolution = false;
	int rc;

	snprintf(name, sizeof(name), "items/%s.json", t->cur);
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
		rc = sl_walker_diff_names(&diff, t->walker, commit, names, 1);
	} else {
		rc = sl_walker_diff(&diff, t->walker, commit);
	}
	if (rc < 0 || !diff)
		return rc;
	rc = commit_step(&s, t, commit);
	if (rc < 0) {
		sl_diff_free(diff);
		return rc;
	}
	if (s->merge && !t->opts->all_parents) {
		rc = is_resolution(&resolution, t, commit, t->cur);
		if (rc < 0) {
			sl_diff_free(diff);
			step_free(s);
			return rc;
		}
	}
	s->resolution = resolution;
	return apply(t, diff, s);
}

static int walk_first_parent(tracker *t, const char *commit)
{
	char cur[41];
	int rc = 0;
	snprintf(cur, sizeof(cur), "%s", commit);
	while (rc == 0 && !t->done && cur[0]) {
		const sl_cache_entry *e;
		rc = sl_walker_entry(&e, t->walker, cur);
		if (rc < 0)
			break;
		t->h->commits++;
		if (e->flags & SL_CACHE_SHALLOW) {
			t->h->truncated = true;
			snprintf(t->h->boundary, sizeof(t->h->boundary), "%s",
				 cur);
			break;
		}
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
		rc = sl_walker_entry(&e, t->walker, commits.items[i]);
		if (rc < 0)
			break;
		t->h->commits++;
		if (e->flags & SL_CACHE_SHALLOW) {
			t->h->truncated = true;
			snprintf(t->h->boundary, sizeof(t->h->boundary), "%s",
				 (char *)commits.items[i]);
			continue;
		}
		rc = visit(t, commits.items[i], e);
	}
	sl_vec_free_all(&commits);
	return rc;
}

/* Uncommitted edits: HEAD -> WORKTREE or INDEX. */
static int visit_uncommitted(tracker *t, const sl_rev *start, char head[41])
{
	sl_rev h = SL_REV_INIT;
	sl_snapshot *a = NULL, *b = NULL;
	sl_diff *diff = NULL;
	sl_history_step *s;
	int rc;

	head[0] = '\0';
	if (!sl_repo_is_empty(t->repo)) {
		rc = sl_rev_resolve(&h, t->repo, "HEAD");
		if (rc < 0)
			return rc;
		snprintf(head, 41, "%s", h.commit);
		rc = sl_rev_snapshot(&a, t->repo, &h);
		sl_rev_dispose(&h);
		if (rc < 0)
			return rc;
	}
	rc = sl_rev_snapshot(&b, t->repo, start);
	if (rc == 0)
		rc = sl_diff_snapshots_ex(&diff, a, b, SL_DIFF_EMPTY_OK);
	sl_snapshot_free(a);
	sl_snapshot_free(b);
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
		    (!strcmp(e->commit, start->commit) ||
		     e->time > start->time))
			continue;
		rc = sl_snapshot_open(&older, t->repo, SL_SNAP_COMMIT,
				      e->commit, e->name);
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
			rc = sl_commit_info_load(&s->info, t->repo,
						 newer->commit);
			s->is_commit = rc == 0;
			s->time = t->opts->committer_date ? s->info.commit_time
							  : s->info.author_time;
			s->offset_min = t->opts->committer_date
						? s->info.commit_offset
						: s->info.author_offset;
		}
		s->rev = sl_strdup(newer->rev);
		if (rc == 0 && newer->kind == SL_SNAP_COMMIT)
			rc = sl_rev_edition_of(&s->edition, t->repo,
					       newer->commit);
		if (rc == 0 && !s->rev)
			rc = sl_error_oom();
		if (rc < 0) {
			step_free(s);
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
			rc = sl_commit_info_load(&s->info, t->repo,
						 newer->commit);
		if (rc == 0) {
			s->is_commit = true;
			s->time = t->opts->committer_date ? s->info.commit_time
							  : s->info.author_time;
			s->offset_min = t->opts->committer_date
						? s->info.commit_offset
						: s->info.author_offset;
			s->rev = sl_strdup(newer->rev);
			rc = s->rev ? sl_rev_edition_of(&s->edition, t->repo,
							newer->commit)
				    : sl_error_oom();
		}
		if (rc == 0) {
			rc = apply(t, diff, s);
		} else {
			step_free(s);
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
		snprintf(head, sizeof(head), "%s", start->commit);
	}
	rc = t.opts->all_parents ? walk_all(&t, head)
				 : walk_first_parent(&t, head);
done:
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

/* ---- blame -----------------------------------------------------------------
 */

void sl_blame_free(sl_blame *b)
{
	if (!b)
		return;
	sl_history_free(b->history);
	sl_item_free(b->owned_item);
	sl_free(b->fields);
	sl_free(b->chars_field);
	sl_free(b->runs);
	sl_free(b);
}

static bool step_sets_field(const sl_history_step *s, const char *field)
{
	size_t i;
	if (s->change->status == SL_CHANGE_ADDED)
		return true;
	for (i = 0; i < s->change->field_count; i++)
		if (!strcmp(s->change->fields[i].field, field))
			return true;
	return false;
}

static const sl_field_change *step_field(const sl_history_step *s,
					 const char *field)
{
	size_t i;
	for (i = 0; i < s->change->field_count; i++)
		if (!strcmp(s->change->fields[i].field, field))
			return &s->change->fields[i];
	return NULL;
}

static int blame_fields(sl_blame *b)
{
	const sl_item *it = b->item;
	static const char *const order[] = {"category", "question", "answer",
					    "section", "scope"};
	size_t n = 1 + SL_ARRAY_SIZE(order) + it->extra_count, i, k;
	b->fields = sl_calloc(n, sizeof(*b->fields));
	if (!b->fields)
		return sl_error_oom();
	/* The id comes from the newest renumbering or the addition. */
	b->fields[0].field = "id";
	b->fields[0].value = it->id;
	for (k = 0; k < b->history->steps.len; k++) {
		const sl_history_step *s = b->history->steps.items[k];
		if (s->change->status == SL_CHANGE_RENUMBERED ||
		    s->change->status == SL_CHANGE_ADDED) {
			b->fields[0].step = s;
			break;
		}
	}
	b->field_count = 1;
	for (i = 0; i < SL_ARRAY_SIZE(order) + it->extra_count; i++) {
		const char *name =
			i < SL_ARRAY_SIZE(order)
				? order[i]
				: it->extra[i - SL_ARRAY_SIZE(order)].name;
		const char *value = sl_item_get(it, name, NULL);
		sl_blame_field *f;
		if (!value)
			continue;
		f = &b->fields[b->field_count++];
		f->field = name;
		f->value = value;
		for (k = 0; k < b->history->steps.len; k++) {
			const sl_history_step *s = b->history->steps.items[k];
			if (step_sets_field(s, name)) {
				f->step = s;
				break;
			}
		}
	}
	return 0;
}

/*
 * Runs of a field's text: every code point starts unattributed at its own
 * offset; walking back, a step whose ops insert the character claims it,
 * an equal run maps it to its offset in the older text, and the addition
 * claims whatever is left.
 */
static int blame_chars(sl_blame *b, const char *field)
{
	const char *text = sl_item_get(b->item, field, NULL);
	size_t len, n = 0, i, k, pos = 0;
	size_t *orig = NULL, *where = NULL;
	const sl_history_step **owner = NULL;
	int32_t cp;
	int rc = 0;

	if (!text)
		return sl_error_set(SL_ENOTFOUND, "item %s has no field '%s'",
				    b->item->id, field);
	len = strlen(text);
	orig = sl_calloc(len + 1, sizeof(size_t));
	where = sl_calloc(len + 1, sizeof(size_t));
	owner = sl_calloc(len + 1, sizeof(*owner));
	b->runs = sl_calloc(len + 1, sizeof(*b->runs));
	if (!orig || !where || !owner || !b->runs) {
		rc = sl_error_oom();
		goto done;
	}
	while (pos < len) {
		orig[n] = where[n] = pos;
		n++;
		if (!sl_utf8_next(text, len, &pos, &cp))
			pos++;
	}
	for (k = 0; k < b->history->steps.len; k++) {
		const sl_history_step *s = b->history->steps.items[k];
		const sl_field_change *fc = step_field(s, field);
		size_t op, newpos = 0, oldpos = 0;
		if (s->change->status == SL_CHANGE_ADDED) {
			for (i = 0; i < n; i++)
				if (!owner[i])
					owner[i] = s;
			break;
		}
		if (!fc)
			continue;
		/* Unattributed characters are in increasing `where` order. */
		i = 0;
		for (op = 0; op < fc->ops.count; op++) {
			const sl_text_op *o = &fc->ops.ops[op];
			size_t span = o->op == SL_OP_DELETE ? 0 : o->len;
			for (; i < n; i++) {
				if (owner[i])
					continue;
				if (where[i] >= newpos + span)
					break;
				if (o->op == SL_OP_INSERT)
					owner[i] = s;
				else
					where[i] = oldpos + (where[i] - newpos);
			}
			if (o->op != SL_OP_DELETE)
				newpos += o->len;
			if (o->op != SL_OP_INSERT)
				oldpos += o->len;
		}
	}
	for (i = 0; i < n; i++) {
		size_t end = i + 1 < n ? orig[i + 1] : len;
		if (b->run_count &&
		    b->runs[b->run_count - 1].step == owner[i]) {
			b->runs[b->run_count - 1].len =
				end - b->runs[b->run_count - 1].off;
			continue;
		}
		b->runs[b->run_count].off = orig[i];
		b->runs[b->run_count].len = end - orig[i];
		b->runs[b->run_count].step = owner[i];
		b->run_count++;
	}
	if (!(b->chars_field = sl_strdup(field)))
		rc = sl_error_oom();
done:
	sl_free(orig);
	sl_free(where);
	sl_free(owner);
	return rc;
}

int sl_blame_item(sl_blame **out, sl_repo *repo, const sl_rev *start,
		  const char *item, const char *chars_field,
		  const sl_walk_options *walk)
{
	sl_history_options o = SL_HISTORY_OPTIONS_INIT;
	sl_blame *b;
	const sl_history_step *newest;
	int rc;

	*out = NULL;
	if (walk)
		o.walk = *walk;
	b = sl_calloc(1, sizeof(*b));
	if (!b)
		return sl_error_oom();
	rc = sl_history_item(&b->history, repo, start, item, &o);
	if (rc < 0)
		goto fail;
	newest = b->history->steps.len ? b->history->steps.items[0] : NULL;
	if (!newest || !newest->change->new_item) {
		rc = sl_error_set(SL_ENOTFOUND, "no item '%s' at %s", item,
				  start->label);
		sl_error_add_item(item);
		goto fail;
	}
	b->item = newest->change->new_item;
	rc = blame_fields(b);
	if (rc == 0 && chars_field)
		rc = blame_chars(b, chars_field);
	if (rc < 0)
		goto fail;
	*out = b;
	return 0;
fail:
	sl_blame_free(b);
	return rc;
}

/* ---- log and audit ----------------------------------------------------------
 */

static void log_entry_free(sl_log_entry *e)
{
	if (!e)
		return;
	sl_commit_info_dispose(&e->info);
	sl_free(e->edition);
	sl_diff_free(e->diff);
	sl_free(e);
}

void sl_log_free(sl_log *log)
{
	size_t i;
	if (!log)
		return;
	for (i = 0; i < log->entries.len; i++)
		log_entry_free(log->entries.items[i]);
	sl_vec_dispose(&log->entries);
	sl_free(log);
}

/* For an all-parents merge: the names whose file differs from every
 * parent's (what the merge itself decided). */
static int resolved_names(sl_vec *out, sl_walker *w, const char *commit,
			  const sl_cache_entry *e)
{
	sl_vec parents = SL_VEC_INIT;
	size_t i, p;
	int rc = sl_walker_parents(&parents, w, commit);
	for (i = 0; rc == 0 && i < e->name_count; i++) {
		unsigned char mine[20], theirs[20];
		bool exists, pexists, differs = true;
		rc = sl_walker_file_id(mine, &exists, w, commit, e->names[i]);
		for (p = 0; rc == 0 && p < parents.len && differs; p++) {
			rc = sl_walker_file_id(theirs, &pexists, w,
					       parents.items[p], e->names[i]);
			if (rc == 0 && pexists == exists &&
			    (!exists || !memcmp(mine, theirs, 20)))
				differs = false;
		}
		if (rc == 0 && differs &&
		    sl_vec_push(out, (void *)e->names[i]) < 0)
			rc = sl_error_oom();
	}
	sl_vec_free_all(&parents);
	return rc;
}

int sl_log_range(sl_log **out, sl_repo *repo, const char *from, const char *to,
		 const sl_history_options *opts)
{
	sl_history_options defaults = SL_HISTORY_OPTIONS_INIT;
	sl_walker *w = NULL;
	sl_log *log;
	sl_vec commits = SL_VEC_INIT;
	size_t i;
	int rc;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	log = sl_calloc(1, sizeof(*log));
	if (!log)
		return sl_error_oom();
	rc = sl_walker_new(&w, repo, &opts->walk);
	if (rc == 0)
		rc = sl_walker_commits(&commits, w, to, from,
				       !opts->all_parents);
	for (i = 0; rc == 0 && i < commits.len; i++) {
		const char *commit = commits.items[i];
		const sl_cache_entry *e;
		sl_log_entry *le;
		sl_vec names = SL_VEC_INIT;
		bool resolution_only = false;
		rc = sl_walker_entry(&e, w, commit);
		if (rc < 0)
			break;
		if (e->flags & SL_CACHE_SHALLOW) {
			log->truncated = true;
			snprintf(log->boundary, sizeof(log->boundary), "%s",
				 commit);
			continue;
		}
		if (e->name_count == 0)
			continue;
		if (opts->all_parents && (e->flags & SL_CACHE_MERGE)) {
			rc = resolved_names(&names, w, commit, e);
			if (rc == 0 && names.len == 0) {
				sl_vec_dispose(&names);
				continue;
			}
			resolution_only = true;
		}
		le = sl_calloc(1, sizeof(*le));
		if (!le) {
			sl_vec_dispose(&names);
			rc = sl_error_oom();
			break;
		}
		le->resolution_only = resolution_only;
		rc = resolution_only ? sl_walker_diff_names(
					       &le->diff, w, commit,
					       (const char *const *)names.items,
					       names.len)
				     : sl_walker_diff(&le->diff, w, commit);
		sl_vec_dispose(&names);
		if (rc == 0)
			rc = sl_commit_info_load(&le->info, repo, commit);
		if (rc == 0)
			rc = sl_rev_edition_of(&le->edition, repo, commit);
		le->merge = le->info.parent_count > 1;
		le->time = opts->committer_date ? le->info.commit_time
						: le->info.author_time;
		le->offset_min = opts->committer_date ? le->info.commit_offset
						      : le->info.author_offset;
		if (rc < 0 || !le->diff || sl_diff_count(le->diff) == 0 ||
		    !in_window(opts, le->time)) {
			/* A sheet.json-only change still counts as touching
			 * the sheet when the edition changed. */
			if (rc == 0 && le->diff &&
			    sl_diff_count(le->diff) == 0 && le->edition &&
			    in_window(opts, le->time) &&
			    sl_vec_push(&log->entries, le) == 0)
				continue;
			log_entry_free(le);
			continue;
		}
		if (sl_vec_push(&log->entries, le) < 0) {
			log_entry_free(le);
			rc = sl_error_oom();
		}
	}
	sl_vec_free_all(&commits);
	sl_walker_free(w);
	if (rc < 0) {
		sl_log_free(log);
		return rc;
	}
	*out = log;
	return 0;
}

struct sl_audit_ids {
	sl_strmap *maps; /* owned; per entry: old id -> new id or NULL */
	size_t count;
};

/* Marker for "removed" (NULL means "not in the map"). */
static char removed_marker;

int sl_audit_now_ids(sl_audit_ids **out, const sl_log *log)
{
	sl_audit_ids *ids = sl_calloc(1, sizeof(*ids));
	size_t i, k;
	*out = NULL;
	if (!ids)
		return sl_error_oom();
	ids->count = log->entries.len;
	ids->maps = sl_calloc(ids->count ? ids->count : 1, sizeof(sl_strmap));
	if (!ids->maps) {
		sl_free(ids);
		return sl_error_oom();
	}
	for (i = 0; i < ids->count; i++) {
		const sl_log_entry *e = log->entries.items[i];
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			const sl_change *c = sl_diff_change(e->diff, k);
			void *v = c->status == SL_CHANGE_REMOVED
					  ? (void *)&removed_marker
					  : (void *)c->id;
			if (c->status != SL_CHANGE_RENUMBERED &&
			    c->status != SL_CHANGE_REMOVED)
				continue;
			if (sl_strmap_put(&ids->maps[i], c->old_id, v) < 0) {
				sl_audit_ids_free(ids);
				return sl_error_oom();
			}
		}
	}
	*out = ids;
	return 0;
}

const char *sl_audit_now(const sl_audit_ids *ids, size_t entry, const char *id)
{
	size_t j = entry;
	/* Entries are newest first: the commits after `entry` are j-1..0. */
	while (id && j-- > 0) {
		void *v;
		if (sl_strmap_get(&ids->maps[j], id, &v))
			id = v == &removed_marker ? NULL : v;
	}
	return id;
}

void sl_audit_ids_free(sl_audit_ids *ids)
{
	size_t i;
	if (!ids)
		return;
	for (i = 0; i < ids->count; i++)
		sl_strmap_dispose(&ids->maps[i]);
	sl_free(ids->maps);
	sl_free(ids);
}
