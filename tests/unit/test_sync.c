/* test_sync.c: group commit (store/sqlite/sq_sync.c). Threads commit through
 * their own connections; every commit returns only once an fsync that
 * began after it has finished, so after the threads end every write is
 * counted as synced, and no more fsyncs were made than commits. */
#include "tap.h"
#include "store/store.h"
#include "store/sqlite/sq_sync.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define THREADS 6
#define COMMITS 60

static char g_db[300];

struct worker {
	int id;
	int failures;
};

static void *run(void *arg)
{
	struct worker *w = arg;
	struct store *st = NULL;
	struct qd_error e = {0};
	if (store_open(g_db, false, &st, &e) != QD_OK) {
		w->failures = COMMITS;
		return NULL;
	}
	for (int i = 0; i < COMMITS; i++) {
		char key[64], value[32];
		snprintf(key, sizeof key, "test.sync.%d.%d", w->id, i);
		snprintf(value, sizeof value, "%d", i);
		if (st->ops->begin(st) != QD_OK || st->ops->setting_set(st, key, value) != QD_OK ||
		    st->ops->commit(st) != QD_OK)
			w->failures++;
	}
	st->ops->close(st);
	return NULL;
}

int main(void)
{
	char dir[256];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/qd-test-sync-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	snprintf(g_db, sizeof g_db, "%s/s.db", dir);
	struct store *st = NULL;
	struct qd_error e = {0};
	if (!ok(store_open(g_db, true, &st, &e) == QD_OK, "create a database"))
		return done_testing();
	struct wal_sync *ws = wal_sync_get(g_db);
	ok(ws != NULL, "a file database has a syncer");
	ok(wal_sync_get(":memory:") == NULL, "an in-memory database has none");
	uint64_t syncs0, commits0;
	wal_sync_counts(ws, &syncs0, &commits0);

	pthread_t t[THREADS];
	struct worker w[THREADS];
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){i, 0};
		pthread_create(&t[i], NULL, run, &w[i]);
	}
	int failures = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		failures += w[i].failures;
	}
	is_int(failures, 0, "%d threads x %d commits, none failed", THREADS, COMMITS);
	uint64_t syncs, commits;
	wal_sync_counts(ws, &syncs, &commits);
	/* each connection also syncs once when it opens (sq_open) */
	is_int((int)(commits - commits0), THREADS * COMMITS + THREADS,
	       "every commit was handed to the syncer");
	ok(syncs > syncs0, "fsyncs were made (%llu)", (unsigned long long)(syncs - syncs0));
	ok(syncs - syncs0 <= commits - commits0, "no more fsyncs than commits (%llu for %llu)",
	   (unsigned long long)(syncs - syncs0), (unsigned long long)(commits - commits0));
	diag("group commit: %llu commits in %llu fsyncs", (unsigned long long)(commits - commits0),
	     (unsigned long long)(syncs - syncs0));
	/* every value is there */
	int found = 0;
	for (int i = 0; i < THREADS; i++)
		for (int k = 0; k < COMMITS; k++) {
			char key[64], *v = NULL;
			snprintf(key, sizeof key, "test.sync.%d.%d", i, k);
			if (st->ops->setting_get(st, key, &v) == QD_OK && v && atoi(v) == k)
				found++;
			free(v);
		}
	is_int(found, THREADS * COMMITS, "every committed value reads back");
	wal_sync_put(ws);
	st->ops->close(st);
	char side[320];
	remove(g_db);
	snprintf(side, sizeof side, "%s-wal", g_db);
	remove(side);
	snprintf(side, sizeof side, "%s-shm", g_db);
	remove(side);
	rmdir(dir);
	return done_testing();
}
