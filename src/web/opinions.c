/* opinions.c: the staff pages of opinions from the public.
 *
 *   GET  /opinions?unit=&status=&channel=&rating=&from=&to=&offset=
 *                                          the opinions of a unit's subtree
 *                                          (received ones by default; from, to:
 *                                          days received), 20 a page
 *   GET  /opinions/:id                     one opinion and its triage forms
 *   POST /opinions/:id/triage              action=accept|link|reject|reply
 *
 * The submitter's name and contact are shown only when app_opinion_get kept
 * them (handling roles of the unit). A failed triage shows the page again
 * with the problem in the form that was sent, its input kept; nothing
 * changed. There is no app_opinion_list yet: the list reads the store's
 * opinion_list after checking PA_READ on the unit itself. */
#include "web.h"
#include "admin.h"
#include "item_page.h"
#include "lists.h"
#include "../domain/perm.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OP_PAGE 20
#define OP_SNIPPET 40      /* characters of the text in the list */
#define OP_TITLE_CHARS 30  /* characters of the text offered as an item title */

/* The first n characters of s (UTF-8), with "…" when cut; newlines as spaces. */
static char *prefix_chars(const char *s, size_t n, bool ellipsis)
{
	struct buf b = BUF_INIT;
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	for (; *p && k < n; k++) {
		size_t len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			buf_putc(&b, ' ');
			p++;
			continue;
		}
		for (size_t i = 0; i < len && *p; i++)
			buf_putc(&b, (char)*p++);
	}
	if (*p && ellipsis)
		buf_puts(&b, "…");
	return buf_steal(&b);
}

static void put_day_of(struct buf *b, int64_t t)
{
	if (t <= 0)
		H(b, "—");
	else
		h_day(b, day_of_time(t));
}

/* What the submitter's platform was told, and what Open311 clients pushed. */
static void put_updates(struct page *p, struct req *r, const struct opinion *o)
{
	struct opinion_update *u = NULL;
	int n = 0;
	struct qd_error e = {0};
	if (app_opinion_updates(r->app, &r->actor, o, &u, &n, &e) != QD_OK || n == 0) {
		opinion_updates_free(u, n);
		return;
	}
	H(&p->b, "<h2>");
	h_text(&p->b, T(r, M_OP_UPDATES));
	H(&p->b, "</h2><ol class=\"timeline\" id=\"op-updates\">");
	for (int i = 0; i < n; i++) {
		H(&p->b, "<li>");
		put_day_of(&p->b, u[i].at);
		H(&p->b, " <code>");
		h_text(&p->b, u[i].status);
		H(&p->b, "</code> ");
		if (u[i].client_id)
			h_text(&p->b, T(r, M_OP_FROM_CLIENT));
		h_text(&p->b, u[i].description ? u[i].description : "");
		H(&p->b, "</li>");
	}
	H(&p->b, "</ol>");
	opinion_updates_free(u, n);
}

static void op_badge(struct page *p, int status)
{
	H(&p->b, "<span class=\"badge os-");
	h_attr(&p->b, code_str(&T_OPINION_STATUS, status));
	H(&p->b, "\">");
	h_text(&p->b, code_text(p->r, &T_OPINION_STATUS, status));
	H(&p->b, "</span>");
}

static void put_unit_name(struct page *p, int64_t id)
{
	struct unit u = {0};
	struct qd_error e = {0};
	if (app_unit_get(p->r->app, &p->r->actor, id, &u, &e) == QD_OK)
		h_text(&p->b, u.name);
	else
		H(&p->b, "—");
	unit_clear(&u);
}

/* A link to the item with this id (when the actor may read it). */
static void put_item(struct page *p, int64_t id)
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
	if (app_item_get(p->r->app, &p->r->actor, ref, &it, &e) == QD_OK) {
		item_link(p, &it);
		H(&p->b, " ");
		status_badge(p, it.status, false);
	} else {
		h_text(&p->b, ref);
	}
	item_clear(&it);
}

/* --- the list ------------------------------------------------------------ */

