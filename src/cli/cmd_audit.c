/* cmd_audit.c: `sheetlog audit`: the audit trail of a range, row by row. */
#include <string.h>

#include "alloc.h"
#include "approval.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "history_forward.h"
#include "load.h"
#include "log.h"
#include "format.h"
#include "render.h"
#include "suggest.h"
#include "vec.h"

#define AUDIT_FORMATS(X)                \
	X("csv", sl_render_audit_csv)   \
	X("json", sl_render_audit_json) \
	X("markdown", sl_render_audit_markdown)

SL_FORMAT_TABLE(audit_formats, AUDIT_FORMATS, sl_buf *out,
		const sl_audit_view *v, const sl_render_options *o);

static const sl_opt audit_opts[] = {
	SL_FORMAT_OPT(SL_LOG_O_FORMAT, AUDIT_FORMATS,
		      "output format (default: csv)"),
	SL_LOG_OPTS,
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_audit_spec = {
	"audit",
	"A..B [ITEM[@REV]...]",
	"one row per item, field and change across every commit of a range",
	"Columns: commit, date, author, edition, item id (then, before, now),\n"
	"status, field, old text, new text, notation-only flag, the edition\n"
	"that published the commit, the one it was made after, whether it is\n"
	"unpublished, the commit message, the part (item, or the document:\n"
	"sheet.json's fields, a section, a scope), and who approved the content\n"
	"the commit left (approver, time, message; one line each, newest first;\n"
	"not the commit's author: four eyes); oldest first. Headers and\n"
	"words follow --lang (default ja); --lang en CSV keeps the stable\n"
	"column names of the JSON. ITEM keeps only that item's rows, followed\n"
	"through renumbering: ITEM is its id at B (or when it was removed), and\n"
	"ITEM@REV its id at REV. A date before the first commit starts at the\n"
	"beginning (a note says so); a reversed range is refused.\n"
	"CSV cells a spreadsheet would run as formulas (= + - @) get a leading\n"
	"apostrophe; --bom writes a byte order mark for Excel.",
	audit_opts,
	1,
	SL_POS_MAX,
};

/* Whether id appears in the log at all (as it stood at some commit). */
static bool log_has(const sl_log *log, const char *id)
{
	size_t i, k;
	for (i = 0; i < log->entries.len; i++) {
		const sl_log_entry *e = log->entries.items[i];
		for (k = 0; k < sl_diff_count(e->diff); k++) {
			const sl_change *c = sl_diff_change(e->diff, k);
			if (!strcmp(c->id, id) ||
			    (c->old_id && !strcmp(c->old_id, id)))
				return true;
		}
	}
	return false;
}

/* Every id the log names, for suggestions (borrowed from the log). */
static int log_ids(sl_vec *out, const sl_log *log)
{
	size_t i, k;
	for (i = 0; i < log->entries.len; i++) {
		const sl_log_entry *e = log->entries.items[i];
		for (k = 0; k < sl_diff_count(e->diff); k++)
			if (sl_vec_push(
				    out,
				    (void *)sl_diff_change(e->diff, k)->id) < 0)
				return sl_error_oom();
	}
	return 0;
}

/* The end of the range as a revision: B, or HEAD for "A.." / WORKTREE. */
static int range_end(sl_cli_cmd *c, sl_rev *to)
{
	char *a = NULL, *b = NULL;
	int rc = sl_rev_split_range(&a, &b, c->pos[0]);
	if (rc == 0)
		rc = sl_cli_commit(c->cli,
				   b && strcmp(b, "WORKTREE") ? b : "HEAD", to);
	sl_free(a);
	sl_free(b);
	return rc;
}

/* One filter argument as the id the rows know it by (new: *out). */
static int filter_id(char **out, sl_cli_cmd *c, const sl_log *log,
		     const sl_rev *to, const char *arg)
{
	char *id = NULL, *now = NULL;
	const char *at;
	sl_rev rev = SL_REV_INIT;
	sl_history *h = NULL;
	size_t i;
	int rc = sl_cli_item_arg(&id, &at, arg);
	*out = NULL;
	if (rc < 0)
		return rc;
	if (!at) {
		sl_vec ids = SL_VEC_INIT;
		sl_buf near = SL_BUF_INIT;
		sl_snapshot *snap = NULL;
		sl_sheet *sheet = NULL;
		/* Changed in the range, or (unchanged) an item at B. */
		if (log_has(log, id)) {
			*out = id;
			return 0;
		}
		rc = sl_rev_snapshot(&snap, c->cli->repo, to);
		if (rc == 0)
			rc = sl_load_valid(&sheet, snap);
		if (rc == 0 && sl_sheet_find(sheet, id)) {
			sl_sheet_free(sheet);
			sl_snapshot_free(snap);
			*out = id;
			return 0;
		}
		if (rc == 0)
			rc = log_ids(&ids, log);
		for (i = 0; rc == 0 && i < sl_sheet_item_count(sheet); i++)
			if (sl_vec_push(&ids,
					(void *)sl_sheet_item(sheet, i)->id) <
			    0)
				rc = sl_error_oom();
		if (rc == 0) {
			sl_suggest_ids(&near, id,
				       (const char *const *)ids.items, ids.len);
			rc = sl_error_set(SL_ENOTFOUND, "no item '%s' in %s",
					  id, c->pos[0]);
			rc = sl_suggest_wrap(rc, &near);
			sl_error_add_item(id);
		}
		sl_buf_dispose(&near);
		sl_vec_dispose(&ids);
		sl_sheet_free(sheet);
		sl_snapshot_free(snap);
		sl_free(id);
		return rc;
	}
	/* ITEM@REV: where that item is at B (REV at or before B). */
	rc = sl_cli_commit(c->cli, at, &rev);
	if (rc == 0) {
		bool before = false;
		rc = sl_rev_is_ancestor(&before, c->cli->repo, rev.commit.id,
					to->commit.id);
		if (rc == 0 && !before)
			rc = sl_error_set(SL_EUSAGE,
					  "'%s': %s is not at or before the "
					  "end of the range %s",
					  arg, at, c->pos[0]);
	}
	if (rc == 0)
		rc = sl_history_forward(&h, &now, c->cli->repo, &rev, to, id,
					&c->history);
	if (rc == 0 && !now && h->steps.len) {
		/* Removed within the range: the rows know its last id. */
		const sl_history_step *s = h->steps.items[h->steps.len - 1];
		now = sl_strdup(s->change->old_id ? s->change->old_id
						  : s->change->id);
		if (!now)
			rc = sl_error_oom();
	}
	sl_history_free(h);
	sl_rev_dispose(&rev);
	sl_free(id);
	*out = now;
	return rc;
}

int sl_cmd_audit(sl_cli_cmd *c)
{
	sl_log *log = NULL;
	sl_audit_ids *ids = NULL;
	sl_approval_list approvals = SL_APPROVAL_LIST_INIT;
	sl_rev to = SL_REV_INIT;
	char *items[SL_POS_MAX];
	size_t n = 0, i;
	int rc = sl_cli_log_args(c, true, &log);

	if (rc == 0)
		rc = sl_audit_now_ids(&ids, log);
	if (rc == 0 && c->npos > 1)
		rc = range_end(c, &to);
	for (i = 1; rc == 0 && i < (size_t)c->npos; i++) {
		rc = filter_id(&items[n], c, log, &to, c->pos[i]);
		if (rc == 0)
			n++;
	}
	/* Once per run: every row asks the same list. */
	if (rc == 0)
		rc = sl_approval_list_load(&approvals, c->cli->repo);
	if (rc == 0) {
		sl_audit_view v = {log, ids, (const char *const *)items, n,
				   &approvals};
		rc = SL_FORMAT_FIND(audit_formats, c->format)
			     ->render(&c->out, &v, &c->ro);
	}
	for (i = 0; i < n; i++)
		sl_free(items[i]);
	sl_rev_dispose(&to);
	sl_approval_list_dispose(&approvals);
	sl_audit_ids_free(ids);
	sl_log_free(log);
	return rc;
}
