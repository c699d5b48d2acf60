/* proc.h - the signal state of a process or thread from /proc/PID/status,
 * read with one read(2) and no stdio, its name from /proc/PID/comm, and
 * its job-control identity from /proc/PID/stat. */
#ifndef SIGTOOL_PROC_H
#define SIGTOOL_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "sig.h"

/* The kernel keeps 15 bytes of a name (TASK_COMM_LEN 16 with the NUL). */
#define PROC_COMM_MAX 15
/* Nesting depth of PID namespaces (the kernel allows 32). */
#define PROC_NSPID_MAX 33

struct proc_status {
	char name[64];          /* Name: the raw bytes of comm, unescaped, NUL-ended */
	size_t name_len;        /* a name may hold any byte but NUL */
	char state;             /* State: 'R', 'S', 'D', 'T', 't', 'Z', 'X', 'I', ... */
	pid_t tgid, pid, ppid;
	pid_t nspid[PROC_NSPID_MAX];    /* NSpid: outermost namespace first */
	int nspid_len;                  /* 0 when the kernel has no NSpid (before 4.1) */
	long long sigq_queued, sigq_limit;      /* SigQ: queued/limit (per real uid) */
	sigmask64 sigpnd;       /* pending for this thread */
	sigmask64 shdpnd;       /* pending for the process (shared) */
	sigmask64 sigblk, sigign, sigcgt;       /* blocked, ignored, caught */
	/* Optional fields: not every kernel has them. */
	pid_t tracerpid;        /* TracerPid: 0 when not traced */
	int threads;            /* Threads: live threads of the process, 0 if absent */
	int kthread;            /* Kthread (Linux 6.x): 1 or 0; -1 when absent */
	unsigned uid[2], gid[2];        /* Uid, Gid: real and effective */
};

/* Read /proc/PID/status, or /proc/PID/task/TID/status when tid > 0.
 * Returns 0, or -1 with errno: ESRCH when there is no such process or
 * thread, EBADMSG when the file does not have the expected fields, or what
 * open/read gave (EACCES, ...). */
int proc_status_read(pid_t pid, pid_t tid, struct proc_status *st);

/* Parse the text of a status file (len bytes, need not be NUL-ended).
 * Returns 0, or -1 with errno EBADMSG when a needed field is missing or
 * malformed. For the unit tests as much as for the above. */
int proc_status_parse(const char *buf, size_t len, struct proc_status *st);

/* /proc/PID/comm without its newline, raw bytes, NUL-ended in buf (size
 * at least PROC_COMM_MAX + 1). Returns the length, or -1 with errno as
 * proc_status_read(). */
int proc_comm_read(pid_t pid, char *buf, size_t size);

/* Whether the process is a kernel thread: st's Kthread field where the
 * kernel has it, else PF_KTHREAD in the flags of /proc/PID/stat (read only
 * for children of kthreadd and for PPid 0, the only places kernel threads
 * live). 1 or 0; -1 with errno when stat cannot be read. */
int proc_is_kthread(pid_t pid, const struct proc_status *st);

/* The fields of /proc/PID/stat that job control and the kernel-thread test
 * need. A process outside the PID namespace of the /proc mount shows as 0. */
struct proc_stat {
	pid_t pid;
	char state;             /* 'R', 'S', 'T', 'Z', ... */
	pid_t ppid, pgrp, session;
	unsigned long long flags;       /* PF_* */
	long long threads;      /* num_threads; 1 for a zombie with no live thread */
	int tty_nr;             /* the controlling terminal's device, 0: none */
	unsigned long long starttime;   /* clock ticks after boot; 0 if absent */
};

/* Parse the text of a stat file (len bytes, need not be NUL-ended); the
 * name may hold blanks, parentheses and newlines. Returns 0, or -1 with
 * errno EBADMSG. */
int proc_stat_parse(const char *buf, size_t len, struct proc_stat *st);

/* Read ROOT/PID/stat, ROOT/self/stat for pid 0. ROOT is "/proc", or a fake
 * tree in the unit tests. Returns 0, or -1 with errno as proc_status_read(). */
int proc_stat_read(const char *root, pid_t pid, struct proc_stat *st);

/* Whether the process group of SELF (a member, already read) is orphaned as
 * the kernel decides before TSTP, TTIN or TTOU may stop a process (they are
 * then discarded): no member has its parent in another group of the same
 * session. As will_become_orphaned_pgrp() in kernel/exit.c, a zombie with
 * no live thread does not count, nor does a member whose parent is the
 * init of the initial PID namespace (INIT_IS_GLOBAL: pid 1 of ROOT is that
 * init). Reads ROOT/PID/stat of SELF's parent, then of every process only
 * if that is not enough. Returns 1 (orphaned), 0 (not), or -1 with errno
 * when ROOT cannot tell (EACCES, EPERM: a stat file it may not read). */
int proc_pgrp_orphaned(const char *root, const struct proc_stat *self, bool init_is_global);

/* Whether sigtool runs in the initial PID namespace (by the fixed inode of
 * /proc/self/ns/pid): 1, 0, or -1 if that cannot be read. Cached. */
int proc_pidns_is_initial(void);

/* The same for the caller's own process group, from /proc; *pgrp gets the
 * group. -1 with errno when /proc cannot tell: not mounted (ESRCH), the
 * view of another PID namespace or a session led from outside it (EXDEV),
 * processes hidden by hidepid (EACCES), or what proc_pgrp_orphaned() gave. */
int proc_own_pgrp_orphaned(pid_t *pgrp);

/* The numeric entries of a /proc directory, ascending: the PIDs of /proc
 * (pid 0) or the TIDs of /proc/PID/task. *ids is malloc'ed (free it);
 * returns the count, or -1 with errno (ESRCH for a process that is gone). */
long proc_list(pid_t pid, pid_t **ids);

#endif
