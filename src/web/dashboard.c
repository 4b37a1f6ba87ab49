/* dashboard.c: GET /?unit=ID - 挂图作战: the figures of the actor's scope (or
 * of the unit drilled into), a progress bar per child unit, items due this
 * week, overdue items and items claimed by leaders. Every figure comes from
 * the counters; every bar links to the unit's own dashboard. */
#include "web.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

struct figures {
	int64_t found, open, progress, review, closed, solved, overdue;
	double ontime;
};

static bool unit_figures(struct req *r, int64_t unit, struct figures *f)
{
	static const char *const metrics[] = {"items", "status.open", "status.in_progress",
					      "status.review", "status.closed",
					      "closure.resolved", "closed.ontime", "closed.late"};
	int64_t v[sizeof metrics / sizeof metrics[0]] = {0};
	struct qd_error e = {0};
	bool ok = app_stats_pick(r->app, &r->actor, unit, metrics, 8, v, &f->overdue, &e) ==
		  QD_OK;
	f->found = v[0];
	f->open = v[1];
	f->progress = v[2];
	f->review = v[3];
	f->closed = v[4];
	f->solved = v[5];
	/* as stat_ontime_rate: closed on time among closed with a due day */
	f->ontime = v[6] + v[7] ? 100.0 * (double)v[6] / (double)(v[6] + v[7]) : -1;
	return ok;
}

static void card(struct page *p, enum msg_id label, int64_t n, const char *href)
{
	H(&p->b, "<div class=\"card\"><div class=\"n\">");
	if (href) {
		H(&p->b, "<a href=\"");
		h_attr(&p->b, href);
		H(&p->b, "\">");
	}
	h_int(&p->b, n);
	if (href)
		H(&p->b, "</a>");
	H(&p->b, "</div><div class=\"l\">");
	h_text(&p->b, T(p->r, label));
	H(&p->b, "</div></div>");
}

static void cards(struct page *p, int64_t unit, const struct figures *f)
{
	struct buf href = BUF_INIT;
	H(&p->b, "<section class=\"cards\" aria-label=\"figures\">");
	buf_printf(&href, "/items?unit=%lld", (long long)unit);
	card(p, M_DASH_FOUND, f->found, buf_str(&href));
	buf_reset(&href);
	buf_printf(&href, "/items?unit=%lld&status=in_progress", (long long)unit);
	card(p, M_DASH_IN_PROGRESS, f->open + f->progress + f->review, buf_str(&href));
	buf_reset(&href);
	buf_printf(&href, "/items?unit=%lld&status=closed", (long long)unit);
	card(p, M_DASH_SIGNED_OFF, f->closed, buf_str(&href));
	card(p, M_DASH_SOLVED, f->solved, NULL);
	buf_reset(&href);
	buf_printf(&href, "/items?unit=%lld&overdue=true", (long long)unit);
	card(p, M_DASH_OVERDUE, f->overdue, buf_str(&href));
	H(&p->b, "<div class=\"card\"><div class=\"n\">");
	if (f->ontime < 0)
		H(&p->b, "—");
	else
		h_printf(&p->b, "%.1f%%", f->ontime);
	H(&p->b, "</div><div class=\"l\">");
	h_text(&p->b, T(p->r, M_DASH_ONTIME));
	H(&p->b, "</div></div></section>");
	buf_free(&href);
}

/* A horizontal bar drawn as SVG (no inline styles: the CSP forbids them):
 * signed off, in progress (not overdue), overdue. */
