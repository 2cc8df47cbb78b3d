/*
 * test_cmd_approve.c: approvals (four eyes) end to end on the fixture's
 * two editions with a commit after them by "Test Author": approve binds
 * a record to the content approved and review shows it (承認済み with
 * name); the author's own approval is refused; a later edit leaves it
 * standing for the old content (承認後に変更あり) and publish with
 * sheetlog.requireApproval refuses, one line per change, until a new
 * approval, then records the approvals in the edition's message; owners
 * in sheet.json are enforced; two writers racing both land (a writer
 * moving the ref between another's read and swap, and two processes);
 * the records travel with push and fetch to a second clone; --confirm.
 */
#define _XOPEN_SOURCE 700
#include <git2.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "approval.h"
#include "repo.h"
#include "repo_approval.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_sh.h"
#include "test_tmp.h"

static void set_identity(test_repo *r, const char *name, const char *email)
{
	git_config *c;
	assert_int_equal(git_repository_config(&c, r->git), 0);
	assert_int_equal(git_config_set_string(c, "user.name", name), 0);
	assert_int_equal(git_config_set_string(c, "user.email", email), 0);
	git_config_free(c);
}

static void set_config(test_repo *r, const char *key, const char *value)
{
	git_config *c;
	assert_int_equal(git_repository_config(&c, r->git), 0);
	assert_int_equal(git_config_set_string(c, key, value), 0);
	git_config_free(c);
}

/* Replace the answer of an item file with text. */
static void set_answer(test_repo *r, const char *id, const char *answer)
{
	char rel[64], *p, *text, *at, *end;
	sl_buf b = SL_BUF_INIT;
	size_t len;
	snprintf(rel, sizeof(rel), "checklist/items/%s.json", id);
	p = test_repo_path(r, rel);
	text = test_read_file(p, &len);
	at = strstr(text, "\"answer\": \"");
	assert_non_null(at);
	at += strlen("\"answer\": \"");
	end = strstr(at, "\"\n");
	assert_non_null(end);
	sl_buf_put(&b, text, (size_t)(at - text));
	sl_buf_puts(&b, answer);
	sl_buf_puts(&b, end);
	test_write_file(p, b.ptr, b.len);
	sl_buf_dispose(&b);
	free(text);
	free(p);
}

/* The fixture's editions, then Test Author's commit editing 1-1 and
 * 1-2; the approver is 審査 花子 unless a test says otherwise. */
static int setup(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_build_fixture_demo(r);
	set_answer(r, "1-1",
		   "障害に関しては、15分以内での通知を目標としています。");
	set_answer(r, "1-2", "年に一度、外部監査を受けています。");
	test_repo_commit(r, "Shorten the lead time of 1-1; audit in 1-2");
	set_identity(r, "審査 花子", "hanako@example.com");
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	sl_repo_store__before_swap(NULL, NULL);
	test_repo_free(*state);
	return 0;
}

static test_run *run_in(test_repo *r, const char *a, const char *b,
			const char *c, const char *d)
{
	return test_cli("-C", r->dir, a, b, c, d, NULL);
}

static size_t records(test_repo *r)
{
	sl_repo *repo;
	sl_approval_list l = SL_APPROVAL_LIST_INIT;
	size_t n;
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);
	assert_int_equal(sl_approval_list_load(&l, repo), 0);
	n = l.count;
	sl_approval_list_dispose(&l);
	sl_repo_free(repo);
	return n;
}

