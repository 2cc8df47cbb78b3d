/*
 * test_sheet.c: the sheet model: items in section order of sheet.json then
 * natural id order, lookup by id, duplicate ids, sections and scopes, and
 * an item's scope falling back to its section's.
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

#include "id.h"
#include "sheet.h"
#include "test_sheet.h"

static const char *const two_sections[] = {"2:provider", "1:customer", NULL};

static void
test_sheet__items_sort_by_section_order_then_natural_id(void **state)
{
	sl_sheet *s = test_sheet_new(two_sections);
	static const char *const want[] = {"2-1", "2-9", "2-10",
					   "1-1", "1-2", "1-10"};
	size_t i;
	(void)state;
	test_sheet_add(s, "1-10", "1", "q", "a");
	test_sheet_add(s, "2-10", "2", "q", "a");
	test_sheet_add(s, "1-2", "1", "q", "a");
	test_sheet_add(s, "2-1", "2", "q", "a");
	test_sheet_add(s, "1-1", "1", "q", "a");
	test_sheet_add(s, "2-9", "2", "q", "a");
	sl_sheet_sort(s);
	assert_int_equal(sl_sheet_item_count(s), 6);
	/* Section 2 comes first because sheet.json lists it first; within a
	 * section, 9 < 10 (digit runs compare as numbers). */
	for (i = 0; i < 6; i++)
		assert_string_equal(sl_sheet_item(s, i)->id, want[i]);
	sl_sheet_free(s);
}

/*
 * A sheet of hundreds of "<section>-<n>" items is sorted by radix, any
 * other by comparison: both must give section order, then natural id
 * order. 300 items added in file-name order ("2-10" before "2-9"), the
 * first sheet all plain numbers, the second with one "2-07" (a leading
 * zero: the comparison path) and one duplicate id; every neighbour pair
 * must be in order and the id index must find every item.
 */
static void check_sorted(sl_sheet *s, size_t n)
{
	size_t i;
	assert_int_equal(sl_sheet_item_count(s), n);
	for (i = 1; i < n; i++) {
		const sl_item *a = sl_sheet_item(s, i - 1),
			      *b = sl_sheet_item(s, i);
		size_t sa = sl_sheet_section_index(s, a->section),
		       sb = sl_sheet_section_index(s, b->section);
		assert_true(sa <= sb);
		if (sa == sb && sl_id_compare(a->id, b->id) > 0)
			fail_msg("%s sorted before %s", a->id, b->id);
	}
	for (i = 0; i < n; i++)
		assert_non_null(sl_sheet_find(s, sl_sheet_item(s, i)->id));
}

static void test_sheet__large_sheet_sorts_like_a_small_one(void **state)
{
	char names[300][16];
	size_t i, k;
	(void)state;
	for (k = 0; k < 2; k++) {
		sl_sheet *s = test_sheet_new(two_sections);
		for (i = 0; i < 300; i++)
			snprintf(names[i], sizeof(names[i]), "%d-%zu",
				 i % 2 ? 1 : 2, i / 2 + 1);
		if (k == 1) {
			snprintf(names[13], sizeof(names[13]), "1-07");
			snprintf(names[21], sizeof(names[21]), "1-3");
		}
		/* File-name order, as a snapshot lists them. */
		qsort(names, 300, sizeof(names[0]),
		      (int (*)(const void *, const void *))strcmp);
		for (i = 0; i < 300; i++)
			test_sheet_add(s, names[i],
				       names[i][0] == '1' ? "1" : "2", "q",
				       "a");
		sl_sheet_sort(s);
		check_sorted(s, 300);
		assert_string_equal(sl_sheet_item(s, 0)->id, "2-1");
		assert_string_equal(sl_sheet_item(s, 150)->id, "1-1");
		if (k == 1)
			assert_string_equal(sl_sheet_duplicate_id(s), "1-3");
		else
			assert_null(sl_sheet_duplicate_id(s));
		sl_sheet_free(s);
	}
}

