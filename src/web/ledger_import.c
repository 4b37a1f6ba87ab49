/* ledger_import.c: importing a ledger file from the browser (issue 5).
 *
 *   GET  /import?unit=   the form: a unit where the actor may enter
 *                        problems, the file (.xlsx or .csv), an optional
 *                        header mapping file, "check only" (dry run)
 *   POST /import         multipart/form-data (the dispatcher parsed it and
 *                        checked _csrf): app_import, then the report
 *
 * The file's kind is decided by its content, not its name: the zip magic
 * is an xlsx workbook, anything else must be CSV text (csv_read refuses
 * binary). A file that is neither, or cannot be read, is a 400 with the
 * form and the reason beside the field; a unit outside the actor's scope
 * the 403 page. The report page shows the summary, every error and
 * warning (errors first) with sheet, row, item number, column and reason,
 * and the rows added or updated folded away: 200 when the import (or the
 * dry run) went through, 422 when rows are in error and nothing changed,
 * as CLI `qingdan import` reports it. */
#include "ledger.h"
#include "admin.h"
#include "lists.h"
#include "../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct imp_form {
	int64_t unit;
	bool dry_run;
	const char *notice;     /* above the form, or NULL */
	const char *err_unit, *err_file, *err_map;
};

/* The units offered: those where the actor may enter problems. */
static void pick_units(struct req *r, struct unit_array *opts)
{
	admin_pick_units(r, PA_ITEM_CREATE, opts);
}

