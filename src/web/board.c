/* board.c: the public board (晒单), no login.
 *
 *   GET /board?unit=&from=&to=&offset=     a unit and period (default: the
 *       first top-level unit, the last two months): counts, the four rates
 *       and the composite, the children ranked (the others listed with the
 *       reason), the matters resolved (20 a page), how each figure is
 *       computed with the count of each part linked to its records
 *   GET /board/records?unit=&from=&to=&part=&offset=   the records behind a
 *       part: day received, unit, status, item title, rating
 *
 * Nothing personal is shown: the app removes the text, names, contacts,
 * comments, replies and tracking codes of public records (ac NULL), and
 * only the fields above are written. The unit picker offers the top-level
 * unit and its children. */
#include "web.h"
#include "admin.h"
#include "rates_show.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <string.h>

#define BOARD_PAGE 20

/* The top-level unit and its active children, and the unit shown. */
static void board_units(struct req *r, const struct unit *shown, struct unit_array *out)
{
	struct unit top = {0};
	struct qd_error e = {0};
	struct actor sys;
	actor_init_system(&sys);
	if (app_o311_jurisdiction(r->app, NULL, &top, &e) == QD_OK) {
		struct unit_array t = {0};
		if (app_unit_tree(r->app, &sys, top.id, 1, &t, &e) == QD_OK)
			for (int k = 0; k < t.n; k++)
				if (t.v[k].active) {
					*unit_array_push(out) = t.v[k];
					memset(&t.v[k], 0, sizeof t.v[k]);
				}
		unit_array_free(&t);
	}
	unit_clear(&top);
	actor_clear(&sys);
	for (int i = 0; i < out->n; i++)
		if (out->v[i].id == shown->id)
			return;
	struct unit *u = unit_array_push(out);
	*u = (struct unit){.id = shown->id, .parent_id = shown->parent_id, .kind = shown->kind,
			   .name = xstrdup(shown->name), .path = xstrdup(shown->path),
			   .depth = shown->depth, .active = shown->active};
}

static void unit_name(struct req *r, struct buf *b, int64_t id)
{
	struct unit u = {0};
	if (r->app->st->ops->unit_get(r->app->st, id, &u) == QD_OK)
		h_text(b, u.name);
	else
		H(b, "—");
	unit_clear(&u);
}

static void item_title(struct req *r, struct buf *b, int64_t item_id)
{
	struct item it;
	struct qd_error e = {0};
	if (item_id > 0 && app_item_public(r->app, item_id, &it, &e) == QD_OK && it.title)
		h_text(b, it.title);
	else
		H(b, "—");
	if (item_id > 0)
		item_clear(&it);
}

static void day_of(struct buf *b, int64_t t)
{
	if (t > 0)
		h_day(b, day_of_time(t));
	else
		H(b, "—");
}

static void rating(struct page *p, int v)
{
	if (v < 0) {
		H(&p->b, "<span class=\"muted\">");
		h_text(&p->b, T(p->r, M_NOT_RATED));
		H(&p->b, "</span>");
	} else {
		H(&p->b, "<span class=\"badge rt-");
		h_attr(&p->b, code_str(&T_RATING, v));
		H(&p->b, "\">");
		h_text(&p->b, code_text(p->r, &T_RATING, v));
		H(&p->b, "</span>");
	}
}

static void resolved(struct page *p, const struct rates_view *v, int64_t offset)
{
	struct req *r = p->r;
	struct opinion *ops = NULL;
	int n = 0;
	bool more = false;
	struct qd_error e = {0};
	H(&p->b, "<h2 id=\"resolved\">");
	h_text(&p->b, T(r, M_RESOLVED_TITLE));
	H(&p->b, "</h2><p class=\"muted\">");
	h_text(&p->b, T(r, M_RESOLVED_NOTE));
	H(&p->b, "</p>");
	if (app_board_resolved(r->app, v->self.unit.id, v->from, v->to, BOARD_PAGE, (int)offset,
			       &ops, &n, &more, &e) != QD_OK ||
	    n == 0) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(r, M_RESOLVED_NONE));
		H(&p->b, "</p>");
		opinions_free(ops, n);
		return;
	}
	H(&p->b, "<div class=\"table-wrap\"><table class=\"list resolved\"><thead><tr><th scope=\"col\">");
	h_text(&p->b, T(r, M_COL_MATTER));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_UNIT));
	H(&p->b, "</th><th scope=\"col\" class=\"nowrap hide-sm\">");
	h_text(&p->b, T(r, M_COL_RECEIVED_ON));
	H(&p->b, "</th><th scope=\"col\" class=\"nowrap\">");
	h_text(&p->b, T(r, M_COL_ANSWERED_ON));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_COL_RATING));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		H(&p->b, "<tr><td class=\"matter\">");
		item_title(r, &p->b, ops[i].item_id);
		H(&p->b, "</td><td>");
		unit_name(r, &p->b, ops[i].unit_id);
		H(&p->b, "</td><td class=\"nowrap hide-sm\">");
		day_of(&p->b, ops[i].received_at);
		H(&p->b, "</td><td class=\"nowrap\">");
		day_of(&p->b, ops[i].answered_at);
		H(&p->b, "</td><td>");
		rating(p, ops[i].rating);
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div>");
	opinions_free(ops, n);
	struct buf q = BUF_INIT;
	rates_query(&q, v->self.unit.id, v->from, v->to);
	pager(p, "/board", buf_str(&q), offset, BOARD_PAGE, more);
	buf_free(&q);
}

