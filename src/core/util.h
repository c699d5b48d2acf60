/* util.h - small helpers: ASCII strings, descriptors, checked allocation. */
#ifndef SIGTOOL_UTIL_H
#define SIGTOOL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ASCII-only case mapping: "int" means INT even in a Turkish locale. */
static inline int c_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static inline int c_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

/* v in decimal, in buf, returning the first digit; snprintf costs far more. */
static inline char *fmt_uint(char buf[24], unsigned long long v)
{
	char *p = buf + 23;

	*p = '\0';
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	return p;
}

int c_strcasecmp(const char *a, const char *b);
int c_strncasecmp(const char *a, const char *b, size_t n);

/* fd itself, or, if it is 0, 1 or 2 (taken because a standard stream was
 * closed), a close-on-exec copy of it at 3 or above; -1 on error. A
 * descriptor of sigtool's must not stand in for stdin or stdout. */
int fd_above_stdio(int fd);

/* All n bytes of p to fd by repeated calls of fn (write, write_nosigpipe,
 * a send with MSG_NOSIGNAL): again after a short write or EINTR. Returns 0,
 * or -1 with errno as the failed call left it. */
int write_all(int fd, const void *p, size_t n,
	      ssize_t (*fn)(int fd, const void *p, size_t n));

/* Read a small file whole with one read(2) (the kernel builds a /proc file
 * at once): at most size bytes into buf, no NUL added. Returns the length,
 * or -1 with errno as open or read left it. */
ssize_t read_small(const char *path, char *buf, size_t size);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* The first n bytes of s (which has at least n), NUL added. */
char *xstrndup(const char *s, size_t n);

#endif
