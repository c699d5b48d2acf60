/* tracetask.h - the tasks a trace has seen: thread ID -> process ID and
 * name, kept from the ring buffer's own COMM, FORK and EXIT records (seeded
 * from /proc), so that a sender that has exited since is still named as it
 * was when it sent. Each process also carries whether it is traced. */
#ifndef SIGTOOL_TRACETASK_H
#define SIGTOOL_TRACETASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sig.h"
#include "tracerec.h"

struct trace_task {
	pid_t tid;              /* 0: a free slot */
	pid_t pid;              /* its process (thread group) */
	char comm[TRACE_COMM_MAX];
	uint64_t exited;        /* time of its EXIT record; 0 while it lives */
	bool tracked;           /* (a process's main thread) its signals are shown */
	sigmask64 owed;         /* (main thread) generated for the process and
				   not delivered yet, as far as the records tell */
};

struct trace_tasks {
	struct trace_task *slot;
	size_t cap, n;          /* cap a power of two, n used slots */
	uint64_t keep_ns;       /* how long an exited task is kept */
};

void tasks_init(struct trace_tasks *ts);
void tasks_free(struct trace_tasks *ts);

/* The task tid, or NULL if unknown. */
struct trace_task *tasks_get(const struct trace_tasks *ts, pid_t tid);

/* The task tid, added (process tid, no name, not tracked) if unknown. */
struct trace_task *tasks_put(struct trace_tasks *ts, pid_t tid);

/* Every thread of every process in /proc. */
void tasks_seed(struct trace_tasks *ts);

/* A record of the ring buffer: COMM renames, FORK adds (with the forking
 * task's name; a new process is tracked if its parent is and follow is
 * set), EXIT marks exited. Others are ignored. Tasks that exited more than
 * keep_ns before the record are dropped now and then. */
void tasks_record(struct trace_tasks *ts, const struct trace_rec *r, bool follow);

/* Whether the process of task tid is tracked. */
bool tasks_tracked(const struct trace_tasks *ts, pid_t tid);

#endif
