/*
 * test_textdiff.c: the unit diff: units (grapheme clusters, word runs),
 * the exact op sequences for Japanese and Latin edits, empty and identical
 * inputs, the cost budget fallback, the rebuild invariant over many
 * generated pairs from the real checklist, bad UTF-8 and out-of-memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "error.h"
#include "item.h"
#include "json.h"
#include "test_tmp.h"
#include "test_text.h"
#include "textdiff.h"
#include "utf8.h"

/* か + U+3099 COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK */
#define KA_DAKUTEN "\xE3\x81\x8B\xE3\x82\x99"
/* 👨 MAN, and 👨‍👩‍👧 MAN ZWJ WOMAN ZWJ GIRL (starts with the same
 * bytes)
 */
#define MAN "\xF0\x9F\x91\xA8"
#define FAMILY MAN "\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
/* Regional indicators: 🇯🇵 = J P, 🇯🇪 = J E */
#define RI_J "\xF0\x9F\x87\xAF"
#define RI_P "\xF0\x9F\x87\xB5"
#define RI_E "\xF0\x9F\x87\xAA"
/* U+E0100 VARIATION SELECTOR-17 (an ideographic variation sequence) */
#define VS17 "\xF3\xA0\x84\x80"

/* --- helpers --- */

/* The ops as one line, "=equal|-delete|+insert", for exact comparison. */
static void assert_ops(const sl_text_ops *ops, const char *want)
{
	char *got = test_ops_line(ops);
	assert_string_equal(got, want);
	free(got);
}

/* bounds[i] set for every grapheme boundary of s. */
static bool *grapheme_bounds(const char *s, size_t len)
{
	size_t *g = NULL, n = 0, i;
	bool *set = calloc(len + 1, 1);
	assert_non_null(set);
	assert_int_equal(sl_utf8_graphemes(&g, &n, s, len), 0);
	for (i = 0; i <= n; i++)
		set[g[i]] = true;
	sl_free(g);
	return set;
}

static bool is_ascii_word(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

/* A boundary at off of s must be a grapheme boundary and must not split a
 * run of ASCII letters and digits. */
static void assert_boundary(const char *s, size_t len, const bool *bounds,
			    size_t off)
{
	assert_true(bounds[off]);
	if (off > 0 && off < len)
		assert_false(is_ascii_word(s[off - 1]) &&
			     is_ascii_word(s[off]));
}

/*
 * The contract of every diff: applying the ops gives back both texts, no
 * op is empty, no two neighbours share a kind, an INSERT is never directly
 * followed by a DELETE, every text is NUL-terminated, and no boundary cuts
 * a grapheme cluster or a word run in either text.
 */
static void check_invariants(const sl_text_ops *ops, const char *a,
			     size_t a_len, const char *b, size_t b_len)
{
	sl_buf s0 = SL_BUF_INIT, s1 = SL_BUF_INIT;
	bool *ba = grapheme_bounds(a, a_len), *bb = grapheme_bounds(b, b_len);
	size_t i, ao = 0, bo = 0;

	assert_int_equal(sl_text_ops_side(&s0, ops, 0), 0);
	assert_int_equal(sl_text_ops_side(&s1, ops, 1), 0);
	assert_int_equal(s0.len, a_len);
	assert_int_equal(s1.len, b_len);
	if (a_len)
		assert_memory_equal(s0.ptr, a, a_len);
	if (b_len)
		assert_memory_equal(s1.ptr, b, b_len);
	assert_true(ops->count == 0 || ops->ops != NULL);
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		assert_true(op->len > 0);
		assert_int_equal(op->text[op->len], '\0');
		if (i > 0) {
			assert_int_not_equal(op->op, ops->ops[i - 1].op);
			assert_false(ops->ops[i - 1].op == SL_OP_INSERT &&
				     op->op == SL_OP_DELETE);
		}
		if (op->op != SL_OP_INSERT)
			ao += op->len;
		if (op->op != SL_OP_DELETE)
			bo += op->len;
		assert_boundary(a, a_len, ba, ao);
		assert_boundary(b, b_len, bb, bo);
	}
	free(bb);
	free(ba);
	sl_buf_dispose(&s1);
	sl_buf_dispose(&s0);
}

static void diff_opts(sl_text_ops *ops, const char *a, const char *b,
		      bool cleanup, size_t max_cost)
{
	sl_textdiff_options o = SL_TEXTDIFF_OPTIONS_INIT;
	o.cleanup = cleanup;
	o.max_cost = max_cost;
	assert_int_equal(sl_textdiff(ops, a, strlen(a), b, strlen(b), &o), 0);
	check_invariants(ops, a, strlen(a), b, strlen(b));
}