static void test_approve__binds_the_content_and_review_shows_it(void **state)
{
	test_repo *r = *state;
	test_run *run = run_in(r, "approve", "1-1", "-m", "確認しました");
	sl_repo *repo;
	sl_approval_list l = SL_APPROVAL_LIST_INIT;
	char *p, *text, blob[41];
	size_t len;
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "approved 1-1 (content "));
	assert_non_null(
		strstr(run->out, "as 審査 花子 <hanako@example.com>\n"));
	test_run_free(run);
	/* The record: the blob id of the file now, the approver, the note. */
	p = test_repo_path(r, "checklist/items/1-1.json");
	text = test_read_file(p, &len);
	assert_int_equal(sl_repo_blob_id(blob, text, len), 0);
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);
	assert_int_equal(sl_approval_list_load(&l, repo), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0]->item, "1-1");
	assert_string_equal(l.items[0]->blob, blob);
	assert_string_equal(l.items[0]->email, "hanako@example.com");
	assert_string_equal(l.items[0]->message, "確認しました");
	assert_int_equal(l.items[0]->kind, SL_APPROVAL_APPROVE);
	sl_approval_list_dispose(&l);
	sl_repo_free(repo);
	free(text);
	free(p);
	/* review: 1-1 approved by name, 1-2 not; authors and commits. */
	run = run_in(r, "review", NULL, NULL, NULL);
	assert_non_null(strstr(run->out, "~ 1-1 "));
	assert_non_null(strstr(run->out, "    承認: 承認済み (審査 花子, "));
	assert_non_null(strstr(run->out, "    承認: 未承認\n"));
	assert_non_null(strstr(run->out, "    作成者: Test Author "
					 "<author@example.com>\n"));
	assert_non_null(strstr(run->out, " Shorten the lead time of 1-1; "
					 "audit in 1-2\n"));
	test_run_free(run);
	run = test_cli("-C", r->dir, "review", "--lang", "en", "--format",
		       "markdown", NULL);
	assert_non_null(strstr(run->out, "approval: **approved (審査 花子, "));
	assert_non_null(strstr(run->out, "approval: **not approved**"));
	test_run_free(run);
	/* history shows the approval as an event, after the commits. */
	run = test_cli("-C", r->dir, "history", "1-1", NULL);
	assert_non_null(strstr(run->out, "\n承認の記録:\n  "));
	assert_non_null(strstr(run->out, " 承認 審査 花子 <hanako@example.com> "
					 "内容 "));
	assert_non_null(strstr(run->out, ": 確認しました\n"));
	test_run_free(run);
}

static void test_approve__refuses_the_authors_own_approval(void **state)
{
	test_repo *r = *state;
	test_run *run;
	set_identity(r, "Test Author", "AUTHOR@example.com");
	run = run_in(r, "approve", "1-1", NULL, NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: 1-1: you (Test Author "
			    "<AUTHOR@example.com>) made this change; another "
			    "person must approve it\n");
	test_run_free(run);
	assert_int_equal(records(r), 0);
	/* A record written anyway (by hand, another tool) does not count. */
	{
		sl_repo *repo;
		sl_approval a = {0}, *list[1] = {&a};
		char *p = test_repo_path(r, "checklist/items/1-1.json"), *t;
		size_t len;
		t = test_read_file(p, &len);
		a.item = (char *)(uintptr_t) "1-1";
		a.name = (char *)(uintptr_t) "Test Author";
		a.email = (char *)(uintptr_t) "author@example.com";
		a.time = 1800000000;
		assert_int_equal(sl_repo_blob_id(a.blob, t, len), 0);
		assert_int_equal(sl_repo_open(&repo, r->dir), 0);
		assert_int_equal(
			sl_approval_record(repo,
					   (const sl_approval *const *)list, 1),
			0);
		sl_repo_free(repo);
		free(t);
		free(p);
	}
	set_config(r, "sheetlog.requireApproval", "true");
	run = run_in(r, "publish", "2023-10", NULL, NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->err,
			       "checklist/items/1-1.json: error: 1-1: approved "
			       "only by its author Test Author "
			       "<author@example.com>: needs another person's "
			       "approval"));
	test_run_free(run);
	run = run_in(r, "review", NULL, NULL, NULL);
	assert_non_null(strstr(run->out, "承認: 未承認 (作成者本人の承認のみ) "
					 "(Test Author, "));
	test_run_free(run);
}

