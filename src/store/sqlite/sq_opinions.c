/* sq_opinions.c: opinions from the public. */
#include "sq.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../domain/tree.h"
#include "../../util/alloc.h"
#include "sq_build.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPINION_COLS \
	"id, code, channel, received_at, unit_id, upath, category_id, text, submitter_name, " \
	"submitter_contact, status, item_id, reply, replied_at, reject_reason, rating, " \
	"rating_comment, rated_at, created_at, updated_at, resolution, address, lat, lon, " \
	"responded_at, response_wdays, closure, answered_at, redo, client_id"

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
	o->address = sq_col_text(q, 21);
	o->has_location = sqlite3_column_type(q, 22) != SQLITE_NULL;
	o->lat = sqlite3_column_double(q, 22);
	o->lon = sqlite3_column_double(q, 23);
	o->responded_at = sq_col_int(q, 24);
	o->response_wdays = sqlite3_column_type(q, 25) == SQLITE_NULL ? -1
								     : sqlite3_column_int(q, 25);
	o->closure = code_parse(&T_CLOSURE, (const char *)sqlite3_column_text(q, 26));
	o->answered_at = sq_col_int(q, 27);
	o->redo = sqlite3_column_int(q, 28);
	o->client_id = sq_col_int(q, 29);
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
	sq_bind_id(q, ":responded", o->responded_at);
	if (o->responded_at)
		sq_bind_int(q, ":wdays", o->response_wdays);
	else
		sq_bind_null(q, ":wdays");
	sq_bind_text(q, ":closure", o->closure >= 0 ? code_str(&T_CLOSURE, o->closure) : NULL);
	sq_bind_id(q, ":answered", o->answered_at);
	sq_bind_int(q, ":redo", o->redo);
}

qd_err sq_opinion_insert(struct store *st, struct opinion *o)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO opinion(code, channel, received_at, unit_id, upath, category_id, text, "
		"submitter_name, submitter_contact, status, item_id, reply, replied_at, "
		"reject_reason, rating, rating_comment, rated_at, created_at, updated_at, resolution, "
		"address, lat, lon, responded_at, response_wdays, closure, answered_at, redo, "
		"client_id) "
		"VALUES (:code, :channel, :received, :unit, :upath, :category, :text, :name, :contact, "
		":status, :item, :reply, :replied, :reject, :rating, :comment, :rated, :created, "
		":updated, :resolution, :address, :lat, :lon, :responded, :wdays, :closure, "
		":answered, :redo, :client)");
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
	sq_bind_text(q, ":address", o->address && *o->address ? o->address : NULL);
	if (o->has_location) {
		sq_bind_real(q, ":lat", o->lat);
		sq_bind_real(q, ":lon", o->lon);
	} else {
		sq_bind_null(q, ":lat");
		sq_bind_null(q, ":lon");
	}
	sq_bind_id(q, ":client", o->client_id);
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
		"rating_comment = :comment, rated_at = :rated, updated_at = :updated, "
		"responded_at = :responded, response_wdays = :wdays, closure = :closure, "
		"answered_at = :answered, redo = :redo WHERE id = :id");
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

static int each(sqlite3_stmt *q, int (*cb)(void *ctx, const struct opinion *o), void *ctx)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct opinion o;
		opinion_init(&o);
		read_opinion(q, &o);
		int stop = cb(ctx, &o);
		opinion_clear(&o);
		if (stop)
			break;
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

int sq_opinion_each(struct store *st, const char *lo, const char *hi,
		    int (*cb)(void *ctx, const struct opinion *o), void *ctx)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " OPINION_COLS " FROM opinion "
					  "WHERE upath >= :lo AND upath < :hi");
	sq_bind_text(q, ":lo", lo);
	sq_bind_text(q, ":hi", hi);
	return each(q, cb, ctx);
}

