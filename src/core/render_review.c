/*
 * render_review.c: the review of pending edits as text, GitHub-flavoured
 * Markdown (pull-request comments) and one self-contained HTML page. The
 * page shows each changed item old | new side by side with character
 * level <del>/<ins>, a table of contents by section, and filters (a small
 * inline script; without it every change stays visible). Sheet text only
 * reaches the output through escape.h.
 */
#include "render.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render_int.h"
#include "review.h"

/* Kinds in filter order; "substantive" is every kind but "notation". */
static const char *const kinds[] = {"added", "removed", "renumbered",
				    "modified", "notation"};
#define KIND_COUNT (sizeof(kinds) / sizeof(kinds[0]))

static sl_label_id kind_label(const char *kind)
{
	return !strcmp(kind, "added")        ? SL_L_ADDED
	       : !strcmp(kind, "removed")    ? SL_L_REMOVED
	       : !strcmp(kind, "renumbered") ? SL_L_RENUMBERED
	       : !strcmp(kind, "notation")   ? SL_L_NOTATION_ONLY
					     : SL_L_MODIFIED;
}

static size_t count_kind(const sl_review *r, const char *kind)
{
	size_t i, n = 0;
	for (i = 0; i < r->count; i++) {
		const char *k = sl_change_kind(r->items[i].change);
		n += kind ? !strcmp(k, kind) : strcmp(k, "notation") != 0;
	}
	return n;
}

/* "コミット済み, 未ステージ" */
static void states(sl_buf *out, unsigned state, sl_lang lang, const char *sep)
{
	static const struct {
		unsigned bit;
		sl_label_id label;
	} map[] = {{SL_REVIEW_COMMITTED, SL_L_STATE_COMMITTED},
		   {SL_REVIEW_STAGED, SL_L_STATE_STAGED},
		   {SL_REVIEW_UNSTAGED, SL_L_STATE_UNSTAGED}};
	size_t i;
	bool first = true;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (!(state & map[i].bit))
			continue;
		if (!first)
			sl_buf_puts(out, sep);
		sl_buf_puts(out, sl_label(lang, map[i].label));
		first = false;
	}
}

/* "レビュー: 2023-04 (1a2b3c4, 2023-04-28) → 作業ツリー" */
static void title(sl_buf *out, const sl_review *r, sl_lang lang)
{
	sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_REVIEW_TITLE));
	sl_render__rev_span(out, &r->base, &r->target, lang);
}

/* "エラー 1 · 警告 3" */
static void verdict_counts(sl_buf *out, const sl_review *r, sl_lang lang)
{
	sl_buf_printf(out, "%s %zu · %s %zu", sl_label(lang, SL_L_ERRORS),
		      r->diags.errors, sl_label(lang, SL_L_WARNINGS),
		      r->diags.warnings);
	if (r->inherited_warnings)
		sl_buf_printf(out, " · %s %zu",
			      sl_label(lang, SL_L_INHERITED_WARNINGS),
			      r->inherited_warnings);
}

static const sl_section *section_of(const sl_review *r, size_t i)
{
	return sl_diff_section_of(r->diff, r->items[i].change);
}

/* ---- text ---------------------------------------------------------------- */

