/* cmd_export.c: `sheetlog export`: the whole sheet at a revision. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "labels.h"
#include "load.h"
#include "render.h"

enum { O_AT, O_FORMAT, O_OUTPUT, O_BOM, O_LANG };

static const sl_opt export_opts[] = {
	{O_AT, "at", 0, "REV", NULL, "revision to export (default: WORKTREE)"},
	{O_FORMAT, "format", 'f', "FORMAT", "markdown|csv|json|html",
	 "output format (default: markdown)"},
	{O_OUTPUT, "output", 'o', "FILE", NULL,
	 "write to FILE atomically instead of standard output"},
	{O_BOM, "bom", 0, NULL, NULL,
	 "CSV: start with a UTF-8 byte order mark (for Excel)"},
	{O_LANG, "lang", 0, "LANG", "ja|en", "label language (default: ja)"},
	{0, NULL, 0, NULL, NULL, NULL},
};

const sl_cmd_spec sl_cmd_export_spec = {
	"export",
	"",
	"write the whole sheet as a document (Markdown, CSV, JSON or HTML)",
	"The sheet at a revision, grouped by scope and section, with its\n"
	"introduction and disclaimer. CSV has one row per item (RFC 4180);\n"
	"cells a spreadsheet would run as formulas get a leading apostrophe.",
	export_opts,
	0,
	0,
};

int sl_cmd_export(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	sl_sheet *sheet = NULL;
	sl_buf out = SL_BUF_INIT;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	const char *format;

	rc = sl_cli_parse(cli, &sl_cmd_export_spec, v, pos, &npos, argc, argv);
	if (rc != 0)
		return rc;
	if (v[O_LANG].set && (rc = sl_lang_parse(&ro.lang, v[O_LANG].str)) < 0)
		return rc;
	format = v[O_FORMAT].set ? v[O_FORMAT].str : "markdown";
	rc = sl_cli_snapshot(cli, v[O_AT].str, &rev, &snap);
	if (rc < 0)
		return rc;
	rc = sl_load_valid(&sheet, snap);
	if (rc < 0)
		goto done;
	ro.bom = v[O_BOM].set;
	ro.rev = rev.label;
	ro.commit = rev.commit[0] ? rev.commit : NULL;
	if (!strcmp(format, "csv"))
		rc = sl_render_export_csv(&out, sheet, &ro);
	else if (!strcmp(format, "json"))
		rc = sl_render_export_json(&out, sheet, &ro);
	else if (!strcmp(format, "html"))
		rc = sl_render_export_html(&out, sheet, &ro);
	else
		rc = sl_render_export_markdown(&out, sheet, &ro);
	if (rc == 0)
		rc = sl_cli_emit(cli, v[O_OUTPUT].str, &out);
done:
	sl_buf_dispose(&out);
	sl_sheet_free(sheet);
	sl_snapshot_free(snap);
	sl_rev_dispose(&rev);
	return rc;
}
