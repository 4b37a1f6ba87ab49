/* sq_fts.c: the item search index (FTS5, trigram), written at commit.
 *
 * FTS5 writes its pending terms out as a new segment whenever a statement
 * that needs a statement journal starts or ends in a transaction that has
 * touched the index. Kept up to date by triggers, the index took a segment
 * (and its merging) per item, and in a bulk load that was a sixth of the
 * work. So the item writes queue their index changes here, and the
 * outermost commit applies the whole queue in one statement, just before
 * COMMIT: one segment per transaction. A savepoint rolled back drops what
 * it queued. The index is external-content (content='item'): a change
 * removes the old title and detail and adds the new ones. */
#include "sq.h"
#include "../../util/alloc.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct sq_fts_op {
	bool del;
	int64_t id;
	char *title, *detail;
};

static void push(struct sq_store *s, bool del, int64_t id, const char *title, const char *detail)
{
	if (s->nfts == s->capfts) {
		s->capfts = s->capfts ? s->capfts * 2 : 16;
		s->fts = xrealloc(s->fts, sizeof *s->fts * (size_t)s->capfts);
	}
	struct sq_fts_op *op = &s->fts[s->nfts++];
	op->del = del;
	op->id = id;
	op->title = xstrdup(title ? title : "");
	op->detail = xstrdup(detail ? detail : "");
}

void sq_fts_add(struct sq_store *s, int64_t id, const char *title, const char *detail)
{
	push(s, false, id, title, detail);
}

void sq_fts_remove(struct sq_store *s, int64_t id, const char *title, const char *detail)
{
	push(s, true, id, title, detail);
}

void sq_fts_truncate(struct sq_store *s, int n)
{
	while (s->nfts > n) {
		struct sq_fts_op *op = &s->fts[--s->nfts];
		free(op->title);
		free(op->detail);
	}
}

void sq_fts_drop(struct sq_store *s)
{
	sq_fts_truncate(s, 0);
	free(s->fts);
	s->fts = NULL;
	s->capfts = 0;
}

qd_err sq_fts_apply(struct sq_store *s)
{
	if (!s->nfts)
		return QD_OK;
	json_t *ops = json_array();
	for (int i = 0; i < s->nfts; i++) {
		const struct sq_fts_op *op = &s->fts[i];
		json_array_append_new(ops, json_pack("[s I s s]", op->del ? "d" : "a",
						     (json_int_t)op->id, op->title, op->detail));
	}
	char *text = json_dumps(ops, JSON_COMPACT);
	json_decref(ops);
	if (!text)
		return QD_INTERNAL;
	sqlite3_stmt *q = sq_stmt(s,
		"INSERT INTO item_fts(item_fts, rowid, title, detail) "
		"SELECT CASE WHEN value ->> 0 = 'd' THEN 'delete' END, value ->> 1, value ->> 2, "
		"value ->> 3 FROM json_each(:ops) ORDER BY key");
	sq_bind_text(q, ":ops", text);
	free(text);
	qd_err r = sq_exec_stmt(q);
	sq_fts_truncate(s, 0);
	return r;
}
