/* main.c: the process boundary: environment, terminals, libgit2 setup. */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "repo.h"

int main(int argc, char **argv)
{
	int status;
	sl_repo_global_init();
	status = sl_cli_run(argc, argv, stdout, stderr,
			    isatty(STDOUT_FILENO) == 1,
			    isatty(STDERR_FILENO) == 1, getenv("NO_COLOR"));
	sl_repo_global_shutdown();
	return status;
}
