/* admin_units.c: the unit tree admin page. Being written. */
#include "web.h"

enum MHD_Result web_admin_units(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_admin_unit_add(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_admin_unit_update(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
