/*
 * textdiff_cleanup.c: the semantic clean-up of a unit diff (diff-match-patch's
 * diff_cleanupSemantic, ported to spans over the two texts). It never
 * changes what the diff rebuilds, only where the edits are drawn, and every
 * boundary it creates lies between units of both texts (textdiff.c), so a
 * grapheme cluster or a run of digits is never cut. Knows nothing of items
 * or sheets.
 *
 * The steps, in order:
 *   0. merge (diff-match-patch ends diff_main with it, so hand-built ops
 *      get it too): see 2;
 *   1. eliminate: an equality whose length (in code points) is <= the
 *      edits on both sides of it becomes a delete plus an insert;
 *   2. merge (again, if 1 changed something): gather the edits between
 *      two equalities into one delete and one insert, factor their common
 *      prefix and suffix out into the equalities, and slide a single edit
 *      over a neighbouring equality it ends or starts with; repeat;
 *   3. lossless: slide each single edit between two equalities to the
 *      boundary that scores best: text edges, then blank lines, line
 *      breaks, sentence ends 。！？, spaces, 、・ and brackets, then script
 *      changes kanji/hiragana/katakana/latin (see cleanup_score);
 *   4. overlaps: when the end of a delete is the start of the insert after
 *      it (or the reverse) and that overlap is at least half of either
 *      edit, it becomes an equality between them.
 *
 * Worked example 1, a changed number:
 *
 *   old 障害の通知は60分以内を目標とします。
 *   new 障害の通知は30分以内を目標とします。
 *
 * Over code points the minimal diff is [- 6] [+ 3] with "0" kept equal, a
 * change no reader would write. Here "60" and "30" are single units, so
 * Myers finds [= 障害の通知は] [- 60] [+ 30] [= 分以内を目標とします。].
 * Both equalities touch a text edge (no edit on their far side), so step 1
 * keeps them, and step 2 cannot factor the shared "0" out of the pair
 * because it only cuts between units: one changed number.
 *
 * Worked example 2, a rewritten sentence:
 *
 *   old 障害の通知は60分以内を目標としています。
 *   new 監視はすべて自動化されており、担当者に即時連絡します。
 *
 * The minimal diff keeps every shared character, so Myers returns
 *
 *   [- 障害の通知] [+ 監視] [= は] [- 60分以内を目標と] [+ すべて自動化さ
 *   れており、担当者に即時連絡] [= し] [- てい] [= ます。]
 *
 * which reads as noise: "は" and "し" are not what stayed the same. Step 1
 * measures each equality against the larger edit on each side of it:
 * "は" is 1 code point against 5 (障害の通知) before and 20 (すべて...連絡)
 * after, so it becomes [- は] [+ は]; the scan restarts, and "し" (1,
 * against 23 before and 2 after) goes the same way. "ます。" has no edit
 * after it, so it stays. Step 2 then gathers the edits between the
 * remaining equalities into one delete and one insert:
 *
 *   [- 障害の通知は60分以内を目標としてい]
 *   [+ 監視はすべて自動化されており、担当者に即時連絡し] [= ます。]
 *
 * The shared ending "ます。" is a real equality; in a longer answer it
 * joins the unchanged text after it. Without the clean-up (options.cleanup
 * false) the minimal diff above is returned as is.
 */
#include "textdiff_cleanup.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "textdiff_internal.h"
#include "utf8.h"

typedef struct cleanup_ctx {
	sl_textdiff__spans *sp;     /* borrowed: the diff being cleaned */
	const sl_textdiff__side *a; /* borrowed: old text and its cuts */
	const sl_textdiff__side *b; /* borrowed: new text and its cuts */
} cleanup_ctx;

/* --- helpers --- */

static const char *cleanup_text(const cleanup_ctx *c,
				const sl_textdiff__span *s)
{
	return s->op == SL_OP_INSERT ? c->b->text + s->b_off
				     : c->a->text + s->a_off;
}

