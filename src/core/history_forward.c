/*
 * history_forward.c: an item followed forward in time (history_forward.h),
 * built on the log of the range (log.h: each commit's diff against its
 * first parent), read oldest first.
 */
#include "history_forward.h"
#include "history_internal.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "load.h"
#include "log.h"
#include "suggest.h"

/* The change of diff that continues the item cur: its modification or
 * renumbering, else its removal (or its number given to another item),
 * which ends it (*ends). NULL: the diff left it alone. */
static const sl_change *follow(const sl_diff *d, const char *cur, bool *ends)
{
	const sl_change *gone = NULL;
	size_t k;
	*ends = false;
	for (k = 0; k < sl_diff_count(d); k++) {
		const sl_change *c = sl_diff_change(d, k);
		if (!c->old_id || strcmp(c->old_id, cur))
			continue;
		/* A withdrawn number's old item may live on under another
		 * number (issue 12): prefer where it went. */
		if (c->status == SL_CHANGE_MODIFIED ||
		    c->status == SL_CHANGE_RENUMBERED)
			return c;
		if (c->status == SL_CHANGE_REMOVED ||
		    c->status == SL_CHANGE_REPLACED)
			gone = c;
	}
	*ends = gone != NULL;
	return gone;
}

/* A step that takes the log entry's commit, diff and editions. */
static int step_from_entry(sl_history_step **out, sl_log_entry *e,
			   const sl_change *c)
{
	sl_history_step *s = sl_calloc(1, sizeof(*s));
	*out = s;
	if (!s || !(s->rev = sl_strdup(e->info.id))) {
		sl_free(s);
		*out = NULL;
		return sl_error_oom();
	}
	s->is_commit = true;
	s->info = e->info;
	memset(&e->info, 0, sizeof(e->info));
	s->time = e->time;
	s->offset_min = e->offset_min;
	s->edition = e->edition;
	s->published_in = e->published_in;
	s->after_edition = e->after_edition;
	s->diff = e->diff;
	e->edition = e->published_in = e->after_edition = NULL;
	e->diff = NULL;
	s->change = c;
	s->merge = e->merge;
	s->resolution = e->resolution_only;
	return 0;
}

/* The item must exist where the walk starts: say so, with the closest
 * ids, when it does not. */
static int check_start(sl_repo *repo, const sl_rev *from, const char *item)
{
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	int rc = sl_rev_snapshot(&snap, repo, from);
	if (rc == 0)
		rc = sl_load_valid(&sheet, snap);
	if (rc == 0 && !sl_sheet_find(sheet, item)) {
		sl_buf near = SL_BUF_INIT;
		sl_suggest_sheet_ids(&near, item, sheet);
		rc = sl_error_set(SL_ENOTFOUND, "no item '%s' at %s", item,
				  from->label);
		rc = sl_suggest_wrap(rc, &near);
		sl_error_add_item(item);
		sl_buf_dispose(&near);
	}
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	return rc;
}

/* The uncommitted step: HEAD against to, when it changed the item. */
static int follow_uncommitted(sl_history *h, char **cur, sl_repo *repo,
			      const sl_rev *head, const sl_rev *to)
{
	sl_snapshot *a = NULL;
	sl_diff *diff = NULL;
	const sl_change *c;
	sl_history_step *s;
	bool ends;
	int rc = sl_rev_snapshot(&a, repo, head);
	if (rc == 0)
		rc = sl_history__diff_to(&diff, a, repo, to);
	if (rc < 0)
		return rc;
	c = follow(diff, *cur, &ends);
	if (!c) {
		sl_diff_free(diff);
		return 0;
	}
	s = sl_calloc(1, sizeof(*s));
	if (!s || !(s->rev = sl_strdup(to->label)) ||
	    sl_vec_push(&h->steps, s) < 0) {
		if (s)
			sl_free(s->rev);
		sl_free(s);
		sl_diff_free(diff);
		return sl_error_oom();
	}
	s->diff = diff;
	s->change = c;
	sl_free(*cur);
	*cur = ends ? NULL : sl_strdup(c->id);
	return ends || *cur ? 0 : sl_error_oom();
}

int sl_history_forward(sl_history **out, char **now, sl_repo *repo,
		       const sl_rev *from, const sl_rev *to, const char *item,
		       const sl_history_options *opts)
{
	sl_rev head = SL_REV_INIT;
	sl_history *h;
	sl_log *log = NULL;
	char *cur = NULL;
	size_t i;
	int rc;

	*out = NULL;
	*now = NULL;
	if (from->kind != SL_SNAP_COMMIT)
		return sl_error_set(SL_EUSAGE,
				    "'%s' is not a commit: --forward follows "
				    "an item from a commit",
				    from->label);
	rc = check_start(repo, from, item);
	if (rc < 0)
		return rc;
	h = sl_calloc(1, sizeof(*h));
	if (!h || !(h->item = sl_strdup(item)) ||
	    !(h->start = sl_strdup(from->label)) || !(cur = sl_strdup(item))) {
		sl_history_free(h);
		return sl_error_oom();
	}
	rc = to->kind == SL_SNAP_COMMIT ? 0
					: sl_rev_resolve(&head, repo, "HEAD");
	if (rc == 0)
		rc = sl_log_range(&log, repo, from->commit.id,
				  to->kind == SL_SNAP_COMMIT ? to->commit.id
							     : head.commit.id,
				  opts);
	/* The log is newest first; the item is followed oldest first. */
	for (i = log ? log->entries.len : 0; rc == 0 && cur && i-- > 0;) {
		sl_log_entry *e = log->entries.items[i];
		sl_history_step *s;
		bool ends;
		const sl_change *c = follow(e->diff, cur, &ends);
		if (!c)
			continue;
		rc = step_from_entry(&s, e, c);
		if (rc == 0 && sl_vec_push(&h->steps, s) < 0) {
			sl_history__step_free(s);
			rc = sl_error_oom();
		}
		if (rc == 0) {
			sl_free(cur);
			cur = ends ? NULL : sl_strdup(c->id);
			if (!ends && !cur)
				rc = sl_error_oom();
		}
	}
	if (rc == 0 && log) {
		h->truncated = log->truncated;
		memcpy(h->boundary, log->boundary, sizeof(h->boundary));
	}
	if (rc == 0 && cur && to->kind != SL_SNAP_COMMIT)
		rc = follow_uncommitted(h, &cur, repo, &head, to);
	sl_log_free(log);
	sl_rev_dispose(&head);
	if (rc < 0) {
		sl_history_free(h);
		sl_free(cur);
		return rc;
	}
	*out = h;
	*now = cur;
	return 0;
}
