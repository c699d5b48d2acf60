/* pidfd.c - process file descriptors through syscall(2), detected at run
 * time, so that one binary works on every kernel from 5.x on. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
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

/* Above 0, 1 and 2: with stdout closed, a pidfd at 1 would take the
 * output (EINVAL for every write), and at 2 the messages. */
int pfd_open(pid_t pid, unsigned flags)
{
	return fd_above_stdio((int)syscall(SYS_pidfd_open, pid, flags));
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
		tfd = fd_above_stdio(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
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

bool pfd_ended(int pidfd)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && p.revents;
}

/* The first version of the kernel's struct pidfd_info (PIDFD_INFO_SIZE_VER0),
 * which already holds exit_code; not in the headers of older systems. */
struct pidfd_info0 {
	uint64_t mask, cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
	int32_t exit_code;
};
#define PFD_GET_INFO _IOWR(0xFF, 11, struct pidfd_info0)
#define PFD_INFO_EXIT (1ULL << 3)

static int reaped_status(int pidfd, int *status)
{
	struct pidfd_info0 info = { .mask = PFD_INFO_EXIT };

	if (ioctl(pidfd, PFD_GET_INFO, &info) < 0 || !(info.mask & PFD_INFO_EXIT))
		return -1;
	*status = info.exit_code;
	return 0;
}

/* Field 52 of /proc/PID/stat, exit_code, while the process is a zombie
 * (state Z, field 3); the fields are counted from the last ')'. */
static int zombie_status(int pidfd, pid_t pid, int *status)
{
	char path[64], buf[2048], *p, *end;
	struct stat st;
	long long v;
	ssize_t n;
	int field = 3;

	/* exit_code reads 0 unless we may ptrace it: root, or its own user */
	snprintf(path, sizeof path, "/proc/%d", (int)pid);
	if (stat(path, &st) < 0 || (geteuid() != 0 && st.st_uid != geteuid()))
		return -1;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((n = read_small(path, buf, sizeof buf - 1)) <= 0)
		return -1;
	buf[n] = '\0';
	if (!(p = strrchr(buf, ')')) || p[1] != ' ' || p[2] != 'Z')
		return -1;
	for (p += 2; field < 52 && (p = strchr(p, ' ')); p++)
		field++;
	if (!p || (v = strtoll(p, &end, 10), end == p) || v < 0 || v > INT_MAX)
		return -1;
	/* a zombie keeps its PID: if it is still ours, so was the stat */
	if (pfd_send(pidfd, 0, NULL, 0) < 0)
		return -1;
	*status = (int)v;
	return 0;
}

int pfd_exit_status(int pidfd, pid_t pid, int *status)
{
	if (reaped_status(pidfd, status) == 0)
		return 0;
	if (pid > 0 && zombie_status(pidfd, pid, status) == 0)
		return 0;
	/* reaped between the two looks */
	return reaped_status(pidfd, status);
}
