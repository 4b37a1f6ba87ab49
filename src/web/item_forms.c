/* item_forms.c: GET/POST /items/new and /items/:ref/edit - the form of an
 * item: title, detail, kind, source, inspection level, category, owner unit
 * (units in the actor's scope), responsible person, mode, found date, due
 * date or "within N working days", already fixed (new immediate items).
 *
 * Every value is parsed strictly; each problem is shown beside its field,
 * the user's input stays in the form and nothing is saved while anything
 * is invalid. The app has the last word: its error lands beside the field
 * it names. */
#include "web.h"
#include "../domain/perm.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "item_page.h"

#define UNIT_LEVELS 4      /* levels of the unit tree offered below each scope */
#define PERSONS_MAX 200

enum fld {
	F_TITLE, F_DETAIL, F_KIND, F_SOURCE, F_LEVEL, F_CATEGORY, F_EXT, F_UNIT,
	F_RESPONSIBLE, F_MODE, F_FOUND, F_DUE, F_WDAYS, F_FIXED, F_VERSION, F_CASE_TYPE,
	F_FUNDS, F_BENEFICIARIES, F_COUNT
};

/* Form field names: the app's field names, so its errors map back. */
static const char *const fname[F_COUNT + 1] = {
	"title", "detail", "kind", "source", "level", "category_id", "ext_id", "unit_id",
	"responsible_id", "mode", "found_on", "due_on", "due_working_days", "already_fixed",
	"version", "case_type", "funds", "beneficiaries", NULL,
};

struct iform {
	struct req *r;
	bool edit;
	char *ext;              /* edit: the item's number (for links) */
	char *val[F_COUNT];     /* values shown in the form, owned */
	char *err[F_COUNT];     /* messages beside fields, owned */
	char *top;              /* a problem that belongs to no field */
	bool bad;
};

static void iform_free(struct iform *f)
{
	for (int i = 0; i < F_COUNT; i++) {
		free(f->val[i]);
		free(f->err[i]);
	}
	free(f->top);
	free(f->ext);
}

static void set_err(struct iform *f, enum fld i, enum msg_id m)
{
	f->bad = true;
	if (!f->err[i])
		f->err[i] = xstrdup(T(f->r, m));
}

/* An app error: beside its field when the form has one, else on top. */
static void app_err(struct iform *f, const struct qd_error *e)
{
	struct buf t = BUF_INIT;
	item_error_text(f->r, e, &t);
	f->bad = true;
	for (int i = 0; i < F_COUNT; i++)
		if (strcmp(e->field, fname[i]) == 0 && i != F_VERSION &&
		    (f->edit ? i != F_FIXED : true)) {
			free(f->err[i]);
			f->err[i] = buf_steal(&t);
			return;
		}
	free(f->top);
	f->top = buf_steal(&t);
}

static char *id_text(int64_t id)
{
	char s[24] = "";
	if (id > 0)
		snprintf(s, sizeof s, "%lld", (long long)id);
	return xstrdup(s);
}

static char *day_text(int day)
{
	char s[DAY_TEXT_LEN] = "";
	if (day != DAY_NONE)
		day_format(day, s);
	return xstrdup(s);
}

static char *code_val(const struct code_table *t, int v)
{
	return xstrdup(v >= 0 ? code_str(t, v) : "");
}

