/*
 * blame_sheet.c: blame of the document around the items (blame_sheet.h).
 * Walks the first-parent line newest to oldest, asking the walker which
 * commits changed sheet.json (git's Bloom filters rule the others out
 * without reading a tree), diffs only sheet.json of those (diff_doc.h),
 * and gives each field whose value is still unexplained to the first
 * commit, going back, whose document diff changed it. The walk stops once
 * every field has its commit, at the root (where everything was added) or
 * at a shallow boundary.
 */
#include "blame_sheet.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "blame.h"
#include "common.h"
#include "error.h"
#include "history_internal.h"
#include "load.h"
#include "repo_edition.h"

const char *sl_blame_part_name(sl_blame_part p)
{
	return p == SL_BLAME_PART_SECTION ? "section"
	       : p == SL_BLAME_PART_SCOPE ? "scope"
					  : "sheet";
}

void sl_blame_sheet_free(sl_blame_sheet *b)
{
	if (!b)
		return;
	sl_history_free(b->history);
	sl_doc_diff_dispose(&b->all);
	sl_sheet_free(b->sheet);
	sl_free(b->fields);
	sl_free(b);
}

/* The walk's state: the blame being filled and how many fields still
 * wait for their commit. */
typedef struct doc_walk {
	sl_blame_sheet *b;
	sl_repo *repo;
	sl_walker *walker;
	sl_edition_map *map;
	sl_history_options opts;
	size_t open; /* fields without a step yet */
	unsigned flags;
} doc_walk;

/* Load sheet.json at start and list its fields as the diff from nothing
 * would: every text field, section and scope that has a value. */
static int current_fields(sl_blame_sheet *b, sl_repo *repo, const sl_rev *start)
{
	sl_snapshot *snap = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	size_t i, k, n = 0, cap;
	int rc = sl_rev_snapshot(&snap, repo, start);
	if (rc == 0 && !snap->has_sheet_dir)
		rc = sl_snapshot_no_dir_error(snap);
	if (rc == 0)
		rc = sl_sheet_new(&b->sheet);
	if (rc == 0)
		rc = sl_load_meta(b->sheet, &diags, snap);
	if (rc == 0)
		rc = sl_load_fail(snap, &diags);
	if (rc == 0)
		rc = sl_doc_diff_compute(&b->all, NULL,
					 sl_sheet_meta_get(b->sheet));
	sl_diag_list_dispose(&diags);
	sl_snapshot_free(snap);
	if (rc < 0)
		return rc;
	cap = b->all.field_count;
	for (i = 0; i < b->all.section_count; i++)
		cap += b->all.sections[i].field_count;
	for (i = 0; i < b->all.scope_count; i++)
		cap += b->all.scopes[i].field_count;
	b->fields = sl_calloc(cap ? cap : 1, sizeof(*b->fields));
	if (!b->fields)
		return sl_error_oom();
	for (i = 0; i < b->all.field_count; i++, n++) {
		b->fields[n].part = SL_BLAME_PART_SHEET;
		b->fields[n].field = b->all.fields[i].field;
		b->fields[n].value = b->all.fields[i].new_text;
	}
	for (i = 0; i < b->all.section_count + b->all.scope_count; i++) {
		bool sec = i < b->all.section_count;
		const sl_doc_part *p =
			sec ? &b->all.sections[i]
			    : &b->all.scopes[i - b->all.section_count];
		for (k = 0; k < p->field_count; k++, n++) {
			b->fields[n].part = sec ? SL_BLAME_PART_SECTION
						: SL_BLAME_PART_SCOPE;
			b->fields[n].part_id = p->id;
			b->fields[n].part_title = p->title;
			b->fields[n].field = p->fields[k].field;
			b->fields[n].value = p->fields[k].new_text;
		}
	}
	b->field_count = n;
	return 0;
}

