/* cmd_blame.c: `sheetlog blame`: who gave each field its current value. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "blame.h"
#include "format.h"
#include "render.h"

enum { O_FORMAT, O_CHARS, O_FIELD, O_LANG };

#define BLAME_FORMATS(X)                \
	X("text", sl_render_blame_text) \
	X("json", sl_render_blame_json)

SL_FORMAT_TABLE(blame_formats, BLAME_FORMATS, sl_buf *out, const sl_blame *b,
		const sl_render_options *o);

static const sl_opt blame_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, BLAME_FORMATS, "output format (default: text)"),
	{O_CHARS, "chars", 0, NULL, NULL,
	 "also blame each run of characters of the answer"},
	{O_FIELD, "field", 0, "FIELD", NULL,
	 "with --chars: the field to blame (default: answer)"},
	SL_OPT_LANG(O_LANG),
	{0, NULL, 0, NULL, NULL, NULL},
};

const sl_cmd_spec sl_cmd_blame_spec = {
	"blame",
	"ITEM [REV]",
	"show, for every field of an item, the commit that gave it its current value",
	"For each field: commit, date, author and edition of the change that set\n"
	"its current value (following renumbering). With --chars, the same per\n"
	"run of characters of the answer. REV defaults to WORKTREE.",
	blame_opts,
	1,
	2,
};

int sl_cmd_blame(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_repo *repo;
	sl_rev rev = SL_REV_INIT;
	sl_history_options ho = SL_HISTORY_OPTIONS_INIT;
	sl_blame *b = NULL;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	sl_buf out = SL_BUF_INIT;

	rc = sl_cli_parse(cli, &sl_cmd_blame_spec, v, pos, &npos, argc, argv);
	if (rc != 0)
		return rc;
	if (v[O_LANG].set && (rc = sl_lang_parse(&ro.lang, v[O_LANG].str)) < 0)
		return rc;
	rc = sl_cli_repo(cli, &repo);
	if (rc == 0)
		rc = sl_cli_history_options(cli, &ho, NULL, NULL, false, false);
	if (rc == 0)
		rc = sl_rev_resolve(&rev, repo, npos > 1 ? pos[1] : "WORKTREE");
	if (rc < 0)
		return rc;
	rc = sl_blame_item(
		&b, repo, &rev, pos[0],
		v[O_CHARS].set ? (v[O_FIELD].set ? v[O_FIELD].str : "answer")
			       : NULL,
		&ho.walk);
	sl_cli_progress_end(cli);
	if (rc == 0)
		rc = SL_FORMAT_FIND(blame_formats, v[O_FORMAT].str)
			     ->render(&out, b, &ro);
	if (rc == 0)
		rc = sl_cli_emit(cli, NULL, &out);
	sl_buf_dispose(&out);
	sl_blame_free(b);
	sl_rev_dispose(&rev);
	return rc;
}
