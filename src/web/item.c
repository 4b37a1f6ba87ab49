/* item.c: GET /items/:ref (numeric id or 问题编号) - the item page: its
 * details, its measures (整改措施) each with a small update form, the
 * history from the audit log as a timeline, and only the actions the user
 * may take now (the same rule as the API's allowed actions).
 * POST /items/:ref/act - start, request sign-off, sign off, send back,
 * reopen, claim. A refused action re-renders the page with the reason
 * beside the action and changes nothing.
 *
 * Also the helpers the item forms share (item_forms.c, measure_forms.c). */
#include "web.h"
#include "../domain/perm.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "item_page.h"

/* --- shared helpers ------------------------------------------------------ */

/* A form may carry only the named fields (and _csrf), each at most once. */
bool item_form_fields_ok(const struct req *r, const char *const *names, struct qd_error *e)
{
	for (int i = 0; i < r->nform; i++) {
		const char *k = r->form[i].key;
		bool known = strcmp(k, "_csrf") == 0;
		for (int n = 0; !known && names[n]; n++)
			known = strcmp(k, names[n]) == 0;
		if (!known) {
			qd_fail(e, QD_UNKNOWN_FIELD, NULL, "%.200s", k);
			return false;
		}
		for (int j = 0; j < i; j++)
			if (strcmp(r->form[j].key, k) == 0) {
				qd_fail(e, QD_BAD_FIELD, NULL, "%.200s given twice", k);
				return false;
			}
	}
	return true;
}

/* A copy of a posted text with the browser's CRLF line ends made LF (NULL
 * stays NULL); the caller frees it. */
