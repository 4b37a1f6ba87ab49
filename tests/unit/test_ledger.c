/* test_ledger.c: importing and exporting ledgers through the use cases
 * (app_import, app_export), on grids built in memory as the CSV and xlsx
 * readers would give them. The readers and writers themselves are tested
 * in test_ledger_io.c. */
#include "tap.h"
#include "fixture.h"
#include "domain/codes.h"
#include "util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct app A;
static struct actor SYS;
static int64_t COUNTY, CG, XC, CG_HQ, XC_HQ, CG_PERSON;

/* A grid from rows of '|'-separated cells; a cell "#46329" is a number. */
static struct grid make_grid(const char *name, const char *const *rows, int n)
{
	struct grid g = {0};
	g.name = xstrdup(name);
	g.nrows = n;
	for (int r = 0; r < n; r++) {
		int c = 1;
		for (const char *p = rows[r]; *p; p++)
			c += *p == '|';
		if (c > g.ncols)
			g.ncols = c;
	}
	g.cells = xcalloc((size_t)(g.nrows * g.ncols), sizeof *g.cells);
	for (int r = 0; r < n; r++) {
		const char *p = rows[r];
		for (int c = 0; c < g.ncols; c++) {
			const char *bar = p ? strchr(p, '|') : NULL;
			size_t len = !p ? 0 : bar ? (size_t)(bar - p) : strlen(p);
			struct gcell *cell = &g.cells[r * g.ncols + c];
			bool number = p && len && *p == '#';
			cell->text = p ? xstrndup(p + number, len - number) : xstrdup("");
			cell->number = number;
			p = bar ? bar + 1 : NULL;
		}
	}
	return g;
}

static struct grid_book book1(struct grid g)
{
	struct grid_book b = {xcalloc(1, sizeof(struct grid)), 1};
	b.sheets[0] = g;
	return b;
}

static int64_t count(void)
{
	struct stat_result r = {0};
	struct qd_error e = {0};
	app_stats(&A, &SYS, COUNTY, DAY_NONE, DAY_NONE, &r, &e);
	int64_t n = stat_get(&r, "items");
	stat_result_free(&r);
	return n;
}

static int64_t events(void)
{
	int64_t next = 0;
	A.st->ops->event_next_id(A.st, &next);
	return next;
}

static qd_err import(const struct grid_book *b, bool dry, const struct ledger_map *map,
		     struct import_report *rep)
{
	struct import_request rq = {.unit_id = COUNTY, .map = map, .dry_run = dry, .lang = "zh"};
	struct qd_error e = {0};
	return app_import(&A, &SYS, b, &rq, rep, &e);
}

static const struct import_line *line_of(const struct import_report *r, int row,
					 enum import_outcome what)
{
	for (int i = 0; i < r->n; i++)
		if (r->v[i].row == row && r->v[i].what == what)
			return &r->v[i];
	return NULL;
}

static void item_by_ext(const char *ext, struct item *it)
{
	struct qd_error e = {0};
	item_init(it);
	app_item_get(&A, &SYS, ext, it, &e);
}

static int64_t person(int64_t unit, const char *name)
{
	struct person p = {0};
	struct qd_error e = {0};
	p.unit_id = unit;
	p.name = xstrdup(name);
	p.title = xstrdup("");
	int64_t id = app_person_add(&A, &SYS, &p, &e) == QD_OK ? p.id : 0;
	person_clear(&p);
	return id;
}

static const char *const HEAD =
	"序号|问题编号|单位|事项类型|问题来源|检视层级|问题描述|整改措施|责任人|发现时间|整改时限|整改状态|销号时间|资金（元）|受益人数";

