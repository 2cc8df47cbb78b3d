/* main.c: the process boundary: environment, terminals, libgit2 setup. */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "history.h"
#include "par.h"
#include "repo.h"

/* SL_THREADS=N (1 to 64) caps the threads a command may use; 1 runs
 * everything on the main thread. Anything else is ignored. */
static void threads_from_env(void)
{
	const char *env = getenv("SL_THREADS");
	char *end;
	long n;
	if (!env || !*env)
		return;
	n = strtol(env, &end, 10);
	if (!*end && n >= 1 && n <= 64)
		sl_par_set_threads((size_t)n);
}

int main(int argc, char **argv)
{
	int status;
	sl_repo_global_init();
	threads_from_env();
	/* SL_HISTORY_WHOLE=1: history's slow path (history.h), for tests. */
	if (getenv("SL_HISTORY_WHOLE"))
		sl_history_set_whole_diffs(true);
	status = sl_cli_run(argc, argv, stdout, stderr,
			    isatty(STDOUT_FILENO) == 1,
			    isatty(STDERR_FILENO) == 1, getenv("NO_COLOR"));
	sl_repo_global_shutdown();
	return status;
}
