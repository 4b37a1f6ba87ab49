/* report.c: the figures of the campaign report from counters, and the rows
 * they are shown in with the records behind each. */
#include "report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECTION_DEF(name, code, zh, en) {code, zh, en},
static const struct code_def d_section[] = {REPORT_SECTIONS(SECTION_DEF)};
#undef SECTION_DEF
const struct code_table T_REPORT_SECTION = {"report_section", d_section,
					    (int)(sizeof d_section / sizeof d_section[0])};

void report_clear(struct report *r)
{
	free(r->unit_name);
	memset(r, 0, sizeof *r);
}

static int64_t get2(const struct stat_result *c, const char *a, const char *b)
{
	char m[METRIC_LEN];
	snprintf(m, sizeof m, "%s%s", a, b);
	return stat_get(c, m);
}

void report_figures_count(const struct stat_result *c, const struct rate_report *rates,
			  struct report_figures *out)
{
	memset(out, 0, sizeof *out);
	struct report_figures *f = out;
	f->problems = stat_get(c, "kind.problem");
	for (int k = 0; k < LVL_COUNT; k++) {
		f->level[k] = get2(c, "level.", code_str(&T_LEVEL, k));
		f->measure_level[k] = get2(c, "measure.level.", code_str(&T_LEVEL, k));
	}
	for (int k = 0; k < SRC_COUNT; k++)
		f->source[k] = get2(c, "problem.source.", code_str(&T_SOURCE, k));
	f->immediate = stat_get(c, "problem.mode.immediate");
	f->immediate_fixed = stat_get(c, "problem.mode.immediate.resolved");
	f->closed = stat_get(c, "problem.status.closed");
	f->fixed = stat_get(c, "problem.resolved");
	f->in_progress = stat_get(c, "problem.status.open") +
			 stat_get(c, "problem.status.in_progress") +
			 stat_get(c, "problem.status.review");
	f->overdue = c->overdue;

	f->measures = stat_get(c, "measures");
	f->measures_done = stat_get(c, "measure.status.done");
	for (int k = 0; k < MS_COUNT; k++)
		f->problem_measures[k] = get2(c, "measure.problem.", code_str(&T_MEASURE_STATUS, k));

	f->opinions = stat_get(c, "op.received");
	for (int k = 0; k < CH_COUNT; k++)
		f->channel[k] = get2(c, "op.channel.", code_str(&T_CHANNEL, k));
	f->answered = stat_get(c, "op.status.answered");
	for (int k = 0; k < RT_COUNT; k++)
		f->rating[k] = get2(c, "op.rating.", code_str(&T_RATING, k));
	if (rates) {
		f->satisfaction = rates->f[RATE_SATISFACTION];
	} else {
		f->satisfaction.pct = f->satisfaction.score = -1;
	}

	f->visits = f->channel[CH_VISIT];
	for (int k = 0; k < CT_COUNT; k++) {
		const char *t = code_str(&T_CASE_TYPE, k);
		char m[METRIC_LEN];
		snprintf(m, sizeof m, "casetype.%s", t);
		f->cases[k] = stat_get(c, m);
		snprintf(m, sizeof m, "casetype.%s.resolved", t);
		f->cases_resolved[k] = stat_get(c, m);
	}

	f->deeds = stat_get(c, "kind.deed");
	f->deeds_done = stat_get(c, "deed.resolved");
	f->funds = stat_get(c, "deed.funds");
	f->funds_done = stat_get(c, "deed.resolved.funds");
	f->beneficiaries = stat_get(c, "deed.beneficiaries");
	f->beneficiaries_done = stat_get(c, "deed.resolved.beneficiaries");
}

/* --- rows --- */

struct rows {
	struct report_row *v;
	int n, max;
	bool en;
	int section;
};

static struct report_link any_items(void)
{
	return (struct report_link){.what = RR_ITEMS, .kind = -1, .level = -1, .source = -1,
				    .mode = -1, .status = -1, .closure = -1, .case_type = -1,
				    .measure_status = -1, .channel = -1, .opinion_status = -1,
				    .rating = -1};
}

static struct report_link items_of(int kind)
{
	struct report_link l = any_items();
	l.kind = kind;
	return l;
}

/* Signed off as resolved: what "fixed" counts. */
static struct report_link fixed_of(struct report_link l)
{
	l.status = ST_CLOSED;
	l.closure = CL_RESOLVED;
	return l;
}

static struct report_link measures_of(int kind, int level, int status)
{
	struct report_link l = any_items();
	l.what = RR_MEASURES;
	l.kind = kind;
	l.level = level;
	l.measure_status = status;
	return l;
}

