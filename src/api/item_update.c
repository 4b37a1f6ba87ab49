/* item_update.c: PATCH /api/v1/items/:ref - edit an open item's fields.
 * "version" (as read) is required so that concurrent edits are refused. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"

enum MHD_Result api_item_update(struct req *r)
{
	struct qd_error e = {0};
	struct item it;
	if (app_item_get(r->app, &r->actor, r->args[0], &it, &e) != QD_OK)
		return reply_error(r, &e);
	int64_t version = 0, category = it.category_id, unit = it.unit_id,
		responsible = it.responsible_id;
	const char *title = NULL, *detail = NULL, *ext = NULL;
	struct in_field in[] = {
		{"version", IN_INT, true, false, NULL, &version, false, false},
		{"kind", IN_CODE, false, false, &T_ITEM_KIND, &it.kind, false, false},
		{"source", IN_CODE, false, false, &T_SOURCE, &it.source, false, false},
		{"level", IN_CODE, false, true, &T_LEVEL, &it.level, false, false},
		{"category_id", IN_INT, false, true, NULL, &category, false, false},
		{"title", IN_STRING, false, false, NULL, &title, false, false},
		{"detail", IN_STRING, false, true, NULL, &detail, false, false},
		{"unit_id", IN_INT, false, false, NULL, &unit, false, false},
		{"responsible_id", IN_INT, false, true, NULL, &responsible, false, false},
		{"mode", IN_CODE, false, false, &T_MODE, &it.mode, false, false},
		{"found_on", IN_DAY, false, false, NULL, &it.found_on, false, false},
		{"due_on", IN_DAY, false, true, NULL, &it.due_on, false, false},
		{"ext_id", IN_STRING, false, false, NULL, &ext, false, false},
		{"case_type", IN_CODE, false, true, &T_CASE_TYPE, &it.case_type, false, false},
		{"funds", IN_INT, false, true, NULL, &it.funds, false, false},
		{"beneficiaries", IN_INT, false, true, NULL, &it.beneficiaries, false, false},
		IN_END,
	};
	if (!in_json(r, in, &e)) {
		item_clear(&it);
		return reply_error(r, &e);
	}
	it.version = (int)version;
	it.category_id = category;
	it.unit_id = unit;
	it.responsible_id = responsible;
	if (title)
		xstrset(&it.title, title);
	if (in[6].present)
		xstrset(&it.detail, detail ? detail : "");
	if (ext)
		xstrset(&it.ext_id, ext);
	enum MHD_Result res = app_item_update(r->app, &r->actor, &it, &e) == QD_OK
				      ? reply_json_steal(r, 200, item_json(&it))
				      : reply_error(r, &e);
	item_clear(&it);
	return res;
}
