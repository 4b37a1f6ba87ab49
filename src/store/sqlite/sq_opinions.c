/* sq_opinions.c: opinions from the public. */
#include "sq.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../domain/tree.h"
#include "../../util/alloc.h"
#include <stdlib.h>

#define OPINION_COLS \
	"id, code, channel, received_at, unit_id, upath, category_id, text, submitter_name, " \
	"submitter_contact, status, item_id, reply, replied_at, reject_reason, rating, " \
	"rating_comment, rated_at, created_at, updated_at, resolution"

static void read_opinion(sqlite3_stmt *q, struct opinion *o)
{
	o->id = sq_col_int(q, 0);
	o->code = sq_col_text(q, 1);
	o->channel = code_parse(&T_CHANNEL, (const char *)sqlite3_column_text(q, 2));
	o->received_at = sq_col_int(q, 3);
	o->unit_id = sq_col_int(q, 4);
	o->upath = sq_col_text(q, 5);
	o->category_id = sq_col_int(q, 6);
	o->text = sq_col_text(q, 7);
	o->submitter_name = sq_col_text(q, 8);
	o->submitter_contact = sq_col_text(q, 9);
	o->status = code_parse(&T_OPINION_STATUS, (const char *)sqlite3_column_text(q, 10));
	o->item_id = sq_col_int(q, 11);
	o->reply = sq_col_text(q, 12);
	o->replied_at = sq_col_int(q, 13);
	o->reject_reason = sq_col_text(q, 14);
	o->rating = code_parse(&T_RATING, (const char *)sqlite3_column_text(q, 15));
	o->rating_comment = sq_col_text(q, 16);
	o->rated_at = sq_col_int(q, 17);
	o->created_at = sq_col_int(q, 18);
	o->updated_at = sq_col_int(q, 19);
	o->resolution = sq_col_text(q, 20);
}

static void bind_state(sqlite3_stmt *q, const struct opinion *o)
{
	sq_bind_text(q, ":status", code_str(&T_OPINION_STATUS, o->status));
	sq_bind_id(q, ":item", o->item_id);
	sq_bind_text(q, ":reply", o->reply);
	sq_bind_text(q, ":resolution", o->resolution);
	sq_bind_id(q, ":replied", o->replied_at);
	sq_bind_text(q, ":reject", o->reject_reason);
	sq_bind_text(q, ":rating", o->rating >= 0 ? code_str(&T_RATING, o->rating) : NULL);
	sq_bind_text(q, ":comment", o->rating_comment);
	sq_bind_id(q, ":rated", o->rated_at);
	sq_bind_int(q, ":updated", o->updated_at);
}

qd_err sq_opinion_insert(struct store *st, struct opinion *o)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO opinion(code, channel, received_at, unit_id, upath, category_id, text, "
		"submitter_name, submitter_contact, status, item_id, reply, replied_at, "
		"reject_reason, rating, rating_comment, rated_at, created_at, updated_at, resolution) "
		"VALUES (:code, :channel, :received, :unit, :upath, :category, :text, :name, :contact, "
		":status, :item, :reply, :replied, :reject, :rating, :comment, :rated, :created, "
		":updated, :resolution)");
	sq_bind_text(q, ":code", o->code);
	sq_bind_text(q, ":channel", code_str(&T_CHANNEL, o->channel));
	sq_bind_int(q, ":received", o->received_at);
	sq_bind_int(q, ":unit", o->unit_id);
	sq_bind_text(q, ":upath", o->upath);
	sq_bind_id(q, ":category", o->category_id);
	sq_bind_text(q, ":text", o->text);
	sq_bind_text(q, ":name", o->submitter_name && *o->submitter_name ? o->submitter_name : NULL);
	sq_bind_text(q, ":contact",
		     o->submitter_contact && *o->submitter_contact ? o->submitter_contact : NULL);
	sq_bind_int(q, ":created", o->created_at);
	bind_state(q, o);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		o->id = sqlite3_last_insert_rowid(SQ(st)->db);
	return r;
}

static qd_err one(sqlite3_stmt *q, struct opinion *out)
{
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_opinion(q, out);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

qd_err sq_opinion_get(struct store *st, int64_t id, struct opinion *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " OPINION_COLS " FROM opinion WHERE id = :id");
	sq_bind_int(q, ":id", id);
	return one(q, out);
}

qd_err sq_opinion_get_by_code(struct store *st, const char *code, struct opinion *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " OPINION_COLS " FROM opinion WHERE code = :code");
	sq_bind_text(q, ":code", code);
	return one(q, out);
}

qd_err sq_opinion_update(struct store *st, const struct opinion *o)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE opinion SET status = :status, item_id = :item, reply = :reply, "
		"resolution = :resolution, "
		"replied_at = :replied, reject_reason = :reject, rating = :rating, "
		"rating_comment = :comment, rated_at = :rated, updated_at = :updated WHERE id = :id");
	bind_state(q, o);
	sq_bind_int(q, ":id", o->id);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK && sqlite3_changes(SQ(st)->db) == 0)
		return QD_NOT_FOUND;
	return r;
}

static qd_err collect(sqlite3_stmt *q, int max, struct opinion **out, int *n, bool *more)
{
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	if (more)
		*more = false;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == max) {
			if (more)
				*more = true;
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, sizeof **out * (size_t)cap);
		}
		opinion_init(&(*out)[*n]);
		read_opinion(q, &(*out)[(*n)++]);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

qd_err sq_opinion_list_for_item(struct store *st, int64_t item_id, int max, struct opinion **out,
				int *n, int64_t *total)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT count(*) FROM opinion WHERE item_id = :item");
	sq_bind_int(q, ":item", item_id);
	int rc = sqlite3_step(q);
	*total = rc == SQLITE_ROW ? sq_col_int(q, 0) : 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return sq_err(rc);
	q = sq_stmt(SQ(st), "SELECT " OPINION_COLS " FROM opinion WHERE item_id = :item "
			    "ORDER BY id LIMIT :max");
	sq_bind_int(q, ":item", item_id);
	sq_bind_int(q, ":max", max);
	return collect(q, max, out, n, NULL);
}

qd_err sq_opinion_list(struct store *st, const char *upath, int status, int limit, int offset,
		       struct opinion **out, int *n, bool *has_more)
{
	char *upper = path_upper(upath);
	sqlite3_stmt *q;
	if (status >= 0) {
		q = sq_stmt(SQ(st), "SELECT " OPINION_COLS " FROM opinion "
				    "WHERE upath >= :lo AND upath < :hi AND status = :status "
				    "ORDER BY id DESC LIMIT :limit OFFSET :offset");
		sq_bind_text(q, ":status", code_str(&T_OPINION_STATUS, status));
	} else {
		q = sq_stmt(SQ(st), "SELECT " OPINION_COLS " FROM opinion "
				    "WHERE upath >= :lo AND upath < :hi "
				    "ORDER BY id DESC LIMIT :limit OFFSET :offset");
	}
	sq_bind_text(q, ":lo", upath);
	sq_bind_text(q, ":hi", upper);
	sq_bind_int(q, ":limit", limit + 1);
	sq_bind_int(q, ":offset", offset);
	free(upper);
	return collect(q, limit, out, n, has_more);
}
