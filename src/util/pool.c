/* pool.c: page list bump allocator; oversized requests get their own page. */
#include "pool.h"

#include <string.h>

#include "alloc.h"

struct sl_pool_page {
	sl_pool_page *next; /* older page */
	size_t used;        /* bytes handed out from data */
	size_t size;        /* bytes in data */
	_Alignas(16) unsigned char data[];
};

void *sl_pool_alloc(sl_pool *pool, size_t size)
{
	sl_pool_page *p = pool->pages;
	size_t need = (size + 15) & ~(size_t)15;
	void *out;
	if (need < size)
		return NULL;
	if (!pool->page_size)
		pool->page_size = 64 * 1024;
	if (!p || p->size - p->used < need) {
		size_t sz = need > pool->page_size ? need : pool->page_size;
		p = sl_malloc(sizeof(*p) + sz);
		if (!p)
			return NULL;
		p->used = 0;
		p->size = sz;
		p->next = pool->pages;
		pool->pages = p;
	}
	out = p->data + p->used;
	p->used += need;
	memset(out, 0, size);
	return out;
}

void sl_pool_dispose(sl_pool *pool)
{
	sl_pool_page *p = pool->pages;
	while (p) {
		sl_pool_page *next = p->next;
		sl_free(p);
		p = next;
	}
	pool->pages = NULL;
}
