/* cmd_audit.c: `sheetlog audit`: the audit trail of a range, row by row. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "format.h"
#include "history.h"
#include "render.h"

enum {
	O_FORMAT,
	O_ALL_PARENTS,
	O_COMMITTER_DATE,
	O_SINCE,
	O_UNTIL,
	O_BOM,
	O_LANG,
	O_OUTPUT
};

#define AUDIT_FORMATS(X)                \
	X("csv", sl_render_audit_csv)   \
	X("json", sl_render_audit_json) \
	X("markdown", sl_render_audit_markdown)

SL_FORMAT_TABLE(audit_formats, AUDIT_FORMATS, sl_buf *out, const sl_log *log,
		const sl_audit_ids *ids, const sl_render_options *o);

static const sl_opt audit_opts[] = {
	SL_FORMAT_OPT(O_FORMAT, AUDIT_FORMATS, "output format (default: csv)"),
	SL_OPT_LOG_RANGE(O_ALL_PARENTS, O_COMMITTER_DATE, O_SINCE, O_UNTIL),
	SL_OPT_BOM(O_BOM),
	SL_OPT_LANG(O_LANG),
	SL_OPT_OUTPUT(O_OUTPUT),
	{0, NULL, 0, NULL, NULL, NULL},
};

const sl_cmd_spec sl_cmd_audit_spec = {
	"audit",
	"A..B",
	"one row per item, field and change across every commit of a range",
	"Columns: commit, date, author, edition, item id (then, before, now),\n"
	"status, field, old text, new text, notation-only flag; oldest first.\n"
	"CSV cells a spreadsheet would run as formulas (= + - @) get a leading\n"
	"apostrophe; --bom writes a byte order mark for Excel.",
	audit_opts,
	1,
	1,
};

int sl_cmd_audit(sl_cli *cli, int argc, char **argv)
{
	sl_optval v[SL_OPT_MAX];
	char *pos[SL_POS_MAX];
	int npos, rc;
	sl_log *log = NULL;
	sl_audit_ids *ids = NULL;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	sl_buf out = SL_BUF_INIT;

	rc = sl_cli_parse(cli, &sl_cmd_audit_spec, v, pos, &npos, argc, argv);
	if (rc != 0)
		return rc;
	if (v[O_LANG].set && (rc = sl_lang_parse(&ro.lang, v[O_LANG].str)) < 0)
		return rc;
	rc = sl_cli_load_log(cli, &log, v[O_SINCE].str, v[O_UNTIL].str,
			     v[O_ALL_PARENTS].set, v[O_COMMITTER_DATE].set,
			     npos, pos, true);
	if (rc == 0)
		rc = sl_audit_now_ids(&ids, log);
	if (rc < 0)
		goto done;
	ro.bom = v[O_BOM].set;
	rc = SL_FORMAT_FIND(audit_formats, v[O_FORMAT].str)
		     ->render(&out, log, ids, &ro);
	if (rc == 0)
		rc = sl_cli_emit(cli, v[O_OUTPUT].str, &out);
done:
	sl_buf_dispose(&out);
	sl_audit_ids_free(ids);
	sl_log_free(log);
	return rc;
}
