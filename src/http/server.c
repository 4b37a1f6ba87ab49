/* server.c: libmicrohttpd daemons, request life cycle and dispatch.
 *
 * Threading: one single-threaded epoll daemon per listener thread, all bound
 * to the same port with SO_REUSEPORT, each with its own database connection
 * (libmicrohttpd's thread pool does not spread keep-alive connections
 * evenly; see shared/reference/perf-anchors.md). Handlers answer on the
 * second call of the access handler so keep-alive connections stay open. */
#include "server.h"
#include "http.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 16

struct listener {
	struct MHD_Daemon *d;
	struct app app;
};

static void req_free(struct req *r)
{
	if (!r)
		return;
	free(r->path);
	free(r->args_buf);
	buf_free(&r->body);
	json_decref(r->json);
	actor_clear(&r->actor);
	for (int i = 0; i < r->nform; i++) {
		free(r->form[i].key);
		free(r->form[i].value);
	}
	free(r->form);
	for (int i = 0; i < r->nfiles; i++) {
		free(r->files[i].key);
		free(r->files[i].filename);
		buf_free(&r->files[i].data);
	}
	free(r->files);
	free(r->session);
	buf_free(&r->headers);
	free(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)c, (void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

const char *method_name(enum method m)
{
	switch (m) {
	case M_GET: return "GET";
	case M_POST: return "POST";
	case M_PATCH: return "PATCH";
	case M_PUT: return "PUT";
	case M_DELETE: return "DELETE";
	}
	return "?";
}

static enum method method_of(const char *m)
{
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_POST;
	if (strcmp(m, "PATCH") == 0)
		return M_PATCH;
	if (strcmp(m, "PUT") == 0)
		return M_PUT;
	if (strcmp(m, "DELETE") == 0)
		return M_DELETE;
	return 0;
}

/* "application/json", optionally followed by parameters (; charset=utf-8). */
static bool is_json_type(const char *ct)
{
	if (!ct || strncasecmp(ct, "application/json", 16) != 0)
		return false;
	ct += 16;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}

/* Percent-decoding that refuses to create a NUL: "%00" stays as it is, so a
 * path like /items/10/start%00x matches no route. */
static size_t unescape_no_nul(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls, (void)c;
	size_t n = strlen(s);
	char *copy = xstrndup(s, n);
	size_t m = MHD_http_unescape(s);
	if (strlen(s) != m) {
		memcpy(s, copy, n + 1);
		m = n;
	}
	free(copy);
	return m;
}

/* Match path against pattern; ":name" segments capture. */
static bool match(const char *pattern, const char *path, struct req *r)
{
	const char *p = pattern, *s = path;
	int n = 0;
	struct buf caps = BUF_INIT;
	size_t offs[ROUTE_ARGS_MAX];
	while (*p && *s) {
		if (*p == ':') {
			while (*p && *p != '/')
				p++;
			const char *end = strchr(s, '/');
			size_t len = end ? (size_t)(end - s) : strlen(s);
			if (len == 0 || n == ROUTE_ARGS_MAX)
				break;
			offs[n++] = caps.len;
			buf_append(&caps, s, len);
			buf_putc(&caps, '\0');
			s += len;
			continue;
		}
		if (*p != *s)
			break;
		p++, s++;
	}
	if (*p || *s) {
		buf_free(&caps);
		return false;
	}
	free(r->args_buf);
	r->args_buf = buf_steal(&caps);
	for (int i = 0; i < n; i++)
		r->args[i] = r->args_buf + offs[i];
	return true;
}

/* Find the route of r in one table; collects the methods its path takes. */
static const struct route *find_route(const struct route *table, struct req *r,
				      enum method m, unsigned *allowed)
{
	for (const struct route *rt = table; rt->pattern; rt++) {
		if (!match(rt->pattern, r->path, r))
			continue;
		*allowed |= rt->method;
		if (rt->method == m)
			return rt;
	}
	return NULL;
}

/* The largest body the route of r takes: known before the body comes, so
 * that only an upload route reads more than BODY_MAX. */
static size_t body_limit(struct req *r)
{
	enum method m = method_of(r->method);
	unsigned allowed = 0;
	if (open311_path(r->path))
		return BODY_MAX;
	const struct route *rt = find_route(api_routes, r, m, &allowed);
	if (!rt)
		rt = find_route(web_routes, r, m, &allowed);
	return rt && rt->body == BODY_UPLOAD ? UPLOAD_MAX : BODY_MAX;
}

static enum MHD_Result too_large(struct req *r)
{
	char d[48];
	snprintf(d, sizeof d, "at most %zu bytes", r->body_max);
	return reply_fail(r, QD_TOO_LARGE, NULL, d);
}

static enum MHD_Result login_redirect(struct req *r)
{
	struct buf to = BUF_INIT;
	buf_puts(&to, "/login?next=");
	for (const char *p = r->path; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '/' || *p == '-' ||
		    *p == '_' || (*p >= 'A' && *p <= 'Z'))
			buf_putc(&to, *p);
	enum MHD_Result res = reply_redirect(r, buf_str(&to));
	buf_free(&to);
	return res;
}

/* Web pages: the session cookie, the language, CSRF on every POST. */
static enum MHD_Result prepare_web(struct req *r, bool *done)
{
	struct qd_error e = {0};
	*done = true;
	const char *tok = req_cookie(r, "qd_session");
	if (tok && *tok && app_authenticate(r->app, tok, &r->actor, &e) == QD_OK) {
		r->authed = true;
		r->session = xstrdup(tok);
		csrf_of(tok, r->csrf);
		if (r->actor.lang[0])
			snprintf(r->lang, sizeof r->lang, "%s", r->actor.lang);
	}
	const char *lang = req_cookie(r, "qd_lang");
	if (lang && (strcmp(lang, "zh") == 0 || strcmp(lang, "en") == 0))
		snprintf(r->lang, sizeof r->lang, "%s", lang);
	if (route_needs_login(r->route) && !r->authed)
		return login_redirect(r);
	if (r->body_too_large)
		return too_large(r);
	if (r->route->method != M_POST) {
		if (r->body.len)
			return reply_fail(r, QD_BAD_PARAM, NULL, "this page takes no body");
		*done = false;
		return MHD_YES;
	}
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_CONTENT_TYPE);
	if (r->route->body == BODY_UPLOAD) {
		if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
			return reply_fail(r, QD_BAD_CONTENT_TYPE, NULL, "expected multipart/form-data");
		if (!multipart_parse(r, &e))
			return reply_error(r, &e);
	} else if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
		return reply_fail(r, QD_BAD_CONTENT_TYPE, NULL, "expected a form");
	} else if (!form_parse(r, &e)) {
		return reply_error(r, &e);
	}
	/* A logged-in form carries the session's token; the login form the
	 * value of its pre-session cookie (double submit). */
	const char *sent = form_get(r, "_csrf");
	const char *want = r->authed ? r->csrf : req_cookie(r, "qd_pre");
	if (!sent || !want || !*want || strcmp(sent, want) != 0)
		return reply_fail(r, QD_FORBIDDEN, "_csrf",
				  "the form has expired or did not come from this site; reload it");
	*done = false;
	return MHD_YES;
}

