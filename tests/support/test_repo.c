/* test_repo.c: libgit2-built fixture repositories. */
#define _XOPEN_SOURCE 700
#include "test_repo.h"

#include <git2.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_tmp.h"

#define CHECK(call)                                                        \
	do {                                                               \
		int rc_ = (call);                                          \
		if (rc_ < 0) {                                             \
			const git_error *e_ = git_error_last();            \
			fail_msg("%s: %s", #call, e_ ? e_->message : "?"); \
		}                                                          \
	} while (0)

test_repo *test_repo_new(void)
{
	test_repo *r = calloc(1, sizeof(*r));
	assert_non_null(r);
	r->dir = test_tmp_dir();
	CHECK(git_repository_init(&r->git, r->dir, 0));
	r->clock = 1664499600; /* 2022-09-30 01:00 UTC = 10:00 +09:00 */
	return r;
}

void test_repo_free(test_repo *r)
{
	if (!r)
		return;
	git_repository_free(r->git);
	test_tmp_rm(r->dir);
	free(r->dir);
	free(r);
}

char *test_repo_path(const test_repo *r, const char *relpath)
{
	return test_fmt("%s/%s", r->dir, relpath);
}

void test_repo_write(test_repo *r, const char *relpath, const char *text)
{
	char *p = test_repo_path(r, relpath);
	test_write_str(p, text);
	free(p);
}

void test_repo_remove(test_repo *r, const char *relpath)
{
	char *p = test_repo_path(r, relpath);
	unlink(p);
	free(p);
}

void test_repo_copy_checklist(test_repo *r)
{
	char *dst = test_repo_path(r, "checklist");
	test_copy_tree(SL_SOURCE_DIR "/checklist", dst);
	free(dst);
}

void test_repo_copy_fixture(test_repo *r)
{
	char *dst = test_repo_path(r, "checklist");
	test_copy_tree(SL_SOURCE_DIR "/tests/fixtures/sheet", dst);
	free(dst);
}

void test_repo_stage(test_repo *r, const char *relpath)
{
	git_index *idx;
	char *p = test_repo_path(r, relpath);
	CHECK(git_repository_index(&idx, r->git));
	if (access(p, F_OK) == 0)
		CHECK(git_index_add_bypath(idx, relpath));
	else
		CHECK(git_index_remove_bypath(idx, relpath));
	CHECK(git_index_write(idx));
	git_index_free(idx);
	free(p);
}

const char *test_repo_commit_at(test_repo *r, const char *message, int64_t time,
				int offset_min)
{
	static char hex[GIT_OID_HEXSZ + 1];
	git_index *idx;
	git_oid tree_id, commit_id;
	git_tree *tree;
	git_signature *sig;
	git_commit *parent = NULL;
	git_object *head = NULL;
	git_strarray all = {NULL, 0};
	static char star_buf[] = "*";
	char *star = star_buf;

	all.strings = &star;
	all.count = 1;
	CHECK(git_repository_index(&idx, r->git));
	CHECK(git_index_add_all(idx, &all, GIT_INDEX_ADD_DEFAULT, NULL, NULL));
	CHECK(git_index_update_all(idx, &all, NULL, NULL));
	CHECK(git_index_write(idx));
	CHECK(git_index_write_tree(&tree_id, idx));
	git_index_free(idx);
	CHECK(git_tree_lookup(&tree, r->git, &tree_id));
	CHECK(git_signature_new(&sig, "Test Author", "author@example.com",
				(git_time_t)time, offset_min));
	if (git_revparse_single(&head, r->git, "HEAD") == 0)
		CHECK(git_commit_lookup(&parent, r->git, git_object_id(head)));
	git_error_clear();
	CHECK(git_commit_create_v(&commit_id, r->git, "HEAD", sig, sig, NULL,
				  message, tree, parent ? 1 : 0, parent));
	git_oid_tostr(hex, sizeof(hex), &commit_id);
	git_commit_free(parent);
	git_object_free(head);
	git_signature_free(sig);
	git_tree_free(tree);
	return hex;
}

const char *test_repo_commit(test_repo *r, const char *message)
{
	const char *id = test_repo_commit_at(r, message, r->clock, 9 * 60);
	r->clock += 86400;
	return id;
}

void test_repo_tag(test_repo *r, const char *name, const char *commit_hex,
		   bool annotated)
{
	git_oid oid, tag_id;
	git_object *target;
	git_signature *sig;
	CHECK(git_oid_fromstr(&oid, commit_hex));
	CHECK(git_object_lookup(&target, r->git, &oid, GIT_OBJECT_COMMIT));
	if (annotated) {
		CHECK(git_signature_new(&sig, "Test Tagger",
					"tagger@example.com",
					(git_time_t)r->clock, 9 * 60));
		CHECK(git_tag_create(&tag_id, r->git, name, target, sig, name,
				     0));
		git_signature_free(sig);
	} else {
		CHECK(git_tag_create_lightweight(&tag_id, r->git, name, target,
						 0));
	}
	git_object_free(target);
}

/* Two editions: base (copied by copy_base), then the overlay
 * DIR/2023-04 with the files listed in DIR/2023-04.removed deleted. */
static void build_two_editions(test_repo *r, void (*copy_base)(test_repo *),
			       const char *dir)
{
	char id[GIT_OID_HEXSZ + 1];
	char *removed, *line, *overlay, *dst, *list;
	copy_base(r);
	r->clock = 1664499600; /* 2022-09-30 10:00 +09:00 */
	strcpy(id, test_repo_commit_at(r, "Publish the 2022-09 edition",
				       r->clock, 9 * 60));
	test_repo_tag(r, "edition/2022-09", id, true);
	list = test_fmt("%s/2023-04.removed", dir);
	removed = test_read_file(list, NULL);
	assert_non_null(removed);
	for (line = strtok(removed, "\n"); line; line = strtok(NULL, "\n")) {
		char *rel = test_fmt("checklist/%s", line);
		test_repo_remove(r, rel);
		free(rel);
	}
	free(removed);
	free(list);
	overlay = test_fmt("%s/2023-04", dir);
	dst = test_repo_path(r, "checklist");
	test_copy_tree(overlay, dst);
	free(overlay);
	free(dst);
	r->clock = 1682661600; /* 2023-04-28 15:00 +09:00 */
	strcpy(id,
	       test_repo_commit_at(
		       r, "Publish the 2023-04 edition (illustrative edits)",
		       r->clock, 9 * 60));
	test_repo_tag(r, "edition/2023-04", id, true);
	r->clock += 86400;
}

void test_repo_build_demo(test_repo *r)
{
	char *dst;
	build_two_editions(r, test_repo_copy_checklist,
			   SL_SOURCE_DIR "/scripts/demo");
	/* The draft after the last edition (scripts/demo/draft). */
	dst = test_repo_path(r, "checklist");
	test_copy_tree(SL_SOURCE_DIR "/scripts/demo/draft", dst);
	free(dst);
	r->clock = 1684116000; /* 2023-05-15 11:00 +09:00 */
	test_repo_commit_at(r, "Draft: 3-1 says the backups are encrypted",
			    r->clock, 9 * 60);
	r->clock += 86400;
}

void test_repo_build_fixture_demo(test_repo *r)
{
	build_two_editions(r, test_repo_copy_fixture,
			   SL_SOURCE_DIR "/tests/fixtures/demo");
}

const char *test_repo_commit_full(test_repo *r, const char *ref,
				  const char *message,
				  const char *const *parents, size_t n,
				  int64_t author_time, int author_offset,
				  int64_t commit_time, int commit_offset)
{
	static char hex[GIT_OID_HEXSZ + 1];
	git_index *idx;
	git_oid tree_id, commit_id;
	git_tree *tree;
	git_signature *author, *committer;
	const git_commit *pc[3] = {NULL, NULL, NULL};
	git_strarray all = {NULL, 0};
	static char star_buf[] = "*";
	char *star = star_buf;
	size_t i;

	assert_true(n <= 3);
	all.strings = &star;
	all.count = 1;
	CHECK(git_repository_index(&idx, r->git));
	CHECK(git_index_add_all(idx, &all, GIT_INDEX_ADD_DEFAULT, NULL, NULL));
	CHECK(git_index_update_all(idx, &all, NULL, NULL));
	CHECK(git_index_write(idx));
	CHECK(git_index_write_tree(&tree_id, idx));
	git_index_free(idx);
	CHECK(git_tree_lookup(&tree, r->git, &tree_id));
	CHECK(git_signature_new(&author, "Test Author", "author@example.com",
				(git_time_t)author_time, author_offset));
	CHECK(git_signature_new(&committer, "Test Committer",
				"committer@example.com",
				(git_time_t)commit_time, commit_offset));
	for (i = 0; i < n; i++) {
		git_oid p;
		CHECK(git_oid_fromstr(&p, parents[i]));
		CHECK(git_commit_lookup((git_commit **)&pc[i], r->git, &p));
	}
	CHECK(git_commit_create(&commit_id, r->git, NULL, author, committer,
				NULL, message, tree, n, pc));
	if (ref) {
		git_reference *out = NULL;
		if (!strcmp(ref, "HEAD")) {
			git_reference *head = NULL;
			if (git_repository_head(&head, r->git) == 0) {
				CHECK(git_reference_set_target(
					&out, head, &commit_id, message));
				git_reference_free(head);
			} else {
				/* Unborn HEAD: create the branch it points to.
				 */
				git_reference *sym = NULL;
				git_error_clear();
				CHECK(git_reference_lookup(&sym, r->git,
							   "HEAD"));
				CHECK(git_reference_create(
					&out, r->git,
					git_reference_symbolic_target(sym),
					&commit_id, 1, message));
				git_reference_free(sym);
			}
		} else {
			CHECK(git_reference_create(&out, r->git, ref,
						   &commit_id, 1, message));
		}
		git_reference_free(out);
	}
	git_oid_tostr(hex, sizeof(hex), &commit_id);
	for (i = 0; i < n; i++)
		git_commit_free((git_commit *)pc[i]);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	return hex;
}
