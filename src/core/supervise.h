/* supervise.h - run a COMMAND under a time limit, as timeout(1) does, on an
 * event loop of a pidfd, two timerfds and a signalfd: no recycled PID is
 * ever signalled and the limit is kept to the timer slack. */
#ifndef SIGTOOL_SUPERVISE_H
#define SIGTOOL_SUPERVISE_H

#include <stdbool.h>
#include <stdint.h>

struct sup_opts {
	int signo;              /* sent when the limit expires */
	int64_t limit_ns;       /* 0: no limit (signals are still forwarded) */
	int64_t kill_after_ns;  /* KILL this long after the first signal; 0: never */
	bool foreground;        /* COMMAND stays in sigtool's process group */
	bool preserve_status;   /* COMMAND's status even when the limit expired */
	bool verbose;           /* what was sent when, and how COMMAND ended */
};

/* Run argv (a PATH search for argv[0]) and return the status to exit with:
 * 124 when the limit expired (COMMAND's own with preserve_status, 137 when
 * it was killed by KILL), 125 when sigtool failed, 126/127 when COMMAND
 * could not be run, otherwise COMMAND's status or 128+n. */
int supervise(char *const argv[], const struct sup_opts *o);

#endif
