/*
 * test_oom.c: every command survives running out of memory at any point.
 *
 * SQLite's malloc tests, applied to the CLI: each command runs once to
 * count its allocations, then again with the n-th allocation (and every
 * later one) failing, for n spread over the whole run. Each failing run
 * must end with exit status 3 and the one line "sheetlog: out of memory"
 * (no crash, no other message, no partial output file: the file written
 * with -o keeps its previous content), and each run the hook did not reach
 * must produce exactly the output of the first run. Commands that change
 * the repository (publish, install-hooks, import) run each time on a fresh
 * one, and a failing run must leave every file of it (working tree, index,
 * refs, config, hooks; not unreachable objects) as it was. Leaks on the error
 * paths are caught by LeakSanitizer when the suite runs under ASan (this
 * test is too slow for valgrind, hence its own label).
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
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>

#include "alloc.h"
#include "test_cli.h"
#include "test_repo.h"
#include "test_sh.h"
#include "test_tmp.h"

/* Failure points tried per command, spread evenly over its allocations
 * (and every one of the first OOM_DENSE, where set-up code lives).
 * SL_OOM_ALL=1 in the environment tries every allocation instead (about
 * 100,000 runs, most of an hour under ASan); SL_OOM_AT=NAME:N replays one
 * failure point (to debug it: break on alloc.c's alloc_failed++);
 * SL_OOM_ONLY=PATTERN selects cases by name (test_oom__export_*). */
enum { OOM_SAMPLES = 250, OOM_DENSE = 40 };

static const char sentinel[] = "previous content\n";

typedef struct oom_case {
	const char *name;
	const char *argv[16]; /* after "-C DIR", NULL-terminated */
	bool writes;          /* the last argument is "-o" and takes OUT */
	/* Set for commands that change the repository: each run gets a
	 * fresh repository built by prepare, which a failing run must leave
	 * as it was. Their output names the repository's directory and
	 * commit ids made at the current time: both are masked. */
	void (*prepare)(test_repo *r);
} oom_case;

#define SEED SL_SOURCE_DIR "/checklist/published/2022-09.txt"
#define SHEETLOG SL_BINARY_DIR "/sheetlog"

/* publish: the fixture sheet as edition 2022-09, an edited answer
 * pending, and an identity in the repository's own config. */
static void prepare_publish(test_repo *r)
{
	char *config = test_repo_path(r, ".git/config");
	char *text = test_read_file(config, NULL);
	char *more;
	assert_non_null(text);
	more = test_fmt("%s[user]\n\tname = 編集者 太郎\n"
			"\temail = editor@example.com\n",
			text);
	test_write_str(config, more);
	test_repo_copy_fixture(r);
	test_repo_commit(r, "Publish the 2022-09 edition");
	test_repo_write(r, "checklist/items/1-1.json",
			"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
			"  \"scope\": \"provider\",\n"
			"  \"question\": \"通知時間は。\",\n"
			"  \"answer\": \"30分以内に通知します。\"\n}\n");
	free(more);
	free(text);
	free(config);
}

/* install-hooks: a fresh repository. */
static void prepare_empty(test_repo *r)
{
	(void)r;
}

/* import --from seed: the fixture sheet, which the 161 seed items
 * partly overwrite. */
static void prepare_fixture(test_repo *r)
{
	test_repo_copy_fixture(r);
	test_repo_commit(r, "the fixture sheet");
}

/* Every file under dir except .git/objects (a failed run may leave
 * unreachable objects: harmless), with its mode and content, sorted. */
static void state_of(char **acc, size_t *len, const char *dir, const char *rel)
{
	struct dirent **names;
	char *path = *rel ? test_fmt("%s/%s", dir, rel) : test_fmt("%s", dir);
	int n = scandir(path, &names, NULL, alphasort), i;
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char *sub, *full, *line, *data;
		struct stat st;
		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			free(names[i]);
			continue;
		}
		sub = *rel ? test_fmt("%s/%s", rel, name)
			   : test_fmt("%s", name);
		full = test_fmt("%s/%s", dir, sub);
		assert_int_equal(lstat(full, &st), 0);
		if (strcmp(sub, ".git/objects") != 0) {
			line = test_fmt("%s %o\n", sub,
					(unsigned)st.st_mode & 07777);
			*acc = realloc(*acc, *len + strlen(line) + 1);
			memcpy(*acc + *len, line, strlen(line) + 1);
			*len += strlen(line);
			free(line);
			if (S_ISDIR(st.st_mode)) {
				state_of(acc, len, dir, sub);
			} else if (S_ISREG(st.st_mode)) {
				size_t dl;
				data = test_read_file(full, &dl);
				assert_non_null(data);
				*acc = realloc(*acc, *len + dl + 2);
				memcpy(*acc + *len, data, dl);
				*len += dl;
				(*acc)[(*len)++] = '\n';
				(*acc)[*len] = '\0';
				free(data);
			}
		}
		free(sub);
		free(full);
		free(names[i]);
	}
	free(names);
	free(path);
}

