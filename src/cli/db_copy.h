/* db_copy.h: what backup and restore share - a temporary file beside the
 * one it will become and the words for a database file that cannot be
 * used. (Removing a copy and telling database files apart are the
 * store's: store_remove, store_same.) */
#ifndef QD_CLI_DB_COPY_H
#define QD_CLI_DB_COPY_H
#include "cli.h"
#include <stdbool.h>
#include <time.h>

/* A new, empty file "PATH.tmp-XXXXXX" in the folder of path (so that a
 * rename puts it in place atomically), readable by its owner only; its
 * name (caller frees), or NULL with the reason printed. */
char *db_copy_temp(const struct cli *c, const char *path);
/* Print why the database file at path (what: "数据库"/"database" or
 * "备份"/"backup") cannot be used, from store_probe's error; CLI_FAIL. */
int db_copy_refuse(const struct cli *c, const char *path, const struct qd_error *e);
/* Seconds since t0 (CLOCK_MONOTONIC). */
double db_copy_seconds(const struct timespec *t0);

#endif
