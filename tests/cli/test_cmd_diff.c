/*
 * test_cmd_diff.c: `sheetlog diff` on the fixture's two editions
 * (tests/fixtures/demo/): text, Markdown, HTML and the JSON contract; revision
 * forms (editions, A..B, dates in the sheet's time zone, INDEX, WORKTREE);
 * colour policy;
 * --substantive and --exit-code; one-line errors.
 */
#define _XOPEN_SOURCE 700
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "golden.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

/* The two editions on the fixture sheet (tests/fixtures/demo/): every
 * expectation here names the fixture's items, so editing the live sheet
 * (checklist/) changes none of them. */
static int setup_fixture_demo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_build_fixture_demo(r);
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	test_repo_free(*state);
	return 0;
}

static test_run *diff(test_repo *r, const char *a, const char *b,
		      const char *opt)
{
	return test_cli("-C", r->dir, "diff", a, b, opt, NULL);
}

static void test_cmd_diff__text_golden_and_inline_marks(void **state)
{
	test_run *run = diff(*state, "2022-09", "2023-04", NULL);
	assert_int_equal(run->status, 0);
	test_golden("diff/fixture.txt", run->out, run->out_len);
	assert_non_null(strstr(
		run->out,
		"~ 1-1 変更\n    項目: {+障害+}監視\n    回答内容: 障害に関しては、[-60-]{+30+}分以内での通知を目標としています。\n"));
	assert_non_null(strstr(run->out, "> 1-2 → 1-3 番号変更\n"));
	assert_non_null(strstr(run->out, "+ 1-2 追加\n"));
	assert_non_null(strstr(run->out, "~ 1-10 表記のみ\n"));
	assert_non_null(strstr(run->out, "- 2-1 削除\n"));
	/* Renumbered with an edit: the change is shown under the new id. */
	assert_non_null(strstr(
		run->out, "> 3-1 → 3-2 番号変更\n    回答内容: OSの更新は"));
	assert_non_null(strstr(run->out,
			       "追加 2 · 削除 1 · 変更 1 · 番号変更 2 · "
			       "差し替え 0 · 表記のみ 1 · 変更なし 0 · "
			       "文書の変更 4\n"));
	assert_null(strstr(run->out, "\033["));
	test_run_free(run);
}

static void test_cmd_diff__markdown_and_html_golden(void **state)
{
	test_run *run =
		test_cli("-C", ((test_repo *)*state)->dir, "diff",
			 "2022-09..2023-04", "--format", "markdown", NULL);
	assert_int_equal(run->status, 0);
	test_golden("diff/fixture.md", run->out, run->out_len);
	test_run_free(run);
	run = test_cli("-C", ((test_repo *)*state)->dir, "diff",
		       "2022-09..2023-04", "--format", "html", NULL);
	assert_int_equal(run->status, 0);
	test_golden("diff/fixture.html", run->out, run->out_len);
	test_run_free(run);
}

static void test_cmd_diff__range_and_pair_forms_agree(void **state)
{
	test_run *a = diff(*state, "2022-09..2023-04", NULL, NULL);
	test_run *b = diff(*state, "2022-09", "2023-04", NULL);
	test_run *c = diff(*state, "edition/2022-09", "edition/2023-04", NULL);
	assert_string_equal(a->out, b->out);
	assert_string_equal(a->out, c->out);
	test_run_free(a);
	test_run_free(b);
	test_run_free(c);
}

static json_t *jget(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		fail_msg("missing key \"%s\"", key);
	return v;
}