/* Diff with and without the clean-up; both must give want. */
static void assert_diff(const char *a, const char *b, const char *want)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	diff_opts(&ops, a, b, false, 20000);
	assert_ops(&ops, want);
	sl_text_ops_dispose(&ops);
	diff_opts(&ops, a, b, true, 20000);
	assert_ops(&ops, want);
	sl_text_ops_dispose(&ops);
}

/* --- working arrays kept from diff to diff --- */

/* One work through diffs of every size, a table too large to keep among
 * them, and an edit budget that runs out: each gives exactly what a
 * fresh diff gives, whatever the diffs before it left in the arrays. */
static void test_textdiff__kept_work_changes_no_result(void **state)
{
	sl_textdiff_work *w = NULL;
	sl_buf big_a = SL_BUF_INIT, big_b = SL_BUF_INIT;
	const char *pairs[][2] = {
		{"24時間以内に通知します。", "72時間以内に通知します。"},
		{NULL, NULL}, /* the big pair */
		{"はい", "いいえ"},
		{"", "新しい回答"},
		{"ISO 27001を取得", "ISO/IEC 27001:2013を取得済み"},
		{"同じ", "同じ"},
		{"暗号化します。鍵は年に一度", "暗号化しません。鍵は毎月"},
		/* The first pair again: units the table saw two diffs ago
		 * must not be found in it (stale ids would index past the
		 * arrays, which the sanitizer run reports). */
		{"24時間以内に通知します。", "72時間以内に通知します。"},
	};
	size_t i, k, budget;
	(void)state;
	/* Thousands of distinct units: an interning table past the size
	 * kept for the next diff. */
	for (i = 0; i < 6000; i++) {
		sl_buf_printf(&big_a, "w%zu ", i);
		sl_buf_printf(&big_b, "w%zu ", i % 7 ? i : i + 1);
	}
	assert_int_equal(sl_textdiff_work_new(&w), 0);
	for (k = 0; k < 2; k++)
		for (budget = 0; budget < 2; budget++)
			for (i = 0; i < SL_ARRAY_SIZE(pairs); i++) {
				const char *a = pairs[i][0]
							? pairs[i][0]
							: sl_buf_cstr(&big_a);
				const char *b = pairs[i][1]
							? pairs[i][1]
							: sl_buf_cstr(&big_b);
				sl_textdiff_options o =
					SL_TEXTDIFF_OPTIONS_INIT;
				sl_text_ops fresh = SL_TEXT_OPS_INIT,
					    kept = SL_TEXT_OPS_INIT;
				char *x, *y;
				o.cleanup = k == 1;
				if (budget)
					o.max_cost = 3;
				assert_int_equal(sl_textdiff(&fresh, a,
							     strlen(a), b,
							     strlen(b), &o),
						 0);
				assert_int_equal(
					sl_textdiff_with(&kept, a, strlen(a), b,
							 strlen(b), &o, w),
					0);
				x = test_ops_line(&fresh);
				y = test_ops_line(&kept);
				assert_string_equal(y, x);
				free(x);
				free(y);
				sl_text_ops_dispose(&fresh);
				sl_text_ops_dispose(&kept);
			}
	sl_textdiff_work_free(w);
	sl_buf_dispose(&big_a);
	sl_buf_dispose(&big_b);
}

/* --- units --- */

static void test_textdiff__number_changes_as_a_whole(void **state)
{
	(void)state;
	assert_diff("障害の通知は60分以内を目標とします。",
		    "障害の通知は30分以内を目標とします。",
		    "=障害の通知は|-60|+30|=分以内を目標とします。");
	/* "0" is shared but never split off: 60 -> 600 is one number. */
	assert_diff("60分以内", "600分以内", "-60|+600|=分以内");
}

static void test_textdiff__fullwidth_digits_are_one_unit(void **state)
{
	(void)state;
	assert_diff("保存期間は６０日", "保存期間は３０日",
		    "=保存期間は|-６０|+３０|=日");
	/* ASCII and full-width letters and digits form one run. */
	assert_diff("Ｗｉｎｄｏｗｓ10", "Ｗｉｎｄｏｗｓ11",
		    "-Ｗｉｎｄｏｗｓ10|+Ｗｉｎｄｏｗｓ11");
}