/* The form's values from a stored item (edit). */
static void from_item(struct iform *f, const struct item *it)
{
	f->val[F_TITLE] = xstrdup(it->title);
	f->val[F_DETAIL] = xstrdup(it->detail ? it->detail : "");
	f->val[F_KIND] = code_val(&T_ITEM_KIND, it->kind);
	f->val[F_SOURCE] = code_val(&T_SOURCE, it->source);
	f->val[F_LEVEL] = code_val(&T_LEVEL, it->level);
	f->val[F_CATEGORY] = id_text(it->category_id);
	f->val[F_EXT] = xstrdup(it->ext_id);
	f->val[F_UNIT] = id_text(it->unit_id);
	f->val[F_RESPONSIBLE] = id_text(it->responsible_id);
	f->val[F_MODE] = code_val(&T_MODE, it->mode);
	f->val[F_FOUND] = day_text(it->found_on);
	f->val[F_DUE] = day_text(it->due_on);
	f->val[F_WDAYS] = xstrdup("");
	f->val[F_VERSION] = id_text(it->version);
	f->val[F_CASE_TYPE] = code_val(&T_CASE_TYPE, it->case_type);
	f->val[F_FUNDS] = it->funds ? id_text(it->funds) : xstrdup("");
	f->val[F_BENEFICIARIES] = it->beneficiaries ? id_text(it->beneficiaries) : xstrdup("");
}

/* The posted values; a field the form did not send keeps what it had. */
static void from_post(struct iform *f)
{
	for (int i = 0; i < F_COUNT; i++) {
		const char *s = form_get(f->r, fname[i]);
		if (s || i == F_FIXED) {
			free(f->val[i]);
			f->val[i] = s ? xstrdup(s) : NULL;
		}
	}
}

/* --- strict parsing ------------------------------------------------------ */

static const char *v_of(const struct iform *f, enum fld i)
{
	return f->val[i] ? f->val[i] : "";
}

static int p_code(struct iform *f, enum fld i, const struct code_table *t, bool required)
{
	const char *s = v_of(f, i);
	if (!*s) {
		if (required)
			set_err(f, i, M_FORM_REQUIRED);
		return -1;
	}
	int v = code_parse(t, s);
	if (v < 0)
		set_err(f, i, M_FORM_BAD_CHOICE);
	return v;
}

/* A positive decimal number up to max, or 0 when empty. */
static int64_t p_num(struct iform *f, enum fld i, int64_t max, enum msg_id bad)
{
	const char *s = v_of(f, i);
	int64_t v = 0;
	if (!*s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > (max - (*p - '0')) / 10) {
			set_err(f, i, bad);
			return 0;
		}
		v = v * 10 + (*p - '0');
	}
	if (v <= 0)
		set_err(f, i, bad);
	return v;
}

static int p_day(struct iform *f, enum fld i, bool required)
{
	const char *s = v_of(f, i);
	int d = DAY_NONE;
	if (!*s) {
		if (required)
			set_err(f, i, M_FORM_REQUIRED);
		return DAY_NONE;
	}
	if (!day_parse(s, &d)) {
		set_err(f, i, M_FORM_BAD_DATE);
		return DAY_NONE;
	}
	return d;
}

/* Parse the form into in (item fields set, strings owned by in->it).
 * False when anything is invalid (the errors are in f). */
