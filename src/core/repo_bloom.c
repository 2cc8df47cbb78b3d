/*
 * repo_bloom.c: commit-graph files and their changed-path Bloom filters
 * (format below, after git's Documentation/gitformat-commit-graph.txt and
 * bloom.c). Every layer is checked whole when it is loaded, so a query
 * only indexes ranges already proved to lie inside the file. No libgit2:
 * the walker (repo_walk.c) passes the ids it read from the commit itself.
 *
 * File layout (all numbers big-endian; H = 20, SHA-1 only):
 *   "CGPH" u8 version=1 u8 hash=1 u8 chunks=C u8 bases=B
 *   (C + 1) x { u32 id, u64 offset }   chunk table; the last id is 0 and
 *                                      its offset ends the last chunk
 *   OIDF  256 x u32                    F[i]: commits whose id's first
 *                                      byte is <= i; F[255] = N
 *   OIDL  N x H                        commit ids, strictly ascending
 *   CDAT  N x { H tree, u32 parent1, u32 parent2, u64 generation+time }
 *                                      parents are graph positions
 *                                      (layers below count first);
 *                                      0x70000000 = none
 *   BIDX  N x u32 (optional)           end of each commit's filter in
 *                                      BDAT's data, cumulative
 *   BDAT  u32 version, u32 hashes, u32 bits per entry, then the filters
 *   BASE  B x H (when B > 0)           trailer hashes of the layers below
 *   H bytes trailer                    checksum of all of the above
 * A filter of len bytes holds, for each changed path and each of its
 * leading directories, `hashes` bits at (h0 + i * h1) mod (8 * len), with
 * h0, h1 git's murmur3 of the path under seeds 0x293ae76f and 0x7e646e2c;
 * bit b is byte b / 8, mask 1 << (b % 8). A commit with no change has one
 * zero byte; one with more than 512 changed paths has one 0xff byte (every
 * bit set: "maybe" for any path). A zero-length filter says nothing.
 */
#include "repo_bloom.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "fs.h"

#define HASH_LEN 20
#define HEADER_LEN 8
#define CHUNK_ENTRY_LEN 12
#define CDAT_ENTRY_LEN (HASH_LEN + 16)
#define BDAT_HEADER_LEN 12
#define PARENT_NONE 0x70000000u
#define PARENT_OCTOPUS 0x80000000u
#define SEED0 0x293ae76fu
#define SEED1 0x7e646e2cu
/* git writes 7; more than this is a damaged header, not a setting. */
#define MAX_HASHES 64u

#define ID(a, b, c, d)                                                    \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | \
	 (uint32_t)(d))

typedef struct layer {
	unsigned char *data;         /* owned; the whole file */
	size_t len;                  /* bytes of data */
	uint32_t commits;            /* N: commits in this layer */
	uint32_t base;               /* commits in the layers below */
	const unsigned char *fanout; /* into data: 256 x u32 */
	const unsigned char *oids;   /* into data: N x 20, ascending */
	const unsigned char *cdat;   /* into data: N x 36 */
	const unsigned char *bidx;   /* into data: N x u32, NULL: no filters */
	const unsigned char *bdat;   /* into data: filter bytes (after the
					BDAT header) */
	size_t bdat_len;             /* bytes of filter data */
	uint32_t version;            /* filter hash version: 1 or 2 */
	uint32_t hashes;             /* bits set per path */
} layer;

