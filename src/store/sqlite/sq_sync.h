/* sq_sync.h: group commit for the SQLite backend.
 *
 * Connections run with synchronous=NORMAL in WAL mode: COMMIT appends the
 * transaction's frames to the WAL without waiting for the disk. Before a
 * write is acknowledged, its connection waits until an fsync of the WAL that
 * began after its COMMIT has finished. Writers that commit while one fsync
 * runs share the next one: one fsync covers a group of commits, so durable
 * writes per second grow with the number of concurrent writers instead of
 * being one fsync each. What SQLite itself syncs is unchanged: with
 * synchronous=NORMAL it syncs the WAL before a checkpoint, the database after
 * it, and the WAL header when the WAL is reused.
 *
 * One syncer per database file per process, shared by its connections. */
#ifndef QD_STORE_SQ_SYNC_H
#define QD_STORE_SQ_SYNC_H
#include <stdbool.h>
#include <stdint.h>
#include "../../util/err.h"

struct wal_sync;

/* The syncer of the database at path (counted; NULL for an in-memory or
 * temporary database, which has nothing to sync). */
struct wal_sync *wal_sync_get(const char *path);
void wal_sync_put(struct wal_sync *w);
/* Call right after a COMMIT returned: the commit's place in line. */
uint64_t wal_sync_committed(struct wal_sync *w);
/* Block until the commit numbered seq is on disk. QD_SYNC_FAILED when an
 * fsync failed (the write may not be durable: the caller must not
 * acknowledge it); from then on every wait fails (fail-stop). */
qd_err wal_sync_wait(struct wal_sync *w, uint64_t seq);
/* Whether an fsync has failed: the process must not write again. */
bool wal_sync_failed(struct wal_sync *w);
/* How many fsyncs and commits so far (for the benchmark's report). */
void wal_sync_counts(struct wal_sync *w, uint64_t *syncs, uint64_t *commits);

#endif
