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
 *                              <mergeCell ref=>
 */
#include "xlsx_read.h"

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

#define XLSX_MAX_ROW 1048576u /* Excel's grid */
#define XLSX_MAX_COL 16384u   /* XFD */
#define XLSX_CHUNK 16384

typedef struct rel {
	char *id, *type, *target; /* owned; target resolved to a part name */
} rel;

typedef struct book_sheet {
	char *name, *part; /* owned */
} book_sheet;

struct sl_xlsx_book {
	zip_t *za;
	sl_xlsx_limits lim;
	size_t read_len; /* uncompressed bytes read so far, every part */
	book_sheet *sheets;
	size_t sheet_count, sheet_cap;
	char **strings; /* owned: the shared strings */
	size_t *string_lens;
	size_t string_count, string_cap;
	bool *xf_date; /* owned: cellXfs index -> shows a date */
	size_t xf_count;
	bool date1904;
};

/* ---- XML plumbing ---- */

typedef struct xml_ctx xml_ctx;
typedef void (*xml_start_fn)(xml_ctx *x, const char *name, const char **attrs);
typedef void (*xml_end_fn)(xml_ctx *x, const char *name);

struct xml_ctx {
	XML_Parser p;
	const char *part;
	int rc;       /* the first failure; the parser is then stopped */
	bool collect; /* character data goes to text */
	sl_buf text;
	xml_start_fn start;
	xml_end_fn end;
	void *user;
};

/* The local part of a namespaced name ("uri|local"). */
static const char *local_name(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

/* The value of attribute local (in no namespace, or with ns in any
 * namespace), or NULL. */
static const char *attr(const char **attrs, const char *local, bool ns)
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
static void xml_fail(xml_ctx *x, int rc)
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
		xml_fail(x, sl_error_oom());
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
	xml_fail(x, sl_error_set(SL_EINVALID,
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
static int parse_part(sl_xlsx_book *b, const char *part, xml_start_fn start,
		      xml_end_fn end, void *user)
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
	const char *id = attr(attrs, "Id", false),
		   *type = attr(attrs, "Type", false),
		   *target = attr(attrs, "Target", false),
		   *mode = attr(attrs, "TargetMode", false);
	rel *n;
	int rc;
	if (strcmp(name, "Relationship") || !id || !type || !target ||
	    (mode && !strcmp(mode, "External")))
		return;
	if (r->count == r->cap) {
		rel *grown =
			sl_array_grow(r->items, &r->cap, sizeof(*grown), 8);
		if (!grown) {
			xml_fail(x, sl_error_oom());
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
		xml_fail(x, rc);
}

/* The relationship whose Type ends with "/kind" (the transitional and
 * strict namespaces share the last segment), or the one with id. */
static const rel *rels_find(const rels *r, const char *kind, const char *id)
{
	size_t i;
	for (i = 0; i < r->count; i++) {
		const char *slash = strrchr(r->items[i].type, '/');
		if (id ? !strcmp(r->items[i].id, id)
		       : slash && !strcmp(slash + 1, kind))
			return &r->items[i];
	}
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
		rc = parse_part(b, name, rels_start, NULL, out);
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
		const char *d = attr(attrs, "date1904", false);
		b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
		return;
	}
	if (strcmp(name, "sheet"))
		return;
	sname = attr(attrs, "name", false);
	rid = attr(attrs, "id", true);
	if (!sname || !rid) {
		xml_fail(x, sl_error_set(SL_EINVALID,
					 "a sheet in '%s' lacks its name or "
					 "relationship id",
					 x->part));
		return;
	}
	r = rels_find(w->rels, NULL, rid);
	if (!r) {
		xml_fail(x, sl_error_set(SL_EINVALID,
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
		xml_fail(x, sl_error_set(SL_EINVALID,
					 "the workbook has no part '%s' "
					 "(sheet '%s')",
					 r->target, sname));
		return;
	}
	if (b->sheet_count == b->sheet_cap) {
		book_sheet *g =
			sl_array_grow(b->sheets, &b->sheet_cap, sizeof(*g), 8);
		if (!g) {
			xml_fail(x, sl_error_oom());
			return;
		}
		b->sheets = g;
	}
	s = &b->sheets[b->sheet_count++];
	s->name = sl_strdup(sname);
	s->part = sl_strdup(r->target);
	if (!s->name || !s->part)
		xml_fail(x, sl_error_oom());
}

/* ---- sharedStrings.xml ---- */

typedef struct sst_ctx {
	sl_xlsx_book *b;
	unsigned phonetic; /* inside <rPh>: a reading, not the text */
	bool in_si;
} sst_ctx;

static void sst_start(xml_ctx *x, const char *name, const char **attrs)
{
	sst_ctx *s = x->user;
	(void)attrs;
	if (!strcmp(name, "si")) {
		s->in_si = true;
		sl_buf_clear(&x->text);
	} else if (!strcmp(name, "rPh")) {
		s->phonetic++;
	} else if (!strcmp(name, "t") && s->in_si && !s->phonetic) {
		x->collect = true;
	}
}

/* Excel writes characters XML cannot hold as _xHHHH_ (a carriage return
 * is _x000D_); decode them in place. @return the new length */
static size_t decode_escapes(char *s, size_t len)
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
				xml_fail(x, sl_error_oom());
				return;
			}
			b->strings = g;
			gl = sl_reallocarray(b->string_lens, cap, sizeof(*gl));
			if (!gl) {
				xml_fail(x, sl_error_oom());
				return;
			}
			b->string_lens = gl;
			b->string_cap = cap;
		}
		text = sl_strndup(x->text.ptr ? x->text.ptr : "", x->text.len);
		if (!text) {
			xml_fail(x, sl_error_oom());
			return;
		}
		b->string_lens[b->string_count] =
			decode_escapes(text, x->text.len);
		b->strings[b->string_count++] = text;
		sl_buf_clear(&x->text);
	}
}

/* ---- styles.xml ---- */

typedef struct styles_ctx {
	sl_xlsx_book *b;
	bool in_cellxfs;
	unsigned *xf_fmt; /* owned: cellXfs index -> numFmtId */
	size_t xf_count, xf_cap;
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

static unsigned parse_uint(const char *s)
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
	} else if (!strcmp(name, "numFmt")) {
		const char *code = attr(attrs, "formatCode", false);
		if (code && format_is_date(code))
			ok = push_unsigned(
				&s->date_fmts, &s->date_count, &s->date_cap,
				parse_uint(attr(attrs, "numFmtId", false)));
	} else if (!strcmp(name, "xf") && s->in_cellxfs) {
		ok = push_unsigned(&s->xf_fmt, &s->xf_count, &s->xf_cap,
				   parse_uint(attr(attrs, "numFmtId", false)));
	}
	if (!ok)
		xml_fail(x, sl_error_oom());
}

