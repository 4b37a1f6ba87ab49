/* sq_db.c: SQLite connection, statement cache, binding and column helpers. */
#include "sq.h"
#include "../../domain/codes.h"
#include "../../util/alloc.h"
#include "../../util/date.h"
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "qingdan: store bug: %s: %s\n", what, detail);
	abort();
}

static bool only_space(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s) && *s != ';')
			return false;
	return true;
}

static sqlite3_stmt *prepare(struct sq_store *s, const char *sql, unsigned flags)
{
	sqlite3_stmt *q = NULL;
	const char *tail = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, flags, &q, &tail) != SQLITE_OK)
		die(sqlite3_errmsg(s->db), sql);
	if (!only_space(tail))
		die("text after the first statement", sql);
	return q;
}

sqlite3_stmt *sq_stmt(struct sq_store *s, const char *sql)
{
	uintptr_t h = ((uintptr_t)sql >> 3) * 2654435761u;
	for (int i = 0; i < SQ_CACHE_SLOTS; i++) {
		int k = (int)((h + (uintptr_t)i) % SQ_CACHE_SLOTS);
		if (s->cache[k].sql == sql) {
			sqlite3_reset(s->cache[k].stmt);
			sqlite3_clear_bindings(s->cache[k].stmt);
			return s->cache[k].stmt;
		}
		if (!s->cache[k].sql) {
			s->cache[k].sql = sql;
			s->cache[k].stmt = prepare(s, sql, SQLITE_PREPARE_PERSISTENT);
			return s->cache[k].stmt;
		}
	}
	die("statement cache full", sql);
	return NULL;
}

sqlite3_stmt *sq_prepare_dynamic(struct sq_store *s, const char *sql)
{
	uint32_t h = 2166136261u;
	for (const char *p = sql; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (int i = 0; i < SQ_DYN_SLOTS; i++)
		if (s->dyn[i].sql && s->dyn[i].hash == h && strcmp(s->dyn[i].sql, sql) == 0) {
			sqlite3_reset(s->dyn[i].stmt);
			sqlite3_clear_bindings(s->dyn[i].stmt);
			return s->dyn[i].stmt;
		}
	int k = s->dyn_next;
	s->dyn_next = (k + 1) % SQ_DYN_SLOTS;
	if (s->dyn[k].stmt)
		sqlite3_finalize(s->dyn[k].stmt);
	free(s->dyn[k].sql);
	s->dyn[k].stmt = prepare(s, sql, SQLITE_PREPARE_PERSISTENT);
	s->dyn[k].sql = xstrdup(sql);
	s->dyn[k].hash = h;
	return s->dyn[k].stmt;
}

static int param(sqlite3_stmt *q, const char *name)
{
	int i = sqlite3_bind_parameter_index(q, name);
	if (i == 0)
		die("unknown parameter", name);
	return i;
}

void sq_bind_int(sqlite3_stmt *q, const char *name, int64_t v)
{
	sqlite3_bind_int64(q, param(q, name), v);
}

void sq_bind_text(sqlite3_stmt *q, const char *name, const char *v)
{
	int i = param(q, name);
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

void sq_bind_blob(sqlite3_stmt *q, const char *name, const void *v, int n)
{
	sqlite3_bind_blob(q, param(q, name), v, n, SQLITE_TRANSIENT);
}

void sq_bind_null(sqlite3_stmt *q, const char *name)
{
	sqlite3_bind_null(q, param(q, name));
}

void sq_bind_real(sqlite3_stmt *q, const char *name, double v)
{
	sqlite3_bind_double(q, param(q, name), v);
}

void sq_bind_id(sqlite3_stmt *q, const char *name, int64_t id)
{
	if (id > 0)
		sq_bind_int(q, name, id);
	else
		sq_bind_null(q, name);
}

void sq_bind_day(sqlite3_stmt *q, const char *name, int day)
{
	if (day == DAY_NONE) {
		sq_bind_null(q, name);
		return;
	}
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	sq_bind_text(q, name, t);
}

char *sq_col_text(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(q, i)) : NULL;
}

int64_t sq_col_int(sqlite3_stmt *q, int i)
{
	return sqlite3_column_int64(q, i);
}

int sq_col_day(sqlite3_stmt *q, int i)
{
	int day;
	const char *t = (const char *)sqlite3_column_text(q, i);
	return t && day_parse(t, &day) ? day : DAY_NONE;
}

qd_err sq_err(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return QD_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return QD_BUSY;
	case SQLITE_CONSTRAINT:
		return QD_CONFLICT;
	/* The disk is full or failing (or the file cannot be opened or
	 * written): the statement, or the whole transaction, did not happen;
	 * it may succeed later, once there is room again. */
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		return QD_STORAGE;
	default:
		return QD_DB;
	}
}

