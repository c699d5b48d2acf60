/* sigset.h - a set of signals as people and scripts read it: names, JSON,
 * the hex of /proc. The one home of these forms for every verb. */
#ifndef SIGTOOL_SIGSET_H
#define SIGTOOL_SIGSET_H

#include <stddef.h>

#include "sig.h"

/* A set as names, "HUP,INT,RTMIN+1", or "-" for the empty set; a bit that
 * is no valid signal (32 and 33, which glibc keeps) is shown as its number.
 * size SIGSET_TEXT_MAX always suffices. */
#define SIGSET_TEXT_MAX 1024
const char *sigset_text(sigmask64 m, char *buf, size_t size);
/* The same as a JSON array of strings. */
void json_sigset(sigmask64 m);
/* The 16 hex digits /proc and ps print. */
const char *sigset_hex(sigmask64 m, char buf[17]);

#endif
