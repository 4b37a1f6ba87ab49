/* report.c: the campaign report (工作报告) for staff.
 *
 *   GET /report?unit=&from=&to=        a unit of the actor's scope (default
 *       its first scope) and a period (default: everything up to today):
 *       the picker, the summary paragraph, then a table per section; each
 *       figure links to the list of the records it counts (/items,
 *       /measures, /opinions with the matching filters). Printed, only the
 *       summary and the tables remain (the stylesheet's print rules).
 *   GET /report.xlsx?unit=&from=&to=   the same report as an xlsx file
 *
 * Figures come from app_report (counters); the summary from report_summary
 * in the page's language. */
#include "web.h"
#include "admin.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct report_q {
	int64_t unit;
	int from, to;
};

/* unit, from and to of the query; the unit defaults to the actor's first
 * scope. False with e when a value is malformed or no unit is in scope. */
static bool params(struct req *r, struct report_q *q, struct qd_error *e)
{
	*q = (struct report_q){0, DAY_NONE, DAY_NONE};
	struct in_field in[] = {
		{"unit", IN_INT, false, true, NULL, &q->unit, false, false},
		{"from", IN_DAY, false, true, NULL, &q->from, false, false},
		{"to", IN_DAY, false, true, NULL, &q->to, false, false},
		IN_END,
	};
	if (!in_query(r, in, e))
		return false;
	if (q->unit <= 0) {
		struct unit_array roots = {0};
		if (app_unit_roots(r->app, &r->actor, &roots, e) == QD_OK && roots.n)
			q->unit = roots.v[0].id;
		unit_array_free(&roots);
	}
	if (q->unit <= 0)
		return qd_fail(e, QD_FORBIDDEN, "unit", NULL), false;
	return true;
}

static void qday(struct buf *b, const char *name, int day)
{
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	buf_printf(b, "&%s=%s", name, t);
}

/* "unit=ID[&from=D]&to=D" of the report (its own links). */
static void self_query(struct buf *b, const struct report *rep)
{
	buf_printf(b, "unit=%lld", (long long)rep->unit_id);
	if (rep->from != DAY_NONE)
		qday(b, "from", rep->from);
	qday(b, "to", rep->to);
}

static void qcode(struct buf *b, const char *name, const struct code_table *t, int v)
{
	if (v >= 0)
		buf_printf(b, "&%s=%s", name, code_str(t, v));
}

/* The period of a list: days found (items, measures) or received
 * (opinions); nothing when the report covers everything up to today. */
static void qperiod(struct buf *b, const struct report *rep, const char *from_name,
		    const char *to_name)
{
	if (rep->from != DAY_NONE)
		qday(b, from_name, rep->from);
	if (rep->from != DAY_NONE || rep->to != rep->today)
		qday(b, to_name, rep->to);
}

/* The list of the records a figure counts, or false (no list). */
static bool records_href(struct buf *b, const struct report *rep, const struct report_link *l)
{
	switch (l->what) {
	case RR_ITEMS:
		buf_printf(b, "/items?unit=%lld", (long long)rep->unit_id);
		qcode(b, "kind", &T_ITEM_KIND, l->kind);
		qcode(b, "level", &T_LEVEL, l->level);
		qcode(b, "source", &T_SOURCE, l->source);
		qcode(b, "mode", &T_MODE, l->mode);
		qcode(b, "status", &T_STATUS, l->status);
		qcode(b, "closure", &T_CLOSURE, l->closure);
		qcode(b, "case_type", &T_CASE_TYPE, l->case_type);
		if (l->open_only)
			buf_puts(b, "&open=true");
		if (l->overdue) {
			/* the counter: open items due in the period before today */
			buf_puts(b, "&overdue=true");
			if (rep->from != DAY_NONE)
				qday(b, "due_from", rep->from);
			if (rep->to < rep->today)
				qday(b, "due_to", rep->to);
		} else {
			qperiod(b, rep, "found_from", "found_to");
		}
		return true;
	case RR_MEASURES:
		/* open= : finished or not (the list shows unfinished ones by default) */
		buf_printf(b, "/measures?unit=%lld&open=", (long long)rep->unit_id);
		qcode(b, "kind", &T_ITEM_KIND, l->kind);
		qcode(b, "level", &T_LEVEL, l->level);
		qcode(b, "status", &T_MEASURE_STATUS, l->measure_status);
		qperiod(b, rep, "found_from", "found_to");
		return true;
	case RR_OPINIONS:
		buf_printf(b, "/opinions?unit=%lld&status=%s", (long long)rep->unit_id,
			   l->opinion_status >= 0 ? code_str(&T_OPINION_STATUS, l->opinion_status)
						  : "all");
		qcode(b, "channel", &T_CHANNEL, l->channel);
		qcode(b, "rating", &T_RATING, l->rating);
		qperiod(b, rep, "from", "to");
		return true;
	case RR_NONE:
		break;
	}
	return false;
}

