/* login.c: POST /api/v1/login {login, password} -> {token, account_id}. */
#include "api.h"
#include <netinet/in.h>
#include <stdio.h>

enum MHD_Result api_login(struct req *r)
{
	const char *login = NULL, *password = NULL;
	struct in_field in[] = {
		{"login", IN_STRING, true, false, NULL, &login, false, false},
		{"password", IN_STRING, true, false, NULL, &password, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_json(r, in, &e))
		return reply_error(r, &e);
	char ukey[96], ikey[32];
	snprintf(ukey, sizeof ukey, "login:%.64s", login);
	throttle_client_key(r, ikey, sizeof ikey);
	if (throttle_blocked(ukey, THROTTLE_PER_LOGIN))
		return reply_fail(r, QD_THROTTLED, "login", NULL);
	if (throttle_blocked(ikey, THROTTLE_PER_ADDRESS))
		return reply_fail(r, QD_THROTTLED, NULL, "too many failed logins from this address");
	char token[64];
	int64_t account_id = 0;
	if (app_login(r->app, login, password, "api", token, &account_id, &e) != QD_OK) {
		if (e.code == QD_BAD_LOGIN) {
			throttle_fail(ukey);
			throttle_fail(ikey);
		}
		return reply_error(r, &e);
	}
	throttle_reset(ukey);
	return reply_json_steal(r, 200, json_pack("{ss sI ss}", "token", token, "account_id",
						  (json_int_t)account_id, "token_type", "Bearer"));
}

enum MHD_Result api_logout(struct req *r)
{
	const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_AUTHORIZATION);
	struct qd_error e = {0};
	if (app_logout(r->app, h + 7, &e) != QD_OK)
		return reply_error(r, &e);
	return reply_no_content(r);
}
