/* sq_units.c: the unit tree. Subtrees are path ranges [path, upper). */
#include "sq.h"
#include "sq_ops.h"
#include "../../domain/codes.h"
#include "../../domain/tree.h"
#include "../../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

qd_err sq_unit_insert(struct store *st, struct unit *u)
{
	struct sq_store *s = SQ(st);
	char *parent_path = NULL;
	if (u->parent_id) {
		sqlite3_stmt *q = sq_stmt(s, "SELECT path FROM unit WHERE id = :id");
		sq_bind_int(q, ":id", u->parent_id);
		int rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			parent_path = sq_col_text(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
	}
	sqlite3_stmt *q = sq_stmt(s, "SELECT coalesce(max(id), 0) + 1 FROM unit");
	int rc = sqlite3_step(q);
	int64_t id = rc == SQLITE_ROW ? sq_col_int(q, 0) : 0;
	sqlite3_reset(q);
	if (!id) {
		free(parent_path);
		return sq_err(rc);
	}
	free(u->path);
	u->id = id;
	u->path = path_child(parent_path, id);
	u->depth = path_depth(u->path);
	free(parent_path);
	q = sq_stmt(s,
		"INSERT INTO unit(id, parent_id, kind, name, code, path, depth, active, created_at) "
		"VALUES (:id, :parent, :kind, :name, :code, :path, :depth, :active, :created)");
	sq_bind_int(q, ":id", u->id);
	sq_bind_id(q, ":parent", u->parent_id);
	sq_bind_text(q, ":kind", code_str(&T_UNIT_KIND, u->kind));
	sq_bind_text(q, ":name", u->name);
	sq_bind_text(q, ":code", u->code && *u->code ? u->code : NULL);
	sq_bind_text(q, ":path", u->path);
	sq_bind_int(q, ":depth", u->depth);
	sq_bind_int(q, ":active", u->active);
	sq_bind_int(q, ":created", u->created_at);
	return sq_exec_stmt(q);
}

qd_err sq_unit_get(struct store *st, int64_t id, struct unit *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " SQ_UNIT_COLS " FROM unit u WHERE u.id = :id");
	sq_bind_int(q, ":id", id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		sq_read_unit(q, out);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

qd_err sq_unit_get_by_code(struct store *st, const char *code, struct unit *out)
{
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT " SQ_UNIT_COLS " FROM unit u WHERE u.code = :code");
	sq_bind_text(q, ":code", code);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		sq_read_unit(q, out);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : rc == SQLITE_DONE ? QD_NOT_FOUND : sq_err(rc);
}

static qd_err read_units(sqlite3_stmt *q, struct unit_array *out)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		sq_read_unit(q, unit_array_push(out));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? QD_OK : sq_err(rc);
}

qd_err sq_unit_children(struct store *st, int64_t parent_id, struct unit_array *out)
{
	sqlite3_stmt *q;
	if (parent_id) {
		q = sq_stmt(SQ(st), "SELECT " SQ_UNIT_COLS " FROM unit u "
				    "WHERE u.parent_id = :parent ORDER BY u.id");
		sq_bind_int(q, ":parent", parent_id);
	} else {
		q = sq_stmt(SQ(st), "SELECT " SQ_UNIT_COLS " FROM unit u "
				    "WHERE u.parent_id IS NULL ORDER BY u.id");
	}
	return read_units(q, out);
}

static int by_path_text(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->path, ((const struct unit *)b)->path);
}

/* A few levels below a unit: level by level through the parent index, so
 * that the cost is the units returned, not the subtree (a province's picker
 * lists a hundred of its hundred thousand units). */
static qd_err levels_below(struct sq_store *s, const char *path, int max_depth,
			   struct unit_array *out)
{
	sqlite3_stmt *q = sq_stmt(s, "SELECT " SQ_UNIT_COLS " FROM unit u WHERE u.path = :path");
	sq_bind_text(q, ":path", path);
	qd_err r = read_units(q, out);
	for (int from = 0; r == QD_OK && from < out->n;) {
		int to = out->n;
		for (int i = from; r == QD_OK && i < to; i++) {
			if (out->v[i].depth >= max_depth)
				continue;
			q = sq_stmt(s, "SELECT " SQ_UNIT_COLS " FROM unit u WHERE u.parent_id = :parent");
			sq_bind_int(q, ":parent", out->v[i].id);
			r = read_units(q, out);
		}
		from = to;
	}
	if (r == QD_OK && out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_path_text);
	return r;
}

qd_err sq_unit_subtree(struct store *st, const char *path, int max_depth,
		       struct unit_array *out)
{
	int depth = path_depth(path);
	if (depth >= 0 && max_depth - depth <= 3)
		return levels_below(SQ(st), path, max_depth, out);
	char *upper = path_upper(path);
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"SELECT " SQ_UNIT_COLS " FROM unit u "
		"WHERE u.path >= :lo AND u.path < :hi AND u.depth <= :maxdepth ORDER BY u.path");
	sq_bind_text(q, ":lo", path);
	sq_bind_text(q, ":hi", upper);
	sq_bind_int(q, ":maxdepth", max_depth);
	free(upper);
	return read_units(q, out);
}