static void value(struct page *p, const struct report_row *row)
{
	char s[32];
	switch (row->kind) {
	case RV_COUNT:
		h_int(&p->b, row->n);
		return;
	case RV_YUAN:
		if (strcmp(p->r->lang, "en") == 0)
			h_int(&p->b, row->n);
		else {
			report_wan(row->n, s);
			h_text(&p->b, s);
		}
		return;
	case RV_PERCENT:
		report_pct(row->pct, s);
		h_text(&p->b, s);
		return;
	}
}

static void figure(struct page *p, const struct report *rep, const struct report_row *row)
{
	struct req *r = p->r;
	H(&p->b, "<tr id=\"");
	h_attr(&p->b, row->key);
	if (row->depth)
		H(&p->b, "\" class=\"part\"><th scope=\"row\">");
	else
		H(&p->b, "\"><th scope=\"row\">");
	h_text(&p->b, row->label);
	if (row->label2) {
		h_text(&p->b, T(r, M_LIST_COLON));
		h_text(&p->b, row->label2);
	}
	if (row->kind == RV_PERCENT) {
		H(&p->b, " <span class=\"muted how\">");
		h_text(&p->b, T(r, M_REPORT_SAT_HOW));
		H(&p->b, "</span>");
	}
	H(&p->b, "</th><td class=\"num\">");
	struct buf href = BUF_INIT;
	if (records_href(&href, rep, &row->link)) {
		H(&p->b, "<a href=\"");
		h_attr(&p->b, buf_str(&href));
		H(&p->b, "\" title=\"");
		h_attr(&p->b, T(r, M_REPORT_LINK_TITLE));
		H(&p->b, "\">");
		value(p, row);
		H(&p->b, "</a>");
	} else {
		value(p, row);
		if (row->kind == RV_PERCENT && rep->f.satisfaction.den > 0) {
			char num[32];
			snprintf(num, sizeof num, "%.1f", rep->f.satisfaction.num);
			H(&p->b, "<div class=\"muted frac\">");
			h_text(&p->b, num);
			H(&p->b, " / ");
			h_int(&p->b, rep->f.satisfaction.den);
			H(&p->b, "</div>");
		} else if (row->kind == RV_PERCENT) {
			H(&p->b, " <span class=\"muted\">");
			h_text(&p->b, T(r, M_REPORT_NO_DATA));
			H(&p->b, "</span>");
		}
	}
	buf_free(&href);
	H(&p->b, "</td></tr>");
}

