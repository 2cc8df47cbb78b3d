/*
 * test_repo_tree.c: raw git tree objects compared in place: unchanged
 * entries are skipped, added, removed and changed ones named once, git's
 * tree order (a tree sorts as if its name ended in '/') respected, and a
 * malformed entry refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "repo_tree.h"
#include "vec.h"

typedef struct tree {
	unsigned char bytes[1024];
	size_t len;
} tree;

/* Append "<mode> <name>\0<20 bytes of id>" with every id byte = id. */
static void add(tree *t, const char *mode, const char *name, unsigned char id)
{
	size_t m = strlen(mode), n = strlen(name);
	memcpy(t->bytes + t->len, mode, m);
	t->bytes[t->len + m] = ' ';
	memcpy(t->bytes + t->len + m + 1, name, n + 1);
	memset(t->bytes + t->len + m + 1 + n + 1, id, 20);
	t->len += m + 1 + n + 1 + 20;
}

/* The changed names joined with ",". */
static char *changed(const tree *a, const tree *b)
{
	sl_vec names = SL_VEC_INIT;
	static char out[512];
	size_t i;
	assert_int_equal(sl_tree_raw_diff(&names, "items/", a->bytes, a->len,
					  b->bytes, b->len),
			 0);
	out[0] = '\0';
	for (i = 0; i < names.len; i++) {
		if (i)
			strcat(out, ",");
		strcat(out, names.items[i]);
	}
	sl_vec_free_all(&names);
	return out;
}

static void test_repo_tree__equal_trees_differ_nowhere(void **state)
{
	tree a = {{0}, 0};
	(void)state;
	add(&a, "100644", "1-1.json", 1);
	add(&a, "100644", "1-2.json", 2);
	assert_string_equal(changed(&a, &a), "");
	assert_string_equal(changed(&(tree){{0}, 0}, &(tree){{0}, 0}), "");
}

/* a, and b with 1-2 removed, 1-3's id and 1-4's mode changed and 1-5
 * added (with added_mode). */
static void four_changes(tree *a, tree *b, const char *added_mode,
			 const char *added)
{
	add(a, "100644", "1-1.json", 1);
	add(a, "100644", "1-2.json", 2); /* removed */
	add(a, "100644", "1-3.json", 3); /* id changes */
	add(a, "100644", "1-4.json", 4); /* mode changes */
	add(b, "100644", "1-1.json", 1);
	add(b, "100644", "1-3.json", 9);
	add(b, "100755", "1-4.json", 4);
	add(b, added_mode, added, 5); /* added */
}

static void
test_repo_tree__added_removed_and_changed_are_named_once(void **state)
{
	tree a = {{0}, 0}, b = {{0}, 0};
	(void)state;
	four_changes(&a, &b, "100644", "1-5.json");
	assert_string_equal(changed(&a, &b),
			    "items/1-2.json,items/1-3.json,items/1-4.json,"
			    "items/1-5.json");
	assert_string_equal(changed(&b, &a),
			    "items/1-2.json,items/1-3.json,items/1-4.json,"
			    "items/1-5.json");
}

/* The sides of each changed name: which entry (mode, id) each tree has,
 * in the names' order; none where a tree lacks the name. */
static void test_repo_tree__sides_give_each_name_its_two_entries(void **state)
{
	tree a = {{0}, 0}, b = {{0}, 0};
	sl_vec names = SL_VEC_INIT;
	sl_tree_raw_sides_list sides = SL_TREE_RAW_SIDES_INIT;
	unsigned char id[20];
	(void)state;
	four_changes(&a, &b, "40000", "1-5"); /* 1-5 a tree */
	assert_int_equal(sl_tree_raw_diff_sides(&names, &sides, "items/",
						a.bytes, a.len, b.bytes, b.len),
			 0);
	assert_int_equal(names.len, 4);
	assert_int_equal(sides.len, 4);
	assert_false(sides.unusable);
	assert_string_equal(names.items[0], "items/1-2.json");
	assert_int_equal(sides.v[0].mode[0], 0100644);
	assert_int_equal(sides.v[0].mode[1], 0);
	memset(id, 2, 20);
	assert_memory_equal(sides.v[0].id[0], id, 20);
	assert_string_equal(names.items[1], "items/1-3.json");
	memset(id, 3, 20);
	assert_memory_equal(sides.v[1].id[0], id, 20);
	memset(id, 9, 20);
	assert_memory_equal(sides.v[1].id[1], id, 20);
	assert_int_equal(sides.v[2].mode[0], 0100644);
	assert_int_equal(sides.v[2].mode[1], 0100755);
	assert_string_equal(names.items[3], "items/1-5");
	assert_int_equal(sides.v[3].mode[0], 0);
	assert_int_equal(sides.v[3].mode[1], 040000);
	memset(id, 5, 20);
	assert_memory_equal(sides.v[3].id[1], id, 20);
	sl_vec_free_all(&names);
	sl_tree_raw_sides_dispose(&sides);
}

