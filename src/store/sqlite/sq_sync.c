/* sq_sync.c: group commit - one fsync of the WAL for every commit that
 * finished before it began (see sq_sync.h). */
#include "sq_sync.h"
#include "../../util/alloc.h"
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct wal_sync {
	struct wal_sync *next;  /* in the registry */
	int refs;
	char *path;             /* of the database */
	dev_t dev;
	ino_t ino;
	pthread_mutex_t mu;
	pthread_cond_t done;
	uint64_t committed;     /* commits handed in */
	uint64_t synced;        /* commits known to be on disk */
	uint64_t syncs;         /* fsyncs done */
	bool syncing;           /* an fsync is under way */
	bool failed;            /* an fsync failed: nothing later is durable */
	int fd;                 /* the WAL file, -1 until first needed */
	dev_t wal_dev;
	ino_t wal_ino;
};

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct wal_sync *registry;

struct wal_sync *wal_sync_get(const char *path)
{
	struct stat sb;
	if (!path || !*path || strcmp(path, ":memory:") == 0 || stat(path, &sb) != 0)
		return NULL;
	pthread_mutex_lock(&registry_mu);
	struct wal_sync *w = registry;
	while (w && !(w->dev == sb.st_dev && w->ino == sb.st_ino))
		w = w->next;
	if (!w) {
		w = xcalloc(1, sizeof *w);
		w->path = xstrdup(path);
		w->dev = sb.st_dev;
		w->ino = sb.st_ino;
		w->fd = -1;
		pthread_mutex_init(&w->mu, NULL);
		pthread_cond_init(&w->done, NULL);
		w->next = registry;
		registry = w;
	}
	w->refs++;
	pthread_mutex_unlock(&registry_mu);
	return w;
}

void wal_sync_put(struct wal_sync *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&registry_mu);
	if (--w->refs == 0) {
		struct wal_sync **p = &registry;
		while (*p != w)
			p = &(*p)->next;
		*p = w->next;
		if (w->fd >= 0)
			close(w->fd);
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->done);
		free(w->path);
		free(w);
	}
	pthread_mutex_unlock(&registry_mu);
}

uint64_t wal_sync_committed(struct wal_sync *w)
{
	if (!w)
		return 0;
	pthread_mutex_lock(&w->mu);
	uint64_t seq = ++w->committed;
	pthread_mutex_unlock(&w->mu);
	return seq;
}

/* The WAL file, opened again when SQLite made a new one (the last
 * connection closed and another opened it). A new WAL's directory entry is
 * synced once, so that the file itself survives a power cut. */
static int wal_fd(struct wal_sync *w)
{
	char wal[4096];
	snprintf(wal, sizeof wal, "%s-wal", w->path);
	struct stat sb;
	if (stat(wal, &sb) != 0)
		return -1; /* no WAL: nothing was written since the last checkpoint */
	if (w->fd >= 0 && sb.st_dev == w->wal_dev && sb.st_ino == w->wal_ino)
		return w->fd;
	if (w->fd >= 0)
		close(w->fd);
	w->fd = open(wal, O_RDONLY | O_CLOEXEC);
	if (w->fd < 0)
		return -1;
	w->wal_dev = sb.st_dev;
	w->wal_ino = sb.st_ino;
	char *copy = xstrdup(w->path);
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return w->fd;
}

qd_err wal_sync_wait(struct wal_sync *w, uint64_t seq)
{
	if (!w)
		return QD_OK;
	qd_err r = QD_OK;
	pthread_mutex_lock(&w->mu);
	while (w->synced < seq && !w->failed) {
		if (w->syncing) {
			pthread_cond_wait(&w->done, &w->mu);
			continue;
		}
		/* Lead a group: everything committed by now is in the WAL (the
		 * COMMITs returned before they were counted). */
		uint64_t target = w->committed;
		w->syncing = true;
		pthread_mutex_unlock(&w->mu);
		int fd = wal_fd(w);
		int rc = fd >= 0 ? fdatasync(fd) : 0;
		int err = errno;
		pthread_mutex_lock(&w->mu);
		w->syncing = false;
		if (rc == 0) {
			w->synced = target;
			w->syncs++;
		} else if (err != EINTR) {
			/* After a failed fsync the kernel may have dropped the
			 * dirty pages and marked them clean: a later fsync that
			 * succeeds proves nothing. Stop for good (fail-stop,
			 * as PostgreSQL does); a restart reads the WAL as it
			 * is on disk. */
			w->failed = true;
		}
		pthread_cond_broadcast(&w->done);
	}
	if (w->synced < seq)
		r = QD_SYNC_FAILED;
	pthread_mutex_unlock(&w->mu);
	return r;
}

bool wal_sync_failed(struct wal_sync *w)
{
	if (!w)
		return false;
	pthread_mutex_lock(&w->mu);
	bool failed = w->failed;
	pthread_mutex_unlock(&w->mu);
	return failed;
}

void wal_sync_counts(struct wal_sync *w, uint64_t *syncs, uint64_t *commits)
{
	*syncs = *commits = 0;
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	*syncs = w->syncs;
	*commits = w->committed;
	pthread_mutex_unlock(&w->mu);
}
