/*
 * cmd_textconv.c: `sheetlog textconv FILE`: git's textconv driver for item
 * files (docs/git-integration.md). Needs no repository: git hands over a
 * temporary copy of the blob.
 */
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "fs.h"
#include "render.h"

enum { O_LANG };

static const sl_opt textconv_opts[] = {
	SL_OPT_LANG(O_LANG),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_textconv_spec = {
	"textconv",
	"FILE",
	"print an item file as labelled text, for git diff (textconv driver)",
	"Prints the fields of one item file in canonical order with their\n"
	"labels, multi-line text as it is, so that git diff and git log -p show\n"
	"the question and answer instead of escaped JSON. A file that is not a\n"
	"valid item (sheet.json, a broken file) is printed unchanged. Set up with\n"
	"'sheetlog install-hooks --diff-driver' or by hand: see\n"
	"docs/git-integration.md.",
	textconv_opts,
	1,
	1,
};

int sl_cmd_textconv(sl_cli_cmd *c)
{
	sl_buf in = SL_BUF_INIT;
	int rc = sl_fs_read(&in, c->pos[0]);

	if (rc == 0)
		rc = sl_render_textconv(&c->out, NULL, in.ptr ? in.ptr : "",
					in.len, &c->ro);
	sl_buf_dispose(&in);
	return rc;
}
