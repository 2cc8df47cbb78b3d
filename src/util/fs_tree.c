/*
 * fs_tree.c: replace a directory tree in one rename (fs_tree.h). The
 * files are synced once per tree (syncfs) rather than once per file: a
 * site is hundreds of small pages, and the swap only needs every one of
 * them durable before the rename that publishes them.
 */
#define _GNU_SOURCE /* renameat2, syncfs */
#include "fs_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"

int sl_fs_tree_remove(const char *dir)
{
	sl_vec entries = SL_VEC_INIT;
	size_t i;
	int rc = sl_fs_list(&entries, dir);
	if (rc < 0)
		return rc == SL_ENOTFOUND ? 0 : rc;
	for (i = 0; i < entries.len && rc == 0; i++) {
		const sl_fs_entry *e = entries.items[i];
		char *path = sl_fs_join(dir, e->name);
		if (!path) {
			rc = sl_error_oom();
			break;
		}
		if (e->kind == SL_FS_DIR)
			rc = sl_fs_tree_remove(path);
		else if (unlink(path) < 0)
			rc = sl_error_set(SL_EIO, "cannot remove '%s': %s",
					  path, strerror(errno));
		sl_free(path);
	}
	sl_fs_entries_free(&entries);
	if (rc == 0 && rmdir(dir) < 0)
		rc = sl_error_set(SL_EIO, "cannot remove directory '%s': %s",
				  dir, strerror(errno));
	return rc;
}

/* A relative path with no empty, "." or ".." component. */
static bool tree_path_is_safe(const char *p)
{
	const char *seg = p;
	if (!*p || *p == '/')
		return false;
	for (;;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (!end)
			return true;
		seg = end + 1;
	}
}

/* Write f below root; *made is the last directory created (files come
 * grouped by directory, so most need no mkdir at all). */
static int tree_write_file(const char *root, const sl_fs_write *f, char **made)
{
	char *path = sl_fs_join(root, f->path), *dir = NULL;
	size_t off = 0;
	int fd = -1, rc = 0;

	if (!path)
		return sl_error_oom();
	dir = sl_fs_dirname(path);
	if (!dir)
		rc = sl_error_oom();
	if (rc == 0 && strcmp(dir, root) && (!*made || strcmp(dir, *made))) {
		rc = sl_fs_mkdirs(dir);
		sl_free(*made);
		*made = rc == 0 ? dir : NULL;
		if (rc == 0)
			dir = NULL;
	}
	if (rc == 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0)
			rc = sl_error_set(SL_EIO, "cannot create '%s': %s",
					  path, strerror(errno));
	}
	while (rc == 0 && off < f->len) {
		ssize_t w =
			sl_fs__write_hooked(fd, f->data + off, f->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			rc = sl_error_set(SL_EIO, "cannot write '%s': %s", path,
					  strerror(errno));
		else
			off += (size_t)w;
	}
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = sl_error_set(SL_EIO, "cannot write '%s': %s", path,
				  strerror(errno));
	sl_free(dir);
	sl_free(path);
	return rc;
}

static int tree_sync(const char *root, const sl_fs_write *files, size_t n)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;
	if (fd < 0)
		return sl_error_set(SL_EIO, "cannot open directory '%s': %s",
				    root, strerror(errno));
#ifdef __linux__
	(void)files;
	(void)n;
	if (syncfs(fd) < 0)
		rc = sl_error_set(SL_EIO, "cannot sync '%s': %s", root,
				  strerror(errno));
#else
	{
		size_t i;
		for (i = 0; i < n && rc == 0; i++) {
			char *p = sl_fs_join(root, files[i].path);
			int ffd = p ? open(p, O_RDONLY | O_CLOEXEC) : -1;
			if (!p)
				rc = sl_error_oom();
			else if (ffd < 0 || fsync(ffd) < 0)
				rc = sl_error_set(SL_EIO,
						  "cannot sync '%s': %s", p,
						  strerror(errno));
			if (ffd >= 0)
				close(ffd);
			sl_free(p);
		}
		if (rc == 0 && fsync(fd) < 0 && errno != EINVAL)
			rc = sl_error_set(SL_EIO, "cannot sync '%s': %s", root,
					  strerror(errno));
	}
#endif
	close(fd);
	return rc;
}

/* dir must be missing, empty, or hold marker. */
static int tree_check_target(const char *dir, const char *marker)
{
	sl_vec entries = SL_VEC_INIT;
	size_t i;
	bool ours = false;
	int rc;
	sl_fs_kind kind = sl_fs_kind_of(dir);

	if (kind == SL_FS_MISSING)
		return 0;
	if (kind != SL_FS_DIR)
		return sl_error_set(SL_EUSAGE,
				    "'%s' exists and is not a "
				    "directory",
				    dir);
	rc = sl_fs_list(&entries, dir);
	if (rc < 0)
		return rc;
	for (i = 0; i < entries.len; i++) {
		const sl_fs_entry *e = entries.items[i];
		if (!strcmp(e->name, marker) && e->kind == SL_FS_REGULAR)
			ours = true;
	}
	if (entries.len && !ours)
		rc = sl_error_set(SL_EUSAGE,
				  "refusing to replace '%s': it is not empty "
				  "and holds no %s (not a directory this "
				  "command wrote)",
				  dir, marker);
	sl_fs_entries_free(&entries);
	return rc;
}