static const sl_field_change *field_in(const sl_field_change *f, size_t n,
				       const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(f[i].field, name))
			return &f[i];
	return NULL;
}

/* The change a document diff made to one field, or NULL. */
static const sl_field_change *doc_change(const sl_doc_diff *d,
					 const sl_blame_doc_field *f)
{
	const sl_doc_part *parts =
		f->part == SL_BLAME_PART_SECTION ? d->sections : d->scopes;
	size_t i, n = f->part == SL_BLAME_PART_SECTION ? d->section_count
						       : d->scope_count;
	if (f->part == SL_BLAME_PART_SHEET)
		return field_in(d->fields, d->field_count, f->field);
	for (i = 0; i < n; i++)
		if (!strcmp(parts[i].id, f->part_id))
			return field_in(parts[i].fields, parts[i].field_count,
					f->field);
	return NULL;
}

/* Give the step every open field its diff changed (a notation-only
 * change does not count under SL_BLAME_IGNORE_NOTATION). Takes
 * ownership of diff and s on every path: kept in the history when they
 * explain a field, freed otherwise. */
static int assign(doc_walk *dw, sl_diff *diff, sl_history_step *s)
{
	const sl_doc_diff *d = sl_diff_doc(diff);
	size_t i, hits = 0;
	for (i = 0; i < dw->b->field_count; i++) {
		sl_blame_doc_field *f = &dw->b->fields[i];
		const sl_field_change *fc;
		if (f->step || !(fc = doc_change(d, f)) ||
		    ((dw->flags & SL_BLAME_IGNORE_NOTATION) &&
		     fc->notation_only))
			continue;
		f->step = s;
		hits++;
	}
	s->diff = diff;
	if (!hits || sl_vec_push(&dw->b->history->steps, s) < 0) {
		for (i = 0; hits && i < dw->b->field_count; i++)
			if (dw->b->fields[i].step == s)
				dw->b->fields[i].step = NULL;
		sl_history__step_free(s);
		return hits ? sl_error_oom() : 0;
	}
	dw->open -= hits;
	return 0;
}

/* A commit that changed sheet.json: its document diff. */
static int visit(doc_walk *dw, const char *commit)
{
	static const char *const names[] = {"sheet.json"};
	sl_history_step *s;
	sl_diff *diff = NULL;
	int rc = sl_history__commit_diff_names(&diff, dw->walker, commit, names,
					       1);
	if (rc < 0)
		return rc;
	if (!(s = sl_calloc(1, sizeof(*s))) || !(s->rev = sl_strdup(commit))) {
		sl_free(s);
		sl_diff_free(diff);
		return sl_error_oom();
	}
	s->is_commit = true;
	rc = sl_history__commit(&s->info, &s->time, &s->offset_min, &s->edition,
				dw->repo, &dw->opts, commit);
	if (rc == 0)
		rc = sl_history__published(&s->published_in, &s->after_edition,
					   dw->map, commit);
	if (rc < 0) {
		sl_history__step_free(s);
		sl_diff_free(diff);
		return rc;
	}
	s->merge = s->info.parent_count > 1;
	return assign(dw, diff, s);
}

/* Uncommitted edits of sheet.json: HEAD -> WORKTREE or INDEX, when its
 * file differs. head: HEAD's id, "" in a repository without commits. */
