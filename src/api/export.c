/* export.c: GET /api/v1/export - the lists of a unit's subtree as a file
 * (docs/api.md, "Ledger files").
 *
 *   list    items | measures | responsibility | opinions | all
 *           (default: all for xlsx, items for CSV; a CSV holds one list)
 *   format  xlsx (default) | csv
 *   unit    the subtree (default: the actor's first scope)
 *   bom     1: a UTF-8 BOM before a CSV (for Excel)
 *
 * and every filter of GET /api/v1/items, parsed by the same function; they
 * select the items of the problem and rectification lists (sort is taken
 * and does nothing: files are in ledger order), and are refused with the
 * responsibility list and opinions, which they would not filter. */
#include "ledger.h"
#include "../util/date.h"
#include <string.h>

/* Whether any item filter differs from "all items". */
static bool filtered(const struct item_filter *f)
{
	return f->kind >= 0 || f->status >= 0 || f->mode >= 0 || f->level >= 0 || f->source >= 0 ||
	       f->open_only || f->closed_only || f->overdue || f->not_overdue ||
	       f->due_from != DAY_NONE || f->due_to != DAY_NONE || f->claimant_id ||
	       f->responsible_id || f->category_id || f->text;
}

enum MHD_Result api_export(struct req *r)
{
	const char *list = NULL, *format = NULL;
	bool bom = false;
	struct in_field extra[] = {
		{"list", IN_STRING, false, false, NULL, &list, false, false},
		{"format", IN_STRING, false, false, NULL, &format, false, false},
		{"bom", IN_BOOL, false, false, NULL, &bom, false, false},
		IN_END,
	};
	struct item_filter f;
	int64_t unit = 0;
	struct qd_error e = {0};
	if (!api_item_query(r, &f, &unit, extra, &e))
		return reply_error(r, &e);
	bool csv = format && strcmp(format, "csv") == 0;
	if (format && !csv && strcmp(format, "xlsx") != 0)
		return reply_fail(r, QD_BAD_PARAM, "format", "xlsx or csv");
	int first = 0, last = LL_COUNT - 1;
	if (list && strcmp(list, "all") != 0) {
		int l = ledger_list_parse(list);
		if (l < 0 || strcmp(list, ledger_list(l)->code) != 0)
			return reply_fail(r, QD_BAD_PARAM, "list",
					  "items, measures, responsibility, opinions or all");
		first = last = l;
	} else if (csv) {
		if (list)
			return reply_fail(r, QD_BAD_PARAM, "list", "a CSV holds one list");
		first = last = LL_ITEMS;
	}
	if (filtered(&f) && first == last && first != LL_ITEMS && first != LL_MEASURES)
		return reply_fail(r, QD_BAD_PARAM, "list",
				  "the item filters apply to list=items, measures or all");
	struct unit u = {0};
	if (app_unit_get(r->app, &r->actor, default_unit(r, unit), &u, &e) != QD_OK) {
		unit_clear(&u);
		return reply_error(r, &e);
	}
	struct table t[LL_COUNT];
	int n = 0;
	qd_err q = QD_OK;
	for (int l = first; l <= last && q == QD_OK; l++) {
		struct export_request rq;
		export_request_init(&rq, (enum ledger_list)l, u.id);
		rq.items = f;
		rq.lang = r->lang;
		q = app_export(r->app, &r->actor, &rq, &t[n], &e);
		if (q == QD_OK)
			n++;
	}
	enum MHD_Result res = q != QD_OK ? reply_error(r, &e)
			      : reply_tables(r, t, n, first == last ? ledger_list(first)->code : "ledger",
					     u.name, csv, bom);
	for (int i = 0; i < n; i++)
		table_free(&t[i]);
	unit_clear(&u);
	return res;
}
