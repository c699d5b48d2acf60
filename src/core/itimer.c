/* itimer.c - the three interval timers of setitimer(2): names, signals,
 * and the ns <-> timeval conversions with their limits. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "itimer.h"

static const struct {
	const char *name;
	int signo;
} timers[ITIMER_COUNT] = {
	[ITIMER_REAL] = { "REAL", SIGALRM },
	[ITIMER_VIRTUAL] = { "VIRTUAL", SIGVTALRM },
	[ITIMER_PROF] = { "PROF", SIGPROF },
};

const char *itimer_name(int which)
{
	return which >= 0 && which < ITIMER_COUNT ? timers[which].name : NULL;
}

int itimer_signo(int which)
{
	return which >= 0 && which < ITIMER_COUNT ? timers[which].signo : 0;
}

int itimer_tv(int64_t ns, struct timeval *tv)
{
	int64_t sec = ns / 1000000000, usec = (ns % 1000000000 + 999) / 1000;

	if (ns < 0)
		return -1;
	if (usec == 1000000)
		sec++, usec = 0;
	/* Never true where time_t has 64 bits: parse_duration stops first. */
	if ((uint64_t)sec > ((uint64_t)1 << (sizeof(time_t) * 8 - 1)) - 1)
		return -1;
	tv->tv_sec = (time_t)sec;
	tv->tv_usec = (suseconds_t)usec;
	return 0;
}

int64_t itimer_ns(const struct timeval *tv)
{
	if ((int64_t)tv->tv_sec > (INT64_MAX - 999999999) / 1000000000)
		return INT64_MAX;
	return (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
}

int itimer_parse(const char *word, int64_t *ns, struct timeval *tv, struct perr *e)
{
	if (parse_duration(word, ns, e) < 0)
		return -1;
	if (itimer_tv(*ns, tv) < 0)
		return perr_set(e, _("duration '%s' is too large for setitimer"), word);
	return 0;
}

const char *itimer_fmt(const struct timeval *tv, char buf[ITIMER_FMT_MAX])
{
	long usec = (long)tv->tv_usec;
	int n = snprintf(buf, ITIMER_FMT_MAX, "%lld", (long long)tv->tv_sec);

	if (usec) {
		int digits = 6;
		while (usec % 10 == 0)
			usec /= 10, digits--;
		n += snprintf(buf + n, ITIMER_FMT_MAX - n, ".%0*ld", digits, usec);
	}
	snprintf(buf + n, ITIMER_FMT_MAX - n, "s");
	return buf;
}
