/* lesson-io.c - the lessons on signals and blocking system calls: alarm
 * (ALRM around open()), pipe (PIPE and EPIPE), wakeup (the self-pipe) and
 * restart (SA_RESTART against EINTR). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "i18n.h"
#include "lessonkit.h"
#include "msg.h"
#include "pidfd.h"

/* A child that failed to start: the message, for every lesson. */
static int started(struct lesson_ctx *c, int i, kid_fn *fn, void *arg)
{
	if (kid_start(c, i, fn, arg, 0) == 0)
		return 0;
	warn_(_("cannot start a process"));
	return -1;
}

/* ---- alarm */

static char fifo[300];
#define ALARM_US 200000

static int alarm_prepare(struct lesson_ctx *c)
{
	return lesson_mkfifo(c, fifo, sizeof fifo);
}

/* With a handler (arg not NULL) or without: arm the timer, open the FIFO. */
static void alarm_kid(int in, int out, void *arg)
{
	struct itimerval it = { .it_value = { 0, ALARM_US } };
	int64_t t0;
	int fd;

	(void)in;
	kid_handler_fd = out;
	if (arg)
		kid_handle(SIGALRM, kid_report_handler, 0);
	t0 = mono_ns();
	setitimer(ITIMER_REAL, &it, NULL);
	fd = open(fifo, O_RDONLY);
	kid_say(out, MSG_RESULT, fd, fd < 0 ? errno : 0, mono_ns() - t0, NULL);
}

static int alarm_handled(struct lesson_ctx *c)
{
	struct kid_msg sig, res;
	siginfo_t end;

	if (started(c, 0, alarm_kid, c) < 0 || kid_recv(c, 0, &sig, false) < 0
	    || kid_recv(c, 0, &res, false) < 0 || kid_reap(c, 0, &end) < 0)
		return -1;
	obs_int(c, "open_result", N_("open() returned"), res.a);
	obs_errno(c, "errno", N_("errno"), res.b);
	obs_ms(c, "elapsed_ms", N_("after"), res.t);
	obs_event(c, "signal", N_("the handler got"), &sig.si);
	obs_exit(c, "exit", N_("the child"), &end);
	return 0;
}

static int alarm_default(struct lesson_ctx *c)
{
	int64_t t0 = mono_ns();
	siginfo_t end;

	if (started(c, 0, alarm_kid, NULL) < 0 || kid_reap(c, 0, &end) < 0)
		return -1;
	obs_ms(c, "elapsed_ms", N_("ended after"), mono_ns() - t0);
	obs_exit(c, "exit", N_("the child"), &end);
	return 0;
}

static const char *const alarm1_cmds[] = {
	"sigtool timer 0.2 -- sigtool catch --handle ALRM --interrupt --count 1", NULL };
static const char *const alarm2_cmds[] = {
	"mkfifo fifo; sigtool timer 0.2 -- sh -c 'exec 3< fifo'; echo $?",
	"sigtool describe --status 142", NULL };

static const struct lesson_step alarm_steps[] = {
	{ N_("A child installs an ALRM handler without SA_RESTART, sets a 0.2 s timer "
	     "(setitimer) and opens a FIFO that has no writer: open() blocks until the "
	     "signal comes, then fails with EINTR."), alarm1_cmds, alarm_handled },
	{ N_("The same child with ALRM at its default action: the signal ends it while "
	     "it waits in open(), and a shell sees status 128 + 14 = 142."),
	  alarm2_cmds, alarm_default },
};

const struct lesson lesson_alarm = {
	"alarm", N_("ALRM frees a blocked open(): EINTR with a handler, status 142 without"),
	false, alarm_prepare, LESSON_STEPS(alarm_steps)
};

/* ---- pipe */

static int pipe_fds[2];

/* Reads one line, as head -1 does, and ends. */
static void reader_kid(int in, int out, void *arg)
{
	char b = 0;

	(void)in, (void)out, (void)arg;
	close(pipe_fds[1]);
	while (b != '\n' && read(pipe_fds[0], &b, 1) > 0)
		;
}

