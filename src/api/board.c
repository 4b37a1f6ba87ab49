/* board.c: the public board (晒单), no login -
 *   GET /api/v1/public/board?unit=&from=&to=&limit=&offset=
 *       counts of the opinions received in the period (by channel, status,
 *       closure, rating), the four rates with how each is computed (parts,
 *       weights, exclusions, curves: rates_view_to_json), the children
 *       ranked, and a page of the resolved matters (item title, unit,
 *       received and answered days, rating)
 *   GET /api/v1/public/board/records?unit=&from=&to=&part=&limit=&offset=
 *       the records behind one part of a figure: day, unit, status, item
 *       title, rating
 * unit defaults to the first top-level unit; the period to the last two
 * months. No text, name, contact, address, comment, reply or tracking code
 * of an opinion appears here: the app removes them (ac NULL) and only the
 * fields listed are written. */
#include "api.h"
#include "../app/rates_json.h"
#include "../domain/codes.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>

static json_t *unit_ref(struct req *r, int64_t id)
{
	struct unit u = {0};
	json_t *j = r->app->st->ops->unit_get(r->app->st, id, &u) == QD_OK
			    ? json_pack("{sI ss}", "id", (json_int_t)u.id, "name", u.name)
			    : json_null();
	unit_clear(&u);
	return j;
}

/* The public title of an opinion's item, or null. */
static json_t *item_title(struct req *r, int64_t item_id)
{
	if (item_id <= 0)
		return json_null();
	struct item it;
	struct qd_error e = {0};
	json_t *j = app_item_public(r->app, item_id, &it, &e) == QD_OK && it.title
			    ? json_string(it.title)
			    : json_null();
	item_clear(&it);
	return j;
}

static json_t *day_of(int64_t t)
{
	return t > 0 ? json_day(day_of_time(t)) : json_null();
}

static json_t *from_array(const int64_t *n, const struct code_table *t)
{
	json_t *o = json_object();
	for (int k = 0; k < t->count; k++)
		json_object_set_new(o, t->defs[k].code, json_integer(n[k]));
	return o;
}

/* Counts of the opinions received in the period (the rates' counters). */
static json_t *counts_json(const struct rates_view *v)
{
	const struct rate_report *rep = &v->self.rep;
	int64_t rated = 0;
	for (int k = 0; k < RT_COUNT; k++)
		rated += rep->by_rating[k];
	return json_pack("{sI sI sI sI so so so so}", "received", (json_int_t)rep->received,
			 "responded", (json_int_t)(rep->received - rep->pending), "pending",
			 (json_int_t)rep->pending, "rated", (json_int_t)rated, "by_channel",
			 from_array(rep->by_channel, &T_CHANNEL), "by_status",
			 from_array(rep->by_status, &T_OPINION_STATUS), "by_closure",
			 from_array(rep->by_closure, &T_CLOSURE), "by_rating",
			 from_array(rep->by_rating, &T_RATING));
}

/* Why a child is listed but not ranked. */
static void mark_unranked(const struct rates_view *v, json_t *children)
{
	for (int i = 0; i < v->nchildren; i++) {
		const struct unit_rates *u = &v->children[i];
		json_t *c = json_array_get(children, (size_t)i);
		if (!c || u->rep.ranked)
			continue;
		json_object_set_new(c, "not_ranked_because",
				    json_string(u->rep.received < v->rules.min_count ? "min_count"
										     : "no_data"));
	}
}

static json_t *page_json(json_t *rows, int64_t limit, int64_t offset, bool more)
{
	return json_pack("{so sI sI sb so}", "items", rows, "limit", (json_int_t)limit, "offset",
			 (json_int_t)offset, "has_more", more, "next_offset",
			 more ? json_integer(offset + limit) : json_null());
}

enum MHD_Result api_public_board(struct req *r)
{
	int64_t unit = 0, limit = PAGE_DEFAULT, offset = 0;
	int from = DAY_NONE, to = DAY_NONE;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"from", IN_DAY, false, true, NULL, &from, false, false},
		{"to", IN_DAY, false, true, NULL, &to, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, false, false, NULL, &offset, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e) || !page_ok(&limit, offset, &e))
		return reply_error(r, &e);
	app_default_period(&from, &to);
	struct unit u = {0};
	if (app_public_unit(r->app, unit, &u, &e) != QD_OK)
		return reply_error(r, &e);
	struct rates_view v;
	qd_err rc = app_rates(r->app, NULL, u.id, from, to, &v, &e);
	unit_clear(&u);
	if (rc != QD_OK) {
		rates_view_free(&v);
		return reply_error(r, &e);
	}
	json_t *counts = counts_json(&v);
	struct opinion *ops = NULL;
	int n = 0;
	bool more = false;
	if (app_board_resolved(r->app, v.self.unit.id, from, to, (int)limit,
					  (int)offset, &ops, &n, &more, &e) != QD_OK) {
		json_decref(counts);
		opinions_free(ops, n);
		rates_view_free(&v);
		return reply_error(r, &e);
	}
	json_t *j = rates_view_to_json(&v);
	mark_unranked(&v, json_object_get(j, "children"));
	rates_view_free(&v);
	json_object_set_new(j, "counts", counts);
	json_t *rows = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
			rows, json_pack("{so so so so so}", "title", item_title(r, ops[i].item_id),
					"unit", unit_ref(r, ops[i].unit_id), "received_on",
					day_of(ops[i].received_at), "answered_on",
					day_of(ops[i].answered_at), "rating",
					json_code(&T_RATING, ops[i].rating)));
	opinions_free(ops, n);
	json_object_set_new(j, "resolved", page_json(rows, limit, offset, more));
	return reply_json_steal(r, 200, j);
}

enum MHD_Result api_public_board_records(struct req *r)
{
	int64_t unit = 0, limit = PAGE_DEFAULT, offset = 0;
	int from = DAY_NONE, to = DAY_NONE;
	const char *part = NULL;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"from", IN_DAY, false, true, NULL, &from, false, false},
		{"to", IN_DAY, false, true, NULL, &to, false, false},
		{"part", IN_STRING, true, false, NULL, &part, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, false, false, NULL, &offset, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e) || !page_ok(&limit, offset, &e))
		return reply_error(r, &e);
	app_default_period(&from, &to);
	struct unit u = {0};
	if (app_public_unit(r->app, unit, &u, &e) != QD_OK)
		return reply_error(r, &e);
	int64_t uid = u.id;
	unit_clear(&u);
	struct opinion *ops = NULL;
	int n = 0;
	bool more = false;
	if (app_rate_records(r->app, NULL, uid, from, to, part, (int)limit, (int)offset, &ops, &n,
			     &more, &e) != QD_OK) {
		opinions_free(ops, n);
		return reply_error(r, &e);
	}
	json_t *rows = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
			rows, json_pack("{so so so so so}", "received_on", day_of(ops[i].received_at),
					"unit", unit_ref(r, ops[i].unit_id), "status",
					json_code(&T_OPINION_STATUS, ops[i].status), "title",
					item_title(r, ops[i].item_id), "rating",
					json_code(&T_RATING, ops[i].rating)));
	opinions_free(ops, n);
	json_t *j = page_json(rows, limit, offset, more);
	json_object_set_new(j, "part", json_string(part));
	json_object_set_new(j, "unit", json_integer(uid));
	json_object_set_new(j, "from", json_day(from));
	json_object_set_new(j, "to", json_day(to));
	return reply_json_steal(r, 200, j);
}
