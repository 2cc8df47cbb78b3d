/*
 * test_cmd_install_hooks.c: `sheetlog install-hooks`: the hook file (place,
 * mode, script), refusing to replace a foreign hook, --force with its
 * backup (never overwriting an earlier one with a foreign hook),
 * core.hooksPath, --diff-driver's config and attributes (idempotent), and
 * the hook at work: the git CLI commits (running hooks is git's feature)
 * with an invalid staged item refused and a valid one let through, also
 * for `git commit -a` (GIT_INDEX_FILE) and with the embedded path gone.
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_cli.h"
#include "test_repo.h"
#include "test_sh.h"
#include "test_tmp.h"

#define SHEETLOG SL_BINARY_DIR "/sheetlog"

static char *read_rel(test_repo *r, const char *rel)
{
	char *p = test_repo_path(r, rel), *data;
	size_t len;
	data = test_read_file(p, &len);
	free(p);
	return data;
}

static unsigned mode_of(test_repo *r, const char *rel)
{
	char *p = test_repo_path(r, rel);
	struct stat st;
	int rc = stat(p, &st);
	free(p);
	return rc == 0 ? (unsigned)(st.st_mode & 07777) : 0;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;
	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

static void set_config(test_repo *r, const char *key, const char *value)
{
	git_config *c;
	assert_int_equal(git_repository_config(&c, r->git), 0);
	assert_int_equal(git_config_set_string(c, key, value), 0);
	git_config_free(c);
}

/* new: a config value as the repository now has it (re-read). */
static char *get_config(test_repo *r, const char *key)
{
	git_repository *g;
	git_config *c;
	git_buf b = GIT_BUF_INIT;
	char *v = NULL;
	assert_int_equal(git_repository_open(&g, r->dir), 0);
	assert_int_equal(git_repository_config_snapshot(&c, g), 0);
	if (git_config_get_string_buf(&b, c, key) == 0)
		v = strdup(b.ptr);
	git_buf_dispose(&b);
	git_config_free(c);
	git_repository_free(g);
	return v;
}

