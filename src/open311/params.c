/* params.c: Open311 request parameters checked and converted (params.h). */
#include "params.h"
#include "format.h"
#include "../domain/codes.h"
#include "../domain/opinion.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NUMBER_MAX_LEN 32

static bool bad(struct qd_error *e, const char *name, const char *detail)
{
	qd_fail(e, QD_BAD_PARAM, name, "%s", detail);
	return false;
}

static bool listed(const char *const *names, const char *key)
{
	for (; *names; names++)
		if (strcmp(*names, key) == 0)
			return true;
	return false;
}

bool o311_kv_check(const struct o311_kv *kv, int n, const char *const *reads,
		   struct qd_error *e)
{
	for (int i = 0; i < n; i++) {
		const char *v = kv[i].value ? kv[i].value : "";
		if (!utf8_valid_text(kv[i].key, strlen(kv[i].key)) ||
		    !utf8_valid_text(v, strlen(v)))
			return bad(e, NULL, "parameters must be UTF-8 text");
		if (!listed(reads, kv[i].key))
			continue;
		for (int k = 0; k < i; k++)
			if (strcmp(kv[k].key, kv[i].key) == 0)
				return bad(e, kv[i].key, "given twice");
	}
	return true;
}

const char *o311_get(const struct o311_kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value && *kv[i].value ? kv[i].value : NULL;
	return NULL;
}

static bool id_of(const char *s, size_t len, int64_t *out)
{
	if (len == 0 || len > 18)
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return v > 0;
}

bool o311_parse_id(const char *s, int64_t *out)
{
	return s && id_of(s, strlen(s), out);
}

bool o311_parse_window(const char *start, const char *end, int64_t now, int64_t *from,
		       int64_t *to, struct qd_error *e)
{
	int64_t s = 0, t = 0;
	if (start && !o311_time_parse(start, &s))
		return bad(e, "start_date", "expected a W3C datetime, e.g. 2024-03-15T09:30:00+08:00");
	if (end && !o311_time_parse(end, &t))
		return bad(e, "end_date", "expected a W3C datetime, e.g. 2024-03-15T09:30:00+08:00");
	if (start && end) {
		if (t < s)
			return bad(e, "end_date", "before start_date");
		if (t - s > O311_WINDOW_MAX)
			return bad(e, "end_date", "start_date to end_date spans more than 90 days");
	} else if (start) {
		t = s + O311_WINDOW_MAX;
	} else {
		if (!end)
			t = now;
		s = t - O311_WINDOW_MAX;
	}
	*from = s;
	*to = t + 1;
	return true;
}

/* The comma-separated parts of s, each 1..max_len bytes; at most
 * O311_LIST_MAX of them. Calls fn(part, len, ctx) for each; false (with e
 * naming param) when a part is empty, too long or refused by fn. */
static bool each_part(const char *s, const char *param, size_t max_len,
		      bool (*fn)(const char *p, size_t len, void *ctx), void *ctx,
		      struct qd_error *e)
{
	int count = 0;
	for (const char *p = s;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0 || len > max_len || !fn(p, len, ctx))
			return bad(e, param, "a comma-separated list of valid values");
		if (++count > O311_LIST_MAX)
			return bad(e, param, "at most 1000 values");
		if (!comma)
			return true;
		p = comma + 1;
	}
}

static bool add_id(const char *p, size_t len, void *ctx)
{
	int64_t id;
	if (!id_of(p, len, &id))
		return false;
	struct buf *b = ctx;
	buf_printf(b, "%s%lld", b->len > 1 ? "," : "", (long long)id);
	return true;
}

static bool add_code(const char *p, size_t len, void *ctx)
{
	struct o311_query *q = ctx;
	q->codes = xrealloc(q->codes, sizeof *q->codes * (size_t)(q->ncodes + 1));
	q->codes[q->ncodes++] = xstrndup(p, len);
	return true;
}

static bool add_status(const char *p, size_t len, void *ctx)
{
	int *open = ctx, v;
	if (len == 4 && strncasecmp(p, "open", 4) == 0)
		v = 1;
	else if (len == 6 && strncasecmp(p, "closed", 6) == 0)
		v = 0;
	else
		return false;
	*open = *open == -2 || *open == v ? v : -1;
	return true;
}

bool o311_parse_query(const struct o311_kv *kv, int n, int64_t now, struct o311_query *out,
		      struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	out->open = -1;
	const char *ids = o311_get(kv, n, "service_request_id");
	if (ids) {
		struct buf b = BUF_INIT;
		buf_putc(&b, '[');
		if (!each_part(ids, "service_request_id", 18, add_id, &b, e)) {
			buf_free(&b);
			return false;
		}
		buf_putc(&b, ']');
		out->ids_json = buf_steal(&b);
		return true; /* the spec: the id list overrides all other arguments */
	}
	const char *codes = o311_get(kv, n, "service_code");
	if (codes && !each_part(codes, "service_code", 64, add_code, out, e))
		return false;
	const char *status = o311_get(kv, n, "status");
	if (status) {
		int open = -2;
		if (!each_part(status, "status", 6, add_status, &open, e))
			return bad(e, "status", "open, closed or open,closed");
		out->open = open;
	}
	return o311_parse_window(o311_get(kv, n, "start_date"), o311_get(kv, n, "end_date"), now,
				 &out->from, &out->to, e);
}

