/* rates_json.h: the rates of a unit and its children as JSON, shared by the
 * CLI, the API and the public board.
 *
 *   {unit: {id, name}, from, to, rules: {...},
 *    rates: <unit rates>, children: [<unit rates>, ...]}
 *   <unit rates> = {unit: {id, name}, received, composite, ranked, rank,
 *     rates: {response|resolution|satisfaction|redo:
 *              {numerator, denominator, excluded, percent, score, weight}},
 *     parts: [{name, rate, role, weight, n}]}
 *
 * percent and score are null when the denominator is 0; composite is null
 * when no weighted rate has data; rank is null for units not ranked. */
#ifndef QD_APP_RATES_JSON_H
#define QD_APP_RATES_JSON_H
#include <jansson.h>
#include "app.h"

json_t *rates_view_to_json(const struct rates_view *v);
json_t *unit_rates_to_json(const struct rates_view *v, const struct unit_rates *u);

#endif
