/* recv.h - receiving signals: sigwaitinfo's job done with a signalfd, for
 * `wait` and `pause`: block, announce readiness, run COMMAND, print. */
#ifndef SIGTOOL_RECV_H
#define SIGTOOL_RECV_H

#include <stdbool.h>
#include <stdint.h>

#include "sig.h"

enum recv_format { RECV_FULL, RECV_NAME, RECV_NUMBER, RECV_JSON };

struct recv_ctl {
	sigmask64 set;                  /* the signals to wait for */
	unsigned long long count;       /* how many; 0: no end (--stream) */
	int64_t timeout_ns;             /* a time limit for them all; < 0: none */
	enum recv_format format;
	bool stream;                    /* flush every signal as it arrives */
	const char *pidfile;            /* or NULL */
	int ready_fd;                   /* -1: none */
	char **command;                 /* NULL-ended argv, or NULL */
	bool from_child;                /* only signals sent by COMMAND count */
	bool kill_on_timeout;           /* SIGKILL COMMAND on time-out */
};

/* Block ctl->set (added to the mask sigtool inherited) before anything
 * else, then write the pidfile and the ready fd, start COMMAND with the
 * inherited mask and dispositions, and print each signal as it is taken.
 * Returns the exit status: 0 done, 124 time-out, 1 COMMAND ended first or
 * another failure, 125/126/127 COMMAND could not be run. */
int recv_run(const struct recv_ctl *ctl);

#endif
