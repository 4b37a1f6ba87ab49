/* tokens.c: GET /open311/v2/tokens/{token}.{xml,json} - the request id of a
 * token. Tokens are tracking codes, given only to the client that posted
 * the request (requests_post.c), so this needs that client's api_key: any
 * other token, or another client's, is a 404. */
#include "o311.h"

enum MHD_Result o311_tokens(struct o311_req *q)
{
	struct qd_error e = {0};
	struct o311_client c = {0};
	struct opinion o;
	opinion_init(&o);
	qd_err r = o311_client_of(q, true, &c, &e);
	if (r == QD_OK)
		r = app_opinion_public(q->r->app, q->arg, &o, &e); /* 404 for a bad shape too */
	if (r == QD_OK && o.client_id != c.id)
		r = qd_fail(&e, QD_NOT_FOUND, "token", NULL);
	enum MHD_Result res;
	if (r == QD_OK)
		res = o311_reply_steal(q, "service_requests",
				       json_pack("[{sI ss}]", "service_request_id", (json_int_t)o.id,
						 "token", o.code));
	else
		res = o311_error(q, &e);
	opinion_clear(&o);
	o311_client_clear(&c);
	return res;
}
