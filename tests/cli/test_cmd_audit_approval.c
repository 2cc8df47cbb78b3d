/*
 * test_cmd_audit_approval.c: approvals in the audit trail and in the
 * history's JSON (issue 14). On the fixture's two editions Test Author
 * commits two edits of 1-1; 審査 花子 approves the first one's content
 * between them. The audit (CSV ja and en, JSON) names her, the time and
 * her message on the row of the first commit only (not on the second's,
 * whose content she never saw, nor on the editions' rows); an approval
 * recorded by the commit's own author is not shown (four eyes); a later
 * commit restoring the approved bytes shows it again; history
 * --format json lists the approval as an event.
 */
#define _XOPEN_SOURCE 700
#include <git2.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "approval.h"
#include "repo.h"
#include "repo_approval.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

#define APPROVER "審査 花子 <hanako@example.com>"
#define NOTE "通知の目標を確認しました"

typedef struct fixture {
	test_repo *r;
	char first[41];  /* Test Author's commit whose content was approved */
	char second[41]; /* the later edit nobody approved */
} fixture;

static void set_identity(test_repo *r, const char *name, const char *email)
{
	git_config *c;
	assert_int_equal(git_repository_config(&c, r->git), 0);
	assert_int_equal(git_config_set_string(c, "user.name", name), 0);
	assert_int_equal(git_config_set_string(c, "user.email", email), 0);
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

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	test_run *run;
	assert_non_null(f);
	f->r = test_repo_new();
	test_repo_build_fixture_demo(f->r);
	set_answer(f->r, "1-1",
		   "障害に関しては、15分以内での通知を目標としています。");
	snprintf(f->first, sizeof(f->first), "%s",
		 test_repo_commit(f->r, "Shorten the lead time of 1-1"));
	set_identity(f->r, "審査 花子", "hanako@example.com");
	run = test_cli("-C", f->r->dir, "approve", "1-1", "-m", NOTE, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	set_answer(f->r, "1-1",
		   "障害に関しては、10分以内での通知を目標としています。");
	snprintf(f->second, sizeof(f->second), "%s",
		 test_repo_commit(f->r, "Shorten it again"));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	test_repo_free(f->r);
	free(f);
	return 0;
}

static const char *jstr(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* The approval's time as the audit writes it: ISO 8601 with an offset. */
static void assert_iso_time(const char *s)
{
	assert_non_null(s);
	assert_true(strlen(s) >= 20);
	assert_true(s[4] == '-' && s[7] == '-' && s[10] == 'T');
	assert_true(strchr("+-Z", s[19]) != NULL);
}

static void
test_audit_approval__json_names_the_approver_of_that_content(void **state)
{
	fixture *f = *state;
	test_run *run = test_cli("-C", f->r->dir, "audit", "2022-09..HEAD",
				 "--format", "json", "1-1", NULL);
	json_t *rows;
	size_t i, first = 0, second = 0, other = 0;
	assert_int_equal(run->status, 0);
	rows = json_loads(run->out, 0, NULL);
	assert_non_null(rows);
	for (i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		const char *commit = jstr(row, "commit");
		assert_true(json_object_get(row, "approved_by") != NULL);
		if (!strcmp(commit, f->first)) {
			first++;
			assert_string_equal(jstr(row, "approved_by"), APPROVER);
			assert_iso_time(jstr(row, "approved_at"));
			assert_string_equal(jstr(row, "approval_message"),
					    NOTE);
		} else {
			/* The later edit, and the editions' rows: content
			 * she did not approve. */
			if (!strcmp(commit, f->second))
				second++;
			else
				other++;
			assert_true(json_is_null(
				json_object_get(row, "approved_by")));
			assert_true(json_is_null(
				json_object_get(row, "approved_at")));
			assert_true(json_is_null(
				json_object_get(row, "approval_message")));
		}
	}
	assert_true(first >= 1);
	assert_true(second >= 1);
	assert_true(other >= 1);
	json_decref(rows);
	test_run_free(run);
}

/* The line of the CSV (no quoted newlines in these rows) that starts with
 * the commit; new: free. */
static char *csv_line(const char *csv, const char *commit)
{
	const char *at = strstr(csv, commit), *end;
	char *line;
	assert_non_null(at);
	assert_true(at == csv || at[-1] == '\n');
	end = strstr(at, "\r\n");
	assert_non_null(end);
	line = strndup(at, (size_t)(end - at));
	assert_non_null(line);
	return line;
}

static void assert_csv(fixture *f, const char *lang, const char *header_end)
{
	test_run *run = test_cli("-C", f->r->dir, "audit", "2022-09..HEAD",
				 "--lang", lang, "1-1", NULL);
	const char *eol;
	char *line;
	assert_int_equal(run->status, 0);
	/* The new columns come last: scripts read the others by position. */
	eol = strstr(run->out, "\r\n");
	assert_non_null(eol);
	assert_true((size_t)(eol - run->out) >= strlen(header_end));
	assert_memory_equal(eol - strlen(header_end), header_end,
			    strlen(header_end));
	line = csv_line(run->out, f->first);
	assert_non_null(strstr(line, "," APPROVER ","));
	assert_true(strlen(line) > strlen(NOTE));
	assert_string_equal(line + strlen(line) - strlen("," NOTE), "," NOTE);
	free(line);
	line = csv_line(run->out, f->second);
	assert_null(strstr(line, "hanako@example.com"));
	assert_string_equal(line + strlen(line) - 3, ",,,");
	free(line);
	test_run_free(run);
}

static void
test_audit_approval__csv_ja_and_en_end_with_the_approver(void **state)
{
	fixture *f = *state;
	assert_csv(f, "ja", ",承認者,承認日時,承認メッセージ");
	assert_csv(f, "en", ",approved_by,approved_at,approval_message");
}

/* Four eyes: a record of the content by the commit's author is not an
 * approval of it (the CLI refuses it; the store may still hold one). */
static void
test_audit_approval__the_authors_own_record_is_not_shown(void **state)
{
	fixture *f = *state;
	sl_repo *repo;
	sl_approval a = {0}, *list[1] = {&a};
	char *p, *text;
	size_t len;
	test_run *run;
	char *line;
	p = test_repo_path(f->r, "checklist/items/1-1.json");
	text = test_read_file(p, &len);
	assert_int_equal(sl_repo_blob_id(a.blob, text, len), 0);
	a.item = (char *)"1-1";
	a.name = (char *)"Test Author";
	a.email = (char *)"author@example.com";
	a.time = 1900000000;
	a.message = (char *)"self";
	assert_int_equal(sl_repo_open(&repo, f->r->dir), 0);
	assert_int_equal(
		sl_approval_record(repo, (const sl_approval *const *)list, 1),
		0);
	sl_repo_free(repo);
	run = test_cli("-C", f->r->dir, "audit", "2022-09..HEAD", "--lang",
		       "en", "1-1", NULL);
	assert_int_equal(run->status, 0);
	line = csv_line(run->out, f->second);
	/* The author column names Test Author; the approver columns none. */
	assert_null(strstr(line, ",self"));
	assert_string_equal(line + strlen(line) - 3, ",,,");
	free(line);
	test_run_free(run);
	free(text);
	free(p);
}

/* An approval is of content, not of a commit: a later commit that
 * brings back the approved text byte for byte (same blob id) shows the
 * approver too; the Markdown table ends with the same columns. */
static void test_audit_approval__identical_later_content_counts(void **state)
{
	fixture *f = *state;
	char third[41], *line;
	test_run *run;
	set_answer(f->r, "1-1",
		   "障害に関しては、15分以内での通知を目標としています。");
	snprintf(third, sizeof(third), "%s",
		 test_repo_commit(f->r, "Back to 15 minutes"));
	run = test_cli("-C", f->r->dir, "audit", "2022-09..HEAD", "--lang",
		       "en", "1-1", NULL);
	assert_int_equal(run->status, 0);
	line = csv_line(run->out, third);
	assert_non_null(strstr(line, "," APPROVER ","));
	free(line);
	line = csv_line(run->out, f->second);
	assert_string_equal(line + strlen(line) - 3, ",,,");
	free(line);
	test_run_free(run);
	run = test_cli("-C", f->r->dir, "audit", "2022-09..HEAD", "--format",
		       "markdown", "1-1", NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(
		strstr(run->out, "| 承認者 | 承認日時 | 承認メッセージ |\n"));
	assert_non_null(strstr(run->out, "hanako@example.com"));
	assert_non_null(strstr(run->out, NOTE " |\n"));
	test_run_free(run);
}

static void test_audit_approval__history_json_has_the_event(void **state)
{
	fixture *f = *state;
	test_run *run = test_cli("-C", f->r->dir, "history", "1-1", "--format",
				 "json", NULL);
	json_t *root, *events, *e;
	assert_int_equal(run->status, 0);
	root = json_loads(run->out, 0, NULL);
	assert_non_null(root);
	events = json_object_get(root, "approvals");
	assert_true(json_is_array(events));
	assert_int_equal(json_array_size(events), 1);
	e = json_array_get(events, 0);
	assert_string_equal(jstr(e, "item"), "1-1");
	assert_string_equal(jstr(e, "kind"), "approve");
	assert_string_equal(jstr(e, "name"), "審査 花子");
	assert_string_equal(jstr(e, "email"), "hanako@example.com");
	assert_string_equal(jstr(e, "message"), NOTE);
	assert_int_equal(strlen(jstr(e, "blob")), 40);
	assert_iso_time(jstr(e, "time"));
	/* The commits are still there, before the events. */
	assert_true(json_array_size(json_object_get(root, "revisions")) >= 2);
	json_decref(root);
	test_run_free(run);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_audit_approval__json_names_the_approver_of_that_content),
		T(test_audit_approval__csv_ja_and_en_end_with_the_approver),
		T(test_audit_approval__the_authors_own_record_is_not_shown),
		T(test_audit_approval__identical_later_content_counts),
		T(test_audit_approval__history_json_has_the_event),
	};
	return cmocka_run_group_tests(tests, test_isolated_setup,
				      test_isolated_teardown);
}
