/* open311.c: Open311 GeoReport v2 clients (e.g. a county's 12345
 * platform), the requests they post and read, and the status updates they
 * pull and push (the servicerequestupdates extension). The HTTP side is
 * src/open311/. */
#include "app.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLIENT_NAME_MAX 100
#define UPDATE_TEXT_MAX 2000
#define EXTERNAL_ID_MAX 64

static bool top_admin(const struct actor *ac)
{
	return ac->system || perm_allows_global(ac->grants.v, ac->grants.n, PA_UNIT_ADMIN);
}

struct client_ctx {
	const struct actor *ac;
	struct o311_client *c;
	unsigned char hash[HASH_LEN];
	int64_t revoke_id;
};

static qd_err tx_client_add(struct store *st, void *ctx, struct qd_error *e)
{
	struct client_ctx *x = ctx;
	struct unit u = {0};
	qd_err r = st->ops->unit_get(st, x->c->unit_id, &u);
	if (r == QD_OK)
		xstrset(&x->c->upath, u.path);
	unit_clear(&u);
	if (r != QD_OK)
		return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "unit_id", "no such unit");
	r = st->ops->o311_client_insert(st, x->c, x->hash, HASH_LEN);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	json_t *j = json_pack("{sI ss sI}", "id", (json_int_t)x->c->id, "name", x->c->name,
			      "unit_id", (json_int_t)x->c->unit_id);
	char *snap = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	r = audit_append(st, x->ac, "open311.client_add", "open311_client", x->c->id, NULL, snap,
			 NULL, e);
	free(snap);
	return r;
}

qd_err app_o311_client_add(struct app *a, const struct actor *ac, const char *name,
			   int64_t unit_id, struct o311_client *out, char **key,
			   struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	*key = NULL;
	if (!top_admin(ac))
		return qd_fail(e, QD_FORBIDDEN, NULL, "clients are added by a top-level admin");
	if (!text_ok(name, CLIENT_NAME_MAX, true))
		return qd_fail(e, QD_BAD_FIELD, "name", "1-%d characters", CLIENT_NAME_MAX);
	char tok[TOKEN_TEXT_LEN];
	token_new(tok);
	out->name = xstrdup(name);
	out->unit_id = unit_id;
	out->created_at = time_now();
	struct client_ctx x = {ac, out, {0}, 0};
	hash_bytes(tok, strlen(tok), x.hash);
	qd_err r = store_tx(a->st, tx_client_add, &x, e);
	if (r == QD_OK)
		*key = xstrdup(tok);
	else
		o311_client_clear(out);
	return r;
}

static qd_err tx_client_revoke(struct store *st, void *ctx, struct qd_error *e)
{
	struct client_ctx *x = ctx;
	qd_err r = st->ops->o311_client_revoke(st, x->revoke_id, time_now());
	if (r != QD_OK)
		return qd_fail(e, r, "id", r == QD_NOT_FOUND ? "no such client, or revoked" : NULL);
	return audit_append(st, x->ac, "open311.client_revoke", "open311_client", x->revoke_id,
			    NULL, NULL, NULL, e);
}

qd_err app_o311_client_revoke(struct app *a, const struct actor *ac, int64_t id,
			      struct qd_error *e)
{
	if (!top_admin(ac))
		return qd_fail(e, QD_FORBIDDEN, NULL, "clients are revoked by a top-level admin");
	struct client_ctx x = {ac, NULL, {0}, id};
	return store_tx(a->st, tx_client_revoke, &x, e);
}

qd_err app_o311_client_list(struct app *a, struct o311_client **out, int *n,
			    struct qd_error *e)
{
	qd_err r = a->st->ops->o311_client_list(a->st, out, n);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "clients");
}

void o311_clients_free(struct o311_client *v, int n)
{
	for (int i = 0; i < n; i++)
		o311_client_clear(&v[i]);
	free(v);
}

