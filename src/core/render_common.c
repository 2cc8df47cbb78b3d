/*
 * render_common.c: pieces the document traversals and their emitters
 * share: field labels, revision names, change ids, section names, summary
 * tables, and inline change markup per format.
 */
#include "render_int.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "escape.h"
#include "date.h"
#include "utf8.h"

const char *sl_render__field_label(sl_lang lang, const sl_sheet *sheet,
				   const char *field)
{
	const sl_sheet_meta *m = sheet ? sl_sheet_meta_get(sheet) : NULL;
	bool ja = lang == SL_LANG_JA;
	if (!strcmp(field, "category"))
		return ja && m && m->columns.category
			       ? m->columns.category
			       : sl_label(lang, SL_L_CATEGORY);
	if (!strcmp(field, "question"))
		return ja && m && m->columns.question
			       ? m->columns.question
			       : sl_label(lang, SL_L_QUESTION);
	if (!strcmp(field, "answer"))
		return ja && m && m->columns.answer
			       ? m->columns.answer
			       : sl_label(lang, SL_L_ANSWER);
	if (!strcmp(field, "section"))
		return sl_label(lang, SL_L_SECTION);
	if (!strcmp(field, "scope"))
		return sl_label(lang, SL_L_SCOPE);
	if (!strcmp(field, "id"))
		return ja && m && m->columns.id ? m->columns.id
						: sl_label(lang, SL_L_ID);
	return field;
}

void sl_render__rev_date(sl_buf *out, const sl_rev *rev)
{
	sl_buf iso = SL_BUF_INIT;
	if (!rev || rev->kind != SL_SNAP_COMMIT)
		return;
	sl_date_format_iso(&iso, rev->commit.committer.time,
			   rev->commit.committer.offset_min);
	sl_buf_put(out, sl_buf_cstr(&iso), iso.len >= 10 ? 10 : iso.len);
	sl_buf_dispose(&iso);
}

void sl_render__rev_name(sl_buf *out, const sl_rev *rev, sl_lang lang)
{
	if (!rev) {
		sl_buf_puts(out, "?");
		return;
	}
	if (rev->kind == SL_SNAP_WORKTREE) {
		/* A file outside the repository (import --from csv) is named
		 * by its label; the working tree by the word for it. */
		sl_buf_puts(out, rev->label && strcmp(rev->label, "WORKTREE")
					 ? rev->label
					 : sl_label(lang, SL_L_WORKTREE));
		return;
	}
	if (rev->kind == SL_SNAP_INDEX) {
		sl_buf_puts(out, sl_label(lang, SL_L_INDEX));
		return;
	}
	sl_buf_puts(out, rev->edition ? rev->edition : rev->label);
	sl_buf_printf(out, " (%.7s, ", rev->commit.id);
	sl_render__rev_date(out, rev);
	sl_buf_putc(out, ')');
}

void sl_render__rev_span(sl_buf *out, const sl_rev *from, const sl_rev *to,
			 sl_lang lang)
{
	sl_render__rev_name(out, from, lang);
	sl_buf_puts(out, " → ");
	sl_render__rev_name(out, to, lang);
}

void sl_render__rev_pair(sl_buf *out, sl_lang lang, sl_render_esc_fn esc,
			 sl_label_id la, const sl_rev *a, const char *sep,
			 sl_label_id lb, const sl_rev *b)
{
	sl_buf name = SL_BUF_INIT;
	sl_buf_printf(out, "%s: ", sl_label(lang, la));
	sl_render__rev_name(&name, a, lang);
	esc(out, sl_buf_cstr(&name), name.len);
	sl_buf_clear(&name);
	sl_buf_printf(out, "%s%s: ", sep, sl_label(lang, lb));
	sl_render__rev_name(&name, b, lang);
	esc(out, sl_buf_cstr(&name), name.len);
	sl_buf_dispose(&name);
}

