/* calendar.c: PUT /api/v1/calendar/:day {kind: "off"|"on"|null} - mark a
 * holiday, a worked weekend day, or clear the day's exception. */
#include "api.h"
#include "../util/date.h"
#include <string.h>

enum MHD_Result api_calendar_set(struct req *r)
{
	int day;
	const char *kind = NULL;
	struct in_field in[] = {
		{"kind", IN_STRING, true, true, NULL, &kind, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!day_parse(r->args[0], &day))
		return reply_fail(r, QD_BAD_PARAM, "day", "expected YYYY-MM-DD");
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	if (kind && strcmp(kind, "off") != 0 && strcmp(kind, "on") != 0)
		return reply_fail(r, QD_BAD_FIELD, "kind", "off, on or null");
	if (app_calendar_set(r->app, &r->actor, day, kind, &e) != QD_OK)
		return reply_error(r, &e);
	return reply_json_steal(r, 200, json_pack("{so so}", "day", json_day(day), "kind",
						  json_str_or_null(kind)));
}
