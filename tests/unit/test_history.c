/*
 * test_history.c: an item's history, blame, and the sheet's log and audit
 * ids, on a small repository of dated commits: the fixture sheet (c1), an
 * edited answer (c2), an insertion that renumbers 1-2 to 1-3 (c3), a
 * removal (c4) and a commit outside the sheet (c5).
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

#include "diff.h"
#include "error.h"
#include "blame.h"
#include "history.h"
#include "log.h"
#include "match.h"
#include "repo.h"
#include "repo_edition.h"
#include "repo_pairs.h"
#include "repo_rev.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

/* 1-1's question, as c2 writes it */
#define Q11 "障害が検出されてから通知するまでのリードタイムはどのくらいですか。"

#define T0 1664499600 /* 2022-09-30 10:00 +09:00, c1; one day apart */

typedef struct fixture {
	test_repo *r;
	char c[6][41]; /* c[1]..c[5] */
	sl_repo *repo;
	sl_rev head;
} fixture;

static void put(test_repo *r, const char *id, const char *question,
		const char *answer)
{
	char *path = test_fmt("checklist/items/%s.json", id);
	char *text =
		test_fmt("{\n  \"id\": \"%s\",\n  \"section\": \"1\",\n"
			 "  \"scope\": \"provider\",\n"
			 "  \"question\": \"%s\",\n  \"answer\": \"%s\"\n}\n",
			 id, question, answer);
	test_repo_write(r, path, text);
	free(text);
	free(path);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	sl_rev init = SL_REV_INIT;
	char *old12, *moved;
	f->head = init;
	f->r = test_repo_new();
	test_repo_copy_fixture(f->r);
	strcpy(f->c[1], test_repo_commit(f->r, "c1: the fixture sheet"));
	put(f->r, "1-1",
	    "障害が検出されてから通知するまでのリードタイムはどのくらいですか。",
	    "障害に関しては、30分以内での通知を目標としています。");
	strcpy(f->c[2], test_repo_commit(f->r, "c2: 30 minutes"));
	/* Insert a new 1-2; the old 1-2 moves to 1-3 unchanged. */
	old12 = test_read_file(
		SL_SOURCE_DIR "/tests/fixtures/sheet/items/1-2.json", NULL);
	assert_non_null(old12);
	moved = strstr(old12, "\"1-2\"");
	assert_non_null(moved);
	moved[3] = '3';
	test_repo_write(f->r, "checklist/items/1-3.json", old12);
	free(old12);
	put(f->r, "1-2", "保存データは暗号化されていますか。",
	    "すべての保存データをAES-256で暗号化しています。");
	strcpy(f->c[3], test_repo_commit(f->r, "c3: new 1-2, 1-2 becomes 1-3"));
	test_repo_remove(f->r, "checklist/items/2-1.json");
	strcpy(f->c[4], test_repo_commit(f->r, "c4: remove 2-1"));
	test_repo_write(f->r, "README.txt", "not the sheet\n");
	strcpy(f->c[5], test_repo_commit(f->r, "c5: outside checklist/"));
	assert_int_equal(sl_repo_open(&f->repo, f->r->dir), 0);
	assert_int_equal(sl_rev_resolve(&f->head, f->repo, "HEAD"), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sl_rev_dispose(&f->head);
	sl_repo_free(f->repo);
	test_repo_free(f->r);
	free(f);
	return 0;
}

static const sl_history_step *step(const sl_history *h, size_t i)
{
	assert_true(i < h->steps.len);
	return h->steps.items[i];
}

static void test_history__item_steps_are_newest_first_with_dates(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_history *h = NULL;
	const sl_history_step *s;
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-1", &opts),
			 0);
	assert_int_equal(h->steps.len, 2);
	s = step(h, 0);
	assert_string_equal(s->rev, f->c[2]);
	assert_true(s->is_commit);
	assert_int_equal(s->time, T0 + 86400);
	assert_int_equal(s->offset_min, 9 * 60);
	assert_int_equal(s->change->status, SL_CHANGE_MODIFIED);
	assert_string_equal(
		s->change->new_item->answer,
		"障害に関しては、30分以内での通知を目標としています。");
	assert_string_equal(
		s->change->old_item->answer,
		"障害に関しては、60分以内での通知を目標としています。");
	s = step(h, 1);
	assert_string_equal(s->rev, f->c[1]);
	assert_int_equal(s->time, T0);
	assert_int_equal(s->change->status, SL_CHANGE_ADDED);
	assert_false(s->merge);
	sl_history_free(h);
}

