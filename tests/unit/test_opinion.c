/* test_opinion.c: opinions from the public through the use cases: a public
 * submission with a tracking code, triage (accept, link, reject), answers at
 * sign-off, the submitter's rating (不满意 reopens the item), and personal
 * data kept out of public views and the audit log. */
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

static struct app A;
static struct actor SYS, HANDLER, LEADER, VIEWER;
static char g_dir[256], g_db[300];
static const char NAME[] = "测试张三丰", PHONE[] = "13912345678";

static int64_t add_unit(int64_t parent, int kind, const char *name)
{
	return fx_unit(&A, &SYS, parent, kind, name);
}

static void add_user(const char *login, int64_t unit, int role, struct actor *out)
{
	ok(fx_user(&A, &SYS, login, unit, role, out) == QD_OK, "account %s with role %s", login,
	   code_str(&T_ROLE, role));
}

static char *submit(int64_t unit, const char *text, bool personal)
{
	struct opinion o;
	opinion_init(&o);
	struct qd_error e = {0};
	o.unit_id = unit;
	o.text = xstrdup(text);
	if (personal) {
		o.submitter_name = xstrdup(NAME);
		o.submitter_contact = xstrdup(PHONE);
	}
	qd_err r = app_opinion_submit(&A, NULL, &o, &e);
	char *code = r == QD_OK ? xstrdup(o.code) : NULL;
	ok(r == QD_OK && tracking_code_ok(o.code) && o.status == OS_RECEIVED &&
		   o.channel == CH_WEB,
	   "public submission gets a tracking code (%s)", qd_err_name(r));
	opinion_clear(&o);
	return code;
}

static int64_t id_of(const char *code)
{
	struct opinion o;
	A.st->ops->opinion_get_by_code(A.st, code, &o);
	int64_t id = o.id;
	opinion_clear(&o);
	return id;
}

static int item_status(int64_t id, int *reopens)
{
	struct item it;
	item_init(&it);
	A.st->ops->item_get(A.st, id, &it);
	int s = it.status;
	if (reopens)
		*reopens = it.reopens;
	item_clear(&it);
	return s;
}

/* Count events whose text mentions s. */
static int events_mentioning(const char *s)
{
	sqlite3 *db;
	sqlite3_open(g_db, &db);
	sqlite3_stmt *q;
	sqlite3_prepare_v2(db, "SELECT count(*) FROM event WHERE instr(coalesce(before,'') || "
			       "coalesce(after,'') || coalesce(note,''), ?1) > 0", -1, &q, NULL);
	sqlite3_bind_text(q, 1, s, -1, SQLITE_STATIC);
	int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
	sqlite3_finalize(q);
	sqlite3_close(db);
	return n;
}

