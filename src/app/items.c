/* items.c: the problem list use cases (create, edit, state actions, lists). */
#include "app.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The owner unit of an item: must exist and be active. */
static qd_err owner_unit(struct store *st, int64_t unit_id, struct unit *u, struct qd_error *e)
{
	qd_err r = st->ops->unit_get(st, unit_id, u);
	if (r != QD_OK)
		return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "unit_id", "no such unit");
	if (!u->active)
		return qd_fail(e, QD_INACTIVE, "unit_id", NULL);
	return QD_OK;
}

/* A responsible person must exist and be someone the actor can see (a
 * person of a unit in its subtree). */
static qd_err person_exists(struct store *st, const struct actor *ac, int64_t id,
			    const char *field, struct qd_error *e)
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
		return qd_fail(e, r, field, NULL);
	if (!visible)
		return qd_fail(e, QD_BAD_FIELD, field, "no such person in your units");
	return QD_OK;
}

static qd_err category_exists(struct store *st, int64_t id, struct qd_error *e)
{
	if (id <= 0)
		return QD_OK;
	struct category c = {0};
	qd_err r = st->ops->category_get(st, id, &c);
	category_clear(&c);
	if (r != QD_OK)
		return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "category_id",
			       "no such category");
	return QD_OK;
}

/* Write the counter changes of an item (and of its measures, when the
 * bucket, owner or level of the item changed). */
static qd_err apply_item_stats(struct store *st, const struct item *old, const struct item *nw,
			       struct qd_error *e)
{
	struct stat_deltas d = {0};
	stats_item_change(&d, old, nw);
	qd_err r = QD_OK;
	bool rekey = old && nw &&
		     (old->found_on != nw->found_on || old->level != nw->level ||
		      old->kind != nw->kind ||
		      strcmp(old->upath, nw->upath) != 0);
	struct measure_array ms = {0};
	if (rekey) {
		r = st->ops->measure_list_for_item(st, nw->id, &ms);
		for (int i = 0; r == QD_OK && i < ms.n; i++)
			stats_measure_change(&d, &ms.v[i], old, &ms.v[i], nw);
		if (r == QD_OK && strcmp(old->upath, nw->upath) != 0)
			r = st->ops->measure_set_owner(st, nw->id, nw->unit_id, nw->upath);
	}
	if (r == QD_OK)
		r = st->ops->stat_apply(st, &d);
	measure_array_free(&ms);
	stat_deltas_free(&d);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "counters");
}

qd_err item_assign_number(struct store *st, struct item *it, struct qd_error *e)
{
	if (it->ext_id && *it->ext_id)
		return item_ext_id_ok(it->ext_id) ? QD_OK
					     : qd_fail(e, QD_BAD_FIELD, "ext_id",
						       "1-%d of A-Z a-z 0-9 - _, not digits only",
						       ITEM_EXT_ID_MAX);
	char *prefix = NULL;
	if (st->ops->setting_get(st, "item.prefix", &prefix) != QD_OK)
		prefix = xstrdup("QD");
	int y, m, d;
	day_to_civil(it->found_on, &y, &m, &d);
	char seqname[32], ext[64];
	snprintf(seqname, sizeof seqname, "item.%04d", y);
	int64_t n = 0;
	qd_err r = st->ops->sequence_next(st, seqname, &n);
	snprintf(ext, sizeof ext, "%s-%04d-%06lld", prefix, y, (long long)n);
	free(prefix);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "item number");
	xstrset(&it->ext_id, ext);
	return QD_OK;
}

/* Write a new item, its counters and its audit event. */
static qd_err insert_item(struct store *st, const struct actor *ac, struct item *it,
			  const char *action, const char *note, struct qd_error *e)
{
	qd_err r = st->ops->item_insert(st, it);
	if (r != QD_OK)
		return qd_fail(e, r, r == QD_CONFLICT ? "ext_id" : NULL,
			       r == QD_CONFLICT ? "item number already used" : NULL);
	r = apply_item_stats(st, NULL, it, e);
	if (r != QD_OK)
		return r;
	char *snap = snap_item(it);
	r = audit_append(st, ac, action, "item", it->id, NULL, snap, note, e);
	free(snap);
	return r;
}

