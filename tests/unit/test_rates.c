/* test_rates.c: the hotline rates on a small dataset built through the use
 * cases under a simulated clock, against figures computed by hand (see the
 * table below); ranking, drill-down records, rules as data, and check. */
#include "tap.h"
#include "fixture.h"
#include "app/app.h"
#include "domain/codes.h"
#include "util/alloc.h"
#include "util/date.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The dataset (rules: 1 working day, 基本满意 0.8, weights 30/35/35/0,
 * unfounded/duplicate/transferred excluded, minimum 5), period June 2024,
 * today 2024-07-01 (Mon): an unanswered opinion received after Thu 06-27 is
 * not due yet.
 *
 * T1 (7 opinions, received Mon 06-03):
 *   a1 accepted 06-03 (0 wd) -> item1 signed off resolved, rated 满意
 *   a2 linked   06-04 (1 wd) -> item1, rated 基本满意
 *   a3 accepted 06-06 (3 wd) -> item2 signed off reviewed, rated 不满意:
 *      item2 reopens, a3 is handled again (redo), its closure cleared
 *   a4 rejected 06-03 (0 wd); a5 replied 06-04 (1 wd); a6 no response
 *   a7 accepted 06-03 (0 wd) -> item3 signed off duplicate (excluded)
 *   response 5/7 = 71.43; resolution 2/2 = 100 (1 excluded);
 *   satisfaction (1 + 0.8)/3 = 60; redo 1/4 = 25;
 *   composite (30*71.4286 + 35*100 + 35*60)/100 = 77.43
 * T2 (5, received Mon 06-10): b1 accepted, b2..b5 linked the same day ->
 *   item4 resolved, all 满意: every rate 100, redo 0, composite 100
 * T3 (2): c1 accepted Mon 06-17 (0 wd), c2 received Fri 06-28, no response
 *   (not due): response 1/1, below the minimum: listed, not ranked
 * County: response 11/13 = 84.62 (1 excluded); resolution 7/7;
 *   satisfaction 6.8/8 = 85; redo 1/9 = 11.11. */

static struct app A;
static struct actor SYS, HANDLER, LEADER;
static char g_dir[256], g_db[300];
static int64_t COUNTY, T1, T2, T3;
static int JUNE1, JUNE30;

static int64_t add_unit(int64_t parent, int kind, const char *name)
{
	return fx_unit(&A, &SYS, parent, kind, name);
}

static void add_user(const char *login, int64_t unit, int role, struct actor *out)
{
	if (fx_user(&A, &SYS, login, unit, role, out) != QD_OK)
		diag("could not add %s", login);
}

static void at(int m, int d, int hour)
{
	clock_fix(time_of_day(day_from_civil(2024, m, d), hour, 0));
}

struct op {
	int64_t id;
	char code[TRACKING_CODE_LEN + 1];
};

static struct op submit(int64_t unit, const char *text)
{
	struct opinion o;
	opinion_init(&o);
	struct qd_error e = {0};
	o.unit_id = unit;
	o.text = xstrdup(text);
	struct op r = {0};
	if (app_opinion_submit(&A, NULL, &o, &e) == QD_OK) {
		r.id = o.id;
		snprintf(r.code, sizeof r.code, "%s", o.code);
	} else {
		diag("submit: %s %s", qd_err_name(e.code), e.detail);
	}
	opinion_clear(&o);
	return r;
}

static int64_t accept(struct op o, const char *title)
{
	struct item_input in = {0};
	struct qd_error e = {0};
	item_init(&in.it);
	in.it.kind = IK_PROBLEM;
	in.it.mode = MODE_DEADLINE;
	in.it.title = xstrdup(title);
	in.it.due_on = day_from_civil(2024, 6, 30);
	int64_t id = app_opinion_accept(&A, &HANDLER, o.id, &in, &e) == QD_OK ? in.it.id : 0;
	if (!id)
		diag("accept: %s %s", qd_err_name(e.code), e.detail);
	item_clear(&in.it);
	return id;
}

static bool sign_off(int64_t item, int closure)
{
	struct qd_error e = {0};
	bool ok1 = app_item_act(&A, &HANDLER, item, IA_REQUEST_SIGNOFF, -1, NULL, NULL, &e) == QD_OK;
	bool ok2 = app_item_act(&A, &LEADER, item, IA_SIGNOFF, closure, "已处理", NULL, &e) == QD_OK;
	if (!ok1 || !ok2)
		diag("sign-off: %s %s", qd_err_name(e.code), e.detail);
	return ok1 && ok2;
}

static bool rate(struct op o, int rating, const char *comment)
{
	struct qd_error e = {0};
	bool r = app_opinion_rate(&A, o.code, rating, comment, &e) == QD_OK;
	if (!r)
		diag("rate: %s %s", qd_err_name(e.code), e.detail);
	return r;
}

