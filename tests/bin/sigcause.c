/* sigcause - a process to which the kernel itself sends a signal, for the
 * tests of `sigtool trace`:
 *   sigcause pipe       write to a pipe with no reader: PIPE (default action)
 *   sigcause segv       read an unmapped address: SEGV, SEGV_MAPERR
 *   sigcause xcpu       spin past a 1 s RLIMIT_CPU: XCPU (SI_KERNEL)
 *   sigcause alarm      an ITIMER_REAL of 10 ms, then a busy loop: ALRM (SI_KERNEL)
 *   sigcause chld       fork a child that exits 3 and wait: CHLD, CLD_EXITED
 *   sigcause blocked    block USR1, kill(2) it to itself twice (the second
 *                       finds it pending), then unblock it into a handler
 *   sigcause overflow   RLIMIT_SIGPENDING 1, RTMIN blocked, sigqueue(3)
 *                       itself 3 times (the queue overflows), then exit
 *   sigcause oom        allocate and touch memory until killed
 * Each signals only itself or its own child. Exit status 0 where it
 * survives, else the signal's. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static void nothing(int sig)
{
	(void)sig;
}

static int do_pipe(void)
{
	int p[2];

	signal(SIGPIPE, SIG_DFL);
	if (pipe(p) < 0)
		return 1;
	close(p[0]);
	return write(p[1], "x", 1) < 0 ? 1 : 0;
}

static int do_xcpu(void)
{
	struct rlimit rl = { 1, 3 };
	volatile unsigned long n = 0;

	signal(SIGXCPU, SIG_DFL);
	if (setrlimit(RLIMIT_CPU, &rl) < 0)
		return 1;
	while (n != ~0UL)
		n++;
	return 1;
}

static int do_alarm(void)
{
	struct itimerval it = { .it_value = { 0, 10000 } };

	signal(SIGALRM, SIG_DFL);
	setitimer(ITIMER_REAL, &it, NULL);
	/* busy, not in pause(): on some virtual machines (this project's CI
	 * among them) a tracepoint hit in the timer interrupt of an idle CPU
	 * never reaches a sampling ring, perf record's included */
	for (volatile unsigned long i = 0; i < 4000000000ul; i++)
		;
	return 1;
}

static int do_chld(void)
{
	pid_t p = fork();

	if (p == 0)
		_exit(3);
	return p < 0 || waitpid(p, NULL, 0) < 0;
}

static int do_blocked(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, NULL);
	signal(SIGUSR1, nothing);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	return 0;
}

static int do_overflow(void)
{
	struct rlimit rl = { 1, 1 };
	union sigval v = { .sival_int = 0 };
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &s, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &rl) < 0)
		return 1;
	for (int i = 0; i < 3; i++)
		sigqueue(getpid(), SIGRTMIN, v);
	return 0;
}

static int do_oom(void)
{
	/* at most 64 GiB, so that a limit that fails to hold ends it anyway */
	for (int i = 0; i < 65536; i++) {
		char *p = malloc(1 << 20);
		if (p)
			memset(p, 1, 1 << 20);
	}
	return 1;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; int (*fn)(void); } what[] = {
		{ "pipe", do_pipe }, { "xcpu", do_xcpu }, { "alarm", do_alarm },
		{ "chld", do_chld }, { "blocked", do_blocked }, { "overflow", do_overflow },
		{ "oom", do_oom },
	};

	if (argc == 2 && !strcmp(argv[1], "segv")) {
		/* a page mapped, then unmapped: a plain load that faults
		 * (SEGV_MAPERR), which neither the compiler nor UBSan's NULL
		 * check turns into something else; a sanitizer's handler gives
		 * way to the default action */
		int *volatile p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		signal(SIGSEGV, SIG_DFL);
		if (p == MAP_FAILED || munmap(p, 4096) < 0)
			return 1;
		return *p;
	}
	for (size_t i = 0; argc == 2 && i < sizeof what / sizeof *what; i++)
		if (!strcmp(argv[1], what[i].name))
			return what[i].fn();
	fprintf(stderr, "usage: sigcause pipe|segv|xcpu|alarm|chld|blocked|overflow|oom\n");
	return 2;
}
