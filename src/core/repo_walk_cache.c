/*
 * repo_walk_cache.c: the history cache (format in repo_walk_cache.h). Entries
 * live in a pool; lookups go through an open-addressing table keyed by the
 * commit id.
 */
#include "repo_walk_cache.h"

#include <git2.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "bytes.h"
#include "error.h"
#include "fs.h"
#include "pool.h"
#include "repo_internal.h"
#include "vec.h"

#define MAGIC "SLCHG001"

struct sl_cache {
	char *path;             /* owned; the cache file */
	sl_vec entries;         /* sl_cache_entry pointers into pool */
	sl_pool pool;           /* entries, name arrays and names */
	sl_cache_entry **table; /* owned; open addressing, NULL = empty */
	size_t table_size;      /* power of two */
	size_t loaded;          /* entries read from the file */
};

static size_t slot_of(const sl_cache *c, const unsigned char id[20])
{
	uint64_t h;
	memcpy(&h, id, sizeof(h));
	return (size_t)h & (c->table_size - 1);
}

static int table_grow(sl_cache *c)
{
	size_t size = c->table_size ? c->table_size * 2 : 1024, i;
	sl_cache_entry **t = sl_calloc(size, sizeof(*t));
	if (!t)
		return sl_error_oom();
	sl_free(c->table);
	c->table = t;
	c->table_size = size;
	for (i = 0; i < c->entries.len; i++) {
		sl_cache_entry *e = c->entries.items[i];
		size_t s = slot_of(c, e->commit);
		while (c->table[s])
			s = (s + 1) & (size - 1);
		c->table[s] = e;
	}
	return 0;
}

const sl_cache_entry *sl_cache_get(const sl_cache *c,
				   const unsigned char commit[20])
{
	size_t s;
	if (!c || !c->table_size)
		return NULL;
	s = slot_of(c, commit);
	while (c->table[s]) {
		if (!memcmp(c->table[s]->commit, commit, 20))
			return c->table[s];
		s = (s + 1) & (c->table_size - 1);
	}
	return NULL;
}

int sl_cache_put(sl_cache *c, const unsigned char commit[20],
		 const unsigned char parent[20], uint32_t flags,
		 const char *const *names, size_t name_count)
{
	sl_cache_entry *e;
	size_t i, s;
	if (sl_cache_get(c, commit))
		return 0;
	if ((c->entries.len + 1) * 2 > c->table_size && table_grow(c) < 0)
		return sl_error_oom();
	e = sl_pool_alloc(&c->pool, sizeof(*e));
	if (!e ||
	    (name_count && !(e->names = sl_pool_alloc(
				     &c->pool, name_count * sizeof(char *)))))
		return sl_error_oom();
	memcpy(e->commit, commit, 20);
	memcpy(e->parent, parent, 20);
	e->flags = flags;
	e->name_count = (uint32_t)name_count;
	for (i = 0; i < name_count; i++) {
		size_t n = strlen(names[i]);
		char *copy = sl_pool_alloc(&c->pool, n + 1);
		if (!copy)
			return sl_error_oom();
		memcpy(copy, names[i], n + 1);
		e->names[i] = copy;
	}
	if (sl_vec_push(&c->entries, e) < 0)
		return sl_error_oom();
	s = slot_of(c, commit);
	while (c->table[s])
		s = (s + 1) & (c->table_size - 1);
	c->table[s] = e;
	return 0;
}

size_t sl_cache_count(const sl_cache *c)
{
	return c->entries.len;
}

