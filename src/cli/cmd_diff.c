/* cmd_diff.c: `sheetlog diff`: what changed between two revisions. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "diff.h"
#include "error.h"
#include "format.h"
#include "render.h"

enum { O_FORMAT, O_SUBSTANTIVE, O_COLOR, O_LANG, O_OUTPUT, O_EXIT_CODE };

static const sl_opt diff_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, SL_DIFF_FORMATS,
		      "output format (default: text)"),
	{O_SUBSTANTIVE, "substantive", 0, NULL, NULL,
	 "leave out notation-only changes (NFKC and spacing)"},
	{O_COLOR, "color", 0, "WHEN", "auto|always|never",
	 "colour text output (default: auto: when standard output is a terminal and NO_COLOR is unset)"},
	SL_OPT_LANG(O_LANG),
	SL_OPT_OUTPUT(O_OUTPUT),
	{O_EXIT_CODE, "exit-code", 0, NULL, NULL,
	 "exit with status 1 when there are changes"},
	{0, NULL, 0, NULL, NULL, NULL},
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

int sl_cmd_diff(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_cli_compare cmp = SL_CLI_COMPARE_INIT;
	sl_buf out = SL_BUF_INIT;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	const char *format;

	rc = sl_cli_parse(cli, &sl_cmd_diff_spec, v, pos, &npos, argc, argv);
	if (rc != 0)
		return rc;
	if (v[O_LANG].set && (rc = sl_lang_parse(&ro.lang, v[O_LANG].str)) < 0)
		return rc;
	rc = sl_cli_compare_range(cli, &cmp, npos, pos);
	if (rc < 0)
		goto done;
	format = SL_FORMAT_FIND(sl_cli_diff_formats, v[O_FORMAT].str)->name;
	ro.substantive = v[O_SUBSTANTIVE].set;
	ro.from = &cmp.from;
	ro.to = &cmp.to;
	ro.color = sl_cli_color(cli, format, v[O_COLOR].str, v[O_OUTPUT].set);
	/* A far diff's JSON is tens of megabytes: stream it. */
	if (!strcmp(format, "json"))
		sl_cli_stream(cli, v[O_OUTPUT].str, &out);
	rc = SL_FORMAT_FIND(sl_cli_diff_formats, format)
		     ->render(&out, cmp.diff, &ro);
	if (rc == 0 || cli->out_errno)
		rc = sl_cli_emit(cli, v[O_OUTPUT].str, &out);
	if (rc == 0 && v[O_EXIT_CODE].set) {
		size_t i, shown = 0;
		for (i = 0; i < sl_diff_count(cmp.diff); i++)
			shown += !(ro.substantive &&
				   sl_diff_change(cmp.diff, i)->notation_only);
		if (shown)
			rc = SL_FINDINGS;
	}
done:
	sl_buf_dispose(&out);
	sl_cli_compare_dispose(&cmp);
	return rc;
}