static void test_approve__a_later_edit_invalidates_it(void **state)
{
	test_repo *r = *state;
	test_run *run = run_in(r, "approve", "--all", NULL, NULL);
	char head[41];
	git_oid id;
	git_commit *c;
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "approved 1-1 "));
	assert_non_null(strstr(run->out, "approved 1-2 "));
	test_run_free(run);
	set_config(r, "sheetlog.requireApproval", "true");
	/* Edited after the approval (not committed yet). */
	set_answer(r, "1-1",
		   "障害に関しては、10分以内での通知を目標としています。");
	run = run_in(r, "review", NULL, NULL, NULL);
	assert_non_null(
		strstr(run->out, "承認: 承認後に変更あり (審査 花子, "));
	assert_non_null(strstr(run->out, "未コミットの編集"));
	test_run_free(run);
	run = run_in(r, "publish", "2023-10", NULL, NULL);
	assert_int_equal(run->status, 1);
	/* One line for 1-1 (1-2 is approved as it stands), then the refusal. */
	assert_non_null(strstr(
		run->err, "checklist/items/1-1.json: error: 1-1: approved "
			  "by 審査 花子 <hanako@example.com>, then changed"));
	assert_null(strstr(run->err, "1-2:"));
	assert_non_null(strstr(run->err,
			       "sheetlog: 1 pending change lacks a valid "
			       "approval (git config sheetlog.requireApproval "
			       "is true; sheetlog approve records one)\n"));
	test_run_free(run);
	assert_int_equal(git_reference_name_to_id(&id, r->git, "HEAD"), 0);
	git_oid_tostr(head, sizeof(head), &id);
	/* Uncommitted edits count as the current identity's (publish would
	 * commit them under it): nobody approves them before a commit. */
	set_identity(r, "第三 次郎", "jiro@example.com");
	run = run_in(r, "approve", "1-1", NULL, NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "you (第三 次郎 <jiro@example.com>) "
					 "made this change"));
	test_run_free(run);
	test_repo_commit(r, "1-1: ten minutes");
	run = run_in(r, "approve", "1-1", NULL, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	run = run_in(r, "publish", "2023-10", NULL, NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, ", 2 approvals recorded in the "
					 "message\n"));
	test_run_free(run);
	/* The edition's message names the approvals it relied on. */
	assert_int_equal(git_reference_name_to_id(&id, r->git, "HEAD"), 0);
	assert_int_equal(git_commit_lookup(&c, r->git, &id), 0);
	assert_non_null(
		strstr(git_commit_message(c), "\n\nSheetlog-Approved: 1-1 "));
	assert_non_null(strstr(git_commit_message(c),
			       " by 第三 次郎 <jiro@example.com> "));
	assert_non_null(
		strstr(git_commit_message(c), "\nSheetlog-Approved: 1-2 "));
	assert_non_null(strstr(git_commit_message(c),
			       " by 審査 花子 <hanako@example.com> "));
	git_commit_free(c);
}

