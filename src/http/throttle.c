/* throttle.c: login throttling. After `max` failures within THROTTLE_WINDOW
 * seconds a key (a login name, or a client address with a higher limit) is
 * refused until the window has passed. Kept in memory: a restart forgets.
 *
 * Every failure is counted. The table is open addressing over
 * THROTTLE_SLOTS entries with a bounded probe: a key lives in one of the
 * THROTTLE_PROBE slots from its home slot on (its run), so an operation
 * reads at most that many entries under one lock and memory stays fixed
 * (THROTTLE_SLOTS x 32 bytes). A failure of a key without an entry takes a
 * free slot of its run, else one whose window has passed, else it evicts
 * the entry with the fewest failures, the oldest of those: the failing key
 * always gets its entry, and keys that share a home slot are counted like
 * any other. A login name and an address are separate keys, each counted.
 *
 * What eviction leaves an attacker: an entry goes only when every other
 * entry of its run is live with more failures, or as many and younger.
 * Keys are hashed with a salt chosen at random at start, so nobody can aim
 * keys at another key's run: pushing out a login's entry of n failures
 * means refilling the whole table with entries of n failures or more
 * within the window - about THROTTLE_SLOTS x n failed logins, from
 * THROTTLE_SLOTS x n / THROTTLE_PER_ADDRESS addresses or more - to win one
 * more guess; a login at its limit stays blocked as long as any entry of
 * its run has fewer failures. */
#include "http.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>

struct entry {
	unsigned char key[16]; /* salted hash of the key */
	int fails;             /* 0: the slot is free */
	int64_t first;         /* the first failure of the window */
};

static struct entry slots[THROTTLE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t salt_once = PTHREAD_ONCE_INIT;
static unsigned char salt[crypto_generichash_KEYBYTES];

static void make_salt(void)
{
	randombytes_buf(salt, sizeof salt);
}

/* The home slot of key; its salted hash in h16. */
static int hash_key(const char *key, unsigned char h16[16])
{
	unsigned char h[HASH_LEN];
	pthread_once(&salt_once, make_salt);
	crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), salt, sizeof salt);
	memcpy(h16, h + 4, 16);
	return (int)(((unsigned)h[0] << 24 | (unsigned)h[1] << 16 | (unsigned)h[2] << 8 | h[3]) %
		     THROTTLE_SLOTS);
}

int throttle_home(const char *key)
{
	unsigned char k[16];
	return hash_key(key, k);
}

static bool live(const struct entry *s, int64_t now)
{
	return s->fails > 0 && now - s->first < THROTTLE_WINDOW;
}

/* The entry of key k in the run from home, or NULL. Lock held. */
static struct entry *find(int home, const unsigned char k[16], int64_t now)
{
	for (int i = 0; i < THROTTLE_PROBE; i++) {
		struct entry *s = &slots[(home + i) % THROTTLE_SLOTS];
		if (live(s, now) && memcmp(s->key, k, 16) == 0)
			return s;
	}
	return NULL;
}

/* The slot for a new key in the run from home: a free or expired one,
 * else the entry with the fewest failures, the oldest of those. Lock held. */
static struct entry *victim(int home, int64_t now)
{
	struct entry *best = NULL;
	for (int i = 0; i < THROTTLE_PROBE; i++) {
		struct entry *s = &slots[(home + i) % THROTTLE_SLOTS];
		if (!live(s, now))
			return s;
		if (!best || s->fails < best->fails ||
		    (s->fails == best->fails && s->first < best->first))
			best = s;
	}
	return best;
}

bool throttle_blocked(const char *key, int max)
{
	return throttle_count(key) >= max;
}

int throttle_count(const char *key)
{
	unsigned char k[16];
	int home = hash_key(key, k);
	int64_t now = time_now();
	pthread_mutex_lock(&lock);
	const struct entry *s = find(home, k, now);
	int n = s ? s->fails : 0;
	pthread_mutex_unlock(&lock);
	return n;
}

void throttle_fail(const char *key)
{
	unsigned char k[16];
	int home = hash_key(key, k);
	int64_t now = time_now();
	pthread_mutex_lock(&lock);
	struct entry *s = find(home, k, now);
	if (!s) {
		s = victim(home, now);
		memcpy(s->key, k, 16);
		s->fails = 0;
		s->first = now;
	}
	if (s->fails < 1 << 30)
		s->fails++;
	pthread_mutex_unlock(&lock);
}

void throttle_reset(const char *key)
{
	unsigned char k[16];
	int home = hash_key(key, k);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < THROTTLE_PROBE; i++) {
		struct entry *s = &slots[(home + i) % THROTTLE_SLOTS];
		if (s->fails > 0 && memcmp(s->key, k, 16) == 0)
			memset(s, 0, sizeof *s); /* free: lookups read the whole run */
	}
	pthread_mutex_unlock(&lock);
}

void throttle_clear(void)
{
	pthread_mutex_lock(&lock);
	memset(slots, 0, sizeof slots);
	pthread_mutex_unlock(&lock);
}

void throttle_client_key(struct req *r, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const unsigned char *a = ci && ci->client_addr
		? (const unsigned char *)&((const struct sockaddr_in *)ci->client_addr)->sin_addr
		: (const unsigned char *)"\0\0\0\0";
	snprintf(out, n, "ip:%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}
