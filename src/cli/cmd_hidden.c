/*
 * cmd_hidden.c: commands for the build and for shells, left out of
 * `sheetlog --help` and of the man page (sl_cli_hidden_commands):
 *   __man [-o FILE]                   the sheetlog(1) page (doc.c)
 *   __completion bash [-o FILE]       the bash completion script (doc.c)
 *   __complete editions|items         candidates, one per line; silent
 *                                     and successful outside a repository,
 *                                     since a shell is typing, not a user
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "doc.h"
#include "repo_edition.h"
#include "error.h"
#include "item.h"
#include "load.h"
#include "id.h"

enum { O_OUTPUT };

static const sl_opt doc_opts[] = {
	{O_OUTPUT, "output", 'o', "FILE", NULL,
	 "write to FILE (atomically) instead of standard output"},
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_man_spec = {
	"__man",
	"",
	"print the sheetlog(1) man page (roff), generated from the option tables",
	"",
	doc_opts,
	0,
	0,
};

const sl_cmd_spec sl_cmd_completion_spec = {
	"__completion",
	"SHELL",
	"print the completion script for SHELL (bash)",
	"Install it as share/bash-completion/completions/sheetlog, or source it\n"
	"from ~/.bashrc.",
	doc_opts,
	1,
	1,
};

static const sl_opt complete_opts[] = {
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_complete_spec = {
	"__complete",
	"KIND",
	"print completion candidates: 'editions' or 'items', one per line",
	"",
	complete_opts,
	1,
	1,
};

int sl_cmd_man(sl_cli_cmd *c)
{
	sl_doc_man(&c->out);
	return 0;
}

int sl_cmd_completion(sl_cli_cmd *c)
{
	if (strcmp(c->pos[0], "bash"))
		return sl_error_set(
			SL_EUSAGE,
			"no completion for shell '%s' (expected bash)",
			c->pos[0]);
	sl_doc_bash_completion(&c->out);
	return 0;
}

static int complete_editions(sl_cli *cli, sl_repo *repo)
{
	sl_edition_list list = SL_EDITION_LIST_INIT;
	size_t i;
	int rc = sl_edition_list_load(&list, repo);
	for (i = 0; rc == 0 && i < list.count; i++)
		fprintf(cli->out, "%s\n", list.items[i].name);
	sl_edition_list_dispose(&list);
	return rc;
}

static int complete_id_cmp(const void *a, const void *b)
{
	return sl_id_compare(*(char *const *)a, *(char *const *)b);
}

/* Item ids from the file names under checklist/items/ (no parsing: a
 * shell waits for this), in natural order. */
static int complete_items(sl_cli *cli, sl_repo *repo)
{
	sl_rev rev = SL_REV_INIT;
	sl_snapshot *snap = NULL;
	char **ids = NULL;
	size_t i, n = 0;
	int rc;

	rc = sl_cli_snapshot(cli, sl_repo_is_bare(repo) ? "HEAD" : "WORKTREE",
			     &rev, &snap);
	if (rc < 0)
		return rc;
	ids = sl_calloc(snap->files.len ? snap->files.len : 1, sizeof(*ids));
	if (!ids) {
		rc = sl_error_oom();
		goto done;
	}
	for (i = 0; i < snap->files.len; i++) {
		const sl_snapfile *f = snap->files.items[i];
		size_t l;
		if (f->kind != SL_FS_REGULAR || !sl_load_is_item_entry(f) ||
		    !sl_item_file_stem(&l, f->name + strlen("items/")))
			continue;
		ids[n] = sl_strndup(f->name + strlen("items/"), l);
		if (!ids[n]) {
			rc = sl_error_oom();
			goto done;
		}
		n++;
	}
	qsort(ids, n, sizeof(*ids), complete_id_cmp);
	for (i = 0; i < n; i++)
		fprintf(cli->out, "%s\n", ids[i]);
done:
	for (i = 0; ids && i < n; i++)
		sl_free(ids[i]);
	sl_free(ids);
	sl_snapshot_free(snap);
	sl_rev_dispose(&rev);
	return rc;
}

int sl_cmd_complete(sl_cli_cmd *c)
{
	sl_cli *cli = c->cli;
	const char *kind = c->pos[0];
	sl_repo *repo;
	int rc;

	if (strcmp(kind, "editions") && strcmp(kind, "items"))
		return sl_error_set(
			SL_EUSAGE,
			"unknown completion kind '%s' (expected editions or items)",
			kind);
	rc = sl_cli_repo(cli, &repo);
	if (rc == 0)
		rc = !strcmp(kind, "editions") ? complete_editions(cli, repo)
					       : complete_items(cli, repo);
	/* Outside a repository, or with a sheet that cannot be read, there
	 * is simply nothing to offer: no message in the middle of a prompt. */
	if (rc < 0 && rc != SL_ENOMEM) {
		sl_error_clear();
		rc = 0;
	}
	return rc;
}