qd_err sq_unit_update(struct store *st, const struct unit *u)
{
	sqlite3_stmt *q = sq_stmt(SQ(st),
		"UPDATE unit SET kind = :kind, name = :name, code = :code, active = :active "
		"WHERE id = :id");
	sq_bind_text(q, ":kind", code_str(&T_UNIT_KIND, u->kind));
	sq_bind_text(q, ":name", u->name);
	sq_bind_text(q, ":code", u->code && *u->code ? u->code : NULL);
	sq_bind_int(q, ":active", u->active);
	sq_bind_int(q, ":id", u->id);
	qd_err r = sq_exec_stmt(q);
	if (r == QD_OK && sqlite3_changes(SQ(st)->db) == 0)
		return QD_NOT_FOUND;
	return r;
}

qd_err sq_unit_max_depth(struct store *st, const char *path, int *out)
{
	char *upper = path_upper(path);
	sqlite3_stmt *q = sq_stmt(SQ(st), "SELECT max(depth) FROM unit WHERE path >= :lo AND path < :hi");
	sq_bind_text(q, ":lo", path);
	sq_bind_text(q, ":hi", upper);
	free(upper);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = (int)sq_col_int(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? QD_OK : sq_err(rc);
}

/* Rewrite the path prefix old -> new for every row of table in the range. */
static qd_err rewrite_paths(struct sq_store *s, const char *sql, const char *old_path,
			    const char *new_path)
{
	char *upper = path_upper(old_path);
	sqlite3_stmt *q = sq_stmt(s, sql);
	sq_bind_text(q, ":new", new_path);
	sq_bind_int(q, ":oldlen", (int64_t)strlen(old_path));
	sq_bind_text(q, ":lo", old_path);
	sq_bind_text(q, ":hi", upper);
	free(upper);
	return sq_exec_stmt(q);
}

qd_err sq_unit_move(struct store *st, int64_t id, int64_t new_parent_id,
		    const char *old_path, const char *new_path)
{
	struct sq_store *s = SQ(st);
	sqlite3_stmt *q = sq_stmt(s, "UPDATE unit SET parent_id = :parent WHERE id = :id");
	sq_bind_id(q, ":parent", new_parent_id);
	sq_bind_int(q, ":id", id);
	qd_err r = sq_exec_stmt(q);
	int depth_delta = path_depth(new_path) - path_depth(old_path);
	if (r == QD_OK) {
		/* Two steps so that the UNIQUE(path) index never sees a clash
		 * mid-statement: first to a private prefix, then to the target. */
		char tmp[64];
		snprintf(tmp, sizeof tmp, "#move%lld/", (long long)id);
		r = rewrite_paths(s,
			"UPDATE unit SET path = :new || substr(path, :oldlen + 1) "
			"WHERE path >= :lo AND path < :hi", old_path, tmp);
		if (r == QD_OK)
			r = rewrite_paths(s,
				"UPDATE unit SET path = :new || substr(path, :oldlen + 1) "
				"WHERE path >= :lo AND path < :hi", tmp, new_path);
	}
	if (r == QD_OK) {
		char *upper = path_upper(new_path);
		q = sq_stmt(s, "UPDATE unit SET depth = depth + :delta "
			       "WHERE path >= :lo AND path < :hi");
		sq_bind_int(q, ":delta", depth_delta);
		sq_bind_text(q, ":lo", new_path);
		sq_bind_text(q, ":hi", upper);
		free(upper);
		r = sq_exec_stmt(q);
	}
	if (r == QD_OK)
		r = rewrite_paths(s,
			"UPDATE item SET upath = :new || substr(upath, :oldlen + 1) "
			"WHERE upath >= :lo AND upath < :hi", old_path, new_path);
	if (r == QD_OK)
		r = rewrite_paths(s,
			"UPDATE measure SET upath = :new || substr(upath, :oldlen + 1) "
			"WHERE upath >= :lo AND upath < :hi", old_path, new_path);
	if (r == QD_OK)
		r = rewrite_paths(s,
			"UPDATE opinion SET upath = :new || substr(upath, :oldlen + 1) "
			"WHERE upath >= :lo AND upath < :hi", old_path, new_path);
	return r;
}
