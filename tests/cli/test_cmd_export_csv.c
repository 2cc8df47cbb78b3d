/*
 * test_cmd_export_csv.c: `sheetlog export --format csv --encoding`. CP932
 * output is decoded back with the iconv tool and compared with the UTF-8
 * export in which exactly the characters CP932 lacks were replaced by
 * their NFKC form (computed here with utf8proc and iconv(3), not with
 * sheetlog's code). Also pinned: the one-line error for an unencodable
 * character (item, field, character, code point, the --nfkc hint only
 * where it helps), nothing written on failure, and the usage errors.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

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

/* Convert s[0..len) with cd into out (capacity cap); -1 when cd cannot. */
static long conv(iconv_t cd, const char *s, size_t len, char *out, size_t cap)
{
	char *in = (char *)s, *o = out;
	size_t left = len, room = cap;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 || left)
		return -1;
	return (long)(o - out);
}

/* Append what CP932 makes of one character: the character back from
 * CP932, or (when CP932 lacks it) its NFKC form back from CP932. Returns
 * 1 when the NFKC form was used. */
static int expect_char(char **buf, size_t *len, iconv_t to, iconv_t from,
		       const char *ch, size_t n)
{
	char sj[64], back[64];
	long k = conv(to, ch, n, sj, sizeof(sj)), m;
	int used_nfkc = 0;
	utf8proc_uint8_t *nfkc = NULL;
	if (k < 0) {
		char *tmp = strndup(ch, n);
		nfkc = utf8proc_NFKC((const utf8proc_uint8_t *)tmp);
		free(tmp);
		assert_non_null(nfkc);
		k = conv(to, (const char *)nfkc, strlen((char *)nfkc), sj,
			 sizeof(sj));
		if (k < 0)
			fail_msg("no CP932 form for '%.*s'", (int)n, ch);
		used_nfkc = 1;
		free(nfkc);
	}
	m = conv(from, sj, (size_t)k, back, sizeof(back));
	assert_true(m >= 0);
	*buf = realloc(*buf, *len + (size_t)m + 1);
	assert_non_null(*buf);
	memcpy(*buf + *len, back, (size_t)m);
	*len += (size_t)m;
	(*buf)[*len] = '\0';
	return used_nfkc;
}

static size_t utf8_char_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static char *run_capture(const char *cmd, size_t *len)
{
	FILE *p = popen(cmd, "r");
	char *data = NULL;
	size_t cap = 0, n;
	*len = 0;
	assert_non_null(p);
	for (;;) {
		if (cap - *len < 4096) {
			cap = cap ? cap * 2 : 65536;
			data = realloc(data, cap + 1);
			assert_non_null(data);
		}
		n = fread(data + *len, 1, cap - *len, p);
		if (n == 0)
			break;
		*len += n;
	}
	assert_int_equal(pclose(p), 0);
	data[*len] = '\0';
	return data;
}

static void
test_cmd_export_csv__cp932_is_the_utf8_export_with_nfkc_where_needed(
	void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "out/sheet.csv"), *cmd, *decoded;
	char *expected = NULL;
	size_t expected_len = 0, decoded_len, i, replaced = 0;
	iconv_t to = iconv_open("CP932", "UTF-8"),
		from = iconv_open("UTF-8", "CP932");
	test_run *utf8, *run;
	assert_true(to != (iconv_t)-1 && from != (iconv_t)-1);
	utf8 = test_cli("-C", r->dir, "export", "--format", "csv", NULL);
	assert_int_equal(utf8->status, 0);
	test_write_str(path, "");
	run = test_cli("-C", r->dir, "export", "--format", "csv", "--encoding",
		       "cp932", "--nfkc", "-o", path, NULL);
	assert_int_equal(run->status, 0);
	assert_int_equal(run->err_len, 0);
	test_run_free(run);
	cmd = test_fmt("iconv -f CP932 -t UTF-8 '%s'", path);
	decoded = run_capture(cmd, &decoded_len);
	for (i = 0; i < utf8->out_len;) {
		size_t n = utf8_char_len((unsigned char)utf8->out[i]);
		replaced += (size_t)expect_char(&expected, &expected_len, to,
						from, utf8->out + i, n);
		i += n;
	}
	/* The fixture's two compatibility ideographs (⽤ in 1-10, ⾏ in 2-1)
	 * are written as their NFKC forms, everything else as itself
	 * (full-width forms CP932 has stay full-width). */
	assert_int_equal(replaced, 2);
	assert_null(strstr(decoded, "⽤"));
	assert_null(strstr(decoded, "⾏"));
	assert_non_null(strstr(decoded, "管理者は多要素認証を利用します。"));
	assert_int_equal(decoded_len, expected_len);
	assert_memory_equal(decoded, expected, expected_len);
	assert_memory_equal(decoded,
			    "No,セクション,責任範囲,項目,評価内容,回答内容,",
			    strlen("No,セクション,責任範囲,項目,評価内容,"
				   "回答内容,"));
	iconv_close(to);
	iconv_close(from);
	free(expected);
	free(decoded);
	free(cmd);
	free(path);
	test_run_free(utf8);
}

