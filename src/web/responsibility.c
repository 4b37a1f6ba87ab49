/* responsibility.c: GET /responsibility - the responsibility list (责任清单). Being written. */
#include "web.h"

enum MHD_Result web_responsibility(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
