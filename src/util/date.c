/* date.c: civil-date arithmetic (Howard Hinnant's algorithms) and time zone. */
#include "date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char g_tz[64] = "Asia/Shanghai";

int day_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void day_to_civil(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

static bool is_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool day_parse(const char *s, int *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!is_digits(s, 4) || !is_digits(s + 5, 2) || !is_digits(s + 8, 2))
		return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	int day = day_from_civil(y, m, d);
	int yy, mm, dd;
	day_to_civil(day, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)
		return false; /* e.g. 2023-02-30 */
	*out = day;
	return true;
}

void day_format(int day, char out[DAY_TEXT_LEN])
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(out, tmp, DAY_TEXT_LEN - 1);
	out[DAY_TEXT_LEN - 1] = '\0';
}

int day_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (day + 3) % 7;
	return w < 0 ? w + 7 : w;
}

bool date_set_timezone(const char *tz)
{
	if (!tz || !*tz || strlen(tz) >= sizeof g_tz || strstr(tz, ".."))
		return false;
	if (strcmp(tz, "UTC") != 0) {
		char path[128];
		snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
		if (access(path, R_OK) != 0)
			return false;
	}
	snprintf(g_tz, sizeof g_tz, "%s", tz);
	setenv("TZ", g_tz, 1);
	tzset();
	return true;
}

const char *date_timezone(void)
{
	return g_tz;
}

int day_of_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int64_t g_fixed_now;

void clock_fix(int64_t t)
{
	g_fixed_now = t;
}

int64_t time_of_day(int day, int hour, int min)
{
	int y, m, d;
	day_to_civil(day, &y, &m, &d);
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Under QINGDAN_TODAY (tests) the clock is deterministic too: it starts at
 * 09:00 that day and advances one second per reading, so runs repeat. */
int64_t time_now(void)
{
	static int64_t ticks;
	if (g_fixed_now)
		return g_fixed_now;
	const char *fixed = getenv("QINGDAN_TODAY");
	int day;
	if (fixed && day_parse(fixed, &day))
		return time_of_day(day, 9, 0) + __atomic_fetch_add(&ticks, 1, __ATOMIC_RELAXED);
	return (int64_t)time(NULL);
}

int day_today(void)
{
	if (g_fixed_now)
		return day_of_time(g_fixed_now);
	const char *fixed = getenv("QINGDAN_TODAY");
	int day;
	if (fixed && day_parse(fixed, &day))
		return day;
	return day_of_time(time_now());
}

#define W3C_MIN (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define W3C_MAX 253402300799LL     /* 9999-12-31T23:59:59Z */

void time_format_w3c(int64_t t, char out[32])
{
	if (t < W3C_MIN)
		t = W3C_MIN;
	if (t > W3C_MAX)
		t = W3C_MAX;
	time_t tt = (time_t)t;
	struct tm tm;
	long off = 0;
	bool local = localtime_r(&tt, &tm) && tm.tm_gmtoff % 60 == 0 &&
		     tm.tm_year + 1900 >= 1 && tm.tm_year + 1900 <= 9999;
	if (local)
		off = tm.tm_gmtoff;
	else
		gmtime_r(&tt, &tm);
	char zone[8] = "Z";
	if (local) {
		long a = off < 0 ? -off : off;
		snprintf(zone, sizeof zone, "%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600 % 100,
			 a % 3600 / 60);
	}
	char tmp[96];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%s", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
	snprintf(out, 32, "%.31s", tmp);
}
