/*
 * lint.c: the rules. Locations come from the raw file text through
 * sl_json_locate, because jansson keeps no positions.
 *
 * Why notation findings are warnings, not errors: the published 2022-09
 * text carries about a hundred compatibility ideographs (⽤ U+2F64 for 用)
 * and the sheet is evidence, so it is stored verbatim; cleaning it up is a
 * later, visible edit that the diff reports as notation-only.
 */
#include "lint.h"
#include "match.h"
#include "owners.h"

#include <regex.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "id.h"
#include "json.h"
#include "utf8.h"

typedef struct lint_ctx {
	sl_diag_list *diags;
	const sl_snapshot *snap;
} lint_ctx;

/* Raw text of a file, when the snapshot has it loaded. */
static bool raw_of(const lint_ctx *ctx, const char *path, const char **data,
		   size_t *len)
{
	sl_snapfile *f;
	if (!ctx->snap || !path)
		return false;
	f = sl_snapshot_find(ctx->snap, path);
	if (!f || !f->loaded)
		return false;
	*data = f->data;
	*len = f->len;
	return true;
}

static int add_at(const lint_ctx *ctx, sl_severity sev, const char *path,
		  const char *key, size_t off, const char *item_id,
		  const char *rule, const char *msg)
{
	const char *data;
	size_t len;
	int line = 0, col = 0;
	if (key && raw_of(ctx, path, &data, &len) &&
	    !sl_json_locate(data, len, key, off, &line, &col))
		line = 1, col = 1;
	return sl_diag_add(ctx->diags, sev, path ? path : "", line, col,
			   item_id, rule, "%s", msg);
}

/* add_at for element `index` of the array under top-level key `key`. */
static int add_at_element(const lint_ctx *ctx, sl_severity sev,
			  const char *path, const char *key, size_t index,
			  const char *rule, const char *msg)
{
	const char *data;
	size_t len;
	int line = 0, col = 0;
	if (raw_of(ctx, path, &data, &len) &&
	    !sl_json_locate_element(data, len, key, index, &line, &col) &&
	    !sl_json_locate(data, len, key, 0, &line, &col))
		line = 1, col = 1;
	return sl_diag_add(ctx->diags, sev, path ? path : "", line, col, NULL,
			   rule, "%s", msg);
}

/* ---- structure ---------------------------------------------------------- */

static bool is_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool as_of_ok(const char *s)
{
	size_t n = strlen(s);
	int month;
	if (n != 7 && n != 10)
		return false;
	if (!is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2))
		return false;
	month = (s[5] - '0') * 10 + (s[6] - '0');
	if (month < 1 || month > 12)
		return false;
	if (n == 10) {
		int day;
		if (s[7] != '-' || !is_digits(s + 8, 2))
			return false;
		day = (s[8] - '0') * 10 + (s[9] - '0');
		if (day < 1 || day > 31)
			return false;
	}
	return true;
}

static bool timezone_ok(const char *s)
{
	return strlen(s) == 6 && (s[0] == '+' || s[0] == '-') &&
	       is_digits(s + 1, 2) && s[3] == ':' && is_digits(s + 4, 2) &&
	       (s[1] - '0') * 10 + (s[2] - '0') <= 14 &&
	       (s[4] - '0') * 10 + (s[5] - '0') < 60;
}

static bool blank(const char *s)
{
	size_t pos = 0, len = strlen(s);
	int32_t cp;
	while (pos < len) {
		if (!sl_utf8_next(s, len, &pos, &cp))
			return false;
		if (!sl_utf8_is_space(cp) && cp != '\n' && cp != '\r')
			return false;
	}
	return true;
}

