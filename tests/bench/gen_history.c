/*
 * gen_history.c: builds a synthetic sheet history for scripts/bench.sh,
 * through libgit2 (no git executable):
 *
 *   gen_history DIR ITEMS REVISIONS CHANGES_PER_REVISION
 *
 * DIR becomes a repository whose main branch holds REVISIONS commits, one
 * a day from 2020-01-01 (+09:00). The first commit has ITEMS items in 10
 * sections; every later commit edits CHANGES_PER_REVISION items chosen by
 * a fixed pseudo-random sequence (a changed number, a replaced phrase or
 * an appended sentence), and every 50th commit also adds an item at the
 * end of a section. sheet.json's as_of follows the commit month, so the
 * history has one edition per month. Deterministic: the same arguments
 * give the same commit ids.
 */
#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call)                                                     \
	do {                                                            \
		if ((call) < 0) {                                       \
			const git_error *e_ = git_error_last();         \
			fprintf(stderr, "gen_history: %s: %s\n", #call, \
				e_ ? e_->message : "?");                \
			exit(1);                                        \
		}                                                       \
	} while (0)

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static const char *const phrases[] = {
	"アクセス制御を実施しています",
	"ログを一定期間保存しています",
	"定められた手順に従い対応しています",
	"暗号化して保管しています",
	"第三者認証を取得しています",
	"監視を24時間365日行っています",
	"責任範囲をユーザーと分担しています",
	"脆弱性診断を定期的に実施しています",
	"バックアップを取得しています",
	"教育を年1回実施しています",
	"規定に則り運用しています",
	"詳細は非公開となります",
};
#define NPHRASES (sizeof(phrases) / sizeof(phrases[0]))

typedef struct item {
	char id[32];
	int section;
	char question[512];
	char answer[4096];
} item;

static item *items;
static size_t nitems, cap;

static void make_item(item *it, int section, int number)
{
	snprintf(it->id, sizeof(it->id), "%d-%d", section, number);
	it->section = section;
	snprintf(
		it->question, sizeof(it->question),
		"項目%d-%dについて、%sか。また、その記録を%d年間保管していますか。",
		section, number, phrases[next_rand() % NPHRASES],
		1 + (int)(next_rand() % 9));
	snprintf(it->answer, sizeof(it->answer), "%s。%s。対象は%d件です。",
		 phrases[next_rand() % NPHRASES],
		 phrases[next_rand() % NPHRASES], (int)(next_rand() % 10000));
}

static void edit_item(item *it)
{
	size_t len = strlen(it->answer);
	switch (next_rand() % 3) {
	case 0: { /* change the number */
		char *p = strstr(it->answer, "対象は");
		if (p)
			snprintf(p,
				 sizeof(it->answer) - (size_t)(p - it->answer),
				 "対象は%d件です。",
				 (int)(next_rand() % 10000));
		break;
	}
	case 1: /* replace the first phrase */
		snprintf(it->answer, sizeof(it->answer), "%s。対象は%d件です。",
			 phrases[next_rand() % NPHRASES],
			 (int)(next_rand() % 10000));
		break;
	default: /* append a sentence, bounded */
		if (len + 200 < sizeof(it->answer))
			snprintf(it->answer + len, sizeof(it->answer) - len,
				 "%s。", phrases[next_rand() % NPHRASES]);
		else
			snprintf(it->answer, sizeof(it->answer), "%s。",
				 phrases[next_rand() % NPHRASES]);
		break;
	}
}

