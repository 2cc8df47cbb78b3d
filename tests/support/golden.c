/* golden.c: golden-file comparison with a readable first difference. */
#define _XOPEN_SOURCE 700
#include "golden.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_tmp.h"

void test_golden(const char *relpath, const char *actual, size_t len)
{
	char *path = test_fmt("%s/tests/golden/%s", SL_SOURCE_DIR, relpath);
	const char *update = getenv("SL_UPDATE_GOLDEN");
	char *expected;
	size_t elen, i, line = 1;

	if (update && update[0] == '1') {
		test_write_file(path, actual, len);
		free(path);
		return;
	}
	expected = test_read_file(path, &elen);
	if (!expected)
		fail_msg(
			"missing golden file %s (run scripts/update-golden.sh)",
			path);
	for (i = 0; i < len && i < elen && actual[i] == expected[i]; i++)
		line += actual[i] == '\n';
	if (i < len || i < elen) {
		fprintf(stderr,
			"golden %s differs at byte %zu (line %zu)\n  expected: %.80s\n  actual:   %.80s\n",
			relpath, i, line, i < elen ? expected + i : "<end>",
			i < len ? actual + i : "<end>");
		free(expected);
		free(path);
		fail_msg("golden mismatch: %s", relpath);
	}
	free(expected);
	free(path);
}
