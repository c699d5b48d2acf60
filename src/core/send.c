/* send.c - the sending engine of `send` and `pidfd-send`: resolve targets
 * (pidfds, PID:INODE, names, handlers), send each signal by the right
 * system call, and escalate over pidfds so that no signal ever reaches a
 * recycled PID. What is said about each target is sendreport.c's. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "pidfd.h"
#include "proc.h"
#include "send.h"
#include "sendreport.h"
#include "sig.h"
#include "util.h"

struct send_target send_target(enum send_kind kind, pid_t pid)
{
	return (struct send_target){ .kind = kind, .pid = pid, .fd = -1 };
}

/* ---- resolving: open pidfds and check what was asked before sending --- */

/* kill(2) given a thread ID signals its process: do the same through a
 * pidfd of that process, which must still hold the thread once pinned. */
static bool thread_to_process(const struct send_ctl *c, struct send_target *t)
{
	struct proc_status st;
	char path[64];
	int fd;

	if (proc_status_read(t->pid, 0, &st) < 0)
		return report_errno(c, t, errno);
	if (st.tgid == t->pid || (fd = pfd_open(st.tgid, 0)) < 0)
		return report_errno(c, t, st.tgid == t->pid ? EINVAL : errno);
	snprintf(path, sizeof path, "/proc/%d/task/%d", (int)st.tgid, (int)t->pid);
	if (access(path, F_OK) < 0) {
		close(fd);
		return report_errno(c, t, ESRCH);
	}
	t->fd = fd;
	t->own_fd = true;
	t->tgid = st.tgid;
	return true;
}

static bool open_pidfd(const struct send_ctl *c, struct send_target *t)
{
	unsigned flags = c->scope == SCOPE_THREAD ? PIDFD_THREAD : 0;
	int fd, err;

	/* Opened and re-checked by the selection: never opened again by PID,
	 * which may be another process's by now. With --scope thread, the
	 * PIDFD_SIGNAL_THREAD flag makes it reach the thread-group leader (the
	 * thread whose TID is that PID) alone. */
	if (t->fd >= 0) {
		t->thread_fd = flags & PIDFD_THREAD;
		return true;
	}
	fd = pfd_open(t->pid, flags), err = errno;

	if (fd >= 0) {
		t->fd = fd;
		t->own_fd = true;
		t->thread_fd = flags & PIDFD_THREAD;
		return true;
	}
	/* without pidfds, preflight() has refused what needs them */
	if (err == ENOSYS && !c->pidfd_only && !t->has_inode)
		return true;    /* kill(2) it is */
	if (err == EINVAL && flags)
		return report_refusal(c, t, "failed", "EINVAL", SEND_NO_PIDFD_THREAD, NULL);
	/* A thread ID that is not a process ID: EINVAL before 6.9, ENOENT after. */
	if ((err == EINVAL || err == ENOENT) && !c->pidfd_only && !t->has_inode)
		return thread_to_process(c, t);
	if ((err == EINVAL || err == ENOENT) && c->pidfd_only)
		return report_refusal(c, t, "failed", "not-a-process", SEND_THREAD_ID, NULL);
	if (err == EINVAL || err == ENOENT)
		return report_fail(c, t, "failed", "not-a-process", "%s",
				   _("a thread, not a process: PID:INODE names processes"));
	return report_errno(c, t, err);
}

static bool check_inode(const struct send_ctl *c, struct send_target *t)
{
	uint64_t ino;

	if (pfd_inode(t->fd, &ino) < 0) {
		if (errno == EOPNOTSUPP)
			return report_fail(c, t, "failed", "EOPNOTSUPP", "%s",
				    _("PID:INODE needs pidfs, which this kernel lacks (Linux 6.9+ needed)"));
		return report_fail(c, t, "failed", strerrorname_np(errno),
			    _("cannot read the inode of its pidfd: %s"), strerror(errno));
	}
	if (ino != t->inode)
		return report_fail(c, t, "failed", "inode-mismatch",
			    _("PID %d is now another process (pidfs inode %llu); not signalled"),
			    (int)t->pid, (unsigned long long)ino);
	return true;
}

