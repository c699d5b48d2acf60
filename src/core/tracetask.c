/* tracetask.c - thread ID -> process and name, an open-addressing hash
 * table rebuilt (without the tasks long gone) when it fills. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "tracetask.h"
#include "util.h"

#define KEEP_NS 2000000000ULL   /* an exited task may still be named this long */

void tasks_init(struct trace_tasks *ts)
{
	ts->cap = 16;           /* grows as tasks come: rebuild() */
	ts->n = 0;
	ts->slot = xmalloc(ts->cap * sizeof *ts->slot);
	memset(ts->slot, 0, ts->cap * sizeof *ts->slot);
	ts->keep_ns = KEEP_NS;
}

void tasks_free(struct trace_tasks *ts)
{
	free(ts->slot);
	ts->slot = NULL;
	ts->cap = ts->n = 0;
}

static size_t hash(pid_t tid, size_t cap)
{
	return ((uint32_t)tid * 2654435761u) & (cap - 1);
}

struct trace_task *tasks_get(const struct trace_tasks *ts, pid_t tid)
{
	if (!ts->cap || tid <= 0)
		return NULL;
	for (size_t i = hash(tid, ts->cap);; i = (i + 1) & (ts->cap - 1)) {
		if (ts->slot[i].tid == tid)
			return &ts->slot[i];
		if (!ts->slot[i].tid)
			return NULL;
	}
}

static struct trace_task *insert(struct trace_tasks *ts, const struct trace_task *t)
{
	size_t i = hash(t->tid, ts->cap);

	while (ts->slot[i].tid && ts->slot[i].tid != t->tid)
		i = (i + 1) & (ts->cap - 1);
	if (!ts->slot[i].tid)
		ts->n++;
	ts->slot[i] = *t;
	return &ts->slot[i];
}

static bool kept(const struct trace_task *t, uint64_t horizon)
{
	return t->tid && (!t->exited || t->exited >= horizon);
}

/* Keep what lives, what exited after now - keep_ns (now 0: everything) and
 * the main thread of any process that still has a live thread; more room
 * while what is kept fills a quarter of it. */
static void rebuild(struct trace_tasks *ts, uint64_t now)
{
	struct trace_tasks old = *ts;
	uint64_t horizon = now > ts->keep_ns ? now - ts->keep_ns : 0;
	size_t live = 0;

	for (size_t i = 0; i < old.cap; i++) {
		struct trace_task *t = &old.slot[i], *lead;
		if (t->tid && !t->exited && t->pid != t->tid && (lead = tasks_get(&old, t->pid)))
			lead->exited = 0;       /* the process lives on */
	}
	for (size_t i = 0; i < old.cap; i++)
		live += kept(&old.slot[i], horizon);
	while (live * 4 >= ts->cap)
		ts->cap *= 2;
	ts->n = 0;
	ts->slot = xmalloc(ts->cap * sizeof *ts->slot);
	memset(ts->slot, 0, ts->cap * sizeof *ts->slot);
	for (size_t i = 0; i < old.cap; i++) {
		const struct trace_task *t = &old.slot[i];
		if (kept(t, horizon))
			insert(ts, t);
	}
	free(old.slot);
}

struct trace_task *tasks_put(struct trace_tasks *ts, pid_t tid)
{
	struct trace_task *t = tasks_get(ts, tid), fresh = { .tid = tid, .pid = tid };

	if (t)
		return t;
	if ((ts->n + 1) * 4 > ts->cap * 3)
		rebuild(ts, 0);
	return insert(ts, &fresh);
}

/* /proc/PID/task/TID/comm into t. */
static void seed_thread(struct trace_tasks *ts, pid_t pid, pid_t tid)
{
	char path[64], buf[TRACE_COMM_MAX + 1];
	struct trace_task *t;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/task/%d/comm", (int)pid, (int)tid);
	if ((n = read_small(path, buf, sizeof buf - 1)) < 0)
		return;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n > TRACE_COMM_MAX - 1)
		n = TRACE_COMM_MAX - 1;
	t = tasks_put(ts, tid);
	t->pid = pid;
	memcpy(t->comm, buf, (size_t)n);
	t->comm[n] = '\0';
}

static pid_t num_name(const char *s)
{
	long v = 0;

	if (!*s)
		return 0;
	for (; *s; s++)
		if (!c_isdigit(*s) || (v = v * 10 + (*s - '0')) > 0x7fffffff)
			return 0;
	return (pid_t)v;
}

void tasks_seed(struct trace_tasks *ts)
{
	DIR *d = opendir("/proc"), *td;
	struct dirent *de, *te;
	char path[64];
	pid_t pid, tid;

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!(pid = num_name(de->d_name)))
			continue;
		snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
		if (!(td = opendir(path)))
			continue;
		while ((te = readdir(td)))
			if ((tid = num_name(te->d_name)))
				seed_thread(ts, pid, tid);
		closedir(td);
	}
	closedir(d);
}

static void on_fork(struct trace_tasks *ts, const struct trace_rec *r, bool follow)
{
	const struct trace_task *parent = tasks_get(ts, r->u.fork.ptid);
	struct trace_task *t = tasks_get(ts, r->tid);
	/* a task already put in by the tracer (COMMAND) keeps its mark; one
	 * that has exited is a PID used again */
	bool tracked = t && !t->exited && t->tracked;
	char comm[sizeof t->comm] = "";

	if (follow && r->pid != r->u.fork.ppid && tasks_tracked(ts, r->u.fork.ptid))
		tracked = true;
	if (parent)             /* copied first: tasks_put() may move the table */
		memcpy(comm, parent->comm, sizeof comm);
	t = tasks_put(ts, r->tid);
	t->pid = r->pid;
	t->exited = 0;
	t->tracked = tracked;
	memcpy(t->comm, comm, sizeof t->comm);
}

void tasks_record(struct trace_tasks *ts, const struct trace_rec *r, bool follow)
{
	struct trace_task *t;

	switch (r->type) {
	case TREC_FORK:
		on_fork(ts, r, follow);
		break;
	case TREC_COMM:
		t = tasks_put(ts, r->tid);
		t->pid = r->pid;
		memcpy(t->comm, r->u.comm.comm, sizeof t->comm);
		break;
	case TREC_EXIT:
		if ((t = tasks_get(ts, r->tid)))
			t->exited = r->time ? r->time : 1;
		/* a good time to let go of the long gone */
		if ((ts->n + 1) * 2 > ts->cap)
			rebuild(ts, r->time);
		break;
	default:
		break;
	}
}

bool tasks_tracked(const struct trace_tasks *ts, pid_t tid)
{
	const struct trace_task *t = tasks_get(ts, tid);

	if (!t)
		return false;
	if (t->pid != t->tid)
		t = tasks_get(ts, t->pid);
	return t && t->tracked;
}
