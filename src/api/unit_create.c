/* unit_create.c: POST /api/v1/units {parent_id, kind, name, code?}. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"

enum MHD_Result api_unit_create(struct req *r)
{
	int64_t parent = 0;
	int kind = -1;
	const char *name = NULL, *code = NULL;
	struct in_field in[] = {
		{"parent_id", IN_INT, true, false, NULL, &parent, false, false},
		{"kind", IN_CODE, true, false, &T_UNIT_KIND, &kind, false, false},
		{"name", IN_STRING, true, false, NULL, &name, false, false},
		{"code", IN_STRING, false, true, NULL, &code, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	struct unit u = {0};
	u.parent_id = parent;
	u.kind = kind;
	u.name = xstrdup(name);
	u.code = xstrdup(code);
	enum MHD_Result res;
	if (app_unit_add(r->app, &r->actor, &u, &e) != QD_OK)
		res = reply_error(r, &e);
	else
		res = reply_json_steal(r, 201, unit_json(&u));
	unit_clear(&u);
	return res;
}
