/*
 * textdiff.c: Myers' O(ND) diff over units of Japanese text. Strips the
 * common prefix and suffix, interns the remaining units to integers, sets
 * aside units that occur in only one text (they can never be equal), and
 * runs the linear-space middle-snake bisection (as diff-match-patch does)
 * on the rest, so memory is O(N + max_cost) however different the texts
 * are. A diff that needs more than max_cost edits among the shared units
 * becomes one delete and one insert between the common prefix and suffix.
 * Depends on utf8 (boundaries) and cleanup (run on request); never on the
 * sheet model.
 *
 * Why the unit is the grapheme cluster. Japanese has no spaces, so a word
 * diff has nothing to split on and a byte or code-point diff splits what a
 * reader sees as one character:
 *
 *   old "はかき"  new "はか\u3099き" (が typed as か + combining dakuten)
 *
 * A code-point diff reports "insert U+3099", an invisible change glued to
 * the wrong character. With clusters the units are は|か|き and は|が|き,
 * and the diff reads "delete か, insert が". The same holds for ZWJ emoji
 * (👨 is a byte prefix of 👨‍👩‍👧), flags (🇯🇵 and 🇯🇪
 * share their first regional indicator) and variation selectors (葛 vs 葛 +
 * U+E0100). Runs of ASCII or full-width letters and digits are one unit on top
 * of that, so '60分以内' -> '30分以内' changes "60" to "30", never "6" to "3".
 */
#include "textdiff.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "textdiff_cleanup.h"
#include "error.h"
#include "textdiff_internal.h"
#include "utf8.h"

/* --- units --- */

