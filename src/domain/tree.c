/* tree.c: materialized paths. */
#include "tree.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include <stdlib.h>
#include <string.h>

char *path_child(const char *parent_path, int64_t id)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, parent_path ? parent_path : "/");
	buf_printf(&b, "%lld/", (long long)id);
	return buf_steal(&b);
}

char *path_upper(const char *path)
{
	/* Every path ends in '/', and '/' + 1 == '0': "/1/5/" -> "/1/50". */
	char *u = xstrdup(path);
	size_t n = strlen(u);
	if (n)
		u[n - 1] = (char)(u[n - 1] + 1);
	return u;
}

bool path_covers(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t n = strlen(a);
	return n > 0 && strncmp(a, b, n) == 0;
}

bool path_strictly_below(const char *a, const char *b)
{
	return path_covers(a, b) && strlen(b) > strlen(a);
}

int path_ids(const char *path, int64_t *ids, int max)
{
	if (!path || path[0] != '/')
		return -1;
	int n = 0;
	const char *p = path + 1;
	while (*p) {
		char *end;
		long long v = strtoll(p, &end, 10);
		if (end == p || *end != '/' || v <= 0)
			return -1;
		if (n < max)
			ids[n] = v;
		n++;
		p = end + 1;
	}
	return n <= max ? n : -1;
}

int path_depth(const char *path)
{
	int64_t ids[PATH_MAX_DEPTH];
	int n = path_ids(path, ids, PATH_MAX_DEPTH);
	return n > 0 ? n - 1 : -1;
}

int path_compare(const char *a, const char *b)
{
	for (;;) {
		while (*a == '/')
			a++;
		while (*b == '/')
			b++;
		if (!*a || !*b)
			return (*a != '\0') - (*b != '\0');
		/* compare the next ids as numbers: the longer digit run is larger */
		const char *ea = a, *eb = b;
		while (*ea >= '0' && *ea <= '9')
			ea++;
		while (*eb >= '0' && *eb <= '9')
			eb++;
		if (ea - a != eb - b)
			return ea - a < eb - b ? -1 : 1;
		int c = strncmp(a, b, (size_t)(ea - a));
		if (c)
			return c < 0 ? -1 : 1;
		a = ea;
		b = eb;
	}
}
