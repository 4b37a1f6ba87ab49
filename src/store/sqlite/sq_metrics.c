/* sq_metrics.c: the metric dictionary (name <-> small id) of the counter
 * rows, cached per connection.
 *
 * Ids are assigned inside the write transaction that first needs a name.
 * A rollback may take such an id back, so the cache is dropped on every
 * rollback (sq_metric_forget) and reloaded from committed rows on a miss. */
#include "sq.h"
#include "../../util/alloc.h"
#include <stdlib.h>
#include <string.h>

struct sq_metrics {
	char **name_of;   /* by id; NULL where unknown */
	uint32_t nname;
	struct slot {
		const char *name; /* borrowed from name_of */
		uint32_t id;
	} *slot;
	uint32_t nslot;   /* power of two */
	uint32_t used;
};

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void slot_put(struct sq_metrics *m, const char *name, uint32_t id)
{
	uint32_t i = name_hash(name) & (m->nslot - 1);
	while (m->slot[i].name)
		i = (i + 1) & (m->nslot - 1);
	m->slot[i].name = name;
	m->slot[i].id = id;
	m->used++;
}

static void remember(struct sq_metrics *m, uint32_t id, const char *name)
{
	if (id >= m->nname) {
		uint32_t n = m->nname ? m->nname : 64;
		while (n <= id)
			n *= 2;
		m->name_of = xrealloc(m->name_of, sizeof *m->name_of * n);
		memset(m->name_of + m->nname, 0, sizeof *m->name_of * (n - m->nname));
		m->nname = n;
	}
	if (m->name_of[id])
		return;
	m->name_of[id] = xstrdup(name);
	if ((m->used + 1) * 2 > m->nslot) {
		struct slot *old = m->slot;
		uint32_t nold = m->nslot;
		m->nslot = nold ? nold * 2 : 128;
		m->slot = xcalloc(m->nslot, sizeof *m->slot);
		m->used = 0;
		for (uint32_t i = 0; i < nold; i++)
			if (old[i].name)
				slot_put(m, old[i].name, old[i].id);
		free(old);
	}
	slot_put(m, m->name_of[id], id);
}

static uint32_t cached_id(const struct sq_metrics *m, const char *name)
{
	if (!m || !m->nslot)
		return 0;
	uint32_t i = name_hash(name) & (m->nslot - 1);
	for (; m->slot[i].name; i = (i + 1) & (m->nslot - 1))
		if (strcmp(m->slot[i].name, name) == 0)
			return m->slot[i].id;
	return 0;
}

void sq_metric_forget(struct sq_store *s)
{
	struct sq_metrics *m = s->metrics;
	if (!m)
		return;
	for (uint32_t i = 0; i < m->nname; i++)
		free(m->name_of[i]);
	free(m->name_of);
	free(m->slot);
	free(m);
	s->metrics = NULL;
}

static struct sq_metrics *metrics(struct sq_store *s)
{
	if (!s->metrics)
		s->metrics = xcalloc(1, sizeof *s->metrics);
	return s->metrics;
}

static qd_err load_all(struct sq_store *s)
{
	sqlite3_stmt *q = sq_stmt(s, "SELECT id, name FROM stat_metric");
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sq_col_int(q, 0);
		const char *name = (const char *)sqlite3_column_text(q, 1);
		if (id > 0 && id <= UINT32_MAX && name)
			remember(metrics(s), (uint32_t)id, name);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

/* The id of a name in the dictionary, 0 when it has none. */
static qd_err lookup(struct sq_store *s, const char *name, int64_t *id)
{
	sqlite3_stmt *q = sq_stmt(s, "SELECT id FROM stat_metric WHERE name = :name");
	sq_bind_text(q, ":name", name);
	int rc = sqlite3_step(q);
	*id = rc == SQLITE_ROW ? sq_col_int(q, 0) : 0;
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_metric_find(struct sq_store *s, const char *name, uint32_t *out)
{
	if ((*out = cached_id(s->metrics, name)))
		return QD_OK;
	int64_t id;
	qd_err r = lookup(s, name, &id);
	if (r == QD_OK && id > 0 && id <= UINT32_MAX) {
		remember(metrics(s), (uint32_t)id, name);
		*out = (uint32_t)id;
	}
	return r;
}

qd_err sq_metric_id(struct sq_store *s, const char *name, uint32_t *out)
{
	if ((*out = cached_id(s->metrics, name)))
		return QD_OK;
	int64_t id;
	qd_err r0 = lookup(s, name, &id);
	if (r0 != QD_OK)
		return r0;
	if (!id) {
		sqlite3_stmt *q = sq_stmt(s, "INSERT INTO stat_metric(name) VALUES (:name)");
		sq_bind_text(q, ":name", name);
		qd_err r = sq_exec_stmt(q);
		if (r != QD_OK)
			return r;
		id = sqlite3_last_insert_rowid(s->db);
	}
	if (id <= 0 || id > UINT32_MAX)
		return QD_INTERNAL;
	remember(metrics(s), (uint32_t)id, name);
	*out = (uint32_t)id;
	return QD_OK;
}

const char *sq_metric_name(struct sq_store *s, uint32_t id)
{
	struct sq_metrics *m = s->metrics;
	if (!m || id >= m->nname || !m->name_of[id]) {
		if (load_all(s) != QD_OK)
			return NULL;
		m = s->metrics;
	}
	return m && id < m->nname ? m->name_of[id] : NULL;
}
