/* columns.c: the columns of the ledger files and how headers are matched. */
#include "columns.h"
#include "../util/alloc.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T CK_TEXT
#define I CK_INT
#define D CK_DATE

static const struct ledger_col item_cols[IC_COUNT] = {
	[IC_SEQ] = {"seq", "序号", "No.", "编号序号", 6, I, false, false},
	[IC_EXT_ID] = {"ext_id", "问题编号", "Item number", "清单编号|台账编号|事项编号", 18, T, true, true},
	[IC_UNIT] = {"unit", "单位", "Unit", "责任单位|单位名称|所属单位|整改单位", 28, T, true, false},
	[IC_UNIT_CODE] = {"unit_code", "单位编码", "Unit code", "单位代码", 12, T, true, false},
	[IC_KIND] = {"kind", "事项类型", "Kind", "类型", 10, T, true, false},
	[IC_SOURCE] = {"source", "问题来源", "Source", "来源", 12, T, true, true},
	[IC_LEVEL] = {"level", "检视层级", "Inspection level", "层级|检视类别", 12, T, true, false},
	[IC_CATEGORY] = {"category", "问题类别", "Category", "类别|问题分类", 12, T, true, false},
	[IC_TITLE] = {"title", "问题描述", "Problem", "问题|问题名称|事项名称|标题|存在问题", 40, T, true, true},
	[IC_DETAIL] = {"detail", "具体情况", "Details", "详细情况|问题详情|情况说明", 40, T, true, false},
	[IC_MEASURES] = {"measures", "整改措施", "Measures", "措施|整改举措", 50, T, true, false},
	[IC_RESPONSIBLE] = {"responsible", "责任人", "Responsible person", "整改责任人|具体责任人", 10, T, true, false},
	[IC_LEADER] = {"leader", "责任领导", "Leader", "包抓领导|认领领导|牵头领导", 10, T, true, false},
	[IC_MODE] = {"mode", "整改方式", "Mode", "整改类型", 10, T, true, false},
	[IC_FOUND] = {"found_on", "发现时间", "Found on", "发现日期|查摆时间|查摆日期|检视时间|检视日期|登记时间|登记日期", 12, D, true, true},
	[IC_DUE] = {"due_on", "整改时限", "Due", "完成时限|整改期限|时限", 12, D, true, false},
	[IC_STATUS] = {"status", "整改状态", "Status", "状态|整改进度|进展情况", 10, T, true, false},
	[IC_DONE] = {"done_on", "完成时间", "Done on", "完成日期|整改完成时间", 12, D, true, false},
	[IC_CLOSED] = {"closed_on", "销号时间", "Signed off on", "销号日期", 12, D, true, false},
	[IC_CLOSURE] = {"closure", "销号类型", "Closure", "办结类型|销号方式", 10, T, true, false},
	[IC_CASE_TYPE] = {"case_type", "案件类型", "Case type", "纠纷类型", 12, T, true, false},
	[IC_FUNDS] = {"funds", "资金（元）", "Funds (yuan)", "资金|投入资金|资金(元)", 12, I, true, false},
	[IC_BENEFICIARIES] = {"beneficiaries", "受益人数", "Beneficiaries", "受益群众|惠及人数|受益户数", 10, I, true, false},
};

static const struct ledger_col measure_cols[MC_COUNT] = {
	[MC_SEQ] = {"seq", "序号", "No.", NULL, 6, I, false, false},
	[MC_EXT_ID] = {"ext_id", "问题编号", "Item number", "清单编号|台账编号|事项编号", 18, T, true, true},
	[MC_MSEQ] = {"measure_seq", "措施序号", "Measure No.", "措施编号", 8, I, true, true},
	[MC_UNIT] = {"unit", "单位", "Unit", "责任单位", 28, T, false, false},
	[MC_TITLE] = {"title", "问题描述", "Problem", "问题", 36, T, false, false},
	[MC_TEXT] = {"text", "整改措施", "Measure", "措施|措施内容", 50, T, true, true},
	[MC_RESPONSIBLE] = {"responsible", "责任人", "Responsible person", "整改责任人", 10, T, true, false},
	[MC_DUE] = {"due_on", "整改时限", "Due", "完成时限", 12, D, true, false},
	[MC_STATUS] = {"status", "措施状态", "Status", "状态|完成情况", 10, T, true, false},
	[MC_DONE] = {"done_on", "完成时间", "Done on", "完成日期", 12, D, true, false},
	[MC_EVIDENCE] = {"evidence", "佐证材料", "Evidence", "佐证|整改成效", 30, T, true, false},
};

