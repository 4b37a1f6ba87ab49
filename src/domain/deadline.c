/* deadline.c: working-day arithmetic. */
#include "deadline.h"
#include "../util/date.h"
#include <stdlib.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static bool contains(const int *v, int n, int day)
{
	return n > 0 && bsearch(&day, v, (size_t)n, sizeof *v, cmp_int) != NULL;
}

bool calendar_is_workday(const struct calendar *c, int day)
{
	if (c && contains(c->off, c->n_off, day))
		return false;
	if (c && contains(c->on, c->n_on, day))
		return true;
	return day_weekday(day) < 5;
}

int deadline_add_working_days(const struct calendar *c, int start, int n)
{
	int day = start;
	/* Bounded: even a calendar with every day off stops after 10 years. */
	for (int guard = 0; n > 0 && guard < 3660; guard++) {
		day++;
		if (calendar_is_workday(c, day))
			n--;
	}
	return day;
}

int working_days_between(const struct calendar *c, int from, int to)
{
	int n = 0;
	for (int d = from + 1; d <= to; d++)
		n += calendar_is_workday(c, d);
	return n;
}
