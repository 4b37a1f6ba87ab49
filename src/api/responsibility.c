/* responsibility.c: GET /api/v1/responsibility?unit=ID - the responsibility
 * list (责任清单): items grouped by responsible person and unit, with open
 * and overdue counts and the next deadline. */
#include "api.h"

enum MHD_Result api_responsibility(struct req *r)
{
	int64_t unit = 0, limit = PAGE_DEFAULT;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e) || !page_ok(&limit, 0, &e))
		return reply_error(r, &e);
	unit = default_unit(r, unit);
	struct resp_row_array rows = {0};
	if (app_responsibility(r->app, &r->actor, unit, (int)limit, &rows, &e) != QD_OK) {
		resp_row_array_free(&rows);
		return reply_error(r, &e);
	}
	json_t *arr = json_array();
	for (int i = 0; i < rows.n; i++) {
		const struct resp_row *x = &rows.v[i];
		json_array_append_new(arr, json_pack("{so so sI ss sI sI sI so}",
			"person_id", json_id(x->person_id), "person_name",
			json_str_or_null(x->person_name), "unit_id", (json_int_t)x->unit_id,
			"unit_name", x->unit_name ? x->unit_name : "", "total", (json_int_t)x->total,
			"open", (json_int_t)x->open, "overdue", (json_int_t)x->overdue, "next_due",
			json_day(x->next_due)));
	}
	resp_row_array_free(&rows);
	return reply_json_steal(r, 200, json_pack("{sI so}", "unit", (json_int_t)unit, "rows", arr));
}
