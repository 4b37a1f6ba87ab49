/* date.h: civil dates as day numbers, and the deployment's time zone.
 *
 * A "day" is an int: days since 1970-01-01 in the proleptic Gregorian
 * calendar. Text form is always YYYY-MM-DD. Timestamps are Unix seconds;
 * they become days in the deployment's time zone (date_set_timezone). */
#ifndef QD_UTIL_DATE_H
#define QD_UTIL_DATE_H
#include <stdbool.h>
#include <stdint.h>

#define DAY_TEXT_LEN 11 /* "YYYY-MM-DD" + NUL */
#define DAY_NONE INT32_MIN

int day_from_civil(int y, int m, int d);
void day_to_civil(int day, int *y, int *m, int *d);
/* Parse exactly "YYYY-MM-DD" (a real date, years 1900..2999). */
bool day_parse(const char *s, int *out);
/* Write "YYYY-MM-DD" into out (DAY_TEXT_LEN bytes). */
void day_format(int day, char out[DAY_TEXT_LEN]);
/* 0 = Monday .. 6 = Sunday */
int day_weekday(int day);

/* Set the process time zone (an IANA name such as "Asia/Shanghai").
 * Returns false when the zone is unknown to this machine. Call before
 * starting threads. */
bool date_set_timezone(const char *tz);
const char *date_timezone(void);
/* A fixed clock for simulations (the demo builder): while t != 0, time_now()
 * answers t and day_today() its day. Not for use while threads run. */
void clock_fix(int64_t t);
/* The Unix time of hour:min on day in the deployment's time zone. */
int64_t time_of_day(int day, int hour, int min);
/* The day a Unix time falls on in the deployment's time zone. */
int day_of_time(int64_t t);
/* Today in the deployment's time zone (honours QINGDAN_TODAY for tests,
 * and so does time_now: a clock from 09:00 of that day, one second a call). */
int day_today(void);
int64_t time_now(void);
/* Format t as a W3C datetime with the zone's offset, e.g.
 * 2024-01-05T09:30:00+08:00; the "Z" form when the offset at t is not a
 * whole number of minutes (local mean time before 1901). Times outside
 * 0001-01-01..9999-12-31 UTC are clamped to those bounds. */
void time_format_w3c(int64_t t, char out[32]);

#endif
