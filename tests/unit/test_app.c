/* test_app.c: the use cases with real actors on a real database.
 *
 * A county tree (county 1, township 2, village 3, grid 4, sibling township
 * 5), seven accounts with one grant each, then the life of items: measures,
 * sign-off from above, send-back, reopen, claims, edits, access from outside
 * the subtree, counters, overdue, unit moves, and `check` finding records
 * changed behind the ledger's back. */
#include "tap.h"
#include "app/app.h"
#include "domain/codes.h"
#include "domain/tree.h"
#include "util/alloc.h"
#include "util/date.h"
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char g_dir[256];
static char g_db[300];
static struct app A;
static struct actor SYS;
static int T; /* today: 2024-06-15 */

static int64_t U_COUNTY, U_TOWN, U_VIL, U_GRID, U_SIB;

struct user {
	const char *login;
	int role;
	int64_t *unit;
	int64_t account, person, grant;
	struct actor ac;
};
enum { HANDLER_V, LEADER_V, LEADER_T, SUPER_V, GRID_W, VIEWER_T, HANDLER_S, N_USERS };
static struct user U[N_USERS] = {
	[HANDLER_V] = {"handler.v", ROLE_HANDLER, &U_VIL, 0, 0, 0, {0}},
	[LEADER_V] = {"leader.v", ROLE_LEADER, &U_VIL, 0, 0, 0, {0}},
	[LEADER_T] = {"leader.t", ROLE_LEADER, &U_TOWN, 0, 0, 0, {0}},
	[SUPER_V] = {"super.v", ROLE_SUPERVISOR, &U_VIL, 0, 0, 0, {0}},
	[GRID_W] = {"grid.w", ROLE_GRID_WORKER, &U_GRID, 0, 0, 0, {0}},
	[VIEWER_T] = {"viewer.t", ROLE_VIEWER, &U_TOWN, 0, 0, 0, {0}},
	[HANDLER_S] = {"handler.s", ROLE_HANDLER, &U_SIB, 0, 0, 0, {0}},
};
#define AC(i) (&U[i].ac)
static const char *const PASSWORD = "secret-password-1";

/* ------------------------------------------------------------ helpers */

static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char p[600];
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static void set_today(int day)
{
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	setenv("QINGDAN_TODAY", t, 1);
}

