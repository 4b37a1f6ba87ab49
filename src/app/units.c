/* units.c: the unit tree use cases. */
#include "app.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

static qd_err check_unit_fields(const struct unit *u, struct qd_error *e)
{
	if (!text_ok(u->name, NAME_MAX_CHARS, true))
		return qd_fail(e, QD_BAD_FIELD, "name", "1-%d characters", NAME_MAX_CHARS);
	if (u->kind < 0 || u->kind >= UK_COUNT)
		return qd_fail(e, QD_BAD_FIELD, "kind", NULL);
	if (u->code && !text_ok(u->code, 64, false))
		return qd_fail(e, QD_BAD_FIELD, "code", "at most 64 characters");
	return QD_OK;
}

struct unit_add {
	const struct actor *ac;
	struct unit *u;
};

static qd_err tx_unit_add(struct store *st, void *ctx, struct qd_error *e)
{
	struct unit_add *x = ctx;
	struct unit parent = {0};
	if (x->u->parent_id) {
		qd_err r = st->ops->unit_get(st, x->u->parent_id, &parent);
		if (r != QD_OK)
			return qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "parent_id",
				       "no such unit");
		bool ok = actor_can(x->ac, PA_UNIT_ADMIN, parent.path);
		bool active = parent.active;
		int depth = parent.depth;
		unit_clear(&parent);
		if (!ok)
			return qd_fail(e, QD_FORBIDDEN, "parent_id", NULL);
		if (!active)
			return qd_fail(e, QD_INACTIVE, "parent_id", NULL);
		if (depth + 1 >= PATH_MAX_DEPTH)
			return qd_fail(e, QD_BAD_TREE, "parent_id", "tree too deep (at most %d levels)",
				       PATH_MAX_DEPTH);
	} else if (!x->ac->system) {
		return qd_fail(e, QD_FORBIDDEN, "parent_id", "only the operator adds a root unit");
	}
	x->u->active = true;
	x->u->created_at = time_now();
	qd_err r = st->ops->unit_insert(st, x->u);
	if (r != QD_OK)
		return qd_fail(e, r, r == QD_CONFLICT ? "code" : NULL, NULL);
	char *snap = snap_unit(x->u);
	r = audit_append(st, x->ac, "unit.create", "unit", x->u->id, NULL, snap, NULL, e);
	free(snap);
	return r;
}

qd_err app_unit_add(struct app *a, const struct actor *ac, struct unit *u, struct qd_error *e)
{
	qd_err r = check_unit_fields(u, e);
	if (r != QD_OK)
		return r;
	struct unit_add x = {ac, u};
	return store_tx(a->st, tx_unit_add, &x, e);
}

struct unit_upd {
	const struct actor *ac;
	const struct unit *u;
};

/* A unit is deactivated only when nothing is left to do under it: no active
 * child unit and no item that is not signed off. */
static qd_err deactivation_blocked(struct store *st, const struct unit *u, struct qd_error *e)
{
	struct unit_array kids = {0};
	qd_err r = st->ops->unit_children(st, u->id, &kids);
	int active = 0;
	for (int i = 0; i < kids.n; i++)
		active += kids.v[i].active;
	unit_array_free(&kids);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	if (active)
		return qd_fail(e, QD_CONFLICT, "active", "%d child units are still active", active);
	struct stat_result s = {0};
	r = st->ops->stat_query(st, u->id, DAY_NONE, DAY_NONE, 0, &s);
	int64_t open = stat_get(&s, "status.open") + stat_get(&s, "status.in_progress") +
		       stat_get(&s, "status.review");
	stat_result_free(&s);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	if (open)
		return qd_fail(e, QD_CONFLICT, "active", "%lld items are not signed off yet",
			       (long long)open);
	return QD_OK;
}

