/*
 * textdiff.h: character-level diff of two UTF-8 texts, made for Japanese
 * (no spaces between words). The unit is the grapheme cluster, except that
 * a run of ASCII or full-width letters and digits is one unit, so numbers
 * and Latin words change as a whole. The result is a list of equal / insert
 * / delete operations that rebuilds both texts exactly.
 */
#ifndef SL_TEXTDIFF_H
#define SL_TEXTDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef enum sl_op_kind { SL_OP_EQUAL, SL_OP_INSERT, SL_OP_DELETE } sl_op_kind;

typedef struct sl_text_op {
	sl_op_kind op;    /* what happens to text */
	const char *text; /* borrowed from the owning sl_text_ops' storage;
			   * NUL-terminated; valid until its dispose */
	size_t len;       /* bytes of text, excluding the NUL; never 0 */
} sl_text_op;

/*
 * The ops of one diff, in text order. Invariants: no op is empty, no two
 * neighbours have the same kind, and a DELETE directly followed by an
 * INSERT is never written the other way round.
 */
typedef struct sl_text_ops {
	sl_text_op *ops; /* owned array of count ops; NULL when count is 0 */
	size_t count;    /* ops in use */
	char *storage;   /* owned; every op text, each NUL-terminated */
} sl_text_ops;

#define SL_TEXT_OPS_INIT      \
	{                     \
		NULL, 0, NULL \
	}

typedef struct sl_textdiff_options {
	bool cleanup;    /* run the semantic clean-up (textdiff_cleanup.h) */
	size_t max_cost; /* edit-distance budget in units, counted among the
			  * units both texts contain; a diff that needs more
			  * falls back to one delete and one insert between
			  * the common prefix and suffix. Bounds the time
			  * (O(N * max_cost)) and memory (O(max_cost)) */
} sl_textdiff_options;

#define SL_TEXTDIFF_OPTIONS_INIT \
	{                        \
		true, 20000      \
	}

/*
 * Diff old text a against new text b into *out (which is overwritten, not
 * disposed: pass an empty or disposed sl_text_ops).
 *
 * Both empty gives no ops; identical texts give one EQUAL; one empty side
 * gives one INSERT or DELETE. Op boundaries always fall between units, so
 * a grapheme cluster (が as か + U+3099, a ZWJ emoji, a flag, a character
 * with its variation selector) or a run of letters and digits is never
 * split.
 *
 * @param opts NULL for SL_TEXTDIFF_OPTIONS_INIT
 * @return 0, SL_EINVALID (a or b is not valid UTF-8) or SL_ENOMEM;
 *         on failure *out is empty
 * new: free *out with sl_text_ops_dispose()
 */
int sl_textdiff(sl_text_ops *out, const char *a, size_t a_len, const char *b,
		size_t b_len, const sl_textdiff_options *opts);

/*
 * The working arrays of sl_textdiff (interned units, the unit diff, Myers'
 * paths), kept from one diff to the next by a thread that diffs many
 * texts: a far diff's tens of thousands of field diffs spent two fifths
 * of their time in the allocator (issue 11). One per thread.
 * new: free with sl_textdiff_work_free. @return 0 or SL_ENOMEM
 */
typedef struct sl_textdiff_work sl_textdiff_work;
int sl_textdiff_work_new(sl_textdiff_work **out);
void sl_textdiff_work_free(sl_textdiff_work *w);
/* sl_textdiff through w's arrays (NULL: arrays of its own, as
 * sl_textdiff). The result does not depend on w. */
int sl_textdiff_with(sl_text_ops *out, const char *a, size_t a_len,
		     const char *b, size_t b_len,
		     const sl_textdiff_options *opts, sl_textdiff_work *w);

/* Release the ops and their storage; leaves *ops empty. NULL-safe. */
void sl_text_ops_dispose(sl_text_ops *ops);

/*
 * Append one side of the diff to out: side 0 is the old text (EQUAL and
 * DELETE texts), side 1 the new text (EQUAL and INSERT texts).
 * @return 0, SL_EUSAGE (side is not 0 or 1) or SL_ENOMEM (out's sticky
 *         flag is set)
 */
int sl_text_ops_side(sl_buf *out, const sl_text_ops *ops, int side);

/* Stable JSON name of a kind: "equal", "insert", "delete". */
const char *sl_op_kind_name(sl_op_kind k);

#endif
