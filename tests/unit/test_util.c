/* test_util.c: dates, UTF-8, buffers, the error registry, hashing. */
#include "tap.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/err.h"
#include "util/hash.h"
#include "util/jsonw.h"
#include <jansson.h>
#include "util/utf8.h"
#include <stdlib.h>
#include <string.h>

/* ---- dates ---- */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static void test_civil(void)
{
	/* Known day numbers (days since 1970-01-01), computed independently. */
	static const struct {
		int y, m, d, day;
	} known[] = {
		{1970, 1, 1, 0},      {1969, 12, 31, -1},   {2000, 3, 1, 11017},
		{2024, 2, 29, 19782}, {1900, 1, 1, -25567}, {2999, 12, 31, 376199},
		{2024, 10, 1, 19997}, {2024, 6, 15, 19889},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		is_int(day_from_civil(known[i].y, known[i].m, known[i].d), known[i].day,
		       "day_from_civil(%04d-%02d-%02d)", known[i].y, known[i].m, known[i].d);
		int y, m, d;
		day_to_civil(known[i].day, &y, &m, &d);
		ok(y == known[i].y && m == known[i].m && d == known[i].d,
		   "day_to_civil(%d) = %04d-%02d-%02d", known[i].day, y, m, d);
	}

	/* Walk every civil date 1900..2999 with an independent calendar and
	 * check both directions; report the first few mismatches. */
	int day = day_from_civil(1900, 1, 1), bad = 0, checked = 0;
	for (int y = 1900; y <= 2999; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= month_days(y, m); d++, day++) {
				int yy, mm, dd;
				day_to_civil(day, &yy, &mm, &dd);
				int back = day_from_civil(y, m, d);
				checked++;
				if (yy != y || mm != m || dd != d || back != day) {
					if (bad++ < 5)
						diag("mismatch at %04d-%02d-%02d: day %d -> "
						     "%04d-%02d-%02d, back %d",
						     y, m, d, day, yy, mm, dd, back);
				}
			}
	is_int(bad, 0, "round trip of all %d days 1900-01-01..2999-12-31", checked);
	is_int(day, day_from_civil(3000, 1, 1), "consecutive day numbers over 1100 years");
}

