/* xlsx_read.c: an xlsx workbook into grids of text cells (libzip, expat):
 * the workbook's sheets in order, their relationships, the shared strings,
 * then each worksheet (xlsx_sheet.c).
 *
 * Hostile files are expected: every zip entry is inflated in chunks under a
 * budget for the whole file, XML with a DTD is refused, and the cells of all
 * sheets together stay under GRID_MAX_CELLS, counted after merged ranges
 * and padding are applied. */
#include "xlsx_read.h"
#include "../util/alloc.h"
#include <stdlib.h>
#include <string.h>

#define XLSX_MAX_RELS 4096

/* ---- xl/_rels/workbook.xml.rels ---- */

struct rel {
	char *id, *target; /* target as a path in the zip */
	bool worksheet, shared_strings;
};

struct rels_ctx {
	struct xml_ctx x;
	struct rel *v;
	int n, cap;
};

/* The zip path of a relationship target: relative to xl/ unless it starts
 * with "/"; "." and ".." segments resolved. NULL when it leaves the root. */
static char *resolve_target(const char *target)
{
	struct buf b = BUF_INIT;
	if (target[0] != '/')
		buf_puts(&b, "xl/");
	const char *s = target;
	while (*s) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			char *cut = b.len ? memrchr(b.p, '/', b.len - 1) : NULL;
			if (!b.len) {
				buf_free(&b);
				return NULL;
			}
			b.len = cut ? (size_t)(cut - b.p) + 1 : 0;
			b.p[b.len] = '\0';
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			buf_append(&b, s, n);
			if (s[n] == '/')
				buf_putc(&b, '/');
		}
		s += n;
		if (*s == '/')
			s++;
	}
	return buf_steal(&b);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels_ctx *c = ud;
	if (!xml_is(name, "Relationship"))
		return;
	const char *id = xml_attr(atts, "Id", false), *target = xml_attr(atts, "Target", false);
	const char *type = xml_attr(atts, "Type", false), *mode = xml_attr(atts, "TargetMode", false);
	if (!id || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (c->n == XLSX_MAX_RELS) {
		xml_fail(&c->x, "more than %d relationships", XLSX_MAX_RELS);
		return;
	}
	char *path = resolve_target(target);
	if (!path)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
	}
	c->v[c->n++] = (struct rel){
		.id = xstrdup(id),
		.target = path,
		.worksheet = type && ends_with(type, "/worksheet"),
		.shared_strings = type && ends_with(type, "/sharedStrings"),
	};
}

static void XMLCALL ignore_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

static void XMLCALL ignore_text(void *ud, const XML_Char *s, int n)
{
	(void)ud, (void)s, (void)n;
}

static void rels_free(struct rels_ctx *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].target);
	}
	free(c->v);
}

static const struct rel *rel_find(const struct rels_ctx *c, const char *id)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->v[i].id, id) == 0)
			return &c->v[i];
	return NULL;
}

/* ---- xl/workbook.xml ---- */

struct sheet_ref {
	char *name, *rid;
};

struct wb_ctx {
	struct xml_ctx x;
	struct sheet_ref *v;
	int n;
};

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_ctx *c = ud;
	if (!xml_is(name, "sheet"))
		return;
	const char *sname = xml_attr(atts, "name", false), *rid = xml_attr(atts, "id", true);
	if (!sname || !rid) {
		xml_fail(&c->x, "a sheet without a name or r:id");
		return;
	}
	if (c->n == XLSX_MAX_SHEETS) {
		xml_fail(&c->x, "more than %d sheets", XLSX_MAX_SHEETS);
		return;
	}
	if (!c->v)
		c->v = xcalloc(XLSX_MAX_SHEETS, sizeof *c->v);
	c->v[c->n++] = (struct sheet_ref){xstrdup(sname), xstrdup(rid)};
}

static void wb_free(struct wb_ctx *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].rid);
	}
	free(c->v);
}

/* ---- shared strings ---- */

struct sst_ctx {
	struct xml_ctx x;
	struct sst *sst;
	bool in_si, in_t;
	int phonetic; /* depth of <rPh>, whose text is not part of the string */
	struct buf cur;
};

