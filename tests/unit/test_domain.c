/* test_domain.c: the pure rules - item state machine, field rules,
 * permissions over the unit tree, paths, working days and counters.
 *
 * Expected values are written out as tables from the rules stated in the
 * headers (item_rules.h, perm.h, tree.h, deadline.h, stats.h), never by
 * calling the code under test. */
#include "tap.h"
#include "domain/codes.h"
#include "domain/deadline.h"
#include "domain/item_rules.h"
#include "domain/model.h"
#include "domain/perm.h"
#include "domain/stats.h"
#include "domain/tree.h"
#include "util/alloc.h"
#include "util/date.h"
#include <stdlib.h>
#include <string.h>

#define D(y, m, d) day_from_civil(y, m, d)

/* ------------------------------------------------------------------ */
/* (a) the item state machine                                          */

static const int TODAY = 19889; /* 2024-06-15 */
static const int64_t NOW = 1718400000;

static void base_item(struct item *it, int status)
{
	item_init(it);
	it->id = 42;
	it->kind = IK_PROBLEM;
	it->source = SRC_SELF_INSPECTION;
	it->mode = MODE_DEADLINE;
	it->unit_id = 3;
	it->found_on = TODAY - 10;
	it->due_on = TODAY + 10;
	it->status = status;
	it->sendbacks = 1;
	it->reopens = 2;
	it->updated_at = 1000;
	it->version = 5;
	if (status == ST_CLOSED) {
		it->closure = CL_RESOLVED;
		it->closed_at = 900;
		it->closed_on = TODAY - 1;
	}
}

static struct transition good_transition(void)
{
	struct transition t = {.closure = CL_RESOLVED,
			       .reason = "整改不到位，退回重办",
			       .claimant_id = 77,
			       .open_measures = 0,
			       .today = TODAY,
			       .now = NOW};
	return t;
}

/* The state fields item_apply may touch: equal means "left as it was". */
static bool same_state(const struct item *a, const struct item *b)
{
	return a->status == b->status && a->closure == b->closure &&
	       a->closed_at == b->closed_at && a->closed_on == b->closed_on &&
	       a->sendbacks == b->sendbacks && a->reopens == b->reopens &&
	       a->claimant_id == b->claimant_id && a->updated_at == b->updated_at &&
	       a->version == b->version && a->due_on == b->due_on &&
	       a->found_on == b->found_on && a->unit_id == b->unit_id;
}

#define NO (-1) /* the transition is refused */

static void test_transitions(void)
{
	/* Rows: actions; columns: from open, in_progress, review, closed.
	 * Value: the resulting status, or NO. From item_rules.h:
	 *   open -> in_progress (start) -> review (request sign-off) -> closed
	 *   review -> in_progress (send back), closed -> in_progress (reopen).
	 * A sign-off may be requested straight from open (an item fixed without
	 * a separate start); a claim changes no status and is refused only on a
	 * closed item. */
	static const int expect[IA_COUNT][ST_COUNT] = {
		/*                    open            in_progress     review          closed */
		[IA_START]           = {ST_IN_PROGRESS, NO,             NO,             NO},
		[IA_REQUEST_SIGNOFF] = {ST_REVIEW,      ST_REVIEW,      NO,             NO},
		[IA_SIGNOFF]         = {NO,             NO,             ST_CLOSED,      NO},
		[IA_SENDBACK]        = {NO,             NO,             ST_IN_PROGRESS, NO},
		[IA_REOPEN]          = {NO,             NO,             NO,             ST_IN_PROGRESS},
		[IA_CLAIM]           = {ST_OPEN,        ST_IN_PROGRESS, ST_REVIEW,      NO},
	};
	for (int a = 0; a < IA_COUNT; a++) {
		for (int s = 0; s < ST_COUNT; s++) {
			struct item it, before;
			base_item(&it, s);
			base_item(&before, s);
			struct transition t = good_transition();
			struct qd_error e = {0};
			qd_err r = item_apply(&it, (enum item_action)a, &t, &e);
			const char *an = code_str(&T_ITEM_ACTION, a), *sn = code_str(&T_STATUS, s);
			if (expect[a][s] == NO) {
				ok(r == QD_BAD_TRANSITION && e.code == QD_BAD_TRANSITION &&
					   same_state(&it, &before),
				   "%s from %s is refused (BAD_TRANSITION), item unchanged", an, sn);
				continue;
			}
			if (!ok(r == QD_OK, "%s from %s is allowed", an, sn)) {
				diag("error %s field '%s' detail '%s'", qd_err_name(r), e.field,
				     e.detail);
				continue;
			}
			is_str(code_str(&T_STATUS, it.status), code_str(&T_STATUS, expect[a][s]),
			       "%s from %s -> status", an, sn);
			is_int(it.updated_at, NOW, "%s from %s sets updated_at", an, sn);
			switch (a) {
			case IA_SIGNOFF:
				ok(it.closure == CL_RESOLVED && it.closed_at == NOW &&
					   it.closed_on == TODAY,
				   "signoff records closure, closed_at, closed_on");
				break;
			case IA_SENDBACK:
				is_int(it.sendbacks, before.sendbacks + 1, "sendback counted");
				is_int(it.reopens, before.reopens, "sendback leaves reopens");
				break;
			case IA_REOPEN:
				is_int(it.reopens, before.reopens + 1, "reopen counted");
				ok(it.closure == -1 && it.closed_at == 0 && it.closed_on == DAY_NONE,
				   "reopen clears the closure fields");
				is_int(it.sendbacks, before.sendbacks, "reopen leaves sendbacks");
				break;
			case IA_CLAIM:
				is_int(it.claimant_id, 77, "claim from %s records the claimant", sn);
				break;
			default:
				ok(it.closure == before.closure && it.sendbacks == before.sendbacks &&
					   it.reopens == before.reopens && it.claimant_id == 0,
				   "%s from %s touches only the status", an, sn);
			}
			is_int(it.version, before.version, "item_apply leaves version to the store");
		}
	}

	struct item it;
	struct transition t = good_transition();
	struct qd_error e = {0};
	base_item(&it, ST_OPEN);
	is_int(item_apply(&it, IA_COUNT, &t, &e), QD_BAD_FIELD, "unknown action refused");
	is_int(it.status, ST_OPEN, "unknown action leaves the status");
}

