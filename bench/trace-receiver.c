/* trace-receiver.c - the receiver of bench/trace: takes N queued signals
 * SIGNO through a handler (so that each goes through the kernel's
 * delivery, and its signal_deliver tracepoint, which sigwaitinfo skips).
 * Installs the handler, blocks SIGNO, writes its PID and a newline to fd 3
 * (ready), then waits in sigsuspend until N have been handled.
 * Usage: trace-receiver SIGNO N */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_signal(int sig)
{
	(void)sig;
	handled++;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t block, wait;
	long n;
	int sig;

	if (argc != 3) {
		fprintf(stderr, "usage: trace-receiver SIGNO N\n");
		return 2;
	}
	sig = atoi(argv[1]);
	n = atol(argv[2]);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, sig);
	sigprocmask(SIG_BLOCK, &block, &wait);
	sigdelset(&wait, sig);
	dprintf(3, "%d\n", (int)getpid());
	close(3);
	while (handled < n)
		sigsuspend(&wait);
	return 0;
}
