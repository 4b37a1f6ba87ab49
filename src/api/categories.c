/* categories.c: GET /api/v1/categories, POST /api/v1/categories {code, name}. */
#include "api.h"
#include "../util/alloc.h"

enum MHD_Result api_categories_list(struct req *r)
{
	struct qd_error e = {0};
	struct in_field in[] = {IN_END};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	struct category_array cs = {0};
	if (app_category_list(r->app, &cs, &e) != QD_OK)
		return reply_error(r, &e);
	json_t *arr = json_array();
	for (int i = 0; i < cs.n; i++)
		json_array_append_new(arr, category_json(&cs.v[i]));
	category_array_free(&cs);
	return reply_json_steal(r, 200, json_pack("{so}", "categories", arr));
}

enum MHD_Result api_category_create(struct req *r)
{
	const char *code = NULL, *name = NULL;
	struct in_field in[] = {
		{"code", IN_STRING, true, false, NULL, &code, false, false},
		{"name", IN_STRING, true, false, NULL, &name, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	struct category c = {0};
	c.code = xstrdup(code);
	c.name = xstrdup(name);
	enum MHD_Result res = app_category_add(r->app, &r->actor, &c, &e) == QD_OK
				      ? reply_json_steal(r, 201, category_json(&c))
				      : reply_error(r, &e);
	category_clear(&c);
	return res;
}
