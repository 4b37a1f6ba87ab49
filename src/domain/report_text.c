/* report_text.c: the summary paragraph of the campaign report, written from
 * the figures in the register of the county reports (Chinese) or plainly
 * (English). A sentence whose main figure is zero is left out, and so is
 * every clause whose figure is zero: no "调解矛盾纠纷0件". The first
 * sentence written carries the date and the unit. */
#include "report.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <stdio.h>
#include <string.h>

static const char *const month_en[12] = {"January", "February", "March",     "April",
					 "May",     "June",     "July",      "August",
					 "September", "October", "November", "December"};

struct text {
	struct buf b;
	struct buf lead;       /* "截至2026年11月22日，海晏县" before the first sentence */
	bool led;              /* the lead is written */
	struct buf list;       /* the clauses of one list being built */
	int items;             /* in list */
};

/* --- lists of clauses --- */

static void list_start(struct text *t)
{
	buf_reset(&t->list);
	t->items = 0;
}

static void list_add(struct text *t, const char *sep, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void list_add(struct text *t, const char *sep, const char *fmt, ...)
{
	if (t->items++)
		buf_puts(&t->list, sep);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&t->list, fmt, ap);
	va_end(ap);
}

/* Start a sentence: the lead before the first one. */
static void sentence(struct text *t)
{
	if (!t->led) {
		buf_puts(&t->b, buf_str(&t->lead));
		t->led = true;
	}
}

/* The one source all problems come from, or -1. */
static int single_source(const struct report_figures *f)
{
	int only = -1;
	for (int k = 0; k < SRC_COUNT; k++) {
		if (!f->source[k])
			continue;
		if (only >= 0)
			return -1;
		only = k;
	}
	return only >= 0 && f->source[only] == f->problems ? only : -1;
}

/* --- Chinese --- */

static void zh_day(struct buf *b, int day, bool year)
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	if (year)
		buf_printf(b, "%d年", y);
	buf_printf(b, "%d月%d日", m, d);
}

static void zh_lead(struct text *t, const struct report *r)
{
	int y1 = 0, y2, m, d;
	day_to_civil(r->to, &y2, &m, &d);
	if (r->from == DAY_NONE) {
		buf_puts(&t->lead, "截至");
	} else {
		day_to_civil(r->from, &y1, &m, &d);
		zh_day(&t->lead, r->from, true);
		buf_puts(&t->lead, "至");
	}
	zh_day(&t->lead, r->to, r->from == DAY_NONE || y1 != y2);
	buf_printf(&t->lead, "，%s", r->unit_name ? r->unit_name : "");
}

static const char *zh_channel(int k)
{
	return k == CH_OPEN311 ? "12345平台转办" : code_label(&T_CHANNEL, k, "zh");
}

static void zh_problems(struct text *t, const struct report_figures *f)
{
	if (!f->problems)
		return;
	sentence(t);
	buf_printf(&t->b, "共查摆问题%lld条", (long long)f->problems);
	int only = single_source(f);
	list_start(t);
	for (int k = 0; k < SRC_COUNT; k++)
		if (f->source[k])
			list_add(t, "、", "%s%lld条", code_label(&T_SOURCE, k, "zh"),
				 (long long)f->source[k]);
	if (only >= 0)
		buf_printf(&t->b, "，均来自%s", code_label(&T_SOURCE, only, "zh"));
	else if (t->items)
		buf_printf(&t->b, "，其中%s", buf_str(&t->list));
	list_start(t);
	for (int k = 0; k < LVL_COUNT; k++)
		if (f->level[k])
			list_add(t, "，", "%s检视问题%lld条", code_label(&T_LEVEL, k, "zh"),
				 (long long)f->level[k]);
	if (t->items)
		buf_printf(&t->b, "；%s", buf_str(&t->list));
	buf_puts(&t->b, "。");
}

static void zh_measures(struct text *t, const struct report_figures *f)
{
	if (!f->measures)
		return;
	sentence(t);
	buf_printf(&t->b, "制定整改措施%lld条", (long long)f->measures);
	list_start(t);
	for (int k = 0; k < LVL_COUNT; k++)
		if (f->measure_level[k])
			list_add(t, "、", "%s问题%lld条", code_label(&T_LEVEL, k, "zh"),
				 (long long)f->measure_level[k]);
	if (t->items)
		buf_printf(&t->b, "，其中针对%s", buf_str(&t->list));
	if (f->measures_done)
		buf_printf(&t->b, "，已完成%lld条", (long long)f->measures_done);
	buf_puts(&t->b, "。");
}