static void test_textdiff__ascii_word_changes_as_a_whole(void **state)
{
	(void)state;
	assert_diff("Verify that", "Ensure that", "-Verify|+Ensure|= that");
	/* The shared "e" and "i" of Verify/Ensure never show as equal. */
	assert_diff("TLS1.2以上", "TLS1.3以上", "=TLS1.|-2|+3|=以上");
}

static void test_textdiff__combining_mark_is_one_unit(void **state)
{
	(void)state;
	/* が typed as か + U+3099: the mark stays with its base. */
	assert_diff("はかき", "は" KA_DAKUTEN "き",
		    "=は|-か|+" KA_DAKUTEN "|=き");
	assert_diff(KA_DAKUTEN, "か", "-" KA_DAKUTEN "|+か");
	/* A decomposed accent stays inside its Latin word. */
	assert_diff("cafe\xCC\x81 au lait", "cafe au lait",
		    "-cafe\xCC\x81|+cafe|= au lait");
}

static void test_textdiff__zwj_emoji_is_one_unit(void **state)
{
	(void)state;
	/* 👨 is a byte prefix of 👨‍👩‍👧; the family is still one
	 * unit.
	 */
	assert_diff("家族" FAMILY "です", "家族" MAN "です",
		    "=家族|-" FAMILY "|+" MAN "|=です");
}

static void test_textdiff__flag_is_one_unit(void **state)
{
	(void)state;
	/* 🇯🇵 and 🇯🇪 share their first regional indicator. */
	assert_diff("拠点" RI_J RI_P "と" RI_J RI_E,
		    "拠点" RI_J RI_E "と" RI_J RI_E,
		    "=拠点|-" RI_J RI_P "|+" RI_J RI_E "|=と" RI_J RI_E);
}

static void test_textdiff__variation_selector_stays_with_base(void **state)
{
	(void)state;
	/* 葛 + U+E0100 (an ideographic variant) against plain 葛. */
	assert_diff("葛" VS17 "城市", "葛城市", "-葛" VS17 "|+葛|=城市");
	/* ☺ + U+FE0F (emoji presentation) against plain ☺. */
	assert_diff("\xE2\x98\xBA\xEF\xB8\x8F!", "\xE2\x98\xBA!",
		    "-\xE2\x98\xBA\xEF\xB8\x8F|+\xE2\x98\xBA|=!");
}

/* --- shapes --- */

static void test_textdiff__empty_inputs(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	(void)state;
	diff_opts(&ops, "", "", true, 20000);
	assert_int_equal(ops.count, 0);
	assert_null(ops.ops);
	assert_null(ops.storage);
	sl_text_ops_dispose(&ops);
	assert_diff("", "新規の回答です。", "+新規の回答です。");
	assert_diff("削除された回答です。", "", "-削除された回答です。");
}

static void test_textdiff__identical_inputs_give_one_equal(void **state)
{
	(void)state;
	assert_diff("同じ回答です。\n二行目。", "同じ回答です。\n二行目。",
		    "=同じ回答です。\n二行目。");
	assert_diff(FAMILY, FAMILY, "=" FAMILY);
}

static void test_textdiff__delete_comes_before_insert(void **state)
{
	(void)state;
	assert_diff("設定は手動です。", "設定は自動です。",
		    "=設定は|-手|+自|=動です。");
	assert_diff("あ", "い", "-あ|+い");
}

static void test_textdiff__multi_line_text(void **state)
{
	(void)state;
	assert_diff("一行目\n二行目\n三行目", "一行目\n追加行\n二行目\n三行目",
		    "=一行目\n|+追加行\n|=二行目\n三行目");
	assert_diff("手順:\r\n1. 確認\r\n2. 記録",
		    "手順:\r\n1. 確認\r\n2. 承認",
		    "=手順:\r\n1. 確認\r\n2. |-記録|+承認");
}

static void
test_textdiff__rewritten_sentence_is_minimal_without_cleanup(void **state)
{
	const char *a = "障害の通知は60分以内を目標としています。";
	const char *b =
		"監視はすべて自動化されており、担当者に即時連絡します。";
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	(void)state;
	/* The minimal diff: a scatter of tiny equalities ("は", "し"). */
	diff_opts(&ops, a, b, false, 20000);
	assert_ops(&ops, "-障害の通知|+監視|=は|-60分以内を目標と"
			 "|+すべて自動化されており、担当者に即時連絡|=し|-てい"
			 "|=ます。");
	sl_text_ops_dispose(&ops);
	/* The clean-up (textdiff_cleanup.c) turns it into one delete and one
	 * insert; only the shared ending stays equal. */
	diff_opts(&ops, a, b, true, 20000);
	assert_ops(&ops, "-障害の通知は60分以内を目標としてい"
			 "|+監視はすべて自動化されており、担当者に即時連絡し"
			 "|=ます。");
	sl_text_ops_dispose(&ops);
}

