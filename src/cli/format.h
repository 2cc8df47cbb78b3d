/*
 * format.h: one table per document of {--format name, renderer}. A
 * command spells its formats once, as a list macro, which gives both the
 * option's choices ("text|markdown|json", printed by --help, the man page
 * and completion) and the table it dispatches through; row 0 is the default.
 */
#ifndef SL_CLI_FORMAT_H
#define SL_CLI_FORMAT_H

#include <stddef.h>

#include "buf.h"
#include "diff.h"
#include "render.h"

/* A table row from a list entry X(name, fn). */
#define SL_FORMAT_ROW(name, fn) {name, fn},
/* "|name" from a list entry, for the choices string. */
#define SL_FORMAT_BAR(name, fn) "|" name
/* "a|b|c" from a list: the names joined, less the leading '|' (a string
 * literal plus one is still a constant for static option tables). */
#define SL_FORMAT_CHOICES(list) (list(SL_FORMAT_BAR) + 1)
/* The --format option row of a list. */
#define SL_FORMAT_OPT(id, list, help)                                      \
	{                                                                  \
		id, "format", 'f', "FORMAT", SL_FORMAT_CHOICES(list), help \
	}

/* A static table named table from a list: rows {name, render}, where
 * render takes the parameters given after the list; a NULL row ends it. */
#define SL_FORMAT_TABLE(table, list, ...)   \
	static const struct {               \
		const char *name;           \
		int (*render)(__VA_ARGS__); \
	} table[] = {list(SL_FORMAT_ROW){NULL, NULL}}

/*
 * The row of table (rows of row_size bytes, each starting with its
 * const char *name, ended by a NULL name) called name; the first row when
 * name is NULL or unknown (the option parser has already refused unknown
 * values). Use through SL_FORMAT_FIND.
 */
size_t sl_cli_format_index(const void *rows, size_t row_size, const char *name);
#define SL_FORMAT_FIND(table, name) \
	(&(table)[sl_cli_format_index((table), sizeof((table)[0]), (name))])

/* The diff document: sheetlog diff offers every format, import (which
 * shows the edit it is about to write, on standard output only) the
 * plain ones at the head of the list. */
#define SL_DIFF_FORMATS_PLAIN(X)               \
	X("text", sl_render_diff_text)         \
	X("markdown", sl_render_diff_markdown) \
	X("json", sl_render_diff_json)
#define SL_DIFF_FORMATS(X) \
	SL_DIFF_FORMATS_PLAIN(X) X("html", sl_render_diff_html)

typedef struct sl_diff_format {
	const char *name; /* --format value; NULL ends the table */
	int (*render)(sl_buf *out, const sl_diff *diff,
		      const sl_render_options *o);
} sl_diff_format;

/* The rows of SL_DIFF_FORMATS, ended by {NULL, NULL}. */
extern const sl_diff_format sl_cli_diff_formats[];

#endif
