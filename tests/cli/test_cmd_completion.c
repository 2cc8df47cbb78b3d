/*
 * test_cmd_completion.c: the bash completion script of `sheetlog
 * __completion bash`, sourced in `bash --norc` with COMP_WORDS and
 * COMP_CWORD set and _sheetlog called, as bash does on <TAB>: command
 * names, every command's options, every choice list of every option
 * table (no drift from --help), --opt=value, and revisions and items of a
 * fixture repository through `sheetlog __complete` (the built binary,
 * named by COMP_WORDS[0]). Also __complete itself: natural order, and
 * silence outside a repository.
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

#include "cli.h"
#include "test_cli.h"
#include "test_sh.h"
#include "test_repo.h"
#include "test_tmp.h"

#define SHEETLOG SL_BINARY_DIR "/sheetlog"

static char *work; /* temp dir: the script and the driver */
static char *script;

static int group_setup(void **state)
{
	test_run *r;
	test_global_setup(state);
	work = test_tmp_dir();
	script = test_fmt("%s/sheetlog.bash", work);
	r = test_cli("__completion", "bash", "-o", script, NULL);
	if (r->status != 0)
		return -1;
	test_run_free(r);
	return 0;
}

static int group_teardown(void **state)
{
	test_tmp_rm(work);
	free(script);
	free(work);
	return test_global_teardown(state);
}

/*
 * COMPREPLY, one candidate per line, for a command line whose last word
 * is the one being completed (words end with NULL; the program word is
 * added). new: free().
 */
static char *complete_v(const char *const *words)
{
	char *driver = test_fmt("%s/driver.sh", work);
	char *cmd = test_fmt("bash --norc --noprofile '%s' 2>&1", driver);
	sl_buf text = SL_BUF_INIT;
	size_t n = 0;
	char *out;
	sl_buf_printf(&text, "source '%s'\nCOMP_WORDS=('%s'", script, SHEETLOG);
	for (; words[n]; n++)
		sl_buf_printf(&text, " '%s'", words[n]);
	sl_buf_printf(&text,
		      ")\nCOMP_CWORD=%zu\n_sheetlog\n"
		      "((${#COMPREPLY[@]})) && printf '%%s\\n' "
		      "\"${COMPREPLY[@]}\"\n",
		      n);
	test_write_str(driver, sl_buf_cstr(&text));
	assert_int_equal(test_sh(&out, cmd), 0);
	sl_buf_dispose(&text);
	free(cmd);
	free(driver);
	return out;
}

#define COMPLETE(...) complete_v((const char *const[]){__VA_ARGS__, NULL})

/* new: "a|b|c" as "a\nb\nc\n" */
static char *lines_of_choices(const char *choices)
{
	char *s = test_fmt("%s\n", choices), *p;
	for (p = s; *p; p++)
		if (*p == '|')
			*p = '\n';
	return s;
}

static void test_completion__command_names(void **state)
{
	char *out;
	(void)state;
	out = COMPLETE("hi");
	assert_string_equal(out, "history\n");
	free(out);
	out = COMPLETE("ins");
	assert_string_equal(out, "insert\ninstall-hooks\n");
	free(out);
	/* After global options too. */
	out = COMPLETE("-C", "/tmp", "te");
	assert_string_equal(out, "textconv\n");
	free(out);
	out = COMPLETE("--v");
	assert_string_equal(out, "--version\n");
	free(out);
	/* Every command of the table, and none of the hidden ones. */
	out = COMPLETE("");
	{
		const sl_cmd_entry *e;
		for (e = sl_cli_commands; e->name; e++) {
			char *line = test_fmt("%s\n", e->name);
			assert_non_null(strstr(out, line));
			free(line);
		}
		assert_null(strstr(out, "__"));
	}
	free(out);
}

static void test_completion__options_of_each_command(void **state)
{
	const sl_cmd_entry *e;
	char *out;
	(void)state;
	out = COMPLETE("diff", "--for");
	assert_string_equal(out, "--format\n");
	free(out);
	for (e = sl_cli_commands; e->name; e++) {
		const sl_opt *o;
		out = COMPLETE(e->name, "-");
		for (o = e->spec->opts; o && o->name; o++) {
			char *line = test_fmt("--%s\n", o->name);
			if (!strstr(out, line))
				fail_msg("'%s -<TAB>' lacks --%s", e->name,
					 o->name);
			free(line);
			if (o->short_name) {
				line = test_fmt("-%c\n", o->short_name);
				assert_non_null(strstr(out, line));
				free(line);
			}
		}
		assert_non_null(strstr(out, "--help\n"));
		free(out);
	}
}

