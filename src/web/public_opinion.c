/* public_opinion.c: the no-login pages of opinions from the public.
 *
 *   GET  /opinion               the form (unit, text, optional name and
 *                               contact, a honeypot field)
 *   POST /opinion               -> app_opinion_submit(ac NULL) -> receipt
 *                               with the tracking code
 *   GET  /track?code=CODE       look up by tracking code: status, reply,
 *                               resolution, and the rating form once answered
 *   POST /track/:code/rate      -> app_opinion_rate -> back to /track
 *
 * There is no session: the forms carry a pre-session cookie's value as the
 * CSRF token (double submit, as the login form; the dispatcher checks it).
 * Nothing personal is ever shown here: app_opinion_public removes the name
 * and contact, and of the item only its status is shown. Every refusal
 * shows the form again with a clear message and the input kept (except the
 * honeypot) and stores nothing. */
#include "web.h"
#include "admin.h"
#include "../domain/item_rules.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include "../util/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUB_UNIT_LEVELS 2      /* county -> townships -> villages */
#define PUB_UNITS_MAX 5000
#define PUB_PER_WINDOW 5       /* submissions per client address in 15 minutes */

/* The form's CSRF token: the session's when logged in, else the value of a
 * pre-session cookie (set here when missing, for every path). */
static void pre_session(struct req *r)
{
	if (r->authed)
		return;
	const char *pre = req_cookie(r, "qd_pre");
	char fresh[TOKEN_TEXT_LEN];
	if (!pre || strlen(pre) < 20) {
		token_new(fresh);
		char cookie[128];
		snprintf(cookie, sizeof cookie, "qd_pre=%s; Path=/; HttpOnly; SameSite=Strict", fresh);
		req_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
		pre = fresh;
	}
	snprintf(r->csrf, sizeof r->csrf, "%.47s", pre);
}

/* Tree order with siblings in id order (paths compared id by id). */
static int by_path(const void *a, const void *b)
{
	const char *x = ((const struct unit *)a)->path, *y = ((const struct unit *)b)->path;
	for (;;) {
		while (*x == '/')
			x++;
		while (*y == '/')
			y++;
		if (!*x || !*y)
			return *x ? 1 : *y ? -1 : 0;
		char *ex, *ey;
		long long nx = strtoll(x, &ex, 10), ny = strtoll(y, &ey, 10);
		if (nx != ny)
			return nx < ny ? -1 : 1;
		x = ex;
		y = ey;
	}
}

/* The active units the public may choose: every top-level unit and two
 * levels below it, in tree order. */
static void public_units(struct req *r, struct unit_array *out)
{
	struct actor sys;
	actor_init_system(&sys);
	struct unit_array roots = {0};
	struct qd_error e = {0};
	if (app_unit_roots(r->app, &sys, &roots, &e) == QD_OK) {
		for (int i = 0; i < roots.n && out->n < PUB_UNITS_MAX; i++) {
			struct unit_array t = {0};
			if (app_unit_tree(r->app, &sys, roots.v[i].id, PUB_UNIT_LEVELS, &t, &e) == QD_OK)
				for (int k = 0; k < t.n && out->n < PUB_UNITS_MAX; k++)
					if (t.v[k].active) {
						*unit_array_push(out) = t.v[k];
						memset(&t.v[k], 0, sizeof t.v[k]);
					}
			unit_array_free(&t);
		}
	}
	unit_array_free(&roots);
	actor_clear(&sys);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_path);
}

