/* sq_items.c: items (the problem list) and the responsibility list. */
#include "sq.h"
#include "sq_build.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../domain/tree.h"
#include "../../util/alloc.h"
#include "../../util/date.h"
#include "../../util/utf8.h"
#include <stdlib.h>
#include <string.h>

static void bind_code(sqlite3_stmt *q, const char *name, const struct code_table *t, int v)
{
	sq_bind_text(q, name, v >= 0 ? code_str(t, v) : NULL);
}

static void bind_item_fields(sqlite3_stmt *q, const struct item *it)
{
	sq_bind_text(q, ":ext", it->ext_id);
	bind_code(q, ":kind", &T_ITEM_KIND, it->kind);
	bind_code(q, ":source", &T_SOURCE, it->source);
	bind_code(q, ":level", &T_LEVEL, it->level);
	sq_bind_id(q, ":category", it->category_id);
	sq_bind_text(q, ":title", it->title);
	sq_bind_text(q, ":detail", it->detail ? it->detail : "");
	sq_bind_int(q, ":unit", it->unit_id);
	sq_bind_text(q, ":upath", it->upath);
	sq_bind_id(q, ":responsible", it->responsible_id);
	sq_bind_id(q, ":claimant", it->claimant_id);
	bind_code(q, ":mode", &T_MODE, it->mode);
	sq_bind_day(q, ":found", it->found_on);
	sq_bind_day(q, ":due", it->due_on);
	bind_code(q, ":status", &T_STATUS, it->status);
	bind_code(q, ":closure", &T_CLOSURE, it->closure);
	sq_bind_id(q, ":closed_at", it->closed_at);
	sq_bind_day(q, ":closed_on", it->closed_on);
	sq_bind_int(q, ":sendbacks", it->sendbacks);
	sq_bind_int(q, ":reopens", it->reopens);
	sq_bind_int(q, ":updated", it->updated_at);
	sq_bind_int(q, ":version", it->version);
	bind_code(q, ":case_type", &T_CASE_TYPE, it->case_type);
	sq_bind_int(q, ":funds", it->funds);
	sq_bind_int(q, ":beneficiaries", it->beneficiaries);
}

qd_err sq_item_insert(struct store *st, struct item *it)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO item(ext_id, kind, source, level, category_id, title, detail, "
		"unit_id, upath, responsible_id, claimant_id, mode, found_on, due_on, status, "
		"closure, closed_at, closed_on, sendbacks, reopens, created_at, updated_at, version, "
		"case_type, funds, beneficiaries) "
		"VALUES (:ext, :kind, :source, :level, :category, :title, :detail, :unit, :upath, "
		":responsible, :claimant, :mode, :found, :due, :status, :closure, :closed_at, "
		":closed_on, :sendbacks, :reopens, :created, :updated, :version, :case_type, :funds, "
		":beneficiaries)");
	bind_item_fields(q, it);
	sq_bind_int(q, ":created", it->created_at);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK) {
		it->id = sqlite3_last_insert_rowid(SQ(st)->db);
		r = sq_fts_added(SQ(st), it->id);
	}
	return r;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The title and detail an item has now (copies; NULL when there is none). */
