/* main.c: the qingdan command: pick the subcommand and run it. */
#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(struct cli *c);
	const char *what;
};

static const struct command commands[] = {
	{"init", cmd_init, "新建数据库 / create a new database"},
	{"serve", cmd_serve, "启动网页和接口服务 / run the web pages and the JSON API"},
	{"user", cmd_user, "人员、账号、授权、令牌 / people, accounts, grants, tokens"},
	{"unit", cmd_unit, "单位树 / the unit tree"},
	{"stats", cmd_stats, "统计数字（JSON）/ figures of a unit (JSON)"},
	{"check", cmd_check, "核验审计链和计数 / verify the audit chain and counters"},
	{"backup", cmd_backup, "服务运行中备份数据库 / back up the database while it is in use"},
	{"restore", cmd_restore, "核验备份并替换数据库 / check a backup and put it in place"},
	{"rates", cmd_rates, "响应率、解决率、满意率及排名 / the hotline rates and ranking"},
	{"report", cmd_report, "整改工作报告（文本、JSON、Excel）/ the campaign report"},
	{"export", cmd_export, "导出台账（xlsx、CSV）/ export the ledger (xlsx, CSV)"},
	{"import", cmd_import, "导入台账（xlsx、CSV）/ import a ledger (xlsx, CSV)"},
	{"open311", cmd_open311, "Open311 接入方（12345平台）/ Open311 clients (api keys)"},
	{"calendar", cmd_calendar, "节假日和调休 / holidays and worked weekends"},
	{"demo", cmd_demo, "生成演示数据库（海晏县）/ build a demo database"},
	{"permissions", cmd_permissions, "权限矩阵（接口×角色×位置）/ the permission matrix"},
	{"gen", cmd_gen, "生成省级规模的合成台账（性能测试）/ a province-scale synthetic ledger (benchmarks)"},
};
#define NCOMMANDS (int)(sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
	fputs("qingdan 清单 — 问题清单·责任清单·整改清单\n\n"
	      "用法 / usage: qingdan COMMAND [options]   (qingdan COMMAND --help)\n\n", f);
	for (int i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].what);
	fputs("\n数据库 / database: --db PATH, else $QINGDAN_DB, else ./qingdan.db\n"
	      "语言 / language: $QINGDAN_LANG or $LANG starting with \"en\" gives English "
	      "messages\n"
	      "退出码 / exit status: 0 ok, 1 refused or failed, 2 bad usage\n", f);
}

int main(int argc, char **argv)
{
	struct cli c;
	int r = cli_parse(&c, argc, argv);
	if (r != CLI_OK)
		return r;
	if (c.nwords == 0 || strcmp(c.words[0], "help") == 0) {
		if (c.nwords == 0 && !c.help) {
			usage(stderr);
			return CLI_USAGE;
		}
		if (c.nwords < 2) {
			usage(stdout);
			return CLI_OK;
		}
		/* "qingdan help CMD ..." is "qingdan CMD ... --help" */
		memmove(c.words, c.words + 1, sizeof c.words[0] * (size_t)--c.nwords);
		c.help = true;
	}
	for (int i = 0; i < NCOMMANDS; i++)
		if (strcmp(c.words[0], commands[i].name) == 0)
			return commands[i].run(&c);
	return cli_usage_error(&c, NULL, "%s: %s",
			       cli_l(&c, "没有这个命令", "no such command"), c.words[0]);
}
