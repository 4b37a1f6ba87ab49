/* items.c: GET /items - the problem list (问题清单): a filter form (unit,
 * kind, status, mode, inspection level, source, overdue, signed off, due
 * range, found range, closure type, case type, text search, sort), a table
 * of the items of the unit's subtree and
 * previous/next paging. Every query value is checked: a bad one is a 400
 * page that names the field, a unit outside the actor's scopes a 403.
 *
 * This file also holds the helpers the three lists share (list_*). Their
 * prototypes are repeated at the top of responsibility.c and
 * measures_list.c: web.h is not this file's to extend. */
#include "web.h"
#include "../domain/item_rules.h"
#include "../domain/perm.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/utf8.h"
#include <stdlib.h>
#include <string.h>

#include "lists.h"

/* Names of people and units met while drawing a page, looked up once. */
struct list_name {
	char kind; /* 'p' person, 'u' unit */
	int64_t id;
	char *name;
};
struct list_names {
	struct list_name *v;
	int n, cap;
};

struct list_names *list_names_new(void)
{
	return xcalloc(1, sizeof(struct list_names));
}

void list_names_free(struct list_names *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
	free(c);
}

static const char *name_of(struct req *r, struct list_names *c, char kind, int64_t id)
{
	if (id <= 0)
		return NULL;
	for (int i = 0; i < c->n; i++)
		if (c->v[i].kind == kind && c->v[i].id == id)
			return c->v[i].name;
	char *name = NULL;
	/* Names only, of records the listed items point at: the store directly
	 * (a responsible person may belong to a unit outside the actor's scope). */
	if (kind == 'p') {
		struct person x = {0};
		if (r->app->st->ops->person_get(r->app->st, id, &x) == QD_OK)
			name = xstrdup(x.name ? x.name : "");
		person_clear(&x);
	} else {
		struct unit x = {0};
		if (r->app->st->ops->unit_get(r->app->st, id, &x) == QD_OK)
			name = xstrdup(x.name ? x.name : "");
		unit_clear(&x);
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xrealloc(c->v, sizeof *c->v * (size_t)c->cap);
	}
	c->v[c->n++] = (struct list_name){kind, id, name ? name : xstrdup("")};
	return c->v[c->n - 1].name;
}

const char *list_person_name(struct req *r, struct list_names *c, int64_t id)
{
	const char *s = name_of(r, c, 'p', id);
	return s && *s ? s : NULL;
}

const char *list_unit_name(struct req *r, struct list_names *c, int64_t id)
{
	const char *s = name_of(r, c, 'u', id);
	return s ? s : "";
}

/* "<label>: “<value>” <reason>" as a 400 page. The value is cut to a few
 * dozen bytes on a character boundary. */
enum MHD_Result list_bad_param(struct req *r, const char *name, enum msg_id label,
			       enum msg_id reason)
{
	struct buf d = BUF_INIT;
	const char *v = name ? MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name)
			     : NULL;
	buf_puts(&d, T(r, label));
	buf_puts(&d, T(r, M_LIST_COLON));
	if (v && *v && utf8_valid_text(v, strlen(v))) {
		size_t n = strlen(v);
		if (n > 48) {
			n = 48;
			while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
				n--;
		}
		buf_puts(&d, "“");
		buf_append(&d, v, n);
		buf_puts(&d, n < strlen(v) ? "…”" : "”");
		buf_puts(&d, " ");
	}
	buf_puts(&d, T(r, reason));
	enum MHD_Result res = reply_fail(r, QD_BAD_PARAM, name, buf_str(&d));
	buf_free(&d);
	return res;
}

