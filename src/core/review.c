/*
 * review.c: the review model. The diff runs on full sheets (a review is
 * about one sheet's worth of items, and the working tree may hold files
 * that do not parse: those are findings here, not failures), and each
 * change is placed by comparing its files across the base, HEAD, the
 * index and the working tree.
 */
#include "review.h"

#include <string.h>

#include "alloc.h"
#include "repo_edition.h"
#include "error.h"
#include "lint.h"
#include "load.h"
#include "par.h"
#include "review_signoff.h"
#include "sheet.h"
#include "strmap.h"

void sl_review_free(sl_review *r)
{
	size_t i;
	if (!r)
		return;
	for (i = 0; i < r->count; i++) {
		sl_vec_dispose(&r->items[i].diags);
		sl_review__signoff_dispose(&r->items[i].signoff);
	}
	sl_review__signoff_dispose(&r->sheet_signoff);
	for (i = 0; i < r->commits.len; i++) {
		sl_commit_dispose(r->commits.items[i]);
		sl_free(r->commits.items[i]);
	}
	sl_vec_dispose(&r->commits);
	sl_approval_list_dispose(&r->approvals);
	sl_owners_dispose(&r->owners);
	sl_free(r->items);
	sl_vec_dispose(&r->general);
	sl_diag_list_dispose(&r->diags);
	sl_diff_free(r->diff);
	sl_sheet_free(r->old_sheet);
	sl_sheet_free(r->new_sheet);
	sl_rev_dispose(&r->base);
	sl_rev_dispose(&r->target);
	sl_free(r);
}

/* Does path hold different bytes in a and b (absent counts as a state)?
 * Either snapshot may be NULL (no HEAD yet): then every file is absent. */
static int differs(bool *out, sl_snapshot *a, sl_snapshot *b, const char *path)
{
	sl_snapfile *fa = a ? sl_snapshot_find(a, path) : NULL;
	sl_snapfile *fb = b ? sl_snapshot_find(b, path) : NULL;
	int rc;
	*out = false;
	if (!fa || !fb) {
		*out = fa != fb;
		return 0;
	}
	if (fa->has_oid && fb->has_oid) {
		*out = memcmp(fa->oid, fb->oid, 20) != 0;
		return 0;
	}
	if ((rc = sl_snapshot_load(a, fa)) < 0 ||
	    (rc = sl_snapshot_load(b, fb)) < 0)
		return rc;
	*out = fa->len != fb->len || memcmp(fa->data, fb->data, fa->len);
	return 0;
}

typedef struct stages {
	sl_snapshot *base, *head, *index, *work;
} stages;

/* The SL_REVIEW_* bits of one file. */
static int place_file(unsigned *state, const stages *s, const char *path)
{
	bool d;
	int rc = 0;
	if (!path)
		return 0;
	if (s->head && (rc = differs(&d, s->base, s->head, path)) == 0 && d)
		*state |= SL_REVIEW_COMMITTED;
	if (rc == 0 && (rc = differs(&d, s->head, s->index, path)) == 0 && d)
		*state |= SL_REVIEW_STAGED;
	if (rc == 0 && (rc = differs(&d, s->index, s->work, path)) == 0 && d)
		*state |= SL_REVIEW_UNSTAGED;
	return rc;
}

/*
 * Is the finding (made on the working tree) about this change? Findings
 * name the item by its current id; a file that did not parse has no item,
 * only its path, which then belongs to the item that file used to hold.
 */
static bool diag_concerns(const sl_diag *d, const sl_change *c)
{
	if (d->item_id)
		return c->new_item && !strcmp(d->item_id, c->id);
	return d->path && ((c->new_item && c->new_item->path &&
			    !strcmp(d->path, c->new_item->path)) ||
			   (!c->new_item && c->old_item->path &&
			    !strcmp(d->path, c->old_item->path)));
}

/*
 * Warnings the base version of an item already had, as a multiset of
 * "old id, rule, message" keys: a review reports what the edits brought
 * in, not the notation the published edition has carried all along.
 */
typedef struct inherited_warning {
	char *key; /* owned; "old id \x1f rule \x1f message" */
	size_t count;
} inherited_warning;

typedef struct inherited {
	sl_strmap map;  /* key -> inherited_warning (in entries) */
	sl_vec entries; /* owned inherited_warning pointers */
} inherited;

