/*
 * test_cmd_man.c: the man page from `sheetlog __man` against the command
 * table and option tables it is generated from: one section per command,
 * every option in its section and in the command's --help (no drift),
 * global options, exit statuses, the page's sections in order, hidden
 * commands kept out of both, -o writing the same bytes, and (where groff
 * is installed) a page groff reads without a warning.
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
#include "test_tmp.h"

/* new: s with every '-' written as roff's \- */
static char *roff_dashes(const char *s)
{
	char *out = malloc(strlen(s) * 2 + 1), *p = out;
	assert_non_null(out);
	for (; *s; s++) {
		if (*s == '-')
			*p++ = '\\';
		*p++ = *s;
	}
	*p = '\0';
	return out;
}

/* new: the part of page from the .SS of command name to the next .SS or
 * .SH, or NULL when the command has no section. */
static char *man_section(const char *page, const char *name)
{
	char *esc = roff_dashes(name);
	char *head = test_fmt(".SS \"sheetlog %s\"\n", esc);
	const char *start = strstr(page, head), *end, *sh;
	char *sec = NULL;
	if (start) {
		end = strstr(start + 1, "\n.SS ");
		sh = strstr(start + 1, "\n.SH ");
		if (!end || (sh && sh < end))
			end = sh;
		if (!end)
			end = start + strlen(start);
		sec = strndup(start, (size_t)(end - start));
	}
	free(head);
	free(esc);
	return sec;
}

static void
test_man__every_command_has_a_section_with_all_its_options(void **state)
{
	test_run *man = test_cli("__man", NULL);
	const sl_cmd_entry *e;
	(void)state;
	assert_int_equal(man->status, 0);
	assert_string_equal(man->err, "");
	for (e = sl_cli_commands; e->name; e++) {
		char *sec = man_section(man->out, e->name);
		char *help_arg = test_fmt("%s", e->name);
		test_run *help = test_cli(help_arg, "--help", NULL);
		const sl_opt *o;
		if (!sec)
			fail_msg("no .SS section for command '%s'", e->name);
		assert_int_equal(help->status, 0);
		for (o = e->spec->opts; o && o->name; o++) {
			char *lng = test_fmt("--%s", o->name);
			char *man_lng = roff_dashes(lng);
			if (!strstr(sec, man_lng))
				fail_msg("man page: '%s' lacks %s", e->name,
					 lng);
			if (!strstr(help->out, lng))
				fail_msg("--help: '%s' lacks %s", e->name, lng);
			if (o->short_name) {
				char *s = test_fmt("-%c, --%s", o->short_name,
						   o->name);
				char *ms = roff_dashes(s);
				assert_non_null(strstr(sec, ms));
				assert_non_null(strstr(help->out, s));
				free(ms);
				free(s);
			}
			if (o->choices) {
				char *c = roff_dashes(o->choices);
				assert_non_null(strstr(sec, c));
				assert_non_null(strstr(help->out, o->choices));
				free(c);
			}
			free(man_lng);
			free(lng);
		}
		/* The summary is the command's own. */
		{
			char *sum = roff_dashes(e->spec->summary);
			assert_non_null(strstr(sec, sum));
			free(sum);
		}
		test_run_free(help);
		free(help_arg);
		free(sec);
	}
	test_run_free(man);
}

static void test_man__page_sections_in_order(void **state)
{
	static const char *const sections[] = {
		".TH SHEETLOG 1 ",     ".SH \"NAME\"\nsheetlog \\- ",
		".SH \"SYNOPSIS\"",    ".SH \"DESCRIPTION\"",
		".SH \"COMMANDS\"",    ".SH \"GLOBAL OPTIONS\"",
		".SH \"EXIT STATUS\"", ".SH \"ENVIRONMENT\"",
		".SH \"FILES\"",       ".SH \"SEE ALSO\"",
	};
	test_run *man = test_cli("__man", NULL);
	const char *at = man->out;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		const char *p = strstr(at, sections[i]);
		if (!p)
			fail_msg("'%s' missing or out of order", sections[i]);
		at = p;
	}
	/* Every exit status of docs/exit-status.md, in order, in its
	 * section. */
	{
		const char *es = strstr(man->out, ".SH \"EXIT STATUS\"");
		const char *end = strstr(es, ".SH \"ENVIRONMENT\"");
		const char *s0 = strstr(es, ".TP\n.B 0\nSuccess");
		const char *s1 = strstr(es, ".TP\n.B 1\nFindings");
		const char *s2 = strstr(es, ".TP\n.B 2\nUsage");
		const char *s3 = strstr(es, ".TP\n.B 3\nI/O");
		assert_true(s0 && s1 && s2 && s3);
		assert_true(s0 < s1 && s1 < s2 && s2 < s3 && s3 < end);
	}
	/* The encoding line man and preconv look for comes first. */
	assert_true(!strncmp(man->out, ".\\\" -*- coding: UTF-8 -*-\n", 26));
	test_run_free(man);
}

