/* store.c: choosing a backend, and the transaction runner. */
#include "store.h"
#include <string.h>
#include <unistd.h>

qd_err sq_open(const char *path, bool create, struct store **out, struct qd_error *e);
int sq_schema_count(void);

qd_err store_open(const char *location, bool create, struct store **out, struct qd_error *e)
{
	if (!location || !*location)
		return qd_fail(e, QD_BAD_PARAM, "db", "no database path given");
	if (strncmp(location, "postgres://", 11) == 0 ||
	    strncmp(location, "postgresql://", 13) == 0)
		return qd_fail(e, QD_BAD_PARAM, "db",
			       "the PostgreSQL backend is not built yet; use an SQLite file");
	return sq_open(location, create, out, e);
}

void store_close(struct store *st)
{
	if (st)
		st->ops->close(st);
}

int store_schema_version(void)
{
	return sq_schema_count();
}

/* Database files (sq_backup.c); a PostgreSQL backend has none. */
qd_err sq_probe(const char *path, int *schema, struct qd_error *e);
qd_err sq_in_use(const char *path, struct qd_error *e);
void sq_remove_files(const char *path);
bool sq_same_files(const char *path, const char *other);
qd_err sq_install(const char *copy, const char *path, bool replace, const char *aside,
		  struct qd_error *e);

qd_err store_probe(const char *location, int *schema, struct qd_error *e)
{
	return sq_probe(location, schema, e);
}

qd_err store_in_use(const char *location, struct qd_error *e)
{
	return sq_in_use(location, e);
}

void store_remove(const char *location)
{
	sq_remove_files(location);
}

bool store_same(const char *location, const char *path)
{
	return sq_same_files(location, path);
}

qd_err store_install(const char *copy, const char *location, bool replace, const char *aside,
		     struct qd_error *e)
{
	return sq_install(copy, location, replace, aside, e);
}

qd_err store_tx(struct store *st, store_tx_fn fn, void *ctx, struct qd_error *e)
{
	for (int attempt = 0; attempt < 5; attempt++) {
		qd_err r = st->ops->begin(st);
		if (r == QD_OK) {
			r = fn(st, ctx, e);
			if (r == QD_OK) {
				r = st->ops->commit(st);
				if (r == QD_OK)
					return QD_OK;
			}
			st->ops->rollback(st);
		}
		/* Inside an outer transaction a busy error cannot be retried here. */
		if (r != QD_BUSY || st->ops->in_tx(st))
			return e && e->code == r ? r : qd_fail(e, r, NULL, NULL);
		usleep(2000u << attempt);
	}
	return qd_fail(e, QD_BUSY, NULL, "database stayed busy");
}

void opinion_query_init(struct opinion_query *q, const char *upath)
{
	memset(q, 0, sizeof *q);
	q->upath = upath;
	q->status = q->channel = q->open311_open = -1;
	q->limit = 50;
}