static void zh_progress(struct text *t, const struct report_figures *f)
{
	list_start(t);
	if (f->immediate) {
		list_add(t, "，", "立行立改%lld条", (long long)f->immediate);
		if (f->immediate_fixed)
			buf_printf(&t->list, "（其中已解决%lld条）", (long long)f->immediate_fixed);
	}
	if (f->closed) {
		list_add(t, "，", "已销号%lld条", (long long)f->closed);
		if (f->fixed)
			buf_printf(&t->list, "（其中已解决%lld条）", (long long)f->fixed);
	}
	if (f->in_progress)
		list_add(t, "，", "整改中%lld条", (long long)f->in_progress);
	if (f->overdue)
		list_add(t, "，", "超期未销号事项%lld条", (long long)f->overdue);
	if (!t->items)
		return;
	sentence(t);
	buf_printf(&t->b, "%s。", buf_str(&t->list));
}

static void zh_opinions(struct text *t, const struct report_figures *f)
{
	if (!f->opinions)
		return;
	sentence(t);
	buf_printf(&t->b, "征集群众意见建议%lld条", (long long)f->opinions);
	list_start(t);
	for (int k = 0; k < CH_COUNT; k++)
		if (f->channel[k])
			list_add(t, "、", "%s%lld件", zh_channel(k), (long long)f->channel[k]);
	if (t->items)
		buf_printf(&t->b, "，其中%s", buf_str(&t->list));
	if (f->answered)
		buf_printf(&t->b, "，已办结%lld条", (long long)f->answered);
	if (f->satisfaction.den > 0) {
		char pct[REPORT_PCT_LEN];
		report_pct(f->satisfaction.pct, pct);
		buf_printf(&t->b, "，群众满意率%s%%", pct);
	}
	buf_puts(&t->b, "。");
}

static void zh_cases(struct text *t, const struct report_figures *f)
{
	static const int solved[] = {CT_PROMINENT, CT_DIFFICULT, CT_PETITION};
	struct buf s = BUF_INIT;
	int n = 0;
	for (size_t i = 0; i < sizeof solved / sizeof solved[0]; i++) {
		int64_t v = f->cases_resolved[solved[i]];
		if (v)
			buf_printf(&s, "%s%s%lld件", n++ ? "、" : "",
				   code_label(&T_CASE_TYPE, solved[i], "zh"), (long long)v);
	}
	list_start(t);
	if (f->visits)
		list_add(t, "，", "接待来访群众%lld人次", (long long)f->visits);
	if (f->cases_resolved[CT_DISPUTE])
		list_add(t, "，", "调解矛盾纠纷%lld件", (long long)f->cases_resolved[CT_DISPUTE]);
	if (n)
		list_add(t, "，", "解决%s", buf_str(&s));
	buf_free(&s);
	if (!t->items)
		return;
	sentence(t);
	buf_printf(&t->b, "%s。", buf_str(&t->list));
}

static void zh_deeds(struct text *t, const struct report_figures *f)
{
	if (!f->deeds)
		return;
	char wan[32];
	sentence(t);
	buf_printf(&t->b, "实施民生实事%lld件", (long long)f->deeds);
	if (f->funds) {
		report_wan(f->funds, wan);
		buf_printf(&t->b, "，计划投入资金%s万元", wan);
	}
	if (f->deeds_done) {
		buf_printf(&t->b, "，已完成%lld件", (long long)f->deeds_done);
		if (f->funds_done) {
			report_wan(f->funds_done, wan);
			buf_printf(&t->b, "，投入资金%s万元", wan);
		}
		if (f->beneficiaries_done)
			buf_printf(&t->b, "，惠及群众%lld人（户）", (long long)f->beneficiaries_done);
	}
	buf_puts(&t->b, "。");
}

static void zh_text(struct text *t, const struct report *r)
{
	zh_lead(t, r);
	zh_problems(t, &r->f);
	zh_measures(t, &r->f);
	zh_progress(t, &r->f);
	zh_opinions(t, &r->f);
	zh_cases(t, &r->f);
	zh_deeds(t, &r->f);
	if (!t->led)
		buf_printf(&t->b, "%s尚无问题、意见建议和民生实事的记录。", buf_str(&t->lead));
}

/* --- English --- */

/* n with thousands separators. */
static void en_num(struct buf *b, int64_t n)
{
	char d[32];
	snprintf(d, sizeof d, "%lld", (long long)(n < 0 ? -n : n));
	if (n < 0)
		buf_putc(b, '-');
	size_t len = strlen(d);
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, d[i]);
	}
}

/* "1 problem was" / "3,393 problems were". */
static void en_count(struct buf *b, int64_t n, const char *one, const char *many,
		     const char *verb_one, const char *verb_many)
{
	en_num(b, n);
	buf_printf(b, " %s", n == 1 ? one : many);
	if (verb_one)
		buf_printf(b, " %s", n == 1 ? verb_one : verb_many);
}