static void styles_end(xml_ctx *x, const char *name)
{
	styles_ctx *s = x->user;
	if (!strcmp(name, "cellXfs"))
		s->in_cellxfs = false;
}

static int read_styles(sl_xlsx_book *b, const char *part)
{
	styles_ctx s;
	size_t i, k;
	int rc;
	memset(&s, 0, sizeof(s));
	s.b = b;
	rc = parse_part(b, part, styles_start, styles_end, &s);
	if (rc == 0 && s.xf_count) {
		b->xf_date = sl_calloc(s.xf_count, sizeof(*b->xf_date));
		if (!b->xf_date)
			rc = sl_error_oom();
	}
	for (i = 0; rc == 0 && i < s.xf_count; i++) {
		bool date = builtin_is_date(s.xf_fmt[i]);
		for (k = 0; !date && k < s.date_count; k++)
			date = s.date_fmts[k] == s.xf_fmt[i];
		b->xf_date[i] = date;
	}
	if (rc == 0)
		b->xf_count = s.xf_count;
	sl_free(s.xf_fmt);
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
		r = rels_find(&root, "officeDocument", NULL);
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
	if (rc == 0 && (r = rels_find(&wbr, "sharedStrings", NULL))) {
		sst_ctx s = {b, 0, false};
		rc = parse_part(b, r->target, sst_start, sst_end, &s);
	}
	if (rc == 0 && (r = rels_find(&wbr, "styles", NULL)))
		rc = read_styles(b, r->target);
	if (rc == 0) {
		w.b = b;
		w.rels = &wbr;
		rc = parse_part(b, wb_part, workbook_start, NULL, &w);
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

/* ---- worksheets ---- */

typedef struct ws_ctx {
	sl_xlsx_book *b;
	const char *name; /* the worksheet's */
	sl_xlsx_sheet *sheet;
	size_t row_cap, merge_cap, cells, rows_seen;
	sl_xlsx_row cur; /* the row being read */
	size_t cur_cap;
	unsigned last_row, last_col;
	/* the cell being read */
	bool in_cell, in_is, in_v;
	unsigned phonetic;
	unsigned col, style;
	char type[12];
} ws_ctx;

/* "C5" -> col 3, row 5; either part may be absent ("C", "5" are not
 * valid cell references, but a range's corners are parsed the same way).
 * @return false when out of Excel's grid or malformed */
static bool parse_ref(const char *s, unsigned *col, unsigned *row)
{
	unsigned long c = 0, r = 0;
	size_t letters = 0, digits = 0;
	while (*s == '$')
		s++;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
		if (++letters > 3)
			return false;
		c = c * 26 + (unsigned long)((*s | 0x20) - 'a' + 1);
	}
	while (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 7)
			return false;
		r = r * 10 + (unsigned long)(*s - '0');
	}
	if (*s || c > XLSX_MAX_COL || r > XLSX_MAX_ROW || (letters && !c) ||
	    (digits && !r))
		return false;
	*col = (unsigned)c;
	*row = (unsigned)r;
	return letters || digits;
}

