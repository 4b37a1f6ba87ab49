/* gen_ledger.c: three years of items, their measures and the public's
 * opinions, in found-day order, through the bulk path (app/bulk.c). */
#include "gen.h"
#include "../domain/codes.h"
#include "../domain/opinion.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_ITEMS 20000

struct batch {
	struct gen *g;
	struct bulk *bulk;
	int64_t end;        /* items to reach in this batch */
	int *deeds, *cases; /* indexes into demo_others */
	int ndeeds, ncases;
};

static int pick(struct demo_rng *r, const int *per_mille, int n)
{
	int x = demo_range(r, 0, 999);
	for (int i = 0; i < n - 1; i++) {
		if (x < per_mille[i])
			return i;
		x -= per_mille[i];
	}
	return n - 1;
}

static int level_of(struct demo_rng *r, int unit_level)
{
	if (unit_level <= 2)
		return demo_chance(r, 500) ? LVL_LEADERSHIP_TEAM : LVL_LEADER;
	return unit_level == 5 ? LVL_MEMBER : LVL_ORGANIZATION;
}

static int closure_of(struct demo_rng *r)
{
	static const int share[CL_COUNT] = {900, 30, 20, 20, 20, 10};
	return pick(r, share, CL_COUNT);
}

/* Title, detail and theme of an item. */
static int item_text(struct batch *b, struct item *it, const struct gen_unit *u)
{
	struct demo_rng *r = &b->g->rng;
	int n, theme;
	const char *title, *detail = "";
	if (it->kind == IK_DEED || it->kind == IK_CASE) {
		const struct demo_other *o = demo_others(&n);
		const int *pool = it->kind == IK_DEED ? b->deeds : b->cases;
		int np = it->kind == IK_DEED ? b->ndeeds : b->ncases;
		const struct demo_other *x = &o[pool[demo_range(r, 0, np - 1)]];
		title = x->title;
		detail = x->detail ? x->detail : "";
		theme = x->theme;
	} else if (it->source == SRC_OPINION) {
		const struct demo_optext *t = demo_optexts(u->kind, &n);
		const struct demo_optext *x = &t[demo_range(r, 0, n - 1)];
		title = x->title;
		detail = x->text;
		theme = x->theme;
	} else {
		struct demo_titles t = demo_level_titles(it->level >= 0 ? it->level
									: level_of(r, u->level));
		const struct demo_title *x = &t.v[demo_range(r, 0, t.n - 1)];
		title = x->text;
		theme = x->theme;
		if (demo_chance(r, 400))
			detail = demo_pick_detail_lead(r, it->level >= 0 ? it->level : LVL_ORGANIZATION);
	}
	it->title = xstrdup(title);
	it->detail = xstrdup(detail ? detail : "");
	return theme;
}

static void item_kind_source(struct demo_rng *r, struct item *it, const struct gen_unit *u)
{
	static const int kind_share[IK_COUNT] = {880, 60, 60};
	static const int source_share[SRC_COUNT] = {400, 350, 100, 60, 30, 60};
	static const int case_share[CT_COUNT] = {700, 250, 30, 20};
	it->kind = pick(r, kind_share, IK_COUNT);
	it->level = -1;
	it->case_type = -1;
	if (it->kind == IK_DEED) {
		it->source = SRC_ASSIGNMENT;
		it->funds = 10000 * demo_range(r, 1, 300);
		it->beneficiaries = demo_range(r, 10, 3000);
	} else if (it->kind == IK_CASE) {
		it->source = SRC_PETITION;
		it->case_type = pick(r, case_share, CT_COUNT);
	} else {
		it->source = pick(r, source_share, SRC_COUNT);
		if (it->source == SRC_SELF_INSPECTION)
			it->level = level_of(r, u->level);
	}
}

