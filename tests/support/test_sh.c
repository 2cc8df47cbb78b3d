/* test_sh.c: shell commands with captured output (popen). */
#define _XOPEN_SOURCE 700
#include "test_sh.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "test_tmp.h"

int test_sh(char **out, const char *cmd)
{
	FILE *p = popen(cmd, "r");
	size_t cap = 4096, len = 0, n;
	char *buf = malloc(cap);
	int st;
	assert_non_null(p);
	assert_non_null(buf);
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 1024) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[len] = '\0';
	st = pclose(p);
	*out = buf;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int test_git_sh(char **out, const char *dir, const char *path_first,
		const char *cmd)
{
	char *full = test_fmt(
		"cd '%s' && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 "
		"GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com "
		"GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com "
		"PATH='%s':\"$PATH\" %s 2>&1",
		dir, path_first ? path_first : "/nonexistent", cmd);
	int st = test_sh(out, full);
	free(full);
	return st;
}
