/* cmd_rates.c: qingdan rates - the hotline rates of a unit and the ranking
 * of its children; the rules they are computed by. */
#include "cli.h"
#include "../app/rates_json.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"用法 / usage:\n"
	"  qingdan rates show --unit ID [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	"      响应率、解决率、满意率、重办率及下级单位排名（JSON，默认近两个月）\n"
	"      the rates of a unit and its children's ranking (JSON; default: the last\n"
	"      two months)\n"
	"  qingdan rates rules                 打印现行规则 / print the rules in force\n"
	"  qingdan rates set-rules --file F    替换规则（JSON）/ replace the rules (JSON)\n"
	"\n"
	"规则 / rules: {\"response_wdays\": 1, \"basic_coefficient\": 0.8,\n"
	"  \"weights\": {\"response\": 30, \"resolution\": 35, \"satisfaction\": 35, \"redo\": 0},\n"
	"  \"curves\": {\"response\": [[0,0],[100,100]], ...},\n"
	"  \"exclude_closures\": [\"unfounded\",\"duplicate\",\"transferred\"], \"min_count\": 5}\n";

static int rates_show(struct cli *c)
{
	int64_t unit = 0;
	int from = DAY_NONE, to = DAY_NONE;
	const struct opt_spec spec[] = {
		{"unit", OPT_ID, true, &unit, 0, 0},
		{"from", OPT_DAY, false, &from, 0, 0},
		{"to", OPT_DAY, false, &to, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "rates");
	if (rc != CLI_OK)
		return rc;
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	app_default_period(&from, &to);
	struct actor sys;
	actor_init_system(&sys);
	struct qd_error e = {0};
	struct rates_view v;
	if (app_rates(&a, &sys, unit, from, to, &v, &e) != QD_OK) {
		rc = cli_fail(c, &e);
	} else {
		json_t *j = rates_view_to_json(&v);
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		printf("%s\n", s);
		free(s);
		json_decref(j);
	}
	rates_view_free(&v);
	actor_clear(&sys);
	app_close(&a);
	return rc;
}

static int rates_rules(struct cli *c)
{
	int rc = cli_options(c, (const struct opt_spec[]){{NULL, 0, false, NULL, 0, 0}}, "rates");
	if (rc != CLI_OK)
		return rc;
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	struct rate_rules rr;
	struct qd_error e = {0};
	if (app_rate_rules(&a, &rr, &e) != QD_OK) {
		rc = cli_fail(c, &e);
	} else {
		char *s = rate_rules_json(&rr);
		printf("%s\n", s);
		free(s);
	}
	app_close(&a);
	return rc;
}

static char *read_file(const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(max + 1);
	size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
	fclose(f);
	if (!buf || n > max) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static int rates_set_rules(struct cli *c)
{
	const char *file = NULL;
	const struct opt_spec spec[] = {
		{"file", OPT_TEXT, true, &file, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "rates");
	if (rc != CLI_OK)
		return rc;
	char *json = read_file(file, 16384);
	if (!json)
		return cli_refuse(c, "%s: %s", file,
				  cli_l(c, "无法读取（或超过 16 KB）", "cannot read it (or over 16 KB)"));
	struct app a;
	if (cli_open(c, &a) != CLI_OK) {
		free(json);
		return CLI_FAIL;
	}
	struct actor sys;
	actor_init_system(&sys);
	struct qd_error e = {0};
	if (app_rate_rules_set(&a, &sys, json, &e) != QD_OK)
		rc = cli_fail(c, &e);
	else
		printf("%s\n", cli_l(c, "已更新规则", "rules updated"));
	actor_clear(&sys);
	app_close(&a);
	free(json);
	return rc;
}

int cmd_rates(struct cli *c)
{
	if (c->help)
		return cli_help(help);
	if (c->nwords < 2)
		return cli_usage_error(c, "rates", "%s: show rules set-rules",
				       cli_l(c, "缺少子命令", "missing subcommand"));
	int rc = cli_words(c, 2, "rates");
	if (rc != CLI_OK)
		return rc;
	if (strcmp(c->words[1], "show") == 0)
		return rates_show(c);
	if (strcmp(c->words[1], "rules") == 0)
		return rates_rules(c);
	if (strcmp(c->words[1], "set-rules") == 0)
		return rates_set_rules(c);
	return cli_usage_error(c, "rates", "%s: %s",
			       cli_l(c, "没有这个子命令", "no such subcommand"), c->words[1]);
}