/* Turn an in_query failure into a page that names the field in words. */
enum MHD_Result list_bad_query(struct req *r, const struct qd_error *e,
			       const struct in_field *in, const enum msg_id *labels)
{
	for (int i = 0; in[i].name; i++) {
		if (strcmp(in[i].name, e->field) != 0)
			continue;
		enum msg_id reason = M_LIST_ERR_TEXT;
		if (strcmp(e->detail, "given twice") == 0)
			reason = M_LIST_ERR_TWICE;
		else if (in[i].type == IN_CODE)
			reason = M_LIST_ERR_CODE;
		else if (in[i].type == IN_DAY)
			reason = M_LIST_ERR_DATE;
		else if (in[i].type == IN_INT)
			reason = strcmp(in[i].name, "offset") == 0 ? M_LIST_ERR_NUMBER : M_LIST_ERR_INT;
		else if (in[i].type == IN_BOOL)
			reason = M_LIST_ERR_BOOL;
		return list_bad_param(r, in[i].name, labels[i], reason);
	}
	/* Not one of ours: an unknown parameter. Name it as given. */
	struct buf d = BUF_INIT;
	if (utf8_valid_text(e->field, strlen(e->field))) {
		buf_puts(&d, e->field);
		buf_puts(&d, T(r, M_LIST_COLON));
	}
	buf_puts(&d, T(r, M_LIST_ERR_UNKNOWN));
	enum MHD_Result res = reply_fail(r, QD_BAD_PARAM, e->field, buf_str(&d));
	buf_free(&d);
	return res;
}

/* in_query over a list's own fields and a caller's extra ones (an
 * export's bom=): the 400 page names the field. The parser's present and
 * is_null flags are copied back to both arrays. */
#define LIST_QUERY_MAX 32
bool list_query(struct req *r, struct in_field *own, const enum msg_id *own_labels,
		struct in_field *extra, const enum msg_id *extra_labels, enum MHD_Result *res)
{
	struct in_field in[LIST_QUERY_MAX + 1];
	enum msg_id labels[LIST_QUERY_MAX];
	int n = 0, nown = 0;
	for (; own[nown].name && n < LIST_QUERY_MAX; nown++, n++) {
		in[n] = own[nown];
		labels[n] = own_labels[nown];
	}
	for (int i = 0; extra && extra[i].name && n < LIST_QUERY_MAX; i++, n++) {
		in[n] = extra[i];
		labels[n] = extra_labels[i];
	}
	in[n] = (struct in_field)IN_END;
	struct qd_error e = {0};
	bool ok = in_query(r, in, &e);
	for (int i = 0; i < n; i++) {
		struct in_field *f = i < nown ? &own[i] : &extra[i - nown];
		f->present = in[i].present;
		f->is_null = in[i].is_null;
	}
	if (!ok)
		*res = list_bad_query(r, &e, in, labels);
	return ok;
}

/* A yes/no/any parameter: -1 absent or empty, else 0 or 1. */
int list_tri(const struct in_field *f, bool v)
{
	return f->present && !f->is_null ? (int)v : -1;
}

/* The unit a list is about: the one asked for, else the actor's first scope. */
bool list_scope(struct req *r, int64_t asked, struct unit *out, struct qd_error *e)
{
	int64_t id = asked;
	if (!id) {
		struct unit_array roots = {0};
		if (app_unit_roots(r->app, &r->actor, &roots, e) == QD_OK && roots.n)
			id = roots.v[0].id;
		unit_array_free(&roots);
		if (!id)
			return qd_fail(e, QD_FORBIDDEN, "unit", NULL), false;
	}
	return app_unit_get(r->app, &r->actor, id, out, e) == QD_OK;
}

/* The GET form of a list's filters; list_form_end adds the submit button
 * and, when unit > 0, a link that clears every filter but the unit. */
void list_form_begin(struct page *p, const char *action)
{
	H(&p->b, "<form method=\"get\" class=\"filters\" role=\"search\" action=\"");
	h_attr(&p->b, action);
	H(&p->b, "\" aria-label=\"");
	h_attr(&p->b, T(p->r, M_LIST_FILTERS));
	H(&p->b, "\">");
}

void list_form_end(struct page *p, const char *action, int64_t unit)
{
	H(&p->b, "<div class=\"field go\"><button type=\"submit\">");
	h_text(&p->b, T(p->r, M_LIST_APPLY));
	H(&p->b, "</button>");
	if (unit <= 0) {
		H(&p->b, "</div></form>");
		return;
	}
	H(&p->b, " <a href=\"");
	h_attr(&p->b, action);
	H(&p->b, "?unit=");
	h_int(&p->b, unit);
	H(&p->b, "\">");
	h_text(&p->b, T(p->r, M_LIST_RESET));
	H(&p->b, "</a></div></form>");
}

static void unit_option(struct page *p, const struct unit *u, int indent, int64_t cur)
{
	H(&p->b, "<option value=\"");
	h_int(&p->b, u->id);
	H(&p->b, "\"");
	if (u->id == cur)
		H(&p->b, " selected");
	H(&p->b, ">");
	for (int i = 0; i < indent && i < 8; i++)
		H(&p->b, "\xE3\x80\x80"); /* U+3000 ideographic space */
	h_text(&p->b, u->name);
	H(&p->b, "</option>");
}

