/*
 * bench_read.c: the floor of reading objects through libgit2, which every
 * sheetlog command that compares revisions pays (scripts/bench.sh, stage
 * read-floor). Not a test. It reads the objects whose 40-hex ids come on
 * standard input (one per line: the blobs of a diff, the trees of a walk)
 * in that order, on 1..THREADS threads, each with its own repository
 * handle and a contiguous share of the list (handles after the first
 * with pack state of their own, as sheetlog's are: sl_repo__git_again), and
 * prints the median wall time of RUNS runs per thread count. Repository opening
 * is outside the timing; hash verification is off, as in sheetlog (repo.c).
 *
 *   bench_read REPO THREADS RUNS < ids
 */
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct job {
	const char *path;
	const git_oid *ids;
	size_t lo, hi;
	git_repository *repo;
	git_odb *odb;
	int failed;
} job;

/* Thread k's object database: the repository's own for the first, the
 * object directory under another path for the rest (libgit2 shares one
 * pack state per pack path between handles). */
static int open_odb(job *j, int k)
{
	git_buf objects = GIT_BUF_INIT;
	char alias[4096];
	int rc;
	if (k == 0)
		return git_repository_odb(&j->odb, j->repo);
	rc = git_repository_item_path(&objects, j->repo,
				      GIT_REPOSITORY_ITEM_OBJECTS);
	if (rc == 0) {
		snprintf(alias, sizeof(alias), "%s./", objects.ptr);
		rc = git_odb_open(&j->odb, alias);
	}
	git_buf_dispose(&objects);
	return rc;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *run(void *arg)
{
	job *j = arg;
	size_t i;
	for (i = j->lo; i < j->hi; i++) {
		git_odb_object *o;
		if (git_odb_read(&o, j->odb, &j->ids[i]) < 0) {
			j->failed = 1;
			break;
		}
		git_odb_object_free(o);
	}
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	git_oid *ids = NULL;
	size_t n = 0, cap = 0;
	char line[128];
	int threads, runs, t, r;
	if (argc != 4 || (threads = atoi(argv[2])) < 1 || threads > 8 ||
	    (runs = atoi(argv[3])) < 1 || runs > 101) {
		fprintf(stderr, "usage: bench_read REPO THREADS(1-8) "
				"RUNS(1-101) < ids\n");
		return 2;
	}
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	while (fgets(line, sizeof(line), stdin)) {
		if (n == cap) {
			git_oid *g;
			cap = cap ? 2 * cap : 1024;
			g = realloc(ids, cap * sizeof(*ids));
			if (!g) {
				fprintf(stderr, "bench_read: out of memory\n");
				return 1;
			}
			ids = g;
		}
		if (strlen(line) >= 40 &&
		    git_oid_fromstrn(&ids[n], line, 40) == 0)
			n++;
	}
	for (t = 1; t <= threads; t++) {
		job jobs[8];
		pthread_t th[8];
		double times[101];
		for (r = 0; r < runs; r++) {
			double start;
			int k;
			for (k = 0; k < t; k++) {
				memset(&jobs[k], 0, sizeof(jobs[k]));
				jobs[k].ids = ids;
				jobs[k].lo = n * (size_t)k / (size_t)t;
				jobs[k].hi = n * (size_t)(k + 1) / (size_t)t;
				if (git_repository_open(&jobs[k].repo,
							argv[1]) < 0 ||
				    open_odb(&jobs[k], k) < 0) {
					fprintf(stderr,
						"bench_read: cannot open %s\n",
						argv[1]);
					return 1;
				}
			}
			start = now();
			for (k = 0; k < t; k++)
				pthread_create(&th[k], NULL, run, &jobs[k]);
			for (k = 0; k < t; k++)
				pthread_join(th[k], NULL);
			times[r] = now() - start;
			for (k = 0; k < t; k++) {
				if (jobs[k].failed) {
					fprintf(stderr, "bench_read: an object "
							"did not read\n");
					return 1;
				}
				git_odb_free(jobs[k].odb);
				git_repository_free(jobs[k].repo);
			}
		}
		qsort(times, (size_t)runs, sizeof(double), cmp_double);
		printf("read-floor     %zu objects  threads %d  median %9.1f ms\n",
		       n, t, times[runs / 2] * 1000);
	}
	free(ids);
	git_libgit2_shutdown();
	return 0;
}