/* The name of a unit (for the tracking page), or NULL. */
static char *unit_name(struct req *r, int64_t id)
{
	struct actor sys;
	actor_init_system(&sys);
	struct unit u = {0};
	struct qd_error e = {0};
	char *name = NULL;
	if (app_unit_get(r->app, &sys, id, &u, &e) == QD_OK)
		name = xstrdup(u.name);
	unit_clear(&u);
	actor_clear(&sys);
	return name;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/* --- the form -------------------------------------------------------------- */

struct pform {
	const char *unit, *text, *name, *contact;  /* the input, kept */
	const char *err_unit, *err_text, *err_name, *err_contact;
	const char *notice;                        /* a refusal of the whole form */
};

static void described_by(struct page *p, const char *err_id, const char *err, const char *hint_id)
{
	if (!err && !hint_id)
		return;
	H(&p->b, " aria-describedby=\"");
	if (hint_id)
		h_attr(&p->b, hint_id);
	if (err) {
		if (hint_id)
			H(&p->b, " ");
		h_attr(&p->b, err_id);
	}
	H(&p->b, "\"");
	if (err)
		H(&p->b, " aria-invalid=\"true\"");
}

static void field_error(struct page *p, const char *id, const char *err)
{
	if (!err)
		return;
	H(&p->b, "<p class=\"error\" id=\"");
	h_attr(&p->b, id);
	H(&p->b, "\">");
	h_text(&p->b, err);
	H(&p->b, "</p>");
}

static void unit_select(struct page *p, const struct pform *f)
{
	struct req *r = p->r;
	struct unit_array us = {0};
	public_units(r, &us);
	int64_t chosen = admin_parse_id(f->unit);
	H(&p->b, "<div class=\"field\"><label for=\"f-unit_id\">");
	h_text(&p->b, T(r, M_PUB_UNIT));
	H(&p->b, " <span class=\"req\" aria-hidden=\"true\">*</span></label><select id=\"f-unit_id\" "
		 "name=\"unit_id\" required");
	described_by(p, "e-unit_id", f->err_unit, NULL);
	H(&p->b, "><option value=\"\">");
	h_text(&p->b, T(r, M_PUB_UNIT_PICK));
	H(&p->b, "</option>");
	/* Each unit one level below a top-level unit heads a group with the
	 * units below it (optgroups do not nest). */
	bool group = false;
	int top = us.n ? us.v[0].depth : 0;
	for (int i = 0; i < us.n; i++) {
		const struct unit *u = &us.v[i];
		if (u->depth <= top + 1 && group) {
			H(&p->b, "</optgroup>");
			group = false;
		}
		if (u->depth == top + 1) {
			H(&p->b, "<optgroup label=\"");
			h_attr(&p->b, u->name);
			H(&p->b, "\">");
			group = true;
		}
		H(&p->b, "<option value=\"");
		h_int(&p->b, u->id);
		H(&p->b, "\"");
		if (u->id == chosen)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, u->name);
		H(&p->b, "</option>");
	}
	if (group)
		H(&p->b, "</optgroup>");
	H(&p->b, "</select>");
	field_error(p, "e-unit_id", f->err_unit);
	H(&p->b, "</div>");
	unit_array_free(&us);
}

static void small_input(struct page *p, const char *name, const char *label, const char *value,
			const char *err, const char *autocomplete)
{
	char id[32], eid[32];
	snprintf(id, sizeof id, "f-%s", name);
	snprintf(eid, sizeof eid, "e-%s", name);
	H(&p->b, "<div class=\"field\"><label for=\"");
	h_attr(&p->b, id);
	H(&p->b, "\">");
	h_text(&p->b, label);
	H(&p->b, "</label><input type=\"text\" maxlength=\"100\" id=\"");
	h_attr(&p->b, id);
	H(&p->b, "\" name=\"");
	h_attr(&p->b, name);
	H(&p->b, "\" autocomplete=\"");
	h_attr(&p->b, autocomplete);
	H(&p->b, "\"");
	described_by(p, eid, err, "pub-optional-hint");
	H(&p->b, " value=\"");
	h_attr(&p->b, value ? value : "");
	H(&p->b, "\">");
	field_error(p, eid, err);
	H(&p->b, "</div>");
}

