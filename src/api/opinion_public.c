/* opinion_public.c: the submitter's side, no login -
 *   GET  /api/v1/public/opinions/:code        where the opinion stands
 *   POST /api/v1/public/opinions/:code/rate   {rating, comment?} once, after
 *                                             the answer; unsatisfied needs a
 *                                             comment and reopens the item
 * Only what the submitter needs: no names, no contact, nothing of the item
 * but its status and closure type. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/date.h"

static json_t *public_json(struct req *r, const struct opinion *o)
{
	struct store *st = r->app->st;
	json_t *j = json_object();
	json_object_set_new(j, "code", json_string(o->code));
	json_object_set_new(j, "status", json_code(&T_OPINION_STATUS, o->status));
	json_object_set_new(j, "channel", json_code(&T_CHANNEL, o->channel));
	struct unit u = {0};
	json_object_set_new(j, "unit",
			    st->ops->unit_get(st, o->unit_id, &u) == QD_OK
				    ? json_pack("{ss}", "name", u.name)
				    : json_null());
	unit_clear(&u);
	json_object_set_new(j, "received_at", json_time(o->received_at));
	json_object_set_new(j, "received_on", json_day(day_of_time(o->received_at)));
	json_object_set_new(j, "reply", json_str_or_null(o->reply));
	json_object_set_new(j, "replied_at", json_time(o->replied_at));
	json_object_set_new(j, "reject_reason", json_str_or_null(o->reject_reason));
	json_t *item = json_null();
	if (o->item_id > 0) {
		struct item it;
		item_init(&it);
		if (st->ops->item_get(st, o->item_id, &it) == QD_OK)
			item = json_pack("{so so}", "status", json_code(&T_STATUS, it.status),
					 "closure", json_code(&T_CLOSURE, it.closure));
		item_clear(&it);
	}
	json_object_set_new(j, "item", item);
	json_object_set_new(j, "resolution", json_str_or_null(o->resolution));
	json_object_set_new(j, "rating", json_code(&T_RATING, o->rating));
	json_object_set_new(j, "rating_comment", json_str_or_null(o->rating_comment));
	json_object_set_new(j, "rated_at", json_time(o->rated_at));
	return j;
}

static enum MHD_Result reply_public(struct req *r, const char *code)
{
	struct qd_error e = {0};
	struct opinion o;
	enum MHD_Result res = app_opinion_public(r->app, code, &o, &e) == QD_OK
				      ? reply_json_steal(r, 200, public_json(r, &o))
				      : reply_error(r, &e);
	opinion_clear(&o);
	return res;
}

enum MHD_Result api_public_opinion_get(struct req *r)
{
	struct qd_error e = {0};
	struct in_field in[] = {IN_END};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	return reply_public(r, r->args[0]);
}

enum MHD_Result api_public_opinion_rate(struct req *r)
{
	int rating = -1;
	const char *comment = NULL;
	struct in_field in[] = {
		{"rating", IN_CODE, true, false, &T_RATING, &rating, false, false},
		{"comment", IN_STRING, false, true, NULL, &comment, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!tracking_code_ok(r->args[0]))
		return reply_fail(r, QD_NOT_FOUND, "code", NULL);
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	if (comment && !*comment)
		comment = NULL;
	if (app_opinion_rate(r->app, r->args[0], rating, comment, &e) != QD_OK)
		return reply_error(r, &e);
	return reply_public(r, r->args[0]);
}