static bool parse(struct iform *f, struct item_input *in, int *wdays)
{
	struct item *it = &in->it;
	int today = day_today();
	if (!text_ok(f->val[F_TITLE], TITLE_MAX_CHARS, true))
		set_err(f, F_TITLE, M_FORM_TITLE_LEN);
	if (!text_ok(f->val[F_DETAIL], TEXT_MAX_CHARS, false))
		set_err(f, F_DETAIL, M_FORM_TEXT_LEN);
	it->kind = p_code(f, F_KIND, &T_ITEM_KIND, true);
	it->source = p_code(f, F_SOURCE, &T_SOURCE, true);
	it->level = p_code(f, F_LEVEL, &T_LEVEL, false);
	it->category_id = p_num(f, F_CATEGORY, INT64_MAX, M_FORM_BAD_CHOICE);
	it->unit_id = p_num(f, F_UNIT, INT64_MAX, M_FORM_BAD_CHOICE);
	if (!*v_of(f, F_UNIT))
		set_err(f, F_UNIT, M_FORM_REQUIRED);
	it->responsible_id = p_num(f, F_RESPONSIBLE, INT64_MAX, M_FORM_BAD_CHOICE);
	it->mode = p_code(f, F_MODE, &T_MODE, true);
	it->found_on = p_day(f, F_FOUND, true);
	it->due_on = p_day(f, F_DUE, false);
	*wdays = (int)p_num(f, F_WDAYS, 1000, M_FORM_BAD_WDAYS);
	it->case_type = p_code(f, F_CASE_TYPE, &T_CASE_TYPE, false);
	it->funds = p_num(f, F_FUNDS, ITEM_FUNDS_MAX, M_FORM_BAD_AMOUNT);
	it->beneficiaries = p_num(f, F_BENEFICIARIES, ITEM_BENEFICIARIES_MAX, M_FORM_BAD_AMOUNT);
	if (it->case_type >= 0 && it->kind >= 0 && it->kind != IK_CASE)
		set_err(f, F_CASE_TYPE, M_FORM_CASE_TYPE_KIND);
	if (!f->edit) {
		const char *fx = f->val[F_FIXED];
		if (fx && strcmp(fx, "1") != 0 && strcmp(fx, "on") != 0)
			set_err(f, F_FIXED, M_FORM_BAD_CHECKBOX);
		in->already_fixed = fx != NULL;
		if (in->already_fixed && it->mode >= 0 && it->mode != MODE_IMMEDIATE)
			set_err(f, F_FIXED, M_FORM_FIXED_MODE);
	}
	/* cross-field rules, so that all problems show at once (the app
	 * checks them again) */
	if (it->found_on != DAY_NONE && it->found_on > today)
		set_err(f, F_FOUND, M_FORM_FOUND_FUTURE);
	if (it->due_on != DAY_NONE && *wdays > 0)
		set_err(f, F_WDAYS, M_FORM_DUE_BOTH);
	if (it->due_on != DAY_NONE && it->found_on != DAY_NONE && it->due_on < it->found_on)
		set_err(f, F_DUE, M_FORM_DUE_BEFORE);
	if (it->mode == MODE_DEADLINE && it->due_on == DAY_NONE && *wdays == 0 &&
	    !f->err[F_DUE] && !f->err[F_WDAYS])
		set_err(f, F_DUE, M_FORM_DUE_NEEDED);
	if (f->bad)
		return false;
	xstrset(&it->title, f->val[F_TITLE]);
	free(it->detail);
	it->detail = item_form_text(v_of(f, F_DETAIL));
	xstrset(&it->ext_id, *v_of(f, F_EXT) ? v_of(f, F_EXT) : NULL);
	return true;
}

/* --- rendering ----------------------------------------------------------- */

static void select_open(struct page *p, const char *name, const char *label, bool required,
			const char *error)
{
	H(&p->b, "<div class=\"field\"><label for=\"f-");
	h_attr(&p->b, name);
	H(&p->b, "\">");
	h_text(&p->b, label);
	if (required)
		H(&p->b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
	H(&p->b, "</label><select id=\"f-");
	h_attr(&p->b, name);
	H(&p->b, "\" name=\"");
	h_attr(&p->b, name);
	H(&p->b, "\"");
	if (required)
		H(&p->b, " required");
	if (error) {
		H(&p->b, " aria-invalid=\"true\" aria-describedby=\"e-");
		h_attr(&p->b, name);
		H(&p->b, "\"");
	}
	H(&p->b, ">");
}

static void select_close(struct page *p, const char *name, const char *error)
{
	H(&p->b, "</select>");
	if (error) {
		H(&p->b, "<p class=\"error\" id=\"e-");
		h_attr(&p->b, name);
		H(&p->b, "\">");
		h_text(&p->b, error);
		H(&p->b, "</p>");
	}
	H(&p->b, "</div>");
}

static void option(struct page *p, int64_t id, const char *selected, bool *found)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)id);
	H(&p->b, "<option value=\"");
	h_int(&p->b, id);
	H(&p->b, "\"");
	if (selected && strcmp(selected, s) == 0) {
		H(&p->b, " selected");
		*found = true;
	}
	H(&p->b, ">");
}

