/* db_file.c: the SQLite database as files on disk. */
#include "db_file.h"
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

bool db_file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && sb.st_size > 0;
}

static bool remove_one(const char *path, const char *suffix)
{
	char name[4096];
	if (snprintf(name, sizeof name, "%s%s", path, suffix) >= (int)sizeof name)
		return false;
	return unlink(name) == 0 || errno == ENOENT;
}

bool db_file_remove(const char *path)
{
	bool ok = remove_one(path, "-wal");
	ok = remove_one(path, "-shm") && ok;
	return remove_one(path, "") && ok;
}