struct create_ctx {
	const struct actor *ac;
	struct item_input *in;
};

static qd_err tx_item_create(struct store *st, void *ctx, struct qd_error *e)
{
	struct create_ctx *x = ctx;
	struct item *it = &x->in->it;
	struct unit u = {0};
	qd_err r = owner_unit(st, it->unit_id, &u, e);
	if (r == QD_OK && !actor_can(x->ac, PA_ITEM_CREATE, u.path))
		r = qd_fail(e, QD_FORBIDDEN, "unit_id", NULL);
	/* "Already fixed" says the work is done: it needs the right to work
	 * on items there, as a request for sign-off does (a supervisor may
	 * report a problem, not record it fixed and then sign it off). */
	if (r == QD_OK && x->in->already_fixed && !actor_can(x->ac, PA_ITEM_WORK, u.path))
		r = qd_fail(e, QD_FORBIDDEN, "already_fixed", NULL);
	if (r == QD_OK)
		r = person_exists(st, x->ac, it->responsible_id, "responsible_id", e);
	if (r == QD_OK)
		r = category_exists(st, it->category_id, e);
	if (r == QD_OK)
		r = item_assign_number(st, it, e);
	if (r != QD_OK) {
		unit_clear(&u);
		return r;
	}
	xstrset(&it->upath, u.path);
	unit_clear(&u);
	if (!it->detail)
		it->detail = xstrdup("");
	it->created_at = it->updated_at = time_now();
	it->version = 1;
	it->claimant_id = 0;
	r = item_set_initial_state(it, x->in->already_fixed,
				   actor_can(x->ac, PA_ITEM_VERIFY, it->upath), day_today(),
				   it->created_at, e);
	if (r != QD_OK)
		return r;
	return insert_item(st, x->ac, it, "item.create",
			   x->in->already_fixed ? "already fixed" : NULL, e);
}

/* An item as a ledger file records it, state included (app/ledger_import.c). */
qd_err item_import_insert(struct store *st, const struct actor *ac, struct item *it,
			  struct bulk *b, struct qd_error *e)
{
	qd_err r = item_validate(it, day_today(), e);
	if (r == QD_OK)
		r = item_validate_recorded_state(it, day_today(), e);
	if (r != QD_OK)
		return r;
	if (!it->ext_id || !*it->ext_id)
		return qd_fail(e, QD_MISSING_FIELD, "ext_id", NULL);
	struct unit u = {0};
	r = owner_unit(st, it->unit_id, &u, e);
	if (r == QD_OK && !actor_can(ac, PA_ITEM_CREATE, u.path))
		r = qd_fail(e, QD_FORBIDDEN, "unit_id", NULL);
	/* A state past open is work done on the item: the API's start and
	 * request for sign-off need PA_ITEM_WORK, and so does this. */
	if (r == QD_OK && it->status != ST_OPEN && !actor_can(ac, PA_ITEM_WORK, u.path))
		r = qd_fail(e, QD_FORBIDDEN, "status",
			    "an item past open needs an importer who may work on items in its unit");
	if (r == QD_OK && it->status == ST_CLOSED && !actor_can(ac, PA_ITEM_VERIFY, u.path))
		r = qd_fail(e, QD_FORBIDDEN, "status",
			    "a signed-off item needs an importer who may sign off in its unit");
	if (r == QD_OK)
		r = person_exists(st, ac, it->responsible_id, "responsible_id", e);
	if (r == QD_OK)
		r = person_exists(st, ac, it->claimant_id, "claimant_id", e);
	if (r == QD_OK)
		r = category_exists(st, it->category_id, e);
	if (r == QD_OK)
		r = item_assign_number(st, it, e);
	if (r == QD_OK)
		xstrset(&it->upath, u.path);
	unit_clear(&u);
	if (r != QD_OK)
		return r;
	if (!it->detail)
		it->detail = xstrdup("");
	it->created_at = it->updated_at = time_now();
	it->version = 1;
	it->sendbacks = it->reopens = 0;
	it->closed_at = it->status == ST_CLOSED ? time_of_day(it->closed_on, 12, 0) : 0;
	if (b)
		return bulk_item(b, it, e);
	return insert_item(st, ac, it, "item.import", NULL, e);
}

