/* json_out.c: records as JSON objects for API replies. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/date.h"

json_t *unit_json(const struct unit *u)
{
	return json_pack("{sI so ss ss so ss si sb}", "id", (json_int_t)u->id, "parent_id",
			 json_id(u->parent_id), "kind", code_str(&T_UNIT_KIND, u->kind), "name",
			 u->name, "code", json_str_or_null(u->code), "path", u->path, "depth",
			 u->depth, "active", u->active);
}

json_t *person_json(const struct person *p)
{
	return json_pack("{sI sI ss ss sb}", "id", (json_int_t)p->id, "unit_id",
			 (json_int_t)p->unit_id, "name", p->name, "title", p->title ? p->title : "",
			 "active", p->active);
}

json_t *item_json(const struct item *it)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(it->id));
	json_object_set_new(o, "ext_id", json_string(it->ext_id));
	json_object_set_new(o, "kind", json_code(&T_ITEM_KIND, it->kind));
	json_object_set_new(o, "source", json_code(&T_SOURCE, it->source));
	json_object_set_new(o, "level", json_code(&T_LEVEL, it->level));
	json_object_set_new(o, "category_id", json_id(it->category_id));
	json_object_set_new(o, "title", json_string(it->title));
	json_object_set_new(o, "detail", json_string(it->detail ? it->detail : ""));
	json_object_set_new(o, "unit_id", json_integer(it->unit_id));
	json_object_set_new(o, "responsible_id", json_id(it->responsible_id));
	json_object_set_new(o, "claimant_id", json_id(it->claimant_id));
	json_object_set_new(o, "mode", json_code(&T_MODE, it->mode));
	json_object_set_new(o, "found_on", json_day(it->found_on));
	json_object_set_new(o, "due_on", json_day(it->due_on));
	json_object_set_new(o, "status", json_code(&T_STATUS, it->status));
	json_object_set_new(o, "closure", json_code(&T_CLOSURE, it->closure));
	json_object_set_new(o, "closed_at", json_time(it->closed_at));
	json_object_set_new(o, "closed_on", json_day(it->closed_on));
	json_object_set_new(o, "overdue", json_boolean(item_is_overdue(it, day_today())));
	json_object_set_new(o, "sendbacks", json_integer(it->sendbacks));
	json_object_set_new(o, "reopens", json_integer(it->reopens));
	json_object_set_new(o, "created_at", json_time(it->created_at));
	json_object_set_new(o, "updated_at", json_time(it->updated_at));
	json_object_set_new(o, "version", json_integer(it->version));
	json_object_set_new(o, "case_type", json_code(&T_CASE_TYPE, it->case_type));
	json_object_set_new(o, "funds", json_integer(it->funds));
	json_object_set_new(o, "beneficiaries", json_integer(it->beneficiaries));
	return o;
}

json_t *measure_json(const struct measure *m)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(m->id));
	json_object_set_new(o, "item_id", json_integer(m->item_id));
	json_object_set_new(o, "seq", json_integer(m->seq));
	json_object_set_new(o, "text", json_string(m->text));
	json_object_set_new(o, "responsible_id", json_id(m->responsible_id));
	json_object_set_new(o, "due_on", json_day(m->due_on));
	json_object_set_new(o, "status", json_code(&T_MEASURE_STATUS, m->status));
	json_object_set_new(o, "evidence", json_string(m->evidence ? m->evidence : ""));
	json_object_set_new(o, "done_on", json_day(m->done_on));
	json_object_set_new(o, "unit_id", json_integer(m->unit_id));
	json_object_set_new(o, "updated_at", json_time(m->updated_at));
	return o;
}

json_t *event_json(const struct event *ev)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(ev->id));
	json_object_set_new(o, "at", json_time(ev->at));
	json_object_set_new(o, "account_id", json_id(ev->account_id));
	json_object_set_new(o, "action", json_string(ev->action));
	json_object_set_new(o, "note", json_str_or_null(ev->note));
	json_t *before = ev->before ? json_loads(ev->before, 0, NULL) : NULL;
	json_t *after = ev->after ? json_loads(ev->after, 0, NULL) : NULL;
	json_object_set_new(o, "before", before ? before : json_null());
	json_object_set_new(o, "after", after ? after : json_null());
	return o;
}

json_t *grant_json(const struct grant *g)
{
	return json_pack("{sI sI sI ss ss}", "id", (json_int_t)g->id, "account_id",
			 (json_int_t)g->account_id, "unit_id", (json_int_t)g->unit_id, "role",
			 code_str(&T_ROLE, g->role), "unit_path", g->unit_path ? g->unit_path : "");
}

json_t *category_json(const struct category *c)
{
	return json_pack("{sI ss ss sb}", "id", (json_int_t)c->id, "code", c->code, "name",
			 c->name, "active", c->active);
}

bool page_ok(int64_t *limit, int64_t offset, struct qd_error *e)
{
	if (*limit < 1 || *limit > PAGE_MAX)
		return qd_fail(e, QD_BAD_PARAM, "limit", "1 to %d", PAGE_MAX), false;
	if (offset > 1000000)
		return qd_fail(e, QD_BAD_PARAM, "offset", "at most 1000000"), false;
	return true;
}

enum MHD_Result reply_page_steal(struct req *r, const char *key, json_t *rows, int64_t unit,
				 int64_t limit, int64_t offset, bool more)
{
	return reply_json_steal(r, 200, json_pack("{so sI sI sI sb so}", key, rows, "unit",
			(json_int_t)unit, "limit", (json_int_t)limit, "offset", (json_int_t)offset,
			"has_more", more, "next_offset",
			more ? json_integer(offset + limit) : json_null()));
}
