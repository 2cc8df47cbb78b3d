/*
 * render_md.c: Markdown documents (GitHub-flavoured). Tables keep one item
 * per row: cell text goes through sl_escape_md_cell, which turns line
 * breaks into <br> and escapes '|'.
 */
#include "render.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render_int.h"

static void md_text(sl_buf *out, const char *s)
{
	sl_escape_md(out, s, strlen(s));
}

static void md_cell(sl_buf *out, const char *s)
{
	sl_buf_puts(out, " ");
	if (s)
		sl_escape_md_cell(out, s, strlen(s));
	sl_buf_puts(out, " |");
}

static const char *col_or(const char *col, sl_lang lang, sl_label_id id)
{
	return col && lang == SL_LANG_JA ? col : sl_label(lang, id);
}

int sl_render_export_markdown(sl_buf *out, const sl_sheet *sheet,
			      const sl_render_options *opts)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	size_t s, i = 0, n = sl_sheet_item_count(sheet);
	const char *scope = NULL;
	sl_lang lang = opts->lang;

	sl_buf_puts(out, "# ");
	md_text(out, m->title ? m->title : "checklist");
	sl_buf_puts(out, "\n\n");
	sl_buf_printf(out, "- %s: ", sl_label(lang, SL_L_AS_OF));
	md_text(out, m->as_of);
	sl_buf_putc(out, '\n');
	if (m->publisher) {
		sl_buf_printf(out, "- %s: ", sl_label(lang, SL_L_PUBLISHER));
		md_text(out, m->publisher);
		sl_buf_putc(out, '\n');
	}
	if (m->source_url) {
		sl_buf_printf(out, "- %s: <", sl_label(lang, SL_L_SOURCE));
		sl_escape_html(out, m->source_url, strlen(m->source_url));
		sl_buf_puts(out, ">\n");
	}
	sl_buf_printf(out, "- %s: ", sl_label(lang, SL_L_REVISION));
	md_text(out, opts->rev ? opts->rev : "WORKTREE");
	if (opts->commit)
		sl_buf_printf(out, " (%.12s)", opts->commit);
	sl_buf_printf(out, "\n- %s: %zu\n\n", sl_label(lang, SL_L_ITEM_COUNT),
		      n);
	if (m->introduction) {
		md_text(out, m->introduction);
		sl_buf_puts(out, "\n\n");
	}
	if (m->as_of_note) {
		sl_buf_puts(out, "> ");
		md_text(out, m->as_of_note);
		sl_buf_puts(out, "\n\n");
	}
	for (s = 0; s < m->section_count; s++) {
		const sl_section *sec = &m->sections[s];
		const char *last_cat = NULL;
		if (sec->scope && (!scope || strcmp(scope, sec->scope))) {
			const sl_scope *sc = sl_sheet_scope(sheet, sec->scope);
			scope = sec->scope;
			sl_buf_puts(out, "## ");
			md_text(out, sc && sc->title ? sc->title : sec->scope);
			sl_buf_puts(out, "\n\n");
		}
		sl_buf_printf(out, "### ");
		md_text(out, sec->id);
		sl_buf_puts(out, ". ");
		md_text(out, sec->title);
		sl_buf_puts(out, "\n\n|");
		md_cell(out, col_or(m->columns.id, lang, SL_L_ID));
		md_cell(out, col_or(m->columns.category, lang, SL_L_CATEGORY));
		md_cell(out, col_or(m->columns.question, lang, SL_L_QUESTION));
		md_cell(out, col_or(m->columns.answer, lang, SL_L_ANSWER));
		sl_buf_puts(out, "\n|---|---|---|---|\n");
		for (; i < n; i++) {
			const sl_item *it = sl_sheet_item(sheet, i);
			const char *cat = it->category;
			if (strcmp(it->section, sec->id))
				break;
			sl_buf_putc(out, '|');
			md_cell(out, it->id);
			/* Print the category at the start of each run, as the
			 * published table does. */
			md_cell(out, cat && (!last_cat || strcmp(cat, last_cat))
					     ? cat
					     : "");
			last_cat = cat;
			md_cell(out, it->question);
			md_cell(out, it->answer);
			sl_buf_putc(out, '\n');
		}
		sl_buf_putc(out, '\n');
	}
	if (m->disclaimer) {
		sl_buf_puts(out, "## ");
		md_text(out, m->disclaimer_title ? m->disclaimer_title
						 : "Disclaimer");
		sl_buf_puts(out, "\n\n");
		md_text(out, m->disclaimer);
		sl_buf_puts(out, "\n\n");
	}
	if (m->page_footer) {
		sl_buf_puts(out, "---\n\n");
		md_text(out, m->page_footer);
		sl_buf_puts(out, "\n");
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}