qd_err app_item_create(struct app *a, const struct actor *ac, struct item_input *in,
		       struct qd_error *e)
{
	struct item *it = &in->it;
	if (in->due_working_days > 0) {
		if (it->due_on != DAY_NONE)
			return qd_fail(e, QD_BAD_FIELD, "due_working_days", "give due_on or this, not both");
		if (it->found_on == DAY_NONE)
			return qd_fail(e, QD_MISSING_FIELD, "found_on", NULL);
		if (in->due_working_days > 1000)
			return qd_fail(e, QD_BAD_FIELD, "due_working_days", "at most 1000");
		qd_err r = app_due_from_working_days(a, it->found_on, in->due_working_days,
						     &it->due_on, e);
		if (r != QD_OK)
			return r;
	}
	qd_err r = item_validate(it, day_today(), e);
	if (r != QD_OK)
		return r;
	struct create_ctx x = {ac, in};
	return store_tx(a->st, tx_item_create, &x, e);
}

static qd_err load_item(struct store *st, const char *ref, struct item *out, struct qd_error *e)
{
	char *end;
	bool digits = *ref && strspn(ref, "0123456789") == strlen(ref) && strlen(ref) <= 18;
	long long id = digits ? strtoll(ref, &end, 10) : 0;
	qd_err r;
	if (digits && id > 0)
		r = st->ops->item_get(st, id, out);
	else if (item_ext_id_ok(ref))
		r = st->ops->item_get_by_ext(st, ref, out);
	else
		r = QD_NOT_FOUND;
	return r == QD_OK ? QD_OK : qd_fail(e, r, "item", NULL);
}

qd_err app_item_get(struct app *a, const struct actor *ac, const char *ref, struct item *out,
		    struct qd_error *e)
{
	item_init(out);
	qd_err r = load_item(a->st, ref, out, e);
	if (r == QD_OK && !actor_can(ac, PA_READ, out->upath)) {
		item_clear(out);
		return qd_fail(e, QD_FORBIDDEN, "item", NULL);
	}
	return r;
}

struct update_ctx {
	const struct actor *ac;
	struct item *it;
};

static qd_err tx_item_update(struct store *st, void *ctx, struct qd_error *e)
{
	struct update_ctx *x = ctx;
	struct item *it = x->it;
	struct item cur;
	item_init(&cur);
	struct unit u = {0};
	qd_err r = st->ops->item_get(st, it->id, &cur);
	if (r != QD_OK) {
		qd_fail(e, r, "item", NULL);
		goto out;
	}
	if (!actor_can(x->ac, PA_ITEM_EDIT, cur.upath)) {
		r = qd_fail(e, QD_FORBIDDEN, "item", NULL);
		goto out;
	}
	if (cur.version != it->version) {
		r = qd_fail(e, QD_CONFLICT, "version", "changed meanwhile; reload");
		goto out;
	}
	if (cur.status == ST_CLOSED || cur.status == ST_REVIEW) {
		r = qd_fail(e, QD_BAD_TRANSITION, "status", "edit: %s",
			    code_str(&T_STATUS, cur.status));
		goto out;
	}
	r = owner_unit(st, it->unit_id, &u, e);
	if (r == QD_OK && it->unit_id != cur.unit_id &&
	    !actor_can(x->ac, PA_ITEM_EDIT, u.path))
		r = qd_fail(e, QD_FORBIDDEN, "unit_id", NULL);
	/* A person set earlier by someone who sees more stays valid. */
	if (r == QD_OK && it->responsible_id != cur.responsible_id)
		r = person_exists(st, x->ac, it->responsible_id, "responsible_id", e);
	if (r == QD_OK)
		r = category_exists(st, it->category_id, e);
	/* No number given keeps the current one; a new one must be valid. */
	if (r == QD_OK && (!it->ext_id || !*it->ext_id))
		xstrset(&it->ext_id, cur.ext_id);
	else if (r == QD_OK && strcmp(it->ext_id, cur.ext_id) != 0)
		r = item_assign_number(st, it, e);
	if (r != QD_OK)
		goto out;
	/* State fields are not edited here: keep the stored ones. */
	it->status = cur.status;
	it->closure = cur.closure;
	it->closed_at = cur.closed_at;
	it->closed_on = cur.closed_on;
	it->sendbacks = cur.sendbacks;
	it->reopens = cur.reopens;
	it->claimant_id = cur.claimant_id;
	it->created_at = cur.created_at;
	xstrset(&it->upath, u.path);
	it->version = cur.version + 1;
	it->updated_at = time_now();
	r = st->ops->item_update(st, it);
	if (r != QD_OK) {
		qd_fail(e, r, r == QD_CONFLICT ? "ext_id" : NULL, NULL);
		goto out;
	}
	r = apply_item_stats(st, &cur, it, e);
	if (r == QD_OK) {
		char *before = snap_item(&cur), *after = snap_item(it);
		r = audit_append(st, x->ac, "item.update", "item", it->id, before, after, NULL, e);
		free(before);
		free(after);
	}
out:
	item_clear(&cur);
	unit_clear(&u);
	return r;
}

