/*
 * repo_config.h: a repository's own files (hooks directory, info/,
 * config) as git resolves them, and writes to its local config.
 */
#ifndef SL_REPO_CONFIG_H
#define SL_REPO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "repo.h"

typedef enum sl_repo_path_kind {
	SL_REPO_PATH_GITDIR, /* the git directory */
	SL_REPO_PATH_INFO,   /* <common gitdir>/info */
	SL_REPO_PATH_CONFIG, /* the repository's own config file */
} sl_repo_path_kind;

/*
 * The path of one of the repository's own files or directories, without
 * a trailing '/'. new: *out (free with sl_free).
 * @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_repo_path(char **out, sl_repo *repo, sl_repo_path_kind kind);

/*
 * Where hooks live: core.hooksPath (relative to the working tree, or to
 * the git directory of a bare repository, as git runs hooks there), else
 * <common gitdir>/hooks. new: *out (free with sl_free).
 * @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_repo_hooks_dir(char **out, sl_repo *repo);

/*
 * Set n keys in the repository's own config file (.git/config, never
 * the user's or the system's; values are strings, git reads "true" as a
 * boolean) in one transaction:
 * the file is locked, the values set in memory, and the file replaced
 * once at the end, so a failure at any point (out of memory included)
 * leaves it as it was. @return 0, SL_EREPO or SL_ENOMEM
 */
int sl_repo_config_set_local_all(sl_repo *repo, const char *const *keys,
				 const char *const *values, size_t n);

/*
 * A boolean of git config as git reads it (local, global and system
 * files; "true", "yes", "on", "1"...); false when unset.
 * @return 0, SL_EREPO (not a boolean, unreadable config)
 */
int sl_repo_config_bool(bool *out, sl_repo *repo, const char *key);

#endif
