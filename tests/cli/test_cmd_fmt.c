/*
 * test_cmd_fmt.c: `sheetlog fmt`: --check lists non-canonical files and
 * exits 1 without writing; fmt rewrites exactly those files into the
 * canonical form; an unparsable file stops everything.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static const char messy[] =
	"{\"answer\":\"\\u56de\\u7b54\",\"question\":\"q\",\"zeta\":[1, 2],"
	"\"section\":\"1\",\"id\":\"1-2\",\"alpha\":true}";
static const char canonical[] =
	"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n"
	"  \"answer\": \"回答\",\n  \"alpha\": true,\n  \"zeta\": [\n    1,\n    2\n  ]\n}\n";

static int setup_repo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_copy_fixture(r);
	test_repo_commit(r, "fixture 2022-09");
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	test_repo_free(*state);
	return 0;
}

static void test_cmd_fmt__fixture_is_canonical(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "fmt", "--check", NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->out_len, 0);
	test_run_free(run);
}

static void test_cmd_fmt__check_lists_and_writes_nothing(void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "checklist/items/1-2.json");
	char *after;
	test_run *run;
	test_write_str(path, messy);
	run = test_cli("-C", r->dir, "fmt", "--check", NULL);
	assert_int_equal(run->status, 1);
	assert_string_equal(run->out, "checklist/items/1-2.json\n");
	after = test_read_file(path, NULL);
	assert_string_equal(after, messy);
	free(after);
	test_run_free(run);
	free(path);
}

static void test_cmd_fmt__rewrites_into_canonical_form_once(void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "checklist/items/1-2.json");
	char *after;
	test_run *run;
	test_write_str(path, messy);
	run = test_cli("-C", r->dir, "fmt", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out, "formatted checklist/items/1-2.json\n");
	after = test_read_file(path, NULL);
	assert_string_equal(after, canonical);
	free(after);
	test_run_free(run);
	/* Idempotent: a second run changes nothing. */
	run = test_cli("-C", r->dir, "fmt", NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->out_len, 0);
	test_run_free(run);
	free(path);
}

static void test_cmd_fmt__unparsable_file_means_nothing_is_written(void **state)
{
	test_repo *r = *state;
	char *messy_path = test_repo_path(r, "checklist/items/1-2.json");
	char *after;
	test_run *run;
	test_write_str(messy_path, messy);
	test_repo_write(r, "checklist/items/1-3.json", "{\"id\": \"1-3\",");
	run = test_cli("-C", r->dir, "fmt", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(
		run->err,
		"checklist/items/1-3.json:1:13: error: invalid JSON: string or '}' expected near end of file [json-syntax]\n"));
	assert_non_null(strstr(
		run->err,
		"sheetlog: 1 file cannot be parsed; nothing was formatted\n"));
	after = test_read_file(messy_path, NULL);
	assert_string_equal(after, messy);
	free(after);
	test_run_free(run);
	free(messy_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_cmd_fmt__fixture_is_canonical, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_fmt__check_lists_and_writes_nothing,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_fmt__rewrites_into_canonical_form_once,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_fmt__unparsable_file_means_nothing_is_written,
			setup_repo, teardown_repo),
	};
	return cmocka_run_group_tests_name("cmd_fmt", tests, test_global_setup,
					   test_global_teardown);
}
