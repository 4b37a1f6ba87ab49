/* sq_people.c: persons, accounts, grants and sessions. */
#include "sq.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../domain/tree.h"
#include "../../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static qd_err one_row(int rc)
{
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

static qd_err changed(struct store *st, qd_err r)
{
	if (r == QD_OK && sqlite3_changes(SQ(st)->db) == 0)
		return QD_NOT_FOUND;
	return r;
}

/* persons */

#define PERSON_COLS "p.id, p.unit_id, p.name, p.title, p.active"

static void read_person(sqlite3_stmt *q, struct person *p)
{
	p->id = sq_col_int(q, 0);
	p->unit_id = sq_col_int(q, 1);
	p->name = sq_col_text(q, 2);
	p->title = sq_col_text(q, 3);
	p->active = sq_col_int(q, 4) != 0;
}

qd_err sq_person_insert(struct store *st, struct person *p)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO person(unit_id, name, title, active) "
		"VALUES (:unit, :name, :title, :active)");
	sq_bind_int(q, ":unit", p->unit_id);
	sq_bind_text(q, ":name", p->name);
	sq_bind_text(q, ":title", p->title ? p->title : "");
	sq_bind_int(q, ":active", p->active);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		p->id = sqlite3_last_insert_rowid(SQ(st)->db);
	return r;
}

qd_err sq_person_get(struct store *st, int64_t id, struct person *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " PERSON_COLS " FROM person p WHERE p.id = :id");
	sq_bind_int(q, ":id", id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_person(q, out);
	sqlite3_reset(q);
	return one_row(rc);
}

qd_err sq_person_update(struct store *st, const struct person *p)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE person SET unit_id = :unit, name = :name, title = :title, "
		"active = :active WHERE id = :id");
	sq_bind_int(q, ":unit", p->unit_id);
	sq_bind_text(q, ":name", p->name);
	sq_bind_text(q, ":title", p->title ? p->title : "");
	sq_bind_int(q, ":active", p->active);
	sq_bind_int(q, ":id", p->id);
	return changed(st, sq_exec_stmt(q));
}

qd_err sq_person_list(struct store *st, const char *upath, int limit, int offset,
		      struct person_array *out)
{
	char *upper = path_upper(upath);
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " PERSON_COLS " FROM unit u JOIN person p ON p.unit_id = u.id "
		"WHERE u.path >= :lo AND u.path < :hi ORDER BY p.id LIMIT :limit OFFSET :offset");
	sq_bind_text(q, ":lo", upath);
	sq_bind_text(q, ":hi", upper);
	sq_bind_int(q, ":limit", limit);
	sq_bind_int(q, ":offset", offset);
	free(upper);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		read_person(q, person_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* accounts */

#define ACCOUNT_COLS "a.id, a.person_id, a.login, a.pwhash, a.lang, a.active, a.created_at"

static void read_account(sqlite3_stmt *q, struct account *a)
{
	a->id = sq_col_int(q, 0);
	a->person_id = sq_col_int(q, 1);
	a->login = sq_col_text(q, 2);
	a->pwhash = sq_col_text(q, 3);
	const char *lang = (const char *)sqlite3_column_text(q, 4);
	snprintf(a->lang, sizeof a->lang, "%s", lang ? lang : "");
	a->active = sq_col_int(q, 5) != 0;
	a->created_at = sq_col_int(q, 6);
}

qd_err sq_account_insert(struct store *st, struct account *a)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO account(person_id, login, pwhash, lang, active, created_at) "
		"VALUES (:person, :login, :pwhash, :lang, :active, :created)");
	sq_bind_int(q, ":person", a->person_id);
	sq_bind_text(q, ":login", a->login);
	sq_bind_text(q, ":pwhash", a->pwhash);
	sq_bind_text(q, ":lang", a->lang);
	sq_bind_int(q, ":active", a->active);
	sq_bind_int(q, ":created", a->created_at);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		a->id = sqlite3_last_insert_rowid(SQ(st)->db);
	return r;
}

qd_err sq_account_get(struct store *st, int64_t id, struct account *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " ACCOUNT_COLS " FROM account a WHERE a.id = :id");
	sq_bind_int(q, ":id", id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_account(q, out);
	sqlite3_reset(q);
	return one_row(rc);
}

qd_err sq_account_by_login(struct store *st, const char *login, struct account *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " ACCOUNT_COLS " FROM account a WHERE a.login = :login");
	sq_bind_text(q, ":login", login);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_account(q, out);
	sqlite3_reset(q);
	return one_row(rc);
}

qd_err sq_account_update(struct store *st, const struct account *a)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE account SET login = :login, pwhash = :pwhash, lang = :lang, "
		"active = :active WHERE id = :id");
	sq_bind_text(q, ":login", a->login);
	sq_bind_text(q, ":pwhash", a->pwhash);
	sq_bind_text(q, ":lang", a->lang);
	sq_bind_int(q, ":active", a->active);
	sq_bind_int(q, ":id", a->id);
	return changed(st, sq_exec_stmt(q));
}

