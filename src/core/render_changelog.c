/*
 * render_changelog.c: release notes for publishing a new edition, as
 * Markdown and as one self-contained HTML page (inline CSS and an inline
 * SVG chart). Layout: the document's own changes first (文書の変更,
 * render_doc.c), then per scope and section:
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
	if (c->status == SL_CHANGE_ADDED || c->status == SL_CHANGE_REMOVED ||
	    c->status == SL_CHANGE_REPLACED)
		return false;
	if (f->notation_only)
		return false;
	if (!strcmp(f->field, "section") || !strcmp(f->field, "scope"))
		return false; /* implied by the renumbering */
	return list_of(f) == l;
}

/* Notation-only field changes, and (items, optional) the items that have
 * one: the summary's 表記のみ counts only items whose every change is. */
static size_t count_notation(const sl_diff *diff, size_t *items)
{
	size_t i, f, n = 0, m = 0;
	for (i = 0; i < sl_diff_count(diff); i++) {
		const sl_change *c = sl_diff_change(diff, i);
		size_t before = n;
		if (c->status == SL_CHANGE_ADDED ||
		    c->status == SL_CHANGE_REMOVED)
			continue;
		for (f = 0; f < c->field_count; f++)
			n += c->fields[f].notation_only;
		m += n > before;
	}
	if (items)
		*items = m;
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

/*
 * What differs between the Markdown and the HTML release notes: markup
 * around the same pieces, in the order the walk below writes them.
 * Labels are our own static strings and go out unescaped.
 */
typedef struct cl_format {
	sl_render_esc_fn esc;   /* inline sheet text */
	sl_render_esc_fn lines; /* sheet text that may hold line breaks */
	void (*ops)(sl_buf *out, const sl_text_ops *ops);
	const char *h2_open, *h2_close;     /* scope headings */
	const char *h3_open, *h3_close;     /* section headings */
	const char *h4_open, *h4_close;     /* the added items' heading */
	const char *list_open, *list_close; /* after h4_open label; the end */
	const char *item_open, *item_close; /* one line of a list */
	const char *b_open, *b_close;       /* ids */
	const char *del_open, *del_close;   /* a removed item's question */
	const char *para_open, *para_close; /* "no changes" */
	const char *notes_list;             /* after <summary> of notation */
	const char *notes_close;            /* end of the notation list */
	/* The title, both editions, the summary (and the HTML chart). */
	void (*begin)(sl_buf *out, const sl_diff *diff,
		      const sl_render_group *groups, size_t n,
		      const sl_render_options *o);
	/* An added item in full. */
	void (*added)(sl_buf *out, const sl_item *it, const sl_sheet *sheet,
		      sl_lang lang);
	void (*end)(sl_buf *out, const sl_render_options *o);
	/* The 文書の変更 part (render_doc.c): the count shown. */
	size_t (*doc)(sl_buf *out, const sl_diff *diff,
		      const sl_render_options *o);
} cl_format;

static void cl_heading(sl_buf *out, const cl_format *f, const char *label)
{
	sl_buf_puts(out, f->h4_open);
	sl_buf_puts(out, label);
	sl_buf_puts(out, f->list_open);
}

static void cl_esc(sl_buf *out, const cl_format *f, const char *s)
{
	if (s)
		f->esc(out, s, strlen(s));
}

/* The items of a group whose old question is gone (status removed or
 * replaced), under label: the id, the old question struck, and for a
 * replaced number the question that took it. */
static void withdrawn(sl_buf *out, const sl_diff *diff,
		      const sl_render_group *g, const cl_format *f,
		      sl_change_status status, const char *label)
{
	bool any = false;
	size_t i;
	for (i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != status)
			continue;
		if (!any)
			cl_heading(out, f, label);
		any = true;
		sl_buf_puts(out, f->item_open);
		sl_buf_puts(out, f->b_open);
		cl_esc(out, f, c->id);
		sl_buf_puts(out, f->b_close);
		sl_buf_puts(out, " ");
		sl_buf_puts(out, f->del_open);
		f->lines(out, c->old_item->question,
			 strlen(c->old_item->question));
		sl_buf_puts(out, f->del_close);
		if (c->new_item) {
			sl_buf_puts(out, " → ");
			f->lines(out, c->new_item->question,
				 strlen(c->new_item->question));
		}
		sl_buf_puts(out, f->item_close);
	}
	if (any)
		sl_buf_puts(out, f->list_close);
}

