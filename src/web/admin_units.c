/* admin_units.c: GET/POST /admin/units, POST /admin/units/:id - the unit
 * tree of the actor's scope, four levels at a time (?under=ID focuses a
 * subtree; deeper units are reached by "show sub-units" links), adding a
 * unit below a parent, and editing one: rename, change kind or code,
 * deactivate or reactivate, move under another parent. Every write goes
 * through app_*: the app checks PA_UNIT_ADMIN over the subtree and refuses
 * what the rules forbid; the page shows the refusal beside the field with
 * the input kept.
 *
 * Also the helpers the three admin pages share (admin.h). */
#include "web.h"
#include "../domain/perm.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

static void sub_link(struct page *p, const char *href, const char *key, const char *current,
		     enum msg_id label)
{
	H(&p->b, "<li><a href=\"");
	h_attr(&p->b, href);
	H(&p->b, "\"");
	if (current && strcmp(key, current) == 0)
		H(&p->b, " aria-current=\"page\"");
	H(&p->b, ">");
	h_text(&p->b, T(p->r, label));
	H(&p->b, "</a></li>");
}

/* The page frame of an admin page: heading and the admin sections. */
void admin_begin(struct page *p, struct req *r, enum msg_id title, const char *section)
{
	page_begin(p, r, T(r, title), "admin");
	H(&p->b, "<h1>");
	h_text(&p->b, T(r, title));
	H(&p->b, "</h1>");
	if (!actor_is_admin(&r->actor))
		return;
	H(&p->b, "<nav class=\"subnav\" aria-label=\"");
	h_attr(&p->b, T(r, M_ADM_SUBNAV));
	H(&p->b, "\"><ul>");
	sub_link(p, "/admin/units", "units", section, M_ADM_UNITS);
	sub_link(p, "/admin/people", "people", section, M_ADM_PEOPLE);
	sub_link(p, "/admin/categories", "categories", section, M_ADM_CATEGORIES);
	H(&p->b, "</ul></nav>");
}

/* What a non-admin sees: a message, no forms. */
enum MHD_Result admin_refuse(struct req *r, enum msg_id title, const char *section)
{
	struct page p = {0};
	admin_begin(&p, r, title, section);
	H(&p.b, "<p class=\"notice\" role=\"alert\">");
	h_text(&p.b, T(r, M_ADM_NOT_ADMIN));
	H(&p.b, "</p><p><a href=\"/\">");
	h_text(&p.b, T(r, M_BACK));
	H(&p.b, "</a></p>");
	return page_end(&p, 403);
}

/* A positive id in decimal: the id, 0 when s is absent or empty, -1 when
 * it is anything else. */
int64_t admin_parse_id(const char *s)
{
	if (!s || !*s)
		return 0;
	int64_t v = 0;
	for (const char *c = s; *c; c++) {
		if (*c < '0' || *c > '9' || c - s >= 18)
			return -1;
		v = v * 10 + (*c - '0');
	}
	return v > 0 ? v : -1;
}

int64_t admin_query_id(struct req *r, const char *name)
{
	return admin_parse_id(MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name));
}

int64_t admin_form_id(const struct req *r, const char *name)
{
	return admin_parse_id(form_get(r, name));
}

/* A copy of s without leading and trailing white space (NULL stays NULL). */
char *admin_trim(const char *s)
{
	if (!s)
		return NULL;
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

#define PICK_LEVELS 3   /* levels below each scope offered in unit selects */
#define PICK_MAX 2000   /* and at most this many units */

/* Tree order with siblings in id order ("/1/2/" before "/1/10/"). */
static int by_path(const void *a, const void *b)
{
	return path_compare(((const struct unit *)a)->path, ((const struct unit *)b)->path);
}

/* The active units of the actor's scopes on which it may do pa, in tree
 * order (for the unit selects of the forms). */
void admin_pick_units(struct req *r, enum perm_action pa, struct unit_array *out)
{
	struct unit_array roots = {0};
	struct qd_error e = {0};
	if (app_unit_roots(r->app, &r->actor, &roots, &e) == QD_OK) {
		for (int i = 0; i < roots.n && out->n < PICK_MAX; i++) {
			struct unit_array t = {0};
			if (app_unit_tree(r->app, &r->actor, roots.v[i].id, PICK_LEVELS, &t, &e) ==
			    QD_OK)
				for (int k = 0; k < t.n && out->n < PICK_MAX; k++)
					if (t.v[k].active && actor_can(&r->actor, pa, t.v[k].path)) {
						*unit_array_push(out) = t.v[k];
						memset(&t.v[k], 0, sizeof t.v[k]);
					}
			unit_array_free(&t);
		}
	}
	unit_array_free(&roots);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_path);
}

