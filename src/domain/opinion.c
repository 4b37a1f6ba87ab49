/* opinion.c: rules of opinions from the public. */
#include "opinion.h"
#include "codes.h"
#include "item_rules.h"
#include "../util/alloc.h"
#include <stdlib.h>
#include <string.h>

void opinion_init(struct opinion *o)
{
	memset(o, 0, sizeof *o);
	o->rating = -1;
	o->response_wdays = -1;
	o->closure = -1;
}

void opinion_clear(struct opinion *o)
{
	free(o->code);
	free(o->upath);
	free(o->text);
	free(o->address);
	free(o->submitter_name);
	free(o->submitter_contact);
	free(o->reply);
	free(o->resolution);
	free(o->reject_reason);
	free(o->rating_comment);
	opinion_init(o);
}

void opinion_copy(struct opinion *dst, const struct opinion *src)
{
	*dst = *src;
	dst->code = xstrdup(src->code);
	dst->upath = xstrdup(src->upath);
	dst->text = xstrdup(src->text);
	dst->address = xstrdup(src->address);
	dst->submitter_name = xstrdup(src->submitter_name);
	dst->submitter_contact = xstrdup(src->submitter_contact);
	dst->reply = xstrdup(src->reply);
	dst->resolution = xstrdup(src->resolution);
	dst->reject_reason = xstrdup(src->reject_reason);
	dst->rating_comment = xstrdup(src->rating_comment);
}

void opinion_start(struct opinion *o, int64_t now)
{
	o->status = OS_RECEIVED;
	o->item_id = o->client_id = 0;
	o->rating = o->response_wdays = o->closure = -1;
	o->responded_at = o->answered_at = o->replied_at = o->rated_at = 0;
	o->redo = 0;
	o->created_at = o->updated_at = now;
}

qd_err opinion_validate(const struct opinion *o, struct qd_error *e)
{
	if (o->channel < 0 || o->channel >= CH_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "channel", NULL);
	if (!text_ok(o->text, OPINION_TEXT_MAX, true))
		return qd_fail(e, QD_BAD_FIELD, "text", "1-%d characters", OPINION_TEXT_MAX);
	if (!text_ok(o->submitter_name, SUBMITTER_MAX, false))
		return qd_fail(e, QD_BAD_FIELD, "submitter_name", "at most %d characters",
			       SUBMITTER_MAX);
	if (!text_ok(o->submitter_contact, SUBMITTER_MAX, false))
		return qd_fail(e, QD_BAD_FIELD, "submitter_contact", "at most %d characters",
			       SUBMITTER_MAX);
	if (!text_ok(o->address, ADDRESS_MAX, false))
		return qd_fail(e, QD_BAD_FIELD, "address", "at most %d characters", ADDRESS_MAX);
	if (o->has_location && !location_ok(o->lat, o->lon))
		return qd_fail(e, QD_BAD_FIELD, "lat", "latitude -90..90, longitude -180..180");
	if (o->unit_id <= 0)
		return qd_fail(e, QD_MISSING_FIELD, "unit_id", NULL);
	return QD_OK;
}

static qd_err need_received(const struct opinion *o, struct qd_error *e)
{
	if (o->status != OS_RECEIVED)
		return qd_fail(e, QD_BAD_TRANSITION, "status", "triage: %s",
			       code_str(&T_OPINION_STATUS, o->status));
	return QD_OK;
}

qd_err opinion_accept(struct opinion *o, int64_t item_id, struct qd_error *e)
{
	qd_err r = need_received(o, e);
	if (r != QD_OK)
		return r;
	o->status = OS_ACCEPTED;
	o->item_id = item_id;
	return QD_OK;
}

qd_err opinion_link(struct opinion *o, int64_t item_id, struct qd_error *e)
{
	qd_err r = need_received(o, e);
	if (r != QD_OK)
		return r;
	if (item_id <= 0)
		return qd_fail(e, QD_MISSING_FIELD, "item_id", NULL);
	o->status = OS_LINKED;
	o->item_id = item_id;
	return QD_OK;
}

