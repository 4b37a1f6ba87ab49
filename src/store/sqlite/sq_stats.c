/* sq_stats.c: counters per unit (rolled up to every ancestor) and day. */
#include "sq.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../domain/item_rules.h"
#include "../../domain/tree.h"
#include "../../util/date.h"
#include <stdlib.h>
#include <string.h>

static void month_text(int day, char out[8])
{
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	memcpy(out, t, 7); /* "YYYY-MM" */
	out[7] = '\0';
}

static qd_err add_count(struct sq_store *s, int64_t unit, int day, const char *metric,
			int64_t n)
{
	sqlite3_stmt *q = sq_stmt(s,
		"INSERT INTO stat_count(unit_id, day, metric, n) VALUES (:unit, :day, :metric, :n) "
		"ON CONFLICT(unit_id, day, metric) DO UPDATE SET n = n + excluded.n");
	sq_bind_int(q, ":unit", unit);
	sq_bind_day(q, ":day", day);
	sq_bind_text(q, ":metric", metric);
	sq_bind_int(q, ":n", n);
	qd_err r = sq_exec_stmt(q);
	if (r != QD_OK)
		return r;
	char month[8];
	month_text(day, month);
	q = sq_stmt(s,
		"INSERT INTO stat_month(unit_id, month, metric, n) VALUES (:unit, :month, :metric, :n) "
		"ON CONFLICT(unit_id, month, metric) DO UPDATE SET n = n + excluded.n");
	sq_bind_int(q, ":unit", unit);
	sq_bind_text(q, ":month", month);
	sq_bind_text(q, ":metric", metric);
	sq_bind_int(q, ":n", n);
	return sq_exec_stmt(q);
}

static qd_err add_open_due(struct sq_store *s, int64_t unit, int day, int64_t n)
{
	sqlite3_stmt *q = sq_stmt(s,
		"INSERT INTO stat_open_due(unit_id, due_on, n) VALUES (:unit, :day, :n) "
		"ON CONFLICT(unit_id, due_on) DO UPDATE SET n = n + excluded.n");
	sq_bind_int(q, ":unit", unit);
	sq_bind_day(q, ":day", day);
	sq_bind_int(q, ":n", n);
	return sq_exec_stmt(q);
}

static qd_err add_load(struct sq_store *s, int64_t unit, int64_t n)
{
	sqlite3_stmt *q = sq_stmt(s,
		"INSERT INTO unit_load(unit_id, items) VALUES (:unit, :n) "
		"ON CONFLICT(unit_id) DO UPDATE SET items = items + excluded.items");
	sq_bind_int(q, ":unit", unit);
	sq_bind_int(q, ":n", n);
	return sq_exec_stmt(q);
}

qd_err sq_stat_apply(struct store *st, const struct stat_deltas *d)
{
	struct sq_store *s = SQ(st);
	for (int i = 0; i < d->n; i++) {
		const struct stat_delta *x = &d->v[i];
		int64_t ids[PATH_MAX_DEPTH];
		int n = path_ids(x->upath, ids, PATH_MAX_DEPTH);
		if (n <= 0)
			return QD_INTERNAL;
		for (int k = 0; k < n; k++) {
			qd_err r = x->table == STAT_COUNT
					   ? add_count(s, ids[k], x->day, x->metric, x->n)
					   : add_open_due(s, ids[k], x->day, x->n);
			if (r == QD_OK && x->table == STAT_COUNT && strcmp(x->metric, "items") == 0)
				r = add_load(s, ids[k], x->n);
			if (r != QD_OK)
				return r;
		}
	}
	return QD_OK;
}

static int add_rows(sqlite3_stmt *q, struct stat_result *out)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t n = sq_col_int(q, 1);
		if (n)
			stat_result_add(out, (const char *)sqlite3_column_text(q, 0), n);
	}
	sqlite3_reset(q);
	return rc;
}

/* Day rows of [from, to]. */
static int sum_days(struct sq_store *s, int64_t unit, int from, int to, struct stat_result *out)
{
	if (from > to)
		return SQLITE_DONE;
	sqlite3_stmt *q = sq_stmt(s,
		"SELECT metric, sum(n) FROM stat_count "
		"WHERE unit_id = :unit AND day >= :from AND day <= :to GROUP BY metric");
	sq_bind_int(q, ":unit", unit);
	sq_bind_day(q, ":from", from);
	sq_bind_day(q, ":to", to);
	return add_rows(q, out);
}

