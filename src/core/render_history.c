/*
 * render_history.c: history, show, blame and log as text, Markdown and
 * CSV, and history as HTML (their JSON lives in render_json_history.c;
 * the audit in render_audit.c). Dates are ISO 8601 with
 * the commit's own offset; sheet text is escaped for each format.
 */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "error.h"
#include "history.h"
#include "render_int.h"
#include "utf8.h"
#include "date.h"
#include "blame.h"
#include "blame_sheet.h"
#include "log.h"

/* Pad a label to `cols` display columns (Japanese labels are 2 wide). */
static void padded(sl_buf *out, const char *label, size_t cols)
{
	size_t w = sl_utf8_cols(label, strlen(label));
	sl_buf_puts(out, label);
	while (w++ < cols)
		sl_buf_putc(out, ' ');
}

static void iso(sl_buf *out, int64_t t, int offset)
{
	sl_date_format_iso(out, t, offset);
}

static const char *status_label(sl_lang lang, const sl_change *c)
{
	return sl_render__status_label(lang, c);
}

/* "  [公開版 2023-04, 基準版 2022-09]" after a commit that is not itself
 * an edition (an edition publishes itself: its "[版 …]" says it). */
static void text_published(sl_buf *out, const char *edition,
			   const char *published_in, const char *after,
			   sl_lang lang, const char *sep)
{
	if (edition)
		return;
	sl_buf_printf(out, "%s[", sep);
	sl_render__published(out, published_in, after, lang, sl_buf_put);
	sl_buf_putc(out, ']');
}

/* ---- history
 * ----------------------------------------------------------------- */

/* " (差し替え: 旧 3-2 は 3-5 に移動)" after a step that brought its item
 * in under a number whose old item moved, or " (旧項目は削除され、…)"
 * after a replaced number (the old item withdrawn). */
static void reuse_note(sl_buf *out, const sl_history_step *s, sl_lang lang,
		       sl_render_esc_fn esc)
{
	const char *id = s->change->id, *end;
	if (!s->reused)
		return;
	if (!s->old_moved_to) {
		sl_buf_printf(out, " (%s)", sl_label(lang, SL_L_REPLACED_NOTE));
		return;
	}
	sl_buf_printf(out, " (%s: %s ", sl_label(lang, SL_L_REPLACED),
		      sl_label(lang, SL_L_REUSED_OLD));
	esc(out, id, strlen(id));
	sl_buf_printf(out, " %s ", sl_label(lang, SL_L_REUSED_MOVED_TO));
	esc(out, s->old_moved_to, strlen(s->old_moved_to));
	end = sl_label(lang, SL_L_REUSED_MOVED_END);
	if (*end)
		sl_buf_printf(out, " %s", end);
	sl_buf_putc(out, ')');
}

/* What every format says after a step's change: its reuse note, then
 * whether the step is a merge's resolution. */
static void step_notes(sl_buf *out, const sl_history_step *s, sl_lang lang,
		       sl_render_esc_fn esc)
{
	reuse_note(out, s, lang, esc);
	if (s->resolution)
		sl_buf_printf(out, " (%s)",
			      sl_label(lang, SL_L_MERGE_RESOLUTION));
}

/* " (版 2023-04)" after a step that is an edition, else, after a commit,
 * " (公開版 …)": the Markdown and HTML step heads put it alike, with
 * their own escaping (the text head has its own "[…]" form). */
static void step_edition(sl_buf *out, const sl_history_step *s, sl_lang lang,
			 sl_render_esc_fn esc)
{
	if (s->edition) {
		sl_buf_printf(out, " (%s ", sl_label(lang, SL_L_EDITION));
		esc(out, s->edition, strlen(s->edition));
		sl_buf_putc(out, ')');
	} else if (s->is_commit) {
		sl_buf_puts(out, " (");
		sl_render__published(out, s->published_in, s->after_edition,
				     lang, esc);
		sl_buf_putc(out, ')');
	}
}

