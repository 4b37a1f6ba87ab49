/* service_definition.c: GET /open311/v2/services/{service_code}.{xml,json}
 * - the one attribute the intake really uses: `unit`, the unit concerned,
 * a single choice among the jurisdiction's active units down to two levels
 * below it (key: the unit's code, else its id). Not required: a request
 * without it goes to the client's own unit (or the jurisdiction named). */
#include "o311.h"
#include <stdio.h>

#define UNIT_LEVELS 2 /* county -> townships -> villages */

enum MHD_Result o311_service_definition(struct o311_req *q)
{
	struct qd_error e = {0};
	struct unit jur = {0};
	struct category c = {0};
	struct unit_array units = {0};
	if (o311_jurisdiction_of(q, &jur, &e) != QD_OK ||
	    o311_service_of(q, q->arg, &c, &e) != QD_OK ||
	    o311_units(q, &jur, UNIT_LEVELS, true, &units, &e) != QD_OK) {
		unit_clear(&jur);
		category_clear(&c);
		unit_array_free(&units);
		return o311_error(q, &e);
	}
	json_t *values = json_array();
	for (int i = 0; i < units.n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)units.v[i].id);
		const char *key = units.v[i].code && *units.v[i].code ? units.v[i].code : id;
		json_array_append_new(values, json_pack("{ss ss}", "key", key, "name", units.v[i].name));
	}
	json_t *unit = json_object();
	json_object_set_new(unit, "variable", json_true());
	json_object_set_new(unit, "code", json_string("unit"));
	json_object_set_new(unit, "datatype", json_string("singlevaluelist"));
	json_object_set_new(unit, "required", json_false());
	json_object_set_new(unit, "datatype_description",
			    json_string("单位编码或编号 / a unit's code or id"));
	json_object_set_new(unit, "order", json_integer(1));
	json_object_set_new(unit, "description",
			    json_string("诉求涉及的单位（不填为接入方本单位）/ the unit concerned "
					"(default: the client's own unit)"));
	json_object_set_new(unit, "values", values);
	json_t *def = json_object();
	json_object_set_new(def, "service_code", json_string(c.code));
	json_object_set_new(def, "attributes", json_pack("[o]", unit));
	unit_clear(&jur);
	category_clear(&c);
	unit_array_free(&units);
	return o311_reply_steal(q, "service_definition", def);
}