static char *warn_key(const char *id, const sl_diag *d)
{
	sl_buf b = SL_BUF_INIT;
	sl_buf_printf(&b, "%s\x1f%s\x1f%s", id, d->rule, d->message);
	return sl_buf_detach(&b, NULL);
}

static int inherited_load(inherited *h, const sl_diag_list *base)
{
	size_t i;
	sl_diag *d;
	SL_DIAG_FOREACH (base, i, d) {
		void *found;
		inherited_warning *w;
		char *key;
		if (d->severity != SL_SEV_WARNING || !d->item_id)
			continue;
		if (!(key = warn_key(d->item_id, d)))
			return sl_error_oom();
		if (sl_strmap_get(&h->map, key, &found)) {
			((inherited_warning *)found)->count++;
			sl_free(key);
			continue;
		}
		w = sl_calloc(1, sizeof(*w));
		if (!w || sl_vec_push(&h->entries, w) < 0) {
			sl_free(w);
			sl_free(key);
			return sl_error_oom();
		}
		w->key = key;
		w->count = 1;
		if (sl_strmap_put(&h->map, w->key, w) < 0)
			return sl_error_oom();
	}
	return 0;
}

/* Consume one inherited occurrence of the warning (old_id: the item's id
 * in the base). @return true when the base had it. */
static bool inherited_take(inherited *h, const char *old_id, const sl_diag *d)
{
	char *key = old_id ? warn_key(old_id, d) : NULL;
	void *found = NULL;
	bool had = key && sl_strmap_get(&h->map, key, &found) &&
		   ((inherited_warning *)found)->count > 0;
	if (had)
		((inherited_warning *)found)->count--;
	sl_free(key);
	return had;
}

static void inherited_dispose(inherited *h)
{
	size_t i;
	for (i = 0; i < h->entries.len; i++) {
		inherited_warning *w = h->entries.items[i];
		sl_free(w->key);
		sl_free(w);
	}
	sl_vec_dispose(&h->entries);
	sl_strmap_dispose(&h->map);
}

/* Keep every error and the new warnings of changed items; attach each
 * kept finding to the change it concerns, or to the general list. */
static int attach_diags(sl_review *r, sl_diag_list *all, inherited *h)
{
	size_t i, k;
	sl_diag *d;
	SL_DIAG_FOREACH (all, i, d) {
		sl_review_entry *e = NULL;
		for (k = 0; k < r->count && !e; k++)
			if (diag_concerns(d, r->items[k].change))
				e = &r->items[k];
		if (d->severity == SL_SEV_WARNING) {
			if (!e)
				continue;
			if (inherited_take(h, e->change->old_id, d)) {
				r->inherited_warnings++;
				continue;
			}
		}
		if (sl_vec_push(e ? &e->diags : &r->general, d) < 0)
			return sl_error_oom();
		/* Ownership moves to the review's list. */
		if (sl_vec_push(&r->diags.diags, d) < 0)
			return sl_error_oom();
		all->diags.items[i] = NULL;
		if (d->severity == SL_SEV_ERROR)
			r->diags.errors++;
		else
			r->diags.warnings++;
	}
	return 0;
}

/*
 * The base and the working tree load and are linted independently, so
 * each side runs on its own core: the base (commit blobs, through
 * libgit2) on the calling thread, the working tree (plain files) on the
 * other. The result is a loop's: the base's failure first.
 */
typedef struct sides {
	sl_review *r;
	const stages *s;
	sl_diag_list *base_diags, *all;
} sides;

static int load_side(void *ctx, size_t i)
{
	sides *x = ctx;
	int rc;
	if (i == 0) {
		/* The base was published: it must load. */
		rc = sl_load_valid(&x->r->old_sheet, x->s->base);
		if (rc == 0)
			rc = sl_lint_notation(x->base_diags, x->r->old_sheet,
					      x->s->base);
		return rc;
	}
	/* The working tree is what is under review: whatever does not load
	 * is a finding. */
	rc = sl_load_sheet(&x->r->new_sheet, x->all, x->s->work);
	if (rc == 0)
		rc = sl_lint_structure(x->all, x->r->new_sheet, x->s->work);
	if (rc == 0)
		rc = sl_lint_notation(x->all, x->r->new_sheet, x->s->work);
	return rc;
}

