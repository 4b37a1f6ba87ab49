/* requests_get.c: GET /open311/v2/requests.{xml,json} - the requests of a
 * jurisdiction, newest first, at most 1000. Filters as the spec has them:
 * service_request_id (a comma-separated id list that overrides every other
 * filter), service_code (a list; an unknown code is a 404), status (open,
 * closed) and start_date / end_date on requested_datetime (at most 90 days
 * apart; by default the last 90 days). An api_key is optional: without
 * one, or for requests outside its client's subtree, what the submitter
 * wrote is left out (request_json.c). */
#include "o311.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <string.h>

/* The category ids of the codes as a JSON array; QD_NOT_FOUND for a code
 * no category has (active or not: old requests keep their service). */
static qd_err category_ids(struct o311_req *q, const struct o311_query *f, struct buf *out,
			   struct qd_error *e)
{
	struct category_array cats = {0};
	qd_err r = app_category_list(q->r->app, &cats, e);
	buf_putc(out, '[');
	for (int i = 0; r == QD_OK && i < f->ncodes; i++) {
		int k = 0;
		while (k < cats.n && strcmp(cats.v[k].code, f->codes[i]) != 0)
			k++;
		if (k == cats.n)
			r = qd_fail(e, QD_NOT_FOUND, "service_code", "no such service: %s", f->codes[i]);
		else
			buf_printf(out, "%s%lld", i ? "," : "", (long long)cats.v[k].id);
	}
	buf_putc(out, ']');
	category_array_free(&cats);
	return r;
}

enum MHD_Result o311_requests_get(struct o311_req *q)
{
	struct qd_error e = {0};
	struct o311_client c = {0};
	struct unit jur = {0};
	struct o311_query f = {0};
	struct buf cats = BUF_INIT;
	qd_err r = o311_client_of(q, false, &c, &e);
	if (r == QD_OK)
		r = o311_jurisdiction_of(q, &jur, &e);
	if (r == QD_OK && !o311_parse_query(q->kv, q->nkv, time_now(), &f, &e))
		r = QD_BAD_PARAM;
	if (r == QD_OK && f.ncodes)
		r = category_ids(q, &f, &cats, &e);
	enum MHD_Result res;
	if (r == QD_OK) {
		struct opinion_query oq;
		opinion_query_init(&oq, jur.path);
		oq.ids_json = f.ids_json;
		oq.categories_json = f.ncodes ? buf_str(&cats) : NULL;
		oq.open311_open = f.open;
		if (!f.ids_json) {
			oq.received_from = f.from;
			oq.received_to = f.to;
		}
		oq.order = OQ_RECEIVED_DESC;
		oq.by_time = true;
		oq.limit = O311_LIST_MAX;
		res = o311_reply_requests(q, &c, &jur, &oq, false);
	} else {
		res = o311_error(q, &e);
	}
	buf_free(&cats);
	o311_query_clear(&f);
	unit_clear(&jur);
	o311_client_clear(&c);
	return res;
}