static void test_cmd_diff__json_contract(void **state)
{
	test_run *run = diff(*state, "2022-09", "2023-04", "--format=json");
	json_error_t err;
	json_t *root = json_loads(run->out, 0, &err), *from, *to, *summary,
	       *changes, *c;
	size_t i, counts[4] = {0};
	const char *last_section = "";
	assert_non_null(root);
	from = jget(root, "from");
	to = jget(root, "to");
	assert_string_equal(json_string_value(jget(from, "rev")), "2022-09");
	assert_int_equal(strlen(json_string_value(jget(from, "commit"))), 40);
	assert_string_equal(json_string_value(jget(from, "date")),
			    "2022-09-30T10:00:00+09:00");
	assert_string_equal(json_string_value(jget(from, "edition")),
			    "2022-09");
	assert_string_equal(json_string_value(jget(to, "edition")), "2023-04");
	summary = jget(root, "summary");
	assert_int_equal(json_integer_value(jget(summary, "added")), 2);
	assert_int_equal(json_integer_value(jget(summary, "removed")), 1);
	assert_int_equal(json_integer_value(jget(summary, "modified")), 1);
	assert_int_equal(json_integer_value(jget(summary, "renumbered")), 2);
	assert_int_equal(json_integer_value(jget(summary, "notation_only")), 1);
	assert_int_equal(json_integer_value(jget(summary, "unchanged")), 0);
	changes = jget(root, "changes");
	assert_int_equal(json_array_size(changes), 7);
	json_array_foreach(changes, i, c)
	{
		const char *status = json_string_value(jget(c, "status"));
		const char *section = json_string_value(jget(c, "section"));
		json_t *fields = jget(c, "fields"), *f;
		size_t k;
		/* Sections in document order. */
		assert_true(strcmp(section, last_section) >= 0);
		last_section = section;
		assert_true(json_is_boolean(jget(c, "notation_only")));
		if (!strcmp(status, "added")) {
			counts[0]++;
			assert_true(json_is_null(jget(c, "old_id")));
		} else if (!strcmp(status, "removed")) {
			counts[1]++;
			assert_string_equal(json_string_value(jget(c, "id")),
					    "2-1");
			assert_string_equal(
				json_string_value(jget(c, "old_id")), "2-1");
		} else if (!strcmp(status, "renumbered")) {
			counts[2]++;
			assert_string_not_equal(
				json_string_value(jget(c, "id")),
				json_string_value(jget(c, "old_id")));
		} else if (!strcmp(status, "replaced")) {
			/* One number, both items' texts. */
			assert_string_equal(json_string_value(jget(c, "id")),
					    "3-2");
			assert_string_equal(
				json_string_value(jget(c, "old_id")), "3-2");
			json_array_foreach(fields, k, f)
			{
				assert_true(json_is_string(jget(f, "old")));
				assert_true(json_is_string(jget(f, "new")));
			}
		} else {
			assert_string_equal(status, "modified");
			counts[3]++;
		}
		/* ops reproduce old and new exactly. */
		json_array_foreach(fields, k, f)
		{
			json_t *ops = jget(f, "ops"), *op;
			size_t m;
			char *old_s = calloc(1, 65536),
			     *new_s = calloc(1, 65536);
			json_array_foreach(ops, m, op)
			{
				const char *kind =
					json_string_value(jget(op, "op"));
				const char *text =
					json_string_value(jget(op, "text"));
				if (strcmp(kind, "insert"))
					strcat(old_s, text);
				if (strcmp(kind, "delete"))
					strcat(new_s, text);
			}
			if (json_is_string(jget(f, "old")))
				assert_string_equal(
					old_s,
					json_string_value(jget(f, "old")));
			else
				assert_string_equal(old_s, "");
			if (json_is_string(jget(f, "new")))
				assert_string_equal(
					new_s,
					json_string_value(jget(f, "new")));
			else
				assert_string_equal(new_s, "");
			assert_true(json_is_boolean(jget(f, "notation_only")));
			free(old_s);
			free(new_s);
		}
	}
	/* modified counts the notation-only 1-10 too. */
	assert_int_equal(counts[0], 2);
	assert_int_equal(counts[1], 1);
	assert_int_equal(counts[2], 2);
	assert_int_equal(counts[3], 2);
	json_decref(root);
	test_run_free(run);
	/* WORKTREE has no commit, date or edition. */
	run = diff(*state, "HEAD", "WORKTREE", "--format=json");
	root = json_loads(run->out, 0, &err);
	to = jget(root, "to");
	assert_string_equal(json_string_value(jget(to, "rev")), "WORKTREE");
	assert_true(json_is_null(jget(to, "commit")));
	assert_true(json_is_null(jget(to, "date")));
	assert_true(json_is_null(jget(to, "edition")));
	assert_int_equal(json_array_size(jget(root, "changes")), 0);
	json_decref(root);
	test_run_free(run);
}