/* Tree order: by path, comparing the ids in it as numbers ("/1/2/" before
 * "/1/10/"). */
/* The unit select: the actor's scopes and two levels below each, plus the
 * current unit when it lies deeper. */
void list_unit_field(struct page *p, const struct unit *cur)
{
	struct req *r = p->r;
	struct qd_error e = {0};
	struct unit_array roots = {0};
	bool seen = false;
	H(&p->b, "<div class=\"field\"><label for=\"f-unit\">");
	h_text(&p->b, T(r, M_LIST_F_UNIT));
	H(&p->b, "</label><select id=\"f-unit\" name=\"unit\">");
	app_unit_roots(r->app, &r->actor, &roots, &e);
	for (int i = 0; i < roots.n; i++) {
		struct unit_array tree = {0};
		if (app_unit_tree(r->app, &r->actor, roots.v[i].id, 2, &tree, &e) != QD_OK) {
			unit_array_free(&tree);
			continue;
		}
		for (int k = 0; k < tree.n; k++) {
			const struct unit *u = &tree.v[k];
			if (!u->active && u->id != cur->id)
				continue;
			seen |= u->id == cur->id;
			unit_option(p, u, u->depth - roots.v[i].depth, cur->id);
		}
		unit_array_free(&tree);
	}
	if (!seen)
		unit_option(p, cur, 0, cur->id);
	unit_array_free(&roots);
	H(&p->b, "</select></div>");
}

void list_tristate(struct page *p, const char *name, enum msg_id label, int v,
		   enum msg_id yes, enum msg_id no)
{
	H(&p->b, "<div class=\"field\"><label for=\"f-");
	h_attr(&p->b, name);
	H(&p->b, "\">");
	h_text(&p->b, T(p->r, label));
	H(&p->b, "</label><select id=\"f-");
	h_attr(&p->b, name);
	H(&p->b, "\" name=\"");
	h_attr(&p->b, name);
	H(&p->b, "\"><option value=\"\">");
	h_text(&p->b, T(p->r, M_LIST_ANY));
	H(&p->b, "</option><option value=\"true\"");
	if (v == 1)
		H(&p->b, " selected");
	H(&p->b, ">");
	h_text(&p->b, T(p->r, yes));
	H(&p->b, "</option><option value=\"false\"");
	if (v == 0)
		H(&p->b, " selected");
	H(&p->b, ">");
	h_text(&p->b, T(p->r, no));
	H(&p->b, "</option></select></div>");
}

/* Query strings for links: name=value pairs joined by '&', percent-encoded
 * (the pager and the callers escape the whole for the attribute). */
void list_qarg(struct buf *q, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	if (q->len)
		buf_putc(q, '&');
	buf_puts(q, name);
	buf_putc(q, '=');
	h_url_arg(q, value);
}

void list_qint(struct buf *q, const char *name, int64_t v)
{
	if (q->len)
		buf_putc(q, '&');
	buf_printf(q, "%s=%lld", name, (long long)v);
}

void list_qday(struct buf *q, const char *name, int day)
{
	if (day == DAY_NONE)
		return;
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	list_qarg(q, name, t);
}

/* A message with up to two numbers in it ("共 {n} 条"). */
static void h_msg_num(struct buf *b, const char *msg, const char *k1, int64_t v1, const char *k2,
		      int64_t v2)
{
	struct buf t = BUF_INIT;
	for (const char *s = msg; *s;) {
		if (k1 && strncmp(s, k1, strlen(k1)) == 0) {
			h_text(b, buf_str(&t));
			buf_reset(&t);
			h_int(b, v1);
			s += strlen(k1);
		} else if (k2 && strncmp(s, k2, strlen(k2)) == 0) {
			h_text(b, buf_str(&t));
			buf_reset(&t);
			h_int(b, v2);
			s += strlen(k2);
		} else {
			buf_putc(&t, *s++);
		}
	}
	h_text(b, buf_str(&t));
	buf_free(&t);
}

