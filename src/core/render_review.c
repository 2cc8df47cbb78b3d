/*
 * render_review.c: the review of pending edits as text, GitHub-flavoured
 * Markdown (pull-request comments) and one self-contained HTML page. The
 * page shows each changed item old | new side by side with character
 * level <del>/<ins>, a table of contents by section, and filters (a small
 * inline script; without it every change stays visible). One traversal
 * (review_walk) walks the review in diff order and calls a small emitter
 * per format. Sheet text only reaches the output through escape.h.
 */
#include "render.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render_int.h"
#include "render_review_signoff.h"
#include "review.h"

/* Kinds in filter order; "substantive" is every kind but "notation". */
static const char *const kinds[] = {"added",    "removed",  "renumbered",
				    "replaced", "modified", "notation"};
#define KIND_COUNT (sizeof(kinds) / sizeof(kinds[0]))

static sl_label_id kind_label(const char *kind)
{
	return !strcmp(kind, "added")        ? SL_L_ADDED
	       : !strcmp(kind, "removed")    ? SL_L_REMOVED
	       : !strcmp(kind, "renumbered") ? SL_L_RENUMBERED
	       : !strcmp(kind, "replaced")   ? SL_L_REPLACED
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

static const char *verdict_label(const sl_review *r, sl_lang lang)
{
	return sl_label(lang, r->diags.errors ? SL_L_REVIEW_BLOCKED
					      : SL_L_REVIEW_READY);
}

/* sl_render__doc_md at the review's level (its sections are "###"). */
static size_t doc_md(sl_buf *out, const sl_diff *diff,
		     const sl_render_options *o)
{
	return sl_render__doc_md(out, diff, o, "###");
}

/* The 文書の変更 part as a run of <div>s: section.change is an item to
 * the filters. */
static size_t doc_html(sl_buf *out, const sl_diff *diff,
		       const sl_render_options *o)
{
	return sl_render__doc_html(out, diff, o, "div");
}

/* No item changed and sheet.json neither: "変更はありません。" */
static bool nothing_changed(const sl_review *r)
{
	return r->count == 0 &&
	       !(r->sheet_changed && sl_doc_diff_count(sl_diff_doc(r->diff)));
}

typedef size_t (*doc_part_fn)(sl_buf *out, const sl_diff *diff,
			      const sl_render_options *o);

/* What changed in sheet.json: the 文書の変更 part (render_doc.c), or,
 * when sheet.json differs in nothing the document shows (the edition
 * name, a setting, its layout), the note that it changed, between open
 * and close. part NULL: the note only, if that; open NULL: the part
 * only. */
static void sheet_note(sl_buf *out, const sl_review *r, sl_lang lang,
		       bool color, doc_part_fn part, const char *open,
		       const char *close)
{
	sl_render_options o = SL_RENDER_OPTIONS_INIT;
	if (!r->sheet_changed)
		return;
	o.lang = lang;
	o.color = color;
	if (sl_doc_diff_count(sl_diff_doc(r->diff))) {
		if (part)
			part(out, r->diff, &o);
		return;
	}
	if (!open)
		return;
	sl_buf_puts(out, open);
	sl_buf_puts(out, sl_label(lang, SL_L_SHEET_CHANGED));
	sl_buf_puts(out, close);
}

static const sl_section *section_of(const sl_review *r, size_t i)
{
	return sl_diff_section_of(r->diff, r->items[i].change);
}

/* Renumbered, nothing else changed, nothing found. */
static bool is_pure_move(const sl_review_entry *e)
{
	return e->change->status == SL_CHANGE_RENUMBERED &&
	       e->change->field_count == 0 && e->diags.len == 0;
}

/* ---- the traversal ---- */

/* What the walk hands every emitter call. */
typedef struct review_out {
	/* Where the emitter writes: the output, or for HTML the main column
	 * (joined to the output by its end: the table of contents, filled
	 * during the same walk, stands before it). */
	sl_buf *buf;
	sl_buf *out; /* the output */
	const sl_review *r;
	sl_lang lang;
	bool color;
	const char *title; /* "レビュー: 2023-04 (…) → 作業ツリー" */
	size_t kind_n[KIND_COUNT]; /* changes of each kind, in kinds order */
	size_t substantive;        /* changes of every kind but "notation" */
	/* Markdown: the run of pure renumberings not yet written, and
	 * whether the open change folds into <details>. */
	sl_buf moves;
	bool fold;
	/* HTML: the open change is a pure renumbering, folded into the
	 * run's one line (x->moves) instead of a card of its own. */
	bool skip;
	/* HTML: the table of contents and the main column. */
	sl_buf toc, main;
} review_out;

/* Around the label of the general findings, and around each non-empty
 * list of findings (the general ones, a change's). */
typedef struct review_marks {
	const char *heading_open, *heading_close;
	const char *list_open, *list_close;
} review_marks;

/* What one format writes at each point of the walk. Optional entries
 * (NULL) write nothing. */
typedef struct review_emitter {
	/* Title, verdict and counts, up to the first list of findings. */
	void (*begin)(review_out *x);
	const review_marks *findings;
	/* One finding of a list; general: of the general list. */
	void (*diag)(review_out *x, const sl_diag *d, bool general);
	/* A run of count changes in one section (sec NULL: not in either
	 * sheet), for containers around it. optional */
	void (*group_open)(review_out *x, const sl_section *sec, size_t count);
	void (*group_close)(review_out *x); /* optional */
	/* Before a change whose section is not the last known one headed
	 * (sec NULL: an unknown section, which no heading names). optional */
	void (*section)(review_out *x, const sl_section *sec);
	/* One change: its heading, each shown field, what follows the
	 * fields, its findings (the diag calls), its end. */
	void (*change_open)(review_out *x, const sl_review_entry *e);
	void (*field)(review_out *x, const sl_change *c,
		      const sl_field_change *fc, const char *label);
	void (*fields_close)(review_out *x, const sl_review_entry *e);
	void (*change_close)(review_out *x, const sl_review_entry *e);
	void (*end)(review_out *x);
} review_emitter;

static void walk_diags(review_out *x, const review_emitter *em,
		       const sl_vec *diags, const char *heading)
{
	size_t k;
	const sl_diag *d;
	if (!diags->len)
		return;
	if (heading) {
		sl_buf_puts(x->buf, em->findings->heading_open);
		sl_buf_puts(x->buf, heading);
		sl_buf_puts(x->buf, em->findings->heading_close);
	}
	sl_buf_puts(x->buf, em->findings->list_open);
	SL_VEC_FOREACH (diags, k, d)
		em->diag(x, d, heading != NULL);
	sl_buf_puts(x->buf, em->findings->list_close);
}

static void walk_change(review_out *x, const review_emitter *em,
			const sl_review_entry *e)
{
	const sl_change *c = e->change;
	const sl_sheet *labels = sl_render__labels_of(x->r->diff, c);
	size_t f;
	em->change_open(x, e);
	for (f = 0; f < c->field_count; f++) {
		const sl_field_change *fc = &c->fields[f];
		if (sl_render__field_shown(c, fc))
			em->field(x, c, fc,
				  sl_render__field_label(x->lang, labels,
							 fc->field));
	}
	if (em->fields_close)
		em->fields_close(x, e);
	walk_diags(x, em, &e->diags, NULL);
	if (em->change_close)
		em->change_close(x, e);
}

/* The head, the general findings, then each change in diff order under
 * its section. */
static int review_walk(sl_buf *out, const sl_review *r,
		       const sl_render_options *o, const review_emitter *em)
{
	review_out x = {0}; /* the scratch buffers: empty */
	sl_buf title = SL_BUF_INIT;
	const sl_section *named = NULL; /* the last known section met */
	size_t i, n, k;
	bool oom;

	x.buf = x.out = out;
	x.r = r;
	x.lang = o->lang;
	x.color = o->color;
	sl_buf_printf(&title, "%s: ", sl_label(o->lang, SL_L_REVIEW_TITLE));
	sl_render__rev_span(&title, &r->base, &r->target, o->lang);
	x.title = sl_buf_cstr(&title);
	for (k = 0; k < KIND_COUNT; k++)
		x.kind_n[k] = count_kind(r, kinds[k]);
	x.substantive = count_kind(r, NULL);

	em->begin(&x);
	walk_diags(&x, em, &r->general,
		   sl_label(o->lang, SL_L_GENERAL_FINDINGS));
	for (i = 0; i < r->count; i++) {
		const sl_review_entry *e = &r->items[i];
		const sl_section *sec = section_of(r, i);
		if (i == 0 || sec != section_of(r, i - 1)) {
			if (i > 0 && em->group_close)
				em->group_close(&x);
			for (n = i + 1; n < r->count && section_of(r, n) == sec;
			     n++)
				;
			if (em->group_open)
				em->group_open(&x, sec, n - i);
		}
		if (sec != named) {
			if (em->section)
				em->section(&x, sec);
			if (sec)
				named = sec;
		}
		walk_change(&x, em, e);
	}
	if (r->count && em->group_close)
		em->group_close(&x);
	em->end(&x);
	oom = sl_buf_oom(out) || sl_buf_oom(&title) || sl_buf_oom(&x.moves) ||
	      sl_buf_oom(&x.toc) || sl_buf_oom(&x.main);
	sl_buf_dispose(&title);
	sl_buf_dispose(&x.moves);
	sl_buf_dispose(&x.toc);
	sl_buf_dispose(&x.main);
	return oom ? sl_error_oom() : 0;
}

/* What 表記のみ means, once in the document, in the changelog's words
 * (SL_L_NOTATION_NOTE), when some change shown is notation only: an
 * item's or the document's own. */
static void notation_note(sl_buf *out, const review_out *x, const char *open,
			  const char *close, sl_render_esc_fn esc)
{
	const sl_doc_diff *doc = sl_diff_doc(x->r->diff);
	const char *note = sl_label(x->lang, SL_L_NOTATION_NOTE);
	if (!count_kind(x->r, "notation") &&
	    sl_doc_diff_count(doc) == sl_doc_diff_substantive_count(doc))
		return;
	sl_buf_puts(out, open);
	esc(out, note, strlen(note));
	sl_buf_puts(out, close);
}

/* ---- text ---- */

static void text_begin(review_out *x)
{
	size_t k;
	sl_buf *out = x->buf;
	sl_buf_printf(out, "%s\n%s (", x->title, verdict_label(x->r, x->lang));
	verdict_counts(out, x->r, x->lang);
	sl_buf_puts(out, ")\n");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out, "%s%s %zu", k ? " · " : "",
			      sl_label(x->lang, kind_label(kinds[k])),
			      x->kind_n[k]);
	sl_buf_putc(out, '\n');
	notation_note(out, x, "", "\n", sl_buf_put);
	sheet_note(out, x->r, x->lang, x->color, sl_render__doc_text, "", "\n");
	if (x->r->sheet_changed)
		sl_render__signoff_text(out, x->r, &x->r->sheet_signoff,
					x->lang, "  ");
	sl_render__signoff_owners(out, x->r, x->lang, sl_buf_put, "", "\n");
}

