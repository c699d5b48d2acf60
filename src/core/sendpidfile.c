/* sendpidfile.c - the PID a --pidfile of `send` names, read strictly: one
 * decimal PID and an optional newline, nothing else. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "parse.h"
#include "send.h"
#include "util.h"

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* The whole of a regular file, NUL added; NULL with errno when it cannot
 * be read. O_NONBLOCK and the check before any read: a FIFO (or a device)
 * would block for ever, and is refused with EINVAL (a directory EISDIR). */
static char *read_regular(const char *file, size_t *len)
{
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY), err = 0;
	size_t n = 0, size = 64;
	char *buf = NULL;
	struct stat st;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0)
		err = errno;
	else if (!S_ISREG(st.st_mode))
		err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	while (!err) {
		ssize_t r;

		if (!buf || n + 1 >= size)
			buf = xrealloc(buf, size *= 2);
		r = read(fd, buf + n, size - n - 1);
		if (r < 0 && errno != EINTR)
			err = errno;
		else if (r == 0)
			break;
		else if (r > 0)
			n += r;
	}
	close(fd);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

const char *send_pidfile_strerror(int read_err)
{
	return read_err == EINVAL ? _("not a regular file") : strerror(read_err);
}

int send_read_pidfile(const char *file, pid_t *pid, int *read_err, struct perr *e)
{
	struct pid_spec p;
	struct perr inner;
	size_t n;
	char *buf = read_regular(file, &n);
	int rc = 0;

	*read_err = buf ? 0 : errno;
	if (!buf)
		return 1;
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n == 0)
		rc = perr_set(e, _("pidfile '%s' is empty"), file);
	else if (strlen(buf) != n || has_control(buf))
		rc = perr_set(e, _("pidfile '%s' does not hold one PID and a newline"), file);
	else if (parse_pid(buf, false, &p, &inner) < 0)
		rc = perr_set(e, _("pidfile '%s': %s"), file, inner.msg);
	else
		*pid = p.pid;
	free(buf);
	return rc;
}
