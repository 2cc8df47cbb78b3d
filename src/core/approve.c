/*
 * approve.c: what may be approved, by whom. Pending means what review
 * lists (since the newest edition); the approval is of the content in
 * the working tree now. A person does not approve their own change (the
 * four-eyes rule publish also enforces, for records written by hand),
 * and with owners listed only an owner approves.
 */
#include "approve.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "repo_approval.h"
#include "repo_snapshot.h"
#include "review.h"
#include "sheet.h"

int sl_approve_record(sl_repo *repo, const sl_vec *recorded)
{
	return sl_approval_record(repo,
				  (const sl_approval *const *)recorded->items,
				  recorded->len);
}

void sl_approve_recorded_free(sl_vec *recorded)
{
	size_t i;
	for (i = 0; i < recorded->len; i++) {
		sl_approval_dispose(recorded->items[i]);
		sl_free(recorded->items[i]);
	}
	sl_vec_dispose(recorded);
}

/* The review entry (or sheet.json's signoff) of key, or NULL. */
static const sl_review_signoff *pending_of(const sl_review *r, const char *key)
{
	size_t i;
	if (!strcmp(key, SL_APPROVAL_SHEET))
		return r->sheet_changed ? &r->sheet_signoff : NULL;
	for (i = 0; i < r->count; i++)
		if (!strcmp(r->items[i].signoff.key, key))
			return &r->items[i].signoff;
	return NULL;
}

/* Why who may not approve s, as an error; 0 when they may. */
static int refuse(const sl_review *r, const sl_review_signoff *s,
		  const sl_approval *who)
{
	char me[700];
	snprintf(me, sizeof(me), "%s <%s>", who->name, who->email);
	if (sl_review_signoff_authored_by(s, r->identity, who))
		return sl_error_set(SL_EINVALID,
				    "%s: you (%s) made this change; another "
				    "person must approve it",
				    s->key, me);
	if (s->owners && !sl_owners_includes(s->owners, who)) {
		sl_buf b = SL_BUF_INIT;
		int rc;
		sl_owners_format(&b, s->owners);
		rc = sl_error_set(SL_EINVALID,
				  "%s: only its owners approve it (%s); you "
				  "are %s",
				  s->key, sl_buf_cstr(&b), me);
		sl_buf_dispose(&b);
		return rc;
	}
	return 0;
}

static int add_record(sl_vec *out, const sl_approval *who, const char *key,
		      const char *blob, sl_approval_kind kind,
		      const char *message)
{
	sl_approval *a = sl_calloc(1, sizeof(*a));
	if (!a || sl_vec_push(out, a) < 0) {
		sl_free(a);
		return sl_error_oom();
	}
	a->item = sl_strdup(key);
	a->name = sl_strdup(who->name);
	a->email = sl_strdup(who->email);
	a->message = message ? sl_strdup(message) : NULL;
	memcpy(a->blob, blob, 41);
	a->time = who->time;
	a->offset_min = who->offset_min;
	a->kind = kind;
	if (!a->item || !a->name || !a->email || (message && !a->message))
		return sl_error_oom();
	return 0;
}

/* --confirm: the item exists, has no pending change; its blob now. */
static int confirm_one(sl_vec *out, const sl_review *r, sl_snapshot *work,
		       const sl_approval *who, const char *key,
		       const char *message)
{
	const sl_item *it =
		r->new_sheet ? sl_sheet_find(r->new_sheet, key) : NULL;
	const sl_section *sec;
	const sl_owner_rule *owners;
	sl_snapfile *f;
	char blob[41];
	int rc;
	if (pending_of(r, key))
		return sl_error_set(SL_EINVALID,
				    "%s has a pending change: approve it "
				    "(without --confirm)",
				    key);
	if (!it || !it->path || !(f = sl_snapshot_find(work, it->path)))
		return sl_error_set(SL_ENOTFOUND,
				    "no item %s in the working "
				    "tree",
				    key);
	sec = sl_sheet_section(r->new_sheet, it->section);
	owners = sl_owners_for(&r->owners, key, sec ? sec->id : it->section);
	if (owners && !sl_owners_includes(owners, who)) {
		sl_buf b = SL_BUF_INIT;
		sl_owners_format(&b, owners);
		rc = sl_error_set(SL_EINVALID,
				  "%s: only its owners confirm it (%s)", key,
				  sl_buf_cstr(&b));
		sl_buf_dispose(&b);
		return rc;
	}
	if ((rc = sl_snapshot_load(work, f)) < 0 ||
	    (rc = sl_repo_blob_id(blob, f->data, f->len)) < 0)
		return rc;
	return add_record(out, who, key, blob, SL_APPROVAL_CONFIRM, message);
}

static int approve_named(sl_vec *out, const sl_review *r,
			 const sl_approval *who, const char *key,
			 const char *message)
{
	const sl_review_signoff *s = pending_of(r, key);
	int rc;
	if (!s)
		return sl_error_set(
			SL_EINVALID,
			"%s has no pending change since %s (approve --confirm "
			"records that an unchanged answer was re-checked)",
			key, r->base.label ? r->base.label : "the base");
	if ((rc = refuse(r, s, who)) < 0)
		return rc;
	return add_record(out, who, key, s->blob, SL_APPROVAL_APPROVE, message);
}

/* --all: each pending change not yet approved that who may approve. */
static int approve_all(sl_vec *out, sl_buf *skipped, const sl_review *r,
		       const sl_approval *who, const char *message)
{
	size_t i;
	int rc = 0;
	for (i = 0; i <= r->count && rc == 0; i++) {
		const sl_review_signoff *s =
			i < r->count
				? &r->items[i].signoff
				: (r->sheet_changed ? &r->sheet_signoff : NULL);
		if (!s || s->state == SL_SIGNOFF_APPROVED)
			continue;
		if (refuse(r, s, who) < 0) {
			sl_buf_printf(skipped, "%s\n",
				      sl_error_last()->message);
			sl_error_clear();
			continue;
		}
		rc = add_record(out, who, s->key, s->blob, SL_APPROVAL_APPROVE,
				message);
	}
	if (rc == 0 && !out->len)
		rc = sl_error_set(SL_EINVALID, "nothing to approve: %s",
				  r->count || r->sheet_changed
					  ? "every pending change is approved "
					    "or not yours to approve"
					  : "no pending change");
	return rc;
}

int sl_approve_plan(sl_vec *recorded, sl_buf *skipped, sl_repo *repo,
		    const sl_approve_options *o)
{
	sl_review *r = NULL;
	sl_snapshot *work = NULL;
	sl_approval who;
	size_t i;
	int rc;

	memset(recorded, 0, sizeof(*recorded));
	memset(&who, 0, sizeof(who));
	rc = sl_approval_identity(&who, repo);
	if (rc == 0)
		rc = sl_review_compute(&r, repo, o->base);
	if (rc == 0 && o->confirm)
		rc = sl_snapshot_open(&work, repo, SL_SNAP_WORKTREE, NULL,
				      "WORKTREE");
	if (rc == 0 && o->all && !o->confirm)
		rc = approve_all(recorded, skipped, r, &who, o->message);
	for (i = 0; i < o->count && rc == 0; i++)
		rc = o->confirm ? confirm_one(recorded, r, work, &who,
					      o->items[i], o->message)
				: approve_named(recorded, r, &who, o->items[i],
						o->message);
	sl_snapshot_free(work);
	sl_review_free(r);
	sl_approval_dispose(&who);
	if (rc < 0)
		sl_approve_recorded_free(recorded);
	return rc;
}
