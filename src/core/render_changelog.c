/*
 * render_changelog.c: release notes for publishing a new edition, as
 * Markdown and as one self-contained HTML page (inline CSS and an inline
 * SVG chart). Layout, per scope and section:
 *   added items (full text), removed items, renumbered items (old -> new),
 *   changed categories, questions, answers (inline ~~del~~ **ins** or
 *   <del>/<ins>), other changed fields;
 * then every notation-only field change in one collapsed list.
 * A field change goes to the notation-only list when it alone is
 * notation-only, even inside a renumbered item.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "escape.h"
#include "render_int.h"

/* Which list a field change belongs to. */
enum { L_CATEGORY, L_QUESTION, L_ANSWER, L_OTHER };

static int list_of(const sl_field_change *f)
{
	if (!strcmp(f->field, "category"))
		return L_CATEGORY;
	if (!strcmp(f->field, "question"))
		return L_QUESTION;
	if (!strcmp(f->field, "answer"))
		return L_ANSWER;
	return L_OTHER;
}

static const sl_label_id list_label[] = {
	SL_L_CHANGED_CATEGORIES, SL_L_CHANGED_QUESTIONS, SL_L_CHANGED_ANSWERS,
	SL_L_CHANGED_OTHER};

/* Is field f of change c listed under list l (substantive changes of
 * modified or renumbered items)? */
static bool in_list(const sl_change *c, const sl_field_change *f, int l)
{
	if (c->status == SL_CHANGE_ADDED || c->status == SL_CHANGE_REMOVED)
		return false;
	if (f->notation_only)
		return false;
	if (!strcmp(f->field, "section") || !strcmp(f->field, "scope"))
		return false; /* implied by the renumbering */
	return list_of(f) == l;
}

static size_t count_notation(const sl_diff *diff)
{
	size_t i, f, n = 0;
	for (i = 0; i < sl_diff_count(diff); i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status == SL_CHANGE_ADDED ||
		    c->status == SL_CHANGE_REMOVED)
			continue;
		for (f = 0; f < c->field_count; f++)
			n += c->fields[f].notation_only;
	}
	return n;
}

/* ---- renumberings ----------------------------------------------------------
 */

/* Does id b follow id a: the same but for its last number, one higher
 * ("2-9" -> "2-10")? */
static bool id_follows(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), ea = la, sa, eb = lb, sb;
	unsigned long na, nb;
	while (ea > 0 && (a[ea - 1] < '0' || a[ea - 1] > '9'))
		ea--;
	while (eb > 0 && (b[eb - 1] < '0' || b[eb - 1] > '9'))
		eb--;
	for (sa = ea; sa > 0 && a[sa - 1] >= '0' && a[sa - 1] <= '9'; sa--)
		;
	for (sb = eb; sb > 0 && b[sb - 1] >= '0' && b[sb - 1] <= '9'; sb--)
		;
	if (sa == ea || sb == eb || sa != sb || strncmp(a, b, sa) ||
	    strcmp(a + ea, b + eb) || ea - sa > 9 || eb - sb > 9)
		return false;
	na = strtoul(a + sa, NULL, 10);
	nb = strtoul(b + sb, NULL, 10);
	return nb == na + 1;
}

static void text_of(sl_buf *out, const char *s, bool html)
{
	if (html)
		sl_escape_html(out, s, strlen(s));
	else
		sl_escape_md(out, s, strlen(s));
}

/*
 * The renumbered items of a section, old -> new. A run of three or more
 * consecutive shifts (2-3 -> 2-4, 2-4 -> 2-5, ...) is one line,
 * "2-3…2-20 → 2-4…2-21 (18)", so an insertion does not bury the notes.
 */
