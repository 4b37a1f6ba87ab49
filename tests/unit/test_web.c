/* test_web.c: the web foundation: message tables complete in both
 * languages, escaping helpers, form decoding, CSRF tokens and the login
 * throttle's table. */
#include "tap.h"
#include "http/html.h"
#include "http/http.h"
#include "util/date.h"
#include "util/hash.h"
#include "web/i18n.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_messages(void)
{
	int missing = 0, same = 0;
	for (int m = 0; m < M_COUNT; m++) {
		const char *zh = msg_in("zh", m), *en = msg_in("en", m);
		if (!zh || !*zh || !en || !*en) {
			missing++;
			diag("message %d is missing a language", m);
		}
		if (zh && en && strcmp(zh, en) == 0 && strcmp(zh, "—") != 0)
			same++;
	}
	ok(missing == 0, "all %d messages have Chinese and English text", (int)M_COUNT);
	ok(same < M_COUNT / 10, "Chinese and English differ (%d identical)", same);
}

static const char *escaped(void (*fn)(struct buf *, const char *), const char *in)
{
	static struct buf b;
	buf_reset(&b);
	fn(&b, in);
	return buf_str(&b);
}

static void test_escaping(void)
{
	is_str(escaped(h_text, "<script>alert(1)</script>"),
	       "&lt;script&gt;alert(1)&lt;/script&gt;", "text escapes tags");
	is_str(escaped(h_attr, "\" onmouseover='x' &"), "&quot; onmouseover=&#39;x&#39; &amp;",
	       "attributes escape both quotes and &");
	is_str(escaped(h_url_arg, "路灯 a&b=c/d?"), "%E8%B7%AF%E7%81%AF%20a%26b%3Dc%2Fd%3F",
	       "URL arguments are percent-encoded");
	is_str(escaped(h_text, NULL), "", "NULL writes nothing");
}

static void parse(const char *body, struct req *r, struct qd_error *e, bool *okp)
{
	memset(r, 0, sizeof *r);
	buf_puts(&r->body, body);
	*okp = form_parse(r, e);
}

static void free_req(struct req *r)
{
	for (int i = 0; i < r->nform; i++) {
		free(r->form[i].key);
		free(r->form[i].value);
	}
	free(r->form);
	buf_free(&r->body);
}

static void test_forms(void)
{
	struct req r;
	struct qd_error e = {0};
	bool good;
	parse("title=%E8%B7%AF%E7%81%AF+%E6%8F%90%E5%89%8D&mode=deadline&empty=&flag", &r, &e, &good);
	ok(good && r.nform == 4, "a form with four fields decodes");
	is_str(form_get(&r, "title"), "路灯 提前", "percent-encoded UTF-8 and + decode");
	is_str(form_get(&r, "empty"), "", "an empty value is empty");
	is_str(form_get(&r, "flag"), "", "a bare key has an empty value");
	ok(form_get(&r, "nope") == NULL, "an absent field is NULL");
	free_req(&r);
	const char *bad[] = {"a=%00", "a=%zz", "a=%4", "a=%ff%fe", "a=\x01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		parse(bad[i], &r, &e, &good);
		ok(!good && e.code == QD_BAD_FIELD, "malformed form data refused (case %zu)", i);
		free_req(&r);
	}
	struct buf many = BUF_INIT;
	for (int i = 0; i < 70; i++)
		buf_printf(&many, "k%d=v&", i);
	parse(buf_str(&many), &r, &e, &good);
	ok(!good && e.code == QD_TOO_LARGE, "over 64 fields refused");
	free_req(&r);
	buf_free(&many);
}

static void test_csrf(void)
{
	char a[48], b[48], c[48];
	csrf_of("session-one", a);
	csrf_of("session-one", b);
	csrf_of("session-two", c);
	ok(strcmp(a, b) == 0 && strlen(a) == 32, "a session's CSRF token is stable (32 hex)");
	ok(strcmp(a, c) != 0, "different sessions have different tokens");
}

/* --- login throttling (src/http/throttle.c) --- */

#define NCOLL (THROTTLE_PROBE + 8)
static char coll[NCOLL][32]; /* keys sharing one home slot */

/* Fill coll with keys whose run starts at the home slot of base. */
static void colliding_keys(const char *base)
{
	int home = throttle_home(base), n = 0;
	for (long i = 0; n < NCOLL && i < 50L * THROTTLE_SLOTS * NCOLL; i++) {
		char k[32];
		snprintf(k, sizeof k, "login:c%ld", i);
		if (throttle_home(k) == home)
			snprintf(coll[n++], sizeof coll[0], "%s", k);
	}
	ok(n == NCOLL, "%d keys found that share the home slot of %s", n, base);
}

static void fail_n(const char *key, int n)
{
	for (int i = 0; i < n; i++)
		throttle_fail(key);
}

/* Single failures of n keys no one else uses (a flood of addresses and
 * names), from the clock's present on. */
static void flood(int n, const char *tag)
{
	char k[48];
	for (int i = 0; i < n; i++) {
		snprintf(k, sizeof k, i % 2 ? "ip:%s.%d" : "login:%s-%d", tag, i);
		throttle_fail(k);
	}
}

struct hammer {
	const char *key;
	int n;
};

