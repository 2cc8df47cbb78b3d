/*
 * render_doc.c: the 文書の変更 part of the readers' documents: the
 * document diff (diff_doc.h) as text, Markdown and HTML, for diff,
 * changelog and review. One walk visits the document's own fields (as a
 * group headed 文書), then each changed section and scope, and calls a
 * small emitter per format.
 */
#include "render_int.h"

#include <string.h>

#include "escape.h"

const char *sl_render__doc_field_label(sl_lang lang, const char *field)
{
	static const struct {
		const char *field;
		sl_label_id label;
	} map[] = {
		{"title", SL_L_DOC_TITLE},
		{"publisher", SL_L_PUBLISHER},
		{"source_url", SL_L_SOURCE},
		{"introduction", SL_L_DOC_INTRODUCTION},
		{"as_of_note", SL_L_DOC_AS_OF_NOTE},
		{"columns.id", SL_L_DOC_COL_ID},
		{"columns.category", SL_L_DOC_COL_CATEGORY},
		{"columns.question", SL_L_DOC_COL_QUESTION},
		{"columns.answer", SL_L_DOC_COL_ANSWER},
		{"disclaimer_title", SL_L_DOC_DISCLAIMER_TITLE},
		{"disclaimer", SL_L_DOC_DISCLAIMER},
		{"page_header", SL_L_DOC_PAGE_HEADER},
		{"page_footer", SL_L_DOC_PAGE_FOOTER},
		{"scope", SL_L_SCOPE},
	};
	size_t i;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].field, field))
			return sl_label(lang, map[i].label);
	return field; /* an extra key of sheet.json */
}

const char *sl_render__doc_status_label(sl_lang lang, const sl_doc_part *p)
{
	if (p->notation_only)
		return sl_label(lang, SL_L_NOTATION_ONLY);
	switch (p->status) {
	case SL_DOC_ADDED:
		return sl_label(lang, SL_L_ADDED);
	case SL_DOC_REMOVED:
		return sl_label(lang, SL_L_REMOVED);
	case SL_DOC_RENAMED:
		return sl_label(lang, SL_L_RENAMED);
	case SL_DOC_MODIFIED:
		break;
	}
	return sl_label(lang, SL_L_MODIFIED);
}

const char *sl_render__doc_kind(const sl_doc_part *p)
{
	if (p->notation_only)
		return "notation";
	return p->status == SL_DOC_ADDED     ? "added"
	       : p->status == SL_DOC_REMOVED ? "removed"
					     : "modified";
}

void sl_render__doc_part_name(sl_buf *out, sl_lang lang, const sl_doc_part *p,
			      bool scope, sl_render_esc_fn esc)
{
	if (!p) {
		sl_buf_puts(out, sl_label(lang, SL_L_DOC_SELF));
		return;
	}
	sl_buf_puts(out, sl_label(lang, scope ? SL_L_SCOPE : SL_L_SECTION));
	sl_buf_putc(out, ' ');
	esc(out, p->id, strlen(p->id));
	if (p->title) {
		sl_buf_puts(out, scope ? ": " : ". ");
		esc(out, p->title, strlen(p->title));
	}
}

sl_label_id sl_render__doc_note(bool added, bool removed, bool notation)
{
	return added      ? SL_L_SHINKYU_ADDED
	       : removed  ? SL_L_SHINKYU_REMOVED
	       : notation ? SL_L_SHINKYU_NOTATION
			  : SL_L_SHINKYU_CHANGED;
}

void sl_render__doc_note_text(sl_buf *out, sl_lang lang, sl_label_id note,
			      const sl_field_change *fields, size_t n,
			      sl_render_esc_fn esc)
{
	size_t i, k = 0;
	sl_buf_puts(out, sl_label(lang, note));
	/* The two sides look alike: name the characters. */
	for (i = 0; note == SL_L_SHINKYU_NOTATION && i < n; i++) {
		if (!fields[i].notation_only)
			continue;
		sl_buf_puts(out, k++ ? ", " : " ");
		sl_render__notation_points(out, &fields[i], esc);
	}
}

