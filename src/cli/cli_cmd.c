/*
 * cli_cmd.c: the frame of every command: parse its options, apply the
 * ones all commands share (--lang, --bom, --format, -o, --color), open
 * the repository when asked, and at the end write the document. The
 * dispatcher (cli.c) runs every command between sl_cli_begin and
 * sl_cli_end, so a command keeps only its own work.
 */
#include "cli.h"

#include <string.h>

#include "error.h"
#include "labels.h"

/* The value of the option called name in spec's table, or NULL when the
 * command has no such option. */
static const sl_optval *cmd_opt(const sl_cli_cmd *c, const sl_cmd_spec *spec,
				const char *name)
{
	const sl_opt *o;
	for (o = spec->opts; o && o->name; o++)
		if (!strcmp(o->name, name))
			return &c->v[o->id];
	return NULL;
}

/* The value given to option name, or NULL (not offered, or not given). */
static const char *cmd_str(const sl_cli_cmd *c, const sl_cmd_spec *spec,
			   const char *name)
{
	const sl_optval *v = cmd_opt(c, spec, name);
	return v && v->set ? v->str : NULL;
}

/* Whether flag option name was given (false when not offered). */
static bool cmd_set(const sl_cli_cmd *c, const sl_cmd_spec *spec,
		    const char *name)
{
	const sl_optval *v = cmd_opt(c, spec, name);
	return v && v->set;
}

int sl_cli_begin(sl_cli_cmd *c, sl_cli *cli, const sl_cmd_spec *spec,
		 unsigned flags, int argc, char **argv)
{
	const char *lang;
	int rc;

	memset(c, 0, sizeof(*c));
	c->cli = cli;
	c->ro = (sl_render_options)SL_RENDER_OPTIONS_INIT;
	c->history = (sl_history_options)SL_HISTORY_OPTIONS_INIT;
	sl_buf_init(&c->out);
	rc = sl_opt_parse(spec, c->v, c->pos, &c->npos, argc, argv, cli->out);
	if (rc != 0)
		return rc;
	c->format = cmd_str(c, spec, "format");
	c->output = cmd_str(c, spec, "output");
	c->color = cmd_str(c, spec, "color");
	c->ro.bom = cmd_set(c, spec, "bom");
	lang = cmd_str(c, spec, "lang");
	if (lang && (rc = sl_lang_parse(&c->ro.lang, lang)) < 0)
		return rc;
	if (flags & (SL_CLI_REPO | SL_CLI_HISTORY))
		rc = sl_cli_repo(cli, &c->repo);
	if (rc == 0 && (flags & SL_CLI_HISTORY))
		rc = sl_cli_history_options(cli, &c->history,
					    cmd_str(c, spec, "since"),
					    cmd_str(c, spec, "until"),
					    cmd_set(c, spec, "all-parents"),
					    cmd_set(c, spec, "committer-date"));
	return rc;
}

bool sl_cli_cmd_color(const sl_cli_cmd *c, const char *format)
{
	return sl_cli_color(c->cli, format, c->color, c->output != NULL);
}

int sl_cli_cmd_emit(sl_cli_cmd *c)
{
	c->written = true;
	/* A streamed write that failed fails the buffer too: say why. */
	return sl_buf_oom(&c->out) && !c->cli->out_errno
		       ? sl_error_oom()
		       : sl_cli_emit(c->cli, c->output, &c->out);
}

int sl_cli_end(sl_cli_cmd *c, int rc)
{
	if ((rc == 0 || rc == SL_FINDINGS || c->cli->out_errno) &&
	    !c->written) {
		int wrc = sl_cli_cmd_emit(c);
		if (wrc < 0)
			rc = wrc;
	}
	sl_buf_dispose(&c->out);
	return rc;
}