static qd_err tx_unit_update(struct store *st, void *ctx, struct qd_error *e)
{
	struct unit_upd *x = ctx;
	struct unit old = {0};
	qd_err r = st->ops->unit_get(st, x->u->id, &old);
	if (r != QD_OK)
		return qd_fail(e, r, "id", NULL);
	if (!actor_can(x->ac, PA_UNIT_ADMIN, old.path)) {
		unit_clear(&old);
		return qd_fail(e, QD_FORBIDDEN, "id", NULL);
	}
	if (old.active && !x->u->active) {
		r = deactivation_blocked(st, &old, e);
		if (r != QD_OK) {
			unit_clear(&old);
			return r;
		}
	}
	struct unit nu = old;
	nu.name = x->u->name;
	nu.kind = x->u->kind;
	nu.code = x->u->code;
	nu.active = x->u->active;
	r = st->ops->unit_update(st, &nu);
	if (r == QD_OK) {
		char *before = snap_unit(&old), *after = snap_unit(&nu);
		r = audit_append(st, x->ac, "unit.update", "unit", old.id, before, after, NULL, e);
		free(before);
		free(after);
	} else {
		qd_fail(e, r, r == QD_CONFLICT ? "code" : NULL, NULL);
	}
	unit_clear(&old);
	return r;
}

qd_err app_unit_update(struct app *a, const struct actor *ac, const struct unit *u,
		       struct qd_error *e)
{
	qd_err r = check_unit_fields(u, e);
	if (r != QD_OK)
		return r;
	struct unit_upd x = {ac, u};
	return store_tx(a->st, tx_unit_update, &x, e);
}

struct unit_mv {
	const struct actor *ac;
	int64_t id, parent;
};

static char *parent_path_of(const char *path)
{
	/* "/1/5/23/" -> "/1/5/"; a root has no parent path. */
	size_t n = strlen(path);
	if (n < 2)
		return NULL;
	size_t i = n - 2;
	while (i > 0 && path[i] != '/')
		i--;
	return i == 0 ? NULL : xstrndup(path, i + 1);
}

static qd_err tx_unit_move(struct store *st, void *ctx, struct qd_error *e)
{
	struct unit_mv *x = ctx;
	struct unit u = {0}, p = {0};
	char *new_path = NULL, *old_parent = NULL;
	qd_err r = st->ops->unit_get(st, x->id, &u);
	if (r != QD_OK) {
		qd_fail(e, r, "id", NULL);
		goto out;
	}
	r = st->ops->unit_get(st, x->parent, &p);
	if (r != QD_OK) {
		r = qd_fail(e, r == QD_NOT_FOUND ? QD_BAD_FIELD : r, "parent_id", "no such unit");
		goto out;
	}
	if (!actor_can(x->ac, PA_UNIT_ADMIN, u.path) ||
	    !actor_can(x->ac, PA_UNIT_ADMIN, p.path)) {
		r = qd_fail(e, QD_FORBIDDEN, "parent_id", NULL);
		goto out;
	}
	if (path_covers(u.path, p.path)) {
		r = qd_fail(e, QD_BAD_TREE, "parent_id", NULL);
		goto out;
	}
	if (!p.active) {
		r = qd_fail(e, QD_INACTIVE, "parent_id", NULL);
		goto out;
	}
	if (u.parent_id == p.id)
		goto out; /* already there */
	int deepest = 0;
	r = st->ops->unit_max_depth(st, u.path, &deepest);
	if (r != QD_OK) {
		qd_fail(e, r, NULL, NULL);
		goto out;
	}
	/* The subtree shifts by (p.depth + 1 - u.depth) levels. */
	if (deepest + p.depth + 1 - u.depth >= PATH_MAX_DEPTH) {
		r = qd_fail(e, QD_BAD_TREE, "parent_id", "tree too deep (at most %d levels)",
			    PATH_MAX_DEPTH);
		goto out;
	}
	new_path = path_child(p.path, u.id);
	old_parent = parent_path_of(u.path);
	r = st->ops->stat_move(st, u.id, old_parent, p.path);
	if (r == QD_OK)
		r = st->ops->unit_move(st, u.id, p.id, u.path, new_path);
	if (r == QD_OK) {
		char *before = snap_unit(&u);
		u.parent_id = p.id;
		char *after = snap_unit(&u);
		r = audit_append(st, x->ac, "unit.move", "unit", u.id, before, after, NULL, e);
		free(before);
		free(after);
	} else {
		qd_fail(e, r, NULL, NULL);
	}
out:
	free(new_path);
	free(old_parent);
	unit_clear(&u);
	unit_clear(&p);
	return r;
}

