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

#define READS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Open311 clients are machines holding an api_key for a unit's subtree
 * (NEED_CLIENT); staff logins count for nothing here. */
const struct o311_route open311_routes[] = {
	{.method = M_GET, .path = "/open311/discovery", .handler = o311_discovery,
	 .reads = READS(NULL), .access = ACCESS_PUBLIC},
	{.method = M_GET, .path = O311_BASE "/discovery", .handler = o311_discovery,
	 .reads = READS(NULL), .access = ACCESS_PUBLIC},
	{.method = M_GET, .path = O311_BASE "/services", .handler = o311_services,
	 .reads = READS("jurisdiction_id"), .access = ACCESS_PUBLIC},
	{.method = M_GET, .path = O311_BASE "/services", .arg = "service_code",
	 .handler = o311_service_definition, .reads = READS("jurisdiction_id"),
	 .access = ACCESS_PUBLIC},
	{.method = M_GET, .path = O311_BASE "/requests", .handler = o311_requests_get,
	 .reads = READS("api_key", "jurisdiction_id", "service_request_id", "service_code",
			"status", "start_date", "end_date"),
	 .access = {.need = NEED_PUBLIC,
		    .note = "an api_key adds text and place of the requests in its subtree"}},
	{.method = M_POST, .path = O311_BASE "/requests", .handler = o311_requests_post,
	 .reads = READS("api_key", "jurisdiction_id", "service_code", "lat", "long",
			"address_string", "address_id", "description", "first_name", "last_name",
			"phone", "email", "attribute[unit]"),
	 .access = {.need = NEED_CLIENT, .target = TG_UNIT,
		    .note = "attribute[unit], else the jurisdiction, else the client's unit"}},
	{.method = M_GET, .path = O311_BASE "/requests", .arg = "service_request_id",
	 .handler = o311_request_get, .reads = READS("api_key", "jurisdiction_id"),
	 .access = {.need = NEED_PUBLIC,
		    .note = "an api_key adds text and place of a request in its subtree"}},
	{.method = M_GET, .path = O311_BASE "/tokens", .arg = "token", .handler = o311_tokens,
	 .reads = READS("api_key"),
	 .access = {.need = NEED_CLIENT, .target = TG_REQUEST, .hides = true,
		    .note = "the client that posted the request; outside the matrix's subtree "
			    "another client posted it"}},
	{.method = M_GET, .path = O311_BASE "/servicerequestupdates", .handler = o311_updates_get,
	 .reads = READS("api_key", "jurisdiction_id", "start_date", "end_date"),
	 .access = ACCESS_CLIENT(TG_AREA)},
	{.method = M_POST, .path = O311_BASE "/servicerequestupdates", .handler = o311_updates_post,
	 .reads = READS("api_key", "jurisdiction_id", "service_request_id", "status", "update_id",
			"description", "updated_datetime", "satisfaction"),
	 .access = {.need = NEED_CLIENT, .target = TG_REQUEST, .hides = true}},
	{.path = NULL},
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
	for (const struct o311_route *rt = open311_routes; rt->path && !found; rt++) {
		const char *arg = match(rt, stem);
		if (!arg)
			continue;
		allowed |= rt->method;
		if (rt->method == m) {
			found = rt;
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
