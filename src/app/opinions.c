/* opinions.c: opinions from the public - intake (public form or staff),
 * triage into items, replies, answers at sign-off, and the submitter's
 * rating, which reopens the item when 不满意. */
#include "app.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../domain/tree.h"
#include "../util/date.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void new_code(char out[TRACKING_CODE_LEN + 1])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; /* 32, no 0/O/1/I */
	for (int i = 0; i < TRACKING_CODE_LEN; i++)
		out[i] = alphabet[randombytes_uniform(32)];
	out[TRACKING_CODE_LEN] = '\0';
}

void forget_personal(struct opinion *o)
{
	free(o->submitter_name);
	free(o->submitter_contact);
	o->submitter_name = o->submitter_contact = NULL;
}

static qd_err audit_opinion(struct store *st, const struct actor *ac, const char *action,
			    const struct opinion *before, const struct opinion *after,
			    const char *note, struct qd_error *e)
{
	char *b = before ? snap_opinion(before) : NULL, *a = snap_opinion(after);
	qd_err r = audit_append(st, ac, action, "opinion", after->id, b, a, note, e);
	free(b);
	free(a);
	return r;
}

/* Working days from the day of t0 to today, against the holiday calendar. */
static qd_err wdays_since(struct store *st, int64_t t0, int *out)
{
	return cal_working_days(st, day_of_time(t0), day_today(), out);
}

/* The first response by staff, timed for the response rate. */
static qd_err respond(struct store *st, struct opinion *o, struct qd_error *e)
{
	if (o->responded_at)
		return QD_OK;
	int wdays = 0;
	qd_err r = wdays_since(st, o->received_at, &wdays);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "calendar");
	opinion_respond(o, time_now(), wdays);
	return QD_OK;
}

/* Store a change of an opinion: the row, its counters, the audit event and,
 * when the submitter's side changed, an update for Open311 clients.
 * before is NULL for a new opinion (already inserted). */
static qd_err save_opinion(struct store *st, const struct actor *ac, const char *action,
			   const struct opinion *before, struct opinion *o, const char *note,
			   const char *update, struct qd_error *e)
{
	qd_err r = QD_OK;
	if (before) {
		o->updated_at = time_now();
		r = st->ops->opinion_update(st, o);
		if (r != QD_OK)
			return qd_fail(e, r, NULL, NULL);
	}
	struct stat_deltas d = {0};
	stats_opinion_change(&d, before, o);
	r = st->ops->stat_apply(st, &d);
	stat_deltas_free(&d);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "counters");
	if (update) {
		struct opinion_update u = {0};
		u.opinion_id = o->id;
		u.at = time_now();
		snprintf(u.status, sizeof u.status, "%s", opinion_o311_status(o));
		u.description = (char *)update;
		r = st->ops->opinion_update_add(st, &u);
		if (r != QD_OK)
			return qd_fail(e, r, NULL, "update");
	}
	return audit_opinion(st, ac, action, before, o, note, e);
}

struct submit_ctx {
	const struct actor *ac;     /* NULL: the public or an Open311 client */
	struct opinion *o;
	const char *within;         /* the unit must lie in this subtree (client) */
	const char *note;
};

