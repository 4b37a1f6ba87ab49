/* ledger_export.c: the lists as files to save (issue 5).
 *
 *   GET /items.xlsx, /items.csv                    问题清单
 *   GET /measures.xlsx, /measures.csv              整改清单
 *   GET /responsibility.xlsx, /responsibility.csv  责任清单
 *   GET /opinions.xlsx, /opinions.csv              意见建议 (no names, no contacts)
 *   GET /ledger.xlsx?unit=                         all four, a sheet each
 *
 * Each list file takes the query of its page, parsed by the page's own
 * parser (lists.h), plus bom=1 (CSV: a UTF-8 BOM first, for Excel); the
 * rows are those of the page's filter in ledger order (app_export), all of
 * them, not one page. A unit outside the actor's scope is the 403 page;
 * more rows than the app exports at once a 413 page that says so. Also
 * the export links the list pages show (list_file_links). */
#include "ledger.h"
#include "lists.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A message with {name} placeholders filled in, as text. */
void h_msg_vars(struct buf *b, const char *msg, const char *const *keys,
		const char *const *vals, int n)
{
	struct buf t = BUF_INIT;
	for (const char *s = msg; *s;) {
		int k = -1;
		for (int i = 0; i < n && k < 0; i++)
			if (*s == '{' && strncmp(s + 1, keys[i], strlen(keys[i])) == 0 &&
			    s[1 + strlen(keys[i])] == '}')
				k = i;
		if (k < 0) {
			buf_putc(&t, *s++);
			continue;
		}
		buf_puts(&t, vals[k]);
		s += strlen(keys[k]) + 2;
	}
	h_text(b, buf_str(&t));
	buf_free(&t);
}

void list_file_links(struct page *p, const char *path, const char *query, int64_t import_unit)
{
	struct req *r = p->r;
	H(&p->b, "<p class=\"actions file-links\" aria-label=\"");
	h_attr(&p->b, T(r, M_EXP_LINKS));
	H(&p->b, "\"><a class=\"button secondary\" href=\"");
	h_attr(&p->b, path);
	H(&p->b, ".xlsx?");
	h_attr(&p->b, query);
	H(&p->b, "\">");
	h_text(&p->b, T(r, M_EXP_XLSX));
	H(&p->b, "</a><a class=\"button secondary\" href=\"");
	h_attr(&p->b, path);
	H(&p->b, ".csv?");
	h_attr(&p->b, query);
	/* Excel reads a CSV as UTF-8 only after a BOM. */
	H(&p->b, "&amp;bom=1\">");
	h_text(&p->b, T(r, M_EXP_CSV));
	H(&p->b, "</a>");
	if (import_unit > 0) {
		H(&p->b, "<a class=\"button secondary\" href=\"/import?unit=");
		h_int(&p->b, import_unit);
		H(&p->b, "\">");
		h_text(&p->b, T(r, M_NAV_IMPORT));
		H(&p->b, "</a>");
	}
	H(&p->b, "</p>");
}

static bool path_is_csv(const struct req *r)
{
	size_t n = strlen(r->path);
	return n > 4 && strcmp(r->path + n - 4, ".csv") == 0;
}

/* More rows than one export takes: say so, and how to get fewer. */
static enum MHD_Result too_many_page(struct req *r)
{
	char n[24];
	snprintf(n, sizeof n, "%d", EXPORT_MAX_ROWS);
	const char *keys[] = {"n"}, *vals[] = {n};
	struct page p = {0};
	page_begin(&p, r, T(r, M_EXP_TOO_MANY_TITLE), NULL);
	H(&p.b, "<h1>");
	h_text(&p.b, T(r, M_EXP_TOO_MANY_TITLE));
	H(&p.b, "</h1><p class=\"notice\" role=\"alert\">");
	h_msg_vars(&p.b, T(r, M_EXP_TOO_MANY), keys, vals, 1);
	H(&p.b, "</p><p><a href=\"/\">");
	h_text(&p.b, T(r, M_BACK));
	H(&p.b, "</a></p>");
	return page_end(&p, 413);
}

/* Export the lists of rq[0..n) of unit u and send them: one list as CSV or
 * xlsx, several as one workbook (see reply_tables for the names), headers
 * and labels in the page's language. */
static enum MHD_Result send_lists(struct req *r, struct export_request *rq, int n, bool csv,
				  bool bom, const struct unit *u)
{
	struct table t[LL_COUNT];
	struct qd_error e = {0};
	int done = 0;
	for (; done < n; done++) {
		rq[done].lang = r->lang;
		if (app_export(r->app, &r->actor, &rq[done], &t[done], &e) != QD_OK)
			break;
	}
	enum MHD_Result res;
	if (done < n) {
		res = e.code == QD_TOO_LARGE ? too_many_page(r) : reply_error(r, &e);
	} else {
		res = reply_tables(r, t, n, n > 1 ? "ledger" : ledger_list(rq[0].list)->code, u->name,
				   csv, bom);
	}
	for (int i = 0; i < done; i++)
		table_free(&t[i]);
	return res;
}

