/*
 * test_tmp.h: temporary directories and whole-file helpers for tests.
 * Failures abort the test through cmocka's fail_msg.
 */
#ifndef TEST_TMP_H
#define TEST_TMP_H

#include <stddef.h>

/* new: a fresh directory under $TMPDIR (or /tmp); free with free(). */
char *test_tmp_dir(void);
/* Remove a directory tree (never follows symlinks). */
void test_tmp_rm(const char *path);
/* Write data to path, creating parent directories. */
void test_write_file(const char *path, const char *data, size_t len);
void test_write_str(const char *path, const char *text);
/* new: content of path, NUL-terminated (free()); NULL when missing. */
char *test_read_file(const char *path, size_t *len);
/* Copy a directory tree (regular files and directories only). */
void test_copy_tree(const char *src, const char *dst);
/* new: printf into a malloc'd string. */
char *test_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
