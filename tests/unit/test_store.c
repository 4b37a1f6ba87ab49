/* test_store.c: the SQLite store against a real database file in a
 * temporary directory: opening and schema versions, transactions, the unit
 * tree and moves, items with every list filter, text search, pagination,
 * optimistic versions, and the counters against a recount. */
#include "tap.h"
#include "domain/codes.h"
#include "domain/stats.h"
#include "domain/tree.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/date.h"
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[256];
static int T; /* today: 2024-06-15 */

static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char p[512];
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static char *db_path(const char *name)
{
	char *p = xmalloc(strlen(g_dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", g_dir, name);
	return p;
}

static bool file_exists(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0;
}

/* Run literal SQL on a database file with a separate sqlite3 connection. */
static int raw_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static void begin(struct store *st)
{
	if (st->ops->begin(st) != QD_OK)
		ok(0, "begin transaction");
}

static void commit(struct store *st)
{
	if (st->ops->commit(st) != QD_OK)
		ok(0, "commit transaction");
}

static int64_t add_unit(struct store *st, int64_t parent, int kind, const char *name,
			const char *code)
{
	struct unit u = {0};
	u.parent_id = parent;
	u.kind = kind;
	u.name = xstrdup(name);
	u.code = code ? xstrdup(code) : NULL;
	u.active = true;
	u.created_at = 1700000000;
	begin(st);
	qd_err r = st->ops->unit_insert(st, &u);
	commit(st);
	int64_t id = r == QD_OK ? u.id : 0;
	unit_clear(&u);
	return id;
}

static char *unit_path_of(struct store *st, int64_t id)
{
	struct unit u = {0};
	if (st->ops->unit_get(st, id, &u) != QD_OK)
		return xstrdup("?");
	char *p = u.path;
	u.path = NULL;
	unit_clear(&u);
	return p;
}

/* ---------------------------------------------------------------- open */

static qd_err tx_insert_then_fail(struct store *st, void *ctx, struct qd_error *e)
{
	struct unit *u = ctx;
	qd_err r = st->ops->unit_insert(st, u);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "insert");
	return qd_fail(e, QD_CONFLICT, "test", "fail on purpose");
}

static qd_err tx_insert(struct store *st, void *ctx, struct qd_error *e)
{
	struct unit *u = ctx;
	qd_err r = st->ops->unit_insert(st, u);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "insert");
}

