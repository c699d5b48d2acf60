/* fuzz-regex.c - the --name pattern guard (regex_compile) against glibc's
 * regcomp(3): a pattern it lets through must compile quickly and match
 * without trouble; one it calls invalid must be one regcomp refuses. A
 * pattern refused as too complex is not compiled: that is the guard's
 * whole point. "Quickly" is at most FUZZ_REGEX_CPU seconds of CPU here,
 * where ASan makes regcomp's many mallocs some 40 times slower: about
 * 0.2 s in a plain build (the guard aims at 0.05 s). */
#include "config.h"
#include "fuzz.h"
#include <regex.h>
#include <time.h>
#include "core/parse.h"

#define FUZZ_REGEX_CPU 8.0

static double cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct perr e;
	regex_t re;
	double t0 = cpu_seconds(), spent;
	int flags = size && data[size - 1] & 1 ? REG_ICASE : 0;

	if (regex_compile(&re, s, s, REG_NOSUB | flags, &e) == 0) {
		spent = cpu_seconds() - t0;
		FUZZ_CHECK(spent < FUZZ_REGEX_CPU, "'%s' passed the guard but took %.2f s to compile",
			   s, spent);
		regexec(&re, "sleep", 0, NULL, 0);
		regexec(&re, s, 0, NULL, 0);
		regfree(&re);
	} else if (strstr(e.msg, "invalid pattern") == e.msg) {
		FUZZ_CHECK(regcomp(&re, s, REG_EXTENDED | REG_NOSUB | flags) != 0,
			   "'%s' called invalid (%s), but regcomp takes it", s, e.msg);
	} else {
		FUZZ_CHECK(*s == '\0' || strstr(e.msg, "too complex"), "'%s': %s", s, e.msg);
	}
	free(s);
	return 0;
}
