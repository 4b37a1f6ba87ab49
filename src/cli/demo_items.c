/* demo_items.c: the ledger of the demo county.
 *
 * First a plan: each item gets its owner, dates and fate, and a chain of
 * dated steps (create, add measures, start, finish measures, request
 * sign-off, sign off, send back, reopen, claim). Then all steps of all items
 * run in date order, each under a simulated clock (clock_fix: the
 * step's day) and as the account that would really take it, through the
 * app use cases; steps after today are left undone, which leaves the newer
 * items open, in progress or waiting for sign-off.
 *
 * The self-inspection figures are those of seed 000: problems 39 / 68 / 296
 * / 2626 and measures 140 / 111 / 721 / 3217 at the four levels. The
 * opinions from the public, and the items accepted from them, are planned
 * by demo_opinions.c into the same plan (demo_plan.h); the disputes and
 * petition problems with fixed outcomes by demo_cases.c. */
#include "demo_plan.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	int level, items, measures;
} quotas[LVL_COUNT] = {
	{LVL_LEADERSHIP_TEAM, 39, 140},
	{LVL_LEADER, 68, 111},
	{LVL_ORGANIZATION, 296, 721},
	{LVL_MEMBER, 2626, 3217},
};

/* --- planning --- */

struct pitem *demo_new_item(struct plan *p, int unit, int kind, int source, int level)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->it = xrealloc(p->it, sizeof *p->it * (size_t)p->cap);
	}
	struct pitem *it = &p->it[p->n++];
	memset(it, 0, sizeof *it);
	item_init(&it->in.it);
	it->in.it.kind = kind;
	it->in.it.source = source;
	it->in.it.level = level;
	it->in.it.unit_id = p->o->u[unit].id;
	it->in.it.responsible_id = p->o->u[unit].head;
	it->unit = unit;
	it->creator = it->worker = p->o->u[unit].worker;
	it->claimer = -1;
	it->closure = -1;
	it->op = -1;
	return it;
}

void demo_add_step(struct plan *p, int item, int day, int kind, int arg)
{
	if (p->ns == p->caps) {
		p->caps = p->caps ? p->caps * 2 : 16384;
		p->st = xrealloc(p->st, sizeof *p->st * (size_t)p->caps);
	}
	p->st[p->ns] = (struct step){day, p->ns, item, (short)kind, (short)arg};
	p->ns++;
}

/* Who signs off items of unit i: a leader strictly above it, or the
 * supervision group (the only one above the county itself). */
static int pick_verifier(struct plan *p, int unit)
{
	const struct demo_org *o = p->o;
	const struct demo_unit *u = &o->u[unit];
	if (unit == o->county)
		return ACC_SUPERVISOR;
	if (u->kind == UK_DEPARTMENT || u->kind == UK_TOWNSHIP)
		return demo_chance(p->rng, 150) ? ACC_SUPERVISOR : ACC_COUNTY_LEADER;
	if (u->leader >= 0 && demo_chance(p->rng, 850))
		return u->leader;
	return demo_chance(p->rng, 300) ? ACC_SUPERVISOR : ACC_COUNTY_LEADER;
}

static int pick_mode(struct plan *p, int level)
{
	/* per mille: immediate, deadline (rest long-term) */
	static const int mix[LVL_COUNT + 1][2] = {
		[LVL_LEADERSHIP_TEAM] = {0, 720}, [LVL_LEADER] = {150, 750},
		[LVL_ORGANIZATION] = {200, 700},  [LVL_MEMBER] = {450, 500},
		[LVL_COUNT] = {150, 800}, /* other items */
	};
	int row = level >= 0 ? level : LVL_COUNT;
	int x = demo_range(p->rng, 0, 999);
	if (x < mix[row][0])
		return MODE_IMMEDIATE;
	return x < mix[row][0] + mix[row][1] ? MODE_DEADLINE : MODE_LONG_TERM;
}

int demo_working_day(struct plan *p, int day, int n, struct qd_error *e, qd_err *r)
{
	int due = day + n;
	if (n == 0) /* the day itself when it is a working day */
		day--, n = 1;
	if (*r == QD_OK)
		*r = app_due_from_working_days(p->a, day, n, &due, e);
	return due;
}

