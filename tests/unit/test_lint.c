/*
 * test_lint.c: the rules on in-memory sheets (no snapshot, so findings
 * point at files without line:column; located findings are pinned by the
 * tests/cases/lint/ catalogue).
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

#include "alloc.h"
#include "lint.h"

static sl_sheet *new_sheet(const char *pattern)
{
	sl_sheet *s = NULL;
	sl_sheet_meta *m;
	assert_int_equal(sl_sheet_new(&s), 0);
	m = sl_sheet_meta_of(s);
	m->as_of = sl_strdup("2022-09");
	m->path = sl_strdup("checklist/sheet.json");
	m->id_pattern = pattern ? sl_strdup(pattern) : NULL;
	m->scopes = sl_calloc(2, sizeof(sl_scope));
	m->scopes[0].id = sl_strdup("provider");
	m->scopes[1].id = sl_strdup("customer");
	m->scope_count = 2;
	m->sections = sl_calloc(2, sizeof(sl_section));
	m->sections[0].id = sl_strdup("1");
	m->sections[0].title = sl_strdup("一");
	m->sections[0].scope = sl_strdup("provider");
	m->sections[1].id = sl_strdup("2");
	m->sections[1].title = sl_strdup("二");
	m->section_count = 2;
	return s;
}

static void add(sl_sheet *s, const char *file, const char *id,
		const char *section, const char *scope, const char *q,
		const char *a)
{
	sl_item *it = sl_item_new();
	it->id = sl_strdup(id);
	it->section = sl_strdup(section);
	it->scope = scope ? sl_strdup(scope) : NULL;
	it->question = sl_strdup(q);
	it->answer = sl_strdup(a);
	it->path = file ? sl_strdup(file) : NULL;
	assert_int_equal(sl_sheet_add_item(s, it), 0);
}

/* All findings as "rule:item" joined by spaces, in sorted order. */
static char *rules_of(sl_sheet *s, bool notation)
{
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_buf b = SL_BUF_INIT;
	const sl_diag *x;
	size_t i;
	char *out;
	sl_sheet_sort(s);
	assert_int_equal(sl_lint_structure(&d, s, NULL), 0);
	if (notation)
		assert_int_equal(sl_lint_notation(&d, s, NULL), 0);
	sl_diag_sort(&d);
	SL_DIAG_FOREACH (&d, i, x)
		sl_buf_printf(&b, "%s%s:%s", i ? " " : "", x->rule,
			      x->item_id ? x->item_id : "-");
	out = strdup(sl_buf_cstr(&b));
	sl_buf_dispose(&b);
	sl_diag_list_dispose(&d);
	return out;
}

static void test_lint__clean_sheet_has_no_findings(void **state)
{
	sl_sheet *s = new_sheet("^[0-9]+-[0-9]+$");
	char *r;
	(void)state;
	add(s, "checklist/items/1-1.json", "1-1", "1", "provider",
	    "質問ですか。", "はい。");
	add(s, "checklist/items/2-1.json", "2-1", "2", NULL, "Is it?", "Yes.");
	r = rules_of(s, true);
	assert_string_equal(r, "");
	free(r);
	sl_sheet_free(s);
}

static void test_lint__structure_rules(void **state)
{
	sl_sheet *s = new_sheet("^[0-9]+-[0-9]+$");
	char *r;
	(void)state;
	add(s, "checklist/items/1-1.json", "1-1", "1", NULL, "q", "a");
	add(s, "checklist/items/1-9.json", "1-1", "1", NULL, "q",
	    "a"); /* dup + name */
	add(s, "checklist/items/A-1.json", "A-1", "1", NULL, "qA",
	    "a"); /* pattern */
	add(s, "checklist/items/1_2.json", "1_2", "1", NULL, "q12",
	    "a"); /* syntax */
	add(s, "checklist/items/3-1.json", "3-1", "3", NULL, "q31",
	    "a"); /* section */
	add(s, "checklist/items/1-5.json", "1-5", "1", "customer", "q15",
	    "a"); /* scope */
	add(s, "checklist/items/1-6.json", "1-6", "1", "vendor", "q16",
	    "a"); /* scope */
	add(s, "checklist/items/1-7.json", "1-7", "1", NULL, "q17",
	    "\n \n"); /* empty */
	r = rules_of(s, false);
	assert_string_equal(
		r,
		"scope-mismatch:1-5 unknown-scope:1-6 empty-text:1-7 "
		"duplicate-id:1-1 file-name:1-1 id-syntax:1_2 unknown-section:3-1 "
		"id-pattern:A-1");
	free(r);
	sl_sheet_free(s);
}

/* Two items asking and answering the same: each later one names the
 * first; the same question with another answer is no finding. */
static void test_lint__identical_items(void **state)
{
	sl_sheet *s = new_sheet("^[0-9]+-[0-9]+$");
	char *r;
	(void)state;
	add(s, "checklist/items/1-1.json", "1-1", "1", NULL, "同じ質問ですか。",
	    "同じ回答です。");
	add(s, "checklist/items/1-2.json", "1-2", "1", NULL, "同じ質問ですか。",
	    "同じ回答です。");
	add(s, "checklist/items/1-3.json", "1-3", "1", NULL, "同じ質問ですか。",
	    "別の回答です。");
	add(s, "checklist/items/2-1.json", "2-1", "2", NULL, "同じ質問ですか。",
	    "同じ回答です。");
	r = rules_of(s, false);
	assert_string_equal(r, "identical-items:1-2 identical-items:2-1");
	free(r);
	sl_sheet_free(s);
}

