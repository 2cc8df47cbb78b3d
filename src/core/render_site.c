/*
 * render_site.c: the site's index, edition and notes pages, and the frame
 * (CSS and navigation) that makes other renderers' documents pages of the
 * site. The edition pages are render_export.c's document and the notes
 * render_changelog.c's and render_shinkyu.c's: the site reuses them, with
 * the model's diffs, instead of drawing the sheet a second way.
 */
#include "render_site.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render.h"
#include "render_int.h"

/* The navigation bar, and links that read as links; none of it prints. */
static const char site_css[] =
	"<style>\n"
	"nav.site{font-size:.9rem;margin:0 0 1rem;padding:.4rem 0;"
	"border-bottom:1px solid #c8ccd0}\n"
	"nav.site a{margin-right:.8rem}\n"
	"a{color:#0b57d0}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"section.step{border-top:1px solid #c8ccd0;margin-top:1.5rem}\n"
	"@media print{nav.site{display:none}a{color:inherit;"
	"text-decoration:none}}\n"
	"</style>\n";

const sl_diff *sl_render_site__diff(const sl_site *site, size_t a, size_t b)
{
	if (a >= site->count || b >= site->count || a >= b)
		return NULL;
	if (b == a + 1)
		return site->editions[b].prev;
	return b == sl_site_newest(site) ? site->editions[a].since : NULL;
}

void sl_render_site__date(sl_buf *out, const sl_site *site, size_t e)
{
	sl_render__rev_date(out, &site->editions[e].rev);
}

static void link(sl_buf *out, const char *up, const char *path,
		 const char *label)
{
	sl_buf_puts(out, "<a href=\"");
	sl_escape_html(out, up, strlen(up));
	sl_escape_html(out, path, strlen(path));
	sl_buf_puts(out, "\">");
	sl_escape_html(out, label, strlen(label));
	sl_buf_puts(out, "</a>");
}

/* Insert text into page before the first occurrence of mark (after it
 * when after). @return 0, SL_ENOMEM, or SL_ERROR when mark is absent */
static int insert_at(sl_buf *page, const char *mark, bool after,
		     const char *text)
{
	const char *s = sl_buf_cstr(page);
	const char *hit = strstr(s, mark);
	sl_buf rebuilt = SL_BUF_INIT;
	size_t pos;
	if (!hit)
		return sl_error_set(SL_ERROR, "a site page has no %s to frame",
				    mark);
	pos = (size_t)(hit - s) + (after ? strlen(mark) : 0);
	sl_buf_put(&rebuilt, s, pos);
	sl_buf_puts(&rebuilt, text);
	sl_buf_put(&rebuilt, s + pos, page->len - pos);
	if (sl_buf_oom(&rebuilt)) {
		sl_buf_dispose(&rebuilt);
		return sl_error_oom();
	}
	sl_buf_dispose(page);
	*page = rebuilt;
	return 0;
}

int sl_render_site__frame(sl_buf *page, const sl_site *site, const char *up,
			  const char *extra, sl_lang lang)
{
	sl_buf head = SL_BUF_INIT, nav = SL_BUF_INIT, path = SL_BUF_INIT;
	int rc = 0;

	sl_buf_puts(&head, site_css);
	sl_buf_puts(&head, "<link rel=\"alternate\" "
			   "type=\"application/atom+xml\" href=\"");
	sl_escape_html(&head, up, strlen(up));
	sl_buf_puts(&head, "feed.atom\">\n");
	sl_buf_printf(&nav, "<nav class=\"site\" aria-label=\"%s\">",
		      sl_label(lang, SL_L_SITE_LINKS));
	link(&nav, up, "index.html", sl_label(lang, SL_L_SITE_HOME));
	sl_site_path_edition(&path, site, sl_site_newest(site));
	link(&nav, up, sl_buf_cstr(&path), sl_label(lang, SL_L_SITE_LATEST));
	if (extra)
		sl_buf_puts(&nav, extra);
	link(&nav, up, "feed.atom", sl_label(lang, SL_L_SITE_FEED));
	sl_buf_puts(&nav, "</nav>\n");
	if (sl_buf_oom(page) || sl_buf_oom(&head) || sl_buf_oom(&nav))
		rc = sl_error_oom();
	if (rc == 0)
		rc = insert_at(page, "</head>\n", false, sl_buf_cstr(&head));
	if (rc == 0)
		rc = insert_at(page, "<body>\n", true, sl_buf_cstr(&nav));
	sl_buf_dispose(&head);
	sl_buf_dispose(&nav);
	sl_buf_dispose(&path);
	return rc;
}

/* The label of a site page in a link list: "改訂内容" and so on. */
static void notes_links(sl_buf *out, const sl_site *site, size_t a, size_t b,
			const char *up, sl_lang lang, const char *sep)
{
	sl_buf path = SL_BUF_INIT;
	sl_site_path_notes(&path, site, a, b, false);
	link(out, up, sl_buf_cstr(&path), sl_label(lang, SL_L_CHANGELOG_TITLE));
	sl_buf_puts(out, sep);
	sl_buf_clear(&path);
	sl_site_path_notes(&path, site, a, b, true);
	link(out, up, sl_buf_cstr(&path), sl_label(lang, SL_L_SHINKYU_TITLE));
	sl_buf_dispose(&path);
}

/* ---- index.html ---- */

static const char *site_title(const sl_site *site)
{
	const sl_sheet_meta *m =
		sl_sheet_meta_get(site->editions[sl_site_newest(site)].sheet);
	return m->title ? m->title : "checklist";
}

static void count_cell(sl_buf *out, const sl_diff *d, size_t n)
{
	if (d)
		sl_buf_printf(out, "<td class=\"num\">%zu</td>", n);
	else
		sl_buf_puts(out, "<td class=\"num\">—</td>");
}

static void index_editions(sl_buf *out, const sl_site *site, sl_lang lang)
{
	static const sl_label_id cols[] = {
		SL_L_EDITION,       SL_L_DATE,       SL_L_COMMIT,
		SL_L_ITEM_COUNT,    SL_L_ADDED,      SL_L_REMOVED,
		SL_L_MODIFIED,      SL_L_RENUMBERED, SL_L_REPLACED,
		SL_L_NOTATION_ONLY, SL_L_SITE_LINKS,
	};
	sl_buf path = SL_BUF_INIT;
	size_t c, e;
	sl_buf_printf(out,
		      "<h2>%s</h2>\n<table class=\"editions\">\n"
		      "<thead><tr>",
		      sl_label(lang, SL_L_SITE_EDITIONS));
	for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
		sl_buf_printf(out, "<th scope=\"col\">%s</th>",
			      sl_label(lang, cols[c]));
	sl_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (e = site->count; e-- > 0;) {
		const sl_site_edition *ed = &site->editions[e];
		const sl_diff *d = ed->prev;
		const sl_diff_summary *s = d ? sl_diff_summary_of(d) : NULL;
		const char *name = ed->edition->name;
		sl_buf_clear(&path);
		sl_site_path_edition(&path, site, e);
		sl_buf_printf(out, "<tr id=\"edition-%s\"><th scope=\"row\">",
			      name);
		link(out, "", sl_buf_cstr(&path), name);
		sl_buf_puts(out, "</th><td>");
		sl_render_site__date(out, site, e);
		sl_buf_printf(out, "</td><td><code>%.7s</code></td>",
			      ed->edition->commit.id);
		sl_buf_printf(out, "<td class=\"num\">%zu</td>",
			      ed->item_count);
		count_cell(out, d, s ? s->added : 0);
		count_cell(out, d, s ? s->removed : 0);
		count_cell(out, d, s ? s->modified : 0);
		count_cell(out, d, s ? s->renumbered : 0);
		count_cell(out, d, s ? s->replaced : 0);
		count_cell(out, d, s ? s->notation_only : 0);
		sl_buf_puts(out, "<td>");
		link(out, "", sl_buf_cstr(&path),
		     sl_label(lang, SL_L_SITE_FULL_TEXT));
		if (d) {
			sl_buf_puts(out, " · ");
			notes_links(out, site, e - 1, e, "", lang, " · ");
		}
		if (ed->since && ed->since != site->editions[e + 1].prev) {
			sl_buf_clear(&path);
			sl_site_path_notes(&path, site, e, sl_site_newest(site),
					   false);
			sl_buf_puts(out, " · ");
			link(out, "", sl_buf_cstr(&path),
			     sl_label(lang, SL_L_SITE_SINCE));
		}
		sl_buf_puts(out, "</td></tr>\n");
	}
	sl_buf_puts(out, "</tbody>\n</table>\n");
	sl_buf_dispose(&path);
}

/* At most this many changed items are named per row of the 改訂履歴. */
#define SITE_HISTORY_IDS 10

static void history_ids(sl_buf *out, const sl_site *site, size_t e,
			sl_lang lang)
{
	const sl_diff *d = site->editions[e].prev;
	size_t i, n = sl_diff_count(d), shown = 0;
	for (i = 0; i < n; i++) {
		const sl_change *c = sl_diff_change(d, i);
		const sl_site_item *it =
			c->status == SL_CHANGE_REMOVED
				? sl_site_item_at(site, e - 1, c->id)
				: sl_site_item_at(site, e, c->id);
		if (shown == SITE_HISTORY_IDS) {
			sl_buf_printf(out, " %s %zu %s",
				      sl_label(lang, SL_L_SITE_MORE), n - shown,
				      sl_label(lang, SL_L_N_ITEMS));
			break;
		}
		sl_buf_puts(out, shown++ ? ", " : "<br>");
		if (it) {
			sl_buf_puts(out, "<a href=\"");
			sl_escape_html(out, it->page, strlen(it->page));
			sl_buf_puts(out, "\">");
		}
		sl_render__change_id(out, c, sl_escape_html);
		if (it)
			sl_buf_puts(out, "</a>");
		sl_buf_printf(out, " %s", sl_render__status_label(lang, c));
	}
}

static void index_history(sl_buf *out, const sl_site *site, sl_lang lang)
{
	size_t e;
	sl_buf_printf(out,
		      "<h2>%s</h2>\n<table class=\"revisions\">\n<thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		      sl_label(lang, SL_L_SITE_REVISION_HISTORY),
		      sl_label(lang, SL_L_EDITION), sl_label(lang, SL_L_DATE),
		      sl_label(lang, SL_L_CHANGELOG_TITLE));
	for (e = 0; e < site->count; e++) {
		const sl_diff *d = site->editions[e].prev;
		sl_buf_printf(out, "<tr><th scope=\"row\">%s</th><td>",
			      site->editions[e].edition->name);
		sl_render_site__date(out, site, e);
		sl_buf_puts(out, "</td><td>");
		if (!d) {
			sl_buf_puts(out,
				    sl_label(lang, SL_L_SITE_FIRST_EDITION));
		} else {
			sl_render__summary_pairs(out, sl_diff_summary_of(d),
						 lang, " · ", false);
			history_ids(out, site, e, lang);
		}
		sl_buf_puts(out, "</td></tr>\n");
	}
	sl_buf_puts(out, "</tbody>\n</table>\n");
}

int sl_render_site_index(sl_buf *out, const sl_site *site,
			 const sl_site_render_options *o)
{
	sl_buf title = SL_BUF_INIT, page = SL_BUF_INIT;
	const sl_sheet_meta *m =
		sl_sheet_meta_get(site->editions[sl_site_newest(site)].sheet);
	int rc;

	sl_buf_printf(&title, "%s — %s", site_title(site),
		      sl_label(o->lang, SL_L_SITE_EDITIONS));
	sl_render__html_header(&page, sl_buf_cstr(&title), o->lang, NULL);
	sl_buf_puts(&page, "<p class=\"meta\">");
	if (m->publisher) {
		sl_buf_printf(&page, "%s: ", sl_label(o->lang, SL_L_PUBLISHER));
		sl_escape_html(&page, m->publisher, strlen(m->publisher));
		sl_buf_puts(&page, " · ");
	}
	sl_buf_printf(&page, "%s: ", sl_label(o->lang, SL_L_SITE_LATEST));
	sl_escape_html(&page, m->as_of, strlen(m->as_of));
	sl_buf_puts(&page, "</p>\n</header>\n<main>\n");
	if (m->introduction) {
		sl_buf_puts(&page, "<p>");
		sl_escape_html_lines(&page, m->introduction,
				     strlen(m->introduction));
		sl_buf_puts(&page, "</p>\n");
	}
	index_editions(&page, site, o->lang);
	index_history(&page, site, o->lang);
	sl_buf_puts(&page, "</main>\n");
	sl_render__html_footer(&page, o->lang);
	rc = sl_render_site__frame(&page, site, "", NULL, o->lang);
	if (rc == 0)
		sl_buf_put(out, sl_buf_cstr(&page), page.len);
	sl_buf_dispose(&page);
	sl_buf_dispose(&title);
	if (rc == 0 && sl_buf_oom(out))
		rc = sl_error_oom();
	return rc;
}

/* ---- editions/E.html ---- */

typedef struct edition_links {
	const sl_site *site;
	size_t edition;
	sl_buf href;
} edition_links;

static const char *edition_href(void *ctx, const sl_item *item)
{
	edition_links *l = ctx;
	const sl_site_item *it = sl_site_item_at(l->site, l->edition, item->id);
	size_t s, at = 0;
	if (!it)
		return NULL;
	/* The item's page has a section per edition where it changed: the
	 * one that gave the item its text in this edition. */
	for (s = 0; s < it->step_count; s++)
		if (it->steps[s].edition <= l->edition)
			at = it->steps[s].edition;
	sl_buf_clear(&l->href);
	sl_buf_printf(&l->href, "../%s#ed-%s", it->page,
		      l->site->editions[at].edition->name);
	return sl_buf_cstr(&l->href);
}

/* The bar's links of an edition page: the editions around it and its
 * notes. */
static void edition_bar(sl_buf *out, const sl_site *site, size_t e,
			sl_lang lang)
{
	sl_buf path = SL_BUF_INIT;
	if (e > 0) {
		notes_links(out, site, e - 1, e, "../", lang, "");
		sl_buf_clear(&path);
		sl_site_path_edition(&path, site, e - 1);
		link(out, "../", sl_buf_cstr(&path),
		     site->editions[e - 1].edition->name);
	}
	if (e + 1 < site->count) {
		sl_buf_clear(&path);
		sl_site_path_notes(&path, site, e, sl_site_newest(site), false);
		link(out, "../", sl_buf_cstr(&path),
		     sl_label(lang, SL_L_SITE_SINCE));
		sl_buf_clear(&path);
		sl_site_path_edition(&path, site, e + 1);
		link(out, "../", sl_buf_cstr(&path),
		     site->editions[e + 1].edition->name);
	}
	sl_buf_dispose(&path);
}

/* An edition page and a notes page end alike: the rendered page gets the
 * site's frame with its bar of links (one folder down) and only then
 * lands in out, so that a failure leaves out as it was. */
static int site_framed(sl_buf *out, sl_buf *page, const sl_buf *bar,
		       const sl_site *site, sl_lang lang)
{
	int rc = sl_buf_oom(bar)
			 ? sl_error_oom()
			 : sl_render_site__frame(page, site, "../",
						 sl_buf_cstr(bar), lang);
	if (rc == 0)
		sl_buf_put(out, sl_buf_cstr(page), page->len);
	return rc == 0 && sl_buf_oom(out) ? sl_error_oom() : rc;
}

int sl_render_site_edition(sl_buf *out, const sl_site *site, size_t e,
			   const sl_site_render_options *o)
{
	const sl_site_edition *ed = &site->editions[e];
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	edition_links ctx = {site, e, SL_BUF_INIT};
	sl_render_item_links links = {edition_href, &ctx};
	sl_buf page = SL_BUF_INIT, bar = SL_BUF_INIT;
	int rc;

	ro.lang = o->lang;
	ro.rev = ed->edition->name;
	ro.commit = ed->edition->commit.id;
	rc = sl_render_export_html_linked(&page, ed->sheet, &ro, &links);
	edition_bar(&bar, site, e, o->lang);
	if (rc == 0)
		rc = site_framed(out, &page, &bar, site, o->lang);
	sl_buf_dispose(&bar);
	sl_buf_dispose(&page);
	sl_buf_dispose(&ctx.href);
	return rc;
}

/* ---- notes/A_B.html ---- */

int sl_render_site_notes(sl_buf *out, const sl_site *site, size_t a, size_t b,
			 bool shinkyu, const sl_site_render_options *o)
{
	const sl_diff *d = sl_render_site__diff(site, a, b);
	sl_render_options ro = SL_RENDER_OPTIONS_INIT;
	sl_buf page = SL_BUF_INIT, bar = SL_BUF_INIT, path = SL_BUF_INIT;
	int rc;

	if (!d)
		return sl_error_set(SL_ERROR, "no diff from edition %zu to %zu",
				    a, b);
	ro.lang = o->lang;
	ro.from = &site->editions[a].rev;
	ro.to = &site->editions[b].rev;
	rc = shinkyu ? sl_render_shinkyu_html(&page, d, &ro)
		     : sl_render_changelog_html(&page, d, &ro);
	sl_site_path_notes(&path, site, a, b, !shinkyu);
	link(&bar, "../", sl_buf_cstr(&path),
	     sl_label(o->lang,
		      shinkyu ? SL_L_CHANGELOG_TITLE : SL_L_SHINKYU_TITLE));
	sl_buf_clear(&path);
	sl_site_path_edition(&path, site, a);
	link(&bar, "../", sl_buf_cstr(&path), site->editions[a].edition->name);
	sl_buf_clear(&path);
	sl_site_path_edition(&path, site, b);
	link(&bar, "../", sl_buf_cstr(&path), site->editions[b].edition->name);
	if (rc == 0)
		rc = site_framed(out, &page, &bar, site, o->lang);
	sl_buf_dispose(&path);
	sl_buf_dispose(&bar);
	sl_buf_dispose(&page);
	return rc;
}
