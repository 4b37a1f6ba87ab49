/* sq_store.c: opening, closing and transactions of the SQLite backend. */
#include "sq.h"
#include "sq_ops.h"
#include "sq_sync.h"
#include "../../util/alloc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void sq_close(struct store *st)
{
	struct sq_store *s = SQ(st);
	sq_stat_drop_gathered(s);
	sq_metric_forget(s);
	for (int i = 0; i < SQ_CACHE_SLOTS; i++)
		if (s->cache[i].stmt)
			sqlite3_finalize(s->cache[i].stmt);
	for (int i = 0; i < SQ_DYN_SLOTS; i++) {
		if (s->dyn[i].stmt)
			sqlite3_finalize(s->dyn[i].stmt);
		free(s->dyn[i].sql);
	}
	sqlite3_close(s->db);
	wal_sync_put(s->sync);
	free(s);
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE ... COMMIT, inner ones
 * are savepoints. A batch (the demo builder, an import) opens an outer
 * transaction so that thousands of use cases share one durable commit.
 *
 * SQLite admits one writer at a time, and a connection that finds the
 * database locked sleeps in growing steps; meanwhile another thread can take
 * the lock again and again, and the sleeper waits seconds. So the threads of
 * this process queue on a mutex for the write lock instead, and only other
 * processes meet SQLite's busy wait. */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

static void release_write_lock(struct sq_store *s)
{
	if (s->holds_write_lock) {
		s->holds_write_lock = false;
		pthread_mutex_unlock(&write_lock);
	}
}

qd_err sq_begin(struct store *st)
{
	struct sq_store *s = SQ(st);
	if (s->depth >= SQ_MAX_DEPTH)
		return QD_INTERNAL;
	/* SQLite rolls a whole transaction back by itself after some disk
	 * errors (SQLITE_FULL, SQLITE_IOERR): a savepoint opened now would
	 * start a transaction of its own and commit alone. */
	if (s->depth > 0 && sqlite3_get_autocommit(s->db))
		return QD_STORAGE;
	if (s->depth == 0 && wal_sync_failed(s->sync))
		return QD_SYNC_FAILED; /* fail-stop: see sq_sync.c */
	if (s->depth == 0) {
		pthread_mutex_lock(&write_lock);
		s->holds_write_lock = true;
		s->gather_lost = false;
	}
	qd_err r = sq_exec_stmt(sq_stmt(s, s->depth ? "SAVEPOINT tx" : "BEGIN IMMEDIATE"));
	if (r == QD_OK)
		s->depth++;
	else if (s->depth == 0)
		release_write_lock(s);
	return r;
}

qd_err sq_commit(struct store *st)
{
	struct sq_store *s = SQ(st);
	if (s->depth <= 0)
		return QD_INTERNAL;
	if (sqlite3_get_autocommit(s->db))
		return QD_STORAGE; /* rolled back by SQLite (see sq_begin) */
	if (s->depth == 1) {
		/* Counters gathered for a bulk load, then a batch of the
		 * search index when one has gathered. */
		if (s->gather_lost)
			return QD_INTERNAL;
		qd_err r = s->gathered ? sq_stat_flush(st) : QD_OK;
		if (r == QD_OK)
			r = sq_fts_index(s, false);
		if (r != QD_OK)
			return r;
	}
	qd_err r = sq_exec_stmt(sq_stmt(s, s->depth > 1 ? "RELEASE tx" : "COMMIT"));
	if (r != QD_OK || --s->depth > 0)
		return r;
	/* Committed: let the next writer in, then wait for the group fsync
	 * that makes this one durable before anyone is told it is done. */
	uint64_t seq = wal_sync_committed(s->sync);
	release_write_lock(s);
	return wal_sync_wait(s->sync, seq);
}

static void sq_rollback(struct store *st)
{
	struct sq_store *s = SQ(st);
	/* Metric ids made in the rolled-back part may be taken back. */
	sq_metric_forget(s);
	if (s->depth > 1) {
		sq_exec_stmt(sq_stmt(s, "ROLLBACK TO tx"));
		sq_exec_stmt(sq_stmt(s, "RELEASE tx"));
		s->depth--;
		/* Gathered counters cannot be split by savepoint: the outer
		 * commit is refused instead of writing part of them. */
		if (s->gathered)
			s->gather_lost = true;
		return;
	}
	sq_stat_drop_gathered(s);
	if (sqlite3_get_autocommit(s->db) == 0)
		sq_exec_stmt(sq_stmt(s, "ROLLBACK"));
	s->depth = 0;
	release_write_lock(s);
}

static bool sq_in_tx(struct store *st)
{
	return sqlite3_get_autocommit(SQ(st)->db) == 0;
}

static qd_err configure(struct sq_store *s)
{
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	/* Durability: WAL with synchronous=NORMAL, and a commit returns only
	 * after a (group) fsync of the WAL that began after it (sq_sync.c), so
	 * an acknowledged write survives a killed process or a power cut. */
	const char *pragmas =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=NORMAL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY;"
		"PRAGMA cache_size=-16000;";
	return sq_exec(s, pragmas);
}

qd_err sq_open(const char *path, bool create, struct store **out, struct qd_error *e);
qd_err sq_open(const char *path, bool create, struct store **out, struct qd_error *e)
{
	struct stat sb;
	bool exists = stat(path, &sb) == 0 && sb.st_size > 0;
	if (create && exists)
		return qd_fail(e, QD_CONFLICT, "db", "database %s already exists", path);
	if (!create && !exists)
		return qd_fail(e, QD_NOT_FOUND, "db",
			       "no database at %s (create one with: qingdan init --db %s)",
			       path, path);
	struct sq_store *s = xcalloc(1, sizeof *s);
	s->base.ops = &sq_ops;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
		    (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		qd_fail(e, QD_DB, "db", "cannot open %s: %s", path,
			s->db ? sqlite3_errmsg(s->db) : "out of memory");
		sqlite3_close(s->db);
		free(s);
		return QD_DB;
	}
	qd_err r = configure(s);
	if (r != QD_OK) {
		qd_fail(e, r, "db", "cannot configure %s: %s", path, sqlite3_errmsg(s->db));
		sq_close(&s->base);
		return r;
	}
	r = sq_migrate(s, e);
	if (r != QD_OK) {
		sq_close(&s->base);
		return r;
	}
	/* The migrations committed before the syncer existed: sync them now. */
	s->sync = wal_sync_get(path);
	r = wal_sync_wait(s->sync, wal_sync_committed(s->sync));
	if (r != QD_OK) {
		qd_fail(e, r, "db", "cannot sync %s", path);
		sq_close(&s->base);
		return r;
	}
	*out = &s->base;
	return QD_OK;
}


const struct store_ops sq_ops = {
	.backend = "sqlite",
	.close = sq_close,
	.rollback = sq_rollback,
	.in_tx = sq_in_tx,
	SQ_OPS_INIT
};
