/* tap.h: a tiny header-only TAP (Test Anything Protocol) producer.
 *
 *   ok(cond, "fmt", ...)       "ok N - desc" or "not ok N - desc" + file:line
 *   is_int(got, want, "desc")  compares two integers (printed on failure)
 *   is_str(got, want, "desc")  compares two strings (NULL allowed)
 *   diag("fmt", ...)           a "# ..." comment line
 *   done_testing()             prints "1..N"; returns 1 if any test failed
 *
 * Each test program includes this once; all state is static. */
#ifndef QD_TESTS_TAP_H
#define QD_TESTS_TAP_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define TAP_UNUSED __attribute__((unused))

static int tap_n TAP_UNUSED;
static int tap_failed TAP_UNUSED;

static void tap_vreport(bool pass, const char *file, int line, const char *fmt,
			va_list ap) __attribute__((format(printf, 4, 0)));
static TAP_UNUSED void tap_vreport(bool pass, const char *file, int line, const char *fmt,
				   va_list ap)
{
	tap_n++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	if (!pass)
		printf("#   Failed test at %s line %d.\n", file, line);
	fflush(stdout);
}

static bool tap_ok(bool pass, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static TAP_UNUSED bool tap_ok(bool pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static bool tap_is_int(long long got, long long want, const char *file, int line,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static TAP_UNUSED bool tap_is_int(long long got, long long want, const char *file, int line,
				  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vreport(got == want, file, line, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("#          got: %lld\n#     expected: %lld\n", got, want);
	return got == want;
}

static bool tap_is_str(const char *got, const char *want, const char *file, int line,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static TAP_UNUSED bool tap_is_str(const char *got, const char *want, const char *file,
				  int line, const char *fmt, ...)
{
	bool pass = (got == NULL && want == NULL) ||
		    (got != NULL && want != NULL && strcmp(got, want) == 0);
	va_list ap;
	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#          got: %s%s%s\n#     expected: %s%s%s\n", got ? "'" : "",
		       got ? got : "NULL", got ? "'" : "", want ? "'" : "",
		       want ? want : "NULL", want ? "'" : "");
	return pass;
}

static void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static TAP_UNUSED void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("# ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	fflush(stdout);
}

static TAP_UNUSED int done_testing(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		printf("# Looks like you failed %d test%s of %d.\n", tap_failed,
		       tap_failed == 1 ? "" : "s", tap_n);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#define ok(cond, ...) tap_ok((cond) ? true : false, __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)

#endif
