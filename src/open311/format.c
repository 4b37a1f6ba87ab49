/* format.c: Open311 XML from jansson values, W3C datetimes, format suffixes. */
#include "format.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NAME_MAX_LEN 64
#define MAX_DEPTH 32
#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* ---- names ---- */

static bool xml_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > NAME_MAX_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
		bool more = (c >= '0' && c <= '9') || c == '-' || c == '.';
		if (!alpha && (i == 0 || !more))
			return false;
	}
	return true;
}

bool o311_item_name(const char *key, char *out, size_t out_size)
{
	static const char *const table[][2] = {
		{"services", "service"},
		{"service_requests", "request"},
		{"service_request_updates", "request_update"},
		{"attributes", "attribute"},
		{"values", "value"},
		{"errors", "error"},
		{"endpoints", "endpoint"},
		{"formats", "format"},
		{"groups", "group"},
	};
	const char *name = NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < sizeof table / sizeof table[0] && !name; i++)
		if (strcmp(key, table[i][0]) == 0)
			name = table[i][1], n = strlen(name);
	if (!name) {
		name = key; /* the Spark convention: drop a final 's' */
		if (n > 1 && key[n - 1] == 's')
			n--;
		else
			name = "item", n = 4;
	}
	if (n + 1 > out_size)
		return false;
	memcpy(out, name, n);
	out[n] = '\0';
	return true;
}

/* ---- text ---- */

/* Decode one UTF-8 character of s[0..n) (n > 0) into *cp and return its
 * length, or 0 when s does not start with a well-formed one (RFC 3629: no
 * overlongs, no surrogates, nothing above U+10FFFF). */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], min;
	size_t extra;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		extra = 1, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		extra = 2, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		extra = 3, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (extra >= n)
		return 0;
	for (size_t k = 1; k <= extra; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return extra + 1;
}

static bool xml_char_ok(unsigned cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xfffe && cp != 0xffff;
}

/* s[0..n) as XML character data (also safe inside attribute values). */
static void put_xml_text(struct buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t len = utf8_next(s + i, n - i, &cp);
		if (len == 0 || !xml_char_ok(cp)) {
			buf_puts(b, REPLACEMENT);
			i += len ? len : 1;
			continue;
		}
		switch (cp) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		case '\r': buf_puts(b, "&#13;"); break; /* a raw CR would read back as LF */
		default: buf_append(b, s + i, len);
		}
		i += len;
	}
}

/* s with every byte of invalid UTF-8 replaced by U+FFFD. */
static void put_clean_utf8(struct buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t len = utf8_next(s + i, n - i, &cp);
		if (len == 0) {
			buf_puts(b, REPLACEMENT);
			i++;
		} else {
			buf_append(b, s + i, len);
			i += len;
		}
	}
}

/* The shortest %g text that reads back as the same double. */
static void put_real(struct buf *b, double d)
{
	char tmp[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_puts(b, tmp);
}

/* ---- XML ---- */

static bool put_element(struct buf *b, const char *name, json_t *v, int depth);

static bool put_children(struct buf *b, const char *name, json_t *v, int depth)
{
	const char *key;
	json_t *val;
	size_t i;
	char item[NAME_MAX_LEN + 1];
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach(v, key, val)
			if (!xml_name_ok(key) || !put_element(b, key, val, depth + 1))
				return false;
		return true;
	case JSON_ARRAY:
		if (!o311_item_name(name, item, sizeof item))
			return false;
		json_array_foreach(v, i, val)
			if (!put_element(b, item, val, depth + 1))
				return false;
		return true;
	case JSON_STRING:
		put_xml_text(b, json_string_value(v), json_string_length(v));
		return true;
	case JSON_INTEGER:
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return true;
	case JSON_REAL:
		put_real(b, json_real_value(v));
		return true;
	case JSON_TRUE:
		buf_puts(b, "true");
		return true;
	case JSON_FALSE:
		buf_puts(b, "false");
		return true;
	case JSON_NULL:
		return true;
	}
	return false;
}

/* <name>v</name>; name has been checked by the caller. */
static bool put_element(struct buf *b, const char *name, json_t *v, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	buf_printf(b, "<%s>", name);
	if (v && !put_children(b, name, v, depth))
		return false;
	buf_printf(b, "</%s>", name);
	return true;
}

