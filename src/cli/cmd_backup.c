/* cmd_backup.c: qingdan backup - a consistent copy of the database while
 * the server goes on writing (SQLite's online backup, store_ops.backup). */
#include "cli.h"
#include "db_copy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char help[] =
	"用法 / usage: qingdan backup [--db PATH] --to FILE [--force]\n"
	"\n"
	"在服务运行、数据照常写入时备份数据库：备份是开始那一刻的完整数据库，写入不必\n"
	"暂停。先写到目标旁边的临时文件，完整性检查（PRAGMA integrity_check）通过并\n"
	"落盘后再改名为 FILE，所以失败的备份不会留下半个文件。FILE 是单个文件（不需要\n"
	"-wal）；新建的只有属主可读，覆盖的沿用原文件的权限。恢复用 qingdan restore。\n"
	"Back up the database while the server runs and writes go on: the backup is\n"
	"the whole database as it was when the backup began. It is written to a\n"
	"temporary file beside FILE, checked (PRAGMA integrity_check), synced and only\n"
	"then renamed to FILE, so a failed backup never leaves half a file under that\n"
	"name. FILE is one file (no -wal); a new one is readable by its owner only,\n"
	"a replaced one keeps the old file's mode. Restore it with qingdan restore.\n"
	"\n"
	"  --db PATH   要备份的数据库 / the database ($QINGDAN_DB, ./qingdan.db)\n"
	"  --to FILE   备份文件，不能是数据库本身 / the backup file; not the database itself\n"
	"  --force     覆盖已有的备份文件（须是清单数据库且没有程序打开）/ replace an\n"
	"              existing backup (it must be a qingdan database no process has open)\n"
	"\n"
	"输出 / prints: pages, bytes, seconds and the newest event in the backup.\n"
	"退出码 / exit status: 0 written, 1 refused or failed (nothing at FILE changed),\n"
	"2 bad usage.\n";

/* Whether --to may be written: CLI_OK, or the reason printed. */
static int check_target(struct cli *c, const char *to, bool force)
{
	if (store_same(c->db, to))
		return cli_refuse(c, "%s: %s", cli_l(c, "备份文件不能是正在使用的数据库本身",
						     "the backup cannot be the live database itself"),
				  to);
	struct stat sb;
	if (stat(to, &sb) != 0)
		return CLI_OK;
	if (S_ISDIR(sb.st_mode))
		return cli_refuse(c, "%s: %s", cli_l(c, "--to 是一个目录，请给出文件名",
						     "--to is a folder; give a file name"),
				  to);
	if (!force)
		return cli_refuse(c, "%s: %s", cli_l(c, "文件已存在，加 --force 才会覆盖",
						     "the file exists; add --force to replace it"),
				  to);
	int schema;
	struct qd_error e = {0};
	qd_err r = store_probe(to, &schema, &e);
	if (r == QD_OK || r == QD_SCHEMA_NEWER || r == QD_NOT_FOUND)
		return CLI_OK;
	return cli_refuse(c, "%s: %s%s%s",
			  cli_l(c, "--force 只覆盖以前的备份，这个文件不是清单数据库",
				"--force replaces only an older backup, and this is not a qingdan "
				"database"),
			  to, e.detail[0] ? " - " : "", e.detail);
}

int cmd_backup(struct cli *c)
{
	const char *to = NULL;
	bool force = false;
	const struct opt_spec spec[] = {
		{"to", OPT_TEXT, true, &to, 0, 0},
		{"force", OPT_FLAG, false, &force, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "backup");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "backup");
	if (rc != CLI_OK)
		return rc;
	if (!*to)
		return cli_usage_error(c, "backup", "%s", cli_l(c, "--to 不能为空", "--to is empty"));
	/* What --db is, before opening it (opening migrates an older one). */
	int schema;
	struct qd_error e = {0};
	if (store_probe(c->db, &schema, &e) != QD_OK)
		return db_copy_refuse(c, c->db, &e);
	if ((rc = check_target(c, to, force)) != CLI_OK)
		return rc;
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	char *tmp = db_copy_temp(c, to);
	if (!tmp) {
		app_close(&a);
		return CLI_FAIL;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct backup_info info;
	qd_err r = a.st->ops->backup(a.st, tmp, &info, &e);
	double secs = db_copy_seconds(&t0);
	app_close(&a);
	if (r == QD_OK)
		r = store_install(tmp, to, force, NULL, &e);
	if (r != QD_OK) {
		store_remove(tmp);
		free(tmp);
		if (r == QD_BUSY || r == QD_CONFLICT)
			return cli_refuse(c, "%s: %s (%s)",
					  cli_l(c, "没有覆盖：文件已存在或正被程序打开",
						"not replaced: the file exists or a process has it open"),
					  to, e.detail);
		fprintf(stderr, "qingdan: %s %s\n",
			cli_l(c, "备份失败，未写入", "backup failed, nothing written to"), to);
		return cli_fail(c, &e);
	}
	free(tmp);
	printf("备份完成 / backup written: %s\n"
	       "  %lld 页 × %d 字节 / pages × bytes = %lld bytes, %.2f s, "
	       "最新事件 / newest event #%lld, integrity_check ok\n",
	       to, (long long)info.pages, info.page_size, (long long)info.bytes, secs,
	       (long long)info.last_event);
	return CLI_OK;
}
