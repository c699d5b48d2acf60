/* supervise.c - a time limit for a child, as timeout(1) sets one, with an
 * event loop instead of alarm() and signal handlers. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "pidfd.h"
#include "run.h"
#include "sig.h"
#include "supervise.h"

/* What timeout(1) forwards (HUP, INT, QUIT, TERM, and its own ALRM), and
 * USR1/USR2, which a supervisor has no use for itself. */
static const int forwarded[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM,
};

struct sup {
	const struct sup_opts *o;
	struct run_child child;
	int tfd, kfd, sfd;      /* limit timer, KILL timer, signals */
	int64_t t0;             /* when COMMAND was started */
	bool timed_out, kill_armed, killed, chld;
};

static void verbose(const struct sup *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void verbose(const struct sup *s, const char *fmt, ...)
{
	int64_t t = mono_ns() - s->t0;
	char msg[256];
	va_list ap;

	if (!s->o->verbose)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warnx_("%lld.%06llds: %s", (long long)(t / 1000000000),
	       (long long)(t % 1000000000 / 1000), msg);
}

/* The child through its pidfd: it is not reaped yet, so even kill(2) could
 * not hit another process, but the pidfd says so by construction. */
static int to_child(const struct sup *s, int sig)
{
	if (s->child.pidfd >= 0)
		return pfd_send(s->child.pidfd, sig, NULL, 0);
	return kill(s->child.pid, sig);
}

/* The group COMMAND leads (its ID cannot be reused while COMMAND is
 * unreaped), and COMMAND itself if it has left that group. */
static void send_sig(const struct sup *s, int sig)
{
	bool group = !s->o->foreground;

	if ((!group || getpgid(s->child.pid) != s->child.pid)
	    && to_child(s, sig) < 0 && errno != ESRCH)
		warn_(_("cannot send a signal to PID %d"), (int)s->child.pid);
	if (group && killpg(s->child.pid, sig) < 0 && errno != ESRCH)
		warn_(_("cannot send a signal to process group %d"), (int)s->child.pid);
}

/* The signal, then CONT so that a stopped COMMAND acts on it (timeout(1)
 * does the same). */
static void send_and_continue(const struct sup *s, int sig)
{
	send_sig(s, sig);
	if (sig != SIGKILL && sig != SIGCONT)
		send_sig(s, SIGCONT);
}

static int arm(int fd, int64_t start, int64_t ns)
{
	struct itimerspec its;
	int64_t at = ns > INT64_MAX - start ? INT64_MAX : start + ns;

	memset(&its, 0, sizeof its);
	its.it_value.tv_sec = at / 1000000000;
	its.it_value.tv_nsec = at % 1000000000;
	return timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL);
}

static const char *target(const struct sup *s, char *buf, size_t size)
{
	if (s->o->foreground)
		snprintf(buf, size, _("PID %d"), (int)s->child.pid);
	else
		snprintf(buf, size, _("process group %d"), (int)s->child.pid);
	return buf;
}

/* The first signal starts the KILL timer: on expiry, or on a forwarded
 * signal that asks COMMAND to end. */
static void start_kill_timer(struct sup *s)
{
	if (!s->o->kill_after_ns || s->kill_armed)
		return;
	if (arm(s->kfd, mono_ns(), s->o->kill_after_ns) < 0)
		warn_(_("cannot arm the KILL timer"));
	s->kill_armed = true;
}

static void on_limit(struct sup *s)
{
	char nb[SIG_NAME_MAX], tb[64];
	uint64_t n;

	if (read(s->tfd, &n, sizeof n) < 0 || s->timed_out)
		return;
	s->timed_out = true;
	verbose(s, _("time limit reached: sending %s to %s"),
		sig_name(s->o->signo, nb), target(s, tb, sizeof tb));
	send_and_continue(s, s->o->signo);
	start_kill_timer(s);
}

static void on_kill(struct sup *s)
{
	char tb[64];
	uint64_t n;

	if (read(s->kfd, &n, sizeof n) < 0 || s->killed)
		return;
	s->killed = true;
	verbose(s, _("still running after --kill-after: sending KILL to %s"),
		target(s, tb, sizeof tb));
	send_sig(s, SIGKILL);
}

