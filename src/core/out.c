/* out.c - buffered standard output that remembers its first write error,
 * aligned tables and JSON with correct string escaping. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "util.h"

static char buf[8192];
static size_t used;
static int out_errno;           /* first write error, 0 if none */

static void drain(const char *p, size_t n)
{
	while (n && !out_errno) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0) {
			if (errno != EINTR)
				out_errno = errno;
			continue;
		}
		p += w;
		n -= w;
	}
}

int out_flush(void)
{
	drain(buf, used);
	used = 0;
	if (out_errno) {
		errno = out_errno;
		return -1;
	}
	return 0;
}

void out_discard(void)
{
	used = 0;
}

void out_write(const void *p, size_t n)
{
	if (n > sizeof buf - used) {
		out_flush();
		if (n >= sizeof buf) {
			drain(p, n);
			return;
		}
	}
	memcpy(buf + used, p, n);
	used += n;
}

void out_puts(const char *s)
{
	out_write(s, strlen(s));
}

void out_putc(char c)
{
	if (used == sizeof buf)
		out_flush();
	buf[used++] = c;
}

void out_uint(unsigned long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;

	do
		*--p = '0' + v % 10;
	while (v /= 10);
	out_write(p, tmp + sizeof tmp - p);
}

void out_printf(const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		out_write(tmp, n);
		return;
	}
	char *big = xmalloc(n + 1);
	va_start(ap, fmt);
	vsnprintf(big, n + 1, fmt, ap);
	va_end(ap);
	out_write(big, n);
	free(big);
}

void out_close_atexit(void)
{
	if (out_flush() == 0 && close(STDOUT_FILENO) == 0)
		return;
	if (errno == EBADF && !out_errno)
		return;                 /* stdout was closed when we started */
	if (errno == EPIPE)
		_exit(EXIT_SUCCESS);    /* the reader stopped early: not our failure */
	warn_(_("write error"));
	_exit(EXIT_FAILURE);
}

static void ignore_sigpipe(int signo)
{
	(void)signo;                /* the write returns EPIPE; nothing to do here */
}

void out_init(void)
{
	struct sigaction sa;

	if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = ignore_sigpipe;
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGPIPE, &sa, NULL);
	}
	atexit(out_close_atexit);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
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
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
	    || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

void json_strn(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	static const char hex[] = "0123456789abcdef";

	out_putc('"');
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		size_t len;

		if (c == '"' || c == '\\') {
			out_putc('\\');
			out_putc(c);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			const char *esc = c == '\n' ? "\\n" : c == '\t' ? "\\t" :
					  c == '\r' ? "\\r" : c == '\b' ? "\\b" :
					  c == '\f' ? "\\f" : NULL;
			if (esc) {
				out_puts(esc);
			} else {
				char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
				out_write(u, 6);
			}
			i++;
		} else if ((len = utf8_len(s + i, n - i)) == 0) {
			out_puts("\\ufffd");
			i++;
		} else {
			out_write(s + i, len);
			i += len;
		}
	}
	out_putc('"');
}

void json_str(const char *s)
{
	if (s)
		json_strn(s, strlen(s));
	else
		out_puts("null");
}

void json_key(bool *first, const char *key)
{
	if (!*first)
		out_putc(',');
	*first = false;
	json_str(key);
	out_putc(':');
}

struct table {
	const char *align;
	size_t ncols, ncells, cap;
	char **cells;
};

struct table *table_new(const char *align)
{
	struct table *t = xmalloc(sizeof *t);

	*t = (struct table){ .align = align, .ncols = strlen(align) };
	return t;
}

void table_cell(struct table *t, const char *s)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	t->cells[t->ncells++] = xstrdup(s);
}

void table_cellf(struct table *t, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	table_cell(t, tmp);
}

/* Display width: count UTF-8 lead bytes, so translated text lines up. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static void pad(size_t n)
{
	while (n--)
		out_putc(' ');
}

void table_print(struct table *t)
{
	/* one width per column: a fixed array would be read past its end by
	 * a table with more columns */
	size_t *w = xmalloc(t->ncols * sizeof *w);

	memset(w, 0, t->ncols * sizeof *w);
	for (size_t i = 0; i < t->ncells; i++) {
		size_t c = i % t->ncols, cw = width(t->cells[i]);
		if (cw > w[c])
			w[c] = cw;
	}
	for (size_t i = 0; i < t->ncells; i++) {
		size_t c = i % t->ncols, cw = width(t->cells[i]);
		bool last = c == t->ncols - 1;

		if (t->align[c] == 'r')
			pad(w[c] - cw);
		out_puts(t->cells[i]);
		if (last)
			out_putc('\n');
		else {
			if (t->align[c] != 'r')
				pad(w[c] - cw);
			out_puts("  ");
		}
		free(t->cells[i]);
	}
	free(w);
	free(t->cells);
	free(t);
}
