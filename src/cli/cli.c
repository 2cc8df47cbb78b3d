/*
 * cli.c: global options (-C, --version, --help), the command table,
 * dispatch, and the one mapping from results to exit statuses. Revision
 * arguments are in cli_rev.c, output (files, colour, formats) in
 * cli_output.c.
 */
#include "cli.h"
#include "cmds.h"

#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

#ifndef SL_VERSION
#define SL_VERSION "0.0.0"
#endif

const sl_cmd_entry sl_cli_commands[] = {
	{"approve", sl_cmd_approve, &sl_cmd_approve_spec, SL_CLI_REPO},
	{"audit", sl_cmd_audit, &sl_cmd_audit_spec, 0},
	{"blame", sl_cmd_blame, &sl_cmd_blame_spec, SL_CLI_HISTORY},
	{"changelog", sl_cmd_changelog, &sl_cmd_changelog_spec, 0},
	{"diff", sl_cmd_diff, &sl_cmd_diff_spec, 0},
	{"editions", sl_cmd_editions, &sl_cmd_editions_spec, SL_CLI_REPO},
	{"export", sl_cmd_export, &sl_cmd_export_spec, 0},
	{"fmt", sl_cmd_fmt, &sl_cmd_fmt_spec, 0},
	{"history", sl_cmd_history, &sl_cmd_history_spec, SL_CLI_HISTORY},
	{"import", sl_cmd_import, &sl_cmd_import_spec, 0},
	{"insert", sl_cmd_insert, &sl_cmd_insert_spec, SL_CLI_REPO},
	{"install-hooks", sl_cmd_install_hooks, &sl_cmd_install_hooks_spec,
	 SL_CLI_REPO},
	{"lint", sl_cmd_lint, &sl_cmd_lint_spec, SL_CLI_REPO},
	{"log", sl_cmd_log, &sl_cmd_log_spec, 0},
	{"move", sl_cmd_move, &sl_cmd_move_spec, SL_CLI_REPO},
	{"publish", sl_cmd_publish, &sl_cmd_publish_spec, SL_CLI_REPO},
	{"remove", sl_cmd_remove, &sl_cmd_remove_spec, SL_CLI_REPO},
	{"review", sl_cmd_review, &sl_cmd_review_spec, SL_CLI_REPO},
	{"show", sl_cmd_show, &sl_cmd_show_spec, SL_CLI_HISTORY},
	{"site", sl_cmd_site, &sl_cmd_site_spec, SL_CLI_REPO},
	{"stale", sl_cmd_stale, &sl_cmd_stale_spec, SL_CLI_REPO},
	{"textconv", sl_cmd_textconv, &sl_cmd_textconv_spec, 0},
	{NULL, NULL, NULL, 0},
};

/* Commands for the build and for shells, left out of --help and the man
 * page: the man page, the completion script, and its candidate lists. */
const sl_cmd_entry sl_cli_hidden_commands[] = {
	{"__complete", sl_cmd_complete, &sl_cmd_complete_spec, 0},
	{"__completion", sl_cmd_completion, &sl_cmd_completion_spec, 0},
	{"__man", sl_cmd_man, &sl_cmd_man_spec, 0},
	{NULL, NULL, NULL, 0},
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

/* Append "  NAME" padded to the column of the help texts, then text. */
static void help_row(sl_buf *h, size_t start, const char *text)
{
	size_t w = h->len - start - 2;
	sl_buf_printf(h, "%*s %s\n", w < 12 ? (int)(12 - w) : 0, "", text);
}

static void global_help(FILE *f)
{
	const sl_cmd_entry *e;
	const sl_cli_global_opt *g;
	sl_buf h = SL_BUF_INIT;
	sl_buf_puts(
		&h,
		"usage: sheetlog [-C DIR] <command> [options] [args]\n\n"
		"Keeps a check sheet (checklist/ in a git repository) under version\n"
		"control and says what changed between its editions.\n\n"
		"commands:\n");
	for (e = sl_cli_commands; e->name; e++) {
		size_t start = h.len;
		sl_buf_printf(&h, "  %s", e->name);
		help_row(&h, start, e->spec->summary);
	}
	sl_buf_puts(&h, "\nglobal options:\n");
	for (g = sl_cli_global_opts; g->help; g++) {
		size_t start = h.len;
		sl_buf_puts(&h, "  ");
		sl_cli_global_opt_synopsis(&h, g);
		help_row(&h, start, g->help);
	}
	fputs(sl_buf_cstr(&h), f);
	sl_buf_dispose(&h);
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
	sl_cli_cmd cmd;
	const sl_cmd_entry *e;
	int i = 1, rc, status;

	memset(&cli, 0, sizeof(cli));
	sl_buf_init(&cli.notes);
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
	rc = sl_cli_begin(&cmd, &cli, e->spec, e->flags, argc - i, argv + i);
	if (rc == 0)
		rc = e->fn(&cmd);
	rc = sl_cli_end(&cmd, rc);
	if (rc == SL_OPT_HELP)
		rc = 0;
	if (rc >= 0 && sl_cli_alloc_check(&cli) < 0)
		rc = SL_ENOMEM;
	if (rc >= 0 && sl_buf_oom(&cli.notes))
		rc = sl_error_oom();
	if (rc != SL_ENOMEM)
		fputs(sl_buf_cstr(&cli.notes), err);
	sl_buf_dispose(&cli.notes);
	if (rc < 0)
		print_error(&cli);
	status = sl_cli_exit_status(rc);
	if (fflush(out) != 0 || ferror(out)) {
		/* A streamed write that failed has been reported already. */
		if (!cli.out_errno)
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
