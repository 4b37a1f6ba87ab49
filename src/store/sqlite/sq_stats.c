/* sq_stats.c: counters per unit (rolled up to every ancestor) and day.
 *
 * Tables (schema 6 on):
 *   stat_day(unit_id, day, counts)    one row per unit and found day
 *   stat_mon(unit_id, month, counts)  the same per month (YYYYMM), so that
 *                                     long periods read few rows; month 0
 *                                     holds all time (one row to read)
 *   stat_open_due(unit_id, due_on, n) open items with a due day
 *   stat_due_mon(unit_id, month, n)   the same per due month
 *   unit_load(unit_id, items)         items in the subtree (list planning)
 * counts is a blob of (metric id, n) pairs (store/counts.h); metric names
 * live in stat_metric (sq_metrics.c).
 *
 * Writes go through an accumulator: the deltas of one record (stat_apply)
 * or of many (stat_gather, for bulk loads) are summed in memory per row,
 * then each row is read, added to and written once, in key order. */
#include "sq.h"
#include "sq_ops.h"
#include "../counts.h"
#include "../../domain/codes.h"
#include "../../domain/item_rules.h"
#include "../../domain/tree.h"
#include "../../util/alloc.h"
#include "../../util/date.h"
#include <stdlib.h>
#include <string.h>

enum acc_table { ACC_DAY, ACC_MON, ACC_DUE, ACC_DUE_MON, ACC_LOAD };

struct acc_row {
	enum acc_table tbl;
	int period;        /* day, YYYYMM (0: all time), due day, due YYYYMM, 0 */
	int64_t unit;
	struct counts c;   /* scalar tables: id 1 only */
};

struct stat_acc {
	struct acc_row *row;
	int nrow, caprow;
	int *slot;         /* index + 1 into row; 0 = empty */
	int nslot;         /* power of two */
	int64_t pairs;     /* metric additions gathered, to know when to flush */
};

static int month_of(int day)
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	return y * 100 + m;
}

static uint32_t key_hash(enum acc_table t, int64_t unit, int period)
{
	uint64_t h = (uint64_t)unit * 0x9E3779B97F4A7C15ull;
	h ^= ((uint64_t)(uint32_t)period << 2 | (uint64_t)t) * 0xC2B2AE3D27D4EB4Full;
	return (uint32_t)(h >> 32);
}

static void acc_rehash(struct stat_acc *a)
{
	free(a->slot);
	a->nslot = a->nslot ? a->nslot * 2 : 256;
	a->slot = xcalloc((size_t)a->nslot, sizeof *a->slot);
	for (int i = 0; i < a->nrow; i++) {
		struct acc_row *r = &a->row[i];
		uint32_t k = key_hash(r->tbl, r->unit, r->period) & (uint32_t)(a->nslot - 1);
		while (a->slot[k])
			k = (k + 1) & (uint32_t)(a->nslot - 1);
		a->slot[k] = i + 1;
	}
}

static struct counts *acc_row(struct stat_acc *a, enum acc_table t, int64_t unit, int period)
{
	if ((a->nrow + 1) * 2 > a->nslot)
		acc_rehash(a);
	uint32_t k = key_hash(t, unit, period) & (uint32_t)(a->nslot - 1);
	for (; a->slot[k]; k = (k + 1) & (uint32_t)(a->nslot - 1)) {
		struct acc_row *r = &a->row[a->slot[k] - 1];
		if (r->tbl == t && r->unit == unit && r->period == period)
			return &r->c;
	}
	if (a->nrow == a->caprow) {
		a->caprow = a->caprow ? a->caprow * 2 : 64;
		a->row = xrealloc(a->row, sizeof *a->row * (size_t)a->caprow);
	}
	struct acc_row *r = &a->row[a->nrow];
	memset(r, 0, sizeof *r);
	r->tbl = t;
	r->unit = unit;
	r->period = period;
	a->slot[k] = ++a->nrow;
	return &r->c;
}

static void acc_free(struct stat_acc *a)
{
	for (int i = 0; i < a->nrow; i++)
		counts_free(&a->row[i].c);
	free(a->row);
	free(a->slot);
	memset(a, 0, sizeof *a);
}