static void text_diag(review_out *x, const sl_diag *d, bool general)
{
	sl_buf_puts(x->buf, general ? "  " : "    ");
	sl_diag_format(x->buf, d);
	sl_buf_putc(x->buf, '\n');
}

static void text_section(review_out *x, const sl_section *sec)
{
	if (sec)
		sl_buf_printf(x->buf, "\n== %s. %s ==\n", sec->id, sec->title);
}

static void text_change(review_out *x, const sl_review_entry *e)
{
	sl_render__change_head_text(x->buf, e->change, x->lang, x->color);
}

static void text_field(review_out *x, const sl_change *c,
		       const sl_field_change *fc, const char *label)
{
	sl_render__field_text(x->buf, c, fc, label, x->lang, 4, x->color, true);
}

/* Where the change stands, under its fields. */
static void text_fields_close(review_out *x, const sl_review_entry *e)
{
	if (e->state) {
		sl_buf_puts(x->buf, "    [");
		states(x->buf, e->state, x->lang, ", ");
		sl_buf_puts(x->buf, "]\n");
	}
	sl_render__signoff_text(x->buf, x->r, &e->signoff, x->lang, "    ");
}

static void text_end(review_out *x)
{
	if (nothing_changed(x->r))
		sl_buf_printf(x->buf, "\n%s\n",
			      sl_label(x->lang, SL_L_NO_CHANGES));
}

