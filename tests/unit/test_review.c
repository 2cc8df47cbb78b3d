/*
 * test_review.c: the review model on a small repository (the fixture
 * sheet, tagged edition/2022-09): each change is placed as committed,
 * staged or unstaged; lint findings go to the item they concern; warnings
 * the base already had are counted, not listed; an edited sheet.json is
 * noticed; the base is the newest edition unless one is named.
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

#include "diag.h"
#include "diff.h"
#include "error.h"
#include "repo.h"
#include "review.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

typedef struct fixture {
	test_repo *r;
	sl_repo *repo;
	sl_review *review;
	char edition[41];
} fixture;

static void put(test_repo *r, const char *id, const char *section,
		const char *question, const char *answer)
{
	char *path = test_fmt("checklist/items/%s.json", id);
	char *text =
		test_fmt("{\n  \"id\": \"%s\",\n  \"section\": \"%s\",\n"
			 "  \"question\": \"%s\",\n  \"answer\": \"%s\"\n}\n",
			 id, section, question, answer);
	test_repo_write(r, path, text);
	free(text);
	free(path);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->r = test_repo_new();
	test_repo_copy_fixture(f->r);
	strcpy(f->edition,
	       test_repo_commit(f->r, "Publish the 2022-09 edition"));
	test_repo_tag(f->r, "edition/2022-09", f->edition, true);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sl_review_free(f->review);
	sl_repo_free(f->repo);
	test_repo_free(f->r);
	free(f);
	return 0;
}

static int review(fixture *f, const char *base)
{
	assert_int_equal(sl_repo_open(&f->repo, f->r->dir), 0);
	return sl_review_compute(&f->review, f->repo, base);
}

static const sl_review_entry *entry(const fixture *f, const char *id)
{
	size_t i;
	for (i = 0; i < f->review->count; i++)
		if (!strcmp(f->review->items[i].change->id, id))
			return &f->review->items[i];
	fail_msg("no review entry for %s", id);
	return NULL;
}

static void
test_review__changes_are_placed_committed_staged_unstaged(void **state)
{
	fixture *f = *state;
	const sl_review_entry *e;
	put(f->r, "1-1", "1", "通知のリードタイムは。",
	    "30分以内に通知します。");
	test_repo_commit(f->r, "1-1: 30 minutes");
	put(f->r, "1-2", "1", "ログを保管していますか。",
	    "一年間保管しています。");
	test_repo_stage(f->r, "checklist/items/1-2.json");
	put(f->r, "2-1", "2", "機密性について。", "暗号化しています。");
	/* Committed, then edited again without staging. */
	put(f->r, "1-1", "1", "通知のリードタイムは。",
	    "15分以内に通知します。");
	assert_int_equal(review(f, NULL), 0);
	assert_string_equal(f->review->base.commit.id, f->edition);
	assert_int_equal(f->review->count, 3);
	assert_int_equal(entry(f, "1-1")->state,
			 SL_REVIEW_COMMITTED | SL_REVIEW_UNSTAGED);
	assert_int_equal(entry(f, "1-2")->state, SL_REVIEW_STAGED);
	assert_int_equal(entry(f, "2-1")->state, SL_REVIEW_UNSTAGED);
	e = entry(f, "1-1");
	assert_int_equal(e->change->status, SL_CHANGE_MODIFIED);
	assert_string_equal(e->change->new_item->answer,
			    "15分以内に通知します。");
	assert_false(f->review->sheet_changed);
	assert_int_equal(f->review->diags.errors, 0);
}

static void test_review__lint_findings_go_to_the_item_they_concern(void **state)
{
	fixture *f = *state;
	const sl_review_entry *e;
	const sl_diag *d;
	/* A new item with an empty answer: an error of this change. */
	put(f->r, "3-2", "3", "新しい質問ですか。", "");
	assert_int_equal(review(f, NULL), 0);
	assert_int_equal(f->review->count, 1);
	e = entry(f, "3-2");
	assert_int_equal(e->change->status, SL_CHANGE_ADDED);
	assert_int_equal(e->state, SL_REVIEW_UNSTAGED);
	assert_int_equal(f->review->diags.errors, 1);
	assert_int_equal(e->diags.len, 1);
	d = e->diags.items[0];
	assert_string_equal(d->rule, "empty-text");
	assert_string_equal(d->path, "checklist/items/3-2.json");
	assert_int_equal(f->review->general.len, 0);
}

