/* cmd_export.c: `sheetlog export`: the whole sheet at a revision. */
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "diff.h"
#include "encoding.h"
#include "error.h"
#include "format.h"
#include "fs.h"
#include "labels.h"
#include "load.h"
#include "render.h"

enum {
	O_AT,
	O_FORMAT,
	O_OUTPUT,
	O_BOM,
	O_LANG,
	O_CHANGES_SINCE,
	O_LAYOUT,
	O_ENCODING,
	O_NFKC
};

/* What every export format gets: the sheet (NULL for the 新旧対照表
 * workbook), the changes since --changes-since (or NULL), the options. */
typedef struct export_job {
	sl_cli *cli;
	const sl_sheet *sheet;
	const sl_diff *diff;
	const sl_render_options *ro;
	const sl_optval *v; /* the parsed options */
	sl_encoding enc;    /* CSV */
} export_job;

static int export_markdown(sl_buf *out, const export_job *j);
static int export_csv(sl_buf *out, const export_job *j);
static int export_json(sl_buf *out, const export_job *j);
static int export_html(sl_buf *out, const export_job *j);
static int export_xlsx(sl_buf *out, const export_job *j);

#define EXPORT_FORMATS(X)              \
	X("markdown", export_markdown) \
	X("csv", export_csv)           \
	X("json", export_json)         \
	X("html", export_html)         \
	X("xlsx", export_xlsx)

/* Each appends to out, or (xlsx) writes -o FILE itself. */
SL_FORMAT_TABLE(export_formats, EXPORT_FORMATS, sl_buf *out,
		const export_job *j);

