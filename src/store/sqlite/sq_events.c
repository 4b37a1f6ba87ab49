/* sq_events.c: the append-only, hash-chained audit log, and whole-table
 * iteration for `qingdan check`. */
#include "sq.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENT_COLS \
	"id, at, account_id, action, entity, entity_id, before, after, note, row_hash, " \
	"prev_hash, hash"

static void copy_hash(sqlite3_stmt *q, int i, unsigned char out[32], bool *has)
{
	const void *b = sqlite3_column_blob(q, i);
	int n = sqlite3_column_bytes(q, i);
	if (b && n == 32) {
		memcpy(out, b, 32);
		if (has)
			*has = true;
	} else {
		memset(out, 0, 32);
		if (has)
			*has = false;
	}
}

static void read_event(sqlite3_stmt *q, struct event *ev)
{
	ev->id = sq_col_int(q, 0);
	ev->at = sq_col_int(q, 1);
	ev->account_id = sq_col_int(q, 2);
	ev->action = sq_col_text(q, 3);
	ev->entity = sq_col_text(q, 4);
	ev->entity_id = sq_col_int(q, 5);
	ev->before = sq_col_text(q, 6);
	ev->after = sq_col_text(q, 7);
	ev->note = sq_col_text(q, 8);
	copy_hash(q, 9, ev->row_hash, &ev->has_row_hash);
	copy_hash(q, 10, ev->prev_hash, NULL);
	copy_hash(q, 11, ev->hash, NULL);
}

qd_err sq_event_last_hash(struct store *st, unsigned char out[32])
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT hash FROM event ORDER BY id DESC LIMIT 1");
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		copy_hash(q, 0, out, NULL);
	else
		memset(out, 0, 32);
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_event_insert(struct store *st, struct event *ev)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO event(id, at, account_id, action, entity, entity_id, before, after, "
		"note, row_hash, prev_hash, hash) VALUES (:id, :at, :account, :action, :entity, "
		":entity_id, :before, :after, :note, :row_hash, :prev, :hash)");
	sq_bind_int(q, ":id", ev->id);
	sq_bind_int(q, ":at", ev->at);
	sq_bind_id(q, ":account", ev->account_id);
	sq_bind_text(q, ":action", ev->action);
	sq_bind_text(q, ":entity", ev->entity);
	sq_bind_int(q, ":entity_id", ev->entity_id);
	sq_bind_text(q, ":before", ev->before);
	sq_bind_text(q, ":after", ev->after);
	sq_bind_text(q, ":note", ev->note);
	if (ev->has_row_hash)
		sq_bind_blob(q, ":row_hash", ev->row_hash, 32);
	else
		sq_bind_null(q, ":row_hash");
	sq_bind_blob(q, ":prev", ev->prev_hash, 32);
	sq_bind_blob(q, ":hash", ev->hash, 32);
	return sq_exec_stmt(q);
}

