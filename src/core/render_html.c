/*
 * render_html.c: the frame of every HTML document: one self-contained,
 * printable page (inline CSS, no external assets) with the shared head
 * and header. Sheet text only ever reaches a page through sl_escape_html
 * / sl_escape_html_lines.
 */
#include "render.h"

#include <string.h>

#include "error.h"
#include "escape.h"
#include "render_int.h"

static const char base_css[] =
	"body{font-family:\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",sans-serif;"
	"margin:2rem auto;max-width:72rem;padding:0 1rem;line-height:1.6;color:#1b1f23}\n"
	"h1{font-size:1.6rem;border-bottom:2px solid #1b1f23;padding-bottom:.3rem}\n"
	"h2{font-size:1.3rem;margin-top:2rem;border-left:6px solid #36c;padding-left:.5rem}\n"
	"h3{font-size:1.1rem;margin-top:1.5rem}\n"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\n"
	"th,td{border:1px solid #c8ccd0;padding:.35rem .5rem;vertical-align:top;text-align:left}\n"
	"th{background:#eef1f4}\n"
	"td.id{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	".meta{color:#57606a;font-size:.9rem}\n"
	".note{border-left:4px solid #c8ccd0;padding-left:.75rem;color:#3d444d}\n"
	"footer{margin-top:2rem;color:#57606a;font-size:.85rem}\n"
	"ins{background:#dafbe1;color:#0a3622;text-decoration:underline}\n"
	"del{background:#ffebe9;color:#67060c;text-decoration:line-through}\n"
	"table.summary td,table.summary th{text-align:center}\n"
	".badge{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:.6rem;"
	"background:#eef1f4;margin-left:.4rem}\n"
	".added .badge{background:#dafbe1}.removed .badge{background:#ffebe9}"
	".renumbered .badge{background:#ddf4ff}.notation .badge{background:#fff8c5}\n"
	"@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}"
	"tr{break-inside:avoid}}\n";

void sl_render__html_open(sl_buf *out, const char *title, sl_lang lang,
			  const char *extra_css)
{
	sl_buf_printf(
		out,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>",
		lang == SL_LANG_EN ? "en" : "ja");
	sl_escape_html(out, title, strlen(title));
	sl_buf_puts(out, "</title>\n<style>\n");
	sl_buf_puts(out, base_css);
	if (extra_css)
		sl_buf_puts(out, extra_css);
	sl_buf_puts(out, "</style>\n</head>\n<body>\n");
}

void sl_render__html_header(sl_buf *out, const char *title, sl_lang lang,
			    const char *extra_css)
{
	sl_render__html_open(out, title, lang, extra_css);
	sl_buf_puts(out, "<header>\n<h1>");
	sl_escape_html(out, title, strlen(title));
	sl_buf_puts(out, "</h1>\n");
}

void sl_render__html_footer(sl_buf *out, sl_lang lang)
{
	sl_buf_printf(out, "<footer>%s</footer>\n",
		      sl_label(lang, SL_L_GENERATED_BY));
	sl_render__html_close(out);
}

void sl_render__html_close(sl_buf *out)
{
	sl_buf_puts(out, "</body>\n</html>\n");
}
