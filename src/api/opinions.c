/* opinions.c: opinions from the public for staff -
 *   POST /api/v1/opinions       enter one (letter, visit, phone ...)
 *   GET  /api/v1/opinions       the opinions of a subtree, newest first
 *   GET  /api/v1/opinions/:id   one, with the item it was made or joined to
 * The submitter's name and contact appear only where app_opinion_get (or, in
 * lists, PA_READ_PERSONAL on the opinion's unit) keeps them. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>

json_t *opinion_json(const struct opinion *o)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "code", json_str_or_null(o->code));
	json_object_set_new(j, "channel", json_code(&T_CHANNEL, o->channel));
	json_object_set_new(j, "received_at", json_time(o->received_at));
	json_object_set_new(j, "unit_id", json_integer(o->unit_id));
	json_object_set_new(j, "category_id", json_id(o->category_id));
	json_object_set_new(j, "text", json_string(o->text ? o->text : ""));
	json_object_set_new(j, "status", json_code(&T_OPINION_STATUS, o->status));
	json_object_set_new(j, "item_id", json_id(o->item_id));
	json_object_set_new(j, "reply", json_str_or_null(o->reply));
	json_object_set_new(j, "resolution", json_str_or_null(o->resolution));
	json_object_set_new(j, "replied_at", json_time(o->replied_at));
	json_object_set_new(j, "reject_reason", json_str_or_null(o->reject_reason));
	json_object_set_new(j, "rating", json_code(&T_RATING, o->rating));
	json_object_set_new(j, "rating_comment", json_str_or_null(o->rating_comment));
	json_object_set_new(j, "rated_at", json_time(o->rated_at));
	json_object_set_new(j, "address", json_str_or_null(o->address));
	json_object_set_new(j, "lat", o->has_location ? json_real(o->lat) : json_null());
	json_object_set_new(j, "long", o->has_location ? json_real(o->lon) : json_null());
	json_object_set_new(j, "responded_at", json_time(o->responded_at));
	json_object_set_new(j, "response_wdays",
			    o->responded_at ? json_integer(o->response_wdays) : json_null());
	json_object_set_new(j, "closure", json_code(&T_CLOSURE, o->closure));
	json_object_set_new(j, "answered_at", json_time(o->answered_at));
	json_object_set_new(j, "redo", json_integer(o->redo));
	json_object_set_new(j, "open311_client_id", json_id(o->client_id));
	if (o->submitter_name)
		json_object_set_new(j, "submitter_name", json_string(o->submitter_name));
	if (o->submitter_contact)
		json_object_set_new(j, "submitter_contact", json_string(o->submitter_contact));
	return j;
}

/* The opinion for the caller, with its item: {id, ext_id, title, status,
 * opinions} where the caller may read the item, else {id} only. */
json_t *opinion_staff_json(struct req *r, const struct opinion *o)
{
	json_t *j = opinion_json(o);
	if (o->item_id <= 0) {
		json_object_set_new(j, "item", json_null());
		return j;
	}
	char ref[32];
	snprintf(ref, sizeof ref, "%lld", (long long)o->item_id);
	struct item it;
	struct qd_error e = {0};
	if (app_item_get(r->app, &r->actor, ref, &it, &e) != QD_OK) {
		json_object_set_new(j, "item", json_pack("{sI}", "id", (json_int_t)o->item_id));
		return j;
	}
	struct opinion *v = NULL;
	int n = 0;
	int64_t total = 0;
	if (r->app->st->ops->opinion_list_for_item(r->app->st, it.id, 0, &v, &n, &total) != QD_OK)
		total = -1;
	for (int i = 0; i < n; i++)
		opinion_clear(&v[i]);
	free(v);
	json_object_set_new(j, "item",
			    json_pack("{sI ss ss so so}", "id", (json_int_t)it.id, "ext_id",
				      it.ext_id ? it.ext_id : "", "title", it.title ? it.title : "",
				      "status", json_code(&T_STATUS, it.status), "opinions",
				      total >= 0 ? json_integer(total) : json_null()));
	item_clear(&it);
	return j;
}

