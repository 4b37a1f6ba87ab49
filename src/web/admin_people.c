/* admin_people.c: GET/POST /admin/people, POST /admin/accounts,
 * POST /admin/grants, POST /admin/grants/:id/delete - the people of a unit
 * subtree (?unit=ID), its accounts with their grants (role @ unit, each
 * with a remove button), and the forms to add a person, create an account
 * for a person and grant a role over a unit subtree.
 *
 * Writes go through app_* (which checks PA_ACCOUNT_ADMIN over the unit).
 * The list of accounts and their grants is read from the store directly
 * (account_list, grant_list): the app has no use case for it yet, and this
 * page shows it only where the actor administers accounts. Passwords are
 * never written back into a form. */
#include "web.h"
#include "../domain/perm.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shared admin helpers (admin_units.c). */
#include "admin.h"

#define PAGE_PERSONS 50    /* persons per page of the table */
#define PICK_PERSONS 1000  /* persons offered in the account form */
#define PFORM_MAX 6

/* A refused form to show again: which one, its values and its errors. */
struct pform {
	const char *which;           /* "person", "account", "grant", "grant_del" */
	int nval, nerr;
	const char *key[PFORM_MAX], *val[PFORM_MAX];
	const char *err_field[PFORM_MAX], *err_msg[PFORM_MAX];
	const char *notice;          /* a reason not shown beside a field */
	struct buf tmp;
};

static void pf_set(struct pform *f, const char *key, const char *val)
{
	if (f->nval < PFORM_MAX) {
		f->key[f->nval] = key;
		f->val[f->nval] = val;
		f->nval++;
	}
}

static void pf_err(struct pform *f, const char *field, const char *msg)
{
	if (f->nerr < PFORM_MAX) {
		f->err_field[f->nerr] = field;
		f->err_msg[f->nerr] = msg;
		f->nerr++;
	}
}

static bool pf_is(const struct pform *f, const char *which)
{
	return f && strcmp(f->which, which) == 0;
}

static const char *pf_val(const struct pform *f, const char *which, const char *key)
{
	if (!pf_is(f, which))
		return NULL;
	for (int i = 0; i < f->nval; i++)
		if (strcmp(f->key[i], key) == 0)
			return f->val[i];
	return NULL;
}

static const char *pf_error(const struct pform *f, const char *which, const char *field)
{
	if (!pf_is(f, which))
		return NULL;
	for (int i = 0; i < f->nerr; i++)
		if (strcmp(f->err_field[i], field) == 0)
			return f->err_msg[i];
	return NULL;
}

/* An app error beside its field when the form has one, else above it. */
static void pf_app_err(struct req *r, struct pform *f, const struct qd_error *e,
		       const char *const *fields)
{
	const char *msg = admin_err_text(r, e, &f->tmp);
	for (int i = 0; fields && fields[i]; i++)
		if (strcmp(e->field, fields[i]) == 0) {
			pf_err(f, fields[i], msg);
			return;
		}
	f->notice = msg;
}

static void pf_problems(struct page *p, const struct pform *f, const char *which)
{
	if (!pf_is(f, which))
		return;
	if (f->notice)
		admin_notice(p, f->notice);
	else if (f->nerr)
		admin_notice(p, NULL);
}

static bool saved_is(struct req *r, const char *which)
{
	const char *s = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "saved");
	return s && strcmp(s, which) == 0;
}

/* --- lookups for the tables ---------------------------------------------- */

static int unit_by_id(const void *a, const void *b)
{
	int64_t x = ((const struct unit *)a)->id, y = ((const struct unit *)b)->id;
	return (x > y) - (x < y);
}

static int person_by_id(const void *a, const void *b)
{
	int64_t x = ((const struct person *)a)->id, y = ((const struct person *)b)->id;
	return (x > y) - (x < y);
}

struct names {
	struct unit_array units;     /* the scope's subtree, by id */
	struct unit_array extra;     /* units outside it met on the way */
	struct person_array persons; /* PICK_PERSONS of the scope, by id */
	struct person_array pextra;
};

