/* test_open311_format.c: the Open311 format layer (src/open311/format.c):
 * XML from jansson values checked against the spec's own examples in
 * tests/http/open311_examples/, escaping of hostile text, W3C datetimes,
 * format suffixes and error bodies.
 *
 * The examples come from the GeoReport v2 page and the Service Discovery
 * page of open311/open311.github.io (GeoReport_v2/index.md,
 * Service_Discovery.md), each code block copied without its 4-space
 * Markdown indent; errors.* without the "HTTP/1.1 403 Forbidden" line. The
 * spec's services.json, requests.json and request.json are not valid JSON
 * (service_code 001, 006): the tests quote such numbers before loading.
 * servicerequestupdates.xml and post_servicerequestupdates.xml are
 * FixMyStreet's test fixtures (mysociety/fixmystreet
 * t/open311/getservicerequestupdates.t, with its UPDATED_DATETIME filled in,
 * and t/open311/post-service-request-updates.t). */
#include "tap.h"
#include "open311/format.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/utf8.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static char *read_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	return buf_steal(&b);
}

/* An example file: make test runs from the repository root; failing that,
 * look beside this source file (__FILE__ is relative to where cc ran). */
static char *read_example(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "tests/http/open311_examples/%s", name);
	char *s = read_file(path);
	if (s)
		return s;
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 1;
	snprintf(path, sizeof path, "%.*s/../http/open311_examples/%s", dir,
		 slash ? __FILE__ : ".", name);
	return read_file(path);
}

/* The spec's JSON writes service codes as 001: quote numbers with a leading
 * zero after a colon so that jansson reads them (as the strings they are). */
static char *quote_leading_zeros(const char *s)
{
	struct buf b = BUF_INIT;
	bool in_string = false;
	for (const char *p = s; *p; p++) {
		buf_putc(&b, *p);
		if (in_string && *p == '\\' && p[1]) {
			buf_putc(&b, *++p);
			continue;
		}
		if (*p == '"')
			in_string = !in_string;
		if (!in_string && *p == ':' && p[1] == '0' && isdigit((unsigned char)p[2])) {
			const char *e = p + 1;
			while (isdigit((unsigned char)*e))
				e++;
			buf_putc(&b, '"');
			buf_append(&b, p + 1, (size_t)(e - p - 1));
			buf_putc(&b, '"');
			p = e - 1;
		}
	}
	return buf_steal(&b);
}

static void put_text_decoded(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strncmp(s + i, "&apos;", 6) == 0 && i + 6 <= n) {
			buf_putc(b, '\'');
			i += 5;
		} else if (strncmp(s + i, "&quot;", 6) == 0 && i + 6 <= n) {
			buf_putc(b, '"');
			i += 5;
		} else {
			buf_putc(b, s[i]);
		}
	}
}

/* XML with whitespace-only text dropped, text trimmed, <x/> written
 * <x></x>, &apos; and &quot; decoded, and the declaration in lower case:
 * two documents that differ only in layout normalise to the same string. */
static char *normalise_xml(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p = s;
	while (*p) {
		if (*p == '<') {
			const char *e = strchr(p, '>');
			if (!e)
				break;
			size_t n = (size_t)(e - p + 1);
			if (p[1] == '?') {
				for (size_t i = 0; i < n; i++)
					buf_putc(&b, (char)tolower((unsigned char)p[i]));
			} else if (e[-1] == '/') {
				buf_append(&b, p, n - 2);
				buf_puts(&b, "></");
				buf_append(&b, p + 1, n - 3);
				buf_putc(&b, '>');
			} else {
				buf_append(&b, p, n);
			}
			p = e + 1;
			continue;
		}
		const char *e = strchr(p, '<');
		if (!e)
			e = p + strlen(p);
		const char *a = p, *z = e;
		while (a < z && isspace((unsigned char)*a))
			a++;
		while (z > a && isspace((unsigned char)z[-1]))
			z--;
		put_text_decoded(&b, a, (size_t)(z - a));
		p = e;
	}
	return buf_steal(&b);
}