int sq_opinion_each_by_id(struct store *st, int (*cb)(void *ctx, const struct opinion *o),
			  void *ctx)
{
	return each(sq_stmt(SQ(st), "SELECT " OPINION_COLS " FROM opinion ORDER BY id"), cb, ctx);
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

/* The conditions of a drill-down (see enum opinion_drill). */
static void add_drill(struct sqlb *b, const struct opinion_query *f)
{
	switch (f->drill) {
	case OD_NONE:
		break;
	case OD_RESPONDED_WITHIN:
		sqlb_add(b, " AND responded_at IS NOT NULL AND response_wdays <= :arg");
		sqlb_int(b, ":arg", f->drill_arg);
		break;
	case OD_RESPONDED_LATE:
		sqlb_add(b, " AND responded_at IS NOT NULL AND response_wdays > :arg");
		sqlb_int(b, ":arg", f->drill_arg);
		break;
	case OD_PENDING:
		sqlb_add(b, " AND responded_at IS NULL");
		break;
	case OD_NOT_REDONE:
		sqlb_add(b, " AND answered_at IS NOT NULL AND redo = 0");
		break;
	case OD_CLOSURE:
		sqlb_add(b, " AND status = 'answered' AND closure = :arg");
		sqlb_text(b, ":arg", code_str(&T_CLOSURE, f->drill_arg));
		break;
	case OD_RATING:
		sqlb_add(b, " AND rating = :arg");
		sqlb_text(b, ":arg", code_str(&T_RATING, f->drill_arg));
		break;
	case OD_REDO:
		sqlb_add(b, " AND redo > 0");
		break;
	}
}

qd_err sq_opinion_find(struct store *st, const struct opinion_query *f, struct opinion **out,
		       int *n, bool *has_more)
{
	struct sqlb b = {0};
	/* Open311 reads a whole jurisdiction by time; the rest a subtree. */
	if (f->order == OQ_RECEIVED_DESC && f->by_time)
		sqlb_add(&b, "SELECT " OPINION_COLS " FROM opinion INDEXED BY opinion_received "
			     "WHERE upath >= :lo AND upath < :hi");
	else
		sqlb_add(&b, "SELECT " OPINION_COLS " FROM opinion WHERE upath >= :lo AND upath < :hi");
	char *upper = path_upper(f->upath);
	sqlb_text(&b, ":lo", f->upath);
	sqlb_text(&b, ":hi", upper);
	free(upper);
	if (f->status >= 0) {
		sqlb_add(&b, " AND status = :status");
		sqlb_text(&b, ":status", code_str(&T_OPINION_STATUS, f->status));
	}
	if (f->open311_open >= 0) {
		if (f->open311_open)
			sqlb_add(&b, " AND status NOT IN ('rejected', 'answered')");
		else
			sqlb_add(&b, " AND status IN ('rejected', 'answered')");
	}
	if (f->channel >= 0) {
		sqlb_add(&b, " AND channel = :channel");
		sqlb_text(&b, ":channel", code_str(&T_CHANNEL, f->channel));
	}
	if (f->received_from) {
		sqlb_add(&b, " AND received_at >= :rfrom");
		sqlb_int(&b, ":rfrom", f->received_from);
	}
	if (f->received_to) {
		sqlb_add(&b, " AND received_at < :rto");
		sqlb_int(&b, ":rto", f->received_to);
	}
	if (f->answered_from) {
		sqlb_add(&b, " AND answered_at >= :afrom");
		sqlb_int(&b, ":afrom", f->answered_from);
	}
	if (f->answered_to) {
		sqlb_add(&b, " AND answered_at < :ato");
		sqlb_int(&b, ":ato", f->answered_to);
	}
	if (f->ids_json) {
		sqlb_add(&b, " AND id IN (SELECT value FROM json_each(:ids))");
		sqlb_text(&b, ":ids", f->ids_json);
	}
	if (f->categories_json) {
		sqlb_add(&b, " AND category_id IN (SELECT value FROM json_each(:cats))");
		sqlb_text(&b, ":cats", f->categories_json);
	}
	add_drill(&b, f);
	if (f->before_id && f->order == OQ_ID_DESC) {
		sqlb_add(&b, " AND id < :before");
		sqlb_int(&b, ":before", f->before_id);
	}
	if (f->one_per_item) {
		/* the same conditions for a newer opinion of the item (by index
		 * opinion_item); the named binds are shared with the outer query */
		sqlb_add(&b, " AND (item_id IS NULL OR NOT EXISTS (SELECT 1 FROM opinion o2 "
			     "WHERE o2.item_id = opinion.item_id AND o2.id > opinion.id "
			     "AND o2.upath >= :lo AND o2.upath < :hi AND o2.status = opinion.status "
			     "AND o2.closure IS opinion.closure AND o2.received_at >= :rfrom2 "
			     "AND o2.received_at < :rto2))");
		sqlb_int(&b, ":rfrom2", f->received_from);
		sqlb_int(&b, ":rto2", f->received_to ? f->received_to : INT64_MAX);
	}
	switch (f->order) {
	case OQ_ID_DESC:
		sqlb_add(&b, " ORDER BY id DESC");
		break;
	case OQ_RECEIVED_DESC:
		sqlb_add(&b, " ORDER BY received_at DESC, id DESC");
		break;
	case OQ_ANSWERED_DESC:
		sqlb_add(&b, " ORDER BY answered_at DESC, id DESC");
		break;
	}
	sqlb_add(&b, " LIMIT :limit OFFSET :offset");
	sqlb_int(&b, ":limit", f->limit + 1);
	sqlb_int(&b, ":offset", f->offset);
	sqlite3_stmt *q = sqlb_prepare(&b, SQ(st));
	sqlb_free(&b);
	if (!q)
		return QD_DB;
	qd_err r = collect(q, f->limit, out, n, has_more);
	sqlite3_reset(q);
	return r;
}

/* --- updates (Open311 servicerequestupdates) --- */

qd_err sq_opinion_update_add(struct store *st, struct opinion_update *u)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO opinion_update(opinion_id, at, status, description, client_id, "
		"external_id) VALUES (:opinion, :at, :status, :description, :client, :external)");
	sq_bind_int(q, ":opinion", u->opinion_id);
	sq_bind_int(q, ":at", u->at);
	sq_bind_text(q, ":status", u->status);
	sq_bind_text(q, ":description", u->description);
	sq_bind_id(q, ":client", u->client_id);
	sq_bind_text(q, ":external", u->external_id);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		u->id = sqlite3_last_insert_rowid(SQ(st)->db);
	return r;
}

