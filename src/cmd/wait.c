/* wait.c - `sigtool wait`: sigwait, sigwaitinfo and sigtimedwait for the
 * shell, with race-free readiness and an optional COMMAND. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/recv.h"
#include "core/sig.h"

enum {
	OPT_ANY = 256, OPT_STREAM, OPT_FORMAT, OPT_JSON, OPT_FROM_CHILD, OPT_KILL_ON_TIMEOUT,
};

struct wait_ctl {
	struct recv_ctl r;
	bool any, json;
};

static const struct cmd_opt wait_opts[] = {
	{ OPT_ANY, "any", no_argument, ARG_NONE, NULL, NULL,
	  N_("wait for any signal that can be blocked"), CMD_AT(struct wait_ctl, any) },
	{ 't', "timeout", required_argument, ARG_DURATION, "DUR", NULL,
	  N_("give up after DUR (1.5, 250ms, 2m): status 124"),
	  CMD_AT(struct wait_ctl, r.timeout_ns) },
	{ 'c', "count", required_argument, ARG_NUMBER, "N", NULL,
	  N_("wait for N signals (default 1)"), CMD_AT(struct wait_ctl, r.count),
	  .min = 1, .max = LLONG_MAX },
	{ OPT_STREAM, "stream", no_argument, ARG_NONE, NULL, NULL,
	  N_("flush each signal as it comes; no end"), CMD_AT(struct wait_ctl, r.stream) },
	{ OPT_FORMAT, "format", required_argument, ARG_CHOICE, "FORMAT", "full|name|number",
	  N_("full line (default), name or number"), CMD_AT(struct wait_ctl, r.format) },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("print one JSON object per signal (JSON Lines)"), CMD_AT(struct wait_ctl, json) },
	CMD_READY_ROWS(struct wait_ctl, r.pidfile, r.ready_fd),
	{ OPT_FROM_CHILD, "from-child", no_argument, ARG_NONE, NULL, NULL,
	  N_("only signals sent by COMMAND; drop others"),
	  CMD_AT(struct wait_ctl, r.from_child) },
	{ OPT_KILL_ON_TIMEOUT, "kill-on-timeout", no_argument, ARG_NONE, NULL, NULL,
	  N_("on time-out, send KILL to COMMAND and reap it"),
	  CMD_AT(struct wait_ctl, r.kill_on_timeout) },
	{ 0 }
};

static const struct wait_ctl wait_defaults = {
	.r = { .count = 1, .timeout_ns = -1, .ready_fd = -1 },
};

static const char *const wait_synopsis[] = {
	"[OPTION]... SIG... [-- COMMAND [ARG]...]",
	"[OPTION]... --any [-- COMMAND [ARG]...]",
	NULL
};

/* The combinations of options that make no sense. */
static void check(const struct wait_ctl *w, const struct cmd_args *a)
{
	if (!w->r.set)
		usage_error(_("missing signal (name the signals to wait for, or use --any)"));
	if (w->r.from_child && !a->command)
		usage_error(_("--from-child needs a COMMAND"));
	if (w->r.kill_on_timeout && !a->command)
		usage_error(_("--kill-on-timeout needs a COMMAND"));
	if (w->r.kill_on_timeout && w->r.timeout_ns < 0)
		usage_error(_("--kill-on-timeout needs --timeout"));
	if (w->json && cmd_given(&cmd_wait, a, OPT_FORMAT))
		usage_error(_("--json and --format cannot be used together"));
}

static int wait_exec(void *ctl, const struct cmd_args *a)
{
	struct wait_ctl *w = ctl;

	for (int i = 0; i < a->nargs; i++)
		w->r.set |= cmd_operand(CMD_ARG(ARG_SIGSET, OPT_BLOCKABLE), a->args[i]).set;
	if (w->any)
		w->r.set |= sig_blockable_mask();
	check(w, a);
	w->r.command = a->command;
	if (w->json)
		w->r.format = RECV_JSON;
	if (w->r.stream && !cmd_given(&cmd_wait, a, 'c'))
		w->r.count = 0;
	return recv_run(&w->r);
}