static void test_reasons(void)
{
	char too_long[REASON_MAX_CHARS + 2], longest[REASON_MAX_CHARS * 3 + 1];
	memset(too_long, 'x', REASON_MAX_CHARS + 1);
	too_long[REASON_MAX_CHARS + 1] = '\0';
	longest[0] = '\0';
	for (int i = 0; i < REASON_MAX_CHARS; i++)
		strcat(longest, "理");
	static const char *blank[] = {NULL, "", " ", "   ", "\t\n\r ", NULL};
	const enum item_action acts[] = {IA_SENDBACK, IA_REOPEN};
	const int from[] = {ST_REVIEW, ST_CLOSED};
	for (int k = 0; k < 2; k++) {
		const char *an = code_str(&T_ITEM_ACTION, acts[k]);
		for (size_t i = 0; i < sizeof blank / sizeof blank[0] - 1; i++) {
			struct item it, before;
			base_item(&it, from[k]);
			base_item(&before, from[k]);
			struct transition t = good_transition();
			t.reason = blank[i];
			struct qd_error e = {0};
			qd_err r = item_apply(&it, acts[k], &t, &e);
			ok(r == QD_NEED_REASON && same_state(&it, &before) &&
				   strcmp(e.field, "reason") == 0,
			   "%s with blank reason #%zu -> NEED_REASON, nothing counted", an, i);
		}
		struct item it, before;
		base_item(&it, from[k]);
		base_item(&before, from[k]);
		struct transition t = good_transition();
		t.reason = too_long;
		ok(item_apply(&it, acts[k], &t, NULL) == QD_NEED_REASON && same_state(&it, &before),
		   "%s with a reason of %d characters refused", an, REASON_MAX_CHARS + 1);
		t.reason = "bad \xff utf-8";
		ok(item_apply(&it, acts[k], &t, NULL) == QD_NEED_REASON && same_state(&it, &before),
		   "%s with invalid UTF-8 reason refused", an);
		t.reason = longest;
		ok(item_apply(&it, acts[k], &t, NULL) == QD_OK,
		   "%s with a reason of exactly %d CJK characters accepted", an, REASON_MAX_CHARS);
		/* Twice: counts accumulate. */
		base_item(&it, from[k]);
		t.reason = "原因";
		item_apply(&it, acts[k], &t, NULL);
		it.status = from[k];
		item_apply(&it, acts[k], &t, NULL);
		if (acts[k] == IA_SENDBACK)
			is_int(it.sendbacks, before.sendbacks + 2, "two sendbacks counted");
		else
			is_int(it.reopens, before.reopens + 2, "two reopens counted");
	}
	ok(reason_ok("x"), "reason_ok: one character");
	ok(!reason_ok(" \t"), "reason_ok: blank");
	ok(!reason_ok(NULL), "reason_ok: NULL");
	ok(reason_ok(" 不满意 "), "reason_ok: padded text");
}

static void test_signoff_rules(void)
{
	for (int s = ST_OPEN; s <= ST_IN_PROGRESS; s++) {
		struct item it, before;
		base_item(&it, s);
		base_item(&before, s);
		struct transition t = good_transition();
		t.open_measures = 2;
		struct qd_error e = {0};
		ok(item_apply(&it, IA_REQUEST_SIGNOFF, &t, &e) == QD_OPEN_MEASURES &&
			   same_state(&it, &before),
		   "request_signoff from %s with 2 open measures -> OPEN_MEASURES",
		   code_str(&T_STATUS, s));
		t.open_measures = 1;
		ok(item_apply(&it, IA_REQUEST_SIGNOFF, &t, &e) == QD_OPEN_MEASURES,
		   "one open measure is enough to refuse");
	}
	const int bad_closure[] = {-1, CL_COUNT, 99};
	for (size_t i = 0; i < 3; i++) {
		struct item it, before;
		base_item(&it, ST_REVIEW);
		base_item(&before, ST_REVIEW);
		struct transition t = good_transition();
		t.closure = bad_closure[i];
		struct qd_error e = {0};
		ok(item_apply(&it, IA_SIGNOFF, &t, &e) == QD_MISSING_FIELD &&
			   strcmp(e.field, "closure") == 0 && same_state(&it, &before),
		   "signoff with closure %d refused (MISSING_FIELD closure)", bad_closure[i]);
	}
	for (int c = 0; c < CL_COUNT; c++) {
		struct item it;
		base_item(&it, ST_REVIEW);
		struct transition t = good_transition();
		t.closure = c;
		ok(item_apply(&it, IA_SIGNOFF, &t, NULL) == QD_OK && it.status == ST_CLOSED &&
			   it.closure == c,
		   "signoff with closure %s", code_str(&T_CLOSURE, c));
	}
	/* Claim. */
	struct item it, before;
	base_item(&it, ST_IN_PROGRESS);
	base_item(&before, ST_IN_PROGRESS);
	struct transition t = good_transition();
	t.claimant_id = 0;
	ok(item_apply(&it, IA_CLAIM, &t, NULL) == QD_FORBIDDEN && same_state(&it, &before),
	   "claim without a person refused");
	base_item(&it, ST_CLOSED);
	t.claimant_id = 5;
	ok(item_apply(&it, IA_CLAIM, &t, NULL) == QD_BAD_TRANSITION && it.claimant_id == 0,
	   "claim of a closed item refused");

	is_int(item_action_perm(IA_START), PA_ITEM_WORK, "start needs WORK");
	is_int(item_action_perm(IA_REQUEST_SIGNOFF), PA_ITEM_WORK, "request_signoff needs WORK");
	is_int(item_action_perm(IA_SIGNOFF), PA_ITEM_VERIFY, "signoff needs VERIFY");
	is_int(item_action_perm(IA_SENDBACK), PA_ITEM_VERIFY, "sendback needs VERIFY");
	is_int(item_action_perm(IA_REOPEN), PA_ITEM_VERIFY, "reopen needs VERIFY");
	is_int(item_action_perm(IA_CLAIM), PA_ITEM_CLAIM, "claim needs CLAIM");
	is_int(item_action_perm(IA_COUNT), PA_COUNT, "unknown action needs what nobody has");
}

static void test_initial_state(void)
{
	struct item it;
	base_item(&it, ST_REVIEW);
	it.mode = MODE_IMMEDIATE;
	it.closure = CL_DUPLICATE;
	ok(item_set_initial_state(&it, false, true, TODAY, NOW, NULL) == QD_OK &&
		   it.status == ST_OPEN && it.closure == -1 && it.sendbacks == 0 &&
		   it.reopens == 0 && it.closed_on == DAY_NONE && it.closed_at == 0,
	   "a new item starts open with clean counters");

	base_item(&it, ST_OPEN);
	it.mode = MODE_IMMEDIATE;
	ok(item_set_initial_state(&it, true, true, TODAY, NOW, NULL) == QD_OK &&
		   it.status == ST_CLOSED && it.closure == CL_RESOLVED && it.closed_on == TODAY &&
		   it.closed_at == NOW,
	   "immediate, already fixed, creator may verify -> closed (resolved)");

	base_item(&it, ST_OPEN);
	it.mode = MODE_IMMEDIATE;
	ok(item_set_initial_state(&it, true, false, TODAY, NOW, NULL) == QD_OK &&
		   it.status == ST_REVIEW && it.closure == -1 && it.closed_on == DAY_NONE,
	   "immediate, already fixed, creator may not verify -> review");

	for (int m = MODE_DEADLINE; m <= MODE_LONG_TERM; m++) {
		base_item(&it, ST_OPEN);
		it.mode = m;
		struct qd_error e = {0};
		ok(item_set_initial_state(&it, true, true, TODAY, NOW, &e) == QD_BAD_FIELD &&
			   strcmp(e.field, "already_fixed") == 0 && it.status != ST_CLOSED,
		   "already fixed refused for a %s item", code_str(&T_MODE, m));
	}
}

