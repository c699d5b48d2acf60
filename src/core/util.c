/* util.c - small helpers: ASCII strings, descriptors, checked allocation. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "util.h"

int c_strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int d = c_toupper((unsigned char)*a) - c_toupper((unsigned char)*b);
		if (d || !*a)
			return d;
	}
	return 0;
}

int c_strcasecmp(const char *a, const char *b)
{
	return c_strncasecmp(a, b, (size_t)-1);
}

ssize_t read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY), err;
	ssize_t n;

	if (fd < 0)
		return -1;
	do
		n = read(fd, buf, size);
	while (n < 0 && errno == EINTR);
	err = errno;
	close(fd);
	errno = err;
	return n;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(EXIT_FAILURE, "%s", strerror(ENOMEM));
	return p;
}

void *xmalloc(size_t n)
{
	return xrealloc(NULL, n);
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

int fd_above_stdio(int fd)
{
	int high, err;

	if (fd < 0 || fd > STDERR_FILENO)
		return fd;
	high = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	err = errno;
	close(fd);
	errno = err;
	return high;
}

int write_all(int fd, const void *buf, size_t n,
	      ssize_t (*fn)(int fd, const void *p, size_t n))
{
	const char *p = buf;

	while (n) {
		ssize_t w = fn(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}
