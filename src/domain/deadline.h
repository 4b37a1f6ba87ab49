/* deadline.h: working days against a holiday calendar kept as data.
 * The calendar lists exceptions only: public holidays that fall on a
 * weekday (off) and weekend days that are worked (调休, on). */
#ifndef QD_DOMAIN_DEADLINE_H
#define QD_DOMAIN_DEADLINE_H
#include <stdbool.h>

struct calendar {
	const int *off;  /* sorted days that are not worked */
	int n_off;
	const int *on;   /* sorted weekend days that are worked */
	int n_on;
};

bool calendar_is_workday(const struct calendar *c, int day);
/* The n-th working day after start (start itself not counted); n >= 1.
 * With n == 0 returns start. */
int deadline_add_working_days(const struct calendar *c, int start, int n);
/* Working days in (from, to]; 0 when to <= from. */
int working_days_between(const struct calendar *c, int from, int to);

#endif
