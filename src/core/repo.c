/*
 * repo.c: opening a repository and mapping libgit2 errors. Never runs the
 * git executable: libgit2 only.
 */
#include "repo_internal.h"

#include <git2.h>
#include <git2/sys/repository.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "fs.h"

struct sl_repo {
	git_repository *git; /* owned */
	sl_repo *sibling;    /* owned; a second handle, opened when asked */
};

void sl_repo_global_init(void)
{
	git_libgit2_init();
	/* git does not re-hash objects it reads either; zlib's checksum still
	 * catches corrupt data. Re-hashing every tree of a 20,000-item sheet
	 * was 15% of a diff's instructions. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

void sl_repo_global_shutdown(void)
{
	git_libgit2_shutdown();
}

int sl_repo__error(int git_rc, const char *fmt, ...)
{
	const git_error *e = git_error_last();
	char what[768];
	va_list ap;
	int code;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	switch (git_rc) {
	case GIT_ENOTFOUND:
	case GIT_EAMBIGUOUS:
	case GIT_EINVALIDSPEC:
		code = SL_ENOTFOUND;
		break;
	default:
		code = SL_EREPO;
		break;
	}
	if (e && e->message && e->message[0])
		sl_error_set(code, "%s: %s", what, e->message);
	else
		sl_error_set(code, "%s", what);
	git_error_clear();
	return code;
}

int sl_repo_open(sl_repo **out, const char *path)
{
	sl_repo *repo;
	int rc;

	*out = NULL;
	repo = sl_calloc(1, sizeof(*repo));
	if (!repo)
		return sl_error_oom();
	rc = git_repository_open_ext(&repo->git, path, 0, NULL);
	if (rc < 0) {
		sl_free(repo);
		if (rc == GIT_ENOTFOUND) {
			git_error_clear();
			return sl_error_set(SL_EREPO,
					    "not a git repository: '%s'", path);
		}
		return sl_repo__error(rc, "cannot open repository '%s'", path);
	}
	*out = repo;
	return 0;
}

/*
 * libgit2 opens each pack once per process, keyed by its path, and every
 * handle that reads it shares one pack state: one mutex and one delta-base
 * cache. Two threads reading through two handles then take turns on that
 * mutex. Reading both sides of the adjacent diff on two threads took
 * 58 ms with shared packs and 42 ms with separate ones (issue 11,
 * bench_read). The object directory opened under another spelling of
 * its path ("objects/./") gives the handle packs of its own; the files
 * and objects read are the same.
 */
int sl_repo__git_again(git_repository **out, git_repository *git)
{
	git_buf objects = GIT_BUF_INIT;
	git_odb *odb = NULL;
	sl_buf alias = SL_BUF_INIT;
	int grc;

	*out = NULL;
	grc = git_repository_open(out, git_repository_path(git));
	if (grc == 0)
		grc = git_repository_item_path(&objects, git,
					       GIT_REPOSITORY_ITEM_OBJECTS);
	if (grc == 0) {
		sl_buf_puts(&alias, objects.ptr);
		sl_buf_puts(&alias, "./");
		if (sl_buf_oom(&alias)) {
			git_error_set_oom();
			grc = GIT_ERROR;
		}
	}
	if (grc == 0)
		grc = git_odb_open(&odb, sl_buf_cstr(&alias));
	if (grc == 0)
		grc = git_repository_set_odb(*out, odb);
	git_odb_free(odb); /* the repository holds its own reference */
	sl_buf_dispose(&alias);
	git_buf_dispose(&objects);
	if (grc < 0) {
		git_repository_free(*out);
		*out = NULL;
	}
	return grc;
}

int sl_repo_sibling(sl_repo **out, sl_repo *repo)
{
	sl_repo *s;
	int grc;
	*out = NULL;
	if (!repo->sibling) {
		s = sl_calloc(1, sizeof(*s));
		if (!s)
			return sl_error_oom();
		grc = sl_repo__git_again(&s->git, repo->git);
		if (grc < 0) {
			sl_free(s);
			return sl_repo__error(grc, "cannot open the repository "
						   "again for a second thread");
		}
		repo->sibling = s;
	}
	*out = repo->sibling;
	return 0;
}

void sl_repo_sibling_close(sl_repo *repo)
{
	sl_repo_free(repo->sibling);
	repo->sibling = NULL;
}

void sl_repo_free(sl_repo *repo)
{
	if (!repo)
		return;
	sl_repo_free(repo->sibling);
	git_repository_free(repo->git);
	sl_free(repo);
}

struct git_repository *sl_repo__git(const sl_repo *repo)
{
	return repo->git;
}

const char *sl_repo_workdir(const sl_repo *repo)
{
	return git_repository_workdir(repo->git);
}

bool sl_repo_is_bare(const sl_repo *repo)
{
	return git_repository_is_bare(repo->git) == 1;
}

bool sl_repo_is_shallow(const sl_repo *repo)
{
	return git_repository_is_shallow(repo->git) == 1;
}

bool sl_repo_is_empty(const sl_repo *repo)
{
	return git_repository_head_unborn(repo->git) == 1;
}

int sl_repo_use_index_file(sl_repo *repo, const char *path)
{
	git_index *index = NULL;
	int grc;
	/* An index file that does not exist would read as empty: a commit
	 * hook must not lint "nothing" and pass. */
	if (sl_fs_kind_of(path) != SL_FS_REGULAR)
		return sl_error_set(SL_ENOTFOUND, "no index file '%s'", path);
	grc = git_index_open(&index, path);
	if (grc < 0)
		return sl_repo__error(grc, "cannot read the index file '%s'",
				      path);
	grc = git_repository_set_index(repo->git, index);
	/* The repository holds its own reference now. */
	git_index_free(index);
	if (grc < 0)
		return sl_repo__error(grc, "cannot use the index file '%s'",
				      path);
	return 0;
}
