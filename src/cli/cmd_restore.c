/* cmd_restore.c: qingdan restore - put a backup in place of the database,
 * after checking it the way qingdan check does. */
#include "cli.h"
#include "db_copy.h"
#include "../util/alloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"用法 / usage: qingdan restore --from BACKUP [--db PATH] [--force]\n"
	"\n"
	"用备份替换数据库。先把备份复制到数据库旁边的临时文件，对副本做与 qingdan check\n"
	"相同的全部核验（完整性、审计事件链、记录、计数）并落盘，通过后才一次改名替换；\n"
	"核验不通过则什么都不改。旧版本程序做的备份先升级到本程序的数据库版本再核验。\n"
	"原有数据库（连同它的 -wal）改名保留为 PATH.before-restore-日期-时间，\n"
	"确认无误后可自行删除。备份文件本身不会被改动。\n"
	"服务正在使用该数据库时拒绝恢复：请先停止 qingdan serve。\n"
	"Replace the database with a backup. The backup is copied beside the database,\n"
	"the copy gets every verification of qingdan check (integrity, the audit chain,\n"
	"records, counters) and is synced, and only then renamed into place in one step;\n"
	"if anything fails nothing is changed. A backup of an older schema is brought\n"
	"up to this binary's schema first, as a server would. The database it\n"
	"replaces is kept, with its -wal, as PATH.before-restore-DATE-TIME (delete it\n"
	"when satisfied). The backup itself is never changed. Refused while a process\n"
	"(a running qingdan serve) has the database open: stop the server first.\n"
	"\n"
	"  --from BACKUP  备份文件（qingdan backup 所写）/ the backup (written by qingdan backup)\n"
	"  --db PATH      要替换或新建的数据库 / the database to replace or create\n"
	"                 ($QINGDAN_DB, ./qingdan.db)\n"
	"  --force        替换已有的数据库（没有它只能恢复到新路径）/ replace an existing\n"
	"                 database (without it only a new path is accepted)\n"
	"\n"
	"退出码 / exit status: 0 restored, 1 refused or failed (nothing changed), 2 bad usage.\n";

/* Copy from into the existing file to, and sync it: CLI_OK or the reason. */
static int copy_file(const struct cli *c, const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	int out = in >= 0 ? open(to, O_WRONLY | O_TRUNC | O_CLOEXEC) : -1;
	const char *what = in < 0 ? from : to;
	bool ok = out >= 0;
	static char buf[1 << 16];
	while (ok) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n == 0)
			break;
		if (n < 0) {
			ok = errno == EINTR;
			what = from;
			continue;
		}
		for (ssize_t off = 0; ok && off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno != EINTR) {
				ok = false;
				what = to;
			}
			off += w > 0 ? w : 0;
		}
	}
	if (ok && fsync(out) != 0) {
		ok = false;
		what = to;
	}
	int err = errno;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (!ok)
		return cli_refuse(c, "%s %s: %s", cli_l(c, "复制备份失败", "cannot copy the backup"),
				  what, strerror(err));
	return CLI_OK;
}

static int sync_file(const struct cli *c, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fsync(fd) == 0) {
		close(fd);
		return CLI_OK;
	}
	int err = errno;
	if (fd >= 0)
		close(fd);
	return cli_refuse(c, "%s %s: %s", cli_l(c, "无法落盘", "cannot sync"), path, strerror(err));
}

/* Open the copy (an older schema is migrated, as a server would), run
 * every check of qingdan check on it and close it again. */
static int verify(const struct cli *c, const char *tmp, struct check_report *rep)
{
	struct app a;
	struct qd_error e = {0};
	if (app_open(tmp, false, NULL, &a, &e) != QD_OK) {
		fprintf(stderr, "qingdan: %s\n", cli_l(c, "备份无法打开", "the backup cannot be opened"));
		return cli_fail(c, &e);
	}
	int rc = CLI_OK;
	if (app_check(&a, rep, &e) != QD_OK) {
		rc = cli_fail(c, &e);
	} else if (rep->problems > 0) {
		fputs(rep->text ? rep->text : "", stderr);
		rc = cli_refuse(c, "%s: %d",
				cli_l(c, "备份未通过核验（qingdan check），没有恢复；问题数",
				      "the backup fails the checks of qingdan check; nothing restored; "
				      "problems"),
				rep->problems);
	}
	app_close(&a);
	/* The last connection has checkpointed and removed its WAL. */
	struct stat sb;
	char wal[4096];
	snprintf(wal, sizeof wal, "%s-wal", tmp);
	if (rc == CLI_OK && stat(wal, &sb) == 0 && sb.st_size > 0)
		rc = cli_refuse(c, "%s",
				cli_l(c, "副本的日志未能合并", "the copy's WAL was not merged"));
	return rc;
}

