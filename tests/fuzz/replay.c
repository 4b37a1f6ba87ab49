/* replay.c: the short form of a fuzz target, run by make test: every input
 * of its committed corpus (FUZZ_CORPUS) and of its regression folder
 * (FUZZ_REGRESS: inputs that once crashed it) given to
 * LLVMFuzzerTestOneInput once, under the project's ASan + UBSan build
 * (Makefile: build/asan/tests/test_fuzz_<target>).
 *
 * TAP: one test per folder, "ok" when every input in it ran. An input
 * that crashes, leaks or fails a check ends the program; the death
 * callback and a SIGABRT handler name the input first. */
#include <dirent.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if !defined(FUZZ_TARGET) || !defined(FUZZ_CORPUS) || !defined(FUZZ_REGRESS)
#error "build with -DFUZZ_TARGET=... -DFUZZ_CORPUS=... -DFUZZ_REGRESS=... (see the Makefile)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char current[4096];

static void name_input(void)
{
	if (current[0])
		fprintf(stderr, "replay: %s failed on %s\n", FUZZ_TARGET, current);
}

static void on_abort(int sig)
{
	name_input();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every file of dir (in name order); the number run, or -1 when the
 * folder is missing. */
static int replay(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *de; (de = readdir(d));) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, sizeof *names * (n + 1));
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(current, sizeof current, "%s/%s", dir, names[i]);
		FILE *f = fopen(current, "rb");
		if (!f) {
			perror(current);
			exit(1);
		}
		uint8_t *data = NULL;
		size_t len = 0, cap = 0;
		for (;;) {
			if (len == cap) {
				cap = cap ? cap * 2 : 65536;
				data = realloc(data, cap);
			}
			size_t got = fread(data + len, 1, cap - len, f);
			if (got == 0)
				break;
			len += got;
		}
		fclose(f);
		/* like libFuzzer: exactly size bytes, nothing readable after them */
		uint8_t *exact = malloc(len ? len : 1);
		memcpy(exact, data, len);
		free(data);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
		free(names[i]);
	}
	free(names);
	current[0] = '\0';
	return (int)n;
}

int main(void)
{
	__sanitizer_set_death_callback(name_input);
	signal(SIGABRT, on_abort);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("1..2\n");
	int n = replay(FUZZ_CORPUS);
	if (n <= 0)
		printf("not ok 1 - %s: no corpus in %s\n", FUZZ_TARGET, FUZZ_CORPUS);
	else
		printf("ok 1 - %s: %d corpus inputs\n", FUZZ_TARGET, n);
	n = replay(FUZZ_REGRESS);
	printf("ok 2 - %s: %d regression inputs\n", FUZZ_TARGET, n < 0 ? 0 : n);
	return 0;
}
