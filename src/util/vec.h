/*
 * vec.h: a growable vector of pointers. It owns its array, never the
 * pointees: whoever pushes an element stays responsible for freeing it
 * (sl_vec_free_all is the shortcut for vectors of plain heap blocks).
 */
#ifndef SL_VEC_H
#define SL_VEC_H

#include <stddef.h>

typedef struct sl_vec {
	void **items; /* owned array of len borrowed pointers */
	size_t len;   /* elements in use */
	size_t cap;   /* elements allocated */
} sl_vec;

#define SL_VEC_INIT        \
	{                  \
		NULL, 0, 0 \
	}
#define SL_VEC_FOREACH(v, i, elem) \
	for ((i) = 0; (i) < (v)->len && (((elem) = (v)->items[(i)]), 1); (i)++)

/* @return 0 or SL_ENOMEM (the vector is unchanged on failure) */
int sl_vec_push(sl_vec *v, void *elem);
int sl_vec_reserve(sl_vec *v, size_t cap);
void sl_vec_sort(sl_vec *v, int (*cmp)(const void *a, const void *b));
/* Release the array only. */
void sl_vec_dispose(sl_vec *v);
/* Release every element with sl_free, then the array. */
void sl_vec_free_all(sl_vec *v);

#endif
