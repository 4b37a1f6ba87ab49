/* api.h: the JSON API under /api/v1. One endpoint per file, named after it;
 * the route table is routes.c; record-to-JSON conversions are json_out.c. */
#ifndef QD_API_H
#define QD_API_H
#include "../http/http.h"

json_t *unit_json(const struct unit *u);
json_t *person_json(const struct person *p);
json_t *item_json(const struct item *it);
json_t *measure_json(const struct measure *m);
json_t *event_json(const struct event *ev);
json_t *grant_json(const struct grant *g);
json_t *category_json(const struct category *c);
json_t *opinion_json(const struct opinion *o);
/* An opinion with its item as the caller may see it (opinions.c). */
json_t *opinion_staff_json(struct req *r, const struct opinion *o);

/* Pagination inputs shared by list endpoints: limit 1..200 (default 50). */
#define PAGE_DEFAULT 50
#define PAGE_MAX 200
bool page_ok(int64_t *limit, int64_t offset, struct qd_error *e);
/* Reply {key: rows, unit, limit, offset, has_more, next_offset} (steals rows). */
enum MHD_Result reply_page_steal(struct req *r, const char *key, json_t *rows, int64_t unit,
				 int64_t limit, int64_t offset, bool more);
/* The unit a list is about: the one asked for, else the actor's first scope. */
int64_t default_unit(struct req *r, int64_t asked);
/* The problem list's query parameters (GET /api/v1/items; the item filters
 * of GET /api/v1/export), items_list.c: the filter and its sort into f
 * (limit and offset 0), the unit asked for (0 when none) into *unit, and
 * the caller's own fields extra (NULL or ending with IN_END; their
 * present flags set). False with e on a bad, repeated or unknown
 * parameter. f->text points into the request. */
bool api_item_query(struct req *r, struct item_filter *f, int64_t *unit, struct in_field *extra,
		    struct qd_error *e);

#define API_HANDLERS(X)                                                       \
	X(api_login) X(api_logout) X(api_me)                                  \
	X(api_units_list) X(api_unit_get) X(api_unit_create) X(api_unit_update) \
	X(api_unit_move)                                                      \
	X(api_persons_list) X(api_person_create) X(api_account_create)       \
	X(api_grant_create) X(api_grant_delete)                               \
	X(api_categories_list) X(api_category_create)                         \
	X(api_items_list) X(api_item_get) X(api_item_create) X(api_item_update) \
	X(api_item_action) X(api_responsibility)                              \
	X(api_measure_create) X(api_measure_update) X(api_measures_list)     \
	X(api_stats) X(api_calendar_set) X(api_index)                         \
	X(api_opinions_list) X(api_opinion_get) X(api_opinion_create)        \
	X(api_opinion_accept) X(api_opinion_link) X(api_opinion_reject)      \
	X(api_opinion_reply) X(api_public_opinion_get) X(api_public_opinion_rate) \
	X(api_rates) X(api_rate_records) X(api_rate_rules_get) X(api_rate_rules_put) \
	X(api_public_board) X(api_public_board_records) \
	X(api_report)
#define DECLARE_HANDLER(name) enum MHD_Result name(struct req *r);
API_HANDLERS(DECLARE_HANDLER)
#undef DECLARE_HANDLER

#endif