/* Mode, due day and the state the item has reached by today. */
static void item_course(struct gen *g, struct item *it)
{
	struct demo_rng *r = &g->rng;
	static const int mode_share[MODE_COUNT] = {300, 600, 100};
	it->mode = pick(r, mode_share, MODE_COUNT);
	int span, dur;
	switch (it->mode) {
	case MODE_IMMEDIATE:
		span = 7;
		dur = demo_range(r, 0, 5);
		break;
	case MODE_DEADLINE:
		span = demo_range(r, 15, 90);
		dur = (int)(span * (0.6 + 0.65 * demo_unit(r)));
		break;
	default:
		span = demo_range(r, 180, 540);
		dur = (int)(span * (0.7 + 0.5 * demo_unit(r)));
		break;
	}
	it->due_on = it->found_on + span;
	it->created_at = time_of_day(it->found_on, demo_range(r, 8, 17), demo_range(r, 0, 59));
	it->updated_at = it->created_at;
	it->sendbacks = demo_chance(r, 40);
	bool stuck = demo_chance(r, 40);
	if (it->found_on + dur <= g->today && !stuck) {
		it->status = ST_CLOSED;
		it->closure = closure_of(r);
		it->closed_on = it->found_on + dur;
		it->closed_at = time_of_day(it->closed_on, demo_range(r, 14, 18), demo_range(r, 0, 59));
		if (it->closed_at < it->created_at)
			it->closed_at = it->created_at + 60;
		it->updated_at = it->closed_at;
		it->reopens = demo_chance(r, 20);
	} else {
		static const int open_share[3] = {150, 700, 150};
		static const int states[3] = {ST_OPEN, ST_IN_PROGRESS, ST_REVIEW};
		it->status = states[pick(r, open_share, 3)];
		if (it->status == ST_OPEN)
			it->sendbacks = 0;
	}
	it->version = 1 + it->sendbacks + it->reopens + (it->status != ST_OPEN);
}

static qd_err add_measures(struct batch *b, const struct item *it, int theme,
			   struct qd_error *e)
{
	struct demo_rng *r = &b->g->rng;
	int n = it->mode == MODE_IMMEDIATE ? 1
		: it->mode == MODE_DEADLINE ? demo_range(r, 2, 5)
					    : demo_range(r, 3, 6);
	int ntexts;
	const char *const *texts = demo_theme_measures(theme, &ntexts);
	int last = it->status == ST_CLOSED ? it->closed_on : b->g->today;
	qd_err rc = QD_OK;
	for (int k = 0; rc == QD_OK && k < n; k++) {
		struct measure m;
		measure_init(&m);
		m.item_id = it->id;
		m.seq = k + 1;
		m.text = xstrdup(ntexts ? texts[(k + demo_range(r, 0, ntexts - 1)) % ntexts]
				    : "制定整改方案，明确责任人和完成时限");
		m.responsible_id = it->responsible_id;
		m.due_on = it->found_on + (it->due_on - it->found_on) * (k + 1) / n;
		bool done;
		if (it->status == ST_CLOSED) {
			m.status = demo_chance(r, 920) ? MS_DONE : MS_CANCELLED;
			done = m.status == MS_DONE;
		} else {
			done = k < n / 2 && it->status != ST_OPEN;
			m.status = done ? MS_DONE
				   : it->status == ST_OPEN ? MS_OPEN
				   : k == n / 2 ? MS_IN_PROGRESS
						: MS_OPEN;
		}
		if (it->status == ST_REVIEW) {
			m.status = MS_DONE;
			done = true;
		}
		if (done) {
			m.done_on = it->found_on + (last - it->found_on) * (k + 1) / n;
			m.evidence = xstrdup(demo_pick_evidence(r));
		}
		m.created_at = it->created_at;
		m.updated_at = done ? time_of_day(m.done_on, 17, 0) : it->created_at;
		if (m.updated_at < m.created_at)
			m.updated_at = m.created_at;
		rc = bulk_measure(b->bulk, &m, it, e);
		measure_clear(&m);
		b->g->done_measures++;
	}
	return rc;
}

static void tracking_code(struct demo_rng *r, char out[TRACKING_CODE_LEN + 1])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < TRACKING_CODE_LEN; i++)
		out[i] = alphabet[demo_rand(r) % 32];
	out[TRACKING_CODE_LEN] = '\0';
}