static int visit_uncommitted(doc_walk *dw, const sl_rev *start, char head[41])
{
	sl_rev h = SL_REV_INIT;
	sl_snapshot *a = NULL, *b = NULL;
	sl_diff *diff = NULL;
	sl_history_step *s;
	unsigned char ia[20], ib[20];
	bool in_a = false, in_b = false;
	int rc = 0;

	head[0] = '\0';
	if (!sl_repo_is_empty(dw->repo)) {
		rc = sl_rev_resolve(&h, dw->repo, "HEAD");
		if (rc < 0)
			return rc;
		snprintf(head, 41, "%s", h.commit.id);
		rc = sl_snapshot_file_id(ia, &in_a, dw->repo, SL_SNAP_COMMIT,
					 head, "sheet.json");
		if (rc == 0)
			rc = sl_snapshot_file_id(ib, &in_b, dw->repo,
						 start->kind, NULL,
						 "sheet.json");
		if (rc == 0 && in_a && in_b && !memcmp(ia, ib, 20)) {
			sl_rev_dispose(&h);
			return 0; /* as committed */
		}
		if (rc == 0)
			rc = sl_rev_snapshot(&a, dw->repo, &h);
		sl_rev_dispose(&h);
	}
	if (rc == 0)
		rc = sl_rev_snapshot(&b, dw->repo, start);
	if (rc == 0)
		rc = sl_diff_snapshots_ex(&diff, a, b,
					  SL_DIFF_EMPTY_OK | SL_DIFF_RELEASE);
	sl_snapshot_free(a);
	sl_snapshot_free(b);
	if (rc < 0)
		return rc;
	if (!(s = sl_calloc(1, sizeof(*s))) ||
	    !(s->rev = sl_strdup(start->label))) {
		sl_free(s);
		sl_diff_free(diff);
		return sl_error_oom();
	}
	return assign(dw, diff, s);
}

/* The first-parent line from head until every field has its commit. */
static int walk(doc_walk *dw, const char *head)
{
	char cur[41];
	int rc = 0;
	snprintf(cur, sizeof(cur), "%s", head);
	while (rc == 0 && dw->open && cur[0]) {
		const sl_cache_entry *e;
		rc = sl_walker_entry_for(&e, dw->walker, cur, "sheet.json");
		if (rc < 0)
			break;
		dw->b->history->commits++;
		if (e->flags & SL_CACHE_SHALLOW) {
			dw->b->history->truncated = true;
			snprintf(dw->b->history->boundary,
				 sizeof(dw->b->history->boundary), "%s", cur);
			break;
		}
		if (sl_walk_names_have(e, "sheet.json"))
			rc = visit(dw, cur);
		if (e->flags & SL_CACHE_ROOT)
			break;
		sl_walk_hex(cur, e->parent);
	}
	return rc;
}

int sl_blame_sheet_compute(sl_blame_sheet **out, sl_repo *repo,
			   const sl_rev *start,
			   const sl_walk_options *walk_opts, unsigned flags)
{
	sl_history_options defaults = SL_HISTORY_OPTIONS_INIT;
	doc_walk dw;
	char head[41];
	int rc;

	*out = NULL;
	memset(&dw, 0, sizeof(dw));
	dw.repo = repo;
	dw.opts = defaults;
	if (walk_opts)
		dw.opts.walk = *walk_opts;
	dw.flags = flags;
	if (!(dw.b = sl_calloc(1, sizeof(*dw.b))) ||
	    !(dw.b->history = sl_calloc(1, sizeof(*dw.b->history))) ||
	    !(dw.b->history->item = sl_strdup("sheet")) ||
	    !(dw.b->history->start = sl_strdup(start->label))) {
		rc = sl_error_oom();
		goto done;
	}
	rc = current_fields(dw.b, repo, start);
	dw.open = dw.b->field_count;
	if (rc == 0)
		rc = sl_walker_new(&dw.walker, repo, &dw.opts.walk);
	if (rc == 0)
		rc = sl_edition_map_load(&dw.map, repo);
	if (rc < 0)
		goto done;
	if (start->kind != SL_SNAP_COMMIT)
		rc = visit_uncommitted(&dw, start, head);
	else
		snprintf(head, sizeof(head), "%s", start->commit.id);
	if (rc == 0 && head[0])
		rc = walk(&dw, head);
done:
	sl_edition_map_free(dw.map);
	sl_walker_free(dw.walker);
	if (rc < 0) {
		sl_blame_sheet_free(dw.b);
		return rc;
	}
	*out = dw.b;
	return 0;
}
