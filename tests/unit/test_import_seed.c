/*
 * test_import_seed.c: the published-text importer on the real 2022-09 page
 * (the decisions the grammar makes, item by item) and on small crafted
 * inputs (errors with line:column).
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "import_seed.h"
#include "test_tmp.h"

static int load_seed(void **state)
{
	size_t len;
	char *text = test_read_file(
		SL_SOURCE_DIR "/checklist/published/2022-09.txt", &len);
	sl_seed_options o = SL_SEED_OPTIONS_INIT;
	sl_sheet *sheet = NULL;
	assert_non_null(text);
	o.path = "2022-09.txt";
	assert_int_equal(sl_import_seed(&sheet, text, len, &o), 0);
	free(text);
	*state = sheet;
	return 0;
}

static int free_seed(void **state)
{
	sl_sheet_free(*state);
	return 0;
}

static const sl_item *item(void **state, const char *id)
{
	const sl_item *it = sl_sheet_find(*state, id);
	if (!it)
		fail_msg("no item %s", id);
	return it;
}

static void test_import_seed__161_items_in_six_sections(void **state)
{
	const sl_sheet *s = *state;
	const sl_sheet_meta *m = sl_sheet_meta_get(s);
	size_t per[6] = {0}, i;
	assert_int_equal(sl_sheet_item_count(s), 161);
	for (i = 0; i < sl_sheet_item_count(s); i++)
		per[sl_sheet_item(s, i)->section[0] - '1']++;
	assert_int_equal(per[0], 90);
	assert_int_equal(per[1], 20);
	assert_int_equal(per[2], 4);
	assert_int_equal(per[3], 29);
	assert_int_equal(per[4], 8);
	assert_int_equal(per[5], 10);
	assert_int_equal(m->section_count, 6);
	assert_string_equal(m->sections[0].title, "クラウドサービス管理");
	assert_string_equal(m->sections[5].scope, "customer");
	assert_string_equal(m->scopes[0].title, "クラウド事業者の責任範囲");
	assert_string_equal(m->as_of, "2022-09");
	assert_string_equal(m->id_pattern, "^[0-9]+-[0-9]+$");
	/* Natural order: 1-9 before 1-10. */
	assert_string_equal(sl_sheet_item(s, 8)->id, "1-9");
	assert_string_equal(sl_sheet_item(s, 9)->id, "1-10");
}

static void test_import_seed__text_outside_the_table_is_kept(void **state)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(*state);
	assert_string_equal(m->title, "セキュリティチェックシート");
	assert_true(strncmp(m->introduction, "お客様のセキュリティポリシー",
			    42) == 0);
	assert_true(strncmp(m->as_of_note, "※ 本ドキュメントは、2022年9⽉時点",
			    45) == 0);
	assert_string_equal(m->disclaimer_title, "免責事項");
	assert_true(strncmp(m->disclaimer, "・本ページは、富士通株式会社",
			    42) == 0);
	assert_non_null(
		strstr(m->disclaimer, "\n・本ページに掲載されている会社名"));
	assert_true(strncmp(m->page_header, "本文へジャンプします。\nTOP\n",
			    38) == 0);
	assert_non_null(strstr(m->page_footer, "0120-22-1200"));
	assert_string_equal(m->columns.answer, "回答内容");
}

static void
test_import_seed__category_carries_forward_within_section(void **state)
{
	assert_string_equal(item(state, "1-2")->category, "サービス運用体制");
	assert_string_equal(item(state, "1-3")->category, "サービス運用体制");
	assert_string_equal(item(state, "1-37")->category, "サービス運用体制");
	assert_string_equal(item(state, "1-38")->category,
			    "継続的な開発及び提供");
	/* A new section starts its own run. */
	assert_string_equal(item(state, "2-1")->category, "機密性");
	assert_string_equal(item(state, "3-4")->category,
			    "インシデント管理(過去障害)");
}

static void test_import_seed__compatibility_ideographs_are_kept(void **state)
{
	/* ⽅ is U+2F45 KANGXI RADICAL SQUARE, not 方 U+65B9. */
	assert_string_equal(
		item(state, "1-1")->category,
		"ニフクラにおけるセキュリティの基本的な考え\xE2\xBD\x85");
}

static void
test_import_seed__question_list_belongs_to_the_question(void **state)
{
	const sl_item *it = item(state, "1-8");
	assert_string_equal(
		it->question,
		"以下のような場合のデータ消去対応について教えてください。\n"
		"・ニフクラを解約した場合\n・サーバー削除した場合");
	assert_true(strncmp(it->answer,
			    "ユーザー側でサーバ上のデータを削除します。",
			    60) == 0);
	assert_null(strchr(it->answer, '\n'));
}

