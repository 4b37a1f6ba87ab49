/* people.c: persons, accounts, grants and categories. */
#include "app.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Look up the path of a unit; QD_BAD_FIELD on field when it does not exist. */
static qd_err unit_path(struct store *st, int64_t unit_id, const char *field, char **path,
			bool *active, struct qd_error *e)
{
	struct unit u = {0};
	qd_err r = st->ops->unit_get(st, unit_id, &u);
	if (r != QD_OK)
		return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, field, "no such unit");
	*path = u.path;
	u.path = NULL;
	if (active)
		*active = u.active;
	unit_clear(&u);
	return QD_OK;
}

struct person_add {
	const struct actor *ac;
	struct person *p;
};

static qd_err tx_person_add(struct store *st, void *ctx, struct qd_error *e)
{
	struct person_add *x = ctx;
	char *path = NULL;
	bool active;
	qd_err r = unit_path(st, x->p->unit_id, "unit_id", &path, &active, e);
	if (r != QD_OK)
		return r;
	bool ok = actor_can(x->ac, PA_ACCOUNT_ADMIN, path);
	free(path);
	if (!ok)
		return qd_fail(e, QD_FORBIDDEN, "unit_id", NULL);
	if (!active)
		return qd_fail(e, QD_INACTIVE, "unit_id", NULL);
	x->p->active = true;
	r = st->ops->person_insert(st, x->p);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	char *snap = snap_person(x->p);
	r = audit_append(st, x->ac, "person.create", "person", x->p->id, NULL, snap, NULL, e);
	free(snap);
	return r;
}

qd_err app_person_add(struct app *a, const struct actor *ac, struct person *p,
		      struct qd_error *e)
{
	if (!text_ok(p->name, NAME_MAX_CHARS, true))
		return qd_fail(e, QD_BAD_FIELD, "name", "1-%d characters", NAME_MAX_CHARS);
	if (!text_ok(p->title, NAME_MAX_CHARS, false))
		return qd_fail(e, QD_BAD_FIELD, "title", "at most %d characters", NAME_MAX_CHARS);
	struct person_add x = {ac, p};
	return store_tx(a->st, tx_person_add, &x, e);
}

qd_err app_person_get(struct app *a, const struct actor *ac, int64_t id, struct person *out,
		      struct qd_error *e)
{
	qd_err r = a->st->ops->person_get(a->st, id, out);
	if (r != QD_OK)
		return qd_fail(e, r, "person", NULL);
	char *path = NULL;
	r = unit_path(a->st, out->unit_id, "unit_id", &path, NULL, e);
	bool ok = r == QD_OK && actor_can(ac, PA_READ, path);
	free(path);
	if (!ok) {
		person_clear(out);
		return r != QD_OK ? r : qd_fail(e, QD_FORBIDDEN, "person", NULL);
	}
	return QD_OK;
}

qd_err app_person_list(struct app *a, const struct actor *ac, int64_t unit_id, int limit,
		       int offset, struct person_array *out, struct qd_error *e)
{
	char *path = NULL;
	qd_err r = unit_path(a->st, unit_id, "unit", &path, NULL, e);
	if (r != QD_OK)
		return r;
	if (!actor_can(ac, PA_READ, path))
		r = qd_fail(e, QD_FORBIDDEN, "unit", NULL);
	else if ((r = a->st->ops->person_list(a->st, path, limit, offset, out)) != QD_OK)
		qd_fail(e, r, NULL, NULL);
	free(path);
	return r;
}

static bool login_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) &&
		    !strchr("._-", s[i]))
			return false;
	return true;
}

static bool password_ok(const char *pw)
{
	return pw && strlen(pw) >= PASSWORD_MIN && strlen(pw) <= 128 &&
	       text_ok(pw, 128, true);
}

struct account_add {
	const struct actor *ac;
	struct account *acc;
};

/* The person of a new account must exist in the actor's PA_ACCOUNT_ADMIN
 * subtree. */
static qd_err account_person_ok(struct store *st, const struct actor *ac, int64_t person_id,
				struct qd_error *e)
{
	struct person p = {0};
	qd_err r = st->ops->person_get(st, person_id, &p);
	if (r != QD_OK)
		return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "person_id", "no such person");
	char *path = NULL;
	r = unit_path(st, p.unit_id, "person_id", &path, NULL, e);
	person_clear(&p);
	if (r != QD_OK)
		return r;
	bool ok = actor_can(ac, PA_ACCOUNT_ADMIN, path);
	free(path);
	return ok ? QD_OK : qd_fail(e, QD_FORBIDDEN, "person_id", NULL);
}

