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
}

void opinion_clear(struct opinion *o)
{
	free(o->code);
	free(o->upath);
	free(o->text);
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
	dst->submitter_name = xstrdup(src->submitter_name);
	dst->submitter_contact = xstrdup(src->submitter_contact);
	dst->reply = xstrdup(src->reply);
	dst->resolution = xstrdup(src->resolution);
	dst->reject_reason = xstrdup(src->reject_reason);
	dst->rating_comment = xstrdup(src->rating_comment);
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

bool opinion_answer(struct opinion *o, const char *resolution, int64_t now)
{
	if (o->status != OS_ACCEPTED && o->status != OS_LINKED)
		return false;
	o->status = OS_ANSWERED;
	xstrset(&o->resolution, resolution);
	o->replied_at = o->replied_at ? o->replied_at : now;
	return true;
}

qd_err opinion_rate(struct opinion *o, int rating, const char *comment, int64_t now,
		    bool *reopen, struct qd_error *e)
{
	*reopen = false;
	if (o->status != OS_ANSWERED)
		return qd_fail(e, QD_BAD_TRANSITION, "status", "rating: not answered yet");
	if (o->rating >= 0)
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

bool tracking_code_ok(const char *s)
{
	if (!s || strlen(s) != TRACKING_CODE_LEN)
		return false;
	for (const char *p = s; *p; p++)
		if (!strchr("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", *p))
			return false;
	return true;
}
