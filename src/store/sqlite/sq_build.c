/* sq_build.c: SQL builder. */
#include "sq_build.h"
#include "../../util/alloc.h"
#include "../../util/date.h"
#include <stdio.h>
#include <stdlib.h>

void sqlb_add_literal(struct sqlb *b, const char *fragment)
{
	buf_puts(&b->sql, fragment);
}

static void push(struct sqlb *b, const char *name, bool is_text, int64_t i, const char *s)
{
	if (b->n >= SQLB_MAX_BINDS) {
		fputs("qingdan: store bug: too many binds\n", stderr);
		abort();
	}
	b->bind[b->n].name = name;
	b->bind[b->n].is_text = is_text;
	b->bind[b->n].i = i;
	b->bind[b->n].s = xstrdup(s);
	b->n++;
}

void sqlb_int(struct sqlb *b, const char *name, int64_t v)
{
	push(b, name, false, v, NULL);
}

void sqlb_text(struct sqlb *b, const char *name, const char *v)
{
	push(b, name, true, 0, v);
}

void sqlb_day(struct sqlb *b, const char *name, int day)
{
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	push(b, name, true, 0, t);
}

sqlite3_stmt *sqlb_prepare(struct sqlb *b, struct sq_store *s)
{
	sqlite3_stmt *q = sq_prepare_dynamic(s, buf_str(&b->sql));
	for (int i = 0; i < b->n; i++) {
		if (b->bind[i].is_text)
			sq_bind_text(q, b->bind[i].name, b->bind[i].s);
		else
			sq_bind_int(q, b->bind[i].name, b->bind[i].i);
	}
	return q;
}

void sqlb_free(struct sqlb *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->bind[i].s);
	buf_free(&b->sql);
	b->n = 0;
}
