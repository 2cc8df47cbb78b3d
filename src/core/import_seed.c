/*
 * import_seed.c: the published-text importer. Pure text in, sheet out; it
 * never touches the file system.
 *
 * Grammar (one construct per line; "␣" is one ASCII space):
 *
 *   page         := preamble (scope? section)+ postamble
 *   preamble     := blocks separated by blank lines. The last block holds
 *                   the introduction and the as-of note (the line whose NFKC
 *                   form contains "YYYY年M月時点"); the block before it is
 *                   the title; earlier blocks are page furniture
 *                   (page_header).
 *   scope        := a text line, blank line(s), then a section heading
 *   section      := "N.title", then the column header line
 *                   ("No␣項目␣評価内容␣回答内容"), then item+
 *   item         := id-line continuation*
 *   id-line      := ID "␣" [category "␣"] question ["␣" answer-start]
 *   ID           := digits "-" digits
 *   continuation := "␣␣•␣" entry   a list entry, kept as its own line with
 *                                   its marker (・, "1.", 【機密性】)
 *                 | "␣␣" text      a wrapped part of the entry above
 *                 | text           a paragraph of the open field
 *   postamble    := what follows the blank line after the last item: the
 *                   disclaimer title, the disclaimer entries, then page
 *                   furniture (page_footer)
 *
 * Splitting an id-line. The table's cells arrive joined by single spaces
 * and the cells themselves contain spaces, so the split is decided by
 * content:
 * - The question ends at a space whose preceding text, minus a trailing
 *   parenthesised note "(…)", ends with an interrogative: "か。", "か?" or
 *   "か？" (the LAST such space: a question may hold two sentences, as
 *   1-35 does), else "ください。" (the FIRST such space: answers end with
 *   requests too, as 2-1's does).
 * - The first token is the category when it holds none of 。、?？, is at
 *   most 40 characters, and a question end exists after it. The source
 *   prints the category only on the first row of a run, so it carries
 *   forward within the section.
 * Continuations. When the id-line holds an answer, every continuation
 * extends the answer (1-63's answer continues into its list). Otherwise
 * list entries extend the question until a plain paragraph starts the
 * answer (1-8); when no paragraph comes, the entries were the answer
 * (2-2, 2-5).
 *
 * Only layout is normalised: the list bullet "␣␣•␣" and wrap indentation
 * are dropped, lines are joined with '\n'. Every character of the text,
 * compatibility ideographs included, is kept as published.
 */
#include "import_seed.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "utf8.h"

#define BULLET "  \xE2\x80\xA2 " /* two spaces, U+2022, one space */
#define MAX_CATEGORY_CPS 40

typedef struct line {
	const char *s; /* borrowed from the input */
	size_t len;    /* bytes, without the line break */
} line;

typedef struct seed {
	const sl_seed_options *opts;
	line *lines;
	size_t count;
	sl_sheet_meta meta;
	sl_sheet *sheet;
} seed;

static int seed_error(const seed *sd, size_t line_index, const char *msg)
{
	int rc = sl_error_set(SL_EINVALID, "%s", msg);
	sl_error_add_path(sd->opts && sd->opts->path ? sd->opts->path
						     : "<seed>");
	sl_error_add_loc((int)line_index + 1, 1);
	return rc;
}

static bool starts_with(const line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && !memcmp(l->s, prefix, n);
}

