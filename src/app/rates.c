/* rates.c: the hotline rates of a subtree and its children, their rules
 * (a JSON setting), the parts each figure is made of and the records
 * behind each part. Figures come from counters; records are listed on
 * demand, one page at a time. */
#include "app.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULES_KEY "rates.rules"
#define RULES_MAX_CHARS 4000

/* --- rules as JSON --- */

static json_t *curve_json(const struct curve *c)
{
	json_t *a = json_array();
	for (int i = 0; i < c->n; i++)
		json_array_append_new(a, json_pack("[f f]", c->at[i], c->score[i]));
	return a;
}

char *rate_rules_json(const struct rate_rules *rr)
{
	json_t *w = json_object(), *cv = json_object(), *ex = json_array();
	for (int k = 0; k < RATE_COUNT; k++) {
		json_object_set_new(w, code_str(&T_RATE, k), json_real(rr->weight[k]));
		json_object_set_new(cv, code_str(&T_RATE, k), curve_json(&rr->curve[k]));
	}
	for (int k = 0; k < CL_COUNT; k++)
		if (rr->excluded[k])
			json_array_append_new(ex, json_string(code_str(&T_CLOSURE, k)));
	json_t *j = json_pack("{si sf so so so si}", "response_wdays", rr->response_wdays,
			      "basic_coefficient", rr->basic_coefficient, "weights", w, "curves", cv,
			      "exclude_closures", ex, "min_count", rr->min_count);
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return s;
}

static bool number(json_t *v, double *out)
{
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

static qd_err parse_curve(json_t *a, struct curve *c, struct qd_error *e)
{
	if (!json_is_array(a) || json_array_size(a) < 1 || json_array_size(a) > CURVE_MAX)
		return qd_fail(e, QD_BAD_FIELD, "curves", "1-%d points [rate, score]", CURVE_MAX);
	c->n = (int)json_array_size(a);
	for (int i = 0; i < c->n; i++) {
		json_t *p = json_array_get(a, (size_t)i);
		if (!json_is_array(p) || json_array_size(p) != 2 ||
		    !number(json_array_get(p, 0), &c->at[i]) ||
		    !number(json_array_get(p, 1), &c->score[i]))
			return qd_fail(e, QD_BAD_FIELD, "curves", "points are [rate, score]");
	}
	return QD_OK;
}

static qd_err parse_rules(json_t *j, struct rate_rules *rr, struct qd_error *e)
{
	static const char *const known[] = {"response_wdays", "basic_coefficient", "weights",
					    "curves", "exclude_closures", "min_count"};
	if (!json_is_object(j))
		return qd_fail(e, QD_BAD_JSON, NULL, "the rules are a JSON object");
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v) {
		bool ok = false;
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
			ok |= strcmp(key, known[i]) == 0;
		if (!ok)
			return qd_fail(e, QD_UNKNOWN_FIELD, key, NULL);
	}
	if ((v = json_object_get(j, "response_wdays"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100)
			return qd_fail(e, QD_BAD_FIELD, "response_wdays", "whole working days");
		rr->response_wdays = (int)json_integer_value(v);
	}
	if ((v = json_object_get(j, "basic_coefficient")) && !number(v, &rr->basic_coefficient))
		return qd_fail(e, QD_BAD_FIELD, "basic_coefficient", "a number");
	if ((v = json_object_get(j, "min_count"))) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 1000000)
			return qd_fail(e, QD_BAD_FIELD, "min_count", "0-1000000");
		rr->min_count = (int)json_integer_value(v);
	}
	json_t *w = json_object_get(j, "weights"), *cv = json_object_get(j, "curves");
	if ((w && !json_is_object(w)) || (cv && !json_is_object(cv)))
		return qd_fail(e, QD_BAD_FIELD, w && !json_is_object(w) ? "weights" : "curves",
			       "an object by rate");
	json_object_foreach(w, key, v) {
		int k = code_parse(&T_RATE, key);
		if (k < 0 || !number(v, &rr->weight[k]))
			return qd_fail(e, QD_BAD_FIELD, "weights", "%s: a rate and a number", key);
	}
	json_object_foreach(cv, key, v) {
		int k = code_parse(&T_RATE, key);
		if (k < 0)
			return qd_fail(e, QD_BAD_FIELD, "curves", "%s: no such rate", key);
		qd_err r = parse_curve(v, &rr->curve[k], e);
		if (r != QD_OK)
			return r;
	}
	if ((v = json_object_get(j, "exclude_closures"))) {
		if (!json_is_array(v))
			return qd_fail(e, QD_BAD_FIELD, "exclude_closures", "a list of closure types");
		memset(rr->excluded, 0, sizeof rr->excluded);
		size_t i;
		json_t *c;
		json_array_foreach(v, i, c) {
			int k = json_is_string(c) ? code_parse(&T_CLOSURE, json_string_value(c)) : -1;
			if (k < 0)
				return qd_fail(e, QD_BAD_FIELD, "exclude_closures",
					       "not a closure type");
			rr->excluded[k] = true;
		}
	}
	return rate_rules_check(rr, e);
}

