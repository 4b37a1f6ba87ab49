/* params.h: the parameters of Open311 requests, as pure functions.
 *
 * Query strings and form bodies arrive decoded as key/value pairs; these
 * functions check them and turn them into what the app layer takes. No
 * HTTP, no SQL, so the fuzzer drives them directly
 * (tests/fuzz/fuzz_open311_params.c).
 *
 * The rules (docs/api.md, "Open311"): an empty value counts as absent; a
 * parameter an endpoint reads may be given once; a parameter it does not
 * read is ignored, however often it comes (the spec lets jurisdictions and
 * clients add their own, and FixMyStreet repeats media_url), except an
 * attribute[CODE] the service definition does not declare, which is
 * refused; every key and value must be UTF-8 text. Refusals are
 * QD_BAD_PARAM (400) naming the parameter. */
#ifndef QD_OPEN311_PARAMS_H
#define QD_OPEN311_PARAMS_H
#include <stdbool.h>
#include <stdint.h>
#include "../util/err.h"

struct o311_kv {
	const char *key, *value;     /* decoded; value "" when none was given */
};

#define O311_WINDOW_MAX (90 * 86400) /* longest start_date..end_date span */
#define O311_LIST_MAX 1000           /* most ids or codes in a list, most requests returned */

/* Every key and value UTF-8 text (no NUL, no C0 control but tab, CR, LF),
 * and none of the keys the endpoint reads (a NULL-terminated list) twice. */
bool o311_kv_check(const struct o311_kv *kv, int n, const char *const *reads,
		   struct qd_error *e);
/* The value of key, or NULL when it is absent or empty. */
const char *o311_get(const struct o311_kv *kv, int n, const char *key);
/* A positive id written as 1-18 decimal digits and nothing else. */
bool o311_parse_id(const char *s, int64_t *out);

/* The time window of start_date and end_date (NULL = absent) as [from, to)
 * in Unix seconds, end_date included: both given: end not before start and
 * at most O311_WINDOW_MAX after it; only start: the 90 days from it; only
 * end: the 90 days up to it; neither: the 90 days up to now. */
bool o311_parse_window(const char *start, const char *end, int64_t now, int64_t *from,
		       int64_t *to, struct qd_error *e);

/* GET requests: the spec's filters. */
struct o311_query {
	char *ids_json;   /* JSON array of the service_request_id list, NULL = none */
	char **codes;     /* the service_code list (owned copies), NULL = any */
	int ncodes;
	int open;         /* status: 1 open, 0 closed, -1 either */
	int64_t from, to; /* requested_datetime window [from, to) */
};
/* service_request_id (comma-separated ids) overrides every other filter:
 * with it, service_code, status and the dates are not read at all. Else
 * service_code (comma-separated codes), status (open, closed or both,
 * comma-separated) and start_date / end_date (o311_parse_window). Clear
 * out with o311_query_clear, also after a refusal. */
bool o311_parse_query(const struct o311_kv *kv, int n, int64_t now, struct o311_query *out,
		      struct qd_error *e);
void o311_query_clear(struct o311_query *q);

/* POST requests: a new service request. */
struct o311_post {
	const char *service_code;  /* required */
	bool has_location;
	double lat, lon;           /* lat and long, both or neither */
	const char *address;       /* address_string */
	const char *description;   /* required (length checked by the app) */
	const char *unit;          /* attribute[unit]: a unit's code or id */
	char *name;                /* from first_name / last_name, owned, NULL = none */
	char *contact;             /* from phone / email, owned, NULL = none */
};
/* Needs service_code, description and a location (lat + long, or
 * address_string; address_id alone is refused: there is no address
 * repository to resolve it). A name joins last_name and first_name without
 * a space when both are non-ASCII (王 + 小明), else "first last"; the
 * contact is phone, email or "phone; email". email, device_id, account_id
 * and media_url are not kept. Clear out with o311_post_clear. */
bool o311_parse_post(const struct o311_kv *kv, int n, struct o311_post *out,
		     struct qd_error *e);
void o311_post_clear(struct o311_post *p);

/* POST servicerequestupdates: an update pushed by a client. */
struct o311_update {
	int64_t request_id;        /* service_request_id, required */
	const char *status;        /* required; checked by the app (o311_status_ok) */
	const char *update_id;     /* the client's own id, NULL = none */
	const char *description;
	int rating;                /* satisfaction as enum rating, -1 = none */
};
/* satisfaction takes satisfied, basic, unsatisfied or 满意, 基本满意,
 * 不满意; updated_datetime, when given, must be a W3C datetime (the time
 * kept is the time of arrival); first_name, last_name, email, phone and
 * media_url are not kept. */
bool o311_parse_update(const struct o311_kv *kv, int n, struct o311_update *out,
		       struct qd_error *e);

#endif