static void test_import_seed__trailing_list_is_the_answer(void **state)
{
	const sl_item *it = item(state, "2-5");
	assert_string_equal(
		it->question,
		"データの機密性・完全性を確保するためのセキュリティ対策として、"
		"ニフクラはどのような対策を行っていますか。");
	assert_true(strncmp(it->answer, "【機密性】\nユーザーとの契約", 28) ==
		    0);
	assert_non_null(
		strstr(it->answer, "\n【完全性】\nユーザーリソースへの完全性"));
	it = item(state, "2-2");
	assert_null(strchr(it->question, '\n'));
	assert_true(strncmp(it->answer, "・機器の廃棄\nストレージ等廃却の際は",
			    50) == 0);
}

static void test_import_seed__answer_continues_into_its_list(void **state)
{
	assert_string_equal(
		item(state, "1-63")->answer,
		"障害発生状況は以下にて案内しています。\n1.メール\n2.WEB\n3.コントロールパネル");
	assert_true(strncmp(item(state, "1-75")->answer,
			    "ニフクラで使用しているデータベース", 48) == 0);
	assert_non_null(strstr(
		item(state, "1-75")->answer,
		"\n・定型的変更作業については、作業手順書を整備しています。\n"));
}

static void
test_import_seed__two_sentence_question_ends_at_the_last_ka(void **state)
{
	const sl_item *it = item(state, "1-35");
	assert_true(strncmp(it->question, "情報セキュリティ監視", 30) == 0);
	assert_non_null(strstr(it->question,
			       "定めていますか。 また、ニフクラで用いる"));
	assert_string_equal(it->answer, "手順を定め、適切に管理しています。");
}

static void
test_import_seed__kudasai_answer_is_not_part_of_the_question(void **state)
{
	/* 2-1's answer also ends with "ください。"; the first one ends the
	 * question. */
	assert_string_equal(item(state, "2-1")->question,
			    "ニフクラ基盤の機密性について教えてください。");
	assert_string_equal(item(state, "5-8")->answer,
			    "富士通のコーポレートサイトを確認ください。");
}

static void
test_import_seed__parenthesised_note_stays_with_question(void **state)
{
	assert_string_equal(
		item(state, "1-19")->question,
		"富士通の社内情報システムへのアクセス状況を監視・記録し、定期的に点検や監査を実施していますか。"
		"(作業記録とアクセスログの突合せ 等)");
	assert_string_equal(
		item(state, "6-5")->question,
		"パスワードの有効期限を定めていますか。(最長有効期限は90日とする)\n"
		"・ニフクラ上で構築したOS、システム、アプリケーション");
}

static void test_import_seed__nested_lines_become_their_own_lines(void **state)
{
	assert_non_null(strstr(
		item(state, "1-27")->question,
		"\n・どうしたか\n(アクセスの成功・失敗)\n(アクセス失敗時のエラーコード又はエラーメッセージ)"));
}

/* ---- crafted inputs -------------------------------------------------- */

static const char mini[] =
	"題名\n\n紹介文です。\n※ 本書は2023年4月時点の内容です。\n\n"
	"事業者の範囲\n\n"
	"1.管理\nNo 項目 評価内容 回答内容\n"
	"1-1 体制 管理していますか。 はい。\n"
	"1-2 教えてください。 回答。\n\n"
	"免責\n\n  • ・注意\n";

static void test_import_seed__minimal_page(void **state)
{
	sl_sheet *s = NULL;
	const sl_sheet_meta *m;
	(void)state;
	assert_int_equal(sl_import_seed(&s, mini, strlen(mini), NULL), 0);
	m = sl_sheet_meta_get(s);
	assert_string_equal(m->as_of, "2023-04");
	assert_string_equal(m->title, "題名");
	assert_string_equal(m->scopes[0].id, "provider");
	assert_string_equal(m->disclaimer, "・注意");
	assert_int_equal(sl_sheet_item_count(s), 2);
	assert_string_equal(sl_sheet_item(s, 1)->category, "体制");
	assert_string_equal(sl_sheet_item(s, 1)->question, "教えてください。");
	sl_sheet_free(s);
}

static void
test_import_seed__as_of_option_overrides_and_is_required(void **state)
{
	static const char nodate[] =
		"1.管理\nNo 項目 評価内容 回答内容\n1-1 体制 管理していますか。 はい。\n";
	sl_seed_options o = SL_SEED_OPTIONS_INIT;
	sl_sheet *s = NULL;
	(void)state;
	o.path = "p.txt";
	assert_int_equal(sl_import_seed(&s, nodate, strlen(nodate), &o),
			 SL_EINVALID);
	assert_null(s);
	assert_non_null(strstr(sl_error_last()->message, "give --as-of"));
	assert_string_equal(sl_error_last()->path, "p.txt");
	o.as_of = "2024-01";
	assert_int_equal(sl_import_seed(&s, nodate, strlen(nodate), &o), 0);
	assert_string_equal(sl_sheet_meta_get(s)->as_of, "2024-01");
	sl_sheet_free(s);
}

