/* stats_json.h: a statistics answer as JSON, shared by the CLI and the API.
 *
 * The shape is stable: every code of every vocabulary is present, zeros
 * included, so a client can read figures without checking for keys. */
#ifndef QD_APP_STATS_JSON_H
#define QD_APP_STATS_JSON_H
#include <jansson.h>
#include "../domain/stats.h"

/* Build the figures of r as a new JSON object (caller owns the reference):
 *
 *   items: {total, by_kind{}, by_source{}, by_level{}, by_mode{},
 *           by_status{}, by_closure{}, by_category{"<id>": n}}
 *   solved          closed as resolved (closed for another reason is not
 *                   counted as fixed)
 *   closed_on_time, closed_late, closed_no_due
 *   on_time_rate    percent with one decimal, null when nothing with a due
 *                   day is closed (dump with JSON_REAL_PRECISION(6) or so
 *                   to print it short)
 *   overdue         open items past their due day
 *   sent_back, reopened: {items, times}
 *   claimed
 *   measures: {total, by_status{}, by_level{}}
 *   opinions: {total, responded, by_channel{}, by_status{}, by_closure{},
 *              by_rating{}, handled_again} - of those received in the
 *              period (items and measures count by the item's found day)
 *
 * by_category holds only the categories that occur (categories are data,
 * not a vocabulary). The caller adds the unit and the period. */
json_t *stats_to_json(const struct stat_result *r);

#endif
