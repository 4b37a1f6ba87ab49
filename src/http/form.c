/* form.c: urlencoded form bodies, cookies and CSRF tokens for web pages. */
#include "http.h"
#include "../util/alloc.h"
#include "../util/hash.h"
#include "../util/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_FIELDS_MAX 64

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode one urlencoded part; NULL when it is malformed, holds a NUL or is
 * not valid UTF-8 text. */
static char *decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[k++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n) {
				free(out);
				return NULL;
			}
			int a = hexval(s[i + 1]), b = hexval(s[i + 2]);
			if (a < 0 || b < 0 || (a == 0 && b == 0)) {
				free(out);
				return NULL;
			}
			out[k++] = (char)(a * 16 + b);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	if (!utf8_valid_text(out, k)) {
		free(out);
		return NULL;
	}
	return out;
}

bool form_parse(struct req *r, struct qd_error *e)
{
	const char *s = r->body.p ? r->body.p : "";
	size_t n = r->body.len;
	r->form = xcalloc(FORM_FIELDS_MAX, sizeof *r->form);
	size_t i = 0;
	while (i < n) {
		size_t end = i;
		while (end < n && s[end] != '&')
			end++;
		if (end > i) {
			const char *eq = memchr(s + i, '=', end - i);
			size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
			if (r->nform == FORM_FIELDS_MAX)
				return qd_fail(e, QD_TOO_LARGE, NULL, "too many form fields"), false;
			char *k = decode(s + i, klen);
			char *v = eq ? decode(eq + 1, (size_t)(s + end - eq - 1)) : xstrdup("");
			if (!k || !v) {
				free(k);
				free(v);
				return qd_fail(e, QD_BAD_FIELD, NULL, "malformed form data"), false;
			}
			r->form[r->nform].key = k;
			r->form[r->nform].value = v;
			r->nform++;
		}
		i = end + 1;
	}
	return true;
}

const char *form_get(const struct req *r, const char *key)
{
	for (int i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, key) == 0)
			return r->form[i].value;
	return NULL;
}

void csrf_of(const char *session, char out[48])
{
	unsigned char h[HASH_LEN];
	char hex[HASH_HEX_LEN];
	struct hash_chain_state st;
	hashc_init(&st);
	hashc_str(&st, "qingdan-csrf");
	hashc_str(&st, session);
	hashc_final(&st, h);
	hash_hex(h, hex);
	snprintf(out, 48, "%.32s", hex);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	buf_printf(&r->headers, "%s\n%s\n", name, value);
}

/* Secure is added behind an HTTPS proxy to every cookie (reply.c). */
void req_set_session_cookie(struct req *r, const char *token)
{
	char v[256];
	snprintf(v, sizeof v, "qd_session=%s; Path=/; HttpOnly; SameSite=Lax", token);
	req_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, v);
}

void req_clear_session_cookie(struct req *r)
{
	req_add_header(r, MHD_HTTP_HEADER_SET_COOKIE,
		       "qd_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
}
