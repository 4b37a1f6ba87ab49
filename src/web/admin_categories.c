/* admin_categories.c: GET/POST /admin/categories - the problem categories
 * (shared by the whole county) and a form to add one. app_category_add
 * admits only a top-level administrator; others see the list and why they
 * cannot add, and a post of theirs is refused with that reason. */
#include "web.h"
#include "../domain/perm.h"
#include "../util/alloc.h"
#include <stdlib.h>
#include <string.h>

/* Shared admin helpers (admin_units.c). */
#include "admin.h"

/* A refused form: values and reasons. */
struct cat_form {
	const char *code, *name;
	const char *code_err, *name_err;  /* beside the fields */
	const char *notice;               /* or above the form */
};

static bool top_admin(const struct actor *a)
{
	return a->system || perm_allows_global(a->grants.v, a->grants.n, PA_UNIT_ADMIN);
}


static enum MHD_Result categories_page(struct req *r, const struct cat_form *f, unsigned status)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_CATEGORIES, "categories");
	struct qd_error e = {0};
	struct category_array cats = {0};
	if (app_category_list(r->app, &cats, &e) != QD_OK) {
		category_array_free(&cats);
		return reply_error(r, &e);
	}
	struct page p = {0};
	admin_begin(&p, r, M_ADM_CATEGORIES, "categories");
	if (!top_admin(&r->actor)) {
		/* The form would only be refused: say why instead (a refused
		 * post shows the app's refusal). */
		if (f && f->notice) {
			admin_notice(&p, f->notice);
		} else {
			H(&p.b, "<p class=\"notice\">");
			h_text(&p.b, T(r, M_ADM_CAT_TOP_ONLY));
			H(&p.b, "</p>");
		}
	} else {
		H(&p.b, "<details class=\"panel\" id=\"add\"");
		const char *saved =
			MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "saved");
		if (f || (saved && strcmp(saved, "cat") == 0))
			H(&p.b, " open");
		H(&p.b, "><summary>");
		h_text(&p.b, T(r, M_ADM_ADD_CAT));
		H(&p.b, "</summary>");
		admin_saved(&p, "cat");
		if (f)
			admin_notice(&p, f->notice);
		form_begin(&p, "/admin/categories#add");
		H(&p.b, "<div class=\"form-grid\">");
		admin_input(&p, "cat", "code", T(r, M_ADM_CAT_CODE), f ? f->code : NULL,
			    f ? f->code_err : NULL, true, false);
		admin_input(&p, "cat", "name", T(r, M_ADM_CAT_NAME), f ? f->name : NULL,
			    f ? f->name_err : NULL, true, false);
		H(&p.b, "</div><button type=\"submit\">");
		h_text(&p.b, T(r, M_ADM_ADD_CAT_BTN));
		H(&p.b, "</button>");
		form_end(&p);
		H(&p.b, "</details>");
	}
	H(&p.b, "<h2>");
	h_text(&p.b, T(r, M_ADM_CAT_LIST));
	H(&p.b, "</h2>");
	if (!cats.n) {
		H(&p.b, "<p class=\"muted\">");
		h_text(&p.b, T(r, M_ADM_NO_CATS));
		H(&p.b, "</p>");
	} else {
		H(&p.b, "<div class=\"table-wrap\"><table><thead><tr><th>");
		h_text(&p.b, T(r, M_ADM_COL_CODE));
		H(&p.b, "</th><th>");
		h_text(&p.b, T(r, M_ADM_COL_NAME));
		H(&p.b, "</th><th>");
		h_text(&p.b, T(r, M_ADM_STATUS));
		H(&p.b, "</th></tr></thead><tbody>");
		for (int i = 0; i < cats.n; i++) {
			const struct category *c = &cats.v[i];
			H(&p.b, "<tr><td><code>");
			h_text(&p.b, c->code);
			H(&p.b, "</code></td><td>");
			h_text(&p.b, c->name);
			H(&p.b, "</td><td>");
			if (c->active) {
				h_text(&p.b, T(r, M_ADM_ACTIVE));
			} else {
				H(&p.b, "<span class=\"badge off\">");
				h_text(&p.b, T(r, M_ADM_INACTIVE));
				H(&p.b, "</span>");
			}
			H(&p.b, "</td></tr>");
		}
		H(&p.b, "</tbody></table></div>");
	}
	category_array_free(&cats);
	return page_end(&p, status);
}

enum MHD_Result web_admin_categories(struct req *r)
{
	return categories_page(r, NULL, 200);
}

enum MHD_Result web_admin_category_add(struct req *r)
{
	if (!actor_is_admin(&r->actor))
		return admin_refuse(r, M_ADM_CATEGORIES, "categories");
	char *code = admin_trim(form_get(r, "code")), *name = admin_trim(form_get(r, "name"));
	struct cat_form f = {.code = code, .name = name};
	struct buf tmp = BUF_INIT;
	enum MHD_Result res;
	/* Both fields at once for a top-level admin (the app names one). */
	if (top_admin(&r->actor) && (!code || !*code || !name || !*name)) {
		if (!code || !*code)
			f.code_err = T(r, M_ADM_ERR_CAT_CODE);
		if (!name || !*name)
			f.name_err = T(r, M_ADM_ERR_NAME);
		res = categories_page(r, &f, 400);
		goto out;
	}
	struct category c = {.code = xstrdup(code ? code : ""), .name = xstrdup(name ? name : "")};
	struct qd_error e = {0};
	qd_err rc = app_category_add(r->app, &r->actor, &c, &e);
	category_clear(&c);
	if (rc == QD_OK) {
		res = reply_redirect(r, "/admin/categories?saved=cat");
		goto out;
	}
	const char *msg = admin_err_text(r, &e, &tmp);
	if (strcmp(e.field, "code") == 0)
		f.code_err = msg;
	else if (strcmp(e.field, "name") == 0)
		f.name_err = msg;
	else
		f.notice = msg;
	res = categories_page(r, &f, (unsigned)qd_err_status(rc));
out:
	buf_free(&tmp);
	free(code);
	free(name);
	return res;
}
