/*
 * repo_tree.c: git's tree object format read in place. A tree object is
 * "<octal mode> <name>\0<20-byte id>" repeated, sorted in git's tree
 * order; comparing two of them byte by byte skips every unchanged entry
 * with one memcmp and parses only the entries that differ. Pure bytes:
 * no libgit2 here, so the parser can be fuzzed and tested on its own.
 */
#include "repo_tree.h"

#include <string.h>

#include "alloc.h"
#include "error.h"

typedef struct raw_entry {
	const char *name;
	size_t name_len;
	bool is_tree;
	size_t size; /* bytes of the whole entry */
} raw_entry;

/* Parse the entry at p (p < end). Modes and names are a few bytes long:
 * plain loops beat memchr's call overhead here. @return 0 or SL_EREPO */
static int raw_entry_at(raw_entry *e, const unsigned char *p,
			const unsigned char *end)
{
	const unsigned char *q = p, *name;
	while (q < end && *q != ' ')
		q++;
	if (q == p || q == end)
		return sl_error_set(SL_EREPO, "malformed items tree entry");
	name = ++q;
	while (q < end && *q)
		q++;
	if (end - q < 21)
		return sl_error_set(SL_EREPO, "malformed items tree entry");
	/* Trees are the only modes starting with '4' (040000). */
	e->is_tree = *p == '4';
	e->name = (const char *)name;
	e->name_len = (size_t)(q - name);
	e->size = (size_t)(q + 21 - p);
	return 0;
}

/* git's tree order: a tree's name sorts as if it ended in '/'. */
static int raw_entry_cmp(const raw_entry *a, const raw_entry *b)
{
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(a->name, b->name, n);
	unsigned char ca, cb;
	if (c)
		return c;
	ca = n < a->name_len ? (unsigned char)a->name[n] : a->is_tree ? '/' : 0;
	cb = n < b->name_len ? (unsigned char)b->name[n] : b->is_tree ? '/' : 0;
	return (int)ca - (int)cb;
}

static int push_raw_name(sl_vec *names, const char *prefix, const raw_entry *e)
{
	size_t plen = strlen(prefix);
	char *s = sl_malloc(plen + e->name_len + 1);
	if (!s)
		return sl_error_oom();
	memcpy(s, prefix, plen);
	memcpy(s + plen, e->name, e->name_len);
	s[plen + e->name_len] = '\0';
	if (sl_vec_push(names, s) < 0) {
		sl_free(s);
		return sl_error_oom();
	}
	return 0;
}

