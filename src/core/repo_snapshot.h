/*
 * repo_snapshot.h: a snapshot of the sheet's files (checklist/sheet.json and
 * checklist/items/<entry>) as they stand in the working tree, the index
 * or a commit. Listing is eager, content is read lazily and cached, so a
 * diff can skip every file whose blob id did not change.
 */
#ifndef SL_REPO_SNAPSHOT_H
#define SL_REPO_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "fs.h"
#include "pool.h"
#include "repo.h"
#include "vec.h"

typedef enum sl_snap_kind {
	SL_SNAP_WORKTREE, /* files on disk under the working directory */
	SL_SNAP_INDEX,    /* the staging area */
	SL_SNAP_COMMIT,   /* the tree of a commit */
} sl_snap_kind;

typedef struct sl_snapfile {
	char *path;       /* repository-relative, "checklist/items/1-1.json";
			   * lives in the snapshot's pool with the struct */
	const char *name; /* borrowed from path: the part after the sheet dir,
			   * "sheet.json" or "items/1-1.json" */
	sl_fs_kind kind;  /* regular, directory, symlink or other (submodule) */
	unsigned char oid[20]; /* raw blob id, meaningful when has_oid */
	bool has_oid;          /* false for working-tree files */
	char *data;  /* owned once loaded; NUL-terminated for convenience */
	size_t len;  /* bytes of data */
	bool loaded; /* data is valid */
} sl_snapfile;

typedef struct sl_snapshot {
	sl_snap_kind kind;
	char commit[41];    /* commit id for SL_SNAP_COMMIT, "" otherwise */
	char *rev;          /* owned; the revision as the user named it */
	sl_vec files;       /* sl_snapfile pointers into pool, sorted by path */
	sl_pool pool;       /* owns every sl_snapfile and its path */
	bool has_sheet_dir; /* the checklist/ directory exists */
	bool sheet_dir_link; /* checklist/ is a symbolic link (not followed) */
	sl_repo *repo;       /* borrowed; must outlive the snapshot */
	/* borrowed; when set, blobs are read through this handle instead of
	 * repo's (a snapshot loaded on a second thread: sl_repo_sibling) */
	sl_repo *reader;
} sl_snapshot;

/*
 * List the sheet's files. commit is a 40-hex id for SL_SNAP_COMMIT and
 * ignored otherwise; rev is the label used in messages.
 * new: free with sl_snapshot_free. @return 0, SL_EREPO (bare repository
 * for WORKTREE, unreadable index), SL_ENOTFOUND, SL_EIO or SL_ENOMEM
 */
int sl_snapshot_open(sl_snapshot **out, sl_repo *repo, sl_snap_kind kind,
		     const char *commit, const char *rev);
void sl_snapshot_free(sl_snapshot *snap);

/*
 * Build a snapshot by hand (the history walker lists only the files a
 * commit changed). new: an empty snapshot of kind COMMIT for commit (40
 * hex), labelled rev. @return 0 or SL_ENOMEM
 */
int sl_snapshot_new_partial(sl_snapshot **out, sl_repo *repo,
			    const char *commit, const char *rev);
/* Add a file (path repository-relative, kept sorted by the caller).
 * @return 0 or SL_ENOMEM */
int sl_snapshot_add_file(sl_snapshot *snap, const char *path, sl_fs_kind kind,
			 const unsigned char oid[20]);

/* Set the error for a snapshot without checklist/ (missing, or a link
 * sheetlog does not follow). @return SL_ENOTFOUND */
int sl_snapshot_no_dir_error(const sl_snapshot *snap);

/* Load a file's content (no-op when loaded). @return 0, SL_EIO,
 * SL_EREPO or SL_ENOMEM */
int sl_snapshot_load(sl_snapshot *snap, sl_snapfile *file);
/*
 * Give dst's unloaded commit files the bytes of src's loaded commit files
 * with the same blob id, moved (src's files are left unloaded; both
 * snapshots must belong to one repository). Only an optimisation for a
 * walk that diffs commit after commit: a file the newer commit's old side
 * read is often the older commit's new side. Nothing fails (an allocation
 * that fails only means nothing is adopted).
 */
void sl_snapshot_adopt(sl_snapshot *dst, sl_snapshot *src);
/* Drop a loaded file's bytes (a later sl_snapshot_load reads them again). */
void sl_snapshot_unload(sl_snapshot *snap, sl_snapfile *file);
/* The blob id of a file as 40 hex characters ("" without one). */
void sl_snapfile_oid_hex(char out[41], const sl_snapfile *file);

/*
 * The blob id of one sheet file (name as in a snapshot, "items/1-1.json")
 * at a revision, without listing the sheet: a commit's tree entry, the
 * index entry, or the working-tree file's bytes hashed as a blob (no
 * filters: the bytes a snapshot loads). *exists is false when there is no
 * such regular file. commit is a 40-hex id for SL_SNAP_COMMIT.
 * @return 0, SL_EREPO, SL_EIO or SL_ENOMEM
 */
int sl_snapshot_file_id(unsigned char out[20], bool *exists, sl_repo *repo,
			sl_snap_kind kind, const char *commit,
			const char *name);
/* borrowed: the file with this repository-relative path, or NULL */
sl_snapfile *sl_snapshot_find(const sl_snapshot *snap, const char *path);

#endif
