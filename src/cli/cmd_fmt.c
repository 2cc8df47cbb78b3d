/* cmd_fmt.c: `sheetlog fmt`: rewrite or check the canonical file form. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "fmt.h"

enum { O_CHECK };

static const sl_opt fmt_opts[] = {
	SL_OPT_FLAG(
		O_CHECK, "check", 0,
		"list files not in canonical form and exit 1; write nothing"),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_fmt_spec = {
	"fmt",
	"",
	"rewrite the sheet's JSON files into canonical form",
	"Canonical form: UTF-8 without \\u escapes for non-ASCII, 2-space indent,\n"
	"fixed key order, one trailing newline (docs/file-format.md). Files are\n"
	"replaced atomically, all or none; when a file does not parse, nothing is\n"
	"written and the problems are listed.",
	fmt_opts,
	0,
	0,
};

int sl_cmd_fmt(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_vec paths = SL_VEC_INIT;
	bool check = c->v[O_CHECK].set;
	size_t i;
	const sl_diag *d;
	int rc = sl_cli_snapshot(c->cli, "WORKTREE", &rev, &snap);

	if (rc < 0)
		goto done;
	if (!snap->has_sheet_dir) {
		rc = sl_error_set(SL_ENOTFOUND, "no %s/ directory",
				  SL_SHEET_DIR);
		goto done;
	}
	rc = sl_fmt_run(&paths, &diags, snap, !check);
	if (rc < 0)
		goto done;
	sl_diag_sort(&diags);
	SL_DIAG_FOREACH (&diags, i, d) {
		sl_buf line = SL_BUF_INIT;
		sl_diag_format(&line, d);
		fprintf(c->cli->err, "%s\n", sl_buf_cstr(&line));
		sl_buf_dispose(&line);
	}
	if (diags.errors) {
		rc = sl_error_set(
			SL_EINVALID,
			"%zu file%s cannot be parsed; nothing was formatted",
			diags.errors, diags.errors == 1 ? "" : "s");
		goto done;
	}
	for (i = 0; i < paths.len; i++)
		fprintf(c->cli->out, "%s%s\n", check ? "" : "formatted ",
			(char *)paths.items[i]);
	if (check && paths.len)
		rc = SL_FINDINGS;
done:
	sl_vec_free_all(&paths);
	sl_diag_list_dispose(&diags);
	sl_snapshot_free(snap);
	sl_rev_dispose(&rev);
	return rc;
}
