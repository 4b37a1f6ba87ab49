/* report.h: the campaign report (工作报告) of a unit's subtree and a period:
 * its figures, counted from the counters (stats.c) and the rates (rates.c),
 * the rows the pages, files and the CLI show them in, with the records
 * behind each row, and the summary paragraph (report_text.c).
 *
 * Items count by their found day, opinions by the day received, both in
 * [from, to]; "overdue" is as of today, of open items due in the period.
 * Closed (已销号) is never fixed (已解决): fixed is closed as resolved.
 * No I/O here: the app reads the counters, these functions only add up. */
#ifndef QD_DOMAIN_REPORT_H
#define QD_DOMAIN_REPORT_H
#include <stdbool.h>
#include <stdint.h>
#include "codes.h"
#include "model.h"
#include "rates.h"
#include "stats.h"

struct report_figures {
	/* problems (kind problem) */
	int64_t problems;                /* kind.problem */
	int64_t level[LVL_COUNT];        /* level.*: items with an inspection level */
	int64_t source[SRC_COUNT];       /* problem.source.* */
	int64_t immediate;               /* problem.mode.immediate: 立行立改 */
	int64_t immediate_fixed;         /* problem.mode.immediate.resolved */
	int64_t closed;                  /* problem.status.closed: 已销号 */
	int64_t fixed;                   /* problem.resolved: closed as resolved */
	int64_t in_progress;             /* problem.status.open + in_progress + review */
	int64_t overdue;                 /* open items of any kind past their due day */
	/* measures (of items found in the period) */
	int64_t measures;                /* measures */
	int64_t measure_level[LVL_COUNT]; /* measure.level.* */
	int64_t measures_done;           /* measure.status.done */
	int64_t problem_measures[MS_COUNT]; /* measure.problem.<status> */
	/* opinions from the public */
	int64_t opinions;                /* op.received */
	int64_t channel[CH_COUNT];       /* op.channel.* */
	int64_t answered;                /* op.status.answered: 已办结 now */
	int64_t rating[RT_COUNT];        /* op.rating.* */
	struct rate_figure satisfaction; /* the rates module's 满意率 */
	/* visits and cases */
	int64_t visits;                  /* op.channel.visit: 来访 人次 */
	int64_t cases[CT_COUNT];         /* casetype.* */
	int64_t cases_resolved[CT_COUNT]; /* casetype.*.resolved */
	/* deeds (民生实事, kind deed) */
	int64_t deeds, deeds_done;       /* kind.deed, deed.resolved */
	int64_t funds, funds_done;       /* yuan: deed.funds, deed.resolved.funds */
	int64_t beneficiaries, beneficiaries_done; /* deed.(resolved.)beneficiaries */
};

struct report {
	int64_t unit_id;
	char *unit_name;        /* owned */
	int from, to;           /* the period; from DAY_NONE: from the first record */
	int today;              /* overdue is as of this day */
	struct report_figures f;
};
void report_clear(struct report *r);

/* The figures from the counters c of one subtree and period and the rates
 * computed from the same counters (rates_compute). */
void report_figures_count(const struct stat_result *c, const struct rate_report *rates,
			  struct report_figures *out);

/* The sections of the report, in order. */
#define REPORT_SECTIONS(X)                                                      \
	X(RS_PROBLEMS, "problems", "问题", "Problems")                           \
	X(RS_MEASURES, "measures", "整改措施", "Rectification measures")         \
	X(RS_OPINIONS, "opinions", "群众意见建议", "Opinions from the public")    \
	X(RS_CASES, "cases", "接访和信访", "Visits, disputes and petitions")      \
	X(RS_DEEDS, "deeds", "民生实事", "Deeds for the people")
#define RS_ENUM(name, code, zh, en) name,
enum report_section { REPORT_SECTIONS(RS_ENUM) RS_COUNT };
#undef RS_ENUM
extern const struct code_table T_REPORT_SECTION;

/* The records a figure counts, as the filters of the lists that show
 * them: items (/items), measures (/measures) or opinions (/opinions). -1
 * is "any"; the period is the report's (found day, or received day of
 * opinions) except for overdue, which is by due day. */
enum report_records { RR_NONE, RR_ITEMS, RR_MEASURES, RR_OPINIONS };
struct report_link {
	enum report_records what;
	/* items */
	int kind, level, source, mode, status, closure, case_type;
	bool open_only;          /* not closed */
	bool overdue;            /* open and past the due day; due in the period */
	/* measures: kind and level of their item, and */
	int measure_status;
	/* opinions */
	int channel, opinion_status, rating;
};

enum report_value { RV_COUNT, RV_YUAN, RV_PERCENT };
struct report_row {
	int section;             /* enum report_section */
	char key[48];            /* stable name: "problems.level.leader" */
	const char *label;       /* in the language asked (static) */
	const char *label2;      /* a code's label after it, or NULL */
	int depth;               /* 0 a figure, 1 a part of the figure above */
	enum report_value kind;
	int64_t n;               /* RV_COUNT, RV_YUAN (yuan) */
	double pct;              /* RV_PERCENT: -1 without data */
	struct report_link link;
};
#define REPORT_ROWS_MAX 96
/* The rows of the report in order, every figure with its records (none
 * for the satisfaction rate, which links to the ratings). Returns the
 * number of rows written (at most max). */
int report_rows(const struct report_figures *f, const char *lang, struct report_row *out,
		int max);

/* Yuan as 万元 with no more decimals than needed: 250000 -> "25",
 * 388000 -> "38.8", 12345 -> "1.2345". */
void report_wan(int64_t yuan, char out[32]);
/* A percentage rounded half up to one decimal, without a trailing ".0":
 * 94.84 -> "94.8", 100 -> "100"; "—" when pct < 0 (no data). */
#define REPORT_PCT_LEN 24
void report_pct(double pct, char out[REPORT_PCT_LEN]);

/* The summary paragraph in the register of the county reports, e.g.
 * "截至2026年11月22日，海晏县共查摆问题3393条……" (lang "zh", default) or
 * in English (lang "en"). Sentences and clauses whose figures are zero are
 * left out. The caller frees the text. */
char *report_summary(const struct report *r, const char *lang);

#endif
