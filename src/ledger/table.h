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
 * goes behind an apostrophe where ledger_text_guarded says so. */
void csv_write(const struct table *t, bool bom, struct buf *out);
/* Whether a spreadsheet would take text starting like s for a formula
 * (= + - @, tab, CR). */
bool csv_text_is_formula(const char *s);
/* Whether an export writes text s behind an apostrophe: in CSV, text a
 * spreadsheet would run as a formula (CSV injection); in CSV and xlsx,
 * text that starts with an apostrophe itself, so that an import, which
 * takes the apostrophe away (ledger_text_unguard), gives the text back as
 * it was. */
bool ledger_text_guarded(const char *s, bool csv);
/* Imported text without the apostrophe an export put before it: s + 1
 * when s is "'" and then a formula or another "'" (a spreadsheet that
 * opens such a CSV keeps the apostrophe in the cell), else s. */
const char *ledger_text_unguard(const char *s);

/* An xlsx workbook with one sheet per table (libxlsxwriter) at path: bold
 * header row, frozen below it, column widths, an autofilter, dates as
 * dates (yyyy-mm-dd), numbers as numbers. */
qd_err xlsx_write(const struct table *tables, int n, const char *path, struct qd_error *e);

#endif
