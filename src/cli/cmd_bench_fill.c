/* cmd_bench_fill.c: qingdan bench-fill - a large synthetic ledger for
 * `make bench`: a province-shaped tree and N items made through the same use
 * cases as real ones (counters and audit events included), in batches. */
#include "cli.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>

static const char help[] =
	"用法 / usage: qingdan bench-fill --db NEW.db --items N [--townships T]\n"
	"\n"
	"为性能测试生成大型数据库：1 个根单位、T 个乡镇（默认 100）、每乡镇 10 个村、\n"
	"每村 5 个网格，以及 N 个事项（经由正常的用例写入，含计数和审计）。\n"
	"Build a large synthetic database for benchmarks (root, T townships x 10\n"
	"villages x 5 grids, N items written through the normal use cases).\n";

#define BATCH 5000

struct fill {
	const struct actor *sys;
	int64_t *grids, *villages;
	int ngrids, nvillages;
	int64_t done, total;
	uint64_t rng;
	int today;
};

static uint32_t next(struct fill *f)
{
	f->rng ^= f->rng << 13;
	f->rng ^= f->rng >> 7;
	f->rng ^= f->rng << 17;
	return (uint32_t)(f->rng >> 16);
}

static int64_t add_unit(struct app *a, const struct actor *sys, int64_t parent, int kind,
			const char *name, struct qd_error *e)
{
	struct unit u = {0};
	u.parent_id = parent;
	u.kind = kind;
	u.name = xstrdup(name);
	int64_t id = app_unit_add(a, sys, &u, e) == QD_OK ? u.id : 0;
	unit_clear(&u);
	return id;
}

static qd_err build_tree(struct app *a, void *ctx, struct qd_error *e)
{
	struct fill *f = ctx;
	int64_t root = add_unit(a, f->sys, 0, UK_COUNTY, "基准测试县", e);
	int towns = f->nvillages / 10;
	char name[64];
	f->nvillages = f->ngrids = 0;
	for (int t = 0; root && t < towns; t++) {
		snprintf(name, sizeof name, "第%d乡镇", t + 1);
		int64_t town = add_unit(a, f->sys, root, UK_TOWNSHIP, name, e);
		for (int v = 0; town && v < 10; v++) {
			snprintf(name, sizeof name, "第%d乡镇第%d村", t + 1, v + 1);
			int64_t vil = add_unit(a, f->sys, town, UK_VILLAGE, name, e);
			f->villages[f->nvillages++] = vil;
			for (int g = 0; vil && g < 5; g++) {
				snprintf(name, sizeof name, "第%d村第%d网格", v + 1, g + 1);
				if (!(f->grids[f->ngrids++] = add_unit(a, f->sys, vil, UK_GRID, name, e)))
					return e->code;
			}
			if (!vil)
				return e->code;
		}
		if (!town)
			return e->code;
	}
	if (!root)
		return e->code;
	struct person p = {0};
	p.unit_id = root;
	p.name = xstrdup("测试领导");
	p.title = xstrdup("");
	qd_err r = app_person_add(a, f->sys, &p, e);
	struct account acc = {0};
	acc.person_id = p.id;
	acc.login = xstrdup("bench.leader");
	if (r == QD_OK)
		r = app_account_add(a, f->sys, &acc, "qingdan-demo", e);
	struct grant g = {0};
	g.account_id = acc.id;
	g.unit_id = root;
	g.role = ROLE_LEADER;
	if (r == QD_OK)
		r = app_grant_add(a, f->sys, &g, e);
	person_clear(&p);
	account_clear(&acc);
	grant_clear(&g);
	return r;
}

static qd_err one_item(struct app *a, struct fill *f, struct qd_error *e)
{
	struct item_input in = {0};
	struct item *it = &in.it;
	item_init(it);
	uint32_t x = next(f);
	bool in_grid = x % 4 != 0;
	it->unit_id = in_grid ? f->grids[next(f) % (uint32_t)f->ngrids]
			      : f->villages[next(f) % (uint32_t)f->nvillages];
	it->kind = IK_PROBLEM;
	it->source = SRC_SELF_INSPECTION;
	it->level = in_grid ? LVL_MEMBER : LVL_ORGANIZATION;
	it->found_on = f->today - 1 - (int)(next(f) % 365);
	char title[96];
	snprintf(title, sizeof title, "基准测试问题第%lld条：路灯照明和道路维修", (long long)f->done + 1);
	it->title = xstrdup(title);
	it->detail = xstrdup("");
	/* A third fixed at once (closed), the rest by a deadline, some past. */
	if (x % 3 == 0) {
		it->mode = MODE_IMMEDIATE;
		in.already_fixed = true;
	} else {
		it->mode = MODE_DEADLINE;
		it->due_on = it->found_on + 10 + (int)(next(f) % 60);
	}
	qd_err r = app_item_create(a, f->sys, &in, e);
	if (r == QD_OK && x % 3 != 0 && x % 5 == 0) {
		struct measure m;
		measure_init(&m);
		m.item_id = it->id;
		m.text = xstrdup("制定整改方案并按期完成");
		m.status = MS_OPEN;
		r = app_measure_add(a, f->sys, &m, e);
		measure_clear(&m);
	}
	item_clear(it);
	return r;
}

static qd_err fill_batch(struct app *a, void *ctx, struct qd_error *e)
{
	struct fill *f = ctx;
	qd_err r = QD_OK;
	for (int i = 0; r == QD_OK && i < BATCH && f->done < f->total; i++, f->done++)
		r = one_item(a, f, e);
	return r;
}

int cmd_bench_fill(struct cli *c)
{
	int items = 0, towns = 100;
	const struct opt_spec spec[] = {
		{"items", OPT_INT, true, &items, 1, 100000000},
		{"townships", OPT_INT, false, &towns, 1, 10000},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "bench-fill");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "bench-fill");
	if (rc != CLI_OK)
		return rc;
	struct app a = {0};
	struct qd_error e = {0};
	if (app_open(c->db, true, NULL, &a, &e) != QD_OK)
		return cli_fail(c, &e);
	struct actor sys;
	actor_init_system(&sys);
	struct fill f = {.sys = &sys, .total = items, .rng = 88172645463325252ull,
			 .today = day_today()};
	f.villages = xcalloc((size_t)towns * 10, sizeof *f.villages);
	f.grids = xcalloc((size_t)towns * 50, sizeof *f.grids);
	f.nvillages = towns * 10;
	qd_err r = app_batch(&a, build_tree, &f, &e);
	while (r == QD_OK && f.done < f.total) {
		r = app_batch(&a, fill_batch, &f, &e);
		if (f.done % 100000 == 0 || f.done == f.total)
			fprintf(stderr, "bench-fill: %lld / %lld items\n", (long long)f.done,
				(long long)f.total);
	}
	free(f.villages);
	free(f.grids);
	actor_clear(&sys);
	app_close(&a);
	if (r != QD_OK)
		return cli_fail(c, &e);
	printf("bench-fill: %d units, %d items in %s\n", 1 + towns * 61, items, c->db);
	return CLI_OK;
}
