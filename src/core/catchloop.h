/* catchloop.h - a live target process: real handlers installed as asked,
 * a line for its state, then blocking reads of standard input while a
 * second thread reports every caught signal (`catch`). */
#ifndef SIGTOOL_CATCHLOOP_H
#define SIGTOOL_CATCHLOOP_H

#include <stdbool.h>

#include "sig.h"

struct catch_ctl {
	sigmask64 handle;               /* caught by a handler, and reported */
	sigmask64 ignore;               /* SIG_IGN */
	sigmask64 block;                /* the main thread's mask */
	bool interrupt;                 /* no SA_RESTART: read() fails with EINTR */
	bool json;                      /* JSON Lines, not text */
	int exit_on;                    /* end after catching this signal; 0: none */
	unsigned long long count;       /* end after this many; 0: no limit */
	const char *pidfile;            /* or NULL */
	int ready_fd;                   /* -1: none */
};

/* Install the dispositions (every signal not in handle or ignore gets its
 * default action) and the mask, print the first line (what getsignal() and
 * the mask say now), announce readiness, then read standard input until end
 * of file, exit_on or count, printing one line per caught signal. The sets
 * are the caller's to check: handle and ignore disjoint, exit_on in handle.
 * Returns the exit status: 0, or 1 if standard input could not be read or
 * the output not written. */
int catch_run(const struct catch_ctl *ctl);

#endif