static void test_parse(void)
{
	static const struct {
		const char *s;
		bool ok;
		int y, m, d;
	} cases[] = {
		{"2024-02-29", true, 2024, 2, 29},
		{"2000-02-29", true, 2000, 2, 29},
		{"1900-01-01", true, 1900, 1, 1},
		{"2999-12-31", true, 2999, 12, 31},
		{"2024-12-31", true, 2024, 12, 31},
		{"2023-02-29", false, 0, 0, 0},
		{"2100-02-29", false, 0, 0, 0},
		{"1900-02-29", false, 0, 0, 0},
		{"2023-02-30", false, 0, 0, 0},
		{"2024-04-31", false, 0, 0, 0},
		{"2024-13-01", false, 0, 0, 0},
		{"2024-00-10", false, 0, 0, 0},
		{"2024-01-00", false, 0, 0, 0},
		{"2024-01-32", false, 0, 0, 0},
		{"1899-12-31", false, 0, 0, 0},
		{"3000-01-01", false, 0, 0, 0},
		{"2024-1-01", false, 0, 0, 0},
		{"2024-01-1", false, 0, 0, 0},
		{"2024-01-01x", false, 0, 0, 0},
		{"2024-01-01 ", false, 0, 0, 0},
		{" 2024-01-01", false, 0, 0, 0},
		{"2024/01/01", false, 0, 0, 0},
		{"20240101", false, 0, 0, 0},
		{"2024-01-0a", false, 0, 0, 0},
		{"+024-01-01", false, 0, 0, 0},
		{"2024-+1-01", false, 0, 0, 0},
		{"2024- 1-01", false, 0, 0, 0},
		{"", false, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int day = 12345;
		bool r = day_parse(cases[i].s, &day);
		if (cases[i].ok)
			ok(r && day == day_from_civil(cases[i].y, cases[i].m, cases[i].d),
			   "day_parse accepts '%s'", cases[i].s);
		else
			ok(!r && day == 12345, "day_parse rejects '%s' and leaves out alone",
			   cases[i].s);
	}
	int day = 7;
	ok(!day_parse(NULL, &day) && day == 7, "day_parse rejects NULL");
	char with_nul[] = "2024-01-01\0junk";
	ok(day_parse(with_nul, &day), "day_parse stops at NUL");

	char t[DAY_TEXT_LEN];
	day_format(day_from_civil(2024, 2, 9), t);
	is_str(t, "2024-02-09", "day_format pads month and day");
	day_format(day_from_civil(1900, 1, 1), t);
	is_str(t, "1900-01-01", "day_format 1900");
	int bad = 0;
	for (int d = day_from_civil(1900, 1, 1); d <= day_from_civil(2999, 12, 31); d += 97) {
		int back;
		day_format(d, t);
		if (!day_parse(t, &back) || back != d)
			bad++;
	}
	is_int(bad, 0, "day_format -> day_parse round trip (sampled)");
}

static void test_weekday(void)
{
	static const struct {
		int y, m, d, wd;
	} cases[] = {
		{1970, 1, 1, 3}, /* Thursday */
		{1969, 12, 29, 0}, /* Monday, before the epoch */
		{1900, 1, 1, 0}, /* Monday */
		{2000, 1, 1, 5}, /* Saturday */
		{2024, 10, 1, 1}, /* Tuesday */
		{2024, 9, 29, 6}, /* Sunday */
		{2024, 10, 12, 5}, /* Saturday */
		{2024, 6, 15, 5}, /* Saturday */
		{2999, 12, 31, 1}, /* Tuesday */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(day_weekday(day_from_civil(cases[i].y, cases[i].m, cases[i].d)), cases[i].wd,
		       "weekday of %04d-%02d-%02d", cases[i].y, cases[i].m, cases[i].d);
}

static void test_timezone(void)
{
	ok(date_set_timezone("Asia/Shanghai"), "Asia/Shanghai is known");
	is_str(date_timezone(), "Asia/Shanghai", "date_timezone reports it");
	char w[32];
	time_format_w3c(1704418200, w); /* 2024-01-05T01:30:00Z */
	is_str(w, "2024-01-05T09:30:00+08:00", "time_format_w3c in Asia/Shanghai");
	time_format_w3c(0, w);
	is_str(w, "1970-01-01T08:00:00+08:00", "time_format_w3c of the epoch");
	/* 2024-01-05 16:30 UTC is already the 6th in Shanghai. */
	is_int(day_of_time(1704472200), day_from_civil(2024, 1, 6), "day_of_time in Shanghai");
	is_int(day_of_time(1704472200 - 3600), day_from_civil(2024, 1, 5),
	       "day_of_time one hour before Shanghai midnight");

	ok(!date_set_timezone("Nowhere/Atlantis"), "unknown zone refused");
	ok(!date_set_timezone("../../etc/passwd"), "path traversal refused");
	ok(!date_set_timezone(""), "empty zone refused");
	ok(!date_set_timezone(NULL), "NULL zone refused");
	is_str(date_timezone(), "Asia/Shanghai", "refused zones leave the zone alone");

	ok(date_set_timezone("UTC"), "UTC is known");
	time_format_w3c(1704418200, w);
	is_str(w, "2024-01-05T01:30:00+00:00", "time_format_w3c in UTC");
	ok(date_set_timezone("America/St_Johns"), "America/St_Johns is known");
	time_format_w3c(1704418200, w); /* winter: -03:30 */
	is_str(w, "2024-01-04T22:00:00-03:30", "negative half-hour offset");
	date_set_timezone("Asia/Shanghai");

	setenv("QINGDAN_TODAY", "2024-06-15", 1);
	is_int(day_today(), day_from_civil(2024, 6, 15), "QINGDAN_TODAY fixes today");
	setenv("QINGDAN_TODAY", "garbage", 1);
	is_int(day_today(), day_of_time(time_now()), "bad QINGDAN_TODAY is ignored");
	unsetenv("QINGDAN_TODAY");
	int today = day_today();
	ok(today > day_from_civil(2020, 1, 1) && today < day_from_civil(2200, 1, 1),
	   "today is plausible");
}

/* ---- UTF-8 ---- */

static void test_utf8(void)
{
	static const struct {
		const char *s;
		size_t n; /* 0: strlen */
		bool valid;
		const char *what;
	} cases[] = {
		{"", 0, true, "empty"},
		{"hello", 0, true, "ASCII"},
		{"tab\tcr\rlf\n", 0, true, "tab, CR and LF"},
		{"问题清单·责任清单", 0, true, "CJK with middle dot"},
		{"\xe4\xb8\xad", 0, true, "U+4E2D"},
		{"\xc2\x80", 0, true, "U+0080 (smallest 2-byte)"},
		{"\xdf\xbf", 0, true, "U+07FF"},
		{"\xe0\xa0\x80", 0, true, "U+0800 (smallest 3-byte)"},
		{"\xef\xbf\xbf", 0, true, "U+FFFF"},
		{"\xf0\x90\x80\x80", 0, true, "U+10000 (smallest 4-byte)"},
		{"\xf0\x9f\x98\x80", 0, true, "emoji U+1F600"},
		{"\xf4\x8f\xbf\xbf", 0, true, "U+10FFFF"},
		{"\xed\x9f\xbf", 0, true, "U+D7FF (before surrogates)"},
		{"\xee\x80\x80", 0, true, "U+E000 (after surrogates)"},
		{"\xc0\x80", 0, false, "overlong NUL (C0 80)"},
		{"\xc1\xbf", 0, false, "overlong C1 BF"},
		{"\xe0\x80\xaf", 0, false, "overlong 3-byte '/'"},
		{"\xe0\x9f\xbf", 0, false, "overlong 3-byte U+07FF"},
		{"\xf0\x80\x80\xaf", 0, false, "overlong 4-byte '/'"},
		{"\xf0\x8f\xbf\xbf", 0, false, "overlong 4-byte U+FFFF"},
		{"\xed\xa0\x80", 0, false, "surrogate U+D800"},
		{"\xed\xbf\xbf", 0, false, "surrogate U+DFFF"},
		{"\xed\xa0\xbd\xed\xb8\x80", 0, false, "CESU-8 surrogate pair"},
		{"\xf4\x90\x80\x80", 0, false, "U+110000 (beyond Unicode)"},
		{"\xf5\x80\x80\x80", 0, false, "lead byte F5"},
		{"\xf8\x88\x80\x80\x80", 0, false, "5-byte form"},
		{"\xff", 0, false, "byte FF"},
		{"\xfe", 0, false, "byte FE"},
		{"\x80", 0, false, "lone continuation byte"},
		{"a\xbf" "b", 0, false, "continuation byte amid ASCII"},
		{"\xe4\xb8", 0, false, "truncated 3-byte at end"},
		{"\xe4", 0, false, "lead byte alone at end"},
		{"\xe4\xb8" "a", 0, false, "truncated 3-byte before ASCII"},
		{"\xf0\x9f\x98", 0, false, "truncated 4-byte at end"},
		{"\xc3", 0, false, "truncated 2-byte at end"},
		{"\xe4\xb8\xad\xe6\x96", 0, false, "good char then truncated one"},
		{"a\x01" "b", 0, false, "control U+0001"},
		{"esc\x1b[0m", 0, false, "escape U+001B"},
		{"del\x7f", 0, false, "DEL U+007F"},
		{"\x0b", 0, false, "vertical tab"},
		{"\x0c", 0, false, "form feed"},
		{"a\0b", 3, false, "embedded NUL"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = cases[i].n ? cases[i].n : strlen(cases[i].s);
		ok(utf8_valid_text(cases[i].s, n) == cases[i].valid, "utf8_valid_text: %s is %s",
		   cases[i].what, cases[i].valid ? "valid" : "invalid");
	}
	/* Only n bytes count: a bad byte past n is not looked at, a cut char is. */
	ok(utf8_valid_text("ok\xff", 2), "bytes past n are ignored");
	ok(!utf8_valid_text("\xe4\xb8\xad", 2), "a char cut by n is invalid");

	is_int(utf8_len(""), 0, "utf8_len empty");
	is_int(utf8_len("abc"), 3, "utf8_len ASCII");
	is_int(utf8_len("清单abc"), 5, "utf8_len mixed");
	is_int(utf8_len("\xf0\x9f\x98\x80"), 1, "utf8_len 4-byte");
}

/* ---- buffers and allocation ---- */

static void test_buf(void)
{
	struct buf b = BUF_INIT;
	is_str(buf_str(&b), "", "empty buffer reads as \"\"");
	is_int(b.len, 0, "empty buffer has length 0");
	buf_puts(&b, "清单");
	buf_putc(&b, ':');
	buf_printf(&b, "%d-%s", 42, "x");
	is_str(buf_str(&b), "清单:42-x", "puts, putc and printf append");
	is_int(b.len, strlen("清单:42-x"), "len counts bytes");
	buf_append(&b, "", 0);
	is_int(b.len, strlen("清单:42-x"), "appending nothing changes nothing");

	/* Grow well past the first allocation with printf. */
	buf_reset(&b);
	is_str(buf_str(&b), "", "reset empties");
	char big[1001];
	memset(big, 'z', 1000);
	big[1000] = '\0';
	buf_printf(&b, "<%s>", big);
	ok(b.len == 1002 && b.p[0] == '<' && b.p[1001] == '>' && b.p[1002] == '\0',
	   "printf of 1002 bytes grows and terminates");
	ok(b.cap > b.len, "capacity leaves room for NUL");
	for (int i = 0; i < 5000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	is_int(b.len, 6002, "many putc");
	ok(strlen(buf_str(&b)) == 6002, "still NUL-terminated after growth");

	/* Binary data with NUL inside keeps its length. */
	struct buf bin = BUF_INIT;
	buf_append(&bin, "a\0b", 3);
	ok(bin.len == 3 && bin.p[1] == '\0' && bin.p[2] == 'b' && bin.p[3] == '\0',
	   "append keeps embedded NUL");
	buf_free(&bin);

	char *s = buf_steal(&b);
	is_int(strlen(s), 6002, "steal hands over the contents");
	ok(b.p == NULL && b.len == 0 && b.cap == 0, "steal resets the buffer");
	free(s);
	s = buf_steal(&b);
	is_str(s, "", "steal of an empty buffer gives \"\"");
	free(s);
	buf_free(&b);
	buf_free(&b);
	ok(b.p == NULL, "free twice is harmless");

	char *d = xstrdup("abc");
	is_str(d, "abc", "xstrdup");
	xstrset(&d, "清单");
	is_str(d, "清单", "xstrset replaces");
	xstrset(&d, NULL);
	ok(d == NULL, "xstrset NULL");
	ok(xstrdup(NULL) == NULL, "xstrdup NULL stays NULL");
	d = xstrndup("abcdef", 3);
	is_str(d, "abc", "xstrndup");
	free(d);
}

/* ---- errors ---- */

static void test_err(void)
{
	int bad_name = 0, bad_status = 0, bad_msg = 0, dup = 0;
	for (int c = 0; c < QD_ERR_COUNT; c++) {
		const char *name = qd_err_name((qd_err)c);
		if (!name || !*name) {
			bad_name++;
			continue;
		}
		for (const char *p = name; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || *p == '_' || (*p >= '0' && *p <= '9')))
				bad_name++;
		for (int k = 0; k < c; k++)
			if (strcmp(qd_err_name((qd_err)k), name) == 0)
				dup++;
		int st = qd_err_status((qd_err)c);
		if (st < 200 || st > 599)
			bad_status++;
		const char *zh = qd_err_message((qd_err)c, "zh");
		const char *en = qd_err_message((qd_err)c, "en");
		bool zh_cjk = false;
		for (const char *p = zh; p && *p; p++)
			zh_cjk |= (unsigned char)*p >= 0x80;
		if (!zh || !*zh || !en || !*en || !zh_cjk || strcmp(zh, en) == 0 ||
		    !utf8_valid_text(zh, strlen(zh)) || !utf8_valid_text(en, strlen(en))) {
			bad_msg++;
			diag("code %d %s: zh '%s' en '%s'", c, name, zh ? zh : "(null)",
			     en ? en : "(null)");
		}
	}
	ok(QD_ERR_COUNT > 10, "registry has codes (%d)", (int)QD_ERR_COUNT);
	is_int(bad_name, 0, "every code has an upper-case name");
	is_int(dup, 0, "names are unique");
	is_int(bad_status, 0, "every status is within 200..599");
	is_int(bad_msg, 0, "every code has distinct, valid zh and en messages");

	is_int(QD_OK, 0, "QD_OK is zero");
	is_str(qd_err_name(QD_OK), "OK", "name of QD_OK");
	is_int(qd_err_status(QD_OK), 200, "QD_OK is 200");
	is_str(qd_err_name(QD_FORBIDDEN), "FORBIDDEN", "name of QD_FORBIDDEN");
	is_int(qd_err_status(QD_FORBIDDEN), 403, "QD_FORBIDDEN is 403");
	is_int(qd_err_status(QD_NOT_FOUND), 404, "QD_NOT_FOUND is 404");
	is_int(qd_err_status(QD_CONFLICT), 409, "QD_CONFLICT is 409");
	is_int(qd_err_status(QD_BAD_FIELD), 400, "QD_BAD_FIELD is 400");
	is_int(qd_err_status(QD_UNAUTHENTICATED), 401, "QD_UNAUTHENTICATED is 401");
	is_int(qd_err_status(QD_NOT_ABOVE), 403, "QD_NOT_ABOVE is 403");
	is_int(qd_err_status(QD_DB), 500, "QD_DB is 500");
	is_str(qd_err_message(QD_NOT_FOUND, "en"), "not found", "English message");
	is_str(qd_err_message(QD_NOT_FOUND, NULL), qd_err_message(QD_NOT_FOUND, "zh"),
	       "Chinese is the default language");
	is_str(qd_err_message(QD_NOT_FOUND, "fr"), qd_err_message(QD_NOT_FOUND, "zh"),
	       "unknown language falls back to Chinese");
	is_str(qd_err_name(QD_ERR_COUNT), "INTERNAL", "out-of-range code is INTERNAL");
	is_int(qd_err_status((qd_err)(QD_ERR_COUNT + 7)), 500, "out-of-range status is 500");
	is_str(qd_err_message(QD_ERR_COUNT, "en"), qd_err_message(QD_INTERNAL, "en"),
	       "out-of-range message is INTERNAL's");

	struct qd_error e;
	memset(&e, 0x55, sizeof e);
	is_int(qd_fail(&e, QD_BAD_FIELD, "title", "%d-%d characters", 1, 200), QD_BAD_FIELD,
	       "qd_fail returns the code");
	ok(e.code == QD_BAD_FIELD, "qd_fail sets code");
	is_str(e.field, "title", "qd_fail sets field");
	is_str(e.detail, "1-200 characters", "qd_fail formats detail");
	qd_fail(&e, QD_NOT_FOUND, NULL, NULL);
	ok(e.field[0] == '\0' && e.detail[0] == '\0', "NULL field and detail become empty");
	is_int(qd_fail(NULL, QD_DB, "x", "y"), QD_DB, "qd_fail with NULL record");
	char longf[200];
	memset(longf, 'f', sizeof longf - 1);
	longf[sizeof longf - 1] = '\0';
	qd_fail(&e, QD_BAD_FIELD, longf, "%s", longf);
	ok(strlen(e.field) == sizeof e.field - 1, "long field is truncated, terminated");
}

/* ---- hashing ---- */

static void test_hash(void)
{
	ok(hash_init(), "hash_init");
	unsigned char h1[HASH_LEN], h2[HASH_LEN], back[HASH_LEN];
	hash_bytes("abc", 3, h1);
	hash_bytes("abd", 3, h2);
	ok(memcmp(h1, h2, HASH_LEN) != 0, "different input, different hash");
	char hex[HASH_HEX_LEN];
	hash_hex(h1, hex);
	is_int(strlen(hex), 64, "hex is 64 characters");
	ok(hash_from_hex(hex, back) && memcmp(back, h1, HASH_LEN) == 0, "hex round trip");
	ok(!hash_from_hex("abc", back), "short hex refused");
	hex[5] = 'g';
	ok(!hash_from_hex(hex, back), "non-hex refused");
	char t1[TOKEN_TEXT_LEN], t2[TOKEN_TEXT_LEN];
	token_new(t1);
	token_new(t2);
	is_int(strlen(t1), 43, "token is 43 base64url characters");
	ok(strcmp(t1, t2) != 0, "tokens differ");
	ok(strspn(t1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43,
	   "token alphabet is base64url");

	/* Chain fields are length-prefixed: ("ab","c") differs from ("a","bc"). */
	struct hash_chain_state s;
	hashc_init(&s);
	hashc_str(&s, "ab");
	hashc_str(&s, "c");
	hashc_final(&s, h1);
	hashc_init(&s);
	hashc_str(&s, "a");
	hashc_str(&s, "bc");
	hashc_final(&s, h2);
	ok(memcmp(h1, h2, HASH_LEN) != 0, "chain hash separates fields");
	hashc_init(&s);
	hashc_str(&s, NULL);
	hashc_final(&s, h1);
	hashc_init(&s);
	hashc_str(&s, "");
	hashc_final(&s, h2);
	ok(memcmp(h1, h2, HASH_LEN) != 0, "chain hash tells NULL from empty");

	char pw[256];
	ok(password_hash("correct horse", pw, sizeof pw), "password_hash");
	ok(strncmp(pw, "$argon2id$", 10) == 0, "argon2id encoding");
	ok(password_verify(pw, "correct horse"), "right password verifies");
	ok(!password_verify(pw, "correct horsE"), "wrong password refused");
	ok(!password_verify(NULL, "x") && !password_verify(pw, NULL), "NULL refused");
	ok(!password_hash("x", pw, 16), "too small output buffer refused");
}

/* ---- jsonw: byte for byte what jansson writes ---- */

static char *jansson_text(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
	json_decref(o);
	return s;
}

/* A random string of well-formed UTF-8 with the characters that need
 * escaping: controls, quote, backslash, slash, DEL, CJK, 4-byte. */
static void random_text(uint64_t *r, char *out, int max)
{
	static const char *const pieces[] = {"a", "Z", "0", " ", "\"", "\\", "/", "\x7f", "\n",
					     "\t", "\r", "\b", "\f", "\x01", "\x1f", "é", "路灯",
					     "，", "\xe2\x80\xa8", "😀", "\xf4\x8f\xbf\xbf", "&<>'"};
	int n = 0, len = 0;
	out[0] = '\0';
	*r = *r * 6364136223846793005ull + 1442695040888963407ull;
	int count = (int)((*r >> 33) % 12);
	while (n++ < count) {
		*r = *r * 6364136223846793005ull + 1442695040888963407ull;
		const char *p = pieces[(*r >> 33) % (sizeof pieces / sizeof pieces[0])];
		int l = (int)strlen(p);
		if (len + l >= max)
			break;
		memcpy(out + len, p, (size_t)l + 1);
		len += l;
	}
}

static void test_jsonw(void)
{
	uint64_t r = 42;
	int same = 0, total = 2000;
	for (int k = 0; k < total; k++) {
		char t1[128], t2[128];
		random_text(&r, t1, sizeof t1);
		random_text(&r, t2, sizeof t2);
		int64_t v = (int64_t)(r >> 1) * (k % 2 ? -1 : 1);
		json_t *j = json_object();
		json_object_set_new(j, "zeta", json_string(t1));
		json_object_set_new(j, "alpha", json_integer(v));
		json_object_set_new(j, "mid_key", json_null());
		json_object_set_new(j, "b", json_boolean(k % 3 == 0));
		json_object_set_new(j, "text", json_string(t2));
		json_object_set_new(j, "id", json_integer(k));
		struct jw_object o = {0};
		jw_str(&o, "zeta", t1);
		jw_int(&o, "alpha", v);
		jw_null(&o, "mid_key");
		jw_bool(&o, "b", k % 3 == 0);
		jw_str(&o, "text", t2);
		jw_int(&o, "id", k);
		char *a = jansson_text(j), *b = jw_dump(&o);
		if (a && b && strcmp(a, b) == 0)
			same++;
		else if (same == k)
			diag("first difference:\n#  jansson: %s\n#  jsonw:   %s", a, b);
		free(a);
		free(b);
	}
	is_int(same, total, "jsonw writes what jansson writes (%d random objects)", total);
	struct jw_object o = {0};
	jw_str(&o, "bad", "\xff\xfe");
	jw_str(&o, "nul", NULL);
	jw_int(&o, "x", 1);
	jw_int(&o, "x", 2);
	char *t = jw_dump(&o);
	is_str(t, "{\"x\":2}", "malformed UTF-8 and NULL leave the key out; a key set twice keeps the last");
	free(t);
	struct jw_object e = {0};
	t = jw_dump(&e);
	is_str(t, "{}", "an empty object");
	free(t);
}

int main(void)
{
	test_civil();
	test_parse();
	test_weekday();
	test_timezone();
	test_utf8();
	test_buf();
	test_err();
	test_hash();
	test_jsonw();
	return done_testing();
}