static void tables(struct page *p, const struct report *rep)
{
	struct req *r = p->r;
	struct report_row *rows = xcalloc(REPORT_ROWS_MAX, sizeof *rows);
	int n = report_rows(&rep->f, r->lang, rows, REPORT_ROWS_MAX);
	for (int i = 0; i < n; i++) {
		if (i == 0 || rows[i].section != rows[i - 1].section) {
			if (i)
				H(&p->b, "</tbody></table></section>");
			H(&p->b, "<section class=\"report-part\" id=\"");
			h_attr(&p->b, code_str(&T_REPORT_SECTION, rows[i].section));
			H(&p->b, "\"><h2>");
			h_text(&p->b, code_text(r, &T_REPORT_SECTION, rows[i].section));
			H(&p->b, "</h2><table class=\"report-table\"><thead><tr><th scope=\"col\">");
			h_text(&p->b, T(r, M_REPORT_COL_ITEM));
			H(&p->b, "</th><th scope=\"col\" class=\"num\">");
			h_text(&p->b, T(r, M_REPORT_COL_VALUE));
			H(&p->b, "</th></tr></thead><tbody>");
		}
		figure(p, rep, &rows[i]);
	}
	if (n)
		H(&p->b, "</tbody></table></section>");
	free(rows);
}

static void period_line(struct page *p, const struct report *rep)
{
	struct req *r = p->r;
	bool en = strcmp(r->lang, "en") == 0;
	H(&p->b, "<p class=\"period\">");
	h_text(&p->b, T(r, M_REPORT_PERIOD));
	h_text(&p->b, T(r, M_LIST_COLON));
	H(&p->b, "<strong>");
	if (rep->from == DAY_NONE) {
		h_text(&p->b, T(r, M_REPORT_UP_TO));
		H(&p->b, " ");
		h_day(&p->b, rep->to);
	} else {
		h_day(&p->b, rep->from);
		H(&p->b, " ");
		h_text(&p->b, T(r, M_REPORT_PERIOD_TO));
		H(&p->b, " ");
		h_day(&p->b, rep->to);
	}
	H(&p->b, "</strong> <span class=\"muted\">");
	h_text(&p->b, en ? "(" : "（");
	h_text(&p->b, T(r, M_REPORT_PERIOD_NOTE));
	h_text(&p->b, en ? "; " : "；");
	h_text(&p->b, T(r, M_REPORT_GENERATED));
	H(&p->b, " ");
	h_day(&p->b, rep->today);
	h_text(&p->b, en ? ")" : "）");
	H(&p->b, "</span></p>");
}

static void picker(struct page *p, const struct report *rep)
{
	struct req *r = p->r;
	struct unit_array opts = {0};
	admin_pick_units(r, PA_READ, &opts);
	admin_pick_ensure(r, &opts, rep->unit_id);
	H(&p->b, "<form method=\"get\" action=\"/report\" class=\"filters report-pick\">");
	admin_unit_select(p, "rep", "unit", T(r, M_UNIT), &opts, rep->unit_id, NULL, NULL);
	unit_array_free(&opts);
	char f[DAY_TEXT_LEN] = "", t[DAY_TEXT_LEN];
	if (rep->from != DAY_NONE)
		day_format(rep->from, f);
	day_format(rep->to, t);
	H(&p->b, "<div class=\"field\"><label for=\"f-rep-from\">");
	h_text(&p->b, T(r, M_REPORT_FROM));
	H(&p->b, "</label><input type=\"date\" id=\"f-rep-from\" name=\"from\" value=\"");
	h_attr(&p->b, f);
	H(&p->b, "\"></div><div class=\"field\"><label for=\"f-rep-to\">");
	h_text(&p->b, T(r, M_REPORT_TO));
	H(&p->b, "</label><input type=\"date\" id=\"f-rep-to\" name=\"to\" value=\"");
	h_attr(&p->b, t);
	H(&p->b, "\"></div><div class=\"field go\"><button type=\"submit\">");
	h_text(&p->b, T(r, M_REPORT_SHOW));
	H(&p->b, "</button></div></form>");
}

