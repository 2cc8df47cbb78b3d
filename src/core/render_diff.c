/*
 * render_diff.c: the diff document (sheetlog diff) as text, Markdown and
 * HTML. One traversal walks the changes in diff order and calls a small
 * emitter per format: the head with the summary, a heading per section,
 * each shown change with its fields, the tail. JSON: render_json_diff.c.
 */
#include "render.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render_int.h"

/* What one format writes at each point of the walk. names is
 * "2022-09 (…) → 作業ツリー", unescaped. */
typedef struct diff_emitter {
	void (*begin)(sl_buf *out, const sl_diff *diff, const char *names,
		      const sl_render_options *o);
	void (*section)(sl_buf *out, const sl_section *sec,
			const sl_render_options *o);
	void (*change_open)(sl_buf *out, const sl_change *c,
			    const sl_render_options *o);
	void (*field)(sl_buf *out, const sl_change *c,
		      const sl_field_change *fc, const char *label,
		      const sl_render_options *o);
	void (*change_close)(sl_buf *out);
	void (*end)(sl_buf *out, size_t shown, const sl_render_options *o);
	/* The 文書の変更 part after the head (render_doc.c): the count shown */
	size_t (*doc)(sl_buf *out, const sl_diff *diff,
		      const sl_render_options *o);
} diff_emitter;

static int diff_walk(sl_buf *out, const sl_diff *diff,
		     const sl_render_options *o, const diff_emitter *em)
{
	const sl_section *last = NULL;
	sl_buf names = SL_BUF_INIT;
	size_t i, f, shown = 0;

	sl_render__rev_span(&names, o->from, o->to, o->lang);
	em->begin(out, diff, sl_buf_cstr(&names), o);
	sl_buf_dispose(&names);
	shown = em->doc(out, diff, o);
	for (i = 0; i < sl_diff_count(diff); i++) {
		const sl_change *c = sl_diff_change(diff, i);
		const sl_section *sec = sl_diff_section_of(diff, c);
		const sl_sheet *labels = sl_render__labels_of(diff, c);
		if (!sl_render__shown(o, c))
			continue;
		shown++;
		if (sec && sec != last) {
			em->section(out, sec, o);
			last = sec;
		}
		em->change_open(out, c, o);
		for (f = 0; f < c->field_count; f++) {
			const sl_field_change *fc = &c->fields[f];
			if (sl_render__field_shown(c, fc))
				em->field(out, c, fc,
					  sl_render__field_label(
						  o->lang, labels, fc->field),
					  o);
		}
		if (em->change_close)
			em->change_close(out);
	}
	em->end(out, shown, o);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- text ---- */

static void text_begin(sl_buf *out, const sl_diff *diff, const char *names,
		       const sl_render_options *o)
{
	if (o->color)
		sl_buf_puts(out, SL_ANSI_BOLD);
	sl_buf_printf(out, "%s: %s", sl_label(o->lang, SL_L_DIFF_TITLE), names);
	if (o->color)
		sl_buf_puts(out, SL_ANSI_RESET);
	sl_buf_putc(out, '\n');
	sl_render__summary_pairs(out, sl_diff_summary_of(diff), o->lang, " · ",
				 true);
	/* The document's changes, apart from the items' partition. */
	sl_buf_printf(out, " · %s %zu\n", sl_label(o->lang, SL_L_DOC_CHANGES),
		      sl_render__doc_shown(diff, o));
}

static void text_section(sl_buf *out, const sl_section *sec,
			 const sl_render_options *o)
{
	sl_buf_printf(out, "\n%s== %s. %s ==%s\n", o->color ? SL_ANSI_BOLD : "",
		      sec->id, sec->title, o->color ? SL_ANSI_RESET : "");
}

static void text_change(sl_buf *out, const sl_change *c,
			const sl_render_options *o)
{
	sl_render__change_head_text(out, c, o->lang, o->color);
}

static void text_field(sl_buf *out, const sl_change *c,
		       const sl_field_change *fc, const char *label,
		       const sl_render_options *o)
{
	sl_render__field_text(out, c, fc, label, o->lang, 4, o->color, true);
}

static void text_end(sl_buf *out, size_t shown, const sl_render_options *o)
{
	if (shown == 0)
		sl_buf_printf(out, "\n%s\n",
			      sl_label(o->lang, SL_L_NO_CHANGES));
}

static const diff_emitter text_emitter = {
	text_begin, text_section, text_change,         text_field,
	NULL,       text_end,     sl_render__doc_text,
};

/* ---- Markdown ---- */

static void md_begin(sl_buf *out, const sl_diff *diff, const char *names,
		     const sl_render_options *o)
{
	sl_buf_printf(out, "## %s: ", sl_label(o->lang, SL_L_DIFF_TITLE));
	sl_escape_md(out, names, strlen(names));
	sl_buf_puts(out, "\n\n");
	sl_render__summary_table(out, diff, o, false);
}

static void md_section(sl_buf *out, const sl_section *sec,
		       const sl_render_options *o)
{
	(void)o;
	sl_buf_puts(out, "### ");
	sl_render__section_name(out, sec->id, sec, sl_escape_md);
	sl_buf_puts(out, "\n\n");
}

static void md_change(sl_buf *out, const sl_change *c,
		      const sl_render_options *o)
{
	sl_buf_puts(out, "#### ");
	sl_render__change_id(out, c, sl_escape_md);
	sl_buf_printf(out, " (%s)\n\n", sl_render__status_label(o->lang, c));
}

static void md_field(sl_buf *out, const sl_change *c, const sl_field_change *fc,
		     const char *label, const sl_render_options *o)
{
	sl_render__field_md(out, c, fc, label, o->lang, true, true);
}

static void md_end(sl_buf *out, size_t shown, const sl_render_options *o)
{
	if (shown == 0)
		sl_buf_printf(out, "%s\n", sl_label(o->lang, SL_L_NO_CHANGES));
}

static size_t md_doc(sl_buf *out, const sl_diff *diff,
		     const sl_render_options *o)
{
	return sl_render__doc_md(out, diff, o, "###");
}

static const diff_emitter md_emitter = {
	md_begin, md_section, md_change, md_field, NULL, md_end, md_doc,
};

/* ---- HTML ---- */

static void html_begin(sl_buf *out, const sl_diff *diff, const char *names,
		       const sl_render_options *o)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sl_diff_new_sheet(diff));
	sl_buf title = SL_BUF_INIT;
	sl_buf_printf(&title, "%s: %s", sl_label(o->lang, SL_L_DIFF_TITLE),
		      names);
	sl_render__html_header(out, sl_buf_cstr(&title), o->lang, NULL);
	if (m->title) {
		sl_buf_puts(out, "<p class=\"meta\">");
		sl_escape_html(out, m->title, strlen(m->title));
		sl_buf_puts(out, "</p>\n");
	}
	sl_buf_puts(out, "</header>\n");
	sl_buf_dispose(&title);
	sl_render__summary_table(out, diff, o, true);
}

