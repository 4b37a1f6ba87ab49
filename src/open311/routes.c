/* routes.c: the Open311 route table and its dispatcher.
 *
 * server.c hands every path under /open311/ here before the API and web
 * tables. The format comes from the URL's extension (no known extension:
 * 404 in XML, the spec's required format); then the route by path and
 * method (405 with Allow), the body size (413), the parameters (GET: the
 * query string, no body; POST: a form body, the query string not read),
 * and the handler. No sessions and no CSRF: api_keys identify clients. */
#include "o311.h"
#include "../util/alloc.h"
#include <string.h>
#include <strings.h>

struct o311_route {
	enum method method;
	const char *path; /* the URL without its .xml / .json */
	bool arg;         /* path + "/" + one more segment, handed over as q->arg */
	o311_handler handler;
	const char *const *reads; /* the parameters it reads: each at most once */
};

#define READS(...) ((const char *const[]){__VA_ARGS__, NULL})

static const struct o311_route routes[] = {
	{M_GET, "/open311/discovery", false, o311_discovery, READS(NULL)},
	{M_GET, O311_BASE "/discovery", false, o311_discovery, READS(NULL)},
	{M_GET, O311_BASE "/services", false, o311_services, READS("jurisdiction_id")},
	{M_GET, O311_BASE "/services", true, o311_service_definition, READS("jurisdiction_id")},
	{M_GET, O311_BASE "/requests", false, o311_requests_get,
	 READS("api_key", "jurisdiction_id", "service_request_id", "service_code", "status",
	       "start_date", "end_date")},
	{M_POST, O311_BASE "/requests", false, o311_requests_post,
	 READS("api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string",
	       "address_id", "description", "first_name", "last_name", "phone", "email",
	       "attribute[unit]")},
	{M_GET, O311_BASE "/requests", true, o311_request_get, READS("api_key", "jurisdiction_id")},
	{M_GET, O311_BASE "/tokens", true, o311_tokens, READS("api_key")},
	{M_GET, O311_BASE "/servicerequestupdates", false, o311_updates_get,
	 READS("api_key", "jurisdiction_id", "start_date", "end_date")},
	{M_POST, O311_BASE "/servicerequestupdates", false, o311_updates_post,
	 READS("api_key", "jurisdiction_id", "service_request_id", "status", "update_id",
	       "description", "updated_datetime", "satisfaction")},
};

bool open311_path(const char *path)
{
	return strncmp(path, "/open311/", 9) == 0 || strcmp(path, "/open311") == 0;
}

/* The part of stem after rt's path ("" without an argument), or NULL. */
static const char *match(const struct o311_route *rt, const char *stem)
{
	size_t n = strlen(rt->path);
	if (strncmp(stem, rt->path, n) != 0)
		return NULL;
	if (!rt->arg)
		return stem[n] == '\0' ? stem + n : NULL;
	if (stem[n] != '/' || stem[n + 1] == '\0' || strchr(stem + n + 1, '/'))
		return NULL;
	return stem + n + 1;
}

static enum method method_of(const char *m)
{
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return M_GET;
	return strcmp(m, "POST") == 0 ? M_POST : 0;
}

struct kv_list {
	struct o311_kv *v;
	int n, cap;
};

static void kv_add(struct kv_list *l, const char *key, const char *value)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap);
	}
	l->v[l->n].key = key;
	l->v[l->n].value = value ? value : "";
	l->n++;
}

static enum MHD_Result on_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				    const char *value)
{
	(void)kind;
	kv_add(cls, key, value);
	return MHD_YES;
}

/* The parameters of r into l; false with e when the request is malformed. */
static bool read_params(struct req *r, enum method m, struct kv_list *l, struct qd_error *e)
{
	if (m == M_GET) {
		if (r->body.len)
			return qd_fail(e, QD_BAD_PARAM, NULL, "a GET request takes no body"), false;
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, on_query_arg, l);
		return true;
	}
	if (r->body.len == 0)
		return true; /* no parameters at all */
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
		return qd_fail(e, QD_BAD_CONTENT_TYPE, NULL,
			       "POST parameters as application/x-www-form-urlencoded"), false;
	if (!form_parse(r, e))
		return false;
	for (int i = 0; i < r->nform; i++)
		kv_add(l, r->form[i].key, r->form[i].value);
	return true;
}

enum MHD_Result open311_dispatch(struct req *r)
{
	struct o311_req q = {r, O311_XML, NULL, NULL, 0};
	char stem[URL_MAX + 1];
	if (!o311_format_of(r->path, stem, sizeof stem, &q.fmt))
		return o311_fail(&q, 404, "no such resource: Open311 URLs end in .xml or .json");
	enum method m = method_of(r->method);
	const struct o311_route *found = NULL;
	unsigned allowed = 0;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0] && !found; i++) {
		const char *arg = match(&routes[i], stem);
		if (!arg)
			continue;
		allowed |= routes[i].method;
		if (routes[i].method == m) {
			found = &routes[i];
			q.arg = arg;
		}
	}
	if (!found && !allowed)
		return o311_fail(&q, 404, "no such resource");
	if (!found) {
		const char *allow = allowed == M_POST ? "POST" : allowed == M_GET ? "GET" : "GET, POST";
		req_add_header(r, MHD_HTTP_HEADER_ALLOW, allow);
		return o311_fail(&q, 405, "method not allowed");
	}
	if (r->body_too_large)
		return o311_fail(&q, 413, "request body over 65536 bytes");
	struct kv_list l = {0};
	struct qd_error e = {0};
	enum MHD_Result res;
	if (!read_params(r, m, &l, &e) || !o311_kv_check(l.v, l.n, found->reads, &e)) {
		res = o311_error(&q, &e);
	} else {
		q.kv = l.v;
		q.nkv = l.n;
		res = found->handler(&q);
	}
	free(l.v);
	return res;
}