/* ASCII letters and digits and their full-width forms. */
static bool textdiff_is_word_cp(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 'a' && cp <= 'z') || (cp >= 0xFF10 && cp <= 0xFF19) ||
	       (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

/*
 * A cluster belongs to a word run when it starts with a letter or digit,
 * whatever marks it carries (a decomposed "é", a digit glued to a ZWJ or a
 * keycap), so a run of letters and digits is never split.
 */
static bool textdiff_is_word_cluster(const char *s, size_t len)
{
	size_t pos = 0;
	int32_t cp;
	return sl_utf8_next(s, len, &pos, &cp) && textdiff_is_word_cp(cp);
}

int sl_textdiff__units(size_t **bounds_out, size_t *count_out, const char *s,
		       size_t len)
{
	size_t *g = NULL, *shrunk, n = 0, i, w = 0;
	bool prev_word = false;
	int rc;

	*bounds_out = NULL;
	*count_out = 0;
	rc = sl_utf8_graphemes(&g, &n, s, len);
	if (rc < 0)
		return rc;
	/* Merge word clusters in place: unit w starts at g[w]; reading g[i]
	 * and g[i + 1] stays ahead of writing g[w] (w <= i). */
	for (i = 0; i < n; i++) {
		size_t start = g[i], end = g[i + 1];
		bool word = textdiff_is_word_cluster(s + start, end - start);
		if (!(word && prev_word))
			g[w++] = start;
		prev_word = word;
	}
	g[w] = len;
	shrunk = sl_reallocarray(g, w + 1, sizeof(size_t));
	*bounds_out = shrunk ? shrunk : g;
	*count_out = w;
	return 0;
}

int sl_textdiff__side_cuts(sl_textdiff__side *side, const size_t *bounds,
			   size_t count)
{
	size_t i;
	side->cuts = sl_calloc((side->len >> 3) + 1, 1);
	if (!side->cuts)
		return sl_error_oom();
	for (i = 0; i <= count; i++)
		side->cuts[bounds[i] >> 3] |= (uint8_t)(1u << (bounds[i] & 7));
	return 0;
}

/* --- spans --- */

int sl_textdiff__push(sl_textdiff__spans *sp, sl_op_kind op, size_t a_off,
		      size_t b_off, size_t len)
{
	sl_textdiff__span *last;
	if (len == 0)
		return 0;
	last = sp->count ? &sp->items[sp->count - 1] : NULL;
	if (last && last->op == op) {
		last->len += len;
		return 0;
	}
	if (sp->count == sp->cap) {
		sl_textdiff__span *items =
			sl_array_grow(sp->items, &sp->cap, sizeof(*items), 16);
		if (!items)
			return sl_error_oom();
		sp->items = items;
	}
	sp->items[sp->count].op = op;
	sp->items[sp->count].a_off = a_off;
	sp->items[sp->count].b_off = b_off;
	sp->items[sp->count].len = len;
	sp->count++;
	return 0;
}

void sl_textdiff__normalize(sl_textdiff__spans *sp)
{
	/* In place: a run of k edits becomes at most two spans, written
	 * only after the whole run has been read. */
	size_t i = 0, w = 0, n = sp->count;
	sl_textdiff__span *it = sp->items;
	while (i < n) {
		if (it[i].op == SL_OP_EQUAL) {
			if (it[i].len == 0) {
				i++;
				continue;
			}
			if (w > 0 && it[w - 1].op == SL_OP_EQUAL)
				it[w - 1].len += it[i].len;
			else
				it[w++] = it[i];
			i++;
			continue;
		}
		size_t a_off = it[i].a_off, b_off = it[i].b_off;
		size_t del_len = 0, ins_len = 0;
		while (i < n && it[i].op != SL_OP_EQUAL) {
			if (it[i].op == SL_OP_DELETE)
				del_len += it[i].len;
			else
				ins_len += it[i].len;
			i++;
		}
		if (del_len) {
			it[w].op = SL_OP_DELETE;
			it[w].a_off = a_off;
			it[w].b_off = b_off;
			it[w].len = del_len;
			w++;
		}
		if (ins_len) {
			it[w].op = SL_OP_INSERT;
			it[w].a_off = a_off + del_len;
			it[w].b_off = b_off;
			it[w].len = ins_len;
			w++;
		}
	}
	sp->count = w;
}

int sl_textdiff__build(sl_text_ops *out, const sl_textdiff__spans *sp,
		       const char *a, const char *b)
{
	size_t i, total = 0, pos = 0;
	out->ops = NULL;
	out->count = 0;
	out->storage = NULL;
	if (sp->count == 0)
		return 0;
	for (i = 0; i < sp->count; i++) {
		if (sp->items[i].len >= SIZE_MAX - 1 - total)
			return sl_error_oom();
		total += sp->items[i].len + 1;
	}
	out->storage = sl_malloc(total);
	out->ops = sl_calloc(sp->count, sizeof(sl_text_op));
	if (!out->storage || !out->ops) {
		sl_text_ops_dispose(out);
		return sl_error_oom();
	}
	for (i = 0; i < sp->count; i++) {
		const sl_textdiff__span *s = &sp->items[i];
		const char *src =
			s->op == SL_OP_INSERT ? b + s->b_off : a + s->a_off;
		memcpy(out->storage + pos, src, s->len);
		out->storage[pos + s->len] = '\0';
		out->ops[i].op = s->op;
		out->ops[i].text = out->storage + pos;
		out->ops[i].len = s->len;
		pos += s->len + 1;
	}
	out->count = sp->count;
	return 0;
}

/* --- interning: equal units get equal ids, so Myers compares integers --- */

typedef struct textdiff_unit {
	const char *text; /* borrowed: first occurrence of the unit */
	size_t len;       /* bytes */
	uint32_t hash;    /* FNV-1a of the bytes */
} textdiff_unit;

typedef struct textdiff_intern {
	uint32_t *slots;      /* owned; open addressing, 0 empty, else id + 1 */
	size_t mask;          /* slot count - 1 (a power of two) */
	textdiff_unit *units; /* owned; indexed by id */
	size_t count;         /* distinct units so far */
	size_t cap;           /* units allocated */
} textdiff_intern;

static uint32_t textdiff_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (uint8_t)s[i];
		h *= 16777619u;
	}
	return h;
}