#define UPDATE_COLS "u.id, u.opinion_id, u.at, u.status, u.description, u.client_id, u.external_id"

static void read_update(sqlite3_stmt *q, struct opinion_update *u)
{
	memset(u, 0, sizeof *u);
	u->id = sq_col_int(q, 0);
	u->opinion_id = sq_col_int(q, 1);
	u->at = sq_col_int(q, 2);
	snprintf(u->status, sizeof u->status, "%s", (const char *)sqlite3_column_text(q, 3));
	u->description = sq_col_text(q, 4);
	u->client_id = sq_col_int(q, 5);
	u->external_id = sq_col_text(q, 6);
}

static qd_err collect_updates(sqlite3_stmt *q, int limit, struct opinion_update **out, int *n,
			      bool *has_more)
{
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	if (has_more)
		*has_more = false;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == limit) {
			if (has_more)
				*has_more = true;
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, sizeof **out * (size_t)cap);
		}
		read_update(q, &(*out)[(*n)++]);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

qd_err sq_opinion_update_list_for(struct store *st, int64_t opinion_id,
				  struct opinion_update **out, int *n)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " UPDATE_COLS " FROM opinion_update u "
					  "WHERE u.opinion_id = :id ORDER BY u.id LIMIT 1000");
	sq_bind_int(q, ":id", opinion_id);
	return collect_updates(q, 1000, out, n, NULL);
}

qd_err sq_opinion_update_find_external(struct store *st, int64_t client_id,
				       const char *external_id, struct opinion_update *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " UPDATE_COLS " FROM opinion_update u "
					  "WHERE u.client_id = :client AND u.external_id = :external");
	sq_bind_int(q, ":client", client_id);
	sq_bind_text(q, ":external", external_id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_update(q, out);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

qd_err sq_opinion_update_list(struct store *st, const char *upath, int64_t from, int64_t to,
			      int limit, struct opinion_update **out, int *n, bool *has_more)
{
	char *upper = path_upper(upath);
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " UPDATE_COLS " FROM opinion_update u JOIN opinion o ON o.id = u.opinion_id "
		"WHERE u.at >= :from AND u.at < :to AND u.client_id IS NULL "
		"AND o.upath >= :lo AND o.upath < :hi ORDER BY u.at, u.id LIMIT :limit");
	sq_bind_int(q, ":from", from);
	sq_bind_int(q, ":to", to);
	sq_bind_text(q, ":lo", upath);
	sq_bind_text(q, ":hi", upper);
	sq_bind_int(q, ":limit", limit + 1);
	free(upper);
	return collect_updates(q, limit, out, n, has_more);
}

/* --- Open311 clients --- */

qd_err sq_o311_client_insert(struct store *st, struct o311_client *c, const unsigned char *key_hash,
			     int hash_len)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO open311_client(name, unit_id, key_hash, created_at) "
		"VALUES (:name, :unit, :hash, :created)");
	sq_bind_text(q, ":name", c->name);
	sq_bind_int(q, ":unit", c->unit_id);
	sq_bind_blob(q, ":hash", key_hash, hash_len);
	sq_bind_int(q, ":created", c->created_at);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		c->id = sqlite3_last_insert_rowid(SQ(st)->db);
	return r;
}

static void read_client(sqlite3_stmt *q, struct o311_client *c)
{
	c->id = sq_col_int(q, 0);
	c->name = sq_col_text(q, 1);
	c->unit_id = sq_col_int(q, 2);
	c->upath = sq_col_text(q, 3);
	c->created_at = sq_col_int(q, 4);
	c->revoked_at = sq_col_int(q, 5);
}

#define CLIENT_SELECT \
	"SELECT c.id, c.name, c.unit_id, u.path, c.created_at, c.revoked_at " \
	"FROM open311_client c JOIN unit u ON u.id = c.unit_id "

qd_err sq_o311_client_by_key(struct store *st, const unsigned char *key_hash, int hash_len,
			     struct o311_client *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), CLIENT_SELECT "WHERE c.key_hash = :hash");
	sq_bind_blob(q, ":hash", key_hash, hash_len);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_client(q, out);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

qd_err sq_o311_client_list(struct store *st, struct o311_client **out, int *n)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), CLIENT_SELECT "ORDER BY c.id");
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, sizeof **out * (size_t)cap);
		}
		memset(&(*out)[*n], 0, sizeof **out);
		read_client(q, &(*out)[(*n)++]);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_o311_client_revoke(struct store *st, int64_t id, int64_t at)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE open311_client SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL");
	sq_bind_int(q, ":at", at);
	sq_bind_int(q, ":id", id);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK && sqlite3_changes(SQ(st)->db) == 0)
		return QD_NOT_FOUND;
	return r;
}