const char *sl_render__status_label(sl_lang lang, const sl_change *c)
{
	switch (c->status) {
	case SL_CHANGE_ADDED:
		return sl_label(lang, SL_L_ADDED);
	case SL_CHANGE_REMOVED:
		return sl_label(lang, SL_L_REMOVED);
	case SL_CHANGE_RENUMBERED:
		return sl_label(lang, SL_L_RENUMBERED);
	case SL_CHANGE_REPLACED:
		return sl_label(lang, SL_L_REPLACED);
	case SL_CHANGE_MODIFIED:
		break;
	}
	return c->notation_only ? sl_label(lang, SL_L_NOTATION_ONLY)
				: sl_label(lang, SL_L_MODIFIED);
}

bool sl_render__field_shown(const sl_change *c, const sl_field_change *f)
{
	if (c->status != SL_CHANGE_ADDED && c->status != SL_CHANGE_REMOVED &&
	    c->status != SL_CHANGE_REPLACED)
		return true;
	return strcmp(f->field, "section") && strcmp(f->field, "scope");
}

bool sl_render__shown(const sl_render_options *opts, const sl_change *c)
{
	return !(opts->substantive && c->notation_only);
}

const sl_sheet *sl_render__labels_of(const sl_diff *diff, const sl_change *c)
{
	return c->new_item ? sl_diff_new_sheet(diff) : sl_diff_old_sheet(diff);
}

void sl_render__change_id(sl_buf *out, const sl_change *c, sl_render_esc_fn esc)
{
	if (c->status == SL_CHANGE_RENUMBERED) {
		esc(out, c->old_id, strlen(c->old_id));
		sl_buf_puts(out, " → ");
	}
	esc(out, c->id, strlen(c->id));
}

void sl_render__published(sl_buf *out, const char *published_in,
			  const char *after, sl_lang lang, sl_render_esc_fn esc)
{
	if (published_in) {
		sl_buf_printf(out, "%s ", sl_label(lang, SL_L_PUBLISHED_IN));
		esc(out, published_in, strlen(published_in));
	} else {
		sl_buf_puts(out, sl_label(lang, SL_L_UNPUBLISHED));
	}
	if (after) {
		sl_buf_printf(out, ", %s ", sl_label(lang, SL_L_AFTER_EDITION));
		esc(out, after, strlen(after));
	}
}

void sl_render__section_name(sl_buf *out, const char *id, const sl_section *sec,
			     sl_render_esc_fn esc)
{
	esc(out, id, strlen(id));
	if (sec) {
		sl_buf_puts(out, ". ");
		esc(out, sec->title, strlen(sec->title));
	}
}

const char *sl_render__rev_short(const sl_rev *rev)
{
	return rev && rev->edition ? rev->edition : rev ? rev->label : "?";
}

/* ---- summaries ---- */

/* The summary columns in the order every document shows them. Every
 * count is always shown, 0 included (差し替え too: one rule for every
 * summary, the JSON's and the CSV's columns included), so a reader can
 * compare two summaries column by column. @return the column count */
static size_t summary_counts(size_t k[8], sl_label_id label[8],
			     const sl_diff_summary *s, bool with_unchanged)
{
	size_t n = 0;
#define COLUMN(l, v) (label[n] = (l), k[n++] = (v))
	COLUMN(SL_L_ADDED, s->added);
	COLUMN(SL_L_REMOVED, s->removed);
	COLUMN(SL_L_MODIFIED, s->modified);
	COLUMN(SL_L_RENUMBERED, s->renumbered);
	COLUMN(SL_L_REPLACED, s->replaced);
	COLUMN(SL_L_NOTATION_ONLY, s->notation_only);
	if (with_unchanged)
		COLUMN(SL_L_UNCHANGED, s->unchanged);
#undef COLUMN
	return n;
}

