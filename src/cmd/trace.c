/* trace.c - `sigtool trace`: who sent which signal to whom, and what it
 * did, from the kernel's signal tracepoints (core/trace.c), for the whole
 * machine, chosen processes, or a COMMAND and its descendants. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd/selopts.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/pidfd.h"
#include "core/ready.h"
#include "core/run.h"
#include "core/trace.h"
#include "core/traceview.h"
#include "core/util.h"

enum { OPT_SIGNAL = 256, OPT_SENDER, OPT_NO_DELIVERIES, OPT_JSON, OPT_BUFFER };

struct trace_ctl {
	long long count;
	int64_t timeout_ns;
	sigmask64 signals;
	bool no_deliveries, json;
	long long buffer_kib;
	pid_t *pids, *senders;
	size_t npids, nsenders;
	const char *pidfile;
	int ready_fd;
	struct selopts sel;
};
#define SELOPT_TYPE struct trace_ctl

static const struct cmd_opt trace_opts[] = {
	{ 'p', "pid", required_argument, ARG_PID, "PID", NULL,
	  N_("signals sent to or by process PID (repeatable)") },
	{ OPT_SIGNAL, "signal", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("only these signals (a comma list; repeatable)"),
	  CMD_AT(struct trace_ctl, signals) },
	{ OPT_SENDER, "sender", required_argument, ARG_PID, "PID", NULL,
	  N_("only signals sent by PID, and their deliveries") },
	{ OPT_NO_DELIVERIES, "no-deliveries", no_argument, ARG_NONE, NULL, NULL,
	  N_("show the generation events only"), CMD_AT(struct trace_ctl, no_deliveries) },
	{ 'c', "count", required_argument, ARG_NUMBER, "N", NULL,
	  N_("stop after N events"), CMD_AT(struct trace_ctl, count),
	  .min = 1, .max = LLONG_MAX },
	{ 't', "timeout", required_argument, ARG_DURATION, "DUR", NULL,
	  N_("stop after DUR"), CMD_AT(struct trace_ctl, timeout_ns) },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("print JSON Lines"), CMD_AT(struct trace_ctl, json) },
	{ OPT_BUFFER, "buffer-size", required_argument, ARG_NUMBER, "KIB", NULL,
	  N_("ring buffer per CPU in KiB (default 4096)"),
	  CMD_AT(struct trace_ctl, buffer_kib), .min = 64, .max = 1048576 },
	CMD_READY_ROWS(struct trace_ctl, pidfile, ready_fd),
	SELECT_ROWS,
	{ 0 }
};

static const struct trace_ctl trace_defaults = { .ready_fd = -1 };

static const char *const trace_synopsis[] = {
	"[OPTION]... [-p PID]... [--signal SIGS] [--sender PID]",
	"[OPTION]... -- COMMAND [ARG]...",
	NULL
};

static int trace_option(void *arg, int id, const union cmd_val *v, struct perr *e)
{
	struct trace_ctl *c = arg;
	pid_t **list = id == 'p' ? &c->pids : &c->senders;
	size_t *n = id == 'p' ? &c->npids : &c->nsenders;

	(void)e;
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = v->pid.pid;
	return 0;
}

/* Why perf_event_open was refused, in words: which of the two things
 * that would allow it is missing. */
static void denied(const struct trace_error *e)
{
	bool perfmon;
	int paranoid;

	trace_perm_state(&perfmon, &paranoid);
	errno = e->err;
	if (!perfmon && paranoid > -1)
		warnx_(_("perf_event_open refused: tracing every CPU needs CAP_PERFMON (or "
			 "CAP_SYS_ADMIN), which sigtool lacks, or kernel.perf_event_paranoid <= -1 "
			 "(it is %d)"), paranoid);
	else if (perfmon)
		warn_(_("perf_event_open refused although sigtool has CAP_PERFMON: a seccomp "
			"filter, a container or a security module denies it"));
	else
		warn_(_("perf_event_open refused although kernel.perf_event_paranoid is %d"),
		      paranoid);
}

