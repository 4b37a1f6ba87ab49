/* demo_org.c: the organisation of the demo county - 海晏县 with its
 * departments, its six townships, their villages and communities, a party
 * branch in each, the grids, the people who answer for them, the accounts
 * (one per role) and the categories. */
#include "demo.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))
#define MAX_VILLAGES 4

static const char *const grid_ordinal[] = {"第一网格", "第二网格", "第三网格"};

struct village_seed {
	const char *name;
	int kind;
	int grids;
};

struct town_seed {
	const char *name;
	const char *secretary_title, *head_title;
	struct village_seed v[MAX_VILLAGES];
};

static const struct town_seed towns[] = {
	{"三角城镇", "三角城镇党委书记", "三角城镇镇长",
	 {{"西街社区", UK_COMMUNITY, 3}, {"东街社区", UK_COMMUNITY, 3},
	  {"三联村", UK_VILLAGE, 3}, {"红山村", UK_VILLAGE, 2}}},
	{"西海镇", "西海镇党委书记", "西海镇镇长",
	 {{"西海社区", UK_COMMUNITY, 3}, {"海湖社区", UK_COMMUNITY, 2},
	  {"红旗村", UK_VILLAGE, 2}}},
	{"金滩乡", "金滩乡党委书记", "金滩乡乡长",
	 {{"金滩村", UK_VILLAGE, 3}, {"东达村", UK_VILLAGE, 2}, {"仓开村", UK_VILLAGE, 2}}},
	{"青海湖乡", "青海湖乡党委书记", "青海湖乡乡长",
	 {{"达玉村", UK_VILLAGE, 2}, {"尕海村", UK_VILLAGE, 2}}},
	{"哈勒景蒙古族乡", "哈勒景蒙古族乡党委书记", "哈勒景蒙古族乡乡长",
	 {{"哈勒景村", UK_VILLAGE, 3}, {"永丰村", UK_VILLAGE, 2}}},
	{"甘子河乡", "甘子河乡党委书记", "甘子河乡乡长",
	 {{"甘子河村", UK_VILLAGE, 3}, {"热水村", UK_VILLAGE, 2}, {"俄日村", UK_VILLAGE, 2}}},
};

static const struct {
	const char *name, *head_title;
} depts[] = {
	{"县委办公室", "主任"},
	{"县委组织部", "部长"},
	{"县委宣传部", "部长"},
	{"县纪委监委", "副书记"},
	{"县人民政府办公室", "主任"},
	{"县教育局", "局长"},
	{"县民政局", "局长"},
	{"县卫生健康局", "局长"},
	{"县人力资源和社会保障局", "局长"},
	{"县住房和城乡建设局", "局长"},
	{"县残疾人联合会", "理事长"},
	{"县群众工作委员会", "主任"},
	{"共青团海晏县委", "书记"},
};

/* County leadership besides 县委书记 and the county.leader account. */
static const char *const county_titles[] = {
	"县委副书记、县长", "县委常委、常务副县长", "县委常委、组织部部长",
	"县委常委、纪委书记、监委主任", "副县长",
};

