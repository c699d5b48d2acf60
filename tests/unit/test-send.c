/* test-send.c - pidfds (core/pidfd.c) and send's pidfile reader
 * (core/sendpidfile.c); DUR:SIG steps are test-parse's. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/pidfd.h"
#include "core/send.h"
#include "tap.h"

static void pidfds(void)
{
	int fd = pfd_open(getpid(), 0), p[2];
	uint64_t ino;
	struct pollfd pf;
	int64_t t0;

	if (fd < 0 && errno == ENOSYS) {
		ok(1, "# SKIP the kernel has no pidfds");
		return;
	}
	ok(fd >= 0, "pidfd_open of ourselves");
	ok(pfd_supported(), "pidfds are supported");
	ok(fcntl(fd, F_GETFD) & FD_CLOEXEC, "close-on-exec");
	is_int(pfd_is_pidfd(fd), 1, "a pidfd is a pidfd");
	ok(pipe(p) == 0, "a pipe");
	is_int(pfd_is_pidfd(p[0]), 0, "a pipe is not a pidfd");
	close(p[0]);
	close(p[1]);
	errno = 0;
	ok(pfd_is_pidfd(p[0]) < 0 && errno == EBADF, "a closed descriptor is EBADF");
	is_int(pfd_pid(fd), getpid(), "the PID from fdinfo");
	is_int(pfd_send(fd, 0, NULL, 0), 0, "signal 0 through it");
	if (pfd_inode(fd, &ino) == 0)
		ok(ino > 0, "a pidfs inode");
	else
		ok(errno == EOPNOTSUPP, "# no pidfs: EOPNOTSUPP");

	/* we do not end while we wait on ourselves: the deadline passes */
	pf.fd = fd;
	t0 = mono_ns();
	is_int(pfd_wait(&pf, 1, t0 + 20000000), 0, "the deadline passes");
	ok(mono_ns() - t0 >= 20000000, "after 20ms");
	close(fd);
	errno = 0;
	ok(pfd_open(-5, 0) < 0, "pidfd_open of a negative PID fails");
}

static void pidfiles(void)
{
	char path[] = "/tmp/test-send-XXXXXX";
	struct perr e;
	int err, fd = mkstemp(path);
	pid_t pid;
	FILE *f;

	ok(fd >= 0, "a temporary file");
	close(fd);
	f = fopen(path, "w");
	fputs("0042\n", f);
	fclose(f);
	ok(send_read_pidfile(path, &pid, &err, &e) == 0 && pid == 42, "0042 and a newline");
	f = fopen(path, "w");
	fputs("42\n\n", f);
	fclose(f);
	is_int(send_read_pidfile(path, &pid, &err, &e), -1, "two newlines");
	f = fopen(path, "w");
	fwrite("4\0002", 1, 3, f);
	fclose(f);
	is_int(send_read_pidfile(path, &pid, &err, &e), -1, "a NUL inside");
	unlink(path);
	ok(send_read_pidfile(path, &pid, &err, &e) == 1 && err == ENOENT,
	   "a missing file is a failing target, not a usage error");
}

int main(void)
{
	pidfds();
	pidfiles();
	return done_testing();
}
