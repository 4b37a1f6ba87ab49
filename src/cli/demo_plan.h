/* demo_plan.h: the plan the demo's ledger (demo_items.c) and its opinions
 * (demo_opinions.c) share - internal to the demo builder.
 *
 * Items and opinions are planned first, each as a chain of dated steps;
 * then all steps run in order of (day, phase, plan order) under the
 * simulated clock. The phase keeps the dependencies of one day in order:
 * opinions are received (phase 0) before items are created or accepted
 * from them and worked (phase 1), and links, rejections, replies and
 * ratings (phase 2) come after the item steps of their day. */
#ifndef QD_CLI_DEMO_PLAN_H
#define QD_CLI_DEMO_PLAN_H
#include "demo.h"
#include "../domain/opinion.h"

#define MAXM 4                 /* measures of one item at most */

enum step_kind {
	SK_CREATE, SK_MEASURE_ADD, SK_CLAIM, SK_START, SK_MEASURE_PROGRESS, SK_MEASURE_DONE,
	SK_MEASURE_CANCEL, SK_MEASURE_EVIDENCE, SK_REQUEST, SK_SIGNOFF, SK_SENDBACK, SK_REOPEN,
	/* steps of an opinion (step.item is the opinion's index) */
	SK_OP_SUBMIT, SK_OP_LINK, SK_OP_REJECT, SK_OP_REPLY, SK_OP_RATE
};

struct step {
	int day, seq;    /* run order: by day, phase, then as planned */
	int item;        /* item index, or opinion index for SK_OP_* */
	short kind, arg; /* arg: measure index; SK_SIGNOFF 1: after rework;
			  * SK_OP_REPLY 0 acknowledge, 1 progress; SK_OP_RATE 1: again */
};

struct pitem {
	struct item_input in;  /* owned until created */
	int unit;              /* org index */
	int theme;
	int nm;
	const char *mtext[MAXM];
	int64_t mid[MAXM];
	int creator, worker, verifier, claimer; /* account indexes (-1: none) */
	int closure;
	const char *note;      /* reason of a send-back or reopen */
	const char *resolved;  /* note of a sign-off as resolved (NULL: none) */
	int op;                /* the opinion accepted into it (-1: created directly) */
	int create_day;        /* day it is created or accepted (0: found_on) */
	/* set by plan_steps: */
	int signoff_day;       /* the first sign-off, 0 = none planned */
	int reopen_day;        /* a reopening planned by the ledger, 0 = none */
	/* demo_cases.c: steps planned there, not by plan_steps */
	bool fixed_plan;
	const char *evidence;  /* of its measures done (NULL: picked at random) */
};

/* An opinion from the public. */
struct popinion {
	int unit;              /* org index of the unit concerned */
	int channel;           /* enum channel */
	int by;                /* account that enters it, -1: the public form */
	int origin;            /* enum op_origin */
	int day;               /* received; -1: a duplicate, placed later */
	char *text;            /* owned */
	int cat;               /* enum demo_cat, -1: the item's */
	int fate;              /* enum op_fate */
	int item;              /* accepted into / linked to (plan index), -1 */
	int triage_day;        /* accepted, linked or rejected; 0 = not planned */
	const char *reason;    /* of a rejection */
	int ack_day;           /* an early reply, 0 = none */
	int rating, rate_day;  /* -1 / 0: not rated */
	const char *comment;   /* of 不满意 */
	int rerating, rerate_day; /* after the item was worked again */
	/* when run */
	int64_t id;
	char code[TRACKING_CODE_LEN + 1];
};
enum op_fate { OF_ACCEPT, OF_LINK, OF_REJECT };
/* 开门纳谏 of the grassroots, the county leaders' reception days (接访),
 * the departments' own */
enum op_origin { OO_GRASSROOTS, OO_RECEPTION, OO_DEPARTMENT };

struct plan {
	struct app *a;
	struct demo_rng *rng;  /* the ledger's */
	struct demo_rng orng;  /* the opinions': the ledger draws as it did without them */
	struct demo_org *o;
	int today, start;
	struct pitem *it;
	int n, cap;
	struct step *st;
	int ns, caps;
	struct popinion *op;
	int nop, capop;
	struct demo_counts *count;
};

#define CAMPAIGN_DAYS 100

/* Planning helpers of demo_items.c. */
struct pitem *demo_new_item(struct plan *p, int unit, int kind, int source, int level);
void demo_add_step(struct plan *p, int item, int day, int kind, int arg);
void demo_pick_measures(struct demo_rng *rng, struct pitem *it);
void demo_set_text(struct pitem *it, const char *title, const char *detail);
/* Set the mode and the due day of an item found on in.it.found_on. */
qd_err demo_plan_due(struct plan *p, struct demo_rng *rng, struct pitem *it, int mode,
		     struct qd_error *e);
/* The n-th working day after day (n >= 1); day itself for n == 0 when it is
 * a working day, else the next one. */
int demo_working_day(struct plan *p, int day, int n, struct qd_error *e, qd_err *r);
const struct actor *demo_as(struct plan *p, int acc);

/* demo_opinions.c: plan the opinions and the items made of them (before
 * the items' steps are planned), then their steps (after). */
qd_err demo_opinions_plan(struct plan *p, struct qd_error *e);
qd_err demo_opinions_steps(struct plan *p, struct qd_error *e);
/* Run an opinion step; SK_CREATE of an item with an opinion accepts it. */
qd_err demo_opinion_run(struct plan *p, const struct step *s, struct qd_error *e);
qd_err demo_opinion_accept(struct plan *p, struct pitem *it, struct qd_error *e);

/* demo_cases.c: the disputes, 信访突出问题 and 疑难问题 of seed 000 with
 * their outcomes and steps fixed (after every other item is planned). */
qd_err demo_cases_plan(struct plan *p, struct qd_error *e);

#endif