static void text_step_head(sl_buf *out, const sl_history_step *s, sl_lang lang)
{
	const sl_change *c = s->change;
	if (s->is_commit) {
		iso(out, s->time, s->offset_min);
		sl_buf_printf(out, "  %.7s  %s", s->info.id,
			      s->info.author.who);
	} else {
		sl_buf_puts(out, sl_render__rev_label(lang, s->rev));
	}
	if (s->edition)
		sl_buf_printf(out, "  [%s %s]", sl_label(lang, SL_L_EDITION),
			      s->edition);
	if (s->is_commit)
		text_published(out, s->edition, s->published_in,
			       s->after_edition, lang, "  ");
	sl_buf_printf(out, "\n    %s %s", status_label(lang, c), c->id);
	if (c->status == SL_CHANGE_RENUMBERED)
		sl_buf_printf(out, " (← %s)", c->old_id);
	step_notes(out, s, lang, sl_buf_put);
	if (s->is_commit && s->info.summary[0])
		sl_buf_printf(out, "  — %s", s->info.summary);
	sl_buf_putc(out, '\n');
}

static void text_indent(sl_buf *out, const char *s, size_t len)
{
	sl_render__text_indented(out, s, len, 8);
}

static void md(sl_buf *out, const char *s)
{
	if (s)
		sl_escape_md(out, s, strlen(s));
}

/* What one format writes at each point of the history walk. */
typedef struct history_emitter {
	void (*begin)(sl_buf *out, const sl_history *h,
		      const sl_render_options *o);
	void (*step)(sl_buf *out, const sl_history_step *s,
		     const sl_render_options *o);
	void (*field)(sl_buf *out, const sl_change *c,
		      const sl_field_change *fc, const char *label,
		      const sl_render_options *o);
	void (*end)(sl_buf *out, const sl_history *h,
		    const sl_render_options *o);
	/* After a step's fields; optional */
	void (*step_close)(sl_buf *out);
} history_emitter;