static const struct unit *unit_named(struct req *r, struct names *n, int64_t id)
{
	struct unit key = {.id = id};
	const struct unit *u = n->units.n ? bsearch(&key, n->units.v, (size_t)n->units.n,
						    sizeof key, unit_by_id) : NULL;
	if (u)
		return u;
	for (int i = 0; i < n->extra.n; i++)
		if (n->extra.v[i].id == id)
			return &n->extra.v[i];
	/* A grant may name a unit outside the page's scope: its name is read
	 * from the store (the grant itself is the actor's to see). */
	struct unit *x = unit_array_push(&n->extra);
	if (r->app->st->ops->unit_get(r->app->st, id, x) != QD_OK) {
		n->extra.n--;
		unit_clear(x);
		return NULL;
	}
	return x;
}

static const struct person *person_named(struct req *r, struct names *n, int64_t id)
{
	struct person key = {.id = id};
	const struct person *p = n->persons.n
		? bsearch(&key, n->persons.v, (size_t)n->persons.n, sizeof key, person_by_id)
		: NULL;
	if (p)
		return p;
	for (int i = 0; i < n->pextra.n; i++)
		if (n->pextra.v[i].id == id)
			return &n->pextra.v[i];
	struct person *x = person_array_push(&n->pextra);
	struct qd_error e = {0};
	if (app_person_get(r->app, &r->actor, id, x, &e) != QD_OK) {
		n->pextra.n--;
		person_clear(x);
		return NULL;
	}
	return x;
}

static void names_free(struct names *n)
{
	unit_array_free(&n->units);
	unit_array_free(&n->extra);
	person_array_free(&n->persons);
	person_array_free(&n->pextra);
}

static void hidden_unit(struct page *p, int64_t unit)
{
	H(&p->b, "<input type=\"hidden\" name=\"unit\" value=\"");
	h_int(&p->b, unit);
	H(&p->b, "\">");
}

static void details_open(struct page *p, const char *id, enum msg_id summary, bool open)
{
	H(&p->b, "<details class=\"panel\" id=\"");
	h_attr(&p->b, id);
	H(&p->b, "\"");
	if (open)
		H(&p->b, " open");
	H(&p->b, "><summary>");
	h_text(&p->b, T(p->r, summary));
	H(&p->b, "</summary>");
}

static void submit(struct page *p, enum msg_id label)
{
	H(&p->b, "</div><button type=\"submit\">");
	h_text(&p->b, T(p->r, label));
	H(&p->b, "</button>");
}

/* --- the forms ----------------------------------------------------------- */

static void person_form(struct page *p, int64_t unit, const struct unit_array *opts,
			const struct pform *f)
{
	struct req *r = p->r;
	const char *W = "person";
	details_open(p, "person", M_ADM_ADD_PERSON, pf_is(f, W) || saved_is(r, W));
	admin_saved(p, W);
	pf_problems(p, f, W);
	form_begin(p, "/admin/people#person");
	hidden_unit(p, unit);
	H(&p->b, "<div class=\"form-grid\">");
	const char *uv = pf_val(f, W, "unit_id");
	admin_unit_select(p, W, "unit_id", T(r, M_UNIT), opts, uv ? admin_parse_id(uv) : unit,
			  T(r, M_ADM_PICK), pf_error(f, W, "unit_id"));
	admin_input(p, W, "name", T(r, M_ADM_PERSON_NAME), pf_val(f, W, "name"),
		    pf_error(f, W, "name"), true, false);
	admin_input(p, W, "title", T(r, M_ADM_PERSON_TITLE), pf_val(f, W, "title"),
		    pf_error(f, W, "title"), false, false);
	submit(p, M_ADM_ADD_PERSON);
	form_end(p);
	H(&p->b, "</details>");
}

static const char *const lang_values[] = {"", "zh", "en"};

static bool has_account(const struct account_array *accs, int64_t person_id)
{
	for (int i = 0; i < accs->n; i++)
		if (accs->v[i].person_id == person_id)
			return true;
	return false;
}