static void json_string_into(char *out, size_t size, const char *s)
{
	size_t o = 0;
	out[o++] = '"';
	for (; *s && o + 3 < size; s++) {
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static void item_blob(git_oid *oid, git_repository *repo, const item *it)
{
	char q[1200], a[9000], buf[12000];
	int n;
	json_string_into(q, sizeof(q), it->question);
	json_string_into(a, sizeof(a), it->answer);
	n = snprintf(
		buf, sizeof(buf),
		"{\n  \"id\": \"%s\",\n  \"section\": \"%d\",\n  \"question\": %s,\n"
		"  \"answer\": %s\n}\n",
		it->id, it->section, q, a);
	CHECK(git_blob_create_from_buffer(oid, repo, buf, (size_t)n));
}

static void sheet_blob(git_oid *oid, git_repository *repo, const char *as_of)
{
	char buf[2048];
	int n, s;
	n = snprintf(
		buf, sizeof(buf),
		"{\n  \"title\": \"合成チェックシート\",\n  \"as_of\": \"%s\",\n"
		"  \"sections\": [\n",
		as_of);
	for (s = 1; s <= 10; s++)
		n += snprintf(
			buf + n, sizeof(buf) - (size_t)n,
			"    {\n      \"id\": \"%d\",\n      \"title\": \"セクション%d\"\n    }%s\n",
			s, s, s < 10 ? "," : "");
	n += snprintf(buf + n, sizeof(buf) - (size_t)n, "  ]\n}\n");
	CHECK(git_blob_create_from_buffer(oid, repo, buf, (size_t)n));
}

int main(int argc, char **argv)
{
	git_repository *repo;
	git_treebuilder *bld;
	git_oid items_tree, sheet, check_tree, root_tree, commit_id, blob;
	git_commit *parent = NULL;
	size_t total, revs, per, i, r;
	int per_section[11] = {0};
	int64_t t0 = 1577804400; /* 2020-01-01 00:00 +09:00 */

	if (argc != 5) {
		fprintf(stderr,
			"usage: gen_history DIR ITEMS REVISIONS CHANGES\n");
		return 2;
	}
	total = strtoul(argv[2], NULL, 10);
	revs = strtoul(argv[3], NULL, 10);
	per = strtoul(argv[4], NULL, 10);
	git_libgit2_init();
	CHECK(git_repository_init(&repo, argv[1], 0));
	cap = total + revs + 16;
	items = calloc(cap, sizeof(item));
	for (i = 0; i < total; i++) {
		int s = (int)(i % 10) + 1;
		make_item(&items[nitems++], s, ++per_section[s]);
	}
	CHECK(git_treebuilder_new(&bld, repo, NULL));
	for (i = 0; i < nitems; i++) {
		char name[64];
		item_blob(&blob, repo, &items[i]);
		snprintf(name, sizeof(name), "%s.json", items[i].id);
		CHECK(git_treebuilder_insert(NULL, bld, name, &blob,
					     GIT_FILEMODE_BLOB));
	}
	for (r = 0; r < revs; r++) {
		git_treebuilder *cb;
		git_signature *sig;
		git_commit *c;
		char as_of[32], msg[64];
		int64_t t = t0 + (int64_t)r * 86400 + 3600;
		time_t tt = (time_t)(t + 9 * 3600);
		struct tm tm;
		gmtime_r(&tt, &tm);
		snprintf(as_of, sizeof(as_of), "%04d-%02d", tm.tm_year + 1900,
			 tm.tm_mon + 1);
		if (r > 0) {
			for (i = 0; i < per; i++) {
				item *it = &items[next_rand() % nitems];
				char name[64];
				edit_item(it);
				item_blob(&blob, repo, it);
				snprintf(name, sizeof(name), "%s.json", it->id);
				CHECK(git_treebuilder_insert(
					NULL, bld, name, &blob,
					GIT_FILEMODE_BLOB));
			}
			if (r % 50 == 0 && nitems < cap) {
				int s = (int)(next_rand() % 10) + 1;
				char name[64];
				make_item(&items[nitems], s, ++per_section[s]);
				item_blob(&blob, repo, &items[nitems]);
				snprintf(name, sizeof(name), "%s.json",
					 items[nitems].id);
				CHECK(git_treebuilder_insert(
					NULL, bld, name, &blob,
					GIT_FILEMODE_BLOB));
				nitems++;
			}
		}
		CHECK(git_treebuilder_write(&items_tree, bld));
		sheet_blob(&sheet, repo, as_of);
		CHECK(git_treebuilder_new(&cb, repo, NULL));
		CHECK(git_treebuilder_insert(NULL, cb, "items", &items_tree,
					     GIT_FILEMODE_TREE));
		CHECK(git_treebuilder_insert(NULL, cb, "sheet.json", &sheet,
					     GIT_FILEMODE_BLOB));
		CHECK(git_treebuilder_write(&check_tree, cb));
		git_treebuilder_free(cb);
		CHECK(git_treebuilder_new(&cb, repo, NULL));
		CHECK(git_treebuilder_insert(NULL, cb, "checklist", &check_tree,
					     GIT_FILEMODE_TREE));
		CHECK(git_treebuilder_write(&root_tree, cb));
		git_treebuilder_free(cb);
		{
			git_tree *tree;
			CHECK(git_tree_lookup(&tree, repo, &root_tree));
			CHECK(git_signature_new(&sig, "Bench Editor",
						"bench@example.invalid",
						(git_time_t)t, 9 * 60));
			snprintf(msg, sizeof(msg), "revision %zu", r + 1);
			CHECK(git_commit_create_v(
				&commit_id, repo, "refs/heads/main", sig, sig,
				NULL, msg, tree, parent ? 1 : 0, parent));
			git_tree_free(tree);
			git_signature_free(sig);
		}
		CHECK(git_commit_lookup(&c, repo, &commit_id));
		git_commit_free(parent);
		parent = c;
		if ((r + 1) % 200 == 0)
			fprintf(stderr, "gen_history: %zu/%zu revisions\n",
				r + 1, revs);
	}
	CHECK(git_repository_set_head(repo, "refs/heads/main"));
	git_commit_free(parent);
	git_treebuilder_free(bld);
	git_repository_free(repo);
	free(items);
	git_libgit2_shutdown();
	return 0;
}