/* Make sure unit id is among the options (a preselected or current unit
 * deeper than the picker goes, or one the input named). */
void admin_pick_ensure(struct req *r, struct unit_array *opts, int64_t id)
{
	if (id <= 0)
		return;
	for (int i = 0; i < opts->n; i++)
		if (opts->v[i].id == id)
			return;
	struct unit u = {0};
	struct qd_error e = {0};
	if (app_unit_get(r->app, &r->actor, id, &u, &e) != QD_OK)
		return;
	*unit_array_push(opts) = u;
	qsort(opts->v, (size_t)opts->n, sizeof *opts->v, by_path);
}

/* Form fields. Several forms share a page, so ids are "f-<form>-<name>"
 * (their error messages "e-<form>-<name>"). */
static void fid(struct page *p, const char *pre, const char *form, const char *name)
{
	h_attr(&p->b, pre);
	h_attr(&p->b, form);
	H(&p->b, "-");
	h_attr(&p->b, name);
}

static void field_open(struct page *p, const char *form, const char *name, const char *label,
		       bool required)
{
	H(&p->b, "<div class=\"field\"><label for=\"");
	fid(p, "f-", form, name);
	H(&p->b, "\">");
	h_text(&p->b, label);
	if (required)
		H(&p->b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
	H(&p->b, "</label>");
}

static void field_attrs(struct page *p, const char *form, const char *name, const char *error,
			bool required)
{
	H(&p->b, " id=\"");
	fid(p, "f-", form, name);
	H(&p->b, "\" name=\"");
	h_attr(&p->b, name);
	H(&p->b, "\"");
	if (required)
		H(&p->b, " required");
	if (error) {
		H(&p->b, " aria-invalid=\"true\" aria-describedby=\"");
		fid(p, "e-", form, name);
		H(&p->b, "\"");
	}
}

static void field_end(struct page *p, const char *form, const char *name, const char *error)
{
	if (error) {
		H(&p->b, "<p class=\"error\" id=\"");
		fid(p, "e-", form, name);
		H(&p->b, "\">");
		h_text(&p->b, error);
		H(&p->b, "</p>");
	}
	H(&p->b, "</div>");
}

/* A text field; a password field is never given a value. */
void admin_input(struct page *p, const char *form, const char *name, const char *label,
		 const char *value, const char *error, bool required, bool password)
{
	field_open(p, form, name, label, required);
	if (password) {
		H(&p->b, "<input type=\"password\" autocomplete=\"new-password\"");
		field_attrs(p, form, name, error, required);
		H(&p->b, ">");
	} else {
		H(&p->b, "<input type=\"text\"");
		field_attrs(p, form, name, error, required);
		H(&p->b, " value=\"");
		h_attr(&p->b, value ? value : "");
		H(&p->b, "\">");
	}
	field_end(p, form, name, error);
}

void admin_date_input(struct page *p, const char *form, const char *name, const char *label,
		      const char *value, const char *error, bool required)
{
	field_open(p, form, name, label, required);
	H(&p->b, "<input type=\"date\"");
	field_attrs(p, form, name, error, required);
	H(&p->b, " value=\"");
	h_attr(&p->b, value ? value : "");
	H(&p->b, "\">");
	field_end(p, form, name, error);
}

void admin_textarea(struct page *p, const char *form, const char *name, const char *label,
		    const char *value, const char *error, bool required)
{
	field_open(p, form, name, label, required);
	H(&p->b, "<textarea rows=\"5\"");
	field_attrs(p, form, name, error, required);
	H(&p->b, ">");
	h_text(&p->b, value ? value : "");
	H(&p->b, "</textarea>");
	field_end(p, form, name, error);
}

void admin_select_open(struct page *p, const char *form, const char *name, const char *label,
		       const char *error, bool required)
{
	field_open(p, form, name, label, required);
	H(&p->b, "<select");
	field_attrs(p, form, name, error, required);
	H(&p->b, ">");
}

void admin_select_close(struct page *p, const char *form, const char *name, const char *error)
{
	H(&p->b, "</select>");
	field_end(p, form, name, error);
}

/* A select of units, indented by depth ("　" per level); with a
 * none_label first, choosing one is required. */
void admin_unit_select(struct page *p, const char *form, const char *name, const char *label,
		       const struct unit_array *opts, int64_t value, const char *none_label,
		       const char *error)
{
	int base = PATH_MAX_DEPTH;
	for (int i = 0; i < opts->n; i++)
		if (opts->v[i].depth < base)
			base = opts->v[i].depth;
	admin_select_open(p, form, name, label, error, none_label != NULL);
	if (none_label) {
		H(&p->b, "<option value=\"\">");
		h_text(&p->b, none_label);
		H(&p->b, "</option>");
	}
	for (int i = 0; i < opts->n; i++) {
		const struct unit *u = &opts->v[i];
		H(&p->b, "<option value=\"");
		h_int(&p->b, u->id);
		H(&p->b, "\"");
		if (u->id == value)
			H(&p->b, " selected");
		H(&p->b, ">");
		for (int d = base; d < u->depth && d < base + 12; d++)
			H(&p->b, "　");
		h_text(&p->b, u->name);
		H(&p->b, "（");
		h_text(&p->b, code_text(p->r, &T_UNIT_KIND, u->kind));
		if (!u->active) {
			H(&p->b, " · ");
			h_text(&p->b, T(p->r, M_ADM_INACTIVE));
		}
		H(&p->b, "）</option>");
	}
	admin_select_close(p, form, name, error);
}

/* A select of fixed choices. */
void admin_select(struct page *p, const char *form, const char *name, const char *label,
		  const char *const *values, const char *const *labels, int n, const char *value,
		  const char *error)
{
	admin_select_open(p, form, name, label, error, false);
	for (int i = 0; i < n; i++) {
		H(&p->b, "<option value=\"");
		h_attr(&p->b, values[i]);
		H(&p->b, "\"");
		if (value && strcmp(value, values[i]) == 0)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, labels[i]);
		H(&p->b, "</option>");
	}
	admin_select_close(p, form, name, error);
}

