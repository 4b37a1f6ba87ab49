/* sq_schema.c: the SQLite schema as numbered migrations.
 *
 * PRAGMA user_version holds the number of migrations applied. Append new
 * migrations at the end; never edit a released one. Civil dates are TEXT
 * 'YYYY-MM-DD'; timestamps are INTEGER Unix seconds; vocabularies are TEXT
 * codes (domain/codes.h). */
#include "sq.h"
#include <stdio.h>

static const char *const migrations[] = {
/* 1: the ledger core */
"CREATE TABLE setting(\n"
"  key TEXT PRIMARY KEY,\n"
"  value TEXT NOT NULL\n"
");\n"
"CREATE TABLE sequence(\n"
"  name TEXT PRIMARY KEY,\n"
"  value INTEGER NOT NULL\n"
");\n"
"CREATE TABLE unit(\n"
"  id INTEGER PRIMARY KEY,\n"
"  parent_id INTEGER REFERENCES unit(id),\n"
"  kind TEXT NOT NULL,\n"
"  name TEXT NOT NULL,\n"
"  code TEXT UNIQUE,\n"
"  path TEXT NOT NULL UNIQUE,\n"
"  depth INTEGER NOT NULL,\n"
"  active INTEGER NOT NULL DEFAULT 1,\n"
"  created_at INTEGER NOT NULL\n"
");\n"
"CREATE INDEX unit_parent ON unit(parent_id, id);\n"
"CREATE TABLE person(\n"
"  id INTEGER PRIMARY KEY,\n"
"  unit_id INTEGER NOT NULL REFERENCES unit(id),\n"
"  name TEXT NOT NULL,\n"
"  title TEXT NOT NULL DEFAULT '',\n"
"  active INTEGER NOT NULL DEFAULT 1\n"
");\n"
"CREATE INDEX person_unit ON person(unit_id);\n"
"CREATE TABLE account(\n"
"  id INTEGER PRIMARY KEY,\n"
"  person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),\n"
"  login TEXT NOT NULL UNIQUE,\n"
"  pwhash TEXT NOT NULL,\n"
"  lang TEXT NOT NULL DEFAULT '',\n"
"  active INTEGER NOT NULL DEFAULT 1,\n"
"  created_at INTEGER NOT NULL\n"
");\n"
"CREATE TABLE grants(\n"
"  id INTEGER PRIMARY KEY,\n"
"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
"  unit_id INTEGER NOT NULL REFERENCES unit(id),\n"
"  role TEXT NOT NULL,\n"
"  UNIQUE(account_id, unit_id, role)\n"
");\n"
"CREATE INDEX grants_unit ON grants(unit_id);\n"
"CREATE TABLE session(\n"
"  token_hash BLOB PRIMARY KEY,\n"
"  account_id INTEGER NOT NULL REFERENCES account(id),\n"
"  kind TEXT NOT NULL,\n"
"  created_at INTEGER NOT NULL,\n"
"  last_seen INTEGER NOT NULL,\n"
"  expires_at INTEGER NOT NULL\n"
") WITHOUT ROWID;\n"
"CREATE INDEX session_account ON session(account_id);\n"
"CREATE TABLE category(\n"
"  id INTEGER PRIMARY KEY,\n"
"  code TEXT NOT NULL UNIQUE,\n"
"  name TEXT NOT NULL,\n"
"  active INTEGER NOT NULL DEFAULT 1\n"
");\n"
"CREATE TABLE item(\n"
"  id INTEGER PRIMARY KEY,\n"
"  ext_id TEXT NOT NULL UNIQUE,\n"
"  kind TEXT NOT NULL,\n"
"  source TEXT NOT NULL,\n"
"  level TEXT,\n"
"  category_id INTEGER REFERENCES category(id),\n"
"  title TEXT NOT NULL,\n"
"  detail TEXT NOT NULL DEFAULT '',\n"
"  unit_id INTEGER NOT NULL REFERENCES unit(id),\n"
"  upath TEXT NOT NULL,\n"
"  responsible_id INTEGER REFERENCES person(id),\n"
"  claimant_id INTEGER REFERENCES person(id),\n"
"  mode TEXT NOT NULL,\n"
"  found_on TEXT NOT NULL,\n"
"  due_on TEXT,\n"
"  status TEXT NOT NULL,\n"
"  closure TEXT,\n"
"  closed_at INTEGER,\n"
"  closed_on TEXT,\n"
"  sendbacks INTEGER NOT NULL DEFAULT 0,\n"
"  reopens INTEGER NOT NULL DEFAULT 0,\n"
"  created_at INTEGER NOT NULL,\n"
"  updated_at INTEGER NOT NULL,\n"
"  version INTEGER NOT NULL DEFAULT 1\n"
");\n"
/* Subtree lists: newest first, by due date, open items by due date. */
"CREATE INDEX item_upath ON item(upath, id);\n"
"CREATE INDEX item_upath_due ON item(upath, due_on) WHERE status <> 'closed';\n"
"CREATE INDEX item_status_upath ON item(status, upath);\n"
"CREATE INDEX item_claimant ON item(claimant_id, status) WHERE claimant_id IS NOT NULL;\n"
"CREATE INDEX item_responsible ON item(responsible_id, status) WHERE responsible_id IS NOT NULL;\n"
"CREATE INDEX item_unit ON item(unit_id);\n"
"CREATE TABLE measure(\n"
"  id INTEGER PRIMARY KEY,\n"
"  item_id INTEGER NOT NULL REFERENCES item(id),\n"
"  seq INTEGER NOT NULL,\n"
"  text TEXT NOT NULL,\n"
"  responsible_id INTEGER REFERENCES person(id),\n"
"  due_on TEXT,\n"
"  status TEXT NOT NULL,\n"
"  evidence TEXT NOT NULL DEFAULT '',\n"
"  done_on TEXT,\n"
"  unit_id INTEGER NOT NULL REFERENCES unit(id),\n"
"  upath TEXT NOT NULL,\n"
"  created_at INTEGER NOT NULL,\n"
"  updated_at INTEGER NOT NULL,\n"
"  UNIQUE(item_id, seq)\n"
");\n"
"CREATE INDEX measure_upath ON measure(upath, id);\n"
"CREATE INDEX measure_responsible ON measure(responsible_id) WHERE responsible_id IS NOT NULL;\n"
/* Counters per unit (rolled up to ancestors) and found day. */
"CREATE TABLE stat_count(\n"
"  unit_id INTEGER NOT NULL,\n"
"  day TEXT NOT NULL,\n"
"  metric TEXT NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY(unit_id, day, metric)\n"
") WITHOUT ROWID;\n"
/* The same counters per month, so that long periods read few rows. */
"CREATE TABLE stat_month(\n"
"  unit_id INTEGER NOT NULL,\n"
"  month TEXT NOT NULL,\n"
"  metric TEXT NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY(unit_id, month, metric)\n"
") WITHOUT ROWID;\n"
/* Number of items per unit's subtree, to choose how to list a subtree. */
"CREATE TABLE unit_load(\n"
"  unit_id INTEGER PRIMARY KEY,\n"
"  items INTEGER NOT NULL\n"
");\n"
/* Items not closed that have a due day, per unit (rolled up) and due day. */
"CREATE TABLE stat_open_due(\n"
"  unit_id INTEGER NOT NULL,\n"
"  due_on TEXT NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY(unit_id, due_on)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE event(\n"
"  id INTEGER PRIMARY KEY,\n"
"  at INTEGER NOT NULL,\n"
"  account_id INTEGER,\n"
"  action TEXT NOT NULL,\n"
"  entity TEXT NOT NULL,\n"
"  entity_id INTEGER NOT NULL,\n"
"  before TEXT,\n"
"  after TEXT,\n"
"  note TEXT,\n"
"  row_hash BLOB,\n"
"  prev_hash BLOB NOT NULL,\n"
"  hash BLOB NOT NULL\n"
");\n"
"CREATE INDEX event_entity ON event(entity, entity_id, id);\n"
"CREATE TABLE calendar_day(\n"
"  day TEXT PRIMARY KEY,\n"
"  kind TEXT NOT NULL CHECK(kind IN ('off','on'))\n"
") WITHOUT ROWID;\n"
"CREATE VIRTUAL TABLE item_fts USING fts5(title, detail, content='item', content_rowid='id', tokenize='trigram');\n"
"CREATE TRIGGER item_fts_ai AFTER INSERT ON item BEGIN\n"
"  INSERT INTO item_fts(rowid, title, detail) VALUES (new.id, new.title, new.detail);\n"
"END;\n"
"CREATE TRIGGER item_fts_ad AFTER DELETE ON item BEGIN\n"
"  INSERT INTO item_fts(item_fts, rowid, title, detail) VALUES ('delete', old.id, old.title, old.detail);\n"
"END;\n"
"CREATE TRIGGER item_fts_au AFTER UPDATE OF title, detail ON item BEGIN\n"
"  INSERT INTO item_fts(item_fts, rowid, title, detail) VALUES ('delete', old.id, old.title, old.detail);\n"
"  INSERT INTO item_fts(rowid, title, detail) VALUES (new.id, new.title, new.detail);\n"
"END;\n",
/* 2: opinions from the public (诉求/意见建议) */
"CREATE TABLE opinion(\n"
"  id INTEGER PRIMARY KEY,\n"
"  code TEXT NOT NULL UNIQUE,\n"
"  channel TEXT NOT NULL,\n"
"  received_at INTEGER NOT NULL,\n"
"  unit_id INTEGER NOT NULL REFERENCES unit(id),\n"
"  upath TEXT NOT NULL,\n"
"  category_id INTEGER REFERENCES category(id),\n"
"  text TEXT NOT NULL,\n"
"  submitter_name TEXT,\n"
"  submitter_contact TEXT,\n"
"  status TEXT NOT NULL,\n"
"  item_id INTEGER REFERENCES item(id),\n"
"  reply TEXT,\n"
"  resolution TEXT,\n"
"  replied_at INTEGER,\n"
"  reject_reason TEXT,\n"
"  rating TEXT,\n"
"  rating_comment TEXT,\n"
"  rated_at INTEGER,\n"
"  created_at INTEGER NOT NULL,\n"
"  updated_at INTEGER NOT NULL\n"
");\n"
"CREATE INDEX opinion_upath ON opinion(upath, id);\n"
"CREATE INDEX opinion_item ON opinion(item_id, id) WHERE item_id IS NOT NULL;\n",
/* 3: where, response times, answers for the rates; Open311 clients and the
 * updates they pull and push */
"ALTER TABLE opinion ADD COLUMN address TEXT;\n"
"ALTER TABLE opinion ADD COLUMN lat REAL;\n"
"ALTER TABLE opinion ADD COLUMN lon REAL;\n"
"ALTER TABLE opinion ADD COLUMN responded_at INTEGER;\n"
"ALTER TABLE opinion ADD COLUMN response_wdays INTEGER;\n"
"ALTER TABLE opinion ADD COLUMN closure TEXT;\n"
"ALTER TABLE opinion ADD COLUMN answered_at INTEGER;\n"
"ALTER TABLE opinion ADD COLUMN redo INTEGER NOT NULL DEFAULT 0;\n"
"ALTER TABLE opinion ADD COLUMN client_id INTEGER REFERENCES open311_client(id);\n"
"CREATE INDEX opinion_upath_received ON opinion(upath, received_at);\n"
"CREATE INDEX opinion_received ON opinion(received_at);\n"
"CREATE TABLE open311_client(\n"
"  id INTEGER PRIMARY KEY,\n"
"  name TEXT NOT NULL,\n"
"  unit_id INTEGER NOT NULL REFERENCES unit(id),\n"
"  key_hash BLOB NOT NULL UNIQUE,\n"
"  created_at INTEGER NOT NULL,\n"
"  revoked_at INTEGER\n"
");\n"
"CREATE TABLE opinion_update(\n"
"  id INTEGER PRIMARY KEY,\n"
"  opinion_id INTEGER NOT NULL REFERENCES opinion(id),\n"
"  at INTEGER NOT NULL,\n"
"  status TEXT NOT NULL,\n"
"  description TEXT,\n"
"  client_id INTEGER REFERENCES open311_client(id),\n"
"  external_id TEXT\n"
");\n"
"CREATE INDEX opinion_update_at ON opinion_update(at);\n"
"CREATE INDEX opinion_update_opinion ON opinion_update(opinion_id, id);\n"
"CREATE UNIQUE INDEX opinion_update_external ON opinion_update(client_id, external_id) "
"WHERE external_id IS NOT NULL;\n",
/* 4: what the reports count of cases and deeds (the counters are rebuilt
 * after it: sq_migrate) */
"ALTER TABLE item ADD COLUMN case_type TEXT;\n"
"ALTER TABLE item ADD COLUMN funds INTEGER NOT NULL DEFAULT 0;\n"
"ALTER TABLE item ADD COLUMN beneficiaries INTEGER NOT NULL DEFAULT 0;\n",
/* 5: counters as one row per unit and day (and month) holding every metric
 * in a blob (store/counts.h), metrics named by a dictionary; integer days
 * and months (YYYYMM). The counters are rebuilt after it. */
"DROP TABLE stat_count;\n"
"DROP TABLE stat_month;\n"
"CREATE TABLE stat_metric(\n"
"  id INTEGER PRIMARY KEY,\n"
"  name TEXT NOT NULL UNIQUE\n"
");\n"
"CREATE TABLE stat_day(\n"
"  unit_id INTEGER NOT NULL,\n"
"  day INTEGER NOT NULL,\n"
"  counts BLOB NOT NULL,\n"
"  PRIMARY KEY(unit_id, day)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE stat_mon(\n"
"  unit_id INTEGER NOT NULL,\n"
"  month INTEGER NOT NULL,\n"
"  counts BLOB NOT NULL,\n"
"  PRIMARY KEY(unit_id, month)\n"
") WITHOUT ROWID;\n",
/* 6: province scale - all-time counter rows (month 0) and open items due
 * per month, so that a subtree's figures read a handful of rows; indexes
 * that let lists of open items by due day and of claimed items stop after
 * a page; the search index written at commit (sq_fts.c), not by triggers.
 * The counters are rebuilt after it. */
"CREATE TABLE stat_due_mon(\n"
"  unit_id INTEGER NOT NULL,\n"
"  month INTEGER NOT NULL,\n"
"  n INTEGER NOT NULL,\n"
"  PRIMARY KEY(unit_id, month)\n"
") WITHOUT ROWID;\n"
"CREATE INDEX item_open_due ON item(due_on, upath) WHERE status <> 'closed';\n"
"CREATE INDEX item_claimed_upath ON item(upath, updated_at) WHERE claimant_id IS NOT NULL;\n"
"CREATE INDEX item_claimed_updated ON item(updated_at, upath) WHERE claimant_id IS NOT NULL;\n"
"DROP TRIGGER item_fts_ai;\n"
"DROP TRIGGER item_fts_au;\n",
/* 7: claimed items latest first by the whole ledger's order need the id
 * in the index, or ties make SQLite sort them all */
"DROP INDEX item_claimed_updated;\n"
"CREATE INDEX item_claimed_updated ON item(updated_at, id, upath) "
"WHERE claimant_id IS NOT NULL;\n",
/* 8: the same for open items due on one day: in id order with the path
 * beside it, a page stops after its rows instead of sorting the day's */
"DROP INDEX item_open_due;\n"
"CREATE INDEX item_open_due ON item(due_on, id, upath) WHERE status <> 'closed';\n",
/* 9: items waiting for the search index, indexed in batches (sq_fts.c) */
"CREATE TABLE fts_pending(\n"
"  item_id INTEGER PRIMARY KEY,\n"
"  indexed INTEGER NOT NULL,\n"
"  old_title TEXT,\n"
"  old_detail TEXT\n"
");\n",
};