qd_err app_item_update(struct app *a, const struct actor *ac, struct item *it,
		       struct qd_error *e)
{
	qd_err r = item_validate(it, day_today(), e);
	if (r != QD_OK)
		return r;
	struct update_ctx x = {ac, it};
	return store_tx(a->st, tx_item_update, &x, e);
}

struct act_ctx {
	const struct actor *ac;
	int64_t id;
	enum item_action act;
	int closure;
	const char *reason;
	struct item *out;
};

static int open_measures(const struct measure_array *ms)
{
	int n = 0;
	for (int i = 0; i < ms->n; i++)
		n += ms->v[i].status == MS_OPEN || ms->v[i].status == MS_IN_PROGRESS;
	return n;
}

/* Refusal for a verifier at the owner's own level: say why, not just no. */
static qd_err verify_refusal(const struct actor *ac, const char *upath, struct qd_error *e)
{
	for (int i = 0; i < ac->grants.n; i++) {
		const struct grant *g = &ac->grants.v[i];
		if (role_allows(g->role, PA_ITEM_VERIFY) && path_covers(g->unit_path, upath))
			return qd_fail(e, QD_NOT_ABOVE, "unit_id", NULL);
	}
	return qd_fail(e, QD_FORBIDDEN, "item", NULL);
}

