/* stats.c: counters fed by items and measures. */
#include "stats.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "codes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_METRICS 32

struct metric_set {
	char name[MAX_METRICS][METRIC_LEN];
	int64_t weight[MAX_METRICS];
	int n;
};

static void ms_add(struct metric_set *s, int64_t w, const char *fmt, const char *a)
{
	if (s->n >= MAX_METRICS || w == 0)
		return;
	snprintf(s->name[s->n], METRIC_LEN, fmt, a);
	s->weight[s->n++] = w;
}

static void ms_add2(struct metric_set *s, int64_t w, const char *fmt, const char *a,
		    const char *b)
{
	if (s->n >= MAX_METRICS || w == 0)
		return;
	snprintf(s->name[s->n], METRIC_LEN, fmt, a, b);
	s->weight[s->n++] = w;
}

/* What the reports count by kind of item: "problem.status.closed",
 * "deed.resolved.funds", "case.dispute.resolved", ... Fixed means signed
 * off as resolved: a closure of another type is closed, not fixed. */
static void kind_metrics(const struct item *it, struct metric_set *s)
{
	const char *k = code_str(&T_ITEM_KIND, it->kind);
	bool fixed = it->status == ST_CLOSED && it->closure == CL_RESOLVED;
	ms_add2(s, 1, "%s.status.%s", k, code_str(&T_STATUS, it->status));
	ms_add2(s, 1, "%s.source.%s", k, code_str(&T_SOURCE, it->source));
	ms_add2(s, 1, "%s.mode.%s", k, code_str(&T_MODE, it->mode));
	ms_add2(s, it->funds, "%s.funds%s", k, "");
	ms_add2(s, it->beneficiaries, "%s.beneficiaries%s", k, "");
	if (fixed) {
		ms_add2(s, 1, "%s.resolved%s", k, "");
		ms_add2(s, 1, "%s.mode.%s.resolved", k, code_str(&T_MODE, it->mode));
		ms_add2(s, it->funds, "%s.resolved.funds%s", k, "");
		ms_add2(s, it->beneficiaries, "%s.resolved.beneficiaries%s", k, "");
	}
	if (it->case_type >= 0) {
		ms_add(s, 1, "casetype.%s", code_str(&T_CASE_TYPE, it->case_type));
		if (fixed)
			ms_add(s, 1, "casetype.%s.resolved", code_str(&T_CASE_TYPE, it->case_type));
	}
}

static void item_metrics(const struct item *it, struct metric_set *s)
{
	s->n = 0;
	ms_add(s, 1, "items%s", "");
	ms_add(s, 1, "kind.%s", code_str(&T_ITEM_KIND, it->kind));
	ms_add(s, 1, "source.%s", code_str(&T_SOURCE, it->source));
	if (it->level >= 0)
		ms_add(s, 1, "level.%s", code_str(&T_LEVEL, it->level));
	ms_add(s, 1, "mode.%s", code_str(&T_MODE, it->mode));
	ms_add(s, 1, "status.%s", code_str(&T_STATUS, it->status));
	if (it->status == ST_CLOSED) {
		ms_add(s, 1, "closure.%s", code_str(&T_CLOSURE, it->closure));
		if (it->due_on == DAY_NONE)
			ms_add(s, 1, "closed.nodue%s", "");
		else if (it->closed_on <= it->due_on)
			ms_add(s, 1, "closed.ontime%s", "");
		else
			ms_add(s, 1, "closed.late%s", "");
	}
	if (it->sendbacks > 0) {
		ms_add(s, 1, "sentback.items%s", "");
		ms_add(s, it->sendbacks, "sentback.times%s", "");
	}
	if (it->reopens > 0) {
		ms_add(s, 1, "reopened.items%s", "");
		ms_add(s, it->reopens, "reopened.times%s", "");
	}
	if (it->claimant_id > 0)
		ms_add(s, 1, "claimed%s", "");
	if (it->category_id > 0) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)it->category_id);
		ms_add(s, 1, "category.%s", id);
	}
	kind_metrics(it, s);
}

static void measure_metrics(const struct measure *m, const struct item *it,
			    struct metric_set *s)
{
	s->n = 0;
	ms_add(s, 1, "measures%s", "");
	ms_add(s, 1, "measure.status.%s", code_str(&T_MEASURE_STATUS, m->status));
	if (it->level >= 0)
		ms_add(s, 1, "measure.level.%s", code_str(&T_LEVEL, it->level));
	ms_add2(s, 1, "measure.%s.%s", code_str(&T_ITEM_KIND, it->kind),
		code_str(&T_MEASURE_STATUS, m->status));
}

static void ms_addi(struct metric_set *s, const char *prefix, int64_t n)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)n);
	if (s->n < MAX_METRICS) {
		snprintf(s->name[s->n], METRIC_LEN, "%s%s", prefix, v);
		s->weight[s->n++] = 1;
	}
}