static void test_approve__publish_refuses_one_line_per_change(void **state)
{
	test_repo *r = *state;
	test_run *run;
	set_config(r, "sheetlog.requireApproval", "true");
	run = run_in(r, "publish", "2023-10", NULL, NULL);
	assert_int_equal(run->status, 1);
	assert_non_null(strstr(run->err,
			       "checklist/items/1-1.json: error: 1-1: not "
			       "approved: needs an approval by someone other "
			       "than its author (changed by Test Author "
			       "<author@example.com> in "));
	assert_non_null(strstr(run->err, "checklist/items/1-2.json: error: "
					 "1-2: not approved"));
	assert_non_null(strstr(run->err, "sheetlog: 2 pending changes lack "
					 "a valid approval"));
	test_run_free(run);
	/* Without the setting, publish goes on as before. */
	set_config(r, "sheetlog.requireApproval", "false");
	run = run_in(r, "publish", "2023-10", "--dry-run", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
}

static void test_approve__owners_are_enforced(void **state)
{
	test_repo *r = *state;
	char *p = test_repo_path(r, "checklist/sheet.json"), *t, *at;
	sl_buf b = SL_BUF_INIT;
	test_run *run;
	size_t len;
	/* Section 1 is owned by 担当 一郎; 1-2 by itself by hanako. */
	t = test_read_file(p, &len);
	at = strstr(t, "  \"publisher\"");
	assert_non_null(at);
	sl_buf_put(&b, t, (size_t)(at - t));
	sl_buf_puts(
		&b,
		"  \"owners\": {\"1\": [\"担当 一郎 <ichiro@example.com>\"], "
		"\"1-2\": [\"hanako@example.com\"]},\n");
	sl_buf_puts(&b, at);
	test_write_file(p, b.ptr, b.len);
	sl_buf_dispose(&b);
	free(t);
	free(p);
	test_repo_commit(r, "Owners");
	run = run_in(r, "approve", "1-1", NULL, NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err,
			    "sheetlog: 1-1: only its owners approve it (担当 "
			    "一郎 <ichiro@example.com>); you are 審査 花子 "
			    "<hanako@example.com>\n");
	test_run_free(run);
	run = run_in(r, "approve", "1-2", NULL, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	/* The review groups the pending changes by owner. */
	run = run_in(r, "review", NULL, NULL, NULL);
	assert_non_null(strstr(run->out,
			       "担当者 担当 一郎 <ichiro@example.com>: "
			       "1-1 (未承認)\n"));
	assert_non_null(strstr(run->out, "担当者 hanako@example.com: 1-2 "
					 "(承認済み (審査 花子, "));
	test_run_free(run);
	set_identity(r, "担当 一郎", "ichiro@example.com");
	run = run_in(r, "approve", "1-1", "sheet", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	set_config(r, "sheetlog.requireApproval", "true");
	run = run_in(r, "publish", "2023-10", "--dry-run", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
}

/* ---- racing writers ---- */

typedef struct racer {
	const char *dir;
	int fired;
} racer;

static void record_as(sl_repo *repo, const char *item, const char *email)
{
	sl_approval a = {0}, *list[1] = {&a};
	a.item = (char *)item;
	a.name = (char *)email;
	a.email = (char *)email;
	a.time = 1800000000;
	memset(a.blob, 'a', 40);
	assert_int_equal(
		sl_approval_record(repo, (const sl_approval *const *)list, 1),
		0);
}

/* The second approver writes through its own handle while the first is
 * between reading the tip and swapping the ref. */
static void interleave(void *payload)
{
	racer *x = payload;
	sl_repo *other;
	if (x->fired++)
		return;
	sl_repo_store__before_swap(NULL, NULL);
	assert_int_equal(sl_repo_open(&other, x->dir), 0);
	record_as(other, "1-2", "second@example.com");
	sl_repo_free(other);
}

static void test_approve__two_racing_approvers_both_land(void **state)
{
	test_repo *r = *state;
	racer x = {r->dir, 0};
	sl_repo *repo;
	sl_approval_list l = SL_APPROVAL_LIST_INIT;
	assert_int_equal(sl_repo_open(&repo, r->dir), 0);
	record_as(repo, "3-1", "zero@example.com"); /* the ref exists */
	sl_repo_store__before_swap(interleave, &x);
	record_as(repo, "1-1", "first@example.com");
	assert_int_equal(x.fired, 1);
	assert_int_equal(sl_approval_list_load(&l, repo), 0);
	assert_int_equal(l.count, 3);
	sl_approval_list_dispose(&l);
	sl_repo_free(repo);
}

static void test_approve__two_processes_racing_lose_nothing(void **state)
{
	test_repo *r = *state;
	pid_t pid[2];
	int k, status;
	for (k = 0; k < 2; k++) {
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			sl_repo *repo;
			char item[16];
			int i;
			if (sl_repo_open(&repo, r->dir) < 0)
				_exit(3);
			for (i = 0; i < 15; i++) {
				sl_approval a = {0}, *list[1] = {&a};
				snprintf(item, sizeof(item), "9-%d", i);
				a.item = item;
				a.name = (char *)(uintptr_t)(k ? "B" : "A");
				a.email =
					(char *)(uintptr_t)(k ? "b@example.com"
							      : "a@example.com");
				a.time = 1800000000 + i;
				memset(a.blob, 'b', 40);
				if (sl_approval_record(
					    repo,
					    (const sl_approval *const *)list,
					    1) < 0)
					_exit(4);
			}
			sl_repo_free(repo);
			_exit(0);
		}
	}
	for (k = 0; k < 2; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(records(r), 30);
}

/* One approval of item by approver k into r, from a fresh handle. */
static int record_one(test_repo *r, int k, const char *item)
{
	sl_repo *repo;
	sl_approval a = {0}, *list[1] = {&a};
	int rc;
	if (sl_repo_open(&repo, r->dir) < 0)
		return -1;
	a.item = (char *)(uintptr_t)item;
	a.name = (char *)(uintptr_t)(k ? "B" : "A");
	a.email = (char *)(uintptr_t)(k ? "b@example.com" : "a@example.com");
	a.time = 1800000000;
	memset(a.blob, 'b', 40);
	rc = sl_approval_record(repo, (const sl_approval *const *)list, 1);
	sl_repo_free(repo);
	return rc;
}

/*
 * The first record creates the ref: two processes doing that at once
 * must both land (a create whose "must not exist" check ran outside the
 * ref's lock let the later one replace the earlier one's commit). Each
 * round starts without the ref and releases both writers together.
 */
static void test_approve__two_first_writers_both_land(void **state)
{
	test_repo *r = *state;
	int round;
	for (round = 0; round < 40; round++) {
		int go[2], k, status;
		pid_t pid[2];
		char *out = NULL;
		assert_int_equal(
			test_git_sh(
				&out, r->dir, NULL,
				"git update-ref -d refs/sheetlog/approvals"),
			0);
		free(out);
		assert_int_equal(pipe(go), 0);
		for (k = 0; k < 2; k++) {
			pid[k] = fork();
			assert_true(pid[k] >= 0);
			if (pid[k] == 0) {
				char c;
				close(go[1]);
				if (read(go[0], &c, 1) != 1)
					_exit(5);
				_exit(record_one(r, k, "9-1") < 0 ? 4 : 0);
			}
		}
		close(go[0]);
		assert_int_equal(write(go[1], "gg", 2), 2);
		close(go[1]);
		for (k = 0; k < 2; k++) {
			assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
			assert_true(WIFEXITED(status));
			assert_int_equal(WEXITSTATUS(status), 0);
		}
		if (records(r) != 2)
			fail_msg("round %d: %zu records, want 2", round,
				 records(r));
	}
}

/* ---- push and fetch ---- */

static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static void test_approve__records_travel_with_push_and_fetch(void **state)
{
	test_repo *r = *state;
	char *tmp = test_tmp_dir(), bare[1024], clone[1024];
	test_run *run = run_in(r, "approve", "1-1", NULL, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	snprintf(bare, sizeof(bare), "%s/shared.git", tmp);
	snprintf(clone, sizeof(clone), "%s/second", tmp);
	/* The git CLI only moves objects between the fixture repositories. */
	assert_int_equal(
		sh("git init -q --bare '%s' && git -C '%s' push -q "
		   "'%s' HEAD:refs/heads/main 'refs/tags/*:refs/tags/*' "
		   "'+refs/sheetlog/*:refs/sheetlog/*'",
		   bare, r->dir, bare),
		0);
	assert_int_equal(
		sh("git clone -q -b main '%s' '%s' && git -C '%s' "
		   "fetch -q origin '+refs/sheetlog/*:refs/sheetlog/*'",
		   bare, clone, clone),
		0);
	run = test_cli("-C", clone, "review", NULL);
	assert_non_null(strstr(run->out, "承認: 承認済み (審査 花子, "));
	test_run_free(run);
	free(tmp);
}

static void test_approve__confirm_and_its_refusals(void **state)
{
	test_repo *r = *state;
	test_run *run = run_in(r, "approve", "--confirm", "3-1", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "confirmed 3-1 (content "));
	test_run_free(run);
	run = run_in(r, "approve", "--confirm", "1-1", NULL);
	assert_int_equal(run->status, 2);
	assert_string_equal(run->err, "sheetlog: 1-1 has a pending change: "
				      "approve it (without --confirm)\n");
	test_run_free(run);
	run = run_in(r, "approve", "3-1", NULL, NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "3-1 has no pending change since "));
	test_run_free(run);
	/* Named items are all or nothing: 1-1 is not recorded either. */
	run = run_in(r, "approve", "1-1", "3-1", NULL);
	assert_int_equal(run->status, 2);
	test_run_free(run);
	assert_int_equal(records(r), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_approve__binds_the_content_and_review_shows_it),
		T(test_approve__refuses_the_authors_own_approval),
		T(test_approve__a_later_edit_invalidates_it),
		T(test_approve__publish_refuses_one_line_per_change),
		T(test_approve__owners_are_enforced),
		T(test_approve__two_racing_approvers_both_land),
		T(test_approve__two_processes_racing_lose_nothing),
		T(test_approve__two_first_writers_both_land),
		T(test_approve__records_travel_with_push_and_fetch),
		T(test_approve__confirm_and_its_refusals),
#undef T
	};
	return cmocka_run_group_tests(tests, test_isolated_setup,
				      test_isolated_teardown);
}
