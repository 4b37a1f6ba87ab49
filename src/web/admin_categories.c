/* admin_categories.c: categories admin page. Being written. */
#include "web.h"

enum MHD_Result web_admin_categories(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_admin_category_add(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
