/*
 * bench_pair.c: times two commands against each other, interleaved, for
 * scripts/bench.sh. Not a test.
 *
 * Why not hyperfine: hyperfine runs all of one command's runs, then all
 * of the other's. On a shared machine the load drifts between those two
 * blocks, and the ratio of the medians moved by up to +-30 % from one
 * bench.sh run to the next (issue 11). Here every round runs both
 * commands back to back, the order alternating (A B, B A, ...), so drift
 * falls on both sides alike and the ratio is trustworthy even when the
 * absolute times are not.
 *
 *   bench_pair RUNS PREPARE CMD_A CMD_B [STDIN]
 *
 * CMD_A and CMD_B are split at spaces into argv and run directly (no
 * shell, so no shell start-up in the timing); PREPARE (a shell command,
 * "true" for none) runs untimed before every run of either (bench.sh's
 * prepare deletes sheetlog's caches, which git does not read). Both commands
 * write to /dev/null; STDIN, when given, is each command's standard input.
 * One untimed warm-up run each comes first. Prints one line:
 *
 *   MEDIAN_A MEDIAN_B RSS_A RSS_B
 *
 * wall-clock medians in seconds and the medians of the runs' peak resident
 * set sizes in KiB (wait4's ru_maxrss, what GNU time reports). A command
 * that fails stops the benchmark: exit 1, naming it and its status.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct cmd {
	const char *text; /* for messages */
	char **argv;
	double *secs;
	long *rss;
} cmd;

static char **split(const char *s)
{
	size_t n = 0, cap = 8;
	char **v = malloc(cap * sizeof(*v));
	char *copy = strdup(s), *tok, *save = NULL;
	if (!v || !copy)
		return NULL;
	for (tok = strtok_r(copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (n + 2 > cap) {
			char **g = realloc(v, (cap *= 2) * sizeof(*v));
			if (!g)
				return NULL;
			v = g;
		}
		v[n++] = tok;
	}
	v[n] = NULL;
	return n ? v : NULL;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Run c once; its wall time and peak RSS into *secs and *rss. */
static int run(const cmd *c, const char *in, double *secs, long *rss)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	pid_t pid;
	int status, err;
	double t0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = now();
	err = posix_spawnp(&pid, c->argv[0], &fa, NULL, c->argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		fprintf(stderr, "bench_pair: cannot run '%s': %s\n", c->text,
			strerror(err));
		return -1;
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	*secs = now() - t0;
	*rss = ru.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_pair: '%s' failed (status %d)\n",
			c->text, status);
		return -1;
	}
	return 0;
}

static int prepare(const char *p)
{
	if (!strcmp(p, "true"))
		return 0;
	if (system(p) != 0) {
		fprintf(stderr, "bench_pair: prepare '%s' failed\n", p);
		return -1;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static double median_d(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long median_l(long *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_long);
	return v[n / 2];
}

int main(int argc, char **argv)
{
	cmd c[2];
	const char *prep, *in;
	double warm_s;
	long warm_rss;
	int runs, i, k;

	if (argc < 5 || argc > 6 || (runs = atoi(argv[1])) < 1) {
		fprintf(stderr,
			"usage: bench_pair RUNS PREPARE CMD_A CMD_B [STDIN]\n");
		return 2;
	}
	prep = argv[2];
	in = argc == 6 ? argv[5] : NULL;
	for (k = 0; k < 2; k++) {
		c[k].text = argv[3 + k];
		c[k].argv = split(argv[3 + k]);
		c[k].secs = calloc((size_t)runs, sizeof(double));
		c[k].rss = calloc((size_t)runs, sizeof(long));
		if (!c[k].argv || !c[k].secs || !c[k].rss) {
			fprintf(stderr, "bench_pair: out of memory or empty "
					"command\n");
			return 1;
		}
	}
	for (k = 0; k < 2; k++)
		if (prepare(prep) < 0 || run(&c[k], in, &warm_s, &warm_rss) < 0)
			return 1;
	for (i = 0; i < runs; i++)
		for (k = 0; k < 2; k++) {
			/* A B in even rounds, B A in odd ones */
			int j = (i % 2) ? 1 - k : k;
			if (prepare(prep) < 0 ||
			    run(&c[j], in, &c[j].secs[i], &c[j].rss[i]) < 0)
				return 1;
		}
	printf("%.6f %.6f %ld %ld\n", median_d(c[0].secs, runs),
	       median_d(c[1].secs, runs), median_l(c[0].rss, runs),
	       median_l(c[1].rss, runs));
	return 0;
}