static struct report_link opinions_of(int channel, int status, int rating)
{
	struct report_link l = any_items();
	l.what = RR_OPINIONS;
	l.channel = channel;
	l.opinion_status = status;
	l.rating = rating;
	return l;
}

static struct report_row *row(struct rows *rs, int depth, const char *zh, const char *en,
			      const char *label2, int64_t n, struct report_link link,
			      const char *fmt, const char *a, const char *b)
{
	static _Thread_local struct report_row spare; /* past max: written, not kept */
	if (rs->n >= rs->max)
		return &spare;
	struct report_row *r = &rs->v[rs->n++];
	memset(r, 0, sizeof *r);
	r->section = rs->section;
	snprintf(r->key, sizeof r->key, fmt, code_str(&T_REPORT_SECTION, rs->section), a ? a : "",
		 b ? b : "");
	r->label = rs->en ? en : zh;
	r->label2 = label2;
	r->depth = depth;
	r->kind = RV_COUNT;
	r->n = n;
	r->pct = -1;
	r->link = link;
	return r;
}

/* A figure of its own: "<section>.<name>". */
static struct report_row *fig(struct rows *rs, int depth, const char *name, const char *zh,
			      const char *en, int64_t n, struct report_link link)
{
	return row(rs, depth, zh, en, NULL, n, link, "%s.%s%s", name, NULL);
}

/* A figure per code: "<section>.<group>.<code>", labelled "<label>: <code label>". */
static void by_code(struct rows *rs, const char *group, const char *zh, const char *en,
		    const struct code_table *t, int k, int64_t n, struct report_link link)
{
	row(rs, 1, zh, en, code_label(t, k, rs->en ? "en" : "zh"), n, link, "%s.%s.%s", group,
	    code_str(t, k));
}

static void problems(struct rows *rs, const struct report_figures *f)
{
	rs->section = RS_PROBLEMS;
	fig(rs, 0, "total", "问题总数", "Problems", f->problems, items_of(IK_PROBLEM));
	for (int k = 0; k < LVL_COUNT; k++) {
		/* level.* counts items of any kind with the level */
		struct report_link l = any_items();
		l.level = k;
		by_code(rs, "level", "检视层级", "Inspection level", &T_LEVEL, k, f->level[k], l);
	}
	for (int k = 0; k < SRC_COUNT; k++) {
		struct report_link l = items_of(IK_PROBLEM);
		l.source = k;
		by_code(rs, "source", "来源", "Source", &T_SOURCE, k, f->source[k], l);
	}
	struct report_link imm = items_of(IK_PROBLEM);
	imm.mode = MODE_IMMEDIATE;
	fig(rs, 0, "immediate", "立行立改", "Fixed at once (立行立改)", f->immediate, imm);
	fig(rs, 1, "immediate_resolved", "其中已解决", "of which resolved", f->immediate_fixed,
	    fixed_of(imm));
	struct report_link closed = items_of(IK_PROBLEM);
	closed.status = ST_CLOSED;
	fig(rs, 0, "signed_off", "已销号", "Signed off", f->closed, closed);
	fig(rs, 1, "resolved", "其中已解决", "of which resolved", f->fixed,
	    fixed_of(items_of(IK_PROBLEM)));
	struct report_link open = items_of(IK_PROBLEM);
	open.open_only = true;
	fig(rs, 0, "in_progress", "整改中（未销号）", "Being rectified (not signed off)",
	    f->in_progress, open);
	struct report_link late = any_items();
	late.overdue = true;
	fig(rs, 0, "overdue", "超期未销号事项（含民生实事、案件）",
	    "Items past their deadline (deeds and cases included)", f->overdue, late);
}

static void measures(struct rows *rs, const struct report_figures *f)
{
	rs->section = RS_MEASURES;
	fig(rs, 0, "total", "整改措施总数", "Measures", f->measures, measures_of(-1, -1, -1));
	for (int k = 0; k < LVL_COUNT; k++)
		by_code(rs, "level", "检视层级", "Inspection level", &T_LEVEL, k,
			f->measure_level[k], measures_of(-1, k, -1));
	fig(rs, 0, "done", "已完成", "Done", f->measures_done, measures_of(-1, -1, MS_DONE));
	int64_t all = 0;
	for (int k = 0; k < MS_COUNT; k++)
		all += f->problem_measures[k];
	fig(rs, 0, "problem_total", "问题的整改措施", "Measures of problems", all,
	    measures_of(IK_PROBLEM, -1, -1));
	for (int k = 0; k < MS_COUNT; k++)
		by_code(rs, "problem", "状态", "Status", &T_MEASURE_STATUS, k, f->problem_measures[k],
			measures_of(IK_PROBLEM, -1, k));
}

