/* cmd_diff.c: `sheetlog diff`: what changed between two revisions. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "diff.h"
#include "diff_doc.h"
#include "error.h"
#include "format.h"
#include "render.h"

enum { O_FORMAT, O_SUBSTANTIVE, O_COLOR, O_LANG, O_OUTPUT, O_EXIT_CODE };

static const sl_opt diff_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, SL_DIFF_FORMATS,
		      "output format (default: text)"),
	SL_OPT_FLAG(O_SUBSTANTIVE, "substantive", 0,
		    "leave out notation-only changes (NFKC and spacing)"),
	{O_COLOR, "color", 0, "WHEN", "auto|always|never",
	 "colour text output (default: auto: when standard output is a terminal and NO_COLOR is unset)"},
	SL_OPT_LANG(O_LANG),
	SL_OPT_OUTPUT(O_OUTPUT),
	SL_OPT_FLAG(O_EXIT_CODE, "exit-code", 0,
		    "exit with status 1 when there are changes"),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_diff_spec = {
	"diff",
	"A [B] | A..B",
	"show the items added, removed, renumbered and changed between two revisions",
	"A and B are revisions: edition names (2022-09), @YYYY-MM-DD dates,\n"
	"WORKTREE, INDEX, or anything git understands (tags, branches, ids).\n"
	"B defaults to WORKTREE. Items are matched by id and, where ids shifted,\n"
	"by content; each changed field is shown with an inline diff whose unit\n"
	"is the grapheme cluster.",
	diff_opts,
	1,
	2,
};

/* Whether the diff shows any change (--exit-code), the document's own
 * included: with --substantive, notation-only changes do not count. */
static bool diff_shows_changes(const sl_diff *diff, bool substantive)
{
	const sl_doc_diff *doc = sl_diff_doc(diff);
	size_t i;
	if (substantive ? sl_doc_diff_substantive_count(doc)
			: sl_doc_diff_count(doc))
		return true;
	for (i = 0; i < sl_diff_count(diff); i++)
		if (!(substantive && sl_diff_change(diff, i)->notation_only))
			return true;
	return false;
}

int sl_cmd_diff(sl_cli_cmd *c)
{
	sl_cli_compare cmp = SL_CLI_COMPARE_INIT;
	const sl_diff_format *format =
		SL_FORMAT_FIND(sl_cli_diff_formats, c->format);
	int rc = sl_cli_compare_range(c, &cmp);

	c->ro.substantive = c->v[O_SUBSTANTIVE].set;
	c->ro.color = sl_cli_cmd_color(c, format->name);
	/* A far diff's JSON is tens of megabytes: stream it. */
	if (!strcmp(format->name, "json"))
		sl_cli_stream(c->cli, c->output, &c->out);
	if (rc == 0)
		rc = format->render(&c->out, cmp.diff, &c->ro);
	if (rc == 0 && c->v[O_EXIT_CODE].set &&
	    diff_shows_changes(cmp.diff, c->ro.substantive))
		rc = SL_FINDINGS;
	sl_cli_compare_dispose(&cmp);
	return rc;
}