static qd_err tx_submit(struct store *st, void *ctx, struct qd_error *e)
{
	struct submit_ctx *x = ctx;
	struct unit u = {0};
	qd_err r = st->ops->unit_get(st, x->o->unit_id, &u);
	if (r != QD_OK)
		return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "unit_id", "no such unit");
	bool active = u.active;
	bool allowed = x->within ? path_covers(x->within, u.path)
				 : !x->ac || actor_can(x->ac, PA_ITEM_CREATE, u.path);
	xstrset(&x->o->upath, u.path);
	unit_clear(&u);
	if (!active)
		return qd_fail(e, QD_INACTIVE, "unit_id", NULL);
	if (!allowed)
		return qd_fail(e, QD_FORBIDDEN, "unit_id", NULL);
	if (x->o->category_id > 0) {
		struct category c = {0};
		r = st->ops->category_get(st, x->o->category_id, &c);
		category_clear(&c);
		if (r != QD_OK)
			return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "category_id",
				       "no such category");
	}
	char code[TRACKING_CODE_LEN + 1];
	for (int tries = 0; tries < 5; tries++) {
		new_code(code);
		xstrset(&x->o->code, code);
		r = st->ops->opinion_insert(st, x->o);
		if (r != QD_CONFLICT)
			break; /* a code clash (1 in 32^12) is simply retried */
	}
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	struct actor pub;
	actor_init_system(&pub);
	r = save_opinion(st, x->ac ? x->ac : &pub, "opinion.create", NULL, x->o,
			 x->note ? x->note : x->ac ? NULL : "public form", "已收到", e);
	actor_clear(&pub);
	return r;
}

qd_err opinion_submit_for_client(struct app *a, const struct o311_client *c, struct opinion *o,
				 struct qd_error *e)
{
	opinion_start(o, time_now());
	o->channel = CH_OPEN311;
	o->received_at = o->created_at;
	o->client_id = c->id;
	if (o->unit_id <= 0)
		o->unit_id = c->unit_id;
	qd_err r = opinion_validate(o, e);
	if (r != QD_OK)
		return r;
	char note[160];
	snprintf(note, sizeof note, "open311: %s", c->name);
	struct submit_ctx x = {NULL, o, c->upath, note};
	return store_tx(a->st, tx_submit, &x, e);
}

qd_err app_opinion_submit(struct app *a, const struct actor *ac, struct opinion *o,
			  struct qd_error *e)
{
	opinion_start(o, time_now());
	if (!ac)
		o->channel = CH_WEB;
	/* Staff may enter a letter or a call when it came; never in the future. */
	if (!ac || o->received_at <= 0)
		o->received_at = o->created_at;
	else if (o->received_at > o->created_at)
		return qd_fail(e, QD_BAD_FIELD, "received_at", "not in the future");
	qd_err r = opinion_validate(o, e);
	if (r != QD_OK)
		return r;
	struct submit_ctx x = {ac, o, NULL, NULL};
	return store_tx(a->st, tx_submit, &x, e);
}

qd_err app_opinion_public(struct app *a, const char *code, struct opinion *out,
			  struct qd_error *e)
{
	opinion_init(out);
	if (!tracking_code_ok(code))
		return qd_fail(e, QD_NOT_FOUND, "code", NULL);
	qd_err r = a->st->ops->opinion_get_by_code(a->st, code, out);
	if (r != QD_OK)
		return qd_fail(e, r, "code", NULL);
	forget_personal(out);
	return QD_OK;
}

void opinions_free(struct opinion *v, int n)
{
	for (int i = 0; i < n; i++)
		opinion_clear(&v[i]);
	free(v);
}

qd_err app_opinion_list(struct app *a, const struct actor *ac, const struct opinion_query *q,
			struct opinion **out, int *n, bool *more, struct qd_error *e)
{
	*out = NULL;
	*n = 0;
	*more = false;
	if (!q->upath || !actor_can(ac, PA_READ, q->upath))
		return qd_fail(e, QD_FORBIDDEN, "unit", NULL);
	qd_err r = a->st->ops->opinion_find(a->st, q, out, n, more);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "opinions");
	for (int i = 0; i < *n; i++)
		if (!actor_can(ac, PA_READ_PERSONAL, (*out)[i].upath))
			forget_personal(&(*out)[i]);
	return QD_OK;
}

