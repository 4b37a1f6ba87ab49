/* columns.h: the columns of the ledger files (docs/ledger-format.md).
 *
 * Each list has a fixed set of columns with a stable code, a Chinese and an
 * English header, and other headers seen in county ledgers. Exports write
 * them in this order; imports find them by any of those names, or through a
 * mapping file for a ledger with headers of its own. */
#ifndef QD_LEDGER_COLUMNS_H
#define QD_LEDGER_COLUMNS_H
#include <stdbool.h>
#include "grid.h"
#include "table.h"

enum ledger_list { LL_ITEMS, LL_MEASURES, LL_RESPONSIBILITY, LL_OPINIONS, LL_COUNT };

/* The columns of the problem list (问题清单). */
enum item_col {
	IC_SEQ, IC_EXT_ID, IC_UNIT, IC_UNIT_CODE, IC_KIND, IC_SOURCE, IC_LEVEL, IC_CATEGORY,
	IC_TITLE, IC_DETAIL, IC_MEASURES, IC_RESPONSIBLE, IC_LEADER, IC_MODE, IC_FOUND,
	IC_DUE, IC_STATUS, IC_DONE, IC_CLOSED, IC_CLOSURE, IC_CASE_TYPE, IC_FUNDS,
	IC_BENEFICIARIES, IC_COUNT
};
/* The rectification list (整改清单): one row per measure. */
enum measure_col {
	MC_SEQ, MC_EXT_ID, MC_MSEQ, MC_UNIT, MC_TITLE, MC_TEXT, MC_RESPONSIBLE, MC_DUE,
	MC_STATUS, MC_DONE, MC_EVIDENCE, MC_COUNT
};
/* The responsibility list (责任清单): one row per responsible person. */
enum resp_col {
	RC_SEQ, RC_PERSON, RC_UNIT, RC_TOTAL, RC_OPEN, RC_OVERDUE, RC_NEXT_DUE, RC_COUNT
};
/* Opinions (意见建议), without names or contacts. */
enum opinion_col {
	OC_SEQ, OC_ID, OC_RECEIVED, OC_CHANNEL, OC_UNIT, OC_TEXT, OC_STATUS, OC_EXT_ID,
	OC_REPLY, OC_RESPONSE_DAYS, OC_RATING, OC_COUNT
};

struct ledger_col {
	const char *code;     /* "ext_id" */
	const char *zh, *en;  /* headers */
	const char *aliases;  /* other headers, '|' separated, or NULL */
	int width;            /* xlsx width in characters */
	enum cell_kind kind;
	bool imported;        /* read by the importer (else export only) */
	bool required;        /* an import needs the column */
};

struct ledger_list_def {
	const char *code;     /* "items" */
	const char *zh, *en;  /* sheet names */
	const struct ledger_col *cols;
	int ncols;
};

const struct ledger_list_def *ledger_list(enum ledger_list l);
/* The list with code or sheet name s, or -1. */
int ledger_list_parse(const char *s);
/* The columns as the table writer wants them, headers in lang ("zh"/"en").
 * Static storage: one array per list and language. */
const struct table_col *ledger_table_cols(enum ledger_list l, const char *lang);

/* A mapping file: lines "their header = our column" (our column by code,
 * Chinese or English header); '#' starts a comment. */
struct ledger_map {
	struct {
		char *from, *to;
	} *v;
	int n;
};
qd_err ledger_map_parse(const char *text, struct ledger_map *out, struct qd_error *e);
void ledger_map_free(struct ledger_map *m);

/* The column of list l a header names (after the mapping, when given), or
 * -1. Spaces, line breaks and full-width parentheses do not matter. */
int ledger_match_header(enum ledger_list l, const char *header, const struct ledger_map *map);

/* Where a sheet's header row is and which of its columns is which: the
 * row among the first rows that names the most columns of l. col_of[c] is
 * the grid column of ledger column c, or -1. */
struct ledger_header {
	int row;              /* grid row of the header */
	int ncols;            /* columns of the list */
	int col_of[32];
	int matched;
};
bool ledger_find_header(const struct grid *g, enum ledger_list l, const struct ledger_map *map,
			struct ledger_header *out);

#endif
