/* test_tmp.c: temp dirs and file helpers (POSIX; nftw for removal). */
#define _XOPEN_SOURCE 700
#include "test_tmp.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

char *test_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

char *test_tmp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = test_fmt("%s/sheetlog-test-XXXXXX",
			      base && base[0] ? base : "/tmp");
	if (!mkdtemp(tmpl))
		fail_msg("mkdtemp: %s", strerror(errno));
	return tmpl;
}

static int rm_cb(const char *path, const struct stat *st, int flag,
		 struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) < 0 && errno != ENOENT) {
		/* A test may leave a read-only directory behind. */
		chmod(path, 0700);
		remove(path);
	}
	return 0;
}

void test_tmp_rm(const char *path)
{
	if (path)
		nftw(path, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

static void mkdirs_for(const char *path)
{
	char *copy = strdup(path), *p;
	assert_non_null(copy);
	for (p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) < 0 && errno != EEXIST)
			fail_msg("mkdir %s: %s", copy, strerror(errno));
		*p = '/';
	}
	free(copy);
}

void test_write_file(const char *path, const char *data, size_t len)
{
	FILE *f;
	mkdirs_for(path);
	f = fopen(path, "wb");
	if (!f)
		fail_msg("open %s: %s", path, strerror(errno));
	if (len && fwrite(data, 1, len, f) != len)
		fail_msg("write %s", path);
	fclose(f);
}

void test_write_str(const char *path, const char *text)
{
	test_write_file(path, text, strlen(text));
}

char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	if (n && fread(buf, 1, (size_t)n, f) != (size_t)n)
		fail_msg("read %s", path);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

void test_copy_tree(const char *src, const char *dst)
{
	DIR *d = opendir(src);
	struct dirent *de;
	if (!d)
		fail_msg("opendir %s: %s", src, strerror(errno));
	mkdir(dst, 0777);
	while ((de = readdir(d)) != NULL) {
		char *s, *t;
		struct stat st;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		s = test_fmt("%s/%s", src, de->d_name);
		t = test_fmt("%s/%s", dst, de->d_name);
		if (lstat(s, &st) == 0 && S_ISDIR(st.st_mode)) {
			test_copy_tree(s, t);
		} else if (S_ISREG(st.st_mode)) {
			size_t n;
			char *data = test_read_file(s, &n);
			test_write_file(t, data, n);
			free(data);
		}
		free(s);
		free(t);
	}
	closedir(d);
}
