/* cmd_history.c: `sheetlog history`: every revision in which an item changed.
 */
#include <string.h>

#include "approval.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "format.h"
#include "history.h"
#include "history_forward.h"
#include "labels.h"
#include "alloc.h"
#include "render.h"

enum {
	O_FORMAT,
	O_SINCE,
	O_UNTIL,
	O_EDITIONS,
	O_AT,
	O_ALL_PARENTS,
	O_COMMITTER_DATE,
	O_FORWARD,
	O_LANG,
	O_COLOR,
	O_OUTPUT
};

#define HISTORY_FORMATS(X)                        \
	X("text", sl_render_history_text)         \
	X("markdown", sl_render_history_markdown) \
	X("html", sl_render_history_html)         \
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
	SL_OPT_FLAG(O_FORWARD, "forward", 0,
		    "follow the item of REV forward to the working tree: "
		    "what became of it (oldest first)"),
	SL_OPT_LANG(O_LANG),
	SL_OPT_COLOR(O_COLOR),
	SL_OPT_OUTPUT(O_OUTPUT),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_history_spec = {
	"history",
	"ITEM[@REV]",
	"show every revision in which an item changed, newest first",
	"For each: commit, date, author, edition (if any), message, the item's id\n"
	"at that revision, its status (added, modified, renumbered, removed) and\n"
	"the field diffs, and for a commit that is not an edition the edition\n"
	"that published it (公開版) and the one it was made after (基準版), or\n"
	"未公開. Renumbering is followed: the history of 2-4 continues\n"
	"as 2-3 before a shift. Uncommitted edits appear first as WORKTREE.\n"
	"ITEM@REV is ITEM as numbered at REV (the same as --at REV). With\n"
	"--forward (and ITEM@REV or --at REV) the question is turned round:\n"
	"what became of REV's ITEM, oldest change first, to the working tree,\n"
	"ending with its number now (or that it was removed).",
	history_opts,
	1,
	1,
};

/* The last line of a forward history: the item's number now, or that it
 * is gone (text and Markdown; JSON's last revision says the same). */
static void forward_end(sl_buf *out, const char *format, const char *now,
			sl_lang lang)
{
	if (!strcmp(format, "json"))
		return;
	sl_buf_printf(out, "\n%s%s: ", !strcmp(format, "markdown") ? "- " : "",
		      sl_label(lang, SL_L_NOW_NUMBERED));
	if (now)
		sl_buf_printf(out, "%s (%s)\n", now,
			      sl_label(lang, SL_L_WORKTREE));
	else
		sl_buf_printf(out, "%s\n", sl_label(lang, SL_L_NO_LONGER));
}

/* The history, then its approvals as events: after the commits in the
 * formats people read, as the JSON's "approvals" array. */
static int render_with_approvals(sl_cli_cmd *c, const sl_history *h,
				 const char *format, bool forward,
				 const char *now)
{
	sl_approval_list l = SL_APPROVAL_LIST_INIT;
	bool json = !strcmp(format, "json");
	int rc = sl_approval_list_load(&l, c->repo);
	if (rc == 0)
		rc = json ? sl_render_history_json_approvals(&c->out, h, &l,
							     &c->ro)
			  : SL_FORMAT_FIND(history_formats, format)
				     ->render(&c->out, h, &c->ro);
	if (rc == 0 && forward)
		forward_end(&c->out, format, now, c->ro.lang);
	if (rc == 0 && !json)
		rc = sl_render_approval_events(&c->out, &l, h->item, format,
					       &c->ro);
	sl_approval_list_dispose(&l);
	return rc;
}

int sl_cmd_history(sl_cli_cmd *c)
{
	sl_rev start = SL_REV_INIT, to = SL_REV_INIT;
	sl_history *h = NULL;
	const char *format, *at = NULL;
	char *id = NULL, *now = NULL;
	bool forward = c->v[O_FORWARD].set;
	int rc = sl_cli_item_arg(&id, &at, c->pos[0]);

	if (rc == 0 && at && c->v[O_AT].set)
		rc = sl_error_set(SL_EUSAGE,
				  "give ITEM@REV or --at REV, not both");
	if (rc == 0 && !at)
		at = c->v[O_AT].set ? c->v[O_AT].str : NULL;
	if (rc == 0 && forward && !at)
		rc = sl_error_set(SL_EUSAGE,
				  "--forward needs where to start: ITEM@REV "
				  "or --at REV");
	if (rc == 0 && forward && c->v[O_EDITIONS].set)
		rc = sl_error_set(SL_EUSAGE,
				  "--forward and --editions do not combine");
	if (rc == 0)
		rc = sl_rev_resolve(&start, c->repo, at ? at : "WORKTREE");
	if (rc == 0 && forward) {
		rc = sl_rev_resolve(&to, c->repo, "WORKTREE");
		if (rc == 0)
			rc = sl_history_forward(&h, &now, c->repo, &start, &to,
						id, &c->history);
		sl_cli_progress_end(c->cli);
	} else if (rc == 0) {
		c->history.editions = c->v[O_EDITIONS].set;
		rc = sl_history_item(&h, c->repo, &start, id, &c->history);
		sl_cli_progress_end(c->cli);
		rc = sl_cli_suggest_item(c->cli, rc, &start, id);
	}
	if (rc == 0) {
		format = SL_FORMAT_FIND(history_formats, c->format)->name;
		c->ro.color = sl_cli_cmd_color(c, format);
		/* Approvals are events too (approve, approve --confirm). */
		rc = render_with_approvals(c, h, format, forward, now);
	}
	if (rc == 0)
		rc = sl_cli_cmd_emit(c); /* the history, then the warning */
	if (rc == 0 && h->truncated)
		fprintf(c->cli->err,
			"sheetlog: warning: the history ends at the shallow-clone boundary %.12s; older revisions are not available (git fetch --unshallow)\n",
			h->boundary);
	sl_history_free(h);
	sl_rev_dispose(&start);
	sl_rev_dispose(&to);
	sl_free(now);
	sl_free(id);
	return rc;
}
