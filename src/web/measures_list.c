/* measures_list.c: GET /measures - the rectification list (整改清单). Being written. */
#include "web.h"

enum MHD_Result web_measures(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