static void open_failed(const struct trace_error *e)
{
	switch (e->what) {
	case TRACE_NO_TRACEFS:
		warnx_(_("tracefs is not mounted (at %s or %s); mount it with: "
			 "mount -t tracefs nodev %s"), trace_tracefs_paths[0],
		       trace_tracefs_paths[1], trace_tracefs_paths[0]);
		break;
	case TRACE_NO_EVENT:
		warnx_(_("the signal tracepoints are missing: no %s (a kernel built without "
			 "CONFIG_TRACEPOINTS?)"), e->detail);
		break;
	case TRACE_BAD_FORMAT:
		warnx_(_("cannot read the tracepoint format: %s"), e->detail);
		break;
	case TRACE_DENIED:
		denied(e);
		break;
	case TRACE_NO_FILES:
		errno = e->err;
		warn_(_("too many open files: tracing takes 2 descriptors per CPU (%ld CPUs); "
			"raise the limit (ulimit -n)"), sysconf(_SC_NPROCESSORS_ONLN));
		break;
	default:
		errno = e->err;
		warn_("%s", e->detail);
		break;
	}
}

/* One run: the trace, what it shows, COMMAND, and the loop's descriptors. */
struct run {
	struct trace_ctl *c;
	struct trace *t;                /* NULL once tracing has ended */
	struct trace_view v;
	struct run_child child;         /* pid -1: no COMMAND */
	siginfo_t csi;                  /* how COMMAND ended */
	bool child_done, stop;
	int sfd, tfd;
	uint64_t last;                  /* when the previous round began */
	size_t bad;                     /* malformed records */
};

/* What the rings hold up to the previous round (a record is in its ring
 * within moments of its time, so nothing earlier can still come). */
static void round_(struct run *r, uint64_t upto)
{
	trace_read(r->t, upto, tview_record, &r->v, &r->bad);
	out_flush();
}

static void end_trace(struct run *r)
{
	uint64_t lost;

	if (!r->t)
		return;
	round_(r, UINT64_MAX);
	/* losses whose LOST record never came, the rings being idle since */
	lost = trace_lost(r->t);
	if (lost != UINT64_MAX && lost > r->v.lost) {
		warnx_(_("%llu more events lost: the ring buffers were full"),
		       (unsigned long long)(lost - r->v.lost));
		r->v.lost = lost;
	}
	trace_close(r->t);
	r->t = NULL;
	if (r->bad)
		warnx_(_("%zu malformed records skipped"), r->bad);
	tview_summary(&r->v);
}

/* INT, TERM, HUP, QUIT: the end of tracing; with COMMAND, forwarded to it
 * (unless the terminal sent them, and so to COMMAND too) and tracing goes
 * on until COMMAND ends. */
static void on_signals(struct run *r)
{
	struct signalfd_siginfo si;

	while (read(r->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (r->child.pid < 0 || r->child_done) {
			r->stop = true;
			continue;
		}
		if (si.ssi_code != SI_KERNEL && r->child.pidfd >= 0)
			pfd_send(r->child.pidfd, (int)si.ssi_signo, NULL, 0);
		else if (si.ssi_code != SI_KERNEL)
			kill(r->child.pid, (int)si.ssi_signo);
	}
}

static void check_child(struct run *r)
{
	if (r->child.pid < 0 || r->child_done)
		return;
	if (run_reap(&r->child, false, &r->csi) != 0)
		r->child_done = true;
}

static int loop(struct run *r)
{
	for (;;) {
		struct pollfd p[4] = {
			{ .fd = r->sfd, .events = POLLIN },
			{ .fd = r->t ? trace_fd(r->t) : -1, .events = POLLIN },
			{ .fd = r->child_done ? -1 : r->child.pidfd, .events = POLLIN },
			{ .fd = r->t ? r->tfd : -1, .events = POLLIN },
		};
		uint64_t now;

		if (poll(p, 4, r->t || r->child.pidfd < 0 ? 100 : -1) < 0 && errno != EINTR) {
			warn_(_("poll"));
			return -1;
		}
		now = (uint64_t)mono_ns();
		if (r->t)
			round_(r, r->last);
		r->last = now;
		if (p[0].revents)
			on_signals(r);
		check_child(r);
		if (r->stop || p[3].revents || r->v.done || out_error() || r->child_done)
			end_trace(r);
		if (r->child.pid < 0 ? !r->t : r->child_done)
			return 0;
	}
}

/* The processes to trace: --pid (each must exist), the selection, and
 * nothing for the whole machine. */
static void choose(struct trace_ctl *c, const struct cmd_args *a, bool command)
{
	for (size_t i = 0; i < c->npids; i++)
		if (kill(c->pids[i], 0) < 0 && errno == ESRCH)
			die(command ? EXIT_CANCELED : EXIT_FAILURE, _("no process with PID %d"),
			    (int)c->pids[i]);
	selopts_finish(&c->sel, &cmd_trace, a);
	c->sel.nm = selopts_select(&c->sel, c->npids > 0 || command, &c->sel.m);
}

/* Block what ends tracing, into a signalfd; COMMAND gets the mask of
 * before (env). */
static int block_signals(struct run *r, struct run_env *env)
{
	sigset_t set;

	run_env_save(env);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	r->sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	return r->sfd < 0 ? -1 : 0;
}

static int arm_timeout(struct run *r, int64_t ns)
{
	struct itimerspec its = { .it_value = { .tv_sec = ns / 1000000000,
						.tv_nsec = ns % 1000000000 } };

	r->tfd = -1;
	if (!ns)
		return 0;
	if ((r->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK)) < 0)
		return -1;
	return timerfd_settime(r->tfd, 0, &its, NULL);
}