static void file_field(struct page *p, const char *name, const char *label, const char *accept,
		       const char *hint, const char *error, bool required)
{
	H(&p->b, "<div class=\"field\"><label for=\"f-imp-");
	h_attr(&p->b, name);
	H(&p->b, "\">");
	h_text(&p->b, label);
	if (required)
		H(&p->b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
	H(&p->b, "</label><input type=\"file\" id=\"f-imp-");
	h_attr(&p->b, name);
	H(&p->b, "\" name=\"");
	h_attr(&p->b, name);
	H(&p->b, "\" accept=\"");
	h_attr(&p->b, accept);
	H(&p->b, "\"");
	if (required)
		H(&p->b, " required");
	if (error) {
		H(&p->b, " aria-invalid=\"true\" aria-describedby=\"e-imp-");
		h_attr(&p->b, name);
		H(&p->b, "\"");
	} else if (hint) {
		H(&p->b, " aria-describedby=\"h-imp-");
		h_attr(&p->b, name);
		H(&p->b, "\"");
	}
	H(&p->b, ">");
	if (hint) {
		H(&p->b, "<p class=\"form-help\" id=\"h-imp-");
		h_attr(&p->b, name);
		H(&p->b, "\">");
		h_text(&p->b, hint);
		H(&p->b, "</p>");
	}
	if (error) {
		H(&p->b, "<p class=\"error\" id=\"e-imp-");
		h_attr(&p->b, name);
		H(&p->b, "\">");
		h_text(&p->b, error);
		H(&p->b, "</p>");
	}
	H(&p->b, "</div>");
}

static enum MHD_Result form_page(struct req *r, const struct imp_form *f, unsigned status)
{
	struct unit_array opts = {0};
	pick_units(r, &opts);
	struct page p = {0};
	page_begin(&p, r, T(r, M_IMP_TITLE), "import");
	H(&p.b, "<h1>");
	h_text(&p.b, T(r, M_IMP_TITLE));
	H(&p.b, "</h1>");
	if (f->notice) {
		H(&p.b, "<p class=\"notice\" role=\"alert\">");
		h_text(&p.b, f->notice);
		H(&p.b, "</p>");
	}
	H(&p.b, "<p class=\"muted\">");
	h_text(&p.b, T(r, M_IMP_INTRO));
	H(&p.b, "</p>");
	/* form_begin writes urlencoded forms; a file needs multipart. */
	H(&p.b, "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\">"
		"<input type=\"hidden\" name=\"_csrf\" value=\"");
	h_attr(&p.b, r->csrf);
	H(&p.b, "\">");
	admin_unit_select(&p, "imp", "unit", T(r, M_IMP_UNIT), &opts, f->unit, NULL, f->err_unit);
	file_field(&p, "file", T(r, M_IMP_FILE),
		   ".xlsx,.csv,text/csv," XLSX_TYPE, NULL, f->err_file, true);
	file_field(&p, "map", T(r, M_IMP_MAP), ".txt,.csv,.map,text/plain", T(r, M_IMP_MAP_HINT),
		   f->err_map, false);
	H(&p.b, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-imp-dry_run\" "
		"name=\"dry_run\" value=\"1\"");
	if (f->dry_run)
		H(&p.b, " checked");
	H(&p.b, "><label for=\"f-imp-dry_run\">");
	h_text(&p.b, T(r, M_IMP_DRY));
	H(&p.b, "</label></div><div class=\"form-buttons\"><button type=\"submit\">");
	h_text(&p.b, T(r, M_IMP_SUBMIT));
	H(&p.b, "</button></div></form>");
	unit_array_free(&opts);
	return page_end(&p, status);
}

static enum MHD_Result no_right(struct req *r)
{
	struct qd_error e = {0};
	qd_fail(&e, QD_FORBIDDEN, "unit", "%s", T(r, M_IMP_NO_RIGHT));
	return web_error_page(r, &e);
}

enum MHD_Result web_import_form(struct req *r)
{
	int64_t unit = 0;
	struct in_field in[] = {
		{"unit", IN_INT, false, true, NULL, &unit, false, false},
		IN_END,
	};
	static const enum msg_id labels[] = {M_IMP_UNIT};
	enum MHD_Result res;
	if (!list_query(r, in, labels, NULL, NULL, &res))
		return res;
	if (!actor_can_somewhere(&r->actor, PA_ITEM_CREATE))
		return no_right(r);
	struct imp_form f = {.unit = unit};
	return form_page(r, &f, 200);
}

/* --- the report ----------------------------------------------------------- */

static const char *outcome_text(const struct req *r, enum import_outcome w)
{
	switch (w) {
	case IMP_NEW:
		return T(r, M_IMP_ADDED);
	case IMP_UPDATED:
		return T(r, M_IMP_UPDATED);
	case IMP_UNCHANGED:
		return T(r, M_IMP_UNCHANGED);
	case IMP_ERROR:
		return T(r, M_IMP_ERROR);
	default:
		return T(r, M_IMP_WARNING);
	}
}

static void th(struct page *p, enum msg_id m)
{
	/* the sheet (or file) column gives way on a phone */
	if (m == M_IMP_COL_SHEET)
		H(&p->b, "<th scope=\"col\" class=\"hide-sm\">");
	else
		H(&p->b, "<th scope=\"col\">");
	h_text(&p->b, T(p->r, m));
	H(&p->b, "</th>");
}

/* Sheet, row and item number; a CSV has no sheet: its file name instead. */
static void line_cells(struct page *p, const struct import_line *l, const char *file)
{
	H(&p->b, "<td class=\"hide-sm\">");
	h_text(&p->b, *l->sheet ? l->sheet : file);
	H(&p->b, "</td><td class=\"num\">");
	h_int(&p->b, l->row);
	H(&p->b, "</td><td class=\"nowrap\">");
	h_text(&p->b, l->ext_id);
	H(&p->b, "</td>");
}

/* Every error, then every warning, each in the order of the report
 * (sheet, then row). */
static void problems_table(struct page *p, const struct import_report *rep, const char *file)
{
	if (rep->errors + rep->warnings == 0)
		return;
	H(&p->b, "<h2>");
	h_text(&p->b, T(p->r, M_IMP_PROBLEMS));
	H(&p->b, "</h2><div class=\"table-wrap\"><table class=\"list import-problems\"><thead><tr>");
	th(p, M_IMP_COL_KIND);
	th(p, M_IMP_COL_SHEET);
	th(p, M_IMP_COL_ROW);
	th(p, M_IMP_COL_EXT);
	th(p, M_IMP_COL_COLUMN);
	th(p, M_IMP_COL_REASON);
	H(&p->b, "</tr></thead><tbody>");
	for (int pass = 0; pass < 2; pass++) {
		enum import_outcome want = pass == 0 ? IMP_ERROR : IMP_WARNING;
		for (int i = 0; i < rep->n; i++) {
			const struct import_line *l = &rep->v[i];
			if (l->what != want)
				continue;
			if (want == IMP_ERROR)
				H(&p->b, "<tr class=\"imp-error\"><td><span class=\"badge overdue\">");
			else
				H(&p->b, "<tr class=\"imp-warning\"><td><span class=\"badge\">");
			h_text(&p->b, outcome_text(p->r, l->what));
			H(&p->b, "</span></td>");
			line_cells(p, l, file);
			H(&p->b, "<td>");
			h_text(&p->b, l->column);
			H(&p->b, "</td><td>");
			h_text(&p->b, l->message);
			H(&p->b, "</td></tr>");
		}
	}
	H(&p->b, "</tbody></table></div>");
}

static void rows_done(struct page *p, const struct import_report *rep, const char *file)
{
	int n = 0;
	for (int i = 0; i < rep->n; i++)
		n += rep->v[i].what == IMP_NEW || rep->v[i].what == IMP_UPDATED;
	H(&p->b, "<details class=\"import-rows\"><summary>");
	h_text(&p->b, T(p->r, M_IMP_ROWS));
	H(&p->b, "（");
	h_int(&p->b, n);
	H(&p->b, "）</summary>");
	if (n == 0) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(p->r, M_IMP_ROWS_NONE));
		H(&p->b, "</p></details>");
		return;
	}
	H(&p->b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>");
	th(p, M_IMP_COL_SHEET);
	th(p, M_IMP_COL_ROW);
	th(p, M_IMP_COL_EXT);
	th(p, M_IMP_COL_KIND);
	th(p, M_IMP_COL_CHANGED);
	H(&p->b, "</tr></thead><tbody>");
	for (int i = 0; i < rep->n; i++) {
		const struct import_line *l = &rep->v[i];
		if (l->what != IMP_NEW && l->what != IMP_UPDATED)
			continue;
		H(&p->b, "<tr>");
		line_cells(p, l, file);
		H(&p->b, "<td>");
		h_text(&p->b, outcome_text(p->r, l->what));
		H(&p->b, "</td><td>");
		h_text(&p->b, l->message);
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div></details>");
}

static enum MHD_Result report_page(struct req *r, const struct import_report *rep,
				   const struct unit *u, const char *file, unsigned status)
{
	struct page p = {0};
	page_begin(&p, r, T(r, M_IMP_RESULT), "import");
	H(&p.b, "<h1>");
	h_text(&p.b, u->name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_IMP_RESULT));
	H(&p.b, "</h1>");
	enum msg_id verdict = rep->applied    ? M_IMP_APPLIED
			      : !rep->dry_run ? M_IMP_REFUSED
			      : rep->errors   ? M_IMP_DRY_ERRORS
					      : M_IMP_DRY_CLEAN;
	H(&p.b, "<p class=\"");
	if (rep->errors)
		H(&p.b, "notice");
	else
		H(&p.b, "ok");
	H(&p.b, " import-summary\" role=\"status\">");
	char nums[6][16];
	const int v[6] = {rep->rows, rep->added, rep->updated, rep->unchanged, rep->errors,
			  rep->warnings};
	const char *keys[6] = {"rows", "added", "updated", "unchanged", "errors", "warnings"};
	const char *vals[6];
	for (int i = 0; i < 6; i++) {
		snprintf(nums[i], sizeof nums[i], "%d", v[i]);
		vals[i] = nums[i];
	}
	h_msg_vars(&p.b, T(r, M_IMP_SUMMARY), keys, vals, 6);
	H(&p.b, " <strong>");
	h_text(&p.b, T(r, verdict));
	H(&p.b, "</strong></p>");
	if (rep->charset && strcmp(rep->charset, "UTF-8") != 0) {
		const char *ck[] = {"charset"}, *cv[] = {rep->charset};
		H(&p.b, "<p class=\"muted\">");
		h_msg_vars(&p.b, T(r, M_IMP_CHARSET), ck, cv, 1);
		H(&p.b, "</p>");
	}
	problems_table(&p, rep, file);
	rows_done(&p, rep, file);
	H(&p.b, "<p class=\"actions\"><a class=\"button secondary\" href=\"/import?unit=");
	h_int(&p.b, u->id);
	H(&p.b, "\">");
	h_text(&p.b, T(r, M_IMP_AGAIN));
	H(&p.b, "</a><a class=\"button secondary\" href=\"/items?unit=");
	h_int(&p.b, u->id);
	H(&p.b, "\">");
	h_text(&p.b, T(r, M_IMP_TO_LIST));
	H(&p.b, "</a></p>");
	return page_end(&p, status);
}