static void en_day(struct buf *b, int day, bool year)
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	buf_printf(b, "%d %s", d, month_en[m - 1]);
	if (year)
		buf_printf(b, " %d", y);
}

static void en_lead(struct text *t, const struct report *r)
{
	int y1 = 0, y2, m, d;
	day_to_civil(r->to, &y2, &m, &d);
	if (r->from == DAY_NONE) {
		buf_puts(&t->lead, "As of ");
	} else {
		day_to_civil(r->from, &y1, &m, &d);
		buf_puts(&t->lead, "From ");
		en_day(&t->lead, r->from, y1 != y2);
		buf_puts(&t->lead, " to ");
	}
	en_day(&t->lead, r->to, true);
	buf_printf(&t->lead, ", in %s, ", r->unit_name ? r->unit_name : "");
}

/* " (label n, label n)" of the nonzero counts; prefix before the list. */
static void en_by(struct text *t, const char *prefix, const struct code_table *tab,
		  const int64_t *v, int count)
{
	struct buf item = BUF_INIT;
	for (int k = 0; k < count; k++) {
		if (!v[k])
			continue;
		buf_reset(&item);
		buf_printf(&item, "%s ", code_label(tab, k, "en"));
		en_num(&item, v[k]);
		list_add(t, ", ", "%s%s", t->items ? "" : prefix, buf_str(&item));
	}
	buf_free(&item);
}

static void en_sentence_start(struct text *t)
{
	if (t->led)
		buf_putc(&t->b, ' ');
	sentence(t);
}

static void en_problems(struct text *t, const struct report_figures *f)
{
	if (!f->problems)
		return;
	en_sentence_start(t);
	en_count(&t->b, f->problems, "problem", "problems", "was found", "were found");
	int only = single_source(f);
	list_start(t);
	if (only >= 0)
		list_add(t, "", "all from %s", code_label(&T_SOURCE, only, "en"));
	else
		en_by(t, "by source: ", &T_SOURCE, f->source, SRC_COUNT);
	struct buf src = BUF_INIT;
	buf_puts(&src, buf_str(&t->list));
	list_start(t);
	en_by(t, "by inspection level: ", &T_LEVEL, f->level, LVL_COUNT);
	if (src.len || t->items)
		buf_printf(&t->b, " (%s%s%s)", buf_str(&src), src.len && t->items ? "; " : "",
			   buf_str(&t->list));
	buf_free(&src);
	buf_putc(&t->b, '.');
}

static void en_measures(struct text *t, const struct report_figures *f)
{
	if (!f->measures)
		return;
	en_sentence_start(t);
	en_count(&t->b, f->measures, "rectification measure", "rectification measures",
		 "was set", "were set");
	list_start(t);
	en_by(t, "by inspection level: ", &T_LEVEL, f->measure_level, LVL_COUNT);
	if (t->items)
		buf_printf(&t->b, " (%s)", buf_str(&t->list));
	if (f->measures_done) {
		buf_puts(&t->b, ", ");
		en_num(&t->b, f->measures_done);
		buf_puts(&t->b, " of them done");
	}
	buf_putc(&t->b, '.');
}

static void en_progress(struct text *t, const struct report_figures *f)
{
	struct buf c = BUF_INIT;
	list_start(t);
	if (f->immediate) {
		buf_reset(&c);
		en_count(&c, f->immediate, "problem", "problems", "was fixed at once (立行立改)",
			 "were fixed at once (立行立改)");
		if (f->immediate_fixed) {
			buf_puts(&c, ", ");
			en_num(&c, f->immediate_fixed);
			buf_puts(&c, " of them resolved");
		}
		list_add(t, "; ", "%s", buf_str(&c));
	}
	if (f->closed) {
		buf_reset(&c);
		en_count(&c, f->closed, "problem", "problems", "was signed off", "were signed off");
		if (f->fixed) {
			buf_puts(&c, ", ");
			en_num(&c, f->fixed);
			buf_puts(&c, " of them resolved");
		}
		list_add(t, "; ", "%s", buf_str(&c));
	}
	if (f->in_progress) {
		buf_reset(&c);
		en_count(&c, f->in_progress, "problem", "problems", "is being rectified",
			 "are being rectified");
		list_add(t, "; ", "%s", buf_str(&c));
	}
	if (f->overdue) {
		buf_reset(&c);
		en_count(&c, f->overdue, "item", "items", "is past its deadline",
			 "are past their deadline");
		list_add(t, "; ", "%s", buf_str(&c));
	}
	buf_free(&c);
	if (!t->items)
		return;
	en_sentence_start(t);
	buf_printf(&t->b, "%s.", buf_str(&t->list));
}

