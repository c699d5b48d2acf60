/* fuzz-int.c - parse_int against strtoll(3), in a range taken from the
 * input's first bytes: the same value where the word is a plain decimal
 * in range, refused otherwise. */
#include "config.h"
#include "fuzz.h"
#include <errno.h>
#include <limits.h>
#include "core/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long long bounds[] = { LLONG_MIN, -1000, -1, 0, 1, 64, 1000, INT_MAX, LLONG_MAX };
	long long lo, hi, v = 12345, want;
	char *s, *end;
	struct perr e;
	bool form;
	int rc;

	if (size < 1)
		return 0;
	lo = bounds[data[0] % 5];
	hi = bounds[3 + data[0] / 5 % 6];
	s = fuzz_cstr(data + 1, size - 1);
	rc = parse_int(s, lo, hi, &v, "count", &e);
	form = s[s[0] == '-'] >= '0' && s[s[0] == '-'] <= '9'
	       && strspn(s + (s[0] == '-'), "0123456789") == strlen(s + (s[0] == '-'));
	errno = 0;
	want = strtoll(s, &end, 10);
	if (form && !errno && want >= lo && want <= hi && !(s[0] == '-' && lo >= 0))
		FUZZ_CHECK(rc == 0 && v == want, "'%s' in [%lld, %lld]: %d %lld, strtoll %lld",
			   s, lo, hi, rc, v, want);
	else
		FUZZ_CHECK(rc < 0 && v == 12345, "'%s' in [%lld, %lld] accepted as %lld", s, lo, hi, v);
	free(s);
	return 0;
}