int sl_render_review_text(sl_buf *out, const sl_review *r,
			  const sl_render_options *opts)
{
	sl_lang lang = opts->lang;
	const sl_section *last = NULL;
	size_t i, k;
	const sl_diag *d;

	title(out, r, lang);
	sl_buf_putc(out, '\n');
	sl_buf_puts(out, sl_label(lang, r->diags.errors ? SL_L_REVIEW_BLOCKED
							: SL_L_REVIEW_READY));
	sl_buf_puts(out, " (");
	verdict_counts(out, r, lang);
	sl_buf_puts(out, ")\n");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out, "%s%s %zu", k ? " · " : "",
			      sl_label(lang, kind_label(kinds[k])),
			      count_kind(r, kinds[k]));
	sl_buf_putc(out, '\n');
	if (r->sheet_changed)
		sl_buf_printf(out, "%s\n", sl_label(lang, SL_L_SHEET_CHANGED));
	if (r->general.len) {
		sl_buf_printf(out, "\n%s:\n",
			      sl_label(lang, SL_L_GENERAL_FINDINGS));
		SL_VEC_FOREACH (&r->general, k, d) {
			sl_buf_puts(out, "  ");
			sl_diag_format(out, d);
			sl_buf_putc(out, '\n');
		}
	}
	for (i = 0; i < r->count; i++) {
		const sl_review_entry *e = &r->items[i];
		const sl_section *sec = section_of(r, i);
		if (sec && sec != last) {
			sl_buf_printf(out, "\n== %s. %s ==\n", sec->id,
				      sec->title);
			last = sec;
		}
		sl_render__change_text(out, r->diff, e->change, lang,
				       opts->color);
		if (e->state) {
			sl_buf_puts(out, "    [");
			states(out, e->state, lang, ", ");
			sl_buf_puts(out, "]\n");
		}
		SL_VEC_FOREACH (&e->diags, k, d) {
			sl_buf_puts(out, "    ");
			sl_diag_format(out, d);
			sl_buf_putc(out, '\n');
		}
	}
	if (r->count == 0)
		sl_buf_printf(out, "\n%s\n", sl_label(lang, SL_L_NO_CHANGES));
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- Markdown (GitHub) ------------------------------------------------- */

static void md_text(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_md(out, s, strlen(s));
}

/* Bytes of text a change shows: long changes fold into <details>. */
static size_t change_weight(const sl_change *c)
{
	size_t f, n = 0;
	for (f = 0; f < c->field_count; f++) {
		n += c->fields[f].old_text ? strlen(c->fields[f].old_text) : 0;
		n += c->fields[f].new_text ? strlen(c->fields[f].new_text) : 0;
	}
	return n;
}

/* Folded above this many bytes of text (about 130 Japanese characters
 * per side): a pull-request comment stays scannable. */
#define MD_FOLD_BYTES 400

static void md_diag(sl_buf *out, const sl_diag *d)
{
	sl_buf b = SL_BUF_INIT;
	sl_diag_format(&b, d);
	sl_buf_printf(out, "- **%s** `",
		      d->severity == SL_SEV_ERROR ? "error" : "warning");
	/* Inside a code span only a backtick could end it early. */
	{
		const char *p;
		for (p = sl_buf_cstr(&b); *p; p++)
			sl_buf_putc(out, *p == '`' ? '\'' : *p);
	}
	sl_buf_puts(out, "`\n");
	sl_buf_dispose(&b);
}

static void md_fields(sl_buf *out, const sl_diff *diff, const sl_change *c,
		      sl_lang lang)
{
	const sl_sheet *labels = sl_render__labels_of(diff, c);
	size_t f;
	for (f = 0; f < c->field_count; f++) {
		const sl_field_change *fc = &c->fields[f];
		if (!sl_render__field_shown(c, fc))
			continue;
		sl_buf_puts(out, "**");
		md_text(out, sl_render__field_label(lang, labels, fc->field));
		sl_buf_puts(out, "**");
		if (fc->notation_only)
			sl_buf_printf(out, " (%s)",
				      sl_label(lang, SL_L_NOTATION_ONLY));
		sl_buf_puts(out, ": ");
		sl_render__ops_md(out, &fc->ops, false);
		sl_buf_puts(out, "\n\n");
	}
}

/* Renumbered, nothing else changed, nothing found. */
static bool is_pure_move(const sl_review_entry *e)
{
	return e->change->status == SL_CHANGE_RENUMBERED &&
	       e->change->field_count == 0 && e->diags.len == 0;
}

