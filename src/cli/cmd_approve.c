/* cmd_approve.c: `sheetlog approve ITEM... | --all [-m MESSAGE]` and
 * `approve --confirm ITEM...`: record approvals on
 * refs/sheetlog/approvals. */
#include <string.h>

#include "approve.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"

enum { O_ALL, O_CONFIRM, O_MESSAGE, O_BASE };

static const sl_opt approve_opts[] = {
	SL_OPT_FLAG(O_ALL, "all", 'a',
		    "every pending change you may approve (not your own; "
		    "with owners, those you own)"),
	SL_OPT_FLAG(O_CONFIRM, "confirm", 0,
		    "record that unchanged answers were re-checked"),
	{O_MESSAGE, "message", 'm', "MESSAGE", NULL,
	 "a note kept with each record"},
	{O_BASE, "base", 'b', "REV", NULL,
	 "what is pending is since REV (default: the newest edition)"},
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_approve_spec = {
	"approve",
	"[ITEM...]",
	"approve pending changes (four eyes), or confirm unchanged answers",
	"Records, on refs/sheetlog/approvals, that the person of git config\n"
	"user.name and user.email approved the pending change (since the newest\n"
	"edition, as review lists it) of each ITEM (\"sheet\" for\n"
	"checklist/sheet.json), bound to its content now: a later edit leaves\n"
	"the approval standing for the old content only. You cannot approve\n"
	"your own change (you authored one of its commits, or it is not\n"
	"committed yet); with \"owners\" in sheet.json only an owner approves.\n"
	"--confirm records that unchanged answers were re-checked (sheetlog\n"
	"stale counts from it). Named items are all or nothing. Share the\n"
	"records with git push/fetch of +refs/sheetlog/*:refs/sheetlog/*.\n"
	"With git config sheetlog.requireApproval true, publish refuses while\n"
	"a change that is not notation-only lacks a valid approval.",
	approve_opts,
	0,
	-1,
};

int sl_cmd_approve(sl_cli_cmd *c)
{
	sl_approve_options o = {0};
	sl_vec recorded;
	sl_buf skipped = SL_BUF_INIT;
	size_t i;
	int rc;

	o.items = (const char *const *)c->pos;
	o.count = (size_t)c->npos;
	o.all = c->v[O_ALL].set;
	o.confirm = c->v[O_CONFIRM].set;
	o.message = c->v[O_MESSAGE].set ? c->v[O_MESSAGE].str : NULL;
	o.base = c->v[O_BASE].set ? c->v[O_BASE].str : NULL;
	if (o.all && (o.count || o.confirm))
		return sl_error_set(SL_EUSAGE,
				    "approve: --all takes no ITEM and no "
				    "--confirm");
	if (!o.all && !o.count)
		return sl_error_set(SL_EUSAGE,
				    "approve: name the ITEMs to approve, or "
				    "--all");
	rc = sl_approve_plan(&recorded, &skipped, c->repo, &o);
	if (rc == 0) {
		/* What is said of the records is ready before they are
		 * written, so that nothing can fail once they are. */
		size_t said = c->out.len;
		for (i = 0; i < recorded.len; i++) {
			const sl_approval *a = recorded.items[i];
			sl_buf_printf(
				&c->out, "%s %s (content %.12s) as %s <%s>\n",
				a->kind == SL_APPROVAL_CONFIRM ? "confirmed"
							       : "approved",
				a->item, a->blob, a->name, a->email);
		}
		rc = sl_buf_oom(&c->out)
			     ? sl_error_oom()
			     : sl_approve_record(c->repo, &recorded);
		if (rc < 0)
			sl_buf_truncate(&c->out, said);
		else if (skipped.len)
			fprintf(c->cli->err, "sheetlog: left out:\n%.*s",
				(int)skipped.len, skipped.ptr);
		sl_approve_recorded_free(&recorded);
	}
	sl_buf_dispose(&skipped);
	return rc;
}
