/* store.h: the storage interface. All SQL lives behind it.
 *
 * A struct store is one connection to one database, used by one thread at a
 * time. Backends (SQLite now, PostgreSQL later) fill in the operations table;
 * domain and app code see only this header.
 *
 * Conventions: operations return QD_OK, QD_NOT_FOUND (no such row),
 * QD_CONFLICT (unique or version clash), QD_BUSY (retry) or QD_DB. Structs
 * filled by an operation are owned by the caller (free with *_clear or
 * *_array_free). Writes happen inside store_tx (below). */
#ifndef QD_STORE_H
#define QD_STORE_H
#include <stdbool.h>
#include <stdint.h>
#include "../domain/model.h"
#include "../domain/opinion.h"
#include "../domain/stats.h"
#include "../util/err.h"

/* SORT_EXT_ID: by item number, the order of a ledger file. */
enum item_sort { SORT_NEWEST, SORT_DUE, SORT_FOUND, SORT_UPDATED, SORT_EXT_ID };

struct item_filter {
	const char *upath;       /* subtree (required) */
	int kind, status, mode, level, source; /* -1 = any */
	bool open_only;          /* status != closed */
	bool closed_only;        /* status == closed */
	bool overdue;            /* open and due before today */
	bool not_overdue;        /* closed, or no due day, or due today or later */
	int today;
	int due_from, due_to;    /* DAY_NONE = unbounded */
	int64_t claimant_id, responsible_id, category_id; /* 0 = any */
	bool claimed_only;       /* a leader has claimed it */
	const char *text;        /* substring of title or detail, or NULL */
	/* Zero-initialized, these select everything (callers written before
	 * them are unchanged): found in [found_from, found_to] when by_found
	 * (DAY_NONE = unbounded); closure and case type as codes, NULL = any. */
	bool by_found;
	int found_from, found_to;
	const char *closure, *case_type;
	enum item_sort sort;
	/* With SORT_EXT_ID: only items numbered after this one (keyset paging
	 * for exports: a page costs the same however deep); NULL = from the
	 * first. */
	const char *after_ext_id;
	int limit, offset;
};

struct measure_filter {
	const char *upath;       /* subtree (required) */
	int status;              /* -1 = any */
	bool open_only;          /* not done and not cancelled */
	bool closed_only;        /* done or cancelled */
	bool overdue;            /* open and due before today */
	bool not_overdue;        /* the others */
	int today;
	int64_t responsible_id;  /* 0 = any */
	/* Of items of this kind and inspection level (codes, NULL = any) and,
	 * when by_found, found in [found_from, found_to] (DAY_NONE = unbounded):
	 * the measures a report's figure counts. */
	const char *item_kind, *item_level;
	bool by_found;
	int found_from, found_to;
	int limit, offset;
};

/* One row of the responsibility list (责任清单). */
struct resp_row {
	int64_t person_id;       /* 0 = no responsible person set */
	char *person_name;
	int64_t unit_id;
	char *unit_name;
	int64_t total, open, overdue;
	int next_due;            /* earliest due day among open items */
};
struct resp_row_array {
	struct resp_row *v;
	int n, cap;
};
void resp_row_array_free(struct resp_row_array *a);

/* A session or API token looked up by the hash of its secret. */
struct session_row {
	int64_t account_id;
	char kind[16];           /* "session" or "api" */
	int64_t created_at, last_seen, expires_at;
};

enum store_entity { ENT_UNIT, ENT_PERSON, ENT_ACCOUNT, ENT_GRANT, ENT_CATEGORY,
		    ENT_ITEM, ENT_MEASURE, ENT_SETTING, ENT_CALENDAR, ENT_OPINION, ENT_COUNT };
/* Called per row by entity_iterate; rec points to the struct of the entity
 * (struct unit, ...; for settings and calendar a struct kv_row). Return
 * non-zero to stop. */
typedef int (*row_cb)(void *ctx, int64_t id, const void *rec);
struct kv_row {
	const char *key, *value;
};

/* A copy of a whole database (store_ops.backup). */
struct backup_info {
	int64_t pages;      /* pages copied */
	int page_size;      /* bytes per page */
	int64_t bytes;      /* size of the copy on disk */
	int64_t last_event; /* the newest event in the copy (0: none) */
};

struct store;
/* Which opinions a list holds. A drill-down narrows a rate's records to
 * one part of its numerator or denominator. */
