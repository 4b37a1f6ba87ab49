/* context.c: what an Open311 request names - its client (api_key), its
 * jurisdiction (jurisdiction_id), a service (service_code) and the units a
 * jurisdiction holds. */
#include "o311.h"
#include <string.h>

qd_err o311_client_of(struct o311_req *q, bool required, struct o311_client *out,
		      struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	const char *key = o311_get(q->kv, q->nkv, "api_key");
	if (!key)
		return required ? qd_fail(e, QD_FORBIDDEN, "api_key", "required") : QD_OK;
	return app_o311_client_auth(q->r->app, key, out, e);
}

qd_err o311_jurisdiction_of(struct o311_req *q, struct unit *out, struct qd_error *e)
{
	return app_o311_jurisdiction(q->r->app, o311_get(q->kv, q->nkv, "jurisdiction_id"), out,
				     e);
}

qd_err o311_units(struct o311_req *q, const struct unit *jur, int max_levels, bool active_only,
		  struct unit_array *out, struct qd_error *e)
{
	/* Unit names are public (the opinion form lists them): read as the system. */
	struct actor sys;
	actor_init_system(&sys);
	struct unit_array all = {0};
	qd_err r = app_unit_tree(q->r->app, &sys, jur->id, max_levels, &all, e);
	actor_clear(&sys);
	for (int i = 0; r == QD_OK && i < all.n; i++)
		if (all.v[i].active || !active_only) {
			*unit_array_push(out) = all.v[i];
			memset(&all.v[i], 0, sizeof all.v[i]);
		}
	unit_array_free(&all);
	return r;
}

qd_err o311_service_of(struct o311_req *q, const char *code, struct category *out,
		       struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	struct category_array all = {0};
	qd_err r = app_category_list(q->r->app, &all, e);
	for (int i = 0; r == QD_OK && i < all.n && !out->code; i++)
		if (all.v[i].active && strcmp(all.v[i].code, code) == 0) {
			*out = all.v[i];
			memset(&all.v[i], 0, sizeof all.v[i]);
		}
	category_array_free(&all);
	if (r == QD_OK && !out->code)
		r = qd_fail(e, QD_NOT_FOUND, "service_code", "no such service: %s", code);
	return r;
}