/* Code points of valid UTF-8: the bytes that are not continuation bytes. */
static size_t cleanup_cps(const char *s, size_t len)
{
	size_t i, n = 0;
	for (i = 0; i < len; i++)
		n += ((uint8_t)s[i] & 0xC0) != 0x80;
	return n;
}

static size_t cleanup_span_cps(const cleanup_ctx *c, const sl_textdiff__span *s)
{
	return cleanup_cps(cleanup_text(c, s), s->len);
}

static int cleanup_reserve(sl_textdiff__spans *sp, size_t cap)
{
	sl_textdiff__span *items;
	if (cap <= sp->cap)
		return 0;
	items = sl_reallocarray(sp->items, cap, sizeof(*items));
	if (!items)
		return sl_error_oom();
	sp->items = items;
	sp->cap = cap;
	return 0;
}

/* Insert at index i; the caller reserved room. */
static void cleanup_insert(sl_textdiff__spans *sp, size_t i,
			   const sl_textdiff__span *s)
{
	assert(sp->count < sp->cap);
	memmove(&sp->items[i + 1], &sp->items[i], (sp->count - i) * sizeof(*s));
	sp->items[i] = *s;
	sp->count++;
}

static void cleanup_erase(sl_textdiff__spans *sp, size_t i)
{
	memmove(&sp->items[i], &sp->items[i + 1],
		(sp->count - i - 1) * sizeof(sp->items[0]));
	sp->count--;
}

static sl_textdiff__span cleanup_span(sl_op_kind op, size_t a_off, size_t b_off,
				      size_t len)
{
	sl_textdiff__span s;
	s.op = op;
	s.a_off = a_off;
	s.b_off = b_off;
	s.len = len;
	return s;
}

/* The side an edit's text lives in, its offset there, and its offset in
 * the other side (where it sits between the equalities around it). */
static const sl_textdiff__side *
cleanup_own(const cleanup_ctx *c, const sl_textdiff__span *s, size_t *own_off,
	    const sl_textdiff__side **other, size_t *other_off)
{
	if (s->op == SL_OP_INSERT) {
		*own_off = s->b_off;
		*other = c->a;
		*other_off = s->a_off;
		return c->b;
	}
	*own_off = s->a_off;
	*other = c->b;
	*other_off = s->b_off;
	return c->a;
}

/* --- step 1: eliminate equalities drowned by the edits around them --- */

static size_t cleanup_max(size_t x, size_t y)
{
	return x > y ? x : y;
}

static int cleanup_eliminate(cleanup_ctx *c, bool *changed)
{
	sl_textdiff__spans *sp = c->sp;
	size_t *stack, depth = 0, equalities = 0, i, p = 0;
	size_t ins1 = 0, del1 = 0, ins2 = 0, del2 = 0, last_cps = 0;
	bool have_last = false;

	for (i = 0; i < sp->count; i++)
		equalities += sp->items[i].op == SL_OP_EQUAL;
	if (equalities == 0)
		return 0;
	/* Each equality is split at most once: reserve for all of them. */
	if (cleanup_reserve(sp, sp->count + equalities) < 0)
		return sl_error_oom();
	stack = sl_calloc(equalities, sizeof(size_t));
	if (!stack)
		return sl_error_oom();
	while (p < sp->count) {
		sl_textdiff__span *s = &sp->items[p];
		if (s->op == SL_OP_EQUAL) {
			stack[depth++] = p;
			ins1 = ins2;
			del1 = del2;
			ins2 = del2 = 0;
			last_cps = cleanup_span_cps(c, s);
			have_last = last_cps > 0;
			p++;
			continue;
		}
		if (s->op == SL_OP_INSERT)
			ins2 += cleanup_span_cps(c, s);
		else
			del2 += cleanup_span_cps(c, s);
		if (have_last && last_cps <= cleanup_max(ins1, del1) &&
		    last_cps <= cleanup_max(ins2, del2)) {
			/* The equality becomes a delete plus an insert. */
			size_t e = stack[--depth];
			sl_textdiff__span eq = sp->items[e];
			sp->items[e].op = SL_OP_DELETE;
			eq.op = SL_OP_INSERT;
			eq.a_off += eq.len;
			cleanup_insert(sp, e + 1, &eq);
			/* The equality before it must be looked at again. */
			if (depth)
				depth--;
			p = depth ? stack[depth - 1] + 1 : 0;
			ins1 = del1 = ins2 = del2 = 0;
			have_last = false;
			*changed = true;
			continue;
		}
		p++;
	}
	sl_free(stack);
	return 0;
}

