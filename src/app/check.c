/* check.c: `qingdan check` - is the ledger what qingdan wrote?
 *
 * 1. the database's own integrity and foreign keys;
 * 2. the event chain: every link and every event hash;
 * 3. every record against the row hash of its last event, so an edit made
 *    with another tool (sqlite3 shell, say) is named; records written in
 *    bulk (app/bulk.c) against the digest of their batch's event, each with
 *    the state it had then (its current one, or the before-state of the
 *    first event that changed it since);
 * 4. derived fields (unit paths, item owner paths) and the counters against
 *    a recount of the records. */
#include "app.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED 200

/* The kind number of an entity app/bulk.c writes in batches, or -1. */
static int bulk_kind(const char *entity)
{
	for (int k = 0; entity && k < BULK_KINDS; k++)
		if (strcmp(entity, bulk_entities[k]) == 0)
			return k;
	return -1;
}

struct chk {
	struct app *a;
	struct buf out;
	int problems;
	int64_t events, rows;
	/* chain walk */
	unsigned char prev[HASH_LEN];
	/* row check */
	struct last {
		int64_t id, event;
		unsigned char h[HASH_LEN];
		bool has;
		bool seen;
	} *last;
	int nlast, caplast;
	const char *entity;
	/* unit paths by id, for derived checks */
	struct unit_array units;
	/* bulk batches per entity kind, in id order, and the state rows of
	 * theirs had when first changed by a later event */
	struct bulk_batch {
		int64_t event, first, last, rows, seen;
		unsigned char digest[HASH_LEN];
		struct hash_chain_state h;
	} *batch[BULK_KINDS];
	int nbatch[BULK_KINDS], capbatch[BULK_KINDS];
	struct changed {
		int64_t id, event;
		unsigned char before[HASH_LEN];
	} *changed[BULK_KINDS];
	int nchanged[BULK_KINDS], capchanged[BULK_KINDS];
	/* rows created by their own events: inside a batch's id range (an
	 * import adding a measure to an item it did not add, between two it
	 * did) such a row is not the batch's, its events check it */
	int64_t *created[BULK_KINDS];
	int ncreated[BULK_KINDS], capcreated[BULK_KINDS];
	int kind; /* of the entity whose rows are walked, -1 if not bulk */
};

static void problem(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct chk *c, const char *fmt, ...)
{
	c->problems++;
	if (c->problems > MAX_REPORTED)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&c->out, fmt, ap);
	va_end(ap);
	buf_putc(&c->out, '\n');
}


static struct bulk_batch *batch_of(struct chk *c, int k, int64_t id)
{
	int lo = 0, hi = c->nbatch[k] - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		struct bulk_batch *b = &c->batch[k][mid];
		if (id < b->first)
			hi = mid - 1;
		else if (id > b->last)
			lo = mid + 1;
		else
			return b;
	}
	return NULL;
}

/* A bulk batch, or the first change of a row written in one. */
static void note_bulk(struct chk *c, const struct event *ev)
{
	if (strcmp(ev->action, "bulk.insert") == 0 && strcmp(ev->entity, "bulk") == 0) {
		char entity[16];
		struct bulk_batch b = {.event = ev->id};
		int k = -1;
		if (bulk_event_parse(ev->after, entity, sizeof entity, &b.first, &b.last, &b.rows,
				     b.digest))
			k = bulk_kind(entity);
		if (k < 0 || (c->nbatch[k] && c->batch[k][c->nbatch[k] - 1].last >= b.first)) {
			problem(c, "event #%lld: a bulk batch that cannot be read or overlaps "
				   "an earlier one", (long long)ev->id);
			return;
		}
		if (c->nbatch[k] == c->capbatch[k]) {
			c->capbatch[k] = c->capbatch[k] ? c->capbatch[k] * 2 : 16;
			c->batch[k] = xrealloc(c->batch[k],
					       sizeof *c->batch[k] * (size_t)c->capbatch[k]);
		}
		hashc_init(&b.h);
		c->batch[k][c->nbatch[k]++] = b;
		return;
	}
	int k = bulk_kind(ev->entity);
	if (k >= 0 && !ev->before) {
		if (c->ncreated[k] == c->capcreated[k]) {
			c->capcreated[k] = c->capcreated[k] ? c->capcreated[k] * 2 : 256;
			c->created[k] = xrealloc(c->created[k],
						 sizeof *c->created[k] * (size_t)c->capcreated[k]);
		}
		c->created[k][c->ncreated[k]++] = ev->entity_id;
		return;
	}
	if (k < 0 || !batch_of(c, k, ev->entity_id))
		return;
	if (c->nchanged[k] == c->capchanged[k]) {
		c->capchanged[k] = c->capchanged[k] ? c->capchanged[k] * 2 : 64;
		c->changed[k] = xrealloc(c->changed[k],
					 sizeof *c->changed[k] * (size_t)c->capchanged[k]);
	}
	struct changed *x = &c->changed[k][c->nchanged[k]++];
	x->id = ev->entity_id;
	x->event = ev->id;
	hash_bytes(ev->before, strlen(ev->before), x->before);
}