/* The unit of a list file as its page picks it; false with the error
 * reply sent. */
static bool file_unit(struct req *r, int64_t asked, struct unit *u, enum MHD_Result *res)
{
	struct qd_error e = {0};
	if (list_scope(r, asked, u, &e))
		return true;
	*res = reply_error(r, &e);
	return false;
}

#define BOM_FIELD(var) {{"bom", IN_BOOL, false, true, NULL, &(var), false, false}, IN_END}
static const enum msg_id bom_label[] = {M_EXP_F_BOM};

enum MHD_Result web_items_file(struct req *r)
{
	bool bom = false;
	struct in_field extra[] = BOM_FIELD(bom);
	struct items_q x;
	enum MHD_Result res;
	if (!items_q_parse(r, &x, extra, bom_label, &res))
		return res;
	struct unit u = {0};
	if (file_unit(r, x.unit, &u, &res)) {
		struct export_request rq;
		export_request_init(&rq, LL_ITEMS, u.id);
		items_q_filter(&x, &rq.items);
		res = send_lists(r, &rq, 1, path_is_csv(r), bom, &u);
	}
	unit_clear(&u);
	items_q_free(&x);
	return res;
}

enum MHD_Result web_measures_file(struct req *r)
{
	bool bom = false;
	struct in_field extra[] = BOM_FIELD(bom);
	struct measures_q x;
	enum MHD_Result res;
	if (!measures_q_parse(r, &x, extra, bom_label, &res))
		return res;
	struct unit u = {0};
	if (file_unit(r, x.unit, &u, &res)) {
		struct export_request rq;
		export_request_init(&rq, LL_MEASURES, u.id);
		rq.measure_status = x.status;
		rq.measure_open = x.open;
		rq.measure_overdue = x.overdue;
		rq.measure_responsible = x.responsible;
		/* the measures of items of a kind, level and found days (the
		 * report's links) */
		struct measure_filter mf = {0};
		measures_q_filter(&x, &mf);
		rq.items.kind = x.kind;
		rq.items.level = x.level;
		rq.items.by_found = mf.by_found;
		rq.items.found_from = mf.found_from;
		rq.items.found_to = mf.found_to;
		res = send_lists(r, &rq, 1, path_is_csv(r), bom, &u);
	}
	unit_clear(&u);
	return res;
}

enum MHD_Result web_resp_file(struct req *r)
{
	bool bom = false;
	struct in_field extra[] = BOM_FIELD(bom);
	int64_t unit;
	enum MHD_Result res;
	if (!resp_q_parse(r, &unit, extra, bom_label, &res))
		return res;
	struct unit u = {0};
	if (file_unit(r, unit, &u, &res)) {
		struct export_request rq;
		export_request_init(&rq, LL_RESPONSIBILITY, u.id);
		res = send_lists(r, &rq, 1, path_is_csv(r), bom, &u);
	}
	unit_clear(&u);
	return res;
}

enum MHD_Result web_opinions_file(struct req *r)
{
	struct opinions_q x;
	enum MHD_Result res;
	if (!opinions_q_parse(r, &x, &res))
		return res;
	/* The opinions page reads its parameters leniently; bom likewise. */
	const char *b = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "bom");
	bool bom = b && (strcmp(b, "1") == 0 || strcmp(b, "true") == 0);
	struct unit u = {0};
	if (file_unit(r, x.unit > 0 ? x.unit : 0, &u, &res)) {
		struct export_request rq;
		export_request_init(&rq, LL_OPINIONS, u.id);
		opinions_q_filter(&x, &rq.opinions);
		res = send_lists(r, &rq, 1, path_is_csv(r), bom, &u);
	}
	unit_clear(&u);
	return res;
}

enum MHD_Result web_ledger_file(struct req *r)
{
	int64_t unit = 0;
	struct in_field in[] = {
		{"unit", IN_INT, false, true, NULL, &unit, false, false},
		IN_END,
	};
	static const enum msg_id labels[] = {M_LIST_F_UNIT};
	enum MHD_Result res;
	if (!list_query(r, in, labels, NULL, NULL, &res))
		return res;
	struct unit u = {0};
	if (file_unit(r, unit, &u, &res)) {
		struct export_request rq[LL_COUNT];
		for (int l = 0; l < LL_COUNT; l++)
			export_request_init(&rq[l], (enum ledger_list)l, u.id);
		res = send_lists(r, rq, LL_COUNT, false, false, &u);
	}
	unit_clear(&u);
	return res;
}
