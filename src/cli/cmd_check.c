/* cmd_check.c: qingdan check - verify the audit chain, the records and the
 * counters. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>

static const char help[] =
	"用法 / usage: qingdan check [--db PATH]\n"
	"\n"
	"核验数据库完整性、审计事件链、每条记录与其最后一次事件是否一致、\n"
	"派生字段和统计计数。发现问题时逐条列出，退出码为 1。\n"
	"Verify the database, the hash-chained events, every record against its\n"
	"last event, derived fields and counters. Exit status 1 when problems are found.\n";

int cmd_check(struct cli *c)
{
	const struct opt_spec spec[] = {{NULL, 0, false, NULL, 0, 0}};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "check");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "check");
	if (rc != CLI_OK)
		return rc;
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	struct check_report rep = {0};
	struct qd_error e = {0};
	if (app_check(&a, &rep, &e) != QD_OK) {
		rc = cli_fail(c, &e);
	} else if (rep.problems == 0) {
		printf("检查通过 / check passed: %lld events, %lld records\n",
		       (long long)rep.events, (long long)rep.rows);
	} else {
		fputs(rep.text ? rep.text : "", stdout);
		printf("发现 %d 处问题 / %d problems found\n", rep.problems, rep.problems);
		rc = CLI_FAIL;
	}
	free(rep.text);
	app_close(&a);
	return rc;
}
