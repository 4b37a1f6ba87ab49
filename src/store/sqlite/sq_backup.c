/* sq_backup.c: backups with SQLite's online backup API, and the database
 * as files on disk: what a file is, whether a server has it open, and
 * putting a verified copy in its place.
 *
 * A backup copies every page in one sqlite3_backup_step(-1), inside one
 * read transaction of the source connection. Stepping a few pages at a
 * time would let writers in between steps, and SQLite restarts a backup
 * whenever another connection changes the source: under a steady write
 * load it would never finish. One step reads one snapshot, and in WAL mode
 * writers go on meanwhile (only the checkpoint waits for the reader). */
#include "sq.h"
#include "sq_ops.h"
#include "../../util/alloc.h"
#include "../../util/buf.h"
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The files beside a database that belong to it. */
static const char *const companions[] = {"-wal", "-journal", "-shm"};
#define NCOMPANIONS 3

/* The lock bytes of SQLite's unix VFS (os_unix.c): a connection holds a
 * read lock on the shared range of the database file from its first read
 * to its close in WAL mode (during each transaction otherwise), and a read
 * lock on the "dead man switch" byte of the -shm file while it has the WAL
 * index mapped. An EXCLUSIVE lock is a write lock on the pending byte and
 * the whole shared range. */
#define PENDING_BYTE 0x40000000
#define SHARED_FIRST (PENDING_BYTE + 2)
#define SHARED_SIZE 510
#define SHM_DMS ((22 + 8) * 4 + 8)

static char *with_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	char *s = xmalloc(n + k + 1);
	memcpy(s, path, n);
	memcpy(s + n, suffix, k + 1);
	return s;
}

/* fsync the directory holding path, so that a rename in it is durable. */
static bool sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

void sq_remove_files(const char *path);
void sq_remove_files(const char *path)
{
	unlink(path);
	for (int i = 0; i < NCOMPANIONS; i++) {
		char *c = with_suffix(path, companions[i]);
		unlink(c);
		free(c);
	}
}

static bool same_inode(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

bool sq_same_files(const char *path, const char *other);
bool sq_same_files(const char *path, const char *other)
{
	if (strcmp(path, other) == 0 || same_inode(path, other))
		return true;
	bool same = false;
	for (int i = 0; i < NCOMPANIONS && !same; i++) {
		char *c = with_suffix(path, companions[i]);
		same = same_inode(c, other);
		free(c);
	}
	return same;
}

/* --- the backup ----------------------------------------------------------- */

/* The result of a statement that returns one integer. */
static int one_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(q, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(q);
	return rc;
}

/* PRAGMA integrity_check of db: NULL when "ok", else what it says. */
static char *integrity(sqlite3 *db)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL);
	struct buf b = BUF_INIT;
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(q, 0);
		if (!line || strcmp(line, "ok") != 0)
			buf_printf(&b, "%s%s", b.len ? "; " : "", line ? line : "?");
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE)
		buf_printf(&b, "%sintegrity_check: %s", b.len ? "; " : "", sqlite3_errmsg(db));
	sqlite3_finalize(q);
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* Copy every page of s into d in one step, from one read snapshot. */
static int copy_pages(struct sq_store *s, sqlite3 *d, struct backup_info *out)
{
	/* The snapshot: a read transaction begun by reading the newest event. */
	int rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_stmt *q = sq_stmt(s, "SELECT coalesce(max(id), 0) FROM event");
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		out->last_event = sqlite3_column_int64(q, 0);
		rc = SQLITE_OK;
	}
	sqlite3_reset(q);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(d, "main", s->db, "main");
		if (!b) {
			rc = sqlite3_errcode(d);
		} else {
			/* Busy only while another process holds a lock that
			 * keeps readers out (a checkpoint truncating the WAL):
			 * wait a little, at most about 10 s in all. */
			for (int tries = 0; tries < 1000; tries++) {
				rc = sqlite3_backup_step(b, -1);
				if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
					break;
				sqlite3_sleep(10);
			}
			out->pages = sqlite3_backup_pagecount(b);
			int fin = sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? fin : rc;
		}
	}
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL); /* ends the read */
	return rc;
}

