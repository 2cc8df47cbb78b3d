/*
 * cli.h: the command-line program as a library (sheetlog_cli): global
 * options, the command table, and helpers the commands share. Tests run
 * sl_cli_main in-process with memory streams.
 */
#ifndef SL_CLI_H
#define SL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "diff.h"
#include "history.h"
#include "opt.h"
#include "render.h"
#include "repo.h"
#include "repo_rev.h"
#include "sheet.h"
#include "repo_snapshot.h"

/* A command's result beyond 0: findings were reported (exit status 1). */
#define SL_FINDINGS 1

typedef struct sl_cli {
	FILE *out;            /* borrowed; standard output */
	FILE *err;            /* borrowed; standard error */
	const char *dir;      /* -C DIR, or "." */
	bool out_tty;         /* out is a terminal (decided by main) */
	bool err_tty;         /* err is a terminal */
	const char *no_color; /* value of NO_COLOR, or NULL (read by main) */
	sl_repo *repo;        /* owned; opened on first use */
	bool progress_drawn;  /* a progress line is on stderr */
	long alloc_failures;  /* sl_alloc_failure_count() when the run began */
	int out_errno; /* a streamed write to out failed (sl_cli_stream) */
	/* Lines for stderr that say what a command did (rows read, files
	 * written, warnings), printed when it ends, before its error if
	 * any, and not at all when it runs out of memory: a run that fails
	 * out of memory says exactly one line, wherever it failed. */
	sl_buf notes;
} sl_cli;

/*
 * One run of a command (cli_cmd.c): its parsed options, what the options
 * every command shares ask for, and the document it writes. The shared
 * options are found in the command's table by their long names (the rows
 * of opt.h's SL_OPT_LANG, SL_OPT_BOM, SL_OPT_OUTPUT, SL_OPT_COLOR and
 * format.h's SL_FORMAT_OPT), so a command that offers one is handled
 * without naming its id. The dispatcher (sl_cli_run) frames every command
 * as git's does with RUN_SETUP:
 *
 *	rc = sl_cli_begin(&c, cli, e->spec, e->flags, argc, argv);
 *	if (rc == 0)
 *		rc = e->fn(&c);       its own work, rendering into c.out
 *	rc = sl_cli_end(&c, rc);      writes c.out
 */
typedef struct sl_cli_cmd {
	sl_cli *cli;             /* borrowed */
	sl_optval v[SL_OPT_MAX]; /* every option, by the command's ids */
	char *pos[SL_POS_MAX];   /* positional arguments, borrowed from argv */
	int npos;                /* how many */
	sl_render_options ro;    /* lang (--lang) and bom (--bom) filled in */
	sl_repo *repo;           /* borrowed from cli; opened by SL_CLI_REPO */
	sl_history_options history; /* SL_CLI_HISTORY: from --since, --until,
				     * --all-parents, --committer-date */
	const char *format;         /* --format's value; NULL: the first row */
	const char *output;         /* -o FILE; NULL: standard output */
	const char *color;          /* --color's value; NULL: auto */
	sl_buf out;                 /* owned; the document sl_cli_end writes */
	bool written; /* c->out is written (sl_cli_cmd_emit), or the
		       * command wrote its output itself (export
		       * --format xlsx): sl_cli_end writes nothing */
} sl_cli_cmd;

/* A command entry's flags (sl_cli_begin): open the repository of -C into
 * c->repo before the command runs. */
#define SL_CLI_REPO 1u
/* ... and fill c->history from the history flags the command offers
 * (sl_cli_history_options; implies SL_CLI_REPO). */
#define SL_CLI_HISTORY 2u

/*
 * Start a command: parse argv against spec into *c, then --lang and
 * --bom into c->ro, (flags) open the repository and fill c->history, in
 * that order. *c is
 * ready for sl_cli_end on every path. @return 0, SL_OPT_HELP (help was
 * printed), SL_EUSAGE or SL_EREPO
 */
int sl_cli_begin(sl_cli_cmd *c, sl_cli *cli, const sl_cmd_spec *spec,
		 unsigned flags, int argc, char **argv);
/* Colour for the document in format: sl_cli_color with the command's
 * --color, and -o counting as a file. */
bool sl_cli_cmd_color(const sl_cli_cmd *c, const char *format);
/*
 * Write c->out now, to -o FILE or standard output (sl_cli_emit; SL_ENOMEM
 * when the document ran out of memory), for a command with more to do
 * after its document (a warning, a write); sl_cli_end then writes nothing.
 * @return 0, SL_EIO or SL_ENOMEM
 */
