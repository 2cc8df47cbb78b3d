/*
 * xlsx_read.c: a workbook's cells, through libzip (the archive) and expat
 * (the XML); the only file that includes either. Parts are streamed from
 * the archive into the parser in small chunks, so memory holds only what
 * is kept (shared strings, the cells of one worksheet), never a whole
 * part. Every byte inflated is counted against the declared size and the
 * cap, whatever the archive's headers claim.
 *
 * The parts read (ECMA-376 Part 1, SpreadsheetML; names matched on their
 * local part, so the transitional and strict namespaces both work):
 *   _rels/.rels                the officeDocument part (xl/workbook.xml)
 *   xl/_rels/workbook.xml.rels  Id -> Type, Target of each sheet, strings,
 *                              styles
 *   xl/workbook.xml            <sheet name= r:id=> in order; date1904
 *   xl/sharedStrings.xml       <si><t/></si> or <si><r><t/></r>...</si>
 *                              (runs joined; <rPh> phonetic guides left out)
 *   xl/styles.xml              <numFmt numFmtId= formatCode=>, cellXfs' <xf
 *                              numFmtId=>: which cell styles show a date
 *   xl/worksheets/sheetN.xml   <row r=><c r= t= s=><v/> | <is/></c></row>,
 *                              <mergeCell ref=> (xlsx_read_sheet.c)
 */
#include "xlsx_read_int.h"

#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"

#define XLSX_CHUNK 16384

