/* measures_list.c: GET /measures - the rectification list (整改清单): the
 * measures of the items of a unit's subtree, earliest deadline first, with
 * filters for status, finished (unfinished ones unless asked otherwise) and
 * overdue, and previous/next paging. */
#include "web.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists.h"

#define EVIDENCE_SHOWN 60 /* characters of the evidence shown in the list */

/* The items of the listed measures, each loaded once. */
struct item_refs {
	struct item *v;
	int n;
};

static const struct item *item_of(struct req *r, struct item_refs *c, int64_t id)
{
	for (int i = 0; i < c->n; i++)
		if (c->v[i].id == id)
			return c->v[i].ext_id ? &c->v[i] : NULL;
	c->v = xrealloc(c->v, sizeof *c->v * (size_t)(c->n + 1));
	struct item *it = &c->v[c->n++];
	char ref[24];
	struct qd_error e = {0};
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	if (app_item_get(r->app, &r->actor, ref, it, &e) != QD_OK) {
		item_init(it);
		it->id = id;
		return NULL;
	}
	return it;
}

static void item_refs_free(struct item_refs *c)
{
	for (int i = 0; i < c->n; i++)
		item_clear(&c->v[i]);
	free(c->v);
}

/* At most max characters of s, with "…" when cut. */
static void h_text_cut(struct buf *b, const char *s, int max)
{
	const char *p = s;
	int n = 0;
	while (*p && n < max) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		n++;
	}
	if (!*p) {
		h_text(b, s);
		return;
	}
	char *cut = xstrndup(s, (size_t)(p - s));
	h_text(b, cut);
	free(cut);
	H(b, "…");
}

static void measure_badge(struct page *p, int status, bool overdue)
{
	H(&p->b, "<span class=\"badge ms-");
	h_attr(&p->b, code_str(&T_MEASURE_STATUS, status));
	H(&p->b, "\">");
	h_text(&p->b, code_text(p->r, &T_MEASURE_STATUS, status));
	H(&p->b, "</span>");
	if (overdue) {
		H(&p->b, " <span class=\"badge overdue\">");
		h_text(&p->b, T(p->r, M_OVERDUE));
		H(&p->b, "</span>");
	}
}

static void measures_table(struct page *p, const struct measure_array *ms)
{
	struct req *r = p->r;
	int today = day_today();
	struct list_names *names = list_names_new();
	struct item_refs items = {0};
	H(&p->b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">");
	h_text(&p->b, T(r, M_MEAS_COL_TEXT));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_MEAS_COL_ITEM));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_MEAS_COL_PERSON));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_MEAS_COL_DUE));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_MEAS_COL_STATUS));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_MEAS_COL_EVIDENCE));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < ms->n; i++) {
		const struct measure *m = &ms->v[i];
		bool open = m->status == MS_OPEN || m->status == MS_IN_PROGRESS;
		bool late = open && m->due_on != DAY_NONE && m->due_on < today;
		const struct item *it = item_of(r, &items, m->item_id);
		H(&p->b, "<tr><td>");
		h_text(&p->b, m->text);
		if (it) {
			/* On a phone the item column is hidden: its link goes here. */
			H(&p->b, "<div class=\"meta show-sm\"><a href=\"/items/");
			h_url_arg(&p->b, it->ext_id);
			H(&p->b, "\">");
			h_text(&p->b, it->ext_id);
			H(&p->b, "</a></div>");
		}
		H(&p->b, "</td><td class=\"hide-sm\">");
		if (it) {
			item_link(p, it);
			H(&p->b, "<div class=\"meta muted\">");
			h_text(&p->b, it->ext_id);
			H(&p->b, "</div>");
		}
		H(&p->b, "</td><td class=\"hide-sm\">");
		const char *who = list_person_name(r, names, m->responsible_id);
		if (who) {
			h_text(&p->b, who);
		} else {
			H(&p->b, "<span class=\"muted\">");
			h_text(&p->b, T(r, M_LIST_UNASSIGNED));
			H(&p->b, "</span>");
		}
		H(&p->b, "</td><td class=\"nowrap");
		if (late)
			H(&p->b, " late");
		H(&p->b, "\">");
		h_day(&p->b, m->due_on);
		if (m->status == MS_DONE && m->done_on != DAY_NONE) {
			H(&p->b, "<div class=\"meta muted\">");
			h_text(&p->b, T(r, M_MEAS_DONE_ON));
			h_day(&p->b, m->done_on);
			H(&p->b, "</div>");
		}
		H(&p->b, "</td><td>");
		measure_badge(p, m->status, late);
		H(&p->b, "</td><td class=\"hide-sm\">");
		if (m->evidence && *m->evidence)
			h_text_cut(&p->b, m->evidence, EVIDENCE_SHOWN);
		else
			H(&p->b, "<span class=\"muted\">—</span>");
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div>");
	item_refs_free(&items);
	list_names_free(names);
}