static void test_man__global_options_in_page_and_help(void **state)
{
	test_run *man = test_cli("__man", NULL);
	test_run *help = test_cli("--help", NULL);
	const char *sec = strstr(man->out, ".SH \"GLOBAL OPTIONS\"");
	const char *end = strstr(sec, ".SH \"EXIT STATUS\"");
	const sl_cli_global_opt *g;
	(void)state;
	for (g = sl_cli_global_opts; g->help; g++) {
		sl_buf syn = SL_BUF_INIT;
		char *man_syn, *line;
		const char *p;
		sl_cli_global_opt_synopsis(&syn, g);
		man_syn = roff_dashes(sl_buf_cstr(&syn));
		p = strstr(sec, man_syn);
		assert_non_null(p);
		assert_true(p < end);
		line = test_fmt("  %-12s %s\n", sl_buf_cstr(&syn), g->help);
		assert_non_null(strstr(help->out, line));
		free(line);
		free(man_syn);
		sl_buf_dispose(&syn);
	}
	test_run_free(help);
	test_run_free(man);
}

static void test_man__hidden_commands_stay_hidden(void **state)
{
	test_run *man = test_cli("__man", NULL);
	test_run *help = test_cli("--help", NULL);
	const sl_cmd_entry *e;
	(void)state;
	for (e = sl_cli_hidden_commands; e->name; e++) {
		char *sec = man_section(man->out, e->name);
		assert_null(sec);
		assert_null(strstr(help->out, e->name));
	}
	/* ...but they run, and have --help of their own. */
	for (e = sl_cli_hidden_commands; e->name; e++) {
		test_run *r = test_cli(e->name, "--help", NULL);
		assert_int_equal(r->status, 0);
		test_run_free(r);
	}
	test_run_free(help);
	test_run_free(man);
}

static void test_man__output_file_has_the_same_bytes(void **state)
{
	char *dir = test_tmp_dir(), *path = test_fmt("%s/sheetlog.1", dir);
	test_run *a = test_cli("__man", NULL);
	test_run *b = test_cli("__man", "-o", path, NULL);
	size_t len;
	char *data;
	(void)state;
	assert_int_equal(b->status, 0);
	assert_int_equal(b->out_len, 0);
	data = test_read_file(path, &len);
	assert_int_equal(len, a->out_len);
	assert_memory_equal(data, a->out, len);
	free(data);
	test_run_free(a);
	test_run_free(b);
	test_tmp_rm(dir);
	free(path);
	free(dir);
}

static void test_man__groff_reads_it_without_warnings(void **state)
{
	char *dir = test_tmp_dir(), *path = test_fmt("%s/sheetlog.1", dir);
	char *cmd = test_fmt("groff -k -man -Tutf8 -ww -z '%s' 2>&1", path);
	test_run *r = test_cli("__man", "-o", path, NULL);
	FILE *p;
	char buf[4096];
	size_t n;
	(void)state;
	assert_int_equal(r->status, 0);
	test_run_free(r);
	if (system("command -v groff >/dev/null 2>&1") != 0) {
		/* Not a dependency: only a stricter check where present. */
		print_message("groff is not installed: syntax check skipped\n");
	} else {
		p = popen(cmd, "r");
		assert_non_null(p);
		n = fread(buf, 1, sizeof(buf) - 1, p);
		buf[n] = '\0';
		assert_int_equal(pclose(p), 0);
		if (n)
			fail_msg("groff warns:\n%s", buf);
	}
	test_tmp_rm(dir);
	free(cmd);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_man__every_command_has_a_section_with_all_its_options),
		cmocka_unit_test(test_man__page_sections_in_order),
		cmocka_unit_test(test_man__global_options_in_page_and_help),
		cmocka_unit_test(test_man__hidden_commands_stay_hidden),
		cmocka_unit_test(test_man__output_file_has_the_same_bytes),
		cmocka_unit_test(test_man__groff_reads_it_without_warnings),
	};
	return cmocka_run_group_tests_name("cmd_man", tests, test_global_setup,
					   test_global_teardown);
}
