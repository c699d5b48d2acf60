/* out.c - buffered standard output that remembers its first write error,
 * aligned tables and JSON with correct string escaping. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "text.h"
#include "util.h"

static char buf[8192];
static size_t used;
static int out_errno;           /* first write error, 0 if none */

static void pad(size_t n);

ssize_t write_nosigpipe(int fd, const void *p, size_t n)
{
	sigset_t pipe, old;
	ssize_t w;
	int err;

	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, &old);
	w = write(fd, p, n);
	err = errno;
	/* After EPIPE the kernel's SIGPIPE is pending: it stays blocked, and
	 * the caller, whose output is gone, is about to end. */
	if (!(w < 0 && err == EPIPE))
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return w;
}

/* Only a pipe or a socket can raise SIGPIPE; stdout stays what it was. */
static bool stdout_can_epipe(void)
{
	static int can = -1;
	struct stat st;

	if (can < 0)
		can = fstat(STDOUT_FILENO, &st) == 0
		      && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
	return can;
}

static void drain(const char *p, size_t n)
{
	if (n && !out_errno && write_all(STDOUT_FILENO, p, n,
					 stdout_can_epipe() ? write_nosigpipe : write) < 0)
		out_errno = errno;
}

int out_error(void)
{
	return out_errno;
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

void out_field(const char *s, size_t width, bool right)
{
	size_t n = strlen(s);

	out_field_n(s, n, text_width(s, n), width, right);
}

void out_field_n(const char *s, size_t n, size_t w, size_t width, bool right)
{
	size_t fill = w < width ? width - w : 0;

	if (n + fill + 2 > sizeof buf - used) {
		out_flush();
		if (n + fill + 2 > sizeof buf) {
			pad(right ? fill : 0);
			out_write(s, n);
			pad(right ? 2 : fill + 2);
			return;
		}
	}
	char *p = buf + used;
	if (right) {
		memset(p, ' ', fill);
		memcpy(p + fill, s, n);
		p[fill + n] = p[fill + n + 1] = ' ';
	} else {
		memcpy(p, s, n);
		memset(p + n, ' ', fill + 2);
	}
	used += n + fill + 2;
}

void out_uint(unsigned long long v)
{
	char tmp[24];

	out_puts(fmt_uint(tmp, v));
}

void out_int(long long v)
{
	if (v < 0)
		out_putc('-');
	out_uint(v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
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

/* No disposition is changed for EPIPE: writes block SIGPIPE around them
 * (write_nosigpipe), so that /proc shows, and a signal sent by someone has,
 * exactly the effect sigtool inherited. */
void out_init(void)
{
	msg_on_fatal(out_discard);
	atexit(out_close_atexit);
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
		} else if ((len = text_utf8_len(str + i, n - i)) == 0) {
			out_puts("\\ufffd");
			i++;
		} else if (len == 2 && c == 0xc2 && s[i + 1] < 0xa0) {
			/* a C1 control: valid in JSON, but kept off terminals */
			char u[6] = { '\\', 'u', '0', '0', hex[s[i + 1] >> 4], hex[s[i + 1] & 15] };
			out_write(u, 6);
			i += 2;
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

/* Cells live in one arena, with their length and display width; column
 * widths are kept as cells arrive, so printing measures nothing again. */
struct cell {
	size_t off;
	unsigned len, width;
};

struct table {
	const char *align;
	size_t ncols, ncells, cap;
	struct cell *cells;
	char *arena;
	size_t alen, acap;
	unsigned *w;            /* one width per column */
};

size_t out_width(const char *s)
{
	return text_width(s, strlen(s));
}

/* ---- prose -------------------------------------------------------------- */

/* COLUMNS, as ls(1) and ps(1) read it: a positive decimal, else 0. */
static size_t env_columns(void)
{
	const char *c = getenv("COLUMNS");
	char *end;
	long v;

	if (!c || *c < '0' || *c > '9')
		return 0;
	errno = 0;
	v = strtol(c, &end, 10);
	return *end || errno || v <= 0 ? 0 : (size_t)v;
}

size_t out_wrap_width(void)
{
	static size_t width = SIZE_MAX;
	struct winsize ws;

	if (width != SIZE_MAX)
		return width;
	width = 0;
	if (!isatty(STDOUT_FILENO))
		return width;
	width = env_columns();
	if (!width && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		width = ws.ws_col;
	if (!width || width > OUT_PROSE_MAX)
		width = OUT_PROSE_MAX;
	return width;
}

void out_prose(const char *s, size_t col)
{
	size_t width = out_wrap_width(), room, n, next;

	if (!width) {
		out_puts(s);
		out_putc('\n');
		return;
	}
	room = width > col + OUT_PROSE_MIN ? width - col : OUT_PROSE_MIN;
	for (bool first = true; first || *s; first = false, s += next) {
		n = text_wrap_line(s, room, &next);
		if (!first)
			pad(col);
		out_write(s, n);
		out_putc('\n');
	}
}

struct table *table_new(const char *align)
{
	struct table *t = xmalloc(sizeof *t);

	/* an empty alignment still makes a table of one column */
	*t = (struct table){ .align = *align ? align : "l", .ncols = *align ? strlen(align) : 1 };
	t->w = xmalloc(t->ncols * sizeof *t->w);
	memset(t->w, 0, t->ncols * sizeof *t->w);
	return t;
}

/* Room for a cell of n bytes at the end of the arena. */
static struct cell *cell_new(struct table *t, size_t n)
{
	struct cell *cell;

	if (t->ncells == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	if (t->alen + n >= t->acap) {  /* >=: an arena exists even for empty cells */
		t->acap = 2 * t->acap + n + 4096;
		t->arena = xrealloc(t->arena, t->acap);
	}
	cell = &t->cells[t->ncells++];
	*cell = (struct cell){ .off = t->alen, .len = n, .width = n };
	t->alen += n;
	return cell;
}

static void cell_done(struct table *t, const struct cell *cell)
{
	size_t c = (t->ncells - 1) % t->ncols;

	if (cell->width > t->w[c])
		t->w[c] = cell->width;
}

void table_cell(struct table *t, const char *s)
{
	size_t n = strlen(s);
	struct cell *cell = cell_new(t, n);

	if (n)          /* the arena is still NULL before a first non-empty cell */
		memcpy(t->arena + cell->off, s, n);
	cell->width = text_width(s, n);
	cell_done(t, cell);
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

void table_cell_uint(struct table *t, unsigned long long v)
{
	char b[24];

	table_cell(t, fmt_uint(b, v));
}

static void pad(size_t n)
{
	while (n) {
		size_t k;
		if (used == sizeof buf)
			out_flush();
		k = n < sizeof buf - used ? n : sizeof buf - used;
		memset(buf + used, ' ', k);
		used += k;
		n -= k;
	}
}

void table_print(struct table *t)
{
	for (size_t i = 0; i < t->ncells; i++) {
		const struct cell *cell = &t->cells[i];
		size_t c = i % t->ncols, fill = t->w[c] - cell->width;
		bool last = c == t->ncols - 1, right = t->align[c] == 'r';
		size_t left = right ? fill : 0, after = last ? 0 : (right ? 0 : fill) + 2;
		size_t total = left + cell->len + after + last;

		if (total > sizeof buf) {       /* a huge cell: the slow way */
			pad(left);
			out_write(t->arena + cell->off, cell->len);
			pad(after);
			if (last)
				out_putc('\n');
			continue;
		}
		if (total > sizeof buf - used)
			out_flush();
		char *p = buf + used;
		memset(p, ' ', left);
		memcpy(p + left, t->arena + cell->off, cell->len);
		memset(p + left + cell->len, last ? '\n' : ' ', after + last);
		used += total;
	}
	free(t->w);
	free(t->cells);
	free(t->arena);
	free(t);
}
