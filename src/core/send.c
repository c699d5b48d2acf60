/* send.c - the sending engine of `send` and `pidfd-send`: resolve targets
 * (pidfds, PID:INODE, names, handlers), send each signal by the right
 * system call, say what happened to every target, and escalate over pidfds
 * so that no signal ever reaches a recycled PID. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "pidfd.h"
#include "proc.h"
#include "send.h"
#include "sig.h"
#include "util.h"

enum { T_NEW, T_FAILED, T_SENT, T_ENDED, T_TIMEDOUT };

#define LABEL_MAX 512
#define DUR_MAX 32

struct send_target send_target(enum send_kind kind, pid_t pid)
{
	return (struct send_target){ .kind = kind, .pid = pid, .fd = -1 };
}

/* ---- words ----------------------------------------------------------- */

static const char *signame(int signo, char buf[SIG_NAME_MAX])
{
	return signo ? sig_name(signo, buf) : "0";
}

/* How a person names the target: "4242", "process group 7", ... */
static const char *label(const struct send_target *t, char buf[LABEL_MAX])
{
	int n = 0;

	switch (t->kind) {
	case SEND_PID:
		n = snprintf(buf, LABEL_MAX, t->thread_fd ? _("thread %d") : "%d", (int)t->pid);
		if (t->has_inode)
			n += snprintf(buf + n, LABEL_MAX - n, ":%llu", (unsigned long long)t->inode);
		if (t->tgid)
			n += snprintf(buf + n, LABEL_MAX - n, _(" (a thread of process %d)"), (int)t->tgid);
		if (t->file)
			snprintf(buf + n, LABEL_MAX - n, _(" (from %s)"), t->file);
		break;
	case SEND_PIDFD:
		if (t->pid > 0)
			snprintf(buf, LABEL_MAX, _("pidfd %d (PID %d)"), t->fd, (int)t->pid);
		else
			snprintf(buf, LABEL_MAX, _("pidfd %d"), t->fd);
		break;
	case SEND_PGID:
		snprintf(buf, LABEL_MAX, _("process group %d"), (int)t->pid);
		break;
	case SEND_ALL:
		snprintf(buf, LABEL_MAX, "%s", _("every process"));
		break;
	case SEND_THREAD:
		snprintf(buf, LABEL_MAX, _("thread %d of %d"), (int)t->tid, (int)t->pid);
		break;
	}
	return buf;
}

/* "5s", "250ms", "1.500s": for messages, locale-independent. */
static const char *duration(int64_t ns, char buf[DUR_MAX])
{
	if (ns % 1000000000 == 0)
		snprintf(buf, DUR_MAX, "%llds", (long long)(ns / 1000000000));
	else if (ns < 1000000000 && ns % 1000000 == 0)
		snprintf(buf, DUR_MAX, "%lldms", (long long)(ns / 1000000));
	else
		snprintf(buf, DUR_MAX, "%lld.%09llds", (long long)(ns / 1000000000),
			 (long long)(ns % 1000000000));
	return buf;
}

/* A process name is any bytes: never let one write escapes to a terminal. */
static void printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* ---- reporting: human lines or JSON Lines on stdout, errors on stderr -- */

static void json_event(const struct send_ctl *c, const struct send_target *t,
		       const char *event, int signo, bool queued, int64_t after,
		       const char *error)
{
	static const char *const kinds[] = {
		[SEND_PID] = "pid", [SEND_PIDFD] = "pidfd", [SEND_PGID] = "process-group",
		[SEND_ALL] = "all", [SEND_THREAD] = "thread",
	};
	char nb[SIG_NAME_MAX];
	bool first = true;

	out_putc('{');
	json_key(&first, "event");
	json_str(event);
	json_key(&first, "signo");
	out_uint(signo);
	json_key(&first, "name");
	json_str(signo ? sig_name(signo, nb) : NULL);
	json_key(&first, "value");
	if (queued)
		out_printf("%d", c->value);
	else
		out_puts("null");
	json_key(&first, "target");
	json_str(kinds[t->kind]);
	json_key(&first, "pid");
	if (t->kind == SEND_ALL || t->pid <= 0)
		out_puts("null");
	else
		out_uint(t->pid);
	if (t->kind == SEND_THREAD) {
		json_key(&first, "tid");
		out_uint(t->tid);
	}
	if (t->kind == SEND_PIDFD) {
		json_key(&first, "fd");
		out_uint(t->fd);
	}
	if (after >= 0) {
		json_key(&first, "after_ms");
		out_uint(after / 1000000);
	}
	if (error) {
		json_key(&first, "error");
		json_str(error);
	}
	out_puts("}\n");
}

