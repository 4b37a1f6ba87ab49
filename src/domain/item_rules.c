/* item_rules.c: the item state machine and field validation. */
#include "item_rules.h"
#include "../util/date.h"
#include "../util/utf8.h"
#include <ctype.h>
#include <string.h>

#define CODE_DEF(name, code, zh, en) {code, zh, en},
static const struct code_def d_item_action[] = {ITEM_ACTIONS(CODE_DEF)};
#undef CODE_DEF
const struct code_table T_ITEM_ACTION = {
	"item_action", d_item_action, (int)(sizeof d_item_action / sizeof d_item_action[0])};

enum perm_action item_action_perm(enum item_action a)
{
	switch (a) {
	case IA_START:
	case IA_REQUEST_SIGNOFF:
		return PA_ITEM_WORK;
	case IA_SIGNOFF:
	case IA_SENDBACK:
	case IA_REOPEN:
		return PA_ITEM_VERIFY;
	case IA_CLAIM:
		return PA_ITEM_CLAIM;
	default:
		return PA_COUNT; /* nobody */
	}
}

bool text_ok(const char *s, size_t max_chars, bool required)
{
	if (!s)
		return !required;
	size_t n = strlen(s);
	if (!utf8_valid_text(s, n))
		return false;
	if (required) {
		bool blank = true;
		for (size_t i = 0; i < n && blank; i++)
			blank = isspace((unsigned char)s[i]) != 0;
		if (blank)
			return false;
	}
	return utf8_len(s) <= max_chars;
}

bool reason_ok(const char *reason)
{
	return text_ok(reason, REASON_MAX_CHARS, true);
}

static qd_err bad_state(const struct item *it, enum item_action a, struct qd_error *e)
{
	return qd_fail(e, QD_BAD_TRANSITION, "status", "%s: %s",
		       code_str(&T_ITEM_ACTION, (int)a), code_str(&T_STATUS, it->status));
}

static void mark_closed(struct item *it, int closure, const struct transition *t)
{
	it->status = ST_CLOSED;
	it->closure = closure;
	it->closed_at = t->now;
	it->closed_on = t->today;
}

qd_err item_apply(struct item *it, enum item_action a, const struct transition *t,
		  struct qd_error *e)
{
	switch (a) {
	case IA_START:
		if (it->status != ST_OPEN)
			return bad_state(it, a, e);
		it->status = ST_IN_PROGRESS;
		break;
	case IA_REQUEST_SIGNOFF:
		if (it->status != ST_OPEN && it->status != ST_IN_PROGRESS)
			return bad_state(it, a, e);
		if (t->open_measures > 0)
			return qd_fail(e, QD_OPEN_MEASURES, "measures", "%d", t->open_measures);
		it->status = ST_REVIEW;
		break;
	case IA_SIGNOFF:
		if (it->status != ST_REVIEW)
			return bad_state(it, a, e);
		if (t->closure < 0 || t->closure >= CL_COUNT)
			return qd_fail(e, QD_MISSING_FIELD, "closure", NULL);
		mark_closed(it, t->closure, t);
		break;
	case IA_SENDBACK:
		if (it->status != ST_REVIEW)
			return bad_state(it, a, e);
		if (!reason_ok(t->reason))
			return qd_fail(e, QD_NEED_REASON, "reason", NULL);
		it->status = ST_IN_PROGRESS;
		it->sendbacks++;
		break;
	case IA_REOPEN:
		if (it->status != ST_CLOSED)
			return bad_state(it, a, e);
		if (!reason_ok(t->reason))
			return qd_fail(e, QD_NEED_REASON, "reason", NULL);
		it->status = ST_IN_PROGRESS;
		it->closure = -1;
		it->closed_at = 0;
		it->closed_on = DAY_NONE;
		it->reopens++;
		break;
	case IA_CLAIM:
		if (it->status == ST_CLOSED)
			return bad_state(it, a, e);
		if (t->claimant_id <= 0)
			return qd_fail(e, QD_FORBIDDEN, "claimant", "no person record");
		if (it->claimant_id > 0 && it->claimant_id != t->claimant_id)
			return qd_fail(e, QD_CONFLICT, "claimant", "already claimed by another leader");
		if (it->claimant_id == t->claimant_id)
			return qd_fail(e, QD_CONFLICT, "claimant", "already claimed by you");
		it->claimant_id = t->claimant_id;
		break;
	default:
		return qd_fail(e, QD_BAD_FIELD, "action", NULL);
	}
	it->updated_at = t->now;
	return QD_OK;
}

