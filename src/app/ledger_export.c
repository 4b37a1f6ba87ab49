/* ledger_export.c: the lists as ledger tables (问题清单, 整改清单, 责任清单,
 * 意见建议) for the CSV and xlsx writers. Opinions go out without names or
 * contacts: a ledger file travels. */
#include "app.h"
#include "ledger_names.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

#define EXPORT_PAGE 2000

void export_request_init(struct export_request *rq, enum ledger_list list, int64_t unit_id)
{
	memset(rq, 0, sizeof *rq);
	rq->list = list;
	rq->unit_id = unit_id;
	rq->items = (struct item_filter){.kind = -1, .status = -1, .mode = -1, .level = -1,
					 .source = -1, .due_from = DAY_NONE, .due_to = DAY_NONE};
	rq->measure_status = -1;
	rq->measure_open = -1;
	rq->measure_overdue = -1;
	opinion_query_init(&rq->opinions, NULL);
	rq->lang = "zh";
}

static const char *label(const struct code_table *t, int v, const char *lang)
{
	return v >= 0 ? code_label(t, v, lang) : "";
}

/* The measures column of an item row: the texts of its measures that are
 * not cancelled, numbered when there are several. */
static void measures_text(const struct measure_array *ms, struct buf *b)
{
	int live = 0;
	for (int i = 0; i < ms->n; i++)
		live += ms->v[i].status != MS_CANCELLED;
	int k = 0;
	for (int i = 0; i < ms->n; i++) {
		if (ms->v[i].status == MS_CANCELLED)
			continue;
		if (k)
			buf_putc(b, '\n');
		if (live > 1)
			buf_printf(b, "%d. ", k + 1);
		buf_puts(b, ms->v[i].text);
		k++;
	}
}

/* 完成时间: the day the last measure was done, when every measure that is
 * not cancelled is done. */
static int done_day(const struct measure_array *ms)
{
	int day = DAY_NONE, live = 0;
	for (int i = 0; i < ms->n; i++) {
		if (ms->v[i].status == MS_CANCELLED)
			continue;
		live++;
		if (ms->v[i].status != MS_DONE)
			return DAY_NONE;
		if (day == DAY_NONE || ms->v[i].done_on > day)
			day = ms->v[i].done_on;
	}
	return live ? day : DAY_NONE;
}

static void item_row(struct table *t, struct ledger_names *nm, const struct item *it,
		     const struct measure_array *ms, const char *lang)
{
	struct tcell *c = table_add_row(t);
	struct buf b = BUF_INIT;
	measures_text(ms, &b);
	tcell_int(&c[IC_SEQ], t->nrows);
	tcell_text(&c[IC_EXT_ID], it->ext_id);
	tcell_text(&c[IC_UNIT], ledger_unit_path(nm, it->unit_id));
	tcell_text(&c[IC_UNIT_CODE], ledger_unit_code(nm, it->unit_id));
	tcell_text(&c[IC_KIND], label(&T_ITEM_KIND, it->kind, lang));
	tcell_text(&c[IC_SOURCE], label(&T_SOURCE, it->source, lang));
	tcell_text(&c[IC_LEVEL], label(&T_LEVEL, it->level, lang));
	tcell_text(&c[IC_CATEGORY], ledger_category(nm, it->category_id));
	tcell_text(&c[IC_TITLE], it->title);
	tcell_text(&c[IC_DETAIL], it->detail);
	tcell_text(&c[IC_MEASURES], buf_str(&b));
	tcell_text(&c[IC_RESPONSIBLE], ledger_person(nm, it->responsible_id));
	tcell_text(&c[IC_LEADER], ledger_person(nm, it->claimant_id));
	tcell_text(&c[IC_MODE], label(&T_MODE, it->mode, lang));
	tcell_date(&c[IC_FOUND], it->found_on);
	tcell_date(&c[IC_DUE], it->due_on);
	tcell_text(&c[IC_STATUS], label(&T_STATUS, it->status, lang));
	tcell_date(&c[IC_DONE], done_day(ms));
	tcell_date(&c[IC_CLOSED], it->status == ST_CLOSED ? it->closed_on : DAY_NONE);
	tcell_text(&c[IC_CLOSURE], it->status == ST_CLOSED ? label(&T_CLOSURE, it->closure, lang) : "");
	tcell_text(&c[IC_CASE_TYPE], label(&T_CASE_TYPE, it->case_type, lang));
	if (it->funds)
		tcell_int(&c[IC_FUNDS], it->funds);
	if (it->beneficiaries)
		tcell_int(&c[IC_BENEFICIARIES], it->beneficiaries);
	buf_free(&b);
}

