/* db_file.h: the SQLite database as files on disk (for init and demo). */
#ifndef QD_CLI_DB_FILE_H
#define QD_CLI_DB_FILE_H
#include <stdbool.h>

/* Whether a database is at path (a non-empty file, as the store sees it). */
bool db_file_exists(const char *path);
/* Remove the database at path with its -wal and -shm companions; false
 * when one of them exists and cannot be removed. */
bool db_file_remove(const char *path);

#endif