void sl_tree_raw_sides_dispose(sl_tree_raw_sides_list *l)
{
	sl_free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The side of entry e (at p) in slot k of sides' last element. */
static void side_set(sl_tree_raw_sides_list *sides, int k, const raw_entry *e,
		     const unsigned char *p)
{
	sl_tree_raw_sides *s = &sides->v[sides->len - 1];
	unsigned mode = 0;
	const unsigned char *m;
	/* As sl_tree_raw_next reads modes; one it would refuse leaves the
	 * list to that listing, which reports it. */
	for (m = p; *m != ' '; m++) {
		if (*m < '0' || *m > '7' || m - p > 6) {
			sides->unusable = true;
			return;
		}
		mode = mode * 8 + (unsigned)(*m - '0');
	}
	/* Mode 0 would read as "no entry" and an empty name is malformed:
	 * both are left to the listing as well. */
	if (mode == 0 || e->name_len == 0) {
		sides->unusable = true;
		return;
	}
	s->mode[k] = mode;
	memcpy(s->id[k], e->name + e->name_len + 1, 20);
}

/* A new element of sides, both sides empty. @return 0 or SL_ENOMEM */
static int side_push(sl_tree_raw_sides_list *sides)
{
	if (sides->len == sides->cap) {
		size_t cap = sides->cap ? sides->cap * 2 : 64;
		sl_tree_raw_sides *v =
			sl_reallocarray(sides->v, cap, sizeof(*v));
		if (!v)
			return sl_error_oom();
		sides->v = v;
		sides->cap = cap;
	}
	memset(&sides->v[sides->len++], 0, sizeof(sides->v[0]));
	return 0;
}

int sl_tree_raw_diff_sides(sl_vec *names, sl_tree_raw_sides_list *sides,
			   const char *prefix, const unsigned char *a,
			   size_t alen, const unsigned char *b, size_t blen)
{
	const unsigned char *pa = a, *ea = a + alen, *pb = b, *eb = b + blen;
	raw_entry x, y;
	int rc = 0;
	while (rc == 0 && (pa < ea || pb < eb)) {
		int c;
		if (pa < ea && pb < eb) {
			/* Most entries are unchanged: when b holds the same
			 * bytes, it holds the same entry; b is not parsed. */
			if ((rc = raw_entry_at(&x, pa, ea)) < 0)
				return rc;
			if ((size_t)(eb - pb) >= x.size &&
			    !memcmp(pa, pb, x.size)) {
				pa += x.size;
				pb += x.size;
				continue;
			}
			if ((rc = raw_entry_at(&y, pb, eb)) < 0)
				return rc;
			c = raw_entry_cmp(&x, &y);
		} else if (pa < ea) {
			if ((rc = raw_entry_at(&x, pa, ea)) < 0)
				return rc;
			c = -1;
		} else {
			if ((rc = raw_entry_at(&y, pb, eb)) < 0)
				return rc;
			c = 1;
		}
		/* c == 0: same name, other id or mode: one name. */
		rc = push_raw_name(names, prefix, c <= 0 ? &x : &y);
		if (rc == 0 && sides)
			rc = side_push(sides);
		if (c <= 0) {
			if (rc == 0 && sides)
				side_set(sides, 0, &x, pa);
			pa += x.size;
		}
		if (c >= 0) {
			/* Equal in tree order but not byte for byte ("a/", a
			 * file, against the tree "a": only in a malformed
			 * tree): no side of the name is known for sure. */
			if (rc == 0 && sides && c == 0 &&
			    (x.name_len != y.name_len ||
			     memcmp(x.name, y.name, x.name_len)))
				sides->unusable = true;
			if (rc == 0 && sides)
				side_set(sides, 1, &y, pb);
			pb += y.size;
		}
	}
	return rc;
}

int sl_tree_raw_diff(sl_vec *names, const char *prefix, const unsigned char *a,
		     size_t alen, const unsigned char *b, size_t blen)
{
	return sl_tree_raw_diff_sides(names, NULL, prefix, a, alen, b, blen);
}

int sl_tree_raw_find(const unsigned char **entry, size_t *entry_len,
		     const unsigned char *tree, size_t len, const char *name,
		     size_t name_len)
{
	const unsigned char *p = tree, *end = tree + len;
	raw_entry e;
	int rc;
	*entry = NULL;
	*entry_len = 0;
	/* A linear scan: entries have no fixed size, and one pass over the
	 * bytes costs far less than reading the tree did. */
	while (p < end) {
		if ((rc = raw_entry_at(&e, p, end)) < 0)
			return rc;
		if (e.name_len == name_len && !memcmp(e.name, name, name_len)) {
			*entry = p;
			*entry_len = e.size;
			return 0;
		}
		p += e.size;
	}
	return 0;
}

int sl_tree_raw_next(sl_tree_raw_entry *out, const unsigned char *tree,
		     size_t len, size_t *pos)
{
	const unsigned char *p = tree + *pos, *end = tree + len, *m;
	raw_entry e;
	unsigned mode = 0;
	int rc;
	if (*pos >= len)
		return 0;
	if ((rc = raw_entry_at(&e, p, end)) < 0)
		return rc;
	if (e.name_len == 0)
		return sl_error_set(SL_EREPO, "malformed items tree entry");
	for (m = p; *m != ' '; m++) {
		if (*m < '0' || *m > '7' || m - p > 6)
			return sl_error_set(SL_EREPO,
					    "malformed items tree entry");
		mode = mode * 8 + (unsigned)(*m - '0');
	}
	out->mode = mode;
	out->name = e.name;
	out->name_len = e.name_len;
	out->id = (const unsigned char *)e.name + e.name_len + 1;
	*pos += e.size;
	return 1;
}
