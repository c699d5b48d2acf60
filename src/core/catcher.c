/* catcher.c - real signal handlers that only write the siginfo to a
 * self-pipe (the set_wakeup_fd pattern), what the interrupted read(2) saw,
 * and what getsignal() says about each signal.
 *
 * The handler runs in the reading thread and records whether that thread
 * was inside read(2). With SA_RESTART the kernel restarts the read, which
 * nobody can see, so the record is final at once ("restart"). Without it,
 * the reading thread posts what its read() returned after any handler ran
 * during it; records wait for that result, so EINTR is reported only when
 * read() really failed with it. Records and results share the one pipe, so
 * their order is the order in which that thread wrote them.
 *
 * The reporting thread may end catch (--exit-on, --count): it makes the
 * reading thread leave its read() and return, so that the process ends
 * from the main thread with every thread joined. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catcher.h"
#include "util.h"

enum { REC_SIGNAL, REC_RESULT, REC_END };

struct rec {
	siginfo_t si;
	int kind;
	int in_read;            /* REC_SIGNAL: the reader was inside read() */
	int value;              /* REC_RESULT: read()'s errno or 0; REC_END: status */
	int spare;              /* named, so that no byte written is padding */
};
_Static_assert(sizeof(struct rec) == sizeof(siginfo_t) + 4 * sizeof(int), "padding in struct rec");
_Static_assert(sizeof(struct rec) <= PIPE_BUF, "a record is written in one atomic write");

static int pipefd[2] = { -1, -1 };
static bool restart_mode;
static volatile sig_atomic_t in_read;
static volatile sig_atomic_t handled;   /* bumped by every handler run */
static atomic_uint dropped;
static atomic_int stopping;             /* catcher_stop_reader() was called */
static atomic_int reader_left;

const char *catch_read_name(enum catch_read r)
{
	static const char *const names[] = { "none", "EINTR", "restart" };
	return names[r];
}

/* Async-signal-safe: a copy, a counter and one write(2) of less than
 * PIPE_BUF bytes, which is atomic; errno is kept for the interrupted code. */
static void on_signal(int signo, siginfo_t *si, void *uc)
{
	int saved = errno;
	struct rec r;

	(void)signo;
	(void)uc;
	if (atomic_load(&stopping))
		return;         /* a wake-up, or too late: nobody reads any more */
	r.si = *si;
	r.kind = REC_SIGNAL;
	r.in_read = in_read;
	r.value = r.spare = 0;
	handled = handled + 1;
	if (write(pipefd[1], &r, sizeof r) != (ssize_t)sizeof r)
		atomic_fetch_add(&dropped, 1);
	errno = saved;
}

int catcher_install(sigmask64 handle, sigmask64 ignore, bool restart)
{
	struct sigaction sa;
	sigset_t hset;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	pipefd[0] = fd_above_stdio(pipefd[0]);
	pipefd[1] = fd_above_stdio(pipefd[1]);
	if (pipefd[0] < 0 || pipefd[1] < 0 || fcntl(pipefd[1], F_SETFL, O_NONBLOCK) < 0)
		return -1;
	/* room for a burst of queued signals; the default holds about 480 */
	fcntl(pipefd[1], F_SETPIPE_SZ, 1 << 20);
	restart_mode = restart;
	sig_mask_to_sigset(handle, &hset);
	for (int s = sig_first(); s; s = sig_next(s)) {
		if (!sig_catchable(s))
			continue;
		memset(&sa, 0, sizeof sa);
		sigemptyset(&sa.sa_mask);
		if (handle & SIGBIT(s)) {
			sa.sa_sigaction = on_signal;
			sa.sa_flags = SA_SIGINFO | (restart ? SA_RESTART : 0);
			sa.sa_mask = hset;
		} else {
			sa.sa_handler = ignore & SIGBIT(s) ? SIG_IGN : SIG_DFL;
		}
		if (sigaction(s, &sa, NULL) < 0)
			return -1;
	}
	return 0;
}

/* From the reading thread; it waits if the pipe is full, since a result or
 * the end must not be lost. */
