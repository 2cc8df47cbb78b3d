/*
 * test_cli.c: the program as a whole: the command-table walk (git's
 * t0012-help), global options, and the one-line failures for a bad
 * directory, a non-repository and unknown commands.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_cli__every_command_has_help_naming_it(void **state)
{
	const sl_cmd_entry *e;
	(void)state;
	for (e = sl_cli_commands; e->name; e++) {
		char *usage = test_fmt("usage: sheetlog %s", e->name);
		test_run *r = test_cli(e->name, "--help", NULL);
		assert_int_equal(r->status, 0);
		assert_non_null(strstr(r->out, usage));
		assert_non_null(strstr(r->out, "--help"));
		assert_int_equal(r->err_len, 0);
		test_run_free(r);
		r = test_cli("help", e->name, NULL);
		assert_int_equal(r->status, 0);
		assert_non_null(strstr(r->out, usage));
		test_run_free(r);
		free(usage);
	}
}

static void test_cli__unknown_option_exits_2_with_one_line(void **state)
{
	const sl_cmd_entry *e;
	(void)state;
	for (e = sl_cli_commands; e->name; e++) {
		char *usage = test_fmt("usage: sheetlog %s", e->name);
		test_run *r = test_cli(e->name, "--no-such-option", NULL);
		assert_int_equal(r->status, 2);
		assert_int_equal(r->out_len, 0);
		assert_int_equal(count_lines(r->err), 1);
		assert_non_null(
			strstr(r->err, "unknown option '--no-such-option'"));
		assert_non_null(strstr(r->err, usage));
		test_run_free(r);
		free(usage);
	}
}

static void test_cli__global_help_lists_every_command(void **state)
{
	const sl_cmd_entry *e;
	test_run *r = test_cli("--help", NULL);
	(void)state;
	assert_int_equal(r->status, 0);
	for (e = sl_cli_commands; e->name; e++) {
		char *line =
			test_fmt("  %-12s %s\n", e->name, e->spec->summary);
		assert_non_null(strstr(r->out, line));
		free(line);
	}
	test_run_free(r);
}

static void test_cli__no_command_prints_usage_and_exits_2(void **state)
{
	test_run *r = test_cli_argv(0, NULL);
	(void)state;
	assert_int_equal(r->status, 2);
	assert_non_null(strstr(r->err, "usage: sheetlog"));
	test_run_free(r);
}

static void test_cli__version_prints_name_and_number(void **state)
{
	test_run *r = test_cli("--version", NULL);
	(void)state;
	assert_int_equal(r->status, 0);
	assert_true(strncmp(r->out, "sheetlog ", 9) == 0);
	assert_true(r->out[9] >= '0' && r->out[9] <= '9');
	test_run_free(r);
}

static void test_cli__unknown_command_names_it(void **state)
{
	test_run *r = test_cli("frobnicate", NULL);
	(void)state;
	assert_int_equal(r->status, 2);
	assert_string_equal(
		r->err,
		"sheetlog: unknown command 'frobnicate' (see 'sheetlog --help')\n");
	test_run_free(r);
}

static void test_cli__not_a_repository_is_one_line_exit_2(void **state)
{
	char *dir = test_tmp_dir();
	test_run *r = test_cli("-C", dir, "lint", NULL);
	char *expect = test_fmt("sheetlog: not a git repository: '%s'\n", dir);
	(void)state;
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, expect);
	assert_int_equal(r->out_len, 0);
	test_run_free(r);
	free(expect);
	test_tmp_rm(dir);
	free(dir);
}

static void test_cli__missing_checklist_is_one_line_exit_2(void **state)
{
	test_repo *repo = test_repo_new();
	test_run *r = test_cli("-C", repo->dir, "export", NULL);
	(void)state;
	assert_int_equal(r->status, 2);
	assert_string_equal(r->err, "sheetlog: no checklist/ directory\n");
	test_run_free(r);
	test_repo_free(repo);
}

static void test_cli__unknown_revision_is_named(void **state)
{
	test_repo *repo = test_repo_new();
	test_run *r;
	(void)state;
	test_repo_copy_fixture(repo);
	test_repo_commit(repo, "baseline");
	r = test_cli("-C", repo->dir, "export", "--at", "nosuchrev", NULL);
	assert_int_equal(r->status, 2);
	assert_string_equal(
		r->err,
		"sheetlog: unknown revision 'nosuchrev'; known editions: 2022-09\n");
	test_run_free(r);
	test_repo_free(repo);
}

static void test_cli__option_like_revision_is_refused(void **state)
{
	test_repo *repo = test_repo_new();
	test_run *r;
	(void)state;
	test_repo_copy_fixture(repo);
	test_repo_commit(repo, "baseline");
	r = test_cli("-C", repo->dir, "lint", "--", "--output=x", NULL);
	assert_int_equal(r->status, 2);
	assert_string_equal(
		r->err,
		"sheetlog: '--output=x' looks like an option, not a revision\n");
	test_run_free(r);
	test_repo_free(repo);
}

/* -C DIR is git's: relative FILE arguments are read and written there. */
static void test_cli__relative_paths_are_taken_from_dir(void **state)
{
	test_repo *repo = test_repo_new();
	test_run *r;
	char *written, *exported, *missing;
	(void)state;
	test_repo_copy_fixture(repo);
	test_repo_commit(repo, "baseline");
	test_repo_write(repo, "edit.csv",
			"No,評価内容\r\n1-1,書き換えた質問ですか。\r\n");
	/* One row: a preview that would remove the others, allowed. */
	r = test_cli("-C", repo->dir, "import", "--from", "csv", "edit.csv",
		     "--delete-missing", NULL);
	assert_int_equal(r->status, 0);
	assert_non_null(strstr(r->out, "{+書き換えた質問+}ですか。"));
	test_run_free(r);

	r = test_cli("-C", repo->dir, "export", "--format", "csv", "-o",
		     "exported.csv", NULL);
	assert_int_equal(r->status, 0);
	written = test_repo_path(repo, "exported.csv");
	exported = test_read_file(written, NULL);
	assert_non_null(exported);
	assert_non_null(strstr(exported, "1-1,"));
	free(exported);
	free(written);
	test_run_free(r);

	r = test_cli("-C", repo->dir, "import", "--from", "csv", "missing.csv",
		     NULL);
	assert_int_equal(r->status, 2);
	/* The message says where it looked. */
	missing = test_fmt("sheetlog: no such file '%s/missing.csv'\n",
			   repo->dir);
	assert_string_equal(r->err, missing);
	free(missing);
	test_run_free(r);
	test_repo_free(repo);
}