static enum MHD_Result form_page(struct req *r, const struct pform *f, unsigned status)
{
	pre_session(r);
	struct page p = {0};
	page_begin(&p, r, T(r, M_PUB_FORM_TITLE), NULL);
	H(&p.b, "<div class=\"pub\"><h1>");
	h_text(&p.b, T(r, M_PUB_FORM_TITLE));
	H(&p.b, "</h1><p class=\"muted\">");
	h_text(&p.b, T(r, M_PUB_FORM_INTRO));
	H(&p.b, "</p>");
	if (f->notice) {
		H(&p.b, "<p class=\"notice\" role=\"alert\">");
		h_text(&p.b, f->notice);
		H(&p.b, "</p>");
	} else if (f->err_unit || f->err_text || f->err_name || f->err_contact) {
		H(&p.b, "<p class=\"notice\" role=\"alert\">");
		h_text(&p.b, T(r, M_PUB_ERR_FORM));
		H(&p.b, "</p>");
	}
	form_begin(&p, "/opinion");
	unit_select(&p, f);
	H(&p.b, "<div class=\"field\"><label for=\"f-text\">");
	h_text(&p.b, T(r, M_PUB_TEXT));
	H(&p.b, " <span class=\"req\" aria-hidden=\"true\">*</span></label>"
		"<textarea id=\"f-text\" name=\"text\" rows=\"7\" maxlength=\"2000\" required");
	described_by(&p, "e-text", f->err_text, "h-text");
	H(&p.b, ">");
	h_text(&p.b, f->text ? f->text : "");
	H(&p.b, "</textarea><p class=\"form-help\" id=\"h-text\">");
	h_text(&p.b, T(r, M_PUB_TEXT_HINT));
	H(&p.b, "</p>");
	field_error(&p, "e-text", f->err_text);
	H(&p.b, "</div><fieldset class=\"pub-optional\"><legend>");
	h_text(&p.b, T(r, M_PUB_OPTIONAL));
	H(&p.b, "</legend><p class=\"form-help\" id=\"pub-optional-hint\">");
	h_text(&p.b, T(r, M_PUB_OPTIONAL_HINT));
	H(&p.b, "</p>");
	small_input(&p, "name", T(r, M_PUB_NAME), f->name, f->err_name, "name");
	small_input(&p, "contact", T(r, M_PUB_CONTACT), f->contact, f->err_contact, "tel");
	H(&p.b, "</fieldset>");
	/* The honeypot: hidden from people and assistive technology; a program
	 * that fills every field fills it. Never kept in the re-rendered form. */
	H(&p.b, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-website\">");
	h_text(&p.b, T(r, M_PUB_WEBSITE));
	H(&p.b, "</label><input type=\"text\" id=\"f-website\" name=\"website\" value=\"\" "
		"tabindex=\"-1\" autocomplete=\"off\"></div>");
	H(&p.b, "<div class=\"form-buttons\"><button type=\"submit\">");
	h_text(&p.b, T(r, M_PUB_SUBMIT));
	H(&p.b, "</button></div>");
	form_end(&p);
	H(&p.b, "<p><a href=\"/track\">");
	h_text(&p.b, T(r, M_PUB_TRACK_LINK));
	H(&p.b, "</a></p><p><a href=\"/board\">");
	h_text(&p.b, T(r, M_PUB_BOARD_LINK));
	H(&p.b, "</a></p></div>");
	return page_end(&p, status);
}

enum MHD_Result web_opinion_form(struct req *r)
{
	struct pform f = {0};
	const char *unit = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "unit");
	if (admin_parse_id(unit) > 0)
		f.unit = unit;
	return form_page(r, &f, 200);
}

static enum MHD_Result receipt_page(struct req *r, const char *code)
{
	struct page p = {0};
	page_begin(&p, r, T(r, M_PUB_RECEIPT_TITLE), NULL);
	H(&p.b, "<div class=\"pub\"><h1>");
	h_text(&p.b, T(r, M_PUB_RECEIPT_TITLE));
	H(&p.b, "</h1><div class=\"receipt\"><p class=\"receipt-label\">");
	h_text(&p.b, T(r, M_PUB_RECEIPT_CODE));
	H(&p.b, "</p><p class=\"code\" id=\"tracking-code\">");
	h_text(&p.b, code);
	H(&p.b, "</p></div><p>");
	h_text(&p.b, T(r, M_PUB_RECEIPT_KEEP));
	H(&p.b, "</p><p class=\"act-row\"><a class=\"button\" id=\"track-link\" href=\"/track?code=");
	h_url_arg(&p.b, code);
	H(&p.b, "\">");
	h_text(&p.b, T(r, M_PUB_RECEIPT_TRACK));
	H(&p.b, "</a> <a class=\"button secondary\" href=\"/opinion\">");
	h_text(&p.b, T(r, M_PUB_RECEIPT_ANOTHER));
	H(&p.b, "</a></p></div>");
	return page_end(&p, 200);
}

