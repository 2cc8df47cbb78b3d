/*
 * fuzz_textdiff.c: the grapheme diff and its semantic clean-up. The input
 * is two texts separated by the first 0xFF byte (never valid UTF-8, so
 * never inside a text). For valid UTF-8 texts: equal+delete ops spell the
 * old text, equal+insert the new one; no op is empty; no two neighbours
 * have the same kind. Invalid UTF-8 is refused, not diffed. The same diff
 * through working arrays kept from every input before
 * (sl_textdiff_with) gives the same ops.
 */
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "textdiff.h"
#include "utf8.h"

/* Kept for the whole run, as a thread of a diff keeps it (reachable at
 * exit: not a leak). */
static sl_textdiff_work *kept;

/* The ops of a diff through kept equal ops (rc: the fresh diff's). */
static void same_with_kept(const sl_text_ops *ops, int rc, const char *a,
			   size_t alen, const char *b, size_t blen,
			   const sl_textdiff_options *o)
{
	sl_text_ops again = SL_TEXT_OPS_INIT;
	size_t i;
	int rc2;
	if (!kept && sl_textdiff_work_new(&kept) < 0)
		return;
	rc2 = sl_textdiff_with(&again, a, alen, b, blen, o, kept);
	FUZZ_CHECK(rc2 == rc || rc == SL_ENOMEM || rc2 == SL_ENOMEM);
	if (rc == 0 && rc2 == 0) {
		FUZZ_CHECK(again.count == ops->count);
		for (i = 0; i < ops->count; i++) {
			FUZZ_CHECK(again.ops[i].op == ops->ops[i].op);
			FUZZ_CHECK(again.ops[i].len == ops->ops[i].len);
			FUZZ_CHECK(!memcmp(again.ops[i].text, ops->ops[i].text,
					   ops->ops[i].len));
		}
	}
	sl_text_ops_dispose(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *sep = memchr(s, 0xFF, size);
	size_t alen = sep ? (size_t)(sep - s) : size;
	const char *b = sep ? sep + 1 : "";
	size_t blen = sep ? size - alen - 1 : 0, i, bad;
	sl_text_ops ops = SL_TEXT_OPS_INIT;
	sl_textdiff_options o = SL_TEXTDIFF_OPTIONS_INIT;
	sl_buf old = SL_BUF_INIT, new_ = SL_BUF_INIT;
	int pass, rc;
	bool valid =
		sl_utf8_valid(s, alen, &bad) && sl_utf8_valid(b, blen, &bad);

	for (pass = 0; pass < 2; pass++) {
		o.cleanup = pass == 1;
		/* A small budget too, to exercise the fallback. */
		o.max_cost = (data[0] & 1) ? 8 : 20000;
		rc = sl_textdiff(&ops, s, alen, b, blen, &o);
		same_with_kept(&ops, rc, s, alen, b, blen, &o);
		if (!valid) {
			FUZZ_CHECK(rc == SL_EINVALID && ops.count == 0);
			continue;
		}
		if (rc < 0)
			break; /* out of memory only */
		for (i = 0; i < ops.count; i++) {
			FUZZ_CHECK(ops.ops[i].len > 0);
			FUZZ_CHECK(strlen(ops.ops[i].text) == ops.ops[i].len ||
				   memchr(ops.ops[i].text, 0, ops.ops[i].len));
			if (i > 0)
				FUZZ_CHECK(ops.ops[i].op != ops.ops[i - 1].op);
		}
		sl_buf_clear(&old);
		sl_buf_clear(&new_);
		FUZZ_CHECK(sl_text_ops_side(&old, &ops, 0) == 0);
		FUZZ_CHECK(sl_text_ops_side(&new_, &ops, 1) == 0);
		FUZZ_CHECK(old.len == alen &&
			   !memcmp(old.ptr ? old.ptr : "", s, alen));
		FUZZ_CHECK(new_.len == blen &&
			   !memcmp(new_.ptr ? new_.ptr : "", b, blen));
		sl_text_ops_dispose(&ops);
	}
	sl_text_ops_dispose(&ops);
	sl_buf_dispose(&old);
	sl_buf_dispose(&new_);
	return 0;
}