/* new: the state of a repository's files (binary: the index holds NUL
 * bytes), *len bytes. */
static char *repo_state(const test_repo *r, size_t *len)
{
	char *acc = calloc(1, 1);
	*len = 0;
	state_of(&acc, len, r->dir, "");
	return acc;
}

/* Output with the repository's directory and hex ids (7+ digits)
 * masked, in place. */
static void mask_output(test_run *run, const char *dir)
{
	size_t dl = strlen(dir), i = 0, o = 0;
	char *s = run->out;
	while (i < run->out_len) {
		size_t h = 0;
		if (dl && i + dl <= run->out_len && !memcmp(s + i, dir, dl)) {
			memcpy(s + o, "REPO", 4);
			o += 4;
			i += dl;
			continue;
		}
		while (i + h < run->out_len &&
		       strchr("0123456789abcdef", s[i + h]) && s[i + h])
			h++;
		if (h >= 7) {
			memset(s + o, 'x', 7);
			o += 7;
			i += h;
			continue;
		}
		if (h == 0)
			h = 1;
		memmove(s + o, s + i, h);
		o += h;
		i += h;
	}
	s[o] = '\0';
	run->out_len = o;
}

/* history with git's Bloom filters: the live demo history (on the real
 * sheet for the same reason as setup() below) and a commit graph
 * written by git (libgit2 cannot write one). One run first fills the
 * cache with the commits the filters cannot rule out, so the swept runs
 * add nothing to it (a failing run must leave the repository as it was)
 * and still load the graph and settle 1-2's unchanged commit from it:
 * ruled-out commits are never cached. */
static void prepare_bloom(test_repo *r)
{
	const char *argv[] = {"-C", r->dir, "history", "1-2", NULL};
	char *out = NULL;
	test_run *run;
	test_repo_build_demo(r);
	if (test_git_sh(&out, r->dir, NULL,
			"git commit-graph write --reachable --changed-paths") !=
	    0)
		fail_msg("git commit-graph write: %s", out);
	free(out);
	run = test_cli_argv(4, argv);
	assert_int_equal(run->status, 0);
	test_run_free(run);
}

/*
 * The read-only cases run on the live demo (test_repo_build_demo(): the
 * 161-item checklist/ and scripts/demo's 2023-04), not the five-item
 * fixture, on purpose: the sweep is meant to fail the allocations of a
 * real-sized sheet (buffers that grow several times, tens of changes, the
 * matcher and the diff's read-ahead over many items), which five items
 * would hardly exercise. It pins no sheet text: every run is compared
 * with the same command's first run, and the ids it names (1-2, 2-5,
 * 1-63) are in both editions, so editing a text in checklist/ cannot
 * break it.
 */
static int setup(void **state)
{
	test_repo *r;
	/* No global, XDG or system git config (a global identity or
	 * core.hooksPath would change what publish and install-hooks do). */
	test_isolated_setup(state);
	r = test_repo_new();
	test_repo_build_demo(r);
	/* A pending edit for review, and a CSV for import. */
	test_repo_write(r, "checklist/items/1-1.json",
			"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
			"  \"question\": \"変更された質問ですか。\",\n"
			"  \"answer\": \"はい。30分以内に対応します。\"\n}\n");
	test_repo_write(r, "edit.csv",
			"No,項目,評価内容,回答内容\r\n"
			"1-2,,\"質問,です\",\"回答\r\n二行目\"\r\n");
	/* And a workbook for import --from xlsx: the sheet as exported. */
	{
		char *book = test_repo_path(r, "edit.xlsx");
		test_run *run = test_cli("-C", r->dir, "export", "--format",
					 "xlsx", "-o", book, NULL);
		assert_int_equal(run->status, 0);
		test_run_free(run);
		free(book);
	}
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	test_repo_free(*state);
	return test_isolated_teardown(state);
}