static int ws_error(ws_ctx *w, const char *what)
{
	return sl_error_set(SL_EINVALID, "sheet '%s': %s", w->name, what);
}

static void ws_row_start(xml_ctx *x, ws_ctx *w, const char **attrs)
{
	const char *r = attr(attrs, "r", false);
	unsigned col = 0, row = w->last_row + 1;
	if (++w->rows_seen > w->b->lim.max_rows) {
		sl_error_set(SL_EINVALID,
			     "sheet '%s' has more than %zu rows (the cap)",
			     w->name, w->b->lim.max_rows);
		xml_fail(x, SL_EINVALID);
		return;
	}
	if (r && (!parse_ref(r, &col, &row) || col || !row)) {
		xml_fail(x, ws_error(w, "a row number is out of the grid"));
		return;
	}
	if (row <= w->last_row || row > XLSX_MAX_ROW) {
		xml_fail(x, ws_error(w, "rows are out of order"));
		return;
	}
	w->cur.row = row;
	w->cur.count = 0;
	w->last_row = row;
	w->last_col = 0;
}

static void ws_cell_start(xml_ctx *x, ws_ctx *w, const char **attrs)
{
	const char *r = attr(attrs, "r", false), *t = attr(attrs, "t", false);
	unsigned col = w->last_col + 1, row = w->cur.row;
	if (r && (!parse_ref(r, &col, &row) || !col)) {
		xml_fail(x, ws_error(w, "a cell reference is out of the grid"));
		return;
	}
	if (col <= w->last_col || col > XLSX_MAX_COL) {
		xml_fail(x, ws_error(w, "cells are out of order"));
		return;
	}
	w->last_col = col;
	w->col = col;
	w->style = parse_uint(attr(attrs, "s", false));
	snprintf(w->type, sizeof(w->type), "%s", t ? t : "n");
	w->in_cell = true;
	sl_buf_clear(&x->text);
}

static void ws_merge(xml_ctx *x, ws_ctx *w, const char **attrs)
{
	const char *ref = attr(attrs, "ref", false), *colon;
	sl_xlsx_sheet *s = w->sheet;
	sl_xlsx_range m;
	char first[16];
	if (!ref || !(colon = strchr(ref, ':')) ||
	    (size_t)(colon - ref) >= sizeof(first))
		return;
	memcpy(first, ref, (size_t)(colon - ref));
	first[colon - ref] = '\0';
	if (!parse_ref(first, &m.col1, &m.row1) ||
	    !parse_ref(colon + 1, &m.col2, &m.row2) || !m.col1 || !m.row1 ||
	    m.col2 < m.col1 || m.row2 < m.row1)
		return; /* whole rows or columns: nothing to fill */
	if (s->merge_count == w->merge_cap) {
		sl_xlsx_range *g =
			sl_array_grow(s->merges, &w->merge_cap, sizeof(*g), 8);
		if (!g) {
			xml_fail(x, sl_error_oom());
			return;
		}
		s->merges = g;
	}
	s->merges[s->merge_count++] = m;
}

