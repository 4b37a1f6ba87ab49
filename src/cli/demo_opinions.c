/* demo_opinions.c: opinions from the public in the demo county.
 *
 * Seed 000: the grassroots party organisations gathered 503 opinions
 * (建言献策开门找问题), the county leaders received 74 visitors on their
 * fixed reception days (定时接访, here each Wednesday), and departments such
 * as 县残联, 县教育局 and 县群众工作委员会 gathered more (here 64). They come
 * through the channels of 开门纳谏 四位一体 - letters, visits, calls, the
 * web - and the campaign's meetings and surveys; none through Open311.
 *
 * Each opinion is received on its day under the simulated clock, entered
 * by the handler of its unit (the county's handler for the reception days)
 * or through the public form, and is anonymous: the demo names nobody.
 * The handler accepts it into a new item (most), links it to the item
 * already made of the same problem (a duplicate, days later), or rejects
 * it with a reason. The first response comes on the day or the next
 * working day, sometimes 2-5 working days late (some of those with an
 * early acknowledgement), and the newest are still waiting. Sign-off
 * answers them; most submitters rate the answer within a week: 满意,
 * 基本满意, rarely 不满意 - which reopens the item, and the item is worked
 * again, signed off and rated again.
 *
 * Units answer in different manners (struct manner), so that the rates
 * differ and the ranking of the townships is not a tie. Everything here
 * draws from the plan's own generator (p->orng), so the ledger draws as it
 * did before opinions came. */
#include "demo_plan.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GRASSROOTS 503     /* seed 000: 主动征集群众意见建议503条 */
#define RECEPTION 74       /* seed 000: 集中接待来访群众74人次 */
#define DEPARTMENTS 64
#define RECEPTION_WEEKDAY 2 /* Wednesday (0 = Monday) */
#define MAX_UNITS 128

/* How the staff of a unit answer (per mille). */
struct manner {
	int same_day, next_day; /* first response on the day, the next working day;
				 * the rest 2-5 working days late */
	int ack;                /* of the late ones, acknowledged within a day */
	int resolved;           /* items closed as resolved */
	int rated;              /* answers the submitter rates */
	int basic, unsatisfied; /* among ratings of resolved items */
};

/* By township, in the order of demo_org.c; the last row: departments and
 * the county's reception days. 甘子河乡 is slow to reply (the supervision
 * group noted it: 群众意见建议回复不及时). */
static const struct manner manners[] = {
	{620, 280, 400, 900, 820, 110, 35}, /* 三角城镇 */
	{580, 290, 300, 880, 800, 150, 40}, /* 西海镇 */
	{560, 280, 250, 850, 780, 170, 35}, /* 金滩乡 */
	{500, 300, 250, 850, 700, 210, 50}, /* 青海湖乡 */
	{640, 270, 400, 900, 820, 100, 25}, /* 哈勒景蒙古族乡 */
	{480, 300, 200, 800, 720, 230, 60}, /* 甘子河乡 */
	{600, 280, 300, 870, 760, 160, 40}, /* departments, reception */
};
#define N_MANNERS (int)(sizeof manners / sizeof manners[0])

static const char *const dup_leads[] = {
	"", "我们也遇到这个问题：", "之前有人反映过，还没解决：", "再反映一次：",
};
#define OTHER_RESOLVED "已按群众意见整改到位，并回访反映人"

static const struct manner *manner_of(struct plan *p, int unit, int origin)
{
	int t = p->o->u[unit].township;
	int k = origin == OO_RECEPTION || t < 0 ? N_MANNERS - 1 : t - p->o->first_town;
	return &manners[k >= 0 && k < N_MANNERS ? k : N_MANNERS - 1];
}

static int pick_channel(struct demo_rng *r, int origin)
{
	/* per mille: letter, visit, phone, web, open311, meeting, survey. The
	 * visits are those of the county leaders' reception days (seed 000:
	 * 集中接待来访群众74人次); the grassroots and the departments gather
	 * theirs at meetings, by letter, call, the web and surveys. */
	static const short mix[2][CH_COUNT] = {
		{170, 0, 320, 150, 0, 250, 110}, /* the grassroots */
		{240, 0, 360, 250, 0, 50, 100},  /* departments */
	};
	if (origin == OO_RECEPTION)
		return CH_VISIT;
	int x = demo_range(r, 0, 999), row = origin == OO_DEPARTMENT;
	for (int c = 0; c < CH_COUNT; c++)
		if ((x -= mix[row][c]) < 0)
			return c;
	return CH_PHONE;
}

