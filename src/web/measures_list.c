/* measures_list.c: GET /measures - the rectification list (整改清单): the
 * measures of the items of a unit's subtree, earliest deadline first, with
 * filters for status, finished (unfinished ones unless asked otherwise) and
 * overdue, and previous/next paging. The kind, inspection level and found
 * days of their items (kind=, level=, found_from=, found_to=: the report's
 * links) are kept as chips. */
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
	*x = (struct measures_q){.status = -1, .kind = -1, .level = -1, .found_from = DAY_NONE,
				 .found_to = DAY_NONE};
	bool open = false, overdue = false;
	struct in_field in[] = {
		{"unit", IN_INT, false, true, NULL, &x->unit, false, false},
		{"status", IN_CODE, false, true, &T_MEASURE_STATUS, &x->status, false, false},
		{"open", IN_BOOL, false, true, NULL, &open, false, false},
		{"overdue", IN_BOOL, false, true, NULL, &overdue, false, false},
		{"responsible", IN_INT, false, true, NULL, &x->responsible, false, false},
		{"offset", IN_INT, false, true, NULL, &x->offset, false, false},
		{"kind", IN_CODE, false, true, &T_ITEM_KIND, &x->kind, false, false},
		{"level", IN_CODE, false, true, &T_LEVEL, &x->level, false, false},
		{"found_from", IN_DAY, false, true, NULL, &x->found_from, false, false},
		{"found_to", IN_DAY, false, true, NULL, &x->found_to, false, false},
		IN_END,
	};
	static const enum msg_id labels[] = {M_LIST_F_UNIT, M_MEAS_F_STATUS, M_MEAS_F_OPEN,
					     M_LIST_F_OVERDUE, M_LIST_F_RESPONSIBLE,
					     M_LIST_F_OFFSET, M_LIST_F_KIND, M_LIST_F_LEVEL,
					     M_LIST_F_FOUND_FROM, M_LIST_F_FOUND_TO};
	if (!list_query(r, in, labels, extra, extra_labels, res))
		return false;
	if (x->offset > LIST_OFFSET_MAX) {
		*res = list_bad_param(r, "offset", M_LIST_F_OFFSET, M_LIST_ERR_OFFSET);
		return false;
	}
	if (x->found_from != DAY_NONE && x->found_to != DAY_NONE && x->found_to < x->found_from) {
		*res = list_bad_param(r, "found_to", M_LIST_F_FOUND_TO, M_LIST_ERR_RANGE);
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
	if (x->kind >= 0)
		list_qarg(q, "kind", code_str(&T_ITEM_KIND, x->kind));
	if (x->level >= 0)
		list_qarg(q, "level", code_str(&T_LEVEL, x->level));
	list_qday(q, "found_from", x->found_from);
	list_qday(q, "found_to", x->found_to);
}

void measures_q_filter(const struct measures_q *x, struct measure_filter *f)
{
	f->status = x->status;
	f->open_only = x->open == 1;
	f->closed_only = x->open == 0;
	f->overdue = x->overdue == 1;
	f->not_overdue = x->overdue == 0;
	f->responsible_id = x->responsible;
	f->item_kind = x->kind >= 0 ? code_str(&T_ITEM_KIND, x->kind) : NULL;
	f->item_level = x->level >= 0 ? code_str(&T_LEVEL, x->level) : NULL;
	f->by_found = x->found_from != DAY_NONE || x->found_to != DAY_NONE;
	f->found_from = x->found_from;
	f->found_to = x->found_to;
}

/* The item filters of the query (kind, level, found), shown as chips with
 * a way to drop them all; they come from the report's links. */
static void item_chips(struct page *p, const struct measures_q *x, int64_t unit)
{
	struct req *r = p->r;
	if (x->kind < 0 && x->level < 0 && x->found_from == DAY_NONE && x->found_to == DAY_NONE)
		return;
	const char *colon = T(r, M_LIST_COLON);
	char t[DAY_TEXT_LEN];
	H(&p->b, "<p class=\"chips\">");
	if (x->kind >= 0) {
		H(&p->b, "<span class=\"chip\">");
		h_text(&p->b, T(r, M_LIST_F_KIND));
		h_text(&p->b, colon);
		h_text(&p->b, code_text(r, &T_ITEM_KIND, x->kind));
		H(&p->b, "</span> ");
	}
	if (x->level >= 0) {
		H(&p->b, "<span class=\"chip\">");
		h_text(&p->b, T(r, M_LIST_F_LEVEL));
		h_text(&p->b, colon);
		h_text(&p->b, code_text(r, &T_LEVEL, x->level));
		H(&p->b, "</span> ");
	}
	if (x->found_from != DAY_NONE) {
		day_format(x->found_from, t);
		H(&p->b, "<span class=\"chip\">");
		h_text(&p->b, T(r, M_LIST_F_FOUND_FROM));
		h_text(&p->b, colon);
		h_text(&p->b, t);
		H(&p->b, "</span> ");
	}
	if (x->found_to != DAY_NONE) {
		day_format(x->found_to, t);
		H(&p->b, "<span class=\"chip\">");
		h_text(&p->b, T(r, M_LIST_F_FOUND_TO));
		h_text(&p->b, colon);
		h_text(&p->b, t);
		H(&p->b, "</span> ");
	}
	struct measures_q rest = *x;
	rest.kind = rest.level = -1;
	rest.found_from = rest.found_to = DAY_NONE;
	struct buf q = BUF_INIT;
	measures_query(&rest, unit, &q);
	H(&p->b, "<a href=\"/measures?");
	h_attr(&p->b, buf_str(&q));
	H(&p->b, "\">");
	h_text(&p->b, T(r, M_LIST_REMOVE));
	H(&p->b, "</a></p>");
	buf_free(&q);
}

/* The item filters as hidden fields of the filter form. */
static void item_hidden(struct page *p, const struct measures_q *x)
{
	char t[DAY_TEXT_LEN];
	const struct {
		const char *name, *value;
	} v[] = {{"kind", x->kind >= 0 ? code_str(&T_ITEM_KIND, x->kind) : NULL},
		 {"level", x->level >= 0 ? code_str(&T_LEVEL, x->level) : NULL}};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		if (!v[i].value)
			continue;
		H(&p->b, "<input type=\"hidden\" name=\"");
		h_attr(&p->b, v[i].name);
		H(&p->b, "\" value=\"");
		h_attr(&p->b, v[i].value);
		H(&p->b, "\">");
	}
	if (x->found_from != DAY_NONE) {
		day_format(x->found_from, t);
		H(&p->b, "<input type=\"hidden\" name=\"found_from\" value=\"");
		h_attr(&p->b, t);
		H(&p->b, "\">");
	}
	if (x->found_to != DAY_NONE) {
		day_format(x->found_to, t);
		H(&p->b, "<input type=\"hidden\" name=\"found_to\" value=\"");
		h_attr(&p->b, t);
		H(&p->b, "\">");
	}
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
	struct measure_filter f = {.limit = LIST_PAGE, .offset = (int)x.offset};
	measures_q_filter(&x, &f);
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
	item_hidden(&p, &x);
	list_form_end(&p, "/measures", u.id);
	item_chips(&p, &x, u.id);

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
