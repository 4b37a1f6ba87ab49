/* demo_cases.c: the disputes, 信访突出问题 and 疑难问题 of the demo county,
 * with outcomes fixed in advance so that the county's report gives the
 * figures of seed 000 whatever day the demo is built: on their reception
 * days the county leaders mediated 21 disputes (调解矛盾纠纷21件) - most
 * on the spot, the rest within days through the township's mediators -
 * and resolved 2 prominent petition problems and 1 difficult problem
 * (解决信访突出问题2件、疑难问题1件). Around them, as a ledger would
 * have: a dispute sent on to the courts, two new disputes still being
 * mediated, a prominent problem and a difficult one still being worked.
 *
 * These items are planned after all others with their own generator and
 * their own dated steps (pitem.fixed_plan), so the rest of the demo draws
 * exactly as it did without them. */
#include "demo_plan.h"
#include "../domain/codes.h"
#include "../util/date.h"
#include <stdio.h>
#include <string.h>

#define DISPUTES_MEDIATED 21

/* How a case goes: mediated on the spot at a reception day (S), mediated
 * within days by the township (M), sent on to the courts (T), still being
 * mediated (O), resolved over weeks under a county leader's claim (R),
 * still being worked under it (P). */
struct case_plan {
	int type;              /* enum case_type */
	char fate;
	const char *title, *detail, *owner;
	const char *measure[2];
	const char *resolved;  /* the sign-off's note */
};

#define SPOT "县级领导接访时当场组织双方调解，达成调解协议"
#define TOWN "乡镇司法所、村（社区）调委会组织双方调解"

