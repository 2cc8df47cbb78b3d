/*
 * golden.h: compare a renderer's output with tests/golden/<path>, byte for
 * byte. SL_UPDATE_GOLDEN=1 (scripts/update-golden.sh) rewrites the file
 * instead; the change is then reviewed in the commit.
 */
#ifndef TEST_GOLDEN_H
#define TEST_GOLDEN_H

#include <stddef.h>

void test_golden(const char *relpath, const char *actual, size_t len);

#endif