/*
 * The renumbered items of a section, old -> new. A run of three or more
 * consecutive shifts (2-3 -> 2-4, 2-4 -> 2-5, ...) is one line,
 * "2-3…2-20 → 2-4…2-21 (18)", so an insertion does not bury the notes.
 */
static void renumberings(sl_buf *out, const sl_diff *diff,
			 const sl_render_group *g, const cl_format *f,
			 sl_lang lang)
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
	cl_heading(out, f, sl_label(lang, SL_L_RENUMBERED_ITEMS));
	for (i = 0; i < n; i = j) {
		for (j = i + 1;
		     j < n &&
		     id_follows(list[j - 1]->old_id, list[j]->old_id) &&
		     id_follows(list[j - 1]->id, list[j]->id);
		     j++)
			;
		if (j - i < 3)
			j = i + 1;
		sl_buf_puts(out, f->item_open);
		cl_esc(out, f, list[i]->old_id);
		if (j - i > 1) {
			sl_buf_puts(out, "…");
			cl_esc(out, f, list[j - 1]->old_id);
		}
		sl_buf_puts(out, " → ");
		cl_esc(out, f, list[i]->id);
		if (j - i > 1) {
			sl_buf_puts(out, "…");
			cl_esc(out, f, list[j - 1]->id);
			sl_buf_printf(out, " (%zu)", j - i);
		}
		sl_buf_puts(out, f->item_close);
	}
	sl_buf_puts(out, f->list_close);
	sl_free(list);
}

/* "- **2-3 → 2-4** 回答内容: …" (label: NULL to leave it out). */
static void field_item(sl_buf *out, const cl_format *f, const sl_change *c,
		       const sl_field_change *fc, const char *label)
{
	sl_buf_puts(out, f->item_open);
	sl_buf_puts(out, f->b_open);
	sl_render__change_id(out, c, f->esc);
	sl_buf_puts(out, f->b_close);
	if (label) {
		sl_buf_puts(out, " ");
		cl_esc(out, f, label);
	}
	sl_buf_puts(out, ": ");
	f->ops(out, &fc->ops);
	if (fc->notation_only) {
		sl_buf_puts(out, " (");
		sl_render__notation_points(out, fc, f->esc);
		sl_buf_puts(out, ")");
	}
	sl_buf_puts(out, f->item_close);
}

static void cl_group(sl_buf *out, const sl_diff *diff, const sl_render_group *g,
		     const sl_render_options *o, const cl_format *f)
{
	sl_lang lang = o->lang;
	size_t i, k;
	int l;
	bool any;

	sl_buf_puts(out, f->h3_open);
	sl_render__section_name(out, g->section_id, g->section, f->esc);
	sl_buf_puts(out, f->h3_close);
	for (any = false, i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status != SL_CHANGE_ADDED)
			continue;
		if (!any) {
			sl_buf_puts(out, f->h4_open);
			sl_buf_puts(out, sl_label(lang, SL_L_ADDED_ITEMS));
			sl_buf_puts(out, f->h4_close);
		}
		any = true;
		f->added(out, c->new_item, sl_diff_new_sheet(diff), lang);
	}
	withdrawn(out, diff, g, f, SL_CHANGE_REMOVED,
		  sl_label(lang, SL_L_REMOVED_ITEMS));
	/* Reused numbers: the old question withdrawn, the new one. */
	withdrawn(out, diff, g, f, SL_CHANGE_REPLACED,
		  sl_label(lang, SL_L_REPLACED_ITEMS));
	renumberings(out, diff, g, f, lang);
	/* Changed fields, one list per field kind. */
	for (l = L_CATEGORY; l <= L_OTHER; l++) {
		for (any = false, i = g->first; i < g->first + g->count; i++) {
			const sl_change *c = sl_diff_change(diff, i);
			for (k = 0; k < c->field_count; k++) {
				const sl_field_change *fc = &c->fields[k];
				if (!in_list(c, fc, l))
					continue;
				if (!any)
					cl_heading(
						out, f,
						sl_label(lang, list_label[l]));
				any = true;
				field_item(
					out, f, c, fc,
					l == L_OTHER
						? sl_render__field_label(
							  lang,
							  sl_render__labels_of(
								  diff, c),
							  fc->field)
						: NULL);
			}
		}
		if (any)
			sl_buf_puts(out, f->list_close);
	}
}