static void
test_review__warnings_the_base_had_are_counted_not_listed(void **state)
{
	fixture *f = *state;
	const sl_review_entry *e;
	size_t i;
	/* 1-10 carries ⽤ (a compatibility ideograph) in the edition; the
	 * edit keeps it and brings in a full-width Ａ. */
	put(f->r, "1-10", "1", "管理者の認証方式を教えてください。",
	    "管理者は多要素認証を利⽤します。方式Ａです。");
	assert_int_equal(review(f, NULL), 0);
	e = entry(f, "1-10");
	assert_int_equal(f->review->inherited_warnings, 1);
	assert_int_equal(e->diags.len, 1);
	assert_string_equal(((const sl_diag *)e->diags.items[0])->rule,
			    "fullwidth-ascii");
	for (i = 0; i < f->review->diags.diags.len; i++)
		assert_string_not_equal(
			((const sl_diag *)f->review->diags.diags.items[i])
				->rule,
			"compat-ideograph");
}

static void test_review__edited_sheet_json_is_noticed(void **state)
{
	fixture *f = *state;
	char *path = test_repo_path(f->r, "checklist/sheet.json");
	char *text = test_read_file(path, NULL);
	char *at = strstr(text, "テスト用チェックシート");
	assert_non_null(at);
	memcpy(at, "検査用", strlen("検査用")); /* same byte length */
	test_write_str(path, text);
	assert_int_equal(review(f, NULL), 0);
	assert_true(f->review->sheet_changed);
	assert_int_equal(f->review->count, 0);
	free(text);
	free(path);
}

static void
test_review__base_is_the_newest_edition_or_must_be_named(void **state)
{
	fixture *f = *state;
	test_repo *other = test_repo_new();
	sl_repo *repo;
	sl_review *rv = NULL;
	char first[41];
	(void)f;
	/* No commit yet: no edition, so a base must be named. */
	test_repo_copy_fixture(other);
	assert_int_equal(sl_repo_open(&repo, other->dir), 0);
	assert_int_equal(sl_review_compute(&rv, repo, NULL), SL_ENOTFOUND);
	assert_null(rv);
	assert_non_null(strstr(sl_error_last()->message, "no edition"));
	sl_repo_free(repo);
	/* An untagged commit bringing as_of 2022-09 is an edition too; a
	 * later commit that keeps as_of is not. */
	strcpy(first, test_repo_commit(other, "the sheet, untagged"));
	put(other, "1-1", "1", "q", "回答です。");
	test_repo_commit(other, "1-1 edited");
	assert_int_equal(sl_repo_open(&repo, other->dir), 0);
	assert_int_equal(sl_review_compute(&rv, repo, NULL), 0);
	assert_string_equal(rv->base.commit.id, first);
	assert_int_equal(rv->count, 1);
	assert_string_equal(rv->items[0].change->id, "1-1");
	assert_int_equal(rv->items[0].state, SL_REVIEW_COMMITTED);
	sl_review_free(rv);
	/* Named explicitly, HEAD is a base like any other: nothing pending. */
	assert_int_equal(sl_review_compute(&rv, repo, "HEAD"), 0);
	assert_int_equal(rv->count, 0);
	sl_review_free(rv);
	sl_repo_free(repo);
	test_repo_free(other);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_review__changes_are_placed_committed_staged_unstaged),
		T(test_review__lint_findings_go_to_the_item_they_concern),
		T(test_review__warnings_the_base_had_are_counted_not_listed),
		T(test_review__edited_sheet_json_is_noticed),
		T(test_review__base_is_the_newest_edition_or_must_be_named),
	};
	return cmocka_run_group_tests_name("review", tests, test_global_setup,
					   test_global_teardown);
}
