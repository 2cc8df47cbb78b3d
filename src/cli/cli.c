/*
 * cli.c: global options (-C, --version, --help), the command table,
 * dispatch, and the one mapping from results to exit statuses.
 */
#include "cli.h"
#include "cmds.h"

#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "log.h"
#include "term.h"
#include "date.h"

#ifndef SL_VERSION
#define SL_VERSION "0.0.0"
#endif

const sl_cmd_entry sl_cli_commands[] = {
	{"audit", sl_cmd_audit, &sl_cmd_audit_spec},
	{"blame", sl_cmd_blame, &sl_cmd_blame_spec},
	{"changelog", sl_cmd_changelog, &sl_cmd_changelog_spec},
	{"diff", sl_cmd_diff, &sl_cmd_diff_spec},
	{"editions", sl_cmd_editions, &sl_cmd_editions_spec},
	{"export", sl_cmd_export, &sl_cmd_export_spec},
	{"fmt", sl_cmd_fmt, &sl_cmd_fmt_spec},
	{"history", sl_cmd_history, &sl_cmd_history_spec},
	{"import", sl_cmd_import, &sl_cmd_import_spec},
	{"install-hooks", sl_cmd_install_hooks, &sl_cmd_install_hooks_spec},
	{"lint", sl_cmd_lint, &sl_cmd_lint_spec},
	{"log", sl_cmd_log, &sl_cmd_log_spec},
	{"publish", sl_cmd_publish, &sl_cmd_publish_spec},
	{"review", sl_cmd_review, &sl_cmd_review_spec},
	{"show", sl_cmd_show, &sl_cmd_show_spec},
	{"textconv", sl_cmd_textconv, &sl_cmd_textconv_spec},
	{NULL, NULL, NULL},
};

/* Commands for the build and for shells, left out of --help and the man
 * page: the man page, the completion script, and its candidate lists. */
const sl_cmd_entry sl_cli_hidden_commands[] = {
	{"__complete", sl_cmd_complete, &sl_cmd_complete_spec},
	{"__completion", sl_cmd_completion, &sl_cmd_completion_spec},
	{"__man", sl_cmd_man, &sl_cmd_man_spec},
	{NULL, NULL, NULL},
};

const sl_cli_global_opt sl_cli_global_opts[] = {
	{'C', NULL, "DIR",
	 "run as if started in DIR (the repository, relative FILE paths)"},
	{0, "version", NULL, "print the version"},
	{'h', "help", NULL,
	 "show this help; 'sheetlog CMD --help' for a command"},
	{0, NULL, NULL, NULL},
};

void sl_cli_global_opt_synopsis(sl_buf *out, const sl_cli_global_opt *o)
{
	if (o->short_name)
		sl_buf_printf(out, "-%c%s", o->short_name,
			      o->long_name ? ", " : "");
	if (o->long_name)
		sl_buf_printf(out, "--%s", o->long_name);
	if (o->arg)
		sl_buf_printf(out, " %s", o->arg);
}

int sl_cli_exit_status(int rc)
{
	switch (rc) {
	case 0:
		return 0;
	case SL_FINDINGS:
		return 1;
	case SL_EUSAGE:
	case SL_ENOTFOUND:
	case SL_EINVALID:
	case SL_EREPO:
		return 2;
	default:
		return 3;
	}
}

static void global_help(FILE *f)
{
	const sl_cmd_entry *e;
	const sl_cli_global_opt *g;
	fprintf(f,
		"usage: sheetlog [-C DIR] <command> [options] [args]\n\n"
		"Keeps a check sheet (checklist/ in a git repository) under version\n"
		"control and says what changed between its editions.\n\n"
		"commands:\n");
	for (e = sl_cli_commands; e->name; e++)
		fprintf(f, "  %-12s %s\n", e->name, e->spec->summary);
	fprintf(f, "\nglobal options:\n");
	for (g = sl_cli_global_opts; g->help; g++) {
		sl_buf syn = SL_BUF_INIT;
		sl_cli_global_opt_synopsis(&syn, g);
		fprintf(f, "  %-12s %s\n", sl_buf_cstr(&syn), g->help);
		sl_buf_dispose(&syn);
	}
}

int sl_cli_parse(sl_cli *cli, const sl_cmd_spec *spec, sl_optval *vals,
		 char **pos, int *npos, int argc, char **argv)
{
	return sl_opt_parse(spec, vals, pos, npos, argc, argv, cli->out);
}

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
	int64_t a, b;
	int rc = sl_cli_repo(cli, &repo);
	if (rc < 0)
		return rc;
	o->all_parents = all_parents;
	o->committer_date = committer_date;
	if (since) {
		rc = sl_date_parse_day(&a, &b, since,
				       sl_rev_sheet_offset(repo));
		if (rc < 0)
			return rc;
		o->has_since = true;
		o->since = a;
	}
	if (until) {
		rc = sl_date_parse_day(&a, &b, until,
				       sl_rev_sheet_offset(repo));
		if (rc < 0)
			return rc;
		o->has_until = true;
		o->until = b;
	}
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

