/* measures.c: POST /api/v1/items/:ref/measures, PATCH /api/v1/measures/:id,
 * GET /api/v1/measures (the rectification list, 整改清单). */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"

enum MHD_Result api_measure_create(struct req *r)
{
	struct measure m;
	measure_init(&m);
	const char *text = NULL, *evidence = NULL;
	int64_t responsible = 0;
	m.status = MS_OPEN;
	struct in_field in[] = {
		{"text", IN_STRING, true, false, NULL, &text, false, false},
		{"responsible_id", IN_INT, false, true, NULL, &responsible, false, false},
		{"due_on", IN_DAY, false, true, NULL, &m.due_on, false, false},
		{"status", IN_CODE, false, false, &T_MEASURE_STATUS, &m.status, false, false},
		{"evidence", IN_STRING, false, true, NULL, &evidence, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	struct item it;
	if (app_item_get(r->app, &r->actor, r->args[0], &it, &e) != QD_OK)
		return reply_error(r, &e);
	m.item_id = it.id;
	item_clear(&it);
	m.text = xstrdup(text);
	m.evidence = xstrdup(evidence ? evidence : "");
	m.responsible_id = responsible;
	enum MHD_Result res = app_measure_add(r->app, &r->actor, &m, &e) == QD_OK
				      ? reply_json_steal(r, 201, measure_json(&m))
				      : reply_error(r, &e);
	measure_clear(&m);
	return res;
}

enum MHD_Result api_measure_update(struct req *r)
{
	int64_t id;
	struct qd_error e = {0};
	if (!arg_id(r, 0, &id, &e))
		return reply_error(r, &e);
	struct measure m;
	if (app_measure_get(r->app, &r->actor, id, &m, &e) != QD_OK)
		return reply_error(r, &e);
	const char *text = NULL, *evidence = NULL;
	int64_t responsible = m.responsible_id;
	struct in_field in[] = {
		{"text", IN_STRING, false, false, NULL, &text, false, false},
		{"responsible_id", IN_INT, false, true, NULL, &responsible, false, false},
		{"due_on", IN_DAY, false, true, NULL, &m.due_on, false, false},
		{"status", IN_CODE, false, false, &T_MEASURE_STATUS, &m.status, false, false},
		{"evidence", IN_STRING, false, true, NULL, &evidence, false, false},
		IN_END,
	};
	if (!in_json(r, in, &e)) {
		measure_clear(&m);
		return reply_error(r, &e);
	}
	if (text)
		xstrset(&m.text, text);
	if (in[4].present)
		xstrset(&m.evidence, evidence ? evidence : "");
	m.responsible_id = responsible;
	enum MHD_Result res = app_measure_update(r->app, &r->actor, &m, &e) == QD_OK
				      ? reply_json_steal(r, 200, measure_json(&m))
				      : reply_error(r, &e);
	measure_clear(&m);
	return res;
}

enum MHD_Result api_measures_list(struct req *r)
{
	int64_t unit = 0, responsible = 0, limit = PAGE_DEFAULT, offset = 0;
	int status = -1;
	bool open = false, overdue = false;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"status", IN_CODE, false, false, &T_MEASURE_STATUS, &status, false, false},
		{"open", IN_BOOL, false, false, NULL, &open, false, false},
		{"overdue", IN_BOOL, false, false, NULL, &overdue, false, false},
		{"responsible", IN_INT, false, false, NULL, &responsible, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, false, false, NULL, &offset, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e) || !page_ok(&limit, offset, &e))
		return reply_error(r, &e);
	struct measure_filter f = {.status = status, .open_only = open, .overdue = overdue,
				   .closed_only = in[2].present && !open,
				   .not_overdue = in[3].present && !overdue,
				   .responsible_id = responsible, .limit = (int)limit,
				   .offset = (int)offset};
	unit = default_unit(r, unit);
	struct measure_array ms = {0};
	bool more = false;
	if (app_measure_list(r->app, &r->actor, unit, &f, &ms, &more, &e) != QD_OK) {
		measure_array_free(&ms);
		return reply_error(r, &e);
	}
	json_t *arr = json_array();
	for (int i = 0; i < ms.n; i++)
		json_array_append_new(arr, measure_json(&ms.v[i]));
	measure_array_free(&ms);
	return reply_page_steal(r, "measures", arr, unit, limit, offset, more);
}
