/* measure_forms.c: add and update measures. Being written. */
#include "web.h"

enum MHD_Result web_measure_add(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}

enum MHD_Result web_measure_update(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, "this page is being built");
}
