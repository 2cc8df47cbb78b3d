/*
 * test_restructure.c: restructure.c's plans on a working tree, without
 * the CLI: ids that are not SECTION-NUMBER stay as they are, a plan that
 * would give two items one id is refused, an item's own scope survives a
 * move to another section, and the unstaged check names the file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "error.h"
#include "load.h"
#include "repo.h"
#include "repo_snapshot.h"
#include "restructure.h"
#include "test_repo.h"
#include "test_tmp.h"

typedef struct fixture {
	test_repo *r;
	sl_repo *repo;
	sl_snapshot *snap;
	sl_sheet *sheet;
} fixture;

static void item(test_repo *r, const char *id, const char *section,
		 const char *scope, const char *question)
{
	char *rel = test_fmt("checklist/items/%s.json", id);
	char *text =
		test_fmt("{\n  \"id\": \"%s\",\n  \"section\": \"%s\",\n"
			 "%s%s%s  \"question\": \"%s\",\n"
			 "  \"answer\": \"a\"\n}\n",
			 id, section, scope ? "  \"scope\": \"" : "",
			 scope ? scope : "", scope ? "\",\n" : "", question);
	test_repo_write(r, rel, text);
	free(rel);
	free(text);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	sl_repo_global_init();
	f->r = test_repo_new();
	test_repo_copy_fixture(f->r);
	item(f->r, "2-2", "2", "provider", "q2");
	/* Not SECTION-NUMBER: never renumbered. */
	item(f->r, "2-x", "2", "provider", "qx");
	/* An item of section 2 with a scope of its own (not its section's). */
	item(f->r, "2-3", "2", "customer", "q3");
	test_repo_commit(f->r, "base");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	sl_sheet_free(f->sheet);
	sl_snapshot_free(f->snap);
	sl_repo_free(f->repo);
	test_repo_free(f->r);
	free(f);
	sl_repo_global_shutdown();
	return 0;
}

static void load(fixture *f)
{
	sl_diag_list d = SL_DIAG_LIST_INIT;
	sl_sheet_free(f->sheet);
	sl_snapshot_free(f->snap);
	f->sheet = NULL;
	f->snap = NULL;
	if (!f->repo)
		assert_int_equal(sl_repo_open(&f->repo, f->r->dir), 0);
	assert_int_equal(sl_snapshot_open(&f->snap, f->repo, SL_SNAP_WORKTREE,
					  NULL, "WORKTREE"),
			 0);
	assert_int_equal(sl_load_sheet(&f->sheet, &d, f->snap), 0);
	assert_int_equal(d.errors, 0);
	sl_diag_list_dispose(&d);
}

/* "old>new" per change, space-separated ("-" for none). */
static char *describe(const sl_restructure_plan *p)
{
	static char out[512];
	size_t i;
	out[0] = '\0';
	for (i = 0; i < sl_restructure_change_count(p); i++) {
		const sl_restructure_change *c = sl_restructure_change_at(p, i);
		char *one = test_fmt("%s%s>%s", i ? " " : "",
				     c->old_id ? c->old_id : "-",
				     c->new_id ? c->new_id : "-");
		strncat(out, one, sizeof(out) - strlen(out) - 1);
		free(one);
	}
	return out;
}

static void test_restructure__other_ids_stay_put(void **state)
{
	fixture *f = *state;
	sl_restructure_options o = SL_RESTRUCTURE_OPTIONS_INIT;
	sl_restructure_plan *p = NULL;
	load(f);
	o.kind = SL_RESTRUCTURE_INSERT;
	o.id = "2-1";
	assert_int_equal(sl_restructure_plan_new(&p, f->sheet, f->snap, &o), 0);
	assert_string_equal(describe(p), "->2-1 2-1>2-2 2-2>2-3 2-3>2-4");
	assert_int_equal(sl_restructure_files_written(p), 4);
	assert_int_equal(sl_restructure_files_removed(p), 0);
	sl_restructure_plan_free(p);
}