/* After reading /proc by PID, make sure the PID still named the process
 * our pidfd holds: if that process has ended, the PID may be another's. */
static bool still_there(const struct send_ctl *c, struct send_target *t)
{
	if (t->fd >= 0 && pfd_send(t->fd, 0, NULL, 0) < 0 && errno == ESRCH)
		return report_errno(c, t, ESRCH);
	return true;
}

static pid_t proc_pid(const struct send_target *t)
{
	return t->tgid ? t->tgid : t->pid;
}

static bool check_name(const struct send_ctl *c, struct send_target *t)
{
	char comm[PROC_COMM_MAX + 2];

	if (t->pid <= 0)
		return report_refusal(c, t, "skipped", "no-pid", SEND_NAME_NO_PID, NULL);
	if (proc_comm_read(t->pid, comm, sizeof comm) < 0)
		return report_errno(c, t, errno);
	if (!still_there(c, t))
		return false;
	if (strcmp(comm, c->expect_name))
		return report_wrong_name(c, t, comm);
	return true;
}

static bool check_handler(const struct send_ctl *c, struct send_target *t)
{
	char nb[SIG_NAME_MAX];
	struct proc_status st;

	if (t->pid <= 0)
		return report_refusal(c, t, "skipped", "no-pid", SEND_HANDLER_NO_PID, NULL);
	if (proc_status_read(proc_pid(t), t->kind == SEND_THREAD ? t->tid : 0, &st) < 0)
		return report_errno(c, t, errno);
	if (!still_there(c, t))
		return false;
	if (!(st.sigcgt & SIGBIT(c->signo)))
		return report_refusal(c, t, "skipped", "no-handler", SEND_NO_HANDLER,
				      sig_name(c->signo, nb));
	return true;
}

static bool resolve(const struct send_ctl *c, struct send_target *t)
{
	if (t->read_err)
		return report_unreadable(c, t);
	if (t->kind == SEND_PIDFD) {
		t->pid = pfd_pid(t->fd);
		if (t->pid == -1)
			return report_errno(c, t, ESRCH);
	}
	if (t->kind == SEND_PID && !open_pidfd(c, t))
		return false;
	if (t->has_inode && !check_inode(c, t))
		return false;
	if (c->expect_name && !check_name(c, t))
		return false;
	if (c->require_handler && !check_handler(c, t))
		return false;
	return true;
}

/* ---- sending ---------------------------------------------------------- */

static unsigned scope_flags(enum send_scope s)
{
	static const unsigned flags[] = {
		[SCOPE_DEFAULT] = 0, [SCOPE_THREAD] = PIDFD_SIGNAL_THREAD,
		[SCOPE_PROCESS] = PIDFD_SIGNAL_THREAD_GROUP,
		[SCOPE_PGRP] = PIDFD_SIGNAL_PROCESS_GROUP,
	};
	return flags[s];
}

/* One signal to one target: 0 or -1 with errno. With queued, the receiver
 * sees SI_QUEUE, our PID and UID, and the value, as sigqueue(3) makes it. */
static int deliver(const struct send_ctl *c, const struct send_target *t, int signo, bool queued)
{
	siginfo_t si;

	if (queued) {
		memset(&si, 0, sizeof si);
		si.si_signo = signo;
		si.si_code = SI_QUEUE;
		si.si_pid = getpid();
		si.si_uid = getuid();
		si.si_value.sival_int = c->value;
	}

	switch (t->kind) {
	case SEND_PID:
	case SEND_PIDFD:
		if (t->fd >= 0)
			return pfd_send(t->fd, signo, queued ? &si : NULL, scope_flags(c->scope));
		if (queued)
			return sigqueue(t->pid, signo, si.si_value);
		return kill(t->pid, signo);
	case SEND_PGID:
		return killpg(t->pid, signo);
	case SEND_ALL:
		return kill(-1, signo);
	case SEND_THREAD:
		if (queued)
			return (int)syscall(SYS_rt_tgsigqueueinfo, t->pid, t->tid, signo, &si);
		return tgkill(t->pid, t->tid, signo);
	}
	errno = EINVAL;
	return -1;
}