static void bar(struct page *p, const struct figures *f)
{
	double total = (double)(f->found ? f->found : 1);
	int64_t active = f->open + f->progress + f->review;
	int64_t progress = active > f->overdue ? active - f->overdue : 0;
	double w1 = 100.0 * (double)f->closed / total, w2 = 100.0 * (double)progress / total,
	       w3 = 100.0 * (double)f->overdue / total;
	H(&p->b, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
		 "role=\"img\" aria-label=\"");
	h_printf(&p->b, "%lld / %lld / %lld", (long long)f->closed, (long long)progress,
		 (long long)f->overdue);
	H(&p->b, "\"><rect width=\"100\" height=\"10\" fill=\"#f6f8fa\"/>");
	h_printf(&p->b, "<rect x=\"0\" width=\"%.2f\" height=\"10\" fill=\"#1a7f37\"/>", w1);
	h_printf(&p->b, "<rect x=\"%.2f\" width=\"%.2f\" height=\"10\" fill=\"#54aeff\"/>", w1, w2);
	h_printf(&p->b, "<rect x=\"%.2f\" width=\"%.2f\" height=\"10\" fill=\"#cf222e\"/>",
		 w1 + w2, w3);
	H(&p->b, "</svg>");
}

static void children(struct page *p, const struct unit *u)
{
	struct unit_array kids = {0};
	struct qd_error e = {0};
	if (app_unit_tree(p->r->app, &p->r->actor, u->id, 1, &kids, &e) != QD_OK || kids.n <= 1) {
		unit_array_free(&kids);
		return;
	}
	H(&p->b, "<h2>");
	h_text(&p->b, T(p->r, M_DASH_UNITS));
	H(&p->b, "</h2><p class=\"muted hide-sm\">");
	h_text(&p->b, T(p->r, M_DASH_LEGEND));
	H(&p->b, "</p><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">");
	h_text(&p->b, T(p->r, M_UNIT));
	H(&p->b, "</th><th scope=\"col\" class=\"nowrap\">");
	h_text(&p->b, T(p->r, M_DASH_FOUND));
	H(&p->b, "</th><th scope=\"col\" class=\"nowrap\">");
	h_text(&p->b, T(p->r, M_DASH_SIGNED_OFF));
	H(&p->b, "</th><th scope=\"col\" class=\"nowrap\">");
	h_text(&p->b, T(p->r, M_DASH_OVERDUE));
	H(&p->b, "</th><th class=\"hide-sm\"></th></tr></thead><tbody>");
	for (int i = 0; i < kids.n; i++) {
		const struct unit *k = &kids.v[i];
		if (k->id == u->id || !k->active)
			continue;
		struct figures f = {0};
		unit_figures(p->r, k->id, &f);
		H(&p->b, "<tr><td><a href=\"/?unit=");
		h_int(&p->b, k->id);
		H(&p->b, "\">");
		h_text(&p->b, k->name);
		H(&p->b, "</a> <span class=\"muted nowrap\">");
		h_text(&p->b, code_text(p->r, &T_UNIT_KIND, k->kind));
		H(&p->b, "</span></td><td>");
		h_int(&p->b, f.found);
		H(&p->b, "</td><td>");
		h_int(&p->b, f.closed);
		H(&p->b, "</td><td>");
		h_int(&p->b, f.overdue);
		H(&p->b, "</td><td class=\"hide-sm\">");
		bar(p, &f);
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div>");
	unit_array_free(&kids);
}

static const char *person_name(struct req *r, int64_t id, struct person *tmp)
{
	person_clear(tmp);
	if (id > 0 && r->app->st->ops->person_get(r->app->st, id, tmp) == QD_OK)
		return tmp->name;
	return "";
}

static void item_table(struct page *p, int64_t unit, struct item_filter *f, enum msg_id title,
		       bool show_claimant)
{
	struct item_array items = {0};
	bool more = false;
	struct qd_error e = {0};
	H(&p->b, "<h2>");
	h_text(&p->b, T(p->r, title));
	H(&p->b, "</h2>");
	if (app_item_list(p->r->app, &p->r->actor, unit, f, &items, &more, &e) != QD_OK ||
	    items.n == 0) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(p->r, M_EMPTY_LIST));
		H(&p->b, "</p>");
		item_array_free(&items);
		return;
	}
	H(&p->b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">");
	h_text(&p->b, T(p->r, M_COL_TITLE));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(p->r, M_COL_UNIT));
	H(&p->b, "</th><th scope=\"col\" class=\"nowrap\">");
	h_text(&p->b, T(p->r, show_claimant ? M_COL_CLAIMANT : M_COL_DUE));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(p->r, M_COL_STATUS));
	H(&p->b, "</th></tr></thead><tbody>");
	struct person tmp = {0};
	struct unit owner = {0};
	int today = day_today();
	for (int i = 0; i < items.n; i++) {
		const struct item *it = &items.v[i];
		H(&p->b, "<tr><td>");
		item_link(p, it);
		H(&p->b, "</td><td class=\"hide-sm\">");
		unit_clear(&owner);
		if (p->r->app->st->ops->unit_get(p->r->app->st, it->unit_id, &owner) == QD_OK)
			h_text(&p->b, owner.name);
		H(&p->b, "</td><td class=\"nowrap\">");
		if (show_claimant)
			h_text(&p->b, person_name(p->r, it->claimant_id, &tmp));
		else
			h_day(&p->b, it->due_on);
		H(&p->b, "</td><td>");
		status_badge(p, it->status, item_is_overdue(it, today));
		H(&p->b, "</td></tr>");
	}
	person_clear(&tmp);
	unit_clear(&owner);
	H(&p->b, "</tbody></table></div>");
	item_array_free(&items);
}

