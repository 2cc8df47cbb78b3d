/*
 * cli_rev.c: the revision arguments commands share: the repository of -C,
 * a revision and its snapshot, "A..B" / "A [B]" ranges, the history
 * flags (--since, --until, ...) with the progress line, and logs of a
 * range.
 */
#include "cli.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "history.h"
#include "date.h"
#include "log.h"

int sl_cli_repo(sl_cli *cli, sl_repo **out)
{
	int rc = 0;
	if (!cli->repo)
		rc = sl_repo_open(&cli->repo, cli->dir);
	*out = cli->repo;
	return rc;
}

int sl_cli_snapshot(sl_cli *cli, const char *rev_expr, sl_rev *rev,
		    sl_snapshot **snap)
{
	sl_repo *repo;
	int rc;
	*snap = NULL;
	rc = sl_cli_repo(cli, &repo);
	if (rc < 0)
		return rc;
	rc = sl_rev_resolve(rev, repo, rev_expr ? rev_expr : "WORKTREE");
	if (rc < 0)
		return rc;
	rc = sl_rev_snapshot(snap, repo, rev);
	if (rc < 0)
		sl_rev_dispose(rev);
	return rc;
}

int sl_cli_range(sl_cli *cli, int npos, char **pos, char **a, char **b)
{
	int rc;
	(void)cli;
	*a = *b = NULL;
	if (npos < 1)
		return sl_error_set(SL_EUSAGE, "missing revision");
	rc = sl_rev_split_range(a, b, pos[0]);
	if (rc < 0)
		return rc;
	if (*a) {
		if (npos > 1) {
			sl_free(*a);
			sl_free(*b);
			*a = *b = NULL;
			return sl_error_set(
				SL_EUSAGE,
				"give either A..B or A [B], not both");
		}
		return 0;
	}
	*a = sl_strdup(pos[0]);
	*b = sl_strdup(npos > 1 ? pos[1] : "WORKTREE");
	if (!*a || !*b) {
		sl_free(*a);
		sl_free(*b);
		*a = *b = NULL;
		return sl_error_oom();
	}
	return 0;
}

int sl_cli_compare_range(sl_cli_cmd *c, sl_cli_compare *cmp)
{
	char *ra = NULL, *rb = NULL;
	int rc = sl_cli_range(c->cli, c->npos, c->pos, &ra, &rb);
	if (rc == 0)
		rc = sl_cli_snapshot(c->cli, ra, &cmp->from, &cmp->a);
	if (rc == 0)
		rc = sl_cli_snapshot(c->cli, rb, &cmp->to, &cmp->b);
	/* The commands render the diff and read no file again. */
	if (rc == 0)
		rc = sl_diff_snapshots_ex(&cmp->diff, cmp->a, cmp->b,
					  SL_DIFF_RELEASE);
	c->ro.from = &cmp->from;
	c->ro.to = &cmp->to;
	sl_free(ra);
	sl_free(rb);
	return rc;
}

void sl_cli_compare_dispose(sl_cli_compare *c)
{
	sl_diff_free(c->diff);
	sl_snapshot_free(c->a);
	sl_snapshot_free(c->b);
	sl_rev_dispose(&c->from);
	sl_rev_dispose(&c->to);
	c->diff = NULL;
	c->a = c->b = NULL;
}

static void progress(void *payload, size_t done)
{
	sl_cli *cli = payload;
	fprintf(cli->err, "\rsheetlog: reading history: %zu commits", done);
	fflush(cli->err);
	cli->progress_drawn = true;
}

void sl_cli_progress_end(sl_cli *cli)
{
	if (cli->progress_drawn) {
		fputs("\r\033[K", cli->err);
		cli->progress_drawn = false;
	}
}

int sl_cli_history_options(sl_cli *cli, sl_history_options *o,
			   const char *since, const char *until,
			   bool all_parents, bool committer_date)
{
	sl_repo *repo;
	int64_t end;
	int rc = sl_cli_repo(cli, &repo);
	if (rc < 0)
		return rc;
	o->all_parents = all_parents;
	o->committer_date = committer_date;
	/* --since from the start of its day, --until to the end of its. */
	if (since && (rc = sl_date_parse_day(&o->since, &end, since,
					     sl_rev_sheet_offset(repo))) < 0)
		return rc;
	o->has_since = since != NULL;
	if (until && (rc = sl_date_parse_day(&end, &o->until, until,
					     sl_rev_sheet_offset(repo))) < 0)
		return rc;
	o->has_until = until != NULL;
	/* An empty window would print nothing and succeed: say why. */
	if (o->has_since && o->has_until && o->since > o->until)
		return sl_error_set(SL_EUSAGE,
				    "--since %s is later than --until %s: no "
				    "date is in both",
				    since, until);
	if (cli->err_tty) {
		o->walk.progress = progress;
		o->walk.payload = cli;
	}
	return 0;
}

