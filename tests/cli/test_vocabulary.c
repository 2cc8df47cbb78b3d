/*
 * test_vocabulary.c: one vocabulary per language in every command's
 * output for people. Each command runs in --lang ja and --lang en on the
 * fixture demo (two editions and an uncommitted edit, so every kind of
 * change, the document's own changes and WORKTREE appear), and its
 * output is checked against the rule of labels.h:
 *   - ja: no English word outside the data (the sheet's text, its ids and
 *     headings, the commit authors and messages, revision names);
 *   - en: no Japanese outside the data.
 * A label added in the other language's words fails here (the history's
 * "(WORKTREE)" beside 作業ツリー did, and blame's bare "[2022-09]" beside
 * history's "[版 2022-09]").
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <jansson.h>
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
#include "test_tmp.h"

/* The uncommitted edit (data, like the sheet's own text). */
#define WORKTREE_ANSWER "作業中の回答の書き換えです。"

/* Whole strings taken out of an output before it is checked: data that
 * holds words of both languages (the commits' authors and messages). */
static const char *const data_strings[] = {
	"Test Author <author@example.com>",
	"Test Author \\<author@example.com\\>", /* Markdown-escaped */
	"Test Author",
	"Publish the 2022-09 edition",
	"Publish the 2023-04 edition (illustrative edits)",
};

/* Words a format itself writes in any language: Markdown's inline HTML
 * (the 新旧対照表's <b>, <u>, <br>; folded <details>), its escapes
 * (&amp;), the CSV's booleans (a spreadsheet's TRUE and FALSE), and
 * the names of the tool and its commands ("lint エラーはありません"). */
static const char *const markup_words[] = {
	"b",   "u",   "br",   "details",  "summary", "del",
	"ins", "sup", "sub",  "true",     "false",   "amp",
	"lt",  "gt",  "quot", "sheetlog", "lint",
};

typedef struct vocab {
	char **texts; /* every string of the fixture sheets */
	size_t count, cap;
} vocab;

static void add_text(vocab *v, const char *s)
{
	if (v->count == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->texts = realloc(v->texts, v->cap * sizeof(*v->texts));
		assert_non_null(v->texts);
	}
	v->texts[v->count] = strdup(s);
	assert_non_null(v->texts[v->count]);
	v->count++;
}

/* Every string and key of a JSON value. */
static void add_json(vocab *v, json_t *j)
{
	const char *key;
	json_t *val;
	size_t i;
	if (json_is_string(j))
		add_text(v, json_string_value(j));
	else if (json_is_array(j))
		json_array_foreach(j, i, val) add_json(v, val);
	else if (json_is_object(j))
		json_object_foreach(j, key, val)
		{
			add_text(v, key);
			add_json(v, val);
		}
}

static void add_file(vocab *v, const char *path)
{
	json_t *j = json_load_file(path, 0, NULL);
	assert_non_null(j);
	add_json(v, j);
	json_decref(j);
}

static void add_dir(vocab *v, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	assert_non_null(d);
	while ((e = readdir(d))) {
		char *path;
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		path = test_fmt("%s/%s", dir, e->d_name);
		add_file(v, path);
		free(path);
	}
	closedir(d);
}

static void vocab_load(vocab *v)
{
	memset(v, 0, sizeof(*v));
	add_file(v, SL_SOURCE_DIR "/tests/fixtures/sheet/sheet.json");
	add_dir(v, SL_SOURCE_DIR "/tests/fixtures/sheet/items");
	add_file(v, SL_SOURCE_DIR "/tests/fixtures/demo/2023-04/sheet.json");
	add_dir(v, SL_SOURCE_DIR "/tests/fixtures/demo/2023-04/items");
	add_text(v, WORKTREE_ANSWER);
}

static void vocab_free(vocab *v)
{
	size_t i;
	for (i = 0; i < v->count; i++)
		free(v->texts[i]);
	free(v->texts);
}

/* The output with every data string blanked out. new: free() */
static char *without_data(const char *out)
{
	char *s = strdup(out), *at;
	size_t i;
	assert_non_null(s);
	for (i = 0; i < sizeof(data_strings) / sizeof(data_strings[0]); i++)
		while ((at = strstr(s, data_strings[i])))
			memset(at, ' ', strlen(data_strings[i]));
	return s;
}

