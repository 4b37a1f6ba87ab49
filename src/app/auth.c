/* auth.c: actors, login, sessions and API tokens.
 * A token's secret is never stored: the session table keeps its hash. */
#include "app.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOUCH_EVERY 300 /* seconds between last-seen updates of a session */

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[128];

static void make_dummy(void)
{
	if (!password_hash("qingdan-no-such-account", dummy_hash, sizeof dummy_hash))
		dummy_hash[0] = '\0';
}

void actor_init_system(struct actor *a)
{
	memset(a, 0, sizeof *a);
	a->system = true;
	a->login = xstrdup("system");
	snprintf(a->lang, sizeof a->lang, "zh");
}

void actor_clear(struct actor *a)
{
	free(a->login);
	free(a->person_name);
	grant_array_free(&a->grants);
	memset(a, 0, sizeof *a);
}

bool actor_can(const struct actor *a, enum perm_action action, const char *path)
{
	if (a->system)
		return true;
	return perm_allows(a->grants.v, a->grants.n, action, path);
}

bool actor_can_somewhere(const struct actor *a, enum perm_action action)
{
	if (a->system)
		return true;
	for (int i = 0; i < a->grants.n; i++)
		if (role_allows(a->grants.v[i].role, action))
			return true;
	return false;
}

qd_err app_actor_load(struct app *a, int64_t account_id, struct actor *out, struct qd_error *e)
{
	struct store *st = a->st;
	struct account acc = {0};
	struct person p = {0};
	memset(out, 0, sizeof *out);
	qd_err r = st->ops->account_get(st, account_id, &acc);
	if (r == QD_OK && !acc.active)
		r = QD_UNAUTHENTICATED;
	if (r == QD_OK)
		r = st->ops->person_get(st, acc.person_id, &p);
	if (r == QD_OK)
		r = st->ops->grant_list(st, account_id, &out->grants);
	if (r != QD_OK) {
		account_clear(&acc);
		person_clear(&p);
		actor_clear(out);
		return qd_fail(e, r == QD_NOT_FOUND ? QD_UNAUTHENTICATED : r, NULL, NULL);
	}
	out->account_id = acc.id;
	out->person_id = acc.person_id;
	out->login = acc.login;
	acc.login = NULL;
	out->person_name = p.name;
	p.name = NULL;
	snprintf(out->lang, sizeof out->lang, "%s", acc.lang);
	account_clear(&acc);
	person_clear(&p);
	return QD_OK;
}

struct new_session {
	unsigned char hash[HASH_LEN];
	struct session_row row;
};

static qd_err insert_session(struct store *st, void *ctx, struct qd_error *e)
{
	struct new_session *ns = ctx;
	(void)e;
	return st->ops->session_insert(st, ns->hash, &ns->row);
}

static qd_err issue(struct app *a, int64_t account_id, const char *kind, char token[64],
		    struct qd_error *e)
{
	struct new_session ns = {0};
	char secret[TOKEN_TEXT_LEN];
	token_new(secret);
	hash_bytes(secret, strlen(secret), ns.hash);
	int64_t now = time_now();
	ns.row.account_id = account_id;
	snprintf(ns.row.kind, sizeof ns.row.kind, "%s", kind);
	ns.row.created_at = ns.row.last_seen = now;
	ns.row.expires_at = now + (strcmp(kind, "api") == 0 ? API_TOKEN_TTL : SESSION_MAX_AGE);
	qd_err r = store_tx(a->st, insert_session, &ns, e);
	if (r == QD_OK)
		snprintf(token, 64, "%s", secret);
	return r;
}

qd_err app_login(struct app *a, const char *login, const char *password, const char *kind,
		 char token[64], int64_t *account_id, struct qd_error *e)
{
	struct account acc = {0};
	qd_err r = a->st->ops->account_by_login(a->st, login ? login : "", &acc);
	if (r != QD_OK && r != QD_NOT_FOUND)
		return qd_fail(e, r, NULL, NULL);
	/* Verify even when the login is unknown, so timing tells nothing. */
	pthread_once(&dummy_once, make_dummy);
	bool ok = password_verify(r == QD_OK ? acc.pwhash : dummy_hash, password ? password : "");
	if (r != QD_OK || !ok || !acc.active) {
		account_clear(&acc);
		return qd_fail(e, QD_BAD_LOGIN, NULL, NULL);
	}
	*account_id = acc.id;
	account_clear(&acc);
	return issue(a, *account_id, kind, token, e);
}

qd_err app_token_issue(struct app *a, const struct actor *ac, int64_t account_id,
		       char token[64], struct qd_error *e)
{
	if (!ac->system && ac->account_id != account_id)
		return qd_fail(e, QD_FORBIDDEN, NULL, "tokens are issued to oneself");
	struct account acc = {0};
	qd_err r = a->st->ops->account_get(a->st, account_id, &acc);
	account_clear(&acc);
	if (r != QD_OK)
		return qd_fail(e, r, "account", NULL);
	return issue(a, account_id, "api", token, e);
}

struct touch {
	unsigned char hash[HASH_LEN];
	int64_t now;
};

static qd_err touch_session(struct store *st, void *ctx, struct qd_error *e)
{
	struct touch *t = ctx;
	(void)e;
	return st->ops->session_touch(st, t->hash, t->now);
}

/* When a session or token stops working. An API token: its expires_at. A
 * web session: SESSION_TTL after it was last used, and in any case at its
 * expires_at and SESSION_MAX_AGE after the login (rows written before the
 * absolute limit carry an earlier expires_at; a limit lowered later
 * applies to sessions already open). */
static int64_t session_end(const struct session_row *s)
{
	if (strcmp(s->kind, "session") != 0)
		return s->expires_at;
	int64_t end = s->last_seen + SESSION_TTL;
	if (s->expires_at < end)
		end = s->expires_at;
	if (s->created_at + SESSION_MAX_AGE < end)
		end = s->created_at + SESSION_MAX_AGE;
	return end;
}

qd_err app_authenticate(struct app *a, const char *token, struct actor *out, struct qd_error *e)
{
	if (!token || !*token || strlen(token) > 128)
		return qd_fail(e, QD_UNAUTHENTICATED, NULL, NULL);
	struct touch t;
	hash_bytes(token, strlen(token), t.hash);
	t.now = time_now();
	struct session_row s;
	qd_err r = a->st->ops->session_get(a->st, t.hash, &s);
	if (r == QD_NOT_FOUND)
		return qd_fail(e, QD_UNAUTHENTICATED, NULL, NULL);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	bool is_session = strcmp(s.kind, "session") == 0;
	if (t.now >= session_end(&s))
		return qd_fail(e, QD_UNAUTHENTICATED, NULL, "session expired");
	if (is_session && t.now - s.last_seen > TOUCH_EVERY)
		store_tx(a->st, touch_session, &t, NULL);
	return app_actor_load(a, s.account_id, out, e);
}

static qd_err delete_session(struct store *st, void *ctx, struct qd_error *e)
{
	(void)e;
	return st->ops->session_delete(st, ctx);
}

qd_err app_logout(struct app *a, const char *token, struct qd_error *e)
{
	unsigned char h[HASH_LEN];
	if (!token)
		return qd_fail(e, QD_UNAUTHENTICATED, NULL, NULL);
	hash_bytes(token, strlen(token), h);
	return store_tx(a->st, delete_session, h, e);
}
