/*
 * site_write.c: the site's pages, in a fixed order (index, feed, the
 * editions oldest first, their notes, the items in lineage order), each
 * rendered once into memory; then one atomic write of the directory.
 * Nothing here reads the clock or iterates a map, so the same repository
 * gives the same bytes.
 */
#include "site_write.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs_tree.h"

typedef struct site_page {
	char *path;
	sl_buf data;
} site_page;

typedef struct site_pages {
	site_page *items;
	size_t count, cap;
} site_pages;

static void pages_dispose(site_pages *p)
{
	size_t i;
	for (i = 0; i < p->count; i++) {
		sl_free(p->items[i].path);
		sl_buf_dispose(&p->items[i].data);
	}
	sl_free(p->items);
}

/* A new page named by path (taken, freed on failure); *out its buffer. */
static int pages_add(sl_buf **out, site_pages *p, sl_buf *path)
{
	site_page *pg;
	if (sl_buf_oom(path))
		return sl_error_oom();
	if (p->count == p->cap) {
		void *grown =
			sl_array_grow(p->items, &p->cap, sizeof(*p->items), 64);
		if (!grown)
			return sl_error_oom();
		p->items = grown;
	}
	pg = &p->items[p->count];
	pg->path = sl_buf_detach(path, NULL);
	if (!pg->path)
		return sl_error_oom();
	sl_buf_init(&pg->data);
	p->count++;
	*out = &pg->data;
	return 0;
}

static int add_notes(site_pages *pages, const sl_site *site, size_t a, size_t b,
		     const sl_site_render_options *o)
{
	int k, rc = 0;
	for (k = 0; k < 2 && rc == 0; k++) {
		sl_buf path = SL_BUF_INIT, *data;
		sl_site_path_notes(&path, site, a, b, k == 1);
		rc = pages_add(&data, pages, &path);
		if (rc == 0)
			rc = sl_render_site_notes(data, site, a, b, k == 1, o);
		sl_buf_dispose(&path);
	}
	return rc;
}

static int render_all(site_pages *pages, const sl_site *site,
		      const sl_site_render_options *o)
{
	size_t e, i, newest = sl_site_newest(site);
	sl_buf path = SL_BUF_INIT, *data;
	int rc;

	sl_buf_puts(&path, "index.html");
	rc = pages_add(&data, pages, &path);
	if (rc == 0)
		rc = sl_render_site_index(data, site, o);
	sl_buf_puts(&path, "feed.atom");
	if (rc == 0)
		rc = pages_add(&data, pages, &path);
	if (rc == 0)
		rc = sl_render_site_feed(data, site, o);
	for (e = 0; rc == 0 && e < site->count; e++) {
		sl_buf_clear(&path);
		sl_site_path_edition(&path, site, e);
		rc = pages_add(&data, pages, &path);
		if (rc == 0)
			rc = sl_render_site_edition(data, site, e, o);
	}
	/* The pairs, then "since" notes for editions older than the one
	 * before the newest (whose since notes are its pair's). */
	for (e = 1; rc == 0 && e < site->count; e++)
		rc = add_notes(pages, site, e - 1, e, o);
	for (e = 0; rc == 0 && e + 2 < site->count; e++)
		rc = add_notes(pages, site, e, newest, o);
	for (i = 0; rc == 0 && i < site->item_count; i++) {
		sl_buf_clear(&path);
		sl_buf_puts(&path, site->items[i].page);
		rc = pages_add(&data, pages, &path);
		if (rc == 0)
			rc = sl_render_site_item(data, site, i, o);
	}
	sl_buf_dispose(&path);
	for (i = 0; rc == 0 && i < pages->count; i++)
		if (sl_buf_oom(&pages->items[i].data))
			rc = sl_error_oom();
	return rc;
}

int sl_site_write(sl_site_stats *stats, const sl_site *site, const char *dir,
		  const sl_site_render_options *o)
{
	site_pages pages = {NULL, 0, 0};
	sl_fs_write *files = NULL;
	size_t i, bytes = 0;
	int rc = render_all(&pages, site, o);

	if (rc == 0) {
		files = sl_calloc(pages.count, sizeof(*files));
		if (!files)
			rc = sl_error_oom();
	}
	for (i = 0; rc == 0 && i < pages.count; i++) {
		files[i].path = pages.items[i].path;
		files[i].data = sl_buf_cstr(&pages.items[i].data);
		files[i].len = pages.items[i].data.len;
		bytes += files[i].len;
	}
	if (rc == 0)
		rc = sl_fs_tree_replace(dir, files, pages.count,
					SL_SITE_MARKER);
	if (rc == 0 && stats) {
		stats->pages = pages.count;
		stats->bytes = bytes;
		stats->editions = site->count;
		stats->items = site->item_count;
	}
	sl_free(files);
	pages_dispose(&pages);
	return rc;
}
