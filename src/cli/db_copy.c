/* db_copy.c: what backup and restore share (db_copy.h). */
#include "db_copy.h"
#include "../util/alloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

char *db_copy_temp(const struct cli *c, const char *path)
{
	size_t n = strlen(path) + sizeof ".tmp-XXXXXX";
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		cli_refuse(c, "%s %s: %s", cli_l(c, "无法在目标位置新建文件",
						  "cannot create a file beside"),
			   path, strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}


int db_copy_refuse(const struct cli *c, const char *path, const struct qd_error *e)
{
	const char *why;
	switch (e->code) {
	case QD_NOT_FOUND:
		why = cli_l(c, "没有找到数据库文件", "no database file at");
		break;
	case QD_BAD_FILE:
		why = cli_l(c, "不是清单数据库", "not a qingdan database");
		break;
	case QD_DB:
		why = cli_l(c, "数据库文件已损坏", "the database file is damaged");
		break;
	case QD_SCHEMA_NEWER:
		why = cli_l(c, "数据库版本比本程序新，请先升级程序",
			    "the database schema is newer than this binary; upgrade qingdan first");
		break;
	case QD_BUSY:
		why = cli_l(c, "数据库正忙，请稍后重试", "the database is busy, try again");
		break;
	default:
		return cli_fail(c, e);
	}
	return cli_refuse(c, "%s: %s%s%s", why, path, e->detail[0] ? " - " : "", e->detail);
}

double db_copy_seconds(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}