void o311_query_clear(struct o311_query *q)
{
	free(q->ids_json);
	for (int i = 0; i < q->ncodes; i++)
		free(q->codes[i]);
	free(q->codes);
	memset(q, 0, sizeof *q);
	q->open = -1;
}

/* A decimal number as clients write coordinates: [-+]digits[.digits]. */
static bool parse_decimal(const char *s, double *out)
{
	size_t n = strlen(s), i = 0, digits = 0;
	if (n == 0 || n > NUMBER_MAX_LEN)
		return false;
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.') {
		i++;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	}
	if (i != n || digits == 0)
		return false;
	*out = strtod(s, NULL);
	return true;
}

static bool non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* Two optional parts joined by sep (or as one when the other is absent). */
static char *join(const char *a, const char *sep, const char *b)
{
	if (!a || !b)
		return xstrdup(a ? a : b);
	struct buf j = BUF_INIT;
	buf_printf(&j, "%s%s%s", a, sep, b);
	return buf_steal(&j);
}

bool o311_parse_post(const struct o311_kv *kv, int n, struct o311_post *out,
		     struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < n; i++)
		if (strncmp(kv[i].key, "attribute[", 10) == 0 &&
		    strcmp(kv[i].key, "attribute[unit]") != 0)
			return bad(e, kv[i].key, "not an attribute of this service (see its definition)");
	out->service_code = o311_get(kv, n, "service_code");
	if (!out->service_code)
		return bad(e, "service_code", "required");
	out->description = o311_get(kv, n, "description");
	if (!out->description)
		return bad(e, "description", "required");
	const char *lat = o311_get(kv, n, "lat"), *lon = o311_get(kv, n, "long");
	if (lat || lon) {
		if (!lat || !lon)
			return bad(e, lat ? "long" : "lat", "lat and long go together");
		if (!parse_decimal(lat, &out->lat))
			return bad(e, "lat", "a decimal latitude (WGS84), e.g. 36.95");
		if (!parse_decimal(lon, &out->lon))
			return bad(e, "long", "a decimal longitude (WGS84), e.g. 100.90");
		if (!location_ok(out->lat, out->lon))
			return bad(e, "lat", "latitude -90..90, longitude -180..180");
		out->has_location = true;
	}
	out->address = o311_get(kv, n, "address_string");
	if (!out->has_location && !out->address) {
		if (o311_get(kv, n, "address_id"))
			return bad(e, "address_id",
				   "not resolvable here (no address repository): send lat and long, "
				   "or address_string");
		return bad(e, "lat", "a location is required: lat and long, or address_string");
	}
	out->unit = o311_get(kv, n, "attribute[unit]");
	const char *first = o311_get(kv, n, "first_name"), *last = o311_get(kv, n, "last_name");
	if (first && last && non_ascii(first) && non_ascii(last))
		out->name = join(last, "", first);
	else if (first || last)
		out->name = join(first, " ", last);
	const char *phone = o311_get(kv, n, "phone"), *email = o311_get(kv, n, "email");
	if (phone || email)
		out->contact = join(phone, "; ", email);
	return true;
}

void o311_post_clear(struct o311_post *p)
{
	free(p->name);
	free(p->contact);
	memset(p, 0, sizeof *p);
}

static int rating_of(const char *s)
{
	static const char *const zh[] = {"满意", "基本满意", "不满意"};
	static const int value[] = {RT_SATISFIED, RT_BASIC, RT_UNSATISFIED};
	int v = code_parse(&T_RATING, s);
	for (size_t i = 0; v < 0 && i < sizeof zh / sizeof zh[0]; i++)
		if (strcmp(s, zh[i]) == 0)
			v = value[i];
	return v;
}

bool o311_parse_update(const struct o311_kv *kv, int n, struct o311_update *out,
		       struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	out->rating = -1;
	const char *id = o311_get(kv, n, "service_request_id");
	if (!id)
		return bad(e, "service_request_id", "required");
	if (!o311_parse_id(id, &out->request_id))
		return bad(e, "service_request_id", "a request id (digits)");
	out->status = o311_get(kv, n, "status");
	if (!out->status)
		return bad(e, "status", "required: an Open311 status such as OPEN or CLOSED");
	out->update_id = o311_get(kv, n, "update_id");
	out->description = o311_get(kv, n, "description");
	const char *at = o311_get(kv, n, "updated_datetime");
	int64_t t;
	if (at && !o311_time_parse(at, &t))
		return bad(e, "updated_datetime", "expected a W3C datetime");
	const char *sat = o311_get(kv, n, "satisfaction");
	if (sat && (out->rating = rating_of(sat)) < 0)
		return bad(e, "satisfaction", "satisfied, basic or unsatisfied (满意, 基本满意, 不满意)");
	return true;
}
