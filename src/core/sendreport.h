/* sendreport.h - what `send` and `pidfd-send` say about each target: its
 * label, the lines or JSON events of signals sent, targets ended, timed out,
 * failed or skipped. For the sending engine (send.c) only. */
#ifndef SIGTOOL_SENDREPORT_H
#define SIGTOOL_SENDREPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "send.h"

/* send_target.state */
enum { T_NEW, T_FAILED, T_SENT, T_ENDED, T_TIMEDOUT };

/* A signal sent (or, in a dry run, to be sent after `after` ns; -1: now). */
void report_send(const struct send_ctl *c, const struct send_target *t,
		 int signo, bool queued, int64_t after);
/* A target whose process has ended, after its last signal. */
void report_end(const struct send_ctl *c, const struct send_target *t);
/* A target still running once the --wait limit (limit ns) has passed. */
void report_timeout(const struct send_ctl *c, struct send_target *t, int64_t limit);

/* A target fails (event "failed") or is skipped ("skipped"): its own
 * message on stderr and with json its own event; code is a stable word for
 * scripts (an errno name or our own). Marks it T_FAILED; returns false. */
bool report_fail(const struct send_ctl *c, struct send_target *t, const char *event,
		 const char *code, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same for a refusal the verb words (c->refusal[why]), with arg for
 * its %s if it has one. */
bool report_refusal(const struct send_ctl *c, struct send_target *t, const char *event,
		    const char *code, enum send_refusal why, const char *arg);
/* The same for errno err from sending to (or opening) t. */
bool report_errno(const struct send_ctl *c, struct send_target *t, int err);
/* expect_name: the target's name is comm (made safe to show here). */
bool report_wrong_name(const struct send_ctl *c, struct send_target *t, char *comm);
/* A --pidfile that could not be read (t->read_err). */
bool report_unreadable(const struct send_ctl *c, struct send_target *t);

#endif
