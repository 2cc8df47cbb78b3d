/* cmd_import.c: `sheetlog import`: a published text into checklist/. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "format.h"
#include "fs.h"
#include "diff.h"
#include "import_csv.h"
#include "import_xlsx.h"
#include "json.h"
#include "import_seed.h"
#include "lint.h"
#include "load.h"
#include "render.h"
#include "store.h"

enum {
	O_FROM,
	O_INTO,
	O_PUBLISHER,
	O_SOURCE_URL,
	O_AS_OF,
	O_PRUNE,
	O_ENCODING,
	O_WRITE,
	O_ADD_NEW,
	O_EXTRA_COLUMNS,
	O_FORMAT,
	O_LANG,
	O_COLOR,
};

static const sl_opt import_opts[] = {
	{O_FROM, "from", 0, "KIND", "seed|csv|xlsx",
	 "input kind: seed (the published page text), csv or xlsx (a spreadsheet)"},
	{O_INTO, "into", 0, "DIR", NULL,
	 "sheet directory to write (default: checklist/ of the repository)"},
	{O_PUBLISHER, "publisher", 0, "NAME", NULL,
	 "sheet.json publisher (not in the text)"},
	{O_SOURCE_URL, "source-url", 0, "URL", NULL,
	 "sheet.json source_url (not in the text)"},
	{O_AS_OF, "as-of", 0, "YYYY-MM", NULL,
	 "edition date, when the text has none"},
	SL_OPT_FLAG(
		O_PRUNE, "prune", 0,
		"seed: delete item files the import does not contain (default: keep and list them)"),
	{O_ENCODING, "encoding", 0, "ENC", "auto|utf-8|cp932",
	 "csv: the file's encoding (default: auto: UTF-8 with or without BOM, else CP932)"},
	SL_OPT_FLAG(
		O_WRITE, "write", 'w',
		"csv: write the changed item files (default: only show the changes)"),
	SL_OPT_FLAG(
		O_ADD_NEW, "add-new", 0,
		"csv: add rows whose id the sheet does not have (default: report them)"),
	SL_OPT_FLAG(
		O_EXTRA_COLUMNS, "extra-columns", 0,
		"csv: keep columns sheetlog does not know as extra fields (default: ignore them)"),
	SL_FORMAT_OPT(
		O_FORMAT, SL_DIFF_FORMATS_PLAIN,
		"csv: how the changes are shown (default: text, as sheetlog diff)"),
	SL_OPT_LANG(O_LANG),
	SL_OPT_COLOR(O_COLOR),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_import_spec = {
	"import",
	"FILE",
	"import a published sheet, or a spreadsheet's edits, into the item files",
	"--from seed parses the published text form (grammar: docs/file-format.md)\n"
	"and writes sheet.json and items/<id>.json in canonical form.\n"
	"--from csv reads a CSV saved by a spreadsheet (header row: id/No,\n"
	"category/項目, question/評価内容, answer/回答内容, section, scope) and\n"
	"updates the working tree's items field by field: it shows the changes\n"
	"as sheetlog diff does, and with --write writes only the changed item\n"
	"files, atomically. Fields the CSV lacks are kept; unknown ids are\n"
	"reported (added with --add-new); ids missing from the CSV are never\n"
	"deleted. Everything is validated before the first file is written.\n"
	"--from xlsx reads an Excel workbook the same way (export --format\n"
	"xlsx's, or one Excel, LibreOffice or openpyxl saved): the worksheets\n"
	"with a header row naming No/id and 評価内容/question, in any order\n"
	"and under any name; a merged category cell, or a blank one where\n"
	"categories are printed once per group, takes the one above;\n"
	"struck-through text is deleted text. Hostile workbooks (zip bombs,\n"
	"DTDs, unsafe entry names, over 100,000 rows a worksheet) are\n"
	"refused (docs/spreadsheets.md). --write, --add-new, --extra-columns\n"
	"and --format work for xlsx as for csv.",
	import_opts,
	1,
	1,
};

static int import_seed(sl_cli_cmd *c)
{
	sl_cli *cli = c->cli;
	const sl_optval *v = c->v;
	char **pos = c->pos;
	int rc;
	sl_buf text = SL_BUF_INIT;
	sl_sheet *sheet = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_store_report report = SL_STORE_REPORT_INIT;
	sl_seed_options so = SL_SEED_OPTIONS_INIT;
	char *into = NULL, *file = NULL;
	size_t i;

	if (v[O_INTO].set) {
		rc = sl_cli_path(cli, v[O_INTO].str, &into);
		if (rc < 0)
			return rc;
	} else {
		sl_repo *repo;
		rc = sl_cli_repo(cli, &repo);
		if (rc < 0)
			return rc;
		if (!sl_repo_workdir(repo))
			return sl_error_set(
				SL_EREPO,
				"bare repository has no working tree; give --into");
		into = sl_fs_join(sl_repo_workdir(repo), SL_SHEET_DIR);
	}
	if (!into)
		return sl_error_oom();
	rc = sl_cli_path(cli, pos[0], &file);
	if (rc == 0)
		rc = sl_fs_read(&text, file);
	if (rc < 0)
		goto done;
	so.path = pos[0];
	so.publisher = v[O_PUBLISHER].str;
	so.source_url = v[O_SOURCE_URL].str;
	so.as_of = v[O_AS_OF].str;
	rc = sl_import_seed(&sheet, text.ptr ? text.ptr : "", text.len, &so);
	if (rc < 0)
		goto done;
	rc = sl_lint_structure(&diags, sheet, NULL);
	if (rc == 0 && diags.errors) {
		sl_diag_sort(&diags);
		rc = sl_diag_first_error(&diags);
		sl_error_add_path(pos[0]);
	}
	if (rc < 0)
		goto done;
	rc = sl_store_write(&report, sheet, into, v[O_PRUNE].set);
	if (rc < 0) {
		/* One line: what failed, and how far the writes got (out
		 * of memory stays as it is: nothing was written then). */
		sl_error_wrap("%s (%zu file%s written before the failure)",
			      sl_error_last()->message, report.written,
			      report.written == 1 ? "" : "s");
		goto done;
	}
	fprintf(cli->out,
		"imported %zu items into %s: %zu file%s written, %zu unchanged",
		sl_sheet_item_count(sheet), into, report.written,
		report.written == 1 ? "" : "s", report.unchanged);
	if (report.removed)
		fprintf(cli->out, ", %zu removed", report.removed);
	fputc('\n', cli->out);
	for (i = 0; i < report.stale.len; i++)
		fprintf(cli->err,
			"warning: %s/items/%s is not in the import (kept; --prune removes it)\n",
			into, (char *)report.stale.items[i]);