/* The base: the given revision, or the newest edition. */
static int resolve_base(sl_rev *out, sl_repo *repo, const char *expr)
{
	sl_edition_list list = SL_EDITION_LIST_INIT;
	int rc;
	if (expr)
		return sl_rev_resolve(out, repo, expr);
	rc = sl_edition_list_load(&list, repo);
	if (rc == 0 && list.count == 0)
		rc = sl_error_set(SL_ENOTFOUND,
				  "no edition to review against yet; name a "
				  "base with --base REV");
	if (rc == 0)
		rc = sl_rev_resolve(out, repo, list.items[list.count - 1].name);
	sl_edition_list_dispose(&list);
	return rc;
}

int sl_review_compute(sl_review **out, sl_repo *repo, const char *base_expr)
{
	sl_review *r = sl_calloc(1, sizeof(*r));
	sl_rev head = SL_REV_INIT, index = SL_REV_INIT;
	stages s = {NULL, NULL, NULL, NULL};
	sl_diag_list all = SL_DIAG_LIST_INIT, base_diags = SL_DIAG_LIST_INIT;
	inherited h = {SL_STRMAP_INIT, SL_VEC_INIT};
	size_t i;
	int rc;

	*out = NULL;
	if (!r)
		return sl_error_oom();
	rc = resolve_base(&r->base, repo, base_expr);
	if (rc == 0)
		rc = sl_rev_resolve(&r->target, repo, "WORKTREE");
	if (rc == 0)
		rc = sl_rev_resolve(&index, repo, "INDEX");
	if (rc == 0 && !sl_repo_is_empty(repo)) {
		rc = sl_rev_resolve(&head, repo, "HEAD");
		if (rc == 0) {
			memcpy(r->head, head.commit.id, sizeof(r->head));
			rc = sl_rev_snapshot(&s.head, repo, &head);
		}
	}
	if (rc == 0)
		rc = sl_rev_snapshot(&s.base, repo, &r->base);
	if (rc == 0)
		rc = sl_rev_snapshot(&s.index, repo, &index);
	if (rc == 0)
		rc = sl_rev_snapshot(&s.work, repo, &r->target);
	if (rc == 0) {
		sides x = {r, &s, &base_diags, &all};
		rc = sl_par_for(2, 1, load_side, &x);
	}
	if (rc == 0)
		rc = inherited_load(&h, &base_diags);
	if (rc == 0)
		rc = sl_diff_compute(&r->diff, r->old_sheet, r->new_sheet);
	if (rc < 0)
		goto done;
	r->items =
		sl_calloc(sl_diff_count(r->diff) ? sl_diff_count(r->diff) : 1,
			  sizeof(*r->items));
	if (!r->items) {
		rc = sl_error_oom();
		goto done;
	}
	/* Counted only once the entries exist: sl_review_free walks them. */
	r->count = sl_diff_count(r->diff);
	for (i = 0; i < r->count && rc == 0; i++) {
		sl_review_entry *e = &r->items[i];
		e->change = sl_diff_change(r->diff, i);
		rc = place_file(&e->state, &s,
				e->change->new_item ? e->change->new_item->path
						    : NULL);
		if (rc == 0 && e->change->old_item)
			rc = place_file(&e->state, &s,
					e->change->old_item->path);
	}
	if (rc == 0) {
		bool d;
		unsigned st = 0;
		rc = differs(&d, s.base, s.work, SL_SHEET_DIR "/sheet.json");
		r->sheet_changed = d;
		if (rc == 0)
			rc = place_file(&st, &s, SL_SHEET_DIR "/sheet.json");
		r->sheet_uncommitted =
			(st & (SL_REVIEW_STAGED | SL_REVIEW_UNSTAGED)) != 0;
	}
	if (rc == 0)
		rc = sl_review__signoff(r, repo, s.work);
	if (rc == 0) {
		sl_diag_sort(&all);
		rc = attach_diags(r, &all, &h);
	}
done:
	inherited_dispose(&h);
	sl_diag_list_dispose(&base_diags);
	sl_diag_list_dispose(&all);
	sl_snapshot_free(s.base);
	sl_snapshot_free(s.head);
	sl_snapshot_free(s.index);
	sl_snapshot_free(s.work);
	sl_rev_dispose(&head);
	sl_rev_dispose(&index);
	if (rc < 0) {
		sl_review_free(r);
		return rc;
	}
	*out = r;
	return 0;
}
