/*
 * site_write.c: the site's pages, in a fixed order (index, feed, the
 * editions oldest first, their notes, the items in lineage order), each
 * rendered once and written straight into the new tree beside the target
 * (fs_tree.h), so memory holds one page at a time however large the
 * history; the target changes only in the final swap. Nothing here reads
 * the clock or iterates a map, so the same repository gives the same
 * bytes.
 */
#include "site_write.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "fs_tree.h"

typedef struct site_out {
	sl_fs_tree *tree;
	sl_site_stats stats;
	sl_buf path; /* the page being rendered */
	sl_buf page;
} site_out;

/* Write the page rendered into o->page (rc: the renderer's result). */
static int site_emit(site_out *o, int rc)
{
	if (rc == 0 && (sl_buf_oom(&o->page) || sl_buf_oom(&o->path)))
		rc = sl_error_oom();
	if (rc == 0)
		rc = sl_fs_tree_add(o->tree, sl_buf_cstr(&o->path),
				    sl_buf_cstr(&o->page), o->page.len);
	if (rc == 0) {
		o->stats.pages++;
		o->stats.bytes += o->page.len;
	}
	sl_buf_clear(&o->page);
	sl_buf_clear(&o->path);
	return rc;
}

static int site_notes(site_out *out, const sl_site *site, size_t a, size_t b,
		      const sl_site_render_options *o)
{
	int k, rc = 0;
	for (k = 0; k < 2 && rc == 0; k++) {
		sl_site_path_notes(&out->path, site, a, b, k == 1);
		rc = site_emit(out, sl_render_site_notes(&out->page, site, a, b,
							 k == 1, o));
	}
	return rc;
}

static int site_render_all(site_out *out, const sl_site *site,
			   const sl_site_render_options *o)
{
	size_t e, i, newest = sl_site_newest(site);
	int rc;

	sl_buf_puts(&out->path, "index.html");
	rc = site_emit(out, sl_render_site_index(&out->page, site, o));
	if (rc == 0) {
		sl_buf_puts(&out->path, "feed.atom");
		rc = site_emit(out, sl_render_site_feed(&out->page, site, o));
	}
	for (e = 0; rc == 0 && e < site->count; e++) {
		sl_site_path_edition(&out->path, site, e);
		rc = site_emit(out,
			       sl_render_site_edition(&out->page, site, e, o));
	}
	/* The pairs, then "since" notes for the editions older than the one
	 * before the newest (whose since notes are its pair's). */
	for (e = 1; rc == 0 && e < site->count; e++)
		rc = site_notes(out, site, e - 1, e, o);
	for (e = 0; rc == 0 && e + 2 < site->count; e++)
		rc = site_notes(out, site, e, newest, o);
	for (i = 0; rc == 0 && i < site->item_count; i++) {
		sl_buf_puts(&out->path, site->items[i].page);
		rc = site_emit(out,
			       sl_render_site_item(&out->page, site, i, o));
	}
	return rc;
}

int sl_site_write(sl_site_stats *stats, const sl_site *site, const char *dir,
		  const sl_site_render_options *o)
{
	site_out out;
	int rc;

	memset(&out, 0, sizeof(out));
	sl_buf_init(&out.path);
	sl_buf_init(&out.page);
	rc = sl_fs_tree_begin(&out.tree, dir, SL_SITE_MARKER);
	if (rc == 0)
		rc = site_render_all(&out, site, o);
	if (rc == 0) {
		out.stats.kept = sl_fs_tree_kept(out.tree);
		rc = sl_fs_tree_commit(out.tree);
		out.tree = NULL;
	}
	sl_fs_tree_abort(out.tree);
	if (rc == 0 && stats) {
		*stats = out.stats;
		stats->editions = site->count;
		stats->items = site->item_count;
	}
	sl_buf_dispose(&out.path);
	sl_buf_dispose(&out.page);
	return rc;
}