int sl_cli_cmd_emit(sl_cli_cmd *c);
/*
 * End a command whose work returned rc: when it succeeded (0, or
 * SL_FINDINGS: the document shows the findings), write c->out as
 * sl_cli_cmd_emit does unless that is done (c->written); then release
 * c->out. An empty document on standard output writes nothing, so a
 * command that prints its report itself ends the same way. @return rc,
 * or the failure of the write
 */
int sl_cli_end(sl_cli_cmd *c, int rc);
/* A command: its own work, between sl_cli_begin and sl_cli_end.
 * @return 0, SL_FINDINGS or an error code */
typedef int (*sl_cmd_fn)(sl_cli_cmd *c);

typedef struct sl_cmd_entry {
	const char *name;
	sl_cmd_fn fn;
	const sl_cmd_spec *spec;
	unsigned flags; /* SL_CLI_REPO, SL_CLI_HISTORY, or 0 */
} sl_cmd_entry;

/* The command table, ended by an entry with name NULL. */
extern const sl_cmd_entry sl_cli_commands[];
/* Commands left out of --help and the man page (__man, __completion,
 * __complete), ended by an entry with name NULL. */
extern const sl_cmd_entry sl_cli_hidden_commands[];

/* An option given before the command (-C DIR, --version, --help). */
typedef struct sl_cli_global_opt {
	char short_name;       /* single letter, or 0 */
	const char *long_name; /* without "--", or NULL */
	const char *arg;       /* metavariable, or NULL for a flag */
	const char *help;      /* one line; NULL ends the table */
} sl_cli_global_opt;

/* The global options, for --help, the man page and completion. */
extern const sl_cli_global_opt sl_cli_global_opts[];
/* Append "-h, --help" / "-C DIR" for one global option. */
void sl_cli_global_opt_synopsis(sl_buf *out, const sl_cli_global_opt *o);

/*
 * Run the program. env_no_color and the tty flags come from the caller
 * so this function reads no global state. @return the exit status
 */
int sl_cli_run(int argc, char **argv, FILE *out, FILE *err, bool out_tty,
	       bool err_tty, const char *env_no_color);
/* sl_cli_run for tests: not a terminal, NO_COLOR unset. */
int sl_cli_main(int argc, char **argv, FILE *out, FILE *err);

/* Map a command result (0, SL_FINDINGS, or SL_E*) to the exit status:
 * 0 success, 1 findings, 2 usage/repository/revision/input data,
 * 3 I/O or internal failure (docs/exit-status.md). */
int sl_cli_exit_status(int rc);

/* The repository of -C (opened once). @return 0 or SL_EREPO */
int sl_cli_repo(sl_cli *cli, sl_repo **out);
/* Resolve a revision and read its snapshot. */
int sl_cli_snapshot(sl_cli *cli, const char *rev_expr, sl_rev *rev,
		    sl_snapshot **snap);
/*
 * The two revisions of a command that compares: "A..B", or "A [B]" with B
 * defaulting to WORKTREE. new: *a and *b (free with sl_free).
 * @return 0, SL_EUSAGE or SL_ENOMEM
 */
int sl_cli_range(sl_cli *cli, int npos, char **pos, char **a, char **b);
/* The two revisions of a comparing command (diff, changelog), their
 * snapshots and the diff between them. */
typedef struct sl_cli_compare {
	sl_rev from;    /* the old revision */
	sl_rev to;      /* the new revision */
	sl_snapshot *a; /* owned; from's files */
	sl_snapshot *b; /* owned; to's files */
	sl_diff *diff;  /* owned; a -> b */
} sl_cli_compare;
#define SL_CLI_COMPARE_INIT                                \
	{                                                  \
		SL_REV_INIT, SL_REV_INIT, NULL, NULL, NULL \
	}
/* Resolve the range of the command's arguments (as sl_cli_range), read
 * both sides and diff them into *cmp (SL_CLI_COMPARE_INIT; dispose it on
 * every path); c->ro's from and to then point into *cmp.
 * @return 0, SL_EUSAGE, SL_ENOTFOUND, SL_EREPO, SL_EINVALID or SL_ENOMEM */
int sl_cli_compare_range(sl_cli_cmd *c, sl_cli_compare *cmp);
void sl_cli_compare_dispose(sl_cli_compare *c);
/*
 * Fill history options from the common flags: --since/--until (dates in
 * the sheet's time zone), --all-parents, --committer-date; progress goes
 * to standard error when it is a terminal. @return 0 or SL_EUSAGE
 */