/* --- step 2: merge --- */

/* Longest common prefix of old[ra..ra+dl) and new[rb..rb+il) that ends on
 * a unit boundary of both. */
static size_t cleanup_common_prefix(const cleanup_ctx *c, size_t ra, size_t dl,
				    size_t rb, size_t il)
{
	const char *p = c->a->text + ra, *q = c->b->text + rb;
	size_t n = dl < il ? dl : il, k = 0;
	while (k < n && p[k] == q[k])
		k++;
	while (k > 0 && !(sl_textdiff__is_cut(c->a, ra + k) &&
			  sl_textdiff__is_cut(c->b, rb + k)))
		k--;
	return k;
}

static size_t cleanup_common_suffix(const cleanup_ctx *c, size_t ra, size_t dl,
				    size_t rb, size_t il)
{
	const char *p = c->a->text + ra, *q = c->b->text + rb;
	size_t n = dl < il ? dl : il, k = 0;
	while (k < n && p[dl - 1 - k] == q[il - 1 - k])
		k++;
	while (k > 0 && !(sl_textdiff__is_cut(c->a, ra + dl - k) &&
			  sl_textdiff__is_cut(c->b, rb + il - k)))
		k--;
	return k;
}

/*
 * One pass of diff_cleanupMerge's first half, into a new array: each run
 * of edits becomes one delete and one insert, with their common prefix
 * appended to the equality before and their common suffix prepended to the
 * equality after.
 */
static int cleanup_merge_runs(cleanup_ctx *c)
{
	sl_textdiff__spans *sp = c->sp, out = {NULL, 0, 0};
	const sl_textdiff__span *it = sp->items;
	size_t i = 0, n = sp->count;
	int rc = 0;

	out.items = sl_calloc(n + 2, sizeof(*out.items));
	if (!out.items)
		return sl_error_oom();
	out.cap = n + 2;
	for (;;) {
		size_t start = i, nd = 0, ni = 0, dl = 0, il = 0, ra = 0;
		size_t rb = 0, suffix = 0, k;
		while (i < n && it[i].op != SL_OP_EQUAL) {
			if (it[i].op == SL_OP_DELETE) {
				nd++;
				dl += it[i].len;
			} else {
				ni++;
				il += it[i].len;
			}
			i++;
		}
		if (i > start) {
			ra = it[start].a_off;
			rb = it[start].b_off;
			if (nd && ni) {
				k = cleanup_common_prefix(c, ra, dl, rb, il);
				if (k) {
					rc |= sl_textdiff__push(
						&out, SL_OP_EQUAL, ra, rb, k);
					ra += k;
					rb += k;
					dl -= k;
					il -= k;
				}
				suffix = cleanup_common_suffix(c, ra, dl, rb,
							       il);
				dl -= suffix;
				il -= suffix;
			}
			rc |= sl_textdiff__push(&out, SL_OP_DELETE, ra, rb, dl);
			rc |= sl_textdiff__push(&out, SL_OP_INSERT, ra + dl, rb,
						il);
			rc |= sl_textdiff__push(&out, SL_OP_EQUAL, ra + dl,
						rb + il, suffix);
		}
		if (i == n)
			break;
		rc |= sl_textdiff__push(&out, SL_OP_EQUAL, it[i].a_off,
					it[i].b_off, it[i].len);
		i++;
	}
	if (rc) {
		sl_free(out.items);
		return sl_error_oom();
	}
	sl_free(sp->items);
	*sp = out;
	return 0;
}