char *item_form_text(const char *s)
{
	if (!s)
		return NULL;
	char *out = xstrdup(s), *w = out;
	for (const char *p = s; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*w++ = *p;
	*w = '\0';
	return out;
}

static bool field_is(const struct qd_error *e, const char *name)
{
	return strcmp(e->field, name) == 0;
}

/* The words for an error of the app, in the page's language: a specific
 * message where we know the case, else the registry's message and detail. */
void item_error_text(const struct req *r, const struct qd_error *e, struct buf *out)
{
	enum msg_id m = M_COUNT;
	/* the forms' own parse errors (see item_forms.c, measure_forms.c) */
	if (e->code == QD_BAD_FIELD && strcmp(e->detail, "YYYY-MM-DD") == 0)
		m = M_FORM_BAD_DATE;
	else if (e->code == QD_BAD_FIELD && strcmp(e->detail, "not one of the choices") == 0)
		m = M_FORM_BAD_CHOICE;
	else switch (e->code) {
	case QD_MISSING_FIELD:
		m = field_is(e, "due_on") ? M_FORM_DUE_NEEDED : M_FORM_REQUIRED;
		break;
	case QD_BAD_FIELD:
		if (field_is(e, "title"))
			m = M_FORM_TITLE_LEN;
		else if (field_is(e, "detail") || field_is(e, "evidence"))
			m = M_FORM_TEXT_LEN;
		else if (field_is(e, "text"))
			m = M_FORM_MEASURE_TEXT;
		else if (field_is(e, "reason"))
			m = M_FORM_REASON_LEN;
		else if (field_is(e, "found_on"))
			m = M_FORM_FOUND_FUTURE;
		else if (field_is(e, "due_on"))
			m = M_FORM_DUE_BEFORE;
		else if (field_is(e, "due_working_days"))
			m = strstr(e->detail, "not both") ? M_FORM_DUE_BOTH : M_FORM_BAD_WDAYS;
		else if (field_is(e, "already_fixed"))
			m = M_FORM_FIXED_MODE;
		else if (field_is(e, "responsible_id"))
			m = M_FORM_NO_PERSON;
		else if (field_is(e, "unit_id"))
			m = M_FORM_NO_UNIT;
		else if (field_is(e, "category_id"))
			m = M_FORM_NO_CATEGORY;
		else if (field_is(e, "ext_id"))
			m = M_FORM_EXT_ID_BAD;
		break;
	case QD_FORBIDDEN:
		if (field_is(e, "unit_id"))
			m = M_FORM_UNIT_FORBIDDEN;
		break;
	case QD_INACTIVE:
		if (field_is(e, "unit_id"))
			m = M_FORM_UNIT_INACTIVE;
		break;
	case QD_CONFLICT:
		if (field_is(e, "version"))
			m = M_FORM_STALE;
		else if (field_is(e, "ext_id"))
			m = M_FORM_EXT_ID_TAKEN;
		break;
	default:
		break;
	}
	if (m != M_COUNT) {
		buf_puts(out, T(r, m));
		return;
	}
	buf_puts(out, qd_err_message(e->code == QD_OK ? QD_INTERNAL : e->code, r->lang));
	if (e->detail[0] && e->code != QD_NOT_ABOVE) {
		buf_puts(out, T(r, M_ITEM_PAREN_OPEN));
		buf_puts(out, e->detail);
		buf_puts(out, T(r, M_ITEM_PAREN_CLOSE));
	}
}

/* --- the page ------------------------------------------------------------ */

struct who {
	int64_t account_id;
	char *name;
};

struct view {
	struct req *r;
	struct page p;
	struct item it;
	struct unit u;
	struct measure_array ms;
	struct event_array evs;
	struct opinion *ops;   /* the opinions joined to the item (some) */
	int nops;
	int64_t total_ops;
	int today, open_measures;
	bool allowed[IA_COUNT];
	bool can_edit, can_work;
	/* a refused POST, shown where it happened: "act", "add_measure" or
	 * "measure" (measure id mid); e the error; act the action posted */
	const char *where;
	int64_t mid;
	const struct qd_error *e;
	int act;
	struct who *whos;
	int nwho;
};

static bool problem_at(const struct view *v, const char *where)
{
	return v->e && v->where && strcmp(v->where, where) == 0;
}

static void error_para(struct view *v, const char *id)
{
	struct buf t = BUF_INIT;
	item_error_text(v->r, v->e, &t);
	H(&v->p.b, "<p class=\"error\" role=\"alert\"");
	if (id) {
		H(&v->p.b, " id=\"");
		h_attr(&v->p.b, id);
		H(&v->p.b, "\"");
	}
	H(&v->p.b, ">");
	h_text(&v->p.b, buf_str(&t));
	H(&v->p.b, "</p>");
	buf_free(&t);
}

static void put_person(struct view *v, int64_t id)
{
	struct person pr = {0};
	if (id > 0 && v->r->app->st->ops->person_get(v->r->app->st, id, &pr) == QD_OK)
		h_text(&v->p.b, pr.name);
	else
		h_text(&v->p.b, T(v->r, M_ITEM_NOT_SET));
	person_clear(&pr);
}

/* Who acted in an event: the person of the account, or 系统. */
static const char *who_name(struct view *v, int64_t account_id)
{
	if (account_id <= 0)
		return T(v->r, M_ITEM_SYSTEM);
	for (int i = 0; i < v->nwho; i++)
		if (v->whos[i].account_id == account_id)
			return v->whos[i].name ? v->whos[i].name : T(v->r, M_ITEM_SYSTEM);
	struct store *st = v->r->app->st;
	struct account acc = {0};
	struct person pr = {0};
	char *name = NULL;
	if (st->ops->account_get(st, account_id, &acc) == QD_OK) {
		if (acc.person_id > 0 && st->ops->person_get(st, acc.person_id, &pr) == QD_OK)
			name = xstrdup(pr.name);
		else
			name = xstrdup(acc.login);
	}
	account_clear(&acc);
	person_clear(&pr);
	v->whos = xrealloc(v->whos, (size_t)(v->nwho + 1) * sizeof *v->whos);
	v->whos[v->nwho].account_id = account_id;
	v->whos[v->nwho].name = name;
	v->nwho++;
	return name ? name : T(v->r, M_ITEM_SYSTEM);
}

static void compute_allowed(struct view *v)
{
	const struct actor *ac = &v->r->actor;
	v->open_measures = 0;
	for (int i = 0; i < v->ms.n; i++)
		v->open_measures += v->ms.v[i].status == MS_OPEN || v->ms.v[i].status == MS_IN_PROGRESS;
	for (int a = 0; a < IA_COUNT; a++) {
		v->allowed[a] = false;
		if (!actor_can(ac, item_action_perm(a), v->it.upath))
			continue;
		struct item copy;
		item_copy(&copy, &v->it);
		struct transition t = {.closure = CL_RESOLVED, .reason = "x",
				       .claimant_id = ac->person_id, .open_measures = v->open_measures,
				       .today = v->today, .now = 1};
		v->allowed[a] = item_apply(&copy, a, &t, NULL) == QD_OK;
		item_clear(&copy);
	}
	/* Claiming again what one has claimed changes nothing: no button. */
	if (v->it.claimant_id > 0 && v->it.claimant_id == ac->person_id)
		v->allowed[IA_CLAIM] = false;
	bool workable = item_accepts_measure_work(&v->it);
	v->can_edit = workable && actor_can(ac, PA_ITEM_EDIT, v->it.upath);
	v->can_work = workable && actor_can(ac, PA_ITEM_WORK, v->it.upath);
}

static bool any_action(const struct view *v)
{
	for (int a = 0; a < IA_COUNT; a++)
		if (v->allowed[a])
			return true;
	return v->can_edit;
}

static enum msg_id action_msg(int a)
{
	switch (a) {
	case IA_START: return M_ITEM_DO_START;
	case IA_REQUEST_SIGNOFF: return M_ITEM_DO_REQUEST;
	case IA_SIGNOFF: return M_ITEM_DO_SIGNOFF;
	case IA_SENDBACK: return M_ITEM_DO_SENDBACK;
	case IA_REOPEN: return M_ITEM_DO_REOPEN;
	case IA_CLAIM: return M_ITEM_DO_CLAIM;
	default: return M_COUNT;
	}
}

static void item_href(struct buf *b, const struct item *it, const char *suffix)
{
	H(b, "/items/");
	h_url_arg(b, it->ext_id);
	if (suffix)
		h_attr(b, suffix);
}

/* The confirmation after a successful POST (303 to ?ok=...). */
static void ok_notice(struct view *v)
{
	static const struct {
		const char *code;
		enum msg_id m;
	} oks[] = {
		{"start", M_ITEM_OK_START},         {"request_signoff", M_ITEM_OK_REQUEST},
		{"signoff", M_ITEM_OK_SIGNOFF},     {"sendback", M_ITEM_OK_SENDBACK},
		{"reopen", M_ITEM_OK_REOPEN},       {"claim", M_ITEM_OK_CLAIM},
		{"created", M_ITEM_OK_CREATED},     {"saved", M_ITEM_OK_SAVED},
		{"measure_added", M_ITEM_OK_MEASURE_ADDED},
		{"measure_saved", M_ITEM_OK_MEASURE_SAVED},
	};
	if (v->e)
		return;
	const char *ok = MHD_lookup_connection_value(v->r->conn, MHD_GET_ARGUMENT_KIND, "ok");
	if (!ok)
		return;
	for (size_t i = 0; i < sizeof oks / sizeof oks[0]; i++)
		if (strcmp(ok, oks[i].code) == 0) {
			H(&v->p.b, "<p class=\"ok\" role=\"status\">");
			h_text(&v->p.b, T(v->r, oks[i].m));
			H(&v->p.b, "</p>");
		}
}

static void render_head(struct view *v)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	H(b, "<p class=\"crumbs\"><a href=\"/items\">");
	h_text(b, T(r, M_ITEM_BACK_TO_LIST));
	H(b, "</a></p><h1 class=\"item-title\">");
	h_text(b, v->it.title);
	H(b, "</h1><p class=\"item-meta\"><span class=\"ext\">");
	h_text(b, v->it.ext_id);
	H(b, "</span> ");
	status_badge(&v->p, v->it.status, item_is_overdue(&v->it, v->today));
	if (v->it.status == ST_CLOSED && v->it.closure >= 0) {
		H(b, " <span class=\"badge cl-");
		h_attr(b, code_str(&T_CLOSURE, v->it.closure));
		H(b, "\">");
		h_text(b, code_text(r, &T_CLOSURE, v->it.closure));
		H(b, "</span>");
	}
	if (any_action(v)) {
		H(b, " <a class=\"jump\" href=\"#actions\">");
		h_text(b, T(r, M_ITEM_GO_ACTIONS));
		H(b, " ↓</a>");
	}
	H(b, "</p>");
	ok_notice(v);
	if (v->e) {
		struct buf t = BUF_INIT;
		item_error_text(r, v->e, &t);
		H(b, "<p class=\"notice\" role=\"alert\">");
		h_text(b, T(r, M_ITEM_FAILED));
		if (problem_at(v, "act") && action_msg(v->act) != M_COUNT) {
			h_text(b, T(r, action_msg(v->act)));
			h_text(b, T(r, M_ITEM_COLON));
		} else if (problem_at(v, "add_measure")) {
			h_text(b, T(r, M_ITEM_ADD_MEASURE));
			h_text(b, T(r, M_ITEM_COLON));
		} else if (problem_at(v, "measure")) {
			for (int i = 0; i < v->ms.n; i++)
				if (v->ms.v[i].id == v->mid) {
					h_text(b, T(r, M_ITEM_EV_MEASURE));
					H(b, " ");
					h_int(b, v->ms.v[i].seq);
					h_text(b, T(r, M_ITEM_COLON));
				}
		}
		h_text(b, buf_str(&t));
		H(b, "</p>");
		buf_free(&t);
	}
}

