/*
 * render_html.c: self-contained HTML documents (inline CSS, no external
 * assets, printable). Sheet text only ever reaches the page through
 * sl_escape_html / sl_escape_html_lines.
 */
#include "render.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render_int.h"

static const char base_css[] =
	"body{font-family:\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",sans-serif;"
	"margin:2rem auto;max-width:72rem;padding:0 1rem;line-height:1.6;color:#1b1f23}\n"
	"h1{font-size:1.6rem;border-bottom:2px solid #1b1f23;padding-bottom:.3rem}\n"
	"h2{font-size:1.3rem;margin-top:2rem;border-left:6px solid #36c;padding-left:.5rem}\n"
	"h3{font-size:1.1rem;margin-top:1.5rem}\n"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\n"
	"th,td{border:1px solid #c8ccd0;padding:.35rem .5rem;vertical-align:top;text-align:left}\n"
	"th{background:#eef1f4}\n"
	"td.id{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	".meta{color:#57606a;font-size:.9rem}\n"
	".note{border-left:4px solid #c8ccd0;padding-left:.75rem;color:#3d444d}\n"
	"footer{margin-top:2rem;color:#57606a;font-size:.85rem}\n"
	"ins{background:#dafbe1;color:#0a3622;text-decoration:underline}\n"
	"del{background:#ffebe9;color:#67060c;text-decoration:line-through}\n"
	"table.summary td,table.summary th{text-align:center}\n"
	".badge{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.6rem;"
	"background:#eef1f4;margin-left:.4rem}\n"
	".added .badge{background:#dafbe1}.removed .badge{background:#ffebe9}"
	".renumbered .badge{background:#ddf4ff}.notation .badge{background:#fff8c5}\n"
	"@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}"
	"tr{break-inside:avoid}}\n";

void sl_render__html_open(sl_buf *out, const char *title, sl_lang lang,
			  const char *extra_css)
{
	sl_buf_printf(
		out,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>",
		lang == SL_LANG_EN ? "en" : "ja");
	sl_escape_html(out, title, strlen(title));
	sl_buf_puts(out, "</title>\n<style>\n");
	sl_buf_puts(out, base_css);
	if (extra_css)
		sl_buf_puts(out, extra_css);
	sl_buf_puts(out, "</style>\n</head>\n<body>\n");
}

void sl_render__html_close(sl_buf *out)
{
	sl_buf_puts(out, "</body>\n</html>\n");
}

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

static const char *col_or(const char *col, sl_lang lang, sl_label_id id)
{
	return col && lang == SL_LANG_JA ? col : sl_label(lang, id);
}

int sl_render_export_html(sl_buf *out, const sl_sheet *sheet,
			  const sl_render_options *opts)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	size_t s, i = 0, n = sl_sheet_item_count(sheet);
	const char *scope = NULL;
	sl_lang lang = opts->lang;

	sl_render__html_open(out, m->title ? m->title : "checklist", lang,
			     NULL);
	sl_buf_puts(out, "<header>\n<h1>");
	html_text(out, m->title ? m->title : "checklist");
	sl_buf_puts(out, "</h1>\n<p class=\"meta\">");
	sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_AS_OF));
	html_text(out, m->as_of);
	if (m->publisher) {
		sl_buf_printf(out, " · %s: ", sl_label(lang, SL_L_PUBLISHER));
		html_text(out, m->publisher);
	}
	sl_buf_printf(out, " · %s: ", sl_label(lang, SL_L_REVISION));
	html_text(out, opts->rev ? opts->rev : "WORKTREE");
	if (opts->commit)
		sl_buf_printf(out, " (%.12s)", opts->commit);
	sl_buf_printf(out, " · %s: %zu", sl_label(lang, SL_L_ITEM_COUNT), n);
	if (m->source_url) {
		sl_buf_printf(out, "<br>%s: <a href=\"",
			      sl_label(lang, SL_L_SOURCE));
		html_text(out, m->source_url);
		sl_buf_puts(out, "\">");
		html_text(out, m->source_url);
		sl_buf_puts(out, "</a>");
	}
	sl_buf_puts(out, "</p>\n</header>\n");
	if (m->introduction) {
		sl_buf_puts(out, "<p>");
		html_lines(out, m->introduction);
		sl_buf_puts(out, "</p>\n");
	}
	if (m->as_of_note) {
		sl_buf_puts(out, "<p class=\"note\">");
		html_lines(out, m->as_of_note);
		sl_buf_puts(out, "</p>\n");
	}
	for (s = 0; s < m->section_count; s++) {
		const sl_section *sec = &m->sections[s];
		const char *last_cat = NULL;
		if (sec->scope && (!scope || strcmp(scope, sec->scope))) {
			const sl_scope *sc = sl_sheet_scope(sheet, sec->scope);
			scope = sec->scope;
			sl_buf_puts(out, "<h2>");
			html_text(out,
				  sc && sc->title ? sc->title : sec->scope);
			sl_buf_puts(out, "</h2>\n");
		}
		sl_buf_puts(out, "<h3 id=\"section-");
		html_text(out, sec->id);
		sl_buf_puts(out, "\">");
		html_text(out, sec->id);
		sl_buf_puts(out, ". ");
		html_text(out, sec->title);
		sl_buf_puts(out, "</h3>\n<table>\n<thead><tr><th>");
		html_text(out, col_or(m->columns.id, lang, SL_L_ID));
		sl_buf_puts(out, "</th><th>");
		html_text(out,
			  col_or(m->columns.category, lang, SL_L_CATEGORY));
		sl_buf_puts(out, "</th><th>");
		html_text(out,
			  col_or(m->columns.question, lang, SL_L_QUESTION));
		sl_buf_puts(out, "</th><th>");
		html_text(out, col_or(m->columns.answer, lang, SL_L_ANSWER));
		sl_buf_puts(out, "</th></tr></thead>\n<tbody>\n");
		for (; i < n; i++) {
			const sl_item *it = sl_sheet_item(sheet, i);
			const char *cat = it->category;
			if (strcmp(it->section, sec->id))
				break;
			sl_buf_puts(out, "<tr id=\"item-");
			html_text(out, it->id);
			sl_buf_puts(out, "\"><td class=\"id\">");
			html_text(out, it->id);
			sl_buf_puts(out, "</td><td>");
			if (cat && (!last_cat || strcmp(cat, last_cat)))
				html_text(out, cat);
			last_cat = cat;
			sl_buf_puts(out, "</td><td>");
			html_lines(out, it->question);
			sl_buf_puts(out, "</td><td>");
			html_lines(out, it->answer);
			sl_buf_puts(out, "</td></tr>\n");
		}
		sl_buf_puts(out, "</tbody>\n</table>\n");
	}
	if (m->disclaimer) {
		sl_buf_puts(out, "<h2>");
		html_text(out, m->disclaimer_title ? m->disclaimer_title
						   : "Disclaimer");
		sl_buf_puts(out, "</h2>\n<p>");
		html_lines(out, m->disclaimer);
		sl_buf_puts(out, "</p>\n");
	}
	sl_buf_puts(out, "<footer>");
	if (m->page_footer) {
		html_lines(out, m->page_footer);
		sl_buf_puts(out, "<br>\n");
	}
	sl_buf_printf(out, "%s</footer>\n", sl_label(lang, SL_L_GENERATED_BY));
	sl_render__html_close(out);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
