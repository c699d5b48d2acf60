/* sendopts.h - the command line that `send` and `pidfd-send` share: one
 * control struct, the option rows, the operands, the checks across them and
 * the words for the core's refusals. */
#ifndef SIGTOOL_SENDOPTS_H
#define SIGTOOL_SENDOPTS_H

#include <limits.h>

#include "cmd.h"
#include "cmd/selopts.h"
#include "core/i18n.h"
#include "core/send.h"

enum { SO_WAIT = 0x200, SO_THEN, SO_JSON };

/* The control struct of both verbs: the core's, then what only the verb
 * reads (the repeatable options, kept until the operands are parsed). */
struct send_opts {
	struct send_ctl c;
	bool dash_sig;                  /* send: the signal came as -SIG */
	bool all;                       /* send --all */
	bool list, table;               /* send -l, -L (kill(1)'s words) */
	pid_t *pgids, *tids;            /* send --pgid, --thread */
	size_t npgid, ntid;
	const char **files;             /* send --pidfile */
	size_t nfile;
	int *fds;                       /* pidfd-send --fd */
	size_t nfd;
	int scope;                      /* pidfd-send --scope: its choice, -1 none */
	struct selopts sel;             /* --name, --tree, ... */
	struct sel_match *matches;
	long nmatch;
};

extern const struct send_opts sendopts_defaults;

/* Append v to the array a of n elements. */
#define SENDOPT_PUSH(a, n, v) \
	((a) = xrealloc((a), sizeof *(a) * ((n) + 1)), (a)[(n)++] = (v))

#define SENDOPT_VALUE_ROW \
	{ 'q', "value", required_argument, ARG_NUMBER, "INT", NULL, \
	  N_("queue SIG with integer INT (sigqueue, SI_QUEUE)"), \
	  CMD_AT(struct send_opts, c.value), .min = INT_MIN, .max = INT_MAX }

#define SENDOPT_ROWS \
	{ SO_WAIT, "wait", optional_argument, ARG_DURATION, "DUR", NULL, \
	  N_("wait until every target has ended, at most DUR"), \
	  CMD_AT(struct send_opts, c.wait_limit) }, \
	{ SO_THEN, "then", required_argument, ARG_DUR_SIGNAL, "DUR:SIG", NULL, \
	  N_("then send SIG to those still running DUR later") }, \
	{ 'r', "require-handler", no_argument, ARG_NONE, NULL, NULL, \
	  N_("skip (status 1) a target with no handler for SIG"), \
	  CMD_AT(struct send_opts, c.require_handler) }, \
	{ 'v', "verbose", no_argument, ARG_NONE, NULL, NULL, \
	  N_("say what was sent to whom, and how each ended"), \
	  CMD_AT(struct send_opts, c.verbose) }, \
	{ SO_JSON, "json", no_argument, ARG_NONE, NULL, NULL, \
	  N_("print those lines as JSON Lines (implies -v)"), \
	  CMD_AT(struct send_opts, c.json) }, \
	{ 'n', "dry-run", no_argument, ARG_NONE, NULL, NULL, \
	  N_("check the targets, print what would be sent"), \
	  CMD_AT(struct send_opts, c.dry_run) }

/* The option() hook's part for the shared rows with no destination. */
int sendopts_option(struct send_opts *o, int id, const union cmd_val *v, struct perr *e);

/* What the table leaves to the verb once it has parsed: which of --value
 * and --wait were given. */
void sendopts_given(struct send_opts *o, const struct cmd *cmd, const struct cmd_args *a);

/* The SIG operand (0 allowed), or a usage error naming it. */
void sendopts_signal(struct send_opts *o, const char *word);

/* The PID operands (PID or PID:INODE) as targets, or a usage error. */
void sendopts_pids(struct send_opts *o, char **words, int n);

/* The selection options: their checks, the matches as targets (each
 * through the pidfd it was checked with). Returns -1 to go on, or the exit
 * status once --pids has printed them. */
int sendopts_select(struct send_opts *o, const struct cmd *cmd, const struct cmd_args *a);

/* Add a target. */
void sendopts_add(struct send_opts *o, struct send_target t);

/* The checks between shared options, once everything is parsed. */
void sendopts_check(const struct send_opts *o);

/* Send: the core's run, its refusals worded for these options. Returns the
 * exit status. */
int sendopts_run(struct send_opts *o);

/* The lines of --help shared by both verbs. */
#define SENDOPT_HELP_WAIT N_( \
"--wait and --then wait on pidfds, all at once, each step with one deadline\n" \
"for all targets; a target that has ended is never signalled again. --then\n" \
"counts DUR from the previous signal; --wait=DUR counts from the last one\n" \
"(plain --wait, or --then without --wait, waits without limit). The steps\n" \
"send plain signals: --value is for SIG only. A target that has ended by\n" \
"a step's time is not signalled by it. With --verbose, 'PID ended after\n" \
"SIG' names the signal its exit status shows it died of, or, when it\n" \
"exited, the last signal sent before it ended that it could catch (never\n" \
"a KILL that came as it was exiting on its own).\n" \
"\n" \
"--dry-run sends nothing, but checks each target as the real run would,\n" \
"with signal 0 through the same call: a target that does not exist or may\n" \
"not be signalled gets the same message and status 1. A full signal queue\n" \
"(a queued or real-time signal past the target user's RLIMIT_SIGPENDING,\n" \
"ulimit -i) is a failure of that target, said as such.\n" \
"\n" \
"--require-handler reads SigCgt in /proc/PID/status and re-checks through\n" \
"the pidfd that the process is still the same one. --json gives one object a\n" \
"line: {event, signo, name, value, target, pid, ...}; event is sent,\n" \
"would-send (--dry-run, with after_ms), ended, timeout, failed or skipped\n" \
"(with error: an errno name or inode-mismatch, name-mismatch, no-handler).\n")

#define SENDOPT_EXIT_STATUS N_( \
"  1    a target failed, was refused or skipped (each gets its own message);\n" \
"       the other targets were still signalled\n" \
"  124  --wait: a target was still running when DUR expired\n")

#endif