static void valid_item(struct item *it, char *title)
{
	base_item(it, ST_OPEN);
	it->title = title;
}

static void test_validate(void)
{
	char title[] = "村口路灯不亮";
	struct item it;
	struct qd_error e;
#define EXPECT(label, code, fld)                                                    \
	do {                                                                        \
		memset(&e, 0, sizeof e);                                            \
		qd_err r_ = item_validate(&it, TODAY, &e);                          \
		ok(r_ == (code) && ((code) == QD_OK || strcmp(e.field, fld) == 0), \
		   "item_validate: %s -> %s %s", label, qd_err_name(code), fld);    \
		if (r_ != (code))                                                   \
			diag("got %s field '%s'", qd_err_name(r_), e.field);        \
	} while (0)

	valid_item(&it, title);
	EXPECT("a valid deadline item", QD_OK, "");

	char blank[] = " \t ", empty[] = "", bad_utf8[] = "路\xe7灯";
	char max_title[TITLE_MAX_CHARS * 3 + 4] = "", long_title[TITLE_MAX_CHARS * 3 + 4] = "";
	for (int i = 0; i < TITLE_MAX_CHARS; i++)
		strcat(max_title, "题");
	strcpy(long_title, max_title);
	strcat(long_title, "x");
	valid_item(&it, NULL);
	EXPECT("title NULL", QD_BAD_FIELD, "title");
	valid_item(&it, empty);
	EXPECT("title empty", QD_BAD_FIELD, "title");
	valid_item(&it, blank);
	EXPECT("title blank", QD_BAD_FIELD, "title");
	valid_item(&it, bad_utf8);
	EXPECT("title invalid UTF-8", QD_BAD_FIELD, "title");
	valid_item(&it, long_title);
	EXPECT("title of 201 characters", QD_BAD_FIELD, "title");
	valid_item(&it, max_title);
	EXPECT("title of exactly 200 CJK characters", QD_OK, "");

	char *detail = xmalloc(TEXT_MAX_CHARS + 2);
	memset(detail, 'd', TEXT_MAX_CHARS + 1);
	detail[TEXT_MAX_CHARS + 1] = '\0';
	valid_item(&it, title);
	it.detail = detail;
	EXPECT("detail of 5001 characters", QD_BAD_FIELD, "detail");
	detail[TEXT_MAX_CHARS] = '\0';
	EXPECT("detail of 5000 characters", QD_OK, "");
	detail[0] = '\0';
	EXPECT("empty detail", QD_OK, "");
	free(detail);

	valid_item(&it, title);
	it.due_on = it.found_on - 1;
	EXPECT("due before found", QD_BAD_FIELD, "due_on");
	it.due_on = it.found_on;
	EXPECT("due on the found day", QD_OK, "");
	it.due_on = DAY_NONE;
	EXPECT("deadline mode without due", QD_MISSING_FIELD, "due_on");
	it.mode = MODE_IMMEDIATE;
	EXPECT("immediate mode without due", QD_OK, "");
	it.mode = MODE_LONG_TERM;
	EXPECT("long-term mode without due", QD_OK, "");

	valid_item(&it, title);
	it.found_on = TODAY + 1;
	it.due_on = TODAY + 5;
	EXPECT("found tomorrow", QD_BAD_FIELD, "found_on");
	it.found_on = TODAY;
	EXPECT("found today", QD_OK, "");
	it.found_on = DAY_NONE;
	EXPECT("no found day", QD_MISSING_FIELD, "found_on");

	valid_item(&it, title);
	it.unit_id = 0;
	EXPECT("no owner unit", QD_MISSING_FIELD, "unit_id");
	valid_item(&it, title);
	it.kind = IK_COUNT;
	EXPECT("kind out of range", QD_BAD_FIELD, "kind");
	it.kind = -1;
	EXPECT("kind -1", QD_BAD_FIELD, "kind");
	valid_item(&it, title);
	it.source = SRC_COUNT;
	EXPECT("source out of range", QD_BAD_FIELD, "source");
	valid_item(&it, title);
	it.level = LVL_COUNT;
	EXPECT("level out of range", QD_BAD_FIELD, "level");
	it.level = -2;
	EXPECT("level -2", QD_BAD_FIELD, "level");
	it.level = LVL_MEMBER;
	EXPECT("level member", QD_OK, "");
	valid_item(&it, title);
	it.mode = -1;
	EXPECT("mode -1", QD_BAD_FIELD, "mode");
#undef EXPECT

	/* Overdue and measure rules. */
	valid_item(&it, title);
	it.due_on = TODAY - 1;
	ok(item_is_overdue(&it, TODAY), "open and due yesterday: overdue");
	it.due_on = TODAY;
	ok(!item_is_overdue(&it, TODAY), "due today: not yet overdue");
	it.due_on = TODAY - 1;
	it.status = ST_REVIEW;
	ok(item_is_overdue(&it, TODAY), "in review and past due: overdue");
	it.status = ST_CLOSED;
	ok(!item_is_overdue(&it, TODAY), "closed: never overdue");
	it.status = ST_OPEN;
	it.due_on = DAY_NONE;
	ok(!item_is_overdue(&it, TODAY), "no due day: never overdue");

	const bool accepts[ST_COUNT] = {[ST_OPEN] = true, [ST_IN_PROGRESS] = true};
	for (int s = 0; s < ST_COUNT; s++) {
		it.status = s;
		ok(item_accepts_measure_work(&it) == accepts[s], "measure work %s in %s",
		   accepts[s] ? "accepted" : "refused", code_str(&T_STATUS, s));
	}

	struct measure m;
	measure_init(&m);
	char mt[] = "更换灯泡", mb[] = "  ";
	m.text = mt;
	ok(measure_validate(&m, NULL) == QD_OK, "measure with text is valid");
	m.text = mb;
	ok(measure_validate(&m, NULL) == QD_BAD_FIELD, "measure with blank text refused");
	m.text = mt;
	m.status = MS_COUNT;
	ok(measure_validate(&m, NULL) == QD_BAD_FIELD, "measure status out of range refused");
	m.status = MS_DONE;
	char bad_ev[] = "\x01";
	m.evidence = bad_ev;
	ok(measure_validate(&m, NULL) == QD_BAD_FIELD, "measure evidence with control refused");
	m.evidence = NULL;
	ok(measure_validate(&m, NULL) == QD_OK, "measure without evidence is valid");

	ok(text_ok(NULL, 10, false), "text_ok: optional NULL");
	ok(!text_ok(NULL, 10, true), "text_ok: required NULL");
	ok(text_ok("一二三", 3, true) && !text_ok("一二三四", 3, true),
	   "text_ok counts characters, not bytes");
}

