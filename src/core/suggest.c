/*
 * suggest.c: the closest known ids to a mistyped one (suggest.h).
 */
#include "suggest.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "id.h"

/* Edit distance of a and b (insert, delete, substitute a byte), or
 * SL_SUGGEST_MAX_EDITS + 1 when it is larger or the ids are too long to
 * be worth comparing. */
static size_t distance(const char *a, const char *b)
{
	enum { LIMIT = 64 };
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[LIMIT + 1];
	if (la > LIMIT || lb > LIMIT ||
	    (la > lb ? la - lb : lb - la) > SL_SUGGEST_MAX_EDITS)
		return SL_SUGGEST_MAX_EDITS + 1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* Whether cand ranks before other as a guess for id: fewer edits, then
 * the longer common start (a typo is more often at the end), then
 * natural order. */
static bool better(const char *id, size_t d, const char *cand, size_t od,
		   const char *other)
{
	size_t p, op;
	if (d != od)
		return d < od;
	p = common_prefix(id, cand);
	op = common_prefix(id, other);
	if (p != op)
		return p > op;
	return sl_id_compare(cand, other) < 0;
}

void sl_suggest_ids(sl_buf *out, const char *id, const char *const *cands,
		    size_t count)
{
	const char *best[SL_SUGGEST_MAX];
	size_t dist[SL_SUGGEST_MAX], n = 0, i, k;
	/* Two edits turn any short id into another ("9-9" into "1-1"): a
	 * short id gets one. */
	size_t limit = strlen(id) < 5 ? 1 : SL_SUGGEST_MAX_EDITS;
	for (i = 0; i < count; i++) {
		size_t d;
		bool dup = false;
		if (!cands[i] || !strcmp(cands[i], id))
			continue;
		d = distance(id, cands[i]);
		if (d > limit)
			continue;
		for (k = 0; k < n && !dup; k++)
			dup = !strcmp(best[k], cands[i]);
		if (dup)
			continue;
		/* Insertion into the short ranked list. */
		if (n < SL_SUGGEST_MAX)
			n++;
		else if (!better(id, d, cands[i], dist[n - 1], best[n - 1]))
			continue;
		for (k = n - 1;
		     k > 0 && better(id, d, cands[i], dist[k - 1], best[k - 1]);
		     k--) {
			best[k] = best[k - 1];
			dist[k] = dist[k - 1];
		}
		best[k] = cands[i];
		dist[k] = d;
	}
	for (k = 0; k < n; k++)
		sl_buf_printf(out, "%s%s", k ? ", " : "", best[k]);
}

void sl_suggest_sheet_ids(sl_buf *out, const char *id, const sl_sheet *sheet)
{
	size_t i, n = sheet ? sl_sheet_item_count(sheet) : 0;
	const char **ids;
	if (n == 0)
		return;
	ids = sl_calloc(n, sizeof(*ids));
	if (!ids)
		return; /* no suggestion; the failure itself still shows */
	for (i = 0; i < n; i++)
		ids[i] = sl_sheet_item(sheet, i)->id;
	sl_suggest_ids(out, id, ids, n);
	sl_free(ids);
}

int sl_suggest_wrap(int rc, const sl_buf *suggestions)
{
	if (rc < 0 && suggestions->len && !sl_buf_oom(suggestions))
		return sl_error_wrap("%s; did you mean %s?",
				     sl_error_last()->message,
				     sl_buf_cstr(suggestions));
	return rc;
}