static void test_lint__notation_rules(void **state)
{
	sl_sheet *s = new_sheet(NULL);
	char *r;
	(void)state;
	add(s, "checklist/items/1-1.json", "1-1", "1", NULL,
	    "利\xE2\xBD\xA4していますか。", "ＡＢは VPN 接続。 \n次");
	add(s, "checklist/items/1-2.json", "1-2", "1", NULL,
	    "Uses ISMS (ISO 27001)?", "Yes, ① only.");
	r = rules_of(s, true);
	/* ⽤: compat ideograph; Ａ and Ｂ: full-width; the space before 接続
	 * touches Japanese, the one after "VPN" too; "。 " is trailing; the
	 * English spaces of 1-2 are fine; ① is another compat char. */
	assert_string_equal(
		r,
		"compat-ideograph:1-1 fullwidth-ascii:1-1 fullwidth-ascii:1-1 "
		"space-in-japanese:1-1 space-in-japanese:1-1 trailing-whitespace:1-1 "
		"compat-char:1-2");
	free(r);
	sl_sheet_free(s);
}

static void test_lint__sheet_rules(void **state)
{
	sl_sheet *s = new_sheet("([0-9]");
	sl_sheet_meta *m = sl_sheet_meta_of(s);
	char *r;
	(void)state;
	sl_free(m->as_of);
	m->as_of = sl_strdup("2022-13");
	m->timezone = sl_strdup("+9");
	sl_free(m->sections[1].id);
	m->sections[1].id = sl_strdup("1");
	r = rules_of(s, false);
	assert_string_equal(
		r,
		"duplicate-section:- invalid-as-of:- invalid-id-pattern:- invalid-timezone:-");
	free(r);
	sl_sheet_free(s);
}

static void test_lint__many_items_stay_linear(void **state)
{
	/* Duplicate detection sorts; 20,000 items must not be quadratic. */
	sl_sheet *s = new_sheet(NULL);
	char id[32], file[64];
	char *r;
	int i;
	(void)state;
	for (i = 0; i < 20000; i++) {
		snprintf(id, sizeof(id), "1-%d", i + 1);
		snprintf(file, sizeof(file), "checklist/items/%s.json", id);
		add(s, file, id, "1", NULL, id, "a");
	}
	add(s, "checklist/items/x.json", "1-77", "1", NULL, "q", "a");
	r = rules_of(s, false);
	assert_string_equal(r, "duplicate-id:1-77 file-name:1-77");
	free(r);
	sl_sheet_free(s);
}

/* Near-duplicate questions: a warning on the later item naming the
 * earlier one and the matcher's similarity; different questions that
 * share only the common endings give none. */
static void test_lint__near_duplicate_questions(void **state)
{
	sl_sheet *s = new_sheet("^[0-9]+-[0-9]+$");
	sl_diag_list d = SL_DIAG_LIST_INIT;
	const sl_diag *x;
	size_t i, n = 0;
	(void)state;
	add(s, "checklist/items/1-1.json", "1-1", "1", "provider",
	    "重要なデータのバックアップを取得していますか。", "はい。");
	add(s, "checklist/items/1-2.json", "1-2", "1", "provider",
	    "障害の通知までの時間を教えてください。", "60分です。");
	add(s, "checklist/items/2-1.json", "2-1", "2", NULL,
	    "当社では重要なデータのバックアップを取得していますか。",
	    "いいえ。");
	add(s, "checklist/items/2-2.json", "2-2", "2", NULL,
	    "ログを保管していますか。", "はい。");
	sl_sheet_sort(s);
	assert_int_equal(sl_lint_notation(&d, s, NULL), 0);
	SL_DIAG_FOREACH (&d, i, x) {
		if (strcmp(x->rule, "near-duplicate"))
			continue;
		n++;
		assert_int_equal(x->severity, SL_SEV_WARNING);
		assert_string_equal(x->item_id, "2-1");
		assert_non_null(strstr(x->message, "nearly the same as 1-1's "
						   "(similarity 0."));
	}
	assert_int_equal(n, 1);
	sl_diag_list_dispose(&d);
	sl_sheet_free(s);
}

/* "owners" that is not a map of ids to lists of people is an error. */
static void test_lint__invalid_owners(void **state)
{
	sl_sheet *s = new_sheet("^[0-9]+-[0-9]+$");
	sl_sheet_meta *m = sl_sheet_meta_of(s);
	char *r;
	(void)state;
	add(s, "checklist/items/1-1.json", "1-1", "1", "provider",
	    "質問ですか。", "はい。");
	m->extra = sl_calloc(1, sizeof(*m->extra));
	m->extra[0].name = sl_strdup("owners");
	m->extra[0].text = sl_strdup("{\"1\":\"sec@example.com\"}");
	m->extra[0].is_json = true;
	m->extra_count = 1;
	r = rules_of(s, false);
	assert_string_equal(r, "invalid-owners:-");
	free(r);
	sl_free(m->extra[0].text);
	m->extra[0].text = sl_strdup("{\"1\":[\"sec@example.com\"],"
				     "\"1-1\":[\"A <a@example.com>\"]}");
	r = rules_of(s, false);
	assert_string_equal(r, "");
	free(r);
	sl_sheet_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lint__clean_sheet_has_no_findings),
		cmocka_unit_test(test_lint__structure_rules),
		cmocka_unit_test(test_lint__identical_items),
		cmocka_unit_test(test_lint__notation_rules),
		cmocka_unit_test(test_lint__sheet_rules),
		cmocka_unit_test(test_lint__many_items_stay_linear),
		cmocka_unit_test(test_lint__near_duplicate_questions),
		cmocka_unit_test(test_lint__invalid_owners),
	};
	return cmocka_run_group_tests_name("lint", tests, NULL, NULL);
}