bool opinions_q_parse(struct req *r, struct opinions_q *x, enum MHD_Result *res)
{
	*x = (struct opinions_q){.unit = admin_query_id(r, "unit"),
				 .offset = admin_query_id(r, "offset"),
				 .status = OS_RECEIVED, /* received first: the default view */
				 .channel = -1, .rating = -1, .from = DAY_NONE, .to = DAY_NONE};
	if (x->offset < 0)
		x->offset = 0;
	const char *st = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "status");
	x->status_given = st && *st;
	if (st && strcmp(st, "all") == 0)
		x->status = -1;
	else if (st && *st && (x->status = code_parse(&T_OPINION_STATUS, st)) < 0) {
		*res = reply_fail(r, QD_BAD_PARAM, "status", "not one of the choices");
		return false;
	}
	/* channel, rating and the days received (the report's links) */
	const struct {
		const char *name;
		const struct code_table *t;
		int *out;
	} codes[] = {{"channel", &T_CHANNEL, &x->channel}, {"rating", &T_RATING, &x->rating}};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
							    codes[i].name);
		if (v && *v && (*codes[i].out = code_parse(codes[i].t, v)) < 0) {
			*res = reply_fail(r, QD_BAD_PARAM, codes[i].name, "not one of the choices");
			return false;
		}
	}
	const char *days[2] = {"from", "to"};
	int *day_out[2] = {&x->from, &x->to};
	for (int i = 0; i < 2; i++) {
		const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, days[i]);
		if (v && *v && !day_parse(v, day_out[i])) {
			*res = reply_fail(r, QD_BAD_PARAM, days[i], "a date YYYY-MM-DD");
			return false;
		}
	}
	if (x->from != DAY_NONE && x->to != DAY_NONE && x->to < x->from) {
		*res = reply_fail(r, QD_BAD_PARAM, "to", "before from");
		return false;
	}
	return true;
}

void opinions_q_filter(const struct opinions_q *x, struct opinion_query *q)
{
	q->status = x->status;
	q->channel = x->channel;
	if (x->rating >= 0) {
		q->drill = OD_RATING;
		q->drill_arg = x->rating;
	}
	if (x->from != DAY_NONE)
		q->received_from = time_of_day(x->from, 0, 0);
	if (x->to != DAY_NONE)
		q->received_to = time_of_day(x->to + 1, 0, 0);
}

void opinions_query(const struct opinions_q *x, int64_t unit, struct buf *q)
{
	list_qint(q, "unit", unit);
	list_qarg(q, "status", x->status < 0 ? "all" : code_str(&T_OPINION_STATUS, x->status));
	if (x->channel >= 0)
		list_qarg(q, "channel", code_str(&T_CHANNEL, x->channel));
	if (x->rating >= 0)
		list_qarg(q, "rating", code_str(&T_RATING, x->rating));
	list_qday(q, "from", x->from);
	list_qday(q, "to", x->to);
}

