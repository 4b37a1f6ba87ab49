/* harness_db.h: a small organisation in an in-memory database for the fuzz
 * targets that need one (fuzz_import.c, fuzz_http.c), put back exactly as
 * built after every input, so an input does the same thing however often
 * and in whatever order it runs (libFuzzer, and the replay in make test).
 * Header-only, like tests/unit/fixture.h.
 *
 * The organisation: 海晏县 (code HY) > 三角城镇 (SJC) > 红山村 (HSC), and
 * 西海镇 (XHZ) beside the township; 张三 in the village, 李四 in the
 * township; an account "admin" (administrator of the county) with a web
 * session and an API token; categories road (道路交通) and light (路灯照明);
 * items HY-FZ-001 (with a measure) and HY-FZ-002; an opinion whose
 * tracking code is FUZZ_OPINION_CODE; an Open311 client of the county.
 * The secrets are fixed (only their hashes are stored, as usual) so that
 * committed seeds can carry them: the CSRF token of the session is
 * csrf_of(FUZZ_SESSION), printed by `build/fuzz/fuzz_http -runs=0` with
 * FUZZ_PRINT_SECRETS=1 set. */
#ifndef QD_TESTS_FUZZ_HARNESS_DB_H
#define QD_TESTS_FUZZ_HARNESS_DB_H
#include "app/app.h"
#include "domain/codes.h"
#include "http/http.h"
#include "store/sqlite/sq.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/hash.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_SESSION "fuzz-session"      /* cookie qd_session */
#define FUZZ_API_TOKEN "fuzz-api-token"  /* Authorization: Bearer */
#define FUZZ_API_KEY "fuzz-api-key"      /* Open311 api_key */
#define FUZZ_OPINION_CODE "FUZZ2345CASE" /* /track/:code */

struct fz_db {
	struct app app;
	struct actor sys, admin;
	int64_t county, town, village, town2, account, cat_road, item1, item2, opinion;
	sqlite3 *image;       /* a copy of the database as built */
};

static struct fz_db FZ;

static void fz_check(qd_err r, const struct qd_error *e, const char *what)
{
	if (r == QD_OK)
		return;
	fprintf(stderr, "fuzz fixture: %s: %s %s %s\n", what, qd_err_name(r), e->field, e->detail);
	abort();
}

static int64_t fz_unit(int64_t parent, int kind, const char *name, const char *code)
{
	struct unit u = {0};
	struct qd_error e = {0};
	u.parent_id = parent;
	u.kind = kind;
	u.name = xstrdup(name);
	u.code = xstrdup(code);
	fz_check(app_unit_add(&FZ.app, &FZ.sys, &u, &e), &e, name);
	int64_t id = u.id;
	unit_clear(&u);
	return id;
}

static int64_t fz_person(int64_t unit, const char *name)
{
	struct person p = {0};
	struct qd_error e = {0};
	p.unit_id = unit;
	p.name = xstrdup(name);
	p.title = xstrdup("");
	fz_check(app_person_add(&FZ.app, &FZ.sys, &p, &e), &e, name);
	int64_t id = p.id;
	person_clear(&p);
	return id;
}

static int64_t fz_category(const char *code, const char *name)
{
	struct category c = {0};
	struct qd_error e = {0};
	c.code = xstrdup(code);
	c.name = xstrdup(name);
	c.active = true;
	fz_check(app_category_add(&FZ.app, &FZ.sys, &c, &e), &e, name);
	int64_t id = c.id;
	category_clear(&c);
	return id;
}

static int64_t fz_item(const char *ext_id, int64_t unit, const char *title, int due)
{
	struct item_input in = {0};
	struct qd_error e = {0};
	item_init(&in.it);
	in.it.ext_id = xstrdup(ext_id);
	in.it.kind = IK_PROBLEM;
	in.it.source = SRC_SELF_INSPECTION;
	in.it.level = LVL_ORGANIZATION;
	in.it.mode = due == DAY_NONE ? MODE_LONG_TERM : MODE_DEADLINE;
	in.it.unit_id = unit;
	in.it.category_id = FZ.cat_road;
	in.it.title = xstrdup(title);
	in.it.detail = xstrdup("");
	in.it.found_on = day_from_civil(2024, 3, 1);
	in.it.due_on = due;
	fz_check(app_item_create(&FZ.app, &FZ.admin, &in, &e), &e, ext_id);
	int64_t id = in.it.id;
	item_clear(&in.it);
	return id;
}

static qd_err fz_secrets(struct store *st, void *ctx, struct qd_error *e)
{
	(void)ctx, (void)e;
	unsigned char h[HASH_LEN];
	int64_t now = time_now();
	struct session_row s = {.account_id = FZ.account, .created_at = now, .last_seen = now,
				.expires_at = now + 10 * 365 * 86400};
	snprintf(s.kind, sizeof s.kind, "session");
	hash_bytes(FUZZ_SESSION, strlen(FUZZ_SESSION), h);
	qd_err r = st->ops->session_insert(st, h, &s);
	snprintf(s.kind, sizeof s.kind, "api");
	hash_bytes(FUZZ_API_TOKEN, strlen(FUZZ_API_TOKEN), h);
	if (r == QD_OK)
		r = st->ops->session_insert(st, h, &s);
	struct o311_client c = {0};
	c.name = xstrdup("12345平台");
	c.unit_id = FZ.county;
	c.created_at = now;
	hash_bytes(FUZZ_API_KEY, strlen(FUZZ_API_KEY), h);
	if (r == QD_OK)
		r = st->ops->o311_client_insert(st, &c, h, HASH_LEN);
	o311_client_clear(&c);
	return r;
}

