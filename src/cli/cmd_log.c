/* cmd_log.c: `sheetlog log`: the commits that touched the sheet. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "format.h"
#include "history.h"
#include "render.h"

enum {
	O_FORMAT,
	O_ALL_PARENTS,
	O_COMMITTER_DATE,
	O_SINCE,
	O_UNTIL,
	O_BOM,
	O_LANG,
	O_OUTPUT
};

#define LOG_FORMATS(X)                \
	X("text", sl_render_log_text) \
	X("json", sl_render_log_json) \
	X("csv", sl_render_log_csv)

SL_FORMAT_TABLE(log_formats, LOG_FORMATS, sl_buf *out, const sl_log *log,
		const sl_render_options *o);

static const sl_opt log_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, LOG_FORMATS, "output format (default: text)"),
	SL_OPT_LOG_RANGE(O_ALL_PARENTS, O_COMMITTER_DATE, O_SINCE, O_UNTIL),
	SL_OPT_BOM(O_BOM),
	SL_OPT_LANG(O_LANG),
	SL_OPT_OUTPUT(O_OUTPUT),
	{0, NULL, 0, NULL, NULL, NULL},
};

const sl_cmd_spec sl_cmd_log_spec = {
	"log",
	"[A..B]",
	"list the commits that touched the sheet, with counts and item ids",
	"One entry per commit that changed checklist/: commit, date, author,\n"
	"edition mark, counts of added, removed, modified, renumbered and\n"
	"notation-only items, and the ids touched. Default range: all of HEAD.",
	log_opts,
	0,
	1,
};

int sl_cmd_log(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_log *log = NULL;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	sl_buf out = SL_BUF_INIT;

	rc = sl_cli_parse(cli, &sl_cmd_log_spec, v, pos, &npos, argc, argv);
	if (rc != 0)
		return rc;
	if (v[O_LANG].set && (rc = sl_lang_parse(&ro.lang, v[O_LANG].str)) < 0)
		return rc;
	rc = sl_cli_load_log(cli, &log, v[O_SINCE].str, v[O_UNTIL].str,
			     v[O_ALL_PARENTS].set, v[O_COMMITTER_DATE].set,
			     npos, pos, false);
	if (rc < 0)
		return rc;
	ro.bom = v[O_BOM].set;
	rc = SL_FORMAT_FIND(log_formats, v[O_FORMAT].str)
		     ->render(&out, log, &ro);
	if (rc == 0)
		rc = sl_cli_emit(cli, v[O_OUTPUT].str, &out);
	sl_buf_dispose(&out);
	sl_log_free(log);
	return rc;
}
