/*
 * sheet.c: the sheet container. Items are kept in a vector and sorted on
 * demand: by the section's position in sheet.json, then natural id order,
 * which is the order every renderer prints.
 */
#include "sheet.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "id.h"
#include "sort.h"
#include "vec.h"

struct sl_sheet {
	sl_sheet_meta meta; /* owned */
	sl_vec items;       /* sl_item pointers, owned */
	sl_item **by_id;    /* owned array of borrowed items sorted by strcmp
			     * of id, rebuilt by sl_sheet_sort; NULL when stale */
};

int sl_sheet_new(sl_sheet **out)
{
	*out = sl_calloc(1, sizeof(sl_sheet));
	return *out ? 0 : sl_error_oom();
}

/* The string fields of sheet.json, for dispose and copy: one list. */
#define META_STRS 17
static void meta_strs(char **strs[META_STRS], sl_sheet_meta *m)
{
	char **all[META_STRS] = {&m->title,
				 &m->publisher,
				 &m->source_url,
				 &m->as_of,
				 &m->timezone,
				 &m->id_pattern,
				 &m->introduction,
				 &m->as_of_note,
				 &m->columns.id,
				 &m->columns.category,
				 &m->columns.question,
				 &m->columns.answer,
				 &m->disclaimer_title,
				 &m->disclaimer,
				 &m->page_header,
				 &m->page_footer,
				 &m->path};
	memcpy(strs, all, sizeof(all));
}

void sl_sheet_meta_dispose(sl_sheet_meta *m)
{
	size_t i;
	char **strs[META_STRS];
	meta_strs(strs, m);
	for (i = 0; i < SL_ARRAY_SIZE(strs); i++)
		sl_free(*strs[i]);
	for (i = 0; i < m->scope_count; i++) {
		sl_free(m->scopes[i].id);
		sl_free(m->scopes[i].title);
	}
	sl_free(m->scopes);
	for (i = 0; i < m->section_count; i++) {
		sl_free(m->sections[i].id);
		sl_free(m->sections[i].title);
		sl_free(m->sections[i].scope);
	}
	sl_free(m->sections);
	for (i = 0; i < m->extra_count; i++) {
		sl_free(m->extra[i].name);
		sl_free(m->extra[i].text);
	}
	sl_free(m->extra);
	memset(m, 0, sizeof(*m));
}

int sl_sheet_meta_copy(sl_sheet_meta *out, const sl_sheet_meta *in)
{
	char **to[META_STRS], **from[META_STRS];
	size_t i;
	bool oom = false;
	memset(out, 0, sizeof(*out));
	meta_strs(to, out);
	meta_strs(from, (sl_sheet_meta *)in); /* read only */
	for (i = 0; i < META_STRS; i++)
		if (*from[i] && !(*to[i] = sl_strdup(*from[i])))
			oom = true;
	out->scopes = sl_calloc(in->scope_count + 1, sizeof(*out->scopes));
	out->sections =
		sl_calloc(in->section_count + 1, sizeof(*out->sections));
	out->extra = sl_calloc(in->extra_count + 1, sizeof(*out->extra));
	if (oom || !out->scopes || !out->sections || !out->extra) {
		sl_sheet_meta_dispose(out);
		return sl_error_oom();
	}
	/* Counted as they are filled, so dispose frees exactly those. */
	for (i = 0; i < in->scope_count; i++, out->scope_count++) {
		out->scopes[i].id = sl_strdup(in->scopes[i].id);
		out->scopes[i].title = sl_strdup(in->scopes[i].title);
		oom |= (in->scopes[i].id && !out->scopes[i].id) ||
		       (in->scopes[i].title && !out->scopes[i].title);
	}
	for (i = 0; i < in->section_count; i++, out->section_count++) {
		const sl_section *a = &in->sections[i];
		sl_section *b = &out->sections[i];
		b->id = sl_strdup(a->id);
		b->title = sl_strdup(a->title);
		b->scope = sl_strdup(a->scope);
		oom |= (a->id && !b->id) || (a->title && !b->title) ||
		       (a->scope && !b->scope);
	}
	for (i = 0; i < in->extra_count; i++, out->extra_count++) {
		out->extra[i].name = sl_strdup(in->extra[i].name);
		out->extra[i].text = sl_strdup(in->extra[i].text);
		out->extra[i].is_json = in->extra[i].is_json;
		oom |= !out->extra[i].name || !out->extra[i].text;
	}
	if (oom) {
		sl_sheet_meta_dispose(out);
		return sl_error_oom();
	}
	return 0;
}

void sl_sheet_swap(sl_sheet *a, sl_sheet *b)
{
	sl_sheet t = *a;
	*a = *b;
	*b = t;
}

