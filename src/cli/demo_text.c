/* demo_text.c: the words of the demo county - titles of self-inspected
 * problems per level, measures per theme, public opinions (what people
 * said, how it was resolved, replies, reasons of rejection), petition
 * cases, deeds, evidence and reasons, and people's names. Invented for the demo
 * in the manner of seed 000; no real person is named. */
#include "demo.h"
#include "../domain/codes.h"
#include <stdio.h>
#include <string.h>

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

/* 县级领导班子 */
static const struct demo_title t_team[] = {
	{"理论学习中心组学习流于形式，研讨不够深入", TH_STUDY, CAT_STUDY},
	{"运用党的创新理论指导实践不够，学用结合不紧", TH_STUDY, CAT_STUDY},
	{"贯彻落实上级决策部署存在“上热中温下冷”现象", TH_DUTY, CAT_CONDUCT},
	{"推动“一城五业·全域生态”发展格局的办法不多", TH_DUTY, CAT_CONDUCT},
	{"红色研学产业统筹谋划不足，品牌效应尚未形成", TH_DUTY, CAT_EMPLOYMENT},
	{"落实民主集中制不够严格，议题会前酝酿不充分", TH_DEMOCRACY, CAT_ORG},
	{"“三重一大”事项集体决策程序执行不够规范", TH_DEMOCRACY, CAT_ORG},
	{"调查研究“蜻蜓点水”，调研成果转化不够", TH_CONDUCT, CAT_CONDUCT},
	{"文山会海问题仍然存在，基层负担减而不轻", TH_CONDUCT, CAT_CONDUCT},
	{"督查检查考核过多过频，基层迎检压力较大", TH_CONDUCT, CAT_CONDUCT},
	{"落实全面从严治党主体责任压力传导不够", TH_DISCIPLINE, CAT_CONDUCT},
	{"指导基层党组织建设不够，软弱涣散党组织整顿不彻底", TH_ORGLIFE, CAT_ORG},
	{"回应群众急难愁盼问题不够及时，民生短板补得不快", TH_SERVICE, CAT_LIVELIHOOD},
	{"生态管护“五员合一”改革后续机制还不健全", TH_ECOLOGY, CAT_ECOLOGY},
	{"四级网格服务管理运行不够顺畅，信息流转不及时", TH_SERVICE, CAT_LIVELIHOOD},
	{"年轻干部培养选拔力度不够，干部队伍结构需优化", TH_ORGLIFE, CAT_ORG},
};

/* 县处级以上领导干部 */
static const struct demo_title t_leader[] = {
	{"深入基层调研次数偏少，“四下基层”落实不够", TH_CONDUCT, CAT_CONDUCT},
	{"自学时间保证不够，学习笔记记录不全", TH_STUDY, CAT_STUDY},
	{"讲党课和专题辅导数量偏少、质量不高", TH_STUDY, CAT_STUDY},
	{"接访下访不够经常，化解信访积案办法不多", TH_SERVICE, CAT_LIVELIHOOD},
	{"抓分管领域工作创新意识不强，习惯于按部就班", TH_DUTY, CAT_CONDUCT},
	{"履行“一岗双责”不够到位，对分管领域干部教育提醒少", TH_DISCIPLINE, CAT_CONDUCT},
	{"开展批评与自我批评辣味不足，碍于情面", TH_DEMOCRACY, CAT_ORG},
	{"联系服务群众不够紧密，与群众面对面交流少", TH_SERVICE, CAT_LIVELIHOOD},
	{"对分管领域风险隐患预判不足，防范措施不够有力", TH_DUTY, CAT_CONDUCT},
	{"遵守请示报告制度不够严格", TH_DISCIPLINE, CAT_CONDUCT},
	{"落实中央八项规定精神从严要求不够", TH_DISCIPLINE, CAT_CONDUCT},
	{"推动重点项目建设进度不快，协调解决问题不及时", TH_DUTY, CAT_INFRA},
	{"过“紧日子”思想树得不牢，厉行节约不够", TH_DISCIPLINE, CAT_CONDUCT},
	{"对基层反映的问题跟踪问效不够", TH_CONDUCT, CAT_CONDUCT},
};

/* 基层党组织: the owner's name is put in front */
static const struct demo_title t_org[] = {
	{"“三会一课”记录不规范，会议内容不够聚焦", TH_ORGLIFE, CAT_ORG},
	{"主题党日活动形式单一，吸引力不强", TH_ORGLIFE, CAT_ORG},
	{"发展党员程序不够严谨，入党积极分子培养考察不到位", TH_ORGLIFE, CAT_ORG},
	{"流动党员管理服务不到位，联系不够经常", TH_ORGLIFE, CAT_ORG},
	{"组织生活会查摆问题不够具体，整改措施针对性不强", TH_DEMOCRACY, CAT_ORG},
	{"党员教育培训覆盖不全，老党员和流动党员参学率低", TH_STUDY, CAT_STUDY},
	{"党务、村务公开不及时，“阳光村务”落实不到位", TH_DISCIPLINE, CAT_CONDUCT},
	{"“小微权力清单”执行不够规范", TH_DISCIPLINE, CAT_CONDUCT},
	{"集体经济发展思路不宽，增收渠道单一", TH_DUTY, CAT_EMPLOYMENT},
	{"党群服务中心功能发挥不充分，开放时间不固定", TH_SERVICE, CAT_LIVELIHOOD},
	{"网格员巡查走访记录不完整，问题上报不及时", TH_SERVICE, CAT_LIVELIHOOD},
	{"矛盾纠纷排查化解机制运行不顺畅", TH_SERVICE, CAT_LIVELIHOOD},
	{"村规民约修订滞后，移风易俗推进不力", TH_DUTY, CAT_CONDUCT},
	{"软弱涣散问题整顿成效不明显", TH_ORGLIFE, CAT_ORG},
	{"党费收缴管理不规范，台账不清", TH_ORGLIFE, CAT_ORG},
	{"为民服务办事流程繁琐，群众办事多头跑", TH_SERVICE, CAT_LIVELIHOOD},
	{"草原生态管护责任落实不到位，巡护记录不全", TH_ECOLOGY, CAT_ECOLOGY},
	{"人居环境整治长效机制不健全，垃圾清运不及时", TH_ECOLOGY, CAT_ECOLOGY},
	{"财务委托代理记账推进缓慢", TH_DISCIPLINE, CAT_CONDUCT},
	{"民主评议党员走过场，评议结果运用不够", TH_DEMOCRACY, CAT_ORG},
};