static void post(int kind, int value)
{
	struct rec r;

	memset(&r, 0, sizeof r);
	r.kind = kind;
	r.value = value;
	while (write(pipefd[1], &r, sizeof r) < 0) {
		struct pollfd p = { pipefd[1], POLLOUT, 0 };
		/* once stopping, nobody reads: do not wait for room */
		if ((errno != EAGAIN && errno != EINTR) || atomic_load(&stopping))
			return;
		if (errno == EAGAIN)
			poll(&p, 1, 10);
	}
}

ssize_t catcher_read(int fd, void *buf, size_t n)
{
	sig_atomic_t before = handled;
	ssize_t r;
	int err;

	in_read = 1;
	r = read(fd, buf, n);
	err = errno;
	in_read = 0;
	/* Every handler that saw in_read set has returned by now: it ran in
	 * this thread. */
	if (handled != before)
		post(REC_RESULT, r < 0 ? err : 0);
	errno = err;
	return r;
}

void catcher_end(int status)
{
	post(REC_END, status);
}

void catcher_stop_reader(pthread_t reader, int signo)
{
	struct timespec pause = { 0, 1000000 };
	struct sigaction sa;

	atomic_store(&stopping, 1);
	sigaction(signo, NULL, &sa);
	sa.sa_flags &= ~SA_RESTART;
	sigaction(signo, &sa, NULL);
	while (!atomic_load(&reader_left)) {
		pthread_kill(reader, signo);
		nanosleep(&pause, NULL);
	}
}

bool catcher_stop_requested(void)
{
	return atomic_load(&stopping);
}

void catcher_reader_left(void)
{
	atomic_store(&reader_left, 1);
}

unsigned catcher_dropped(void)
{
	return atomic_load(&dropped);
}

/* Records in arrival order; the front one goes out once it is resolved. */
struct queued {
	struct catch_event ce;
	bool resolved;
};

static struct {
	struct queued *q;
	size_t head, len, cap;
	bool ended;
	int status;
} rq;

static void enqueue(const siginfo_t *si, enum catch_read read, bool resolved)
{
	if (rq.head + rq.len == rq.cap) {
		if (rq.head) {
			memmove(rq.q, rq.q + rq.head, rq.len * sizeof *rq.q);
			rq.head = 0;
		} else {
			rq.cap = rq.cap ? 2 * rq.cap : 64;
			rq.q = xrealloc(rq.q, rq.cap * sizeof *rq.q);
		}
	}
	struct queued *e = &rq.q[rq.head + rq.len++];
	sig_event_from_siginfo(&e->ce.ev, si);
	e->ce.read = read;
	e->resolved = resolved;
}

static void resolve_all(enum catch_read read)
{
	for (size_t i = rq.head; i < rq.head + rq.len; i++)
		if (!rq.q[i].resolved) {
			rq.q[i].ce.read = read;
			rq.q[i].resolved = true;
		}
}

static void take(const struct rec *r)
{
	switch (r->kind) {
	case REC_SIGNAL:
		if (!r->in_read)
			enqueue(&r->si, READ_NONE, true);
		else if (restart_mode)
			enqueue(&r->si, READ_RESTART, true);
		else
			enqueue(&r->si, READ_NONE, false);
		break;
	case REC_RESULT:
		/* read() returned normally: the signal came as it was ending */
		resolve_all(r->value == EINTR ? READ_EINTR : READ_NONE);
		break;
	default:
		resolve_all(READ_NONE);
		rq.ended = true;
		rq.status = r->value;
		break;
	}
}

int catcher_next(struct catch_event *out, int *status)
{
	struct rec r;
	ssize_t n;

	for (;;) {
		if (rq.len && rq.q[rq.head].resolved) {
			*out = rq.q[rq.head].ce;
			rq.head++;
			if (!--rq.len)
				rq.head = 0;
			return 1;
		}
		if (rq.ended) {
			free(rq.q);
			rq.q = NULL;
			*status = rq.status;
			return 0;
		}
		/* whole records only: each was written by one write(2) */
		n = read(pipefd[0], &r, sizeof r);
		if (n == (ssize_t)sizeof r)
			take(&r);
		else if (n < 0 && errno != EINTR) {
			*status = 1;
			return 0;
		}
	}
}
