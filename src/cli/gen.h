/* gen.h: qingdan gen - a province-shaped synthetic ledger for benchmarks.
 *
 *   gen_org.c     six levels of units (province, cities, counties,
 *                 townships, villages, grids), one or two people per unit,
 *                 categories and the accounts make bench logs in with
 *   gen_ledger.c  items over three years with their measures and the
 *                 public's opinions, written by the bulk path (app/bulk.c)
 *
 * Deterministic: the same seed, size and day give the same database. The
 * words come from the demo county's lists (demo_text.c). */
#ifndef QD_CLI_GEN_H
#define QD_CLI_GEN_H
#include "demo.h"

#define GEN_LEVELS 6 /* province .. grid */
/* Raised whenever the same options would give another ledger, so that
 * make bench makes its kept databases again. */
#define GEN_VERSION 3

struct gen_unit {
	int64_t id;
	int level;          /* 0 province .. 5 grid */
	int kind;           /* enum unit_kind */
	char *path;
	int64_t head;       /* person answerable for its items */
	int64_t worker;     /* a second person (handler, grid worker), or head */
	double weight;      /* share of items, before the level's share */
	int county;         /* index of the county above (or itself), -1 */
};

struct gen {
	struct demo_rng rng;
	int counties;
	int64_t items;
	int today, first_day;   /* found days lie in [first_day, today] */
	struct gen_unit *u;
	int nu, capu;
	int first_of[GEN_LEVELS], count_of[GEN_LEVELS]; /* units sorted by level */
	double *cum[GEN_LEVELS];  /* cumulative weights per level */
	int64_t cat[16];
	int ncat;
	/* progress */
	int64_t done_items, done_measures, done_opinions;
};

/* Units, people, categories and accounts (password DEMO_PASSWORD):
 * province.leader, county.leader, township.leader, township.handler. */
qd_err gen_org(struct app *a, struct gen *g, struct qd_error *e);
/* Items found in [first_day, today] in date order, in batches of one
 * transaction each; progress on stderr when verbose. */
qd_err gen_ledger(struct app *a, struct gen *g, bool verbose, struct qd_error *e);
void gen_free(struct gen *g);
/* A unit drawn by the levels' shares of items and the units' weights. */
const struct gen_unit *gen_pick_unit(struct gen *g);
/* A Gaussian number (mean 0, deviation 1). */
double gen_normal(struct demo_rng *r);

#endif