/* 基层党员个人 */
static const struct demo_title t_member[] = {
	{"学习强国积分长期偏低，学习主动性不强", TH_STUDY, CAT_STUDY},
	{"理论学习满足于读原文、记笔记，思考不深", TH_STUDY, CAT_STUDY},
	{"参加组织生活不够积极，偶有请假缺席", TH_ORGLIFE, CAT_ORG},
	{"未按时足额交纳党费", TH_MEMBER, CAT_ORG},
	{"党员身份意识不强，亮身份、作表率不够", TH_MEMBER, CAT_ORG},
	{"联系服务群众不主动，走访帮扶对象次数少", TH_SERVICE, CAT_LIVELIHOOD},
	{"对照党章党规找差距不深入", TH_STUDY, CAT_STUDY},
	{"批评与自我批评不够大胆，有“老好人”思想", TH_DEMOCRACY, CAT_ORG},
	{"工作标准不高，满足于完成任务", TH_DUTY, CAT_CONDUCT},
	{"参加志愿服务活动次数偏少", TH_MEMBER, CAT_LIVELIHOOD},
	{"网格巡查走访不够经常，信息收集不全", TH_SERVICE, CAT_LIVELIHOOD},
	{"带头发展致富产业、带动群众增收作用发挥不够", TH_DUTY, CAT_EMPLOYMENT},
	{"生态管护巡查不到位，巡护日志记录不全", TH_ECOLOGY, CAT_ECOLOGY},
	{"参与村级事务议事协商不积极", TH_MEMBER, CAT_ORG},
	{"政策宣传解读不够，群众知晓率不高", TH_SERVICE, CAT_LIVELIHOOD},
	{"遵守工作纪律不够严格，偶有迟到早退", TH_DISCIPLINE, CAT_CONDUCT},
	{"重视家风建设不够，对家属子女教育约束不够", TH_DISCIPLINE, CAT_CONDUCT},
	{"学习红色历史、传承“两弹一星”精神不够深入", TH_STUDY, CAT_STUDY},
	{"移风易俗带头作用发挥不够，存在随大流思想", TH_MEMBER, CAT_CONDUCT},
	{"业务知识更新不及时，运用信息化手段办事能力不足", TH_DUTY, CAT_CONDUCT},
	{"对身边群众反映的困难帮助解决不及时", TH_SERVICE, CAT_LIVELIHOOD},
	{"主动承担急难险重任务不够", TH_DUTY, CAT_CONDUCT},
};

struct demo_titles demo_level_titles(int level)
{
	switch (level) {
	case LVL_LEADERSHIP_TEAM:
		return (struct demo_titles){t_team, N(t_team)};
	case LVL_LEADER:
		return (struct demo_titles){t_leader, N(t_leader)};
	case LVL_ORGANIZATION:
		return (struct demo_titles){t_org, N(t_org)};
	default:
		return (struct demo_titles){t_member, N(t_member)};
	}
}

static const char *const m_study[] = {
	"制定月度学习计划并严格执行",
	"每季度开展一次专题研讨，形成研讨成果",
	"落实“第一议题”制度，及时跟进学习",
	"建立学习笔记检查通报制度",
	"每周自学不少于3小时，撰写心得体会",
	"结合原子城纪念馆等红色资源开展现场教学",
	"运用“学习强国”平台常态化学习，每日学习不中断",
};
static const char *const m_democracy[] = {
	"修订完善议事规则和决策程序",
	"重大事项坚持会前充分酝酿、会上集体讨论",
	"开展谈心谈话，做到班子成员全覆盖",
	"严格落实“三重一大”集体决策制度，完整记录决策过程",
	"会前广泛征求意见，查摆问题具体到人到事",
	"建立决策事项督办台账，定期通报",
};
static const char *const m_conduct[] = {
	"制定年度调研计划，每季度到基层调研不少于2次",
	"精简会议文件，合并同类会议",
	"整合督查检查考核事项，减轻基层迎检负担",
	"建立调研成果转化清单，逐项跟踪落实",
	"落实“四下基层”制度，每月到联系点办公1天",
	"建立基层反映问题跟踪问效机制",
};
static const char *const m_service[] = {
	"建立群众诉求台账，实行销号管理",
	"落实领导干部定时接访、定点下访制度",
	"推行“一站式”服务，精简办事流程",
	"每月走访联系户不少于1次，帮助解决实际困难",
	"完善网格员巡查走访和信息上报制度",
	"公开服务时间和联系电话，推行延时错时服务",
	"开展“百姓说事厅”议事活动，及时回应群众关切",
};
static const char *const m_orglife[] = {
	"规范“三会一课”记录，每季度检查通报",
	"丰富主题党日活动内容，每月开展一次",
	"完善发展党员工作流程，严格程序纪实",
	"建立流动党员联络群，每月联系一次",
	"对软弱涣散党组织实行县级领导包联整顿",
	"规范党费收缴，建立党费台账",
	"建立后备干部库，加强年轻干部培养",
};
static const char *const m_discipline[] = {
	"开展警示教育，组织观看警示教育片",
	"落实“一岗双责”，每半年听取分管领域党风廉政建设汇报",
	"严格执行请示报告制度，建立报告事项台账",
	"推行“小微权力清单”，公开运行流程",
	"按时公开党务村务财务，接受群众监督",
	"推进村级财务委托代理记账",
	"签订廉政承诺书，定期开展廉政谈话",
};
static const char *const m_duty[] = {
	"制定工作推进方案，明确时间表和路线图",
	"建立重点项目领导包联制度，每月调度一次",
	"学习借鉴先进地区经验，拓宽发展思路",
	"建立风险隐患排查台账，定期研判",
	"发展壮大村集体经济，培育特色产业项目",
	"修订村规民约，推进移风易俗",
	"完善“原子城红色研学游”线路和讲解服务",
};
static const char *const m_ecology[] = {
	"健全生态管护员考核管理办法",
	"落实草原、河湖巡护制度，规范巡护日志",
	"建立人居环境整治长效机制，定期清运垃圾",
	"开展生态环保政策宣传进村入户",
	"每月开展一次环境卫生集中整治",
};
static const char *const m_member[] = {
	"按时足额补交党费，今后每月按时交纳",
	"设岗定责，在网格内亮身份、作表率",
	"每季度参加志愿服务不少于1次",
	"主动参与村级事务议事协商",
	"带头移风易俗，签订承诺书",
	"开展党员承诺践诺，年底公开评议",
};
static const char *const m_deed[] = {
	"制定实施方案，明确责任分工和完成时限",
	"开展入户摸底，建立工作台账",
	"落实资金，组织实施并跟踪进度",
	"组织验收，结果在村（社区）公示",
	"回访群众，听取意见并改进",
};

const char *const *demo_theme_measures(int theme, int *n)
{
	static const struct {
		const char *const *v;
		int n;
	} pools[TH_COUNT] = {
		[TH_STUDY] = {m_study, N(m_study)},
		[TH_DEMOCRACY] = {m_democracy, N(m_democracy)},
		[TH_CONDUCT] = {m_conduct, N(m_conduct)},
		[TH_SERVICE] = {m_service, N(m_service)},
		[TH_ORGLIFE] = {m_orglife, N(m_orglife)},
		[TH_DISCIPLINE] = {m_discipline, N(m_discipline)},
		[TH_DUTY] = {m_duty, N(m_duty)},
		[TH_ECOLOGY] = {m_ecology, N(m_ecology)},
		[TH_MEMBER] = {m_member, N(m_member)},
		[TH_DEED] = {m_deed, N(m_deed)},
	};
	int t = theme >= 0 && theme < TH_COUNT ? theme : TH_DUTY;
	*n = pools[t].n;
	return pools[t].v;
}

