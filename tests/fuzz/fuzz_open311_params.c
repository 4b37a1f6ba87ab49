/* fuzz_open311_params.c: libFuzzer target for the Open311 request
 * parameters (src/open311/params.c). The input is read as a form body,
 * decoded by form_parse as POST parameters are, and also split raw at '&'
 * and '=' (not decoded: a query string reaches the parsers decoded by
 * libmicrohttpd, which lets more through), and given to every parser;
 * each either refuses with an error or gives what params.h promises: a window of at most 90 days with
 * from < to, an id list that is a JSON array of 1..1000 positive ids, codes
 * without commas, a POST with a service, a description and a location on
 * earth, an update with a positive id and a status. Must never crash, leak
 * or read out of bounds. */
#include "open311/params.h"
#include "http/http.h"
#include "domain/opinion.h"
#include "util/date.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PAIRS_MAX 64
#define NOW 1710464400 /* 2024-03-15T09:00:00+08:00 */

static void check_query(const struct o311_kv *kv, int n)
{
	struct o311_query q;
	struct qd_error e = {0};
	bool ok = o311_parse_query(kv, n, NOW, &q, &e);
	if (ok && q.ids_json) {
		json_t *ids = json_loads(q.ids_json, 0, NULL);
		if (!ids || !json_is_array(ids) || json_array_size(ids) < 1 ||
		    json_array_size(ids) > O311_LIST_MAX)
			abort();
		size_t i;
		json_t *v;
		json_array_foreach(ids, i, v)
			if (!json_is_integer(v) || json_integer_value(v) <= 0)
				abort();
		json_decref(ids);
	} else if (ok) {
		if (q.from >= q.to || q.to - q.from > O311_WINDOW_MAX + 1)
			abort();
		if (q.ncodes > O311_LIST_MAX || q.open < -1 || q.open > 1)
			abort();
		for (int i = 0; i < q.ncodes; i++)
			if (!q.codes[i][0] || strchr(q.codes[i], ','))
				abort();
	} else if (e.code != QD_BAD_PARAM) {
		abort();
	}
	o311_query_clear(&q);
}

static void check_post(const struct o311_kv *kv, int n)
{
	struct o311_post p;
	struct qd_error e = {0};
	if (o311_parse_post(kv, n, &p, &e)) {
		if (!p.service_code || !p.description || (!p.has_location && !p.address))
			abort();
		if (p.has_location && !location_ok(p.lat, p.lon))
			abort();
	} else if (e.code != QD_BAD_PARAM) {
		abort();
	}
	o311_post_clear(&p);
}

static void check_update(const struct o311_kv *kv, int n)
{
	struct o311_update u;
	struct qd_error e = {0};
	if (o311_parse_update(kv, n, &u, &e)) {
		if (u.request_id <= 0 || !u.status || u.rating < -1 || u.rating > 2)
			abort();
	} else if (e.code != QD_BAD_PARAM) {
		abort();
	}
}

static void check_all(const struct o311_kv *kv, int n)
{
	static const char *const reads[] = {"service_code", "status", "lat", NULL};
	struct qd_error e = {0};
	if (!o311_kv_check(kv, n, reads, &e) && e.code != QD_BAD_PARAM)
		abort();
	for (int i = 0; i < n; i++) {
		int64_t id;
		if (o311_parse_id(kv[i].value, &id) && (id <= 0 || strspn(kv[i].value, "0123456789") !=
									 strlen(kv[i].value)))
			abort();
	}
	check_query(kv, n);
	check_post(kv, n);
	check_update(kv, n);
}

/* As a POST body reaches them: decoded by form_parse (src/http/form.c). */
static void check_form(const uint8_t *data, size_t size)
{
	struct req r;
	memset(&r, 0, sizeof r);
	buf_append(&r.body, data, size);
	struct qd_error e = {0};
	if (form_parse(&r, &e)) {
		struct o311_kv kv[PAIRS_MAX];
		int n = 0;
		for (; n < r.nform && n < PAIRS_MAX; n++) {
			kv[n].key = r.form[n].key;
			kv[n].value = r.form[n].value;
		}
		check_all(kv, n);
	}
	for (int i = 0; i < r.nform; i++) {
		free(r.form[i].key);
		free(r.form[i].value);
	}
	free(r.form);
	buf_free(&r.body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool zone;
	if (!zone)
		zone = date_set_timezone("Asia/Shanghai");
	check_form(data, size);
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	struct o311_kv kv[PAIRS_MAX];
	int n = 0;
	for (char *p = s; p && n < PAIRS_MAX;) {
		char *amp = strchr(p, '&');
		if (amp)
			*amp = '\0';
		char *eq = strchr(p, '=');
		if (eq)
			*eq = '\0';
		kv[n].key = p;
		kv[n].value = eq ? eq + 1 : "";
		n++;
		p = amp ? amp + 1 : NULL;
	}
	check_all(kv, n);
	free(s);
	return 0;
}