static void account_form(struct page *p, int64_t unit, struct names *n,
			 const struct account_array *accs, const struct pform *f)
{
	struct req *r = p->r;
	const char *W = "account";
	details_open(p, "account", M_ADM_ADD_ACCOUNT, pf_is(f, W) || saved_is(r, W));
	admin_saved(p, W);
	pf_problems(p, f, W);
	int64_t chosen = admin_parse_id(pf_val(f, W, "person_id"));
	int free_n = 0;
	for (int i = 0; i < n->persons.n; i++)
		free_n += n->persons.v[i].active && !has_account(accs, n->persons.v[i].id);
	if (!free_n && chosen <= 0) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(r, M_ADM_ALL_HAVE_ACCOUNTS));
		H(&p->b, "</p></details>");
		return;
	}
	form_begin(p, "/admin/accounts#account");
	hidden_unit(p, unit);
	H(&p->b, "<div class=\"form-grid\">");
	const char *err = pf_error(f, W, "person_id");
	admin_select_open(p, W, "person_id", T(r, M_ADM_PERSON), err, true);
	H(&p->b, "<option value=\"\">");
	h_text(&p->b, T(r, M_ADM_PICK));
	H(&p->b, "</option>");
	for (int i = 0; i < n->persons.n; i++) {
		const struct person *ps = &n->persons.v[i];
		if (ps->id != chosen && (!ps->active || has_account(accs, ps->id)))
			continue;
		H(&p->b, "<option value=\"");
		h_int(&p->b, ps->id);
		H(&p->b, "\"");
		if (ps->id == chosen)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, ps->name);
		if (ps->title && *ps->title) {
			H(&p->b, " · ");
			h_text(&p->b, ps->title);
		}
		const struct unit *u = unit_named(r, n, ps->unit_id);
		if (u) {
			H(&p->b, "（");
			h_text(&p->b, u->name);
			H(&p->b, "）");
		}
		H(&p->b, "</option>");
	}
	admin_select_close(p, W, "person_id", err);
	admin_input(p, W, "login", T(r, M_ADM_LOGIN), pf_val(f, W, "login"),
		    pf_error(f, W, "login"), true, false);
	/* The password: never echoed, also not after a refusal. */
	admin_input(p, W, "password", T(r, M_ADM_PASSWORD), NULL, pf_error(f, W, "password"), true,
		    true);
	const char *labels[] = {T(r, M_ADM_LANG_DEFAULT), T(r, M_ADM_LANG_ZH), T(r, M_ADM_LANG_EN)};
	admin_select(p, W, "lang", T(r, M_ADM_LANG), lang_values, labels, 3, pf_val(f, W, "lang"),
		     pf_error(f, W, "lang"));
	submit(p, M_ADM_ADD_ACCOUNT_BTN);
	form_end(p);
	H(&p->b, "</details>");
}

static void grant_form(struct page *p, int64_t unit, struct names *n,
		       const struct account_array *accs, const struct unit_array *opts,
		       const struct pform *f)
{
	struct req *r = p->r;
	const char *W = "grant";
	details_open(p, "grant", M_ADM_ADD_GRANT, pf_is(f, W) || saved_is(r, W));
	admin_saved(p, W);
	pf_problems(p, f, W);
	if (!accs->n) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(r, M_ADM_NO_ACCOUNTS));
		H(&p->b, "</p></details>");
		return;
	}
	form_begin(p, "/admin/grants#grant");
	hidden_unit(p, unit);
	H(&p->b, "<div class=\"form-grid\">");
	int64_t chosen = admin_parse_id(pf_val(f, W, "account_id"));
	const char *err = pf_error(f, W, "account_id");
	admin_select_open(p, W, "account_id", T(r, M_ADM_ACCOUNT), err, true);
	H(&p->b, "<option value=\"\">");
	h_text(&p->b, T(r, M_ADM_PICK));
	H(&p->b, "</option>");
	for (int i = 0; i < accs->n; i++) {
		const struct account *a = &accs->v[i];
		H(&p->b, "<option value=\"");
		h_int(&p->b, a->id);
		H(&p->b, "\"");
		if (a->id == chosen)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, a->login);
		const struct person *ps = person_named(r, n, a->person_id);
		if (ps) {
			H(&p->b, "（");
			h_text(&p->b, ps->name);
			H(&p->b, "）");
		}
		H(&p->b, "</option>");
	}
	admin_select_close(p, W, "account_id", err);
	const char *uv = pf_val(f, W, "unit_id");
	admin_unit_select(p, W, "unit_id", T(r, M_ADM_GRANT_UNIT), opts,
			  uv ? admin_parse_id(uv) : unit, T(r, M_ADM_PICK),
			  pf_error(f, W, "unit_id"));
	admin_code_select(p, W, "role", T(r, M_ADM_ROLE), &T_ROLE, pf_val(f, W, "role"),
			  T(r, M_ADM_PICK), pf_error(f, W, "role"));
	submit(p, M_ADM_ADD_GRANT_BTN);
	form_end(p);
	H(&p->b, "</details>");
}