qd_err rate_rules_parse(const char *json, struct rate_rules *out, struct qd_error *e)
{
	rate_rules_default(out);
	json_error_t je;
	json_t *j = json_loads(json ? json : "", JSON_REJECT_DUPLICATES, &je);
	if (!j)
		return qd_fail(e, QD_BAD_JSON, NULL, "%s", je.text);
	qd_err r = parse_rules(j, out, e);
	json_decref(j);
	return r;
}

qd_err app_rate_rules(struct app *a, struct rate_rules *out, struct qd_error *e)
{
	char *saved = NULL;
	rate_rules_default(out);
	qd_err r = a->st->ops->setting_get(a->st, RULES_KEY, &saved);
	if (r == QD_NOT_FOUND || (r == QD_OK && !saved))
		return QD_OK;
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "rules");
	r = rate_rules_parse(saved, out, e);
	free(saved);
	return r;
}

qd_err app_rate_rules_set(struct app *a, const struct actor *ac, const char *json,
			  struct qd_error *e)
{
	/* authorize first: a refusal says nothing about the rules sent */
	if (!ac->system && !perm_allows_global(ac->grants.v, ac->grants.n, PA_UNIT_ADMIN))
		return qd_fail(e, QD_FORBIDDEN, "rules", "rules are changed by a top-level admin");
	struct rate_rules rr;
	qd_err r = rate_rules_parse(json, &rr, e);
	if (r != QD_OK)
		return r;
	char *canon = rate_rules_json(&rr);
	r = app_setting_put(a, ac, RULES_KEY, canon, RULES_MAX_CHARS, e);
	free(canon);
	return r;
}

void app_default_period(int *from, int *to)
{
	int y, m, d, today = day_today();
	day_to_civil(today, &y, &m, &d);
	if ((m -= 2) < 1)
		m += 12, y--;
	int first = day_from_civil(y, m, 1);
	int next = m == 12 ? day_from_civil(y + 1, 1, 1) : day_from_civil(y, m + 1, 1);
	int same = first + d - 1 < next ? first + d - 1 : next - 1;
	if (*from == DAY_NONE)
		*from = same + 1; /* e.g. 09-23 .. 11-22 */
	if (*to == DAY_NONE)
		*to = today;
}

qd_err app_public_unit(struct app *a, int64_t id, struct unit *out, struct qd_error *e)
{
	if (id <= 0)
		return app_o311_jurisdiction(a, NULL, out, e);
	memset(out, 0, sizeof *out);
	qd_err r = a->st->ops->unit_get(a->st, id, out);
	if (r == QD_OK && !out->active)
		r = QD_NOT_FOUND;
	if (r != QD_OK) {
		unit_clear(out);
		return qd_fail(e, r, "unit", r == QD_NOT_FOUND ? "no such unit" : NULL);
	}
	return QD_OK;
}

/* --- the figures --- */