/* A select of a vocabulary (unit kinds, roles); none_label first. */
void admin_code_select(struct page *p, const char *form, const char *name, const char *label,
		       const struct code_table *t, const char *value, const char *none_label,
		       const char *error)
{
	admin_select_open(p, form, name, label, error, true);
	if (none_label) {
		H(&p->b, "<option value=\"\">");
		h_text(&p->b, none_label);
		H(&p->b, "</option>");
	}
	for (int i = 0; i < t->count; i++) {
		H(&p->b, "<option value=\"");
		h_attr(&p->b, t->defs[i].code);
		H(&p->b, "\"");
		if (value && strcmp(value, t->defs[i].code) == 0)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, code_text(p->r, t, i));
		H(&p->b, "</option>");
	}
	admin_select_close(p, form, name, error);
}

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* What an app error means to the person at the form, in the page's
 * language (the app's details are English words for API clients). tmp
 * holds a message with a number in it. */
const char *admin_err_text(struct req *r, const struct qd_error *e, struct buf *tmp)
{
	const char *f = e->field, *d = e->detail;
	long long n = 0;
	switch (e->code) {
	case QD_FORBIDDEN:
		if (strstr(d, "top-level"))
			return T(r, M_ADM_ERR_CAT_FORBIDDEN);
		return T(r, M_ADM_ERR_FORBIDDEN);
	case QD_INACTIVE:
		return T(r, M_ADM_ERR_INACTIVE);
	case QD_BAD_TREE:
		return T(r, strstr(d, "deep") ? M_ADM_ERR_TOO_DEEP : M_ADM_ERR_UNDER_ITSELF);
	case QD_CONFLICT:
		if (is(f, "active") && sscanf(d, "%lld", &n) == 1) {
			buf_reset(tmp);
			buf_printf(tmp, "%s%lld%s", T(r, M_ADM_ERR_DEACT), n,
				   T(r, strstr(d, "child") ? M_ADM_ERR_DEACT_UNITS
							   : M_ADM_ERR_DEACT_ITEMS));
			return buf_str(tmp);
		}
		if (is(f, "code"))
			return T(r, M_ADM_ERR_CODE_TAKEN);
		if (is(f, "login"))
			return T(r, M_ADM_ERR_LOGIN_TAKEN);
		if (strstr(d, "grant exists"))
			return T(r, M_ADM_ERR_GRANT_EXISTS);
		break;
	case QD_BAD_FIELD:
	case QD_MISSING_FIELD:
		if (strstr(d, "no such"))
			return T(r, M_ADM_ERR_NO_SUCH);
		if (is(f, "name"))
			return T(r, M_ADM_ERR_NAME);
		if (is(f, "title"))
			return T(r, M_ADM_ERR_TITLE);
		if (is(f, "kind"))
			return T(r, M_ADM_ERR_KIND);
		if (is(f, "code"))
			return T(r, strstr(d, "a-z") ? M_ADM_ERR_CAT_CODE : M_ADM_ERR_UNIT_CODE);
		if (is(f, "login"))
			return T(r, M_ADM_ERR_LOGIN);
		if (is(f, "password"))
			return T(r, M_ADM_ERR_PASSWORD);
		if (is(f, "lang"))
			return T(r, M_ADM_ERR_LANG);
		if (is(f, "role"))
			return T(r, M_ADM_ERR_ROLE);
		break;
	case QD_NOT_FOUND:
		return T(r, M_ADM_ERR_NO_SUCH);
	default:
		break;
	}
	return qd_err_message(e->code, r->lang);
}

/* The notice above a form that was refused: msg when the reason is not
 * shown beside a field, else the general "correct the marked fields". */
void admin_notice(struct page *p, const char *msg)
{
	H(&p->b, "<p class=\"notice\" role=\"alert\">");
	if (msg) {
		h_text(&p->b, msg);
		if (strcmp(p->r->lang, "en") == 0)
			H(&p->b, " ");
		h_text(&p->b, T(p->r, M_ADM_NOTHING_SAVED));
	} else {
		h_text(&p->b, T(p->r, M_FORM_ERRORS));
	}
	H(&p->b, "</p>");
}

/* "Saved." after the redirect of a successful form (?saved=which). */
void admin_saved(struct page *p, const char *which)
{
	const char *s = MHD_lookup_connection_value(p->r->conn, MHD_GET_ARGUMENT_KIND, "saved");
	if (!is(s, which))
		return;
	H(&p->b, "<p class=\"ok\" role=\"status\">");
	h_text(&p->b, T(p->r, M_ADM_SAVED));
	H(&p->b, "</p>");
}

/* --- the unit tree page -------------------------------------------------- */

#define TREE_LEVELS 3   /* levels shown below the focused unit (4 in all) */
#define FORM_ERR_MAX 6

/* The add or edit form: its values (posted or from the unit) and errors. */
struct unit_form {
	int64_t id;                     /* edit: the unit */
	const char *name, *kind, *code, *active;
	int64_t parent_id;
	int nerr;
	const char *err_field[FORM_ERR_MAX], *err_msg[FORM_ERR_MAX];
	const char *notice;             /* a reason not shown beside a field */
	struct buf tmp;
};

static void ferr(struct unit_form *f, const char *field, const char *msg)
{
	if (f->nerr < FORM_ERR_MAX) {
		f->err_field[f->nerr] = field;
		f->err_msg[f->nerr] = msg;
		f->nerr++;
	}
}

static const char *ferr_of(const struct unit_form *f, const char *field)
{
	for (int i = 0; f && i < f->nerr; i++)
		if (strcmp(f->err_field[i], field) == 0)
			return f->err_msg[i];
	return NULL;
}

/* Put an app error beside its field when the form has it, else above. */
static void app_err(struct req *r, struct unit_form *f, const struct qd_error *e,
		    const char *const *fields)
{
	const char *msg = admin_err_text(r, e, &f->tmp);
	for (int i = 0; fields[i]; i++)
		if (strcmp(e->field, fields[i]) == 0) {
			ferr(f, fields[i], msg);
			return;
		}
	f->notice = msg;
}

static void form_problems(struct page *p, const struct unit_form *f)
{
	if (f && f->notice)
		admin_notice(p, f->notice);
	else if (f && f->nerr)
		admin_notice(p, NULL);
}

/* href="/admin/units?under=U&key=ID#frag" (U left out when 0). */
static void units_href(struct page *p, int64_t under, const char *key, int64_t id,
		       const char *frag)
{
	H(&p->b, "/admin/units");
	const char *sep = "?";
	if (under > 0) {
		H(&p->b, "?under=");
		h_int(&p->b, under);
		sep = "&amp;";
	}
	if (key) {
		h_attr(&p->b, sep);
		h_attr(&p->b, key);
		H(&p->b, "=");
		h_int(&p->b, id);
	}
	if (frag)
		h_attr(&p->b, frag);
}

static void hidden_under(struct page *p, int64_t under)
{
	if (under <= 0)
		return;
	H(&p->b, "<input type=\"hidden\" name=\"under\" value=\"");
	h_int(&p->b, under);
	H(&p->b, "\">");
}

/* One unit of the tree: name, kind, code, status and what may be done. */
static void tree_row(struct page *p, const struct unit *u, bool is_focus, bool has_kids,
		     int hidden_kids, int64_t under)
{
	struct req *r = p->r;
	bool admin = actor_can(&r->actor, PA_UNIT_ADMIN, u->path);
	H(&p->b, "<div class=\"u-row");
	if (!u->active)
		H(&p->b, " u-off");
	H(&p->b, "\"><span class=\"u-name\">");
	if (has_kids && !is_focus) {
		H(&p->b, "<a href=\"");
		units_href(p, u->id, NULL, 0, NULL);
		H(&p->b, "\">");
		h_text(&p->b, u->name);
		H(&p->b, "</a>");
	} else if (is_focus) {
		H(&p->b, "<strong>");
		h_text(&p->b, u->name);
		H(&p->b, "</strong>");
	} else {
		h_text(&p->b, u->name);
	}
	H(&p->b, "</span> <span class=\"muted\">");
	h_text(&p->b, code_text(r, &T_UNIT_KIND, u->kind));
	if (u->code && *u->code) {
		H(&p->b, " · ");
		h_text(&p->b, u->code);
	}
	H(&p->b, "</span>");
	if (!u->active) {
		H(&p->b, " <span class=\"badge off\">");
		h_text(&p->b, T(r, M_ADM_INACTIVE));
		H(&p->b, "</span>");
	}
	H(&p->b, "<span class=\"u-acts\">");
	if (hidden_kids > 0) {
		H(&p->b, "<a href=\"");
		units_href(p, u->id, NULL, 0, NULL);
		H(&p->b, "\">");
		h_text(&p->b, T(r, M_ADM_SHOW_SUB));
		h_printf(&p->b, "（%d）</a>", hidden_kids);
	}
	if (admin) {
		H(&p->b, "<a href=\"");
		units_href(p, under, "edit", u->id, "#edit");
		H(&p->b, "\" aria-label=\"");
		h_attr(&p->b, T(r, M_ADM_EDIT));
		H(&p->b, " ");
		h_attr(&p->b, u->name);
		H(&p->b, "\">");
		h_text(&p->b, T(r, M_ADM_EDIT));
		H(&p->b, "</a>");
		if (u->active) {
			H(&p->b, "<a href=\"");
			units_href(p, under, "parent", u->id, "#add");
			H(&p->b, "\" aria-label=\"");
			h_attr(&p->b, T(r, M_ADM_ADD_BELOW));
			H(&p->b, " ");
			h_attr(&p->b, u->name);
			H(&p->b, "\">");
			h_text(&p->b, T(r, M_ADM_ADD_BELOW));
			H(&p->b, "</a>");
		}
	}
	if (actor_can(&r->actor, PA_ACCOUNT_ADMIN, u->path)) {
		H(&p->b, "<a href=\"/admin/people?unit=");
		h_int(&p->b, u->id);
		H(&p->b, "\" aria-label=\"");
		h_attr(&p->b, T(r, M_ADM_PEOPLE_LINK));
		H(&p->b, " ");
		h_attr(&p->b, u->name);
		H(&p->b, "\">");
		h_text(&p->b, T(r, M_ADM_PEOPLE_LINK));
		H(&p->b, "</a>");
	}
	H(&p->b, "</span></div>");
}

/* The subtree of focus down to TREE_LEVELS below it, as nested lists. One
 * level more is read to know which of the deepest units have children. */
static void tree(struct page *p, const struct unit *focus, int64_t under)
{
	struct unit_array t = {0};
	struct qd_error e = {0};
	if (app_unit_tree(p->r->app, &p->r->actor, focus->id, TREE_LEVELS + 1, &t, &e) != QD_OK) {
		H(&p->b, "<p class=\"notice\">");
		h_text(&p->b, qd_err_message(e.code, p->r->lang));
		H(&p->b, "</p>");
		return;
	}
	if (t.n > 1)
		qsort(t.v, (size_t)t.n, sizeof *t.v, by_path);
	int base = focus->depth, prev = -1;
	H(&p->b, "<ul class=\"tree\">");
	for (int i = 0; i < t.n; i++) {
		const struct unit *u = &t.v[i];
		int d = u->depth - base;
		if (d > TREE_LEVELS)
			continue;
		if (prev >= 0) {
			if (d > prev) {
				H(&p->b, "<ul>");
			} else {
				H(&p->b, "</li>");
				for (int k = prev; k > d; k--)
					H(&p->b, "</ul></li>");
			}
		}
		bool has_kids = i + 1 < t.n && t.v[i + 1].depth > u->depth;
		int hidden = 0;
		if (d == TREE_LEVELS)
			for (int j = i + 1; j < t.n && t.v[j].depth > u->depth; j++)
				hidden += t.v[j].depth == u->depth + 1;
		H(&p->b, "<li>");
		tree_row(p, u, u->id == focus->id, has_kids, hidden, under);
		prev = d;
	}
	if (prev >= 0) {
		H(&p->b, "</li>");
		for (int k = prev; k > 0; k--)
			H(&p->b, "</ul></li>");
	}
	H(&p->b, "</ul>");
	unit_array_free(&t);
}

/* Links from the whole scope down to the focused unit. */
static void crumbs(struct page *p, const struct unit *focus)
{
	int64_t ids[PATH_MAX_DEPTH];
	int n = path_ids(focus->path, ids, PATH_MAX_DEPTH);
	H(&p->b, "<nav class=\"crumbs\" aria-label=\"");
	h_attr(&p->b, T(p->r, M_ADM_CRUMBS));
	H(&p->b, "\"><a href=\"/admin/units\">");
	h_text(&p->b, T(p->r, M_ADM_ALL_SCOPES));
	H(&p->b, "</a>");
	for (int i = 0; i < n - 1; i++) {
		struct unit a = {0};
		struct qd_error e = {0};
		if (app_unit_get(p->r->app, &p->r->actor, ids[i], &a, &e) == QD_OK) {
			H(&p->b, " › <a href=\"");
			units_href(p, a.id, NULL, 0, NULL);
			H(&p->b, "\">");
			h_text(&p->b, a.name);
			H(&p->b, "</a>");
		}
		unit_clear(&a);
	}
	H(&p->b, " › <span aria-current=\"page\">");
	h_text(&p->b, focus->name);
	H(&p->b, "</span></nav>");
}

static const char *const active_values[] = {"1", "0"};

static void edit_section(struct page *p, const struct unit *u, struct unit_form *f,
			 int64_t under)
{
	struct req *r = p->r;
	H(&p->b, "<section id=\"edit\" class=\"panel\" aria-labelledby=\"edit-h\"><h2 id=\"edit-h\">");
	h_text(&p->b, T(r, M_ADM_EDIT_UNIT));
	H(&p->b, "：");
	h_text(&p->b, u->name);
	H(&p->b, "</h2>");
	admin_saved(p, "edit");
	form_problems(p, f);
	H(&p->b, "<form method=\"post\" action=\"/admin/units/");
	h_int(&p->b, u->id);
	H(&p->b, "#edit\"><input type=\"hidden\" name=\"_csrf\" value=\"");
	h_attr(&p->b, r->csrf);
	H(&p->b, "\">");
	hidden_under(p, under);
	H(&p->b, "<div class=\"form-grid\">");
	admin_input(p, "edit", "name", T(r, M_ADM_UNIT_NAME), f->name, ferr_of(f, "name"), true,
		    false);
	admin_code_select(p, "edit", "kind", T(r, M_ADM_UNIT_KIND), &T_UNIT_KIND, f->kind, NULL,
			  ferr_of(f, "kind"));
	admin_input(p, "edit", "code", T(r, M_ADM_UNIT_CODE), f->code, ferr_of(f, "code"), false,
		    false);
	const char *labels[] = {T(r, M_ADM_ACTIVE), T(r, M_ADM_INACTIVE)};
	admin_select(p, "edit", "active", T(r, M_ADM_UNIT_STATUS), active_values, labels, 2, f->active,
		     ferr_of(f, "active"));
	if (u->parent_id) {
		/* Move: any active unit the actor administers, except the unit's
		 * own subtree (the app refuses that too). */
		struct unit_array opts = {0};
		admin_pick_units(r, PA_UNIT_ADMIN, &opts);
		int k = 0;
		for (int i = 0; i < opts.n; i++) {
			if (path_covers(u->path, opts.v[i].path)) {
				unit_clear(&opts.v[i]);
				continue;
			}
			opts.v[k++] = opts.v[i];
		}
		opts.n = k;
		admin_pick_ensure(r, &opts, u->parent_id);
		admin_pick_ensure(r, &opts, f->parent_id);
		admin_unit_select(p, "edit", "parent_id", T(r, M_ADM_PARENT), &opts, f->parent_id, NULL,
				  ferr_of(f, "parent_id"));
		unit_array_free(&opts);
	}
	H(&p->b, "</div><p class=\"muted\">");
	h_text(&p->b, T(r, M_ADM_EDIT_HINT));
	H(&p->b, "</p><div class=\"buttons\"><button type=\"submit\">");
	h_text(&p->b, T(r, M_SAVE));
	H(&p->b, "</button> <a href=\"");
	units_href(p, under, NULL, 0, NULL);
	H(&p->b, "\">");
	h_text(&p->b, T(r, M_ADM_CLOSE));
	H(&p->b, "</a></div></form></section>");
}

static void add_section(struct page *p, const struct unit_array *opts, struct unit_form *f,
			int64_t under, bool open)
{
	struct req *r = p->r;
	H(&p->b, "<details id=\"add\" class=\"panel\"");
	if (open)
		H(&p->b, " open");
	H(&p->b, "><summary>");
	h_text(&p->b, T(r, M_ADM_ADD_UNIT));
	H(&p->b, "</summary>");
	admin_saved(p, "add");
	form_problems(p, f);
	form_begin(p, "/admin/units#add");
	hidden_under(p, under);
	H(&p->b, "<div class=\"form-grid\">");
	admin_unit_select(p, "add", "parent_id", T(r, M_ADM_PARENT), opts, f->parent_id,
			  T(r, M_ADM_PICK), ferr_of(f, "parent_id"));
	admin_code_select(p, "add", "kind", T(r, M_ADM_UNIT_KIND), &T_UNIT_KIND, f->kind,
			  T(r, M_ADM_PICK), ferr_of(f, "kind"));
	admin_input(p, "add", "name", T(r, M_ADM_UNIT_NAME), f->name, ferr_of(f, "name"), true,
		    false);
	admin_input(p, "add", "code", T(r, M_ADM_UNIT_CODE), f->code, ferr_of(f, "code"), false,
		    false);
	H(&p->b, "</div><button type=\"submit\">");
	h_text(&p->b, T(r, M_ADM_ADD_UNIT_BTN));
	H(&p->b, "</button>");
	form_end(p);
	H(&p->b, "</details>");
}

/* The page. add / edit: a refused form to show again (NULL: from the query:
 * ?parent=ID preselects the add form's parent, ?edit=ID opens the edit
 * form). */
static enum MHD_Result units_page(struct req *r, int64_t under, struct unit_form *add,
				  struct unit_form *edit, unsigned status)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_UNITS, "units");
	struct qd_error e = {0};
	struct unit_array focus = {0};
	if (under > 0) {
		if (app_unit_get(r->app, &r->actor, under, unit_array_push(&focus), &e) != QD_OK) {
			unit_array_free(&focus);
			return reply_error(r, &e);
		}
	} else if (app_unit_roots(r->app, &r->actor, &focus, &e) != QD_OK) {
		unit_array_free(&focus);
		return reply_error(r, &e);
	}
	/* The unit being edited. */
	struct unit eu = {0};
	struct unit_form from_unit = {0};
	int64_t edit_id = edit ? edit->id : admin_query_id(r, "edit");
	bool editing = edit_id > 0 &&
		       app_unit_get(r->app, &r->actor, edit_id, &eu, &e) == QD_OK &&
		       actor_can(&r->actor, PA_UNIT_ADMIN, eu.path);
	if (editing && !edit) {
		from_unit.id = eu.id;
		from_unit.name = eu.name;
		from_unit.kind = code_str(&T_UNIT_KIND, eu.kind);
		from_unit.code = eu.code;
		from_unit.active = eu.active ? "1" : "0";
		from_unit.parent_id = eu.parent_id;
		edit = &from_unit;
	}
	struct unit_form fresh = {0};
	bool open_add = add != NULL;
	if (!add) {
		int64_t parent = admin_query_id(r, "parent");
		const char *saved = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "saved");
		open_add = parent > 0 || is(saved, "add");
		fresh.parent_id = parent > 0 ? parent : under;
		add = &fresh;
	}
	struct unit_array opts = {0};
	admin_pick_units(r, PA_UNIT_ADMIN, &opts);
	admin_pick_ensure(r, &opts, add->parent_id);

	struct page p = {0};
	admin_begin(&p, r, M_ADM_UNITS, "units");
	if (under > 0 && focus.n)
		crumbs(&p, &focus.v[0]);
	/* A refusal whose form is not shown (the unit is not the actor's to
	 * edit) still says why. */
	struct unit_form *lost = edit && !editing ? edit : add != &fresh && !opts.n ? add : NULL;
	if (lost && (lost->notice || lost->nerr))
		admin_notice(&p, lost->notice ? lost->notice : lost->err_msg[0]);
	if (editing)
		edit_section(&p, &eu, edit, under);
	if (opts.n) {
		add_section(&p, &opts, add, under, open_add);
	} else {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_ADM_NO_UNIT_ADMIN));
		H(&p.b, "</p>");
	}
	H(&p.b, "<h2>");
	h_text(&p.b, T(r, M_ADM_TREE));
	H(&p.b, "</h2><p class=\"muted\">");
	h_text(&p.b, T(r, M_ADM_TREE_HINT));
	H(&p.b, "</p>");
	for (int i = 0; i < focus.n; i++)
		tree(&p, &focus.v[i], under);
	unit_array_free(&opts);
	unit_array_free(&focus);
	unit_clear(&eu);
	return page_end(&p, status);
}