static void html_section(sl_buf *out, const sl_section *sec,
			 const sl_render_options *o)
{
	(void)o;
	sl_buf_puts(out, "<h2>");
	sl_render__section_name(out, sec->id, sec, sl_escape_html);
	sl_buf_puts(out, "</h2>\n");
}

static void html_change(sl_buf *out, const sl_change *c,
			const sl_render_options *o)
{
	sl_buf_printf(out, "<section class=\"change %s\">\n<h3>",
		      sl_change_kind(c));
	sl_render__change_id(out, c, sl_escape_html);
	sl_buf_printf(out, "<span class=\"badge\">%s</span></h3>\n<table>\n",
		      sl_render__status_label(o->lang, c));
}

static void html_change_close(sl_buf *out)
{
	sl_buf_puts(out, "</table>\n</section>\n");
}

static void html_end(sl_buf *out, size_t shown, const sl_render_options *o)
{
	if (shown == 0)
		sl_buf_printf(out, "<p>%s</p>\n",
			      sl_label(o->lang, SL_L_NO_CHANGES));
	sl_render__html_footer(out, o->lang);
}

static const diff_emitter html_emitter = {
	html_begin,
	html_section,
	html_change,
	sl_render__html_field_row,
	html_change_close,
	html_end,
	sl_render__doc_html_sections,
};

int sl_render_diff_text(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts)
{
	return diff_walk(out, diff, opts, &text_emitter);
}

int sl_render_diff_markdown(sl_buf *out, const sl_diff *diff,
			    const sl_render_options *opts)
{
	return diff_walk(out, diff, opts, &md_emitter);
}

int sl_render_diff_html(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts)
{
	return diff_walk(out, diff, opts, &html_emitter);
}
