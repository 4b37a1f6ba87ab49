/* throttle.c: login throttling. After THROTTLE_MAX failures within
 * THROTTLE_WINDOW seconds a key (a login name, or a client address) is
 * refused until the window has passed. Kept in memory: a restart forgets. */
#include "http.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <pthread.h>
#include <string.h>

#define THROTTLE_SLOTS 4096
#define THROTTLE_MAX 5
#define THROTTLE_WINDOW 900

static struct {
	unsigned char key[16];
	int fails;
	int64_t first;
} slots[THROTTLE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int slot_of(const char *key, unsigned char h16[16])
{
	unsigned char h[HASH_LEN];
	hash_bytes(key, strlen(key), h);
	memcpy(h16, h, 16);
	return (int)(((unsigned)h[0] << 8 | h[1]) % THROTTLE_SLOTS);
}

bool throttle_blocked(const char *key)
{
	unsigned char k[16];
	int i = slot_of(key, k);
	int64_t now = time_now();
	pthread_mutex_lock(&lock);
	bool blocked = memcmp(slots[i].key, k, 16) == 0 && slots[i].fails >= THROTTLE_MAX &&
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
	if (memcmp(slots[i].key, k, 16) != 0 || now - slots[i].first >= THROTTLE_WINDOW) {
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
