/* xlsx_sheet.c: one worksheet of an xlsx into a grid: cells by reference,
 * shared and inline strings, merged ranges filled from their top-left cell. */
#include "xlsx_read.h"
#include "../util/alloc.h"
#include <stdlib.h>
#include <string.h>

/* ---- cell references ---- */

/* "B3" (or "B3" followed by ':' when range) into a 0-based column and a
 * 1-based row; *end after it. */
static bool parse_ref(const char *s, int *col, int *row, const char **end)
{
	int c = 0, nl = 0;
	for (; *s >= 'A' && *s <= 'Z' && nl < 3; s++, nl++)
		c = c * 26 + (*s - 'A' + 1);
	if (nl == 0 || c > XLSX_MAX_COLS)
		return false;
	long r = 0;
	int nd = 0;
	for (; *s >= '0' && *s <= '9' && nd < 8; s++, nd++)
		r = r * 10 + (*s - '0');
	if (nd == 0 || r < 1 || r > GRID_MAX_ROWS)
		return false;
	*col = c - 1;
	*row = (int)r;
	*end = s;
	return true;
}

/* Column letters for a 0-based column, for messages. */
static const char *col_name(int col, char out[4])
{
	char tmp[4];
	int n = 0;
	for (col++; col > 0 && n < 3; col = (col - 1) / 26)
		tmp[n++] = (char)('A' + (col - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
	return out;
}

/* ---- a worksheet ---- */

struct sparse_cell {
	int row, col; /* 0-based */
	bool number;
	char *text;   /* owned, not empty */
};

struct merge {
	int r1, c1, r2, c2; /* 0-based, inclusive */
};

enum ctype { T_NUM, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERR, T_OTHER };

struct ws_ctx {
	struct xml_ctx x;
	struct xlsx *book;
	const struct sst *sst;
	size_t budget; /* cells this sheet may still use */
	bool in_data;  /* inside <sheetData> */
	int row;       /* current row, 1-based; 0 before the first */
	int next_col;  /* column of a cell without r, 0-based */
	/* the cell being read */
	bool in_cell, in_v, in_is, in_t, has_value;
	int phonetic;
	int crow, ccol;
	enum ctype type;
	struct buf text;
	/* results */
	struct sparse_cell *cells;
	size_t n, cap;
	struct merge *merges;
	size_t nm, capm;
	int nrows, ncols; /* extent of the cells with text */
};

static enum ctype cell_type(const char *t)
{
	static const struct {
		const char *name;
		enum ctype type;
	} types[] = {{"n", T_NUM},     {"s", T_SHARED}, {"inlineStr", T_INLINE},
		     {"str", T_STR},   {"b", T_BOOL},   {"e", T_ERR}};
	if (!t)
		return T_NUM;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].type;
	return T_OTHER; /* "d" (ISO 8601 text) and anything newer: as text */
}

static void row_start(struct ws_ctx *c, const char **atts)
{
	const char *r = xml_attr(atts, "r", false);
	long n = c->row + 1;
	if (r) {
		char *end;
		n = strtol(r, &end, 10);
		if (end == r || *end || n < 1) {
			char q[24];
			xml_fail(&c->x, "bad row number \"%s\"", xml_clip(r, q, sizeof q));
			return;
		}
	}
	if (n > GRID_MAX_ROWS) {
		xml_fail(&c->x, "more than %d rows", GRID_MAX_ROWS);
		return;
	}
	c->row = (int)n;
	c->next_col = 0;
}

static void cell_start(struct ws_ctx *c, const char **atts)
{
	const char *r = xml_attr(atts, "r", false), *end;
	if (c->row == 0)
		c->row = 1;
	c->crow = c->row;
	c->ccol = c->next_col;
	if (r && (!parse_ref(r, &c->ccol, &c->crow, &end) || *end)) {
		char q[24];
		xml_fail(&c->x, "bad cell reference \"%s\"", xml_clip(r, q, sizeof q));
		return;
	}
	if (!r && c->ccol >= XLSX_MAX_COLS) {
		xml_fail(&c->x, "more than %d columns in row %d", XLSX_MAX_COLS, c->row);
		return;
	}
	c->next_col = c->ccol + 1;
	c->type = cell_type(xml_attr(atts, "t", false));
	c->in_cell = true;
	c->has_value = c->in_v = c->in_is = c->in_t = false;
	c->phonetic = 0;
	buf_reset(&c->text);
}

static void merge_add(struct ws_ctx *c, const char *ref)
{
	struct merge m;
	const char *end;
	if (!ref || !parse_ref(ref, &m.c1, &m.r1, &end) || *end != ':' ||
	    !parse_ref(end + 1, &m.c2, &m.r2, &end) || *end) {
		char q[32];
		xml_fail(&c->x, "bad merged range \"%s\"", xml_clip(ref ? ref : "", q, sizeof q));
		return;
	}
	if (c->nm >= GRID_MAX_CELLS) {
		xml_fail(&c->x, "more than %d merged ranges", GRID_MAX_CELLS);
		return;
	}
	m.r1--, m.r2--;
	if (m.r1 > m.r2) {
		int t = m.r1;
		m.r1 = m.r2, m.r2 = t;
	}
	if (m.c1 > m.c2) {
		int t = m.c1;
		m.c1 = m.c2, m.c2 = t;
	}
	if (c->nm == c->capm) {
		c->capm = c->capm ? c->capm * 2 : 16;
		c->merges = xrealloc(c->merges, c->capm * sizeof *c->merges);
	}
	c->merges[c->nm++] = m;
}

static void XMLCALL ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ws_ctx *c = ud;
	const char *n = xml_local(name);
	if (c->in_cell) {
		if (strcmp(n, "v") == 0)
			c->in_v = c->has_value = true;
		else if (strcmp(n, "is") == 0)
			c->in_is = true;
		else if (strcmp(n, "rPh") == 0)
			c->phonetic++;
		else if (strcmp(n, "t") == 0 && c->in_is && !c->phonetic)
			c->in_t = c->has_value = true;
	} else if (strcmp(n, "sheetData") == 0) {
		c->in_data = true;
	} else if (c->in_data && strcmp(n, "row") == 0) {
		row_start(c, atts);
	} else if (c->in_data && strcmp(n, "c") == 0) {
		cell_start(c, atts);
	} else if (strcmp(n, "mergeCell") == 0) {
		merge_add(c, xml_attr(atts, "ref", false));
	}
}