static void renumberings(sl_buf *out, const sl_diff *diff,
			 const sl_render_group *g, bool html, sl_lang lang)
{
	const sl_change **list;
	size_t i, n = 0, j;
	list = sl_calloc(g->count ? g->count : 1, sizeof(*list));
	if (!list) {
		out->oom = true;
		return;
	}
	for (i = g->first; i < g->first + g->count; i++)
		if (sl_diff_change(diff, i)->status == SL_CHANGE_RENUMBERED)
			list[n++] = sl_diff_change(diff, i);
	if (n == 0) {
		sl_free(list);
		return;
	}
	if (html)
		sl_buf_printf(out, "<h4>%s</h4>\n<ul class=\"changes\">\n",
			      sl_label(lang, SL_L_RENUMBERED_ITEMS));
	else
		sl_buf_printf(out, "#### %s\n\n",
			      sl_label(lang, SL_L_RENUMBERED_ITEMS));
	for (i = 0; i < n; i = j) {
		for (j = i + 1;
		     j < n &&
		     id_follows(list[j - 1]->old_id, list[j]->old_id) &&
		     id_follows(list[j - 1]->id, list[j]->id);
		     j++)
			;
		if (j - i < 3)
			j = i + 1;
		sl_buf_puts(out, html ? "<li>" : "- ");
		text_of(out, list[i]->old_id, html);
		if (j - i > 1) {
			sl_buf_puts(out, "…");
			text_of(out, list[j - 1]->old_id, html);
		}
		sl_buf_puts(out, " → ");
		text_of(out, list[i]->id, html);
		if (j - i > 1) {
			sl_buf_puts(out, "…");
			text_of(out, list[j - 1]->id, html);
			sl_buf_printf(out, " (%zu)", j - i);
		}
		sl_buf_puts(out, html ? "</li>\n" : "\n");
	}
	sl_buf_puts(out, html ? "</ul>\n" : "\n");
	sl_free(list);
}

/* ---- Markdown -------------------------------------------------------------
 */

static void md(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_md(out, s, strlen(s));
}

static void md_header(sl_buf *out, const sl_diff *diff,
		      const sl_render_options *o)
{
	const sl_diff_summary *s = sl_diff_summary_of(diff);
	sl_buf name = SL_BUF_INIT;
	sl_lang lang = o->lang;
	sl_buf_puts(out, "# ");
	md(out, sl_render__sheet_title(diff));
	sl_buf_printf(out, " %s: ", sl_label(lang, SL_L_CHANGELOG_TITLE));
	sl_buf_puts(&name, o->from && o->from->edition ? o->from->edition
			   : o->from                   ? o->from->label
						       : "?");
	sl_buf_puts(&name, " → ");
	sl_buf_puts(&name, o->to && o->to->edition ? o->to->edition
			   : o->to                 ? o->to->label
						   : "?");
	md(out, sl_buf_cstr(&name));
	sl_buf_clear(&name);
	sl_buf_printf(out, "\n\n- %s: ", sl_label(lang, SL_L_FROM));
	sl_render__rev_name(&name, o->from, lang);
	md(out, sl_buf_cstr(&name));
	sl_buf_clear(&name);
	sl_buf_printf(out, "\n- %s: ", sl_label(lang, SL_L_TO));
	sl_render__rev_name(&name, o->to, lang);
	md(out, sl_buf_cstr(&name));
	sl_buf_dispose(&name);
	sl_buf_printf(out, "\n\n## %s\n\n", sl_label(lang, SL_L_SUMMARY));
	sl_buf_printf(out, "| %s | %s | %s | %s | %s | %s |\n",
		      sl_label(lang, SL_L_ADDED), sl_label(lang, SL_L_REMOVED),
		      sl_label(lang, SL_L_MODIFIED),
		      sl_label(lang, SL_L_RENUMBERED),
		      sl_label(lang, SL_L_NOTATION_ONLY),
		      sl_label(lang, SL_L_UNCHANGED));
	sl_buf_puts(out, "|---:|---:|---:|---:|---:|---:|\n");
	sl_buf_printf(out, "| %zu | %zu | %zu | %zu | %zu | %zu |\n\n",
		      s->added, s->removed, s->modified, s->renumbered,
		      s->notation_only, s->unchanged);
}

static void md_id(sl_buf *out, const sl_change *c)
{
	sl_buf_puts(out, "**");
	if (c->status == SL_CHANGE_RENUMBERED) {
		md(out, c->old_id);
		sl_buf_puts(out, " → ");
	}
	md(out, c->id);
	sl_buf_puts(out, "**");
}

static void md_full_item(sl_buf *out, const sl_diff *diff, const sl_item *it,
			 const sl_sheet *sheet, sl_lang lang)
{
	(void)diff;
	sl_buf_puts(out, "##### ");
	md(out, it->id);
	sl_buf_puts(out, "\n\n");
	if (it->category) {
		sl_buf_printf(out, "- %s: ",
			      sl_render__field_label(lang, sheet, "category"));
		md(out, it->category);
		sl_buf_putc(out, '\n');
	}
	sl_buf_printf(
		out, "- %s: ", sl_render__field_label(lang, sheet, "question"));
	md(out, it->question);
	sl_buf_printf(
		out, "\n- %s: ", sl_render__field_label(lang, sheet, "answer"));
	md(out, it->answer);
	sl_buf_puts(out, "\n\n");
}

