/*
 * fuzz_tree.c: raw git tree objects (repo_tree.c), read in place. The
 * first byte splits the rest into two trees. Listing either with
 * sl_tree_raw_next ends or fails with SL_EREPO, never reads past its
 * tree, and gives NUL-terminated names inside it with a 20-byte id after
 * each; every name listed is found again by sl_tree_raw_find (the first
 * entry of that name); comparing the trees either way succeeds exactly
 * when both list cleanly, and names at most every entry of both; with
 * sides it names the same, and each side it gives is in its tree.
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

/* The diff with sides gives the same result and names as without
 * (names, rc), and, unless unusable, one side per name with a side in at
 * least one tree, each id found again in its tree under that name. */
static void sides_agree(const sl_vec *names, int rc, const uint8_t *a,
			size_t alen, const uint8_t *b, size_t blen)
{
	sl_vec again = SL_VEC_INIT;
	sl_tree_raw_sides_list sides = SL_TREE_RAW_SIDES_INIT;
	size_t i;
	int k;
	int rc2 = sl_tree_raw_diff_sides(&again, &sides, "items/", a, alen, b,
					 blen);
	FUZZ_CHECK((rc2 < 0) == (rc < 0) || rc2 == SL_ENOMEM ||
		   rc == SL_ENOMEM);
	sl_error_clear();
	if (rc == 0 && rc2 == 0) {
		FUZZ_CHECK(again.len == names->len);
		for (i = 0; i < again.len; i++)
			FUZZ_CHECK(!strcmp(again.items[i], names->items[i]));
	}
	if (rc2 == 0 && !sides.unusable) {
		FUZZ_CHECK(sides.len == again.len);
		for (i = 0; i < sides.len; i++) {
			const char *leaf = (const char *)again.items[i] + 6;
			FUZZ_CHECK(sides.v[i].mode[0] || sides.v[i].mode[1]);
			for (k = 0; k < 2; k++) {
				const unsigned char *at = NULL;
				size_t at_len = 0;
				if (!sides.v[i].mode[k])
					continue;
				FUZZ_CHECK(sl_tree_raw_find(
						   &at, &at_len, k ? b : a,
						   k ? blen : alen, leaf,
						   strlen(leaf)) == 0);
				FUZZ_CHECK(at && at_len >= 21);
			}
		}
	}
	sl_error_clear();
	sl_vec_free_all(&again);
	sl_tree_raw_sides_dispose(&sides);
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
		sides_agree(&names, rc, k ? b : a, k ? size - 1 - split : split,
			    k ? a : b, k ? split : size - 1 - split);
		sl_vec_free_all(&names);
	}
	return 0;
}
