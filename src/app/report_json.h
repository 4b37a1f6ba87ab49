/* report_json.h: the campaign report as JSON, shared by the API and the CLI.
 *
 *   {unit: {id, name}, from (null: from the first record), to, as_of,
 *    problems: {total, by_level{}, by_source{}, immediate: {total, resolved},
 *               signed_off, resolved, in_progress, overdue},
 *    measures: {total, by_level{}, done, of_problems: {total, by_status{}}},
 *    opinions: {received, by_channel{}, answered, by_rating{},
 *               satisfaction: {percent, numerator, denominator}},
 *    cases: {visits, by_type: {dispute|petition|prominent|difficult:
 *                              {total, resolved}}},
 *    deeds: {planned, done, funds_yuan: {planned, done},
 *            beneficiaries: {planned, done}},
 *    lang, summary}
 *
 * Every code of every vocabulary is present, zeros included. by_level of
 * problems counts items of any kind with that inspection level; overdue
 * counts open items of any kind past their due day (as_of). percent has
 * one decimal and is null when nothing is rated; numerator counts 基本满意
 * with its coefficient. Funds are whole yuan (元). */
#ifndef QD_APP_REPORT_JSON_H
#define QD_APP_REPORT_JSON_H
#include <jansson.h>
#include "app.h"

/* A new JSON object (the caller owns the reference); the summary in lang
 * ("zh" or "en"). */
json_t *report_to_json(const struct report *r, const char *lang);

#endif
