/* gen_org.c: the province's units, people, categories and accounts. */
#include "gen.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

static const char *const syllables[] = {
	"安", "宝", "北", "昌", "长", "大", "东", "丰", "福", "广", "海", "和", "河", "红",
	"华", "怀", "吉", "嘉", "金", "景", "康", "兰", "乐", "临", "龙", "隆", "明", "南",
	"宁", "平", "清", "庆", "泉", "仁", "瑞", "山", "上", "胜", "石", "顺", "太", "泰",
	"天", "田", "通", "文", "西", "祥", "新", "兴", "阳", "永", "玉", "元", "云", "泽",
	"湛", "正", "中", "柳", "松", "桥", "湖", "溪", "林", "峰", "源", "沟", "坪", "川"};

/* The share of items owned by units of each level, in per mille. */
static const int level_share[GEN_LEVELS] = {3, 10, 60, 170, 300, 457};

double gen_normal(struct demo_rng *r)
{
	double u1 = demo_unit(r), u2 = demo_unit(r);
	if (u1 < 1e-12)
		u1 = 1e-12;
	return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static void place_name(struct demo_rng *r, const char *suffix, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", syllables[demo_range(r, 0, N(syllables) - 1)],
		 syllables[demo_range(r, 0, N(syllables) - 1)], suffix);
}

static void person_name(struct demo_rng *r, char *out, size_t size)
{
	static const char *const family[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄",
					     "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
					     "何", "林", "罗", "高", "梁", "郑", "谢", "韩"};
	static const char *const given[] = {"建国", "海燕", "志强", "秀兰", "文军", "丽娟",
					    "永福", "春梅", "国庆", "玉珍", "晓东", "红霞",
					    "德明", "桂英", "继红", "学军", "卫东", "淑芬",
					    "振华", "金花", "立新", "爱民", "明", "静", "斌", "婷"};
	snprintf(out, size, "%s%s", family[demo_range(r, 0, N(family) - 1)],
		 given[demo_range(r, 0, N(given) - 1)]);
}

static qd_err add_person(struct app *a, const struct actor *sys, int64_t unit, const char *name,
			 const char *title, int64_t *out, struct qd_error *e)
{
	struct person p = {0};
	p.unit_id = unit;
	p.name = xstrdup(name);
	p.title = xstrdup(title);
	qd_err r = app_person_add(a, sys, &p, e);
	*out = p.id;
	person_clear(&p);
	return r;
}

struct build {
	struct gen *g;
	const struct actor *sys;
	/* names already given under a parent, as 64-bit hashes of (parent,
	 * name): siblings never share a name, so a name path finds one unit */
	uint64_t *used;
	size_t nused, capused;
};

static uint64_t name_key(int64_t parent, const char *name)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)parent;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h ? h : 1;
}

/* Mark the name used under parent; false when it already was. */
static bool name_take(struct build *b, int64_t parent, const char *name)
{
	if ((b->nused + 1) * 2 > b->capused) {
		size_t cap = b->capused ? b->capused * 2 : 4096;
		uint64_t *v = xcalloc(cap, sizeof *v);
		for (size_t i = 0; i < b->capused; i++)
			if (b->used[i]) {
				size_t k = b->used[i] & (cap - 1);
				while (v[k])
					k = (k + 1) & (cap - 1);
				v[k] = b->used[i];
			}
		free(b->used);
		b->used = v;
		b->capused = cap;
	}
	uint64_t key = name_key(parent, name);
	size_t k = key & (b->capused - 1);
	for (; b->used[k]; k = (k + 1) & (b->capused - 1))
		if (b->used[k] == key)
			return false;
	b->used[k] = key;
	b->nused++;
	return true;
}

static struct gen_unit *push_unit(struct gen *g)
{
	if (g->nu == g->capu) {
		g->capu = g->capu ? g->capu * 2 : 1024;
		g->u = xrealloc(g->u, sizeof *g->u * (size_t)g->capu);
	}
	struct gen_unit *u = &g->u[g->nu++];
	memset(u, 0, sizeof *u);
	return u;
}

static int kind_at(struct demo_rng *r, int level)
{
	static const int kinds[GEN_LEVELS] = {UK_PROVINCE, UK_CITY, UK_COUNTY, UK_TOWNSHIP,
					      UK_VILLAGE, UK_GRID};
	if (level == 3 && demo_chance(r, 200))
		return UK_STREET;
	if (level == 4 && demo_chance(r, 250))
		return UK_COMMUNITY;
	return kinds[level];
}