static void test_textdiff__options_null_means_defaults(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	const char *a = "障害の通知は60分以内を目標としています。";
	const char *b =
		"監視はすべて自動化されており、担当者に即時連絡します。";
	(void)state;
	assert_int_equal(sl_textdiff(&ops, a, strlen(a), b, strlen(b), NULL),
			 0);
	assert_ops(&ops, "-障害の通知は60分以内を目標としてい"
			 "|+監視はすべて自動化されており、担当者に即時連絡し"
			 "|=ます。");
	sl_text_ops_dispose(&ops);
}

static void test_textdiff__op_texts_are_nul_terminated_and_named(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	(void)state;
	diff_opts(&ops, "ログを保存", "ログを削除", false, 20000);
	assert_int_equal(ops.count, 3);
	assert_string_equal(ops.ops[0].text, "ログを");
	assert_string_equal(ops.ops[1].text, "保存");
	assert_string_equal(ops.ops[2].text, "削除");
	assert_string_equal(sl_op_kind_name(ops.ops[0].op), "equal");
	assert_string_equal(sl_op_kind_name(ops.ops[1].op), "delete");
	assert_string_equal(sl_op_kind_name(ops.ops[2].op), "insert");
	sl_text_ops_dispose(&ops);
	assert_null(ops.ops);
	sl_text_ops_dispose(&ops); /* twice is harmless */
	sl_text_ops_dispose(NULL);
}

/* Two long texts that share a unit every other place: the minimal diff
 * has tens of thousands of edits. It is given as one replacement instead
 * (found with a 10 MB answer: the clean-up took minutes). */
static void test_textdiff__scattered_edits_become_one_replacement(void **state)
{
	sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT, back = SL_BUF_INIT;
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	size_t i;
	(void)state;
	for (i = 0; i < 30000; i++) {
		sl_buf_puts(&a, "あい");
		sl_buf_puts(&b, "あう");
	}
	assert_int_equal(sl_textdiff(&ops, a.ptr, a.len, b.ptr, b.len, NULL),
			 0);
	/* "あ" kept in front, then one delete and one insert (and the tail
	 * "" ends with a change). */
	assert_true(ops.count <= 4);
	assert_int_equal(ops.ops[0].op, SL_OP_EQUAL);
	assert_int_equal(sl_text_ops_side(&back, &ops, 0), 0);
	assert_int_equal(back.len, a.len);
	assert_memory_equal(back.ptr, a.ptr, a.len);
	sl_buf_clear(&back);
	assert_int_equal(sl_text_ops_side(&back, &ops, 1), 0);
	assert_memory_equal(back.ptr, b.ptr, b.len);
	sl_text_ops_dispose(&ops);
	sl_buf_dispose(&a);
	sl_buf_dispose(&b);
	sl_buf_dispose(&back);
}

static void test_textdiff__side_rebuilds_each_text(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	sl_buf b = SL_BUF_INIT;
	(void)state;
	diff_opts(&ops, "手順Aを実施", "手順Bを必ず実施", true, 20000);
	assert_ops(&ops, "=手順|-Aを|+Bを必ず|=実施");
	sl_buf_puts(&b, "old=");
	assert_int_equal(sl_text_ops_side(&b, &ops, 0), 0);
	sl_buf_puts(&b, " new=");
	assert_int_equal(sl_text_ops_side(&b, &ops, 1), 0);
	assert_string_equal(sl_buf_cstr(&b),
			    "old=手順Aを実施 new=手順Bを必ず実施");
	assert_int_equal(sl_text_ops_side(&b, &ops, 2), SL_EUSAGE);
	assert_string_equal(sl_buf_cstr(&b),
			    "old=手順Aを実施 new=手順Bを必ず実施");
	sl_buf_dispose(&b);
	sl_text_ops_dispose(&ops);
}

static void test_textdiff__invalid_utf8_is_refused(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	const char bad[] = "ok\xE3\x81";
	(void)state;
	assert_int_equal(sl_textdiff(&ops, bad, sizeof(bad) - 1, "ok", 2, NULL),
			 SL_EINVALID);
	assert_int_equal(ops.count, 0);
	assert_null(ops.ops);
	assert_null(ops.storage);
	assert_string_equal(sl_error_last()->message,
			    "invalid UTF-8 at byte 2");
	assert_int_equal(sl_textdiff(&ops, "ok", 2, bad, sizeof(bad) - 1, NULL),
			 SL_EINVALID);
	assert_int_equal(ops.count, 0);
}