enum MHD_Result web_opinion_submit(struct req *r)
{
	struct pform f = {0};
	f.unit = form_get(r, "unit_id");
	f.text = form_get(r, "text");
	f.name = form_get(r, "name");
	f.contact = form_get(r, "contact");
	const char *hp = form_get(r, "website");
	if (hp && *hp) {
		f.notice = T(r, M_PUB_ERR_HONEYPOT);
		return form_page(r, &f, 400);
	}
	char ck[64], key[96];
	throttle_client_key(r, ck, sizeof ck);
	snprintf(key, sizeof key, "opinion:%s", ck);
	if (throttle_blocked(key, PUB_PER_WINDOW)) {
		f.notice = T(r, M_PUB_ERR_THROTTLED);
		return form_page(r, &f, 429);
	}
	int64_t unit = admin_parse_id(f.unit);
	if (unit <= 0)
		f.err_unit = T(r, M_PUB_ERR_UNIT);
	if (blank(f.text) || !text_ok(f.text, OPINION_TEXT_MAX, true))
		f.err_text = T(r, M_PUB_ERR_TEXT);
	char *name = admin_trim(f.name), *contact = admin_trim(f.contact);
	if (name && !text_ok(name, SUBMITTER_MAX, false))
		f.err_name = T(r, M_PUB_ERR_NAME);
	if (contact && !text_ok(contact, SUBMITTER_MAX, false))
		f.err_contact = T(r, M_PUB_ERR_CONTACT);
	if (f.err_unit || f.err_text || f.err_name || f.err_contact) {
		free(name);
		free(contact);
		return form_page(r, &f, 400);
	}
	struct opinion o;
	opinion_init(&o);
	o.unit_id = unit;
	o.text = xstrdup(f.text);
	o.submitter_name = name && *name ? name : NULL;
	o.submitter_contact = contact && *contact ? contact : NULL;
	if (!o.submitter_name)
		free(name);
	if (!o.submitter_contact)
		free(contact);
	struct qd_error e = {0};
	qd_err rc = app_opinion_submit(r->app, NULL, &o, &e);
	if (rc != QD_OK) {
		opinion_clear(&o);
		unsigned status = 400;
		if (strcmp(e.field, "text") == 0)
			f.err_text = T(r, M_PUB_ERR_TEXT);
		else if (strcmp(e.field, "unit_id") == 0)
			f.err_unit = T(r, M_PUB_ERR_UNIT);
		else if (strcmp(e.field, "submitter_name") == 0)
			f.err_name = T(r, M_PUB_ERR_NAME);
		else if (strcmp(e.field, "submitter_contact") == 0)
			f.err_contact = T(r, M_PUB_ERR_CONTACT);
		else {
			f.notice = T(r, M_PUB_ERR_SAVE);
			/* 503 when retrying later may help (busy, disk full) */
			status = qd_err_status(e.code) == 503 ? 503 : 500;
		}
		return form_page(r, &f, status);
	}
	throttle_fail(key); /* counts the submissions of this address */
	enum MHD_Result res = receipt_page(r, o.code);
	opinion_clear(&o);
	return res;
}

/* --- the tracking page ---------------------------------------------------- */

struct rform {
	const char *rating, *comment;  /* the input, kept */
	const char *err_rating, *err_comment, *notice;
};

/* The code as typed: upper case, without spaces and dashes. */
static void normalize_code(const char *in, char *out, size_t n)
{
	size_t k = 0;
	for (; in && *in && k + 1 < n; in++) {
		char c = *in;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		out[k++] = c;
	}
	out[k] = '\0';
}

static void dl_row(struct page *p, const char *label)
{
	H(&p->b, "<dt>");
	h_text(&p->b, label);
	H(&p->b, "</dt><dd>");
}

static void put_time_day(struct page *p, int64_t t)
{
	if (t <= 0) {
		H(&p->b, "—");
		return;
	}
	h_day(&p->b, day_of_time(t));
}