static int textdiff_intern_grow(textdiff_intern *in)
{
	size_t nslots = in->slots ? (in->mask + 1) * 2 : 1024, i;
	uint32_t *slots = sl_calloc(nslots, sizeof(uint32_t));
	if (!slots)
		return sl_error_oom();
	for (i = 0; i < in->count; i++) {
		size_t j = in->units[i].hash & (nslots - 1);
		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = (uint32_t)(i + 1);
	}
	sl_free(in->slots);
	in->slots = slots;
	in->mask = nslots - 1;
	return 0;
}

static int textdiff_intern_id(textdiff_intern *in, const char *s, size_t len,
			      uint32_t *id)
{
	uint32_t h = textdiff_hash(s, len);
	size_t j;
	if (!in->slots || (in->count + 1) * 2 > in->mask + 1) {
		if (in->count >= UINT32_MAX - 1)
			return sl_error_set(SL_EINVALID,
					    "text too large to diff");
		if (textdiff_intern_grow(in) < 0)
			return sl_error_oom();
	}
	j = h & in->mask;
	while (in->slots[j]) {
		const textdiff_unit *u = &in->units[in->slots[j] - 1];
		/* A table kept from an earlier diff (sl_textdiff_work) is
		 * cleared first: no slot names a unit of another diff. */
		assert(in->slots[j] - 1 < in->count);
		if (u->hash == h && u->len == len &&
		    memcmp(u->text, s, len) == 0) {
			*id = in->slots[j] - 1;
			return 0;
		}
		j = (j + 1) & in->mask;
	}
	if (in->count == in->cap) {
		textdiff_unit *units =
			sl_array_grow(in->units, &in->cap, sizeof(*units), 256);
		if (!units)
			return sl_error_oom();
		in->units = units;
	}
	in->units[in->count].text = s;
	in->units[in->count].len = len;
	in->units[in->count].hash = h;
	in->slots[j] = (uint32_t)(in->count + 1);
	*id = (uint32_t)in->count++;
	return 0;
}