static void test_history__item_is_followed_through_renumbering(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_history *h = NULL;
	const sl_history_step *s;
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-3", &opts),
			 0);
	assert_int_equal(h->steps.len, 2);
	s = step(h, 0);
	assert_string_equal(s->rev, f->c[3]);
	assert_int_equal(s->change->status, SL_CHANGE_RENUMBERED);
	assert_string_equal(s->change->old_id, "1-2");
	assert_string_equal(s->change->id, "1-3");
	/* Before the shift it was 1-2, added in c1. */
	s = step(h, 1);
	assert_string_equal(s->rev, f->c[1]);
	assert_int_equal(s->change->status, SL_CHANGE_ADDED);
	assert_string_equal(s->change->id, "1-2");
	sl_history_free(h);
	/* The new 1-2 has only its addition. */
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-2", &opts),
			 0);
	assert_int_equal(h->steps.len, 1);
	assert_string_equal(step(h, 0)->rev, f->c[3]);
	assert_int_equal(step(h, 0)->change->status, SL_CHANGE_ADDED);
	assert_string_equal(step(h, 0)->change->new_item->question,
			    "保存データは暗号化されていますか。");
	sl_history_free(h);
}

static void test_history__removed_item_starts_with_its_removal(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_history *h = NULL;
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "2-1", &opts),
			 0);
	assert_int_equal(h->steps.len, 2);
	assert_string_equal(step(h, 0)->rev, f->c[4]);
	assert_int_equal(step(h, 0)->change->status, SL_CHANGE_REMOVED);
	assert_string_equal(step(h, 1)->rev, f->c[1]);
	assert_int_equal(step(h, 1)->change->status, SL_CHANGE_ADDED);
	sl_history_free(h);
}

static void test_history__unknown_item_is_not_found(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_history *h = NULL;
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "9-9", &opts),
			 SL_ENOTFOUND);
	assert_null(h);
	assert_int_equal(sl_error_last()->code, SL_ENOTFOUND);
}

static void test_history__since_keeps_only_later_steps(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_history *h = NULL;
	opts.has_since = true;
	opts.since = T0 + 3600;
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-1", &opts),
			 0);
	assert_int_equal(h->steps.len, 1);
	assert_string_equal(step(h, 0)->rev, f->c[2]);
	sl_history_free(h);
}

static void test_history__blame_names_the_step_of_each_field(void **state)
{
	fixture *f = *state;
	sl_walk_options walk = SL_WALK_OPTIONS_INIT;
	sl_blame *b = NULL;
	size_t i;
	int seen = 0;
	assert_int_equal(
		sl_blame_item(&b, f->repo, &f->head, "1-1", NULL, &walk, 0), 0);
	assert_string_equal(b->item->id, "1-1");
	for (i = 0; i < b->field_count; i++) {
		const sl_blame_field *bf = &b->fields[i];
		if (!strcmp(bf->field, "answer")) {
			assert_non_null(bf->step);
			assert_string_equal(bf->step->rev, f->c[2]);
			assert_non_null(strstr(bf->value, "30分以内"));
			seen |= 1;
		} else if (!strcmp(bf->field, "question")) {
			assert_non_null(bf->step);
			assert_string_equal(bf->step->rev, f->c[1]);
			seen |= 2;
		}
	}
	assert_int_equal(seen, 3);
	sl_blame_free(b);
}