static bool near(double a, double b)
{
	return a - b < 0.005 && b - a < 0.005;
}

static const struct unit_rates *child(const struct rates_view *v, int64_t id)
{
	for (int i = 0; i < v->nchildren; i++)
		if (v->children[i].unit.id == id)
			return &v->children[i];
	return NULL;
}

static void figure(const struct rate_figure *f, double num, int64_t den, int64_t excl,
		   double pct, const char *what)
{
	ok(near(f->num, num) && f->den == den && f->excluded == excl &&
		   (pct < 0 ? f->pct < 0 : near(f->pct, pct)),
	   "%s: %.2f/%lld (excluded %lld) = %.2f %%", what, f->num, (long long)f->den,
	   (long long)f->excluded, f->pct);
}

static int records(const struct actor *ac, int64_t unit, const char *part, int64_t *first)
{
	struct opinion *v = NULL;
	int n = 0;
	bool more = false;
	struct qd_error e = {0};
	if (app_rate_records(&A, ac, unit, JUNE1, JUNE30, part, 50, 0, &v, &n, &more, &e) != QD_OK) {
		diag("records %s: %s %s", part, qd_err_name(e.code), e.detail);
		return -1;
	}
	if (first)
		*first = n ? v[0].id : 0;
	bool text_gone = true;
	for (int i = 0; i < n; i++)
		text_gone &= v[i].text == NULL && v[i].submitter_name == NULL;
	if (!ac && !text_gone)
		n = -2;
	opinions_free(v, n > 0 ? n : 0);
	return n;
}

static void build(void)
{
	struct qd_error e = {0};
	at(6, 3, 9);
	struct op a[8];
	for (int i = 1; i <= 7; i++)
		a[i] = submit(T1, "路灯不亮");
	at(6, 3, 10);
	int64_t item1 = accept(a[1], "路灯维修");
	int64_t item3 = accept(a[7], "重复反映的路灯");
	ok(app_opinion_reject(&A, &HANDLER, a[4].id, "不属于政务诉求", &e) == QD_OK, "a4 rejected");
	at(6, 4, 10);
	ok(app_opinion_link(&A, &HANDLER, a[2].id, item1, &e) == QD_OK, "a2 linked next day");
	ok(app_opinion_reply(&A, &HANDLER, a[5].id, "正在核实", &e) == QD_OK, "a5 replied next day");
	at(6, 6, 10);
	int64_t item2 = accept(a[3], "道路积水");
	at(6, 7, 10);
	ok(sign_off(item1, CL_RESOLVED) && sign_off(item2, CL_REVIEWED) &&
		   sign_off(item3, CL_DUPLICATE),
	   "T1 items signed off: resolved, reviewed, duplicate");
	at(6, 10, 9);
	struct op b[6];
	for (int i = 1; i <= 5; i++)
		b[i] = submit(T2, "垃圾清运不及时");
	at(6, 10, 11);
	int64_t item4 = accept(b[1], "垃圾清运");
	for (int i = 2; i <= 5; i++)
		app_opinion_link(&A, &HANDLER, b[i].id, item4, &e);
	at(6, 12, 10);
	ok(sign_off(item4, CL_RESOLVED), "T2 item signed off");
	at(6, 14, 10);
	ok(rate(a[1], RT_SATISFIED, NULL) && rate(a[2], RT_BASIC, NULL), "a1 满意, a2 基本满意");
	ok(rate(a[3], RT_UNSATISFIED, "积水还在"), "a3 不满意");
	bool all = true;
	for (int i = 1; i <= 5; i++)
		all &= rate(b[i], RT_SATISFIED, NULL);
	ok(all, "T2 all 满意");
	at(6, 17, 9);
	struct op c1 = submit(T3, "村道破损");
	at(6, 17, 15);
	ok(accept(c1, "村道修补") > 0, "c1 accepted the same day");
	at(6, 28, 9);
	submit(T3, "新反映");
	/* today */
	clock_fix(time_of_day(day_from_civil(2024, 7, 1), 9, 0));
	struct opinion o;
	ok(app_opinion_get(&A, &HANDLER, a[3].id, &o, &e) == QD_OK && o.status == OS_REDO &&
		   o.redo == 1 && o.closure == -1 && o.rating == RT_UNSATISFIED,
	   "a3 is handled again, its 不满意 kept until it is rated anew");
	opinion_clear(&o);
}