static void md_group(sl_buf *out, const sl_diff *diff, const sl_render_group *g,
		     const sl_render_options *o)
{
	sl_lang lang = o->lang;
	size_t i, f;
	int l;
	bool any;
	const sl_sheet *ns = sl_diff_new_sheet(diff),
		       *os = sl_diff_old_sheet(diff);

	sl_buf_puts(out, "### ");
	md(out, g->section_id);
	if (g->section) {
		sl_buf_puts(out, ". ");
		md(out, g->section->title);
	}
	sl_buf_puts(out, "\n\n");
	/* Added, removed, renumbered. */
	for (any = false, i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != SL_CHANGE_ADDED)
			continue;
		if (!any)
			sl_buf_printf(out, "#### %s\n\n",
				      sl_label(lang, SL_L_ADDED_ITEMS));
		any = true;
		md_full_item(out, diff, c->new_item, ns, lang);
	}
	for (any = false, i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != SL_CHANGE_REMOVED)
			continue;
		if (!any)
			sl_buf_printf(out, "#### %s\n\n",
				      sl_label(lang, SL_L_REMOVED_ITEMS));
		any = true;
		sl_buf_puts(out, "- **");
		md(out, c->id);
		sl_buf_puts(out, "** ");
		md(out, c->old_item->question);
		sl_buf_putc(out, '\n');
	}
	if (any)
		sl_buf_putc(out, '\n');
	renumberings(out, diff, g, false, lang);
	/* Changed fields, one list per field kind. */
	for (l = L_CATEGORY; l <= L_OTHER; l++) {
		for (any = false, i = g->first; i < g->first + g->count; i++) {
			const sl_change *c = sl_diff_change(diff, i);
			for (f = 0; f < c->field_count; f++) {
				const sl_field_change *fc = &c->fields[f];
				if (!in_list(c, fc, l))
					continue;
				if (!any)
					sl_buf_printf(
						out, "#### %s\n\n",
						sl_label(lang, list_label[l]));
				any = true;
				sl_buf_puts(out, "- ");
				md_id(out, c);
				if (l == L_OTHER) {
					sl_buf_puts(out, " ");
					md(out,
					   sl_render__field_label(
						   lang, c->new_item ? ns : os,
						   fc->field));
				}
				sl_buf_puts(out, ": ");
				sl_render__ops_md(out, &fc->ops, false);
				sl_buf_putc(out, '\n');
			}
		}
		if (any)
			sl_buf_putc(out, '\n');
	}
}

static void md_notation(sl_buf *out, const sl_diff *diff,
			const sl_render_options *o)
{
	sl_lang lang = o->lang;
	size_t i, f, n = count_notation(diff);
	if (n == 0 || o->substantive)
		return;
	sl_buf_printf(out,
		      "## %s\n\n<details>\n<summary>%s (%zu)</summary>\n\n",
		      sl_label(lang, SL_L_NOTATION_ONLY_CHANGES),
		      sl_label(lang, SL_L_NOTATION_ONLY_CHANGES), n);
	for (i = 0; i < sl_diff_count(diff); i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status == SL_CHANGE_ADDED ||
		    c->status == SL_CHANGE_REMOVED)
			continue;
		for (f = 0; f < c->field_count; f++) {
			const sl_field_change *fc = &c->fields[f];
			if (!fc->notation_only)
				continue;
			sl_buf_puts(out, "- ");
			md_id(out, c);
			sl_buf_puts(out, " ");
			md(out,
			   sl_render__field_label(lang, sl_diff_new_sheet(diff),
						  fc->field));
			sl_buf_puts(out, ": ");
			sl_render__ops_md(out, &fc->ops, false);
			sl_buf_putc(out, '\n');
		}
	}
	sl_buf_puts(out, "\n</details>\n\n");
}

/* Does a group have anything to show besides notation-only changes? */
static bool group_has_content(const sl_diff *diff, const sl_render_group *g)
{
	size_t i, f;
	int l;
	for (i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != SL_CHANGE_MODIFIED)
			return true;
		for (f = 0; f < c->field_count; f++)
			for (l = L_CATEGORY; l <= L_OTHER; l++)
				if (in_list(c, &c->fields[f], l))
					return true;
	}
	return false;
}

