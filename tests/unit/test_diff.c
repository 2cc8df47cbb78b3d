/*
 * test_diff.c: the sheet diff model on in-memory sheets: a shifted
 * insertion is one added item and the rest renumbered, a swap is two
 * renumberings, a renumbered item keeps its edit, notation-only edits are
 * flagged apart from substantive ones, extra fields are compared, the
 * summary partitions the items, a reused number is replaced, and changes come
 * in section order then natural id order.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "buf.h"
#include "diff.h"
#include "par.h"
#include "render.h"
#include "sheet.h"
#include "test_sheet.h"
#include "test_tmp.h"

static const char *const sections[] = {"1:provider", "2:customer", NULL};

/* Distinctive texts, so items pair by content when ids shift. */
static const char *const q[] = {
	"データセンターの所在地は国内ですか。",
	"障害発生時の通知手段を教えてください。",
	"バックアップの保管期間はどのくらいですか。",
	"管理者の認証に多要素認証を使っていますか。",
	"脆弱性診断を定期的に実施していますか。",
};
static const char *const a[] = {
	"国内の複数拠点で運用しています。",
	"電子メールとポータルサイトで通知します。",
	"七日間の世代管理で保管しています。",
	"すべての管理者に多要素認証を義務付けています。",
	"年に一度、第三者による診断を受けています。",
};

/* Position of the change with this (new) id, or of the removal of this
 * id; sl_diff_count when there is none. */
/* Add plain items to a sheet: "1-1=0 1-2=4" gives 1-1 question and
 * answer 0, 1-2 question and answer 4, each in the section its id names. */
static void add_items(sl_sheet *sheet, const char *spec)
{
	char id[16];
	int k, used;
	while (sscanf(spec, " %15[^=]=%d%n", id, &k, &used) == 2) {
		char section[8];
		snprintf(section, sizeof(section), "%.*s",
			 (int)strcspn(id, "-"), id);
		test_sheet_add(sheet, id, section, q[k], a[k]);
		spec += used;
	}
}

/* Sort both sheets as a loader would and diff them. */
static sl_diff *compute(sl_sheet *o, sl_sheet *n)
{
	sl_diff *d = NULL;
	sl_sheet_sort(o);
	sl_sheet_sort(n);
	assert_int_equal(sl_diff_compute(&d, o, n), 0);
	return d;
}

static size_t index_of(const sl_diff *d, const char *id, bool removed)
{
	size_t i;
	for (i = 0; i < sl_diff_count(d); i++) {
		const sl_change *c = sl_diff_change(d, i);
		if (!strcmp(c->id, id) &&
		    (c->status == SL_CHANGE_REMOVED) == removed)
			break;
	}
	return i;
}

static const sl_change *find_change(const sl_diff *d, const char *id)
{
	size_t i = index_of(d, id, false);
	return i < sl_diff_count(d) ? sl_diff_change(d, i) : NULL;
}

static void check_partition(const sl_diff *d, size_t n_old, size_t n_new)
{
	const sl_diff_summary *s = sl_diff_summary_of(d);
	assert_int_equal(s->unchanged + s->modified + s->notation_only +
				 s->renumbered + s->replaced + s->removed,
			 n_old);
	assert_int_equal(s->unchanged + s->modified + s->notation_only +
				 s->renumbered + s->replaced + s->added,
			 n_new);
	/* Every change is listed once; unchanged items are not. */
	assert_int_equal(sl_diff_count(d), s->added + s->removed + s->modified +
						   s->notation_only +
						   s->renumbered + s->replaced);
}