static qd_err indexed_text(struct sq_store *s, int64_t id, char **title, char **detail)
{
	sqlite3_stmt *q = sq_stmt(s, "SELECT title, detail FROM item WHERE id = :id");
	sq_bind_int(q, ":id", id);
	int rc = sqlite3_step(q);
	*title = *detail = NULL;
	if (rc == SQLITE_ROW) {
		*title = sq_col_text(q, 0);
		*detail = sq_col_text(q, 1);
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

static qd_err get_one(sqlite3_stmt *q, struct item *out)
{
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		sq_read_item(q, out);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

qd_err sq_item_get(struct store *st, int64_t id, struct item *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " SQ_ITEM_COLS " FROM item i WHERE i.id = :id");
	sq_bind_int(q, ":id", id);
	return get_one(q, out);
}

qd_err sq_item_get_by_ext(struct store *st, const char *ext_id, struct item *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " SQ_ITEM_COLS " FROM item i WHERE i.ext_id = :ext");
	sq_bind_text(q, ":ext", ext_id);
	return get_one(q, out);
}

qd_err sq_item_update(struct store *st, const struct item *it)
{
	char *title, *detail;
	qd_err r = indexed_text(SQ(st), it->id, &title, &detail);
	if (r != QD_OK)
		return r;
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE item SET ext_id = :ext, kind = :kind, source = :source, level = :level, "
		"category_id = :category, title = :title, detail = :detail, unit_id = :unit, "
		"upath = :upath, responsible_id = :responsible, claimant_id = :claimant, "
		"mode = :mode, found_on = :found, due_on = :due, status = :status, "
		"closure = :closure, closed_at = :closed_at, closed_on = :closed_on, "
		"sendbacks = :sendbacks, reopens = :reopens, updated_at = :updated, "
		"version = :version, case_type = :case_type, funds = :funds, "
		"beneficiaries = :beneficiaries WHERE id = :id AND version = :version - 1");
	bind_item_fields(q, it);
	sq_bind_int(q, ":id", it->id);
	r = sq_exec_stmt(q);
	if (r == QD_OK && sqlite3_changes(SQ(st)->db) == 0)
		r = QD_CONFLICT;
	if (r == QD_OK && title && (!same_text(title, it->title) || !same_text(detail, it->detail)))
		r = sq_fts_changed(SQ(st), it->id, title, detail);
	free(title);
	free(detail);
	return r;
}

/* The text filter, a substring of the title or detail: FTS5 trigram for
 * three characters or more - its matches for items the index is up to date
 * on, and a LIKE over the few items waiting for it (sq_fts.c); shorter
 * queries (common in Chinese: 「路灯」) use LIKE within the subtree. */
static void add_text_filter(struct sqlb *b, const char *text)
{
	struct buf like = BUF_INIT;
	buf_putc(&like, '%');
	for (const char *p = text; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_putc(&like, '\\');
		buf_putc(&like, *p);
	}
	buf_putc(&like, '%');
	sqlb_text(b, ":like", buf_str(&like));
	buf_free(&like);
	if (utf8_len(text) < 3) {
		sqlb_add(b, " AND (i.title LIKE :like ESCAPE '\\' OR i.detail LIKE :like ESCAPE '\\')");
		return;
	}
	struct buf phrase = BUF_INIT;
	buf_putc(&phrase, '"');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			buf_putc(&phrase, '"');
		buf_putc(&phrase, *p);
	}
	buf_putc(&phrase, '"');
	sqlb_add(b, " AND ((i.id IN (SELECT rowid FROM item_fts WHERE item_fts MATCH :fts) "
		     "AND i.id NOT IN (SELECT item_id FROM fts_pending)) "
		     "OR (i.id IN (SELECT item_id FROM fts_pending) "
		     "AND (i.title LIKE :like ESCAPE '\\' OR i.detail LIKE :like ESCAPE '\\')))");
	sqlb_text(b, ":fts", buf_str(&phrase));
	buf_free(&phrase);
}

static void add_code_filter(struct sqlb *b, const char *frag, const char *name,
			    const struct code_table *t, int v)
{
	if (v < 0)
		return;
	sqlb_add_literal(b, frag);
	sqlb_text(b, name, code_str(t, v));
}

/* How to list a subtree when a global index gives the order: walking it and
 * filtering by path reads about want * total / n_sub rows; the path index
 * reads the subtree's n_sub rows and sorts them. Walk when that is cheaper:
 * n_sub^2 > want * total. */
static bool walk_global_order(struct sq_store *s, const char *upath, int64_t want)
{
	int64_t ids[PATH_MAX_DEPTH];
	int n = path_ids(upath, ids, PATH_MAX_DEPTH);
	if (n <= 0)
		return false;
	sqlite3_stmt *q = sq_stmt(s,
		"SELECT coalesce((SELECT items FROM unit_load WHERE unit_id = :unit), 0), "
		"       coalesce((SELECT max(id) FROM item), 0)");
	sq_bind_int(q, ":unit", ids[n - 1]);
	bool walk = false;
	if (sqlite3_step(q) == SQLITE_ROW) {
		double sub = (double)sq_col_int(q, 0), total = (double)sq_col_int(q, 1);
		walk = sub * sub > (double)want * total;
	}
	sqlite3_reset(q);
	return walk;
}

/* Every filter but the subtree, appended to a WHERE clause. */
static void add_filters(struct sqlb *b, const struct item_filter *f)
{
	add_code_filter(b, " AND i.kind = :kind", ":kind", &T_ITEM_KIND, f->kind);
	add_code_filter(b, " AND i.status = :status", ":status", &T_STATUS, f->status);
	add_code_filter(b, " AND i.mode = :mode", ":mode", &T_MODE, f->mode);
	add_code_filter(b, " AND i.level = :level", ":level", &T_LEVEL, f->level);
	add_code_filter(b, " AND i.source = :source", ":source", &T_SOURCE, f->source);
	if (f->open_only || f->overdue)
		sqlb_add(b, " AND i.status <> 'closed'");
	if (f->overdue) {
		sqlb_add(b, " AND i.due_on < :today");
		sqlb_day(b, ":today", f->today);
	}
	if (f->closed_only)
		sqlb_add(b, " AND i.status = 'closed'");
	if (f->not_overdue) {
		sqlb_add(b, " AND (i.status = 'closed' OR i.due_on IS NULL OR i.due_on >= :today)");
		sqlb_day(b, ":today", f->today);
	}
	if (f->due_from != DAY_NONE) {
		sqlb_add(b, " AND i.due_on >= :due_from");
		sqlb_day(b, ":due_from", f->due_from);
	}
	if (f->due_to != DAY_NONE) {
		sqlb_add(b, " AND i.due_on <= :due_to");
		sqlb_day(b, ":due_to", f->due_to);
	}
	if (f->claimant_id) {
		sqlb_add(b, " AND i.claimant_id = :claimant");
		sqlb_int(b, ":claimant", f->claimant_id);
	}
	if (f->claimed_only)
		sqlb_add(b, " AND i.claimant_id IS NOT NULL");
	if (f->responsible_id) {
		sqlb_add(b, " AND i.responsible_id = :responsible");
		sqlb_int(b, ":responsible", f->responsible_id);
	}
	if (f->category_id) {
		sqlb_add(b, " AND i.category_id = :category");
		sqlb_int(b, ":category", f->category_id);
	}
	if (f->by_found && f->found_from != DAY_NONE) {
		sqlb_add(b, " AND i.found_on >= :found_from");
		sqlb_day(b, ":found_from", f->found_from);
	}
	if (f->by_found && f->found_to != DAY_NONE) {
		sqlb_add(b, " AND i.found_on <= :found_to");
		sqlb_day(b, ":found_to", f->found_to);
	}
	if (f->closure) {
		sqlb_add(b, " AND i.closure = :closure");
		sqlb_text(b, ":closure", f->closure);
	}
	if (f->case_type) {
		sqlb_add(b, " AND i.case_type = :case_type");
		sqlb_text(b, ":case_type", f->case_type);
	}
	if (f->text && *f->text)
		add_text_filter(b, f->text);
	if (f->after_ext_id && f->sort == SORT_EXT_ID) {
		sqlb_add(b, " AND i.ext_id > :after");
		sqlb_text(b, ":after", f->after_ext_id);
	}
}

/* Read up to limit rows of a prepared statement, skipping *skip first;
 * *has_more when one more is there. */
static int read_page(sqlite3_stmt *q, const struct item_filter *f, int *skip,
		     struct item_array *out, bool *has_more)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*skip > 0) {
			(*skip)--;
			continue;
		}
		if (out->n == f->limit) {
			*has_more = true;
			return SQLITE_DONE;
		}
		sq_read_item(q, item_array_push(out));
	}
	return rc;
}