static const struct case_plan cases[] = {
	{CT_DISPUTE, 'S', "草场承包边界纠纷", "两户牧民因草场承包边界认定不一发生纠纷，到县级领导接访点反映。", "甘子河村", {NULL, NULL}, "对照确权图现场核界，双方签订调解协议"},
	{CT_DISPUTE, 'S', "邻里宅基地界址纠纷", "两户村民因宅基地界址发生争执。", "金滩村", {NULL, NULL}, SPOT},
	{CT_DISPUTE, 'S', "房屋漏水维修责任纠纷", "上下楼住户因房屋漏水维修责任产生矛盾。", "西街社区", {NULL, NULL}, "明确维修责任和费用分担，双方签订调解协议"},
	{CT_DISPUTE, 'S', "牲畜损害庄稼赔偿纠纷", "村民因牲畜啃食庄稼的赔偿问题发生纠纷。", "哈勒景村", {NULL, NULL}, "双方就赔偿金额达成一致，当场履行"},
	{CT_DISPUTE, 'S', "土地流转租金支付纠纷", "村民与种植合作社因土地流转租金支付时间发生争议。", "红山村", {NULL, NULL}, SPOT},
	{CT_DISPUTE, 'S', "老人赡养费用分担纠纷", "兄弟三人因老人赡养费用分担产生矛盾。", "三联村", {NULL, NULL}, "约定轮流照料和费用分担，签订赡养协议"},
	{CT_DISPUTE, 'S', "院前通道通行纠纷", "两户村民因院前通道通行问题发生争执。", "东达村", {NULL, NULL}, SPOT},
	{CT_DISPUTE, 'S', "劳务报酬结算纠纷", "务工人员与个体工商户因劳务报酬结算发生争议。", "西海社区", {NULL, NULL}, "双方核对工时，当场结清劳务报酬"},
	{CT_DISPUTE, 'S', "草场围栏越界放牧纠纷", "牧户之间因越过围栏放牧发生争执。", "达玉村", {NULL, NULL}, SPOT},
	{CT_DISPUTE, 'S', "小区停车位占用纠纷", "业主之间因长期占用停车位产生矛盾。", "东街社区", {NULL, NULL}, "协调物业重新划定车位，双方达成一致"},
	{CT_DISPUTE, 'S', "饮水管道维修费用分摊纠纷", "几户村民因入户饮水管道维修费用分摊发生争议。", "仓开村", {NULL, NULL}, SPOT},
	{CT_DISPUTE, 'S', "合伙养殖收益分配纠纷", "两户牧民因合伙养殖牦牛的收益分配产生矛盾。", "永丰村", {NULL, NULL}, SPOT},
	{CT_DISPUTE, 'S', "房屋租赁押金退还纠纷", "租户与房东因押金退还发生争执。", "海湖社区", {NULL, NULL}, SPOT},
	{CT_DISPUTE, 'M', "牧道通行纠纷", "转场牧道经过承包草场，牧户之间发生争执。", "尕海村", {TOWN, NULL}, "划定转场牧道和通行时段，双方签订调解协议"},
	{CT_DISPUTE, 'M', "邻里排水沟渠纠纷", "两户村民因排水沟渠改道发生争执。", "俄日村", {TOWN, NULL}, "重新疏通原有沟渠，双方达成一致"},
	{CT_DISPUTE, 'M', "家庭财产分割纠纷", "兄妹之间因父母房屋分割产生矛盾。", "热水村", {TOWN, NULL}, "依法明确份额，签订分家协议"},
	{CT_DISPUTE, 'M', "装修噪音扰民纠纷", "住户装修时间过长影响邻居休息。", "西海社区", {TOWN, NULL}, "约定施工时段，双方达成谅解"},
	{CT_DISPUTE, 'M', "耕地界桩移动纠纷", "村民反映相邻农户移动耕地界桩。", "红旗村", {TOWN, NULL}, "会同国土所恢复界桩，双方认可"},
	{CT_DISPUTE, 'M', "车辆刮蹭赔偿纠纷", "小区内车辆刮蹭后双方对赔偿金额有分歧。", "东街社区", {TOWN, NULL}, "双方就赔偿金额达成一致，当场履行"},
	{CT_DISPUTE, 'M', "牲畜买卖价款纠纷", "牧户之间因牲畜买卖尾款支付发生争执。", "甘子河村", {TOWN, NULL}, "约定分期支付尾款，签订调解协议"},
	{CT_DISPUTE, 'M', "集体林地承包纠纷", "村民与村集体因林地承包期限理解不一发生争议。", "哈勒景村", {TOWN, NULL}, "依据承包合同解释清楚，双方达成一致"},
	{CT_DISPUTE, 'T', "建设工程款结算纠纷", "施工队与发包方因工程款结算数额分歧较大。", "三角城镇", {"组织双方调解，分歧较大未达成一致", NULL}, "经调解未达成一致，已引导当事人通过诉讼途径解决"},
	{CT_DISPUTE, 'O', "相邻采光纠纷", "住户反映邻居加盖房屋影响采光。", "西街社区", {TOWN, NULL}, NULL},
	{CT_DISPUTE, 'O', "草场流转合同纠纷", "牧户与流转方因草场流转合同到期续签发生争议。", "永丰村", {TOWN, NULL}, NULL},
	{CT_PROMINENT, 'R', "城区老旧小区冬季供暖不达标集中信访", "多个老旧小区居民集中反映冬季室温不达标。", "县住房和城乡建设局", {"县级领导包案，约谈供热企业，排查老旧管网", "对不达标小区管网实施改造，逐户回访测温"}, "管网改造完成，回访室温达标，信访群众表示满意"},
	{CT_PROMINENT, 'R', "安置小区配套设施不完善集中信访", "安置小区居民集中反映道路、路灯和垃圾收集点等配套设施不完善。", "西海镇", {"县级领导包案，现场办公明确责任单位", "完成道路硬化、路灯安装和垃圾收集点建设"}, "配套设施建成投用，经回访群众认可"},
	{CT_PROMINENT, 'P', "农村集体土地征收补偿集中信访", "部分村民对集体土地征收补偿标准和分配方式集中反映。", "三角城镇", {"县级领导包案，逐户听取意见，公开补偿标准", NULL}, NULL},
	{CT_DIFFICULT, 'R', "历史遗留房屋不动产登记办理难", "早年单位集资建房和自建房因手续不全长期无法办理不动产登记。", "县住房和城乡建设局", {"成立工作专班，逐户梳理历史档案", "协调自然资源部门分类办理不动产登记"}, "首批住户已办理不动产登记，其余纳入分类处置计划"},
	{CT_DIFFICULT, 'P', "移民搬迁户宅基地确权遗留问题", "生态移民搬迁户宅基地面积与原批准面积不一致，确权困难。", "青海湖乡", {"县级领导包案，组织乡、村逐户核实", NULL}, NULL},
};
#define N_CASES (int)(sizeof cases / sizeof cases[0])

/* The Wednesdays (the county leaders' reception days) in [from, to]. */
static int wednesdays(int from, int to, int *out, int max)
{
	int n = 0;
	for (int d = from + (2 - day_weekday(from) + 7) % 7; d <= to && n < max; d += 7)
		out[n++] = d;
	return n;
}

static void step(struct plan *p, int i, int day, int kind, int arg)
{
	demo_add_step(p, i, day, kind, arg);
}

