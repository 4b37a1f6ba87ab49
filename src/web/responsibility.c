/* responsibility.c: GET /responsibility?unit=ID - the responsibility list
 * (责任清单): the items of the unit's subtree grouped by responsible person
 * and owner unit, with total, open and overdue counts and the next
 * deadline, the most overdue first. Each count links to the problem list
 * filtered to those items. */
#include "web.h"
#include "../util/date.h"
#include <string.h>

#include "lists.h"

#define RESP_ROWS 500

/* A count that links to the problem list of the row (or a plain 0). */
static void count_link(struct page *p, const struct resp_row *x, int64_t n, const char *extra)
{
	if (n == 0 || !x->person_id) {
		h_int(&p->b, n);
		return;
	}
	H(&p->b, "<a href=\"/items?unit=");
	h_int(&p->b, x->unit_id);
	H(&p->b, "&amp;responsible=");
	h_int(&p->b, x->person_id);
	h_attr(&p->b, extra);
	H(&p->b, "\">");
	h_int(&p->b, n);
	H(&p->b, "</a>");
}

static void resp_table(struct page *p, const struct resp_row_array *rows)
{
	struct req *r = p->r;
	int today = day_today();
	H(&p->b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">");
	h_text(&p->b, T(r, M_RESP_COL_PERSON));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_RESP_COL_UNIT));
	H(&p->b, "</th><th scope=\"col\" class=\"num hide-sm\">");
	h_text(&p->b, T(r, M_RESP_COL_TOTAL));
	H(&p->b, "</th><th scope=\"col\" class=\"num\">");
	h_text(&p->b, T(r, M_RESP_COL_OPEN));
	H(&p->b, "</th><th scope=\"col\" class=\"num\">");
	h_text(&p->b, T(r, M_RESP_COL_OVERDUE));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_RESP_COL_NEXT));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < rows->n; i++) {
		const struct resp_row *x = &rows->v[i];
		H(&p->b, "<tr><th scope=\"row\">");
		if (x->person_id) {
			H(&p->b, "<a href=\"/items?unit=");
			h_int(&p->b, x->unit_id);
			H(&p->b, "&amp;responsible=");
			h_int(&p->b, x->person_id);
			H(&p->b, "&amp;open=true\">");
			h_text(&p->b, x->person_name ? x->person_name : "");
			H(&p->b, "</a>");
		} else {
			/* The problem list cannot select "no responsible person". */
			H(&p->b, "<span class=\"muted\">");
			h_text(&p->b, T(r, M_LIST_UNASSIGNED));
			H(&p->b, "</span>");
		}
		H(&p->b, "</th><td><a href=\"/items?unit=");
		h_int(&p->b, x->unit_id);
		H(&p->b, "&amp;open=true\">");
		h_text(&p->b, x->unit_name ? x->unit_name : "");
		H(&p->b, "</a></td><td class=\"num hide-sm\">");
		count_link(p, x, x->total, "");
		H(&p->b, "</td><td class=\"num\">");
		count_link(p, x, x->open, "&open=true");
		H(&p->b, "</td><td class=\"num");
		if (x->overdue)
			H(&p->b, " late");
		H(&p->b, "\">");
		count_link(p, x, x->overdue, "&overdue=true");
		H(&p->b, "</td><td class=\"nowrap");
		if (x->next_due != DAY_NONE && x->next_due < today)
			H(&p->b, " late");
		H(&p->b, "\">");
		h_day(&p->b, x->next_due);
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div>");
}

bool resp_q_parse(struct req *r, int64_t *unit, struct in_field *extra,
		  const enum msg_id *extra_labels, enum MHD_Result *res)
{
	*unit = 0;
	struct in_field in[] = {
		{"unit", IN_INT, false, true, NULL, unit, false, false},
		IN_END,
	};
	static const enum msg_id labels[] = {M_LIST_F_UNIT};
	return list_query(r, in, labels, extra, extra_labels, res);
}

enum MHD_Result web_responsibility(struct req *r)
{
	int64_t unit;
	enum MHD_Result res;
	if (!resp_q_parse(r, &unit, NULL, NULL, &res))
		return res;
	struct qd_error e = {0};
	struct unit u = {0};
	if (!list_scope(r, unit, &u, &e))
		return reply_error(r, &e);
	struct resp_row_array rows = {0};
	if (app_responsibility(r->app, &r->actor, u.id, RESP_ROWS, &rows, &e) != QD_OK) {
		resp_row_array_free(&rows);
		unit_clear(&u);
		return reply_error(r, &e);
	}
	struct page p = {0};
	page_begin(&p, r, T(r, M_RESP_TITLE), "resp");
	H(&p.b, "<h1>");
	h_text(&p.b, u.name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_RESP_TITLE));
	H(&p.b, "</h1>");
	list_form_begin(&p, "/responsibility");
	list_unit_field(&p, &u);
	list_form_end(&p, "/responsibility", 0);
	H(&p.b, "<p class=\"muted\">");
	h_text(&p.b, T(r, M_RESP_INTRO));
	H(&p.b, "</p>");
	struct buf query = BUF_INIT;
	list_qint(&query, "unit", u.id);
	list_file_links(&p, "/responsibility", buf_str(&query), 0);
	list_range(&p, "/responsibility", buf_str(&query), 0, rows.n, false);
	buf_free(&query);
	if (rows.n)
		resp_table(&p, &rows);
	if (rows.n >= RESP_ROWS) {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_RESP_TRUNCATED));
		H(&p.b, "</p>");
	}
	resp_row_array_free(&rows);
	unit_clear(&u);
	return page_end(&p, 200);
}
