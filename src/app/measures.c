/* measures.c: the rectification list use cases. */
#include "app.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

struct m_ctx {
	const struct actor *ac;
	struct measure *m;
};

/* Load the item of a measure and check the actor may work on it. */
static qd_err workable_item(struct store *st, const struct actor *ac, int64_t item_id,
			    struct item *it, struct qd_error *e)
{
	item_init(it);
	qd_err r = st->ops->item_get(st, item_id, it);
	if (r != QD_OK)
		return qd_fail(e, r == QD_NOT_FOUND ? QD_NOT_FOUND : r, "item", NULL);
	if (!actor_can(ac, PA_ITEM_WORK, it->upath))
		return qd_fail(e, QD_FORBIDDEN, "item", NULL);
	if (!item_accepts_measure_work(it))
		return qd_fail(e, QD_BAD_TRANSITION, "status", "measures: %s",
			       code_str(&T_STATUS, it->status));
	return QD_OK;
}

/* The responsible person must exist and be one the actor can see. */
static qd_err responsible_ok(struct store *st, const struct actor *ac, int64_t id,
			     struct qd_error *e)
{
	if (id <= 0)
		return QD_OK;
	struct person p = {0};
	struct unit u = {0};
	qd_err r = st->ops->person_get(st, id, &p);
	if (r == QD_OK)
		r = st->ops->unit_get(st, p.unit_id, &u);
	bool visible = r == QD_OK && actor_can(ac, PA_READ, u.path);
	person_clear(&p);
	unit_clear(&u);
	if (r != QD_OK && r != QD_NOT_FOUND)
		return qd_fail(e, r, "responsible_id", NULL);
	return visible ? QD_OK
		       : qd_fail(e, QD_BAD_FIELD, "responsible_id", "no such person in your units");
}

static qd_err due_ok(const struct measure *m, const struct item *it, struct qd_error *e)
{
	if (m->due_on != DAY_NONE && m->due_on < it->found_on)
		return qd_fail(e, QD_BAD_FIELD, "due_on", "before the item was found");
	return QD_OK;
}

static void settle_done_day(struct measure *m)
{
	if (m->status == MS_DONE && m->done_on == DAY_NONE)
		m->done_on = day_today();
	if (m->status != MS_DONE)
		m->done_on = DAY_NONE;
}

static qd_err write_stats(struct store *st, const struct measure *old, const struct measure *nw,
			  const struct item *it, struct qd_error *e)
{
	struct stat_deltas d = {0};
	stats_measure_change(&d, old, old ? it : NULL, nw, it);
	qd_err r = st->ops->stat_apply(st, &d);
	stat_deltas_free(&d);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "counters");
}

static qd_err tx_measure_add(struct store *st, void *ctx, struct qd_error *e)
{
	struct m_ctx *x = ctx;
	struct measure *m = x->m;
	struct item it;
	qd_err r = workable_item(st, x->ac, m->item_id, &it, e);
	if (r == QD_OK)
		r = responsible_ok(st, x->ac, m->responsible_id, e);
	if (r == QD_OK)
		r = due_ok(m, &it, e);
	if (r != QD_OK) {
		item_clear(&it);
		return r;
	}
	m->unit_id = it.unit_id;
	xstrset(&m->upath, it.upath);
	if (!m->evidence)
		m->evidence = xstrdup("");
	settle_done_day(m);
	m->created_at = m->updated_at = time_now();
	r = st->ops->measure_insert(st, m);
	if (r != QD_OK)
		qd_fail(e, r, NULL, NULL);
	else
		r = write_stats(st, NULL, m, &it, e);
	if (r == QD_OK) {
		char *snap = snap_measure(m);
		r = audit_append(st, x->ac, "measure.create", "measure", m->id, NULL, snap, NULL, e);
		free(snap);
	}
	item_clear(&it);
	return r;
}

qd_err app_measure_add(struct app *a, const struct actor *ac, struct measure *m,
		       struct qd_error *e)
{
	qd_err r = measure_validate(m, e);
	if (r != QD_OK)
		return r;
	struct m_ctx x = {ac, m};
	return store_tx(a->st, tx_measure_add, &x, e);
}