qd_err demo_plan_due(struct plan *p, struct demo_rng *rng, struct pitem *it, int mode,
		     struct qd_error *e)
{
	struct item *x = &it->in.it;
	qd_err r = QD_OK;
	x->mode = mode;
	if (x->mode == MODE_IMMEDIATE)
		x->due_on = demo_working_day(p, x->found_on, demo_range(rng, 3, 7), e, &r);
	else if (x->mode == MODE_DEADLINE)
		x->due_on = demo_working_day(p, x->found_on, demo_range(rng, 8, 42), e, &r);
	else
		x->due_on = DAY_NONE;
	return r;
}

/* Found day, mode and due day. Self-inspection comes mostly early in the
 * campaign; opinions and cases all along. */
static qd_err plan_dates(struct plan *p, struct pitem *it, bool early, struct qd_error *e)
{
	struct item *x = &it->in.it;
	double u = demo_unit(p->rng);
	x->found_on = early ? p->start + 5 + (int)((CAMPAIGN_DAYS - 5) * (u * u + u) / 2)
			    : p->start + demo_range(p->rng, 0, CAMPAIGN_DAYS);
	if (x->found_on > p->today)
		x->found_on = p->today;
	return demo_plan_due(p, p->rng, it, pick_mode(p, x->level), e);
}

void demo_pick_measures(struct demo_rng *rng, struct pitem *it)
{
	int n;
	const char *const *pool = demo_theme_measures(it->theme, &n);
	int idx[16];
	for (int i = 0; i < n && i < 16; i++)
		idx[i] = i;
	demo_shuffle(rng, idx, n < 16 ? n : 16);
	for (int i = 0; i < it->nm; i++)
		it->mtext[i] = pool[idx[i % n]];
}

void demo_set_text(struct pitem *it, const char *title, const char *detail)
{
	xstrset(&it->in.it.title, title);
	xstrset(&it->in.it.detail, detail);
}

static const char *mode_sentence(int mode)
{
	switch (mode) {
	case MODE_IMMEDIATE:
		return "能改的马上改，立行立改。";
	case MODE_DEADLINE:
		return "明确整改措施、时限和责任人，限期整改。";
	default:
		return "需长期坚持，建立长效机制。";
	}
}

/* The owner's name as it leads an organisation's title. */
static void org_prefix(const struct demo_unit *u, char *out, size_t size)
{
	snprintf(out, size, "%s%s", u->name, u->kind == UK_TOWNSHIP ? "党委" : "");
}

static void self_text(struct plan *p, struct pitem *it)
{
	struct demo_titles ts = demo_level_titles(it->in.it.level);
	const struct demo_title *t = &ts.v[demo_rand(p->rng) % (uint32_t)ts.n];
	const struct demo_unit *u = &p->o->u[it->unit];
	char title[512], detail[1024], prefix[256] = "";
	it->theme = t->theme;
	it->in.it.category_id = p->o->cat[t->cat];
	if (it->in.it.level == LVL_ORGANIZATION)
		org_prefix(u, prefix, sizeof prefix);
	snprintf(title, sizeof title, "%s%s", prefix, t->text);
	snprintf(detail, sizeof detail, "【%s】%s%s。%s", u->name,
		 demo_pick_detail_lead(p->rng, it->in.it.level), t->text,
		 mode_sentence(it->in.it.mode));
	demo_set_text(it, title, detail);
}

/* How likely (per mille) a unit of kind is drawn as the owner of a problem
 * of an organisation or of a member. */
static int owner_weight(int level, int kind)
{
	static const short w[UK_COUNT][2] = {
		/*                organization member */
		[UK_TOWNSHIP]   = {450, 0},
		[UK_DEPARTMENT] = {150, 0},
		[UK_BRANCH]     = {260, 420},
		[UK_VILLAGE]    = {140, 230},
		[UK_COMMUNITY]  = {140, 230},
		[UK_GRID]       = {0, 500},
	};
	return w[kind][level == LVL_MEMBER];
}

/* A unit for an item of level: the kinds each level belongs to. */
static int pick_owner(struct plan *p, int level)
{
	const struct demo_org *o = p->o;
	if (level == LVL_LEADERSHIP_TEAM)
		return o->county;
	if (level == LVL_LEADER)
		return demo_chance(p->rng, 500) ? o->county
						: o->first_dept + demo_range(p->rng, 0, o->ndept - 1);
	for (;;) {
		int i = demo_range(p->rng, 0, o->nu - 1);
		if (demo_chance(p->rng, owner_weight(level, o->u[i].kind)))
			return i;
	}
}

