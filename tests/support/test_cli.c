/* test_cli.c: in-process CLI runs with captured streams. */
#define _XOPEN_SOURCE 700
#include "test_cli.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <git2.h>

#include "cli.h"
#include "error.h"
#include "repo.h"
#include "test_tmp.h"

test_run *test_cli_argv(int argc, const char **argv)
{
	test_run *r = calloc(1, sizeof(*r));
	FILE *out, *err;
	char **args = calloc((size_t)argc + 2, sizeof(char *));
	static char progname[] = "sheetlog";
	int i;
	assert_non_null(r);
	assert_non_null(args);
	args[0] = progname;
	for (i = 0; i < argc; i++)
		args[i + 1] = (char *)argv[i];
	out = open_memstream(&r->out, &r->out_len);
	err = open_memstream(&r->err, &r->err_len);
	assert_non_null(out);
	assert_non_null(err);
	r->status = sl_cli_main(argc + 1, args, out, err);
	fclose(out);
	fclose(err);
	free(args);
	return r;
}

test_run *test_cli(const char *arg, ...)
{
	const char *argv[64];
	int argc = 0;
	va_list ap;
	va_start(ap, arg);
	while (arg && argc < 64) {
		argv[argc++] = arg;
		arg = va_arg(ap, const char *);
	}
	va_end(ap);
	return test_cli_argv(argc, argv);
}

void test_run_free(test_run *r)
{
	if (!r)
		return;
	free(r->out);
	free(r->err);
	free(r);
}

int test_global_setup(void **state)
{
	(void)state;
	sl_repo_global_init();
	return 0;
}

int test_global_teardown(void **state)
{
	(void)state;
	sl_repo_global_shutdown();
	return 0;
}

static char *isolated_config_home;

int test_isolated_setup(void **state)
{
	test_global_setup(state);
	isolated_config_home = test_tmp_dir();
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL,
			 isolated_config_home);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG,
			 isolated_config_home);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM,
			 isolated_config_home);
	return 0;
}

int test_isolated_teardown(void **state)
{
	test_tmp_rm(isolated_config_home);
	free(isolated_config_home);
	isolated_config_home = NULL;
	return test_global_teardown(state);
}
