/* test_open311_params.c: the Open311 request parameters (src/open311/params.c)
 * from tables: the checks of every pair, date windows, the GET requests
 * filters, a POSTed request and a pushed update, each accepted or refused
 * with the parameter named. */
#include "tap.h"
#include "domain/codes.h"
#include "open311/params.h"
#include "util/date.h"
#include <stdlib.h>

#define DAY 86400
#define NOW 1710464400 /* 2024-03-15T09:00:00+08:00 */

/* Up to 16 pairs from "k=v&k=v" (no decoding), into buf. */
static int pairs(const char *s, char *buf, size_t size, struct o311_kv *kv)
{
	snprintf(buf, size, "%s", s);
	int n = 0;
	for (char *p = buf; p && *p && n < 16;) {
		char *amp = strchr(p, '&'), *eq;
		if (amp)
			*amp = '\0';
		eq = strchr(p, '=');
		if (eq)
			*eq = '\0';
		kv[n].key = p;
		kv[n++].value = eq ? eq + 1 : "";
		p = amp ? amp + 1 : NULL;
	}
	return n;
}

static void test_kv(void)
{
	static const char *const reads[] = {"status", "api_key", NULL};
	static const struct {
		const char *q;
		bool ok;
		const char *field;
	} cases[] = {
		{"status=open&api_key=k", true, NULL},
		{"status=open&status=closed", false, "status"},
		{"colour=red&colour=blue", true, NULL},
		{"status=\xff", false, ""},
		{"status=a\x01", false, ""},
		{"st\xc3\x28=1", false, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[256];
		struct o311_kv kv[16];
		int n = pairs(cases[i].q, buf, sizeof buf, kv);
		struct qd_error e = {0};
		bool got = o311_kv_check(kv, n, reads, &e);
		ok(got == cases[i].ok && (got || strcmp(e.field, cases[i].field) == 0),
		   "check %s: %s", cases[i].q, cases[i].ok ? "accepted" : "refused");
	}
	char buf[64];
	struct o311_kv kv[16];
	int n = pairs("a=&b=x", buf, sizeof buf, kv);
	ok(o311_get(kv, n, "a") == NULL && strcmp(o311_get(kv, n, "b"), "x") == 0 &&
		   o311_get(kv, n, "c") == NULL,
	   "an empty value is no value");
	int64_t id;
	ok(o311_parse_id("42", &id) && id == 42, "id 42");
	ok(!o311_parse_id("0", &id) && !o311_parse_id("-1", &id) && !o311_parse_id("4x", &id) &&
		   !o311_parse_id("", &id) && !o311_parse_id("1234567890123456789", &id),
	   "ids: zero, negative, trailing text, empty, 19 digits refused");
}

static void test_window(void)
{
	static const struct {
		const char *start, *end;
		bool ok;
		int64_t from, to; /* when ok */
		const char *field;
	} cases[] = {
		{NULL, NULL, true, NOW - 90 * DAY, NOW + 1, NULL},
		{"2024-03-01", NULL, true, NOW - 14 * DAY - 9 * 3600,
		 NOW - 14 * DAY - 9 * 3600 + 90 * DAY + 1, NULL},
		{NULL, "2024-03-15T09:00:00+08:00", true, NOW - 90 * DAY, NOW + 1, NULL},
		{"2024-03-15T01:00:00Z", "2024-03-15T09:00:00+08:00", true, NOW, NOW + 1, NULL},
		{"2023-12-16T09:00:00+08:00", "2024-03-15T09:00:00+08:00", true, NOW - 90 * DAY,
		 NOW + 1, NULL},
		{"2023-12-16T08:59:59+08:00", "2024-03-15T09:00:00+08:00", false, 0, 0, "end_date"},
		{"2024-03-15T09:00:01+08:00", "2024-03-15T09:00:00+08:00", false, 0, 0, "end_date"},
		{"2024-02-30", NULL, false, 0, 0, "start_date"},
		{NULL, "15/03/2024", false, 0, 0, "end_date"},
	};
	date_set_timezone("Asia/Shanghai");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t from = -1, to = -1;
		struct qd_error e = {0};
		bool got = o311_parse_window(cases[i].start, cases[i].end, NOW, &from, &to, &e);
		if (cases[i].ok)
			ok(got && from == cases[i].from && to == cases[i].to, "window %s .. %s",
			   cases[i].start ? cases[i].start : "-", cases[i].end ? cases[i].end : "-");
		else
			ok(!got && e.code == QD_BAD_PARAM && strcmp(e.field, cases[i].field) == 0,
			   "window %s .. %s refused (%s)", cases[i].start ? cases[i].start : "-",
			   cases[i].end ? cases[i].end : "-", cases[i].field);
	}
}