/* ids[i] = id of unit first + i of text s with unit bounds. */
static int textdiff_intern_all(uint32_t *ids, textdiff_intern *in,
			       const char *s, const size_t *bounds,
			       size_t first, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		size_t off = bounds[first + i];
		int rc = textdiff_intern_id(
			in, s + off, bounds[first + i + 1] - off, &ids[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* --- Myers --- */

/* Raw result of the unit diff: kinds with unit counts, in text order. */
typedef struct textdiff_raw_op {
	sl_op_kind op; /* kind */
	size_t units;  /* units covered (in a for DELETE, b for INSERT) */
} textdiff_raw_op;

typedef struct textdiff_raw {
	textdiff_raw_op *ops; /* owned array */
	size_t count;         /* ops in use */
	size_t cap;           /* ops allocated */
} textdiff_raw;

/* The arrays one diff works in; textdiff.h says why they are kept. */
struct sl_textdiff_work {
	textdiff_intern in;
	textdiff_raw raw; /* the whole diff's unit ops */
	textdiff_raw mid; /* the shared units' ops (textdiff_middle) */
	uint32_t *ids;    /* both middles' unit ids */
	size_t ids_cap;
	uint8_t *seen; /* per id: on which sides */
	size_t seen_cap;
	size_t *pos; /* the shared units' positions on both sides */
	size_t pos_cap;
	ptrdiff_t *v; /* Myers' two path arrays */
	size_t v_cap;
};

/* Room for n elements of size bytes in *buf (kept for the next diff,
 * contents not kept). @return the array or NULL (out of memory) */
static void *work_room(void *buf, size_t *cap, size_t n, size_t size)
{
	void **p = buf;
	void *g;
	if (n <= *cap && *p)
		return *p;
	g = sl_reallocarray(*p, n ? n : 1, size);
	if (!g)
		return NULL;
	*p = g;
	*cap = n ? n : 1;
	return g;
}

/* Larger than this many slots, an interning table is not kept: clearing
 * it for every small diff would cost more than it saves. */
#define WORK_KEEP_SLOTS 8192

static void work_reset(sl_textdiff_work *w)
{
	textdiff_intern *in = &w->in;
	if (in->slots && in->mask + 1 > WORK_KEEP_SLOTS) {
		sl_free(in->slots);
		sl_free(in->units);
		memset(in, 0, sizeof(*in));
	} else if (in->slots) {
		memset(in->slots, 0, (in->mask + 1) * sizeof(*in->slots));
	}
	in->count = 0;
	w->raw.count = 0;
	w->mid.count = 0;
}

static void work_dispose(sl_textdiff_work *w)
{
	sl_free(w->in.slots);
	sl_free(w->in.units);
	sl_free(w->raw.ops);
	sl_free(w->mid.ops);
	sl_free(w->ids);
	sl_free(w->seen);
	sl_free(w->pos);
	sl_free(w->v);
	memset(w, 0, sizeof(*w));
}

int sl_textdiff_work_new(sl_textdiff_work **out)
{
	*out = sl_calloc(1, sizeof(**out));
	return *out ? 0 : sl_error_oom();
}

void sl_textdiff_work_free(sl_textdiff_work *w)
{
	if (!w)
		return;
	work_dispose(w);
	sl_free(w);
}

typedef struct textdiff_myers {
	ptrdiff_t *v1;     /* owned: forward furthest x per diagonal */
	ptrdiff_t *v2;     /* borrowed from v1's block: reverse */
	ptrdiff_t dmax;    /* largest d the arrays hold */
	size_t budget;     /* edit budget of the current bisection */
	textdiff_raw *out; /* borrowed: where the ops go */
} textdiff_myers;

/* Append units of kind op, merging with the last op of the same kind. */
static int textdiff_emit(textdiff_raw *r, sl_op_kind op, size_t units)
{
	if (units == 0)
		return 0;
	if (r->count && r->ops[r->count - 1].op == op) {
		r->ops[r->count - 1].units += units;
		return 0;
	}
	if (r->count == r->cap) {
		textdiff_raw_op *ops =
			sl_array_grow(r->ops, &r->cap, sizeof(*ops), 16);
		if (!ops)
			return sl_error_oom();
		r->ops = ops;
	}
	r->ops[r->count].op = op;
	r->ops[r->count].units = units;
	r->count++;
	return 0;
}

static int textdiff_main(textdiff_myers *m, const uint32_t *x, ptrdiff_t n,
			 const uint32_t *y, ptrdiff_t k);

/* Diff the two halves around the split point (x1, y1). */
static int textdiff_split(textdiff_myers *m, const uint32_t *x, ptrdiff_t n,
			  const uint32_t *y, ptrdiff_t k, ptrdiff_t x1,
			  ptrdiff_t y1)
{
	int rc = textdiff_main(m, x, x1, y, y1);
	if (rc == 0)
		rc = textdiff_main(m, x + x1, n - x1, y + y1, k - y1);
	return rc;
}

/*
 * Find the middle snake of x (n units) and y (k units), both non-empty,
 * and diff the two halves; when no path within the budget exists, emit
 * one delete and one insert (diff-match-patch's diff_bisect).
 */
static int textdiff_bisect(textdiff_myers *m, const uint32_t *x, ptrdiff_t n,
			   const uint32_t *y, ptrdiff_t k)
{
	ptrdiff_t dlimit = (n + k + 1) / 2, off, size, d, i;
	ptrdiff_t delta = n - k, k1start = 0, k1end = 0, k2start = 0;
	ptrdiff_t k2end = 0;
	ptrdiff_t *v1 = m->v1, *v2 = m->v2;
	bool front = (delta & 1) != 0;
	size_t budget = m->budget;
	int rc;

	if (dlimit > m->dmax)
		dlimit = m->dmax;
	off = dlimit + 1;
	size = 2 * off + 1;
	for (i = 0; i < size; i++)
		v1[i] = v2[i] = -1;
	v1[off + 1] = 0;
	v2[off + 1] = 0;
	/* The halves of a path found within the budget are cheaper still. */
	m->budget = SIZE_MAX;
	for (d = 0; d <= dlimit; d++) {
		/* Paths of d steps each way meet at D = 2d - 1 (forward, odd
		 * delta) or D = 2d (reverse, even delta). */
		bool meet_fwd = front && (size_t)(2 * d - 1) <= budget;
		bool meet_rev = !front && (size_t)(2 * d) <= budget;
		ptrdiff_t k1, k2;
		for (k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
			ptrdiff_t i1 = off + k1, x1, y1;
			if (k1 == -d || (k1 != d && v1[i1 - 1] < v1[i1 + 1]))
				x1 = v1[i1 + 1];
			else
				x1 = v1[i1 - 1] + 1;
			y1 = x1 - k1;
			while (x1 < n && y1 < k && x[x1] == y[y1]) {
				x1++;
				y1++;
			}
			v1[i1] = x1;
			if (x1 > n) {
				k1end += 2;
			} else if (y1 > k) {
				k1start += 2;
			} else if (meet_fwd) {
				ptrdiff_t i2 = off + delta - k1;
				if (i2 >= 0 && i2 < size && v2[i2] != -1 &&
				    x1 >= n - v2[i2])
					return textdiff_split(m, x, n, y, k, x1,
							      y1);
			}
		}
		for (k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
			ptrdiff_t i2 = off + k2, x2, y2;
			if (k2 == -d || (k2 != d && v2[i2 - 1] < v2[i2 + 1]))
				x2 = v2[i2 + 1];
			else
				x2 = v2[i2 - 1] + 1;
			y2 = x2 - k2;
			while (x2 < n && y2 < k &&
			       x[n - x2 - 1] == y[k - y2 - 1]) {
				x2++;
				y2++;
			}
			v2[i2] = x2;
			if (x2 > n) {
				k2end += 2;
			} else if (y2 > k) {
				k2start += 2;
			} else if (meet_rev) {
				ptrdiff_t i1 = off + delta - k2;
				if (i1 >= 0 && i1 < size && v1[i1] != -1 &&
				    v1[i1] >= n - x2)
					return textdiff_split(
						m, x, n, y, k, v1[i1],
						v1[i1] - (i1 - off));
			}
		}
	}
	/* Over budget (or no overlap within the arrays): give up cleanly. */
	rc = textdiff_emit(m->out, SL_OP_DELETE, (size_t)n);
	if (rc == 0)
		rc = textdiff_emit(m->out, SL_OP_INSERT, (size_t)k);
	return rc;
}

/* Diff x (n units) against y (k units): affixes, trivial cases, bisect. */
static int textdiff_main(textdiff_myers *m, const uint32_t *x, ptrdiff_t n,
			 const uint32_t *y, ptrdiff_t k)
{
	ptrdiff_t pre = 0, suf = 0;
	int rc;
	while (pre < n && pre < k && x[pre] == y[pre])
		pre++;
	while (suf < n - pre && suf < k - pre &&
	       x[n - 1 - suf] == y[k - 1 - suf])
		suf++;
	rc = textdiff_emit(m->out, SL_OP_EQUAL, (size_t)pre);
	if (rc < 0)
		return rc;
	x += pre;
	y += pre;
	n -= pre + suf;
	k -= pre + suf;
	if (n == 0)
		rc = textdiff_emit(m->out, SL_OP_INSERT, (size_t)k);
	else if (k == 0)
		rc = textdiff_emit(m->out, SL_OP_DELETE, (size_t)n);
	else
		rc = textdiff_bisect(m, x, n, y, k);
	if (rc == 0)
		rc = textdiff_emit(m->out, SL_OP_EQUAL, (size_t)suf);
	return rc;
}

/*
 * Diff the middle of the texts (ids of na and nb units, both non-empty)
 * into out. Units found in only one text can never be equal, so they are
 * set aside before Myers runs (GNU diff's discard step): the diff stays
 * minimal, and texts with little in common cost little. The budget counts
 * edits among the remaining units.
 */
static int textdiff_middle(textdiff_raw *out, sl_textdiff_work *w, size_t ids,
			   uint32_t *ida, size_t na, uint32_t *idb, size_t nb,
			   size_t max_cost)
{
	textdiff_myers m = {NULL, NULL, 0, 0, NULL};
	textdiff_raw *mid = &w->mid;
	uint8_t *seen;
	size_t *pa = NULL, *pb = NULL, ka = 0, kb = 0, i, j, oa, ob, r;
	size_t budget_d = max_cost / 2 + (max_cost & 1), dmax, nv;
	int rc = 0;

	mid->count = 0;
	seen = work_room(&w->seen, &w->seen_cap, ids, 1);
	if (!seen)
		return sl_error_oom();
	memset(seen, 0, ids);
	for (i = 0; i < na; i++)
		seen[ida[i]] |= 1;
	for (i = 0; i < nb; i++)
		seen[idb[i]] |= 2;
	for (i = 0; i < na; i++)
		ka += seen[ida[i]] == 3;
	for (i = 0; i < nb; i++)
		kb += seen[idb[i]] == 3;
	if (ka == 0 || kb == 0) {
		/* Nothing in common: the minimal diff is known. */
		rc = textdiff_emit(out, SL_OP_DELETE, na);
		if (rc == 0)
			rc = textdiff_emit(out, SL_OP_INSERT, nb);
		goto done;
	}
	if (ka < na || kb < nb) {
		/* Keep the shared units, in place, with their positions. */
		pa = work_room(&w->pos, &w->pos_cap, ka + kb, sizeof(size_t));
		if (!pa)
			return sl_error_oom();
		pb = pa + ka;
		for (i = j = 0; i < na; i++)
			if (seen[ida[i]] == 3) {
				pa[j] = i;
				ida[j++] = ida[i];
			}
		for (i = j = 0; i < nb; i++)
			if (seen[idb[i]] == 3) {
				pb[j] = i;
				idb[j++] = idb[i];
			}
	}

	/* Arrays for d up to the budget: forward paths of d steps find
	 * D = 2d - 1, reverse ones D = 2d. */
	dmax = (ka + kb + 1) / 2;
	if (dmax > budget_d)
		dmax = budget_d;
	if (dmax > (size_t)PTRDIFF_MAX / 4 / sizeof(ptrdiff_t)) {
		rc = sl_error_oom();
		goto done;
	}
	nv = 2 * (2 * (dmax + 1) + 1);
	m.v1 = work_room(&w->v, &w->v_cap, nv, sizeof(ptrdiff_t));
	if (!m.v1)
		return sl_error_oom();
	memset(m.v1, 0, nv * sizeof(ptrdiff_t));
	m.v2 = m.v1 + 2 * (dmax + 1) + 1;
	m.dmax = (ptrdiff_t)dmax;
	m.budget = max_cost;
	m.out = pa ? mid : out;
	rc = textdiff_main(&m, ida, (ptrdiff_t)ka, idb, (ptrdiff_t)kb);
	if (rc < 0 || !pa)
		goto done;

	/* Back to all units: between two matched units, what was set aside
	 * is deleted or inserted with the edits around it. */
	i = j = oa = ob = 0;
	for (r = 0; r < mid->count && rc == 0; r++) {
		const textdiff_raw_op *op = &mid->ops[r];
		size_t u;
		if (op->op == SL_OP_DELETE) {
			i += op->units;
			continue;
		}
		if (op->op == SL_OP_INSERT) {
			j += op->units;
			continue;
		}
		for (u = 0; u < op->units && rc == 0; u++, i++, j++) {
			rc = textdiff_emit(out, SL_OP_DELETE, pa[i] - oa);
			if (rc == 0)
				rc = textdiff_emit(out, SL_OP_INSERT,
						   pb[j] - ob);
			if (rc == 0)
				rc = textdiff_emit(out, SL_OP_EQUAL, 1);
			oa = pa[i] + 1;
			ob = pb[j] + 1;
		}
	}
	if (rc == 0)
		rc = textdiff_emit(out, SL_OP_DELETE, na - oa);
	if (rc == 0)
		rc = textdiff_emit(out, SL_OP_INSERT, nb - ob);

done:
	return rc;
}

/* --- the public entry --- */

static bool textdiff_unit_equal(const char *a, const size_t *ua, size_t i,
				const char *b, const size_t *ub, size_t j)
{
	size_t la = ua[i + 1] - ua[i], lb = ub[j + 1] - ub[j];
	return la == lb && memcmp(a + ua[i], b + ub[j], la) == 0;
}

/* Ops a diff may have before its middle is given as one replacement. */
#define TEXTDIFF_MAX_OPS 10000

int sl_textdiff(sl_text_ops *out, const char *a, size_t a_len, const char *b,
		size_t b_len, const sl_textdiff_options *opts)
{
	return sl_textdiff_with(out, a, a_len, b, b_len, opts, NULL);
}

int sl_textdiff_with(sl_text_ops *out, const char *a, size_t a_len,
		     const char *b, size_t b_len,
		     const sl_textdiff_options *opts, sl_textdiff_work *work)
{
	static const sl_textdiff_options defaults = SL_TEXTDIFF_OPTIONS_INIT;
	sl_textdiff__side sa = {a, a_len, NULL}, sb = {b, b_len, NULL};
	sl_textdiff__spans sp = {NULL, 0, 0};
	sl_textdiff_work own;
	sl_textdiff_work *w = work ? work : &own;
	textdiff_raw *raw = &w->raw;
	textdiff_intern *in = &w->in;
	size_t *ua = NULL, *ub = NULL, na = 0, nb = 0, pre = 0, suf = 0;
	size_t mid_a, mid_b, i, ia = 0, ib = 0;
	uint32_t *ida = NULL, *idb = NULL;
	int rc;

	assert(out);
	out->ops = NULL;
	out->count = 0;
	out->storage = NULL;
	if (!work)
		memset(&own, 0, sizeof(own));
	work_reset(w);
	if (!opts)
		opts = &defaults;
	if ((rc = sl_textdiff__units(&ua, &na, a, a_len)) < 0 ||
	    (rc = sl_textdiff__units(&ub, &nb, b, b_len)) < 0)
		goto done;

	while (pre < na && pre < nb &&
	       textdiff_unit_equal(a, ua, pre, b, ub, pre))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       textdiff_unit_equal(a, ua, na - 1 - suf, b, ub, nb - 1 - suf))
		suf++;
	mid_a = na - pre - suf;
	mid_b = nb - pre - suf;

	if ((rc = textdiff_emit(raw, SL_OP_EQUAL, pre)) < 0)
		goto done;
	if (mid_a && mid_b) {
		ida = work_room(&w->ids, &w->ids_cap, mid_a + mid_b,
				sizeof(uint32_t));
		if (!ida) {
			rc = sl_error_oom();
			goto done;
		}
		idb = ida + mid_a;
		if ((rc = textdiff_intern_all(ida, in, a, ua, pre, mid_a)) <
			    0 ||
		    (rc = textdiff_intern_all(idb, in, b, ub, pre, mid_b)) < 0)
			goto done;
		rc = textdiff_middle(raw, w, in->count, ida, mid_a, idb, mid_b,
				     opts->max_cost);
	} else {
		rc = textdiff_emit(raw, SL_OP_DELETE, mid_a);
		if (rc == 0)
			rc = textdiff_emit(raw, SL_OP_INSERT, mid_b);
	}
	if (rc == 0)
		rc = textdiff_emit(raw, SL_OP_EQUAL, suf);
	if (rc < 0)
		goto done;

	/* A middle that shares units here and there with the old one (two
	 * unrelated 10 MB answers) gives hundreds of thousands of edits: no
	 * reader follows that, and the clean-up's merging is quadratic in
	 * it. Past TEXTDIFF_MAX_OPS the middle is one delete and one insert,
	 * as when the edit budget runs out. */
	if (raw->count > TEXTDIFF_MAX_OPS) {
		raw->count = 0;
		rc = textdiff_emit(raw, SL_OP_EQUAL, pre);
		if (rc == 0)
			rc = textdiff_emit(raw, SL_OP_DELETE, mid_a);
		if (rc == 0)
			rc = textdiff_emit(raw, SL_OP_INSERT, mid_b);
		if (rc == 0)
			rc = textdiff_emit(raw, SL_OP_EQUAL, suf);
		if (rc < 0)
			goto done;
	}

	/* Units to byte spans. */
	for (i = 0; i < raw->count && rc == 0; i++) {
		const textdiff_raw_op *r = &raw->ops[i];
		size_t a_off = ua[ia], b_off = ub[ib], len;
		if (r->op == SL_OP_INSERT) {
			len = ub[ib + r->units] - b_off;
			ib += r->units;
		} else {
			len = ua[ia + r->units] - a_off;
			ia += r->units;
			if (r->op == SL_OP_EQUAL)
				ib += r->units;
		}
		rc = sl_textdiff__push(&sp, r->op, a_off, b_off, len);
	}
	if (rc < 0)
		goto done;
	sl_textdiff__normalize(&sp);
	if (opts->cleanup && sp.count > 1) {
		if ((rc = sl_textdiff__side_cuts(&sa, ua, na)) < 0 ||
		    (rc = sl_textdiff__side_cuts(&sb, ub, nb)) < 0 ||
		    (rc = sl_cleanup__spans(&sp, &sa, &sb)) < 0)
			goto done;
	}
	rc = sl_textdiff__build(out, &sp, a, b);

done:
	sl_free(sb.cuts);
	sl_free(sa.cuts);
	sl_free(sp.items);
	if (!work)
		work_dispose(&own);
	sl_free(ub);
	sl_free(ua);
	return rc;
}

void sl_text_ops_dispose(sl_text_ops *ops)
{
	if (!ops)
		return;
	sl_free(ops->ops);
	sl_free(ops->storage);
	ops->ops = NULL;
	ops->count = 0;
	ops->storage = NULL;
}

int sl_text_ops_side(sl_buf *out, const sl_text_ops *ops, int side)
{
	size_t i;
	sl_op_kind skip;
	if (side != 0 && side != 1)
		return sl_error_set(SL_EUSAGE, "side must be 0 or 1, not %d",
				    side);
	skip = side == 0 ? SL_OP_INSERT : SL_OP_DELETE;
	for (i = 0; i < ops->count; i++) {
		if (ops->ops[i].op != skip)
			sl_buf_put(out, ops->ops[i].text, ops->ops[i].len);
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

const char *sl_op_kind_name(sl_op_kind k)
{
	static const char *const names[] = {
		[SL_OP_EQUAL] = "equal",
		[SL_OP_INSERT] = "insert",
		[SL_OP_DELETE] = "delete",
	};
	return SL_ENUM_NAME(names, k);
}