static int triage_actor(struct plan *p, const struct popinion *o)
{
	return o->by >= 0 ? o->by : p->o->u[o->unit].worker;
}

/* The reception day on or after day, else the last one up to today. */
static int reception_day(struct plan *p, int day)
{
	int d = day + (RECEPTION_WEEKDAY - day_weekday(day) + 7) % 7;
	return d <= p->today ? d : d - 7;
}

/* Staff enter what came by letter, visit, call, meeting or survey on a
 * working day; the web takes any day. */
static int entry_day(struct plan *p, const struct popinion *o, int day, struct qd_error *e,
		     qd_err *r)
{
	if (o->origin == OO_RECEPTION)
		return reception_day(p, day);
	if (o->by < 0)
		return day;
	int w = demo_working_day(p, day, 0, e, r);
	for (int d = day - 1; w > p->today && d > day - 10; d--) /* the working day before */
		if (demo_working_day(p, d, 0, e, r) == d)
			w = d;
	return w <= p->today ? w : day;
}

/* A new opinion (day < 0: to be placed later); returns its index. */
static int new_opinion(struct plan *p, int unit, int origin, int day, const char *lead,
		       const char *text, int cat, struct qd_error *e, qd_err *r)
{
	if (p->nop == p->capop) {
		p->capop = p->capop ? p->capop * 2 : 1024;
		p->op = xrealloc(p->op, sizeof *p->op * (size_t)p->capop);
	}
	int k = p->nop++;
	struct popinion *o = &p->op[k];
	memset(o, 0, sizeof *o);
	o->unit = unit;
	o->origin = origin;
	o->channel = pick_channel(&p->orng, origin);
	o->by = o->channel == CH_WEB ? -1
		: origin == OO_RECEPTION ? ACC_COUNTY_HANDLER : p->o->u[unit].worker;
	size_t n = strlen(lead) + strlen(text) + 1;
	o->text = xmalloc(n);
	snprintf(o->text, n, "%s%s", lead, text);
	o->cat = cat;
	o->item = -1;
	o->rating = o->rerating = -1;
	o->day = day >= 0 ? entry_day(p, o, day, e, r) : -1;
	return k;
}

/* When the handler first responds: triage, or an acknowledgement first. */
static void plan_response(struct plan *p, int k, struct qd_error *e, qd_err *r)
{
	struct popinion *o = &p->op[k];
	const struct manner *m = manner_of(p, o->unit, o->origin);
	int x = demo_range(&p->orng, 0, 999);
	int lag = x < m->same_day ? 0 : x < m->same_day + m->next_day ? 1
								  : demo_range(&p->orng, 2, 5);
	o->triage_day = demo_working_day(p, o->day, lag, e, r);
	if (lag >= 2 && demo_chance(&p->orng, m->ack))
		o->ack_day = demo_working_day(p, o->day, demo_range(&p->orng, 0, 1), e, r);
}

static int any_day(struct plan *p)
{
	return p->start + demo_range(&p->orng, 0, CAMPAIGN_DAYS);
}

static int closure_of(struct plan *p, const struct manner *m, int mode)
{
	if (demo_chance(&p->orng, m->resolved))
		return CL_RESOLVED;
	if (mode == MODE_LONG_TERM)
		return CL_EXTENDED;
	return demo_chance(&p->orng, 600) ? CL_REVIEWED : CL_UNFOUNDED;
}

/* Opinion k is accepted into item i when it is triaged. */
static void accept_into(struct plan *p, int k, int i)
{
	struct popinion *o = &p->op[k];
	struct pitem *it = &p->it[i];
	o->fate = OF_ACCEPT;
	o->item = i;
	it->op = k;
	it->create_day = o->triage_day;
	it->creator = triage_actor(p, o);
}

/* A new item made of opinion k (already placed) about unit, in the words
 * of t; returns the item's index. */