void sl_render__summary_table(sl_buf *out, const sl_diff *diff,
			      const sl_render_options *o, bool html)
{
	size_t k[8], i, n;
	sl_label_id label[8];
	sl_lang lang = o->lang;
	n = summary_counts(k, label, sl_diff_summary_of(diff), true);
	/* The document's changes, counted apart from the items (their
	 * columns partition the items): as the 文書の変更 part counts them. */
	label[n] = SL_L_DOC_CHANGES;
	k[n++] = sl_render__doc_shown(diff, o);
	sl_buf_puts(out, html ? "<table class=\"summary\"><thead><tr>" : "|");
	for (i = 0; i < n; i++)
		sl_buf_printf(out, html ? "<th>%s</th>" : " %s |",
			      sl_label(lang, label[i]));
	sl_buf_puts(out, html ? "</tr></thead>\n<tbody><tr>" : "\n|");
	for (i = 0; !html && i < n; i++)
		sl_buf_puts(out, "---:|");
	if (!html)
		sl_buf_puts(out, "\n|");
	for (i = 0; i < n; i++)
		sl_buf_printf(out, html ? "<td>%zu</td>" : " %zu |", k[i]);
	sl_buf_puts(out, html ? "</tr></tbody></table>\n" : "\n\n");
}

void sl_render__summary_pairs(sl_buf *out, const sl_diff_summary *s,
			      sl_lang lang, const char *sep,
			      bool with_unchanged)
{
	size_t k[8], i, n;
	sl_label_id label[8];
	n = summary_counts(k, label, s, with_unchanged);
	for (i = 0; i < n; i++)
		sl_buf_printf(out, "%s%s %zu", i ? sep : "",
			      sl_label(lang, label[i]), k[i]);
}

void sl_render__group_summary(sl_diff_summary *out, const sl_diff *diff,
			      const sl_render_group *g)
{
	size_t i;
	memset(out, 0, sizeof(*out));
	for (i = g->first; i < g->first + g->count; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		sl_diff_summary_count(out, c);
	}
}

/* ---- Markdown ---- */

static int32_t first_cp(const char *s, size_t len)
{
	size_t pos = 0;
	int32_t cp = 0;
	if (len == 0 || !sl_utf8_next(s, len, &pos, &cp))
		return 0;
	return cp;
}

static int32_t last_cp(const char *s, size_t len)
{
	size_t pos = len > 4 ? len - 4 : 0;
	int32_t cp = 0, c;
	/* Step back to a code point start, then decode forward. */
	while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos--;
	while (pos < len) {
		if (sl_utf8_next(s, len, &pos, &c))
			cp = c;
		else
			pos++;
	}
	return cp;
}

static bool ws_or_punct(int32_t cp)
{
	return cp == 0 || sl_utf8_is_space(cp) || cp == '\n' ||
	       sl_utf8_is_punct(cp);
}

/*
 * CommonMark opens "**x" only when x is not whitespace and, if x is
 * punctuation, the character before is whitespace or punctuation (and
 * mirror rules for closing). Japanese edits often start with 、 or end
 * with 。, so check, and use the HTML tags where the delimiters would
 * print literally.
 */
static bool delimiters_hold(int32_t before, const char *s, size_t len,
			    int32_t after)
{
	int32_t first = first_cp(s, len), last = last_cp(s, len);
	if (len == 0 || sl_utf8_is_space(first) || sl_utf8_is_space(last) ||
	    memchr(s, '\n', len))
		return false;
	if (sl_utf8_is_punct(first) && !ws_or_punct(before))
		return false;
	if (sl_utf8_is_punct(last) && !ws_or_punct(after))
		return false;
	return true;
}