static const sl_opt export_opts[] = {
	{O_AT, "at", 0, "REV", NULL, "revision to export (default: WORKTREE)"},
	SL_FORMAT_OPT(O_FORMAT, EXPORT_FORMATS,
		      "output format (default: markdown)"),
	{O_OUTPUT, "output", 'o', "FILE", NULL,
	 "write to FILE atomically instead of standard output (xlsx: required)"},
	SL_OPT_BOM(O_BOM),
	SL_OPT_LANG(O_LANG),
	{O_CHANGES_SINCE, "changes-since", 0, "REV", NULL,
	 "xlsx: highlight the changes since REV and list them on a last worksheet"},
	{O_LAYOUT, "layout", 0, "LAYOUT", "sheet|shinkyu",
	 "xlsx: the sheet (default) or the 新旧対照表 (needs --changes-since)"},
	{O_ENCODING, "encoding", 0, "ENC", "utf-8|cp932",
	 "CSV: character encoding (default: utf-8; cp932 for Japanese Excel)"},
	SL_OPT_FLAG(
		O_NFKC, "nfkc", 0,
		"CSV cp932: write characters cp932 lacks as their NFKC form (⾏ as 行)"),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_export_spec = {
	"export",
	"",
	"write the whole sheet as a document (Markdown, CSV, JSON, HTML or a workbook)",
	"The sheet at a revision, grouped by scope and section, with its\n"
	"introduction and disclaimer. CSV has one row per item (RFC 4180);\n"
	"cells a spreadsheet would run as formulas get a leading apostrophe.\n"
	"xlsx writes a workbook (-o FILE): a cover, one worksheet per section;\n"
	"with --changes-since REV the changed cells are highlighted and a last\n"
	"worksheet lists every change; --layout shinkyu gives the 新旧対照表.",
	export_opts,
	0,
	0,
};

/* A usage error: one line, the problem then the usage. */
static int usage(const char *what)
{
	sl_buf u = SL_BUF_INIT;
	int rc;
	sl_opt_usage(&u, &sl_cmd_export_spec);
	rc = sl_error_set(SL_EUSAGE, "%s (%s)", what, sl_buf_cstr(&u));
	sl_buf_dispose(&u);
	return rc;
}

/* Which option combinations make sense, checked before any work. */
static int check_options(const sl_optval *v, const char *format)
{
	bool xlsx = !strcmp(format, "xlsx"), csv = !strcmp(format, "csv");
	bool shinkyu = v[O_LAYOUT].set && !strcmp(v[O_LAYOUT].str, "shinkyu");
	bool cp932 = v[O_ENCODING].set && !strcmp(v[O_ENCODING].str, "cp932");
	if (xlsx && (!v[O_OUTPUT].set || !strcmp(v[O_OUTPUT].str, "-")))
		return usage("xlsx is a binary format: give -o FILE");
	if (!xlsx && v[O_CHANGES_SINCE].set)
		return usage("--changes-since needs --format xlsx");
	if (!xlsx && v[O_LAYOUT].set)
		return usage("--layout needs --format xlsx");
	if (shinkyu && !v[O_CHANGES_SINCE].set)
		return usage("--layout shinkyu needs --changes-since REV");
	if (!csv && (v[O_ENCODING].set || v[O_NFKC].set))
		return usage("--encoding and --nfkc need --format csv");
	if (v[O_NFKC].set && !cp932)
		return usage("--nfkc needs --encoding cp932");
	if (v[O_BOM].set && cp932)
		return usage("--bom is for utf-8 only, not cp932");
	return 0;
}

static int export_markdown(sl_buf *out, const export_job *j)
{
	return sl_render_export_markdown(out, j->sheet, j->ro);
}

static int export_csv(sl_buf *out, const export_job *j)
{
	return sl_render_export_csv_enc(out, j->sheet, j->ro, j->enc,
					j->v[O_NFKC].set);
}

static int export_json(sl_buf *out, const export_job *j)
{
	return sl_render_export_json(out, j->sheet, j->ro);
}

static int export_html(sl_buf *out, const export_job *j)
{
	return sl_render_export_html(out, j->sheet, j->ro);
}

static int xlsx_fill(const char *tmp_path, void *ctx)
{
	const export_job *j = ctx;
	int rc = j->sheet ? sl_render_xlsx_export(tmp_path, j->sheet, j->diff,
						  j->ro)
			  : sl_render_xlsx_shinkyu(tmp_path, j->diff, j->ro);
	/* A failure absorbed while writing the workbook: no rename. */
	return rc < 0 ? rc : sl_cli_alloc_check(j->cli);
}

/* libxlsxwriter writes files, not buffers: the workbook goes to -o FILE
 * through a temporary file, and out stays empty. */
static int export_xlsx(sl_buf *out, const export_job *j)
{
	char *path = NULL;
	int rc = sl_cli_path(j->cli, j->v[O_OUTPUT].str, &path);
	(void)out;
	if (rc == 0)
		rc = sl_fs_write_atomic_fn(path, xlsx_fill, (void *)j);
	sl_free(path);
	return rc;
}

int sl_cmd_export(sl_cli_cmd *c)
{
	sl_rev rev = SL_REV_INIT, from = SL_REV_INIT;
	sl_snapshot *snap = NULL, *old = NULL;
	sl_sheet *sheet = NULL;
	sl_diff *diff = NULL;
	const char *format = SL_FORMAT_FIND(export_formats, c->format)->name;
	export_job job = {c->cli, NULL, NULL, &c->ro, c->v, SL_ENC_UTF8};
	bool shinkyu =
		c->v[O_LAYOUT].set && !strcmp(c->v[O_LAYOUT].str, "shinkyu");
	int rc = 0;

	if (c->v[O_ENCODING].set)
		rc = sl_encoding_parse(&job.enc, c->v[O_ENCODING].str);
	if (rc == 0)
		rc = check_options(c->v, format);
	if (rc == 0)
		rc = sl_cli_snapshot(c->cli, c->v[O_AT].str, &rev, &snap);
	if (rc == 0 && !shinkyu)
		rc = sl_load_valid(&sheet, snap);
	if (rc == 0 && c->v[O_CHANGES_SINCE].set) {
		rc = sl_cli_snapshot(c->cli, c->v[O_CHANGES_SINCE].str, &from,
				     &old);
		if (rc == 0)
			rc = sl_diff_snapshots(&diff, old, snap);
		c->ro.from = &from;
	}
	if (rc == 0) {
		c->ro.rev = rev.label;
		c->ro.commit = rev.commit.id[0] ? rev.commit.id : NULL;
		c->ro.to = &rev;
		job.sheet = sheet;
		job.diff = diff;
		/* xlsx writes -o FILE itself; c->out stays empty. */
		c->written = !strcmp(format, "xlsx");
		rc = SL_FORMAT_FIND(export_formats, format)
			     ->render(&c->out, &job);
	}
	sl_diff_free(diff);
	sl_sheet_free(sheet);
	sl_snapshot_free(old);
	sl_snapshot_free(snap);
	sl_rev_dispose(&from);
	sl_rev_dispose(&rev);
	return rc;
}
