/*
 * strmap.h: a string -> pointer hash map (open addressing, FNV-1a).
 * Keys are borrowed: they must outlive the map. Iteration order is
 * unspecified: never iterate a map to produce output (sort first).
 */
#ifndef SL_STRMAP_H
#define SL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sl_strmap_slot {
	const char *key; /* borrowed; NULL when the slot is empty */
	void *value;     /* borrowed */
} sl_strmap_slot;

typedef struct sl_strmap {
	sl_strmap_slot *slots; /* owned */
	size_t size;           /* slots, a power of two */
	size_t count;          /* keys */
} sl_strmap;

#define SL_STRMAP_INIT     \
	{                  \
		NULL, 0, 0 \
	}

/* Insert or replace. @return 0 or SL_ENOMEM */
int sl_strmap_put(sl_strmap *map, const char *key, void *value);
/* True when key is present; *value (optional) receives its value. */
bool sl_strmap_get(const sl_strmap *map, const char *key, void **value);
void sl_strmap_dispose(sl_strmap *map);

#endif