/* Parse the file; on any inconsistency keep nothing (rebuild). */
static int cache_parse(sl_cache *c, const unsigned char *p, size_t len)
{
	size_t off = 8, i, k;
	uint32_t count;
	uint64_t sum;
	const char **names = NULL;
	size_t names_cap = 0;
	int rc = 0;

	if (len < 8 + 4 + 8 || memcmp(p, MAGIC, 8))
		return 0;
	sum = sl_le_get(p + len - 8, 8);
	if (sum != sl_fnv64(p, len - 8))
		return 0;
	len -= 8;
	count = (uint32_t)sl_le_get(p + off, 4);
	off += 4;
	for (i = 0; i < count && rc == 0; i++) {
		uint32_t flags, n;
		const unsigned char *commit, *parent;
		if (off + 48 > len)
			goto corrupt;
		commit = p + off;
		parent = p + off + 20;
		flags = (uint32_t)sl_le_get(p + off + 40, 4);
		n = (uint32_t)sl_le_get(p + off + 44, 4);
		off += 48;
		/* Boundary entries are never stored (repo_walk_cache.h). */
		if (flags & ~(uint32_t)(SL_CACHE_ROOT | SL_CACHE_MERGE))
			goto corrupt;
		if (n > names_cap) {
			const char **g = sl_reallocarray(names, n, sizeof(*g));
			if (!g) {
				rc = sl_error_oom();
				break;
			}
			names = g;
			names_cap = n;
		}
		for (k = 0; k < n; k++) {
			uint16_t l;
			char *name;
			if (off + 2 > len)
				goto corrupt;
			l = (uint16_t)sl_le_get(p + off, 2);
			off += 2;
			if (off + l > len)
				goto corrupt;
			name = sl_pool_alloc(&c->pool, (size_t)l + 1);
			if (!name) {
				rc = sl_error_oom();
				break;
			}
			memcpy(name, p + off, l);
			off += l;
			names[k] = name;
		}
		if (rc == 0)
			rc = sl_cache_put(c, commit, parent, flags, names, n);
	}
	sl_free(names);
	if (rc == 0 && off != len)
		goto corrupt_nofree;
	c->loaded = c->entries.len;
	return rc;
corrupt:
	sl_free(names);
corrupt_nofree:
	/* Forget what was read: an unusable cache is rebuilt from scratch. */
	sl_vec_dispose(&c->entries);
	sl_pool_dispose(&c->pool);
	sl_free(c->table);
	c->table = NULL;
	c->table_size = 0;
	c->loaded = 0;
	return 0;
}

int sl_cache_open(sl_cache **out, sl_repo *repo, const char *path)
{
	sl_cache *c = sl_calloc(1, sizeof(*c));
	sl_buf data = SL_BUF_INIT;
	int rc;

	*out = NULL;
	if (!c)
		return sl_error_oom();
	if (path)
		c->path = sl_strdup(path);
	else
		c->path = sl_fs_join(git_repository_path(sl_repo__git(repo)),
				     "sheetlog/changes-v1");
	if (!c->path) {
		sl_free(c);
		return sl_error_oom();
	}
	rc = sl_fs_read(&data, c->path);
	sl_error_clear();
	rc = rc == 0 ? cache_parse(c, (const unsigned char *)data.ptr, data.len)
		     : 0;
	sl_buf_dispose(&data);
	if (rc < 0) {
		sl_cache_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void sl_cache_free(sl_cache *c)
{
	if (!c)
		return;
	sl_vec_dispose(&c->entries);
	sl_pool_dispose(&c->pool);
	sl_free(c->table);
	sl_free(c->path);
	sl_free(c);
}

int sl_cache_save(sl_cache *c)
{
	sl_buf b = SL_BUF_INIT;
	uint32_t count = (uint32_t)c->entries.len;
	uint64_t sum;
	size_t i, k;
	char *dir, *slash;
	int rc;

	if (c->entries.len == c->loaded)
		return 0;
	sl_buf_put(&b, MAGIC, 8);
	sl_le_put(&b, count, 4);
	for (i = 0; i < c->entries.len; i++) {
		const sl_cache_entry *e = c->entries.items[i];
		sl_buf_put(&b, (const char *)e->commit, 20);
		sl_buf_put(&b, (const char *)e->parent, 20);
		sl_le_put(&b, e->flags, 4);
		sl_le_put(&b, e->name_count, 4);
		for (k = 0; k < e->name_count; k++) {
			size_t n = strlen(e->names[k]);
			if (n > 65535) {
				/* Not representable; an unsaved cache is
				 * only slower. */
				sl_buf_dispose(&b);
				return 0;
			}
			sl_le_put(&b, n, 2);
			sl_buf_put(&b, e->names[k], n);
		}
	}
	if (sl_buf_oom(&b)) {
		sl_buf_dispose(&b);
		return sl_error_oom();
	}
	sum = sl_fnv64((const unsigned char *)b.ptr, b.len);
	sl_le_put(&b, sum, 8);
	dir = sl_strdup(c->path);
	slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	rc = dir ? sl_fs_mkdirs(dir) : sl_error_oom();
	if (rc == 0)
		rc = sl_fs_write_atomic(c->path, b.ptr, b.len);
	if (rc == 0)
		c->loaded = c->entries.len;
	sl_free(dir);
	sl_buf_dispose(&b);
	return rc;
}