/* Month rows of the months from the one holding first to the one holding last. */
static int sum_months(struct sq_store *s, int64_t unit, const char *first, const char *last,
		      struct stat_result *out)
{
	sqlite3_stmt *q = sq_stmt(s,
		"SELECT metric, sum(n) FROM stat_month "
		"WHERE unit_id = :unit AND month >= :first AND month <= :last GROUP BY metric");
	sq_bind_int(q, ":unit", unit);
	sq_bind_text(q, ":first", first);
	sq_bind_text(q, ":last", last);
	return add_rows(q, out);
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

/* [from, to] = partial first month (days) + whole months + partial last
 * month (days), so a long period reads about 40 rows a month. */
static int sum_period(struct sq_store *s, int64_t unit, int from, int to, struct stat_result *out)
{
	if (from == DAY_NONE && to == DAY_NONE)
		return sum_months(s, unit, "0000-00", "9999-99", out);
	if (from == DAY_NONE)
		from = day_from_civil(1900, 1, 1);
	if (to == DAY_NONE)
		to = day_from_civil(2999, 12, 31);
	int whole_from = from == first_of_month(from) ? from : first_of_next_month(from);
	int whole_to = first_of_next_month(to) - 1 == to ? to : first_of_month(to) - 1;
	if (whole_from > whole_to)
		return sum_days(s, unit, from, to, out);
	char m1[8], m2[8];
	month_text(whole_from, m1);
	month_text(whole_to, m2);
	int rc = sum_months(s, unit, m1, m2, out);
	if (rc == SQLITE_DONE)
		rc = sum_days(s, unit, from, whole_from - 1, out);
	if (rc == SQLITE_DONE)
		rc = sum_days(s, unit, whole_to + 1, to, out);
	return rc;
}

qd_err sq_stat_query(struct store *st, int64_t unit_id, int from, int to, int today,
		     struct stat_result *out)
{
	struct sq_store *s = SQ(st);
	int rc = sum_period(s, unit_id, from, to, out);
	if (rc != SQLITE_DONE)
		return sq_err(rc);
	sqlite3_stmt *q;
	/* overdue: open items due in [from, to] and before today */
	int hi = to != DAY_NONE && to < today - 1 ? to : today - 1;
	q = sq_stmt(s, "SELECT coalesce(sum(n), 0) FROM stat_open_due "
		       "WHERE unit_id = :unit AND due_on >= :from AND due_on <= :to");
	sq_bind_int(q, ":unit", unit_id);
	sq_bind_text(q, ":from", "0000-00-00");
	if (from != DAY_NONE)
		sq_bind_day(q, ":from", from);
	sq_bind_day(q, ":to", hi);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		out->overdue = sq_col_int(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

qd_err sq_stat_query_days(struct store *st, int64_t unit_id, struct stat_result *out)
{
	int rc = sum_days(SQ(st), unit_id, day_from_civil(1900, 1, 1),
			  day_from_civil(2999, 12, 31), out);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* Add sign * (unit_id's rolled-up rows) to each ancestor on parent_path. */
static qd_err shift(struct sq_store *s, int64_t unit_id, const char *parent_path, int sign)
{
	static const char *const sql[] = {
		"INSERT INTO stat_count(unit_id, day, metric, n) "
		"SELECT :anc, day, metric, :sign * n FROM stat_count WHERE unit_id = :unit "
		"ON CONFLICT(unit_id, day, metric) DO UPDATE SET n = n + excluded.n",
		"INSERT INTO stat_month(unit_id, month, metric, n) "
		"SELECT :anc, month, metric, :sign * n FROM stat_month WHERE unit_id = :unit "
		"ON CONFLICT(unit_id, month, metric) DO UPDATE SET n = n + excluded.n",
		"INSERT INTO unit_load(unit_id, items) "
		"SELECT :anc, :sign * items FROM unit_load WHERE unit_id = :unit "
		"ON CONFLICT(unit_id) DO UPDATE SET items = items + excluded.items",
		"INSERT INTO stat_open_due(unit_id, due_on, n) "
		"SELECT :anc, due_on, :sign * n FROM stat_open_due WHERE unit_id = :unit "
		"ON CONFLICT(unit_id, due_on) DO UPDATE SET n = n + excluded.n",
	};
	int64_t ids[PATH_MAX_DEPTH];
	int n = parent_path ? path_ids(parent_path, ids, PATH_MAX_DEPTH) : 0;
	for (int k = 0; k < n; k++) {
		for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
			sqlite3_stmt *q = sq_stmt(s, sql[i]);
			sq_bind_int(q, ":anc", ids[k]);
			sq_bind_int(q, ":sign", sign);
			sq_bind_int(q, ":unit", unit_id);
			qd_err r = sq_exec_stmt(q);
			if (r != QD_OK)
				return r;
		}
	}
	return QD_OK;
}

qd_err sq_stat_move(struct store *st, int64_t unit_id, const char *old_parent_path,
		    const char *new_parent_path)
{
	qd_err r = shift(SQ(st), unit_id, old_parent_path, -1);
	return r == QD_OK ? shift(SQ(st), unit_id, new_parent_path, +1) : r;
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
	x->r = sq_stat_apply(x->st, &d);
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
		r = sq_stat_apply(&s->base, &d);
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
		r = sq_stat_apply(&s->base, &d);
		stat_deltas_free(&d);
		measure_clear(&m);
		item_clear(&it);
	}
	sqlite3_reset(q);
	return r != QD_OK ? r : rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_stat_rebuild(struct sq_store *s)
{
	qd_err r = sq_exec(s, "DELETE FROM stat_count");
	if (r == QD_OK)
		r = sq_exec(s, "DELETE FROM stat_month");
	if (r == QD_OK)
		r = sq_exec(s, "DELETE FROM stat_open_due");
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
	return r;
}
