/*
 * fuzz_bloom.c: commit-graph files (repo_bloom.c), as git would find them
 * in .git/objects/info/. Any input is refused with SL_EINVALID and a
 * message, or parsed; a parsed graph answers queries for the commits it
 * lists (their trees and first parents read from the input here, with
 * this harness's own bounds checks) and for ids it does not list, with
 * one of the three answers and no read outside the input.
 */
#include <string.h>

#include "error.h"
#include "fuzz.h"
#include "repo_bloom.h"

static uint64_t be(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	size_t i;
	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* The data of chunk id, if its table entry and the next lie inside. */
static const uint8_t *chunk(const uint8_t *d, size_t size, const char *id,
			    size_t *len)
{
	size_t i, n = size > 6 ? d[6] : 0;
	for (i = 0; i < n && 8 + 12 * (i + 2) <= size; i++) {
		const uint8_t *e = d + 8 + 12 * i;
		uint64_t off = be(e + 4, 8), end = be(e + 16, 8);
		if (memcmp(e, id, 4) || off > end || end > size)
			continue;
		*len = (size_t)(end - off);
		return d + off;
	}
	return NULL;
}

static void check(sl_bloom_answer a)
{
	FUZZ_CHECK(a == SL_BLOOM_UNKNOWN || a == SL_BLOOM_NO ||
		   a == SL_BLOOM_MAYBE);
}

static void ask(const sl_bloom *b, const uint8_t id[20], const uint8_t tree[20],
		const uint8_t *parent)
{
	static const char *const paths[] = {
		"checklist/items/1-1.json",          "checklist", "a", "a/b/c",
		"checklist/items/\xe3\x81\x82.json", "a//b/"};
	size_t i;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		check(sl_bloom_query(b, id, tree, parent, paths[i],
				     strlen(paths[i])));
	FUZZ_CHECK(sl_bloom_query(b, id, tree, parent, "", 0) ==
		   SL_BLOOM_UNKNOWN);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sl_bloom *b = NULL;
	const uint8_t *oidl, *cdat;
	size_t oidl_len = 0, cdat_len = 0, i, n;
	uint8_t zero[20] = {0};
	int rc = sl_bloom_parse(&b, data, size);
	if (rc < 0) {
		FUZZ_CHECK(rc == SL_EINVALID || rc == SL_ENOMEM);
		FUZZ_CHECK(b == NULL);
		FUZZ_CHECK(sl_error_last()->message[0]);
		sl_error_clear();
		return 0;
	}
	FUZZ_CHECK(b != NULL);
	oidl = chunk(data, size, "OIDL", &oidl_len);
	cdat = chunk(data, size, "CDAT", &cdat_len);
	n = sl_bloom_commit_count(b);
	FUZZ_CHECK(oidl && cdat && oidl_len == 20 * n && cdat_len == 36 * n);
	for (i = 0; i < n && i < 64; i++) {
		const uint8_t *e = cdat + 36 * i;
		uint32_t p = (uint32_t)be(e + 20, 4);
		/* As the commit says, and as a commit that disagrees. */
		ask(b, oidl + 20 * i, e, p < n ? oidl + 20 * p : NULL);
		ask(b, oidl + 20 * i, e, p < n ? NULL : zero);
		ask(b, oidl + 20 * i, zero, NULL);
	}
	ask(b, zero, zero, NULL);
	sl_bloom_free(b);
	return 0;
}
