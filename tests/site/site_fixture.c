/*
 * site_fixture.c: the fixture of the site's checks (check_site.py and the
 * browser test): builds test_site_build_history (three editions, one
 * renumbering, one hostile answer) with libgit2 and writes
 * `sheetlog site -o argv[1]` (argv[2], optional: --lang's value).
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_site.h"

static const char *site_dir;
static const char *site_lang = "ja";

static void test_site_fixture__write(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	(void)state;
	test_site_build_history(r);
	run = test_cli("-C", r->dir, "site", "-o", site_dir, "--lang",
		       site_lang, NULL);
	if (run->status != 0)
		fprintf(stderr, "%s", run->err);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	test_repo_free(r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_site_fixture__write),
	};
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: site_fixture DIR [ja|en]\n");
		return 2;
	}
	site_dir = argv[1];
	if (argc == 3)
		site_lang = argv[2];
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