static void md_section(sl_buf *out, const sl_section *sec)
{
	sl_buf_puts(out, "### ");
	sl_render__section_name(out, sec->id, sec, sl_escape_md);
	sl_buf_puts(out, "\n\n");
}

static void md_flush_moves(sl_buf *out, sl_buf *moves, sl_lang lang)
{
	if (!moves->len)
		return;
	sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_RENUMBERED));
	sl_buf_put(out, moves->ptr, moves->len);
	sl_buf_puts(out, "\n\n");
	sl_buf_clear(moves);
}

int sl_render_review_markdown(sl_buf *out, const sl_review *r,
			      const sl_render_options *opts)
{
	sl_lang lang = opts->lang;
	const sl_section *last = NULL;
	size_t i, k;
	const sl_diag *d;
	sl_buf t = SL_BUF_INIT, moves = SL_BUF_INIT;

	title(&t, r, lang);
	sl_buf_puts(out, "## ");
	md_text(out, sl_buf_cstr(&t));
	sl_buf_dispose(&t);
	sl_buf_printf(out, "\n\n> **%s** (",
		      sl_label(lang, r->diags.errors ? SL_L_REVIEW_BLOCKED
						     : SL_L_REVIEW_READY));
	verdict_counts(out, r, lang);
	sl_buf_puts(out, ")\n\n|");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out, " %s |",
			      sl_label(lang, kind_label(kinds[k])));
	sl_buf_puts(out, "\n|");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_puts(out, "---:|");
	sl_buf_puts(out, "\n|");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out, " %zu |", count_kind(r, kinds[k]));
	sl_buf_puts(out, "\n\n");
	if (r->sheet_changed)
		sl_buf_printf(out, "%s\n\n",
			      sl_label(lang, SL_L_SHEET_CHANGED));
	if (r->general.len) {
		sl_buf_printf(out, "### %s\n\n",
			      sl_label(lang, SL_L_GENERAL_FINDINGS));
		SL_VEC_FOREACH (&r->general, k, d)
			md_diag(out, d);
		sl_buf_putc(out, '\n');
	}
	for (i = 0; i < r->count; i++) {
		const sl_review_entry *e = &r->items[i];
		const sl_change *c = e->change;
		const sl_section *sec = section_of(r, i);
		bool fold = change_weight(c) > MD_FOLD_BYTES;
		sl_buf head = SL_BUF_INIT;
		if (sec != last)
			md_flush_moves(out, &moves, lang);
		if (sec && sec != last) {
			md_section(out, sec);
			last = sec;
		}
		if (is_pure_move(e)) {
			/* A shift of numbers is one line, not a heading per
			 * item: "2-3 → 2-4, 2-4 → 2-5, …". */
			if (moves.len)
				sl_buf_puts(&moves, ", ");
			sl_render__change_id(&moves, c, sl_escape_md);
			continue;
		}
		/* The heading line: id (old → new), status, state. Inside
		 * <summary> Markdown is not parsed: HTML-escape there. */
		sl_render__change_id(&head, c, sl_buf_put);
		if (fold) {
			sl_buf_puts(out, "<details><summary><b>");
			sl_escape_html(out, head.ptr, head.len);
			sl_buf_printf(out, "</b> %s",
				      sl_render__status_label(lang, c));
		} else {
			sl_buf_puts(out, "#### ");
			md_text(out, sl_buf_cstr(&head));
			sl_buf_printf(out, " — %s",
				      sl_render__status_label(lang, c));
		}
		sl_buf_dispose(&head);
		if (e->state) {
			sl_buf_puts(out, " · ");
			states(out, e->state, lang, ", ");
		}
		sl_buf_puts(out, fold ? "</summary>\n\n" : "\n\n");
		md_fields(out, r->diff, c, lang);
		SL_VEC_FOREACH (&e->diags, k, d)
			md_diag(out, d);
		if (e->diags.len)
			sl_buf_putc(out, '\n');
		if (fold)
			sl_buf_puts(out, "</details>\n\n");
	}
	md_flush_moves(out, &moves, lang);
	sl_buf_dispose(&moves);
	if (r->count == 0)
		sl_buf_printf(out, "%s\n\n", sl_label(lang, SL_L_NO_CHANGES));
	sl_buf_printf(out, "<sub>%s</sub>\n",
		      sl_label(lang, SL_L_GENERATED_BY));
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- HTML ------------------------------------------------------------------
 */

