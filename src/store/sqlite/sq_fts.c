/* sq_fts.c: the item search index (FTS5, trigram), brought up to date in
 * batches.
 *
 * FTS5 writes its pending terms out as a new segment at every commit (and
 * whenever a statement with a statement journal starts in a transaction
 * that touched it), and merges segments as they pile up: kept up to date
 * item by item, the index cost more than the rest of a durable write.
 * So an item write only notes the item in fts_pending (in its own
 * transaction: nothing is lost, a rollback takes it back), with the text
 * the index holds for it when it had been indexed; a commit that finds
 * FTS_BATCH items waiting indexes them all in two statements, one segment
 * for the lot. Searches stay exact meanwhile: they take the index's matches
 * for items not waiting, and match the text of waiting items directly
 * (sq_items.c). */
#include "sq.h"
#include "sq_ops.h"
#include <string.h>

#define FTS_BATCH 512

qd_err sq_fts_added(struct sq_store *s, int64_t id)
{
	sqlite3_stmt *q = sq_stmt(s, "INSERT INTO fts_pending(item_id, indexed) VALUES (:id, 0) "
				     "ON CONFLICT(item_id) DO NOTHING");
	sq_bind_int(q, ":id", id);
	s->fts_touched = true;
	return sq_exec_stmt(q);
}

qd_err sq_fts_changed(struct sq_store *s, int64_t id, const char *old_title,
		      const char *old_detail)
{
	/* the first change since the item was indexed holds what the index has */
	sqlite3_stmt *q = sq_stmt(s,
		"INSERT INTO fts_pending(item_id, indexed, old_title, old_detail) "
		"VALUES (:id, 1, :title, :detail) ON CONFLICT(item_id) DO NOTHING");
	sq_bind_int(q, ":id", id);
	sq_bind_text(q, ":title", old_title ? old_title : "");
	sq_bind_text(q, ":detail", old_detail ? old_detail : "");
	s->fts_touched = true;
	return sq_exec_stmt(q);
}

qd_err sq_fts_index(struct sq_store *s, bool all)
{
	if (!all) {
		if (!s->fts_touched)
			return QD_OK;
		sqlite3_stmt *q = sq_stmt(s, "SELECT count(*) >= :batch FROM fts_pending");
		sq_bind_int(q, ":batch", FTS_BATCH);
		int rc = sqlite3_step(q);
		bool due = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return sq_err(rc);
		if (!due)
			return QD_OK;
	}
	s->fts_touched = false;
	qd_err r = sq_exec_stmt(sq_stmt(s,
		"INSERT INTO item_fts(item_fts, rowid, title, detail) "
		"SELECT 'delete', item_id, old_title, old_detail FROM fts_pending "
		"WHERE indexed ORDER BY item_id"));
	if (r == QD_OK)
		r = sq_exec_stmt(sq_stmt(s,
			"INSERT INTO item_fts(rowid, title, detail) "
			"SELECT i.id, i.title, i.detail FROM fts_pending p "
			"JOIN item i ON i.id = p.item_id ORDER BY p.item_id"));
	if (r == QD_OK)
		r = sq_exec_stmt(sq_stmt(s, "DELETE FROM fts_pending"));
	return r;
}

qd_err sq_search_sync(struct store *st)
{
	qd_err r = sq_begin(st);
	if (r != QD_OK)
		return r;
	r = sq_fts_index(SQ(st), true);
	if (r == QD_OK)
		return sq_commit(st);
	st->ops->rollback(st);
	return r;
}
