/* cmd_show.c: `sheetlog show ITEM[@REV]`: one item as it stood at a revision.
 */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "history.h"
#include "history_forward.h"
#include "format.h"
#include "load.h"
#include "render.h"

enum { O_FORMAT, O_LANG };

/* One item at a revision and its history (for the last change). */
typedef struct show_job {
	const sl_item *item;
	const sl_sheet *sheet;
	const sl_rev *rev;
	const sl_history *history;
	const sl_render_options *ro;
} show_job;

static int show_text(sl_buf *out, const show_job *j)
{
	return sl_render_show_text(out, j->item, j->sheet, j->rev, j->history,
				   j->ro);
}

static int show_json(sl_buf *out, const show_job *j)
{
	return sl_render_show_json(out, j->item, j->rev, j->history, j->ro);
}

#define SHOW_FORMATS(X)      \
	X("text", show_text) \
	X("json", show_json)

SL_FORMAT_TABLE(show_formats, SHOW_FORMATS, sl_buf *out, const show_job *j);

static const sl_opt show_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, SHOW_FORMATS, "output format (default: text)"),
	SL_OPT_LANG(O_LANG),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_show_spec = {
	"show",
	"ITEM[@REV]",
	"show one item as it stood at a revision",
	"REV defaults to WORKTREE; '1-61@2022-09' shows 1-61 in the 2022-09\n"
	"edition. Also shows the edition and the commit that last changed the item.\n"
	"An id that is not at REV says where the item went: 'it is now 3-3\n"
	"(renumbered in abc1234)', or that it was removed; a typo gets the\n"
	"closest ids.",
	show_opts,
	1,
	1,
};

/*
 * Say where an item that is not at rev went: the newest step of its
 * history is the commit that renumbered or removed it; a renumbering is
 * then followed forward to rev, so "3-4" names the item's number now.
 * Adds to the current "no item" error. @return rc
 */
static int show_where_now(sl_cli_cmd *c, int rc, const sl_rev *rev,
			  const char *id)
{
	sl_error saved = *sl_error_last();
	sl_history *h = NULL, *fwd = NULL;
	sl_rev from = SL_REV_INIT;
	const sl_history_step *s;
	char *now = NULL;
	char where[128] = "";

	if (sl_history_item(&h, c->repo, rev, id, &c->history) < 0 ||
	    !h->steps.len) {
		sl_history_free(h);
		sl_error_restore(&saved);
		return sl_cli_suggest_item(c->cli, rc, rev, id);
	}
	s = h->steps.items[0];
	if (s->change->status == SL_CHANGE_RENUMBERED &&
	    !strcmp(s->change->old_id, id)) {
		/* After that commit: followed forward to rev. */
		if (s->is_commit &&
		    sl_rev_resolve(&from, c->repo, s->rev) == 0 &&
		    sl_history_forward(&fwd, &now, c->repo, &from, rev,
				       s->change->id, &c->history) == 0) {
			if (now)
				snprintf(where, sizeof(where),
					 "it is now %s (renumbered in %.7s)",
					 now, s->rev);
			else
				snprintf(where, sizeof(where),
					 "it became %s in %.7s and was "
					 "removed later",
					 s->change->id, s->rev);
		} else {
			snprintf(where, sizeof(where),
				 "it is now %s (renumbered in %.7s)",
				 s->change->id, s->rev);
		}
	} else if (s->change->status == SL_CHANGE_REMOVED) {
		snprintf(where, sizeof(where), "it was removed in %.7s",
			 s->rev);
	}
	sl_free(now);
	sl_history_free(fwd);
	sl_history_free(h);
	sl_rev_dispose(&from);
	sl_cli_progress_end(c->cli);
	sl_error_restore(&saved);
	if (!where[0])
		return sl_cli_suggest_item(c->cli, rc, rev, id);
	return sl_error_wrap("%s: %s", sl_error_last()->message, where);
}

int sl_cmd_show(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_history *h = NULL;
	char *id = NULL;
	const char *at;
	const sl_item *it;
	int rc = sl_cli_item_arg(&id, &at, c->pos[0]);

	if (rc < 0)
		return rc;
	rc = sl_cli_snapshot(c->cli, at ? at : "WORKTREE", &rev, &snap);
	if (rc == 0)
		rc = sl_load_valid(&sheet, snap);
	if (rc < 0)
		goto done;
	it = sl_sheet_find(sheet, id);
	if (!it) {
		rc = sl_error_set(SL_ENOTFOUND, "no item '%s' at %s", id,
				  rev.label);
		sl_error_add_item(id);
		rc = show_where_now(c, rc, &rev, id);
		goto done;
	}
	/* The last change: the newest step of the item's history. */
	rc = sl_history_item(&h, c->repo, &rev, id, &c->history);
	sl_cli_progress_end(c->cli);
	if (rc == 0) {
		show_job job = {it, sheet, &rev, h, &c->ro};
		rc = SL_FORMAT_FIND(show_formats, c->format)
			     ->render(&c->out, &job);
	}
done:
	sl_history_free(h);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	sl_rev_dispose(&rev);
	sl_free(id);
	return rc;
}