static qd_err tx_account_add(struct store *st, void *ctx, struct qd_error *e)
{
	struct account_add *x = ctx;
	qd_err r = account_person_ok(st, x->ac, x->acc->person_id, e);
	if (r != QD_OK)
		return r;
	x->acc->active = true;
	x->acc->created_at = time_now();
	r = st->ops->account_insert(st, x->acc);
	if (r != QD_OK)
		return qd_fail(e, r, r == QD_CONFLICT ? "login" : NULL,
			       r == QD_CONFLICT ? "login taken or person has an account" : NULL);
	char *snap = snap_account(x->acc);
	r = audit_append(st, x->ac, "account.create", "account", x->acc->id, NULL, snap, NULL, e);
	free(snap);
	return r;
}

qd_err app_account_add(struct app *a, const struct actor *ac, struct account *acc,
		       const char *password, struct qd_error *e)
{
	if (!login_ok(acc->login))
		return qd_fail(e, QD_BAD_FIELD, "login", "2-32 of a-z 0-9 . _ -");
	if (!password_ok(password))
		return qd_fail(e, QD_BAD_FIELD, "password", "%d-128 characters", PASSWORD_MIN);
	if (acc->lang[0] && strcmp(acc->lang, "zh") != 0 && strcmp(acc->lang, "en") != 0)
		return qd_fail(e, QD_BAD_FIELD, "lang", "zh or en");
	/* Authorize before the password is hashed (argon2id: a tenth of a
	 * second and 64 MiB), so that a refused request costs no hash; the
	 * transaction checks again. */
	qd_err r = account_person_ok(a->st, ac, acc->person_id, e);
	if (r != QD_OK)
		return r;
	char hash[128];
	if (!password_hash(password, hash, sizeof hash))
		return qd_fail(e, QD_INTERNAL, NULL, "password hashing failed");
	xstrset(&acc->pwhash, hash);
	struct account_add x = {ac, acc};
	return store_tx(a->st, tx_account_add, &x, e);
}

struct passwd {
	const struct actor *ac;
	const char *login;
	const char *hash;
};

static qd_err tx_passwd(struct store *st, void *ctx, struct qd_error *e)
{
	struct passwd *x = ctx;
	struct account acc = {0};
	struct person p = {0};
	char *path = NULL;
	qd_err r = st->ops->account_by_login(st, x->login, &acc);
	if (r != QD_OK) {
		qd_fail(e, r, "login", "no such account");
		goto out;
	}
	if (!x->ac->system && x->ac->account_id != acc.id) {
		r = st->ops->person_get(st, acc.person_id, &p);
		if (r == QD_OK)
			r = unit_path(st, p.unit_id, "login", &path, NULL, e);
		if (r == QD_OK && !actor_can(x->ac, PA_ACCOUNT_ADMIN, path))
			r = qd_fail(e, QD_FORBIDDEN, "login", NULL);
		if (r != QD_OK)
			goto out;
	}
	char *before = snap_account(&acc);
	xstrset(&acc.pwhash, x->hash);
	char *after = snap_account(&acc);
	r = st->ops->account_update(st, &acc);
	/* A new password ends every way in that the old one opened: web
	 * sessions and API tokens alike, in this transaction. */
	int revoked = 0;
	if (r == QD_OK)
		r = st->ops->session_delete_account(st, acc.id, &revoked);
	if (r == QD_OK) {
		char note[96];
		snprintf(note, sizeof note, "sessions and API tokens revoked: %d", revoked);
		r = audit_append(st, x->ac, "account.passwd", "account", acc.id, before, after,
				 note, e);
	} else {
		qd_fail(e, r, NULL, NULL);
	}
	free(before);
	free(after);
out:
	free(path);
	person_clear(&p);
	account_clear(&acc);
	return r;
}

qd_err app_account_passwd(struct app *a, const struct actor *ac, const char *login,
			  const char *password, struct qd_error *e)
{
	if (!password_ok(password))
		return qd_fail(e, QD_BAD_FIELD, "password", "%d-128 characters", PASSWORD_MIN);
	char hash[128];
	if (!password_hash(password, hash, sizeof hash))
		return qd_fail(e, QD_INTERNAL, NULL, "password hashing failed");
	struct passwd x = {ac, login, hash};
	return store_tx(a->st, tx_passwd, &x, e);
}

struct grant_op {
	const struct actor *ac;
	struct grant *g;
	int64_t id;
};

