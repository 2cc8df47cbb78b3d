/*
 * standalone.c: replay inputs through a fuzz target without libFuzzer, so
 * the corpora run as tests under the normal build, ASan and valgrind
 * (libgit2's tests/fuzz/standalone_driver.c). Arguments are files or
 * directories (every regular file in them, sorted).
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;
	if (!f) {
		fprintf(stderr, "standalone: cannot open %s\n", path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
		fprintf(stderr, "standalone: cannot read %s\n", path);
		fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	int i, failures = 0, count = 0;
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, k;
		if (stat(argv[i], &st) == 0 && !S_ISDIR(st.st_mode)) {
			failures += run_file(argv[i]);
			count++;
			continue;
		}
		if (!(d = opendir(argv[i]))) {
			fprintf(stderr, "standalone: cannot open %s\n",
				argv[i]);
			return 1;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n] =
				malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
			sprintf(names[n], "%s/%s", argv[i], e->d_name);
			n++;
		}
		closedir(d);
		qsort(names, n, sizeof(*names), cmp);
		for (k = 0; k < n; k++) {
			failures += run_file(names[k]);
			count++;
			free(names[k]);
		}
		free(names);
	}
	printf("standalone: %d input%s replayed\n", count,
	       count == 1 ? "" : "s");
	if (count == 0) {
		fprintf(stderr, "standalone: no inputs\n");
		return 1;
	}
	return failures ? 1 : 0;
}
