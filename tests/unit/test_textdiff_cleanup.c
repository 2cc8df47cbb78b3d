/*
 * test_textdiff_cleanup.c: the semantic clean-up: equality elimination, merging
 * and factoring, single-edit shifts, boundary scoring for Japanese, overlaps,
 * unit boundaries that must survive every step, and failure behaviour
 * (bad UTF-8, out of memory: the ops are left as they were).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "buf.h"
#include "test_text.h"
#include "textdiff_cleanup.h"
#include "test_text.h"
#include "textdiff.h"

/* か + U+3099 COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK */
#define KA_DAKUTEN "\xE3\x81\x8B\xE3\x82\x99"

/* --- helpers --- */

/*
 * Build ops by hand from "=text", "-text" and "+text", NULL-terminated,
 * allocated as sl_textdiff would (sl_text_ops_dispose frees them).
 */
static void make_ops(sl_text_ops *ops, ...)
{
	va_list ap;
	const char *s;
	size_t n = 0, total = 0, pos = 0, i = 0;
	va_start(ap, ops);
	while ((s = va_arg(ap, const char *)) != NULL) {
		n++;
		total += strlen(s);
	}
	va_end(ap);
	ops->storage = sl_malloc(total + 1);
	ops->ops = sl_calloc(n, sizeof(sl_text_op));
	ops->count = n;
	assert_non_null(ops->storage);
	assert_non_null(ops->ops);
	va_start(ap, ops);
	while ((s = va_arg(ap, const char *)) != NULL) {
		size_t len = strlen(s + 1);
		memcpy(ops->storage + pos, s + 1, len + 1);
		ops->ops[i].op = s[0] == '='   ? SL_OP_EQUAL
				 : s[0] == '+' ? SL_OP_INSERT
					       : SL_OP_DELETE;
		ops->ops[i].text = ops->storage + pos;
		ops->ops[i].len = len;
		pos += len + 1;
		i++;
	}
	va_end(ap);
}

static void assert_ops(const sl_text_ops *ops, const char *want)
{
	char *got = test_ops_line(ops);
	assert_string_equal(got, want);
	free(got);
}

static char *side_text(const sl_text_ops *ops, int side)
{
	sl_buf b = SL_BUF_INIT;
	char *s;
	assert_int_equal(sl_text_ops_side(&b, ops, side), 0);
	s = strdup(sl_buf_cstr(&b));
	sl_buf_dispose(&b);
	return s;
}

/* Clean ops up and check the result: both sides unchanged, no empty op,
 * no two neighbours of a kind, then the exact sequence. */
static void assert_cleanup(sl_text_ops *ops, const char *want)
{
	char *a = side_text(ops, 0), *b = side_text(ops, 1), *a2, *b2;
	size_t i;
	assert_int_equal(sl_cleanup_semantic(ops), 0);
	a2 = side_text(ops, 0);
	b2 = side_text(ops, 1);
	assert_string_equal(a2, a);
	assert_string_equal(b2, b);
	for (i = 0; i < ops->count; i++) {
		assert_true(ops->ops[i].len > 0);
		assert_int_equal(ops->ops[i].text[ops->ops[i].len], '\0');
		if (i)
			assert_int_not_equal(ops->ops[i].op,
					     ops->ops[i - 1].op);
	}
	assert_ops(ops, want);
	free(b2);
	free(a2);
	free(b);
	free(a);
}

/* Hand-built ops, cleaned up, must read want. */
#define CLEANUP(want, ...)                                  \
	do {                                                \
		sl_text_ops ops_ = SL_TEXT_OPS_INIT;        \
		make_ops(&ops_, __VA_ARGS__, (char *)NULL); \
		assert_cleanup(&ops_, want);                \
		sl_text_ops_dispose(&ops_);                 \
	} while (0)

/* The raw diff of a -> b must read raw; cleaned up, cleaned. */
static void assert_raw_then_clean(const char *a, const char *b, const char *raw,
				  const char *cleaned)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	sl_textdiff_options o = SL_TEXTDIFF_OPTIONS_INIT;
	o.cleanup = false;
	assert_int_equal(sl_textdiff(&ops, a, strlen(a), b, strlen(b), &o), 0);
	assert_ops(&ops, raw);
	assert_cleanup(&ops, cleaned);
	sl_text_ops_dispose(&ops);
	/* sl_textdiff with the clean-up on says the same. */
	assert_int_equal(sl_textdiff(&ops, a, strlen(a), b, strlen(b), NULL),
			 0);
	assert_ops(&ops, cleaned);
	sl_text_ops_dispose(&ops);
}

/* --- the two worked examples of cleanup.c --- */

static void
test_textdiff_cleanup__rewritten_sentence_is_one_delete_and_one_insert(
	void **state)
{
	(void)state;
	assert_raw_then_clean(
		"障害の通知は60分以内を目標としています。",
		"監視はすべて自動化されており、担当者に即時連絡します。",
		"-障害の通知|+監視|=は|-60分以内を目標と"
		"|+すべて自動化されており、担当者に即時連絡|=し|-てい|=ます。",
		"-障害の通知は60分以内を目標としてい"
		"|+監視はすべて自動化されており、担当者に即時連絡し|=ます。");
}

