/* cmd_demo.c: qingdan demo - build the demo county into a new database. */
#include "cli.h"
#include "../domain/codes.h"
#include "../domain/report.h"
#include "../util/date.h"
#include "db_file.h"
#include "demo.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char help[] =
	"用法 / usage: qingdan demo [--db PATH] [--force] [--org-only]\n"
	"\n"
	"新建一个演示数据库：青海省海北藏族自治州海晏县（依据人民网报道），含县直部门、\n"
	"6个乡镇、村（社区）、党支部、网格，各角色的账号，以及主题教育检视整改台账：\n"
	"领导班子问题39条/措施140条，领导干部68/111，基层党组织296/721，党员个人\n"
	"2626/3217，另有群众意见、信访事项、矛盾纠纷（调解21件）、信访突出问题（解决2件）、\n"
	"疑难问题（解决1件）、民生实事（含资金和受益人数）、督导发现和调研发现的问题；\n"
	"群众诉求：基层开门纳谏503条、县级领导接访74人次、部门征集64条，经来信、来访\n"
	"（只在县级领导接访日）、来电、网络、座谈会、问卷收集，受理、并案、不予受理、\n"
	"答复、销号后评价。\n"
	"日期以今天为准（可用 QINGDAN_TODAY=YYYY-MM-DD 指定），同一天生成的数字相同（查询码随机）。\n"
	"\n"
	"Build a demo database: 海晏县 (Haiyan county, Qinghai) with its units,\n"
	"one account per role, and a campaign ledger of 100 days up to today,\n"
	"with the public's opinions, their triage, answers and ratings, the\n"
	"disputes and petition problems of seed 000 (21 mediated, 2 + 1 resolved)\n"
	"and deeds with their funds and the people they serve.\n"
	"\n"
	"  --db PATH   新数据库 / the new database ($QINGDAN_DB, ./qingdan.db)\n"
	"  --force     先删除已存在的数据库 / delete an existing database first\n"
	"  --org-only  只建单位、人员和账号，台账为空（用于导入）/ only the units, people\n"
	"              and accounts, an empty ledger (to import one into)\n";

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

struct build {
	struct demo_org org;
	struct demo_counts counts;
	int today;
	bool org_only;
};

static qd_err build_all(struct app *a, void *ctx, struct qd_error *e)
{
	struct build *b = ctx;
	struct demo_rng rng = {DEMO_SEED};
	struct actor sys;
	actor_init_system(&sys);
	qd_err r = cli_setting_set(a, "item.prefix", "HY", e);
	if (r == QD_OK)
		r = demo_org_build(a, &sys, &rng, &b->org, e);
	if (r == QD_OK && !b->org_only)
		r = demo_items_build(a, &rng, &b->org, b->today, &b->counts, e);
	actor_clear(&sys);
	return r;
}

static void print_levels(const struct stat_result *r)
{
	printf("\n主题教育检视问题 / self-inspected problems (items, measures):\n");
	for (int l = 0; l < LVL_COUNT; l++) {
		char im[METRIC_LEN], mm[METRIC_LEN];
		snprintf(im, sizeof im, "level.%s", code_str(&T_LEVEL, l));
		snprintf(mm, sizeof mm, "measure.level.%s", code_str(&T_LEVEL, l));
		printf("  %-16s %-10s %5lld 条问题  %5lld 条整改措施\n", code_str(&T_LEVEL, l),
		       code_label(&T_LEVEL, l, "zh"), (long long)stat_get(r, im),
		       (long long)stat_get(r, mm));
	}
}

static void print_by(const struct stat_result *r, const char *title,
		     const struct code_table *t, const char *prefix)
{
	printf("  %s:", title);
	for (int i = 0; i < t->count; i++) {
		char m[METRIC_LEN];
		snprintf(m, sizeof m, "%s%s", prefix, code_str(t, i));
		printf(" %s %lld%s", code_label(t, i, "zh"), (long long)stat_get(r, m),
		       i + 1 < t->count ? "," : "\n");
	}
}