/* The steps of case i found on day found, by its fate. */
static void plan_case(struct plan *p, int i, const struct case_plan *c, int found,
		      struct demo_rng *rng)
{
	struct pitem *it = &p->it[i];
	switch (c->fate) {
	case 'S': /* recorded at the reception as mediated, signed off next */
		it->creator = ACC_COUNTY_HANDLER;
		it->signoff_day = found + demo_range(rng, 1, 3);
		step(p, i, found, SK_CREATE, 0);
		step(p, i, it->signoff_day, SK_SIGNOFF, 0);
		return;
	case 'M':
	case 'T': {
		int done = found + demo_range(rng, 2, c->fate == 'T' ? 9 : 5);
		step(p, i, found, SK_CREATE, 0);
		step(p, i, found, SK_MEASURE_ADD, 0);
		step(p, i, found + 1, SK_START, 0);
		step(p, i, done, SK_MEASURE_DONE, 0);
		step(p, i, done, SK_REQUEST, 0);
		it->signoff_day = done + demo_range(rng, 1, 2);
		step(p, i, it->signoff_day, SK_SIGNOFF, 0);
		return;
	}
	case 'O':
	case 'P':
		step(p, i, found, SK_CREATE, 0);
		for (int m = 0; m < it->nm; m++)
			step(p, i, found, SK_MEASURE_ADD, m);
		if (it->claimer >= 0)
			step(p, i, found, SK_CLAIM, 0);
		step(p, i, found + 1, SK_START, 0);
		step(p, i, found + 3, SK_MEASURE_PROGRESS, 0);
		return;
	case 'R': {
		step(p, i, found, SK_CREATE, 0);
		for (int m = 0; m < it->nm; m++)
			step(p, i, found, SK_MEASURE_ADD, m);
		step(p, i, found, SK_CLAIM, 0);
		step(p, i, found + 1, SK_START, 0);
		int day = found + demo_range(rng, 8, 14);
		step(p, i, day, SK_MEASURE_DONE, 0);
		day += demo_range(rng, 8, 14);
		step(p, i, day, SK_MEASURE_DONE, 1);
		step(p, i, day, SK_REQUEST, 0);
		it->signoff_day = day + demo_range(rng, 1, 3);
		step(p, i, it->signoff_day, SK_SIGNOFF, 0);
		return;
	}
	}
}

qd_err demo_cases_plan(struct plan *p, struct qd_error *e)
{
	struct demo_rng rng = {DEMO_SEED ^ 0x4341534553ull};
	int wed[32];
	/* reception days from the first week to three weeks before today */
	int nw = wednesdays(p->start + 3, p->today - 21, wed, 32);
	if (nw < 4)
		return qd_fail(e, QD_INTERNAL, "demo", "campaign too short for the reception days");
	int mediated = 0, resolved = 0, recent = 0;
	for (int k = 0; k < N_CASES; k++) {
		const struct case_plan *c = &cases[k];
		int unit = demo_unit_find(p->o, c->owner);
		if (unit < 0)
			return qd_fail(e, QD_INTERNAL, "demo", "no unit %s", c->owner);
		int i = p->n;
		struct pitem *it = demo_new_item(p, unit, IK_CASE, SRC_PETITION, -1);
		it->fixed_plan = true;
		it->in.it.case_type = c->type;
		it->in.it.category_id = p->o->cat[CAT_LIVELIHOOD];
		demo_set_text(it, c->title, c->detail);
		it->theme = TH_SERVICE;
		it->closure = c->fate == 'T' ? CL_TRANSFERRED : CL_RESOLVED;
		it->verifier = ACC_COUNTY_LEADER;
		it->resolved = c->resolved;
		it->evidence = c->fate == 'R' ? "已完成，佐证材料（会议纪要、现场照片、回访记录）已上传"
					      : "调解协议书、调解笔录已归档";
		for (int m = 0; m < 2; m++)
			if (c->measure[m])
				it->mtext[it->nm++] = c->measure[m];
		int found, mode = MODE_IMMEDIATE;
		switch (c->fate) {
		case 'S':
		case 'M':
			found = wed[mediated++ * nw / DISPUTES_MEDIATED];
			it->in.already_fixed = c->fate == 'S';
			break;
		case 'T':
			found = wed[nw / 2];
			mode = MODE_DEADLINE;
			break;
		case 'R':
			found = p->start + 8 + 9 * resolved++;
			mode = MODE_DEADLINE;
			it->claimer = ACC_COUNTY_LEADER;
			break;
		default: /* 'O', 'P': the last weeks */
			found = p->today - 2 - 9 * recent++;
			mode = MODE_DEADLINE;
			it->claimer = c->fate == 'P' ? ACC_COUNTY_LEADER : -1;
			break;
		}
		it->in.it.found_on = found;
		qd_err r = demo_plan_due(p, &rng, it, mode, e);
		if (r != QD_OK)
			return r;
		plan_case(p, i, c, found, &rng);
	}
	return QD_OK;
}