static void test_textdiff_cleanup__changed_number_stays_one_phrase(void **state)
{
	(void)state;
	assert_raw_then_clean("障害の通知は60分以内を目標とします。",
			      "障害の通知は30分以内を目標とします。",
			      "=障害の通知は|-60|+30|=分以内を目標とします。",
			      "=障害の通知は|-60|+30|=分以内を目標とします。");
	/* Factoring stops at the unit: "分" moves out, "0" does not. */
	CLEANUP("=障害の通知は|-60|+30|=分", "=障害の通知は", "-60分", "+30分");
}

/* --- step 1: elimination --- */

static void
test_textdiff_cleanup__short_equality_between_edits_is_eliminated(void **state)
{
	(void)state;
	CLEANUP("-あいう|+い", "-あ", "=い", "-う");
	/* Backing up to the previous equality: eliminating "か" makes
	 * "うえ" short enough too. */
	CLEANUP("-あいうえおか|+うえかき", "-あい", "=うえ", "-お", "=か",
		"+き");
}

static void
test_textdiff_cleanup__equality_longer_than_an_edit_is_kept(void **state)
{
	(void)state;
	CLEANUP("-あい|+うえ|=かき|-さ", "-あい", "+うえ", "=かき", "-さ");
	/* Edges are kept however short: nothing lies beyond them. */
	CLEANUP("=は|-あいうえお|+かきくけこ|=。", "=は", "-あいうえお",
		"+かきくけこ", "=。");
}

/* --- step 2: merge --- */

static void
test_textdiff_cleanup__merge_factors_common_prefix_and_suffix(void **state)
{
	(void)state;
	CLEANUP("=あ|-え|+い|=う", "-あ", "+あいう", "-えう");
	/* Scattered edits and equalities of one kind are gathered, delete
	 * first. */
	CLEANUP("-あう|+い|=えお", "+い", "-あ", "-う", "=え", "=お");
}

static void
test_textdiff_cleanup__common_affix_never_splits_a_cluster(void **state)
{
	(void)state;
	/* が (か + U+3099) and か share the bytes of か, not a unit. */
	CLEANUP("-" KA_DAKUTEN "|+か|=き", "-" KA_DAKUTEN "き", "+かき");
	CLEANUP("=き|-" KA_DAKUTEN "|+か", "-き" KA_DAKUTEN, "+きか");
}

static void
test_textdiff_cleanup__single_edit_slides_over_an_equality(void **state)
{
	(void)state;
	/* A<ins>BA</ins>C -> <ins>AB</ins>AC */
	CLEANUP("+あい|=あう", "=あ", "+いあ", "=う");
	/* C<ins>AB</ins>A -> CA<ins>BA</ins> */
	CLEANUP("=うあ|+いあ", "=う", "+あい", "=あ");
}

/* --- step 3: boundaries --- */

static void
test_textdiff_cleanup__edit_moves_behind_clause_punctuation(void **state)
{
	(void)state;
	assert_raw_then_clean("確認、保存。", "確認、保存、保存。",
			      "=確認、保存|+、保存|=。",
			      "=確認、|+保存、|=保存。");
}

static void test_textdiff_cleanup__edit_moves_behind_sentence_end(void **state)
{
	(void)state;
	assert_raw_then_clean("確認します。記録。",
			      "確認します。記録します。記録。",
			      "=確認します。記録|+します。記録|=。",
			      "=確認します。|+記録します。|=記録。");
}

static void test_textdiff_cleanup__edit_moves_to_a_phrase_start(void **state)
{
	(void)state;
	/* を|保存 starts a phrase; 保存|し is inside a verb. */
	assert_raw_then_clean("ログを保存した", "ログを保存し保存した",
			      "=ログを保存し|+保存し|=た",
			      "=ログを|+保存し|=保存した");
}

static void test_textdiff_cleanup__edit_moves_to_a_line_start(void **state)
{
	(void)state;
	assert_raw_then_clean("一行目\n二行目。終",
			      "一行目\n二行目。\n二行目。終",
			      "=一行目\n二行目。|+\n二行目。|=終",
			      "=一行目\n|+二行目。\n|=二行目。終");
	/* A blank line beats a line break. */
	assert_raw_then_clean("段落一\n\n段落二\n終",
			      "段落一\n\n段落二\n\n段落二\n終",
			      "=段落一\n\n段落二\n|+\n段落二\n|=終",
			      "=段落一\n\n|+段落二\n\n|=段落二\n終");
}

static void
test_textdiff_cleanup__edit_moves_to_a_space_in_latin_text(void **state)
{
	(void)state;
	/* Every word boundary scores the same (a space on one side); ties go
	 * right, so the edit ends with its space (diff-match-patch's rule). */
	assert_raw_then_clean("Verify the log.", "Verify the log the log.",
			      "=Verify the log|+ the log|=.",
			      "=Verify the |+log the |=log.");
}

/* --- step 4: overlaps --- */

