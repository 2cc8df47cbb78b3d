/*
 * render_export.c: the whole sheet as a Markdown or HTML document. One
 * traversal walks sheet.json's sections (a heading at each change of
 * scope, a table per section, a row per item) and calls a small emitter
 * per format; Markdown cells keep one item per row (sl_escape_md_cell).
 */
#include "render.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render_int.h"

/* The four columns of a section's table, in order. */
enum { COL_ID, COL_CATEGORY, COL_QUESTION, COL_ANSWER, COL__COUNT };

typedef struct export_emitter {
	void (*begin)(sl_buf *out, const sl_sheet_meta *m, size_t items,
		      const sl_render_options *o);
	void (*scope)(sl_buf *out, const char *title);
	void (*table_open)(sl_buf *out, const sl_section *sec,
			   const char *const cols[COL__COUNT]);
	/* category: NULL where the run of a category continues; links:
	 * NULL, or the site's links (sl_render_export_html_linked). */
	void (*row)(sl_buf *out, const sl_item *it, const char *category,
		    const sl_render_item_links *links);
	void (*table_close)(sl_buf *out);
	void (*end)(sl_buf *out, const sl_sheet_meta *m,
		    const sl_render_options *o);
} export_emitter;

/* The sheet's own column heading in Japanese, else the label. */
static const char *col_or(const char *col, sl_lang lang, sl_label_id id)
{
	return col && lang == SL_LANG_JA ? col : sl_label(lang, id);
}

static int export_walk(sl_buf *out, const sl_sheet *sheet,
		       const sl_render_options *o, const export_emitter *em,
		       const sl_render_item_links *links)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	size_t s, i = 0, n = sl_sheet_item_count(sheet);
	const char *scope = NULL;
	const char *cols[COL__COUNT];

	cols[COL_ID] = col_or(m->columns.id, o->lang, SL_L_ID);
	cols[COL_CATEGORY] =
		col_or(m->columns.category, o->lang, SL_L_CATEGORY);
	cols[COL_QUESTION] =
		col_or(m->columns.question, o->lang, SL_L_QUESTION);
	cols[COL_ANSWER] = col_or(m->columns.answer, o->lang, SL_L_ANSWER);
	em->begin(out, m, n, o);
	for (s = 0; s < m->section_count; s++) {
		const sl_section *sec = &m->sections[s];
		const char *last_cat = NULL;
		if (sec->scope && (!scope || strcmp(scope, sec->scope))) {
			const sl_scope *sc = sl_sheet_scope(sheet, sec->scope);
			scope = sec->scope;
			em->scope(out,
				  sc && sc->title ? sc->title : sec->scope);
		}
		em->table_open(out, sec, cols);
		for (; i < n; i++) {
			const sl_item *it = sl_sheet_item(sheet, i);
			const char *cat = it->category;
			if (strcmp(it->section, sec->id))
				break;
			/* The category at the start of each run, as the
			 * published table prints it. */
			em->row(out, it,
				cat && (!last_cat || strcmp(cat, last_cat))
					? cat
					: NULL,
				links);
			last_cat = cat;
		}
		em->table_close(out);
	}
	em->end(out, m, o);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- Markdown ---- */

static void md_text(sl_buf *out, const char *s)
{
	sl_escape_md(out, s, strlen(s));
}

static void md_cell(sl_buf *out, const char *s)
{
	sl_buf_puts(out, " ");
	if (s)
		sl_escape_md_cell(out, s, strlen(s));
	sl_buf_puts(out, " |");
}