/* "第 N–M 条" above a table, or a way back when the page is past the end. */
void list_range(struct page *p, const char *path, const char *query, int64_t offset, int n,
		bool has_more)
{
	if (n == 0) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(p->r, offset > 0 ? M_LIST_PAST_END : M_EMPTY_LIST));
		if (offset > 0) {
			H(&p->b, " <a href=\"");
			h_attr(&p->b, path);
			H(&p->b, "?");
			h_attr(&p->b, query);
			H(&p->b, "\">");
			h_text(&p->b, T(p->r, M_LIST_FIRST_PAGE));
			H(&p->b, "</a>");
		}
		H(&p->b, "</p>");
		return;
	}
	H(&p->b, "<p class=\"range muted\">");
	if (offset == 0 && !has_more) {
		h_msg_num(&p->b, T(p->r, M_LIST_TOTAL), "{n}", n, NULL, 0);
		H(&p->b, "</p>");
		return;
	}
	h_msg_num(&p->b, T(p->r, M_LIST_RANGE), "{from}", offset + 1, "{to}", offset + n);
	if (has_more)
		h_text(&p->b, T(p->r, M_LIST_RANGE_MORE));
	H(&p->b, "</p>");
}

/* ---- the problem list ---- */

static const struct {
	const char *name;
	enum item_sort v;
	enum msg_id label;
} sorts[] = {{"newest", SORT_NEWEST, M_LIST_SORT_NEWEST},
	     {"due", SORT_DUE, M_LIST_SORT_DUE},
	     {"found", SORT_FOUND, M_LIST_SORT_FOUND},
	     {"updated", SORT_UPDATED, M_LIST_SORT_UPDATED}};
#define N_SORTS ((int)(sizeof sorts / sizeof sorts[0]))

/* The query string of the list (without offset); skip names a parameter to
 * leave out (for "remove this filter" links) or is NULL. */
void items_query(const struct items_q *x, int64_t unit, struct buf *q, const char *skip)
{
	list_qint(q, "unit", unit);
	const struct {
		const char *name;
		const struct code_table *t;
		int v;
	} codes[] = {{"kind", &T_ITEM_KIND, x->kind}, {"status", &T_STATUS, x->status},
		     {"mode", &T_MODE, x->mode}, {"level", &T_LEVEL, x->level},
		     {"source", &T_SOURCE, x->source}, {"closure", &T_CLOSURE, x->closure},
		     {"case_type", &T_CASE_TYPE, x->case_type}};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i].v >= 0)
			list_qarg(q, codes[i].name, code_str(codes[i].t, codes[i].v));
	if (x->overdue >= 0)
		list_qarg(q, "overdue", x->overdue ? "true" : "false");
	if (x->open >= 0)
		list_qarg(q, "open", x->open ? "true" : "false");
	if (x->responsible && !(skip && strcmp(skip, "responsible") == 0))
		list_qint(q, "responsible", x->responsible);
	list_qday(q, "due_from", x->due_from);
	list_qday(q, "due_to", x->due_to);
	list_qday(q, "found_from", x->found_from);
	list_qday(q, "found_to", x->found_to);
	list_qarg(q, "q", x->q);
	if (x->sort > 0)
		list_qarg(q, "sort", sorts[x->sort].name);
}

static void date_field(struct page *p, const char *name, enum msg_id label, int day)
{
	char t[DAY_TEXT_LEN] = "";
	if (day != DAY_NONE)
		day_format(day, t);
	field_date(p, name, T(p->r, label), t, NULL, false);
}

