/* open.c: opening a deployment's database and applying its settings. */
#include "app.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <stdlib.h>

#define DEFAULT_TZ "Asia/Shanghai"

struct tz_ctx {
	const char *tz;
};

static qd_err tx_set_tz(struct store *st, void *ctx, struct qd_error *e)
{
	struct tz_ctx *x = ctx;
	struct actor sys;
	actor_init_system(&sys);
	qd_err r = st->ops->setting_set(st, "timezone", x->tz);
	if (r == QD_OK) {
		char *snap = snap_kv("timezone", x->tz);
		r = audit_append(st, &sys, "setting.set", "setting", 0, NULL, snap, NULL, e);
		free(snap);
	}
	actor_clear(&sys);
	return r;
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
		struct tz_ctx x = {tz ? tz : DEFAULT_TZ};
		r = store_tx(out->st, tx_set_tz, &x, e);
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
