/* rates_show.c: the figures of the public board and the staff rates page
 * (see rates_show.h). Everything shown comes from the rates_view the app
 * computed from counters; nothing is counted here. */
#include "rates_show.h"
#include "admin.h"
#include "../util/date.h"
#include <stdio.h>
#include <string.h>

#define PARTS_MAX 64

bool rates_params(struct req *r, int64_t *unit, int *from, int *to, int64_t *offset,
		  struct qd_error *e)
{
	const char *u = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "unit");
	const char *f = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "from");
	const char *t = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "to");
	const char *o = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "offset");
	*unit = admin_parse_id(u);
	if (*unit < 0)
		return qd_fail(e, QD_BAD_PARAM, "unit", "a unit id"), false;
	*from = *to = DAY_NONE;
	if (f && *f && !day_parse(f, from))
		return qd_fail(e, QD_BAD_PARAM, "from", "YYYY-MM-DD"), false;
	if (t && *t && !day_parse(t, to))
		return qd_fail(e, QD_BAD_PARAM, "to", "YYYY-MM-DD"), false;
	app_default_period(from, to);
	if (offset) {
		*offset = o && *o ? admin_parse_id(o) : 0;
		if (*offset < 0 && strcmp(o, "0") != 0)
			return qd_fail(e, QD_BAD_PARAM, "offset", "a number"), false;
		if (*offset < 0 || *offset > 1000000)
			*offset = 0;
	}
	return true;
}

void rates_query(struct buf *b, int64_t unit, int from, int to)
{
	char f[DAY_TEXT_LEN], t[DAY_TEXT_LEN];
	day_format(from, f);
	day_format(to, t);
	buf_printf(b, "unit=%lld&from=%s&to=%s", (long long)unit, f, t);
}

void rates_up_link(struct page *p, const char *page, const struct unit *parent, int from,
		   int to)
{
	struct buf q = BUF_INIT;
	buf_puts(&q, page);
	rates_query(&q, parent->id, from, to);
	H(&p->b, " <a href=\"");
	h_attr(&p->b, buf_str(&q));
	H(&p->b, "\">↑ ");
	h_text(&p->b, T(p->r, M_RATES_UP));
	H(&p->b, "：");
	h_text(&p->b, parent->name);
	H(&p->b, "</a>");
	buf_free(&q);
}

/* One decimal, rounded half up from the two decimals the JSON gives, so
 * that 62.25 reads 62.3 on the page as in the JSON (not 62.2, as %.1f of
 * the binary value would). v >= 0. */
static double one_decimal(double v)
{
	double two = (double)(long long)(v * 100 + 0.5) / 100;
	return (double)(long long)(two * 10 + 0.5) / 10;
}

void rates_pct(struct buf *b, double pct)
{
	if (pct < 0)
		H(b, "—");
	else
		h_printf(b, "%.1f%%", one_decimal(pct));
}

static void score(struct buf *b, double s)
{
	if (s < 0)
		H(b, "—");
	else
		h_printf(b, "%.1f", one_decimal(s));
}

/* A count or coefficient: whole numbers plain, else up to two decimals. */
static void num(struct buf *b, double v)
{
	char t[40];
	snprintf(t, sizeof t, "%.2f", v);
	char *dot = strchr(t, '.');
	if (dot) {
		char *end = t + strlen(t) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	h_text(b, t);
}

static void link_to(struct page *p, const char *base, const char *suffix, int64_t unit, int from,
		    int to, const char *part)
{
	struct buf q = BUF_INIT;
	buf_puts(&q, base);
	buf_puts(&q, suffix);
	buf_putc(&q, '?');
	rates_query(&q, unit, from, to);
	H(&p->b, "<a href=\"");
	h_attr(&p->b, buf_str(&q));
	if (part) {
		H(&p->b, "&amp;part=");
		h_url_arg(&p->b, part);
	}
	H(&p->b, "\">");
	buf_free(&q);
}

/* --- the period ------------------------------------------------------------ */

/* The same day of the month k months later (earlier for k < 0), or the
 * month's last day when it is shorter. */
static int add_months(int day, int k)
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	int mm = y * 12 + (m - 1) + k;
	y = mm / 12;
	m = mm % 12 + 1;
	int first = day_from_civil(y, m, 1);
	int next = m == 12 ? day_from_civil(y + 1, 1, 1) : day_from_civil(y, m + 1, 1);
	return first + d - 1 < next ? first + d - 1 : next - 1;
}