/* --- the cost budget --- */

static void test_textdiff__over_budget_falls_back_to_one_replace(void **state)
{
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	(void)state;
	/* Odd distance 3, found on the forward pass: within a budget of 3
	 * the real diff, over a budget of 2 prefix, delete, insert, suffix. */
	diff_opts(&ops, "前文。あいうい。後文", "前文。いうあ。後文", false, 3);
	assert_ops(&ops, "=前文。|-あ|=いう|-い|+あ|=。後文");
	sl_text_ops_dispose(&ops);
	diff_opts(&ops, "前文。あいうい。後文", "前文。いうあ。後文", false, 2);
	assert_ops(&ops, "=前文。|-あいうい|+いうあ|=。後文");
	sl_text_ops_dispose(&ops);
	/* Even distance 2, found on the reverse pass. */
	diff_opts(&ops, "前文。あいう。後文", "前文。いうあ。後文", false, 2);
	assert_ops(&ops, "=前文。|-あ|=いう|+あ|=。後文");
	sl_text_ops_dispose(&ops);
	diff_opts(&ops, "前文。あいう。後文", "前文。いうあ。後文", false, 1);
	assert_ops(&ops, "=前文。|-あいう|+いうあ|=。後文");
	sl_text_ops_dispose(&ops);
	/* The budget counts edits among units both texts contain: X and Y
	 * occur on one side only and cost nothing. */
	diff_opts(&ops, "前文。あXいう。後文", "前文。いうYあ。後文", false, 2);
	assert_ops(&ops, "=前文。|-あX|=いう|+Yあ|=。後文");
	sl_text_ops_dispose(&ops);
	diff_opts(&ops, "前文。あXいう。後文", "前文。いうYあ。後文", false, 1);
	assert_ops(&ops, "=前文。|-あXいう|+いうYあ|=。後文");
	sl_text_ops_dispose(&ops);
	/* Nothing in common: the exact answer, whatever the budget. */
	diff_opts(&ops, "前文。あいうえお。後文", "前文。さしすせそ。後文",
		  true, 0);
	assert_ops(&ops, "=前文。|-あいうえお|+さしすせそ|=。後文");
	sl_text_ops_dispose(&ops);
}

/* n bytes of pseudo-random kana from [first, first + span). */
static char *random_kana(size_t n, uint32_t seed, int32_t first, int span)
{
	sl_buf b = SL_BUF_INIT;
	uint32_t x = seed;
	while (b.len + 3 <= n) {
		x = x * 1103515245u + 12345u;
		sl_utf8_put(&b, first + (int32_t)((x >> 16) % (uint32_t)span));
	}
	assert_false(sl_buf_oom(&b));
	return sl_buf_detach(&b, NULL);
}

/* "first" + n bytes of pseudo-random hiragana + "last". */
static char *random_text(const char *first, size_t n, uint32_t seed,
			 const char *last)
{
	char *kana = random_kana(n, seed, 0x3041, 83);
	char *s = test_fmt("%s%s%s", first, kana, last);
	sl_free(kana);
	return s;
}

static void test_textdiff__large_different_texts_fall_back_fast(void **state)
{
	/* Two 200 KB texts over the same 83 hiragana: every unit is shared,
	 * the edit distance is ~75000 units, far over the default budget. */
	char *a = random_text("あ", 200000, 1, "あ");
	char *b = random_text("い", 200000, 2, "い");
	char *a2 = test_fmt("共通の前文。%s共通の後文。", a);
	char *b2 = test_fmt("共通の前文。%s共通の後文。", b);
	char *want = test_fmt("=共通の前文。|-%s|+%s|=共通の後文。", a, b);
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	clock_t t0;
	(void)state;
	t0 = clock();
	diff_opts(&ops, a, b, true, 20000);
	/* Bounded by the budget, not by the texts: about a second even
	 * under valgrind, where an unbounded run would take hours. */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 120.0);
	assert_int_equal(ops.count, 2);
	assert_int_equal(ops.ops[0].op, SL_OP_DELETE);
	assert_int_equal(ops.ops[1].op, SL_OP_INSERT);
	assert_string_equal(ops.ops[0].text, a);
	assert_string_equal(ops.ops[1].text, b);
	sl_text_ops_dispose(&ops);
	/* The shared prefix and suffix survive the fallback. */
	diff_opts(&ops, a2, b2, false, 20000);
	assert_ops(&ops, want);
	sl_text_ops_dispose(&ops);
	free(want);
	free(b2);
	free(a2);
	free(b);
	free(a);
}

