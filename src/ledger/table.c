/* table.c: typed tables to write, and their CSV form (RFC 4180). */
#include "table.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, const char *name, const struct table_col *cols, int ncols)
{
	memset(t, 0, sizeof *t);
	t->name = name;
	t->cols = cols;
	t->ncols = ncols > 0 ? ncols : 0;
}

struct tcell *table_add_row(struct table *t)
{
	if (t->nrows == t->caprows) {
		int cap = t->caprows ? t->caprows * 2 : 16;
		t->cells = xrealloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof *t->cells);
		t->caprows = cap;
	}
	struct tcell *row = t->cells + (size_t)t->nrows * (size_t)t->ncols;
	for (int c = 0; c < t->ncols; c++)
		row[c] = (struct tcell){.k = CK_EMPTY, .day = DAY_NONE};
	t->nrows++;
	return row;
}

/* Back to empty, releasing any text. */
static void tcell_clear(struct tcell *c)
{
	free(c->s);
	*c = (struct tcell){.k = CK_EMPTY, .day = DAY_NONE};
}

void tcell_text(struct tcell *c, const char *s)
{
	tcell_clear(c);
	if (s && *s) {
		c->k = CK_TEXT;
		c->s = xstrdup(s);
	}
}

void tcell_int(struct tcell *c, int64_t v)
{
	tcell_clear(c);
	c->k = CK_INT;
	c->i = v;
}

void tcell_num(struct tcell *c, double v)
{
	tcell_clear(c);
	c->k = CK_NUM;
	c->d = v;
}

void tcell_date(struct tcell *c, int day)
{
	tcell_clear(c);
	if (day != DAY_NONE) {
		c->k = CK_DATE;
		c->day = day;
	}
}

const struct tcell *table_cell(const struct table *t, int row, int col)
{
	if (row < 0 || col < 0 || row >= t->nrows || col >= t->ncols)
		return NULL;
	return &t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
}

void table_free(struct table *t)
{
	size_t n = (size_t)t->nrows * (size_t)t->ncols;
	for (size_t i = 0; i < n; i++)
		free(t->cells[i].s);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->caprows = 0;
}

bool csv_text_is_formula(const char *s)
{
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

bool ledger_text_guarded(const char *s, bool csv)
{
	return *s == '\'' || (csv && csv_text_is_formula(s));
}

const char *ledger_text_unguard(const char *s)
{
	return *s == '\'' && (s[1] == '\'' || csv_text_is_formula(s + 1)) ? s + 1 : s;
}

/* One field, quoted when it holds a comma, quote, CR or LF. */
static void csv_field(struct buf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

/* A cell's CSV text; empty cells and non-finite numbers write nothing. */
static void csv_cell(struct buf *out, const struct tcell *c)
{
	char day[DAY_TEXT_LEN];
	switch (c->k) {
	case CK_TEXT:
		if (c->s && ledger_text_guarded(c->s, true)) {
			/* Text from the public must not run as a formula when
			 * Excel opens the file (CSV injection): a leading
			 * apostrophe keeps it text; the importer removes it
			 * (and text with an apostrophe of its own gets one
			 * more, so that it keeps it). */
			struct buf q = BUF_INIT;
			buf_putc(&q, '\'');
			buf_puts(&q, c->s);
			csv_field(out, buf_str(&q));
			buf_free(&q);
		} else {
			csv_field(out, c->s ? c->s : "");
		}
		break;
	case CK_INT:
		buf_printf(out, "%lld", (long long)c->i);
		break;
	case CK_NUM:
		if (isfinite(c->d)) /* no "-0.00" */
			buf_printf(out, "%.2f", fabs(c->d) < 0.005 ? 0.0 : c->d);
		break;
	case CK_DATE:
		if (c->day != DAY_NONE) {
			day_format(c->day, day);
			buf_puts(out, day);
		}
		break;
	case CK_EMPTY:
		break;
	}
}

void csv_write(const struct table *t, bool bom, struct buf *out)
{
	if (bom)
		buf_append(out, "\xEF\xBB\xBF", 3);
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			buf_putc(out, ',');
		csv_field(out, t->cols[c].header ? t->cols[c].header : "");
	}
	buf_puts(out, "\r\n");
	for (int r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				buf_putc(out, ',');
			csv_cell(out, table_cell(t, r, c));
		}
		buf_puts(out, "\r\n");
	}
}
