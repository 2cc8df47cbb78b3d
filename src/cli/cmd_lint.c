/* cmd_lint.c: `sheetlog lint`: validate the sheet at a revision. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "lint.h"
#include "format.h"
#include "load.h"
#include "notation_fix.h"
#include "render.h"

enum { O_STRICT, O_FORMAT, O_QUIET, O_INDEX_FILE, O_FIX, O_WRITE, O_COLOR };

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
	SL_OPT_FLAG(O_FIX, "fix", 0,
		    "show the diff that fixes the notation findings with one "
		    "right answer (compat-ideograph, trailing-whitespace)"),
	SL_OPT_FLAG(O_WRITE, "write", 0,
		    "with --fix: write the fixed files (atomically, all or "
		    "none)"),
	SL_OPT_COLOR(O_COLOR),
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
	"errors, 2 for usage or repository errors.\n"
	"--fix works on the working tree: it replaces compatibility ideographs\n"
	"by the character NFKC gives (⽤ U+2F64 -> 用 U+7528) and removes\n"
	"trailing whitespace, in the items and sheet.json, and shows the result\n"
	"as 'sheetlog diff' would; only --write writes it. The other notation\n"
	"warnings depend on the sentence and are left to the editor\n"
	"(docs/spreadsheets.md, \"Notation fixes\").",
	lint_opts,
	0,
	1,
};

/* lint --fix [--write]: the fixed sheet as a diff of the working tree,
 * then (--write) its files, all or none. */
static int lint_fix(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT, fixed_rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *old = NULL, *fixed = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_diff *diff = NULL;
	sl_vec paths = SL_VEC_INIT;
	bool write = c->v[O_WRITE].set;
	size_t texts = 0, i;
	int rc = 0;

	if (c->npos && strcmp(c->pos[0], "WORKTREE"))
		rc = sl_error_set(SL_EUSAGE,
				  "--fix works on the working tree, not on "
				  "'%s'",
				  c->pos[0]);
	else if (c->v[O_FORMAT].set || c->v[O_INDEX_FILE].set)
		rc = sl_error_set(SL_EUSAGE, "--fix takes neither --format nor "
					     "--index-file");
	else if (!sl_repo_workdir(c->repo))
		rc = sl_error_set(SL_EREPO,
				  "a bare repository has no working tree");
	if (rc == 0)
		rc = sl_cli_snapshot(c->cli, "WORKTREE", &rev, &snap);
	if (rc == 0)
		rc = sl_load_sheet(&old, &diags, snap);
	if (rc == 0 && diags.errors)
		rc = sl_load_fail(snap, &diags);
	if (rc == 0)
		rc = sl_load_sheet(&fixed, &diags, snap);
	if (rc == 0)
		rc = sl_notation_fix_sheet(&texts, fixed);
	if (rc == 0)
		rc = sl_diff_compute(&diff, old, fixed);
	if (rc < 0)
		goto done;
	if (texts == 0) {
		fprintf(c->cli->err, "sheetlog: nothing to fix\n");
		goto done;
	}
	fixed_rev.label = (char *)"lint --fix";
	c->ro.from = &rev;
	c->ro.to = &fixed_rev;
	c->ro.color = sl_cli_cmd_color(c, "text");
	rc = sl_render_diff_text(&c->out, diff, &c->ro);
	fixed_rev.label = NULL;
	if (rc == 0)
		rc = sl_cli_cmd_emit(c);
	if (rc == 0 && write)
		rc = sl_cli_alloc_check(c->cli);
	if (rc == 0 && write)
		rc = sl_notation_fix_write(&paths, old, fixed, snap,
					   sl_repo_workdir(c->repo));
	if (rc < 0)
		goto done;
	for (i = 0; i < paths.len; i++)
		fprintf(c->cli->err, "sheetlog: fixed %s\n",
			(char *)paths.items[i]);
	if (write)
		fprintf(c->cli->err,
			"sheetlog: fixed %zu text%s in %zu file%s\n", texts,
			texts == 1 ? "" : "s", paths.len,
			paths.len == 1 ? "" : "s");
	else
		fprintf(c->cli->err,
			"sheetlog: %zu text%s would be fixed; nothing written "
			"(--write writes them)\n",
			texts, texts == 1 ? "" : "s");
done:
	sl_vec_free_all(&paths);
	sl_diff_free(diff);
	sl_diag_list_dispose(&diags);
	sl_sheet_free(fixed);
	sl_sheet_free(old);
	sl_snapshot_free(snap);
	sl_rev_dispose(&rev);
	return rc;
}

int sl_cmd_lint(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	char *index_file = NULL;
	int rc = 0;

	if (c->v[O_FIX].set)
		return lint_fix(c);
	if (c->v[O_WRITE].set)
		return sl_error_set(SL_EUSAGE, "--write needs --fix");
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
