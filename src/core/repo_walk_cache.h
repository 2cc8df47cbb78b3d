/*
 * repo_walk_cache.h: the persistent history cache, .git/sheetlog/changes-v1:
 * for each commit already seen, its first parent and the names of the sheet
 * files ("items/2-3.json", "sheet.json") that differ from that parent.
 * Commits never change, so an entry never goes stale; new commits are
 * added as walks meet them. The cache is never required for correctness:
 * a missing, truncated, corrupt or foreign file is ignored and rebuilt,
 * and a failure to write it is not an error.
 *
 * File layout (little-endian):
 *   "SLCHG001"                      magic and version
 *   u32 count                       entries
 *   count x { commit[20] parent[20] u32 flags u32 names
 *             names x { u16 length, bytes } }
 *   u64 checksum                    FNV-1a of everything before it
 */
#ifndef SL_REPO_WALK_CACHE_H
#define SL_REPO_WALK_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "repo.h"

#define SL_CACHE_ROOT 1u  /* the commit has no parent */
#define SL_CACHE_MERGE 2u /* the commit has two or more parents */
#define SL_CACHE_SHALLOW                                 \
	4u /* a shallow boundary: its parents are absent \
	       (walker entries only; never stored) */
#define SL_CACHE_PARTIAL                                           \
	8u /* names unknown: a Bloom filter ruled out the one file \
	      asked about (sl_walker_entry_for only; never stored) */

typedef struct sl_cache_entry {
	unsigned char commit[20]; /* raw commit id */
	unsigned char parent[20]; /* raw first-parent id (zero when root) */
	uint32_t flags;           /* SL_CACHE_* */
	uint32_t name_count;      /* changed sheet files */
	const char **names;       /* borrowed from the cache; sorted */
} sl_cache_entry;

typedef struct sl_cache sl_cache;

/* Load the repository's cache (empty when absent or unusable). With
 * path NULL the default .git/sheetlog/changes-v1 is used.
 * new: *out. @return 0 or SL_ENOMEM */
int sl_cache_open(sl_cache **out, sl_repo *repo, const char *path);
void sl_cache_free(sl_cache *cache);
/* borrowed: the entry of a commit, or NULL */
const sl_cache_entry *sl_cache_get(const sl_cache *cache,
				   const unsigned char commit[20]);
/* Add an entry (names copied). @return 0 or SL_ENOMEM */
int sl_cache_put(sl_cache *cache, const unsigned char commit[20],
		 const unsigned char parent[20], uint32_t flags,
		 const char *const *names, size_t name_count);
/* Write the cache atomically when it gained entries. @return 0 or SL_EIO
 * (callers may ignore it: the cache is an optimisation) */
int sl_cache_save(sl_cache *cache);
/* Number of entries (for tests and progress). */
size_t sl_cache_count(const sl_cache *cache);

#endif