/* --- the tables ---------------------------------------------------------- */

static void persons_table(struct page *p, int64_t unit, int64_t offset, struct names *n,
			  const struct account_array *accs)
{
	struct req *r = p->r;
	struct person_array ps = {0};
	struct qd_error e = {0};
	H(&p->b, "<h2 id=\"persons\">");
	h_text(&p->b, T(r, M_ADM_PERSONS));
	H(&p->b, "</h2>");
	if (app_person_list(r->app, &r->actor, unit, PAGE_PERSONS + 1, (int)offset, &ps, &e) !=
	    QD_OK) {
		struct buf tmp = BUF_INIT;
		H(&p->b, "<p class=\"notice\">");
		h_text(&p->b, admin_err_text(r, &e, &tmp));
		H(&p->b, "</p>");
		buf_free(&tmp);
		return;
	}
	bool more = ps.n > PAGE_PERSONS;
	if (more)
		ps.n = PAGE_PERSONS, person_clear(&ps.v[PAGE_PERSONS]);
	if (!ps.n && offset == 0) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(r, M_ADM_NO_PERSONS));
		H(&p->b, "</p>");
		person_array_free(&ps);
		return;
	}
	H(&p->b, "<div class=\"table-wrap\"><table><thead><tr><th>");
	h_text(&p->b, T(r, M_ADM_PERSON_NAME));
	H(&p->b, "</th><th class=\"hide-sm\">");
	h_text(&p->b, T(r, M_ADM_COL_TITLE));
	H(&p->b, "</th><th>");
	h_text(&p->b, T(r, M_UNIT));
	H(&p->b, "</th><th>");
	h_text(&p->b, T(r, M_ADM_LOGIN));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < ps.n; i++) {
		const struct person *x = &ps.v[i];
		H(&p->b, "<tr><td class=\"adm-nw\">");
		h_text(&p->b, x->name);
		if (!x->active) {
			H(&p->b, " <span class=\"badge off\">");
			h_text(&p->b, T(r, M_ADM_INACTIVE));
			H(&p->b, "</span>");
		}
		H(&p->b, "</td><td class=\"hide-sm\">");
		h_text(&p->b, x->title ? x->title : "");
		H(&p->b, "</td><td>");
		const struct unit *u = unit_named(r, n, x->unit_id);
		h_text(&p->b, u ? u->name : "");
		H(&p->b, "</td><td>");
		for (int k = 0; k < accs->n; k++)
			if (accs->v[k].person_id == x->id)
				h_text(&p->b, accs->v[k].login);
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div>");
	char q[40];
	snprintf(q, sizeof q, "unit=%lld", (long long)unit);
	pager(p, "/admin/people", q, offset, PAGE_PERSONS, more);
	person_array_free(&ps);
}

static const char *lang_label(struct req *r, const char *lang)
{
	if (strcmp(lang, "zh") == 0)
		return T(r, M_ADM_LANG_ZH);
	if (strcmp(lang, "en") == 0)
		return T(r, M_ADM_LANG_EN);
	return T(r, M_ADM_LANG_DEFAULT);
}