/* Newest step first; each with the fields it changed. */
static int history_walk(sl_buf *out, const sl_history *h,
			const sl_render_options *o, const history_emitter *em)
{
	size_t i, f;
	em->begin(out, h, o);
	for (i = 0; i < h->steps.len; i++) {
		const sl_history_step *s = h->steps.items[i];
		const sl_change *c = s->change;
		const sl_sheet *sheet = sl_render__labels_of(s->diff, c);
		em->step(out, s, o);
		for (f = 0; f < c->field_count; f++) {
			const sl_field_change *fc = &c->fields[f];
			if (sl_render__field_shown(c, fc))
				em->field(out, c, fc,
					  sl_render__field_label(o->lang, sheet,
								 fc->field),
					  o);
		}
		if (em->step_close)
			em->step_close(out);
	}
	em->end(out, h, o);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

static void text_begin(sl_buf *out, const sl_history *h,
		       const sl_render_options *o)
{
	sl_buf_printf(out, "%s: %s (%s)\n",
		      sl_label(o->lang, SL_L_HISTORY_TITLE), h->item,
		      sl_render__rev_label(o->lang, h->start));
}

static void text_step(sl_buf *out, const sl_history_step *s,
		      const sl_render_options *o)
{
	sl_buf_putc(out, '\n');
	text_step_head(out, s, o->lang);
}

static void text_field(sl_buf *out, const sl_change *c,
		       const sl_field_change *fc, const char *label,
		       const sl_render_options *o)
{
	sl_render__field_text(out, c, fc, label, o->lang, 6, o->color, false);
}

static void text_end(sl_buf *out, const sl_history *h,
		     const sl_render_options *o)
{
	if (h->truncated)
		sl_buf_printf(out, "\n%s: %.12s\n",
			      sl_label(o->lang, SL_L_TRUNCATED), h->boundary);
}

static const history_emitter text_emitter = {
	text_begin, text_step, text_field, text_end, NULL,
};

int sl_render_history_text(sl_buf *out, const sl_history *h,
			   const sl_render_options *o)
{
	return history_walk(out, h, o, &text_emitter);
}

static void md_begin(sl_buf *out, const sl_history *h,
		     const sl_render_options *o)
{
	sl_buf_printf(out, "## %s: ", sl_label(o->lang, SL_L_HISTORY_TITLE));
	md(out, h->item);
	sl_buf_puts(out, "\n\n");
}

static void md_step(sl_buf *out, const sl_history_step *s,
		    const sl_render_options *o)
{
	const sl_change *c = s->change;
	sl_buf_puts(out, "### ");
	if (s->is_commit) {
		iso(out, s->time, s->offset_min);
		sl_buf_printf(out, " `%.7s`", s->info.id);
	} else {
		md(out, sl_render__rev_label(o->lang, s->rev));
	}
	step_edition(out, s, o->lang, sl_escape_md);
	sl_buf_printf(out, "\n\n- %s: %s ", sl_label(o->lang, SL_L_STATUS),
		      status_label(o->lang, c));
	sl_render__change_id(out, c, sl_escape_md);
	step_notes(out, s, o->lang, sl_escape_md);
	if (s->is_commit) {
		sl_buf_printf(out, "\n- %s: ", sl_label(o->lang, SL_L_AUTHOR));
		md(out, s->info.author.who);
		sl_buf_printf(out, "\n- %s: ", sl_label(o->lang, SL_L_MESSAGE));
		md(out, s->info.summary);
	}
	sl_buf_puts(out, "\n\n");
}

static void md_field(sl_buf *out, const sl_change *c, const sl_field_change *fc,
		     const char *label, const sl_render_options *o)
{
	sl_render__field_md(out, c, fc, label, o->lang, false, true);
}

static void md_end(sl_buf *out, const sl_history *h, const sl_render_options *o)
{
	if (h->truncated)
		sl_buf_printf(out, "> %s: `%.12s`\n",
			      sl_label(o->lang, SL_L_TRUNCATED), h->boundary);
}

static const history_emitter md_emitter = {
	md_begin, md_step, md_field, md_end, NULL,
};

int sl_render_history_markdown(sl_buf *out, const sl_history *h,
			       const sl_render_options *o)
{
	return history_walk(out, h, o, &md_emitter);
}

/* HTML: one self-contained page (render_html.c), a <section> per step
 * with a table of the fields it changed, as the diff page shows them. */
static void html_begin(sl_buf *out, const sl_history *h,
		       const sl_render_options *o)
{
	sl_buf title = SL_BUF_INIT;
	sl_buf_printf(&title, "%s: %s", sl_label(o->lang, SL_L_HISTORY_TITLE),
		      h->item);
	sl_render__html_header(out, sl_buf_cstr(&title), o->lang, NULL);
	sl_buf_puts(out, "<p class=\"meta\">");
	sl_escape_html(out, h->start, strlen(h->start));
	sl_buf_puts(out, "</p>\n</header>\n");
	if (sl_buf_oom(&title))
		out->oom = true; /* a page without its title is incomplete */
	sl_buf_dispose(&title);
}

static void html_step(sl_buf *out, const sl_history_step *s,
		      const sl_render_options *o)
{
	const sl_change *c = s->change;
	sl_buf_printf(out, "<section class=\"change %s\">\n<h2>",
		      sl_change_kind(c));
	if (s->is_commit) {
		iso(out, s->time, s->offset_min);
		sl_buf_printf(out, " <code>%.7s</code>", s->info.id);
	} else {
		sl_escape_html(out, s->rev, strlen(s->rev));
	}
	step_edition(out, s, o->lang, sl_escape_html);
	sl_buf_puts(out, "</h2>\n<p>");
	sl_render__change_id(out, c, sl_escape_html);
	sl_buf_printf(out, "<span class=\"badge\">%s</span>",
		      status_label(o->lang, c));
	step_notes(out, s, o->lang, sl_escape_html);
	if (s->is_commit) {
		sl_buf_puts(out, "<br>");
		sl_escape_html(out, s->info.author.who,
			       strlen(s->info.author.who));
		sl_buf_puts(out, " — ");
		sl_escape_html(out, s->info.summary, strlen(s->info.summary));
	}
	sl_buf_puts(out, "</p>\n<table>\n");
}

static void html_step_close(sl_buf *out)
{
	sl_buf_puts(out, "</table>\n</section>\n");
}

static void html_end(sl_buf *out, const sl_history *h,
		     const sl_render_options *o)
{
	if (h->truncated)
		sl_buf_printf(out,
			      "<p class=\"note\">%s: <code>%.12s</code></p>\n",
			      sl_label(o->lang, SL_L_TRUNCATED), h->boundary);
	sl_render__html_footer(out, o->lang);
}

static const history_emitter html_emitter = {
	html_begin, html_step,       sl_render__html_field_row,
	html_end,   html_step_close,
};

int sl_render_history_html(sl_buf *out, const sl_history *h,
			   const sl_render_options *o)
{
	return history_walk(out, h, o, &html_emitter);
}

/* ---- show
 * ----------------------------------------------------------------------- */

int sl_render_show_text(sl_buf *out, const sl_item *it, const sl_sheet *sheet,
			const sl_rev *rev, const sl_history *h,
			const sl_render_options *o)
{
	static const char *const fields[] = {"category", "question", "answer"};
	const sl_history_step *last =
		h && h->steps.len ? h->steps.items[0] : NULL;
	size_t i;
	sl_buf_printf(out, "%s  (%s", it->id,
		      sl_render__rev_label(o->lang, rev->label));
	if (rev->edition)
		sl_buf_printf(out, ", %s %s", sl_label(o->lang, SL_L_EDITION),
			      rev->edition);
	sl_buf_puts(out, ")\n");
	if (last && last->is_commit) {
		sl_buf_printf(out, "%s: %.7s ",
			      sl_label(o->lang, SL_L_LAST_CHANGED),
			      last->info.id);
		iso(out, last->time, last->offset_min);
		sl_buf_printf(out, " %s", last->info.author.who);
		if (last->edition)
			sl_buf_printf(out, " [%s %s]",
				      sl_label(o->lang, SL_L_EDITION),
				      last->edition);
		text_published(out, last->edition, last->published_in,
			       last->after_edition, o->lang, " ");
		sl_buf_putc(out, '\n');
	} else if (last) {
		sl_buf_printf(out, "%s: %s\n",
			      sl_label(o->lang, SL_L_LAST_CHANGED),
			      sl_render__rev_label(o->lang, last->rev));
	}
	sl_buf_printf(out, "%s: %s\n", sl_label(o->lang, SL_L_SECTION),
		      it->section);
	for (i = 0; i < SL_ARRAY_SIZE(fields); i++) {
		const char *v = sl_item_get(it, fields[i], NULL);
		if (!v)
			continue;
		sl_buf_printf(
			out, "%s: ",
			sl_render__field_label(o->lang, sheet, fields[i]));
		text_indent(out, v, strlen(v));
		sl_buf_putc(out, '\n');
	}
	for (i = 0; i < it->extra_count; i++)
		sl_buf_printf(out, "%s: %s\n", it->extra[i].name,
			      it->extra[i].text);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- blame
 * ---------------------------------------------------------------------- */

static void blame_who(sl_buf *out, const sl_history_step *s, sl_lang lang)
{
	if (!s) {
		sl_buf_printf(out, "%-7s %s", "?",
			      sl_label(lang, SL_L_BEYOND_BOUNDARY));
		return;
	}
	if (!s->is_commit) {
		sl_buf_puts(out, sl_render__rev_label(lang, s->rev));
		return;
	}
	sl_buf_printf(out, "%.7s ", s->info.id);
	iso(out, s->time, s->offset_min);
	sl_buf_printf(out, " %s", s->info.author.who);
	if (s->edition)
		sl_buf_printf(out, " [%s %s]", sl_label(lang, SL_L_EDITION),
			      s->edition);
	text_published(out, s->edition, s->published_in, s->after_edition, lang,
		       " ");
}

int sl_render_blame_text(sl_buf *out, const sl_blame *b,
			 const sl_render_options *o)
{
	size_t i;
	const sl_sheet *sheet =
		b->history->steps.len
			? sl_diff_new_sheet(((const sl_history_step *)
						     b->history->steps.items[0])
						    ->diff)
			: NULL;
	sl_buf_printf(out, "%s: %s (%s)\n", sl_label(o->lang, SL_L_BLAME_TITLE),
		      b->item->id,
		      sl_render__rev_label(o->lang, b->history->start));
	for (i = 0; i < b->field_count; i++) {
		padded(out,
		       sl_render__field_label(o->lang, sheet,
					      b->fields[i].field),
		       12);
		blame_who(out, b->fields[i].step, o->lang);
		sl_buf_putc(out, '\n');
	}
	if (b->chars_field) {
		const char *text = sl_item_get(b->item, b->chars_field, NULL);
		sl_buf_printf(
			out, "\n%s:\n",
			sl_render__field_label(o->lang, sheet, b->chars_field));
		for (i = 0; i < b->run_count; i++) {
			const sl_blame_run *r = &b->runs[i];
			sl_buf_puts(out, "  ");
			blame_who(out, r->step, o->lang);
			sl_buf_puts(out, "\n      | ");
			text_indent(out, text + r->off, r->len);
			sl_buf_putc(out, '\n');
		}
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* `blame sheet`: "セクション 1 表題" (as the 新旧対照表 labels a part's
 * field) or a field's label ("前文"). */
static void blame_doc_label(sl_buf *out, const sl_blame_doc_field *f,
			    sl_lang lang)
{
	if (f->part != SL_BLAME_PART_SHEET)
		sl_buf_printf(out, "%s %s ",
			      sl_label(lang, f->part == SL_BLAME_PART_SCOPE
						     ? SL_L_SCOPE
						     : SL_L_SECTION),
			      f->part_id);
	sl_buf_puts(out, sl_render__doc_field_label(lang, f->field));
}

int sl_render_blame_sheet_text(sl_buf *out, const sl_blame_sheet *b,
			       const sl_render_options *o)
{
	sl_buf label = SL_BUF_INIT;
	size_t i;
	sl_buf_printf(out, "%s: %s (%s)\n", sl_label(o->lang, SL_L_BLAME_TITLE),
		      sl_label(o->lang, SL_L_DOC_SELF), b->history->start);
	for (i = 0; i < b->field_count; i++) {
		sl_buf_clear(&label);
		blame_doc_label(&label, &b->fields[i], o->lang);
		padded(out, sl_buf_oom(&label) ? "" : label.ptr, 24);
		blame_who(out, b->fields[i].step, o->lang);
		sl_buf_putc(out, '\n');
	}
	if (b->history->truncated)
		sl_buf_printf(out, "%s: %.12s\n",
			      sl_label(o->lang, SL_L_TRUNCATED),
			      b->history->boundary);
	i = sl_buf_oom(&label);
	sl_buf_dispose(&label);
	return sl_buf_oom(out) || i ? sl_error_oom() : 0;
}

/* ---- log
 * ------------------------------------------------------------------------ */

/* One id of a log's list, marked with what happened to it (docs/history.md):
 * +added, -removed, ~modified, old→new renumbered, ±replaced. */
void sl_render__log_id(sl_buf *out, const sl_change *c)
{
	switch (c->status) {
	case SL_CHANGE_ADDED:
		sl_buf_printf(out, "+%s", c->id);
		return;
	case SL_CHANGE_REMOVED:
		sl_buf_printf(out, "-%s", c->id);
		return;
	case SL_CHANGE_RENUMBERED:
		sl_buf_printf(out, "%s→%s", c->old_id, c->id);
		return;
	case SL_CHANGE_REPLACED:
		sl_buf_printf(out, "±%s", c->id);
		return;
	default:
		sl_buf_printf(out, "~%s", c->id);
		return;
	}
}

static void ids_touched(sl_buf *out, const sl_diff *d, const char *sep)
{
	size_t i;
	for (i = 0; i < sl_diff_count(d); i++) {
		if (i)
			sl_buf_puts(out, sep);
		sl_render__log_id(out, sl_diff_change(d, i));
	}
}

/* " 文書の変更 3": the commit's changes to the document's text, always
 * shown as every summary shows its counts (0 included). */
static void log_doc_count(sl_buf *out, const sl_diff *d, sl_lang lang)
{
	sl_buf_printf(out, " %s %zu", sl_label(lang, SL_L_DOC_CHANGES),
		      sl_doc_diff_count(sl_diff_doc(d)));
}

int sl_render_log_text(sl_buf *out, const sl_log *log,
		       const sl_render_options *o)
{
	size_t i;
	for (i = 0; i < log->entries.len; i++) {
		const sl_log_entry *e = log->entries.items[i];
		const sl_diff_summary *s = sl_diff_summary_of(e->diff);
		sl_buf_printf(out, "%.7s ", e->info.id);
		iso(out, e->time, e->offset_min);
		sl_buf_printf(out, " %s", e->info.author.who);
		if (e->edition)
			sl_buf_printf(out, " [%s %s]",
				      sl_label(o->lang, SL_L_EDITION),
				      e->edition);
		text_published(out, e->edition, e->published_in,
			       e->after_edition, o->lang, " ");
		if (e->resolution_only)
			sl_buf_printf(out, " (%s)",
				      sl_label(o->lang, SL_L_MERGE_RESOLUTION));
		sl_buf_printf(out, "\n    %s\n    +%zu -%zu ~%zu >%zu",
			      e->info.summary, s->added, s->removed,
			      s->modified, s->renumbered);
		/* reused numbers, always shown (0 included) */
		sl_buf_printf(out, " !%zu", s->replaced);
		sl_buf_printf(out, " (%s %zu)",
			      sl_label(o->lang, SL_L_NOTATION_ONLY),
			      s->notation_only);
		log_doc_count(out, e->diff, o->lang);
		if (sl_diff_count(e->diff)) {
			sl_buf_puts(out, ": ");
			ids_touched(out, e->diff, ", ");
		}
		sl_buf_putc(out, '\n');
	}
	if (log->truncated)
		sl_buf_printf(out, "%s: %.12s\n",
			      sl_label(o->lang, SL_L_TRUNCATED), log->boundary);
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

static void csv(sl_buf *out, const char *s, bool first)
{
	if (!first)
		sl_buf_putc(out, ',');
	if (s)
		sl_escape_csv(out, s, strlen(s), true);
}

/* The last three columns of log and audit CSV rows. */
static void csv_published(sl_buf *out, const sl_log_entry *e)
{
	csv(out, e->published_in, false);
	csv(out, e->after_edition, false);
	csv(out, e->published_in ? "false" : "true", false);
}

int sl_render_log_csv(sl_buf *out, const sl_log *log,
		      const sl_render_options *o)
{
	size_t i;
	if (o->bom)
		sl_buf_puts(out, "\xEF\xBB\xBF");
	sl_buf_puts(out,
		    "commit,date,author,edition,message,added,removed,modified,"
		    "renumbered,notation_only,ids,published_in,after_edition,"
		    "unpublished,replaced,sheet_changes\r\n");
	for (i = 0; i < log->entries.len; i++) {
		const sl_log_entry *e = log->entries.items[i];
		const sl_diff_summary *s = sl_diff_summary_of(e->diff);
		sl_buf date = SL_BUF_INIT, ids = SL_BUF_INIT;
		iso(&date, e->time, e->offset_min);
		ids_touched(&ids, e->diff, " ");
		csv(out, e->info.id, true);
		csv(out, sl_buf_cstr(&date), false);
		csv(out, e->info.author.who, false);
		csv(out, e->edition, false);
		csv(out, e->info.summary, false);
		sl_buf_printf(out, ",%zu,%zu,%zu,%zu,%zu", s->added, s->removed,
			      s->modified, s->renumbered, s->notation_only);
		csv(out, sl_buf_cstr(&ids), false);
		csv_published(out, e);
		sl_buf_printf(out, ",%zu,%zu\r\n", s->replaced,
			      sl_doc_diff_count(sl_diff_doc(e->diff)));
		sl_buf_dispose(&date);
		sl_buf_dispose(&ids);
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