static void opinion_metrics(const struct opinion *o, struct metric_set *s)
{
	s->n = 0;
	ms_add(s, 1, "op.received%s", "");
	ms_add(s, 1, "op.channel.%s", code_str(&T_CHANNEL, o->channel));
	ms_add(s, 1, "op.status.%s", code_str(&T_OPINION_STATUS, o->status));
	if (!o->responded_at)
		ms_add(s, 1, "op.pending%s", "");
	else
		ms_addi(s, "op.resp.", o->response_wdays > OP_RESP_MAX ? OP_RESP_MAX
								: o->response_wdays);
	if (o->answered_at)
		ms_add(s, 1, "op.answered%s", "");
	if (o->answered_at || o->redo > 0)
		ms_add(s, 1, "op.handled%s", ""); /* the redo rate's denominator */
	if (o->status == OS_ANSWERED && o->closure >= 0)
		ms_add(s, 1, "op.closure.%s", code_str(&T_CLOSURE, o->closure));
	if (o->rating >= 0)
		ms_add(s, 1, "op.rating.%s", code_str(&T_RATING, o->rating));
	if (o->redo > 0) {
		ms_add(s, 1, "op.redo%s", "");
		ms_add(s, o->redo, "op.redo.times%s", "");
	}
}

static void push(struct stat_deltas *d, enum stat_table t, const char *upath,
		 int day, const char *metric, int64_t n)
{
	for (int i = 0; i < d->n; i++) {
		struct stat_delta *x = &d->v[i];
		if (x->table == t && x->day == day && strcmp(x->upath, upath) == 0 &&
		    strcmp(x->metric, metric) == 0) {
			x->n += n;
			return;
		}
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->v = xrealloc(d->v, sizeof *d->v * (size_t)d->cap);
	}
	struct stat_delta *x = &d->v[d->n++];
	x->table = t;
	x->upath = upath;
	x->day = day;
	snprintf(x->metric, METRIC_LEN, "%s", metric);
	x->n = n;
}

/* Remove entries that cancelled out. */
static void compact(struct stat_deltas *d)
{
	int k = 0;
	for (int i = 0; i < d->n; i++)
		if (d->v[i].n != 0)
			d->v[k++] = d->v[i];
	d->n = k;
}

static void push_set(struct stat_deltas *d, const struct metric_set *s,
		     const char *upath, int day, int sign)
{
	for (int i = 0; i < s->n; i++)
		push(d, STAT_COUNT, upath, day, s->name[i], sign * s->weight[i]);
}

static bool counts_open_due(const struct item *it)
{
	return it->status != ST_CLOSED && it->due_on != DAY_NONE;
}

void stats_item_change(struct stat_deltas *d, const struct item *old,
		       const struct item *new_)
{
	struct metric_set s;
	if (old) {
		item_metrics(old, &s);
		push_set(d, &s, old->upath, old->found_on, -1);
		if (counts_open_due(old))
			push(d, STAT_OPEN_DUE, old->upath, old->due_on, "", -1);
	}
	if (new_) {
		item_metrics(new_, &s);
		push_set(d, &s, new_->upath, new_->found_on, +1);
		if (counts_open_due(new_))
			push(d, STAT_OPEN_DUE, new_->upath, new_->due_on, "", +1);
	}
	compact(d);
}

void stats_measure_change(struct stat_deltas *d, const struct measure *old,
			  const struct item *old_item, const struct measure *new_,
			  const struct item *new_item)
{
	struct metric_set s;
	if (old && old_item) {
		measure_metrics(old, old_item, &s);
		push_set(d, &s, old_item->upath, old_item->found_on, -1);
	}
	if (new_ && new_item) {
		measure_metrics(new_, new_item, &s);
		push_set(d, &s, new_item->upath, new_item->found_on, +1);
	}
	compact(d);
}

void stat_deltas_free(struct stat_deltas *d)
{
	free(d->v);
	memset(d, 0, sizeof *d);
}

int64_t stat_get(const struct stat_result *r, const char *metric)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->v[i].metric, metric) == 0)
			return r->v[i].n;
	return 0;
}

void stat_result_add(struct stat_result *r, const char *metric, int64_t n)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->v[i].metric, metric) == 0) {
			r->v[i].n += n;
			return;
		}
	stat_result_append(r, metric, n);
}

void stat_result_append(struct stat_result *r, const char *metric, int64_t n)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xrealloc(r->v, sizeof *r->v * (size_t)r->cap);
	}
	size_t len = strlen(metric);
	if (len >= METRIC_LEN)
		len = METRIC_LEN - 1;
	memcpy(r->v[r->n].metric, metric, len);
	r->v[r->n].metric[len] = '\0';
	r->v[r->n++].n = n;
}

void stat_result_free(struct stat_result *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

double stat_ontime_rate(const struct stat_result *r)
{
	int64_t on = stat_get(r, "closed.ontime"), late = stat_get(r, "closed.late");
	return on + late ? 100.0 * (double)on / (double)(on + late) : -1;
}

void stats_opinion_change(struct stat_deltas *d, const struct opinion *old,
			  const struct opinion *new_)
{
	struct metric_set s;
	if (old) {
		opinion_metrics(old, &s);
		push_set(d, &s, old->upath, day_of_time(old->received_at), -1);
	}
	if (new_) {
		opinion_metrics(new_, &s);
		push_set(d, &s, new_->upath, day_of_time(new_->received_at), +1);
	}
	compact(d);
}