static const struct {
	const char *login;
	int role;
	const char *unit, *title, *what;
} acc_seeds[ACC_COUNT] = {
	[ACC_ADMIN] = {"admin", ROLE_ADMIN, "海晏县", "县委组织部组织员（系统管理员）",
		       "全县管理员 / county admin: units, people, accounts"},
	[ACC_COUNTY_LEADER] = {"county.leader", ROLE_LEADER, "海晏县", "县委副书记",
			       "县领导：销号乡镇和部门的问题，认领必解问题 / signs off township "
			       "and department items, claims"},
	[ACC_COUNTY_HANDLER] = {"county.handler", ROLE_HANDLER, "海晏县",
				"县委主题教育办公室干事",
				"县级经办：县级和部门问题 / works county and department items"},
	[ACC_SUPERVISOR] = {"supervisor", ROLE_SUPERVISOR, "海晏县", "县委主题教育指导组组长",
			    "指导组：督导发现、销号县级班子问题 / supervision group"},
	[ACC_VIEWER] = {"viewer", ROLE_VIEWER, "海晏县", "县委办公室信息科科员",
			"只读 / read only"},
	[ACC_SANJIAO_LEADER] = {"sanjiao.leader", ROLE_LEADER, "三角城镇", "三角城镇党委书记",
				"镇领导：销号本镇村社区网格的问题，本镇自身的不能 / signs off "
				"below the township, not its own"},
	[ACC_XIHAI_LEADER] = {"xihai.leader", ROLE_LEADER, "西海镇", "西海镇党委书记",
			      "镇领导（同上）/ township leader (as above)"},
	[ACC_SANJIAO_HANDLER] = {"sanjiao.handler", ROLE_HANDLER, "三角城镇",
				 "三角城镇党政办干事", "乡镇经办 / township handler"},
	[ACC_XIHAI_HANDLER] = {"xihai.handler", ROLE_HANDLER, "西海镇", "西海镇党政办干事",
			       "乡镇经办 / township handler"},
	[ACC_JINTAN_HANDLER] = {"jintan.handler", ROLE_HANDLER, "金滩乡", "金滩乡党政办干事",
				"乡镇经办 / township handler"},
	[ACC_QINGHAIHU_HANDLER] = {"qinghaihu.handler", ROLE_HANDLER, "青海湖乡",
				   "青海湖乡党政办干事", "乡镇经办 / township handler"},
	[ACC_HALEJING_HANDLER] = {"halejing.handler", ROLE_HANDLER, "哈勒景蒙古族乡",
				  "哈勒景蒙古族乡党政办干事", "乡镇经办 / township handler"},
	[ACC_GANZIHE_HANDLER] = {"ganzihe.handler", ROLE_HANDLER, "甘子河乡",
				 "甘子河乡党政办干事", "乡镇经办 / township handler"},
	[ACC_SANLIAN_HANDLER] = {"sanlian.handler", ROLE_HANDLER, "三联村", "三联村村委会文书",
				 "村经办 / village handler"},
	[ACC_GRID_WORKER] = {"grid.worker", ROLE_GRID_WORKER, "三联村第一网格", "网格员",
			     "网格员：本网格的问题 / grid worker"},
};

static const struct {
	const char *code, *name;
} cats[CAT_COUNT] = {
	[CAT_STUDY] = {"study", "理论学习"},
	[CAT_CONDUCT] = {"conduct", "作风建设"},
	[CAT_ORG] = {"organization", "组织建设"},
	[CAT_LIVELIHOOD] = {"livelihood", "民生服务"},
	[CAT_INFRA] = {"infrastructure", "基础设施"},
	[CAT_ECOLOGY] = {"ecology", "生态环保"},
	[CAT_EMPLOYMENT] = {"employment", "就业社保"},
	[CAT_EDU_HEALTH] = {"education-health", "教育医疗"},
};

/* Everything the builder needs while it works. */
struct org_ctx {
	struct app *a;
	const struct actor *sys;
	struct demo_rng *rng;
	struct demo_org *o;
	char (*names)[32]; /* names given so far, to keep them apart */
	int nnames, capnames;
};

int demo_unit_find(const struct demo_org *o, const char *name)
{
	for (int i = 0; i < o->nu; i++)
		if (strcmp(o->u[i].name, name) == 0)
			return i;
	return -1;
}

static int push_unit(struct demo_org *o)
{
	if (o->nu == o->capu) {
		o->capu = o->capu ? o->capu * 2 : 128;
		o->u = xrealloc(o->u, sizeof *o->u * (size_t)o->capu);
	}
	memset(&o->u[o->nu], 0, sizeof o->u[0]);
	return o->nu++;
}

static qd_err add_unit(struct org_ctx *x, const char *name, int kind, int parent, int *out,
		       struct qd_error *e)
{
	struct demo_org *o = x->o;
	struct unit u = {.parent_id = parent >= 0 ? o->u[parent].id : 0, .kind = kind,
			 .name = xstrdup(name)};
	qd_err r = app_unit_add(x->a, x->sys, &u, e);
	if (r == QD_OK) {
		int i = push_unit(o);
		struct demo_unit *d = &o->u[i];
		d->id = u.id;
		d->kind = kind;
		d->name = xstrdup(name);
		d->path = u.path;
		u.path = NULL;
		d->parent = parent;
		d->township = kind == UK_TOWNSHIP ? i : parent >= 0 ? o->u[parent].township : -1;
		d->worker = d->leader = -1;
		*out = i;
	}
	unit_clear(&u);
	return r;
}

/* a + b in buf (unit names such as 三联村第一网格, titles). */
static const char *compose(char *buf, size_t size, const char *a, const char *b)
{
	snprintf(buf, size, "%s%s", a, b);
	return buf;
}