static void dt(struct view *v, enum msg_id label)
{
	H(&v->p.b, "<dt>");
	h_text(&v->p.b, T(v->r, label));
	H(&v->p.b, "</dt><dd>");
}

static void render_details(struct view *v)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	const struct item *it = &v->it;
	H(b, "<section aria-labelledby=\"h-details\"><h2 id=\"h-details\">");
	h_text(b, T(r, M_ITEM_DETAILS));
	H(b, "</h2><dl class=\"props\">");
	dt(v, M_ITEM_EXT_ID);
	h_text(b, it->ext_id);
	H(b, "</dd>");
	dt(v, M_ITEM_KIND);
	h_text(b, code_text(r, &T_ITEM_KIND, it->kind));
	H(b, "</dd>");
	dt(v, M_ITEM_SOURCE);
	h_text(b, code_text(r, &T_SOURCE, it->source));
	H(b, "</dd>");
	dt(v, M_ITEM_LEVEL);
	h_text(b, it->level >= 0 ? code_text(r, &T_LEVEL, it->level) : T(r, M_ITEM_NOT_SET));
	H(b, "</dd>");
	if (it->category_id > 0) {
		struct category c = {0};
		if (r->app->st->ops->category_get(r->app->st, it->category_id, &c) == QD_OK) {
			dt(v, M_ITEM_CATEGORY);
			h_text(b, c.name);
			H(b, "</dd>");
		}
		category_clear(&c);
	}
	dt(v, M_ITEM_MODE);
	h_text(b, code_text(r, &T_MODE, it->mode));
	H(b, "</dd>");
	dt(v, M_ITEM_UNIT);
	H(b, "<a href=\"/?unit=");
	h_int(b, v->u.id);
	H(b, "\">");
	h_text(b, v->u.name);
	H(b, "</a></dd>");
	dt(v, M_ITEM_RESPONSIBLE);
	put_person(v, it->responsible_id);
	H(b, "</dd>");
	if (it->claimant_id > 0) {
		dt(v, M_ITEM_CLAIMANT);
		put_person(v, it->claimant_id);
		H(b, "</dd>");
	}
	dt(v, M_ITEM_FOUND_ON);
	h_day(b, it->found_on);
	H(b, "</dd>");
	dt(v, M_ITEM_DUE_ON);
	h_day(b, it->due_on);
	if (it->status != ST_CLOSED && it->due_on != DAY_NONE) {
		if (it->due_on < v->today) {
			H(b, " <span class=\"badge overdue\">");
			h_text(b, T(r, M_OVERDUE));
			H(b, "</span>");
		} else if (it->due_on == v->today) {
			H(b, " <span class=\"muted\">");
			h_text(b, T(r, M_ITEM_DUE_TODAY));
			H(b, "</span>");
		} else {
			H(b, " <span class=\"muted\">");
			h_int(b, it->due_on - v->today);
			h_text(b, T(r, M_ITEM_DAYS_LEFT));
			H(b, "</span>");
		}
	}
	H(b, "</dd>");
	dt(v, M_ITEM_CLOSURE);
	if (it->status == ST_CLOSED) {
		/* 已销号（研判关闭）: a closure that is not "resolved" stays visible */
		H(b, "<span class=\"closure");
		if (it->closure != CL_RESOLVED)
			H(b, " not-resolved");
		H(b, "\">");
		h_text(b, T(r, M_ITEM_CLOSED_AS));
		if (it->closure >= 0) {
			h_text(b, T(r, M_ITEM_PAREN_OPEN));
			h_text(b, code_text(r, &T_CLOSURE, it->closure));
			h_text(b, T(r, M_ITEM_PAREN_CLOSE));
		}
		H(b, "</span>");
	} else {
		h_text(b, T(r, M_ITEM_NOT_CLOSED));
	}
	H(b, "</dd>");
	if (it->status == ST_CLOSED) {
		dt(v, M_ITEM_CLOSED_ON);
		h_day(b, it->closed_on);
		if (it->due_on != DAY_NONE && it->closed_on != DAY_NONE && it->closed_on > it->due_on) {
			H(b, " <span class=\"badge overdue\">");
			h_text(b, T(r, M_ITEM_CLOSED_LATE));
			H(b, "</span>");
		}
		H(b, "</dd>");
	}
	if (it->case_type >= 0) {
		dt(v, M_ITEM_CASE_TYPE);
		h_text(b, code_text(r, &T_CASE_TYPE, it->case_type));
		H(b, "</dd>");
	}
	if (it->funds) {
		dt(v, M_ITEM_FUNDS);
		h_int(b, it->funds);
		h_text(b, T(r, M_ITEM_YUAN));
		H(b, "</dd>");
	}
	if (it->beneficiaries) {
		dt(v, M_ITEM_BENEFICIARIES);
		h_int(b, it->beneficiaries);
		H(b, "</dd>");
	}
	dt(v, M_ITEM_SENDBACKS);
	h_int(b, it->sendbacks);
	H(b, "</dd>");
	dt(v, M_ITEM_REOPENS);
	h_int(b, it->reopens);
	H(b, "</dd></dl>");
	H(b, "<h3>");
	h_text(b, T(r, M_ITEM_DETAIL));
	H(b, "</h3>");
	if (it->detail && *it->detail) {
		H(b, "<p class=\"detail\">");
		h_text(b, it->detail);
		H(b, "</p>");
	} else {
		H(b, "<p class=\"muted\">");
		h_text(b, T(r, M_ITEM_NO_DETAIL));
		H(b, "</p>");
	}
	H(b, "</section>");
}

/* The value a refused form posted (to keep the user's input), else dflt. */
static const char *kept(struct view *v, const char *where, const char *name, const char *dflt)
{
	if (problem_at(v, where)) {
		const char *s = form_get(v->r, name);
		if (s)
			return s;
	}
	return dflt;
}

static void measure_status_badge(struct view *v, const struct measure *m)
{
	H(&v->p.b, "<span class=\"badge ms-");
	h_attr(&v->p.b, code_str(&T_MEASURE_STATUS, m->status));
	H(&v->p.b, "\">");
	h_text(&v->p.b, code_text(v->r, &T_MEASURE_STATUS, m->status));
	H(&v->p.b, "</span>");
}

static void td_open(struct view *v, enum msg_id label, const char *cls)
{
	H(&v->p.b, "<td");
	if (cls) {
		H(&v->p.b, " class=\"");
		h_attr(&v->p.b, cls);
		H(&v->p.b, "\"");
	}
	H(&v->p.b, " data-label=\"");
	h_attr(&v->p.b, T(v->r, label));
	H(&v->p.b, "\">");
}

