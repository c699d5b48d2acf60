/* sighelper.c - senders and launchers for the bats tests of the receiving
 * verbs, doing what no shell command does:
 *   sighelper queue PID SIGNO VALUE    sigqueue(3) once (SI_QUEUE)
 *   sighelper burst PID SIGNO N        sigqueue the values 0..N-1 in order,
 *                                      retrying while the queue is full
 *   sighelper tkill PID SIGNO          tgkill(PID, PID, SIGNO) (SI_TKILL)
 *   sighelper exec [-b SIGNO]... [-i SIGNO]... [-r SIGNO]... [-q SIGNO]... [-a] -- CMD...
 *       exec CMD with SIGNO blocked (-b) or ignored (-i), with SIGNO sent
 *       to itself after that (-r: pending if blocked; -q: sigqueue'd with
 *       the values 1, 2, 3... in the order given), or with a SIGALRM of
 *       the kernel's (SI_KERNEL) pending and blocked (-a).
 *   sighelper exit-after SIGNO USEC FILE  block SIGNO, write the PID to FILE,
 *                                      take SIGNO (sigwaitinfo), then exit 0
 *                                      USEC microseconds after it came: a
 *                                      target that ends on its own at a time
 *                                      its sender chooses
 *   sighelper sysno-read               the number of read(2) on this machine,
 *                                      as /proc/PID/syscall shows it
 * It signals only the PID it is given: the tests give it processes they
 * started. Exit status 0, or 1 with a message. System calls that fail as on
 * an older kernel are sysfail's job. */
#include "config.h"
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *what)
{
	fprintf(stderr, "sighelper: %s: %s\n", what, strerror(errno));
	return 1;
}

static long num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end) {
		fprintf(stderr, "sighelper: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int queue(pid_t pid, int sig, long first, long n)
{
	for (long i = 0; i < n; i++) {
		union sigval v = { .sival_int = (int)(first + i) };
		while (sigqueue(pid, sig, v) < 0) {
			if (errno != EAGAIN)
				return fail("sigqueue");
			sched_yield();  /* RLIMIT_SIGPENDING: the receiver is behind */
		}
	}
	return 0;
}

/* A SIGALRM from an interval timer (sent with SI_KERNEL), left pending. */
static int kernel_alarm(sigset_t *block)
{
	struct itimerval it = { { 0, 0 }, { 0, 1000 } };
	struct timespec ms = { 0, 1000000 };
	sigset_t pend;

	sigaddset(block, SIGALRM);
	if (sigprocmask(SIG_BLOCK, block, NULL) < 0 || setitimer(ITIMER_REAL, &it, NULL) < 0)
		return fail("setitimer");
	for (;;) {
		sigpending(&pend);
		if (sigismember(&pend, SIGALRM))
			return 0;
		nanosleep(&ms, NULL);
	}
}

static int exec_cmd(int argc, char **argv)
{
	struct sigaction ign = { .sa_handler = SIG_IGN };
	bool alarm = false;
	sigset_t block, raise_;
	int c, queued[64], nq = 0;

	sigemptyset(&block);
	sigemptyset(&raise_);
	while ((c = getopt(argc, argv, "+b:i:r:q:a")) != -1) {
		switch (c) {
		case 'b':
			sigaddset(&block, num(optarg));
			break;
		case 'i':
			if (sigaction(num(optarg), &ign, NULL) < 0)
				return fail("sigaction");
			break;
		case 'r':
			sigaddset(&raise_, num(optarg));
			break;
		case 'q':
			if (nq < 64)
				queued[nq++] = num(optarg);
			break;
		case 'a':
			alarm = true;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc)
		return 2;
	if (sigprocmask(SIG_BLOCK, &block, NULL) < 0)
		return fail("sigprocmask");
	for (int s = 1; s < NSIG; s++)
		if (sigismember(&raise_, s) == 1 && kill(getpid(), s) < 0)
			return fail("kill");
	for (int i = 0; i < nq; i++)
		if (queue(getpid(), queued[i], i + 1, 1))
			return 1;
	if (alarm && kernel_alarm(&block))
		return 1;
	execvp(argv[optind], argv + optind);
	return fail(argv[optind]);
}

static int exit_after(int sig, long usec, const char *file)
{
	struct timespec ts = { usec / 1000000, usec % 1000000 * 1000 };
	sigset_t set;
	FILE *f;

	sigemptyset(&set);
	sigaddset(&set, sig);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return fail("sigprocmask");
	if (!(f = fopen(file, "w")) || fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f))
		return fail(file);
	if (sigwaitinfo(&set, NULL) < 0)
		return fail("sigwaitinfo");
	while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
		;
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (!strcmp(cmd, "queue") && argc == 5)
		return queue(num(argv[2]), num(argv[3]), num(argv[4]), 1);
	if (!strcmp(cmd, "burst") && argc == 5)
		return queue(num(argv[2]), num(argv[3]), 0, num(argv[4]));
	if (!strcmp(cmd, "tkill") && argc == 4)
		return syscall(SYS_tgkill, num(argv[2]), num(argv[2]), num(argv[3])) < 0
		       ? fail("tgkill") : 0;
	if (!strcmp(cmd, "exit-after") && argc == 5)
		return exit_after(num(argv[2]), num(argv[3]), argv[4]);
	if (!strcmp(cmd, "sysno-read"))
		return printf("%d\n", (int)SYS_read) < 0;
	if (!strcmp(cmd, "exec"))
		return exec_cmd(argc - 1, argv + 1);
	fprintf(stderr, "usage: sighelper queue|burst|tkill|exec|sysno-read ... (see the source)\n");
	return 2;
}
