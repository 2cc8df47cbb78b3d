/*
 * test_cli.h: run the CLI in-process (sl_cli_main) and capture its
 * output, so ASan and valgrind see every allocation of a command.
 */
#ifndef TEST_CLI_H
#define TEST_CLI_H

#include <stddef.h>

typedef struct test_run {
	int status; /* exit status */
	char *out;  /* captured standard output, NUL-terminated */
	size_t out_len;
	char *err; /* captured standard error */
	size_t err_len;
} test_run;

/* Run "sheetlog ARGS..." (NULL-terminated). new: free with test_run_free */
test_run *test_cli(const char *arg, ...) __attribute__((sentinel));
test_run *test_cli_argv(int argc, const char **argv);
void test_run_free(test_run *r);

/* Group setup/teardown pairing git_libgit2_init/shutdown. */
int test_global_setup(void **state);
int test_global_teardown(void **state);
/* The same, and libgit2 reads no global, XDG or system config of this
 * machine (a global identity or core.hooksPath would change the result):
 * for tests of commands that read git config (publish, install-hooks). */
int test_isolated_setup(void **state);
int test_isolated_teardown(void **state);

#endif
