/*
 * test_cmd_editions.c: `sheetlog editions`: tags and as_of transitions,
 * item counts and change counts against the previous edition.
 */
#define _XOPEN_SOURCE 700
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "golden.h"
#include "test_cli.h"
#include "test_repo.h"

static void test_cmd_editions__text_and_json(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	json_t *root, *e;
	(void)state;
	/* Two editions of the fixture sheet (tests/fixtures/demo/). */
	test_repo_build_fixture_demo(r);
	run = test_cli("-C", r->dir, "editions", NULL);
	assert_int_equal(run->status, 0);
	test_golden("editions/fixture.txt", run->out, run->out_len);
	test_run_free(run);
	run = test_cli("-C", r->dir, "editions", "--format", "json", NULL);
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	assert_int_equal(json_array_size(root), 2);
	e = json_array_get(root, 0);
	assert_string_equal(json_string_value(json_object_get(e, "name")),
			    "2022-09");
	assert_true(json_is_true(json_object_get(e, "tagged")));
	assert_int_equal(json_integer_value(json_object_get(e, "items")), 5);
	assert_true(json_is_null(json_object_get(e, "changes")));
	e = json_array_get(root, 1);
	assert_string_equal(json_string_value(json_object_get(e, "date")),
			    "2023-04-28T15:00:00+09:00");
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(e, "changes"), "renumbered")),
			 2);
	assert_int_equal(json_integer_value(json_object_get(e, "items")), 6);
	json_decref(root);
	test_run_free(run);
	test_repo_free(r);
}

static void test_cmd_editions__tag_wins_over_the_as_of_commit(void **state)
{
	test_repo *r = test_repo_new();
	char first[41], second[41];
	test_run *run;
	(void)state;
	test_repo_copy_fixture(r);
	strcpy(first, test_repo_commit(r, "as_of becomes 2022-09"));
	test_repo_write(
		r, "checklist/items/1-61.json",
		"{\n  \"id\": \"1-61\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n  \"answer\": \"fixed\"\n}\n");
	strcpy(second, test_repo_commit(r, "correction published as 2022-09"));
	test_repo_tag(r, "edition/2022-09", second, false);
	run = test_cli("-C", r->dir, "editions", "--format", "json", NULL);
	assert_non_null(strstr(run->out, second));
	assert_null(strstr(run->out, first));
	assert_non_null(strstr(run->out, "\"tagged\": true"));
	test_run_free(run);
	test_repo_free(r);
}

static void test_cmd_editions__empty_repository_has_none(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run = test_cli("-C", r->dir, "editions", NULL);
	(void)state;
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out, "版はまだありません。\n");
	test_run_free(run);
	test_repo_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_editions__text_and_json),
		cmocka_unit_test(
			test_cmd_editions__tag_wins_over_the_as_of_commit),
		cmocka_unit_test(test_cmd_editions__empty_repository_has_none),
	};
	return cmocka_run_group_tests_name(
		"cmd_editions", tests, test_global_setup, test_global_teardown);
}
