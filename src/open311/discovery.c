/* discovery.c: GET /open311/discovery.{xml,json} (also under /open311/v2/):
 * the spec's Service Discovery document - whom to ask, how to get a key,
 * and the one GeoReport v2 endpoint this server is. */
#include "o311.h"
#include "../util/buf.h"
#include <string.h>
#include <strings.h>

/* The endpoint's URL from the Host header the client used, when it looks
 * like a host name or address; else a path on this server. */
static json_t *endpoint_url(struct req *r)
{
	const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							MHD_HTTP_HEADER_HOST);
	size_t n = host ? strlen(host) : 0;
	bool ok = n > 0 && n <= 255;
	for (size_t i = 0; ok && i < n; i++)
		ok = (host[i] >= 'a' && host[i] <= 'z') || (host[i] >= 'A' && host[i] <= 'Z') ||
		     (host[i] >= '0' && host[i] <= '9') || strchr(".-:[]", host[i]);
	if (!ok)
		return json_string(O311_BASE);
	const char *proto = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							 "X-Forwarded-Proto");
	struct buf u = BUF_INIT;
	buf_printf(&u, "%s://%s" O311_BASE, proto && strcasecmp(proto, "https") == 0 ? "https" : "http",
		   host);
	json_t *j = json_string(buf_str(&u));
	buf_free(&u);
	return j;
}

enum MHD_Result o311_discovery(struct o311_req *q)
{
	json_t *endpoint = json_object();
	json_object_set_new(endpoint, "specification",
			    json_string("http://wiki.open311.org/GeoReport_v2"));
	json_object_set_new(endpoint, "url", endpoint_url(q->r));
	json_object_set_new(endpoint, "changeset", json_string(O311_CHANGESET));
	json_object_set_new(endpoint, "type", json_string("production"));
	json_object_set_new(endpoint, "formats",
			    json_pack("[ss]", "text/xml", "application/json"));
	json_t *d = json_object();
	json_object_set_new(d, "changeset", json_string(O311_CHANGESET));
	json_object_set_new(d, "contact",
			    json_string("本县 12345 平台或本系统管理员 / the county's 12345 platform "
					"or the administrator of this server"));
	json_object_set_new(d, "key_service",
			    json_string("api_key 由系统管理员发放（qingdan open311 add）/ keys are "
					"issued by the administrator (qingdan open311 add)"));
	json_object_set_new(d, "endpoints", json_pack("[o]", endpoint));
	return o311_reply_steal(q, "discovery", d);
}
