/* test-out.c - buffered output, JSON string escaping and aligned tables, read
 * back from a file put in place of standard output. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/out.h"
#include "core/sigjson.h"
#include "tap.h"
#include "capture.h"

/* ---- capturing fd 1 ---- */

/* ---- JSON strings ---- */

static void str_is(const char *in, size_t n, const char *want, const char *what)
{
	cap_begin();
	json_strn(in, n);
	is_str(cap_end(), want, "json: %s", what);
}

#define JS(in, want, what) str_is(in, sizeof(in) - 1, want, what)

static void test_json_escapes(void)
{
	JS("plain", "\"plain\"", "plain ASCII");
	JS("", "\"\"", "empty string");
	JS("a\"b", "\"a\\\"b\"", "quote");
	JS("a\\b", "\"a\\\\b\"", "backslash");
	JS("\\\"", "\"\\\\\\\"\"", "backslash then quote");
	JS("/", "\"/\"", "solidus is left alone");
	JS("\n", "\"\\n\"", "newline");
	JS("\t", "\"\\t\"", "tab");
	JS("\r", "\"\\r\"", "carriage return");
	JS("\b", "\"\\b\"", "backspace");
	JS("\f", "\"\\f\"", "form feed");
	JS("a\nb\tc\r\n", "\"a\\nb\\tc\\r\\n\"", "mixed short escapes");
	JS("\x01", "\"\\u0001\"", "0x01");
	JS("\x1f", "\"\\u001f\"", "0x1f");
	JS("\x7f", "\"\\u007f\"", "0x7f DEL");
	JS("\x0b", "\"\\u000b\"", "vertical tab");
	JS("\x1b[0m", "\"\\u001b[0m\"", "escape sequence");
	JS(" ~", "\" ~\"", "0x20 and 0x7e as they are");

	/* valid UTF-8 goes through byte for byte */
	JS("\xc3\xa9", "\"\xc3\xa9\"", "e acute (2 bytes)");
	JS("\xe2\x82\xac", "\"\xe2\x82\xac\"", "euro sign (3 bytes)");
	JS("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"", "emoji (4 bytes)");
	JS("\xc2\x80", "\"\\u0080\"", "U+0080, the first C1 control, escaped");
	JS("x\xc2\x9by", "\"x\\u009by\"", "U+009B (CSI) escaped");
	JS("\xc2\x9f", "\"\\u009f\"", "U+009F, the last C1 control, escaped");
	JS("\xc2\xa0", "\"\xc2\xa0\"", "U+00A0, the first 2-byte value past C1");
	JS("\xe0\xa0\x80", "\"\xe0\xa0\x80\"", "U+0800, the first 3-byte value");
	JS("\xed\x9f\xbf", "\"\xed\x9f\xbf\"", "U+D7FF, just below the surrogates");
	JS("\xee\x80\x80", "\"\xee\x80\x80\"", "U+E000, just above the surrogates");
	JS("\xef\xbf\xbf", "\"\xef\xbf\xbf\"", "U+FFFF");
	JS("\xf0\x90\x80\x80", "\"\xf0\x90\x80\x80\"", "U+10000, the first 4-byte value");
	JS("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"", "U+10FFFF, the last code point");
	JS("caf\xc3\xa9 \xe2\x82\xac" "5", "\"caf\xc3\xa9 \xe2\x82\xac" "5\"", "mixed text");

	/* every invalid byte becomes one U+FFFD */
	JS("\xff", "\"\\ufffd\"", "0xff");
	JS("\xfe", "\"\\ufffd\"", "0xfe");
	JS("\x80", "\"\\ufffd\"", "lone continuation byte");
	JS("a\x80z", "\"a\\ufffdz\"", "lone continuation between ASCII");
	JS("\xc0\x80", "\"\\ufffd\\ufffd\"", "overlong NUL C0 80");
	JS("\xc1\xbf", "\"\\ufffd\\ufffd\"", "overlong C1 BF");
	JS("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"", "overlong 3-byte slash");
	JS("\xf0\x80\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", "overlong 4-byte slash");
	JS("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"", "surrogate U+D800");
	JS("\xed\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\"", "surrogate U+DFFF");
	JS("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", "U+110000, past the last");
	JS("\xf5\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", "F5 lead byte");
	JS("a\xe2\x82", "\"a\\ufffd\\ufffd\"", "truncated 3-byte sequence at the end");
	JS("\xf0\x9f\x98", "\"\\ufffd\\ufffd\\ufffd\"", "truncated 4-byte sequence at the end");
	JS("\xc3", "\"\\ufffd\"", "truncated 2-byte sequence at the end");
	JS("\xe2\x82x", "\"\\ufffd\\ufffdx\"", "3-byte sequence cut by ASCII");
	JS("\xc3\"", "\"\\ufffd\\\"\"", "lead byte before a quote");
	JS("\xff\xc3\xa9", "\"\\ufffd\xc3\xa9\"", "invalid byte then a valid sequence");

	/* json_strn: the length counts, not a NUL */
	JS("a\0b", "\"a\\u0000b\"", "embedded NUL");
	JS("\0", "\"\\u0000\"", "lone NUL");
	str_is("abcdef", 3, "\"abc\"", "json_strn stops at n");
	str_is("\xe2\x82\xac", 2, "\"\\ufffd\\ufffd\"", "json_strn cutting a sequence: n is the end");

	cap_begin();
	json_str("x\ty");
	is_str(cap_end(), "\"x\\ty\"", "json_str uses strlen");
	cap_begin();
	json_str("a\0b");
	is_str(cap_end(), "\"a\"", "json_str stops at NUL");
	cap_begin();
	json_str(NULL);
	is_str(cap_end(), "null", "json_str(NULL) is null");
}

static void test_json_keys(void)
{
	bool first = true;

	cap_begin();
	out_putc('{');
	json_key(&first, "a");
	out_uint(1);
	json_key(&first, "b");
	json_str("x");
	json_key(&first, "c\"d");
	out_puts("null");
	out_putc('}');
	is_str(cap_end(), "{\"a\":1,\"b\":\"x\",\"c\\\"d\":null}", "json_key: commas between keys only");
	ok(!first, "json_key clears *first");

	first = false;
	cap_begin();
	json_key(&first, "k");
	is_str(cap_end(), ",\"k\":", "json_key with first false starts with a comma");

	first = true;
	cap_begin();
	out_putc('{');
	json_signal_fields(&first, 15);
	out_putc('}');
	is_str(cap_end(), "{\"signo\":15,\"name\":\"TERM\",\"description\":\"Terminated\","
	       "\"default_action\":\"Term\"}", "json_signal_fields(TERM)");

	first = false;
	cap_begin();
	json_signal_fields(&first, SIGRTMIN + 1);
	is_str(cap_end(), ",\"signo\":35,\"name\":\"RTMIN+1\",\"description\":"
	       "\"Real-time signal 1\",\"default_action\":\"Term\"", "json_signal_fields(RTMIN+1)");

	first = true;
	cap_begin();
	json_signal_fields(&first, SIGCHLD);
	is_str(cap_end(), "\"signo\":17,\"name\":\"CHLD\",\"description\":\"Child exited\","
	       "\"default_action\":\"Ign\"", "json_signal_fields(CHLD)");
}

/* ---- plain output ---- */

static void test_out_basic(void)
{
	char big[2000];

	cap_begin();
	out_uint(0);
	out_putc(' ');
	out_uint(42);
	out_putc(' ');
	out_uint(ULLONG_MAX);
	is_str(cap_end(), "0 42 18446744073709551615", "out_uint");

	cap_begin();
	out_printf("%d-%s-%c", -7, "x", 'y');
	is_str(cap_end(), "-7-x-y", "out_printf");

	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	cap_begin();
	out_printf("<%s>", big);
	const char *got = cap_end();
	ok(cap_len == sizeof big + 1 && got[0] == '<' && got[cap_len - 1] == '>'
	   && strspn(got + 1, "q") == sizeof big - 1, "out_printf longer than its 512-byte buffer");

	cap_begin();
	out_puts("dropped");
	out_discard();
	out_puts("kept");
	is_str(cap_end(), "kept", "out_discard drops what is buffered");
}

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

static bool same_as_pattern(const char *got, size_t len, size_t off, size_t n)
{
	if (len != off + n) {
		diag("got %zu bytes, want %zu", len, off + n);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)got[off + i] != pattern(i)) {
			diag("first difference at byte %zu", off + i);
			return false;
		}
	return true;
}

static void test_out_large(void)
{
	static const size_t sizes[] = { 8191, 8192, 8193, 16384, 100000, 1 << 20 };
	size_t maxn = 1 << 20;
	char *src = malloc(maxn);
	const char *got;

	if (!src)
		exit(99);
	for (size_t i = 0; i < maxn; i++)
		src[i] = (char)pattern(i);

	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		size_t n = sizes[k];

		cap_begin();
		out_write(src, n);
		got = cap_end();
		ok(same_as_pattern(got, cap_len, 0, n), "out_write of %zu bytes in one call", n);

		/* something already buffered must come out first */
		cap_begin();
		out_puts("head:");
		out_write(src, n);
		got = cap_end();
		ok(!memcmp(got, "head:", 5) && same_as_pattern(got, cap_len, 5, n),
		   "buffered text, then out_write of %zu bytes: in order", n);
	}

	/* a buffer filled to the last byte, then one more */
	cap_begin();
	out_write(src, 8191);
	out_putc((char)pattern(8191));
	out_putc((char)pattern(8192));
	got = cap_end();        /* before reading cap_len */
	ok(same_as_pattern(got, cap_len, 0, 8193), "out_putc across the buffer boundary");

	/* many small writes of varying sizes */
	cap_begin();
	size_t pos = 0;
	for (size_t i = 0; pos < 300000; i++) {
		size_t n = i % 13;
		if (n == 0)
			out_putc(src[pos++]);
		else {
			out_write(src + pos, n);
			pos += n;
		}
	}
	got = cap_end();
	ok(same_as_pattern(got, cap_len, 0, pos), "%zu bytes in small writes: all, in order", pos);

	cap_begin();
	for (int i = 0; i < 20000; i++)
		out_printf("%05d\n", i);
	got = cap_end();
	bool good = cap_len == 20000 * 6;
	for (int i = 0; good && i < 20000; i++) {
		char want[16];
		snprintf(want, sizeof want, "%05d\n", i);
		good = !memcmp(got + 6 * i, want, 6);
	}
	ok(good, "20000 out_printf lines: all, in order");
	free(src);
}

/* ---- tables ---- */

static void test_table(void)
{
	struct table *t;

	t = table_new("rll");
	table_cell(t, "1"); table_cell(t, "HUP"); table_cell(t, "Hangup");
	table_cellf(t, "%d", 15); table_cell(t, "TERM"); table_cell(t, "Terminated");
	table_cell(t, "64"); table_cell(t, "RTMAX"); table_cell(t, "x");
	cap_begin();
	table_print(t);
	is_str(cap_end(),
	       " 1  HUP    Hangup\n"
	       "15  TERM   Terminated\n"
	       "64  RTMAX  x\n", "r and l columns, last column not padded");

	t = table_new("lr");
	table_cell(t, "a"); table_cell(t, "1");
	table_cell(t, "bbb"); table_cell(t, "100");
	cap_begin();
	table_print(t);
	is_str(cap_end(), "a      1\nbbb  100\n", "right-aligned last column: padded on the left only");

	t = table_new("ll");
	table_cell(t, "\xc3\xa9t\xc3\xa9"); table_cell(t, "x");
	table_cell(t, "abcd"); table_cell(t, "y");
	table_cell(t, "\xe2\x82\xac"); table_cell(t, "z");
	cap_begin();
	table_print(t);
	is_str(cap_end(), "\xc3\xa9t\xc3\xa9   x\nabcd  y\n\xe2\x82\xac     z\n",
	       "UTF-8 cells are measured in characters, not bytes");

	t = table_new("rl");
	table_cell(t, ""); table_cell(t, "");
	table_cell(t, "22"); table_cell(t, "");
	cap_begin();
	table_print(t);
	is_str(cap_end(), "    \n22  \n", "empty cells: the separator stays, the last cell is empty");

	t = table_new("l");
	cap_begin();
	table_print(t);
	is_str(cap_end(), "", "an empty table prints nothing");

	t = table_new("l");
	table_cell(t, "only");
	table_cell(t, "one");
	cap_begin();
	table_print(t);
	is_str(cap_end(), "only\none\n", "one column: never padded");

	/* more columns than a fixed-size width array would hold */
	t = table_new("llllllllllllllllllllr");
	for (int row = 0; row < 2; row++)
		for (int c = 0; c < 21; c++)
			table_cellf(t, "%d", row ? c * 100 : c);
	cap_begin();
	table_print(t);
	is_str(cap_end(),
	       "0  1    2    3    4    5    6    7    8    9    10    11    12    13    14    15    16    17    18    19      20\n"
	       "0  100  200  300  400  500  600  700  800  900  1000  1100  1200  1300  1400  1500  1600  1700  1800  1900  2000\n",
	       "21 columns");
}

/* Display width, as a terminal shows it: the locale's wcwidth() (main sets
 * C.UTF-8, whose character data is full): Hangul two columns, a combining
 * accent none. */
static void test_width(void)
{
	struct table *t;

	ok(out_width("\xed\x95\x9c\xea\xb8\x80") == 4, "Hangul: two columns a syllable");
	ok(out_width("e\xcc\x81") == 1, "a combining accent takes no column");
	ok(out_width("\xff") == 1, "a byte that starts no UTF-8 sequence: one column");
	t = table_new("ll");
	table_cell(t, "\xea\xb8\xb0\xeb\xb3\xb8 \xeb\x8f\x99\xec\x9e\x91"); table_cell(t, "x");
	table_cell(t, "abcd"); table_cell(t, "y");
	cap_begin();
	table_print(t);
	is_str(cap_end(), "\xea\xb8\xb0\xeb\xb3\xb8 \xeb\x8f\x99\xec\x9e\x91  x\nabcd       y\n",
	       "a Korean cell pads the column to its display width");
}

/* write_nosigpipe: EPIPE instead of a death by SIGPIPE, no disposition
 * changed, the mask given back after a write that worked. */
static void test_nosigpipe(void)
{
	struct sigaction sa;
	sigset_t mask, pend;
	int p[2], err;
	ssize_t w;

	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&mask);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (pipe(p) < 0)
		exit(99);
	w = write_nosigpipe(p[1], "x", 1);
	sigprocmask(SIG_SETMASK, NULL, &mask);
	is_int(w, 1, "write_nosigpipe writes to a pipe with a reader");
	ok(!sigismember(&mask, SIGPIPE), "and leaves SIGPIPE unblocked after");

	close(p[0]);
	errno = 0;
	w = write_nosigpipe(p[1], "x", 1);
	err = errno;
	is_int(w, -1, "write_nosigpipe to a pipe with no reader fails");
	is_int(err, EPIPE, "with EPIPE, and the process lives on");
	sigaction(SIGPIPE, NULL, &sa);
	ok(sa.sa_handler == SIG_DFL, "SIGPIPE's disposition is still the default");
	sigpending(&pend);
	sigprocmask(SIG_SETMASK, NULL, &mask);
	ok(sigismember(&pend, SIGPIPE) && sigismember(&mask, SIGPIPE),
	   "the kernel's SIGPIPE stays pending and blocked");
	close(p[1]);
	signal(SIGPIPE, SIG_IGN);       /* discards the pending one */
	sigemptyset(&mask);
	sigprocmask(SIG_SETMASK, &mask, NULL);
}

/* Last: the first write error is kept for good. */
static void test_epipe(void)
{
	int p[2], saved, rc, err;

	signal(SIGPIPE, SIG_IGN);
	if (pipe(p) < 0)
		exit(99);
	close(p[0]);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(p[1], STDOUT_FILENO);
	close(p[1]);

	out_puts("to nobody");
	errno = 0;
	rc = out_flush();
	err = errno;
	out_write("more", 4);
	errno = 0;
	int rc2 = out_flush();
	int err2 = errno;

	dup2(saved, STDOUT_FILENO);
	close(saved);
	is_int(rc, -1, "out_flush to a pipe with no reader fails");
	is_int(err, EPIPE, "with errno EPIPE");
	is_int(rc2, -1, "and keeps failing after more output");
	is_int(err2, EPIPE, "still EPIPE");
}

int main(void)
{
	setenv("LC_ALL", "C.UTF-8", 1);         /* read by the first i18n_init() */
	test_json_escapes();
	test_json_keys();
	test_out_basic();
	test_out_large();
	test_table();
	test_width();
	test_nosigpipe();
	test_epipe();
	free(cap_buf);
	return done_testing();
}
