/* cmd_publish.c: `sheetlog publish EDITION`: set as_of, commit the sheet
 * and tag it edition/EDITION, all or nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "publish.h"
#include "repo_status.h"
#include "render.h"

enum { O_MESSAGE, O_DRY_RUN };

static const sl_opt publish_opts[] = {
	{O_MESSAGE, "message", 'm', "MESSAGE", NULL,
	 "commit and tag message (default: \"Publish the EDITION edition\")"},
	SL_OPT_FLAG(
		O_DRY_RUN, "dry-run", 'n',
		"run every check, list the files the commit would record and "
		"the changes since the previous edition; change nothing"),
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

/* publish --dry-run: the files the commit would record, and the diff
 * summary of the sheet against the previous edition. */
static int dry_run_report(sl_cli_cmd *c, const sl_publish_result *res)
{
	FILE *out = c->cli->out;
	sl_rev prev = SL_REV_INIT, wt = SL_REV_INIT;
	sl_snapshot *a = NULL, *b = NULL;
	sl_diff *diff = NULL;
	const sl_diff_summary *s;
	size_t i;
	int rc = 0;

	fprintf(out, "files the commit would record (%zu):\n", res->files.len);
	for (i = 0; i < res->files.len; i++) {
		const sl_repo_change *ch = res->files.items[i];
		fprintf(out, "  %c %s\n", ch->status, ch->path);
	}
	if (!res->previous[0]) {
		fprintf(out, "no previous edition: this is the first\n");
		return 0;
	}
	rc = sl_cli_snapshot(c->cli, res->previous, &prev, &a);
	if (rc == 0)
		rc = sl_cli_snapshot(c->cli, "WORKTREE", &wt, &b);
	if (rc == 0)
		rc = sl_diff_snapshots(&diff, a, b);
	if (rc == 0) {
		s = sl_diff_summary_of(diff);
		fprintf(out,
			"changes since edition %s: %zu added, %zu removed, "
			"%zu modified, %zu renumbered, %zu replaced, %zu "
			"notation-only, %zu unchanged\n",
			res->previous, s->added, s->removed, s->modified,
			s->renumbered, s->replaced, s->notation_only,
			s->unchanged);
	}
	sl_diff_free(diff);
	sl_snapshot_free(b);
	sl_snapshot_free(a);
	sl_rev_dispose(&wt);
	sl_rev_dispose(&prev);
	return rc;
}

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
		if (o.dry_run)
			rc = dry_run_report(c, &res);
	}
	sl_publish_result_dispose(&res);
	sl_diag_list_dispose(&diags);
	return rc;
}