/* PATH.before-restore-YYYYmmdd-HHMMSS (caller frees). */
static char *aside_name(const char *path)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	size_t n = strlen(path) + 64;
	char *s = xmalloc(n);
	snprintf(s, n, "%s.before-restore-%s", path, stamp);
	return s;
}

static int in_use(const struct cli *c, const struct qd_error *e)
{
	return cli_refuse(c, "%s: %s (%s)",
			  cli_l(c, "数据库正被程序使用，请先停止 qingdan serve",
				"a process has the database open; stop qingdan serve first"),
			  c->db, e->detail);
}

/* The checks that need no copy: CLI_OK or the reason printed. */
static int check_inputs(struct cli *c, const char *from, bool force, bool *exists)
{
	struct stat sb;
	if (store_same(from, c->db) || store_same(c->db, from))
		return cli_refuse(c, "%s", cli_l(c, "--from 和 --db 是同一个文件",
						 "--from and --db are the same file"));
	char wal[4096];
	snprintf(wal, sizeof wal, "%s-wal", from);
	if (stat(wal, &sb) == 0 && sb.st_size > 0)
		return cli_refuse(c, "%s: %s",
				  cli_l(c,
					"这个文件旁边有未合并的 -wal 日志：它是正在使用或未正常关闭"
					"的数据库，不是备份；请用 qingdan backup 做备份",
					"it has a -wal beside it: a database in use or not closed "
					"cleanly, not a backup; make one with qingdan backup"),
				  from);
	int schema;
	struct qd_error e = {0};
	if (store_probe(from, &schema, &e) != QD_OK)
		return db_copy_refuse(c, from, &e);
	*exists = stat(c->db, &sb) == 0;
	if (*exists && S_ISDIR(sb.st_mode))
		return cli_refuse(c, "%s: %s", cli_l(c, "--db 是一个目录", "--db is a folder"),
				  c->db);
	if (*exists && !force)
		return cli_refuse(c, "%s: %s",
				  cli_l(c, "数据库已存在，加 --force 才会替换（原库会改名保留）",
					"a database exists there; add --force to replace it (it is "
					"kept under another name)"),
				  c->db);
	if (store_in_use(c->db, &e) != QD_OK)
		return in_use(c, &e);
	return CLI_OK;
}

int cmd_restore(struct cli *c)
{
	const char *from = NULL;
	bool force = false;
	const struct opt_spec spec[] = {
		{"from", OPT_TEXT, true, &from, 0, 0},
		{"force", OPT_FLAG, false, &force, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "restore");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "restore");
	if (rc != CLI_OK)
		return rc;
	if (!*from)
		return cli_usage_error(c, "restore", "%s", cli_l(c, "--from 不能为空", "--from is empty"));
	bool exists = false;
	if ((rc = check_inputs(c, from, force, &exists)) != CLI_OK)
		return rc;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char *tmp = db_copy_temp(c, c->db);
	if (!tmp)
		return CLI_FAIL;
	struct check_report rep = {0};
	char *aside = exists ? aside_name(c->db) : NULL;
	rc = copy_file(c, from, tmp);
	if (rc == CLI_OK)
		rc = verify(c, tmp, &rep);
	/* A new database gets the mode any new file gets (a replaced one
	 * keeps the old file's, store_install). */
	mode_t mask = umask(0);
	umask(mask);
	if (rc == CLI_OK && !exists && chmod(tmp, 0666 & ~mask) != 0)
		rc = cli_refuse(c, "chmod %s: %s", tmp, strerror(errno));
	if (rc == CLI_OK)
		rc = sync_file(c, tmp);
	if (rc == CLI_OK) {
		struct qd_error e = {0};
		qd_err r = store_install(tmp, c->db, exists, aside, &e);
		if (r == QD_BUSY)
			rc = in_use(c, &e);
		else if (r != QD_OK)
			rc = cli_fail(c, &e);
	}
	if (rc != CLI_OK) {
		store_remove(tmp);
		fprintf(stderr, "qingdan: %s %s\n",
			cli_l(c, "没有恢复，未改动", "nothing restored, unchanged:"), c->db);
	} else {
		printf("恢复完成 / restored: %s <- %s\n"
		       "  核验通过 / check passed: %lld events, %lld records, %.2f s\n",
		       c->db, from, (long long)rep.events, (long long)rep.rows,
		       db_copy_seconds(&t0));
		if (aside)
			printf("  原数据库保留为 / the database it replaced is kept as: %s\n", aside);
	}
	free(rep.text);
	free(aside);
	free(tmp);
	return rc;
}
