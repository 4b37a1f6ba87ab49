/* stats.h: what an item or a measure contributes to the counters.
 *
 * Statistics are answered from counters kept per unit (rolled up to every
 * ancestor) and per day, updated in the same transaction as the record, so
 * their cost does not grow with the number of items. This file decides which
 * counters a record feeds; the store keeps them.
 *
 * Counters of an item are bucketed by its found day. A separate "open due"
 * counter, bucketed by due day, holds the items not yet closed that have a
 * due date: overdue = its sum over due days before today. */
#ifndef QD_DOMAIN_STATS_H
#define QD_DOMAIN_STATS_H
#include <stdint.h>
#include "model.h"
#include "opinion.h"

#define METRIC_LEN 40

enum stat_table { STAT_COUNT, STAT_OPEN_DUE };

struct stat_delta {
	enum stat_table table;
	const char *upath;     /* borrowed from the record */
	int day;               /* found day (STAT_COUNT) or due day (STAT_OPEN_DUE) */
	char metric[METRIC_LEN];
	int64_t n;
};

struct stat_deltas {
	struct stat_delta *v;
	int n, cap;
};

/* Add the difference between an item's old and new counters to d.
 * old or new_ may be NULL (creation, deletion). Strings in d borrow from
 * old and new_, which must outlive d. */
void stats_item_change(struct stat_deltas *d, const struct item *old,
		       const struct item *new_);
/* Same for a measure; the items give the bucket and the inspection level. */
void stats_measure_change(struct stat_deltas *d, const struct measure *old,
			  const struct item *old_item, const struct measure *new_,
			  const struct item *new_item);
/* Same for an opinion, bucketed by its received day, metrics "op.*". */
void stats_opinion_change(struct stat_deltas *d, const struct opinion *old,
			  const struct opinion *new_);
/* Response times are counted in whole working days 0..OP_RESP_MAX, the
 * last bucket holding everything slower, so that the response rate's
 * limit can change without a recount. */
#define OP_RESP_MAX 31
void stat_deltas_free(struct stat_deltas *d);

/* The answer to a statistics query: metric -> count, plus overdue. */
struct stat_value {
	char metric[METRIC_LEN];
	int64_t n;
};
struct stat_result {
	struct stat_value *v;
	int n, cap;
	int64_t overdue;
};
int64_t stat_get(const struct stat_result *r, const char *metric);
void stat_result_add(struct stat_result *r, const char *metric, int64_t n);
/* Append without looking for the metric: the caller knows it is new. */
void stat_result_append(struct stat_result *r, const char *metric, int64_t n);
void stat_result_free(struct stat_result *r);
/* On-time rate in percent (closed on or before the due day / closed with a
 * due day), or -1 when nothing with a due day is closed. */
double stat_ontime_rate(const struct stat_result *r);

#endif
