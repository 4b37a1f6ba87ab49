/* stats.c: statistics from counters, and the holiday calendar. */
#include "app.h"
#include "../domain/deadline.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

qd_err app_stats(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
		 struct stat_result *out, struct qd_error *e)
{
	struct unit u = {0};
	qd_err r = app_unit_get(a, ac, unit_id, &u, e);
	unit_clear(&u);
	if (r != QD_OK)
		return r;
	if (from != DAY_NONE && to != DAY_NONE && from > to)
		return qd_fail(e, QD_BAD_PARAM, "from", "after to");
	r = a->st->ops->stat_query(a->st, unit_id, from, to, day_today(), out);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_stats_pick(struct app *a, const struct actor *ac, int64_t unit_id,
		      const char *const *metrics, int n, int64_t *out, int64_t *overdue,
		      struct qd_error *e)
{
	struct unit u = {0};
	qd_err r = app_unit_get(a, ac, unit_id, &u, e);
	unit_clear(&u);
	if (r != QD_OK)
		return r;
	r = a->st->ops->stat_pick(a->st, unit_id, day_today(), metrics, n, out, overdue);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

struct cal_ctx {
	const struct actor *ac;
	int day;
	const char *kind;
};

static qd_err tx_calendar_set(struct store *st, void *ctx, struct qd_error *e)
{
	struct cal_ctx *x = ctx;
	qd_err r = st->ops->calendar_set(st, x->day, x->kind);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	char day[DAY_TEXT_LEN];
	day_format(x->day, day);
	char *snap = x->kind ? snap_kv(day, x->kind) : NULL;
	r = audit_append(st, x->ac, "calendar.set", "calendar", x->day, NULL, snap, NULL, e);
	free(snap);
	return r;
}

qd_err app_calendar_set(struct app *a, const struct actor *ac, int day, const char *kind,
			struct qd_error *e)
{
	if (!ac->system && !perm_allows_global(ac->grants.v, ac->grants.n, PA_UNIT_ADMIN))
		return qd_fail(e, QD_FORBIDDEN, NULL, "the calendar is set by a top-level admin");
	struct cal_ctx x = {ac, day, kind};
	return store_tx(a->st, tx_calendar_set, &x, e);
}

/* The calendar's exceptions for [from, to] into c (caller frees off/on). */
static qd_err load_calendar(struct store *st, int from, int to, struct calendar *c, int **off,
			    int **on)
{
	memset(c, 0, sizeof *c);
	*off = *on = NULL;
	qd_err r = st->ops->calendar_get(st, from, to, off, &c->n_off, on, &c->n_on);
	c->off = *off;
	c->on = *on;
	return r;
}

qd_err app_due_from_working_days(struct app *a, int start, int n, int *out,
				 struct qd_error *e)
{
	struct calendar c;
	int *off, *on;
	/* n working days never span more than about 1.5n + 60 calendar days. */
	qd_err r = load_calendar(a->st, start, start + n * 2 + 90, &c, &off, &on);
	if (r == QD_OK)
		*out = deadline_add_working_days(&c, start, n);
	free(off);
	free(on);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err cal_working_days(struct store *st, int from, int to, int *out)
{
	*out = 0;
	if (to <= from)
		return QD_OK;
	struct calendar c;
	int *off, *on;
	qd_err r = load_calendar(st, from, to, &c, &off, &on);
	if (r == QD_OK)
		*out = working_days_between(&c, from, to);
	free(off);
	free(on);
	return r;
}

/* The latest day d whose limit of n working days ended before today: an
 * opinion received on or before d and not yet answered is late. */
qd_err cal_days_back(struct store *st, int today, int n, int *out)
{
	int span = n * 2 + 60;
	struct calendar c;
	int *off, *on;
	qd_err r = load_calendar(st, today - span - 1, today + 1, &c, &off, &on);
	*out = today - span - 1;
	for (int d = today - 1; r == QD_OK && d > today - span; d--) {
		if (deadline_add_working_days(&c, d, n) < today) {
			*out = d;
			break;
		}
	}
	free(off);
	free(on);
	return r;
}