/* The local part of a namespaced name ("uri|local"). */
static const char *local_name(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

/* The value of attribute local (in no namespace, or with ns in any
 * namespace), or NULL. */
const char *sl_xlsx_read__attr(const char **attrs, const char *local, bool ns)
{
	size_t i;
	for (i = 0; attrs[i]; i += 2) {
		const char *bar = strrchr(attrs[i], '|');
		if (ns ? bar && !strcmp(bar + 1, local)
		       : !bar && !strcmp(attrs[i], local))
			return attrs[i + 1];
	}
	return NULL;
}

/* Stop the parse with the failure already set in the error record. */
void sl_xlsx_read__fail(xml_ctx *x, int rc)
{
	if (x->rc == 0)
		x->rc = rc;
	XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name,
			     const XML_Char **attrs)
{
	xml_ctx *x = ud;
	if (x->rc == 0 && x->start)
		x->start(x, local_name(name), attrs);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	xml_ctx *x = ud;
	if (x->rc == 0 && x->end)
		x->end(x, local_name(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	xml_ctx *x = ud;
	if (x->rc || !x->collect)
		return;
	sl_buf_put(&x->text, s, (size_t)len);
	if (sl_buf_oom(&x->text))
		sl_xlsx_read__fail(x, sl_error_oom());
}

/* A DTD is where entity expansion (billion laughs) and external entities
 * live; a workbook never has one, so its first sign ends the parse before
 * any declaration is read. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name,
			       const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal)
{
	xml_ctx *x = ud;
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	sl_xlsx_read__fail(
		x, sl_error_set(SL_EINVALID,
				"part '%s' has a DTD (<!DOCTYPE>), which a "
				"workbook never has; not read",
				x->part));
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_len,
			      const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len, (void)base;
	(void)sysid, (void)pubid, (void)notation;
	on_doctype(ud, NULL, NULL, NULL, 0);
}

static int zip_failure(const char *part, zip_error_t *ze)
{
	return sl_error_set(SL_EINVALID,
			    "part '%s' of the workbook is damaged or truncated "
			    "(%s)",
			    part, zip_error_strerror(ze));
}

static int cap_failure(const sl_xlsx_book *b, const char *part)
{
	return sl_error_set(SL_EINVALID,
			    "part '%s' inflates past the cap of %zu MiB of "
			    "uncompressed data per workbook (a zip bomb?)",
			    part, b->lim.max_total_len >> 20);
}

static bool part_exists(const sl_xlsx_book *b, const char *part)
{
	return zip_name_locate(b->za, part, ZIP_FL_NOCASE) >= 0;
}

/* Stream part through expat into start/end. */
int sl_xlsx_read__parse_part(sl_xlsx_book *b, const char *part,
			     xml_start_fn start, xml_end_fn end, void *user)
{
	static const XML_Memory_Handling_Suite mem = {sl_malloc, sl_realloc,
						      sl_free};
	xml_ctx x;
	zip_stat_t st;
	zip_file_t *zf = NULL;
	zip_int64_t idx = zip_name_locate(b->za, part, ZIP_FL_NOCASE);
	zip_uint64_t declared = 0, got = 0;
	char chunk[XLSX_CHUNK];
	int rc = 0;

	memset(&x, 0, sizeof(x));
	x.part = part;
	x.start = start;
	x.end = end;
	x.user = user;
	if (idx < 0)
		return sl_error_set(SL_EINVALID,
				    "the workbook has no part '%s'", part);
	zip_stat_init(&st);
	if (zip_stat_index(b->za, (zip_uint64_t)idx, 0, &st) < 0)
		return zip_failure(part, zip_get_error(b->za));
	/* The declared size first: a bomb that admits its size is refused
	 * before a byte is inflated. */
	if (st.valid & ZIP_STAT_SIZE) {
		declared = st.size;
		if (declared > b->lim.max_total_len - b->read_len)
			return cap_failure(b, part);
	}
	x.p = XML_ParserCreate_MM(NULL, &mem, "|");
	if (!x.p)
		return sl_error_oom();
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, on_start, on_end);
	XML_SetCharacterDataHandler(x.p, on_text);
	XML_SetStartDoctypeDeclHandler(x.p, on_doctype);
	XML_SetEntityDeclHandler(x.p, on_entity);
	XML_SetParamEntityParsing(x.p, XML_PARAM_ENTITY_PARSING_NEVER);
	zf = zip_fopen_index(b->za, (zip_uint64_t)idx, 0);
	if (!zf) {
		rc = zip_failure(part, zip_get_error(b->za));
		goto done;
	}
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, sizeof(chunk));
		bool last = n == 0;
		if (n < 0) {
			rc = zip_failure(part, zip_file_get_error(zf));
			goto done;
		}
		got += (zip_uint64_t)n;
		b->read_len += (size_t)n;
		if ((st.valid & ZIP_STAT_SIZE) && got > declared) {
			rc = sl_error_set(SL_EINVALID,
					  "part '%s' inflates past its "
					  "declared size of %llu bytes (a "
					  "zip bomb?)",
					  part, (unsigned long long)declared);
			goto done;
		}
		if (b->read_len > b->lim.max_total_len) {
			rc = cap_failure(b, part);
			goto done;
		}
		if (XML_Parse(x.p, chunk, (int)n, last) != XML_STATUS_OK) {
			if (x.rc) {
				rc = x.rc;
			} else if (XML_GetErrorCode(x.p) ==
				   XML_ERROR_NO_MEMORY) {
				rc = sl_error_oom();
			} else {
				rc = sl_error_set(
					SL_EINVALID,
					"part '%s' is not well-formed XML at "
					"line %lu, column %lu (%s)",
					part,
					(unsigned long)XML_GetCurrentLineNumber(
						x.p),
					(unsigned long)XML_GetCurrentColumnNumber(
						x.p) +
						1,
					XML_ErrorString(XML_GetErrorCode(x.p)));
			}
			goto done;
		}
		if (x.rc) {
			rc = x.rc;
			goto done;
		}
		if (last)
			break;
	}
done:
	if (zf && zip_fclose(zf) != 0 && rc == 0)
		rc = sl_error_set(SL_EINVALID,
				  "part '%s' of the workbook is damaged "
				  "(checksum)",
				  part);
	XML_ParserFree(x.p);
	sl_buf_dispose(&x.text);
	return rc;
}

/* ---- part names ---- */

/* A relationship's target as a part name: relative to the source part's
 * folder unless it starts with '/', with "." and ".." resolved; a target
 * that climbs out of the archive is refused. new: *out */
