/*
 * fuzz_rev.c: revision expressions (edition names, @dates, WORKTREE,
 * INDEX, A..B, and whatever libgit2's revparse is handed) against a small
 * repository made once at start: one commit of a one-item sheet, tagged
 * edition/2022-09. Every expression resolves or fails with one of the
 * documented codes and a message; a range splits into two non-empty
 * sides or fails; dates and time zones parse or are refused.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <git2.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "fuzz.h"
#include "repo.h"
#include "repo_rev.h"
#include "date.h"

static sl_repo *repo;
static char dir[] = "/tmp/sheetlog-fuzz-rev-XXXXXX";

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The fixture goes when the process ends, crash or not. */
static void cleanup(void)
{
	sl_repo_free(repo);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *root, const char *rel, const char *text)
{
	char path[512];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	FUZZ_CHECK(f);
	fputs(text, f);
	fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char sub[600];
	git_repository *g;
	git_index *idx;
	git_oid tree_id, commit_id, tag_id;
	git_tree *tree;
	git_signature *sig;
	git_object *obj;
	(void)argc;
	(void)argv;
	sl_repo_global_init();
	FUZZ_CHECK(mkdtemp(dir));
	FUZZ_CHECK(git_repository_init(&g, dir, 0) == 0);
	snprintf(sub, sizeof(sub), "mkdir -p %s/checklist/items", dir);
	FUZZ_CHECK(system(sub) == 0);
	write_file(
		dir, "checklist/sheet.json",
		"{\n  \"as_of\": \"2022-09\",\n  \"sections\": [\n    {\n"
		"      \"id\": \"1\",\n      \"title\": \"t\"\n    }\n  ]\n}\n");
	write_file(dir, "checklist/items/1-1.json",
		   "{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
		   "  \"question\": \"q\",\n  \"answer\": \"a\"\n}\n");
	FUZZ_CHECK(git_repository_index(&idx, g) == 0);
	FUZZ_CHECK(git_index_add_bypath(idx, "checklist/sheet.json") == 0);
	FUZZ_CHECK(git_index_add_bypath(idx, "checklist/items/1-1.json") == 0);
	FUZZ_CHECK(git_index_write(idx) == 0);
	FUZZ_CHECK(git_index_write_tree(&tree_id, idx) == 0);
	FUZZ_CHECK(git_tree_lookup(&tree, g, &tree_id) == 0);
	FUZZ_CHECK(git_signature_new(&sig, "F", "f@example.com", 1664499600,
				     540) == 0);
	FUZZ_CHECK(git_commit_create(&commit_id, g, "HEAD", sig, sig, NULL,
				     "sheet", tree, 0, NULL) == 0);
	FUZZ_CHECK(git_object_lookup(&obj, g, &commit_id, GIT_OBJECT_COMMIT) ==
		   0);
	FUZZ_CHECK(git_tag_create(&tag_id, g, "edition/2022-09", obj, sig, "e",
				  0) == 0);
	git_object_free(obj);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	git_repository_free(g);
	FUZZ_CHECK(sl_repo_open(&repo, dir) == 0);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char expr[257];
	sl_rev rev = SL_REV_INIT;
	char *a = NULL, *b = NULL;
	int64_t start, end;
	int minutes, rc;
	if (size > 256)
		size = 256;
	memcpy(expr, data, size);
	expr[size] = '\0';
	rc = sl_rev_resolve(&rev, repo, expr);
	if (rc == 0) {
		FUZZ_CHECK(rev.label);
		FUZZ_CHECK(rev.kind != SL_SNAP_COMMIT ||
			   strlen(rev.commit.id) == 40);
	} else {
		FUZZ_CHECK(rc == SL_ENOTFOUND || rc == SL_EUSAGE ||
			   rc == SL_EREPO || rc == SL_ENOMEM ||
			   rc == SL_EINVALID);
		FUZZ_CHECK(sl_error_last()->message[0]);
	}
	sl_rev_dispose(&rev);
	rc = sl_rev_split_range(&a, &b, expr);
	if (rc == 0 && a)
		FUZZ_CHECK(b && a[0] && b[0]);
	free(a);
	free(b);
	if (sl_date_parse_day(&start, &end, expr, 540) == 0)
		FUZZ_CHECK(start <= end);
	if (sl_date_parse_offset(&minutes, expr) == 0)
		FUZZ_CHECK(minutes > -24 * 60 && minutes < 24 * 60);
	return 0;
}