static qd_err tx_grant_add(struct store *st, void *ctx, struct qd_error *e)
{
	struct grant_op *x = ctx;
	struct account acc = {0};
	struct person who = {0};
	qd_err r = st->ops->account_get(st, x->g->account_id, &acc);
	if (r == QD_OK)
		r = st->ops->person_get(st, acc.person_id, &who);
	account_clear(&acc);
	if (r != QD_OK) {
		person_clear(&who);
		return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "account_id", "no such account");
	}
	/* The account must belong to someone the admin manages. */
	char *who_path = NULL;
	r = unit_path(st, who.unit_id, "account_id", &who_path, NULL, e);
	person_clear(&who);
	bool manages = r == QD_OK && actor_can(x->ac, PA_ACCOUNT_ADMIN, who_path);
	free(who_path);
	if (r != QD_OK)
		return r;
	if (!manages)
		return qd_fail(e, QD_FORBIDDEN, "account_id", "the account's person is outside your units");
	char *path = NULL;
	r = unit_path(st, x->g->unit_id, "unit_id", &path, NULL, e);
	if (r != QD_OK)
		return r;
	bool ok = actor_can(x->ac, PA_ACCOUNT_ADMIN, path);
	free(x->g->unit_path);
	x->g->unit_path = path;
	if (!ok)
		return qd_fail(e, QD_FORBIDDEN, "unit_id", NULL);
	r = st->ops->grant_insert(st, x->g);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, r == QD_CONFLICT ? "grant exists" : NULL);
	char *snap = snap_grant(x->g);
	r = audit_append(st, x->ac, "grant.create", "grant", x->g->id, NULL, snap, NULL, e);
	free(snap);
	return r;
}

qd_err app_grant_add(struct app *a, const struct actor *ac, struct grant *g, struct qd_error *e)
{
	if (g->role < 0 || g->role >= ROLE_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "role", NULL);
	struct grant_op x = {ac, g, 0};
	return store_tx(a->st, tx_grant_add, &x, e);
}

static qd_err tx_grant_remove(struct store *st, void *ctx, struct qd_error *e)
{
	struct grant_op *x = ctx;
	struct grant g = {0};
	qd_err r = st->ops->grant_get(st, x->id, &g);
	if (r != QD_OK)
		return qd_fail(e, r, "id", NULL);
	if (!actor_can(x->ac, PA_ACCOUNT_ADMIN, g.unit_path)) {
		grant_clear(&g);
		return qd_fail(e, QD_FORBIDDEN, "id", NULL);
	}
	if (!x->ac->system && g.account_id == x->ac->account_id && g.role == ROLE_ADMIN) {
		grant_clear(&g);
		return qd_fail(e, QD_CONFLICT, "id", "an admin cannot remove their own admin grant");
	}
	r = st->ops->grant_delete(st, g.id);
	if (r == QD_OK) {
		char *before = snap_grant(&g);
		r = audit_append(st, x->ac, "grant.delete", "grant", g.id, before, NULL, NULL, e);
		free(before);
	}
	grant_clear(&g);
	return r;
}

qd_err app_grant_remove(struct app *a, const struct actor *ac, int64_t grant_id,
			struct qd_error *e)
{
	struct grant_op x = {ac, NULL, grant_id};
	return store_tx(a->st, tx_grant_remove, &x, e);
}

struct cat_add {
	const struct actor *ac;
	struct category *c;
};

static qd_err tx_category_add(struct store *st, void *ctx, struct qd_error *e)
{
	struct cat_add *x = ctx;
	x->c->active = true;
	qd_err r = st->ops->category_insert(st, x->c);
	if (r != QD_OK)
		return qd_fail(e, r, r == QD_CONFLICT ? "code" : NULL, NULL);
	char *snap = snap_category(x->c);
	r = audit_append(st, x->ac, "category.create", "category", x->c->id, NULL, snap, NULL, e);
	free(snap);
	return r;
}

qd_err app_category_add(struct app *a, const struct actor *ac, struct category *c,
			struct qd_error *e)
{
	if (!ac->system && !perm_allows_global(ac->grants.v, ac->grants.n, PA_UNIT_ADMIN))
		return qd_fail(e, QD_FORBIDDEN, NULL, "categories are set by a top-level admin");
	if (!login_ok(c->code))
		return qd_fail(e, QD_BAD_FIELD, "code", "2-32 of a-z 0-9 . _ -");
	if (!text_ok(c->name, NAME_MAX_CHARS, true))
		return qd_fail(e, QD_BAD_FIELD, "name", "1-%d characters", NAME_MAX_CHARS);
	struct cat_add x = {ac, c};
	return store_tx(a->st, tx_category_add, &x, e);
}

qd_err app_category_list(struct app *a, struct category_array *out, struct qd_error *e)
{
	qd_err r = a->st->ops->category_list(a->st, out);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_account_find(struct app *a, const char *login, struct account *out,
			struct qd_error *e)
{
	qd_err r = a->st->ops->account_by_login(a->st, login ? login : "", out);
	return r == QD_OK ? QD_OK : qd_fail(e, r, "login", "no such account");
}
