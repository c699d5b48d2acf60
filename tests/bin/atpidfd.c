/* atpidfd - run a command and, at the moment it calls pidfd_open(PID, ...),
 * hold it there while a shell hook runs: the window between a scan of /proc
 * and the pidfd, made wide on purpose, for the PID-reuse tests.
 *
 * atpidfd [-n N] PID HOOK CMD [ARG...]
 *   runs CMD under ptrace; when CMD enters pidfd_open with PID as its first
 *   argument for the Nth time (default 1), runs `sh -c HOOK` and waits for
 *   it, then lets CMD go on. Exits with CMD's status (128+n if a signal
 *   ended it), whether or not the hook ran; 3 if ptrace is refused here. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
# define SYS_pidfd_open 434
#endif

static void run_hook(const char *hook)
{
	pid_t p = fork();
	int st;

	if (p == 0) {
		execl("/bin/sh", "sh", "-c", hook, (char *)NULL);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "atpidfd: the hook failed\n");
		exit(5);
	}
}

/* At a syscall-entry stop: whether it is pidfd_open(pid, ...). */
static int opens(pid_t child, long pid)
{
	struct __ptrace_syscall_info info;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, child, (void *)sizeof info, &info) <= 0)
		return 0;
	return info.op == PTRACE_SYSCALL_INFO_ENTRY && info.entry.nr == SYS_pidfd_open
	       && (long)info.entry.args[0] == pid;
}

static pid_t start(char **cmd)
{
	const char *asan = getenv("ASAN_OPTIONS");
	char opts[1024];
	pid_t child;

	/* LeakSanitizer cannot work in a traced process (the ASan build of CI) */
	snprintf(opts, sizeof opts, "%s%sdetect_leaks=0", asan ? asan : "", asan && *asan ? ":" : "");
	setenv("ASAN_OPTIONS", opts, 1);
	child = fork();
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(3);
		raise(SIGSTOP);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	return child;
}

/* CMD's status once it ends, or -1 while it is only stopped. */
static int ended(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return -1;
}

int main(int argc, char **argv)
{
	long pid, nth = 1;
	pid_t child;
	int st, sig = 0, rc;

	if (argc > 2 && !strcmp(argv[1], "-n"))
		nth = atol(argv[2]), argv += 2, argc -= 2;
	if (argc < 4 || (pid = atol(argv[1])) <= 0 || nth <= 0) {
		fprintf(stderr, "usage: atpidfd [-n N] PID HOOK CMD [ARG...]\n");
		return 2;
	}
	if ((child = start(argv + 3)) < 0 || waitpid(child, &st, 0) < 0 || !WIFSTOPPED(st))
		return 3;
	ptrace(PTRACE_SETOPTIONS, child, NULL,
	       (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL));
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, child, NULL, (void *)(long)sig) < 0
		    || waitpid(child, &st, 0) < 0)
			return 3;
		sig = 0;
		if ((rc = ended(st)) >= 0)
			return rc;
		if (WSTOPSIG(st) == (SIGTRAP | 0x80) && opens(child, pid) && --nth == 0) {
			run_hook(argv[2]);
			/* CMD goes on untraced, still our child */
			if (ptrace(PTRACE_DETACH, child, NULL, NULL) < 0)
				return 3;
			while (waitpid(child, &st, 0) >= 0)
				if ((rc = ended(st)) >= 0)
					return rc;
			return 3;
		} else if (WSTOPSIG(st) != (SIGTRAP | 0x80) && WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st);     /* a real signal: passed on */
		}
	}
}
