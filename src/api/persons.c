/* persons.c: GET /api/v1/persons?unit=ID, POST /api/v1/persons. */
#include "api.h"
#include "../util/alloc.h"

enum MHD_Result api_persons_list(struct req *r)
{
	int64_t unit = 0, limit = PAGE_DEFAULT, offset = 0;
	struct in_field in[] = {
		{"unit", IN_INT, true, false, NULL, &unit, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, false, false, NULL, &offset, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e) || !page_ok(&limit, offset, &e))
		return reply_error(r, &e);
	struct person_array ps = {0};
	if (app_person_list(r->app, &r->actor, unit, (int)limit, (int)offset, &ps, &e) != QD_OK) {
		person_array_free(&ps);
		return reply_error(r, &e);
	}
	json_t *arr = json_array();
	for (int i = 0; i < ps.n; i++)
		json_array_append_new(arr, person_json(&ps.v[i]));
	person_array_free(&ps);
	return reply_json_steal(r, 200, json_pack("{so}", "persons", arr));
}

enum MHD_Result api_person_create(struct req *r)
{
	int64_t unit = 0;
	const char *name = NULL, *title = NULL;
	struct in_field in[] = {
		{"unit_id", IN_INT, true, false, NULL, &unit, false, false},
		{"name", IN_STRING, true, false, NULL, &name, false, false},
		{"title", IN_STRING, false, true, NULL, &title, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	struct person p = {0};
	p.unit_id = unit;
	p.name = xstrdup(name);
	p.title = xstrdup(title ? title : "");
	enum MHD_Result res = app_person_add(r->app, &r->actor, &p, &e) == QD_OK
				      ? reply_json_steal(r, 201, person_json(&p))
				      : reply_error(r, &e);
	person_clear(&p);
	return res;
}
