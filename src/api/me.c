/* me.c: GET /api/v1/me -> the account, its person and grants. */
#include "api.h"
#include "../domain/codes.h"

enum MHD_Result api_me(struct req *r)
{
	struct in_field in[] = {IN_END};
	struct qd_error e = {0};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	json_t *grants = json_array();
	for (int i = 0; i < r->actor.grants.n; i++)
		json_array_append_new(grants, grant_json(&r->actor.grants.v[i]));
	return reply_json_steal(r, 200, json_pack("{sI ss sI ss ss so}", "account_id",
			(json_int_t)r->actor.account_id, "login", r->actor.login, "person_id",
			(json_int_t)r->actor.person_id, "name",
			r->actor.person_name ? r->actor.person_name : "", "lang", r->actor.lang,
			"grants", grants));
}

/* GET /api/v1: what this API is and where its description lives. */
enum MHD_Result api_index(struct req *r)
{
	return reply_json_steal(r, 200, json_pack("{ss ss ss}", "name", "qingdan",
			"api", "v1", "docs", "docs/api.md"));
}