static void test_completion__choices_of_every_option(void **state)
{
	const sl_cmd_entry *e;
	char *out, *want;
	(void)state;
	/* The example of the issue: diff's formats, in table order. */
	out = COMPLETE("diff", "--format", "");
	assert_string_equal(out, "text\nmarkdown\njson\nhtml\n");
	free(out);
	out = COMPLETE("diff", "--format", "j");
	assert_string_equal(out, "json\n");
	free(out);
	for (e = sl_cli_commands; e->name; e++) {
		const sl_opt *o;
		for (o = e->spec->opts; o && o->name; o++) {
			char *opt;
			if (!o->choices)
				continue;
			want = lines_of_choices(o->choices);
			opt = test_fmt("--%s", o->name);
			out = COMPLETE(e->name, opt, "");
			if (strcmp(out, want))
				fail_msg("'%s %s <TAB>': got\n%swant\n%s",
					 e->name, opt, out, want);
			free(out);
			/* --opt=<TAB>: bash splits the word at '='. */
			out = COMPLETE(e->name, opt, "=");
			assert_string_equal(out, want);
			free(out);
			if (o->short_name) {
				char *s = test_fmt("-%c", o->short_name);
				out = COMPLETE(e->name, s, "");
				assert_string_equal(out, want);
				free(out);
				free(s);
			}
			free(opt);
			free(want);
		}
	}
}

static void test_completion__editions_and_items_of_a_repository(void **state)
{
	test_repo *r = test_repo_new();
	char *out;
	(void)state;
	test_repo_build_fixture_demo(r);
	out = COMPLETE("-C", r->dir, "diff", "");
	assert_string_equal(out, "2022-09\n2023-04\nWORKTREE\nINDEX\n");
	free(out);
	/* The second revision of "A [B]", and the end of a range. */
	out = COMPLETE("-C", r->dir, "diff", "2022-09", "2023");
	assert_string_equal(out, "2023-04\n");
	free(out);
	out = COMPLETE("-C", r->dir, "changelog", "2022-09..20");
	assert_string_equal(out, "2022-09..2022-09\n2022-09..2023-04\n");
	free(out);
	/* An option's value does not count as an argument. */
	out = COMPLETE("-C", r->dir, "blame", "--format", "json", "1-1");
	assert_string_equal(out, "1-1\n1-10\n");
	free(out);
	out = COMPLETE("-C", r->dir, "blame", "1-1", "2023");
	assert_string_equal(out, "2023-04\n");
	free(out);
	out = COMPLETE("-C", r->dir, "show", "1-1@20");
	assert_string_equal(out, "1-1@2022-09\n1-1@2023-04\n");
	free(out);
	out = COMPLETE("-C", r->dir, "export", "--at", "2022");
	assert_string_equal(out, "2022-09\n");
	free(out);
	/* Items: ids of the working tree (2023-04's 1-3, 3-2), those with
	 * the prefix only. */
	out = COMPLETE("-C", r->dir, "history", "3-");
	assert_string_equal(out, "3-1\n3-2\n");
	free(out);
	out = COMPLETE("-C", r->dir, "history", "1-");
	assert_string_equal(out, "1-1\n1-2\n1-3\n1-10\n");
	free(out);
	/* No repository: the keywords only, no error text. */
	out = COMPLETE("-C", "/nonexistent", "diff", "");
	assert_string_equal(out, "WORKTREE\nINDEX\n");
	free(out);
	test_repo_free(r);
}

static void test_completion__complete_lists_in_natural_order(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	(void)state;
	test_repo_build_fixture_demo(r);
	run = test_cli("-C", r->dir, "__complete", "editions", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->out, "2022-09\n2023-04\n");
	test_run_free(run);
	run = test_cli("-C", r->dir, "__complete", "items", NULL);
	assert_int_equal(run->status, 0);
	/* The fixture's 2023-04 ids: 1-10 after 1-3, not after 1-1. */
	assert_string_equal(run->out, "1-1\n1-2\n1-3\n1-10\n3-1\n3-2\n");
	test_run_free(run);
	test_repo_free(r);
}

static void
test_completion__complete_is_silent_outside_a_repository(void **state)
{
	char *dir = test_tmp_dir();
	test_run *run;
	(void)state;
	run = test_cli("-C", dir, "__complete", "editions", NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->out_len, 0);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
	run = test_cli("-C", dir, "__complete", "items", NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->out_len, 0);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
	/* A kind it does not know, or a shell: usage errors. */
	run = test_cli("__complete", "tags", NULL);
	assert_int_equal(run->status, 2);
	test_run_free(run);
	run = test_cli("__completion", "zsh", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(
		run->err,
		"sheetlog: no completion for shell 'zsh' (expected bash)\n");
	test_run_free(run);
	test_tmp_rm(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_completion__command_names),
		cmocka_unit_test(test_completion__options_of_each_command),
		cmocka_unit_test(test_completion__choices_of_every_option),
		cmocka_unit_test(
			test_completion__editions_and_items_of_a_repository),
		cmocka_unit_test(
			test_completion__complete_lists_in_natural_order),
		cmocka_unit_test(
			test_completion__complete_is_silent_outside_a_repository),
	};
	return cmocka_run_group_tests_name("cmd_completion", tests, group_setup,
					   group_teardown);
}
