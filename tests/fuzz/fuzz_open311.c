/* fuzz_open311.c: libFuzzer target for the Open311 format layer: W3C
 * datetimes (a parsed time formats and parses back to the same second),
 * format suffixes (stem + "." + extension gives the path back), and XML
 * written from any JSON document, from raw bytes as a string and from error
 * descriptions (always well-formed: one root, balanced tags, only the five
 * entities and &#13;, valid UTF-8 without U+FFFE/U+FFFF or a raw CR).
 * Must never crash, leak or read out of bounds. */
#include "open311/format.h"
#include "util/date.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DECL "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

static bool name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

static bool text_ok(const char *s, size_t n)
{
	/* utf8_valid_text refuses DEL, which XML allows: look at a copy without it */
	char *copy = malloc(n + 1);
	memcpy(copy, s, n);
	for (size_t i = 0; i < n; i++)
		if (copy[i] == 0x7f)
			copy[i] = ' ';
	bool good = utf8_valid_text(copy, n) && !memchr(s, '\r', n);
	free(copy);
	return good && !strstr(s, "\xEF\xBF\xBE") && !strstr(s, "\xEF\xBF\xBF");
}

/* Abort unless s is a document as o311_xml promises. */
static void check_xml(const char *s)
{
	size_t n = strlen(s);
	if (strncmp(s, DECL, strlen(DECL)) != 0 || !text_ok(s, n) || n < 2 || s[n - 1] != '\n')
		abort();
	const char *stack[40];
	size_t lens[40];
	int depth = 0, roots = 0;
	const char *p = s + strlen(DECL), *end = s + n - 1;
	while (p < end) {
		if (*p == '<') {
			bool close = p[1] == '/';
			const char *name = p + 1 + close, *q = name;
			while (q < end && name_char(*q))
				q++;
			if (q == name || q >= end || *q != '>')
				abort();
			size_t len = (size_t)(q - name);
			if (close) {
				if (depth == 0 || lens[depth - 1] != len ||
				    memcmp(stack[depth - 1], name, len) != 0)
					abort();
				depth--;
			} else {
				if (depth == 0 && roots++ > 0)
					abort();
				if (depth == 40)
					abort();
				stack[depth] = name;
				lens[depth++] = len;
			}
			p = q + 1;
		} else if (*p == '&') {
			static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
							   "&#13;"};
			size_t k = 0;
			while (k < 6 && strncmp(p, ents[k], strlen(ents[k])) != 0)
				k++;
			if (k == 6)
				abort();
			p += strlen(ents[k]);
		} else {
			if (*p == '>' || depth == 0)
				abort();
			p++;
		}
	}
	if (depth != 0 || roots != 1)
		abort();
}

static void fuzz_time(const char *s)
{
	int64_t t, back;
	if (!o311_time_parse(s, &t))
		return;
	char out[32];
	time_format_w3c(t, out);
	int year = atoi(out);
	if (year < 1900 || year > 2999)
		return; /* an offset moved it outside the years parse accepts */
	if (!o311_time_parse(out, &back) || back != t)
		abort();
}

static void fuzz_path(const char *s, size_t stem_size)
{
	char stem[64];
	int fmt = 0;
	if (!o311_format_of(s, stem, stem_size, &fmt))
		return;
	char again[200];
	snprintf(again, sizeof again, "%s.%s", stem, fmt == O311_XML ? "xml" : "json");
	if (strlen(s) < sizeof again && strcmp(again, s) != 0)
		abort();
}

static void fuzz_xml(const uint8_t *data, size_t size, const char *s)
{
	json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (v) {
		char *x = o311_xml("service_requests", v);
		if (x)
			check_xml(x);
		free(x);
		free(o311_render(O311_JSON, "r", v));
		json_decref(v);
	}

	json_t *o = json_object();
	json_object_set_new(o, "description", json_stringn_nocheck((const char *)data, size));
	char *x = o311_xml("request", o);
	if (!x)
		abort(); /* valid names, shallow: must always be written */
	check_xml(x);
	free(x);
	json_decref(o);

	x = o311_errors(O311_XML, 400, s);
	check_xml(x);
	free(x);
	x = o311_errors(O311_JSON, 400, s);
	json_t *back = json_loads(x, 0, NULL);
	if (!back || !json_is_array(back))
		abort();
	json_decref(back);
	free(x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool zone;
	if (!zone)
		zone = date_set_timezone("Asia/Shanghai");
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	fuzz_time(s);
	fuzz_path(s, size ? data[0] % 65 : 0);
	fuzz_xml(data, size, s);
	free(s);
	return 0;
}
