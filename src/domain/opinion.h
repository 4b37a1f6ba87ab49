/* opinion.h: opinions from the public (诉求 / 意见建议) and their rules.
 *
 *   received -> accepted (a new item was made of it)
 *            -> linked   (joined to an existing item; duplicates merged)
 *            -> rejected (不予受理, with a reason)
 *   accepted / linked / redo -> answered when the item is signed off
 *   answered: the submitter may rate each answer once; 不满意 reopens the
 *   item, and an item sent back or reopened puts its opinions in redo
 *   (重办) until it is signed off again.
 *
 * The first response (triage, a reply or the answer) is timed in working
 * days from receipt, for the response rate (响应率).
 *
 * The submitter's name and contact are personal data: kept for handling
 * staff only, never in public replies, exports or logs. */
#ifndef QD_DOMAIN_OPINION_H
#define QD_DOMAIN_OPINION_H
#include <stdbool.h>
#include <stdint.h>
#include "../util/err.h"

#define OPINION_TEXT_MAX 2000
#define SUBMITTER_MAX 100
#define TRACKING_CODE_LEN 12 /* characters of a tracking code */
#define ADDRESS_MAX 200

struct opinion {
	int64_t id;
	char *code;              /* tracking code given to the submitter */
	int channel;             /* enum channel */
	int64_t received_at;
	int64_t unit_id;
	char *upath;             /* the unit's path */
	int64_t category_id;
	char *text;
	char *address;           /* where, as the submitter put it (optional) */
	bool has_location;
	double lat, lon;         /* WGS84, when has_location */
	char *submitter_name;    /* personal: NULL when anonymous */
	char *submitter_contact; /* personal: NULL when not given */
	int status;              /* enum opinion_status */
	int64_t item_id;
	char *reply;             /* staff's reply to the submitter */
	char *resolution;        /* how the item was signed off, set at sign-off */
	int64_t replied_at;
	char *reject_reason;
	int64_t responded_at;    /* first response by staff, 0 = none yet */
	int response_wdays;      /* working days from receipt to it, -1 = none */
	int closure;             /* the item's closure type when answered, -1 */
	int64_t answered_at;     /* last answer (sign-off of the item), 0 = none */
	int redo;                /* times the item was sent back or reopened */
	int64_t client_id;       /* the Open311 client that posted it, 0 = none */
	int rating;              /* enum rating or -1 */
	char *rating_comment;
	int64_t rated_at;
	int64_t created_at, updated_at;
};

/* A change of an opinion as its submitter's platform sees it (the Open311
 * servicerequestupdates extension): ours, or pushed by a client. */
#define UPDATE_STATUS_LEN 32
struct opinion_update {
	int64_t id;
	int64_t opinion_id;
	int64_t at;
	char status[UPDATE_STATUS_LEN]; /* an Open311 status, e.g. "IN_PROGRESS" */
	char *description;
	int64_t client_id;              /* 0 = made by qingdan */
	char *external_id;              /* the client's own update id */
};
void opinion_update_clear(struct opinion_update *u);
/* The Open311 status of an opinion: OPEN, IN_PROGRESS, FIXED, CLOSED
 * or NOT_COUNCILS_RESPONSIBILITY; open311_open says whether the
 * GeoReport status is "open". */
const char *opinion_o311_status(const struct opinion *o);
bool opinion_o311_open(const struct opinion *o);
/* Whether s is a status a client may push. */
bool o311_status_ok(const char *s);

/* A system (e.g. a county's 12345 platform) allowed to post requests and
 * updates through Open311 for the subtree of its unit. */
struct o311_client {
	int64_t id;
	char *name;
	int64_t unit_id;
	char *upath;
	int64_t created_at, revoked_at;
};
void o311_client_clear(struct o311_client *c);

void opinion_init(struct opinion *o);
void opinion_clear(struct opinion *o);
/* A deep copy (dst's strings are new). */
void opinion_copy(struct opinion *dst, const struct opinion *src);

/* A new opinion: received, not handled, created now (whatever the
 * caller's struct held in the handling fields). */
void opinion_start(struct opinion *o, int64_t now);
/* Check the fields of a new opinion. */
qd_err opinion_validate(const struct opinion *o, struct qd_error *e);
/* Triage: accept into an item, link to one, or reject with a reason. */
qd_err opinion_accept(struct opinion *o, int64_t item_id, struct qd_error *e);
qd_err opinion_link(struct opinion *o, int64_t item_id, struct qd_error *e);
qd_err opinion_reject(struct opinion *o, const char *reason, struct qd_error *e);
/* Record the first response (no-op once responded); wdays as counted by
 * the caller against the holiday calendar. */
void opinion_respond(struct opinion *o, int64_t now, int wdays);
/* The item was signed off: an accepted, linked or redo opinion is answered
 * with the item's closure type. */
bool opinion_answer(struct opinion *o, const char *resolution, int closure, int64_t now);
/* The item was sent back or reopened: a triaged opinion is handled again. */
bool opinion_redo(struct opinion *o);
/* The submitter rates each answer once; returns whether the item must be
 * reopened (不满意). */
qd_err opinion_rate(struct opinion *o, int rating, const char *comment, int64_t now,
		    bool *reopen, struct qd_error *e);
/* Whether lat/lon are a place on earth. */
bool location_ok(double lat, double lon);
/* Whether a tracking code has the right shape (no lookup). */
bool tracking_code_ok(const char *s);

#endif