static void test_query(void)
{
	static const struct {
		const char *q;
		const char *ids;   /* expected ids_json, or NULL */
		int ncodes, open;
		const char *field; /* refused, naming this */
	} cases[] = {
		{"service_request_id=3,1,2&status=bad&start_date=x", "[3,1,2]", 0, -1, NULL},
		{"service_code=road,light&status=open", NULL, 2, 1, NULL},
		{"status=closed,CLOSED", NULL, 0, 0, NULL},
		{"status=open,closed", NULL, 0, -1, NULL},
		{"status=", NULL, 0, -1, NULL},
		{"status=pending", NULL, 0, -1, "status"},
		{"status=open,", NULL, 0, -1, "status"},
		{"service_request_id=1,,2", NULL, 0, -1, "service_request_id"},
		{"service_request_id=0", NULL, 0, -1, "service_request_id"},
		{"service_code=road,", NULL, 0, -1, "service_code"},
		{"start_date=2024-01-01&end_date=2024-04-01", NULL, 0, -1, "end_date"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[256];
		struct o311_kv kv[16];
		int n = pairs(cases[i].q, buf, sizeof buf, kv);
		struct o311_query q;
		struct qd_error e = {0};
		bool got = o311_parse_query(kv, n, NOW, &q, &e);
		if (!cases[i].field)
			ok(got && (cases[i].ids ? q.ids_json && strcmp(q.ids_json, cases[i].ids) == 0
						: !q.ids_json) &&
				   q.ncodes == cases[i].ncodes && q.open == cases[i].open,
			   "query %s", cases[i].q);
		else
			ok(!got && strcmp(e.field, cases[i].field) == 0, "query %s refused (%s)",
			   cases[i].q, cases[i].field);
		o311_query_clear(&q);
	}
	/* 1000 ids are taken, 1001 are not */
	char *many = malloc(8 * 1002 + 32);
	strcpy(many, "service_request_id=1");
	for (int i = 2; i <= 1001; i++)
		sprintf(many + strlen(many), ",%d", i);
	struct o311_kv kv = {"service_request_id", many + 19};
	struct o311_query q;
	struct qd_error e = {0};
	ok(!o311_parse_query(&kv, 1, NOW, &q, &e), "1001 ids refused");
	o311_query_clear(&q);
	*strrchr(many, ',') = '\0';
	ok(o311_parse_query(&kv, 1, NOW, &q, &e) && q.ids_json, "1000 ids taken");
	o311_query_clear(&q);
	free(many);
}

static void test_post(void)
{
	static const struct {
		const char *q;
		const char *field; /* refused, naming this; NULL = accepted */
	} cases[] = {
		{"service_code=road&lat=36.95&long=-100.9&description=x", NULL},
		{"service_code=road&address_string=路口&description=x", NULL},
		{"service_code=road&lat=+36&long=100.&description=x", NULL},
		{"lat=36&long=100&description=x", "service_code"},
		{"service_code=road&lat=36&long=100", "description"},
		{"service_code=road&description=x", "lat"},
		{"service_code=road&address_id=545483&description=x", "address_id"},
		{"service_code=road&lat=36&description=x", "long"},
		{"service_code=road&long=100&description=x", "lat"},
		{"service_code=road&lat=1e1&long=100&description=x", "lat"},
		{"service_code=road&lat=.&long=100&description=x", "lat"},
		{"service_code=road&lat=36&long=0x10&description=x", "long"},
		{"service_code=road&lat=-90.1&long=100&description=x", "lat"},
		{"service_code=road&lat=36&long=180.5&description=x", "lat"},
		{"service_code=road&lat=36&long=100&description=x&attribute[size]=big", "attribute[size]"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[256];
		struct o311_kv kv[16];
		int n = pairs(cases[i].q, buf, sizeof buf, kv);
		struct o311_post p;
		struct qd_error e = {0};
		bool got = o311_parse_post(kv, n, &p, &e);
		if (!cases[i].field)
			ok(got, "post %s", cases[i].q);
		else
			ok(!got && strcmp(e.field, cases[i].field) == 0, "post %s refused (%s)",
			   cases[i].q, cases[i].field);
		o311_post_clear(&p);
	}
	static const struct {
		const char *q, *name, *contact;
	} people[] = {
		{"first_name=小明&last_name=王", "王小明", NULL},
		{"first_name=Ming&last_name=Wang", "Ming Wang", NULL},
		{"first_name=小明", "小明", NULL},
		{"last_name=王&phone=138", "王", "138"},
		{"phone=138&email=a@b.org", NULL, "138; a@b.org"},
		{"email=a@b.org&first_name=", NULL, "a@b.org"},
	};
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		char q[256], buf[256];
		snprintf(q, sizeof q, "service_code=road&lat=36&long=100&description=x&%s", people[i].q);
		struct o311_kv kv[16];
		int n = pairs(q, buf, sizeof buf, kv);
		struct o311_post p;
		struct qd_error e = {0};
		bool got = o311_parse_post(kv, n, &p, &e);
		ok(got, "post with %s", people[i].q);
		is_str(p.name, people[i].name, "… name");
		is_str(p.contact, people[i].contact, "… contact");
		o311_post_clear(&p);
	}
}

static void test_update(void)
{
	static const struct {
		const char *q;
		int rating;
		const char *field; /* refused, naming this; NULL = accepted */
	} cases[] = {
		{"service_request_id=7&status=OPEN", -1, NULL},
		{"service_request_id=7&status=CLOSED&satisfaction=basic", RT_BASIC, NULL},
		{"service_request_id=7&status=REOPEN&satisfaction=不满意&description=x", RT_UNSATISFIED,
		 NULL},
		{"service_request_id=7&status=X&updated_datetime=2024-03-15T10:00:00Z", -1, NULL},
		{"status=OPEN", -1, "service_request_id"},
		{"service_request_id=R7&status=OPEN", -1, "service_request_id"},
		{"service_request_id=7", -1, "status"},
		{"service_request_id=7&status=OPEN&updated_datetime=now", -1, "updated_datetime"},
		{"service_request_id=7&status=OPEN&satisfaction=great", -1, "satisfaction"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[256];
		struct o311_kv kv[16];
		int n = pairs(cases[i].q, buf, sizeof buf, kv);
		struct o311_update u;
		struct qd_error e = {0};
		bool got = o311_parse_update(kv, n, &u, &e);
		if (!cases[i].field)
			ok(got && u.request_id == 7 && u.rating == cases[i].rating, "update %s",
			   cases[i].q);
		else
			ok(!got && strcmp(e.field, cases[i].field) == 0, "update %s refused (%s)",
			   cases[i].q, cases[i].field);
	}
}

int main(void)
{
	test_kv();
	test_window();
	test_query();
	test_post();
	test_update();
	return done_testing();
}
