/* reply.c: responses, with security headers and the one error shape:
 * {"error":{"code":"BAD_FIELD","message":"…","field":"title","detail":"…"}} */
#include "http.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

/* Behind a proxy that says the browser came by HTTPS, every cookie is
 * Secure: the session's and the pre-session and language cookies alike,
 * set in one place so that no cookie can forget it. */
static bool behind_tls(struct req *r)
{
	const char *p = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
	return p && strcasecmp(p, "https") == 0;
}

static void add_header(struct req *r, struct MHD_Response *resp, const char *name,
		       const char *value)
{
	if (strcasecmp(name, MHD_HTTP_HEADER_SET_COOKIE) != 0 || !behind_tls(r) ||
	    strcasestr(value, "; Secure")) {
		MHD_add_response_header(resp, name, value);
		return;
	}
	struct buf v = BUF_INIT;
	buf_printf(&v, "%s; Secure", value);
	MHD_add_response_header(resp, name, buf_str(&v));
	buf_free(&v);
}

static enum MHD_Result send_reply(struct req *r, unsigned status, char *body, size_t len,
			    const char *type)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	security_headers(resp);
	if (strncmp(type, "text/html", 9) == 0)
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'none'; style-src 'self'; img-src 'self' data:; "
					"form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	/* Extra headers (Set-Cookie, Location): "name\nvalue\n" pairs. */
	for (const char *p = buf_str(&r->headers); *p;) {
		const char *nl = strchr(p, '\n');
		const char *nl2 = nl ? strchr(nl + 1, '\n') : NULL;
		if (!nl || !nl2)
			break;
		char *name = xstrndup(p, (size_t)(nl - p));
		char *value = xstrndup(nl + 1, (size_t)(nl2 - nl - 1));
		add_header(r, resp, name, value);
		free(name);
		free(value);
		p = nl2 + 1;
	}
	if (status == 405 && r->path && !strstr(buf_str(&r->headers), MHD_HTTP_HEADER_ALLOW "\n")) {
		/* Allow: the methods the matched pattern takes (unless the
		 * handler named them itself). */
		struct buf allow = BUF_INIT;
		unsigned mask = 0;
		const struct route *tables[] = {api_routes, web_routes};
		for (int t = 0; t < 2; t++)
		for (const struct route *rt = tables[t]; rt->pattern; rt++) {
			const char *p = rt->pattern, *s = r->path;
			while (*p && *s) {
				if (*p == ':') {
					while (*p && *p != '/')
						p++;
					while (*s && *s != '/')
						s++;
					continue;
				}
				if (*p != *s)
					break;
				p++, s++;
			}
			if (!*p && !*s)
				mask |= rt->method;
		}
		for (unsigned m = M_GET; m <= M_LAST; m <<= 1)
			if (mask & m)
				buf_printf(&allow, "%s%s", allow.len ? ", " : "",
					   method_name((enum method)m));
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, buf_str(&allow));
		buf_free(&allow);
	}
	enum MHD_Result res = MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	return res;
}

static void json_headers(struct req *r);

enum MHD_Result reply_json_steal(struct req *r, unsigned status, json_t *body)
{
	json_headers(r);
	char *s = json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(body);
	if (!s)
		return MHD_NO;
	size_t n = strlen(s);
	char *out = xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\n';
	free(s);
	return send_reply(r, status, out, n + 1, "application/json; charset=utf-8");
}

static void json_headers(struct req *r)
{
	req_add_header(r, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
	req_add_header(r, "Cache-Control", "no-store");
}

enum MHD_Result reply_error(struct req *r, const struct qd_error *e)
{
	if (r->route && r->route->web)
		return web_error_page(r, e);
	qd_err code = e->code == QD_OK ? QD_INTERNAL : e->code;
	json_t *err = json_pack("{ss ss}", "code", qd_err_name(code), "message",
				qd_err_message(code, r->lang));
	if (e->field[0])
		json_object_set_new(err, "field", json_string(e->field));
	if (e->detail[0])
		json_object_set_new(err, "detail", json_string(e->detail));
	int status = qd_err_status(code);
	if (status >= 500)
		fprintf(stderr, "qingdan: %s %s: %s %s %s\n", r->method, r->path,
			qd_err_name(code), e->field, e->detail);
	return reply_json_steal(r, (unsigned)status, json_pack("{so}", "error", err));
}

enum MHD_Result reply_fail(struct req *r, qd_err code, const char *field, const char *detail)
{
	struct qd_error e = {0};
	qd_fail(&e, code, field, detail ? "%s" : NULL, detail);
	return reply_error(r, &e);
}

enum MHD_Result reply_no_content(struct req *r)
{
	json_headers(r);
	return send_reply(r, 204, xstrdup(""), 0, "application/json; charset=utf-8");
}

json_t *json_day(int day)
{
	if (day == DAY_NONE)
		return json_null();
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	return json_string(t);
}

json_t *json_code(const struct code_table *t, int v)
{
	return v >= 0 && v < t->count ? json_string(code_str(t, v)) : json_null();
}

json_t *json_id(int64_t id)
{
	return id > 0 ? json_integer(id) : json_null();
}

json_t *json_time(int64_t t)
{
	if (t <= 0)
		return json_null();
	char s[32];
	time_format_w3c(t, s);
	return json_string(s);
}

json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

enum MHD_Result reply_html(struct req *r, unsigned status, struct buf *page)
{
	size_t n = page->len;
	char *body = buf_steal(page);
	req_add_header(r, "Cache-Control", "no-store");
	return send_reply(r, status, body, n, "text/html; charset=utf-8");
}

enum MHD_Result reply_redirect(struct req *r, const char *location)
{
	req_add_header(r, MHD_HTTP_HEADER_LOCATION, location);
	req_add_header(r, "Cache-Control", "no-store");
	return send_reply(r, 303, xstrdup(""), 0, "text/html; charset=utf-8");
}

enum MHD_Result reply_raw_steal(struct req *r, unsigned status, char *body, size_t len,
				const char *type)
{
	return send_reply(r, status, body, len, type);
}

enum MHD_Result reply_asset(struct req *r, const char *type, const char *data, size_t len)
{
	char *copy = xmalloc(len + 1);
	memcpy(copy, data, len);
	req_add_header(r, "Cache-Control", "public, max-age=3600");
	return send_reply(r, 200, copy, len, type);
}