int sl_render_changelog_markdown(sl_buf *out, const sl_diff *diff,
				 const sl_render_options *opts)
{
	sl_render_group *groups = NULL;
	size_t n, i;
	const char *scope = NULL;
	bool any = false;
	int rc = sl_render__groups(&groups, &n, diff);
	if (rc < 0)
		return rc;
	md_header(out, diff, opts);
	for (i = 0; i < n; i++) {
		if (!group_has_content(diff, &groups[i]))
			continue;
		any = true;
		if (groups[i].scope &&
		    (!scope || strcmp(scope, groups[i].scope))) {
			scope = groups[i].scope;
			sl_buf_puts(out, "## ");
			md(out, sl_render__scope_title(diff, scope));
			sl_buf_puts(out, "\n\n");
		}
		md_group(out, diff, &groups[i], opts);
	}
	if (!any)
		sl_buf_printf(out, "%s\n\n",
			      sl_label(opts->lang, SL_L_NO_CHANGES));
	md_notation(out, diff, opts);
	sl_free(groups);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- HTML ------------------------------------------------------------------
 */

static void h(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_html(out, s, strlen(s));
}

static void hl(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_html_lines(out, s, strlen(s));
}

static const char changelog_css[] =
	".chart{margin:1rem 0}.chart text{font-size:12px;fill:#1b1f23}\n"
	".legend span{display:inline-block;margin-right:1rem;font-size:.85rem}\n"
	".legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;"
	"vertical-align:middle}\n"
	"dl.item dt{font-weight:bold;margin-top:.3rem}dl.item dd{margin-left:1rem}\n"
	"ul.changes li{margin:.4rem 0}\n"
	"details{margin:1rem 0}summary{cursor:pointer;font-weight:bold}\n";

/* Colours of the chart, in summary order. */
static const char *const bar_colour[] = {"#2da44e", "#cf222e", "#bf8700",
					 "#0969da", "#8c959f"};
static const sl_label_id bar_label[] = {SL_L_ADDED, SL_L_REMOVED, SL_L_MODIFIED,
					SL_L_RENUMBERED, SL_L_NOTATION_ONLY};

static void group_counts(const sl_diff *diff, const sl_render_group *g,
			 size_t k[5])
{
	size_t i;
	memset(k, 0, 5 * sizeof(size_t));
	for (i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		switch (c->status) {
		case SL_CHANGE_ADDED:
			k[0]++;
			break;
		case SL_CHANGE_REMOVED:
			k[1]++;
			break;
		case SL_CHANGE_RENUMBERED:
			k[3]++;
			break;
		case SL_CHANGE_MODIFIED:
			k[c->notation_only ? 4 : 2]++;
			break;
		}
	}
}

/* Horizontal stacked bars, one per section; deterministic geometry. */
static void html_chart(sl_buf *out, const sl_diff *diff,
		       const sl_render_group *groups, size_t n, sl_lang lang)
{
	size_t i, j, max = 1, k[5];
	const int label_w = 220, bar_w = 420, row_h = 22;
	for (i = 0; i < n; i++) {
		size_t total = 0;
		group_counts(diff, &groups[i], k);
		for (j = 0; j < 5; j++)
			total += k[j];
		if (total > max)
			max = total;
	}
	sl_buf_printf(out, "<h2>%s</h2>\n<div class=\"legend\">",
		      sl_label(lang, SL_L_CHANGES_PER_SECTION));
	for (j = 0; j < 5; j++)
		sl_buf_printf(out,
			      "<span><i style=\"background:%s\"></i>%s</span>",
			      bar_colour[j], sl_label(lang, bar_label[j]));
	sl_buf_printf(
		out,
		"</div>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
		"width=\"%d\" height=\"%zu\" role=\"img\" aria-label=\"%s\">\n",
		label_w + bar_w + 60, n * (size_t)row_h + 4,
		sl_label(lang, SL_L_CHANGES_PER_SECTION));
	for (i = 0; i < n; i++) {
		size_t total = 0, x = (size_t)label_w;
		size_t y = i * (size_t)row_h + 2;
		group_counts(diff, &groups[i], k);
		sl_buf_printf(out, "<text x=\"0\" y=\"%zu\">", y + 15);
		h(out, groups[i].section_id);
		if (groups[i].section) {
			sl_buf_puts(out, ". ");
			h(out, groups[i].section->title);
		}
		sl_buf_puts(out, "</text>\n");
		for (j = 0; j < 5; j++) {
			size_t w = k[j] * (size_t)bar_w / max;
			total += k[j];
			if (k[j] == 0)
				continue;
			if (w == 0)
				w = 1;
			sl_buf_printf(
				out,
				"<rect x=\"%zu\" y=\"%zu\" width=\"%zu\" height=\"16\" "
				"fill=\"%s\"><title>%s: %zu</title></rect>\n",
				x, y + 2, w, bar_colour[j],
				sl_label(lang, bar_label[j]), k[j]);
			x += w;
		}
		sl_buf_printf(out, "<text x=\"%zu\" y=\"%zu\">%zu</text>\n",
			      x + 6, y + 15, total);
	}
	sl_buf_puts(out, "</svg>\n");
}

static void html_id(sl_buf *out, const sl_change *c)
{
	sl_buf_puts(out, "<b>");
	if (c->status == SL_CHANGE_RENUMBERED) {
		h(out, c->old_id);
		sl_buf_puts(out, " → ");
	}
	h(out, c->id);
	sl_buf_puts(out, "</b>");
}

static void html_group(sl_buf *out, const sl_diff *diff,
		       const sl_render_group *g, const sl_render_options *o)
{
	sl_lang lang = o->lang;
	const sl_sheet *ns = sl_diff_new_sheet(diff),
		       *os = sl_diff_old_sheet(diff);
	size_t i, f;
	int l;
	bool any;

	sl_buf_puts(out, "<h3>");
	h(out, g->section_id);
	if (g->section) {
		sl_buf_puts(out, ". ");
		h(out, g->section->title);
	}
	sl_buf_puts(out, "</h3>\n");
	for (any = false, i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		const sl_item *it = c->new_item;
		if (c->status != SL_CHANGE_ADDED)
			continue;
		if (!any)
			sl_buf_printf(out, "<h4>%s</h4>\n",
				      sl_label(lang, SL_L_ADDED_ITEMS));
		any = true;
		sl_buf_puts(out, "<dl class=\"item\"><dt>");
		h(out, it->id);
		sl_buf_puts(out, "</dt>");
		if (it->category) {
			sl_buf_puts(out, "<dd>");
			h(out, sl_render__field_label(lang, ns, "category"));
			sl_buf_puts(out, ": ");
			h(out, it->category);
			sl_buf_puts(out, "</dd>");
		}
		sl_buf_puts(out, "<dd>");
		h(out, sl_render__field_label(lang, ns, "question"));
		sl_buf_puts(out, ": <ins>");
		hl(out, it->question);
		sl_buf_puts(out, "</ins></dd><dd>");
		h(out, sl_render__field_label(lang, ns, "answer"));
		sl_buf_puts(out, ": <ins>");
		hl(out, it->answer);
		sl_buf_puts(out, "</ins></dd></dl>\n");
	}
	for (any = false, i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != SL_CHANGE_REMOVED)
			continue;
		if (!any)
			sl_buf_printf(out,
				      "<h4>%s</h4>\n<ul class=\"changes\">\n",
				      sl_label(lang, SL_L_REMOVED_ITEMS));
		any = true;
		sl_buf_puts(out, "<li><b>");
		h(out, c->id);
		sl_buf_puts(out, "</b> <del>");
		hl(out, c->old_item->question);
		sl_buf_puts(out, "</del></li>\n");
	}
	if (any)
		sl_buf_puts(out, "</ul>\n");
	renumberings(out, diff, g, true, lang);
	for (l = L_CATEGORY; l <= L_OTHER; l++) {
		for (any = false, i = g->first; i < g->first + g->count; i++) {
			const sl_change *c = sl_diff_change(diff, i);
			for (f = 0; f < c->field_count; f++) {
				const sl_field_change *fc = &c->fields[f];
				if (!in_list(c, fc, l))
					continue;
				if (!any)
					sl_buf_printf(
						out,
						"<h4>%s</h4>\n<ul class=\"changes\">\n",
						sl_label(lang, list_label[l]));
				any = true;
				sl_buf_puts(out, "<li>");
				html_id(out, c);
				if (l == L_OTHER) {
					sl_buf_puts(out, " ");
					h(out,
					  sl_render__field_label(
						  lang, c->new_item ? ns : os,
						  fc->field));
				}
				sl_buf_puts(out, ": ");
				sl_render__ops_html(out, &fc->ops);
				sl_buf_puts(out, "</li>\n");
			}
		}
		if (any)
			sl_buf_puts(out, "</ul>\n");
	}
}

