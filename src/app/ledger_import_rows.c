/* ledger_import_rows.c: what one row of the problem list and of the
 * rectification list does on import (see app/ledger_import.c). */
#include "ledger_import.h"
#include "../domain/codes.h"
#include "../domain/item_rules.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words county ledgers use besides our labels. */
static const struct code_alias source_aliases[] = {
	{"检视问题", SRC_SELF_INSPECTION}, {"自我检视", SRC_SELF_INSPECTION},
	{"查摆问题", SRC_SELF_INSPECTION}, {"群众反映", SRC_OPINION},
	{"群众意见建议", SRC_OPINION}, {"意见建议", SRC_OPINION},
	{"督导反馈", SRC_SUPERVISION}, {"巡回督导", SRC_SUPERVISION},
	{"调研发现", SRC_RESEARCH}, {"交办", SRC_ASSIGNMENT}, {NULL, 0}};
static const struct code_alias status_aliases[] = {
	{"未整改", ST_OPEN}, {"未开始", ST_OPEN}, {"正在整改", ST_IN_PROGRESS},
	{"推进中", ST_IN_PROGRESS}, {"已整改", ST_REVIEW}, {"已完成", ST_REVIEW},
	{"整改完成", ST_REVIEW}, {"销号", ST_CLOSED}, {NULL, 0}};
static const struct code_alias mode_aliases[] = {
	{"即知即改", MODE_IMMEDIATE}, {"立查立改", MODE_IMMEDIATE}, {"限期完成", MODE_DEADLINE},
	{"长期", MODE_LONG_TERM}, {NULL, 0}};
static const struct code_alias measure_status_aliases[] = {
	{"未完成", MS_IN_PROGRESS}, {"完成", MS_DONE}, {"取消", MS_CANCELLED}, {NULL, 0}};

/* --- reading cells --- */

static int code_cell(struct imp *x, struct row_ctx *rc, int col, const struct code_table *t,
		     const struct code_alias *al, int empty)
{
	const char *s = imp_cell(x, rc->grow, col);
	int v = imp_code(t, s, al);
	if (v == -1)
		return empty;
	if (v == -2) {
		char choices[400];
		imp_choices(x, t, choices, sizeof choices);
		imp_problem(x, rc, IMP_ERROR, col,
			    imp_msg(x, "“%s”不是可用的值，可填：%s", "\"%s\" is not one of: %s"), s,
			    choices);
		return empty;
	}
	return v;
}

static bool cell_is_number(const struct imp *x, int r, int col)
{
	const struct gcell *c = grid_cell(x->g, r, x->hdr.col_of[col]);
	return c && c->number;
}

static int day_cell(struct imp *x, struct row_ctx *rc, int col)
{
	const char *s = imp_cell(x, rc->grow, col);
	int day;
	if (!*s)
		return DAY_NONE;
	if (!imp_day(s, cell_is_number(x, rc->grow, col), &day)) {
		imp_problem(x, rc, IMP_ERROR, col,
			    imp_msg(x, "“%s”不是日期（如 2026-11-22）", "\"%s\" is not a date (2026-11-22)"),
			    s);
		return DAY_NONE;
	}
	return day;
}

static int64_t amount_cell(struct imp *x, struct row_ctx *rc, int col)
{
	const char *s = imp_cell(x, rc->grow, col);
	int64_t v = 0;
	if (*s && !imp_amount(s, &v))
		imp_problem(x, rc, IMP_ERROR, col,
			    imp_msg(x, "“%s”不是数额（如 250000 或 25万）", "\"%s\" is not an amount (250000, 25万)"),
			    s);
	return v;
}

