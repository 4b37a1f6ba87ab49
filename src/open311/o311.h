/* o311.h: the Open311 GeoReport v2 endpoint under /open311/ and FixMyStreet's
 * servicerequestupdates extension, for machine clients such as a county's
 * 12345 platform. Thin handlers over the app layer (app/open311.c), one per
 * file; routes.c holds the table and the dispatcher that server.c hands
 * every /open311/ path to.
 *
 * Every URL ends in .xml or .json (the reply's format; errors too). No
 * cookies, no CSRF: clients identify themselves with an api_key
 * (`qingdan open311 add`). GET parameters come from the query string, POST
 * parameters from an application/x-www-form-urlencoded body (params.h has
 * the rules). Errors are the spec's <errors><error><code/><description/>:
 * 404 for an unknown resource, service_code, jurisdiction, request or
 * token, 403 for a missing or invalid api_key (or a unit outside the
 * client's area), 405 for a wrong method (with Allow), 413 for a body over
 * 64 KiB, 400 for everything else the client sent, 5xx for our faults. */
#ifndef QD_OPEN311_O311_H
#define QD_OPEN311_O311_H
#include "../http/http.h"
#include "format.h"
#include "params.h"

/* Where the spec's endpoint lives (the discovery document names it). */
#define O311_BASE "/open311/v2"
/* The date of the last change to this endpoint's behaviour. */
#define O311_CHANGESET "2026-11-22 00:00"

/* One Open311 request, for the duration of its handler. */
struct o311_req {
	struct req *r;
	int fmt;               /* O311_XML or O311_JSON, from the URL */
	const char *arg;       /* the segment after the route's path (code, id, token) */
	struct o311_kv *kv;    /* query (GET) or form (POST) parameters */
	int nkv;
};

typedef enum MHD_Result (*o311_handler)(struct o311_req *q);

/* The route table (routes.c): path and method, then the parameters read. */
struct o311_route {
	enum method method;
	const char *path;           /* the URL without its .xml / .json */
	const char *arg;            /* NULL, or the name of one more segment after
				     * path + "/", handed over as q->arg */
	o311_handler handler;
	const char *const *reads;   /* the parameters it reads: each at most once */
	struct access access;       /* what it needs (http.h) */
};
extern const struct o311_route open311_routes[]; /* ends with a NULL path */

/* The handlers (one file each). */
enum MHD_Result o311_discovery(struct o311_req *q);         /* discovery.c */
enum MHD_Result o311_services(struct o311_req *q);          /* services.c */
enum MHD_Result o311_service_definition(struct o311_req *q); /* service_definition.c */
enum MHD_Result o311_requests_post(struct o311_req *q);     /* requests_post.c */
enum MHD_Result o311_requests_get(struct o311_req *q);      /* requests_get.c */
enum MHD_Result o311_request_get(struct o311_req *q);       /* request_get.c */
enum MHD_Result o311_tokens(struct o311_req *q);            /* tokens.c */
enum MHD_Result o311_updates_get(struct o311_req *q);       /* updates_get.c */
enum MHD_Result o311_updates_post(struct o311_req *q);      /* updates_post.c */

/* --- replies (reply.c) --- */
/* 200 with v (stolen) in the request's format; root names the XML document
 * (the array's items are named by o311_item_name). */
enum MHD_Result o311_reply_steal(struct o311_req *q, const char *root, json_t *v);
/* An error body with this HTTP status and description. */
enum MHD_Result o311_fail(struct o311_req *q, unsigned status, const char *description);
/* An error from the app layer or the parameter checks: its code gives the
 * status (see the header comment), its message, parameter and detail the
 * description (the app's field names translated to the spec's). */
enum MHD_Result o311_error(struct o311_req *q, const struct qd_error *e);

/* --- what a request names (context.c) --- */
/* The client holding the api_key parameter. Without one: QD_FORBIDDEN when
 * required, else QD_OK with out zeroed (id 0: a public reader). An invalid
 * key is always QD_FORBIDDEN. Clear out with o311_client_clear. */
qd_err o311_client_of(struct o311_req *q, bool required, struct o311_client *out,
		      struct qd_error *e);
/* The unit of the jurisdiction_id parameter (default: the first top-level
 * unit); QD_NOT_FOUND when there is none. Clear with unit_clear. */
qd_err o311_jurisdiction_of(struct o311_req *q, struct unit *out, struct qd_error *e);
/* The units of a jurisdiction and max_levels below it (only the active
 * ones with active_only), tree order. */
qd_err o311_units(struct o311_req *q, const struct unit *jur, int max_levels, bool active_only,
		  struct unit_array *out, struct qd_error *e);
/* A service by its service_code (the category's code): QD_NOT_FOUND when
 * no active category has it. Clear with category_clear. */
qd_err o311_service_of(struct o311_req *q, const char *code, struct category *out,
		       struct qd_error *e);

/* --- requests as the spec writes them (request_json.c) --- */
/* Reply with the opinions oq selects in jurisdiction jur as
 * service_requests, read as client c may read them (c->id 0: the public).
 * With one, no match is a 404. */
enum MHD_Result o311_reply_requests(struct o311_req *q, const struct o311_client *c,
				    const struct unit *jur, const struct opinion_query *oq,
				    bool one);

#endif
