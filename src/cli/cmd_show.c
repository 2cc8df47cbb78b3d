/* cmd_show.c: `sheetlog show ITEM[@REV]`: one item as it stood at a revision.
 */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "history.h"
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
	"edition. Also shows the edition and the commit that last changed the item.",
	show_opts,
	1,
	1,
};

int sl_cmd_show(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_history *h = NULL;
	char *id = NULL;
	const char *at;
	const sl_item *it;
	int rc;

	at = strchr(c->pos[0], '@');
	id = at ? sl_strndup(c->pos[0], (size_t)(at - c->pos[0]))
		: sl_strdup(c->pos[0]);
	if (!id)
		return sl_error_oom();
	rc = sl_cli_snapshot(c->cli, at ? at + 1 : "WORKTREE", &rev, &snap);
	if (rc == 0)
		rc = sl_load_valid(&sheet, snap);
	if (rc < 0)
		goto done;
	it = sl_sheet_find(sheet, id);
	if (!it) {
		rc = sl_error_set(SL_ENOTFOUND, "no item '%s' at %s", id,
				  rev.label);
		sl_error_add_item(id);
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
