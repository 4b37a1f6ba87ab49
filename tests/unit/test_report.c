/* test_report.c: the campaign report.
 *
 * (a) the summary generator on hand-made figures: exact strings in Chinese
 *     and English, clauses with a zero figure left out, the period and the
 *     empty report; 万元 and percentages; figures from counters (closed is
 *     not fixed); the rows and the records behind them.
 * (b) seed 001 (宁陕县, to the end of October 2019): 999 opinions received,
 *     397 public-livelihood problems made of them and 321 rectified, 2,100
 *     deeds done serving 5,000 people, 46 disputes mediated - built through
 *     the use cases under a simulated clock, then the report's figures and
 *     summary checked against the numbers worked out below, its JSON and
 *     xlsx, the permission and period checks, and `check`.
 *
 * The dataset (today 2019-10-31; county 宁陕县, towns 城关镇 and 皇冠镇):
 *   opinions o0..o998, received 09-01 + (i % 60) days, town by i % 2,
 *     channel by i % 6: letter, visit, phone, web, meeting, survey
 *     (167, 167, 167, 166, 166, 166)
 *   o0..o396 accepted into problems p0..p396 (source opinion, deadline
 *     11-30 but p331..p336 10-15); o397..o896 linked to p((i - 397) % 397);
 *     o897..o946 rejected; o947..o998 wait
 *   p0..p320 signed off resolved, p321..p330 reviewed (closed, not fixed),
 *     p331..p396 open (66; p331..p336 overdue)
 *   answered: o0..o330 and the linked ones of p0..p330 (331 + 103) = 765
 *   rated: o0..o79 满意, o80..o99 基本满意: (80 + 0.8 x 20) / 100 = 96 %
 *   deeds: 2,100 done (1,000 yuan each; 800 serve 3 people, 1,300 serve 2:
 *     5,000), 30 planned (5,000 yuan each): funds 225 万元, 210 done
 *   disputes: 46 mediated, 2 transferred (closed, not mediated), 4 open */
#include "tap.h"
#include "fixture.h"
#include "app/app.h"
#include "app/report_json.h"
#include "domain/codes.h"
#include "domain/report.h"
#include "util/alloc.h"
#include "util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- (a) */

static struct report sample(void)
{
	struct report r = {0};
	r.unit_id = 1;
	r.unit_name = xstrdup("某县");
	r.from = DAY_NONE;
	r.to = r.today = day_from_civil(2026, 11, 22);
	struct report_figures *f = &r.f;
	f->problems = 120;
	f->source[SRC_SELF_INSPECTION] = 100;
	f->source[SRC_OPINION] = 15;
	f->source[SRC_SUPERVISION] = 5;
	f->level[LVL_LEADERSHIP_TEAM] = 3;
	f->level[LVL_LEADER] = 7;
	f->level[LVL_ORGANIZATION] = 20;
	f->level[LVL_MEMBER] = 70;
	f->measures = 200;
	f->measure_level[LVL_LEADERSHIP_TEAM] = 10;
	f->measure_level[LVL_LEADER] = 20;
	f->measure_level[LVL_ORGANIZATION] = 40;
	f->measure_level[LVL_MEMBER] = 80;
	f->measures_done = 150;
	f->immediate = 40;
	f->immediate_fixed = 30;
	f->closed = 90;
	f->fixed = 80;
	f->in_progress = 30;
	f->overdue = 4;
	f->opinions = 60;
	f->channel[CH_LETTER] = 10;
	f->channel[CH_VISIT] = 20;
	f->channel[CH_PHONE] = 30;
	f->answered = 50;
	f->satisfaction = (struct rate_figure){38, 40, 0, 95, 95};
	f->visits = 20;
	f->cases[CT_DISPUTE] = 6;
	f->cases_resolved[CT_DISPUTE] = 5;
	f->cases[CT_PROMINENT] = f->cases_resolved[CT_PROMINENT] = 2;
	f->cases[CT_DIFFICULT] = f->cases_resolved[CT_DIFFICULT] = 1;
	f->deeds = 8;
	f->deeds_done = 6;
	f->funds = 880000;
	f->funds_done = 638000;
	f->beneficiaries = 120;
	f->beneficiaries_done = 89;
	return r;
}

static void check_text(const struct report *r, const char *lang, const char *want,
		       const char *what)
{
	char *got = report_summary(r, lang);
	is_str(got, want, "%s", what);
	free(got);
}