const struct cmd cmd_wait = {
	.name = "wait",
	.summary = N_("wait for signals and print who sent them"),
	.synopsis = wait_synopsis,
	.description = CMD_PARAS(N_(
"Block the signals SIG (added to the mask sigtool inherited, before anything\n"
"else is done), wait for them, and print one line per signal taken, in the\n"
"order the kernel delivers them:\n"
"\n"
"  USR1 code=SI_QUEUE pid=4242 uid=1000 value=42\n"
"\n"
"code is SI_USER (kill), SI_QUEUE (sigqueue), SI_TKILL (tgkill), SI_KERNEL,\n"
"SI_TIMER, SI_MESGQ, CLD_EXITED and the other CLD_* codes, or a fault's\n"
"code (SEGV_MAPERR...); a code with no name is printed as its number. pid\n"
"and uid are the sender's, where the code has one; value is the payload of\n"
"a queued signal; status is the exit status, or the signal, of a CHLD.\n"
"SIG may be a comma-separated list or 'all'. A signal outside the set keeps\n"
"its usual effect; KILL and STOP cannot be waited for. A signal in the set\n"
"is taken even if its disposition is to ignore it: blocked signals queue.\n"
"\n"
"Real-time signals are queued by the kernel, so none is lost or reordered:\n"
"--count N over N queued signals prints all N values in order. Standard\n"
"signals (1-31) are not queued: one sent twice before sigtool takes it\n"
"arrives once.\n"
"\n"
"With --pidfile or --ready-fd, the PID is written only once the mask is in\n"
"place, so a script may signal as soon as it reads it. The pidfile is\n"
"written atomically (a temporary file renamed to FILE: a symlink FILE is\n"
"replaced, not followed) and removed at the end, unless a signal kills\n"
"sigtool. --ready-fd 1 puts the PID line first on standard output.\n"
"\n"
"With -- COMMAND, COMMAND is started with the mask and dispositions sigtool\n"
"inherited, then the signals are awaited from anyone: typically COMMAND\n"
"telling its parent it is ready, as an X server does with USR1.\n"
"--from-child takes only signals sent by COMMAND's own PID (not by a\n"
"process it forked) and drops the others. If COMMAND ends first, its status\n"
"is reported and sigtool exits with 1; once the signals have arrived, or on\n"
"a time-out, COMMAND is left running (unless --kill-on-timeout).\n"
"\n"
"--timeout limits the whole wait, counted from when sigtool is ready (with\n"
"COMMAND, from when COMMAND has started); 0 takes only what is already\n"
"pending. Output is flushed after every signal with --stream or when\n"
"standard output is a terminal, otherwise at the end (or every 8 KiB).\n"
"--stream ends only with --count, --timeout (status 124), COMMAND's end\n"
"(status 1) or a signal outside the set.")),
	.opts = wait_opts,
	.operands = ARG_SIGSET,
	.max_args = CMD_MANY,
	.command = -1,
	.ctl_size = sizeof(struct wait_ctl),
	.ctl_init = &wait_defaults,
	.exit_status = N_(
"  1    COMMAND ended first; or the pidfile or output could not be written\n"
"  124  the time limit (--timeout) expired\n"
"  125  sigtool failed before running COMMAND\n"
"  126  COMMAND found but not executable\n"
"  127  COMMAND not found\n"),
	.examples = N_(
"  $ sigtool wait USR1 HUP --timeout 10s --pidfile app.ready\n"
"  $ sigtool wait --any --stream --json\n"
"  $ sigtool wait RTMIN --count 3\n"
"  $ sigtool wait USR1 --from-child --timeout 30s -- Xvfb :1\n"
"  $ sigtool wait USR1 -- sh -c 'kill -USR1 $PPID; exec sleep 60'\n"),
	.exec = wait_exec,
};