bool measures_q_parse(struct req *r, struct measures_q *x, struct in_field *extra,
		      const enum msg_id *extra_labels, enum MHD_Result *res)
{
	*x = (struct measures_q){.status = -1};
	bool open = false, overdue = false;
	struct in_field in[] = {
		{"unit", IN_INT, false, true, NULL, &x->unit, false, false},
		{"status", IN_CODE, false, true, &T_MEASURE_STATUS, &x->status, false, false},
		{"open", IN_BOOL, false, true, NULL, &open, false, false},
		{"overdue", IN_BOOL, false, true, NULL, &overdue, false, false},
		{"responsible", IN_INT, false, true, NULL, &x->responsible, false, false},
		{"offset", IN_INT, false, true, NULL, &x->offset, false, false},
		IN_END,
	};
	static const enum msg_id labels[] = {M_LIST_F_UNIT, M_MEAS_F_STATUS, M_MEAS_F_OPEN,
					     M_LIST_F_OVERDUE, M_LIST_F_RESPONSIBLE,
					     M_LIST_F_OFFSET};
	if (!list_query(r, in, labels, extra, extra_labels, res))
		return false;
	if (x->offset > LIST_OFFSET_MAX) {
		*res = list_bad_param(r, "offset", M_LIST_F_OFFSET, M_LIST_ERR_OFFSET);
		return false;
	}
	/* Unfinished measures unless the query says otherwise: open= (empty,
	 * "any" in the form) lists all of them. */
	x->open = in[2].present ? list_tri(&in[2], open) : 1;
	x->overdue = list_tri(&in[3], overdue);
	return true;
}

void measures_query(const struct measures_q *x, int64_t unit, struct buf *q)
{
	list_qint(q, "unit", unit);
	if (x->status >= 0)
		list_qarg(q, "status", code_str(&T_MEASURE_STATUS, x->status));
	if (x->open >= 0)
		list_qarg(q, "open", x->open ? "true" : "false");
	else
		buf_puts(q, "&open=");
	if (x->overdue >= 0)
		list_qarg(q, "overdue", x->overdue ? "true" : "false");
	if (x->responsible)
		list_qint(q, "responsible", x->responsible);
}

enum MHD_Result web_measures(struct req *r)
{
	struct measures_q x;
	enum MHD_Result res;
	if (!measures_q_parse(r, &x, NULL, NULL, &res))
		return res;
	struct qd_error e = {0};
	struct unit u = {0};
	if (!list_scope(r, x.unit, &u, &e))
		return reply_error(r, &e);
	struct measure_filter f = {.status = x.status, .open_only = x.open == 1,
				   .closed_only = x.open == 0, .overdue = x.overdue == 1,
				   .not_overdue = x.overdue == 0, .responsible_id = x.responsible,
				   .limit = LIST_PAGE, .offset = (int)x.offset};
	struct measure_array ms = {0};
	bool more = false;
	if (app_measure_list(r->app, &r->actor, u.id, &f, &ms, &more, &e) != QD_OK) {
		measure_array_free(&ms);
		unit_clear(&u);
		return reply_error(r, &e);
	}

	struct page p = {0};
	page_begin(&p, r, T(r, M_MEAS_TITLE), "measures");
	H(&p.b, "<h1>");
	h_text(&p.b, u.name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_MEAS_TITLE));
	H(&p.b, "</h1>");
	list_form_begin(&p, "/measures");
	list_unit_field(&p, &u);
	field_code(&p, "status", T(r, M_MEAS_F_STATUS), &T_MEASURE_STATUS,
		   x.status >= 0 ? code_str(&T_MEASURE_STATUS, x.status) : NULL, T(r, M_LIST_ANY),
		   NULL);
	list_tristate(&p, "open", M_MEAS_F_OPEN, x.open, M_MEAS_OPEN_YES, M_MEAS_OPEN_NO);
	list_tristate(&p, "overdue", M_LIST_F_OVERDUE, x.overdue, M_LIST_OVERDUE_YES,
		      M_LIST_OVERDUE_NO);
	if (x.responsible) {
		H(&p.b, "<input type=\"hidden\" name=\"responsible\" value=\"");
		h_int(&p.b, x.responsible);
		H(&p.b, "\">");
	}
	list_form_end(&p, "/measures", u.id);

	struct buf query = BUF_INIT;
	measures_query(&x, u.id, &query);
	list_file_links(&p, "/measures", buf_str(&query), 0);
	list_range(&p, "/measures", buf_str(&query), x.offset, ms.n, more);
	if (ms.n)
		measures_table(&p, &ms);
	if (ms.n)
		pager(&p, "/measures", buf_str(&query), x.offset, LIST_PAGE, more);
	buf_free(&query);
	measure_array_free(&ms);
	unit_clear(&u);
	return page_end(&p, 200);
}