/* Add the deltas, rolled up to every ancestor, to the accumulator. */
static qd_err acc_add_deltas(struct sq_store *s, struct stat_acc *a, const struct stat_deltas *d)
{
	for (int i = 0; i < d->n; i++) {
		const struct stat_delta *x = &d->v[i];
		int64_t ids[PATH_MAX_DEPTH];
		int n = path_ids(x->upath, ids, PATH_MAX_DEPTH);
		if (n <= 0 || x->day == DAY_NONE)
			return QD_INTERNAL;
		if (x->table == STAT_OPEN_DUE) {
			int due_month = month_of(x->day);
			for (int k = 0; k < n; k++) {
				counts_add(acc_row(a, ACC_DUE, ids[k], x->day), 1, x->n);
				counts_add(acc_row(a, ACC_DUE_MON, ids[k], due_month), 1, x->n);
			}
			a->pairs += 2 * n;
			continue;
		}
		uint32_t id;
		qd_err r = sq_metric_id(s, x->metric, &id);
		if (r != QD_OK)
			return r;
		bool load = strcmp(x->metric, "items") == 0;
		int month = month_of(x->day);
		for (int k = 0; k < n; k++) {
			counts_add(acc_row(a, ACC_DAY, ids[k], x->day), id, x->n);
			counts_add(acc_row(a, ACC_MON, ids[k], month), id, x->n);
			counts_add(acc_row(a, ACC_MON, ids[k], 0), id, x->n);
			if (load)
				counts_add(acc_row(a, ACC_LOAD, ids[k], 0), 1, x->n);
		}
		a->pairs += 3 * n;
	}
	return QD_OK;
}

static int row_order(const void *pa, const void *pb)
{
	const struct acc_row *a = pa, *b = pb;
	if (a->tbl != b->tbl)
		return (int)a->tbl - (int)b->tbl;
	if (a->unit != b->unit)
		return a->unit < b->unit ? -1 : 1;
	return (a->period > b->period) - (a->period < b->period);
}

/* Read-add-write one blob row of stat_day or stat_mon. */
static qd_err write_blob_row(struct sq_store *s, const struct acc_row *row)
{
	static const char *const sel[] = {
		"SELECT counts FROM stat_day WHERE unit_id = :unit AND day = :p",
		"SELECT counts FROM stat_mon WHERE unit_id = :unit AND month = :p"};
	static const char *const put[] = {
		"INSERT INTO stat_day(unit_id, day, counts) VALUES (:unit, :p, :c) "
		"ON CONFLICT(unit_id, day) DO UPDATE SET counts = excluded.counts",
		"INSERT INTO stat_mon(unit_id, month, counts) VALUES (:unit, :p, :c) "
		"ON CONFLICT(unit_id, month) DO UPDATE SET counts = excluded.counts"};
	static const char *const del[] = {
		"DELETE FROM stat_day WHERE unit_id = :unit AND day = :p",
		"DELETE FROM stat_mon WHERE unit_id = :unit AND month = :p"};
	int t = row->tbl == ACC_DAY ? 0 : 1;
	struct counts c = {0};
	sqlite3_stmt *q = sq_stmt(s, sel[t]);
	sq_bind_int(q, ":unit", row->unit);
	sq_bind_int(q, ":p", row->period);
	int rc = sqlite3_step(q);
	bool had = rc == SQLITE_ROW, ok = true;
	if (had)
		ok = counts_add_blob(&c, sqlite3_column_blob(q, 0),
				     (size_t)sqlite3_column_bytes(q, 0), 1);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		counts_free(&c);
		return sq_err(rc);
	}
	if (!ok) {
		counts_free(&c);
		return QD_DB;
	}
	counts_add_counts(&c, &row->c, 1);
	unsigned char *blob;
	size_t len = counts_encode(&c, &blob);
	counts_free(&c);
	qd_err r = QD_OK;
	if (len) {
		q = sq_stmt(s, put[t]);
		sq_bind_int(q, ":unit", row->unit);
		sq_bind_int(q, ":p", row->period);
		sq_bind_blob(q, ":c", blob, (int)len);
		r = sq_exec_stmt(q);
	} else if (had) {
		q = sq_stmt(s, del[t]);
		sq_bind_int(q, ":unit", row->unit);
		sq_bind_int(q, ":p", row->period);
		r = sq_exec_stmt(q);
	}
	free(blob);
	return r;
}