static void links(struct page *p, const struct report *rep, const struct unit *parent)
{
	struct req *r = p->r;
	struct buf q = BUF_INIT;
	self_query(&q, rep);
	H(&p->b, "<p class=\"act-row report-links\"><a class=\"button\" href=\"/report.xlsx?");
	h_attr(&p->b, buf_str(&q));
	H(&p->b, "\">");
	h_text(&p->b, T(r, M_REPORT_XLSX));
	H(&p->b, "</a>");
	if (parent) {
		buf_reset(&q);
		struct report up = *rep;
		up.unit_id = parent->id;
		self_query(&q, &up);
		H(&p->b, " <a href=\"/report?");
		h_attr(&p->b, buf_str(&q));
		H(&p->b, "\">↑ ");
		h_text(&p->b, T(r, M_REPORT_UP));
		h_text(&p->b, T(r, M_LIST_COLON));
		h_text(&p->b, parent->name);
		H(&p->b, "</a>");
	}
	H(&p->b, " <span class=\"muted\">");
	h_text(&p->b, T(r, M_REPORT_PRINT));
	H(&p->b, "</span></p>");
	buf_free(&q);
}

enum MHD_Result web_report(struct req *r)
{
	struct qd_error e = {0};
	struct report_q q;
	if (!params(r, &q, &e))
		return web_error_page(r, &e);
	struct report rep;
	if (app_report(r->app, &r->actor, q.unit, q.from, q.to, &rep, &e) != QD_OK)
		return web_error_page(r, &e);
	struct unit self = {0}, parent = {0};
	bool up = app_unit_get(r->app, &r->actor, rep.unit_id, &self, &e) == QD_OK &&
		  self.parent_id > 0 &&
		  app_unit_get(r->app, &r->actor, self.parent_id, &parent, &e) == QD_OK;
	struct page p = {0};
	page_begin(&p, r, T(r, M_REPORT_TITLE), "report");
	H(&p.b, "<div class=\"report\"><h1>");
	h_text(&p.b, rep.unit_name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_REPORT_TITLE));
	H(&p.b, "</h1>");
	period_line(&p, &rep);
	H(&p.b, "<p class=\"muted report-intro\">");
	h_text(&p.b, T(r, M_REPORT_INTRO));
	H(&p.b, "</p>");
	picker(&p, &rep);
	links(&p, &rep, up ? &parent : NULL);
	char *summary = report_summary(&rep, r->lang);
	H(&p.b, "<section class=\"report-summary\" id=\"summary\"><h2>");
	h_text(&p.b, T(r, M_REPORT_SUMMARY));
	H(&p.b, "</h2><p class=\"summary\">");
	h_text(&p.b, summary);
	H(&p.b, "</p></section>");
	free(summary);
	tables(&p, &rep);
	H(&p.b, "</div>");
	unit_clear(&self);
	unit_clear(&parent);
	report_clear(&rep);
	return page_end(&p, 200);
}

/* --- the xlsx file --------------------------------------------------------- */

enum MHD_Result web_report_xlsx(struct req *r)
{
	struct qd_error e = {0};
	struct report_q q;
	if (!params(r, &q, &e))
		return web_error_page(r, &e);
	struct report rep;
	if (app_report(r->app, &r->actor, q.unit, q.from, q.to, &rep, &e) != QD_OK)
		return web_error_page(r, &e);
	struct table t;
	report_table(&rep, r->lang, &t);
	size_t len = 0;
	char *data = NULL;
	qd_err rc = xlsx_bytes(&t, 1, &data, &len, &e);
	table_free(&t);
	if (rc != QD_OK) {
		report_clear(&rep);
		return web_error_page(r, &e);
	}
	/* 报告-海晏县-2026-11-22.xlsx */
	char day[DAY_TEXT_LEN];
	day_format(rep.to, day);
	struct buf name = BUF_INIT, ascii = BUF_INIT;
	buf_printf(&name, "%s-%s-%s.xlsx", strcmp(r->lang, "en") == 0 ? "report" : "报告",
		   rep.unit_name, day);
	buf_printf(&ascii, "report-%s.xlsx", day);
	enum MHD_Result res = reply_download_steal(r, data, len, XLSX_TYPE, buf_str(&ascii),
						   buf_str(&name));
	buf_free(&name);
	buf_free(&ascii);
	report_clear(&rep);
	return res;
}