enum MHD_Result web_opinions(struct req *r)
{
	struct qd_error e = {0};
	struct opinions_q x;
	enum MHD_Result res;
	if (!opinions_q_parse(r, &x, &res))
		return res;
	int64_t unit = x.unit, offset = x.offset;
	int status = x.status;
	if (unit <= 0) {
		struct unit_array roots = {0};
		if (app_unit_roots(r->app, &r->actor, &roots, &e) == QD_OK && roots.n)
			unit = roots.v[0].id;
		unit_array_free(&roots);
	}
	struct unit u = {0};
	if (unit <= 0 || app_unit_get(r->app, &r->actor, unit, &u, &e) != QD_OK) {
		if (unit <= 0)
			qd_fail(&e, QD_FORBIDDEN, "unit", NULL);
		unit_clear(&u);
		return web_error_page(r, &e);
	}
	struct opinion *v = NULL;
	int n = 0;
	bool has_more = false;
	struct opinion_query q;
	opinion_query_init(&q, u.path);
	opinions_q_filter(&x, &q);
	q.limit = OP_PAGE;
	q.offset = (int)offset;
	if (app_opinion_list(r->app, &r->actor, &q, &v, &n, &has_more, &e) != QD_OK) {
		unit_clear(&u);
		return web_error_page(r, &e);
	}
	struct page p = {0};
	page_begin(&p, r, T(r, M_OP_LIST_TITLE), "opinions");
	H(&p.b, "<h1>");
	h_text(&p.b, T(r, M_OP_LIST_TITLE));
	H(&p.b, " · ");
	h_text(&p.b, u.name);
	H(&p.b, "</h1>");
	if (actor_can(&r->actor, PA_ITEM_CREATE, u.path)) {
		H(&p.b, "<p><a class=\"button\" href=\"/opinions/new\">");
		h_text(&p.b, T(r, M_OPN_NEW));
		H(&p.b, "</a></p>");
	}
	/* filters */
	struct unit_array opts = {0};
	admin_pick_units(r, PA_READ, &opts);
	admin_pick_ensure(r, &opts, unit);
	H(&p.b, "<form method=\"get\" action=\"/opinions\" class=\"filters\">");
	admin_unit_select(&p, "flt", "unit", T(r, M_OP_UNIT), &opts, unit, NULL, NULL);
	admin_select_open(&p, "flt", "status", T(r, M_OP_STATUS), NULL, false);
	H(&p.b, "<option value=\"all\"");
	if (status < 0)
		H(&p.b, " selected");
	H(&p.b, ">");
	h_text(&p.b, T(r, M_ALL));
	H(&p.b, "</option>");
	for (int i = 0; i < OS_COUNT; i++) {
		H(&p.b, "<option value=\"");
		h_attr(&p.b, code_str(&T_OPINION_STATUS, i));
		H(&p.b, "\"");
		if (i == status)
			H(&p.b, " selected");
		H(&p.b, ">");
		h_text(&p.b, code_text(r, &T_OPINION_STATUS, i));
		H(&p.b, "</option>");
	}
	admin_select_close(&p, "flt", "status", NULL);
	admin_code_select(&p, "flt", "channel", T(r, M_OP_CHANNEL), &T_CHANNEL,
			  x.channel >= 0 ? code_str(&T_CHANNEL, x.channel) : NULL, T(r, M_ALL), NULL);
	admin_code_select(&p, "flt", "rating", T(r, M_OP_RATING), &T_RATING,
			  x.rating >= 0 ? code_str(&T_RATING, x.rating) : NULL, T(r, M_ALL), NULL);
	char fd[DAY_TEXT_LEN] = "", td[DAY_TEXT_LEN] = "";
	if (x.from != DAY_NONE)
		day_format(x.from, fd);
	if (x.to != DAY_NONE)
		day_format(x.to, td);
	admin_date_input(&p, "flt", "from", T(r, M_LIST_F_RECEIVED_FROM), fd, NULL, false);
	admin_date_input(&p, "flt", "to", T(r, M_LIST_F_RECEIVED_TO), td, NULL, false);
	H(&p.b, "<div class=\"field\"><button type=\"submit\">");
	h_text(&p.b, T(r, M_FILTER));
	H(&p.b, "</button></div></form>");
	if (!x.status_given) {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_OP_DEFAULT_RECEIVED));
		H(&p.b, "</p>");
	}
	struct buf fq = BUF_INIT;
	opinions_query(&x, unit, &fq);
	list_file_links(&p, "/opinions", buf_str(&fq), 0);
	buf_free(&fq);
	if (n == 0) {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_EMPTY_LIST));
		H(&p.b, "</p>");
	} else {
		H(&p.b, "<div class=\"table-wrap\"><table class=\"list op-list\"><thead><tr><th>");
		h_text(&p.b, T(r, M_OP_RECEIVED));
		H(&p.b, "</th><th>");
		h_text(&p.b, T(r, M_OP_TEXT));
		H(&p.b, "</th><th>");
		h_text(&p.b, T(r, M_OP_UNIT));
		H(&p.b, "</th><th>");
		h_text(&p.b, T(r, M_OP_CHANNEL));
		H(&p.b, "</th><th>");
		h_text(&p.b, T(r, M_OP_STATUS));
		H(&p.b, "</th><th>");
		h_text(&p.b, T(r, M_OP_ITEM));
		H(&p.b, "</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			H(&p.b, "<tr><td class=\"nowrap\">");
			put_day_of(&p.b, v[i].received_at);
			H(&p.b, "</td><td><a href=\"/opinions/");
			h_int(&p.b, v[i].id);
			H(&p.b, "\">");
			char *s = prefix_chars(v[i].text, OP_SNIPPET, true);
			h_text(&p.b, s);
			free(s);
			H(&p.b, "</a></td><td>");
			const char *name = NULL;
			for (int k = 0; k < opts.n && !name; k++)
				if (opts.v[k].id == v[i].unit_id)
					name = opts.v[k].name;
			if (name)
				h_text(&p.b, name);
			else
				put_unit_name(&p, v[i].unit_id);
			H(&p.b, "</td><td class=\"nowrap\">");
			h_text(&p.b, code_text(r, &T_CHANNEL, v[i].channel));
			H(&p.b, "</td><td class=\"nowrap\">");
			op_badge(&p, v[i].status);
			H(&p.b, "</td><td>");
			put_item(&p, v[i].item_id);
			H(&p.b, "</td></tr>");
		}
		H(&p.b, "</tbody></table></div>");
	}
	struct buf pq = BUF_INIT;
	opinions_query(&x, unit, &pq);
	pager(&p, "/opinions", buf_str(&pq), offset, OP_PAGE, has_more);
	buf_free(&pq);
	for (int i = 0; i < n; i++)
		opinion_clear(&v[i]);
	free(v);
	unit_array_free(&opts);
	unit_clear(&u);
	return page_end(&p, 200);
}