/* One line for a signal sent (or, in a dry run, to be sent after `after`). */
static void report_send(const struct send_ctl *c, const struct send_target *t,
			int signo, bool queued, int64_t after)
{
	char nb[SIG_NAME_MAX], lb[LABEL_MAX], db[DUR_MAX];
	const char *sig = signame(signo, nb), *who = label(t, lb);

	if (c->json)
		json_event(c, t, c->dry_run ? "would-send" : "sent", signo, queued,
			   c->dry_run ? after : -1, NULL);
	else if (!c->dry_run && queued)
		out_printf(_("sent %s with value %d to %s\n"), sig, c->value, who);
	else if (!c->dry_run)
		out_printf(_("sent %s to %s\n"), sig, who);
	else if (after > 0)
		out_printf(_("would send %s to %s after %s if it is still running\n"),
			   sig, who, duration(after, db));
	else if (queued)
		out_printf(_("would send %s with value %d to %s\n"), sig, c->value, who);
	else
		out_printf(_("would send %s to %s\n"), sig, who);
	out_flush();
}

static void report_end(const struct send_ctl *c, const struct send_target *t)
{
	char nb[SIG_NAME_MAX], lb[LABEL_MAX];

	if (c->json)
		json_event(c, t, "ended", t->last_signo, false, -1, NULL);
	else if (t->last_signo)
		out_printf(_("%s ended after %s\n"), label(t, lb), signame(t->last_signo, nb));
	else
		out_printf(_("%s ended\n"), label(t, lb));
	out_flush();
}

/* A target fails (or is skipped): its own message, and with --json its own
 * event; code is a stable word for scripts (an errno name or our own). */