static bool is_word_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Whether the ASCII word w (n bytes) occurs as a word of some data text
 * or is markup. */
static bool word_is_data(const vocab *v, const char *w, size_t n)
{
	size_t i;
	for (i = 0; i < sizeof(markup_words) / sizeof(markup_words[0]); i++)
		if (strlen(markup_words[i]) == n &&
		    !strncmp(markup_words[i], w, n))
			return true;
	char word[128];
	if (n >= sizeof(word))
		return false;
	memcpy(word, w, n);
	word[n] = '\0';
	for (i = 0; i < v->count; i++) {
		const char *t = v->texts[i], *at = t;
		while ((at = strstr(at, word))) {
			if ((at == t || !is_word_byte((unsigned char)at[-1])) &&
			    !is_word_byte((unsigned char)at[n]))
				return true;
			at++;
		}
	}
	return false;
}

/* ja: every ASCII word of two or more letters (digits, as in ids, dates
 * and commit ids, make a token data) must be data. */
static void check_ja(const vocab *v, const char *what, const char *out)
{
	char *s = without_data(out);
	const char *p = s;
	while (*p) {
		const char *w = p;
		bool digits = false;
		size_t n;
		if (!is_word_byte((unsigned char)*p)) {
			p++;
			continue;
		}
		while (is_word_byte((unsigned char)*p)) {
			digits |= *p >= '0' && *p <= '9';
			p++;
		}
		n = (size_t)(p - w);
		if (!digits && n >= 2 && !word_is_data(v, w, n))
			fail_msg("%s --lang ja: English word '%.*s' in:\n%s",
				 what, (int)n, w, out);
	}
	free(s);
}

/* Whether byte sequence c (one UTF-8 character) is Japanese: kana, CJK
 * ideographs and their radicals, full-width forms and CJK punctuation. */
static size_t ja_char(const unsigned char *c)
{
	unsigned cp;
	if (c[0] < 0xE0 || c[0] >= 0xF0)
		return 0;
	cp = ((c[0] & 0x0Fu) << 12) | ((c[1] & 0x3Fu) << 6) | (c[2] & 0x3Fu);
	return (cp >= 0x2E80 && cp <= 0x9FFF) ||
			       (cp >= 0xF900 && cp <= 0xFAFF) ||
			       (cp >= 0xFF00 && cp <= 0xFFEF)
		       ? 3
		       : 0;
}

/* en: every run of Japanese characters must be part of a data text. */
static void check_en(const vocab *v, const char *what, const char *out)
{
	char *s = without_data(out);
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *w = p;
		size_t i, n;
		bool found = false;
		char *run;
		if (!ja_char(p)) {
			p++;
			continue;
		}
		while (*p && ja_char(p))
			p += 3;
		n = (size_t)(p - w);
		run = strndup((const char *)w, n);
		for (i = 0; i < v->count && !found; i++)
			found = strstr(v->texts[i], run) != NULL;
		if (!found)
			fail_msg("%s --lang en: Japanese '%s' in:\n%s", what,
				 run, out);
		free(run);
	}
	free(s);
}

typedef struct state {
	test_repo *repo;
	vocab vocab;
} state;

static int setup(void **st)
{
	state *s = calloc(1, sizeof(*s));
	char *path, *text, *at;
	assert_non_null(s);
	s->repo = test_repo_new();
	test_repo_build_fixture_demo(s->repo);
	/* An uncommitted edit of 1-1's answer: WORKTREE steps. */
	path = test_repo_path(s->repo, "checklist/items/1-1.json");
	text = test_read_file(path, NULL);
	assert_non_null(text);
	at = strstr(text, "\"answer\": \"");
	assert_non_null(at);
	at += strlen("\"answer\": \"");
	*strchr(at, '"') = '\0';
	vocab_load(&s->vocab);
	{
		char *edited = test_fmt("%s%s\"\n}\n", text, WORKTREE_ANSWER);
		char *answer = test_fmt("%s%s", at, WORKTREE_ANSWER);
		test_write_str(path, edited);
		add_text(&s->vocab, answer); /* the whole new answer */
		free(answer);
		free(edited);
	}
	free(text);
	free(path);
	*st = s;
	return 0;
}

