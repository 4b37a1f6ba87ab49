/* reply.c: Open311 replies and error bodies in the format the URL asked for. */
#include "o311.h"
#include "../util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum MHD_Result send_body(struct o311_req *q, unsigned status, char *body)
{
	if (!body)
		return MHD_NO; /* a name that is not an XML name: a programming error */
	req_add_header(q->r, "Cache-Control", "no-store");
	return reply_raw_steal(q->r, status, body, strlen(body), o311_content_type(q->fmt));
}

enum MHD_Result o311_reply_steal(struct o311_req *q, const char *root, json_t *v)
{
	char *body = o311_render(q->fmt, root, v);
	json_decref(v);
	return send_body(q, 200, body);
}

enum MHD_Result o311_fail(struct o311_req *q, unsigned status, const char *description)
{
	return send_body(q, status, o311_errors(q->fmt, (int)status, description));
}

/* The spec's name for a field the app layer names its own way. */
static const char *spec_name(const char *field)
{
	static const char *const names[][2] = {
		{"text", "description"},
		{"address", "address_string"},
		{"unit_id", "attribute[unit]"},
		{"category_id", "service_code"},
		{"submitter_name", "first_name/last_name"},
		{"submitter_contact", "phone/email"},
		{"code", "token"},
		{"rating", "satisfaction"},
		{"comment", "description"},
		{"reason", "description"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(field, names[i][0]) == 0)
			return names[i][1];
	return field;
}

static unsigned status_of(qd_err code)
{
	int s = qd_err_status(code);
	if (s == 401)
		return 403;
	if (s == 403 || s == 404 || s == 405 || s == 413 || s == 429 || s >= 500)
		return (unsigned)s;
	return 400; /* the spec: 400 for everything else the client sent */
}

enum MHD_Result o311_error(struct o311_req *q, const struct qd_error *e)
{
	qd_err code = e->code == QD_OK ? QD_INTERNAL : e->code;
	unsigned status = status_of(code);
	struct buf d = BUF_INIT;
	buf_puts(&d, qd_err_message(code, q->r->lang));
	if (e->field[0] || e->detail[0]) {
		buf_puts(&d, " (");
		if (e->field[0])
			buf_printf(&d, "%s%s", spec_name(e->field), e->detail[0] ? ": " : "");
		buf_printf(&d, "%s)", e->detail);
	}
	if (status >= 500)
		fprintf(stderr, "qingdan: %s %s: %s %s %s\n", q->r->method, q->r->path,
			qd_err_name(code), e->field, e->detail);
	enum MHD_Result res = o311_fail(q, status, buf_str(&d));
	buf_free(&d);
	return res;
}