int sl_render_changelog_html(sl_buf *out, const sl_diff *diff,
			     const sl_render_options *opts)
{
	const sl_diff_summary *s = sl_diff_summary_of(diff);
	sl_render_group *groups = NULL;
	sl_buf title = SL_BUF_INIT, name = SL_BUF_INIT;
	sl_lang lang = opts->lang;
	size_t n, i, f, notation;
	const char *scope = NULL;
	bool any = false;
	int rc = sl_render__groups(&groups, &n, diff);
	if (rc < 0)
		return rc;
	sl_buf_printf(&title, "%s %s: %s → %s", sl_render__sheet_title(diff),
		      sl_label(lang, SL_L_CHANGELOG_TITLE),
		      opts->from && opts->from->edition ? opts->from->edition
		      : opts->from                      ? opts->from->label
							: "?",
		      opts->to && opts->to->edition ? opts->to->edition
		      : opts->to                    ? opts->to->label
						    : "?");
	sl_render__html_open(out, sl_buf_cstr(&title), lang, changelog_css);
	sl_buf_puts(out, "<header>\n<h1>");
	h(out, sl_buf_cstr(&title));
	sl_buf_puts(out, "</h1>\n<p class=\"meta\">");
	sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_FROM));
	sl_render__rev_name(&name, opts->from, lang);
	h(out, sl_buf_cstr(&name));
	sl_buf_clear(&name);
	sl_buf_printf(out, "<br>%s: ", sl_label(lang, SL_L_TO));
	sl_render__rev_name(&name, opts->to, lang);
	h(out, sl_buf_cstr(&name));
	sl_buf_puts(out, "</p>\n</header>\n");
	sl_buf_printf(
		out,
		"<h2>%s</h2>\n<table class=\"summary\"><thead><tr><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n"
		"<tbody><tr><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td>"
		"<td>%zu</td></tr></tbody></table>\n",
		sl_label(lang, SL_L_SUMMARY), sl_label(lang, SL_L_ADDED),
		sl_label(lang, SL_L_REMOVED), sl_label(lang, SL_L_MODIFIED),
		sl_label(lang, SL_L_RENUMBERED),
		sl_label(lang, SL_L_NOTATION_ONLY),
		sl_label(lang, SL_L_UNCHANGED), s->added, s->removed,
		s->modified, s->renumbered, s->notation_only, s->unchanged);
	if (n)
		html_chart(out, diff, groups, n, lang);
	for (i = 0; i < n; i++) {
		if (!group_has_content(diff, &groups[i]))
			continue;
		any = true;
		if (groups[i].scope &&
		    (!scope || strcmp(scope, groups[i].scope))) {
			scope = groups[i].scope;
			sl_buf_puts(out, "<h2>");
			h(out, sl_render__scope_title(diff, scope));
			sl_buf_puts(out, "</h2>\n");
		}
		html_group(out, diff, &groups[i], opts);
	}
	if (!any)
		sl_buf_printf(out, "<p>%s</p>\n",
			      sl_label(lang, SL_L_NO_CHANGES));
	notation = count_notation(diff);
	if (notation && !opts->substantive) {
		sl_buf_printf(
			out,
			"<h2>%s</h2>\n<details>\n<summary>%s (%zu)</summary>\n<ul class=\"changes\">\n",
			sl_label(lang, SL_L_NOTATION_ONLY_CHANGES),
			sl_label(lang, SL_L_NOTATION_ONLY_CHANGES), notation);
		for (i = 0; i < sl_diff_count(diff); i++) {
			const sl_change *c = sl_diff_change(diff, i);
			if (c->status == SL_CHANGE_ADDED ||
			    c->status == SL_CHANGE_REMOVED)
				continue;
			for (f = 0; f < c->field_count; f++) {
				const sl_field_change *fc = &c->fields[f];
				if (!fc->notation_only)
					continue;
				sl_buf_puts(out, "<li>");
				html_id(out, c);
				sl_buf_puts(out, " ");
				h(out, sl_render__field_label(
					       lang, sl_diff_new_sheet(diff),
					       fc->field));
				sl_buf_puts(out, ": ");
				sl_render__ops_html(out, &fc->ops);
				sl_buf_puts(out, "</li>\n");
			}
		}
		sl_buf_puts(out, "</ul>\n</details>\n");
	}
	sl_buf_printf(out, "<footer>%s</footer>\n",
		      sl_label(lang, SL_L_GENERATED_BY));
	sl_render__html_close(out);
	sl_buf_dispose(&title);
	sl_buf_dispose(&name);
	sl_free(groups);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
