/*
 * render_atom.c: the site's feed (feed.atom, RFC 4287): one entry per
 * edition, newest first, so a customer's reader announces each new
 * edition. Ids are URNs built from the first edition's commit (the
 * repository's identity: it changes only if that history is rewritten)
 * and the edition's name, so they survive a move of the site; dates are
 * the editions' commit dates; every text goes through sl_escape_xml.
 */
#include "render_site.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "escape.h"
#include "render_int.h"

/* Changed items named in an entry's summary, at most; and how many code
 * points of each one's text. */
#define ATOM_CHANGES 20
#define ATOM_TEXT_CPS 120

static void x(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_xml(out, s, strlen(s));
}

/* s cut to at most cps code points (on a code point boundary), with "…"
 * when cut. */
static void x_prefix(sl_buf *out, const char *s, size_t cps)
{
	size_t i = 0, n = 0;
	if (!s)
		return;
	while (s[i]) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == cps)
			break;
		i++;
	}
	sl_escape_xml(out, s, i);
	if (s[i])
		sl_buf_puts(out, "…");
}

static void href(sl_buf *out, const sl_site_render_options *o, const char *path)
{
	sl_buf_puts(out, "href=\"");
	if (o->base_url) {
		size_t n = strlen(o->base_url);
		x(out, o->base_url);
		if (n && o->base_url[n - 1] != '/')
			sl_buf_putc(out, '/');
	}
	x(out, path);
	sl_buf_putc(out, '"');
}

static void date(sl_buf *out, const sl_site *site, size_t e)
{
	const sl_commit *c = &site->editions[e].edition->commit;
	sl_date_format_iso(out, c->committer.time, c->committer.offset_min);
}

static bool answer_changed(const sl_change *c)
{
	size_t i;
	if (c->status != SL_CHANGE_MODIFIED &&
	    c->status != SL_CHANGE_RENUMBERED)
		return false;
	for (i = 0; i < c->field_count; i++)
		if (!strcmp(c->fields[i].field, "answer"))
			return true;
	return false;
}

/* " (回答内容, 評価内容)": the fields a modification changed. */
static void changed_fields(sl_buf *out, const sl_sheet *sheet,
			   const sl_change *c, sl_lang lang)
{
	size_t i;
	if ((c->status != SL_CHANGE_MODIFIED &&
	     c->status != SL_CHANGE_RENUMBERED) ||
	    !c->field_count)
		return;
	sl_buf_puts(out, " (");
	for (i = 0; i < c->field_count; i++) {
		if (i)
			sl_buf_puts(out, ", ");
		x(out, sl_render__field_label(lang, sheet, c->fields[i].field));
	}
	sl_buf_putc(out, ')');
}

static void summary(sl_buf *out, const sl_site *site, size_t e, sl_lang lang)
{
	const sl_diff *d = site->editions[e].prev;
	const sl_sheet *sheet = site->editions[e].sheet;
	size_t i, n;
	if (!d) {
		sl_buf_printf(out, "%s · %s %zu",
			      sl_label(lang, SL_L_SITE_FIRST_EDITION),
			      sl_label(lang, SL_L_ITEM_COUNT),
			      site->editions[e].item_count);
		return;
	}
	sl_render__summary_pairs(out, sl_diff_summary_of(d), lang, " · ",
				 false);
	n = sl_diff_count(d);
	for (i = 0; i < n && i < ATOM_CHANGES; i++) {
		const sl_change *c = sl_diff_change(d, i);
		const sl_item *it = c->new_item ? c->new_item : c->old_item;
		sl_buf_putc(out, '\n');
		if (c->status == SL_CHANGE_RENUMBERED) {
			x(out, c->old_id);
			sl_buf_puts(out, " → ");
		}
		x(out, c->id);
		sl_buf_printf(out, " %s", sl_render__status_label(lang, c));
		changed_fields(out, sheet, c, lang);
		sl_buf_puts(out, ": ");
		/* The new answer when it changed: what a customer relies
		 * on; else the question, to say which item this is. */
		x_prefix(out,
			 it && answer_changed(c) ? it->answer
			 : it                    ? it->question
						 : NULL,
			 ATOM_TEXT_CPS);
	}
	if (n > ATOM_CHANGES)
		sl_buf_printf(out, "\n%s %zu %s",
			      sl_label(lang, SL_L_SITE_MORE), n - ATOM_CHANGES,
			      sl_label(lang, SL_L_N_ITEMS));
}

static void entry(sl_buf *out, const sl_site *site, size_t e, const char *title,
		  const char *urn, const sl_site_render_options *o)
{
	const char *name = site->editions[e].edition->name;
	sl_buf path = SL_BUF_INIT;
	if (e > 0)
		sl_site_path_notes(&path, site, e - 1, e, false);
	else
		sl_site_path_edition(&path, site, e);
	sl_buf_puts(out, "<entry>\n<title>");
	x(out, title);
	sl_buf_putc(out, ' ');
	x(out, name);
	sl_buf_printf(out, "</title>\n<id>%s:edition:%s</id>\n<updated>", urn,
		      name);
	date(out, site, e);
	sl_buf_puts(out, "</updated>\n<link rel=\"alternate\" "
			 "type=\"text/html\" ");
	href(out, o, sl_buf_cstr(&path));
	sl_buf_puts(out, "/>\n<summary type=\"text\">");
	summary(out, site, e, o->lang);
	sl_buf_puts(out, "</summary>\n</entry>\n");
	sl_buf_dispose(&path);
}

int sl_render_site_feed(sl_buf *out, const sl_site *site,
			const sl_site_render_options *o)
{
	size_t e, newest = sl_site_newest(site);
	const sl_sheet_meta *m =
		sl_sheet_meta_get(site->editions[newest].sheet);
	const char *title = m->title ? m->title : "checklist";
	char urn[64];

	snprintf(urn, sizeof(urn), "urn:sheetlog:%.40s",
		 site->editions[0].edition->commit.id);
	sl_buf_printf(out,
		      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		      "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
		      "xml:lang=\"%s\">\n<title>",
		      o->lang == SL_LANG_EN ? "en" : "ja");
	x(out, title);
	sl_buf_printf(out, "</title>\n<id>%s</id>\n<updated>", urn);
	date(out, site, newest);
	sl_buf_puts(out, "</updated>\n<author><name>");
	x(out, m->publisher ? m->publisher : title);
	sl_buf_puts(out, "</name></author>\n<generator>sheetlog</generator>\n"
			 "<link rel=\"alternate\" type=\"text/html\" ");
	href(out, o, "index.html");
	sl_buf_puts(out, "/>\n");
	if (o->base_url) {
		sl_buf_puts(out, "<link rel=\"self\" "
				 "type=\"application/atom+xml\" ");
		href(out, o, "feed.atom");
		sl_buf_puts(out, "/>\n");
	}
	for (e = site->count; e-- > 0;)
		entry(out, site, e, title, urn, o);
	sl_buf_puts(out, "</feed>\n");
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
