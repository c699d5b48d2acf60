/* lesson-state.c - the lessons on a process's signal state as /proc shows
 * it: coalesce (standard signals are a bit, real-time ones a queue), mask
 * (blocked, pending, delivered) and inherit (fork and exec). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "lessonkit.h"
#include "msg.h"

static int started(struct lesson_ctx *c, int i, kid_fn *fn, void *arg)
{
	if (kid_start(c, i, fn, arg, 0) == 0)
		return 0;
	warn_(_("cannot start a process"));
	return -1;
}

static void block(int how, sigmask64 m)
{
	sigset_t set;

	sig_mask_to_sigset(m, &set);
	sigprocmask(how, &set, NULL);
}

/* ---- coalesce */

#define RT_SENT 3

/* Handlers for USR1 and RTMIN, both blocked until told. */
static void coalesce_kid(int in, int out, void *arg)
{
	sigmask64 both = SIGBIT(SIGUSR1) | SIGBIT(sig_rtmin());

	(void)arg;
	kid_handler_fd = out;
	kid_handle(SIGUSR1, kid_report_handler, 0);
	kid_handle(sig_rtmin(), kid_report_handler, 0);
	block(SIG_BLOCK, both);
	kid_say(out, MSG_READY, 0, 0, 0, NULL);
	kid_hear(in);
	block(SIG_UNBLOCK, both);
	kid_say(out, MSG_RESULT, 0, 0, 0, NULL);
	kid_hear(in);
}

