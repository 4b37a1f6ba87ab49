/* ledger_names.c: id -> name caches for the ledger files. */
#include "ledger_names.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include <stdlib.h>
#include <string.h>

static struct name_entry *slot(struct name_cache *c, int64_t id)
{
	if (c->n * 2 >= c->cap) {
		struct name_cache g = {xcalloc(c->cap ? c->cap * 2 : 64, sizeof *g.v),
				       c->cap ? c->cap * 2 : 64, 0};
		for (size_t i = 0; i < c->cap; i++)
			if (c->v[i].id) {
				*slot(&g, c->v[i].id) = c->v[i];
				g.n++;
			}
		free(c->v);
		*c = g;
	}
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 7) & (c->cap - 1);
	while (c->v[i].id && c->v[i].id != id)
		i = (i + 1) & (c->cap - 1);
	return &c->v[i];
}

/* The cached entry of id, or NULL when it is not cached yet. */
static struct name_entry *cached(struct name_cache *c, int64_t id)
{
	if (!c->cap)
		return NULL;
	struct name_entry *s = slot(c, id);
	return s->id ? s : NULL;
}

static const char *put(struct name_cache *c, int64_t id, char *name)
{
	struct name_entry *s = slot(c, id);
	s->id = id;
	s->name = name;
	c->n++;
	return name ? name : "";
}

static void cache_free(struct name_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->v[i].name);
	free(c->v);
	memset(c, 0, sizeof *c);
}

void ledger_names_init(struct ledger_names *n, struct store *st)
{
	memset(n, 0, sizeof *n);
	n->st = st;
}

void ledger_names_free(struct ledger_names *n)
{
	cache_free(&n->units);
	cache_free(&n->paths);
	cache_free(&n->people);
	cache_free(&n->categories);
}

/* Units are cached with their name; the code goes in the path cache's
 * sibling below (negative ids), to keep one lookup per unit. */
static const char *unit_field(struct ledger_names *n, int64_t id, bool code)
{
	if (id <= 0)
		return "";
	struct name_entry *e = cached(&n->units, code ? -id : id);
	if (e)
		return e->name ? e->name : "";
	struct unit u = {0};
	char *name = NULL, *ucode = NULL;
	if (n->st->ops->unit_get(n->st, id, &u) == QD_OK) {
		name = xstrdup(u.name);
		ucode = u.code ? xstrdup(u.code) : xstrdup("");
	}
	unit_clear(&u);
	put(&n->units, id, name);
	put(&n->units, -id, ucode);
	return code ? (ucode ? ucode : "") : (name ? name : "");
}

const char *ledger_unit_code(struct ledger_names *n, int64_t unit_id)
{
	return unit_field(n, unit_id, true);
}

const char *ledger_unit_path(struct ledger_names *n, int64_t unit_id)
{
	if (unit_id <= 0)
		return "";
	struct name_entry *e = cached(&n->paths, unit_id);
	if (e)
		return e->name ? e->name : "";
	struct unit u = {0};
	char *text = NULL;
	if (n->st->ops->unit_get(n->st, unit_id, &u) == QD_OK) {
		int64_t ids[PATH_MAX_DEPTH];
		int k = path_ids(u.path, ids, PATH_MAX_DEPTH);
		struct buf b = BUF_INIT;
		for (int i = 0; i < k; i++) {
			if (i)
				buf_putc(&b, '/');
			buf_puts(&b, unit_field(n, ids[i], false));
		}
		text = buf_steal(&b);
		if (!text)
			text = xstrdup("");
	}
	unit_clear(&u);
	return put(&n->paths, unit_id, text);
}

const char *ledger_person(struct ledger_names *n, int64_t person_id)
{
	if (person_id <= 0)
		return "";
	struct name_entry *e = cached(&n->people, person_id);
	if (e)
		return e->name ? e->name : "";
	struct person p = {0};
	char *name = n->st->ops->person_get(n->st, person_id, &p) == QD_OK ? xstrdup(p.name) : NULL;
	person_clear(&p);
	return put(&n->people, person_id, name);
}

const char *ledger_category(struct ledger_names *n, int64_t category_id)
{
	if (category_id <= 0)
		return "";
	struct name_entry *e = cached(&n->categories, category_id);
	if (e)
		return e->name ? e->name : "";
	struct category c = {0};
	char *name = n->st->ops->category_get(n->st, category_id, &c) == QD_OK ? xstrdup(c.name)
										  : NULL;
	category_clear(&c);
	return put(&n->categories, category_id, name);
}