static qd_err tx_item_act(struct store *st, void *ctx, struct qd_error *e)
{
	struct act_ctx *x = ctx;
	struct item cur, nw;
	item_init(&cur);
	item_init(&nw);
	struct measure_array ms = {0};
	qd_err r = st->ops->item_get(st, x->id, &cur);
	if (r != QD_OK) {
		qd_fail(e, r, "item", NULL);
		goto out;
	}
	enum perm_action need = item_action_perm(x->act);
	if (!actor_can(x->ac, need, cur.upath)) {
		r = need == PA_ITEM_VERIFY && actor_can(x->ac, PA_READ, cur.upath)
			    ? verify_refusal(x->ac, cur.upath, e)
			    : qd_fail(e, QD_FORBIDDEN, "item", NULL);
		goto out;
	}
	if (x->act == IA_REOPEN) {
		struct unit u = {0};
		r = owner_unit(st, cur.unit_id, &u, e);
		unit_clear(&u);
		if (r != QD_OK)
			goto out;
	}
	if (x->act == IA_REQUEST_SIGNOFF &&
	    (r = st->ops->measure_list_for_item(st, cur.id, &ms)) != QD_OK) {
		qd_fail(e, r, NULL, NULL);
		goto out;
	}
	item_copy(&nw, &cur);
	struct transition t = {.closure = x->closure,
			       .reason = x->reason,
			       .claimant_id = x->ac->person_id,
			       .open_measures = open_measures(&ms),
			       .today = day_today(),
			       .now = time_now()};
	r = item_apply(&nw, x->act, &t, e);
	if (r != QD_OK)
		goto out;
	nw.version = cur.version + 1;
	r = st->ops->item_update(st, &nw);
	if (r != QD_OK) {
		qd_fail(e, r, NULL, NULL);
		goto out;
	}
	r = apply_item_stats(st, &cur, &nw, e);
	if (r == QD_OK) {
		char action[48], note[REASON_MAX_CHARS * 4 + 64];
		snprintf(action, sizeof action, "item.%s", code_str(&T_ITEM_ACTION, x->act));
		if (x->act == IA_SIGNOFF)
			snprintf(note, sizeof note, "%s%s%s", code_str(&T_CLOSURE, x->closure),
				 x->reason && *x->reason ? ": " : "", x->reason ? x->reason : "");
		else
			snprintf(note, sizeof note, "%s", x->reason ? x->reason : "");
		char *before = snap_item(&cur), *after = snap_item(&nw);
		r = audit_append(st, x->ac, action, "item", nw.id, before, after,
				 note[0] ? note : NULL, e);
		free(before);
		free(after);
	}
	if (r == QD_OK && x->act == IA_SIGNOFF) {
		char resolution[REASON_MAX_CHARS * 4 + 64];
		snprintf(resolution, sizeof resolution, "%s%s%s",
			 code_label(&T_CLOSURE, x->closure, "zh"),
			 x->reason && *x->reason ? "：" : "", x->reason ? x->reason : "");
		r = opinions_answer_for_item(st, x->ac, &nw, resolution, e);
	}
	if (r == QD_OK && (x->act == IA_SENDBACK || x->act == IA_REOPEN))
		r = opinions_redo_for_item(st, x->ac, &nw, x->reason, e);
	if (r == QD_OK && x->out) {
		*x->out = nw;
		item_init(&nw);
	}
out:
	measure_array_free(&ms);
	item_clear(&cur);
	item_clear(&nw);
	return r;
}

qd_err app_item_act(struct app *a, const struct actor *ac, int64_t id, enum item_action act,
		    int closure, const char *reason, struct item *out, struct qd_error *e)
{
	if (reason && !text_ok(reason, REASON_MAX_CHARS, false))
		return qd_fail(e, QD_BAD_FIELD, "reason", "at most %d characters", REASON_MAX_CHARS);
	if (act == IA_CLAIM && ac->person_id <= 0)
		return qd_fail(e, QD_FORBIDDEN, NULL, "claiming needs a person record");
	struct act_ctx x = {ac, id, act, closure, reason, out};
	if (out)
		item_init(out);
	qd_err r = store_tx(a->st, tx_item_act, &x, e);
	if (r != QD_OK && out)
		item_clear(out); /* filled, then the commit failed */
	return r;
}

static qd_err scope_path(struct app *a, const struct actor *ac, int64_t unit_id, char **path,
			 struct qd_error *e)
{
	struct unit u = {0};
	qd_err r = app_unit_get(a, ac, unit_id, &u, e);
	if (r == QD_OK) {
		*path = u.path;
		u.path = NULL;
	}
	unit_clear(&u);
	return r;
}

qd_err app_item_list(struct app *a, const struct actor *ac, int64_t unit_id,
		     struct item_filter *f, struct item_array *out, bool *has_more,
		     struct qd_error *e)
{
	char *path = NULL;
	qd_err r = scope_path(a, ac, unit_id, &path, e);
	if (r != QD_OK)
		return r;
	f->upath = path;
	f->today = day_today();
	r = a->st->ops->item_list(a->st, f, out, has_more);
	f->upath = NULL;
	free(path);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_item_history(struct app *a, const struct actor *ac, int64_t item_id,
			struct event_array *out, struct qd_error *e)
{
	(void)ac; /* the caller has read the item with app_item_get */
	qd_err r = a->st->ops->event_list_for_item(a->st, item_id, out);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_responsibility(struct app *a, const struct actor *ac, int64_t unit_id, int limit,
			  struct resp_row_array *out, struct qd_error *e)
{
	char *path = NULL;
	qd_err r = scope_path(a, ac, unit_id, &path, e);
	if (r != QD_OK)
		return r;
	r = a->st->ops->item_responsibility(a->st, path, day_today(), limit, out);
	free(path);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}
