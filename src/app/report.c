/* report.c: the campaign report of a unit's subtree and a period, from
 * counters: one counter query (app_stats) and the rules of the rates for
 * the satisfaction rate. No item, measure or opinion row is read. */
#include "app.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

qd_err app_report(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
		  struct report *out, struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	int today = day_today();
	if (to == DAY_NONE)
		to = today;
	if (to > today)
		return qd_fail(e, QD_BAD_PARAM, "to", "after today");
	if (from != DAY_NONE && from > to)
		return qd_fail(e, QD_BAD_PARAM, "from", "after to");
	struct unit u = {0};
	qd_err r = app_unit_get(a, ac, unit_id, &u, e);
	if (r != QD_OK)
		return r;
	out->unit_id = u.id;
	out->unit_name = xstrdup(u.name ? u.name : "");
	out->from = from;
	out->to = to;
	out->today = today;
	unit_clear(&u);
	struct stat_result c = {0};
	struct rate_rules rules;
	struct rate_report rates;
	if ((r = app_stats(a, ac, unit_id, from, to, &c, e)) == QD_OK &&
	    (r = app_rate_rules(a, &rules, e)) == QD_OK) {
		/* the satisfaction rate does not depend on what is not due yet */
		rates_compute(&rules, &c, 0, &rates);
		report_figures_count(&c, &rates, &out->f);
	}
	stat_result_free(&c);
	if (r != QD_OK)
		report_clear(out);
	return r;
}

