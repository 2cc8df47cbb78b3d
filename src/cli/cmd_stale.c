/* cmd_stale.c: `sheetlog stale`: answers neither changed nor confirmed
 * for a long time, oldest first. */
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "format.h"
#include "render.h"
#include "stale.h"

enum { O_OLDER_THAN, O_FORMAT, O_OUTPUT, O_LANG, O_BOM };

#define STALE_FORMATS(X)                        \
	X("text", sl_render_stale_text)         \
	X("markdown", sl_render_stale_markdown) \
	X("json", sl_render_stale_json)         \
	X("csv", sl_render_stale_csv)

SL_FORMAT_TABLE(stale_formats, STALE_FORMATS, sl_buf *out, const sl_stale *s,
		const sl_render_options *o);

static const sl_opt stale_opts[] = {
	{O_OLDER_THAN, "older-than", 0, "AGE", NULL,
	 "N days, weeks, months or years: 90d, 8w, 12m, 2y (default: 12m)"},
	SL_FORMAT_OPT(O_FORMAT, STALE_FORMATS, "output format (default: text)"),
	SL_OPT_OUTPUT(O_OUTPUT),
	SL_OPT_LANG(O_LANG),
	SL_OPT_BOM(O_BOM),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_stale_spec = {
	"stale",
	"",
	"list answers neither changed nor confirmed for a long time",
	"Lists the items of HEAD whose answer has been neither changed (the\n"
	"commit that last set it, as blame --ignore-notation finds it) nor\n"
	"approved or confirmed (sheetlog approve --confirm) for longer than\n"
	"--older-than, oldest first, with the last event and the item's owners\n"
	"(sheet.json \"owners\"). Exit status 0 whether or not any is listed.",
	stale_opts,
	0,
	0,
};

int sl_cmd_stale(sl_cli_cmd *c)
{
	sl_stale *s = NULL;
	sl_walk_options walk = SL_WALK_OPTIONS_INIT;
	const char *spec =
		c->v[O_OLDER_THAN].set ? c->v[O_OLDER_THAN].str : "12m";
	int rc =
		sl_stale_compute(&s, c->repo, spec, (int64_t)time(NULL), &walk);
	if (rc == 0)
		rc = SL_FORMAT_FIND(stale_formats, c->format)
			     ->render(&c->out, s, &c->ro);
	sl_stale_free(s);
	return rc;
}
