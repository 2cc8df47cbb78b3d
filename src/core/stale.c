/*
 * stale.c: the stale-answer report. Blame (blame.h) gives the commit that
 * last set each answer, with notation-only edits ignored (they do not
 * re-check anything); the approval records give re-checks of the content
 * as it stands. The report reads HEAD: uncommitted edits are fresh by
 * definition.
 */
#include "stale.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "approval.h"
#include "blame.h"
#include "date.h"
#include "error.h"
#include "id.h"
#include "load.h"
#include "owners.h"
#include "repo_rev.h"
#include "sheet.h"

void sl_stale_free(sl_stale *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->count; i++) {
		sl_free(s->items[i].id);
		sl_free(s->items[i].owners);
		sl_free(s->items[i].who);
		sl_free(s->items[i].what);
		sl_free(s->items[i].edition);
	}
	sl_free(s->items);
	sl_free(s->older_than);
	sl_free(s);
}

int sl_stale_cutoff(int64_t *out, const char *spec, int64_t now)
{
	char *end;
	long n = strtol(spec, &end, 10);
	int64_t days = now >= 0 ? now / 86400 : (now - 86399) / 86400;
	int64_t y;
	unsigned m, d;
	if (end == spec || n < 0 || n > 1000 || !*end || end[1] ||
	    !strchr("dwmy", *end))
		return sl_error_set(SL_EUSAGE,
				    "invalid age '%s' (expected N followed by "
				    "d, w, m or y: 90d, 12m, 2y)",
				    spec);
	if (*end == 'd' || *end == 'w') {
		*out = now - (int64_t)n * 86400 * (*end == 'w' ? 7 : 1);
		return 0;
	}
	/* Calendar months: the same day n months (12n for years) back,
	 * the last day of that month when it is shorter. */
	sl_date_civil_from_days(days, &y, &m, &d);
	{
		int64_t months = y * 12 + (m - 1) - n * (*end == 'y' ? 12 : 1);
		int64_t ny = months / 12, first, next;
		unsigned nm = (unsigned)(months % 12) + 1;
		first = sl_date_days_from_civil(ny, nm, 1);
		next = nm == 12 ? sl_date_days_from_civil(ny + 1, 1, 1)
				: sl_date_days_from_civil(ny, nm + 1, 1);
		if (first + d - 1 >= next)
			d = (unsigned)(next - first);
		*out = (sl_date_days_from_civil(ny, nm, d) - days) * 86400 +
		       now;
	}
	return 0;
}

static int by_age(const void *pa, const void *pb)
{
	const sl_stale_entry *a = pa, *b = pb;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return sl_id_compare(a->id, b->id);
}

static char *dup_or_null(const char *s)
{
	return s ? sl_strdup(s) : NULL;
}

/* The newest approval or confirmation of the content blob of id. */
static const sl_approval *newest_check(const sl_approval_list *l,
				       const char *id, const char *blob)
{
	const sl_approval *a = NULL;
	sl_approval_find(&a, 1, l, id, blob);
	return a;
}

/* One item's last event into e. */
static int last_event(sl_stale_entry *e, sl_repo *repo, const sl_rev *head,
		      const sl_item *it, const char *blob,
		      const sl_approval_list *l, const sl_walk_options *walk)
{
	sl_blame *b = NULL;
	const sl_history_step *step = NULL;
	const sl_approval *a = newest_check(l, it->id, blob);
	size_t f;
	int rc = sl_blame_item(&b, repo, head, it->id, NULL, walk,
			       SL_BLAME_IGNORE_NOTATION);
	if (rc < 0)
		return rc;
	for (f = 0; f < b->field_count; f++)
		if (!strcmp(b->fields[f].field, "answer"))
			step = b->fields[f].step;
	if (step && (!a || step->time >= a->time)) {
		e->event = SL_STALE_SET;
		e->time = step->time;
		e->offset_min = step->offset_min;
		if (step->is_commit) {
			memcpy(e->commit, step->info.id, sizeof(e->commit));
			e->who = dup_or_null(step->info.author.who);
			e->what = dup_or_null(step->info.summary);
		}
		e->edition = dup_or_null(step->published_in);
	} else if (a) {
		sl_buf who = SL_BUF_INIT;
		e->event = a->kind == SL_APPROVAL_CONFIRM ? SL_STALE_CONFIRMED
							  : SL_STALE_APPROVED;
		e->time = a->time;
		e->offset_min = a->offset_min;
		sl_buf_printf(&who, "%s <%s>", a->name, a->email);
		e->who = sl_buf_detach(&who, NULL);
		e->what = dup_or_null(a->message);
	}
	sl_blame_free(b);
	return e->who || e->event == SL_STALE_SET ? 0 : sl_error_oom();
}

int sl_stale_compute(sl_stale **out, sl_repo *repo, const char *spec,
		     int64_t now, const sl_walk_options *walk)
{
	sl_stale *s = sl_calloc(1, sizeof(*s));
	sl_rev head = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_approval_list l = SL_APPROVAL_LIST_INIT;
	sl_owners owners = SL_OWNERS_INIT;
	size_t i, n = 0;
	int rc;

	*out = NULL;
	if (!s)
		return sl_error_oom();
	s->now = now;
	s->older_than = sl_strdup(spec);
	rc = s->older_than ? sl_stale_cutoff(&s->cutoff, spec, now)
			   : sl_error_oom();
	if (rc == 0)
		rc = sl_rev_resolve(&head, repo, "HEAD");
	if (rc == 0)
		rc = sl_rev_snapshot(&snap, repo, &head);
	if (rc == 0)
		rc = sl_load_valid(&sheet, snap);
	if (rc == 0)
		rc = sl_owners_from_meta(&owners, sl_sheet_meta_get(sheet));
	if (rc == 0)
		rc = sl_approval_list_load(&l, repo);
	if (rc == 0) {
		n = sl_sheet_item_count(sheet);
		s->items = sl_calloc(n ? n : 1, sizeof(*s->items));
		if (!s->items)
			rc = sl_error_oom();
	}
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		sl_snapfile *f = sl_snapshot_find(snap, it->path);
		sl_stale_entry *e = &s->items[s->count];
		const sl_owner_rule *rule;
		char blob[41] = "";
		if (f && f->has_oid)
			sl_walk_hex(blob, f->oid);
		s->checked++;
		memset(e, 0, sizeof(*e));
		rc = last_event(e, repo, &head, it, blob, &l, walk);
		if (rc == 0 && !(e->id = sl_strdup(it->id)))
			rc = sl_error_oom();
		rule = sl_owners_for(&owners, it->id, it->section);
		if (rc == 0 && rule) {
			sl_buf b = SL_BUF_INIT;
			sl_owners_format(&b, rule);
			if (!(e->owners = sl_buf_detach(&b, NULL)))
				rc = sl_error_oom();
		}
		/* Counted in (freed with the report) before the age test, so
		 * every path frees what the entry holds. */
		s->count++;
		if (rc == 0 && e->time >= s->cutoff) {
			s->count--;
			sl_free(e->id);
			sl_free(e->owners);
			sl_free(e->who);
			sl_free(e->what);
			sl_free(e->edition);
			memset(e, 0, sizeof(*e));
		} else if (rc == 0) {
			e->days = (now - e->time) / 86400;
		}
	}
	if (rc == 0 && s->count > 1)
		qsort(s->items, s->count, sizeof(*s->items), by_age);
	sl_owners_dispose(&owners);
	sl_approval_list_dispose(&l);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	sl_rev_dispose(&head);
	if (rc < 0) {
		sl_stale_free(s);
		return rc;
	}
	*out = s;
	return 0;
}
