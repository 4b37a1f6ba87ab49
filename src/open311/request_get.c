/* request_get.c: GET /open311/v2/requests/{id}.{xml,json} - one request of
 * the jurisdiction, as an array of one (the spec's shape); 404 when there
 * is none there. api_key optional, as for the list. */
#include "o311.h"
#include <stdio.h>

enum MHD_Result o311_request_get(struct o311_req *q)
{
	struct qd_error e = {0};
	int64_t id;
	if (!o311_parse_id(q->arg, &id))
		return o311_fail(q, 404, "no such request");
	struct o311_client c = {0};
	struct unit jur = {0};
	qd_err r = o311_client_of(q, false, &c, &e);
	if (r == QD_OK)
		r = o311_jurisdiction_of(q, &jur, &e);
	enum MHD_Result res;
	if (r == QD_OK) {
		char ids[32];
		snprintf(ids, sizeof ids, "[%lld]", (long long)id);
		struct opinion_query oq;
		opinion_query_init(&oq, jur.path);
		oq.ids_json = ids;
		oq.limit = 1;
		res = o311_reply_requests(q, &c, &jur, &oq, true);
	} else {
		res = o311_error(q, &e);
	}
	unit_clear(&jur);
	o311_client_clear(&c);
	return res;
}