static void lookup_form(struct page *p, const char *code, const char *err)
{
	struct req *r = p->r;
	H(&p->b, "<form method=\"get\" action=\"/track\" class=\"track-form\"><div class=\"field\">"
		 "<label for=\"f-code\">");
	h_text(&p->b, T(r, M_TRACK_CODE));
	H(&p->b, "</label><input type=\"text\" id=\"f-code\" name=\"code\" required maxlength=\"40\" "
		 "autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" "
		 "aria-describedby=\"h-code");
	if (err)
		H(&p->b, " e-code");
	H(&p->b, "\"");
	if (err)
		H(&p->b, " aria-invalid=\"true\"");
	H(&p->b, " value=\"");
	h_attr(&p->b, code ? code : "");
	H(&p->b, "\"><p class=\"form-help\" id=\"h-code\">");
	h_text(&p->b, T(r, M_TRACK_HINT));
	H(&p->b, "</p>");
	field_error(p, "e-code", err);
	H(&p->b, "</div><button type=\"submit\">");
	h_text(&p->b, T(r, M_TRACK_GO));
	H(&p->b, "</button></form>");
}

static void rating_form(struct page *p, const char *code, const struct rform *rf)
{
	struct req *r = p->r;
	char action[64];
	snprintf(action, sizeof action, "/track/%.40s/rate", code);
	H(&p->b, "<section class=\"rate\" aria-labelledby=\"rate-h\"><h2 id=\"rate-h\">");
	h_text(&p->b, T(r, M_TRACK_RATE_TITLE));
	H(&p->b, "</h2>");
	form_begin(p, action);
	H(&p->b, "<fieldset class=\"radios\"");
	described_by(p, "e-rating", rf->err_rating, NULL);
	H(&p->b, "><legend>");
	h_text(&p->b, T(r, M_TRACK_RATING));
	H(&p->b, " <span class=\"req\" aria-hidden=\"true\">*</span></legend>");
	for (int i = 0; i < RT_COUNT; i++) {
		const char *c = code_str(&T_RATING, i);
		H(&p->b, "<label class=\"radio\"><input type=\"radio\" name=\"rating\" required value=\"");
		h_attr(&p->b, c);
		H(&p->b, "\" id=\"f-rating-");
		h_attr(&p->b, c);
		H(&p->b, "\"");
		if (rf->rating && strcmp(rf->rating, c) == 0)
			H(&p->b, " checked");
		H(&p->b, "> ");
		h_text(&p->b, code_text(r, &T_RATING, i));
		H(&p->b, "</label>");
	}
	field_error(p, "e-rating", rf->err_rating);
	H(&p->b, "</fieldset><div class=\"field\"><label for=\"f-comment\">");
	h_text(&p->b, T(r, M_TRACK_COMMENT));
	H(&p->b, "</label><textarea id=\"f-comment\" name=\"comment\" rows=\"4\" maxlength=\"1000\"");
	described_by(p, "e-comment", rf->err_comment, "h-comment");
	H(&p->b, ">");
	h_text(&p->b, rf->comment ? rf->comment : "");
	H(&p->b, "</textarea><p class=\"form-help\" id=\"h-comment\">");
	h_text(&p->b, T(r, M_TRACK_COMMENT_HINT));
	H(&p->b, "</p>");
	field_error(p, "e-comment", rf->err_comment);
	H(&p->b, "</div><button type=\"submit\">");
	h_text(&p->b, T(r, M_TRACK_RATE_SUBMIT));
	H(&p->b, "</button>");
	form_end(p);
	H(&p->b, "</section>");
}