qd_err item_validate(const struct item *it, int today, struct qd_error *e)
{
	if (it->kind < 0 || it->kind >= IK_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "kind", NULL);
	if (it->source < 0 || it->source >= SRC_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "source", NULL);
	if (it->level < -1 || it->level >= LVL_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "level", NULL);
	if (it->mode < 0 || it->mode >= MODE_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "mode", NULL);
	if (!text_ok(it->title, TITLE_MAX_CHARS, true))
		return qd_fail(e, QD_BAD_FIELD, "title", "1-%d characters", TITLE_MAX_CHARS);
	if (!text_ok(it->detail, TEXT_MAX_CHARS, false))
		return qd_fail(e, QD_BAD_FIELD, "detail", "at most %d characters", TEXT_MAX_CHARS);
	if (it->unit_id <= 0)
		return qd_fail(e, QD_MISSING_FIELD, "unit_id", NULL);
	if (it->found_on == DAY_NONE)
		return qd_fail(e, QD_MISSING_FIELD, "found_on", NULL);
	if (it->found_on > today)
		return qd_fail(e, QD_BAD_FIELD, "found_on", "in the future");
	if (it->mode == MODE_DEADLINE && it->due_on == DAY_NONE)
		return qd_fail(e, QD_MISSING_FIELD, "due_on", "a deadline item needs a due date");
	if (it->due_on != DAY_NONE && it->due_on < it->found_on)
		return qd_fail(e, QD_BAD_FIELD, "due_on", "before found_on");
	if (it->case_type < -1 || it->case_type >= CT_COUNT ||
	    (it->case_type >= 0 && it->kind != IK_CASE))
		return qd_fail(e, QD_BAD_FIELD, "case_type", "only for a case item");
	if (it->funds < 0 || it->funds > ITEM_FUNDS_MAX)
		return qd_fail(e, QD_BAD_FIELD, "funds", "0 to %lld yuan", (long long)ITEM_FUNDS_MAX);
	if (it->beneficiaries < 0 || it->beneficiaries > ITEM_BENEFICIARIES_MAX)
		return qd_fail(e, QD_BAD_FIELD, "beneficiaries", "0 to %lld",
			       (long long)ITEM_BENEFICIARIES_MAX);
	return QD_OK;
}

qd_err item_set_initial_state(struct item *it, bool already_fixed, bool can_verify,
			      int today, int64_t now, struct qd_error *e)
{
	it->status = ST_OPEN;
	it->closure = -1;
	it->closed_at = 0;
	it->closed_on = DAY_NONE;
	it->sendbacks = it->reopens = 0;
	if (!already_fixed)
		return QD_OK;
	if (it->mode != MODE_IMMEDIATE)
		return qd_fail(e, QD_BAD_FIELD, "already_fixed", "only for immediate items");
	if (can_verify) {
		struct transition t = {.today = today, .now = now};
		mark_closed(it, CL_RESOLVED, &t);
	} else {
		it->status = ST_REVIEW;
	}
	return QD_OK;
}

bool item_ext_id_ok(const char *s)
{
	size_t n = strlen(s);
	bool digits_only = true;
	if (n < 1 || n > ITEM_EXT_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
		digits_only &= isdigit((unsigned char)s[i]) != 0;
	}
	return !digits_only;
}

qd_err item_validate_recorded_state(const struct item *it, int today, struct qd_error *e)
{
	if (it->status < 0 || it->status >= ST_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "status", NULL);
	if (it->status != ST_CLOSED) {
		if (it->closure >= 0)
			return qd_fail(e, QD_BAD_FIELD, "closure", "only for a signed-off item");
		if (it->closed_on != DAY_NONE)
			return qd_fail(e, QD_BAD_FIELD, "closed_on", "only for a signed-off item");
		return QD_OK;
	}
	if (it->closure < 0 || it->closure >= CL_COUNT)
		return qd_fail(e, QD_MISSING_FIELD, "closure", NULL);
	if (it->closed_on == DAY_NONE)
		return qd_fail(e, QD_MISSING_FIELD, "closed_on", "a signed-off item needs its day");
	if (it->closed_on < it->found_on)
		return qd_fail(e, QD_BAD_FIELD, "closed_on", "before found_on");
	if (it->closed_on > today)
		return qd_fail(e, QD_BAD_FIELD, "closed_on", "in the future");
	return QD_OK;
}

bool item_accepts_measure_work(const struct item *it)
{
	return it->status == ST_OPEN || it->status == ST_IN_PROGRESS;
}

qd_err measure_validate(const struct measure *m, struct qd_error *e)
{
	if (!text_ok(m->text, TEXT_MAX_CHARS, true))
		return qd_fail(e, QD_BAD_FIELD, "text", "1-%d characters", TEXT_MAX_CHARS);
	if (!text_ok(m->evidence, TEXT_MAX_CHARS, false))
		return qd_fail(e, QD_BAD_FIELD, "evidence", "at most %d characters", TEXT_MAX_CHARS);
	if (m->status < 0 || m->status >= MS_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "status", NULL);
	return QD_OK;
}

bool item_is_overdue(const struct item *it, int today)
{
	return it->status != ST_CLOSED && it->due_on != DAY_NONE && it->due_on < today;
}