static void filter_form(struct page *p, const struct items_q *x, const struct unit *u,
			const char *responsible_name)
{
	struct req *r = p->r;
	list_form_begin(p, "/items");
	list_unit_field(p, u);
	field_code(p, "status", T(r, M_LIST_F_STATUS), &T_STATUS,
		   x->status >= 0 ? code_str(&T_STATUS, x->status) : NULL, T(r, M_LIST_ANY), NULL);
	list_tristate(p, "overdue", M_LIST_F_OVERDUE, x->overdue, M_LIST_OVERDUE_YES,
		      M_LIST_OVERDUE_NO);
	H(&p->b, "<div class=\"field wide\"><label for=\"f-q\">");
	h_text(&p->b, T(r, M_LIST_F_Q));
	H(&p->b, "</label><input type=\"search\" id=\"f-q\" name=\"q\" maxlength=\"60\" value=\"");
	h_attr(&p->b, x->q ? x->q : "");
	H(&p->b, "\" placeholder=\"");
	h_attr(&p->b, T(r, M_LIST_Q_HINT));
	H(&p->b, "\"></div><div class=\"field\"><label for=\"f-sort\">");
	h_text(&p->b, T(r, M_LIST_F_SORT));
	H(&p->b, "</label><select id=\"f-sort\" name=\"sort\">");
	for (int i = 0; i < N_SORTS; i++) {
		H(&p->b, "<option value=\"");
		h_attr(&p->b, sorts[i].name);
		H(&p->b, "\"");
		if (i == x->sort)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, T(r, sorts[i].label));
		H(&p->b, "</option>");
	}
	H(&p->b, "</select></div>");
	/* The rarer filters fold away (a phone shows the list sooner); open
	 * when one of them is set. */
	bool more = x->kind >= 0 || x->mode >= 0 || x->level >= 0 || x->source >= 0 ||
		    x->open >= 0 || x->due_from != DAY_NONE || x->due_to != DAY_NONE ||
		    x->found_from != DAY_NONE || x->found_to != DAY_NONE || x->closure >= 0 ||
		    x->case_type >= 0;
	H(&p->b, "<details class=\"more\"");
	if (more)
		H(&p->b, " open");
	H(&p->b, "><summary>");
	h_text(&p->b, T(r, M_LIST_MORE_FILTERS));
	H(&p->b, "</summary><div class=\"more-fields\">");
	field_code(p, "kind", T(r, M_LIST_F_KIND), &T_ITEM_KIND,
		   x->kind >= 0 ? code_str(&T_ITEM_KIND, x->kind) : NULL, T(r, M_LIST_ANY), NULL);
	field_code(p, "mode", T(r, M_LIST_F_MODE), &T_MODE,
		   x->mode >= 0 ? code_str(&T_MODE, x->mode) : NULL, T(r, M_LIST_ANY), NULL);
	field_code(p, "level", T(r, M_LIST_F_LEVEL), &T_LEVEL,
		   x->level >= 0 ? code_str(&T_LEVEL, x->level) : NULL, T(r, M_LIST_ANY), NULL);
	field_code(p, "source", T(r, M_LIST_F_SOURCE), &T_SOURCE,
		   x->source >= 0 ? code_str(&T_SOURCE, x->source) : NULL, T(r, M_LIST_ANY), NULL);
	list_tristate(p, "open", M_LIST_F_OPEN, x->open, M_LIST_OPEN_YES, M_LIST_OPEN_NO);
	date_field(p, "due_from", M_LIST_F_DUE_FROM, x->due_from);
	date_field(p, "due_to", M_LIST_F_DUE_TO, x->due_to);
	date_field(p, "found_from", M_LIST_F_FOUND_FROM, x->found_from);
	date_field(p, "found_to", M_LIST_F_FOUND_TO, x->found_to);
	field_code(p, "closure", T(r, M_LIST_F_CLOSURE), &T_CLOSURE,
		   x->closure >= 0 ? code_str(&T_CLOSURE, x->closure) : NULL, T(r, M_LIST_ANY),
		   NULL);
	field_code(p, "case_type", T(r, M_LIST_F_CASE_TYPE), &T_CASE_TYPE,
		   x->case_type >= 0 ? code_str(&T_CASE_TYPE, x->case_type) : NULL,
		   T(r, M_LIST_ANY), NULL);
	H(&p->b, "</div></details>");
	if (x->responsible) {
		H(&p->b, "<input type=\"hidden\" name=\"responsible\" value=\"");
		h_int(&p->b, x->responsible);
		H(&p->b, "\">");
	}
	list_form_end(p, "/items", u->id);
	if (x->responsible) {
		/* The responsible person (from the responsibility list) is not a
		 * field of the form: show it, with a way to drop it. */
		struct buf q = BUF_INIT;
		items_query(x, u->id, &q, "responsible");
		H(&p->b, "<p class=\"chips\">");
		h_text(&p->b, T(r, M_LIST_F_RESPONSIBLE));
		h_text(&p->b, T(r, M_LIST_COLON));
		H(&p->b, "<span class=\"chip\">");
		h_text(&p->b, responsible_name ? responsible_name : "#");
		if (!responsible_name)
			h_int(&p->b, x->responsible);
		H(&p->b, " <a href=\"/items?");
		h_attr(&p->b, buf_str(&q));
		H(&p->b, "\" title=\"");
		h_attr(&p->b, T(r, M_LIST_REMOVE));
		H(&p->b, "\" aria-label=\"");
		h_attr(&p->b, T(r, M_LIST_REMOVE));
		H(&p->b, "\">×</a></span></p>");
		buf_free(&q);
	}
}

