/* text.c - text that comes from another process or a file (comm, cmdline,
 * pidfile contents, paths), made safe to show people on a terminal. Below
 * msg.c: every diagnostic passes through text_clean(). */
#include "config.h"

#include <string.h>

#include "text.h"

size_t text_utf8_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
	    || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* How many bytes at s (n > 0) form one character to escape byte by byte:
 * a C0 control or DEL (1), a C1 control (2), an invalid byte (1); 0 for a
 * character shown as it is, whose length is then in *keep. */
static size_t unsafe_len(const char *s, size_t n, size_t *keep)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = text_utf8_len(s, n);

	*keep = len;
	if (len == 0 || c < 0x20 || c == 0x7f)
		return 1;
	if (len == 2 && c == 0xc2 && (unsigned char)s[1] < 0xa0)
		return 2;
	return 0;
}

char *text_clean(char *buf, size_t size, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, keep, bad;

	for (size_t i = 0; i < n; i += bad ? bad : keep) {
		bad = unsafe_len(s + i, n - i, &keep);
		if (o + (bad ? 4 * bad : keep) >= size)
			break;
		if (!bad) {
			memcpy(buf + o, s + i, keep);
			o += keep;
		}
		for (size_t j = 0; j < bad; j++) {
			unsigned char c = (unsigned char)s[i + j];
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		}
	}
	buf[o] = '\0';
	return buf;
}