void rates_period(struct page *p, const char *base, const struct unit_array *opts,
		  int64_t unit, int from, int to)
{
	struct req *r = p->r;
	H(&p->b, "<p class=\"period\" id=\"period\">");
	h_text(&p->b, T(r, M_RATES_PERIOD));
	H(&p->b, "：<strong>");
	h_day(&p->b, from);
	H(&p->b, " ");
	h_text(&p->b, T(r, M_RATES_PERIOD_TO));
	H(&p->b, " ");
	h_day(&p->b, to);
	H(&p->b, "</strong> <span class=\"muted\">（");
	h_text(&p->b, T(r, M_RATES_PERIOD_NOTE));
	H(&p->b, "）</span></p>");

	H(&p->b, "<form method=\"get\" action=\"");
	h_attr(&p->b, base);
	H(&p->b, "\" class=\"filters period-pick\">");
	admin_unit_select(p, "per", "unit", T(r, M_UNIT), opts, unit, NULL, NULL);
	char f[DAY_TEXT_LEN], t[DAY_TEXT_LEN];
	day_format(from, f);
	day_format(to, t);
	H(&p->b, "<div class=\"field\"><label for=\"f-per-from\">");
	h_text(&p->b, T(r, M_RATES_FROM));
	H(&p->b, "</label><input type=\"date\" id=\"f-per-from\" name=\"from\" value=\"");
	h_attr(&p->b, f);
	H(&p->b, "\"></div><div class=\"field\"><label for=\"f-per-to\">");
	h_text(&p->b, T(r, M_RATES_TO));
	H(&p->b, "</label><input type=\"date\" id=\"f-per-to\" name=\"to\" value=\"");
	h_attr(&p->b, t);
	H(&p->b, "\"></div><div class=\"field go\"><button type=\"submit\">");
	h_text(&p->b, T(r, M_RATES_SHOW));
	H(&p->b, "</button></div></form>");

	/* the two months before and after, as the default period is cut */
	int ptx = from - 1, pfx = add_months(ptx, -2) + 1;
	int nfx = to + 1, ntx = add_months(nfx, 2) - 1, today = day_today();
	H(&p->b, "<nav class=\"pager period-nav\" aria-label=\"period\">");
	link_to(p, base, "", unit, pfx, ptx, NULL);
	h_text(&p->b, T(r, M_RATES_PREV));
	H(&p->b, "</a>");
	if (nfx <= today) {
		link_to(p, base, "", unit, nfx, ntx < today ? ntx : today, NULL);
		h_text(&p->b, T(r, M_RATES_NEXT));
		H(&p->b, "</a>");
	}
	H(&p->b, "</nav>");
}

/* --- counts -------------------------------------------------------------- */

static void card(struct page *p, const char *id, enum msg_id label, int64_t n)
{
	H(&p->b, "<div class=\"card\" id=\"");
	h_attr(&p->b, id);
	H(&p->b, "\"><div class=\"n\">");
	h_int(&p->b, n);
	H(&p->b, "</div><div class=\"l\">");
	h_text(&p->b, T(p->r, label));
	H(&p->b, "</div></div>");
}