static const char review_css[] =
	"body{max-width:90rem}\n"
	".verdict{padding:.6rem 1rem;border-radius:.4rem;font-weight:bold}\n"
	".verdict.blocked{background:#fdf0f0;border:1px solid #cf222e;color:#67060c}\n"
	".verdict.ready{background:#eef8f0;border:1px solid #1a7f37;color:#0a3622}\n"
	".filters{position:sticky;top:0;background:#fff;padding:.5rem 0;z-index:1;"
	"border-bottom:1px solid #c8ccd0}\n"
	".filters button{font:inherit;margin:.15rem;padding:.2rem .7rem;"
	"border:1px solid #8c959f;border-radius:1rem;background:#fff;cursor:pointer}\n"
	".filters button[aria-pressed=true]{background:#1b1f23;color:#fff}\n"
	".layout{display:grid;grid-template-columns:minmax(12rem,16rem) 1fr;gap:1.5rem}\n"
	".toc{position:sticky;top:3.5rem;align-self:start;max-height:85vh;"
	"overflow:auto;font-size:.9rem}\n"
	".toc ul{list-style:none;padding-left:.8rem;margin:.2rem 0}\n"
	".toc>ul{padding-left:0}\n"
	".toc a{text-decoration:none}\n"
	".count{color:#57606a}\n"
	"section.change{border:1px solid #c8ccd0;border-radius:.4rem;padding:.2rem 1rem;"
	"margin:1rem 0}\n"
	"section.change h3{margin:.6rem 0}\n"
	".context{color:#3d444d;margin:.2rem 0}\n"
	".context b{color:#57606a;font-weight:normal}\n"
	"table.sbs{table-layout:fixed}\n"
	"table.sbs th.f{width:7rem}\n"
	".sbs del,.sbs ins{white-space:pre-wrap;padding:0 .1em}\n"
	".state{font-size:.8rem;color:#57606a;margin-left:.5rem}\n"
	"ul.findings{margin:.3rem 0 .8rem;padding-left:1.2rem}\n"
	"li.error{color:#a40e26}li.warning{color:#7d4e00}\n"
	"code{font-size:.85rem}\n"
	"@media (max-width:60rem){.layout{display:block}.toc{position:static;"
	"max-height:none}}\n"
	"@media print{.filters,.toc{display:none}.layout{display:block}"
	"section.change{break-inside:avoid}}\n";

/*
 * The filters: buttons set body[data-filter] and hide the changes (and
 * their table-of-contents lines and emptied sections) that do not match.
 * "#filter=KIND" in the address selects a filter on load, so a filtered
 * view can be linked to. The page is complete without the script.
 */
