/*
 * opt.h: declarative command specs. One static table per command gives
 * its options, arguments and prose; the same table drives parsing,
 * `--help` and the man page, so they can never disagree (git's
 * parse-options).
 */
#ifndef SL_OPT_H
#define SL_OPT_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"

typedef struct sl_opt {
	int id;           /* index of the value in the command's value array */
	const char *name; /* long name without "--"; NULL ends a table */
	char short_name;  /* single-letter alias, or 0 */
	const char *arg;  /* metavariable ("FILE") when the option takes a
			   * value; NULL for a flag */
	const char *choices; /* "a|b|c" when the value is one of a set */
	const char *help;    /* one line, for --help and the man page */
} sl_opt;

typedef struct sl_optval {
	bool set;        /* given on the command line */
	const char *str; /* borrowed from argv: the value (last one wins) */
	int count;       /* times given */
} sl_optval;

typedef struct sl_cmd_spec {
	const char *name;        /* "export" */
	const char *args;        /* positional synopsis, "[REV]", or "" */
	const char *summary;     /* one line */
	const char *description; /* paragraphs, '\n'-separated, for help/man */
	const sl_opt *opts;      /* table ended by an entry with name NULL */
	int min_args;            /* positional arguments required */
	int max_args;            /* positional arguments allowed; -1: any */
} sl_cmd_spec;

/*
 * The option rows commands share, written once (a table row each, to be
 * placed in a command's sl_opt table with that command's id). The range
 * flags are those of the commands that read a log of commits (log,
 * audit); history words its own.
 */
/* clang-format off */
/* A flag: an option that takes no value (git's OPT_BOOL). */
#define SL_OPT_FLAG(id, name, short_name, help) \
	{id, name, short_name, NULL, NULL, help}
#define SL_OPT_LANG(id) \
	{id, "lang", 0, "LANG", "ja|en", "label language (default: ja)"}
#define SL_OPT_OUTPUT(id) \
	{id, "output", 'o', "FILE", NULL, \
	 "write to FILE atomically instead of standard output"}
#define SL_OPT_COLOR(id) \
	{id, "color", 0, "WHEN", "auto|always|never", \
	 "colour text output (default: auto)"}
#define SL_OPT_BOM(id) \
	SL_OPT_FLAG(id, "bom", 0, \
		    "CSV: start with a UTF-8 byte order mark (for Excel)")
#define SL_OPT_LOG_RANGE(all_parents, committer_date, since, until) \
	SL_OPT_FLAG(all_parents, "all-parents", 0, \
		    "include the commits of merged branches"), \
	SL_OPT_FLAG(committer_date, "committer-date", 0, \
		    "use commit dates, not author dates"), \
	{since, "since", 0, "DATE", NULL, "only commits on or after DATE"}, \
	{until, "until", 0, "DATE", NULL, "only commits on or before DATE"}
/* The row that ends every option table (git's OPT_END()). */
#define SL_OPT_END {0, NULL, 0, NULL, NULL, NULL}
/* clang-format on */

/* Maximum option ids per command, and positional arguments per call. */
#define SL_OPT_MAX 32
#define SL_POS_MAX 64

/* Result of sl_opt_parse beyond success: help was printed. */
#define SL_OPT_HELP 100

/*
 * Parse argv[1..argc) (argv[0] is the command name) against spec. Values
 * land in vals[id] (vals has SL_OPT_MAX entries, zeroed here); positional
 * arguments are stored in pos (capacity SL_POS_MAX) and counted in *npos.
 * "--" ends options; "-h"/"--help" prints help to out and returns
 * SL_OPT_HELP. @return 0, SL_OPT_HELP, or SL_EUSAGE (message in the error
 * record: one line naming the problem and the usage)
 */
int sl_opt_parse(const sl_cmd_spec *spec, sl_optval *vals, char **pos,
		 int *npos, int argc, char **argv, FILE *out);

/* Append the usage line "usage: sheetlog NAME [options] ARGS". */
void sl_opt_usage(sl_buf *out, const sl_cmd_spec *spec);
/* Append the full help text (usage, summary, description, options). */
void sl_opt_help(sl_buf *out, const sl_cmd_spec *spec);
/* Append the command's section of the man page (roff). */
void sl_opt_man(sl_buf *out, const sl_cmd_spec *spec);
/* Append text as roff: '-' as \-, a backslash as \e, and \& before a
 * '.' or "'" that starts a line, so no text line is read as a request. */
void sl_opt_roff(sl_buf *out, const char *s);
/* Append a tagged paragraph (.TP): tag in font ('B' bold, 'I' italic) on
 * its own line, then text; both as sl_opt_roff. */
void sl_opt_roff_tagged(sl_buf *out, char font, const char *tag,
			const char *text);

#endif