static void test_create_and_reimport(void)
{
	const char *const rows[] = {
		"某县城关镇问题整改台账", /* a title row above the header */
		HEAD,
		"1|T-001|城关镇/红旗村|问题|检视查摆|党员个人|学习不深入|1. 制定学习计划\n2. 每周自学|张三|2026-11-01|2026-12-31|整改中||",
		"2|T-002|某县/新城镇/红旗村|问题|群众反映||村道积水|修路|  |2026/11/02||待整改||",
		"3|T-003|城关镇|民生实事|上级交办||适老化改造|入户改造|张三|2026年11月3日|2026-11-20|已销号|2026-11-18|25万|50户",
		"4|T-004|新城镇|问题|督导发现|领导班子|台账不全||李四|#46329|长期坚持|||",
	};
	struct grid_book b = book1(make_grid("问题清单", rows, 6));
	int64_t before = count();
	struct import_report rep;
	qd_err r = import(&b, false, NULL, &rep);
	is_int(r, QD_OK, "a clean ledger imports");
	is_int(rep.rows, 4, "four data rows, below a title row and the header");
	is_int(rep.added, 4, "all four added");
	is_int(rep.errors, 0, "no errors");
	ok(rep.applied, "applied");
	is_int(count() - before, 4, "four items counted");
	import_report_free(&rep);

	struct item it;
	item_by_ext("T-001", &it);
	is_int(it.unit_id, CG_HQ, "城关镇/红旗村: the village under 城关镇, not the one under 新城镇");
	is_int(it.found_on, day_from_civil(2026, 11, 1), "2026-11-01");
	is_int(it.status, ST_IN_PROGRESS, "整改中");
	is_int(it.level, LVL_MEMBER, "党员个人");
	is_int(it.responsible_id, CG_PERSON, "张三 found in the village's township above it");
	struct measure_array ms = {0};
	struct qd_error e = {0};
	app_measures_of(&A, it.id, &ms, &e);
	is_int(ms.n, 2, "two measures from the numbered lines");
	if (ms.n == 2) {
		is_str(ms.v[0].text, "制定学习计划", "numbering removed from the first");
		is_str(ms.v[1].text, "每周自学", "and the second");
		is_int(ms.v[0].status, MS_IN_PROGRESS, "measures of an item in progress are in progress");
	}
	measure_array_free(&ms);
	item_clear(&it);
	item_by_ext("T-002", &it);
	is_int(it.unit_id, XC_HQ, "某县/新城镇/红旗村: a path from the top");
	is_int(it.found_on, day_from_civil(2026, 11, 2), "2026/11/02");
	is_int(it.source, SRC_OPINION, "群众反映 is the opinion source");
	is_int(it.mode, MODE_LONG_TERM, "no due day: long-term");
	item_clear(&it);
	item_by_ext("T-003", &it);
	is_int(it.kind, IK_DEED, "民生实事");
	is_int(it.found_on, day_from_civil(2026, 11, 3), "2026年11月3日");
	is_int(it.status, ST_CLOSED, "已销号: recorded signed off");
	is_int(it.closure, CL_RESOLVED, "closure resolved by default");
	is_int(it.closed_on, day_from_civil(2026, 11, 18), "销号时间 kept");
	is_int((int)it.funds, 250000, "25万 is 250000 yuan");
	is_int((int)it.beneficiaries, 50, "50户 is 50");
	item_clear(&it);
	item_by_ext("T-004", &it);
	is_int(it.found_on, day_from_civil(2026, 11, 3), "Excel serial 46329 is 2026-11-03");
	is_int(it.mode, MODE_LONG_TERM, "长期坚持 in the due column: long-term");
	is_int(it.due_on, DAY_NONE, "and no due day");
	item_clear(&it);

	/* The same file again: nothing changes, not even the audit log. */
	int64_t ev = events();
	r = import(&b, false, NULL, &rep);
	is_int(r, QD_OK, "the same file again");
	is_int(rep.unchanged, 4, "every row unchanged");
	is_int(rep.added + rep.updated, 0, "nothing added or updated");
	is_int(events(), ev, "no audit event written");
	import_report_free(&rep);
	grid_book_free(&b);

	/* An edited file: a new title and due day on one row, a state on
	 * another (reported, not applied). */
	const char *const edited[] = {
		HEAD,
		"1|T-001|城关镇/红旗村|问题|检视查摆|党员个人|学习不深入不系统|1. 制定学习计划\n2. 每周自学|张三|2026-11-01|2027-01-15|整改中||",
		"2|T-002|某县/新城镇/红旗村|问题|群众反映||村道积水|修路||2026/11/02||已销号|2026-11-20|",
	};
	b = book1(make_grid("问题清单", edited, 3));
	r = import(&b, false, NULL, &rep);
	is_int(r, QD_OK, "an edited file imports");
	is_int(rep.updated, 1, "one row updated");
	is_int(rep.unchanged, 1, "one unchanged");
	is_int(rep.warnings, 1, "one warning");
	const struct import_line *w = line_of(&rep, 3, IMP_WARNING);
	ok(w && strcmp(w->column, "整改状态") == 0, "the warning names row 3, 整改状态");
	const struct import_line *u = line_of(&rep, 2, IMP_UPDATED);
	ok(u && strstr(u->message, "问题描述") && strstr(u->message, "整改时限"),
	   "the update names the changed columns (%s)", u ? u->message : "-");
	import_report_free(&rep);
	grid_book_free(&b);
	item_by_ext("T-001", &it);
	is_str(it.title, "学习不深入不系统", "the title was updated");
	is_int(it.due_on, day_from_civil(2027, 1, 15), "the due day was updated");
	item_clear(&it);
	item_by_ext("T-002", &it);
	is_int(it.status, ST_OPEN, "the state in the file was not applied");
	item_clear(&it);
}