static int new_issue(struct plan *p, int k, int unit, const char *prefix,
		     const struct demo_optext *t, struct qd_error *e, qd_err *r)
{
	const struct popinion *o = &p->op[k];
	const struct manner *m = manner_of(p, unit, OO_GRASSROOTS);
	struct pitem *it = demo_new_item(p, unit, IK_PROBLEM, SRC_OPINION, -1);
	int i = p->n - 1;
	char title[512];
	snprintf(title, sizeof title, "%s%s", prefix, t->title);
	demo_set_text(it, title, NULL); /* the detail: the opinion's text */
	it->theme = t->theme;
	it->in.it.category_id = p->o->cat[t->cat];
	it->in.it.found_on = o->day;
	int mode = t->mode == 'I' ? MODE_IMMEDIATE : t->mode == 'D' ? MODE_DEADLINE
								   : MODE_LONG_TERM;
	if (mode == MODE_IMMEDIATE && demo_chance(&p->orng, 150))
		mode = MODE_DEADLINE;
	if (*r == QD_OK)
		*r = demo_plan_due(p, &p->orng, it, mode, e);
	it->nm = mode == MODE_IMMEDIATE ? 1
		 : demo_range(&p->orng, mode == MODE_LONG_TERM ? 2 : 1, 3);
	demo_pick_measures(&p->orng, it);
	it->resolved = t->done;
	it->closure = closure_of(p, m, mode);
	accept_into(p, k, i);
	return i;
}

/* 0-3 more people report the same problem later. */
static int pick_dups(struct plan *p)
{
	int x = demo_range(&p->orng, 0, 999);
	return x < 640 ? 0 : x < 850 ? 1 : x < 950 ? 2 : 3;
}

static void add_dups(struct plan *p, int item, int unit, int origin, const struct demo_optext *t,
		     int *count, int limit, struct qd_error *e, qd_err *r)
{
	for (int d = pick_dups(p); d > 0 && *count < limit; d--, (*count)++) {
		const char *lead = dup_leads[demo_rand(&p->orng) % 4];
		int k = new_opinion(p, unit, origin, -1, lead, t->text, t->cat, e, r);
		p->op[k].fate = OF_LINK;
		p->op[k].item = item;
	}
}

static int add_reject(struct plan *p, int unit, int origin, struct qd_error *e, qd_err *r)
{
	const struct demo_reject *rj = demo_pick_reject(&p->orng, origin == OO_RECEPTION);
	int k = new_opinion(p, unit, origin, any_day(p), "", rj->text, CAT_LIVELIHOOD, e, r);
	p->op[k].fate = OF_REJECT;
	p->op[k].reason = rj->reason;
	plan_response(p, k, e, r);
	return k;
}

/* A template of pool not yet used by this unit (all used: any). */
static int pick_unused(struct plan *p, uint64_t *used, int n)
{
	int free_n = 0;
	for (int j = 0; j < n && j < 64; j++)
		free_n += !(*used >> j & 1);
	if (free_n == 0)
		return (int)(demo_rand(&p->orng) % (uint32_t)n);
	int x = demo_range(&p->orng, 0, free_n - 1);
	for (int j = 0; j < n && j < 64; j++)
		if (!(*used >> j & 1) && x-- == 0) {
			*used |= 1ull << j;
			return j;
		}
	return 0;
}

struct pools {
	uint64_t used[MAX_UNITS];  /* templates used by each unit */
	uint64_t dept_used;        /* department templates used */
	int count[3];              /* opinions by origin */
};

/* The opinions behind the items of the ledger that came from the public
 * (demo_others: 开门纳谏), one each, accepted into them. */
static void plan_ledger_opinions(struct plan *p, struct pools *pl, struct qd_error *e, qd_err *r)
{
	int n0 = p->n;
	for (int i = 0; i < n0; i++) {
		struct pitem *it = &p->it[i];
		if (it->in.it.source != SRC_OPINION || it->op >= 0)
			continue;
		int origin = p->o->u[it->unit].township >= 0 ? OO_GRASSROOTS : OO_DEPARTMENT;
		int k = new_opinion(p, it->unit, origin, it->in.it.found_on, "", it->in.it.detail,
				    CAT_LIVELIHOOD, e, r);
		p->op[k].cat = -1; /* the item's category */
		it->in.it.found_on = p->op[k].day;
		it->resolved = OTHER_RESOLVED;
		plan_response(p, k, e, r);
		accept_into(p, k, i);
		pl->count[origin]++;
	}
}

