/* xlsx_xml.c: XML entries of an xlsx, inflated from the zip in chunks
 * under the file's budget and fed to expat. */
#include "xlsx_read.h"
#include "../util/alloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_CHUNK 65536
#define NS_SEP '|'

/* A copy of s cut to fewer than n bytes on a character boundary, for the
 * detail of an error (which must stay valid UTF-8). */
const char *xml_clip(const char *s, char *out, size_t n)
{
	size_t len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

void xml_fail(struct xml_ctx *c, const char *fmt, ...)
{
	if (c->failed)
		return;
	char msg[160], path[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	qd_fail(c->e, QD_BAD_FILE, NULL, "%s: %s", xml_clip(c->path, path, sizeof path), msg);
	c->failed = true;
	XML_StopParser(c->p, XML_FALSE);
}

/* The local part of an expat namespace-qualified name. */
const char *xml_local(const char *name)
{
	const char *sep = strrchr(name, NS_SEP);
	return sep ? sep + 1 : name;
}

bool xml_is(const char *name, const char *want)
{
	return strcmp(xml_local(name), want) == 0;
}

/* The value of the attribute with local name want, in some namespace when
 * ns (r:id), else in none; NULL when absent. */
const char *xml_attr(const char **atts, const char *want, bool ns)
{
	for (int i = 0; atts[i]; i += 2)
		if (xml_is(atts[i], want) && !strchr(atts[i], NS_SEP) == !ns)
			return atts[i + 1];
	return NULL;
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	xml_fail(ud, "a DTD is not allowed");
}

/* Inflate chunks of an open entry into the parser. */
static qd_err feed(struct xlsx *x, zip_file_t *zf, struct xml_ctx *c)
{
	char *chunk = xmalloc(XLSX_CHUNK);
	char path[64];
	qd_err r = QD_OK;
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, XLSX_CHUNK);
		if (n < 0) {
			r = qd_fail(x->e, QD_BAD_FILE, NULL, "%s: damaged zip entry",
				    xml_clip(c->path, path, sizeof path));
			break;
		}
		x->unzipped += (size_t)n;
		if (x->unzipped > XLSX_MAX_UNZIPPED) {
			r = qd_fail(x->e, QD_BAD_FILE, NULL, "more than %u MB when unpacked",
				    XLSX_MAX_UNZIPPED >> 20);
			break;
		}
		if (XML_Parse(c->p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			if (!c->failed)
				r = qd_fail(x->e, QD_BAD_FILE, NULL, "%s: XML error at line %lu: %s",
					    xml_clip(c->path, path, sizeof path),
					    (unsigned long)XML_GetCurrentLineNumber(c->p),
					    XML_ErrorString(XML_GetErrorCode(c->p)));
			else
				r = QD_BAD_FILE;
			break;
		}
		if (n == 0)
			break;
	}
	free(chunk);
	return r;
}

/* Open the entry at path, checking its declared size against the budget. */
static qd_err open_entry(struct xlsx *x, const char *path, zip_file_t **zf)
{
	char p[64];
	*zf = NULL;
	zip_int64_t idx = zip_name_locate(x->za, path, 0);
	zip_stat_t st;
	if (idx < 0 || zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) != 0)
		return qd_fail(x->e, QD_BAD_FILE, NULL, "%s missing", xml_clip(path, p, sizeof p));
	if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_UNZIPPED - x->unzipped)
		return qd_fail(x->e, QD_BAD_FILE, NULL, "more than %u MB when unpacked",
			       XLSX_MAX_UNZIPPED >> 20);
	*zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (!*zf)
		return qd_fail(x->e, QD_BAD_FILE, NULL, "%s: cannot unpack (encrypted?)",
			       xml_clip(path, p, sizeof p));
	return QD_OK;
}

/* Parse the XML entry at path with handlers h; c is the handlers' user
 * data. */
qd_err xml_parse_entry(struct xlsx *x, const char *path, const struct handlers *h,
			  struct xml_ctx *c)
{
	zip_file_t *zf;
	qd_err r = open_entry(x, path, &zf);
	if (r != QD_OK)
		return r;
	c->p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!c->p) {
		zip_fclose(zf);
		return qd_fail(x->e, QD_INTERNAL, NULL, "cannot create an XML parser");
	}
	c->path = path;
	c->e = x->e;
	c->failed = false;
	XML_SetUserData(c->p, c);
	XML_SetElementHandler(c->p, h->start, h->end);
	XML_SetCharacterDataHandler(c->p, h->text);
	XML_SetStartDoctypeDeclHandler(c->p, no_doctype);
	r = feed(x, zf, c);
	XML_ParserFree(c->p);
	c->p = NULL;
	zip_fclose(zf);
	return r;
}

/* ---- text ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code point of an OOXML escape "_xHHHH_" at s, or -1. */
static long ooxml_escape(const char *s, size_t left)
{
	if (left < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long cp = 0;
	for (int i = 2; i < 6; i++) {
		int v = hexval(s[i]);
		if (v < 0)
			return -1;
		cp = cp * 16 + v;
	}
	return cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) ? -1 : cp;
}

/* Decode "_xHHHH_" escapes (Excel's way to store control characters and a
 * literal "_x") in place; the text only gets shorter. */
void ooxml_unescape(struct buf *b)
{
	size_t w = 0;
	for (size_t i = 0; i < b->len;) {
		long cp = ooxml_escape(b->p + i, b->len - i);
		if (cp < 0) {
			b->p[w++] = b->p[i++];
			continue;
		}
		if (cp < 0x80) {
			b->p[w++] = (char)cp;
		} else if (cp < 0x800) {
			b->p[w++] = (char)(0xc0 | (cp >> 6));
			b->p[w++] = (char)(0x80 | (cp & 0x3f));
		} else {
			b->p[w++] = (char)(0xe0 | (cp >> 12));
			b->p[w++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			b->p[w++] = (char)(0x80 | (cp & 0x3f));
		}
		i += 7;
	}
	b->len = w;
	if (b->p)
		b->p[w] = '\0';
}

/* Append character data to a cell's text, minding the cell limit. */
void xml_add_text(struct xml_ctx *c, struct buf *b, const char *s, int n)
{
	if (b->len + (size_t)n > GRID_MAX_CELL) {
		xml_fail(c, "a cell longer than %d bytes", GRID_MAX_CELL);
		return;
	}
	buf_append(b, s, (size_t)n);
}