enum MHD_Result web_admin_units(struct req *r)
{
	int64_t under = admin_query_id(r, "under");
	if (under < 0)
		return reply_fail(r, QD_BAD_PARAM, "under", NULL);
	return units_page(r, under, NULL, NULL, 200);
}

static const char *const add_fields[] = {"parent_id", "kind", "name", "code", NULL};

enum MHD_Result web_admin_unit_add(struct req *r)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_UNITS, "units");
	int64_t under = admin_form_id(r, "under");
	if (under < 0)
		under = 0;
	char *name = admin_trim(form_get(r, "name")), *code = admin_trim(form_get(r, "code"));
	struct unit_form f = {.name = name, .code = code, .kind = form_get(r, "kind")};
	f.parent_id = admin_form_id(r, "parent_id");
	int kind = f.kind ? code_parse(&T_UNIT_KIND, f.kind) : -1;
	if (f.parent_id <= 0)
		ferr(&f, "parent_id", T(r, M_ADM_ERR_PARENT));
	if (kind < 0)
		ferr(&f, "kind", T(r, M_ADM_ERR_KIND));
	if (!name || !*name)
		ferr(&f, "name", T(r, M_ADM_ERR_NAME));
	enum MHD_Result res;
	if (f.nerr) {
		res = units_page(r, under, &f, NULL, 400);
		goto out;
	}
	struct unit u = {.parent_id = f.parent_id, .kind = kind, .name = xstrdup(name),
			 .code = code && *code ? xstrdup(code) : NULL};
	struct qd_error e = {0};
	qd_err rc = app_unit_add(r->app, &r->actor, &u, &e);
	unit_clear(&u);
	if (rc != QD_OK) {
		app_err(r, &f, &e, add_fields);
		res = units_page(r, under, &f, NULL, (unsigned)qd_err_status(rc));
		goto out;
	}
	struct buf to = BUF_INIT;
	buf_puts(&to, "/admin/units?");
	if (under > 0)
		buf_printf(&to, "under=%lld&", (long long)under);
	buf_printf(&to, "parent=%lld&saved=add", (long long)f.parent_id);
	res = reply_redirect(r, buf_str(&to));
	buf_free(&to);