static void test_codes(void)
{
	const struct code_table *tables[] = {&T_UNIT_KIND, &T_ROLE, &T_ITEM_KIND, &T_SOURCE,
					     &T_LEVEL, &T_MODE, &T_STATUS, &T_CLOSURE,
					     &T_MEASURE_STATUS, &T_ITEM_ACTION};
	const int counts[] = {UK_COUNT, ROLE_COUNT, IK_COUNT, SRC_COUNT, LVL_COUNT,
			      MODE_COUNT, ST_COUNT, CL_COUNT, MS_COUNT, IA_COUNT};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		const struct code_table *t = tables[i];
		int bad = 0;
		for (int v = 0; v < t->count; v++) {
			if (code_parse(t, code_str(t, v)) != v)
				bad++;
			if (!*code_label(t, v, "zh") || !*code_label(t, v, "en"))
				bad++;
		}
		ok(t->count == counts[i] && bad == 0, "code table %s: %d codes round-trip",
		   t->name, t->count);
		ok(code_parse(t, "nonsense") == -1 && code_parse(t, NULL) == -1 &&
			   *code_str(t, -1) == '\0' && *code_str(t, t->count) == '\0' &&
			   *code_label(t, t->count, "zh") == '\0',
		   "code table %s: unknown codes and values", t->name);
	}
	is_str(code_str(&T_STATUS, ST_REVIEW), "review", "status code text");
	is_str(code_label(&T_STATUS, ST_CLOSED, "zh"), "已销号", "status label zh");
	is_str(code_label(&T_STATUS, ST_CLOSED, "en"), "signed off", "status label en");
}

/* ------------------------------------------------------------------ */
/* (b) permissions                                                     */

/* The tree under test. */
enum pos { P_COUNTY, P_TOWNSHIP, P_VILLAGE, P_GRID, P_SIBLING, P_SIB_VILLAGE, P_LOOKALIKE,
	   P_COUNT };
static const char *const PATHS[P_COUNT] = {
	[P_COUNTY] = "/1/",          [P_TOWNSHIP] = "/1/2/",      [P_VILLAGE] = "/1/2/3/",
	[P_GRID] = "/1/2/3/4/",      [P_SIBLING] = "/1/5/",       [P_SIB_VILLAGE] = "/1/5/6/",
	[P_LOOKALIKE] = "/1/22/", /* a township whose id starts like township 2's */
};
static const char *const POS_NAME[P_COUNT] = {"county", "township", "village", "grid",
					      "sibling", "sibling-village", "township-22"};
#define N_GRANT_POS 5 /* grants sit at county .. sibling */

/* Relation of a target to a grant's unit: S = the unit itself, B = strictly
 * below it, N = outside its subtree. Rows: grant position; columns: target. */
enum rel { N, S, B };
static const enum rel REL[N_GRANT_POS][P_COUNT] = {
	/* target:        county township village grid sibling sib-vil look */
	[P_COUNTY]   = {S,     B,       B,      B,   B,      B,      B},
	[P_TOWNSHIP] = {N,     S,       B,      B,   N,      N,      N},
	[P_VILLAGE]  = {N,     N,       S,      B,   N,      N,      N},
	[P_GRID]     = {N,     N,       N,      S,   N,      N,      N},
	[P_SIBLING]  = {N,     N,       N,      N,   S,      B,      N},
};

/* What each role may do at all (perm.h: READ for everyone; personal data
 * for the handling roles; claims by leaders; verification by leaders,
 * admins and supervisors; units and accounts by admins). */
static const bool ROLE_MAY[ROLE_COUNT][PA_COUNT] = {
	/*                 READ  PERS  CREA  EDIT  WORK  CLAI  VERI  UNIT  ACCT */
	[ROLE_ADMIN]       = {1,    1,    1,    1,    1,    0,    1,    1,    1},
	[ROLE_LEADER]      = {1,    1,    1,    1,    1,    1,    1,    0,    0},
	[ROLE_HANDLER]     = {1,    1,    1,    1,    1,    0,    0,    0,    0},
	[ROLE_GRID_WORKER] = {1,    0,    1,    0,    1,    0,    0,    0,    0},
	[ROLE_SUPERVISOR]  = {1,    0,    1,    0,    0,    0,    1,    0,    0},
	[ROLE_VIEWER]      = {1,    0,    0,    0,    0,    0,    0,    0,    0},
};
static const char *const PA_NAME[PA_COUNT] = {"READ", "READ_PERSONAL", "ITEM_CREATE",
					      "ITEM_EDIT", "ITEM_WORK", "ITEM_CLAIM",
					      "ITEM_VERIFY", "UNIT_ADMIN", "ACCOUNT_ADMIN"};

/* Expected answer, from the two tables and perm.h's rule: every action
 * covers the grant's subtree including its own unit, except verification
 * by leaders and admins, which needs the target strictly below. */
static bool expected(int role, int action, enum rel rel)
{
	if (!ROLE_MAY[role][action] || rel == N)
		return false;
	if (action == PA_ITEM_VERIFY && role != ROLE_SUPERVISOR)
		return rel == B;
	return true;
}

static void make_grant(struct grant *g, int role, const char *path)
{
	memset(g, 0, sizeof *g);
	g->id = 1;
	g->account_id = 1;
	g->role = role;
	g->unit_path = (char *)path;
}