qd_err app_unit_move(struct app *a, const struct actor *ac, int64_t id, int64_t new_parent,
		     struct qd_error *e)
{
	struct unit_mv x = {ac, id, new_parent};
	return store_tx(a->st, tx_unit_move, &x, e);
}

qd_err app_unit_get(struct app *a, const struct actor *ac, int64_t id, struct unit *out,
		    struct qd_error *e)
{
	qd_err r = a->st->ops->unit_get(a->st, id, out);
	if (r != QD_OK)
		return qd_fail(e, r, "unit", NULL);
	if (!actor_can(ac, PA_READ, out->path)) {
		unit_clear(out);
		return qd_fail(e, QD_FORBIDDEN, "unit", NULL);
	}
	return QD_OK;
}

/* Depth-first order with siblings by number: compare paths id by id (the
 * store's text order would put /1/10/ before /1/2/). */
static int by_path_numbers(const void *pa, const void *pb)
{
	return path_compare(((const struct unit *)pa)->path, ((const struct unit *)pb)->path);
}

qd_err app_unit_tree(struct app *a, const struct actor *ac, int64_t id, int levels,
		     struct unit_array *out, struct qd_error *e)
{
	struct unit u = {0};
	qd_err r = app_unit_get(a, ac, id, &u, e);
	if (r != QD_OK)
		return r;
	r = a->st->ops->unit_subtree(a->st, u.path, u.depth + levels, out);
	unit_clear(&u);
	if (r == QD_OK && out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_path_numbers);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_unit_roots(struct app *a, const struct actor *ac, struct unit_array *out,
		      struct qd_error *e)
{
	qd_err r = QD_OK;
	if (ac->system)
		r = a->st->ops->unit_children(a->st, 0, out);
	/* Highest grants first (shortest paths), so a grant below another adds
	 * nothing. */
	int n = ac->system ? 0 : ac->grants.n;
	const struct grant **order = xcalloc((size_t)n + 1, sizeof *order);
	for (int i = 0; i < n; i++) {
		int k = i;
		while (k > 0 && strlen(order[k - 1]->unit_path) > strlen(ac->grants.v[i].unit_path)) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = &ac->grants.v[i];
	}
	for (int i = 0; r == QD_OK && i < n; i++) {
		bool seen = false;
		for (int k = 0; k < out->n; k++)
			seen |= path_covers(out->v[k].path, order[i]->unit_path);
		if (!seen)
			r = a->st->ops->unit_get(a->st, order[i]->unit_id, unit_array_push(out));
	}
	free(order);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, NULL);
}

qd_err app_unit_find(struct app *a, const struct actor *ac, const char *ref, struct unit *out,
		     struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	if (!ref || !*ref)
		return qd_fail(e, QD_BAD_PARAM, "unit", "an id or a code");
	qd_err r = a->st->ops->unit_get_by_code(a->st, ref, out);
	if (r == QD_NOT_FOUND) {
		char *end;
		long long id = strtoll(ref, &end, 10);
		if (*end == '\0' && id > 0)
			r = a->st->ops->unit_get(a->st, id, out);
	}
	if (r != QD_OK) {
		unit_clear(out);
		return qd_fail(e, r, "unit", r == QD_NOT_FOUND ? "no unit with that id or code" : NULL);
	}
	if (!actor_can(ac, PA_READ, out->path)) {
		unit_clear(out);
		return qd_fail(e, QD_FORBIDDEN, "unit", NULL);
	}
	return QD_OK;
}