static void by_codes(struct page *p, enum msg_id label, const int64_t *counts,
		     const struct code_table *t)
{
	H(&p->b, "<p class=\"by\"><span class=\"muted\">");
	h_text(&p->b, T(p->r, label));
	H(&p->b, "：</span>");
	bool any = false;
	for (int k = 0; k < t->count; k++) {
		int64_t n = counts[k];
		if (!n)
			continue;
		if (any)
			H(&p->b, " · ");
		H(&p->b, "<span class=\"nowrap\">");
		h_text(&p->b, code_text(p->r, t, k));
		H(&p->b, " ");
		h_int(&p->b, n);
		H(&p->b, "</span>");
		any = true;
	}
	if (!any)
		H(&p->b, "—");
	H(&p->b, "</p>");
}

void rates_counts(struct page *p, const struct rates_view *v)
{
	const struct rate_report *rep = &v->self.rep;
	int64_t rated = 0;
	for (int k = 0; k < RT_COUNT; k++)
		rated += rep->by_rating[k];
	H(&p->b, "<h2>");
	h_text(&p->b, T(p->r, M_CNT_TITLE));
	H(&p->b, "</h2><section class=\"cards counts\" aria-label=\"counts\">");
	card(p, "cnt-received", M_CNT_RECEIVED, rep->received);
	card(p, "cnt-responded", M_CNT_RESPONDED, rep->received - rep->pending);
	card(p, "cnt-answered", M_CNT_ANSWERED, rep->by_status[OS_ANSWERED]);
	card(p, "cnt-resolved", M_CNT_RESOLVED, rep->by_closure[CL_RESOLVED]);
	card(p, "cnt-rejected", M_CNT_REJECTED, rep->by_status[OS_REJECTED]);
	card(p, "cnt-rated", M_CNT_RATED, rated);
	H(&p->b, "</section>");
	by_codes(p, M_CNT_BY_CHANNEL, rep->by_channel, &T_CHANNEL);
	by_codes(p, M_CNT_BY_STATUS, rep->by_status, &T_OPINION_STATUS);
}

/* --- the rates ------------------------------------------------------------- */

void rates_cards(struct page *p, const struct rates_view *v)
{
	struct req *r = p->r;
	const struct rate_report *rep = &v->self.rep;
	H(&p->b, "<h2>");
	h_text(&p->b, T(r, M_RATE_TITLE));
	H(&p->b, "</h2><section class=\"cards rates\" aria-label=\"rates\">");
	for (int k = 0; k < RATE_COUNT; k++) {
		const struct rate_figure *f = &rep->f[k];
		const char *code = code_str(&T_RATE, k);
		H(&p->b, "<div class=\"card rate\" id=\"rate-");
		h_attr(&p->b, code);
		H(&p->b, "\"><div class=\"l\">");
		h_text(&p->b, code_text(r, &T_RATE, k));
		H(&p->b, "</div><div class=\"n\">");
		rates_pct(&p->b, f->pct);
		H(&p->b, "</div><div class=\"f\">");
		num(&p->b, f->num);
		H(&p->b, " / ");
		h_int(&p->b, f->den);
		if (f->den == 0) {
			H(&p->b, " <span class=\"muted\">");
			h_text(&p->b, T(r, M_RATE_NO_DATA));
			H(&p->b, "</span>");
		} else {
			H(&p->b, " · ");
			h_text(&p->b, T(r, M_RATE_SCORE));
			H(&p->b, " ");
			score(&p->b, f->score);
		}
		H(&p->b, "</div><a class=\"how-link\" href=\"#how-");
		h_attr(&p->b, code);
		H(&p->b, "\">");
		h_text(&p->b, T(r, M_RATE_HOW));
		H(&p->b, "</a></div>");
	}
	H(&p->b, "<div class=\"card rate\" id=\"rate-composite\"><div class=\"l\">");
	h_text(&p->b, T(r, M_RATE_COMPOSITE));
	H(&p->b, "</div><div class=\"n\">");
	score(&p->b, rep->composite);
	H(&p->b, "</div><div class=\"f\">&nbsp;</div><a class=\"how-link\" href=\"#how-composite\">");
	h_text(&p->b, T(r, M_RATE_HOW));
	H(&p->b, "</a></div></section>");
}