/* The cell's text by its type, in c->text; false on a broken value. */
static bool cell_value(struct ws_ctx *c)
{
	struct buf *b = &c->text;
	switch (c->type) {
	case T_SHARED: {
		char *end;
		unsigned long i = strtoul(buf_str(b), &end, 10);
		if (b->len == 0 || *end || i >= c->sst->n) {
			char q[24];
			xml_fail(&c->x, "no shared string \"%s\"", xml_clip(buf_str(b), q, sizeof q));
			return false;
		}
		buf_reset(b);
		buf_puts(b, sst_get(c->sst, i));
		return true;
	}
	case T_BOOL:
		if (strcmp(buf_str(b), "1") == 0 || strcmp(buf_str(b), "0") == 0) {
			bool v = b->p[0] == '1';
			buf_reset(b);
			buf_puts(b, v ? "TRUE" : "FALSE");
		}
		return true;
	case T_INLINE:
	case T_STR:
	case T_OTHER:
		ooxml_unescape(b);
		return true;
	case T_NUM:
	case T_ERR:
		return true;
	}
	return true;
}

static void cell_end(struct ws_ctx *c)
{
	char col[4];
	c->in_cell = false;
	if (!c->has_value || !cell_value(c) || c->text.len == 0)
		return;
	if (c->ccol >= GRID_MAX_COLS) {
		xml_fail(&c->x, "cell %s%d is beyond the limit of %d columns",
			 col_name(c->ccol, col), c->crow, GRID_MAX_COLS);
		return;
	}
	if (c->n >= c->budget) {
		xml_fail(&c->x, "more than %d cells", GRID_MAX_CELLS);
		return;
	}
	if (c->text.len > XLSX_MAX_TEXT - c->book->text) {
		xml_fail(&c->x, "more than %u MB of text", XLSX_MAX_TEXT >> 20);
		return;
	}
	c->book->text += c->text.len;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->cells = xrealloc(c->cells, c->cap * sizeof *c->cells);
	}
	c->cells[c->n++] = (struct sparse_cell){
		.row = c->crow - 1,
		.col = c->ccol,
		.number = c->type == T_NUM,
		.text = xstrndup(c->text.p, c->text.len),
	};
	if (c->crow > c->nrows)
		c->nrows = c->crow;
	if (c->ccol + 1 > c->ncols)
		c->ncols = c->ccol + 1;
}