static void test_cmd_diff__substantive_hides_notation_only(void **state)
{
	test_run *run = diff(*state, "2022-09", "2023-04", "--substantive");
	assert_null(strstr(run->out, "~ 1-10 "));
	assert_non_null(strstr(run->out, "~ 1-1 変更\n"));
	/* The summary still counts them. */
	assert_non_null(strstr(run->out, "表記のみ 1 · "));
	test_run_free(run);
	run = diff(*state, "2022-09", "2023-04", NULL);
	assert_non_null(strstr(run->out, "~ 1-10 表記のみ\n"));
	test_run_free(run);
}

static void test_cmd_diff__exit_code(void **state)
{
	test_run *run = diff(*state, "2022-09", "2023-04", "--exit-code");
	assert_int_equal(run->status, 1);
	test_run_free(run);
	run = diff(*state, "HEAD", "WORKTREE", "--exit-code");
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "変更はありません。"));
	test_run_free(run);
}

static void test_cmd_diff__colour_follows_tty_option_and_no_color(void **state)
{
	test_repo *r = *state;
	static char prog[] = "sheetlog", c_opt[] = "-C", cmd[] = "diff",
		    a[] = "2022-09", b[] = "2023-04";
	char *argv[] = {prog, c_opt, r->dir, cmd, a, b, NULL, NULL};
	struct {
		bool tty;
		const char *no_color;
		const char *opt;
		bool expect;
	} cases[] = {
		{true, NULL, NULL, true},
		{true, "1", NULL, false},
		{false, NULL, NULL, false},
		{true, NULL, "--color=never", false},
		{false, "1", "--color=always", true},
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = NULL, *err = NULL;
		size_t ol = 0, el = 0;
		FILE *fo = open_memstream(&out, &ol),
		     *fe = open_memstream(&err, &el);
		int argc = 6;
		if (cases[i].opt)
			argv[argc++] = (char *)cases[i].opt;
		argv[argc] = NULL;
		assert_int_equal(sl_cli_run(argc, argv, fo, fe, cases[i].tty,
					    false, cases[i].no_color),
				 0);
		fclose(fo);
		fclose(fe);
		if (cases[i].expect)
			assert_non_null(strstr(out, "\033[31m"));
		else
			assert_null(strstr(out, "\033["));
		free(out);
		free(err);
	}
}

static void test_cmd_diff__unknown_edition_lists_known_ones(void **state)
{
	test_run *run = diff(*state, "2023-13", NULL, NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(
		run->err,
		"sheetlog: unknown revision '2023-13'; known editions: 2022-09, 2023-04\n");
	test_run_free(run);
	run = diff(*state, "2022-09...2023-04", NULL, NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "symmetric ranges"));
	test_run_free(run);
}