static enum msg_id explanation(int k)
{
	switch (k) {
	case RATE_RESPONSE:
		return M_HOW_RESPONSE;
	case RATE_RESOLUTION:
		return M_HOW_RESOLUTION;
	case RATE_SATISFACTION:
		return M_HOW_SATISFACTION;
	default:
		return M_HOW_REDO;
	}
}

/* The label of a part's own name (after the rate's dot). */
static bool part_label(struct page *p, int rate, const char *name)
{
	struct req *r = p->r;
	static const struct {
		int rate;
		const char *name;
		enum msg_id m;
	} fixed[] = {
		{RATE_RESPONSE, "within", M_PART_RESP_WITHIN},
		{RATE_RESPONSE, "late", M_PART_RESP_LATE},
		{RATE_RESPONSE, "pending_late", M_PART_RESP_PENDING_LATE},
		{RATE_RESPONSE, "pending_not_due", M_PART_RESP_NOT_DUE},
		{RATE_REDO, "redo", M_PART_REDO},
		{RATE_REDO, "not_redone", M_PART_NOT_REDONE},
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (fixed[i].rate == rate && strcmp(fixed[i].name, name) == 0) {
			h_text(&p->b, T(r, fixed[i].m));
			return true;
		}
	int c;
	if (rate == RATE_RESOLUTION && (c = code_parse(&T_CLOSURE, name)) >= 0) {
		h_text(&p->b, T(r, M_PART_CLOSURE));
		h_text(&p->b, code_text(r, &T_CLOSURE, c));
		return true;
	}
	if (rate == RATE_SATISFACTION && (c = code_parse(&T_RATING, name)) >= 0) {
		h_text(&p->b, T(r, M_PART_RATING));
		h_text(&p->b, code_text(r, &T_RATING, c));
		return true;
	}
	return false;
}

static void curve_text(struct page *p, const struct curve *c)
{
	for (int i = 0; i < c->n; i++) {
		if (i)
			H(&p->b, "，");
		H(&p->b, "<span class=\"nowrap\">");
		num(&p->b, c->at[i]);
		H(&p->b, "% → ");
		num(&p->b, c->score[i]);
		H(&p->b, " ");
		h_text(&p->b, T(p->r, M_HOW_POINTS));
		H(&p->b, "</span>");
	}
}

static void dl_item(struct page *p, enum msg_id label)
{
	H(&p->b, "<dt>");
	h_text(&p->b, T(p->r, label));
	H(&p->b, "</dt><dd>");
}

static void how_one(struct page *p, const struct rates_view *v, const char *base, int k,
		    const struct rate_part *parts, int nparts)
{
	struct req *r = p->r;
	const struct rate_rules *rr = &v->rules;
	const struct rate_figure *f = &v->self.rep.f[k];
	const char *code = code_str(&T_RATE, k);
	H(&p->b, "<section class=\"how\" id=\"how-");
	h_attr(&p->b, code);
	H(&p->b, "\"><h3>");
	h_text(&p->b, code_text(r, &T_RATE, k));
	H(&p->b, "</h3><p>");
	h_text(&p->b, T(r, explanation(k)));
	H(&p->b, "</p><div class=\"table-wrap\"><table class=\"parts\"><thead><tr><th scope=\"col\">");
	h_text(&p->b, T(r, M_HOW_PART));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_HOW_ROLE));
	H(&p->b, "</th><th scope=\"col\" class=\"num\">");
	h_text(&p->b, T(r, M_HOW_EACH));
	H(&p->b, "</th><th scope=\"col\" class=\"num\">");
	h_text(&p->b, T(r, M_HOW_COUNT));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < nparts; i++) {
		const struct rate_part *pt = &parts[i];
		if (pt->rate != k)
			continue;
		H(&p->b, "<tr class=\"part-");
		h_attr(&p->b, pt->role == PART_NUMERATOR	? "num"
			      : pt->role == PART_EXCLUDED ? "excl"
							    : "den");
		H(&p->b, "\"><th scope=\"row\">");
		part_label(p, k, strchr(pt->name, '.') + 1);
		H(&p->b, "</th><td>");
		h_text(&p->b, T(r, pt->role == PART_NUMERATOR ? M_ROLE_NUM
				   : pt->role == PART_EXCLUDED ? M_ROLE_EXCL
							       : M_ROLE_DEN));
		H(&p->b, "</td><td class=\"num\">");
		if (pt->role == PART_EXCLUDED)
			H(&p->b, "—");
		else
			num(&p->b, pt->weight);
		H(&p->b, "</td><td class=\"num\" data-part=\"");
		h_attr(&p->b, pt->name);
		H(&p->b, "\">");
		if (pt->n > 0) {
			link_to(p, base, "/records", v->self.unit.id, v->from, v->to, pt->name);
			h_int(&p->b, pt->n);
			H(&p->b, "</a>");
		} else {
			h_int(&p->b, pt->n);
		}
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div><dl class=\"props how-figures\">");
	dl_item(p, M_HOW_NUM);
	num(&p->b, f->num);
	H(&p->b, "</dd>");
	dl_item(p, M_HOW_DEN);
	h_int(&p->b, f->den);
	H(&p->b, "</dd>");
	dl_item(p, M_HOW_EXCLUDED);
	h_int(&p->b, f->excluded);
	H(&p->b, "</dd>");
	dl_item(p, M_HOW_RATE);
	rates_pct(&p->b, f->pct);
	H(&p->b, "</dd>");
	if (k == RATE_RESPONSE) {
		dl_item(p, M_HOW_LIMIT);
		h_int(&p->b, rr->response_wdays);
		H(&p->b, " ");
		h_text(&p->b, T(r, M_HOW_WDAYS));
		H(&p->b, "</dd>");
	} else if (k == RATE_SATISFACTION) {
		dl_item(p, M_HOW_COEFF);
		num(&p->b, rr->basic_coefficient);
		H(&p->b, "</dd>");
	} else if (k == RATE_RESOLUTION) {
		dl_item(p, M_HOW_EXCLUDED_TYPES);
		bool any = false;
		for (int c = 0; c < CL_COUNT; c++)
			if (rr->excluded[c]) {
				if (any)
					H(&p->b, "、");
				h_text(&p->b, code_text(r, &T_CLOSURE, c));
				any = true;
			}
		if (!any)
			h_text(&p->b, T(r, M_NONE));
		H(&p->b, "</dd>");
	}
	dl_item(p, M_HOW_CURVE);
	curve_text(p, &rr->curve[k]);
	H(&p->b, "</dd>");
	dl_item(p, M_HOW_SCORE);
	score(&p->b, f->score);
	H(&p->b, "</dd>");
	dl_item(p, M_HOW_WEIGHT);
	num(&p->b, rr->weight[k]);
	H(&p->b, "</dd></dl></section>");
}

