/*
 * repo_config.c: where a repository keeps its hooks, info and config
 * files, and writes to its own config file, through libgit2 (never the
 * git executable), so install-hooks works in worktrees, bare repositories
 * and under core.hooksPath exactly as git resolves them.
 */
#include "repo_config.h"

#include <git2.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs.h"
#include "repo_internal.h"

/* new: a repository path from libgit2 (trailing '/' removed). */
static int config_item_path(char **out, git_repository *g,
			    git_repository_item_t item, const char *what)
{
	git_buf b = GIT_BUF_INIT;
	int grc = git_repository_item_path(&b, g, item);
	size_t len;
	*out = NULL;
	if (grc < 0)
		return sl_repo__error(grc, "cannot locate the %s", what);
	len = b.size;
	while (len > 1 && b.ptr[len - 1] == '/')
		len--;
	*out = sl_strndup(b.ptr, len);
	git_buf_dispose(&b);
	return *out ? 0 : sl_error_oom();
}

int sl_repo_hooks_dir(char **out, sl_repo *repo)
{
	git_repository *g = sl_repo__git(repo);
	git_config *cfg = NULL;
	git_buf value = GIT_BUF_INIT;
	char *base = NULL;
	int grc, rc = 0;

	*out = NULL;
	grc = git_repository_config_snapshot(&cfg, g);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read the repository config");
	grc = git_config_get_path(&value, cfg, "core.hooksPath");
	if (grc == GIT_ENOTFOUND || (grc == 0 && value.size == 0)) {
		git_error_clear();
		rc = config_item_path(out, g, GIT_REPOSITORY_ITEM_HOOKS,
				      "hooks directory");
		goto done;
	}
	if (grc < 0) {
		rc = sl_repo__error(grc, "cannot read core.hooksPath");
		goto done;
	}
	if (value.ptr[0] == '/') {
		*out = sl_strdup(value.ptr);
		rc = *out ? 0 : sl_error_oom();
		goto done;
	}
	/* git runs hooks from the top of the working tree (the git
	 * directory when bare), so a relative hooksPath is relative to it. */
	if (git_repository_is_bare(g)) {
		rc = config_item_path(&base, g, GIT_REPOSITORY_ITEM_GITDIR,
				      "git directory");
	} else {
		const char *wd = git_repository_workdir(g);
		base = wd ? sl_strdup(wd) : NULL;
		rc = base ? 0 : sl_error_oom();
	}
	if (rc == 0) {
		*out = sl_fs_join(base, value.ptr);
		rc = *out ? 0 : sl_error_oom();
	}
done:
	sl_free(base);
	git_buf_dispose(&value);
	git_config_free(cfg);
	return rc;
}

int sl_repo_path(char **out, sl_repo *repo, sl_repo_path_kind kind)
{
	git_repository *g = sl_repo__git(repo);
	switch (kind) {
	case SL_REPO_PATH_GITDIR:
		return config_item_path(out, g, GIT_REPOSITORY_ITEM_GITDIR,
					"git directory");
	case SL_REPO_PATH_INFO:
		return config_item_path(out, g, GIT_REPOSITORY_ITEM_INFO,
					"info directory");
	case SL_REPO_PATH_CONFIG:
		return config_item_path(out, g, GIT_REPOSITORY_ITEM_CONFIG,
					"repository config");
	}
	*out = NULL;
	return sl_error_set(SL_ERROR, "unknown repository path kind %d",
			    (int)kind);
}

int sl_repo_config_set_local_all(sl_repo *repo, const char *const *keys,
				 const char *const *values, size_t n)
{
	git_config *cfg = NULL, *local = NULL;
	git_transaction *tx = NULL;
	size_t i;
	int grc = git_repository_config(&cfg, sl_repo__git(repo)), rc = 0;
	/* The repository's own file (.git/config), not ~/.gitconfig. */
	if (grc == 0)
		grc = git_config_open_level(&local, cfg,
					    GIT_CONFIG_LEVEL_LOCAL);
	if (grc == 0)
		grc = git_config_lock(&tx, local);
	for (i = 0; i < n && grc == 0; i++)
		grc = git_config_set_string(local, keys[i], values[i]);
	if (grc == 0)
		grc = git_transaction_commit(tx);
	if (grc < 0)
		rc = sl_repo__error(grc, "cannot write the repository config");
	/* Freeing an uncommitted transaction unlocks and drops the changes. */
	git_transaction_free(tx);
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}

int sl_repo_config_bool(bool *out, sl_repo *repo, const char *key)
{
	git_config *cfg = NULL, *snap = NULL;
	int value = 0, grc = git_repository_config(&cfg, sl_repo__git(repo));
	*out = false;
	/* A snapshot: the values as they stand now, read consistently. */
	if (grc == 0)
		grc = git_config_snapshot(&snap, cfg);
	if (grc == 0) {
		grc = git_config_get_bool(&value, snap, key);
		if (grc == GIT_ENOTFOUND) {
			grc = 0;
			value = 0;
			git_error_clear();
		}
	}
	git_config_free(snap);
	git_config_free(cfg);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read git config %s", key);
	*out = value != 0;
	return 0;
}