static void test_cmd_diff__dates_resolve_on_the_first_parent_line(void **state)
{
	test_repo *r = *state;
	test_run *a, *b;
	/* A draft committed 2023-05-01 00:30 +09:00 (2023-04-30 15:30 UTC):
	 * 1-2's answer (the same question: a modification). */
	test_repo_write(
		r, "checklist/items/1-2.json",
		"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n  \"scope\": \"provider\",\n"
		"  \"category\": \"暗号化\",\n  \"question\": "
		"\"保存データは暗号化されていますか。\",\n"
		"  \"answer\": \"下書きです。\"\n}\n");
	test_repo_commit_at(r, "draft", 1682868600, 9 * 60);
	/* @2023-04-30 is before the draft in Japan: it is the 2023-04 edition.
	 */
	a = diff(r, "@2023-04-30", "2023-04", "--exit-code");
	assert_int_equal(a->status, 0);
	test_run_free(a);
	/* @2023-05 includes the draft. */
	a = diff(r, "@2023-05", "2023-04", "--exit-code");
	assert_int_equal(a->status, 1);
	assert_non_null(strstr(a->out, "~ 1-2 変更\n"));
	test_run_free(a);
	/* @2023-04-27 is the 2022-09 edition; before 2022-09-30 nothing. */
	a = diff(r, "@2023-04-27", "2022-09", "--exit-code");
	assert_int_equal(a->status, 0);
	test_run_free(a);
	b = diff(r, "@2022-09-29", NULL, NULL);
	assert_int_equal(b->status, 2);
	assert_string_equal(
		b->err,
		"sheetlog: no commit on or before 2022-09-29 (+09:00) on HEAD's first-parent history\n");
	test_run_free(b);
	b = diff(r, "@2023-02-30", NULL, NULL);
	assert_int_equal(b->status, 2);
	assert_non_null(strstr(b->err, "invalid date in '@2023-02-30'"));
	test_run_free(b);
}

static void test_cmd_diff__time_zone_comes_from_sheet_json(void **state)
{
	test_repo *r = *state;
	char *sheet = test_repo_path(r, "checklist/sheet.json");
	char *text = test_read_file(sheet, NULL), *p;
	test_run *a;
	/* Same draft as above, but the sheet keeps UTC. */
	p = strstr(text, "\"as_of\": \"2023-04\",");
	assert_non_null(p);
	{
		char *patched = test_fmt(
			"%.*s\"as_of\": \"2023-04\",\n  \"timezone\": \"+00:00\",%s",
			(int)(p - text), text,
			p + strlen("\"as_of\": \"2023-04\","));
		test_write_str(sheet, patched);
		free(patched);
	}
	test_repo_commit_at(r, "draft in UTC terms", 1682868600, 9 * 60);
	a = diff(r, "@2023-04-30", "HEAD", "--exit-code");
	/* 2023-04-30 15:30 UTC is on the 30th in UTC: @2023-04-30 is HEAD. */
	assert_int_equal(a->status, 0);
	test_run_free(a);
	free(text);
	free(sheet);
}

static void test_cmd_diff__index_and_worktree(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(
		r, "checklist/items/1-3.json",
		"{\n  \"id\": \"1-3\",\n  \"section\": \"1\",\n  \"scope\": \"provider\",\n"
		"  \"category\": \"サービス運用体制\",\n  \"question\": "
		"\"以下の情報を含むアクセスログを保管していますか。\\n・いつ(アクセス時刻)"
		"\\n・誰が(発信元のIPアドレス)\\n・どうしたか\",\n"
		"  \"answer\": \"確保しています。\"\n}\n");
	test_repo_stage(r, "checklist/items/1-3.json");
	run = diff(r, "HEAD", "INDEX", "--exit-code");
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out, "~ 1-3 変更\n"));
	test_run_free(run);
	run = diff(r, "INDEX", "WORKTREE", "--exit-code");
	assert_int_equal(run->status, 0);
	test_run_free(run);
	run = diff(r, "HEAD", "WORKTREE", "--exit-code");
	assert_int_equal(run->status, 1);
	test_run_free(run);
}