/* --- one opinion ---------------------------------------------------------- */

/* The input of the form that was sent, and its problem. */
struct tform {
	const char *action;
	const char *title, *kind, *mode, *due, *item, *reason, *reply;
	char *err;
};

static void dl_row(struct page *p, const char *label)
{
	H(&p->b, "<dt>");
	h_text(&p->b, label);
	H(&p->b, "</dt><dd>");
}

static bool is_action(const struct tform *tf, const char *a)
{
	return tf->action && strcmp(tf->action, a) == 0;
}

static void form_open(struct page *p, int64_t id, const char *action, enum msg_id heading,
		      const struct tform *tf)
{
	char url[64];
	snprintf(url, sizeof url, "/opinions/%lld/triage", (long long)id);
	form_begin(p, url);
	H(&p->b, "<input type=\"hidden\" name=\"action\" value=\"");
	h_attr(&p->b, action);
	H(&p->b, "\"><h3>");
	h_text(&p->b, T(p->r, heading));
	H(&p->b, "</h3>");
	if (is_action(tf, action) && tf->err) {
		H(&p->b, "<p class=\"error\" role=\"alert\">");
		h_text(&p->b, tf->err);
		H(&p->b, "</p>");
	}
}

static void form_close(struct page *p, enum msg_id button)
{
	H(&p->b, "<button type=\"submit\">");
	h_text(&p->b, T(p->r, button));
	H(&p->b, "</button>");
	form_end(p);
}

static void textarea(struct page *p, const char *form, const char *name, const char *label,
		     const char *value, int max, const char *hint)
{
	H(&p->b, "<div class=\"field\"><label for=\"f-");
	h_attr(&p->b, form);
	H(&p->b, "-");
	h_attr(&p->b, name);
	H(&p->b, "\">");
	h_text(&p->b, label);
	H(&p->b, " <span class=\"req\" aria-hidden=\"true\">*</span></label><textarea rows=\"4\" required id=\"f-");
	h_attr(&p->b, form);
	H(&p->b, "-");
	h_attr(&p->b, name);
	H(&p->b, "\" name=\"");
	h_attr(&p->b, name);
	h_printf(&p->b, "\" maxlength=\"%d\">", max);
	h_text(&p->b, value ? value : "");
	H(&p->b, "</textarea>");
	if (hint) {
		H(&p->b, "<p class=\"form-help\">");
		h_text(&p->b, hint);
		H(&p->b, "</p>");
	}
	H(&p->b, "</div>");
}