qd_err app_item_opinions(struct app *a, const struct actor *ac, const struct item *it, int max,
			 struct opinion **out, int *n, int64_t *total, struct qd_error *e)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	if (!actor_can(ac, PA_READ, it->upath))
		return qd_fail(e, QD_FORBIDDEN, "item", NULL);
	qd_err r = a->st->ops->opinion_list_for_item(a->st, it->id, max, out, n, total);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "opinions");
	for (int i = 0; i < *n; i++)
		if (!actor_can(ac, PA_READ_PERSONAL, (*out)[i].upath))
			forget_personal(&(*out)[i]);
	return QD_OK;
}

qd_err app_opinion_updates(struct app *a, const struct actor *ac, const struct opinion *o,
			   struct opinion_update **out, int *n, struct qd_error *e)
{
	*out = NULL;
	*n = 0;
	if (!actor_can(ac, PA_READ, o->upath))
		return qd_fail(e, QD_FORBIDDEN, "opinion", NULL);
	qd_err r = a->st->ops->opinion_update_list_for(a->st, o->id, out, n);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "updates");
}

qd_err app_opinion_get(struct app *a, const struct actor *ac, int64_t id, struct opinion *out,
		       struct qd_error *e)
{
	opinion_init(out);
	qd_err r = a->st->ops->opinion_get(a->st, id, out);
	if (r != QD_OK)
		return qd_fail(e, r, "opinion", NULL);
	if (!actor_can(ac, PA_READ, out->upath)) {
		opinion_clear(out);
		return qd_fail(e, QD_FORBIDDEN, "opinion", NULL);
	}
	if (!actor_can(ac, PA_READ_PERSONAL, out->upath))
		forget_personal(out);
	return QD_OK;
}

/* Load an opinion for a change by a handler of its unit. */
static qd_err workable(struct store *st, const struct actor *ac, int64_t id, struct opinion *o,
		       struct qd_error *e)
{
	opinion_init(o);
	qd_err r = st->ops->opinion_get(st, id, o);
	if (r != QD_OK)
		return qd_fail(e, r, "opinion", NULL);
	if (!actor_can(ac, PA_ITEM_WORK, o->upath))
		return qd_fail(e, QD_FORBIDDEN, "opinion", NULL);
	return QD_OK;
}

enum triage { TRIAGE_LINK, TRIAGE_REJECT, TRIAGE_REPLY, TRIAGE_ACCEPTED };

struct triage_ctx {
	const struct actor *ac;
	int64_t id, item_id;
	enum triage what;
	const char *text;
};

static qd_err tx_triage(struct store *st, void *ctx, struct qd_error *e)
{
	struct triage_ctx *x = ctx;
	struct opinion o, before;
	opinion_init(&before);
	qd_err r = workable(st, x->ac, x->id, &o, e);
	int item_closure = -1; /* the item's, when it is already signed off */
	if (r == QD_OK && (x->what == TRIAGE_LINK || x->what == TRIAGE_ACCEPTED)) {
		struct item it;
		item_init(&it);
		r = st->ops->item_get(st, x->item_id, &it);
		if (r != QD_OK)
			qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "item_id", "no such item");
		else if (!actor_can(x->ac, PA_ITEM_WORK, it.upath))
			r = qd_fail(e, QD_FORBIDDEN, "item_id", NULL);
		else if (it.status == ST_CLOSED)
			item_closure = it.closure;
		item_clear(&it);
	}
	if (r != QD_OK) {
		opinion_clear(&o);
		return r;
	}
	opinion_copy(&before, &o);
	const char *action = "opinion.link", *update = "已并入同类问题办理";
	switch (x->what) {
	case TRIAGE_ACCEPTED:
		r = opinion_accept(&o, x->item_id, e);
		action = "opinion.accept";
		update = "已受理";
		break;
	case TRIAGE_LINK:
		r = opinion_link(&o, x->item_id, e);
		/* joined to an item already signed off: answered at once */
		if (r == QD_OK && item_closure >= 0) {
			char res[160];
			snprintf(res, sizeof res, "%s（并入已销号的同类问题）",
				 code_label(&T_CLOSURE, item_closure, "zh"));
			opinion_answer(&o, res, item_closure, time_now());
			update = o.resolution;
		}
		break;
	case TRIAGE_REJECT:
		r = opinion_reject(&o, x->text, e);
		action = "opinion.reject";
		update = o.reject_reason;
		break;
	case TRIAGE_REPLY:
		if (!text_ok(x->text, OPINION_TEXT_MAX, true))
			r = qd_fail(e, QD_BAD_FIELD, "reply", "1-%d characters", OPINION_TEXT_MAX);
		xstrset(&o.reply, x->text);
		o.replied_at = time_now();
		action = "opinion.reply";
		update = o.reply;
		break;
	}
	if (r == QD_OK)
		r = respond(st, &o, e);
	if (r == QD_OK)
		r = save_opinion(st, x->ac, action, &before, &o, NULL, update, e);
	opinion_clear(&o);
	opinion_clear(&before);
	return r;
}