static qd_err plan_grassroots(struct plan *p, struct pools *pl, struct qd_error *e)
{
	const struct demo_org *o = p->o;
	int units[MAX_UNITS], weight[MAX_UNITS], nu = 0, wsum = 0;
	for (int i = 0; i < o->nu && nu < MAX_UNITS; i++) {
		int kind = o->u[i].kind, w = kind == UK_COMMUNITY ? 3 : 2;
		if (kind != UK_TOWNSHIP && kind != UK_VILLAGE && kind != UK_COMMUNITY)
			continue;
		units[nu] = i;
		weight[nu++] = w;
		wsum += w;
	}
	qd_err r = QD_OK;
	int *count = &pl->count[OO_GRASSROOTS];
	while (*count < GRASSROOTS && r == QD_OK) {
		int x = demo_range(&p->orng, 0, wsum - 1), j = 0;
		while ((x -= weight[j]) >= 0)
			j++;
		int unit = units[j];
		(*count)++;
		if (demo_chance(&p->orng, 110)) {
			add_reject(p, unit, OO_GRASSROOTS, e, &r);
			continue;
		}
		int n;
		const struct demo_optext *pool = demo_optexts(o->u[unit].kind, &n);
		const struct demo_optext *t = &pool[pick_unused(p, &pl->used[unit], n)];
		int k = new_opinion(p, unit, OO_GRASSROOTS, any_day(p), "", t->text, t->cat, e, &r);
		plan_response(p, k, e, &r);
		int item = new_issue(p, k, unit, o->u[unit].name, t, e, &r);
		add_dups(p, item, unit, OO_GRASSROOTS, t, count, GRASSROOTS, e, &r);
	}
	return r;
}

/* Move an item's found day to a reception day (its due day with it). */
static qd_err to_reception_day(struct plan *p, struct pitem *it, struct qd_error *e)
{
	it->in.it.found_on = reception_day(p, it->in.it.found_on);
	return demo_plan_due(p, &p->orng, it, it->in.it.mode, e);
}

static qd_err plan_reception(struct plan *p, struct pools *pl, struct qd_error *e)
{
	qd_err r = QD_OK;
	int *count = &pl->count[OO_RECEPTION], n0 = p->n;
	/* the petition cases came to the county leaders' reception days, some
	 * more than once */
	for (int i = 0; i < n0 && r == QD_OK; i++) {
		struct pitem *it = &p->it[i];
		if (it->in.it.source != SRC_PETITION)
			continue;
		r = to_reception_day(p, it, e);
		char text[600];
		snprintf(text, sizeof text, "来访反映：%s。", it->in.it.title);
		int k = new_opinion(p, it->unit, OO_RECEPTION, it->in.it.found_on, "", text,
				    CAT_LIVELIHOOD, e, &r);
		p->op[k].cat = -1;
		p->op[k].fate = OF_LINK;
		p->op[k].item = i;
		p->op[k].triage_day = p->op[k].day; /* registered as a case that day */
		(*count)++;
		snprintf(text, sizeof text, "再次来访，询问“%s”的办理进度。", it->in.it.title);
		for (int d = demo_range(&p->orng, 0, 3); d > 0; d--, (*count)++) {
			k = new_opinion(p, it->unit, OO_RECEPTION, -1, "", text, CAT_LIVELIHOOD, e,
					&r);
			p->op[k].cat = -1;
			p->op[k].fate = OF_LINK;
			p->op[k].item = i;
		}
	}
	int nd;
	const struct demo_deptext *dt = demo_dept_optexts(&nd);
	while (*count < RECEPTION && r == QD_OK) {
		(*count)++;
		int x = demo_range(&p->orng, 0, 999);
		if (x < 120) {
			add_reject(p, p->o->first_dept + demo_range(&p->orng, 0, p->o->ndept - 1),
				   OO_RECEPTION, e, &r);
			continue;
		}
		int unit, k;
		const struct demo_optext *t;
		const char *prefix = "";
		if (x < 550) {
			int j = pick_unused(p, &pl->dept_used, nd);
			unit = demo_unit_find(p->o, dt[j].owner);
			if (unit < 0)
				return qd_fail(e, QD_INTERNAL, "demo", "no unit %s", dt[j].owner);
			t = &dt[j].t;
		} else {
			unit = p->o->first_town + demo_range(&p->orng, 0, p->o->ntown - 1);
			int n;
			const struct demo_optext *pool = demo_optexts(UK_TOWNSHIP, &n);
			t = &pool[pick_unused(p, &pl->used[unit], n)];
			prefix = p->o->u[unit].name;
		}
		char text[600];
		snprintf(text, sizeof text, "来访反映：%s", t->text);
		k = new_opinion(p, unit, OO_RECEPTION, any_day(p), "", text, t->cat, e, &r);
		plan_response(p, k, e, &r);
		int item = new_issue(p, k, unit, prefix, t, e, &r);
		add_dups(p, item, unit, OO_RECEPTION, t, count, RECEPTION, e, &r);
	}
	return r;
}