/* The units the actor may put items in: each scope and a few levels below,
 * indented by depth. */
static void load_units(struct iform *f, struct unit_array *out)
{
	struct unit_array roots = {0};
	struct qd_error e = {0};
	if (app_unit_roots(f->r->app, &f->r->actor, &roots, &e) == QD_OK)
		for (int i = 0; i < roots.n; i++) {
			struct unit_array sub = {0};
			if (app_unit_tree(f->r->app, &f->r->actor, roots.v[i].id, UNIT_LEVELS, &sub,
					  &e) == QD_OK)
				for (int k = 0; k < sub.n; k++) {
					*unit_array_push(out) = sub.v[k];
					memset(&sub.v[k], 0, sizeof sub.v[k]);
				}
			unit_array_free(&sub);
		}
	unit_array_free(&roots);
}

static const struct unit *unit_by_id(const struct unit_array *us, int64_t id)
{
	for (int i = 0; i < us->n; i++)
		if (us->v[i].id == id)
			return &us->v[i];
	return NULL;
}

static void unit_select(struct page *p, struct iform *f, const struct unit_array *us)
{
	struct req *r = f->r;
	enum perm_action need = f->edit ? PA_ITEM_EDIT : PA_ITEM_CREATE;
	const char *sel = f->val[F_UNIT];
	bool found = false;
	int top = 0;
	for (int i = 0; i < us->n; i++)
		if (i == 0 || us->v[i].depth < top)
			top = us->v[i].depth;
	select_open(p, "unit_id", T(r, M_FORM_UNIT), true, f->err[F_UNIT]);
	if (!sel || !*sel) {
		H(&p->b, "<option value=\"\">");
		h_text(&p->b, T(r, M_FORM_BAD_CHOICE));
		H(&p->b, "</option>");
	}
	for (int i = 0; i < us->n; i++) {
		const struct unit *u = &us->v[i];
		char s[24];
		snprintf(s, sizeof s, "%lld", (long long)u->id);
		bool is_sel = sel && strcmp(sel, s) == 0;
		if (!is_sel && (!u->active || !actor_can(&r->actor, need, u->path)))
			continue;
		option(p, u->id, sel, &found);
		for (int d = top; d < u->depth; d++)
			H(&p->b, "　");
		h_text(&p->b, u->name);
		H(&p->b, "</option>");
	}
	/* a posted value that is not on the list stays visible (and is refused) */
	if (sel && *sel && !found) {
		H(&p->b, "<option value=\"");
		h_attr(&p->b, sel);
		H(&p->b, "\" selected>");
		h_text(&p->b, sel);
		H(&p->b, "</option>");
	}
	select_close(p, "unit_id", f->err[F_UNIT]);
}