/* The small form under a measure: status, evidence, and (folded) its text. */
static void measure_form(struct view *v, const struct measure *m)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	bool here = problem_at(v, "measure") && v->mid == m->id;
	char id[48], path[48];
	snprintf(path, sizeof path, "/measures/%lld", (long long)m->id);
	H(b, "<tr class=\"m-form\"><td colspan=\"6\"><div class=\"m-update\">");
	form_begin(&v->p, path);
	/* status */
	const char *st = here ? form_get(r, "status") : NULL;
	int cur = st ? code_parse(&T_MEASURE_STATUS, st) : m->status;
	snprintf(id, sizeof id, "m%lld-status", (long long)m->id);
	H(b, "<div class=\"fi\"><label for=\"");
	h_attr(b, id);
	H(b, "\">");
	h_text(b, T(r, M_ITEM_M_STATUS));
	H(b, "</label><select id=\"");
	h_attr(b, id);
	H(b, "\" name=\"status\">");
	for (int s = 0; s < MS_COUNT; s++) {
		H(b, "<option value=\"");
		h_attr(b, code_str(&T_MEASURE_STATUS, s));
		H(b, "\"");
		if (s == cur)
			H(b, " selected");
		H(b, ">");
		h_text(b, code_text(r, &T_MEASURE_STATUS, s));
		H(b, "</option>");
	}
	H(b, "</select></div>");
	/* evidence */
	snprintf(id, sizeof id, "m%lld-evidence", (long long)m->id);
	const char *ev = here && form_get(r, "evidence") ? form_get(r, "evidence") : m->evidence;
	H(b, "<div class=\"fi grow\"><label for=\"");
	h_attr(b, id);
	H(b, "\">");
	h_text(b, T(r, M_ITEM_M_EVIDENCE));
	H(b, "</label><input type=\"text\" id=\"");
	h_attr(b, id);
	H(b, "\" name=\"evidence\" maxlength=\"5000\" placeholder=\"");
	h_attr(b, T(r, M_ITEM_M_EVIDENCE_HINT));
	H(b, "\" value=\"");
	h_attr(b, ev ? ev : "");
	H(b, "\"");
	if (here && strcmp(v->e->field, "evidence") == 0)
		H(b, " aria-invalid=\"true\"");
	H(b, "></div><button type=\"submit\">");
	h_text(b, T(r, M_ITEM_M_UPDATE));
	H(b, "</button>");
	/* the text, folded away: it is changed less often */
	snprintf(id, sizeof id, "m%lld-text", (long long)m->id);
	const char *tx = here && form_get(r, "text") ? form_get(r, "text") : m->text;
	bool text_bad = here && strcmp(v->e->field, "text") == 0;
	H(b, "<details class=\"m-text-edit\"");
	if (text_bad)
		H(b, " open");
	H(b, "><summary>");
	h_text(b, T(r, M_ITEM_M_EDIT_TEXT));
	H(b, "</summary><label for=\"");
	h_attr(b, id);
	H(b, "\">");
	h_text(b, T(r, M_ITEM_M_TEXT));
	H(b, "</label><textarea rows=\"3\" id=\"");
	h_attr(b, id);
	H(b, "\" name=\"text\"");
	if (text_bad)
		H(b, " aria-invalid=\"true\"");
	H(b, ">");
	h_text(b, tx ? tx : "");
	H(b, "</textarea></details>");
	if (here) {
		snprintf(id, sizeof id, "m%lld-error", (long long)m->id);
		error_para(v, id);
	}
	form_end(&v->p);
	H(b, "</div></td></tr>");
}

static void person_select(struct view *v, const char *name, const char *label, int64_t unit_id,
			  const char *value, const char *error)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	struct person_array ps = {0};
	struct qd_error e = {0};
	app_person_list(r->app, &r->actor, unit_id, 200, 0, &ps, &e);
	H(b, "<div class=\"field\"><label for=\"f-");
	h_attr(b, name);
	H(b, "\">");
	h_text(b, label);
	H(b, "</label><select id=\"f-");
	h_attr(b, name);
	H(b, "\" name=\"");
	h_attr(b, name);
	H(b, "\"");
	if (error) {
		H(b, " aria-invalid=\"true\" aria-describedby=\"e-");
		h_attr(b, name);
		H(b, "\"");
	}
	H(b, "><option value=\"\">");
	h_text(b, T(r, M_FORM_RESPONSIBLE_NONE));
	H(b, "</option>");
	for (int i = 0; i < ps.n; i++) {
		const struct person *pr = &ps.v[i];
		char idtext[24];
		snprintf(idtext, sizeof idtext, "%lld", (long long)pr->id);
		bool sel = value && strcmp(value, idtext) == 0;
		if (!pr->active && !sel)
			continue;
		H(b, "<option value=\"");
		h_int(b, pr->id);
		H(b, "\"");
		if (sel)
			H(b, " selected");
		H(b, ">");
		h_text(b, pr->name);
		if (pr->title && *pr->title) {
			h_text(b, T(r, M_ITEM_PAREN_OPEN));
			h_text(b, pr->title);
			h_text(b, T(r, M_ITEM_PAREN_CLOSE));
		}
		H(b, "</option>");
	}
	H(b, "</select>");
	if (error) {
		H(b, "<p class=\"error\" id=\"e-");
		h_attr(b, name);
		H(b, "\">");
		h_text(b, error);
		H(b, "</p>");
	}
	H(b, "</div>");
	person_array_free(&ps);
}

static void add_measure_form(struct view *v)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	bool here = problem_at(v, "add_measure");
	struct buf err = BUF_INIT, path = BUF_INIT;
	const char *f = here ? v->e->field : "";
	bool on_field = here && (strcmp(f, "text") == 0 || strcmp(f, "responsible_id") == 0 ||
				 strcmp(f, "due_on") == 0);
	if (here)
		item_error_text(r, v->e, &err);
	H(b, "<section id=\"add-measure\" class=\"item-box\" aria-labelledby=\"h-add-measure\">"
	     "<h3 id=\"h-add-measure\">");
	h_text(b, T(r, M_ITEM_ADD_MEASURE));
	H(b, "</h3>");
	if (here && !on_field)
		error_para(v, NULL);
	buf_puts(&path, "/items/");
	buf_puts(&path, v->it.ext_id);
	buf_puts(&path, "/measures");
	form_begin(&v->p, buf_str(&path));
	field_textarea(&v->p, "text", T(r, M_ITEM_M_TEXT), kept(v, "add_measure", "text", NULL),
		       here && strcmp(f, "text") == 0 ? buf_str(&err) : NULL, true);
	person_select(v, "responsible_id", T(r, M_ITEM_M_RESPONSIBLE), v->it.unit_id,
		      kept(v, "add_measure", "responsible_id", NULL),
		      here && strcmp(f, "responsible_id") == 0 ? buf_str(&err) : NULL);
	field_date(&v->p, "due_on", T(r, M_ITEM_M_DUE), kept(v, "add_measure", "due_on", NULL),
		   here && strcmp(f, "due_on") == 0 ? buf_str(&err) : NULL, false);
	H(b, "<button type=\"submit\">");
	h_text(b, T(r, M_ITEM_ADD_MEASURE_BTN));
	H(b, "</button>");
	form_end(&v->p);
	H(b, "</section>");
	buf_free(&err);
	buf_free(&path);
}