/* Writes lines for ever, as yes does; PIPE ignored if arg is not NULL. */
static void writer_kid(int in, int out, void *arg)
{
	static const char line[] = "y\n";
	ssize_t n;

	(void)in;
	close(pipe_fds[0]);
	if (arg)
		signal(SIGPIPE, SIG_IGN);
	while ((n = write(pipe_fds[1], line, 2)) > 0)
		;
	kid_say(out, MSG_RESULT, (int)n, errno, 0, NULL);
}

/* The reader and the writer on a new pipe, which sigtool then closes. */
static int pipeline(struct lesson_ctx *c, void *ignore, siginfo_t *rd, siginfo_t *wr)
{
	int r;

	if (pipe2(pipe_fds, O_CLOEXEC) < 0) {
		warn_(_("cannot make a pipe"));
		return -1;
	}
	r = started(c, 0, reader_kid, NULL);
	if (r == 0)
		r = started(c, 1, writer_kid, ignore);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	if (r < 0 || kid_reap(c, 0, rd) < 0)
		return -1;
	return ignore ? 0 : kid_reap(c, 1, wr);
}

static int pipe_default(struct lesson_ctx *c)
{
	siginfo_t rd, wr;

	if (pipeline(c, NULL, &rd, &wr) < 0)
		return -1;
	obs_exit(c, "reader_exit", N_("the reader"), &rd);
	obs_exit(c, "writer_exit", N_("the writer"), &wr);
	return 0;
}

static int pipe_ignored(struct lesson_ctx *c)
{
	struct kid_msg m;
	siginfo_t rd, wr;

	if (pipeline(c, c, &rd, NULL) < 0 || kid_recv(c, 1, &m, false) < 0
	    || kid_reap(c, 1, &wr) < 0)
		return -1;
	obs_exit(c, "reader_exit", N_("the reader"), &rd);
	obs_int(c, "write_result", N_("write() returned"), m.a);
	obs_errno(c, "errno", N_("errno"), m.b);
	obs_exit(c, "writer_exit", N_("the writer"), &wr);
	return 0;
}

static void nothing(int signo, siginfo_t *si, void *uc)
{
	(void)signo, (void)si, (void)uc;
}

/* PIPE ignored (arg NULL) or caught, then cat once told to. */
static void pipe_exec_kid(int in, int out, void *arg)
{
	if (arg)
		kid_handle(SIGPIPE, nothing, 0);
	else
		signal(SIGPIPE, SIG_IGN);
	kid_say(out, MSG_READY, 0, 0, 0, NULL);
	kid_hear(in);
	kid_exec_cat(in, out);
}

static int pipe_exec(struct lesson_ctx *c)
{
	struct kid_state st[4];
	struct kid_msg m;

	for (int i = 0; i < 2; i++)
		if (started(c, i, pipe_exec_kid, i ? c : NULL) < 0 || kid_recv(c, i, &m, false) < 0
		    || lesson_read_state(c->kid[i].pid, &st[i]) < 0)
			return -1;
	for (int i = 0; i < 2; i++)
		if (kid_tell(c, i, 'x') < 0 || kid_exec_done(c, i) < 0
		    || lesson_read_state(c->kid[i].pid, &st[2 + i]) < 0)
			return -1;
	obs_disp(c, "ignored_before", N_("PIPE ignored, before exec"), kid_state_disp(&st[0], SIGPIPE));
	obs_disp(c, "ignored_after", N_("PIPE ignored, after exec"), kid_state_disp(&st[2], SIGPIPE));
	obs_disp(c, "caught_before", N_("PIPE caught, before exec"), kid_state_disp(&st[1], SIGPIPE));
	obs_disp(c, "caught_after", N_("PIPE caught, after exec"), kid_state_disp(&st[3], SIGPIPE));
	return 0;
}

static const char *const pipe1_cmds[] = {
	"sigtool mask --default PIPE -- yes | head -1; echo \"${PIPESTATUS[0]}\"", NULL };
