/* lesson-proc.c - the lessons on processes and their ends: chld (zombies,
 * CHLD's siginfo, reaping by the kernel) and init (PID 1 of a namespace). */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "lessonkit.h"
#include "msg.h"
#include "proc.h"

/* ---- chld */

/* A parent: CHLD blocked, a child that exits 3, CHLD taken with
 * sigwaitinfo(); then, told r, it reaps; told i, it ignores CHLD and
 * starts another child that exits 3. */
static void parent_kid(int in, int out, void *arg)
{
	siginfo_t si, w;
	sigset_t chld;
	pid_t z;
	int r;

	(void)arg;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	if ((z = fork()) == 0)
		_exit(3);
	while (sigwaitinfo(&chld, &si) < 0)
		;
	/* returns once the child is a zombie, and leaves it one */
	while (waitid(P_PID, z, &w, WEXITED | WNOWAIT) < 0 && errno == EINTR)
		;
	kid_say(out, MSG_SIGNAL, z, 0, 0, &si);
	kid_hear(in);
	memset(&w, 0, sizeof w);
	r = waitid(P_PID, z, &w, WEXITED);
	kid_say(out, MSG_RESULT, r, r < 0 ? errno : 0, 0, &w);
	kid_hear(in);
	signal(SIGCHLD, SIG_IGN);
	if ((z = fork()) == 0)
		_exit(3);
	r = waitid(P_ALL, 0, &w, WEXITED);
	kid_say(out, MSG_RESULT, r, r < 0 ? errno : 0, z, NULL);
	kid_hear(in);
}

static pid_t zombie;

static int chld_zombie(struct lesson_ctx *c)
{
	struct proc_status st;
	struct kid_msg m;

	if (kid_start(c, 0, parent_kid, NULL, 0) < 0) {
		warn_(_("cannot start a process"));
		return -1;
	}
	if (kid_recv(c, 0, &m, false) < 0)
		return -1;
	zombie = m.a;
	if (proc_status_read(zombie, 0, &st) < 0) {
		warn_(_("cannot read the state of process %d"), (int)zombie);
		return -1;
	}
	obs_event(c, "signal", N_("the parent got"), &m.si);
	obs_int(c, "pid", N_("the child"), zombie);
	obs_state(c, "state", N_("its state (/proc)"), st.state);
	return 0;
}

static int chld_reap(struct lesson_ctx *c)
{
	struct kid_msg m;

	if (kid_tell(c, 0, 'r') < 0 || kid_recv(c, 0, &m, false) < 0)
		return -1;
	obs_exit(c, "exit", N_("wait() returned"), &m.si);
	obs_bool(c, "exists", N_("still in /proc"), lesson_proc_exists(zombie));
	return 0;
}

static int chld_ignored(struct lesson_ctx *c)
{
	struct kid_msg m;

	if (kid_tell(c, 0, 'i') < 0 || kid_recv(c, 0, &m, false) < 0)
		return -1;
	obs_int(c, "pid", N_("the new child"), m.t);
	obs_int(c, "wait_result", N_("wait() returned"), m.a);
	obs_errno(c, "wait_errno", N_("errno"), m.b);
	obs_bool(c, "exists", N_("still in /proc"), lesson_proc_exists(m.t));
	return 0;
}

static const char *const chld1_cmds[] = {
	"sigtool wait CHLD -- sh -c 'exit 3'",
	"sh -c 'sh -c \"exit 3\" & exec sleep 1' & sleep 0.5; ps -o pid,stat,comm --ppid $!",
	NULL };
static const char *const chld2_cmds[] = {
	"sh -c 'exit 3' & wait $!; echo $?", NULL };
static const char *const chld3_cmds[] = {
	"sigtool mask --ignore CHLD -- sh -c 'sh -c \"exit 3\" & wait; echo $?'", NULL };

static const struct lesson_step chld_steps[] = {
	{ N_("A child exits with status 3 while its parent, with CHLD blocked, waits for "
	     "the signal with sigwaitinfo(): CHLD says who ended and how, and the child "
	     "stays a zombie until its parent reaps it."), chld1_cmds, chld_zombie },
	{ N_("The parent calls waitid(): it gets the same status, and the zombie is "
	     "gone."), chld2_cmds, chld_reap },
	{ N_("The parent sets CHLD to SIG_IGN and starts another child that exits: the "
	     "kernel reaps it at once, and wait() fails with ECHILD, having nothing to "
	     "wait for."), chld3_cmds, chld_ignored },
};