static const review_marks text_findings = {"\n", ":\n", "", ""};

static const review_emitter text_emitter = {
	text_begin,  &text_findings, text_diag,
	NULL,        NULL,           text_section,
	text_change, text_field,     text_fields_close,
	NULL,        text_end,
};

/* ---- Markdown (GitHub) ---- */

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

static void md_begin(review_out *x)
{
	size_t k;
	sl_buf *out = x->buf;
	sl_buf_puts(out, "## ");
	sl_escape_md(out, x->title, strlen(x->title));
	sl_buf_printf(out, "\n\n> **%s** (", verdict_label(x->r, x->lang));
	verdict_counts(out, x->r, x->lang);
	sl_buf_puts(out, ")\n\n|");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out, " %s |",
			      sl_label(x->lang, kind_label(kinds[k])));
	sl_buf_puts(out, "\n|");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_puts(out, "---:|");
	sl_buf_puts(out, "\n|");
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out, " %zu |", x->kind_n[k]);
	sl_buf_puts(out, "\n\n");
	notation_note(out, x, "", "\n\n", sl_escape_md);
	sheet_note(out, x->r, x->lang, false, doc_md, "", "\n\n");
	if (x->r->sheet_changed) {
		sl_buf_puts(out, "sheet.json: ");
		sl_render__signoff_md(out, x->r, &x->r->sheet_signoff, x->lang);
	}
	sl_render__signoff_owners(out, x->r, x->lang, sl_escape_md, "- ", "\n");
	if (x->r->owners.count)
		sl_buf_putc(out, '\n');
}