void rates_how(struct page *p, const struct rates_view *v, const char *base)
{
	struct req *r = p->r;
	struct rate_part parts[PARTS_MAX];
	int n = rate_parts(v, &v->self, parts, PARTS_MAX);
	H(&p->b, "<h2 id=\"how\">");
	h_text(&p->b, T(r, M_HOW_TITLE));
	H(&p->b, "</h2>");
	for (int k = 0; k < RATE_COUNT; k++)
		how_one(p, v, base, k, parts, n);
	H(&p->b, "<section class=\"how\" id=\"how-composite\"><h3>");
	h_text(&p->b, T(r, M_RATE_COMPOSITE));
	H(&p->b, "</h3><p>");
	h_text(&p->b, T(r, M_HOW_COMPOSITE));
	H(&p->b, "</p><dl class=\"props how-figures\">");
	for (int k = 0; k < RATE_COUNT; k++) {
		H(&p->b, "<dt>");
		h_text(&p->b, code_text(r, &T_RATE, k));
		H(&p->b, "</dt><dd>");
		h_text(&p->b, T(r, M_HOW_SCORE));
		H(&p->b, " ");
		score(&p->b, v->self.rep.f[k].score);
		H(&p->b, " × ");
		num(&p->b, v->rules.weight[k]);
		H(&p->b, "</dd>");
	}
	dl_item(p, M_RATE_COMPOSITE);
	H(&p->b, "<strong>");
	score(&p->b, v->self.rep.composite);
	H(&p->b, "</strong></dd>");
	dl_item(p, M_HOW_MIN_COUNT);
	h_int(&p->b, v->rules.min_count);
	H(&p->b, "</dd></dl></section>");
}

