/* test_text.c: see test_text.h. */
#include "test_text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

char *test_ops_line(const sl_text_ops *ops)
{
	sl_buf b = SL_BUF_INIT;
	size_t i;
	char *s;
	for (i = 0; i < ops->count; i++) {
		if (i)
			sl_buf_putc(&b, '|');
		sl_buf_putc(&b, "=+-"[ops->ops[i].op]);
		sl_buf_put(&b, ops->ops[i].text, ops->ops[i].len);
	}
	assert_false(sl_buf_oom(&b));
	s = strdup(sl_buf_cstr(&b));
	assert_non_null(s);
	sl_buf_dispose(&b);
	return s;
}
