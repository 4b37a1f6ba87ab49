/* sq_measures.c: measures (the rectification list). */
#include "sq.h"
#include "sq_build.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../domain/tree.h"
#include "../../util/date.h"
#include <stdlib.h>

static void bind_measure(sqlite3_stmt *q, const struct measure *m)
{
	sq_bind_text(q, ":text", m->text);
	sq_bind_id(q, ":responsible", m->responsible_id);
	sq_bind_day(q, ":due", m->due_on);
	sq_bind_text(q, ":status", code_str(&T_MEASURE_STATUS, m->status));
	sq_bind_text(q, ":evidence", m->evidence ? m->evidence : "");
	sq_bind_day(q, ":done", m->done_on);
	sq_bind_int(q, ":updated", m->updated_at);
}

qd_err sq_measure_insert(struct store *st, struct measure *m)
{
	struct sq_store *s = SQ(st);
	sqlite3_stmt *q;
	if (m->seq <= 0) {
		q = sq_stmt(s, "SELECT coalesce(max(seq), 0) + 1 FROM measure WHERE item_id = :item");
		sq_bind_int(q, ":item", m->item_id);
		int rc = sqlite3_step(q);
		m->seq = rc == SQLITE_ROW ? (int)sq_col_int(q, 0) : 1;
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return sq_err(rc);
	}
	q = sq_stmt(s,
		"INSERT INTO measure(item_id, seq, text, responsible_id, due_on, status, evidence, "
		"done_on, unit_id, upath, created_at, updated_at) VALUES (:item, :seq, :text, "
		":responsible, :due, :status, :evidence, :done, :unit, :upath, :created, :updated)");
	bind_measure(q, m);
	sq_bind_int(q, ":item", m->item_id);
	sq_bind_int(q, ":seq", m->seq);
	sq_bind_int(q, ":unit", m->unit_id);
	sq_bind_text(q, ":upath", m->upath);
	sq_bind_int(q, ":created", m->created_at);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		m->id = sqlite3_last_insert_rowid(s->db);
	return r;
}

qd_err sq_measure_get(struct store *st, int64_t id, struct measure *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " SQ_MEASURE_COLS " FROM measure m WHERE m.id = :id");
	sq_bind_int(q, ":id", id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		sq_read_measure(q, out);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

qd_err sq_measure_update(struct store *st, const struct measure *m)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE measure SET text = :text, responsible_id = :responsible, due_on = :due, "
		"status = :status, evidence = :evidence, done_on = :done, updated_at = :updated "
		"WHERE id = :id");
	bind_measure(q, m);
	sq_bind_int(q, ":id", m->id);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK && sqlite3_changes(SQ(st)->db) == 0)
		return QD_NOT_FOUND;
	return r;
}

qd_err sq_measure_set_owner(struct store *st, int64_t item_id, int64_t unit_id,
			    const char *upath)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE measure SET unit_id = :unit, upath = :upath WHERE item_id = :item");
	sq_bind_int(q, ":unit", unit_id);
	sq_bind_text(q, ":upath", upath);
	sq_bind_int(q, ":item", item_id);
	return sq_exec_stmt(q);
}

qd_err sq_measure_list_for_item(struct store *st, int64_t item_id, struct measure_array *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " SQ_MEASURE_COLS " FROM measure m WHERE m.item_id = :item ORDER BY m.seq");
	sq_bind_int(q, ":item", item_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		sq_read_measure(q, measure_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_measure_list(struct store *st, const struct measure_filter *f,
		       struct measure_array *out, bool *has_more)
{
	struct sqlb b = {0};
	char *upper = path_upper(f->upath);
	sqlb_add(&b, "SELECT " SQ_MEASURE_COLS " FROM measure m "
		     "WHERE m.upath >= :lo AND m.upath < :hi");
	sqlb_text(&b, ":lo", f->upath);
	sqlb_text(&b, ":hi", upper);
	free(upper);
	if (f->status >= 0) {
		sqlb_add(&b, " AND m.status = :status");
		sqlb_text(&b, ":status", code_str(&T_MEASURE_STATUS, f->status));
	}
	if (f->open_only || f->overdue)
		sqlb_add(&b, " AND m.status IN ('open', 'in_progress')");
	if (f->overdue) {
		sqlb_add(&b, " AND m.due_on < :today");
		sqlb_day(&b, ":today", f->today);
	}
	if (f->closed_only)
		sqlb_add(&b, " AND m.status IN ('done', 'cancelled')");
	if (f->not_overdue) {
		sqlb_add(&b, " AND (m.status IN ('done', 'cancelled') OR m.due_on IS NULL "
			     "OR m.due_on >= :today)");
		sqlb_day(&b, ":today", f->today);
	}
	if (f->responsible_id) {
		sqlb_add(&b, " AND m.responsible_id = :responsible");
		sqlb_int(&b, ":responsible", f->responsible_id);
	}
	if (f->item_kind || f->item_level || f->by_found) {
		sqlb_add(&b, " AND EXISTS (SELECT 1 FROM item i WHERE i.id = m.item_id");
		if (f->item_kind) {
			sqlb_add(&b, " AND i.kind = :kind");
			sqlb_text(&b, ":kind", f->item_kind);
		}
		if (f->item_level) {
			sqlb_add(&b, " AND i.level = :level");
			sqlb_text(&b, ":level", f->item_level);
		}
		if (f->by_found && f->found_from != DAY_NONE) {
			sqlb_add(&b, " AND i.found_on >= :found_from");
			sqlb_day(&b, ":found_from", f->found_from);
		}
		if (f->by_found && f->found_to != DAY_NONE) {
			sqlb_add(&b, " AND i.found_on <= :found_to");
			sqlb_day(&b, ":found_to", f->found_to);
		}
		sqlb_add(&b, ")");
	}
	sqlb_add(&b, " ORDER BY m.due_on IS NULL, m.due_on, m.id LIMIT :limit OFFSET :offset");
	sqlb_int(&b, ":limit", f->limit + 1);
	sqlb_int(&b, ":offset", f->offset);
	sqlite3_stmt *q = sqlb_prepare(&b, SQ(st));
	sqlb_free(&b);
	int rc, n = 0;
	*has_more = false;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n++ == f->limit) {
			*has_more = true;
			break;
		}
		sq_read_measure(q, measure_array_push(out));
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}
