/* table.h: a sheet to write - typed cells under a header row - and the
 * writers that turn it into a file (CSV, xlsx). Knows no SQL, no HTTP.
 *
 * A table owns its cells' strings; the column definitions are borrowed
 * (static column tables, see domain/ledger.h). */
#ifndef QD_LEDGER_TABLE_H
#define QD_LEDGER_TABLE_H
#include <stdbool.h>
#include <stdint.h>
#include "../util/buf.h"
#include "../util/err.h"

enum cell_kind { CK_EMPTY, CK_TEXT, CK_INT, CK_NUM, CK_DATE };

struct table_col {
	const char *header;  /* shown in the header row */
	int width;           /* column width in characters (xlsx) */
	enum cell_kind kind; /* what the column holds (CK_NUM: 2 decimals) */
};

struct tcell {
	enum cell_kind k;
	char *s;     /* CK_TEXT, owned */
	int64_t i;   /* CK_INT */
	double d;    /* CK_NUM */
	int day;     /* CK_DATE: days since 1970-01-01 (util/date.h) */
};

struct table {
	const char *name;            /* sheet name, borrowed */
	const struct table_col *cols; /* borrowed */
	int ncols;
	struct tcell *cells;         /* nrows * ncols */
	int nrows, caprows;
};

void table_init(struct table *t, const char *name, const struct table_col *cols, int ncols);
/* A new row of empty cells; the pointer is valid until the next add. */
struct tcell *table_add_row(struct table *t);
void tcell_text(struct tcell *c, const char *s); /* NULL or "" leaves it empty */
void tcell_int(struct tcell *c, int64_t v);
void tcell_num(struct tcell *c, double v);
void tcell_date(struct tcell *c, int day);       /* DAY_NONE leaves it empty */
const struct tcell *table_cell(const struct table *t, int row, int col);
void table_free(struct table *t);

/* CSV (RFC 4180, CRLF line ends, UTF-8, a BOM first when bom): the header
 * row then the rows; dates as YYYY-MM-DD, CK_NUM with two decimals; text
 * that a spreadsheet would run as a formula gets a leading apostrophe. */
void csv_write(const struct table *t, bool bom, struct buf *out);
/* Whether a spreadsheet would take text starting like s for a formula
 * (= + - @, tab, CR): csv_write puts an apostrophe before such text, and
 * an importer takes "'" followed by one of them as the text after it. */
bool csv_text_is_formula(const char *s);

/* An xlsx workbook with one sheet per table (libxlsxwriter) at path: bold
 * header row, frozen below it, column widths, an autofilter, dates as
 * dates (yyyy-mm-dd), numbers as numbers. */
qd_err xlsx_write(const struct table *tables, int n, const char *path, struct qd_error *e);

#endif