/* --- the import ----------------------------------------------------------- */

/* A problem with the file itself: the form again, the reason beside the
 * file field (the file has to be chosen again: browsers do not refill). */
static enum MHD_Result file_refused(struct req *r, struct imp_form *f, const char **slot,
				    enum msg_id what, const struct qd_error *e)
{
	struct buf msg = BUF_INIT;
	buf_puts(&msg, T(r, what));
	if (e && e->detail[0]) {
		buf_puts(&msg, T(r, M_LIST_COLON));
		buf_puts(&msg, e->detail);
	}
	*slot = buf_str(&msg);
	f->notice = T(r, M_IMP_NOTHING_SAVED);
	enum MHD_Result res = form_page(r, f, 400);
	buf_free(&msg);
	return res;
}

/* Read the upload into a book: an xlsx by its zip magic, else CSV text. */
static qd_err read_book(const struct form_file *file, struct grid_book *book,
			const char **charset, bool *not_text, struct qd_error *e)
{
	const char *data = file->data.p;
	size_t len = file->data.len;
	*not_text = false;
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return xlsx_read(data, len, book, e);
	if (!charset_detect(data, len)) {
		*not_text = true;
		return qd_fail(e, QD_BAD_FILE, "file", "neither an xlsx workbook nor CSV text");
	}
	struct grid g = {0};
	qd_err r = csv_read(data, len, &g, charset, e);
	if (r == QD_OK) {
		book->sheets = xcalloc(1, sizeof *book->sheets);
		book->sheets[0] = g;
		book->n = 1;
	}
	return r;
}