static qd_err plan_departments(struct plan *p, struct pools *pl, struct qd_error *e)
{
	qd_err r = QD_OK;
	int *count = &pl->count[OO_DEPARTMENT], nd;
	const struct demo_deptext *dt = demo_dept_optexts(&nd);
	int first_issue = p->n;
	while (*count < DEPARTMENTS && r == QD_OK) {
		(*count)++;
		if (demo_chance(&p->orng, 90)) {
			add_reject(p, p->o->first_dept + demo_range(&p->orng, 0, p->o->ndept - 1),
				   OO_DEPARTMENT, e, &r);
			continue;
		}
		bool fresh = (pl->dept_used & ((1ull << nd) - 1)) != (1ull << nd) - 1;
		if (!fresh && p->n > first_issue) {
			/* every problem is on the list: one more person reports one */
			int item = first_issue + demo_range(&p->orng, 0, p->n - first_issue - 1);
			const struct popinion *src = &p->op[p->it[item].op];
			int k = new_opinion(p, p->it[item].unit, OO_DEPARTMENT, -1,
					    dup_leads[1 + demo_rand(&p->orng) % 3], src->text,
					    src->cat, e, &r);
			p->op[k].fate = OF_LINK;
			p->op[k].item = item;
			continue;
		}
		int j = pick_unused(p, &pl->dept_used, nd);
		int unit = demo_unit_find(p->o, dt[j].owner);
		if (unit < 0)
			return qd_fail(e, QD_INTERNAL, "demo", "no unit %s", dt[j].owner);
		int k = new_opinion(p, unit, OO_DEPARTMENT, any_day(p), "", dt[j].t.text,
				    dt[j].t.cat, e, &r);
		plan_response(p, k, e, &r);
		int item = new_issue(p, k, unit, "", &dt[j].t, e, &r);
		add_dups(p, item, unit, OO_DEPARTMENT, &dt[j].t, count, DEPARTMENTS, e, &r);
	}
	return r;
}

qd_err demo_opinions_plan(struct plan *p, struct qd_error *e)
{
	struct pools pl;
	memset(&pl, 0, sizeof pl);
	if (p->o->nu > MAX_UNITS)
		return qd_fail(e, QD_INTERNAL, "demo", "more than %d units", MAX_UNITS);
	qd_err r = QD_OK;
	plan_ledger_opinions(p, &pl, e, &r);
	if (r == QD_OK)
		r = plan_grassroots(p, &pl, e);
	if (r == QD_OK)
		r = plan_reception(p, &pl, e);
	if (r == QD_OK)
		r = plan_departments(p, &pl, e);
	return r;
}

/* --- the steps, once the items' days are known --- */

/* A duplicate comes while its item is worked: after the item is made and
 * before it is signed off. */
static void place_link(struct plan *p, int k, struct qd_error *e, qd_err *r)
{
	struct popinion *o = &p->op[k];
	const struct pitem *t = &p->it[o->item];
	int lo = t->create_day ? t->create_day : t->in.it.found_on;
	int hi = t->signoff_day && t->signoff_day - 1 < p->today ? t->signoff_day - 1 : p->today;
	bool preset = o->day >= 0;
	if (!preset) {
		int first = t->op >= 0 ? p->op[t->op].day : t->in.it.found_on;
		int from = lo <= hi ? lo : first;
		int to = lo <= hi ? hi : p->today; /* not made yet: waits untriaged */
		o->day = entry_day(p, o, from + demo_range(&p->orng, 0, to - from), e, r);
		if (o->day > to) /* a visit comes on the reception day before */
			o->day = o->origin == OO_RECEPTION ? o->day - 7 : to;
	}
	if (!preset || o->triage_day == 0)
		plan_response(p, k, e, r);
	if (o->triage_day < lo)
		o->triage_day = lo;
	if (t->signoff_day && o->triage_day >= t->signoff_day)
		o->triage_day = o->day > lo ? o->day : lo;
	if (o->ack_day >= o->triage_day)
		o->ack_day = 0;
}

