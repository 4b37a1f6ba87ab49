/* cmd_gen.c: qingdan gen - a province-shaped synthetic ledger (gen.h). */
#include "cli.h"
#include "gen.h"
#include "../util/date.h"
#include <stdio.h>

static const char help[] =
	"用法 / usage: qingdan gen --db NEW.db --items N [--counties C] [--seed S] [--quiet]\n"
	"              qingdan gen --version\n"
	"\n"
	"为性能测试生成省级规模的合成台账（确定性：同样的参数和日期得到同样的数据库）：\n"
	"省、市、县、乡镇（街道）、村（社区）、网格六级单位（默认每 10 万事项一个县，每县约\n"
	"1000 个单位），每单位一至两名责任人；近三年按发现日期排列的 N 个事项（问题、民生实事、\n"
	"案件，各单位事项数量不均），平均约 3 条整改措施，约每 10 个事项 5 条群众意见。\n"
	"事项经批量路径写入：领域规则校验、计数器同批写入，每批一条审计事件记录其行数和摘要\n"
	"（qingdan check 可核验）。登录账号 province.leader、county.leader、township.leader、\n"
	"township.handler，密码 qingdan-demo。\n"
	"\n"
	"Build a province-shaped synthetic ledger for benchmarks (deterministic: the same\n"
	"options and day give the same database): six levels of units (province, cities,\n"
	"counties, townships, villages, grids; by default a county per 100,000 items and\n"
	"about 1,000 units a county), one or two people a unit; N items over the last three\n"
	"years in found-day order (problems, deeds, cases; skewed across units) with about\n"
	"3 measures each and about 5 public opinions per 10 items. Written by the bulk path:\n"
	"the domain's validation, counters in the same batches, and one audit event per\n"
	"batch holding its row count and digest (verified by qingdan check). Logins:\n"
	"province.leader, county.leader, township.leader, township.handler; password\n"
	"qingdan-demo. --version prints the generator's version (make bench keeps databases\n"
	"of the same version).\n";

int cmd_gen(struct cli *c)
{
	int items = 0, counties = 0, seed = 1;
	bool quiet = false, version = false;
	const struct opt_spec spec[] = {
		{"items", OPT_INT, false, &items, 1, 100000000},
		{"version", OPT_FLAG, false, &version, 0, 0},
		{"counties", OPT_INT, false, &counties, 1, 2000},
		{"seed", OPT_INT, false, &seed, 0, 2147483647},
		{"quiet", OPT_FLAG, false, &quiet, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "gen");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "gen");
	if (rc != CLI_OK)
		return rc;
	if (version) {
		printf("gen %d\n", GEN_VERSION);
		return CLI_OK;
	}
	if (!items)
		return cli_usage_error(c, "gen", "--items is required");
	struct app a = {0};
	struct qd_error e = {0};
	if (app_open(c->db, true, NULL, &a, &e) != QD_OK)
		return cli_fail(c, &e);
	struct gen g = {0};
	g.rng.s = DEMO_SEED ^ (uint64_t)seed;
	g.items = items;
	g.counties = counties ? counties : (items + 50000) / 100000 ? (items + 50000) / 100000 : 1;
	g.today = day_today();
	g.first_day = g.today - 3 * 365;
	qd_err r = a.st->ops->cache_size(a.st, 1024);
	if (r == QD_OK)
		r = gen_org(&a, &g, &e);
	else
		qd_fail(&e, r, "db", "cannot set the cache size");
	if (r == QD_OK && !quiet)
		fprintf(stderr, "gen: %d units\n", g.nu);
	if (r == QD_OK)
		r = gen_ledger(&a, &g, !quiet, &e);
	int units = g.nu;
	int64_t measures = g.done_measures, opinions = g.done_opinions;
	gen_free(&g);
	app_close(&a);
	if (r != QD_OK)
		return cli_fail(c, &e);
	printf("gen %d: %d units, %d items, %lld measures, %lld opinions in %s\n", GEN_VERSION,
	       units, items, (long long)measures, (long long)opinions, c->db);
	return CLI_OK;
}