/* Copy database from into to with the backup API, which (unlike
 * sqlite3_deserialize) leaves the statements prepared on to valid: they
 * are prepared again on their next step. */
static void fz_copy(sqlite3 *to, sqlite3 *from)
{
	for (sqlite3_stmt *q = sqlite3_next_stmt(to, NULL); q; q = sqlite3_next_stmt(to, q))
		sqlite3_reset(q);
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK) {
		fprintf(stderr, "fuzz: cannot copy the database: %s\n", sqlite3_errmsg(to));
		abort();
	}
}

/* Build the organisation once and keep a copy. */
static void fz_db_init(void)
{
	if (FZ.image)
		return;
	struct qd_error e = {0};
	/* A fixed clock: the same dates, and the session never expires. */
	if (!date_set_timezone("Asia/Shanghai"))
		abort();
	clock_fix(time_of_day(day_from_civil(2024, 3, 15), 9, 0));
	fz_check(app_open(":memory:", true, "Asia/Shanghai", &FZ.app, &e), &e, "open");
	actor_init_system(&FZ.sys);
	fz_check(app_setting_set(&FZ.app, &FZ.sys, "item.prefix", "HY", &e), &e, "prefix");
	FZ.county = fz_unit(0, UK_COUNTY, "海晏县", "HY");
	FZ.town = fz_unit(FZ.county, UK_TOWNSHIP, "三角城镇", "SJC");
	FZ.village = fz_unit(FZ.town, UK_VILLAGE, "红山村", "HSC");
	FZ.town2 = fz_unit(FZ.county, UK_TOWNSHIP, "西海镇", "XHZ");
	fz_person(FZ.village, "张三");
	int64_t admin_person = fz_person(FZ.town, "李四");
	struct account acc = {0};
	acc.person_id = admin_person;
	acc.login = xstrdup("admin");
	fz_check(app_account_add(&FZ.app, &FZ.sys, &acc, "fuzz-password", &e), &e, "account");
	FZ.account = acc.id;
	account_clear(&acc);
	struct grant g = {0};
	g.account_id = FZ.account;
	g.unit_id = FZ.county;
	g.role = ROLE_ADMIN;
	fz_check(app_grant_add(&FZ.app, &FZ.sys, &g, &e), &e, "grant");
	grant_clear(&g);
	fz_check(app_actor_load(&FZ.app, FZ.account, &FZ.admin, &e), &e, "actor");
	FZ.cat_road = fz_category("road", "道路交通");
	fz_category("light", "路灯照明");
	FZ.item1 = fz_item("HY-FZ-001", FZ.village, "村道路灯不亮", day_from_civil(2024, 4, 1));
	FZ.item2 = fz_item("HY-FZ-002", FZ.town, "集镇垃圾清运不及时", DAY_NONE);
	struct measure m;
	measure_init(&m);
	m.item_id = FZ.item1;
	m.text = xstrdup("更换路灯灯泡");
	m.status = MS_OPEN;
	fz_check(app_measure_add(&FZ.app, &FZ.admin, &m, &e), &e, "measure");
	measure_clear(&m);
	struct opinion o;
	opinion_init(&o);
	o.unit_id = FZ.village;
	o.channel = CH_WEB;
	o.text = xstrdup("红山村路口晚上太黑，建议装路灯");
	o.submitter_name = xstrdup("王小明");
	fz_check(app_opinion_submit(&FZ.app, NULL, &o, &e), &e, "opinion");
	FZ.opinion = o.id;
	opinion_clear(&o);
	fz_check(store_tx(FZ.app.st, fz_secrets, NULL, &e), &e, "secrets");
	sqlite3 *db = SQ(FZ.app.st)->db;
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE opinion SET code = '%s' WHERE id = %lld", FUZZ_OPINION_CODE,
		 (long long)FZ.opinion);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		abort();
	if (sqlite3_open(":memory:", &FZ.image) != SQLITE_OK)
		abort();
	fz_copy(FZ.image, db);
	if (getenv("FUZZ_PRINT_SECRETS")) {
		char csrf[48];
		csrf_of(FUZZ_SESSION, csrf);
		printf("session %s\napi token %s\napi_key %s\nopinion code %s\ncsrf %s\n",
		       FUZZ_SESSION, FUZZ_API_TOKEN, FUZZ_API_KEY, FUZZ_OPINION_CODE, csrf);
	}
}

/* Put the database back as fz_db_init left it. */
static void fz_db_reset(void)
{
	struct store *st = FZ.app.st;
	sqlite3 *db = SQ(st)->db;
	if (st->ops->in_tx(st)) {
		fprintf(stderr, "fuzz: a transaction was left open\n");
		abort();
	}
	fz_copy(db, FZ.image);
	st->ops->rollback(st); /* forgets the metric ids cached since */
}

#endif