bool sl_render__doc_field_shown(const sl_render_options *o,
				const sl_field_change *f)
{
	return !(o->substantive && f->notation_only);
}

/* What one format writes: the part's heading (shown: the changes it will
 * list), a group's head (p NULL: the document's own fields), each
 * field, a group's end. */
typedef struct doc_emitter {
	void (*open)(void *ctx, size_t shown);
	void (*group)(void *ctx, const sl_doc_part *p, bool scope);
	void (*field)(void *ctx, const sl_field_change *fc, const char *label);
	void (*group_close)(void *ctx);
} doc_emitter;

/* Shown fields of a group under the options. */
static size_t fields_shown(const sl_render_options *o, const sl_field_change *f,
			   size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		k += sl_render__doc_field_shown(o, &f[i]);
	return k;
}

size_t sl_render__doc_shown(const sl_diff *diff, const sl_render_options *o)
{
	const sl_doc_diff *doc = sl_diff_doc(diff);
	size_t i, k = fields_shown(o, doc->fields, doc->field_count);
	for (i = 0; i < doc->section_count; i++)
		k += !(o->substantive && doc->sections[i].notation_only);
	for (i = 0; i < doc->scope_count; i++)
		k += !(o->substantive && doc->scopes[i].notation_only);
	return k;
}

static void walk_group(const sl_render_options *o, const doc_emitter *em,
		       void *ctx, const sl_doc_part *p, bool scope,
		       const sl_field_change *f, size_t n)
{
	size_t i;
	if (fields_shown(o, f, n) == 0 ||
	    (p && o->substantive && p->notation_only))
		return;
	em->group(ctx, p, scope);
	for (i = 0; i < n; i++)
		if (sl_render__doc_field_shown(o, &f[i]))
			em->field(ctx, &f[i],
				  sl_render__doc_field_label(o->lang,
							     f[i].field));
	if (em->group_close)
		em->group_close(ctx);
}

static size_t doc_walk(const sl_diff *diff, const sl_render_options *o,
		       const doc_emitter *em, void *ctx)
{
	const sl_doc_diff *doc = sl_diff_doc(diff);
	size_t i, shown = sl_render__doc_shown(diff, o);
	if (shown == 0)
		return 0;
	em->open(ctx, shown);
	walk_group(o, em, ctx, NULL, false, doc->fields, doc->field_count);
	for (i = 0; i < doc->section_count; i++)
		walk_group(o, em, ctx, &doc->sections[i], false,
			   doc->sections[i].fields,
			   doc->sections[i].field_count);
	for (i = 0; i < doc->scope_count; i++)
		walk_group(o, em, ctx, &doc->scopes[i], true,
			   doc->scopes[i].fields, doc->scopes[i].field_count);
	return shown;
}

typedef struct doc_ctx {
	sl_buf *out;
	const sl_render_options *o;
	const char *h; /* Markdown: the part's heading marks, e.g. "###";
			* HTML: the element of a group */
} doc_ctx;

/* ---- text ---- */

static void text_open(void *ctx, size_t shown)
{
	doc_ctx *x = ctx;
	sl_buf_printf(x->out, "\n%s== %s (%zu) ==%s\n",
		      x->o->color ? SL_ANSI_BOLD : "",
		      sl_label(x->o->lang, SL_L_DOC_CHANGES), shown,
		      x->o->color ? SL_ANSI_RESET : "");
}

static void text_group(void *ctx, const sl_doc_part *p, bool scope)
{
	doc_ctx *x = ctx;
	bool color = x->o->color;
	char mark = !p                            ? '~'
		    : p->status == SL_DOC_ADDED   ? '+'
		    : p->status == SL_DOC_REMOVED ? '-'
						  : '~';
	if (color)
		sl_buf_puts(x->out, mark == '+'   ? SL_ANSI_GREEN
				    : mark == '-' ? SL_ANSI_RED
						  : SL_ANSI_CYAN);
	sl_buf_printf(x->out, "%c ", mark);
	sl_render__doc_part_name(x->out, x->o->lang, p, scope, sl_buf_put);
	if (color)
		sl_buf_puts(x->out, SL_ANSI_RESET);
	if (p)
		sl_buf_printf(x->out, " %s",
			      sl_render__doc_status_label(x->o->lang, p));
	sl_buf_putc(x->out, '\n');
}

