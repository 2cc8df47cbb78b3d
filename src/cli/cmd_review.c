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
	{0, NULL, 0, NULL, NULL, NULL},
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

int sl_cmd_review(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_repo *repo;
	sl_review *review = NULL;
	sl_buf out = SL_BUF_INIT;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	const char *format;

	rc = sl_cli_parse(cli, &sl_cmd_review_spec, v, pos, &npos, argc, argv);
	if (rc != 0)
		return rc;
	if (v[O_LANG].set && (rc = sl_lang_parse(&ro.lang, v[O_LANG].str)) < 0)
		return rc;
	rc = sl_cli_repo(cli, &repo);
	if (rc == 0)
		rc = sl_review_compute(&review, repo,
				       v[O_BASE].set ? v[O_BASE].str : NULL);
	if (rc < 0)
		goto done;
	format = SL_FORMAT_FIND(review_formats, v[O_FORMAT].str)->name;
	ro.color = sl_cli_color(cli, format, v[O_COLOR].str, v[O_OUTPUT].set);
	rc = SL_FORMAT_FIND(review_formats, format)->render(&out, review, &ro);
	if (rc == 0)
		rc = sl_cli_emit(cli, v[O_OUTPUT].str, &out);
	if (rc == 0 && review->diags.errors)
		rc = SL_FINDINGS;
done:
	sl_buf_dispose(&out);
	sl_review_free(review);
	return rc;
}
