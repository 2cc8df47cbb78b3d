/* strmap.c: linear probing, resized at half load. */
#include "strmap.h"

#include <string.h>

#include "alloc.h"
#include "error.h"

static size_t hash(const char *s)
{
	size_t h = (size_t)1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ull;
	return h;
}

static sl_strmap_slot *find(const sl_strmap *m, const char *key)
{
	size_t i = hash(key) & (m->size - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & (m->size - 1);
	return &m->slots[i];
}

static int grow(sl_strmap *m)
{
	sl_strmap old = *m;
	size_t i;
	m->size = old.size ? old.size * 2 : 64;
	m->slots = sl_calloc(m->size, sizeof(*m->slots));
	if (!m->slots) {
		*m = old;
		return sl_error_oom();
	}
	for (i = 0; i < old.size; i++)
		if (old.slots[i].key)
			*find(m, old.slots[i].key) = old.slots[i];
	sl_free(old.slots);
	return 0;
}

int sl_strmap_put(sl_strmap *m, const char *key, void *value)
{
	sl_strmap_slot *s;
	if ((m->count + 1) * 2 > m->size && grow(m) < 0)
		return sl_error_oom();
	s = find(m, key);
	if (!s->key) {
		s->key = key;
		m->count++;
	}
	s->value = value;
	return 0;
}

bool sl_strmap_get(const sl_strmap *m, const char *key, void **value)
{
	const sl_strmap_slot *s;
	if (!m->size)
		return false;
	s = find(m, key);
	if (!s->key)
		return false;
	if (value)
		*value = s->value;
	return true;
}

void sl_strmap_dispose(sl_strmap *m)
{
	sl_free(m->slots);
	m->slots = NULL;
	m->size = m->count = 0;
}
