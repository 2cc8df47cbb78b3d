/*
 * render_site.h: the pages of the customers' static site (site.h's
 * model). Each page is one self-contained HTML document (inline CSS, no
 * script, no external file) whose links are relative, so the site works
 * from file:// and on any static host. The pages of the existing
 * documents (the whole sheet, release notes, 新旧対照表) are those
 * documents' own renderers with the site's navigation added.
 */
#ifndef SL_RENDER_SITE_H
#define SL_RENDER_SITE_H

#include "buf.h"
#include "labels.h"
#include "site.h"

typedef struct sl_site_render_options {
	sl_lang lang;
	/* borrowed; the URL the site is published at ("https://x/sheet/"),
	 * or NULL: the feed's links are relative to the feed */
	const char *base_url;
} sl_site_render_options;

#define SL_SITE_RENDER_OPTIONS_INIT \
	{                           \
		SL_LANG_JA, NULL    \
	}

/* index.html: the editions newest first, then the 改訂履歴. */
int sl_render_site_index(sl_buf *out, const sl_site *site,
			 const sl_site_render_options *o);
/* editions/E.html: the whole sheet of edition e, each row anchored by
 * its id and linked to its item's page. */
int sl_render_site_edition(sl_buf *out, const sl_site *site, size_t e,
			   const sl_site_render_options *o);
/* notes/A_B.html (or .shinkyu.html): the release notes or the 新旧対照表
 * from edition a to edition b, from the model's one diff of the pair. */
int sl_render_site_notes(sl_buf *out, const sl_site *site, size_t a, size_t b,
			 bool shinkyu, const sl_site_render_options *o);
/* items/ID.html (render_site_item.c): item i's answer in every edition
 * where it changed, newest first, with its changes highlighted. */
int sl_render_site_item(sl_buf *out, const sl_site *site, size_t i,
			const sl_site_render_options *o);
/* feed.atom (render_atom.c): Atom 1.0, one entry per edition. */
int sl_render_site_feed(sl_buf *out, const sl_site *site,
			const sl_site_render_options *o);

/* Shared by the site's renderers (render_site*.c, render_atom.c). */
/* The diff into edition b from a: the pair's, or a's diff to the newest
 * (NULL for any other pair). borrowed */
const sl_diff *sl_render_site__diff(const sl_site *site, size_t a, size_t b);
/* Add the site's head (its CSS, the feed's <link>) and navigation bar to
 * a page some renderer wrote: before its first "</head>" and after its
 * first "<body>", markup the renderers themselves emit (sheet text never
 * holds a raw '<'). up: "../" for pages in a directory, "" at the root.
 * extra: more trusted links for the bar, or NULL. @return 0 or SL_ENOMEM */
int sl_render_site__frame(sl_buf *page, const sl_site *site, const char *up,
			  const char *extra, sl_lang lang);
/* "2023-04-28": an edition's commit date in its own zone. */
void sl_render_site__date(sl_buf *out, const sl_site *site, size_t e);

#endif
