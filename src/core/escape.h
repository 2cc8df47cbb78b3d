/*
 * escape.h: every byte of sheet text that reaches an output goes through
 * one of these, chosen for the output's format. They append to a buffer
 * and never fail (the buffer's OOM flag is sticky).
 */
#ifndef SL_ESCAPE_H
#define SL_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* HTML text or attribute value: & < > " ' become entities. */
void sl_escape_html(sl_buf *out, const char *s, size_t len);
/* As sl_escape_html, and each '\n' becomes "<br>\n". */
void sl_escape_html_lines(sl_buf *out, const char *s, size_t len);

/* XML text or attribute value (the Atom feed): as sl_escape_html, and
 * each character XML 1.0 cannot hold at all (C0 controls but tab, LF and
 * CR; U+FFFE; U+FFFF; surrogates) and each byte of invalid UTF-8 becomes
 * U+FFFD, so the document stays well-formed. */
void sl_escape_xml(sl_buf *out, const char *s, size_t len);

/*
 * Markdown text (CommonMark / GitHub): characters with inline meaning are
 * backslash-escaped (\ ` * _ [ ] < > | ~), '&' becomes "&amp;", and line
 * starts that would open a block (#, >, -, +, =, "1. ") are escaped, so
 * sheet text can never become markup, links or raw HTML. Each '\n' becomes
 * a hard line break ("\\\n"); so do CR and CRLF.
 */
void sl_escape_md(sl_buf *out, const char *s, size_t len);
/* Markdown inside a table cell: as sl_escape_md, and each line break becomes
 * "<br>" so the row stays on one line. */
void sl_escape_md_cell(sl_buf *out, const char *s, size_t len);

/*
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF,
 * quotes doubled. With neutralize, a field that a spreadsheet would run as
 * a formula (first character = + - @ tab CR) or that starts with an
 * apostrophe gets one leading apostrophe; importers strip exactly one.
 */
void sl_escape_csv(sl_buf *out, const char *s, size_t len, bool neutralize);
/* True when a spreadsheet would treat s as a formula (see above). */
bool sl_escape_is_formula(const char *s, size_t len);

#endif
