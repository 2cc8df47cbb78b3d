/* cmd_history.c: `sheetlog history`: every revision in which an item changed.
 */
#include <string.h>

#include "approval.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "format.h"
#include "history.h"
#include "render.h"

enum {
	O_FORMAT,
	O_SINCE,
	O_UNTIL,
	O_EDITIONS,
	O_AT,
	O_ALL_PARENTS,
	O_COMMITTER_DATE,
	O_LANG,
	O_COLOR,
	O_OUTPUT
};

#define HISTORY_FORMATS(X)                        \
	X("text", sl_render_history_text)         \
	X("markdown", sl_render_history_markdown) \
	X("json", sl_render_history_json)

SL_FORMAT_TABLE(history_formats, HISTORY_FORMATS, sl_buf *out,
		const sl_history *h, const sl_render_options *o);

static const sl_opt history_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, HISTORY_FORMATS,
		      "output format (default: text)"),
	{O_SINCE, "since", 0, "DATE", NULL,
	 "only changes on or after DATE (YYYY-MM-DD or YYYY-MM)"},
	{O_UNTIL, "until", 0, "DATE", NULL, "only changes on or before DATE"},
	SL_OPT_FLAG(O_EDITIONS, "editions", 0,
		    "one step per edition instead of per commit"),
	{O_AT, "at", 0, "REV", NULL, "start from REV (default: WORKTREE)"},
	SL_OPT_FLAG(
		O_ALL_PARENTS, "all-parents", 0,
		"include the changes made on merged branches (default: first parents only)"),
	SL_OPT_FLAG(O_COMMITTER_DATE, "committer-date", 0,
		    "use commit dates, not author dates"),
	SL_OPT_LANG(O_LANG),
	SL_OPT_COLOR(O_COLOR),
	SL_OPT_OUTPUT(O_OUTPUT),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_history_spec = {
	"history",
	"ITEM",
	"show every revision in which an item changed, newest first",
	"For each: commit, date, author, edition (if any), message, the item's id\n"
	"at that revision, its status (added, modified, renumbered, removed) and\n"
	"the field diffs, and for a commit that is not an edition the edition\n"
	"that published it (公開版) and the one it was made after (基準版), or\n"
	"未公開. Renumbering is followed: the history of 2-4 continues\n"
	"as 2-3 before a shift. Uncommitted edits appear first as WORKTREE.",
	history_opts,
	1,
	1,
};

static int approval_events(sl_cli_cmd *c, const char *item, const char *format)
{
	sl_approval_list l = SL_APPROVAL_LIST_INIT;
	int rc = sl_approval_list_load(&l, c->repo);
	if (rc == 0)
		rc = sl_render_approval_events(&c->out, &l, item, format,
					       &c->ro);
	sl_approval_list_dispose(&l);
	return rc;
}

int sl_cmd_history(sl_cli_cmd *c)
{
	sl_rev start = SL_REV_INIT;
	sl_history *h = NULL;
	const char *format;
	int rc = sl_rev_resolve(&start, c->repo,
				c->v[O_AT].set ? c->v[O_AT].str : "WORKTREE");

	if (rc == 0) {
		c->history.editions = c->v[O_EDITIONS].set;
		rc = sl_history_item(&h, c->repo, &start, c->pos[0],
				     &c->history);
		sl_cli_progress_end(c->cli);
	}
	if (rc == 0) {
		format = SL_FORMAT_FIND(history_formats, c->format)->name;
		c->ro.color = sl_cli_cmd_color(c, format);
		rc = SL_FORMAT_FIND(history_formats, format)
			     ->render(&c->out, h, &c->ro);
		/* Approvals are events too (approve, approve --confirm):
		 * after the commits, in the formats people read. */
		if (rc == 0 && strcmp(format, "json"))
			rc = approval_events(c, h->item, format);
	}
	if (rc == 0)
		rc = sl_cli_cmd_emit(c); /* the history, then the warning */
	if (rc == 0 && h->truncated)
		fprintf(c->cli->err,
			"sheetlog: warning: the history ends at the shallow-clone boundary %.12s; older revisions are not available (git fetch --unshallow)\n",
			h->boundary);
	sl_history_free(h);
	sl_rev_dispose(&start);
	return rc;
}
