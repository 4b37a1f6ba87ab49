/* throttle.c: login throttling. After `max` failures within THROTTLE_WINDOW
 * seconds a key (a login name, or a client address with a higher limit) is
 * refused until the window has passed. Keys are hashed with a random salt
 * chosen at start, so nobody can pick a key that shares another's slot.
 * Kept in memory: a restart forgets. */
#include "http.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>

#define THROTTLE_SLOTS 4096
#define THROTTLE_WINDOW 900

static struct {
	unsigned char key[16];
	int fails;
	int64_t first;
} slots[THROTTLE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t salt_once = PTHREAD_ONCE_INIT;
static unsigned char salt[crypto_generichash_KEYBYTES];

static void make_salt(void)
{
	randombytes_buf(salt, sizeof salt);
}

static int slot_of(const char *key, unsigned char h16[16])
{
	unsigned char h[HASH_LEN];
	pthread_once(&salt_once, make_salt);
	crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), salt, sizeof salt);
	memcpy(h16, h + 2, 16);
	return (int)(((unsigned)h[0] << 8 | h[1]) % THROTTLE_SLOTS);
}

bool throttle_blocked(const char *key, int max)
{
	unsigned char k[16];
	int i = slot_of(key, k);
	int64_t now = time_now();
	pthread_mutex_lock(&lock);
	bool blocked = memcmp(slots[i].key, k, 16) == 0 && slots[i].fails >= max &&
		       now - slots[i].first < THROTTLE_WINDOW;
	pthread_mutex_unlock(&lock);
	return blocked;
}

void throttle_fail(const char *key)
{
	unsigned char k[16];
	int i = slot_of(key, k);
	int64_t now = time_now();
	pthread_mutex_lock(&lock);
	bool mine = memcmp(slots[i].key, k, 16) == 0;
	bool stale = now - slots[i].first >= THROTTLE_WINDOW;
	/* A live slot of another key is not taken over: its count stands. */
	if (!mine && !stale && slots[i].fails > 0) {
		pthread_mutex_unlock(&lock);
		return;
	}
	if (!mine || stale) {
		memcpy(slots[i].key, k, 16);
		slots[i].fails = 0;
		slots[i].first = now;
	}
	slots[i].fails++;
	pthread_mutex_unlock(&lock);
}

void throttle_reset(const char *key)
{
	unsigned char k[16];
	int i = slot_of(key, k);
	pthread_mutex_lock(&lock);
	if (memcmp(slots[i].key, k, 16) == 0)
		slots[i].fails = 0;
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