/* o311_xml(root, v) compared with a spec example after normalising both. */
static void is_example(const char *root, json_t *v, const char *example, const char *desc)
{
	char *want_raw = read_example(example);
	if (!ok(want_raw != NULL, "%s: example %s readable", desc, example)) {
		diag("run from the repository root");
		return;
	}
	char *got_raw = o311_xml(root, v);
	ok(got_raw != NULL, "%s: o311_xml gives a document", desc);
	char *got = normalise_xml(got_raw ? got_raw : "");
	char *want = normalise_xml(want_raw);
	is_str(got, want, "%s: XML equals the spec's example %s", desc, example);
	free(got);
	free(want);
	free(got_raw);
	free(want_raw);
}

/* Load a JSON example (fixing the spec's 001 numbers first). */
static json_t *load_example_json(const char *name)
{
	char *raw = read_example(name);
	if (!raw)
		return NULL;
	char *fixed = quote_leading_zeros(raw);
	json_error_t err;
	json_t *v = json_loads(fixed, JSON_REJECT_DUPLICATES, &err);
	if (!v)
		diag("%s: %s (line %d)", name, err.text, err.line);
	free(fixed);
	free(raw);
	return v;
}

static void is_xml(json_t *v, const char *want_body, const char *desc)
{
	char *got = o311_xml("r", v);
	char want[4096];
	snprintf(want, sizeof want, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r>%s</r>\n",
		 want_body);
	is_str(got, want, "%s", desc);
	free(got);
}

/* s for a test description: bytes outside printable ASCII as \xNN. */
static const char *shown(const char *s)
{
	static char out[256];
	size_t k = 0;
	for (; *s && k + 5 < sizeof out; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f)
			out[k++] = (char)c;
		else
			k += (size_t)snprintf(out + k, sizeof out - k, "\\x%02X", c);
	}
	out[k] = '\0';
	return out;
}

/* ---- XML: the spec's examples ---- */

static void test_spec_examples(void)
{
	static const struct {
		const char *json, *xml, *root;
	} ex[] = {
		{"discovery.json", "discovery.xml", "discovery"},
		{"services.json", "services.xml", "services"},
		{"service_definition.json", "service_definition.xml", "service_definition"},
		{"post_request.json", "post_request.xml", "service_requests"},
		{"tokens.json", "tokens.xml", "service_requests"},
		{"requests.json", "requests.xml", "service_requests"},
		{"request.json", "request.xml", "service_requests"},
		{"errors.json", "errors.xml", "errors"},
	};
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		json_t *v = load_example_json(ex[i].json);
		if (!ok(v != NULL, "%s loads", ex[i].json))
			continue;
		is_example(ex[i].root, v, ex[i].xml, ex[i].json);
		json_decref(v);
	}

	/* The same document built by hand, as a handler would. */
	json_t *attr = json_pack("{sb ss ss sb sn si ss s[{sI ss} {sI ss}]}", "variable", 1,
				 "code", "WHISHETN", "datatype", "singlevaluelist", "required", 1,
				 "datatype_description", "order", 1, "description",
				 "What is the ticket/tag/DL number?", "values", "key",
				 (json_int_t)123, "name", "Ford", "key", (json_int_t)124, "name",
				 "Chrysler");
	json_t *def = json_pack("{ss s[o]}", "service_code", "DMV66", "attributes", attr);
	is_example("service_definition", def, "service_definition.xml", "built by hand");
	json_decref(def);

	/* FixMyStreet's updates: the wiki names the root service_request_updates,
	 * its fixture service_requests_updates (its parser ignores the root). */
	json_t *upd = json_pack("[{ss si ss ss ss}]", "update_id", "638344", "service_request_id",
				1, "status", "open", "description", "This is a note",
				"updated_datetime", "2014-01-01T13:00:00Z");
	char *got = o311_xml("service_request_updates", upd);
	char *fixture = read_example("servicerequestupdates.xml");
	if (ok(got && fixture, "updates: document and fixture")) {
		struct buf w = BUF_INIT;
		for (const char *p = fixture; *p;) {
			if (strncmp(p, "service_requests_updates", 24) == 0) {
				buf_puts(&w, "service_request_updates");
				p += 24;
			} else {
				buf_putc(&w, *p++);
			}
		}
		char *a = normalise_xml(got), *b = normalise_xml(buf_str(&w));
		is_str(a, b, "servicerequestupdates: request_update items as FixMyStreet reads them");
		free(a);
		free(b);
		buf_free(&w);
	}
	free(got);
	free(fixture);
	json_decref(upd);

	json_t *posted = json_pack("[{ss}]", "update_id", "248");
	got = o311_xml("service_request_updates", posted);
	fixture = read_example("post_servicerequestupdates.xml");
	if (ok(got && fixture, "POST updates: document and fixture")) {
		char *a = normalise_xml(got), *b = normalise_xml(fixture);
		is_str(a, b, "POST servicerequestupdates reply as FixMyStreet expects");
		free(a);
		free(b);
	}
	free(got);
	free(fixture);
	json_decref(posted);
}

