/* sigrecv - a test target that records the signals it receives.
 *
 * sigrecv [-n COUNT] [-i SIGS] [-H SIGS] READYFILE [SIG...]
 *
 * Sets every signal to SIG_DFL but -i SIGS (ignored) and -H SIGS (given
 * a handler that does nothing, so /proc shows them caught), blocks every
 * SIG, writes its PID
 * to READYFILE once all that is in place, then takes the SIGs with
 * sigwaitinfo and prints one line per signal, "signo code pid uid value"
 * (code SI_USER, SI_QUEUE, SI_TKILL...; value "-" unless SI_QUEUE), until
 * COUNT (default 1; 0: no end) have come. With no SIG it only waits to be
 * ended. It ends itself (ALRM) after two minutes in any case. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sigs.h"

static void nothing(int signo)
{
	(void)signo;
}

int main(int argc, char **argv)
{
	sigset_t wait, ign, cgt;
	long count = 1;
	char ready[32];
	int opt;

	sigemptyset(&wait);
	sigemptyset(&ign);
	sigemptyset(&cgt);
	while ((opt = getopt(argc, argv, "+n:i:H:")) != -1) {
		switch (opt) {
		case 'n':
			count = strtol(optarg, NULL, 10);
			break;
		case 'i':
			sig_list(optarg, &ign);
			break;
		case 'H':
			sig_list(optarg, &cgt);
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: sigrecv [-n COUNT] [-i SIGS] [-H SIGS] READYFILE [SIG...]\n");
		return 2;
	}
	const char *file = argv[optind++];
	int nwait = argc - optind;
	for (; optind < argc; optind++)
		sigaddset(&wait, sig_arg(argv[optind]));

	/* A known state whatever we inherited (a shell starts background
	 * commands with INT and QUIT ignored): all default but -i and -H. */
	for (int s = 1; s < NSIG; s++) {
		struct sigaction sa = { .sa_handler = SIG_DFL };
		if (sigismember(&ign, s))
			sa.sa_handler = SIG_IGN;
		else if (sigismember(&cgt, s))
			sa.sa_handler = nothing;
		sigaction(s, &sa, NULL);
	}
	sigprocmask(SIG_BLOCK, &wait, NULL);
	alarm(120);     /* never outlive a test run by much */
	snprintf(ready, sizeof ready, "%d\n", (int)getpid());
	write_ready(file, ready);

	if (!nwait)     /* (glibc's sigisemptyset() overlooks real-time signals) */
		for (;;)
			pause();
	for (long n = 0; count == 0 || n < count; n++) {
		siginfo_t si;
		char cb[16];
		if (sigwaitinfo(&wait, &si) < 0)
			continue;
		printf("%d %s %d %d ", si.si_signo, code_name(si.si_code, cb),
		       (int)si.si_pid, (int)si.si_uid);
		if (si.si_code == SI_QUEUE)
			printf("%d\n", si.si_value.sival_int);
		else
			printf("-\n");
		fflush(stdout);
	}
	return 0;
}