static qd_err triage(struct app *a, const struct actor *ac, int64_t id, enum triage what,
		     int64_t item_id, const char *text, struct qd_error *e)
{
	struct triage_ctx x = {ac, id, item_id, what, text};
	return store_tx(a->st, tx_triage, &x, e);
}

struct accept_ctx {
	const struct actor *ac;
	int64_t id;
	struct item_input *in;
};

static qd_err batch_accept(struct app *a, void *ctx, struct qd_error *e)
{
	struct accept_ctx *x = ctx;
	struct opinion o;
	qd_err r = workable(a->st, x->ac, x->id, &o, e);
	if (r == QD_OK && o.status != OS_RECEIVED)
		r = qd_fail(e, QD_BAD_TRANSITION, "status", "triage: %s",
			    code_str(&T_OPINION_STATUS, o.status));
	if (r == QD_OK) {
		struct item *it = &x->in->it;
		it->source = SRC_OPINION;
		if (!it->unit_id)
			it->unit_id = o.unit_id;
		if (!it->category_id)
			it->category_id = o.category_id;
		if (!it->detail || !*it->detail)
			xstrset(&it->detail, o.text);
		if (it->found_on == DAY_NONE)
			it->found_on = day_of_time(o.received_at);
		r = app_item_create(a, x->ac, x->in, e);
	}
	opinion_clear(&o);
	if (r == QD_OK)
		r = triage(a, x->ac, x->id, TRIAGE_ACCEPTED, x->in->it.id, NULL, e);
	return r;
}

qd_err app_opinion_accept(struct app *a, const struct actor *ac, int64_t id,
			  struct item_input *in, struct qd_error *e)
{
	struct accept_ctx x = {ac, id, in};
	return app_batch(a, batch_accept, &x, e);
}

qd_err app_opinion_link(struct app *a, const struct actor *ac, int64_t id, int64_t item_id,
			struct qd_error *e)
{
	return triage(a, ac, id, TRIAGE_LINK, item_id, NULL, e);
}

qd_err app_opinion_reject(struct app *a, const struct actor *ac, int64_t id, const char *reason,
			  struct qd_error *e)
{
	return triage(a, ac, id, TRIAGE_REJECT, 0, reason, e);
}

qd_err app_opinion_reply(struct app *a, const struct actor *ac, int64_t id, const char *text,
			 struct qd_error *e)
{
	return triage(a, ac, id, TRIAGE_REPLY, 0, text, e);
}

static bool answer_one(struct opinion *o, const struct item *it, const char *resolution)
{
	return opinion_answer(o, resolution, it->closure, time_now());
}

static bool redo_one(struct opinion *o, const struct item *it, const char *reason)
{
	(void)it, (void)reason;
	return opinion_redo(o);
}

/* Apply change to every opinion of the item; save those it changed, with
 * note in the audit log and update told to Open311 clients. */
