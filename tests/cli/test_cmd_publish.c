/*
 * test_cmd_publish.c: publishing an edition: the commit (parent, message,
 * identity from git config, sheet.json's as_of), the annotated tag, a
 * clean working tree afterwards, the first edition of an unborn branch;
 * every refusal (lint errors, changes outside checklist/, an existing or
 * older edition, a malformed name, detached HEAD, no identity, a locked
 * index) leaves the repository untouched; and a failure at each step
 * midway (injected, and real ref locks) is undone completely.
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
#include <unistd.h>

#include <cmocka.h>

#include "publish.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_tmp.h"

static void set_identity(test_repo *r)
{
	git_config *c;
	assert_int_equal(git_repository_config(&c, r->git), 0);
	assert_int_equal(git_config_set_string(c, "user.name", "編集者 太郎"),
			 0);
	assert_int_equal(
		git_config_set_string(c, "user.email", "editor@example.com"),
		0);
	git_config_free(c);
}

/* The fixture's two editions (tests/fixtures/demo/), not the live sheet:
 * the edits below name its items. */
static int setup_fixture_demo(void **state)
{
	test_repo *r = test_repo_new();
	test_repo_build_fixture_demo(r);
	set_identity(r);
	*state = r;
	return 0;
}

static int teardown_repo(void **state)
{
	sl_publish__fail_at(0);
	test_repo_free(*state);
	return 0;
}

/* Everything publish could change, to compare before and after. */
typedef struct snapshot {
	char head[41];
	char *sheet, *index;
	size_t sheet_len, index_len;
	bool tagged;
} snapshot;

static void snap(snapshot *s, test_repo *r)
{
	git_oid id;
	git_reference *ref;
	char *p;
	memset(s, 0, sizeof(*s));
	if (git_reference_name_to_id(&id, r->git, "HEAD") == 0)
		git_oid_tostr(s->head, sizeof(s->head), &id);
	p = test_repo_path(r, "checklist/sheet.json");
	s->sheet = test_read_file(p, &s->sheet_len);
	free(p);
	p = test_repo_path(r, ".git/index");
	s->index = test_read_file(p, &s->index_len);
	free(p);
	s->tagged = git_reference_lookup(&ref, r->git,
					 "refs/tags/edition/2023-10") == 0;
	if (s->tagged)
		git_reference_free(ref);
}

static void snap_free(snapshot *s)
{
	free(s->sheet);
	free(s->index);
}

static void assert_unchanged(const snapshot *before, test_repo *r)
{
	snapshot now;
	snap(&now, r);
	assert_string_equal(now.head, before->head);
	assert_false(now.tagged);
	assert_int_equal(now.sheet_len, before->sheet_len);
	assert_memory_equal(now.sheet, before->sheet, now.sheet_len);
	assert_int_equal(now.index_len, before->index_len);
	assert_memory_equal(now.index, before->index, now.index_len);
	snap_free(&now);
}

static size_t status_count(test_repo *r)
{
	git_status_list *l;
	git_status_options o;
	size_t n;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.flags = 0; /* tracked files only */
	assert_int_equal(git_status_list_new(&l, r->git, &o), 0);
	n = git_status_list_entrycount(l);
	git_status_list_free(l);
	return n;
}

static void edit_answer(test_repo *r)
{
	char *p = test_repo_path(r, "checklist/items/1-1.json"), *text, *at;
	size_t len;
	text = test_read_file(p, &len);
	at = strstr(text, "30分");
	assert_non_null(at);
	memcpy(at, "20", 2);
	test_write_file(p, text, len);
	free(text);
	free(p);
}