static void test_permissions(void)
{
	int total = 0;
	for (int role = 0; role < ROLE_COUNT; role++) {
		for (int a = 0; a < PA_COUNT; a++) {
			int bad = 0;
			for (int gp = 0; gp < N_GRANT_POS; gp++) {
				struct grant g;
				make_grant(&g, role, PATHS[gp]);
				for (int tp = 0; tp < P_COUNT; tp++) {
					bool want = expected(role, a, REL[gp][tp]);
					bool got = perm_allows(&g, 1, (enum perm_action)a, PATHS[tp]);
					total++;
					if (got != want) {
						bad++;
						diag("%s at %s, %s on %s item: got %d want %d",
						     code_str(&T_ROLE, role), POS_NAME[gp], PA_NAME[a],
						     POS_NAME[tp], got, want);
					}
				}
			}
			is_int(bad, 0, "perm_allows: %s x %s over %d grant positions x %d targets",
			       code_str(&T_ROLE, role), PA_NAME[a], N_GRANT_POS, P_COUNT);
			ok(role_allows(role, (enum perm_action)a) == ROLE_MAY[role][a],
			   "role_allows(%s, %s) = %d", code_str(&T_ROLE, role), PA_NAME[a],
			   ROLE_MAY[role][a]);
		}
	}
	diag("%d permission cases checked", total);

	/* The rules spelled out, one by one. */
	struct grant g;
	make_grant(&g, ROLE_LEADER, "/1/2/");
	ok(!perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/2/"),
	   "a township leader cannot sign off a township-owned item");
	ok(perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/2/3/"),
	   "a township leader can sign off its village's item");
	ok(perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/2/3/4/"),
	   "a township leader can sign off its grid's item");
	ok(perm_allows(&g, 1, PA_ITEM_WORK, "/1/2/"),
	   "a township leader can work on a township-owned item");
	ok(!perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/5/") && !perm_allows(&g, 1, PA_READ, "/1/5/"),
	   "a township leader has nothing in the sibling township");
	ok(!perm_allows(&g, 1, PA_READ, "/1/22/") && !perm_allows(&g, 1, PA_READ, "/1/"),
	   "nor in township 22 (shared prefix) nor at the county");
	make_grant(&g, ROLE_SUPERVISOR, "/1/2/3/");
	ok(perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/2/3/"),
	   "a village supervisor signs off a village-owned item");
	ok(!perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/2/"),
	   "a village supervisor cannot sign off above it");
	make_grant(&g, ROLE_ADMIN, "/1/");
	ok(!perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/"), "a county admin cannot verify at the county");
	ok(perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/5/6/"), "a county admin verifies below");
	make_grant(&g, ROLE_GRID_WORKER, "/1/2/3/4/");
	ok(!perm_allows(&g, 1, PA_ITEM_VERIFY, "/1/2/3/4/"), "a grid worker cannot sign off");
	ok(perm_allows(&g, 1, PA_ITEM_CREATE, "/1/2/3/4/") &&
		   !perm_allows(&g, 1, PA_ITEM_CREATE, "/1/2/3/"),
	   "a grid worker creates in its grid only");
	make_grant(&g, ROLE_VIEWER, "/1/");
	ok(perm_allows(&g, 1, PA_READ, "/1/2/3/4/") && !perm_allows(&g, 1, PA_ITEM_CREATE, "/1/"),
	   "a viewer reads and cannot create");

	/* Several grants: any one suffices; none gives nothing. */
	struct grant gs[2];
	make_grant(&gs[0], ROLE_VIEWER, "/1/");
	make_grant(&gs[1], ROLE_HANDLER, "/1/2/3/");
	ok(perm_allows(gs, 2, PA_ITEM_WORK, "/1/2/3/4/"), "second grant counts");
	ok(!perm_allows(gs, 2, PA_ITEM_WORK, "/1/2/"), "neither grant lets work at the township");
	ok(perm_allows(gs, 2, PA_READ, "/1/5/"), "first grant reads the sibling");
	ok(!perm_allows(gs, 0, PA_READ, "/1/"), "no grants, no rights");
	ok(!perm_allows(NULL, 0, PA_READ, "/1/"), "NULL grants, no rights");

	/* Malformed input never grants. */
	make_grant(&g, ROLE_ADMIN, "/1/");
	ok(!perm_allows(&g, 1, PA_READ, NULL), "NULL target path refused");
	ok(!perm_allows(&g, 1, PA_COUNT, "/1/2/"), "PA_COUNT refused");
	make_grant(&g, ROLE_COUNT, "/1/");
	ok(!perm_allows(&g, 1, PA_READ, "/1/"), "unknown role refused");
	make_grant(&g, -1, "/1/");
	ok(!perm_allows(&g, 1, PA_READ, "/1/"), "negative role refused");
	make_grant(&g, ROLE_ADMIN, NULL);
	ok(!perm_allows(&g, 1, PA_READ, "/1/"), "grant without a path refused");
	make_grant(&g, ROLE_ADMIN, "");
	ok(!perm_allows(&g, 1, PA_READ, "/1/"), "grant with an empty path refused");
	ok(!role_allows(ROLE_COUNT, PA_READ) && !role_allows(ROLE_ADMIN, PA_COUNT),
	   "role_allows out of range");

	/* Global settings need a grant at a root. */
	make_grant(&g, ROLE_ADMIN, "/1/");
	ok(perm_allows_global(&g, 1, PA_UNIT_ADMIN), "root admin: global unit admin");
	make_grant(&g, ROLE_ADMIN, "/1/2/");
	ok(!perm_allows_global(&g, 1, PA_UNIT_ADMIN), "township admin: not global");
	make_grant(&g, ROLE_LEADER, "/1/");
	ok(!perm_allows_global(&g, 1, PA_UNIT_ADMIN) && perm_allows_global(&g, 1, PA_READ),
	   "root leader: global read, no global unit admin");
}

/* ------------------------------------------------------------------ */
/* (c) paths                                                           */

static void test_paths(void)
{
	char *p = path_child(NULL, 1);
	is_str(p, "/1/", "path_child of a root");
	free(p);
	p = path_child("/1/5/", 23);
	is_str(p, "/1/5/23/", "path_child under /1/5/");
	free(p);
	p = path_child("/1/", 9007199254740993LL);
	is_str(p, "/1/9007199254740993/", "path_child with a large id");
	free(p);
	p = path_upper("/1/5/");
	is_str(p, "/1/50", "path_upper replaces the last '/' by '0'");
	/* The half-open range [path, upper) holds exactly the subtree. */
	ok(strcmp("/1/5/", p) < 0 && strcmp("/1/5/23/", p) < 0 && strcmp("/1/5/999/9/", p) < 0,
	   "subtree paths sort below upper");
	ok(strcmp("/1/50/", p) >= 0 && strcmp("/1/55/", p) >= 0 && strcmp("/1/6/", p) >= 0,
	   "paths of other units sort at or above upper");
	ok(strcmp("/1/4/", "/1/5/") < 0 && strcmp("/1/", "/1/5/") < 0,
	   "paths before the subtree sort below it");
	free(p);

	static const struct {
		const char *a, *b;
		bool covers, below;
	} rel[] = {
		{"/1/", "/1/", true, false},
		{"/1/", "/1/2/", true, true},
		{"/1/", "/1/2/3/4/", true, true},
		{"/1/2/", "/1/2/3/", true, true},
		{"/1/2/", "/1/22/", false, false},
		{"/1/2/", "/1/2", false, false},
		{"/1/2/", "/1/", false, false},
		{"/1/2/", "/1/5/", false, false},
		{"/1/2/3/", "/1/2/", false, false},
		{"/1/2/", "/12/", false, false},
		{"/1/", "/10/", false, false},
		{NULL, "/1/", false, false},
		{"/1/", NULL, false, false},
		{"", "/1/", false, false},
	};
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		ok(path_covers(rel[i].a, rel[i].b) == rel[i].covers, "path_covers(%s, %s) = %d",
		   rel[i].a ? rel[i].a : "NULL", rel[i].b ? rel[i].b : "NULL", rel[i].covers);
		ok(path_strictly_below(rel[i].a, rel[i].b) == rel[i].below,
		   "path_strictly_below(%s, %s) = %d", rel[i].a ? rel[i].a : "NULL",
		   rel[i].b ? rel[i].b : "NULL", rel[i].below);
	}

	int64_t ids[PATH_MAX_DEPTH];
	is_int(path_ids("/1/5/23/", ids, PATH_MAX_DEPTH), 3, "path_ids count");
	ok(ids[0] == 1 && ids[1] == 5 && ids[2] == 23, "path_ids values root first");
	is_int(path_ids("/1/", ids, PATH_MAX_DEPTH), 1, "path_ids of a root");
	static const char *malformed[] = {"", "1/", "/1", "/a/", "/0/", "/1//", "/-1/",
					  "/1/x2/", "//", "/1/2", " /1/"};
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		is_int(path_ids(malformed[i], ids, PATH_MAX_DEPTH), -1, "path_ids('%s') malformed",
		       malformed[i]);
		is_int(path_depth(malformed[i]), -1, "path_depth('%s') malformed", malformed[i]);
	}
	is_int(path_ids(NULL, ids, PATH_MAX_DEPTH), -1, "path_ids(NULL)");
	is_int(path_ids("/1/2/3/", ids, 2), -1, "path_ids with too small an array");
	is_int(path_depth("/1/"), 0, "depth of a root");
	is_int(path_depth("/1/2/3/4/"), 3, "depth of a grid");

	/* PATH_MAX_DEPTH ids fit; one more does not. */
	char *deep = xstrdup("/");
	for (int i = 1; i <= PATH_MAX_DEPTH; i++) {
		char *c = path_child(deep, i);
		free(deep);
		deep = c;
	}
	is_int(path_depth(deep), PATH_MAX_DEPTH - 1, "deepest allowed path");
	char *deeper = path_child(deep, 99);
	is_int(path_depth(deeper), -1, "a path one level too deep is refused");
	free(deep);
	free(deeper);
}

