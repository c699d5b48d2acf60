/* text.c - text for a terminal: text from another process or a file
 * (comm, cmdline, pidfile contents, paths) made safe to show, and the
 * display width of text and where prose wraps. Below msg.c and out.c:
 * every diagnostic passes through text_clean(), every table and wrapped
 * line is measured by text_width(). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
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

/* The columns of the character at s (n > 0 bytes left): the locale's
 * mbrtowc() and wcwidth() (Hangul and CJK take two, combining marks none).
 * What the locale cannot read (the C locale knows nothing beyond ASCII)
 * takes one column a UTF-8 character, else one a byte, so such text still
 * lines up as it did. */
static unsigned char_width(const char *s, size_t n, size_t *len)
{
	mbstate_t st;
	wchar_t wc;
	size_t r;
	int w;

	memset(&st, 0, sizeof st);
	r = mbrtowc(&wc, s, n, &st);
	if (r == 0 || r == (size_t)-1 || r == (size_t)-2) {
		*len = text_utf8_len(s, n);
		if (!*len)
			*len = 1;
		return 1;
	}
	*len = r;
	w = wcwidth(wc);
	return w < 0 ? 1 : (unsigned)w;
}

/* ASCII, the common case, is checked eight bytes at a time and costs no
 * locale. */
size_t text_width(const char *s, size_t n)
{
	size_t w, i = 0, len;

	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		if (v & 0x8080808080808080ULL)
			break;
	}
	w = i;
	if (i < n)
		i18n_init();    /* mbrtowc() and wcwidth() need LC_CTYPE */
	for (; i < n; i += len) {
		if (!((unsigned char)s[i] & 0x80)) {
			len = 1;
			w++;
			continue;
		}
		w += char_width(s + i, n - i, &len);
	}
	return w;
}

size_t text_wrap_line(const char *s, size_t width, size_t *next)
{
	size_t end = 0, cols = 0, i = 0;
	bool any = false;

	while (s[i] && s[i] != '\n') {
		size_t j = i, w;

		while (s[j] && s[j] != ' ' && s[j] != '\n')
			j++;
		w = text_width(s + i, j - i);
		/* blanks between words take one column each */
		if (any && width && cols + (i - end) + w > width)
			break;
		cols += (any ? i - end : 0) + w;
		end = j;
		any = true;
		for (i = j; s[i] == ' '; i++)
			;
	}
	if (s[i] == '\n')
		i++;
	*next = i;
	return end;
}