static int64_t scalar(const struct counts *c)
{
	return c->n ? c->v[0].n : 0;
}

/* Add to an open-due row (by day or by month), removing it at zero. */
static qd_err write_due_row(struct sq_store *s, const struct acc_row *row)
{
	bool by_month = row->tbl == ACC_DUE_MON;
	sqlite3_stmt *q = sq_stmt(s, by_month
		? "INSERT INTO stat_due_mon(unit_id, month, n) VALUES (:unit, :p, :n) "
		  "ON CONFLICT(unit_id, month) DO UPDATE SET n = n + excluded.n RETURNING n"
		: "INSERT INTO stat_open_due(unit_id, due_on, n) VALUES (:unit, :day, :n) "
		  "ON CONFLICT(unit_id, due_on) DO UPDATE SET n = n + excluded.n RETURNING n");
	sq_bind_int(q, ":unit", row->unit);
	if (by_month)
		sq_bind_int(q, ":p", row->period);
	else
		sq_bind_day(q, ":day", row->period);
	sq_bind_int(q, ":n", scalar(&row->c));
	int rc = sqlite3_step(q);
	bool zero = rc == SQLITE_ROW && sq_col_int(q, 0) == 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return sq_err(rc);
	if (!zero)
		return QD_OK;
	q = sq_stmt(s, by_month
		? "DELETE FROM stat_due_mon WHERE unit_id = :unit AND month = :p"
		: "DELETE FROM stat_open_due WHERE unit_id = :unit AND due_on = :day");
	sq_bind_int(q, ":unit", row->unit);
	if (by_month)
		sq_bind_int(q, ":p", row->period);
	else
		sq_bind_day(q, ":day", row->period);
	return sq_exec_stmt(q);
}

static qd_err write_load_row(struct sq_store *s, const struct acc_row *row)
{
	sqlite3_stmt *q = sq_stmt(s,
		"INSERT INTO unit_load(unit_id, items) VALUES (:unit, :n) "
		"ON CONFLICT(unit_id) DO UPDATE SET items = items + excluded.items");
	sq_bind_int(q, ":unit", row->unit);
	sq_bind_int(q, ":n", scalar(&row->c));
	return sq_exec_stmt(q);
}

/* Write every row of the accumulator and empty it. */
static qd_err acc_write(struct sq_store *s, struct stat_acc *a)
{
	if (a->nrow > 1)
		qsort(a->row, (size_t)a->nrow, sizeof *a->row, row_order);
	qd_err r = QD_OK;
	for (int i = 0; r == QD_OK && i < a->nrow; i++) {
		const struct acc_row *row = &a->row[i];
		if (counts_zero(&row->c))
			continue;
		switch (row->tbl) {
		case ACC_DAY:
		case ACC_MON:
			r = write_blob_row(s, row);
			break;
		case ACC_DUE:
		case ACC_DUE_MON:
			r = write_due_row(s, row);
			break;
		case ACC_LOAD:
			r = write_load_row(s, row);
			break;
		}
	}
	acc_free(a);
	return r;
}

qd_err sq_stat_apply(struct store *st, const struct stat_deltas *d)
{
	struct sq_store *s = SQ(st);
	struct stat_acc a = {0};
	qd_err r = acc_add_deltas(s, &a, d);
	if (r != QD_OK) {
		acc_free(&a);
		return r;
	}
	return acc_write(s, &a);
}

/* A bulk load gathers a few million pairs before writing them. */
#define GATHER_LIMIT 4000000

qd_err sq_stat_gather(struct store *st, const struct stat_deltas *d)
{
	struct sq_store *s = SQ(st);
	if (!s->gathered)
		s->gathered = xcalloc(1, sizeof *s->gathered);
	qd_err r = acc_add_deltas(s, s->gathered, d);
	if (r == QD_OK && s->gathered->pairs >= GATHER_LIMIT)
		r = sq_stat_flush(st);
	return r;
}

qd_err sq_stat_flush(struct store *st)
{
	struct sq_store *s = SQ(st);
	if (!s->gathered)
		return QD_OK;
	qd_err r = acc_write(s, s->gathered);
	free(s->gathered);
	s->gathered = NULL;
	return r;
}

