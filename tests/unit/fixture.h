/* fixture.h: building a small organisation through the use cases, for the
 * unit tests of opinions and rates. Header-only: each test is one file. */
#ifndef QD_TESTS_FIXTURE_H
#define QD_TESTS_FIXTURE_H
#include "app/app.h"
#include "util/alloc.h"

/* A unit under parent (0: a top-level unit); its id, or 0. */
static inline int64_t fx_unit(struct app *a, const struct actor *sys, int64_t parent, int kind,
			      const char *name)
{
	struct unit u = {0};
	struct qd_error e = {0};
	u.parent_id = parent;
	u.kind = kind;
	u.name = xstrdup(name);
	int64_t id = app_unit_add(a, sys, &u, &e) == QD_OK ? u.id : 0;
	unit_clear(&u);
	return id;
}

/* A person, an account and one grant; out gets the account's actor. */
static inline qd_err fx_user(struct app *a, const struct actor *sys, const char *login,
			     int64_t unit, int role, struct actor *out)
{
	struct qd_error e = {0};
	struct person p = {0};
	struct account acc = {0};
	struct grant g = {0};
	p.unit_id = unit;
	p.name = xstrdup(login);
	p.title = xstrdup("");
	qd_err r = app_person_add(a, sys, &p, &e);
	acc.person_id = p.id;
	acc.login = xstrdup(login);
	if (r == QD_OK)
		r = app_account_add(a, sys, &acc, "password-123", &e);
	g.account_id = acc.id;
	g.unit_id = unit;
	g.role = role;
	if (r == QD_OK)
		r = app_grant_add(a, sys, &g, &e);
	if (r == QD_OK)
		r = app_actor_load(a, acc.id, out, &e);
	person_clear(&p);
	account_clear(&acc);
	grant_clear(&g);
	return r;
}

#endif