static void test_history__blame_by_run_splits_the_edited_answer(void **state)
{
	fixture *f = *state;
	sl_walk_options walk = SL_WALK_OPTIONS_INIT;
	sl_blame *b = NULL;
	size_t i, covered = 0;
	bool c1 = false, c2 = false;
	const char *text;
	assert_int_equal(
		sl_blame_item(&b, f->repo, &f->head, "1-1", "answer", &walk, 0),
		0);
	assert_string_equal(b->chars_field, "answer");
	text = b->item->answer;
	for (i = 0; i < b->run_count; i++) {
		const sl_blame_run *run = &b->runs[i];
		assert_int_equal(run->off, covered);
		covered += run->len;
		assert_non_null(run->step);
		if (!strcmp(run->step->rev, f->c[2])) {
			/* Only the changed number came from c2. */
			assert_int_equal(run->len, 2);
			assert_memory_equal(text + run->off, "30", 2);
			c2 = true;
		} else if (!strcmp(run->step->rev, f->c[1])) {
			c1 = true;
		}
	}
	assert_int_equal(covered, strlen(text));
	assert_true(c1 && c2);
	sl_blame_free(b);
}

static const sl_log_entry *entry(const sl_log *log, size_t i)
{
	assert_true(i < log->entries.len);
	return log->entries.items[i];
}

static void
test_history__log_lists_the_commits_that_changed_the_sheet(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_log *log = NULL;
	const sl_diff_summary *s;
	assert_int_equal(
		sl_log_range(&log, f->repo, NULL, f->head.commit.id, &opts), 0);
	/* c5 touched no sheet file: not listed. Newest first. */
	assert_int_equal(log->entries.len, 4);
	assert_string_equal(entry(log, 0)->info.id, f->c[4]);
	assert_string_equal(entry(log, 1)->info.id, f->c[3]);
	assert_string_equal(entry(log, 2)->info.id, f->c[2]);
	assert_string_equal(entry(log, 3)->info.id, f->c[1]);
	assert_int_equal(entry(log, 2)->time, T0 + 86400);
	s = sl_diff_summary_of(entry(log, 1)->diff);
	assert_int_equal(s->added, 1);
	assert_int_equal(s->renumbered, 1);
	assert_int_equal(s->removed, 0);
	s = sl_diff_summary_of(entry(log, 0)->diff);
	assert_int_equal(s->removed, 1);
	s = sl_diff_summary_of(entry(log, 3)->diff);
	assert_int_equal(s->added, 5);
	sl_log_free(log);
	/* After c2 (exclusive): c3 and c4. */
	assert_int_equal(
		sl_log_range(&log, f->repo, f->c[2], f->head.commit.id, &opts),
		0);
	assert_int_equal(log->entries.len, 2);
	assert_string_equal(entry(log, 1)->info.id, f->c[3]);
	sl_log_free(log);
}

static void test_history__audit_maps_old_ids_to_ids_at_the_end(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_log *log = NULL;
	sl_audit_ids *ids = NULL;
	assert_int_equal(
		sl_log_range(&log, f->repo, NULL, f->head.commit.id, &opts), 0);
	assert_int_equal(sl_audit_now_ids(&ids, log), 0);
	/* Entry 3 is c1: its 1-2 is 1-3 at the end, its 2-1 was removed
	 * later, its 1-1 kept its id. */
	assert_string_equal(sl_audit_now(ids, 3, "1-2"), "1-3");
	assert_null(sl_audit_now(ids, 3, "2-1"));
	assert_string_equal(sl_audit_now(ids, 3, "1-1"), "1-1");
	/* Entry 1 is c3: its new 1-2 stays 1-2. */
	assert_string_equal(sl_audit_now(ids, 1, "1-2"), "1-2");
	assert_string_equal(sl_audit_now(ids, 1, "1-3"), "1-3");
	sl_audit_ids_free(ids);
	sl_log_free(log);
}

/* blame --ignore-notation: c6 writes 1-1's 30 with a full-width ３, a
 * notation-only change. Without the flag the answer and its ３ are c6's;
 * with it they are c2's, which wrote the 30. */