static bool is_blank(const line *l)
{
	size_t i;
	for (i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return false;
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "12-34 ..." : length of the id, or 0. */
static size_t item_id_len(const line *l)
{
	size_t i = 0, a, b;
	while (i < l->len && is_digit(l->s[i]))
		i++;
	a = i;
	if (a == 0 || i >= l->len || l->s[i] != '-')
		return 0;
	i++;
	while (i < l->len && is_digit(l->s[i]))
		i++;
	b = i - a - 1;
	if (b == 0 || i >= l->len || l->s[i] != ' ')
		return 0;
	return i;
}

/* Count single-space-separated non-empty tokens; 0 if any is empty. */
static size_t token_count(const line *l)
{
	size_t i, n = 1;
	if (l->len == 0 || l->s[0] == ' ' || l->s[l->len - 1] == ' ')
		return 0;
	for (i = 0; i < l->len; i++) {
		if (l->s[i] != ' ')
			continue;
		if (i + 1 < l->len && l->s[i + 1] == ' ')
			return 0;
		n++;
	}
	return n;
}

static bool is_header(const seed *sd, size_t i)
{
	return i < sd->count && token_count(&sd->lines[i]) == 4 &&
	       !item_id_len(&sd->lines[i]);
}

/* "N.title" followed by a column header line. */
static bool is_section_heading(const seed *sd, size_t i)
{
	const line *l = &sd->lines[i];
	size_t k = 0;
	while (k < l->len && is_digit(l->s[k]))
		k++;
	if (k == 0 || k + 1 >= l->len || l->s[k] != '.' || l->s[k + 1] == ' ')
		return false;
	return is_header(sd, i + 1);
}

/* A text line, then blank line(s), then a section heading. */
static bool is_scope_heading(const seed *sd, size_t i)
{
	size_t j = i + 1;
	const line *l = &sd->lines[i];
	if (is_blank(l) || l->s[0] == ' ' || item_id_len(l) ||
	    is_section_heading(sd, i))
		return false;
	/* A block of its own: a line inside a paragraph is not a heading. */
	if (i > 0 && !is_blank(&sd->lines[i - 1]))
		return false;
	if (j >= sd->count || !is_blank(&sd->lines[j]))
		return false;
	while (j < sd->count && is_blank(&sd->lines[j]))
		j++;
	return j < sd->count && is_section_heading(sd, j);
}

static int split_lines(seed *sd, const char *text, size_t len)
{
	size_t i, start = 0, n = 0, cap = 1;
	for (i = 0; i < len; i++)
		cap += text[i] == '\n';
	sd->lines = sl_calloc(cap, sizeof(line));
	if (!sd->lines)
		return sl_error_oom();
	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		sd->lines[n].s = text + start;
		sd->lines[n].len = i - start;
		if (sd->lines[n].len && text[i - 1] == '\r')
			sd->lines[n].len--;
		n++;
		start = i + 1;
	}
	/* A final newline does not open one more (empty) line. */
	if (n > 1 && sd->lines[n - 1].len == 0 && len && text[len - 1] == '\n')
		n--;
	sd->count = n;
	return 0;
}

static char *dup_line(const line *l)
{
	return sl_strndup(l->s, l->len);
}

/* Join lines [a, b) with '\n', skipping blank lines and dropping the list
 * bullet. new: NULL on OOM or when the range holds no text. */
static char *join_lines(const seed *sd, size_t a, size_t b, bool *oom)
{
	sl_buf out = SL_BUF_INIT;
	size_t i;
	for (i = a; i < b; i++) {
		const line *l = &sd->lines[i];
		size_t skip = 0;
		if (is_blank(l))
			continue;
		if (starts_with(l, BULLET))
			skip = strlen(BULLET);
		else
			while (skip < l->len && l->s[skip] == ' ')
				skip++;
		if (out.len)
			sl_buf_putc(&out, '\n');
		sl_buf_put(&out, l->s + skip, l->len - skip);
	}
	if (sl_buf_oom(&out)) {
		*oom = true;
		sl_buf_dispose(&out);
		return NULL;
	}
	if (!out.len) {
		/* Only bullets: no text, but the buffer may have grown. */
		sl_buf_dispose(&out);
		return NULL;
	}
	return sl_buf_detach(&out, NULL);
}

/* ---- preamble ---------------------------------------------------------- */

/* Find "YYYY年M月" in the NFKC form of a line; writes "YYYY-MM". */
static bool find_as_of(const line *l, char out[8])
{
	sl_buf nf = SL_BUF_INIT;
	const char *nen = "\xE5\xB9\xB4";   /* 年 */
	const char *tsuki = "\xE6\x9C\x88"; /* 月 */
	bool found = false;
	size_t i;
	if (sl_utf8_nfkc(&nf, l->s, l->len) < 0) {
		sl_buf_dispose(&nf);
		return false;
	}
	for (i = 4; !found && i + 3 <= nf.len; i++) {
		const char *p = nf.ptr + i;
		size_t k = i + 3, d = 0;
		if (memcmp(p, nen, 3) || !is_digit(p[-1]) || !is_digit(p[-2]) ||
		    !is_digit(p[-3]) || !is_digit(p[-4]))
			continue;
		while (k + d < nf.len && d < 2 && is_digit(nf.ptr[k + d]))
			d++;
		if (d == 0 || k + d + 3 > nf.len ||
		    memcmp(nf.ptr + k + d, tsuki, 3))
			continue;
		{
			int month = d == 1 ? nf.ptr[k] - '0'
					   : (nf.ptr[k] - '0') * 10 +
						     (nf.ptr[k + 1] - '0');
			if (month < 1 || month > 12)
				continue;
			memcpy(out, p - 4, 4);
			out[4] = '-';
			out[5] = (char)('0' + month / 10);
			out[6] = (char)('0' + month % 10);
			out[7] = '\0';
			found = true;
		}
	}
	sl_buf_dispose(&nf);
	return found;
}

static int parse_preamble(seed *sd, size_t end)
{
	size_t blocks[64][2], nb = 0, i = 0, note = (size_t)-1, a, b;
	char as_of[8] = "";
	bool oom = false;
	sl_buf intro = SL_BUF_INIT;

	while (i < end) {
		while (i < end && is_blank(&sd->lines[i]))
			i++;
		if (i >= end)
			break;
		if (nb == SL_ARRAY_SIZE(blocks))
			return seed_error(sd, i,
					  "too many blocks before the table");
		blocks[nb][0] = i;
		while (i < end && !is_blank(&sd->lines[i]))
			i++;
		blocks[nb++][1] = i;
	}
	if (nb == 0)
		goto date;
	a = blocks[nb - 1][0];
	b = blocks[nb - 1][1];
	for (i = a; i < b; i++) {
		char tmp[8];
		if (note == (size_t)-1 && find_as_of(&sd->lines[i], tmp)) {
			note = i;
			memcpy(as_of, tmp, sizeof(tmp));
			continue;
		}
		if (intro.len)
			sl_buf_putc(&intro, '\n');
		sl_buf_put(&intro, sd->lines[i].s, sd->lines[i].len);
	}
	/* A buffer that ran out of memory still owns what it had. */
	if (sl_buf_oom(&intro) ||
	    (intro.len &&
	     !(sd->meta.introduction = sl_buf_detach(&intro, NULL)))) {
		sl_buf_dispose(&intro);
		return sl_error_oom();
	}
	sl_buf_dispose(&intro);
	if (note != (size_t)-1 &&
	    !(sd->meta.as_of_note = dup_line(&sd->lines[note])))
		return sl_error_oom();
	if (nb >= 2) {
		sd->meta.title = join_lines(sd, blocks[nb - 2][0],
					    blocks[nb - 2][1], &oom);
		if (nb >= 3)
			sd->meta.page_header = join_lines(
				sd, blocks[0][0], blocks[nb - 3][1], &oom);
		if (oom)
			return sl_error_oom();
	}
date:
	if (sd->opts && sd->opts->as_of)
		sd->meta.as_of = sl_strdup(sd->opts->as_of);
	else if (as_of[0])
		sd->meta.as_of = sl_strdup(as_of);
	else
		return seed_error(
			sd, 0,
			"no as-of date (\"YYYY年M月時点\") before the table; give --as-of");
	return sd->meta.as_of ? 0 : sl_error_oom();
}

/* ---- postamble ------------------------------------------------------------
 */

static int parse_postamble(seed *sd, size_t start)
{
	size_t i = start, nb = 0, a = 0, b = 0, rest = sd->count;
	bool oom = false;
	while (i < sd->count) {
		size_t s;
		while (i < sd->count && is_blank(&sd->lines[i]))
			i++;
		if (i >= sd->count)
			break;
		s = i;
		while (i < sd->count && !is_blank(&sd->lines[i]))
			i++;
		if (nb == 0) {
			sd->meta.disclaimer_title = join_lines(sd, s, i, &oom);
		} else if (nb == 1) {
			a = s;
			b = i;
		} else if (nb == 2) {
			rest = s;
		}
		nb++;
	}
	if (b > a)
		sd->meta.disclaimer = join_lines(sd, a, b, &oom);
	if (rest < sd->count)
		sd->meta.page_footer = join_lines(sd, rest, sd->count, &oom);
	return oom ? sl_error_oom() : 0;
}

/* ---- items ----------------------------------------------------------------
 */

typedef struct builder {
	bool open;         /* an item is being built */
	size_t line_index; /* its id-line */
	char *id;          /* owned */
	sl_buf question;
	sl_buf answer;
	bool answer_started; /* the answer has text */
	bool question_list;  /* list entries were added to the question */
	size_t list_mark;    /* question.len before the first entry */
	bool last_to_answer; /* where the last list entry went */
} builder;

static size_t strip_paren(const char *s, size_t len)
{
	/* Drop a trailing "(…)" or "（…）", nested groups included. */
	size_t i = len;
	int depth = 0;
	bool ascii = len && s[len - 1] == ')';
	bool wide = len >= 3 && !memcmp(s + len - 3, "\xEF\xBC\x89", 3);
	if (!ascii && !wide)
		return len;
	while (i > 0) {
		if (s[i - 1] == ')') {
			depth++;
			i--;
		} else if (i >= 3 && !memcmp(s + i - 3, "\xEF\xBC\x89", 3)) {
			depth++;
			i -= 3;
		} else if (s[i - 1] == '(') {
			i--;
			if (--depth == 0)
				return i;
		} else if (i >= 3 && !memcmp(s + i - 3, "\xEF\xBC\x88", 3)) {
			i -= 3;
			if (--depth == 0)
				return i;
		} else {
			i--;
		}
	}
	return len;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && !memcmp(s + len - n, suffix, n);
}

enum { END_NONE, END_KA, END_KUDASAI };

static int question_end_kind(const char *s, size_t len)
{
	len = strip_paren(s, len);
	if (ends_with(s, len, "か。") || ends_with(s, len, "か?") ||
	    ends_with(s, len, "か？"))
		return END_KA;
	if (ends_with(s, len, "ください。"))
		return END_KUDASAI;
	return END_NONE;
}

/* Byte offset in rest where the question that starts at `from` ends
 * (exclusive), or 0 when no end is found. */
static size_t question_end(const char *rest, size_t len, size_t from)
{
	size_t i, last_ka = 0, first_kudasai = 0;
	for (i = from; i <= len; i++) {
		int kind;
		if (i < len && rest[i] != ' ')
			continue;
		if (i == from)
			continue;
		kind = question_end_kind(rest + from, i - from);
		if (kind == END_KA)
			last_ka = i;
		else if (kind == END_KUDASAI && !first_kudasai)
			first_kudasai = i;
	}
	return last_ka ? last_ka : first_kudasai;
}

static bool category_like(const char *s, size_t len)
{
	static const char *const stops[] = {"。", "、", "?", "？"};
	size_t i;
	for (i = 0; i < SL_ARRAY_SIZE(stops); i++) {
		size_t n = strlen(stops[i]), k;
		for (k = 0; k + n <= len; k++)
			if (!memcmp(s + k, stops[i], n))
				return false;
	}
	return len > 0 && sl_utf8_cps(s, len) <= MAX_CATEGORY_CPS;
}

static void builder_reset(builder *bd)
{
	sl_free(bd->id);
	sl_buf_dispose(&bd->question);
	sl_buf_dispose(&bd->answer);
	memset(bd, 0, sizeof(*bd));
}

static int start_item(seed *sd, builder *bd, size_t li, char **category)
{
	const line *l = &sd->lines[li];
	size_t idl = item_id_len(l);
	const char *rest = l->s + idl + 1;
	size_t len = l->len - idl - 1, qstart = 0, qend, sp;

	bd->open = true;
	bd->line_index = li;
	bd->id = sl_strndup(l->s, idl);
	if (!bd->id)
		return sl_error_oom();
	sp = 0;
	while (sp < len && rest[sp] != ' ')
		sp++;
	if (sp < len && category_like(rest, sp) &&
	    question_end(rest, len, sp + 1)) {
		sl_free(*category);
		*category = sl_strndup(rest, sp);
		if (!*category)
			return sl_error_oom();
		qstart = sp + 1;
	}
	qend = question_end(rest, len, qstart);
	if (!qend) {
		int rc = sl_error_set(
			SL_EINVALID,
			"cannot tell where the question of item %s ends "
			"(no \"…か。\" or \"…ください。\" before a space)",
			bd->id);
		sl_error_add_path(sd->opts && sd->opts->path ? sd->opts->path
							     : "<seed>");
		sl_error_add_loc((int)li + 1, (int)idl + 2);
		sl_error_add_item(bd->id);
		return rc;
	}
	sl_buf_put(&bd->question, rest + qstart, qend - qstart);
	if (qend < len) {
		sl_buf_put(&bd->answer, rest + qend + 1, len - qend - 1);
		bd->answer_started = bd->answer.len > 0;
	}
	return sl_buf_oom(&bd->question) || sl_buf_oom(&bd->answer)
		       ? sl_error_oom()
		       : 0;
}

static void continue_item(builder *bd, const line *l)
{
	if (starts_with(l, BULLET)) {
		size_t skip = strlen(BULLET);
		bd->last_to_answer = bd->answer_started;
		if (!bd->answer_started && !bd->question_list) {
			bd->question_list = true;
			bd->list_mark = bd->question.len;
		}
		sl_buf *target =
			bd->last_to_answer ? &bd->answer : &bd->question;
		sl_buf_putc(target, '\n');
		sl_buf_put(target, l->s + skip, l->len - skip);
	} else if (l->len && l->s[0] == ' ') {
		size_t skip = 0;
		sl_buf *target = bd->last_to_answer || bd->answer_started
					 ? &bd->answer
					 : &bd->question;
		while (skip < l->len && l->s[skip] == ' ')
			skip++;
		sl_buf_putc(target, '\n');
		sl_buf_put(target, l->s + skip, l->len - skip);
	} else {
		if (bd->answer_started)
			sl_buf_putc(&bd->answer, '\n');
		sl_buf_put(&bd->answer, l->s, l->len);
		bd->answer_started = true;
		bd->last_to_answer = true;
	}
}

static int finish_item(seed *sd, builder *bd, const sl_section *sec,
		       const char *category)
{
	sl_item *item = NULL;
	int rc = 0;
	if (!bd->open)
		return 0;
	if (!bd->answer_started && bd->question_list) {
		/* The entries were the answer (2-2, 2-5): move them, without
		 * the line break that joined them to the question. */
		sl_buf_put(&bd->answer, bd->question.ptr + bd->list_mark + 1,
			   bd->question.len - bd->list_mark - 1);
		sl_buf_truncate(&bd->question, bd->list_mark);
		bd->answer_started = true;
	}
	if (!bd->answer_started) {
		char msg[256];
		snprintf(msg, sizeof(msg), "item %s has no answer", bd->id);
		rc = seed_error(sd, bd->line_index, msg);
		sl_error_add_item(bd->id);
		goto done;
	}
	if (sl_buf_oom(&bd->question) || sl_buf_oom(&bd->answer) ||
	    !(item = sl_item_new())) {
		rc = sl_error_oom();
		goto done;
	}
	item->id = bd->id;
	bd->id = NULL;
	item->question = sl_buf_detach(&bd->question, NULL);
	item->answer = sl_buf_detach(&bd->answer, NULL);
	item->section = sl_strdup(sec->id);
	item->scope = sec->scope ? sl_strdup(sec->scope) : NULL;
	item->category = category ? sl_strdup(category) : NULL;
	if (!item->question || !item->answer || !item->section ||
	    (sec->scope && !item->scope) || (category && !item->category)) {
		sl_item_free(item);
		rc = sl_error_oom();
		goto done;
	}
	rc = sl_sheet_add_item(sd->sheet, item);
done:
	builder_reset(bd);
	return rc;
}

static const char *scope_id_for(const line *l)
{
	/* The two responsibility scopes of a cloud check sheet. */
	static const char provider[] =
		"\xE4\xBA\x8B\xE6\xA5\xAD\xE8\x80\x85"; /* 事業者 */
	static const char customer[] =
		"\xE5\x88\xA9\xE7\x94\xA8\xE8\x80\x85"; /* 利用者 */
	size_t k;
	for (k = 0; k + 9 <= l->len; k++) {
		if (!memcmp(l->s + k, provider, 9))
			return "provider";
		if (!memcmp(l->s + k, customer, 9))
			return "customer";
	}
	return NULL;
}

static int add_scope(seed *sd, const line *l)
{
	sl_scope *grown;
	const char *id = scope_id_for(l);
	char fallback[32];
	size_t i;
	for (i = 0; id && i < sd->meta.scope_count; i++)
		if (!strcmp(sd->meta.scopes[i].id, id))
			id = NULL;
	if (!id) {
		snprintf(fallback, sizeof(fallback), "scope-%zu",
			 sd->meta.scope_count + 1);
		id = fallback;
	}
	grown = sl_reallocarray(sd->meta.scopes, sd->meta.scope_count + 1,
				sizeof(*grown));
	if (!grown)
		return sl_error_oom();
	sd->meta.scopes = grown;
	grown[sd->meta.scope_count].id = sl_strdup(id);
	grown[sd->meta.scope_count].title = dup_line(l);
	sd->meta.scope_count++;
	if (!grown[sd->meta.scope_count - 1].id ||
	    !grown[sd->meta.scope_count - 1].title)
		return sl_error_oom();
	return 0;
}

static int add_section(seed *sd, size_t li, const char *scope)
{
	const line *l = &sd->lines[li], *h = &sd->lines[li + 1];
	sl_section *grown, *s;
	size_t k = 0, i;
	char *cols[4] = {NULL, NULL, NULL, NULL};
	size_t start = 0, c = 0;

	while (is_digit(l->s[k]))
		k++;
	grown = sl_reallocarray(sd->meta.sections, sd->meta.section_count + 1,
				sizeof(*grown));
	if (!grown)
		return sl_error_oom();
	sd->meta.sections = grown;
	s = &grown[sd->meta.section_count++];
	memset(s, 0, sizeof(*s));
	s->id = sl_strndup(l->s, k);
	s->title = sl_strndup(l->s + k + 1, l->len - k - 1);
	s->scope = scope ? sl_strdup(scope) : NULL;
	if (!s->id || !s->title || (scope && !s->scope))
		return sl_error_oom();
	for (i = 0; i < sd->meta.section_count - 1; i++)
		if (!strcmp(sd->meta.sections[i].id, s->id)) {
			char msg[256];
			snprintf(msg, sizeof(msg), "section %s appears twice",
				 s->id);
			return seed_error(sd, li, msg);
		}
	/* The column header: the first one names the columns, later ones
	 * must agree. */
	for (i = 0; i <= h->len; i++) {
		if (i < h->len && h->s[i] != ' ')
			continue;
		cols[c] = sl_strndup(h->s + start, i - start);
		if (!cols[c]) {
			while (c > 0)
				sl_free(cols[--c]);
			return sl_error_oom();
		}
		c++;
		start = i + 1;
	}
	if (!sd->meta.columns.id) {
		sd->meta.columns.id = cols[0];
		sd->meta.columns.category = cols[1];
		sd->meta.columns.question = cols[2];
		sd->meta.columns.answer = cols[3];
		return 0;
	}
	{
		bool same = !strcmp(cols[0], sd->meta.columns.id) &&
			    !strcmp(cols[1], sd->meta.columns.category) &&
			    !strcmp(cols[2], sd->meta.columns.question) &&
			    !strcmp(cols[3], sd->meta.columns.answer);
		for (i = 0; i < 4; i++)
			sl_free(cols[i]);
		if (!same)
			return seed_error(
				sd, li + 1,
				"column header differs from the first table's");
	}
	return 0;
}

int sl_import_seed(sl_sheet **out, const char *text, size_t len,
		   const sl_seed_options *opts)
{
	seed sd;
	builder bd;
	size_t i, first = (size_t)-1, bad;
	char *category = NULL;
	const char *scope = NULL;
	bool in_section = false, after_blank = false;
	int rc;

	*out = NULL;
	memset(&sd, 0, sizeof(sd));
	memset(&bd, 0, sizeof(bd));
	sd.opts = opts;
	if (!sl_utf8_valid(text, len, &bad)) {
		int ln, col;
		sl_utf8_line_col(text, len, bad, &ln, &col);
		rc = sl_error_set(SL_EINVALID, "invalid UTF-8 byte 0x%02x",
				  (unsigned char)text[bad]);
		sl_error_add_path(opts && opts->path ? opts->path : "<seed>");
		sl_error_add_loc(ln, col);
		return rc;
	}
	rc = sl_sheet_new(&sd.sheet);
	if (rc == 0)
		rc = split_lines(&sd, text, len);
	if (rc < 0)
		goto done;
	for (i = 0; i < sd.count && first == (size_t)-1; i++)
		if (is_scope_heading(&sd, i) || is_section_heading(&sd, i))
			first = i;
	if (first == (size_t)-1) {
		rc = seed_error(
			&sd, 0,
			"no table found (a \"1.title\" line followed by a column header line)");
		goto done;
	}
	rc = parse_preamble(&sd, first);
	for (i = first; i < sd.count && rc == 0; i++) {
		const line *l = &sd.lines[i];
		const sl_section *sec =
			in_section
				? &sd.meta.sections[sd.meta.section_count - 1]
				: NULL;
		if (is_blank(l)) {
			rc = finish_item(&sd, &bd, sec, category);
			after_blank = true;
			continue;
		}
		if (is_scope_heading(&sd, i)) {
			rc = finish_item(&sd, &bd, sec, category);
			if (rc == 0)
				rc = add_scope(&sd, l);
			if (rc == 0)
				scope = sd.meta.scopes[sd.meta.scope_count - 1]
						.id;
			after_blank = false;
			continue;
		}
		if (is_section_heading(&sd, i)) {
			rc = finish_item(&sd, &bd, sec, category);
			if (rc == 0)
				rc = add_section(&sd, i, scope);
			sl_free(category);
			category = NULL;
			in_section = true;
			after_blank = false;
			i++; /* the column header */
			continue;
		}
		if (item_id_len(l) && in_section) {
			rc = finish_item(&sd, &bd, sec, category);
			if (rc == 0)
				rc = start_item(&sd, &bd, i, &category);
			after_blank = false;
			continue;
		}
		if (bd.open && !after_blank) {
			continue_item(&bd, l);
			continue;
		}
		if (after_blank && in_section &&
		    sl_sheet_item_count(sd.sheet) > 0)
			break; /* the text after the tables */
		rc = seed_error(&sd, i, "text outside any item");
	}
	if (rc == 0 && bd.open)
		rc = finish_item(&sd, &bd,
				 &sd.meta.sections[sd.meta.section_count - 1],
				 category);
	if (rc == 0 && i < sd.count)
		rc = parse_postamble(&sd, i);
	if (rc < 0)
		goto done;
	sd.meta.id_pattern = sl_strdup("^[0-9]+-[0-9]+$");
	if (opts && opts->publisher)
		sd.meta.publisher = sl_strdup(opts->publisher);
	if (opts && opts->source_url)
		sd.meta.source_url = sl_strdup(opts->source_url);
	if (!sd.meta.id_pattern ||
	    (opts && opts->publisher && !sd.meta.publisher) ||
	    (opts && opts->source_url && !sd.meta.source_url)) {
		rc = sl_error_oom();
		goto done;
	}
	sl_sheet_meta_take(sd.sheet, &sd.meta);
	sl_sheet_sort(sd.sheet);
	*out = sd.sheet;
	sd.sheet = NULL;
done:
	builder_reset(&bd);
	sl_free(category);
	sl_free(sd.lines);
	sl_sheet_meta_dispose(&sd.meta);
	sl_sheet_free(sd.sheet);
	return rc;
}