static void render_measures(struct view *v)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	int done = 0;
	for (int i = 0; i < v->ms.n; i++)
		done += v->ms.v[i].status == MS_DONE;
	H(b, "<section id=\"measures\" aria-labelledby=\"h-measures\"><h2 id=\"h-measures\">");
	h_text(b, T(r, M_ITEM_MEASURES));
	if (v->ms.n) {
		H(b, " <span class=\"muted\">");
		h_int(b, done);
		H(b, "/");
		h_int(b, v->ms.n);
		H(b, "</span>");
	}
	H(b, "</h2>");
	if (problem_at(v, "measure")) {
		bool shown = false;
		for (int i = 0; i < v->ms.n; i++)
			shown |= v->ms.v[i].id == v->mid;
		if (!shown || !v->can_work)
			error_para(v, NULL);
	}
	if (v->ms.n == 0) {
		H(b, "<p class=\"muted\">");
		h_text(b, T(r, M_ITEM_NO_MEASURES));
		H(b, "</p>");
	} else {
		H(b, "<div class=\"table-wrap\"><table class=\"mtable\"><thead><tr><th>");
		h_text(b, T(r, M_ITEM_M_SEQ));
		H(b, "</th><th>");
		h_text(b, T(r, M_ITEM_M_TEXT));
		H(b, "</th><th>");
		h_text(b, T(r, M_ITEM_M_RESPONSIBLE));
		H(b, "</th><th>");
		h_text(b, T(r, M_ITEM_M_DUE));
		H(b, "</th><th>");
		h_text(b, T(r, M_ITEM_M_STATUS));
		H(b, "</th><th>");
		h_text(b, T(r, M_ITEM_M_EVIDENCE));
		H(b, "</th></tr></thead><tbody>");
		for (int i = 0; i < v->ms.n; i++) {
			const struct measure *m = &v->ms.v[i];
			bool open = m->status == MS_OPEN || m->status == MS_IN_PROGRESS;
			H(b, "<tr class=\"m-row\" id=\"m-");
			h_int(b, m->id);
			H(b, "\">");
			td_open(v, M_ITEM_M_SEQ, "m-seq");
			h_int(b, m->seq);
			H(b, "</td>");
			td_open(v, M_ITEM_M_TEXT, "m-text");
			h_text(b, m->text);
			H(b, "</td>");
			td_open(v, M_ITEM_M_RESPONSIBLE, NULL);
			put_person(v, m->responsible_id);
			H(b, "</td>");
			td_open(v, M_ITEM_M_DUE, NULL);
			h_day(b, m->due_on);
			if (open && m->due_on != DAY_NONE && m->due_on < v->today) {
				H(b, " <span class=\"badge overdue\">");
				h_text(b, T(r, M_OVERDUE));
				H(b, "</span>");
			}
			H(b, "</td>");
			td_open(v, M_ITEM_M_STATUS, NULL);
			measure_status_badge(v, m);
			if (m->status == MS_DONE && m->done_on != DAY_NONE) {
				H(b, " <span class=\"muted nowrap\">");
				h_text(b, T(r, M_ITEM_M_DONE_ON));
				H(b, " ");
				h_day(b, m->done_on);
				H(b, "</span>");
			}
			H(b, "</td>");
			td_open(v, M_ITEM_M_EVIDENCE, "m-evidence");
			if (m->evidence && *m->evidence)
				h_text(b, m->evidence);
			else
				H(b, "—");
			H(b, "</td></tr>");
			if (v->can_work)
				measure_form(v, m);
		}
		H(b, "</tbody></table></div>");
	}
	if (v->can_work)
		add_measure_form(v);
	H(b, "</section>");
}

/* One button that posts an action with no fields. */
static void simple_action(struct view *v, int a, const char *cls)
{
	struct buf *b = &v->p.b;
	struct buf path = BUF_INIT;
	buf_puts(&path, "/items/");
	buf_puts(&path, v->it.ext_id);
	buf_puts(&path, "/act");
	form_begin(&v->p, buf_str(&path));
	H(b, "<input type=\"hidden\" name=\"action\" value=\"");
	h_attr(b, code_str(&T_ITEM_ACTION, a));
	H(b, "\"><button type=\"submit\"");
	if (cls) {
		H(b, " class=\"");
		h_attr(b, cls);
		H(b, "\"");
	}
	H(b, ">");
	h_text(b, T(v->r, action_msg(a)));
	H(b, "</button>");
	form_end(&v->p);
	buf_free(&path);
}

static void reason_field(struct view *v, int a, const char *label, bool required)
{
	struct buf *b = &v->p.b;
	const char *code = code_str(&T_ITEM_ACTION, a);
	bool here = problem_at(v, "act") && v->act == a;
	bool bad = here && strcmp(v->e->field, "reason") == 0;
	char id[48], eid[48];
	snprintf(id, sizeof id, "a-%s-reason", code);
	snprintf(eid, sizeof eid, "a-%s-error", code);
	H(b, "<div class=\"field\"><label for=\"");
	h_attr(b, id);
	H(b, "\">");
	h_text(b, label);
	if (required)
		H(b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
	H(b, "</label><textarea rows=\"3\" maxlength=\"1000\" id=\"");
	h_attr(b, id);
	H(b, "\" name=\"reason\"");
	if (required)
		H(b, " required");
	if (bad) {
		H(b, " aria-invalid=\"true\" aria-describedby=\"");
		h_attr(b, eid);
		H(b, "\"");
	}
	H(b, ">");
	const char *posted = here ? form_get(v->r, "reason") : NULL;
	h_text(b, posted ? posted : "");
	H(b, "</textarea>");
	if (bad)
		error_para(v, eid);
	H(b, "</div>");
}

/* A box with fields: sign off, send back, reopen. */
static void action_box(struct view *v, int a)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	const char *code = code_str(&T_ITEM_ACTION, a);
	bool here = problem_at(v, "act") && v->act == a;
	struct buf path = BUF_INIT;
	H(b, "<div class=\"item-box act-box\" id=\"act-");
	h_attr(b, code);
	H(b, "\"><h3>");
	h_text(b, T(r, action_msg(a)));
	H(b, "</h3>");
	buf_puts(&path, "/items/");
	buf_puts(&path, v->it.ext_id);
	buf_puts(&path, "/act");
	form_begin(&v->p, buf_str(&path));
	H(b, "<input type=\"hidden\" name=\"action\" value=\"");
	h_attr(b, code);
	H(b, "\">");
	if (a == IA_SIGNOFF) {
		H(b, "<p class=\"muted\">");
		h_text(b, T(r, M_ITEM_SIGNOFF_HELP));
		H(b, "</p>");
		const char *cl = here && form_get(r, "closure") ? form_get(r, "closure") : "resolved";
		bool bad = here && strcmp(v->e->field, "closure") == 0;
		H(b, "<div class=\"field\"><label for=\"a-signoff-closure\">");
		h_text(b, T(r, M_ITEM_CLOSURE_TYPE));
		H(b, "</label><select id=\"a-signoff-closure\" name=\"closure\"");
		if (bad)
			H(b, " aria-invalid=\"true\"");
		H(b, ">");
		for (int c = 0; c < CL_COUNT; c++) {
			H(b, "<option value=\"");
			h_attr(b, code_str(&T_CLOSURE, c));
			H(b, "\"");
			if (strcmp(cl, code_str(&T_CLOSURE, c)) == 0)
				H(b, " selected");
			H(b, ">");
			h_text(b, code_text(r, &T_CLOSURE, c));
			H(b, "</option>");
		}
		H(b, "</select>");
		if (bad)
			error_para(v, NULL);
		H(b, "</div>");
		reason_field(v, a, T(r, M_ITEM_SIGNOFF_NOTE), false);
	} else {
		reason_field(v, a, T(r, a == IA_SENDBACK ? M_ITEM_SENDBACK_REASON : M_ITEM_REOPEN_REASON),
			     true);
	}
	if (here && strcmp(v->e->field, "reason") != 0 && strcmp(v->e->field, "closure") != 0)
		error_para(v, NULL);
	H(b, "<button type=\"submit\"");
	if (a == IA_SENDBACK)
		H(b, " class=\"danger\"");
	H(b, ">");
	h_text(b, T(r, action_msg(a)));
	H(b, "</button>");
	form_end(&v->p);
	H(b, "</div>");
	buf_free(&path);
}