char *o311_xml(const char *root, json_t *v)
{
	if (!root || !xml_name_ok(root))
		return NULL;
	struct buf b = BUF_INIT;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	if (!put_element(&b, root, v, 0)) {
		buf_free(&b);
		return NULL;
	}
	buf_putc(&b, '\n');
	return buf_steal(&b);
}

char *o311_render(int fmt, const char *root, json_t *v)
{
	if (fmt != O311_JSON)
		return o311_xml(root, v);
	/* jansson allocates with malloc: qingdan keeps its default allocator */
	return json_dumps(v ? v : json_null(),
			  JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
}

const char *o311_content_type(int fmt)
{
	return fmt == O311_JSON ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

char *o311_errors(int fmt, int code, const char *description)
{
	struct buf d = BUF_INIT;
	if (description)
		put_clean_utf8(&d, description, strlen(description));
	json_t *err = json_object();
	json_object_set_new(err, "code", json_integer(code));
	json_object_set_new(err, "description", json_stringn(buf_str(&d), d.len));
	json_t *errors = json_array();
	json_array_append_new(errors, err);
	char *out = o311_render(fmt, "errors", errors);
	json_decref(errors);
	buf_free(&d);
	return out;
}

/* ---- time ---- */

/* The value of n decimal digits at s, or -1 when they are not all digits. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* Local civil time to Unix seconds; false when that local time does not
 * exist (a DST gap) or the C library cannot represent it. */
static bool local_to_unix(int y, int mo, int d, int h, int mi, int se, int64_t *out)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	struct tm back;
	if (!localtime_r(&t, &back))
		return false;
	if (back.tm_year != y - 1900 || back.tm_mon != mo - 1 || back.tm_mday != d ||
	    back.tm_hour != h || back.tm_min != mi || back.tm_sec != se)
		return false;
	*out = (int64_t)t;
	return true;
}

bool o311_time_parse(const char *s, int64_t *out)
{
	if (!s || strnlen(s, O311_TIME_MAX_LEN + 1) > O311_TIME_MAX_LEN)
		return false;
	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return false;
	int h = 0, mi = 0, se = 0;
	const char *p = s + 10;
	if (*p == '\0')
		return local_to_unix(y, mo, d, 0, 0, 0, out);
	if (*p != 'T' && *p != 't')
		return false;
	p++;
	if (strnlen(p, 5) < 5 || p[2] != ':')
		return false;
	h = digits(p, 2), mi = digits(p + 3, 2);
	if (h < 0 || h > 23 || mi < 0 || mi > 59)
		return false;
	p += 5;
	if (*p == ':') {
		se = digits(p + 1, 2); /* stops at the NUL: digits() fails on it */
		if (se < 0 || se > 59)
			return false;
		p += 3;
		if (*p == '.') {
			int n = 0;
			while (p[1 + n] >= '0' && p[1 + n] <= '9')
				n++;
			if (n < 1 || n > 9)
				return false;
			p += 1 + n;
		}
	}
	if (*p == '\0')
		return local_to_unix(y, mo, d, h, mi, se, out);
	int off = 0;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;
		int oh = digits(p + 1, 2);
		p += 3;
		if (oh < 0 || oh > 23)
			return false;
		if (*p == ':')
			p++;
		int om = digits(p, 2);
		if (om < 0 || om > 59)
			return false;
		p += 2;
		off = sign * (oh * 3600 + om * 60);
	} else {
		return false;
	}
	if (*p != '\0')
		return false;
	*out = (int64_t)day_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
	return true;
}

/* ---- paths ---- */

bool o311_format_of(const char *path, char *stem, size_t stem_size, int *fmt)
{
	if (stem && stem_size)
		stem[0] = '\0';
	if (!path || !stem || !fmt)
		return false;
	const char *slash = strrchr(path, '/');
	const char *seg = slash ? slash + 1 : path;
	const char *dot = strrchr(seg, '.');
	if (!dot || dot == seg)
		return false;
	int f;
	if (strcmp(dot + 1, "xml") == 0)
		f = O311_XML;
	else if (strcmp(dot + 1, "json") == 0)
		f = O311_JSON;
	else
		return false;
	size_t n = (size_t)(dot - path);
	if (n + 1 > stem_size)
		return false;
	memcpy(stem, path, n);
	stem[n] = '\0';
	*fmt = f;
	return true;
}