static const char *const pipe2_cmds[] = {
	"sigtool mask --ignore PIPE -- yes | head -1; echo \"${PIPESTATUS[0]}\"", NULL };
static const char *const pipe3_cmds[] = {
	"sigtool mask --ignore PIPE -- grep SigIgn /proc/self/status", NULL };

static const struct lesson_step pipe_steps[] = {
	{ N_("A writer at PIPE's default action writes lines into a pipe whose reader "
	     "reads one line and ends (as in 'yes | head -1'): the next write() raises "
	     "PIPE, and the writer dies with status 128 + 13 = 141."), pipe1_cmds, pipe_default },
	{ N_("The same writer with PIPE ignored: write() fails with EPIPE instead, and "
	     "the writer can end cleanly."), pipe2_cmds, pipe_ignored },
	{ N_("Two children run execve(cat), one ignoring PIPE, one catching it: an "
	     "ignored signal stays ignored in the new program, but a handler cannot "
	     "survive the exec (its code is gone), so PIPE is back at its default."),
	  pipe3_cmds, pipe_exec },
};

const struct lesson lesson_pipe = {
	"pipe", N_("PIPE and a reader that stops early: status 141, or EPIPE when ignored"),
	false, NULL, LESSON_STEPS(pipe_steps)
};

/* ---- wakeup */

#define WAKEUP_MS 300
static volatile sig_atomic_t wake_flag;
static int wake_pipe[2];

static void on_usr1_pipe(int signo, siginfo_t *si, void *uc)
{
	unsigned char b = signo;
	int e = errno;

	(void)si, (void)uc;
	/* a full pipe (EAGAIN) already holds a wake-up */
	ssize_t n = write(wake_pipe[1], &b, 1);
	(void)n;
	errno = e;
}

static void on_usr1_flag(int signo, siginfo_t *si, void *uc)
{
	(void)signo, (void)si, (void)uc;
	wake_flag = 1;
}

/* A server: checks its flag, is busy (USR1 comes then), then sleeps in
 * poll() on its input and, with arg, on its self-pipe. */
static void server_kid(int in, int out, void *arg)
{
	struct pollfd p[2] = { { .fd = in, .events = POLLIN }, { .fd = -1, .events = POLLIN } };
	unsigned char b = 0;
	int64_t t0;
	int r;

	if (arg && pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) == 0)
		p[1].fd = wake_pipe[0];
	kid_handle(SIGUSR1, arg ? on_usr1_pipe : on_usr1_flag, SA_RESTART);
	kid_say(out, MSG_READY, wake_flag, 0, 0, NULL);
	kid_hear(in);
	t0 = mono_ns();
	r = poll(p, 2, WAKEUP_MS);
	if (r > 0 && p[1].revents && read(wake_pipe[0], &b, 1) != 1)
		b = 0;
	kid_say(out, MSG_FLAG, wake_flag, 0, 0, NULL);
	kid_say(out, MSG_RESULT, r, b, mono_ns() - t0, NULL);
	kid_hear(in);
}

static int wakeup_run(struct lesson_ctx *c, void *selfpipe)
{
	struct kid_msg ready, flag, res;

	if (started(c, 0, server_kid, selfpipe) < 0 || kid_recv(c, 0, &ready, false) < 0
	    || lesson_kill(c->kid[0].pid, SIGUSR1) < 0 || kid_tell(c, 0, 'g') < 0
	    || kid_recv(c, 0, &flag, false) < 0 || kid_recv(c, 0, &res, false) < 0)
		return -1;
	obs_bool(c, "flag_at_check", N_("flag when the server checked"), ready.a);
	if (selfpipe)
		obs_set(c, "from_pipe", N_("read from the self-pipe"), res.b ? SIGBIT(res.b) : 0);
	else
		obs_bool(c, "flag_after", N_("flag after poll()"), flag.a);
	obs_int(c, "poll_result", N_("poll() returned"), res.a);
	obs_bool(c, "woken", N_("woken by the signal"), res.a > 0);
	obs_ms(c, "waited_ms", N_("poll() slept"), res.t);
	return 0;
}

