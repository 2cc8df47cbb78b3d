/* cmd_changelog.c: `sheetlog changelog`: release notes between editions. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "diff.h"
#include "error.h"
#include "render.h"

enum { O_FORMAT, O_LANG, O_OUTPUT, O_SUBSTANTIVE };

static const sl_opt changelog_opts[] = {
	{O_FORMAT, "format", 'f', "FORMAT",
	 "markdown|html|json|shinkyu|shinkyu-html|shinkyu-markdown",
	 "output format (default: markdown); shinkyu is the 新旧対照表 as HTML"},
	{O_LANG, "lang", 0, "LANG", "ja|en", "label language (default: ja)"},
	{O_OUTPUT, "output", 'o', "FILE", NULL,
	 "write to FILE atomically instead of standard output"},
	{O_SUBSTANTIVE, "substantive", 0, NULL, NULL,
	 "leave out notation-only changes"},
	{0, NULL, 0, NULL, NULL, NULL},
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

int sl_cmd_changelog(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_rev from = SL_REV_INIT, to = SL_REV_INIT;
	sl_snapshot *a = NULL, *b = NULL;
	sl_diff *diff = NULL;
	sl_buf out = SL_BUF_INIT;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	char *ra = NULL, *rb = NULL;
	const char *format;

	rc = sl_cli_parse(cli, &sl_cmd_changelog_spec, v, pos, &npos, argc,
			  argv);
	if (rc != 0)
		return rc;
	if (v[O_LANG].set && (rc = sl_lang_parse(&ro.lang, v[O_LANG].str)) < 0)
		return rc;
	rc = sl_cli_range(cli, npos, pos, &ra, &rb);
	if (rc == 0)
		rc = sl_cli_snapshot(cli, ra, &from, &a);
	if (rc == 0)
		rc = sl_cli_snapshot(cli, rb, &to, &b);
	if (rc == 0)
		rc = sl_diff_snapshots(&diff, a, b);
	if (rc < 0)
		goto done;
	format = v[O_FORMAT].set ? v[O_FORMAT].str : "markdown";
	ro.from = &from;
	ro.to = &to;
	ro.substantive = v[O_SUBSTANTIVE].set;
	if (!strcmp(format, "html"))
		rc = sl_render_changelog_html(&out, diff, &ro);
	else if (!strcmp(format, "json"))
		rc = sl_render_changelog_json(&out, diff, &ro);
	else if (!strcmp(format, "shinkyu") || !strcmp(format, "shinkyu-html"))
		rc = sl_render_shinkyu_html(&out, diff, &ro);
	else if (!strcmp(format, "shinkyu-markdown"))
		rc = sl_render_shinkyu_markdown(&out, diff, &ro);
	else
		rc = sl_render_changelog_markdown(&out, diff, &ro);
	if (rc == 0)
		rc = sl_cli_emit(cli, v[O_OUTPUT].str, &out);
done:
	sl_buf_dispose(&out);
	sl_diff_free(diff);
	sl_snapshot_free(a);
	sl_snapshot_free(b);
	sl_rev_dispose(&from);
	sl_rev_dispose(&to);
	sl_free(ra);
	sl_free(rb);
	return rc;
}