/* An opinion received on day, about unit u. */
static void opinion_new(struct gen *g, struct opinion *o, const struct gen_unit *u, int day)
{
	struct demo_rng *r = &g->rng;
	static const int channel_share[CH_COUNT] = {50, 80, 300, 350, 150, 40, 30};
	opinion_init(o);
	int64_t at = time_of_day(day, demo_range(r, 8, 20), demo_range(r, 0, 59));
	opinion_start(o, at);
	o->received_at = at;
	o->channel = pick(r, channel_share, CH_COUNT);
	o->unit_id = u->id;
	o->upath = xstrdup(u->path);
	o->category_id = g->cat[demo_range(r, 0, g->ncat - 1)];
	char code[TRACKING_CODE_LEN + 1];
	tracking_code(r, code);
	o->code = xstrdup(code);
}

static int wdays(int from, int to)
{
	int n = 0;
	for (int d = from + 1; d <= to && n < 400; d++)
		n += day_weekday(d) < 5;
	return n;
}

/* An opinion that became (accepted) or joined (linked) item it. */
static qd_err item_opinion(struct batch *b, const struct item *it, const struct gen_unit *u,
			   bool first, struct qd_error *e)
{
	struct gen *g = b->g;
	struct demo_rng *r = &g->rng;
	struct opinion o;
	int day = first ? it->found_on - demo_range(r, 0, 3)
			: it->found_on + demo_range(r, 0, (it->status == ST_CLOSED ? it->closed_on : g->today) - it->found_on);
	if (day < g->first_day)
		day = g->first_day;
	opinion_new(g, &o, u, day);
	int nt;
	const struct demo_optext *t = demo_optexts(u->kind, &nt);
	o.text = xstrdup(first ? it->detail && *it->detail ? it->detail : it->title
			       : t[demo_range(r, 0, nt - 1)].text);
	qd_err rc = first ? opinion_accept(&o, it->id, e) : opinion_link(&o, it->id, e);
	int64_t resp = first ? it->created_at : o.received_at + 3600;
	if (resp < o.received_at)
		resp = o.received_at;
	opinion_respond(&o, resp, wdays(day, day_of_time(resp)));
	for (int k = 0; k < it->sendbacks; k++)
		opinion_redo(&o);
	if (rc == QD_OK && it->status == ST_CLOSED) {
		bool reopen;
		const char *done = t[demo_range(r, 0, nt - 1)].done;
		if (it->reopens) {
			opinion_answer(&o, done, it->closure, it->closed_at - 86400 * 7);
			rc = opinion_rate(&o, RT_UNSATISFIED, demo_pick_unsatisfied(r),
					  it->closed_at - 86400 * 6, &reopen, e);
			opinion_redo(&o);
		}
		opinion_answer(&o, done, it->closure, it->closed_at);
		if (rc == QD_OK && demo_chance(r, 600))
			rc = opinion_rate(&o, demo_chance(r, 870) ? RT_SATISFIED : RT_BASIC, NULL,
					  it->closed_at + 86400 * demo_range(r, 0, 5), &reopen, e);
	} else if (rc == QD_OK && demo_chance(r, 500)) {
		xstrset(&o.reply, demo_pick_progress(r));
		o.replied_at = resp;
	}
	o.updated_at = o.rated_at > o.answered_at ? o.rated_at
		       : o.answered_at ? o.answered_at
				       : resp;
	if (rc == QD_OK)
		rc = bulk_opinion(b->bulk, &o, e);
	opinion_clear(&o);
	g->done_opinions++;
	return rc;
}

