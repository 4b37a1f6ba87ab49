/* rates.h: the hotline rates of a subtree and period, from counters.
 *
 *   响应率 response    first response within the limit of working days
 *                      / received, less those still within their limit
 *   解决率 resolution  answered as resolved / answered, less excluded
 *                      closure types (other closures never count as solved)
 *   满意率 satisfaction (满意 + k x 基本满意) / rated
 *   重办率 redo        handled again at least once / answered at least once
 *                      or handled again
 *
 * Each rate is scored by a piecewise-linear curve and the scores weighted
 * into a composite; a unit with fewer opinions than the minimum is listed
 * but not ranked. The rules are data (struct rate_rules, a JSON setting). */
#ifndef QD_DOMAIN_RATES_H
#define QD_DOMAIN_RATES_H
#include <stdbool.h>
#include <stdint.h>
#include "codes.h"
#include "stats.h"
#include "../util/err.h"

#define RATES(X)                                                        \
	X(RATE_RESPONSE, "response", "响应率", "response rate")        \
	X(RATE_RESOLUTION, "resolution", "解决率", "resolution rate")  \
	X(RATE_SATISFACTION, "satisfaction", "满意率", "satisfaction rate") \
	X(RATE_REDO, "redo", "重办率", "redo rate")
#define RATE_ENUM(name, code, zh, en) name,
enum rate_kind { RATES(RATE_ENUM) RATE_COUNT };
#undef RATE_ENUM
extern const struct code_table T_RATE;

#define CURVE_MAX 8

/* Score of a rate in percent: linear between points, flat beyond the ends. */
struct curve {
	int n;
	double at[CURVE_MAX];    /* rate in percent, increasing */
	double score[CURVE_MAX];
};

struct rate_rules {
	int response_wdays;          /* limit of the response rate */
	double basic_coefficient;    /* weight of 基本满意, 0..1 */
	double weight[RATE_COUNT];   /* of each score in the composite */
	struct curve curve[RATE_COUNT];
	bool excluded[CL_COUNT];     /* closure types left out of 解决率 */
	int min_count;               /* opinions needed to be ranked */
};

/* The defaults: 1 working day, 基本满意 0.8, weights 30/35/35/0, linear
 * scores (redo: 100 at 0 %, 0 at 100 %), unfounded/duplicate/transferred
 * excluded, ranked from 5 opinions. */
void rate_rules_default(struct rate_rules *rr);
/* Check rules (e.g. after reading them from JSON). */
qd_err rate_rules_check(const struct rate_rules *rr, struct qd_error *e);
double curve_score(const struct curve *c, double pct);

struct rate_figure {
	double num;        /* numerator (基本满意 counts k) */
	int64_t den;       /* denominator */
	int64_t excluded;  /* records left out of the denominator */
	double pct;        /* 100 * num / den, or -1 when den == 0 */
	double score;      /* curve score, or -1 */
};

struct rate_report {
	int64_t received;
	int64_t pending;                /* no response yet (due or not) */
	int64_t by_closure[CL_COUNT];   /* answered, by the item's closure */
	int64_t by_rating[RT_COUNT];
	int64_t by_channel[CH_COUNT];   /* received, by channel */
	int64_t by_status[OS_COUNT];    /* received, by where they stand now */
	struct rate_figure f[RATE_COUNT];
	double composite;  /* weighted score of the rates with data, or -1 */
	bool ranked;       /* received >= min_count and some rate has data */
};

/* Rates from the counters of one subtree and period (metrics "op.*");
 * not_due = opinions without a response still within their limit. */
void rates_compute(const struct rate_rules *rr, const struct stat_result *c, int64_t not_due,
		   struct rate_report *out);

#endif