/* Spread a level's measures over its items: every item that can take
 * measures gets at least one, the rest go to items picked at random. */
static void spread_measures(struct plan *p, int first, int count, int measures)
{
	int *open = xmalloc(sizeof *open * (size_t)count), k = 0;
	for (int i = first; i < first + count; i++)
		if (!p->it[i].in.already_fixed)
			open[k++] = i;
	demo_shuffle(p->rng, open, k);
	for (int j = 0; j < k; j++)
		p->it[open[j]].nm = measures / k + (j < measures % k);
	free(open);
}

/* Who answers for a county-level item: the secretary for most of the
 * leadership team's problems, a county leader for his own. */
static int64_t leader_for(struct plan *p, int level)
{
	const struct demo_org *o = p->o;
	if (level == LVL_LEADERSHIP_TEAM && demo_chance(p->rng, 600))
		return o->secretary;
	return o->county_leaders[demo_range(p->rng, 0, o->ncounty_leaders - 1)];
}

static qd_err plan_level(struct plan *p, int q, struct qd_error *e)
{
	int level = quotas[q].level, first = p->n;
	for (int i = 0; i < quotas[q].items; i++) {
		struct pitem *it = demo_new_item(p, pick_owner(p, level), IK_PROBLEM,
					    SRC_SELF_INSPECTION, level);
		qd_err r = plan_dates(p, it, true, e);
		if (r != QD_OK)
			return r;
		if (it->unit == p->o->county)
			it->in.it.responsible_id = leader_for(p, level);
		it->in.already_fixed = it->in.it.mode == MODE_IMMEDIATE &&
				       (level == LVL_MEMBER || level == LVL_ORGANIZATION) &&
				       demo_chance(p->rng, 120);
		self_text(p, it);
	}
	spread_measures(p, first, quotas[q].items, quotas[q].measures);
	for (int i = first; i < p->n; i++)
		demo_pick_measures(p->rng, &p->it[i]);
	return QD_OK;
}

static qd_err plan_others(struct plan *p, struct qd_error *e)
{
	int n;
	const struct demo_other *ot = demo_others(&n);
	for (int i = 0; i < n; i++) {
		int unit = demo_unit_find(p->o, ot[i].owner);
		if (unit < 0)
			return qd_fail(e, QD_INTERNAL, "demo", "no unit %s", ot[i].owner);
		struct pitem *it = demo_new_item(p, unit, ot[i].kind, ot[i].source, -1);
		qd_err r = plan_dates(p, it, false, e);
		if (r != QD_OK)
			return r;
		demo_set_text(it, ot[i].title, ot[i].detail);
		it->in.it.case_type = ot[i].case_type;
		it->in.it.funds = ot[i].funds;
		it->in.it.beneficiaries = ot[i].beneficiaries;
		it->theme = ot[i].theme;
		it->in.it.category_id = p->o->cat[ot[i].cat];
		it->nm = ot[i].kind == IK_DEED ? demo_range(p->rng, 3, 4)
					       : demo_range(p->rng, 1, 3);
		if (ot[i].claim)
			it->claimer = ACC_COUNTY_LEADER;
		if (ot[i].source == SRC_SUPERVISION)
			it->creator = ACC_SUPERVISOR;
		it->closure = ot[i].closure;
		demo_pick_measures(p->rng, it);
	}
	return QD_OK;
}

/* A leader takes some of the items on his own list (认领必解问题). */
static void plan_claims(struct plan *p)
{
	for (int i = 0; i < p->n; i++) {
		struct pitem *it = &p->it[i];
		int lvl = it->in.it.level;
		if (it->claimer >= 0 || (lvl != LVL_ORGANIZATION && lvl != LVL_LEADER))
			continue;
		int leader = p->o->u[it->unit].leader;
		if (leader >= 0 && demo_chance(p->rng, 60))
			it->claimer = leader;
		else if (demo_chance(p->rng, 15))
			it->claimer = ACC_COUNTY_LEADER;
	}
}