qd_err app_o311_client_auth(struct app *a, const char *api_key, struct o311_client *out,
			    struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	if (!api_key || !*api_key || strlen(api_key) >= TOKEN_TEXT_LEN + 16)
		return qd_fail(e, QD_FORBIDDEN, "api_key", "a valid api_key is required");
	unsigned char h[HASH_LEN];
	hash_bytes(api_key, strlen(api_key), h);
	qd_err r = a->st->ops->o311_client_by_key(a->st, h, HASH_LEN, out);
	if (r == QD_OK && out->revoked_at)
		r = QD_NOT_FOUND;
	if (r == QD_NOT_FOUND) {
		o311_client_clear(out);
		return qd_fail(e, QD_FORBIDDEN, "api_key", "invalid api_key");
	}
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_o311_jurisdiction(struct app *a, const char *jid, struct unit *out,
			     struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	qd_err r;
	if (!jid || !*jid) {
		struct unit_array roots = {0};
		r = a->st->ops->unit_children(a->st, 0, &roots);
		if (r == QD_OK && roots.n == 0)
			r = QD_NOT_FOUND;
		if (r == QD_OK) {
			*out = roots.v[0];
			memset(&roots.v[0], 0, sizeof roots.v[0]);
		}
		unit_array_free(&roots);
	} else {
		r = a->st->ops->unit_get_by_code(a->st, jid, out);
		char *end;
		long long id = strtoll(jid, &end, 10);
		if (r == QD_NOT_FOUND && *end == '\0' && id > 0)
			r = a->st->ops->unit_get(a->st, id, out);
	}
	if (r == QD_OK && !out->active)
		r = QD_NOT_FOUND;
	if (r != QD_OK) {
		unit_clear(out);
		return qd_fail(e, r == QD_NOT_FOUND ? QD_NOT_FOUND : r, "jurisdiction_id",
			       "no such jurisdiction");
	}
	return QD_OK;
}

qd_err app_o311_submit(struct app *a, const struct o311_client *c, struct opinion *o,
		       struct qd_error *e)
{
	return opinion_submit_for_client(a, c, o, e);
}

qd_err app_o311_requests(struct app *a, const struct o311_client *c,
			 const struct opinion_query *q, struct opinion **out, int *n, bool *more,
			 struct qd_error *e)
{
	qd_err r = a->st->ops->opinion_find(a->st, q, out, n, more);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "requests");
	for (int i = 0; i < *n; i++) {
		struct opinion *o = &(*out)[i];
		forget_personal(o);
		if (!c || !path_covers(c->upath, o->upath)) {
			/* what the submitter wrote may identify them: clients only */
			free(o->text);
			free(o->rating_comment);
			free(o->address);
			o->text = o->rating_comment = o->address = NULL;
			o->has_location = false;
			/* written to the submitter, who may be named in it */
			free(o->reply);
			free(o->reject_reason);
			o->reply = o->reject_reason = NULL;
		}
	}
	return QD_OK;
}

qd_err app_item_public(struct app *a, int64_t id, struct item *out, struct qd_error *e)
{
	item_init(out);
	qd_err r = a->st->ops->item_get(a->st, id, out);
	if (r != QD_OK)
		return qd_fail(e, r, "item", NULL);
	free(out->detail);
	out->detail = NULL;
	out->responsible_id = out->claimant_id = 0;
	return QD_OK;
}

qd_err app_o311_updates(struct app *a, const struct o311_client *c, const struct unit *jur,
			int64_t from, int64_t to, int limit, struct opinion_update **out, int *n,
			bool *more, struct qd_error *e)
{
	*out = NULL;
	*n = 0;
	*more = false;
	/* the client's area within the jurisdiction: the deeper of the two */
	const char *area = path_covers(jur->path, c->upath)   ? c->upath
			   : path_covers(c->upath, jur->path) ? jur->path
							      : NULL;
	if (!area)
		return qd_fail(e, QD_FORBIDDEN, "jurisdiction_id", "outside the client's area");
	qd_err r = a->st->ops->opinion_update_list(a->st, area, from, to, limit, out, n, more);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "updates");
}

