/* cmd_lint.c: `sheetlog lint`: validate the sheet at a revision. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "lint.h"
#include "format.h"
#include "load.h"
#include "render.h"

enum { O_STRICT, O_FORMAT, O_QUIET, O_INDEX_FILE };

/* The findings of one run, for either format. */
typedef struct lint_job {
	const sl_diag_list *diags;
	const char *rev;   /* the revision linted, for JSON */
	size_t item_count; /* items checked */
	bool quiet;        /* text: errors only, no summary */
} lint_job;

static int lint_text(sl_buf *out, const lint_job *j)
{
	return sl_render_diags_text(out, j->diags, j->item_count, j->quiet);
}

static int lint_json(sl_buf *out, const lint_job *j)
{
	return sl_render_diags_json(out, j->diags, j->rev, j->item_count);
}

#define LINT_FORMATS(X)      \
	X("text", lint_text) \
	X("json", lint_json)

SL_FORMAT_TABLE(lint_formats, LINT_FORMATS, sl_buf *out, const lint_job *j);

static const sl_opt lint_opts[] = {
	SL_OPT_FLAG(O_STRICT, "strict", 0, "treat warnings as errors"),
	SL_FORMAT_OPT(O_FORMAT, LINT_FORMATS, "output format (default: text)"),
	SL_OPT_FLAG(O_QUIET, "quiet", 'q',
		    "print errors only, no warnings or summary"),
	{O_INDEX_FILE, "index-file", 0, "FILE", NULL,
	 "read INDEX from FILE (the pre-commit hook passes $GIT_INDEX_FILE)"},
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_lint_spec = {
	"lint",
	"[REV]",
	"validate the sheet in the working tree or at a revision",
	"Errors: JSON syntax (line:column), required fields and types, id syntax\n"
	"and id_pattern, duplicate ids, file name equal to id, sections and scopes\n"
	"consistent with sheet.json, invalid UTF-8, empty text. Warnings: notation\n"
	"(compatibility ideographs, full-width ASCII, spaces inside Japanese text,\n"
	"trailing whitespace). Exit status 0 when clean (warnings allowed), 1 with\n"
	"errors, 2 for usage or repository errors.",
	lint_opts,
	0,
	1,
};

int sl_cmd_lint(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	char *index_file = NULL;
	int rc = 0;

	if (c->v[O_INDEX_FILE].set) {
		rc = sl_cli_path(c->cli, c->v[O_INDEX_FILE].str, &index_file);
		if (rc == 0)
			rc = sl_repo_use_index_file(c->repo, index_file);
	}
	if (rc == 0)
		rc = sl_cli_snapshot(c->cli, c->npos ? c->pos[0] : NULL, &rev,
				     &snap);
	if (rc == 0)
		rc = sl_load_sheet(&sheet, &diags, snap);
	if (rc == 0)
		rc = sl_lint_structure(&diags, sheet, snap);
	if (rc == 0)
		rc = sl_lint_notation(&diags, sheet, snap);
	if (rc == 0) {
		lint_job job = {&diags, rev.label, sl_sheet_item_count(sheet),
				c->v[O_QUIET].set};
		if (c->v[O_STRICT].set)
			sl_diag_promote_warnings(&diags);
		sl_diag_sort(&diags);
		rc = SL_FORMAT_FIND(lint_formats, c->format)
			     ->render(&c->out, &job);
	}
	if (rc == 0 && diags.errors)
		rc = SL_FINDINGS;
	sl_free(index_file);
	sl_diag_list_dispose(&diags);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	sl_rev_dispose(&rev);
	return rc;
}