/* The log of a range given as "[A..B]" (B must be a commit). */
int sl_cli_load_log(sl_cli *cli, sl_log **log, const char *since,
		    const char *until, bool all_parents, bool committer_date,
		    int npos, char **pos, bool required)
{
	sl_history_options ho = SL_HISTORY_OPTIONS_INIT;
	sl_rev from = SL_REV_INIT, to = SL_REV_INIT;
	char *a = NULL, *b = NULL;
	sl_repo *repo;
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
		rc = sl_cli_commit(cli, a, &from);
	if (rc == 0)
		rc = sl_cli_commit(cli, b && strcmp(b, "WORKTREE") ? b : "HEAD",
				   &to);
	if (rc == 0)
		rc = sl_log_range(log, repo, a ? from.commit : NULL, to.commit,
				  &ho);
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

int sl_cli_path(const sl_cli *cli, const char *arg, char **out)
{
	bool as_is = arg[0] == '/' || !strcmp(arg, "-") || !cli->dir ||
		     !strcmp(cli->dir, ".");
	*out = as_is ? sl_strdup(arg) : sl_fs_join(cli->dir, arg);
	return *out ? 0 : sl_error_oom();
}

bool sl_cli_color(const sl_cli *cli, const char *format, const char *color_opt,
		  bool to_file)
{
	return !strcmp(format, "text") && !to_file &&
	       sl_term_use_color(color_opt, cli->out_tty, cli->no_color);
}

int sl_cli_render_diff(sl_buf *out, const sl_diff *diff, const char *format,
		       const sl_render_options *ro)
{
	if (!strcmp(format, "json"))
		return sl_render_diff_json(out, diff, ro);
	if (!strcmp(format, "markdown"))
		return sl_render_diff_markdown(out, diff, ro);
	if (!strcmp(format, "html"))
		return sl_render_diff_html(out, diff, ro);
	return sl_render_diff_text(out, diff, ro);
}

int sl_cli_alloc_check(const sl_cli *cli)
{
	return sl_alloc_failure_count() != cli->alloc_failures ? sl_error_oom()
							       : 0;
}

int sl_cli_emit(sl_cli *cli, const char *path, const sl_buf *buf)
{
	char *full;
	int rc = sl_cli_alloc_check(cli);
	if (rc < 0)
		return rc;
	if (!path || !strcmp(path, "-")) {
		if (buf->len &&
		    fwrite(buf->ptr, 1, buf->len, cli->out) != buf->len)
			return sl_error_set(SL_EIO, "cannot write output: %s",
					    strerror(errno));
		return 0;
	}
	rc = sl_cli_path(cli, path, &full);
	if (rc == 0)
		rc = sl_fs_write_atomic(full, buf->ptr ? buf->ptr : "",
					buf->len);
	sl_free(full);
	return rc;
}

static void print_error(sl_cli *cli)
{
	char msg[SL_ERROR_DESCRIBE_MAX];
	sl_error_describe(msg, sizeof(msg), sl_error_last());
	fprintf(cli->err, "sheetlog: %s\n", msg);
}

int sl_cli_run(int argc, char **argv, FILE *out, FILE *err, bool out_tty,
	       bool err_tty, const char *env_no_color)
{
	sl_cli cli;
	const sl_cmd_entry *e;
	int i = 1, rc, status;

	memset(&cli, 0, sizeof(cli));
	cli.out = out;
	cli.err = err;
	cli.dir = ".";
	cli.out_tty = out_tty;
	cli.err_tty = err_tty;
	cli.no_color = env_no_color;
	cli.alloc_failures = sl_alloc_failure_count();
	sl_error_clear();

	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (!strcmp(a, "-C")) {
			if (i + 1 >= argc) {
				fprintf(err,
					"sheetlog: option -C needs a directory\n");
				return 2;
			}
			cli.dir = argv[i + 1];
			i += 2;
		} else if (!strncmp(a, "-C", 2)) {
			cli.dir = a + 2;
			i++;
		} else if (!strcmp(a, "--version")) {
			fprintf(out, "sheetlog %s\n", SL_VERSION);
			return 0;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			global_help(out);
			return 0;
		} else {
			fprintf(err,
				"sheetlog: unknown option '%s' (usage: sheetlog [-C DIR] <command> [options] [args])\n",
				a);
			return 2;
		}
	}
	if (i >= argc) {
		global_help(err);
		return 2;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 >= argc) {
			global_help(out);
			return 0;
		}
		for (e = sl_cli_commands; e->name; e++) {
			if (!strcmp(e->name, argv[i + 1])) {
				sl_buf h = SL_BUF_INIT;
				sl_opt_help(&h, e->spec);
				fputs(sl_buf_cstr(&h), out);
				sl_buf_dispose(&h);
				return 0;
			}
		}
		fprintf(err,
			"sheetlog: unknown command '%s' (see 'sheetlog --help')\n",
			argv[i + 1]);
		return 2;
	}
	for (e = sl_cli_commands; e->name; e++)
		if (!strcmp(e->name, argv[i]))
			break;
	if (!e->name)
		for (e = sl_cli_hidden_commands; e->name; e++)
			if (!strcmp(e->name, argv[i]))
				break;
	if (!e->name) {
		fprintf(err,
			"sheetlog: unknown command '%s' (see 'sheetlog --help')\n",
			argv[i]);
		return 2;
	}
	rc = e->fn(&cli, argc - i, argv + i);
	if (rc == SL_OPT_HELP)
		rc = 0;
	if (rc >= 0 && sl_cli_alloc_check(&cli) < 0)
		rc = SL_ENOMEM;
	if (rc < 0)
		print_error(&cli);
	status = sl_cli_exit_status(rc);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, "sheetlog: cannot write output: %s\n",
			strerror(errno));
		status = 3;
	}
	sl_repo_free(cli.repo);
	return status;
}

int sl_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
	return sl_cli_run(argc, argv, out, err, false, false, NULL);
}