static void ws_start(xml_ctx *x, const char *name, const char **attrs)
{
	ws_ctx *w = x->user;
	if (!strcmp(name, "row"))
		ws_row_start(x, w, attrs);
	else if (!strcmp(name, "c"))
		ws_cell_start(x, w, attrs);
	else if (!w->in_cell && !strcmp(name, "mergeCell"))
		ws_merge(x, w, attrs);
	else if (!w->in_cell)
		return;
	else if (!strcmp(name, "v"))
		x->collect = w->in_v = true;
	else if (!strcmp(name, "is"))
		w->in_is = true;
	else if (!strcmp(name, "rPh"))
		w->phonetic++;
	else if (!strcmp(name, "t") && w->in_is && !w->phonetic)
		x->collect = true;
}

/* Days since 1970-01-01 -> y-m-d (Howard Hinnant's civil_from_days). */
static void civil(long z, long *y, unsigned *m, unsigned *d)
{
	long era, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* A serial date as ISO 8601: 1900 system with Lotus's 1900-02-29 (serial
 * 60), or the 1904 system. @return false when out of Excel's range */
static bool format_date(sl_buf *out, double v, bool date1904)
{
	long days, y, secs;
	unsigned m, d;
	if (!(v >= 0 && v < 2958466))
		return false;
	days = (long)floor(v);
	secs = lround((v - (double)days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (!date1904 && days == 60) {
		sl_buf_puts(out, "1900-02-29");
	} else if (!date1904 && days == 0) {
		/* a time of day alone */
	} else {
		long epoch = date1904 ? -24107 : days < 60 ? -25568 : -25569;
		civil(days + epoch, &y, &m, &d);
		sl_buf_printf(out, "%04ld-%02u-%02u", y, m, d);
	}
	if (secs || (!date1904 && days == 0))
		sl_buf_printf(out, "%s%02ld:%02ld:%02ld", out->len ? " " : "",
			      secs / 3600, secs / 60 % 60, secs % 60);
	return true;
}

/* A number as a spreadsheet's General format shows it: integers without
 * ".0", else 15 significant digits (0.1+0.2 is 0.3). */
static void format_number(sl_buf *out, const char *v)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end || !isfinite(x))
		sl_buf_puts(out, v); /* not a number: as written */
	else if (x == floor(x) && fabs(x) < 1e15)
		sl_buf_printf(out, "%.0f", x == 0 ? 0.0 : x);
	else {
		size_t at = out->len, i;
		sl_buf_printf(out, "%.15g", x);
		for (i = at; !sl_buf_oom(out) && i < out->len; i++)
			if (out->ptr[i] == 'e')
				out->ptr[i] = 'E'; /* 1E+20, as Excel */
	}
}