/*
 * diff_cleanupMerge's second half: a single edit between two equalities
 * slides over the equality before it when it ends with that equality's
 * text (A<ins>BA</ins>C -> <ins>AB</ins>AC), or over the one after it when
 * it starts with it; either way an equality disappears.
 */
static bool cleanup_shift_edits(cleanup_ctx *c)
{
	sl_textdiff__spans *sp = c->sp;
	bool changed = false;
	size_t p = 1;
	while (p + 1 < sp->count) {
		sl_textdiff__span *e1 = &sp->items[p - 1], *x = &sp->items[p];
		sl_textdiff__span *e2 = &sp->items[p + 1];
		const sl_textdiff__side *own, *other;
		size_t xo, yo;
		const char *t;
		if (e1->op != SL_OP_EQUAL || e2->op != SL_OP_EQUAL) {
			p++;
			continue;
		}
		own = cleanup_own(c, x, &xo, &other, &yo);
		t = own->text;
		if (e1->len <= x->len &&
		    memcmp(t + xo - e1->len, t + xo + x->len - e1->len,
			   e1->len) == 0 &&
		    sl_textdiff__is_cut(own, xo + x->len - e1->len)) {
			sl_textdiff__span moved = *x, eq;
			moved.a_off = e1->a_off;
			moved.b_off = e1->b_off;
			eq = cleanup_span(
				SL_OP_EQUAL,
				moved.a_off +
					(x->op == SL_OP_DELETE ? x->len : 0),
				moved.b_off +
					(x->op == SL_OP_INSERT ? x->len : 0),
				e1->len + e2->len);
			sp->items[p - 1] = moved;
			sp->items[p] = eq;
			cleanup_erase(sp, p + 1);
			changed = true;
		} else if (e2->len <= x->len &&
			   memcmp(t + xo, t + xo + x->len, e2->len) == 0 &&
			   sl_textdiff__is_cut(own, xo + e2->len)) {
			e1->len += e2->len;
			x->a_off += e2->len;
			x->b_off += e2->len;
			cleanup_erase(sp, p + 1);
			changed = true;
		}
		p++;
	}
	return changed;
}

static int cleanup_merge(cleanup_ctx *c)
{
	for (;;) {
		int rc = cleanup_merge_runs(c);
		if (rc < 0)
			return rc;
		if (!cleanup_shift_edits(c))
			return 0;
	}
}

/* --- step 3: slide single edits to the best boundary --- */

typedef enum cleanup_class {
	CLEANUP_OTHER,    /* symbols, emoji, anything unlisted */
	CLEANUP_SPACE,    /* White_Space other than line breaks */
	CLEANUP_BREAK,    /* \n \r U+0085 U+2028 U+2029 */
	CLEANUP_SENTENCE, /* 。．！？｡ */
	CLEANUP_CLAUSE,   /* 、，・：；､･ */
	CLEANUP_OPEN,     /* 「『（【〔［｛〈《 and ASCII ( [ { */
	CLEANUP_CLOSE,    /* the matching closers */
	CLEANUP_PUNCT,    /* other punctuation, ASCII or CJK */
	CLEANUP_KANJI,
	CLEANUP_HIRAGANA,
	CLEANUP_KATAKANA,
	CLEANUP_LATIN /* letters and digits, ASCII, full-width, Latin-1 */
} cleanup_class;

