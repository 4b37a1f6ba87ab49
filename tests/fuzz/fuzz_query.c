/* fuzz_query.c: libFuzzer target for query strings as the server reads
 * them: libmicrohttpd splits and percent-decodes the URL's arguments with
 * the server's own unescape callback (unescape_no_nul, src/http/server.c),
 * then the declared inputs of the API (in_query, src/http/input.c, with
 * fields of every type, required, nullable) and Open311's parameter
 * checks (o311_kv_check, o311_parse_query) read them.
 *
 * The input is the query string: it is sent as "GET /q?<input>" with the
 * bytes that cannot stand in a request line (controls, space, DEL)
 * percent-encoded. Must never crash, leak or read out of bounds; a refusal
 * is QD_BAD_PARAM naming its parameter in UTF-8 text, and what is accepted
 * has the declared type. */
#include "harness_http.h"
#include "domain/codes.h"
#include "open311/params.h"
#include "util/utf8.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct MHD_Daemon *D;

static bool well_formed(const char *s)
{
	return utf8_wellformed(s, strlen(s));
}

static void check_refusal(const struct qd_error *e)
{
	if (e->code != QD_BAD_PARAM || !well_formed(e->field) || !well_formed(e->detail)) {
		fprintf(stderr, "fuzz_query: refusal %s \"%s\" \"%s\"\n", qd_err_name(e->code),
			e->field, e->detail);
		abort();
	}
}

/* The fields of GET /api/v1/items, and some of other types. */
static void items_query(struct req *r)
{
	int64_t unit = 0, claimant = 0, limit = 0, offset = 0;
	int kind = -1, status = -1, due_from = DAY_NONE, due_to = DAY_NONE;
	bool overdue = false, open = false;
	const char *q = NULL, *sort = NULL;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"kind", IN_CODE, false, false, &T_ITEM_KIND, &kind, false, false},
		{"status", IN_CODE, false, true, &T_STATUS, &status, false, false},
		{"overdue", IN_BOOL, false, false, NULL, &overdue, false, false},
		{"open", IN_BOOL, false, true, NULL, &open, false, false},
		{"claimant", IN_INT, false, true, NULL, &claimant, false, false},
		{"due_from", IN_DAY, false, false, NULL, &due_from, false, false},
		{"due_to", IN_DAY, false, true, NULL, &due_to, false, false},
		{"q", IN_STRING, false, false, NULL, &q, false, false},
		{"sort", IN_STRING, false, true, NULL, &sort, false, false},
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, true, false, NULL, &offset, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e)) {
		check_refusal(&e);
		return;
	}
	if (unit < 0 || limit < 0 || offset < 0 || claimant < 0 || kind >= T_ITEM_KIND.count ||
	    status >= T_STATUS.count || (q && !utf8_valid_text(q, strlen(q))) ||
	    (sort && !utf8_valid_text(sort, strlen(sort))))
		abort();
	char t[DAY_TEXT_LEN];
	if (due_from != DAY_NONE)
		day_format(due_from, t);
}

struct kv_list {
	struct o311_kv v[256];
	int n;
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	struct kv_list *l = cls;
	(void)kind;
	if (l->n == 256)
		return MHD_NO;
	l->v[l->n].key = key;
	l->v[l->n].value = value ? value : "";
	l->n++;
	return MHD_YES;
}

/* As Open311's GET requests read them (src/open311/routes.c). */
static void open311_query(struct req *r)
{
	static const char *const reads[] = {"api_key", "jurisdiction_id", "service_request_id",
					    "service_code", "status", "start_date", "end_date",
					    NULL};
	struct kv_list l = {.n = 0};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect, &l);
	struct qd_error e = {0};
	if (!o311_kv_check(l.v, l.n, reads, &e)) {
		check_refusal(&e);
		return;
	}
	struct o311_query q;
	if (o311_parse_query(l.v, l.n, 1710464400, &q, &e)) {
		if (!q.ids_json && (q.from >= q.to || q.to - q.from > O311_WINDOW_MAX + 1))
			abort();
	} else {
		check_refusal(&e);
	}
	o311_query_clear(&q);
}

static enum MHD_Result on_query(void *cls, struct MHD_Connection *conn, const char *url,
				const char *method, const char *version, const char *upload_data,
				size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)method, (void)version, (void)upload_data;
	struct req *r = *con_cls;
	if (!r) {
		r = xcalloc(1, sizeof *r);
		r->conn = conn;
		*con_cls = r;
		return MHD_YES;
	}
	*upload_size = 0;
	items_query(r);
	open311_query(r);
	return reply_no_content(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool zone;
	if (!zone)
		zone = date_set_timezone("Asia/Shanghai");
	if (!D)
		D = fz_daemon(on_query, NULL);
	struct buf rq = BUF_INIT;
	buf_puts(&rq, "GET /q?");
	for (size_t i = 0; i < size; i++)
		if (data[i] <= 0x20 || data[i] == 0x7f)
			buf_printf(&rq, "%%%02X", data[i]);
		else
			buf_putc(&rq, (char)data[i]);
	buf_puts(&rq, " HTTP/1.1\r\nHost: qingdan\r\n\r\n");
	fz_exchange(D, rq.p, rq.len, NULL);
	buf_free(&rq);
	return 0;
}