/* ---- waiting and escalating ------------------------------------------- */

static void sent(struct send_target *t, int signo)
{
	t->prev_signo = t->last_signo;
	t->last_signo = signo;
}

/* Which signal ended t, as far as its exit status tells: the one it died
 * of; after a normal exit, not a last signal that cannot be caught (a KILL
 * sent as it was exiting on its own), but the one before. */
static void settle_end(struct send_target *t)
{
	int st;

	if (t->fd < 0 || pfd_exit_status(t->fd, proc_pid(t), &st) < 0)
		return;
	if (WIFSIGNALED(st))
		t->last_signo = WTERMSIG(st);
	else if (t->last_signo && !sig_catchable(t->last_signo))
		t->last_signo = t->prev_signo;
}

/* Mark the targets whose pidfd says they ended; returns how many still run. */
static size_t reap(const struct send_ctl *c, struct pollfd *pf, size_t *alive)
{
	for (size_t i = 0; i < c->ntargets; i++) {
		struct send_target *t = &c->targets[i];
		if (pf[i].fd < 0 || !pf[i].revents)
			continue;
		t->state = T_ENDED;
		pf[i].fd = -1;
		(*alive)--;
		settle_end(t);
		if (c->verbose)
			report_end(c, t);
	}
	return *alive;
}

/* Wait until every target has ended or deadline (negative: none) passed:
 * 0, or -1 with errno when the pidfds cannot be polled. */
static int wait_all(const struct send_ctl *c, struct pollfd *pf, size_t *alive, int64_t deadline)
{
	while (*alive) {
		int r = pfd_wait(pf, c->ntargets, deadline);
		if (r <= 0)
			return r;
		reap(c, pf, alive);
	}
	return 0;
}

/* Step k to the targets still running; k == nsteps: the wait has expired
 * (after limit ns). */
static void step(const struct send_ctl *c, struct pollfd *pf, size_t *alive, size_t k,
		 int64_t limit)
{
	/* A target that ended since the poll is neither signalled nor timed
	 * out: its step came too late for it. */
	for (size_t i = 0; i < c->ntargets; i++)
		pf[i].revents = pf[i].fd >= 0 && pfd_ended(pf[i].fd) ? POLLIN : 0;
	if (!reap(c, pf, alive))
		return;
	for (size_t i = 0; i < c->ntargets; i++) {
		struct send_target *t = &c->targets[i];
		if (pf[i].fd < 0)
			continue;
		if (k == c->nsteps) {
			report_timeout(c, t, limit);
		} else if (deliver(c, t, c->steps[k].signo, false) == 0) {
			sent(t, c->steps[k].signo);
			if (c->verbose)
				report_send(c, t, t->last_signo, false, -1);
		} else if (errno != ESRCH) {
			/* ESRCH: it ended just now; the next poll says so. */
			report_errno(c, t, errno);
			pf[i].fd = -1;
			(*alive)--;
		}
	}
}

/* Wait for the targets sent to, and escalate: 0, or -1 with errno when the
 * pidfds cannot be polled. */
static int escalate(const struct send_ctl *c)
{
	struct pollfd *pf = xmalloc(sizeof *pf * c->ntargets);
	/* Every deadline counts from the first signal and is fixed from here:
	 * time spent stopped (SIGSTOP) counts, and a late step moves none of
	 * the ones after it. */
	int64_t at = mono_ns();
	size_t alive = 0;
	int r = 0;

	for (size_t i = 0; i < c->ntargets; i++) {
		struct send_target *t = &c->targets[i];
		pf[i].fd = t->state == T_SENT ? t->fd : -1;
		alive += pf[i].fd >= 0;
	}
	for (size_t k = 0; alive && k <= c->nsteps; k++) {
		int64_t limit = k < c->nsteps ? c->steps[k].delay : c->wait ? c->wait_limit : -1;

		if (limit >= 0)
			at = limit > INT64_MAX - at ? INT64_MAX : at + limit;
		r = wait_all(c, pf, &alive, limit < 0 ? -1 : at);
		if (r < 0)
			break;
		if (alive)
			step(c, pf, &alive, k, limit);
	}
	free(pf);
	return r;
}