static void view_opts(const struct trace_ctl *c, bool command, struct trace_view_opts *o)
{
	memset(o, 0, sizeof *o);
	o->signals = c->signals;
	o->senders = c->nsenders ? c->senders : NULL;
	o->nsenders = c->nsenders;
	o->only_tracked = command || c->npids || selopts_active(&c->sel);
	o->follow = command || c->sel.s.tree;
	o->no_deliveries = c->no_deliveries;
	o->json = c->json;
	o->count = (uint64_t)c->count;
	o->t0 = (uint64_t)mono_ns();
}

/* Tracing on, the processes marked, COMMAND started: 0, or the status. */
static int start(struct run *r, char **command, int fail)
{
	struct trace_opts to = { .ring_kib = (size_t)r->c->buffer_kib };
	struct trace_view_opts vo;
	struct trace_error e;
	struct run_env env;
	int rc;

	view_opts(r->c, command != NULL, &vo);
	r->last = vo.t0;
	if (!(r->t = trace_open(&to, &e))) {
		open_failed(&e);
		return fail;
	}
	if (block_signals(r, &env) < 0 || arm_timeout(r, r->c->timeout_ns) < 0) {
		warn_(_("cannot set up the event loop"));
		trace_close(r->t);
		r->t = NULL;
		return fail;
	}
	tview_init(&r->v, &vo);
	tview_seed(&r->v);
	for (size_t i = 0; i < r->c->npids; i++)
		tview_track(&r->v, r->c->pids[i]);
	for (long i = 0; i < r->c->sel.nm; i++)
		tview_track(&r->v, r->c->sel.m[i].pid);
	ready_announce(r->c->pidfile, r->c->ready_fd, fail);
	if (command && (rc = run_spawn(command, &env, &r->child)) != 0) {
		trace_close(r->t);      /* nothing was traced: no summary */
		r->t = NULL;
		return rc;
	}
	if (command)
		tview_track(&r->v, r->child.pid);
	return 0;
}

static int finish(struct run *r, int rc)
{
	end_trace(r);
	if (r->sfd >= 0)
		close(r->sfd);
	if (r->tfd >= 0)
		close(r->tfd);
	if (rc == 0 && r->child.pid >= 0 && r->child_done)
		rc = run_shell_status(&r->csi);
	if (rc == 0 && r->v.lost)
		rc = EXIT_FAILURE;
	tview_free(&r->v);
	return rc;
}

static int trace_exec(void *ctl, const struct cmd_args *a)
{
	struct trace_ctl *c = ctl;
	struct run r = { .c = c, .child = { .pid = -1, .pidfd = -1 }, .sfd = -1, .tfd = -1 };
	int fail = a->command ? EXIT_CANCELED : EXIT_FAILURE, rc;

	choose(c, a, a->command != NULL);
	if (c->sel.pids)
		rc = selopts_print_pids(c->sel.m, c->sel.nm);
	else if ((rc = start(&r, a->command, fail)) == 0 && loop(&r) < 0)
		rc = fail;
	rc = finish(&r, rc);
	sel_free(&c->sel.s, c->sel.m, c->sel.nm);
	free(c->pids);
	free(c->senders);
	return rc;
}

