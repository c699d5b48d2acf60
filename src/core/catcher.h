/* catcher.h - real signal handlers that only write the siginfo to a
 * self-pipe (the set_wakeup_fd pattern), what the interrupted read(2) saw,
 * and what getsignal() says about each signal. */
#ifndef SIGTOOL_CATCHER_H
#define SIGTOOL_CATCHER_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/types.h>

#include "sig.h"
#include "siginfo.h"

/* What became of the blocking read(2) a handler interrupted. */
enum catch_read {
	READ_NONE,      /* no read() was blocked when the signal came */
	READ_EINTR,     /* read() failed with EINTR: seen */
	READ_RESTART,   /* SA_RESTART: the kernel restarted read(); invisible */
};
const char *catch_read_name(enum catch_read r);   /* "none", "EINTR", "restart" */

struct catch_event {
	struct sig_event ev;
	enum catch_read read;
};

/* Install a handler for every signal in handle (SA_SIGINFO, with SA_RESTART
 * if restart, every handled signal blocked while one runs), SIG_IGN for
 * ignore, and SIG_DFL for every other signal that can be caught, so the
 * dispositions are exactly these whatever sigtool inherited. Returns 0, or
 * -1 with errno set. */
int catcher_install(sigmask64 handle, sigmask64 ignore, bool restart);

/* The blocking read(2) of the thread that takes the signals, recording for
 * the handlers whether one interrupted it and what read() returned. */
ssize_t catcher_read(int fd, void *buf, size_t n);

/* From that thread: no more reads; status is for catcher_next's caller.
 * Not after catcher_stop_reader() asked it to stop. */
void catcher_end(int status);

/* From the reporting thread: make the reading thread leave its blocking
 * read(2), even one that SA_RESTART restarts, and wait until it has called
 * catcher_reader_left(). signo is a handled signal that the reader does not
 * block: its handler loses SA_RESTART and it is sent to the reader until it
 * has left (a signal that comes just before read() is not missed). From then
 * on handlers record nothing. */
void catcher_stop_reader(pthread_t reader, int signo);

/* For the reading thread: whether catcher_stop_reader() asked it to stop
 * (check before every read), and the answer that it has. */
bool catcher_stop_requested(void);
void catcher_reader_left(void);

/* In another thread (one that blocks every signal): the next caught signal,
 * once it is known what became of the read() it interrupted. Returns 1 with
 * *out set, or 0 after catcher_end() with *status set. */
int catcher_next(struct catch_event *out, int *status);

/* Signals that found the self-pipe full and were not recorded. */
unsigned catcher_dropped(void);

#endif