static void person_select(struct page *p, struct iform *f, const struct unit_array *us)
{
	struct req *r = f->r;
	struct unit_array roots = {0};
	struct person_array ps = {0};
	struct qd_error e = {0};
	if (app_unit_roots(r->app, &r->actor, &roots, &e) == QD_OK)
		for (int i = 0; i < roots.n && ps.n < PERSONS_MAX; i++) {
			struct person_array part = {0};
			if (app_person_list(r->app, &r->actor, roots.v[i].id, PERSONS_MAX - ps.n, 0,
					    &part, &e) == QD_OK)
				for (int k = 0; k < part.n; k++) {
					*person_array_push(&ps) = part.v[k];
					memset(&part.v[k], 0, sizeof part.v[k]);
				}
			person_array_free(&part);
		}
	unit_array_free(&roots);
	const char *sel = f->val[F_RESPONSIBLE];
	bool found = false;
	select_open(p, "responsible_id", T(r, M_FORM_RESPONSIBLE), false, f->err[F_RESPONSIBLE]);
	H(&p->b, "<option value=\"\">");
	h_text(&p->b, T(r, M_FORM_RESPONSIBLE_NONE));
	H(&p->b, "</option>");
	for (int i = 0; i < ps.n; i++) {
		const struct person *pr = &ps.v[i];
		char s[24];
		snprintf(s, sizeof s, "%lld", (long long)pr->id);
		if (!pr->active && !(sel && strcmp(sel, s) == 0))
			continue;
		option(p, pr->id, sel, &found);
		h_text(&p->b, pr->name);
		const struct unit *u = unit_by_id(us, pr->unit_id);
		if (u) {
			h_text(&p->b, T(r, M_ITEM_PAREN_OPEN));
			h_text(&p->b, u->name);
			h_text(&p->b, T(r, M_ITEM_PAREN_CLOSE));
		}
		H(&p->b, "</option>");
	}
	/* the current person when beyond the list (a scope with many people) */
	if (sel && *sel && !found) {
		struct person pr = {0};
		int64_t id = strtoll(sel, NULL, 10);
		H(&p->b, "<option value=\"");
		h_attr(&p->b, sel);
		H(&p->b, "\" selected>");
		if (id > 0 && r->app->st->ops->person_get(r->app->st, id, &pr) == QD_OK)
			h_text(&p->b, pr.name);
		else
			h_text(&p->b, sel);
		H(&p->b, "</option>");
		person_clear(&pr);
	}
	select_close(p, "responsible_id", f->err[F_RESPONSIBLE]);
	person_array_free(&ps);
}

static void category_select(struct page *p, struct iform *f)
{
	struct req *r = f->r;
	struct category_array cs = {0};
	struct qd_error e = {0};
	app_category_list(r->app, &cs, &e);
	const char *sel = f->val[F_CATEGORY];
	bool found = false;
	select_open(p, "category_id", T(r, M_FORM_CATEGORY), false, f->err[F_CATEGORY]);
	H(&p->b, "<option value=\"\">");
	h_text(&p->b, T(r, M_FORM_CATEGORY_NONE));
	H(&p->b, "</option>");
	for (int i = 0; i < cs.n; i++) {
		char s[24];
		snprintf(s, sizeof s, "%lld", (long long)cs.v[i].id);
		if (!cs.v[i].active && !(sel && strcmp(sel, s) == 0))
			continue;
		option(p, cs.v[i].id, sel, &found);
		h_text(&p->b, cs.v[i].name);
		H(&p->b, "</option>");
	}
	if (sel && *sel && !found) {
		H(&p->b, "<option value=\"");
		h_attr(&p->b, sel);
		H(&p->b, "\" selected>");
		h_text(&p->b, sel);
		H(&p->b, "</option>");
	}
	select_close(p, "category_id", f->err[F_CATEGORY]);
	category_array_free(&cs);
}

static void legend(struct page *p, enum msg_id m)
{
	H(&p->b, "<fieldset><legend>");
	h_text(&p->b, T(p->r, m));
	H(&p->b, "</legend>");
}

