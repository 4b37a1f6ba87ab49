/* ledger_import.h: the importer's state and helpers, shared by
 * app/ledger_import.c (the sheets, units, people, cells) and
 * app/ledger_import_rows.c (what a row of each list does). Internal to app/. */
#ifndef QD_APP_LEDGER_IMPORT_H
#define QD_APP_LEDGER_IMPORT_H
#include "app.h"
#include "../domain/tree.h"

#define SCRATCH_CELLS 64

struct unit_people {
	int64_t unit_id;
	struct person_array list;
};

/* Files of this many rows or more add their rows in bulk (app/bulk.c). */
#define IMPORT_BULK_ROWS 5000

struct imp {
	struct app *a;
	const struct actor *ac;
	const struct import_request *rq;
	const struct grid_book *book;
	struct import_report *rep;
	bool en;                    /* messages in English */
	/* the sheet being read */
	enum ledger_list list;
	const struct grid *g;
	struct ledger_header hdr;
	const char *sheet;
	bool has_measure_sheet;     /* measures come from it, not the items' column */
	struct bulk *bulk;          /* new rows go through it (app/bulk.c), a batch per list */
	/* looked up once */
	struct unit root;
	struct unit_array units;    /* the root's subtree, sorted by name */
	char *above_names[PATH_MAX_DEPTH];
	struct category_array categories;
	struct unit_people *people;
	int npeople, cappeople;
	struct {
		char *key;
		int row;
	} *seen;                    /* keys of this sheet's rows */
	int nseen, capseen;
	int *seen_slots;            /* hash index into seen: position + 1, 0 empty */
	size_t nslots;
	int64_t *created;           /* items added by this import, ascending ids */
	int ncreated, capcreated;
	struct unit_ref {
		int64_t id;
		int at;             /* index in units */
	} *by_id;                   /* units by id, sorted */
	struct scratch {
		char *v[SCRATCH_CELLS];
		int n;
	} scratch;
};

struct row_ctx {
	int grow;                   /* grid row */
	int row;                    /* spreadsheet row (grow + 1) */
	char ext_id[48];
	int errors;
	enum import_outcome outcome;
	char changed[320];          /* what an update changed, for the report */
};

struct code_alias {
	const char *text;
	int value;
};

const char *imp_msg(const struct imp *x, const char *zh, const char *en);
const char *imp_header(const struct imp *x, int col);
void imp_problem(struct imp *x, struct row_ctx *rc, enum import_outcome what, int col,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void imp_refused(struct imp *x, struct row_ctx *rc, const struct qd_error *e);
const char *imp_cell(struct imp *x, int r, int col);
const char *imp_cell_trimmed(struct imp *x, const char *s);
bool imp_has(const struct imp *x, int col);
int imp_code(const struct code_table *t, const char *s, const struct code_alias *aliases);
void imp_choices(const struct imp *x, const struct code_table *t, char *out, size_t cap);
bool imp_day(const char *s, bool number, int *out);
bool imp_amount(const char *s, int64_t *out);
int64_t imp_unit(struct imp *x, struct row_ctx *rc, const char *code, const char *path);
/* A unit of the import's subtree by id, or NULL. */
const struct unit *imp_unit_by_id(const struct imp *x, int64_t id);
int64_t imp_person(struct imp *x, struct row_ctx *rc, int col, int64_t unit_id, const char *name);
int64_t imp_category(struct imp *x, struct row_ctx *rc, const char *name);
int imp_field_column(const struct imp *x, const char *field);
int imp_seen(struct imp *x, const char *key, int row);
void imp_forget_seen(struct imp *x);

/* ledger_import_rows.c */
qd_err import_item_row(struct imp *x, struct row_ctx *rc, struct qd_error *e);
qd_err import_measure_row(struct imp *x, struct row_ctx *rc, struct qd_error *e);

#endif
