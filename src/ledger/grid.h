/* grid.h: a sheet read from a file, as text cells, for the importer.
 * Knows no SQL, no HTTP.
 *
 * Cells are UTF-8 text exactly as the file holds them (xlsx numbers as
 * their shortest decimal text, with number set); cells covered by a merged
 * range carry the value of its top-left cell, as a reader of the sheet
 * sees it. Row r of a grid is row r + 1 of the spreadsheet. */
#ifndef QD_LEDGER_GRID_H
#define QD_LEDGER_GRID_H
#include <stdbool.h>
#include <stddef.h>
#include "../util/err.h"

#define GRID_MAX_ROWS 2000000
#define GRID_MAX_COLS 256
#define GRID_MAX_CELL 32768     /* bytes of one cell's text */
#define GRID_MAX_CELLS 40000000 /* rows x columns, over all sheets of a file (a 1M-row ledger) */

struct gcell {
	char *text;   /* owned; NULL when empty (read cells with grid_text):
		       * a sparse sheet padded to a rectangle costs no
		       * allocation per empty cell */
	bool number;  /* an xlsx numeric cell (a date is a serial number) */
};

struct grid {
	char *name;   /* sheet name ("" for CSV) */
	int nrows, ncols;
	struct gcell *cells; /* nrows * ncols */
};

struct grid_book {
	struct grid *sheets;
	int n;
};

const char *grid_text(const struct grid *g, int row, int col); /* "" outside */
const struct gcell *grid_cell(const struct grid *g, int row, int col); /* NULL outside */
void grid_free(struct grid *g);
void grid_book_free(struct grid_book *b);

/* The character set of a text file: "UTF-8" when it is valid UTF-8 (a BOM
 * is allowed), "GB18030" when it is not but converts from GB18030 (which
 * covers GBK and GB2312, as Excel in China saves CSV), else NULL. */
const char *charset_detect(const char *data, size_t len);
/* data converted to UTF-8 from the detected set, BOM removed; QD_BAD_FILE
 * when it is neither. *charset gets the detected name. */
qd_err charset_to_utf8(const char *data, size_t len, char **out, size_t *outlen,
		       const char **charset, struct qd_error *e);

/* A CSV file (any of the sets above; comma, or tab or semicolon when the
 * first line has more of those; quoted fields with "" and line breaks;
 * CRLF or LF). QD_BAD_FILE with the line number on a broken quote, more
 * than the limits, or an empty file. */
qd_err csv_read(const char *data, size_t len, struct grid *out, const char **charset,
		struct qd_error *e);

/* An xlsx workbook (libzip + expat): every worksheet in workbook order,
 * shared and inline strings, numbers, booleans, merged ranges filled.
 * QD_BAD_FILE for a file that is not an xlsx or breaks the limits. */
qd_err xlsx_read(const void *data, size_t len, struct grid_book *out, struct qd_error *e);

#endif
