/* ready.c - telling others that a process is ready for signals: a pidfile
 * written atomically and removed at a normal end, or a line on a file
 * descriptor. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "ready.h"
#include "util.h"

static char *pid_path;
static dev_t pid_dev;
static ino_t pid_ino;

/* "DIR/.BASE.XXXXXX" for path "DIR/BASE" */
static char *temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	char *t = xmalloc(strlen(path) + 10);

	memcpy(t, path, dirlen);
	t[dirlen] = '.';
	strcpy(t + dirlen + 1, path + dirlen);
	strcat(t, ".XXXXXX");
	return t;
}

/* "PID\n" of this process in line; its length. */
static size_t pid_line(char line[26])
{
	char num[24];
	size_t n;

	n = stpcpy(line, fmt_uint(num, getpid())) - line;
	line[n++] = '\n';
	line[n] = '\0';
	return n;
}

/* The pidfile of ready_announce(); 0, or -1 with errno set. */
static int pidfile_create(const char *path)
{
	char line[26], *tmp;
	struct stat st;
	mode_t mask;
	int fd, err;

	if (!*path || path[strlen(path) - 1] == '/') {
		errno = EISDIR;
		return -1;
	}
	tmp = temp_name(path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	/* mkostemp makes it 0600; a pidfile is for others to read */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0 || write_all(fd, line, pid_line(line), write) < 0
	    || fstat(fd, &st) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	free(pid_path);         /* one pidfile per process: the last one */
	pid_path = xstrdup(path);
	pid_dev = st.st_dev;
	pid_ino = st.st_ino;
	atexit(pidfile_remove);
	return 0;
fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = err;
	return -1;
}

void pidfile_remove(void)
{
	struct stat st;

	if (!pid_path)
		return;
	if (lstat(pid_path, &st) == 0 && st.st_dev == pid_dev && st.st_ino == pid_ino)
		unlink(pid_path);
	free(pid_path);
	pid_path = NULL;
}

static ssize_t send_nosignal(int fd, const void *p, size_t n)
{
	return send(fd, p, n, MSG_NOSIGNAL);
}

/* The ready line goes out with no SIGPIPE and without touching the mask:
 * whoever reads it may look at /proc at once (write_nosigpipe would show
 * PIPE blocked for an instant). A socket gets MSG_NOSIGNAL; a pipe whose
 * reader is gone is seen by poll(2) before the write. A reader that leaves
 * between the two kills sigtool with SIGPIPE, as it would any program. */
static int write_ready(int fd, const char *p, size_t n)
{
	struct pollfd pfd = { fd, POLLOUT, 0 };
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	if (S_ISFIFO(st.st_mode) && poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLERR)) {
		errno = EPIPE;
		return -1;
	}
	return write_all(fd, p, n, S_ISSOCK(st.st_mode) ? send_nosignal : write);
}

/* The line on fd of ready_announce(); 0, or -1 with errno set. */
static int ready_fd_announce(int fd)
{
	char line[26];
	size_t n = pid_line(line);
	int err;

	/* what is buffered for stdout goes first */
	if (fd == STDOUT_FILENO && out_flush() < 0)
		return -1;
	if (write_ready(fd, line, n) < 0) {
		err = errno;
		if (fd > STDERR_FILENO)
			close(fd);
		errno = err;
		return -1;
	}
	if (fd > STDERR_FILENO && close(fd) < 0 && errno != EINTR)
		return -1;
	return 0;
}

void ready_announce(const char *pidfile, int fd, int fail)
{
	if (pidfile && pidfile_create(pidfile) < 0)
		die(fail, _("cannot write pidfile '%s': %s"), pidfile, strerror(errno));
	if (fd < 0 || ready_fd_announce(fd) == 0)
		return;
	if (fd == STDOUT_FILENO && errno == EPIPE)
		exit(EXIT_SUCCESS);
	die(fail, _("cannot write to file descriptor %d: %s"), fd, strerror(errno));
}