static qd_err add_villages(struct org_ctx *x, const struct town_seed *t, int town,
			   struct qd_error *e)
{
	for (int v = 0; v < MAX_VILLAGES && t->v[v].name; v++) {
		const struct village_seed *vs = &t->v[v];
		int vi, bi, gi;
		char name[128];
		qd_err r = add_unit(x, vs->name, vs->kind, town, &vi, e);
		if (r == QD_OK)
			r = add_unit(x, compose(name, sizeof name, vs->name, "党支部"), UK_BRANCH,
				     vi, &bi, e);
		for (int g = 0; r == QD_OK && g < vs->grids; g++)
			r = add_unit(x, compose(name, sizeof name, vs->name, grid_ordinal[g]),
				     UK_GRID, vi, &gi, e);
		if (r != QD_OK)
			return r;
	}
	return QD_OK;
}

static qd_err add_units(struct org_ctx *x, struct qd_error *e)
{
	struct demo_org *o = x->o;
	int i;
	qd_err r = add_unit(x, "海晏县", UK_COUNTY, -1, &o->county, e);
	o->first_town = o->nu;
	for (int t = 0; r == QD_OK && t < N(towns); t++)
		r = add_unit(x, towns[t].name, UK_TOWNSHIP, o->county, &i, e);
	o->ntown = N(towns);
	o->first_dept = o->nu;
	for (int d = 0; r == QD_OK && d < N(depts); d++)
		r = add_unit(x, depts[d].name, UK_DEPARTMENT, o->county, &i, e);
	o->ndept = N(depts);
	for (int t = 0; r == QD_OK && t < N(towns); t++)
		r = add_villages(x, &towns[t], o->first_town + t, e);
	return r;
}

static qd_err add_categories(struct org_ctx *x, struct qd_error *e)
{
	for (int i = 0; i < CAT_COUNT; i++) {
		struct category c = {.code = xstrdup(cats[i].code), .name = xstrdup(cats[i].name)};
		qd_err r = app_category_add(x->a, x->sys, &c, e);
		x->o->cat[i] = c.id;
		category_clear(&c);
		if (r != QD_OK)
			return r;
	}
	return QD_OK;
}

static qd_err add_person(struct org_ctx *x, int unit, const char *title, int64_t *id,
			 struct qd_error *e)
{
	if (x->nnames == x->capnames) {
		x->capnames = x->capnames ? x->capnames * 2 : 128;
		x->names = xrealloc(x->names, sizeof *x->names * (size_t)x->capnames);
	}
	char *name = x->names[x->nnames];
	demo_person_name(x->rng, name, sizeof x->names[0], x->names, x->nnames);
	x->nnames++;
	struct person p = {.unit_id = x->o->u[unit].id, .name = xstrdup(name),
			   .title = xstrdup(title)};
	qd_err r = app_person_add(x->a, x->sys, &p, e);
	*id = p.id;
	person_clear(&p);
	x->o->persons += r == QD_OK;
	return r;
}

static qd_err add_account(struct org_ctx *x, int k, struct qd_error *e)
{
	struct demo_account *d = &x->o->acc[k];
	int unit = demo_unit_find(x->o, acc_seeds[k].unit);
	if (unit < 0)
		return qd_fail(e, QD_INTERNAL, "demo", "no unit %s", acc_seeds[k].unit);
	d->login = acc_seeds[k].login;
	d->title = acc_seeds[k].title;
	d->role = acc_seeds[k].role;
	d->what = acc_seeds[k].what;
	d->unit = unit;
	qd_err r = add_person(x, unit, d->title, &d->person_id, e);
	snprintf(d->name, sizeof d->name, "%s", x->names[x->nnames - 1]);
	if (r != QD_OK)
		return r;
	struct account acc = {.person_id = d->person_id, .login = xstrdup(d->login)};
	r = app_account_add(x->a, x->sys, &acc, DEMO_PASSWORD, e);
	d->account_id = acc.id;
	account_clear(&acc);
	struct grant g = {.account_id = d->account_id, .unit_id = x->o->u[unit].id,
			  .role = d->role};
	if (r == QD_OK)
		r = app_grant_add(x->a, x->sys, &g, e);
	grant_clear(&g);
	return r;
}

/* The account whose person heads unit i, if any (township leaders, the
 * grid worker), else -1. */
static int account_heading(const struct demo_org *o, int i)
{
	const struct demo_unit *u = &o->u[i];
	for (int k = 0; k < ACC_COUNT; k++) {
		const struct demo_account *d = &o->acc[k];
		if (d->unit != i)
			continue;
		if ((u->kind == UK_TOWNSHIP && d->role == ROLE_LEADER) ||
		    (u->kind == UK_GRID && d->role == ROLE_GRID_WORKER))
			return k;
	}
	return -1;
}

