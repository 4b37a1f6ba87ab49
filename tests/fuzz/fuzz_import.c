/* fuzz_import.c: libFuzzer target for ledger imports past the readers: a
 * file read into a book (csv_read, or xlsx_read for a zip or a packed XML
 * part, harness_xlsx.h) and handed to app_import (src/app/ledger_import.c,
 * ledger_import_rows.c: sheets told by name or header, cells read as
 * codes, days, amounts, units by code or name path, people, measure
 * lines; new numbers added, known ones updated), under the county of
 * harness_db.h's organisation, which is put back after every input. The
 * same bytes are also read as a header mapping file (ledger_map_parse).
 *
 * Must never crash, leak or read out of bounds; an import either goes in
 * whole (QD_OK, no error lines) or not at all (QD_IMPORT_ROWS with error
 * lines, or QD_BAD_FILE), and every line of its report is well-formed
 * UTF-8, as the JSON and HTML reports need. */
#include "harness_db.h"
#include "harness_xlsx.h"
#include "ledger/columns.h"
#include "ledger/grid.h"
#include "util/utf8.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool well_formed(const char *s)
{
	return utf8_wellformed(s, strlen(s));
}

static void fail(const char *why, const char *a, const char *b)
{
	fprintf(stderr, "fuzz_import: %s: %s %s\n", why, a, b);
	abort();
}

static qd_err read_book(const uint8_t *data, size_t size, struct grid_book *book,
			struct qd_error *e)
{
	memset(book, 0, sizeof *book);
	if (fz_is_part(data, size)) {
		size_t len = 0;
		char *zip = fz_pack((char)data[0], data + 1, size - 1, &len);
		qd_err r = zip ? xlsx_read(zip, len, book, e) : QD_BAD_FILE;
		free(zip);
		return r;
	}
	if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return xlsx_read(data, size, book, e);
	struct grid g;
	const char *charset;
	qd_err r = csv_read((const char *)data, size, &g, &charset, e);
	if (r == QD_OK) {
		book->sheets = xcalloc(1, sizeof *book->sheets);
		book->sheets[0] = g;
		book->n = 1;
	}
	return r;
}

static void check_report(qd_err r, const struct import_report *rep, const struct qd_error *e)
{
	if (r != QD_OK && r != QD_IMPORT_ROWS && r != QD_BAD_FILE)
		fail("unexpected result", qd_err_name(r), e->detail);
	if ((r == QD_OK) != (rep->errors == 0 && rep->applied))
		fail("applied with errors, or not applied without", qd_err_name(r), e->detail);
	if (!well_formed(e->field) || !well_formed(e->detail))
		fail("error text not UTF-8", e->field, e->detail);
	for (int i = 0; i < rep->n; i++) {
		const struct import_line *l = &rep->v[i];
		if (!well_formed(l->sheet) || !well_formed(l->ext_id) || !well_formed(l->column) ||
		    !well_formed(l->message))
			fail("report line not UTF-8", l->ext_id, l->message);
	}
}

static void fuzz_map(const uint8_t *data, size_t size)
{
	if (memchr(data, '\0', size))
		return; /* the web form refuses it before parsing */
	char *text = xstrndup((const char *)data, size);
	struct ledger_map map;
	struct qd_error e = {0};
	if (ledger_map_parse(text, &map, &e) == QD_OK)
		ledger_map_free(&map);
	else if (!well_formed(e.detail))
		fail("map error not UTF-8", e.field, e.detail);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_db_init();
	fuzz_map(data, size);
	struct grid_book book;
	struct qd_error e = {0};
	if (read_book(data, size, &book, &e) == QD_OK) {
		struct import_request rq = {.unit_id = FZ.county, .lang = size % 2 ? "en" : "zh"};
		struct import_report rep;
		qd_err r = app_import(&FZ.app, &FZ.admin, &book, &rq, &rep, &e);
		check_report(r, &rep, &e);
		if (getenv("FUZZ_VERBOSE")) { /* what a seed does */
			printf("%s: %d rows, %d added, %d updated, %d errors\n", qd_err_name(r), rep.rows,
			       rep.added, rep.updated, rep.errors);
			for (int i = 0; i < rep.n; i++)
				printf("  row %d %s %s\n", rep.v[i].row, rep.v[i].column, rep.v[i].message);
			fflush(stdout);
		}
		import_report_free(&rep);
		fz_db_reset();
	}
	grid_book_free(&book);
	return 0;
}
