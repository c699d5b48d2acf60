/* timeout-probe - the COMMAND of bench/timeout: statically linked so that
 * its main runs soon after execve; prints its PID, then CLOCK_MONOTONIC in
 * nanoseconds at the start of main and when the TERM of a time limit
 * arrived (blocked, taken by sigwait). */
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
	long long t0 = mono();
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (sigwait(&set, &sig) != 0)
		return 1;
	printf("%d %lld %lld\n", (int)getpid(), t0, mono());
	return 0;
}