static void md_diag(review_out *x, const sl_diag *d, bool general)
{
	sl_buf b = SL_BUF_INIT;
	const char *p;
	(void)general;
	sl_diag_format(&b, d);
	sl_buf_printf(x->buf, "- **%s** `",
		      d->severity == SL_SEV_ERROR ? "error" : "warning");
	/* Inside a code span only a backtick could end it early. */
	for (p = sl_buf_cstr(&b); *p; p++)
		sl_buf_putc(x->buf, *p == '`' ? '\'' : *p);
	sl_buf_puts(x->buf, "`\n");
	sl_buf_dispose(&b);
}

/* The pending run of renumberings as one line. */
static void md_flush_moves(review_out *x)
{
	if (!x->moves.len)
		return;
	sl_buf_printf(x->buf, "%s: ", sl_label(x->lang, SL_L_RENUMBERED));
	sl_buf_put(x->buf, x->moves.ptr, x->moves.len);
	sl_buf_puts(x->buf, "\n\n");
	sl_buf_clear(&x->moves);
}

/* A run of renumberings ends with its section. */
static void md_section(review_out *x, const sl_section *sec)
{
	md_flush_moves(x);
	if (!sec)
		return;
	sl_buf_puts(x->buf, "### ");
	sl_render__section_name(x->buf, sec->id, sec, sl_escape_md);
	sl_buf_puts(x->buf, "\n\n");
}

/* The heading line: id (old → new), status, state. Inside <summary>
 * Markdown is not parsed: HTML-escape there. A pure renumbering joins
 * the section's line of them instead. */
static void md_change(review_out *x, const sl_review_entry *e)
{
	const sl_change *c = e->change;
	sl_buf *out = x->buf;
	sl_buf head = SL_BUF_INIT;
	x->fold = false;
	if (is_pure_move(e)) {
		/* A shift of numbers is one line, not a heading per item:
		 * "2-3 → 2-4, 2-4 → 2-5, …" (no fields, no findings follow). */
		if (x->moves.len)
			sl_buf_puts(&x->moves, ", ");
		sl_render__change_id(&x->moves, c, sl_escape_md);
		return;
	}
	x->fold = change_weight(c) > MD_FOLD_BYTES;
	sl_render__change_id(&head, c, sl_buf_put);
	if (x->fold) {
		sl_buf_puts(out, "<details><summary><b>");
		sl_escape_html(out, head.ptr, head.len);
		sl_buf_printf(out, "</b> %s",
			      sl_render__status_label(x->lang, c));
	} else {
		sl_buf_puts(out, "#### ");
		sl_escape_md(out, head.ptr, head.len);
		sl_buf_printf(out, " — %s",
			      sl_render__status_label(x->lang, c));
	}
	sl_buf_dispose(&head);
	if (e->state) {
		sl_buf_puts(out, " · ");
		states(out, e->state, x->lang, ", ");
	}
	sl_buf_puts(out, x->fold ? "</summary>\n\n" : "\n\n");
	sl_render__signoff_md(out, x->r, &e->signoff, x->lang);
}

