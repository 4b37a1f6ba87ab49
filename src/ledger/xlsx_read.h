/* xlsx_read.h: the parts of the xlsx reader (xlsx_read.c), internal to
 * src/ledger: XML entries streamed out of the zip (xlsx_xml.c) and one
 * worksheet into a grid (xlsx_sheet.c). */
#ifndef QD_LEDGER_XLSX_READ_H
#define QD_LEDGER_XLSX_READ_H
#include "grid.h"
#include "../util/buf.h"
#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

#define XLSX_MAX_UNZIPPED (200u << 20) /* bytes inflated, all entries together */
#define XLSX_MAX_SHEETS 256
#define XLSX_MAX_COLS 16384 /* XFD */
/* Bytes of cell text in all grids: shared strings and merged ranges copy
 * text, so a small file could otherwise ask for a great deal. */
#define XLSX_MAX_TEXT (128u << 20)

/* One file being read. */
struct xlsx {
	zip_t *za;
	size_t unzipped; /* bytes inflated so far */
	size_t cells;    /* grid cells handed out so far */
	size_t text;     /* bytes of cell text handed out so far */
	struct qd_error *e;
};

/* What every handler's user data starts with. */
struct xml_ctx {
	XML_Parser p;
	const char *path;
	bool failed; /* a handler has set the error */
	struct qd_error *e;
};

struct handlers {
	XML_StartElementHandler start;
	XML_EndElementHandler end;
	XML_CharacterDataHandler text;
};

/* Parse the XML entry at path with h, c being the handlers' user data;
 * QD_BAD_FILE when it is missing, too big or broken. DTDs are refused. */
qd_err xml_parse_entry(struct xlsx *x, const char *path, const struct handlers *h,
		       struct xml_ctx *c);
/* Stop the parse with QD_BAD_FILE "path: message" (the first one counts). */
void xml_fail(struct xml_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The local part of a namespace-qualified element or attribute name. */
const char *xml_local(const char *name);
bool xml_is(const char *name, const char *want);
/* The attribute with local name want: in some namespace when ns (r:id),
 * in none otherwise; NULL when absent. */
const char *xml_attr(const char **atts, const char *want, bool ns);
/* Append character data to a cell's text, failing past GRID_MAX_CELL. */
void xml_add_text(struct xml_ctx *c, struct buf *b, const char *s, int n);
/* Decode Excel's "_xHHHH_" escapes in place. */
void ooxml_unescape(struct buf *b);
/* s cut to fewer than n bytes on a character boundary (for error details,
 * which must stay valid UTF-8); returns out. */
const char *xml_clip(const char *s, char *out, size_t n);

/* Shared strings: all in one pool, NUL-separated; off[i] is where string i
 * starts. */
struct sst {
	struct buf pool;
	size_t *off;
	size_t n, cap;
};

static inline const char *sst_get(const struct sst *s, size_t i)
{
	return buf_str(&s->pool) + s->off[i];
}

/* The worksheet at path into g, named name. */
qd_err xlsx_read_sheet(struct xlsx *x, const struct sst *sst, const char *path,
		       const char *name, struct grid *g);

#endif