static enum MHD_Result track_page(struct req *r, const char *code, const struct rform *rf,
				  unsigned status)
{
	pre_session(r);
	struct page p = {0};
	page_begin(&p, r, T(r, M_TRACK_TITLE), NULL);
	H(&p.b, "<div class=\"pub\"><h1>");
	h_text(&p.b, T(r, M_TRACK_TITLE));
	H(&p.b, "</h1>");
	struct opinion o;
	opinion_init(&o);
	struct qd_error e = {0};
	bool found = code && *code && app_opinion_public(r->app, code, &o, &e) == QD_OK;
	if (!found) {
		lookup_form(&p, code, code && *code ? T(r, M_TRACK_NOT_FOUND) : NULL);
		if (code && *code && status < 400)
			status = 404;
		H(&p.b, "<p><a href=\"/opinion\">");
		h_text(&p.b, T(r, M_TRACK_SEND_NEW));
		H(&p.b, "</a></p></div>");
		opinion_clear(&o);
		return page_end(&p, status);
	}
	if (rf->notice) {
		H(&p.b, "<p class=\"notice\" role=\"alert\">");
		h_text(&p.b, rf->notice);
		H(&p.b, "</p>");
	}
	const char *rated = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "rated");
	if (rated && strcmp(rated, "1") == 0 && o.rating >= 0) {
		H(&p.b, "<p class=\"ok\" role=\"status\">");
		h_text(&p.b, T(r, M_TRACK_RATED));
		H(&p.b, "</p>");
	}
	H(&p.b, "<p class=\"track-code\">");
	h_text(&p.b, T(r, M_TRACK_CODE));
	H(&p.b, " <strong class=\"code\">");
	h_text(&p.b, o.code);
	H(&p.b, "</strong></p><dl class=\"track\">");
	dl_row(&p, T(r, M_TRACK_STATUS));
	H(&p.b, "<span class=\"badge os-");
	h_attr(&p.b, code_str(&T_OPINION_STATUS, o.status));
	H(&p.b, "\" id=\"op-status\">");
	h_text(&p.b, code_text(r, &T_OPINION_STATUS, o.status));
	H(&p.b, "</span> ");
	enum msg_id step = M_COUNT;
	switch (o.status) {
	case OS_RECEIVED: step = M_TRACK_STEP_RECEIVED; break;
	case OS_ACCEPTED: step = M_TRACK_STEP_ACCEPTED; break;
	case OS_LINKED: step = M_TRACK_STEP_LINKED; break;
	case OS_ANSWERED: step = o.rating < 0 ? M_TRACK_STEP_ANSWERED : M_COUNT; break;
	default: break;
	}
	if (step != M_COUNT) {
		H(&p.b, "<span class=\"muted\">");
		h_text(&p.b, T(r, step));
		H(&p.b, "</span>");
	}
	H(&p.b, "</dd>");
	dl_row(&p, T(r, M_TRACK_CHANNEL));
	h_text(&p.b, code_text(r, &T_CHANNEL, o.channel));
	H(&p.b, "</dd>");
	char *uname = unit_name(r, o.unit_id);
	dl_row(&p, T(r, M_TRACK_UNIT));
	h_text(&p.b, uname ? uname : "—");
	H(&p.b, "</dd>");
	free(uname);
	dl_row(&p, T(r, M_TRACK_RECEIVED));
	put_time_day(&p, o.received_at);
	H(&p.b, "</dd>");
	dl_row(&p, T(r, M_TRACK_TEXT));
	H(&p.b, "<div class=\"op-text\">");
	h_text(&p.b, o.text);
	H(&p.b, "</div></dd>");
	if (o.status == OS_REJECTED) {
		dl_row(&p, T(r, M_TRACK_REJECTED));
		H(&p.b, "<div class=\"op-text\" id=\"op-reject\">");
		h_text(&p.b, o.reject_reason ? o.reject_reason : "—");
		H(&p.b, "</div></dd>");
	}
	dl_row(&p, T(r, M_TRACK_REPLY));
	if (o.reply && *o.reply) {
		H(&p.b, "<div class=\"op-text\" id=\"op-reply\">");
		h_text(&p.b, o.reply);
		H(&p.b, "</div>");
	} else {
		H(&p.b, "<span class=\"muted\">");
		h_text(&p.b, T(r, M_TRACK_NO_REPLY));
		H(&p.b, "</span>");
	}
	H(&p.b, "</dd>");
	if (o.resolution && *o.resolution) {
		dl_row(&p, T(r, M_TRACK_RESOLUTION));
		H(&p.b, "<div class=\"op-text\" id=\"op-resolution\">");
		h_text(&p.b, o.resolution);
		H(&p.b, "</div></dd>");
	}
	if (o.replied_at > 0) {
		dl_row(&p, T(r, M_TRACK_REPLIED));
		put_time_day(&p, o.replied_at);
		H(&p.b, "</dd>");
	}
	if (o.rating >= 0) {
		dl_row(&p, T(r, M_TRACK_YOUR_RATING));
		H(&p.b, "<span id=\"op-rating\">");
		h_text(&p.b, code_text(r, &T_RATING, o.rating));
		H(&p.b, "</span>");
		if (o.rating_comment && *o.rating_comment) {
			H(&p.b, "<div class=\"op-text\">");
			h_text(&p.b, o.rating_comment);
			H(&p.b, "</div>");
		}
		H(&p.b, "</dd>");
	}
	H(&p.b, "</dl>");
	if (o.rating == RT_UNSATISFIED && o.item_id > 0) {
		H(&p.b, "<p class=\"item-hint\" id=\"op-reopened\">");
		h_text(&p.b, T(r, M_TRACK_REOPENED));
		H(&p.b, "</p>");
	}
	if (o.status == OS_ANSWERED && o.rating < 0)
		rating_form(&p, o.code, rf);
	H(&p.b, "<p><a href=\"/opinion\">");
	h_text(&p.b, T(r, M_TRACK_SEND_NEW));
	H(&p.b, "</a></p></div>");
	opinion_clear(&o);
	return page_end(&p, status);
}