static void print_figures(const struct stat_result *r)
{
	long long items = stat_get(r, "items");
	long long closed = stat_get(r, "status.closed");
	printf("\n全部事项 / all items: %lld, 整改措施 / measures: %lld\n", items,
	       (long long)stat_get(r, "measures"));
	print_by(r, "来源 source", &T_SOURCE, "source.");
	print_by(r, "类型 kind", &T_ITEM_KIND, "kind.");
	print_by(r, "状态 status", &T_STATUS, "status.");
	print_by(r, "办结 closure", &T_CLOSURE, "closure.");
	double rate = stat_ontime_rate(r);
	printf("  已销号 %.1f%%, 超期未办结 overdue %lld (%.1f%%), 按期销号率 on time %.1f%%\n",
	       items ? 100.0 * (double)closed / (double)items : 0.0, (long long)r->overdue,
	       items ? 100.0 * (double)r->overdue / (double)items : 0.0, rate < 0 ? 0 : rate);
	printf("  退回重办 sent back %lld, 重新打开 reopened %lld, 领导认领 claimed %lld\n",
	       (long long)stat_get(r, "sentback.items"), (long long)stat_get(r, "reopened.items"),
	       (long long)stat_get(r, "claimed"));
}

/* Visits, cases and deeds: the figures of seed 000 the report quotes. */
static void print_cases(const struct stat_result *r)
{
	printf("\n接访和信访 / visits and cases: 来访 visits %lld 人次",
	       (long long)stat_get(r, "op.channel.visit"));
	for (int k = 0; k < CT_COUNT; k++) {
		char m[METRIC_LEN], mr[METRIC_LEN];
		snprintf(m, sizeof m, "casetype.%s", code_str(&T_CASE_TYPE, k));
		snprintf(mr, sizeof mr, "casetype.%s.resolved", code_str(&T_CASE_TYPE, k));
		printf(", %s %lld (%s %lld)", code_label(&T_CASE_TYPE, k, "zh"),
		       (long long)stat_get(r, m), k == CT_DISPUTE ? "调解 mediated" : "解决 resolved",
		       (long long)stat_get(r, mr));
	}
	char f[32], fd[32];
	report_wan(stat_get(r, "deed.funds"), f);
	report_wan(stat_get(r, "deed.resolved.funds"), fd);
	printf("\n民生实事 / deeds: %lld (已完成 done %lld), 资金 funds %s 万元 (已完成 %s), "
	       "惠及 served %lld (已完成 %lld)\n",
	       (long long)stat_get(r, "kind.deed"), (long long)stat_get(r, "deed.resolved"), f, fd,
	       (long long)stat_get(r, "deed.beneficiaries"),
	       (long long)stat_get(r, "deed.resolved.beneficiaries"));
}

/* The opinions, and the hotline rates of the default period (the last two
 * months) with the townships' places in the county's ranking. */
static void print_opinions(struct app *a, int64_t county, const struct stat_result *r,
			   const struct demo_counts *n)
{
	printf("\n群众诉求 / opinions: %lld (基层开门纳谏 grassroots %d, 县级领导接访 reception "
	       "days %d, 部门 departments %d)\n",
	       (long long)stat_get(r, "op.received"), n->op_grassroots, n->op_reception,
	       n->op_departments);
	print_by(r, "渠道 channel", &T_CHANNEL, "op.channel.");
	print_by(r, "状态 status", &T_OPINION_STATUS, "op.status.");
	print_by(r, "评价 rating", &T_RATING, "op.rating.");
	printf("  受理 accepted %d, 并案 linked %d, 不予受理 rejected %d, 答复 replies %d, "
	       "评价 rated %d (不满意、重新打开 unsatisfied, reopened %d)\n",
	       n->op_accepted, n->op_linked, n->op_rejected, n->op_replies, n->op_rated,
	       n->op_unsatisfied);
	int from = DAY_NONE, to = DAY_NONE;
	app_default_period(&from, &to);
	struct actor sys;
	actor_init_system(&sys);
	struct rates_view v;
	struct qd_error e = {0};
	qd_err err = app_rates(a, &sys, county, from, to, &v, &e);
	actor_clear(&sys);
	if (err == QD_OK) {
		char f[DAY_TEXT_LEN], t[DAY_TEXT_LEN];
		day_format(from, f);
		day_format(to, t);
		printf("  %s..%s:", f, t);
		for (int k = 0; k < RATE_COUNT; k++)
			printf(" %s %.1f%%", code_label(&T_RATE, k, "zh"),
			       v.self.rep.f[k].pct < 0 ? 0 : v.self.rep.f[k].pct);
		printf("\n  乡镇排名 townships ranked:");
		for (int i = 0; i < v.nchildren; i++)
			if (v.children[i].unit.kind == UK_TOWNSHIP && v.children[i].rank > 0)
				printf(" %d %s %.1f", v.children[i].rank, v.children[i].unit.name,
				       v.children[i].rep.composite);
		printf("\n");
	}
	rates_view_free(&v);
}