enum MHD_Result api_opinion_create(struct req *r)
{
	struct opinion o;
	opinion_init(&o);
	int64_t unit = 0, category = 0;
	const char *text = NULL, *name = NULL, *contact = NULL, *address = NULL;
	int received_on = DAY_NONE;
	struct in_field in[] = {
		{"channel", IN_CODE, true, false, &T_CHANNEL, &o.channel, false, false},
		{"received_on", IN_DAY, false, true, NULL, &received_on, false, false},
		{"address", IN_STRING, false, true, NULL, &address, false, false},
		{"unit_id", IN_INT, true, false, NULL, &unit, false, false},
		{"text", IN_STRING, true, false, NULL, &text, false, false},
		{"category_id", IN_INT, false, true, NULL, &category, false, false},
		{"submitter_name", IN_STRING, false, true, NULL, &name, false, false},
		{"submitter_contact", IN_STRING, false, true, NULL, &contact, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e)) {
		opinion_clear(&o);
		return reply_error(r, &e);
	}
	o.unit_id = unit;
	o.category_id = category;
	o.text = xstrdup(text);
	o.address = address && *address ? xstrdup(address) : NULL;
	/* A letter or a call entered later: noon of the day it came. */
	if (received_on != DAY_NONE && received_on != day_today())
		o.received_at = time_of_day(received_on, 12, 0);
	/* An empty name or contact is no name or contact (anonymous). */
	o.submitter_name = name && *name ? xstrdup(name) : NULL;
	o.submitter_contact = contact && *contact ? xstrdup(contact) : NULL;
	enum MHD_Result res;
	if (app_opinion_submit(r->app, &r->actor, &o, &e) != QD_OK) {
		res = reply_error(r, &e);
	} else {
		/* Read back as the caller may see it. */
		struct opinion got;
		if (app_opinion_get(r->app, &r->actor, o.id, &got, &e) == QD_OK)
			res = reply_json_steal(r, 201, opinion_staff_json(r, &got));
		else
			res = reply_error(r, &e);
		opinion_clear(&got);
	}
	opinion_clear(&o);
	return res;
}

enum MHD_Result api_opinions_list(struct req *r)
{
	int64_t unit = 0, limit = PAGE_DEFAULT, offset = 0;
	int status = -1;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"status", IN_CODE, false, false, &T_OPINION_STATUS, &status, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, false, false, NULL, &offset, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e) || !page_ok(&limit, offset, &e))
		return reply_error(r, &e);
	unit = default_unit(r, unit);
	struct unit u = {0};
	qd_err rc = unit > 0 ? r->app->st->ops->unit_get(r->app->st, unit, &u) : QD_NOT_FOUND;
	if (rc != QD_OK) {
		unit_clear(&u);
		return reply_fail(r, rc, "unit", NULL);
	}
	struct opinion *v = NULL;
	int n = 0;
	bool more = false;
	struct opinion_query q;
	opinion_query_init(&q, u.path);
	q.status = status;
	q.limit = (int)limit;
	q.offset = (int)offset;
	rc = app_opinion_list(r->app, &r->actor, &q, &v, &n, &more, &e);
	unit_clear(&u);
	if (rc != QD_OK)
		return reply_error(r, &e);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, opinion_json(&v[i]));
	opinions_free(v, n);
	return reply_page_steal(r, "opinions", arr, unit, limit, offset, more);
}

enum MHD_Result api_opinion_get(struct req *r)
{
	struct qd_error e = {0};
	struct in_field in[] = {IN_END};
	int64_t id;
	if (!in_query(r, in, &e) || !arg_id(r, 0, &id, &e))
		return reply_error(r, &e);
	struct opinion o;
	if (app_opinion_get(r->app, &r->actor, id, &o, &e) != QD_OK) {
		opinion_clear(&o);
		return reply_error(r, &e);
	}
	json_t *j = opinion_staff_json(r, &o);
	opinion_clear(&o);
	return reply_json_steal(r, 200, j);
}
