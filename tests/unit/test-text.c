/* test-text.c - text_clean: C0, DEL, C1 and invalid UTF-8 become \xHH byte
 * by byte, everything else is kept, and a short buffer is cut between
 * characters, never inside an escape or a UTF-8 sequence; text_width: the
 * locale's display width; text_wrap_line: prose broken at blanks by
 * display width. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <stdbool.h>

#include "core/text.h"
#include "tap.h"

static const char *clean(const char *s, size_t n, size_t size)
{
	static char buf[256];

	return text_clean(buf, size, s, n);
}

#define CLEAN(lit) clean(lit, sizeof lit - 1, 256)

/* s wrapped to width columns, its lines joined by '|'. */
static const char *wrap(const char *s, size_t width)
{
	static char buf[512];
	size_t o = 0, n, next;

	for (bool first = true; first || *s; first = false, s += next) {
		n = text_wrap_line(s, width, &next);
		if (!first)
			buf[o++] = '|';
		memcpy(buf + o, s, n);
		o += n;
	}
	buf[o] = '\0';
	return buf;
}

#define KO_GANA "\xea\xb0\x80\xeb\x82\x98"       /* 가나: 6 bytes, 4 columns */
#define KO_DARA "\xeb\x8b\xa4\xeb\x9d\xbc"       /* 다라 */
#define KO_MABA "\xeb\xa7\x88\xeb\xb0\x94"       /* 마바 */

static void test_width(void)
{
	is_int(text_width("", 0), 0, "nothing takes no column");
	is_int(text_width("abcdefghijklmnopqrst", 20), 20, "ASCII: a column a byte, past 8 bytes too");
	is_int(text_width(KO_GANA, 6), 4, "Hangul: two columns a syllable");
	is_int(text_width("abcdefgh" KO_GANA, 14), 12, "Hangul after eight ASCII bytes");
	is_int(text_width("e\xcc\x81", 3), 1, "a combining accent takes no column");
	is_int(text_width("a\xff" "b", 3), 3, "a byte the locale cannot read: one column");
	is_int(text_width("\xc3\xa7\xc3\xa3o", 5), 3, "ção: three columns of five bytes");
}

static void test_wrap(void)
{
	is_str(wrap("one two three four", 9), "one two|three|four", "breaks at the last blank that fits");
	is_str(wrap("aaaa bbbb", 9), "aaaa bbbb", "a line of exactly width columns stays");
	is_str(wrap("aaaa bbbb", 8), "aaaa|bbbb", "one column less breaks it");
	is_str(wrap("a verylongword b", 5), "a|verylongword|b", "a word wider than width is kept whole, alone");
	is_str(wrap("a  b", 10), "a  b", "blanks inside a line are kept");
	is_str(wrap("a    b", 2), "a|b", "blanks at a break are dropped");
	is_str(wrap("a\nb c", 10), "a|b c", "a newline ends a line");
	is_str(wrap("one two three four", 0), "one two three four", "width 0 never wraps");
	is_str(wrap("", 10), "", "empty prose: one empty line");
	is_str(wrap(KO_GANA " " KO_DARA " " KO_MABA, 9), KO_GANA " " KO_DARA "|" KO_MABA,
	       "Hangul measured in columns (9 fits 4+1+4), not bytes (13)");
	is_str(wrap(KO_GANA " " KO_DARA " " KO_MABA, 8), KO_GANA "|" KO_DARA "|" KO_MABA,
	       "and 8 columns do not hold two words of 4");

	const char *prose = "init of the system (PID 1): the kernel does not deliver signals "
		"whose disposition is default to it, KILL and STOP included; only caught "
		"signals reach it";
	size_t next, n, lines = 0, longest = 0, words = 0;
	for (const char *s = prose; *s; s += next, lines++) {
		n = text_wrap_line(s, 30, &next);
		if (text_width(s, n) > longest)
			longest = text_width(s, n);
		for (size_t i = 0; i < n; i++)
			words += s[i] != ' ' && (i + 1 == n || s[i + 1] == ' ');
	}
	ok(longest <= 30 && lines == 6, "long prose at 30 columns: 6 lines, none wider (%zu lines, %zu wide)",
	   lines, longest);
	is_int(words, 27, "and every word is still there");
}

int main(void)
{
	setenv("LC_ALL", "C.UTF-8", 1);         /* read by the first i18n_init() */
	test_width();
	test_wrap();
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
