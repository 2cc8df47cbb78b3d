/* render_text.c: plain-text output for terminals and logs. */
#include "render.h"

#include "error.h"

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
