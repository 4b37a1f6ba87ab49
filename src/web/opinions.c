/* opinions.c: the staff pages of opinions from the public (triage). */
#include "web.h"

enum MHD_Result web_opinions(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, r->path);
}

enum MHD_Result web_opinion(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, r->path);
}

enum MHD_Result web_opinion_triage(struct req *r)
{
	return reply_fail(r, QD_NO_ROUTE, NULL, r->path);
}