static void opinions(struct rows *rs, const struct report_figures *f)
{
	rs->section = RS_OPINIONS;
	fig(rs, 0, "received", "收到意见建议", "Received", f->opinions,
	    opinions_of(-1, -1, -1));
	for (int k = 0; k < CH_COUNT; k++)
		by_code(rs, "channel", "渠道", "Channel", &T_CHANNEL, k, f->channel[k],
			opinions_of(k, -1, -1));
	fig(rs, 0, "answered", "已办结", "Answered", f->answered,
	    opinions_of(-1, OS_ANSWERED, -1));
	struct report_link none = any_items();
	none.what = RR_NONE;
	struct report_row *r = fig(rs, 0, "satisfaction", "群众满意率（%）",
				  "Satisfaction rate (%)", 0, none);
	r->kind = RV_PERCENT;
	r->pct = f->satisfaction.pct;
	for (int k = 0; k < RT_COUNT; k++)
		by_code(rs, "rating", "评价", "Rating", &T_RATING, k, f->rating[k],
			opinions_of(-1, -1, k));
}

static void cases(struct rows *rs, const struct report_figures *f)
{
	rs->section = RS_CASES;
	fig(rs, 0, "visits", "接待来访群众（人次）", "Visitors received", f->visits,
	    opinions_of(CH_VISIT, -1, -1));
	for (int k = 0; k < CT_COUNT; k++) {
		struct report_link l = items_of(IK_CASE);
		l.case_type = k;
		const char *code = code_str(&T_CASE_TYPE, k);
		row(rs, 0, code_label(&T_CASE_TYPE, k, "zh"), code_label(&T_CASE_TYPE, k, "en"),
		    NULL, f->cases[k], l, "%s.%s.%s", code, "total");
		row(rs, 1, k == CT_DISPUTE ? "其中已调解" : "其中已解决",
		    k == CT_DISPUTE ? "of which mediated" : "of which resolved", NULL,
		    f->cases_resolved[k], fixed_of(l), "%s.%s.%s", code, "resolved");
	}
}

static void deeds(struct rows *rs, const struct report_figures *f)
{
	rs->section = RS_DEEDS;
	struct report_link all = items_of(IK_DEED), done = fixed_of(all);
	fig(rs, 0, "planned", "民生实事", "Deeds", f->deeds, all);
	fig(rs, 1, "done", "其中已完成", "of which completed", f->deeds_done, done);
	struct report_row *r = fig(rs, 0, "funds", "投入资金（万元）", "Funds (yuan)", f->funds,
				  all);
	r->kind = RV_YUAN;
	r = fig(rs, 1, "funds_done", "其中已完成项目", "of completed deeds", f->funds_done, done);
	r->kind = RV_YUAN;
	fig(rs, 0, "beneficiaries", "惠及群众（人、户）", "People or households served",
	    f->beneficiaries, all);
	fig(rs, 1, "beneficiaries_done", "其中已完成项目", "of completed deeds",
	    f->beneficiaries_done, done);
}

int report_rows(const struct report_figures *f, const char *lang, struct report_row *out,
		int max)
{
	struct rows rs = {out, 0, max, lang && strcmp(lang, "en") == 0, 0};
	problems(&rs, f);
	measures(&rs, f);
	opinions(&rs, f);
	cases(&rs, f);
	deeds(&rs, f);
	return rs.n;
}

/* --- numbers --- */

void report_wan(int64_t yuan, char out[32])
{
	bool neg = yuan < 0;
	uint64_t y = neg ? (uint64_t)0 - (uint64_t)yuan : (uint64_t)yuan;
	unsigned frac = (unsigned)(y % 10000);
	int n = snprintf(out, 32, "%s%llu", neg ? "-" : "", (unsigned long long)(y / 10000));
	if (frac && n > 0 && n < 26) {
		snprintf(out + n, (size_t)(32 - n), ".%04u", frac);
		size_t len = strlen(out);
		while (out[len - 1] == '0')
			out[--len] = '\0';
	}
}

void report_pct(double pct, char out[REPORT_PCT_LEN])
{
	if (pct < 0) {
		snprintf(out, REPORT_PCT_LEN, "—");
		return;
	}
	int tenths = pct < 100000 ? (int)(pct * 10.0 + 0.5) : 1000000;
	if (tenths % 10)
		snprintf(out, REPORT_PCT_LEN, "%d.%d", tenths / 10, tenths % 10);
	else
		snprintf(out, REPORT_PCT_LEN, "%d", tenths / 10);
}