static void test_cli__exit_status_table(void **state)
{
	(void)state;
	assert_int_equal(sl_cli_exit_status(0), 0);
	assert_int_equal(sl_cli_exit_status(SL_FINDINGS), 1);
	assert_int_equal(sl_cli_exit_status(SL_EUSAGE), 2);
	assert_int_equal(sl_cli_exit_status(SL_ENOTFOUND), 2);
	assert_int_equal(sl_cli_exit_status(SL_EINVALID), 2);
	assert_int_equal(sl_cli_exit_status(SL_EREPO), 2);
	assert_int_equal(sl_cli_exit_status(SL_EIO), 3);
	assert_int_equal(sl_cli_exit_status(SL_ENOMEM), 3);
	assert_int_equal(sl_cli_exit_status(SL_ERROR), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli__every_command_has_help_naming_it),
		cmocka_unit_test(
			test_cli__unknown_option_exits_2_with_one_line),
		cmocka_unit_test(test_cli__global_help_lists_every_command),
		cmocka_unit_test(test_cli__no_command_prints_usage_and_exits_2),
		cmocka_unit_test(test_cli__version_prints_name_and_number),
		cmocka_unit_test(test_cli__unknown_command_names_it),
		cmocka_unit_test(test_cli__not_a_repository_is_one_line_exit_2),
		cmocka_unit_test(
			test_cli__missing_checklist_is_one_line_exit_2),
		cmocka_unit_test(test_cli__unknown_revision_is_named),
		cmocka_unit_test(test_cli__option_like_revision_is_refused),
		cmocka_unit_test(test_cli__relative_paths_are_taken_from_dir),
		cmocka_unit_test(test_cli__exit_status_table),
	};
	return cmocka_run_group_tests_name("cli", tests, test_global_setup,
					   test_global_teardown);
}