static void test_sheet__find_returns_the_item_with_that_id(void **state)
{
	sl_sheet *s = test_sheet_new(two_sections);
	const sl_item *it;
	sl_item *mut;
	(void)state;
	test_sheet_add(s, "1-2", "1", "二つ目の質問", "二つ目の回答");
	test_sheet_add(s, "1-1", "1", "一つ目の質問", "一つ目の回答");
	test_sheet_add(s, "1-10", "1", "十番目の質問", "十番目の回答");
	sl_sheet_sort(s);
	it = sl_sheet_find(s, "1-10");
	assert_non_null(it);
	assert_string_equal(it->answer, "十番目の回答");
	it = sl_sheet_find(s, "1-1");
	assert_non_null(it);
	assert_string_equal(it->question, "一つ目の質問");
	assert_null(sl_sheet_find(s, "1-3"));
	assert_null(sl_sheet_find(s, "1-"));
	assert_null(sl_sheet_find(s, ""));
	/* find_mut edits the same item in place. */
	mut = sl_sheet_find_mut(s, "1-2");
	assert_non_null(mut);
	assert_int_equal(sl_item_set(mut, "answer", "書き換えた回答", false),
			 0);
	assert_string_equal(sl_sheet_find(s, "1-2")->answer, "書き換えた回答");
	sl_sheet_free(s);
}

static void test_sheet__duplicate_id_is_named(void **state)
{
	sl_sheet *s = test_sheet_new(two_sections);
	(void)state;
	test_sheet_add(s, "1-1", "1", "q", "a");
	test_sheet_add(s, "1-2", "1", "q", "a");
	sl_sheet_sort(s);
	assert_null(sl_sheet_duplicate_id(s));
	test_sheet_add(s, "2-1", "2", "q", "a");
	test_sheet_add(s, "1-2", "1", "other q", "other a");
	sl_sheet_sort(s);
	assert_non_null(sl_sheet_duplicate_id(s));
	assert_string_equal(sl_sheet_duplicate_id(s), "1-2");
	assert_int_equal(sl_sheet_item_count(s), 4);
	sl_sheet_free(s);
}

static void test_sheet__sections_and_scopes_are_looked_up_by_id(void **state)
{
	sl_sheet *s = test_sheet_new(two_sections);
	const sl_section *sec;
	(void)state;
	sec = sl_sheet_section(s, "1");
	assert_non_null(sec);
	assert_string_equal(sec->id, "1");
	assert_string_equal(sec->scope, "customer");
	assert_null(sl_sheet_section(s, "3"));
	assert_int_equal(sl_sheet_section_index(s, "2"), 0);
	assert_int_equal(sl_sheet_section_index(s, "1"), 1);
	/* Unknown: section_count. */
	assert_int_equal(sl_sheet_section_index(s, "9"), 2);
	assert_string_equal(sl_sheet_scope(s, "customer")->title,
			    "クラウド利用者の責任範囲");
	assert_null(sl_sheet_scope(s, "vendor"));
	sl_sheet_free(s);
}

static void test_sheet__item_scope_is_its_own_else_its_sections(void **state)
{
	sl_sheet *s = test_sheet_new(two_sections);
	sl_item *own, *inherited, *orphan;
	(void)state;
	own = test_item("1-1", "1", "provider", "q", "a");
	inherited = test_item("1-2", "1", NULL, "q", "a");
	orphan = test_item("9-1", "9", NULL, "q", "a");
	assert_int_equal(sl_sheet_add_item(s, own), 0);
	assert_int_equal(sl_sheet_add_item(s, inherited), 0);
	assert_int_equal(sl_sheet_add_item(s, orphan), 0);
	sl_sheet_sort(s);
	assert_string_equal(sl_sheet_item_scope(s, own), "provider");
	assert_string_equal(sl_sheet_item_scope(s, inherited), "customer");
	assert_null(sl_sheet_item_scope(s, orphan));
	/* An item of an unknown section sorts after the known ones. */
	assert_string_equal(sl_sheet_item(s, 2)->id, "9-1");
	sl_sheet_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_sheet__items_sort_by_section_order_then_natural_id),
		cmocka_unit_test(
			test_sheet__find_returns_the_item_with_that_id),
		cmocka_unit_test(
			test_sheet__large_sheet_sorts_like_a_small_one),
		cmocka_unit_test(test_sheet__duplicate_id_is_named),
		cmocka_unit_test(
			test_sheet__sections_and_scopes_are_looked_up_by_id),
		cmocka_unit_test(
			test_sheet__item_scope_is_its_own_else_its_sections),
	};
	return cmocka_run_group_tests_name("sheet", tests, NULL, NULL);
}