static int wakeup_pipe(struct lesson_ctx *c)
{
	return wakeup_run(c, c);
}

static int wakeup_flag(struct lesson_ctx *c)
{
	return wakeup_run(c, NULL);
}

static const char *const wakeup1_cmds[] = {
	"sigtool catch --handle USR1 --pidfile server.pid &",
	"sigtool send USR1 \"$(cat server.pid)\"", NULL };
static const char *const wakeup2_cmds[] = {
	"sigtool wait --stream USR1", NULL };

static const struct lesson_step wakeup_steps[] = {
	{ N_("A server sleeps in poll() on its input and on a self-pipe; its USR1 "
	     "handler only writes a byte to that pipe (the set_wakeup_fd pattern). USR1 "
	     "comes while the server is busy, before it calls poll(): the byte is "
	     "waiting, so poll() returns at once."), wakeup1_cmds, wakeup_pipe },
	{ N_("A server whose USR1 handler only sets a flag: it checks the flag, USR1 "
	     "comes before it calls poll(), and poll() sleeps on with the flag set: it "
	     "is never woken (here poll() gives up after 0.3 s)."), wakeup2_cmds, wakeup_flag },
};

const struct lesson lesson_wakeup = {
	"wakeup", N_("a poll() loop woken by a signal through a self-pipe, or never woken"),
	false, NULL, LESSON_STEPS(wakeup_steps)
};

/* ---- restart */

/* A USR1 handler (SA_RESTART if arg), then a blocking read(). */
static void reader_usr1_kid(int in, int out, void *arg)
{
	ssize_t n;
	char b;

	kid_handler_fd = out;
	kid_handle(SIGUSR1, kid_report_handler, arg ? SA_RESTART : 0);
	kid_say(out, MSG_READY, 0, 0, 0, NULL);
	n = read(in, &b, 1);
	kid_say(out, MSG_RESULT, (int)n, n < 0 ? errno : 0, 0, NULL);
	kid_hear(in);
}

static int restart_run(struct lesson_ctx *c, void *restart)
{
	struct kid_msg m, sig, res;

	if (started(c, 0, reader_usr1_kid, restart) < 0 || kid_recv(c, 0, &m, false) < 0
	    || kid_wait_syscall(c, 0, SYS_read) < 0 || lesson_kill(c->kid[0].pid, SIGUSR1) < 0
	    || kid_recv(c, 0, &sig, false) < 0 || kid_tell(c, 0, 'x') < 0
	    || kid_recv(c, 0, &res, false) < 0)
		return -1;
	obs_event(c, "signal", N_("the handler got"), &sig.si);
	obs_int(c, "read_result", N_("read() returned"), res.a);
	obs_errno(c, "errno", N_("errno"), res.b);
	return 0;
}

static int restart_yes(struct lesson_ctx *c)
{
	return restart_run(c, c);
}

static int restart_no(struct lesson_ctx *c)
{
	return restart_run(c, NULL);
}

static const char *const restart1_cmds[] = {
	"sigtool catch --handle USR1 --restart --pidfile c.pid",
	"sigtool send USR1 \"$(cat c.pid)\"", NULL };
static const char *const restart2_cmds[] = {
	"sigtool catch --handle USR1 --interrupt --pidfile c.pid",
	"sigtool send USR1 \"$(cat c.pid)\"", NULL };

static const struct lesson_step restart_steps[] = {
	{ N_("A child with a USR1 handler installed with SA_RESTART waits in read() on an "
	     "empty pipe. USR1 comes and the handler runs; the kernel restarts read(), "
	     "which returns the byte written afterwards: the program never sees the "
	     "interruption."), restart1_cmds, restart_yes },
	{ N_("The same without SA_RESTART: when the handler returns, read() fails with "
	     "EINTR, and the program must deal with it."), restart2_cmds, restart_no },
};

const struct lesson lesson_restart = {
	"restart", N_("a read() interrupted by a handler: restarted with SA_RESTART, EINTR without"),
	false, NULL, LESSON_STEPS(restart_steps)
};