static void numbers(void)
{
	char s[32];
	static const struct {
		int64_t yuan;
		const char *wan;
	} w[] = {{250000, "25"}, {388000, "38.8"}, {12345, "1.2345"}, {0, "0"}, {10000, "1"},
		 {2250000, "225"}, {50, "0.005"}};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		report_wan(w[i].yuan, s);
		is_str(s, w[i].wan, "%lld 元 = %s 万元", (long long)w[i].yuan, w[i].wan);
	}
	static const struct {
		double pct;
		const char *text;
	} p[] = {{94.84, "94.8"}, {94.86, "94.9"}, {100, "100"}, {96, "96"}, {0, "0"}, {-1, "—"}};
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
		report_pct(p[i].pct, s);
		is_str(s, p[i].text, "percentage %g shown as %s", p[i].pct, p[i].text);
	}
}

static void from_counters(void)
{
	struct stat_result c = {0};
	stat_result_add(&c, "kind.problem", 12);
	stat_result_add(&c, "level.member", 7);
	stat_result_add(&c, "problem.source.opinion", 5);
	stat_result_add(&c, "problem.status.open", 1);
	stat_result_add(&c, "problem.status.in_progress", 2);
	stat_result_add(&c, "problem.status.review", 3);
	stat_result_add(&c, "problem.status.closed", 6);
	stat_result_add(&c, "problem.resolved", 4);
	stat_result_add(&c, "closure.resolved", 9); /* all kinds: not the problems' */
	stat_result_add(&c, "problem.mode.immediate", 3);
	stat_result_add(&c, "problem.mode.immediate.resolved", 2);
	stat_result_add(&c, "measures", 20);
	stat_result_add(&c, "measure.level.member", 11);
	stat_result_add(&c, "measure.status.done", 8);
	stat_result_add(&c, "measure.problem.done", 7);
	stat_result_add(&c, "op.received", 30);
	stat_result_add(&c, "op.channel.visit", 9);
	stat_result_add(&c, "op.answered", 25);
	stat_result_add(&c, "op.status.answered", 21);
	stat_result_add(&c, "op.rating.basic", 2);
	stat_result_add(&c, "casetype.dispute", 4);
	stat_result_add(&c, "casetype.dispute.resolved", 3);
	stat_result_add(&c, "kind.deed", 5);
	stat_result_add(&c, "deed.resolved", 2);
	stat_result_add(&c, "deed.funds", 70000);
	stat_result_add(&c, "deed.resolved.funds", 30000);
	stat_result_add(&c, "deed.beneficiaries", 40);
	stat_result_add(&c, "deed.resolved.beneficiaries", 15);
	c.overdue = 2;
	struct rate_rules rr;
	rate_rules_default(&rr);
	struct rate_report rates;
	rates_compute(&rr, &c, 0, &rates);
	struct report_figures f;
	report_figures_count(&c, &rates, &f);
	ok(f.problems == 12 && f.level[LVL_MEMBER] == 7 && f.source[SRC_OPINION] == 5,
	   "problems, by level and source from their counters");
	ok(f.closed == 6 && f.fixed == 4 && f.in_progress == 6 && f.overdue == 2,
	   "signed off 6, of which fixed 4 (closed is not fixed), in progress 1+2+3, overdue 2");
	ok(f.immediate == 3 && f.immediate_fixed == 2, "立行立改 3, resolved 2");
	ok(f.measures == 20 && f.measure_level[LVL_MEMBER] == 11 && f.measures_done == 8 &&
		   f.problem_measures[MS_DONE] == 7,
	   "measures: total, by level, done, of problems by status");
	ok(f.opinions == 30 && f.visits == 9 && f.channel[CH_VISIT] == 9 && f.answered == 21,
	   "opinions 30, visits 9 = channel visit, answered = answered now (21, not 25)");
	ok(f.satisfaction.den == 2 && f.satisfaction.pct > 79.99 && f.satisfaction.pct < 80.01,
	   "satisfaction from the rates module: 2 基本满意 = 80 %%");
	ok(f.cases[CT_DISPUTE] == 4 && f.cases_resolved[CT_DISPUTE] == 3,
	   "disputes 4, mediated 3");
	ok(f.deeds == 5 && f.deeds_done == 2 && f.funds == 70000 && f.funds_done == 30000 &&
		   f.beneficiaries == 40 && f.beneficiaries_done == 15,
	   "deeds, funds and beneficiaries, planned and done");
	stat_result_free(&c);
}