static void test_textdiff_cleanup__overlap_becomes_an_equality(void **state)
{
	(void)state;
	CLEANUP("-手順|=確認|+記録", "-手順確認", "+確認記録");
	/* The reverse overlap puts the insert first. */
	CLEANUP("+記録|=確認|-手順", "-確認手順", "+記録確認");
	/* Too small an overlap (1 of 4) stays inside the edits. */
	CLEANUP("-手順作成確認|+確認記録書類", "-手順作成確認",
		"+確認記録書類");
}

static void test_textdiff_cleanup__overlap_respects_units(void **state)
{
	(void)state;
	/* "ab12" and "12cd" are single units: no "12" in common. */
	CLEANUP("-ab12|+12cd", "-ab12", "+12cd");
	CLEANUP("-確認|=12|+手順", "-確認12", "+12手順");
}

/* --- edges and failures --- */

static void test_textdiff_cleanup__tiny_inputs_are_untouched(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	(void)state;
	assert_int_equal(sl_cleanup_semantic(&ops), 0);
	assert_int_equal(ops.count, 0);
	make_ops(&ops, "=同じ", (char *)NULL);
	assert_int_equal(sl_cleanup_semantic(&ops), 0);
	assert_ops(&ops, "=同じ");
	sl_text_ops_dispose(&ops);
	CLEANUP("-あ|+い", "-あ", "+い");
}

static void
test_textdiff_cleanup__invalid_utf8_leaves_ops_unchanged(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	const char *storage;
	(void)state;
	make_ops(&ops, "=ok", "-\xE3\x81", "+x", (char *)NULL);
	storage = ops.storage;
	assert_int_equal(sl_cleanup_semantic(&ops), SL_EINVALID);
	assert_ptr_equal(ops.storage, storage);
	assert_ops(&ops, "=ok|-\xE3\x81|+x");
	sl_text_ops_dispose(&ops);
}

static void
test_textdiff_cleanup__out_of_memory_leaves_ops_unchanged(void **state)
{
	const char *a = "障害の通知は60分以内を目標としています。";
	const char *b =
		"監視はすべて自動化されており、担当者に即時連絡します。";
	const char *raw =
		"-障害の通知|+監視|=は|-60分以内を目標と"
		"|+すべて自動化されており、担当者に即時連絡|=し|-てい|=ます。";
	long n, failures = 0;
	sl_textdiff_options o = SL_TEXTDIFF_OPTIONS_INIT;
	(void)state;
	o.cleanup = false;
	for (n = 0; n < 1000; n++) {
		sl_text_ops ops = SL_TEXT_OPS_INIT;
		int rc;
		assert_int_equal(
			sl_textdiff(&ops, a, strlen(a), b, strlen(b), &o), 0);
		sl_alloc_fail_after(n);
		rc = sl_cleanup_semantic(&ops);
		failures = sl_alloc_failures();
		sl_alloc_fail_after(-1);
		assert_true(rc == 0 || rc == SL_ENOMEM);
		if (rc == 0)
			assert_ops(
				&ops,
				"-障害の通知は60分以内を目標としてい"
				"|+監視はすべて自動化されており、担当者に即時連絡し"
				"|=ます。");
		else
			assert_ops(&ops, raw);
		sl_text_ops_dispose(&ops);
		if (rc == 0 && failures == 0)
			break;
	}
	assert_true(n > 3);
	assert_true(n < 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_textdiff_cleanup__rewritten_sentence_is_one_delete_and_one_insert),
		cmocka_unit_test(
			test_textdiff_cleanup__changed_number_stays_one_phrase),
		cmocka_unit_test(
			test_textdiff_cleanup__short_equality_between_edits_is_eliminated),
		cmocka_unit_test(
			test_textdiff_cleanup__equality_longer_than_an_edit_is_kept),
		cmocka_unit_test(
			test_textdiff_cleanup__merge_factors_common_prefix_and_suffix),
		cmocka_unit_test(
			test_textdiff_cleanup__common_affix_never_splits_a_cluster),
		cmocka_unit_test(
			test_textdiff_cleanup__single_edit_slides_over_an_equality),
		cmocka_unit_test(
			test_textdiff_cleanup__edit_moves_behind_clause_punctuation),
		cmocka_unit_test(
			test_textdiff_cleanup__edit_moves_behind_sentence_end),
		cmocka_unit_test(
			test_textdiff_cleanup__edit_moves_to_a_phrase_start),
		cmocka_unit_test(
			test_textdiff_cleanup__edit_moves_to_a_line_start),
		cmocka_unit_test(
			test_textdiff_cleanup__edit_moves_to_a_space_in_latin_text),
		cmocka_unit_test(
			test_textdiff_cleanup__overlap_becomes_an_equality),
		cmocka_unit_test(test_textdiff_cleanup__overlap_respects_units),
		cmocka_unit_test(
			test_textdiff_cleanup__tiny_inputs_are_untouched),
		cmocka_unit_test(
			test_textdiff_cleanup__invalid_utf8_leaves_ops_unchanged),
		cmocka_unit_test(
			test_textdiff_cleanup__out_of_memory_leaves_ops_unchanged),
	};
	return cmocka_run_group_tests_name("textdiff_cleanup", tests, NULL,
					   NULL);
}
