/* cmd_audit.c: `sheetlog audit`: the audit trail of a range, row by row. */
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "log.h"
#include "format.h"
#include "render.h"

#define AUDIT_FORMATS(X)                \
	X("csv", sl_render_audit_csv)   \
	X("json", sl_render_audit_json) \
	X("markdown", sl_render_audit_markdown)

SL_FORMAT_TABLE(audit_formats, AUDIT_FORMATS, sl_buf *out, const sl_log *log,
		const sl_audit_ids *ids, const sl_render_options *o);

static const sl_opt audit_opts[] = {
	SL_FORMAT_OPT(SL_LOG_O_FORMAT, AUDIT_FORMATS,
		      "output format (default: csv)"),
	SL_LOG_OPTS,
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_audit_spec = {
	"audit",
	"A..B",
	"one row per item, field and change across every commit of a range",
	"Columns: commit, date, author, edition, item id (then, before, now),\n"
	"status, field, old text, new text, notation-only flag, then the edition\n"
	"that published the commit, the one it was made after, and whether it\n"
	"is unpublished; oldest first.\n"
	"CSV cells a spreadsheet would run as formulas (= + - @) get a leading\n"
	"apostrophe; --bom writes a byte order mark for Excel.",
	audit_opts,
	1,
	1,
};

int sl_cmd_audit(sl_cli_cmd *c)
{
	sl_log *log = NULL;
	sl_audit_ids *ids = NULL;
	int rc = sl_cli_log_args(c, true, &log);

	if (rc == 0)
		rc = sl_audit_now_ids(&ids, log);
	if (rc == 0)
		rc = SL_FORMAT_FIND(audit_formats, c->format)
			     ->render(&c->out, log, ids, &c->ro);
	sl_audit_ids_free(ids);
	sl_log_free(log);
	return rc;
}