/* argv for one run: "-C DIR" ARGS ["OUT"]; returns argc. */
static int build_argv(const char **argv, const test_repo *r, const oom_case *c,
		      const char *out)
{
	int n = 0, i;
	argv[n++] = "-C";
	argv[n++] = r->dir;
	for (i = 0; c->argv[i]; i++)
		argv[n++] = c->argv[i];
	if (c->writes)
		argv[n++] = out;
	return n;
}

/* Only whole lines: a failing run says exactly this, once. */
static void assert_oom_message(const oom_case *c, long n, const test_run *run)
{
	if (run->status != 3 ||
	    strncmp(run->err, "sheetlog: out of memory", 23) != 0 ||
	    strchr(run->err, '\n') != run->err + run->err_len - 1) {
		print_error("stderr of the failing run:\n%s\n", run->err);
		fail_msg("%s, allocation %ld failing: status %d, stderr "
			 "\"%s\"",
			 c->name, n, run->status, run->err);
	}
}

/* SL_OOM_AT=NAME:N names this case: *n = N. */
static bool replay_point(const char *name, long *n)
{
	const char *at = getenv("SL_OOM_AT");
	size_t len = strlen(name);
	if (!at || strncmp(at, name, len) || at[len] != ':')
		return false;
	*n = strtol(at + len + 1, NULL, 10);
	return true;
}

/* One run, on a fresh repository when the case changes it: then a
 * failing run must leave the repository's files as they were. */
static test_run *run_once(test_repo *r, const oom_case *c, const char *out,
			  long n, bool *failed, long *calls)
{
	const char *argv[24];
	test_repo *fresh = NULL;
	char *before = NULL;
	size_t before_len = 0;
	test_run *run;
	int argc;
	if (c->prepare) {
		fresh = test_repo_new();
		c->prepare(fresh);
		before = repo_state(fresh, &before_len);
		r = fresh;
	}
	argc = build_argv(argv, r, c, out);
	sl_alloc_fail_after(n);
	run = test_cli_argv(argc, argv);
	*failed = sl_alloc_failures() > 0;
	*calls = sl_alloc_calls();
	sl_alloc_fail_after(-1);
	if (fresh) {
		if (*failed) {
			size_t after_len, i = 0, line = 0;
			char *after = repo_state(fresh, &after_len);
			if (after_len != before_len ||
			    memcmp(before, after, before_len) != 0) {
				while (i < before_len && i < after_len &&
				       before[i] == after[i])
					i++;
				while (i > 0 && before[i - 1] != '\n')
					i--;
				while (line < 3 && i > 0) {
					i--;
					while (i > 0 && before[i - 1] != '\n')
						i--;
					line++;
				}
				print_error(
					"first difference, before:\n%.400s\n"
					"after:\n%.400s\n",
					before + i, after + i);
				fail_msg("%s, allocation %ld failing: the "
					 "repository changed",
					 c->name, n);
			}
			free(after);
		}
		mask_output(run, fresh->dir);
		free(before);
		test_repo_free(fresh);
	}
	return run;
}

static void run_case(test_repo *r, const oom_case *c)
{
	char *out = test_repo_path(r, "oom-output");
	test_run *base, *run;
	char *base_file = NULL;
	long total, step, n, failing = 0, calls;
	bool failed;

	test_write_str(out, sentinel);
	sl_alloc_fail_after(-1);
	base = run_once(r, c, out, INT32_MAX, &failed, &total);
	if (base->status > 1)
		fail_msg("%s: status %d without fault injection: %s", c->name,
			 base->status, base->err);
	assert_true(total > 0);
	if (c->writes) {
		base_file = test_read_file(out, NULL);
		assert_non_null(base_file);
		assert_string_not_equal(base_file, sentinel);
	}

	step = total / OOM_SAMPLES > 1 ? total / OOM_SAMPLES : 1;
	if (getenv("SL_OOM_ALL") && !strcmp(getenv("SL_OOM_ALL"), "1"))
		step = 1;
	n = 0;
	if (replay_point(c->name, &n)) {
		step = total + 1;
		total = n;
	} else if (getenv("SL_OOM_AT")) {
		total = -1; /* another case is being replayed */
	}
	for (; n <= total; n += n < OOM_DENSE ? 1 : step) {
		if (c->writes)
			test_write_str(out, sentinel);
		run = run_once(r, c, out, n, &failed, &calls);
		if (failed) {
			failing++;
			assert_oom_message(c, n, run);
			if (c->writes) {
				/* Never half-written: the old file stands. */
				char *now = test_read_file(out, NULL);
				assert_non_null(now);
				if (strcmp(now, sentinel) != 0)
					fail_msg("%s, allocation %ld failing: "
						 "-o file changed",
						 c->name, n);
				free(now);
			}
		} else {
			assert_int_equal(run->status, base->status);
			assert_int_equal(run->out_len, base->out_len);
			assert_memory_equal(run->out, base->out, base->out_len);
		}
		test_run_free(run);
	}
	print_message("%s: %ld allocations, %ld runs out of memory\n", c->name,
		      total, failing);
	/* The sweep reached the command's allocations, not just set-up. */
	if (!getenv("SL_OOM_AT"))
		assert_true(failing >= (total < OOM_DENSE ? total : OOM_DENSE));
	test_run_free(base);
	free(base_file);
	remove(out);
	free(out);
}