#define OP(title, detail, owner, theme, cat, claim) \
	{IK_PROBLEM, SRC_OPINION, title, detail, owner, theme, cat, claim, -1, -1, 0, 0}
/* 信访事项 brought to the county leaders; the disputes, 信访突出问题 and
 * 疑难问题 of seed 000 are planned with fixed outcomes by demo_cases.c */
#define CASE(title, detail, owner, theme, cat, claim, closure) \
	{IK_CASE, SRC_PETITION, title, detail, owner, theme, cat, claim, closure, CT_PETITION, 0, 0}
/* funds in yuan, people or households served */
#define DEED(title, detail, owner, cat, funds, people) \
	{IK_DEED, SRC_ASSIGNMENT, title, detail, owner, TH_DEED, cat, false, CL_RESOLVED, -1, \
	 funds, people}
#define SUP(title, owner, theme) \
	{IK_PROBLEM, SRC_SUPERVISION, title, "县委主题教育指导组巡回督导时发现。", owner, theme, \
	 CAT_CONDUCT, false, CL_RESOLVED, -1, 0, 0}
#define RES(title, detail, owner, theme, cat) \
	{IK_PROBLEM, SRC_RESEARCH, title, detail, owner, theme, cat, false, -1, -1, 0, 0}

static const struct demo_other others[] = {
	/* 开门纳谏: opinions gathered by the departments and townships */
	OP("幸福院缺少康复器材，老人锻炼方式单一", "群众在“建言献策开门找问题”活动中反映：三联村幸福院缺少康复器材，老人们平时锻炼身体方式比较单一。", "三联村", TH_SERVICE, CAT_LIVELIHOOD, true),
	OP("建议早上路灯照明时间提前，方便学生上学", "家长反映冬季早上天黑，学生上学路上照明不足，建议协调相关部门将路灯开启时间提前。", "县住房和城乡建设局", TH_SERVICE, CAT_INFRA, true),
	OP("希望面向未就业大学毕业生开展公务员考试免费培训", "多名未就业大学毕业生及家长建议面向全县未就业大学毕业生开展公务员考试免费公益培训。", "共青团海晏县委", TH_SERVICE, CAT_EMPLOYMENT, true),
	OP("西街社区部分楼道灯损坏，夜间出行不便", "居民反映老旧小区多个单元楼道灯损坏，老人夜间上下楼不便。", "西街社区", TH_SERVICE, CAT_INFRA, false),
	OP("部分老旧小区冬季供暖温度不达标", "居民反映供暖期室温偏低，多次反映未解决。", "县住房和城乡建设局", TH_SERVICE, CAT_INFRA, true),
	OP("红山村村道坑洼不平，雨天积水", "村民反映进村道路破损，雨天积水，影响出行。", "红山村", TH_DUTY, CAT_INFRA, false),
	OP("牧区部分地段手机信号弱", "牧民反映夏季草场部分地段手机信号弱，遇事联系不便。", "青海湖乡", TH_SERVICE, CAT_INFRA, false),
	OP("村口垃圾堆放，清运不及时", "群众反映村口垃圾点清运不及时，气味较大。", "金滩村", TH_ECOLOGY, CAT_ECOLOGY, false),
	OP("社区缺少儿童课后活动场所", "双职工家长希望社区提供放学后的看护和学习场所。", "东街社区", TH_SERVICE, CAT_EDU_HEALTH, false),
	OP("快递不能进村，取件要跑十几公里", "牧民反映快递只能送到乡上，取件路途远。", "甘子河乡", TH_SERVICE, CAT_LIVELIHOOD, false),
	OP("异地就医备案手续繁琐", "群众反映异地就医备案需多次跑腿，希望简化手续。", "县卫生健康局", TH_SERVICE, CAT_EDU_HEALTH, false),
	OP("老年人养老资格认证不方便", "高龄老人反映到现场认证困难，希望提供上门或线上认证。", "县人力资源和社会保障局", TH_SERVICE, CAT_EMPLOYMENT, true),
	OP("县医院专家门诊号源紧张", "群众反映专家门诊挂号难，希望增加号源。", "县卫生健康局", TH_SERVICE, CAT_EDU_HEALTH, false),
	OP("希望增加县城到乡镇的公交班次", "乡镇群众反映进城班车少，赶不上回程。", "县人民政府办公室", TH_SERVICE, CAT_INFRA, true),
	OP("农村饮水管网老化，冬季易冻裂", "村民反映入户水管冬季经常冻裂，维修不及时。", "哈勒景蒙古族乡", TH_DUTY, CAT_INFRA, true),
	OP("希望开展牧民实用技术培训", "牧民希望开展畜牧养殖和民族手工艺技能培训。", "县人力资源和社会保障局", TH_SERVICE, CAT_EMPLOYMENT, false),
	OP("学校周边早晚接送学生时段交通拥堵", "家长反映学校门口接送时段车辆乱停，存在安全隐患。", "县教育局", TH_SERVICE, CAT_EDU_HEALTH, false),
	OP("城区幼儿园学位紧张", "家长反映公办幼儿园报名难。", "县教育局", TH_DUTY, CAT_EDU_HEALTH, false),
	OP("低保评定过程希望更加公开透明", "群众希望公开低保评定的程序和结果。", "县民政局", TH_DISCIPLINE, CAT_LIVELIHOOD, false),
	OP("残疾人辅具适配服务不及时", "残疾人家属反映辅具申请后等待时间较长。", "县残疾人联合会", TH_SERVICE, CAT_LIVELIHOOD, false),
	OP("希望村里设立“村社日托”照顾留守老人", "村民建议利用村级活动场所为留守老人提供日间照料。", "热水村", TH_SERVICE, CAT_LIVELIHOOD, false),
	OP("草场围栏破损，牲畜进入禁牧区", "生态管护员反映部分围栏破损，需及时修补。", "青海湖乡", TH_ECOLOGY, CAT_ECOLOGY, false),
	OP("希望公开村集体经济收支情况", "村民希望定期公开村集体经济收入和支出。", "东达村", TH_DISCIPLINE, CAT_CONDUCT, false),
	OP("社区广场舞音量过大扰民", "居民反映晚间广场舞音响声音过大。", "西海社区", TH_SERVICE, CAT_LIVELIHOOD, false),
	OP("原子城纪念馆周边旅游旺季停车难", "游客和商户反映旺季停车位不足，道路拥堵。", "西海镇", TH_DUTY, CAT_INFRA, false),
	OP("希望政务服务大厅周末也能办事", "上班族反映工作日请假办事不便。", "县人民政府办公室", TH_SERVICE, CAT_LIVELIHOOD, false),
	OP("村卫生室药品种类偏少", "村民反映常用药有时缺货，需到乡卫生院购买。", "甘子河村", TH_SERVICE, CAT_EDU_HEALTH, false),
	OP("镇区公共厕所少且保洁不到位", "群众和游客反映公共厕所数量不足、卫生较差。", "三角城镇", TH_ECOLOGY, CAT_INFRA, false),
	OP("冬季取暖补贴申领点偏少", "老人反映申领取暖补贴需跑到镇上。", "县民政局", TH_SERVICE, CAT_LIVELIHOOD, false),
	OP("村里路灯损坏长期无人维修", "村民反映主干道多盏路灯不亮，夜间出行不安全。", "仓开村", TH_SERVICE, CAT_INFRA, false),
	OP("希望增加社区文化活动", "居民希望社区多组织文体活动。", "海湖社区", TH_SERVICE, CAT_LIVELIHOOD, false),
	OP("河道沿岸垃圾清理不及时", "群众反映河道两侧有生活垃圾堆积。", "哈勒景村", TH_ECOLOGY, CAT_ECOLOGY, false),
	/* 接访下访: 信访事项 (petitions) brought to the county leaders */
	CASE("反映草场承包经营权证登记面积与实际不符", "牧民来访反映草场承包经营权证登记面积与实际使用面积不一致，要求核实更正。", "甘子河乡", TH_SERVICE, CAT_LIVELIHOOD, true, CL_RESOLVED),
	CASE("农民工工资拖欠投诉", "12名农民工反映某工程项目拖欠工资。", "县人力资源和社会保障局", TH_SERVICE, CAT_EMPLOYMENT, true, CL_RESOLVED),
	CASE("反映宅基地审批手续办理时间长", "村民来信反映宅基地审批环节多、时间长，建房计划受影响。", "金滩乡", TH_SERVICE, CAT_LIVELIHOOD, false, CL_RESOLVED),
	CASE("反映安置房屋渗漏维修无人负责", "安置小区住户来访反映房屋渗漏，开发企业与物业相互推诿。", "西街社区", TH_SERVICE, CAT_LIVELIHOOD, false, CL_RESOLVED),
	CASE("养老保险待遇核定有异议", "来访群众对养老保险待遇核定结果有异议，要求复核。", "县人力资源和社会保障局", TH_SERVICE, CAT_EMPLOYMENT, false, CL_UNFOUNDED),
	CASE("征地补偿款分配有异议", "村民对征地补偿款分配方案有异议，要求公开分配依据。", "三角城镇", TH_DISCIPLINE, CAT_LIVELIHOOD, true, CL_TRANSFERRED),
	CASE("反映草原生态保护补助奖励资金发放不到位", "牧民来访反映部分草原生态保护补助奖励资金未按时足额发放。", "哈勒景蒙古族乡", TH_SERVICE, CAT_LIVELIHOOD, false, CL_RESOLVED),
	CASE("物业服务收费有异议", "业主对物业服务质量和收费标准有意见，要求公开收费明细。", "东街社区", TH_SERVICE, CAT_LIVELIHOOD, false, CL_REVIEWED),
	CASE("反映部分小区供暖收费与供暖效果不符", "居民来信反映所在小区室温偏低，要求核减供暖费。", "县住房和城乡建设局", TH_SERVICE, CAT_INFRA, true, CL_RESOLVED),
	CASE("反映单位集资房多年未办理不动产登记", "职工来访反映早年单位集资建房至今未办理不动产登记。", "县住房和城乡建设局", TH_DUTY, CAT_INFRA, true, CL_RESOLVED),
	/* 民生实事: deeds (seed 000: 25万元 for 50 households; 39 people 38.8万元) */
	DEED("争取省级资金25万元，为50户失能老人家庭实施适老化改造", "对50户失能老人家中进行适老化改造。", "县民政局", CAT_LIVELIHOOD, 250000, 50),
	DEED("发放第一批灵活就业社保补贴（39人38.8万元）", "第一批灵活就业社保补贴共39人38.8万元，按时足额发放到位。", "县人力资源和社会保障局", CAT_EMPLOYMENT, 388000, 39),
	DEED("发放第二批灵活就业社保补贴", "第二批灵活就业社保补贴资金审核发放。", "县人力资源和社会保障局", CAT_EMPLOYMENT, 352000, 36),
	DEED("开展为期5天的未就业大学毕业生公务员考试免费公益培训", "共青团海晏县委联合相关单位组织实施。", "共青团海晏县委", CAT_EMPLOYMENT, 0, 86),
	DEED("为三联村幸福院配置康复器材", "回应群众意见，为幸福院配置康复训练器材。", "县残疾人联合会", CAT_LIVELIHOOD, 46000, 32),
	DEED("调整城区路灯开启时间，方便学生早上上学", "协调将冬季早间路灯开启时间提前。", "县住房和城乡建设局", CAT_INFRA, 0, 0),
	DEED("开设社区“五点半课堂”", "为双职工家庭子女提供课后看护和学习辅导。", "东街社区", CAT_EDU_HEALTH, 30000, 64),
	DEED("建设老年人“村社日托”服务点", "利用村级活动场所为留守老人提供日间照料。", "热水村", CAT_LIVELIHOOD, 120000, 28),
	DEED("组建群防群治义务巡逻队", "组建摩托义务巡逻队，开展日常巡逻和矛盾纠纷排查。", "哈勒景蒙古族乡", CAT_LIVELIHOOD, 80000, 0),
	DEED("完善原子城红色研学线路和讲解服务", "整合红色场馆资源，完善研学线路，培训讲解员。", "西海镇", CAT_EMPLOYMENT, 300000, 0),
	/* 督导发现 */
	SUP("整改台账更新不及时，销号佐证材料不完整", "金滩乡", TH_CONDUCT),
	SUP("检视问题共性多、个性少，查摆不够具体", "县教育局", TH_DEMOCRACY),
	SUP("部分整改措施可操作性不强，时限不明确", "青海湖乡", TH_CONDUCT),
	SUP("群众意见建议回复不及时", "甘子河乡", TH_SERVICE),
	SUP("主题党日活动记录与实际开展情况不符", "仓开村", TH_ORGLIFE),
	SUP("网格员走访台账填写不规范", "西海社区", TH_SERVICE),
	SUP("“三会一课”开展不经常，存在补记录现象", "哈勒景村", TH_ORGLIFE),
	SUP("为民办实事项目进度滞后", "县民政局", TH_DUTY),
	/* 调查研究 */
	RES("牧区学生上学交通不便", "县级领导调研发现，部分牧区学生周末往返学校交通不便。", "县教育局", TH_SERVICE, CAT_EDU_HEALTH),
	RES("县城停车位供给不足", "调研发现县城中心区停车位缺口较大。", "县住房和城乡建设局", TH_DUTY, CAT_INFRA),
	RES("红色研学接待能力不足，旺季住宿紧张", "调研发现暑期研学团队集中时住宿和餐饮接待能力不足。", "西海镇", TH_DUTY, CAT_EMPLOYMENT),
	RES("村级集体经济“空壳村”仍有存在", "调研发现个别村集体经济收入偏低。", "金滩乡", TH_DUTY, CAT_EMPLOYMENT),
	RES("生态管护员队伍年龄偏大，巡护能力不足", "调研发现部分管护员年龄偏大，难以完成高海拔巡护。", "甘子河乡", TH_ECOLOGY, CAT_ECOLOGY),
	RES("社区养老服务供给不足", "调研发现社区居家养老服务项目少，覆盖面窄。", "西街社区", TH_SERVICE, CAT_LIVELIHOOD),
};

