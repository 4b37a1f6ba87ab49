/* report.c: GET /api/v1/report?unit=&from=&to=&lang= - the campaign report
 * of a unit's subtree (default: the actor's first scope) for items found
 * and opinions received in [from, to] (default: everything up to today),
 * with the summary paragraph in lang (zh or en; default: the request's
 * language). Answered from counters (app_report); see report_json.h. */
#include "api.h"
#include "../app/report_json.h"
#include "../util/date.h"
#include <string.h>

enum MHD_Result api_report(struct req *r)
{
	int64_t unit = 0;
	int from = DAY_NONE, to = DAY_NONE;
	const char *lang = NULL;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"from", IN_DAY, false, true, NULL, &from, false, false},
		{"to", IN_DAY, false, true, NULL, &to, false, false},
		{"lang", IN_STRING, false, true, NULL, &lang, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	if (lang && *lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
		return reply_fail(r, QD_BAD_PARAM, "lang", "zh or en");
	unit = default_unit(r, unit);
	struct report rep;
	if (app_report(r->app, &r->actor, unit, from, to, &rep, &e) != QD_OK)
		return reply_error(r, &e);
	json_t *o = report_to_json(&rep, lang && *lang ? lang : r->lang);
	report_clear(&rep);
	return reply_json_steal(r, 200, o);
}
