/* cmd_publish.c: `sheetlog publish EDITION`: set as_of, commit the sheet
 * and tag it edition/EDITION, all or nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "publish.h"
#include "render.h"

enum { O_MESSAGE, O_DRY_RUN };

static const sl_opt publish_opts[] = {
	{O_MESSAGE, "message", 'm', "MESSAGE", NULL,
	 "commit and tag message (default: \"Publish the EDITION edition\")"},
	SL_OPT_FLAG(
		O_DRY_RUN, "dry-run", 'n',
		"run every check and say what would be done, change nothing"),
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_publish_spec = {
	"publish",
	"EDITION",
	"publish a new edition: set as_of, commit the sheet, tag edition/EDITION",
	"Refuses when lint finds errors, when tracked files outside checklist/\n"
	"have changes (staged or not; untracked files are left alone), when\n"
	"EDITION exists or is not newer than the newest edition, on a detached\n"
	"HEAD, when the index is locked, and (git config\n"
	"sheetlog.requireApproval true) while a pending change that is not\n"
	"notation-only lacks a valid approval (sheetlog approve; one line per\n"
	"change says what is missing; exit status 1). Otherwise sets as_of in\n"
	"checklist/sheet.json, commits checklist/ as it is in the working tree\n"
	"on the current branch with the git identity of user.name and\n"
	"user.email, and creates the annotated tag edition/EDITION. A failure\n"
	"midway undoes the steps already taken.",
	publish_opts,
	1,
	1,
};

int sl_cmd_publish(sl_cli_cmd *c)
{
	sl_diag_list diags = SL_DIAG_LIST_INIT;
	sl_publish_options o = SL_PUBLISH_OPTIONS_INIT;
	sl_publish_result res;
	FILE *out = c->cli->out;
	int rc;

	o.edition = c->pos[0];
	o.message = c->v[O_MESSAGE].set ? c->v[O_MESSAGE].str : NULL;
	o.dry_run = c->v[O_DRY_RUN].set;
	rc = sl_publish(&res, &diags, c->repo, &o);
	if (rc < 0 && diags.errors) {
		/* The findings, then the refusal; exit status 1 as for lint. */
		sl_buf b = SL_BUF_INIT;
		char m[SL_ERROR_DESCRIBE_MAX];
		sl_render_diags_text(&b, &diags, 0, true);
		sl_error_describe(m, sizeof(m), sl_error_last());
		fprintf(c->cli->err, "%ssheetlog: %s\n", sl_buf_cstr(&b), m);
		sl_buf_dispose(&b);
		rc = SL_FINDINGS;
	} else if (rc == 0) {
		fprintf(out, "%s edition %s: ",
			o.dry_run ? "would publish" : "published", o.edition);
		if (o.dry_run)
			fprintf(out, "a commit on %s", res.branch);
		else
			fprintf(out, "commit %.12s on %s", res.commit,
				res.branch);
		fprintf(out, ", tag %s, author %s", res.tag, res.author);
		if (res.previous[0])
			fprintf(out, " (previous edition %s)", res.previous);
		if (res.approvals_required)
			fprintf(out, ", %zu approval%s recorded in the message",
				res.approvals, res.approvals == 1 ? "" : "s");
		fputc('\n', out);
		if (res.note_stale)
			fprintf(c->cli->err,
				"sheetlog: warning: as_of_note in "
				"checklist/sheet.json does not name %.4s年%d月; "
				"check its wording\n",
				o.edition, atoi(o.edition + 5));
	}
	sl_diag_list_dispose(&diags);
	return rc;
}