static void
test_import_seed__item_without_answer_is_an_error_at_its_line(void **state)
{
	static const char text[] =
		"1.管理\nNo 項目 評価内容 回答内容\n1-1 体制 管理していますか。\n";
	sl_seed_options o = SL_SEED_OPTIONS_INIT;
	sl_sheet *s = NULL;
	(void)state;
	o.path = "p.txt";
	o.as_of = "2024-01";
	assert_int_equal(sl_import_seed(&s, text, strlen(text), &o),
			 SL_EINVALID);
	assert_string_equal(sl_error_last()->message, "item 1-1 has no answer");
	assert_int_equal(sl_error_last()->line, 3);
	assert_string_equal(sl_error_last()->item_id, "1-1");
}

static void test_import_seed__invalid_utf8_is_located(void **state)
{
	static const char text[] =
		"1.管理\nNo 項目 評価内容 回答内容\n1-1 体\xff 管理していますか。 はい。\n";
	sl_sheet *s = NULL;
	(void)state;
	assert_int_equal(sl_import_seed(&s, text, strlen(text), NULL),
			 SL_EINVALID);
	assert_string_equal(sl_error_last()->message,
			    "invalid UTF-8 byte 0xff");
	assert_int_equal(sl_error_last()->line, 3);
	assert_int_equal(sl_error_last()->col, 6);
}

static void test_import_seed__no_table_is_an_error(void **state)
{
	static const char text[] = "ただの文章です。\n";
	sl_sheet *s = NULL;
	(void)state;
	assert_int_equal(sl_import_seed(&s, text, strlen(text), NULL),
			 SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message, "no table found"));
}

/* Structural mistakes in a page are refused with their line: a section
 * twice, a second table whose column header differs, and text after the
 * header that belongs to no item. */
static void test_import_seed__structure_errors_are_located(void **state)
{
	static const struct {
		const char *text, *message;
		int line;
	} cases[] = {
		{"1.管理\nNo 項目 評価内容 回答内容\n1-1 体制 管理していますか。 "
		 "はい。\n\n1.管理\nNo 項目 評価内容 回答内容\n1-2 体制 "
		 "管理していますか。 はい。\n",
		 "section 1 appears twice", 5},
		{"1.管理\nNo 項目 評価内容 回答内容\n1-1 体制 管理していますか。 "
		 "はい。\n\n2.運用\nID 分類 質問 回答\n2-1 体制 "
		 "運用していますか。 はい。\n",
		 "column header differs from the first table's", 6},
		{"1.管理\nNo 項目 評価内容 回答内容\n番号のない行です。\n1-1 体制 "
		 "管理していますか。 はい。\n",
		 "text outside any item", 3},
	};
	sl_seed_options o = SL_SEED_OPTIONS_INIT;
	size_t i;
	(void)state;
	o.path = "p.txt";
	o.as_of = "2024-01";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sl_sheet *s = NULL;
		assert_int_equal(sl_import_seed(&s, cases[i].text,
						strlen(cases[i].text), &o),
				 SL_EINVALID);
		assert_null(s);
		assert_string_equal(sl_error_last()->message, cases[i].message);
		assert_int_equal(sl_error_last()->line, cases[i].line);
		assert_string_equal(sl_error_last()->path, "p.txt");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_import_seed__structure_errors_are_located),
		cmocka_unit_test_setup_teardown(
			test_import_seed__161_items_in_six_sections, load_seed,
			free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__text_outside_the_table_is_kept,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__category_carries_forward_within_section,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__compatibility_ideographs_are_kept,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__question_list_belongs_to_the_question,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__trailing_list_is_the_answer,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__answer_continues_into_its_list,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__two_sentence_question_ends_at_the_last_ka,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__kudasai_answer_is_not_part_of_the_question,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__parenthesised_note_stays_with_question,
			load_seed, free_seed),
		cmocka_unit_test_setup_teardown(
			test_import_seed__nested_lines_become_their_own_lines,
			load_seed, free_seed),
		cmocka_unit_test(test_import_seed__minimal_page),
		cmocka_unit_test(
			test_import_seed__as_of_option_overrides_and_is_required),
		cmocka_unit_test(
			test_import_seed__item_without_answer_is_an_error_at_its_line),
		cmocka_unit_test(test_import_seed__invalid_utf8_is_located),
		cmocka_unit_test(test_import_seed__no_table_is_an_error),
	};
	return cmocka_run_group_tests_name("import_seed", tests, NULL, NULL);
}
