/*
 * test_cmd_lint_fix.c: `sheetlog lint --fix [--write]`: shows the fix as
 * the working-tree diff would (notation-only), writes nothing without
 * --write, writes exactly the files that change with every other byte
 * kept (items and sheet.json), all or none, and refuses a file not in
 * canonical form and a revision other than the working tree.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static int setup_repo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_copy_fixture(r);
	/* A trailing blank in sheet.json's disclaimer title. */
	{
		char *p = test_repo_path(r, "checklist/sheet.json");
		char *s = test_read_file(p, NULL);
		char *at = strstr(s, "\"免責事項\"");
		char *t;
		assert_non_null(at);
		*at = '\0';
		t = test_fmt("%s\"免責事項 \"%s", s,
			     at + strlen("\"免責事項\""));
		test_write_str(p, t);
		free(t);
		free(s);
		free(p);
	}
	test_repo_commit(r, "fixture");
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	test_repo_free(*state);
	return 0;
}

static char *read_rel(test_repo *r, const char *rel)
{
	char *p = test_repo_path(r, rel);
	char *s = test_read_file(p, NULL);
	free(p);
	return s;
}

/* s with the first `from` replaced by `to`. new: free() */
static char *replaced(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	assert_non_null(at);
	return test_fmt("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
}

static void test_cmd_lint_fix__shows_the_diff_and_writes_nothing(void **state)
{
	test_repo *r = *state;
	char *before10 = read_rel(r, "checklist/items/1-10.json"), *after;
	test_run *run = test_cli("-C", r->dir, "lint", "--fix", NULL);
	assert_int_equal(run->status, 0);
	/* The diff of the working tree: notation-only, char by char. */
	assert_non_null(strstr(run->out, "利[-⽤-]{+用+}します"));
	assert_non_null(strstr(run->out, "[-⾏-]{+行+}っています"));
	assert_non_null(strstr(run->out, "免責事項[- -]"));
	assert_non_null(strstr(run->err, "3 texts would be fixed; nothing "
					 "written (--write writes them)"));
	test_run_free(run);
	after = read_rel(r, "checklist/items/1-10.json");
	assert_string_equal(after, before10);
	free(after);
	free(before10);
	run = test_cli("-C", r->dir, "diff", "HEAD", "--format", "json", NULL);
	assert_non_null(strstr(run->out, "\"notation_only\": 0,"));
	test_run_free(run);
}

static void test_cmd_lint_fix__write_changes_only_those_bytes(void **state)
{
	test_repo *r = *state;
	char *b10 = read_rel(r, "checklist/items/1-10.json");
	char *b21 = read_rel(r, "checklist/items/2-1.json");
	char *bsheet = read_rel(r, "checklist/sheet.json");
	char *b11 = read_rel(r, "checklist/items/1-1.json");
	char *want, *got;
	test_run *run =
		test_cli("-C", r->dir, "lint", "--fix", "--write", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->err, "fixed 3 texts in 3 files"));
	test_run_free(run);
	want = replaced(b10, "⽤", "用");
	got = read_rel(r, "checklist/items/1-10.json");
	assert_string_equal(got, want);
	free(want);
	free(got);
	want = replaced(b21, "⾏", "行");
	got = read_rel(r, "checklist/items/2-1.json");
	assert_string_equal(got, want);
	free(want);
	free(got);
	want = replaced(bsheet, "\"免責事項 \"", "\"免責事項\"");
	got = read_rel(r, "checklist/sheet.json");
	assert_string_equal(got, want);
	free(want);
	free(got);
	got = read_rel(r, "checklist/items/1-1.json");
	assert_string_equal(got, b11);
	free(got);
	/* diff reads the result as notation-only; lint has nothing left. */
	run = test_cli("-C", r->dir, "diff", "HEAD", "--format", "json", NULL);
	assert_non_null(strstr(run->out, "\"modified\": 0,"));
	assert_non_null(strstr(run->out, "\"notation_only\": 2,"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "--fix", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out, "");
	assert_string_equal(run->err, "sheetlog: nothing to fix\n");
	test_run_free(run);
	free(b10);
	free(b21);
	free(bsheet);
	free(b11);
}

static void test_cmd_lint_fix__non_canonical_file_is_refused(void **state)
{
	test_repo *r = *state;
	char *b10 = read_rel(r, "checklist/items/1-10.json");
	char *b21 = read_rel(r, "checklist/items/2-1.json");
	char *odd = replaced(b21, "\"id\": \"2-1\"", "\"id\":\"2-1\"");
	char *got;
	test_run *run;
	test_repo_write(r, "checklist/items/2-1.json", odd);
	run = test_cli("-C", r->dir, "lint", "--fix", "--write", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "checklist/items/2-1.json is not in "
					 "canonical form"));
	assert_non_null(strstr(run->err, "run sheetlog fmt first"));
	test_run_free(run);
	/* Nothing written, the canonical 1-10 included. */
	got = read_rel(r, "checklist/items/1-10.json");
	assert_string_equal(got, b10);
	free(got);
	got = read_rel(r, "checklist/items/2-1.json");
	assert_string_equal(got, odd);
	free(got);
	free(odd);
	free(b10);
	free(b21);
}

static void test_cmd_lint_fix__failed_write_writes_nothing(void **state)
{
	test_repo *r = *state;
	char *b10 = read_rel(r, "checklist/items/1-10.json"), *got;
	test_run *run;
	sl_fs_fail_write_after(1);
	run = test_cli("-C", r->dir, "lint", "--fix", "--write", NULL);
	sl_fs_fail_write_after(-1);
	assert_int_equal(run->status, 3);
	assert_non_null(strstr(run->err, "(0 of 3 files written)"));
	test_run_free(run);
	got = read_rel(r, "checklist/items/1-10.json");
	assert_string_equal(got, b10);
	free(got);
	free(b10);
}

static void test_cmd_lint_fix__usage(void **state)
{
	test_repo *r = *state;
	test_run *run = test_cli("-C", r->dir, "lint", "--write", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err, "sheetlog: --write needs --fix\n");
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "HEAD", "--fix", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err, "sheetlog: --fix works on the working "
				      "tree, not on 'HEAD'\n");
	test_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup_repo, teardown_repo)
		T(test_cmd_lint_fix__shows_the_diff_and_writes_nothing),
		T(test_cmd_lint_fix__write_changes_only_those_bytes),
		T(test_cmd_lint_fix__non_canonical_file_is_refused),
		T(test_cmd_lint_fix__failed_write_writes_nothing),
		T(test_cmd_lint_fix__usage),
#undef T
	};
	return cmocka_run_group_tests_name(
		"cmd_lint_fix", tests, test_global_setup, test_global_teardown);
}
