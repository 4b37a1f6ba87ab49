/* rates.c: the hotline rates for staff (三率排名).
 *
 *   GET /rates?unit=&from=&to=     the figures of a unit of the actor's
 *       scope (default: its first scope, the last two months): counts, the
 *       four rates and the composite, the children ranked, how each figure
 *       is computed; for a top-level admin the rules in force as JSON
 *   GET /rates/records?unit=&from=&to=&part=&offset=   the opinions behind
 *       a part, each linked to its page /opinions/:id
 *
 * The same figures as the public board (rates_show.c), read with the
 * actor's permissions (app_rates / app_rate_records check PA_READ). */
#include "web.h"
#include "admin.h"
#include "rates_show.h"
#include "../domain/perm.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATES_PAGE 20
#define SNIPPET_CHARS 30

static int64_t first_scope(struct req *r)
{
	struct unit_array roots = {0};
	struct qd_error e = {0};
	int64_t id = 0;
	if (app_unit_roots(r->app, &r->actor, &roots, &e) == QD_OK && roots.n)
		id = roots.v[0].id;
	unit_array_free(&roots);
	return id;
}

static void rules_json(struct page *p, const struct rate_rules *rr)
{
	char *s = rate_rules_json(rr);
	json_t *j = s ? json_loads(s, 0, NULL) : NULL;
	char *pretty = j ? json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(6))
			 : NULL;
	H(&p->b, "<section id=\"rules\"><h2>");
	h_text(&p->b, T(p->r, M_RULES_TITLE));
	H(&p->b, "</h2><p class=\"muted\">");
	h_text(&p->b, T(p->r, M_RULES_EDIT));
	H(&p->b, "</p><pre class=\"rules\">");
	h_text(&p->b, pretty ? pretty : s ? s : "");
	H(&p->b, "</pre></section>");
	free(pretty);
	json_decref(j);
	free(s);
}

enum MHD_Result web_rates(struct req *r)
{
	struct qd_error e = {0};
	int64_t unit;
	int from, to;
	if (!rates_params(r, &unit, &from, &to, NULL, &e))
		return web_error_page(r, &e);
	if (unit == 0)
		unit = first_scope(r);
	if (unit <= 0) {
		qd_fail(&e, QD_FORBIDDEN, "unit", NULL);
		return web_error_page(r, &e);
	}
	struct rates_view v;
	if (app_rates(r->app, &r->actor, unit, from, to, &v, &e) != QD_OK) {
		rates_view_free(&v);
		return web_error_page(r, &e);
	}
	struct page p = {0};
	page_begin(&p, r, T(r, M_RATES_TITLE), "rates");
	H(&p.b, "<h1>");
	h_text(&p.b, v.self.unit.name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_RATES_TITLE));
	H(&p.b, "</h1><p class=\"muted\">");
	h_text(&p.b, T(r, M_RATES_INTRO));
	H(&p.b, "</p><p class=\"act-row\">");
	struct buf q = BUF_INIT;
	buf_puts(&q, "/board?");
	rates_query(&q, unit, from, to);
	H(&p.b, "<a href=\"");
	h_attr(&p.b, buf_str(&q));
	H(&p.b, "\">");
	h_text(&p.b, T(r, M_RATES_BOARD_LINK));
	H(&p.b, "</a>");
	buf_free(&q);
	if (v.self.unit.parent_id > 0) {
		struct unit parent = {0};
		if (app_unit_get(r->app, &r->actor, v.self.unit.parent_id, &parent, &e) == QD_OK)
			rates_up_link(&p, "/rates?", &parent, from, to);
		unit_clear(&parent);
	}
	H(&p.b, "</p>");
	struct unit_array opts = {0};
	admin_pick_units(r, PA_READ, &opts);
	admin_pick_ensure(r, &opts, unit);
	rates_period(&p, "/rates", &opts, unit, from, to);
	unit_array_free(&opts);
	rates_counts(&p, &v);
	rates_cards(&p, &v);
	rates_ranking(&p, &v, "/rates");
	rates_how(&p, &v, "/rates");
	if (perm_allows_global(r->actor.grants.v, r->actor.grants.n, PA_UNIT_ADMIN))
		rules_json(&p, &v.rules);
	rates_view_free(&v);
	return page_end(&p, 200);
}

/* --- records ---------------------------------------------------------------- */

/* The first n characters of s (UTF-8), "…" when cut; white space as spaces. */
static void snippet(struct buf *b, const char *s, size_t n)
{
	struct buf t = BUF_INIT;
	const unsigned char *c = (const unsigned char *)(s ? s : "");
	size_t k = 0;
	for (; *c && k < n; k++) {
		size_t len = *c < 0x80 ? 1 : *c < 0xE0 ? 2 : *c < 0xF0 ? 3 : 4;
		if (*c == '\n' || *c == '\r' || *c == '\t') {
			buf_putc(&t, ' ');
			c++;
			continue;
		}
		for (size_t i = 0; i < len && *c; i++)
			buf_putc(&t, (char)*c++);
	}
	if (*c)
		buf_puts(&t, "…");
	h_text(b, buf_str(&t));
	buf_free(&t);
}

