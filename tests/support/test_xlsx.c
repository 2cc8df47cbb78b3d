/* test_xlsx.c: see test_xlsx.h. */
#include "test_xlsx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "test_sh.h"
#include "test_tmp.h"

const char *test_xlsx_python(void)
{
	static const char *const candidates[] = {"python3", "/usr/bin/python3"};
	size_t i;
	for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		char *cmd = test_fmt("%s -c 'import openpyxl' 2>&1",
				     candidates[i]),
		     *out = NULL;
		int st = test_sh(&out, cmd);
		free(cmd);
		free(out);
		if (st == 0)
			return candidates[i];
	}
	return NULL;
}

char *test_xlsx_fixtures(const char *items_dir)
{
	const char *py = test_xlsx_python();
	char *dir, *cmd, *out = NULL;
	int st;
	if (!py)
		return NULL;
	dir = test_tmp_dir();
	cmd = test_fmt(
		"%s '%s/tests/support/xlsx_fixtures.py' '%s' %s%s%s 2>&1", py,
		SL_SOURCE_DIR, dir, items_dir ? "'" : "",
		items_dir ? items_dir : "", items_dir ? "'" : "");
	st = test_sh(&out, cmd);
	if (st != 0)
		fail_msg("xlsx_fixtures.py failed (%d): %s", st, out);
	free(cmd);
	free(out);
	return dir;
}