static const char *suffix_of(int kind)
{
	switch (kind) {
	case UK_PROVINCE: return "省";
	case UK_CITY: return "市";
	case UK_COUNTY: return "县";
	case UK_TOWNSHIP: return "镇";
	case UK_STREET: return "街道";
	case UK_VILLAGE: return "村";
	case UK_COMMUNITY: return "社区";
	default: return "";
	}
}

static const char *head_title(int level)
{
	static const char *const t[GEN_LEVELS] = {"省委常委", "市委常委", "县委书记",
						  "乡镇党委书记", "村党支部书记", "网格长"};
	return t[level];
}

/* Add a unit under parent (index, -1 for the root) and its people. */
static qd_err add_unit(struct app *a, struct build *b, int parent, int level, int ordinal,
		       double weight, struct qd_error *e)
{
	struct gen *g = b->g;
	char name[96];
	int kind = kind_at(&g->rng, level);
	int64_t parent_id = parent >= 0 ? g->u[parent].id : 0;
	if (kind == UK_GRID) {
		snprintf(name, sizeof name, "第%d网格", ordinal + 1);
	} else {
		int tries = 0;
		do
			place_name(&g->rng, suffix_of(kind), name, sizeof name);
		while (!name_take(b, parent_id, name) && ++tries < 50);
		if (tries == 50) /* nearly all two-syllable names taken: number it */
			snprintf(name + strlen(name), sizeof name - strlen(name), "%d", ordinal + 1);
	}
	struct unit u = {0};
	u.parent_id = parent_id;
	u.kind = kind;
	u.name = xstrdup(name);
	qd_err r = app_unit_add(a, b->sys, &u, e);
	if (r != QD_OK) {
		unit_clear(&u);
		return r;
	}
	struct gen_unit *gu = push_unit(g);
	gu->id = u.id;
	gu->level = level;
	gu->kind = kind;
	gu->path = xstrdup(u.path);
	gu->weight = weight;
	gu->county = level == 2 ? g->nu - 1 : level > 2 ? g->u[parent].county : -1;
	unit_clear(&u);
	char pname[32];
	person_name(&g->rng, pname, sizeof pname);
	r = add_person(a, b->sys, gu->id, pname, head_title(level), &gu->head, e);
	gu->worker = gu->head;
	if (r == QD_OK && level < 5) {
		/* two people of a unit never share a name: a file names them */
		char head[32];
		snprintf(head, sizeof head, "%s", pname);
		do
			person_name(&g->rng, pname, sizeof pname);
		while (strcmp(pname, head) == 0);
		r = add_person(a, b->sys, gu->id, pname, "经办人", &gu->worker, e);
	}
	return r;
}

static qd_err build_tree(struct app *a, void *ctx, struct qd_error *e)
{
	struct build *b = ctx;
	struct gen *g = b->g;
	static const int fanout_lo[GEN_LEVELS] = {0, 0, 0, 10, 8, 2};
	static const int fanout_hi[GEN_LEVELS] = {0, 0, 0, 18, 20, 6};
	g->first_of[0] = 0;
	g->count_of[0] = 1;
	qd_err r = add_unit(a, b, -1, 0, 0, 1.0, e);
	int cities = (g->counties + 7) / 8;
	g->first_of[1] = g->nu;
	for (int c = 0; r == QD_OK && c < cities; c++)
		r = add_unit(a, b, 0, 1, c, exp(0.3 * gen_normal(&g->rng)), e);
	g->count_of[1] = g->nu - g->first_of[1];
	g->first_of[2] = g->nu;
	for (int k = 0; r == QD_OK && k < g->counties; k++)
		r = add_unit(a, b, g->first_of[1] + k % cities, 2, k,
			     exp(0.5 * gen_normal(&g->rng)), e);
	g->count_of[2] = g->nu - g->first_of[2];
	for (int level = 3; r == QD_OK && level < GEN_LEVELS; level++) {
		g->first_of[level] = g->nu;
		int from = g->first_of[level - 1], to = from + g->count_of[level - 1];
		for (int p = from; r == QD_OK && p < to; p++) {
			int kids = demo_range(&g->rng, fanout_lo[level], fanout_hi[level]);
			for (int k = 0; r == QD_OK && k < kids; k++)
				r = add_unit(a, b, p, level, k,
					     g->u[p].weight * exp(0.8 * gen_normal(&g->rng)), e);
		}
		g->count_of[level] = g->nu - g->first_of[level];
	}
	return r;
}

