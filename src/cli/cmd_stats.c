/* cmd_stats.c: qingdan stats - the figures of a unit's subtree as JSON. */
#include "cli.h"
#include "../app/stats_json.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>

static const char help[] =
	"用法 / usage: qingdan stats --unit ID [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	"\n"
	"以 JSON 输出单位及其下级的统计：事项按类型、来源、检视层级、方式、状态、\n"
	"办结方式，已解决（只计“已解决”办结）、按期/逾期销号、按期率、超期、退回、\n"
	"重新打开、领导认领，整改措施按状态和层级。期间按发现日期筛选。\n"
	"Print the figures of a unit's subtree as JSON (items found in the period).\n";

static json_t *day_or_null(int day)
{
	if (day == DAY_NONE)
		return json_null();
	char s[DAY_TEXT_LEN];
	day_format(day, s);
	return json_string(s);
}

static int print_stats(const struct unit *u, int from, int to, const struct stat_result *r)
{
	json_t *o = json_pack("{s:{s:I, s:s}}", "unit", "id", (json_int_t)u->id, "name", u->name);
	json_object_set_new(o, "from", day_or_null(from));
	json_object_set_new(o, "to", day_or_null(to));
	json_t *figures = stats_to_json(r);
	json_object_update(o, figures);
	json_decref(figures);
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	json_decref(o);
	if (!text)
		return CLI_FAIL;
	puts(text);
	free(text);
	return CLI_OK;
}

int cmd_stats(struct cli *c)
{
	int64_t unit = 0;
	int from = DAY_NONE, to = DAY_NONE;
	const struct opt_spec spec[] = {
		{"unit", OPT_ID, true, &unit, 0, 0},
		{"from", OPT_DAY, false, &from, 0, 0},
		{"to", OPT_DAY, false, &to, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "stats");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "stats");
	if (rc != CLI_OK)
		return rc;
	if (from != DAY_NONE && to != DAY_NONE && from > to)
		return cli_usage_error(c, "stats", "%s", cli_l(c, "--from 晚于 --to",
							       "--from is after --to"));
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	struct actor sys;
	actor_init_system(&sys);
	struct unit u = {0};
	struct stat_result r = {0};
	struct qd_error e = {0};
	qd_err err = app_unit_get(&a, &sys, unit, &u, &e);
	if (err == QD_OK)
		err = app_stats(&a, &sys, unit, from, to, &r, &e);
	rc = err == QD_OK ? print_stats(&u, from, to, &r) : cli_fail(c, &e);
	stat_result_free(&r);
	unit_clear(&u);
	actor_clear(&sys);
	app_close(&a);
	return rc;
}