static const char review_js[] =
	"(function(){\n"
	"var d=document;\n"
	"function match(f,k){return f==='all'||(f==='substantive'?k!=='notation':k===f);}\n"
	"function apply(f){\n"
	" var n=0;\n"
	" d.querySelectorAll('section.change').forEach(function(s){\n"
	"  var on=match(f,s.dataset.kind);s.hidden=!on;if(on)n++;});\n"
	" d.querySelectorAll('.toc li[data-kind]').forEach(function(li){\n"
	"  li.hidden=!match(f,li.dataset.kind);});\n"
	" d.querySelectorAll('.sec').forEach(function(s){\n"
	"  var v=s.querySelectorAll('section.change:not([hidden])').length;\n"
	"  s.hidden=v===0;\n"
	"  var t=d.querySelector('.toc li[data-sec=\"'+CSS.escape(s.dataset.sec)+'\"]');\n"
	"  if(t){t.hidden=v===0;t.querySelector('.count').textContent='('+v+')';}});\n"
	" d.querySelectorAll('.filters button').forEach(function(b){\n"
	"  b.setAttribute('aria-pressed',String(b.dataset.filter===f));});\n"
	" d.getElementById('shown').textContent=String(n);\n"
	" d.body.dataset.filter=f;\n"
	"}\n"
	"d.querySelectorAll('.filters button').forEach(function(b){\n"
	" b.addEventListener('click',function(){apply(b.dataset.filter);\n"
	"  history.replaceState(null,'','#filter='+b.dataset.filter);});});\n"
	"var m=/^#filter=([a-z]+)$/.exec(location.hash);\n"
	"var known=['all','substantive','added','removed','renumbered','modified','notation'];\n"
	"apply(m&&known.indexOf(m[1])>=0?m[1]:'all');\n"
	"})();\n";

static void html_text(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_html(out, s, strlen(s));
}

/* An id usable in href="#..." and id="...": item ids are [0-9A-Za-z-]
 * by lint, but the page must not break on anything else. */
static void html_anchor(sl_buf *out, const char *prefix, const char *id)
{
	const unsigned char *p;
	sl_buf_puts(out, prefix);
	for (p = (const unsigned char *)id; *p; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || *p == '-' || *p == '_')
			sl_buf_putc(out, (char)*p);
		else
			sl_buf_printf(out, ".%02X", *p);
	}
}

static void html_diag(sl_buf *out, const sl_diag *d)
{
	sl_buf b = SL_BUF_INIT;
	sl_diag_format(&b, d);
	sl_buf_printf(out, "<li class=\"%s\"><code>",
		      d->severity == SL_SEV_ERROR ? "error" : "warning");
	sl_escape_html(out, b.ptr, b.len);
	sl_buf_puts(out, "</code></li>\n");
	sl_buf_dispose(&b);
}

static void html_filters(sl_buf *out, const sl_review *r, sl_lang lang)
{
	size_t k;
	sl_buf_printf(out, "<nav class=\"filters\" aria-label=\"%s\">%s: ",
		      sl_label(lang, SL_L_SHOW), sl_label(lang, SL_L_SHOW));
	sl_buf_printf(out,
		      "<button type=\"button\" data-filter=\"all\" "
		      "aria-pressed=\"true\">%s (%zu)</button>",
		      sl_label(lang, SL_L_ALL), r->count);
	sl_buf_printf(out,
		      "<button type=\"button\" data-filter=\"substantive\" "
		      "aria-pressed=\"false\">%s (%zu)</button>",
		      sl_label(lang, SL_L_SUBSTANTIVE), count_kind(r, NULL));
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out,
			      "<button type=\"button\" data-filter=\"%s\" "
			      "aria-pressed=\"false\">%s (%zu)</button>",
			      kinds[k], sl_label(lang, kind_label(kinds[k])),
			      count_kind(r, kinds[k]));
	sl_buf_printf(out,
		      " <span class=\"count\">%s <span id=\"shown\">%zu</span>"
		      "</span></nav>\n",
		      sl_label(lang, SL_L_SHOWN_COUNT), r->count);
}