enum MHD_Result web_dashboard(struct req *r)
{
	struct qd_error e = {0};
	const char *arg = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "unit");
	int64_t unit_id = arg ? strtoll(arg, NULL, 10) : 0;
	if (!unit_id) {
		struct unit_array roots = {0};
		if (app_unit_roots(r->app, &r->actor, &roots, &e) == QD_OK && roots.n)
			unit_id = roots.v[0].id;
		unit_array_free(&roots);
	}
	struct unit u = {0};
	if (app_unit_get(r->app, &r->actor, unit_id, &u, &e) != QD_OK)
		return reply_error(r, &e);
	struct page p = {0};
	page_begin(&p, r, T(r, M_DASH_TITLE), "dashboard");
	H(&p.b, "<h1>");
	h_text(&p.b, u.name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_DASH_TITLE));
	H(&p.b, "</h1>");
	if (u.parent_id) {
		struct unit parent = {0};
		if (app_unit_get(r->app, &r->actor, u.parent_id, &parent, &e) == QD_OK) {
			H(&p.b, "<p><a href=\"/?unit=");
			h_int(&p.b, parent.id);
			H(&p.b, "\">↑ ");
			h_text(&p.b, T(r, M_DASH_UP));
			H(&p.b, ": ");
			h_text(&p.b, parent.name);
			H(&p.b, "</a></p>");
		}
		unit_clear(&parent);
	}
	struct figures f = {0};
	unit_figures(r, u.id, &f);
	cards(&p, u.id, &f);
	children(&p, &u);
	int today = day_today();
	struct item_filter week = {.kind = -1, .status = -1, .mode = -1, .level = -1, .source = -1,
				   .open_only = true, .due_from = today, .due_to = today + 6,
				   .sort = SORT_DUE, .limit = 10};
	item_table(&p, u.id, &week, M_DASH_DUE_WEEK, false);
	struct item_filter late = {.kind = -1, .status = -1, .mode = -1, .level = -1, .source = -1,
				   .overdue = true, .due_from = DAY_NONE, .due_to = DAY_NONE,
				   .sort = SORT_DUE, .limit = 10};
	item_table(&p, u.id, &late, M_DASH_OVERDUE_LIST, false);
	struct item_filter claimed = {.kind = -1, .status = -1, .mode = -1, .level = -1,
				      .source = -1, .claimed_only = true, .due_from = DAY_NONE,
				      .due_to = DAY_NONE, .sort = SORT_UPDATED, .limit = 10};
	item_table(&p, u.id, &claimed, M_DASH_CLAIMED, true);
	unit_clear(&u);
	return page_end(&p, 200);
}