const struct cmd cmd_trace = {
	.name = "trace",
	.summary = N_("show who sends which signal to whom, and what it does"),
	.synopsis = trace_synopsis,
	.description = CMD_PARAS(N_(
"Show every signal generated and delivered on the machine, as the kernel\n"
"reports it through its tracepoints signal:signal_generate and\n"
"signal:signal_deliver, read with perf_event_open(2) (root, or CAP_PERFMON,\n"
"or kernel.perf_event_paranoid -1; tracefs mounted). Without COMMAND, until\n"
"interrupted (INT, TERM, HUP, QUIT), --count events or --timeout; -p, --pid\n"
"and the selection options narrow it to the signals sent to or by those\n"
"processes (--tree follows their new children too). With COMMAND, sigtool\n"
"starts it and shows the signals sent to and by it and every descendant,\n"
"followed through fork, until COMMAND ends; INT, TERM, HUP and QUIT sent to\n"
"sigtool are passed on to COMMAND (not those of the terminal, which COMMAND\n"
"gets itself).\n"
"\n"
"One line per event, in the kernel's time order across CPUs; the time is in\n"
"seconds since tracing started. A generation names the sender as it was\n"
"when it sent (a 'kill' that has exited since keeps its name), the target,\n"
"the code (SI_USER, SI_QUEUE, SI_TKILL, SI_KERNEL, CLD_EXITED, SEGV_MAPERR...)\n"
"and the result: delivered (queued), ignored, pending (already pending, so\n"
"merged), overflow (the queue was full: lost) or lost-info. The kernel is\n"
"named as the sender of what it generates: 'kernel' alone for timers, the\n"
"OOM killer or the terminal, 'kernel:NAME[PID]' for what a task's own\n"
"doing caused elsewhere (a child's exit: CHLD to its parent). A delivery\n"
"says what the receiver did: its default action (Term, Core, Ign, Stop,\n"
"Cont), ignored, or its handler. The kernel delivers a signal whose default\n"
"action ends the process (and dumps no core) as a KILL to every thread: it\n"
"is shown as that signal, 'as KILL to every thread'. Names are\n"
"NAME[PID], or NAME[PID/TID] for a thread other than the main one;\n"
"control characters in names show as '?'.\n"
"\n"
"--sender shows what PID sends and the deliveries of those signals.\n"
"--no-deliveries leaves the deliveries out. --json prints JSON Lines:\n"
"{time, event: \"generate\", signo, name, code, origin: \"process\"|\"kernel\",\n"
"sender: {pid, tid, comm} or null, target: {pid, tid, comm}, scope:\n"
"\"process\"|\"thread\", result} and {time, event: \"deliver\", signo, name,\n"
"code, target, action: \"default\"|\"ignored\"|\"handler\", default_action,\n"
"group_exit (the KILL to every thread above), sa_flags: [names]}. The\n"
"time is a number of seconds. A sender's uid and a queued value are not in\n"
"the tracepoints, so neither is shown.\n"
"\n"
"Events that do not fit in a ring buffer (one per CPU, --buffer-size) are\n"
"lost by the kernel: each loss is reported on standard error at once, and\n"
"counted. At the end a one-line summary goes to standard error: events\n"
"shown, lost, and their count by signal. --pidfile and --ready-fd tell when\n"
"tracing has started.\n"
"\n"),
SELOPT_HELP),
	.opts = trace_opts,
	.operands = ARG_NONE,
	.max_args = 0,
	.command = -1,
	.usage_status = EXIT_CANCELED,
	.ctl_size = sizeof(struct trace_ctl),
	.ctl_init = &trace_defaults,
	.option = trace_option,
	.exit_status = N_(
"  1    events were lost (an end by Ctrl-C, --count or --timeout is 0\n"
"       otherwise), or tracing could not start: tracefs not mounted,\n"
"       tracepoints missing, perf_event_open refused, too many open files;\n"
"       no such process, or no process selected\n"
"  With COMMAND: COMMAND's status (1 if it is 0 and events were lost), 125\n"
"  if sigtool failed or for a usage error, 126 and 127 as in timeout(1)\n"),
	.examples = N_(
"  $ sigtool trace\n"
"      every signal on the machine, until Ctrl-C\n"
"  $ sigtool trace -p 1234 --signal TERM,KILL\n"
"      who ends process 1234?\n"
"  $ sigtool trace --name nginx --no-deliveries\n"
"      the signals sent to or by nginx, not what they did\n"
"  $ sigtool trace -- make check\n"
"      make and its descendants, until make ends\n"
"  $ sigtool trace --json -t 10s > signals.jsonl\n"
"      ten seconds of JSON Lines\n"),
	.exec = trace_exec,
};
