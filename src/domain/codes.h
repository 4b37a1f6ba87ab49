/* codes.h: the closed vocabularies of the domain (unit kinds, roles, item
 * kinds, sources, inspection levels, modes, statuses, closure types, measure
 * statuses). Each has a stable text code, a Chinese and an English label.
 * Codes are what the database, the API and ledger files carry. */
#ifndef QD_DOMAIN_CODES_H
#define QD_DOMAIN_CODES_H

struct code_def {
	const char *code, *zh, *en;
};

struct code_table {
	const char *name; /* "unit_kind" */
	const struct code_def *defs;
	int count;
};

#define UNIT_KINDS(X)                                   \
	X(UK_COUNTY, "county", "县", "county")              \
	X(UK_TOWNSHIP, "township", "乡镇", "township")      \
	X(UK_STREET, "street", "街道", "street")            \
	X(UK_VILLAGE, "village", "村", "village")           \
	X(UK_COMMUNITY, "community", "社区", "community")   \
	X(UK_GRID, "grid", "网格", "grid")                  \
	X(UK_PARTY_COMMITTEE, "party_committee", "党委", "party committee") \
	X(UK_GENERAL_BRANCH, "general_branch", "党总支", "general branch") \
	X(UK_BRANCH, "branch", "党支部", "branch")          \
	X(UK_GROUP, "group", "党小组", "party group")       \
	X(UK_DEPARTMENT, "department", "部门", "department") \
	X(UK_OTHER, "other", "其他", "other")                \
	X(UK_PROVINCE, "province", "省", "province")        \
	X(UK_CITY, "city", "市", "city")

#define ROLES(X)                                            \
	X(ROLE_ADMIN, "admin", "管理员", "administrator")   \
	X(ROLE_LEADER, "leader", "领导", "leader")          \
	X(ROLE_HANDLER, "handler", "经办人", "handler")     \
	X(ROLE_GRID_WORKER, "grid_worker", "网格员", "grid worker") \
	X(ROLE_SUPERVISOR, "supervisor", "督导", "supervisor") \
	X(ROLE_VIEWER, "viewer", "查看", "viewer")

#define ITEM_KINDS(X)                                  \
	X(IK_PROBLEM, "problem", "问题", "problem")    \
	X(IK_DEED, "deed", "民生实事", "deed")          \
	X(IK_CASE, "case", "案件", "case")

#define SOURCES(X)                                                  \
	X(SRC_SELF_INSPECTION, "self_inspection", "检视查摆", "self-inspection") \
	X(SRC_OPINION, "opinion", "群众意见", "public opinion")      \
	X(SRC_SUPERVISION, "supervision", "督导发现", "supervision") \
	X(SRC_RESEARCH, "research", "调查研究", "research")          \
	X(SRC_PETITION, "petition", "信访", "petition")              \
	X(SRC_ASSIGNMENT, "assignment", "上级交办", "assignment")

#define LEVELS(X)                                                        \
	X(LVL_LEADERSHIP_TEAM, "leadership_team", "领导班子", "leadership team") \
	X(LVL_LEADER, "leader", "领导干部", "leading cadre")                 \
	X(LVL_ORGANIZATION, "organization", "基层党组织", "primary organisation") \
	X(LVL_MEMBER, "member", "党员个人", "party member")

#define MODES(X)                                                    \
	X(MODE_IMMEDIATE, "immediate", "立行立改", "fix at once")   \
	X(MODE_DEADLINE, "deadline", "限期整改", "by a deadline")   \
	X(MODE_LONG_TERM, "long_term", "长期坚持", "long-term")

#define STATUSES(X)                                            \
	X(ST_OPEN, "open", "待整改", "open")                  \
	X(ST_IN_PROGRESS, "in_progress", "整改中", "in progress") \
	X(ST_REVIEW, "review", "待销号", "sign-off requested") \
	X(ST_CLOSED, "closed", "已销号", "signed off")

