/* admin_people.c: people, accounts and grants admin page. Being written. */
#include "web.h"

enum MHD_Result web_admin_people(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_admin_person_add(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_admin_account_add(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_admin_grant_add(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_admin_grant_delete(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