/* ---- the run ---------------------------------------------------------- */

static void dry_run(const struct send_ctl *c, struct send_target *t)
{
	int64_t after = 0;

	report_send(c, t, c->signo, c->queue, 0);
	for (size_t k = 0; k < c->nsteps; k++) {
		after += c->steps[k].delay;
		report_send(c, t, c->steps[k].signo, false, after);
	}
}

/* What needs pidfds is refused before anything is sent on a kernel without
 * them: the whole run when it would wait (-1, errno ENOSYS), PID:INODE
 * targets each with its own message. */
static int preflight(const struct send_ctl *c)
{
	bool waits = c->wait || c->nsteps, inodes = false;

	for (size_t i = 0; i < c->ntargets; i++)
		inodes |= c->targets[i].has_inode;
	/* pidfd-send fails each target itself; the rest needs no probe */
	if (c->pidfd_only || !(waits || inodes) || pfd_supported())
		return 0;
	if (waits) {
		errno = ENOSYS;
		return -1;
	}
	for (size_t i = 0; i < c->ntargets; i++)
		if (c->targets[i].has_inode)
			report_fail(c, &c->targets[i], "failed", "ENOSYS", "%s",
				    _("PID:INODE needs pidfds, which this kernel lacks (Linux 6.9+ needed)"));
	return 0;
}

/* What the real run would meet, with nothing sent: signal 0 by the same
 * call (the pidfd, kill, killpg, tgkill) checks that t exists and may be
 * signalled; 0, or -1 with errno. CONT is the one signal the kernel also
 * lets through to a process of our session without the right, and signal
 * 0 cannot know that. */
static int probe(const struct send_ctl *c, const struct send_target *t)
{
	int err;

	if (deliver(c, t, 0, false) == 0)
		return 0;
	err = errno;
	if (err == EPERM && c->signo == SIGCONT && t->pid > 0
	    && (t->kind == SEND_PID || t->kind == SEND_PIDFD || t->kind == SEND_THREAD)
	    && getsid(proc_pid(t)) == getsid(0))
		return 0;
	errno = err;
	return -1;
}

static void send_first(const struct send_ctl *c, struct send_target *t)
{
	if (t->state == T_FAILED || !resolve(c, t))
		return;
	if (c->dry_run && probe(c, t) < 0) {
		report_errno(c, t, errno);
	} else if (c->dry_run) {
		dry_run(c, t);
	} else if (deliver(c, t, c->signo, c->queue) < 0) {
		report_errno(c, t, errno);
	} else {
		t->state = T_SENT;
		sent(t, c->signo);
		if (c->verbose)
			report_send(c, t, c->signo, c->queue, -1);
	}
}

int send_run(struct send_ctl *c)
{
	bool failed = false, timedout = false;

	if (preflight(c) < 0)
		return -1;
	if (c->json)
		c->verbose = true;
	for (size_t i = 0; i < c->ntargets; i++)
		send_first(c, &c->targets[i]);
	if (!c->dry_run && (c->wait || c->nsteps) && escalate(c) < 0) {
		warnx_(_("cannot wait for the targets: %s"), strerror(errno));
		failed = true;
	}
	for (size_t i = 0; i < c->ntargets; i++) {
		struct send_target *t = &c->targets[i];
		failed |= t->state == T_FAILED;
		timedout |= t->state == T_TIMEDOUT;
		if (t->own_fd)
			close(t->fd);
	}
	return failed ? EXIT_FAILURE : timedout ? EXIT_TIMEDOUT : EXIT_SUCCESS;
}