static void test_open(void)
{
	struct store *st = NULL;
	struct qd_error e = {0};
	char *missing = db_path("missing.db");
	qd_err r = store_open(missing, false, &st, &e);
	ok(r != QD_OK && st == NULL, "opening a missing file without create fails (%s)",
	   qd_err_name(r));
	ok(!file_exists(missing), "and does not create it");
	free(missing);

	ok(store_open("", true, &st, &e) == QD_BAD_PARAM, "empty location refused");
	ok(store_open(NULL, true, &st, &e) == QD_BAD_PARAM, "NULL location refused");
	ok(store_open("postgres://x/y", false, &st, &e) == QD_BAD_PARAM,
	   "postgres location refused for now, with a message");

	char *p = db_path("a.db");
	r = store_open(p, true, &st, &e);
	if (!ok(r == QD_OK && st, "create a new database")) {
		diag("%s: %s", qd_err_name(r), e.detail);
		free(p);
		return;
	}
	is_str(st->ops->backend, "sqlite", "backend is sqlite");
	ok(store_schema_version() >= 1, "schema version is at least 1");
	struct store *st2 = NULL;
	r = store_open(p, true, &st2, &e);
	ok(r != QD_OK && st2 == NULL, "creating over an open new database is refused (%s)",
	   qd_err_name(r));
	int64_t id = add_unit(st, 0, UK_COUNTY, "某县", "C001");
	is_int(id, 1, "first unit gets id 1");
	store_close(st);
	st = NULL;

	r = store_open(p, true, &st, &e);
	ok(r == QD_CONFLICT && st == NULL, "creating over an existing database: CONFLICT");
	r = store_open(p, false, &st, &e);
	if (ok(r == QD_OK, "reopen an existing database")) {
		struct unit u = {0};
		ok(st->ops->unit_get(st, 1, &u) == QD_OK && strcmp(u.name, "某县") == 0 &&
			   strcmp(u.path, "/1/") == 0 && u.code && strcmp(u.code, "C001") == 0,
		   "data survives reopening");
		unit_clear(&u);

		/* store_tx: an error rolls back, success commits. */
		struct unit nu = {.parent_id = 1, .kind = UK_TOWNSHIP, .active = true};
		nu.name = xstrdup("回滚镇");
		memset(&e, 0, sizeof e);
		r = store_tx(st, tx_insert_then_fail, &nu, &e);
		ok(r == QD_CONFLICT && e.code == QD_CONFLICT && strcmp(e.field, "test") == 0,
		   "store_tx returns the callback's error and its detail");
		int64_t rolled = nu.id;
		ok(st->ops->unit_get(st, rolled, &u) == QD_NOT_FOUND,
		   "the failed transaction's insert is rolled back");
		ok(!st->ops->in_tx(st), "no transaction left open after a failure");
		r = store_tx(st, tx_insert, &nu, &e);
		ok(r == QD_OK && st->ops->unit_get(st, nu.id, &u) == QD_OK,
		   "store_tx commits on success");
		ok(!st->ops->in_tx(st), "no transaction left open after success");
		unit_clear(&u);
		unit_clear(&nu);

		/* Nested: an inner rollback keeps the outer work. */
		struct unit a = {.parent_id = 1, .kind = UK_TOWNSHIP, .active = true};
		struct unit b = {.parent_id = 1, .kind = UK_TOWNSHIP, .active = true};
		a.name = xstrdup("外层镇");
		b.name = xstrdup("内层镇");
		begin(st);
		st->ops->unit_insert(st, &a);
		begin(st);
		st->ops->unit_insert(st, &b);
		st->ops->rollback(st);
		ok(st->ops->in_tx(st), "inner rollback keeps the outer transaction");
		commit(st);
		ok(st->ops->unit_get(st, a.id, &u) == QD_OK, "outer insert committed");
		unit_clear(&u);
		/* b got a.id + 1 inside the savepoint; that id is free again. */
		ok(st->ops->unit_get(st, b.id, &u) == QD_NOT_FOUND, "inner insert rolled back");
		unit_clear(&u);
		unit_clear(&a);
		unit_clear(&b);

		/* Settings and sequences. */
		char *v = NULL;
		ok(st->ops->setting_get(st, "nope", &v) == QD_NOT_FOUND && v == NULL,
		   "missing setting: NOT_FOUND");
		begin(st);
		st->ops->setting_set(st, "k", "一");
		st->ops->setting_set(st, "k", "二");
		commit(st);
		ok(st->ops->setting_get(st, "k", &v) == QD_OK && strcmp(v, "二") == 0,
		   "setting overwritten");
		free(v);
		int64_t n1 = 0, n2 = 0, n3 = 0;
		begin(st);
		st->ops->sequence_next(st, "item.2024", &n1);
		st->ops->sequence_next(st, "item.2024", &n2);
		st->ops->sequence_next(st, "item.2025", &n3);
		commit(st);
		ok(n1 == 1 && n2 == 2 && n3 == 1, "sequences count from 1, per name");

		/* Calendar. */
		begin(st);
		st->ops->calendar_set(st, day_from_civil(2024, 10, 1), "off");
		st->ops->calendar_set(st, day_from_civil(2024, 10, 2), "off");
		st->ops->calendar_set(st, day_from_civil(2024, 9, 29), "on");
		st->ops->calendar_set(st, day_from_civil(2025, 1, 1), "off");
		st->ops->calendar_set(st, day_from_civil(2024, 10, 2), NULL);
		commit(st);
		int *off = NULL, *on = NULL, noff = -1, non = -1;
		r = st->ops->calendar_get(st, day_from_civil(2024, 9, 1),
					  day_from_civil(2024, 12, 31), &off, &noff, &on, &non);
		ok(r == QD_OK && noff == 1 && non == 1 && off[0] == day_from_civil(2024, 10, 1) &&
			   on[0] == day_from_civil(2024, 9, 29),
		   "calendar: range, kinds, removal");
		free(off);
		free(on);
		store_close(st);
	}

	/* A schema newer than this binary is refused. */
	char *q = db_path("newer.db");
	r = store_open(q, true, &st, &e);
	store_close(st);
	st = NULL;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_version() + 1);
	ok(r == QD_OK && raw_sql(q, sql) == SQLITE_OK, "set user_version above the binary's");
	memset(&e, 0, sizeof e);
	r = store_open(q, false, &st, &e);
	ok(r == QD_SCHEMA_NEWER && e.code == QD_SCHEMA_NEWER && st == NULL,
	   "newer schema refused with QD_SCHEMA_NEWER (%s)", qd_err_name(r));
	ok(e.detail[0] != '\0', "with a detail: %s", e.detail);
	free(q);

	/* An older (here: empty, version 0) database is migrated on open. */
	q = db_path("older.db");
	ok(raw_sql(q, "CREATE TABLE junk(x); INSERT INTO junk VALUES (1);") == SQLITE_OK,
	   "make a version-0 database");
	r = store_open(q, false, &st, &e);
	if (ok(r == QD_OK, "a version-0 database is migrated (%s %s)", qd_err_name(r), e.detail)) {
		ok(add_unit(st, 0, UK_COUNTY, "迁移县", NULL) > 0, "and works");
		store_close(st);
		st = NULL;
	}
	free(q);

	/* A file that is not a database is refused cleanly. */
	q = db_path("garbage.db");
	FILE *f = fopen(q, "w");
	for (int i = 0; i < 200; i++)
		fputs("this is not a database ", f);
	fclose(f);
	r = store_open(q, false, &st, &e);
	ok(r != QD_OK && st == NULL, "a non-database file is refused (%s)", qd_err_name(r));
	free(q);
	free(p);
}

/* --------------------------------------------------------------- units */

struct tree_ids {
	int64_t county, township, village, grid, sibling;
};

static void test_units(struct store *st, struct tree_ids *t)
{
	t->county = add_unit(st, 0, UK_COUNTY, "县", "X");
	t->township = add_unit(st, t->county, UK_TOWNSHIP, "镇", NULL);
	t->village = add_unit(st, t->township, UK_VILLAGE, "村", NULL);
	t->grid = add_unit(st, t->village, UK_GRID, "网格", NULL);
	t->sibling = add_unit(st, t->county, UK_TOWNSHIP, "邻镇", NULL);
	ok(t->county == 1 && t->township == 2 && t->village == 3 && t->grid == 4 &&
		   t->sibling == 5,
	   "units get ids 1..5");
	const char *want[] = {"/1/", "/1/2/", "/1/2/3/", "/1/2/3/4/", "/1/5/"};
	for (int i = 0; i < 5; i++) {
		struct unit u = {0};
		ok(st->ops->unit_get(st, i + 1, &u) == QD_OK && strcmp(u.path, want[i]) == 0 &&
			   u.depth == path_depth(want[i]),
		   "unit %d path %s depth %d", i + 1, want[i], path_depth(want[i]));
		unit_clear(&u);
	}
	struct unit_array a = {0};
	ok(st->ops->unit_subtree(st, "/1/2/", 99, &a) == QD_OK && a.n == 3 && a.v[0].id == 2 &&
		   a.v[1].id == 3 && a.v[2].id == 4,
	   "subtree of the township: township, village, grid");
	unit_array_free(&a);
	ok(st->ops->unit_subtree(st, "/1/", 1, &a) == QD_OK && a.n == 3 && a.v[0].id == 1 &&
		   a.v[1].id == 2 && a.v[2].id == 5,
	   "subtree of the county to depth 1");
	unit_array_free(&a);
	ok(st->ops->unit_children(st, 1, &a) == QD_OK && a.n == 2 && a.v[0].id == 2 &&
		   a.v[1].id == 5,
	   "children of the county");
	unit_array_free(&a);
	ok(st->ops->unit_children(st, 0, &a) == QD_OK && a.n == 1 && a.v[0].id == 1,
	   "roots");
	unit_array_free(&a);

	struct unit u = {0};
	ok(st->ops->unit_get(st, 99, &u) == QD_NOT_FOUND, "unknown unit: NOT_FOUND");
	u.parent_id = 99;
	u.kind = UK_VILLAGE;
	u.name = xstrdup("孤儿村");
	begin(st);
	ok(st->ops->unit_insert(st, &u) == QD_NOT_FOUND, "unit under an unknown parent refused");
	st->ops->rollback(st);
	unit_clear(&u);
	u.parent_id = 1;
	u.kind = UK_VILLAGE;
	u.name = xstrdup("重码村");
	u.code = xstrdup("X");
	begin(st);
	ok(st->ops->unit_insert(st, &u) == QD_CONFLICT, "duplicate unit code: CONFLICT");
	st->ops->rollback(st);
	unit_clear(&u);

	ok(st->ops->unit_get(st, 3, &u) == QD_OK, "get village");
	xstrset(&u.name, "新村");
	u.active = false;
	begin(st);
	ok(st->ops->unit_update(st, &u) == QD_OK, "update village");
	commit(st);
	unit_clear(&u);
	st->ops->unit_get(st, 3, &u);
	ok(strcmp(u.name, "新村") == 0 && !u.active && strcmp(u.path, "/1/2/3/") == 0,
	   "name and active changed, path kept");
	u.active = true;
	begin(st);
	st->ops->unit_update(st, &u);
	commit(st);
	unit_clear(&u);
}