static enum MHD_Result dispatch(struct req *r)
{
	if (open311_path(r->path))
		return open311_dispatch(r);
	enum method m = method_of(r->method);
	unsigned allowed = 0;
	r->route = find_route(api_routes, r, m, &allowed);
	if (!r->route)
		r->route = find_route(web_routes, r, m, &allowed);
	if (!r->route && allowed)
		return reply_fail(r, QD_METHOD, NULL, NULL); /* reply adds Allow */
	if (!r->route)
		return reply_fail(r, QD_NO_ROUTE, NULL, r->path);
	if (r->route->web) {
		bool done;
		enum MHD_Result res = prepare_web(r, &done);
		return done ? res : r->route->handler(r);
	}
	if (r->body_too_large)
		return too_large(r);
	if (r->route->body == BODY_FIELDS &&
	    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, NULL, NULL) > 0)
		return reply_fail(r, QD_BAD_PARAM, NULL, "this endpoint takes no query parameters");
	if (r->route->body == BODY_UPLOAD) {
		/* the raw file: the handler reads r->body */
	} else if (r->route->body && r->body.len == 0) {
		r->json = json_object(); /* an empty body is an empty object */
	} else if (r->route->body) {
		const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							      MHD_HTTP_HEADER_CONTENT_TYPE);
		if (!is_json_type(ct))
			return reply_fail(r, QD_BAD_CONTENT_TYPE, NULL, NULL);
		json_error_t je;
		r->json = json_loadb(r->body.p ? r->body.p : "", r->body.len,
				     JSON_REJECT_DUPLICATES, &je);
		if (!r->json || !json_is_object(r->json))
			return reply_fail(r, QD_BAD_JSON, NULL, r->json ? "not an object" : je.text);
	} else if (r->body.len) {
		return reply_fail(r, QD_BAD_PARAM, NULL, "this endpoint takes no body");
	}
	if (route_needs_login(r->route)) {
		const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_AUTHORIZATION);
		struct qd_error e = {0};
		if (!h || strncmp(h, "Bearer ", 7) != 0)
			return reply_fail(r, QD_UNAUTHENTICATED, NULL, "Authorization: Bearer <token>");
		if (app_authenticate(r->app, h + 7, &r->actor, &e) != QD_OK)
			return reply_error(r, &e);
		r->authed = true;
		if (r->actor.lang[0] && !MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
								      "Accept-Language"))
			snprintf(r->lang, sizeof r->lang, "%s", r->actor.lang);
	}
	return r->route->handler(r);
}

