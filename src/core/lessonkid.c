/* lessonkid.c - the processes of a lesson: one process group that a keeper
 * holds open, children started in it with a known signal state and two
 * pipes each, and the end of them all (also when sigtool is interrupted). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "lessonkit.h"
#include "msg.h"
#include "out.h"
#include "pidfd.h"
#include "proc.h"
#include "sigstate.h"
#include "util.h"

/* How long a child may take to answer: lessons take milliseconds, so this
 * only ends one that went wrong. */
#define ANSWER_MS 5000

static const int stop_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static volatile sig_atomic_t stop_sig;
static volatile sig_atomic_t group;     /* the lesson's process group, or 0 */
static struct sigaction saved[ARRAY_SIZE(stop_sigs)];

/* Async-signal-safe: the lesson's processes die at once, so that nothing
 * sigtool waits for can keep it waiting; the main line does the rest. */
static void on_stop(int sig)
{
	int e = errno;

	stop_sig = sig;
	if (group > 0)
		kill(-group, SIGKILL);
	errno = e;
}

int lesson_stopping(void)
{
	return stop_sig;
}

/* Handlers without SA_RESTART, so that a blocking call returns EINTR; a
 * signal that sigtool was started with ignored stays ignored, as shells do. */
static void catch_stops(void)
{
	struct sigaction sa = { .sa_handler = on_stop };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(stop_sigs); i++) {
		sigaction(stop_sigs[i], NULL, &saved[i]);
		if (saved[i].sa_handler != SIG_IGN)
			sigaction(stop_sigs[i], &sa, NULL);
	}
}

static void restore_stops(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(stop_sigs); i++)
		sigaction(stop_sigs[i], &saved[i], NULL);
}

/* glibc's sigaction() refuses the signals it keeps for itself (32 and 33),
 * which sigtool may have been started with ignored: the system call puts
 * them back to their default too (an all-zero struct is SIG_DFL, no flags
 * and an empty mask whatever the architecture's layout). */
static void default_reserved(void)
{
	struct { unsigned long w[4]; } k;

	memset(&k, 0, sizeof k);
	for (int s = 32; s < SIGRTMIN; s++)
		syscall(SYS_rt_sigaction, s, &k, NULL, sizeof(uint64_t));
}

/* In a new child: every signal at its default action (a signal that came
 * between fork and setpgid, when the child was still in sigtool's group,
 * is discarded by the SIG_IGN first), nothing blocked, the standard input
 * and output on /dev/null, nothing of the other children's pipes, and
 * killed if sigtool dies. */
static void child_reset(struct lesson_ctx *c, pid_t parent, bool newpid)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, dfl = { .sa_handler = SIG_DFL };
	sigset_t none;
	int null;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!newpid && getppid() != parent)
		_exit(1);
	setpgid(0, c->pgid);            /* the parent does it too */
	for (int s = sig_first(); s; s = sig_next(s))
		if (sig_catchable(s)) {
			sigaction(s, &ign, NULL);
			sigaction(s, &dfl, NULL);
		}
	default_reserved();
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int i = 0; i < LESSON_KIDS; i++) {
		if (c->kid[i].to >= 0)
			close(c->kid[i].to);
		if (c->kid[i].from >= 0)
			close(c->kid[i].from);
	}
	if ((null = open("/dev/null", O_RDWR)) >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
}

/* fork(), or clone() with flags; every signal blocked meanwhile, so that
 * the stop handler never runs in the child. Child: 0, reset. */
static pid_t fork_in_group(struct lesson_ctx *c, unsigned long flags)
{
	sigset_t all, old;
	pid_t parent = getpid(), pid;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	if (flags)
		pid = syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
	else
		pid = fork();
	if (pid == 0) {
		child_reset(c, parent, flags & CLONE_NEWPID);
		return 0;
	}
	int err = errno;
	if (pid > 0)
		setpgid(pid, c->pgid ? c->pgid : pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return pid;
}

int lesson_group_start(struct lesson_ctx *c)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	pid_t keeper;

	for (int i = 0; i < LESSON_KIDS; i++)
		c->kid[i] = (struct kid){ .to = -1, .from = -1 };
	/* an ignored CHLD would reap the children before we could look */
	sigaction(SIGCHLD, &dfl, NULL);
	/* orphans of the lesson come back to us, to be reaped */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	catch_stops();
	out_flush();
	if ((keeper = fork_in_group(c, 0)) < 0) {
		warn_(_("cannot start a process"));
		return -1;
	}
	if (keeper == 0)
		for (;;)
			pause();
	c->pgid = group = keeper;
	return 0;
}

