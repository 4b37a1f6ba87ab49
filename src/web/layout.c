/* layout.c: the page frame, forms and small widgets shared by all pages. */
#include "web.h"
#include "ledger.h"
#include "../domain/perm.h"
#include "../util/date.h"
#include <string.h>

bool actor_is_admin(const struct actor *a)
{
	return actor_can_somewhere(a, PA_UNIT_ADMIN) || actor_can_somewhere(a, PA_ACCOUNT_ADMIN);
}

static void nav_link(struct page *p, const char *href, const char *key, const char *current,
		     const char *label)
{
	H(&p->b, "<li><a href=\"");
	h_attr(&p->b, href);
	H(&p->b, "\"");
	if (current && strcmp(key, current) == 0)
		H(&p->b, " aria-current=\"page\"");
	H(&p->b, ">");
	h_text(&p->b, label);
	H(&p->b, "</a></li>");
}

void page_begin(struct page *p, struct req *r, const char *title, const char *nav)
{
	p->r = r;
	buf_reset(&p->b);
	H(&p->b, "<!doctype html>\n<html lang=\"");
	h_attr(&p->b, strcmp(r->lang, "en") == 0 ? "en" : "zh-CN");
	H(&p->b, "\"><head><meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		 "<link rel=\"stylesheet\" href=\"/static/app.css\"><title>");
	h_text(&p->b, title);
	H(&p->b, " · ");
	h_text(&p->b, T(r, M_APP_NAME));
	H(&p->b, "</title></head><body>");
	H(&p->b, "<a class=\"skip\" href=\"#main\">");
	h_text(&p->b, T(r, M_SKIP_TO_MAIN));
	H(&p->b, "</a><header class=\"top\"><a class=\"brand\" href=\"/\">");
	h_text(&p->b, T(r, M_APP_NAME));
	H(&p->b, "</a>");
	if (r->authed) {
		H(&p->b, "<nav aria-label=\"main\"><ul>");
		nav_link(p, "/", "dashboard", nav, T(r, M_NAV_DASHBOARD));
		nav_link(p, "/items", "items", nav, T(r, M_NAV_ITEMS));
		nav_link(p, "/responsibility", "resp", nav, T(r, M_NAV_RESP));
		nav_link(p, "/measures", "measures", nav, T(r, M_NAV_MEASURES));
		nav_link(p, "/items/new", "new", nav, T(r, M_NAV_NEW_ITEM));
		nav_link(p, "/opinions", "opinions", nav, T(r, M_NAV_OPINIONS));
		nav_link(p, "/rates", "rates", nav, T(r, M_NAV_RATES));
		nav_link(p, "/report", "report", nav, T(r, M_NAV_REPORT));
		if (actor_can_somewhere(&r->actor, PA_ITEM_CREATE))
			nav_link(p, "/import", "import", nav, T(r, M_NAV_IMPORT));
		if (actor_is_admin(&r->actor))
			nav_link(p, "/admin/units", "admin", nav, T(r, M_NAV_ADMIN));
		H(&p->b, "</ul></nav><div class=\"user\"><span title=\"");
		h_attr(&p->b, T(r, M_SIGNED_IN_AS));
		H(&p->b, "\">");
		h_text(&p->b, r->actor.person_name ? r->actor.person_name : r->actor.login);
		H(&p->b, "</span> <a href=\"/lang?to=");
		h_url_arg(&p->b, strcmp(r->lang, "en") == 0 ? "zh" : "en");
		H(&p->b, "\">");
		h_text(&p->b, T(r, M_LANG_SWITCH));
		H(&p->b, "</a> ");
		form_begin(p, "/logout");
		H(&p->b, "<button type=\"submit\" class=\"link\">");
		h_text(&p->b, T(r, M_LOGOUT));
		H(&p->b, "</button>");
		form_end(p);
		H(&p->b, "</div>");
	} else {
		H(&p->b, "<div class=\"user\"><a href=\"/lang?to=");
		h_url_arg(&p->b, strcmp(r->lang, "en") == 0 ? "zh" : "en");
		H(&p->b, "\">");
		h_text(&p->b, T(r, M_LANG_SWITCH));
		H(&p->b, "</a></div>");
	}
	H(&p->b, "</header><main id=\"main\">");
}

enum MHD_Result page_end(struct page *p, unsigned status)
{
	H(&p->b, "</main></body></html>\n");
	return reply_html(p->r, status, &p->b);
}

void form_begin(struct page *p, const char *action)
{
	H(&p->b, "<form method=\"post\" action=\"");
	h_attr(&p->b, action);
	H(&p->b, "\"><input type=\"hidden\" name=\"_csrf\" value=\"");
	h_attr(&p->b, p->r->csrf);
	H(&p->b, "\">");
}

void form_end(struct page *p)
{
	H(&p->b, "</form>");
}

