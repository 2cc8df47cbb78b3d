/*
 * repo_walk.h: the sheet's history, commit by commit. For each commit the
 * walker knows its first parent and the names of the sheet files that
 * differ from it, found by comparing tree entry ids level by level: a
 * commit whose checklist/ tree id equals its parent's is settled without
 * reading deeper, and only commits that touched items/ read that tree.
 * Results go to the persistent cache (repo_walk_cache.h), so a later walk reads
 * no tree, and not even the commit objects, of commits it has seen before.
 * A walk after one file (history) first asks git's changed-path Bloom
 * filters, when the repository has them, and reads no tree for a commit
 * they rule out (sl_walker_entry_for).
 */
#ifndef SL_REPO_WALK_H
#define SL_REPO_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "repo_walk_cache.h"
#include "repo.h"
#include "repo_snapshot.h"
#include "vec.h"

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
 * The entry of a commit for a walk that asks about one file: `name`
 * ("items/2-3.json"). When git's changed-path Bloom filters
 * (repo_bloom.h, read from the repository's commit graph) say the commit
 * surely did not change that file, no tree is read; when they say it may
 * have (a full filter: over 512 changed paths), the file's own entry is
 * compared in the commit and its first parent, and only when it differs
 * are the whole trees compared. A commit so settled gets an entry with
 * the first parent and flags, no names, and SL_CACHE_PARTIAL; it is not
 * put in the persistent cache, which holds complete entries only.
 * Otherwise (no graph, a stale or damaged one, the commit not in it, the
 * file changed) this is sl_walker_entry. Either way sl_walk_names_have(e, name)
 * answers as sl_walker_entry's entry would. borrowed: a partial entry is valid
 * until the next call of this function (a complete one until sl_walker_free).
 * @return as sl_walker_entry
 */
int sl_walker_entry_for(const sl_cache_entry **out, sl_walker *w,
			const char *commit, const char *name);

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
 * Partial snapshots of a commit and of its first parent holding
 * sheet.json and the named files only (sorted sheet-relative names, as
 * in an entry), for comparing what the commit changed without reading
 * the rest of the sheet. *parent is NULL for a root commit.
 * new: both, free with sl_snapshot_free.
 * @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM
 */
int sl_walker_snapshots(sl_snapshot **parent, sl_snapshot **child, sl_walker *w,
			const char *commit, const char *const *names,
			size_t count);

/* True when the name (from an entry) is the given item's file. */
bool sl_walk_names_have(const sl_cache_entry *e, const char *name);
/* 40-hex of a raw id. */
void sl_walk_hex(char out[41], const unsigned char raw[20]);
/* Commits computed (not taken from the cache) so far. */
size_t sl_walker_computed(const sl_walker *w);
/* Commits that sl_walker_entry_for settled without a full entry. */
size_t sl_walker_bloom_skipped(const sl_walker *w);
/* Of the entries computed, those the read-ahead thread computed (a cold
 * walk on more than one thread; repo_walk_internal.h). */
size_t sl_walker_read_ahead(const sl_walker *w);
/* Snapshots sl_walker_snapshots built from the sides its entry was
 * computed with, reading no items/ tree (the tests' check that a whole
 * diff after a cold walk's step does not read them twice). */
size_t sl_walker_sides_used(const sl_walker *w);

#endif
