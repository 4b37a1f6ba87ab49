/* csv_read.c: a CSV file (RFC 4180, leniently) into a grid of text cells. */
#include "grid.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include <stdlib.h>
#include <string.h>

/* Records as read: every field in one list, and where each record ends. */
struct records {
	char **cells;
	size_t ncells, capcells;
	size_t *ends; /* ends[r]: index in cells after record r */
	int nrows, caprows;
	int maxcols;
};

struct csv {
	const char *s;
	size_t n, i;
	char delim;
	int line; /* physical line at s[i], from 1 */
	struct buf field;
	struct records rec;
	struct qd_error *e;
};

/* Comma, unless the first line (outside quotes) has more tabs or more
 * semicolons. */
static char sniff_delim(const char *s, size_t n)
{
	size_t comma = 0, tab = 0, semi = 0;
	bool quoted = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\r' || c == '\n')
			break;
		else if (c == ',')
			comma++;
		else if (c == '\t')
			tab++;
		else if (c == ';')
			semi++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma && semi > tab)
		return ';';
	return ',';
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]))
			return false;
	return true;
}

static void records_free(struct records *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->ends);
	memset(r, 0, sizeof *r);
}

static void push_cell(struct records *r, char *text)
{
	if (r->ncells == r->capcells) {
		r->capcells = r->capcells ? r->capcells * 2 : 256;
		r->cells = xrealloc(r->cells, r->capcells * sizeof *r->cells);
	}
	r->cells[r->ncells++] = text;
}

static void end_record(struct records *r, int ncols)
{
	if (r->nrows == r->caprows) {
		r->caprows = r->caprows ? r->caprows * 2 : 64;
		r->ends = xrealloc(r->ends, (size_t)r->caprows * sizeof *r->ends);
	}
	r->ends[r->nrows++] = r->ncells;
	if (ncols > r->maxcols)
		r->maxcols = ncols;
}

/* Append c to the field, minding the cell limit. */
static bool put(struct csv *p, char c, int start_line)
{
	if (p->field.len >= GRID_MAX_CELL) {
		qd_fail(p->e, QD_BAD_FILE, NULL, "line %d: a cell longer than %d bytes", start_line,
			GRID_MAX_CELL);
		return false;
	}
	buf_putc(&p->field, c);
	return true;
}

/* Consume a line end at s[i] if there is one ("\r\n", "\n" or "\r"). */
static bool line_end(struct csv *p)
{
	if (p->i >= p->n || (p->s[p->i] != '\r' && p->s[p->i] != '\n'))
		return false;
	if (p->s[p->i] == '\r' && p->i + 1 < p->n && p->s[p->i + 1] == '\n')
		p->i++;
	p->i++;
	p->line++;
	return true;
}

/* The quoted part of a field, s[i] being the opening quote. */
static bool quoted_part(struct csv *p, int start_line)
{
	p->i++;
	for (;;) {
		if (p->i >= p->n) {
			qd_fail(p->e, QD_BAD_FILE, NULL, "line %d: unterminated quote", start_line);
			return false;
		}
		char c = p->s[p->i];
		if (c == '"') {
			if (p->i + 1 < p->n && p->s[p->i + 1] == '"') {
				if (!put(p, '"', start_line))
					return false;
				p->i += 2;
				continue;
			}
			p->i++;
			return true;
		}
		/* Line breaks stay as the file has them; count lines. */
		if (c == '\n' || (c == '\r' && (p->i + 1 >= p->n || p->s[p->i + 1] != '\n')))
			p->line++;
		if (!put(p, c, start_line))
			return false;
		p->i++;
	}
}

