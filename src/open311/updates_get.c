/* updates_get.c: GET /open311/v2/servicerequestupdates.{xml,json} -
 * FixMyStreet's extension: qingdan's own updates (accepted, replied,
 * answered, rejected, handled again, rated) of the requests in the client's
 * subtree within the jurisdiction, oldest first, at most 1000, updated in
 * [start_date, end_date] (at most 90 days; by default the last 90 days). A
 * client reads on from the last updated_datetime it saw. Statuses in lower
 * case (open, in_progress, fixed, closed, not_councils_responsibility), as
 * FixMyStreet reads them. Needs an api_key. */
#include "o311.h"
#include "../util/date.h"
#include <ctype.h>

static json_t *update_json(const struct opinion_update *u)
{
	char status[UPDATE_STATUS_LEN];
	size_t i = 0;
	for (; u->status[i] && i + 1 < sizeof status; i++)
		status[i] = (char)tolower((unsigned char)u->status[i]);
	status[i] = '\0';
	json_t *j = json_object();
	json_object_set_new(j, "update_id", json_integer(u->id));
	json_object_set_new(j, "service_request_id", json_integer(u->opinion_id));
	json_object_set_new(j, "status", json_string(status));
	json_object_set_new(j, "description", json_str_or_null(u->description));
	json_object_set_new(j, "updated_datetime", json_time(u->at));
	json_object_set_new(j, "media_url", json_null());
	return j;
}

enum MHD_Result o311_updates_get(struct o311_req *q)
{
	struct qd_error e = {0};
	struct o311_client c = {0};
	struct unit jur = {0};
	struct opinion_update *v = NULL;
	int n = 0;
	bool more = false;
	int64_t from = 0, to = 0;
	qd_err r = o311_client_of(q, true, &c, &e);
	if (r == QD_OK)
		r = o311_jurisdiction_of(q, &jur, &e);
	if (r == QD_OK && !o311_parse_window(o311_get(q->kv, q->nkv, "start_date"),
					     o311_get(q->kv, q->nkv, "end_date"), time_now(), &from,
					     &to, &e))
		r = QD_BAD_PARAM;
	if (r == QD_OK)
		r = app_o311_updates(q->r->app, &c, &jur, from, to, O311_LIST_MAX, &v, &n, &more, &e);
	enum MHD_Result res;
	if (r == QD_OK) {
		json_t *list = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(list, update_json(&v[i]));
		res = o311_reply_steal(q, "service_request_updates", list);
	} else {
		res = o311_error(q, &e);
	}
	opinion_updates_free(v, n);
	unit_clear(&jur);
	o311_client_clear(&c);
	return res;
}
