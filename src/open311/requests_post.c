/* requests_post.c: POST /open311/v2/requests.{xml,json} - a client posts a
 * service request: an opinion of channel open311 (app_o311_submit) for the
 * unit of attribute[unit], else the jurisdiction named, else the client's
 * own unit; it must lie in the client's subtree (403 otherwise).
 *
 * The reply carries the request's id and, as its token, the tracking code:
 * the posting platform holds it for the submitter (GET tokens/{token} asks
 * for the same client's api_key). This reply and tokens/ are the only
 * Open311 replies with a tracking code; none carries a name or contact. */
#include "o311.h"
#include "../util/alloc.h"
#include "../domain/tree.h"
#include <string.h>

#define SERVICE_NOTICE \
	"已收到，将按规定时限办理并答复 / received; it will be handled and answered in time"

/* The unit the request is for: 0 for the client's own. */
static qd_err unit_of(struct o311_req *q, const struct o311_post *p, const struct unit *jur,
		      int64_t *out, struct qd_error *e)
{
	*out = 0;
	if (!p->unit) {
		if (o311_get(q->kv, q->nkv, "jurisdiction_id"))
			*out = jur->id;
		return QD_OK;
	}
	struct unit u = {0};
	qd_err r = app_o311_jurisdiction(q->r->app, p->unit, &u, e); /* by code or id */
	if (r == QD_OK && !path_covers(jur->path, u.path))
		r = QD_NOT_FOUND;
	if (r == QD_OK)
		*out = u.id;
	unit_clear(&u);
	if (r == QD_NOT_FOUND)
		return qd_fail(e, QD_BAD_PARAM, "attribute[unit]",
			       "not a unit of this jurisdiction (see the service definition)");
	return r;
}

enum MHD_Result o311_requests_post(struct o311_req *q)
{
	struct qd_error e = {0};
	struct o311_client c = {0};
	struct o311_post p = {0};
	struct unit jur = {0};
	struct category cat = {0};
	struct opinion o;
	opinion_init(&o);
	qd_err r = o311_client_of(q, true, &c, &e);
	if (r == QD_OK && !o311_parse_post(q->kv, q->nkv, &p, &e))
		r = QD_BAD_PARAM;
	if (r == QD_OK)
		r = o311_jurisdiction_of(q, &jur, &e);
	if (r == QD_OK)
		r = o311_service_of(q, p.service_code, &cat, &e);
	if (r == QD_OK)
		r = unit_of(q, &p, &jur, &o.unit_id, &e);
	if (r == QD_OK) {
		o.category_id = cat.id;
		o.text = xstrdup(p.description);
		o.address = xstrdup(p.address);
		o.has_location = p.has_location;
		o.lat = p.lat;
		o.lon = p.lon;
		o.submitter_name = xstrdup(p.name);
		o.submitter_contact = xstrdup(p.contact);
		r = app_o311_submit(q->r->app, &c, &o, &e);
	}
	enum MHD_Result res;
	if (r == QD_OK) {
		json_t *req = json_object();
		json_object_set_new(req, "service_request_id", json_integer(o.id));
		json_object_set_new(req, "token", json_string(o.code));
		json_object_set_new(req, "service_notice", json_string(SERVICE_NOTICE));
		json_object_set_new(req, "account_id", json_null());
		res = o311_reply_steal(q, "service_requests", json_pack("[o]", req));
	} else {
		res = o311_error(q, &e);
	}
	opinion_clear(&o);
	category_clear(&cat);
	unit_clear(&jur);
	o311_post_clear(&p);
	o311_client_clear(&c);
	return res;
}
