/* request_json.c: opinions as the spec's service requests, for GET
 * requests and GET requests/{id}.
 *
 *   service_request_id  the opinion's id
 *   status              open, or closed once answered or rejected
 *   status_notes        staff's words: the resolution once answered, the
 *                       reason when rejected, else the reply (or none)
 *   service_code/_name  the category's code and name
 *   description         what the submitter wrote, for a client covering
 *                       the request's unit; for anyone else the title of
 *                       the item it became (or none)
 *   agency_responsible  the unit's name
 *   requested_/updated_datetime  received, last changed
 *   expected_datetime   the end of the item's due day
 *   address, lat, long  as submitted, for a covering client only
 *
 * Never a name, a contact or the tracking code: app_o311_requests removes
 * personal data, and nothing here writes the code. */
#include "o311.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/date.h"
#include <string.h>

struct names {
	struct category_array cats;
	struct unit_array units;
	struct item it; /* the last item read */
};

static const struct category *category_of(const struct names *nm, int64_t id)
{
	for (int i = 0; i < nm->cats.n; i++)
		if (nm->cats.v[i].id == id)
			return &nm->cats.v[i];
	return NULL;
}

static const char *unit_name(const struct names *nm, int64_t id)
{
	for (int i = 0; i < nm->units.n; i++)
		if (nm->units.v[i].id == id)
			return nm->units.v[i].name;
	return NULL;
}

/* The opinion's item as the public may see it, or NULL. */
static const struct item *item_of(struct o311_req *q, struct names *nm, int64_t id)
{
	if (id <= 0)
		return NULL;
	if (nm->it.id == id)
		return &nm->it;
	struct qd_error e = {0};
	item_clear(&nm->it);
	if (app_item_public(q->r->app, id, &nm->it, &e) != QD_OK) {
		item_clear(&nm->it);
		return NULL;
	}
	return &nm->it;
}

static const char *status_notes(const struct opinion *o)
{
	if (o->status == OS_ANSWERED && o->resolution)
		return o->resolution;
	if (o->status == OS_REJECTED && o->reject_reason)
		return o->reject_reason;
	return o->reply;
}

static json_t *request_json(struct o311_req *q, struct names *nm, const struct opinion *o)
{
	const struct category *cat = category_of(nm, o->category_id);
	const struct item *it = item_of(q, nm, o->item_id);
	const char *description = o->text ? o->text : it ? it->title : NULL;
	json_t *j = json_object();
	json_object_set_new(j, "service_request_id", json_integer(o->id));
	json_object_set_new(j, "status", json_string(opinion_o311_open(o) ? "open" : "closed"));
	json_object_set_new(j, "status_notes", json_str_or_null(status_notes(o)));
	json_object_set_new(j, "service_name", json_str_or_null(cat ? cat->name : NULL));
	json_object_set_new(j, "service_code", json_str_or_null(cat ? cat->code : NULL));
	json_object_set_new(j, "description", json_str_or_null(description));
	json_object_set_new(j, "agency_responsible", json_str_or_null(unit_name(nm, o->unit_id)));
	json_object_set_new(j, "service_notice", json_null());
	json_object_set_new(j, "requested_datetime", json_time(o->received_at));
	json_object_set_new(j, "updated_datetime", json_time(o->updated_at));
	json_object_set_new(j, "expected_datetime",
			    it && it->due_on != DAY_NONE ? json_time(time_of_day(it->due_on + 1, 0, 0) - 1)
							 : json_null());
	json_object_set_new(j, "address", json_str_or_null(o->address));
	json_object_set_new(j, "address_id", json_null());
	json_object_set_new(j, "zipcode", json_null());
	json_object_set_new(j, "lat", o->has_location ? json_real(o->lat) : json_null());
	json_object_set_new(j, "long", o->has_location ? json_real(o->lon) : json_null());
	json_object_set_new(j, "media_url", json_null());
	return j;
}

enum MHD_Result o311_reply_requests(struct o311_req *q, const struct o311_client *c,
				    const struct unit *jur, const struct opinion_query *oq,
				    bool one)
{
	struct qd_error e = {0};
	struct opinion *v = NULL;
	int n = 0;
	bool more = false;
	struct names nm = {0};
	item_init(&nm.it);
	qd_err r = app_o311_requests(q->r->app, c->id ? c : NULL, oq, &v, &n, &more, &e);
	if (r == QD_OK && n > 0)
		r = app_category_list(q->r->app, &nm.cats, &e);
	if (r == QD_OK && n > 0)
		r = o311_units(q, jur, PATH_MAX_DEPTH, false, &nm.units, &e);
	if (r == QD_OK && one && n == 0)
		r = qd_fail(&e, QD_NOT_FOUND, "service_request_id", "no such request");
	enum MHD_Result res;
	if (r == QD_OK) {
		json_t *list = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(list, request_json(q, &nm, &v[i]));
		res = o311_reply_steal(q, "service_requests", list);
	} else {
		res = o311_error(q, &e);
	}
	opinions_free(v, n);
	category_array_free(&nm.cats);
	unit_array_free(&nm.units);
	item_clear(&nm.it);
	return res;
}