static const char *head_title(const struct demo_org *o, int i, char *buf, size_t size)
{
	const struct demo_unit *u = &o->u[i];
	switch (u->kind) {
	case UK_TOWNSHIP:
		return towns[i - o->first_town].secretary_title;
	case UK_DEPARTMENT:
		return compose(buf, size, u->name, depts[i - o->first_dept].head_title);
	case UK_VILLAGE:
	case UK_COMMUNITY:
		return compose(buf, size, u->name, "党支部书记");
	case UK_GRID:
		return compose(buf, size, u->name, "网格员");
	default:
		return "";
	}
}

static qd_err add_heads(struct org_ctx *x, struct qd_error *e)
{
	struct demo_org *o = x->o;
	qd_err r = add_person(x, o->county, "县委书记", &o->secretary, e);
	o->county_leaders[o->ncounty_leaders++] = o->secretary;
	o->county_leaders[o->ncounty_leaders++] = o->acc[ACC_COUNTY_LEADER].person_id;
	for (int t = 0; r == QD_OK && t < N(county_titles); t++)
		r = add_person(x, o->county, county_titles[t],
			       &o->county_leaders[o->ncounty_leaders++], e);
	o->u[o->county].head = o->secretary;
	for (int i = 0; r == QD_OK && i < o->nu; i++) {
		struct demo_unit *u = &o->u[i];
		char title[160];
		int k = account_heading(o, i);
		if (k >= 0)
			u->head = o->acc[k].person_id;
		else if (u->kind == UK_BRANCH)
			u->head = o->u[u->parent].head; /* the village's secretary */
		else if (i != o->county)
			r = add_person(x, i, head_title(o, i, title, sizeof title), &u->head, e);
		if (r == QD_OK && u->kind == UK_TOWNSHIP) {
			int64_t head;
			r = add_person(x, i, towns[i - o->first_town].head_title, &head, e);
		}
	}
	return r;
}

/* Who records and works the items of each unit (the nearest handler or
 * grid worker above or at it) and which township leader is over it. */
static void assign_roles(struct demo_org *o)
{
	for (int i = 0; i < o->nu; i++) {
		struct demo_unit *u = &o->u[i];
		int best_depth = -1;
		u->worker = u->leader = -1;
		for (int k = 0; k < ACC_COUNT; k++) {
			const struct demo_account *d = &o->acc[k];
			const char *p = o->u[d->unit].path;
			if (!path_covers(p, u->path))
				continue;
			bool works = d->role == ROLE_HANDLER || d->role == ROLE_GRID_WORKER;
			if (works && path_depth(p) > best_depth) {
				u->worker = k;
				best_depth = path_depth(p);
			}
			if (d->role == ROLE_LEADER && d->unit != o->county)
				u->leader = k;
		}
	}
}

static qd_err load_actors(struct org_ctx *x, struct qd_error *e)
{
	for (int k = 0; k < ACC_COUNT; k++) {
		qd_err r = app_actor_load(x->a, x->o->acc[k].account_id, &x->o->acc[k].actor, e);
		if (r != QD_OK)
			return r;
	}
	return QD_OK;
}

static qd_err add_accounts(struct org_ctx *x, struct qd_error *e)
{
	for (int k = 0; k < ACC_COUNT; k++) {
		qd_err r = add_account(x, k, e);
		if (r != QD_OK)
			return r;
	}
	return QD_OK;
}

qd_err demo_org_build(struct app *a, const struct actor *sys, struct demo_rng *rng,
		      struct demo_org *o, struct qd_error *e)
{
	struct org_ctx x = {.a = a, .sys = sys, .rng = rng, .o = o};
	memset(o, 0, sizeof *o);
	qd_err r = add_units(&x, e);
	if (r == QD_OK)
		r = add_categories(&x, e);
	if (r == QD_OK)
		r = add_accounts(&x, e);
	if (r == QD_OK)
		r = add_heads(&x, e);
	if (r == QD_OK) {
		assign_roles(o);
		r = load_actors(&x, e);
	}
	free(x.names);
	return r;
}

void demo_org_free(struct demo_org *o)
{
	for (int i = 0; i < o->nu; i++) {
		free(o->u[i].name);
		free(o->u[i].path);
	}
	free(o->u);
	for (int k = 0; k < ACC_COUNT; k++)
		actor_clear(&o->acc[k].actor);
	memset(o, 0, sizeof *o);
}