enum opinion_drill {
	OD_NONE,
	OD_RESPONDED_WITHIN, /* first response within drill_arg working days */
	OD_RESPONDED_LATE,   /* first response after drill_arg working days */
	OD_PENDING,          /* no response yet */
	OD_NOT_REDONE,       /* answered at least once, never handled again */
	OD_CLOSURE,          /* answered with closure drill_arg */
	OD_RATING,           /* rated drill_arg */
	OD_REDO,             /* handled again at least once */
};
enum opinion_order { OQ_ID_DESC, OQ_RECEIVED_DESC, OQ_ANSWERED_DESC };
struct opinion_query {
	const char *upath;             /* the subtree (required) */
	int status, channel;           /* -1 = any */
	int open311_open;              /* 1 open, 0 closed, -1 any */
	int64_t received_from, received_to; /* [from, to) in seconds, 0 = open */
	int64_t answered_from, answered_to;
	const char *ids_json;          /* JSON array of opinion ids, NULL = any */
	const char *categories_json;   /* JSON array of category ids, NULL = any */
	enum opinion_drill drill;
	int drill_arg;
	enum opinion_order order;
	bool by_time;                  /* scan by received time (a big subtree) */
	bool one_per_item;             /* of matches sharing an item, the newest only */
	int64_t before_id;             /* with OQ_ID_DESC: ids below it (keyset
					* paging), 0 = from the newest */
	int limit, offset;
};
void opinion_query_init(struct opinion_query *q, const char *upath);

struct store_ops {
	const char *backend;
	void (*close)(struct store *st);
	qd_err (*begin)(struct store *st);
	qd_err (*commit)(struct store *st);
	void (*rollback)(struct store *st);
	bool (*in_tx)(struct store *st);

	qd_err (*setting_get)(struct store *st, const char *key, char **out);
	qd_err (*setting_set)(struct store *st, const char *key, const char *value);
	/* Next value of a named counter (starting at 1), inside a transaction. */
	qd_err (*sequence_next)(struct store *st, const char *name, int64_t *out);

	qd_err (*unit_insert)(struct store *st, struct unit *u); /* sets id, path, depth */
	qd_err (*unit_get)(struct store *st, int64_t id, struct unit *out);
	qd_err (*unit_get_by_code)(struct store *st, const char *code, struct unit *out);
	qd_err (*unit_children)(struct store *st, int64_t parent_id, struct unit_array *out);
	qd_err (*unit_subtree)(struct store *st, const char *path, int max_depth,
			       struct unit_array *out);
	qd_err (*unit_update)(struct store *st, const struct unit *u);
	/* The greatest depth of any unit in the subtree at path. */
	qd_err (*unit_max_depth)(struct store *st, const char *path, int *out);
	/* Move unit id (with its subtree) so that its path becomes new_path:
	 * rewrites paths of units, items and measures below it. */
	qd_err (*unit_move)(struct store *st, int64_t id, int64_t new_parent_id,
			    const char *old_path, const char *new_path);

	qd_err (*person_insert)(struct store *st, struct person *p);
	qd_err (*person_get)(struct store *st, int64_t id, struct person *out);
	qd_err (*person_update)(struct store *st, const struct person *p);
	qd_err (*person_list)(struct store *st, const char *upath, int limit, int offset,
			      struct person_array *out);

	qd_err (*account_insert)(struct store *st, struct account *a);
	qd_err (*account_get)(struct store *st, int64_t id, struct account *out);
	qd_err (*account_by_login)(struct store *st, const char *login, struct account *out);
	qd_err (*account_update)(struct store *st, const struct account *a);
	qd_err (*account_list)(struct store *st, const char *upath, struct account_array *out);

	qd_err (*grant_insert)(struct store *st, struct grant *g);
	qd_err (*grant_get)(struct store *st, int64_t id, struct grant *out);
	qd_err (*grant_delete)(struct store *st, int64_t id);
	qd_err (*grant_list)(struct store *st, int64_t account_id, struct grant_array *out);

	qd_err (*session_insert)(struct store *st, const unsigned char hash[32],
				 const struct session_row *s);
	qd_err (*session_get)(struct store *st, const unsigned char hash[32],
			      struct session_row *out);
	qd_err (*session_touch)(struct store *st, const unsigned char hash[32], int64_t now);
	qd_err (*session_delete)(struct store *st, const unsigned char hash[32]);
	/* End every session and API token of an account; *count says how many. */
	qd_err (*session_delete_account)(struct store *st, int64_t account_id, int *count);

	qd_err (*category_insert)(struct store *st, struct category *c);
	qd_err (*category_get)(struct store *st, int64_t id, struct category *out);
	qd_err (*category_update)(struct store *st, const struct category *c);
	qd_err (*category_list)(struct store *st, struct category_array *out);