/* --------------------------------------------------------------- items */

struct spec {
	const char *ext;
	int64_t unit;
	int kind, source, level, mode, status, closure;
	int found, due, closed; /* offsets from T; 999 = none */
	const char *title, *detail;
};
#define NONE_OFS 999

static int64_t g_person;

static int64_t add_item(struct store *st, const struct spec *s)
{
	struct item it;
	item_init(&it);
	it.ext_id = xstrdup(s->ext);
	it.kind = s->kind;
	it.source = s->source;
	it.level = s->level;
	it.title = xstrdup(s->title);
	it.detail = xstrdup(s->detail ? s->detail : "");
	it.unit_id = s->unit;
	it.upath = unit_path_of(st, s->unit);
	it.mode = s->mode;
	it.found_on = T + s->found;
	it.due_on = s->due == NONE_OFS ? DAY_NONE : T + s->due;
	it.status = s->status;
	it.closure = s->closure;
	if (s->closed != NONE_OFS) {
		it.closed_on = T + s->closed;
		it.closed_at = 1718000000;
	}
	it.created_at = it.updated_at = 1718000000;
	it.version = 1;
	begin(st);
	qd_err r = st->ops->item_insert(st, &it);
	struct stat_deltas d = {0};
	stats_item_change(&d, NULL, &it);
	if (r == QD_OK)
		r = st->ops->stat_apply(st, &d);
	stat_deltas_free(&d);
	commit(st);
	int64_t id = r == QD_OK ? it.id : 0;
	if (!id)
		ok(0, "insert item %s: %s", s->ext, qd_err_name(r));
	item_clear(&it);
	return id;
}

/* Update an item and its counters in one transaction (as the app does). */
static qd_err change_item(struct store *st, const struct item *old, const struct item *nw)
{
	begin(st);
	qd_err r = st->ops->item_update(st, nw);
	struct stat_deltas d = {0};
	stats_item_change(&d, old, nw);
	if (r == QD_OK)
		r = st->ops->stat_apply(st, &d);
	stat_deltas_free(&d);
	if (r == QD_OK)
		commit(st);
	else
		st->ops->rollback(st);
	return r;
}

static int64_t add_measure(struct store *st, int64_t item_id, int status)
{
	struct item it;
	item_init(&it);
	st->ops->item_get(st, item_id, &it);
	struct measure m;
	measure_init(&m);
	m.item_id = item_id;
	m.text = xstrdup("整改措施");
	m.status = status;
	m.evidence = xstrdup("");
	m.unit_id = it.unit_id;
	m.upath = xstrdup(it.upath);
	m.created_at = m.updated_at = 1718000000;
	begin(st);
	qd_err r = st->ops->measure_insert(st, &m);
	struct stat_deltas d = {0};
	stats_measure_change(&d, NULL, NULL, &m, &it);
	if (r == QD_OK)
		r = st->ops->stat_apply(st, &d);
	stat_deltas_free(&d);
	commit(st);
	int64_t id = r == QD_OK ? m.id : 0;
	measure_clear(&m);
	item_clear(&it);
	return id;
}

/* Ids of a listing, as a compact string "1,3,4" sorted ascending. */
static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static char *ids_of(const struct item_array *a, bool sort)
{
	int64_t *v = xmalloc(sizeof *v * (size_t)(a->n + 1));
	for (int i = 0; i < a->n; i++)
		v[i] = a->v[i].id;
	if (sort)
		qsort(v, (size_t)a->n, sizeof *v, cmp_i64);
	char *s = xmalloc((size_t)a->n * 21 + 1);
	s[0] = '\0';
	for (int i = 0; i < a->n; i++)
		sprintf(s + strlen(s), "%s%lld", i ? "," : "", (long long)v[i]);
	free(v);
	return s;
}

static void init_filter(struct item_filter *f, const char *upath)
{
	memset(f, 0, sizeof *f);
	f->upath = upath;
	f->kind = f->status = f->mode = f->level = f->source = -1;
	f->today = T;
	f->due_from = f->due_to = DAY_NONE;
	f->limit = 100;
}

/* List with f and compare the sorted ids with want. */
static void expect_list(struct store *st, const struct item_filter *f, const char *want,
			const char *label)
{
	struct item_array a = {0};
	bool more = true;
	qd_err r = st->ops->item_list(st, f, &a, &more);
	char *got = ids_of(&a, f->sort != SORT_DUE);
	if (r != QD_OK)
		ok(0, "%s: item_list failed with %s", label, qd_err_name(r));
	else
		is_str(got, want, "%s", label);
	free(got);
	item_array_free(&a);
}