void opinion_updates_free(struct opinion_update *v, int n)
{
	for (int i = 0; i < n; i++)
		opinion_update_clear(&v[i]);
	free(v);
}

struct push_ctx {
	const struct o311_client *c;
	int64_t opinion_id;
	const char *status, *description, *external_id, *comment;
	int rating;
	struct opinion_update *out;
};

static qd_err batch_push(struct app *a, void *ctx, struct qd_error *e)
{
	struct push_ctx *x = ctx;
	struct store *st = a->st;
	if (x->external_id &&
	    st->ops->opinion_update_find_external(st, x->c->id, x->external_id, x->out) == QD_OK) {
		bool same = x->out->opinion_id == x->opinion_id &&
			    strcmp(x->out->status, x->status) == 0 &&
			    strcmp(x->out->description ? x->out->description : "",
				   x->description ? x->description : "") == 0;
		if (!same)
			return qd_fail(e, QD_CONFLICT, "update_id",
				       "already used for a different update");
		return QD_OK; /* the same update again: nothing new */
	}
	struct opinion o;
	opinion_init(&o);
	qd_err r = st->ops->opinion_get(st, x->opinion_id, &o);
	if (r == QD_OK && !path_covers(x->c->upath, o.upath))
		r = QD_NOT_FOUND; /* outside the client's subtree: as if absent */
	if (r != QD_OK) {
		opinion_clear(&o);
		return qd_fail(e, r, "service_request_id", NULL);
	}
	if (x->rating >= 0)
		r = app_opinion_rate(a, o.code, x->rating, x->comment, e);
	opinion_clear(&o);
	if (r != QD_OK)
		return r;
	struct opinion_update *u = x->out;
	u->opinion_id = x->opinion_id;
	u->at = time_now();
	snprintf(u->status, sizeof u->status, "%s", x->status);
	u->description = xstrdup(x->description);
	u->client_id = x->c->id;
	u->external_id = xstrdup(x->external_id);
	r = st->ops->opinion_update_add(st, u);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	json_t *j = json_pack("{sI ss ss* ss*}", "update_id", (json_int_t)u->id, "status",
			      u->status, "external_id", u->external_id, "description",
			      u->description);
	char *snap = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	char note[160];
	snprintf(note, sizeof note, "open311: %s", x->c->name);
	struct actor sys;
	actor_init_system(&sys);
	r = audit_append(st, &sys, "opinion.client_update", "opinion_update", u->id, NULL, snap,
			 note, e);
	actor_clear(&sys);
	free(snap);
	return r;
}

qd_err app_o311_push_update(struct app *a, const struct o311_client *c, int64_t opinion_id,
			    const char *status, const char *description,
			    const char *external_id, int rating, const char *comment,
			    struct opinion_update *out, struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	if (!o311_status_ok(status))
		return qd_fail(e, QD_BAD_FIELD, "status", "an Open311 status such as OPEN or CLOSED");
	if (!text_ok(description, UPDATE_TEXT_MAX, false))
		return qd_fail(e, QD_BAD_FIELD, "description", "at most %d characters",
			       UPDATE_TEXT_MAX);
	if (external_id && (!*external_id || !text_ok(external_id, EXTERNAL_ID_MAX, true)))
		return qd_fail(e, QD_BAD_FIELD, "update_id", "1-%d characters", EXTERNAL_ID_MAX);
	if (rating >= RT_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "rating", NULL);
	struct push_ctx x = {c,	      opinion_id, status, description, external_id,
			     comment, rating,	  out};
	qd_err r = app_batch(a, batch_push, &x, e);
	if (r != QD_OK)
		opinion_update_clear(out);
	return r;
}
