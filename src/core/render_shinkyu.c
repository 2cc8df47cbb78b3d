/*
 * render_shinkyu.c: the 新旧対照表 (old/new comparison table) that
 * Japanese organisations publish with every revision of a formal document:
 * per section, rows of 改正後 (new) | 改正前 (old) | 備考 (note), the
 * changed wording underlined in both columns, unchanged items omitted.
 * 備考: (新設) added, (削除) removed, (差し替え) a reused number (the old
 * item whole as 改正前 (削除), the new as 改正後 (新設)), (変更) changed,
 * (移動) renumbered with
 * the old number, (表記のみ) notation only. HTML (print-ready, A4
 * landscape) and Markdown (GitHub tables with <u> and <br>). The
 * document's own changes (sheet.json, diff_doc.h) come first, as a
 * 文書の変更 table of the same columns.
 */
#include "render.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "escape.h"
#include "render_int.h"

static const char shinkyu_css[] =
	"table.shinkyu{table-layout:fixed}\n"
	"table.shinkyu th:nth-child(1),table.shinkyu th:nth-child(2){width:44%}\n"
	"table.shinkyu th:nth-child(3){width:12%}\n"
	"table.shinkyu td{font-size:.92rem}\n"
	"u{text-decoration-thickness:2px;text-underline-offset:2px}\n"
	".legend-note{font-size:.9rem}\n"
	"@page{size:A4 landscape;margin:12mm}\n";

/* What differs between the HTML and the Markdown table: markup around
 * the same rows, in the order shinkyu_walk writes them. */
typedef struct out_fmt {
	bool html;               /* cell text: HTML, else Markdown cells */
	sl_render_esc_fn esc;    /* headings */
	const char *h2_open;     /* before a section's heading */
	const char *head_open;   /* after the heading, before 改正後 */
	const char *head_sep;    /* between the column labels */
	const char *head_close;  /* after 備考 */
	const char *row_open;    /* before the new column */
	const char *cell_sep;    /* between columns */
	const char *row_close;   /* after the note */
	const char *table_close; /* after a section's rows */
	const char *empty_open;  /* around the "no changes" label */
	const char *empty_close;
	/* The title and both revisions; the closing tags. */
	void (*begin)(sl_buf *out, const char *title,
		      const sl_render_options *o);
	void (*end)(sl_buf *out, const sl_render_options *o);
} out_fmt;

static void text(sl_buf *out, const out_fmt *f, const char *s)
{
	if (!s)
		return;
	if (f->html)
		sl_escape_html_lines(out, s, strlen(s));
	else
		sl_escape_md_cell(out, s, strlen(s));
}

static void br(sl_buf *out)
{
	sl_buf_puts(out, "<br>");
}

/* A whole item, every character underlined (added or removed). */
static void full_item(sl_buf *out, const out_fmt *f, const sl_item *it,
		      const sl_sheet *sheet, sl_lang lang)
{
	static const char *const fields[] = {"category", "question", "answer"};
	size_t i;
	sl_buf_puts(out, "<b><u>");
	text(out, f, it->id);
	sl_buf_puts(out, "</u></b>");
	for (i = 0; i < SL_ARRAY_SIZE(fields); i++) {
		const char *v = sl_item_get(it, fields[i], NULL);
		if (!v)
			continue;
		br(out);
		text(out, f, sl_render__field_label(lang, sheet, fields[i]));
		sl_buf_puts(out, sl_label(lang, SL_L_LABEL_SEP));
		sl_buf_puts(out, "<u>");
		text(out, f, v);
		sl_buf_puts(out, "</u>");
	}
}

/* One side of a modified or renumbered item: its id, then each changed
 * field with that side's changed wording underlined. */
static void side_item(sl_buf *out, const out_fmt *f, const sl_change *c,
		      int side, const sl_sheet *sheet, sl_lang lang)
{
	size_t i;
	const char *id = side == 0 ? c->old_id : c->id;
	bool moved = c->status == SL_CHANGE_RENUMBERED;
	sl_buf_puts(out, moved ? "<b><u>" : "<b>");
	text(out, f, id);
	sl_buf_puts(out, moved ? "</u></b>" : "</b>");
	for (i = 0; i < c->field_count; i++) {
		const sl_field_change *fc = &c->fields[i];
		if (!strcmp(fc->field, "section") ||
		    !strcmp(fc->field, "scope"))
			continue;
		br(out);
		text(out, f, sl_render__field_label(lang, sheet, fc->field));
		sl_buf_puts(out, sl_label(lang, SL_L_LABEL_SEP));
		if (f->html)
			sl_render__side_html(out, &fc->ops, side);
		else
			sl_render__side_md(out, &fc->ops, side);
	}
}

