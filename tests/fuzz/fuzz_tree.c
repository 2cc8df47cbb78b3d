/*
 * fuzz_tree.c: raw git tree objects (repo_tree.c), read in place. The
 * first byte splits the rest into two trees. Listing either with
 * sl_tree_raw_next ends or fails with SL_EREPO, never reads past its
 * tree, and gives NUL-terminated names inside it with a 20-byte id after
 * each; every name listed is found again by sl_tree_raw_find (the first
 * entry of that name); comparing the trees either way succeeds exactly
 * when both list cleanly, and names at most every entry of both.
 */
#include <string.h>

#include "error.h"
#include "fuzz.h"
#include "repo_tree.h"
#include "vec.h"

/* @return the entry count, or -1 when the tree is malformed */
static long list(const uint8_t *t, size_t len)
{
	sl_tree_raw_entry e;
	size_t pos = 0, last;
	long n = 0;
	int rc;
	for (;;) {
		last = pos;
		rc = sl_tree_raw_next(&e, t, len, &pos);
		if (rc == 0)
			return n;
		if (rc < 0) {
			FUZZ_CHECK(rc == SL_EREPO);
			sl_error_clear();
			return -1;
		}
		FUZZ_CHECK(pos > last && pos <= len);
		FUZZ_CHECK((const uint8_t *)e.name > t + last);
		FUZZ_CHECK(e.name_len > 0 && e.name[e.name_len] == '\0');
		FUZZ_CHECK(e.id == (const uint8_t *)e.name + e.name_len + 1);
		FUZZ_CHECK(e.id + 20 == t + pos);
		FUZZ_CHECK(strlen(e.name) == e.name_len);
		n++;
	}
}

static void find_each(const uint8_t *t, size_t len)
{
	sl_tree_raw_entry e;
	size_t pos = 0;
	while (sl_tree_raw_next(&e, t, len, &pos) == 1) {
		const unsigned char *at = NULL;
		size_t at_len = 0;
		int rc = sl_tree_raw_find(&at, &at_len, t, len, e.name,
					  e.name_len);
		FUZZ_CHECK(rc == 0 && at != NULL);
		FUZZ_CHECK(at >= t && at + at_len <= t + len);
	}
	sl_error_clear();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t split, k;
	long na, nb;
	const uint8_t *a, *b;
	if (size < 1)
		return 0;
	split = data[0] < size - 1 ? data[0] : size - 1;
	a = data + 1;
	b = data + 1 + split;
	na = list(a, split);
	nb = list(b, size - 1 - split);
	if (na >= 0)
		find_each(a, split);
	for (k = 0; k < 2; k++) {
		sl_vec names = SL_VEC_INIT;
		int rc = k ? sl_tree_raw_diff(&names, "items/", b,
					      size - 1 - split, a, split)
			   : sl_tree_raw_diff(&names, "items/", a, split, b,
					      size - 1 - split);
		if (rc < 0) {
			FUZZ_CHECK(rc == SL_EREPO || rc == SL_ENOMEM);
			sl_error_clear();
		} else if (na >= 0 && nb >= 0) {
			FUZZ_CHECK(names.len <= (size_t)(na + nb));
		}
		sl_vec_free_all(&names);
	}
	return 0;
}
