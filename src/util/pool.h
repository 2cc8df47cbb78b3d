/*
 * pool.h: a bump allocator for many small blocks freed together (the
 * entries of a snapshot). Blocks are 16-byte aligned; there is no
 * per-block free. libgit2's src/util/pool.c plays the same role.
 */
#ifndef SL_POOL_H
#define SL_POOL_H

#include <stddef.h>

typedef struct sl_pool_page sl_pool_page;

typedef struct sl_pool {
	sl_pool_page *pages; /* owned list, newest first */
	size_t page_size;    /* bytes per regular page */
} sl_pool;

#define SL_POOL_INIT    \
	{               \
		NULL, 0 \
	}

/* new: size bytes (zeroed), valid until sl_pool_dispose. NULL on OOM. */
void *sl_pool_alloc(sl_pool *pool, size_t size);
void sl_pool_dispose(sl_pool *pool);

#endif