static cleanup_class cleanup_classify(int32_t cp)
{
	switch (cp) {
	case '\n':
	case '\r':
	case 0x85:
	case 0x2028:
	case 0x2029:
		return CLEANUP_BREAK;
	case 0x3002: /* 。 */
	case 0xFF0E: /* ． */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case 0xFF61: /* ｡ */
		return CLEANUP_SENTENCE;
	case 0x3001: /* 、 */
	case 0xFF0C: /* ， */
	case 0x30FB: /* ・ */
	case 0xFF1A: /* ： */
	case 0xFF1B: /* ； */
	case 0xFF64: /* ､ */
	case 0xFF65: /* ･ */
		return CLEANUP_CLAUSE;
	case '(':
	case '[':
	case '{':
	case 0x3008: /* 〈 */
	case 0x300A: /* 《 */
	case 0x300C: /* 「 */
	case 0x300E: /* 『 */
	case 0x3010: /* 【 */
	case 0x3014: /* 〔 */
	case 0xFF08: /* （ */
	case 0xFF3B: /* ［ */
	case 0xFF5B: /* ｛ */
	case 0xFF62: /* ｢ */
		return CLEANUP_OPEN;
	case ')':
	case ']':
	case '}':
	case 0x3009:
	case 0x300B:
	case 0x300D:
	case 0x300F:
	case 0x3011:
	case 0x3015:
	case 0xFF09:
	case 0xFF3D:
	case 0xFF5D:
	case 0xFF63:
		return CLEANUP_CLOSE;
	}
	if (sl_utf8_is_space(cp) || cp == 0x0B || cp == 0x0C)
		return CLEANUP_SPACE;
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z') || (cp >= 0xFF10 && cp <= 0xFF19) ||
	    (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
		return CLEANUP_LATIN;
	if (cp < 0x80 ||
	    (cp >= 0x3000 && cp <= 0x303F && cp != 0x3005 && cp != 0x3006 &&
	     cp != 0x3007) ||
	    (cp >= 0xFF01 && cp <= 0xFF65))
		return CLEANUP_PUNCT;
	if (cp >= 0x3041 && cp <= 0x309F)
		return CLEANUP_HIRAGANA;
	if ((cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
	    (cp >= 0xFF66 && cp <= 0xFF9F))
		return CLEANUP_KATAKANA;
	if (cp == 0x3005 || cp == 0x3006 || cp == 0x3007 ||
	    (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFF))
		return CLEANUP_KANJI;
	return CLEANUP_OTHER;
}

/* Marks that lean on the character before them (combining accents,
 * dakuten, variation selectors, ZWJ, keycap): classify the base instead. */
static bool cleanup_is_extender(int32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36F) || cp == 0x3099 || cp == 0x309A ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D || cp == 0x20E3 ||
	       (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* Class of the character that ends s[lo..q) (q > lo). */
static cleanup_class cleanup_class_before(const char *s, size_t lo, size_t q)
{
	int32_t cp = 0;
	while (q > lo) {
		size_t start = q - 1, pos;
		while (start > lo && ((uint8_t)s[start] & 0xC0) == 0x80)
			start--;
		pos = start;
		if (!sl_utf8_next(s, q, &pos, &cp))
			return CLEANUP_OTHER;
		if (!cleanup_is_extender(cp) || start == lo)
			break;
		q = start;
	}
	return cleanup_classify(cp);
}

static bool cleanup_is_script(cleanup_class k)
{
	return k >= CLEANUP_KANJI;
}

/*
 * diff_cleanupSemanticScore for the boundary q of s[lo..hi), adapted to
 * Japanese and doubled so script changes can rank between its steps:
 * 12 an edge, 10 a blank line, 8 a line break, 6 the end of a sentence
 * (。！？, or ASCII punctuation before a space), 4 a space, 、・ or a
 * bracket, 2 other punctuation or a change from hiragana to kanji, katakana
 * or Latin, 1 another change of script, 0 inside a run of one script.
 *
 * Why hiragana -> kanji outranks kanji -> hiragana: in ログを|保存した the
 * particle を ends a phrase and 保存 starts the next one, while in 保存|した
 * the kana are the verb's own ending. An edit drawn as [保存し] reads as a
 * phrase; [し保存] does not.
 */
static int cleanup_score(const char *s, size_t lo, size_t q, size_t hi)
{
	cleanup_class c1, c2;
	size_t pos = q;
	int32_t cp;
	if (q == lo || q == hi)
		return 12;
	c1 = cleanup_class_before(s, lo, q);
	if (!sl_utf8_next(s, hi, &pos, &cp))
		return 0;
	c2 = cleanup_classify(cp);
	/* Blank line: one ends with \n\r?\n, or two starts with \r?\n\r?\n. */
	if (c1 == CLEANUP_BREAK && s[q - 1] == '\n') {
		size_t e = q - 1;
		if (e > lo && s[e - 1] == '\r')
			e--;
		if (e > lo && s[e - 1] == '\n')
			return 10;
	}
	if (c2 == CLEANUP_BREAK) {
		size_t e = q;
		if (e < hi && s[e] == '\r')
			e++;
		if (e < hi && s[e] == '\n') {
			e++;
			if (e < hi && s[e] == '\r')
				e++;
			if (e < hi && s[e] == '\n')
				return 10;
		}
	}
	if (c1 == CLEANUP_BREAK || c2 == CLEANUP_BREAK)
		return 8;
	if (c1 == CLEANUP_SENTENCE ||
	    (!cleanup_is_script(c1) && c1 != CLEANUP_SPACE &&
	     c2 == CLEANUP_SPACE))
		return 6;
	if (c1 == CLEANUP_SPACE || c2 == CLEANUP_SPACE ||
	    c1 == CLEANUP_CLAUSE || c1 == CLEANUP_OPEN || c1 == CLEANUP_CLOSE ||
	    c2 == CLEANUP_OPEN || c2 == CLEANUP_CLOSE)
		return 4;
	if (!cleanup_is_script(c1) || !cleanup_is_script(c2))
		return 2;
	if (c1 == CLEANUP_HIRAGANA && c2 != CLEANUP_HIRAGANA)
		return 2;
	return c1 != c2 ? 1 : 0;
}

/*
 * diff_cleanupSemanticLossless: shift each single edit between two
 * equalities as far left as its text allows, then step right byte by byte
 * while the edit can still slide, scoring every position that is a unit
 * boundary in both texts; keep the best (ties go right).
 */
static void cleanup_lossless(cleanup_ctx *c)
{
	sl_textdiff__spans *sp = c->sp;
	size_t p = 1;
	while (p + 1 < sp->count) {
		sl_textdiff__span *e1 = &sp->items[p - 1], *x = &sp->items[p];
		sl_textdiff__span *e2 = &sp->items[p + 1];
		const sl_textdiff__side *own, *other;
		size_t xo, yo, lo, hi, len, t = 0, pos, best = SIZE_MAX;
		int best_score = -1;
		const char *s;
		if (e1->op != SL_OP_EQUAL || e2->op != SL_OP_EQUAL) {
			p++;
			continue;
		}
		own = cleanup_own(c, x, &xo, &other, &yo);
		s = own->text;
		len = x->len;
		lo = xo - e1->len;
		hi = xo + len + e2->len;
		while (t < e1->len && t < len &&
		       s[xo - 1 - t] == s[xo + len - 1 - t])
			t++;
		for (pos = xo - t;; pos++) {
			/* The edit's place in the other text moves with it. */
			size_t opos =
				pos < xo ? yo - (xo - pos) : yo + (pos - xo);
			if (sl_textdiff__is_cut(own, pos) &&
			    sl_textdiff__is_cut(own, pos + len) &&
			    sl_textdiff__is_cut(other, opos)) {
				int score =
					cleanup_score(s, lo, pos, pos + len) +
					cleanup_score(s, pos, pos + len, hi);
				if (score >= best_score) {
					best_score = score;
					best = pos;
				}
			}
			if (pos + len >= hi || s[pos] != s[pos + len])
				break;
		}
		if (best == SIZE_MAX || best == xo) {
			p++;
			continue;
		}
		/* Move the edit to best: the equalities give and take. */
		if (best < xo) {
			size_t d = xo - best;
			e1->len -= d;
			x->a_off -= d;
			x->b_off -= d;
			e2->a_off -= d;
			e2->b_off -= d;
			e2->len += d;
		} else {
			size_t d = best - xo;
			e1->len += d;
			x->a_off += d;
			x->b_off += d;
			e2->a_off += d;
			e2->b_off += d;
			e2->len -= d;
		}
		if (e2->len == 0)
			cleanup_erase(sp, p + 1);
		if (e1->len == 0) {
			cleanup_erase(sp, p - 1);
			continue; /* the edit is now at p - 1; p is next */
		}
		p++;
	}
}

/* --- step 4: overlaps between a delete and the insert after it --- */

/*
 * Longest k (bytes) such that the last k bytes of tail_text equal the first
 * k of head_text, both ends are unit boundaries (checked by the caller's
 * offsets), and the overlap has at least half the code points of the
 * shorter edit (min_cps); 0 when there is none.
 */
/*
 * Do a and b (k bytes each) agree in their first and last few bytes? A
 * cheap test before memcmp: each candidate k is otherwise a full compare,
 * and a sanitizer's memcmp checks its whole range first, which made two
 * rewritten 10 MB answers take hours under ASan.
 */
static bool cleanup_ends_equal(const char *a, const char *b, size_t k)
{
	size_t i, n = k < 8 ? k : 8;
	for (i = 0; i < n; i++)
		if (a[i] != b[i] || a[k - 1 - i] != b[k - 1 - i])
			return false;
	return true;
}

static size_t cleanup_overlap(const sl_textdiff__side *tail_side,
			      size_t tail_off, size_t tail_len,
			      const sl_textdiff__side *head_side,
			      size_t head_off, size_t head_len, size_t min_cps)
{
	const char *tail = tail_side->text + tail_off;
	const char *head = head_side->text + head_off;
	size_t k = tail_len < head_len ? tail_len : head_len;
	size_t cps = cleanup_cps(head, k);
	for (; k > 0; k--) {
		if (2 * cps < min_cps)
			break;
		if (sl_textdiff__is_cut(head_side, head_off + k) &&
		    sl_textdiff__is_cut(tail_side, tail_off + tail_len - k) &&
		    cleanup_ends_equal(tail + tail_len - k, head, k) &&
		    memcmp(tail + tail_len - k, head, k) == 0)
			return k;
		cps -= ((uint8_t)head[k - 1] & 0xC0) != 0x80;
	}
	return 0;
}

static int cleanup_overlaps(cleanup_ctx *c)
{
	sl_textdiff__spans *sp = c->sp;
	size_t p, pairs = 0;
	for (p = 1; p < sp->count; p++)
		pairs += sp->items[p - 1].op == SL_OP_DELETE &&
			 sp->items[p].op == SL_OP_INSERT;
	if (pairs == 0)
		return 0;
	if (cleanup_reserve(sp, sp->count + pairs) < 0)
		return sl_error_oom();
	p = 1;
	while (p < sp->count) {
		sl_textdiff__span del = sp->items[p - 1], ins = sp->items[p];
		size_t del_cps, ins_cps, min_cps, o1, o2, o1_cps, o2_cps;
		if (del.op != SL_OP_DELETE || ins.op != SL_OP_INSERT) {
			p++;
			continue;
		}
		del_cps = cleanup_span_cps(c, &del);
		ins_cps = cleanup_span_cps(c, &ins);
		min_cps = del_cps < ins_cps ? del_cps : ins_cps;
		/* <del>abcxxx</del><ins>xxxdef</ins> */
		o1 = cleanup_overlap(c->a, del.a_off, del.len, c->b, ins.b_off,
				     ins.len, min_cps);
		/* <del>xxxabc</del><ins>defxxx</ins> */
		o2 = cleanup_overlap(c->b, ins.b_off, ins.len, c->a, del.a_off,
				     del.len, min_cps);
		o1_cps = cleanup_cps(c->b->text + ins.b_off, o1);
		o2_cps = cleanup_cps(c->a->text + del.a_off, o2);
		if (o1 && o1_cps >= o2_cps) {
			/* -> <del>abc</del>xxx<ins>def</ins> */
			sl_textdiff__span eq = cleanup_span(
				SL_OP_EQUAL, del.a_off + del.len - o1,
				ins.b_off, o1);
			sp->items[p - 1].len -= o1;
			sp->items[p].b_off += o1;
			sp->items[p].len -= o1;
			cleanup_insert(sp, p, &eq);
			p++;
		} else if (o2) {
			/* -> <ins>def</ins>xxx<del>abc</del> */
			sl_textdiff__span rest =
				cleanup_span(SL_OP_DELETE, del.a_off + o2,
					     ins.b_off + ins.len, del.len - o2);
			sp->items[p - 1] =
				cleanup_span(SL_OP_INSERT, del.a_off, ins.b_off,
					     ins.len - o2);
			sp->items[p] =
				cleanup_span(SL_OP_EQUAL, del.a_off,
					     ins.b_off + ins.len - o2, o2);
			cleanup_insert(sp, p + 1, &rest);
			p++;
		}
		p += 2;
	}
	return 0;
}

/* --- entry points --- */

int sl_cleanup__spans(sl_textdiff__spans *sp, const sl_textdiff__side *a,
		      const sl_textdiff__side *b)
{
	cleanup_ctx c;
	bool changed = false;
	int rc;
	c.sp = sp;
	c.a = a;
	c.b = b;
	rc = cleanup_merge(&c);
	if (rc == 0)
		rc = cleanup_eliminate(&c, &changed);
	if (rc == 0 && changed)
		rc = cleanup_merge(&c);
	if (rc == 0)
		cleanup_lossless(&c);
	if (rc == 0)
		rc = cleanup_overlaps(&c);
	/* Steps 3 and 4 may leave an empty edge or two neighbours of a kind. */
	sl_textdiff__normalize(sp);
	return rc;
}

int sl_cleanup_semantic(sl_text_ops *ops)
{
	sl_buf old_text = SL_BUF_INIT, new_text = SL_BUF_INIT;
	sl_textdiff__side a = {NULL, 0, NULL}, b = {NULL, 0, NULL};
	sl_textdiff__spans sp = {NULL, 0, 0};
	sl_text_ops result = SL_TEXT_OPS_INIT;
	size_t *ua = NULL, *ub = NULL, na, nb, i, a_off = 0, b_off = 0;
	int rc;

	assert(ops);
	if (ops->count < 2)
		return 0;
	if ((rc = sl_text_ops_side(&old_text, ops, 0)) < 0 ||
	    (rc = sl_text_ops_side(&new_text, ops, 1)) < 0)
		goto done;
	a.text = sl_buf_cstr(&old_text);
	a.len = old_text.len;
	b.text = sl_buf_cstr(&new_text);
	b.len = new_text.len;
	if ((rc = sl_textdiff__units(&ua, &na, a.text, a.len)) < 0 ||
	    (rc = sl_textdiff__units(&ub, &nb, b.text, b.len)) < 0 ||
	    (rc = sl_textdiff__side_cuts(&a, ua, na)) < 0 ||
	    (rc = sl_textdiff__side_cuts(&b, ub, nb)) < 0)
		goto done;
	for (i = 0; i < ops->count && rc == 0; i++) {
		const sl_text_op *op = &ops->ops[i];
		rc = sl_textdiff__push(&sp, op->op, a_off, b_off, op->len);
		if (op->op != SL_OP_INSERT)
			a_off += op->len;
		if (op->op != SL_OP_DELETE)
			b_off += op->len;
	}
	if (rc < 0)
		goto done;
	sl_textdiff__normalize(&sp);
	if ((rc = sl_cleanup__spans(&sp, &a, &b)) < 0 ||
	    (rc = sl_textdiff__build(&result, &sp, a.text, b.text)) < 0)
		goto done;
	sl_text_ops_dispose(ops);
	*ops = result;

done:
	sl_free(sp.items);
	sl_free(b.cuts);
	sl_free(a.cuts);
	sl_free(ub);
	sl_free(ua);
	sl_buf_dispose(&new_text);
	sl_buf_dispose(&old_text);
	return rc;
}
