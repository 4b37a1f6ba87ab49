/* item.c: GET /items/:ref, POST /items/:ref/act - the item page and its actions. Being written. */
#include "web.h"

enum MHD_Result web_item(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_item_act(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
