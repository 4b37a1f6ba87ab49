/* opinion_new.c: staff enter an opinion that came by letter, visit, phone,
 * a meeting or a survey (the public's own web form is /opinion).
 *
 *   GET  /opinions/new   the form
 *   POST /opinions/new   -> app_opinion_submit(staff) -> /opinions/:id
 *
 * A refusal shows the form again with the input kept and the message next
 * to its field; nothing is stored. */
#include "web.h"
#include "admin.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F "op" /* the form's id prefix */

static const char *const fields[] = {"channel", "received_on", "unit_id", "category_id",
				     "text",    "address",     "submitter_name",
				     "submitter_contact", NULL};

struct entry {
	const char *field; /* the field a refusal is about, or NULL */
	const char *msg;
	struct buf tmp;
};

static const char *val(struct req *r, const char *name, const char *dflt)
{
	const char *v = r->nform ? form_get(r, name) : NULL;
	return v ? v : dflt;
}

static const char *err_at(const struct entry *x, const char *field)
{
	return x->field && strcmp(x->field, field) == 0 ? x->msg : NULL;
}

static void category_select(struct page *p, struct req *r, const struct entry *x)
{
	struct category_array cs = {0};
	struct qd_error e = {0};
	app_category_list(r->app, &cs, &e);
	const char *v = val(r, "category_id", "");
	admin_select_open(p, F, "category_id", T(r, M_OPN_CATEGORY), err_at(x, "category_id"),
			  false);
	H(&p->b, "<option value=\"\">—</option>");
	for (int i = 0; i < cs.n; i++) {
		if (!cs.v[i].active)
			continue;
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)cs.v[i].id);
		H(&p->b, "<option value=\"");
		h_attr(&p->b, id);
		H(&p->b, "\"");
		if (strcmp(v, id) == 0)
			H(&p->b, " selected");
		H(&p->b, ">");
		h_text(&p->b, cs.v[i].name);
		H(&p->b, "</option>");
	}
	admin_select_close(p, F, "category_id", err_at(x, "category_id"));
	category_array_free(&cs);
}

static enum MHD_Result render(struct req *r, const struct entry *x, unsigned status)
{
	struct page p = {0};
	page_begin(&p, r, T(r, M_OPN_TITLE), "opinions");
	H(&p.b, "<p><a href=\"/opinions\">");
	h_text(&p.b, T(r, M_OP_BACK_LIST));
	H(&p.b, "</a></p><h1>");
	h_text(&p.b, T(r, M_OPN_TITLE));
	H(&p.b, "</h1><p class=\"muted\">");
	h_text(&p.b, T(r, M_OPN_HINT));
	H(&p.b, "</p>");
	if (x && x->msg && !x->field)
		admin_notice(&p, x->msg);
	static const struct entry none = {0};
	if (!x)
		x = &none;
	H(&p.b, "<form method=\"post\" action=\"/opinions/new\" class=\"form\">"
		"<input type=\"hidden\" name=\"_csrf\" value=\"");
	h_attr(&p.b, r->csrf);
	H(&p.b, "\">");
	admin_code_select(&p, F, "channel", T(r, M_OP_CHANNEL), &T_CHANNEL,
			  val(r, "channel", "letter"), NULL, err_at(x, "channel"));
	char today[DAY_TEXT_LEN];
	day_format(day_today(), today);
	admin_date_input(&p, F, "received_on", T(r, M_OPN_RECEIVED_ON),
			 val(r, "received_on", today), err_at(x, "received_on"), true);
	struct unit_array opts = {0};
	admin_pick_units(r, PA_ITEM_CREATE, &opts);
	const char *uv = val(r, "unit_id", NULL);
	admin_unit_select(&p, F, "unit_id", T(r, M_OP_UNIT), &opts, uv ? admin_parse_id(uv) : 0,
			  T(r, M_ADM_PICK), err_at(x, "unit_id"));
	unit_array_free(&opts);
	category_select(&p, r, x);
	admin_textarea(&p, F, "text", T(r, M_OP_TEXT), val(r, "text", ""), err_at(x, "text"), true);
	admin_input(&p, F, "address", T(r, M_OP_ADDRESS), val(r, "address", ""),
		    err_at(x, "address"), false, false);
	H(&p.b, "<fieldset><legend>");
	h_text(&p.b, T(r, M_OP_SUBMITTER));
	H(&p.b, "</legend><p class=\"muted\">");
	h_text(&p.b, T(r, M_OP_PERSONAL_NOTE));
	H(&p.b, "</p>");
	admin_input(&p, F, "submitter_name", T(r, M_OP_NAME), val(r, "submitter_name", ""),
		    err_at(x, "submitter_name"), false, false);
	admin_input(&p, F, "submitter_contact", T(r, M_OP_CONTACT), val(r, "submitter_contact", ""),
		    err_at(x, "submitter_contact"), false, false);
	H(&p.b, "</fieldset><p><button type=\"submit\">");
	h_text(&p.b, T(r, M_OPN_SAVE));
	H(&p.b, "</button></p></form>");
	return page_end(&p, status);
}

