/* sq_settings.c: settings, named sequences, the holiday calendar and the
 * integrity check. */
#include "sq.h"
#include "sq_ops.h"
#include "../../util/alloc.h"
#include "../../util/buf.h"
#include "../../util/date.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

qd_err sq_setting_get(struct store *st, const char *key, char **out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT value FROM setting WHERE key = :key");
	sq_bind_text(q, ":key", key);
	int rc = sqlite3_step(q);
	qd_err r = rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
	if (r == QD_OK)
		*out = sq_col_text(q, 0);
	sqlite3_reset(q);
	return r;
}

qd_err sq_setting_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO setting(key, value) VALUES (:key, :value) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	sq_bind_text(q, ":key", key);
	sq_bind_text(q, ":value", value);
	return sq_exec_stmt(q);
}

qd_err sq_sequence_next(struct store *st, const char *name, int64_t *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"INSERT INTO sequence(name, value) VALUES (:name, 1) "
		"ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value");
	sq_bind_text(q, ":name", name);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = sq_col_int(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

static void push_day(int **v, int *n, int day)
{
	*v = xrealloc(*v, sizeof **v * (size_t)(*n + 1));
	(*v)[(*n)++] = day;
}

qd_err sq_calendar_get(struct store *st, int from, int to, int **off, int *n_off,
		       int **on, int *n_on)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT day, kind FROM calendar_day WHERE day >= :from AND day <= :to "
		"ORDER BY day");
	sq_bind_day(q, ":from", from);
	sq_bind_day(q, ":to", to);
	*off = *on = NULL;
	*n_off = *n_on = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int day = sq_col_day(q, 0);
		const char *kind = (const char *)sqlite3_column_text(q, 1);
		if (strcmp(kind, "off") == 0)
			push_day(off, n_off, day);
		else
			push_day(on, n_on, day);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_calendar_set(struct store *st, int day, const char *kind)
{
	sqlite3_stmt *q;
	if (kind) {
		q = sq_stmt(SQ(st), "INSERT INTO calendar_day(day, kind) VALUES (:day, :kind) "
				    "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind");
		sq_bind_text(q, ":kind", kind);
	} else {
		q = sq_stmt(SQ(st), "DELETE FROM calendar_day WHERE day = :day");
	}
	sq_bind_day(q, ":day", day);
	return sq_exec_stmt(q);
}

qd_err sq_integrity_check(struct store *st, char **msg)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "PRAGMA integrity_check");
	struct buf b = BUF_INIT;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(q, 0);
		if (line && strcmp(line, "ok") != 0)
			buf_printf(&b, "%s\n", line);
	}
	sqlite3_reset(q);
	q = sq_stmt(SQ(st), "PRAGMA foreign_key_check");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		buf_printf(&b, "foreign key broken: %s row %lld -> %s\n",
			   sqlite3_column_text(q, 0), (long long)sqlite3_column_int64(q, 1),
			   sqlite3_column_text(q, 2));
	sqlite3_reset(q);
	if (b.len) {
		*msg = buf_steal(&b);
		return QD_DB;
	}
	buf_free(&b);
	*msg = NULL;
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_cache_size(struct store *st, int mb)
{
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size=%d", -1024 * (mb > 0 ? mb : 16));
	return sq_exec(SQ(st), pragma);
}