static void test_publish__commits_tags_and_leaves_a_clean_tree(void **state)
{
	test_repo *r = *state;
	git_oid head, old;
	git_commit *c;
	git_reference *ref;
	git_tag *tag;
	git_tree_entry *e;
	git_tree *tree;
	git_blob *blob;
	test_run *run;
	assert_int_equal(git_reference_name_to_id(&old, r->git, "HEAD"), 0);
	edit_answer(r);
	run = test_cli("-C", r->dir, "publish", "2023-10", "-m",
		       "2023年10月版を公開", NULL);
	assert_int_equal(run->status, 0);
	assert_true(strncmp(run->out, "published edition 2023-10: commit ",
			    34) == 0);
	assert_non_null(strstr(run->out, ", tag edition/2023-10, author 編集者 "
					 "太郎 <editor@example.com> (previous "
					 "edition 2023-04)\n"));
	/* The fixture's note still says 2023年4月時点: a warning, not a
	 * refusal.
	 */
	assert_string_equal(run->err,
			    "sheetlog: warning: as_of_note in "
			    "checklist/sheet.json does not name 2023年10月; "
			    "check its wording\n");
	/* The commit: on the branch, after the old tip, by the configured
	 * identity, with the message. */
	assert_int_equal(git_reference_name_to_id(&head, r->git, "HEAD"), 0);
	assert_int_equal(git_commit_lookup(&c, r->git, &head), 0);
	assert_int_equal(git_commit_parentcount(c), 1);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &old));
	assert_string_equal(git_commit_author(c)->name, "編集者 太郎");
	assert_string_equal(git_commit_message(c), "2023年10月版を公開\n");
	/* as_of in the committed sheet.json, and the edited answer. */
	assert_int_equal(git_commit_tree(&tree, c), 0);
	assert_int_equal(
		git_tree_entry_bypath(&e, tree, "checklist/sheet.json"), 0);
	assert_int_equal(git_blob_lookup(&blob, r->git, git_tree_entry_id(e)),
			 0);
	assert_non_null(
		strstr(git_blob_rawcontent(blob), "\"as_of\": \"2023-10\""));
	git_blob_free(blob);
	git_tree_entry_free(e);
	assert_int_equal(
		git_tree_entry_bypath(&e, tree, "checklist/items/1-1.json"), 0);
	assert_int_equal(git_blob_lookup(&blob, r->git, git_tree_entry_id(e)),
			 0);
	assert_non_null(strstr(git_blob_rawcontent(blob), "20分以内"));
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	/* The annotated tag. */
	assert_int_equal(
		git_reference_lookup(&ref, r->git, "refs/tags/edition/2023-10"),
		0);
	assert_int_equal(
		git_tag_lookup(&tag, r->git, git_reference_target(ref)), 0);
	assert_true(git_oid_equal(git_tag_target_id(tag), &head));
	assert_string_equal(git_tag_tagger(tag)->email, "editor@example.com");
	git_tag_free(tag);
	git_reference_free(ref);
	git_commit_free(c);
	/* Nothing pending afterwards: the file and the index agree. */
	assert_int_equal(status_count(r), 0);
	test_run_free(run);
	/* The new edition is known at once. */
	run = test_cli("-C", r->dir, "editions", "--format", "json", NULL);
	assert_non_null(strstr(run->out, "\"name\": \"2023-10\""));
	test_run_free(run);
}

static void test_publish__first_edition_on_an_unborn_branch(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	git_oid head;
	git_commit *c;
	(void)state;
	set_identity(r);
	test_repo_copy_fixture(r);
	run = test_cli("-C", r->dir, "publish", "2022-09", NULL);
	assert_int_equal(run->status, 0);
	assert_null(strstr(run->out, "previous edition"));
	assert_int_equal(git_reference_name_to_id(&head, r->git, "HEAD"), 0);
	assert_int_equal(git_commit_lookup(&c, r->git, &head), 0);
	assert_int_equal(git_commit_parentcount(c), 0);
	assert_string_equal(git_commit_message(c),
			    "Publish the 2022-09 edition\n");
	git_commit_free(c);
	test_run_free(run);
	test_repo_free(r);
}

/* A refusal: exit status, message, and nothing changed. */
static void refused(test_repo *r, const char *edition, int status,
		    const char *message)
{
	snapshot before;
	test_run *run;
	snap(&before, r);
	run = test_cli("-C", r->dir, "publish", edition, NULL);
	if (run->status != status)
		print_message("publish %s: status %d, stderr: %s\n", edition,
			      run->status, run->err);
	assert_int_equal(run->status, status);
	assert_non_null(strstr(run->err, message));
	assert_string_equal(run->out, "");
	assert_unchanged(&before, r);
	snap_free(&before);
	test_run_free(run);
}