void sl_render__shinkyu_note(sl_buf *out, const sl_change *c, sl_lang lang,
			     sl_render_esc_fn esc)
{
	switch (c->status) {
	case SL_CHANGE_ADDED:
		sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_ADDED));
		return;
	case SL_CHANGE_REMOVED:
		sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_REMOVED));
		return;
	case SL_CHANGE_RENUMBERED: {
		size_t i;
		bool edited = false;
		sl_buf_puts(out,
			    lang == SL_LANG_JA ? "(移動：旧" : "(moved; was ");
		esc(out, c->old_id, strlen(c->old_id));
		sl_buf_puts(out, ")");
		for (i = 0; i < c->field_count; i++)
			edited |= strcmp(c->fields[i].field, "section") &&
				  strcmp(c->fields[i].field, "scope");
		if (edited)
			sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_CHANGED));
		return;
	}
	case SL_CHANGE_REPLACED:
		/* One number, two items: the old one deleted, a new one. */
		sl_buf_printf(out, "(%s) %s%s %s%s",
			      sl_label(lang, SL_L_REPLACED),
			      sl_label(lang, SL_L_SHINKYU_OLD),
			      sl_label(lang, SL_L_SHINKYU_REMOVED),
			      sl_label(lang, SL_L_SHINKYU_NEW),
			      sl_label(lang, SL_L_SHINKYU_ADDED));
		return;
	case SL_CHANGE_MODIFIED: {
		size_t i;
		sl_buf_puts(out,
			    sl_label(lang, c->notation_only
						   ? SL_L_SHINKYU_NOTATION
						   : SL_L_SHINKYU_CHANGED));
		/* The two sides look alike: name the characters. */
		for (i = 0; c->notation_only && i < c->field_count; i++) {
			sl_buf_puts(out, i ? ", " : " ");
			sl_render__notation_points(out, &c->fields[i], esc);
		}
		return;
	}
	}
}

static void row_cells(sl_buf *out, const out_fmt *f, const sl_diff *diff,
		      const sl_change *c, sl_lang lang, const char *sep)
{
	const sl_sheet *ns = sl_diff_new_sheet(diff),
		       *os = sl_diff_old_sheet(diff);
	bool replaced = c->status == SL_CHANGE_REPLACED;
	if (c->status == SL_CHANGE_ADDED || replaced)
		full_item(out, f, c->new_item, ns, lang);
	else if (c->status != SL_CHANGE_REMOVED)
		side_item(out, f, c, 1, ns, lang);
	sl_buf_puts(out, sep);
	if (c->status == SL_CHANGE_REMOVED || replaced)
		full_item(out, f, c->old_item, os, lang);
	else if (c->status != SL_CHANGE_ADDED)
		side_item(out, f, c, 0, os, lang);
	sl_buf_puts(out, sep);
	sl_render__shinkyu_note(out, c, lang,
				f->html ? sl_escape_html_lines
					: sl_escape_md_cell);
}

static void title_of(sl_buf *out, const sl_diff *diff,
		     const sl_render_options *o)
{
	sl_buf_printf(out, "%s %s (%s → %s)", sl_render__sheet_title(diff),
		      sl_label(o->lang, SL_L_SHINKYU_TITLE),
		      sl_render__rev_short(o->from),
		      sl_render__rev_short(o->to));
}

/* "改正後: 2023-04 (…) / 改正前: 2022-09 (…)" with sep between. */
static void revisions(sl_buf *out, const out_fmt *f, const sl_render_options *o,
		      const char *sep)
{
	sl_render__rev_pair(out, o->lang, f->esc, SL_L_SHINKYU_NEW, o->to, sep,
			    SL_L_SHINKYU_OLD, o->from);
}

