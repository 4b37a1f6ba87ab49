/* report_json.c: the campaign report as JSON (see report_json.h). */
#include "report_json.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

static json_t *day_or_null(int day)
{
	if (day == DAY_NONE)
		return json_null();
	char s[DAY_TEXT_LEN];
	day_format(day, s);
	return json_string(s);
}

/* {code: n} for every code of t. */
static json_t *by_code(const struct code_table *t, const int64_t *v)
{
	json_t *o = json_object();
	for (int k = 0; k < t->count; k++)
		json_object_set_new(o, t->defs[k].code, json_integer((json_int_t)v[k]));
	return o;
}

static json_t *pair(const char *a, int64_t x, const char *b, int64_t y)
{
	return json_pack("{sI sI}", a, (json_int_t)x, b, (json_int_t)y);
}

static json_t *problems(const struct report_figures *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(f->problems));
	json_object_set_new(o, "by_level", by_code(&T_LEVEL, f->level));
	json_object_set_new(o, "by_source", by_code(&T_SOURCE, f->source));
	json_object_set_new(o, "immediate",
			    pair("total", f->immediate, "resolved", f->immediate_fixed));
	json_object_set_new(o, "signed_off", json_integer(f->closed));
	json_object_set_new(o, "resolved", json_integer(f->fixed));
	json_object_set_new(o, "in_progress", json_integer(f->in_progress));
	json_object_set_new(o, "overdue", json_integer(f->overdue));
	return o;
}

static json_t *measures(const struct report_figures *f)
{
	int64_t all = 0;
	for (int k = 0; k < MS_COUNT; k++)
		all += f->problem_measures[k];
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(f->measures));
	json_object_set_new(o, "by_level", by_code(&T_LEVEL, f->measure_level));
	json_object_set_new(o, "done", json_integer(f->measures_done));
	json_object_set_new(o, "of_problems",
			    json_pack("{sI so}", "total", (json_int_t)all, "by_status",
				      by_code(&T_MEASURE_STATUS, f->problem_measures)));
	return o;
}

static json_t *opinions(const struct report_figures *f)
{
	const struct rate_figure *s = &f->satisfaction;
	json_t *pct = s->den > 0 ? json_real((double)(long long)(s->pct * 10 + 0.5) / 10)
				 : json_null();
	json_t *o = json_object();
	json_object_set_new(o, "received", json_integer(f->opinions));
	json_object_set_new(o, "by_channel", by_code(&T_CHANNEL, f->channel));
	json_object_set_new(o, "answered", json_integer(f->answered));
	json_object_set_new(o, "by_rating", by_code(&T_RATING, f->rating));
	json_object_set_new(o, "satisfaction",
			    json_pack("{so sf sI}", "percent", pct, "numerator", s->num,
				      "denominator", (json_int_t)s->den));
	return o;
}

static json_t *cases(const struct report_figures *f)
{
	json_t *types = json_object();
	for (int k = 0; k < CT_COUNT; k++)
		json_object_set_new(types, code_str(&T_CASE_TYPE, k),
				    pair("total", f->cases[k], "resolved", f->cases_resolved[k]));
	return json_pack("{sI so}", "visits", (json_int_t)f->visits, "by_type", types);
}

static json_t *deeds(const struct report_figures *f)
{
	return json_pack("{sI sI so so}", "planned", (json_int_t)f->deeds, "done",
			 (json_int_t)f->deeds_done, "funds_yuan",
			 pair("planned", f->funds, "done", f->funds_done), "beneficiaries",
			 pair("planned", f->beneficiaries, "done", f->beneficiaries_done));
}

json_t *report_to_json(const struct report *r, const char *lang)
{
	const char *l = lang && strcmp(lang, "en") == 0 ? "en" : "zh";
	json_t *o = json_object();
	json_object_set_new(o, "unit", json_pack("{sI ss}", "id", (json_int_t)r->unit_id, "name",
						 r->unit_name ? r->unit_name : ""));
	json_object_set_new(o, "from", day_or_null(r->from));
	json_object_set_new(o, "to", day_or_null(r->to));
	json_object_set_new(o, "as_of", day_or_null(r->today));
	json_object_set_new(o, "problems", problems(&r->f));
	json_object_set_new(o, "measures", measures(&r->f));
	json_object_set_new(o, "opinions", opinions(&r->f));
	json_object_set_new(o, "cases", cases(&r->f));
	json_object_set_new(o, "deeds", deeds(&r->f));
	json_object_set_new(o, "lang", json_string(l));
	char *s = report_summary(r, l);
	json_object_set_new(o, "summary", json_string(s));
	free(s);
	return o;
}
