/* items_list.c: GET /api/v1/items - the problem list (问题清单) of a
 * subtree with filters and paging. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/date.h"
#include <string.h>

static bool parse_sort(const char *s, enum item_sort *out)
{
	static const struct {
		const char *name;
		enum item_sort v;
	} sorts[] = {{"newest", SORT_NEWEST}, {"due", SORT_DUE}, {"found", SORT_FOUND},
		     {"updated", SORT_UPDATED}};
	for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
		if (strcmp(s, sorts[i].name) == 0) {
			*out = sorts[i].v;
			return true;
		}
	return false;
}

/* The unit a list is about: the one asked for, else the actor's first scope. */
int64_t default_unit(struct req *r, int64_t asked)
{
	if (asked)
		return asked;
	return r->actor.grants.n ? r->actor.grants.v[0].unit_id : 0;
}

#define ITEM_QUERY_MAX 32

bool api_item_query(struct req *r, struct item_filter *f, int64_t *unit, struct in_field *extra,
		    struct qd_error *e)
{
	int64_t claimant = 0, responsible = 0, category = 0;
	int kind = -1, status = -1, mode = -1, level = -1, source = -1;
	int due_from = DAY_NONE, due_to = DAY_NONE;
	bool overdue = false, open = false;
	const char *q = NULL, *sort = NULL;
	*unit = 0;
	struct in_field own[] = {
		{"unit", IN_INT, false, false, NULL, unit, false, false},
		{"kind", IN_CODE, false, false, &T_ITEM_KIND, &kind, false, false},
		{"status", IN_CODE, false, false, &T_STATUS, &status, false, false},
		{"mode", IN_CODE, false, false, &T_MODE, &mode, false, false},
		{"level", IN_CODE, false, false, &T_LEVEL, &level, false, false},
		{"source", IN_CODE, false, false, &T_SOURCE, &source, false, false},
		{"overdue", IN_BOOL, false, false, NULL, &overdue, false, false},
		{"open", IN_BOOL, false, false, NULL, &open, false, false},
		{"claimant", IN_INT, false, false, NULL, &claimant, false, false},
		{"responsible", IN_INT, false, false, NULL, &responsible, false, false},
		{"category", IN_INT, false, false, NULL, &category, false, false},
		{"due_from", IN_DAY, false, false, NULL, &due_from, false, false},
		{"due_to", IN_DAY, false, false, NULL, &due_to, false, false},
		{"q", IN_STRING, false, true, NULL, &q, false, false},
		{"sort", IN_STRING, false, false, NULL, &sort, false, false},
	};
	enum { NOWN = sizeof own / sizeof own[0] };
	/* One parse over ours and the caller's, then the flags copied back. */
	struct in_field in[ITEM_QUERY_MAX + 1];
	int n = 0;
	for (; n < NOWN; n++)
		in[n] = own[n];
	for (int i = 0; extra && extra[i].name && n < ITEM_QUERY_MAX; i++)
		in[n++] = extra[i];
	in[n] = (struct in_field)IN_END;
	bool ok = in_query(r, in, e);
	for (int i = NOWN; i < n; i++) {
		extra[i - NOWN].present = in[i].present;
		extra[i - NOWN].is_null = in[i].is_null;
	}
	if (!ok)
		return false;
	/* open=false and overdue=false filter too: they select the others. */
	*f = (struct item_filter){.kind = kind, .status = status, .mode = mode, .level = level,
				  .source = source, .open_only = open, .overdue = overdue,
				  .closed_only = in[7].present && !open,
				  .not_overdue = in[6].present && !overdue,
				  .due_from = due_from, .due_to = due_to, .claimant_id = claimant,
				  .responsible_id = responsible, .category_id = category, .text = q,
				  .sort = SORT_NEWEST};
	if (sort && !parse_sort(sort, &f->sort))
		return qd_fail(e, QD_BAD_PARAM, "sort", "newest, due, found or updated"), false;
	if (q && strlen(q) > 200)
		return qd_fail(e, QD_BAD_PARAM, "q", "at most 200 bytes"), false;
	return true;
}

enum MHD_Result api_items_list(struct req *r)
{
	int64_t unit = 0, limit = PAGE_DEFAULT, offset = 0;
	struct in_field paging[] = {
		{"limit", IN_INT, false, false, NULL, &limit, false, false},
		{"offset", IN_INT, false, false, NULL, &offset, false, false},
		IN_END,
	};
	struct item_filter f;
	struct qd_error e = {0};
	if (!api_item_query(r, &f, &unit, paging, &e) || !page_ok(&limit, offset, &e))
		return reply_error(r, &e);
	f.limit = (int)limit;
	f.offset = (int)offset;
	unit = default_unit(r, unit);
	struct item_array items = {0};
	bool more = false;
	if (app_item_list(r->app, &r->actor, unit, &f, &items, &more, &e) != QD_OK) {
		item_array_free(&items);
		return reply_error(r, &e);
	}
	json_t *arr = json_array();
	for (int i = 0; i < items.n; i++)
		json_array_append_new(arr, item_json(&items.v[i]));
	item_array_free(&items);
	return reply_page_steal(r, "items", arr, unit, limit, offset, more);
}