	qd_err (*item_insert)(struct store *st, struct item *it); /* sets id */
	qd_err (*item_get)(struct store *st, int64_t id, struct item *out);
	qd_err (*item_get_by_ext)(struct store *st, const char *ext_id, struct item *out);
	/* Write all fields; QD_CONFLICT when the stored version is not
	 * it->version - 1 (someone changed it meanwhile). */
	qd_err (*item_update)(struct store *st, const struct item *it);
	qd_err (*item_list)(struct store *st, const struct item_filter *f,
			    struct item_array *out, bool *has_more);
	qd_err (*item_responsibility)(struct store *st, const char *upath, int today,
				      int limit, struct resp_row_array *out);

	/* Sets id, and seq when it is 0 (the next number of the item). */
	qd_err (*measure_insert)(struct store *st, struct measure *m);
	qd_err (*measure_get)(struct store *st, int64_t id, struct measure *out);
	qd_err (*measure_update)(struct store *st, const struct measure *m);
	qd_err (*measure_list_for_item)(struct store *st, int64_t item_id,
					struct measure_array *out);
	qd_err (*measure_list)(struct store *st, const struct measure_filter *f,
			       struct measure_array *out, bool *has_more);
	/* Rewrite the denormalized owner of an item's measures. */
	qd_err (*measure_set_owner)(struct store *st, int64_t item_id, int64_t unit_id,
				    const char *upath);

	qd_err (*opinion_insert)(struct store *st, struct opinion *o); /* sets id */
	qd_err (*opinion_get)(struct store *st, int64_t id, struct opinion *out);
	qd_err (*opinion_get_by_code)(struct store *st, const char *code, struct opinion *out);
	qd_err (*opinion_update)(struct store *st, const struct opinion *o);
	/* Opinions of an item (up to max), and how many there are. */
	qd_err (*opinion_list_for_item)(struct store *st, int64_t item_id, int max,
					struct opinion **out, int *n, int64_t *total);
	/* Opinions matching a query (see struct opinion_query). */
	qd_err (*opinion_find)(struct store *st, const struct opinion_query *q,
			       struct opinion **out, int *n, bool *has_more);
	/* Updates for Open311 clients: add one (sets id); a client's update by
	 * its own id; those at [from, to) in a subtree, oldest first. */
	qd_err (*opinion_update_add)(struct store *st, struct opinion_update *u);
	qd_err (*opinion_update_find_external)(struct store *st, int64_t client_id,
					       const char *external_id,
					       struct opinion_update *out);
	/* qingdan's own updates (not clients') of a subtree at [from, to). */
	qd_err (*opinion_update_list)(struct store *st, const char *upath, int64_t from,
				      int64_t to, int limit, struct opinion_update **out, int *n,
				      bool *has_more);
	/* All updates of one opinion, ours and clients', oldest first. */
	qd_err (*opinion_update_list_for)(struct store *st, int64_t opinion_id,
					  struct opinion_update **out, int *n);
	/* Open311 clients, found by the hash of their key. */
	qd_err (*o311_client_insert)(struct store *st, struct o311_client *c,
				     const unsigned char *key_hash, int hash_len);
	qd_err (*o311_client_by_key)(struct store *st, const unsigned char *key_hash,
				     int hash_len, struct o311_client *out);
	qd_err (*o311_client_list)(struct store *st, struct o311_client **out, int *n);
	qd_err (*o311_client_revoke)(struct store *st, int64_t id, int64_t at);

	/* Add a record's counter deltas (rolled up to every ancestor). */
	qd_err (*stat_apply)(struct store *st, const struct stat_deltas *d);
	/* The same for bulk loads: deltas are summed in memory and written by
	 * stat_flush (or when they grow large, or at the outermost commit);
	 * a rollback drops what was gathered. */
	qd_err (*stat_gather)(struct store *st, const struct stat_deltas *d);
	qd_err (*stat_flush)(struct store *st);
	/* Counters of the subtree of unit_id for items found in [from, to]
	 * (DAY_NONE = unbounded); overdue = open items due in [from, to] and
	 * before today. */
	qd_err (*stat_query)(struct store *st, int64_t unit_id, int from, int to, int today,
			     struct stat_result *out);
	/* A few all-time counters of unit_id's subtree, by name (0 for a name
	 * never counted), and its overdue items: what a dashboard shows of a
	 * child unit, without naming every metric. */
	qd_err (*stat_pick)(struct store *st, int64_t unit_id, int today,
			    const char *const *metrics, int n, int64_t *out, int64_t *overdue);
	/* All-time counters of unit_id summed from the day rows alone (the
	 * query above reads month rows where it can; check compares both). */
	qd_err (*stat_query_days)(struct store *st, int64_t unit_id, struct stat_result *out);
	/* Move the rolled-up counters of unit_id from the ancestors on
	 * old_parent_path to those on new_parent_path. */
	qd_err (*stat_move)(struct store *st, int64_t unit_id, const char *old_parent_path,
			    const char *new_parent_path);
	/* Recount the counters of unit_id's subtree from the records (slow; for check). */
	qd_err (*stat_recount)(struct store *st, int64_t unit_id, int today,
			       struct stat_result *out);