qd_err sq_event_next_id(struct store *st, int64_t *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT coalesce(max(id), 0) + 1 FROM event");
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = sq_col_int(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

qd_err sq_event_list_for(struct store *st, const char *entity, int64_t entity_id,
			 struct event_array *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " EVENT_COLS " FROM event WHERE entity = :entity AND entity_id = :id "
		"ORDER BY id");
	sq_bind_text(q, ":entity", entity);
	sq_bind_int(q, ":id", entity_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		read_event(q, event_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_event_list_for_item(struct store *st, int64_t item_id, struct event_array *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " EVENT_COLS " FROM event WHERE entity = 'item' AND entity_id = :item "
		"UNION ALL "
		"SELECT " EVENT_COLS " FROM event WHERE entity = 'measure' AND entity_id IN "
		"  (SELECT id FROM measure WHERE item_id = :item) "
		"ORDER BY 1");
	sq_bind_int(q, ":item", item_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		read_event(q, event_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_event_iterate(struct store *st, row_cb cb, void *ctx)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " EVENT_COLS " FROM event ORDER BY id");
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct event ev = {0};
		read_event(q, &ev);
		stop = cb(ctx, ev.id, &ev);
		event_clear(&ev);
	}
	sqlite3_reset(q);
	return stop || rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_event_last_per_row(struct store *st, const char *entity, row_cb cb, void *ctx)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT e.entity_id, e.row_hash, e.id FROM event e "
		"JOIN (SELECT entity_id, max(id) AS last FROM event WHERE entity = :entity "
		"      GROUP BY entity_id) l ON e.id = l.last ORDER BY e.entity_id");
	sq_bind_text(q, ":entity", entity);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct event ev = {0};
		ev.entity_id = sq_col_int(q, 0);
		copy_hash(q, 1, ev.row_hash, &ev.has_row_hash);
		ev.id = sq_col_int(q, 2);
		stop = cb(ctx, ev.entity_id, &ev);
	}
	sqlite3_reset(q);
	return stop || rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* Whole-table iteration, in id order, for check. */

static qd_err iterate(sqlite3_stmt *q, enum store_entity e, row_cb cb, void *ctx)
{
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sq_col_int(q, 0);
		switch (e) {
		case ENT_UNIT: {
			struct unit u = {0};
			sq_read_unit(q, &u);
			stop = cb(ctx, id, &u);
			unit_clear(&u);
			break;
		}
		case ENT_PERSON: {
			struct person p = {id, sq_col_int(q, 1), sq_col_text(q, 2),
					   sq_col_text(q, 3), sq_col_int(q, 4) != 0};
			stop = cb(ctx, id, &p);
			person_clear(&p);
			break;
		}
		case ENT_ACCOUNT: {
			struct account a = {0};
			a.id = id;
			a.person_id = sq_col_int(q, 1);
			a.login = sq_col_text(q, 2);
			a.pwhash = sq_col_text(q, 3);
			snprintf(a.lang, sizeof a.lang, "%s", sqlite3_column_text(q, 4));
			a.active = sq_col_int(q, 5) != 0;
			a.created_at = sq_col_int(q, 6);
			stop = cb(ctx, id, &a);
			account_clear(&a);
			break;
		}
		case ENT_GRANT: {
			struct grant g = {id, sq_col_int(q, 1), sq_col_int(q, 2),
					  code_parse(&T_ROLE, (const char *)sqlite3_column_text(q, 3)),
					  sq_col_text(q, 4)};
			stop = cb(ctx, id, &g);
			grant_clear(&g);
			break;
		}
		case ENT_CATEGORY: {
			struct category c = {id, sq_col_text(q, 1), sq_col_text(q, 2),
					     sq_col_int(q, 3) != 0};
			stop = cb(ctx, id, &c);
			category_clear(&c);
			break;
		}
		case ENT_ITEM: {
			struct item it;
			item_init(&it);
			sq_read_item(q, &it);
			stop = cb(ctx, id, &it);
			item_clear(&it);
			break;
		}
		case ENT_MEASURE: {
			struct measure m;
			measure_init(&m);
			sq_read_measure(q, &m);
			stop = cb(ctx, id, &m);
			measure_clear(&m);
			break;
		}
		case ENT_SETTING:
		case ENT_CALENDAR: {
			struct kv_row kv = {(const char *)sqlite3_column_text(q, 1),
					    (const char *)sqlite3_column_text(q, 2)};
			stop = cb(ctx, id, &kv);
			break;
		}
		default:
			stop = 1;
		}
	}
	sqlite3_reset(q);
	return stop || rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

struct opinion_iter {
	row_cb cb;
	void *ctx;
};

static int opinion_row(void *x, const struct opinion *o)
{
	struct opinion_iter *it = x;
	return it->cb(it->ctx, o->id, o);
}

qd_err sq_entity_iterate(struct store *st, enum store_entity e, row_cb cb, void *ctx)
{
	if (e == ENT_OPINION) {
		struct opinion_iter it = {cb, ctx};
		int rc = sq_opinion_each_by_id(st, opinion_row, &it);
		return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
	}
	struct sq_store *s = SQ(st);
	const char *sql;
	switch (e) {
	case ENT_UNIT:
		sql = "SELECT " SQ_UNIT_COLS " FROM unit u ORDER BY u.id";
		break;
	case ENT_PERSON:
		sql = "SELECT id, unit_id, name, title, active FROM person ORDER BY id";
		break;
	case ENT_ACCOUNT:
		sql = "SELECT id, person_id, login, pwhash, lang, active, created_at "
		      "FROM account ORDER BY id";
		break;
	case ENT_GRANT:
		sql = "SELECT g.id, g.account_id, g.unit_id, g.role, u.path FROM grants g "
		      "JOIN unit u ON u.id = g.unit_id ORDER BY g.id";
		break;
	case ENT_CATEGORY:
		sql = "SELECT id, code, name, active FROM category ORDER BY id";
		break;
	case ENT_ITEM:
		sql = "SELECT " SQ_ITEM_COLS " FROM item i ORDER BY i.id";
		break;
	case ENT_MEASURE:
		sql = "SELECT " SQ_MEASURE_COLS " FROM measure m ORDER BY m.id";
		break;
	case ENT_SETTING:
		sql = "SELECT rowid, key, value FROM setting ORDER BY rowid";
		break;
	case ENT_CALENDAR:
		sql = "SELECT 0, day, kind FROM calendar_day ORDER BY day";
		break;
	default:
		return QD_INTERNAL;
	}
	return iterate(sq_stmt(s, sql), e, cb, ctx);
}