/* After a table's heading: the 改正後 | 改正前 | 備考 head. */
static void table_head(sl_buf *out, const out_fmt *f, sl_lang lang)
{
	sl_buf_puts(out, f->head_open);
	sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_NEW));
	sl_buf_puts(out, f->head_sep);
	sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_OLD));
	sl_buf_puts(out, f->head_sep);
	sl_buf_puts(out, sl_label(lang, SL_L_SHINKYU_NOTE));
	sl_buf_puts(out, f->head_close);
}

/* One side of a document change: "<b>name</b>", then per field (label
 * when labelled) that side's text, its changed wording underlined;
 * nothing on the side where the part does not exist. */
static void doc_side(sl_buf *out, const out_fmt *f, sl_lang lang,
		     const char *name, const sl_field_change *fields, size_t n,
		     bool labelled, int side)
{
	size_t i;
	sl_buf_puts(out, "<b>");
	text(out, f, name);
	sl_buf_puts(out, "</b>");
	for (i = 0; i < n; i++) {
		if (!(side == 0 ? fields[i].old_text : fields[i].new_text))
			continue;
		br(out);
		if (labelled) {
			text(out, f,
			     sl_render__doc_field_label(lang, fields[i].field));
			sl_buf_puts(out, sl_label(lang, SL_L_LABEL_SEP));
		}
		if (f->html)
			sl_render__side_html(out, &fields[i].ops, side);
		else
			sl_render__side_md(out, &fields[i].ops, side);
	}
}

/* One row of the 文書の変更 table: new side, old side, note. */
static void doc_row(sl_buf *out, const out_fmt *f, sl_lang lang,
		    const char *name, const sl_field_change *fields, size_t n,
		    bool labelled, sl_label_id note)
{
	sl_buf_puts(out, f->row_open);
	doc_side(out, f, lang, name, fields, n, labelled, 1);
	sl_buf_puts(out, f->cell_sep);
	doc_side(out, f, lang, name, fields, n, labelled, 0);
	sl_buf_puts(out, f->cell_sep);
	sl_render__doc_note_text(out, lang, note, fields, n,
				 f->html ? sl_escape_html_lines
					 : sl_escape_md_cell);
	sl_buf_puts(out, f->row_close);
}

static void doc_parts(sl_buf *out, const out_fmt *f, const sl_render_options *o,
		      const sl_doc_part *p, size_t n, bool scope)
{
	sl_buf name = SL_BUF_INIT;
	size_t i;
	for (i = 0; i < n; i++) {
		if (o->substantive && p[i].notation_only)
			continue;
		/* Only the id: the title rows give each side its own. */
		sl_buf_clear(&name);
		sl_buf_printf(
			&name, "%s %s",
			sl_label(o->lang, scope ? SL_L_SCOPE : SL_L_SECTION),
			p[i].id);
		doc_row(out, f, o->lang, sl_buf_cstr(&name), p[i].fields,
			p[i].field_count, true,
			sl_render__doc_note(p[i].status == SL_DOC_ADDED,
					    p[i].status == SL_DOC_REMOVED,
					    p[i].notation_only));
	}
	sl_buf_dispose(&name);
}

/* The 文書の変更 table: a row per text field of sheet.json, then one per
 * section and scope. @return the rows written */
static size_t shinkyu_doc(sl_buf *out, const sl_diff *diff,
			  const sl_render_options *o, const out_fmt *f)
{
	const sl_doc_diff *doc = sl_diff_doc(diff);
	size_t i, rows = sl_render__doc_shown(diff, o);
	if (rows == 0)
		return 0;
	sl_buf_puts(out, f->h2_open);
	sl_buf_puts(out, sl_label(o->lang, SL_L_DOC_CHANGES));
	table_head(out, f, o->lang);
	for (i = 0; i < doc->field_count; i++) {
		const sl_field_change *fc = &doc->fields[i];
		if (sl_render__doc_field_shown(o, fc))
			doc_row(out, f, o->lang,
				sl_render__doc_field_label(o->lang, fc->field),
				fc, 1, false,
				sl_render__doc_note(!fc->old_text,
						    !fc->new_text,
						    fc->notation_only));
	}
	doc_parts(out, f, o, doc->sections, doc->section_count, false);
	doc_parts(out, f, o, doc->scopes, doc->scope_count, true);
	sl_buf_puts(out, f->table_close);
	return rows;
}