static void measure_row(struct table *t, struct ledger_names *nm, const struct item *it,
			const struct measure *m, const char *lang)
{
	struct tcell *c = table_add_row(t);
	tcell_int(&c[MC_SEQ], t->nrows);
	tcell_text(&c[MC_EXT_ID], it->ext_id);
	tcell_int(&c[MC_MSEQ], m->seq);
	tcell_text(&c[MC_UNIT], ledger_unit_path(nm, it->unit_id));
	tcell_text(&c[MC_TITLE], it->title);
	tcell_text(&c[MC_TEXT], m->text);
	tcell_text(&c[MC_RESPONSIBLE], ledger_person(nm, m->responsible_id));
	tcell_date(&c[MC_DUE], m->due_on);
	tcell_text(&c[MC_STATUS], label(&T_MEASURE_STATUS, m->status, lang));
	tcell_date(&c[MC_DONE], m->status == MS_DONE ? m->done_on : DAY_NONE);
	tcell_text(&c[MC_EVIDENCE], m->evidence);
}

/* Whether a measure passes the rectification list's own filter, as the
 * store's measure_list applies it on the list page. */
static bool measure_wanted(const struct export_request *rq, const struct measure *m, int today)
{
	bool open = m->status == MS_OPEN || m->status == MS_IN_PROGRESS;
	bool overdue = open && m->due_on != DAY_NONE && m->due_on < today;
	if (rq->measure_status >= 0 && m->status != rq->measure_status)
		return false;
	if (rq->measure_open >= 0 && open != (rq->measure_open == 1))
		return false;
	if (rq->measure_overdue >= 0 && overdue != (rq->measure_overdue == 1))
		return false;
	return !rq->measure_responsible || m->responsible_id == rq->measure_responsible;
}

static qd_err too_many(struct qd_error *e)
{
	return qd_fail(e, QD_TOO_LARGE, NULL, "more than %d rows: narrow the unit or the filter",
		       EXPORT_MAX_ROWS);
}

/* Items of the filter, in the order of their numbers, each with its
 * measures: rows of the problem list, or of the rectification list. */
static qd_err export_items(struct app *a, const struct actor *ac, const struct export_request *rq,
			   struct ledger_names *nm, struct table *t, struct qd_error *e)
{
	struct item_filter f = rq->items;
	f.sort = SORT_EXT_ID;
	f.limit = EXPORT_PAGE;
	f.offset = 0;
	f.after_ext_id = NULL;
	char *after = NULL; /* each page starts after the last number of the one before */
	qd_err r = QD_OK;
	int today = day_today();
	for (bool more = true; r == QD_OK && more;) {
		struct item_array items = {0};
		r = app_item_list(a, ac, rq->unit_id, &f, &items, &more, e);
		if (r == QD_OK && items.n) {
			xstrset(&after, items.v[items.n - 1].ext_id);
			f.after_ext_id = after;
		}
		for (int i = 0; r == QD_OK && i < items.n; i++) {
			struct measure_array ms = {0};
			r = app_measures_of(a, items.v[i].id, &ms, e);
			if (r == QD_OK && rq->list == LL_ITEMS)
				item_row(t, nm, &items.v[i], &ms, rq->lang);
			for (int k = 0; r == QD_OK && rq->list == LL_MEASURES && k < ms.n; k++)
				if (measure_wanted(rq, &ms.v[k], today))
					measure_row(t, nm, &items.v[i], &ms.v[k], rq->lang);
			measure_array_free(&ms);
			if (r == QD_OK && t->nrows > EXPORT_MAX_ROWS)
				r = too_many(e);
		}
		item_array_free(&items);
	}
	free(after);
	return r;
}