static void grants_cell(struct page *p, int64_t unit, struct names *n, const struct account *a)
{
	struct req *r = p->r;
	struct grant_array gs = {0};
	if (r->app->st->ops->grant_list(r->app->st, a->id, &gs) != QD_OK || !gs.n) {
		H(&p->b, "<span class=\"muted\">");
		h_text(&p->b, T(r, M_ADM_NO_GRANTS));
		H(&p->b, "</span>");
		grant_array_free(&gs);
		return;
	}
	H(&p->b, "<ul class=\"grants\">");
	for (int i = 0; i < gs.n; i++) {
		const struct grant *g = &gs.v[i];
		const struct unit *u = unit_named(r, n, g->unit_id);
		H(&p->b, "<li><span><span class=\"badge role\">");
		h_text(&p->b, code_text(r, &T_ROLE, g->role));
		H(&p->b, "</span> @ ");
		h_text(&p->b, u ? u->name : "?");
		H(&p->b, "</span>");
		if (a->id == r->actor.account_id && g->role == ROLE_ADMIN) {
			/* One click would lock the actor out of these pages. */
			H(&p->b, " <span class=\"muted\">");
			h_text(&p->b, T(r, M_ADM_OWN_ADMIN));
			H(&p->b, "</span>");
		} else if (actor_can(&r->actor, PA_ACCOUNT_ADMIN, g->unit_path)) {
			H(&p->b, "<form method=\"post\" action=\"/admin/grants/");
			h_int(&p->b, g->id);
			H(&p->b, "/delete#accounts\"><input type=\"hidden\" name=\"_csrf\" value=\"");
			h_attr(&p->b, r->csrf);
			H(&p->b, "\">");
			hidden_unit(p, unit);
			H(&p->b, "<button type=\"submit\" class=\"small secondary\" aria-label=\"");
			h_attr(&p->b, T(r, M_ADM_REMOVE_GRANT));
			H(&p->b, ": ");
			h_attr(&p->b, a->login);
			H(&p->b, " ");
			h_attr(&p->b, code_text(r, &T_ROLE, g->role));
			H(&p->b, " @ ");
			h_attr(&p->b, u ? u->name : "?");
			H(&p->b, "\">");
			h_text(&p->b, T(r, M_ADM_REMOVE));
			H(&p->b, "</button></form>");
		} else {
			H(&p->b, " <span class=\"muted\">");
			h_text(&p->b, T(r, M_ADM_OUTSIDE));
			H(&p->b, "</span>");
		}
		H(&p->b, "</li>");
	}
	H(&p->b, "</ul>");
	grant_array_free(&gs);
}