static int closure_for(struct plan *p, const struct pitem *it)
{
	const struct item *x = &it->in.it;
	int d = demo_range(p->rng, 0, 999);
	if (x->source == SRC_OPINION)
		return d < 900 ? CL_RESOLVED : d < 950 ? CL_REVIEWED : CL_UNFOUNDED;
	if (x->mode == MODE_LONG_TERM)
		return d < 800 ? CL_RESOLVED : d < 930 ? CL_EXTENDED : CL_REVIEWED;
	if (x->level == LVL_MEMBER && d < 15)
		return CL_DUPLICATE;
	return d < 965 ? CL_RESOLVED : CL_REVIEWED;
}

/* The day the measures are all finished. */
static int plan_finish(struct plan *p, const struct pitem *it, int started)
{
	const struct item *x = &it->in.it;
	int span = x->due_on != DAY_NONE ? x->due_on - x->found_on : demo_range(p->rng, 45, 160);
	int done = x->found_on + span * demo_range(p->rng, 35, 90) / 100;
	if (x->mode == MODE_IMMEDIATE)
		done = x->found_on + demo_range(p->rng, 1, span > 3 ? span * 2 / 3 : 2);
	if (x->due_on != DAY_NONE && demo_chance(p->rng, 100))
		done = x->due_on + demo_range(p->rng, 2, 20);  /* late */
	if (demo_chance(p->rng, 100))
		done = x->found_on + span + demo_range(p->rng, 25, 70); /* stuck */
	return done > started ? done : started + 1;
}

static void plan_work(struct plan *p, int i, int started, int finished)
{
	struct pitem *it = &p->it[i];
	for (int m = 0; m < it->nm; m++) {
		int day = started + (finished - started) * (m + 1) / it->nm;
		if (day > p->today && started <= p->today && m == 0)
			demo_add_step(p, i, started, SK_MEASURE_PROGRESS, m);
		bool cancel = it->nm > 1 && m > 0 && demo_chance(p->rng, 25);
		demo_add_step(p, i, day, cancel ? SK_MEASURE_CANCEL : SK_MEASURE_DONE, m);
	}
}

static void plan_steps(struct plan *p, int i)
{
	struct pitem *it = &p->it[i];
	/* an item accepted from an opinion is made when the opinion is triaged */
	int found = it->create_day ? it->create_day : it->in.it.found_on;
	it->verifier = it->in.it.source == SRC_SUPERVISION ? ACC_SUPERVISOR
							   : pick_verifier(p, it->unit);
	if (it->in.already_fixed)
		it->closure = CL_RESOLVED;
	else if (it->closure < 0)
		it->closure = closure_for(p, it);
	demo_add_step(p, i, found, SK_CREATE, 0);
	if (it->in.already_fixed) {
		it->signoff_day = found + demo_range(p->rng, 1, 4);
		demo_add_step(p, i, it->signoff_day, SK_SIGNOFF, 0);
		return;
	}
	for (int m = 0; m < it->nm; m++)
		demo_add_step(p, i, found, SK_MEASURE_ADD, m);
	if (it->claimer >= 0)
		demo_add_step(p, i, found + demo_range(p->rng, 0, 1), SK_CLAIM, 0);
	int started = found + demo_range(p->rng, 0, 3);
	demo_add_step(p, i, started, SK_START, 0);
	int finished = plan_finish(p, it, started);
	plan_work(p, i, started, finished);
	demo_add_step(p, i, finished, SK_REQUEST, 0);
	int day = finished;
	if (demo_chance(p->rng, 50)) {
		it->note = demo_pick_sendback(p->rng);
		demo_add_step(p, i, day += demo_range(p->rng, 1, 3), SK_SENDBACK, 0);
		if (it->nm > 0)
			demo_add_step(p, i, day += demo_range(p->rng, 1, 4), SK_MEASURE_EVIDENCE, 0);
		demo_add_step(p, i, day += demo_range(p->rng, 0, 2), SK_REQUEST, 0);
	}
	demo_add_step(p, i, day += demo_range(p->rng, 0, 4), SK_SIGNOFF, 0);
	it->signoff_day = day;
	if (demo_chance(p->rng, 4) && !it->note) {
		it->note = demo_pick_reopen(p->rng);
		demo_add_step(p, i, day += demo_range(p->rng, 3, 12), SK_REOPEN, 0);
		it->reopen_day = day;
		if (demo_chance(p->rng, 500)) {
			demo_add_step(p, i, day += demo_range(p->rng, 3, 8), SK_REQUEST, 0);
			demo_add_step(p, i, day += demo_range(p->rng, 1, 3), SK_SIGNOFF, 0);
		}
	}
}