enum MHD_Result web_board(struct req *r)
{
	struct qd_error e = {0};
	int64_t unit, offset;
	int from, to;
	if (!rates_params(r, &unit, &from, &to, &offset, &e))
		return web_error_page(r, &e);
	struct unit u = {0};
	if (app_public_unit(r->app, unit, &u, &e) != QD_OK)
		return web_error_page(r, &e);
	struct rates_view v;
	if (app_rates(r->app, NULL, u.id, from, to, &v, &e) != QD_OK) {
		rates_view_free(&v);
		unit_clear(&u);
		return web_error_page(r, &e);
	}
	struct page p = {0};
	page_begin(&p, r, T(r, M_BOARD_TITLE), NULL);
	H(&p.b, "<div class=\"board\"><h1>");
	h_text(&p.b, u.name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_BOARD_TITLE));
	H(&p.b, "</h1><p class=\"muted\">");
	h_text(&p.b, T(r, M_BOARD_INTRO));
	H(&p.b, "</p><p class=\"act-row board-links\"><a href=\"/opinion\">");
	h_text(&p.b, T(r, M_BOARD_SEND));
	H(&p.b, "</a> <a href=\"/track\">");
	h_text(&p.b, T(r, M_BOARD_TRACK));
	H(&p.b, "</a>");
	if (u.parent_id > 0) {
		struct unit parent = {0};
		struct qd_error pe = {0};
		if (app_public_unit(r->app, u.parent_id, &parent, &pe) == QD_OK)
			rates_up_link(&p, "/board?", &parent, from, to);
		unit_clear(&parent);
	}
	H(&p.b, "</p>");
	struct unit_array opts = {0};
	board_units(r, &u, &opts);
	rates_period(&p, "/board", &opts, u.id, from, to);
	unit_array_free(&opts);
	rates_counts(&p, &v);
	rates_cards(&p, &v);
	rates_ranking(&p, &v, "/board");
	resolved(&p, &v, offset);
	rates_how(&p, &v, "/board");
	H(&p.b, "</div>");
	rates_view_free(&v);
	unit_clear(&u);
	return page_end(&p, 200);
}

enum MHD_Result web_board_records(struct req *r)
{
	struct qd_error e = {0};
	int64_t unit, offset;
	int from, to;
	const char *part = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "part");
	if (!rates_params(r, &unit, &from, &to, &offset, &e))
		return web_error_page(r, &e);
	struct unit u = {0};
	if (app_public_unit(r->app, unit, &u, &e) != QD_OK)
		return web_error_page(r, &e);
	struct rates_view v;
	struct opinion *ops = NULL;
	int n = 0;
	bool more = false;
	qd_err rc = app_rates(r->app, NULL, u.id, from, to, &v, &e);
	if (rc == QD_OK)
		rc = app_rate_records(r->app, NULL, u.id, from, to, part, BOARD_PAGE, (int)offset,
				      &ops, &n, &more, &e);
	unit_clear(&u);
	if (rc != QD_OK) {
		opinions_free(ops, n);
		rates_view_free(&v);
		return web_error_page(r, &e);
	}
	struct page p = {0};
	page_begin(&p, r, T(r, M_RECORDS_TITLE), NULL);
	if (!rates_records_head(&p, &v, "/board", part)) {
		/* app_rate_records knows every part rate_parts lists */
		buf_free(&p.b);
		opinions_free(ops, n);
		rates_view_free(&v);
		qd_fail(&e, QD_BAD_PARAM, "part", "no such part of a rate");
		return web_error_page(r, &e);
	}
	H(&p.b, "<p class=\"muted\">");
	h_text(&p.b, T(r, M_RECORDS_PUBLIC_NOTE));
	H(&p.b, "</p>");
	if (n == 0) {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_EMPTY_LIST));
		H(&p.b, "</p>");
	} else {
		H(&p.b, "<div class=\"table-wrap\"><table class=\"list records\"><thead><tr>"
			"<th scope=\"col\" class=\"nowrap\">");
		h_text(&p.b, T(r, M_COL_RECEIVED_ON));
		H(&p.b, "</th><th scope=\"col\">");
		h_text(&p.b, T(r, M_UNIT));
		H(&p.b, "</th><th scope=\"col\">");
		h_text(&p.b, T(r, M_COL_STATUS));
		H(&p.b, "</th><th scope=\"col\">");
		h_text(&p.b, T(r, M_COL_MATTER));
		H(&p.b, "</th><th scope=\"col\">");
		h_text(&p.b, T(r, M_COL_RATING));
		H(&p.b, "</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			H(&p.b, "<tr><td class=\"nowrap\">");
			day_of(&p.b, ops[i].received_at);
			H(&p.b, "</td><td>");
			unit_name(r, &p.b, ops[i].unit_id);
			H(&p.b, "</td><td><span class=\"badge os-");
			h_attr(&p.b, code_str(&T_OPINION_STATUS, ops[i].status));
			H(&p.b, "\">");
			h_text(&p.b, code_text(r, &T_OPINION_STATUS, ops[i].status));
			H(&p.b, "</span></td><td class=\"matter\">");
			item_title(r, &p.b, ops[i].item_id);
			H(&p.b, "</td><td>");
			rating(&p, ops[i].rating);
			H(&p.b, "</td></tr>");
		}
		H(&p.b, "</tbody></table></div>");
	}
	struct buf q = BUF_INIT;
	rates_query(&q, v.self.unit.id, from, to);
	buf_puts(&q, "&part=");
	buf_puts(&q, part);
	pager(&p, "/board/records", buf_str(&q), offset, BOARD_PAGE, more);
	buf_free(&q);
	opinions_free(ops, n);
	rates_view_free(&v);
	return page_end(&p, 200);
}