/* The active filters as one line, for print (the form is not printed). */
static void print_summary(struct page *p, const struct items_q *x, const char *responsible_name)
{
	struct req *r = p->r;
	const char *sep = T(r, M_LIST_SEP), *colon = T(r, M_LIST_COLON);
	int n = 0;
	H(&p->b, "<p class=\"print-only muted\">");
	h_text(&p->b, T(r, M_LIST_FILTERS));
	h_text(&p->b, colon);
#define ITEM(label, text)                                 \
	do {                                              \
		if (n++)                                  \
			h_text(&p->b, sep);               \
		h_text(&p->b, T(r, label));               \
		h_text(&p->b, colon);                     \
		h_text(&p->b, text);                      \
	} while (0)
	if (x->kind >= 0)
		ITEM(M_LIST_F_KIND, code_text(r, &T_ITEM_KIND, x->kind));
	if (x->status >= 0)
		ITEM(M_LIST_F_STATUS, code_text(r, &T_STATUS, x->status));
	if (x->mode >= 0)
		ITEM(M_LIST_F_MODE, code_text(r, &T_MODE, x->mode));
	if (x->level >= 0)
		ITEM(M_LIST_F_LEVEL, code_text(r, &T_LEVEL, x->level));
	if (x->source >= 0)
		ITEM(M_LIST_F_SOURCE, code_text(r, &T_SOURCE, x->source));
	if (x->overdue >= 0)
		ITEM(M_LIST_F_OVERDUE, T(r, x->overdue ? M_LIST_OVERDUE_YES : M_LIST_OVERDUE_NO));
	if (x->open >= 0)
		ITEM(M_LIST_F_OPEN, T(r, x->open ? M_LIST_OPEN_YES : M_LIST_OPEN_NO));
	if (x->responsible && responsible_name)
		ITEM(M_LIST_F_RESPONSIBLE, responsible_name);
	char t[DAY_TEXT_LEN];
	if (x->due_from != DAY_NONE) {
		day_format(x->due_from, t);
		ITEM(M_LIST_F_DUE_FROM, t);
	}
	if (x->due_to != DAY_NONE) {
		day_format(x->due_to, t);
		ITEM(M_LIST_F_DUE_TO, t);
	}
	if (x->found_from != DAY_NONE) {
		day_format(x->found_from, t);
		ITEM(M_LIST_F_FOUND_FROM, t);
	}
	if (x->found_to != DAY_NONE) {
		day_format(x->found_to, t);
		ITEM(M_LIST_F_FOUND_TO, t);
	}
	if (x->closure >= 0)
		ITEM(M_LIST_F_CLOSURE, code_text(r, &T_CLOSURE, x->closure));
	if (x->case_type >= 0)
		ITEM(M_LIST_F_CASE_TYPE, code_text(r, &T_CASE_TYPE, x->case_type));
	if (x->q)
		ITEM(M_LIST_F_Q, x->q);
	ITEM(M_LIST_F_SORT, T(r, sorts[x->sort].label));
#undef ITEM
	H(&p->b, "</p>");
}

static void items_table(struct page *p, const struct item_array *items, struct list_names *names)
{
	struct req *r = p->r;
	int today = day_today();
	H(&p->b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>"
		 "<th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_LIST_COL_NO));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_LIST_COL_TITLE));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_LIST_COL_UNIT));
	H(&p->b, "</th><th scope=\"col\" class=\"hide-sm\">");
	h_text(&p->b, T(r, M_LIST_COL_PERSON));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_LIST_COL_DUE));
	H(&p->b, "</th><th scope=\"col\">");
	h_text(&p->b, T(r, M_LIST_COL_STATUS));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < items->n; i++) {
		const struct item *it = &items->v[i];
		bool late = item_is_overdue(it, today);
		H(&p->b, "<tr><td class=\"hide-sm nowrap\">");
		h_text(&p->b, it->ext_id);
		H(&p->b, "</td><td>");
		item_link(p, it);
		H(&p->b, "<div class=\"meta muted\">");
		h_text(&p->b, code_text(r, &T_MODE, it->mode));
		if (it->level >= 0) {
			H(&p->b, " · ");
			h_text(&p->b, code_text(r, &T_LEVEL, it->level));
		}
		H(&p->b, "</div></td><td class=\"hide-sm\">");
		h_text(&p->b, list_unit_name(r, names, it->unit_id));
		H(&p->b, "</td><td class=\"hide-sm\">");
		const char *who = list_person_name(r, names, it->responsible_id);
		if (who) {
			h_text(&p->b, who);
		} else {
			H(&p->b, "<span class=\"muted\">");
			h_text(&p->b, T(r, M_LIST_UNASSIGNED));
			H(&p->b, "</span>");
		}
		H(&p->b, "</td><td class=\"nowrap");
		if (late)
			H(&p->b, " late");
		H(&p->b, "\">");
		h_day(&p->b, it->due_on);
		H(&p->b, "</td><td>");
		status_badge(p, it->status, late);
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div>");
}

