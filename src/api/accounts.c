/* accounts.c: POST /api/v1/accounts {person_id, login, password, lang?},
 * POST /api/v1/grants {account_id, unit_id, role}, DELETE /api/v1/grants/:id. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include <stdio.h>

enum MHD_Result api_account_create(struct req *r)
{
	int64_t person = 0;
	const char *login = NULL, *password = NULL, *lang = NULL;
	struct in_field in[] = {
		{"person_id", IN_INT, true, false, NULL, &person, false, false},
		{"login", IN_STRING, true, false, NULL, &login, false, false},
		{"password", IN_STRING, true, false, NULL, &password, false, false},
		{"lang", IN_STRING, false, true, NULL, &lang, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	struct account a = {0};
	a.person_id = person;
	a.login = xstrdup(login);
	snprintf(a.lang, sizeof a.lang, "%.7s", lang ? lang : "");
	enum MHD_Result res;
	if (app_account_add(r->app, &r->actor, &a, password, &e) != QD_OK)
		res = reply_error(r, &e);
	else
		res = reply_json_steal(r, 201, json_pack("{sI sI ss ss}", "id", (json_int_t)a.id,
				"person_id", (json_int_t)a.person_id, "login", a.login, "lang", a.lang));
	account_clear(&a);
	return res;
}

enum MHD_Result api_grant_create(struct req *r)
{
	int64_t account = 0, unit = 0;
	int role = -1;
	struct in_field in[] = {
		{"account_id", IN_INT, true, false, NULL, &account, false, false},
		{"unit_id", IN_INT, true, false, NULL, &unit, false, false},
		{"role", IN_CODE, true, false, &T_ROLE, &role, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	struct grant g = {0};
	g.account_id = account;
	g.unit_id = unit;
	g.role = role;
	enum MHD_Result res = app_grant_add(r->app, &r->actor, &g, &e) == QD_OK
				      ? reply_json_steal(r, 201, grant_json(&g))
				      : reply_error(r, &e);
	grant_clear(&g);
	return res;
}

enum MHD_Result api_grant_delete(struct req *r)
{
	int64_t id;
	struct qd_error e = {0};
	struct in_field in[] = {IN_END};
	if (!in_query(r, in, &e) || !arg_id(r, 0, &id, &e))
		return reply_error(r, &e);
	if (app_grant_remove(r->app, &r->actor, id, &e) != QD_OK)
		return reply_error(r, &e);
	return reply_no_content(r);
}