static void test_restructure__two_items_with_one_id_are_refused(void **state)
{
	fixture *f = *state;
	sl_restructure_options o = SL_RESTRUCTURE_OPTIONS_INIT;
	sl_restructure_plan *p = NULL;
	/* 2-4 filed under section 3 is not one of section 2's numbers. */
	item(f->r, "2-4", "3", "customer", "q4");
	load(f);
	o.kind = SL_RESTRUCTURE_INSERT;
	o.id = "2-2";
	assert_int_equal(sl_restructure_plan_new(&p, f->sheet, f->snap, &o),
			 SL_EINVALID);
	assert_null(p);
	assert_string_equal(sl_error_last()->message,
			    "two items would be 2-4: rename one by hand first");
}

static void test_restructure__own_scope_survives_a_move(void **state)
{
	fixture *f = *state;
	sl_restructure_options o = SL_RESTRUCTURE_OPTIONS_INIT;
	sl_restructure_plan *p = NULL;
	char *path, *text;
	load(f);
	o.kind = SL_RESTRUCTURE_MOVE;
	o.id = "2-3";
	o.to = "1-3";
	o.renumber = false;
	assert_int_equal(sl_restructure_plan_new(&p, f->sheet, f->snap, &o), 0);
	assert_string_equal(describe(p), "2-3>1-3");
	assert_int_equal(sl_restructure_check_worktree(p, f->repo), 0);
	assert_int_equal(sl_restructure_apply(p, sl_repo_workdir(f->repo)), 0);
	sl_restructure_plan_free(p);
	path = test_repo_path(f->r, "checklist/items/1-3.json");
	text = test_read_file(path, NULL);
	/* Section 1's scope is provider, like 2's: customer was its own. */
	assert_string_equal(text,
			    "{\n  \"id\": \"1-3\",\n  \"section\": \"1\",\n"
			    "  \"scope\": \"customer\",\n"
			    "  \"question\": \"q3\",\n"
			    "  \"answer\": \"a\"\n}\n");
	free(text);
	free(path);
}

static void test_restructure__unstaged_check_names_the_file(void **state)
{
	fixture *f = *state;
	sl_restructure_options o = SL_RESTRUCTURE_OPTIONS_INIT;
	sl_restructure_plan *p = NULL;
	test_repo_remove(f->r, "checklist/items/2-2.json");
	item(f->r, "2-2", "2", "provider", "edited");
	load(f);
	o.kind = SL_RESTRUCTURE_REMOVE;
	o.id = "2-1";
	assert_int_equal(sl_restructure_plan_new(&p, f->sheet, f->snap, &o), 0);
	assert_int_equal(sl_restructure_check_worktree(p, f->repo),
			 SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message,
			       "checklist/items/2-2.json has unstaged changes "
			       "(modified in the working tree)"));
	sl_restructure_plan_free(p);
}

static void
test_restructure__removing_an_untracked_file_is_refused(void **state)
{
	fixture *f = *state;
	sl_restructure_options o = SL_RESTRUCTURE_OPTIONS_INIT;
	sl_restructure_plan *p = NULL;
	/* Never committed: removing it would lose its bytes for good. */
	item(f->r, "2-4", "2", "provider", "q4");
	load(f);
	o.kind = SL_RESTRUCTURE_REMOVE;
	o.id = "2-4";
	assert_int_equal(sl_restructure_plan_new(&p, f->sheet, f->snap, &o), 0);
	assert_int_equal(sl_restructure_check_worktree(p, f->repo),
			 SL_EINVALID);
	assert_non_null(strstr(sl_error_last()->message,
			       "checklist/items/2-4.json has unstaged changes "
			       "(untracked in the working tree)"));
	sl_restructure_plan_free(p);
	/* Renaming it moves its bytes: allowed. */
	o.kind = SL_RESTRUCTURE_INSERT;
	o.id = "2-4";
	assert_int_equal(sl_restructure_plan_new(&p, f->sheet, f->snap, &o), 0);
	assert_int_equal(sl_restructure_check_worktree(p, f->repo), 0);
	sl_restructure_plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_restructure__other_ids_stay_put),
		T(test_restructure__two_items_with_one_id_are_refused),
		T(test_restructure__own_scope_survives_a_move),
		T(test_restructure__unstaged_check_names_the_file),
		T(test_restructure__removing_an_untracked_file_is_refused),
#undef T
	};
	return cmocka_run_group_tests_name("restructure", tests, NULL, NULL);
}