struct sl_bloom {
	layer *layers; /* owned; base first */
	size_t count;  /* layers */
	size_t total;  /* commits in all layers */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static uint64_t be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static uint32_t rotl(uint32_t v, unsigned n)
{
	return (v << n) | (v >> (32 - n));
}

uint32_t sl_bloom_murmur3(uint32_t seed, const unsigned char *data, size_t len)
{
	const uint32_t c1 = 0xcc9e2d51u, c2 = 0x1b873593u;
	uint32_t h = seed, k;
	size_t i, blocks = len / 4;
	for (i = 0; i < blocks; i++) {
		const unsigned char *p = data + 4 * i;
		k = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		k *= c1;
		k = rotl(k, 15);
		k *= c2;
		h ^= k;
		h = rotl(h, 13) * 5 + 0xe6546b64u;
	}
	/* The last len % 4 bytes (no switch fall-through: clang and gcc
	 * disagree on how to annotate it). */
	k = 0;
	if ((len & 3) >= 3)
		k ^= (uint32_t)data[4 * blocks + 2] << 16;
	if ((len & 3) >= 2)
		k ^= (uint32_t)data[4 * blocks + 1] << 8;
	if ((len & 3) >= 1) {
		k ^= (uint32_t)data[4 * blocks];
		k *= c1;
		k = rotl(k, 15);
		k *= c2;
		h ^= k;
	}
	h ^= (uint32_t)len;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/* The chunks we read, as indices of chunks.at and chunks.len. */
enum { CH_OIDF, CH_OIDL, CH_CDAT, CH_BIDX, CH_BDAT, CH_BASE, CH_COUNT };

/* Their ids, by index; other chunks (generation data, extra edges, ...)
 * are not used. */
static const uint32_t chunk_ids[CH_COUNT] = {
	ID('O', 'I', 'D', 'F'), ID('O', 'I', 'D', 'L'), ID('C', 'D', 'A', 'T'),
	ID('B', 'I', 'D', 'X'), ID('B', 'D', 'A', 'T'), ID('B', 'A', 'S', 'E'),
};

/* The chunk table: where each chunk we read starts and how long it is. */
typedef struct chunks {
	const unsigned char *at[CH_COUNT];
	size_t len[CH_COUNT];
} chunks;

static int corrupt(const char *what)
{
	return sl_error_set(SL_EINVALID, "corrupt commit-graph: %s", what);
}

static int read_chunks(chunks *c, const unsigned char *d, size_t len,
		       unsigned count)
{
	/* Chunks lie between the table and the trailer. */
	size_t table_end = HEADER_LEN + ((size_t)count + 1) * CHUNK_ENTRY_LEN;
	size_t body_end = len - HASH_LEN, i, k;
	uint64_t prev = table_end;
	memset(c, 0, sizeof(*c));
	if (table_end > body_end)
		return corrupt("chunk table runs past the end of the file");
	for (i = 0; i <= count; i++) {
		const unsigned char *e = d + HEADER_LEN + i * CHUNK_ENTRY_LEN;
		uint32_t id = be32(e);
		uint64_t off = be64(e + 4), next;
		const unsigned char **slot = NULL;
		size_t *slot_len = NULL;
		if (off < prev || off > body_end)
			return corrupt("chunk offsets out of order or range");
		prev = off;
		if (i == count) {
			if (id != 0)
				return corrupt("chunk table not terminated");
			break;
		}
		if (id == 0)
			return corrupt("chunk table terminated early");
		/* Chunks are contiguous: the next entry's offset ends this one
		 * (the terminator's entry ends the last). */
		next = be64(e + CHUNK_ENTRY_LEN + 4);
		if (next < off || next > body_end)
			return corrupt("chunk offsets out of order or range");
		for (k = 0; k < CH_COUNT; k++)
			if (chunk_ids[k] == id) {
				slot = &c->at[k];
				slot_len = &c->len[k];
			}
		if (slot) {
			if (*slot)
				return corrupt("a chunk appears twice");
			*slot = d + off;
			*slot_len = (size_t)(next - off);
		}
	}
	return 0;
}

/*
 * Check a whole file and describe it in *l (which then points into d).
 * below: the layers under it, already checked (none for a lone file).
 */
static int layer_parse(layer *l, const unsigned char *d, size_t len,
		       const sl_bloom *below)
{
	chunks c;
	uint32_t n, i, version, hashes;
	size_t total;
	int rc;

	memset(l, 0, sizeof(*l));
	if (len > SL_BLOOM_MAX_FILE)
		return corrupt("file too large");
	if (len < HEADER_LEN + CHUNK_ENTRY_LEN + HASH_LEN ||
	    memcmp(d, "CGPH", 4))
		return sl_error_set(SL_EINVALID, "not a commit-graph file");
	if (d[4] != 1)
		return sl_error_set(SL_EINVALID,
				    "unsupported commit-graph version %u",
				    d[4]);
	if (d[5] != 1)
		return sl_error_set(SL_EINVALID,
				    "unsupported commit-graph hash version %u",
				    d[5]);
	if (d[7] != below->count)
		return corrupt("base graph count does not match its chain");
	rc = read_chunks(&c, d, len, d[6]);
	if (rc < 0)
		return rc;
	if (!c.at[CH_OIDF] || !c.at[CH_OIDL] || !c.at[CH_CDAT])
		return corrupt("a required chunk is missing");
	if (c.len[CH_OIDF] != 256 * 4)
		return corrupt("fanout chunk has the wrong size");
	for (i = 1; i < 256; i++)
		if (be32(c.at[CH_OIDF] + 4 * i) <
		    be32(c.at[CH_OIDF] + 4 * (i - 1)))
			return corrupt("fanout is not monotone");
	n = be32(c.at[CH_OIDF] + 255 * 4);
	/* Positions must stay below 0x70000000 across the chain. */
	if (n >= PARENT_NONE - below->total)
		return corrupt("too many commits");
	total = below->total + n;
	if (c.len[CH_OIDL] != (size_t)n * HASH_LEN ||
	    c.len[CH_CDAT] != (size_t)n * CDAT_ENTRY_LEN)
		return corrupt("commit chunks do not match the commit count");
	/* Ascending ids, each within its fanout bucket: the binary search
	 * in query relies on both. */
	for (i = 0; i < n; i++) {
		const unsigned char *id = c.at[CH_OIDL] + (size_t)i * HASH_LEN;
		unsigned first = id[0];
		uint32_t lo = first ? be32(c.at[CH_OIDF] + 4 * (first - 1)) : 0;
		uint32_t hi = be32(c.at[CH_OIDF] + 4 * first);
		if (i < lo || i >= hi)
			return corrupt("commit ids disagree with the fanout");
		if (i && memcmp(id - HASH_LEN, id, HASH_LEN) >= 0)
			return corrupt("commit ids are not sorted");
	}
	for (i = 0; i < n; i++) {
		uint32_t p = be32(c.at[CH_CDAT] + (size_t)i * CDAT_ENTRY_LEN +
				  HASH_LEN);
		if (p != PARENT_NONE && p >= total)
			return corrupt("a parent position is out of range");
	}
	if (below->count) {
		size_t k;
		if (!c.at[CH_BASE] || c.len[CH_BASE] != below->count * HASH_LEN)
			return corrupt("base graph list does not match its "
				       "chain");
		for (k = 0; k < below->count; k++) {
			const layer *b = &below->layers[k];
			if (memcmp(c.at[CH_BASE] + k * HASH_LEN,
				   b->data + b->len - HASH_LEN, HASH_LEN))
				return corrupt("base graph list does not "
					       "match its chain");
		}
	}
	l->commits = n;
	l->base = (uint32_t)below->total;
	l->fanout = c.at[CH_OIDF];
	l->oids = c.at[CH_OIDL];
	l->cdat = c.at[CH_CDAT];
	/* Filters: BIDX is ignored without BDAT (git does the same). */
	if (!c.at[CH_BIDX] || !c.at[CH_BDAT])
		return 0;
	if (c.len[CH_BIDX] != (size_t)n * 4)
		return corrupt("filter index does not match the commit count");
	if (c.len[CH_BDAT] < BDAT_HEADER_LEN)
		return corrupt("filter data chunk too short");
	version = be32(c.at[CH_BDAT]);
	hashes = be32(c.at[CH_BDAT] + 4);
	if (hashes == 0 || hashes > MAX_HASHES)
		return corrupt("filter settings out of range");
	for (i = 0; i < n; i++) {
		uint32_t end = be32(c.at[CH_BIDX] + 4 * (size_t)i);
		uint32_t start =
			i ? be32(c.at[CH_BIDX] + 4 * (size_t)(i - 1)) : 0;
		if (end < start || end > c.len[CH_BDAT] - BDAT_HEADER_LEN)
			return corrupt("filter index out of order or range");
	}
	/* A version this reader does not know is no filter at all. */
	if (version != 1 && version != 2)
		return 0;
	l->bidx = c.at[CH_BIDX];
	l->bdat = c.at[CH_BDAT] + BDAT_HEADER_LEN;
	l->bdat_len = c.len[CH_BDAT] - BDAT_HEADER_LEN;
	l->version = version;
	l->hashes = hashes;
	return 0;
}

/* Add a layer on top, taking data on every path. expect: the trailer the
 * chain names for it (NULL for a lone file). */
static int bloom_take_layer(sl_bloom *b, unsigned char *data, size_t len,
			    const unsigned char *expect)
{
	layer l, *grown;
	int rc = layer_parse(&l, data, len, b);
	if (rc == 0 && expect &&
	    memcmp(data + len - HASH_LEN, expect, HASH_LEN))
		rc = corrupt("a layer's checksum does not match its name");
	if (rc == 0) {
		grown = sl_reallocarray(b->layers, b->count + 1,
					sizeof(*grown));
		if (!grown)
			rc = sl_error_oom();
		else
			b->layers = grown;
	}
	if (rc < 0) {
		sl_free(data);
		return rc;
	}
	l.data = data;
	l.len = len;
	b->layers[b->count++] = l;
	b->total += l.commits;
	return 0;
}

void sl_bloom_free(sl_bloom *b)
{
	size_t i;
	if (!b)
		return;
	for (i = 0; i < b->count; i++)
		sl_free(b->layers[i].data);
	sl_free(b->layers);
	sl_free(b);
}

int sl_bloom_parse(sl_bloom **out, const unsigned char *data, size_t len)
{
	sl_bloom *b = sl_calloc(1, sizeof(*b));
	unsigned char *copy = sl_malloc(len ? len : 1);
	int rc;
	*out = NULL;
	if (!b || !copy) {
		sl_free(b);
		sl_free(copy);
		return sl_error_oom();
	}
	memcpy(copy, data, len);
	rc = bloom_take_layer(b, copy, len, NULL);
	if (rc < 0) {
		sl_bloom_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

/* Read a whole file, refusing what is too large before allocating. */
static int read_file(unsigned char **out, size_t *len, const char *path)
{
	struct stat st;
	sl_buf data = SL_BUF_INIT;
	int rc;
	*out = NULL;
	if (stat(path, &st) < 0)
		return errno == ENOENT
			       ? sl_error_set(SL_ENOTFOUND, "no such file '%s'",
					      path)
			       : sl_error_set(SL_EIO, "cannot read '%s'", path);
	if ((uint64_t)st.st_size > SL_BLOOM_MAX_FILE)
		return corrupt("file too large");
	rc = sl_fs_read(&data, path);
	if (rc < 0) {
		sl_buf_dispose(&data);
		return rc;
	}
	if (data.len == 0) {
		sl_buf_dispose(&data);
		return sl_error_set(SL_EINVALID, "not a commit-graph file");
	}
	*out = (unsigned char *)sl_buf_detach(&data, len);
	return *out ? 0 : sl_error_oom();
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The layers listed in commit-graph-chain (one 40-hex trailer a line,
 * base first), each in graph-<hex>.graph beside it. */
static int load_chain(sl_bloom *b, const char *dir, const char *chain_path)
{
	sl_buf list = SL_BUF_INIT;
	size_t off = 0;
	int rc = sl_fs_read(&list, chain_path);
	while (rc == 0 && off < list.len) {
		unsigned char want[HASH_LEN], *data = NULL;
		char name[64], *path;
		size_t len = 0, k;
		if (b->count == SL_BLOOM_MAX_LAYERS) {
			rc = corrupt("split chain too long");
			break;
		}
		if (list.len - off < 41 || list.ptr[off + 40] != '\n') {
			rc = corrupt("malformed commit-graph-chain");
			break;
		}
		for (k = 0; k < HASH_LEN; k++) {
			int hi = hex_value(list.ptr[off + 2 * k]),
			    lo = hex_value(list.ptr[off + 2 * k + 1]);
			if (hi < 0 || lo < 0)
				break;
			want[k] = (unsigned char)(hi << 4 | lo);
		}
		if (k < HASH_LEN) {
			rc = corrupt("malformed commit-graph-chain");
			break;
		}
		memcpy(name, "graph-", 6);
		memcpy(name + 6, list.ptr + off, 40);
		memcpy(name + 46, ".graph", 7);
		off += 41;
		path = sl_fs_join(dir, name);
		if (!path) {
			rc = sl_error_oom();
			break;
		}
		rc = read_file(&data, &len, path);
		if (rc == 0)
			rc = bloom_take_layer(b, data, len, want);
		/* A listed layer that is missing breaks the chain: every
		 * layer above counts positions through it. */
		if (rc == SL_ENOTFOUND)
			rc = corrupt("a layer of the split chain is missing");
		if (rc < 0 && rc != SL_ENOMEM)
			sl_error_add_path(path);
		sl_free(path);
	}
	if (rc == 0 && b->count == 0)
		rc = sl_error_set(SL_ENOTFOUND, "empty commit-graph-chain");
	sl_buf_dispose(&list);
	return rc;
}

int sl_bloom_load(sl_bloom **out, const char *objects_dir)
{
	sl_bloom *b = sl_calloc(1, sizeof(*b));
	char *one = NULL, *dir = NULL, *chain = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (!b)
		return sl_error_oom();
	one = sl_fs_join(objects_dir, "info/commit-graph");
	dir = sl_fs_join(objects_dir, "info/commit-graphs");
	chain = dir ? sl_fs_join(dir, "commit-graph-chain") : NULL;
	if (!one || !dir || !chain) {
		rc = sl_error_oom();
		goto done;
	}
	rc = read_file(&data, &len, one);
	if (rc == 0) {
		rc = bloom_take_layer(b, data, len, NULL);
		if (rc < 0 && rc != SL_ENOMEM)
			sl_error_add_path(one);
	} else if (rc == SL_ENOTFOUND) {
		rc = load_chain(b, dir, chain);
		if (rc < 0 && rc != SL_ENOMEM)
			sl_error_add_path(chain);
	} else {
		sl_error_add_path(one);
	}
done:
	sl_free(one);
	sl_free(dir);
	sl_free(chain);
	if (rc < 0) {
		sl_bloom_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

size_t sl_bloom_commit_count(const sl_bloom *b)
{
	return b ? b->total : 0;
}

bool sl_bloom_has_filters(const sl_bloom *b)
{
	size_t i;
	for (i = 0; b && i < b->count; i++)
		if (b->layers[i].bidx)
			return true;
	return false;
}

/* The id at a graph position (pos < b->total). */
static const unsigned char *oid_at(const sl_bloom *b, uint32_t pos)
{
	size_t i;
	for (i = b->count; i-- > 0;) {
		const layer *l = &b->layers[i];
		if (pos >= l->base)
			return l->oids + (size_t)(pos - l->base) * HASH_LEN;
	}
	return NULL;
}

/* Find a commit: its layer and its index there. */
static const layer *find(const sl_bloom *b, const unsigned char id[20],
			 uint32_t *index)
{
	size_t i;
	for (i = b->count; i-- > 0;) {
		const layer *l = &b->layers[i];
		uint32_t lo = id[0] ? be32(l->fanout + 4 * (id[0] - 1)) : 0;
		uint32_t hi = be32(l->fanout + 4 * id[0]);
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			int c = memcmp(l->oids + (size_t)mid * HASH_LEN, id,
				       HASH_LEN);
			if (c == 0) {
				*index = mid;
				return l;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return NULL;
}

/* Does the filter hold the key (len bytes, len > 0)? */
static bool filter_has(const unsigned char *f, size_t len, uint32_t hashes,
		       const unsigned char *key, size_t key_len)
{
	uint32_t h0 = sl_bloom_murmur3(SEED0, key, key_len);
	uint32_t h1 = sl_bloom_murmur3(SEED1, key, key_len);
	uint64_t bits = (uint64_t)len * 8;
	uint32_t i;
	for (i = 0; i < hashes; i++) {
		uint64_t bit = (uint32_t)(h0 + i * h1) % bits;
		if (!(f[bit / 8] & (1u << (bit % 8))))
			return false;
	}
	return true;
}

sl_bloom_answer sl_bloom_query(const sl_bloom *b,
			       const unsigned char commit[20],
			       const unsigned char tree[20],
			       const unsigned char *parent, const char *path,
			       size_t path_len)
{
	const unsigned char *p = (const unsigned char *)path, *e, *f;
	const layer *l;
	uint32_t i, p1, start, end;
	size_t k;

	if (!b || !path_len || !(l = find(b, commit, &i)))
		return SL_BLOOM_UNKNOWN;
	/* The graph must describe this commit as its object does: a graph
	 * written for other objects, or damaged, is not believed. */
	e = l->cdat + (size_t)i * CDAT_ENTRY_LEN;
	if (memcmp(e, tree, HASH_LEN))
		return SL_BLOOM_UNKNOWN;
	p1 = be32(e + HASH_LEN);
	if (!parent ? p1 != PARENT_NONE
		    : p1 == PARENT_NONE ||
			      memcmp(oid_at(b, p1), parent, HASH_LEN))
		return SL_BLOOM_UNKNOWN;
	if (!l->bidx)
		return SL_BLOOM_UNKNOWN;
	/* Version 1 hashed bytes >= 0x80 through a signed char, so its
	 * filters depend on the machine that wrote them: only ASCII paths
	 * are asked of it. */
	if (l->version == 1)
		for (k = 0; k < path_len; k++)
			if (p[k] & 0x80)
				return SL_BLOOM_UNKNOWN;
	end = be32(l->bidx + 4 * (size_t)i);
	start = i ? be32(l->bidx + 4 * (size_t)(i - 1)) : 0;
	if (end == start)
		return SL_BLOOM_MAYBE; /* an empty filter says nothing */
	f = l->bdat + start;
	/* The path and each of its leading directories ("a/b/c": "a",
	 * "a/b", "a/b/c"; an empty component is no directory). */
	for (k = 1; k <= path_len; k++) {
		if (k < path_len && (p[k] != '/' || p[k - 1] == '/'))
			continue;
		if (!filter_has(f, end - start, l->hashes, p, k))
			return SL_BLOOM_NO;
	}
	return SL_BLOOM_MAYBE;
}
