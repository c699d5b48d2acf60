/* fuzz-hexmask.c - parse_hexmask against strtoull(3) base 16: the same
 * value where the word is [0x]HEX with at most 16 digits, refused where
 * it is not. */
#include "config.h"
#include "fuzz.h"
#include <errno.h>
#include "core/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *end;
	const char *digits = s;
	sigmask64 m = 0x5a5a;
	struct perr e;
	int rc = parse_hexmask(s, &m, &e);
	bool form;
	unsigned long long want;

	if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
		digits += 2;
	form = *digits && strspn(digits, "0123456789abcdefABCDEF") == strlen(digits)
	       && strlen(digits) <= 16;
	errno = 0;
	want = strtoull(s, &end, 16);
	if (form) {
		FUZZ_CHECK(!errno && !*end, "strtoull disagrees on the form of '%s'", s);
		FUZZ_CHECK(rc == 0 && m == want, "'%s': %d %llx, strtoull %llx", s, rc,
			   (unsigned long long)m, want);
	} else {
		FUZZ_CHECK(rc < 0 && m == 0x5a5a, "'%s' accepted as %llx", s, (unsigned long long)m);
	}
	free(s);
	return 0;
}
