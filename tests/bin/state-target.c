/* state-target.c - a process with a known signal state, for the tests of
 * mask, pending and status: it blocks, ignores and catches the signals it
 * is told to, leaves some pending behind their block, starts threads with
 * masks of their own, optionally keeps an unreaped child (a zombie), then
 * writes what the test needs to a readiness file and sleeps until killed.
 *
 *   state-target --ready FILE [--block SIGS] [--ignore SIGS] [--catch SIGS]
 *                [--raise SIGS] [--tkill SIGS] [--name NAME] [--zombie]
 *                [--traced] [--thread BLOCK[:PENDING]]...
 *   state-target --clean-exec COMMAND [ARG...]
 *
 * SIGS are sigtool signal sets ("USR1,TERM", "all"); "-" is the empty set.
 * --raise sends SIGS to the process (kill: ShdPnd), --tkill to the main
 * thread (tgkill: its SigPnd); both must be blocked, and every thread must
 * block what --raise sends, or a thread would take it. Each --thread starts
 * a thread that blocks exactly BLOCK and sends itself PENDING (a subset of
 * BLOCK). --traced starts a child ("tracee") that the target traces
 * (PTRACE_SEIZE) and holds in a tracing stop (PTRACE_INTERRUPT); it dies
 * with the target. FILE gets, once everything is in place, shell
 * assignments: pid=PID, tids="TID...", zombie=PID, traced=PID (0: none, or
 * ptrace not permitted here).
 *
 * Signals 32 and 33 may arrive ignored from the test harness, and glibc's
 * sigaction() refuses to touch them; both forms set them to the default
 * with the raw system call, and --clean-exec then runs COMMAND with the
 * rest of its state untouched, so that a test starts from a known state. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/parse.h"
#include "core/sig.h"

#define MAX_THREADS 8

struct thread_arg {
	sigmask64 block, pending;
	int index;
	pid_t tid;
	pthread_barrier_t *ready;
};

static void fail(const char *what)
{
	fprintf(stderr, "state-target: %s: %s\n", what, strerror(errno));
	exit(99);
}

static sigmask64 sigs(const char *s)
{
	struct perr e;
	sigmask64 m = 0;

	if (strcmp(s, "-") && parse_sigset(s, 0, &m, &e) < 0) {
		fprintf(stderr, "state-target: %s\n", e.msg);
		exit(99);
	}
	return m;
}

static void to_sigset(sigmask64 m, sigset_t *set)
{
	sigemptyset(set);
	for (int s = 1; s <= 64; s++)
		if (m & SIGBIT(s))
			sigaddset(set, s);
}

/* The kernel's struct sigaction (glibc's kernel_sigaction.h). */
struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
#ifdef SA_RESTORER
	void (*restorer)(void);
#endif
	uint64_t mask;
};

static void default_32_33(void)
{
	struct ksigaction ksa = { .handler = SIG_DFL };

	for (int s = 32; s <= 33; s++)
		if (syscall(SYS_rt_sigaction, s, &ksa, NULL, sizeof ksa.mask) < 0)
			fail("rt_sigaction");
}

static void on_signal(int signo)
{
	(void)signo;
}

static void *thread_main(void *p)
{
	struct thread_arg *a = p;
	char name[16];
	sigset_t set;

	to_sigset(a->block, &set);
	pthread_sigmask(SIG_SETMASK, &set, NULL);
	snprintf(name, sizeof name, "state-thr%d", a->index);
	prctl(PR_SET_NAME, name);
	a->tid = (pid_t)syscall(SYS_gettid);
	for (int s = 1; s <= 64; s++)
		if (a->pending & SIGBIT(s))
			syscall(SYS_tgkill, getpid(), a->tid, s);
	pthread_barrier_wait(a->ready);
	for (;;)
		pause();
	return NULL;
}

/* A child that exits at once and is never reaped; returns once it is a zombie. */
static pid_t make_zombie(void)
{
	pid_t pid = fork();
	siginfo_t si;

	if (pid < 0)
		fail("fork");
	if (pid == 0)
		_exit(0);
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, pid, &si, WEXITED | WNOWAIT) < 0)     /* leaves it a zombie */
		fail("waitid");
	return pid;
}