void sq_stat_drop_gathered(struct sq_store *s)
{
	if (s->gathered) {
		acc_free(s->gathered);
		free(s->gathered);
		s->gathered = NULL;
	}
}

/* --- reading --- */

/* Sum the blob rows of one statement (bound by the caller) into c. */
static int sum_blobs(sqlite3_stmt *q, struct count_sum *c)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (!count_sum_blob(c, sqlite3_column_blob(q, 0),
				    (size_t)sqlite3_column_bytes(q, 0))) {
			rc = SQLITE_CORRUPT;
			break;
		}
	sqlite3_reset(q);
	return rc;
}

/* Day rows of [from, to]. */
static int sum_days(struct sq_store *s, int64_t unit, int from, int to, struct count_sum *c)
{
	if (from > to)
		return SQLITE_DONE;
	sqlite3_stmt *q = sq_stmt(s,
		"SELECT counts FROM stat_day WHERE unit_id = :unit AND day >= :from AND day <= :to");
	sq_bind_int(q, ":unit", unit);
	sq_bind_int(q, ":from", from);
	sq_bind_int(q, ":to", to);
	return sum_blobs(q, c);
}

/* Month rows of [first, last] (YYYYMM; 0, 0 = the all-time row). */
static int sum_months(struct sq_store *s, int64_t unit, int first, int last,
		      struct count_sum *c)
{
	sqlite3_stmt *q = sq_stmt(s,
		"SELECT counts FROM stat_mon WHERE unit_id = :unit AND month >= :first "
		"AND month <= :last");
	sq_bind_int(q, ":unit", unit);
	sq_bind_int(q, ":first", first);
	sq_bind_int(q, ":last", last);
	return sum_blobs(q, c);
}

static int first_of_month(int day)
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	return day_from_civil(y, m, 1);
}

static int first_of_next_month(int day)
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	return m == 12 ? day_from_civil(y + 1, 1, 1) : day_from_civil(y, m + 1, 1);
}

/* [from, to] as partial first month (days) + whole months + partial last
 * month (days): whole_from..whole_to are the whole months' days, empty when
 * whole_from > whole_to. */
static void split_period(int from, int to, int *whole_from, int *whole_to)
{
	*whole_from = from == first_of_month(from) ? from : first_of_next_month(from);
	*whole_to = first_of_next_month(to) - 1 == to ? to : first_of_month(to) - 1;
}

/* So a long period reads a row a month and all time one row. */
static int sum_period(struct sq_store *s, int64_t unit, int from, int to, struct count_sum *c)
{
	if (from == DAY_NONE && to == DAY_NONE)
		return sum_months(s, unit, 0, 0, c);
	if (from == DAY_NONE)
		from = day_from_civil(1900, 1, 1);
	if (to == DAY_NONE)
		to = day_from_civil(2999, 12, 31);
	int whole_from, whole_to;
	split_period(from, to, &whole_from, &whole_to);
	if (whole_from > whole_to)
		return sum_days(s, unit, from, to, c);
	int rc = sum_months(s, unit, month_of(whole_from), month_of(whole_to), c);
	if (rc == SQLITE_DONE)
		rc = sum_days(s, unit, from, whole_from - 1, c);
	if (rc == SQLITE_DONE)
		rc = sum_days(s, unit, whole_to + 1, to, c);
	return rc;
}