static void day_of(struct buf *b, int64_t t)
{
	if (t > 0)
		h_day(b, day_of_time(t));
	else
		H(b, "—");
}

static void item_cell(struct page *p, int64_t id)
{
	if (id <= 0) {
		H(&p->b, "—");
		return;
	}
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	struct item it;
	item_init(&it);
	struct qd_error e = {0};
	if (app_item_get(p->r->app, &p->r->actor, ref, &it, &e) == QD_OK)
		item_link(p, &it);
	else
		h_text(&p->b, ref);
	item_clear(&it);
}

static void unit_cell(struct page *p, int64_t id)
{
	struct unit u = {0};
	struct qd_error e = {0};
	if (app_unit_get(p->r->app, &p->r->actor, id, &u, &e) == QD_OK)
		h_text(&p->b, u.name);
	else
		H(&p->b, "—");
	unit_clear(&u);
}

static void records_table(struct page *p, const struct opinion *ops, int n)
{
	struct req *r = p->r;
	H(&p->b, "<div class=\"table-wrap\"><table class=\"list records\"><thead><tr>"
		 "<th scope=\"col\" class=\"nowrap\">");
	h_text(&p->b, T(r, M_COL_RECEIVED_ON));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_COL_OPINION));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_UNIT));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_OP_CHANNEL));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_COL_STATUS));
	H(&p->b, "</th><th scope=\"col\" class=\"num hide-sm\">");
	h_text(&p->b, T(r, M_COL_RESPONSE));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_OP_ITEM));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_COL_RATING));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct opinion *o = &ops[i];
		H(&p->b, "<tr><td class=\"nowrap\">");
		day_of(&p->b, o->received_at);
		H(&p->b, "</td><td class=\"matter\"><a href=\"/opinions/");
		h_int(&p->b, o->id);
		H(&p->b, "\">");
		snippet(&p->b, o->text, SNIPPET_CHARS);
		H(&p->b, "</a></td><td class=\"hide-sm\">");
		unit_cell(p, o->unit_id);
		H(&p->b, "</td><td class=\"hide-sm nowrap\">");
		h_text(&p->b, code_text(r, &T_CHANNEL, o->channel));
		H(&p->b, "</td><td><span class=\"badge os-");
		h_attr(&p->b, code_str(&T_OPINION_STATUS, o->status));
		H(&p->b, "\">");
		h_text(&p->b, code_text(r, &T_OPINION_STATUS, o->status));
		H(&p->b, "</span></td><td class=\"num hide-sm nowrap\">");
		if (o->responded_at) {
			h_int(&p->b, o->response_wdays);
			H(&p->b, " ");
			h_text(&p->b, T(r, M_HOW_WDAYS));
		} else {
			H(&p->b, "—");
		}
		H(&p->b, "</td><td class=\"hide-sm\">");
		item_cell(p, o->item_id);
		H(&p->b, "</td><td>");
		if (o->rating >= 0)
			h_text(&p->b, code_text(r, &T_RATING, o->rating));
		else
			H(&p->b, "—");
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div>");
}

enum MHD_Result web_rate_records(struct req *r)
{
	struct qd_error e = {0};
	int64_t unit, offset;
	int from, to;
	const char *part = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "part");
	if (!rates_params(r, &unit, &from, &to, &offset, &e))
		return web_error_page(r, &e);
	if (unit == 0)
		unit = first_scope(r);
	struct rates_view v;
	struct opinion *ops = NULL;
	int n = 0;
	bool more = false;
	qd_err rc = app_rates(r->app, &r->actor, unit, from, to, &v, &e);
	if (rc == QD_OK)
		rc = app_rate_records(r->app, &r->actor, unit, from, to, part, RATES_PAGE,
				      (int)offset, &ops, &n, &more, &e);
	if (rc != QD_OK) {
		opinions_free(ops, n);
		rates_view_free(&v);
		return web_error_page(r, &e);
	}
	struct page p = {0};
	page_begin(&p, r, T(r, M_RECORDS_TITLE), "rates");
	if (!rates_records_head(&p, &v, "/rates", part)) {
		buf_free(&p.b);
		opinions_free(ops, n);
		rates_view_free(&v);
		qd_fail(&e, QD_BAD_PARAM, "part", "no such part of a rate");
		return web_error_page(r, &e);
	}
	if (n == 0) {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_EMPTY_LIST));
		H(&p.b, "</p>");
	} else {
		records_table(&p, ops, n);
	}
	struct buf q = BUF_INIT;
	rates_query(&q, unit, from, to);
	buf_puts(&q, "&part=");
	buf_puts(&q, part);
	pager(&p, "/rates/records", buf_str(&q), offset, RATES_PAGE, more);
	buf_free(&q);
	opinions_free(ops, n);
	rates_view_free(&v);
	return page_end(&p, 200);
}