static int by_id_then_event(const void *pa, const void *pb)
{
	const struct changed *a = pa, *b = pb;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a->event > b->event) - (a->event < b->event);
}

static int by_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
	return (a > b) - (a < b);
}

static bool created_by_event(const struct chk *c, int k, int64_t id)
{
	return c->ncreated[k] &&
	       bsearch(&id, c->created[k], (size_t)c->ncreated[k], sizeof id, by_i64);
}

/* Keep each row's first change only; the created ids in order. */
static void sort_changed(struct chk *c, int k)
{
	if (c->ncreated[k] > 1)
		qsort(c->created[k], (size_t)c->ncreated[k], sizeof *c->created[k], by_i64);
	if (c->nchanged[k] > 1)
		qsort(c->changed[k], (size_t)c->nchanged[k], sizeof *c->changed[k],
		      by_id_then_event);
	int n = 0;
	for (int i = 0; i < c->nchanged[k]; i++)
		if (n == 0 || c->changed[k][n - 1].id != c->changed[k][i].id)
			c->changed[k][n++] = c->changed[k][i];
	c->nchanged[k] = n;
}

static const struct changed *first_change(struct chk *c, int k, int64_t id)
{
	int lo = 0, hi = c->nchanged[k] - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (c->changed[k][mid].id == id)
			return &c->changed[k][mid];
		if (c->changed[k][mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* Add a row's state at its batch's time to the batch's digest. */
static bool feed_batch(struct chk *c, int64_t id, const unsigned char now[HASH_LEN])
{
	if (c->kind < 0)
		return false;
	struct bulk_batch *b = batch_of(c, c->kind, id);
	if (!b)
		return false;
	if (created_by_event(c, c->kind, id))
		return false;
	const struct changed *x = first_change(c, c->kind, id);
	hashc_i64(&b->h, id);
	hashc_field(&b->h, x ? x->before : now, HASH_LEN);
	b->seen++;
	return true;
}

static void close_batches(struct chk *c, int k)
{
	for (int i = 0; i < c->nbatch[k]; i++) {
		struct bulk_batch *b = &c->batch[k][i];
		unsigned char got[HASH_LEN];
		hashc_final(&b->h, got);
		if (b->seen != b->rows || memcmp(got, b->digest, HASH_LEN) != 0)
			problem(c, "%s %lld-%lld: written in bulk by event #%lld as %lld rows; "
				   "%lld rows now, %s (changed, removed or inserted behind "
				   "qingdan's back)", bulk_entities[k], (long long)b->first,
				(long long)b->last, (long long)b->event, (long long)b->rows,
				(long long)b->seen,
				b->seen == b->rows ? "their contents differ" : "a different number");
	}
}

static int on_event(void *ctx, int64_t id, const void *rec)
{
	struct chk *c = ctx;
	struct event ev = *(const struct event *)rec;
	c->events++;
	if (memcmp(ev.prev_hash, c->prev, HASH_LEN) != 0)
		problem(c, "event #%lld: chain broken (an event before it was changed, "
			   "removed or inserted)", (long long)id);
	unsigned char stored[HASH_LEN];
	memcpy(stored, ev.hash, HASH_LEN);
	audit_hash_event(&ev);
	if (memcmp(stored, ev.hash, HASH_LEN) != 0)
		problem(c, "event #%lld (%s %s %lld): contents do not match its hash",
			(long long)id, ev.action, ev.entity, (long long)ev.entity_id);
	if (ev.after) {
		unsigned char rh[HASH_LEN];
		hash_bytes(ev.after, strlen(ev.after), rh);
		if (!ev.has_row_hash || memcmp(rh, ev.row_hash, HASH_LEN) != 0)
			problem(c, "event #%lld: row hash does not match its after-state",
				(long long)id);
	}
	memcpy(c->prev, stored, HASH_LEN);
	note_bulk(c, &ev);
	return 0;
}

static int on_last(void *ctx, int64_t id, const void *rec)
{
	struct chk *c = ctx;
	const struct event *ev = rec;
	if (c->nlast == c->caplast) {
		c->caplast = c->caplast ? c->caplast * 2 : 1024;
		c->last = xrealloc(c->last, sizeof *c->last * (size_t)c->caplast);
	}
	struct last *l = &c->last[c->nlast++];
	l->id = id;
	l->event = ev->id;
	memcpy(l->h, ev->row_hash, HASH_LEN);
	l->has = ev->has_row_hash;
	l->seen = false;
	return 0;
}

static struct last *find_last(struct chk *c, int64_t id)
{
	int lo = 0, hi = c->nlast - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (c->last[mid].id == id)
			return &c->last[mid];
		if (c->last[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static char *snapshot_of(enum store_entity e, int64_t id, const void *rec)
{
	switch (e) {
	case ENT_UNIT:
		return snap_unit(rec);
	case ENT_PERSON:
		return snap_person(rec);
	case ENT_ACCOUNT:
		return snap_account(rec);
	case ENT_GRANT:
		return snap_grant(rec);
	case ENT_CATEGORY:
		return snap_category(rec);
	case ENT_ITEM:
		return snap_item(rec);
	case ENT_MEASURE:
		return snap_measure(rec);
	case ENT_OPINION:
		return snap_opinion(rec);
	case ENT_CALENDAR: {
		const struct kv_row *kv = rec;
		(void)id;
		return snap_kv(kv->key, kv->value);
	}
	default:
		return NULL;
	}
}

struct row_walk {
	struct chk *c;
	enum store_entity e;
};

static const char *row_label(enum store_entity e, const void *rec)
{
	if (e == ENT_ITEM)
		return ((const struct item *)rec)->ext_id;
	if (e == ENT_UNIT)
		return ((const struct unit *)rec)->name;
	if (e == ENT_ACCOUNT)
		return ((const struct account *)rec)->login;
	if (e == ENT_CALENDAR)
		return ((const struct kv_row *)rec)->key;
	return "";
}

static int on_row(void *ctx, int64_t id, const void *rec)
{
	struct row_walk *w = ctx;
	struct chk *c = w->c;
	int day;
	if (w->e == ENT_CALENDAR) {
		if (!day_parse(((const struct kv_row *)rec)->key, &day))
			return 0;
		id = day;
	}
	c->rows++;
	struct last *l = find_last(c, id);
	const char *label = row_label(w->e, rec);
	char *snap = snapshot_of(w->e, id, rec);
	unsigned char h[HASH_LEN];
	hash_bytes(snap, strlen(snap), h);
	free(snap);
	bool in_batch = feed_batch(c, id, h);
	if (!l) {
		if (!in_batch)
			problem(c, "%s %lld %s: no event records it (inserted behind qingdan's back)",
				c->entity, (long long)id, label);
		return 0;
	}
	l->seen = true;
	if (!l->has)
		problem(c, "%s %lld %s: deleted by event #%lld but present", c->entity,
			(long long)id, label, (long long)l->event);
	else if (memcmp(h, l->h, HASH_LEN) != 0)
		problem(c, "%s %lld %s: edited behind qingdan's back (differs from the state "
			   "recorded by event #%lld)", c->entity, (long long)id, label,
			(long long)l->event);
	return 0;
}

static const char *entity_name(enum store_entity e)
{
	static const char *names[] = {"unit", "person", "account", "grant", "category",
				      "item", "measure", "setting", "calendar", "opinion"};
	return names[e];
}

static qd_err check_rows(struct chk *c, enum store_entity e)
{
	struct store *st = c->a->st;
	c->nlast = 0;
	c->entity = entity_name(e);
	qd_err r = st->ops->event_last_per_row(st, c->entity, on_last, c);
	if (r != QD_OK)
		return r;
	struct row_walk w = {c, e};
	c->kind = bulk_kind(c->entity);
	if (c->kind >= 0)
		sort_changed(c, c->kind);
	r = st->ops->entity_iterate(st, e, on_row, &w);
	if (r == QD_OK && c->kind >= 0)
		close_batches(c, c->kind);
	for (int i = 0; r == QD_OK && i < c->nlast; i++)
		if (!c->last[i].seen && c->last[i].has)
			problem(c, "%s %lld: removed behind qingdan's back (last event #%lld)",
				c->entity, (long long)c->last[i].id, (long long)c->last[i].event);
	return r;
}

static const struct unit *unit_by_id(struct chk *c, int64_t id)
{
	int lo = 0, hi = c->units.n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (c->units.v[mid].id == id)
			return &c->units.v[mid];
		if (c->units.v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

static int collect_unit(void *ctx, int64_t id, const void *rec)
{
	struct chk *c = ctx;
	const struct unit *u = rec;
	struct unit *d = unit_array_push(&c->units);
	(void)id;
	d->id = u->id;
	d->parent_id = u->parent_id;
	d->path = xstrdup(u->path);
	d->name = xstrdup(u->name);
	return 0;
}

static int check_item_path(void *ctx, int64_t id, const void *rec)
{
	struct chk *c = ctx;
	const struct item *it = rec;
	const struct unit *u = unit_by_id(c, it->unit_id);
	if (!u || strcmp(u->path, it->upath) != 0)
		problem(c, "item %lld %s: owner path %s does not match its unit", (long long)id,
			it->ext_id, it->upath);
	return 0;
}

static qd_err check_derived(struct chk *c)
{
	struct store *st = c->a->st;
	qd_err r = st->ops->entity_iterate(st, ENT_UNIT, collect_unit, c);
	for (int i = 0; r == QD_OK && i < c->units.n; i++) {
		const struct unit *u = &c->units.v[i];
		const struct unit *p = u->parent_id ? unit_by_id(c, u->parent_id) : NULL;
		char *want = path_child(p ? p->path : NULL, u->id);
		if (strcmp(want, u->path) != 0)
			problem(c, "unit %lld %s: path %s should be %s", (long long)u->id, u->name,
				u->path, want);
		free(want);
	}
	if (r == QD_OK)
		r = st->ops->entity_iterate(st, ENT_ITEM, check_item_path, c);
	return r;
}

/* Report where kept counters differ from a recount of the records. */
static void compare_counters(struct chk *c, const struct unit *u, const char *what,
			     const struct stat_result *kept, const struct stat_result *counted)
{
	for (int k = 0; k < counted->n; k++)
		if (stat_get(kept, counted->v[k].metric) != counted->v[k].n)
			problem(c, "%s of unit %lld %s: %s is %lld, records give %lld", what,
				(long long)u->id, u->name, counted->v[k].metric,
				(long long)stat_get(kept, counted->v[k].metric),
				(long long)counted->v[k].n);
	for (int k = 0; k < kept->n; k++)
		if (kept->v[k].n != 0 && stat_get(counted, kept->v[k].metric) == 0)
			problem(c, "%s of unit %lld %s: %s is %lld, records give 0", what,
				(long long)u->id, u->name, kept->v[k].metric, (long long)kept->v[k].n);
}

static qd_err check_counters(struct chk *c)
{
	struct store *st = c->a->st;
	int today = day_today();
	for (int i = 0; i < c->units.n; i++) {
		const struct unit *u = &c->units.v[i];
		if (u->parent_id)
			continue;
		struct stat_result all = {0}, months = {0}, days = {0}, counted = {0};
		/* all time is one row; a period of whole months sums the months */
		qd_err r = st->ops->stat_query(st, u->id, DAY_NONE, DAY_NONE, today, &all);
		if (r == QD_OK)
			r = st->ops->stat_query(st, u->id, day_from_civil(1900, 1, 1),
						day_from_civil(2999, 12, 31), today, &months);
		if (r == QD_OK)
			r = st->ops->stat_query_days(st, u->id, &days);
		if (r == QD_OK)
			r = st->ops->stat_recount(st, u->id, today, &counted);
		if (r == QD_OK) {
			compare_counters(c, u, "counters", &all, &counted);
			compare_counters(c, u, "monthly counters", &months, &counted);
			compare_counters(c, u, "daily counters", &days, &counted);
			if (all.overdue != counted.overdue || months.overdue != counted.overdue)
				problem(c, "counters of unit %lld %s: overdue is %lld (by months %lld), "
					   "records give %lld", (long long)u->id, u->name,
					(long long)all.overdue, (long long)months.overdue,
					(long long)counted.overdue);
		}
		stat_result_free(&all);
		stat_result_free(&months);
		stat_result_free(&days);
		stat_result_free(&counted);
		if (r != QD_OK)
			return r;
	}
	return QD_OK;
}

qd_err app_check(struct app *a, struct check_report *out, struct qd_error *e)
{
	struct chk c = {.a = a};
	struct store *st = a->st;
	char *msg = NULL;
	qd_err r = st->ops->integrity_check(st, &msg);
	if (msg) {
		problem(&c, "database integrity: %s", msg);
		free(msg);
		r = QD_OK;
	}
	if (r == QD_OK)
		r = st->ops->event_iterate(st, on_event, &c);
	static const enum store_entity checked[] = {ENT_UNIT, ENT_PERSON, ENT_ACCOUNT,
						    ENT_GRANT, ENT_CATEGORY, ENT_ITEM,
						    ENT_MEASURE, ENT_CALENDAR, ENT_OPINION};
	for (size_t i = 0; r == QD_OK && i < sizeof checked / sizeof checked[0]; i++)
		r = check_rows(&c, checked[i]);
	if (r == QD_OK)
		r = check_derived(&c);
	if (r == QD_OK)
		r = check_counters(&c);
	if (c.problems > MAX_REPORTED)
		buf_printf(&c.out, "... and %d more\n", c.problems - MAX_REPORTED);
	out->events = c.events;
	out->rows = c.rows;
	out->problems = c.problems;
	out->text = buf_steal(&c.out);
	free(c.last);
	for (int k = 0; k < BULK_KINDS; k++) {
		free(c.batch[k]);
		free(c.changed[k]);
		free(c.created[k]);
	}
	unit_array_free(&c.units);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "check could not read the database");
}