static void md_begin(sl_buf *out, const sl_sheet_meta *m, size_t items,
		     const sl_render_options *o)
{
	sl_lang lang = o->lang;
	sl_buf_puts(out, "# ");
	md_text(out, m->title ? m->title : "checklist");
	sl_buf_puts(out, "\n\n");
	sl_buf_printf(out, "- %s: ", sl_label(lang, SL_L_AS_OF));
	md_text(out, m->as_of);
	sl_buf_putc(out, '\n');
	if (m->publisher) {
		sl_buf_printf(out, "- %s: ", sl_label(lang, SL_L_PUBLISHER));
		md_text(out, m->publisher);
		sl_buf_putc(out, '\n');
	}
	if (m->source_url) {
		sl_buf_printf(out, "- %s: <", sl_label(lang, SL_L_SOURCE));
		sl_escape_html(out, m->source_url, strlen(m->source_url));
		sl_buf_puts(out, ">\n");
	}
	sl_buf_printf(out, "- %s: ", sl_label(lang, SL_L_REVISION));
	md_text(out, sl_render__rev_label(lang, o->rev ? o->rev : "WORKTREE"));
	if (o->commit)
		sl_buf_printf(out, " (%.12s)", o->commit);
	sl_buf_printf(out, "\n- %s: %zu\n\n", sl_label(lang, SL_L_ITEM_COUNT),
		      items);
	if (m->introduction) {
		md_text(out, m->introduction);
		sl_buf_puts(out, "\n\n");
	}
	if (m->as_of_note) {
		sl_buf_puts(out, "> ");
		md_text(out, m->as_of_note);
		sl_buf_puts(out, "\n\n");
	}
}

static void md_scope(sl_buf *out, const char *title)
{
	sl_buf_puts(out, "## ");
	md_text(out, title);
	sl_buf_puts(out, "\n\n");
}

static void md_table_open(sl_buf *out, const sl_section *sec,
			  const char *const cols[COL__COUNT])
{
	size_t c;
	sl_buf_puts(out, "### ");
	sl_render__section_name(out, sec->id, sec, sl_escape_md);
	sl_buf_puts(out, "\n\n|");
	for (c = 0; c < COL__COUNT; c++)
		md_cell(out, cols[c]);
	sl_buf_puts(out, "\n|---|---|---|---|\n");
}

static void md_row(sl_buf *out, const sl_item *it, const char *category,
		   const sl_render_item_links *links)
{
	(void)links;
	sl_buf_putc(out, '|');
	md_cell(out, it->id);
	md_cell(out, category ? category : "");
	md_cell(out, it->question);
	md_cell(out, it->answer);
	sl_buf_putc(out, '\n');
}

static void md_table_close(sl_buf *out)
{
	sl_buf_putc(out, '\n');
}

static void md_end(sl_buf *out, const sl_sheet_meta *m,
		   const sl_render_options *o)
{
	(void)o;
	if (m->disclaimer) {
		md_scope(out, m->disclaimer_title ? m->disclaimer_title
						  : "Disclaimer");
		md_text(out, m->disclaimer);
		sl_buf_puts(out, "\n\n");
	}
	if (m->page_footer) {
		sl_buf_puts(out, "---\n\n");
		md_text(out, m->page_footer);
		sl_buf_puts(out, "\n");
	}
}

static const export_emitter md_emitter = {
	md_begin, md_scope, md_table_open, md_row, md_table_close, md_end,
};

int sl_render_export_markdown(sl_buf *out, const sl_sheet *sheet,
			      const sl_render_options *opts)
{
	return export_walk(out, sheet, opts, &md_emitter, NULL);
}

/* ---- HTML ---- */

static void html_text(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_html(out, s, strlen(s));
}

static void html_lines(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_html_lines(out, s, strlen(s));
}

/* A paragraph of sheet text: open, the text with its line breaks, close. */
static void html_para(sl_buf *out, const char *open, const char *s)
{
	sl_buf_puts(out, open);
	html_lines(out, s);
	sl_buf_puts(out, "</p>\n");
}