static bool stats_equal(const struct stat_result *kept, const struct stat_result *counted,
			const char *label)
{
	bool same = kept->overdue == counted->overdue;
	if (!same)
		diag("%s: overdue kept %lld, recount %lld", label, (long long)kept->overdue,
		     (long long)counted->overdue);
	for (int i = 0; i < counted->n; i++)
		if (stat_get(kept, counted->v[i].metric) != counted->v[i].n) {
			same = false;
			diag("%s: %s kept %lld, recount %lld", label, counted->v[i].metric,
			     (long long)stat_get(kept, counted->v[i].metric),
			     (long long)counted->v[i].n);
		}
	for (int i = 0; i < kept->n; i++)
		if (kept->v[i].n != 0 && stat_get(counted, kept->v[i].metric) == 0) {
			same = false;
			diag("%s: %s kept %lld, recount 0", label, kept->v[i].metric,
			     (long long)kept->v[i].n);
		}
	return same;
}

/* stat_pick gives what stat_query gives, for each metric asked. */
static bool pick_agrees(struct store *st, int64_t unit, const struct stat_result *all)
{
	const char *m[] = {"items", "status.open", "status.closed", "closure.resolved",
			   "measures", "no.such.metric"};
	int64_t v[6], overdue = -1;
	if (st->ops->stat_pick(st, unit, T, m, 6, v, &overdue) != QD_OK)
		return false;
	bool same = overdue == all->overdue;
	for (int i = 0; i < 6; i++)
		same = same && v[i] == stat_get(all, m[i]);
	return same;
}

static void expect_recount(struct store *st, int64_t unit, const char *label)
{
	struct stat_result kept = {0}, counted = {0};
	qd_err r1 = st->ops->stat_query(st, unit, DAY_NONE, DAY_NONE, T, &kept);
	qd_err r2 = st->ops->stat_recount(st, unit, T, &counted);
	ok(r1 == QD_OK && r2 == QD_OK && stats_equal(&kept, &counted, label),
	   "%s: counters of unit %lld equal a recount", label, (long long)unit);
	ok(r1 == QD_OK && pick_agrees(st, unit, &kept),
	   "%s: picked counters of unit %lld agree", label, (long long)unit);
	stat_result_free(&kept);
	stat_result_free(&counted);
}

static int64_t query(struct store *st, int64_t unit, int from, int to, const char *metric)
{
	struct stat_result r = {0};
	int64_t n = -1;
	if (st->ops->stat_query(st, unit, from, to, T, &r) == QD_OK)
		n = strcmp(metric, "overdue") == 0 ? r.overdue : stat_get(&r, metric);
	stat_result_free(&r);
	return n;
}

