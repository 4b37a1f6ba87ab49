/* updates_post.c: POST /open311/v2/servicerequestupdates.{xml,json} -
 * FixMyStreet's extension: a client pushes an update of a request in its
 * subtree (app_o311_push_update): status in upper case (OPEN, CLOSED,
 * FIXED, IN_PROGRESS, ..., REOPEN), description, and update_id, its own id,
 * which makes a repeated push one update. It is kept for staff; it changes
 * nothing else, except our extension `satisfaction` (satisfied, basic,
 * unsatisfied or 满意, 基本满意, 不满意, with description as the comment):
 * the submitter's rating of the answer, given through the platform -
 * 不满意 reopens the item. The reply names our update id. */
#include "o311.h"

enum MHD_Result o311_updates_post(struct o311_req *q)
{
	struct qd_error e = {0};
	struct o311_client c = {0};
	struct o311_update u;
	struct opinion_update out = {0};
	qd_err r = o311_client_of(q, true, &c, &e);
	if (r == QD_OK && o311_get(q->kv, q->nkv, "jurisdiction_id")) {
		struct unit jur = {0};
		r = o311_jurisdiction_of(q, &jur, &e);
		unit_clear(&jur);
	}
	if (r == QD_OK && !o311_parse_update(q->kv, q->nkv, &u, &e))
		r = QD_BAD_PARAM;
	if (r == QD_OK)
		r = app_o311_push_update(q->r->app, &c, u.request_id, u.status, u.description,
					 u.update_id, u.rating, u.description, &out, &e);
	enum MHD_Result res =
		r == QD_OK ? o311_reply_steal(q, "service_request_updates",
					      json_pack("[{sI}]", "update_id", (json_int_t)out.id))
			   : o311_error(q, &e);
	opinion_update_clear(&out);
	o311_client_clear(&c);
	return res;
}