static void md_field(review_out *x, const sl_change *c,
		     const sl_field_change *fc, const char *label)
{
	sl_render__field_md(x->buf, c, fc, label, x->lang, true, false);
}

static void md_change_close(review_out *x, const sl_review_entry *e)
{
	(void)e;
	if (x->fold)
		sl_buf_puts(x->buf, "</details>\n\n");
}

static void md_end(review_out *x)
{
	md_flush_moves(x);
	if (nothing_changed(x->r))
		sl_buf_printf(x->buf, "%s\n\n",
			      sl_label(x->lang, SL_L_NO_CHANGES));
	sl_buf_printf(x->buf, "<sub>%s</sub>\n",
		      sl_label(x->lang, SL_L_GENERATED_BY));
}

static const review_marks md_findings = {"### ", "\n\n", "", "\n"};

static const review_emitter md_emitter = {
	md_begin, &md_findings,    md_diag,   NULL,
	NULL,     md_section,      md_change, md_field,
	NULL,     md_change_close, md_end,
};

/* ---- HTML ---- */

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
	".signoff{font-size:.85rem;color:#3d444d;margin:.2rem 0}\n"
	".approval.approved{color:#1a7f37}.approval.changed{color:#9a6700}"
	".approval.pending{color:#a40e26}\n"
	"section.moves p{margin:.4rem 0}\n"
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
	"var known=['all','substantive','added','removed','renumbered','replaced','modified','notation'];\n"
	"apply(m&&known.indexOf(m[1])>=0?m[1]:"
	"(d.querySelector('.filters').dataset.start||'all'));\n"
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

static void html_filters(sl_buf *out, const review_out *x)
{
	size_t k;
	sl_lang lang = x->lang;
	/* The page opens on the substantive changes (the script applies
	 * data-start), the notation-only ones a click away; without any
	 * substantive change it opens on all. */
	bool start_substantive = x->substantive > 0;
	sl_buf_printf(out,
		      "<nav class=\"filters\" aria-label=\"%s\" "
		      "data-start=\"%s\">%s: ",
		      sl_label(lang, SL_L_SHOW),
		      start_substantive ? "substantive" : "all",
		      sl_label(lang, SL_L_SHOW));
	sl_buf_printf(out,
		      "<button type=\"button\" data-filter=\"all\" "
		      "aria-pressed=\"%s\">%s (%zu)</button>",
		      start_substantive ? "false" : "true",
		      sl_label(lang, SL_L_ALL), x->r->count);
	sl_buf_printf(out,
		      "<button type=\"button\" data-filter=\"substantive\" "
		      "aria-pressed=\"%s\">%s (%zu)</button>",
		      start_substantive ? "true" : "false",
		      sl_label(lang, SL_L_SUBSTANTIVE), x->substantive);
	for (k = 0; k < KIND_COUNT; k++)
		sl_buf_printf(out,
			      "<button type=\"button\" data-filter=\"%s\" "
			      "aria-pressed=\"false\">%s (%zu)</button>",
			      kinds[k], sl_label(lang, kind_label(kinds[k])),
			      x->kind_n[k]);
	sl_buf_printf(out,
		      " <span class=\"count\">%s <span id=\"shown\">%zu</span>"
		      "</span></nav>\n",
		      sl_label(lang, SL_L_SHOWN_COUNT), x->r->count);
}

/* The page head, the filters; the table of contents and the main column
 * begin in their buffers, which html_end joins in that order. */