static qd_err add_categories(struct app *a, void *ctx, struct qd_error *e)
{
	struct build *b = ctx;
	static const char *const cats[][2] = {
		{"roads", "道路交通"}, {"sanitation", "环境卫生"}, {"education", "教育医疗"},
		{"employment", "就业社保"}, {"farming", "农业农村"}, {"organization", "基层组织"},
		{"conduct", "作风建设"}, {"safety", "安全生产"}, {"services", "便民服务"},
		{"ecology", "生态保护"}};
	qd_err r = QD_OK;
	for (int i = 0; r == QD_OK && i < N(cats); i++) {
		struct category c = {0};
		c.code = xstrdup(cats[i][0]);
		c.name = xstrdup(cats[i][1]);
		c.active = true;
		r = app_category_add(a, b->sys, &c, e);
		b->g->cat[b->g->ncat++] = c.id;
		category_clear(&c);
	}
	return r;
}

static qd_err add_account(struct app *a, const struct actor *sys, const char *login,
			  int64_t person, int64_t unit, int role, struct qd_error *e)
{
	struct account acc = {0};
	acc.person_id = person;
	acc.login = xstrdup(login);
	qd_err r = app_account_add(a, sys, &acc, DEMO_PASSWORD, e);
	struct grant gr = {0};
	gr.account_id = acc.id;
	gr.unit_id = unit;
	gr.role = role;
	if (r == QD_OK)
		r = app_grant_add(a, sys, &gr, e);
	account_clear(&acc);
	grant_clear(&gr);
	return r;
}

static qd_err add_accounts(struct app *a, void *ctx, struct qd_error *e)
{
	struct build *b = ctx;
	struct gen *g = b->g;
	const struct gen_unit *prov = &g->u[0], *county = &g->u[g->first_of[2]],
			      *town = &g->u[g->first_of[3]];
	qd_err r = add_account(a, b->sys, "province.leader", prov->head, prov->id, ROLE_LEADER, e);
	if (r == QD_OK)
		r = add_account(a, b->sys, "county.leader", county->head, county->id, ROLE_LEADER, e);
	if (r == QD_OK)
		r = add_account(a, b->sys, "township.leader", town->head, town->id, ROLE_LEADER, e);
	if (r == QD_OK)
		r = add_account(a, b->sys, "township.handler", town->worker, town->id,
				ROLE_HANDLER, e);
	return r;
}

static void weights(struct gen *g)
{
	for (int level = 0; level < GEN_LEVELS; level++) {
		int n = g->count_of[level];
		g->cum[level] = xmalloc(sizeof(double) * (size_t)(n ? n : 1));
		double sum = 0;
		for (int i = 0; i < n; i++) {
			sum += g->u[g->first_of[level] + i].weight;
			g->cum[level][i] = sum;
		}
	}
}

qd_err gen_org(struct app *a, struct gen *g, struct qd_error *e)
{
	struct actor sys;
	actor_init_system(&sys);
	struct build b = {g, &sys, NULL, 0, 0};
	qd_err r = app_batch(a, build_tree, &b, e);
	if (r == QD_OK)
		r = app_batch(a, add_categories, &b, e);
	if (r == QD_OK)
		r = app_batch(a, add_accounts, &b, e);
	free(b.used);
	actor_clear(&sys);
	if (r == QD_OK)
		weights(g);
	return r;
}

const struct gen_unit *gen_pick_unit(struct gen *g)
{
	int x = demo_range(&g->rng, 0, 999), level = 0;
	while (level < GEN_LEVELS - 1 && x >= level_share[level])
		x -= level_share[level++];
	int n = g->count_of[level];
	double t = demo_unit(&g->rng) * g->cum[level][n - 1];
	int lo = 0, hi = n - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (g->cum[level][mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &g->u[g->first_of[level] + lo];
}

void gen_free(struct gen *g)
{
	for (int i = 0; i < g->nu; i++)
		free(g->u[i].path);
	free(g->u);
	for (int level = 0; level < GEN_LEVELS; level++)
		free(g->cum[level]);
	memset(g, 0, sizeof *g);
}