static void XMLCALL ws_end(void *ud, const XML_Char *name)
{
	struct ws_ctx *c = ud;
	const char *n = xml_local(name);
	if (!c->in_cell) {
		if (strcmp(n, "sheetData") == 0)
			c->in_data = false;
	} else if (strcmp(n, "c") == 0) {
		cell_end(c);
	} else if (strcmp(n, "v") == 0) {
		c->in_v = false;
	} else if (strcmp(n, "t") == 0) {
		c->in_t = false;
	} else if (strcmp(n, "is") == 0) {
		c->in_is = false;
	} else if (strcmp(n, "rPh") == 0) {
		c->phonetic--;
	}
}

static void XMLCALL ws_text(void *ud, const XML_Char *s, int n)
{
	struct ws_ctx *c = ud;
	if (c->in_v || c->in_t)
		xml_add_text(&c->x, &c->text, s, n);
}

static void ws_free(struct ws_ctx *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->cells[i].text);
	free(c->cells);
	free(c->merges);
	buf_free(&c->text);
}

/* ---- from the parsed sheet to a grid ---- */

/* Give every cell of each merged range (clipped to the grid) the text of
 * its top-left cell. Ranges may not overlap, so their areas add up to at
 * most the grid's: more means a hostile file. */
static qd_err fill_merges(struct xlsx *x, const struct ws_ctx *c, struct grid *g,
			  const char *name)
{
	char sn[64];
	size_t area = 0, total = (size_t)g->nrows * (size_t)g->ncols;
	for (size_t i = 0; i < c->nm; i++) {
		const struct merge *m = &c->merges[i];
		if (m->r1 >= g->nrows || m->c1 >= g->ncols)
			continue;
		int r2 = m->r2 < g->nrows ? m->r2 : g->nrows - 1;
		int c2 = m->c2 < g->ncols ? m->c2 : g->ncols - 1;
		size_t n = (size_t)(r2 - m->r1 + 1) * (size_t)(c2 - m->c1 + 1);
		area += n;
		if (area > total)
			return qd_fail(x->e, QD_BAD_FILE, NULL, "sheet %s: overlapping merged ranges",
				       xml_clip(name, sn, sizeof sn));
		const struct gcell *top = &g->cells[(size_t)m->r1 * (size_t)g->ncols + (size_t)m->c1];
		size_t len = top->text ? strlen(top->text) : 0;
		if (len && n - 1 > (XLSX_MAX_TEXT - x->text) / len)
			return qd_fail(x->e, QD_BAD_FILE, NULL, "sheet %s: more than %u MB of text",
				       xml_clip(name, sn, sizeof sn), XLSX_MAX_TEXT >> 20);
		x->text += len * (n - 1);
		for (int r = m->r1; r <= r2; r++)
			for (int col = m->c1; col <= c2; col++) {
				struct gcell *to = &g->cells[(size_t)r * (size_t)g->ncols + (size_t)col];
				if (to == top)
					continue;
				free(to->text);
				to->text = xstrdup(top->text ? top->text : "");
				to->number = top->number;
			}
	}
	return QD_OK;
}

static qd_err build_sheet(struct xlsx *x, struct ws_ctx *c, const char *name, struct grid *g)
{
	char sn[64];
	size_t total = (size_t)c->nrows * (size_t)c->ncols;
	if (total > GRID_MAX_CELLS - x->cells)
		return qd_fail(x->e, QD_BAD_FILE, NULL,
			       "sheet %s: %d rows of %d columns: more than %d cells in the file",
			       xml_clip(name, sn, sizeof sn), c->nrows, c->ncols, GRID_MAX_CELLS);
	x->cells += total;
	g->name = xstrdup(name);
	g->nrows = c->nrows;
	g->ncols = c->ncols;
	g->cells = xcalloc(total, sizeof *g->cells);
	for (size_t i = 0; i < c->n; i++) {
		struct sparse_cell *s = &c->cells[i];
		struct gcell *to = &g->cells[(size_t)s->row * (size_t)g->ncols + (size_t)s->col];
		free(to->text); /* a cell given twice: the last wins */
		to->text = s->text;
		to->number = s->number;
		s->text = NULL;
	}
	return fill_merges(x, c, g, name); /* cells left NULL are empty */
}

qd_err xlsx_read_sheet(struct xlsx *x, const struct sst *sst, const char *path,
			 const char *name, struct grid *g)
{
	static const struct handlers h = {ws_start, ws_end, ws_text};
	struct ws_ctx c = {.book = x, .sst = sst, .budget = GRID_MAX_CELLS - x->cells};
	qd_err r = xml_parse_entry(x, path, &h, &c.x);
	if (r == QD_OK)
		r = build_sheet(x, &c, name, g);
	ws_free(&c);
	return r;
}