static void test_items(struct store *st, const struct tree_ids *t)
{
	struct person p = {0};
	p.unit_id = t->village;
	p.name = xstrdup("张三");
	p.title = xstrdup("村支书");
	p.active = true;
	begin(st);
	ok(st->ops->person_insert(st, &p) == QD_OK, "insert a person");
	commit(st);
	g_person = p.id;
	person_clear(&p);

	const struct spec specs[] = {
		{"T-1", t->village, IK_PROBLEM, SRC_SELF_INSPECTION, LVL_LEADER, MODE_DEADLINE,
		 ST_OPEN, -1, -30, -5, NONE_OFS, "建议早上路灯照明时间提前", NULL},
		{"T-2", t->village, IK_DEED, SRC_OPINION, -1, MODE_IMMEDIATE, ST_IN_PROGRESS, -1,
		 -20, NONE_OFS, NONE_OFS, "村委会办公室漏雨", "漏雨面积约100%屋顶"},
		{"T-3", t->grid, IK_PROBLEM, SRC_SUPERVISION, LVL_ORGANIZATION, MODE_DEADLINE,
		 ST_OPEN, -1, -10, 3, NONE_OFS, "路灯损坏无人维修", NULL},
		{"T-4", t->village, IK_PROBLEM, SRC_PETITION, LVL_MEMBER, MODE_DEADLINE, ST_CLOSED,
		 CL_RESOLVED, -40, -10, -12, "垃圾清运不及时", "群众反映照明时间太短"},
		{"T-5", t->sibling, IK_PROBLEM, SRC_RESEARCH, LVL_LEADER, MODE_LONG_TERM, ST_OPEN,
		 -1, -15, 30, NONE_OFS, "乡镇路灯照明时间调整", NULL},
		{"T-6", t->grid, IK_CASE, SRC_PETITION, -1, MODE_LONG_TERM, ST_REVIEW, -1, -5, -1,
		 NONE_OFS, "邻里纠纷调解", NULL},
		{"T-7", t->village, IK_PROBLEM, SRC_ASSIGNMENT, -1, MODE_DEADLINE, ST_OPEN, -1, 0,
		 0, NONE_OFS, "上级交办事项", NULL},
	};
	int64_t ids[7];
	for (int i = 0; i < 7; i++)
		ids[i] = add_item(st, &specs[i]);
	ok(ids[0] == 1 && ids[6] == 7, "items get ids 1..7");

	/* claimant on 6, responsible on 3 */
	struct item it, old;
	item_init(&it);
	item_init(&old);
	st->ops->item_get(st, 6, &old);
	item_copy(&it, &old);
	it.claimant_id = g_person;
	it.version++;
	ok(change_item(st, &old, &it) == QD_OK, "set a claimant");
	item_clear(&it);
	item_clear(&old);
	st->ops->item_get(st, 3, &old);
	item_copy(&it, &old);
	it.responsible_id = g_person;
	it.version++;
	ok(change_item(st, &old, &it) == QD_OK, "set a responsible person");
	item_clear(&it);
	item_clear(&old);

	/* get, get by ext */
	ok(st->ops->item_get(st, 1, &it) == QD_OK && strcmp(it.title, specs[0].title) == 0 &&
		   strcmp(it.upath, "/1/2/3/") == 0 && it.level == LVL_LEADER &&
		   it.due_on == T - 5 && it.closed_on == DAY_NONE && it.closure == -1 &&
		   it.version == 1,
	   "item_get reads back every field");
	item_clear(&it);
	ok(st->ops->item_get_by_ext(st, "T-4", &it) == QD_OK && it.id == 4 &&
		   it.status == ST_CLOSED && it.closure == CL_RESOLVED && it.closed_on == T - 12,
	   "item_get_by_ext with closure fields");
	item_clear(&it);
	ok(st->ops->item_get(st, 999, &it) == QD_NOT_FOUND, "unknown item: NOT_FOUND");
	ok(st->ops->item_get_by_ext(st, "NOPE", &it) == QD_NOT_FOUND, "unknown ext: NOT_FOUND");
	begin(st);
	item_init(&it);
	it.ext_id = xstrdup("T-1");
	it.kind = IK_PROBLEM;
	it.source = SRC_RESEARCH;
	it.mode = MODE_IMMEDIATE;
	it.status = ST_OPEN;
	it.title = xstrdup("dup");
	it.unit_id = 3;
	it.upath = xstrdup("/1/2/3/");
	it.found_on = T;
	ok(st->ops->item_insert(st, &it) == QD_CONFLICT, "duplicate ext_id: CONFLICT");
	st->ops->rollback(st);
	item_clear(&it);

	/* Filters (subtree of the township holds 1,2,3,4,6,7). */
	struct item_filter f;
	init_filter(&f, "/1/2/");
	expect_list(st, &f, "1,2,3,4,6,7", "township subtree");
	init_filter(&f, "/1/");
	expect_list(st, &f, "1,2,3,4,5,6,7", "county subtree");
	init_filter(&f, "/1/2/3/4/");
	expect_list(st, &f, "3,6", "grid subtree");
	init_filter(&f, "/1/5/");
	expect_list(st, &f, "5", "sibling subtree");

	static const struct {
		int which; /* 0 kind 1 status 2 mode 3 level 4 source */
		int v;
		const char *want;
	} fl[] = {
		{0, IK_PROBLEM, "1,3,4,7"},    {0, IK_DEED, "2"},
		{0, IK_CASE, "6"},             {1, ST_OPEN, "1,3,7"},
		{1, ST_IN_PROGRESS, "2"},      {1, ST_REVIEW, "6"},
		{1, ST_CLOSED, "4"},           {2, MODE_DEADLINE, "1,3,4,7"},
		{2, MODE_IMMEDIATE, "2"},      {2, MODE_LONG_TERM, "6"},
		{3, LVL_LEADER, "1"},          {3, LVL_ORGANIZATION, "3"},
		{3, LVL_MEMBER, "4"},          {3, LVL_LEADERSHIP_TEAM, ""},
		{4, SRC_SELF_INSPECTION, "1"}, {4, SRC_OPINION, "2"},
		{4, SRC_SUPERVISION, "3"},     {4, SRC_PETITION, "4,6"},
		{4, SRC_ASSIGNMENT, "7"},      {4, SRC_RESEARCH, ""},
	};
	static const char *const fname[] = {"kind", "status", "mode", "level", "source"};
	static const struct code_table *const ftab[] = {&T_ITEM_KIND, &T_STATUS, &T_MODE,
							 &T_LEVEL, &T_SOURCE};
	for (size_t i = 0; i < sizeof fl / sizeof fl[0]; i++) {
		init_filter(&f, "/1/2/");
		int *slot[] = {&f.kind, &f.status, &f.mode, &f.level, &f.source};
		*slot[fl[i].which] = fl[i].v;
		char label[80];
		snprintf(label, sizeof label, "filter %s=%s", fname[fl[i].which],
			 code_str(ftab[fl[i].which], fl[i].v));
		expect_list(st, &f, fl[i].want, label);
	}
	init_filter(&f, "/1/2/");
	f.kind = IK_PROBLEM;
	f.status = ST_OPEN;
	f.mode = MODE_DEADLINE;
	expect_list(st, &f, "1,3,7", "filters combine (problem, open, deadline)");
	init_filter(&f, "/1/2/");
	f.open_only = true;
	expect_list(st, &f, "1,2,3,6,7", "open_only");
	init_filter(&f, "/1/2/");
	f.overdue = true;
	expect_list(st, &f, "1,6", "overdue on a fixed today (due before today, not closed)");
	f.today = T + 4;
	expect_list(st, &f, "1,3,6,7", "overdue four days later");
	f.today = T - 5;
	expect_list(st, &f, "", "overdue five days earlier: item 1 is due that very day");
	init_filter(&f, "/1/");
	f.claimant_id = g_person;
	expect_list(st, &f, "6", "claimant");
	init_filter(&f, "/1/");
	f.responsible_id = g_person;
	expect_list(st, &f, "3", "responsible");
	init_filter(&f, "/1/2/");
	f.due_from = T;
	f.due_to = T + 3;
	expect_list(st, &f, "3,7", "due range [today, today+3]");
	init_filter(&f, "/1/2/");
	f.sort = SORT_DUE;
	expect_list(st, &f, "4,1,6,7,3,2", "sort by due day, no due day last");
	init_filter(&f, "/1/2/");
	f.sort = SORT_FOUND;
	{
		struct item_array a = {0};
		bool more;
		st->ops->item_list(st, &f, &a, &more);
		char *got = ids_of(&a, false);
		is_str(got, "7,6,3,2,1,4", "sort by found day, newest first");
		free(got);
		item_array_free(&a);
	}

	/* Text search: FTS trigram for >= 3 characters, LIKE below. */
	static const struct {
		const char *path, *text, *want, *what;
	} ts[] = {
		{"/1/2/", "照明时间", "1,4", "4 chars via FTS, title and detail"},
		{"/1/", "照明时间", "1,4,5", "the same over the county"},
		{"/1/2/", "路灯照明时间提前", "1", "a long phrase"},
		{"/1/2/", "照明时", "1,4", "exactly 3 chars"},
		{"/1/2/", "路灯", "1,3", "2-char fallback"},
		{"/1/", "路灯", "1,3,5", "2-char fallback over the county"},
		{"/1/2/3/4/", "路灯", "3", "2-char fallback in the grid"},
		{"/1/2/", "灯", "1,3", "1 char"},
		{"/1/2/", "漏雨面积", "2", "in the detail only"},
		{"/1/2/", "%", "2", "'%' is literal, not a wildcard"},
		{"/1/2/", "0%", "2", "'0%' is literal"},
		{"/1/2/", "_", "", "'_' is literal"},
		{"/1/2/", "\\", "", "backslash"},
		{"/1/2/", "照明\"时间", "", "a double quote inside a phrase"},
		{"/1/2/", "\"", "", "a lone double quote"},
		{"/1/2/", "OR", "", "an FTS operator word (2 chars)"},
		{"/1/2/", "照明 OR 路灯", "", "FTS syntax is not interpreted"},
		{"/1/2/", "路灯*", "", "'*' is literal"},
		{"/1/2/", "不存在的词", "", "no match"},
	};
	/* First with every item waiting for the index, then indexed. */
	for (int pass = 0; pass < 2; pass++) {
		if (pass)
			ok(st->ops->search_sync(st) == QD_OK, "the search index brought up to date");
		for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
			init_filter(&f, ts[i].path);
			f.text = ts[i].text;
			char label[160];
			snprintf(label, sizeof label, "text '%s' under %s: %s (%s)", ts[i].text,
				 ts[i].path, ts[i].what, pass ? "indexed" : "waiting");
			expect_list(st, &f, ts[i].want, label);
		}
	}
	init_filter(&f, "/1/2/");
	f.text = "照明时间";
	f.status = ST_CLOSED;
	expect_list(st, &f, "4", "text combined with status");

	/* Optimistic versions. */
	struct item v1;
	item_init(&v1);
	st->ops->item_get(st, 2, &v1);
	item_copy(&it, &v1);
	xstrset(&it.title, "村委会办公室屋顶漏雨修缮");
	it.version = v1.version + 1;
	ok(change_item(st, &v1, &it) == QD_OK, "update with the version read");
	struct item stale;
	item_copy(&stale, &v1);
	xstrset(&stale.title, "过时的修改");
	stale.version = v1.version + 1;
	ok(change_item(st, &v1, &stale) == QD_CONFLICT, "a second writer with the same version: "
							"CONFLICT");
	stale.version = v1.version + 5;
	ok(change_item(st, &v1, &stale) == QD_CONFLICT, "a version from the future: CONFLICT");
	item_clear(&stale);
	item_clear(&it);
	ok(st->ops->item_get(st, 2, &it) == QD_OK &&
		   strcmp(it.title, "村委会办公室屋顶漏雨修缮") == 0 &&
		   it.version == v1.version + 1,
	   "the first update stands");
	item_clear(&it);
	item_clear(&v1);
	init_filter(&f, "/1/2/");
	f.text = "屋顶漏雨";
	expect_list(st, &f, "2", "search finds the new title");
	f.text = "办公室漏雨";
	expect_list(st, &f, "", "search no longer finds the old title");
	f.text = "过时的修改";
	expect_list(st, &f, "", "the refused update left nothing in the index");
	ok(st->ops->search_sync(st) == QD_OK, "the changed title indexed");
	f.text = "屋顶漏雨";
	expect_list(st, &f, "2", "… then the index finds the new title");
	f.text = "办公室漏雨";
	expect_list(st, &f, "", "… and not the old one");

	/* Pagination over the grid: 2 items + 7 more. */
	for (int i = 0; i < 7; i++) {
		char ext[16], title[32];
		snprintf(ext, sizeof ext, "P-%d", i);
		snprintf(title, sizeof title, "分页测试%d", i);
		struct spec s = {ext, t->grid, IK_PROBLEM, SRC_SELF_INSPECTION, -1, MODE_IMMEDIATE,
				 ST_OPEN, -1, -1, NONE_OFS, NONE_OFS, title, NULL};
		add_item(st, &s);
	}
	init_filter(&f, "/1/2/3/4/");
	f.limit = 4;
	char all[256] = "";
	int seen = 0;
	bool more_flags[3];
	for (int page = 0; page < 3; page++) {
		struct item_array a = {0};
		bool more = false;
		f.offset = page * 4;
		st->ops->item_list(st, &f, &a, &more);
		more_flags[page] = more;
		seen += a.n;
		char *s = ids_of(&a, false);
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", page ? "," : "", s);
		free(s);
		is_int(a.n, page < 2 ? 4 : 1, "page %d size", page + 1);
		item_array_free(&a);
	}
	ok(more_flags[0] && more_flags[1] && !more_flags[2], "has_more: yes, yes, no");
	is_str(all, "14,13,12,11,10,9,8,6,3", "pages are disjoint, newest first, cover all");
	f.offset = 0;
	f.limit = 9;
	{
		struct item_array a = {0};
		bool more = true;
		st->ops->item_list(st, &f, &a, &more);
		ok(a.n == 9 && !more, "limit equal to the total: no more");
		item_array_free(&a);
		f.limit = 8;
		st->ops->item_list(st, &f, &a, &more);
		ok(a.n == 8 && more, "limit one short: more");
		item_array_free(&a);
		f.offset = 100;
		st->ops->item_list(st, &f, &a, &more);
		ok(a.n == 0 && !more, "offset past the end: empty, no more");
		item_array_free(&a);
	}

	/* Measures. */
	int64_t m1 = add_measure(st, 1, MS_OPEN), m2 = add_measure(st, 1, MS_DONE);
	int64_t m3 = add_measure(st, 3, MS_IN_PROGRESS);
	ok(m1 && m2 && m3, "insert measures");
	struct measure_array ma = {0};
	ok(st->ops->measure_list_for_item(st, 1, &ma) == QD_OK && ma.n == 2 && ma.v[0].seq == 1 &&
		   ma.v[1].seq == 2,
	   "measures of an item numbered 1, 2");
	measure_array_free(&ma);

	/* Counters. */
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "items"), 14, "county: 14 items");
	is_int(query(st, 2, DAY_NONE, DAY_NONE, "items"), 13, "township: 13 items");
	is_int(query(st, 3, DAY_NONE, DAY_NONE, "items"), 13, "village (with grid): 13 items");
	is_int(query(st, 4, DAY_NONE, DAY_NONE, "items"), 9, "grid: 9 items");
	is_int(query(st, 5, DAY_NONE, DAY_NONE, "items"), 1, "sibling: 1 item");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "status.closed"), 1, "county: 1 closed");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "closure.resolved"), 1, "county: 1 resolved");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "closed.ontime"), 1, "county: 1 closed on time");
	is_int(query(st, 2, DAY_NONE, DAY_NONE, "status.open"), 10, "township: 10 open");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "claimed"), 1, "county: 1 claimed");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "measures"), 3, "county: 3 measures");
	is_int(query(st, 4, DAY_NONE, DAY_NONE, "measures"), 1, "grid: 1 measure");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "measure.level.leader"), 2,
	       "county: 2 measures of leader-level items");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "overdue"), 2, "county: 2 overdue");
	is_int(query(st, 4, DAY_NONE, DAY_NONE, "overdue"), 1, "grid: 1 overdue");
	is_int(query(st, 5, DAY_NONE, DAY_NONE, "overdue"), 0, "sibling: none overdue");
	is_int(query(st, 1, T - 20, T - 10, "items"), 3, "county, found in [T-20, T-10]: 3");
	is_int(query(st, 2, T - 20, T - 10, "items"), 2, "township, found in [T-20, T-10]: 2");
	is_int(query(st, 1, T - 20, T - 20, "items"), 1, "a single day");
	is_int(query(st, 1, T + 1, DAY_NONE, "items"), 0, "nothing found after today");
	is_int(query(st, 1, DAY_NONE, T - 3, "overdue"), 1, "overdue due up to T-3: 1");
	is_int(query(st, 1, T - 2, DAY_NONE, "overdue"), 1, "overdue due from T-2: 1");
	for (int64_t u = 1; u <= 5; u++)
		expect_recount(st, u, "after inserts and updates");
}