enum MHD_Result web_track(struct req *r)
{
	const char *raw = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "code");
	char code[48];
	normalize_code(raw, code, sizeof code);
	struct rform rf = {0};
	return track_page(r, code, &rf, 200);
}

enum MHD_Result web_track_rate(struct req *r)
{
	char code[48];
	normalize_code(r->args[0], code, sizeof code);
	struct rform rf = {0};
	rf.rating = form_get(r, "rating");
	rf.comment = form_get(r, "comment");
	int rating = rf.rating && *rf.rating ? code_parse(&T_RATING, rf.rating) : -1;
	char *comment = admin_trim(rf.comment);
	if (rating < 0)
		rf.err_rating = T(r, M_TRACK_ERR_RATING);
	if (rating == RT_UNSATISFIED && (!comment || !*comment))
		rf.err_comment = T(r, M_TRACK_ERR_COMMENT);
	else if (comment && !text_ok(comment, REASON_MAX_CHARS, false))
		rf.err_comment = T(r, M_TRACK_ERR_COMMENT_LEN);
	if (rf.err_rating || rf.err_comment) {
		free(comment);
		rf.notice = T(r, M_PUB_ERR_FORM);
		return track_page(r, code, &rf, 400);
	}
	struct qd_error e = {0};
	qd_err rc = app_opinion_rate(r->app, code, rating, comment && *comment ? comment : NULL, &e);
	free(comment);
	if (rc == QD_OK) {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/track?rated=1&code=");
		buf_puts(&to, code); /* checked by the app: letters and digits */
		enum MHD_Result res = reply_redirect(r, buf_str(&to));
		buf_free(&to);
		return res;
	}
	unsigned status = 400;
	switch (rc) {
	case QD_NOT_FOUND:
		return track_page(r, code, &rf, 404);
	case QD_CONFLICT:
		rf.notice = T(r, M_TRACK_ERR_RATED);
		status = 409;
		break;
	case QD_BAD_TRANSITION:
		rf.notice = T(r, M_TRACK_ERR_NOT_ANSWERED);
		status = 409;
		break;
	case QD_NEED_REASON:
		rf.err_comment = T(r, M_TRACK_ERR_COMMENT);
		rf.notice = T(r, M_PUB_ERR_FORM);
		break;
	default:
		if (strcmp(e.field, "rating") == 0)
			rf.err_rating = T(r, M_TRACK_ERR_RATING);
		else if (strcmp(e.field, "comment") == 0)
			rf.err_comment = T(r, M_TRACK_ERR_COMMENT_LEN);
		else {
			rf.notice = T(r, M_PUB_ERR_SAVE);
			status = 500;
		}
		break;
	}
	return track_page(r, code, &rf, status);
}