static enum MHD_Result opinion_page(struct req *r, int64_t id, const struct tform *tf,
				    unsigned status)
{
	struct qd_error e = {0};
	struct opinion o;
	if (app_opinion_get(r->app, &r->actor, id, &o, &e) != QD_OK) {
		opinion_clear(&o);
		return web_error_page(r, &e);
	}
	struct page p = {0};
	page_begin(&p, r, T(r, M_OP_TITLE), "opinions");
	H(&p.b, "<p><a href=\"/opinions\">");
	h_text(&p.b, T(r, M_OP_BACK_LIST));
	H(&p.b, "</a></p><h1>");
	h_text(&p.b, T(r, M_OP_TITLE));
	H(&p.b, " ");
	op_badge(&p, o.status);
	H(&p.b, "</h1>");
	const char *done = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "done");
	if (done && *done && !tf->action) {
		H(&p.b, "<p class=\"ok\" role=\"status\">");
		h_text(&p.b, T(r, M_OP_DONE));
		H(&p.b, "</p>");
	}
	if (tf->err) {
		H(&p.b, "<p class=\"notice\" role=\"alert\">");
		h_text(&p.b, tf->err);
		H(&p.b, " ");
		h_text(&p.b, T(r, M_ADM_NOTHING_SAVED));
		H(&p.b, "</p>");
	}
	H(&p.b, "<dl class=\"op\">");
	dl_row(&p, T(r, M_OP_RECEIVED));
	put_day_of(&p.b, o.received_at);
	H(&p.b, "</dd>");
	dl_row(&p, T(r, M_OP_CHANNEL));
	h_text(&p.b, code_text(r, &T_CHANNEL, o.channel));
	H(&p.b, "</dd>");
	dl_row(&p, T(r, M_OP_UNIT));
	put_unit_name(&p, o.unit_id);
	H(&p.b, "</dd>");
	dl_row(&p, T(r, M_OP_TEXT));
	H(&p.b, "<div class=\"op-text\">");
	h_text(&p.b, o.text);
	H(&p.b, "</div></dd>");
	if (o.address && *o.address) {
		dl_row(&p, T(r, M_OP_ADDRESS));
		h_text(&p.b, o.address);
		H(&p.b, "</dd>");
	}
	dl_row(&p, T(r, M_OP_RESPONSE));
	if (o.responded_at) {
		put_day_of(&p.b, o.responded_at);
		H(&p.b, " <span class=\"muted\">");
		h_int(&p.b, o.response_wdays);
		H(&p.b, " ");
		h_text(&p.b, T(r, M_OP_WORKING_DAYS));
		H(&p.b, "</span>");
	} else {
		h_text(&p.b, T(r, M_OP_NO_RESPONSE));
	}
	H(&p.b, "</dd>");
	if (o.redo > 0) {
		dl_row(&p, T(r, M_OP_REDO));
		h_int(&p.b, o.redo);
		H(&p.b, "</dd>");
	}
	dl_row(&p, T(r, M_OP_SUBMITTER));
	if (actor_can(&r->actor, PA_READ_PERSONAL, o.upath)) {
		if (!o.submitter_name && !o.submitter_contact) {
			h_text(&p.b, T(r, M_OP_ANONYMOUS));
		} else {
			H(&p.b, "<div class=\"personal\"><span id=\"op-name\">");
			h_text(&p.b, T(r, M_OP_NAME));
			H(&p.b, "：");
			h_text(&p.b, o.submitter_name ? o.submitter_name : T(r, M_OP_NOT_GIVEN));
			H(&p.b, "</span><br><span id=\"op-contact\">");
			h_text(&p.b, T(r, M_OP_CONTACT));
			H(&p.b, "：");
			h_text(&p.b, o.submitter_contact ? o.submitter_contact : T(r, M_OP_NOT_GIVEN));
			H(&p.b, "</span><br><small>");
			h_text(&p.b, T(r, M_OP_PERSONAL_NOTE));
			H(&p.b, "</small></div>");
		}
	} else {
		H(&p.b, "<span class=\"muted\">");
		h_text(&p.b, T(r, M_OP_PERSONAL_HIDDEN));
		H(&p.b, "</span>");
	}
	H(&p.b, "</dd>");
	dl_row(&p, T(r, M_OP_ITEM));
	H(&p.b, "<span id=\"op-item\">");
	put_item(&p, o.item_id);
	H(&p.b, "</span></dd>");
	if (o.reject_reason && *o.reject_reason) {
		dl_row(&p, T(r, M_OP_REJECT_REASON));
		H(&p.b, "<div class=\"op-text\">");
		h_text(&p.b, o.reject_reason);
		H(&p.b, "</div></dd>");
	}
	dl_row(&p, T(r, M_OP_REPLY));
	if (o.reply && *o.reply) {
		H(&p.b, "<div class=\"op-text\" id=\"op-reply\">");
		h_text(&p.b, o.reply);
		H(&p.b, "</div> <span class=\"muted\">");
		put_day_of(&p.b, o.replied_at);
		H(&p.b, "</span>");
	} else {
		H(&p.b, "—");
	}
	H(&p.b, "</dd>");
	if (o.resolution && *o.resolution) {
		dl_row(&p, T(r, M_OP_RESOLUTION));
		H(&p.b, "<div class=\"op-text\" id=\"op-resolution\">");
		h_text(&p.b, o.resolution);
		H(&p.b, "</div></dd>");
	}
	if (o.rating >= 0) {
		dl_row(&p, T(r, M_OP_RATING));
		h_text(&p.b, code_text(r, &T_RATING, o.rating));
		if (o.rating_comment && *o.rating_comment) {
			H(&p.b, "<div class=\"op-text\">");
			h_text(&p.b, o.rating_comment);
			H(&p.b, "</div>");
		}
		H(&p.b, "</dd>");
	}
	H(&p.b, "</dl>");
	put_updates(&p, r, &o);
	bool can_work = actor_can(&r->actor, PA_ITEM_WORK, o.upath);
	if (!can_work) {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_OP_CANNOT_WORK));
		H(&p.b, "</p>");
	} else {
		H(&p.b, "<h2>");
		h_text(&p.b, T(r, M_OP_TRIAGE));
		H(&p.b, "</h2><div class=\"triage\">");
		if (o.status == OS_RECEIVED) {
			char *title = is_action(tf, "accept") ? NULL
							      : prefix_chars(o.text, OP_TITLE_CHARS, false);
			form_open(&p, o.id, "accept", M_OP_ACCEPT, tf);
			admin_input(&p, "acc", "title", T(r, M_OP_ACCEPT_TITLE),
				    title ? title : tf->title, NULL, true, false);
			free(title);
			bool mine = is_action(tf, "accept");
			admin_code_select(&p, "acc", "kind", T(r, M_OP_KIND), &T_ITEM_KIND,
					  mine && tf->kind ? tf->kind : "problem", NULL, NULL);
			admin_code_select(&p, "acc", "mode", T(r, M_OP_MODE), &T_MODE,
					  mine && tf->mode ? tf->mode : "deadline", NULL, NULL);
			H(&p.b, "<div class=\"field\"><label for=\"f-acc-due_on\">");
			h_text(&p.b, T(r, M_OP_DUE));
			H(&p.b, "</label><input type=\"date\" id=\"f-acc-due_on\" name=\"due_on\" value=\"");
			h_attr(&p.b, mine && tf->due ? tf->due : "");
			H(&p.b, "\"></div>");
			form_close(&p, M_OP_ACCEPT_GO);
			form_open(&p, o.id, "link", M_OP_LINK, tf);
			admin_input(&p, "lnk", "item", T(r, M_OP_LINK_ITEM),
				    is_action(tf, "link") ? tf->item : NULL, NULL, true, false);
			form_close(&p, M_OP_LINK_GO);
			form_open(&p, o.id, "reject", M_OP_REJECT, tf);
			textarea(&p, "rej", "reason", T(r, M_OP_REJECT_REASON),
				 is_action(tf, "reject") ? tf->reason : NULL, 1000, NULL);
			form_close(&p, M_OP_REJECT_GO);
		}
		form_open(&p, o.id, "reply", M_OP_REPLY_FORM, tf);
		textarea(&p, "rep", "reply", T(r, M_OP_REPLY),
			 is_action(tf, "reply") ? tf->reply : NULL, 2000, T(r, M_OP_REPLY_HINT));
		form_close(&p, M_OP_REPLY_GO);
		H(&p.b, "</div>");
	}
	opinion_clear(&o);
	return page_end(&p, status);
}

