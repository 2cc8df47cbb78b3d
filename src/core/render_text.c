/*
 * render_text.c: plain text for terminals and logs: lint findings, the
 * editions list, and a change's head line and fields (shared by the
 * diff, review and history documents).
 */
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

/* ---- editions ---------------------------------------------------------- */

int sl_render_editions_text(sl_buf *out, const sl_edition_row *rows, size_t n,
			    const sl_render_options *opts)
{
	size_t i;
	sl_lang lang = opts->lang;
	if (n == 0)
		sl_buf_printf(out, "%s\n", sl_label(lang, SL_L_NO_EDITIONS));
	for (i = 0; i < n; i++) {
		const sl_edition *e = rows[i].edition;
		sl_buf date = SL_BUF_INIT;
		sl_date_format_iso(&date, e->commit.committer.time,
				   e->commit.committer.offset_min);
		sl_buf_printf(out, "%s  %.7s  %.10s  %s  %zu %s%s%s", e->name,
			      e->commit.id, sl_buf_cstr(&date),
			      e->commit.author.who, rows[i].items,
			      sl_label(lang, SL_L_ITEMS_UNIT),
			      e->tagged ? "  [" : "",
			      e->tagged ? sl_label(lang, SL_L_TAGGED) : "");
		if (e->tagged)
			sl_buf_putc(out, ']');
		sl_buf_dispose(&date);
		if (rows[i].has_previous) {
			sl_buf_puts(out, "  ");
			sl_render__summary_pairs(out, &rows[i].changes, lang,
						 ", ", false);
		}
		sl_buf_putc(out, '\n');
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

/* ---- changes: shared by the diff, review and history documents ---------- */

/* s with every line after the first indented by indent spaces. */
void sl_render__text_indented(sl_buf *out, const char *s, size_t len,
			      size_t indent)
{
	static const char spaces[] = "                ";
	size_t i;
	if (indent > sizeof(spaces) - 1)
		indent = sizeof(spaces) - 1;
	for (i = 0; i < len; i++) {
		sl_buf_putc(out, s[i]);
		if (s[i] == '\n')
			sl_buf_put(out, spaces, indent);
	}
}

static void text_ops(sl_buf *out, const sl_text_ops *ops, bool color,
		     size_t indent)
{
	size_t i;
	for (i = 0; i < ops->count; i++) {
		const sl_text_op *op = &ops->ops[i];
		if (op->op == SL_OP_EQUAL) {
			sl_render__text_indented(out, op->text, op->len,
						 indent);
		} else if (color) {
			sl_buf_puts(out, op->op == SL_OP_DELETE
						 ? SL_ANSI_RED "\033[9m"
						 : SL_ANSI_GREEN "\033[4m");
			sl_render__text_indented(out, op->text, op->len,
						 indent);
			sl_buf_puts(out, SL_ANSI_RESET);
		} else {
			sl_buf_puts(out, op->op == SL_OP_DELETE ? "[-" : "{+");
			sl_render__text_indented(out, op->text, op->len,
						 indent);
			sl_buf_puts(out, op->op == SL_OP_DELETE ? "-]" : "+}");
		}
	}
}

void sl_render__change_head_text(sl_buf *out, const sl_change *c, sl_lang lang,
				 bool color)
{
	char mark;
	mark = c->status == SL_CHANGE_ADDED        ? '+'
	       : c->status == SL_CHANGE_REMOVED    ? '-'
	       : c->status == SL_CHANGE_RENUMBERED ? '>'
	       : c->status == SL_CHANGE_REPLACED   ? '!'
						   : '~';
	if (color)
		sl_buf_puts(out, c->status == SL_CHANGE_ADDED ? SL_ANSI_GREEN
				 : c->status == SL_CHANGE_REMOVED
					 ? SL_ANSI_RED
					 : SL_ANSI_CYAN);
	sl_buf_printf(out, "%c ", mark);
	sl_render__change_id(out, c, sl_buf_put);
	if (color)
		sl_buf_puts(out, SL_ANSI_RESET);
	sl_buf_printf(out, " %s\n", sl_render__status_label(lang, c));
}

void sl_render__field_text(sl_buf *out, const sl_change *c,
			   const sl_field_change *fc, const char *label,
			   sl_lang lang, size_t indent, bool color,
			   bool color_whole)
{
	sl_buf_printf(out, "%*s%s: ", (int)indent, "", label);
	if (c &&
	    (c->status == SL_CHANGE_ADDED || c->status == SL_CHANGE_REMOVED)) {
		bool added = c->status == SL_CHANGE_ADDED;
		const char *t = added ? fc->new_text : fc->old_text;
		if (color && color_whole)
			sl_buf_puts(out, added ? SL_ANSI_GREEN : SL_ANSI_RED);
		if (t)
			sl_render__text_indented(out, t, strlen(t), indent + 2);
		if (color && color_whole)
			sl_buf_puts(out, SL_ANSI_RESET);
	} else {
		text_ops(out, &fc->ops, color, indent + 2);
	}
	if (fc->notation_only) {
		sl_buf_printf(out,
			      "  (%s: ", sl_label(lang, SL_L_NOTATION_ONLY));
		sl_render__notation_points(out, fc, sl_buf_put);
		sl_buf_putc(out, ')');
	}
	sl_buf_putc(out, '\n');
}