static void accounts_table(struct page *p, int64_t unit, struct names *n,
			   const struct account_array *accs, const struct pform *f)
{
	struct req *r = p->r;
	H(&p->b, "<section id=\"accounts\" aria-labelledby=\"accounts-h\"><h2 id=\"accounts-h\">");
	h_text(&p->b, T(r, M_ADM_ACCOUNTS));
	H(&p->b, "</h2>");
	admin_saved(p, "grant_del");
	pf_problems(p, f, "grant_del");
	if (!accs->n) {
		H(&p->b, "<p class=\"muted\">");
		h_text(&p->b, T(r, M_ADM_NO_ACCOUNTS));
		H(&p->b, "</p></section>");
		return;
	}
	H(&p->b, "<div class=\"table-wrap\"><table><thead><tr><th>");
	h_text(&p->b, T(r, M_ADM_LOGIN));
	H(&p->b, "</th><th>");
	h_text(&p->b, T(r, M_ADM_PERSON));
	H(&p->b, "</th><th class=\"hide-sm\">");
	h_text(&p->b, T(r, M_ADM_LANG));
	H(&p->b, "</th><th class=\"hide-sm\">");
	h_text(&p->b, T(r, M_ADM_STATUS));
	H(&p->b, "</th><th>");
	h_text(&p->b, T(r, M_ADM_GRANTS));
	H(&p->b, "</th></tr></thead><tbody>");
	for (int i = 0; i < accs->n; i++) {
		const struct account *a = &accs->v[i];
		H(&p->b, "<tr><td>");
		h_text(&p->b, a->login);
		H(&p->b, "</td><td class=\"adm-nw\">");
		const struct person *ps = person_named(r, n, a->person_id);
		h_text(&p->b, ps ? ps->name : "");
		if (ps && ps->title && *ps->title) {
			H(&p->b, "<div class=\"muted hide-sm\">");
			h_text(&p->b, ps->title);
			H(&p->b, "</div>");
		}
		H(&p->b, "</td><td class=\"hide-sm\">");
		h_text(&p->b, lang_label(r, a->lang));
		H(&p->b, "</td><td class=\"hide-sm\">");
		if (a->active) {
			h_text(&p->b, T(r, M_ADM_ACTIVE));
		} else {
			H(&p->b, "<span class=\"badge off\">");
			h_text(&p->b, T(r, M_ADM_INACTIVE));
			H(&p->b, "</span>");
		}
		H(&p->b, "</td><td>");
		grants_cell(p, unit, n, a);
		H(&p->b, "</td></tr>");
	}
	H(&p->b, "</tbody></table></div></section>");
}

/* --- the page ------------------------------------------------------------ */

/* unit: the scope (0: the highest unit the actor administers); f: a
 * refused form to show again, or NULL. */
static enum MHD_Result people_page(struct req *r, int64_t unit, int64_t offset,
				   const struct pform *f, unsigned status)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_PEOPLE, "people");
	struct qd_error e = {0};
	struct unit_array opts = {0};
	admin_pick_units(r, PA_ACCOUNT_ADMIN, &opts);
	if (unit <= 0 && opts.n)
		unit = opts.v[0].id;
	struct unit scope = {0};
	if (unit <= 0 || app_unit_get(r->app, &r->actor, unit, &scope, &e) != QD_OK) {
		unit_array_free(&opts);
		if (unit <= 0)
			qd_fail(&e, QD_FORBIDDEN, "unit", NULL);
		return reply_error(r, &e);
	}
	struct page p = {0};
	admin_begin(&p, r, M_ADM_PEOPLE, "people");
	/* The scope chooser (a GET form: no token needed). */
	struct unit_array scopes = {0};
	for (int i = 0; i < opts.n; i++) {
		struct unit *s = unit_array_push(&scopes);
		*s = opts.v[i];
		s->name = xstrdup(opts.v[i].name);
		s->path = xstrdup(opts.v[i].path);
		s->code = NULL;
	}
	admin_pick_ensure(r, &scopes, unit);
	H(&p.b, "<form method=\"get\" action=\"/admin/people\" class=\"filters\">");
	admin_unit_select(&p, "scope", "unit", T(r, M_SCOPE), &scopes, unit, NULL, NULL);
	H(&p.b, "<div class=\"field\"><button type=\"submit\" class=\"secondary\">");
	h_text(&p.b, T(r, M_ADM_SHOW));
	H(&p.b, "</button></div></form>");
	unit_array_free(&scopes);

	if (!actor_can(&r->actor, PA_ACCOUNT_ADMIN, scope.path)) {
		if (f && (f->notice || f->nerr))
			admin_notice(&p, f->notice ? f->notice : f->err_msg[0]);
		H(&p.b, "<p class=\"notice\" role=\"alert\">");
		h_text(&p.b, T(r, M_ADM_NO_ACCOUNT_ADMIN));
		H(&p.b, "</p>");
		unit_array_free(&opts);
		unit_clear(&scope);
		return page_end(&p, status == 200 ? 403 : status);
	}
	struct names n = {0};
	if (app_unit_tree(r->app, &r->actor, unit, PATH_MAX_DEPTH, &n.units, &e) == QD_OK &&
	    n.units.n > 1)
		qsort(n.units.v, (size_t)n.units.n, sizeof *n.units.v, unit_by_id);
	if (app_person_list(r->app, &r->actor, unit, PICK_PERSONS, 0, &n.persons, &e) == QD_OK &&
	    n.persons.n > 1)
		qsort(n.persons.v, (size_t)n.persons.n, sizeof *n.persons.v, person_by_id);
	struct account_array accs = {0};
	r->app->st->ops->account_list(r->app->st, scope.path, &accs);

	/* Unit choices of the forms: where the actor administers accounts. */
	const char *uv = pf_val(f, "person", "unit_id");
	admin_pick_ensure(r, &opts, uv ? admin_parse_id(uv) : unit);
	uv = pf_val(f, "grant", "unit_id");
	if (uv)
		admin_pick_ensure(r, &opts, admin_parse_id(uv));
	person_form(&p, unit, &opts, f);
	account_form(&p, unit, &n, &accs, f);
	grant_form(&p, unit, &n, &accs, &opts, f);
	persons_table(&p, unit, offset, &n, &accs);
	accounts_table(&p, unit, &n, &accs, f);

	account_array_free(&accs);
	names_free(&n);
	unit_array_free(&opts);
	unit_clear(&scope);
	return page_end(&p, status);
}

