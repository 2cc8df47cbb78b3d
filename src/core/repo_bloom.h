/*
 * repo_bloom.h: git's commit-graph files, read for their changed-path Bloom
 * filters (git's Documentation/gitformat-commit-graph.txt; the filters are
 * written by `git commit-graph write --changed-paths`). A filter tells, for
 * one commit, that a path surely did not change against its first parent,
 * or that it may have. Pure bytes and files: no libgit2 here, so the parser
 * is fuzzed on its own (tests/fuzz/fuzz_bloom.c). The files are untrusted:
 * every offset and length is checked before use, and a graph that does not
 * describe a commit as the repository does answers "unknown", never "no".
 */
#ifndef SL_REPO_BLOOM_H
#define SL_REPO_BLOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Files larger than this are refused (a graph of 10 million commits with
 * filters is about 1 GiB). */
#define SL_BLOOM_MAX_FILE ((size_t)1 << 30)
/* Split chains longer than this are refused (git merges layers; chains
 * are a handful of files long). */
#define SL_BLOOM_MAX_LAYERS 64

typedef enum sl_bloom_answer {
	SL_BLOOM_UNKNOWN, /* no usable filter: the commit is not in the
			     graph, the graph disagrees with the commit
			     (tree or first parent), the layer has no
			     filters or of an unknown version */
	SL_BLOOM_NO,      /* the commit did not change the path */
	SL_BLOOM_MAYBE,   /* it may have (or the filter is full: more than
			     512 paths changed) */
} sl_bloom_answer;

/* A commit graph: one file, or the layers of a split chain, base first. */
typedef struct sl_bloom sl_bloom;

/*
 * Parse one whole commit-graph file without base layers (the bytes are
 * copied). new: *out, free with sl_bloom_free.
 * @return 0, SL_EINVALID (not a commit graph, or a corrupt one: the
 * message says what is wrong) or SL_ENOMEM
 */
int sl_bloom_parse(sl_bloom **out, const unsigned char *data, size_t len);

/*
 * Load the commit graph of an object directory (".git/objects"):
 * info/commit-graph, or when it is absent the split chain listed in
 * info/commit-graphs/commit-graph-chain (git reads them in that order).
 * new: *out, free with sl_bloom_free.
 * @return 0, SL_ENOTFOUND (no commit graph), SL_EINVALID (a corrupt or
 * foreign file, or a broken chain; the error's path names the file),
 * SL_EIO or SL_ENOMEM
 */
int sl_bloom_load(sl_bloom **out, const char *objects_dir);

void sl_bloom_free(sl_bloom *b);

/*
 * May the commit (raw id) have changed path (repository-relative, with
 * '/' separators, "checklist/items/2-3.json"; path_len bytes) against its
 * first parent? tree is the commit's root tree and parent its first
 * parent (NULL for a root commit), both from the commit object itself:
 * the graph must agree with them or the answer is SL_BLOOM_UNKNOWN, so a
 * graph of other commits (or a damaged one) never rules a change out.
 * Every leading directory of path is asked too (git adds them to the
 * filter): a commit that changed the file changed each of them.
 */
sl_bloom_answer sl_bloom_query(const sl_bloom *b,
			       const unsigned char commit[20],
			       const unsigned char tree[20],
			       const unsigned char *parent, const char *path,
			       size_t path_len);

/* Commits in the graph (all layers). */
size_t sl_bloom_commit_count(const sl_bloom *b);
/* True when some layer holds filters of a version this reader knows. */
bool sl_bloom_has_filters(const sl_bloom *b);

/* git's murmur3 (changed-path filter version 2; version 1 equals it on
 * ASCII), exposed for tests. */
uint32_t sl_bloom_murmur3(uint32_t seed, const unsigned char *data, size_t len);

#endif