/* Whether the actor verifies at the owner's own level (may not sign off). */
static bool verifies_same_level(const struct view *v)
{
	const struct actor *ac = &v->r->actor;
	for (int i = 0; i < ac->grants.n; i++)
		if (role_allows(ac->grants.v[i].role, PA_ITEM_VERIFY) &&
		    path_covers(ac->grants.v[i].unit_path, v->it.upath))
			return true;
	return false;
}

static void render_actions(struct view *v)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	H(b, "<section id=\"actions\" aria-labelledby=\"h-actions\"><h2 id=\"h-actions\">");
	h_text(b, T(r, M_ITEM_ACTIONS));
	H(b, "</h2>");
	/* A refusal of an action that has no box here (or no box at all). */
	bool boxed = problem_at(v, "act") && v->act >= 0 && v->allowed[v->act] &&
		     (v->act == IA_SIGNOFF || v->act == IA_SENDBACK || v->act == IA_REOPEN);
	if (problem_at(v, "act") && !boxed)
		error_para(v, "act-error");
	/* Why an expected button is missing. */
	if (v->it.status == ST_REVIEW && !v->allowed[IA_SIGNOFF] &&
	    !(problem_at(v, "act") && v->e->code == QD_NOT_ABOVE)) {
		H(b, "<p class=\"item-hint\">");
		h_text(b, T(r, verifies_same_level(v) ? M_ITEM_HINT_NOT_ABOVE
						       : M_ITEM_HINT_WAIT_REVIEW));
		H(b, "</p>");
	}
	if (item_accepts_measure_work(&v->it) && v->open_measures > 0 &&
	    actor_can(&r->actor, PA_ITEM_WORK, v->it.upath)) {
		H(b, "<p class=\"item-hint\">");
		h_text(b, T(r, M_ITEM_HINT_OPEN_MEASURES));
		h_int(b, v->open_measures);
		H(b, "</p>");
	}
	if (!any_action(v)) {
		H(b, "<p class=\"muted\">");
		h_text(b, T(r, M_ITEM_NO_ACTIONS));
		H(b, "</p></section>");
		return;
	}
	bool row = v->allowed[IA_START] || v->allowed[IA_REQUEST_SIGNOFF] ||
		   v->allowed[IA_CLAIM] || v->can_edit;
	if (row)
		H(b, "<div class=\"act-row\">");
	if (v->allowed[IA_START])
		simple_action(v, IA_START, NULL);
	if (v->allowed[IA_REQUEST_SIGNOFF])
		simple_action(v, IA_REQUEST_SIGNOFF, NULL);
	if (v->allowed[IA_CLAIM])
		simple_action(v, IA_CLAIM, "secondary");
	if (v->can_edit) {
		H(b, "<a class=\"button secondary\" href=\"");
		item_href(b, &v->it, "/edit");
		H(b, "\">");
		h_text(b, T(r, M_ITEM_EDIT));
		H(b, "</a>");
	}
	if (row)
		H(b, "</div>");
	if (v->allowed[IA_SIGNOFF] || v->allowed[IA_SENDBACK] || v->allowed[IA_REOPEN]) {
		H(b, "<div class=\"act-boxes\">");
		if (v->allowed[IA_SIGNOFF])
			action_box(v, IA_SIGNOFF);
		if (v->allowed[IA_SENDBACK])
			action_box(v, IA_SENDBACK);
		if (v->allowed[IA_REOPEN])
			action_box(v, IA_REOPEN);
		H(b, "</div>");
	}
	H(b, "</section>");
}

/* --- the timeline -------------------------------------------------------- */

static enum msg_id event_msg(const char *action)
{
	static const struct {
		const char *action;
		enum msg_id m;
	} evs[] = {
		{"item.create", M_ITEM_EV_CREATE},      {"item.start", M_ITEM_EV_START},
		{"item.request_signoff", M_ITEM_EV_REQUEST}, {"item.signoff", M_ITEM_EV_SIGNOFF},
		{"item.sendback", M_ITEM_EV_SENDBACK},  {"item.reopen", M_ITEM_EV_REOPEN},
		{"item.claim", M_ITEM_EV_CLAIM},        {"item.update", M_ITEM_EV_UPDATE},
		{"measure.create", M_ITEM_EV_MCREATE},  {"measure.update", M_ITEM_EV_MUPDATE},
	};
	for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++)
		if (action && strcmp(action, evs[i].action) == 0)
			return evs[i].m;
	return M_COUNT;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *x = o ? json_object_get(o, key) : NULL;
	return json_is_string(x) ? json_string_value(x) : NULL;
}

static bool jsame(json_t *a, json_t *b, const char *key)
{
	json_t *x = a ? json_object_get(a, key) : NULL, *y = b ? json_object_get(b, key) : NULL;
	if (!x && !y)
		return true;
	return x && y && json_equal(x, y);
}

