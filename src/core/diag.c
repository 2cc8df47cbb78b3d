/* diag.c: the finding list, its order and its one-line text form. */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "id.h"

static void diag_free(sl_diag *d)
{
	if (!d)
		return;
	sl_free(d->path);
	sl_free(d->rule);
	sl_free(d->message);
	sl_free(d->item_id);
	sl_free(d);
}

int sl_diag_add(sl_diag_list *list, sl_severity sev, const char *path, int line,
		int col, const char *item_id, const char *rule, const char *fmt,
		...)
{
	sl_buf msg = SL_BUF_INIT;
	sl_diag *d;
	va_list ap;

	d = sl_calloc(1, sizeof(*d));
	if (!d)
		return sl_error_oom();
	va_start(ap, fmt);
	sl_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	d->message = sl_buf_detach(&msg, NULL);
	d->path = sl_strdup(path ? path : "");
	d->rule = sl_strdup(rule);
	d->item_id = item_id ? sl_strdup(item_id) : NULL;
	d->line = line;
	d->col = col;
	d->severity = sev;
	if (!d->message || !d->path || !d->rule || (item_id && !d->item_id) ||
	    sl_vec_push(&list->diags, d) < 0) {
		diag_free(d);
		return sl_error_oom();
	}
	if (sev == SL_SEV_ERROR)
		list->errors++;
	else
		list->warnings++;
	return 0;
}

void sl_diag_list_dispose(sl_diag_list *list)
{
	size_t i;
	for (i = 0; i < list->diags.len; i++)
		diag_free(list->diags.items[i]);
	sl_vec_dispose(&list->diags);
	list->errors = list->warnings = 0;
}

static int diag_cmp(const void *a, const void *b)
{
	const sl_diag *x = *(const sl_diag *const *)a;
	const sl_diag *y = *(const sl_diag *const *)b;
	int c = sl_id_compare(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	return strcmp(x->message, y->message);
}

void sl_diag_sort(sl_diag_list *list)
{
	sl_vec_sort(&list->diags, diag_cmp);
}

void sl_diag_promote_warnings(sl_diag_list *list)
{
	size_t i;
	for (i = 0; i < list->diags.len; i++) {
		sl_diag *d = list->diags.items[i];
		if (d->severity == SL_SEV_WARNING) {
			d->severity = SL_SEV_ERROR;
			list->warnings--;
			list->errors++;
		}
	}
}

int sl_diag_first_error(const sl_diag_list *list)
{
	size_t i;
	for (i = 0; i < list->diags.len; i++) {
		const sl_diag *d = list->diags.items[i];
		if (d->severity != SL_SEV_ERROR)
			continue;
		sl_error_set(SL_EINVALID, "%s", d->message);
		sl_error_add_path(d->path);
		if (d->line > 0)
			sl_error_add_loc(d->line, d->col);
		sl_error_add_item(d->item_id);
		return SL_EINVALID;
	}
	return 0;
}

const char *sl_severity_name(sl_severity sev)
{
	return sev == SL_SEV_ERROR ? "error" : "warning";
}

void sl_diag_format(sl_buf *out, const sl_diag *d)
{
	sl_buf_puts(out, d->path);
	if (d->line > 0)
		sl_buf_printf(out, ":%d:%d", d->line, d->col);
	sl_buf_printf(out, ": %s: %s [%s]", sl_severity_name(d->severity),
		      d->message, d->rule);
}