/* The lines of a measures cell, numbering removed ("1. ", "2、", "（3）"). */
static int measure_lines(const char *s, char ***out)
{
	int n = 0;
	char **v = NULL;
	char *copy = xstrdup(s), *save = NULL;
	for (char *t = strtok_r(copy, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
		while (*t == ' ' || *t == '\t' || *t == '\r')
			t++;
		char *p = t;
		bool paren = strncmp(p, "（", 3) == 0 || *p == '(';
		if (paren)
			p += *p == '(' ? 1 : 3;
		char *digits = p;
		while (*p >= '0' && *p <= '9')
			p++;
		/* "1." but not "1.5公里": a decimal is text, not a number */
		bool decimal = (*p == '.' && p[1] >= '0' && p[1] <= '9') ||
			       (strncmp(p, "．", 3) == 0 && p[3] >= '0' && p[3] <= '9');
		if (p > digits && p - digits <= 3 && !decimal) {
			if (paren && (strncmp(p, "）", 3) == 0 || *p == ')'))
				t = p + (*p == ')' ? 1 : 3);
			else if (!paren && (*p == '.' || *p == ')' || strncmp(p, "、", 3) == 0 ||
					    strncmp(p, "．", 3) == 0))
				t = p + (*p == '.' || *p == ')' ? 1 : 3);
		}
		while (*t == ' ' || *t == '\t')
			t++;
		size_t len = strlen(t);
		while (len && (t[len - 1] == ' ' || t[len - 1] == '\r'))
			len--;
		if (!len)
			continue;
		v = xrealloc(v, sizeof *v * (size_t)(n + 1));
		v[n++] = xstrndup(t, len);
	}
	free(copy);
	*out = v;
	return n;
}

static void lines_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* --- a row of the problem list --- */

struct item_row {
	struct item it;
	char **lines;               /* the measures column */
	int nlines;
	int done_on;
	const char *leader;
};

static void item_row_free(struct item_row *ir)
{
	item_clear(&ir->it);
	lines_free(ir->lines, ir->nlines);
}

static bool is_long_term_word(const char *s)
{
	return strcmp(s, "长期坚持") == 0 || strcmp(s, "长期") == 0 || strcmp(s, "持续推进") == 0;
}

static bool imp_has_long_term(struct imp *x, const struct row_ctx *rc)
{
	return is_long_term_word(imp_cell(x, rc->grow, IC_DUE));
}

static void read_item(struct imp *x, struct row_ctx *rc, struct item_row *ir)
{
	struct item *it = &ir->it;
	int r = rc->grow;
	item_init(it);
	it->ext_id = xstrdup(rc->ext_id);
	it->unit_id = imp_unit(x, rc, imp_cell(x, r, IC_UNIT_CODE), imp_cell(x, r, IC_UNIT));
	it->kind = code_cell(x, rc, IC_KIND, &T_ITEM_KIND, NULL, IK_PROBLEM);
	it->source = code_cell(x, rc, IC_SOURCE, &T_SOURCE, source_aliases, -1);
	if (it->source < 0 && !*imp_cell(x, r, IC_SOURCE))
		imp_problem(x, rc, IMP_ERROR, IC_SOURCE, "%s", imp_msg(x, "问题来源为空", "empty"));
	it->level = code_cell(x, rc, IC_LEVEL, &T_LEVEL, NULL, -1);
	it->category_id = imp_category(x, rc, imp_cell(x, r, IC_CATEGORY));
	it->title = xstrdup(imp_cell(x, r, IC_TITLE));
	if (!*it->title)
		imp_problem(x, rc, IMP_ERROR, IC_TITLE, "%s", imp_msg(x, "问题描述为空", "empty"));
	it->detail = xstrdup(imp_cell(x, r, IC_DETAIL));
	ir->nlines = measure_lines(imp_cell(x, r, IC_MEASURES), &ir->lines);
	it->responsible_id = imp_person(x, rc, IC_RESPONSIBLE, it->unit_id,
					imp_cell(x, r, IC_RESPONSIBLE));
	ir->leader = imp_cell(x, r, IC_LEADER);
	it->claimant_id = imp_person(x, rc, IC_LEADER, it->unit_id, ir->leader);
	it->found_on = day_cell(x, rc, IC_FOUND);
	if (it->found_on == DAY_NONE && !*imp_cell(x, r, IC_FOUND))
		imp_problem(x, rc, IMP_ERROR, IC_FOUND, "%s", imp_msg(x, "发现时间为空", "empty"));
	bool long_term = is_long_term_word(imp_cell(x, r, IC_DUE));
	it->due_on = long_term ? DAY_NONE : day_cell(x, rc, IC_DUE);
	it->mode = code_cell(x, rc, IC_MODE, &T_MODE, mode_aliases, -1);
	if (it->mode < 0)
		it->mode = long_term ? MODE_LONG_TERM
				     : it->due_on != DAY_NONE ? MODE_DEADLINE : MODE_LONG_TERM;
	it->status = code_cell(x, rc, IC_STATUS, &T_STATUS, status_aliases, ST_OPEN);
	ir->done_on = day_cell(x, rc, IC_DONE);
	it->closed_on = day_cell(x, rc, IC_CLOSED);
	it->closure = code_cell(x, rc, IC_CLOSURE, &T_CLOSURE, NULL, -1);
	if (it->status == ST_CLOSED && it->closure < 0)
		it->closure = CL_RESOLVED;
	it->case_type = code_cell(x, rc, IC_CASE_TYPE, &T_CASE_TYPE, NULL, -1);
	it->funds = amount_cell(x, rc, IC_FUNDS);
	it->beneficiaries = amount_cell(x, rc, IC_BENEFICIARIES);
}

static void remember_created(struct imp *x, int64_t id)
{
	if (x->ncreated == x->capcreated) {
		x->capcreated = x->capcreated ? x->capcreated * 2 : 256;
		x->created = xrealloc(x->created, sizeof *x->created * (size_t)x->capcreated);
	}
	x->created[x->ncreated++] = id;
}

/* Ids grow as items are inserted, so the list is sorted. */
static bool created_here(const struct imp *x, int64_t id)
{
	int lo = 0, hi = x->ncreated;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (x->created[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->ncreated && x->created[lo] == id;
}

/* Work on an item - a state past 未整改, measures added or changed - needs
 * PA_ITEM_WORK on its unit, as through the API and the item page; putting
 * an item on the list (PA_ITEM_CREATE, checked for the import's unit) is
 * not enough. False, with the row's error reported at col, when the
 * importer may not; what says what the row does. */
static bool may_work(struct imp *x, struct row_ctx *rc, int64_t unit_id, const char *upath,
		     int col, const char *what_zh, const char *what_en)
{
	if (actor_can(x->ac, PA_ITEM_WORK, upath))
		return true;
	const struct unit *u = imp_unit_by_id(x, unit_id);
	imp_problem(x, rc, IMP_ERROR, col,
		    imp_msg(x, "%s需要在“%s”办理整改的权限（新增未整改、不带措施的问题则不需要）",
			    "%s needs the right to work on the items of %s (adding open items without measures does not)"),
		    imp_msg(x, what_zh, what_en), u ? u->name : x->root.name);
	return false;
}

/* The status a measure of an item in a recorded state starts with. */
static int measure_status_for(const struct item *it)
{
	switch (it->status) {
	case ST_CLOSED:
	case ST_REVIEW:
		return MS_DONE;
	case ST_IN_PROGRESS:
		return MS_IN_PROGRESS;
	default:
		return MS_OPEN;
	}
}

static qd_err create_item(struct imp *x, struct row_ctx *rc, struct item_row *ir,
			  struct qd_error *e)
{
	struct item *it = &ir->it;
	if (it->status != ST_CLOSED)
		it->closure = -1;
	const struct unit *u = imp_unit_by_id(x, it->unit_id);
	const char *upath = u ? u->path : x->root.path;
	if (it->status != ST_OPEN) {
		char what[160];
		snprintf(what, sizeof what,
			 imp_msg(x, "导入“%s”状态的问题", "importing an item in state %s"),
			 code_label(&T_STATUS, it->status, x->en ? "en" : "zh"));
		may_work(x, rc, it->unit_id, upath, IC_STATUS, what, what);
	}
	if (!x->has_measure_sheet && ir->nlines > 0)
		may_work(x, rc, it->unit_id, upath, IC_MEASURES, "导入整改措施", "importing measures");
	if (rc->errors)
		return QD_OK;
	qd_err r = item_validate_recorded_state(it, day_today(), e);
	if (r == QD_OK)
		r = item_import_insert(x->a->st, x->ac, it, x->bulk, e);
	if (r != QD_OK)
		return r;
	remember_created(x, it->id);
	for (int i = 0; r == QD_OK && !x->has_measure_sheet && i < ir->nlines; i++) {
		struct measure m;
		measure_init(&m);
		m.text = xstrdup(ir->lines[i]);
		m.status = measure_status_for(it);
		if (m.status == MS_DONE)
			m.done_on = ir->done_on != DAY_NONE ? ir->done_on : it->closed_on;
		r = measure_import_insert(x->a->st, x->ac, &m, it, x->bulk, e);
		measure_clear(&m);
	}
	rc->outcome = IMP_NEW;
	return r;
}

/* Note a changed column for the report. */
static void changed(struct imp *x, struct row_ctx *rc, int col)
{
	size_t k = strlen(rc->changed);
	snprintf(rc->changed + k, sizeof rc->changed - k, "%s%s", k ? "、" : "", imp_header(x, col));
}

static bool str_differs(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* Put the file's values over cur where the file has the column; note what
 * changes. */
static void merge_fields(struct imp *x, struct row_ctx *rc, const struct item_row *ir,
			 const struct item *cur, struct item *to)
{
	const struct item *in = &ir->it;
	item_copy(to, cur);
#define TAKE(col, field, differs)                      \
	if (imp_has(x, col) && (differs)) {             \
		to->field = in->field;                  \
		changed(x, rc, col);                    \
	}
	if ((imp_has(x, IC_UNIT) || imp_has(x, IC_UNIT_CODE)) && in->unit_id != cur->unit_id) {
		to->unit_id = in->unit_id;
		changed(x, rc, imp_has(x, IC_UNIT) ? IC_UNIT : IC_UNIT_CODE);
	}
	/* Kind, source and mode cannot be blank: an empty cell keeps them. */
	TAKE(IC_KIND, kind, *imp_cell(x, rc->grow, IC_KIND) && in->kind != cur->kind)
	TAKE(IC_SOURCE, source, *imp_cell(x, rc->grow, IC_SOURCE) && in->source != cur->source)
	TAKE(IC_LEVEL, level, in->level != cur->level)
	TAKE(IC_CATEGORY, category_id, in->category_id != cur->category_id)
	TAKE(IC_RESPONSIBLE, responsible_id, in->responsible_id != cur->responsible_id)
	TAKE(IC_MODE, mode, (*imp_cell(x, rc->grow, IC_MODE) || imp_has_long_term(x, rc)) &&
				    in->mode != cur->mode)
	TAKE(IC_FOUND, found_on, in->found_on != cur->found_on)
	TAKE(IC_DUE, due_on, in->due_on != cur->due_on)
	TAKE(IC_CASE_TYPE, case_type, in->case_type != cur->case_type)
	TAKE(IC_FUNDS, funds, in->funds != cur->funds)
	TAKE(IC_BENEFICIARIES, beneficiaries, in->beneficiaries != cur->beneficiaries)
#undef TAKE
	if (imp_has(x, IC_TITLE) && str_differs(in->title, cur->title)) {
		xstrset(&to->title, in->title);
		changed(x, rc, IC_TITLE);
	}
	if (imp_has(x, IC_DETAIL) && str_differs(in->detail, cur->detail)) {
		xstrset(&to->detail, in->detail);
		changed(x, rc, IC_DETAIL);
	}
}

/* State columns of a known item are reported when they differ, not applied. */
static void compare_state(struct imp *x, struct row_ctx *rc, const struct item_row *ir,
			  const struct item *cur)
{
	const struct item *in = &ir->it;
	const char *lang = x->en ? "en" : "zh";
	if (imp_has(x, IC_STATUS) && *imp_cell(x, rc->grow, IC_STATUS) && in->status != cur->status)
		imp_problem(x, rc, IMP_WARNING, IC_STATUS,
			    imp_msg(x, "文件为“%s”，系统中为“%s”：状态以系统为准，整改、销号请在事项页面办理",
				    "the file says %s, qingdan has %s: states change on the item page (sign-off needs a verifier)"),
			    code_label(&T_STATUS, in->status, lang), code_label(&T_STATUS, cur->status, lang));
	else if (cur->status == ST_CLOSED && imp_has(x, IC_CLOSED) && in->closed_on != DAY_NONE &&
		 in->closed_on != cur->closed_on)
		imp_problem(x, rc, IMP_WARNING, IC_CLOSED, "%s",
			    imp_msg(x, "销号时间与系统记录不同，以系统为准",
				    "differs from the sign-off qingdan recorded; qingdan's stands"));
	if (imp_has(x, IC_LEADER) && in->claimant_id != cur->claimant_id && *ir->leader)
		imp_problem(x, rc, IMP_WARNING, IC_LEADER, "%s",
			    imp_msg(x, "责任领导由领导在事项页面认领，未导入",
				    "a leader claims an item on its page; not imported"));
}

struct measure_diff {
	struct measure_array cur;   /* the item's measures */
	int live[64], nlive;        /* indexes of those not cancelled */
};

static qd_err load_measures(struct imp *x, int64_t item_id, struct measure_diff *md,
			    struct qd_error *e)
{
	memset(md, 0, sizeof *md);
	qd_err r = app_measures_of(x->a, item_id, &md->cur, e);
	for (int i = 0; r == QD_OK && i < md->cur.n && md->nlive < 64; i++)
		if (md->cur.v[i].status != MS_CANCELLED)
			md->live[md->nlive++] = i;
	return r;
}

static bool measures_differ(const struct item_row *ir, const struct measure_diff *md)
{
	if (ir->nlines != md->nlive)
		return true;
	for (int i = 0; i < ir->nlines; i++)
		if (strcmp(ir->lines[i], md->cur.v[md->live[i]].text) != 0)
			return true;
	return false;
}

/* Make the item's live measures the file's lines: change texts in order,
 * add the extra lines, cancel measures beyond them. */
static qd_err apply_measure_lines(struct imp *x, const struct item_row *ir,
				  struct measure_diff *md, int64_t item_id, struct qd_error *e)
{
	qd_err r = QD_OK;
	for (int i = 0; r == QD_OK && i < ir->nlines && i < md->nlive; i++) {
		struct measure *m = &md->cur.v[md->live[i]];
		if (strcmp(ir->lines[i], m->text) != 0) {
			xstrset(&m->text, ir->lines[i]);
			r = app_measure_update(x->a, x->ac, m, e);
		}
	}
	for (int i = md->nlive; r == QD_OK && i < ir->nlines; i++) {
		struct measure m;
		measure_init(&m);
		m.item_id = item_id;
		m.text = xstrdup(ir->lines[i]);
		m.status = MS_OPEN;
		r = app_measure_add(x->a, x->ac, &m, e);
		measure_clear(&m);
	}
	for (int i = ir->nlines; r == QD_OK && i < md->nlive; i++) {
		struct measure *m = &md->cur.v[md->live[i]];
		if (m->status == MS_DONE)
			return qd_fail(e, QD_BAD_FIELD, "text", "%s",
				       x->en ? "a done measure cannot be removed"
					     : "已完成的措施不能删除");
		m->status = MS_CANCELLED;
		r = app_measure_update(x->a, x->ac, m, e);
	}
	return r;
}

static qd_err update_item(struct imp *x, struct row_ctx *rc, struct item_row *ir,
			  const struct item *cur, struct qd_error *e)
{
	if (!path_covers(x->root.path, cur->upath)) {
		/* An importer who may read the item is told where it is. One
		 * who may not learns nothing of it - not its unit, not that it
		 * lies beyond the importer's reach: only that the number
		 * cannot be used here, which any taken number implies
		 * (numbers are unique). */
		if (actor_can(x->ac, PA_READ, cur->upath))
			imp_problem(x, rc, IMP_ERROR, IC_EXT_ID,
				    imp_msg(x, "问题编号已属于%s范围外的单位", "the number belongs to a unit outside %s"),
				    x->root.name);
		else
			imp_problem(x, rc, IMP_ERROR, IC_EXT_ID,
				    imp_msg(x, "这个问题编号不能用于%s的台账，请换一个编号",
					    "this item number cannot be used in the ledger of %s; choose another"),
				    x->root.name);
		return QD_OK;
	}
	struct item to;
	merge_fields(x, rc, ir, cur, &to);
	compare_state(x, rc, ir, cur);
	struct measure_diff md;
	qd_err r = load_measures(x, cur->id, &md, e);
	bool lines = r == QD_OK && !x->has_measure_sheet && imp_has(x, IC_MEASURES) &&
		     measures_differ(ir, &md);
	if (lines) {
		changed(x, rc, IC_MEASURES);
		may_work(x, rc, cur->unit_id, cur->upath, IC_MEASURES, "修改整改措施",
			 "changing measures");
	}
	rc->outcome = *rc->changed ? IMP_UPDATED : IMP_UNCHANGED;
	if (r == QD_OK && *rc->changed && (cur->status == ST_CLOSED || cur->status == ST_REVIEW))
		imp_problem(x, rc, IMP_ERROR, -1,
			    imp_msg(x, "%s的问题不能通过导入修改（改动了：%s）",
				    "an item in state %s cannot be changed by an import (changed: %s)"),
			    code_label(&T_STATUS, cur->status, x->en ? "en" : "zh"), rc->changed);
	else if (r == QD_OK && *rc->changed && strcmp(rc->changed, imp_header(x, IC_MEASURES)) != 0)
		r = app_item_update(x->a, x->ac, &to, e);
	if (r == QD_OK && rc->errors == 0 && lines)
		r = apply_measure_lines(x, ir, &md, cur->id, e);
	measure_array_free(&md.cur);
	item_clear(&to);
	return r;
}

qd_err import_item_row(struct imp *x, struct row_ctx *rc, struct qd_error *e)
{
	const char *ext = imp_cell(x, rc->grow, IC_EXT_ID);
	snprintf(rc->ext_id, sizeof rc->ext_id, "%s", ext);
	if (!*ext) {
		imp_problem(x, rc, IMP_ERROR, IC_EXT_ID, "%s",
			    imp_msg(x, "问题编号为空：每行须有编号，重复导入时据此更新",
				    "empty: each row needs its number, the key of a re-import"));
		return QD_OK;
	}
	if (!item_ext_id_ok(ext)) {
		imp_problem(x, rc, IMP_ERROR, IC_EXT_ID,
			    imp_msg(x, "“%s”不能作问题编号：只能由字母、数字、- 和 _ 组成，1–%d 位，不能全是数字",
				    "\"%s\" cannot be an item number: letters, digits, - and _, 1-%d, not digits only"),
			    ext, ITEM_EXT_ID_MAX);
		return QD_OK;
	}
	int prev = imp_seen(x, ext, rc->row);
	if (prev) {
		imp_problem(x, rc, IMP_ERROR, IC_EXT_ID,
			    imp_msg(x, "与第%d行的问题编号重复", "the same number as row %d"), prev);
		return QD_OK;
	}
	struct item_row ir;
	read_item(x, rc, &ir);
	qd_err r = QD_OK;
	if (rc->errors == 0) {
		struct item cur;
		item_init(&cur);
		r = x->a->st->ops->item_get_by_ext(x->a->st, ext, &cur);
		if (r == QD_NOT_FOUND)
			r = create_item(x, rc, &ir, e);
		else if (r == QD_OK)
			r = update_item(x, rc, &ir, &cur, e);
		else
			qd_fail(e, r, NULL, NULL);
		item_clear(&cur);
	}
	item_row_free(&ir);
	return r;
}

/* --- a row of the rectification list --- */

static void read_measure(struct imp *x, struct row_ctx *rc, const struct item *it,
			 struct measure *m)
{
	int r = rc->grow;
	measure_init(m);
	m->item_id = it->id;
	m->text = xstrdup(imp_cell(x, r, MC_TEXT));
	if (!*m->text)
		imp_problem(x, rc, IMP_ERROR, MC_TEXT, "%s", imp_msg(x, "整改措施为空", "empty"));
	m->responsible_id = imp_person(x, rc, MC_RESPONSIBLE, it->unit_id,
				       imp_cell(x, r, MC_RESPONSIBLE));
	m->due_on = day_cell(x, rc, MC_DUE);
	m->status = code_cell(x, rc, MC_STATUS, &T_MEASURE_STATUS, measure_status_aliases, MS_OPEN);
	m->done_on = day_cell(x, rc, MC_DONE);
	m->evidence = xstrdup(imp_cell(x, r, MC_EVIDENCE));
}

static int measure_seq_cell(struct imp *x, struct row_ctx *rc)
{
	const char *s = imp_cell(x, rc->grow, MC_MSEQ);
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 1 || v > 10000) {
		imp_problem(x, rc, IMP_ERROR, MC_MSEQ,
			    imp_msg(x, "“%s”不是措施序号（1、2、3…）", "\"%s\" is not a measure number"), s);
		return 0;
	}
	return (int)v;
}

static void note_measure_changes(struct imp *x, struct row_ctx *rc, const struct measure *in,
				 const struct measure *cur)
{
	if (strcmp(in->text, cur->text) != 0)
		changed(x, rc, MC_TEXT);
	if (imp_has(x, MC_RESPONSIBLE) && in->responsible_id != cur->responsible_id)
		changed(x, rc, MC_RESPONSIBLE);
	if (imp_has(x, MC_DUE) && in->due_on != cur->due_on)
		changed(x, rc, MC_DUE);
	if (imp_has(x, MC_STATUS) && in->status != cur->status)
		changed(x, rc, MC_STATUS);
	if (imp_has(x, MC_EVIDENCE) && str_differs(in->evidence, cur->evidence))
		changed(x, rc, MC_EVIDENCE);
}

static qd_err put_measure(struct imp *x, struct row_ctx *rc, const struct item *it, int seq,
			  struct measure *in, struct qd_error *e)
{
	in->seq = seq; /* the file's number is the measure's key */
	if (created_here(x, it->id)) {
		rc->outcome = IMP_NEW;
		if (!may_work(x, rc, it->unit_id, it->upath, MC_TEXT, "导入整改措施",
			      "importing measures"))
			return QD_OK;
		return measure_import_insert(x->a->st, x->ac, in, it, x->bulk, e);
	}
	struct measure_array ms = {0};
	qd_err r = app_measures_of(x->a, it->id, &ms, e);
	struct measure *cur = NULL;
	for (int i = 0; r == QD_OK && i < ms.n; i++)
		if (ms.v[i].seq == seq)
			cur = &ms.v[i];
	if (r == QD_OK && !cur) {
		rc->outcome = IMP_NEW;
		if (may_work(x, rc, it->unit_id, it->upath, MC_TEXT, "添加整改措施",
			     "adding measures"))
			r = app_measure_add(x->a, x->ac, in, e);
	} else if (r == QD_OK) {
		note_measure_changes(x, rc, in, cur);
		rc->outcome = *rc->changed ? IMP_UPDATED : IMP_UNCHANGED;
		if (*rc->changed && may_work(x, rc, it->unit_id, it->upath, MC_TEXT,
					     "修改整改措施", "changing measures")) {
			in->id = cur->id;
			if (!imp_has(x, MC_RESPONSIBLE))
				in->responsible_id = cur->responsible_id;
			if (!imp_has(x, MC_DUE))
				in->due_on = cur->due_on;
			if (!imp_has(x, MC_STATUS))
				in->status = cur->status;
			if (!imp_has(x, MC_EVIDENCE))
				xstrset(&in->evidence, cur->evidence);
			r = app_measure_update(x->a, x->ac, in, e);
		}
	}
	measure_array_free(&ms);
	return r;
}

qd_err import_measure_row(struct imp *x, struct row_ctx *rc, struct qd_error *e)
{
	const char *ext = imp_cell(x, rc->grow, MC_EXT_ID);
	snprintf(rc->ext_id, sizeof rc->ext_id, "%s", ext);
	int seq = measure_seq_cell(x, rc);
	if (!*ext)
		imp_problem(x, rc, IMP_ERROR, MC_EXT_ID, "%s", imp_msg(x, "问题编号为空", "empty"));
	if (rc->errors)
		return QD_OK;
	char key[80];
	snprintf(key, sizeof key, "%s#%d", ext, seq);
	int prev = imp_seen(x, key, rc->row);
	if (prev) {
		imp_problem(x, rc, IMP_ERROR, MC_MSEQ,
			    imp_msg(x, "与第%d行重复（同一问题编号和措施序号）",
				    "the same item number and measure number as row %d"),
			    prev);
		return QD_OK;
	}
	struct item it;
	item_init(&it);
	qd_err r = x->a->st->ops->item_get_by_ext(x->a->st, ext, &it);
	if (r == QD_NOT_FOUND || (r == QD_OK && !path_covers(x->root.path, it.upath))) {
		imp_problem(x, rc, IMP_ERROR, MC_EXT_ID,
			    imp_msg(x, "问题清单和%s的台账中都没有这个问题编号",
				    "no such item number in the problem list or under %s"),
			    x->root.name);
		item_clear(&it);
		return QD_OK;
	}
	if (r != QD_OK) {
		item_clear(&it);
		return qd_fail(e, r, NULL, NULL);
	}
	struct measure m;
	read_measure(x, rc, &it, &m);
	if (rc->errors == 0)
		r = put_measure(x, rc, &it, seq, &m, e);
	measure_clear(&m);
	item_clear(&it);
	return r;
}
