/* item_action.c: POST /api/v1/items/:ref/:action - the state machine:
 * start, request_signoff, signoff {closure, reason?}, sendback {reason},
 * reopen {reason}, claim. */
#include "api.h"
#include "../domain/codes.h"

enum MHD_Result api_item_action(struct req *r)
{
	int act = code_parse(&T_ITEM_ACTION, r->args[1]);
	if (act < 0)
		return reply_fail(r, QD_NO_ROUTE, "action", r->args[1]);
	int closure = -1;
	const char *reason = NULL;
	struct in_field in[] = {
		{"closure", IN_CODE, false, false, &T_CLOSURE, &closure, false, false},
		{"reason", IN_STRING, false, true, NULL, &reason, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	if (in[0].present && act != IA_SIGNOFF)
		return reply_fail(r, QD_UNKNOWN_FIELD, "closure", "only for signoff");
	struct item it;
	if (app_item_get(r->app, &r->actor, r->args[0], &it, &e) != QD_OK)
		return reply_error(r, &e);
	int64_t id = it.id;
	item_clear(&it);
	if (app_item_act(r->app, &r->actor, id, act, closure, reason, &it, &e) != QD_OK)
		return reply_error(r, &e);
	json_t *o = item_json(&it);
	item_clear(&it);
	return reply_json_steal(r, 200, o);
}
