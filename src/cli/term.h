/*
 * term.h: terminal decisions: whether to colour output (--color, NO_COLOR,
 * tty). Decided once in the CLI and passed to renderers as a flag.
 */
#ifndef SL_TERM_H
#define SL_TERM_H

#include <stdbool.h>

/* mode is "auto", "always" or "never" (NULL means auto). NO_COLOR (any
 * non-empty value) disables auto colour; --color=always wins over it. */
bool sl_term_use_color(const char *mode, bool is_tty, const char *no_color);

#endif
