/* forge.c - a hostile sender for the bats tests of wait and catch: signals
 * whose siginfo fields (code, pid, uid, value) are forged with
 * rt_sigqueueinfo(2), as any process allowed to signal another may do.
 *   forge list N SEED [self]          the N forged siginfos, one per line:
 *                                     "CODE PID UID VALUE"
 *   forge send PID SIGNO N SEED       send them to PID
 *   forge exec SIGNO N SEED -- CMD... queue them to itself with SIGNO
 *                                     blocked, then exec CMD (they stay
 *                                     pending across exec)
 *   forge sysno-poll                  the number of poll(2) here (of ppoll
 *                                     where there is no poll), as the next
 *   forge sysno-ppoll                 the number of ppoll(2) here, as
 *                                     /proc/PID/syscall shows it
 * The kernel takes a code >= 0 or SI_TKILL only from the target itself,
 * so `send` forges the other codes (INT_MIN, -1, random negative ones) and
 * `exec` (the sender is the target) every code, INT_MAX and 0 included,
 * but SI_TIMER.
 * The list starts with the extremes, then random codes and values from
 * SEED. It signals only the PID it is given. Status 0, or 1 with a message. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct forged {
	int code, pid, value;
	unsigned uid;
};

static const int extremes[] = {
	INT_MIN, INT_MAX, -1, 0, 1, -6, -7, -8, -60, -61, 0x80, INT_MIN + 1,
	INT_MAX - 1, -2, -3, -4, -5, 2, 6, 7, 127, 129,
};

/* Whether the kernel takes the code from another process; from the
 * target itself it takes any code, but drops a pending SI_TIMER at exec
 * (flush_itimer_signals), so `exec` forges none. */
static bool code_ok(int code, bool self)
{
	return self ? code != SI_TIMER : code < 0 && code != SI_TKILL;
}

static uint32_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 32);
}

/* The i-th forged siginfo of the series (self: every code allowed). */
static void forge_list(struct forged *f, long n, unsigned long seed, bool self)
{
	uint64_t s = seed;
	size_t k = 0;

	for (long i = 0; i < n; i++) {
		int code;

		do {
			code = k < sizeof extremes / sizeof *extremes ? extremes[k++]
								      : (int)next(&s);
		} while (!code_ok(code, self));
		f[i].code = code;
		f[i].pid = i % 3 == 0 ? INT_MIN : i % 3 == 1 ? -1 : (int)next(&s);
		f[i].uid = i % 2 ? UINT_MAX : next(&s);
		f[i].value = i % 4 == 0 ? INT_MIN : i % 4 == 1 ? INT_MAX : (int)next(&s);
	}
}

static long num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0) {
		fprintf(stderr, "forge: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int queue(pid_t pid, int signo, const struct forged *f, long n)
{
	for (long i = 0; i < n; i++) {
		siginfo_t si;

		memset(&si, 0, sizeof si);
		si.si_signo = signo;
		si.si_code = f[i].code;
		si.si_pid = f[i].pid;
		si.si_uid = f[i].uid;
		si.si_value.sival_int = f[i].value;
		if (syscall(SYS_rt_sigqueueinfo, pid, signo, &si) < 0) {
			fprintf(stderr, "forge: rt_sigqueueinfo code %d: %s\n",
				f[i].code, strerror(errno));
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct forged *f;
	long n;

	if (argc == 2 && !strcmp(argv[1], "sysno-ppoll"))
		return printf("%d\n", (int)SYS_ppoll) < 0;
#ifdef SYS_poll
	if (argc == 2 && !strcmp(argv[1], "sysno-poll"))
		return printf("%d\n", (int)SYS_poll) < 0;
#else   /* glibc's poll() is ppoll here */
	if (argc == 2 && !strcmp(argv[1], "sysno-poll"))
		return printf("%d\n", (int)SYS_ppoll) < 0;
#endif
	if (argc >= 4 && !strcmp(argv[1], "list")) {
		n = num(argv[2]);
		f = calloc(n ? n : 1, sizeof *f);
		forge_list(f, n, num(argv[3]), argc > 4 && !strcmp(argv[4], "self"));
		for (long i = 0; i < n; i++)
			printf("%d %d %u %d\n", f[i].code, f[i].pid, f[i].uid, f[i].value);
		free(f);
		return fflush(stdout) ? 1 : 0;
	}
	if (argc == 6 && !strcmp(argv[1], "send")) {
		n = num(argv[4]);
		f = calloc(n ? n : 1, sizeof *f);
		forge_list(f, n, num(argv[5]), false);
		int rc = queue((pid_t)num(argv[2]), (int)num(argv[3]), f, n);
		free(f);
		return rc;
	}
	if (argc >= 7 && !strcmp(argv[1], "exec") && !strcmp(argv[5], "--")) {
		int signo = (int)num(argv[2]);
		sigset_t set;

		n = num(argv[3]);
		f = calloc(n ? n : 1, sizeof *f);
		forge_list(f, n, num(argv[4]), true);
		sigemptyset(&set);
		sigaddset(&set, signo);
		if (sigprocmask(SIG_BLOCK, &set, NULL) < 0 || queue(getpid(), signo, f, n)) {
			free(f);
			return 1;
		}
		free(f);
		execvp(argv[6], argv + 6);
		fprintf(stderr, "forge: %s: %s\n", argv[6], strerror(errno));
		return 127;
	}
	fprintf(stderr, "usage: forge list N SEED [self] | sysno-ppoll | sysno-poll | send PID SIGNO N SEED | exec SIGNO N SEED -- CMD...\n");
	return 2;
}