static int resolve_target(char **out, const char *source, const char *target)
{
	sl_buf b = SL_BUF_INIT;
	const char *slash = strrchr(source, '/'), *p;
	*out = NULL;
	if (target[0] != '/' && slash)
		sl_buf_put(&b, source, (size_t)(slash - source));
	for (p = target; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && !memcmp(p, "..", 2)) {
			char *cut;
			if (!b.len) {
				sl_buf_dispose(&b);
				return sl_error_set(
					SL_EINVALID,
					"relationship target '%s' "
					"of '%s' leaves the archive",
					target, source);
			}
			cut = strrchr(b.ptr, '/');
			sl_buf_truncate(&b, cut ? (size_t)(cut - b.ptr) : 0);
		} else if (n && !(n == 1 && *p == '.')) {
			if (b.len)
				sl_buf_putc(&b, '/');
			sl_buf_put(&b, p, n);
		}
		p += n + (e ? 1 : 0);
	}
	if (sl_buf_oom(&b)) {
		sl_buf_dispose(&b);
		return sl_error_oom();
	}
	if (!b.len) {
		sl_buf_dispose(&b);
		return sl_error_set(SL_EINVALID,
				    "relationship target '%s' of '%s' names no "
				    "part",
				    target, source);
	}
	*out = sl_buf_detach(&b, NULL);
	return 0;
}

/* The relationships part of a part: "xl/workbook.xml" ->
 * "xl/_rels/workbook.xml.rels". new */
static char *rels_name(const char *part)
{
	sl_buf b = SL_BUF_INIT;
	const char *slash = strrchr(part, '/');
	if (slash)
		sl_buf_put(&b, part, (size_t)(slash + 1 - part));
	sl_buf_printf(&b, "_rels/%s.rels", slash ? slash + 1 : part);
	if (sl_buf_oom(&b)) {
		sl_buf_dispose(&b);
		return NULL;
	}
	return sl_buf_detach(&b, NULL);
}

/* An archive entry name a workbook may have: a relative path without
 * "..", backslashes or a drive. libzip shows a NUL in a name as a space,
 * and a part name never has a space (it would be %20), so both are
 * refused as one. */
static int check_entry_name(const char *name, zip_uint64_t i)
{
	const char *p;
	if (!name || !*name)
		return sl_error_set(SL_EINVALID,
				    "archive entry %llu has no name",
				    (unsigned long long)i);
	if (name[0] == '/' || strchr(name, '\\') || (name[0] && name[1] == ':'))
		return sl_error_set(SL_EINVALID,
				    "archive entry '%s' has an absolute path",
				    name);
	for (p = name; *p; p++)
		if ((unsigned char)*p <= ' ')
			return sl_error_set(SL_EINVALID,
					    "archive entry '%s' has a NUL, a "
					    "space or a control character in "
					    "its name",
					    name);
	for (p = name; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && !memcmp(p, "..", 2))
			return sl_error_set(SL_EINVALID,
					    "archive entry '%s' climbs out "
					    "with '..'",
					    name);
		p += n + (e ? 1 : 0);
	}
	return 0;
}

/* ---- relationships ---- */

typedef struct rels {
	const char *source; /* the part the targets are relative to */
	rel *items;
	size_t count, cap;
} rels;

static void rels_dispose(rels *r)
{
	size_t i;
	for (i = 0; i < r->count; i++) {
		sl_free(r->items[i].id);
		sl_free(r->items[i].type);
		sl_free(r->items[i].target);
	}
	sl_free(r->items);
}

static void rels_start(xml_ctx *x, const char *name, const char **attrs)
{
	rels *r = x->user;
	const char *id = sl_xlsx_read__attr(attrs, "Id", false),
		   *type = sl_xlsx_read__attr(attrs, "Type", false),
		   *target = sl_xlsx_read__attr(attrs, "Target", false),
		   *mode = sl_xlsx_read__attr(attrs, "TargetMode", false);
	rel *n;
	int rc;
	if (strcmp(name, "Relationship") || !id || !type || !target ||
	    (mode && !strcmp(mode, "External")))
		return;
	if (r->count == r->cap) {
		rel *grown =
			sl_array_grow(r->items, &r->cap, sizeof(*grown), 8);
		if (!grown) {
			sl_xlsx_read__fail(x, sl_error_oom());
			return;
		}
		r->items = grown;
	}
	n = &r->items[r->count];
	memset(n, 0, sizeof(*n));
	n->id = sl_strdup(id);
	n->type = sl_strdup(type);
	rc = resolve_target(&n->target, r->source, target);
	r->count++;
	if (rc == 0 && (!n->id || !n->type))
		rc = sl_error_oom();
	if (rc < 0)
		sl_xlsx_read__fail(x, rc);
}

/* The relationship whose Type ends with "/kind" (the transitional and
 * strict namespaces share the last segment). */