int kid_start(struct lesson_ctx *c, int i, kid_fn *fn, void *arg, unsigned long clone_flags)
{
	struct kid *k = &c->kid[i];
	int to[2], from[2], err;

	/* a slot used before: its process lives on until the lesson ends */
	if (k->to >= 0)
		close(k->to);
	if (k->from >= 0)
		close(k->from);
	k->to = k->from = -1;
	if (pipe2(to, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(from, O_CLOEXEC) < 0) {
		err = errno;
		close(to[0]), close(to[1]);
		errno = err;
		return -1;
	}
	out_flush();
	k->pid = fork_in_group(c, clone_flags);
	if (k->pid == 0) {
		close(to[1]);
		close(from[0]);
		fn(to[0], from[1], arg);
		_exit(0);
	}
	err = errno;
	close(to[0]);
	close(from[1]);
	if (k->pid < 0) {
		close(to[1]), close(from[0]);
		k->pid = 0;
		errno = err;
		return -1;
	}
	k->to = to[1];
	k->from = from[0];
	k->reaped = false;
	return 0;
}

/* Wait until fd is readable, up to ms; 1, 0 at the limit, -1 if the
 * lesson is being stopped or poll failed. */
static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int64_t end = mono_ns() + (int64_t)ms * 1000000;
	int r;

	for (;;) {
		int64_t left = (end - mono_ns()) / 1000000;
		r = poll(&p, 1, left > 0 ? (int)left : 0);
		if (lesson_stopping())
			return -1;
		if (r >= 0 || errno != EINTR)
			return r;
	}
}

int kid_recv(struct lesson_ctx *c, int i, struct kid_msg *m, bool eof_ok)
{
	struct kid *k = &c->kid[i];
	ssize_t n;
	int r = readable(k->from, ANSWER_MS);

	if (r <= 0) {
		if (r == 0)
			warnx_(_("process %d did not answer"), (int)k->pid);
		return -1;
	}
	while ((n = read(k->from, m, sizeof *m)) < 0 && errno == EINTR && !lesson_stopping())
		;
	if (n == (ssize_t)sizeof *m)
		return 0;
	if (n == 0 && eof_ok) {
		m->what = 0;
		return 0;
	}
	if (!lesson_stopping())
		warnx_(_("process %d ended unexpectedly"), (int)k->pid);
	return -1;
}

int kid_poll(struct lesson_ctx *c, int i, struct kid_msg *m)
{
	struct kid *k = &c->kid[i];

	if (readable(k->from, 0) <= 0)
		return 0;
	return read(k->from, m, sizeof *m) == (ssize_t)sizeof *m;
}

int kid_tell(struct lesson_ctx *c, int i, int cmd)
{
	unsigned char b = cmd;

	if (write_all(c->kid[i].to, &b, 1, write_nosigpipe) == 0)
		return 0;
	warn_(_("cannot talk to process %d"), (int)c->kid[i].pid);
	return -1;
}

int kid_exec_done(struct lesson_ctx *c, int i)
{
	struct kid_msg m;

	if (kid_recv(c, i, &m, true) < 0)
		return -1;
	if (m.what == 0)
		return 0;
	errno = m.a;
	warn_(_("cannot run '%s'"), "cat");
	return -1;
}

/* The lesson's waits end when the stop handler has killed the group; a
 * child that hangs gets ANSWER_MS, then a message. */
int kid_reap(struct lesson_ctx *c, int i, siginfo_t *si)
{
	struct kid *k = &c->kid[i];
	int fd = pfd_open(k->pid, 0);

	if (fd >= 0) {
		int r = readable(fd, ANSWER_MS);
		close(fd);
		if (r == 0)
			warnx_(_("process %d did not end"), (int)k->pid);
		if (r <= 0)
			return -1;
	}
	memset(si, 0, sizeof *si);
	while (waitid(P_PID, k->pid, si, WEXITED) < 0) {
		if (errno != EINTR || lesson_stopping()) {
			if (!lesson_stopping())
				warn_(_("cannot wait for process %d"), (int)k->pid);
			return -1;
		}
	}
	k->reaped = true;
	return 0;
}

int kid_wait_stopped(struct lesson_ctx *c, int i)
{
	siginfo_t si;

	while (waitid(P_PID, c->kid[i].pid, &si, WSTOPPED | WNOWAIT) < 0) {
		if (errno != EINTR || lesson_stopping()) {
			if (!lesson_stopping())
				warn_(_("cannot wait for process %d"), (int)c->kid[i].pid);
			return -1;
		}
	}
	return 0;
}

/* The system call pid is blocked in, from /proc/PID/syscall ("0 0x3 ..."),
 * or -2 if that file cannot be read (a kernel without it). */