static int shinkyu_walk(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts, const out_fmt *f)
{
	sl_render_group *groups = NULL;
	sl_buf title = SL_BUF_INIT;
	sl_lang lang = opts->lang;
	size_t n, g, i, rows = 0;
	int rc = sl_render__groups(&groups, &n, diff);
	if (rc < 0)
		return rc;
	title_of(&title, diff, opts);
	f->begin(out, sl_buf_cstr(&title), opts);
	rows = shinkyu_doc(out, diff, opts, f);
	for (g = 0; g < n; g++) {
		bool open = false;
		for (i = groups[g].first; i < groups[g].first + groups[g].count;
		     i++) {
			const sl_change *c = sl_diff_change(diff, i);
			if (!sl_render__shown(opts, c))
				continue;
			if (!open) {
				sl_buf_puts(out, f->h2_open);
				sl_render__section_name(
					out, groups[g].section_id,
					groups[g].section, f->esc);
				table_head(out, f, lang);
				open = true;
			}
			sl_buf_puts(out, f->row_open);
			row_cells(out, f, diff, c, lang, f->cell_sep);
			sl_buf_puts(out, f->row_close);
			rows++;
		}
		if (open)
			sl_buf_puts(out, f->table_close);
	}
	if (rows == 0) {
		sl_buf_puts(out, f->empty_open);
		sl_buf_puts(out, sl_label(lang, SL_L_NO_CHANGES));
		sl_buf_puts(out, f->empty_close);
	}
	if (f->end)
		f->end(out, opts);
	sl_buf_dispose(&title);
	sl_free(groups);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- HTML ---- */

static const out_fmt html_fmt;

static void html_begin(sl_buf *out, const char *title,
		       const sl_render_options *o)
{
	sl_render__html_header(out, title, o->lang, shinkyu_css);
	sl_buf_puts(out, "<p class=\"meta\">");
	revisions(out, &html_fmt, o, " / ");
	sl_buf_printf(out,
		      "</p>\n<p class=\"legend-note\">%s</p>\n"
		      "<p class=\"legend-note\">%s</p>\n</header>\n",
		      sl_label(o->lang, SL_L_SHINKYU_LEGEND),
		      sl_label(o->lang, SL_L_NOTATION_NOTE));
}

static void html_end(sl_buf *out, const sl_render_options *o)
{
	sl_render__html_footer(out, o->lang);
}

static const out_fmt html_fmt = {
	.html = true,
	.esc = sl_escape_html,
	.h2_open = "<h2>",
	.head_open = "</h2>\n<table class=\"shinkyu\"><thead><tr><th>",
	.head_sep = "</th><th>",
	.head_close = "</th></tr></thead>\n<tbody>\n",
	.row_open = "<tr><td>",
	.cell_sep = "</td><td>",
	.row_close = "</td></tr>\n",
	.table_close = "</tbody>\n</table>\n",
	.empty_open = "<p>",
	.empty_close = "</p>\n",
	.begin = html_begin,
	.end = html_end,
};

int sl_render_shinkyu_html(sl_buf *out, const sl_diff *diff,
			   const sl_render_options *opts)
{
	return shinkyu_walk(out, diff, opts, &html_fmt);
}

/* ---- Markdown ---- */

static const out_fmt md_fmt;

static void md_begin(sl_buf *out, const char *title, const sl_render_options *o)
{
	sl_buf_puts(out, "# ");
	sl_escape_md(out, title, strlen(title));
	sl_buf_puts(out, "\n\n- ");
	revisions(out, &md_fmt, o, "\n- ");
	sl_buf_printf(out, "\n\n%s\n\n%s\n\n",
		      sl_label(o->lang, SL_L_SHINKYU_LEGEND),
		      sl_label(o->lang, SL_L_NOTATION_NOTE));
}

static const out_fmt md_fmt = {
	.html = false,
	.esc = sl_escape_md,
	.h2_open = "## ",
	.head_open = "\n\n| ",
	.head_sep = " | ",
	.head_close = " |\n|---|---|---|\n",
	.row_open = "| ",
	.cell_sep = " | ",
	.row_close = " |\n",
	.table_close = "\n",
	.empty_open = "",
	.empty_close = "\n",
	.begin = md_begin,
	.end = NULL,
};

int sl_render_shinkyu_markdown(sl_buf *out, const sl_diff *diff,
			       const sl_render_options *opts)
{
	return shinkyu_walk(out, diff, opts, &md_fmt);
}