static enum MHD_Result render(struct iform *f, unsigned status)
{
	struct req *r = f->r;
	struct page p = {0};
	struct unit_array us = {0};
	load_units(f, &us);
	enum msg_id title = f->edit ? M_FORM_EDIT_TITLE : M_FORM_NEW_TITLE;
	page_begin(&p, r, T(r, title), f->edit ? "items" : "new");
	if (f->edit) {
		H(&p.b, "<p class=\"crumbs\"><a href=\"/items/");
		h_url_arg(&p.b, f->ext);
		H(&p.b, "\">← ");
		h_text(&p.b, f->ext);
		H(&p.b, "</a></p>");
	}
	H(&p.b, "<h1>");
	h_text(&p.b, T(r, title));
	H(&p.b, "</h1>");
	if (f->bad) {
		H(&p.b, "<div class=\"notice\" role=\"alert\"><p>");
		h_text(&p.b, T(r, M_FORM_ERRORS));
		H(&p.b, "</p>");
		if (f->top) {
			H(&p.b, "<p>");
			h_text(&p.b, f->top);
			H(&p.b, "</p>");
		}
		H(&p.b, "</div>");
	}
	struct buf action = BUF_INIT;
	if (f->edit) {
		buf_puts(&action, "/items/");
		buf_puts(&action, f->ext);
		buf_puts(&action, "/edit");
	} else {
		buf_puts(&action, "/items/new");
	}
	H(&p.b, "<div class=\"item-form\">");
	form_begin(&p, buf_str(&action));
	if (f->edit) {
		H(&p.b, "<input type=\"hidden\" name=\"version\" value=\"");
		h_attr(&p.b, v_of(f, F_VERSION));
		H(&p.b, "\">");
	}
	legend(&p, M_FORM_SECTION_WHAT);
	field_text(&p, "title", T(r, M_FORM_TITLE), f->val[F_TITLE], f->err[F_TITLE], true);
	field_textarea(&p, "detail", T(r, M_FORM_DETAIL), f->val[F_DETAIL], f->err[F_DETAIL],
		       false);
	field_code(&p, "kind", T(r, M_FORM_KIND), &T_ITEM_KIND, f->val[F_KIND], NULL,
		   f->err[F_KIND]);
	field_code(&p, "source", T(r, M_FORM_SOURCE), &T_SOURCE, f->val[F_SOURCE], NULL,
		   f->err[F_SOURCE]);
	field_code(&p, "level", T(r, M_FORM_LEVEL), &T_LEVEL, f->val[F_LEVEL],
		   T(r, M_FORM_LEVEL_NONE), f->err[F_LEVEL]);
	category_select(&p, f);
	field_code(&p, "case_type", T(r, M_FORM_CASE_TYPE), &T_CASE_TYPE, f->val[F_CASE_TYPE],
		   T(r, M_FORM_LEVEL_NONE), f->err[F_CASE_TYPE]);
	field_text(&p, "funds", T(r, M_FORM_FUNDS), f->val[F_FUNDS], f->err[F_FUNDS], false);
	field_text(&p, "beneficiaries", T(r, M_FORM_BENEFICIARIES), f->val[F_BENEFICIARIES],
		   f->err[F_BENEFICIARIES], false);
	field_text(&p, "ext_id", T(r, M_FORM_EXT_ID), f->val[F_EXT], f->err[F_EXT], false);
	H(&p.b, "</fieldset>");
	legend(&p, M_FORM_SECTION_WHO);
	unit_select(&p, f, &us);
	person_select(&p, f, &us);
	H(&p.b, "</fieldset>");
	legend(&p, M_FORM_SECTION_WHEN);
	field_code(&p, "mode", T(r, M_FORM_MODE), &T_MODE, f->val[F_MODE], NULL, f->err[F_MODE]);
	field_date(&p, "found_on", T(r, M_FORM_FOUND_ON), f->val[F_FOUND], f->err[F_FOUND], true);
	field_date(&p, "due_on", T(r, M_FORM_DUE_ON), f->val[F_DUE], f->err[F_DUE], false);
	/* working days: a number field */
	H(&p.b, "<div class=\"field\"><label for=\"f-due_working_days\">");
	h_text(&p.b, T(r, M_FORM_WDAYS));
	H(&p.b, "</label><input type=\"number\" min=\"1\" max=\"1000\" step=\"1\" inputmode=\"numeric\" "
		"id=\"f-due_working_days\" name=\"due_working_days\" aria-describedby=\"h-wdays");
	if (f->err[F_WDAYS])
		H(&p.b, " e-due_working_days\" aria-invalid=\"true");
	H(&p.b, "\" value=\"");
	h_attr(&p.b, v_of(f, F_WDAYS));
	H(&p.b, "\"><p class=\"form-help\" id=\"h-wdays\">");
	h_text(&p.b, T(r, M_FORM_WDAYS_HINT));
	H(&p.b, "</p>");
	if (f->err[F_WDAYS]) {
		H(&p.b, "<p class=\"error\" id=\"e-due_working_days\">");
		h_text(&p.b, f->err[F_WDAYS]);
		H(&p.b, "</p>");
	}
	H(&p.b, "</div>");
	if (!f->edit) {
		H(&p.b, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-already_fixed\" "
			"name=\"already_fixed\" value=\"1\"");
		if (f->val[F_FIXED])
			H(&p.b, " checked");
		if (f->err[F_FIXED])
			H(&p.b, " aria-invalid=\"true\" aria-describedby=\"e-already_fixed\"");
		H(&p.b, "> <label for=\"f-already_fixed\">");
		h_text(&p.b, T(r, M_FORM_FIXED));
		H(&p.b, "</label>");
		if (f->err[F_FIXED]) {
			H(&p.b, "<p class=\"error\" id=\"e-already_fixed\">");
			h_text(&p.b, f->err[F_FIXED]);
			H(&p.b, "</p>");
		}
		H(&p.b, "</div>");
	}
	H(&p.b, "</fieldset><div class=\"form-buttons\"><button type=\"submit\">");
	h_text(&p.b, T(r, f->edit ? M_FORM_SAVE : M_FORM_CREATE));
	H(&p.b, "</button> <a href=\"");
	if (f->edit) {
		H(&p.b, "/items/");
		h_url_arg(&p.b, f->ext);
	} else {
		H(&p.b, "/items");
	}
	H(&p.b, "\">");
	h_text(&p.b, T(r, M_CANCEL));
	H(&p.b, "</a></div>");
	form_end(&p);
	H(&p.b, "</div>");
	buf_free(&action);
	unit_array_free(&us);
	return page_end(&p, status);
}

