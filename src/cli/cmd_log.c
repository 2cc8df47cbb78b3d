/* cmd_log.c: `sheetlog log`: the commits that touched the sheet. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "log.h"
#include "format.h"
#include "render.h"

#define LOG_FORMATS(X)                \
	X("text", sl_render_log_text) \
	X("json", sl_render_log_json) \
	X("csv", sl_render_log_csv)

SL_FORMAT_TABLE(log_formats, LOG_FORMATS, sl_buf *out, const sl_log *log,
		const sl_render_options *o);

static const sl_opt log_opts[] = {
	SL_FORMAT_OPT(SL_LOG_O_FORMAT, LOG_FORMATS,
		      "output format (default: text)"),
	SL_LOG_OPTS,
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_log_spec = {
	"log",
	"[A..B]",
	"list the commits that touched the sheet, with counts and item ids",
	"One entry per commit that changed checklist/: commit, date, author,\n"
	"edition mark, counts of added, removed, modified, renumbered and\n"
	"notation-only items, and the ids touched, each marked: +added,\n"
	"-removed, ~modified, 2-5→2-6 renumbered, ±replaced. A commit that is not an\n"
	"edition says which edition published it (公開版) and which it was made\n"
	"after (基準版), or 未公開 (unpublished). Default range: all of HEAD.\n"
	"A reversed range is refused; a date before the first commit starts at\n"
	"the beginning (a note says so).",
	log_opts,
	0,
	1,
};

int sl_cmd_log(sl_cli_cmd *c)
{
	sl_log *log = NULL;
	int rc = sl_cli_log_args(c, false, &log);

	if (rc == 0)
		rc = SL_FORMAT_FIND(log_formats, c->format)
			     ->render(&c->out, log, &c->ro);
	sl_log_free(log);
	return rc;
}