static int teardown(void **st)
{
	state *s = *st;
	test_repo_free(s->repo);
	vocab_free(&s->vocab);
	free(s);
	return 0;
}

/* Every command that writes for people, in each of its human formats. */
static const char *const commands[][8] = {
	{"diff", "2022-09", "2023-04", NULL},
	{"diff", "2022-09", "2023-04", "--format", "markdown", NULL},
	{"diff", "2023-04", "WORKTREE", NULL},
	{"changelog", "2022-09..2023-04", NULL},
	{"changelog", "2022-09..2023-04", "--format", "shinkyu-markdown", NULL},
	{"editions", NULL},
	{"export", "--format", "markdown", NULL},
	{"review", NULL},
	{"review", "--format", "markdown", NULL},
	{"log", NULL},
	{"history", "3-2", NULL},
	{"history", "1-1", "--format", "markdown", NULL},
	{"history", "3-1@2022-09", "--forward", NULL},
	{"history", "2-1@2022-09", "--forward", "--format", "markdown", NULL},
	{"show", "3-2", NULL},
	{"show", "1-1@2022-09", NULL},
	{"blame", "3-2", "--chars", NULL},
	{"blame", "1-1", NULL},
	{"audit", "2022-09..2023-04", "--format", "markdown", NULL},
};

static void run_all(state *s, const char *lang)
{
	size_t i;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const char *argv[16] = {"-C", s->repo->dir};
		char what[256] = "";
		int argc = 2, k;
		test_run *run;
		for (k = 0; commands[i][k]; k++) {
			argv[argc++] = commands[i][k];
			snprintf(what + strlen(what),
				 sizeof(what) - strlen(what), "%s%s",
				 k ? " " : "", commands[i][k]);
		}
		argv[argc++] = "--lang";
		argv[argc++] = lang;
		run = test_cli_argv(argc, argv);
		if (run->status != 0 && run->status != 1)
			fail_msg("%s --lang %s: exit %d: %s", what, lang,
				 run->status, run->err);
		assert_true(run->out_len > 0);
		if (!strcmp(lang, "ja"))
			check_ja(&s->vocab, what, run->out);
		else
			check_en(&s->vocab, what, run->out);
		test_run_free(run);
	}
}

static void test_vocabulary__japanese_output_has_no_english_labels(void **st)
{
	run_all(*st, "ja");
}

static void test_vocabulary__english_output_has_no_japanese_labels(void **st)
{
	run_all(*st, "en");
}

/* The audit CSV is for people under --lang ja (headers and words). */
static void test_vocabulary__japanese_audit_csv(void **st)
{
	state *s = *st;
	test_run *run =
		test_cli("-C", s->repo->dir, "audit", "2022-09..2023-04", NULL);
	assert_int_equal(run->status, 0);
	check_ja(&s->vocab, "audit (csv)", run->out);
	test_run_free(run);
}

/* The checker itself: a mixed label is caught in both directions. */
static void test_vocabulary__a_mixed_label_is_caught(void **st)
{
	state *s = *st;
	/* Data passes: the sheet's text, its headings, authors, ids. */
	check_ja(&s->vocab, "self-test",
		 "履歴: 3-2 (作業ツリー)\nTest Author <author@example.com>\n");
	check_en(&s->vocab, "self-test", "History: 3-2 (working tree)\n");
	/* The labels of the other language fail (expect_assert would need
	 * mock_assert; a forked check is overkill: test the predicates). */
	assert_false(word_is_data(&s->vocab, "WORKTREE", 8));
	assert_false(word_is_data(&s->vocab, "modified", 8));
	assert_true(ja_char((const unsigned char *)"版") == 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_vocabulary__japanese_output_has_no_english_labels,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_vocabulary__english_output_has_no_japanese_labels,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_vocabulary__japanese_audit_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_vocabulary__a_mixed_label_is_caught, setup,
			teardown),
	};
	return cmocka_run_group_tests(tests, test_global_setup,
				      test_global_teardown);
}