static int pick_rating(struct plan *p, const struct manner *m, int closure)
{
	int x = demo_range(&p->orng, 0, 999);
	if (closure != CL_RESOLVED)
		return x < (closure == CL_UNFOUNDED ? 700 : 500) ? RT_BASIC : RT_SATISFIED;
	if (x < m->unsatisfied)
		return RT_UNSATISFIED;
	return x < m->unsatisfied + m->basic ? RT_BASIC : RT_SATISFIED;
}

/* The answers of item i rated; 不满意 has the item worked again. */
static void plan_ratings(struct plan *p, int i, const int *ops, int n)
{
	struct pitem *it = &p->it[i];
	if (!it->signoff_day || it->reopen_day || n == 0)
		return;
	const struct manner *m = manner_of(p, it->unit, OO_GRASSROOTS);
	int unsat = -1;
	for (int j = 0; j < n; j++) {
		struct popinion *o = &p->op[ops[j]];
		if (!demo_chance(&p->orng, m->rated))
			continue;
		o->rate_day = it->signoff_day + demo_range(&p->orng, 1, 7);
		o->rating = pick_rating(p, m, it->closure);
		if (o->rating == RT_UNSATISFIED && unsat >= 0)
			o->rating = RT_BASIC;
		if (o->rating == RT_UNSATISFIED) {
			unsat = ops[j];
			o->comment = demo_pick_unsatisfied(&p->orng);
		}
	}
	if (unsat >= 0) {
		struct popinion *u = &p->op[unsat];
		int req = u->rate_day + demo_range(&p->orng, 3, 8);
		int again = req + demo_range(&p->orng, 1, 3);
		demo_add_step(p, i, req, SK_REQUEST, 0);
		demo_add_step(p, i, again, SK_SIGNOFF, 1);
		u->rerating = demo_chance(&p->orng, 650) ? RT_SATISFIED : RT_BASIC;
		u->rerate_day = again + demo_range(&p->orng, 1, 5);
		for (int j = 0; j < n; j++) { /* the others rate the new answer */
			struct popinion *o = &p->op[ops[j]];
			if (ops[j] != unsat && o->rating >= 0 && o->rate_day >= u->rate_day)
				o->rate_day = again + demo_range(&p->orng, 1, 6);
		}
	}
	for (int j = 0; j < n; j++) {
		const struct popinion *o = &p->op[ops[j]];
		if (o->rating >= 0)
			demo_add_step(p, ops[j], o->rate_day, SK_OP_RATE, 0);
		if (o->rerating >= 0)
			demo_add_step(p, ops[j], o->rerate_day, SK_OP_RATE, 1);
	}
}

/* While a deadline or long-term item is worked, a word on its progress. */
static void plan_progress(struct plan *p, int k)
{
	struct popinion *o = &p->op[k];
	const struct pitem *it = &p->it[o->item];
	if (it->in.it.mode == MODE_IMMEDIATE || !demo_chance(&p->orng, 350))
		return;
	int day = o->triage_day + demo_range(&p->orng, 3, 10);
	if (!it->signoff_day || day < it->signoff_day)
		demo_add_step(p, k, day, SK_OP_REPLY, 1);
}