static void check_figures(void)
{
	struct rates_view v;
	struct qd_error e = {0};
	if (!ok(app_rates(&A, &LEADER, COUNTY, JUNE1, JUNE30, &v, &e) == QD_OK, "rates of the county"))
		return;
	is_int(v.cutoff, day_from_civil(2024, 6, 27), "not due: received after Thu 06-27");
	const struct rate_report *c = &v.self.rep;
	is_int(c->received, 14, "county: 14 received");
	figure(&c->f[RATE_RESPONSE], 11, 13, 1, 84.6154, "county response");
	figure(&c->f[RATE_RESOLUTION], 7, 7, 1, 100, "county resolution");
	figure(&c->f[RATE_SATISFACTION], 6.8, 8, 0, 85, "county satisfaction");
	figure(&c->f[RATE_REDO], 1, 9, 0, 11.1111, "county redo");
	const struct unit_rates *t1 = child(&v, T1), *t2 = child(&v, T2), *t3 = child(&v, T3);
	if (!ok(t1 && t2 && t3 && v.nchildren == 3, "three townships listed"))
		goto out;
	figure(&t1->rep.f[RATE_RESPONSE], 5, 7, 0, 71.4286, "T1 response");
	is_int(t1->pending_late, 1, "T1: one opinion never answered, past its limit");
	figure(&t1->rep.f[RATE_RESOLUTION], 2, 2, 1, 100, "T1 resolution");
	figure(&t1->rep.f[RATE_SATISFACTION], 1.8, 3, 0, 60, "T1 satisfaction");
	figure(&t1->rep.f[RATE_REDO], 1, 4, 0, 25, "T1 redo");
	ok(near(t1->rep.composite, 77.4286), "T1 composite %.4f", t1->rep.composite);
	ok(near(t2->rep.composite, 100), "T2 composite %.4f", t2->rep.composite);
	figure(&t3->rep.f[RATE_RESPONSE], 1, 1, 1, 100, "T3 response");
	ok(v.children[0].unit.id == T2 && v.children[0].rank == 1 && v.children[1].unit.id == T1 &&
		   v.children[1].rank == 2,
	   "ranked: T2 first, T1 second");
	ok(v.children[2].unit.id == T3 && v.children[2].rank == 0 && !t3->rep.ranked,
	   "T3 (2 opinions, minimum 5) listed but not ranked");

	/* The parts add up to the figures. */
	struct rate_part parts[64];
	int n = rate_parts(&v, t1, parts, 64);
	double num[RATE_COUNT] = {0};
	int64_t den[RATE_COUNT] = {0}, excl[RATE_COUNT] = {0};
	for (int i = 0; i < n; i++) {
		num[parts[i].rate] += parts[i].weight * (double)parts[i].n;
		if (parts[i].role == PART_EXCLUDED)
			excl[parts[i].rate] += parts[i].n;
		else
			den[parts[i].rate] += parts[i].n;
	}
	bool add_up = true;
	for (int k = 0; k < RATE_COUNT; k++)
		add_up &= near(num[k], t1->rep.f[k].num) && den[k] == t1->rep.f[k].den &&
			  excl[k] == t1->rep.f[k].excluded;
	ok(add_up, "T1: the parts add up to every numerator, denominator and exclusion");
out:
	rates_view_free(&v);
}

static void check_records(void)
{
	int64_t first = 0;
	is_int(records(&LEADER, T1, "response.within", NULL), 5, "T1 response.within: 5 records");
	is_int(records(&LEADER, T1, "response.late", NULL), 1, "T1 response.late: 1 record");
	is_int(records(&LEADER, T1, "response.pending_late", NULL), 1, "T1 pending_late: 1");
	is_int(records(&LEADER, COUNTY, "response.pending_not_due", NULL), 1,
	       "county pending_not_due: 1");
	is_int(records(&LEADER, T1, "resolution.duplicate", NULL), 1, "T1 resolution.duplicate: 1");
	is_int(records(&LEADER, T1, "satisfaction.unsatisfied", &first), 1,
	       "T1 satisfaction.unsatisfied: 1");
	is_int(records(&LEADER, COUNTY, "redo.redo", NULL), 1, "county redo.redo: 1");
	is_int(records(&LEADER, COUNTY, "redo.not_redone", NULL), 8, "county redo.not_redone: 8");
	is_int(records(NULL, T2, "resolution.resolved", NULL), 5,
	       "public records: 5, without text or names");
	struct qd_error e = {0};
	struct opinion *v = NULL;
	int n = 0;
	bool more = false;
	ok(app_board_resolved(&A, COUNTY, JUNE1, JUNE30, 50, 0, &v, &n, &more, &e) == QD_OK &&
		   n == 2 && v[0].item_id != v[1].item_id && !v[0].text && !v[0].code,
	   "the board lists the two resolved items once each (7 opinions), without text or code");
	opinions_free(v, n);
	is_int(app_rate_records(&A, &LEADER, T1, JUNE1, JUNE30, "response.nonsense", 10, 0, &v, &n,
				&more, &e),
	       QD_BAD_PARAM, "an unknown part is refused");
	is_int(app_rate_records(&A, &LEADER, T1, JUNE30, JUNE1, "response.within", 10, 0, &v, &n,
				&more, &e),
	       QD_BAD_PARAM, "a period ending before it starts is refused");
}