static void
test_cmd_diff__edition_without_tag_is_where_as_of_changed(void **state)
{
	test_repo *r = test_repo_new();
	char first[41];
	test_run *run;
	(void)state;
	test_repo_copy_fixture(r);
	strcpy(first, test_repo_commit(r, "baseline"));
	test_repo_write(
		r, "checklist/items/1-61.json",
		"{\n  \"id\": \"1-61\",\n  \"section\": \"1\",\n  \"question\": \"q\",\n  \"answer\": \"draft\"\n}\n");
	test_repo_commit(r, "a draft after the edition");
	/* 2022-09 is the first commit, not the later draft. */
	run = test_cli("-C", r->dir, "diff", "2022-09", first, "--exit-code",
		       NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	run = test_cli("-C", r->dir, "editions", NULL);
	assert_int_equal(run->status, 0);
	assert_true(strncmp(run->out, "2022-09  ", 9) == 0);
	assert_non_null(strstr(run->out, "  5 項目\n"));
	test_run_free(run);
	test_repo_free(r);
}

/* A side that does not load is one line naming file, position, item and
 * (for a commit) the revision; exit 2, never a partial diff. */
static void test_cmd_diff__broken_item_on_either_side_is_named(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(r, "checklist/items/1-2.json",
			"{\"id\": \"1-2\", \"section\": \"1\", \"question\": "
			"\"q\", \"answer\": 5}\n");
	run = diff(r, "2022-09", "WORKTREE", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: field \"answer\" must be a string: "
			    "checklist/items/1-2.json:1:48 (item 1-2)\n");
	assert_string_equal(run->out, "");
	test_run_free(run);
	test_repo_commit(r, "a broken item");
	run = diff(r, "HEAD", "2022-09", "--format=json");
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: field \"answer\" must be a string: "
			    "checklist/items/1-2.json:1:48 (item 1-2, revision "
			    "HEAD)\n");
	assert_string_equal(run->out, "");
	test_run_free(run);
}

/* diff reads the sheet through the same loader as lint: a stray file in
 * items/ fails the diff with lint's own message, file and revision. */
static void test_cmd_diff__stray_file_gets_lints_message(void **state)
{
	test_repo *r = *state;
	test_run *run;
	test_repo_write(r, "checklist/items/notes.txt", "draft\n");
	test_repo_commit(r, "a stray file");
	run = diff(r, "2022-09", "HEAD", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: items/ holds only <id>.json item files: "
			    "checklist/items/notes.txt (revision HEAD)\n");
	assert_string_equal(run->out, "");
	test_run_free(run);
	run = test_cli("-C", r->dir, "lint", "HEAD", NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out,
			       "checklist/items/notes.txt: error: items/ holds "
			       "only <id>.json item files [stray-file]"));
	test_run_free(run);
}

/* Sheet text with every character JSON must escape comes back exactly
 * through the diff's JSON (parsed by jansson, independent of our writer). */
static void test_cmd_diff__json_escapes_every_control_character(void **state)
{
	test_repo *r = *state;
	static const char want[] = "引用\"と\\と\tと\rと\bと\fと\x01と\x1fと/";
	test_run *run;
	json_t *root, *changes, *fields, *ops;
	const char *got;
	size_t i, n = 0;
	test_repo_write(
		r, "checklist/items/1-2.json",
		"{\n  \"id\": \"1-2\",\n  \"section\": \"1\",\n"
		"  \"question\": \"q\",\n  \"answer\": "
		"\"引用\\\"と\\\\と\\tと\\rと\\bと\\fと\\u0001と\\u001fと/\""
		"\n}\n");
	run = diff(r, "HEAD", "WORKTREE", "--format=json");
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	changes = json_object_get(root, "changes");
	assert_int_equal(json_array_size(changes), 1);
	fields = json_object_get(json_array_get(changes, 0), "fields");
	for (i = 0; i < json_array_size(fields); i++) {
		json_t *f = json_array_get(fields, i);
		if (strcmp(json_string_value(json_object_get(f, "field")),
			   "answer"))
			continue;
		got = json_string_value(json_object_get(f, "new"));
		assert_non_null(got);
		assert_string_equal(got, want);
		/* The inserted and kept runs spell the new text too. */
		{
			char joined[256] = "";
			json_t *op;
			size_t k;
			ops = json_object_get(f, "ops");
			json_array_foreach(ops, k, op)
			{
				if (strcmp(json_string_value(
						   json_object_get(op, "op")),
					   "delete"))
					strcat(joined,
					       json_string_value(
						       json_object_get(
							       op, "text")));
			}
			assert_string_equal(joined, want);
		}
		n++;
	}
	assert_int_equal(n, 1);
	json_decref(root);
	test_run_free(run);
}

/* A JSON diff larger than the writer's stream threshold (SL_BUF_DRAIN_AT)
 * goes to standard output piece by piece: the bytes are those written
 * whole, and atomically, to -o FILE. */