static int lint_meta(const lint_ctx *ctx, const sl_sheet_meta *m, regex_t *re,
		     bool *have_re)
{
	const char *p = m->path;
	char msg[512];
	size_t i, j;
	int rc = 0;

	if (m->as_of && !as_of_ok(m->as_of)) {
		snprintf(
			msg, sizeof(msg),
			"as_of '%s' is not an edition date (YYYY-MM or YYYY-MM-DD)",
			m->as_of);
		rc = add_at(ctx, SL_SEV_ERROR, p, "as_of", 0, NULL,
			    "invalid-as-of", msg);
	}
	if (rc == 0 && m->timezone && !timezone_ok(m->timezone)) {
		snprintf(msg, sizeof(msg),
			 "timezone '%s' is not an offset like +09:00",
			 m->timezone);
		rc = add_at(ctx, SL_SEV_ERROR, p, "timezone", 0, NULL,
			    "invalid-timezone", msg);
	}
	if (rc == 0 && m->id_pattern) {
		int rerc = regcomp(re, m->id_pattern, REG_EXTENDED | REG_NOSUB);
		if (rerc != 0) {
			char err[128];
			regerror(rerc, re, err, sizeof(err));
			snprintf(
				msg, sizeof(msg),
				"id_pattern is not a valid regular expression: %s",
				err);
			rc = add_at(ctx, SL_SEV_ERROR, p, "id_pattern", 0, NULL,
				    "invalid-id-pattern", msg);
		} else {
			*have_re = true;
		}
	}
	for (i = 0; i < m->scope_count && rc == 0; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(m->scopes[i].id, m->scopes[j].id))
				break;
		if (j < i) {
			snprintf(msg, sizeof(msg), "scope '%s' is listed twice",
				 m->scopes[i].id);
			rc = add_at_element(ctx, SL_SEV_ERROR, p, "scopes", i,
					    "duplicate-scope", msg);
		}
	}
	for (i = 0; i < m->section_count && rc == 0; i++) {
		const sl_section *s = &m->sections[i];
		for (j = 0; j < i; j++)
			if (!strcmp(s->id, m->sections[j].id))
				break;
		if (j < i) {
			snprintf(msg, sizeof(msg),
				 "section '%s' is listed twice", s->id);
			rc = add_at_element(ctx, SL_SEV_ERROR, p, "sections", i,
					    "duplicate-section", msg);
		} else if (!sl_id_is_valid(s->id, strlen(s->id))) {
			snprintf(
				msg, sizeof(msg),
				"section id '%s' is not an id (letters and digits joined by '-' or '.')",
				s->id);
			rc = add_at_element(ctx, SL_SEV_ERROR, p, "sections", i,
					    "id-syntax", msg);
		} else if (s->scope) {
			for (j = 0; j < m->scope_count; j++)
				if (!strcmp(s->scope, m->scopes[j].id))
					break;
			if (j == m->scope_count) {
				snprintf(
					msg, sizeof(msg),
					"section '%s' names unknown scope '%s'",
					s->id, s->scope);
				rc = add_at_element(ctx, SL_SEV_ERROR, p,
						    "sections", i,
						    "unknown-scope", msg);
			}
		}
	}
	return rc;
}

