/*
 * diag.h: findings (lint errors and warnings, fmt mismatches). Findings are
 * data, not failures: an operation that finds problems succeeds and hands
 * back the list; the CLI turns errors into exit status 1.
 */
#ifndef SL_DIAG_H
#define SL_DIAG_H

#include <stddef.h>

#include "buf.h"
#include "common.h"
#include "vec.h"

typedef enum sl_severity {
	SL_SEV_ERROR,
	SL_SEV_WARNING,
} sl_severity;

typedef struct sl_diag {
	char *path; /* owned; file relative to the repository */
	int line;   /* 1-based, 0 when the finding is file-wide */
	int col;    /* 1-based, in code points */
	sl_severity severity;
	char *rule;    /* owned; stable rule name, e.g. "duplicate-id" */
	char *message; /* owned; lowercase, no full stop */
	char *item_id; /* owned; the item concerned, or NULL */
} sl_diag;

typedef struct sl_diag_list {
	sl_vec diags;    /* sl_diag pointers, owned */
	size_t errors;   /* count of SL_SEV_ERROR */
	size_t warnings; /* count of SL_SEV_WARNING */
} sl_diag_list;

#define SL_DIAG_LIST_INIT         \
	{                         \
		SL_VEC_INIT, 0, 0 \
	}
#define SL_DIAG_FOREACH(list, i, d) SL_VEC_FOREACH (&(list)->diags, i, d)

/* Append a finding. @return 0 or SL_ENOMEM */
int sl_diag_add(sl_diag_list *list, sl_severity sev, const char *path, int line,
		int col, const char *item_id, const char *rule, const char *fmt,
		...) SL_PRINTF(8, 9);
void sl_diag_list_dispose(sl_diag_list *list);
/* Sort by path (natural order of names), line, column, rule. */
void sl_diag_sort(sl_diag_list *list);
/* Turn every warning into an error (lint --strict). */
void sl_diag_promote_warnings(sl_diag_list *list);
/*
 * Set the error record from the first error finding (message, path,
 * line:col, item). @return SL_EINVALID, or 0 when there is no error
 */
int sl_diag_first_error(const sl_diag_list *list);
/* "path:line:col: error: message [rule]" */
void sl_diag_format(sl_buf *out, const sl_diag *d);
const char *sl_severity_name(sl_severity sev);

#endif
