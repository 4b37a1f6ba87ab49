/* item_get.c: GET /api/v1/items/:ref (numeric id or 问题编号) - the item with
 * its measures, its history from the audit log, names of the people and
 * unit involved, and the actions the caller may take now. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/date.h"

static json_t *person_ref(struct app *a, int64_t id)
{
	if (id <= 0)
		return json_null();
	struct person p = {0};
	json_t *o = a->st->ops->person_get(a->st, id, &p) == QD_OK
			    ? json_pack("{sI ss}", "id", (json_int_t)id, "name", p.name)
			    : json_null();
	person_clear(&p);
	return o;
}

/* The actions the actor may take: permitted here and allowed in this state. */
static json_t *allowed_actions(struct req *r, const struct item *it,
			       const struct measure_array *ms)
{
	json_t *arr = json_array();
	int open = 0;
	for (int i = 0; i < ms->n; i++)
		open += ms->v[i].status == MS_OPEN || ms->v[i].status == MS_IN_PROGRESS;
	for (int a = 0; a < IA_COUNT; a++) {
		if (!actor_can(&r->actor, item_action_perm(a), it->upath))
			continue;
		struct item copy;
		item_copy(&copy, it);
		struct transition t = {.closure = CL_RESOLVED, .reason = "x",
				       .claimant_id = r->actor.person_id, .open_measures = open,
				       .today = day_today(), .now = 1};
		if (item_apply(&copy, a, &t, NULL) == QD_OK)
			json_array_append_new(arr, json_string(code_str(&T_ITEM_ACTION, a)));
		item_clear(&copy);
	}
	if (item_accepts_measure_work(it)) {
		if (actor_can(&r->actor, PA_ITEM_EDIT, it->upath))
			json_array_append_new(arr, json_string("edit"));
		if (actor_can(&r->actor, PA_ITEM_WORK, it->upath))
			json_array_append_new(arr, json_string("add_measure"));
	}
	return arr;
}

enum MHD_Result api_item_get(struct req *r)
{
	struct qd_error e = {0};
	struct in_field in[] = {IN_END};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	struct item it;
	if (app_item_get(r->app, &r->actor, r->args[0], &it, &e) != QD_OK)
		return reply_error(r, &e);
	struct measure_array ms = {0};
	struct event_array evs = {0};
	struct unit u = {0};
	if (app_measures_of(r->app, it.id, &ms, &e) != QD_OK ||
	    app_item_history(r->app, &r->actor, it.id, &evs, &e) != QD_OK ||
	    r->app->st->ops->unit_get(r->app->st, it.unit_id, &u) != QD_OK) {
		item_clear(&it);
		measure_array_free(&ms);
		event_array_free(&evs);
		unit_clear(&u);
		return reply_error(r, &e);
	}
	json_t *o = item_json(&it);
	json_object_set_new(o, "unit", json_pack("{sI ss}", "id", (json_int_t)u.id, "name", u.name));
	json_object_set_new(o, "responsible", person_ref(r->app, it.responsible_id));
	json_object_set_new(o, "claimant", person_ref(r->app, it.claimant_id));
	json_t *marr = json_array();
	for (int i = 0; i < ms.n; i++)
		json_array_append_new(marr, measure_json(&ms.v[i]));
	json_object_set_new(o, "measures", marr);
	json_t *harr = json_array();
	for (int i = 0; i < evs.n; i++)
		json_array_append_new(harr, event_json(&evs.v[i]));
	json_object_set_new(o, "history", harr);
	json_object_set_new(o, "actions", allowed_actions(r, &it, &ms));
	item_clear(&it);
	measure_array_free(&ms);
	event_array_free(&evs);
	unit_clear(&u);
	return reply_json_steal(r, 200, o);
}
