/* item.c: the item record: construction, copy, field access by name. */
#include "item.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "common.h"
#include "error.h"

const char *const sl_item_known_fields[6] = {
	"id", "section", "scope", "category", "question", "answer",
};

/* Where each of sl_item_known_fields lives in the record, in that order. */
static const size_t item_field_offsets[SL_ARRAY_SIZE(sl_item_known_fields)] = {
	offsetof(sl_item, id),       offsetof(sl_item, section),
	offsetof(sl_item, scope),    offsetof(sl_item, category),
	offsetof(sl_item, question), offsetof(sl_item, answer),
};

/* The slot of known field i (an index into sl_item_known_fields). */
static char **item_field(sl_item *item, size_t i)
{
	return (char **)(void *)((char *)item + item_field_offsets[i]);
}

sl_item *sl_item_new(void)
{
	return sl_calloc(1, sizeof(sl_item));
}

void sl_item_free(sl_item *item)
{
	size_t i;
	if (!item)
		return;
	for (i = 0; i < SL_ARRAY_SIZE(item_field_offsets); i++)
		sl_free(*item_field(item, i));
	for (i = 0; i < item->extra_count; i++) {
		sl_free(item->extra[i].name);
		sl_free(item->extra[i].text);
	}
	sl_free(item->extra);
	sl_free(item->path);
	sl_free(item);
}

/* The index of name in sl_item_known_fields, or its size when it is not
 * a known field. */
static size_t item_known_index(const char *name)
{
	size_t i;
	for (i = 0; i < SL_ARRAY_SIZE(sl_item_known_fields); i++)
		if (!strcmp(name, sl_item_known_fields[i]))
			break;
	return i;
}

static char **item_slot(sl_item *item, const char *name)
{
	size_t i = item_known_index(name);
	return i < SL_ARRAY_SIZE(sl_item_known_fields) ? item_field(item, i)
						       : NULL;
}

bool sl_item_is_known_field(const char *name)
{
	return item_known_index(name) < SL_ARRAY_SIZE(sl_item_known_fields);
}

const char *sl_item_get(const sl_item *item, const char *name, bool *is_json)
{
	char **slot = item_slot((sl_item *)item, name);
	size_t i;
	if (is_json)
		*is_json = false;
	if (slot)
		return *slot;
	for (i = 0; i < item->extra_count; i++) {
		if (!strcmp(item->extra[i].name, name)) {
			if (is_json)
				*is_json = item->extra[i].is_json;
			return item->extra[i].text;
		}
	}
	return NULL;
}

static int extra_cmp(const void *a, const void *b)
{
	return strcmp(((const sl_extra *)a)->name, ((const sl_extra *)b)->name);
}

int sl_item_set(sl_item *item, const char *name, const char *value,
		bool is_json)
{
	char **slot = item_slot(item, name);
	char *copy = NULL;
	size_t i;
	sl_extra *grown;

	if (value && !(copy = sl_strdup(value)))
		return sl_error_oom();
	if (slot) {
		sl_free(*slot);
		*slot = copy;
		return 0;
	}
	for (i = 0; i < item->extra_count; i++) {
		if (!strcmp(item->extra[i].name, name)) {
			sl_free(item->extra[i].text);
			item->extra[i].text = copy;
			item->extra[i].is_json = is_json;
			return 0;
		}
	}
	grown = sl_reallocarray(item->extra, item->extra_count + 1,
				sizeof(*grown));
	if (!grown) {
		sl_free(copy);
		return sl_error_oom();
	}
	item->extra = grown;
	grown[item->extra_count].name = sl_strdup(name);
	if (!grown[item->extra_count].name) {
		sl_free(copy);
		return sl_error_oom();
	}
	grown[item->extra_count].text = copy;
	grown[item->extra_count].is_json = is_json;
	item->extra_count++;
	qsort(item->extra, item->extra_count, sizeof(*item->extra), extra_cmp);
	return 0;
}

sl_item *sl_item_dup(const sl_item *src)
{
	sl_item *item = sl_item_new();
	size_t i;
	if (!item)
		return NULL;
	for (i = 0; i < SL_ARRAY_SIZE(sl_item_known_fields); i++) {
		const char *v = sl_item_get(src, sl_item_known_fields[i], NULL);
		if (v &&
		    sl_item_set(item, sl_item_known_fields[i], v, false) < 0)
			goto oom;
	}
	for (i = 0; i < src->extra_count; i++)
		if (sl_item_set(item, src->extra[i].name, src->extra[i].text,
				src->extra[i].is_json) < 0)
			goto oom;
	if (src->path && !(item->path = sl_strdup(src->path)))
		goto oom;
	return item;
oom:
	sl_item_free(item);
	return NULL;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

bool sl_item_equal(const sl_item *a, const sl_item *b)
{
	size_t i;
	for (i = 0; i < SL_ARRAY_SIZE(sl_item_known_fields); i++)
		if (!str_eq(sl_item_get(a, sl_item_known_fields[i], NULL),
			    sl_item_get(b, sl_item_known_fields[i], NULL)))
			return false;
	if (a->extra_count != b->extra_count)
		return false;
	for (i = 0; i < a->extra_count; i++)
		if (strcmp(a->extra[i].name, b->extra[i].name) ||
		    a->extra[i].is_json != b->extra[i].is_json ||
		    !str_eq(a->extra[i].text, b->extra[i].text))
			return false;
	return true;
}

bool sl_item_file_stem(size_t *stem_len, const char *base)
{
	size_t n = strlen(base), k = strlen(SL_ITEM_FILE_SUFFIX);
	if (n <= k || strcmp(base + n - k, SL_ITEM_FILE_SUFFIX))
		return false;
	if (stem_len)
		*stem_len = n - k;
	return true;
}

bool sl_item_file_is_for(const char *base, const char *id)
{
	size_t n;
	return sl_item_file_stem(&n, base) && n == strlen(id) &&
	       !memcmp(base, id, n);
}

void sl_item_file_name(sl_buf *out, const char *id)
{
	sl_buf_puts(out, id);
	sl_buf_puts(out, SL_ITEM_FILE_SUFFIX);
}