qd_err opinion_reject(struct opinion *o, const char *reason, struct qd_error *e)
{
	qd_err r = need_received(o, e);
	if (r != QD_OK)
		return r;
	if (!reason_ok(reason))
		return qd_fail(e, QD_NEED_REASON, "reason", NULL);
	o->status = OS_REJECTED;
	xstrset(&o->reject_reason, reason);
	return QD_OK;
}

void opinion_respond(struct opinion *o, int64_t now, int wdays)
{
	if (o->responded_at)
		return;
	o->responded_at = now;
	o->response_wdays = wdays < 0 ? 0 : wdays;
}

static bool triaged(const struct opinion *o)
{
	return o->status == OS_ACCEPTED || o->status == OS_LINKED || o->status == OS_REDO;
}

bool opinion_answer(struct opinion *o, const char *resolution, int closure, int64_t now)
{
	if (!triaged(o))
		return false;
	o->status = OS_ANSWERED;
	o->closure = closure;
	o->answered_at = now;
	xstrset(&o->resolution, resolution);
	o->replied_at = o->replied_at ? o->replied_at : now;
	return true;
}

bool opinion_redo(struct opinion *o)
{
	if (!triaged(o) && o->status != OS_ANSWERED)
		return false;
	if (o->status == OS_ANSWERED) {
		o->status = OS_REDO;
		o->closure = -1;
	}
	o->redo++;
	return true;
}

qd_err opinion_rate(struct opinion *o, int rating, const char *comment, int64_t now,
		    bool *reopen, struct qd_error *e)
{
	*reopen = false;
	if (o->status != OS_ANSWERED)
		return qd_fail(e, QD_BAD_TRANSITION, "status", "rating: not answered yet");
	if (o->rating >= 0 && o->rated_at >= o->answered_at)
		return qd_fail(e, QD_CONFLICT, "rating", "already rated");
	if (rating < 0 || rating >= RT_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "rating", NULL);
	if (!text_ok(comment, REASON_MAX_CHARS, rating == RT_UNSATISFIED))
		return qd_fail(e, rating == RT_UNSATISFIED ? QD_NEED_REASON : QD_BAD_FIELD,
			       "comment", rating == RT_UNSATISFIED ? "say what is not fixed" : NULL);
	o->rating = rating;
	xstrset(&o->rating_comment, comment);
	o->rated_at = now;
	*reopen = rating == RT_UNSATISFIED && o->item_id > 0;
	return QD_OK;
}

bool location_ok(double lat, double lon)
{
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

bool tracking_code_ok(const char *s)
{
	if (!s || strlen(s) != TRACKING_CODE_LEN)
		return false;
	for (const char *p = s; *p; p++)
		if (!strchr("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", *p))
			return false;
	return true;
}

void opinion_update_clear(struct opinion_update *u)
{
	free(u->description);
	free(u->external_id);
	memset(u, 0, sizeof *u);
}

void o311_client_clear(struct o311_client *c)
{
	free(c->name);
	free(c->upath);
	memset(c, 0, sizeof *c);
}

const char *opinion_o311_status(const struct opinion *o)
{
	switch (o->status) {
	case OS_RECEIVED:
		return "OPEN";
	case OS_ACCEPTED:
	case OS_LINKED: /* joined to an item in hand, not closed as a duplicate */
	case OS_REDO:
		return "IN_PROGRESS";
	case OS_REJECTED:
		return "NOT_COUNCILS_RESPONSIBILITY";
	case OS_ANSWERED:
		return o->closure == CL_RESOLVED ? "FIXED" : "CLOSED";
	}
	return "OPEN";
}

bool opinion_o311_open(const struct opinion *o)
{
	return o->status != OS_REJECTED && o->status != OS_ANSWERED;
}

bool o311_status_ok(const char *s)
{
	static const char *const known[] = {
		"OPEN", "CLOSED", "FIXED", "IN_PROGRESS", "ACTION_SCHEDULED", "INVESTIGATING",
		"DUPLICATE", "NOT_COUNCILS_RESPONSIBILITY", "NO_FURTHER_ACTION",
		"INTERNAL_REFERRAL", "REOPEN", "FOR_TRIAGE", /* FixMyStreet's extended statuses */
	};
	for (size_t i = 0; s && i < sizeof known / sizeof known[0]; i++)
		if (strcmp(s, known[i]) == 0)
			return true;
	return false;
}