static enum MHD_Result redirect_item(struct req *r, const char *ext_id, const char *ok)
{
	struct buf to = BUF_INIT;
	/* ext_id holds letters, digits, - and _ only (the app checks) */
	buf_printf(&to, "/items/%s?ok=%s", ext_id, ok);
	enum MHD_Result res = reply_redirect(r, buf_str(&to));
	buf_free(&to);
	return res;
}

/* --- new ----------------------------------------------------------------- */

static void new_defaults(struct iform *f)
{
	struct unit_array roots = {0};
	struct qd_error e = {0};
	int64_t unit = 0;
	if (app_unit_roots(f->r->app, &f->r->actor, &roots, &e) == QD_OK)
		for (int i = 0; i < roots.n && !unit; i++)
			if (actor_can(&f->r->actor, PA_ITEM_CREATE, roots.v[i].path))
				unit = roots.v[i].id;
	unit_array_free(&roots);
	f->val[F_KIND] = xstrdup(code_str(&T_ITEM_KIND, IK_PROBLEM));
	f->val[F_SOURCE] = xstrdup(code_str(&T_SOURCE, SRC_SELF_INSPECTION));
	f->val[F_MODE] = xstrdup(code_str(&T_MODE, MODE_DEADLINE));
	f->val[F_FOUND] = day_text(day_today());
	f->val[F_UNIT] = id_text(unit);
}

enum MHD_Result web_item_new_form(struct req *r)
{
	if (!actor_can_somewhere(&r->actor, PA_ITEM_CREATE))
		return reply_fail(r, QD_FORBIDDEN, NULL, NULL);
	struct iform f = {.r = r};
	new_defaults(&f);
	enum MHD_Result res = render(&f, 200);
	iform_free(&f);
	return res;
}