const struct lesson lesson_chld = {
	"chld", N_("a child's end: a zombie until reaped, CHLD's siginfo, reaping by the kernel"),
	false, NULL, LESSON_STEPS(chld_steps)
};

/* ---- init */

static void init_kid(int in, int out, void *arg)
{
	(void)arg;
	kid_handler_fd = out;
	kid_handle(SIGUSR2, kid_report_handler, SA_RESTART);
	kid_say(out, MSG_READY, getpid(), 0, 0, NULL);
	for (;;)
		kid_hear(in);
}

static int init_prepare(struct lesson_ctx *c)
{
	if (kid_start(c, 0, init_kid, NULL, CLONE_NEWPID) == 0)
		return 0;
	if (errno == EPERM)
		warn_(_("cannot make a PID namespace (it takes root, CAP_SYS_ADMIN)"));
	else
		warn_(_("cannot make a PID namespace"));
	return -1;
}

static int init_start(struct lesson_ctx *c)
{
	long long nspid[PROC_NSPID_MAX];
	struct proc_status st;
	struct kid_state ks;
	struct kid_msg m;
	int n;

	if (kid_recv(c, 0, &m, false) < 0 || lesson_read_state(c->kid[0].pid, &ks) < 0)
		return -1;
	if (proc_status_read(c->kid[0].pid, 0, &st) < 0) {
		warn_(_("cannot read the state of process %d"), (int)c->kid[0].pid);
		return -1;
	}
	for (n = 0; n < st.nspid_len && n < OBS_LIST_MAX; n++)
		nspid[n] = st.nspid[n];
	obs_int(c, "pid", N_("its PID here"), c->kid[0].pid);
	obs_int(c, "getpid", N_("getpid() in it"), m.a);
	obs_ints(c, "nspid", N_("NSpid (/proc)"), nspid, n);
	obs_disp(c, "term", N_("TERM"), kid_state_disp(&ks, SIGTERM));
	obs_notes(c, "notes", N_("note"), c->kid[0].pid);
	return 0;
}

/* TERM, then USR2, which it catches: once the handler has said so, the
 * process has run its own code after TERM was sent. */
static int init_term(struct lesson_ctx *c)
{
	struct kid_state st;
	struct kid_msg m;

	if (lesson_kill(c->kid[0].pid, SIGTERM) < 0 || lesson_kill(c->kid[0].pid, SIGUSR2) < 0
	    || kid_recv(c, 0, &m, false) < 0 || lesson_read_state(c->kid[0].pid, &st) < 0)
		return -1;
	obs_event(c, "probe", N_("then its USR2 handler got"), &m.si);
	obs_state(c, "state", N_("its state (/proc)"), st.state);
	obs_set(c, "pending", N_("pending"), st.pending);
	return 0;
}

static int init_kill(struct lesson_ctx *c)
{
	siginfo_t end;

	if (lesson_kill(c->kid[0].pid, SIGKILL) < 0 || kid_reap(c, 0, &end) < 0)
		return -1;
	obs_exit(c, "exit", N_("the init"), &end);
	return 0;
}

static const char *const init1_cmds[] = {
	"sudo unshare --pid --fork sleep 60 &", "sigtool status \"$(pgrep -n sleep)\"", NULL };
static const char *const init2_cmds[] = {
	"sudo sigtool send TERM \"$(pgrep -n sleep)\"", NULL };
static const char *const init3_cmds[] = {
	"sudo sigtool send KILL \"$(pgrep -n sleep)\"", NULL };

static const struct lesson_step init_steps[] = {
	{ N_("A child is started in a new PID namespace (clone() with CLONE_NEWPID): there "
	     "it is PID 1, the init of the namespace, with TERM at its default action."),
	  init1_cmds, init_start },
	{ N_("TERM is sent from the parent namespace: the kernel drops it, since the init "
	     "of a namespace gets from there only the signals it catches, and KILL and "
	     "STOP. The process lives on; its USR2 handler still runs (and sees PID 0 as "
	     "the sender, who is outside its namespace)."), init2_cmds, init_term },
	{ N_("KILL from the parent namespace cannot be refused: the init ends, status "
	     "128 + 9 = 137, and its namespace with it."), init3_cmds, init_kill },
};

const struct lesson lesson_init = {
	"init", N_("PID 1 of a new PID namespace: TERM at its default is dropped, KILL is not (root)"),
	true, init_prepare, LESSON_STEPS(init_steps)
};
