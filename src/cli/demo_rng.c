/* demo_rng.c: the demo's deterministic generator (splitmix64). */
#include "demo.h"

uint32_t demo_rand(struct demo_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

int demo_range(struct demo_rng *r, int lo, int hi)
{
	return lo + (int)(demo_rand(r) % (uint32_t)(hi - lo + 1));
}

bool demo_chance(struct demo_rng *r, int per_mille)
{
	return (int)(demo_rand(r) % 1000u) < per_mille;
}

double demo_unit(struct demo_rng *r)
{
	return demo_rand(r) / 4294967296.0;
}

void demo_shuffle(struct demo_rng *r, int *v, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = demo_range(r, 0, i);
		int t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}
