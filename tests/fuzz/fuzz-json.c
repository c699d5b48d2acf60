/* fuzz-json.c - out.c's JSON strings: for any bytes, one valid JSON string
 * (checked by fuzz.h, not by out.c), which decodes to the input where the
 * input is valid UTF-8, and to it with U+FFFD for each invalid byte
 * otherwise. */
#include "config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *want = malloc(size * 3 + 1), *got, *dec, *w = want;
	const char *p;
	size_t len, dlen;

	if (!want)
		abort();
	for (size_t i = 0; i < size;) {
		size_t n = fuzz_utf8(data + i, size - i);
		if (n) {
			memcpy(w, data + i, n);
			w += n;
			i += n;
		} else {
			memcpy(w, "\xef\xbf\xbd", 3);
			w += 3;
			i++;
		}
	}
	fuzz_cap_begin();
	json_strn((const char *)data, size);
	got = fuzz_cap_end(&len);
	FUZZ_CHECK(strlen(got) == len, "a raw NUL in the JSON");
	dec = malloc(len + 1);
	p = got;
	FUZZ_CHECK(fuzz_json_string(&p, dec, &dlen) && *p == '\0', "not one JSON string: %s", got);
	FUZZ_CHECK(dlen == (size_t)(w - want) && !memcmp(dec, want, dlen),
		   "decodes to other bytes than the input's: %s", got);
	free(dec);
	free(got);
	free(want);
	return 0;
}