void sl_render__ops_md(sl_buf *out, const sl_text_ops *ops, bool in_cell)
{
	size_t i;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		int32_t before = 0, after = 0;
		const char *open, *close;
		if (op->op == SL_OP_EQUAL) {
			if (in_cell)
				sl_escape_md_cell(out, op->text, op->len);
			else
				sl_escape_md(out, op->text, op->len);
			continue;
		}
		if (i > 0)
			before = last_cp(ops->ops[i - 1].text,
					 ops->ops[i - 1].len);
		if (i + 1 < ops->count)
			after = first_cp(ops->ops[i + 1].text,
					 ops->ops[i + 1].len);
		if (delimiters_hold(before, op->text, op->len, after)) {
			open = close = op->op == SL_OP_DELETE ? "~~" : "**";
		} else {
			open = op->op == SL_OP_DELETE ? "<del>" : "<ins>";
			close = op->op == SL_OP_DELETE ? "</del>" : "</ins>";
		}
		sl_buf_puts(out, open);
		if (in_cell)
			sl_escape_md_cell(out, op->text, op->len);
		else
			sl_escape_md(out, op->text, op->len);
		sl_buf_puts(out, close);
	}
}

/* One side of a substitution: its text, then each code point; "∅" for
 * no text. */
static void run_points(sl_buf *out, const sl_text_op *op, sl_render_esc_fn esc)
{
	size_t pos = 0;
	int32_t cp;
	if (!op) {
		sl_buf_puts(out, "∅");
		return;
	}
	esc(out, op->text, op->len);
	while (pos < op->len)
		if (sl_utf8_next(op->text, op->len, &pos, &cp))
			sl_buf_printf(out, " U+%04X", (unsigned)cp);
		else
			pos++;
}

void sl_render__notation_points(sl_buf *out, const sl_field_change *fc,
				sl_render_esc_fn esc)
{
	const sl_text_ops *ops = &fc->ops;
	size_t i;
	bool first = true;
	if (!fc->notation_only)
		return;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i], *next;
		const sl_text_op *del = NULL, *ins = NULL;
		if (op->op == SL_OP_EQUAL)
			continue;
		next = i + 1 < ops->count ? &ops->ops[i + 1] : NULL;
		if (op->op == SL_OP_DELETE)
			del = op;
		else
			ins = op;
		/* A replacement is a delete and an insert side by side. */
		if (next && next->op != SL_OP_EQUAL && next->op != op->op) {
			if (next->op == SL_OP_DELETE)
				del = next;
			else
				ins = next;
			i++;
		}
		if (!first)
			sl_buf_puts(out, ", ");
		first = false;
		run_points(out, del, esc);
		sl_buf_puts(out, " → ");
		run_points(out, ins, esc);
	}
}

void sl_render__field_md(sl_buf *out, const sl_change *c,
			 const sl_field_change *fc, const char *label,
			 sl_lang lang, bool mark_notation, bool whole_text)
{
	sl_buf_puts(out, "**");
	sl_escape_md(out, label, strlen(label));
	sl_buf_puts(out, "**");
	if (mark_notation && fc->notation_only) {
		sl_buf_printf(out,
			      " (%s: ", sl_label(lang, SL_L_NOTATION_ONLY));
		sl_render__notation_points(out, fc, sl_escape_md);
		sl_buf_putc(out, ')');
	}
	sl_buf_puts(out, ": ");
	if (whole_text && c &&
	    (c->status == SL_CHANGE_ADDED || c->status == SL_CHANGE_REMOVED)) {
		const char *t = c->status == SL_CHANGE_ADDED ? fc->new_text
							     : fc->old_text;
		if (t)
			sl_escape_md(out, t, strlen(t));
	} else
		sl_render__ops_md(out, &fc->ops, false);
	sl_buf_puts(out, "\n\n");
}

/* One side of ops (0 old, 1 new) for a 新旧対照表 cell: the equal text
 * and that side's edits in <tag>, all through escape. */
static void render_side(sl_buf *out, const sl_text_ops *ops, int side,
			void (*escape)(sl_buf *, const char *, size_t),
			const char *tag)
{
	size_t i;
	sl_op_kind mine = side == 0 ? SL_OP_DELETE : SL_OP_INSERT;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		if (op->op == SL_OP_EQUAL) {
			escape(out, op->text, op->len);
		} else if (op->op == mine) {
			sl_buf_printf(out, "<%s>", tag);
			escape(out, op->text, op->len);
			sl_buf_printf(out, "</%s>", tag);
		}
	}
}

