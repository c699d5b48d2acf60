/* sendopts.h - the command line that `send` and `pidfd-send` share: the
 * option rows, their parsing into a send_ctl, and the checks across them. */
#ifndef SIGTOOL_SENDOPTS_H
#define SIGTOOL_SENDOPTS_H

#include "cmd.h"
#include "core/i18n.h"
#include "core/send.h"

enum { SO_WAIT = 0x200, SO_THEN, SO_JSON };

#define SENDOPT_VALUE_ROW \
	{ 'q', "value", required_argument, ARG_NUMBER, "INT", NULL, \
	  N_("queue SIG with integer INT (sigqueue, SI_QUEUE)") }

#define SENDOPT_ROWS \
	{ SO_WAIT, "wait", optional_argument, ARG_DURATION, "DUR", NULL, \
	  N_("wait until every target has ended, at most DUR") }, \
	{ SO_THEN, "then", required_argument, ARG_DUR_SIGNAL, "DUR:SIG", NULL, \
	  N_("then send SIG to those still running DUR later") }, \
	{ 'r', "require-handler", no_argument, ARG_NONE, NULL, NULL, \
	  N_("skip (status 1) a target with no handler for SIG") }, \
	{ 'v', "verbose", no_argument, ARG_NONE, NULL, NULL, \
	  N_("say what was sent to whom, and how each ended") }, \
	{ SO_JSON, "json", no_argument, ARG_NONE, NULL, NULL, \
	  N_("print those lines as JSON Lines (implies -v)") }, \
	{ 'n', "dry-run", no_argument, ARG_NONE, NULL, NULL, \
	  N_("check the targets, print what would be sent") }

/* Ready c for a command line of argc words (targets and steps fit). */
void sendopts_init(struct send_ctl *c, int argc);
void sendopts_free(struct send_ctl *c);

/* Refuse "send TERM -1" (a negative number where an operand goes) with a
 * message about PIDs, before getopt would read it as options. */
void sendopts_no_negative(int argc, char **argv, const struct cmd *cmd);

/* One of the shared options (SENDOPT_ROWS, SENDOPT_VALUE_ROW); false if id
 * is not one of them. Usage errors exit. */
bool sendopts_option(struct send_ctl *c, int id, const char *arg);

/* The SIG operand (0 allowed), or a usage error naming it. */
void sendopts_signal(struct send_ctl *c, const char *word);

/* A PID operand (PID or PID:INODE), or a usage error naming it. */
struct send_target sendopts_pid(const char *word);

/* Add a target. */
void sendopts_add(struct send_ctl *c, struct send_target t);

/* The checks between shared options, once everything is parsed. */
void sendopts_check(const struct send_ctl *c);

/* The lines of --help shared by both verbs. */
#define SENDOPT_HELP_WAIT \
"--wait and --then wait on pidfds, all at once, each step with one deadline\n" \
"for all targets; a target that has ended is never signalled again. --then\n" \
"counts DUR from the previous signal; --wait=DUR counts from the last one\n" \
"(plain --wait, or --then without --wait, waits without limit). The steps\n" \
"send plain signals: --value is for SIG only. With --verbose, 'PID ended\n" \
"after SIG' names the last signal sent before each target ended.\n" \
"\n" \
"--require-handler reads SigCgt in /proc/PID/status and re-checks through\n" \
"the pidfd that the process is still the same one. --json gives one object a\n" \
"line: {event, signo, name, value, target, pid, ...}; event is sent,\n" \
"would-send (--dry-run, with after_ms), ended, timeout, failed or skipped\n" \
"(with error: an errno name or inode-mismatch, name-mismatch, no-handler).\n"

#define SENDOPT_EXIT_STATUS \
"  1    a target failed, was refused or skipped (each gets its own message);\n" \
"       the other targets were still signalled\n" \
"  124  --wait: a target was still running when DUR expired\n"

#endif
