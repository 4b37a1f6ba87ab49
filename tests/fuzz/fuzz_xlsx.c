/* fuzz_xlsx.c: libFuzzer target for the xlsx reader (src/ledger/xlsx_*.c).
 * Must never crash, leak or read out of bounds; a book it returns must be
 * whole.
 *
 * An input is either a zip (the .xlsx seeds in tests/fuzz/corpus/fuzz_xlsx:
 * workbooks of our own writer), or one letter and an XML part packed into
 * an otherwise valid workbook (harness_xlsx.h; the .xml seeds). */
#include "ledger/grid.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness_xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8; DEL, which XML allows in names, is set aside. */
static bool detail_ok(const char *d)
{
	char copy[sizeof ((struct qd_error *)0)->detail];
	size_t n = 0;
	for (; *d && n < sizeof copy; d++)
		if (*d != 0x7f)
			copy[n++] = *d;
	return utf8_valid_text(copy, n);
}

static void check(const void *data, size_t size)
{
	struct grid_book b;
	struct qd_error e = {0};
	qd_err r = xlsx_read(data, size, &b, &e);
	if (r == QD_OK) {
		if (b.n < 1)
			abort();
		for (int s = 0; s < b.n; s++) {
			const struct grid *g = &b.sheets[s];
			if (!g->name)
				abort();
			for (int row = 0; row < g->nrows; row++)
				for (int c = 0; c < g->ncols; c++)
					if (!utf8_wellformed(grid_text(g, row, c),
							     strlen(grid_text(g, row, c))))
						abort(); /* empty (NULL) or well-formed text */
		}
	} else if (r != QD_BAD_FILE || !e.detail[0] ||
		   !detail_ok(e.detail)) {
		abort(); /* every refusal says why, in text that can go into JSON */
	}
	grid_book_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fz_is_part(data, size)) {
		size_t len = 0;
		char *zip = fz_pack((char)data[0], data + 1, size - 1, &len);
		if (zip)
			check(zip, len);
		free(zip);
		return 0;
	}
	check(data, size);
	return 0;
}
