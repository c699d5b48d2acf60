/* recv-sender.c - the sender of bench/recv: sigqueue(3) the values
 * 0..N-1 with signal SIGNO to PID, in order, retrying while the receiver's
 * queue is full (RLIMIT_SIGPENDING). Usage: recv-sender PID SIGNO N */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	pid_t pid;
	int sig;
	long n;

	if (argc != 4) {
		fprintf(stderr, "usage: recv-sender PID SIGNO N\n");
		return 2;
	}
	pid = atoi(argv[1]);
	sig = atoi(argv[2]);
	n = atol(argv[3]);
	for (long i = 0; i < n; i++) {
		union sigval v = { .sival_int = (int)i };
		while (sigqueue(pid, sig, v) < 0) {
			if (errno != EAGAIN) {
				perror("recv-sender: sigqueue");
				return 1;
			}
			sched_yield();
		}
	}
	return 0;
}
