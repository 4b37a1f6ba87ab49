/* opinion.h: opinions from the public (诉求 / 意见建议) and their rules.
 *
 *   received -> accepted (a new item was made of it)
 *            -> linked   (joined to an existing item; duplicates merged)
 *            -> rejected (不予受理, with a reason)
 *   accepted / linked -> answered when the item is signed off
 *   answered: the submitter may rate it once; 不满意 reopens the item.
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

struct opinion {
	int64_t id;
	char *code;              /* tracking code given to the submitter */
	int channel;             /* enum channel */
	int64_t received_at;
	int64_t unit_id;
	char *upath;             /* the unit's path */
	int64_t category_id;
	char *text;
	char *submitter_name;    /* personal: NULL when anonymous */
	char *submitter_contact; /* personal: NULL when not given */
	int status;              /* enum opinion_status */
	int64_t item_id;
	char *reply;             /* staff's reply to the submitter */
	char *resolution;        /* how the item was signed off, set at sign-off */
	int64_t replied_at;
	char *reject_reason;
	int rating;              /* enum rating or -1 */
	char *rating_comment;
	int64_t rated_at;
	int64_t created_at, updated_at;
};

void opinion_init(struct opinion *o);
void opinion_clear(struct opinion *o);
/* A deep copy (dst's strings are new). */
void opinion_copy(struct opinion *dst, const struct opinion *src);

/* Check the fields of a new opinion. */
qd_err opinion_validate(const struct opinion *o, struct qd_error *e);
/* Triage: accept into an item, link to one, or reject with a reason. */
qd_err opinion_accept(struct opinion *o, int64_t item_id, struct qd_error *e);
qd_err opinion_link(struct opinion *o, int64_t item_id, struct qd_error *e);
qd_err opinion_reject(struct opinion *o, const char *reason, struct qd_error *e);
/* The item was signed off: an accepted or linked opinion is answered. */
bool opinion_answer(struct opinion *o, const char *resolution, int64_t now);
/* The submitter rates an answered opinion once; returns whether the item
 * must be reopened (不满意). */
qd_err opinion_rate(struct opinion *o, int rating, const char *comment, int64_t now,
		    bool *reopen, struct qd_error *e);
/* Whether a tracking code has the right shape (no lookup). */
bool tracking_code_ok(const char *s);

#endif