void sl_sheet_free(sl_sheet *sheet)
{
	size_t i;
	if (!sheet)
		return;
	sl_sheet_meta_dispose(&sheet->meta);
	for (i = 0; i < sheet->items.len; i++)
		sl_item_free(sheet->items.items[i]);
	sl_vec_dispose(&sheet->items);
	sl_free(sheet->by_id);
	sl_free(sheet);
}

sl_sheet_meta *sl_sheet_meta_of(sl_sheet *sheet)
{
	return &sheet->meta;
}

const sl_sheet_meta *sl_sheet_meta_get(const sl_sheet *sheet)
{
	return &sheet->meta;
}

void sl_sheet_meta_take(sl_sheet *sheet, sl_sheet_meta *meta)
{
	sl_sheet_meta_dispose(&sheet->meta);
	sheet->meta = *meta;
	memset(meta, 0, sizeof(*meta));
}

int sl_sheet_add_item(sl_sheet *sheet, sl_item *item)
{
	sl_free(sheet->by_id);
	sheet->by_id = NULL;
	if (sl_vec_push(&sheet->items, item) < 0) {
		sl_item_free(item);
		return sl_error_oom();
	}
	return 0;
}

size_t sl_sheet_section_index(const sl_sheet *sheet, const char *id)
{
	size_t i;
	for (i = 0; id && i < sheet->meta.section_count; i++)
		if (!strcmp(sheet->meta.sections[i].id, id))
			return i;
	return sheet->meta.section_count;
}

/* qsort has no context argument in C11; the sections travel through a
 * small wrapper array instead of a global. */
typedef struct item_key {
	size_t section_index;
	sl_item *item;
} item_key;

static int key_cmp(const void *a, const void *b)
{
	const item_key *x = a, *y = b;
	int c;
	if (x->section_index != y->section_index)
		return x->section_index < y->section_index ? -1 : 1;
	/* Items of sections missing from sheet.json share one index; keep
	 * them grouped by section id. */
	c = sl_id_compare(x->item->section ? x->item->section : "",
			  y->item->section ? y->item->section : "");
	if (c)
		return c;
	return sl_id_compare(x->item->id ? x->item->id : "",
			     y->item->id ? y->item->id : "");
}

static int by_id_cmp(const void *a, const void *b)
{
	const sl_item *x = *(sl_item *const *)a, *y = *(sl_item *const *)b;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* Is a[0..n) in cmp's order already? (Items usually arrive sorted by
 * file name, which is id order: then no sort is needed.) */
static bool in_order(void *a, size_t n, size_t size,
		     int (*cmp)(const void *, const void *))
{
	size_t i;
	for (i = 1; i < n; i++)
		if (cmp((char *)a + (i - 1) * size, (char *)a + i * size) > 0)
			return false;
	return true;
}

/* A radix key of the natural order: the id "<its section>-<digits>"
 * (digits without a leading zero, below 10^9) is ordered by that number
 * within its section, as sl_id_compare orders it. @return false for any
 * other id */
static bool number_key(uint32_t *out, const sl_item *it)
{
	size_t ls = it->section ? strlen(it->section) : 0, k;
	const char *d;
	uint32_t v = 0;
	if (!ls || !it->id || strncmp(it->id, it->section, ls) ||
	    it->id[ls] != '-')
		return false;
	d = it->id + ls + 1;
	for (k = 0; d[k]; k++) {
		if (d[k] < '0' || d[k] > '9' || k == 9)
			return false;
		v = v * 10 + (uint32_t)(d[k] - '0');
	}
	if (k == 0 || (d[0] == '0' && k > 1))
		return false;
	*out = v;
	return true;
}

/* Two stable radix passes, number then section position: the order
 * key_cmp gives when every item is in a listed section and every id is a
 * number_key. @return false (nothing moved) when that does not hold */
typedef struct radix_item {
	uint32_t key;
	uint32_t section; /* the second pass's key */
	sl_item *item;
} radix_item;

static bool sort_by_number(sl_sheet *sheet)
{
	size_t i, n = sheet->items.len;
	radix_item *r = sl_calloc(n, sizeof(*r) * 2), *tmp = r + n;
	if (!r)
		return false;
	for (i = 0; i < n; i++) {
		sl_item *it = sheet->items.items[i];
		size_t sec = sl_sheet_section_index(sheet, it->section);
		if (sec >= sheet->meta.section_count || sec > UINT32_MAX ||
		    !number_key(&r[i].key, it)) {
			sl_free(r);
			return false;
		}
		r[i].section = (uint32_t)sec;
		r[i].item = it;
	}
	sl_radix_sort32(r, tmp, n, sizeof(*r));
	for (i = 0; i < n; i++)
		r[i].key = r[i].section;
	sl_radix_sort32(r, tmp, n, sizeof(*r));
	for (i = 0; i < n; i++)
		sheet->items.items[i] = r[i].item;
	sl_free(r);
	return true;
}