static long blocked_in(pid_t pid)
{
	char path[40], buf[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
	if ((n = read_small(path, buf, sizeof buf - 1)) <= 0)
		return -2;
	buf[n] = '\0';
	return c_isdigit(buf[0]) ? strtol(buf, NULL, 10) : -1;
}

int kid_wait_syscall(struct lesson_ctx *c, int i, long nr)
{
	pid_t pid = c->kid[i].pid;
	struct timespec ms = { 0, 1000000 };

	for (int tries = 0; tries < ANSWER_MS && !lesson_stopping(); tries++) {
		long now = blocked_in(pid);
		struct proc_status st;

		if (now == nr)
			return 0;
		if (now == -2 && proc_status_read(pid, 0, &st) == 0 && st.state == 'S')
			return 0;
		nanosleep(&ms, NULL);
	}
	if (!lesson_stopping())
		warnx_(_("process %d did not block in the expected system call"), (int)pid);
	return -1;
}

int lesson_kill(pid_t pid, int sig)
{
	char nb[SIG_NAME_MAX];

	if (kill(pid, sig) == 0)
		return 0;
	warn_(_("cannot send %s to process %d"), sig_name(sig, nb), (int)pid);
	return -1;
}

int lesson_queue(pid_t pid, int sig, int value)
{
	char nb[SIG_NAME_MAX];

	if (sigqueue(pid, sig, (union sigval){ .sival_int = value }) == 0)
		return 0;
	warn_(_("cannot send %s to process %d"), sig_name(sig, nb), (int)pid);
	return -1;
}

int lesson_read_state(pid_t pid, struct kid_state *st)
{
	struct sigproc p;
	char buf[256];

	if (sigproc_read(pid, &p) < 0) {
		warnx_("%s", sigproc_strerror(pid, errno, buf, sizeof buf));
		return -1;
	}
	st->state = p.st.state;
	st->blocked = p.st.sigblk;
	st->pending = sigproc_pending(&p);
	st->ignored = p.st.sigign;
	st->caught = p.st.sigcgt;
	sigproc_free(&p);
	return 0;
}

enum sig_disp kid_state_disp(const struct kid_state *st, int signo)
{
	struct sigproc p = { .st = { .sigign = st->ignored, .sigcgt = st->caught } };

	return sigproc_disp(&p, signo);
}

bool lesson_proc_exists(pid_t pid)
{
	struct proc_status st;

	return proc_status_read(pid, 0, &st) == 0 || errno != ESRCH;
}

int lesson_mkfifo(struct lesson_ctx *c, char *path, size_t size)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp || strlen(tmp) > 200)
		tmp = "/tmp";
	snprintf(c->dir, sizeof c->dir, "%s/sigtool-demo.XXXXXX", tmp);
	if (!mkdtemp(c->dir)) {
		warn_(_("cannot make a directory in %s"), tmp);
		c->dir[0] = '\0';
		return -1;
	}
	snprintf(path, size, "%s/fifo", c->dir);
	if (mkfifo(path, 0600) == 0)
		return 0;
	warn_(_("cannot make the FIFO %s"), path);
	return -1;
}

/* Kill the group, reap every one of its processes (orphans come back to
 * us, the subreaper), until the group is gone. */
void lesson_group_end(struct lesson_ctx *c)
{
	if (c->pgid > 0) {
		while (kill(-c->pgid, SIGKILL) == 0 || errno == EINTR) {
			while (waitpid(-c->pgid, NULL, 0) > 0 || errno == EINTR)
				;
			if (errno == ECHILD && kill(-c->pgid, 0) < 0)
				break;
		}
	}
	group = 0;
	for (int i = 0; i < LESSON_KIDS; i++) {
		if (c->kid[i].to >= 0)
			close(c->kid[i].to);
		if (c->kid[i].from >= 0)
			close(c->kid[i].from);
		c->kid[i].to = c->kid[i].from = -1;
	}
	if (c->dir[0]) {
		char path[sizeof c->dir + 8];
		snprintf(path, sizeof path, "%s/fifo", c->dir);
		unlink(path);
		rmdir(c->dir);
	}
	restore_stops();
}

/* ---- in the children */

int kid_handler_fd = -1;

void kid_say(int out, int what, int a, int b, long long t, const siginfo_t *si)
{
	struct kid_msg m;
	int e = errno;

	memset(&m, 0, sizeof m);
	m.what = what, m.a = a, m.b = b, m.t = t;
	if (si)
		m.si = *si;
	if (write(out, &m, sizeof m) < 0)
		_exit(1);
	errno = e;
}

int kid_hear(int in)
{
	unsigned char b;
	ssize_t n;

	while ((n = read(in, &b, 1)) < 0 && errno == EINTR)
		;
	if (n <= 0)
		_exit(0);
	return b;
}

void kid_report_handler(int signo, siginfo_t *si, void *uc)
{
	(void)signo, (void)uc;
	kid_say(kid_handler_fd, MSG_SIGNAL, 0, 0, 0, si);
}

void kid_handle(int signo, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	/* handlers do not nest: each reports whole, in the order they run */
	sigfillset(&sa.sa_mask);
	sigaction(signo, &sa, NULL);
}

void kid_exec_cat(int in, int out)
{
	dup2(in, STDIN_FILENO);
	execlp("cat", "cat", (char *)NULL);
	kid_say(out, MSG_EXEC_FAILED, errno, 0, 0, NULL);
	_exit(127);
}
