/* import.c: POST /api/v1/import?unit=ID&dry_run=1 - a ledger file in, as
 * the request body (docs/api.md, "Ledger files").
 *
 * Content-Type text/csv is read as CSV, the xlsx type as a workbook, and
 * application/octet-stream (or none) by its content: the zip magic is an
 * xlsx, anything else must be CSV text. The reply is the import report,
 * 200 when the rows went in (or the dry run passed), 422 IMPORT_ROWS with
 * the same report when rows are in error and nothing was written; a file
 * that cannot be read is 400 BAD_FILE, a unit where the actor may not
 * enter problems 403. The body may be up to UPLOAD_MAX (BODY_UPLOAD). */
#include "ledger.h"
#include "../domain/perm.h"
#include "../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "type/subtype", parameters (; charset=…) ignored. */
static bool type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	if (!ct || strncasecmp(ct, want, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}

static const char *const outcomes[] = {
	[IMP_NEW] = "added", [IMP_UPDATED] = "updated", [IMP_UNCHANGED] = "unchanged",
	[IMP_ERROR] = "error", [IMP_WARNING] = "warning",
};

static json_t *report_json(const struct import_report *rep)
{
	json_t *lines = json_array();
	for (int i = 0; i < rep->n; i++) {
		const struct import_line *l = &rep->v[i];
		json_array_append_new(
			lines, json_pack("{ss si ss ss ss ss}", "sheet", l->sheet, "row", l->row,
					 "outcome", outcomes[l->what], "ext_id", l->ext_id, "column",
					 l->column, "message", l->message));
	}
	return json_pack("{sb sb si si si si si si so so}", "applied", rep->applied, "dry_run",
			 rep->dry_run, "rows", rep->rows, "added", rep->added, "updated",
			 rep->updated, "unchanged", rep->unchanged, "errors", rep->errors,
			 "warnings", rep->warnings, "charset", json_str_or_null(rep->charset),
			 "lines", lines);
}

/* The body as a book; csv: whether it is read as CSV. */
static qd_err read_body(struct req *r, bool csv, struct grid_book *book, const char **charset,
			struct qd_error *e)
{
	if (!csv)
		return xlsx_read(r->body.p, r->body.len, book, e);
	struct grid g = {0};
	qd_err q = csv_read(r->body.p, r->body.len, &g, charset, e);
	if (q == QD_OK) {
		book->sheets = xcalloc(1, sizeof *book->sheets);
		book->sheets[0] = g;
		book->n = 1;
	}
	return q;
}

enum MHD_Result api_import(struct req *r)
{
	int64_t unit = 0;
	bool dry_run = false;
	struct in_field in[] = {
		{"unit", IN_INT, false, false, NULL, &unit, false, false},
		{"dry_run", IN_BOOL, false, false, NULL, &dry_run, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!in_query(r, in, &e))
		return reply_error(r, &e);
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_CONTENT_TYPE);
	bool zip = r->body.len >= 4 && memcmp(r->body.p, "PK\x03\x04", 4) == 0;
	bool csv;
	if (type_is(ct, "text/csv"))
		csv = true;
	else if (type_is(ct, XLSX_TYPE))
		csv = false;
	else if (!ct || type_is(ct, "application/octet-stream"))
		csv = !zip;
	else
		return reply_fail(r, QD_BAD_CONTENT_TYPE, NULL,
				  "text/csv, " XLSX_TYPE " or application/octet-stream");
	if (r->body.len == 0)
		return reply_fail(r, QD_BAD_FILE, "file", "empty body: send the file");
	unit = default_unit(r, unit);
	struct unit u = {0};
	if (app_unit_get(r->app, &r->actor, unit, &u, &e) != QD_OK) {
		unit_clear(&u);
		return reply_error(r, &e);
	}
	bool may = actor_can(&r->actor, PA_ITEM_CREATE, u.path);
	unit_clear(&u);
	if (!may)
		return reply_fail(r, QD_FORBIDDEN, "unit", "importing needs the right to enter problems there");
	struct grid_book book = {0};
	const char *charset = NULL;
	enum MHD_Result res;
	if (read_body(r, csv, &book, &charset, &e) != QD_OK) {
		res = reply_error(r, &e);
	} else {
		struct import_request rq = {.unit_id = unit, .dry_run = dry_run,
					    .lang = r->lang};
		struct import_report rep;
		qd_err q = app_import(r->app, &r->actor, &book, &rq, &rep, &e);
		rep.charset = charset;
		if (q == QD_OK) {
			res = reply_json_steal(r, 200, report_json(&rep));
		} else if (q == QD_IMPORT_ROWS) {
			/* the error shape, and the report beside it */
			json_t *body = report_json(&rep);
			char d[48];
			snprintf(d, sizeof d, "%d rows in error", rep.errors);
			json_object_set_new(body, "error",
					    json_pack("{ss ss ss}", "code", qd_err_name(q), "message",
						      qd_err_message(q, r->lang), "detail", d));
			res = reply_json_steal(r, 422, body);
		} else {
			res = reply_error(r, &e);
		}
		import_report_free(&rep);
	}
	grid_book_free(&book);
	return res;
}