enum MHD_Result web_item_new(struct req *r)
{
	static const char *const names[] = {
		"title", "detail", "kind", "source", "level", "category_id", "ext_id", "unit_id",
		"responsible_id", "mode", "found_on", "due_on", "due_working_days",
		"already_fixed", "case_type", "funds", "beneficiaries", NULL,
	};
	struct qd_error e = {0};
	if (!item_form_fields_ok(r, names, &e))
		return reply_error(r, &e);
	struct iform f = {.r = r};
	from_post(&f);
	struct item_input in = {0};
	item_init(&in.it);
	int wdays = 0;
	enum MHD_Result res;
	if (!parse(&f, &in, &wdays)) {
		res = render(&f, 400);
		goto out;
	}
	in.due_working_days = wdays;
	if (app_item_create(r->app, &r->actor, &in, &e) != QD_OK) {
		app_err(&f, &e);
		res = render(&f, (unsigned)qd_err_status(e.code));
		goto out;
	}
	res = redirect_item(r, in.it.ext_id, "created");
out:
	item_clear(&in.it);
	iform_free(&f);
	return res;
}

/* --- edit ---------------------------------------------------------------- */

/* The item, if the actor may edit it now; else the error. */
static qd_err editable(struct req *r, struct item *it, struct qd_error *e)
{
	if (app_item_get(r->app, &r->actor, r->args[0], it, e) != QD_OK)
		return e->code;
	if (!actor_can(&r->actor, PA_ITEM_EDIT, it->upath))
		return qd_fail(e, QD_FORBIDDEN, "item", NULL);
	if (!item_accepts_measure_work(it))
		return qd_fail(e, QD_BAD_TRANSITION, "status", "%s",
			       T(r, M_FORM_NOT_EDITABLE));
	return QD_OK;
}

enum MHD_Result web_item_edit_form(struct req *r)
{
	struct qd_error e = {0};
	struct item it;
	if (editable(r, &it, &e) != QD_OK) {
		item_clear(&it);
		return reply_error(r, &e);
	}
	struct iform f = {.r = r, .edit = true, .ext = xstrdup(it.ext_id)};
	from_item(&f, &it);
	item_clear(&it);
	enum MHD_Result res = render(&f, 200);
	iform_free(&f);
	return res;
}

enum MHD_Result web_item_edit(struct req *r)
{
	static const char *const names[] = {
		"title", "detail", "kind", "source", "level", "category_id", "ext_id", "unit_id",
		"responsible_id", "mode", "found_on", "due_on", "due_working_days", "version",
		"case_type", "funds", "beneficiaries", NULL,
	};
	struct qd_error e = {0};
	if (!item_form_fields_ok(r, names, &e))
		return reply_error(r, &e);
	struct item it;
	if (editable(r, &it, &e) != QD_OK) {
		item_clear(&it);
		return reply_error(r, &e);
	}
	/* The version read with the form: a malformed one is no user's input. */
	const char *vs = form_get(r, "version");
	char *end = NULL;
	long long version = vs && *vs >= '0' && *vs <= '9' ? strtoll(vs, &end, 10) : 0;
	if (!end || *end || version <= 0 || version > 0x7fffffff) {
		item_clear(&it);
		return reply_fail(r, vs ? QD_BAD_FIELD : QD_MISSING_FIELD, "version", NULL);
	}
	struct iform f = {.r = r, .edit = true, .ext = xstrdup(it.ext_id)};
	from_item(&f, &it);
	from_post(&f);
	struct item_input in = {0};
	item_copy(&in.it, &it);
	int wdays = 0;
	enum MHD_Result res;
	if (!parse(&f, &in, &wdays)) {
		res = render(&f, 400);
		goto out;
	}
	if (wdays > 0 && app_due_from_working_days(r->app, in.it.found_on, wdays, &in.it.due_on,
						   &e) != QD_OK) {
		app_err(&f, &e);
		res = render(&f, (unsigned)qd_err_status(e.code));
		goto out;
	}
	in.it.version = (int)version;
	if (app_item_update(r->app, &r->actor, &in.it, &e) != QD_OK) {
		app_err(&f, &e);
		res = render(&f, (unsigned)qd_err_status(e.code));
		goto out;
	}
	res = redirect_item(r, in.it.ext_id, "saved");
out:
	item_clear(&in.it);
	item_clear(&it);
	iform_free(&f);
	return res;
}