static bool fail(const struct send_ctl *c, struct send_target *t, const char *event,
		 const char *code, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static bool fail(const struct send_ctl *c, struct send_target *t, const char *event,
		 const char *code, const char *fmt, ...)
{
	char lb[LABEL_MAX], text[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	t->state = T_FAILED;
	warnx_("%s: %s", label(t, lb), text);
	if (c->json) {
		json_event(c, t, event, c->signo, false, -1, code);
		out_flush();
	}
	return false;
}

static bool process_gone(const struct send_target *t)
{
	char path[64];

	snprintf(path, sizeof path, "/proc/%d", (int)t->pid);
	return access(path, F_OK) < 0;
}

/* The message for err from sending to (or opening) t. */
static bool fail_errno(const struct send_ctl *c, struct send_target *t, int err)
{
	const char *text = strerror(err);

	switch (err) {
	case ESRCH:
		if (t->kind == SEND_PGID)
			text = _("no such process group");
		else if (t->kind == SEND_ALL)
			text = _("no process could be signalled");
		else if (t->kind == SEND_THREAD && !process_gone(t))
			text = _("no such thread in that process");
		else if (c->scope == SCOPE_PGRP && t->fd >= 0 && pfd_send(t->fd, 0, NULL, 0) == 0)
			text = _("it leads no process group (--scope process-group signals the group whose ID is its PID)");
		else if (t->kind == SEND_PIDFD)
			text = _("the process has ended");
		else
			text = _("no such process");
		break;
	case EPERM:
		text = _("operation not permitted");
		break;
	case ENOSYS:
		text = _("kernel has no pidfds (Linux 5.3+ needed)");
		break;
	case EINVAL:
		if (t->kind == SEND_PIDFD && t->pid == 0)
			text = _("its process is outside our PID namespace, where the kernel lets no signal go");
		else if (c->scope != SCOPE_DEFAULT)
			text = _("--scope needs PIDFD_SIGNAL_* flags, which this kernel lacks (Linux 6.9+ needed)");
		break;
	}
	return fail(c, t, "failed", strerrorname_np(err), "%s", text);
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
		return fail_errno(c, t, errno);
	if (st.tgid == t->pid || (fd = pfd_open(st.tgid, 0)) < 0)
		return fail_errno(c, t, st.tgid == t->pid ? EINVAL : errno);
	snprintf(path, sizeof path, "/proc/%d/task/%d", (int)st.tgid, (int)t->pid);
	if (access(path, F_OK) < 0) {
		close(fd);
		return fail_errno(c, t, ESRCH);
	}
	t->fd = fd;
	t->own_fd = true;
	t->tgid = st.tgid;
	return true;
}

static bool open_pidfd(const struct send_ctl *c, struct send_target *t)
{
	unsigned flags = c->scope == SCOPE_THREAD ? PIDFD_THREAD : 0;
	int fd = pfd_open(t->pid, flags), err = errno;

	if (fd >= 0) {
		t->fd = fd;
		t->own_fd = true;
		t->thread_fd = flags & PIDFD_THREAD;
		return true;
	}
	if (err == ENOSYS && !c->pidfd_only) {
		if (c->wait || c->nsteps)
			die(EXIT_FAILURE, _("--wait and --then need pidfds, which this kernel lacks (Linux 5.3+ needed); nothing was sent"));
		if (t->has_inode)
			return fail(c, t, "failed", "ENOSYS", "%s",
				    _("PID:INODE needs pidfds, which this kernel lacks (Linux 6.9+ needed)"));
		return true;    /* kill(2) it is */
	}
	if (err == EINVAL && flags)
		return fail(c, t, "failed", "EINVAL", "%s",
			    _("--scope thread needs PIDFD_THREAD, which this kernel lacks (Linux 6.9+ needed)"));
	/* A thread ID that is not a process ID: EINVAL before 6.9, ENOENT after. */
	if ((err == EINVAL || err == ENOENT) && !c->pidfd_only && !t->has_inode)
		return thread_to_process(c, t);
	if (err == EINVAL || err == ENOENT)
		return fail(c, t, "failed", "not-a-process", "%s",
			    c->pidfd_only ? _("a thread, not a process (use --scope thread to signal one thread)")
					  : _("a thread, not a process: PID:INODE names processes"));
	return fail_errno(c, t, err);
}

static bool check_inode(const struct send_ctl *c, struct send_target *t)
{
	uint64_t ino;

	if (pfd_inode(t->fd, &ino) < 0) {
		if (errno == EOPNOTSUPP)
			return fail(c, t, "failed", "EOPNOTSUPP", "%s",
				    _("PID:INODE needs pidfs, which this kernel lacks (Linux 6.9+ needed)"));
		return fail(c, t, "failed", strerrorname_np(errno),
			    _("cannot read the inode of its pidfd: %s"), strerror(errno));
	}
	if (ino != t->inode)
		return fail(c, t, "failed", "inode-mismatch",
			    _("PID %d is now another process (pidfs inode %llu); not signalled"),
			    (int)t->pid, (unsigned long long)ino);
	return true;
}

/* After reading /proc by PID, make sure the PID still named the process
 * our pidfd holds: if that process has ended, the PID may be another's. */
static bool still_there(const struct send_ctl *c, struct send_target *t)
{
	if (t->fd >= 0 && pfd_send(t->fd, 0, NULL, 0) < 0 && errno == ESRCH)
		return fail_errno(c, t, ESRCH);
	return true;
}

static pid_t proc_pid(const struct send_target *t)
{
	return t->tgid ? t->tgid : t->pid;
}

static bool check_name(const struct send_ctl *c, struct send_target *t)
{
	char comm[PROC_COMM_MAX + 2], want[PROC_COMM_MAX + 2];

	if (t->pid <= 0)
		return fail(c, t, "skipped", "no-pid", "%s",
			    _("its PID is not visible here, so --expect-name cannot check it; not sent"));
	if (proc_comm_read(t->pid, comm, sizeof comm) < 0)
		return fail_errno(c, t, errno);
	if (!still_there(c, t))
		return false;
	if (strcmp(comm, c->expect_name)) {
		snprintf(want, sizeof want, "%s", c->expect_name);
		printable(comm);
		printable(want);
		return fail(c, t, "skipped", "name-mismatch",
			    _("its name is '%s', not '%s'; not signalled"), comm, want);
	}
	return true;
}

static bool check_handler(const struct send_ctl *c, struct send_target *t)
{
	char nb[SIG_NAME_MAX];
	struct proc_status st;

	if (t->pid <= 0)
		return fail(c, t, "skipped", "no-pid", "%s",
			    _("its PID is not visible here, so --require-handler cannot check it; not sent"));
	if (proc_status_read(proc_pid(t), t->kind == SEND_THREAD ? t->tid : 0, &st) < 0)
		return fail_errno(c, t, errno);
	if (!still_there(c, t))
		return false;
	if (!(st.sigcgt & SIGBIT(c->signo)))
		return fail(c, t, "skipped", "no-handler",
			    _("has no handler for %s; not signalled (--require-handler)"),
			    sig_name(c->signo, nb));
	return true;
}

static bool resolve(const struct send_ctl *c, struct send_target *t)
{
	if (t->read_err) {
		errno = t->read_err;
		warn_(_("cannot read pidfile '%s'"), t->file);
		t->state = T_FAILED;
		return false;
	}
	if (t->kind == SEND_PIDFD) {
		t->pid = pfd_pid(t->fd);
		if (t->pid == -1)
			return fail_errno(c, t, ESRCH);
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
		if (c->verbose)
			report_end(c, t);
	}
	return *alive;
}

/* Wait until every target has ended or deadline (negative: none) passed. */
static int wait_all(const struct send_ctl *c, struct pollfd *pf, size_t *alive, int64_t deadline)
{
	while (*alive) {
		int r = pfd_wait(pf, c->ntargets, deadline);
		if (r < 0)
			die(EXIT_FAILURE, _("cannot wait for the targets: %s"), strerror(errno));
		if (r == 0)
			return 0;
		reap(c, pf, alive);
	}
	return 0;
}

static void escalate(const struct send_ctl *c)
{
	struct pollfd *pf = xmalloc(sizeof *pf * c->ntargets);
	size_t alive = 0;

	for (size_t i = 0; i < c->ntargets; i++) {
		struct send_target *t = &c->targets[i];
		pf[i].fd = t->state == T_SENT ? t->fd : -1;
		alive += pf[i].fd >= 0;
	}
	for (size_t k = 0; alive; k++) {
		bool last = k == c->nsteps;
		int64_t limit = !last ? c->steps[k].delay : c->wait ? c->wait_limit : -1;

		wait_all(c, pf, &alive, limit < 0 ? -1 : mono_ns() + limit);
		if (!alive)
			break;
		for (size_t i = 0; i < c->ntargets; i++) {
			struct send_target *t = &c->targets[i];
			char lb[LABEL_MAX], db[DUR_MAX];
			if (pf[i].fd < 0)
				continue;
			if (last) {
				t->state = T_TIMEDOUT;
				warnx_(_("%s is still running after %s"), label(t, lb), duration(limit, db));
				if (c->json && c->verbose)
					json_event(c, t, "timeout", t->last_signo, false, -1, NULL);
			} else if (deliver(c, t, c->steps[k].signo, false) == 0) {
				t->last_signo = c->steps[k].signo;
				if (c->verbose)
					report_send(c, t, t->last_signo, false, -1);
			} else if (errno != ESRCH) {
				/* ESRCH: it ended just now; the next poll says so. */
				fail_errno(c, t, errno);
				pf[i].fd = -1;
				alive--;
			}
		}
		if (last)
			break;
	}
	free(pf);
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

int send_run(struct send_ctl *c)
{
	bool failed = false, timedout = false;

	if (c->json)
		c->verbose = true;
	for (size_t i = 0; i < c->ntargets; i++) {
		struct send_target *t = &c->targets[i];
		if (!resolve(c, t))
			continue;
		if (c->dry_run) {
			dry_run(c, t);
		} else if (deliver(c, t, c->signo, c->queue) < 0) {
			fail_errno(c, t, errno);
		} else {
			t->state = T_SENT;
			t->last_signo = c->signo;
			if (c->verbose)
				report_send(c, t, c->signo, c->queue, -1);
		}
	}
	if (!c->dry_run && (c->wait || c->nsteps))
		escalate(c);
	for (size_t i = 0; i < c->ntargets; i++) {
		struct send_target *t = &c->targets[i];
		failed |= t->state == T_FAILED;
		timedout |= t->state == T_TIMEDOUT;
		if (t->own_fd)
			close(t->fd);
	}
	return failed ? EXIT_FAILURE : timedout ? EXIT_TIMEDOUT : EXIT_SUCCESS;
}

/* ---- parsing what only sending needs ----------------------------------- */

int send_parse_step(const char *s, struct send_step *step, struct perr *e)
{
	const char *colon = strchr(s, ':');
	struct perr inner;
	char dur[64];

	if (!colon) {
		snprintf(e->msg, sizeof e->msg,
			 _("invalid --then '%s': use DURATION:SIGNAL, e.g. 5s:KILL"), s);
		return -1;
	}
	if (colon == s || !colon[1]) {
		snprintf(e->msg, sizeof e->msg, colon == s
			 ? _("invalid --then '%s': missing duration before ':' (e.g. 5s:KILL)")
			 : _("invalid --then '%s': missing signal after ':' (e.g. 5s:KILL)"), s);
		return -1;
	}
	snprintf(dur, sizeof dur, "%.*s", (int)(colon - s), s);
	if ((size_t)(colon - s) >= sizeof dur || parse_duration(dur, &step->delay, &inner) < 0
	    || parse_signal(colon + 1, 0, &step->signo, &inner) < 0) {
		if ((size_t)(colon - s) >= sizeof dur)
			snprintf(inner.msg, sizeof inner.msg, _("duration '%.*s' is too long"),
				 (int)(colon - s), s);
		snprintf(e->msg, sizeof e->msg, _("invalid --then '%s': %s"), s, inner.msg);
		return -1;
	}
	return 0;
}

int send_read_pidfile(const char *file, pid_t *pid, int *read_err, struct perr *e)
{
	char buf[32];
	struct pid_spec p;
	struct perr inner;
	ssize_t n;
	int fd;

	*read_err = 0;
	if ((fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
		*read_err = errno;
		return 1;
	}
	do
		n = read(fd, buf, sizeof buf);
	while (n < 0 && errno == EINTR);
	*read_err = n < 0 ? errno : 0;
	close(fd);
	if (n < 0)
		return 1;
	if ((size_t)n == sizeof buf) {
		snprintf(e->msg, sizeof e->msg, _("pidfile '%s' holds more than a PID"), file);
		return -1;
	}
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	if (n == 0) {
		snprintf(e->msg, sizeof e->msg, _("pidfile '%s' is empty"), file);
		return -1;
	}
	if (memchr(buf, '\0', n) || has_control(buf)) {
		snprintf(e->msg, sizeof e->msg,
			 _("pidfile '%s' does not hold one PID and a newline"), file);
		return -1;
	}
	if (parse_pid(buf, false, &p, &inner) < 0) {
		snprintf(e->msg, sizeof e->msg, _("pidfile '%s': %s"), file, inner.msg);
		return -1;
	}
	*pid = p.pid;
	return 0;
}
