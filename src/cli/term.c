/* term.c: colour policy (https://no-color.org). */
#include "term.h"

#include <string.h>

bool sl_term_use_color(const char *mode, bool is_tty, const char *no_color)
{
	if (mode && !strcmp(mode, "always"))
		return true;
	if (mode && !strcmp(mode, "never"))
		return false;
	if (no_color && no_color[0])
		return false;
	return is_tty;
}