static const struct ledger_col resp_cols[RC_COUNT] = {
	[RC_SEQ] = {"seq", "序号", "No.", NULL, 6, I, false, false},
	[RC_PERSON] = {"person", "责任人", "Responsible person", NULL, 12, T, false, false},
	[RC_UNIT] = {"unit", "单位", "Unit", NULL, 28, T, false, false},
	[RC_TOTAL] = {"total", "负责事项", "Items", NULL, 10, I, false, false},
	[RC_OPEN] = {"open", "未销号", "Not signed off", NULL, 10, I, false, false},
	[RC_OVERDUE] = {"overdue", "逾期", "Overdue", NULL, 8, I, false, false},
	[RC_NEXT_DUE] = {"next_due", "最近时限", "Next due", NULL, 12, D, false, false},
};

static const struct ledger_col opinion_cols[OC_COUNT] = {
	[OC_SEQ] = {"seq", "序号", "No.", NULL, 6, I, false, false},
	[OC_ID] = {"id", "意见编号", "Opinion No.", NULL, 10, I, false, false},
	[OC_RECEIVED] = {"received_on", "收到日期", "Received on", NULL, 12, D, false, false},
	[OC_CHANNEL] = {"channel", "渠道", "Channel", NULL, 10, T, false, false},
	[OC_UNIT] = {"unit", "单位", "Unit", NULL, 28, T, false, false},
	[OC_TEXT] = {"text", "意见内容", "Opinion", NULL, 50, T, false, false},
	[OC_STATUS] = {"status", "办理状态", "Status", NULL, 10, T, false, false},
	[OC_EXT_ID] = {"ext_id", "问题编号", "Item number", NULL, 18, T, false, false},
	[OC_REPLY] = {"reply", "答复", "Reply", NULL, 40, T, false, false},
	[OC_RESPONSE_DAYS] = {"response_days", "首次响应（工作日）", "First response (working days)", NULL, 10, I, false, false},
	[OC_RATING] = {"rating", "群众评价", "Rating", NULL, 10, T, false, false},
};

#undef T
#undef I
#undef D

static const struct ledger_list_def lists[LL_COUNT] = {
	[LL_ITEMS] = {"items", "问题清单", "Problems", item_cols, IC_COUNT},
	[LL_MEASURES] = {"measures", "整改清单", "Measures", measure_cols, MC_COUNT},
	[LL_RESPONSIBILITY] = {"responsibility", "责任清单", "Responsibility", resp_cols, RC_COUNT},
	[LL_OPINIONS] = {"opinions", "意见建议", "Opinions", opinion_cols, OC_COUNT},
};

const struct ledger_list_def *ledger_list(enum ledger_list l)
{
	return l >= 0 && l < LL_COUNT ? &lists[l] : NULL;
}

int ledger_list_parse(const char *s)
{
	for (int l = 0; l < LL_COUNT; l++)
		if (strcmp(s, lists[l].code) == 0 || strcmp(s, lists[l].zh) == 0 ||
		    strcmp(s, lists[l].en) == 0)
			return l;
	return -1;
}

static struct table_col table_cols[LL_COUNT][2][32];

static void fill_table_cols(void)
{
	for (int k = 0; k < LL_COUNT; k++)
		for (int c = 0; c < lists[k].ncols; c++)
			for (int en = 0; en < 2; en++)
				table_cols[k][en][c] = (struct table_col){
					en ? lists[k].cols[c].en : lists[k].cols[c].zh,
					lists[k].cols[c].width, lists[k].cols[c].kind};
}

const struct table_col *ledger_table_cols(enum ledger_list l, const char *lang)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT; /* server threads export at once */
	pthread_once(&once, fill_table_cols);
	return table_cols[l][lang && strcmp(lang, "en") == 0];
}

/* --- header matching --- */

/* Copy s without spaces and line breaks, with full-width parentheses and
 * colons as ASCII and ASCII letters in lower case. */
static void normalise(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	while (*s && k + 4 < cap) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			s++;
		} else if (strncmp(s, "\xe3\x80\x80", 3) == 0) { /* ideographic space */
			s += 3;
		} else if (strncmp(s, "（", 3) == 0) {
			out[k++] = '(';
			s += 3;
		} else if (strncmp(s, "）", 3) == 0) {
			out[k++] = ')';
			s += 3;
		} else if (strncmp(s, "：", 3) == 0) {
			s += 3; /* a trailing colon: "单位：" */
		} else if (*s == ':') {
			s++;
		} else {
			char c = *s++;
			out[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		}
	}
	out[k] = '\0';
}

