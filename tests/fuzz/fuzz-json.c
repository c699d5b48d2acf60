/* fuzz-json.c - out.c's JSON strings: for any bytes, one valid JSON string
 * (checked by fuzz.h, not by out.c), which decodes to the input where the
 * input is valid UTF-8, and to it with U+FFFD for each invalid byte
 * otherwise, with no raw control (C0, DEL, C1) in it; and text.c's
 * text_clean() of the same bytes: nothing but printable ASCII and whole
 * UTF-8 characters past C1, cut only at TEXT_CLEAN_SIZE. */
#include "config.h"
#include "fuzz.h"

/* A raw C0, DEL or C1 control at the n bytes of s? */
static bool raw_control(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f
		    || (s[i] == 0xc2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] < 0xa0))
			return true;
	return false;
}

static void check_clean(const uint8_t *data, size_t size)
{
	char *buf = malloc(TEXT_CLEAN_SIZE(size));
	size_t n;

	if (!buf)
		abort();
	text_clean(buf, TEXT_CLEAN_SIZE(size), (const char *)data, size);
	n = strlen(buf);
	FUZZ_CHECK(!raw_control(buf, n), "text_clean left a control: %s", buf);
	for (size_t i = 0, k; i < n; i += k)
		FUZZ_CHECK((k = text_utf8_len(buf + i, n - i)) != 0, "text_clean left invalid UTF-8");
	FUZZ_CHECK(size == 0 || n >= size, "text_clean cut what fits");
	free(buf);
}

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
	FUZZ_CHECK(!raw_control(got, len), "a raw control in the JSON: %s", got);
	dec = malloc(len + 1);
	p = got;
	FUZZ_CHECK(fuzz_json_string(&p, dec, &dlen) && *p == '\0', "not one JSON string: %s", got);
	FUZZ_CHECK(dlen == (size_t)(w - want) && !memcmp(dec, want, dlen),
		   "decodes to other bytes than the input's: %s", got);
	free(dec);
	free(got);
	free(want);
	check_clean(data, size);
	return 0;
}