/* ---- XML: values, names, escaping ---- */

static void test_xml_values(void)
{
	json_t *v = json_pack("{si sI sf sf sf sf sb sb sn ss s[] s{} s[i,s]}", "i", 42, "neg",
			      (json_int_t)-9007199254740993LL, "lat", 37.762221815, "long",
			      -122.4651145, "tenth", 0.1, "five", 5.0, "t", 1, "f", 0, "nothing",
			      "empty", "", "services", "obj", "codes", 1, "two");
	is_xml(v,
	       "<i>42</i><neg>-9007199254740993</neg><lat>37.762221815</lat>"
	       "<long>-122.4651145</long><tenth>0.1</tenth><five>5</five><t>true</t>"
	       "<f>false</f><nothing></nothing><empty></empty><services></services><obj></obj>"
	       "<codes><code>1</code><code>two</code></codes>",
	       "numbers, booleans, null, empties, arrays in key order");
	json_decref(v);

	char *s = o311_xml("r", NULL);
	is_str(s, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r></r>\n", "NULL value: empty root");
	free(s);

	v = json_pack("[{ss}, {ss}]", "service_code", "a", "service_code", "b");
	s = o311_xml("services", v);
	is_str(s,
	       "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>a"
	       "</service_code></service><service><service_code>b</service_code></service>"
	       "</services>\n",
	       "an array at the root: one item element each");
	free(s);
	json_decref(v);

	v = json_pack("{s[[i,i]]}", "rows", 1, 2);
	is_xml(v, "<rows><row><item>1</item><item>2</item></row></rows>",
	       "an array in an array: items named 'item'");
	json_decref(v);

	/* Key order is insertion order (jansson >= 2.8), also after a reset. */
	v = json_object();
	json_object_set_new(v, "zeta", json_integer(1));
	json_object_set_new(v, "alpha", json_integer(2));
	json_object_set_new(v, "mid", json_integer(3));
	json_object_set_new(v, "zeta", json_integer(4));
	is_xml(v, "<zeta>4</zeta><alpha>2</alpha><mid>3</mid>", "object members in insertion order");
	json_decref(v);
}

static void test_item_names(void)
{
	static const char *const pairs[][2] = {
		{"services", "service"},
		{"service_requests", "request"},
		{"service_request_updates", "request_update"},
		{"attributes", "attribute"},
		{"values", "value"},
		{"errors", "error"},
		{"endpoints", "endpoint"},
		{"formats", "format"},
		{"groups", "group"},
		{"keywords", "keyword"},
		{"data", "item"},
		{"s", "item"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char out[32];
		bool fit = o311_item_name(pairs[i][0], out, sizeof out);
		ok(fit && strcmp(out, pairs[i][1]) == 0, "item of %s is %s", pairs[i][0],
		   pairs[i][1]);
	}
	char eight[8], seven[7];
	ok(o311_item_name("service_requests", eight, sizeof eight) && strcmp(eight, "request") == 0,
	   "'request' fits in 8 bytes");
	ok(!o311_item_name("services", seven, sizeof seven), "'service' does not fit in 7 bytes");
	ok(o311_item_name("errors", seven, sizeof seven) && strcmp(seven, "error") == 0,
	   "'error' fits in 7 bytes");
}

static void test_xml_refusals(void)
{
	static const char *const bad[] = {"", "a b", "1abc", "<x>", "a&b", "-x", ".x", "名字",
					  "xmlns:foo"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *s = o311_xml(bad[i], NULL);
		ok(s == NULL, "root '%s' refused", shown(bad[i]));
		free(s);
		json_t *v = json_pack("{si}", bad[i], 1);
		s = o311_xml("r", v);
		ok(s == NULL, "key '%s' refused", shown(bad[i]));
		free(s);
		json_decref(v);
	}
	char *s = o311_xml(NULL, NULL);
	ok(s == NULL, "NULL root refused");
	char long_name[70];
	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	s = o311_xml(long_name, NULL);
	ok(s == NULL, "a 69-byte name refused");
	long_name[64] = '\0';
	s = o311_xml(long_name, NULL);
	ok(s != NULL, "a 64-byte name accepted");
	free(s);

	/* Depth: 32 levels below the root are fine, 33 are refused. */
	for (int depth = 31; depth <= 33; depth++) {
		json_t *v = json_integer(1);
		for (int k = 0; k < depth; k++) {
			json_t *a = json_array();
			json_array_append_new(a, v);
			v = a;
		}
		s = o311_xml("r", v);
		ok((s != NULL) == (depth < 33), "%d nested arrays %s", depth,
		   depth < 33 ? "written" : "refused");
		free(s);
		json_decref(v);
	}

	/* A cycle made with json_object_set is stopped by the depth limit. */
	json_t *a = json_object(), *b = json_object();
	json_object_set(a, "b", b);
	json_object_set(b, "a", a);
	s = o311_xml("r", a);
	ok(s == NULL, "a cyclic value is refused, not followed for ever");
	free(s);
	json_object_del(b, "a");
	json_decref(b);
	json_decref(a);
}

static void test_xml_escaping(void)
{
	json_t *v = json_pack("{ss}", "description", "<script>alert(\"x&y's\")</script>");
	is_xml(v,
	       "<description>&lt;script&gt;alert(&quot;x&amp;y&apos;s&quot;)&lt;/script&gt;"
	       "</description>",
	       "markup in a string is escaped");
	json_decref(v);

	v = json_pack("{ss}", "d", "]]><![CDATA[<x/>]]>");
	is_xml(v, "<d>]]&gt;&lt;![CDATA[&lt;x/&gt;]]&gt;</d>", "CDATA tricks stay text");
	json_decref(v);

	v = json_pack("{ss}", "d", "a\x01" "b\x1f" "c\x7f" "d\te\rf\ng");
	is_xml(v, "<d>a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\x7f" "d\te&#13;f\ng</d>",
	       "C0 controls become U+FFFD; tab and LF kept; CR as &#13;; DEL kept");
	json_decref(v);

	v = json_object();
	json_object_set_new(v, "d", json_stringn("a\0b", 3));
	is_xml(v, "<d>a\xEF\xBF\xBD" "b</d>", "an embedded NUL becomes U+FFFD");
	json_decref(v);

	v = json_pack("{ss}", "d", "清单 — ✓ \xF0\x9F\x98\x80 \xC2\x85");
	is_xml(v, "<d>清单 — ✓ \xF0\x9F\x98\x80 \xC2\x85</d>", "valid UTF-8 passes through");
	json_decref(v);

	/* Invalid UTF-8 (only json_stringn_nocheck lets it into a json_t):
	 * every offending byte becomes one U+FFFD; nothing is dropped silently. */
	static const struct {
		const char *in, *out, *what;
	} bad[] = {
		{"\xff", "\xEF\xBF\xBD", "a stray 0xFF"},
		{"a\x80z", "a\xEF\xBF\xBDz", "a lone continuation byte"},
		{"\xc0\xaf", "\xEF\xBF\xBD\xEF\xBF\xBD", "a two-byte overlong '/'"},
		{"\xe0\x80\xaf", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "a three-byte overlong '/'"},
		{"\xed\xa0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "a UTF-16 surrogate"},
		{"\xe4\xb8<", "\xEF\xBF\xBD\xEF\xBF\xBD&lt;", "a truncated sequence before '<'"},
		{"\xf4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
		 "above U+10FFFF"},
		{"\xef\xbf\xbe\xef\xbf\xbf", "\xEF\xBF\xBD\xEF\xBF\xBD", "U+FFFE and U+FFFF"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = json_object();
		json_object_set_new(v, "d", json_stringn_nocheck(bad[i].in, strlen(bad[i].in)));
		char *s = o311_xml("r", v);
		char want[256];
		snprintf(want, sizeof want,
			 "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r><d>%s</d></r>\n", bad[i].out);
		is_str(s, want, "invalid UTF-8, %s, replaced", bad[i].what);
		ok(s && utf8_valid_text(s, strlen(s)), "the document is valid UTF-8 text");
		free(s);
		json_decref(v);
	}
}

/* ---- render, content types, errors ---- */

static void test_render_and_errors(void)
{
	json_t *v = json_pack("[{si ss}]", "code", 404, "description", "没有");
	char *s = o311_render(O311_JSON, "errors", v);
	is_str(s, "[{\"code\":404,\"description\":\"没有\"}]", "render JSON is compact");
	free(s);
	s = o311_render(O311_XML, "errors", v);
	is_str(s,
	       "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error><code>404</code>"
	       "<description>没有</description></error></errors>\n",
	       "render XML");
	free(s);
	json_decref(v);
	s = o311_render(O311_JSON, "x", NULL);
	is_str(s, "null", "render JSON of NULL");
	free(s);

	is_str(o311_content_type(O311_XML), "text/xml; charset=utf-8", "XML content type");
	is_str(o311_content_type(O311_JSON), "application/json; charset=utf-8",
	       "JSON content type");

	s = o311_errors(O311_XML, 403,
			"Invalid api_key received -- can't proceed with create_request.");
	is_str(s,
	       "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error><code>403</code>"
	       "<description>Invalid api_key received -- can&apos;t proceed with "
	       "create_request.</description></error></errors>\n",
	       "the spec's error, XML");
	free(s);
	s = o311_errors(O311_JSON, 403,
			"Invalid api_key received -- can't proceed with create_request.");
	is_str(s,
	       "[{\"code\":403,\"description\":\"Invalid api_key received -- can't proceed "
	       "with create_request.\"}]",
	       "the spec's error, JSON");
	free(s);

	s = o311_errors(O311_XML, 400, "<b>\"&'</b>");
	is_str(s,
	       "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error><code>400</code>"
	       "<description>&lt;b&gt;&quot;&amp;&apos;&lt;/b&gt;</description></error></errors>\n",
	       "hostile description escaped in XML");
	free(s);
	s = o311_errors(O311_JSON, 400, "<b>\"\\\n\x01");
	is_str(s, "[{\"code\":400,\"description\":\"<b>\\\"\\\\\\n\\u0001\"}]",
	       "hostile description escaped in JSON");
	free(s);

	s = o311_errors(O311_JSON, 400, NULL);
	is_str(s, "[{\"code\":400,\"description\":\"\"}]", "NULL description is empty");
	free(s);
	s = o311_errors(O311_JSON, 400, "bad \xff byte");
	is_str(s, "[{\"code\":400,\"description\":\"bad \xEF\xBF\xBD byte\"}]",
	       "invalid UTF-8 in a JSON error becomes U+FFFD");
	free(s);
	s = o311_errors(O311_XML, 400, "bad \xff byte");
	ok(s && strstr(s, "<description>bad \xEF\xBF\xBD byte</description>"),
	   "invalid UTF-8 in an XML error becomes U+FFFD");
	free(s);

	/* The error bodies equal the spec's examples. */
	s = o311_errors(O311_XML, 403,
			"Invalid api_key received -- can't proceed with create_request.");
	char *ex = read_example("errors.xml");
	if (ok(s && ex, "errors.xml readable")) {
		char *a = normalise_xml(s), *b = normalise_xml(ex);
		is_str(a, b, "o311_errors XML equals errors.xml");
		free(a);
		free(b);
	}
	free(ex);
	free(s);
	s = o311_errors(O311_JSON, 403,
			"Invalid api_key received -- can't proceed with create_request.");
	json_t *want = load_example_json("errors.json");
	json_t *got = s ? json_loads(s, 0, NULL) : NULL;
	ok(want && got && json_equal(got, want), "o311_errors JSON equals errors.json");
	json_decref(want);
	json_decref(got);
	free(s);
}

/* ---- times ---- */

static int64_t utc(int y, int mo, int d, int h, int mi, int se)
{
	return (int64_t)day_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

static void is_parse(const char *s, int64_t want, const char *desc)
{
	int64_t got = -42;
	bool parsed = o311_time_parse(s, &got);
	ok(parsed && got == want, "parse %s (%s)", s, desc);
	if (!parsed || got != want)
		diag("parsed %d, got %lld, want %lld", parsed, (long long)got, (long long)want);
}

static void test_time_format(void)
{
	ok(date_set_timezone("Asia/Shanghai"), "Asia/Shanghai");
	char out[32];
	time_format_w3c(utc(2026, 11, 22, 1, 0, 0), out);
	is_str(out, "2026-11-22T09:00:00+08:00", "format in Asia/Shanghai");
	time_format_w3c(0, out);
	is_str(out, "1970-01-01T08:00:00+08:00", "format the epoch");
	time_format_w3c(utc(1988, 7, 1, 3, 0, 0), out);
	is_str(out, "1988-07-01T12:00:00+09:00", "format in China's summer time of 1988");
	time_format_w3c(utc(1900, 1, 1, 0, 0, 0), out);
	is_str(out, "1900-01-01T00:00:00Z", "local mean time (+08:05:43) falls back to Z");
	time_format_w3c(INT64_MAX, out);
	is_str(out, "9999-12-31T23:59:59Z", "far future clamped");
	time_format_w3c(INT64_MIN, out);
	is_str(out, "0001-01-01T00:00:00Z", "far past clamped to year 1 (in Z: local mean time)");

	ok(date_set_timezone("UTC"), "UTC");
	time_format_w3c(utc(2026, 11, 22, 1, 0, 0), out);
	is_str(out, "2026-11-22T01:00:00+00:00", "format in UTC");
	if (date_set_timezone("America/New_York")) {
		time_format_w3c(utc(2026, 1, 15, 17, 30, 5), out);
		is_str(out, "2026-01-15T12:30:05-05:00", "format with a negative offset");
		time_format_w3c(utc(2026, 7, 15, 16, 30, 5), out);
		is_str(out, "2026-07-15T12:30:05-04:00", "format in daylight saving time");
	} else {
		ok(false, "America/New_York missing from /usr/share/zoneinfo");
	}
	date_set_timezone("Asia/Shanghai");
}

static void test_time_parse(void)
{
	date_set_timezone("Asia/Shanghai");
	int64_t t = utc(2026, 11, 22, 1, 0, 0);
	is_parse("2026-11-22T09:00:00+08:00", t, "offset with colon");
	is_parse("2026-11-22T09:00:00+0800", t, "offset without colon");
	is_parse("2026-11-22T01:00:00Z", t, "Z");
	is_parse("2026-11-22t01:00:00z", t, "lower-case t and z");
	is_parse("2026-11-22T01:00:00-00:00", t, "-00:00");
	is_parse("2026-11-21T20:00:00-05:00", t, "negative offset across midnight");
	is_parse("2026-11-22T09:00:00", t, "no zone: local time");
	is_parse("2026-11-22T09:00", t, "minutes only, local");
	is_parse("2026-11-22T01:00Z", t, "minutes only, Z");
	is_parse("2026-11-22T09:00:00.5+08:00", t, "fraction dropped");
	is_parse("2026-11-22T01:00:00.999999999Z", t, "nine fraction digits");
	is_parse("2026-11-22", utc(2026, 11, 21, 16, 0, 0), "a date is local midnight");
	is_parse("2024-02-29T00:00:00Z", utc(2024, 2, 29, 0, 0, 0), "leap day");
	is_parse("2000-02-29T00:00:00Z", utc(2000, 2, 29, 0, 0, 0), "leap day of 2000");
	is_parse("1994-11-05T08:15:30-05:00", utc(1994, 11, 5, 13, 15, 30), "the spec's example");
	is_parse("1994-11-05T13:15:30Z", utc(1994, 11, 5, 13, 15, 30), "the spec's Z example");
	is_parse("2010-01-01T00:00:00Z", utc(2010, 1, 1, 0, 0, 0), "the spec's query example");
	is_parse("1900-01-01T00:00:00Z", utc(1900, 1, 1, 0, 0, 0), "first year accepted");
	is_parse("2999-12-31T23:59:59+23:59", utc(2999, 12, 31, 0, 0, 59), "last year, +23:59");
	is_parse("1988-04-17T03:30:00", utc(1988, 4, 16, 18, 30, 0), "after the 1988 DST jump");

	static const char *const refused[] = {
		"", "2026", "2026-11", "2026-11-2", "2026-1-22", "20261122", "2026/11/22",
		"2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31", "2026-02-29",
		"1900-02-29", "2024-02-30", "1899-12-31T23:59:59Z", "3000-01-01",
		"2026-11-22T24:00:00Z", "2026-11-22T23:60Z", "2026-11-22T23:59:60Z",
		"2026-11-22T9:00Z", "2026-11-22T09:0Z", "2026-11-22T09", "2026-11-22T",
		"2026-11-22Z", "2026-11-22+08:00", "2026-11-22T09:00:00+08", "2026-11-22T09:00:00+8:00",
		"2026-11-22T09:00:00+24:00", "2026-11-22T09:00:00+08:60", "2026-11-22T09:00:00+08:0",
		"2026-11-22T09:00:00.Z", "2026-11-22T09:00:00.1234567890Z", "2026-11-22T09:00.5Z",
		"2026-11-22 09:00:00", "2026-11-22T09:00:00 08:00", "2026-11-22T09:00:00Z ",
		" 2026-11-22", "2026-11-22T09:00:00Zjunk", "2026-11-22T09:00:00+08:00:00",
		"+2026-11-22", "-2026-11-22", "2026-11-22T09:00:00UTC", "2026-11-22T09:00:00GMT+8",
		"２０２６-11-22", "2026-11-22T09:00:00\xef\xbc\xba", "2026-11-22\n",
		"1988-04-17T02:30:00", /* skipped by China's summer time */
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		int64_t got = -42;
		ok(!o311_time_parse(refused[i], &got) && got == -42, "refuse '%s'", shown(refused[i]));
	}
	ok(!o311_time_parse(NULL, &t), "refuse NULL");
	char longs[200];
	memset(longs, '0', sizeof longs - 1);
	longs[sizeof longs - 1] = '\0';
	memcpy(longs, "2026-11-22T09:00:00.", 20);
	ok(!o311_time_parse(longs, &t), "refuse an overlong string");

	if (date_set_timezone("America/New_York")) {
		int64_t got;
		ok(!o311_time_parse("2024-03-10T02:30:00", &got),
		   "New York: refuse a local time skipped by DST");
		ok(o311_time_parse("2024-11-03T01:30:00", &got) &&
			   (got == utc(2024, 11, 3, 5, 30, 0) || got == utc(2024, 11, 3, 6, 30, 0)),
		   "New York: an ambiguous local time is one of its two instants");
		is_parse("2024-03-10T02:30:00-05:00", utc(2024, 3, 10, 7, 30, 0),
			 "an explicit offset needs no local time");
		date_set_timezone("Asia/Shanghai");
	}
}

static void test_time_round_trip(void)
{
	static const char *const zones[] = {"Asia/Shanghai", "UTC", "America/New_York"};
	for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		if (!date_set_timezone(zones[z]))
			continue;
		int bad = 0, n = 0;
		/* 1901..2100 in steps of a little over a day, hitting every hour */
		for (int64_t t = utc(1901, 1, 1, 0, 0, 0); t < utc(2100, 1, 1, 0, 0, 0);
		     t += 86400 + 3600 + 7, n++) {
			char out[32];
			time_format_w3c(t, out);
			int64_t back;
			if (!o311_time_parse(out, &back) || back != t) {
				if (bad++ < 3)
					diag("%s: %lld -> %s -> %lld", zones[z], (long long)t, out,
					     (long long)back);
			}
		}
		ok(bad == 0, "%s: %d times format and parse back", zones[z], n);
	}
	date_set_timezone("Asia/Shanghai");
}

/* ---- paths ---- */

static void test_format_of(void)
{
	static const struct {
		const char *path, *stem;
		int fmt;
	} good[] = {
		{"/open311/v2/services.xml", "/open311/v2/services", O311_XML},
		{"/open311/v2/services.json", "/open311/v2/services", O311_JSON},
		{"/open311/v2/services/001.json", "/open311/v2/services/001", O311_JSON},
		{"/open311/v2/requests/1.2.xml", "/open311/v2/requests/1.2", O311_XML},
		{"/open311/v2/discovery.xml", "/open311/v2/discovery", O311_XML},
		{"/open311/v2/servicerequestupdates.xml", "/open311/v2/servicerequestupdates",
		 O311_XML},
		{"services.xml", "services", O311_XML},
		{"/open311/v2/tokens/a.b.json", "/open311/v2/tokens/a.b", O311_JSON},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char stem[64];
		int fmt = 0;
		bool yes = o311_format_of(good[i].path, stem, sizeof stem, &fmt);
		ok(yes && strcmp(stem, good[i].stem) == 0 && fmt == good[i].fmt, "%s -> %s, %s",
		   good[i].path, good[i].stem, good[i].fmt == O311_XML ? "xml" : "json");
	}
	static const char *const bad[] = {
		"/open311/v2/services",      "/open311/v2/services.XML", "/open311/v2/services.html",
		"/open311/v2/services.",     "/open311/v2/.xml",         "/open311.v2/services",
		"/open311/v2/services.xml/", "/open311/v2/services.xmlx", "/open311/v2/services.jso",
		"",                          ".json",                    "/open311/v2/services.xml\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char stem[64] = "junk";
		int fmt = 7;
		ok(!o311_format_of(bad[i], stem, sizeof stem, &fmt) && stem[0] == '\0' && fmt == 7,
		   "refuse '%s'", shown(bad[i]));
	}
	char stem[21];
	int fmt = 0;
	ok(o311_format_of("/open311/v2/services.xml", stem, sizeof stem, &fmt) &&
		   strcmp(stem, "/open311/v2/services") == 0,
	   "a stem that exactly fits (20 bytes + NUL)");
	ok(!o311_format_of("/open311/v2/services.xml", stem, 20, &fmt) && stem[0] == '\0',
	   "a stem one byte too long is refused");
	ok(!o311_format_of(NULL, stem, sizeof stem, &fmt), "NULL path refused");
	ok(!o311_format_of("/a.xml", NULL, 0, &fmt), "NULL stem refused");
}

int main(void)
{
	test_spec_examples();
	test_xml_values();
	test_item_names();
	test_xml_refusals();
	test_xml_escaping();
	test_render_and_errors();
	test_time_format();
	test_time_parse();
	test_time_round_trip();
	test_format_of();
	return done_testing();
}
