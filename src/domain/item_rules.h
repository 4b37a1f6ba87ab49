/* item_rules.h: the item state machine (DESIGN §3) and field rules.
 *
 *   open -> in_progress -> review (sign-off requested) -> closed (销号)
 *   review -> in_progress   (send back, 退回重办: needs a reason, counted)
 *   closed -> in_progress   (reopen: needs a reason, counted)
 *
 * Who may act is perm.h's business; this file says what may happen. */
#ifndef QD_DOMAIN_ITEM_RULES_H
#define QD_DOMAIN_ITEM_RULES_H
#include "../util/err.h"
#include "codes.h"
#include "model.h"
#include "perm.h"
#include <stddef.h>

#define ITEM_ACTIONS(X)                                              \
	X(IA_START, "start", "开始整改", "start")                     \
	X(IA_REQUEST_SIGNOFF, "request_signoff", "申请销号", "request sign-off") \
	X(IA_SIGNOFF, "signoff", "审核销号", "sign off")              \
	X(IA_SENDBACK, "sendback", "退回重办", "send back")           \
	X(IA_REOPEN, "reopen", "重新打开", "reopen")                  \
	X(IA_CLAIM, "claim", "领导认领", "claim")

#define CODE_ENUM(name, code, zh, en) name,
enum item_action { ITEM_ACTIONS(CODE_ENUM) IA_COUNT };
#undef CODE_ENUM
extern const struct code_table T_ITEM_ACTION;

#define TITLE_MAX_CHARS 200
#define ITEM_EXT_ID_MAX 40
#define ITEM_FUNDS_MAX 10000000000000LL    /* yuan: 10 trillion */
#define ITEM_BENEFICIARIES_MAX 2000000000LL
#define TEXT_MAX_CHARS 5000
#define REASON_MAX_CHARS 1000
#define NAME_MAX_CHARS 100

/* What an action needs besides the item. */
struct transition {
	int closure;          /* for IA_SIGNOFF: enum closure */
	const char *reason;   /* for IA_SENDBACK, IA_REOPEN */
	int64_t claimant_id;  /* for IA_CLAIM: the leader's person id */
	int open_measures;    /* measures not done and not cancelled */
	int today;            /* the deployment's day */
	int64_t now;
};

/* The permission an action needs. */
enum perm_action item_action_perm(enum item_action a);
/* Apply action a to *it if the rules allow, else leave it as it was and
 * return the error. */
qd_err item_apply(struct item *it, enum item_action a, const struct transition *t,
		  struct qd_error *e);
/* Whether a reason is acceptable (non-empty after trimming, not too long). */
bool reason_ok(const char *reason);
/* Check the fields of a new or edited item (status fields excluded). */
qd_err item_validate(const struct item *it, int today, struct qd_error *e);
/* Set the starting state of a new item. An immediate item recorded as already
 * fixed goes to review, or straight to closed (resolved) when its creator may
 * verify it. */
qd_err item_set_initial_state(struct item *it, bool already_fixed, bool can_verify,
			      int today, int64_t now, struct qd_error *e);
/* The state of an item taken from a ledger file (an import records what
 * happened before qingdan): a closed item needs its closure and a sign-off
 * day between its found day and today; other states carry no closure. */
qd_err item_validate_recorded_state(const struct item *it, int today, struct qd_error *e);
/* Whether s can be an item number (问题编号): 1-ITEM_EXT_ID_MAX of A-Z a-z
 * 0-9 - _, not digits only (an all-digit reference is a numeric id). */
bool item_ext_id_ok(const char *s);
/* Whether an item's measures may be added or changed in its state. */
bool item_accepts_measure_work(const struct item *it);
/* Check a measure's fields. */
qd_err measure_validate(const struct measure *m, struct qd_error *e);
/* Whether an item is overdue on day today: not closed and past its due day. */
bool item_is_overdue(const struct item *it, int today);
/* Whether a text field is valid UTF-8 within max_chars (and non-empty if required). */
bool text_ok(const char *s, size_t max_chars, bool required);

#endif