static void
test_cmd_export_csv__unencodable_character_names_item_and_field(void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "out/sheet.csv");
	test_run *run = test_cli("-C", r->dir, "export", "--format", "csv",
				 "--encoding", "cp932", "-o", path, NULL);
	assert_int_equal(run->status, 2);
	assert_int_equal(run->out_len, 0);
	assert_string_equal(run->err,
			    "sheetlog: cannot encode '⽤' (U+2F64) in cp932 "
			    "(--nfkc writes it as '用'): field answer "
			    "(item 1-10)\n");
	test_run_free(run);
	/* Nothing written, not even a part. */
	assert_null(test_read_file(path, NULL));
	/* On standard output too: nothing. */
	run = test_cli("-C", r->dir, "export", "--format", "csv", "--encoding",
		       "cp932", NULL);
	assert_int_equal(run->status, 2);
	assert_int_equal(run->out_len, 0);
	test_run_free(run);
	free(path);
}

static void test_cmd_export_csv__no_nfkc_hint_where_it_cannot_help(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(r, "checklist/items/1-2.json",
			"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n"
			"  \"question\": \"q\",\n  \"answer\": \"a 😀 b\"\n}\n");
	run = test_cli("-C", r->dir, "export", "--format", "csv", "--encoding",
		       "cp932", "--nfkc", NULL);
	assert_int_equal(run->status, 2);
	assert_int_equal(run->out_len, 0);
	assert_string_equal(run->err, "sheetlog: cannot encode '😀' (U+1F600) "
				      "in cp932: field answer (item 1-2)\n");
	test_run_free(run);
}

static void test_cmd_export_csv__utf8_is_the_default(void **state)
{
	test_repo *r = *state;
	test_run *a = test_cli("-C", r->dir, "export", "--format", "csv", NULL);
	test_run *b = test_cli("-C", r->dir, "export", "--format", "csv",
			       "--encoding", "utf-8", NULL);
	assert_int_equal(b->status, 0);
	assert_int_equal(a->out_len, b->out_len);
	assert_memory_equal(a->out, b->out, a->out_len);
	assert_non_null(strstr(b->out, "利⽤します"));
	test_run_free(a);
	test_run_free(b);
}

static void expect_usage(test_repo *r, const char *message, const char *a1,
			 const char *a2, const char *a3, const char *a4)
{
	const char *argv[12];
	int argc = 0;
	test_run *run;
	char *want = test_fmt(
		"sheetlog: %s (usage: sheetlog export [options])\n", message);
	argv[argc++] = "-C";
	argv[argc++] = r->dir;
	argv[argc++] = "export";
	argv[argc++] = a1;
	argv[argc++] = a2;
	argv[argc++] = a3;
	if (a4)
		argv[argc++] = a4;
	run = test_cli_argv(argc, argv);
	assert_int_equal(run->status, 2);
	assert_int_equal(run->out_len, 0);
	assert_string_equal(run->err, want);
	test_run_free(run);
	free(want);
}

static void test_cmd_export_csv__usage_errors(void **state)
{
	test_repo *r = *state;
	test_run *run;
	/* A byte order mark is UTF-8's. */
	run = test_cli("-C", r->dir, "export", "--format", "csv", "--encoding",
		       "cp932", "--bom", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: --bom is for utf-8 only, not cp932 "
			    "(usage: sheetlog export [options])\n");
	test_run_free(run);
	expect_usage(r, "--nfkc needs --encoding cp932", "--format", "csv",
		     "--nfkc", NULL);
	expect_usage(r, "--encoding and --nfkc need --format csv", "--format",
		     "markdown", "--encoding", "cp932");
	expect_usage(r, "--changes-since needs --format xlsx", "--format",
		     "csv", "--changes-since", "HEAD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_cmd_export_csv__cp932_is_the_utf8_export_with_nfkc_where_needed,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_csv__unencodable_character_names_item_and_field,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_csv__no_nfkc_hint_where_it_cannot_help,
			setup_repo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_csv__utf8_is_the_default, setup_repo,
			teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_export_csv__usage_errors, setup_repo,
			teardown_repo),
	};
	return cmocka_run_group_tests_name("cmd_export_csv", tests,
					   test_global_setup,
					   test_global_teardown);
}
