/* sigstate.c - the signal state of a process as mask, pending and status
 * show it, and the /proc scan behind --all. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "sigstate.h"
#include "util.h"

static void thread_from_status(struct sigthread *t, pid_t tid, const struct proc_status *st)
{
	t->tid = tid;
	memcpy(t->name, st->name, st->name_len + 1);
	t->name_len = st->name_len;
	t->blocked = st->sigblk;
	t->pending = st->sigpnd;
}

/* Every thread but the leader is read from its own status file; one that
 * ends meanwhile is left out, as it would be a moment later anyway. */
static void read_threads(struct sigproc *p)
{
	pid_t *tids;
	long n = proc_list(p->pid, &tids);

	if (n <= 0) {   /* unreadable task directory: the leader alone */
		if (n == 0)
			free(tids);
		p->threads = xmalloc(sizeof *p->threads);
		thread_from_status(&p->threads[0], p->pid, &p->st);
		p->nthreads = 1;
		return;
	}
	p->threads = xmalloc(n * sizeof *p->threads);
	for (long i = 0; i < n; i++) {
		struct proc_status ts;

		if (tids[i] == p->pid)
			thread_from_status(&p->threads[p->nthreads++], tids[i], &p->st);
		else if (proc_status_read(p->pid, tids[i], &ts) == 0)
			thread_from_status(&p->threads[p->nthreads++], tids[i], &ts);
	}
	free(tids);
	if (p->nthreads == 0) {
		thread_from_status(&p->threads[0], p->pid, &p->st);
		p->nthreads = 1;
	}
}

int sigproc_read(pid_t pid, struct sigproc *p)
{
	*p = (struct sigproc){ .pid = pid };
	if (proc_status_read(pid, 0, &p->st) < 0)
		return -1;
	p->kthread = proc_is_kthread(pid, &p->st) > 0;
	/* One thread (Threads: 1) is the leader, whose state we have; a
	 * zombie leader may still have live threads. */
	if (p->st.threads == 1 && p->st.state != 'Z') {
		p->threads = xmalloc(sizeof *p->threads);
		thread_from_status(&p->threads[0], pid, &p->st);
		p->nthreads = 1;
	} else {
		read_threads(p);
	}
	for (size_t i = 0; i < p->nthreads; i++)
		p->thread_pending |= p->threads[i].pending;
	return 0;
}

void sigproc_free(struct sigproc *p)
{
	free(p->threads);
	p->threads = NULL;
	p->nthreads = 0;
}

const char *sigproc_strerror(pid_t pid, int err, char *buf, size_t size)
{
	switch (err) {
	case ESRCH:
		/* Signal 0 sends nothing; it tells a process that /proc hides
		 * (EPERM or success) from one that does not exist. */
		if (kill(pid, 0) == 0 || errno == EPERM) {
			snprintf(buf, size, _("%d: the process exists but /proc hides it (mounted with hidepid)"),
				 (int)pid);
		} else {
			snprintf(buf, size, _("%d: no such process"), (int)pid);
		}
		break;
	case EACCES:
	case EPERM:
		snprintf(buf, size, _("%d: cannot read /proc/%d/status: %s (/proc mounted with hidepid?)"),
			 (int)pid, (int)pid, strerror(err));
		break;
	case EBADMSG:
		snprintf(buf, size, _("%d: /proc/%d/status lacks the signal fields"), (int)pid, (int)pid);
		break;
	default:
		snprintf(buf, size, _("%d: cannot read /proc/%d/status: %s"),
			 (int)pid, (int)pid, strerror(err));
	}
	return buf;
}

int sigproc_each(size_t n, const pid_t *pids,
		 void (*fn)(const struct sigproc *p, void *arg), void *arg)
{
	pid_t parent = getppid();
	int rc = EXIT_SUCCESS;

	if (!n)
		pids = &parent, n = 1;
	for (size_t i = 0; i < n; i++) {
		struct sigproc p;
		char buf[512];

		if (sigproc_read(pids[i], &p) < 0) {
			warnx_("%s", sigproc_strerror(pids[i], errno, buf, sizeof buf));
			rc = EXIT_FAILURE;
			continue;
		}
		fn(&p, arg);
		sigproc_free(&p);
	}
	return rc;
}

enum sig_disp sigproc_disp(const struct sigproc *p, int signo)
{
	if (p->st.sigign & SIGBIT(signo))
		return DISP_IGNORED;
	if (p->st.sigcgt & SIGBIT(signo))
		return DISP_CAUGHT;
	return DISP_DEFAULT;
}

sigmask64 sigproc_pending(const struct sigproc *p)
{
	return p->st.shdpnd | p->thread_pending;
}

bool sigproc_interesting(const struct sigproc *p, int signo)
{
	return sigproc_disp(p, signo) != DISP_DEFAULT
	       || ((p->st.sigblk | sigproc_pending(p)) & SIGBIT(signo));
}

const char *proc_state_text(char state)
{
	switch (state) {
	case 'R': return _("running");
	case 'S': return _("sleeping");
	case 'D': return _("uninterruptible sleep");
	case 'T': return _("stopped");
	case 't': return _("stopped by its tracer");
	case 'Z': return _("zombie");
	case 'X': return _("dead");
	case 'I': return _("idle kernel thread");
	case 'P': return _("parked");
	}
	return _("unknown");
}

/* ---- notes ------------------------------------------------------------ */

/* A note in the reader's language or in English (for JSON). */
static const char *tr(const char *msgid, bool translate)
{
	return translate ? _(msgid) : msgid;
}

/* Signals that wait behind a block: pending for the process while every
 * thread blocks them, or pending for a thread that blocks them. */
