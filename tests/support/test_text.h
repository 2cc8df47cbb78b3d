/*
 * test_text.h: the text diff's ops as one line, for exact comparison in
 * the tests of the diff and of its clean-up.
 */
#ifndef SL_TEST_TEXT_H
#define SL_TEST_TEXT_H

#include "textdiff.h"

/* "=equal|-delete|+insert", the ops in order. new: free with free() */
char *test_ops_line(const sl_text_ops *ops);

#endif
