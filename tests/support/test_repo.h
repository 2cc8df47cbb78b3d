/*
 * test_repo.h: temporary git repositories built through libgit2 (never the
 * git executable), with fixed author/committer times and time zones so
 * that dates in expected outputs are stable.
 */
#ifndef TEST_REPO_H
#define TEST_REPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct test_repo {
	char *dir;                  /* working directory, no trailing '/' */
	struct git_repository *git; /* libgit2 handle */
	int64_t clock;              /* time of the next commit */
} test_repo;

/* A fresh non-bare repository in a temp dir (default clock 2022-09-30
 * 10:00 +09:00). */
test_repo *test_repo_new(void);
/* Free and delete the directory. */
void test_repo_free(test_repo *r);
/* Write a file relative to the working directory. */
void test_repo_write(test_repo *r, const char *relpath, const char *text);
void test_repo_remove(test_repo *r, const char *relpath);
/* Copy the project's checklist/ (the live 2022-09 sheet, 161 items) into
 * the repository. Only for tests that pin the embedded sheet itself or
 * need its size; the others use test_repo_copy_fixture(). */
void test_repo_copy_checklist(test_repo *r);
/* Copy the small fixture sheet tests/fixtures/sheet/ (3 sections, 2
 * scopes, 5 items) into checklist/: it does not follow edits of the live
 * sheet. */
void test_repo_copy_fixture(test_repo *r);
/* Stage one path (or its removal) in the index. */
void test_repo_stage(test_repo *r, const char *relpath);
/* Stage everything (add -A) and commit on HEAD at the repo clock, which
 * then advances by a day. Returns the commit id in a static buffer
 * (copy it before the next call). */
const char *test_repo_commit(test_repo *r, const char *message);
const char *test_repo_commit_at(test_repo *r, const char *message, int64_t time,
				int offset_min);
/*
 * Commit the working tree with explicit parents (n may be 0..3), author
 * and committer times and zones, updating `ref` ("HEAD", "refs/heads/x")
 * or no ref when NULL. Returns the id in a static buffer.
 */
const char *test_repo_commit_full(test_repo *r, const char *ref,
				  const char *message,
				  const char *const *parents, size_t n,
				  int64_t author_time, int author_offset,
				  int64_t commit_time, int commit_offset);
/* Lightweight or annotated tag on a commit id. */
void test_repo_tag(test_repo *r, const char *name, const char *commit_hex,
		   bool annotated);
/*
 * The demonstration history of scripts/run.sh, through libgit2, on the
 * live sheet (it is the main demo: its goldens are what scripts/run.sh
 * shows, and scripts/demo/2023-04 is an overlay of checklist/): the
 * 2022-09 baseline (commit 2022-09-30 10:00 +09:00, annotated tag
 * edition/2022-09), then the illustrative 2023-04 edition of
 * scripts/demo/ (2023-04-28 15:00 +09:00, tag edition/2023-04), then
 * the unpublished draft of scripts/demo/draft (2023-05-15 11:00 +09:00:
 * 3-1's answer says the backups are encrypted). Only for tests whose
 * point is the real sheet and that pin none of its texts
 * (tests/fixtures/README.md lists them); the others use
 * test_repo_build_fixture_demo().
 */
void test_repo_build_demo(test_repo *r);
/*
 * The same two editions on the fixture sheet (tests/fixtures/sheet/),
 * with tests/fixtures/demo/2023-04 as the second: every kind of change
 * on five items, for goldens that must not follow the live sheet.
 */
void test_repo_build_fixture_demo(test_repo *r);
/* Absolute path of a file in the repository (new: free()). */
char *test_repo_path(const test_repo *r, const char *relpath);

#endif