/* "label old → new" for a day or code field that changed. */
static void change_from_to(struct view *v, bool *first, enum msg_id label, json_t *before,
			   json_t *after, const char *key, const struct code_table *codes)
{
	struct buf *b = &v->p.b;
	if (jsame(before, after, key))
		return;
	if (!*first)
		h_text(b, T(v->r, M_ITEM_SEP));
	*first = false;
	h_text(b, T(v->r, label));
	H(b, " ");
	const char *vals[2] = {jstr(before, key), jstr(after, key)};
	for (int i = 0; i < 2; i++) {
		if (i)
			H(b, " → ");
		int c = vals[i] && codes ? code_parse(codes, vals[i]) : -1;
		if (c >= 0)
			h_text(b, code_text(v->r, codes, c));
		else
			h_text(b, vals[i] ? vals[i] : "—");
	}
}

static void change_named(struct view *v, bool *first, enum msg_id label, json_t *before,
			 json_t *after, const char *key)
{
	if (jsame(before, after, key))
		return;
	if (!*first)
		h_text(&v->p.b, T(v->r, M_ITEM_SEP));
	*first = false;
	h_text(&v->p.b, T(v->r, label));
}

static void event_changes(struct view *v, const struct event *ev)
{
	struct buf *b = &v->p.b;
	json_t *before = ev->before ? json_loads(ev->before, 0, NULL) : NULL;
	json_t *after = ev->after ? json_loads(ev->after, 0, NULL) : NULL;
	bool first = true;
	size_t mark = b->len;
	H(b, "<div class=\"ev-note\">");
	size_t start = b->len;
	if (strcmp(ev->action, "item.update") == 0) {
		h_text(b, T(v->r, M_ITEM_EV_CHANGED));
		size_t after_label = b->len;
		change_named(v, &first, M_FORM_TITLE, before, after, "title");
		change_named(v, &first, M_ITEM_DETAIL, before, after, "detail");
		change_from_to(v, &first, M_ITEM_KIND, before, after, "kind", &T_ITEM_KIND);
		change_from_to(v, &first, M_ITEM_SOURCE, before, after, "source", &T_SOURCE);
		change_from_to(v, &first, M_ITEM_LEVEL, before, after, "level", &T_LEVEL);
		change_named(v, &first, M_ITEM_CATEGORY, before, after, "category_id");
		change_named(v, &first, M_ITEM_UNIT, before, after, "unit_id");
		change_named(v, &first, M_ITEM_RESPONSIBLE, before, after, "responsible_id");
		change_from_to(v, &first, M_ITEM_MODE, before, after, "mode", &T_MODE);
		change_from_to(v, &first, M_ITEM_FOUND_ON, before, after, "found_on", NULL);
		change_from_to(v, &first, M_ITEM_DUE_ON, before, after, "due_on", NULL);
		change_from_to(v, &first, M_ITEM_EXT_ID, before, after, "ext_id", NULL);
		if (b->len == after_label)
			b->len = start; /* nothing we name changed */
	} else if (strcmp(ev->action, "measure.update") == 0) {
		change_from_to(v, &first, M_ITEM_M_STATUS, before, after, "status",
			       &T_MEASURE_STATUS);
		change_from_to(v, &first, M_ITEM_M_DUE, before, after, "due_on", NULL);
		change_named(v, &first, M_ITEM_M_RESPONSIBLE, before, after, "responsible_id");
		change_named(v, &first, M_ITEM_EV_TEXT, before, after, "text");
		if (!jsame(before, after, "evidence")) {
			if (!first)
				h_text(b, T(v->r, M_ITEM_SEP));
			first = false;
			h_text(b, T(v->r, M_ITEM_M_EVIDENCE));
			h_text(b, T(v->r, M_ITEM_COLON));
			const char *e = jstr(after, "evidence");
			h_text(b, e && *e ? e : "—");
		}
	} else if (strcmp(ev->action, "measure.create") == 0) {
		const char *t = jstr(after, "text");
		if (t)
			h_text(b, t);
	} else if (strcmp(ev->action, "item.create") == 0) {
		if (ev->note && strcmp(ev->note, "already fixed") == 0)
			h_text(b, T(v->r, M_ITEM_EV_ALREADY_FIXED));
	} else if (strcmp(ev->action, "item.signoff") == 0 && ev->note) {
		/* "closure[: note]" */
		const char *colon = strstr(ev->note, ": ");
		size_t n = colon ? (size_t)(colon - ev->note) : strlen(ev->note);
		char code[32];
		snprintf(code, sizeof code, "%.*s", (int)(n < sizeof code ? n : sizeof code - 1),
			 ev->note);
		int c = code_parse(&T_CLOSURE, code);
		if (c >= 0) {
			h_text(b, T(v->r, M_ITEM_CLOSURE_TYPE));
			h_text(b, T(v->r, M_ITEM_COLON));
			h_text(b, code_text(v->r, &T_CLOSURE, c));
			if (colon) {
				h_text(b, T(v->r, M_ITEM_SEP));
				h_text(b, colon + 2);
			}
		} else {
			h_text(b, ev->note);
		}
	} else if (ev->note && *ev->note) {
		h_text(b, ev->note);
	}
	if (b->len == start)
		b->len = mark; /* no note: drop the empty div */
	else
		H(b, "</div>");
	b->p[b->len] = '\0';
	json_decref(before);
	json_decref(after);
}

static int measure_seq(const struct view *v, int64_t id)
{
	for (int i = 0; i < v->ms.n; i++)
		if (v->ms.v[i].id == id)
			return v->ms.v[i].seq;
	return 0;
}

static void render_history(struct view *v)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	H(b, "<section id=\"history\" aria-labelledby=\"h-history\"><h2 id=\"h-history\">");
	h_text(b, T(r, M_ITEM_HISTORY));
	H(b, "</h2>");
	if (v->evs.n == 0) {
		H(b, "<p class=\"muted\">");
		h_text(b, T(r, M_ITEM_NO_HISTORY));
		H(b, "</p></section>");
		return;
	}
	H(b, "<ol class=\"timeline\">");
	for (int i = 0; i < v->evs.n; i++) {
		const struct event *ev = &v->evs.v[i];
		char w3c[32], shown[20];
		time_format_w3c(ev->at, w3c);
		/* 2024-01-05T09:30:00+08:00 -> 2024-01-05 09:30 */
		snprintf(shown, sizeof shown, "%.10s %.5s", w3c, w3c + 11);
		/* class ev-item-signoff etc. */
		char cls[48];
		snprintf(cls, sizeof cls, "%s", ev->action ? ev->action : "");
		for (char *c = cls; *c; c++)
			if (*c == '.' || *c == '_')
				*c = '-';
		H(b, "<li class=\"ev ev-");
		h_attr(b, cls);
		H(b, "\"><time datetime=\"");
		h_attr(b, w3c);
		H(b, "\">");
		h_text(b, shown);
		H(b, "</time> <span class=\"who\">");
		h_text(b, who_name(v, ev->account_id));
		H(b, "</span> <span class=\"what\">");
		enum msg_id m = event_msg(ev->action);
		h_text(b, m != M_COUNT ? T(r, m) : (ev->action ? ev->action : ""));
		H(b, "</span>");
		if (ev->entity && strcmp(ev->entity, "measure") == 0) {
			int seq = measure_seq(v, ev->entity_id);
			if (seq > 0) {
				H(b, " <span class=\"muted\">");
				h_text(b, T(r, M_ITEM_EV_MEASURE));
				H(b, " ");
				h_int(b, seq);
				H(b, "</span>");
			}
		}
		event_changes(v, ev);
		H(b, "</li>");
	}
	H(b, "</ol></section>");
}