static void html_begin(review_out *x)
{
	const sl_review *r = x->r;
	sl_buf *out = x->out;
	sl_render__html_header(out, x->title, x->lang, review_css);
	if (r->head[0])
		sl_buf_printf(out, "<p class=\"meta\">%s %.12s</p>\n",
			      sl_label(x->lang, SL_L_HEAD), r->head);
	sl_buf_printf(out, "<p class=\"verdict %s\" id=\"verdict\">%s (",
		      r->diags.errors ? "blocked" : "ready",
		      verdict_label(r, x->lang));
	verdict_counts(out, r, x->lang);
	sl_buf_puts(out, ")</p>\n");
	notation_note(out, x, "<p class=\"note notation\">", "</p>\n",
		      sl_escape_html);
	sheet_note(out, r, x->lang, false, NULL, "<p class=\"note\">",
		   "</p>\n");
	if (r->sheet_changed)
		sl_render__signoff_html(out, r, &r->sheet_signoff, x->lang);
	sl_render__signoff_owners(out, r, x->lang, sl_escape_html,
				  "<p class=\"owners\">", "</p>\n");
	sl_buf_puts(out, "</header>\n");
	html_filters(out, x);
	sl_buf_puts(out, "<div class=\"layout\">\n");
	sl_buf_printf(&x->toc, "<nav class=\"toc\"><h2>%s</h2>\n<ul>\n",
		      sl_label(x->lang, SL_L_CONTENTS));
	x->buf = &x->main;
	sl_buf_puts(x->buf, "<main>\n");
	sheet_note(x->buf, r, x->lang, false, doc_html, NULL, NULL);
}

static void html_diag(review_out *x, const sl_diag *d, bool general)
{
	sl_buf b = SL_BUF_INIT;
	(void)general;
	sl_diag_format(&b, d);
	sl_buf_printf(x->buf, "<li class=\"%s\"><code>",
		      d->severity == SL_SEV_ERROR ? "error" : "warning");
	sl_escape_html(x->buf, b.ptr, b.len);
	sl_buf_puts(x->buf, "</code></li>\n");
	sl_buf_dispose(&b);
}

/* A section: its line in the contents, with its count, and its block in
 * the main column (both whatever the section, so that the filters find
 * every change inside one). */
static void html_group_open(review_out *x, const sl_section *sec, size_t count)
{
	const char *id = sec ? sec->id : "";
	sl_buf_puts(&x->toc, "<li data-sec=\"");
	html_text(&x->toc, id);
	sl_buf_puts(&x->toc, "\"><a href=\"#");
	html_anchor(&x->toc, "sec-", id);
	sl_buf_puts(&x->toc, "\">");
	if (sec)
		sl_render__section_name(&x->toc, sec->id, sec, sl_escape_html);
	sl_buf_printf(&x->toc, "</a> <span class=\"count\">(%zu)</span><ul>\n",
		      count);
	sl_buf_puts(x->buf, "<div class=\"sec\" data-sec=\"");
	html_text(x->buf, id);
	sl_buf_puts(x->buf, "\">\n<h2 id=\"");
	html_anchor(x->buf, "sec-", id);
	sl_buf_puts(x->buf, "\">");
	if (sec)
		sl_render__section_name(x->buf, sec->id, sec, sl_escape_html);
	sl_buf_puts(x->buf, "</h2>\n");
}

/* The pending run of pure renumberings as one line (a card of its own
 * for the filters, each id keeping its anchor). */
static void html_flush_moves(review_out *x)
{
	if (!x->moves.len)
		return;
	sl_buf_printf(
		x->buf,
		"<section class=\"change moves\" data-kind=\"renumbered\">"
		"<p><b>%s</b>: ",
		sl_label(x->lang, SL_L_RENUMBERED));
	sl_buf_put(x->buf, x->moves.ptr, x->moves.len);
	sl_buf_puts(x->buf, "</p></section>\n");
	sl_buf_clear(&x->moves);
}