/* Open items due in [from, to] (both set), by due months and days. */
static int sum_due(struct sq_store *s, int64_t unit, int from, int to, int64_t *out)
{
	*out = 0;
	if (from > to)
		return SQLITE_DONE;
	int whole_from, whole_to;
	split_period(from, to, &whole_from, &whole_to);
	sqlite3_stmt *q;
	int rc = SQLITE_DONE;
	if (whole_from <= whole_to) {
		q = sq_stmt(s, "SELECT coalesce(sum(n), 0) FROM stat_due_mon "
			       "WHERE unit_id = :unit AND month >= :first AND month <= :last");
		sq_bind_int(q, ":unit", unit);
		sq_bind_int(q, ":first", month_of(whole_from));
		sq_bind_int(q, ":last", month_of(whole_to));
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			*out += sq_col_int(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return rc;
	} else {
		whole_from = to + 1;
		whole_to = to;
	}
	int lo[2] = {from, whole_to + 1}, hi[2] = {whole_from - 1, to};
	for (int k = 0; k < 2; k++) {
		if (lo[k] > hi[k])
			continue;
		q = sq_stmt(s, "SELECT coalesce(sum(n), 0) FROM stat_open_due "
			       "WHERE unit_id = :unit AND due_on >= :from AND due_on <= :to");
		sq_bind_int(q, ":unit", unit);
		sq_bind_day(q, ":from", lo[k]);
		sq_bind_day(q, ":to", hi[k]);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			*out += sq_col_int(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return rc;
	}
	return SQLITE_DONE;
}

static int by_metric(const void *a, const void *b)
{
	return strcmp(((const struct stat_value *)a)->metric, ((const struct stat_value *)b)->metric);
}

/* Named, non-zero counters of c into out, which is left in name order. */
static int add_named(struct sq_store *s, const struct count_sum *c, struct stat_result *out)
{
	bool fresh = out->n == 0; /* names from one sum are unique: no search */
	for (uint32_t id = 0; id < c->cap; id++) {
		if (!c->n[id])
			continue;
		const char *name = sq_metric_name(s, id);
		if (!name)
			return SQLITE_CORRUPT;
		if (fresh)
			stat_result_append(out, name, c->n[id]);
		else
			stat_result_add(out, name, c->n[id]);
	}
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_metric);
	return SQLITE_DONE;
}

qd_err sq_stat_query(struct store *st, int64_t unit_id, int from, int to, int today,
		     struct stat_result *out)
{
	struct sq_store *s = SQ(st);
	struct count_sum c = {0};
	int rc = sum_period(s, unit_id, from, to, &c);
	if (rc == SQLITE_DONE)
		rc = add_named(s, &c, out);
	count_sum_free(&c);
	/* overdue: open items due in [from, to] and before today */
	int hi = to != DAY_NONE && to < today - 1 ? to : today - 1;
	int lo = from != DAY_NONE ? from : day_from_civil(1900, 1, 1);
	if (rc == SQLITE_DONE)
		rc = sum_due(s, unit_id, lo, hi, &out->overdue);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_stat_pick(struct store *st, int64_t unit_id, int today, const char *const *metrics,
		    int n, int64_t *out, int64_t *overdue)
{
	struct sq_store *s = SQ(st);
	struct count_sum c = {0};
	int rc = sum_months(s, unit_id, 0, 0, &c);
	qd_err r = rc == SQLITE_DONE ? QD_OK : sq_err(rc);
	for (int i = 0; r == QD_OK && i < n; i++) {
		uint32_t id;
		r = sq_metric_find(s, metrics[i], &id);
		out[i] = r == QD_OK && id && id < c.cap ? c.n[id] : 0;
	}
	count_sum_free(&c);
	if (r == QD_OK) {
		rc = sum_due(s, unit_id, day_from_civil(1900, 1, 1), today - 1, overdue);
		r = rc == SQLITE_DONE ? QD_OK : sq_err(rc);
	}
	return r;
}

qd_err sq_stat_query_days(struct store *st, int64_t unit_id, struct stat_result *out)
{
	struct sq_store *s = SQ(st);
	struct count_sum c = {0};
	int rc = sum_days(s, unit_id, day_from_civil(1900, 1, 1), day_from_civil(2999, 12, 31), &c);
	if (rc == SQLITE_DONE)
		rc = add_named(s, &c, out);
	count_sum_free(&c);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* --- moving a unit: its rolled-up rows leave the old ancestors and join
 * the new ones --- */

/* Add sign * every row of one table of unit_id to the accumulator, for each
 * of the ancestors. */
static int gather_rows(struct sq_store *s, const char *sql, enum acc_table t, int64_t unit_id,
		       const int64_t *anc, int nanc, int sign, struct stat_acc *a)
{
	sqlite3_stmt *q = sq_stmt(s, sql);
	sq_bind_int(q, ":unit", unit_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct counts c = {0};
		int period = 0;
		if (t == ACC_DAY || t == ACC_MON) {
			period = (int)sq_col_int(q, 0);
			if (!counts_add_blob(&c, sqlite3_column_blob(q, 1),
					     (size_t)sqlite3_column_bytes(q, 1), sign)) {
				counts_free(&c);
				rc = SQLITE_CORRUPT;
				break;
			}
		} else {
			if (t == ACC_DUE)
				period = sq_col_day(q, 0);
			else if (t == ACC_DUE_MON)
				period = (int)sq_col_int(q, 0);
			counts_add(&c, 1, sign * sq_col_int(q, 1));
		}
		for (int k = 0; k < nanc; k++)
			counts_add_counts(acc_row(a, t, anc[k], period), &c, 1);
		counts_free(&c);
	}
	sqlite3_reset(q);
	return rc;
}

static qd_err shift(struct sq_store *s, int64_t unit_id, const char *parent_path, int sign,
		    struct stat_acc *a)
{
	int64_t ids[PATH_MAX_DEPTH];
	int n = parent_path ? path_ids(parent_path, ids, PATH_MAX_DEPTH) : 0;
	if (n <= 0)
		return QD_OK;
	static const struct {
		const char *sql;
		enum acc_table t;
	} tables[] = {
		{"SELECT day, counts FROM stat_day WHERE unit_id = :unit", ACC_DAY},
		{"SELECT month, counts FROM stat_mon WHERE unit_id = :unit", ACC_MON},
		{"SELECT due_on, n FROM stat_open_due WHERE unit_id = :unit", ACC_DUE},
		{"SELECT month, n FROM stat_due_mon WHERE unit_id = :unit", ACC_DUE_MON},
		{"SELECT 0, items FROM unit_load WHERE unit_id = :unit", ACC_LOAD},
	};
	int rc = SQLITE_DONE;
	for (size_t k = 0; rc == SQLITE_DONE && k < sizeof tables / sizeof tables[0]; k++)
		rc = gather_rows(s, tables[k].sql, tables[k].t, unit_id, ids, n, sign, a);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_stat_move(struct store *st, int64_t unit_id, const char *old_parent_path,
		    const char *new_parent_path)
{
	struct sq_store *s = SQ(st);
	struct stat_acc a = {0};
	qd_err r = shift(s, unit_id, old_parent_path, -1, &a);
	if (r == QD_OK)
		r = shift(s, unit_id, new_parent_path, +1, &a);
	if (r != QD_OK) {
		acc_free(&a);
		return r;
	}
	return acc_write(s, &a);
}

static void add_deltas(struct stat_result *out, struct stat_deltas *d)
{
	for (int i = 0; i < d->n; i++)
		if (d->v[i].table == STAT_COUNT)
			stat_result_add(out, d->v[i].metric, d->v[i].n);
	stat_deltas_free(d);
}

/* What a measure's counters need of its item, after SQ_MEASURE_COLS. */
#define MEASURE_ITEM_COLS "i.level, i.found_on, i.upath, i.kind"

static void read_measure_item(sqlite3_stmt *q, struct measure *m, struct item *it)
{
	measure_init(m);
	item_init(it);
	sq_read_measure(q, m);
	it->level = code_parse(&T_LEVEL, (const char *)sqlite3_column_text(q, 13));
	it->found_on = sq_col_day(q, 14);
	it->upath = sq_col_text(q, 15);
	it->kind = code_parse(&T_ITEM_KIND, (const char *)sqlite3_column_text(q, 16));
}

static int add_opinion(void *ctx, const struct opinion *o)
{
	struct stat_deltas d = {0};
	stats_opinion_change(&d, NULL, o);
	add_deltas(ctx, &d);
	return 0;
}

static int recount_opinions(struct store *st, const char *lo, const char *hi,
			    struct stat_result *out)
{
	return sq_opinion_each(st, lo, hi, add_opinion, out);
}

qd_err sq_stat_recount(struct store *st, int64_t unit_id, int today, struct stat_result *out)
{
	struct sq_store *s = SQ(st);
	struct unit u = {0};
	qd_err r = sq_unit_get(st, unit_id, &u);
	if (r != QD_OK)
		return r;
	char *upper = path_upper(u.path);
	sqlite3_stmt *q = sq_stmt(s, "SELECT " SQ_ITEM_COLS " FROM item i "
				     "WHERE i.upath >= :lo AND i.upath < :hi");
	sq_bind_text(q, ":lo", u.path);
	sq_bind_text(q, ":hi", upper);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct item it;
		item_init(&it);
		sq_read_item(q, &it);
		struct stat_deltas d = {0};
		stats_item_change(&d, NULL, &it);
		add_deltas(out, &d);
		if (item_is_overdue(&it, today))
			out->overdue++;
		item_clear(&it);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_DONE) {
		/* Measures count in their item's bucket and level. */
		q = sq_stmt(s, "SELECT " SQ_MEASURE_COLS ", " MEASURE_ITEM_COLS
			       " FROM measure m JOIN item i ON i.id = m.item_id "
			       "WHERE m.upath >= :lo AND m.upath < :hi");
		sq_bind_text(q, ":lo", u.path);
		sq_bind_text(q, ":hi", upper);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			struct measure m;
			struct item it;
			read_measure_item(q, &m, &it);
			struct stat_deltas d = {0};
			stats_measure_change(&d, NULL, NULL, &m, &it);
			add_deltas(out, &d);
			measure_clear(&m);
			item_clear(&it);
		}
		sqlite3_reset(q);
	}
	if (rc == SQLITE_DONE)
		rc = recount_opinions(st, u.path, upper, out);
	free(upper);
	unit_clear(&u);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* --- rebuilding every counter from the records (after a migration that
 * changed what they count) --- */

struct apply_ctx {
	struct store *st;
	qd_err r;
};

static int apply_opinion(void *ctx, const struct opinion *o)
{
	struct apply_ctx *x = ctx;
	struct stat_deltas d = {0};
	stats_opinion_change(&d, NULL, o);
	x->r = sq_stat_gather(x->st, &d);
	stat_deltas_free(&d);
	return x->r != QD_OK;
}

static qd_err rebuild_items(struct sq_store *s)
{
	sqlite3_stmt *q = sq_stmt(s, "SELECT " SQ_ITEM_COLS " FROM item i");
	int rc;
	qd_err r = QD_OK;
	while (r == QD_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct item it;
		item_init(&it);
		sq_read_item(q, &it);
		struct stat_deltas d = {0};
		stats_item_change(&d, NULL, &it);
		r = sq_stat_gather(&s->base, &d);
		stat_deltas_free(&d);
		item_clear(&it);
	}
	sqlite3_reset(q);
	return r != QD_OK ? r : rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

static qd_err rebuild_measures(struct sq_store *s)
{
	sqlite3_stmt *q = sq_stmt(s, "SELECT " SQ_MEASURE_COLS ", " MEASURE_ITEM_COLS
				     " FROM measure m JOIN item i ON i.id = m.item_id");
	int rc;
	qd_err r = QD_OK;
	while (r == QD_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct measure m;
		struct item it;
		read_measure_item(q, &m, &it);
		struct stat_deltas d = {0};
		stats_measure_change(&d, NULL, NULL, &m, &it);
		r = sq_stat_gather(&s->base, &d);
		stat_deltas_free(&d);
		measure_clear(&m);
		item_clear(&it);
	}
	sqlite3_reset(q);
	return r != QD_OK ? r : rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_stat_rebuild(struct sq_store *s)
{
	sq_stat_drop_gathered(s);
	qd_err r = sq_exec(s, "DELETE FROM stat_day");
	if (r == QD_OK)
		r = sq_exec(s, "DELETE FROM stat_mon");
	if (r == QD_OK)
		r = sq_exec(s, "DELETE FROM stat_open_due");
	if (r == QD_OK)
		r = sq_exec(s, "DELETE FROM stat_due_mon");
	if (r == QD_OK)
		r = sq_exec(s, "DELETE FROM unit_load");
	if (r == QD_OK)
		r = rebuild_items(s);
	if (r == QD_OK)
		r = rebuild_measures(s);
	if (r == QD_OK) {
		/* every path sorts between "/" and "0" */
		struct apply_ctx x = {&s->base, QD_OK};
		int rc = sq_opinion_each(&s->base, "/", "0", apply_opinion, &x);
		r = x.r != QD_OK ? x.r : rc == SQLITE_DONE ? QD_OK : sq_err(rc);
	}
	if (r == QD_OK)
		r = sq_stat_flush(&s->base);
	return r;
}
