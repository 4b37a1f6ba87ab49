/* rates.c: the hotline rates for staff -
 *   GET /api/v1/rates?unit=&from=&to=          响应率, 解决率, 满意率, 重办率 of a
 *                                              subtree and the ranking of its
 *                                              children (rates_view_to_json)
 *   GET /api/v1/rates/records?unit=&from=&to=&part=&limit=&offset=
 *                                              the opinions behind one part of a
 *                                              figure, e.g. "response.within"
 *   GET /api/v1/rates/rules                    the rules in force
 *   PUT /api/v1/rates/rules                    replace them (top-level admin)
 * The period is of received days, by default the last two months
 * (app_default_period); figures come from counters (app_rates). */
#include "api.h"
#include "../app/rates_json.h"
#include "../util/date.h"
#include <stdlib.h>

/* A period from the query: what is missing comes from the default. */
enum MHD_Result api_rates(struct req *r)
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
	app_default_period(&from, &to);
	struct rates_view v;
	if (app_rates(r->app, &r->actor, unit, from, to, &v, &e) != QD_OK) {
		rates_view_free(&v);
		return reply_error(r, &e);
	}
	json_t *j = rates_view_to_json(&v);
	rates_view_free(&v);
	return reply_json_steal(r, 200, j);
}

enum MHD_Result api_rate_records(struct req *r)
{
	int64_t unit = 0, limit = PAGE_DEFAULT, offset = 0;
	int from = DAY_NONE, to = DAY_NONE;
	const char *part = NULL;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"from", IN_DAY, false, true, NULL, &from, false, false},
		{"to", IN_DAY, false, true, NULL, &to, false, false},
		{"part", IN_STRING, true, false, NULL, &part, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, false, false, NULL, &offset, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e) || !page_ok(&limit, offset, &e))
		return reply_error(r, &e);
	unit = default_unit(r, unit);
	app_default_period(&from, &to);
	struct opinion *v = NULL;
	int n = 0;
	bool more = false;
	if (app_rate_records(r->app, &r->actor, unit, from, to, part, (int)limit, (int)offset, &v,
			     &n, &more, &e) != QD_OK) {
		opinions_free(v, n);
		return reply_error(r, &e);
	}
	json_t *rows = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(rows, opinion_json(&v[i]));
	opinions_free(v, n);
	return reply_json_steal(
		r, 200,
		json_pack("{ss sI so so so sI sI sb so}", "part", part, "unit", (json_int_t)unit,
			  "from", json_day(from), "to", json_day(to), "opinions", rows, "limit",
			  (json_int_t)limit, "offset", (json_int_t)offset, "has_more", more,
			  "next_offset", more ? json_integer(offset + limit) : json_null()));
}

static enum MHD_Result reply_rules(struct req *r)
{
	struct rate_rules rr;
	struct qd_error e = {0};
	if (app_rate_rules(r->app, &rr, &e) != QD_OK)
		return reply_error(r, &e);
	char *s = rate_rules_json(&rr);
	json_t *j = json_loads(s, 0, NULL);
	free(s);
	if (!j)
		return reply_fail(r, QD_INTERNAL, NULL, "rules");
	return reply_json_steal(r, 200, j);
}

enum MHD_Result api_rate_rules_get(struct req *r)
{
	struct qd_error e = {0};
	struct in_field in[] = {IN_END};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	return reply_rules(r);
}

/* The body is the rules object itself (as GET answers it); the app parses
 * and checks it, so fields are not declared here. */
enum MHD_Result api_rate_rules_put(struct req *r)
{
	struct qd_error e = {0};
	char *json = json_dumps(r->json, JSON_COMPACT);
	if (!json)
		return reply_fail(r, QD_BAD_JSON, NULL, NULL);
	qd_err rc = app_rate_rules_set(r->app, &r->actor, json, &e);
	free(json);
	if (rc != QD_OK)
		return reply_error(r, &e);
	return reply_rules(r);
}
