/* fuzz_multipart.c: libFuzzer target for multipart/form-data bodies (web
 * uploads: the ledger import form), read by multipart_parse
 * (src/http/multipart.c) over libmicrohttpd's post processor on a live
 * connection.
 *
 * The input is the body; when it starts with "multipart/" its first line
 * is the Content-Type instead (to vary the boundary and its quoting), else
 * the Content-Type is multipart/form-data; boundary=XyZ. Must never crash,
 * leak or read out of bounds; a body is either refused (QD_BAD_FIELD or
 * QD_TOO_LARGE, with a detail in UTF-8 text) or gives at most 32 text
 * fields and 4 files, all named in UTF-8 text, no name twice, text values
 * of UTF-8 text up to 4096 bytes. */
#include "harness_http.h"
#include "util/utf8.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct MHD_Daemon *D;

static bool text(const char *s)
{
	return s && utf8_valid_text(s, strlen(s));
}

static void check(const struct req *r, bool ok, const struct qd_error *e)
{
	if (!ok) {
		if ((e->code != QD_BAD_FIELD && e->code != QD_TOO_LARGE) ||
		    !utf8_wellformed(e->detail, strlen(e->detail)))
			abort();
		return;
	}
	if (r->nform > 32 || r->nfiles > 4)
		abort();
	for (int i = 0; i < r->nform + r->nfiles; i++) {
		const char *k = i < r->nform ? r->form[i].key : r->files[i - r->nform].key;
		if (!text(k) || !*k)
			abort();
		for (int j = 0; j < i; j++)
			if (strcmp(k, j < r->nform ? r->form[j].key : r->files[j - r->nform].key) == 0)
				abort();
	}
	for (int i = 0; i < r->nform; i++)
		if (!text(r->form[i].value) || strlen(r->form[i].value) > 4096)
			abort();
	for (int i = 0; i < r->nfiles; i++)
		if (!text(r->files[i].filename) || form_file_get(r, r->files[i].key) != &r->files[i])
			abort();
}

static enum MHD_Result on_upload(void *cls, struct MHD_Connection *conn, const char *url,
				 const char *method, const char *version, const char *upload_data,
				 size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)method, (void)version;
	struct req *r = *con_cls;
	if (!r) {
		r = xcalloc(1, sizeof *r);
		r->conn = conn;
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_size) {
		buf_append(&r->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	struct qd_error e = {0};
	bool ok = multipart_parse(r, &e);
	check(r, ok, &e);
	return reply_no_content(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!D)
		D = fz_daemon(on_upload, NULL);
	const char *type = "multipart/form-data; boundary=XyZ";
	size_t tlen = strlen(type);
	const char *body = (const char *)data;
	size_t blen = size;
	if (size > 10 && memcmp(data, "multipart/", 10) == 0) {
		const char *nl = memchr(data, '\n', size);
		type = (const char *)data;
		tlen = nl ? (size_t)(nl - type) : size;
		body = nl ? nl + 1 : type + size;
		blen = size - (size_t)(body - type);
		if (memchr(type, '\r', tlen) || memchr(type, '\0', tlen))
			return 0; /* not a header line */
	}
	struct buf rq = BUF_INIT;
	buf_printf(&rq, "POST /import HTTP/1.1\r\nHost: qingdan\r\nContent-Type: %.*s\r\n"
			"Content-Length: %zu\r\n\r\n", (int)tlen, type, blen);
	buf_append(&rq, body, blen);
	fz_exchange(D, rq.p, rq.len, NULL);
	buf_free(&rq);
	return 0;
}
