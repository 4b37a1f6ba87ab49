/* open.c: opening a deployment's database and applying its settings. */
#include "app.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <stdlib.h>

#define DEFAULT_TZ "Asia/Shanghai"

struct setting_ctx {
	const struct actor *ac;
	const char *key, *value;
};

static qd_err tx_setting(struct store *st, void *ctx, struct qd_error *e)
{
	struct setting_ctx *x = ctx;
	qd_err r = st->ops->setting_set(st, x->key, x->value);
	if (r != QD_OK)
		return qd_fail(e, r, x->key, NULL);
	char *snap = snap_kv(x->key, x->value);
	r = audit_append(st, x->ac, "setting.set", "setting", 0, NULL, snap, x->key, e);
	free(snap);
	return r;
}

qd_err app_setting_set(struct app *a, const struct actor *ac, const char *key,
		       const char *value, struct qd_error *e)
{
	return app_setting_put(a, ac, key, value, 200, e);
}

qd_err app_setting_put(struct app *a, const struct actor *ac, const char *key,
		       const char *value, int max_chars, struct qd_error *e)
{
	if (!ac->system && !perm_allows_global(ac->grants.v, ac->grants.n, PA_UNIT_ADMIN))
		return qd_fail(e, QD_FORBIDDEN, key, "settings are changed by a top-level admin");
	if (!text_ok(value, max_chars, false))
		return qd_fail(e, QD_BAD_FIELD, key, NULL);
	struct setting_ctx x = {ac, key, value};
	return store_tx(a->st, tx_setting, &x, e);
}

qd_err app_open(const char *db, bool create, const char *tz, struct app *out,
		struct qd_error *e)
{
	if (!hash_init())
		return qd_fail(e, QD_INTERNAL, NULL, "libsodium failed to start");
	if (create && !date_set_timezone(tz ? tz : DEFAULT_TZ))
		return qd_fail(e, QD_BAD_PARAM, "tz", "unknown time zone %s", tz ? tz : DEFAULT_TZ);
	qd_err r = store_open(db, create, &out->st, e);
	if (r != QD_OK)
		return r;
	if (create) {
		struct actor sys;
		actor_init_system(&sys);
		r = app_setting_set(out, &sys, "timezone", tz ? tz : DEFAULT_TZ, e);
		actor_clear(&sys);
	} else {
		char *saved = NULL;
		if (out->st->ops->setting_get(out->st, "timezone", &saved) == QD_OK &&
		    !date_set_timezone(saved))
			r = qd_fail(e, QD_BAD_PARAM, "tz", "unknown time zone %s in database", saved);
		else if (!saved)
			date_set_timezone(DEFAULT_TZ);
		free(saved);
	}
	if (r != QD_OK) {
		store_close(out->st);
		out->st = NULL;
	}
	return r;
}

void app_close(struct app *a)
{
	store_close(a->st);
	a->st = NULL;
}

qd_err app_batch(struct app *a, qd_err (*fn)(struct app *a, void *ctx, struct qd_error *e),
		 void *ctx, struct qd_error *e)
{
	struct store *st = a->st;
	qd_err r = st->ops->begin(st);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "cannot start a transaction");
	r = fn(a, ctx, e);
	if (r == QD_OK && (r = st->ops->commit(st)) != QD_OK)
		qd_fail(e, r, NULL, "commit failed");
	if (r != QD_OK)
		st->ops->rollback(st);
	return r;
}
