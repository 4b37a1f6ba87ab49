/* unit_update.c: PATCH /api/v1/units/:id {name?, kind?, code?, active?} -
 * rename, change kind or code, deactivate or reactivate. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"

enum MHD_Result api_unit_update(struct req *r)
{
	int64_t id;
	int kind = -1;
	const char *name = NULL, *code = NULL;
	bool active = true;
	struct in_field in[] = {
		{"name", IN_STRING, false, false, NULL, &name, false, false},
		{"kind", IN_CODE, false, false, &T_UNIT_KIND, &kind, false, false},
		{"code", IN_STRING, false, true, NULL, &code, false, false},
		{"active", IN_BOOL, false, false, NULL, &active, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!arg_id(r, 0, &id, &e) || !in_json(r, in, &e))
		return reply_error(r, &e);
	struct unit u = {0};
	if (app_unit_get(r->app, &r->actor, id, &u, &e) != QD_OK)
		return reply_error(r, &e);
	if (in[0].present)
		xstrset(&u.name, name);
	if (in[1].present)
		u.kind = kind;
	if (in[2].present)
		xstrset(&u.code, code);
	if (in[3].present)
		u.active = active;
	enum MHD_Result res;
	if (app_unit_update(r->app, &r->actor, &u, &e) != QD_OK) {
		res = reply_error(r, &e);
	} else {
		struct unit fresh = {0};
		r->app->st->ops->unit_get(r->app->st, id, &fresh);
		res = reply_json_steal(r, 200, unit_json(&fresh));
		unit_clear(&fresh);
	}
	unit_clear(&u);
	return res;
}

/* POST /api/v1/units/:id/move {parent_id} */
enum MHD_Result api_unit_move(struct req *r)
{
	int64_t id, parent = 0;
	struct in_field in[] = {
		{"parent_id", IN_INT, true, false, NULL, &parent, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!arg_id(r, 0, &id, &e) || !in_json(r, in, &e))
		return reply_error(r, &e);
	if (app_unit_move(r->app, &r->actor, id, parent, &e) != QD_OK)
		return reply_error(r, &e);
	struct unit u = {0};
	if (app_unit_get(r->app, &r->actor, id, &u, &e) != QD_OK)
		return reply_error(r, &e);
	json_t *o = unit_json(&u);
	unit_clear(&u);
	return reply_json_steal(r, 200, o);
}