static int item_id_cmp(const void *a, const void *b)
{
	const sl_item *x = *(const sl_item *const *)a;
	const sl_item *y = *(const sl_item *const *)b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

static int lint_item(const lint_ctx *ctx, const sl_sheet *sheet,
		     const sl_item *it, regex_t *re, bool have_re)
{
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	const sl_section *sec;
	const char *base;
	char msg[512];
	int rc = 0;
	static const char *const texts[] = {"category", "question", "answer"};
	size_t i;

	if (!sl_id_is_valid(it->id, strlen(it->id))) {
		snprintf(
			msg, sizeof(msg),
			"id '%s' is not an id (letters and digits joined by '-' or '.')",
			it->id);
		rc = add_at(ctx, SL_SEV_ERROR, it->path, "id", 0, it->id,
			    "id-syntax", msg);
	} else if (have_re && regexec(re, it->id, 0, NULL, 0) != 0) {
		snprintf(msg, sizeof(msg),
			 "id '%s' does not match id_pattern '%s'", it->id,
			 m->id_pattern);
		rc = add_at(ctx, SL_SEV_ERROR, it->path, "id", 0, it->id,
			    "id-pattern", msg);
	}
	if (rc == 0 && it->path) {
		base = strrchr(it->path, '/');
		base = base ? base + 1 : it->path;
		if (!sl_item_file_is_for(base, it->id)) {
			snprintf(
				msg, sizeof(msg),
				"file name '%s' does not match id '%s' (expected '%s.json')",
				base, it->id, it->id);
			rc = add_at(ctx, SL_SEV_ERROR, it->path, "id", 0,
				    it->id, "file-name", msg);
		}
	}
	/* Without a loaded sheet.json (its own findings say why) section and
	 * scope checks would only cascade. */
	if (!m->path && m->section_count == 0)
		goto texts;
	sec = sl_sheet_section(sheet, it->section);
	if (rc == 0 && !sec) {
		snprintf(msg, sizeof(msg),
			 "section '%s' is not listed in sheet.json",
			 it->section);
		rc = add_at(ctx, SL_SEV_ERROR, it->path, "section", 0, it->id,
			    "unknown-section", msg);
	}
	if (rc == 0 && it->scope) {
		if (!sl_sheet_scope(sheet, it->scope)) {
			snprintf(msg, sizeof(msg),
				 "scope '%s' is not listed in sheet.json",
				 it->scope);
			rc = add_at(ctx, SL_SEV_ERROR, it->path, "scope", 0,
				    it->id, "unknown-scope", msg);
		} else if (sec && sec->scope && strcmp(sec->scope, it->scope)) {
			snprintf(
				msg, sizeof(msg),
				"scope '%s' differs from section %s's scope '%s'",
				it->scope, sec->id, sec->scope);
			rc = add_at(ctx, SL_SEV_ERROR, it->path, "scope", 0,
				    it->id, "scope-mismatch", msg);
		}
	}
texts:
	for (i = 0; i < SL_ARRAY_SIZE(texts) && rc == 0; i++) {
		const char *v = sl_item_get(it, texts[i], NULL);
		if (!v || !blank(v))
			continue;
		snprintf(msg, sizeof(msg), "%s is empty", texts[i]);
		rc = add_at(ctx, SL_SEV_ERROR, it->path, texts[i], 0, it->id,
			    "empty-text", msg);
	}
	return rc;
}

/* Order by question, then answer, then id: identical pairs adjacent. */
static int item_text_cmp(const void *a, const void *b)
{
	const sl_item *x = *(const sl_item *const *)a;
	const sl_item *y = *(const sl_item *const *)b;
	int c = strcmp(x->question, y->question);
	if (!c)
		c = strcmp(x->answer, y->answer);
	return c ? c : strcmp(x->id, y->id);
}

/*
 * Two items with the same question and the same answer: what an import
 * that copied one row over another leaves behind (a deleted row whose
 * neighbours were renumbered by hand), never a real sheet's content.
 * Each later item of a group names the first.
 */
static int lint_identical_items(const lint_ctx *ctx, const sl_sheet *sheet)
{
	size_t i, first = 0, n = sl_sheet_item_count(sheet);
	const sl_item **sorted;
	int rc = 0;
	if (n < 2)
		return 0;
	if (!(sorted = sl_calloc(n, sizeof(*sorted))))
		return sl_error_oom();
	for (i = 0; i < n; i++)
		sorted[i] = sl_sheet_item(sheet, i);
	qsort(sorted, n, sizeof(*sorted), item_text_cmp);
	for (i = 1; i < n && rc == 0; i++) {
		char msg[512];
		if (strcmp(sorted[i]->question, sorted[first]->question) ||
		    strcmp(sorted[i]->answer, sorted[first]->answer)) {
			first = i;
			continue;
		}
		if (!strcmp(sorted[i]->id, sorted[first]->id))
			continue; /* one id twice: duplicate-id says so */
		snprintf(msg, sizeof(msg),
			 "item %s has the same question and answer as item %s",
			 sorted[i]->id, sorted[first]->id);
		rc = add_at(ctx, SL_SEV_ERROR, sorted[i]->path, "question", 0,
			    sorted[i]->id, "identical-items", msg);
	}
	sl_free(sorted);
	return rc;
}

/* "owners" (owners.h): an object of section or item ids to lists of
 * people. Malformed, it is an error: approvals would be judged against
 * owners nobody can read. */
static int lint_owners(const lint_ctx *ctx, const sl_sheet_meta *m)
{
	sl_owners o = SL_OWNERS_INIT;
	int rc = sl_owners_from_meta(&o, m);
	sl_owners_dispose(&o);
	if (rc == SL_EINVALID) {
		char msg[sizeof(sl_error_last()->message)];
		memcpy(msg, sl_error_last()->message, sizeof(msg));
		sl_error_clear();
		return add_at(ctx, SL_SEV_ERROR, m->path, "owners", 0, NULL,
			      "invalid-owners", msg);
	}
	return rc;
}

int sl_lint_structure(sl_diag_list *diags, const sl_sheet *sheet,
		      const sl_snapshot *snap)
{
	lint_ctx ctx = {diags, snap};
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	regex_t re;
	bool have_re = false;
	const sl_item **sorted = NULL;
	size_t i, n = sl_sheet_item_count(sheet);
	int rc = 0;

	if (m->path)
		rc = lint_meta(&ctx, m, &re, &have_re);
	if (rc == 0 && m->path)
		rc = lint_owners(&ctx, m);
	for (i = 0; i < n && rc == 0; i++)
		rc = lint_item(&ctx, sheet, sl_sheet_item(sheet, i), &re,
			       have_re);
	/* Duplicates: sort a copy of the item list by id (the sheet's own
	 * index says at once when there are none). */
	if (rc == 0 && n > 1 &&
	    !(sl_sheet_indexed(sheet) && !sl_sheet_duplicate_id(sheet))) {
		sorted = sl_calloc(n, sizeof(*sorted));
		if (!sorted) {
			rc = sl_error_oom();
			goto done;
		}
		for (i = 0; i < n; i++)
			sorted[i] = sl_sheet_item(sheet, i);
		qsort(sorted, n, sizeof(*sorted), item_id_cmp);
		for (i = 1; i < n && rc == 0; i++) {
			char msg[512];
			if (strcmp(sorted[i]->id, sorted[i - 1]->id))
				continue;
			snprintf(msg, sizeof(msg), "id '%s' is also used by %s",
				 sorted[i]->id,
				 sorted[i - 1]->path ? sorted[i - 1]->path
						     : "another item");
			rc = add_at(&ctx, SL_SEV_ERROR, sorted[i]->path, "id",
				    0, sorted[i]->id, "duplicate-id", msg);
		}
	}
	if (rc == 0)
		rc = lint_identical_items(&ctx, sheet);
done:
	sl_free(sorted);
	if (have_re)
		regfree(&re);
	return rc;
}

/* ---- notation ----------------------------------------------------------- */

static void describe_cp(char *out, size_t size, int32_t cp)
{
	sl_buf b = SL_BUF_INIT;
	sl_utf8_put(&b, cp);
	snprintf(out, size, "'%s' (U+%04X)", sl_buf_cstr(&b), (unsigned)cp);
	sl_buf_dispose(&b);
}

static int notation_text(const lint_ctx *ctx, const char *path, const char *key,
			 const char *item_id, const char *text)
{
	size_t len = strlen(text), pos = 0;
	int32_t cp, prev = 0;
	char msg[512], what[64];
	int rc = 0;

	while (pos < len && rc == 0) {
		size_t start = pos;
		if (!sl_utf8_next(text, len, &pos, &cp))
			break;
		if (sl_utf8_is_space(cp)) {
			/* A run of spaces: trailing, or inside Japanese text.
			 */
			size_t end = pos;
			int32_t next = 0;
			bool have_next = false;
			while (end < len) {
				size_t p2 = end;
				int32_t c2;
				if (!sl_utf8_next(text, len, &p2, &c2))
					break;
				if (!sl_utf8_is_space(c2)) {
					next = c2;
					have_next = true;
					break;
				}
				end = p2;
			}
			if (!have_next || next == '\n' || next == '\r')
				rc = add_at(
					ctx, SL_SEV_WARNING, path, key, start,
					item_id, "trailing-whitespace",
					"trailing whitespace at the end of a line");
			else if (sl_utf8_is_japanese(prev) ||
				 sl_utf8_is_japanese(next))
				rc = add_at(ctx, SL_SEV_WARNING, path, key,
					    start, item_id, "space-in-japanese",
					    "space inside Japanese text");
			pos = end;
			prev = cp;
			continue;
		}
		if (sl_utf8_is_fullwidth_ascii(cp)) {
			describe_cp(what, sizeof(what), cp);
			snprintf(msg, sizeof(msg),
				 "full-width %s; ASCII reads '%c'", what,
				 (char)(cp - 0xFF01 + 0x21));
			rc = add_at(ctx, SL_SEV_WARNING, path, key, start,
				    item_id, "fullwidth-ascii", msg);
		} else if (sl_utf8_is_compat(cp)) {
			sl_buf nf = SL_BUF_INIT;
			describe_cp(what, sizeof(what), cp);
			if (sl_utf8_nfkc(&nf, text + start, pos - start) < 0) {
				sl_buf_dispose(&nf);
				return sl_error_oom();
			}
			snprintf(msg, sizeof(msg),
				 "compatibility %s %s; NFKC reads '%s'",
				 sl_utf8_is_compat_ideograph(cp) ? "ideograph"
								 : "character",
				 what, sl_buf_cstr(&nf));
			sl_buf_dispose(&nf);
			rc = add_at(ctx, SL_SEV_WARNING, path, key, start,
				    item_id,
				    sl_utf8_is_compat_ideograph(cp)
					    ? "compat-ideograph"
					    : "compat-char",
				    msg);
		}
		prev = cp;
	}
	return rc;
}

/* Near-duplicate questions: a warning on the later item of each pair
 * whose questions the matcher finds at least this alike (match.c's
 * question similarity, the sheet as corpus). */
#define NEAR_DUPLICATE_MIN 0.8

static int near_duplicates(lint_ctx *ctx, const sl_sheet *sheet)
{
	size_t i, n = sl_sheet_item_count(sheet), count = 0;
	const sl_item **items = sl_calloc(n ? n : 1, sizeof(*items));
	sl_match_pair_alike *pairs = NULL;
	int rc;
	if (!items)
		return sl_error_oom();
	for (i = 0; i < n; i++)
		items[i] = sl_sheet_item(sheet, i);
	rc = sl_match_alike(&pairs, &count, items, n, NEAR_DUPLICATE_MIN);
	for (i = 0; i < count && rc == 0; i++) {
		const sl_item *a = items[pairs[i].a], *b = items[pairs[i].b];
		char msg[256];
		/* Same question and answer: identical-items' error says it. */
		if (!strcmp(a->question, b->question) &&
		    !strcmp(a->answer, b->answer))
			continue;
		snprintf(msg, sizeof(msg),
			 "question is nearly the same as %s's (similarity "
			 "%.2f): merge them, or make the difference explicit",
			 a->id, pairs[i].question);
		rc = add_at(ctx, SL_SEV_WARNING, b->path, "question", 0, b->id,
			    "near-duplicate", msg);
	}
	sl_free(pairs);
	sl_free(items);
	return rc;
}

int sl_lint_notation(sl_diag_list *diags, const sl_sheet *sheet,
		     const sl_snapshot *snap)
{
	lint_ctx ctx = {diags, snap};
	const sl_sheet_meta *m = sl_sheet_meta_get(sheet);
	size_t i, j, n = sl_sheet_item_count(sheet);
	int rc = 0;
	struct {
		const char *key;
		const char *text;
	} meta_texts[] = {
		{"title", m->title},
		{"introduction", m->introduction},
		{"as_of_note", m->as_of_note},
		{"disclaimer_title", m->disclaimer_title},
		{"disclaimer", m->disclaimer},
	};

	if (m->path) {
		for (i = 0; i < SL_ARRAY_SIZE(meta_texts) && rc == 0; i++)
			if (meta_texts[i].text)
				rc = notation_text(&ctx, m->path,
						   meta_texts[i].key, NULL,
						   meta_texts[i].text);
		for (i = 0; i < m->section_count && rc == 0; i++)
			rc = notation_text(&ctx, m->path, "sections", NULL,
					   m->sections[i].title);
	}
	for (i = 0; i < n && rc == 0; i++) {
		const sl_item *it = sl_sheet_item(sheet, i);
		static const char *const fields[] = {"category", "question",
						     "answer"};
		for (j = 0; j < SL_ARRAY_SIZE(fields) && rc == 0; j++) {
			const char *v = sl_item_get(it, fields[j], NULL);
			if (v)
				rc = notation_text(&ctx, it->path, fields[j],
						   it->id, v);
		}
		for (j = 0; j < it->extra_count && rc == 0; j++)
			if (!it->extra[j].is_json)
				rc = notation_text(&ctx, it->path,
						   it->extra[j].name, it->id,
						   it->extra[j].text);
	}
	if (rc == 0)
		rc = near_duplicates(&ctx, sheet);
	return rc;
}