/* Items not signed off, by due day: the subtree's open-due counters name the
 * days that hold any, in order, and each day is one index seek
 * (item_open_due) - however large the subtree or the ledger. Returns false
 * when the filter is not one it can answer (the caller plans otherwise);
 * *done when the page is complete, else the caller lists the rest (items
 * with no due day come last). */
static bool list_open_by_due(struct sq_store *s, const struct item_filter *f,
			     struct item_array *out, bool *has_more, qd_err *r)
{
	bool open = f->open_only || f->overdue ||
		    (f->status >= 0 && f->status != ST_CLOSED);
	if (f->sort != SORT_DUE || !open || f->closed_only || (f->text && *f->text))
		return false;
	int64_t ids[PATH_MAX_DEPTH];
	int n = path_ids(f->upath, ids, PATH_MAX_DEPTH);
	if (n <= 0)
		return false;
	struct sqlb b = {0};
	char *upper = path_upper(f->upath);
	sqlb_add(&b, "SELECT " SQ_ITEM_COLS " FROM item i INDEXED BY item_open_due "
		     "WHERE i.due_on = :day AND i.upath >= :lo AND i.upath < :hi "
		     "AND i.status <> 'closed'");
	sqlb_text(&b, ":lo", f->upath);
	sqlb_text(&b, ":hi", upper);
	sqlb_day(&b, ":day", 0); /* bound again for each day below */
	free(upper);
	add_filters(&b, f);
	sqlb_add(&b, " ORDER BY i.id");
	sqlite3_stmt *items = sqlb_prepare(&b, s);
	sqlb_free(&b);
	int day_param = sqlite3_bind_parameter_index(items, ":day");
	sqlite3_stmt *days = sq_stmt(s,
		"SELECT due_on FROM stat_open_due WHERE unit_id = :unit AND due_on >= :lo "
		"AND due_on <= :hi ORDER BY due_on");
	sq_bind_int(days, ":unit", ids[n - 1]);
	sq_bind_text(days, ":lo", "0000-00-00");
	if (f->due_from != DAY_NONE)
		sq_bind_day(days, ":lo", f->due_from);
	sq_bind_text(days, ":hi", "9999-99-99");
	if (f->due_to != DAY_NONE)
		sq_bind_day(days, ":hi", f->due_to);
	if (f->overdue && (f->due_to == DAY_NONE || f->due_to >= f->today))
		sq_bind_day(days, ":hi", f->today - 1);
	int skip = f->offset, rc = SQLITE_DONE;
	while (!*has_more && (rc = sqlite3_step(days)) == SQLITE_ROW) {
		const unsigned char *day = sqlite3_column_text(days, 0);
		sqlite3_reset(items);
		sqlite3_bind_text(items, day_param, (const char *)day, -1, SQLITE_TRANSIENT);
		int irc = read_page(items, f, &skip, out, has_more);
		if (irc != SQLITE_DONE) {
			rc = irc;
			break;
		}
	}
	sqlite3_reset(days);
	sqlite3_reset(items);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		*r = sq_err(rc);
		return true;
	}
	if (*has_more || f->overdue || (f->due_from != DAY_NONE || f->due_to != DAY_NONE)) {
		*r = QD_OK; /* complete: items with no due day cannot match */
		return true;
	}
	/* The page is short: items with no due day follow. */
	item_array_free(out);
	*has_more = false;
	return false;
}

