/* sq.h: internals shared by the SQLite backend's files. */
#ifndef QD_STORE_SQ_H
#define QD_STORE_SQ_H
#include <sqlite3.h>
#include "../store.h"

#define SQ_CACHE_SLOTS 256
#define SQ_MAX_DEPTH 32 /* nested savepoints */
#define SQ_DYN_SLOTS 64 /* built statements kept prepared */

struct sq_store {
	struct store base;
	sqlite3 *db;
	int depth; /* open transaction levels: 1 = BEGIN, more = savepoints */
	bool holds_write_lock; /* this process's writer mutex (sq_store.c) */
	struct wal_sync *sync; /* group commit (sq_sync.c), NULL in memory */
	struct sq_metrics *metrics; /* metric dictionary cache (sq_metrics.c) */
	struct stat_acc *gathered;  /* counters gathered for a bulk load (sq_stats.c) */
	bool gather_lost;           /* a savepoint holding gathered counters rolled back */
	bool fts_touched;           /* items noted for the search index (sq_fts.c) */
	struct {
		const char *sql;   /* key: the literal's address */
		sqlite3_stmt *stmt;
	} cache[SQ_CACHE_SLOTS];
	struct {
		char *sql;         /* key: built text (sq_build.c); owned */
		uint32_t hash;
		sqlite3_stmt *stmt;
	} dyn[SQ_DYN_SLOTS];
	int dyn_next;          /* the slot to reuse next when all are taken */
};

static inline struct sq_store *SQ(struct store *st)
{
	return (struct sq_store *)st;
}

/* The cached, reset statement for a literal SQL text. Aborts on a prepare
 * error or on text after the first statement: both are programming errors. */
sqlite3_stmt *sq_stmt(struct sq_store *s, const char *sql);
/* The prepared statement of built SQL, kept among the connection's last
 * SQ_DYN_SLOTS texts: reset, bindings cleared. Do not finalize it; at most
 * one at a time per caller, used before the next is asked for. */
sqlite3_stmt *sq_prepare_dynamic(struct sq_store *s, const char *sql);

/* Bind by parameter name; an unknown name aborts. */
void sq_bind_int(sqlite3_stmt *q, const char *name, int64_t v);
void sq_bind_text(sqlite3_stmt *q, const char *name, const char *v); /* NULL -> NULL */
void sq_bind_blob(sqlite3_stmt *q, const char *name, const void *v, int n);
void sq_bind_null(sqlite3_stmt *q, const char *name);
void sq_bind_real(sqlite3_stmt *q, const char *name, double v);
/* Bind an optional id (0 -> NULL), day (DAY_NONE -> NULL, else text),
 * code (-1 -> NULL, else the table's code text). */
void sq_bind_id(sqlite3_stmt *q, const char *name, int64_t id);
void sq_bind_day(sqlite3_stmt *q, const char *name, int day);

/* Column readers: text copies (caller owns; NULL stays NULL). */
char *sq_col_text(sqlite3_stmt *q, int i);
int64_t sq_col_int(sqlite3_stmt *q, int i);
int sq_col_day(sqlite3_stmt *q, int i);           /* NULL -> DAY_NONE */

/* Step a statement expected to finish (no rows): maps the result. */
qd_err sq_exec_stmt(sqlite3_stmt *q);
/* Map a sqlite result code to qd_err. */
qd_err sq_err(int rc);
/* Run literal SQL without binds (schema, pragmas). */
qd_err sq_exec(struct sq_store *s, const char *sql);

int sq_schema_count(void);
/* Bring the schema to the current version; QD_SCHEMA_NEWER if too new. */
qd_err sq_migrate(struct sq_store *s, struct qd_error *e);
/* Recount every counter from the records, inside the caller's transaction. */
qd_err sq_stat_rebuild(struct sq_store *s);

/* The metric dictionary of the counter rows (sq_metrics.c): the id of a
 * name, added inside the write transaction when new; the name of an id
 * (NULL when unknown); forget drops the cache (on rollback and close). */
qd_err sq_metric_id(struct sq_store *s, const char *name, uint32_t *out);
/* The same without adding: *out is 0 for a name never counted. */
qd_err sq_metric_find(struct sq_store *s, const char *name, uint32_t *out);
const char *sq_metric_name(struct sq_store *s, uint32_t id);
void sq_metric_forget(struct sq_store *s);
/* The search index (sq_fts.c): note an item added, or one whose title or
 * detail changed (with the text it had); index the waiting items, when a
 * batch has gathered (or all of them now). */
qd_err sq_fts_added(struct sq_store *s, int64_t id);
qd_err sq_fts_changed(struct sq_store *s, int64_t id, const char *old_title,
		      const char *old_detail);
qd_err sq_fts_index(struct sq_store *s, bool all);
/* Drop counters gathered and not yet written (on rollback and close). */
void sq_stat_drop_gathered(struct sq_store *s);

/* Row readers shared between files. */
void sq_read_unit(sqlite3_stmt *q, struct unit *u);
void sq_read_item(sqlite3_stmt *q, struct item *it);
void sq_read_measure(sqlite3_stmt *q, struct measure *m);
/* Call cb for every opinion with upath in [lo, hi); returns a sqlite code
 * (SQLITE_DONE when all went well or cb stopped). */
int sq_opinion_each(struct store *st, const char *lo, const char *hi,
		    int (*cb)(void *ctx, const struct opinion *o), void *ctx);
/* The same for every opinion, in id order. */
int sq_opinion_each_by_id(struct store *st, int (*cb)(void *ctx, const struct opinion *o),
			  void *ctx);
#define SQ_UNIT_COLS "u.id, u.parent_id, u.kind, u.name, u.code, u.path, u.depth, u.active, u.created_at"
#define SQ_ITEM_COLS \
	"i.id, i.ext_id, i.kind, i.source, i.level, i.category_id, i.title, i.detail, " \
	"i.unit_id, i.upath, i.responsible_id, i.claimant_id, i.mode, i.found_on, i.due_on, " \
	"i.status, i.closure, i.closed_at, i.closed_on, i.sendbacks, i.reopens, " \
	"i.created_at, i.updated_at, i.version, i.case_type, i.funds, i.beneficiaries"
#define SQ_MEASURE_COLS \
	"m.id, m.item_id, m.seq, m.text, m.responsible_id, m.due_on, m.status, " \
	"m.evidence, m.done_on, m.unit_id, m.upath, m.created_at, m.updated_at"

/* The ops of each file, gathered into the table by sq_store.c. */
extern const struct store_ops sq_ops;

#endif