enum MHD_Result web_opinion_new_form(struct req *r)
{
	if (!actor_can_somewhere(&r->actor, PA_ITEM_CREATE))
		return reply_fail(r, QD_FORBIDDEN, NULL, NULL);
	return render(r, NULL, 200);
}

static enum MHD_Result refuse(struct req *r, const char *field, const char *msg, unsigned status)
{
	struct entry x = {field, msg, BUF_INIT};
	enum MHD_Result res = render(r, &x, status);
	buf_free(&x.tmp);
	return res;
}

static bool known_fields(struct req *r)
{
	for (int i = 0; i < r->nform; i++) {
		bool ok = strcmp(r->form[i].key, "_csrf") == 0;
		for (int k = 0; !ok && fields[k]; k++)
			ok = strcmp(r->form[i].key, fields[k]) == 0;
		if (!ok)
			return false;
	}
	return true;
}

enum MHD_Result web_opinion_new(struct req *r)
{
	if (!known_fields(r))
		return refuse(r, NULL, T(r, M_OPN_BAD_FORM), 400);
	struct opinion o;
	opinion_init(&o);
	o.channel = code_parse(&T_CHANNEL, val(r, "channel", ""));
	if (o.channel < 0)
		return refuse(r, "channel", T(r, M_OPN_BAD_CHANNEL), 400);
	int day = DAY_NONE;
	if (!day_parse(val(r, "received_on", ""), &day) || day > day_today())
		return refuse(r, "received_on", T(r, M_OPN_BAD_DAY), 400);
	o.unit_id = admin_parse_id(val(r, "unit_id", ""));
	if (o.unit_id <= 0)
		return refuse(r, "unit_id", T(r, M_OPN_PICK_UNIT), 400);
	const char *cat = val(r, "category_id", "");
	o.category_id = *cat ? admin_parse_id(cat) : 0;
	if (*cat && o.category_id <= 0)
		return refuse(r, "category_id", T(r, M_OPN_BAD_CATEGORY), 400);
	/* A letter or a call entered later: noon of the day it came. */
	if (day != day_today())
		o.received_at = time_of_day(day, 12, 0);
	o.text = admin_trim(val(r, "text", ""));
	char *addr = admin_trim(val(r, "address", "")), *name = admin_trim(val(r, "submitter_name", ""));
	char *contact = admin_trim(val(r, "submitter_contact", ""));
	o.address = *addr ? addr : (free(addr), NULL);
	o.submitter_name = *name ? name : (free(name), NULL);
	o.submitter_contact = *contact ? contact : (free(contact), NULL);
	struct qd_error e = {0};
	enum MHD_Result res;
	if (app_opinion_submit(r->app, &r->actor, &o, &e) == QD_OK) {
		char to[48];
		snprintf(to, sizeof to, "/opinions/%lld?done=1", (long long)o.id);
		res = reply_redirect(r, to);
	} else {
		struct entry x = {NULL, NULL, BUF_INIT};
		x.msg = admin_err_text(r, &e, &x.tmp);
		for (int k = 0; e.field[0] && fields[k]; k++)
			if (strcmp(e.field, fields[k]) == 0)
				x.field = fields[k];
		res = render(r, &x, (unsigned)qd_err_status(e.code));
		buf_free(&x.tmp);
	}
	opinion_clear(&o);
	return res;
}