static const struct report_row *find_row(const struct report_row *v, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

static void rows(void)
{
	struct report r = sample();
	struct report_row v[REPORT_ROWS_MAX];
	int n = report_rows(&r.f, "zh", v, REPORT_ROWS_MAX);
	ok(n > 40 && n < REPORT_ROWS_MAX, "%d rows", n);
	const struct report_row *x = find_row(v, n, "problems.resolved");
	ok(x && x->n == 80 && x->link.what == RR_ITEMS && x->link.kind == IK_PROBLEM &&
		   x->link.status == ST_CLOSED && x->link.closure == CL_RESOLVED,
	   "problems.resolved: 80, the problems signed off as resolved");
	x = find_row(v, n, "problems.level.leader");
	ok(x && x->n == 7 && x->link.level == LVL_LEADER && x->link.kind == -1 && x->label2 &&
		   strcmp(x->label2, "领导干部") == 0,
	   "problems.level.leader: 7, labelled 领导干部, items of that level");
	x = find_row(v, n, "problems.overdue");
	ok(x && x->n == 4 && x->link.overdue && x->link.kind == -1, "overdue: items of any kind");
	x = find_row(v, n, "measures.level.member");
	ok(x && x->n == 80 && x->link.what == RR_MEASURES && x->link.level == LVL_MEMBER,
	   "measures.level.member: 80, measures of items of that level");
	x = find_row(v, n, "cases.visits");
	ok(x && x->n == 20 && x->link.what == RR_OPINIONS && x->link.channel == CH_VISIT,
	   "cases.visits: 20, the opinions that came by visit");
	x = find_row(v, n, "cases.dispute.resolved");
	ok(x && x->n == 5 && x->link.case_type == CT_DISPUTE && x->link.closure == CL_RESOLVED &&
		   strcmp(x->label, "其中已调解") == 0,
	   "cases.dispute.resolved: 5 mediated");
	x = find_row(v, n, "deeds.funds_done");
	ok(x && x->kind == RV_YUAN && x->n == 638000, "deeds.funds_done in yuan");
	x = find_row(v, n, "opinions.satisfaction");
	ok(x && x->kind == RV_PERCENT && x->pct == 95 && x->link.what == RR_NONE,
	   "opinions.satisfaction: 95 %%, no list of its own");
	n = report_rows(&r.f, "en", v, REPORT_ROWS_MAX);
	x = find_row(v, n, "opinions.channel.phone");
	ok(x && strcmp(x->label, "Channel") == 0 && strcmp(x->label2, "phone call") == 0,
	   "English labels");
	report_clear(&r);
}

static void summaries(void)
{
	struct report r = sample();
	check_text(&r, "zh",
		   "截至2026年11月22日，某县共查摆问题120条，其中检视查摆100条、群众意见15条、"
		   "督导发现5条；领导班子检视问题3条，领导干部检视问题7条，基层党组织检视问题20条，"
		   "党员个人检视问题70条。制定整改措施200条，其中针对领导班子问题10条、领导干部问题"
		   "20条、基层党组织问题40条、党员个人问题80条，已完成150条。立行立改40条（其中已解决"
		   "30条），已销号90条（其中已解决80条），整改中30条，超期未销号事项4条。征集群众意见"
		   "建议60条，其中来信10件、来访20件、来电30件，已办结50条，群众满意率95%。接待来访"
		   "群众20人次，调解矛盾纠纷5件，解决信访突出问题2件、疑难问题1件。实施民生实事8件，"
		   "计划投入资金88万元，已完成6件，投入资金63.8万元，惠及群众89人（户）。",
		   "the summary in Chinese, every sentence");
	check_text(&r, "en",
		   "As of 22 November 2026, in 某县, 120 problems were found (by source: "
		   "self-inspection 100, public opinion 15, supervision 5; by inspection level: "
		   "leadership team 3, leading cadre 7, primary organisation 20, party member 70). "
		   "200 rectification measures were set (by inspection level: leadership team 10, "
		   "leading cadre 20, primary organisation 40, party member 80), 150 of them done. "
		   "40 problems were fixed at once (立行立改), 30 of them resolved; 90 problems were "
		   "signed off, 80 of them resolved; 30 problems are being rectified; 4 items are "
		   "past their deadline. 60 opinions were received from the public (letter 10, "
		   "visit 20, phone call 30); 50 have been answered; the satisfaction rate is 95%. "
		   "20 visitors were received; 5 disputes were mediated; 2 prominent petition "
		   "problems and 1 difficult case were resolved. 8 deeds for the people were "
		   "undertaken with 880,000 yuan planned; 6 are completed, with 638,000 yuan spent, "
		   "serving 89 people or households.",
		   "the summary in English");

	/* zero figures: their clauses and sentences are left out */
	struct report_figures keep = r.f;
	memset(r.f.source, 0, sizeof r.f.source);
	memset(r.f.level, 0, sizeof r.f.level);
	memset(r.f.measure_level, 0, sizeof r.f.measure_level);
	r.f.measures_done = r.f.immediate = r.f.immediate_fixed = r.f.fixed = r.f.overdue = 0;
	memset(r.f.channel, 0, sizeof r.f.channel);
	r.f.satisfaction = (struct rate_figure){0, 0, 0, -1, -1};
	r.f.answered = r.f.visits = 0;
	memset(r.f.cases_resolved, 0, sizeof r.f.cases_resolved);
	r.f.cases_resolved[CT_DIFFICULT] = 1;
	r.f.funds = r.f.funds_done = 0;
	check_text(&r, "zh",
		   "截至2026年11月22日，某县共查摆问题120条。制定整改措施200条。已销号90条，"
		   "整改中30条。征集群众意见建议60条。解决疑难问题1件。实施民生实事8件，已完成6件，"
		   "惠及群众89人（户）。",
		   "zero clauses left out: no 其中, no 已完成0条, no 调解矛盾纠纷0件, no 满意率");
	check_text(&r, "en",
		   "As of 22 November 2026, in 某县, 120 problems were found. 200 rectification "
		   "measures were set. 90 problems were signed off; 30 problems are being rectified. "
		   "60 opinions were received from the public. 1 difficult case was resolved. "
		   "8 deeds for the people were undertaken; 6 are completed, serving 89 people or "
		   "households.",
		   "… and in English, singular where it is one");

	/* a period, and only some sections: the first sentence carries the lead */
	memset(&r.f, 0, sizeof r.f);
	r.f.satisfaction.pct = -1;
	free(r.unit_name);
	r.unit_name = xstrdup("宁陕县");
	r.from = day_from_civil(2019, 9, 1);
	r.to = day_from_civil(2019, 10, 31);
	r.f.opinions = 999;
	r.f.cases[CT_DISPUTE] = r.f.cases_resolved[CT_DISPUTE] = 46;
	check_text(&r, "zh", "2019年9月1日至10月31日，宁陕县征集群众意见建议999条。调解矛盾纠纷46件。",
		   "a period within a year; the lead on the first sentence written");
	check_text(&r, "en",
		   "From 1 September to 31 October 2019, in 宁陕县, 999 opinions were received from "
		   "the public. 46 disputes were mediated.",
		   "… in English");
	r.from = day_from_civil(2018, 12, 1);
	r.f.opinions = 0;
	check_text(&r, "zh", "2018年12月1日至2019年10月31日，宁陕县调解矛盾纠纷46件。",
		   "a period across years names both");
	memset(&r.f, 0, sizeof r.f);
	r.from = DAY_NONE;
	check_text(&r, "zh", "截至2019年10月31日，宁陕县尚无问题、意见建议和民生实事的记录。",
		   "nothing recorded");
	check_text(&r, "en",
		   "As of 31 October 2019, in 宁陕县, nothing is recorded yet: no problems, opinions "
		   "or deeds.",
		   "nothing recorded, in English");
	r.f.problems = r.f.source[SRC_OPINION] = 397;
	check_text(&r, "zh", "截至2019年10月31日，宁陕县共查摆问题397条，均来自群众意见。",
		   "one source: 均来自");
	r.f = keep;
	report_clear(&r);
}

/* ---------------------------------------------------------------- (b) */

static struct app A;
static struct actor SYS, HANDLER, LEADER, TOWN_VIEWER;
static int64_t COUNTY, CHENGGUAN, HUANGGUAN;
static char g_dir[256], g_db[300];

#define N_OPINIONS 999
#define N_PROBLEMS 397
#define N_DEEDS_DONE 2100

static int SEP1;
static int64_t op_id[N_OPINIONS], problem_id[N_PROBLEMS];
static char op_code[N_OPINIONS][TRACKING_CODE_LEN + 1];
static int failures;

static void at(int day, int hour)
{
	clock_fix(time_of_day(day, hour, 0));
}

static void fail_diag(const char *what, const struct qd_error *e)
{
	if (failures++ < 5)
		diag("%s: %s %s %s", what, qd_err_name(e->code), e->field, e->detail);
}

static int64_t new_item(const struct actor *ac, int64_t unit, int kind, int mode, int found,
			int due, bool fixed, int case_type, int64_t funds, int64_t people)
{
	struct item_input in = {0};
	struct qd_error e = {0};
	item_init(&in.it);
	in.it.kind = kind;
	in.it.source = kind == IK_CASE ? SRC_PETITION : SRC_ASSIGNMENT;
	in.it.mode = mode;
	in.it.title = xstrdup(kind == IK_DEED ? "为民办实事" : "矛盾纠纷调处");
	in.it.unit_id = unit;
	in.it.found_on = found;
	in.it.due_on = due;
	in.it.case_type = case_type;
	in.it.funds = funds;
	in.it.beneficiaries = people;
	in.already_fixed = fixed;
	int64_t id = app_item_create(&A, ac, &in, &e) == QD_OK ? in.it.id : 0;
	if (!id)
		fail_diag("item", &e);
	item_clear(&in.it);
	return id;
}

static void sign_off(int64_t item, int closure)
{
	struct qd_error e = {0};
	if (app_item_act(&A, &HANDLER, item, IA_REQUEST_SIGNOFF, -1, NULL, NULL, &e) != QD_OK ||
	    app_item_act(&A, &LEADER, item, IA_SIGNOFF, closure, "已办理", NULL, &e) != QD_OK)
		fail_diag("sign-off", &e);
}

static qd_err build(struct app *a, void *ctx, struct qd_error *e)
{
	(void)a, (void)ctx, (void)e;
	static const int channels[6] = {CH_LETTER, CH_VISIT, CH_PHONE, CH_WEB, CH_MEETING,
					CH_SURVEY};
	struct qd_error err = {0};
	for (int i = 0; i < N_OPINIONS; i++) {
		int day = SEP1 + i % 60;
		at(day, 9);
		struct opinion o;
		opinion_init(&o);
		o.unit_id = i % 2 ? HUANGGUAN : CHENGGUAN;
		o.channel = channels[i % 6];
		o.text = xstrdup("群众反映的民生问题");
		if (app_opinion_submit(&A, &HANDLER, &o, &err) == QD_OK) {
			op_id[i] = o.id;
			snprintf(op_code[i], sizeof op_code[i], "%s", o.code);
		} else {
			fail_diag("submit", &err);
		}
		opinion_clear(&o);
		at(day, 10);
		if (i < N_PROBLEMS) {
			struct item_input in = {0};
			item_init(&in.it);
			in.it.kind = IK_PROBLEM;
			in.it.mode = MODE_DEADLINE;
			in.it.title = xstrdup("群众关注的民生问题");
			in.it.due_on = i >= 331 && i <= 336 ? day_from_civil(2019, 10, 15)
							   : day_from_civil(2019, 11, 30);
			if (in.it.due_on < day)
				in.it.due_on = day;
			if (app_opinion_accept(&A, &HANDLER, op_id[i], &in, &err) == QD_OK)
				problem_id[i] = in.it.id;
			else
				fail_diag("accept", &err);
			item_clear(&in.it);
		}
	}
	/* triage of the rest at the end of October */
	at(day_from_civil(2019, 10, 30), 9);
	for (int i = N_PROBLEMS; i < N_OPINIONS; i++) {
		qd_err r = QD_OK;
		if (i < 897)
			r = app_opinion_link(&A, &HANDLER, op_id[i], problem_id[(i - 397) % 397], &err);
		else if (i < 947)
			r = app_opinion_reject(&A, &HANDLER, op_id[i], "不属于本次征集范围", &err);
		if (r != QD_OK)
			fail_diag("triage", &err);
	}
	for (int i = 0; i < 331; i++)
		sign_off(problem_id[i], i < 321 ? CL_RESOLVED : CL_REVIEWED);
	at(day_from_civil(2019, 10, 31), 9);
	for (int i = 0; i < 100; i++)
		if (app_opinion_rate(&A, op_code[i], i < 80 ? RT_SATISFIED : RT_BASIC, NULL, &err) !=
		    QD_OK)
			fail_diag("rate", &err);
	/* deeds and disputes, recorded by the county (a leader verifies at once) */
	for (int i = 0; i < N_DEEDS_DONE + 30; i++) {
		bool done = i < N_DEEDS_DONE;
		int found = SEP1 + i % 60;
		new_item(&LEADER, i % 2 ? HUANGGUAN : CHENGGUAN, IK_DEED,
			 done ? MODE_IMMEDIATE : MODE_DEADLINE, found,
			 done ? found + 3 : day_from_civil(2019, 12, 31), done, -1,
			 done ? 1000 : 5000, done ? (i < 800 ? 3 : 2) : 0);
	}
	for (int i = 0; i < 52; i++) {
		int found = SEP1 + i;
		int64_t id = new_item(&LEADER, CHENGGUAN, IK_CASE, i < 46 ? MODE_IMMEDIATE
								: MODE_DEADLINE,
				      found, i < 46 ? found + 5 : day_from_civil(2019, 11, 30), i < 46,
				      CT_DISPUTE, 0, 0);
		if (i >= 46 && i < 48)
			sign_off(id, CL_TRANSFERRED);
	}
	return QD_OK;
}

/* How many items the county's list shows with filter f (up to its limit). */
static int list_count(struct item_filter *f, int64_t unit)
{
	struct item_array v = {0};
	bool more = false;
	struct qd_error e = {0};
	int n = app_item_list(&A, &LEADER, unit, f, &v, &more, &e) == QD_OK ? v.n : -1;
	item_array_free(&v);
	return more ? -2 : n;
}

static const char *const WANT_ZH =
	"2019年9月1日至10月31日，宁陕县共查摆问题397条，均来自群众意见。已销号331条（其中已解决"
	"321条），整改中66条，超期未销号事项6条。征集群众意见建议999条，其中来信167件、来访167件、"
	"来电167件、网络166件、座谈会166件、问卷调查166件，已办结765条，群众满意率96%。接待来访"
	"群众167人次，调解矛盾纠纷46件。实施民生实事2130件，计划投入资金225万元，已完成2100件，"
	"投入资金210万元，惠及群众5000人（户）。";

static void check_dataset(void)
{
	struct report r;
	struct qd_error e = {0};
	int from = day_from_civil(2019, 9, 1), to = day_from_civil(2019, 10, 31);
	if (!ok(app_report(&A, &LEADER, COUNTY, from, to, &r, &e) == QD_OK, "the county's report"))
		return;
	const struct report_figures *f = &r.f;
	is_int(f->opinions, 999, "999 opinions received (seed 001: 征求群众意见建议999条)");
	is_int(f->problems, 397, "397 problems made of them (收集到群众关注的民生问题397件)");
	is_int(f->source[SRC_OPINION], 397, "… all from opinions");
	is_int(f->fixed, 321, "321 rectified (整改落实321件): signed off as resolved");
	is_int(f->closed, 331, "331 signed off: the 10 reviewed are closed, not fixed");
	is_int(f->in_progress, 66, "66 still being rectified");
	is_int(f->overdue, 6, "6 past their deadline (10-15)");
	is_int(f->deeds_done, 2100, "2,100 deeds done (为民办实事2100多件)");
	is_int(f->deeds, 2130, "2,130 deeds planned");
	is_int(f->beneficiaries_done, 5000, "serving 5,000 (受益党员群众达5000多人)");
	is_int(f->funds, 2250000, "funds planned 2,250,000 yuan");
	is_int(f->funds_done, 2100000, "funds of the deeds done 2,100,000 yuan");
	is_int(f->cases_resolved[CT_DISPUTE], 46, "46 disputes mediated (解决矛盾纠纷46起)");
	is_int(f->cases[CT_DISPUTE], 52, "52 disputes in all: 2 transferred, 4 open");
	is_int(f->channel[CH_VISIT], 167, "167 came by visit");
	is_int(f->visits, 167, "visits = opinions of channel visit");
	is_int(f->answered, 765, "765 answered (331 accepted + 434 linked to signed-off items)");
	ok(f->satisfaction.den == 100 && f->satisfaction.pct > 95.99 && f->satisfaction.pct < 96.01,
	   "satisfaction (80 + 0.8 x 20) / 100 = 96 %% (%.2f)", f->satisfaction.pct);
	char *s = report_summary(&r, "zh");
	is_str(s, WANT_ZH, "the summary of 宁陕县");
	free(s);

	/* everything up to today is the same here */
	struct report all;
	if (app_report(&A, &LEADER, COUNTY, DAY_NONE, DAY_NONE, &all, &e) == QD_OK)
		ok(memcmp(&all.f, &r.f, sizeof r.f) == 0 && all.to == to && all.from == DAY_NONE,
		   "the default period (up to today) gives the same figures");
	report_clear(&all);

	/* a town is a part of it */
	struct report town;
	if (app_report(&A, &TOWN_VIEWER, HUANGGUAN, from, to, &town, &e) == QD_OK) {
		ok(town.f.opinions == 499 && town.f.deeds_done == 1050 && town.f.cases[CT_DISPUTE] == 0,
		   "皇冠镇: 499 opinions, 1,050 deeds done, no disputes");
		is_int(town.f.overdue, 3, "皇冠镇: 3 of the 6 overdue problems");
	} else {
		ok(false, "皇冠镇's report");
	}
	report_clear(&town);

	/* JSON */
	json_t *j = report_to_json(&r, "en");
	ok(json_integer_value(json_object_get(json_object_get(j, "problems"), "resolved")) == 321 &&
		   json_integer_value(json_object_get(
			   json_object_get(json_object_get(json_object_get(j, "cases"), "by_type"),
					   "dispute"),
			   "resolved")) == 46 &&
		   json_real_value(json_object_get(
			   json_object_get(json_object_get(j, "opinions"), "satisfaction"),
			   "percent")) == 96.0 &&
		   strncmp(json_string_value(json_object_get(j, "summary")), "From 1 September", 16) ==
			   0 &&
		   strcmp(json_string_value(json_object_get(j, "from")), "2019-09-01") == 0,
	   "JSON: resolved 321, disputes mediated 46, satisfaction 96.0, summary in English");
	json_decref(j);

	/* xlsx */
	char path[400];
	snprintf(path, sizeof path, "%s/report.xlsx", g_dir);
	ok(report_xlsx(&r, "zh", path, &e) == QD_OK, "xlsx written (%s)", e.detail);
	FILE *x = fopen(path, "rb");
	char head[4] = {0};
	size_t got = x ? fread(head, 1, 4, x) : 0;
	bool sheet = false;
	if (x) {
		static char data[1 << 20];
		fseek(x, 0, SEEK_SET);
		size_t n = fread(data, 1, sizeof data - 1, x);
		data[n] = '\0';
		for (size_t i = 0; i + 24 <= n && !sheet; i++)
			sheet = memcmp(data + i, "xl/worksheets/sheet1.xml", 24) == 0;
		fclose(x);
	}
	ok(got == 4 && memcmp(head, "PK\x03\x04", 4) == 0 && sheet,
	   "… a zip holding xl/worksheets/sheet1.xml");
	report_clear(&r);

	/* the records behind the figures: the lists with the report's filters */
	struct item_filter lf = {.kind = -1, .status = -1, .mode = -1, .level = -1, .source = -1,
				 .due_from = DAY_NONE, .due_to = DAY_NONE, .limit = 500};
	lf.case_type = "dispute";
	lf.closure = "resolved";
	lf.status = ST_CLOSED;
	is_int(list_count(&lf, COUNTY), 46, "the list behind 'disputes mediated': 46 items");
	lf = (struct item_filter){.kind = IK_PROBLEM, .status = ST_CLOSED, .mode = -1, .level = -1,
				  .source = -1, .due_from = DAY_NONE, .due_to = DAY_NONE,
				  .closure = "resolved", .limit = 500};
	is_int(list_count(&lf, COUNTY), 321, "the list behind 'resolved': 321 problems");
	lf.closure = NULL;
	lf.by_found = true;
	lf.found_from = day_from_civil(2019, 9, 1);
	lf.found_to = day_from_civil(2019, 9, 30);
	int sept = list_count(&lf, COUNTY);
	lf.found_from = day_from_civil(2019, 10, 1);
	lf.found_to = day_from_civil(2019, 10, 31);
	int oct = list_count(&lf, COUNTY);
	struct report half;
	if (app_report(&A, &LEADER, COUNTY, lf.found_from, lf.found_to, &half, &e) == QD_OK)
		ok(sept + oct == 331 && oct == half.f.closed,
		   "found in September %d + October %d = 331 signed off; October's report agrees "
		   "(%lld)",
		   sept, oct, (long long)half.f.closed);
	report_clear(&half);

	/* refusals */
	is_int(app_report(&A, &TOWN_VIEWER, COUNTY, from, to, &r, &e), QD_FORBIDDEN,
	       "a town's viewer may not read the county's report");
	report_clear(&r);
	is_int(app_report(&A, &LEADER, COUNTY, to, from, &r, &e), QD_BAD_PARAM,
	       "a period ending before it starts is refused");
	report_clear(&r);
	is_int(app_report(&A, &LEADER, COUNTY, from, to + 1, &r, &e), QD_BAD_PARAM,
	       "a period ending after today is refused");
	report_clear(&r);
	struct unit u;
	ok(app_unit_find(&A, &SYS, "NS-HG", &u, &e) == QD_OK && u.id == HUANGGUAN,
	   "a unit found by its code");
	unit_clear(&u);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)CHENGGUAN);
	ok(app_unit_find(&A, &SYS, id, &u, &e) == QD_OK && u.id == CHENGGUAN, "… or its id");
	unit_clear(&u);
	is_int(app_unit_find(&A, &SYS, "NO-SUCH", &u, &e), QD_NOT_FOUND, "… or not at all");
	is_int(app_unit_find(&A, &TOWN_VIEWER, "1", &u, &e), QD_FORBIDDEN,
	       "… and only within the actor's scope");
}