enum MHD_Result web_admin_people(struct req *r)
{
	int64_t unit = admin_query_id(r, "unit"), offset = 0;
	if (unit < 0)
		return reply_fail(r, QD_BAD_PARAM, "unit", NULL);
	const char *o = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "offset");
	if (o && *o && strcmp(o, "0") != 0 && ((offset = admin_parse_id(o)) < 0 || offset > 1000000))
		return reply_fail(r, QD_BAD_PARAM, "offset", NULL);
	return people_page(r, unit, offset, NULL, 200);
}

/* After a form: the scope it came from (hidden field "unit"). */
static int64_t form_scope(struct req *r)
{
	int64_t u = admin_form_id(r, "unit");
	return u > 0 ? u : 0;
}

static enum MHD_Result done(struct req *r, const char *which, const char *frag)
{
	struct buf to = BUF_INIT;
	buf_puts(&to, "/admin/people?");
	int64_t u = form_scope(r);
	if (u > 0)
		buf_printf(&to, "unit=%lld&", (long long)u);
	buf_printf(&to, "saved=%s%s", which, frag ? frag : "");
	enum MHD_Result res = reply_redirect(r, buf_str(&to));
	buf_free(&to);
	return res;
}

static enum MHD_Result refused(struct req *r, struct pform *f, unsigned status)
{
	enum MHD_Result res = people_page(r, form_scope(r), 0, f, status);
	buf_free(&f->tmp);
	return res;
}

static const char *const person_fields[] = {"unit_id", "name", "title", NULL};

enum MHD_Result web_admin_person_add(struct req *r)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_PEOPLE, "people");
	char *name = admin_trim(form_get(r, "name")), *title = admin_trim(form_get(r, "title"));
	struct pform f = {.which = "person"};
	pf_set(&f, "unit_id", form_get(r, "unit_id"));
	pf_set(&f, "name", name);
	pf_set(&f, "title", title);
	int64_t unit_id = admin_form_id(r, "unit_id");
	if (unit_id <= 0)
		pf_err(&f, "unit_id", T(r, M_ADM_ERR_UNIT));
	if (!name || !*name)
		pf_err(&f, "name", T(r, M_ADM_ERR_NAME));
	enum MHD_Result res;
	if (f.nerr) {
		res = refused(r, &f, 400);
	} else {
		struct person ps = {.unit_id = unit_id, .name = xstrdup(name),
				    .title = xstrdup(title ? title : "")};
		struct qd_error e = {0};
		qd_err rc = app_person_add(r->app, &r->actor, &ps, &e);
		person_clear(&ps);
		if (rc != QD_OK) {
			pf_app_err(r, &f, &e, person_fields);
			res = refused(r, &f, (unsigned)qd_err_status(rc));
		} else {
			res = done(r, "person", NULL);
		}
	}
	free(name);
	free(title);
	return res;
}

