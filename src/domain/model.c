/* model.c: ownership helpers for the record structs. */
#include "model.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

void unit_clear(struct unit *u)
{
	free(u->name);
	free(u->code);
	free(u->path);
	memset(u, 0, sizeof *u);
}

void person_clear(struct person *p)
{
	free(p->name);
	free(p->title);
	memset(p, 0, sizeof *p);
}

void account_clear(struct account *a)
{
	free(a->login);
	free(a->pwhash);
	memset(a, 0, sizeof *a);
}

void grant_clear(struct grant *g)
{
	free(g->unit_path);
	memset(g, 0, sizeof *g);
}

void category_clear(struct category *c)
{
	free(c->code);
	free(c->name);
	memset(c, 0, sizeof *c);
}

void item_init(struct item *it)
{
	memset(it, 0, sizeof *it);
	it->level = -1;
	it->closure = -1;
	it->case_type = -1;
	it->found_on = it->due_on = it->closed_on = DAY_NONE;
}

void item_clear(struct item *it)
{
	free(it->ext_id);
	free(it->title);
	free(it->detail);
	free(it->upath);
	item_init(it);
}

void item_copy(struct item *dst, const struct item *src)
{
	*dst = *src;
	dst->ext_id = xstrdup(src->ext_id);
	dst->title = xstrdup(src->title);
	dst->detail = xstrdup(src->detail);
	dst->upath = xstrdup(src->upath);
}

void measure_init(struct measure *m)
{
	memset(m, 0, sizeof *m);
	m->due_on = m->done_on = DAY_NONE;
}

void measure_clear(struct measure *m)
{
	free(m->text);
	free(m->evidence);
	free(m->upath);
	measure_init(m);
}

void measure_copy(struct measure *dst, const struct measure *src)
{
	*dst = *src;
	dst->text = xstrdup(src->text);
	dst->evidence = xstrdup(src->evidence);
	dst->upath = xstrdup(src->upath);
}

void event_clear(struct event *ev)
{
	free(ev->action);
	free(ev->entity);
	free(ev->before);
	free(ev->after);
	free(ev->note);
	memset(ev, 0, sizeof *ev);
}

#define DEFINE_ARRAY(type, clear)                                    \
	struct type *type##_array_push(struct type##_array *a)       \
	{                                                            \
		if (a->n == a->cap) {                                \
			a->cap = a->cap ? a->cap * 2 : 16;           \
			a->v = xrealloc(a->v, sizeof *a->v * (size_t)a->cap); \
		}                                                    \
		struct type *p = &a->v[a->n++];                      \
		memset(p, 0, sizeof *p);                             \
		return p;                                            \
	}                                                            \
	void type##_array_free(struct type##_array *a)               \
	{                                                            \
		for (int i = 0; i < a->n; i++)                       \
			clear(&a->v[i]);                             \
		free(a->v);                                          \
		a->v = NULL;                                         \
		a->n = a->cap = 0;                                   \
	}
DEFINE_ARRAY(unit, unit_clear)
DEFINE_ARRAY(person, person_clear)
DEFINE_ARRAY(account, account_clear)
DEFINE_ARRAY(grant, grant_clear)
DEFINE_ARRAY(category, category_clear)
DEFINE_ARRAY(item, item_clear)
DEFINE_ARRAY(measure, measure_clear)
DEFINE_ARRAY(event, event_clear)