struct sl_history_options;
int sl_cli_history_options(sl_cli *cli, struct sl_history_options *o,
			   const char *since, const char *until,
			   bool all_parents, bool committer_date);
/* The option ids of the commands that read a log of commits (log,
 * audit): one set, so that sl_cli_log_args reads either table. */
enum {
	SL_LOG_O_FORMAT,
	SL_LOG_O_ALL_PARENTS,
	SL_LOG_O_COMMITTER_DATE,
	SL_LOG_O_SINCE,
	SL_LOG_O_UNTIL,
	SL_LOG_O_BOM,
	SL_LOG_O_LANG,
	SL_LOG_O_OUTPUT
};
/* Their option rows after --format (each table's own first row). */
/* clang-format off */
#define SL_LOG_OPTS \
	SL_OPT_LOG_RANGE(SL_LOG_O_ALL_PARENTS, SL_LOG_O_COMMITTER_DATE, \
			 SL_LOG_O_SINCE, SL_LOG_O_UNTIL), \
	SL_OPT_BOM(SL_LOG_O_BOM), \
	SL_OPT_LANG(SL_LOG_O_LANG), \
	SL_OPT_OUTPUT(SL_LOG_O_OUTPUT)
/* clang-format on */
/*
 * The log of the range a command begun on an option table of the
 * SL_LOG_O_* ids was given (see sl_cli_load_log; required: a range must
 * be given). new: *log. @return 0 or an error code
 */
struct sl_log;
int sl_cli_log_args(sl_cli_cmd *c, bool required, struct sl_log **log);
/* Clear the progress line, if one was drawn. */
void sl_cli_progress_end(sl_cli *cli);
/* Resolve a revision that must be a commit (log and audit ranges). */
int sl_cli_commit(sl_cli *cli, const char *expr, sl_rev *rev);
/* The log of a range "[A..B]" (pos[0]; B must be a commit; no range: all
 * of HEAD unless required). new: *log. */
struct sl_log;
int sl_cli_load_log(sl_cli *cli, struct sl_log **log, const char *since,
		    const char *until, bool all_parents, bool committer_date,
		    int npos, char **pos, bool required);
/*
 * A FILE argument as a path to open: relative paths are taken from -C DIR,
 * as git does ("run as if started in DIR"), absolute ones and "-" as they
 * are. Messages about the file name the joined path: where it looked.
 * new: *out (sl_free). @return 0 or SL_ENOMEM
 */
int sl_cli_path(const sl_cli *cli, const char *arg, char **out);
/* Write buf to path (a FILE argument, see sl_cli_path) atomically, or to
 * cli->out when path is NULL or "-"; nothing when an allocation has failed
 * during the run (see sl_cli_alloc_check). @return 0, SL_EIO or SL_ENOMEM */
int sl_cli_emit(sl_cli *cli, const char *path, const sl_buf *buf);
/* When path is standard output (NULL or "-"), write buf to it as it grows
 * (sl_buf_set_drain) instead of whole at sl_cli_emit, which then writes
 * the rest. For documents written by appending only (the JSON writer).
 * A file (-o) is still written whole and atomically by sl_cli_emit. */
void sl_cli_stream(sl_cli *cli, const char *path, sl_buf *buf);
/* Colour for output in `format`: only text, only to the terminal (not
 * with -o), and as --color (color_opt) and NO_COLOR say. */
bool sl_cli_color(const sl_cli *cli, const char *format, const char *color_opt,
		  bool to_file);
/* SL_ENOMEM (recorded) when any allocation has failed since the run began,
 * else 0: checked before output is written, and once more at the end. */
int sl_cli_alloc_check(const sl_cli *cli);

/*
 * ITEM[@REV] (cli_item.c): *id new (sl_free), *rev borrowed from arg or
 * NULL when arg names no revision. @return 0, SL_EUSAGE ("@REV",
 * "ITEM@") or SL_ENOMEM
 */
int sl_cli_item_arg(char **id, const char **rev, const char *arg);
/*
 * When rc is SL_ENOTFOUND about item id, add the closest ids of the sheet
 * at rev to the message ("...; did you mean 1-61, 1-11?"); else, or when
 * none is close, rc unchanged. @return rc
 */
int sl_cli_suggest_item(sl_cli *cli, int rc, const sl_rev *rev, const char *id);
#endif