/* The table of contents: sections with counts, then each change. */
static void html_toc(sl_buf *out, const sl_review *r, sl_lang lang)
{
	const sl_section *last = NULL;
	size_t i, n;
	bool open = false;
	sl_buf_printf(out, "<nav class=\"toc\"><h2>%s</h2>\n<ul>\n",
		      sl_label(lang, SL_L_CONTENTS));
	for (i = 0; i < r->count; i++) {
		const sl_change *c = r->items[i].change;
		const sl_section *sec = section_of(r, i);
		if (sec != last || i == 0) {
			if (open)
				sl_buf_puts(out, "</ul></li>\n");
			for (n = i; n < r->count && section_of(r, n) == sec;
			     n++)
				;
			sl_buf_puts(out, "<li data-sec=\"");
			html_text(out, sec ? sec->id : "");
			sl_buf_puts(out, "\"><a href=\"#");
			html_anchor(out, "sec-", sec ? sec->id : "");
			sl_buf_puts(out, "\">");
			if (sec)
				sl_render__section_name(out, sec->id, sec,
							sl_escape_html);
			sl_buf_printf(out,
				      "</a> <span class=\"count\">(%zu)</span>"
				      "<ul>\n",
				      n - i);
			open = true;
			last = sec;
		}
		sl_buf_printf(out, "<li data-kind=\"%s\"><a href=\"#",
			      sl_change_kind(c));
		html_anchor(out, "item-", c->id);
		sl_buf_puts(out, "\">");
		sl_render__change_id(out, c, sl_escape_html);
		sl_buf_printf(out,
			      "</a> <span class=\"count\">%s</span></li>\n",
			      sl_render__status_label(lang, c));
	}
	if (open)
		sl_buf_puts(out, "</ul></li>\n");
	sl_buf_puts(out, "</ul></nav>\n");
}

/* Category, question and section of an item, for context. */
static void html_context(sl_buf *out, const sl_diff *diff, const sl_change *c,
			 sl_lang lang)
{
	const sl_item *it = c->new_item ? c->new_item : c->old_item;
	const sl_sheet *labels = sl_render__labels_of(diff, c);
	const sl_section *sec = sl_diff_section_of(diff, c);
	sl_buf_puts(out, "<p class=\"context\">");
	if (sec) {
		sl_buf_printf(out, "<b>%s</b> ", sl_label(lang, SL_L_SECTION));
		html_text(out, sec->id);
		sl_buf_puts(out, ". ");
		html_text(out, sec->title);
	}
	if (it->category) {
		sl_buf_puts(out, " · <b>");
		html_text(out,
			  sl_render__field_label(lang, labels, "category"));
		sl_buf_puts(out, "</b> ");
		html_text(out, it->category);
	}
	sl_buf_puts(out, "<br><b>");
	html_text(out, sl_render__field_label(lang, labels, "question"));
	sl_buf_puts(out, "</b> ");
	sl_escape_html_lines(out, it->question, strlen(it->question));
	sl_buf_puts(out, "</p>\n");
}

static void html_change(sl_buf *out, const sl_review *r,
			const sl_review_entry *e, sl_lang lang)
{
	const sl_change *c = e->change;
	const sl_sheet *labels = sl_render__labels_of(r->diff, c);
	size_t f, k;
	const sl_diag *d;

	sl_buf_printf(out,
		      "<section class=\"change %s\" data-kind=\"%s\" id=\"",
		      sl_change_kind(c), sl_change_kind(c));
	html_anchor(out, "item-", c->id);
	sl_buf_puts(out, "\">\n<h3>");
	sl_render__change_id(out, c, sl_escape_html);
	sl_buf_printf(out, "<span class=\"badge\">%s</span>",
		      sl_render__status_label(lang, c));
	if (e->state) {
		sl_buf_puts(out, "<span class=\"state\">");
		states(out, e->state, lang, " · ");
		sl_buf_puts(out, "</span>");
	}
	sl_buf_puts(out, "</h3>\n");
	html_context(out, r->diff, c, lang);
	if (c->field_count) {
		sl_buf_printf(out,
			      "<table class=\"sbs\"><thead><tr><th class=\"f\">"
			      "%s</th><th>%s</th><th>%s</th></tr></thead>"
			      "<tbody>\n",
			      sl_label(lang, SL_L_FIELD),
			      sl_label(lang, SL_L_OLD_TEXT),
			      sl_label(lang, SL_L_NEW_TEXT));
		for (f = 0; f < c->field_count; f++) {
			const sl_field_change *fc = &c->fields[f];
			if (!sl_render__field_shown(c, fc))
				continue;
			sl_render__html_field_head(
				out, "<tr><th class=\"f\">",
				sl_render__field_label(lang, labels, fc->field),
				fc, lang);
			sl_buf_puts(out, "<td class=\"old\">");
			sl_render__side_html_tag(out, &fc->ops, 0, "del");
			sl_buf_puts(out, "</td><td class=\"new\">");
			sl_render__side_html_tag(out, &fc->ops, 1, "ins");
			sl_buf_puts(out, "</td></tr>\n");
		}
		sl_buf_puts(out, "</tbody></table>\n");
	}
	if (e->diags.len) {
		sl_buf_puts(out, "<ul class=\"findings\">\n");
		SL_VEC_FOREACH (&e->diags, k, d)
			html_diag(out, d);
		sl_buf_puts(out, "</ul>\n");
	}
	sl_buf_puts(out, "</section>\n");
}

