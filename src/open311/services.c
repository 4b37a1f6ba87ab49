/* services.c: GET /open311/v2/services.{xml,json}?jurisdiction_id= - the
 * services are qingdan's active categories: service_code is the category's
 * code, service_name and description its name. Each has metadata (the
 * `unit` attribute, service_definition.c); no keywords or groups. */
#include "o311.h"

enum MHD_Result o311_services(struct o311_req *q)
{
	struct qd_error e = {0};
	struct unit jur = {0};
	if (o311_jurisdiction_of(q, &jur, &e) != QD_OK)
		return o311_error(q, &e);
	unit_clear(&jur);
	struct category_array cats = {0};
	if (app_category_list(q->r->app, &cats, &e) != QD_OK) {
		category_array_free(&cats);
		return o311_error(q, &e);
	}
	json_t *list = json_array();
	for (int i = 0; i < cats.n; i++) {
		const struct category *c = &cats.v[i];
		if (!c->active)
			continue;
		json_t *s = json_object();
		json_object_set_new(s, "service_code", json_string(c->code));
		json_object_set_new(s, "service_name", json_string(c->name));
		json_object_set_new(s, "description", json_string(c->name));
		json_object_set_new(s, "metadata", json_true());
		json_object_set_new(s, "type", json_string("realtime"));
		json_object_set_new(s, "keywords", json_null());
		json_object_set_new(s, "group", json_null());
		json_array_append_new(list, s);
	}
	category_array_free(&cats);
	return o311_reply_steal(q, "services", list);
}
