/*
 * fs_tree.c: replace a directory tree in one rename (fs_tree.h). The
 * files are synced once per tree (syncfs) rather than once per file: a
 * site is hundreds of small pages, and the swap only needs every one of
 * them durable before the rename that publishes them.
 */
#define _GNU_SOURCE /* renameat2, syncfs */
#include "fs_tree.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"

/* Remove the tree at path[0..len) (path has room for PATH_MAX bytes).
 * It allocates nothing of ours, so a run that is out of memory still
 * cleans up its temporary tree. */
static int tree_remove_at(char *path, size_t len)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;
	if (!d)
		return errno == ENOENT ? 0
				       : sl_error_set(SL_EIO,
						      "cannot open directory "
						      "'%s': %s",
						      path, strerror(errno));
	while (rc == 0 && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		struct stat st;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (len + 1 + n >= PATH_MAX) {
			rc = sl_error_set(SL_EIO, "path too long below '%s'",
					  path);
			break;
		}
		path[len] = '/';
		memcpy(path + len + 1, e->d_name, n + 1);
		if (lstat(path, &st) < 0)
			rc = sl_error_set(SL_EIO, "cannot stat '%s': %s", path,
					  strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = tree_remove_at(path, len + 1 + n);
		else if (unlink(path) < 0)
			rc = sl_error_set(SL_EIO, "cannot remove '%s': %s",
					  path, strerror(errno));
		path[len] = '\0';
	}
	closedir(d);
	if (rc == 0 && rmdir(path) < 0)
		rc = sl_error_set(SL_EIO, "cannot remove directory '%s': %s",
				  path, strerror(errno));
	return rc;
}

