/*
 * doc.h: the man page and the shell completion script, generated from the
 * command table and each command's option table: the same data that
 * prints --help, so the three never disagree. The build writes
 * build/sheetlog.1 and build/sheetlog.bash with `sheetlog __man` and
 * `sheetlog __completion bash`.
 */
#ifndef SL_DOC_H
#define SL_DOC_H

#include "buf.h"

/* Append the whole sheetlog(1) page (roff, man macros): NAME, SYNOPSIS,
 * DESCRIPTION, COMMANDS (one .SS per visible command), GLOBAL OPTIONS,
 * EXIT STATUS, ENVIRONMENT, FILES, SEE ALSO. */
void sl_doc_man(sl_buf *out);

/*
 * Append a bash completion script defining _sheetlog and registering it
 * for `sheetlog`. It completes global options, command names, each
 * command's options, choice values (--format <TAB>), files for FILE and
 * PATH values, and for revisions and items asks the program itself:
 * `sheetlog [-C DIR] __complete editions|items`.
 */
void sl_doc_bash_completion(sl_buf *out);

#endif
