/* cmd_calendar.c: qingdan calendar set|clear - the working-day calendar. */
#include "cli.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"用法 / usage:\n"
	"  qingdan calendar set --day YYYY-MM-DD --kind off|on\n"
	"      off: 工作日放假（法定节假日）/ a weekday that is not worked (holiday)\n"
	"      on:  周末上班（调休）/ a weekend day that is worked\n"
	"  qingdan calendar clear --day YYYY-MM-DD     恢复默认 / back to the default\n"
	"\n"
	"按工作日计算的整改时限使用此日历。\n"
	"Deadlines counted in working days follow this calendar.\n";

static int calendar_run(struct cli *c, bool set)
{
	int day = 0;
	const char *kind = NULL;
	const struct opt_spec spec[] = {
		{"day", OPT_DAY, true, &day, 0, 0},
		{set ? "kind" : NULL, OPT_TEXT, true, &kind, 0, 0}, /* clear: ends here */
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "calendar");
	if (rc != CLI_OK)
		return rc;
	if (set && strcmp(kind, "off") != 0 && strcmp(kind, "on") != 0)
		return cli_usage_error(c, "calendar", "--kind %s: %s", kind,
				       cli_l(c, "应为 off 或 on", "expected off or on"));
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	struct actor sys;
	actor_init_system(&sys);
	struct qd_error e = {0};
	if (app_calendar_set(&a, &sys, day, set ? kind : NULL, &e) != QD_OK)
		rc = cli_fail(c, &e);
	else
		printf("%s\n", cli_l(c, "已更新日历", "calendar updated"));
	actor_clear(&sys);
	app_close(&a);
	return rc;
}

int cmd_calendar(struct cli *c)
{
	if (c->help)
		return cli_help(help);
	if (c->nwords < 2)
		return cli_usage_error(c, "calendar", "%s: set clear",
				       cli_l(c, "缺少子命令", "missing subcommand"));
	int rc = cli_words(c, 2, "calendar");
	if (rc != CLI_OK)
		return rc;
	if (strcmp(c->words[1], "set") == 0)
		return calendar_run(c, true);
	if (strcmp(c->words[1], "clear") == 0)
		return calendar_run(c, false);
	return cli_usage_error(c, "calendar", "%s: %s",
			       cli_l(c, "没有这个子命令", "no such subcommand"), c->words[1]);
}