out:
	buf_free(&f.tmp);
	free(name);
	free(code);
	return res;
}

/* Edit and move in one transaction: both land or neither. */
struct unit_change {
	const struct actor *ac;
	const struct unit *u;
	bool update, move;
	int64_t parent;
};

static qd_err tx_unit_change(struct app *a, void *ctx, struct qd_error *e)
{
	struct unit_change *x = ctx;
	qd_err rc = QD_OK;
	if (x->update)
		rc = app_unit_update(a, x->ac, x->u, e);
	if (rc == QD_OK && x->move)
		rc = app_unit_move(a, x->ac, x->u->id, x->parent, e);
	return rc;
}

static const char *const edit_fields[] = {"name", "kind", "code", "active", "parent_id", NULL};

enum MHD_Result web_admin_unit_update(struct req *r)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_UNITS, "units");
	struct qd_error e = {0};
	int64_t id;
	if (!arg_id(r, 0, &id, &e))
		return reply_error(r, &e);
	struct unit old = {0};
	if (app_unit_get(r->app, &r->actor, id, &old, &e) != QD_OK)
		return reply_error(r, &e);
	int64_t under = admin_form_id(r, "under");
	if (under < 0)
		under = 0;
	char *name = admin_trim(form_get(r, "name")), *code = admin_trim(form_get(r, "code"));
	struct unit_form f = {.id = id, .name = name, .code = code, .kind = form_get(r, "kind"),
			      .active = form_get(r, "active"), .parent_id = old.parent_id};
	int kind = f.kind ? code_parse(&T_UNIT_KIND, f.kind) : -1;
	if (!name || !*name)
		ferr(&f, "name", T(r, M_ADM_ERR_NAME));
	if (kind < 0)
		ferr(&f, "kind", T(r, M_ADM_ERR_KIND));
	if (!is(f.active, "1") && !is(f.active, "0"))
		ferr(&f, "active", T(r, M_ADM_ERR_ACTIVE));
	if (form_get(r, "parent_id")) {
		f.parent_id = admin_form_id(r, "parent_id");
		if (f.parent_id <= 0) {
			f.parent_id = old.parent_id;
			ferr(&f, "parent_id", T(r, M_ADM_ERR_PARENT));
		}
	}
	enum MHD_Result res;
	if (f.nerr) {
		res = units_page(r, under, NULL, &f, 400);
		goto out;
	}
	struct unit u = old;
	u.name = name;
	u.kind = kind;
	u.code = code && *code ? code : NULL;
	u.active = is(f.active, "1");
	struct unit_change x = {
		.ac = &r->actor, .u = &u,
		.update = strcmp(old.name, name) != 0 || old.kind != kind ||
			  strcmp(old.code ? old.code : "", code ? code : "") != 0 ||
			  old.active != u.active,
		.move = f.parent_id != old.parent_id, .parent = f.parent_id};
	qd_err rc = app_batch(r->app, tx_unit_change, &x, &e);
	if (rc != QD_OK) {
		app_err(r, &f, &e, edit_fields);
		res = units_page(r, under, NULL, &f, (unsigned)qd_err_status(rc));
		goto out;
	}
	struct buf to = BUF_INIT;
	buf_puts(&to, "/admin/units?");
	if (under > 0)
		buf_printf(&to, "under=%lld&", (long long)under);
	buf_printf(&to, "edit=%lld&saved=edit", (long long)id);
	res = reply_redirect(r, buf_str(&to));
	buf_free(&to);
out:
	buf_free(&f.tmp);
	unit_clear(&old);
	free(name);
	free(code);
	return res;
}
