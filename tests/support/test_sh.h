/*
 * test_sh.h: running shell commands from tests, for what only the real
 * programs can show (git running our hook and textconv driver, bash
 * running the completion). Never used to build fixtures: test_repo.h does
 * that through libgit2.
 */
#ifndef TEST_SH_H
#define TEST_SH_H

/* Run cmd with sh; new: *out holds its standard output (NUL-terminated;
 * add 2>&1 to the command for stderr). @return its exit status, -1 when
 * it did not exit normally */
int test_sh(char **out, const char *cmd);

/*
 * Run cmd in dir with git's environment pinned: no global or system
 * config, a fixed identity; path_first (when not NULL) goes first on PATH.
 * new: *out holds stdout and stderr. @return the exit status
 */
int test_git_sh(char **out, const char *dir, const char *path_first,
		const char *cmd);

#endif
