/* pidfd.c - process file descriptors through syscall(2), detected at run
 * time, so that one binary works on every kernel from 5.x on. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "pidfd.h"
#include "util.h"

/* New system calls have one number on every architecture since 5.1. */
#ifndef SYS_pidfd_send_signal
# define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
# define SYS_pidfd_open 434
#endif

int pfd_open(pid_t pid, unsigned flags)
{
	return (int)syscall(SYS_pidfd_open, pid, flags);
}

bool pfd_supported(void)
{
	static int known = -1;

	if (known < 0) {
		int fd = pfd_open(getpid(), 0);
		known = fd >= 0 || errno != ENOSYS;
		if (fd >= 0)
			close(fd);
	}
	return known;
}

int pfd_send(int pidfd, int signo, const siginfo_t *info, unsigned flags)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, signo, info, flags);
}

int pfd_inode(int pidfd, uint64_t *ino)
{
	struct statfs sf;
	struct stat st;

	if (fstatfs(pidfd, &sf) < 0)
		return -1;
	/* Before pidfs, every pidfd shares the one anonymous inode. */
	if ((unsigned long)sf.f_type != PIDFS_MAGIC) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (fstat(pidfd, &st) < 0)
		return -1;
	*ino = st.st_ino;
	return 0;
}

int pfd_is_pidfd(int fd)
{
	char path[64], link[64];
	struct statfs sf;
	ssize_t n;

	if (fstatfs(fd, &sf) < 0)
		return -1;
	if ((unsigned long)sf.f_type == PIDFS_MAGIC)
		return 1;
	/* Before pidfs (6.9) a pidfd is an anonymous inode of that name. */
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof link - 1);
	if (n < 0)
		return 0;
	link[n] = '\0';
	return !strcmp(link, "anon_inode:[pidfd]");
}

pid_t pfd_pid(int pidfd)
{
	char path[64], buf[1024];
	const char *p;
	long long v = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", pidfd);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -2;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0)
		return -2;
	buf[n] = '\0';
	if (!(p = strstr(buf, "\nPid:")))
		goto bad;
	for (p += 5; *p == '\t' || *p == ' '; p++)
		;
	if (*p == '-')
		return -1;      /* "Pid: -1": the process has ended */
	if (!c_isdigit(*p))
		goto bad;
	for (; c_isdigit(*p) && v <= INT_MAX; p++)
		v = v * 10 + (*p - '0');
	if (v > INT_MAX)
		goto bad;
	return (pid_t)v;
bad:
	errno = EBADMSG;
	return -2;
}

int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* One absolute CLOCK_MONOTONIC timer for every wait of the process, made
 * on first use; -1 if it cannot be made (no file descriptor left). */
static int deadline_timer(int64_t deadline)
{
	static int tfd = -2;
	struct itimerspec its = { .it_value = {
		.tv_sec = deadline / 1000000000, .tv_nsec = deadline % 1000000000 } };

	if (tfd == -2)
		tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (tfd >= 0 && timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		return -1;
	return tfd;
}

/* The deadline is absolute and stays so while sigtool is stopped: a
 * relative ppoll() timeout would not, since the kernel restarts the call
 * after SIGCONT with the time that was left when it stopped. So the wait
 * is on an absolute timerfd, polled with the pidfds; the relative timeout
 * is only the fallback when no timerfd can be had. */
int pfd_wait(struct pollfd *p, size_t n, int64_t deadline)
{
	struct pollfd *q = xmalloc(sizeof *q * (n + 1));
	int tfd = deadline >= 0 ? deadline_timer(deadline) : -1;
	int r;

	for (size_t i = 0; i < n; i++)
		q[i] = (struct pollfd){ .fd = p[i].fd, .events = POLLIN };
	q[n] = (struct pollfd){ .fd = tfd, .events = POLLIN };
	for (;;) {
		struct timespec ts, *tp = NULL;
		int64_t left = deadline - mono_ns();
		bool last = deadline >= 0 && left <= 0;

		/* at or past the deadline: one last look, without waiting */
		if (last || (deadline >= 0 && tfd < 0)) {
			left = last ? 0 : left;
			ts.tv_sec = left / 1000000000;
			ts.tv_nsec = left % 1000000000;
			tp = &ts;
		}
		r = ppoll(q, last ? n : n + 1, tp, NULL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0 && !last)
			r -= q[n].revents != 0;
		if (r != 0 || last || tfd < 0)
			break;
		/* only the timer: the next turn takes the last look (the read
		 * keeps a timer that fired early from spinning the loop) */
		uint64_t ticks;
		if (read(tfd, &ticks, sizeof ticks) < 0 && errno != EAGAIN) {
			r = -1;
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		p[i].revents = r > 0 ? q[i].revents : 0;
	free(q);
	return r;
}
