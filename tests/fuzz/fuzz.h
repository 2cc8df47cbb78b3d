/*
 * fuzz.h: shared by the fuzz targets. Each target defines
 * LLVMFuzzerTestOneInput; built with SL_FUZZ it links libFuzzer
 * (scripts/fuzz.sh), otherwise standalone.c replays its corpus as an
 * ordinary test. A broken invariant aborts, which both report as a crash.
 */
#ifndef SL_FUZZ_H
#define SL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond)                                                 \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", \
				__FILE__, __LINE__, #cond);              \
			abort();                                         \
		}                                                        \
	} while (0)

#endif
