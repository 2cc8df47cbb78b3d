/* cmd_blame.c: `sheetlog blame`: who gave each field its current value. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "alloc.h"
#include "blame.h"
#include "blame_sheet.h"
#include "format.h"
#include "render.h"

enum { O_FORMAT, O_CHARS, O_FIELD, O_IGNORE_NOTATION, O_LANG };

#define BLAME_FORMATS(X)                \
	X("text", sl_render_blame_text) \
	X("json", sl_render_blame_json)

SL_FORMAT_TABLE(blame_formats, BLAME_FORMATS, sl_buf *out, const sl_blame *b,
		const sl_render_options *o);

/* blame sheet: the same format names, the document's renderers. */
#define BLAME_SHEET_FORMATS(X)                \
	X("text", sl_render_blame_sheet_text) \
	X("json", sl_render_blame_sheet_json)

SL_FORMAT_TABLE(blame_sheet_formats, BLAME_SHEET_FORMATS, sl_buf *out,
		const sl_blame_sheet *b, const sl_render_options *o);

static const sl_opt blame_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, BLAME_FORMATS, "output format (default: text)"),
	SL_OPT_FLAG(O_CHARS, "chars", 0,
		    "also blame each run of characters of the answer"),
	{O_FIELD, "field", 0, "FIELD", NULL,
	 "with --chars: the field to blame (default: answer)"},
	SL_OPT_FLAG(O_IGNORE_NOTATION, "ignore-notation", 0,
		    "skip notation-only changes (表記のみ): blame the change "
		    "before them, as git blame --ignore-rev does"),
	SL_OPT_LANG(O_LANG),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_blame_spec = {
	"blame",
	"ITEM[@REV] | ITEM [REV] | sheet [REV]",
	"show, for every field of an item, the commit that gave it its current value",
	"For each field: commit, date, author and edition of the change that set\n"
	"its current value (following renumbering), or the edition that\n"
	"published it (公開版, 基準版, 未公開 as in history). With --chars, the same per\n"
	"run of characters of the answer. REV defaults to WORKTREE; ITEM@REV is\n"
	"the same as ITEM REV.\n"
	"\n"
	"`blame sheet` does the same for the document around the items\n"
	"(sheet.json): its title, introduction, as-of note, column headings,\n"
	"disclaimer, page furniture and other keys, each section's title and\n"
	"scope and each scope's title (--chars does not apply).",
	blame_opts,
	1,
	2,
};

/* `blame sheet [REV]`: the document's fields. */
static int blame_sheet(sl_cli_cmd *c, const sl_rev *rev)
{
	sl_blame_sheet *b = NULL;
	int rc;
	if (c->v[O_CHARS].set || c->v[O_FIELD].set)
		return sl_error_set(SL_EUSAGE,
				    "--chars and --field blame an item's text, "
				    "not the document's (blame sheet)");
	rc = sl_blame_sheet_compute(
		&b, c->repo, rev, &c->history.walk,
		c->v[O_IGNORE_NOTATION].set ? SL_BLAME_IGNORE_NOTATION : 0);
	sl_cli_progress_end(c->cli);
	if (rc == 0)
		rc = SL_FORMAT_FIND(blame_sheet_formats, c->format)
			     ->render(&c->out, b, &c->ro);
	sl_blame_sheet_free(b);
	return rc;
}

int sl_cmd_blame(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT;
	sl_blame *b = NULL;
	const char *field = c->v[O_FIELD].set ? c->v[O_FIELD].str : "answer";
	const char *at = NULL;
	char *id = NULL;
	int rc = sl_cli_item_arg(&id, &at, c->pos[0]);

	if (rc == 0 && at && c->npos > 1)
		rc = sl_error_set(SL_EUSAGE,
				  "give ITEM@REV or ITEM REV, not both");
	if (rc == 0 && !at)
		at = c->npos > 1 ? c->pos[1] : "WORKTREE";
	if (rc == 0)
		rc = sl_rev_resolve(&rev, c->repo, at);
	if (rc == 0 && !strcmp(id, "sheet")) {
		rc = blame_sheet(c, &rev);
		sl_rev_dispose(&rev);
		sl_free(id);
		return rc;
	}
	if (rc == 0) {
		rc = sl_blame_item(
			&b, c->repo, &rev, id, c->v[O_CHARS].set ? field : NULL,
			&c->history.walk,
			c->v[O_IGNORE_NOTATION].set ? SL_BLAME_IGNORE_NOTATION
						    : 0);
		sl_cli_progress_end(c->cli);
		rc = sl_cli_suggest_item(c->cli, rc, &rev, id);
	}
	if (rc == 0)
		rc = SL_FORMAT_FIND(blame_formats, c->format)
			     ->render(&c->out, b, &c->ro);
	sl_blame_free(b);
	sl_rev_dispose(&rev);
	sl_free(id);
	return rc;
}
