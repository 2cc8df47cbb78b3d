/*
 * alloc.c: malloc wrappers with overflow checks and the fault-injection
 * counter used by the out-of-memory tests. The counter is the only mutable
 * global in core besides the thread-local error record; it exists for tests.
 */
#include "alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Atomic: sl_par may run work on several threads. Injection itself is
 * for single-threaded runs (sl_par runs on one thread while it is on). */
static _Atomic long alloc_countdown = -1;
static _Atomic long alloc_failed;
static _Atomic long alloc_calls;
static _Atomic long alloc_failures_total;

void sl_alloc_fail_after(long n)
{
	alloc_countdown = n;
	alloc_failed = 0;
	alloc_calls = 0;
}

long sl_alloc_failures(void)
{
	return alloc_failed;
}

long sl_alloc_calls(void)
{
	return alloc_calls;
}

long sl_alloc_failure_count(void)
{
	return alloc_failures_total;
}

/* Every NULL the wrappers hand out passes through here. */
static void *alloc_result(void *p)
{
	if (!p)
		alloc_failures_total++;
	return p;
}

bool sl_alloc_injecting(void)
{
	return alloc_countdown >= 0;
}

static int alloc_should_fail(void)
{
	/* Counted only while injecting: a shared counter bumped by every
	 * allocation of every thread would cost more than it tells. */
	if (alloc_countdown < 0)
		return 0;
	alloc_calls++;
	if (alloc_countdown == 0) {
		alloc_failed++;
		return 1;
	}
	alloc_countdown--;
	return 0;
}

void *sl_malloc(size_t size)
{
	if (alloc_should_fail())
		return alloc_result(NULL);
	return alloc_result(malloc(size ? size : 1));
}

void *sl_calloc(size_t count, size_t size)
{
	if (alloc_should_fail())
		return alloc_result(NULL);
	if (count == 0 || size == 0)
		count = size = 1;
	return alloc_result(calloc(count, size));
}

void *sl_realloc(void *ptr, size_t size)
{
	if (alloc_should_fail())
		return alloc_result(NULL);
	return alloc_result(realloc(ptr, size ? size : 1));
}

void *sl_reallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return alloc_result(NULL);
	return sl_realloc(ptr, count * size);
}

void *sl_array_grow(void *items, size_t *cap, size_t elem_size, size_t min_cap)
{
	size_t n = *cap ? *cap * 2 : min_cap;
	void *g = n > *cap ? sl_reallocarray(items, n, elem_size) : NULL;
	if (g)
		*cap = n;
	return g;
}

char *sl_strndup(const char *s, size_t len)
{
	char *p;
	if (len == SIZE_MAX)
		return NULL;
	p = sl_malloc(len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *sl_strdup(const char *s)
{
	return s ? sl_strndup(s, strlen(s)) : NULL;
}

void sl_free(void *ptr)
{
	free(ptr);
}