static void text_field(void *ctx, const sl_field_change *fc, const char *label)
{
	doc_ctx *x = ctx;
	sl_render__field_text(x->out, NULL, fc, label, x->o->lang, 4,
			      x->o->color, false);
}

static const doc_emitter text_emitter = {text_open, text_group, text_field,
					 NULL};

size_t sl_render__doc_text(sl_buf *out, const sl_diff *diff,
			   const sl_render_options *o)
{
	doc_ctx x = {out, o, NULL};
	return doc_walk(diff, o, &text_emitter, &x);
}

/* ---- Markdown ---- */

static void md_open(void *ctx, size_t shown)
{
	doc_ctx *x = ctx;
	(void)shown;
	sl_buf_printf(x->out, "%s %s\n\n", x->h,
		      sl_label(x->o->lang, SL_L_DOC_CHANGES));
}

static void md_group(void *ctx, const sl_doc_part *p, bool scope)
{
	doc_ctx *x = ctx;
	sl_buf_printf(x->out, "%s# ", x->h);
	sl_render__doc_part_name(x->out, x->o->lang, p, scope, sl_escape_md);
	if (p)
		sl_buf_printf(x->out, " (%s)",
			      sl_render__doc_status_label(x->o->lang, p));
	sl_buf_puts(x->out, "\n\n");
}

static void md_field(void *ctx, const sl_field_change *fc, const char *label)
{
	doc_ctx *x = ctx;
	sl_render__field_md(x->out, NULL, fc, label, x->o->lang, true, false);
}

static const doc_emitter md_emitter = {md_open, md_group, md_field, NULL};

size_t sl_render__doc_md(sl_buf *out, const sl_diff *diff,
			 const sl_render_options *o, const char *h)
{
	doc_ctx x = {out, o, h};
	return doc_walk(diff, o, &md_emitter, &x);
}

/* ---- HTML ---- */

static void html_open(void *ctx, size_t shown)
{
	doc_ctx *x = ctx;
	(void)shown;
	sl_buf_printf(x->out, "<h2>%s</h2>\n",
		      sl_label(x->o->lang, SL_L_DOC_CHANGES));
}

static void html_group(void *ctx, const sl_doc_part *p, bool scope)
{
	doc_ctx *x = ctx;
	sl_buf_printf(x->out, "<%s class=\"change doc %s\">\n<h3>", x->h,
		      p ? sl_render__doc_kind(p) : "modified");
	sl_render__doc_part_name(x->out, x->o->lang, p, scope, sl_escape_html);
	if (p)
		sl_buf_printf(x->out, "<span class=\"badge\">%s</span>",
			      sl_render__doc_status_label(x->o->lang, p));
	sl_buf_puts(x->out, "</h3>\n<table>\n");
}

static void html_field(void *ctx, const sl_field_change *fc, const char *label)
{
	doc_ctx *x = ctx;
	sl_render__html_field_head(x->out, "<tr><th>", label, fc, x->o->lang);
	sl_buf_puts(x->out, "<td>");
	sl_render__ops_html(x->out, &fc->ops);
	sl_buf_puts(x->out, "</td></tr>\n");
}

static void html_group_close(void *ctx)
{
	doc_ctx *x = ctx;
	sl_buf_printf(x->out, "</table>\n</%s>\n", x->h);
}

static const doc_emitter html_emitter = {html_open, html_group, html_field,
					 html_group_close};

size_t sl_render__doc_html(sl_buf *out, const sl_diff *diff,
			   const sl_render_options *o, const char *tag)
{
	doc_ctx x = {out, o, tag};
	return doc_walk(diff, o, &html_emitter, &x);
}

size_t sl_render__doc_html_sections(sl_buf *out, const sl_diff *diff,
				    const sl_render_options *o)
{
	return sl_render__doc_html(out, diff, o, "section");
}
