/*
 * render_site_item.c: one page per item of the site (render_site.h): the
 * item's answer in every edition where it appeared, changed or was
 * withdrawn, newest first. The changes are the pair diffs' own field
 * changes (site.h's lineage), so the highlights are the release notes'
 * character for character, and the page follows the item across
 * renumbering.
 */
#include "render_site.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render.h"
#include "render_int.h"

static void text(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_html(out, s, strlen(s));
}

static void link(sl_buf *out, const char *path, const char *label)
{
	sl_buf_puts(out, "<a href=\"../");
	text(out, path);
	sl_buf_puts(out, "\">");
	text(out, label);
	sl_buf_puts(out, "</a>");
}

/* A row of the item's fields as they stood, no change marked. */
static void plain_row(sl_buf *out, const sl_sheet *sheet, const char *field,
		      const char *value, sl_lang lang)
{
	if (!value)
		return;
	sl_buf_puts(out, "<tr><th scope=\"row\">");
	text(out, sl_render__field_label(lang, sheet, field));
	sl_buf_puts(out, "</th><td>");
	sl_escape_html_lines(out, value, strlen(value));
	sl_buf_puts(out, "</td></tr>\n");
}

static const sl_field_change *field_of(const sl_change *c, const char *name)
{
	size_t i;
	for (i = 0; c && i < c->field_count; i++)
		if (!strcmp(c->fields[i].field, name))
			return &c->fields[i];
	return NULL;
}

/* The fields at one step: a new item's whole text; a changed item's
 * changed fields with their inline diff, and its answer in any case. */
static void step_fields(sl_buf *out, const sl_site *site,
			const sl_site_step *st, sl_lang lang)
{
	const sl_sheet *sheet = site->editions[st->edition].sheet;
	const sl_item *it = sl_sheet_find(sheet, st->id);
	const sl_change *c = st->change;
	bool whole = !c || c->status == SL_CHANGE_ADDED ||
		     c->status == SL_CHANGE_REPLACED;
	size_t i;

	if (!it)
		return;
	sl_buf_puts(out, "<table class=\"fields\">\n<tbody>\n");
	if (whole) {
		plain_row(out, sheet, "category", it->category, lang);
		plain_row(out, sheet, "question", it->question, lang);
		plain_row(out, sheet, "answer", it->answer, lang);
	} else {
		for (i = 0; i < c->field_count; i++) {
			const sl_field_change *fc = &c->fields[i];
			sl_render__html_field_head(
				out, "<tr><th scope=\"row\">",
				sl_render__field_label(lang, sheet, fc->field),
				fc, lang);
			sl_buf_puts(out, "<td>");
			sl_render__ops_html(out, &fc->ops);
			sl_buf_puts(out, "</td></tr>\n");
		}
		if (!field_of(c, "answer"))
			plain_row(out, sheet, "answer", it->answer, lang);
	}
	sl_buf_puts(out, "</tbody>\n</table>\n");
}

static void step_section(sl_buf *out, const sl_site *site,
			 const sl_site_step *st, sl_lang lang)
{
	const char *name = site->editions[st->edition].edition->name;
	const sl_change *c = st->change;
	sl_buf path = SL_BUF_INIT;

	sl_buf_printf(out, "<section class=\"step\" id=\"ed-%s\">\n<h2>", name);
	text(out, name);
	sl_buf_puts(out, " <span class=\"meta\">");
	sl_render_site__date(out, site, st->edition);
	sl_buf_puts(out, "</span> ");
	if (c && c->status == SL_CHANGE_RENUMBERED) {
		text(out, c->old_id);
		sl_buf_puts(out, " → ");
	}
	text(out, st->id);
	sl_buf_printf(out, " <span class=\"badge\">%s</span></h2>\n",
		      st->withdrawn ? sl_label(lang, SL_L_SITE_WITHDRAWN)
		      : c           ? sl_render__status_label(lang, c)
				    : sl_label(lang, SL_L_SITE_FIRST_EDITION));
	sl_buf_puts(out, "<p class=\"meta\">");
	if (!st->withdrawn) {
		sl_site_path_edition(&path, site, st->edition);
		sl_buf_printf(&path, "#%s", st->id);
		link(out, sl_buf_cstr(&path),
		     sl_label(lang, SL_L_SITE_FULL_TEXT));
	}
	if (st->edition > 0) {
		if (!st->withdrawn)
			sl_buf_puts(out, " · ");
		sl_buf_clear(&path);
		sl_site_path_notes(&path, site, st->edition - 1, st->edition,
				   false);
		link(out, sl_buf_cstr(&path),
		     sl_label(lang, SL_L_CHANGELOG_TITLE));
		sl_buf_puts(out, " · ");
		sl_buf_clear(&path);
		sl_site_path_notes(&path, site, st->edition - 1, st->edition,
				   true);
		link(out, sl_buf_cstr(&path),
		     sl_label(lang, SL_L_SHINKYU_TITLE));
	}
	sl_buf_puts(out, "</p>\n");
	if (!st->withdrawn)
		step_fields(out, site, st, lang);
	sl_buf_puts(out, "</section>\n");
	sl_buf_dispose(&path);
}

int sl_render_site_item(sl_buf *out, const sl_site *site, size_t i,
			const sl_site_render_options *o)
{
	const sl_site_item *it = &site->items[i];
	const sl_site_step *last = &it->steps[it->step_count - 1];
	const sl_sheet *sheet = site->editions[it->last].sheet;
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	const char *id = last->id;
	const sl_item *now = sl_sheet_find(sheet, id);
	sl_buf title = SL_BUF_INIT, page = SL_BUF_INIT;
	size_t s;
	int rc;

	sl_buf_printf(&title, "%s %s — %s", m->title ? m->title : "checklist",
		      id, sl_label(o->lang, SL_L_SITE_ITEM_HISTORY));
	sl_render__html_header(&page, sl_buf_cstr(&title), o->lang, NULL);
	sl_buf_puts(&page, "<p class=\"meta\">");
	if (now && now->category) {
		text(&page, now->category);
		sl_buf_puts(&page, " · ");
	}
	sl_buf_printf(&page, "%s: ", sl_label(o->lang, SL_L_EDITION));
	text(&page, site->editions[it->first].edition->name);
	sl_buf_puts(&page, " – ");
	text(&page, site->editions[it->last].edition->name);
	if (last->withdrawn) {
		sl_buf_printf(&page, " · %s: ",
			      sl_label(o->lang, SL_L_SITE_WITHDRAWN));
		text(&page, site->editions[last->edition].edition->name);
	}
	sl_buf_puts(&page, "</p>\n");
	if (now && now->question) {
		sl_buf_puts(&page, "<p>");
		sl_escape_html_lines(&page, now->question,
				     strlen(now->question));
		sl_buf_puts(&page, "</p>\n");
	}
	sl_buf_puts(&page, "</header>\n<main>\n");
	for (s = it->step_count; s-- > 0;)
		step_section(&page, site, &it->steps[s], o->lang);
	sl_buf_puts(&page, "</main>\n");
	sl_render__html_footer(&page, o->lang);
	rc = sl_render_site__frame(&page, site, "../", NULL, o->lang);
	if (rc == 0)
		sl_buf_put(out, sl_buf_cstr(&page), page.len);
	sl_buf_dispose(&page);
	sl_buf_dispose(&title);
	return rc == 0 && sl_buf_oom(out) ? sl_error_oom() : rc;
}