static void on_signals(struct sup *s)
{
	struct signalfd_siginfo si;
	char nb[SIG_NAME_MAX], tb[64];

	while (read(s->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		int sig = (int)si.ssi_signo;
		if (sig == SIGCHLD) {
			s->chld = true;
			continue;
		}
		verbose(s, _("got %s from PID %u: forwarding it to %s"),
			sig_name(sig, nb), si.ssi_pid, target(s, tb, sizeof tb));
		send_and_continue(s, sig);
		if (sig != SIGUSR1 && sig != SIGUSR2)
			start_kill_timer(s);
	}
}

/* Block what sigtool forwards (and CHLD, for kernels without pidfds), so
 * that it arrives on the signalfd; COMMAND gets the original mask. A
 * signal ignored when sigtool started stays ignored and is not forwarded,
 * as shells treat signals ignored on entry. */
static int setup_signals(struct sup *s, struct run_env *env)
{
	sigset_t set;

	run_env_save(env);
	sigemptyset(&set);
	for (size_t i = 0; i <= sizeof forwarded / sizeof *forwarded; i++) {
		int sig = i < sizeof forwarded / sizeof *forwarded ? forwarded[i] : s->o->signo;
		if (sig_catchable(sig) && sig_disposition(sig) != DISP_IGNORED)
			sigaddset(&set, sig);
	}
	/* run_spawn() undoes an ignored CHLD (and gives it back to COMMAND) */
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	s->sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	s->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	s->kfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	return s->sfd < 0 || s->tfd < 0 || s->kfd < 0 ? -1 : 0;
}

/* COMMAND as a child, in a process group of its own unless --foreground;
 * 0, or the status to exit with (125, 126, 127) after a message. */
static int spawn(struct sup *s, char *const argv[], const struct run_env *env)
{
	struct run_env e = *env;

	e.own_group = !s->o->foreground;
	return run_spawn(argv, &e, &s->child);
}

static int loop(struct sup *s, siginfo_t *si)
{
	struct pollfd p[4] = {
		{ .fd = s->child.pidfd, .events = POLLIN },
		{ .fd = s->tfd, .events = POLLIN },
		{ .fd = s->kfd, .events = POLLIN },
		{ .fd = s->sfd, .events = POLLIN },
	};
	int r;

	for (;;) {
		if (poll(p, 4, -1) < 0) {
			if (errno == EINTR)
				continue;
			warn_(_("poll"));
			return -1;
		}
		/* An ended COMMAND is reaped before any timer is looked at, so
		 * nothing is sent to it once it is gone. */
		if (p[0].revents || (p[3].revents && (on_signals(s), s->chld))) {
			s->chld = false;
			if ((r = run_reap(&s->child, false, si)) != 0)
				return r;
		}
		if (p[1].revents)
			on_limit(s);
		if (p[2].revents)
			on_kill(s);
	}
}

int supervise(char *const argv[], const struct sup_opts *o)
{
	struct sup s = { .o = o, .child = { .pid = -1, .pidfd = -1 },
			 .tfd = -1, .kfd = -1, .sfd = -1 };
	struct run_env env;
	siginfo_t si;
	char db[128];
	int status, rc;

	if (setup_signals(&s, &env) < 0) {
		warn_(_("cannot set up the event loop"));
		return EXIT_CANCELED;
	}
	s.t0 = mono_ns();
	if ((rc = spawn(&s, argv, &env)) != 0)
		return rc;
	if (o->limit_ns && arm(s.tfd, s.t0, o->limit_ns) < 0) {
		warn_(_("cannot arm the timer"));
		return EXIT_CANCELED;
	}
	if (loop(&s, &si) < 0) {
		warn_(_("cannot wait for '%s' (PID %d)"), argv[0], (int)s.child.pid);
		return EXIT_CANCELED;
	}
	status = run_shell_status(&si);
	verbose(&s, _("'%s' (PID %d) %s"), argv[0], (int)s.child.pid,
		run_describe(&si, db, sizeof db));
	/* As timeout(1): KILL shows as 137, whoever sent it, so that a caller
	 * can tell a forced end from a clean one. */
	if (s.timed_out && !o->preserve_status
	    && !(si.si_code != CLD_EXITED && si.si_status == SIGKILL))
		status = EXIT_TIMEDOUT;
	verbose(&s, _("exit status %d"), status);
	close(s.sfd);
	close(s.tfd);
	close(s.kfd);
	return status;
}