static void
test_diff__shifted_insertion_is_one_added_and_n_renumbered(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	const sl_diff_summary *s;
	const sl_change *c;
	(void)state;
	/* old 1-1..1-4; new: a question inserted as 1-2, the old 1-2..1-4
	 * become 1-3..1-5. */
	add_items(o, "1-1=0 1-2=1 1-3=2 1-4=3");
	add_items(n, "1-1=0 1-2=4 1-3=1 1-4=2 1-5=3");
	d = compute(o, n);
	s = sl_diff_summary_of(d);
	assert_int_equal(s->added, 1);
	assert_int_equal(s->renumbered, 3);
	assert_int_equal(s->unchanged, 1);
	assert_int_equal(s->modified, 0);
	assert_int_equal(s->removed, 0);
	assert_int_equal(s->notation_only, 0);
	check_partition(d, 4, 5);
	c = find_change(d, "1-2");
	assert_non_null(c);
	assert_int_equal(c->status, SL_CHANGE_ADDED);
	assert_null(c->old_item);
	assert_string_equal(c->new_item->question, q[4]);
	assert_string_equal(sl_change_kind(c), "added");
	c = find_change(d, "1-3");
	assert_int_equal(c->status, SL_CHANGE_RENUMBERED);
	assert_string_equal(c->old_id, "1-2");
	/* Renumbered without an edit: no changed field. */
	assert_int_equal(c->field_count, 0);
	assert_string_equal(sl_change_status_name(c->status), "renumbered");
	assert_string_equal(find_change(d, "1-4")->old_id, "1-3");
	assert_string_equal(find_change(d, "1-5")->old_id, "1-4");
	assert_null(find_change(d, "1-1"));
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

static void test_diff__renumbered_item_keeps_its_edit(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	const sl_change *c;
	char *longer = test_fmt("%s年に一度、見直しています。", a[1]);
	(void)state;
	add_items(o, "1-1=0 1-2=1");
	/* A new 1-1; the old 1-1 and 1-2 move down, 1-2 also edited. */
	add_items(n, "1-1=4 1-2=0");
	test_sheet_add(n, "1-3", "1", q[1], longer);
	d = compute(o, n);
	c = find_change(d, "1-3");
	assert_non_null(c);
	assert_int_equal(c->status, SL_CHANGE_RENUMBERED);
	assert_string_equal(c->old_id, "1-2");
	assert_int_equal(c->field_count, 1);
	assert_string_equal(c->fields[0].field, "answer");
	assert_string_equal(c->fields[0].new_text, longer);
	assert_false(c->fields[0].notation_only);
	assert_int_equal(find_change(d, "1-2")->field_count, 0);
	/* renumbered counts every renumbered item, edited or not. */
	assert_int_equal(sl_diff_summary_of(d)->renumbered, 2);
	assert_int_equal(sl_diff_summary_of(d)->added, 1);
	assert_int_equal(sl_diff_summary_of(d)->modified, 0);
	check_partition(d, 2, 3);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
	free(longer);
}

static void test_diff__swap_is_two_renumberings(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	const sl_change *c;
	(void)state;
	add_items(o, "1-1=0 1-2=1 1-3=2");
	add_items(n, "1-1=1 1-2=0 1-3=2");
	d = compute(o, n);
	assert_int_equal(sl_diff_count(d), 2);
	assert_int_equal(sl_diff_summary_of(d)->renumbered, 2);
	assert_int_equal(sl_diff_summary_of(d)->unchanged, 1);
	assert_int_equal(sl_diff_summary_of(d)->modified, 0);
	c = find_change(d, "1-1");
	assert_int_equal(c->status, SL_CHANGE_RENUMBERED);
	assert_string_equal(c->old_id, "1-2");
	c = find_change(d, "1-2");
	assert_int_equal(c->status, SL_CHANGE_RENUMBERED);
	assert_string_equal(c->old_id, "1-1");
	check_partition(d, 3, 3);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

static void test_diff__notation_only_change_is_flagged(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	const sl_change *c;
	(void)state;
	/* ⽤ (U+2F64, a Kangxi radical) -> 用, full-width ＶＰＮ -> VPN */
	test_sheet_add(o, "1-1", "1", q[0], "ＶＰＮ接続を利⽤します。");
	test_sheet_add(n, "1-1", "1", q[0], "VPN接続を利用します。");
	d = compute(o, n);
	assert_int_equal(sl_diff_count(d), 1);
	c = sl_diff_change(d, 0);
	assert_int_equal(c->status, SL_CHANGE_MODIFIED);
	assert_true(c->notation_only);
	assert_string_equal(sl_change_kind(c), "notation");
	assert_int_equal(c->field_count, 1);
	assert_string_equal(c->fields[0].field, "answer");
	assert_true(c->fields[0].notation_only);
	assert_string_equal(c->fields[0].old_text, "ＶＰＮ接続を利⽤します。");
	assert_string_equal(c->fields[0].new_text, "VPN接続を利用します。");
	assert_int_equal(sl_diff_summary_of(d)->notation_only, 1);
	assert_int_equal(sl_diff_summary_of(d)->modified, 0);
	check_partition(d, 1, 1);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

static void test_diff__substantive_edit_is_modified_with_field_ops(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	const sl_change *c;
	(void)state;
	/* A notation fix in the question and a changed number in the
	 * answer: the change as a whole is substantive. */
	test_sheet_add(o, "1-1", "1", "通知時間について教えてください。",
		       "60分以内での通知を目標としています。");
	test_sheet_add(n, "1-1", "1", "通知時間について教えてください｡",
		       "30分以内での通知を目標としています。");
	d = compute(o, n);
	assert_int_equal(sl_diff_count(d), 1);
	c = sl_diff_change(d, 0);
	assert_int_equal(c->status, SL_CHANGE_MODIFIED);
	assert_false(c->notation_only);
	assert_string_equal(sl_change_kind(c), "modified");
	assert_string_equal(c->old_id, "1-1");
	/* Fields in field order: question before answer. */
	assert_int_equal(c->field_count, 2);
	assert_string_equal(c->fields[0].field, "question");
	assert_true(c->fields[0].notation_only);
	assert_string_equal(c->fields[1].field, "answer");
	assert_false(c->fields[1].notation_only);
	assert_true(c->fields[1].ops.count > 0);
	assert_int_equal(sl_diff_summary_of(d)->modified, 1);
	assert_int_equal(sl_diff_summary_of(d)->notation_only, 0);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

static void test_diff__extra_fields_are_compared(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_item *io, *in;
	sl_diff *d;
	const sl_change *c;
	(void)state;
	io = test_sheet_add(o, "1-1", "1", q[0], a[0]);
	in = test_sheet_add(n, "1-1", "1", q[0], a[0]);
	assert_int_equal(sl_item_set(io, "note", "旧メモ", false), 0);
	assert_int_equal(sl_item_set(in, "note", "新メモ", false), 0);
	assert_int_equal(sl_item_set(in, "tags", "[\"a\"]", true), 0);
	d = compute(o, n);
	assert_int_equal(sl_diff_count(d), 1);
	c = sl_diff_change(d, 0);
	assert_int_equal(c->status, SL_CHANGE_MODIFIED);
	assert_int_equal(c->field_count, 2);
	assert_string_equal(c->fields[0].field, "note");
	assert_string_equal(c->fields[0].old_text, "旧メモ");
	assert_string_equal(c->fields[0].new_text, "新メモ");
	assert_false(c->fields[0].is_json);
	assert_string_equal(c->fields[1].field, "tags");
	assert_null(c->fields[1].old_text);
	assert_true(c->fields[1].is_json);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

static void
test_diff__summary_partitions_a_mixed_diff_in_section_order(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	const sl_diff_summary *s;
	const sl_change *c;
	(void)state;
	/* old: 1-1 1-2 1-10 2-1 2-2; new: 1-1 unchanged, 1-2 modified,
	 * 1-10 notation only, 2-1 removed (2-2 becomes 2-1), 2-2 added. */
	add_items(o, "1-1=0 1-2=1");
	test_sheet_add(o, "1-10", "1", q[2], "ログを⽉に一度確認します。");
	add_items(o, "2-1=3 2-2=4");
	test_sheet_add(n, "1-1", "1", q[0], a[0]);
	test_sheet_add(n, "1-2", "1", q[1], "電子メールだけで通知します。");
	test_sheet_add(n, "1-10", "1", q[2], "ログを月に一度確認します。");
	test_sheet_add(n, "2-1", "2", q[4], a[4]);
	test_sheet_add(n, "2-2", "2", "暗号化の方式を教えてください。",
		       "保存データはAES-256で暗号化しています。");
	d = compute(o, n);
	s = sl_diff_summary_of(d);
	assert_int_equal(s->unchanged, 1);
	assert_int_equal(s->modified, 1);
	assert_int_equal(s->notation_only, 1);
	assert_int_equal(s->renumbered, 1);
	assert_int_equal(s->removed, 1);
	assert_int_equal(s->added, 1);
	check_partition(d, 5, 5);
	assert_int_equal(find_change(d, "2-1")->status, SL_CHANGE_RENUMBERED);
	assert_string_equal(find_change(d, "2-1")->old_id, "2-2");
	/* Section order, then natural order (1-2 before 1-10); the removed
	 * 2-1 is listed under its old section, before the new 2-1. */
	assert_int_equal(sl_diff_count(d), 5);
	assert_int_equal(index_of(d, "1-2", false), 0);
	assert_int_equal(index_of(d, "1-10", false), 1);
	assert_true(index_of(d, "2-1", true) >= 2);
	assert_true(index_of(d, "2-1", false) >= 2);
	assert_int_equal(index_of(d, "2-2", false), 4);
	c = sl_diff_change(d, index_of(d, "2-1", true));
	assert_string_equal(c->section, "2");
	assert_null(c->new_item);
	assert_string_equal(c->old_item->question, q[3]);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

static void test_diff__identical_sheets_have_no_changes(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	(void)state;
	add_items(o, "1-1=0 2-1=1");
	add_items(n, "2-1=1 1-1=0");
	d = compute(o, n);
	assert_int_equal(sl_diff_count(d), 0);
	assert_int_equal(sl_diff_summary_of(d)->unchanged, 2);
	check_partition(d, 2, 2);
	assert_ptr_equal(sl_diff_old_sheet(d), o);
	assert_ptr_equal(sl_diff_new_sheet(d), n);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

/* Render d as JSON on `threads` threads; the caller frees the text. */
static char *render_json_on(const sl_diff *d, size_t threads, bool substantive)
{
	sl_buf out = SL_BUF_INIT;
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	ro.substantive = substantive;
	sl_par_set_threads(threads);
	assert_int_equal(sl_render_diff_json(&out, d, &ro), 0);
	sl_par_set_threads(0);
	return sl_buf_detach(&out, NULL);
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

/* A diff of thousands of changes renders its JSON in blocks on several
 * threads (render_json_diff.c): the bytes must be those one thread
 * writes, also when whole blocks show nothing (--substantive hiding the
 * notation-only changes 600..1799, which fill blocks of their own). */
static void test_diff__json_renders_the_same_bytes_on_threads(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	char *one, *four, *one_sub, *four_sub;
	size_t i;
	(void)state;
	for (i = 0; i < 3000; i++) {
		char id[16], qa[128], a1[128], a2[128];
		bool notation = i >= 600 && i < 1800;
		snprintf(id, sizeof(id), "1-%zu", i + 1);
		snprintf(qa, sizeof(qa), "%s（%zu）", q[i % 5], i);
		snprintf(a1, sizeof(a1), "%zu時間以内に通知します。", i);
		snprintf(a2, sizeof(a2),
			 notation ? "%zu時間以内に 通知します。"
				  : "%zu分以内に通知します。",
			 i);
		test_sheet_add(o, id, "1", qa, a1);
		test_sheet_add(n, id, "1", qa, a2);
	}
	d = compute(o, n);
	assert_int_equal(sl_diff_count(d), 3000);
	one = render_json_on(d, 1, false);
	four = render_json_on(d, 4, false);
	one_sub = render_json_on(d, 1, true);
	four_sub = render_json_on(d, 4, true);
	assert_string_equal(four, one);
	assert_string_equal(four_sub, one_sub);
	assert_int_equal(count_of(one, "\"status\": "), 3000);
	assert_int_equal(count_of(one_sub, "\"status\": "), 1800);
	/* One comma between elements, none before the first or after the
	 * last. */
	assert_int_equal(count_of(one_sub, "},\n    {"), 1799);
	assert_non_null(strstr(one_sub, "\"changes\": [\n    {"));
	sl_free(one);
	sl_free(four);
	sl_free(one_sub);
	sl_free(four_sub);
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

/* A diff's field diffs are computed on several threads when there are
 * many changes (sl_par_for): the result must not depend on that. */
static void test_diff__threads_do_not_change_the_result(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *one, *four;
	size_t i, k;
	(void)state;
	for (i = 0; i < 400; i++) {
		char id[16], qa[128], a1[128], a2[128];
		snprintf(id, sizeof(id), "1-%zu", i + 1);
		snprintf(qa, sizeof(qa), "%s（%zu）", q[i % 5], i);
		snprintf(a1, sizeof(a1), "%zu時間以内に通知します。", i);
		/* Every third answer edited, every fifth only re-spaced. */
		snprintf(a2, sizeof(a2),
			 i % 3 == 0   ? "%zu分以内に通知します。"
			 : i % 5 == 0 ? "%zu時間以内に 通知します。"
				      : "%zu時間以内に通知します。",
			 i);
		test_sheet_add(o, id, "1", qa, a1);
		test_sheet_add(n, id, "1", qa, a2);
	}
	sl_par_set_threads(1);
	one = compute(o, n);
	sl_par_set_threads(4);
	four = compute(o, n);
	sl_par_set_threads(0);
	assert_true(sl_diff_count(one) > 100);
	assert_int_equal(sl_diff_count(four), sl_diff_count(one));
	assert_memory_equal(sl_diff_summary_of(four), sl_diff_summary_of(one),
			    sizeof(sl_diff_summary));
	for (i = 0; i < sl_diff_count(one); i++) {
		const sl_change *ca = sl_diff_change(one, i),
				*cb = sl_diff_change(four, i);
		assert_string_equal(ca->id, cb->id);
		assert_int_equal(ca->status, cb->status);
		assert_int_equal(ca->notation_only, cb->notation_only);
		assert_int_equal(ca->field_count, cb->field_count);
		for (k = 0; k < ca->field_count; k++) {
			const sl_text_ops *x = &ca->fields[k].ops,
					  *y = &cb->fields[k].ops;
			size_t j;
			assert_int_equal(x->count, y->count);
			for (j = 0; j < x->count; j++) {
				assert_int_equal(x->ops[j].op, y->ops[j].op);
				assert_string_equal(x->ops[j].text,
						    y->ops[j].text);
			}
		}
	}
	sl_diff_free(one);
	sl_diff_free(four);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

/* A number given to an unrelated question: one replaced change with both
 * items, every field with both texts; the old item found elsewhere is a
 * renumbering and leaves the number to an addition. */
static void test_diff__reused_number_is_replaced(void **state)
{
	sl_sheet *o = test_sheet_new(sections), *n = test_sheet_new(sections);
	sl_diff *d;
	const sl_change *c;
	size_t i;
	(void)state;
	add_items(o, "1-1=0 1-2=1 1-3=2");
	add_items(n, "1-1=0 1-2=4 1-3=2");
	d = compute(o, n);
	assert_int_equal(sl_diff_summary_of(d)->replaced, 1);
	assert_int_equal(sl_diff_summary_of(d)->modified, 0);
	check_partition(d, 3, 3);
	assert_int_equal(sl_diff_count(d), 1);
	c = sl_diff_change(d, 0);
	assert_int_equal(c->status, SL_CHANGE_REPLACED);
	assert_string_equal(sl_change_status_name(c->status), "replaced");
	assert_string_equal(sl_change_kind(c), "replaced");
	assert_string_equal(c->id, "1-2");
	assert_string_equal(c->old_id, "1-2");
	assert_string_equal(c->old_item->question, q[1]);
	assert_string_equal(c->new_item->question, q[4]);
	assert_false(c->notation_only);
	/* question, answer, section: both texts, the section unchanged. */
	assert_int_equal(c->field_count, 3);
	for (i = 0; i < c->field_count; i++) {
		assert_non_null(c->fields[i].old_text);
		assert_non_null(c->fields[i].new_text);
	}
	assert_string_equal(c->fields[0].field, "question");
	assert_string_equal(c->fields[0].old_text, q[1]);
	assert_string_equal(c->fields[0].new_text, q[4]);
	sl_diff_free(d);
	sl_sheet_free(n);
	n = test_sheet_new(sections);
	/* Old 1-2 moves to 1-4 while a new 1-2 arrives. */
	add_items(n, "1-1=0 1-2=4 1-3=2 1-4=1");
	d = compute(o, n);
	assert_int_equal(sl_diff_summary_of(d)->replaced, 0);
	assert_int_equal(sl_diff_summary_of(d)->renumbered, 1);
	assert_int_equal(sl_diff_summary_of(d)->added, 1);
	check_partition(d, 3, 4);
	assert_int_equal(find_change(d, "1-2")->status, SL_CHANGE_ADDED);
	assert_string_equal(find_change(d, "1-4")->old_id, "1-2");
	sl_diff_free(d);
	sl_sheet_free(o);
	sl_sheet_free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_diff__shifted_insertion_is_one_added_and_n_renumbered),
		cmocka_unit_test(test_diff__renumbered_item_keeps_its_edit),
		cmocka_unit_test(test_diff__swap_is_two_renumberings),
		cmocka_unit_test(test_diff__threads_do_not_change_the_result),
		cmocka_unit_test(test_diff__notation_only_change_is_flagged),
		cmocka_unit_test(
			test_diff__substantive_edit_is_modified_with_field_ops),
		cmocka_unit_test(test_diff__extra_fields_are_compared),
		cmocka_unit_test(
			test_diff__summary_partitions_a_mixed_diff_in_section_order),
		cmocka_unit_test(test_diff__identical_sheets_have_no_changes),
		cmocka_unit_test(
			test_diff__json_renders_the_same_bytes_on_threads),
		cmocka_unit_test(test_diff__reused_number_is_replaced),
	};
	return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