static qd_err export_responsibility(struct app *a, const struct actor *ac,
				    const struct export_request *rq, struct table *t,
				    struct qd_error *e)
{
	struct resp_row_array rows = {0};
	qd_err r = app_responsibility(a, ac, rq->unit_id, EXPORT_MAX_ROWS, &rows, e);
	for (int i = 0; r == QD_OK && i < rows.n; i++) {
		const struct resp_row *x = &rows.v[i];
		struct tcell *c = table_add_row(t);
		tcell_int(&c[RC_SEQ], t->nrows);
		tcell_text(&c[RC_PERSON], x->person_name);
		tcell_text(&c[RC_UNIT], x->unit_name);
		tcell_int(&c[RC_TOTAL], x->total);
		tcell_int(&c[RC_OPEN], x->open);
		tcell_int(&c[RC_OVERDUE], x->overdue);
		tcell_date(&c[RC_NEXT_DUE], x->next_due);
	}
	resp_row_array_free(&rows);
	return r;
}

static void opinion_row(struct table *t, struct ledger_names *nm, struct app *a,
			const struct opinion *o, const char *lang)
{
	struct tcell *c = table_add_row(t);
	tcell_int(&c[OC_SEQ], t->nrows);
	tcell_int(&c[OC_ID], o->id);
	tcell_date(&c[OC_RECEIVED], day_of_time(o->received_at));
	tcell_text(&c[OC_CHANNEL], label(&T_CHANNEL, o->channel, lang));
	tcell_text(&c[OC_UNIT], ledger_unit_path(nm, o->unit_id));
	tcell_text(&c[OC_TEXT], o->text);
	tcell_text(&c[OC_STATUS], label(&T_OPINION_STATUS, o->status, lang));
	if (o->item_id) {
		struct item it;
		item_init(&it);
		if (a->st->ops->item_get(a->st, o->item_id, &it) == QD_OK)
			tcell_text(&c[OC_EXT_ID], it.ext_id);
		item_clear(&it);
	}
	tcell_text(&c[OC_REPLY], o->reply);
	if (o->response_wdays >= 0 && o->responded_at)
		tcell_int(&c[OC_RESPONSE_DAYS], o->response_wdays);
	tcell_text(&c[OC_RATING], label(&T_RATING, o->rating, lang));
}

static qd_err export_opinions(struct app *a, const struct actor *ac,
			      const struct export_request *rq, struct ledger_names *nm,
			      struct table *t, struct qd_error *e)
{
	struct unit u = {0};
	qd_err r = app_unit_get(a, ac, rq->unit_id, &u, e);
	struct opinion_query q = rq->opinions;
	q.upath = u.path;
	q.limit = EXPORT_PAGE;
	q.offset = 0;
	q.before_id = 0;
	bool keyset = q.order == OQ_ID_DESC;
	for (bool more = r == QD_OK; r == QD_OK && more; q.offset += keyset ? 0 : EXPORT_PAGE) {
		struct opinion *v = NULL;
		int n = 0;
		r = app_opinion_list(a, ac, &q, &v, &n, &more, e);
		if (keyset && r == QD_OK && n)
			q.before_id = v[n - 1].id;
		for (int i = 0; r == QD_OK && i < n; i++)
			opinion_row(t, nm, a, &v[i], rq->lang);
		opinions_free(v, n);
		if (r == QD_OK && t->nrows > EXPORT_MAX_ROWS)
			r = too_many(e);
	}
	unit_clear(&u);
	return r;
}

qd_err app_export(struct app *a, const struct actor *ac, const struct export_request *rq,
		  struct table *out, struct qd_error *e)
{
	const struct ledger_list_def *d = ledger_list(rq->list);
	if (!d)
		return qd_fail(e, QD_BAD_PARAM, "list", NULL);
	bool en = rq->lang && strcmp(rq->lang, "en") == 0;
	table_init(out, en ? d->en : d->zh, ledger_table_cols(rq->list, rq->lang), d->ncols);
	struct ledger_names nm;
	ledger_names_init(&nm, a->st);
	qd_err r;
	switch (rq->list) {
	case LL_ITEMS:
	case LL_MEASURES:
		r = export_items(a, ac, rq, &nm, out, e);
		break;
	case LL_RESPONSIBILITY:
		r = export_responsibility(a, ac, rq, out, e);
		break;
	default:
		r = export_opinions(a, ac, rq, &nm, out, e);
		break;
	}
	ledger_names_free(&nm);
	if (r != QD_OK)
		table_free(out);
	return r;
}
