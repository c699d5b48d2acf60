/* itimer.h - the three interval timers of setitimer(2): their names and
 * signals, and durations (ns) converted to the microseconds they keep. */
#ifndef SIGTOOL_ITIMER_H
#define SIGTOOL_ITIMER_H

#include <stdint.h>
#include <sys/time.h>

#include "parse.h"

/* ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF are 0, 1, 2 on Linux. */
#define ITIMER_COUNT 3

/* "REAL", "VIRTUAL", "PROF" */
const char *itimer_name(int which);
/* SIGALRM, SIGVTALRM, SIGPROF */
int itimer_signo(int which);

/* ns to a timeval, rounded up to the next microsecond (setitimer's
 * resolution): a timer never fires before it was asked to, and a non-zero
 * duration below 1 us becomes 1 us, not 0, which would disarm the timer.
 * -1 when the seconds do not fit in time_t (only where time_t is 32 bits;
 * Linux takes any non-negative time_t). */
int itimer_tv(int64_t ns, struct timeval *tv);
/* A timeval as nanoseconds (saturated at INT64_MAX). */
int64_t itimer_ns(const struct timeval *tv);

/* parse_duration() for setitimer: also refuses what a timeval cannot hold;
 * the message names the word. */
int itimer_parse(const char *word, int64_t *ns, struct timeval *tv, struct perr *e);

/* A duration in sigtool's own syntax with microseconds and no trailing
 * zeros: "2s", "0.1s", "1.999987s", "0s". buf of ITIMER_FMT_MAX bytes. */
#define ITIMER_FMT_MAX 32
const char *itimer_fmt(const struct timeval *tv, char buf[ITIMER_FMT_MAX]);

#endif