static void print_units(const struct demo_org *o)
{
	printf("\n单位 / units: %d (县 county id %lld", o->nu, (long long)o->u[o->county].id);
	printf("; 乡镇 townships:");
	for (int t = 0; t < o->ntown; t++)
		printf(" %s %lld", o->u[o->first_town + t].name,
		       (long long)o->u[o->first_town + t].id);
	printf("; 部门 departments %lld-%lld), 人员 / people: %d\n",
	       (long long)o->u[o->first_dept].id,
	       (long long)o->u[o->first_dept + o->ndept - 1].id, o->persons);
}

static void print_logins(const struct demo_org *o)
{
	printf("\n登录 / logins — 密码都是 / every password: %s\n", DEMO_PASSWORD);
	printf("  %-18s %-12s %-22s %s\n", "login", "role", "unit (id)", "姓名 / use");
	for (int k = 0; k < ACC_COUNT; k++) {
		const struct demo_account *d = &o->acc[k];
		char unit[96];
		snprintf(unit, sizeof unit, "%s (%lld)", o->u[d->unit].name,
			 (long long)o->u[d->unit].id);
		printf("  %-18s %-12s %-22s %s %s — %s\n", d->login, code_str(&T_ROLE, d->role),
		       unit, d->name, d->title, d->what);
	}
}

static int summary(struct cli *c, struct app *a, const struct build *b, double secs)
{
	struct actor sys;
	actor_init_system(&sys);
	struct stat_result r = {0};
	struct qd_error e = {0};
	qd_err err = app_stats(a, &sys, b->org.u[b->org.county].id, DAY_NONE, DAY_NONE, &r, &e);
	actor_clear(&sys);
	if (err != QD_OK)
		return cli_fail(c, &e);
	printf("演示数据库已生成 / demo database built: %s (%.1f s, %d steps)\n", c->db, secs,
	       b->counts.steps);
	print_units(&b->org);
	print_levels(&r);
	print_figures(&r);
	printf("  立行立改、录入时已整改 recorded already fixed: %d\n", b->counts.already_fixed);
	print_cases(&r);
	print_opinions(a, b->org.u[b->org.county].id, &r, &b->counts);
	print_logins(&b->org);
	printf("\n启动 / start: qingdan serve --db %s   →  http://127.0.0.1:8080/\n", c->db);
	stat_result_free(&r);
	return CLI_OK;
}

int cmd_demo(struct cli *c)
{
	bool force = false, org_only = false;
	const struct opt_spec spec[] = {
		{"force", OPT_FLAG, false, &force, 0, 0},
		{"org-only", OPT_FLAG, false, &org_only, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "demo");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "demo");
	if (rc != CLI_OK)
		return rc;
	if (db_file_exists(c->db) && !force)
		return cli_refuse(c, "%s: %s (%s)", cli_l(c, "数据库已存在", "database exists"),
				  c->db, cli_l(c, "用 --force 删除后重建", "--force replaces it"));
	if (force && !db_file_remove(c->db))
		return cli_refuse(c, "%s: %s", cli_l(c, "无法删除", "cannot remove"), c->db);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct app a;
	struct qd_error e = {0};
	if (app_open(c->db, true, NULL, &a, &e) != QD_OK)
		return cli_fail(c, &e);
	struct build b = {.today = day_today(), .org_only = org_only};
	if (cli_atomically(&a, build_all, &b, &e) != QD_OK) {
		rc = cli_fail(c, &e);
		app_close(&a);
		db_file_remove(c->db);
	} else if (org_only) {
		print_units(&b.org);
		print_logins(&b.org);
		app_close(&a);
	} else {
		rc = summary(c, &a, &b, seconds_since(&t0));
		app_close(&a);
	}
	demo_org_free(&b.org);
	return rc;
}
