/* fuzz-dursig.c - parse_dur_sig (--then DUR:SIG): what it reads is
 * parse_duration of what comes before the first colon and parse_signal
 * (no 0) of what follows. */
#include "config.h"
#include "fuzz.h"
#include "core/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *colon = strchr(s, ':');
	struct dur_sig ds = { -1, -1 };
	struct perr e, e2;
	int rc = parse_dur_sig(s, &ds, &e);
	int64_t ns;
	int signo;

	if (!colon) {
		FUZZ_CHECK(rc < 0, "'%s' has no colon, yet read", s);
	} else {
		*colon = '\0';
		bool good = parse_duration(s, &ns, &e2) == 0 && parse_signal(colon + 1, 0, &signo, &e2) == 0;
		FUZZ_CHECK(good == (rc == 0), "'%s:%s': parse_dur_sig %d, its parts %d", s, colon + 1, rc, good);
		if (good)
			FUZZ_CHECK(ds.delay == ns && ds.signo == signo, "'%s:%s': %lld:%d, parts %lld:%d", s,
				   colon + 1, (long long)ds.delay, ds.signo, (long long)ns, signo);
	}
	if (rc < 0)
		FUZZ_CHECK(e.msg[0], "no message");
	free(s);
	return 0;
}
