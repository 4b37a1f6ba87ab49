/* item.c: GET /items/:ref and POST /items/:ref/act. Being written. */
#include "web.h"

enum MHD_Result web_item(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "the item page is being built");
}

enum MHD_Result web_item_act(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "the item page is being built");
}
