/*
 * repo_walk_internal.h: shared by the walker's files only (repo_walk.c,
 * repo_walk_entry.c, repo_walk_ahead.c). One commit's entry is computed
 * through a reader: a repository handle and the two raw items/ trees it
 * read last. The walker has one; the read-ahead thread has its own, with
 * its own repository handle, because libgit2 objects and caches are not
 * to be shared between threads.
 */
#ifndef SL_REPO_WALK_INTERNAL_H
#define SL_REPO_WALK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "repo_tree.h"
#include "repo_walk_cache.h"
#include "vec.h"

struct git_repository;
struct git_odb;
struct git_odb_object;
struct git_oid;

typedef struct sl_walk__reader {
	struct git_repository *git;    /* borrowed */
	struct git_odb *odb;           /* owned */
	struct git_odb_object *raw[2]; /* owned; the last raw items/ trees */
	size_t raw_next;               /* slot to replace next */
} sl_walk__reader;

/* Read through git (borrowed). @return 0 or SL_EREPO */
int sl_walk__reader_init(sl_walk__reader *rd, struct git_repository *git);
void sl_walk__reader_dispose(sl_walk__reader *rd);

/*
 * The raw bytes of an items/ tree (repo_tree.h walks them), from the
 * reader's two slots when it read that tree last. Borrowed: valid until
 * the second read after this one (a caller may hold one tree's bytes
 * while reading another). @return 0, SL_ENOTFOUND or SL_EREPO
 */
int sl_walk__raw_items(const unsigned char **data, size_t *len,
		       sl_walk__reader *rd, const struct git_oid *id);

/*
 * A commit's first parent (zeros for a root), flags (SL_CACHE_ROOT,
 * SL_CACHE_MERGE) and the sorted names of the sheet files it changed
 * against that parent, appended to names (owned strings). With sides
 * (empty, or NULL for none), the entries of the "items/" names on each
 * side ([0] the parent's, [1] the commit's), one per such name in the
 * names' order unless sides->unusable: what a whole diff of the commit
 * reads, so that it need not read the two items/ trees again
 * (sl_walker_snapshots). Shallow boundaries are the caller's to rule out
 * first. @return 0, SL_ENOTFOUND, SL_EREPO or SL_ENOMEM
 */
int sl_walk__compute(unsigned char parent[20], uint32_t *flags, sl_vec *names,
		     sl_tree_raw_sides_list *sides, sl_walk__reader *rd,
		     const unsigned char commit[20]);

/*
 * The read-ahead of a walk down a first-parent line (repo_walk_ahead.c).
 * Why: a cold walk spends a third of its time computing entries (two
 * items/ trees read and compared per commit) and the rest on what its
 * caller does with them (history's whole diffs); one thread computing
 * the entries ahead, down the line, while the caller works overlaps the
 * two on a machine's second core.
 *
 * sl_walk__ahead_start: a thread that computes, from commit `start` down
 * its first parents, the entries that cache lacks, into a bounded queue
 * (it waits when the queue is full), stopping at a root, a commit listed
 * in shallow (count raw ids, borrowed, immutable) or a failure. It has
 * its own repository handle, opened on git's directory. The cache is
 * only read by that thread, under the read-ahead's lock; every put into
 * it while the read-ahead runs must take that lock (sl_walk__ahead_lock).
 * @return 0 (with *out NULL when no thread could be started: the walk
 * computes its entries itself), SL_ENOMEM
 *
 * sl_walk__ahead_take: when commit is in the queue or the thread is
 * computing it, wait for it and put it, and the entries queued before
 * it, into cache; *had says whether commit's entry is now there. A
 * failure of the thread is never reported: commit is then not had, the
 * read-ahead stops, and the caller computes the entry itself, which
 * reports the failure with the caller's error record. *computed counts
 * the entries put; *sides (empty before) gets commit's sides when had
 * (sl_walk__compute). @return 0 or SL_ENOMEM (a put failed)
 *
 * sl_walk__ahead_stop: stop the thread, wait for it, put what it queued
 * into cache (free work for a later walk) and free everything. NULL-safe.
 */
typedef struct sl_walk__ahead sl_walk__ahead;
int sl_walk__ahead_start(sl_walk__ahead **out, struct git_repository *git,
			 sl_cache *cache, const unsigned char start[20],
			 const unsigned char *shallow, size_t shallow_count);
int sl_walk__ahead_take(bool *had, size_t *computed,
			sl_tree_raw_sides_list *sides, sl_walk__ahead *a,
			sl_cache *cache, const unsigned char commit[20]);
void sl_walk__ahead_stop(sl_walk__ahead *a, sl_cache *cache);
/* Around a put into the cache while a (maybe NULL) runs. */
void sl_walk__ahead_lock(sl_walk__ahead *a);
void sl_walk__ahead_unlock(sl_walk__ahead *a);

#endif