int sl_cli_commit(sl_cli *cli, const char *expr, sl_rev *rev)
{
	sl_repo *repo;
	int rc = sl_cli_repo(cli, &repo);
	if (rc == 0)
		rc = sl_rev_resolve(rev, repo, expr);
	if (rc == 0 && rev->kind != SL_SNAP_COMMIT) {
		rc = sl_error_set(
			SL_EUSAGE,
			"'%s' is not a commit: this command reads history",
			expr);
		sl_rev_dispose(rev);
	}
	return rc;
}

/* The start A of a range: a commit, or (a date before the first commit)
 * the beginning, said on standard error. */
static int range_start(sl_cli *cli, sl_repo *repo, const char *a, sl_rev *from,
		       bool *before_first)
{
	int rc = sl_rev_resolve_start(from, before_first, repo, a);
	if (rc == 0 && *before_first) {
		fprintf(cli->err,
			"sheetlog: note: %s is before the first commit; the "
			"range starts at the beginning of the history\n",
			a + (a[0] == '@'));
		return 0;
	}
	if (rc == 0 && from->kind != SL_SNAP_COMMIT) {
		rc = sl_error_set(
			SL_EUSAGE,
			"'%s' is not a commit: this command reads history", a);
		sl_rev_dispose(from);
	}
	return rc;
}

/* A..B with B older than A lists nothing: refuse it, naming the fix. */
static int range_order(sl_repo *repo, const char *a, const char *b,
		       const sl_rev *from, const sl_rev *to)
{
	bool reversed = false, forward = false;
	int rc;
	if (!strcmp(from->commit.id, to->commit.id))
		return 0;
	rc = sl_rev_is_ancestor(&forward, repo, from->commit.id, to->commit.id);
	if (rc == 0 && !forward)
		rc = sl_rev_is_ancestor(&reversed, repo, to->commit.id,
					from->commit.id);
	if (rc == 0 && reversed)
		rc = sl_error_set(SL_EUSAGE,
				  "reversed range %s..%s: %s is older than %s "
				  "(did you mean %s..%s?)",
				  a, b, b, a, b, a);
	return rc;
}

/* The log of a range given as "[A..B]" (B must be a commit). */
int sl_cli_load_log(sl_cli *cli, sl_log **log, const char *since,
		    const char *until, bool all_parents, bool committer_date,
		    int npos, char **pos, bool required)
{
	sl_history_options ho = SL_HISTORY_OPTIONS_INIT;
	sl_rev from = SL_REV_INIT, to = SL_REV_INIT;
	char *a = NULL, *b = NULL;
	sl_repo *repo;
	bool before_first = false;
	int rc;

	*log = NULL;
	if (required && npos == 0)
		return sl_error_set(SL_EUSAGE, "missing range A..B");
	if (npos) {
		rc = sl_rev_split_range(&a, &b, pos[0]);
		if (rc < 0)
			return rc;
		if (!a)
			return sl_error_set(SL_EUSAGE,
					    "'%s' is not a range (A..B)",
					    pos[0]);
	}
	rc = sl_cli_repo(cli, &repo);
	if (rc == 0)
		rc = sl_cli_history_options(cli, &ho, since, until, all_parents,
					    committer_date);
	if (rc == 0 && a)
		rc = range_start(cli, repo, a, &from, &before_first);
	if (rc == 0)
		rc = sl_cli_commit(cli, b && strcmp(b, "WORKTREE") ? b : "HEAD",
				   &to);
	if (rc == 0 && a && !before_first)
		rc = range_order(repo, a, b, &from, &to);
	if (rc == 0)
		rc = sl_log_range(log, repo,
				  a && !before_first ? from.commit.id : NULL,
				  to.commit.id, &ho);
	sl_cli_progress_end(cli);
	if (rc == 0 && (*log)->truncated)
		fprintf(cli->err,
			"sheetlog: warning: the range reaches past the shallow-clone boundary %.12s; only the commits after it are listed (git fetch --unshallow)\n",
			(*log)->boundary);
	sl_rev_dispose(&from);
	sl_rev_dispose(&to);
	sl_free(a);
	sl_free(b);
	return rc;
}

int sl_cli_log_args(sl_cli_cmd *c, bool required, sl_log **log)
{
	const sl_optval *v = c->v;
	return sl_cli_load_log(
		c->cli, log, v[SL_LOG_O_SINCE].str, v[SL_LOG_O_UNTIL].str,
		v[SL_LOG_O_ALL_PARENTS].set, v[SL_LOG_O_COMMITTER_DATE].set,
		c->npos, c->pos, required);
}