void sl_render__side_md(sl_buf *out, const sl_text_ops *ops, int side)
{
	render_side(out, ops, side, sl_escape_md_cell, "u");
}

/* ---- HTML ---- */

void sl_render__ops_html(sl_buf *out, const sl_text_ops *ops)
{
	size_t i;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		if (op->op == SL_OP_EQUAL) {
			sl_escape_html_lines(out, op->text, op->len);
			continue;
		}
		sl_buf_puts(out, op->op == SL_OP_DELETE ? "<del>" : "<ins>");
		sl_escape_html_lines(out, op->text, op->len);
		sl_buf_puts(out, op->op == SL_OP_DELETE ? "</del>" : "</ins>");
	}
}

void sl_render__html_field_head(sl_buf *out, const char *th_open,
				const char *label, const sl_field_change *fc,
				sl_lang lang)
{
	sl_buf_puts(out, th_open);
	sl_escape_html(out, label, strlen(label));
	if (fc->notation_only) {
		sl_buf_printf(out, "<span class=\"badge\">%s</span>",
			      sl_label(lang, SL_L_NOTATION_ONLY));
		sl_buf_puts(out, "<br><span class=\"cp\">");
		sl_render__notation_points(out, fc, sl_escape_html);
		sl_buf_puts(out, "</span>");
	}
	sl_buf_puts(out, "</th>");
}

void sl_render__html_field_row(sl_buf *out, const sl_change *c,
			       const sl_field_change *fc, const char *label,
			       const sl_render_options *o)
{
	(void)c;
	sl_render__html_field_head(out, "<tr><th>", label, fc, o->lang);
	sl_buf_puts(out, "<td>");
	sl_render__ops_html(out, &fc->ops);
	sl_buf_puts(out, "</td></tr>\n");
}

void sl_render__side_html_tag(sl_buf *out, const sl_text_ops *ops, int side,
			      const char *tag)
{
	render_side(out, ops, side, sl_escape_html_lines, tag);
}

void sl_render__side_html(sl_buf *out, const sl_text_ops *ops, int side)
{
	sl_render__side_html_tag(out, ops, side, "u");
}

/* ---- grouping ---- */

int sl_render__groups(sl_render_group **out, size_t *count, const sl_diff *diff)
{
	size_t n = sl_diff_count(diff), i, g = 0;
	sl_render_group *groups;
	*out = NULL;
	*count = 0;
	groups = sl_calloc(n ? n : 1, sizeof(*groups));
	if (!groups)
		return sl_error_oom();
	for (i = 0; i < n; i++) {
		const sl_change *c = sl_diff_change(diff, i);
		const sl_section *sec = sl_diff_section_of(diff, c);
		if (g > 0 && !strcmp(groups[g - 1].section_id,
				     c->section ? c->section : "")) {
			groups[g - 1].count++;
			continue;
		}
		groups[g].section = sec;
		groups[g].section_id = c->section ? c->section : "";
		groups[g].scope = sec ? sec->scope : NULL;
		groups[g].first = i;
		groups[g].count = 1;
		g++;
	}
	*out = groups;
	*count = g;
	return 0;
}

const char *sl_render__scope_title(const sl_diff *diff, const char *scope)
{
	const sl_scope *s = sl_sheet_scope(sl_diff_new_sheet(diff), scope);
	if (!s)
		s = sl_sheet_scope(sl_diff_old_sheet(diff), scope);
	return s && s->title ? s->title : scope;
}

const char *sl_render__sheet_title(const sl_diff *diff)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sl_diff_new_sheet(diff));
	if (!m->title)
		m = sl_sheet_meta_get(sl_diff_old_sheet(diff));
	return m->title ? m->title : "checklist";
}

const char *sl_render__rev_label(sl_lang lang, const char *label)
{
	if (!strcmp(label, "WORKTREE"))
		return sl_label(lang, SL_L_WORKTREE);
	if (!strcmp(label, "INDEX"))
		return sl_label(lang, SL_L_INDEX);
	return label;
}