static qd_err unit_rates_of(struct store *st, const struct rates_view *v, struct unit_rates *u,
			    struct qd_error *e)
{
	struct stat_result c = {0}, late = {0};
	qd_err r = st->ops->stat_query(st, u->unit.id, v->from, v->to, day_today(), &c);
	/* Unanswered opinions still within their limit are not counted yet. */
	int nd_from = v->cutoff + 1 > v->from ? v->cutoff + 1 : v->from;
	if (r == QD_OK && nd_from <= v->to)
		r = st->ops->stat_query(st, u->unit.id, nd_from, v->to, day_today(), &late);
	if (r == QD_OK) {
		int64_t not_due = stat_get(&late, "op.pending");
		rates_compute(&v->rules, &c, not_due, &u->rep);
		u->pending_late = stat_get(&c, "op.pending") - not_due;
	} else {
		qd_fail(e, r, NULL, "counters");
	}
	stat_result_free(&c);
	stat_result_free(&late);
	return r;
}

static int by_composite(const void *pa, const void *pb)
{
	const struct unit_rates *a = pa, *b = pb;
	if (a->rep.ranked != b->rep.ranked)
		return a->rep.ranked ? -1 : 1;
	if (a->rep.ranked && a->rep.composite != b->rep.composite)
		return a->rep.composite > b->rep.composite ? -1 : 1;
	return a->unit.id < b->unit.id ? -1 : a->unit.id > b->unit.id;
}

static void rank(struct rates_view *v)
{
	qsort(v->children, (size_t)v->nchildren, sizeof *v->children, by_composite);
	for (int i = 0; i < v->nchildren; i++) {
		struct unit_rates *u = &v->children[i];
		if (!u->rep.ranked)
			continue;
		/* equal composites share a rank */
		u->rank = i > 0 && v->children[i - 1].rep.ranked &&
				  v->children[i - 1].rep.composite == u->rep.composite
			  ? v->children[i - 1].rank
			  : i + 1;
	}
}

static qd_err period_ok(int from, int to, struct qd_error *e)
{
	if (from == DAY_NONE || to == DAY_NONE || from > to)
		return qd_fail(e, QD_BAD_PARAM, "from", "a period from <= to");
	if (to - from > 366 * 5)
		return qd_fail(e, QD_BAD_PARAM, "to", "at most five years");
	return QD_OK;
}

qd_err app_rates(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
		 struct rates_view *out, struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	struct store *st = a->st;
	qd_err r = period_ok(from, to, e);
	if (r != QD_OK)
		return r;
	if ((r = app_rate_rules(a, &out->rules, e)) != QD_OK)
		return r;
	out->from = from;
	out->to = to;
	r = st->ops->unit_get(st, unit_id, &out->self.unit);
	if (r != QD_OK)
		return qd_fail(e, r, "unit", NULL);
	if (!ac && !out->self.unit.active)
		return qd_fail(e, QD_NOT_FOUND, "unit", NULL); /* nothing public of it */
	if (ac && !actor_can(ac, PA_READ, out->self.unit.path))
		return qd_fail(e, QD_FORBIDDEN, "unit", NULL);
	r = cal_days_back(st, day_today(), out->rules.response_wdays, &out->cutoff);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "calendar");
	if ((r = unit_rates_of(st, out, &out->self, e)) != QD_OK)
		return r;
	struct unit_array kids = {0};
	r = st->ops->unit_children(st, unit_id, &kids);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "units");
	out->children = xcalloc((size_t)(kids.n ? kids.n : 1), sizeof *out->children);
	for (int i = 0; i < kids.n; i++) {
		if (!kids.v[i].active)
			continue;
		struct unit_rates *u = &out->children[out->nchildren++];
		u->unit = kids.v[i];
		memset(&kids.v[i], 0, sizeof kids.v[i]);
		if ((r = unit_rates_of(st, out, u, e)) != QD_OK)
			break;
	}
	unit_array_free(&kids);
	if (r == QD_OK)
		rank(out);
	return r;
}