/* The schema after which the counters' metrics last changed: a database
 * migrated across it gets its counters rebuilt from the records. */
#define COUNTERS_DEFINED_AT 6

int sq_schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

static int user_version(struct sq_store *s)
{
	sqlite3_stmt *q = sq_stmt(s, "PRAGMA user_version");
	int v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
	sqlite3_reset(q);
	return v;
}

qd_err sq_migrate(struct sq_store *s, struct qd_error *e)
{
	int have = user_version(s), want = sq_schema_count();
	if (have < 0)
		return qd_fail(e, QD_DB, NULL, "cannot read schema version");
	if (have > want)
		return qd_fail(e, QD_SCHEMA_NEWER, NULL,
			       "database schema %d, this binary knows up to %d", have, want);
	if (have == want)
		return QD_OK;
	if (sq_exec(s, "BEGIN IMMEDIATE") != QD_OK)
		return qd_fail(e, QD_BUSY, NULL, "cannot lock the database to migrate");
	for (int v = have; v < want; v++) {
		char *msg = NULL;
		if (sqlite3_exec(s->db, migrations[v], NULL, NULL, &msg) != SQLITE_OK) {
			qd_fail(e, QD_DB, NULL, "migration %d: %s", v + 1, msg ? msg : "?");
			sqlite3_free(msg);
			sq_exec(s, "ROLLBACK");
			return QD_DB;
		}
		char pragma[48];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
		if (sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			sq_exec(s, "ROLLBACK");
			return qd_fail(e, QD_DB, NULL, "cannot set schema version");
		}
	}
	if (have > 0 && have < COUNTERS_DEFINED_AT && sq_stat_rebuild(s) != QD_OK) {
		sq_exec(s, "ROLLBACK");
		return qd_fail(e, QD_DB, NULL, "cannot rebuild the counters");
	}
	if (sq_exec(s, "COMMIT") != QD_OK)
		return qd_fail(e, QD_DB, NULL, "cannot commit migration");
	return QD_OK;
}