/* Diffing a against b names one entry, and its sides are unusable. */
static void assert_one_name_unusable_sides(const tree *a, const tree *b)
{
	sl_vec names = SL_VEC_INIT;
	sl_tree_raw_sides_list sides = SL_TREE_RAW_SIDES_INIT;
	assert_int_equal(sl_tree_raw_diff_sides(&names, &sides, "items/",
						a->bytes, a->len, b->bytes,
						b->len),
			 0);
	assert_int_equal(names.len, 1);
	assert_true(sides.unusable);
	sl_vec_free_all(&names);
	sl_tree_raw_sides_dispose(&sides);
}

/* A mode that is not octal is the listing's to report: the diff still
 * names the entry, and the sides say they cannot be used. */
static void test_repo_tree__bad_mode_makes_sides_unusable(void **state)
{
	tree a = {{0}, 0}, b = {{0}, 0};
	(void)state;
	add(&a, "100644", "1-1.json", 1);
	add(&b, "10x644", "1-1.json", 2);
	assert_one_name_unusable_sides(&a, &b);
}

/* A file named "a/" (possible only in a malformed tree) and the tree "a"
 * are one name in tree order, but not the same name: the diff names it
 * once, and its sides cannot be trusted (fuzz_tree found it). */
static void test_repo_tree__slash_in_a_name_makes_sides_unusable(void **state)
{
	tree a = {{0}, 0}, b = {{0}, 0};
	(void)state;
	add(&a, "100644", "a/", 1);
	add(&b, "40000", "a", 2);
	assert_one_name_unusable_sides(&a, &b);
}

static void test_repo_tree__empty_side_names_every_entry(void **state)
{
	tree a = {{0}, 0}, none = {{0}, 0};
	(void)state;
	add(&a, "100644", "2-1.json", 1);
	add(&a, "40000", "sub", 2);
	assert_string_equal(changed(&none, &a), "items/2-1.json,items/sub");
	assert_string_equal(changed(&a, &none), "items/2-1.json,items/sub");
}

static void
test_repo_tree__tree_sorts_as_if_its_name_ended_in_slash(void **state)
{
	/* git orders "a.json" (blob) before "a" (a tree, compared as "a/")
	 * because '.' < '/'. Removing a.json must name a.json alone; with
	 * a plain strcmp order "a" would sort first, the walk would fall
	 * out of step and name the unchanged tree too. */
	tree a = {{0}, 0}, b = {{0}, 0};
	(void)state;
	add(&a, "100644", "a.json", 1);
	add(&a, "40000", "a", 2);
	add(&b, "40000", "a", 2);
	assert_string_equal(changed(&a, &b), "items/a.json");
	assert_string_equal(changed(&b, &a), "items/a.json");
}

static void test_repo_tree__malformed_entry_is_a_repository_error(void **state)
{
	sl_vec names = SL_VEC_INIT;
	static const unsigned char cut[] = "100644 1-1.json\0short";
	tree a = {{0}, 0};
	(void)state;
	add(&a, "100644", "1-1.json", 1);
	assert_int_equal(sl_tree_raw_diff(&names, "items/", a.bytes, a.len, cut,
					  sizeof(cut) - 1),
			 SL_EREPO);
	assert_non_null(strstr(sl_error_last()->message, "malformed"));
	sl_error_clear();
	sl_vec_free_all(&names);
}