#define CLOSURES(X)                                                 \
	X(CL_RESOLVED, "resolved", "已解决", "resolved")            \
	X(CL_REVIEWED, "reviewed", "研判关闭", "closed after review") \
	X(CL_EXTENDED, "extended", "延期关闭", "closed with extension") \
	X(CL_TRANSFERRED, "transferred", "移交办理", "transferred") \
	X(CL_UNFOUNDED, "unfounded", "不属实", "not substantiated") \
	X(CL_DUPLICATE, "duplicate", "重复", "duplicate")

#define MEASURE_STATUSES(X)                                      \
	X(MS_OPEN, "open", "未开始", "not started")             \
	X(MS_IN_PROGRESS, "in_progress", "进行中", "in progress") \
	X(MS_DONE, "done", "已完成", "done")                    \
	X(MS_CANCELLED, "cancelled", "已取消", "cancelled")

#define CHANNELS(X)                                        \
	X(CH_LETTER, "letter", "来信", "letter")            \
	X(CH_VISIT, "visit", "来访", "visit")               \
	X(CH_PHONE, "phone", "来电", "phone call")          \
	X(CH_WEB, "web", "网络", "web")                     \
	X(CH_OPEN311, "open311", "12345平台", "Open311")    \
	X(CH_MEETING, "meeting", "座谈会", "meeting")       \
	X(CH_SURVEY, "survey", "问卷调查", "survey")

#define OPINION_STATUSES(X)                                          \
	X(OS_RECEIVED, "received", "待处理", "received")              \
	X(OS_ACCEPTED, "accepted", "已受理", "accepted")              \
	X(OS_LINKED, "linked", "已并案", "linked to an item")         \
	X(OS_REJECTED, "rejected", "不予受理", "rejected")            \
	X(OS_ANSWERED, "answered", "已办结", "answered")              \
	X(OS_REDO, "redo", "重办中", "being handled again")

#define RATINGS(X)                                                    \
	X(RT_SATISFIED, "satisfied", "满意", "satisfied")              \
	X(RT_BASIC, "basic", "基本满意", "basically satisfied")        \
	X(RT_UNSATISFIED, "unsatisfied", "不满意", "unsatisfied")

/* The kind of a case item (案件): what the county reports count. */
#define CASE_TYPES(X)                                              \
	X(CT_DISPUTE, "dispute", "矛盾纠纷", "dispute")             \
	X(CT_PETITION, "petition", "信访事项", "petition")          \
	X(CT_PROMINENT, "prominent", "信访突出问题", "prominent petition") \
	X(CT_DIFFICULT, "difficult", "疑难问题", "difficult case")

#define CODE_ENUM(name, code, zh, en) name,
enum unit_kind { UNIT_KINDS(CODE_ENUM) UK_COUNT };
enum role { ROLES(CODE_ENUM) ROLE_COUNT };
enum item_kind { ITEM_KINDS(CODE_ENUM) IK_COUNT };
enum source { SOURCES(CODE_ENUM) SRC_COUNT };
enum level { LEVELS(CODE_ENUM) LVL_COUNT };
enum mode { MODES(CODE_ENUM) MODE_COUNT };
enum status { STATUSES(CODE_ENUM) ST_COUNT };
enum closure { CLOSURES(CODE_ENUM) CL_COUNT };
enum measure_status { MEASURE_STATUSES(CODE_ENUM) MS_COUNT };
enum channel { CHANNELS(CODE_ENUM) CH_COUNT };
enum opinion_status { OPINION_STATUSES(CODE_ENUM) OS_COUNT };
enum rating { RATINGS(CODE_ENUM) RT_COUNT };
enum case_type { CASE_TYPES(CODE_ENUM) CT_COUNT };
#undef CODE_ENUM

extern const struct code_table T_UNIT_KIND, T_ROLE, T_ITEM_KIND, T_SOURCE,
	T_LEVEL, T_MODE, T_STATUS, T_CLOSURE, T_MEASURE_STATUS, T_CHANNEL, T_OPINION_STATUS,
	T_RATING, T_CASE_TYPE;

/* The value of a code, or -1 when s is not one of the table's codes. */
int code_parse(const struct code_table *t, const char *s);
/* The code text of v ("" when out of range). */
const char *code_str(const struct code_table *t, int v);
/* The label of v in lang ("zh" default, "en"). */
const char *code_label(const struct code_table *t, int v, const char *lang);

#endif
