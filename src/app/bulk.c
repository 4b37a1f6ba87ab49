/* bulk.c: writing millions of records in few transactions (the province
 * generator; large imports).
 *
 * A record written here is validated by the same domain rules as one made
 * through the use cases, gets the same counters (gathered in memory and
 * written per batch, store stat_gather) and the same snapshot; but instead
 * of an event per record, bulk_seal writes one event per entity and batch
 * ("bulk.insert", entity "bulk") whose after-state names the entity, the
 * id range, the number of rows and a digest of the rows' snapshots:
 *   digest = BLAKE2b over the rows in id order of (id, hash(snapshot)).
 * The chain stays whole and `qingdan check` recomputes each digest (a row
 * changed later through qingdan counts with the state its first later event
 * found). Within one transaction no other writer adds rows; rows the same
 * transaction adds with their own events (an import's measure of an item
 * it did not add) may fall inside a batch's id range, and check leaves
 * them to their events. */
#include "app.h"
#include "../domain/codes.h"
#include "../domain/item_rules.h"
#include "../domain/stats.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { B_ITEM, B_MEASURE, B_OPINION };
const char *const bulk_entities[BULK_KINDS] = {"item", "measure", "opinion"};

struct bulk_range {
	int64_t first, last, rows;
	struct hash_chain_state h;
};

struct bulk {
	struct store *st;
	const struct actor *ac;
	struct bulk_range r[BULK_KINDS];
};

struct bulk *bulk_new(struct store *st, const struct actor *ac)
{
	struct bulk *b = xcalloc(1, sizeof *b);
	b->st = st;
	b->ac = ac;
	return b;
}

void bulk_free(struct bulk *b)
{
	free(b);
}

/* A row's snapshot into its batch's digest. */
static void add_row(struct bulk *b, int kind, int64_t id, const char *snap)
{
	struct bulk_range *r = &b->r[kind];
	if (r->rows == 0) {
		hashc_init(&r->h);
		r->first = id;
	}
	unsigned char h[HASH_LEN];
	hash_bytes(snap, strlen(snap), h);
	hashc_i64(&r->h, id);
	hashc_field(&r->h, h, HASH_LEN);
	r->last = id;
	r->rows++;
}

/* The counters of a row just written, and its snapshot in the batch's
 * digest; takes the snapshot (snap) and frees the deltas. */
static qd_err record(struct bulk *b, int kind, int64_t id, struct stat_deltas *d, char *snap,
		     struct qd_error *e)
{
	qd_err r = b->st->ops->stat_gather(b->st, d);
	stat_deltas_free(d);
	if (r == QD_OK)
		add_row(b, kind, id, snap);
	free(snap);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "counters");
}

qd_err bulk_item(struct bulk *b, struct item *it, struct qd_error *e)
{
	int today = day_today();
	qd_err r = item_validate(it, today, e);
	if (r == QD_OK)
		r = item_validate_recorded_state(it, today, e);
	if (r == QD_OK && (!it->upath || !*it->upath))
		r = qd_fail(e, QD_MISSING_FIELD, "upath", NULL);
	if (r == QD_OK)
		r = item_assign_number(b->st, it, e);
	if (r != QD_OK)
		return r;
	if (!it->detail)
		it->detail = xstrdup("");
	if (!it->version)
		it->version = 1;
	r = b->st->ops->item_insert(b->st, it);
	if (r != QD_OK)
		return qd_fail(e, r, r == QD_CONFLICT ? "ext_id" : NULL,
			       r == QD_CONFLICT ? "item number already used" : NULL);
	struct stat_deltas d = {0};
	stats_item_change(&d, NULL, it);
	return record(b, B_ITEM, it->id, &d, snap_item(it), e);
}

qd_err bulk_measure(struct bulk *b, struct measure *m, const struct item *it,
		    struct qd_error *e)
{
	qd_err r = measure_validate(m, e);
	if (r != QD_OK)
		return r;
	if (m->item_id != it->id || !it->upath)
		return qd_fail(e, QD_BAD_FIELD, "item_id", NULL);
	m->unit_id = it->unit_id;
	xstrset(&m->upath, it->upath);
	if (!m->evidence)
		m->evidence = xstrdup("");
	r = b->st->ops->measure_insert(b->st, m);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "measure");
	struct stat_deltas d = {0};
	stats_measure_change(&d, NULL, NULL, m, it);
	return record(b, B_MEASURE, m->id, &d, snap_measure(m), e);
}

qd_err bulk_opinion(struct bulk *b, struct opinion *o, struct qd_error *e)
{
	qd_err r = opinion_validate(o, e);
	if (r == QD_OK && (!o->code || !tracking_code_ok(o->code)))
		r = qd_fail(e, QD_BAD_FIELD, "code", NULL);
	if (r == QD_OK && (!o->upath || !*o->upath))
		r = qd_fail(e, QD_MISSING_FIELD, "upath", NULL);
	if (r != QD_OK)
		return r;
	r = b->st->ops->opinion_insert(b->st, o);
	if (r != QD_OK)
		return qd_fail(e, r, r == QD_CONFLICT ? "code" : NULL, NULL);
	struct stat_deltas d = {0};
	stats_opinion_change(&d, NULL, o);
	return record(b, B_OPINION, o->id, &d, snap_opinion(o), e);
}

char *bulk_event_after(const char *entity, int64_t first, int64_t last, int64_t rows,
		       const unsigned char digest[HASH_LEN])
{
	char hex[HASH_HEX_LEN];
	hash_hex(digest, hex);
	json_t *o = json_pack("{ss sI sI sI ss}", "entity", entity, "first", (json_int_t)first,
			      "last", (json_int_t)last, "rows", (json_int_t)rows, "digest", hex);
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (!s)
		abort();
	char *copy = xstrdup(s);
	free(s);
	return copy;
}

bool bulk_event_parse(const char *after, char *entity, size_t entity_size, int64_t *first,
		      int64_t *last, int64_t *rows, unsigned char digest[HASH_LEN])
{
	json_t *o = after ? json_loads(after, 0, NULL) : NULL;
	const char *ent = NULL, *hex = NULL;
	json_int_t f = 0, l = 0, n = 0;
	bool ok = o && json_unpack(o, "{ss sI sI sI ss}", "entity", &ent, "first", &f, "last", &l,
				   "rows", &n, "digest", &hex) == 0 &&
		  strlen(ent) < entity_size && hash_from_hex(hex, digest) && f > 0 && l >= f &&
		  n > 0;
	if (ok) {
		snprintf(entity, entity_size, "%s", ent);
		*first = f;
		*last = l;
		*rows = n;
	}
	json_decref(o);
	return ok;
}

qd_err bulk_seal(struct bulk *b, struct qd_error *e)
{
	qd_err r = b->st->ops->stat_flush(b->st);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "counters");
	for (int k = 0; k < BULK_KINDS; k++) {
		struct bulk_range *x = &b->r[k];
		if (x->rows == 0)
			continue;
		unsigned char digest[HASH_LEN];
		hashc_final(&x->h, digest);
		char *after = bulk_event_after(bulk_entities[k], x->first, x->last, x->rows, digest);
		char note[64];
		snprintf(note, sizeof note, "%lld rows", (long long)x->rows);
		r = audit_append(b->st, b->ac, "bulk.insert", "bulk", x->first, NULL, after, note, e);
		free(after);
		x->rows = 0;
		if (r != QD_OK)
			return r;
	}
	return QD_OK;
}