/* --- the ranking ----------------------------------------------------------- */

void rates_ranking(struct page *p, const struct rates_view *v, const char *base)
{
	struct req *r = p->r;
	H(&p->b, "<h2 id=\"ranking\">");
	h_text(&p->b, T(r, M_RANK_TITLE));
	H(&p->b, "</h2>");
	if (v->nchildren == 0) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(r, M_RANK_NONE));
		H(&p->b, "</p>");
		return;
	}
	int ranked = 0;
	for (int i = 0; i < v->nchildren; i++)
		ranked += v->children[i].rep.ranked;
	if (ranked) {
		H(&p->b, "<div class=\"table-wrap\"><table class=\"list ranking\"><thead><tr>"
			 "<th scope=\"col\" class=\"num\">");
		h_text(&p->b, T(r, M_RANK_NO));
		H(&p->b, "</th><th scope=\"col\">");
		h_text(&p->b, T(r, M_UNIT));
		H(&p->b, "</th><th scope=\"col\" class=\"num\">");
		h_text(&p->b, T(r, M_RANK_RECEIVED));
		H(&p->b, "</th>");
		for (int k = 0; k < RATE_COUNT; k++) {
			H(&p->b, "<th scope=\"col\" class=\"num hide-sm\">");
			h_text(&p->b, code_text(r, &T_RATE, k));
			H(&p->b, "</th>");
		}
		H(&p->b, "<th scope=\"col\" class=\"num\">");
		h_text(&p->b, T(r, M_RATE_COMPOSITE));
		H(&p->b, "</th></tr></thead><tbody>");
		for (int i = 0; i < v->nchildren; i++) {
			const struct unit_rates *u = &v->children[i];
			if (!u->rep.ranked)
				continue;
			H(&p->b, "<tr><td class=\"num\">");
			h_int(&p->b, u->rank);
			H(&p->b, "</td><th scope=\"row\">");
			link_to(p, base, "", u->unit.id, v->from, v->to, NULL);
			h_text(&p->b, u->unit.name);
			H(&p->b, "</a></th><td class=\"num\">");
			h_int(&p->b, u->rep.received);
			H(&p->b, "</td>");
			for (int k = 0; k < RATE_COUNT; k++) {
				H(&p->b, "<td class=\"num hide-sm\">");
				rates_pct(&p->b, u->rep.f[k].pct);
				H(&p->b, "</td>");
			}
			H(&p->b, "<td class=\"num\"><strong>");
			score(&p->b, u->rep.composite);
			H(&p->b, "</strong></td></tr>");
		}
		H(&p->b, "</tbody></table></div>");
	}
	if (ranked == v->nchildren)
		return;
	H(&p->b, "<h3>");
	h_text(&p->b, T(r, M_RANK_UNRANKED));
	H(&p->b, "</h3><ul class=\"unranked\">");
	/* units that received something, each with its reason */
	int none = 0;
	for (int i = 0; i < v->nchildren; i++) {
		const struct unit_rates *u = &v->children[i];
		if (u->rep.ranked)
			continue;
		if (u->rep.received == 0 && v->rules.min_count > 0) {
			none++;
			continue;
		}
		H(&p->b, "<li>");
		link_to(p, base, "", u->unit.id, v->from, v->to, NULL);
		h_text(&p->b, u->unit.name);
		H(&p->b, "</a> <span class=\"muted\">（");
		h_text(&p->b, T(r, M_RANK_COUNT_PRE));
		h_int(&p->b, u->rep.received);
		h_text(&p->b, T(r, M_RANK_COUNT_POST));
		H(&p->b, "）</span> <span class=\"why\">");
		if (u->rep.received < v->rules.min_count) {
			h_text(&p->b, T(r, M_RANK_FEW_PRE));
			h_int(&p->b, v->rules.min_count);
			h_text(&p->b, T(r, M_RANK_FEW_POST));
		} else {
			h_text(&p->b, T(r, M_RANK_NO_DATA));
		}
		H(&p->b, "</span></li>");
	}
	/* those that received nothing, in one line */
	if (none) {
		H(&p->b, "<li class=\"none\"><span class=\"muted\">");
		h_text(&p->b, T(r, M_RANK_NOTHING));
		H(&p->b, "</span>");
		int k = 0;
		for (int i = 0; i < v->nchildren; i++) {
			const struct unit_rates *u = &v->children[i];
			if (u->rep.ranked || u->rep.received != 0)
				continue;
			if (k++)
				H(&p->b, "、");
			link_to(p, base, "", u->unit.id, v->from, v->to, NULL);
			h_text(&p->b, u->unit.name);
			H(&p->b, "</a>");
		}
		H(&p->b, " <span class=\"why\">");
		h_text(&p->b, T(r, M_RANK_FEW_PRE));
		h_int(&p->b, v->rules.min_count);
		h_text(&p->b, T(r, M_RANK_FEW_POST));
		H(&p->b, "</span></li>");
	}
	H(&p->b, "</ul>");
}

