/* demo.h: the demo county (海晏县, modelled on seed 000), built through the
 * app use cases so that its audit events and counters are real.
 *
 *   demo_org.c    units, categories, people, accounts and grants
 *   demo_items.c  the ledger: a plan of dated steps per item, run in date
 *                 order under a simulated clock (demo_plan.h)
 *   demo_opinions.c  opinions from the public in the same plan: received,
 *                 triaged into items, answered at sign-off, rated
 *   demo_text.c   the words: names, titles, measures, evidence, opinions
 *
 * Everything random comes from one seeded generator, so a given "today"
 * always gives the same database. */
#ifndef QD_CLI_DEMO_H
#define QD_CLI_DEMO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../app/app.h"

#define DEMO_PASSWORD "qingdan-demo"
#define DEMO_SEED 0x5148594e47444e55ull /* any fixed value */

/* --- a small deterministic generator (splitmix64) --- */
struct demo_rng {
	uint64_t s;
};
uint32_t demo_rand(struct demo_rng *r);
/* Uniform in [lo, hi] (hi >= lo). */
int demo_range(struct demo_rng *r, int lo, int hi);
/* True with probability per_mille / 1000. */
bool demo_chance(struct demo_rng *r, int per_mille);
/* Uniform in [0, 1). */
double demo_unit(struct demo_rng *r);
/* Shuffle n ints. */
void demo_shuffle(struct demo_rng *r, int *v, int n);

/* --- the organisation --- */
struct demo_unit {
	int64_t id;
	int kind;              /* enum unit_kind */
	char *name;
	char *path;
	int parent;            /* index, -1 for the county */
	int township;          /* index of the township above (or itself), -1 */
	int64_t head;          /* person answerable for the unit's items */
	int worker;            /* account that records and works its items */
	int leader;            /* township leader account over it, -1 */
};

struct demo_account {
	const char *login, *title;
	char name[32];         /* the person's */
	int role;              /* enum role */
	int unit;              /* unit index of the person and the grant */
	const char *what;      /* what the demo uses it for (summary) */
	int64_t account_id, person_id;
	struct actor actor;    /* loaded after the grants: the real permissions */
};

enum demo_acc {
	ACC_ADMIN, ACC_COUNTY_LEADER, ACC_COUNTY_HANDLER, ACC_SUPERVISOR, ACC_VIEWER,
	ACC_SANJIAO_LEADER, ACC_XIHAI_LEADER, ACC_SANJIAO_HANDLER, ACC_XIHAI_HANDLER,
	ACC_JINTAN_HANDLER, ACC_QINGHAIHU_HANDLER, ACC_HALEJING_HANDLER,
	ACC_GANZIHE_HANDLER, ACC_SANLIAN_HANDLER, ACC_GRID_WORKER, ACC_COUNT
};

enum demo_cat { CAT_STUDY, CAT_CONDUCT, CAT_ORG, CAT_LIVELIHOOD, CAT_INFRA, CAT_ECOLOGY,
		CAT_EMPLOYMENT, CAT_EDU_HEALTH, CAT_COUNT };

struct demo_org {
	struct demo_unit *u;
	int nu, capu;
	int county;                 /* index of the county (0) */
	int first_dept, ndept;      /* departments are contiguous */
	int first_town, ntown;      /* townships are contiguous */
	struct demo_account acc[ACC_COUNT];
	int64_t cat[CAT_COUNT];
	int64_t county_leaders[8];  /* persons: county leadership */
	int ncounty_leaders;
	int64_t secretary;          /* 县委书记, answers for the leadership team */
	int persons;                /* how many were added */
};

/* Find a unit by name (-1 when absent). */
int demo_unit_find(const struct demo_org *o, const char *name);
/* Build units, people, accounts and grants; load the accounts' actors. */
qd_err demo_org_build(struct app *a, const struct actor *sys, struct demo_rng *rng,
		      struct demo_org *o, struct qd_error *e);
void demo_org_free(struct demo_org *o);

/* --- the ledger --- */
struct demo_counts {
	int items, measures, steps, already_fixed, sendbacks, reopens, claims;
	/* opinions: received (by the grassroots' 开门纳谏, at the county
	 * leaders' reception days 接访, by departments), triaged, replied to,
	 * rated (不满意 among them) */
	int opinions, op_grassroots, op_reception, op_departments;
	int op_accepted, op_linked, op_rejected, op_replies, op_rated, op_unsatisfied;
};
/* Put the items on the list and work them, from 100 days before today to
 * today, all through the app use cases, each step as the account that would
 * really take it (so the permission rules apply). */
qd_err demo_items_build(struct app *a, struct demo_rng *rng, struct demo_org *o, int today,
			struct demo_counts *out, struct qd_error *e);

/* --- words (demo_text.c) --- */
enum demo_theme { TH_STUDY, TH_DEMOCRACY, TH_CONDUCT, TH_SERVICE, TH_ORGLIFE,
		  TH_DISCIPLINE, TH_DUTY, TH_ECOLOGY, TH_MEMBER, TH_DEED, TH_COUNT };

struct demo_title {
	const char *text;
	int theme;             /* enum demo_theme */
	int cat;               /* enum demo_cat */
};
struct demo_titles {
	const struct demo_title *v;
	int n;
};
/* Self-inspection titles of an inspection level (enum level). */
struct demo_titles demo_level_titles(int level);
/* Measure texts of a theme: *n of them. */
const char *const *demo_theme_measures(int theme, int *n);

/* An item that is not self-inspection: opinion, petition case, deed,
 * supervision or research finding. */
struct demo_other {
	int kind, source;      /* enum item_kind, enum source */
	const char *title, *detail;
	const char *owner;     /* unit name */
	int theme, cat;
	bool claim;            /* a county leader claims it (认领必解) */
	int closure;           /* how it is closed, -1: as it falls out */
	int case_type;         /* enum case_type of a case, else -1 */
	int64_t funds;         /* yuan of a deed, 0 = none */
	int64_t beneficiaries; /* people or households a deed serves, 0 = none */
};
const struct demo_other *demo_others(int *n);

/* An opinion as people put it: the title staff give it (after the unit's
 * name), the text, and how it was resolved. mode: 'I' immediate, 'D'
 * deadline, 'L' long-term. */
struct demo_optext {
	const char *title, *text, *done;
	int theme, cat;
	char mode;
};
/* Opinions about a unit of kind (village, community, else township). */
const struct demo_optext *demo_optexts(int kind, int *n);
/* Opinions about a department's work. */
struct demo_deptext {
	const char *owner;
	struct demo_optext t;
};
const struct demo_deptext *demo_dept_optexts(int *n);
/* An opinion that is not taken up, and why (visit: at a county leaders'
 * reception day); staff's replies; a submitter's 不满意. */
struct demo_reject {
	const char *text, *reason;
};
const struct demo_reject *demo_pick_reject(struct demo_rng *r, bool visit);
const char *demo_pick_ack(struct demo_rng *r);
const char *demo_pick_progress(struct demo_rng *r);
const char *demo_pick_unsatisfied(struct demo_rng *r);

/* Picks from word lists. */
const char *demo_pick_evidence(struct demo_rng *r);
const char *demo_pick_sendback(struct demo_rng *r);
const char *demo_pick_reopen(struct demo_rng *r);
const char *demo_pick_detail_lead(struct demo_rng *r, int level);
/* A person's name, different from the n names in used[]; writes to out. */
void demo_person_name(struct demo_rng *r, char *out, size_t size, char used[][32], int n);

#endif
