/* counts.c: counter rows and their blob encoding (see counts.h). */
#include "counts.h"
#include "../util/alloc.h"
#include <stdlib.h>
#include <string.h>

#define MAX_VARINT 10

static void reserve(struct counts *c, int more)
{
	if (c->n + more <= c->cap)
		return;
	int cap = c->cap ? c->cap : 16;
	while (cap < c->n + more)
		cap *= 2;
	c->v = xrealloc(c->v, sizeof *c->v * (size_t)cap);
	c->cap = cap;
}

/* Index of id, or of where it would go. */
static int find(const struct counts *c, uint32_t id)
{
	int lo = 0, hi = c->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void counts_add(struct counts *c, uint32_t id, int64_t n)
{
	int i = find(c, id);
	if (i < c->n && c->v[i].id == id) {
		c->v[i].n += n;
		return;
	}
	reserve(c, 1);
	memmove(&c->v[i + 1], &c->v[i], sizeof *c->v * (size_t)(c->n - i));
	c->v[i].id = id;
	c->v[i].n = n;
	c->n++;
}

/* Merge the sorted pairs b[0..nb) times sign into c. */
static void merge(struct counts *c, const struct count_pair *b, int nb, int sign)
{
	if (nb == 0)
		return;
	int size = c->n + nb;
	struct count_pair *out = xmalloc(sizeof *out * (size_t)size);
	int i = 0, j = 0, k = 0;
	while (i < c->n || j < nb) {
		if (j == nb || (i < c->n && c->v[i].id < b[j].id))
			out[k++] = c->v[i++];
		else if (i == c->n || b[j].id < c->v[i].id) {
			out[k] = b[j++];
			out[k++].n *= sign;
		} else {
			out[k] = c->v[i++];
			out[k++].n += sign * b[j++].n;
		}
	}
	free(c->v);
	c->v = out;
	c->n = k;
	c->cap = size;
}

static bool get_varint(const unsigned char **p, const unsigned char *end, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64 && *p < end; shift += 7) {
		unsigned char b = *(*p)++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false;
}

static size_t put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

bool counts_add_blob(struct counts *c, const void *blob, size_t len, int sign)
{
	const unsigned char *p = blob, *end = p + len;
	struct count_pair stack[64], *b = stack;
	int nb = 0, cap = 64;
	uint64_t id = 0;
	bool ok = true;
	while (p < end) {
		uint64_t d, z;
		if (!get_varint(&p, end, &d) || !get_varint(&p, end, &z) ||
		    d == 0 || id + d > UINT32_MAX) {
			ok = false;
			break;
		}
		id += d;
		if (nb == cap) {
			cap *= 2;
			if (b == stack) {
				b = xmalloc(sizeof *b * (size_t)cap);
				memcpy(b, stack, sizeof stack);
			} else {
				b = xrealloc(b, sizeof *b * (size_t)cap);
			}
		}
		b[nb].id = (uint32_t)id;
		b[nb++].n = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
	}
	if (ok)
		merge(c, b, nb, sign);
	if (b != stack)
		free(b);
	return ok;
}

void counts_add_counts(struct counts *c, const struct counts *b, int sign)
{
	merge(c, b->v, b->n, sign);
}

bool counts_zero(const struct counts *c)
{
	for (int i = 0; i < c->n; i++)
		if (c->v[i].n != 0)
			return false;
	return true;
}

size_t counts_encode(const struct counts *c, unsigned char **out)
{
	*out = NULL;
	if (counts_zero(c))
		return 0;
	unsigned char *p = xmalloc((size_t)c->n * 2 * MAX_VARINT);
	size_t len = 0;
	uint32_t prev = 0;
	for (int i = 0; i < c->n; i++) {
		if (c->v[i].n == 0)
			continue;
		int64_t n = c->v[i].n;
		len += put_varint(p + len, c->v[i].id - prev);
		len += put_varint(p + len, ((uint64_t)n << 1) ^ (uint64_t)(n >> 63));
		prev = c->v[i].id;
	}
	*out = p;
	return len;
}

bool count_sum_blob(struct count_sum *s, const void *blob, size_t len)
{
	const unsigned char *p = blob, *end = p + len;
	uint64_t id = 0;
	while (p < end) {
		uint64_t d, z;
		if (!get_varint(&p, end, &d) || !get_varint(&p, end, &z) || d == 0 ||
		    id + d > UINT32_MAX)
			return false;
		id += d;
		if (id >= s->cap) {
			if (id >= COUNT_SUM_MAX_ID)
				return false;
			uint32_t cap = s->cap ? s->cap : 256;
			while (cap <= id)
				cap *= 2;
			s->n = xrealloc(s->n, sizeof *s->n * cap);
			memset(s->n + s->cap, 0, sizeof *s->n * (cap - s->cap));
			s->cap = cap;
		}
		s->n[id] += (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
	}
	return true;
}

void count_sum_free(struct count_sum *s)
{
	free(s->n);
	s->n = NULL;
	s->cap = 0;
}

void counts_reset(struct counts *c)
{
	c->n = 0;
}

void counts_free(struct counts *c)
{
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}