/* The value of the cell just closed, into out; kind set. */
static int cell_value(ws_ctx *w, xml_ctx *x, sl_buf *out, sl_xlsx_kind *kind)
{
	const char *v = x->text.ptr ? x->text.ptr : "";
	const char *t = w->type;
	*kind = SL_XLSX_TEXT;
	if (!strcmp(t, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (!*v || *end || i >= w->b->string_count)
			return ws_error(w, "a cell names a shared string the "
					   "workbook lacks");
		sl_buf_put(out, w->b->strings[i], w->b->string_lens[i]);
	} else if (!strcmp(t, "inlineStr") || !strcmp(t, "str")) {
		sl_buf_put(out, v, x->text.len);
		out->len = out->len ? decode_escapes(out->ptr, out->len) : 0;
	} else if (!strcmp(t, "b")) {
		*kind = SL_XLSX_BOOL;
		if (*v)
			sl_buf_puts(out, strcmp(v, "0") ? "TRUE" : "FALSE");
	} else if (!strcmp(t, "e")) {
		*kind = SL_XLSX_ERROR;
		sl_buf_puts(out, v);
	} else if (!strcmp(t, "d")) {
		*kind = SL_XLSX_DATE;
		sl_buf_puts(out, v);
	} else if (*v) {
		bool date =
			w->style < w->b->xf_count && w->b->xf_date[w->style];
		*kind = SL_XLSX_NUMBER;
		if (date && format_date(out, strtod(v, NULL), w->b->date1904))
			*kind = SL_XLSX_DATE;
		else
			format_number(out, v);
	}
	return sl_buf_oom(out) ? sl_error_oom() : 0;
}

static void ws_cell_end(xml_ctx *x, ws_ctx *w)
{
	sl_buf val = SL_BUF_INIT;
	sl_xlsx_kind kind;
	sl_xlsx_cell *c;
	int rc = cell_value(w, x, &val, &kind);
	w->in_cell = w->in_is = w->in_v = false;
	w->phonetic = 0;
	x->collect = false;
	sl_buf_clear(&x->text);
	if (rc == 0 && !val.len)
		goto done; /* a styled blank */
	if (rc == 0 && ++w->cells > w->b->lim.max_cells)
		rc = sl_error_set(SL_EINVALID,
				  "sheet '%s' has more than %zu cells (the "
				  "cap)",
				  w->name, w->b->lim.max_cells);
	if (rc == 0 && w->cur.count == w->cur_cap) {
		sl_xlsx_cell *g =
			sl_array_grow(w->cur.cells, &w->cur_cap, sizeof(*g), 8);
		if (g)
			w->cur.cells = g;
		else
			rc = sl_error_oom();
	}
	if (rc == 0) {
		c = &w->cur.cells[w->cur.count++];
		c->len = val.len;
		c->text = sl_buf_detach(&val, NULL);
		c->col = w->col;
		c->kind = kind;
	}
done:
	sl_buf_dispose(&val);
	if (rc < 0)
		xml_fail(x, rc);
}

static void ws_row_end(xml_ctx *x, ws_ctx *w)
{
	sl_xlsx_sheet *s = w->sheet;
	if (!w->cur.count)
		return;
	if (s->count == w->row_cap) {
		sl_xlsx_row *g =
			sl_array_grow(s->rows, &w->row_cap, sizeof(*g), 16);
		if (!g) {
			xml_fail(x, sl_error_oom());
			return;
		}
		s->rows = g;
	}
	s->rows[s->count++] = w->cur;
	memset(&w->cur, 0, sizeof(w->cur));
	w->cur_cap = 0;
}

static void ws_end(xml_ctx *x, const char *name)
{
	ws_ctx *w = x->user;
	if (!strcmp(name, "c") && w->in_cell)
		ws_cell_end(x, w);
	else if (!strcmp(name, "row"))
		ws_row_end(x, w);
	else if (!strcmp(name, "v") || !strcmp(name, "t"))
		x->collect = false;
	else if (!strcmp(name, "rPh") && w->phonetic)
		w->phonetic--;
}

static void row_dispose(sl_xlsx_row *r)
{
	size_t i;
	for (i = 0; i < r->count; i++)
		sl_free(r->cells[i].text);
	sl_free(r->cells);
}

int sl_xlsx_book_read_sheet(sl_xlsx_sheet **out, sl_xlsx_book *b, size_t i)
{
	ws_ctx w;
	int rc;
	*out = NULL;
	if (i >= b->sheet_count)
		return sl_error_set(SL_ENOTFOUND, "no worksheet %zu", i);
	memset(&w, 0, sizeof(w));
	w.b = b;
	w.name = b->sheets[i].name;
	w.sheet = sl_calloc(1, sizeof(*w.sheet));
	if (!w.sheet)
		return sl_error_oom();
	rc = parse_part(b, b->sheets[i].part, ws_start, ws_end, &w);
	row_dispose(&w.cur);
	if (rc < 0) {
		sl_xlsx_sheet_free(w.sheet);
		return rc;
	}
	*out = w.sheet;
	return 0;
}

void sl_xlsx_sheet_free(sl_xlsx_sheet *s)
{
	size_t i;
	if (!s)
		return;
	for (i = 0; i < s->count; i++)
		row_dispose(&s->rows[i]);
	sl_free(s->rows);
	sl_free(s->merges);
	sl_free(s);
}

const sl_xlsx_cell *sl_xlsx_sheet_cell(const sl_xlsx_row *row, unsigned col)
{
	size_t lo = 0, hi = row->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (row->cells[mid].col == col)
			return &row->cells[mid];
		if (row->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void sl_xlsx_read_col_name(char *out, unsigned col)
{
	char tmp[4];
	size_t n = 0, i;
	while (col && n < sizeof(tmp)) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}