/* Put the tree at tmp in dir's place; on success *old names the previous
 * tree (to remove), or is NULL. */
static int tree_swap(char **old, const char *tmp, const char *dir,
		     const char *parent, const char *base)
{
	sl_buf aside = SL_BUF_INIT;
	int rc = 0;

	*old = NULL;
	if (sl_fs_kind_of(dir) == SL_FS_MISSING) {
		if (rename(tmp, dir) < 0)
			return sl_error_set(SL_EIO,
					    "cannot rename '%s' to '%s': %s",
					    tmp, dir, strerror(errno));
		return 0;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		*old = sl_strdup(tmp);
		return *old ? 0 : sl_error_oom();
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return sl_error_set(SL_EIO, "cannot exchange '%s' and '%s': %s",
				    tmp, dir, strerror(errno));
#endif
	/* No atomic exchange here: rename the old tree aside, then the new
	 * one into place, putting the old one back if that fails. */
	sl_buf_printf(&aside, "%s/.%s.old-XXXXXX", parent, base);
	if (sl_buf_oom(&aside))
		return sl_error_oom();
	*old = sl_buf_detach(&aside, NULL);
	if (!*old)
		return sl_error_oom();
	if (!mkdtemp(*old) || rename(dir, *old) < 0) {
		rc = sl_error_set(SL_EIO, "cannot move '%s' aside: %s", dir,
				  strerror(errno));
	} else if (rename(tmp, dir) < 0) {
		rc = sl_error_set(SL_EIO, "cannot rename '%s' to '%s': %s", tmp,
				  dir, strerror(errno));
		if (rename(*old, dir) < 0)
			sl_error_set(SL_EIO,
				     "cannot rename '%s' to '%s' (the previous "
				     "tree is at '%s'): %s",
				     tmp, dir, *old, strerror(errno));
	}
	if (rc < 0) {
		rmdir(*old);
		sl_free(*old);
		*old = NULL;
	}
	return rc;
}

int sl_fs_tree_replace(const char *dir, const sl_fs_write *files, size_t n,
		       const char *marker)
{
	char *parent = NULL, *tmp = NULL, *old = NULL, *made = NULL;
	const char *base = strrchr(dir, '/');
	sl_buf b = SL_BUF_INIT;
	sl_fs_write mark = {marker, "sheetlog\n", 9};
	size_t i;
	int rc = tree_check_target(dir, marker);

	base = base ? base + 1 : dir;
	if (rc == 0 && (!*base || !strcmp(base, ".") || !strcmp(base, "..")))
		rc = sl_error_set(SL_EUSAGE,
				  "'%s': name the directory itself (no "
				  "trailing '/', '.' or '..')",
				  dir);
	for (i = 0; rc == 0 && i < n; i++)
		if (!tree_path_is_safe(files[i].path))
			rc = sl_error_set(SL_ERROR,
					  "unsafe path '%s' in a tree",
					  files[i].path);
	if (rc == 0) {
		parent = sl_fs_dirname(dir);
		sl_buf_printf(&b, "%s/.%s.tmp-XXXXXX", parent ? parent : "",
			      base);
		tmp = parent && !sl_buf_oom(&b) ? sl_buf_detach(&b, NULL)
						: NULL;
		if (!tmp)
			rc = sl_error_oom();
		else if (!mkdtemp(tmp)) {
			rc = sl_error_set(SL_EIO,
					  "cannot create a directory beside "
					  "'%s': %s",
					  dir, strerror(errno));
			sl_free(tmp);
			tmp = NULL;
		}
	}
	/* mkdtemp makes it 0700; a site is for reading. */
	if (rc == 0 && chmod(tmp, 0755) < 0)
		rc = sl_error_set(SL_EIO, "cannot chmod '%s': %s", tmp,
				  strerror(errno));
	for (i = 0; rc == 0 && i < n; i++)
		rc = tree_write_file(tmp, &files[i], &made);
	if (rc == 0)
		rc = tree_write_file(tmp, &mark, &made);
	if (rc == 0)
		rc = tree_sync(tmp, files, n);
	if (rc == 0)
		rc = tree_swap(&old, tmp, dir, parent, base);
	if (rc < 0 && tmp) {
		sl_fs_tree_remove(tmp);
	} else if (rc == 0) {
		int sync_fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		/* The new tree is in place: a leftover old tree is litter,
		 * not a failure. */
		if (old)
			sl_fs_tree_remove(old);
		if (sync_fd >= 0) {
			fsync(sync_fd);
			close(sync_fd);
		}
	}
	sl_free(made);
	sl_free(old);
	sl_free(tmp);
	sl_free(parent);
	sl_buf_dispose(&b);
	return rc;
}