qd_err demo_opinions_steps(struct plan *p, struct qd_error *e)
{
	qd_err r = QD_OK;
	/* the opinions of each item, in order */
	int *head = xmalloc(sizeof *head * (size_t)p->n);
	int *next = xmalloc(sizeof *next * (size_t)(p->nop + 1));
	for (int i = 0; i < p->n; i++)
		head[i] = -1;
	for (int k = p->nop - 1; k >= 0 && r == QD_OK; k--) {
		struct popinion *o = &p->op[k];
		if (o->fate == OF_LINK)
			place_link(p, k, e, &r);
		next[k] = -1;
		if (o->fate != OF_REJECT && o->triage_day < p->it[o->item].signoff_day) {
			next[k] = head[o->item];
			head[o->item] = k;
		}
	}
	for (int k = 0; k < p->nop && r == QD_OK; k++) {
		struct popinion *o = &p->op[k];
		demo_add_step(p, k, o->day, SK_OP_SUBMIT, 0);
		if (o->ack_day && o->ack_day < o->triage_day)
			demo_add_step(p, k, o->ack_day, SK_OP_REPLY, 0);
		if (o->fate == OF_LINK)
			demo_add_step(p, k, o->triage_day, SK_OP_LINK, 0);
		else if (o->fate == OF_REJECT)
			demo_add_step(p, k, o->triage_day, SK_OP_REJECT, 0);
		if (o->fate != OF_REJECT)
			plan_progress(p, k);
	}
	int ops[64];
	for (int i = 0; i < p->n && r == QD_OK; i++) {
		int n = 0;
		for (int k = head[i]; k >= 0 && n < 64; k = next[k])
			ops[n++] = k;
		plan_ratings(p, i, ops, n);
	}
	free(head);
	free(next);
	return r;
}

/* --- running --- */

static qd_err run_submit(struct plan *p, struct popinion *po, struct qd_error *e)
{
	struct opinion o;
	opinion_init(&o);
	o.channel = po->channel;
	o.unit_id = p->o->u[po->unit].id;
	o.category_id = po->cat >= 0 ? p->o->cat[po->cat]
		      : po->item >= 0 ? p->it[po->item].in.it.category_id : 0;
	o.text = xstrdup(po->text);
	o.received_at = time_now(); /* the step's time on the simulated clock */
	qd_err r = app_opinion_submit(p->a, po->by >= 0 ? demo_as(p, po->by) : NULL, &o, e);
	if (r == QD_OK) {
		po->id = o.id;
		snprintf(po->code, sizeof po->code, "%s", o.code);
		struct demo_counts *c = p->count;
		c->opinions++;
		c->op_grassroots += po->origin == OO_GRASSROOTS;
		c->op_reception += po->origin == OO_RECEPTION;
		c->op_departments += po->origin == OO_DEPARTMENT;
	}
	opinion_clear(&o);
	return r;
}

qd_err demo_opinion_accept(struct plan *p, struct pitem *it, struct qd_error *e)
{
	const struct popinion *o = &p->op[it->op];
	if (it->in.it.category_id <= 0 && o->cat >= 0)
		it->in.it.category_id = p->o->cat[o->cat];
	qd_err r = app_opinion_accept(p->a, demo_as(p, it->creator), o->id, &it->in, e);
	p->count->op_accepted += r == QD_OK;
	return r;
}

qd_err demo_opinion_run(struct plan *p, const struct step *s, struct qd_error *e)
{
	struct popinion *o = &p->op[s->item];
	const struct actor *ac = demo_as(p, triage_actor(p, o));
	qd_err r;
	switch (s->kind) {
	case SK_OP_SUBMIT:
		return run_submit(p, o, e);
	case SK_OP_LINK:
		r = app_opinion_link(p->a, ac, o->id, p->it[o->item].in.it.id, e);
		p->count->op_linked += r == QD_OK;
		return r;
	case SK_OP_REJECT:
		r = app_opinion_reject(p->a, ac, o->id, o->reason, e);
		p->count->op_rejected += r == QD_OK;
		return r;
	case SK_OP_REPLY:
		r = app_opinion_reply(p->a, ac, o->id, s->arg ? demo_pick_progress(&p->orng)
							      : demo_pick_ack(&p->orng), e);
		p->count->op_replies += r == QD_OK;
		return r;
	case SK_OP_RATE: {
		int rating = s->arg ? o->rerating : o->rating;
		r = app_opinion_rate(p->a, o->code, rating,
				     rating == RT_UNSATISFIED ? o->comment : NULL, e);
		p->count->op_rated += r == QD_OK && !s->arg;
		p->count->op_unsatisfied += r == QD_OK && rating == RT_UNSATISFIED;
		return r;
	}
	}
	return qd_fail(e, QD_INTERNAL, "demo", "unknown opinion step");
}