static void test_move(struct store *st, const struct tree_ids *t)
{
	/* Move the village (with its grid) from the township to the sibling,
	 * as the app does: counters first, then paths. */
	begin(st);
	qd_err r = st->ops->stat_move(st, t->village, "/1/2/", "/1/5/");
	if (r == QD_OK)
		r = st->ops->unit_move(st, t->village, t->sibling, "/1/2/3/", "/1/5/3/");
	commit(st);
	ok(r == QD_OK, "move the village under the sibling township");
	struct unit u = {0};
	st->ops->unit_get(st, t->village, &u);
	ok(strcmp(u.path, "/1/5/3/") == 0 && u.depth == 2 && u.parent_id == t->sibling,
	   "village path, depth, parent");
	unit_clear(&u);
	st->ops->unit_get(st, t->grid, &u);
	ok(strcmp(u.path, "/1/5/3/4/") == 0 && u.depth == 3 && u.parent_id == t->village,
	   "grid path follows");
	unit_clear(&u);
	struct unit_array a = {0};
	st->ops->unit_subtree(st, "/1/2/", 99, &a);
	ok(a.n == 1 && a.v[0].id == t->township, "the township is left alone");
	unit_array_free(&a);
	st->ops->unit_subtree(st, "/1/5/", 99, &a);
	ok(a.n == 3 && a.v[0].id == 5 && a.v[1].id == 3 && a.v[2].id == 4,
	   "the sibling's subtree holds the village and grid");
	unit_array_free(&a);

	struct item it;
	item_init(&it);
	st->ops->item_get(st, 1, &it);
	is_str(it.upath, "/1/5/3/", "village item's owner path follows");
	item_clear(&it);
	st->ops->item_get(st, 3, &it);
	is_str(it.upath, "/1/5/3/4/", "grid item's owner path follows");
	item_clear(&it);
	struct measure_array ma = {0};
	st->ops->measure_list_for_item(st, 3, &ma);
	ok(ma.n == 1 && strcmp(ma.v[0].upath, "/1/5/3/4/") == 0, "measure's path follows");
	measure_array_free(&ma);

	struct item_filter f;
	init_filter(&f, "/1/2/");
	expect_list(st, &f, "", "no items left under the township");
	init_filter(&f, "/1/5/");
	f.text = "路灯";
	expect_list(st, &f, "1,3,5", "search under the new parent");

	is_int(query(st, 2, DAY_NONE, DAY_NONE, "items"), 0, "township counters emptied");
	is_int(query(st, 2, DAY_NONE, DAY_NONE, "overdue"), 0, "township overdue emptied");
	is_int(query(st, 5, DAY_NONE, DAY_NONE, "items"), 14, "sibling counts 14 items");
	is_int(query(st, 5, DAY_NONE, DAY_NONE, "overdue"), 2, "sibling counts 2 overdue");
	is_int(query(st, 1, DAY_NONE, DAY_NONE, "items"), 14, "county unchanged");
	for (int64_t id = 1; id <= 5; id++)
		expect_recount(st, id, "after moving the village");

	/* Move the grid straight under the county: depth changes by 2. */
	begin(st);
	r = st->ops->stat_move(st, t->grid, "/1/5/3/", "/1/");
	if (r == QD_OK)
		r = st->ops->unit_move(st, t->grid, t->county, "/1/5/3/4/", "/1/4/");
	commit(st);
	ok(r == QD_OK, "move the grid under the county");
	st->ops->unit_get(st, t->grid, &u);
	ok(strcmp(u.path, "/1/4/") == 0 && u.depth == 1, "grid path and depth");
	unit_clear(&u);
	init_filter(&f, "/1/4/");
	expect_list(st, &f, "3,6,8,9,10,11,12,13,14", "the grid's items moved with it");
	is_int(query(st, 3, DAY_NONE, DAY_NONE, "items"), 4, "village now counts 4 items");
	is_int(query(st, 4, DAY_NONE, DAY_NONE, "items"), 9, "grid still counts 9");
	for (int64_t id = 1; id <= 5; id++)
		expect_recount(st, id, "after moving the grid");
	ok(st->ops->unit_get(st, 3, &u) == QD_OK && strcmp(u.path, "/1/5/3/") == 0,
	   "village path unchanged by the grid's move");
	unit_clear(&u);
}