static void test_textdiff__texts_with_nothing_in_common_skip_myers(void **state)
{
	/* 200 KB of hiragana against 200 KB of katakana: no shared unit,
	 * so the exact answer needs no search at all. */
	char *a = random_kana(200000, 1, 0x3041, 83);
	char *b = random_kana(200000, 2, 0x30A1, 83);
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	(void)state;
	diff_opts(&ops, a, b, true, 20000);
	assert_int_equal(ops.count, 2);
	assert_int_equal(ops.ops[0].op, SL_OP_DELETE);
	assert_int_equal(ops.ops[1].op, SL_OP_INSERT);
	assert_string_equal(ops.ops[0].text, a);
	assert_string_equal(ops.ops[1].text, b);
	sl_text_ops_dispose(&ops);
	sl_free(b);
	sl_free(a);
}

/* --- the invariant over generated pairs from the real checklist --- */

typedef struct corpus {
	char *texts[200]; /* owned (malloc) questions and answers */
	size_t count;
} corpus;

static void corpus_load(corpus *c)
{
	static const int sections[] = {1, 2, 4, 5, 6};
	size_t s;
	int n;
	c->count = 0;
	for (s = 0; s < SL_ARRAY_SIZE(sections); s++) {
		for (n = 1; n <= 12; n++) {
			char *path = test_fmt("%s/checklist/items/%d-%d.json",
					      SL_SOURCE_DIR, sections[s], n);
			size_t len = 0;
			char *data = test_read_file(path, &len);
			sl_diag_list d = SL_DIAG_LIST_INIT;
			sl_item *item = NULL;
			free(path);
			if (!data)
				continue;
			assert_int_equal(sl_json_parse_item(&item, &d, "x.json",
							    data, len),
					 0);
			assert_non_null(item);
			c->texts[c->count++] = strdup(item->question);
			c->texts[c->count++] = strdup(item->answer);
			sl_item_free(item);
			sl_diag_list_dispose(&d);
			free(data);
		}
	}
	assert_true(c->count >= 40);
}

static void corpus_dispose(corpus *c)
{
	size_t i;
	for (i = 0; i < c->count; i++)
		free(c->texts[i]);
	c->count = 0;
}

static uint64_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

/* Byte offset of a random code point boundary of s (0..len). */
static size_t random_cp_offset(const char *s, size_t len)
{
	size_t off = len ? rng() % (len + 1) : 0;
	while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
		off++;
	return off;
}