/* ------------------------------------------------------------------ */
/* (d) working days                                                    */

static void test_deadlines(void)
{
	/* 2024 National Day: Oct 1-7 off (the weekday ones listed: Oct 5-6
	 * are a weekend anyway); Sunday Sep 29 and Saturday Oct 12 worked. */
	const int off[] = {D(2024, 10, 1), D(2024, 10, 2), D(2024, 10, 3), D(2024, 10, 4),
			   D(2024, 10, 7)};
	const int on[] = {D(2024, 9, 29), D(2024, 10, 12)};
	const struct calendar cal = {off, 5, on, 2};

	static const struct {
		int m, d;
		bool work;
	} days[] = {
		{9, 26, true},  {9, 27, true},  {9, 28, false}, {9, 29, true},  {9, 30, true},
		{10, 1, false}, {10, 2, false}, {10, 3, false}, {10, 4, false}, {10, 5, false},
		{10, 6, false}, {10, 7, false}, {10, 8, true},  {10, 11, true}, {10, 12, true},
		{10, 13, false}, {10, 14, true},
	};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
		ok(calendar_is_workday(&cal, D(2024, days[i].m, days[i].d)) == days[i].work,
		   "2024-%02d-%02d is %s", days[i].m, days[i].d, days[i].work ? "worked" : "off");
	ok(!calendar_is_workday(NULL, D(2024, 9, 29)) && calendar_is_workday(NULL, D(2024, 10, 1)),
	   "without a calendar only weekends are off");

	static const struct {
		int sm, sd, n, em, ed;
	} adds[] = {
		{9, 27, 0, 9, 27},  /* n = 0: start itself */
		{9, 27, 1, 9, 29},  /* Fri + 1: the worked Sunday */
		{9, 27, 2, 9, 30},
		{9, 27, 3, 10, 8},  /* over the whole holiday */
		{9, 28, 1, 9, 29},  /* from a day off */
		{9, 30, 1, 10, 8},
		{10, 1, 1, 10, 8},
		{10, 8, 4, 10, 12}, /* Tue + 4: the worked Saturday */
		{10, 8, 5, 10, 14},
		{10, 11, 1, 10, 12},
		{10, 12, 1, 10, 14},
		/* Fri 9/20 + 10: 9/23-27 (5), 9/29 (6), 9/30 (7), 10/8-10 (10). */
		{9, 20, 10, 10, 10},
	};
	for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
		int want = D(2024, adds[i].em, adds[i].ed);
		int got = deadline_add_working_days(&cal, D(2024, adds[i].sm, adds[i].sd), adds[i].n);
		char g[DAY_TEXT_LEN], w[DAY_TEXT_LEN];
		day_format(got, g);
		day_format(want, w);
		is_str(g, w, "2024-%02d-%02d + %d working days", adds[i].sm, adds[i].sd, adds[i].n);
	}
	/* Plain weekends. */
	is_int(deadline_add_working_days(NULL, D(2024, 6, 14), 1), D(2024, 6, 17),
	       "Friday + 1 = Monday without a calendar");
	is_int(deadline_add_working_days(NULL, D(2024, 6, 15), 5), D(2024, 6, 21),
	       "Saturday + 5 = next Friday");
	is_int(deadline_add_working_days(NULL, D(2024, 6, 10), 10), D(2024, 6, 24),
	       "Monday + 10 = Monday two weeks on");

	is_int(working_days_between(&cal, D(2024, 9, 27), D(2024, 10, 12)), 7,
	       "working days in (9/27, 10/12]: 9/29, 9/30, 10/8-10/12");
	is_int(working_days_between(&cal, D(2024, 10, 1), D(2024, 10, 7)), 0,
	       "none inside the holiday");
	is_int(working_days_between(&cal, D(2024, 10, 12), D(2024, 10, 12)), 0, "empty range");
	is_int(working_days_between(&cal, D(2024, 10, 12), D(2024, 10, 1)), 0, "reversed range");

	/* Consistency: adding n then counting gives n, and lands on a workday. */
	int bad = 0;
	for (int start = D(2024, 9, 1); start <= D(2024, 10, 31); start++)
		for (int n = 1; n <= 25; n++) {
			int end = deadline_add_working_days(&cal, start, n);
			if (working_days_between(&cal, start, end) != n ||
			    !calendar_is_workday(&cal, end) ||
			    working_days_between(&cal, start, end - 1) != n - 1)
				bad++;
		}
	is_int(bad, 0, "add_working_days and working_days_between agree (Sep-Oct 2024, n<=25)");

	/* A calendar with every day off terminates. */
	int *all = xmalloc(sizeof *all * 4000);
	for (int i = 0; i < 4000; i++)
		all[i] = D(2024, 1, 1) + i;
	const struct calendar none = {all, 4000, NULL, 0};
	int end = deadline_add_working_days(&none, D(2024, 1, 1), 3);
	ok(end > D(2024, 1, 1), "a calendar with no working days still returns");
	free(all);
}

/* ------------------------------------------------------------------ */
/* (e) counters                                                        */

