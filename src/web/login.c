/* login.c: GET/POST /login, POST /logout, GET /lang?to=zh|en. */
#include "web.h"
#include "../util/hash.h"
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* Only local paths are followed after login (no open redirect): "/" and
 * below, printable ASCII without a backslash or ":". Browsers drop tabs
 * and line breaks anywhere in a URL ("/<TAB>/evil.example" is
 * "//evil.example") and take a backslash for "/"; the paths login_redirect
 * gives hold none of them. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/')
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '\\' || *p == ':')
			return "/";
	return next;
}

static enum MHD_Result login_page(struct req *r, const char *login, const char *next,
				  enum msg_id problem, unsigned status)
{
	/* The login form has no session yet: its CSRF token is a random
	 * pre-session cookie sent back in the form (double submit). */
	const char *pre = req_cookie(r, "qd_pre");
	char fresh[TOKEN_TEXT_LEN];
	if (!pre || strlen(pre) < 20) {
		token_new(fresh);
		char cookie[128];
		snprintf(cookie, sizeof cookie, "qd_pre=%s; Path=/login; HttpOnly; SameSite=Strict",
			 fresh);
		req_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
		pre = fresh;
	}
	snprintf(r->csrf, sizeof r->csrf, "%.47s", pre);
	struct page p = {0};
	page_begin(&p, r, T(r, M_LOGIN), NULL);
	H(&p.b, "<div class=\"login\"><h1>");
	h_text(&p.b, T(r, M_LOGIN_TITLE));
	H(&p.b, "</h1><p class=\"muted\">");
	h_text(&p.b, T(r, M_APP_TAGLINE));
	H(&p.b, "</p>");
	if (problem != M_COUNT) {
		H(&p.b, "<p class=\"notice\" role=\"alert\">");
		h_text(&p.b, T(r, problem));
		H(&p.b, "</p>");
	}
	form_begin(&p, "/login");
	H(&p.b, "<input type=\"hidden\" name=\"next\" value=\"");
	h_attr(&p.b, safe_next(next));
	H(&p.b, "\">");
	field_text(&p, "login", T(r, M_LOGIN_NAME), login, NULL, true);
	H(&p.b, "<div class=\"field\"><label for=\"f-password\">");
	h_text(&p.b, T(r, M_LOGIN_PASSWORD));
	H(&p.b, "</label><input type=\"password\" id=\"f-password\" name=\"password\" required "
		"autocomplete=\"current-password\"></div><button type=\"submit\">");
	h_text(&p.b, T(r, M_LOGIN));
	H(&p.b, "</button>");
	form_end(&p);
	H(&p.b, "</div>");
	return page_end(&p, status);
}

enum MHD_Result web_login_form(struct req *r)
{
	if (r->authed)
		return reply_redirect(r, "/");
	const char *next = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "next");
	return login_page(r, NULL, next, M_COUNT, 200);
}

enum MHD_Result web_login(struct req *r)
{
	const char *login = form_get(r, "login"), *pw = form_get(r, "password");
	const char *next = form_get(r, "next");
	if (!login || !pw)
		return login_page(r, login, next, M_LOGIN_FAILED, 400);
	char ukey[96], ikey[32];
	snprintf(ukey, sizeof ukey, "login:%.64s", login);
	throttle_client_key(r, ikey, sizeof ikey);
	if (throttle_blocked(ukey, THROTTLE_PER_LOGIN) || throttle_blocked(ikey, THROTTLE_PER_ADDRESS))
		return login_page(r, login, next, M_LOGIN_THROTTLED, 429);
	char token[64];
	int64_t account = 0;
	struct qd_error e = {0};
	if (app_login(r->app, login, pw, "session", token, &account, &e) != QD_OK) {
		if (e.code != QD_BAD_LOGIN)
			return reply_error(r, &e);
		throttle_fail(ukey);
		throttle_fail(ikey);
		return login_page(r, login, next, M_LOGIN_FAILED, 401);
	}
	throttle_reset(ukey);
	/* Rotation: a login always starts a new session; an old one ends. */
	const char *old = req_cookie(r, "qd_session");
	if (old && *old)
		app_logout(r->app, old, NULL);
	req_set_session_cookie(r, token);
	return reply_redirect(r, safe_next(next));
}

enum MHD_Result web_logout(struct req *r)
{
	app_logout(r->app, r->session, NULL);
	req_clear_session_cookie(r);
	return reply_redirect(r, "/login");
}

enum MHD_Result web_lang(struct req *r)
{
	const char *to = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "to");
	if (!to || (strcmp(to, "zh") != 0 && strcmp(to, "en") != 0))
		return reply_fail(r, QD_BAD_PARAM, "to", "zh or en");
	char cookie[96];
	snprintf(cookie, sizeof cookie, "qd_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", to);
	req_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	return reply_redirect(r, "/"); /* our Referrer-Policy withholds where from */
}