qd_err sq_backup(struct store *st, const char *dest, struct backup_info *out,
		 struct qd_error *e)
{
	struct sq_store *s = SQ(st);
	memset(out, 0, sizeof *out);
	if (s->depth > 0 || !sqlite3_get_autocommit(s->db))
		return qd_fail(e, QD_INTERNAL, NULL, "a backup cannot run inside a transaction");
	sqlite3 *d = NULL;
	int rc = sqlite3_open_v2(dest, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
						   SQLITE_OPEN_NOMUTEX, NULL);
	qd_err r = QD_OK;
	if (rc != SQLITE_OK) {
		r = qd_fail(e, sq_err(rc), NULL, "cannot create %s: %s", dest,
			    d ? sqlite3_errmsg(d) : "out of memory");
		goto out;
	}
	sqlite3_extended_result_codes(d, 1);
	/* The copy is synced once, at the end: no journal, no syncs while it
	 * is written (a failed copy is removed, never used). */
	rc = sqlite3_exec(d, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = copy_pages(s, d, out);
	if (rc != SQLITE_OK) {
		int src = sqlite3_errcode(s->db);
		r = qd_fail(e, sq_err(rc), NULL, "copying to %s: %s", dest,
			    sqlite3_errstr(rc == SQLITE_OK ? src : rc));
		goto out;
	}
	/* The copy of a WAL database says "WAL" in its header: opened again,
	 * it is in WAL mode, and leaving it makes the copy one file that
	 * needs no -wal beside it. */
	rc = sqlite3_close(d);
	d = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_open_v2(dest, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(d, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	int64_t page_size = 0;
	if (rc == SQLITE_OK)
		rc = one_int(d, "PRAGMA page_size", &page_size);
	if (rc != SQLITE_OK) {
		r = qd_fail(e, sq_err(rc), NULL, "finishing %s: %s", dest,
			    d ? sqlite3_errmsg(d) : sqlite3_errstr(rc));
		goto out;
	}
	out->page_size = (int)page_size;
	char *bad = integrity(d);
	if (bad) {
		r = qd_fail(e, QD_DB, NULL, "the copy fails integrity_check: %.180s", bad);
		free(bad);
		goto out;
	}
	rc = sqlite3_close(d);
	d = NULL;
	if (rc != SQLITE_OK) {
		r = qd_fail(e, sq_err(rc), NULL, "closing %s", dest);
		goto out;
	}
	int fd = open(dest, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fsync(fd) != 0 || fstat(fd, &sb) != 0) {
		r = qd_fail(e, QD_STORAGE, NULL, "cannot sync %s: %s", dest, strerror(errno));
	} else {
		out->bytes = (int64_t)sb.st_size;
	}
	if (fd >= 0)
		close(fd);
out:
	if (d)
		sqlite3_close(d);
	if (r != QD_OK)
		sq_remove_files(dest);
	return r;
}

/* --- files that are not open ------------------------------------------- */

/* Called by store.c (store_probe, store_in_use, store_install). */
qd_err sq_probe(const char *path, int *schema, struct qd_error *e);
qd_err sq_in_use(const char *path, struct qd_error *e);
qd_err sq_install(const char *copy, const char *path, bool replace, const char *aside,
		  struct qd_error *e);

qd_err sq_probe(const char *path, int *schema, struct qd_error *e)
{
	*schema = 0;
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return qd_fail(e, QD_NOT_FOUND, NULL, "no database at %s", path);
		return qd_fail(e, QD_BAD_FILE, NULL, "%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return qd_fail(e, QD_BAD_FILE, NULL, "%s is not a regular file", path);
	if (sb.st_size == 0)
		return qd_fail(e, QD_NOT_FOUND, NULL, "%s is empty", path);
	/* The header first: SQLite would take any file for a new database. */
	char head[16] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return qd_fail(e, QD_BAD_FILE, NULL, "%s: %s", path, strerror(errno));
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
		return qd_fail(e, QD_BAD_FILE, NULL, "%s is not an SQLite database", path);
	/* Then its tables and schema version, reading only. */
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	int64_t tables = 0, version = 0;
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		rc = one_int(db,
			     "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
			     "AND name IN ('setting', 'sequence', 'unit', 'item', 'event')",
			     &tables);
	}
	if (rc == SQLITE_OK)
		rc = one_int(db, "PRAGMA user_version", &version);
	qd_err r = QD_OK;
	if (rc != SQLITE_OK)
		r = qd_fail(e, (rc & 0xff) == SQLITE_CORRUPT ? QD_DB
			       : (rc & 0xff) == SQLITE_NOTADB ? QD_BAD_FILE : sq_err(rc),
			    NULL, "%s: %s", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	else if (tables != 5 || version < 1)
		r = qd_fail(e, QD_BAD_FILE, NULL, "%s is an SQLite database, not qingdan's", path);
	else if (version > sq_schema_count())
		r = qd_fail(e, QD_SCHEMA_NEWER, NULL, "%s has schema %lld, this binary knows up to %d",
			    path, (long long)version, sq_schema_count());
	else
		*schema = (int)version;
	sqlite3_close(db);
	return r;
}

/* Whether a lock another process holds on [start, start+len) of fd keeps
 * a writer out: its process id, or 0. */
static pid_t holder(int fd, off_t start, off_t len)
{
	struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start,
			  .l_len = len};
	if (fcntl(fd, F_GETLK, &l) != 0)
		return 0;
	return l.l_type == F_UNLCK ? 0 : (l.l_pid > 0 ? l.l_pid : -1);
}

/* Take SQLite's EXCLUSIVE lock of the database open as fd, and check that
 * no process has its WAL index mapped: QD_BUSY if some process has it
 * open. The lock lasts until fd is closed (POSIX locks belong to the
 * process: this process must have no other descriptor of the file). */
static qd_err lock_exclusive(int fd, const char *path, struct qd_error *e)
{
	pid_t pid = holder(fd, PENDING_BYTE, 1);
	if (!pid)
		pid = holder(fd, SHARED_FIRST, SHARED_SIZE);
	if (!pid) {
		char *shm = with_suffix(path, "-shm");
		int sfd = open(shm, O_RDONLY | O_CLOEXEC);
		free(shm);
		if (sfd >= 0) {
			pid = holder(sfd, SHM_DMS, 1);
			close(sfd);
		}
	}
	if (!pid) {
		struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET,
				  .l_start = PENDING_BYTE, .l_len = 1};
		struct flock sh = {.l_type = F_WRLCK, .l_whence = SEEK_SET,
				   .l_start = SHARED_FIRST, .l_len = SHARED_SIZE};
		if (fcntl(fd, F_SETLK, &l) != 0 || fcntl(fd, F_SETLK, &sh) != 0)
			pid = -1; /* taken between the look and the lock */
	}
	if (pid > 0)
		return qd_fail(e, QD_BUSY, NULL, "%s is open in process %ld", path, (long)pid);
	if (pid < 0)
		return qd_fail(e, QD_BUSY, NULL, "%s is open in another process", path);
	return QD_OK;
}

qd_err sq_in_use(const char *path, struct qd_error *e)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return QD_OK; /* nothing there, or nothing SQLite could write */
	qd_err r = lock_exclusive(fd, path, e);
	close(fd);
	return r;
}

/* Rename path+suffix to aside+suffix (aside NULL: remove it); a missing
 * one is fine. */
static bool set_aside(const char *path, const char *aside, const char *suffix)
{
	char *from = with_suffix(path, suffix);
	bool ok;
	if (aside) {
		char *to = with_suffix(aside, suffix);
		ok = rename(from, to) == 0 || errno == ENOENT;
		free(to);
	} else {
		ok = unlink(from) == 0 || errno == ENOENT;
	}
	free(from);
	return ok;
}

/* rename(2) that fails when to exists. */
static int rename_new(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* A file system without RENAME_NOREPLACE: link, then unlink. */
	if (link(from, to) != 0)
		return -1;
	unlink(from);
	return 0;
}

qd_err sq_install(const char *copy, const char *path, bool replace, const char *aside,
		  struct qd_error *e)
{
	struct stat cs;
	if (stat(copy, &cs) != 0 || !S_ISREG(cs.st_mode))
		return qd_fail(e, QD_INTERNAL, NULL, "no copy at %s", copy);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT)
		return qd_fail(e, QD_BAD_FILE, NULL, "%s: %s", path, strerror(errno));
	bool exists = fd >= 0;
	qd_err r = QD_OK;
	if (exists && !replace) {
		r = qd_fail(e, QD_CONFLICT, NULL, "%s exists", path);
		goto out;
	}
	if (exists && (r = lock_exclusive(fd, path, e)) != QD_OK)
		goto out;
	if (exists) {
		/* The copy takes the old file's owner and mode (a restore run
		 * by root must not leave a file its server cannot open). */
		struct stat os;
		if (fstat(fd, &os) == 0) {
			if (chown(copy, os.st_uid, os.st_gid) != 0) {
				/* not root: the copy is this user's, like the old one */
			}
			if (chmod(copy, os.st_mode & 07777) != 0) {
				/* the copy keeps its own mode */
			}
		}
	}
	/* Keep the old database under the aside name (a second link: until
	 * the rename below the path still names it). */
	if (exists && aside && link(path, aside) != 0) {
		r = qd_fail(e, QD_CONFLICT, NULL, "cannot keep the old database as %s: %s", aside,
			    strerror(errno));
		goto out;
	}
	/* An old WAL or journal would be replayed into the new file: they go
	 * with the old database (the -shm is rebuilt from the WAL). */
	int moved = 0;
	const char *keep = exists ? aside : NULL;
	for (; moved < NCOMPANIONS; moved++)
		if (!set_aside(path, strcmp(companions[moved], "-shm") ? keep : NULL,
			       companions[moved]))
			break;
	if (moved < NCOMPANIONS) {
		r = qd_fail(e, QD_STORAGE, NULL, "cannot move %s%s aside: %s", path,
			    companions[moved], strerror(errno));
	} else if ((exists ? rename(copy, path) : rename_new(copy, path)) != 0) {
		r = qd_fail(e, errno == EEXIST ? QD_CONFLICT : QD_STORAGE, NULL,
			    "cannot rename %s to %s: %s", copy, path, strerror(errno));
	}
	if (r != QD_OK) {
		/* Give the old database back what was moved. */
		while (keep && moved-- > 0)
			set_aside(keep, path, companions[moved]);
		if (keep)
			unlink(keep);
		goto out;
	}
	if (!sync_dir(path))
		r = qd_fail(e, QD_STORAGE, NULL, "cannot sync the folder of %s: %s", path,
			    strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	return r;
}
