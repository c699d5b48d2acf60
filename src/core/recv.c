/* recv.c - receiving signals: sigwaitinfo's job done with a signalfd, for
 * `wait` and `pause`: block, announce readiness, run COMMAND, print.
 *
 * A signalfd rather than sigwaitinfo(2): one read(2) takes a whole burst of
 * queued signals (in the kernel's order, the same as sigwaitinfo's), and it
 * can be polled together with COMMAND's pidfd. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "ready.h"
#include "pidfd.h"
#include "recv.h"
#include "run.h"
#include "siginfo.h"
#include "util.h"

/* Signals taken per read(2); never more than are still wanted, so that a
 * signal past --count stays pending rather than being lost. */
#define BATCH 64

struct recv {
	const struct recv_ctl *ctl;
	int sfd;
	sigset_t set;                   /* what the signalfd takes */
	bool flush_each;
	int64_t deadline;               /* CLOCK_MONOTONIC ns, or -1 */
	unsigned long long got;
	/* COMMAND */
	struct run_child child;
	bool have_child, child_gone;
	bool chld_watch;                /* no pidfd: COMMAND's end is seen by CHLD */
	bool chld_internal;             /* ... and CHLD was not asked for */
	siginfo_t child_si;
};

static void print_event(const struct recv *r, const struct sig_event *ev)
{
	char line[SIG_EVENT_TEXT_MAX], nb[24];          /* a name or a number */
	bool first = true;

	switch (r->ctl->format) {
	case RECV_FULL:
		out_write(line, sig_event_text(ev, line));
		break;
	case RECV_JSON:
		out_putc('{');
		sig_event_json_fields(ev, &first);
		out_putc('}');
		break;
	case RECV_NAME:
		out_puts(sig_name(ev->signo, nb));
		break;
	default:
		out_puts(fmt_uint(nb, ev->signo));
		break;
	}
	out_putc('\n');
}

static void child_check(struct recv *r, bool block)
{
	int rc;

	if (!r->have_child || r->child_gone)
		return;
	rc = run_reap(&r->child, block, &r->child_si);
	if (rc < 0)
		die(EXIT_FAILURE, _("cannot wait for '%s': %s"), r->ctl->command[0], strerror(errno));
	r->child_gone = rc == 1;
}

/* Without a pidfd: block CHLD too and look at COMMAND after each one. The
 * check right away covers an end before CHLD was blocked. */
static void watch_by_sigchld(struct recv *r)
{
	r->chld_watch = true;
	r->chld_internal = !sigismember(&r->set, SIGCHLD);
	sigaddset(&r->set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &r->set, NULL);
	if (signalfd(r->sfd, &r->set, 0) < 0)
		die(EXIT_FAILURE, _("cannot watch '%s': %s"), r->ctl->command[0], strerror(errno));
	child_check(r, false);
}

/* Print what a read gave; true once the wait is complete. */
static bool take(struct recv *r, const struct signalfd_siginfo *b, size_t k)
{
	for (size_t i = 0; i < k; i++) {
		struct sig_event ev;

		sig_event_from_sfd(&ev, &b[i]);
		if (ev.signo == SIGCHLD && r->chld_watch) {
			child_check(r, false);
			if (r->chld_internal)
				continue;
		}
		if (r->ctl->from_child && !(ev.has_sender && ev.pid == r->child.pid))
			continue;
		print_event(r, &ev);
		if (r->ctl->count && ++r->got == r->ctl->count)
			return true;
	}
	return false;
}

/* Sleep until a signal is pending or COMMAND ends; 0 once the time is up. */
static int sleep_until_ready(struct recv *r)
{
	/* no COMMAND, or one reaped: pidfd -1, which poll passes over */
	struct pollfd pfd[2] = { { .fd = r->sfd }, { .fd = r->child.pidfd } };
	int rc = pfd_wait(pfd, 2, r->deadline);

	if (rc < 0)
		die(EXIT_FAILURE, _("cannot wait for signals: %s"), strerror(errno));
	if (rc == 0)
		return 0;
	/* A zombie now: reaping it also means that exit_notify() is over, so
	 * a CHLD, and every signal COMMAND sent, is queued by now. */
	if (pfd[1].revents)
		child_check(r, true);
	return 1;
}

static int child_ended_first(struct recv *r)
{
	const struct recv_ctl *ctl = r->ctl;
	char how[128];

	run_describe(&r->child_si, how, sizeof how);
	out_flush();
	if (!ctl->count)
		warnx_(_("'%s' %s"), ctl->command[0], how);
	else if (ctl->count == 1)
		warnx_(_("'%s' %s before the signal arrived"), ctl->command[0], how);
	else
		warnx_(_("'%s' %s after %llu of %llu signals"), ctl->command[0], how,
		       r->got, ctl->count);
	return EXIT_FAILURE;
}

static int timed_out(struct recv *r)
{
	if (r->ctl->kill_on_timeout && r->have_child && !r->child_gone) {
		/* not reaped yet, so the PID is still COMMAND's */
		kill(r->child.pid, SIGKILL);
		child_check(r, true);
	}
	return EXIT_TIMEDOUT;
}

static int loop(struct recv *r)
{
	const struct recv_ctl *ctl = r->ctl;
	struct signalfd_siginfo b[BATCH];

	for (;;) {
		size_t want = BATCH;
		ssize_t n;

		if (ctl->count && ctl->count - r->got < want)
			want = ctl->count - r->got;
		n = read(r->sfd, b, want * sizeof *b);
		if (n > 0) {
			bool done = take(r, b, n / sizeof *b);
			if (r->flush_each)
				out_flush();
			/* output gone: the check at exit says why (or nothing,
			 * for a reader that went away) */
			if (out_error())
				return EXIT_FAILURE;
			if (done)
				return EXIT_SUCCESS;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || errno != EAGAIN)
			die(EXIT_FAILURE, _("cannot read signals: %s"), strerror(errno));
		if (r->child_gone)
			return child_ended_first(r);
		if (!sleep_until_ready(r))
			return timed_out(r);
	}
}

int recv_run(const struct recv_ctl *ctl)
{
	struct recv r = { .ctl = ctl, .deadline = -1, .child = { 0, -1 } };
	int fail = ctl->command ? EXIT_CANCELED : EXIT_FAILURE;
	bool nonblock = ctl->command || ctl->timeout_ns >= 0;
	struct run_env env = { .ignore = 0 };  /* COMMAND gets the mask as it was */

	/* First of all, so that nothing sent from now on can be lost. */
	sig_mask_to_sigset(ctl->set, &r.set);
	sigprocmask(SIG_BLOCK, &r.set, &env.mask);

	r.sfd = fd_above_stdio(signalfd(-1, &r.set, SFD_CLOEXEC | (nonblock ? SFD_NONBLOCK : 0)));
	if (r.sfd < 0)
		die(fail, _("cannot wait for signals: signalfd: %s"), strerror(errno));
	ready_announce(ctl->pidfile, ctl->ready_fd, fail);
	r.flush_each = ctl->stream || isatty(STDOUT_FILENO);

	if (ctl->command) {
		int rc = run_spawn(ctl->command, &env, &r.child);
		if (rc)
			return rc;
		r.have_child = true;
		if (r.child.pidfd < 0)
			watch_by_sigchld(&r);
	}
	if (ctl->timeout_ns >= 0) {
		int64_t now = mono_ns();
		r.deadline = ctl->timeout_ns > INT64_MAX - now ? INT64_MAX : now + ctl->timeout_ns;
	}
	return loop(&r);
}
