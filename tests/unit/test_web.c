/* test_web.c: the web foundation: message tables complete in both
 * languages, escaping helpers, form decoding and CSRF tokens. */
#include "tap.h"
#include "http/html.h"
#include "http/http.h"
#include "util/hash.h"
#include "web/i18n.h"
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

int main(void)
{
	hash_init();
	test_messages();
	test_escaping();
	test_forms();
	test_csrf();
	return done_testing();
}