void rates_view_free(struct rates_view *v)
{
	unit_clear(&v->self.unit);
	for (int i = 0; i < v->nchildren; i++)
		unit_clear(&v->children[i].unit);
	free(v->children);
	memset(v, 0, sizeof *v);
}

/* --- parts and records --- */

static void add_part(struct rate_part *out, int max, int *n, int rate, const char *name,
		     enum part_role role, double weight, int64_t count)
{
	if (*n >= max)
		return;
	struct rate_part *p = &out[(*n)++];
	snprintf(p->name, sizeof p->name, "%s.%s", code_str(&T_RATE, rate), name);
	p->rate = rate;
	p->role = role;
	p->weight = weight;
	p->n = count;
}

int rate_parts(const struct rates_view *v, const struct unit_rates *u, struct rate_part *out,
	       int max)
{
	const struct rate_rules *rr = &v->rules;
	const struct rate_report *rep = &u->rep;
	int n = 0;
	int64_t within = (int64_t)rep->f[RATE_RESPONSE].num;
	int64_t late = rep->received - rep->pending - within;
	add_part(out, max, &n, RATE_RESPONSE, "within", PART_NUMERATOR, 1, within);
	add_part(out, max, &n, RATE_RESPONSE, "late", PART_DENOMINATOR, 0, late);
	add_part(out, max, &n, RATE_RESPONSE, "pending_late", PART_DENOMINATOR, 0,
		 u->pending_late);
	add_part(out, max, &n, RATE_RESPONSE, "pending_not_due", PART_EXCLUDED, 0,
		 rep->f[RATE_RESPONSE].excluded);
	for (int k = 0; k < CL_COUNT; k++)
		add_part(out, max, &n, RATE_RESOLUTION, code_str(&T_CLOSURE, k),
			 k == CL_RESOLVED ? PART_NUMERATOR
			 : rr->excluded[k] ? PART_EXCLUDED
					   : PART_DENOMINATOR,
			 k == CL_RESOLVED ? 1 : 0, rep->by_closure[k]);
	for (int k = 0; k < RT_COUNT; k++) {
		double w = k == RT_SATISFIED ? 1 : k == RT_BASIC ? rr->basic_coefficient : 0;
		add_part(out, max, &n, RATE_SATISFACTION, code_str(&T_RATING, k),
			 w > 0 ? PART_NUMERATOR : PART_DENOMINATOR, w, rep->by_rating[k]);
	}
	int64_t redo = (int64_t)rep->f[RATE_REDO].num;
	add_part(out, max, &n, RATE_REDO, "redo", PART_NUMERATOR, 1, redo);
	add_part(out, max, &n, RATE_REDO, "not_redone", PART_DENOMINATOR, 0,
		 rep->f[RATE_REDO].den - redo);
	return n;
}

/* The query of a part, or false when the part is unknown. */
static bool part_query(const struct rates_view *v, const char *part, struct opinion_query *q,
		       int64_t cutoff_s)
{
	const char *dot = strchr(part, '.');
	if (!dot)
		return false;
	char rate[24];
	snprintf(rate, sizeof rate, "%.*s", (int)(dot - part), part);
	const char *name = dot + 1;
	int k = code_parse(&T_RATE, rate), c;
	q->drill_arg = v->rules.response_wdays;
	switch (k) {
	case RATE_RESPONSE:
		if (strcmp(name, "within") == 0)
			q->drill = OD_RESPONDED_WITHIN;
		else if (strcmp(name, "late") == 0)
			q->drill = OD_RESPONDED_LATE;
		else if (strcmp(name, "pending_late") == 0) {
			q->drill = OD_PENDING;
			if (cutoff_s < q->received_to)
				q->received_to = cutoff_s;
		} else if (strcmp(name, "pending_not_due") == 0) {
			q->drill = OD_PENDING;
			if (cutoff_s > q->received_from)
				q->received_from = cutoff_s;
		} else
			return false;
		return true;
	case RATE_RESOLUTION:
		if ((c = code_parse(&T_CLOSURE, name)) < 0)
			return false;
		q->drill = OD_CLOSURE;
		q->drill_arg = c;
		return true;
	case RATE_SATISFACTION:
		if ((c = code_parse(&T_RATING, name)) < 0)
			return false;
		q->drill = OD_RATING;
		q->drill_arg = c;
		return true;
	case RATE_REDO:
		if (strcmp(name, "redo") == 0)
			q->drill = OD_REDO;
		else if (strcmp(name, "not_redone") == 0)
			q->drill = OD_NOT_REDONE;
		else
			return false;
		return true;
	}
	return false;
}