static void test_people(struct store *st)
{
	struct person p = {0};
	p.unit_id = 3;
	p.name = xstrdup("李四");
	begin(st);
	st->ops->person_insert(st, &p);
	struct account a = {0};
	a.person_id = p.id;
	a.login = xstrdup("lisi");
	a.pwhash = xstrdup("$argon2id$dummy");
	snprintf(a.lang, sizeof a.lang, "zh");
	a.active = true;
	qd_err r = st->ops->account_insert(st, &a);
	struct grant g = {0};
	g.account_id = a.id;
	g.unit_id = 3;
	g.role = ROLE_HANDLER;
	if (r == QD_OK)
		r = st->ops->grant_insert(st, &g);
	commit(st);
	ok(r == QD_OK, "person, account, grant");
	struct grant_array ga = {0};
	ok(st->ops->grant_list(st, a.id, &ga) == QD_OK && ga.n == 1 &&
		   ga.v[0].role == ROLE_HANDLER && ga.v[0].unit_path &&
		   strcmp(ga.v[0].unit_path, "/1/5/3/") == 0,
	   "grant list carries the unit's current path");
	grant_array_free(&ga);
	struct account b = {0};
	ok(st->ops->account_by_login(st, "lisi", &b) == QD_OK && b.id == a.id &&
		   strcmp(b.lang, "zh") == 0,
	   "account by login");
	account_clear(&b);
	b.person_id = p.id;
	b.login = xstrdup("lisi");
	b.pwhash = xstrdup("x");
	begin(st);
	ok(st->ops->account_insert(st, &b) == QD_CONFLICT, "same login (and person): CONFLICT");
	st->ops->rollback(st);
	account_clear(&b);
	begin(st);
	ok(st->ops->grant_insert(st, &g) == QD_CONFLICT, "same grant twice: CONFLICT");
	st->ops->rollback(st);
	begin(st);
	ok(st->ops->grant_delete(st, g.id) == QD_OK, "grant delete");
	commit(st);
	ok(st->ops->grant_list(st, a.id, &ga) == QD_OK && ga.n == 0, "grant gone");
	grant_array_free(&ga);
	grant_clear(&g);
	account_clear(&a);
	person_clear(&p);
}

