/* recv-c-receiver.c - the reference of bench/recv: the minimal C receiver
 * of N queued signals. Block SIGNO, write the PID and a newline to fd 3
 * (ready), then sigwaitinfo(2) and printf(3) one line per signal, in the
 * text sigtool prints. Usage: recv-c-receiver SIGNO N */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	siginfo_t si;
	sigset_t set;
	long n;

	if (argc != 3) {
		fprintf(stderr, "usage: recv-c-receiver SIGNO N\n");
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, atoi(argv[1]));
	n = atol(argv[2]);
	sigprocmask(SIG_BLOCK, &set, NULL);
	dprintf(3, "%d\n", (int)getpid());
	close(3);
	for (long i = 0; i < n; i++) {
		if (sigwaitinfo(&set, &si) < 0) {
			i--;
			continue;
		}
		printf("RTMIN code=SI_QUEUE pid=%d uid=%u value=%d\n",
		       (int)si.si_pid, (unsigned)si.si_uid, si.si_value.sival_int);
	}
	return fflush(stdout) != 0;
}
