/* render_text.c: plain-text output for terminals and logs. */
#include "render.h"

#include <string.h>

#include "error.h"
#include "repo_edition.h"
#include "render_int.h"
#include "date.h"

int sl_render_diags_text(sl_buf *out, const sl_diag_list *diags,
			 size_t item_count, bool quiet)
{
	size_t i;
	const sl_diag *d;
	SL_DIAG_FOREACH (diags, i, d) {
		if (quiet && d->severity != SL_SEV_ERROR)
			continue;
		sl_diag_format(out, d);
		sl_buf_putc(out, '\n');
	}
	if (!quiet)
		sl_buf_printf(
			out, "%zu item%s checked: %zu error%s, %zu warning%s\n",
			item_count, item_count == 1 ? "" : "s", diags->errors,
			diags->errors == 1 ? "" : "s", diags->warnings,
			diags->warnings == 1 ? "" : "s");
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- diff -----------------------------------------------------------------
 */

#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_CYAN "\033[36m"
#define C_BOLD "\033[1m"
#define C_RESET "\033[m"

static void text_indented(sl_buf *out, const char *s, size_t len,
			  const char *indent)
{
	size_t i;
	for (i = 0; i < len; i++) {
		sl_buf_putc(out, s[i]);
		if (s[i] == '\n')
			sl_buf_puts(out, indent);
	}
}

static void text_ops(sl_buf *out, const sl_text_ops *ops, bool color,
		     const char *indent)
{
	size_t i;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		if (op->op == SL_OP_EQUAL) {
			text_indented(out, op->text, op->len, indent);
		} else if (color) {
			sl_buf_puts(out, op->op == SL_OP_DELETE
						 ? C_RED "\033[9m"
						 : C_GREEN "\033[4m");
			text_indented(out, op->text, op->len, indent);
			sl_buf_puts(out, C_RESET);
		} else {
			sl_buf_puts(out, op->op == SL_OP_DELETE ? "[-" : "{+");
			text_indented(out, op->text, op->len, indent);
			sl_buf_puts(out, op->op == SL_OP_DELETE ? "-]" : "+}");
		}
	}
}

void sl_render__change_text(sl_buf *out, const sl_diff *diff,
			    const sl_change *c, sl_lang lang, bool color)
{
	const sl_sheet *labels =
		c->new_item ? sl_diff_new_sheet(diff) : sl_diff_old_sheet(diff);
	size_t f;
	char mark;
	mark = c->status == SL_CHANGE_ADDED        ? '+'
	       : c->status == SL_CHANGE_REMOVED    ? '-'
	       : c->status == SL_CHANGE_RENUMBERED ? '>'
						   : '~';
	if (color)
		sl_buf_puts(out, c->status == SL_CHANGE_ADDED     ? C_GREEN
				 : c->status == SL_CHANGE_REMOVED ? C_RED
								  : C_CYAN);
	if (c->status == SL_CHANGE_RENUMBERED)
		sl_buf_printf(out, "%c %s → %s", mark, c->old_id, c->id);
	else
		sl_buf_printf(out, "%c %s", mark, c->id);
	if (color)
		sl_buf_puts(out, C_RESET);
	sl_buf_printf(out, " %s\n", sl_render__status_label(lang, c));
	for (f = 0; f < c->field_count; f++) {
		const sl_field_change *fc = &c->fields[f];
		if (!sl_render__field_shown(c, fc))
			continue;
		const char *label =
			sl_render__field_label(lang, labels, fc->field);
		sl_buf_printf(out, "    %s: ", label);
		if (c->status == SL_CHANGE_ADDED ||
		    c->status == SL_CHANGE_REMOVED) {
			const char *t = c->status == SL_CHANGE_ADDED
						? fc->new_text
						: fc->old_text;
			if (color)
				sl_buf_puts(out, c->status == SL_CHANGE_ADDED
							 ? C_GREEN
							 : C_RED);
			text_indented(out, t, strlen(t), "      ");
			if (color)
				sl_buf_puts(out, C_RESET);
		} else {
			text_ops(out, &fc->ops, color, "      ");
		}
		if (fc->notation_only)
			sl_buf_printf(out, "  (%s)",
				      sl_label(lang, SL_L_NOTATION_ONLY));
		sl_buf_putc(out, '\n');
	}
}