void sl_sheet_sort(sl_sheet *sheet)
{
	item_key *keys;
	size_t i, n = sheet->items.len;
	sl_free(sheet->by_id);
	sheet->by_id = sl_calloc(n ? n : 1, sizeof(sl_item *));
	if (sheet->by_id) {
		for (i = 0; i < n; i++)
			sheet->by_id[i] = sheet->items.items[i];
		if (!in_order(sheet->by_id, n, sizeof(sl_item *), by_id_cmp))
			qsort(sheet->by_id, n, sizeof(sl_item *), by_id_cmp);
	}
	if (n < 2)
		return;
	/* A large sheet of "<section>-<n>" ids (every real one) sorts by
	 * radix; anything else by comparison. */
	if (n >= 64 && sort_by_number(sheet))
		return;
	keys = sl_calloc(n, sizeof(*keys));
	if (!keys) {
		/* Without memory for keys, fall back to id order alone. */
		return;
	}
	for (i = 0; i < n; i++) {
		keys[i].item = sheet->items.items[i];
		keys[i].section_index =
			sl_sheet_section_index(sheet, keys[i].item->section);
	}
	if (!in_order(keys, n, sizeof(*keys), key_cmp))
		qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 0; i < n; i++)
		sheet->items.items[i] = keys[i].item;
	sl_free(keys);
}

size_t sl_sheet_item_count(const sl_sheet *sheet)
{
	return sheet->items.len;
}

const sl_item *sl_sheet_item(const sl_sheet *sheet, size_t i)
{
	return i < sheet->items.len ? sheet->items.items[i] : NULL;
}

sl_item *sl_sheet_find_mut(sl_sheet *sheet, const char *id)
{
	/* The sheet owns its items; the const of sl_sheet_find is for
	 * readers, not a property of the items. */
	return (sl_item *)sl_sheet_find(sheet, id);
}

const sl_item *sl_sheet_find(const sl_sheet *sheet, const char *id)
{
	size_t i;
	if (sheet->by_id) {
		size_t lo = 0, hi = sheet->items.len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const sl_item *it = sheet->by_id[mid];
			int c = strcmp(it->id ? it->id : "", id);
			if (c == 0) {
				/* The first of equal ids, as the linear scan.
				 */
				while (mid > 0 && sheet->by_id[mid - 1]->id &&
				       !strcmp(sheet->by_id[mid - 1]->id, id))
					mid--;
				return sheet->by_id[mid];
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return NULL;
	}
	for (i = 0; i < sheet->items.len; i++) {
		const sl_item *it = sheet->items.items[i];
		if (it->id && !strcmp(it->id, id))
			return it;
	}
	return NULL;
}

const sl_section *sl_sheet_section(const sl_sheet *sheet, const char *id)
{
	size_t i = sl_sheet_section_index(sheet, id);
	return i < sheet->meta.section_count ? &sheet->meta.sections[i] : NULL;
}

const sl_scope *sl_sheet_scope(const sl_sheet *sheet, const char *id)
{
	size_t i;
	for (i = 0; id && i < sheet->meta.scope_count; i++)
		if (!strcmp(sheet->meta.scopes[i].id, id))
			return &sheet->meta.scopes[i];
	return NULL;
}

const char *sl_sheet_item_scope(const sl_sheet *sheet, const sl_item *item)
{
	const sl_section *sec;
	if (item->scope)
		return item->scope;
	sec = sl_sheet_section(sheet, item->section);
	return sec ? sec->scope : NULL;
}

bool sl_sheet_indexed(const sl_sheet *sheet)
{
	return sheet->by_id != NULL;
}

const char *sl_sheet_duplicate_id(const sl_sheet *sheet)
{
	size_t i;
	if (!sheet->by_id) {
		size_t j;
		for (i = 0; i < sheet->items.len; i++)
			for (j = 0; j < i; j++) {
				const sl_item *a = sheet->items.items[i],
					      *b = sheet->items.items[j];
				if (a->id && b->id && !strcmp(a->id, b->id))
					return a->id;
			}
		return NULL;
	}
	for (i = 1; i < sheet->items.len; i++)
		if (sheet->by_id[i]->id && sheet->by_id[i - 1]->id &&
		    !strcmp(sheet->by_id[i]->id, sheet->by_id[i - 1]->id))
			return sheet->by_id[i]->id;
	return NULL;
}