/* Every notation-only field change, in one collapsed list. */
static void cl_notation(sl_buf *out, const sl_diff *diff,
			const sl_render_options *o, const cl_format *f)
{
	const char *label = sl_label(o->lang, SL_L_NOTATION_ONLY_CHANGES);
	size_t i, k, items, n = count_notation(diff, &items);
	if (n == 0 || o->substantive)
		return;
	sl_buf_puts(out, f->h2_open);
	sl_buf_puts(out, label);
	sl_buf_puts(out, f->h2_close);
	/* What 表記のみ means, once in the document; the count says what it
	 * counts (fields here, items in the summary). */
	sl_buf_puts(out, f->para_open);
	sl_buf_puts(out, sl_label(o->lang, SL_L_NOTATION_NOTE));
	sl_buf_puts(out, f->para_close);
	sl_buf_printf(out,
		      "<details>\n<summary>%s (%s: %zu, %s: %zu)</summary>\n",
		      label, sl_label(o->lang, SL_L_N_FIELDS), n,
		      sl_label(o->lang, SL_L_N_ITEMS), items);
	sl_buf_puts(out, f->notes_list);
	for (i = 0; i < sl_diff_count(diff); i++) {
		const sl_change *c = sl_diff_change(diff, i);
		if (c->status == SL_CHANGE_ADDED ||
		    c->status == SL_CHANGE_REMOVED)
			continue;
		for (k = 0; k < c->field_count; k++) {
			const sl_field_change *fc = &c->fields[k];
			if (fc->notation_only)
				field_item(out, f, c, fc,
					   sl_render__field_label(
						   o->lang,
						   sl_diff_new_sheet(diff),
						   fc->field));
		}
	}
	sl_buf_puts(out, f->notes_close);
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

/* The one walk of the release notes: head, then per scope and section
 * the lists, then the notation-only changes. */
static int cl_walk(sl_buf *out, const sl_diff *diff, const sl_render_options *o,
		   const cl_format *f)
{
	sl_render_group *groups = NULL;
	size_t n, i;
	const char *scope = NULL;
	bool any = false;
	int rc = sl_render__groups(&groups, &n, diff);
	if (rc < 0)
		return rc;
	f->begin(out, diff, groups, n, o);
	any = f->doc(out, diff, o) > 0;
	for (i = 0; i < n; i++) {
		if (!group_has_content(diff, &groups[i]))
			continue;
		any = true;
		if (groups[i].scope &&
		    (!scope || strcmp(scope, groups[i].scope))) {
			scope = groups[i].scope;
			sl_buf_puts(out, f->h2_open);
			cl_esc(out, f, sl_render__scope_title(diff, scope));
			sl_buf_puts(out, f->h2_close);
		}
		cl_group(out, diff, &groups[i], o, f);
	}
	if (!any) {
		sl_buf_puts(out, f->para_open);
		sl_buf_puts(out, sl_label(o->lang, SL_L_NO_CHANGES));
		sl_buf_puts(out, f->para_close);
	}
	cl_notation(out, diff, o, f);
	if (f->end)
		f->end(out, o);
	sl_free(groups);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- Markdown -------------------------------------------------------------
 */

static void md(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_md(out, s, strlen(s));
}

static void md_ops(sl_buf *out, const sl_text_ops *ops)
{
	sl_render__ops_md(out, ops, false);
}

static void md_begin(sl_buf *out, const sl_diff *diff,
		     const sl_render_group *groups, size_t n,
		     const sl_render_options *o)
{
	sl_buf name = SL_BUF_INIT;
	sl_lang lang = o->lang;
	(void)groups;
	(void)n;
	sl_buf_puts(out, "# ");
	md(out, sl_render__sheet_title(diff));
	sl_buf_printf(out, " %s: ", sl_label(lang, SL_L_CHANGELOG_TITLE));
	sl_buf_printf(&name, "%s → %s", sl_render__rev_short(o->from),
		      sl_render__rev_short(o->to));
	md(out, sl_buf_cstr(&name));
	sl_buf_dispose(&name);
	sl_buf_puts(out, "\n\n- ");
	sl_render__rev_pair(out, lang, sl_escape_md, SL_L_FROM, o->from, "\n- ",
			    SL_L_TO, o->to);
	sl_buf_printf(out, "\n\n## %s\n\n", sl_label(lang, SL_L_SUMMARY));
	sl_render__summary_table(out, diff, o, false);
}

static void md_added(sl_buf *out, const sl_item *it, const sl_sheet *sheet,
		     sl_lang lang)
{
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

static size_t md_doc(sl_buf *out, const sl_diff *diff,
		     const sl_render_options *o)
{
	return sl_render__doc_md(out, diff, o, "##");
}

static const cl_format md_format = {
	.esc = sl_escape_md,
	.lines = sl_escape_md,
	.ops = md_ops,
	.h2_open = "## ",
	.h2_close = "\n\n",
	.h3_open = "### ",
	.h3_close = "\n\n",
	.h4_open = "#### ",
	.h4_close = "\n\n",
	.list_open = "\n\n",
	.list_close = "\n",
	.item_open = "- ",
	.item_close = "\n",
	.b_open = "**",
	.b_close = "**",
	.del_open = "",
	.del_close = "",
	.para_open = "",
	.para_close = "\n\n",
	.notes_list = "\n",
	.notes_close = "\n</details>\n\n",
	.begin = md_begin,
	.added = md_added,
	.end = NULL,
	.doc = md_doc,
};

int sl_render_changelog_markdown(sl_buf *out, const sl_diff *diff,
				 const sl_render_options *opts)
{
	return cl_walk(out, diff, opts, &md_format);
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
#define BARS 6
static const char *const bar_colour[BARS] = {"#2da44e", "#cf222e", "#bf8700",
					     "#0969da", "#8250df", "#8c959f"};
static const sl_label_id bar_label[BARS] = {SL_L_ADDED,    SL_L_REMOVED,
					    SL_L_MODIFIED, SL_L_RENUMBERED,
					    SL_L_REPLACED, SL_L_NOTATION_ONLY};

/* A group's counts in bar order. */
static void group_counts(const sl_diff *diff, const sl_render_group *g,
			 size_t k[BARS])
{
	sl_diff_summary s;
	sl_render__group_summary(&s, diff, g);
	k[0] = s.added;
	k[1] = s.removed;
	k[2] = s.modified;
	k[3] = s.renumbered;
	k[4] = s.replaced;
	k[5] = s.notation_only;
}

/* Horizontal stacked bars, one per section; deterministic geometry. */
static void html_chart(sl_buf *out, const sl_diff *diff,
		       const sl_render_group *groups, size_t n, sl_lang lang)
{
	size_t i, j, max = 1, k[BARS];
	const int label_w = 220, bar_w = 420, row_h = 22;
	for (i = 0; i < n; i++) {
		size_t total = 0;
		group_counts(diff, &groups[i], k);
		for (j = 0; j < BARS; j++)
			total += k[j];
		if (total > max)
			max = total;
	}
	sl_buf_printf(out, "<h2>%s</h2>\n<div class=\"legend\">",
		      sl_label(lang, SL_L_CHANGES_PER_SECTION));
	for (j = 0; j < BARS; j++)
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
		sl_render__section_name(out, groups[i].section_id,
					groups[i].section, sl_escape_html);
		sl_buf_puts(out, "</text>\n");
		for (j = 0; j < BARS; j++) {
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

static void html_begin(sl_buf *out, const sl_diff *diff,
		       const sl_render_group *groups, size_t n,
		       const sl_render_options *o)
{
	sl_buf title = SL_BUF_INIT;
	sl_lang lang = o->lang;
	sl_buf_printf(&title, "%s %s: %s → %s", sl_render__sheet_title(diff),
		      sl_label(lang, SL_L_CHANGELOG_TITLE),
		      sl_render__rev_short(o->from),
		      sl_render__rev_short(o->to));
	sl_render__html_header(out, sl_buf_cstr(&title), lang, changelog_css);
	sl_buf_puts(out, "<p class=\"meta\">");
	sl_render__rev_pair(out, lang, sl_escape_html, SL_L_FROM, o->from,
			    "<br>", SL_L_TO, o->to);
	sl_buf_puts(out, "</p>\n</header>\n");
	sl_buf_printf(out, "<h2>%s</h2>\n", sl_label(lang, SL_L_SUMMARY));
	sl_render__summary_table(out, diff, o, true);
	if (n)
		html_chart(out, diff, groups, n, lang);
	sl_buf_dispose(&title);
}

static void html_added(sl_buf *out, const sl_item *it, const sl_sheet *sheet,
		       sl_lang lang)
{
	sl_buf_puts(out, "<dl class=\"item\"><dt>");
	h(out, it->id);
	sl_buf_puts(out, "</dt>");
	if (it->category) {
		sl_buf_puts(out, "<dd>");
		h(out, sl_render__field_label(lang, sheet, "category"));
		sl_buf_puts(out, ": ");
		h(out, it->category);
		sl_buf_puts(out, "</dd>");
	}
	sl_buf_puts(out, "<dd>");
	h(out, sl_render__field_label(lang, sheet, "question"));
	sl_buf_puts(out, ": <ins>");
	hl(out, it->question);
	sl_buf_puts(out, "</ins></dd><dd>");
	h(out, sl_render__field_label(lang, sheet, "answer"));
	sl_buf_puts(out, ": <ins>");
	hl(out, it->answer);
	sl_buf_puts(out, "</ins></dd></dl>\n");
}

static void html_end(sl_buf *out, const sl_render_options *o)
{
	sl_render__html_footer(out, o->lang);
}

static const cl_format html_format = {
	.esc = sl_escape_html,
	.lines = sl_escape_html_lines,
	.ops = sl_render__ops_html,
	.h2_open = "<h2>",
	.h2_close = "</h2>\n",
	.h3_open = "<h3>",
	.h3_close = "</h3>\n",
	.h4_open = "<h4>",
	.h4_close = "</h4>\n",
	.list_open = "</h4>\n<ul class=\"changes\">\n",
	.list_close = "</ul>\n",
	.item_open = "<li>",
	.item_close = "</li>\n",
	.b_open = "<b>",
	.b_close = "</b>",
	.del_open = "<del>",
	.del_close = "</del>",
	.para_open = "<p>",
	.para_close = "</p>\n",
	.notes_list = "<ul class=\"changes\">\n",
	.notes_close = "</ul>\n</details>\n",
	.begin = html_begin,
	.added = html_added,
	.end = html_end,
	.doc = sl_render__doc_html_sections,
};

int sl_render_changelog_html(sl_buf *out, const sl_diff *diff,
			     const sl_render_options *opts)
{
	return cl_walk(out, diff, opts, &html_format);
}