static void label_open(struct page *p, const char *name, const char *label, bool required)
{
	H(&p->b, "<div class=\"field\"><label for=\"f-");
	h_attr(&p->b, name);
	H(&p->b, "\">");
	h_text(&p->b, label);
	if (required)
		H(&p->b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
	H(&p->b, "</label>");
}

static void field_attrs(struct page *p, const char *name, const char *error, bool required)
{
	H(&p->b, " id=\"f-");
	h_attr(&p->b, name);
	H(&p->b, "\" name=\"");
	h_attr(&p->b, name);
	H(&p->b, "\"");
	if (required)
		H(&p->b, " required");
	if (error) {
		H(&p->b, " aria-invalid=\"true\" aria-describedby=\"e-");
		h_attr(&p->b, name);
		H(&p->b, "\"");
	}
}

static void field_close(struct page *p, const char *name, const char *error)
{
	if (error) {
		H(&p->b, "<p class=\"error\" id=\"e-");
		h_attr(&p->b, name);
		H(&p->b, "\">");
		h_text(&p->b, error);
		H(&p->b, "</p>");
	}
	H(&p->b, "</div>");
}

void field_text(struct page *p, const char *name, const char *label, const char *value,
		const char *error, bool required)
{
	label_open(p, name, label, required);
	H(&p->b, "<input type=\"text\"");
	field_attrs(p, name, error, required);
	H(&p->b, " value=\"");
	h_attr(&p->b, value ? value : "");
	H(&p->b, "\">");
	field_close(p, name, error);
}

void field_textarea(struct page *p, const char *name, const char *label, const char *value,
		    const char *error, bool required)
{
	label_open(p, name, label, required);
	H(&p->b, "<textarea rows=\"4\"");
	field_attrs(p, name, error, required);
	H(&p->b, ">");
	h_text(&p->b, value ? value : "");
	H(&p->b, "</textarea>");
	field_close(p, name, error);
}

void field_date(struct page *p, const char *name, const char *label, const char *value,
		const char *error, bool required)
{
	label_open(p, name, label, required);
	H(&p->b, "<input type=\"date\"");
	field_attrs(p, name, error, required);
	H(&p->b, " value=\"");
	h_attr(&p->b, value ? value : "");
	H(&p->b, "\">");
	field_close(p, name, error);
}

void field_code(struct page *p, const char *name, const char *label, const struct code_table *t,
		const char *value, const char *none_label, const char *error)
{
	label_open(p, name, label, none_label == NULL);
	H(&p->b, "<select");
	field_attrs(p, name, error, false);
	H(&p->b, ">");
	if (none_label) {
		H(&p->b, "<option value=\"\">");
		h_text(&p->b, none_label);
		H(&p->b, "</option>");
	}
	for (int i = 0; i < t->count; i++) {
		H(&p->b, "<option value=\"");
		h_attr(&p->b, t->defs[i].code);
		H(&p->b, "\"");
		if (value && strcmp(value, t->defs[i].code) == 0)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, code_text(p->r, t, i));
		H(&p->b, "</option>");
	}
	H(&p->b, "</select>");
	field_close(p, name, error);
}

const char *code_text(const struct req *r, const struct code_table *t, int v)
{
	return code_label(t, v, r->lang);
}

void status_badge(struct page *p, int status, bool overdue)
{
	H(&p->b, "<span class=\"badge st-");
	h_attr(&p->b, code_str(&T_STATUS, status));
	H(&p->b, "\">");
	h_text(&p->b, code_text(p->r, &T_STATUS, status));
	H(&p->b, "</span>");
	if (overdue) {
		H(&p->b, " <span class=\"badge overdue\">");
		h_text(&p->b, T(p->r, M_OVERDUE));
		H(&p->b, "</span>");
	}
}

void h_day(struct buf *b, int day)
{
	if (day == DAY_NONE) {
		H(b, "—");
		return;
	}
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	h_text(b, t);
}

void item_link(struct page *p, const struct item *it)
{
	H(&p->b, "<a href=\"/items/");
	h_url_arg(&p->b, it->ext_id);
	H(&p->b, "\">");
	h_text(&p->b, it->title);
	H(&p->b, "</a>");
}

void pager(struct page *p, const char *path, const char *query, int64_t offset, int64_t limit,
	   bool has_more)
{
	if (offset == 0 && !has_more)
		return;
	H(&p->b, "<nav class=\"pager\" aria-label=\"pages\">");
	if (offset > 0) {
		H(&p->b, "<a rel=\"prev\" href=\"");
		h_attr(&p->b, path);
		H(&p->b, "?");
		h_attr(&p->b, query);
		h_printf(&p->b, "&amp;offset=%lld\">", (long long)(offset > limit ? offset - limit : 0));
		h_text(&p->b, T(p->r, M_PREV_PAGE));
		H(&p->b, "</a>");
	}
	if (has_more) {
		H(&p->b, "<a rel=\"next\" href=\"");
		h_attr(&p->b, path);
		H(&p->b, "?");
		h_attr(&p->b, query);
		h_printf(&p->b, "&amp;offset=%lld\">", (long long)(offset + limit));
		h_text(&p->b, T(p->r, M_NEXT_PAGE));
		H(&p->b, "</a>");
	}
	H(&p->b, "</nav>");
}