static qd_err tx_measure_update(struct store *st, void *ctx, struct qd_error *e)
{
	struct m_ctx *x = ctx;
	struct measure *m = x->m;
	struct measure old;
	measure_init(&old);
	struct item it;
	item_init(&it);
	qd_err r = st->ops->measure_get(st, m->id, &old);
	if (r != QD_OK) {
		qd_fail(e, r, "measure", NULL);
		goto out;
	}
	r = workable_item(st, x->ac, old.item_id, &it, e);
	if (r == QD_OK && m->responsible_id != old.responsible_id)
		r = responsible_ok(st, x->ac, m->responsible_id, e);
	if (r == QD_OK)
		r = due_ok(m, &it, e);
	if (r != QD_OK)
		goto out;
	m->item_id = old.item_id;
	m->seq = old.seq;
	m->unit_id = old.unit_id;
	xstrset(&m->upath, old.upath);
	m->created_at = old.created_at;
	m->updated_at = time_now();
	if (!m->evidence)
		m->evidence = xstrdup("");
	m->done_on = old.status == MS_DONE ? old.done_on : DAY_NONE;
	settle_done_day(m);
	r = st->ops->measure_update(st, m);
	if (r != QD_OK)
		qd_fail(e, r, NULL, NULL);
	else
		r = write_stats(st, &old, m, &it, e);
	if (r == QD_OK) {
		char *before = snap_measure(&old), *after = snap_measure(m);
		r = audit_append(st, x->ac, "measure.update", "measure", m->id, before, after, NULL,
				 e);
		free(before);
		free(after);
	}
out:
	measure_clear(&old);
	item_clear(&it);
	return r;
}

/* A measure of an item being imported, as the ledger file records it
 * (app/ledger_import.c): any state of the item, status and done day kept. */
qd_err measure_import_insert(struct store *st, const struct actor *ac, struct measure *m,
			     const struct item *it, struct bulk *b, struct qd_error *e)
{
	qd_err r = measure_validate(m, e);
	/* Measures are work on the item, as app_measure_add asks. */
	if (r == QD_OK && !actor_can(ac, PA_ITEM_WORK, it->upath))
		r = qd_fail(e, QD_FORBIDDEN, "item", NULL);
	if (r == QD_OK)
		r = responsible_ok(st, ac, m->responsible_id, e);
	if (r == QD_OK)
		r = due_ok(m, it, e);
	if (r == QD_OK && m->status == MS_DONE && m->done_on != DAY_NONE &&
	    (m->done_on < it->found_on || m->done_on > day_today()))
		r = qd_fail(e, QD_BAD_FIELD, "done_on", "before the item was found or in the future");
	if (r != QD_OK)
		return r;
	m->item_id = it->id;
	m->unit_id = it->unit_id;
	xstrset(&m->upath, it->upath);
	if (!m->evidence)
		m->evidence = xstrdup("");
	if (m->status == MS_DONE && m->done_on == DAY_NONE)
		m->done_on = it->closed_on != DAY_NONE ? it->closed_on : day_today();
	if (m->status != MS_DONE)
		m->done_on = DAY_NONE;
	m->created_at = m->updated_at = time_now();
	if (b)
		return bulk_measure(b, m, it, e);
	r = st->ops->measure_insert(st, m);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	r = write_stats(st, NULL, m, it, e);
	if (r == QD_OK) {
		char *snap = snap_measure(m);
		r = audit_append(st, ac, "measure.import", "measure", m->id, NULL, snap, NULL, e);
		free(snap);
	}
	return r;
}

qd_err app_measure_update(struct app *a, const struct actor *ac, struct measure *m,
			  struct qd_error *e)
{
	qd_err r = measure_validate(m, e);
	if (r != QD_OK)
		return r;
	struct m_ctx x = {ac, m};
	return store_tx(a->st, tx_measure_update, &x, e);
}

qd_err app_measure_get(struct app *a, const struct actor *ac, int64_t id, struct measure *out,
		       struct qd_error *e)
{
	measure_init(out);
	qd_err r = a->st->ops->measure_get(a->st, id, out);
	if (r != QD_OK)
		return qd_fail(e, r, "measure", NULL);
	if (!actor_can(ac, PA_READ, out->upath)) {
		measure_clear(out);
		return qd_fail(e, QD_FORBIDDEN, "measure", NULL);
	}
	return QD_OK;
}

qd_err app_measure_list(struct app *a, const struct actor *ac, int64_t unit_id,
			struct measure_filter *f, struct measure_array *out, bool *has_more,
			struct qd_error *e)
{
	struct unit u = {0};
	qd_err r = app_unit_get(a, ac, unit_id, &u, e);
	if (r != QD_OK)
		return r;
	f->upath = u.path;
	f->today = day_today();
	r = a->st->ops->measure_list(a->st, f, out, has_more);
	f->upath = NULL;
	unit_clear(&u);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_measures_of(struct app *a, int64_t item_id, struct measure_array *out,
		       struct qd_error *e)
{
	qd_err r = a->st->ops->measure_list_for_item(a->st, item_id, out);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}
