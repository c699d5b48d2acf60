/* run.h - running a COMMAND with the signal state sigtool was started with:
 * fork or exec, the 125/126/127 convention, and waiting with a pidfd. */
#ifndef SIGTOOL_RUN_H
#define SIGTOOL_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sig.h"

/* What COMMAND gets, whatever sigtool did to itself meanwhile. Handlers
 * need no entry: execve resets them to the default. */
struct run_env {
	sigset_t mask;          /* COMMAND's signal mask */
	sigmask64 ignore;       /* set to SIG_IGN for COMMAND */
	sigmask64 dfl;          /* set to SIG_DFL for COMMAND */
	bool own_group;         /* run_spawn: COMMAND leads a process group of
				   its own (setpgid in the child and the parent) */
	int pdeathsig;          /* run_spawn: COMMAND gets this signal when
				   sigtool dies (PR_SET_PDEATHSIG); 0: none */
};

/* The state to give COMMAND: sigtool's mask now (call before changing it). */
void run_env_save(struct run_env *env);

struct run_child {
	pid_t pid;
	int pidfd;              /* -1 where pidfd_open() is missing (Linux < 5.3) */
	int64_t exec_ns;        /* mono_ns() as soon as sigtool learnt that the
				   kernel had taken COMMAND's execve */
};

/* Start argv (a PATH search for argv[0]) as a child with env's signal
 * state. Returns 0, or, after a message naming the command, the status to
 * exit with: 127 not found, 126 found but not executable, 125 sigtool could
 * not start it. An exec failure is reported by the child through a
 * close-on-exec pipe, so it is known before run_spawn returns.
 * If SIGCHLD is ignored, sigtool sets it to the default (an ignored SIGCHLD
 * makes the kernel reap children, and their status would be lost), and
 * COMMAND gets it back ignored. */
int run_spawn(char *const argv[], const struct run_env *env, struct run_child *child);

/* What a PATH search for file, as execvp() does it, finds without running
 * anything: 0 if execvp() may run it, else ENOENT (nowhere) or EACCES (found,
 * not executable). For a check before something that must not happen if the
 * exec fails (the exec form of timer arms the timer only then). */
int run_lookup(const char *file);

/* Become argv[0] with env's signal state; returns only on failure, with the
 * status to exit with (127 or 126) after a message. */
int run_exec(char *const argv[], const struct run_env *env);

/* The message for an exec of file that failed with err, and the status to
 * exit with: 127 (ENOENT, ENOTDIR) or 126. */
int run_exec_failed(const char *file, int err);

/* Reap the child if it has ended; wait for it if block. Returns 1 with *si
 * filled once reaped (the pidfd is closed), 0 if it is still running, -1 on
 * error. */
int run_reap(struct run_child *child, bool block, siginfo_t *si);

/* The status a shell gives an ended child: its exit code, or 128+n. */
int run_shell_status(const siginfo_t *si);

/* "exited with status 3", "was killed by signal TERM (core dumped)" */
const char *run_describe(const siginfo_t *si, char *buf, size_t size);

#endif