enum MHD_Result web_opinion(struct req *r)
{
	struct qd_error e = {0};
	int64_t id;
	if (!arg_id(r, 0, &id, &e))
		return web_error_page(r, &e);
	struct tform tf = {0};
	return opinion_page(r, id, &tf, 200);
}

static unsigned err_status(const struct qd_error *e)
{
	int s = qd_err_status(e->code);
	return s >= 400 ? (unsigned)s : 400;
}

enum MHD_Result web_opinion_triage(struct req *r)
{
	struct qd_error e = {0};
	int64_t id;
	if (!arg_id(r, 0, &id, &e))
		return web_error_page(r, &e);
	struct tform tf = {0};
	tf.action = form_get(r, "action");
	tf.title = form_get(r, "title");
	tf.kind = form_get(r, "kind");
	tf.mode = form_get(r, "mode");
	tf.due = form_get(r, "due_on");
	tf.item = form_get(r, "item");
	tf.reason = form_get(r, "reason");
	tf.reply = form_get(r, "reply");
	qd_err rc = QD_OK;
	const char *a = tf.action ? tf.action : "";
	if (strcmp(a, "accept") == 0) {
		struct item_input in = {0};
		item_init(&in.it);
		in.it.title = admin_trim(tf.title);
		in.it.kind = tf.kind ? code_parse(&T_ITEM_KIND, tf.kind) : -1;
		in.it.mode = tf.mode ? code_parse(&T_MODE, tf.mode) : -1;
		if (tf.due && *tf.due && !day_parse(tf.due, &in.it.due_on)) {
			in.it.due_on = DAY_NONE;
			rc = qd_fail(&e, QD_BAD_FIELD, "due_on", "YYYY-MM-DD");
		} else if (in.it.kind < 0) {
			rc = qd_fail(&e, QD_BAD_FIELD, "kind", "not one of the choices");
		} else if (in.it.mode < 0) {
			rc = qd_fail(&e, QD_BAD_FIELD, "mode", "not one of the choices");
		} else {
			rc = app_opinion_accept(r->app, &r->actor, id, &in, &e);
		}
		item_clear(&in.it);
	} else if (strcmp(a, "link") == 0) {
		char *ref = admin_trim(tf.item);
		struct item it;
		item_init(&it);
		if (!ref || !*ref || app_item_get(r->app, &r->actor, ref, &it, &e) != QD_OK) {
			tf.err = xstrdup(T(r, M_OP_NO_ITEM));
			rc = QD_BAD_FIELD;
		} else {
			rc = app_opinion_link(r->app, &r->actor, id, it.id, &e);
		}
		item_clear(&it);
		free(ref);
		if (tf.err) {
			enum MHD_Result res = opinion_page(r, id, &tf, 400);
			free(tf.err);
			return res;
		}
	} else if (strcmp(a, "reject") == 0) {
		char *reason = admin_trim(tf.reason);
		rc = app_opinion_reject(r->app, &r->actor, id, reason, &e);
		free(reason);
	} else if (strcmp(a, "reply") == 0) {
		char *text = admin_trim(tf.reply);
		rc = app_opinion_reply(r->app, &r->actor, id, text, &e);
		free(text);
	} else {
		tf.action = NULL;
		tf.err = xstrdup(T(r, M_OP_NEED_ACTION));
		enum MHD_Result res = opinion_page(r, id, &tf, 400);
		free(tf.err);
		return res;
	}
	if (rc == QD_OK) {
		char to[96];
		snprintf(to, sizeof to, "/opinions/%lld?done=%s", (long long)id, a);
		return reply_redirect(r, to);
	}
	if (e.code == QD_NOT_FOUND && strcmp(e.field, "opinion") == 0)
		return web_error_page(r, &e);
	if (e.code == QD_BAD_TRANSITION) {
		tf.err = xstrdup(T(r, M_OP_NOT_TRIAGE));
	} else if (strcmp(a, "reject") == 0 && strcmp(e.field, "reason") == 0) {
		tf.err = xstrdup(T(r, M_OP_ERR_REASON));
	} else if (strcmp(a, "reply") == 0 && strcmp(e.field, "reply") == 0) {
		tf.err = xstrdup(T(r, M_OP_ERR_REPLY));
	} else {
		struct buf t = BUF_INIT;
		item_error_text(r, &e, &t);
		tf.err = buf_steal(&t);
	}
	enum MHD_Result res = opinion_page(r, id, &tf, err_status(&e));
	free(tf.err);
	return res;
}
