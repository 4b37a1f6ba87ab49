/* fuzz_http.c: libFuzzer target for whole requests through the server's own
 * request path (src/http/server.c: on_request, dispatch, route matching,
 * body limits, sessions and CSRF, JSON and form bodies, multipart uploads)
 * into the real handlers of the API, the web pages and Open311 (format
 * from the URL, GET query parameters, POST form parameters), on the
 * organisation of harness_db.h, put back after every input.
 *
 * An input is the bytes a client sends on one connection: one request or
 * several (keep-alive, pipelined). Seeds carry the fixture's fixed secrets
 * (Bearer fuzz-api-token, cookie qd_session=fuzz-session with its CSRF
 * token, api_key=fuzz-api-key).
 *
 * Must never crash, leak or read out of bounds, and every reply must be
 * one the server means to give: no 5xx of ours (a 500 or 503 is a fault
 * on our side, never the client's), JSON replies that parse, XML replies
 * that are well-formed. */
#include "harness_db.h"
#include "harness_http.h"
#include <expat.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct listener L;
static struct MHD_Daemon *D;

static bool xml_well_formed(const char *s, size_t n)
{
	XML_Parser p = XML_ParserCreate(NULL);
	bool good = XML_Parse(p, s, (int)n, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return good;
}

/* The value of header name in head[0..n), or NULL; *len gets its length. */
static const char *header(const char *head, size_t n, const char *name, size_t *len)
{
	size_t k = strlen(name);
	for (const char *p = head; p && p < head + n;) {
		const char *eol = memmem(p, (size_t)(head + n - p), "\r\n", 2);
		if (!eol)
			break;
		if ((size_t)(eol - p) > k + 1 && strncasecmp(p, name, k) == 0 && p[k] == ':') {
			const char *v = p + k + 1;
			while (*v == ' ')
				v++;
			*len = (size_t)(eol - v);
			return v;
		}
		p = eol + 2;
	}
	return NULL;
}

static void fail(const char *why, const char *reply, size_t n)
{
	fprintf(stderr, "fuzz_http: %s\n--- reply ---\n%.*s\n", why, (int)(n < 2000 ? n : 2000),
		reply);
	abort();
}

/* Check each reply in out. Without bodies to check (HEAD) the walk stops
 * at the first reply. */
static void check_replies(const struct buf *out, bool bodies)
{
	const char *s = out->p ? out->p : "";
	size_t n = out->len, at = 0;
	while (at + 12 <= n && strncmp(s + at, "HTTP/1.", 7) == 0) {
		const char *r = s + at;
		int status = atoi(r + 9);
		const char *end = memmem(r, n - at, "\r\n\r\n", 4);
		if (!end)
			return;
		size_t head = (size_t)(end - r) + 2, vlen = 0;
		if (status >= 500 && status != 505) /* 505: MHD's, for an unknown HTTP version */
			fail("a 5xx reply", r, n - at);
		const char *cl = header(r, head, "Content-Length", &vlen);
		if (!cl || !bodies)
			return;
		size_t blen = strtoul(cl, NULL, 10);
		const char *body = end + 4;
		if (blen > n - at - (size_t)(body - r))
			return; /* cut off by FZ_REPLY_MAX */
		const char *ct = header(r, head, "Content-Type", &vlen);
		if (ct && blen && vlen >= 16 && strncmp(ct, "application/json", 16) == 0) {
			json_t *v = json_loadb(body, blen, 0, NULL);
			if (!v)
				fail("a JSON reply that does not parse", r, n - at);
			json_decref(v);
		} else if (ct && blen && ((vlen >= 8 && strncmp(ct, "text/xml", 8) == 0) ||
					  (vlen >= 15 && strncmp(ct, "application/xml", 15) == 0)) &&
			   !xml_well_formed(body, blen)) {
			fail("an XML reply that is not well-formed", r, n - at);
		}
		at = (size_t)(body - s) + blen;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!D) {
		fz_db_init();
		L.app = FZ.app;
		D = fz_daemon(on_request, &L);
	}
	struct buf out = BUF_INIT;
	fz_exchange(D, data, size, &out);
	if (getenv("FUZZ_VERBOSE")) /* what a seed gets, whole, on stdout */
		fwrite(out.p ? out.p : "", 1, out.len, stdout), fflush(stdout);
	check_replies(&out, !memmem(data, size, "HEAD", 4));
	buf_free(&out);
	fz_db_reset();
	return 0;
}
