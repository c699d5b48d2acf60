/* spawn-pair - wall time of two commands in paired runs, with as little of
 * the measurer in the figure as can be: each run is posix_spawn (a vfork,
 * no copy of this small process's pages) then waitpid, timed by
 * CLOCK_MONOTONIC around the pair of calls. A shell's own fork of itself,
 * which costs more than the commands compared here, is not in the figure.
 *
 * usage: spawn-pair RUNS SEP COMMAND_A... SEP COMMAND_B...
 * Prints one line per pair, "A_ns B_ns", A first in even runs and B first
 * in odd ones. Fails (status 1) when a command cannot be run or does not
 * exit 0. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static long long mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long run(char **argv)
{
	long long t0 = mono();
	pid_t pid;
	int st;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ) != 0
	    || waitpid(pid, &st, 0) != pid) {
		fprintf(stderr, "spawn-pair: cannot run %s\n", argv[0]);
		exit(1);
	}
	long long t1 = mono();
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "spawn-pair: %s did not exit 0\n", argv[0]);
		exit(1);
	}
	return t1 - t0;
}

int main(int argc, char **argv)
{
	int runs = argc > 3 ? atoi(argv[1]) : 0;
	char **a = argv + 3, **b = NULL;

	for (char **p = a; runs > 0 && *p; p++)
		if (strcmp(*p, argv[2]) == 0) {
			*p = NULL;
			b = p + 1;
			break;
		}
	if (!b || !*a || !*b) {
		fprintf(stderr, "usage: spawn-pair RUNS SEP COMMAND_A... SEP COMMAND_B...\n");
		return 2;
	}
	for (int i = 0; i < runs; i++) {
		long long ta, tb;

		if (i % 2) {
			tb = run(b);
			ta = run(a);
		} else {
			ta = run(a);
			tb = run(b);
		}
		printf("%lld %lld\n", ta, tb);
	}
	return 0;
}