int sl_fs_tree_remove(const char *dir)
{
	char path[PATH_MAX];
	size_t len = strlen(dir);
	if (len >= sizeof(path))
		return sl_error_set(SL_EIO, "path too long: '%s'", dir);
	memcpy(path, dir, len + 1);
	return tree_remove_at(path, len);
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

/*
 * When the tree being replaced holds f's path with exactly f's bytes, link
 * that file into the new tree at path instead of writing it. Why: a
 * rebuilt site is mostly unchanged pages, and a new inode each was half
 * of a rebuild's time (ext4_create, perf); an unchanged page also keeps
 * its inode and mtime, so rsync or a CDN sync sends only what changed.
 * The old file is opened without following a symlink, compared through
 * its descriptor and linked through the same descriptor, so what is
 * linked is what was compared. False: nothing was linked (no such file,
 * other bytes, no /proc, a file system without hard links); the caller
 * writes the file as usual.
 */
static bool tree_reuse(const char *old_root, const sl_fs_write *f,
		       const char *path)
{
#ifdef __linux__
	char *old = sl_fs_join(old_root, f->path);
	char buf[16384], proc[64];
	struct stat st;
	size_t off = 0;
	bool same = false;
	int fd = old ? open(old, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;

	sl_free(old);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size == (uintmax_t)f->len) {
		same = true;
		while (same && off < f->len) {
			ssize_t r = read(fd, buf, sizeof(buf));
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0 || (size_t)r > f->len - off ||
			    memcmp(buf, f->data + off, (size_t)r))
				same = false;
			else
				off += (size_t)r;
		}
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	same = same &&
	       linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0;
	close(fd);
	return same;
#else
	(void)old_root;
	(void)f;
	(void)path;
	return false;
#endif
}

/* Write f below root, or link it from old_root (NULL: no tree before)
 * when that holds the same bytes (counted in *kept); *made is the last
 * directory created (files come grouped by directory, so most need no
 * mkdir at all). */
static int tree_write_file(const char *root, const char *old_root,
			   const sl_fs_write *f, char **made, size_t *kept)
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
	if (rc == 0 && old_root && tree_reuse(old_root, f, path)) {
		(*kept)++;
		sl_free(dir);
		sl_free(path);
		return 0;
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
#ifndef __linux__
	/* No syncfs: each file is synced as it is written. */
	if (rc == 0 && fsync(fd) < 0)
		rc = sl_error_set(SL_EIO, "cannot sync '%s': %s", path,
				  strerror(errno));
#endif
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = sl_error_set(SL_EIO, "cannot write '%s': %s", path,
				  strerror(errno));
	sl_free(dir);
	sl_free(path);
	return rc;
}

static int tree_sync(const char *root)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;
	if (fd < 0)
		return sl_error_set(SL_EIO, "cannot open directory '%s': %s",
				    root, strerror(errno));
#ifdef __linux__
	if (syncfs(fd) < 0)
		rc = sl_error_set(SL_EIO, "cannot sync '%s': %s", root,
				  strerror(errno));
#else
	if (fsync(fd) < 0 && errno != EINVAL)
		rc = sl_error_set(SL_EIO, "cannot sync '%s': %s", root,
				  strerror(errno));
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

struct sl_fs_tree {
	char *dir;    /* the target */
	char *parent; /* its directory */
	char *tmp;    /* the new tree, beside dir */
	char *marker; /* the marker's name */
	char *made;   /* the last directory created in tmp */
	bool reuse;   /* dir is a tree written before: link its same files */
	size_t kept;  /* files linked from it */
};

size_t sl_fs_tree_kept(const sl_fs_tree *t)
{
	return t->kept;
}

static void tree_free(sl_fs_tree *t)
{
	sl_free(t->dir);
	sl_free(t->parent);
	sl_free(t->tmp);
	sl_free(t->marker);
	sl_free(t->made);
	sl_free(t);
}

void sl_fs_tree_abort(sl_fs_tree *t)
{
	if (!t)
		return;
	if (t->tmp)
		sl_fs_tree_remove(t->tmp);
	tree_free(t);
}

int sl_fs_tree_begin(sl_fs_tree **out, const char *dir, const char *marker)
{
	sl_fs_tree *t = NULL;
	const char *base = strrchr(dir, '/');
	sl_buf b = SL_BUF_INIT;
	int rc = tree_check_target(dir, marker);

	*out = NULL;
	base = base ? base + 1 : dir;
	if (rc == 0 && (!*base || !strcmp(base, ".") || !strcmp(base, "..")))
		rc = sl_error_set(SL_EUSAGE,
				  "'%s': name the directory itself (no "
				  "trailing '/', '.' or '..')",
				  dir);
	if (rc < 0)
		return rc;
	t = sl_calloc(1, sizeof(*t));
	if (!t)
		return sl_error_oom();
	t->dir = sl_strdup(dir);
	t->reuse = sl_fs_kind_of(dir) == SL_FS_DIR;
	t->parent = sl_fs_dirname(dir);
	t->marker = sl_strdup(marker);
	if (t->parent)
		sl_buf_printf(&b, "%s/.%s.tmp-XXXXXX", t->parent, base);
	if (!t->dir || !t->parent || !t->marker || sl_buf_oom(&b) ||
	    !(t->tmp = sl_buf_detach(&b, NULL))) {
		sl_buf_dispose(&b);
		tree_free(t);
		return sl_error_oom();
	}
	if (!mkdtemp(t->tmp)) {
		rc = sl_error_set(SL_EIO,
				  "cannot create a directory beside '%s': %s",
				  dir, strerror(errno));
		sl_free(t->tmp);
		t->tmp = NULL;
	} else if (chmod(t->tmp, 0755) < 0) {
		/* mkdtemp makes it 0700; a site is for reading. */
		rc = sl_error_set(SL_EIO, "cannot chmod '%s': %s", t->tmp,
				  strerror(errno));
	}
	if (rc < 0) {
		sl_fs_tree_abort(t);
		return rc;
	}
	*out = t;
	return 0;
}

int sl_fs_tree_add(sl_fs_tree *t, const char *path, const char *data,
		   size_t len)
{
	sl_fs_write f;
	if (!tree_path_is_safe(path) || !strcmp(path, t->marker))
		return sl_error_set(SL_ERROR, "unsafe path '%s' in a tree",
				    path);
	f.path = path;
	f.data = data;
	f.len = len;
	return tree_write_file(t->tmp, t->reuse ? t->dir : NULL, &f, &t->made,
			       &t->kept);
}

int sl_fs_tree_commit(sl_fs_tree *t)
{
	sl_fs_write mark;
	const char *base = strrchr(t->dir, '/');
	char *old = NULL;
	int rc;

	base = base ? base + 1 : t->dir;
	mark.path = t->marker;
	mark.data = "sheetlog\n";
	mark.len = 9;
	rc = tree_write_file(t->tmp, NULL, &mark, &t->made, &t->kept);
	if (rc == 0)
		rc = tree_sync(t->tmp);
	if (rc == 0)
		rc = tree_swap(&old, t->tmp, t->dir, t->parent, base);
	if (rc < 0) {
		sl_fs_tree_abort(t);
		return rc;
	}
	{
		int sync_fd =
			open(t->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		/* The new tree is in place: a leftover old tree is litter,
		 * not a failure. */
		if (old)
			sl_fs_tree_remove(old);
		if (sync_fd >= 0) {
			fsync(sync_fd);
			close(sync_fd);
		}
	}
	sl_free(old);
	tree_free(t);
	return 0;
}
