/* cmd_import.c: `sheetlog import`: a published text into checklist/. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "fs.h"
#include "import_seed.h"
#include "lint.h"
#include "store.h"

enum { O_FROM, O_INTO, O_PUBLISHER, O_SOURCE_URL, O_AS_OF, O_PRUNE };

static const sl_opt import_opts[] = {
	{O_FROM, "from", 0, "KIND", "seed",
	 "input kind: seed (the published page text)"},
	{O_INTO, "into", 0, "DIR", NULL,
	 "sheet directory to write (default: checklist/ of the repository)"},
	{O_PUBLISHER, "publisher", 0, "NAME", NULL,
	 "sheet.json publisher (not in the text)"},
	{O_SOURCE_URL, "source-url", 0, "URL", NULL,
	 "sheet.json source_url (not in the text)"},
	{O_AS_OF, "as-of", 0, "YYYY-MM", NULL,
	 "edition date, when the text has none"},
	{O_PRUNE, "prune", 0, NULL, NULL,
	 "delete item files the import does not contain (default: keep and list them)"},
	{0, NULL, 0, NULL, NULL, NULL},
};

const sl_cmd_spec sl_cmd_import_spec = {
	"import",
	"FILE",
	"import a published sheet into one JSON file per item",
	"Parses the published text form (grammar: docs/file-format.md) and\n"
	"writes sheet.json and items/<id>.json in canonical form. Everything is\n"
	"validated before the first file is written; unchanged files are left\n"
	"alone.",
	import_opts,
	1,
	1,
};

int sl_cmd_import(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_buf text = SL_BUF_INIT;
	sl_sheet *sheet = NULL;
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_store_report report = SL_STORE_REPORT_INIT;
	sl_seed_options so = SL_SEED_OPTIONS_INIT;
	char *into = NULL;
	size_t i;

	rc = sl_cli_parse(cli, &sl_cmd_import_spec, v, pos, &npos, argc, argv);
	if (rc != 0)
		return rc;
	if (!v[O_FROM].set)
		return sl_error_set(SL_EUSAGE, "import needs --from seed");
	if (v[O_INTO].set) {
		into = sl_strdup(v[O_INTO].str);
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
	rc = sl_fs_read(&text, pos[0]);
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
		fprintf(cli->err,
			"sheetlog: %zu file%s written before the failure\n",
			report.written, report.written == 1 ? "" : "s");
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
	return rc;
}