static int coalesce_usr1(struct lesson_ctx *c)
{
	struct kid_state st;
	struct kid_msg m;

	if (started(c, 0, coalesce_kid, NULL) < 0 || kid_recv(c, 0, &m, false) < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (lesson_kill(c->kid[0].pid, SIGUSR1) < 0)
			return -1;
	if (lesson_read_state(c->kid[0].pid, &st) < 0)
		return -1;
	obs_int(c, "sent", N_("USR1 sent"), 3);
	obs_set(c, "blocked", N_("blocked (SigBlk)"), st.blocked);
	obs_set(c, "pending", N_("pending (ShdPnd)"), st.pending);
	return 0;
}

static int coalesce_rt(struct lesson_ctx *c)
{
	struct kid_state st;

	for (int v = 1; v <= RT_SENT; v++)
		if (lesson_queue(c->kid[0].pid, sig_rtmin(), v) < 0)
			return -1;
	if (lesson_read_state(c->kid[0].pid, &st) < 0)
		return -1;
	obs_int(c, "sent", N_("RTMIN sent"), RT_SENT);
	obs_set(c, "pending", N_("pending (ShdPnd)"), st.pending);
	return 0;
}

static int coalesce_unblock(struct lesson_ctx *c)
{
	siginfo_t got[OBS_LIST_MAX];
	long long values[OBS_LIST_MAX];
	size_t n = 0, nv = 0, usr1 = 0;
	struct kid_state st;
	struct kid_msg m;

	if (kid_tell(c, 0, 'u') < 0)
		return -1;
	while (kid_recv(c, 0, &m, false) == 0 && m.what == MSG_SIGNAL && n < OBS_LIST_MAX) {
		got[n++] = m.si;
		if (m.si.si_signo == SIGUSR1)
			usr1++;
		else
			values[nv++] = m.si.si_value.sival_int;
	}
	if (m.what != MSG_RESULT || lesson_read_state(c->kid[0].pid, &st) < 0)
		return -1;
	obs_events(c, "deliveries", N_("handlers ran for"), got, n);
	obs_int(c, "usr1_deliveries", N_("USR1 delivered"), usr1);
	obs_ints(c, "rt_values", N_("RTMIN values, in order"), values, nv);
	obs_set(c, "pending", N_("pending now"), st.pending);
	return 0;
}

static const char *const coalesce1_cmds[] = {
	"sigtool catch --handle USR1,RTMIN --block USR1,RTMIN --pidfile c.pid &",
	"for i in 1 2 3; do sigtool send USR1 \"$(cat c.pid)\"; done",
	"sigtool pending \"$(cat c.pid)\"", NULL };
static const char *const coalesce2_cmds[] = {
	"for v in 1 2 3; do sigtool send --value \"$v\" RTMIN \"$(cat c.pid)\"; done",
	"sigtool status \"$(cat c.pid)\"", NULL };
static const char *const coalesce3_cmds[] = {
	"sigtool wait --count 3 RTMIN", NULL };

static const struct lesson_step coalesce_steps[] = {
	{ N_("A child blocks USR1 and RTMIN, with a handler for each. USR1 is sent "
	     "three times: a standard signal is one bit, so it is pending once."),
	  coalesce1_cmds, coalesce_usr1 },
	{ N_("RTMIN is sent three times with sigqueue() and the values 1, 2 and 3: "
	     "real-time signals are queued, every one of them."), coalesce2_cmds, coalesce_rt },
	{ N_("The child unblocks both: USR1 is delivered once; RTMIN three times, in the "
	     "order sent, each with its value."), coalesce3_cmds, coalesce_unblock },
};

const struct lesson lesson_coalesce = {
	"coalesce", N_("a standard signal sent three times is delivered once; real-time ones queue"),
	false, NULL, LESSON_STEPS(coalesce_steps)
};

/* ---- mask */

/* A USR1 handler; then does as told: b block USR1, u unblock it, a block
 * everything; each answered with sigprocmask's result. */
static void mask_kid(int in, int out, void *arg)
{
	sigset_t all;

	(void)arg;
	kid_handler_fd = out;
	kid_handle(SIGUSR1, kid_report_handler, SA_RESTART);
	kid_say(out, MSG_READY, 0, 0, 0, NULL);
	sigfillset(&all);
	for (;;) {
		int cmd = kid_hear(in), r = 0;
		if (cmd == 'b' || cmd == 'u')
			block(cmd == 'b' ? SIG_BLOCK : SIG_UNBLOCK, SIGBIT(SIGUSR1));
		else
			r = sigprocmask(SIG_BLOCK, &all, NULL);
		kid_say(out, MSG_RESULT, r, 0, 0, NULL);
	}
}

/* Tell kid 0 cmd, take its answer (and a signal before it), read /proc. */
static int mask_do(struct lesson_ctx *c, int cmd, struct kid_msg *sig, struct kid_state *st)
{
	struct kid_msg m = { .what = 0 };

	if (cmd && kid_tell(c, 0, cmd) < 0)
		return -1;
	while (cmd && kid_recv(c, 0, &m, false) == 0 && m.what == MSG_SIGNAL)
		*sig = m;
	if (cmd && m.what != MSG_RESULT)
		return -1;
	return lesson_read_state(c->kid[0].pid, st);
}

static int mask_block(struct lesson_ctx *c)
{
	struct kid_state st;
	struct kid_msg m;

	if (started(c, 0, mask_kid, NULL) < 0 || kid_recv(c, 0, &m, false) < 0
	    || mask_do(c, 'b', &m, &st) < 0)
		return -1;
	obs_set(c, "caught", N_("caught (SigCgt)"), st.caught);
	obs_set(c, "blocked", N_("blocked (SigBlk)"), st.blocked);
	obs_set(c, "pending", N_("pending"), st.pending);
	return 0;
}

static int mask_send(struct lesson_ctx *c)
{
	struct kid_state st;
	struct kid_msg m;
	int handled = 0;

	if (lesson_kill(c->kid[0].pid, SIGUSR1) < 0 || mask_do(c, 0, &m, &st) < 0)
		return -1;
	while (kid_poll(c, 0, &m))
		handled += m.what == MSG_SIGNAL;
	obs_set(c, "blocked", N_("blocked (SigBlk)"), st.blocked);
	obs_set(c, "pending", N_("pending (ShdPnd)"), st.pending);
	obs_int(c, "handled", N_("handler runs so far"), handled);
	return 0;
}

static int mask_unblock(struct lesson_ctx *c)
{
	struct kid_msg sig = { 0 };
	struct kid_state st;

	if (mask_do(c, 'u', &sig, &st) < 0)
		return -1;
	if (sig.what != MSG_SIGNAL) {
		warnx_(_("process %d did not run its handler"), (int)c->kid[0].pid);
		return -1;
	}
	obs_event(c, "delivered", N_("the handler got"), &sig.si);
	obs_set(c, "blocked", N_("blocked (SigBlk)"), st.blocked);
	obs_set(c, "pending", N_("pending"), st.pending);
	return 0;
}

static int mask_all(struct lesson_ctx *c)
{
	struct kid_msg sig;
	struct kid_state st;

	if (mask_do(c, 'a', &sig, &st) < 0)
		return -1;
	obs_set(c, "not_blocked", N_("not blocked (SigBlk)"), sig_valid_mask() & ~st.blocked);
	obs_bool(c, "kill_blocked", N_("KILL blocked"), st.blocked & SIGBIT(SIGKILL));
	obs_bool(c, "stop_blocked", N_("STOP blocked"), st.blocked & SIGBIT(SIGSTOP));
	return 0;
}

static int mask_stop_kill(struct lesson_ctx *c)
{
	struct kid_state st;
	siginfo_t end;

	if (lesson_kill(c->kid[0].pid, SIGSTOP) < 0 || kid_wait_stopped(c, 0) < 0
	    || lesson_read_state(c->kid[0].pid, &st) < 0
	    || lesson_kill(c->kid[0].pid, SIGKILL) < 0 || kid_reap(c, 0, &end) < 0)
		return -1;
	obs_state(c, "state_after_stop", N_("after STOP"), st.state);
	obs_exit(c, "exit", N_("after KILL"), &end);
	return 0;
}

static const char *const mask1_cmds[] = {
	"sigtool catch --handle USR1 --block USR1 --pidfile c.pid &",
	"sigtool mask \"$(cat c.pid)\"", NULL };
static const char *const mask2_cmds[] = {
	"sigtool send USR1 \"$(cat c.pid)\"", "sigtool pending \"$(cat c.pid)\"", NULL };
static const char *const mask3_cmds[] = {
	"sigtool status \"$(cat c.pid)\"", NULL };
static const char *const mask4_cmds[] = {
	"sigtool mask --block all -- grep SigBlk /proc/self/status",
	"sigtool mask --decode fffffffe7ffbfeff", NULL };
static const char *const mask5_cmds[] = {
	"sigtool send STOP \"$(cat c.pid)\"", "sigtool send KILL \"$(cat c.pid)\"", NULL };

static const struct lesson_step mask_steps[] = {
	{ N_("A child with a USR1 handler blocks USR1 with sigprocmask(): /proc/PID/status "
	     "shows it in SigBlk, and nothing is pending."), mask1_cmds, mask_block },
	{ N_("USR1 is sent: the kernel keeps it pending (ShdPnd) because it is blocked; "
	     "the handler has not run."), mask2_cmds, mask_send },
	{ N_("The child unblocks USR1: the pending signal is delivered at once, and its "
	     "handler runs."), mask3_cmds, mask_unblock },
	{ N_("The child asks to block every signal: the kernel leaves KILL and STOP out "
	     "of the mask, without an error."), mask4_cmds, mask_all },
	{ N_("With everything else blocked, STOP still stops the child, and KILL still "
	     "ends it: status 128 + 9 = 137."), mask5_cmds, mask_stop_kill },
};

const struct lesson lesson_mask = {
	"mask", N_("blocked, pending, delivered, through /proc; KILL and STOP cannot be blocked"),
	false, NULL, LESSON_STEPS(mask_steps)
};

/* ---- inherit */

static int fork_fds[2], exec_fds[2];

static void nothing(int signo, siginfo_t *si, void *uc)
{
	(void)signo, (void)si, (void)uc;
}

/* The child of fork(): waits to be told, then runs cat; an exec failure
 * goes back as errno on exec_fds (which the exec closes). */
static void fork_child(void)
{
	char b;
	int err;

	close(fork_fds[1]);
	close(exec_fds[0]);
	if (read(fork_fds[0], &b, 1) != 1)
		_exit(0);
	dup2(fork_fds[0], STDIN_FILENO);
	execlp("cat", "cat", (char *)NULL);
	err = errno;
	if (write(exec_fds[1], &err, sizeof err) < 0)
		_exit(126);
	_exit(127);
}

/* f: fork (the child's PID back), e: let the fork child exec cat (back
 * when done), x: exec cat itself. */
static void inherit_cmd(int in, int out, int cmd)
{
	pid_t pid;
	int err = 0;

	if (cmd == 'x')
		kid_exec_cat(in, out);
	if (cmd == 'f') {
		if (pipe2(fork_fds, O_CLOEXEC) < 0 || pipe2(exec_fds, O_CLOEXEC) < 0
		    || (pid = fork()) < 0)
			_exit(1);
		if (pid == 0)
			fork_child();
		close(fork_fds[0]);
		close(exec_fds[1]);
		kid_say(out, MSG_PID, pid, 0, 0, NULL);
		return;
	}
	if (write(fork_fds[1], "x", 1) != 1 || read(exec_fds[0], &err, sizeof err) < 0)
		err = errno;
	kid_say(out, MSG_RESULT, err ? -1 : 0, err, 0, NULL);
}

static void inherit_kid(int in, int out, void *arg)
{
	(void)arg;
	signal(SIGHUP, SIG_IGN);
	kid_handle(SIGUSR1, nothing, 0);
	block(SIG_BLOCK, SIGBIT(SIGUSR2));
	kill(getpid(), SIGUSR2);
	kid_say(out, MSG_READY, 0, 0, 0, NULL);
	for (;;)
		inherit_cmd(in, out, kid_hear(in));
}

static void obs_sets(struct lesson_ctx *c, const struct kid_state *st)
{
	obs_set(c, "ignored", N_("ignored (SigIgn)"), st->ignored);
	obs_set(c, "caught", N_("caught (SigCgt)"), st->caught);
	obs_set(c, "blocked", N_("blocked (SigBlk)"), st->blocked);
	obs_set(c, "pending", N_("pending"), st->pending);
}

static pid_t forked;

static int inherit_setup(struct lesson_ctx *c)
{
	struct kid_state st;
	struct kid_msg m;

	if (started(c, 0, inherit_kid, NULL) < 0 || kid_recv(c, 0, &m, false) < 0
	    || lesson_read_state(c->kid[0].pid, &st) < 0)
		return -1;
	obs_sets(c, &st);
	return 0;
}

static int inherit_fork(struct lesson_ctx *c)
{
	struct kid_state st;
	struct kid_msg m;

	if (kid_tell(c, 0, 'f') < 0 || kid_recv(c, 0, &m, false) < 0
	    || lesson_read_state(forked = m.a, &st) < 0)
		return -1;
	obs_int(c, "pid", N_("the child of fork()"), forked);
	obs_sets(c, &st);
	return 0;
}

static int inherit_exec_child(struct lesson_ctx *c)
{
	struct kid_state st;
	struct kid_msg m;

	if (kid_tell(c, 0, 'e') < 0 || kid_recv(c, 0, &m, false) < 0)
		return -1;
	if (m.a < 0) {
		errno = m.b;
		warn_(_("cannot run '%s'"), "cat");
		return -1;
	}
	if (lesson_read_state(forked, &st) < 0)
		return -1;
	obs_sets(c, &st);
	obs_disp(c, "usr1", N_("USR1"), kid_state_disp(&st, SIGUSR1));
	return 0;
}

static int inherit_exec_self(struct lesson_ctx *c)
{
	struct kid_state st;

	if (kid_tell(c, 0, 'x') < 0 || kid_exec_done(c, 0) < 0
	    || lesson_read_state(c->kid[0].pid, &st) < 0)
		return -1;
	obs_sets(c, &st);
	return 0;
}

static const char *const inherit1_cmds[] = {
	"sigtool catch --ignore HUP --handle USR1 --block USR2 --pidfile c.pid &",
	"sigtool send USR2 \"$(cat c.pid)\"", "sigtool status \"$(cat c.pid)\"", NULL };
static const char *const inherit2_cmds[] = {
	"sigtool status --all-signals \"$(cat c.pid)\"", NULL };
static const char *const inherit3_cmds[] = {
	"sigtool mask --ignore HUP --block USR2 -- grep -E 'Sig(Ign|Blk)' /proc/self/status", NULL };
static const char *const inherit4_cmds[] = {
	"sigtool pending \"$(cat c.pid)\"", NULL };

static const struct lesson_step inherit_steps[] = {
	{ N_("A child sets up its signal state: HUP ignored, a handler for USR1, USR2 "
	     "blocked, and USR2 sent to itself, so that it is pending."),
	  inherit1_cmds, inherit_setup },
	{ N_("It calls fork(): the new process has the same dispositions (HUP ignored, "
	     "USR1 caught) and the same mask, but nothing pending: pending signals are "
	     "not inherited."), inherit2_cmds, inherit_fork },
	{ N_("The child of fork() runs execve(cat): HUP stays ignored and USR2 blocked, "
	     "but the USR1 handler is gone with the old program: USR1 is back at its "
	     "default action."), inherit3_cmds, inherit_exec_child },
	{ N_("The first child runs execve(cat) too: its pending USR2 survives the exec, "
	     "still blocked and still pending."), inherit4_cmds, inherit_exec_self },
};

const struct lesson lesson_inherit = {
	"inherit", N_("what fork and exec keep: ignored, caught, blocked, pending"),
	false, NULL, LESSON_STEPS(inherit_steps)
};