static sigmask64 pending_behind_block(const struct sigproc *p)
{
	sigmask64 all_block = ~(sigmask64)0, m = 0;

	for (size_t i = 0; i < p->nthreads; i++) {
		all_block &= p->threads[i].blocked;
		m |= p->threads[i].pending & p->threads[i].blocked;
	}
	return m | (p->st.shdpnd & all_block);
}

/* Where /proc/self/ns/pid cannot be read, assume the initial namespace. */
static bool in_initial_pidns(void)
{
	return proc_pidns_is_initial() != 0;
}

/* PID 1 of its namespace: NSpid ends in 1 (or, on kernels without NSpid,
 * the PID is 1 where we look). It is the system's init when that is the
 * only namespace it is in and we are in the initial one. */
static bool ns_init(const struct sigproc *p, bool *system_init)
{
	const struct proc_status *st = &p->st;

	if (st->nspid_len > 0) {
		*system_init = st->nspid_len == 1 && in_initial_pidns();
		return st->nspid[st->nspid_len - 1] == 1;
	}
	*system_init = in_initial_pidns();
	return p->pid == 1;
}

size_t sigproc_notes(const struct sigproc *p, bool translate,
		     char notes[][SIGNOTE_LEN], size_t max)
{
	const struct proc_status *st = &p->st;
	char names[SIGSET_TEXT_MAX];
	bool system_init;
	size_t n = 0;
	sigmask64 m;

#define NOTE(...) do { if (n < max) snprintf(notes[n++], SIGNOTE_LEN, __VA_ARGS__); } while (0)
	if (st->tgid > 0 && st->tgid != p->pid)
		NOTE(tr(N_("%d is a thread of process %d: BLOCKED and the thread pending set are this thread's; dispositions belong to the whole process"), translate),
		     (int)p->pid, (int)st->tgid);
	if (st->state == 'Z' || st->state == 'X')
		NOTE(tr(N_("zombie: the process has ended and waits for its parent (PID %d) to reap it; no signal can act on it any more"), translate),
		     (int)st->ppid);
	if (p->kthread)
		NOTE("%s", tr(N_("kernel thread: it ignores every signal it has not asked for, KILL and STOP included"), translate));
	if (!p->kthread && ns_init(p, &system_init)) {
		if (system_init)
			NOTE("%s", tr(N_("init of the system (PID 1): the kernel does not deliver signals whose disposition is default to it, KILL and STOP included; only caught signals reach it"), translate));
		else
			NOTE("%s", tr(N_("init of a PID namespace (PID 1 there): a signal whose disposition is default is dropped when sent from inside that namespace, KILL and STOP included; from an ancestor namespace only KILL and STOP get through"), translate));
	}
	if (st->state == 'T')
		NOTE("%s", tr(N_("stopped: only KILL and CONT act until it is continued; other signals stay pending"), translate));
	if (st->tracerpid > 0)
		NOTE(tr(N_("traced by PID %d: every signal but KILL stops it and goes to the tracer first, which may drop it"), translate),
		     (int)st->tracerpid);
	if ((m = pending_behind_block(p)))
		NOTE(tr(N_("%s: blocked and pending; delivered when unblocked"), translate),
		     sigset_text(m, names, sizeof names));
	if ((m = pending_behind_block(p) & st->sigign))
		NOTE(tr(N_("%s: also ignored, so discarded when unblocked"), translate),
		     sigset_text(m, names, sizeof names));
#undef NOTE
	return n;
}

/* ---- --all ------------------------------------------------------------ */

bool sigfilter_match(const struct sigfilter *f, const struct sigproc *p)
{
	sigmask64 pend = sigproc_pending(p);

	return (p->st.sigblk & f->blocked) == f->blocked
	       && (p->st.sigign & f->ignored) == f->ignored
	       && (p->st.sigcgt & f->caught) == f->caught
	       && (pend & f->pending) == f->pending
	       && (!f->any_pending || pend);
}

long sigscan_all(const struct sigfilter *f,
		 void (*fn)(const struct sigproc *p, void *arg), void *arg)
{
	pid_t *pids;
	long n = proc_list(0, &pids), matched = 0;

	if (n < 0)
		return -1;
	for (long i = 0; i < n; i++) {
		struct sigproc p;

		if (sigproc_read(pids[i], &p) < 0)
			continue;       /* gone, or hidden from us */
		if (sigfilter_match(f, &p)
		    && !(f->skip_kthreads && proc_is_kthread(p.pid, &p.st) == 1)) {
			fn(&p, arg);
			matched++;
		}
		sigproc_free(&p);
	}
	free(pids);
	return matched;
}

/* ---- JSON ------------------------------------------------------------- */

void json_sigproc_head(const struct sigproc *p, bool *first)
{
	out_putc('{');
	*first = true;
	json_key(first, "pid");
	out_uint(p->pid);
	json_key(first, "name");
	json_strn(p->st.name, p->st.name_len);
}

void json_threads(const struct sigproc *p, bool blocked, bool pending)
{
	out_putc('[');
	for (size_t i = 0; i < p->nthreads; i++) {
		const struct sigthread *t = &p->threads[i];
		bool first = true;

		out_puts(i ? ",{" : "{");
		json_key(&first, "tid");
		out_uint(t->tid);
		json_key(&first, "name");
		json_strn(t->name, t->name_len);
		if (blocked) {
			json_key(&first, "blocked");
			json_sigset(t->blocked);
		}
		if (pending) {
			json_key(&first, "pending");
			json_sigset(t->pending);
		}
		out_putc('}');
	}
	out_putc(']');
}
