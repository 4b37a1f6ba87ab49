/* item_create.c: POST /api/v1/items - put a problem, deed or case on the
 * list. found_on defaults to today; due_working_days computes due_on from
 * the holiday calendar; already_fixed records an immediate item as fixed. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"

enum MHD_Result api_item_create(struct req *r)
{
	struct item_input in_ = {0};
	struct item *it = &in_.it;
	item_init(it);
	int64_t category = 0, unit = 0, responsible = 0, wdays = 0;
	const char *title = NULL, *detail = NULL, *ext = NULL;
	it->kind = IK_PROBLEM;
	it->found_on = day_today();
	struct in_field in[] = {
		{"kind", IN_CODE, false, false, &T_ITEM_KIND, &it->kind, false, false},
		{"source", IN_CODE, true, false, &T_SOURCE, &it->source, false, false},
		{"level", IN_CODE, false, true, &T_LEVEL, &it->level, false, false},
		{"category_id", IN_INT, false, true, NULL, &category, false, false},
		{"title", IN_STRING, true, false, NULL, &title, false, false},
		{"detail", IN_STRING, false, true, NULL, &detail, false, false},
		{"unit_id", IN_INT, true, false, NULL, &unit, false, false},
		{"responsible_id", IN_INT, false, true, NULL, &responsible, false, false},
		{"mode", IN_CODE, true, false, &T_MODE, &it->mode, false, false},
		{"found_on", IN_DAY, false, false, NULL, &it->found_on, false, false},
		{"due_on", IN_DAY, false, true, NULL, &it->due_on, false, false},
		{"due_working_days", IN_INT, false, false, NULL, &wdays, false, false},
		{"already_fixed", IN_BOOL, false, false, NULL, &in_.already_fixed, false, false},
		{"ext_id", IN_STRING, false, true, NULL, &ext, false, false},
		{"case_type", IN_CODE, false, true, &T_CASE_TYPE, &it->case_type, false, false},
		{"funds", IN_INT, false, true, NULL, &it->funds, false, false},
		{"beneficiaries", IN_INT, false, true, NULL, &it->beneficiaries, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	if (wdays > 1000)
		return reply_fail(r, QD_BAD_FIELD, "due_working_days", "at most 1000");
	it->category_id = category;
	it->unit_id = unit;
	it->responsible_id = responsible;
	it->title = xstrdup(title);
	it->detail = xstrdup(detail ? detail : "");
	it->ext_id = xstrdup(ext);
	in_.due_working_days = (int)wdays;
	enum MHD_Result res = app_item_create(r->app, &r->actor, &in_, &e) == QD_OK
				      ? reply_json_steal(r, 201, item_json(it))
				      : reply_error(r, &e);
	item_clear(it);
	return res;
}
