/* cmd_init.c: qingdan init - create a new, empty ledger database. */
#include "cli.h"
#include "db_file.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define PREFIX_MAX 16

static const char help[] =
	"用法 / usage: qingdan init [--db PATH] [--tz Asia/Shanghai] [--prefix QD]\n"
	"\n"
	"新建一个空的清单数据库；已存在的数据库不会被覆盖。\n"
	"Create a new, empty ledger database; an existing one is never overwritten.\n"
	"\n"
	"  --db PATH      数据库文件 / database file ($QINGDAN_DB, ./qingdan.db)\n"
	"  --tz ZONE      时区 / time zone (IANA name), default Asia/Shanghai\n"
	"  --prefix P     问题编号前缀 / prefix of item numbers (P-2024-000001),\n"
	"                 1-16 of A-Z a-z 0-9, default QD\n";

static bool prefix_ok(const char *p)
{
	size_t n = strlen(p);
	if (n < 1 || n > PREFIX_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)p[i]))
			return false;
	return true;
}

int cmd_init(struct cli *c)
{
	const char *tz = NULL, *prefix = NULL;
	const struct opt_spec spec[] = {
		{"tz", OPT_TEXT, false, &tz, 0, 0},
		{"prefix", OPT_TEXT, false, &prefix, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "init");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "init");
	if (rc != CLI_OK)
		return rc;
	if (prefix && !prefix_ok(prefix))
		return cli_usage_error(c, "init", "--prefix %s: %s", prefix,
				       cli_l(c, "需要 1-16 个字母或数字",
					     "expected 1-16 letters or digits"));
	if (db_file_exists(c->db))
		return cli_refuse(c, "%s: %s", cli_l(c, "数据库已存在，不会覆盖",
						     "database exists; it is not overwritten"),
				  c->db);
	struct app a;
	struct qd_error e = {0};
	if (app_open(c->db, true, tz, &a, &e) != QD_OK) {
		/* a failed start may leave an empty file behind */
		if (e.code != QD_CONFLICT)
			db_file_remove(c->db);
		return cli_fail(c, &e);
	}
	if (prefix && cli_setting_set(&a, "item.prefix", prefix, &e) != QD_OK) {
		app_close(&a);
		db_file_remove(c->db);
		return cli_fail(c, &e);
	}
	app_close(&a);
	printf("%s %s (%s %s, %s %s)\n", cli_l(c, "已创建数据库", "created database"), c->db,
	       cli_l(c, "时区", "time zone"), tz ? tz : "Asia/Shanghai",
	       cli_l(c, "编号前缀", "item prefix"), prefix ? prefix : "QD");
	printf("%s:\n  qingdan unit add --db %s --name 某某县 --kind county\n"
	       "  qingdan user add --db %s --login admin --name 姓名 --unit 1 --role admin\n",
	       cli_l(c, "下一步", "next"), c->db, c->db);
	return CLI_OK;
}