static void sst_push(struct sst_ctx *c)
{
	struct sst *s = c->sst;
	if (s->n >= GRID_MAX_CELLS) {
		xml_fail(&c->x, "more than %d shared strings", GRID_MAX_CELLS);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->off = xrealloc(s->off, s->cap * sizeof *s->off);
	}
	ooxml_unescape(&c->cur);
	s->off[s->n++] = s->pool.len;
	buf_append(&s->pool, buf_str(&c->cur), c->cur.len + 1);
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sst_ctx *c = ud;
	(void)atts;
	if (xml_is(name, "si")) {
		c->in_si = true;
		c->phonetic = 0;
		buf_reset(&c->cur);
	} else if (xml_is(name, "rPh")) {
		c->phonetic++;
	} else if (xml_is(name, "t") && c->in_si && !c->phonetic) {
		c->in_t = true;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct sst_ctx *c = ud;
	if (xml_is(name, "t")) {
		c->in_t = false;
	} else if (xml_is(name, "rPh")) {
		c->phonetic--;
	} else if (xml_is(name, "si") && c->in_si) {
		c->in_si = false;
		sst_push(c);
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int n)
{
	struct sst_ctx *c = ud;
	if (c->in_t)
		xml_add_text(&c->x, &c->cur, s, n);
}

static void sst_free(struct sst *s)
{
	buf_free(&s->pool);
	free(s->off);
}

/* ---- the workbook ---- */

static qd_err read_rels(struct xlsx *x, struct rels_ctx *rels)
{
	static const struct handlers h = {rels_start, ignore_end, ignore_text};
	return xml_parse_entry(x, "xl/_rels/workbook.xml.rels", &h, &rels->x);
}

static qd_err read_workbook(struct xlsx *x, struct wb_ctx *wb)
{
	static const struct handlers h = {wb_start, ignore_end, ignore_text};
	qd_err r = xml_parse_entry(x, "xl/workbook.xml", &h, &wb->x);
	if (r == QD_OK && wb->n == 0)
		r = qd_fail(x->e, QD_BAD_FILE, NULL, "xl/workbook.xml lists no sheets");
	return r;
}

/* Shared strings, at the target the relationships give (or the usual
 * place); a workbook without any is fine. */
static qd_err read_sst(struct xlsx *x, const struct rels_ctx *rels, struct sst *sst)
{
	static const struct handlers h = {sst_start, sst_end, sst_text};
	const char *path = "xl/sharedStrings.xml";
	for (int i = 0; i < rels->n; i++)
		if (rels->v[i].shared_strings)
			path = rels->v[i].target;
	if (zip_name_locate(x->za, path, 0) < 0)
		return QD_OK;
	struct sst_ctx c = {.sst = sst};
	qd_err r = xml_parse_entry(x, path, &h, &c.x);
	buf_free(&c.cur);
	return r;
}

static qd_err read_sheets(struct xlsx *x, const struct wb_ctx *wb, const struct rels_ctx *rels,
			  const struct sst *sst, struct grid_book *out)
{
	char sn[64], id[24];
	out->sheets = xcalloc((size_t)wb->n, sizeof *out->sheets);
	for (int i = 0; i < wb->n; i++) {
		const struct rel *rel = rel_find(rels, wb->v[i].rid);
		if (!rel)
			return qd_fail(x->e, QD_BAD_FILE, NULL, "sheet %s: no relationship %s",
				       xml_clip(wb->v[i].name, sn, sizeof sn),
				       xml_clip(wb->v[i].rid, id, sizeof id));
		if (!rel->worksheet)
			continue; /* a chart sheet */
		qd_err r = xlsx_read_sheet(x, sst, rel->target, wb->v[i].name, &out->sheets[out->n]);
		out->n++; /* a failed sheet is half built: grid_free copes */
		if (r != QD_OK)
			return r;
	}
	if (out->n == 0)
		return qd_fail(x->e, QD_BAD_FILE, NULL, "no worksheets");
	return QD_OK;
}

static qd_err read_book(struct xlsx *x, struct grid_book *out)
{
	struct wb_ctx wb = {0};
	struct rels_ctx rels = {0};
	struct sst sst = {0};
	qd_err r = read_workbook(x, &wb);
	if (r == QD_OK)
		r = read_rels(x, &rels);
	if (r == QD_OK)
		r = read_sst(x, &rels, &sst);
	if (r == QD_OK)
		r = read_sheets(x, &wb, &rels, &sst, out);
	sst_free(&sst);
	rels_free(&rels);
	wb_free(&wb);
	return r;
}

/* The zip, from memory: data must outlive it. */
static qd_err open_zip(const void *data, size_t len, zip_t **za, struct qd_error *e)
{
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
	/* No ZIP_CHECKCONS: it refuses archives some producers write and
	 * other readers open; the limits in xlsx_xml.c are what keeps us safe. */
	*za = src ? zip_open_from_source(src, ZIP_RDONLY, &zerr) : NULL;
	if (!*za)
		zip_source_free(src);
	zip_error_fini(&zerr);
	if (*za)
		return QD_OK;
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return qd_fail(e, QD_BAD_FILE, NULL,
			       "an old .xls or a password-protected workbook: save it as .xlsx");
	return qd_fail(e, QD_BAD_FILE, NULL, "not an xlsx file (zip)");
}

qd_err xlsx_read(const void *data, size_t len, struct grid_book *out, struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	if (len == 0)
		return qd_fail(e, QD_BAD_FILE, NULL, "empty file");
	struct xlsx x = {.e = e};
	qd_err r = open_zip(data, len, &x.za, e);
	if (r != QD_OK)
		return r;
	r = read_book(&x, out);
	zip_discard(x.za);
	if (r != QD_OK)
		grid_book_free(out);
	return r;
}