static void test_cmd_diff__streamed_json_equals_the_file(void **state)
{
	test_repo *r = test_repo_new();
	char first[41], *file, *written;
	size_t len, i;
	sl_buf long_answer = SL_BUF_INIT;
	test_run *run, *to_file;
	(void)state;
	test_repo_copy_fixture(r);
	strcpy(first, test_repo_commit(r, "baseline"));
	for (i = 0; i < 100; i++)
		sl_buf_printf(&long_answer, "回答%zuの詳細を記載しています。",
			      i);
	for (i = 0; i < 150; i++) {
		char path[64], *text;
		snprintf(path, sizeof(path), "checklist/items/1-%zu.json",
			 500 + i);
		text = test_fmt("{\n  \"id\": \"1-%zu\",\n"
				"  \"section\": \"1\",\n"
				"  \"question\": \"追加%zuですか。\",\n"
				"  \"answer\": \"%s\"\n}\n",
				500 + i, i, sl_buf_cstr(&long_answer));
		test_repo_write(r, path, text);
		free(text);
	}
	test_repo_commit(r, "150 long items");
	run = test_cli("-C", r->dir, "diff", "--format", "json", first, "HEAD",
		       NULL);
	assert_int_equal(run->status, 0);
	/* Several times the threshold, so it streamed in several pieces. */
	assert_true(run->out_len > 4 * SL_BUF_DRAIN_AT);
	file = test_repo_path(r, "diff.json");
	to_file = test_cli("-C", r->dir, "diff", "--format", "json", "-o",
			   "diff.json", first, "HEAD", NULL);
	assert_int_equal(to_file->status, 0);
	assert_int_equal(to_file->out_len, 0);
	written = test_read_file(file, &len);
	assert_int_equal(len, run->out_len);
	assert_memory_equal(written, run->out, len);
	assert_non_null(strstr(run->out, "\"1-649\""));
	free(written);
	free(file);
	sl_buf_dispose(&long_answer);
	test_run_free(run);
	test_run_free(to_file);
	test_repo_free(r);
}

/* The document around the items: the fixture's second edition changes
 * the title, the introduction and the as-of note of sheet.json and
 * renames section 2; the JSON contract's "sheet" part and the text's
 * 文書の変更 part show them. */
/* The string at key of the i-th object of an array. */
static const char *jat(json_t *array, size_t i, const char *key)
{
	return json_string_value(jget(json_array_get(array, i), key));
}

static void test_cmd_diff__sheet_part_json_golden(void **state)
{
	test_run *run = diff(*state, "2022-09", "2023-04", "--format=json");
	json_error_t err;
	json_t *root, *sheet, *fields, *sections;
	assert_int_equal(run->status, 0);
	test_golden("diff/fixture.json", run->out, run->out_len);
	root = json_loads(run->out, 0, &err);
	assert_non_null(root);
	sheet = jget(root, "sheet");
	fields = jget(sheet, "fields");
	assert_int_equal(json_array_size(fields), 3);
	assert_string_equal(jat(fields, 0, "field"), "title");
	assert_string_equal(jat(fields, 1, "field"), "introduction");
	assert_string_equal(jat(fields, 2, "field"), "as_of_note");
	sections = jget(sheet, "sections");
	assert_int_equal(json_array_size(sections), 1);
	assert_string_equal(jat(sections, 0, "status"), "renamed");
	assert_string_equal(jat(sections, 0, "id"), "2");
	assert_int_equal(json_array_size(jget(sheet, "scopes")), 0);
	json_decref(root);
	test_run_free(run);
	run = diff(*state, "2022-09", "2023-04", NULL);
	assert_non_null(strstr(
		run->out, "== 文書の変更 (4) ==\n~ 文書\n"
			  "    表題: テスト用チェックシート{+（例示）+}\n"));
	assert_non_null(strstr(run->out,
			       "~ セクション 2. サービスの構成 名称変更\n"
			       "    表題: サービス{+の+}構成\n"));
	test_run_free(run);
	run = test_cli("-C", ((test_repo *)*state)->dir, "diff", "2022-09",
		       "2023-04", "--lang", "en", NULL);
	assert_non_null(strstr(run->out, "== Document changes (4) ==\n"));
	assert_non_null(strstr(run->out, "    Introduction: "));
	assert_non_null(
		strstr(run->out, "~ Section 2. サービスの構成 renamed\n"));
	test_run_free(run);
}