done:
	sl_store_report_dispose(&report);
	sl_diag_list_dispose(&diags);
	sl_sheet_free(sheet);
	sl_buf_dispose(&text);
	sl_free(into);
	sl_free(file);
	return rc;
}

/* The changed and added items of diff as canonical files under dir,
 * through the store (the one writer of sheet files). */
static int write_changed(size_t *written, const sl_diff *diff, const char *dir)
{
	size_t n = sl_diff_count(diff), i, k = 0;
	const sl_item **items = sl_calloc(n ? n : 1, sizeof(*items));
	int rc;
	*written = 0;
	if (!items)
		return sl_error_oom();
	for (i = 0; i < n; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->new_item)
			items[k++] = c->new_item;
	}
	rc = sl_store_write_items(written, items, k, dir);
	sl_free(items);
	return rc;
}

static void list(FILE *f, const char *what, const sl_vec *v)
{
	size_t i;
	if (!v->len)
		return;
	fprintf(f, "sheetlog: %s: ", what);
	for (i = 0; i < v->len; i++)
		fprintf(f, "%s%s", i ? ", " : "", (const char *)v->items[i]);
	fputc('\n', f);
}

static int import_csv(sl_cli_cmd *c)
{
	sl_cli *cli = c->cli;
	const sl_optval *v = c->v;
	char **pos = c->pos;
	sl_csv_import_options o = SL_CSV_IMPORT_OPTIONS_INIT;
	sl_csv_import imp = SL_CSV_IMPORT_INIT;
	sl_rev wt = SL_REV_INIT, file = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *old = NULL, *next = NULL;
	sl_diff *diff = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_buf data = SL_BUF_INIT;
	sl_xlsx_table book = SL_XLSX_TABLE_INIT;
	bool xlsx = !strcmp(v[O_FROM].str, "xlsx");
	const sl_diff_format *format =
		SL_FORMAT_FIND(sl_cli_diff_formats, c->format);
	size_t written = 0;
	char *path = NULL;
	int rc = 0;

	if (v[O_INTO].set || v[O_PRUNE].set || v[O_PUBLISHER].set ||
	    v[O_SOURCE_URL].set || v[O_AS_OF].set)
		return sl_error_set(
			SL_EUSAGE, "--into, --prune, --publisher, --source-url "
				   "and --as-of are for --from seed");
	if (xlsx && v[O_ENCODING].set)
		return sl_error_set(SL_EUSAGE, "--encoding is for --from csv");
	if (v[O_ENCODING].set &&
	    (rc = sl_encoding_parse(&o.encoding, v[O_ENCODING].str)) < 0)
		return rc;
	o.path = pos[0];
	o.add_new = v[O_ADD_NEW].set;
	o.extra_columns = v[O_EXTRA_COLUMNS].set;
	rc = sl_cli_path(cli, pos[0], &path);
	if (rc == 0)
		rc = sl_fs_read(&data, path);
	if (rc == 0)
		rc = sl_cli_snapshot(cli, "WORKTREE", &wt, &snap);
	/* Two loads of the working tree: the sheet as it is, and the one the
	 * CSV edits. */
	if (rc == 0)
		rc = sl_load_valid(&old, snap);
	if (rc == 0)
		rc = sl_load_valid(&next, snap);
	if (rc == 0 && xlsx)
		rc = sl_xlsx_import_apply(&imp, next, data.ptr, data.len, &o,
					  &book);
	else if (rc == 0)
		rc = sl_csv_import_apply(&imp, next, data.ptr ? data.ptr : "",
					 data.len, &o);
	if (rc == 0)
		rc = sl_diff_compute(&diff, old, next);
	if (rc < 0)
		goto done;
	file.label = (char *)pos[0];
	c->ro.from = &wt;
	c->ro.to = &file;
	c->ro.color = sl_cli_cmd_color(c, format->name);
	rc = format->render(&c->out, diff, &c->ro);
	file.label = NULL;
	if (rc == 0)
		rc = sl_cli_cmd_emit(c); /* the changes, then the notes */
	if (rc < 0)
		goto done;
	fprintf(cli->err, "sheetlog: read %zu row%s of %s (%s)\n", imp.rows,
		imp.rows == 1 ? "" : "s", pos[0],
		xlsx ? "xlsx" : sl_encoding_name(imp.encoding));
	list(cli->err, "worksheets read", &book.sheets);
	list(cli->err, "worksheets skipped (no header row)", &book.skipped);
	list(cli->err, "ids not in the sheet (not added; --add-new adds them)",
	     &imp.unknown);
	list(cli->err, "ids of the sheet not in the CSV (kept)", &imp.missing);
	list(cli->err, "columns ignored (--extra-columns keeps them)",
	     &imp.ignored);
	if (!v[O_WRITE].set)
		goto done;
	/* What the CSV makes of the sheet must still be a valid sheet. */
	rc = sl_lint_structure(&diags, next, NULL);
	if (rc == 0 && diags.errors) {
		sl_buf b = SL_BUF_INIT;
		sl_diag_sort(&diags);
		sl_render_diags_text(&b, &diags, 0, true);
		fprintf(cli->err,
			"%ssheetlog: the CSV would leave %zu lint error%s; "
			"nothing written\n",
			sl_buf_cstr(&b), diags.errors,
			diags.errors == 1 ? "" : "s");
		sl_buf_dispose(&b);
		rc = SL_FINDINGS;
		goto done;
	}
	if (rc == 0) {
		char *dir =
			sl_fs_join(sl_repo_workdir(cli->repo), SL_SHEET_DIR);
		rc = dir ? write_changed(&written, diff, dir) : sl_error_oom();
		sl_free(dir);
		if (rc < 0)
			sl_error_wrap("%s (%zu file%s written before the "
				      "failure)",
				      sl_error_last()->message, written,
				      written == 1 ? "" : "s");
		else
			fprintf(cli->err, "sheetlog: wrote %zu item file%s\n",
				written, written == 1 ? "" : "s");
	}
done:
	sl_xlsx_table_dispose(&book);
	sl_free(path);
	sl_buf_dispose(&data);
	sl_diag_list_dispose(&diags);
	sl_diff_free(diff);
	sl_sheet_free(old);
	sl_sheet_free(next);
	sl_snapshot_free(snap);
	sl_rev_dispose(&wt);
	sl_csv_import_dispose(&imp);
	return rc;
}

int sl_cmd_import(sl_cli_cmd *c)
{
	const sl_optval *v = c->v;
	if (!v[O_FROM].set)
		return sl_error_set(SL_EUSAGE,
				    "import needs --from seed or --from csv");
	if (!strcmp(v[O_FROM].str, "csv") || !strcmp(v[O_FROM].str, "xlsx"))
		return import_csv(c);
	if (v[O_ENCODING].set || v[O_WRITE].set || v[O_ADD_NEW].set ||
	    v[O_EXTRA_COLUMNS].set || v[O_FORMAT].set)
		return sl_error_set(SL_EUSAGE,
				    "--encoding, --write, --add-new, "
				    "--extra-columns and --format are for "
				    "--from csv and xlsx");
	return import_seed(c);
}