qd_err sq_account_list(struct store *st, const char *upath, struct account_array *out)
{
	char *upper = path_upper(upath);
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " ACCOUNT_COLS " FROM unit u JOIN person p ON p.unit_id = u.id "
		"JOIN account a ON a.person_id = p.id "
		"WHERE u.path >= :lo AND u.path < :hi ORDER BY a.id");
	sq_bind_text(q, ":lo", upath);
	sq_bind_text(q, ":hi", upper);
	free(upper);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		read_account(q, account_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* grants */

#define GRANT_COLS "g.id, g.account_id, g.unit_id, g.role, u.path"

static void read_grant(sqlite3_stmt *q, struct grant *g)
{
	g->id = sq_col_int(q, 0);
	g->account_id = sq_col_int(q, 1);
	g->unit_id = sq_col_int(q, 2);
	g->role = code_parse(&T_ROLE, (const char *)sqlite3_column_text(q, 3));
	g->unit_path = sq_col_text(q, 4);
}

qd_err sq_grant_insert(struct store *st, struct grant *g)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO grants(account_id, unit_id, role) VALUES (:account, :unit, :role)");
	sq_bind_int(q, ":account", g->account_id);
	sq_bind_int(q, ":unit", g->unit_id);
	sq_bind_text(q, ":role", code_str(&T_ROLE, g->role));
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		g->id = sqlite3_last_insert_rowid(SQ(st)->db);
	return r;
}

qd_err sq_grant_get(struct store *st, int64_t id, struct grant *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " GRANT_COLS " FROM grants g "
					  "JOIN unit u ON u.id = g.unit_id WHERE g.id = :id");
	sq_bind_int(q, ":id", id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_grant(q, out);
	sqlite3_reset(q);
	return one_row(rc);
}

qd_err sq_grant_delete(struct store *st, int64_t id)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "DELETE FROM grants WHERE id = :id");
	sq_bind_int(q, ":id", id);
	return changed(st, sq_exec_stmt(q));
}

qd_err sq_grant_list(struct store *st, int64_t account_id, struct grant_array *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " GRANT_COLS " FROM grants g "
					  "JOIN unit u ON u.id = g.unit_id "
					  "WHERE g.account_id = :account AND u.active = 1 ORDER BY g.id");
	sq_bind_int(q, ":account", account_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		read_grant(q, grant_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* sessions */

qd_err sq_session_insert(struct store *st, const unsigned char hash[32],
			 const struct session_row *s)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO session(token_hash, account_id, kind, created_at, last_seen, expires_at) "
		"VALUES (:hash, :account, :kind, :created, :seen, :expires)");
	sq_bind_blob(q, ":hash", hash, 32);
	sq_bind_int(q, ":account", s->account_id);
	sq_bind_text(q, ":kind", s->kind);
	sq_bind_int(q, ":created", s->created_at);
	sq_bind_int(q, ":seen", s->last_seen);
	sq_bind_int(q, ":expires", s->expires_at);
	return sq_exec_stmt(q);
}

qd_err sq_session_get(struct store *st, const unsigned char hash[32], struct session_row *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT account_id, kind, created_at, last_seen, expires_at FROM session "
		"WHERE token_hash = :hash");
	sq_bind_blob(q, ":hash", hash, 32);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->account_id = sq_col_int(q, 0);
		snprintf(out->kind, sizeof out->kind, "%s", sqlite3_column_text(q, 1));
		out->created_at = sq_col_int(q, 2);
		out->last_seen = sq_col_int(q, 3);
		out->expires_at = sq_col_int(q, 4);
	}
	sqlite3_reset(q);
	return one_row(rc);
}

qd_err sq_session_touch(struct store *st, const unsigned char hash[32], int64_t now)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE session SET last_seen = :now WHERE token_hash = :hash");
	sq_bind_int(q, ":now", now);
	sq_bind_blob(q, ":hash", hash, 32);
	return sq_exec_stmt(q);
}

qd_err sq_session_delete(struct store *st, const unsigned char hash[32])
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "DELETE FROM session WHERE token_hash = :hash");
	sq_bind_blob(q, ":hash", hash, 32);
	return changed(st, sq_exec_stmt(q));
}

qd_err sq_session_delete_account(struct store *st, int64_t account_id, int *count)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "DELETE FROM session WHERE account_id = :account");
	sq_bind_int(q, ":account", account_id);
	qd_err r = sq_exec_stmt(q);
	*count = r == QD_OK ? sqlite3_changes(SQ(st)->db) : 0;
	return r;
}

/* categories */

static void read_category(sqlite3_stmt *q, struct category *c)
{
	c->id = sq_col_int(q, 0);
	c->code = sq_col_text(q, 1);
	c->name = sq_col_text(q, 2);
	c->active = sq_col_int(q, 3) != 0;
}

qd_err sq_category_insert(struct store *st, struct category *c)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO category(code, name, active) VALUES (:code, :name, :active)");
	sq_bind_text(q, ":code", c->code);
	sq_bind_text(q, ":name", c->name);
	sq_bind_int(q, ":active", c->active);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK)
		c->id = sqlite3_last_insert_rowid(SQ(st)->db);
	return r;
}

qd_err sq_category_get(struct store *st, int64_t id, struct category *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT id, code, name, active FROM category WHERE id = :id");
	sq_bind_int(q, ":id", id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_category(q, out);
	sqlite3_reset(q);
	return one_row(rc);
}

qd_err sq_category_update(struct store *st, const struct category *c)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE category SET code = :code, name = :name, active = :active WHERE id = :id");
	sq_bind_text(q, ":code", c->code);
	sq_bind_text(q, ":name", c->name);
	sq_bind_int(q, ":active", c->active);
	sq_bind_int(q, ":id", c->id);
	return changed(st, sq_exec_stmt(q));
}

qd_err sq_category_list(struct store *st, struct category_array *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT id, code, name, active FROM category ORDER BY id");
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		read_category(q, category_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}
