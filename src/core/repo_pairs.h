/*
 * repo_pairs.h: the pairing store, .git/sheetlog/pairs/<commit>: for a
 * commit that a history has diffed against its first parent, every change
 * that diff found, as the item ids and blob ids of its two sides. A later
 * history follows an item through the commit by reading that one small
 * file and the change's two blobs, instead of diffing the whole commit
 * again (on a sheet of 20,000 items a renumbering commit rewrites
 * thousands of files).
 *
 * The pairing is the diff's, not the repository's: it is stored with the
 * version its producer gives (SL_MATCH_VERSION), and a reader that asks
 * for another version finds nothing. Like the walker's cache
 * (repo_walk_cache.h) the store is never required for correctness: a
 * missing, short, corrupt or foreign file reads as absent, and a failure
 * to write one is not an error. One file per commit, each written
 * atomically, so walks that run at once never lose each other's work.
 *
 * File layout (little-endian):
 *   "SLPRS002"                   magic and format
 *   u32 version u32 count
 *   count x { u16 length, old id; old blob[20];
 *             u16 length, new id; new blob[20];     "" and zeros: none
 *             u8 flags }                            1: replaced
 *   u64 checksum                 FNV-1a of everything before it
 */
#ifndef SL_REPO_PAIRS_H
#define SL_REPO_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "repo.h"
#include "repo_snapshot.h"

typedef struct sl_pair {
	char *old_id; /* owned by the list; NULL: the item was added */
	char *new_id; /* owned by the list; NULL: the item was removed */
	unsigned char old_blob[20];
	unsigned char new_blob[20];
	bool replaced; /* one number, two items: SL_CHANGE_REPLACED (both
			* ids equal) */
} sl_pair;

typedef struct sl_pair_list {
	sl_pair *pairs; /* owned */
	size_t count, cap;
} sl_pair_list;

#define SL_PAIR_LIST_INIT  \
	{                  \
		NULL, 0, 0 \
	}

/* Append a pair (ids copied; either NULL; not replaced: set the new
 * pair's flag after). @return 0 or SL_ENOMEM */
int sl_pair_list_add(sl_pair_list *list, const char *old_id,
		     const unsigned char old_blob[20], const char *new_id,
		     const unsigned char new_blob[20]);
void sl_pair_list_dispose(sl_pair_list *list);

/* A store file's bytes as a pairing of version: *found false when they
 * are not one (bad magic, version, length or checksum; nothing is kept).
 * @return 0 or SL_ENOMEM */
int sl_pairs_parse(sl_pair_list *out, bool *found, const unsigned char *bytes,
		   size_t len, uint32_t version);
/* The store file of a pairing, appended to b. @return 0, SL_EINVALID (an
 * id over 65535 bytes) or SL_ENOMEM */
int sl_pairs_encode(sl_buf *b, uint32_t version, const sl_pair_list *list);

/* The stored pairing of commit (40 hex) for version. *found false when
 * there is none usable. @return 0 or SL_ENOMEM */
int sl_pairs_read(sl_pair_list *out, bool *found, sl_repo *repo,
		  const char *commit, uint32_t version);
/* Store a commit's pairing. @return 0, SL_EIO or SL_ENOMEM (callers may
 * ignore it: the store is an optimisation) */
int sl_pairs_write(sl_repo *repo, const char *commit, uint32_t version,
		   const sl_pair_list *list);

/*
 * The two sides of one pair as partial snapshots of the commit (new side)
 * and its first parent (old side; parent NULL for none): each holds
 * sheet.json as the revision has it and the pair's item file of that
 * side (old_name, new_name: "items/1-2.json") at its stored blob, without
 * reading the items tree.
 * new: *old_snap, *new_snap. @return 0, SL_ENOTFOUND, SL_EREPO or
 * SL_ENOMEM
 */
int sl_pairs_snapshots(sl_snapshot **old_snap, sl_snapshot **new_snap,
		       sl_repo *repo, const char *commit, const char *parent,
		       const sl_pair *pair, const char *old_name,
		       const char *new_name);

#endif