int main(void)
{
	setenv("QINGDAN_TODAY", "2024-06-15", 1);
	const char *tmp = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/qd-test-opinion-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(g_dir))
		return 1;
	snprintf(g_db, sizeof g_db, "%s/o.db", g_dir);
	struct qd_error e = {0};
	if (!ok(app_open(g_db, true, NULL, &A, &e) == QD_OK, "open a new database"))
		return done_testing();
	actor_init_system(&SYS);
	int64_t county = add_unit(0, UK_COUNTY, "县");
	int64_t town = add_unit(county, UK_TOWNSHIP, "镇");
	int64_t vil = add_unit(town, UK_VILLAGE, "村");
	add_user("v.handler", vil, ROLE_HANDLER, &HANDLER);
	add_user("t.leader", town, ROLE_LEADER, &LEADER);
	add_user("v.viewer", vil, ROLE_VIEWER, &VIEWER);

	/* Intake and privacy. */
	char *c1 = submit(vil, "建议早上路灯照明时间提前", true);
	char *c2 = submit(vil, "路灯太晚才亮，学生上学看不清", false);
	char *c3 = submit(vil, "与本村无关的广告", false);
	struct opinion o;
	struct opinion bad;
	opinion_init(&bad);
	bad.unit_id = vil;
	bad.text = xstrdup("   ");
	is_int(app_opinion_submit(&A, NULL, &bad, &e), QD_BAD_FIELD, "blank text is refused");
	opinion_clear(&bad);
	ok(app_opinion_public(&A, c1, &o, &e) == QD_OK && !o.submitter_name && !o.submitter_contact,
	   "the public view by code has no name or contact");
	opinion_clear(&o);
	is_int(app_opinion_public(&A, "AAAAAAAAAAAA", &o, &e), QD_NOT_FOUND, "an unknown code is not found");
	is_int(app_opinion_public(&A, "../etc", &o, &e), QD_NOT_FOUND, "a malformed code is not found");
	int64_t o1 = id_of(c1), o2 = id_of(c2), o3 = id_of(c3);
	ok(app_opinion_get(&A, &HANDLER, o1, &o, &e) == QD_OK && o.submitter_name &&
		   strcmp(o.submitter_name, NAME) == 0,
	   "a handler of the unit sees the submitter");
	opinion_clear(&o);
	ok(app_opinion_get(&A, &VIEWER, o1, &o, &e) == QD_OK && !o.submitter_name &&
		   !o.submitter_contact,
	   "a viewer does not");
	opinion_clear(&o);

	/* Triage. */
	struct item_input in = {0};
	item_init(&in.it);
	in.it.kind = IK_PROBLEM;
	in.it.mode = MODE_DEADLINE;
	in.it.title = xstrdup("路灯照明时间提前");
	in.it.due_on = day_from_civil(2024, 6, 30);
	ok(app_opinion_accept(&A, &HANDLER, o1, &in, &e) == QD_OK && in.it.id > 0,
	   "accepting makes an item (%s %s)", qd_err_name(e.code), e.detail);
	int64_t item = in.it.id;
	ok(in.it.source == SRC_OPINION && in.it.unit_id == vil, "… from the opinion, in its unit");
	item_clear(&in.it);
	is_int(app_opinion_link(&A, &HANDLER, o1, item, &e), QD_BAD_TRANSITION,
	       "an accepted opinion is not triaged again");
	ok(app_opinion_link(&A, &HANDLER, o2, item, &e) == QD_OK, "a duplicate is linked to the item");
	struct opinion *v = NULL;
	int n = 0;
	int64_t total = 0;
	A.st->ops->opinion_list_for_item(A.st, item, 10, &v, &n, &total);
	is_int(total, 2, "the item counts two opinions");
	for (int i = 0; i < n; i++)
		opinion_clear(&v[i]);
	free(v);
	is_int(app_opinion_reject(&A, &HANDLER, o3, "", &e), QD_NEED_REASON, "rejecting needs a reason");
	ok(app_opinion_reject(&A, &HANDLER, o3, "不属于政务诉求", &e) == QD_OK, "rejected with a reason");
	is_int(app_opinion_reject(&A, &VIEWER, o2, "x", &e), QD_FORBIDDEN, "a viewer cannot triage");
	ok(app_opinion_reply(&A, &HANDLER, o2, "已并入同类问题办理", &e) == QD_OK, "a reply");

	/* Sign-off answers the opinions. */
	is_int(app_opinion_rate(&A, c1, RT_SATISFIED, NULL, &e), QD_BAD_TRANSITION,
	       "no rating before the answer");
	ok(app_item_act(&A, &HANDLER, item, IA_REQUEST_SIGNOFF, -1, NULL, NULL, &e) == QD_OK,
	   "sign-off requested");
	ok(app_item_act(&A, &LEADER, item, IA_SIGNOFF, CL_RESOLVED, "已调整为6:30开灯", NULL, &e) ==
		   QD_OK,
	   "signed off by the township");
	ok(app_opinion_public(&A, c1, &o, &e) == QD_OK && o.status == OS_ANSWERED && o.resolution &&
		   strstr(o.resolution, "6:30") && strstr(o.resolution, "已解决"),
	   "the accepted opinion is answered with the resolution");
	opinion_clear(&o);
	ok(app_opinion_public(&A, c2, &o, &e) == QD_OK && o.status == OS_ANSWERED && o.reply &&
		   strcmp(o.reply, "已并入同类问题办理") == 0 && o.resolution &&
		   strstr(o.resolution, "6:30"),
	   "the linked one too, keeping its own reply beside the resolution");
	opinion_clear(&o);
	ok(app_opinion_public(&A, c3, &o, &e) == QD_OK && o.status == OS_REJECTED,
	   "the rejected one stays rejected");
	opinion_clear(&o);

	/* Joined to an item already signed off: answered at once. */
	char *c4 = submit(vil, "路灯的事又反映一次", false);
	ok(app_opinion_link(&A, &HANDLER, id_of(c4), item, &e) == QD_OK &&
		   app_opinion_public(&A, c4, &o, &e) == QD_OK && o.status == OS_ANSWERED &&
		   o.closure == CL_RESOLVED && o.resolution && strstr(o.resolution, "已解决"),
	   "linked to a signed-off item, an opinion is answered with its closure");
	opinion_clear(&o);
	free(c4);

	/* Ratings. */
	ok(app_opinion_rate(&A, c1, RT_SATISFIED, NULL, &e) == QD_OK, "rated 满意");
	is_int(app_opinion_rate(&A, c1, RT_BASIC, NULL, &e), QD_CONFLICT, "rated only once");
	is_int(item_status(item, NULL), ST_CLOSED, "满意 leaves the item closed");
	is_int(app_opinion_rate(&A, c2, RT_UNSATISFIED, "", &e), QD_NEED_REASON,
	       "不满意 needs a comment");
	ok(app_opinion_rate(&A, c2, RT_UNSATISFIED, "早上六点还是黑的", &e) == QD_OK, "rated 不满意");
	int reopens = 0;
	ok(item_status(item, &reopens) == ST_IN_PROGRESS && reopens == 1,
	   "不满意 reopens the item (status %d, reopens %d)", item_status(item, NULL), reopens);
	struct event_array ev = {0};
	A.st->ops->event_list_for(A.st, "item", item, &ev);
	ok(ev.n > 0 && strcmp(ev.v[ev.n - 1].action, "item.reopen") == 0 && ev.v[ev.n - 1].note &&
		   strstr(ev.v[ev.n - 1].note, "早上六点还是黑的"),
	   "… with the comment as the reason");
	event_array_free(&ev);

	/* Personal data stays out of the log; the ledger checks out. */
	is_int(events_mentioning(NAME), 0, "no event mentions the submitter's name");
	is_int(events_mentioning(PHONE), 0, "no event mentions the phone number");
	struct check_report rep = {0};
	ok(app_check(&A, &rep, &e) == QD_OK && rep.problems == 0, "check passes (%s)",
	   rep.text ? rep.text : "");
	free(rep.text);

	free(c1);
	free(c2);
	free(c3);
	actor_clear(&SYS);
	actor_clear(&HANDLER);
	actor_clear(&LEADER);
	actor_clear(&VIEWER);
	app_close(&A);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
	if (system(cmd) != 0)
		diag("could not remove %s", g_dir);
	return done_testing();
}