static bool same(const char *a, const char *b)
{
	char x[256], y[256];
	normalise(a, x, sizeof x);
	normalise(b, y, sizeof y);
	return *x && strcmp(x, y) == 0;
}

static bool in_aliases(const char *aliases, const char *h)
{
	if (!aliases)
		return false;
	char buf[512];
	snprintf(buf, sizeof buf, "%s", aliases);
	char *save = NULL;
	for (char *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
		if (same(t, h))
			return true;
	return false;
}

static int match_own(enum ledger_list l, const char *h)
{
	const struct ledger_list_def *d = &lists[l];
	for (int c = 0; c < d->ncols; c++)
		if (same(d->cols[c].zh, h) || same(d->cols[c].en, h) || same(d->cols[c].code, h))
			return c;
	for (int c = 0; c < d->ncols; c++)
		if (in_aliases(d->cols[c].aliases, h))
			return c;
	return -1;
}

int ledger_match_header(enum ledger_list l, const char *header, const struct ledger_map *map)
{
	if (l < 0 || l >= LL_COUNT || !header)
		return -1;
	if (map)
		for (int i = 0; i < map->n; i++)
			if (same(map->v[i].from, header))
				return match_own(l, map->v[i].to);
	return match_own(l, header);
}

#define HEADER_SCAN_ROWS 12

static int count_matches(const struct grid *g, int row, enum ledger_list l,
			 const struct ledger_map *map)
{
	bool seen[32] = {false};
	int n = 0;
	for (int c = 0; c < g->ncols; c++) {
		int k = ledger_match_header(l, grid_text(g, row, c), map);
		if (k >= 0 && !seen[k]) {
			seen[k] = true;
			n++;
		}
	}
	return n;
}

bool ledger_find_header(const struct grid *g, enum ledger_list l, const struct ledger_map *map,
			struct ledger_header *out)
{
	memset(out, 0, sizeof *out);
	out->row = -1;
	out->ncols = lists[l].ncols;
	for (int c = 0; c < 32; c++)
		out->col_of[c] = -1;
	int best = 0;
	for (int r = 0; r < g->nrows && r < HEADER_SCAN_ROWS; r++) {
		int n = count_matches(g, r, l, map);
		if (n > best) {
			best = n;
			out->row = r;
		}
	}
	if (out->row < 0 || best < 2)
		return false;
	/* Two-row headers: a column named only in the row above (its cell in
	 * the header row left empty) counts too. */
	for (int c = 0; c < g->ncols; c++) {
		int k = ledger_match_header(l, grid_text(g, out->row, c), map);
		if (k < 0 && out->row > 0 && !*grid_text(g, out->row, c))
			k = ledger_match_header(l, grid_text(g, out->row - 1, c), map);
		if (k >= 0 && out->col_of[k] < 0) {
			out->col_of[k] = c;
			out->matched++;
		}
	}
	return true;
}

/* --- mapping files --- */

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

qd_err ledger_map_parse(const char *text, struct ledger_map *out, struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	int line = 0;
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		const char *eq = memchr(p, '=', n);
		char *whole = trim_dup(p, n);
		bool blank = !*whole || *whole == '#';
		free(whole);
		if (!blank) {
			if (!eq) {
				ledger_map_free(out);
				return qd_fail(e, QD_BAD_FILE, "map", "line %d: expected \"their header = our column\"", line);
			}
			char *from = trim_dup(p, (size_t)(eq - p));
			char *to = trim_dup(eq + 1, n - (size_t)(eq - p) - 1);
			bool known = false;
			for (int l = 0; l < LL_COUNT && !known; l++)
				known = match_own(l, to) >= 0;
			if (!*from || !known || out->n >= 256) {
				qd_err r = qd_fail(e, QD_BAD_FILE, "map", "line %d: %s", line,
						   !*from ? "no header before =" : !known ? "unknown column after =" : "more than 256 lines");
				free(from);
				free(to);
				ledger_map_free(out);
				return r;
			}
			out->v = xrealloc(out->v, sizeof *out->v * (size_t)(out->n + 1));
			out->v[out->n].from = from;
			out->v[out->n].to = to;
			out->n++;
		}
		p = nl ? nl + 1 : NULL;
	}
	return QD_OK;
}

void ledger_map_free(struct ledger_map *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->v[i].from);
		free(m->v[i].to);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}