static void html_group_close(review_out *x)
{
	html_flush_moves(x);
	sl_buf_puts(&x->toc, "</ul></li>\n");
	sl_buf_puts(x->buf, "</div>\n");
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

/* The change's line in the contents; its heading, context and the head
 * of its side-by-side table. */
static void html_change(review_out *x, const sl_review_entry *e)
{
	const sl_change *c = e->change;
	sl_buf *out = x->buf;
	sl_lang lang = x->lang;

	sl_buf_printf(&x->toc, "<li data-kind=\"%s\"><a href=\"#",
		      sl_change_kind(c));
	html_anchor(&x->toc, "item-", c->id);
	sl_buf_puts(&x->toc, "\">");
	sl_render__change_id(&x->toc, c, sl_escape_html);
	sl_buf_printf(&x->toc, "</a> <span class=\"count\">%s</span></li>\n",
		      sl_render__status_label(lang, c));
	x->skip = is_pure_move(e);
	if (x->skip) {
		/* "1-3 → 1-4, 1-4 → 1-5" in one line, as the Markdown. */
		if (x->moves.len)
			sl_buf_puts(&x->moves, ", ");
		sl_buf_puts(&x->moves, "<span id=\"");
		html_anchor(&x->moves, "item-", c->id);
		sl_buf_puts(&x->moves, "\">");
		sl_render__change_id(&x->moves, c, sl_escape_html);
		sl_buf_puts(&x->moves, "</span>");
		return;
	}
	html_flush_moves(x);

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
	sl_render__signoff_html(out, x->r, &e->signoff, x->lang);
	html_context(out, x->r->diff, c, lang);
	if (c->field_count)
		sl_buf_printf(out,
			      "<table class=\"sbs\"><thead><tr><th class=\"f\">"
			      "%s</th><th>%s</th><th>%s</th></tr></thead>"
			      "<tbody>\n",
			      sl_label(lang, SL_L_FIELD),
			      sl_label(lang, SL_L_OLD_TEXT),
			      sl_label(lang, SL_L_NEW_TEXT));
}

static void html_field(review_out *x, const sl_change *c,
		       const sl_field_change *fc, const char *label)
{
	(void)c;
	sl_render__html_field_head(x->buf, "<tr><th class=\"f\">", label, fc,
				   x->lang);
	sl_buf_puts(x->buf, "<td class=\"old\">");
	sl_render__side_html_tag(x->buf, &fc->ops, 0, "del");
	sl_buf_puts(x->buf, "</td><td class=\"new\">");
	sl_render__side_html_tag(x->buf, &fc->ops, 1, "ins");
	sl_buf_puts(x->buf, "</td></tr>\n");
}

static void html_fields_close(review_out *x, const sl_review_entry *e)
{
	if (!x->skip && e->change->field_count)
		sl_buf_puts(x->buf, "</tbody></table>\n");
}

static void html_change_close(review_out *x, const sl_review_entry *e)
{
	(void)e;
	if (x->skip) {
		x->skip = false;
		return;
	}
	sl_buf_puts(x->buf, "</section>\n");
}

/* The contents, then the main column, the footer and the script. */
static void html_end(review_out *x)
{
	sl_buf *out = x->out;
	if (nothing_changed(x->r))
		sl_buf_printf(x->buf, "<p>%s</p>\n",
			      sl_label(x->lang, SL_L_NO_CHANGES));
	sl_buf_put(out, x->toc.ptr, x->toc.len);
	sl_buf_puts(out, "</ul></nav>\n");
	sl_buf_put(out, x->main.ptr, x->main.len);
	sl_buf_printf(out, "</main>\n</div>\n<footer>%s</footer>\n<script>\n",
		      sl_label(x->lang, SL_L_GENERATED_BY));
	sl_buf_puts(out, review_js);
	sl_buf_puts(out, "</script>\n");
	sl_render__html_close(out);
}

static const review_marks html_findings = {
	"<h2>", "</h2>\n", "<ul class=\"findings\">\n", "</ul>\n"};

static const review_emitter html_emitter = {
	html_begin,        &html_findings,   html_diag,
	html_group_open,   html_group_close, NULL,
	html_change,       html_field,       html_fields_close,
	html_change_close, html_end,
};

/* The entry points of render.h: the walk with each format's emitter. */
#define REVIEW_RENDERER(name, emitter)                      \
	int name(sl_buf *out, const sl_review *r,           \
		 const sl_render_options *opts)             \
	{                                                   \
		return review_walk(out, r, opts, &emitter); \
	}
REVIEW_RENDERER(sl_render_review_text, text_emitter)
REVIEW_RENDERER(sl_render_review_markdown, md_emitter)
REVIEW_RENDERER(sl_render_review_html, html_emitter)
