/* supervise.c - a time limit for a child, as timeout(1) sets one, with an
 * event loop instead of alarm() and signal handlers. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
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
#include "util.h"

struct sup {
	const struct sup_opts *o;
	struct run_child child;
	int tfd, kfd, sfd;      /* limit timer, KILL timer, signals */
	bool timed_out, kill_armed, killed, chld;
};

static void say(const struct sup *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A -v line. Without -v its arguments are not even evaluated: their _()
 * would load the locale, and the sender's name is read from /proc, which
 * a silent run never needs. */
#define verbose(s, ...) ((s)->o->verbose ? say((s), __VA_ARGS__) : (void)0)

static void say(const struct sup *s, const char *fmt, ...)
{
	int64_t t = mono_ns() - s->child.exec_ns;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warnx_("%lld.%06llds: %s", (long long)(t / 1000000000),
	       (long long)(t % 1000000000 / 1000), msg);
}

/* The child through its pidfd: it is not reaped yet, so even kill(2) could
 * not hit another process, but the pidfd says so by construction. */
/* Every signal that would end sigtool and can be caught is forwarded, as
 * recent coreutils timeout(1) does: those whose default action is Term or
 * Core, real-time signals included; ALRM instead counts as the limit's
 * expiry. */
static bool forwarded(int sig)
{
	enum sig_action a = sig_default_action(sig);

	return sig_catchable(sig) && (a == SIGACT_TERM || a == SIGACT_CORE);
}

/* "TERM", or "signal 0" for the existence check of -s 0. */
static const char *signame(int sig, char buf[SIG_NAME_MAX])
{
	const char *n = sig ? sig_name(sig, buf) : NULL;

	if (n)
		return n;
	snprintf(buf, SIG_NAME_MAX, "signal %d", sig);
	return buf;
}

/* Who sent a signal, in words: PID 0 is no process. */
static const char *sender(const struct signalfd_siginfo *si, char *buf, size_t size)
{
	char path[32], comm[32] = "";
	FILE *f;

	if (!si->ssi_pid) {
		snprintf(buf, size, "%s", _("the kernel or the terminal"));
		return buf;
	}
	snprintf(path, sizeof path, "/proc/%u/comm", si->ssi_pid);
	if ((f = fopen(path, "re"))) {
		if (!fgets(comm, sizeof comm, f))
			comm[0] = '\0';
		comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
	}
	if (*comm)
		snprintf(buf, size, _("PID %u (%s)"), si->ssi_pid, comm);
	else
		snprintf(buf, size, _("PID %u"), si->ssi_pid);
	return buf;
}

static int to_child(const struct sup *s, int sig)
{
	if (s->child.pidfd >= 0)
		return pfd_send(s->child.pidfd, sig, NULL, 0);
	return kill(s->child.pid, sig);
}

/* The group COMMAND leads (its ID cannot be reused while COMMAND is
 * unreaped), and COMMAND itself if it has left that group: the group
 * first, with no system call before it. */
static void send_sig(const struct sup *s, int sig)
{
	bool group = !s->o->foreground;

	if (group && killpg(s->child.pid, sig) < 0 && errno != ESRCH)
		warn_(_("cannot send a signal to process group %d"), (int)s->child.pid);
	if ((!group || getpgid(s->child.pid) != s->child.pid)
	    && to_child(s, sig) < 0 && errno != ESRCH)
		warn_(_("cannot send a signal to PID %d"), (int)s->child.pid);
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

/* The limit expired, or an ALRM said so (alrm: NULL, or its siginfo). The
 * signal goes first: nothing is done between the timer and the kill but
 * what must be, and a slow standard error cannot delay it. */
static void expire(struct sup *s, const struct signalfd_siginfo *alrm)
{
	char nb[SIG_NAME_MAX], tb[64], who[64];

	if (s->timed_out)
		return;
	s->timed_out = true;
	send_and_continue(s, s->o->signo);
	start_kill_timer(s);
	if (alrm)
		verbose(s, _("got ALRM from %s: time limit reached: sending %s to %s"),
			sender(alrm, who, sizeof who), signame(s->o->signo, nb),
			target(s, tb, sizeof tb));
	else
		verbose(s, _("time limit reached: sending %s to %s"),
			signame(s->o->signo, nb), target(s, tb, sizeof tb));
}

/* A readable timerfd has expired: the read that drains it comes after. */
static void on_limit(struct sup *s)
{
	uint64_t n;

	expire(s, NULL);
	if (read(s->tfd, &n, sizeof n) < 0 && errno != EAGAIN)
		warn_(_("cannot read the timer"));
}

static void on_kill(struct sup *s)
{
	char tb[64];
	uint64_t n;

	if (read(s->kfd, &n, sizeof n) < 0 || s->killed)
		return;
	s->killed = true;
	verbose(s, _("still running after the kill-after delay: sending KILL to %s"),
		target(s, tb, sizeof tb));
	send_sig(s, SIGKILL);
}

/* TSTP (Ctrl-Z) without --foreground: COMMAND's group is not the
 * terminal's, so sigtool passes the stop on, then stops itself the same
 * way, so that the shell sees its job stopped; once continued (fg, bg), it
 * continues COMMAND. The limit runs on meanwhile, as timeout(1)'s does. */
static void suspend(struct sup *s, const struct signalfd_siginfo *si)
{
	char tb[64], who[64];
	sigset_t tstp;

	send_sig(s, SIGTSTP);
	verbose(s, _("got TSTP from %s: stopping %s and sigtool"),
		sender(si, who, sizeof who), target(s, tb, sizeof tb));
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);
	raise(SIGTSTP);
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	send_sig(s, SIGCONT);
	verbose(s, _("continued: sending CONT to %s"), target(s, tb, sizeof tb));
}

static void on_signals(struct sup *s)
{
	struct signalfd_siginfo si;
	char nb[SIG_NAME_MAX], tb[64], who[64];

	while (read(s->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		int sig = (int)si.ssi_signo;
		if (sig == SIGCHLD) {
			s->chld = true;
			continue;
		}
		if (sig == SIGALRM) {
			expire(s, &si);
			continue;
		}
		if (sig == SIGTSTP) {
			suspend(s, &si);
			continue;
		}
		send_and_continue(s, sig);
		if (sig != SIGUSR1 && sig != SIGUSR2)
			start_kill_timer(s);
		verbose(s, _("got %s from %s: forwarding it to %s"), signame(sig, nb),
			sender(&si, who, sizeof who), target(s, tb, sizeof tb));
	}
}

/* sigtool never stops for the terminal, as timeout(1): run in the
 * background, a -v line written with `stty tostop` would stop it (TTOU)
 * before it sends the signal, and COMMAND would run on unsupervised.
 * COMMAND gets the defaults back. */
static void ignore_tty_stops(struct run_env *env)
{
	static const int stops[] = { SIGTTIN, SIGTTOU };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
		if (sig_disposition(stops[i]) == DISP_DEFAULT
		    && sigaction(stops[i], &sa, NULL) == 0)
			env->dfl |= SIGBIT(stops[i]);
}

/* Block what sigtool forwards (and CHLD, for kernels without pidfds), so
 * that it arrives on the signalfd; COMMAND gets the original mask. A
 * signal ignored when sigtool started stays ignored and is not forwarded,
 * as shells treat signals ignored on entry; but ALRM and SIG are always
 * taken, as timeout(1) takes them: a blocked signal is queued even where
 * its action is to ignore it, and COMMAND still inherits the ignoring. */
static int setup_signals(struct sup *s, struct run_env *env)
{
	sigset_t set;

	run_env_save(env);
	ignore_tty_stops(env);
	sigemptyset(&set);
	for (int sig = sig_first(); sig; sig = sig_next(sig))
		if (sig_catchable(sig) && (sig == SIGALRM || sig == s->o->signo
		    || (forwarded(sig) && sig_disposition(sig) != DISP_IGNORED)))
			sigaddset(&set, sig);
	if (!s->o->foreground && sig_disposition(SIGTSTP) == DISP_DEFAULT)
		sigaddset(&set, SIGTSTP);
	/* run_spawn() undoes an ignored CHLD (and gives it back to COMMAND) */
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	s->sfd = fd_above_stdio(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
	s->tfd = fd_above_stdio(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
	s->kfd = fd_above_stdio(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
	return s->sfd < 0 || s->tfd < 0 || s->kfd < 0 ? -1 : 0;
}

/* COMMAND as a child, in a process group of its own unless --foreground;
 * 0, or the status to exit with (125, 126, 127) after a message. */
static int spawn(struct sup *s, char *const argv[], const struct run_env *env)
{
	struct run_env e = *env;

	e.own_group = !s->o->foreground;
	/* sigtool killed by KILL still ends COMMAND: with SIG, or with KILL
	 * for "-s 0 -k DUR", where SIG 0 would mean no signal */
	e.pdeathsig = s->o->signo ? s->o->signo : s->o->kill_after_ns ? SIGKILL : 0;
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

static void close_all(struct sup *s)
{
	close(s->sfd);
	close(s->tfd);
	close(s->kfd);
}

/* The status to exit with once COMMAND has ended as si says. As
 * timeout(1): KILL shows as 137, whoever sent it, so that a caller can tell
 * a forced end from a clean one; a signal death before the limit expired
 * ends sigtool with that signal. */
static int finish(struct sup *s, const char *name, const siginfo_t *si)
{
	int status = run_shell_status(si);
	bool signaled = si->si_code != CLD_EXITED;
	char db[128];

	verbose(s, _("'%s' (PID %d) %s"), name, (int)s->child.pid,
		run_describe(si, db, sizeof db));
	if (s->timed_out && !s->o->preserve_status && !(signaled && si->si_status == SIGKILL))
		status = EXIT_TIMEDOUT;
	verbose(s, _("exit status %d"), status);
	close_all(s);
	if (signaled && !s->timed_out)
		sig_die(si->si_status);       /* as timeout(1): the caller sees a signal death */
	return status;
}

int supervise(char *const argv[], const struct sup_opts *o)
{
	struct sup s = { .o = o, .child = { .pid = -1, .pidfd = -1 },
			 .tfd = -1, .kfd = -1, .sfd = -1 };
	struct run_env env;
	siginfo_t si;
	int rc;

	if (setup_signals(&s, &env) < 0) {
		warn_(_("cannot set up the event loop"));
		return EXIT_CANCELED;
	}
	if ((rc = spawn(&s, argv, &env)) != 0)
		return rc;
	/* The limit starts when the kernel had taken COMMAND's execve
	 * (run_spawn waits for it): fork and exec not counted; what COMMAND
	 * does before its main() is. */
	if (o->limit_ns && arm(s.tfd, s.child.exec_ns, o->limit_ns) < 0) {
		warn_(_("cannot arm the timer"));
		return EXIT_CANCELED;
	}
	if (loop(&s, &si) < 0) {
		warn_(_("cannot wait for '%s' (PID %d)"), argv[0], (int)s.child.pid);
		return EXIT_CANCELED;
	}
	return finish(&s, argv[0], &si);
}