static qd_err each_of_item(struct store *st, const struct actor *ac, const struct item *it,
			   bool (*change)(struct opinion *, const struct item *, const char *),
			   const char *action, const char *note, const char *update,
			   struct qd_error *e)
{
	struct opinion *v = NULL;
	int n = 0;
	int64_t total = 0;
	qd_err r = st->ops->opinion_list_for_item(st, it->id, 10000, &v, &n, &total);
	if (r != QD_OK)
		qd_fail(e, r, NULL, "opinions of the item");
	for (int i = 0; r == QD_OK && i < n; i++) {
		struct opinion before;
		opinion_copy(&before, &v[i]);
		if (change(&v[i], it, note))
			r = save_opinion(st, ac, action, &before, &v[i], note, update, e);
		opinion_clear(&before);
	}
	opinions_free(v, n);
	return r;
}

qd_err opinions_answer_for_item(struct store *st, const struct actor *ac, const struct item *it,
				const char *resolution, struct qd_error *e)
{
	return each_of_item(st, ac, it, answer_one, "opinion.answer", resolution, resolution, e);
}

qd_err opinions_redo_for_item(struct store *st, const struct actor *ac, const struct item *it,
			      const char *reason, struct qd_error *e)
{
	char update[REASON_MAX_CHARS * 4 + 32];
	snprintf(update, sizeof update, "重办：%s", reason ? reason : "");
	return each_of_item(st, ac, it, redo_one, "opinion.redo", reason, update, e);
}

struct rate_ctx {
	const char *code;
	int rating;
	const char *comment;
	int64_t item_id;
	bool reopen;
};

static qd_err tx_rate(struct store *st, void *ctx, struct qd_error *e)
{
	struct rate_ctx *x = ctx;
	struct opinion o;
	opinion_init(&o);
	qd_err r = st->ops->opinion_get_by_code(st, x->code, &o);
	if (r != QD_OK)
		return qd_fail(e, r, "code", NULL);
	struct opinion before;
	opinion_copy(&before, &o);
	r = opinion_rate(&o, x->rating, x->comment, time_now(), &x->reopen, e);
	if (r == QD_OK) {
		char update[64];
		snprintf(update, sizeof update, "群众评价：%s",
			 code_label(&T_RATING, o.rating, "zh"));
		struct actor pub;
		actor_init_system(&pub);
		r = save_opinion(st, &pub, "opinion.rate", &before, &o, "submitter", update, e);
		actor_clear(&pub);
	}
	x->item_id = o.item_id;
	opinion_clear(&o);
	opinion_clear(&before);
	return r;
}

static qd_err batch_rate(struct app *a, void *ctx, struct qd_error *e)
{
	struct rate_ctx *x = ctx;
	qd_err r = store_tx(a->st, tx_rate, x, e);
	if (r != QD_OK || !x->reopen)
		return r;
	/* 不满意 reopens the item, with the submitter's words as the reason. */
	struct item it;
	item_init(&it);
	r = a->st->ops->item_get(a->st, x->item_id, &it);
	int status = it.status;
	item_clear(&it);
	if (r != QD_OK || status != ST_CLOSED)
		return r == QD_OK ? QD_OK : qd_fail(e, r, "item", NULL);
	char reason[REASON_MAX_CHARS * 4];
	snprintf(reason, sizeof reason, "群众评价不满意：%s", x->comment);
	struct actor pub;
	actor_init_system(&pub);
	r = app_item_act(a, &pub, x->item_id, IA_REOPEN, -1, reason, NULL, e);
	actor_clear(&pub);
	return r;
}

qd_err app_opinion_rate(struct app *a, const char *code, int rating, const char *comment,
			struct qd_error *e)
{
	if (!tracking_code_ok(code))
		return qd_fail(e, QD_NOT_FOUND, "code", NULL);
	struct rate_ctx x = {code, rating, comment, 0, false};
	return app_batch(a, batch_rate, &x, e);
}
