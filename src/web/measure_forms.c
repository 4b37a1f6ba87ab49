/* measure_forms.c: POST /items/:ref/measures (text, responsible_id, due_on)
 * adds a measure (整改措施) to an item; POST /measures/:id (status, evidence,
 * text optional) updates one. Success goes back to the item page
 * (#measures); a refusal re-renders the item page with the reason beside
 * the form, the user's input kept, nothing changed. */
#include "web.h"
#include "../domain/item_rules.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "item_page.h"

/* "" or absent: 0; else a positive decimal id. */
static bool parse_opt_id(const char *s, int64_t *out)
{
	*out = 0;
	if (!s || !*s)
		return true;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return v > 0;
}

static enum MHD_Result back_to_item(struct req *r, const char *ext_id, const char *ok,
				    int64_t measure_id)
{
	struct buf to = BUF_INIT;
	/* ext_id holds letters, digits, - and _ only (the app checks) */
	buf_printf(&to, "/items/%s?ok=%s#", ext_id, ok);
	if (measure_id > 0)
		buf_printf(&to, "m-%lld", (long long)measure_id);
	else
		buf_puts(&to, "measures");
	enum MHD_Result res = reply_redirect(r, buf_str(&to));
	buf_free(&to);
	return res;
}

enum MHD_Result web_measure_add(struct req *r)
{
	static const char *const names[] = {"text", "responsible_id", "due_on", NULL};
	struct qd_error e = {0};
	if (!item_form_fields_ok(r, names, &e))
		return reply_error(r, &e);
	struct item it;
	if (app_item_get(r->app, &r->actor, r->args[0], &it, &e) != QD_OK)
		return reply_error(r, &e);
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)it.id);
	struct measure m;
	measure_init(&m);
	m.item_id = it.id;
	m.status = MS_OPEN;
	const char *text = form_get(r, "text"), *rs = form_get(r, "responsible_id"),
		   *ds = form_get(r, "due_on");
	enum MHD_Result res;
	if (!text || !text_ok(text, TEXT_MAX_CHARS, true))
		qd_fail(&e, text && *text ? QD_BAD_FIELD : QD_MISSING_FIELD, "text", NULL);
	else if (!parse_opt_id(rs, &m.responsible_id))
		qd_fail(&e, QD_BAD_FIELD, "responsible_id", "not one of the choices");
	else if (ds && *ds && !day_parse(ds, &m.due_on))
		qd_fail(&e, QD_BAD_FIELD, "due_on", "YYYY-MM-DD");
	if (e.code == QD_OK) {
		m.text = item_form_text(text);
		m.evidence = xstrdup("");
		if (app_measure_add(r->app, &r->actor, &m, &e) == QD_OK) {
			res = back_to_item(r, it.ext_id, "measure_added", m.id);
			goto out;
		}
	}
	res = item_page_problem(r, ref, "add_measure", 0, &e);
out:
	measure_clear(&m);
	item_clear(&it);
	return res;
}

enum MHD_Result web_measure_update(struct req *r)
{
	static const char *const names[] = {"status", "evidence", "text", NULL};
	struct qd_error e = {0};
	int64_t id;
	if (!arg_id(r, 0, &id, &e) || !item_form_fields_ok(r, names, &e))
		return reply_error(r, &e);
	struct measure m;
	if (app_measure_get(r->app, &r->actor, id, &m, &e) != QD_OK)
		return reply_error(r, &e);
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)m.item_id);
	struct item it;
	if (app_item_get(r->app, &r->actor, ref, &it, &e) != QD_OK) {
		measure_clear(&m);
		return reply_error(r, &e);
	}
	const char *ss = form_get(r, "status");
	char *evidence = item_form_text(form_get(r, "evidence"));
	char *text = item_form_text(form_get(r, "text"));
	int status = ss ? code_parse(&T_MEASURE_STATUS, ss) : -1;
	enum MHD_Result res;
	if (!ss || !*ss)
		qd_fail(&e, QD_MISSING_FIELD, "status", NULL);
	else if (status < 0)
		qd_fail(&e, QD_BAD_FIELD, "status", "not one of the choices");
	else if (text && !text_ok(text, TEXT_MAX_CHARS, true))
		qd_fail(&e, *text ? QD_BAD_FIELD : QD_MISSING_FIELD, "text", NULL);
	else if (evidence && !text_ok(evidence, TEXT_MAX_CHARS, false))
		qd_fail(&e, QD_BAD_FIELD, "evidence", NULL);
	if (e.code != QD_OK) {
		res = item_page_problem(r, ref, "measure", id, &e);
		goto out;
	}
	bool same = status == m.status && (!text || strcmp(text, m.text) == 0) &&
		    (!evidence || strcmp(evidence, m.evidence ? m.evidence : "") == 0);
	/* Nothing to record - but a refusal is still a refusal. */
	if (same && actor_can(&r->actor, PA_ITEM_WORK, it.upath) && item_accepts_measure_work(&it)) {
		res = back_to_item(r, it.ext_id, "measure_saved", id);
		goto out;
	}
	m.status = status;
	if (text)
		xstrset(&m.text, text);
	if (evidence)
		xstrset(&m.evidence, evidence);
	res = app_measure_update(r->app, &r->actor, &m, &e) == QD_OK
		      ? back_to_item(r, it.ext_id, "measure_saved", id)
		      : item_page_problem(r, ref, "measure", id, &e);
out:
	free(evidence);
	free(text);
	measure_clear(&m);
	item_clear(&it);
	return res;
}
