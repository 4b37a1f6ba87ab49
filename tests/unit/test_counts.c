/* test_counts.c: counter rows and their blob encoding (store/counts.h). */
#include "tap.h"
#include "store/counts.h"
#include <stdint.h>
#include <stdlib.h>

static int64_t get(const struct counts *c, uint32_t id)
{
	for (int i = 0; i < c->n; i++)
		if (c->v[i].id == id)
			return c->v[i].n;
	return 0;
}

static void test_add(void)
{
	struct counts c = {0};
	counts_add(&c, 7, 3);
	counts_add(&c, 2, 1);
	counts_add(&c, 300, -5);
	counts_add(&c, 7, 2);
	is_int(c.n, 3, "three distinct ids");
	ok(c.v[0].id == 2 && c.v[1].id == 7 && c.v[2].id == 300, "kept in id order");
	is_int(get(&c, 7), 5, "additions to one id sum");
	ok(!counts_zero(&c), "not zero");
	counts_add(&c, 2, -1);
	counts_add(&c, 7, -5);
	counts_add(&c, 300, 5);
	ok(counts_zero(&c), "zero after the opposite additions");
	unsigned char *blob;
	is_int((long long)counts_encode(&c, &blob), 0, "all-zero counters encode to nothing");
	ok(blob == NULL, "... and no buffer");
	counts_free(&c);
}

static void test_round_trip(void)
{
	struct counts c = {0};
	int64_t big[] = {1, -1, 127, 128, -129, 1LL << 40, -(1LL << 62), INT64_MAX, INT64_MIN + 1};
	for (uint32_t i = 0; i < sizeof big / sizeof big[0]; i++)
		counts_add(&c, 1 + i * 1000, big[i]);
	counts_add(&c, UINT32_MAX, 9);
	counts_add(&c, 5, 0); /* zeros are not written */
	unsigned char *blob;
	size_t len = counts_encode(&c, &blob);
	ok(len > 0, "encoded %zu bytes", len);
	struct counts d = {0};
	ok(counts_add_blob(&d, blob, len, 1), "decodes");
	is_int(d.n, c.n - 1, "every non-zero pair comes back, the zero does not");
	bool same = true;
	for (uint32_t i = 0; i < sizeof big / sizeof big[0]; i++)
		same = same && get(&d, 1 + i * 1000) == big[i];
	ok(same && get(&d, UINT32_MAX) == 9, "values and ids as written (extremes included)");
	ok(counts_add_blob(&d, blob, len, -1) && counts_zero(&d), "subtracting the blob gives zero");
	free(blob);
	counts_free(&c);
	counts_free(&d);
}

static void test_merge(void)
{
	struct counts a = {0}, b = {0};
	for (uint32_t i = 1; i <= 200; i += 2)
		counts_add(&a, i, 1);
	for (uint32_t i = 2; i <= 200; i += 2)
		counts_add(&b, i, 2);
	counts_add(&b, 1, 10);
	counts_add_counts(&a, &b, 1);
	is_int(a.n, 200, "a merge of odd and even ids holds all 200");
	ok(get(&a, 1) == 11 && get(&a, 2) == 2 && get(&a, 199) == 1, "sums where ids meet");
	bool sorted = true;
	for (int i = 1; i < a.n; i++)
		sorted = sorted && a.v[i - 1].id < a.v[i].id;
	ok(sorted, "still in id order");
	counts_add_counts(&a, &b, -1);
	is_int(get(&a, 1), 1, "subtracting takes it back");
	counts_free(&a);
	counts_free(&b);
}

static void test_malformed(void)
{
	struct counts c = {0};
	counts_add(&c, 4, 4);
	const unsigned char truncated[] = {0x05, 0x80};
	const unsigned char zero_step[] = {0x01, 0x02, 0x00, 0x02};
	const unsigned char overlong[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					  0xff, 0x01, 0x02};
	const unsigned char too_big_id[] = {0xff, 0xff, 0xff, 0xff, 0x1f, 0x02};
	ok(!counts_add_blob(&c, truncated, sizeof truncated, 1), "a truncated varint is refused");
	ok(!counts_add_blob(&c, zero_step, sizeof zero_step, 1), "a repeated id is refused");
	ok(!counts_add_blob(&c, overlong, sizeof overlong, 1), "an overlong varint is refused");
	ok(!counts_add_blob(&c, too_big_id, sizeof too_big_id, 1), "an id past 32 bits is refused");
	ok(c.n == 1 && get(&c, 4) == 4, "a refused blob changes nothing");
	ok(counts_add_blob(&c, "", 0, 1) && c.n == 1, "an empty blob adds nothing");
	counts_free(&c);
}

int main(void)
{
	test_add();
	test_round_trip();
	test_merge();
	test_malformed();
	return done_testing();
}