static void en_opinions(struct text *t, const struct report_figures *f)
{
	if (!f->opinions)
		return;
	en_sentence_start(t);
	en_count(&t->b, f->opinions, "opinion", "opinions", "was received from the public",
		 "were received from the public");
	list_start(t);
	en_by(t, "", &T_CHANNEL, f->channel, CH_COUNT);
	if (t->items)
		buf_printf(&t->b, " (%s)", buf_str(&t->list));
	if (f->answered) {
		buf_puts(&t->b, "; ");
		en_num(&t->b, f->answered);
		buf_puts(&t->b, f->answered == 1 ? " has been answered" : " have been answered");
	}
	if (f->satisfaction.den > 0) {
		char pct[REPORT_PCT_LEN];
		report_pct(f->satisfaction.pct, pct);
		buf_printf(&t->b, "; the satisfaction rate is %s%%", pct);
	}
	buf_putc(&t->b, '.');
}

static void en_cases(struct text *t, const struct report_figures *f)
{
	static const struct {
		int type;
		const char *one, *many;
	} solved[] = {{CT_PROMINENT, "prominent petition problem", "prominent petition problems"},
		      {CT_DIFFICULT, "difficult case", "difficult cases"},
		      {CT_PETITION, "petition matter", "petition matters"}};
	enum { N = sizeof solved / sizeof solved[0] };
	struct buf c = BUF_INIT, s = BUF_INIT;
	int64_t total = 0;
	int n = 0, k = 0;
	for (int i = 0; i < N; i++)
		n += f->cases_resolved[solved[i].type] != 0;
	for (int i = 0; i < N; i++) {
		int64_t v = f->cases_resolved[solved[i].type];
		if (!v)
			continue;
		if (k++)
			buf_puts(&s, k == n ? " and " : ", ");
		en_count(&s, v, solved[i].one, solved[i].many, NULL, NULL);
		total += v;
	}
	list_start(t);
	if (f->visits) {
		en_count(&c, f->visits, "visitor", "visitors", "was received", "were received");
		list_add(t, "; ", "%s", buf_str(&c));
	}
	if (f->cases_resolved[CT_DISPUTE]) {
		buf_reset(&c);
		en_count(&c, f->cases_resolved[CT_DISPUTE], "dispute", "disputes", "was mediated",
			 "were mediated");
		list_add(t, "; ", "%s", buf_str(&c));
	}
	if (total)
		list_add(t, "; ", "%s %s", buf_str(&s), total == 1 ? "was resolved" : "were resolved");
	buf_free(&c);
	buf_free(&s);
	if (!t->items)
		return;
	en_sentence_start(t);
	buf_printf(&t->b, "%s.", buf_str(&t->list));
}

static void en_deeds(struct text *t, const struct report_figures *f)
{
	if (!f->deeds)
		return;
	en_sentence_start(t);
	en_count(&t->b, f->deeds, "deed for the people", "deeds for the people", "was undertaken",
		 "were undertaken");
	if (f->funds) {
		buf_puts(&t->b, " with ");
		en_num(&t->b, f->funds);
		buf_puts(&t->b, " yuan planned");
	}
	if (f->deeds_done) {
		buf_puts(&t->b, "; ");
		en_num(&t->b, f->deeds_done);
		buf_puts(&t->b, f->deeds_done == 1 ? " is completed" : " are completed");
		if (f->funds_done) {
			buf_puts(&t->b, ", with ");
			en_num(&t->b, f->funds_done);
			buf_puts(&t->b, " yuan spent");
		}
		if (f->beneficiaries_done) {
			buf_puts(&t->b, ", serving ");
			en_count(&t->b, f->beneficiaries_done, "person or household",
				 "people or households", NULL, NULL);
		}
	}
	buf_putc(&t->b, '.');
}

static void en_text(struct text *t, const struct report *r)
{
	en_lead(t, r);
	en_problems(t, &r->f);
	en_measures(t, &r->f);
	en_progress(t, &r->f);
	en_opinions(t, &r->f);
	en_cases(t, &r->f);
	en_deeds(t, &r->f);
	if (!t->led)
		buf_printf(&t->b, "%snothing is recorded yet: no problems, opinions or deeds.",
			   buf_str(&t->lead));
}

char *report_summary(const struct report *r, const char *lang)
{
	struct text t = {BUF_INIT, BUF_INIT, false, BUF_INIT, 0};
	if (lang && strcmp(lang, "en") == 0)
		en_text(&t, r);
	else
		zh_text(&t, r);
	buf_free(&t.lead);
	buf_free(&t.list);
	char *s = buf_steal(&t.b);
	return s ? s : xstrdup("");
}
