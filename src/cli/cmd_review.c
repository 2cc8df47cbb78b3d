/* cmd_review.c: `sheetlog review`: every pending edit since an edition,
 * with its lint findings, for the people who approve the next edition. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "format.h"
#include "render.h"
#include "review.h"

enum { O_BASE, O_FORMAT, O_OUTPUT, O_LANG, O_COLOR };

#define REVIEW_FORMATS(X)                        \
	X("text", sl_render_review_text)         \
	X("markdown", sl_render_review_markdown) \
	X("html", sl_render_review_html)

SL_FORMAT_TABLE(review_formats, REVIEW_FORMATS, sl_buf *out, const sl_review *r,
		const sl_render_options *o);

static const sl_opt review_opts[] = {
	{O_BASE, "base", 'b', "REV", NULL,
	 "compare with REV (default: the newest edition)"},
	SL_FORMAT_OPT(O_FORMAT, REVIEW_FORMATS,
		      "output format (default: text)"),
	SL_OPT_OUTPUT(O_OUTPUT),
	SL_OPT_LANG(O_LANG),
	SL_OPT_COLOR(O_COLOR),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_review_spec = {
	"review",
	"",
	"review every edit since the newest edition before publishing",
	"Compares the base (the newest edition, or --base REV) with the working\n"
	"tree: committed, staged and unstaged edits alike, each marked with where\n"
	"it stands. Lists the lint findings of the changed items and every lint\n"
	"error of the sheet. html writes one self-contained page (side by side,\n"
	"character-level highlighting, contents and filters); markdown suits a\n"
	"pull-request comment. Exit status 1 when there is a lint error.",
	review_opts,
	0,
	0,
};

int sl_cmd_review(sl_cli_cmd *c)
{
	sl_review *review = NULL;
	const char *format;
	int rc = sl_review_compute(&review, c->repo,
				   c->v[O_BASE].set ? c->v[O_BASE].str : NULL);

	if (rc == 0) {
		format = SL_FORMAT_FIND(review_formats, c->format)->name;
		c->ro.color = sl_cli_cmd_color(c, format);
		rc = SL_FORMAT_FIND(review_formats, format)
			     ->render(&c->out, review, &c->ro);
	}
	if (rc == 0 && review->diags.errors)
		rc = SL_FINDINGS;
	sl_review_free(review);
	return rc;
}
