/* proc.h - the signal state of a process or thread from /proc/PID/status,
 * read with one read(2) and no stdio, and its name from /proc/PID/comm. */
#ifndef SIGTOOL_PROC_H
#define SIGTOOL_PROC_H

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
};

/* Read /proc/PID/status, or /proc/PID/task/TID/status when tid > 0.
 * Returns 0, or -1 with errno: ESRCH when there is no such process or
 * thread, EBADMSG when the file does not have the expected fields, or what
 * open/read gave (EACCES, ...). */
int proc_status_read(pid_t pid, pid_t tid, struct proc_status *st);

/* Parse the text of a status file (len bytes, need not be NUL-ended).
 * Returns 0, or -1 with errno EBADMSG when a needed field is missing or
 * malformed. For the unit tests and the fuzzers as much as for the above. */
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

/* The numeric entries of a /proc directory, ascending: the PIDs of /proc
 * (pid 0) or the TIDs of /proc/PID/task. *ids is malloc'ed (free it);
 * returns the count, or -1 with errno (ESRCH for a process that is gone). */
long proc_list(pid_t pid, pid_t **ids);

#endif