static void test_errors_change_nothing(void)
{
	const char *const rows[] = {
		HEAD,
		"1|E-001|城关镇|问题|检视查摆||好的一行|措施|张三|2026-11-01|2026-12-01|待整改||",
		"2|E-002|红旗村|问题|检视查摆||单位有两个||张三|2026-11-01||待整改||",
		"3|E-003|城关镇|问题|检视查摆||坏日期||张三|2026-02-30||待整改||",
		"4|E-001|城关镇|问题|检视查摆||重复编号||张三|2026-11-01||待整改||",
		"5|E-005|城关镇|问题|检视查摆||没有这个人||王五|2026-11-01||待整改||",
		"6||城关镇|问题|检视查摆||没有编号||张三|2026-11-01||待整改||",
		"7|E-007|城关镇|问题|随便写||来源不对||张三|2026-11-01||待整改||",
	};
	struct grid_book b = book1(make_grid("问题清单", rows, 8));
	int64_t before = count(), ev = events();
	struct import_report rep;
	qd_err r = import(&b, false, NULL, &rep);
	is_int(r, QD_IMPORT_ROWS, "rows in error: QD_IMPORT_ROWS");
	ok(!rep.applied, "not applied");
	is_int(count(), before, "nothing imported, not even the good row");
	is_int(events(), ev, "no audit event");
	is_int(rep.errors, 6, "six errors");
	static const struct {
		int row;
		const char *column, *says;
	} want[] = {
		{3, "单位", "红旗村"},      {4, "发现时间", "2026-02-30"},
		{5, "问题编号", "第2行"},  {6, "责任人", "王五"},
		{7, "问题编号", "为空"},   {8, "问题来源", "随便写"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const struct import_line *l = line_of(&rep, want[i].row, IMP_ERROR);
		ok(l && strcmp(l->column, want[i].column) == 0 && strstr(l->message, want[i].says),
		   "row %d: [%s] %s", want[i].row, l ? l->column : "-", l ? l->message : "no error");
	}
	ok(!line_of(&rep, 2, IMP_ERROR), "the good row has no error");
	import_report_free(&rep);

	/* A dry run of the good row alone reports it and writes nothing. */
	grid_book_free(&b);
	b = book1(make_grid("问题清单", rows, 2));
	r = import(&b, true, NULL, &rep);
	is_int(r, QD_OK, "dry run of a clean file");
	is_int(rep.added, 1, "dry run: one row would be added");
	ok(rep.dry_run && !rep.applied, "dry run: not applied");
	is_int(count(), before, "dry run: nothing written");
	import_report_free(&rep);
	grid_book_free(&b);

	/* A required column missing. */
	const char *const nocol[] = {"问题编号|单位|问题来源|发现时间", "M-1|城关镇|检视查摆|2026-11-01"};
	b = book1(make_grid("问题清单", nocol, 2));
	r = import(&b, false, NULL, &rep);
	is_int(r, QD_IMPORT_ROWS, "a missing column refuses the file");
	const struct import_line *l = line_of(&rep, 1, IMP_ERROR);
	ok(l && strcmp(l->column, "问题描述") == 0, "the missing column is named: %s",
	   l ? l->column : "-");
	is_int(count(), before, "nothing imported");
	import_report_free(&rep);
	grid_book_free(&b);

	/* No header at all. */
	const char *const junk[] = {"a|b|c", "1|2|3"};
	b = book1(make_grid("", junk, 2));
	struct qd_error e = {0};
	struct import_request rq = {.unit_id = COUNTY, .lang = "zh"};
	r = app_import(&A, &SYS, &b, &rq, &rep, &e);
	is_int(r, QD_BAD_FILE, "no header row: QD_BAD_FILE");
	import_report_free(&rep);
	grid_book_free(&b);
}

static void test_mapping_and_measure_sheet(void)
{
	const char *const own[] = {
		"编号|责任单位|存在问题|问题类型|查摆日期",
		"X-001|城关镇|会议记录不规范|检视查摆|2026-11-05",
	};
	struct ledger_map map;
	struct qd_error e = {0};
	is_int(ledger_map_parse("# 本县台账的表头\n编号 = 问题编号\n问题类型=问题来源\n", &map, &e),
	       QD_OK, "a mapping file parses");
	struct grid_book b = book1(make_grid("台账", own, 2));
	struct import_report rep;
	qd_err r = import(&b, false, &map, &rep);
	is_int(r, QD_OK, "a ledger with its own headers imports through the mapping");
	for (int i = 0; i < rep.n; i++)
		if (rep.v[i].what == IMP_ERROR)
			diag("row %d [%s] %s", rep.v[i].row, rep.v[i].column, rep.v[i].message);
	is_int(rep.added, 1, "its row is added");
	import_report_free(&rep);
	grid_book_free(&b);
	ledger_map_free(&map);
	is_int(ledger_map_parse("编号 问题编号\n", &map, &e), QD_BAD_FILE, "a line without = is refused");
	is_int(ledger_map_parse("编号 = 不存在的列\n", &map, &e), QD_BAD_FILE,
	       "an unknown column is refused");

	/* The problem list and the rectification list in one book. */
	const char *const items[] = {HEAD, "1|S-001|城关镇|问题|检视查摆||两张表|（被整改清单取代）|张三|2026-11-10|2026-12-10|整改中||"};
	const char *const measures[] = {
		"序号|问题编号|措施序号|整改措施|责任人|整改时限|措施状态|完成时间|佐证材料",
		"1|S-001|1|第一条措施|张三|2026-11-30|已完成|2026-11-20|会议纪要",
		"2|S-001|2|第二条措施||2026-12-10|进行中||",
	};
	struct grid_book two = {xcalloc(2, sizeof(struct grid)), 2};
	two.sheets[0] = make_grid("问题清单", items, 2);
	two.sheets[1] = make_grid("整改清单", measures, 3);
	r = import(&two, false, NULL, &rep);
	is_int(r, QD_OK, "a book with both lists imports");
	is_int(rep.added, 3, "one item and two measures");
	import_report_free(&rep);
	struct item it;
	item_by_ext("S-001", &it);
	struct measure_array ms = {0};
	app_measures_of(&A, it.id, &ms, &e);
	is_int(ms.n, 2, "the measures come from the rectification list, not the column");
	if (ms.n == 2) {
		is_str(ms.v[0].text, "第一条措施", "first measure");
		is_int(ms.v[0].status, MS_DONE, "已完成");
		is_int(ms.v[0].done_on, day_from_civil(2026, 11, 20), "its done day kept");
		is_str(ms.v[0].evidence, "会议纪要", "its evidence");
		is_int(ms.v[1].status, MS_IN_PROGRESS, "进行中");
	}
	measure_array_free(&ms);

	/* Exported again, the cells are the ones imported. */
	struct export_request rq;
	export_request_init(&rq, LL_MEASURES, CG);
	struct table t;
	r = app_export(&A, &SYS, &rq, &t, &e);
	is_int(r, QD_OK, "export of the township's measures");
	int found = 0;
	for (int i = 0; i < t.nrows; i++) {
		const struct tcell *ext = table_cell(&t, i, MC_EXT_ID);
		if (ext->s && strcmp(ext->s, "S-001") == 0) {
			found++;
			if (table_cell(&t, i, MC_MSEQ)->i == 1) {
				is_str(table_cell(&t, i, MC_STATUS)->s, "已完成", "status as its label");
				is_int(table_cell(&t, i, MC_DONE)->k, CK_DATE, "done day as a date cell");
				is_int(table_cell(&t, i, MC_DONE)->day, day_from_civil(2026, 11, 20),
				       "the done day");
			}
		}
	}
	is_int(found, 2, "both measures exported");
	table_free(&t);
	export_request_init(&rq, LL_ITEMS, CG);
	r = app_export(&A, &SYS, &rq, &t, &e);
	int funds = 0;
	for (int i = 0; r == QD_OK && i < t.nrows; i++)
		if (strcmp(table_cell(&t, i, IC_EXT_ID)->s, "T-003") == 0)
			funds = (int)table_cell(&t, i, IC_FUNDS)->i;
	is_int(funds, 250000, "funds exported as a number of yuan");
	ok(t.nrows > 0 && strcmp(table_cell(&t, 0, IC_EXT_ID)->s, table_cell(&t, t.nrows - 1, IC_EXT_ID)->s) < 0,
	   "rows in the order of their numbers");
	table_free(&t);
	item_clear(&it);
	grid_book_free(&two);
}

/* Text that Excel would run as a formula leaves in CSV behind an
 * apostrophe and comes back in as it was. */
static void test_formula_guard(void)
{
	static const struct table_col cols[] = {{"问题描述", 10, CK_TEXT}};
	struct table t;
	table_init(&t, "x", cols, 1);
	tcell_text(&table_add_row(&t)[0], "=HYPERLINK(\"http://x\",\"点我\")");
	tcell_text(&table_add_row(&t)[0], "-1 分");
	tcell_text(&table_add_row(&t)[0], "正常");
	struct buf b = BUF_INIT;
	csv_write(&t, false, &b);
	is_str(buf_str(&b), "问题描述\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"\r\n'-1 分\r\n正常\r\n",
	       "formula-like text written behind an apostrophe");
	buf_free(&b);
	table_free(&t);
	const char *const rows[] = {HEAD, "1|F-001|城关镇|问题|检视查摆||'=1+1|措施|张三|2026-11-01|2026-12-01|待整改||"};
	struct grid_book bk = book1(make_grid("问题清单", rows, 2));
	struct import_report rep;
	is_int(import(&bk, false, NULL, &rep), QD_OK, "a row with a guarded formula imports");
	struct item it;
	item_by_ext("F-001", &it);
	is_str(it.title, "=1+1", "the apostrophe is removed on import");
	item_clear(&it);
	import_report_free(&rep);
	grid_book_free(&bk);
}

/* Work on an item needs PA_ITEM_WORK (issue 7): a supervisor (items, but
 * no work on them) may put open items on the list, not measures from the
 * rectification list nor an item past open - neither through the import
 * nor through the use cases it calls. */
static void test_import_needs_work(void)
{
	struct actor sup;
	is_int(fx_user(&A, &SYS, "sup", COUNTY, ROLE_SUPERVISOR, &sup), QD_OK, "a county supervisor");
	const char *const items[] = {
		"问题编号|单位|问题来源|问题描述|发现时间|整改时限",
		"W-001|城关镇|督导发现|督导发现的问题|2026-11-10|2026-12-10",
	};
	const char *const measures[] = {
		"问题编号|措施序号|整改措施",
		"W-001|1|督导组写的措施",
	};
	struct grid_book two = {xcalloc(2, sizeof(struct grid)), 2};
	two.sheets[0] = make_grid("问题清单", items, 2);
	two.sheets[1] = make_grid("整改清单", measures, 2);
	struct import_request rq = {.unit_id = COUNTY, .lang = "zh"};
	struct import_report rep;
	struct qd_error e = {0};
	int64_t n0 = count(), ev0 = events();
	qd_err r = app_import(&A, &sup, &two, &rq, &rep, &e);
	is_int(r, QD_IMPORT_ROWS, "the supervisor's book with a rectification list is refused");
	const struct import_line *l = line_of(&rep, 2, IMP_ERROR);
	ok(l && strcmp(l->sheet, "整改清单") == 0 && strcmp(l->column, "整改措施") == 0 &&
		   strstr(l->message, "办理整改的权限"),
	   "… its measure row named, with why: %s", l ? l->message : "(none)");
	ok(count() == n0 && events() == ev0, "… nothing written");
	import_report_free(&rep);
	r = app_import(&A, &sup, &(struct grid_book){two.sheets, 1}, &rq, &rep, &e);
	is_int(r, QD_OK, "the problem list alone (an open item) imports");
	import_report_free(&rep);
	grid_book_free(&two);

	/* The use cases refuse it too. */
	struct item it;
	item_by_ext("W-001", &it);
	struct measure m;
	measure_init(&m);
	m.text = xstrdup("直接写入的措施");
	m.status = MS_OPEN;
	is_int(measure_import_insert(A.st, &sup, &m, &it, NULL, &e), QD_FORBIDDEN,
	       "measure_import_insert: FORBIDDEN without PA_ITEM_WORK");
	measure_clear(&m);
	struct item nw;
	item_init(&nw);
	nw.ext_id = xstrdup("W-002");
	nw.unit_id = CG;
	nw.source = SRC_SUPERVISION;
	nw.mode = MODE_DEADLINE;
	nw.title = xstrdup("整改中的问题");
	nw.found_on = day_from_civil(2026, 11, 10);
	nw.due_on = day_from_civil(2026, 12, 10);
	nw.status = ST_IN_PROGRESS;
	r = item_import_insert(A.st, &sup, &nw, NULL, &e);
	ok(r == QD_FORBIDDEN && strcmp(e.field, "status") == 0,
	   "item_import_insert: an item in progress FORBIDDEN without PA_ITEM_WORK (%s)", e.field);
	item_clear(&nw);
	item_clear(&it);
	actor_clear(&sup);
}

int main(void)
{
	setenv("QINGDAN_TODAY", "2026-11-22", 1);
	char dir[256], db[300];
	const char *tmpdir = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/qd-test-ledger-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof db, "%s/l.db", dir);
	struct qd_error e = {0};
	if (!ok(app_open(db, true, NULL, &A, &e) == QD_OK, "open a new database"))
		return done_testing();
	actor_init_system(&SYS);
	COUNTY = fx_unit(&A, &SYS, 0, UK_COUNTY, "某县");
	CG = fx_unit(&A, &SYS, COUNTY, UK_TOWNSHIP, "城关镇");
	XC = fx_unit(&A, &SYS, COUNTY, UK_TOWNSHIP, "新城镇");
	CG_HQ = fx_unit(&A, &SYS, CG, UK_VILLAGE, "红旗村");
	XC_HQ = fx_unit(&A, &SYS, XC, UK_VILLAGE, "红旗村");
	CG_PERSON = person(CG, "张三");
	person(COUNTY, "李四");
	test_create_and_reimport();
	test_errors_change_nothing();
	test_mapping_and_measure_sheet();
	test_formula_guard();
	test_import_needs_work();
	struct check_report cr = {0};
	is_int(app_check(&A, &cr, &e), QD_OK, "check passes after the imports");
	is_int(cr.problems, 0, "no problems: %s", cr.text ? cr.text : "");
	free(cr.text);
	actor_clear(&SYS);
	app_close(&A);
	remove(db);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", db);
	remove(side);
	snprintf(side, sizeof side, "%s-shm", db);
	remove(side);
	rmdir(dir);
	return done_testing();
}