static void pick_lang(struct req *r)
{
	const char *al = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept-Language");
	snprintf(r->lang, sizeof r->lang, "%s", al && strncasecmp(al, "en", 2) == 0 ? "en" : "zh");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct listener *l = cls;
	(void)version;
	struct req *r = *con_cls;
	if (!r) {
		r = xcalloc(1, sizeof *r);
		r->conn = conn;
		r->app = &l->app;
		r->method = method;
		r->path = xstrndup(url, strnlen(url, URL_MAX + 1));
		pick_lang(r);
		r->body_max = body_limit(r);
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							      MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > r->body_max)
			r->body_too_large = true;
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_size) {
		if (r->body_too_large || r->body.len + *upload_size > r->body_max) {
			r->body_too_large = true; /* read to the end, keep nothing */
			buf_free(&r->body);
		} else {
			buf_append(&r->body, upload_data, *upload_size);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (strlen(r->path) > URL_MAX)
		return reply_fail(r, QD_BAD_PARAM, NULL, "URL too long");
	enum MHD_Result res = dispatch(r);
	/* No transaction may outlive a request. */
	if (r->app->st->ops->in_tx(r->app->st)) {
		fprintf(stderr, "qingdan: bug: transaction left open by %s %s\n", r->method, r->path);
		r->app->st->ops->rollback(r->app->st);
	}
	return res;
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static qd_err start_listener(struct listener *l, const struct serve_opts *o,
			     struct sockaddr_in *addr, struct qd_error *e)
{
	qd_err r = app_open(o->db, false, NULL, &l->app, e);
	if (r != QD_OK)
		return r;
	l->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
					MHD_USE_ERROR_LOG,
				0, NULL, NULL, on_request, l,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)addr,
				MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				MHD_OPTION_UNESCAPE_CALLBACK, unescape_no_nul, NULL,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
				MHD_OPTION_END);
	if (!l->d) {
		app_close(&l->app);
		return qd_fail(e, QD_INTERNAL, "port", "cannot listen on %s:%u: %s",
			       inet_ntoa(addr->sin_addr), ntohs(addr->sin_port), strerror(errno));
	}
	return QD_OK;
}

qd_err http_serve(const struct serve_opts *o, struct qd_error *e)
{
	int n = o->threads > 0 ? o->threads : 2;
	if (n > MAX_THREADS)
		return qd_fail(e, QD_BAD_PARAM, "threads", "at most %d", MAX_THREADS);
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)(o->port >= 0 ? o->port : 8080));
	if (inet_pton(AF_INET, o->address ? o->address : "127.0.0.1", &addr.sin_addr) != 1)
		return qd_fail(e, QD_BAD_PARAM, "address", "not an IPv4 address: %s", o->address);
	struct listener ls[MAX_THREADS] = {0};
	qd_err r = start_listener(&ls[0], o, &addr, e);
	if (r != QD_OK)
		return r;
	/* With port 0 the first daemon picks one; the others join it. */
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(ls[0].d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : ntohs(addr.sin_port);
	addr.sin_port = htons((uint16_t)port);
	int started = 1;
	for (; started < n && r == QD_OK; started++)
		r = start_listener(&ls[started], o, &addr, e);
	if (r == QD_OK) {
		if (o->port_file) {
			FILE *f = fopen(o->port_file, "w");
			if (f) {
				fprintf(f, "%u\n", port);
				fclose(f);
			}
		}
		printf("qingdan: listening on http://%s:%u/ (%d threads, time zone %s)\n",
		       o->address ? o->address : "127.0.0.1", port, n, date_timezone());
		fflush(stdout);
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGPIPE, SIG_IGN);
		while (!stop_flag)
			usleep(50 * 1000);
	} else {
		started--;
	}
	for (int i = 0; i < started; i++) {
		MHD_stop_daemon(ls[i].d);
		app_close(&ls[i].app);
	}
	return r;
}