static void html_begin(sl_buf *out, const sl_sheet_meta *m, size_t items,
		       const sl_render_options *o)
{
	sl_lang lang = o->lang;
	sl_render__html_header(out, m->title ? m->title : "checklist", lang,
			       NULL);
	sl_buf_puts(out, "<p class=\"meta\">");
	sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_AS_OF));
	html_text(out, m->as_of);
	if (m->publisher) {
		sl_buf_printf(out, " · %s: ", sl_label(lang, SL_L_PUBLISHER));
		html_text(out, m->publisher);
	}
	sl_buf_printf(out, " · %s: ", sl_label(lang, SL_L_REVISION));
	html_text(out,
		  sl_render__rev_label(lang, o->rev ? o->rev : "WORKTREE"));
	if (o->commit)
		sl_buf_printf(out, " (%.12s)", o->commit);
	sl_buf_printf(out, " · %s: %zu", sl_label(lang, SL_L_ITEM_COUNT),
		      items);
	if (m->source_url) {
		sl_buf_printf(out, "<br>%s: <a href=\"",
			      sl_label(lang, SL_L_SOURCE));
		html_text(out, m->source_url);
		sl_buf_puts(out, "\">");
		html_text(out, m->source_url);
		sl_buf_puts(out, "</a>");
	}
	sl_buf_puts(out, "</p>\n</header>\n");
	if (m->introduction)
		html_para(out, "<p>", m->introduction);
	if (m->as_of_note)
		html_para(out, "<p class=\"note\">", m->as_of_note);
}

static void html_scope(sl_buf *out, const char *title)
{
	sl_buf_puts(out, "<h2>");
	html_text(out, title);
	sl_buf_puts(out, "</h2>\n");
}

static void html_table_open(sl_buf *out, const sl_section *sec,
			    const char *const cols[COL__COUNT])
{
	size_t c;
	sl_buf_puts(out, "<h3 id=\"section-");
	html_text(out, sec->id);
	sl_buf_puts(out, "\">");
	sl_render__section_name(out, sec->id, sec, sl_escape_html);
	sl_buf_puts(out, "</h3>\n<table>\n<thead><tr>");
	for (c = 0; c < COL__COUNT; c++) {
		sl_buf_puts(out, "<th>");
		html_text(out, cols[c]);
		sl_buf_puts(out, "</th>");
	}
	sl_buf_puts(out, "</tr></thead>\n<tbody>\n");
}

static void html_row(sl_buf *out, const sl_item *it, const char *category,
		     const sl_render_item_links *links)
{
	const char *href = links ? links->href(links->ctx, it) : NULL;
	/* The site anchors a row by the bare id (#1-61), the stable
	 * fragment customers bookmark; the export keeps its own. */
	sl_buf_puts(out, links ? "<tr id=\"" : "<tr id=\"item-");
	html_text(out, it->id);
	sl_buf_puts(out, "\"><td class=\"id\">");
	if (href) {
		sl_buf_puts(out, "<a href=\"");
		html_text(out, href);
		sl_buf_puts(out, "\">");
	}
	html_text(out, it->id);
	sl_buf_puts(out, href ? "</a></td><td>" : "</td><td>");
	html_text(out, category);
	sl_buf_puts(out, "</td><td>");
	html_lines(out, it->question);
	sl_buf_puts(out, "</td><td>");
	html_lines(out, it->answer);
	sl_buf_puts(out, "</td></tr>\n");
}

static void html_table_close(sl_buf *out)
{
	sl_buf_puts(out, "</tbody>\n</table>\n");
}

static void html_end(sl_buf *out, const sl_sheet_meta *m,
		     const sl_render_options *o)
{
	if (m->disclaimer) {
		html_scope(out, m->disclaimer_title ? m->disclaimer_title
						    : "Disclaimer");
		html_para(out, "<p>", m->disclaimer);
	}
	sl_buf_puts(out, "<footer>");
	if (m->page_footer) {
		html_lines(out, m->page_footer);
		sl_buf_puts(out, "<br>\n");
	}
	sl_buf_printf(out, "%s</footer>\n",
		      sl_label(o->lang, SL_L_GENERATED_BY));
	sl_render__html_close(out);
}

static const export_emitter html_emitter = {
	html_begin, html_scope,       html_table_open,
	html_row,   html_table_close, html_end,
};

int sl_render_export_html(sl_buf *out, const sl_sheet *sheet,
			  const sl_render_options *opts)
{
	return export_walk(out, sheet, opts, &html_emitter, NULL);
}

int sl_render_export_html_linked(sl_buf *out, const sl_sheet *sheet,
				 const sl_render_options *opts,
				 const sl_render_item_links *links)
{
	return export_walk(out, sheet, opts, &html_emitter, links);
}