/* One field into p->field; *last tells whether it ended its record. */
static bool read_field(struct csv *p, bool *last)
{
	int start_line = p->line;
	buf_reset(&p->field);
	if (p->i < p->n && p->s[p->i] == '"' && !quoted_part(p, start_line))
		return false;
	/* Unquoted text, or text after a closing quote, taken literally. */
	while (p->i < p->n) {
		char c = p->s[p->i];
		if (c == p->delim) {
			p->i++;
			*last = false;
			return true;
		}
		if (line_end(p))
			break;
		if (!put(p, c, start_line))
			return false;
		p->i++;
	}
	*last = true;
	return true;
}

static bool read_record(struct csv *p)
{
	int start_line = p->line, ncols = 0;
	bool last = false;
	while (!last) {
		if (!read_field(p, &last))
			return false;
		if (++ncols > GRID_MAX_COLS) {
			qd_fail(p->e, QD_BAD_FILE, NULL, "line %d: more than %d columns", start_line,
				GRID_MAX_COLS);
			return false;
		}
		if (p->rec.ncells >= GRID_MAX_CELLS) {
			qd_fail(p->e, QD_BAD_FILE, NULL, "more than %d cells", GRID_MAX_CELLS);
			return false;
		}
		push_cell(&p->rec, xstrndup(buf_str(&p->field), p->field.len));
	}
	if (p->rec.nrows >= GRID_MAX_ROWS) {
		qd_fail(p->e, QD_BAD_FILE, NULL, "more than %d rows", GRID_MAX_ROWS);
		return false;
	}
	end_record(&p->rec, ncols);
	return true;
}

/* Blank lines at the end of the file are not records. */
static void drop_trailing_blank(struct records *r)
{
	while (r->nrows > 0) {
		size_t start = r->nrows > 1 ? r->ends[r->nrows - 2] : 0;
		if (r->ends[r->nrows - 1] - start != 1 || r->cells[start][0] != '\0')
			break;
		free(r->cells[start]);
		r->ncells = start;
		r->nrows--;
	}
}

/* Move the records into a grid, padding short rows with empty cells. */
static void build_grid(struct records *r, struct grid *g)
{
	g->name = xstrdup("");
	g->nrows = r->nrows;
	g->ncols = r->maxcols;
	g->cells = xcalloc((size_t)g->nrows * (size_t)g->ncols, sizeof *g->cells);
	size_t k = 0;
	for (int row = 0; row < r->nrows; row++) {
		struct gcell *out = g->cells + (size_t)row * (size_t)g->ncols;
		int col = 0;
		for (; k < r->ends[row]; k++, col++)
			out[col].text = r->cells[k]; /* the rest stay NULL: empty */
	}
	r->ncells = 0; /* the texts belong to the grid now */
	records_free(r);
}

static qd_err parse(struct csv *p, struct grid *out)
{
	if (blank(p->s, p->n))
		return qd_fail(p->e, QD_BAD_FILE, NULL, "empty file");
	p->delim = sniff_delim(p->s, p->n);
	while (p->i < p->n)
		if (!read_record(p))
			return QD_BAD_FILE; /* detail set by read_record */
	drop_trailing_blank(&p->rec);
	if (p->rec.nrows == 0) /* e.g. one quoted empty field */
		return qd_fail(p->e, QD_BAD_FILE, NULL, "empty file");
	if ((size_t)p->rec.nrows * (size_t)p->rec.maxcols > GRID_MAX_CELLS)
		return qd_fail(p->e, QD_BAD_FILE, NULL, "%d rows of %d columns: more than %d cells",
			       p->rec.nrows, p->rec.maxcols, GRID_MAX_CELLS);
	build_grid(&p->rec, out);
	return QD_OK;
}

qd_err csv_read(const char *data, size_t len, struct grid *out, const char **charset,
		struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	char *text;
	size_t n;
	const char *cs;
	qd_err r = charset_to_utf8(data, len, &text, &n, &cs, e);
	if (charset)
		*charset = cs;
	if (r != QD_OK)
		return r;
	struct csv p = {.s = text, .n = n, .line = 1, .e = e};
	r = parse(&p, out);
	records_free(&p.rec);
	buf_free(&p.field);
	free(text);
	return r;
}
