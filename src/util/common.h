/*
 * common.h: error codes, attributes and assertion helpers shared by every
 * core module. Depends on nothing but the C library.
 */
#ifndef SL_COMMON_H
#define SL_COMMON_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Return codes. 0 is success; failures are negative and few (libgit2's
 * advice): callers branch on the class, the message says the rest.
 */
enum {
	SL_OK = 0,
	SL_ERROR = -1,     /* generic or internal failure */
	SL_ENOMEM = -2,    /* an allocation failed */
	SL_EIO = -3,       /* reading or writing a file failed */
	SL_ENOTFOUND = -4, /* a revision, item or file is absent */
	SL_EINVALID = -5,  /* bad data: JSON, UTF-8, schema, seed text */
	SL_EUSAGE = -6,    /* a bad argument from the caller */
	SL_EREPO = -7,     /* not a repository, shallow boundary, locked */
};

#define SL_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* names[v] of an enum's name table, or "unknown" outside it. */
#define SL_ENUM_NAME(names, v)                                      \
	((size_t)(v) < SL_ARRAY_SIZE(names) && (names)[(size_t)(v)] \
		 ? (names)[(size_t)(v)]                             \
		 : "unknown")
#define SL_UNUSED(x) ((void)(x))

#if defined(__GNUC__)
#define SL_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define SL_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define SL_PRINTF(fmt, args)
#define SL_WARN_UNUSED
#endif

/*
 * SL_ALWAYS(x) / SL_NEVER(x) (after SQLite): conditions that cannot happen
 * in a correct program. Debug builds assert; release builds take the
 * graceful branch the caller wrote around them.
 */
#ifndef NDEBUG
#define SL_ALWAYS(x) (assert(x), 1)
#define SL_NEVER(x) (assert(!(x)), 0)
#else
#define SL_ALWAYS(x) (!!(x))
#define SL_NEVER(x) (!!(x))
#endif

#endif