static const rel *rels_find(const rels *r, const char *kind)
{
	size_t i;
	for (i = 0; i < r->count; i++) {
		const char *slash = strrchr(r->items[i].type, '/');
		if (slash && !strcmp(slash + 1, kind))
			return &r->items[i];
	}
	return NULL;
}

/* The relationship whose Id is id. */
static const rel *rels_find_id(const rels *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->count; i++)
		if (!strcmp(r->items[i].id, id))
			return &r->items[i];
	return NULL;
}

static int rels_read(rels *out, sl_xlsx_book *b, const char *source,
		     bool required)
{
	char *name = rels_name(source);
	int rc = 0;
	out->source = source;
	if (!name)
		return sl_error_oom();
	if (part_exists(b, name))
		rc = sl_xlsx_read__parse_part(b, name, rels_start, NULL, out);
	else if (required)
		rc = sl_error_set(SL_EINVALID,
				  "the workbook has no part '%s' (not an "
				  "xlsx workbook?)",
				  name);
	sl_free(name);
	return rc;
}

/* ---- workbook.xml ---- */

typedef struct wb_ctx {
	sl_xlsx_book *b;
	const rels *rels;
} wb_ctx;

static void workbook_start(xml_ctx *x, const char *name, const char **attrs)
{
	wb_ctx *w = x->user;
	sl_xlsx_book *b = w->b;
	const char *sname, *rid;
	const rel *r;
	const char *slash;
	book_sheet *s;
	if (!strcmp(name, "workbookPr")) {
		const char *d = sl_xlsx_read__attr(attrs, "date1904", false);
		b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
		return;
	}
	if (strcmp(name, "sheet"))
		return;
	sname = sl_xlsx_read__attr(attrs, "name", false);
	rid = sl_xlsx_read__attr(attrs, "id", true);
	if (!sname || !rid) {
		sl_xlsx_read__fail(
			x, sl_error_set(SL_EINVALID,
					"a sheet in '%s' lacks its name or "
					"relationship id",
					x->part));
		return;
	}
	r = rels_find_id(w->rels, rid);
	if (!r) {
		sl_xlsx_read__fail(
			x, sl_error_set(SL_EINVALID,
					"sheet '%s' points to relationship "
					"'%s', which the workbook's "
					"relationships lack",
					sname, rid));
		return;
	}
	slash = strrchr(r->type, '/');
	if (!slash || strcmp(slash + 1, "worksheet"))
		return; /* a chart or dialog sheet: no cells */
	if (!part_exists(b, r->target)) {
		sl_xlsx_read__fail(x,
				   sl_error_set(SL_EINVALID,
						"the workbook has no part '%s' "
						"(sheet '%s')",
						r->target, sname));
		return;
	}
	if (b->sheet_count == b->sheet_cap) {
		book_sheet *g =
			sl_array_grow(b->sheets, &b->sheet_cap, sizeof(*g), 8);
		if (!g) {
			sl_xlsx_read__fail(x, sl_error_oom());
			return;
		}
		b->sheets = g;
	}
	s = &b->sheets[b->sheet_count++];
	s->name = sl_strdup(sname);
	s->part = sl_strdup(r->target);
	if (!s->name || !s->part)
		sl_xlsx_read__fail(x, sl_error_oom());
}

/* ---- sharedStrings.xml ---- */

typedef struct sst_ctx {
	sl_xlsx_book *b;
	unsigned phonetic; /* inside <rPh>: a reading, not the text */
	bool in_si;
	bool struck; /* the run's <rPr> has <strike/>: deleted words */
} sst_ctx;

bool sl_xlsx_read__flag(const char **attrs)
{
	const char *v = sl_xlsx_read__attr(attrs, "val", false);
	return !v || !(!strcmp(v, "0") || !strcmp(v, "false"));
}

static void sst_start(xml_ctx *x, const char *name, const char **attrs)
{
	sst_ctx *s = x->user;
	if (!strcmp(name, "si")) {
		s->in_si = true;
		s->struck = false;
		sl_buf_clear(&x->text);
	} else if (!strcmp(name, "rPh")) {
		s->phonetic++;
	} else if (!strcmp(name, "r")) {
		s->struck = false;
	} else if (!strcmp(name, "strike")) {
		s->struck = sl_xlsx_read__flag(attrs);
	} else if (!strcmp(name, "t") && s->in_si && !s->phonetic &&
		   !s->struck) {
		x->collect = true;
	}
}