qd_err sq_item_list(struct store *st, const struct item_filter *f, struct item_array *out,
		    bool *has_more)
{
	*has_more = false;
	qd_err r = QD_OK;
	if (list_open_by_due(SQ(st), f, out, has_more, &r))
		return r;
	struct sqlb b = {0};
	char *upper = path_upper(f->upath);
	int64_t want = (int64_t)f->limit + f->offset + 1;
	bool no_text = !(f->text && *f->text);
	if ((f->sort == SORT_NEWEST || f->sort == SORT_EXT_ID) && no_text &&
	    walk_global_order(SQ(st), f->upath, want))
		sqlb_add(&b, "SELECT " SQ_ITEM_COLS " FROM item i "
			     "WHERE +i.upath >= :lo AND +i.upath < :hi");
	else if (f->sort == SORT_UPDATED && f->claimed_only && no_text)
		/* claimed items, latest first: by the whole ledger's order or
		 * by the subtree's, whichever reads less */
		sqlb_add_literal(&b, walk_global_order(SQ(st), f->upath, want)
			? "SELECT " SQ_ITEM_COLS " FROM item i INDEXED BY item_claimed_updated "
			  "WHERE i.upath >= :lo AND i.upath < :hi"
			: "SELECT " SQ_ITEM_COLS " FROM item i INDEXED BY item_claimed_upath "
			  "WHERE i.upath >= :lo AND i.upath < :hi");
	else
		sqlb_add(&b, "SELECT " SQ_ITEM_COLS " FROM item i "
			     "WHERE i.upath >= :lo AND i.upath < :hi");
	sqlb_text(&b, ":lo", f->upath);
	sqlb_text(&b, ":hi", upper);
	free(upper);
	add_filters(&b, f);
	switch (f->sort) {
	case SORT_DUE:
		sqlb_add(&b, " ORDER BY i.due_on IS NULL, i.due_on, i.id");
		break;
	case SORT_FOUND:
		sqlb_add(&b, " ORDER BY i.found_on DESC, i.id DESC");
		break;
	case SORT_UPDATED:
		sqlb_add(&b, " ORDER BY i.updated_at DESC, i.id DESC");
		break;
	case SORT_EXT_ID:
		sqlb_add(&b, " ORDER BY i.ext_id");
		break;
	default:
		sqlb_add(&b, " ORDER BY i.id DESC");
		break;
	}
	sqlb_add(&b, " LIMIT :limit OFFSET :offset");
	sqlb_int(&b, ":limit", f->limit + 1);
	sqlb_int(&b, ":offset", f->offset);
	sqlite3_stmt *q = sqlb_prepare(&b, SQ(st));
	sqlb_free(&b);
	int skip = 0;
	int rc = read_page(q, f, &skip, out, has_more);
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

void resp_row_array_free(struct resp_row_array *a)
{
	for (int i = 0; i < a->n; i++) {
		free(a->v[i].person_name);
		free(a->v[i].unit_name);
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

qd_err sq_item_responsibility(struct store *st, const char *upath, int today, int limit,
			      struct resp_row_array *out)
{
	char *upper = path_upper(upath);
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT i.responsible_id, p.name, i.unit_id, u.name, count(*), "
		"  sum(i.status <> 'closed'), "
		"  sum(i.status <> 'closed' AND i.due_on < :today), "
		"  min(CASE WHEN i.status <> 'closed' THEN i.due_on END) "
		"FROM item i JOIN unit u ON u.id = i.unit_id "
		"LEFT JOIN person p ON p.id = i.responsible_id "
		"WHERE i.upath >= :lo AND i.upath < :hi "
		"GROUP BY i.responsible_id, i.unit_id "
		"ORDER BY 7 DESC, 6 DESC, 8 LIMIT :limit");
	sq_bind_day(q, ":today", today);
	sq_bind_text(q, ":lo", upath);
	sq_bind_text(q, ":hi", upper);
	sq_bind_int(q, ":limit", limit);
	free(upper);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->v = xrealloc(out->v, sizeof *out->v * (size_t)out->cap);
		}
		struct resp_row *r = &out->v[out->n++];
		r->person_id = sq_col_int(q, 0);
		r->person_name = sq_col_text(q, 1);
		r->unit_id = sq_col_int(q, 2);
		r->unit_name = sq_col_text(q, 3);
		r->total = sq_col_int(q, 4);
		r->open = sq_col_int(q, 5);
		r->overdue = sq_col_int(q, 6);
		r->next_due = sq_col_day(q, 7);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}
