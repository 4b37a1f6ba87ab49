/* demo_text.c: the words of the demo county - titles of self-inspected
 * problems per level, measures per theme, public opinions, petition cases,
 * deeds, evidence and reasons, and people's names. Invented for the demo
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
	{IK_PROBLEM, SRC_OPINION, title, detail, owner, theme, cat, claim, -1}
#define CASE(title, detail, owner, theme, cat, claim, closure) \
	{IK_CASE, SRC_PETITION, title, detail, owner, theme, cat, claim, closure}
#define DEED(title, detail, owner, cat) \
	{IK_DEED, SRC_ASSIGNMENT, title, detail, owner, TH_DEED, cat, false, CL_RESOLVED}
#define SUP(title, owner, theme) \
	{IK_PROBLEM, SRC_SUPERVISION, title, "县委主题教育指导组巡回督导时发现。", owner, theme, \
	 CAT_CONDUCT, false, CL_RESOLVED}
#define RES(title, detail, owner, theme, cat) \
	{IK_PROBLEM, SRC_RESEARCH, title, detail, owner, theme, cat, false, -1}

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
	/* 接访下访: petition cases and disputes */
	CASE("草场承包边界纠纷", "两户牧民因草场承包边界认定不一发生纠纷，经县级领导下访调处。", "甘子河乡", TH_SERVICE, CAT_LIVELIHOOD, true, CL_RESOLVED),
	CASE("农民工工资拖欠投诉", "12名农民工反映某工程项目拖欠工资。", "县人力资源和社会保障局", TH_SERVICE, CAT_EMPLOYMENT, true, CL_RESOLVED),
	CASE("邻里宅基地界址纠纷", "两户村民因宅基地界址发生争执，村调委会组织调解。", "金滩乡", TH_SERVICE, CAT_LIVELIHOOD, false, CL_RESOLVED),
	CASE("房屋漏水维修责任纠纷", "上下楼住户因房屋漏水维修责任产生矛盾。", "西街社区", TH_SERVICE, CAT_LIVELIHOOD, false, CL_RESOLVED),
	CASE("养老保险待遇核定有异议", "来访群众对养老保险待遇核定结果有异议，要求复核。", "县人力资源和社会保障局", TH_SERVICE, CAT_EMPLOYMENT, false, CL_UNFOUNDED),
	CASE("征地补偿款分配争议", "村民对征地补偿款分配方案有异议。", "三角城镇", TH_DISCIPLINE, CAT_LIVELIHOOD, true, CL_TRANSFERRED),
	CASE("牲畜损害庄稼赔偿纠纷", "村民因牲畜啃食庄稼的赔偿问题发生纠纷。", "哈勒景蒙古族乡", TH_SERVICE, CAT_LIVELIHOOD, false, CL_RESOLVED),
	CASE("物业服务收费争议", "业主对物业服务质量和收费标准有意见。", "东街社区", TH_SERVICE, CAT_LIVELIHOOD, false, CL_REVIEWED),
	CASE("供暖收费标准争议（信访突出问题）", "多名居民集体反映供暖收费标准与服务质量不符。", "县住房和城乡建设局", TH_SERVICE, CAT_INFRA, true, CL_RESOLVED),
	CASE("历史遗留房屋产权证办理难（疑难问题）", "部分住户因历史原因长期未能办理房屋产权证。", "县住房和城乡建设局", TH_DUTY, CAT_INFRA, true, CL_RESOLVED),
	/* 民生实事: deeds */
	DEED("争取省级资金25万元，为50户失能老人家庭实施适老化改造", "对50户失能老人家中进行适老化改造。", "县民政局", CAT_LIVELIHOOD),
	DEED("发放第一批灵活就业社保补贴（39人38.8万元）", "第一批灵活就业社保补贴共39人38.8万元，按时足额发放到位。", "县人力资源和社会保障局", CAT_EMPLOYMENT),
	DEED("发放第二批灵活就业社保补贴", "第二批灵活就业社保补贴资金审核发放。", "县人力资源和社会保障局", CAT_EMPLOYMENT),
	DEED("开展为期5天的未就业大学毕业生公务员考试免费公益培训", "共青团海晏县委联合相关单位组织实施。", "共青团海晏县委", CAT_EMPLOYMENT),
	DEED("为三联村幸福院配置康复器材", "回应群众意见，为幸福院配置康复训练器材。", "县残疾人联合会", CAT_LIVELIHOOD),
	DEED("调整城区路灯开启时间，方便学生早上上学", "协调将冬季早间路灯开启时间提前。", "县住房和城乡建设局", CAT_INFRA),
	DEED("开设社区“五点半课堂”", "为双职工家庭子女提供课后看护和学习辅导。", "东街社区", CAT_EDU_HEALTH),
	DEED("建设老年人“村社日托”服务点", "利用村级活动场所为留守老人提供日间照料。", "热水村", CAT_LIVELIHOOD),
	DEED("组建群防群治义务巡逻队", "组建摩托义务巡逻队，开展日常巡逻和矛盾纠纷排查。", "哈勒景蒙古族乡", CAT_LIVELIHOOD),
	DEED("完善原子城红色研学线路和讲解服务", "整合红色场馆资源，完善研学线路，培训讲解员。", "西海镇", CAT_EMPLOYMENT),
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