static void test_install_hooks__fresh_repo_gets_executable_hook(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	char *hook, *path, *expect, *cmd;
	(void)state;
	run = test_cli("-C", r->dir, "install-hooks", "--program", SHEETLOG,
		       NULL);
	assert_int_equal(run->status, 0);
	path = test_repo_path(r, ".git/hooks/pre-commit");
	expect = test_fmt("installed the pre-commit hook: %s\n", path);
	assert_string_equal(run->out, expect);
	assert_string_equal(run->err, "");
	test_run_free(run);
	assert_int_equal(mode_of(r, ".git/hooks/pre-commit"), 0755);
	hook = read_rel(r, ".git/hooks/pre-commit");
	assert_non_null(hook);
	assert_true(!strncmp(hook, "#!/bin/sh\n", 10));
	assert_non_null(strstr(hook, "\nSHEETLOG='" SHEETLOG "'\n"));
	assert_non_null(strstr(hook, "lint INDEX --quiet"));
	assert_non_null(strstr(hook, "--index-file \"$GIT_INDEX_FILE\""));
	/* Valid sh, as dash and bash both read it. */
	cmd = test_fmt("sh -n '%s'", path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* Again: nothing to do, still success, same bytes. */
	run = test_cli("-C", r->dir, "install-hooks", "--program", SHEETLOG,
		       NULL);
	assert_int_equal(run->status, 0);
	assert_non_null(strstr(run->out, "up to date"));
	test_run_free(run);
	{
		char *again = read_rel(r, ".git/hooks/pre-commit");
		assert_string_equal(again, hook);
		free(again);
	}
	/* Without --program: the running executable, by absolute path. */
	test_repo_remove(r, ".git/hooks/pre-commit");
	run = test_cli("-C", r->dir, "install-hooks", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	free(hook);
	hook = read_rel(r, ".git/hooks/pre-commit");
	assert_non_null(strstr(hook, "\nSHEETLOG='/"));
	free(hook);
	free(expect);
	free(path);
	test_repo_free(r);
}

static void
test_install_hooks__existing_hook_refused_without_force(void **state)
{
	test_repo *r = test_repo_new();
	static const char mine[] = "#!/bin/sh\necho mine\n";
	test_run *run;
	char *path, *expect, *now, *backup;
	(void)state;
	test_repo_write(r, ".git/hooks/pre-commit", mine);
	path = test_repo_path(r, ".git/hooks/pre-commit");
	chmod(path, 0700);
	run = test_cli("-C", r->dir, "install-hooks", "--program", SHEETLOG,
		       NULL);
	assert_int_equal(run->status, 2);
	assert_int_equal(run->out_len, 0);
	expect = test_fmt(
		"sheetlog: a pre-commit hook exists already: '%s' (--force "
		"replaces it and keeps it as pre-commit.sheetlog-backup)\n",
		path);
	assert_string_equal(run->err, expect);
	test_run_free(run);
	now = read_rel(r, ".git/hooks/pre-commit");
	assert_string_equal(now, mine);
	assert_int_equal(mode_of(r, ".git/hooks/pre-commit"), 0700);
	backup = read_rel(r, ".git/hooks/pre-commit.sheetlog-backup");
	assert_null(backup);
	/* --diff-driver is refused with it: nothing at all was written. */
	run = test_cli("-C", r->dir, "install-hooks", "--diff-driver", NULL);
	assert_int_equal(run->status, 2);
	test_run_free(run);
	assert_null(get_config(r, "diff.sheetlog.textconv"));
	assert_null(read_rel(r, ".git/info/attributes"));
	free(now);
	free(expect);
	free(path);
	test_repo_free(r);
}

static void test_install_hooks__force_keeps_the_old_hook_as_backup(void **state)
{
	test_repo *r = test_repo_new();
	static const char mine[] = "#!/bin/sh\necho mine\n";
	static const char other[] = "#!/bin/sh\necho other\n";
	test_run *run;
	char *path, *backup, *hook;
	(void)state;
	test_repo_write(r, ".git/hooks/pre-commit", mine);
	path = test_repo_path(r, ".git/hooks/pre-commit");
	chmod(path, 0700);
	run = test_cli("-C", r->dir, "install-hooks", "--force", "--program",
		       SHEETLOG, NULL);
	assert_int_equal(run->status, 0);
	backup = test_fmt("kept the previous hook as %s.sheetlog-backup\n",
			  path);
	assert_true(!strncmp(run->out, backup, strlen(backup)));
	free(backup);
	test_run_free(run);
	/* The old hook whole, with its own mode; ours in its place. */
	backup = read_rel(r, ".git/hooks/pre-commit.sheetlog-backup");
	assert_string_equal(backup, mine);
	free(backup);
	assert_int_equal(mode_of(r, ".git/hooks/pre-commit.sheetlog-backup"),
			 0700);
	assert_int_equal(mode_of(r, ".git/hooks/pre-commit"), 0755);
	hook = read_rel(r, ".git/hooks/pre-commit");
	assert_non_null(strstr(hook, "lint INDEX --quiet"));
	free(hook);

	/* Replacing our own hook (another program path) leaves the backup
	 * of the user's hook alone. */
	run = test_cli("-C", r->dir, "install-hooks", "--force", "--program",
		       "/elsewhere/sheetlog", NULL);
	assert_int_equal(run->status, 0);
	assert_null(strstr(run->out, "kept the previous hook"));
	test_run_free(run);
	backup = read_rel(r, ".git/hooks/pre-commit.sheetlog-backup");
	assert_string_equal(backup, mine);
	free(backup);
	hook = read_rel(r, ".git/hooks/pre-commit");
	assert_non_null(strstr(hook, "SHEETLOG='/elsewhere/sheetlog'"));
	free(hook);

	/* A foreign hook while a backup exists: refused, both untouched. */
	test_repo_write(r, ".git/hooks/pre-commit", other);
	run = test_cli("-C", r->dir, "install-hooks", "--force", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "pre-commit.sheetlog-backup' exists "
					 "already (move it away first)"));
	test_run_free(run);
	hook = read_rel(r, ".git/hooks/pre-commit");
	assert_string_equal(hook, other);
	free(hook);
	backup = read_rel(r, ".git/hooks/pre-commit.sheetlog-backup");
	assert_string_equal(backup, mine);
	free(backup);
	free(path);
	test_repo_free(r);
}

static void test_install_hooks__core_hooks_path_is_honoured(void **state)
{
	test_repo *r = test_repo_new();
	char *abs_dir = test_tmp_dir(), *p, *hook;
	test_run *run;
	(void)state;
	/* Relative: to the top of the working tree, where git runs hooks;
	 * created when missing. */
	set_config(r, "core.hooksPath", "tools/hooks");
	run = test_cli("-C", r->dir, "install-hooks", "--program", SHEETLOG,
		       NULL);
	assert_int_equal(run->status, 0);
	p = test_repo_path(r, "tools/hooks/pre-commit");
	assert_non_null(strstr(run->out, p));
	free(p);
	test_run_free(run);
	assert_int_equal(mode_of(r, "tools/hooks/pre-commit"), 0755);
	assert_int_equal(mode_of(r, ".git/hooks/pre-commit"), 0);
	/* Absolute. */
	set_config(r, "core.hooksPath", abs_dir);
	run = test_cli("-C", r->dir, "install-hooks", "--program", SHEETLOG,
		       NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	p = test_fmt("%s/pre-commit", abs_dir);
	hook = test_read_file(p, NULL);
	assert_non_null(hook);
	assert_non_null(strstr(hook, "lint INDEX --quiet"));
	free(hook);
	free(p);
	test_tmp_rm(abs_dir);
	free(abs_dir);
	test_repo_free(r);
}

static void test_install_hooks__diff_driver_config_and_attributes(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	char *attrs, *v;
	int i;
	(void)state;
	/* An attributes file of the user's own, without a final newline. */
	test_repo_write(r, ".git/info/attributes", "*.png binary");
	for (i = 0; i < 2; i++) {
		run = test_cli("-C", r->dir, "install-hooks", "--diff-driver",
			       "--program", "/opt/my tools/sheetlog", NULL);
		assert_int_equal(run->status, 0);
		assert_non_null(strstr(run->out,
				       i == 0 ? "added 'checklist/items/*.json "
						"diff=sheetlog' to "
					      : "is in "));
		test_run_free(run);
	}
	/* The path is quoted for the shell git runs the driver with. */
	v = get_config(r, "diff.sheetlog.textconv");
	assert_string_equal(v, "'/opt/my tools/sheetlog' textconv");
	free(v);
	v = get_config(r, "diff.sheetlog.cachetextconv");
	assert_string_equal(v, "true");
	free(v);
	attrs = read_rel(r, ".git/info/attributes");
	assert_string_equal(attrs, "*.png binary\n"
				   "checklist/items/*.json diff=sheetlog\n");
	free(attrs);
	/* The tracked .gitattributes is not the tool's to change. */
	assert_null(read_rel(r, ".gitattributes"));
	/* In the repository's own config file, not a global one. */
	{
		char *cfg = read_rel(r, ".git/config");
		assert_int_equal(count(cfg, "[diff \"sheetlog\"]"), 1);
		free(cfg);
	}
	test_repo_free(r);
}

static void
test_install_hooks__diff_driver_leaves_our_own_hook_alone(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	char *before, *after, *v;
	(void)state;
	/* A hook from an earlier install, by another sheetlog binary. */
	run = test_cli("-C", r->dir, "install-hooks", "--program",
		       "/old/bin/sheetlog", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	before = read_rel(r, ".git/hooks/pre-commit");
	run = test_cli("-C", r->dir, "install-hooks", "--diff-driver",
		       "--program", "/new/bin/sheetlog", NULL);
	assert_int_equal(run->status, 0);
	assert_string_equal(run->err, "");
	assert_non_null(strstr(run->out, "kept sheetlog's pre-commit hook "
					 "as it is"));
	assert_non_null(strstr(run->out, "added 'checklist/items/*.json"));
	test_run_free(run);
	after = read_rel(r, ".git/hooks/pre-commit");
	assert_string_equal(after, before);
	assert_non_null(strstr(after, "/old/bin/sheetlog"));
	v = get_config(r, "diff.sheetlog.textconv");
	assert_string_equal(v, "/new/bin/sheetlog textconv");
	free(v);
	free(before);
	free(after);
	/* A hook of the user's own is still refused, and nothing set. */
	test_repo_free(r);
	r = test_repo_new();
	test_repo_write(r, ".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n");
	run = test_cli("-C", r->dir, "install-hooks", "--diff-driver", NULL);
	assert_int_equal(run->status, 2);
	assert_non_null(strstr(run->err, "a pre-commit hook exists already"));
	test_run_free(run);
	assert_null(get_config(r, "diff.sheetlog.textconv"));
	assert_null(read_rel(r, ".git/info/attributes"));
	test_repo_free(r);
}

/* new: HEAD's commit id, through the git CLI. */
static char *head_of(test_repo *r)
{
	char *out;
	assert_int_equal(test_git_sh(&out, r->dir, NULL, "git rev-parse HEAD"),
			 0);
	return out;
}

static const char empty_answer[] =
	"{\n  \"id\": \"1-61\",\n  \"section\": \"1\",\n"
	"  \"scope\": \"provider\",\n  \"category\": \"監視\",\n"
	"  \"question\": \"通知までの時間は?\",\n  \"answer\": \"\"\n}\n";
static const char empty_answer_1_1[] =
	"{\n  \"id\": \"1-1\",\n  \"section\": \"1\",\n"
	"  \"scope\": \"provider\",\n  \"category\": \"監視\",\n"
	"  \"question\": \"通知までの時間は?\",\n  \"answer\": \"\"\n}\n";
static const char good_answer[] =
	"{\n  \"id\": \"1-61\",\n  \"section\": \"1\",\n"
	"  \"scope\": \"provider\",\n  \"category\": \"監視\",\n"
	"  \"question\": \"通知までの時間は?\",\n"
	"  \"answer\": \"30分以内に通知します。\"\n}\n";

static void test_install_hooks__hook_blocks_invalid_commit(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	char *out, *before, *after;
	(void)state;
	test_repo_copy_fixture(r);
	test_repo_commit(r, "base");
	run = test_cli("-C", r->dir, "install-hooks", "--program", SHEETLOG,
		       NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);

	/* Staged: an empty answer. Refused, with lint's finding shown. */
	before = head_of(r);
	test_repo_write(r, "checklist/items/1-61.json", empty_answer);
	test_repo_stage(r, "checklist/items/1-61.json");
	assert_int_equal(
		test_git_sh(&out, r->dir, NULL, "git commit -q -m bad"), 1);
	assert_non_null(strstr(out, "checklist/items/1-61.json:7:"));
	assert_non_null(strstr(out, "error: answer is empty"));
	assert_non_null(strstr(out, "pre-commit: the staged sheet has lint "
				    "errors (above); commit refused"));
	free(out);
	after = head_of(r);
	assert_string_equal(before, after);
	free(after);

	/* Staged: a valid edit. Committed. */
	test_repo_write(r, "checklist/items/1-61.json", good_answer);
	test_repo_stage(r, "checklist/items/1-61.json");
	assert_int_equal(
		test_git_sh(&out, r->dir, NULL, "git commit -q -m good"), 0);
	free(out);
	after = head_of(r);
	assert_string_not_equal(before, after);
	free(before);
	before = after;

	/* `git commit -a`: the index on disk is clean, the invalid edit is
	 * only in the working tree; git hands the hook a temporary index
	 * (GIT_INDEX_FILE), and that is what must be checked. */
	test_repo_write(r, "checklist/items/1-61.json", empty_answer);
	assert_int_equal(
		test_git_sh(&out, r->dir, NULL, "git commit -q -a -m bad-a"),
		1);
	assert_non_null(strstr(out, "error: answer is empty"));
	free(out);
	after = head_of(r);
	assert_string_equal(before, after);
	free(after);
	free(before);
	test_repo_free(r);
}

static void test_install_hooks__hook_falls_back_to_path(void **state)
{
	test_repo *r = test_repo_new();
	test_run *run;
	char *out;
	(void)state;
	test_repo_copy_fixture(r);
	test_repo_commit(r, "base");
	/* The embedded sheetlog is gone: the hook takes the one on PATH. */
	run = test_cli("-C", r->dir, "install-hooks", "--program",
		       "/nonexistent/bin/sheetlog", NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	test_repo_write(r, "checklist/items/1-61.json", empty_answer);
	test_repo_stage(r, "checklist/items/1-61.json");
	assert_int_equal(test_git_sh(&out, r->dir, SL_BINARY_DIR,
				     "git commit -q -m bad"),
			 1);
	assert_non_null(strstr(out, "error: answer is empty"));
	free(out);
	/* No sheetlog anywhere: refused with a message saying so. */
	assert_int_equal(test_git_sh(&out, r->dir, NULL,
				     "PATH=/usr/bin:/bin git commit -q -m bad"),
			 1);
	assert_non_null(strstr(out, "pre-commit: sheetlog not found"));
	free(out);
	test_repo_free(r);
}

/* A program path with a space and an apostrophe reaches the shell intact:
 * the hook really runs that program (and refuses the bad commit), and git
 * diff really runs it as the textconv driver. */
static void test_install_hooks__awkward_program_path_runs(void **state)
{
	test_repo *r = test_repo_new();
	char *dir = test_tmp_dir();
	char *sub = test_fmt("%s/my tools", dir);
	char *sub2 = test_fmt("%s/it's", sub);
	char *prog = test_fmt("%s/sheetlog", sub2), *out, *v;
	test_run *run;
	(void)state;
	assert_int_equal(mkdir(sub, 0777), 0);
	assert_int_equal(mkdir(sub2, 0777), 0);
	assert_int_equal(symlink(SHEETLOG, prog), 0);
	test_repo_copy_fixture(r);
	test_repo_commit(r, "base");
	run = test_cli("-C", r->dir, "install-hooks", "--diff-driver",
		       "--program", prog, NULL);
	assert_int_equal(run->status, 0);
	test_run_free(run);
	v = get_config(r, "diff.sheetlog.textconv");
	out = test_fmt("'%s/my tools/it'\\''s/sheetlog' textconv", dir);
	assert_string_equal(v, out);
	free(out);
	free(v);

	/* The fixture's 1-1 with its answer emptied. */
	test_repo_write(r, "checklist/items/1-1.json", empty_answer_1_1);
	/* Before staging: git diff shows the item as labelled text. */
	assert_int_equal(test_git_sh(&out, r->dir, NULL, "git diff"), 0);
	assert_non_null(strstr(out, "回答内容"));
	assert_null(strstr(out, "\"answer\":"));
	free(out);
	test_repo_stage(r, "checklist/items/1-1.json");
	assert_int_equal(
		test_git_sh(&out, r->dir, NULL, "git commit -q -m bad"), 1);
	assert_non_null(strstr(out, "error: answer is empty"));
	free(out);
	test_repo_free(r);
	free(prog);
	free(sub2);
	free(sub);
	test_tmp_rm(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_install_hooks__fresh_repo_gets_executable_hook),
		cmocka_unit_test(
			test_install_hooks__existing_hook_refused_without_force),
		cmocka_unit_test(
			test_install_hooks__force_keeps_the_old_hook_as_backup),
		cmocka_unit_test(
			test_install_hooks__core_hooks_path_is_honoured),
		cmocka_unit_test(
			test_install_hooks__diff_driver_config_and_attributes),
		cmocka_unit_test(
			test_install_hooks__hook_blocks_invalid_commit),
		cmocka_unit_test(
			test_install_hooks__diff_driver_leaves_our_own_hook_alone),
		cmocka_unit_test(test_install_hooks__hook_falls_back_to_path),
		cmocka_unit_test(test_install_hooks__awkward_program_path_runs),
	};
	return cmocka_run_group_tests_name("cmd_install_hooks", tests,
					   test_isolated_setup,
					   test_isolated_teardown);
}
