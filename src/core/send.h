/* send.h - the sending engine of `send` and `pidfd-send`: targets, one
 * send by the right system call, per-target errors, the handler and name
 * checks, dry runs, and the escalation (wait, then signal again) over
 * pidfds. It takes values and knows no option: the verb words what names
 * one (send_ctl.refusal). */
#ifndef SIGTOOL_SEND_H
#define SIGTOOL_SEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "parse.h"

enum send_kind {
	SEND_PID,       /* a process: through a pidfd where the kernel has them */
	SEND_PIDFD,     /* an inherited pidfd (--fd) */
	SEND_PGID,      /* killpg */
	SEND_ALL,       /* kill(-1) */
	SEND_THREAD,    /* tgkill(pid, tid) */
};

/* What the pidfd_send_signal() flags say the signal is for. */
enum send_scope { SCOPE_DEFAULT, SCOPE_THREAD, SCOPE_PROCESS, SCOPE_PGRP };

struct send_target {
	enum send_kind kind;
	pid_t pid;              /* the PID, the PGID, the process of a thread, or
				   the PID of a pidfd (0: unknown) */
	pid_t tid;              /* SEND_THREAD */
	bool has_inode;         /* PID:INODE given */
	uint64_t inode;
	const char *file;       /* the --pidfile it came from, or NULL */
	int read_err;           /* errno if that pidfile could not be read */
	int fd;                 /* its pidfd, or -1; SEND_PID: already opened
				   (a selected process), the caller closes it */
	const char *name;       /* SEND_PID: its name, for a selected process */
	/* Filled in by send_run(). */
	bool own_fd;            /* we opened fd and close it */
	bool thread_fd;         /* fd is a thread's pidfd (--scope thread) */
	pid_t tgid;             /* a PID that named a thread: its process */
	int state;
	int last_signo;         /* the last signal sent to it; once it has
				   ended, the one its exit status names */
	int prev_signo;         /* the one sent before that, or 0 */
};

/* The refusals whose words name the verb's options: send_ctl.refusal
 * holds them, msgids (N_) of printf formats with at most one %s. */
enum send_refusal {
	SEND_LEADS_NO_PGRP,     /* SCOPE_PGRP, and the target leads no group */
	SEND_NO_SCOPE_FLAGS,    /* a scope, and the kernel lacks PIDFD_SIGNAL_* */
	SEND_NO_PIDFD_THREAD,   /* SCOPE_THREAD, and the kernel lacks PIDFD_THREAD */
	SEND_THREAD_ID,         /* pidfd_only: a thread ID where a process goes */
	SEND_NAME_NO_PID,       /* expect_name, but the target's PID is not visible */
	SEND_HANDLER_NO_PID,    /* require_handler, the same */
	SEND_NO_HANDLER,        /* require_handler: no handler for %s (the signal) */
	SEND_REFUSALS
};

struct send_ctl {
	int signo;              /* 0: only check that targets exist */
	bool queue;             /* --value: SI_QUEUE with value */
	int value;
	enum send_scope scope;
	bool pidfd_only;        /* pidfd-send: never kill(2) */
	bool require_handler;
	const char *expect_name;        /* refuse a target of another name */
	bool verbose, json, dry_run;
	bool wait;                      /* until every target has ended */
	int64_t wait_limit;     /* ns after the last signal, -1: no limit */
	struct dur_sig *steps;  /* then each signal, delay ns after the last */
	size_t nsteps;
	const char *const *refusal;     /* [SEND_REFUSALS]: the verb's words */
	struct send_target *targets;
	size_t ntargets;
};

/* A target of the given kind with nothing resolved yet. */
struct send_target send_target(enum send_kind kind, pid_t pid);

/* A file that holds one decimal PID and an optional newline, nothing else.
 * Returns 0 with *pid set; 1 when the file cannot be read or is not a
 * regular file (errno in *read_err: a failing target, not a usage error);
 * -1 with a message when it holds anything but a PID (of any length:
 * leading zeros are fine). (sendpidfile.c) */
int send_read_pidfile(const char *file, pid_t *pid, int *read_err, struct perr *e);

/* What a read_err of send_read_pidfile() says: strerror(), or "not a
 * regular file" for a FIFO, a device or a socket (EINVAL). */
const char *send_pidfile_strerror(int read_err);

/* Resolve every target, send (or with dry_run, print), then wait and
 * escalate. Prints a message per failing target and returns the exit
 * status: 0, 1 if any target failed or was skipped, 124 if the wait
 * expired. -1 with errno ENOSYS, before anything is sent, when waiting or
 * steps need pidfds that the kernel lacks. */
int send_run(struct send_ctl *ctl);

#endif