static bool known_fields(const struct req *r)
{
	static const char *const names[] = {"_csrf", "unit", "dry_run", "file", "map"};
	for (int i = 0; i < r->nform + r->nfiles; i++) {
		const char *k = i < r->nform ? r->form[i].key : r->files[i - r->nform].key;
		bool ok = false;
		for (size_t j = 0; j < sizeof names / sizeof *names; j++)
			ok |= strcmp(k, names[j]) == 0;
		if (!ok)
			return false;
	}
	return true;
}

/* The mapping file, when one was sent; false with f->err_map set. */
static bool read_map(struct req *r, struct ledger_map *map, struct qd_error *e)
{
	const struct form_file *mf = form_file_get(r, "map");
	if (!mf || mf->data.len == 0)
		return true;
	char *text = xmalloc(mf->data.len + 1);
	memcpy(text, mf->data.p, mf->data.len);
	text[mf->data.len] = '\0';
	bool ok = strlen(text) == mf->data.len && ledger_map_parse(text, map, e) == QD_OK;
	if (!ok && !e->detail[0])
		qd_fail(e, QD_BAD_FILE, "map", "not a text file");
	free(text);
	return ok;
}

enum MHD_Result web_import(struct req *r)
{
	struct imp_form f = {.unit = admin_form_id(r, "unit"),
			     .dry_run = form_get(r, "dry_run") != NULL};
	if (!actor_can_somewhere(&r->actor, PA_ITEM_CREATE))
		return no_right(r);
	if (!known_fields(r)) {
		f.notice = T(r, M_IMP_ERR_FIELDS);
		return form_page(r, &f, 400);
	}
	if (f.unit <= 0) {
		f.err_unit = T(r, M_IMP_ERR_UNIT);
		f.notice = T(r, M_FORM_ERRORS);
		return form_page(r, &f, 400);
	}
	struct qd_error e = {0};
	struct unit u = {0};
	if (app_unit_get(r->app, &r->actor, f.unit, &u, &e) != QD_OK)
		return reply_error(r, &e);
	if (!actor_can(&r->actor, PA_ITEM_CREATE, u.path)) {
		unit_clear(&u);
		qd_fail(&e, QD_FORBIDDEN, "unit", NULL);
		return reply_error(r, &e);
	}
	const struct form_file *file = form_file_get(r, "file");
	if (!file || file->data.len == 0) {
		unit_clear(&u);
		return file_refused(r, &f, &f.err_file, M_IMP_ERR_NO_FILE, NULL);
	}
	struct ledger_map map = {0};
	if (!read_map(r, &map, &e)) {
		unit_clear(&u);
		ledger_map_free(&map);
		return file_refused(r, &f, &f.err_map, M_IMP_ERR_MAP, &e);
	}
	struct grid_book book = {0};
	const char *charset = NULL;
	bool not_text;
	enum MHD_Result res;
	if (read_book(file, &book, &charset, &not_text, &e) != QD_OK) {
		res = not_text ? file_refused(r, &f, &f.err_file, M_IMP_ERR_KIND, NULL)
			       : file_refused(r, &f, &f.err_file, M_IMP_ERR_FILE, &e);
	} else {
		struct import_request rq = {.unit_id = u.id, .map = map.n ? &map : NULL,
					    .dry_run = f.dry_run, .lang = r->lang};
		struct import_report rep;
		qd_err q = app_import(r->app, &r->actor, &book, &rq, &rep, &e);
		rep.charset = charset;
		if (q == QD_OK)
			res = report_page(r, &rep, &u, file->filename, 200);
		else if (q == QD_IMPORT_ROWS)
			res = report_page(r, &rep, &u, file->filename, 422);
		else if (q == QD_BAD_FILE)
			res = file_refused(r, &f, &f.err_file, M_IMP_ERR_FILE, &e);
		else
			res = reply_error(r, &e);
		import_report_free(&rep);
	}
	grid_book_free(&book);
	ledger_map_free(&map);
	unit_clear(&u);
	return res;
}