static void test_history__blame_can_ignore_notation_only_changes(void **state)
{
	fixture *f = *state;
	sl_walk_options walk = SL_WALK_OPTIONS_INIT;
	sl_rev head = SL_REV_INIT;
	char c6[41];
	unsigned pass;
	put(f->r, "1-1",
	    "障害が検出されてから通知するまでのリードタイムはどのくらいですか。",
	    "障害に関しては、３0分以内での通知を目標としています。");
	strcpy(c6, test_repo_commit(f->r, "c6: a full-width digit"));
	assert_int_equal(sl_rev_resolve(&head, f->repo, "HEAD"), 0);
	for (pass = 0; pass < 2; pass++) {
		const char *want = pass ? f->c[2] : c6;
		sl_blame *b = NULL;
		bool answer = false, digit = false;
		size_t i;
		assert_int_equal(
			sl_blame_item(&b, f->repo, &head, "1-1", "answer",
				      &walk,
				      pass ? SL_BLAME_IGNORE_NOTATION : 0),
			0);
		for (i = 0; i < b->field_count; i++)
			if (!strcmp(b->fields[i].field, "answer")) {
				assert_string_equal(b->fields[i].step->rev,
						    want);
				answer = true;
			}
		for (i = 0; i < b->run_count; i++) {
			const sl_blame_run *run = &b->runs[i];
			if (!memcmp(b->item->answer + run->off, "３", 3)) {
				assert_string_equal(run->step->rev, want);
				digit = true;
			}
		}
		assert_true(answer && digit);
		sl_blame_free(b);
	}
	sl_rev_dispose(&head);
}

/* The pairing store (repo_pairs.h): the first history through c3 diffs it
 * whole and stores every change of it; a second reads the store and
 * diffs the tracked item's pair alone. Proven by planting a pairing that
 * disagrees with the commit (old 1-1 became 1-3): the second walk
 * believes it, the slow path (whole diffs) does not. */
static void test_history__second_walk_follows_the_stored_pairing(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_pair_list l = SL_PAIR_LIST_INIT, planted = SL_PAIR_LIST_INIT;
	sl_history *h = NULL;
	unsigned char blob11[20], blob13[20];
	bool found = false, exists = false;
	size_t i, renumbered = 0;

	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-3", &opts),
			 0);
	sl_history_free(h);
	assert_int_equal(
		sl_pairs_read(&l, &found, f->repo, f->c[3], SL_MATCH_VERSION),
		0);
	assert_true(found);
	/* c3: a new 1-2 (added) and 1-2 -> 1-3 (renumbered), nothing else. */
	assert_int_equal(l.count, 2);
	for (i = 0; i < l.count; i++)
		if (l.pairs[i].old_id && l.pairs[i].new_id) {
			assert_string_equal(l.pairs[i].old_id, "1-2");
			assert_string_equal(l.pairs[i].new_id, "1-3");
			renumbered++;
		}
	assert_int_equal(renumbered, 1);
	/* Another version's reader finds nothing. */
	sl_pair_list_dispose(&l);
	assert_int_equal(sl_pairs_read(&l, &found, f->repo, f->c[3],
				       SL_MATCH_VERSION + 1),
			 0);
	assert_false(found);
	assert_int_equal(l.count, 0);

	assert_int_equal(sl_snapshot_file_id(blob11, &exists, f->repo,
					     SL_SNAP_COMMIT, f->c[2],
					     "items/1-1.json"),
			 0);
	assert_true(exists);
	assert_int_equal(sl_snapshot_file_id(blob13, &exists, f->repo,
					     SL_SNAP_COMMIT, f->c[3],
					     "items/1-3.json"),
			 0);
	assert_true(exists);
	assert_int_equal(
		sl_pair_list_add(&planted, "1-1", blob11, "1-3", blob13), 0);
	assert_int_equal(
		sl_pairs_write(f->repo, f->c[3], SL_MATCH_VERSION, &planted),
		0);
	sl_pair_list_dispose(&planted);
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-3", &opts),
			 0);
	assert_string_equal(step(h, 0)->change->old_id, "1-1");
	sl_history_free(h);
	sl_history_set_whole_diffs(true);
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-3", &opts),
			 0);
	sl_history_set_whole_diffs(false);
	assert_string_equal(step(h, 0)->change->old_id, "1-2");
	sl_history_free(h);
}