/* OOM_TEST(name, writes_output_file, {argv...}) */
#define OOM_TEST(fn, writes, ...)                                           \
	static void test_oom__##fn(void **state)                            \
	{                                                                   \
		static const oom_case c = {#fn, __VA_ARGS__, writes, NULL}; \
		run_case(*state, &c);                                       \
	}
/* OOM_REPO_TEST(name, prepare, {argv...}): on a fresh repository each run */
#define OOM_REPO_TEST(fn, prep, ...)                                       \
	static void test_oom__##fn(void **state)                           \
	{                                                                  \
		static const oom_case c = {#fn, __VA_ARGS__, false, prep}; \
		run_case(*state, &c);                                      \
	}

OOM_TEST(lint, false, {"lint", NULL})
OOM_TEST(diff_json, false,
	 {"diff", "--format", "json", "2022-09", "2023-04", NULL})
OOM_TEST(diff_html, false, {"diff", "--format", "html", "2022-09", NULL})
OOM_TEST(diff_text, false,
	 {"diff", "--format", "text", "2022-09..2023-04", NULL})
OOM_TEST(changelog_md, false,
	 {"changelog", "--lang", "en", "2022-09..2023-04", NULL})
OOM_TEST(changelog_shinkyu, false,
	 {"changelog", "--format", "shinkyu-html", "2022-09..2023-04", NULL})
OOM_TEST(editions, false, {"editions", "--format", "json", NULL})
OOM_TEST(history, false, {"history", "--format", "json", "2-5", NULL})
OOM_TEST(history_md, false, {"history", "--format", "markdown", "1-63", NULL})
OOM_TEST(show, false, {"show", "2-5@2022-09", NULL})
OOM_TEST(blame, false, {"blame", "--chars", "2-5", NULL})
OOM_TEST(blame_sheet, false, {"blame", "sheet", "--format", "json", NULL})
OOM_TEST(history_html, false, {"history", "--format", "html", "3-2", NULL})
OOM_TEST(log, false, {"log", "--format", "json", NULL})
OOM_TEST(audit, false, {"audit", "--format", "csv", "2022-09..2023-04", NULL})
OOM_TEST(review_html, true, {"review", "--format", "html", "-o", NULL})
OOM_TEST(review_md, false, {"review", "--format", "markdown", NULL})
/* CSV: no cutoff time in it, so runs a second apart print the same. */
OOM_TEST(stale, false, {"stale", "--format", "csv", NULL})
OOM_TEST(export_json, true,
	 {"export", "--format", "json", "--at", "2022-09", "-o", NULL})
OOM_TEST(export_csv, true, {"export", "--format", "csv", "-o", NULL})
OOM_TEST(export_xlsx, true,
	 {"export", "--format", "xlsx", "--changes-since", "2022-09", "-o",
	  NULL})
OOM_TEST(import_csv, false,
	 {"import", "--from", "csv", "edit.csv", "--delete-missing", NULL})
OOM_TEST(import_xlsx, false,
	 {"import", "--from", "xlsx", "edit.xlsx", "--delete-missing", NULL})
OOM_TEST(fmt_check, false, {"fmt", "--check", NULL})
OOM_REPO_TEST(publish, prepare_publish,
	      {"publish", "2023-10", "-m", "2023年10月版を公開", NULL})
/* approve: the fixture's editions, a commit after them by Test Author
 * and another identity to approve it; the walker's cache filled by a
 * review first. A failure at any point leaves refs/sheetlog/approvals
 * (and every file) as it was. */
static void prepare_approve(test_repo *r)
{
	char *config = test_repo_path(r, ".git/config"), *text, *more;
	test_run *run;
	test_repo_build_fixture_demo(r);
	test_repo_write(r, "checklist/items/1-1.json",
			"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
			"  \"scope\": \"provider\",\n"
			"  \"question\": \"通知時間は。\",\n"
			"  \"answer\": \"30分以内に通知します。\"\n}\n");
	test_repo_commit(r, "1-1: shorter");
	text = test_read_file(config, NULL);
	more = test_fmt("%s[user]\n\tname = 審査 花子\n"
			"\temail = hanako@example.com\n",
			text);
	test_write_str(config, more);
	free(more);
	free(text);
	free(config);
	run = test_cli("-C", r->dir, "review", NULL);
	test_run_free(run);
}

OOM_REPO_TEST(approve, prepare_approve, {"approve", "--all", "-m", "ok", NULL})
OOM_REPO_TEST(install_hooks, prepare_empty,
	      {"install-hooks", "--program", SHEETLOG, NULL})
/* With the diff driver: the hook, info/attributes and the config are all
 * prepared before the first visible change (staged files, one config
 * transaction), so no failure leaves a hook or a [diff "sheetlog"]. */
OOM_REPO_TEST(install_hooks_diff_driver, prepare_empty,
	      {"install-hooks", "--program", SHEETLOG, "--diff-driver", NULL})
/* Import into the fixture repository: a failure at any point leaves every
 * file as it was (the store lists stale files before its first write) and
 * says so in one line. */
OOM_REPO_TEST(import_seed, prepare_fixture,
	      {"import", "--from", "seed", SEED, NULL})
OOM_REPO_TEST(history_bloom, prepare_bloom, {"history", "1-2", NULL})
/* Structural edits and notation fixes: every allocation happens before
 * the first rename, so a failure anywhere leaves every file as it was. */
OOM_REPO_TEST(insert, prepare_fixture,
	      {"insert", "2-1", "--question", "質問", "--answer", "回答", NULL})
OOM_REPO_TEST(remove, prepare_fixture, {"remove", "1-2", NULL})
OOM_REPO_TEST(lint_fix_write, prepare_fixture,
	      {"lint", "--fix", "--write", NULL})

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom__lint),
		cmocka_unit_test(test_oom__diff_json),
		cmocka_unit_test(test_oom__diff_html),
		cmocka_unit_test(test_oom__diff_text),
		cmocka_unit_test(test_oom__changelog_md),
		cmocka_unit_test(test_oom__changelog_shinkyu),
		cmocka_unit_test(test_oom__editions),
		cmocka_unit_test(test_oom__history),
		cmocka_unit_test(test_oom__history_md),
		cmocka_unit_test(test_oom__show),
		cmocka_unit_test(test_oom__blame),
		cmocka_unit_test(test_oom__blame_sheet),
		cmocka_unit_test(test_oom__history_html),
		cmocka_unit_test(test_oom__log),
		cmocka_unit_test(test_oom__audit),
		cmocka_unit_test(test_oom__review_html),
		cmocka_unit_test(test_oom__review_md),
		cmocka_unit_test(test_oom__stale),
		cmocka_unit_test(test_oom__export_json),
		cmocka_unit_test(test_oom__export_csv),
		cmocka_unit_test(test_oom__export_xlsx),
		cmocka_unit_test(test_oom__import_csv),
		cmocka_unit_test(test_oom__import_xlsx),
		cmocka_unit_test(test_oom__fmt_check),
		cmocka_unit_test(test_oom__publish),
		cmocka_unit_test(test_oom__approve),
		cmocka_unit_test(test_oom__install_hooks),
		cmocka_unit_test(test_oom__install_hooks_diff_driver),
		cmocka_unit_test(test_oom__import_seed),
		cmocka_unit_test(test_oom__history_bloom),
		cmocka_unit_test(test_oom__insert),
		cmocka_unit_test(test_oom__remove),
		cmocka_unit_test(test_oom__lint_fix_write),
	};
	/* SL_OOM_ONLY=PATTERN (cmocka's * and ?) runs some cases only, e.g.
	 * to split an SL_OOM_ALL run over two cores. */
	if (getenv("SL_OOM_ONLY"))
		cmocka_set_test_filter(getenv("SL_OOM_ONLY"));
	return cmocka_run_group_tests(tests, setup, teardown);
}