static void check_rules(void)
{
	struct qd_error e = {0};
	struct rates_view v;
	ok(app_rate_rules_set(&A, &SYS,
			      "{\"response_wdays\": 3, \"exclude_closures\": [], "
			      "\"curves\": {\"satisfaction\": [[0,0],[60,50],[100,100]]}, "
			      "\"weights\": {\"redo\": 10}}",
			      &e) == QD_OK,
	   "new rules: 3 working days, no exclusions, a satisfaction curve, redo weighted");
	if (app_rates(&A, &LEADER, COUNTY, JUNE1, JUNE30, &v, &e) == QD_OK) {
		const struct unit_rates *t1 = child(&v, T1);
		figure(&t1->rep.f[RATE_RESPONSE], 6, 7, 0, 85.7143, "T1 response within 3 days");
		figure(&t1->rep.f[RATE_RESOLUTION], 2, 3, 0, 66.6667, "T1 resolution, nothing excluded");
		ok(near(t1->rep.f[RATE_SATISFACTION].score, 50), "60 %% scores 50 on the curve");
		/* (30*85.7143 + 35*66.6667 + 35*50 + 10*75) / 110 */
		ok(near(t1->rep.composite, (30 * 600.0 / 7 + 35 * 200.0 / 3 + 35 * 50 + 10 * 75) / 110),
		   "composite with the redo score weighted: %.4f", t1->rep.composite);
	}
	rates_view_free(&v);
	static const char *const bad[] = {
		"{\"exclude_closures\": [\"resolved\"]}",
		"{\"weights\": {\"response\": 0, \"resolution\": 0, \"satisfaction\": 0, \"redo\": 0}}",
		"{\"nonsense\": 1}",
		"{\"curves\": {\"response\": [[50,0],[40,100]]}}",
		"{\"basic_coefficient\": 2}",
		"{\"response_wdays\": 40}",
		"[1,2]",
		"{",
	};
	struct rate_rules before, after;
	app_rate_rules(&A, &before, &e);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ok(app_rate_rules_set(&A, &SYS, bad[i], &e) != QD_OK, "refused: %s (%s)", bad[i],
		   e.detail);
	app_rate_rules(&A, &after, &e);
	ok(memcmp(&before, &after, sizeof before) == 0, "… and the rules are unchanged");
	is_int(app_rate_rules_set(&A, &HANDLER, "{}", &e), QD_FORBIDDEN,
	       "only a top-level admin sets the rules");
}

int main(void)
{
	setenv("QINGDAN_TODAY", "2024-07-01", 1);
	const char *tmp = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/qd-test-rates-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(g_dir))
		return 1;
	snprintf(g_db, sizeof g_db, "%s/r.db", g_dir);
	struct qd_error e = {0};
	if (!ok(app_open(g_db, true, NULL, &A, &e) == QD_OK, "open a new database"))
		return done_testing();
	JUNE1 = day_from_civil(2024, 6, 1);
	JUNE30 = day_from_civil(2024, 6, 30);
	actor_init_system(&SYS);
	COUNTY = add_unit(0, UK_COUNTY, "县");
	T1 = add_unit(COUNTY, UK_TOWNSHIP, "一镇");
	T2 = add_unit(COUNTY, UK_TOWNSHIP, "二镇");
	T3 = add_unit(COUNTY, UK_TOWNSHIP, "三镇");
	add_user("c.handler", COUNTY, ROLE_HANDLER, &HANDLER);
	add_user("c.leader", COUNTY, ROLE_LEADER, &LEADER);

	build();
	check_figures();
	check_records();
	check_rules();
	struct check_report rep = {0};
	ok(app_check(&A, &rep, &e) == QD_OK && rep.problems == 0,
	   "check recounts the opinion counters and agrees (%s)", rep.text ? rep.text : "");
	free(rep.text);
	/* An opinion edited behind qingdan's back is caught. */
	sqlite3 *db;
	sqlite3_open(g_db, &db);
	sqlite3_exec(db, "UPDATE opinion SET closure = 'resolved' WHERE redo > 0", NULL, NULL, NULL);
	sqlite3_close(db);
	struct check_report rep2 = {0};
	app_check(&A, &rep2, &e);
	ok(rep2.problems > 0 && rep2.text && strstr(rep2.text, "opinion") &&
		   strstr(rep2.text, "behind qingdan's back"),
	   "check catches an opinion edited in the database: %s", rep2.text ? rep2.text : "");
	free(rep2.text);

	clock_fix(0);
	actor_clear(&SYS);
	actor_clear(&HANDLER);
	actor_clear(&LEADER);
	app_close(&A);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
	if (system(cmd) != 0)
		diag("could not remove %s", g_dir);
	return done_testing();
}