/* The sheet's as_of set to 2023-04: the commit that makes it is that
 * edition (an as_of transition). */
static void set_as_of_2023_04(test_repo *r)
{
	char *path = test_repo_path(r, "checklist/sheet.json");
	char *text = test_read_file(path, NULL);
	char *at;
	assert_non_null(text);
	at = strstr(text, "\"as_of\": \"2022-09\"");
	assert_non_null(at);
	memcpy(at + strlen("\"as_of\": \""), "2023-04", 7);
	test_repo_write(r, "checklist/sheet.json", text);
	free(text);
	free(path);
}

static void assert_published(const char *published_in, const char *after,
			     const char *want_in, const char *want_after)
{
	if (want_in)
		assert_string_equal(published_in, want_in);
	else
		assert_null(published_in);
	if (want_after)
		assert_string_equal(after, want_after);
	else
		assert_null(after);
}

#define ASSERT_STEP(s, ed, in, after)                                     \
	do {                                                              \
		const sl_history_step *s_ = (s);                          \
		assert_published(s_->edition, NULL, ed, NULL);            \
		assert_published(s_->published_in, s_->after_edition, in, \
				 after);                                  \
	} while (0)

/* c1 is the 2022-09 edition (the fixture's as_of, from the root); c2..c5
 * are drafts. Then e2 is a merge that makes 2023-04 (as_of) and brings in a
 * side branch's commit, and d is a draft after it. Every step knows the
 * edition that first published it and the edition it was made after. */
