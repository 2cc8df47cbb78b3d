/* cmd_changelog.c: `sheetlog changelog`: release notes between editions. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "diff.h"
#include "error.h"
#include "format.h"
#include "render.h"

enum { O_FORMAT, O_LANG, O_OUTPUT, O_SUBSTANTIVE };

/* The release notes and the 新旧対照表 (shinkyu: its HTML page). */
#define CHANGELOG_FORMATS(X)                        \
	X("markdown", sl_render_changelog_markdown) \
	X("html", sl_render_changelog_html)         \
	X("json", sl_render_changelog_json)         \
	X("shinkyu", sl_render_shinkyu_html)        \
	X("shinkyu-html", sl_render_shinkyu_html)   \
	X("shinkyu-markdown", sl_render_shinkyu_markdown)

static const sl_diff_format changelog_formats[] = {
	CHANGELOG_FORMATS(SL_FORMAT_ROW){NULL, NULL},
};

static const sl_opt changelog_opts[] = {
	SL_FORMAT_OPT(
		O_FORMAT, CHANGELOG_FORMATS,
		"output format (default: markdown); shinkyu is the 新旧対照表 as HTML"),
	SL_OPT_LANG(O_LANG),
	SL_OPT_OUTPUT(O_OUTPUT),
	SL_OPT_FLAG(O_SUBSTANTIVE, "substantive", 0,
		    "leave out notation-only changes"),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_changelog_spec = {
	"changelog",
	"A..B | A [B]",
	"write release notes (or the 新旧対照表) between two editions",
	"Both editions with dates, summary counts, then by scope and section:\n"
	"added items (full question and answer), removed items, renumbered items\n"
	"(old -> new), changed categories, questions and answers with inline\n"
	"highlighting, and the notation-only changes in a separate, collapsed list.\n"
	"--format shinkyu writes the 新旧対照表 (改正後 | 改正前 | 備考) as a\n"
	"print-ready HTML page; shinkyu-markdown as Markdown tables.",
	changelog_opts,
	1,
	2,
};

int sl_cmd_changelog(sl_cli_cmd *c)
{
	sl_cli_compare cmp = SL_CLI_COMPARE_INIT;
	int rc = sl_cli_compare_range(c, &cmp);

	c->ro.substantive = c->v[O_SUBSTANTIVE].set;
	if (rc == 0)
		rc = SL_FORMAT_FIND(changelog_formats, c->format)
			     ->render(&c->out, cmp.diff, &c->ro);
	sl_cli_compare_dispose(&cmp);
	return rc;
}