/* An opinion not taken up, or not yet handled when it is recent. */
static qd_err loose_opinion(struct batch *b, int day, struct qd_error *e)
{
	struct gen *g = b->g;
	struct demo_rng *r = &g->rng;
	const struct gen_unit *u = gen_pick_unit(g);
	struct opinion o;
	opinion_new(g, &o, u, day);
	const struct demo_reject *rej = demo_pick_reject(r, o.channel == CH_VISIT);
	o.text = xstrdup(rej->text);
	qd_err rc = QD_OK;
	if (day < g->today - 5) {
		rc = opinion_reject(&o, rej->reason, e);
		int64_t at = o.received_at + 86400 * demo_range(r, 0, 4);
		opinion_respond(&o, at, wdays(day, day_of_time(at)));
		o.replied_at = at;
		xstrset(&o.reply, rej->reason);
		o.updated_at = at;
	}
	if (rc == QD_OK)
		rc = bulk_opinion(b->bulk, &o, e);
	opinion_clear(&o);
	g->done_opinions++;
	return rc;
}

static qd_err one_item(struct batch *b, struct qd_error *e)
{
	struct gen *g = b->g;
	struct demo_rng *r = &g->rng;
	const struct gen_unit *u = gen_pick_unit(g);
	struct item it;
	item_init(&it);
	it.unit_id = u->id;
	it.upath = xstrdup(u->path);
	int64_t span = g->today - g->first_day + 1;
	it.found_on = g->first_day + (int)(g->done_items * span / g->items);
	item_kind_source(r, &it, u);
	int theme = item_text(b, &it, u);
	it.category_id = g->cat[demo_range(r, 0, g->ncat - 1)];
	it.responsible_id = demo_chance(r, 600) ? u->head : u->worker;
	if (u->county >= 0 && demo_chance(r, 15))
		it.claimant_id = g->u[u->county].head;
	item_course(g, &it);
	qd_err rc = bulk_item(b->bulk, &it, e);
	g->done_items++;
	if (rc == QD_OK)
		rc = add_measures(b, &it, theme, e);
	if (rc == QD_OK && it.source == SRC_OPINION) {
		rc = item_opinion(b, &it, u, true, e);
		while (rc == QD_OK && demo_chance(r, 300))
			rc = item_opinion(b, &it, u, false, e);
	}
	if (rc == QD_OK && demo_chance(r, 60))
		rc = loose_opinion(b, it.found_on, e);
	item_clear(&it);
	return rc;
}

static qd_err run_batch(struct app *a, void *ctx, struct qd_error *e)
{
	struct batch *b = ctx;
	qd_err r = QD_OK;
	b->bulk = bulk_new(a->st, NULL);
	while (r == QD_OK && b->g->done_items < b->end)
		r = one_item(b, e);
	if (r == QD_OK)
		r = bulk_seal(b->bulk, e);
	bulk_free(b->bulk);
	b->bulk = NULL;
	return r;
}

static void pools(struct batch *b)
{
	int n;
	const struct demo_other *o = demo_others(&n);
	b->deeds = xcalloc((size_t)n, sizeof *b->deeds);
	b->cases = xcalloc((size_t)n, sizeof *b->cases);
	for (int i = 0; i < n; i++) {
		if (o[i].kind == IK_DEED)
			b->deeds[b->ndeeds++] = i;
		else if (o[i].kind == IK_CASE)
			b->cases[b->ncases++] = i;
	}
}

qd_err gen_ledger(struct app *a, struct gen *g, bool verbose, struct qd_error *e)
{
	struct batch b = {.g = g};
	pools(&b);
	if (!b.ndeeds || !b.ncases) {
		free(b.deeds);
		free(b.cases);
		return qd_fail(e, QD_INTERNAL, NULL, "no deed or case texts");
	}
	qd_err r = QD_OK;
	while (r == QD_OK && g->done_items < g->items) {
		b.end = g->done_items + BATCH_ITEMS < g->items ? g->done_items + BATCH_ITEMS
							       : g->items;
		r = app_batch(a, run_batch, &b, e);
		if (verbose && (g->done_items % 500000 == 0 || g->done_items == g->items))
			fprintf(stderr, "gen: %lld items, %lld measures, %lld opinions\n",
				(long long)g->done_items, (long long)g->done_measures,
				(long long)g->done_opinions);
	}
	free(b.deeds);
	free(b.cases);
	return r;
}