	/* Hash of the last event (all zero when there is none). */
	qd_err (*event_last_hash)(struct store *st, unsigned char out[32]);
	/* The id the next event will get (inside the write transaction). */
	qd_err (*event_next_id)(struct store *st, int64_t *out);
	qd_err (*event_insert)(struct store *st, struct event *ev);
	qd_err (*event_list_for)(struct store *st, const char *entity, int64_t entity_id,
				 struct event_array *out);
	/* The events of an item and of its measures, in order. */
	qd_err (*event_list_for_item)(struct store *st, int64_t item_id, struct event_array *out);
	/* Every event in id order; cb gets a struct event. */
	qd_err (*event_iterate)(struct store *st, row_cb cb, void *ctx);
	/* For each entity id, the row hash of its last event: cb gets a
	 * struct event with entity_id, row_hash and has_row_hash set. */
	qd_err (*event_last_per_row)(struct store *st, const char *entity, row_cb cb,
				     void *ctx);

	qd_err (*calendar_get)(struct store *st, int from, int to, int **off, int *n_off,
			       int **on, int *n_on);
	/* kind: "off", "on" or NULL to remove the day's exception. */
	qd_err (*calendar_set)(struct store *st, int day, const char *kind);

	qd_err (*entity_iterate)(struct store *st, enum store_entity e, row_cb cb, void *ctx);
	/* Database-level integrity check; *msg gets a description when not ok. */
	qd_err (*integrity_check)(struct store *st, char **msg);
	/* Index every item waiting for the search index now (it is otherwise
	 * brought up to date in batches; searches are exact either way). */
	qd_err (*search_sync)(struct store *st);
	/* Let this connection cache up to mb megabytes of the database (bulk
	 * loads; the default suits a server thread). */
	qd_err (*cache_size)(struct store *st, int mb);
	/* Copy the whole database, as it was at one moment, into dest (an
	 * empty or missing file), while other connections and processes go
	 * on writing. The copy is one self-contained file (no WAL), synced to
	 * disk, and has passed the backend's integrity check; out describes
	 * it. On failure dest is removed. Not inside a transaction. */
	qd_err (*backup)(struct store *st, const char *dest, struct backup_info *out,
			 struct qd_error *e);
};

struct store {
	const struct store_ops *ops;
};

/* Open the database at location (a file path for SQLite). With create the
 * database must not exist yet and is created; otherwise it must exist. An
 * older schema is migrated; a newer one is refused (QD_SCHEMA_NEWER). */
qd_err store_open(const char *location, bool create, struct store **out,
		  struct qd_error *e);
void store_close(struct store *st);

/* Run fn inside one write transaction: begin -> fn -> commit. Busy
 * conditions are retried a few times; any error rolls back. */
typedef qd_err (*store_tx_fn)(struct store *st, void *ctx, struct qd_error *e);
qd_err store_tx(struct store *st, store_tx_fn fn, void *ctx, struct qd_error *e);

/* Current schema version of this binary. */
int store_schema_version(void);

/* Database files that are not open (backups and restores; for SQLite the
 * database file with its -wal, -shm and -journal companions).
 *
 * store_probe: what is at location, changing nothing: QD_OK and *schema
 * when it is a qingdan database this binary can open (perhaps of an older
 * schema); QD_NOT_FOUND when there is none (or an empty file); QD_BAD_FILE
 * when it is not a database, or not qingdan's; QD_DB when it is damaged;
 * QD_SCHEMA_NEWER. e->detail says what was found.
 *
 * store_in_use: QD_BUSY when a process has the database at location open
 * (a running server), with its process id in e->detail when known; QD_OK
 * when none has, or there is no database.
 *
 * store_install: put the database file copy (complete, closed and synced)
 * at location with one rename. A database already there is refused
 * (QD_CONFLICT) unless replace, and refused while a process has it open
 * (QD_BUSY; it is locked from the check to the rename, so none can open it
 * meanwhile). The old file and its companions are renamed to aside (and
 * aside-wal, aside-journal) when aside is not NULL, else removed, before
 * the rename: an old WAL must never meet the new file. The directory is
 * synced. On failure nothing at location has changed and copy is where it
 * was. */
qd_err store_probe(const char *location, int *schema, struct qd_error *e);
qd_err store_in_use(const char *location, struct qd_error *e);
/* store_remove: delete the database at location with its companions (a
 * temporary copy that is not wanted). store_same: whether path is the
 * database at location or one of its companions (the same file, under
 * any name). */
void store_remove(const char *location);
bool store_same(const char *location, const char *path);
qd_err store_install(const char *copy, const char *location, bool replace, const char *aside,
		     struct qd_error *e);

#endif