/* Offset n code points after off (clamped to len). */
static size_t skip_cps(const char *s, size_t len, size_t off, size_t n)
{
	while (n-- > 0 && off < len) {
		off++;
		while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

/* Snippets that stress units: marks that join the character before them,
 * emoji pieces, numbers, Latin words, spaces and line breaks. */
static const char *const snippets[] = {
	"\xE3\x82\x99", "\xE2\x80\x8D",
	"\xEF\xB8\x8F", VS17,
	FAMILY,         MAN,
	RI_J,           RI_P,
	"60",           "30",
	"６０",         "VPN",
	"ＶＰＮ",       " ",
	"\n",           "。",
	"、",           "Verify",
};

/* A copy of base with 1..6 random edits at code point boundaries. */
static char *mutate(const corpus *c, const char *base)
{
	sl_buf b = SL_BUF_INIT;
	int edits = 1 + (int)(rng() % 6), e;
	sl_buf_puts(&b, base);
	for (e = 0; e < edits; e++) {
		size_t at = random_cp_offset(b.ptr, b.len);
		size_t end = skip_cps(b.ptr, b.len, at, 1 + rng() % 12);
		const char *src = c->texts[rng() % c->count];
		size_t src_len = strlen(src);
		size_t from = random_cp_offset(src, src_len);
		size_t to = skip_cps(src, src_len, from, 1 + rng() % 15);
		sl_buf tail = SL_BUF_INIT;
		switch (rng() % 5) {
		case 0: /* delete */
			sl_buf_put(&tail, b.ptr + end, b.len - end);
			sl_buf_truncate(&b, at);
			break;
		case 1: /* insert text from elsewhere */
			sl_buf_put(&tail, b.ptr + at, b.len - at);
			sl_buf_truncate(&b, at);
			sl_buf_put(&b, src + from, to - from);
			break;
		case 2: /* replace */
			sl_buf_put(&tail, b.ptr + end, b.len - end);
			sl_buf_truncate(&b, at);
			sl_buf_put(&b, src + from, to - from);
			break;
		case 3: /* a unit-stressing snippet */
			sl_buf_put(&tail, b.ptr + at, b.len - at);
			sl_buf_truncate(&b, at);
			sl_buf_puts(&b,
				    snippets[rng() % SL_ARRAY_SIZE(snippets)]);
			break;
		default: /* duplicate a stretch: at..end twice */
			sl_buf_put(&tail, b.ptr + at, b.len - at);
			sl_buf_truncate(&b, end);
			break;
		}
		sl_buf_put(&b, tail.ptr ? tail.ptr : "", tail.len);
		sl_buf_dispose(&tail);
	}
	assert_false(sl_buf_oom(&b));
	return sl_buf_detach(&b, NULL);
}

static void check_pair(const char *a, const char *b)
{
	static const size_t budgets[] = {20000, 20000, 6};
	size_t i;
	for (i = 0; i < SL_ARRAY_SIZE(budgets); i++) {
		sl_text_ops ops = SL_TEXT_OPS_INIT;
		sl_textdiff_options o = SL_TEXTDIFF_OPTIONS_INIT;
		o.cleanup = i != 0;
		o.max_cost = budgets[i];
		assert_int_equal(
			sl_textdiff(&ops, a, strlen(a), b, strlen(b), &o), 0);
		check_invariants(&ops, a, strlen(a), b, strlen(b));
		sl_text_ops_dispose(&ops);
	}
}

/* A short random text over a tiny alphabet: many repeats, so the edits can
 * slide and overlap, with marks that join whatever precedes them. */
static char *random_small(void)
{
	static const char *const alphabet[] = {
		"あ",
		"い",
		"ア",
		"漢",
		"a",
		"1",
		"。",
		"、",
		" ",
		"\n",
		"\xE3\x82\x99",
		RI_J,
		"\xE2\x80\x8D",
	};
	sl_buf b = SL_BUF_INIT;
	size_t n = rng() % 24, i;
	sl_buf_grow(&b, 1);
	for (i = 0; i < n; i++)
		sl_buf_puts(&b, alphabet[rng() % SL_ARRAY_SIZE(alphabet)]);
	assert_false(sl_buf_oom(&b));
	return sl_buf_detach(&b, NULL);
}

static void
test_textdiff__ops_rebuild_both_sides_of_generated_pairs(void **state)
{
	corpus c;
	int round;
	(void)state;
	rng_state = 0x2545F4914F6CDD1Dull;
	for (round = 0; round < 3000; round++) {
		char *a = random_small(), *b = random_small();
		check_pair(a, b);
		sl_free(b);
		sl_free(a);
	}
	corpus_load(&c);
	rng_state = 0x9E3779B97F4A7C15ull;
	for (round = 0; round < 600; round++) {
		const char *base = c.texts[rng() % c.count];
		char *m1 = mutate(&c, base);
		char *m2 = mutate(&c, m1);
		check_pair(base, m1);
		check_pair(m1, base);
		check_pair(m1, m2);
		/* Unrelated texts: the worst case for the clean-up. */
		check_pair(base, c.texts[rng() % c.count]);
		sl_free(m2);
		sl_free(m1);
	}
	corpus_dispose(&c);
}

/* Length of the longest common subsequence of two code point arrays
 * (textbook dynamic programming). */
static size_t lcs_cps(const int32_t *x, size_t n, const int32_t *y, size_t m)
{
	size_t *row = calloc((n + 1) * (m + 1), sizeof(size_t)), i, j, r;
	assert_non_null(row);
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			size_t up = row[(i - 1) * (m + 1) + j];
			size_t left = row[i * (m + 1) + j - 1];
			row[i * (m + 1) + j] =
				x[i - 1] == y[j - 1]
					? row[(i - 1) * (m + 1) + j - 1] + 1
					: (up > left ? up : left);
		}
	r = row[n * (m + 1) + m];
	free(row);
	return r;
}

static size_t to_cps(int32_t *out, const char *s)
{
	size_t pos = 0, n = 0, len = strlen(s);
	while (pos < len)
		assert_true(sl_utf8_next(s, len, &pos, &out[n++]));
	return n;
}

static void test_textdiff__diff_without_cleanup_is_minimal(void **state)
{
	/* Single-code-point units only, so units are code points. */
	static const char *const alphabet[] = {"あ", "い", "う", "ア",
					       "漢", "。", "、", "\n"};
	int round;
	(void)state;
	rng_state = 0xD1B54A32D192ED03ull;
	for (round = 0; round < 2000; round++) {
		char a[200] = "", b[200] = "";
		int32_t xa[64], xb[64];
		size_t na = rng() % 30, nb = rng() % 30, i, equal = 0;
		sl_text_ops ops = SL_TEXT_OPS_INIT;
		for (i = 0; i < na; i++)
			strcat(a, alphabet[rng() % SL_ARRAY_SIZE(alphabet)]);
		for (i = 0; i < nb; i++)
			strcat(b, alphabet[rng() % SL_ARRAY_SIZE(alphabet)]);
		diff_opts(&ops, a, b, false, 20000);
		for (i = 0; i < ops.count; i++)
			if (ops.ops[i].op == SL_OP_EQUAL)
				equal += sl_utf8_cps(ops.ops[i].text,
						     ops.ops[i].len);
		assert_int_equal(equal,
				 lcs_cps(xa, to_cps(xa, a), xb, to_cps(xb, b)));
		sl_text_ops_dispose(&ops);
	}
}

/* --- out of memory --- */

static void test_textdiff__out_of_memory_never_crashes_or_leaks(void **state)
{
	const char *a = "障害の通知は60分以内を目標としています。" FAMILY;
	const char *b =
		"監視はすべて自動化されており、担当者に即時連絡します。";
	long n, failures = 0, successes = 0;
	(void)state;
	for (n = 0; n < 1000; n++) {
		sl_text_ops ops = SL_TEXT_OPS_INIT;
		int rc;
		sl_alloc_fail_after(n);
		rc = sl_textdiff(&ops, a, strlen(a), b, strlen(b), NULL);
		failures = sl_alloc_failures();
		sl_alloc_fail_after(-1);
		assert_true(rc == 0 || rc == SL_ENOMEM);
		if (rc == 0) {
			successes++;
			assert_ops(
				&ops,
				"-障害の通知は60分以内を目標としています。" FAMILY
				"|+監視はすべて自動化されており、担当者に即時連絡します。");
		} else {
			assert_int_equal(ops.count, 0);
			assert_null(ops.ops);
			assert_null(ops.storage);
		}
		sl_text_ops_dispose(&ops);
		if (rc == 0 && failures == 0)
			break;
	}
	assert_true(n < 1000);
	assert_true(n > 5); /* the hook did bite */
	assert_true(successes > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textdiff__kept_work_changes_no_result),
		cmocka_unit_test(test_textdiff__number_changes_as_a_whole),
		cmocka_unit_test(test_textdiff__fullwidth_digits_are_one_unit),
		cmocka_unit_test(test_textdiff__ascii_word_changes_as_a_whole),
		cmocka_unit_test(test_textdiff__combining_mark_is_one_unit),
		cmocka_unit_test(test_textdiff__zwj_emoji_is_one_unit),
		cmocka_unit_test(test_textdiff__flag_is_one_unit),
		cmocka_unit_test(
			test_textdiff__variation_selector_stays_with_base),
		cmocka_unit_test(test_textdiff__empty_inputs),
		cmocka_unit_test(
			test_textdiff__identical_inputs_give_one_equal),
		cmocka_unit_test(test_textdiff__delete_comes_before_insert),
		cmocka_unit_test(test_textdiff__multi_line_text),
		cmocka_unit_test(
			test_textdiff__rewritten_sentence_is_minimal_without_cleanup),
		cmocka_unit_test(test_textdiff__options_null_means_defaults),
		cmocka_unit_test(
			test_textdiff__op_texts_are_nul_terminated_and_named),
		cmocka_unit_test(test_textdiff__side_rebuilds_each_text),
		cmocka_unit_test(test_textdiff__invalid_utf8_is_refused),
		cmocka_unit_test(
			test_textdiff__scattered_edits_become_one_replacement),
		cmocka_unit_test(
			test_textdiff__over_budget_falls_back_to_one_replace),
		cmocka_unit_test(
			test_textdiff__large_different_texts_fall_back_fast),
		cmocka_unit_test(
			test_textdiff__texts_with_nothing_in_common_skip_myers),
		cmocka_unit_test(
			test_textdiff__ops_rebuild_both_sides_of_generated_pairs),
		cmocka_unit_test(
			test_textdiff__diff_without_cleanup_is_minimal),
		cmocka_unit_test(
			test_textdiff__out_of_memory_never_crashes_or_leaks),
	};
	return cmocka_run_group_tests_name("textdiff", tests, NULL, NULL);
}