#define ITEM_OPINIONS_SHOWN 20

/* The opinions from the public joined to the item (merged duplicates). */
static void render_opinions(struct view *v)
{
	struct buf *b = &v->p.b;
	struct req *r = v->r;
	if (v->total_ops <= 0)
		return;
	H(b, "<section id=\"opinions\" aria-labelledby=\"h-opinions\"><h2 id=\"h-opinions\">");
	h_text(b, T(r, M_ITEM_OPINIONS));
	H(b, " <span class=\"count\">");
	h_int(b, v->total_ops);
	H(b, "</span></h2><ul class=\"plain\">");
	for (int i = 0; i < v->nops; i++) {
		const struct opinion *o = &v->ops[i];
		H(b, "<li><a href=\"/opinions/");
		h_int(b, o->id);
		H(b, "\">");
		h_day(b, day_of_time(o->received_at));
		H(b, " · ");
		h_text(b, code_text(r, &T_CHANNEL, o->channel));
		H(b, " · ");
		h_text(b, code_text(r, &T_OPINION_STATUS, o->status));
		H(b, "</a>");
		if (o->rating >= 0) {
			H(b, " · ");
			h_text(b, code_text(r, &T_RATING, o->rating));
		}
		H(b, "</li>");
	}
	if (v->total_ops > v->nops) {
		H(b, "<li class=\"muted\">… ");
		h_int(b, v->total_ops - v->nops);
		H(b, "</li>");
	}
	H(b, "</ul></section>");
}

static void view_free(struct view *v)
{
	opinions_free(v->ops, v->nops);
	item_clear(&v->it);
	unit_clear(&v->u);
	measure_array_free(&v->ms);
	event_array_free(&v->evs);
	for (int i = 0; i < v->nwho; i++)
		free(v->whos[i].name);
	free(v->whos);
	buf_free(&v->p.b);
}

static enum MHD_Result render(struct req *r, const char *ref, const char *where, int64_t mid,
			      const struct qd_error *problem, unsigned status)
{
	struct view v = {0};
	struct qd_error e = {0};
	v.r = r;
	v.where = where;
	v.mid = mid;
	v.e = problem;
	v.act = -1;
	v.today = day_today();
	if (problem && where && strcmp(where, "act") == 0) {
		const char *a = form_get(r, "action");
		v.act = a ? code_parse(&T_ITEM_ACTION, a) : -1;
	}
	if (app_item_get(r->app, &r->actor, ref, &v.it, &e) != QD_OK) {
		view_free(&v);
		return reply_error(r, &e);
	}
	qd_err rc = r->app->st->ops->unit_get(r->app->st, v.it.unit_id, &v.u);
	if (rc != QD_OK)
		qd_fail(&e, rc, "unit", NULL);
	else if (app_measures_of(r->app, v.it.id, &v.ms, &e) != QD_OK ||
		 app_item_history(r->app, &r->actor, v.it.id, &v.evs, &e) != QD_OK ||
		 app_item_opinions(r->app, &r->actor, &v.it, ITEM_OPINIONS_SHOWN, &v.ops, &v.nops,
				   &v.total_ops, &e) != QD_OK)
		rc = e.code;
	if (rc != QD_OK) {
		view_free(&v);
		return reply_error(r, &e);
	}
	compute_allowed(&v);
	page_begin(&v.p, r, v.it.title, "items");
	render_head(&v);
	render_details(&v);
	render_opinions(&v);
	render_measures(&v);
	render_actions(&v);
	render_history(&v);
	enum MHD_Result res = page_end(&v.p, status);
	view_free(&v);
	return res;
}

enum MHD_Result item_page_problem(struct req *r, const char *ref, const char *where,
				  int64_t measure_id, const struct qd_error *e)
{
	qd_err code = e->code == QD_OK ? QD_INTERNAL : e->code;
	return render(r, ref, where, measure_id, e, (unsigned)qd_err_status(code));
}

enum MHD_Result web_item(struct req *r)
{
	return render(r, r->args[0], NULL, 0, NULL, 200);
}

/* --- POST /items/:ref/act ------------------------------------------------ */

enum MHD_Result web_item_act(struct req *r)
{
	static const char *const names[] = {"action", "closure", "reason", NULL};
	struct qd_error e = {0};
	if (!item_form_fields_ok(r, names, &e))
		return reply_error(r, &e);
	struct item it;
	if (app_item_get(r->app, &r->actor, r->args[0], &it, &e) != QD_OK)
		return reply_error(r, &e);
	const char *as = form_get(r, "action"), *cs = form_get(r, "closure");
	const char *reason = form_get(r, "reason");
	int act = as ? code_parse(&T_ITEM_ACTION, as) : -1;
	int closure = -1;
	if (act < 0) {
		qd_fail(&e, as ? QD_BAD_FIELD : QD_MISSING_FIELD, "action", "%.40s", as ? as : "action");
		goto refused;
	}
	if (cs && act != IA_SIGNOFF) {
		qd_fail(&e, QD_UNKNOWN_FIELD, "closure", "only for sign-off");
		goto refused;
	}
	if (cs && *cs && (closure = code_parse(&T_CLOSURE, cs)) < 0) {
		qd_fail(&e, QD_BAD_FIELD, "closure", NULL);
		goto refused;
	}
	if (reason && act != IA_SIGNOFF && act != IA_SENDBACK && act != IA_REOPEN) {
		qd_fail(&e, QD_UNKNOWN_FIELD, "reason", "this action takes no reason");
		goto refused;
	}
	if (reason && !*reason && act == IA_SIGNOFF)
		reason = NULL; /* the sign-off note is optional */
	struct item out;
	char *note = item_form_text(reason);
	qd_err rc = app_item_act(r->app, &r->actor, it.id, act, closure, note, &out, &e);
	free(note);
	if (rc != QD_OK)
		goto refused;
	item_clear(&out);
	struct buf to = BUF_INIT;
	buf_puts(&to, "/items/");
	buf_puts(&to, it.ext_id); /* letters, digits, - and _ only */
	buf_puts(&to, "?ok=");
	buf_puts(&to, code_str(&T_ITEM_ACTION, act));
	enum MHD_Result res = reply_redirect(r, buf_str(&to));
	buf_free(&to);
	item_clear(&it);
	return res;
refused:;
	/* Re-render by number: the reference in the URL may be either form. */
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)it.id);
	item_clear(&it);
	return item_page_problem(r, ref, "act", 0, &e);
}