qd_err sq_exec_stmt(sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

qd_err sq_exec(struct sq_store *s, const char *sql)
{
	return sq_err(sqlite3_exec(s->db, sql, NULL, NULL, NULL));
}

static int code_col(sqlite3_stmt *q, int i, const struct code_table *t)
{
	return code_parse(t, (const char *)sqlite3_column_text(q, i));
}

void sq_read_unit(sqlite3_stmt *q, struct unit *u)
{
	u->id = sq_col_int(q, 0);
	u->parent_id = sq_col_int(q, 1);
	u->kind = code_col(q, 2, &T_UNIT_KIND);
	u->name = sq_col_text(q, 3);
	u->code = sq_col_text(q, 4);
	u->path = sq_col_text(q, 5);
	u->depth = (int)sq_col_int(q, 6);
	u->active = sq_col_int(q, 7) != 0;
	u->created_at = sq_col_int(q, 8);
}

void sq_read_item(sqlite3_stmt *q, struct item *it)
{
	it->id = sq_col_int(q, 0);
	it->ext_id = sq_col_text(q, 1);
	it->kind = code_col(q, 2, &T_ITEM_KIND);
	it->source = code_col(q, 3, &T_SOURCE);
	it->level = code_col(q, 4, &T_LEVEL);
	it->category_id = sq_col_int(q, 5);
	it->title = sq_col_text(q, 6);
	it->detail = sq_col_text(q, 7);
	it->unit_id = sq_col_int(q, 8);
	it->upath = sq_col_text(q, 9);
	it->responsible_id = sq_col_int(q, 10);
	it->claimant_id = sq_col_int(q, 11);
	it->mode = code_col(q, 12, &T_MODE);
	it->found_on = sq_col_day(q, 13);
	it->due_on = sq_col_day(q, 14);
	it->status = code_col(q, 15, &T_STATUS);
	it->closure = code_col(q, 16, &T_CLOSURE);
	it->closed_at = sq_col_int(q, 17);
	it->closed_on = sq_col_day(q, 18);
	it->sendbacks = (int)sq_col_int(q, 19);
	it->reopens = (int)sq_col_int(q, 20);
	it->created_at = sq_col_int(q, 21);
	it->updated_at = sq_col_int(q, 22);
	it->version = (int)sq_col_int(q, 23);
	it->case_type = code_col(q, 24, &T_CASE_TYPE);
	it->funds = sq_col_int(q, 25);
	it->beneficiaries = sq_col_int(q, 26);
}

void sq_read_measure(sqlite3_stmt *q, struct measure *m)
{
	m->id = sq_col_int(q, 0);
	m->item_id = sq_col_int(q, 1);
	m->seq = (int)sq_col_int(q, 2);
	m->text = sq_col_text(q, 3);
	m->responsible_id = sq_col_int(q, 4);
	m->due_on = sq_col_day(q, 5);
	m->status = code_col(q, 6, &T_MEASURE_STATUS);
	m->evidence = sq_col_text(q, 7);
	m->done_on = sq_col_day(q, 8);
	m->unit_id = sq_col_int(q, 9);
	m->upath = sq_col_text(q, 10);
	m->created_at = sq_col_int(q, 11);
	m->updated_at = sq_col_int(q, 12);
}