static const char *const account_fields[] = {"person_id", "login", "password", "lang", NULL};

enum MHD_Result web_admin_account_add(struct req *r)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_PEOPLE, "people");
	char *login = admin_trim(form_get(r, "login"));
	const char *pw = form_get(r, "password"), *lang = form_get(r, "lang");
	struct pform f = {.which = "account"};
	pf_set(&f, "person_id", form_get(r, "person_id"));
	pf_set(&f, "login", login);
	pf_set(&f, "lang", lang);
	int64_t person_id = admin_form_id(r, "person_id");
	if (person_id <= 0)
		pf_err(&f, "person_id", T(r, M_ADM_ERR_PERSON));
	if (!login || !*login)
		pf_err(&f, "login", T(r, M_ADM_ERR_LOGIN));
	if (!pw || strlen(pw) < PASSWORD_MIN || strlen(pw) > 128)
		pf_err(&f, "password", T(r, M_ADM_ERR_PASSWORD));
	if (!lang || (*lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0))
		pf_err(&f, "lang", T(r, M_ADM_ERR_LANG));
	enum MHD_Result res;
	if (f.nerr) {
		res = refused(r, &f, 400);
	} else {
		struct account acc = {.person_id = person_id, .login = xstrdup(login)};
		snprintf(acc.lang, sizeof acc.lang, "%s", lang);
		struct qd_error e = {0};
		qd_err rc = app_account_add(r->app, &r->actor, &acc, pw, &e);
		account_clear(&acc);
		if (rc != QD_OK) {
			pf_app_err(r, &f, &e, account_fields);
			res = refused(r, &f, (unsigned)qd_err_status(rc));
		} else {
			res = done(r, "account", NULL);
		}
	}
	free(login);
	return res;
}

static const char *const grant_fields[] = {"account_id", "unit_id", "role", NULL};

enum MHD_Result web_admin_grant_add(struct req *r)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_PEOPLE, "people");
	struct pform f = {.which = "grant"};
	const char *role_s = form_get(r, "role");
	pf_set(&f, "account_id", form_get(r, "account_id"));
	pf_set(&f, "unit_id", form_get(r, "unit_id"));
	pf_set(&f, "role", role_s);
	int64_t account_id = admin_form_id(r, "account_id"), unit_id = admin_form_id(r, "unit_id");
	int role = role_s ? code_parse(&T_ROLE, role_s) : -1;
	if (account_id <= 0)
		pf_err(&f, "account_id", T(r, M_ADM_ERR_ACCOUNT));
	if (unit_id <= 0)
		pf_err(&f, "unit_id", T(r, M_ADM_ERR_UNIT));
	if (role < 0)
		pf_err(&f, "role", T(r, M_ADM_ERR_ROLE));
	if (f.nerr)
		return refused(r, &f, 400);
	struct grant g = {.account_id = account_id, .unit_id = unit_id, .role = role};
	struct qd_error e = {0};
	qd_err rc = app_grant_add(r->app, &r->actor, &g, &e);
	grant_clear(&g);
	if (rc != QD_OK) {
		pf_app_err(r, &f, &e, grant_fields);
		return refused(r, &f, (unsigned)qd_err_status(rc));
	}
	return done(r, "grant", NULL);
}

enum MHD_Result web_admin_grant_delete(struct req *r)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_PEOPLE, "people");
	struct qd_error e = {0};
	int64_t id;
	if (!arg_id(r, 0, &id, &e))
		return reply_error(r, &e);
	qd_err rc = app_grant_remove(r->app, &r->actor, id, &e);
	if (rc != QD_OK) {
		struct pform f = {.which = "grant_del"};
		f.notice = rc == QD_NOT_FOUND ? T(r, M_ADM_ERR_GRANT_GONE)
					      : admin_err_text(r, &e, &f.tmp);
		return refused(r, &f, (unsigned)qd_err_status(rc));
	}
	return done(r, "grant_del", "#accounts");
}