/* A child traced by us and held in a tracing stop; 0 if ptrace is refused. */
static pid_t make_tracee(void)
{
	pid_t parent = getpid(), pid;
	int st, p[2];
	char c;

	if (pipe(p) < 0 || (pid = fork()) < 0)
		fail("fork");
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		prctl(PR_SET_NAME, "tracee");
		close(p[0]);
		close(p[1]);            /* named: the parent may go on */
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 0)
		fail("read (tracee)");
	close(p[0]);
	if (ptrace(PTRACE_SEIZE, pid, NULL, NULL) < 0
	    || ptrace(PTRACE_INTERRUPT, pid, NULL, NULL) < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return 0;
	}
	if (waitpid(pid, &st, __WALL) < 0 || !WIFSTOPPED(st))
		fail("waitpid (tracee)");
	return pid;
}

int main(int argc, char **argv)
{
	sigmask64 block = 0, ignore = 0, catch = 0, raise_ = 0, tkill = 0;
	struct thread_arg th[MAX_THREADS];
	const char *ready = NULL, *name = NULL;
	bool zombie = false, traced = false;
	int nth = 0;

	default_32_33();
	if (argc > 2 && !strcmp(argv[1], "--clean-exec")) {
		execvp(argv[2], argv + 2);
		fail(argv[2]);
	}
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(o, "--zombie")) {
			zombie = true;
			continue;
		}
		if (!strcmp(o, "--traced")) {
			traced = true;
			continue;
		}
		if (!v) {
			fprintf(stderr, "state-target: %s needs a value\n", o);
			return 99;
		}
		i++;
		if (!strcmp(o, "--ready"))
			ready = v;
		else if (!strcmp(o, "--name"))
			name = v;
		else if (!strcmp(o, "--block"))
			block |= sigs(v);
		else if (!strcmp(o, "--ignore"))
			ignore |= sigs(v);
		else if (!strcmp(o, "--catch"))
			catch |= sigs(v);
		else if (!strcmp(o, "--raise"))
			raise_ |= sigs(v);
		else if (!strcmp(o, "--tkill"))
			tkill |= sigs(v);
		else if (!strcmp(o, "--thread") && nth < MAX_THREADS) {
			char *colon = strchr(argv[i], ':');
			if (colon)
				*colon = '\0';
			th[nth] = (struct thread_arg){ .block = sigs(argv[i]), .index = nth + 1 };
			th[nth].pending = colon ? sigs(colon + 1) : 0;
			nth++;
		} else {
			fprintf(stderr, "state-target: unknown option %s\n", o);
			return 99;
		}
	}
	if (!ready) {
		fprintf(stderr, "state-target: --ready FILE is required\n");
		return 99;
	}
	if (name)
		prctl(PR_SET_NAME, name);

	/* Exactly the state asked for: a shell starts background jobs with
	 * INT and QUIT ignored, which the target must not inherit. */
	for (int s = sig_first(); s; s = sig_next(s)) {
		struct sigaction sa;
		if (!sig_catchable(s))
			continue;
		memset(&sa, 0, sizeof sa);
		sigemptyset(&sa.sa_mask);
		sa.sa_handler = ignore & SIGBIT(s) ? SIG_IGN : catch & SIGBIT(s) ? on_signal : SIG_DFL;
		if (sigaction(s, &sa, NULL) < 0)
			fail("sigaction");
	}
	sigset_t set;
	to_sigset(block, &set);
	if (sigprocmask(SIG_SETMASK, &set, NULL) < 0)
		fail("sigprocmask");
	for (int s = 1; s <= 64; s++) {
		if (raise_ & SIGBIT(s))
			kill(getpid(), s);
		if (tkill & SIGBIT(s))
			syscall(SYS_tgkill, getpid(), getpid(), s);
	}

	pid_t zpid = zombie ? make_zombie() : 0;
	pid_t tpid = traced ? make_tracee() : 0;

	pthread_barrier_t barrier;
	pthread_barrier_init(&barrier, NULL, nth + 1);
	for (int i = 0; i < nth; i++) {
		pthread_t t;
		th[i].ready = &barrier;
		if ((errno = pthread_create(&t, NULL, thread_main, &th[i])))
			fail("pthread_create");
	}
	pthread_barrier_wait(&barrier);

	char tmp[4096];
	FILE *f;
	snprintf(tmp, sizeof tmp, "%s.tmp", ready);
	if (!(f = fopen(tmp, "w")))
		fail(tmp);
	fprintf(f, "pid=%d\ntids=\"%d", (int)getpid(), (int)getpid());
	for (int i = 0; i < nth; i++)
		fprintf(f, " %d", (int)th[i].tid);
	fprintf(f, "\"\nzombie=%d\ntraced=%d\n", (int)zpid, (int)tpid);
	if (fclose(f) != 0 || rename(tmp, ready) < 0)
		fail(ready);
	for (;;)
		pause();
}
