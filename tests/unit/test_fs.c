/*
 * test_fs.c: the file-system boundary, each test in its own temporary
 * directory: whole-file reads (symlinks refused), listings with kinds,
 * atomic writes, and all-or-nothing multi-file writes under a simulated
 * full disk (sl_fs_fail_write_after): old content survives and no
 * ".NAME.tmpXXXXXX" file is left behind.
 */
#define _XOPEN_SOURCE 700

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "test_tmp.h"

static int setup(void **state)
{
	*state = test_tmp_dir();
	return 0;
}

static int teardown(void **state)
{
	sl_fs_fail_write_after(-1);
	test_tmp_rm(*state);
	free(*state);
	return 0;
}

/* new: dir/name (free()). */
static char *in(void **state, const char *name)
{
	return test_fmt("%s/%s", (const char *)*state, name);
}

/* Assert the file at dir/name holds exactly want. */
static void assert_file(void **state, const char *name, const char *want)
{
	char *path = in(state, name), *got;
	size_t len = 0;
	got = test_read_file(path, &len);
	if (!got)
		fail_msg("%s is missing", path);
	assert_int_equal(len, strlen(want));
	assert_string_equal(got, want);
	free(got);
	free(path);
}

/* Number of entries of dir, and fail on any temp file of ours. */
static int count_entries_no_temp(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (de->d_name[0] == '.' && strstr(de->d_name, ".tmp"))
			fail_msg("temp file left behind: %s/%s", dir,
				 de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/* --- reading --- */

static void test_fs__read_returns_the_whole_file(void **state)
{
	char *path = in(state, "big.bin");
	size_t n = 200000, i;
	char *data = malloc(n);
	sl_buf b = SL_BUF_INIT;
	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 7 % 251); /* includes NUL bytes */
	test_write_file(path, data, n);
	assert_int_equal(sl_fs_read(&b, path), 0);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.ptr, data, n);
	assert_int_equal(b.ptr[n], '\0');
	sl_buf_dispose(&b);
	free(data);
	free(path);
}

static void test_fs__read_appends_to_the_buffer(void **state)
{
	char *path = in(state, "a.txt");
	sl_buf b = SL_BUF_INIT;
	test_write_str(path, "body\n");
	sl_buf_puts(&b, "head:");
	assert_int_equal(sl_fs_read(&b, path), 0);
	assert_string_equal(sl_buf_cstr(&b), "head:body\n");
	assert_int_equal(b.len, 10);
	sl_buf_dispose(&b);
	free(path);
}

