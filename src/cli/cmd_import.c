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
	O_DELETE_MISSING,
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
		"csv: apply the plan to the item files (default: only show it)"),
	SL_OPT_FLAG(
		O_ADD_NEW, "add-new", 0,
		"csv: accepted for compatibility; rows with a new id are always added items"),
	SL_OPT_FLAG(
		O_DELETE_MISSING, "delete-missing", 0,
		"csv: remove the items the spreadsheet does not hold (default: refuse, naming them)"),
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
	"category/項目, question/評価内容, answer/回答内容, section/セクション,\n"
	"scope/責任範囲, or sheet.json's column names) as the desired state of\n"
	"the sheet. Its rows are matched to the working tree's items as sheetlog\n"
	"diff matches two versions (by id, then by content for shifted numbers),\n"
	"so an inserted row with the rows below renumbered is 1 added + N\n"
	"renumbered. The plan is shown as sheetlog diff shows changes; --write\n"
	"applies exactly that plan, atomically: files renamed, ids rewritten, new\n"
	"files created. Fields the CSV lacks keep their values; a row with a new\n"
	"id is an added item with its section's scope; an item the CSV lacks is\n"
	"removed only with --delete-missing (else the import refuses, exit 1,\n"
	"naming each one). Lint runs on the planned sheet; its errors are shown\n"
	"and block --write (exit 1). Empty rows are skipped; ids Excel turned\n"
	"into dates (1月1日) fail with the row; a '?' where the old text had a\n"
	"character CP932 cannot hold keeps the old text, with a warning.\n"
	"--from xlsx reads an Excel workbook the same way (export --format\n"
	"xlsx's, or one Excel, LibreOffice or openpyxl saved): the worksheets\n"
	"with a header row naming No/id and 評価内容/question, in any order\n"
	"and under any name; a merged category cell, or a blank one where\n"
	"categories are printed once per group, takes the one above;\n"
	"struck-through text is deleted text. Hostile workbooks (zip bombs,\n"
	"DTDs, unsafe entry names, over 100,000 rows a worksheet) are\n"
	"refused. --write, --delete-missing, --extra-columns and --format\n"
	"work for xlsx as for csv. Guide: docs/spreadsheets.md.",
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
		sl_buf_printf(
			&cli->notes,
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

static void list(sl_buf *notes, const char *what, const sl_vec *v)
{
	size_t i;
	if (!v->len)
		return;
	sl_buf_printf(notes, "sheetlog: %s: ", what);
	for (i = 0; i < v->len; i++)
		sl_buf_printf(notes, "%s%s", i ? ", " : "",
			      (const char *)v->items[i]);
	sl_buf_putc(notes, '\n');
}

/*
 * A spreadsheet's plan: shown as sheetlog diff shows changes, then
 * checked (lint of the planned sheet; items it would remove), then, with
 * --write, applied. Every table kind (CSV, a workbook) ends here.
 * @return 0, SL_FINDINGS (refused: lint errors, or items that would go
 * without --delete-missing), or the write's error
 */
static int run_plan(sl_cli_cmd *c, const sl_import_plan *plan, const sl_rev *wt,
		    const char *name)
{
	sl_cli *cli = c->cli;
	const sl_optval *v = c->v;
	const sl_diff_format *format =
		SL_FORMAT_FIND(sl_cli_diff_formats, c->format);
	sl_rev file = SL_REV_INIT;
	bool write = v[O_WRITE].set;
	size_t i, written = 0, removed = 0;
	char *dir;
	int rc;

	file.label = (char *)name;
	c->ro.from = wt;
	c->ro.to = &file;
	c->ro.color = sl_cli_cmd_color(c, format->name);
	rc = format->render(&c->out, plan->diff, &c->ro);
	file.label = NULL;
	if (rc == 0)
		rc = sl_cli_cmd_emit(c); /* the plan; the notes at the end */
	if (rc < 0)
		return rc;
	for (i = 0; i < plan->kept.len; i++)
		sl_buf_printf(
			&cli->notes,
			"sheetlog: warning: %s: likely lost in a CP932 save; "
			"the old text is kept\n",
			(const char *)plan->kept.items[i]);
	for (i = 0; i < plan->suspect.len; i++)
		sl_buf_printf(
			&cli->notes,
			"sheetlog: warning: %s: edited, with '?' where the "
			"stored text has characters CP932 cannot hold: check "
			"it for a lossy save (taken as the edit)\n",
			(const char *)plan->suspect.items[i]);
	if (plan->forms)
		sl_buf_printf(
			&cli->notes,
			"sheetlog: %zu character%s CP932 cannot hold came back "
			"as %s NFKC form; the stored character%s kept\n",
			plan->forms, plan->forms == 1 ? "" : "s",
			plan->forms == 1 ? "its" : "their",
			plan->forms == 1 ? " is" : "s are");
	if (plan->lint.diags.len)
		sl_render_diags_text(&cli->notes, &plan->lint, 0, true);
	if (plan->lint.errors) {
		sl_buf_printf(
			&cli->notes,
			"sheetlog: the spreadsheet would leave %zu lint "
			"error%s; %s\n",
			plan->lint.errors, plan->lint.errors == 1 ? "" : "s",
			write ? "nothing written" : "--write would refuse it");
		return SL_FINDINGS;
	}
	if (plan->going.len && !v[O_DELETE_MISSING].set) {
		sl_buf_printf(
			&cli->notes,
			"sheetlog: %zu item%s of the sheet %s not in %s and "
			"would be removed:\n",
			plan->going.len, plan->going.len == 1 ? "" : "s",
			plan->going.len == 1 ? "is" : "are", name);
		for (i = 0; i < plan->going.len; i++)
			sl_buf_printf(&cli->notes, "sheetlog: %s\n",
				      (const char *)plan->going.items[i]);
		sl_buf_printf(&cli->notes,
			      "sheetlog: %s; --delete-missing removes them\n",
			      write ? "nothing written"
				    : "--write would refuse");
		return SL_FINDINGS;
	}
	if (!write)
		return 0;
	dir = sl_fs_join(sl_repo_workdir(cli->repo), SL_SHEET_DIR);
	rc = dir ? sl_import_plan_write(&written, &removed, plan, dir)
		 : sl_error_oom();
	sl_free(dir);
	if (rc < 0)
		return sl_error_wrap("%s (%zu file%s written before the "
				     "failure)",
				     sl_error_last()->message, written,
				     written == 1 ? "" : "s");
	sl_buf_printf(&cli->notes, "sheetlog: wrote %zu item file%s", written,
		      written == 1 ? "" : "s");
	if (removed)
		sl_buf_printf(&cli->notes, ", removed %zu", removed);
	sl_buf_putc(&cli->notes, '\n');
	return 0;
}

static int import_csv(sl_cli_cmd *c)
{
	sl_cli *cli = c->cli;
	const sl_optval *v = c->v;
	char **pos = c->pos;
	sl_csv_import_options o = SL_CSV_IMPORT_OPTIONS_INIT;
	sl_csv_import imp = SL_CSV_IMPORT_INIT;
	sl_rev wt = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_buf data = SL_BUF_INIT;
	sl_xlsx_table book = SL_XLSX_TABLE_INIT;
	bool xlsx = !strcmp(v[O_FROM].str, "xlsx");
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
	if (rc == 0)
		rc = sl_load_valid(&sheet, snap);
	/* sheet becomes the desired sheet; imp.plan says from what. */
	if (rc == 0 && xlsx)
		rc = sl_xlsx_import_apply(&imp, sheet, data.ptr, data.len, &o,
					  &book);
	else if (rc == 0)
		rc = sl_csv_import_apply(&imp, sheet, data.ptr ? data.ptr : "",
					 data.len, &o);
	if (rc < 0)
		goto done;
	sl_buf_printf(&cli->notes, "sheetlog: read %zu row%s of %s (%s)\n",
		      imp.rows, imp.rows == 1 ? "" : "s", pos[0],
		      xlsx ? "xlsx" : sl_encoding_name(imp.encoding));
	list(&cli->notes, "worksheets read", &book.sheets);
	list(&cli->notes, "worksheets skipped (no header row)", &book.skipped);
	list(&cli->notes, "columns ignored (--extra-columns keeps them)",
	     &imp.ignored);
	rc = run_plan(c, imp.plan, &wt, pos[0]);
done:
	sl_xlsx_table_dispose(&book);
	sl_free(path);
	sl_buf_dispose(&data);
	sl_csv_import_dispose(&imp);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	sl_rev_dispose(&wt);
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
	    v[O_DELETE_MISSING].set || v[O_EXTRA_COLUMNS].set ||
	    v[O_FORMAT].set)
		return sl_error_set(SL_EUSAGE,
				    "--encoding, --write, --add-new, "
				    "--delete-missing, --extra-columns and "
				    "--format are for --from csv and xlsx");
	return import_seed(c);
}
