/*
 * test_xlsx.h: the workbooks of tests/support/xlsx_fixtures.py, written by
 * openpyxl and Python's zipfile (programs other than sheetlog) into a
 * temporary directory.
 */
#ifndef TEST_XLSX_H
#define TEST_XLSX_H

/* A python3 that has openpyxl ("python3", else Debian's /usr/bin/python3,
 * as a pyenv shim may come first on PATH), or NULL. borrowed */
const char *test_xlsx_python(void);
/*
 * Write the workbooks into a new temporary directory; items_dir (a
 * checklist/items directory, or NULL) adds the workbooks of that sheet.
 * new: the directory (free(), test_tmp_rm), or NULL when openpyxl is
 * missing (the caller skips, saying so).
 */
char *test_xlsx_fixtures(const char *items_dir);

#endif
