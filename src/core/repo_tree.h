/*
 * repo_tree.h: raw git tree objects compared without building libgit2's
 * per-entry structs (20,000 items make a 780 KB items/ tree, and a cold
 * history walk compares one pair of them per commit).
 */
#ifndef SL_REPO_TREE_H
#define SL_REPO_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "vec.h"

/*
 * Push onto names (new strings, free with sl_vec_free_all) prefix + the
 * name of every entry that differs between the raw trees a and b (either
 * may be empty: len 0): added, removed, or with another id or mode; a
 * name whose entry changed is pushed once. Names come in tree order.
 * @return 0, SL_EREPO (a malformed entry) or SL_ENOMEM
 */
int sl_tree_raw_diff(sl_vec *names, const char *prefix, const unsigned char *a,
		     size_t alen, const unsigned char *b, size_t blen);

/* A name's entry in each tree sl_tree_raw_diff compared: [0] in a, [1] in
 * b; mode 0 where that tree has no entry of the name. */
typedef struct sl_tree_raw_sides {
	unsigned mode[2];
	unsigned char id[2][20];
} sl_tree_raw_sides;

/* The sides of the names one diff pushed, in their order. unusable: an
 * entry's mode was not plain octal, so len no longer counts the names
 * (a reader then lists the trees, and reports them, as before). */
typedef struct sl_tree_raw_sides_list {
	sl_tree_raw_sides *v; /* owned */
	size_t len, cap;
	bool unusable;
} sl_tree_raw_sides_list;

#define SL_TREE_RAW_SIDES_INIT    \
	{                         \
		NULL, 0, 0, false \
	}

void sl_tree_raw_sides_dispose(sl_tree_raw_sides_list *l);

/*
 * sl_tree_raw_diff, and the sides of every name pushed appended to sides
 * (one each, in the same order): the entries a whole diff of the two
 * trees reads, known without listing either tree again.
 * @return as sl_tree_raw_diff
 */
int sl_tree_raw_diff_sides(sl_vec *names, sl_tree_raw_sides_list *sides,
			   const char *prefix, const unsigned char *a,
			   size_t alen, const unsigned char *b, size_t blen);

/*
 * Find the entry called name (name_len bytes) in the raw tree (len bytes):
 * *entry points at it ("<mode> <name>\0<id>", *entry_len bytes, inside
 * tree), or is NULL when there is none.
 * @return 0 or SL_EREPO (a malformed entry before it)
 */
int sl_tree_raw_find(const unsigned char **entry, size_t *entry_len,
		     const unsigned char *tree, size_t len, const char *name,
		     size_t name_len);

/* One entry of a raw tree, pointing into it. */
typedef struct sl_tree_raw_entry {
	unsigned mode;    /* the octal mode's value (0100644, 040000) */
	const char *name; /* NUL-terminated: the tree's own bytes */
	size_t name_len;
	const unsigned char *id; /* 20 bytes */
} sl_tree_raw_entry;

/*
 * The entry of the raw tree (len bytes) at *pos, which then moves past
 * it: a listing without libgit2's parse into one struct per entry.
 * @return 1 (an entry in *out), 0 (the end) or SL_EREPO (a malformed
 * entry: no mode, a mode that is not octal, no NUL, a short id)
 */
int sl_tree_raw_next(sl_tree_raw_entry *out, const unsigned char *tree,
		     size_t len, size_t *pos);

#endif