static int raw_sql(const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(g_db, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		diag("raw sql failed: %s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc;
}

static int64_t add_unit(int64_t parent, int kind, const char *name)
{
	struct unit u = {0};
	u.parent_id = parent;
	u.kind = kind;
	u.name = xstrdup(name);
	struct qd_error e = {0};
	qd_err r = app_unit_add(&A, &SYS, &u, &e);
	int64_t id = r == QD_OK ? u.id : 0;
	if (r != QD_OK)
		diag("unit %s: %s %s", name, qd_err_name(r), e.detail);
	unit_clear(&u);
	return id;
}

static bool add_user(struct user *w)
{
	struct qd_error e = {0};
	struct person p = {0};
	p.unit_id = *w->unit;
	p.name = xstrdup(w->login);
	qd_err r = app_person_add(&A, &SYS, &p, &e);
	w->person = p.id;
	person_clear(&p);
	struct account acc = {0};
	acc.person_id = w->person;
	acc.login = xstrdup(w->login);
	if (r == QD_OK)
		r = app_account_add(&A, &SYS, &acc, PASSWORD, &e);
	w->account = acc.id;
	account_clear(&acc);
	struct grant g = {0};
	g.account_id = w->account;
	g.unit_id = *w->unit;
	g.role = w->role;
	if (r == QD_OK)
		r = app_grant_add(&A, &SYS, &g, &e);
	w->grant = g.id;
	grant_clear(&g);
	if (r == QD_OK)
		r = app_actor_load(&A, w->account, &w->ac, &e);
	if (r != QD_OK)
		diag("user %s: %s %s %s", w->login, qd_err_name(r), e.field, e.detail);
	return r == QD_OK;
}

/* Create an item; returns the error, sets *id. */
static qd_err new_item(const struct actor *ac, int64_t unit, int mode, int found_ofs,
		       int due_ofs, const char *title, bool already_fixed, int64_t *id,
		       struct qd_error *e)
{
	struct item_input in;
	memset(&in, 0, sizeof in);
	item_init(&in.it);
	in.it.kind = IK_PROBLEM;
	in.it.source = SRC_SELF_INSPECTION;
	in.it.level = LVL_ORGANIZATION;
	in.it.mode = mode;
	in.it.unit_id = unit;
	in.it.found_on = T + found_ofs;
	in.it.due_on = due_ofs == 999 ? DAY_NONE : T + due_ofs;
	in.it.title = xstrdup(title);
	in.already_fixed = already_fixed;
	qd_err r = app_item_create(&A, ac, &in, e);
	*id = r == QD_OK ? in.it.id : 0;
	item_clear(&in.it);
	return r;
}

static struct item get(int64_t id)
{
	struct item it;
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	if (app_item_get(&A, &SYS, ref, &it, NULL) != QD_OK)
		item_init(&it);
	return it;
}

static int status_of(int64_t id)
{
	struct item it = get(id);
	int s = it.status;
	item_clear(&it);
	return s;
}

static qd_err act(int who, int64_t id, enum item_action a, int closure, const char *reason,
		  struct qd_error *e)
{
	struct item out;
	memset(e, 0, sizeof *e);
	qd_err r = app_item_act(&A, who < 0 ? &SYS : AC(who), id, a, closure, reason, &out, e);
	item_clear(&out);
	return r;
}

static int n_events(int64_t item_id)
{
	struct event_array ev = {0};
	A.st->ops->event_list_for(A.st, "item", item_id, &ev);
	int n = ev.n;
	event_array_free(&ev);
	return n;
}

static int64_t add_measure(int who, int64_t item_id, const char *text, qd_err *r)
{
	struct measure m;
	measure_init(&m);
	m.item_id = item_id;
	m.text = xstrdup(text);
	m.status = MS_OPEN;
	struct qd_error e = {0};
	*r = app_measure_add(&A, AC(who), &m, &e);
	int64_t id = *r == QD_OK ? m.id : 0;
	measure_clear(&m);
	return id;
}

static qd_err set_measure(int who, int64_t id, int status)
{
	struct measure m;
	struct qd_error e = {0};
	qd_err r = app_measure_get(&A, AC(who), id, &m, &e);
	if (r == QD_OK) {
		m.status = status;
		r = app_measure_update(&A, AC(who), &m, &e);
	}
	measure_clear(&m);
	return r;
}

/* A counter of unit's subtree ("overdue" for the overdue count). */
static int64_t stat(int64_t unit, const char *metric)
{
	struct stat_result r = {0};
	int64_t n = -1;
	if (app_stats(&A, &SYS, unit, DAY_NONE, DAY_NONE, &r, NULL) == QD_OK)
		n = strcmp(metric, "overdue") == 0 ? r.overdue : stat_get(&r, metric);
	stat_result_free(&r);
	return n;
}

static bool recount_matches(int64_t unit)
{
	struct stat_result kept = {0}, counted = {0};
	qd_err r1 = A.st->ops->stat_query(A.st, unit, DAY_NONE, DAY_NONE, day_today(), &kept);
	qd_err r2 = A.st->ops->stat_recount(A.st, unit, day_today(), &counted);
	bool same = r1 == QD_OK && r2 == QD_OK && kept.overdue == counted.overdue;
	for (int i = 0; i < counted.n; i++)
		if (stat_get(&kept, counted.v[i].metric) != counted.v[i].n) {
			same = false;
			diag("unit %lld: %s kept %lld recount %lld", (long long)unit,
			     counted.v[i].metric, (long long)stat_get(&kept, counted.v[i].metric),
			     (long long)counted.v[i].n);
		}
	for (int i = 0; i < kept.n; i++)
		if (kept.v[i].n && !stat_get(&counted, kept.v[i].metric)) {
			same = false;
			diag("unit %lld: %s kept %lld recount 0", (long long)unit, kept.v[i].metric,
			     (long long)kept.v[i].n);
		}
	stat_result_free(&kept);
	stat_result_free(&counted);
	return same;
}

static struct check_report run_check(void)
{
	struct check_report rep = {0};
	struct qd_error e = {0};
	qd_err r = app_check(&A, &rep, &e);
	if (r != QD_OK)
		diag("app_check: %s %s", qd_err_name(r), e.detail);
	if (rep.problems)
		diag("check says:\n%s", rep.text ? rep.text : "");
	return rep;
}

/* ------------------------------------------------------------- setup */

static bool setup(void)
{
	struct qd_error e = {0};
	qd_err r = app_open(g_db, true, NULL, &A, &e);
	if (!ok(r == QD_OK, "app_open creates the database")) {
		diag("%s %s", qd_err_name(r), e.detail);
		return false;
	}
	is_str(date_timezone(), "Asia/Shanghai", "default time zone");
	actor_init_system(&SYS);
	U_COUNTY = add_unit(0, UK_COUNTY, "某县");
	U_TOWN = add_unit(U_COUNTY, UK_TOWNSHIP, "城关镇");
	U_VIL = add_unit(U_TOWN, UK_VILLAGE, "东村");
	U_GRID = add_unit(U_VIL, UK_GRID, "第一网格");
	U_SIB = add_unit(U_COUNTY, UK_TOWNSHIP, "西乡");
	ok(U_COUNTY == 1 && U_TOWN == 2 && U_VIL == 3 && U_GRID == 4 && U_SIB == 5,
	   "unit tree 1/2/3/4 and 1/5");
	bool all = true;
	for (int i = 0; i < N_USERS; i++)
		all &= add_user(&U[i]);
	ok(all, "%d accounts with one grant each, loaded as actors", N_USERS);
	ok(U[LEADER_T].ac.grants.n == 1 && strcmp(U[LEADER_T].ac.grants.v[0].unit_path, "/1/2/") == 0 &&
		   U[LEADER_T].ac.person_id == U[LEADER_T].person && !U[LEADER_T].ac.system,
	   "a loaded actor carries its grant with the unit path and its person");

	/* Opening again while it exists is refused; reopening works. */
	struct app b = {0};
	ok(app_open(g_db, true, NULL, &b, &e) == QD_CONFLICT, "app_open create on an existing db");
	return all;
}

/* ----------------------------------------------------- the life cycle */

static int64_t ITEM_A, ITEM_C;

static void test_signoff(void)
{
	struct qd_error e = {0};
	int64_t a;
	qd_err r = new_item(AC(HANDLER_V), U_VIL, MODE_DEADLINE, -10, 20, "村口路灯不亮", false, &a, &e);
	ok(r == QD_OK && a > 0, "a village handler creates an item in the village");
	ITEM_A = a;
	struct item it = get(a);
	ok(it.status == ST_OPEN && it.version == 1 && strcmp(it.upath, "/1/2/3/") == 0 &&
		   it.ext_id && strcmp(it.ext_id, "QD-2024-000001") == 0,
	   "new item: open, version 1, owner path, numbered QD-2024-000001 (got %s)",
	   it.ext_id ? it.ext_id : "NULL");
	item_clear(&it);

	int64_t m1 = add_measure(HANDLER_V, a, "更换灯泡", &r);
	ok(r == QD_OK, "handler adds measure 1");
	int64_t m2 = add_measure(HANDLER_V, a, "建立巡查制度", &r);
	ok(r == QD_OK, "handler adds measure 2");
	add_measure(VIEWER_T, a, "查看者的措施", &r);
	is_int(r, QD_FORBIDDEN, "a viewer cannot add measures");

	ok(act(HANDLER_V, a, IA_START, -1, NULL, &e) == QD_OK && status_of(a) == ST_IN_PROGRESS,
	   "handler starts the work");
	r = act(HANDLER_V, a, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	ok(r == QD_OPEN_MEASURES && status_of(a) == ST_IN_PROGRESS,
	   "request_signoff refused while measures are open (%s)", qd_err_name(r));
	ok(set_measure(HANDLER_V, m1, MS_DONE) == QD_OK, "measure 1 done");
	r = act(HANDLER_V, a, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	is_int(r, QD_OPEN_MEASURES, "still refused with one open measure");
	ok(set_measure(HANDLER_V, m2, MS_CANCELLED) == QD_OK, "measure 2 cancelled");
	ok(act(HANDLER_V, a, IA_REQUEST_SIGNOFF, -1, NULL, &e) == QD_OK && status_of(a) == ST_REVIEW,
	   "request_signoff once every measure is done or cancelled");
	qd_err mr;
	add_measure(HANDLER_V, a, "晚来的措施", &mr);
	is_int(mr, QD_BAD_TRANSITION, "no new measures while in review");

	int before_events = n_events(a);
	r = act(LEADER_V, a, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	ok(r == QD_NOT_ABOVE && e.code == QD_NOT_ABOVE,
	   "the village's own leader cannot sign off: NOT_ABOVE (%s)", qd_err_name(r));
	ok(strcmp(qd_err_message(QD_NOT_ABOVE, "zh"), "") != 0 && e.field[0],
	   "with a clear message and field '%s'", e.field);
	r = act(HANDLER_V, a, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	is_int(r, QD_FORBIDDEN, "a handler cannot sign off");
	r = act(VIEWER_T, a, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	is_int(r, QD_FORBIDDEN, "a township viewer cannot sign off");
	r = act(GRID_W, a, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	is_int(r, QD_FORBIDDEN, "a grid worker cannot sign off a village item");
	ok(status_of(a) == ST_REVIEW && n_events(a) == before_events,
	   "refused sign-offs change nothing and log nothing");

	int64_t review0 = stat(U_COUNTY, "status.review"), closed0 = stat(U_COUNTY, "status.closed");
	int64_t resolved0 = stat(U_COUNTY, "closure.resolved"), ontime0 = stat(U_COUNTY, "closed.ontime");
	r = act(LEADER_T, a, IA_SIGNOFF, -1, NULL, &e);
	ok(r == QD_MISSING_FIELD && strcmp(e.field, "closure") == 0, "sign-off needs a closure");
	r = act(LEADER_T, a, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	ok(r == QD_OK, "the township leader signs off (%s)", qd_err_name(r));
	it = get(a);
	ok(it.status == ST_CLOSED && it.closure == CL_RESOLVED && it.closed_on == T &&
		   it.closed_at > 0 && it.version == 4,
	   "closed, resolved, today, version 4");
	item_clear(&it);
	is_int(stat(U_COUNTY, "status.review"), review0 - 1, "stats: review -1");
	is_int(stat(U_COUNTY, "status.closed"), closed0 + 1, "stats: closed +1");
	is_int(stat(U_COUNTY, "closure.resolved"), resolved0 + 1, "stats: resolved +1");
	is_int(stat(U_COUNTY, "closed.ontime"), ontime0 + 1, "stats: closed on time +1");
	is_int(stat(U_SIB, "status.closed"), 0, "the sibling township's counters untouched");

	struct event_array all = {0}, ev = {0};
	app_item_history(&A, AC(LEADER_T), a, &all, NULL);
	/* The history holds the measures' events too; look at the item's. */
	int measure_events = 0;
	for (int i = 0; i < all.n; i++) {
		if (strncmp(all.v[i].action, "item.", 5) == 0) {
			struct event *d = event_array_push(&ev);
			*d = all.v[i];
			memset(&all.v[i], 0, sizeof all.v[i]);
		} else {
			measure_events += strncmp(all.v[i].action, "measure.", 8) == 0;
		}
	}
	event_array_free(&all);
	ok(measure_events > 0, "history includes the measures' events (%d)", measure_events);
	ok(ev.n == 4 && strcmp(ev.v[0].action, "item.create") == 0 &&
		   strcmp(ev.v[1].action, "item.start") == 0 &&
		   strcmp(ev.v[2].action, "item.request_signoff") == 0 &&
		   strcmp(ev.v[3].action, "item.signoff") == 0 && ev.v[3].note &&
		   strcmp(ev.v[3].note, "resolved") == 0 &&
		   ev.v[3].account_id == U[LEADER_T].account,
	   "history: create ... signoff by the leader, note 'resolved'");
	event_array_free(&ev);

	/* Reopen. */
	r = act(LEADER_T, a, IA_REOPEN, -1, NULL, &e);
	ok(r == QD_NEED_REASON && status_of(a) == ST_CLOSED, "reopen needs a reason");
	r = act(LEADER_T, a, IA_REOPEN, -1, "  ", &e);
	is_int(r, QD_NEED_REASON, "a blank reason is no reason");
	r = act(HANDLER_V, a, IA_REOPEN, -1, "群众不满意", &e);
	is_int(r, QD_FORBIDDEN, "a handler cannot reopen");
	r = act(LEADER_T, a, IA_REOPEN, -1, "群众不满意", &e);
	it = get(a);
	ok(r == QD_OK && it.status == ST_IN_PROGRESS && it.reopens == 1 && it.closure == -1 &&
		   it.closed_on == DAY_NONE,
	   "reopened with a reason: in progress, counted, closure cleared");
	item_clear(&it);
	is_int(stat(U_COUNTY, "closure.resolved"), resolved0, "stats: resolved back");
	is_int(stat(U_COUNTY, "reopened.items"), 1, "stats: one reopened item");
	r = act(LEADER_T, a, IA_REOPEN, -1, "again", &e);
	is_int(r, QD_BAD_TRANSITION, "reopening an open item: BAD_TRANSITION");
	ok(add_measure(HANDLER_V, a, "补充措施", &r) > 0 && r == QD_OK,
	   "measures may be added again after reopening");
}

static void test_supervisor_and_grid(void)
{
	struct qd_error e = {0};
	int64_t b;
	qd_err r = new_item(AC(HANDLER_V), U_VIL, MODE_IMMEDIATE, 0, 999, "办公室漏雨", true, &b, &e);
	ok(r == QD_OK && status_of(b) == ST_REVIEW,
	   "a handler's already-fixed immediate item waits for sign-off (review)");
	r = act(SUPER_V, b, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	ok(r == QD_OK && status_of(b) == ST_CLOSED,
	   "a supervisor at the village itself signs off a village item (%s)", qd_err_name(r));

	int64_t h;
	r = new_item(AC(LEADER_T), U_VIL, MODE_IMMEDIATE, 0, 999, "门前积水", true, &h, &e);
	struct item it = get(h);
	ok(r == QD_OK && it.status == ST_CLOSED && it.closure == CL_RESOLVED,
	   "the township leader's already-fixed village item is closed (resolved) at once");
	item_clear(&it);
	r = new_item(AC(LEADER_V), U_VIL, MODE_IMMEDIATE, 0, 999, "台账缺页", true, &h, &e);
	ok(r == QD_OK && status_of(h) == ST_REVIEW,
	   "the village leader's own already-fixed item still needs sign-off from above");
	r = new_item(AC(HANDLER_V), U_VIL, MODE_DEADLINE, 0, 10, "不能立改", true, &h, &e);
	ok(r == QD_BAD_FIELD && strcmp(e.field, "already_fixed") == 0,
	   "already_fixed only for immediate items");

	int64_t g;
	r = new_item(AC(GRID_W), U_GRID, MODE_IMMEDIATE, -1, 999, "网格内垃圾堆放", false, &g, &e);
	ok(r == QD_OK, "a grid worker creates an item in its grid");
	r = new_item(AC(GRID_W), U_VIL, MODE_IMMEDIATE, -1, 999, "越级上报", false, &h, &e);
	is_int(r, QD_FORBIDDEN, "a grid worker cannot create above its grid");
	ok(act(GRID_W, g, IA_REQUEST_SIGNOFF, -1, NULL, &e) == QD_OK && status_of(g) == ST_REVIEW,
	   "the grid worker requests sign-off straight from open");
	r = act(GRID_W, g, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	ok(r == QD_FORBIDDEN && status_of(g) == ST_REVIEW, "a grid worker cannot sign off (%s)",
	   qd_err_name(r));
	r = act(LEADER_V, g, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	ok(r == QD_OK && status_of(g) == ST_CLOSED, "the village leader signs off the grid's item");

	r = new_item(AC(VIEWER_T), U_VIL, MODE_IMMEDIATE, 0, 999, "查看者建单", false, &h, &e);
	is_int(r, QD_FORBIDDEN, "a viewer cannot create in the village");
	r = new_item(AC(VIEWER_T), U_TOWN, MODE_IMMEDIATE, 0, 999, "查看者建单", false, &h, &e);
	is_int(r, QD_FORBIDDEN, "a viewer cannot create at its own unit");
	r = new_item(AC(SUPER_V), U_VIL, MODE_IMMEDIATE, 0, 999, "督导发现", false, &h, &e);
	is_int(r, QD_OK, "a supervisor records a finding");
}

static void test_outside(void)
{
	struct qd_error e = {0};
	int64_t c;
	qd_err r = new_item(AC(HANDLER_V), U_VIL, MODE_DEADLINE, -5, 10, "道路破损", false, &c, &e);
	ok(r == QD_OK, "item C in the village");
	ITEM_C = c;
	add_measure(HANDLER_V, c, "修补路面", &r);
	struct item before = get(c);
	int ev0 = n_events(c);
	const struct actor *out = AC(HANDLER_S);
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)c);

	struct item it;
	r = app_item_get(&A, out, ref, &it, &e);
	ok(r == QD_FORBIDDEN && it.title == NULL, "outsider: read FORBIDDEN, nothing returned");
	item_clear(&it);
	r = app_item_get(&A, out, before.ext_id, &it, &e);
	is_int(r, QD_FORBIDDEN, "outsider: read by ext id FORBIDDEN");
	item_clear(&it);
	r = act(HANDLER_S, c, IA_START, -1, NULL, &e);
	is_int(r, QD_FORBIDDEN, "outsider: start FORBIDDEN");
	r = act(HANDLER_S, c, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	is_int(r, QD_FORBIDDEN, "outsider: request sign-off FORBIDDEN");
	r = act(LEADER_T, c, IA_SENDBACK, -1, "x", &e);
	is_int(r, QD_BAD_TRANSITION, "(control: the township leader reaches it)");
	item_copy(&it, &before);
	xstrset(&it.title, "外人改的标题");
	r = app_item_update(&A, out, &it, &e);
	is_int(r, QD_FORBIDDEN, "outsider: edit FORBIDDEN");
	item_clear(&it);
	add_measure(HANDLER_S, c, "外人的措施", &r);
	is_int(r, QD_FORBIDDEN, "outsider: add measure FORBIDDEN");
	int64_t h;
	r = new_item(out, U_VIL, MODE_IMMEDIATE, 0, 999, "外人建单", false, &h, &e);
	is_int(r, QD_FORBIDDEN, "outsider: create in the village FORBIDDEN");
	struct item_filter f;
	memset(&f, 0, sizeof f);
	f.kind = f.status = f.mode = f.level = f.source = -1;
	f.due_from = f.due_to = DAY_NONE;
	f.limit = 10;
	struct item_array arr = {0};
	bool more;
	r = app_item_list(&A, out, U_VIL, &f, &arr, &more, &e);
	ok(r == QD_FORBIDDEN && arr.n == 0, "outsider: list the village FORBIDDEN");
	item_array_free(&arr);
	r = app_item_list(&A, AC(HANDLER_V), U_COUNTY, &f, &arr, &more, &e);
	ok(r == QD_FORBIDDEN && arr.n == 0, "a village handler cannot list the county");
	item_array_free(&arr);
	struct stat_result sr = {0};
	r = app_stats(&A, out, U_VIL, DAY_NONE, DAY_NONE, &sr, &e);
	is_int(r, QD_FORBIDDEN, "outsider: village statistics FORBIDDEN");
	stat_result_free(&sr);

	struct item after = get(c);
	ok(after.version == before.version && after.status == before.status &&
		   strcmp(after.title, before.title) == 0 && after.updated_at == before.updated_at,
	   "item C unchanged (version %d, status %s)", after.version,
	   code_str(&T_STATUS, after.status));
	is_int(n_events(c), ev0, "no event written for item C");
	item_clear(&after);
	item_clear(&before);

	/* Something of its own works for the outsider. */
	int64_t s;
	r = new_item(out, U_SIB, MODE_IMMEDIATE, 0, 999, "西乡的问题", false, &s, &e);
	ok(r == QD_OK, "outsider works in its own township");
	act(HANDLER_S, s, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	r = act(LEADER_T, s, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	ok(r == QD_FORBIDDEN && e.code == QD_FORBIDDEN,
	   "the other township's leader: FORBIDDEN (not NOT_ABOVE)");
}

static void test_sendback_claim_edit(void)
{
	struct qd_error e = {0};
	int64_t d;
	new_item(AC(HANDLER_V), U_VIL, MODE_DEADLINE, -3, 30, "小广告清理", false, &d, &e);
	act(HANDLER_V, d, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	int64_t sb_items0 = stat(U_COUNTY, "sentback.items"), sb_times0 = stat(U_COUNTY, "sentback.times");
	int ev0 = n_events(d);
	ok(act(LEADER_T, d, IA_SENDBACK, -1, NULL, &e) == QD_NEED_REASON && e.code == QD_NEED_REASON,
	   "sendback without a reason: NEED_REASON");
	ok(act(LEADER_T, d, IA_SENDBACK, -1, " \t", &e) == QD_NEED_REASON,
	   "sendback with a blank reason: NEED_REASON");
	ok(status_of(d) == ST_REVIEW && n_events(d) == ev0, "nothing changed by the refusals");
	ok(act(LEADER_V, d, IA_SENDBACK, -1, "证据不足", &e) == QD_NOT_ABOVE,
	   "the village leader cannot send back a village item either");
	ok(act(LEADER_T, d, IA_SENDBACK, -1, "证据不足", &e) == QD_OK, "sendback with a reason");
	struct item it = get(d);
	ok(it.status == ST_IN_PROGRESS && it.sendbacks == 1, "in progress again, sendbacks 1");
	item_clear(&it);
	act(HANDLER_V, d, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	act(LEADER_T, d, IA_SENDBACK, -1, "仍未整改到位", &e);
	it = get(d);
	is_int(it.sendbacks, 2, "second sendback counted");
	item_clear(&it);
	is_int(stat(U_COUNTY, "sentback.items"), sb_items0 + 1, "stats: one more sent-back item");
	is_int(stat(U_COUNTY, "sentback.times"), sb_times0 + 2, "stats: two more sendbacks");
	struct event_array ev = {0};
	A.st->ops->event_list_for(A.st, "item", d, &ev);
	ok(ev.n > 0 && ev.v[ev.n - 1].note && strcmp(ev.v[ev.n - 1].note, "仍未整改到位") == 0,
	   "the reason is kept in the history");
	event_array_free(&ev);

	/* Duplicate closure: closed, but not solved. */
	int64_t x;
	new_item(AC(HANDLER_V), U_VIL, MODE_IMMEDIATE, -1, 999, "重复反映的问题", false, &x, &e);
	act(HANDLER_V, x, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	int64_t closed0 = stat(U_COUNTY, "status.closed"), resolved0 = stat(U_COUNTY, "closure.resolved");
	int64_t dup0 = stat(U_COUNTY, "closure.duplicate"), items0 = stat(U_COUNTY, "items");
	ok(act(LEADER_T, x, IA_SIGNOFF, CL_DUPLICATE, NULL, &e) == QD_OK, "signed off as duplicate");
	is_int(stat(U_COUNTY, "status.closed"), closed0 + 1, "duplicate: closed +1");
	is_int(stat(U_COUNTY, "closure.duplicate"), dup0 + 1, "duplicate: closure.duplicate +1");
	is_int(stat(U_COUNTY, "closure.resolved"), resolved0, "duplicate: closure.resolved unchanged");
	is_int(stat(U_COUNTY, "items"), items0, "duplicate: item total unchanged");

	/* Claims. */
	ok(act(LEADER_T, ITEM_C, IA_CLAIM, -1, NULL, &e) == QD_OK, "the township leader claims C");
	it = get(ITEM_C);
	is_int(it.claimant_id, U[LEADER_T].person, "claimant is the leader's person");
	item_clear(&it);
	is_int(act(HANDLER_V, ITEM_C, IA_CLAIM, -1, NULL, &e), QD_FORBIDDEN, "a handler cannot claim");
	is_int(act(LEADER_T, x, IA_CLAIM, -1, NULL, &e), QD_BAD_TRANSITION, "no claim on a closed item");

	/* Edits: version, closed items, moving to another unit. */
	struct item cur = get(ITEM_C);
	struct item ed;
	item_copy(&ed, &cur);
	xstrset(&ed.title, "道路破损（东村主干道）");
	ok(app_item_update(&A, AC(HANDLER_V), &ed, &e) == QD_OK && ed.version == cur.version + 1,
	   "edit with the version read");
	item_clear(&ed);
	item_copy(&ed, &cur);
	xstrset(&ed.title, "过时的编辑");
	is_int(app_item_update(&A, AC(HANDLER_V), &ed, &e), QD_CONFLICT, "edit with a stale version");
	item_clear(&ed);
	item_clear(&cur);
	cur = get(ITEM_C);
	item_copy(&ed, &cur);
	ed.unit_id = U_SIB;
	is_int(app_item_update(&A, AC(HANDLER_V), &ed, &e), QD_FORBIDDEN,
	       "a handler cannot move an item out of its subtree");
	item_clear(&ed);
	item_copy(&ed, &cur);
	ed.unit_id = U_GRID;
	ok(app_item_update(&A, AC(HANDLER_V), &ed, &e) == QD_OK, "move C down to the grid");
	item_clear(&ed);
	item_clear(&cur);
	cur = get(ITEM_C);
	is_str(cur.upath, "/1/2/3/4/", "C's owner path follows");
	item_clear(&cur);
	struct measure_array ms = {0};
	app_measures_of(&A, ITEM_C, &ms, NULL);
	ok(ms.n == 1 && strcmp(ms.v[0].upath, "/1/2/3/4/") == 0 && ms.v[0].unit_id == U_GRID,
	   "C's measure follows");
	measure_array_free(&ms);
	is_int(stat(U_GRID, "measures"), 1, "the grid counts C's measure");
	cur = get(x);
	item_copy(&ed, &cur);
	xstrset(&ed.title, "改已销号的");
	is_int(app_item_update(&A, AC(HANDLER_V), &ed, &e), QD_BAD_TRANSITION,
	       "a closed item cannot be edited");
	item_clear(&ed);
	item_clear(&cur);
	qd_err mr;
	add_measure(HANDLER_V, x, "措施", &mr);
	is_int(mr, QD_BAD_TRANSITION, "no measures on a closed item");
}

static void test_overdue_and_calendar(void)
{
	struct qd_error e = {0};
	int64_t over0 = stat(U_VIL, "overdue");
	int64_t f, g;
	new_item(AC(HANDLER_V), U_VIL, MODE_DEADLINE, -20, -1, "逾期未改", false, &f, &e);
	is_int(stat(U_VIL, "overdue"), over0 + 1, "due yesterday: overdue +1");
	is_int(stat(U_COUNTY, "overdue"), stat(U_VIL, "overdue") + stat(U_SIB, "overdue"),
	       "the county's overdue is the sum of its parts");
	new_item(AC(HANDLER_V), U_VIL, MODE_DEADLINE, -20, 0, "今天到期", false, &g, &e);
	is_int(stat(U_VIL, "overdue"), over0 + 1, "due today: not overdue yet");
	set_today(T + 1);
	is_int(stat(U_VIL, "overdue"), over0 + 2, "a day later (QINGDAN_TODAY): overdue +1");
	struct item_filter fl;
	memset(&fl, 0, sizeof fl);
	fl.kind = fl.status = fl.mode = fl.level = fl.source = -1;
	fl.due_from = fl.due_to = DAY_NONE;
	fl.limit = 50;
	fl.overdue = true;
	struct item_array arr = {0};
	bool more;
	app_item_list(&A, AC(HANDLER_V), U_VIL, &fl, &arr, &more, &e);
	bool has_f = false, has_g = false;
	for (int i = 0; i < arr.n; i++) {
		has_f |= arr.v[i].id == f;
		has_g |= arr.v[i].id == g;
	}
	ok(has_f && has_g && arr.n == over0 + 2, "the overdue list agrees with the count");
	item_array_free(&arr);
	set_today(T);
	act(HANDLER_V, f, IA_REQUEST_SIGNOFF, -1, NULL, &e);
	is_int(stat(U_VIL, "overdue"), over0 + 1, "in review and past due: still overdue");
	int64_t late0 = stat(U_COUNTY, "closed.late");
	act(LEADER_T, f, IA_SIGNOFF, CL_RESOLVED, NULL, &e);
	is_int(stat(U_VIL, "overdue"), over0, "signed off: no longer overdue");
	is_int(stat(U_COUNTY, "closed.late"), late0 + 1, "closed after its due day: late");

	/* Working-day deadlines against the holiday calendar. */
	ok(app_calendar_set(&A, AC(LEADER_T), day_from_civil(2024, 6, 10), "off", &e) == QD_FORBIDDEN,
	   "only a top-level admin sets the calendar");
	ok(app_calendar_set(&A, &SYS, day_from_civil(2024, 6, 10), "off", &e) == QD_OK,
	   "Dragon Boat Festival (Mon 2024-06-10) off");
	struct item_input in;
	memset(&in, 0, sizeof in);
	item_init(&in.it);
	in.it.kind = IK_PROBLEM;
	in.it.source = SRC_OPINION;
	in.it.mode = MODE_DEADLINE;
	in.it.unit_id = U_VIL;
	in.it.found_on = day_from_civil(2024, 6, 7);
	in.it.title = xstrdup("五个工作日内答复");
	in.due_working_days = 1;
	ok(app_item_create(&A, AC(HANDLER_V), &in, &e) == QD_OK &&
		   in.it.due_on == day_from_civil(2024, 6, 11),
	   "found Fri 06-07 + 1 working day = Tue 06-11 (the Monday is a holiday)");
	item_clear(&in.it);
	ok(app_calendar_set(&A, &SYS, day_from_civil(2024, 6, 8), "on", &e) == QD_OK &&
		   app_calendar_set(&A, &SYS, day_from_civil(2024, 6, 8), NULL, &e) == QD_OK,
	   "a calendar exception set and removed again");
}

static void test_rekey_inactive_roots(void)
{
	struct qd_error e = {0};
	/* Changing the found day and the level re-buckets the item and its
	 * measures. */
	struct item cur = get(ITEM_C), ed;
	item_copy(&ed, &cur);
	ed.found_on = cur.found_on - 1;
	ed.level = LVL_MEMBER;
	ok(app_item_update(&A, AC(HANDLER_V), &ed, &e) == QD_OK, "edit found day and level");
	item_clear(&ed);
	item_clear(&cur);
	is_int(stat(U_COUNTY, "measure.level.member"), 1, "the measure follows the new level");
	bool all = true;
	for (int64_t id = 1; id <= 5; id++)
		all &= recount_matches(id);
	ok(all, "counters equal a recount after the edit");

	/* A unit with items not signed off cannot be deactivated. */
	struct unit u = {0};
	app_unit_get(&A, &SYS, U_GRID, &u, &e);
	u.active = false;
	is_int(app_unit_update(&A, &SYS, &u, &e), QD_CONFLICT,
	       "a grid with open items is not deactivated");
	unit_clear(&u);
	/* An inactive unit takes no new items or units. */
	int64_t empty = add_unit(U_VIL, UK_GRID, "第九网格");
	app_unit_get(&A, &SYS, empty, &u, &e);
	u.active = false;
	ok(app_unit_update(&A, &SYS, &u, &e) == QD_OK, "deactivate an empty grid");
	is_int(app_unit_update(&A, &SYS, &(struct unit){.id = U_VIL, .kind = UK_VILLAGE,
		.name = "村", .active = false}, &e), QD_CONFLICT,
	       "a village with an active grid is not deactivated");
	int64_t id;
	is_int(new_item(AC(HANDLER_V), empty, MODE_IMMEDIATE, 0, 999, "停用单位", false, &id, &e),
	       QD_INACTIVE, "no items in an inactive unit");
	struct unit c = {0};
	c.parent_id = empty;
	c.kind = UK_GROUP;
	c.name = xstrdup("小组");
	is_int(app_unit_add(&A, &SYS, &c, &e), QD_INACTIVE, "no units under an inactive unit");
	unit_clear(&c);
	u.active = true;
	ok(app_unit_update(&A, &SYS, &u, &e) == QD_OK, "reactivate the grid");
	unit_clear(&u);

	/* Roots: a second, wider grant makes the narrower one redundant. */
	struct grant g = {0};
	g.account_id = U[HANDLER_V].account;
	g.unit_id = U_COUNTY;
	g.role = ROLE_VIEWER;
	ok(app_grant_add(&A, &SYS, &g, &e) == QD_OK, "give the village handler a county viewer grant");
	struct actor two;
	app_actor_load(&A, U[HANDLER_V].account, &two, &e);
	struct unit_array roots = {0};
	app_unit_roots(&A, &two, &roots, &e);
	ok(roots.n == 1 && roots.v[0].id == U_COUNTY,
	   "roots of grants at the village and the county: just the county (got %d)", roots.n);
	for (int i = 0; i < roots.n; i++)
		diag("root %lld %s", (long long)roots.v[i].id, roots.v[i].path);
	unit_array_free(&roots);
	ok(actor_can(&two, PA_READ, "/1/5/") && !actor_can(&two, PA_ITEM_WORK, "/1/5/") &&
		   actor_can(&two, PA_ITEM_WORK, "/1/2/3/"),
	   "two grants: reads the county, works only in the village");
	actor_clear(&two);
	ok(app_grant_remove(&A, AC(HANDLER_V), g.id, &e) == QD_FORBIDDEN,
	   "a handler cannot remove grants");
	ok(app_grant_remove(&A, &SYS, g.id, &e) == QD_OK, "remove it again");
	grant_clear(&g);
}

static void test_units_and_move(void)
{
	struct qd_error e = {0};
	is_int(app_unit_move(&A, &SYS, U_VIL, U_GRID, &e), QD_BAD_TREE,
	       "a unit cannot move under its own grid");
	is_int(app_unit_move(&A, &SYS, U_VIL, U_VIL, &e), QD_BAD_TREE, "nor under itself");
	struct unit u = {0};
	u.parent_id = U_VIL;
	u.kind = UK_GRID;
	u.name = xstrdup("越权网格");
	is_int(app_unit_add(&A, AC(LEADER_T), &u, &e), QD_FORBIDDEN, "a leader cannot add units");
	unit_clear(&u);
	is_int(app_unit_move(&A, AC(LEADER_T), U_VIL, U_SIB, &e), QD_FORBIDDEN,
	       "a leader cannot move units");

	for (int64_t id = 1; id <= 5; id++)
		ok(recount_matches(id), "counters of unit %lld equal a recount", (long long)id);
	int64_t town_items = stat(U_TOWN, "items"), vil_items = stat(U_VIL, "items");
	int64_t sib_items = stat(U_SIB, "items"), county_items = stat(U_COUNTY, "items");
	int64_t vil_over = stat(U_VIL, "overdue"), town_over = stat(U_TOWN, "overdue");
	int64_t sib_over = stat(U_SIB, "overdue");
	ok(app_unit_move(&A, &SYS, U_VIL, U_SIB, &e) == QD_OK, "move the village to the sibling");
	is_int(stat(U_TOWN, "items"), town_items - vil_items, "township loses the village's items");
	is_int(stat(U_SIB, "items"), sib_items + vil_items, "sibling gains them");
	is_int(stat(U_COUNTY, "items"), county_items, "county unchanged");
	is_int(stat(U_TOWN, "overdue"), town_over - vil_over, "township loses the village's overdue");
	is_int(stat(U_SIB, "overdue"), sib_over + vil_over, "sibling gains them");
	for (int64_t id = 1; id <= 5; id++)
		ok(recount_matches(id), "after the move, counters of unit %lld equal a recount",
		   (long long)id);
	struct item it = get(ITEM_A);
	is_str(it.upath, "/1/5/3/", "items follow the village");
	item_clear(&it);
	/* Grants are by unit: the village's own people keep their rights; the
	 * old township's leader loses them. Reload the actors. */
	actor_clear(AC(LEADER_T));
	app_actor_load(&A, U[LEADER_T].account, AC(LEADER_T), &e);
	actor_clear(AC(HANDLER_V));
	app_actor_load(&A, U[HANDLER_V].account, AC(HANDLER_V), &e);
	is_int(act(LEADER_T, ITEM_A, IA_CLAIM, -1, NULL, &e), QD_FORBIDDEN,
	       "the old township's leader no longer reaches the village");
	is_int(act(HANDLER_V, ITEM_A, IA_START, -1, NULL, &e), QD_BAD_TRANSITION,
	       "(control: the village handler still reaches its item)");
	is_str(AC(HANDLER_V)->grants.v[0].unit_path, "/1/5/3/", "the handler's grant path follows");
}

static bool report_has(const struct check_report *r, const char *a, const char *b)
{
	return r->text && strstr(r->text, a) && (!b || strstr(r->text, b));
}

static void test_check(void)
{
	struct check_report rep = run_check();
	ok(rep.problems == 0 && rep.events > 30 && rep.rows > 20,
	   "check passes on the clean database (%lld events, %lld rows)", (long long)rep.events,
	   (long long)rep.rows);
	free(rep.text);

	/* An item's title changed with another tool. */
	struct item it = get(ITEM_C);
	char sql[512], label[64];
	snprintf(sql, sizeof sql, "UPDATE item SET title = '篡改的标题' WHERE id = %lld",
		 (long long)ITEM_C);
	raw_sql(sql);
	rep = run_check();
	snprintf(label, sizeof label, "item %lld %s", (long long)ITEM_C, it.ext_id);
	ok(rep.problems >= 1 && report_has(&rep, label, "edited behind"),
	   "check names the edited item ('%s')", label);
	free(rep.text);
	snprintf(sql, sizeof sql, "UPDATE item SET title = '%s' WHERE id = %lld", it.title,
		 (long long)ITEM_C);
	raw_sql(sql);
	rep = run_check();
	is_int(rep.problems, 0, "restoring the title makes it clean again");
	free(rep.text);

	/* An owner path that does not match the unit. */
	snprintf(sql, sizeof sql, "UPDATE item SET upath = '/1/2/' WHERE id = %lld",
		 (long long)ITEM_C);
	raw_sql(sql);
	rep = run_check();
	ok(report_has(&rep, label, "owner path"), "check finds a wrong owner path");
	free(rep.text);
	snprintf(sql, sizeof sql, "UPDATE item SET upath = '%s' WHERE id = %lld", it.upath,
		 (long long)ITEM_C);
	raw_sql(sql);
	item_clear(&it);

	/* An event changed. */
	raw_sql("UPDATE event SET note = 'x' WHERE id = 2");
	rep = run_check();
	ok(rep.problems >= 1 && report_has(&rep, "event #2", "hash"),
	   "check finds the changed event #2 (chain/hash)");
	free(rep.text);
	raw_sql("UPDATE event SET note = NULL WHERE id = 2");
	rep = run_check();
	is_int(rep.problems, 0, "restoring the event makes it clean again");
	free(rep.text);

	/* An event removed from the middle of the chain. */
	raw_sql("CREATE TABLE saved_event AS SELECT * FROM event WHERE id = 3;"
		"DELETE FROM event WHERE id = 3");
	rep = run_check();
	ok(report_has(&rep, "event #4", "chain broken"), "check finds a removed event");
	free(rep.text);
	raw_sql("INSERT INTO event SELECT * FROM saved_event; DROP TABLE saved_event");

	/* A counter changed: a month's row of unit 1 removed. */
	raw_sql("CREATE TABLE saved_mon AS SELECT * FROM stat_mon WHERE unit_id = 1 "
		"ORDER BY month LIMIT 1;"
		"DELETE FROM stat_mon WHERE (unit_id, month) = (SELECT unit_id, month FROM saved_mon)");
	rep = run_check();
	ok(report_has(&rep, "counters of unit 1", "items"), "check finds a changed counter");
	free(rep.text);
	raw_sql("INSERT INTO stat_mon SELECT * FROM saved_mon; DROP TABLE saved_mon");

	/* A row inserted with another tool. */
	raw_sql("INSERT INTO category(id, code, name) VALUES (900, 'sneaky', '偷加的')");
	rep = run_check();
	ok(report_has(&rep, "category 900", "no event"), "check finds an inserted row");
	free(rep.text);
	raw_sql("DELETE FROM category WHERE id = 900");
	rep = run_check();
	is_int(rep.problems, 0, "clean again after all the restorations");
	free(rep.text);

	/* A grant removed with another tool. */
	snprintf(sql, sizeof sql, "DELETE FROM grants WHERE id = %lld",
		 (long long)U[VIEWER_T].grant);
	raw_sql(sql);
	rep = run_check();
	snprintf(label, sizeof label, "grant %lld", (long long)U[VIEWER_T].grant);
	ok(rep.problems >= 1 && report_has(&rep, label, "removed"),
	   "check reports the removed grant ('%s ... removed')", label);
	free(rep.text);
}

/* Units deeper than paths can hold must be refused, not half-accepted. */
static void test_depth(void)
{
	struct qd_error e = {0};
	int64_t root = add_unit(0, UK_OTHER, "深度测试");
	int64_t parent = root, last_ok = 0;
	/* The root has depth 0; PATH_MAX_DEPTH ids fit in a path. */
	for (int d = 1; d < PATH_MAX_DEPTH; d++)
		parent = add_unit(parent, UK_OTHER, "层");
	last_ok = parent;
	struct unit u = {0};
	app_unit_get(&A, &SYS, last_ok, &u, &e);
	ok(u.depth == PATH_MAX_DEPTH - 1, "a unit at depth %d (the deepest allowed)",
	   PATH_MAX_DEPTH - 1);
	unit_clear(&u);
	int64_t it;
	qd_err r = new_item(&SYS, last_ok, MODE_IMMEDIATE, 0, 999, "最深处的问题", false, &it, &e);
	is_int(r, QD_OK, "items work at the deepest allowed unit");

	u.parent_id = last_ok;
	u.kind = UK_OTHER;
	u.name = xstrdup("太深");
	r = app_unit_add(&A, &SYS, &u, &e);
	int64_t too_deep = u.id;
	ok(r != QD_OK && qd_err_status(r) >= 400 && qd_err_status(r) < 500,
	   "a unit below depth %d is refused with a 4xx error (got %s, depth %d)",
	   PATH_MAX_DEPTH - 1, qd_err_name(r), u.depth);
	unit_clear(&u);
	if (r == QD_OK) {
		r = new_item(&SYS, too_deep, MODE_IMMEDIATE, 0, 999, "太深处的问题", false, &it, &e);
		ok(r == QD_OK, "once accepted, items must work in it (got %s %s)", qd_err_name(r),
		   e.detail);
	}

	/* Moving a subtree so that its deepest unit ends too deep. */
	int64_t top = add_unit(root, UK_OTHER, "子树");
	parent = top;
	for (int d = 0; d < 10; d++)
		parent = add_unit(parent, UK_OTHER, "子层");
	int64_t deep_leaf = parent;
	int64_t target = root;
	for (int d = 0; d < 25; d++)
		target = add_unit(target, UK_OTHER, "目标层");
	r = app_unit_move(&A, &SYS, top, target, &e);
	ok(r == QD_BAD_TREE,
	   "moving an 11-level subtree under depth 25 is refused: BAD_TREE (got %s)",
	   qd_err_name(r));
	if (r == QD_OK) {
		r = new_item(&SYS, deep_leaf, MODE_IMMEDIATE, 0, 999, "移动后", false, &it, &e);
		ok(r == QD_OK, "once moved, items must work at its deepest unit (got %s %s)",
		   qd_err_name(r), e.detail);
	}
}

/* Update with ext_id NULL: must not crash. Run in a child process with its
 * own connection, so that a crash is reported without ending this test. */
static void child_update_null_ext(void)
{
	struct app b = {0};
	struct actor sys;
	actor_init_system(&sys);
	if (app_open(g_db, false, NULL, &b, NULL) != QD_OK)
		_exit(4);
	struct item it;
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)ITEM_C);
	if (app_item_get(&b, &sys, ref, &it, NULL) != QD_OK)
		_exit(5);
	free(it.ext_id);
	it.ext_id = NULL; /* "not changing the number" */
	struct qd_error e = {0};
	qd_err r = app_item_update(&b, &sys, &it, &e);
	_exit(qd_err_status(r) < 500 ? 0 : 3);
}

static void test_robustness(void)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0)
		child_update_null_ext();
	int status = 0;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "app_item_update with ext_id NULL answers without crashing (%s %d)",
	   WIFSIGNALED(status) ? "signal" : "exit",
	   WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));

	struct qd_error e = {0};
	struct item_input in;
	memset(&in, 0, sizeof in);
	item_init(&in.it);
	in.it.kind = IK_PROBLEM;
	in.it.source = SRC_OPINION;
	in.it.mode = MODE_DEADLINE;
	in.it.unit_id = U_VIL;
	in.it.found_on = T + 1;
	in.it.due_on = T + 9;
	in.it.title = xstrdup("明天发现的问题");
	is_int(app_item_create(&A, &SYS, &in, &e), QD_BAD_FIELD, "found in the future refused");
	in.it.found_on = T;
	in.it.unit_id = 999;
	is_int(app_item_create(&A, &SYS, &in, &e), QD_BAD_FIELD, "unknown unit refused");
	in.it.unit_id = U_VIL;
	in.it.responsible_id = 999;
	is_int(app_item_create(&A, &SYS, &in, &e), QD_BAD_FIELD, "unknown responsible refused");
	in.it.responsible_id = 0;
	xstrset(&in.it.ext_id, "bad id!");
	is_int(app_item_create(&A, &SYS, &in, &e), QD_BAD_FIELD, "bad ext id refused");
	xstrset(&in.it.ext_id, "QD-2024-000001");
	ok(app_item_create(&A, &SYS, &in, &e) == QD_CONFLICT && strcmp(e.field, "ext_id") == 0,
	   "a taken ext id: CONFLICT on ext_id");
	item_clear(&in.it);
	is_int(act(-1, 99999, IA_START, -1, NULL, &e), QD_NOT_FOUND, "acting on no item");
}

static void test_timezone(void)
{
	struct qd_error e = {0};
	char p[320];
	struct app b = {0};
	snprintf(p, sizeof p, "%s/tz.db", g_dir);
	is_int(app_open(p, true, "Mars/Olympus", &b, &e), QD_BAD_PARAM, "unknown time zone refused");
	ok(access(p, F_OK) != 0, "and no database file left behind");
	ok(app_open(p, true, "America/St_Johns", &b, &e) == QD_OK, "create with a time zone");
	app_close(&b);
	date_set_timezone("Asia/Shanghai");
	ok(app_open(p, false, NULL, &b, &e) == QD_OK &&
		   strcmp(date_timezone(), "America/St_Johns") == 0,
	   "reopening applies the database's time zone (%s)", date_timezone());
	app_close(&b);
	date_set_timezone("Asia/Shanghai");
	is_int(app_open(p, true, NULL, &b, &e), QD_CONFLICT, "create over it: CONFLICT");
}

static void test_login(void)
{
	struct qd_error e = {0};
	char token[64];
	int64_t acc = 0;
	is_int(app_login(&A, "handler.v", "wrong-password", "session", token, &acc, &e),
	       QD_BAD_LOGIN, "wrong password");
	is_int(app_login(&A, "nobody", PASSWORD, "session", token, &acc, &e), QD_BAD_LOGIN,
	       "unknown login");
	ok(app_login(&A, "handler.v", PASSWORD, "session", token, &acc, &e) == QD_OK &&
		   acc == U[HANDLER_V].account,
	   "login");
	struct actor who;
	ok(app_authenticate(&A, token, &who, &e) == QD_OK && who.account_id == acc &&
		   who.grants.n == 1,
	   "the session token authenticates");
	actor_clear(&who);
	ok(app_logout(&A, token, &e) == QD_OK, "logout");
	is_int(app_authenticate(&A, token, &who, &e), QD_UNAUTHENTICATED, "token gone after logout");
	is_int(app_authenticate(&A, "forged", &who, &e), QD_UNAUTHENTICATED, "forged token");
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/qd-test-app-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(g_dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(g_db, sizeof g_db, "%s/app.db", g_dir);
	T = day_from_civil(2024, 6, 15);
	set_today(T);
	if (setup()) {
		test_signoff();
		test_supervisor_and_grid();
		test_outside();
		test_sendback_claim_edit();
		test_overdue_and_calendar();
		test_login();
		test_rekey_inactive_roots();
		test_units_and_move();
		test_check();
		test_robustness();
		test_depth();
		test_timezone();
	}
	for (int i = 0; i < N_USERS; i++)
		actor_clear(&U[i].ac);
	actor_clear(&SYS);
	app_close(&A);
	rm_tree(g_dir);
	return done_testing();
}