/* Excel writes characters XML cannot hold as _xHHHH_ (a carriage return
 * is _x000D_); decode them in place. @return the new length */
size_t sl_xlsx_read__decode_escapes(char *s, size_t len)
{
	size_t r = 0, w = 0;
	while (r < len) {
		unsigned v = 0;
		size_t k;
		bool ok = r + 7 <= len && s[r] == '_' && s[r + 1] == 'x' &&
			  s[r + 6] == '_';
		for (k = 2; ok && k < 6; k++) {
			char c = s[r + k];
			int d = c >= '0' && c <= '9'   ? c - '0'
				: c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10
						       : -1;
			ok = d >= 0;
			v = v * 16 + (unsigned)(d < 0 ? 0 : d);
		}
		if (!ok || v == 0 || (v >= 0xD800 && v <= 0xDFFF)) {
			s[w++] = s[r++];
			continue;
		}
		if (v < 0x80) {
			s[w++] = (char)v;
		} else if (v < 0x800) {
			s[w++] = (char)(0xC0 | (v >> 6));
			s[w++] = (char)(0x80 | (v & 0x3F));
		} else {
			s[w++] = (char)(0xE0 | (v >> 12));
			s[w++] = (char)(0x80 | ((v >> 6) & 0x3F));
			s[w++] = (char)(0x80 | (v & 0x3F));
		}
		r += 7;
	}
	s[w] = '\0';
	return w;
}

static void sst_end(xml_ctx *x, const char *name)
{
	sst_ctx *s = x->user;
	sl_xlsx_book *b = s->b;
	char *text;
	if (!strcmp(name, "t")) {
		x->collect = false;
	} else if (!strcmp(name, "rPh")) {
		s->phonetic -= s->phonetic ? 1 : 0;
	} else if (!strcmp(name, "si") && s->in_si) {
		s->in_si = false;
		if (b->string_count == b->string_cap) {
			size_t cap = b->string_cap;
			char **g =
				sl_array_grow(b->strings, &cap, sizeof(*g), 64);
			size_t *gl;
			if (!g) {
				sl_xlsx_read__fail(x, sl_error_oom());
				return;
			}
			b->strings = g;
			gl = sl_reallocarray(b->string_lens, cap, sizeof(*gl));
			if (!gl) {
				sl_xlsx_read__fail(x, sl_error_oom());
				return;
			}
			b->string_lens = gl;
			b->string_cap = cap;
		}
		text = sl_strndup(x->text.ptr ? x->text.ptr : "", x->text.len);
		if (!text) {
			sl_xlsx_read__fail(x, sl_error_oom());
			return;
		}
		b->string_lens[b->string_count] =
			sl_xlsx_read__decode_escapes(text, x->text.len);
		b->strings[b->string_count++] = text;
		sl_buf_clear(&x->text);
	}
}

/* ---- styles.xml ---- */

typedef struct styles_ctx {
	sl_xlsx_book *b;
	bool in_cellxfs, in_fonts;
	unsigned *xf_fmt; /* owned: cellXfs index -> numFmtId */
	size_t xf_count, xf_cap;
	unsigned *xf_font; /* owned: cellXfs index -> fontId */
	size_t xf_font_count, xf_font_cap;
	unsigned *font_strike; /* owned: fonts index -> 1 if struck */
	size_t font_count, font_cap;
	unsigned *date_fmts; /* owned: custom numFmtIds that show dates */
	size_t date_count, date_cap;
} styles_ctx;

/* Whether a number format code shows a date or time: a y, m, d, h or s
 * outside quotes, brackets and escapes ("General" aside). */
static bool format_is_date(const char *code)
{
	const char *p;
	for (p = code; *p; p++) {
		char c = *p;
		if (c == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				return false;
		} else if (c == '[') {
			/* [h] [mm] [ss]: elapsed time; [$-411] [Red]: not */
			char k = p[1];
			if (k == 'h' || k == 'H' || k == 'm' || k == 'M' ||
			    k == 's' || k == 'S')
				return true;
			p = strchr(p, ']');
			if (!p)
				return false;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (!*++p)
				return false;
		} else if (!strncasecmp(p, "general", 7)) {
			p += 6;
		} else if (strchr("ymdhsYMDHS", c)) {
			return true;
		}
	}
	return false;
}

