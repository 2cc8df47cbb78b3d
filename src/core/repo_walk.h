/*
 * repo_walk.h: the sheet's history, commit by commit. For each commit the
 * walker knows its first parent and the names of the sheet files that
 * differ from it, found by comparing tree entry ids level by level: a
 * commit whose checklist/ tree id equals its parent's is settled without
 * reading deeper, and only commits that touched items/ read that tree.
 * Results go to the persistent cache (repo_walk_cache.h), so a later walk reads
 * no tree, and not even the commit objects, of commits it has seen before.
 */
#ifndef SL_REPO_WALK_H
#define SL_REPO_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "repo_walk_cache.h"
#include "diff.h"
#include "repo.h"
#include "vec.h"

typedef struct sl_commit_info {
	char id[41];         /* commit id */
	char parent[41];     /* first parent, "" for a root commit */
	size_t parent_count; /* number of parents (2+ for merges) */
	int64_t author_time; /* seconds since the epoch */
	int author_offset;   /* minutes east of UTC */
	int64_t commit_time;
	int commit_offset;
	char *author;  /* owned; "Name <email>" */
	char *message; /* owned; the first line */
} sl_commit_info;

void sl_commit_info_dispose(sl_commit_info *info);
/* Read a commit. @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM */
int sl_commit_info_load(sl_commit_info *out, sl_repo *repo, const char *commit);

typedef struct sl_walk_options {
	bool use_cache; /* read and extend .git/sheetlog/changes-v1 */
	/* Called every 256 commits computed (not read from the cache). */
	void (*progress)(void *payload, size_t done);
	void *payload;
} sl_walk_options;

#define SL_WALK_OPTIONS_INIT     \
	{                        \
		true, NULL, NULL \
	}

typedef struct sl_walker sl_walker;

/* new: *out. @return 0 or SL_ENOMEM */
int sl_walker_new(sl_walker **out, sl_repo *repo, const sl_walk_options *opts);
/* Saves new cache entries (errors ignored: the cache is optional). */
void sl_walker_free(sl_walker *w);

/*
 * The entry of a commit (40-hex id): first parent, flags (root, merge,
 * shallow boundary) and the sorted names of the sheet files it changed
 * against its first parent ("items/2-3.json", "sheet.json").
 * borrowed: valid until sl_walker_free.
 * @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM
 */
int sl_walker_entry(const sl_cache_entry **out, sl_walker *w,
		    const char *commit);

/*
 * Every commit reachable from `to` and not from `from` (NULL: none), in
 * reverse topological order (newest first), as 40-hex strings in *out
 * (free with sl_vec_free_all). first_parent limits the walk to the
 * first-parent line. @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM
 */
int sl_walker_commits(sl_vec *out, sl_walker *w, const char *to,
		      const char *from, bool first_parent);

/*
 * The blob id of a sheet file ("items/2-3.json") in a commit.
 * *exists is false when the commit has no such file.
 * @return 0, SL_ENOTFOUND (no commit), SL_EREPO or SL_ENOMEM
 */
int sl_walker_file_id(unsigned char out[20], bool *exists, sl_walker *w,
		      const char *commit, const char *name);
/* Commit ids of all parents of a commit (40-hex strings in *out).
 * @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM */
int sl_walker_parents(sl_vec *out, sl_walker *w, const char *commit);

/*
 * The diff of a commit against its first parent (or the empty sheet for a
 * root commit), reading only the files its entry names. new: *out, free
 * with sl_diff_free; *out is NULL when the commit changed no item and not
 * sheet.json. The summary's unchanged count is 0 (unchanged items are not
 * looked at). @return as sl_diff_snapshots
 */
int sl_walker_diff(sl_diff **out, sl_walker *w, const char *commit);

/* sl_walker_diff over only the given names (sorted, as in an entry). */
int sl_walker_diff_names(sl_diff **out, sl_walker *w, const char *commit,
			 const char *const *names, size_t count);

/* True when the name (from an entry) is the given item's file. */
bool sl_walk_names_have(const sl_cache_entry *e, const char *name);
/* 40-hex of a raw id. */
void sl_walk_hex(char out[41], const unsigned char raw[20]);
/* Commits computed (not taken from the cache) so far. */
size_t sl_walker_computed(const sl_walker *w);

#endif
