/* msg.h - diagnostics on stderr ("sigtool: VERB: message") and exit statuses. */
#ifndef SIGTOOL_MSG_H
#define SIGTOOL_MSG_H

#include <errno.h>
#include <stdnoreturn.h>

enum {
	EXIT_USAGE = 2,         /* bad option, signal, PID, duration: nothing done */
	EXIT_TIMEDOUT = 124,    /* a time limit expired */
	EXIT_CANCELED = 125,    /* sigtool failed before running COMMAND */
	EXIT_CANNOT_INVOKE = 126,
	EXIT_ENOENT = 127,
};

/* The verb being run, for message prefixes; NULL outside a verb. */
extern const char *msg_verb;

/* The status usage_error() exits with: EXIT_USAGE, or EXIT_CANCELED in the
 * verbs that run a COMMAND (env(1)'s convention), set by cmd_run(). */
extern int msg_usage_status;

/* Called by die() and usage_error() before the message: the output layer
 * (out.c, above this one) registers the dropping of what it has buffered,
 * so that an error leaves nothing half-written on stdout. */
void msg_on_fatal(void (*fn)(void));

/* Messages go to stderr in one write each, with SIGPIPE blocked around it:
 * one that cannot be written is dropped and sigtool goes on. */
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like warnx_, followed by ": " and strerror(errno). */
void warn_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A usage error: the message, a "Try ... --help" hint, exit status
 * msg_usage_status (2 unless a verb changed it). */
noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
