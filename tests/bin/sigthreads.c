/* sigthreads - a multi-threaded test target: which thread got the signal?
 *
 * sigthreads READYFILE NTHREADS SIG
 *
 * Blocks SIG in every thread, starts NTHREADS threads that each wait for
 * SIG with sigwaitinfo, and writes to READYFILE the PID on the first line
 * and the TID of each waiting thread on the next ones. The first thread to
 * get SIG prints "tid signo code pid value" and ends the process. A
 * thread-directed signal (tgkill) can only be taken by its own thread. */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sigs.h"

static sigset_t set;
static pthread_barrier_t started;
static pid_t tids[64];

static void *waiter(void *arg)
{
	siginfo_t si;
	char cb[16];

	tids[(long)arg] = gettid();
	pthread_barrier_wait(&started);
	while (sigwaitinfo(&set, &si) < 0)
		;
	printf("%d %d %s %d ", (int)gettid(), si.si_signo, code_name(si.si_code, cb),
	       (int)si.si_pid);
	if (si.si_code == SI_QUEUE)
		printf("%d\n", si.si_value.sival_int);
	else
		printf("-\n");
	fflush(stdout);
	exit(0);
}

int main(int argc, char **argv)
{
	char text[2048];
	long n;
	int len;

	if (argc != 4 || (n = strtol(argv[2], NULL, 10)) < 1 || n > 64) {
		fprintf(stderr, "usage: sigthreads READYFILE NTHREADS SIG\n");
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, sig_arg(argv[3]));
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	alarm(120);     /* never outlive a test run by much */
	pthread_barrier_init(&started, NULL, (unsigned)n + 1);
	for (long i = 0; i < n; i++) {
		pthread_t th;
		if (pthread_create(&th, NULL, waiter, (void *)i))
			return 1;
	}
	pthread_barrier_wait(&started);
	len = snprintf(text, sizeof text, "%d\n", (int)getpid());
	for (long i = 0; i < n; i++)
		len += snprintf(text + len, sizeof text - len, "%d\n", (int)tids[i]);
	write_ready(argv[1], text);
	for (;;)
		pause();
}