/* Within a day: opinions are received first, then items are made and
 * worked, then opinions are linked, rejected, replied to and rated. */
static int phase(const struct step *s)
{
	return s->kind == SK_OP_SUBMIT ? 0 : s->kind > SK_OP_SUBMIT ? 2 : 1;
}

static int by_day(const void *x, const void *y)
{
	const struct step *a = x, *b = y;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (phase(a) != phase(b))
		return phase(a) < phase(b) ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Keep the steps up to today, in the order they happen. */
static void schedule(struct plan *p)
{
	int k = 0;
	for (int i = 0; i < p->ns; i++)
		if (p->st[i].day <= p->today)
			p->st[k++] = p->st[i];
	p->ns = k;
	qsort(p->st, (size_t)p->ns, sizeof *p->st, by_day);
}

/* --- running --- */

/* Move the simulated clock to the next step on day: steps of a day happen
 * a few minutes apart from 09:00, so timestamps agree with dates. */
static void set_today(int day)
{
	static int last_day, step;
	step = day == last_day ? step + 1 : 0;
	last_day = day;
	clock_fix(time_of_day(day, 9, 0) + (int64_t)(step % 600) * 60);
}

const struct actor *demo_as(struct plan *p, int acc)
{
	return &p->o->acc[acc].actor;
}

static qd_err run_create(struct plan *p, struct pitem *it, struct qd_error *e)
{
	qd_err r = it->op >= 0 ? demo_opinion_accept(p, it, e)
			       : app_item_create(p->a, demo_as(p, it->creator), &it->in, e);
	p->count->items += r == QD_OK;
	p->count->already_fixed += r == QD_OK && it->in.already_fixed;
	return r;
}

static qd_err run_measure_add(struct plan *p, struct pitem *it, int m, struct qd_error *e)
{
	struct measure ms;
	measure_init(&ms);
	const struct item *x = &it->in.it;
	ms.item_id = x->id;
	ms.text = xstrdup(it->mtext[m]);
	ms.responsible_id = p->o->u[it->unit].head;
	ms.status = MS_OPEN;
	if (x->due_on != DAY_NONE)
		ms.due_on = x->found_on + (x->due_on - x->found_on) * (m + 1) / it->nm;
	qd_err r = app_measure_add(p->a, demo_as(p, it->worker), &ms, e);
	it->mid[m] = ms.id;
	p->count->measures += r == QD_OK;
	measure_clear(&ms);
	return r;
}

static qd_err run_measure_set(struct plan *p, struct pitem *it, int m, int status,
			      const char *evidence, struct qd_error *e)
{
	struct measure ms;
	const struct actor *w = demo_as(p, it->worker);
	qd_err r = app_measure_get(p->a, w, it->mid[m], &ms, e);
	if (r == QD_OK) {
		ms.status = status;
		if (evidence)
			xstrset(&ms.evidence, evidence);
		r = app_measure_update(p->a, w, &ms, e);
	}
	measure_clear(&ms);
	return r;
}

static qd_err act(struct plan *p, struct pitem *it, int acc, enum item_action a, int closure,
		  const char *reason, struct qd_error *e)
{
	return app_item_act(p->a, demo_as(p, acc), it->in.it.id, a, closure, reason, NULL, e);
}

static const char *closure_note(int closure)
{
	switch (closure) {
	case CL_REVIEWED:
		return "经研判，已纳入常态化工作推进";
	case CL_EXTENDED:
		return "阶段性整改目标已完成，后续纳入长效机制持续推进";
	case CL_TRANSFERRED:
		return "已移交有关部门依法办理";
	case CL_UNFOUNDED:
		return "经核实，反映情况与事实不符";
	case CL_DUPLICATE:
		return "与本支部另一条检视问题重复，合并整改";
	default:
		return NULL;
	}
}

static qd_err run_step(struct plan *p, const struct step *s, struct qd_error *e)
{
	set_today(s->day);
	if (s->kind >= SK_OP_SUBMIT)
		return demo_opinion_run(p, s, e);
	struct pitem *it = &p->it[s->item];
	switch (s->kind) {
	case SK_CREATE:
		return run_create(p, it, e);
	case SK_MEASURE_ADD:
		return run_measure_add(p, it, s->arg, e);
	case SK_CLAIM:
		p->count->claims++;
		return act(p, it, it->claimer, IA_CLAIM, -1, NULL, e);
	case SK_START:
		return act(p, it, it->worker, IA_START, -1, NULL, e);
	case SK_MEASURE_PROGRESS:
		return run_measure_set(p, it, s->arg, MS_IN_PROGRESS, NULL, e);
	case SK_MEASURE_DONE:
		return run_measure_set(p, it, s->arg, MS_DONE,
				       it->evidence ? it->evidence : demo_pick_evidence(p->rng), e);
	case SK_MEASURE_CANCEL:
		return run_measure_set(p, it, s->arg, MS_CANCELLED,
				       "与本问题其他整改措施合并实施", e);
	case SK_MEASURE_EVIDENCE:
		return run_measure_set(p, it, s->arg, MS_DONE,
				       "已按审核意见补充会议记录、现场照片等佐证材料", e);
	case SK_REQUEST:
		return act(p, it, it->worker, IA_REQUEST_SIGNOFF, -1, NULL, e);
	case SK_SIGNOFF:
		return act(p, it, it->verifier, IA_SIGNOFF, it->closure,
			   s->arg ? "已按群众评价意见返工整改，经回访群众认可"
			   : it->closure == CL_RESOLVED ? it->resolved : closure_note(it->closure), e);
	case SK_SENDBACK:
		p->count->sendbacks++;
		return act(p, it, it->verifier, IA_SENDBACK, -1, it->note, e);
	case SK_REOPEN:
		p->count->reopens++;
		return act(p, it, it->verifier, IA_REOPEN, -1, it->note, e);
	}
	return qd_fail(e, QD_INTERNAL, "demo", "unknown step");
}

static qd_err run_all(struct plan *p, struct qd_error *e)
{
	for (int i = 0; i < p->ns; i++) {
		qd_err r = run_step(p, &p->st[i], e);
		if (r != QD_OK) {
			char day[DAY_TEXT_LEN];
			day_format(p->st[i].day, day);
			char more[sizeof e->detail];
			snprintf(more, sizeof more, "demo step %d of item %d on %s: %.180s",
				 p->st[i].kind, p->st[i].item, day, e->detail);
			snprintf(e->detail, sizeof e->detail, "%s", more);
			return r;
		}
	}
	p->count->steps = p->ns;
	return QD_OK;
}

static void plan_free(struct plan *p)
{
	for (int i = 0; i < p->n; i++)
		item_clear(&p->it[i].in.it);
	free(p->it);
	free(p->st);
	for (int i = 0; i < p->nop; i++)
		free(p->op[i].text);
	free(p->op);
}

qd_err demo_items_build(struct app *a, struct demo_rng *rng, struct demo_org *o, int today,
			struct demo_counts *out, struct qd_error *e)
{
	struct plan p = {.a = a, .rng = rng, .orng = {DEMO_SEED ^ 0x4f50494e494f4e53ull},
			 .o = o, .today = today, .start = today - CAMPAIGN_DAYS, .count = out};
	memset(out, 0, sizeof *out);
	qd_err r = QD_OK;
	for (int q = 0; r == QD_OK && q < LVL_COUNT; q++)
		r = plan_level(&p, q, e);
	if (r == QD_OK)
		r = plan_others(&p, e);
	if (r == QD_OK)
		r = demo_opinions_plan(&p, e);
	if (r == QD_OK)
		r = demo_cases_plan(&p, e);
	if (r == QD_OK) {
		plan_claims(&p);
		for (int i = 0; i < p.n; i++)
			if (!p.it[i].fixed_plan)
				plan_steps(&p, i);
		r = demo_opinions_steps(&p, e);
	}
	if (r == QD_OK) {
		schedule(&p);
		r = run_all(&p, e);
	}
	clock_fix(0);
	plan_free(&p);
	return r;
}
