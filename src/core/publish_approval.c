/*
 * publish_approval.c: what publish asks of approvals (publish_approval.h).
 * The review is the one definition of pending; this file only reads its
 * verdicts and words them.
 */
#include "publish_approval.h"

#include <string.h>

#include "date.h"
#include "error.h"
#include "repo_config.h"
#include "review.h"

#define CONFIG_KEY "sheetlog.requireApproval"

/* A short commit list for the message: "by A in abc1234, def5678". */
static void made_by(sl_buf *b, const sl_review_signoff *s, const char *me)
{
	size_t i;
	sl_buf_puts(b, "changed by ");
	sl_review_signoff_authors(b, s);
	if (!s->commits.len)
		sl_buf_puts(b, me && me[0] ? me : "you");
	for (i = 0; i < s->commits.len && i < 3; i++)
		sl_buf_printf(b, "%s%.7s", i ? ", " : " in ",
			      ((const sl_commit *)s->commits.items[i])->id);
	if (s->commits.len > 3)
		sl_buf_printf(b, " and %zu more", s->commits.len - 3);
	if (s->uncommitted)
		sl_buf_puts(b, s->commits.len ? " and uncommitted edits"
					      : " (uncommitted edits)");
}

static void what_is_missing(sl_buf *b, const sl_review_signoff *s,
			    const char *me)
{
	const sl_approval *a = s->approval;
	switch (s->state) {
	case SL_SIGNOFF_CHANGED:
		sl_buf_printf(b,
			      "approved by %s <%s>, then changed: needs a "
			      "new approval of content %.12s",
			      a->name, a->email, s->blob);
		break;
	case SL_SIGNOFF_SELF:
		sl_buf_printf(b,
			      "approved only by its author %s <%s>: needs "
			      "another person's approval",
			      a->name, a->email);
		break;
	case SL_SIGNOFF_NOT_OWNER:
		sl_buf_printf(b,
			      "approved by %s <%s>, not an owner: needs "
			      "one of ",
			      a->name, a->email);
		sl_owners_format(b, s->owners);
		break;
	default:
		sl_buf_puts(b, "not approved: needs an approval by someone "
			       "other than its author");
		if (s->owners) {
			sl_buf_puts(b, " among ");
			sl_owners_format(b, s->owners);
		}
		break;
	}
	sl_buf_puts(b, " (");
	made_by(b, s, me);
	sl_buf_putc(b, ')');
}

static int check_one(sl_buf *trailers, sl_diag_list *diags, const sl_review *r,
		     const sl_review_signoff *s, const char *path)
{
	sl_buf b = SL_BUF_INIT;
	int rc;
	if (s->state == SL_SIGNOFF_APPROVED) {
		const sl_approval *a = s->approval;
		sl_buf_printf(trailers, "%s: %s %.12s by %s <%s> ",
			      SL_PUBLISH_TRAILER, s->key, s->blob, a->name,
			      a->email);
		sl_date_format_iso(trailers, a->time, a->offset_min);
		sl_buf_putc(trailers, '\n');
		return sl_buf_oom(trailers) ? sl_error_oom() : 0;
	}
	what_is_missing(&b, s, r->identity);
	rc = sl_buf_oom(&b)
		     ? sl_error_oom()
		     : sl_diag_add(diags, SL_SEV_ERROR, path, 0, 0,
				   strcmp(s->key, SL_APPROVAL_SHEET) ? s->key
								     : NULL,
				   "approval-missing", "%s: %s", s->key,
				   sl_buf_cstr(&b));
	sl_buf_dispose(&b);
	return rc;
}

int sl_publish__approvals(sl_buf *trailers, bool *required, sl_diag_list *diags,
			  sl_repo *repo)
{
	sl_review *r = NULL;
	size_t i;
	int rc = sl_repo_config_bool(required, repo, CONFIG_KEY);
	if (rc < 0 || !*required)
		return rc;
	rc = sl_review_compute(&r, repo, NULL);
	if (rc == SL_ENOTFOUND) {
		/* No edition yet: the first one has nothing to compare with,
		 * so nothing is pending. */
		sl_error_clear();
		return 0;
	}
	if (rc < 0)
		return rc;
	for (i = 0; i < r->count && rc == 0; i++) {
		const sl_review_entry *e = &r->items[i];
		const sl_change *c = e->change;
		if (!sl_review_needs_approval(e))
			continue;
		rc = check_one(trailers, diags, r, &e->signoff,
			       c->new_item ? c->new_item->path
					   : c->old_item->path);
	}
	if (rc == 0 && r->sheet_changed)
		rc = check_one(trailers, diags, r, &r->sheet_signoff,
			       SL_SHEET_DIR "/sheet.json");
	sl_review_free(r);
	return rc;
}