/* Only sheet.json changed: a notation-only disclaimer and a title with
 * markup. --exit-code sees the change (unless --substantive and the
 * change is notation only), and every format escapes the text. */
static void test_cmd_diff__sheet_only_change_escaped_and_counted(void **state)
{
	test_repo *r = *state;
	char *path = test_repo_path(r, "checklist/sheet.json");
	char *text = test_read_file(path, NULL);
	sl_buf edited = SL_BUF_INIT;
	const char *d = strstr(text, "目的としています");
	test_run *run;
	assert_non_null(d);
	/* 目 -> ⽬ U+2F6C: notation only */
	sl_buf_put(&edited, text, (size_t)(d - text));
	sl_buf_puts(&edited, "\xe2\xbd\xac");
	sl_buf_puts(&edited, d + strlen("目"));
	test_repo_write(r, "checklist/sheet.json", sl_buf_cstr(&edited));
	run = diff(r, "HEAD", "WORKTREE", "--exit-code");
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->out, "    免責事項: "));
	assert_non_null(strstr(
		run->out, "  (表記のみ: 目 U+76EE → \xe2\xbd\xac U+2F6C)\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "diff", "HEAD", "WORKTREE", "--exit-code",
		       "--substantive", NULL);
	assert_int_equal(run->status, 0);
	/* Nothing shown: the summary counts no document change and the
	 * 文書の変更 part is not there. */
	assert_non_null(strstr(run->out, " · 文書の変更 0\n"));
	assert_null(strstr(run->out, "== 文書の変更"));
	test_run_free(run);

	sl_buf_dispose(&edited);
	d = strstr(text, "（例示）");
	assert_non_null(d);
	sl_buf_put(&edited, text, (size_t)(d - text));
	sl_buf_puts(&edited, "<b>&amp;</b>");
	sl_buf_puts(&edited, d + strlen("（例示）"));
	test_repo_write(r, "checklist/sheet.json", sl_buf_cstr(&edited));
	run = test_cli("-C", r->dir, "diff", "HEAD", "WORKTREE", "--format",
		       "html", NULL);
	assert_non_null(strstr(run->out, "&lt;b&gt;&amp;amp;&lt;/b&gt;"));
	assert_null(strstr(run->out, "<b>&amp;</b>"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "diff", "HEAD", "WORKTREE", "--format",
		       "markdown", NULL);
	assert_null(strstr(run->out, "<b>&amp;</b>"));
	test_run_free(run);
	sl_buf_dispose(&edited);
	free(text);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__text_golden_and_inline_marks,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__markdown_and_html_golden,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__range_and_pair_forms_agree,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(test_cmd_diff__json_contract,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__substantive_hides_notation_only,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(test_cmd_diff__exit_code,
						setup_fixture_demo,
						teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__colour_follows_tty_option_and_no_color,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__unknown_edition_lists_known_ones,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__dates_resolve_on_the_first_parent_line,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__time_zone_comes_from_sheet_json,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__index_and_worktree, setup_fixture_demo,
			teardown_repo),
		cmocka_unit_test(
			test_cmd_diff__edition_without_tag_is_where_as_of_changed),
		cmocka_unit_test(test_cmd_diff__streamed_json_equals_the_file),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__broken_item_on_either_side_is_named,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__stray_file_gets_lints_message,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__json_escapes_every_control_character,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__sheet_part_json_golden,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_cmd_diff__sheet_only_change_escaped_and_counted,
			setup_fixture_demo, teardown_repo),
	};
	return cmocka_run_group_tests_name("cmd_diff", tests, test_global_setup,
					   test_global_teardown);
}
