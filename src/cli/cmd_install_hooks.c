/*
 * cmd_install_hooks.c: `sheetlog install-hooks`: the pre-commit hook that
 * lints the staged sheet, and with --diff-driver the textconv driver
 * (sl_hooks_install; docs/git-integration.md).
 */
#include <limits.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "cmds.h"
#include "error.h"
#include "hooks.h"

enum { O_FORCE, O_DIFF_DRIVER, O_PROGRAM };

static const sl_opt install_hooks_opts[] = {
	SL_OPT_FLAG(O_FORCE, "force", 0,
		    "replace an existing pre-commit hook (kept as "
		    "pre-commit" SL_HOOKS_BACKUP_SUFFIX ")"),
	SL_OPT_FLAG(
		O_DIFF_DRIVER, "diff-driver", 0,
		"also set up 'sheetlog textconv' for git diff on item files"),
	{O_PROGRAM, "program", 0, "PATH", NULL,
	 "the sheetlog the hook runs (default: this executable; 'sheetlog' "
	 "looks it up on PATH)"},
	SL_OPT_END,
};

const sl_cmd_spec sl_cmd_install_hooks_spec = {
	"install-hooks",
	"",
	"install a pre-commit hook that refuses commits with lint errors",
	"Writes a pre-commit hook (a POSIX sh script, mode 0755) into the\n"
	"repository's hooks directory (core.hooksPath, else .git/hooks) that\n"
	"runs 'sheetlog lint INDEX --quiet' on the index being committed and\n"
	"refuses the commit on lint errors. An existing hook is kept unless\n"
	"--force (with --diff-driver alone, a hook sheetlog wrote earlier is\n"
	"left as it is and only the driver is added). --diff-driver also sets diff.sheetlog.textconv and\n"
	"diff.sheetlog.cachetextconv in the repository's config and adds\n"
	"'" SL_HOOKS_ATTRIBUTES_LINE "' to .git/info/attributes (once).",
	install_hooks_opts,
	0,
	0,
};

/* new: the absolute path of the running executable, or NULL when the
 * system does not say (then the hook looks sheetlog up on PATH). */
static char *self_exe(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n <= 0 || (size_t)n >= sizeof(path) - 1 || path[0] != '/')
		return NULL;
	path[n] = '\0';
	return sl_strdup(path);
}

int sl_cmd_install_hooks(sl_cli_cmd *c)
{
	sl_hooks_options ho = SL_HOOKS_OPTIONS_INIT;
	sl_hooks_result res = SL_HOOKS_RESULT_INIT;
	char *self = NULL;
	FILE *out = c->cli->out;
	int rc;

	if (c->v[O_PROGRAM].set) {
		ho.program = c->v[O_PROGRAM].str;
	} else {
		self = self_exe();
		ho.program = self;
	}
	ho.force = c->v[O_FORCE].set;
	ho.diff_driver = c->v[O_DIFF_DRIVER].set;
	rc = sl_hooks_install(&res, c->repo, &ho);
	if (res.backup)
		fprintf(out, "kept the previous hook as %s\n", res.backup);
	/* Say what was done even when a later step failed. */
	if (res.hook_written)
		fprintf(out, "installed the pre-commit hook: %s\n", res.hook);
	else if (res.hook_unchanged)
		fprintf(out, "the pre-commit hook is up to date: %s\n",
			res.hook);
	else if (res.hook_kept)
		fprintf(out,
			"kept sheetlog's pre-commit hook as it is: %s "
			"(--force rewrites it)\n",
			res.hook);
	if (rc == 0 && res.config)
		fprintf(out,
			"set diff.sheetlog.textconv and "
			"diff.sheetlog.cachetextconv in %s\n",
			res.config);
	if (rc == 0 && res.attributes_added)
		fprintf(out, "added '%s' to %s\n", SL_HOOKS_ATTRIBUTES_LINE,
			res.attributes);
	else if (rc == 0 && res.attributes)
		fprintf(out, "'%s' is in %s already\n",
			SL_HOOKS_ATTRIBUTES_LINE, res.attributes);
	sl_hooks_result_dispose(&res);
	sl_free(self);
	return rc;
}