static int64_t delta(const struct stat_deltas *d, enum stat_table t, const char *upath, int day,
		     const char *metric)
{
	int64_t n = 0;
	for (int i = 0; i < d->n; i++)
		if (d->v[i].table == t && d->v[i].day == day && strcmp(d->v[i].upath, upath) == 0 &&
		    (t == STAT_OPEN_DUE || strcmp(d->v[i].metric, metric) == 0))
			n += d->v[i].n;
	return n;
}

static void stat_item(struct item *it, const char *upath)
{
	item_init(it);
	it->id = 9;
	it->kind = IK_PROBLEM;
	it->source = SRC_OPINION;
	it->level = LVL_LEADER;
	it->mode = MODE_DEADLINE;
	it->status = ST_OPEN;
	it->found_on = TODAY - 20;
	it->due_on = TODAY + 10;
	it->upath = (char *)upath;
}

/* Close it with closure c on day "on". */
static void closed(struct item *it, int c, int on)
{
	it->status = ST_CLOSED;
	it->closure = c;
	it->closed_on = on;
	it->closed_at = NOW;
}

static void test_stats(void)
{
	const char *vil = "/1/2/3/", *sib = "/1/5/";
	struct item a, b;
	struct stat_deltas d = {0};
	const int F = TODAY - 20, DUE = TODAY + 10;

	/* Creation. */
	stat_item(&a, vil);
	stats_item_change(&d, NULL, &a);
	static const char *const created[] = {"items", "kind.problem", "source.opinion",
					      "level.leader", "mode.deadline", "status.open",
					      "problem.status.open", "problem.source.opinion",
					      "problem.mode.deadline"};
	for (size_t i = 0; i < 9; i++)
		is_int(delta(&d, STAT_COUNT, vil, F, created[i]), 1, "create: %s +1 on the found day",
		       created[i]);
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE, ""), 1, "create: open-due +1 on the due day");
	is_int(d.n, 10, "create: exactly 10 counters");
	for (int i = 0; i < d.n; i++)
		if (d.v[i].table == STAT_COUNT && d.v[i].day != F)
			ok(0, "counter %s bucketed on day %d, not the found day", d.v[i].metric,
			   d.v[i].day);
	stat_deltas_free(&d);

	/* No change, no counters. */
	stat_item(&b, vil);
	stats_item_change(&d, &a, &b);
	is_int(d.n, 0, "unchanged item: no deltas");
	stat_deltas_free(&d);

	/* Status change. */
	b.status = ST_IN_PROGRESS;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "status.open"), -1, "start: status.open -1");
	is_int(delta(&d, STAT_COUNT, vil, F, "status.in_progress"), 1, "start: status.in_progress +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "problem.status.open"), -1, "start: problem.status.open -1");
	is_int(d.n, 4, "start: only the status counters, overall and of problems");
	stat_deltas_free(&d);

	/* Close on time (on the due day itself). */
	stat_item(&a, vil);
	a.status = ST_REVIEW;
	stat_item(&b, vil);
	closed(&b, CL_RESOLVED, DUE);
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "status.review"), -1, "close: status.review -1");
	is_int(delta(&d, STAT_COUNT, vil, F, "status.closed"), 1, "close: status.closed +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "closure.resolved"), 1, "close: closure.resolved +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "closed.ontime"), 1, "closed on the due day: on time");
	is_int(delta(&d, STAT_COUNT, vil, F, "closed.late"), 0, "closed on the due day: not late");
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE, ""), -1, "close: open-due -1");
	is_int(delta(&d, STAT_COUNT, vil, F, "problem.status.closed"), 1, "close: problem.status.closed +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "problem.resolved"), 1, "close as resolved: problem.resolved +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "problem.mode.deadline.resolved"), 1,
	       "close as resolved: problem.mode.deadline.resolved +1");
	is_int(d.n, 9, "close: exactly 9 counters");
	stat_deltas_free(&d);

	/* Close late. */
	closed(&b, CL_RESOLVED, DUE + 1);
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "closed.late"), 1, "closed a day after due: late");
	is_int(delta(&d, STAT_COUNT, vil, F, "closed.ontime"), 0, "closed late: not on time");
	stat_deltas_free(&d);

	/* Closed without a due day. */
	a.due_on = DAY_NONE;
	b.due_on = DAY_NONE;
	b.mode = a.mode = MODE_IMMEDIATE;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "closed.nodue"), 1, "closed without due: nodue");
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE, ""), 0, "no due day: no open-due change");
	stat_deltas_free(&d);

	/* Closure types: only "resolved" counts as solved. */
	for (int c = 0; c < CL_COUNT; c++) {
		stat_item(&a, vil);
		a.status = ST_REVIEW;
		stat_item(&b, vil);
		closed(&b, c, DUE - 1);
		stats_item_change(&d, &a, &b);
		char m[METRIC_LEN];
		snprintf(m, sizeof m, "closure.%s", code_str(&T_CLOSURE, c));
		is_int(delta(&d, STAT_COUNT, vil, F, m), 1, "closing as %s counts %s",
		       code_str(&T_CLOSURE, c), m);
		is_int(delta(&d, STAT_COUNT, vil, F, "closure.resolved"), c == CL_RESOLVED,
		       "closing as %s: closure.resolved %s", code_str(&T_CLOSURE, c),
		       c == CL_RESOLVED ? "+1" : "unchanged");
		is_int(delta(&d, STAT_COUNT, vil, F, "status.closed"), 1, "closing as %s: closed +1",
		       code_str(&T_CLOSURE, c));
		is_int(delta(&d, STAT_COUNT, vil, F, "problem.resolved"), c == CL_RESOLVED,
		       "closing as %s: problem.resolved %s (closed is not fixed)",
		       code_str(&T_CLOSURE, c), c == CL_RESOLVED ? "+1" : "unchanged");
		stat_deltas_free(&d);
	}

	/* Reopen: the closure counters go back. */
	stat_item(&a, vil);
	closed(&a, CL_DUPLICATE, DUE - 1);
	stat_item(&b, vil);
	b.status = ST_IN_PROGRESS;
	b.reopens = 1;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "closure.duplicate"), -1, "reopen: closure -1");
	is_int(delta(&d, STAT_COUNT, vil, F, "closed.ontime"), -1, "reopen: closed.ontime -1");
	is_int(delta(&d, STAT_COUNT, vil, F, "reopened.items"), 1, "first reopen: reopened.items +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "reopened.times"), 1, "first reopen: reopened.times +1");
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE, ""), 1, "reopen: open-due +1");
	stat_deltas_free(&d);

	/* Sendbacks: items once, times each time. */
	stat_item(&a, vil);
	a.status = ST_REVIEW;
	stat_item(&b, vil);
	b.status = ST_IN_PROGRESS;
	b.sendbacks = 1;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "sentback.items"), 1, "first sendback: items +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "sentback.times"), 1, "first sendback: times +1");
	stat_deltas_free(&d);
	a.sendbacks = 1;
	b.sendbacks = 2;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "sentback.items"), 0, "second sendback: items unchanged");
	is_int(delta(&d, STAT_COUNT, vil, F, "sentback.times"), 1, "second sendback: times +1");
	stat_deltas_free(&d);

	/* Claim and category. */
	stat_item(&a, vil);
	stat_item(&b, vil);
	b.claimant_id = 12;
	b.category_id = 7;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "claimed"), 1, "claim: claimed +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "category.7"), 1, "category: category.7 +1");
	is_int(d.n, 2, "claim and category: only those two");
	stat_deltas_free(&d);

	/* Moving to another unit: everything leaves the old path, arrives at
	 * the new one. */
	stat_item(&a, vil);
	stat_item(&b, sib);
	stats_item_change(&d, &a, &b);
	int bad = 0;
	for (size_t i = 0; i < 9; i++)
		bad += delta(&d, STAT_COUNT, vil, F, created[i]) != -1 ||
		       delta(&d, STAT_COUNT, sib, F, created[i]) != 1;
	is_int(bad, 0, "move: each counter -1 at the old path, +1 at the new");
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE, ""), -1, "move: open-due -1 at the old path");
	is_int(delta(&d, STAT_OPEN_DUE, sib, DUE, ""), 1, "move: open-due +1 at the new path");
	is_int(d.n, 20, "move: 10 counters out, 10 in");
	stat_deltas_free(&d);

	/* Changing the due day moves the open-due bucket only. */
	stat_item(&a, vil);
	stat_item(&b, vil);
	b.due_on = DUE + 3;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE, ""), -1, "due change: old due day -1");
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE + 3, ""), 1, "due change: new due day +1");
	is_int(d.n, 2, "due change: only open-due moves");
	stat_deltas_free(&d);

	/* Changing the found day re-buckets the counters. */
	stat_item(&a, vil);
	stat_item(&b, vil);
	b.found_on = F - 1;
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "items"), -1, "found change: old bucket -1");
	is_int(delta(&d, STAT_COUNT, vil, F - 1, "items"), 1, "found change: new bucket +1");
	stat_deltas_free(&d);

	/* Deletion. */
	stat_item(&a, vil);
	stats_item_change(&d, &a, NULL);
	is_int(delta(&d, STAT_COUNT, vil, F, "items"), -1, "delete: items -1");
	is_int(delta(&d, STAT_OPEN_DUE, vil, DUE, ""), -1, "delete: open-due -1");
	stat_deltas_free(&d);

	/* Measures count in their item's bucket and level. */
	struct measure m1, m2;
	measure_init(&m1);
	measure_init(&m2);
	m1.status = MS_OPEN;
	stat_item(&a, vil);
	stats_measure_change(&d, NULL, NULL, &m1, &a);
	is_int(delta(&d, STAT_COUNT, vil, F, "measures"), 1, "measure: measures +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "measure.status.open"), 1, "measure: status.open +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "measure.level.leader"), 1, "measure: level +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "measure.problem.open"), 1, "measure: problem's open +1");
	is_int(d.n, 4, "measure: four counters");
	stat_deltas_free(&d);
	m2 = m1;
	m2.status = MS_DONE;
	stats_measure_change(&d, &m1, &a, &m2, &a);
	is_int(delta(&d, STAT_COUNT, vil, F, "measure.status.open"), -1, "measure done: open -1");
	is_int(delta(&d, STAT_COUNT, vil, F, "measure.status.done"), 1, "measure done: done +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "measure.problem.done"), 1, "measure done: problem's done +1");
	is_int(d.n, 4, "measure done: four counters");
	stat_deltas_free(&d);

	/* Cases by type, deeds' funds and beneficiaries: counted when signed
	 * off as resolved, not merely closed. */
	stat_item(&a, vil);
	a.kind = IK_CASE;
	a.case_type = CT_DISPUTE;
	stats_item_change(&d, NULL, &a);
	is_int(delta(&d, STAT_COUNT, vil, F, "casetype.dispute"), 1, "case: casetype.dispute +1");
	is_int(delta(&d, STAT_COUNT, vil, F, "casetype.dispute.resolved"), 0, "open case: not resolved");
	stat_deltas_free(&d);
	stat_item(&b, vil);
	b.kind = IK_CASE;
	b.case_type = CT_DISPUTE;
	closed(&b, CL_REVIEWED, DUE);
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "casetype.dispute.resolved"), 0,
	       "case closed after review: not counted as mediated");
	stat_deltas_free(&d);
	closed(&b, CL_RESOLVED, DUE);
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "casetype.dispute.resolved"), 1,
	       "case closed as resolved: casetype.dispute.resolved +1");
	stat_deltas_free(&d);
	stat_item(&a, vil);
	a.kind = IK_DEED;
	a.funds = 250000;
	a.beneficiaries = 50;
	stat_item(&b, vil);
	b.kind = IK_DEED;
	b.funds = 250000;
	b.beneficiaries = 50;
	closed(&b, CL_RESOLVED, DUE);
	stats_item_change(&d, NULL, &a);
	is_int(delta(&d, STAT_COUNT, vil, F, "deed.funds"), 250000, "deed: funds counted in yuan");
	is_int(delta(&d, STAT_COUNT, vil, F, "deed.beneficiaries"), 50, "deed: beneficiaries");
	is_int(delta(&d, STAT_COUNT, vil, F, "deed.resolved.funds"), 0, "open deed: no funds done");
	stat_deltas_free(&d);
	stats_item_change(&d, &a, &b);
	is_int(delta(&d, STAT_COUNT, vil, F, "deed.resolved.funds"), 250000, "deed done: funds done");
	is_int(delta(&d, STAT_COUNT, vil, F, "deed.resolved.beneficiaries"), 50,
	       "deed done: beneficiaries served");
	is_int(delta(&d, STAT_COUNT, vil, F, "deed.funds"), 0, "deed done: planned funds unchanged");
	stat_deltas_free(&d);

	/* Results. */
	struct stat_result r = {0};
	ok(stat_ontime_rate(&r) < 0, "on-time rate with nothing closed is -1");
	stat_result_add(&r, "closed.ontime", 3);
	stat_result_add(&r, "closed.late", 1);
	stat_result_add(&r, "closed.ontime", 0);
	is_int(stat_get(&r, "closed.ontime"), 3, "stat_get");
	is_int(stat_get(&r, "nothing"), 0, "stat_get of an absent metric is 0");
	ok(stat_ontime_rate(&r) > 74.99 && stat_ontime_rate(&r) < 75.01, "on-time rate 75%%");
	for (int i = 0; i < 100; i++) {
		char m[METRIC_LEN];
		snprintf(m, sizeof m, "m%d", i);
		stat_result_add(&r, m, i);
	}
	is_int(stat_get(&r, "m99"), 99, "stat_result grows");
	stat_result_free(&r);
}

int main(void)
{
	test_transitions();
	test_reasons();
	test_signoff_rules();
	test_initial_state();
	test_validate();
	test_codes();
	test_permissions();
	test_paths();
	test_deadlines();
	test_stats();
	return done_testing();
}