static void test_publish__refusals_change_nothing(void **state)
{
	test_repo *r = *state;
	char *lock;
	refused(r, "2023-04", 2,
		"sheetlog: edition 2023-04 exists already "
		"(refs/tags/edition/2023-04)\n");
	refused(r, "2023-01", 2,
		"sheetlog: edition 2023-01 is not newer than the newest "
		"edition, 2023-04\n");
	refused(r, "2023-13", 2,
		"sheetlog: invalid edition name '2023-13' (expected YYYY-MM "
		"or YYYY-MM-DD)\n");
	/* A tracked file outside checklist/, modified. */
	test_repo_write(r, "README.md", "readme\n");
	test_repo_commit(r, "readme");
	test_repo_write(r, "README.md", "readme, edited\n");
	refused(r, "2023-10", 2,
		"sheetlog: the working tree has changes outside checklist/: "
		"README.md (commit or stash them first)\n");
	test_repo_write(r, "README.md", "readme\n");
	/* Lint errors: the findings, then the refusal, exit status 1. */
	{
		char *p = test_repo_path(r, "checklist/items/1-1.json");
		size_t len;
		char *good = test_read_file(p, &len);
		test_write_str(p, "{\"id\": \"1-1\"");
		refused(r, "2023-10", 1, "checklist/items/1-1.json:1:");
		refused(r, "2023-10", 1,
			"sheetlog: 1 lint error: fix them before publishing");
		test_write_file(p, good, len);
		free(good);
		free(p);
	}
	/* A locked index. */
	lock = test_repo_path(r, ".git/index.lock");
	test_write_str(lock, "");
	refused(r, "2023-10", 2, "sheetlog: the index is locked (");
	unlink(lock);
	free(lock);
	/* Detached HEAD. */
	{
		git_oid head;
		assert_int_equal(
			git_reference_name_to_id(&head, r->git, "HEAD"), 0);
		assert_int_equal(
			git_repository_set_head_detached(r->git, &head), 0);
		refused(r, "2023-10", 2, "sheetlog: HEAD is detached");
	}
}

static void test_publish__needs_an_identity(void **state)
{
	test_repo *r = test_repo_new();
	(void)state;
	test_repo_build_fixture_demo(r);
	refused(r, "2023-10", 2,
		"sheetlog: no git identity to publish with: set user.name and "
		"user.email (git config)\n");
	test_repo_free(r);
}

/* A failure at each visible step is undone completely. */
static void test_publish__failure_midway_is_undone(void **state)
{
	test_repo *r = *state;
	int step;
	edit_answer(r);
	for (step = 1; step <= 4; step++) {
		snapshot before;
		test_run *run;
		char *msg =
			test_fmt("simulated failure at publish step %d", step);
		snap(&before, r);
		sl_publish__fail_at(step);
		run = test_cli("-C", r->dir, "publish", "2023-10", NULL);
		sl_publish__fail_at(0);
		assert_int_equal(run->status, 3);
		assert_non_null(strstr(run->err, msg));
		assert_non_null(strstr(run->err, "(nothing was changed)"));
		assert_unchanged(&before, r);
		/* The edit is still pending, unpublished. */
		assert_int_equal(status_count(r), 1);
		snap_free(&before);
		test_run_free(run);
		free(msg);
	}
}

/* Real locks held by another process: the branch, then the tag. */
static void test_publish__locked_refs_are_undone(void **state)
{
	test_repo *r = *state;
	git_reference *head;
	const char *locks[2];
	char *branch_lock, *tag_lock;
	size_t i;
	assert_int_equal(git_reference_lookup(&head, r->git, "HEAD"), 0);
	branch_lock = test_fmt("%s/.git/%s.lock", r->dir,
			       git_reference_symbolic_target(head));
	git_reference_free(head);
	tag_lock = test_repo_path(r, ".git/refs/tags/edition/2023-10.lock");
	locks[0] = branch_lock;
	locks[1] = tag_lock;
	edit_answer(r);
	for (i = 0; i < 2; i++) {
		snapshot before;
		test_run *run;
		snap(&before, r);
		test_write_str(locks[i], "");
		run = test_cli("-C", r->dir, "publish", "2023-10", NULL);
		unlink(locks[i]);
		assert_int_equal(run->status, 2);
		assert_non_null(strstr(run->err, "(nothing was changed)"));
		assert_unchanged(&before, r);
		snap_free(&before);
		test_run_free(run);
	}
	free(branch_lock);
	free(tag_lock);
}

