/* units.c: GET /api/v1/units?under=ID&depth=N (the tree below a unit, or
 * the actor's scopes), GET /api/v1/units/:id. */
#include "api.h"

enum MHD_Result api_units_list(struct req *r)
{
	int64_t under = 0, depth = 1;
	struct in_field in[] = {
		{"under", IN_INT, false, false, NULL, &under, false, false},
		{"depth", IN_INT, false, false, NULL, &depth, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	if (depth > 10)
		return reply_fail(r, QD_BAD_PARAM, "depth", "at most 10");
	struct unit_array units = {0};
	qd_err rc = under ? app_unit_tree(r->app, &r->actor, under, (int)depth, &units, &e)
			  : app_unit_roots(r->app, &r->actor, &units, &e);
	if (rc != QD_OK) {
		unit_array_free(&units);
		return reply_error(r, &e);
	}
	json_t *arr = json_array();
	for (int i = 0; i < units.n; i++)
		json_array_append_new(arr, unit_json(&units.v[i]));
	unit_array_free(&units);
	return reply_json_steal(r, 200, json_pack("{so}", "units", arr));
}

enum MHD_Result api_unit_get(struct req *r)
{
	int64_t id;
	struct qd_error e = {0};
	struct in_field in[] = {IN_END};
	if (!in_query(r, in, &e) || !arg_id(r, 0, &id, &e))
		return reply_error(r, &e);
	struct unit u = {0};
	if (app_unit_get(r->app, &r->actor, id, &u, &e) != QD_OK)
		return reply_error(r, &e);
	json_t *o = unit_json(&u);
	unit_clear(&u);
	return reply_json_steal(r, 200, o);
}