static void test_fs__read_of_empty_file_is_empty(void **state)
{
	char *path = in(state, "empty");
	sl_buf b = SL_BUF_INIT;
	test_write_file(path, "", 0);
	assert_int_equal(sl_fs_read(&b, path), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(sl_buf_cstr(&b), "");
	sl_buf_dispose(&b);
	free(path);
}

static void test_fs__read_of_missing_file_is_not_found(void **state)
{
	char *path = in(state, "nope.json");
	sl_buf b = SL_BUF_INIT;
	sl_error_clear();
	assert_int_equal(sl_fs_read(&b, path), SL_ENOTFOUND);
	assert_int_equal(b.len, 0);
	assert_int_equal(sl_error_last()->code, SL_ENOTFOUND);
	assert_non_null(strstr(sl_error_last()->message, path));
	sl_buf_dispose(&b);
	free(path);
}

static void test_fs__read_refuses_a_symlink(void **state)
{
	char *target = in(state, "secret"), *link = in(state, "item.json");
	sl_buf b = SL_BUF_INIT;
	test_write_str(target, "outside content");
	assert_int_equal(symlink(target, link), 0);
	sl_error_clear();
	assert_int_equal(sl_fs_read(&b, link), SL_EIO);
	/* Nothing of the target was read. */
	assert_int_equal(b.len, 0);
	assert_null(strstr(sl_buf_cstr(&b), "outside"));
	assert_int_equal(sl_error_last()->code, SL_EIO);
	assert_non_null(strstr(sl_error_last()->message, "symlink"));
	assert_non_null(strstr(sl_error_last()->message, link));
	/* A dangling link is refused too, not reported as missing. */
	assert_int_equal(unlink(target), 0);
	assert_int_equal(sl_fs_read(&b, link), SL_EIO);
	assert_non_null(strstr(sl_error_last()->message, "symlink"));
	sl_buf_dispose(&b);
	free(target);
	free(link);
}

static void test_fs__read_refuses_a_directory(void **state)
{
	char *dir = in(state, "sub");
	sl_buf b = SL_BUF_INIT;
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(sl_fs_read(&b, dir), SL_EIO);
	assert_int_equal(b.len, 0);
	assert_non_null(strstr(sl_error_last()->message, "not a regular file"));
	sl_buf_dispose(&b);
	free(dir);
}

/* --- kinds and listing --- */

static void test_fs__kind_of_uses_lstat(void **state)
{
	char *file = in(state, "f"), *dir = in(state, "d"),
	     *link = in(state, "l"), *dangling = in(state, "x"),
	     *fifo = in(state, "p"), *missing = in(state, "m");
	test_write_str(file, "1");
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(symlink(dir, link), 0); /* a link to a directory */
	assert_int_equal(symlink("nowhere", dangling), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(sl_fs_kind_of(file), SL_FS_REGULAR);
	assert_int_equal(sl_fs_kind_of(dir), SL_FS_DIR);
	assert_int_equal(sl_fs_kind_of(link), SL_FS_SYMLINK);
	assert_int_equal(sl_fs_kind_of(dangling), SL_FS_SYMLINK);
	assert_int_equal(sl_fs_kind_of(fifo), SL_FS_OTHER);
	assert_int_equal(sl_fs_kind_of(missing), SL_FS_MISSING);
	free(file);
	free(dir);
	free(link);
	free(dangling);
	free(fifo);
	free(missing);
}

static void test_fs__list_reports_kinds_sorted_by_name(void **state)
{
	static const struct {
		const char *name;
		sl_fs_kind kind;
	} want[] = {
		{".hidden", SL_FS_REGULAR},    {"a-dir", SL_FS_DIR},
		{"b.json", SL_FS_REGULAR},     {"c-link", SL_FS_SYMLINK},
		{"d-dangling", SL_FS_SYMLINK}, {"e-fifo", SL_FS_OTHER},
	};
	char *p;
	sl_vec v = SL_VEC_INIT;
	size_t i;
	/* Created out of order on purpose. */
	p = in(state, "e-fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	p = in(state, "b.json");
	test_write_str(p, "{}");
	free(p);
	p = in(state, "c-link");
	assert_int_equal(symlink("b.json", p), 0);
	free(p);
	p = in(state, "a-dir");
	assert_int_equal(mkdir(p, 0777), 0);
	free(p);
	p = in(state, "a-dir/inner"); /* not listed: not recursive */
	test_write_str(p, "x");
	free(p);
	p = in(state, "d-dangling");
	assert_int_equal(symlink("gone", p), 0);
	free(p);
	p = in(state, ".hidden");
	test_write_str(p, "h");
	free(p);

	assert_int_equal(sl_fs_list(&v, *state), 0);
	assert_int_equal(v.len, SL_ARRAY_SIZE(want));
	for (i = 0; i < v.len; i++) {
		const sl_fs_entry *e = v.items[i];
		assert_string_equal(e->name, want[i].name);
		if (e->kind != want[i].kind)
			fail_msg("%s: kind %d, want %d", e->name, (int)e->kind,
				 (int)want[i].kind);
	}
	sl_fs_entries_free(&v);
	assert_null(v.items);
	assert_int_equal(v.len, 0);
}

static void test_fs__list_of_empty_directory_is_empty(void **state)
{
	sl_vec v = SL_VEC_INIT;
	assert_int_equal(sl_fs_list(&v, *state), 0);
	assert_int_equal(v.len, 0);
	sl_fs_entries_free(&v);
}

static void test_fs__list_of_missing_directory_is_not_found(void **state)
{
	char *missing = in(state, "missing"), *file = in(state, "file");
	sl_vec v = SL_VEC_INIT;
	assert_int_equal(sl_fs_list(&v, missing), SL_ENOTFOUND);
	assert_int_equal(v.len, 0);
	assert_non_null(strstr(sl_error_last()->message, missing));
	test_write_str(file, "x");
	assert_int_equal(sl_fs_list(&v, file), SL_ENOTFOUND);
	assert_int_equal(v.len, 0);
	sl_fs_entries_free(&v);
	free(missing);
	free(file);
}

/* --- atomic writes --- */

static void test_fs__write_atomic_creates_a_new_file(void **state)
{
	char *path = in(state, "new.json");
	struct stat st;
	assert_int_equal(sl_fs_write_atomic(path, "{\"a\":1}\n", 8), 0);
	assert_file(state, "new.json", "{\"a\":1}\n");
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(count_entries_no_temp(*state), 1);
	free(path);
}

static void test_fs__write_atomic_replaces_content_exactly(void **state)
{
	char *path = in(state, "item.json");
	test_write_str(path, "a much longer old content\n");
	assert_int_equal(sl_fs_write_atomic(path, "short", 5), 0);
	assert_file(state, "item.json", "short");
	assert_int_equal(sl_fs_write_atomic(path, "", 0), 0);
	assert_file(state, "item.json", "");
	assert_int_equal(count_entries_no_temp(*state), 1);
	free(path);
}

static void test_fs__write_atomic_keeps_the_file_mode(void **state)
{
	char *path = in(state, "private.json");
	struct stat st;
	test_write_str(path, "old");
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(sl_fs_write_atomic(path, "new", 3), 0);
	assert_file(state, "private.json", "new");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	free(path);
}

static void test_fs__write_atomic_mode_sets_the_mode_despite_umask(void **state)
{
	char *path = in(state, "pre-commit");
	struct stat st;
	mode_t old_mask = umask(077);
	/* New file: exactly 0755, not 0755 & ~umask. */
	assert_int_equal(sl_fs_write_atomic_mode(path, "#!/bin/sh\n", 10, 0755),
			 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	/* Replacing a file of another mode: the given mode wins. */
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(sl_fs_write_atomic_mode(path, "exit 0\n", 7, 0755), 0);
	umask(old_mask);
	assert_file(state, "pre-commit", "exit 0\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_int_equal(count_entries_no_temp(*state), 1);
	free(path);
}

static void test_fs__write_atomic_on_full_disk_keeps_old_content(void **state)
{
	char *path = in(state, "item.json");
	int rc;
	test_write_str(path, "old content");
	sl_error_clear();
	sl_fs_fail_write_after(0);
	rc = sl_fs_write_atomic(path, "new content", 11);
	sl_fs_fail_write_after(-1);
	assert_int_equal(rc, SL_EIO);
	assert_int_equal(sl_error_last()->code, SL_EIO);
	assert_non_null(strstr(sl_error_last()->message, "item.json"));
	assert_non_null(strstr(sl_error_last()->message, "No space left"));
	assert_file(state, "item.json", "old content");
	assert_int_equal(count_entries_no_temp(*state), 1);
	free(path);
}

static void test_fs__write_atomic_into_missing_directory_fails(void **state)
{
	char *path = in(state, "no/such/dir/f.json");
	assert_int_equal(sl_fs_write_atomic(path, "x", 1), SL_EIO);
	assert_int_equal(sl_fs_kind_of(path), SL_FS_MISSING);
	assert_int_equal(count_entries_no_temp(*state), 0);
	free(path);
}

static void
test_fs__write_atomic_replaces_a_symlink_not_its_target(void **state)
{
	char *target = in(state, "target"), *link = in(state, "link");
	test_write_str(target, "target stays");
	assert_int_equal(symlink("target", link), 0);
	assert_int_equal(sl_fs_write_atomic(link, "replaced", 8), 0);
	assert_int_equal(sl_fs_kind_of(link), SL_FS_REGULAR);
	assert_file(state, "link", "replaced");
	assert_file(state, "target", "target stays");
	free(target);
	free(link);
}

/* --- multi-file writes --- */

#define NFILES 4

static void make_old_files(void **state, char *paths[NFILES])
{
	int i;
	for (i = 0; i < NFILES; i++) {
		char *name = test_fmt("f%d.json", i),
		     *old = test_fmt("old %d", i);
		paths[i] = in(state, name);
		/* The last target does not exist yet: it must stay absent. */
		if (i < NFILES - 1)
			test_write_str(paths[i], old);
		free(name);
		free(old);
	}
}

static void free_paths(char *paths[NFILES])
{
	int i;
	for (i = 0; i < NFILES; i++)
		free(paths[i]);
}

static void test_fs__write_many_writes_every_file(void **state)
{
	char *paths[NFILES];
	sl_fs_write w[NFILES];
	size_t renamed = 99;
	int i;
	make_old_files(state, paths);
	for (i = 0; i < NFILES; i++) {
		w[i].path = paths[i];
		w[i].data = "new content";
		w[i].len = 11;
	}
	w[1].data = "";
	w[1].len = 0;
	assert_int_equal(sl_fs_write_many(w, NFILES, &renamed), 0);
	assert_int_equal(renamed, NFILES);
	assert_file(state, "f0.json", "new content");
	assert_file(state, "f1.json", "");
	assert_file(state, "f2.json", "new content");
	assert_file(state, "f3.json", "new content");
	assert_int_equal(count_entries_no_temp(*state), NFILES);
	free_paths(paths);
}

static void test_fs__write_many_on_full_disk_keeps_every_old_file(void **state)
{
	char *paths[NFILES];
	sl_fs_write w[NFILES];
	long fail_at;
	int i;
	make_old_files(state, paths);
	for (i = 0; i < NFILES; i++) {
		w[i].path = paths[i];
		w[i].data = "NEW DATA THAT MUST NOT LAND";
		w[i].len = strlen(w[i].data);
	}
	/* The disk fills up while staging the 1st, 2nd, 3rd or 4th file. */
	for (fail_at = 0; fail_at < NFILES; fail_at++) {
		size_t renamed = 99;
		int rc;
		sl_error_clear();
		sl_fs_fail_write_after(fail_at);
		rc = sl_fs_write_many(w, NFILES, &renamed);
		sl_fs_fail_write_after(-1);
		assert_int_equal(rc, SL_EIO);
		assert_int_equal(renamed, 0);
		assert_int_equal(sl_error_last()->code, SL_EIO);
		assert_non_null(
			strstr(sl_error_last()->message, paths[fail_at]));
		assert_file(state, "f0.json", "old 0");
		assert_file(state, "f1.json", "old 1");
		assert_file(state, "f2.json", "old 2");
		assert_int_equal(sl_fs_kind_of(paths[3]), SL_FS_MISSING);
		assert_int_equal(count_entries_no_temp(*state), NFILES - 1);
	}
	/* With room again, the same call succeeds. */
	{
		size_t renamed = 0;
		assert_int_equal(sl_fs_write_many(w, NFILES, &renamed), 0);
		assert_int_equal(renamed, NFILES);
		assert_file(state, "f0.json", "NEW DATA THAT MUST NOT LAND");
		assert_file(state, "f3.json", "NEW DATA THAT MUST NOT LAND");
		assert_int_equal(count_entries_no_temp(*state), NFILES);
	}
	free_paths(paths);
}

static void
test_fs__write_many_failed_rename_reports_what_was_written(void **state)
{
	char *a = in(state, "a.json"), *blocked = in(state, "b.json"),
	     *c = in(state, "c.json"), *inner = in(state, "b.json/keep");
	sl_fs_write w[3];
	size_t renamed = 99;
	int rc;
	test_write_str(a, "old a");
	test_write_str(inner, "x"); /* b.json is a non-empty directory */
	test_write_str(c, "old c");
	w[0] = (sl_fs_write){a, "new a", 5};
	w[1] = (sl_fs_write){blocked, "new b", 5};
	w[2] = (sl_fs_write){c, "new c", 5};
	rc = sl_fs_write_many(w, 3, &renamed);
	assert_int_equal(rc, SL_EIO);
	/* The first file is new, the others old; the temp files are gone. */
	assert_int_equal(renamed, 1);
	assert_file(state, "a.json", "new a");
	assert_int_equal(sl_fs_kind_of(blocked), SL_FS_DIR);
	assert_file(state, "b.json/keep", "x");
	assert_file(state, "c.json", "old c");
	assert_non_null(strstr(sl_error_last()->message, blocked));
	assert_int_equal(count_entries_no_temp(*state), 3);
	free(a);
	free(blocked);
	free(c);
	free(inner);
}

static void test_fs__write_many_of_nothing_succeeds(void **state)
{
	size_t renamed = 99;
	assert_int_equal(sl_fs_write_many(NULL, 0, &renamed), 0);
	assert_int_equal(renamed, 0);
	assert_int_equal(count_entries_no_temp(*state), 0);
}

/* --- directories, paths, removal --- */

static void test_fs__mkdirs_creates_nested_directories(void **state)
{
	char *deep = in(state, "a/b/c"), *trail = in(state, "x/y/");
	char *y = in(state, "x/y");
	assert_int_equal(sl_fs_mkdirs(deep), 0);
	assert_int_equal(sl_fs_kind_of(deep), SL_FS_DIR);
	assert_int_equal(sl_fs_mkdirs(deep), 0); /* idempotent */
	assert_int_equal(sl_fs_mkdirs(trail), 0);
	assert_int_equal(sl_fs_kind_of(y), SL_FS_DIR);
	free(deep);
	free(trail);
	free(y);
}

static void test_fs__mkdirs_fails_through_a_file(void **state)
{
	char *file = in(state, "file"), *under = in(state, "file/sub");
	test_write_str(file, "x");
	assert_int_equal(sl_fs_mkdirs(under), SL_EIO);
	assert_int_equal(sl_fs_kind_of(file), SL_FS_REGULAR);
	assert_int_equal(sl_fs_kind_of(under), SL_FS_MISSING);
	free(file);
	free(under);
}

static void test_fs__join_puts_exactly_one_slash(void **state)
{
	char *p;
	(void)state;
	p = sl_fs_join("checklist", "items");
	assert_string_equal(p, "checklist/items");
	sl_free(p);
	p = sl_fs_join("checklist/", "items");
	assert_string_equal(p, "checklist/items");
	sl_free(p);
	p = sl_fs_join("", "items");
	assert_string_equal(p, "items");
	sl_free(p);
	p = sl_fs_join("/", "tmp");
	assert_string_equal(p, "/tmp");
	sl_free(p);
}

/* -o /dev/null or a pipe: the bytes go into the FIFO, which stays a FIFO
 * (a rename would have put a plain file in its place; as root that
 * replaced /dev/null itself). Opened read-write here first, so the
 * writer's open does not wait for a reader and the pipe holds the data. */
/* A FIFO at dir/pipe, opened read-write (non-blocking): new: *path. */
static int fifo_open(void **state, char **path)
{
	int fd;
	*path = in(state, "pipe");
	assert_int_equal(mkfifo(*path, 0600), 0);
	fd = open(*path, O_RDWR | O_NONBLOCK);
	assert_true(fd >= 0);
	return fd;
}

/* The FIFO holds exactly want, and is still a FIFO. */
static void fifo_check(int fd, char *path, const char *want)
{
	char got[16] = {0};
	struct stat st;
	assert_int_equal(read(fd, got, sizeof(got) - 1), (ssize_t)strlen(want));
	assert_string_equal(got, want);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	close(fd);
	free(path);
}

static void test_fs__write_atomic_writes_into_a_fifo_in_place(void **state)
{
	char *fifo;
	int fd = fifo_open(state, &fifo);
	assert_int_equal(sl_fs_write_atomic(fifo, "hello", 5), 0);
	fifo_check(fd, fifo, "hello");
}

/* The library writer's variant: filled elsewhere, copied into the FIFO. */
static int fill_abc(const char *tmp, void *ctx)
{
	(void)ctx;
	test_write_str(tmp, "abc");
	return 0;
}

static void test_fs__write_atomic_fn_writes_into_a_fifo_in_place(void **state)
{
	char *fifo;
	int fd = fifo_open(state, &fifo);
	assert_int_equal(sl_fs_write_atomic_fn(fifo, fill_abc, NULL), 0);
	fifo_check(fd, fifo, "abc");
}

/* A socket at the path (like a block device) is neither written nor
 * replaced: one error naming it, and the socket is still there. */
static void test_fs__write_atomic_refuses_a_socket(void **state)
{
	char *path = in(state, "sock");
	struct sockaddr_un addr;
	struct stat st;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	assert_true(strlen(path) < sizeof(addr.sun_path));
	strcpy(addr.sun_path, path);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	assert_int_equal(sl_fs_write_atomic(path, "x", 1), SL_EIO);
	assert_non_null(strstr(sl_error_last()->message, "socket"));
	assert_int_equal(sl_fs_write_atomic_fn(path, fill_abc, NULL), SL_EIO);
	sl_error_clear();
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
	close(fd);
	free(path);
}

static void test_fs__remove_deletes_a_file_only(void **state)
{
	char *file = in(state, "f"), *dir = in(state, "d");
	test_write_str(file, "x");
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(sl_fs_remove(file), 0);
	assert_int_equal(sl_fs_kind_of(file), SL_FS_MISSING);
	assert_int_equal(sl_fs_remove(file), SL_ENOTFOUND);
	assert_non_null(strstr(sl_error_last()->message, file));
	assert_int_equal(sl_fs_remove(dir), SL_EIO);
	assert_int_equal(sl_fs_kind_of(dir), SL_FS_DIR);
	free(file);
	free(dir);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_fs__read_returns_the_whole_file),
		T(test_fs__read_appends_to_the_buffer),
		T(test_fs__read_of_empty_file_is_empty),
		T(test_fs__read_of_missing_file_is_not_found),
		T(test_fs__read_refuses_a_symlink),
		T(test_fs__read_refuses_a_directory),
		T(test_fs__kind_of_uses_lstat),
		T(test_fs__list_reports_kinds_sorted_by_name),
		T(test_fs__list_of_empty_directory_is_empty),
		T(test_fs__list_of_missing_directory_is_not_found),
		T(test_fs__write_atomic_creates_a_new_file),
		T(test_fs__write_atomic_replaces_content_exactly),
		T(test_fs__write_atomic_keeps_the_file_mode),
		T(test_fs__write_atomic_mode_sets_the_mode_despite_umask),
		T(test_fs__write_atomic_on_full_disk_keeps_old_content),
		T(test_fs__write_atomic_into_missing_directory_fails),
		T(test_fs__write_atomic_replaces_a_symlink_not_its_target),
		T(test_fs__write_many_writes_every_file),
		T(test_fs__write_many_on_full_disk_keeps_every_old_file),
		T(test_fs__write_many_failed_rename_reports_what_was_written),
		T(test_fs__write_many_of_nothing_succeeds),
		T(test_fs__mkdirs_creates_nested_directories),
		T(test_fs__mkdirs_fails_through_a_file),
		T(test_fs__join_puts_exactly_one_slash),
		T(test_fs__remove_deletes_a_file_only),
		T(test_fs__write_atomic_writes_into_a_fifo_in_place),
		T(test_fs__write_atomic_fn_writes_into_a_fifo_in_place),
		T(test_fs__write_atomic_refuses_a_socket),
	};
	return cmocka_run_group_tests_name("fs", tests, NULL, NULL);
}