/* Excel's built-in date and time formats, Japanese ones included. */
static bool builtin_is_date(unsigned id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static bool push_unsigned(unsigned **v, size_t *n, size_t *cap, unsigned x)
{
	if (*n == *cap) {
		unsigned *g = sl_array_grow(*v, cap, sizeof(*g), 16);
		if (!g)
			return false;
		*v = g;
	}
	(*v)[(*n)++] = x;
	return true;
}

unsigned sl_xlsx_read__uint(const char *s)
{
	unsigned long v = s ? strtoul(s, NULL, 10) : 0;
	return v > 0xFFFFFFu ? 0xFFFFFFu : (unsigned)v;
}

static void styles_start(xml_ctx *x, const char *name, const char **attrs)
{
	styles_ctx *s = x->user;
	bool ok = true;
	if (!strcmp(name, "cellXfs")) {
		s->in_cellxfs = true;
	} else if (!strcmp(name, "fonts")) {
		s->in_fonts = true;
	} else if (!strcmp(name, "font") && s->in_fonts) {
		ok = push_unsigned(&s->font_strike, &s->font_count,
				   &s->font_cap, 0);
	} else if (!strcmp(name, "strike") && s->in_fonts && s->font_count) {
		s->font_strike[s->font_count - 1] = sl_xlsx_read__flag(attrs);
	} else if (!strcmp(name, "numFmt")) {
		const char *code =
			sl_xlsx_read__attr(attrs, "formatCode", false);
		if (code && format_is_date(code))
			ok = push_unsigned(
				&s->date_fmts, &s->date_count, &s->date_cap,
				sl_xlsx_read__uint(sl_xlsx_read__attr(
					attrs, "numFmtId", false)));
	} else if (!strcmp(name, "xf") && s->in_cellxfs) {
		ok = push_unsigned(&s->xf_fmt, &s->xf_count, &s->xf_cap,
				   sl_xlsx_read__uint(sl_xlsx_read__attr(
					   attrs, "numFmtId", false))) &&
		     push_unsigned(&s->xf_font, &s->xf_font_count,
				   &s->xf_font_cap,
				   sl_xlsx_read__uint(sl_xlsx_read__attr(
					   attrs, "fontId", false)));
	}
	if (!ok)
		sl_xlsx_read__fail(x, sl_error_oom());
}

static void styles_end(xml_ctx *x, const char *name)
{
	styles_ctx *s = x->user;
	if (!strcmp(name, "cellXfs"))
		s->in_cellxfs = false;
	else if (!strcmp(name, "fonts"))
		s->in_fonts = false;
}

static int read_styles(sl_xlsx_book *b, const char *part)
{
	styles_ctx s;
	size_t i, k;
	int rc;
	memset(&s, 0, sizeof(s));
	s.b = b;
	rc = sl_xlsx_read__parse_part(b, part, styles_start, styles_end, &s);
	if (rc == 0 && s.xf_count) {
		b->xf_date = sl_calloc(s.xf_count, sizeof(*b->xf_date));
		b->xf_struck = sl_calloc(s.xf_count, sizeof(*b->xf_struck));
		if (!b->xf_date || !b->xf_struck)
			rc = sl_error_oom();
	}
	for (i = 0; rc == 0 && i < s.xf_count; i++) {
		bool date = builtin_is_date(s.xf_fmt[i]);
		for (k = 0; !date && k < s.date_count; k++)
			date = s.date_fmts[k] == s.xf_fmt[i];
		b->xf_date[i] = date;
		b->xf_struck[i] = i < s.xf_font_count &&
				  s.xf_font[i] < s.font_count &&
				  s.font_strike[s.xf_font[i]];
	}
	if (rc == 0)
		b->xf_count = s.xf_count;
	sl_free(s.xf_fmt);
	sl_free(s.xf_font);
	sl_free(s.font_strike);
	sl_free(s.date_fmts);
	return rc;
}

/* ---- the book ---- */

static int open_archive(sl_xlsx_book *b, const void *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_int64_t n;
	zip_uint64_t i;
	int zerr = 0;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return sl_error_oom();
	}
	b->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!b->za) {
		zerr = zip_error_code_zip(&ze);
		zip_source_free(src);
		zip_error_fini(&ze);
		if (zerr == ZIP_ER_MEMORY)
			return sl_error_oom();
		return sl_error_set(
			SL_EINVALID, "%s",
			zerr == ZIP_ER_NOZIP
				? "not an xlsx workbook: not a zip archive, or "
				  "a truncated one (a workbook saved with a "
				  "password is not a zip archive either)"
			: zerr == ZIP_ER_INCONS
				? "the workbook's archive is inconsistent or "
				  "truncated"
				: "the workbook's archive cannot be opened");
	}
	zip_error_fini(&ze);
	n = zip_get_num_entries(b->za, 0);
	if (n < 0 || (zip_uint64_t)n > b->lim.max_entries)
		return sl_error_set(SL_EINVALID,
				    "the workbook's archive has %lld entries, "
				    "over the cap of %zu",
				    (long long)n, b->lim.max_entries);
	for (i = 0; i < (zip_uint64_t)n; i++) {
		int rc = check_entry_name(
			zip_get_name(b->za, i, ZIP_FL_ENC_RAW), i);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int sl_xlsx_book_open(sl_xlsx_book **out, const void *data, size_t len,
		      const sl_xlsx_limits *lim)
{
	static const sl_xlsx_limits defaults = SL_XLSX_LIMITS_INIT;
	sl_xlsx_book *b = sl_calloc(1, sizeof(*b));
	rels root = {0}, wbr = {0};
	const rel *r;
	char *wb_part = NULL;
	wb_ctx w;
	int rc;

	*out = NULL;
	if (!b)
		return sl_error_oom();
	b->lim = lim ? *lim : defaults;
	if (len > b->lim.max_archive_len) {
		rc = sl_error_set(SL_EINVALID,
				  "the workbook is %zu bytes, over the cap of "
				  "%zu MiB",
				  len, b->lim.max_archive_len >> 20);
		goto done;
	}
	rc = open_archive(b, data, len);
	/* The workbook part is what the package's relationships name, and
	 * xl/workbook.xml where they are missing. */
	if (rc == 0)
		rc = rels_read(&root, b, "", false);
	if (rc == 0) {
		r = rels_find(&root, "officeDocument");
		wb_part = sl_strdup(r ? r->target : "xl/workbook.xml");
		if (!wb_part)
			rc = sl_error_oom();
	}
	if (rc == 0 && !part_exists(b, wb_part))
		rc = sl_error_set(SL_EINVALID,
				  "the workbook has no part '%s' (not an xlsx "
				  "workbook?)",
				  wb_part);
	if (rc == 0)
		rc = rels_read(&wbr, b, wb_part, true);
	if (rc == 0 && (r = rels_find(&wbr, "sharedStrings"))) {
		sst_ctx s = {b, 0, false, false};
		rc = sl_xlsx_read__parse_part(b, r->target, sst_start, sst_end,
					      &s);
	}
	if (rc == 0 && (r = rels_find(&wbr, "styles")))
		rc = read_styles(b, r->target);
	if (rc == 0) {
		w.b = b;
		w.rels = &wbr;
		rc = sl_xlsx_read__parse_part(b, wb_part, workbook_start, NULL,
					      &w);
	}
done:
	rels_dispose(&root);
	rels_dispose(&wbr);
	sl_free(wb_part);
	if (rc < 0) {
		sl_xlsx_book_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

void sl_xlsx_book_free(sl_xlsx_book *b)
{
	size_t i;
	if (!b)
		return;
	if (b->za)
		zip_discard(b->za); /* also frees the source */
	for (i = 0; i < b->sheet_count; i++) {
		sl_free(b->sheets[i].name);
		sl_free(b->sheets[i].part);
	}
	sl_free(b->sheets);
	for (i = 0; i < b->string_count; i++)
		sl_free(b->strings[i]);
	sl_free(b->strings);
	sl_free(b->string_lens);
	sl_free(b->xf_date);
	sl_free(b->xf_struck);
	sl_free(b);
}

size_t sl_xlsx_book_sheet_count(const sl_xlsx_book *b)
{
	return b->sheet_count;
}

const char *sl_xlsx_book_sheet_name(const sl_xlsx_book *b, size_t i)
{
	return i < b->sheet_count ? b->sheets[i].name : NULL;
}
