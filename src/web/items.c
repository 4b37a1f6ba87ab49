/* items.c: GET /items - the problem list (问题清单). Being written. */
#include "web.h"

enum MHD_Result web_items(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
