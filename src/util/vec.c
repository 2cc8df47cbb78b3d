/* vec.c: growable pointer array (doubling growth). */
#include "vec.h"

#include <stdlib.h>

#include "alloc.h"
#include "error.h"
#include "common.h"

int sl_vec_reserve(sl_vec *v, size_t cap)
{
	void **p;
	if (cap <= v->cap)
		return 0;
	p = sl_reallocarray(v->items, cap, sizeof(void *));
	if (!p)
		return sl_error_oom();
	v->items = p;
	v->cap = cap;
	return 0;
}

int sl_vec_push(sl_vec *v, void *elem)
{
	if (v->len == v->cap && sl_vec_reserve(v, v->cap ? v->cap * 2 : 16) < 0)
		return sl_error_oom();
	v->items[v->len++] = elem;
	return 0;
}

void sl_vec_sort(sl_vec *v, int (*cmp)(const void *a, const void *b))
{
	if (v->len > 1)
		qsort(v->items, v->len, sizeof(void *), cmp);
}

void sl_vec_dispose(sl_vec *v)
{
	sl_free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

void sl_vec_free_all(sl_vec *v)
{
	size_t i;
	for (i = 0; i < v->len; i++)
		sl_free(v->items[i]);
	sl_vec_dispose(v);
}