static void test_publish__dry_run_changes_nothing(void **state)
{
	test_repo *r = *state;
	snapshot before;
	test_run *run;
	edit_answer(r);
	snap(&before, r);
	run = test_cli("-C", r->dir, "publish", "2023-10", "--dry-run", NULL);
	assert_int_equal(run->status, 0);
	assert_true(strncmp(run->out,
			    "would publish edition 2023-10: a commit on ",
			    42) == 0);
	assert_unchanged(&before, r);
	snap_free(&before);
	test_run_free(run);
}

/* "  M path" lines of what HEAD's commit changed against its parent. */
static char *last_commit_files(test_repo *r)
{
	git_object *a, *b;
	git_diff *d;
	git_diff_options o;
	size_t i;
	char *acc = strdup(""), *next;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	assert_int_equal(git_revparse_single(&a, r->git, "HEAD^^{tree}"), 0);
	assert_int_equal(git_revparse_single(&b, r->git, "HEAD^{tree}"), 0);
	assert_int_equal(git_diff_tree_to_tree(&d, r->git, (git_tree *)a,
					       (git_tree *)b, &o),
			 0);
	for (i = 0; i < git_diff_num_deltas(d); i++) {
		const git_diff_delta *e = git_diff_get_delta(d, i);
		next = test_fmt("%s  %c %s\n", acc,
				e->status == GIT_DELTA_ADDED     ? 'A'
				: e->status == GIT_DELTA_DELETED ? 'D'
								 : 'M',
				e->new_file.path);
		free(acc);
		acc = next;
	}
	git_diff_free(d);
	git_object_free(a);
	git_object_free(b);
	return acc;
}

static void test_publish__dry_run_lists_what_the_commit_records(void **state)
{
	test_repo *r = *state;
	snapshot before;
	test_run *run;
	char *listed, *committed;
	const char *at, *end;
	edit_answer(r);
	test_repo_write(
		r, "checklist/items/1-4.json",
		"{\n  \"id\": \"1-4\",\n  \"section\": \"1\",\n"
		"  \"scope\": \"provider\",\n  \"category\": \"監視\",\n"
		"  \"question\": \"新しい質問\",\n"
		"  \"answer\": \"新しい回答\"\n}\n");
	test_repo_remove(r, "checklist/items/3-2.json");
	snap(&before, r);
	run = test_cli("-C", r->dir, "publish", "2023-10", "--dry-run", NULL);
	assert_int_equal(run->status, 0);
	at = strstr(run->out, "files the commit would record (4):\n");
	assert_non_null(at);
	assert_string_equal(at,
			    "files the commit would record (4):\n"
			    "  M checklist/items/1-1.json\n"
			    "  A checklist/items/1-4.json\n"
			    "  D checklist/items/3-2.json\n"
			    "  M checklist/sheet.json\n"
			    "changes since edition 2023-04: 1 added, 1 "
			    "removed, 1 modified, 0 renumbered, 0 replaced, "
			    "0 notation-only, 4 unchanged\n");
	at += strlen("files the commit would record (4):\n");
	end = strstr(at, "changes since");
	listed = strndup(at, (size_t)(end - at));
	test_run_free(run);
	/* Nothing changed: refs, index, sheet.json, and the new file is
	 * still untracked. */
	assert_unchanged(&before, r);
	snap_free(&before);
	{
		unsigned flags = 0;
		assert_int_equal(git_status_file(&flags, r->git,
						 "checklist/items/1-4.json"),
				 0);
		assert_true(flags & GIT_STATUS_WT_NEW);
	}
	/* The real publish commits exactly the listed files. */
	run = test_cli("-C", r->dir, "publish", "2023-10", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	committed = last_commit_files(r);
	assert_string_equal(committed, listed);
	free(committed);
	free(listed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_publish__commits_tags_and_leaves_a_clean_tree,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test(
			test_publish__first_edition_on_an_unborn_branch),
		cmocka_unit_test_setup_teardown(
			test_publish__refusals_change_nothing,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test(test_publish__needs_an_identity),
		cmocka_unit_test_setup_teardown(
			test_publish__failure_midway_is_undone,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_publish__locked_refs_are_undone,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_publish__dry_run_changes_nothing,
			setup_fixture_demo, teardown_repo),
		cmocka_unit_test_setup_teardown(
			test_publish__dry_run_lists_what_the_commit_records,
			setup_fixture_demo, teardown_repo),
	};
	return cmocka_run_group_tests(tests, test_isolated_setup,
				      test_isolated_teardown);
}