const struct demo_other *demo_others(int *n)
{
	*n = N(others);
	return others;
}

/* 开门纳谏: what the public says, by the kind of unit it concerns. The
 * title is what staff write on the list (after the unit's name), the text
 * the opinion as received, done the resolution at sign-off. */
#define OT(title, text, done, theme, cat, mode) {title, text, done, theme, cat, mode}
static const struct demo_optext ot_village[] = {
	OT("进村道路坑洼不平，雨天积水", "进村那段路坑坑洼洼，一下雨就积水，老人和娃娃走路都不方便，希望尽快修一修。", "已对破损路段进行修补，疏通路边排水沟", TH_DUTY, CAT_INFRA, 'D'),
	OT("主路多盏路灯不亮", "村里主路上好几盏路灯坏了很长时间，晚上出门黑乎乎的，希望赶紧修好。", "已更换损坏灯具，路灯恢复照明", TH_SERVICE, CAT_INFRA, 'I'),
	OT("入户水管冬季易冻、水压不足", "一到冬天家里的水管就冻住，开春水压也小，吃水很不方便。", "已对入户管道加装保温层，调整供水时段", TH_DUTY, CAT_INFRA, 'D'),
	OT("垃圾收集点清运不及时", "村口的垃圾点好几天才拉一次，风一吹到处都是，味道也大。", "已与保洁公司明确每两天清运一次，并增设垃圾箱", TH_ECOLOGY, CAT_ECOLOGY, 'I'),
	OT("村卫生室常用药品短缺", "村卫生室降压药、感冒药经常断货，还得跑到乡上去买。", "已与乡卫生院建立药品调配机制，补齐常用药", TH_SERVICE, CAT_EDU_HEALTH, 'I'),
	OT("草场围栏破损，牲畜越界", "草场围栏好几处烂了，别家的牛羊跑进来，邻里之间容易闹矛盾。", "已组织生态管护员修补围栏，并调解相关纠纷", TH_ECOLOGY, CAT_ECOLOGY, 'D'),
	OT("希望开展养殖防疫技术培训", "想多学点牛羊养殖、防疫的技术，希望乡上多请专家来村里讲一讲。", "已联系县农牧部门在村里开展养殖防疫培训", TH_SERVICE, CAT_EMPLOYMENT, 'D'),
	OT("村活动室冬季取暖不足", "村里活动室冬天太冷，老人们想聚在一起都待不住。", "已为村活动室更换取暖设备", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	OT("村务公开栏内容更新不及时", "村务公开栏上的东西好几个月没换过，村里花钱的事大家看不到。", "已按月更新村务公开栏，并在村民微信群同步公开", TH_DISCIPLINE, CAT_CONDUCT, 'I'),
	OT("留守老人日常照料缺人手", "村里年轻人大多外出打工，留下的老人吃饭看病没人管，希望村里想想办法。", "已建立留守老人结对关爱机制，每周上门探访", TH_SERVICE, CAT_LIVELIHOOD, 'L'),
	OT("后山放牧点手机信号弱", "村子后山一带手机没信号，放牧的时候遇到事联系不上家里人。", "已协调通信运营商加装信号基站", TH_SERVICE, CAT_INFRA, 'L'),
	OT("快递不能进村，取件路远", "快递只送到乡上，取个快递要来回跑十几公里。", "已在村便民服务点设立快递代收点", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	OT("牲畜防疫时间与转场冲突", "通知打疫苗的时间正赶上转场，希望能提前商量好时间。", "已调整防疫时间并提前入户通知", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	OT("草原奖补资金发放情况不清楚", "草原奖补资金什么时候发、每户发多少，不少人搞不清楚。", "已在村务公开栏公示补贴标准和发放明细，并入户解释", TH_DISCIPLINE, CAT_LIVELIHOOD, 'I'),
	OT("村道排水沟堵塞", "村里排水沟被垃圾和泥沙堵住了，一下大雨水就往院子里灌。", "已组织清淤疏通排水沟", TH_ECOLOGY, CAT_INFRA, 'I'),
	OT("村委会附近没有公共厕所", "村委会附近没有公共厕所，来办事的群众很不方便。", "已在村委会旁建成公共厕所并安排保洁", TH_SERVICE, CAT_INFRA, 'L'),
	OT("危房改造申请久无回音", "申请危房改造快半年了还没有动静，冬天住着心里不踏实。", "已核实并纳入改造计划，开工建设", TH_DUTY, CAT_LIVELIHOOD, 'L'),
	OT("学生上学接送车次少", "孩子到乡上上学，接送车次少，冬天早上要在路边等很久。", "已协调增加早间接送班次，设置候车点", TH_SERVICE, CAT_EDU_HEALTH, 'D'),
	OT("流浪犬较多，存在安全隐患", "村里流浪狗越来越多，晚上成群乱跑，孩子们不敢出门。", "已联合有关部门开展流浪犬集中收容", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	OT("广场健身器材损坏", "广场上的健身器材坏了好几件，一直没人修。", "已维修更换损坏的健身器材", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	OT("河道沿岸垃圾堆积", "河边有人乱倒垃圾，时间长了又脏又臭。", "已清理河道沿岸垃圾，设立警示牌并纳入生态管护员巡查", TH_ECOLOGY, CAT_ECOLOGY, 'I'),
	OT("希望发展村集体特色产业", "村里集体经济收入少，希望能发展牦牛养殖合作社之类的产业，带着大家增收。", "已制定村集体经济发展方案，成立养殖合作社", TH_DUTY, CAT_EMPLOYMENT, 'L'),
	OT("老人不会在手机上缴医保", "医保现在要在手机上交，老人们不会弄，希望有人帮着办。", "已安排村干部和网格员上门帮助老人缴纳医保", TH_SERVICE, CAT_EDU_HEALTH, 'I'),
	OT("冬春饲草料储备不足", "今年雪大，担心冬春饲草料不够，希望能统一调运一些。", "已协调调运储备饲草料并按户分发", TH_DUTY, CAT_LIVELIHOOD, 'D'),
	OT("小卖部有过期食品", "村里小卖部有过期的饮料、零食，娃娃们不懂经常买。", "已联合市场监管所检查并下架过期食品", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
};
static const struct demo_optext ot_community[] = {
	OT("部分单元楼道灯损坏", "我们单元楼道灯坏了一个多月，晚上上下楼全靠手机照明，老人容易摔倒。", "已更换楼道声控灯", TH_SERVICE, CAT_INFRA, 'I'),
	OT("部分住户冬季室温不达标", "家里暖气不热，室温只有十四五度，老人孩子冻得不行。", "已协调供热企业排查管网并调压，室温达标", TH_SERVICE, CAT_INFRA, 'D'),
	OT("小区车辆乱停占用消防通道", "小区车越来越多，消防通道也被占了，出了事消防车都进不来。", "已划设停车位，清理消防通道", TH_SERVICE, CAT_INFRA, 'D'),
	OT("小区垃圾桶满溢", "小区垃圾桶天天满出来，没人及时清运，夏天气味很大。", "已增加垃圾桶并调整清运频次", TH_ECOLOGY, CAT_ECOLOGY, 'I'),
	OT("双职工家庭孩子放学后无人看护", "我们两口子都上班，孩子放学后没人管，希望社区能有个地方让孩子写作业。", "已开设社区“五点半课堂”", TH_SERVICE, CAT_EDU_HEALTH, 'D'),
	OT("广场舞音响声音过大", "晚上广场舞音响开得太大，家里孩子写作业、老人休息都受影响。", "已与广场舞队约定音量和活动时间", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	OT("老旧楼外墙保温层脱落", "楼的外墙保温层掉下来好几块，有时从高处掉，走在下面很危险。", "已设置警戒区，纳入老旧小区改造", TH_DUTY, CAT_INFRA, 'L'),
	OT("小区下水道经常返水", "一楼下水道经常返水，找了几次都没彻底解决。", "已对小区排污管道进行疏通改造", TH_SERVICE, CAT_INFRA, 'D'),
	OT("物业服务不到位", "物业费照收，小区卫生没人打扫，东西坏了也不修。", "已约谈物业企业督促整改，建立业主评议机制", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	OT("独居老人吃饭难", "小区里独居老人多，做饭不方便，希望社区能办个老年食堂。", "已在社区建成老年助餐点", TH_SERVICE, CAT_LIVELIHOOD, 'L'),
	OT("电动车进楼道充电存在隐患", "有住户把电动车推进楼道充电，大家怕着火。", "已建设集中充电桩并开展消防安全宣传", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	OT("小区主路破损，冬季结冰", "小区主路坑洼不平，下雪后结冰特别滑。", "已修补破损路面，落实雪后除雪撒盐", TH_DUTY, CAT_INFRA, 'D'),
	OT("服务窗口午间无人办事", "中午过来办事窗口都没人，上班族只能请假来办。", "已推行午间错时服务", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	OT("希望多组织文体活动", "社区文化活动太少了，希望多组织些唱歌、书法、下棋的活动。", "已制定社区文体活动计划，每月开展活动", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	OT("单元门禁损坏", "单元门禁坏了，外人随便进出，不安全。", "已维修单元门禁", TH_SERVICE, CAT_INFRA, 'I'),
	OT("绿化带被圈占种菜", "有人把小区绿化带圈起来种菜，又乱又脏。", "已劝导住户恢复绿化", TH_ECOLOGY, CAT_ECOLOGY, 'I'),
	OT("二次供水水质浑浊", "家里自来水有时候发黄，不敢直接喝。", "已清洗二次供水水箱，水质检测合格", TH_SERVICE, CAT_EDU_HEALTH, 'I'),
	OT("社区卫生服务站开药排队久", "社区卫生服务站医生少，开点常用药要排很久。", "已调整医生排班，开通慢病续方", TH_SERVICE, CAT_EDU_HEALTH, 'D'),
	OT("顶楼住户屋顶漏水", "顶楼一下雨就漏水，墙皮都泡掉了。", "已协调维修资金修复楼顶防水层", TH_DUTY, CAT_INFRA, 'D'),
	OT("单元入口缺少无障碍通道", "小区台阶多，坐轮椅的老人下不了楼。", "已在单元入口加装无障碍坡道", TH_DUTY, CAT_INFRA, 'L'),
	OT("夜市油烟噪音扰民", "小区门口夜市摊位的油烟和噪音很大，一直闹到半夜。", "已规范夜市经营时间和区域", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	OT("独居老人缺少探访", "楼里有几位独居老人，子女不在身边，希望社区常去看看。", "已建立独居老人定期探访台账", TH_SERVICE, CAT_LIVELIHOOD, 'L'),
};
static const struct demo_optext ot_township[] = {
	OT("集镇公共厕所少且保洁不到位", "集镇上公共厕所太少，仅有的两个也不干净，赶集的人和游客意见很大。", "新建公厕一座，落实专人保洁", TH_ECOLOGY, CAT_INFRA, 'D'),
	OT("便民服务中心办事排队时间长", "到便民服务中心办社保、开证明，经常要排一上午的队。", "已增设窗口，推行预约办理", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	OT("卫生院夜间医生不在岗", "晚上孩子发烧去卫生院，只有一个值班护士，医生要打电话叫。", "已完善夜间值班制度，落实医生在岗", TH_SERVICE, CAT_EDU_HEALTH, 'I'),
	OT("集镇主街占道经营", "主街商户把货摆到路上，车过不去，人也不好走。", "已开展占道经营整治，划定临时摊位", TH_SERVICE, CAT_INFRA, 'I'),
	OT("到县城的班车太少", "乡上到县城每天只有两趟班车，赶不上就得在县城住一晚。", "已协调客运企业增加班次", TH_SERVICE, CAT_INFRA, 'D'),
	OT("冬季路灯熄灭过早", "冬天晚上七点多路灯就灭了，下晚自习的学生走夜路不安全。", "已调整路灯亮灯时段", TH_SERVICE, CAT_INFRA, 'I'),
	OT("干部下村走访少", "有的问题找乡上好几次，干部说来看看，一直没来。", "已落实干部包村联户制度，每周下村走访", TH_CONDUCT, CAT_CONDUCT, 'L'),
	OT("办事需反复提交材料", "办个低保、残疾证要交好多材料，还要来回跑好几趟。", "已梳理办事清单，推行一次告知、一窗受理", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	OT("集镇经常停水且不提前通知", "集镇上最近隔三差五停水，也不提前通知。", "已更换老化供水管网，停水提前公告", TH_DUTY, CAT_INFRA, 'D'),
	OT("学校门口交通安全隐患", "学校门口没有减速带和斑马线，放学时车开得很快。", "已设置减速带、斑马线和警示标志，安排护学岗", TH_SERVICE, CAT_EDU_HEALTH, 'I'),
	OT("垃圾中转站异味大", "垃圾中转站离居民区太近，夏天味道很大。", "已加强中转站除臭和清运管理", TH_ECOLOGY, CAT_ECOLOGY, 'D'),
	OT("务工信息发布不及时", "想找点零工干，但不知道哪里有招工信息。", "已在便民服务中心和微信群定期发布用工信息", TH_SERVICE, CAT_EMPLOYMENT, 'I'),
	OT("希望开展民族手工艺培训", "家里妇女想学刺绣、编织手艺，在家门口就能挣点钱。", "已联合县人社局开设民族手工艺培训班", TH_DUTY, CAT_EMPLOYMENT, 'D'),
	OT("希望恢复农牧民夜校", "去年办过几次夜校，今年没了，大家都觉得挺有用。", "已恢复农牧民夜校，每月开课", TH_STUDY, CAT_STUDY, 'D'),
	OT("赶集日车辆无处停放", "赶集日车没地方停，把路都堵了。", "已利用闲置空地建设临时停车场", TH_DUTY, CAT_INFRA, 'L'),
	OT("动物防疫站服务时间不固定", "去防疫站办检疫证明，经常找不到人。", "已公开服务时间和值班电话", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	OT("主街积雪清理不及时", "下雪后主街积雪好几天没人清，路面结冰很滑。", "已建立雪后除雪保畅机制", TH_SERVICE, CAT_INFRA, 'I'),
	OT("项目资金使用情况查不到", "乡上的政策和项目资金使用情况，在网上和公开栏都找不到。", "已完善政务公开栏和网上公开目录", TH_DISCIPLINE, CAT_CONDUCT, 'D'),
};
#define DT(owner, title, text, done, theme, cat, mode) {owner, OT(title, text, done, theme, cat, mode)}
static const struct demo_deptext ot_dept[] = {
	DT("县教育局", "寄宿制学生周末返家交通不便", "孩子在县城寄宿，周五放学后回牧区没有车，家长要开很远的路来接。", "已协调开通周末学生返家专线", TH_SERVICE, CAT_EDU_HEALTH, 'D'),
	DT("县教育局", "学校食堂饭菜花样少", "孩子说学校食堂饭菜花样少，有时候饭是凉的。", "已督促食堂整改，成立家长膳食委员会", TH_SERVICE, CAT_EDU_HEALTH, 'I'),
	DT("县教育局", "课后服务收费标准未公示", "学校课后服务收多少钱、怎么收，没有公示。", "已公示课后服务收费标准和服务内容", TH_DISCIPLINE, CAT_EDU_HEALTH, 'I'),
	DT("县卫生健康局", "县医院检查报告出具慢", "做个CT要等两三天才拿到报告，从牧区来看病很不方便。", "已优化流程，常规检查报告当日出具", TH_SERVICE, CAT_EDU_HEALTH, 'D'),
	DT("县卫生健康局", "家庭医生签约后未见随访", "签了家庭医生，一年也没见来过一次。", "已督促落实家庭医生定期随访", TH_SERVICE, CAT_EDU_HEALTH, 'D'),
	DT("县卫生健康局", "高原病防治宣传少", "外地来的游客和务工人员对高原反应了解少，希望多宣传。", "已在景区、车站发放高原病防治宣传资料", TH_SERVICE, CAT_EDU_HEALTH, 'I'),
	DT("县人力资源和社会保障局", "社保卡补办等待时间长", "社保卡丢了去补办，说要等半个月。", "已开通社保卡即时制卡服务", TH_SERVICE, CAT_EMPLOYMENT, 'D'),
	DT("县人力资源和社会保障局", "灵活就业社保补贴申领流程不清楚", "听说有灵活就业社保补贴，不知道怎么申请。", "已印发申领指南，在各乡镇便民服务中心公开", TH_SERVICE, CAT_EMPLOYMENT, 'I'),
	DT("县人力资源和社会保障局", "技能培训后就业推荐少", "参加培训拿了证，后面没有推荐工作。", "已建立培训后就业跟踪推荐机制", TH_DUTY, CAT_EMPLOYMENT, 'L'),
	DT("县住房和城乡建设局", "县城部分路段井盖缺失", "县城有的路段井盖缺了，晚上看不见很危险。", "已补齐缺失井盖并开展全面排查", TH_SERVICE, CAT_INFRA, 'I'),
	DT("县住房和城乡建设局", "供暖费只能到营业厅缴纳", "暖气费只能去营业厅交，希望能在手机上交。", "已开通供暖费线上缴纳", TH_SERVICE, CAT_INFRA, 'D'),
	DT("县住房和城乡建设局", "老旧小区改造施工扰民", "小区改造天天施工到晚上，噪音大，路也挖得没法走。", "已规定施工时段并设置临时通道", TH_SERVICE, CAT_INFRA, 'I'),
	DT("县民政局", "高龄补贴未按时到账", "老人的高龄补贴这几个月都没到账。", "已核查并补发高龄补贴", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	DT("县民政局", "临时救助审批时间长", "家里出了事申请临时救助，等了一个多月。", "已简化临时救助审批，实行先行救助", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	DT("县民政局", "殡葬服务收费不透明", "殡葬服务收费项目多，标准不清楚。", "已公示殡葬服务收费项目和标准", TH_DISCIPLINE, CAT_LIVELIHOOD, 'I'),
	DT("县残疾人联合会", "办理残疾证需多次往返", "办残疾证要先到医院鉴定再到残联，来回跑好几趟。", "已推行残疾评定上门服务", TH_SERVICE, CAT_LIVELIHOOD, 'D'),
	DT("县残疾人联合会", "适合残疾人的就业岗位少", "希望多提供一些适合残疾人的就业岗位。", "已开发公益性岗位并开展就业对接", TH_DUTY, CAT_EMPLOYMENT, 'L'),
	DT("县人民政府办公室", "政务服务网上可办事项少", "好多事还得到大厅现场办，网上办不了。", "已梳理扩大网上可办事项清单", TH_SERVICE, CAT_LIVELIHOOD, 'L'),
	DT("县人民政府办公室", "热线转办后答复慢", "打了热线，说转给部门了，一直没人回。", "已建立热线转办限时答复制度", TH_CONDUCT, CAT_CONDUCT, 'D'),
	DT("县群众工作委员会", "来访接待室在三楼，老人上楼难", "来访接待室在三楼，腿脚不好的老人上不去。", "已将来访接待室调整至一楼", TH_SERVICE, CAT_LIVELIHOOD, 'I'),
	DT("县群众工作委员会", "反映事项办理进度查不到", "反映的事情办到哪一步了，不知道去哪里问。", "已开通办理进度查询", TH_SERVICE, CAT_CONDUCT, 'D'),
	DT("共青团海晏县委", "青少年暑期活动少", "放暑假孩子没地方去，希望多组织些研学和志愿活动。", "已组织暑期红色研学和志愿服务活动", TH_SERVICE, CAT_EDU_HEALTH, 'D'),
	DT("共青团海晏县委", "青年返乡创业政策宣传不够", "想回来创业，不知道有什么扶持政策。", "已举办青年创业政策宣讲会", TH_SERVICE, CAT_EMPLOYMENT, 'I'),
	DT("县委宣传部", "原子城纪念馆讲解服务不足", "去原子城纪念馆参观，人多的时候请不到讲解员。", "已增加讲解员并开通语音导览", TH_DUTY, CAT_EMPLOYMENT, 'D'),
	DT("县纪委监委", "希望公开监督举报渠道", "想反映身边干部的作风问题，不知道向哪里反映。", "已在各村（社区）公开监督举报电话和信箱", TH_DISCIPLINE, CAT_CONDUCT, 'I'),
	DT("县委组织部", "有事找不到村干部", "有事去村委会经常找不到村干部。", "已在各村公开村干部联系方式和值班表", TH_ORGLIFE, CAT_ORG, 'I'),
};

const struct demo_optext *demo_optexts(int kind, int *n)
{
	switch (kind) {
	case UK_VILLAGE:
		*n = N(ot_village);
		return ot_village;
	case UK_COMMUNITY:
		*n = N(ot_community);
		return ot_community;
	default:
		*n = N(ot_township);
		return ot_township;
	}
}

const struct demo_deptext *demo_dept_optexts(int *n)
{
	*n = N(ot_dept);
	return ot_dept;
}

/* Opinions not taken up (不予受理), with the reason given. */
static const struct demo_reject rejects[] = {
	{"楼下商铺卖的电器质量有问题，商家不给退换。", "不属于本级职责：反映的是消费纠纷，已告知向县市场监督管理局投诉"},
	{"国道边上的护栏撞坏了很久没人修。", "不属于本级职责：涉及国道养护，已告知向公路管理部门反映并转交线索"},
	{"去年反映过的路灯问题，希望再来看看。", "重复反映：同一问题已办结答复，经现场核实无新情况"},
	{"有些干部工作作风不好，希望管一管。", "反映内容不具体，无法核实，已告知补充具体人员和事项后再反映"},
	{"邻居家盖房子占了我家的过道。", "属于邻里民事纠纷，已告知可申请村（社区）人民调解委员会调解"},
};
/* At the county leaders' reception days. */
static const struct demo_reject rejects_visit[] = {
	{"对法院判决的赔偿数额不服，要求县里重新处理。", "涉法涉诉事项：已进入司法程序，依法引导通过诉讼途径解决"},
	{"要求解决在外省务工期间受伤的工伤待遇。", "不属于本级职责：已告知向务工所在地人社部门申请，并出具告知书"},
	{"再次反映草场承包边界的问题。", "重复反映：同一事项已办结并答复，经复核维持原处理意见"},
};
static const char *const acks[] = {
	"您反映的问题已登记，我们将尽快核实办理并答复您。",
	"已收到您的意见，已转交责任单位核实，办理情况将及时告知。",
};
static const char *const progress[] = {
	"您反映的问题已列入整改清单，明确了责任人和完成时限，办结后将及时告知您。",
	"经现场核实，已制定整改方案，正在组织实施。",
	"已协调有关部门共同办理，目前正在推进中。",
};
static const char *const unsatisfied[] = {
	"问题只解决了一部分，还没有彻底解决",
	"修好没几天又坏了",
	"答复的情况和实际不符，现场没有变化",
	"办理时间太长，到现在还有问题",
};

static const char *const evidence[] = {
	"已完成，相关会议记录和台账已归档",
	"已完成，整改情况已在党务公开栏公示",
	"已印发制度文件，附文件扫描件",
	"已完成，附活动照片和签到表",
	"已落实，经回访群众表示满意",
	"已整改到位，经党支部审核确认",
	"已建立工作台账，实行动态管理",
	"已完成，学习笔记和心得体会已提交",
	"已完成，附现场照片3张",
	"已落实，相关工作纳入年度考核",
};
static const char *const sendback[] = {
	"整改佐证材料不充分，请补充会议记录和现场照片",
	"整改措施落实不到位，群众反映的问题仍然存在",
	"整改结果未经群众回访确认，请回访后再申请销号",
	"问题查摆与整改措施对应不上，请完善后重新提交",
};
static const char *const reopen[] = {
	"回访群众不满意，问题出现反弹",
	"指导组抽查发现问题仍未彻底解决",
	"群众再次反映同一问题，重新整改",
};
static const char *const lead_team[] = {
	"县委常委班子专题民主生活会检视：",
	"对照“学思想、强党性、重实践、建新功”总要求检视：",
	"征求意见中干部群众反映：",
};
static const char *const lead_leader[] = {
	"个人对照检视：",
	"专题民主生活会上同志们批评指出：",
	"征求意见中基层干部反映：",
};
static const char *const lead_org[] = {
	"组织生活会查摆：",
	"开展“建言献策开门找问题”活动中群众反映：",
	"对照基层党组织标准化规范化建设要求检视：",
	"乡镇党委督导检查时指出：",
};
static const char *const lead_member[] = {
	"党员个人对照检视：",
	"组织生活会上党员互评指出：",
	"民主评议党员时群众提出：",
	"谈心谈话中支部书记指出：",
};

#define PICK(r, a) (a)[demo_rand(r) % (uint32_t)N(a)]

const char *demo_pick_evidence(struct demo_rng *r)
{
	return PICK(r, evidence);
}

const char *demo_pick_sendback(struct demo_rng *r)
{
	return PICK(r, sendback);
}

const char *demo_pick_reopen(struct demo_rng *r)
{
	return PICK(r, reopen);
}

const struct demo_reject *demo_pick_reject(struct demo_rng *r, bool visit)
{
	return visit ? &PICK(r, rejects_visit) : &PICK(r, rejects);
}

const char *demo_pick_ack(struct demo_rng *r)
{
	return PICK(r, acks);
}

const char *demo_pick_progress(struct demo_rng *r)
{
	return PICK(r, progress);
}

const char *demo_pick_unsatisfied(struct demo_rng *r)
{
	return PICK(r, unsatisfied);
}

const char *demo_pick_detail_lead(struct demo_rng *r, int level)
{
	switch (level) {
	case LVL_LEADERSHIP_TEAM:
		return PICK(r, lead_team);
	case LVL_LEADER:
		return PICK(r, lead_leader);
	case LVL_ORGANIZATION:
		return PICK(r, lead_org);
	default:
		return PICK(r, lead_member);
	}
}

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "马", "韩", "祁", "冶", "辛",
	"朱", "孙", "胡", "郭", "何", "高", "罗", "宋", "谢", "魏", "汪", "铁",
};
static const char *const given[] = {
	"建华", "海燕", "志强", "文娟", "永福", "国庆", "秀兰", "德明", "红梅", "玉兰",
	"晓东", "学军", "春花", "成林", "思远", "海龙", "宏伟", "丽萍", "正清", "国栋",
	"生福", "得财", "占林", "明德", "兴邦", "淑芳", "慧敏", "延军", "文斌", "静怡",
	"发祥", "有福", "秀英", "金花", "志军", "海明", "永红", "晓燕",
};
/* Tibetan and Mongolian names, written whole. */
static const char *const whole[] = {
	"才让多杰", "卓玛措", "多杰才旦", "拉毛吉", "索南扎西", "更登加", "华旦",
	"完玛措", "仁青卓玛", "周先加", "久美多杰", "桑杰", "旦正", "巴特尔",
	"其其格", "斯琴", "那仁", "乌兰", "扎西东智", "才让卓玛",
};

void demo_person_name(struct demo_rng *r, char *out, size_t size, char used[][32], int n)
{
	for (int attempt = 0;; attempt++) {
		if (demo_chance(r, 250))
			snprintf(out, size, "%s", PICK(r, whole));
		else
			snprintf(out, size, "%s%s", PICK(r, surnames), PICK(r, given));
		bool taken = false;
		for (int i = 0; i < n && !taken; i++)
			taken = strcmp(used[i], out) == 0;
		if (!taken || attempt > 50)
			return;
	}
}
