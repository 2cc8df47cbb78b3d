/*
 * test_repo_walk_cache.c: the history cache file: entries survive a save and a
 * load byte for byte, the file is little-endian with a checksum, and anything
 * unusable (truncated, bit-flipped, foreign magic, a stored boundary flag)
 * loads as an empty cache instead of wrong answers.
 */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "repo_walk_cache.h"
#include "repo.h"
#include "test_tmp.h"

static void id(unsigned char out[20], int n)
{
	memset(out, 0, 20);
	out[0] = (unsigned char)n;
	out[19] = (unsigned char)(n * 7);
}

/* A saved cache of two entries in a new temp dir (*dir, to remove). */
static char *fixture(char **dir)
{
	char *path;
	*dir = test_tmp_dir();
	path = test_fmt("%s/sub/changes-v1", *dir);
	sl_cache *c;
	unsigned char a[20], b[20], root[20];
	const char *names[] = {"items/1-1.json", "items/2-3.json",
			       "sheet.json"};
	assert_int_equal(sl_cache_open(&c, NULL, path), 0);
	id(a, 1);
	id(b, 2);
	memset(root, 0, 20);
	assert_int_equal(sl_cache_put(c, a, root, SL_CACHE_ROOT, names, 3), 0);
	assert_int_equal(sl_cache_put(c, b, a, SL_CACHE_MERGE, names + 1, 1),
			 0);
	/* The directory is created on save. */
	assert_int_equal(sl_cache_save(c), 0);
	sl_cache_free(c);
	return path;
}

static void test_repo_walk_cache__round_trip(void **state)
{
	char *dir, *path = fixture(&dir);
	sl_cache *c;
	unsigned char a[20], b[20], x[20];
	const sl_cache_entry *e;
	(void)state;
	assert_int_equal(sl_cache_open(&c, NULL, path), 0);
	assert_int_equal(sl_cache_count(c), 2);
	id(a, 1);
	id(b, 2);
	id(x, 3);
	e = sl_cache_get(c, a);
	assert_non_null(e);
	assert_int_equal(e->flags, SL_CACHE_ROOT);
	assert_int_equal(e->name_count, 3);
	assert_string_equal(e->names[0], "items/1-1.json");
	assert_string_equal(e->names[2], "sheet.json");
	e = sl_cache_get(c, b);
	assert_non_null(e);
	assert_memory_equal(e->parent, a, 20);
	assert_int_equal(e->flags, SL_CACHE_MERGE);
	assert_int_equal(e->name_count, 1);
	assert_string_equal(e->names[0], "items/2-3.json");
	assert_null(sl_cache_get(c, x));
	sl_cache_free(c);
	test_tmp_rm(dir);
	free(dir);
	free(path);
}

static void test_repo_walk_cache__layout_is_little_endian(void **state)
{
	char *dir, *path = fixture(&dir);
	size_t len;
	unsigned char *p = (unsigned char *)test_read_file(path, &len);
	(void)state;
	assert_memory_equal(p, "SLCHG001", 8);
	/* count = 2, then the first entry's flags (1) and name count (3). */
	assert_memory_equal(p + 8, "\x02\x00\x00\x00", 4);
	assert_memory_equal(p + 12 + 40, "\x01\x00\x00\x00\x03\x00\x00\x00", 8);
	/* The first name: u16 length 14, then the bytes. */
	assert_memory_equal(p + 12 + 48, "\x0e\x00items/1-1.json", 16);
	free(p);
	test_tmp_rm(dir);
	free(dir);
	free(path);
}

/* Write bytes over the file, then open: the cache must come back empty. */
static void assert_unusable(const char *path, const unsigned char *data,
			    size_t len)
{
	sl_cache *c;
	test_write_file(path, (const char *)data, len);
	assert_int_equal(sl_cache_open(&c, NULL, path), 0);
	assert_int_equal(sl_cache_count(c), 0);
	sl_cache_free(c);
}

static void test_repo_walk_cache__unusable_files_load_empty(void **state)
{
	char *dir, *path = fixture(&dir);
	size_t len, i;
	unsigned char *good = (unsigned char *)test_read_file(path, &len);
	unsigned char *bad = malloc(len);
	(void)state;
	assert_non_null(bad);
	/* Every truncation. */
	for (i = 0; i < len; i++)
		assert_unusable(path, good, i);
	/* A flipped bit anywhere fails the checksum. */
	for (i = 0; i < len; i++) {
		memcpy(bad, good, len);
		bad[i] ^= 0x10;
		assert_unusable(path, bad, len);
	}
	/* Another version's magic. */
	memcpy(bad, good, len);
	memcpy(bad, "SLCHG002", 8);
	assert_unusable(path, bad, len);
	free(bad);
	free(good);
	test_tmp_rm(dir);
	free(dir);
	free(path);
}

/* FNV-1a, as the file uses, to forge a checksum-valid file. */
static uint64_t fnv(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static void test_repo_walk_cache__stored_boundary_flag_is_refused(void **state)
{
	char *dir, *path = fixture(&dir);
	size_t len, i;
	unsigned char *p = (unsigned char *)test_read_file(path, &len);
	uint64_t sum;
	(void)state;
	/* A valid checksum over an entry flagged as a shallow boundary:
	 * boundaries change when a clone is deepened and are never stored. */
	p[12 + 40] |= SL_CACHE_SHALLOW;
	sum = fnv(p, len - 8);
	for (i = 0; i < 8; i++)
		p[len - 8 + i] = (unsigned char)(sum >> (8 * i));
	assert_unusable(path, p, len);
	free(p);
	test_tmp_rm(dir);
	free(dir);
	free(path);
}

static void
test_repo_walk_cache__missing_file_and_unwritable_place(void **state)
{
	sl_cache *c;
	unsigned char a[20], root[20];
	char *dir = test_tmp_dir(), *file = test_fmt("%s/file", dir);
	/* Under a regular file: no directory can be made, even by root. */
	char *path = test_fmt("%s/sub/cache", file);
	(void)state;
	test_write_str(file, "x");
	assert_int_equal(sl_cache_open(&c, NULL, path), 0);
	assert_int_equal(sl_cache_count(c), 0);
	id(a, 1);
	memset(root, 0, 20);
	assert_int_equal(sl_cache_put(c, a, root, SL_CACHE_ROOT, NULL, 0), 0);
	/* Saving fails with an error code the walker may ignore. */
	assert_true(sl_cache_save(c) < 0);
	assert_non_null(sl_cache_get(c, a));
	sl_cache_free(c);
	test_tmp_rm(dir);
	free(dir);
	free(file);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repo_walk_cache__round_trip),
		cmocka_unit_test(test_repo_walk_cache__layout_is_little_endian),
		cmocka_unit_test(
			test_repo_walk_cache__unusable_files_load_empty),
		cmocka_unit_test(
			test_repo_walk_cache__stored_boundary_flag_is_refused),
		cmocka_unit_test(
			test_repo_walk_cache__missing_file_and_unwritable_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
