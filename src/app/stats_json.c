/* stats_json.c: a statistics answer as JSON. */
#include "stats_json.h"
#include "../domain/codes.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static json_int_t metric(const struct stat_result *r, const char *prefix, const char *code)
{
	char name[METRIC_LEN];
	snprintf(name, sizeof name, "%s%s", prefix, code);
	return (json_int_t)stat_get(r, name);
}

/* {code: count} for every code of table t, from metrics "<prefix><code>". */
static json_t *by_code(const struct stat_result *r, const struct code_table *t,
		       const char *prefix)
{
	json_t *o = json_object();
	for (int i = 0; i < t->count; i++)
		json_object_set_new(o, t->defs[i].code,
				    json_integer(metric(r, prefix, t->defs[i].code)));
	return o;
}

static json_t *by_category(const struct stat_result *r)
{
	static const char prefix[] = "category.";
	json_t *o = json_object();
	for (int i = 0; i < r->n; i++)
		if (strncmp(r->v[i].metric, prefix, sizeof prefix - 1) == 0)
			json_object_set_new(o, r->v[i].metric + sizeof prefix - 1,
					    json_integer((json_int_t)r->v[i].n));
	return o;
}

static json_t *pair(const struct stat_result *r, const char *items, const char *times)
{
	return json_pack("{s:I, s:I}", "items", (json_int_t)stat_get(r, items), "times",
			 (json_int_t)stat_get(r, times));
}

static json_t *rate(const struct stat_result *r)
{
	double pct = stat_ontime_rate(r);
	return pct < 0 ? json_null() : json_real((double)(int64_t)(pct * 10.0 + 0.5) / 10.0);
}

static json_t *items_part(const struct stat_result *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(metric(r, "items", "")));
	json_object_set_new(o, "by_kind", by_code(r, &T_ITEM_KIND, "kind."));
	json_object_set_new(o, "by_source", by_code(r, &T_SOURCE, "source."));
	json_object_set_new(o, "by_level", by_code(r, &T_LEVEL, "level."));
	json_object_set_new(o, "by_mode", by_code(r, &T_MODE, "mode."));
	json_object_set_new(o, "by_status", by_code(r, &T_STATUS, "status."));
	json_object_set_new(o, "by_closure", by_code(r, &T_CLOSURE, "closure."));
	json_object_set_new(o, "by_category", by_category(r));
	return o;
}

/* Opinions received in the period (counters "op.*"). */
static json_t *opinions_part(const struct stat_result *r)
{
	json_t *o = json_object();
	json_int_t received = metric(r, "op.received", ""), pending = metric(r, "op.pending", "");
	json_object_set_new(o, "total", json_integer(received));
	json_object_set_new(o, "responded", json_integer(received - pending));
	json_object_set_new(o, "by_channel", by_code(r, &T_CHANNEL, "op.channel."));
	json_object_set_new(o, "by_status", by_code(r, &T_OPINION_STATUS, "op.status."));
	json_object_set_new(o, "by_closure", by_code(r, &T_CLOSURE, "op.closure."));
	json_object_set_new(o, "by_rating", by_code(r, &T_RATING, "op.rating."));
	json_object_set_new(o, "handled_again", json_integer(metric(r, "op.redo", "")));
	return o;
}

static json_t *measures_part(const struct stat_result *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(metric(r, "measures", "")));
	json_object_set_new(o, "by_status", by_code(r, &T_MEASURE_STATUS, "measure.status."));
	json_object_set_new(o, "by_level", by_code(r, &T_LEVEL, "measure.level."));
	return o;
}

json_t *stats_to_json(const struct stat_result *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "items", items_part(r));
	json_object_set_new(o, "solved", json_integer(metric(r, "closure.", "resolved")));
	json_object_set_new(o, "closed_on_time", json_integer(metric(r, "closed.ontime", "")));
	json_object_set_new(o, "closed_late", json_integer(metric(r, "closed.late", "")));
	json_object_set_new(o, "closed_no_due", json_integer(metric(r, "closed.nodue", "")));
	json_object_set_new(o, "on_time_rate", rate(r));
	json_object_set_new(o, "overdue", json_integer((json_int_t)r->overdue));
	json_object_set_new(o, "sent_back", pair(r, "sentback.items", "sentback.times"));
	json_object_set_new(o, "reopened", pair(r, "reopened.items", "reopened.times"));
	json_object_set_new(o, "claimed", json_integer(metric(r, "claimed", "")));
	json_object_set_new(o, "measures", measures_part(r));
	json_object_set_new(o, "opinions", opinions_part(r));
	return o;
}
