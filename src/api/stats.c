/* stats.c: GET /api/v1/stats?unit=ID&from=&to= - the statistics of a
 * subtree for items found in [from, to], answered from counters. */
#include "api.h"
#include "../app/stats_json.h"
#include "../util/date.h"

enum MHD_Result api_stats(struct req *r)
{
	int64_t unit = 0;
	int from = DAY_NONE, to = DAY_NONE;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"from", IN_DAY, false, true, NULL, &from, false, false},
		{"to", IN_DAY, false, true, NULL, &to, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	unit = default_unit(r, unit);
	struct stat_result res = {0};
	if (app_stats(r->app, &r->actor, unit, from, to, &res, &e) != QD_OK) {
		stat_result_free(&res);
		return reply_error(r, &e);
	}
	json_t *o = stats_to_json(&res);
	stat_result_free(&res);
	json_object_set_new(o, "unit_id", json_integer(unit));
	json_object_set_new(o, "from", json_day(from));
	json_object_set_new(o, "to", json_day(to));
	return reply_json_steal(r, 200, o);
}