static void make_public(struct opinion *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].submitter_name);
		free(v[i].submitter_contact);
		free(v[i].text);
		free(v[i].address);
		free(v[i].rating_comment);
		/* the tracking code lets its holder rate; replies and reasons
		 * are written to the submitter */
		free(v[i].code);
		free(v[i].reply);
		free(v[i].resolution);
		free(v[i].reject_reason);
		v[i].submitter_name = v[i].submitter_contact = v[i].text = NULL;
		v[i].address = v[i].rating_comment = NULL;
		v[i].code = v[i].reply = v[i].resolution = v[i].reject_reason = NULL;
		v[i].has_location = false;
		v[i].client_id = 0;
	}
}

static qd_err list_public_or_staff(struct app *a, const struct actor *ac,
				   const struct opinion_query *q, struct opinion **out, int *n,
				   bool *more, struct qd_error *e)
{
	if (ac)
		return app_opinion_list(a, ac, q, out, n, more, e);
	qd_err r = a->st->ops->opinion_find(a->st, q, out, n, more);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "opinions");
	make_public(*out, *n);
	return QD_OK;
}

static qd_err records(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
		      const char *part, bool one_per_item, int limit, int offset,
		      struct opinion **out, int *n, bool *more, struct qd_error *e)
{
	*out = NULL;
	*n = 0;
	*more = false;
	qd_err r = period_ok(from, to, e);
	if (r != QD_OK)
		return r;
	struct rates_view v = {0};
	if ((r = app_rate_rules(a, &v.rules, e)) != QD_OK)
		return r;
	struct unit u = {0};
	if ((r = a->st->ops->unit_get(a->st, unit_id, &u)) != QD_OK)
		return qd_fail(e, r, "unit", NULL);
	if (!ac && !u.active) {
		unit_clear(&u);
		return qd_fail(e, QD_NOT_FOUND, "unit", NULL);
	}
	r = cal_days_back(a->st, day_today(), v.rules.response_wdays, &v.cutoff);
	struct opinion_query q;
	opinion_query_init(&q, u.path);
	q.received_from = time_of_day(from, 0, 0);
	q.received_to = time_of_day(to + 1, 0, 0);
	q.order = OQ_RECEIVED_DESC;
	q.one_per_item = one_per_item;
	q.limit = limit;
	q.offset = offset;
	int64_t cutoff_s = time_of_day(v.cutoff + 1, 0, 0);
	if (r != QD_OK)
		qd_fail(e, r, NULL, "calendar");
	else if (!part || !part_query(&v, part, &q, cutoff_s))
		r = qd_fail(e, QD_BAD_PARAM, "part", "no such part of a rate");
	else
		r = list_public_or_staff(a, ac, &q, out, n, more, e);
	unit_clear(&u);
	return r;
}

qd_err app_rate_records(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
			const char *part, int limit, int offset, struct opinion **out, int *n,
			bool *more, struct qd_error *e)
{
	return records(a, ac, unit_id, from, to, part, false, limit, offset, out, n, more, e);
}

qd_err app_board_resolved(struct app *a, int64_t unit_id, int from, int to, int limit,
			  int offset, struct opinion **out, int *n, bool *more,
			  struct qd_error *e)
{
	/* one row per item: its latest opinion of the period */
	return records(a, NULL, unit_id, from, to, "resolution.resolved", true, limit, offset, out,
		       n, more, e);
}
