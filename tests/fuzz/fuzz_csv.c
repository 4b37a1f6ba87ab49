/* fuzz_csv.c: libFuzzer target for the CSV reader (src/ledger/csv_read.c)
 * and the character set detection under it. Must never crash, leak or read
 * out of bounds; a grid it returns must be whole. */
#include "ledger/grid.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct grid g;
	struct qd_error e = {0};
	const char *cs = NULL;
	const char *detected = charset_detect((const char *)data, size);
	qd_err r = csv_read((const char *)data, size, &g, &cs, &e);
	if (r == QD_OK) {
		if (!cs || !detected || strcmp(cs, detected) != 0 || g.nrows < 1 || g.ncols < 1)
			abort(); /* read, so detected, and never empty */
		for (int row = 0; row < g.nrows; row++)
			for (int c = 0; c < g.ncols; c++)
				if (strlen(grid_text(&g, row, c)) > GRID_MAX_CELL)
					abort();
	} else if (r != QD_BAD_FILE || !e.detail[0] ||
		   !detail_ok(e.detail)) {
		abort(); /* every refusal says why, in text that can go into JSON */
	}
	grid_free(&g);
	return 0;
}