static void test_repo_tree__find_one_entry_by_its_whole_name(void **state)
{
	static const unsigned char cut[] = "100644 1-1.json\0short";
	const unsigned char *e;
	size_t len;
	tree a = {{0}, 0};
	(void)state;
	add(&a, "100644", "1-1.json", 1);
	add(&a, "100644", "1-10.json", 2);
	add(&a, "40000", "1-2.json", 3);
	assert_int_equal(
		sl_tree_raw_find(&e, &len, a.bytes, a.len, "1-10.json", 9), 0);
	assert_ptr_equal(e, a.bytes + 36);
	assert_int_equal(len, 37);
	/* A tree's entry is found by its name too; a prefix is no match. */
	assert_int_equal(
		sl_tree_raw_find(&e, &len, a.bytes, a.len, "1-2.json", 8), 0);
	assert_int_equal(e[0], '4');
	assert_int_equal(sl_tree_raw_find(&e, &len, a.bytes, a.len, "1-1", 3),
			 0);
	assert_null(e);
	assert_int_equal(
		sl_tree_raw_find(&e, &len, cut, sizeof(cut) - 1, "x", 1),
		SL_EREPO);
	sl_error_clear();
}

/* A listing in place: each entry's mode, name and id, then the end; a
 * mode that is not octal, an empty name or a short id is refused. */
static void test_repo_tree__entries_are_listed_in_place(void **state)
{
	static const unsigned char bad_mode[] =
		"10x644 a.json\0aaaaaaaaaaaaaaaaaaaa";
	static const unsigned char no_name[] = "100644 \0aaaaaaaaaaaaaaaaaaaa";
	static const unsigned char short_id[] = "100644 a.json\0short";
	sl_tree_raw_entry e;
	size_t pos = 0;
	tree a = {{0}, 0};
	(void)state;
	add(&a, "100644", "1-1.json", 1);
	add(&a, "40000", "1-2", 2);
	add(&a, "120000", "link.json", 3);
	assert_int_equal(sl_tree_raw_next(&e, a.bytes, a.len, &pos), 1);
	assert_int_equal(e.mode, 0100644);
	assert_string_equal(e.name, "1-1.json");
	assert_int_equal(e.name_len, 8);
	assert_int_equal(e.id[0], 1);
	assert_int_equal(e.id[19], 1);
	assert_int_equal(pos, 36);
	assert_int_equal(sl_tree_raw_next(&e, a.bytes, a.len, &pos), 1);
	assert_int_equal(e.mode, 040000);
	assert_string_equal(e.name, "1-2");
	assert_int_equal(sl_tree_raw_next(&e, a.bytes, a.len, &pos), 1);
	assert_int_equal(e.mode, 0120000);
	assert_int_equal(e.id[0], 3);
	assert_int_equal(sl_tree_raw_next(&e, a.bytes, a.len, &pos), 0);
	assert_int_equal(pos, a.len);
	pos = 0;
	assert_int_equal(
		sl_tree_raw_next(&e, bad_mode, sizeof(bad_mode) - 1, &pos),
		SL_EREPO);
	pos = 0;
	assert_int_equal(
		sl_tree_raw_next(&e, no_name, sizeof(no_name) - 1, &pos),
		SL_EREPO);
	pos = 0;
	assert_int_equal(
		sl_tree_raw_next(&e, short_id, sizeof(short_id) - 1, &pos),
		SL_EREPO);
	sl_error_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repo_tree__equal_trees_differ_nowhere),
		cmocka_unit_test(
			test_repo_tree__added_removed_and_changed_are_named_once),
		cmocka_unit_test(test_repo_tree__empty_side_names_every_entry),
		cmocka_unit_test(
			test_repo_tree__sides_give_each_name_its_two_entries),
		cmocka_unit_test(test_repo_tree__bad_mode_makes_sides_unusable),
		cmocka_unit_test(
			test_repo_tree__slash_in_a_name_makes_sides_unusable),
		cmocka_unit_test(
			test_repo_tree__tree_sorts_as_if_its_name_ended_in_slash),
		cmocka_unit_test(
			test_repo_tree__malformed_entry_is_a_repository_error),
		cmocka_unit_test(
			test_repo_tree__find_one_entry_by_its_whole_name),
		cmocka_unit_test(test_repo_tree__entries_are_listed_in_place),
	};
	return cmocka_run_group_tests_name("repo_tree", tests, NULL, NULL);
}
