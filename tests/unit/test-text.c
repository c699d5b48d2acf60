/* test-text.c - text_clean: C0, DEL, C1 and invalid UTF-8 become \xHH byte
 * by byte, everything else is kept, and a short buffer is cut between
 * characters, never inside an escape or a UTF-8 sequence. */
#include "config.h"

#include <string.h>

#include "core/text.h"
#include "tap.h"

static const char *clean(const char *s, size_t n, size_t size)
{
	static char buf[256];

	return text_clean(buf, size, s, n);
}

#define CLEAN(lit) clean(lit, sizeof lit - 1, 256)

int main(void)
{
	is_str(CLEAN("sleep"), "sleep", "ASCII is kept");
	is_str(CLEAN("a\\b c"), "a\\b c", "backslash and blank are kept");
	is_str(CLEAN("\xc3\xa9t\xc3\xa9 \xe6\x97\xa5"), "\xc3\xa9t\xc3\xa9 \xe6\x97\xa5",
	       "valid UTF-8 is kept");
	is_str(CLEAN("\xc2\xa0"), "\xc2\xa0", "U+00A0, just past C1, is kept");
	is_str(CLEAN("a\x1b[2Jb"), "a\\x1b[2Jb", "ESC becomes \\x1b");
	is_str(CLEAN("a\nb\tc\rd"), "a\\x0ab\\x09c\\x0dd", "newline, tab, CR escaped");
	is_str(CLEAN("\x7f"), "\\x7f", "DEL escaped");
	is_str(CLEAN("x\xc2\x9by"), "x\\xc2\\x9by", "C1 CSI (U+009B) escaped, both bytes");
	is_str(CLEAN("\xc2\x80\xc2\x9f"), "\\xc2\\x80\\xc2\\x9f", "U+0080 and U+009F escaped");
	is_str(CLEAN("\x9b"), "\\x9b", "a lone 0x9b (invalid UTF-8) escaped");
	is_str(CLEAN("\xff\xfe"), "\\xff\\xfe", "invalid bytes escaped");
	is_str(CLEAN("\xc0\xaf"), "\\xc0\\xaf", "an overlong form escaped");
	is_str(CLEAN("\xed\xa0\x80"), "\\xed\\xa0\\x80", "a surrogate escaped");
	is_str(CLEAN("\xe6\x97"), "\\xe6\\x97", "a cut sequence escaped");
	is_str(clean("a\0b", 3, 256), "a\\x00b", "NUL inside the bytes escaped");
	is_str(clean("abc\x1b", 4, 7), "abc", "an escape that does not fit is left out whole");
	is_str(clean("ab\xe6\x97\xa5", 5, 5), "ab", "a character that does not fit is left out whole");
	is_str(clean("ab\xe6\x97\xa5", 5, 6), "ab\xe6\x97\xa5", "one that fits exactly is kept");
	is_str(clean("abc", 3, 1), "", "a buffer of one byte holds the NUL");

	char all[256], out[TEXT_CLEAN_SIZE(256)];
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	text_clean(out, sizeof out, all, sizeof all);
	ok(strlen(out) < sizeof out, "every byte fits in TEXT_CLEAN_SIZE");
	int raw = 0;
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		raw += *p < 0x20 || *p == 0x7f || *p >= 0x80;
	is_int(raw, 0, "no control and no byte above ASCII survives the 256 single bytes");

	is_int(text_utf8_len("\xf4\x8f\xbf\xbf", 4), 4, "U+10FFFF is valid");
	is_int(text_utf8_len("\xf4\x90\x80\x80", 4), 0, "past U+10FFFF is not");
	return done_testing();
}