/* --- records ----------------------------------------------------------------- */

bool rates_records_head(struct page *p, const struct rates_view *v, const char *base,
			const char *part)
{
	struct req *r = p->r;
	struct rate_part parts[PARTS_MAX];
	int n = rate_parts(v, &v->self, parts, PARTS_MAX);
	const struct rate_part *pt = NULL;
	for (int i = 0; i < n && part; i++)
		if (strcmp(parts[i].name, part) == 0)
			pt = &parts[i];
	if (!pt)
		return false;
	const char *code = code_str(&T_RATE, pt->rate);
	H(&p->b, "<h1>");
	h_text(&p->b, code_text(r, &T_RATE, pt->rate));
	H(&p->b, " · ");
	part_label(p, pt->rate, strchr(pt->name, '.') + 1);
	H(&p->b, "</h1><p class=\"period\">");
	h_text(&p->b, v->self.unit.name);
	H(&p->b, " · ");
	h_day(&p->b, v->from);
	H(&p->b, " ");
	h_text(&p->b, T(r, M_RATES_PERIOD_TO));
	H(&p->b, " ");
	h_day(&p->b, v->to);
	H(&p->b, " · ");
	h_text(&p->b, T(r, pt->role == PART_NUMERATOR ? M_ROLE_NUM
			   : pt->role == PART_EXCLUDED ? M_ROLE_EXCL
						       : M_ROLE_DEN));
	H(&p->b, " · <strong id=\"part-count\">");
	h_text(&p->b, T(r, M_RECORDS_TOTAL_PRE));
	h_int(&p->b, pt->n);
	h_text(&p->b, T(r, M_RECORDS_TOTAL_POST));
	H(&p->b, "</strong></p><p>");
	struct buf q = BUF_INIT;
	buf_puts(&q, base);
	buf_putc(&q, '?');
	rates_query(&q, v->self.unit.id, v->from, v->to);
	buf_puts(&q, "#how-");
	buf_puts(&q, code);
	H(&p->b, "<a href=\"");
	h_attr(&p->b, buf_str(&q));
	H(&p->b, "\">← ");
	h_text(&p->b, T(r, M_RECORDS_BACK));
	H(&p->b, "</a></p>");
	buf_free(&q);
	return true;
}