/* The search text without surrounding blanks (ASCII and U+3000), or NULL. */
static char *trim_search(const char *q)
{
	if (!q)
		return NULL;
	const char *s = q, *end = q + strlen(q);
	for (;;) {
		if (s < end && (*s == ' ' || *s == '\t'))
			s++;
		else if (end - s >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	for (;;) {
		if (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if (end - s >= 3 && memcmp(end - 3, "\xE3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	return end > s ? xstrndup(s, (size_t)(end - s)) : NULL;
}

bool items_q_parse(struct req *r, struct items_q *x, struct in_field *extra,
		   const enum msg_id *extra_labels, enum MHD_Result *res)
{
	*x = (struct items_q){.kind = -1, .status = -1, .mode = -1, .level = -1, .source = -1,
			      .due_from = DAY_NONE, .due_to = DAY_NONE, .found_from = DAY_NONE,
			      .found_to = DAY_NONE, .closure = -1, .case_type = -1};
	bool overdue = false, open = false;
	const char *q = NULL, *sort = NULL;
	struct in_field in[] = {
		{"unit", IN_INT, false, true, NULL, &x->unit, false, false},
		{"kind", IN_CODE, false, true, &T_ITEM_KIND, &x->kind, false, false},
		{"status", IN_CODE, false, true, &T_STATUS, &x->status, false, false},
		{"mode", IN_CODE, false, true, &T_MODE, &x->mode, false, false},
		{"level", IN_CODE, false, true, &T_LEVEL, &x->level, false, false},
		{"source", IN_CODE, false, true, &T_SOURCE, &x->source, false, false},
		{"overdue", IN_BOOL, false, true, NULL, &overdue, false, false},
		{"open", IN_BOOL, false, true, NULL, &open, false, false},
		{"responsible", IN_INT, false, true, NULL, &x->responsible, false, false},
		{"due_from", IN_DAY, false, true, NULL, &x->due_from, false, false},
		{"due_to", IN_DAY, false, true, NULL, &x->due_to, false, false},
		{"q", IN_STRING, false, true, NULL, &q, false, false},
		{"sort", IN_STRING, false, true, NULL, &sort, false, false},
		{"offset", IN_INT, false, true, NULL, &x->offset, false, false},
		{"found_from", IN_DAY, false, true, NULL, &x->found_from, false, false},
		{"found_to", IN_DAY, false, true, NULL, &x->found_to, false, false},
		{"closure", IN_CODE, false, true, &T_CLOSURE, &x->closure, false, false},
		{"case_type", IN_CODE, false, true, &T_CASE_TYPE, &x->case_type, false, false},
		IN_END,
	};
	static const enum msg_id labels[] = {
		M_LIST_F_UNIT, M_LIST_F_KIND, M_LIST_F_STATUS, M_LIST_F_MODE, M_LIST_F_LEVEL,
		M_LIST_F_SOURCE, M_LIST_F_OVERDUE, M_LIST_F_OPEN, M_LIST_F_RESPONSIBLE,
		M_LIST_F_DUE_FROM, M_LIST_F_DUE_TO, M_LIST_F_Q, M_LIST_F_SORT, M_LIST_F_OFFSET,
		M_LIST_F_FOUND_FROM, M_LIST_F_FOUND_TO, M_LIST_F_CLOSURE, M_LIST_F_CASE_TYPE};
	if (!list_query(r, in, labels, extra, extra_labels, res))
		return false;
	x->overdue = list_tri(&in[6], overdue);
	x->open = list_tri(&in[7], open);
	if (sort) {
		x->sort = -1;
		for (int i = 0; i < N_SORTS; i++)
			if (strcmp(sort, sorts[i].name) == 0)
				x->sort = i;
		if (x->sort < 0) {
			x->sort = 0;
			*res = list_bad_param(r, "sort", M_LIST_F_SORT, M_LIST_ERR_CODE);
			return false;
		}
	}
	if (x->offset > LIST_OFFSET_MAX)
		*res = list_bad_param(r, "offset", M_LIST_F_OFFSET, M_LIST_ERR_OFFSET);
	else if (x->due_from != DAY_NONE && x->due_to != DAY_NONE && x->due_to < x->due_from)
		*res = list_bad_param(r, "due_to", M_LIST_F_DUE_TO, M_LIST_ERR_RANGE);
	else if (x->found_from != DAY_NONE && x->found_to != DAY_NONE &&
		 x->found_to < x->found_from)
		*res = list_bad_param(r, "found_to", M_LIST_F_FOUND_TO, M_LIST_ERR_RANGE);
	else if (q && strlen(q) > 200)
		*res = list_bad_param(r, "q", M_LIST_F_Q, M_LIST_ERR_LONG);
	else {
		x->q = trim_search(q);
		return true;
	}
	return false;
}

void items_q_filter(const struct items_q *x, struct item_filter *f)
{
	f->kind = x->kind;
	f->status = x->status;
	f->mode = x->mode;
	f->level = x->level;
	f->source = x->source;
	f->open_only = x->open == 1;
	f->closed_only = x->open == 0;
	f->overdue = x->overdue == 1;
	f->not_overdue = x->overdue == 0;
	f->due_from = x->due_from;
	f->due_to = x->due_to;
	f->by_found = x->found_from != DAY_NONE || x->found_to != DAY_NONE;
	f->found_from = x->found_from;
	f->found_to = x->found_to;
	f->closure = x->closure >= 0 ? code_str(&T_CLOSURE, x->closure) : NULL;
	f->case_type = x->case_type >= 0 ? code_str(&T_CASE_TYPE, x->case_type) : NULL;
	f->responsible_id = x->responsible;
	f->text = x->q;
	f->sort = sorts[x->sort].v;
}

void items_q_free(struct items_q *x)
{
	free(x->q);
	x->q = NULL;
}

enum MHD_Result web_items(struct req *r)
{
	struct items_q x;
	enum MHD_Result res;
	if (!items_q_parse(r, &x, NULL, NULL, &res))
		return res;
	struct qd_error e = {0};
	struct unit u = {0};
	if (!list_scope(r, x.unit, &u, &e)) {
		items_q_free(&x);
		return reply_error(r, &e);
	}
	struct item_filter f = {.limit = LIST_PAGE, .offset = (int)x.offset};
	items_q_filter(&x, &f);
	struct item_array items = {0};
	bool more = false;
	if (app_item_list(r->app, &r->actor, u.id, &f, &items, &more, &e) != QD_OK) {
		item_array_free(&items);
		unit_clear(&u);
		items_q_free(&x);
		return reply_error(r, &e);
	}

	struct list_names *names = list_names_new();
	const char *responsible_name = list_person_name(r, names, x.responsible);
	struct page p = {0};
	page_begin(&p, r, T(r, M_LIST_TITLE), "items");
	H(&p.b, "<h1>");
	h_text(&p.b, u.name);
	H(&p.b, " · ");
	h_text(&p.b, T(r, M_LIST_TITLE));
	H(&p.b, "</h1>");
	filter_form(&p, &x, &u, responsible_name);
	print_summary(&p, &x, responsible_name);
	struct buf query = BUF_INIT;
	items_query(&x, u.id, &query, NULL);
	list_file_links(&p, "/items", buf_str(&query),
			actor_can(&r->actor, PA_ITEM_CREATE, u.path) ? u.id : 0);
	list_range(&p, "/items", buf_str(&query), x.offset, items.n, more);
	if (items.n)
		items_table(&p, &items, names);
	if (items.n)
		pager(&p, "/items", buf_str(&query), x.offset, LIST_PAGE, more);
	buf_free(&query);
	list_names_free(names);
	item_array_free(&items);
	unit_clear(&u);
	items_q_free(&x);
	return page_end(&p, 200);
}
