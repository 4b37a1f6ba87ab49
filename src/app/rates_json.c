/* rates_json.c: rates as JSON (see rates_json.h). */
#include "rates_json.h"
#include "../domain/codes.h"
#include "../util/date.h"
#include <stdlib.h>

static json_t *pct(double v)
{
	/* two decimals; v >= 0 */
	return v < 0 ? json_null() : json_real((double)(long long)(v * 100 + 0.5) / 100);
}

static const char *role_name(enum part_role r)
{
	return r == PART_NUMERATOR ? "numerator" : r == PART_EXCLUDED ? "excluded" : "denominator";
}

json_t *unit_rates_to_json(const struct rates_view *v, const struct unit_rates *u)
{
	json_t *rates = json_object();
	for (int k = 0; k < RATE_COUNT; k++) {
		const struct rate_figure *f = &u->rep.f[k];
		json_object_set_new(rates, code_str(&T_RATE, k),
				    json_pack("{sf sI sI so so sf}", "numerator", f->num, "denominator",
					      (json_int_t)f->den, "excluded", (json_int_t)f->excluded,
					      "percent", pct(f->pct), "score", pct(f->score),
					      "weight", v->rules.weight[k]));
	}
	struct rate_part parts[64];
	int n = rate_parts(v, u, parts, 64);
	json_t *pj = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(pj, json_pack("{ss ss ss sf sI}", "name", parts[i].name, "rate",
						    code_str(&T_RATE, parts[i].rate), "role",
						    role_name(parts[i].role), "weight",
						    parts[i].weight, "n", (json_int_t)parts[i].n));
	return json_pack("{s{sI ss} sI so sb so so so}", "unit", "id", (json_int_t)u->unit.id,
			 "name", u->unit.name, "received", (json_int_t)u->rep.received, "composite",
			 pct(u->rep.composite), "ranked", u->rep.ranked, "rank",
			 u->rank > 0 ? json_integer(u->rank) : json_null(), "rates", rates, "parts",
			 pj);
}

static json_t *day_json(int day)
{
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	return json_string(t);
}

json_t *rates_view_to_json(const struct rates_view *v)
{
	char *rules = rate_rules_json(&v->rules);
	json_t *rj = json_loads(rules, 0, NULL);
	free(rules);
	json_t *kids = json_array();
	for (int i = 0; i < v->nchildren; i++)
		json_array_append_new(kids, unit_rates_to_json(v, &v->children[i]));
	return json_pack("{s{sI ss} so so so so so}", "unit", "id", (json_int_t)v->self.unit.id,
			 "name", v->self.unit.name, "from", day_json(v->from), "to", day_json(v->to),
			 "rules", rj ? rj : json_null(), "rates", unit_rates_to_json(v, &v->self),
			 "children", kids);
}