/* Periods across month edges: the answer, read from month rows where whole
 * months fit and from day rows at the edges, equals a count by found day. */
static void test_period_sums(void)
{
	char *p = db_path("periods.db");
	struct store *st = NULL;
	struct qd_error e = {0};
	if (!ok(store_open(p, true, &st, &e) == QD_OK, "create the periods database")) {
		free(p);
		return;
	}
	struct unit u = {0};
	u.kind = UK_COUNTY;
	u.name = xstrdup("县");
	u.active = true;
	begin(st);
	ok(st->ops->unit_insert(st, &u) == QD_OK, "a root unit");
	/* One item found on each of these days (some month ends and starts). */
	static const int md[][3] = {{2023, 12, 31}, {2024, 1, 1}, {2024, 1, 20}, {2024, 1, 31},
				    {2024, 2, 1}, {2024, 2, 29}, {2024, 3, 1}, {2024, 3, 15},
				    {2024, 4, 30}, {2024, 5, 1}, {2024, 6, 14}};
	int nd = (int)(sizeof md / sizeof md[0]), days[16];
	for (int i = 0; i < nd; i++) {
		days[i] = day_from_civil(md[i][0], md[i][1], md[i][2]);
		struct item it;
		item_init(&it);
		it.kind = IK_PROBLEM;
		it.source = SRC_OPINION;
		it.mode = MODE_IMMEDIATE;
		it.status = ST_OPEN;
		it.found_on = days[i];
		it.upath = xstrdup(u.path);
		struct stat_deltas d = {0};
		stats_item_change(&d, NULL, &it);
		st->ops->stat_apply(st, &d);
		stat_deltas_free(&d);
		item_clear(&it);
	}
	commit(st);
	int bad = 0, tried = 0;
	for (int from = days[0] - 3; from <= days[nd - 1] + 2; from += 2) {
		for (int to = from; to <= days[nd - 1] + 3; to += 3) {
			int64_t want = 0;
			for (int i = 0; i < nd; i++)
				want += days[i] >= from && days[i] <= to;
			tried++;
			if (query(st, u.id, from, to, "items") != want && bad++ < 3) {
				char a[DAY_TEXT_LEN], b[DAY_TEXT_LEN];
				day_format(from, a);
				day_format(to, b);
				diag("items found %s..%s: got %lld, want %lld", a, b,
				     (long long)query(st, u.id, from, to, "items"), (long long)want);
			}
		}
	}
	ok(bad == 0, "%d periods across month edges sum exactly (%d wrong)", tried, bad);
	is_int(query(st, u.id, DAY_NONE, DAY_NONE, "items"), nd, "all time: every item");
	is_int(query(st, u.id, days[2], DAY_NONE, "items"), nd - 2, "from a day on");
	is_int(query(st, u.id, DAY_NONE, days[2], "items"), 3, "up to a day");
	unit_clear(&u);
	store_close(st);
	free(p);
}

int main(void)
{
	setenv("QINGDAN_TODAY", "2024-06-15", 1);
	T = day_from_civil(2024, 6, 15);
	const char *tmp = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/qd-test-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(g_dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_open();

	char *p = db_path("ledger.db");
	struct store *st = NULL;
	struct qd_error e = {0};
	if (ok(store_open(p, true, &st, &e) == QD_OK, "create the ledger database")) {
		struct tree_ids t;
		test_units(st, &t);
		test_items(st, &t);
		test_move(st, &t);
		test_people(st);
		char *msg = NULL;
		ok(st->ops->integrity_check(st, &msg) == QD_OK && msg == NULL,
		   "database integrity and foreign keys hold");
		free(msg);
		store_close(st);
	}
	free(p);
	test_period_sums();
	rm_tree(g_dir);
	return done_testing();
}