int sl_render_review_html(sl_buf *out, const sl_review *r,
			  const sl_render_options *opts)
{
	sl_lang lang = opts->lang;
	const sl_section *last = NULL;
	sl_buf t = SL_BUF_INIT;
	size_t i, k;
	const sl_diag *d;

	title(&t, r, lang);
	sl_render__html_header(out, sl_buf_cstr(&t), lang, review_css);
	sl_buf_dispose(&t);
	if (r->head[0])
		sl_buf_printf(out, "<p class=\"meta\">%s %.12s</p>\n",
			      sl_label(lang, SL_L_HEAD), r->head);
	sl_buf_printf(out, "<p class=\"verdict %s\" id=\"verdict\">%s (",
		      r->diags.errors ? "blocked" : "ready",
		      sl_label(lang, r->diags.errors ? SL_L_REVIEW_BLOCKED
						     : SL_L_REVIEW_READY));
	verdict_counts(out, r, lang);
	sl_buf_puts(out, ")</p>\n");
	if (r->sheet_changed)
		sl_buf_printf(out, "<p class=\"note\">%s</p>\n",
			      sl_label(lang, SL_L_SHEET_CHANGED));
	sl_buf_puts(out, "</header>\n");
	html_filters(out, r, lang);
	sl_buf_puts(out, "<div class=\"layout\">\n");
	html_toc(out, r, lang);
	sl_buf_puts(out, "<main>\n");
	if (r->general.len) {
		sl_buf_printf(out, "<h2>%s</h2>\n<ul class=\"findings\">\n",
			      sl_label(lang, SL_L_GENERAL_FINDINGS));
		SL_VEC_FOREACH (&r->general, k, d)
			html_diag(out, d);
		sl_buf_puts(out, "</ul>\n");
	}
	for (i = 0; i < r->count; i++) {
		const sl_section *sec = section_of(r, i);
		if (sec != last || i == 0) {
			if (i > 0)
				sl_buf_puts(out, "</div>\n");
			sl_buf_puts(out, "<div class=\"sec\" data-sec=\"");
			html_text(out, sec ? sec->id : "");
			sl_buf_puts(out, "\">\n<h2 id=\"");
			html_anchor(out, "sec-", sec ? sec->id : "");
			sl_buf_puts(out, "\">");
			if (sec)
				sl_render__section_name(out, sec->id, sec,
							sl_escape_html);
			sl_buf_puts(out, "</h2>\n");
			last = sec;
		}
		html_change(out, r, &r->items[i], lang);
	}
	if (r->count)
		sl_buf_puts(out, "</div>\n");
	else
		sl_buf_printf(out, "<p>%s</p>\n",
			      sl_label(lang, SL_L_NO_CHANGES));
	sl_buf_printf(out, "</main>\n</div>\n<footer>%s</footer>\n<script>\n",
		      sl_label(lang, SL_L_GENERATED_BY));
	sl_buf_puts(out, review_js);
	sl_buf_puts(out, "</script>\n");
	sl_render__html_close(out);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