static void dataset(void)
{
	struct qd_error e = {0};
	if (!ok(app_open(g_db, true, NULL, &A, &e) == QD_OK, "open a new database"))
		return;
	SEP1 = day_from_civil(2019, 9, 1);
	actor_init_system(&SYS);
	COUNTY = fx_unit(&A, &SYS, 0, UK_COUNTY, "宁陕县");
	CHENGGUAN = fx_unit(&A, &SYS, COUNTY, UK_TOWNSHIP, "城关镇");
	HUANGGUAN = fx_unit(&A, &SYS, COUNTY, UK_TOWNSHIP, "皇冠镇");
	struct unit hg = {0};
	if (app_unit_get(&A, &SYS, HUANGGUAN, &hg, &e) == QD_OK) {
		xstrset(&hg.code, "NS-HG");
		app_unit_update(&A, &SYS, &hg, &e);
	}
	unit_clear(&hg);
	ok(fx_user(&A, &SYS, "ns.handler", COUNTY, ROLE_HANDLER, &HANDLER) == QD_OK &&
		   fx_user(&A, &SYS, "ns.leader", COUNTY, ROLE_LEADER, &LEADER) == QD_OK &&
		   fx_user(&A, &SYS, "hg.viewer", HUANGGUAN, ROLE_VIEWER, &TOWN_VIEWER) == QD_OK,
	   "宁陕县 with two towns, a handler, a leader and a town's viewer");
	ok(app_batch(&A, build, NULL, &e) == QD_OK && failures == 0,
	   "seed 001's figures built through the use cases (%d failures)", failures);
	clock_fix(0);
	check_dataset();
	struct check_report rep = {0};
	ok(app_check(&A, &rep, &e) == QD_OK && rep.problems == 0,
	   "check recounts every counter and agrees (%s)", rep.text ? rep.text : "");
	free(rep.text);
	actor_clear(&SYS);
	actor_clear(&HANDLER);
	actor_clear(&LEADER);
	actor_clear(&TOWN_VIEWER);
	app_close(&A);
}

int main(void)
{
	setenv("QINGDAN_TODAY", "2019-10-31", 1);
	const char *tmp = getenv("TMPDIR");
	snprintf(g_dir, sizeof g_dir, "%s/qd-test-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(g_dir))
		return 1;
	snprintf(g_db, sizeof g_db, "%s/r.db", g_dir);
	numbers();
	from_counters();
	rows();
	summaries();
	dataset();
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
	if (system(cmd) != 0)
		diag("could not remove %s", g_dir);
	return done_testing();
}