static void
test_history__each_commit_knows_the_edition_that_published_it(void **state)
{
	fixture *f = *state;
	sl_history_options opts = SL_HISTORY_OPTIONS_INIT;
	sl_history *h = NULL;
	sl_log *log = NULL;
	sl_blame *b = NULL;
	sl_walk_options walk = SL_WALK_OPTIONS_INIT;
	sl_edition_map *map = NULL;
	const char *in, *after;
	const char *parents[2];
	char side[41], e2[41], d[41];
	sl_rev head = SL_REV_INIT;

	/* Before 2023-04: c2 is unpublished, made after 2022-09. */
	assert_int_equal(sl_history_item(&h, f->repo, &f->head, "1-1", &opts),
			 0);
	assert_int_equal(h->steps.len, 2);
	ASSERT_STEP(step(h, 0), NULL, NULL, "2022-09");
	ASSERT_STEP(step(h, 1), "2022-09", "2022-09", NULL);
	sl_history_free(h);

	/* A side branch off c5 edits 1-3; e2 merges it with as_of 2023-04
	 * and a new 1-1 answer; d edits 1-1 again. */
	put(f->r, "1-3", "side question", "side answer");
	parents[0] = f->c[5];
	strcpy(side, test_repo_commit_full(f->r, "refs/heads/side", "side",
					   parents, 1, T0 + 6 * 86400, 540,
					   T0 + 6 * 86400, 540));
	set_as_of_2023_04(f->r);
	/* The same question: a new answer, not a reused number. */
	put(f->r, "1-1", Q11, "2023-04 answer");
	parents[1] = side;
	strcpy(e2,
	       test_repo_commit_full(f->r, "HEAD", "e2: 2023-04", parents, 2,
				     T0 + 7 * 86400, 540, T0 + 7 * 86400, 540));
	put(f->r, "1-1", Q11, "draft answer");
	parents[0] = e2;
	strcpy(d,
	       test_repo_commit_full(f->r, "HEAD", "d: draft", parents, 1,
				     T0 + 8 * 86400, 540, T0 + 8 * 86400, 540));
	assert_int_equal(sl_rev_resolve(&head, f->repo, "HEAD"), 0);

	assert_int_equal(sl_history_item(&h, f->repo, &head, "1-1", &opts), 0);
	assert_int_equal(h->steps.len, 4);
	assert_string_equal(step(h, 0)->rev, d);
	ASSERT_STEP(step(h, 0), NULL, NULL, "2023-04"); /* after the newest */
	assert_string_equal(step(h, 1)->rev, e2);
	ASSERT_STEP(step(h, 1), "2023-04", "2023-04", "2022-09"); /* itself */
	assert_string_equal(step(h, 2)->rev, f->c[2]);
	/* made after 2022-09, published by 2023-04 */
	ASSERT_STEP(step(h, 2), NULL, "2023-04", "2022-09");
	ASSERT_STEP(step(h, 3), "2022-09", "2022-09", NULL);
	sl_history_free(h);

	/* The log: the same for every commit (newest first: d, e2, c4, c3,
	 * c2, c1; the side commit is off the first-parent line). */
	assert_int_equal(sl_log_range(&log, f->repo, NULL, d, &opts), 0);
	assert_int_equal(log->entries.len, 6);
	assert_published(entry(log, 0)->published_in,
			 entry(log, 0)->after_edition, NULL, "2023-04");
	assert_published(entry(log, 1)->published_in,
			 entry(log, 1)->after_edition, "2023-04", "2022-09");
	assert_string_equal(entry(log, 3)->info.id, f->c[3]);
	assert_published(entry(log, 3)->published_in,
			 entry(log, 3)->after_edition, "2023-04", "2022-09");
	assert_published(entry(log, 5)->published_in,
			 entry(log, 5)->after_edition, "2022-09", NULL);
	sl_log_free(log);
	/* With every parent, the side commit is published by the merge's
	 * edition too. */
	opts.all_parents = true;
	assert_int_equal(sl_log_range(&log, f->repo, f->c[5], d, &opts), 0);
	assert_int_equal(log->entries.len, 3);
	assert_string_equal(entry(log, 2)->info.id, side);
	assert_published(entry(log, 2)->published_in,
			 entry(log, 2)->after_edition, "2023-04", "2022-09");
	sl_log_free(log);

	/* Blame: the answer is d's (unpublished), the category c1's. */
	assert_int_equal(
		sl_blame_item(&b, f->repo, &head, "1-1", NULL, &walk, 0), 0);
	{
		size_t i;
		for (i = 0; i < b->field_count; i++) {
			const sl_history_step *s = b->fields[i].step;
			if (!strcmp(b->fields[i].field, "answer"))
				ASSERT_STEP(s, NULL, NULL, "2023-04");
			if (!strcmp(b->fields[i].field, "section"))
				ASSERT_STEP(s, "2022-09", "2022-09", NULL);
		}
	}
	sl_blame_free(b);

	/* The map itself: a commit it has not seen (off the line) is looked
	 * up once and then remembered. */
	assert_int_equal(sl_edition_map_load(&map, f->repo), 0);
	assert_int_equal(sl_edition_map_lookup(&in, &after, map, side), 0);
	assert_published(in, after, "2023-04", "2022-09");
	assert_int_equal(sl_edition_map_lookup(&in, &after, map, side), 0);
	assert_published(in, after, "2023-04", "2022-09");
	assert_int_equal(sl_edition_map_lookup(&in, &after, map, f->c[1]), 0);
	assert_published(in, after, "2022-09", NULL);
	sl_edition_map_free(map);
	sl_rev_dispose(&head);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_history__item_steps_are_newest_first_with_dates),
		T(test_history__second_walk_follows_the_stored_pairing),
		T(test_history__blame_can_ignore_notation_only_changes),
		T(test_history__item_is_followed_through_renumbering),
		T(test_history__removed_item_starts_with_its_removal),
		T(test_history__unknown_item_is_not_found),
		T(test_history__since_keeps_only_later_steps),
		T(test_history__blame_names_the_step_of_each_field),
		T(test_history__blame_by_run_splits_the_edited_answer),
		T(test_history__log_lists_the_commits_that_changed_the_sheet),
		T(test_history__audit_maps_old_ids_to_ids_at_the_end),
		T(test_history__each_commit_knows_the_edition_that_published_it),
	};
	return cmocka_run_group_tests_name("history", tests, test_global_setup,
					   test_global_teardown);
}