int sl_render_diff_text(sl_buf *out, const sl_diff *diff,
			const sl_render_options *opts)
{
	const sl_diff_summary *s = sl_diff_summary_of(diff);
	const sl_section *last = NULL;
	sl_lang lang = opts->lang;
	bool color = opts->color;
	size_t i, shown = 0;

	if (color)
		sl_buf_puts(out, C_BOLD);
	sl_buf_printf(out, "%s: ", sl_label(lang, SL_L_DIFF_TITLE));
	sl_render__rev_name(out, opts->from, lang);
	sl_buf_puts(out, " → ");
	sl_render__rev_name(out, opts->to, lang);
	if (color)
		sl_buf_puts(out, C_RESET);
	sl_buf_printf(out,
		      "\n%s %zu · %s %zu · %s %zu · %s %zu · %s %zu · %s %zu\n",
		      sl_label(lang, SL_L_ADDED), s->added,
		      sl_label(lang, SL_L_REMOVED), s->removed,
		      sl_label(lang, SL_L_MODIFIED), s->modified,
		      sl_label(lang, SL_L_RENUMBERED), s->renumbered,
		      sl_label(lang, SL_L_NOTATION_ONLY), s->notation_only,
		      sl_label(lang, SL_L_UNCHANGED), s->unchanged);
	for (i = 0; i < sl_diff_count(diff); i++) {
		const sl_change *c = sl_diff_change(diff, i);
		const sl_section *sec = sl_diff_section_of(diff, c);
		if (!sl_render__shown(opts, c))
			continue;
		shown++;
		if (sec && sec != last) {
			sl_buf_printf(out, "\n%s== %s. %s ==%s\n",
				      color ? C_BOLD : "", sec->id, sec->title,
				      color ? C_RESET : "");
			last = sec;
		}
		sl_render__change_text(out, diff, c, lang, color);
	}
	if (shown == 0)
		sl_buf_printf(out, "\n%s\n", sl_label(lang, SL_L_NO_CHANGES));
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- editions ---------------------------------------------------------------
 */

int sl_render_editions_text(sl_buf *out, const sl_edition_row *rows, size_t n,
			    const sl_render_options *opts)
{
	size_t i;
	sl_lang lang = opts->lang;
	if (n == 0)
		sl_buf_puts(out, lang == SL_LANG_JA ? "版はまだありません。\n"
						    : "No editions yet.\n");
	for (i = 0; i < n; i++) {
		const sl_edition *e = rows[i].edition;
		sl_buf date = SL_BUF_INIT;
		sl_date_format_iso(&date, e->time, e->offset_min);
		sl_buf_printf(out, "%s  %.7s  %.10s  %s  %zu %s%s", e->name,
			      e->commit, sl_buf_cstr(&date), e->author,
			      rows[i].items,
			      lang == SL_LANG_JA ? "項目" : "items",
			      e->tagged ? "  [tag]" : "");
		sl_buf_dispose(&date);
		if (rows[i].has_previous) {
			const sl_diff_summary *s = &rows[i].changes;
			sl_buf_printf(
				out, "  %s %zu, %s %zu, %s %zu, %s %zu, %s %zu",
				sl_label(lang, SL_L_ADDED), s->added,
				sl_label(lang, SL_L_REMOVED), s->removed,
				sl_label(lang, SL_L_MODIFIED), s->modified,
				sl_label(lang, SL_L_RENUMBERED), s->renumbered,
				sl_label(lang, SL_L_NOTATION_ONLY),
				s->notation_only);
		}
		sl_buf_putc(out, '\n');
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
