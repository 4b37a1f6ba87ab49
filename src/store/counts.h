/* counts.h: a row of counters (metric id -> n) and its compact blob form.
 *
 * The counters of one unit and one day (or month) are stored as one row
 * whose value is a blob of (metric id, n) pairs, rather than a row per
 * metric: an item's write touches a dozen rows instead of a few hundred, and
 * a province's counters take a tenth of the space. Both backends use this
 * encoding; metric ids come from the store's metric dictionary.
 *
 * Blob: for each pair in ascending id order, varint(id - previous id) then
 * varint(zigzag(n)); pairs with n == 0 are never written. */
#ifndef QD_STORE_COUNTS_H
#define QD_STORE_COUNTS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct count_pair {
	uint32_t id;
	int64_t n;
};

/* Pairs sorted by id, ids unique; may hold zeros until encoded. */
struct counts {
	struct count_pair *v; /* owned */
	int n, cap;
};

/* Add n to metric id. */
void counts_add(struct counts *c, uint32_t id, int64_t n);
/* Add sign * (the blob's pairs) to c; false when the blob is malformed
 * (c is then unchanged). */
bool counts_add_blob(struct counts *c, const void *blob, size_t len, int sign);
/* Add sign * b to c. */
void counts_add_counts(struct counts *c, const struct counts *b, int sign);
/* True when every n is zero. */
bool counts_zero(const struct counts *c);
/* Encode the non-zero pairs; returns the length (0 when all are zero).
 * *out is owned by the caller (free); NULL when the length is 0. */
size_t counts_encode(const struct counts *c, unsigned char **out);
void counts_reset(struct counts *c);

/* A dense sum of many rows, indexed by metric id: reading a period sums a
 * row a month without allocating per row. */
struct count_sum {
	int64_t *n;    /* owned; n[id] */
	uint32_t cap;
};
/* Add the blob's pairs; false when it is malformed or names an id of
 * COUNT_SUM_MAX_ID or more (s may then hold part). */
#define COUNT_SUM_MAX_ID (1u << 20)
bool count_sum_blob(struct count_sum *s, const void *blob, size_t len);
void count_sum_free(struct count_sum *s);
void counts_free(struct counts *c);

#endif