static void *hammer_run(void *arg)
{
	const struct hammer *h = arg;
	char k[48];
	for (int i = 0; i < h->n; i++) {
		throttle_fail(h->key);
		snprintf(k, sizeof k, "login:%p-%d", arg, i);
		throttle_fail(k);
	}
	return NULL;
}

static void test_throttle(void)
{
	const int max = THROTTLE_PER_LOGIN;
	int64_t t0 = time_of_day(day_from_civil(2024, 3, 15), 9, 0);
	throttle_clear();
	clock_fix(t0);

	/* Keys that collide are each counted (the table used to drop the
	 * failures of a key whose slot another key held). */
	colliding_keys("login:victim");
	throttle_fail(coll[0]);
	for (int i = 1; i < THROTTLE_PROBE; i++)
		fail_n(coll[i], max);
	int counted = throttle_count(coll[0]) == 1;
	for (int i = 1; i < THROTTLE_PROBE; i++)
		counted += throttle_count(coll[i]) == max && throttle_blocked(coll[i], max);
	is_int(counted, THROTTLE_PROBE, "%d keys with one home slot: every failure of each counted",
	       THROTTLE_PROBE);
	clock_fix(t0 + 10);
	throttle_fail(coll[THROTTLE_PROBE]);
	is_int(throttle_count(coll[THROTTLE_PROBE]), 1,
	       "one more key on that full run is counted too");
	is_int(throttle_count(coll[0]), 0, "… in place of the entry with the fewest failures");
	int still = 0;
	for (int i = 1; i < THROTTLE_PROBE; i++)
		still += throttle_blocked(coll[i], max);
	is_int(still, THROTTLE_PROBE - 1, "… the blocked keys stay blocked");
	fail_n(coll[THROTTLE_PROBE], max - 1);
	ok(throttle_blocked(coll[THROTTLE_PROBE], max), "… and it is blocked after %d failures", max);

	/* A login and an address are counted on their own. */
	throttle_clear();
	fail_n("login:pair", max);
	throttle_fail("ip:192.0.2.1");
	ok(throttle_blocked("login:pair", max) && throttle_count("ip:192.0.2.1") == 1,
	   "a login and an address: separate counts");
	throttle_reset("login:pair");
	ok(throttle_count("login:pair") == 0 && throttle_count("ip:192.0.2.1") == 1,
	   "… a success resets the login's count, not the address'");

	/* Many other keys first (more than the table holds, all live), then
	 * a login's failures: it is still throttled. */
	throttle_clear();
	clock_fix(t0 + 1000);
	flood(4 * THROTTLE_SLOTS, "a");
	fail_n("login:admin", max - 1);
	ok(!throttle_blocked("login:admin", max), "after %d other keys, %d failures of a login: not yet blocked",
	   4 * THROTTLE_SLOTS, max - 1);
	throttle_fail("login:admin");
	ok(throttle_blocked("login:admin", max), "… the %dth blocks it", max);
	/* A flood between a login's failures does not wipe them. */
	throttle_fail("login:root");
	throttle_fail("login:root");
	clock_fix(t0 + 1100);
	flood(4 * THROTTLE_SLOTS, "b");
	is_int(throttle_count("login:root"), 2, "%d keys after two failures of a login: both still counted",
	       4 * THROTTLE_SLOTS);
	fail_n("login:root", max - 2);
	ok(throttle_blocked("login:root", max), "… and the %dth blocks it", max);
	ok(throttle_blocked("login:admin", max), "a blocked login stays blocked through the flood");

	/* Entries whose window has passed are reused before live ones go. */
	throttle_clear();
	clock_fix(t0 + 5000);
	for (int i = 0; i < THROTTLE_PROBE / 2; i++)
		fail_n(coll[i], max);
	clock_fix(t0 + 5500);
	for (int i = THROTTLE_PROBE / 2; i < THROTTLE_PROBE; i++)
		fail_n(coll[i], max);
	clock_fix(t0 + 5000 + THROTTLE_WINDOW);
	ok(!throttle_blocked(coll[0], max) && throttle_count(coll[0]) == 0,
	   "a key is free again when its window has passed");
	for (int i = THROTTLE_PROBE; i < NCOLL; i++)
		throttle_fail(coll[i]);
	int fresh = 0, live = 0;
	for (int i = THROTTLE_PROBE; i < NCOLL; i++)
		fresh += throttle_count(coll[i]) == 1;
	for (int i = THROTTLE_PROBE / 2; i < THROTTLE_PROBE; i++)
		live += throttle_blocked(coll[i], max);
	is_int(fresh, NCOLL - THROTTLE_PROBE, "new keys on a full run take the expired entries");
	is_int(live, THROTTLE_PROBE / 2, "… and the live ones keep their counts");
	throttle_fail(coll[0]);
	is_int(throttle_count(coll[0]), 1, "an expired key that fails again starts from one");

	/* Threads: no failure lost. */
	throttle_clear();
	pthread_t th[4];
	struct hammer h = {"login:busy", 500};
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer_run, &h);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	is_int(throttle_count("login:busy"), 4 * 500, "four threads, 2000 failures of one key among others: all counted");

	throttle_clear();
	clock_fix(0);
}

int main(void)
{
	hash_init();
	test_messages();
	test_escaping();
	test_forms();
	test_csrf();
	test_throttle();
	return done_testing();
}
