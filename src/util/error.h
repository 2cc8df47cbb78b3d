/*
 * error.h: the last-error record (libgit2's git_error_last, extended with
 * the locations the CLI must report: file, revision, line:column, item id).
 *
 * Lower layers set what they know with sl_error_set(); upper layers only
 * add context to empty fields (sl_error_add_*) or wrap the message
 * (sl_error_wrap), never replace a message or mask a code. The record is
 * thread-local.
 */
#ifndef SL_ERROR_H
#define SL_ERROR_H

#include "buf.h"
#include "common.h"

typedef struct sl_error {
	int code;           /* SL_E* code of the failure, SL_OK when clear */
	char message[1024]; /* what went wrong, lowercase, no full stop */
	char path[1024];    /* file path relative to the repository, or "" */
	char rev[256];     /* revision expression as the user wrote it, or "" */
	int line;          /* 1-based line in path, 0 when unknown */
	int col;           /* 1-based column in characters, 0 when unknown */
	char item_id[256]; /* item id the failure concerns, or "" */
} sl_error;

/* Set the record: code and message. Clears all locations. @return code */
int sl_error_set(int code, const char *fmt, ...) SL_PRINTF(2, 3);
/*
 * Reword the current error's message, keeping its code and every
 * location (sl_error_set would clear them). The arguments may include
 * the current message itself, sl_error_last()->message, which is read
 * before it is replaced: sl_error_wrap("%s (nothing was changed)",
 * sl_error_last()->message). An out-of-memory error is left as it is:
 * its fixed message is what the CLI must print.
 * @return the error's code
 */
int sl_error_wrap(const char *fmt, ...) SL_PRINTF(1, 2);
/* Set SL_ENOMEM with a fixed message (allocates nothing). @return SL_ENOMEM */
int sl_error_oom(void);
/* borrowed: the thread's record, valid until the next sl_error_* call */
const sl_error *sl_error_last(void);
void sl_error_clear(void);
/* Make a copy of another thread's record this thread's (sl_par hands a
 * worker's failure to its caller). @return err->code */
int sl_error_restore(const sl_error *err);

/* Add context where the field is still empty. */
void sl_error_add_path(const char *path);
void sl_error_add_rev(const char *rev);
void sl_error_add_loc(int line, int col);
void sl_error_add_item(const char *item_id);

/* Room for any description of an sl_error (all its fields and the glue). */
#define SL_ERROR_DESCRIBE_MAX (sizeof(sl_error) + 32)

/*
 * Render "message: path:line:col (item ID, revision REV)" into out (size
 * bytes, NUL-terminated, truncated if need be): the one line the CLI prints
 * after "sheetlog: ". Allocates nothing, so it works after an allocation
 * failure.
 */
void sl_error_describe(char *out, size_t size, const sl_error *err);

#endif
