/*
 * alloc.h: the allocation wrappers every core module uses. They check size
 * overflow and carry a fault-injection hook so tests can make the Nth
 * allocation fail (SQLite's fault simulation, libgit2's failalloc).
 */
#ifndef SL_ALLOC_H
#define SL_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *sl_malloc(size_t size);
void *sl_calloc(size_t count, size_t size);
/* Overflow-checked realloc of count * size bytes. On failure the old block
 * is untouched and still owned by the caller. */
void *sl_reallocarray(void *ptr, size_t count, size_t size);
void *sl_realloc(void *ptr, size_t size);
/*
 * Grow an array that is full: *cap doubles (from min_cap when 0) and the
 * new block is returned; the caller stores it. On failure NULL, with the
 * old block and *cap untouched (still the caller's).
 */
void *sl_array_grow(void *items, size_t *cap, size_t elem_size, size_t min_cap);
/* Copy of len bytes plus a NUL terminator. */
char *sl_strndup(const char *s, size_t len);
char *sl_strdup(const char *s);
void sl_free(void *ptr);

/*
 * Test hook: after n more successful allocations, every allocation fails
 * until the hook is reset with a negative n (the default). Counting is
 * process-wide; tests are single-threaded.
 */
void sl_alloc_fail_after(long n);
/* Number of allocations that the hook made fail since the last reset. */
long sl_alloc_failures(void);
/* True while sl_alloc_fail_after() injects failures (n >= 0). */
bool sl_alloc_injecting(void);
/* Number of allocation calls since the last sl_alloc_fail_after(n >= 0). */
long sl_alloc_calls(void);

/*
 * Allocations that have failed in this process so far, real or injected
 * (SQLite's sticky mallocFailed). The CLI compares it before and after a
 * command: a failure that some path absorbed (a scratch buffer that came
 * out empty) then still ends the command as out of memory, never in
 * output that looks complete but is not.
 */
long sl_alloc_failure_count(void);

#endif
