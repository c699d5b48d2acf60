/* timeout.c - `sigtool timeout`: a drop-in for coreutils timeout(1) on the
 * supervised engine of `timer --signal` (core/supervise.c). */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/supervise.h"

enum { OPT_FOREGROUND = 'f', OPT_PRESERVE = 'p' };

struct timeout_ctl {
	struct sup_opts sup;
};

static const struct cmd_opt timeout_opts[] = {
	{ 's', "signal", required_argument, ARG_SIGNAL, "SIG", NULL,
	  N_("send SIG on expiry (default TERM; 0: none)"),
	  CMD_AT(struct timeout_ctl, sup.signo), .flags = OPT_SIG0 },
	{ 'k', "kill-after", required_argument, ARG_DURATION, "DUR", NULL,
	  N_("then KILL if COMMAND still runs DUR later"),
	  CMD_AT(struct timeout_ctl, sup.kill_after_ns), .flags = OPT_EXPONENT },
	{ OPT_FOREGROUND, "foreground", no_argument, ARG_NONE, NULL, NULL,
	  N_("leave COMMAND in the foreground (no group)"),
	  CMD_AT(struct timeout_ctl, sup.foreground) },
	{ OPT_PRESERVE, "preserve-status", no_argument, ARG_NONE, NULL, NULL,
	  N_("exit with COMMAND's status even on expiry"),
	  CMD_AT(struct timeout_ctl, sup.preserve_status) },
	{ 'v', "verbose", no_argument, ARG_NONE, NULL, NULL,
	  N_("report signals sent and how COMMAND ended"),
	  CMD_AT(struct timeout_ctl, sup.verbose) },
	{ 0 }
};

static const struct timeout_ctl timeout_defaults = {
	.sup = { .signo = SIGTERM },
};

static const char *const timeout_synopsis[] = {
	"[OPTION]... DURATION [--] COMMAND [ARG]...",
	NULL
};

static int timeout_exec(void *ctl, const struct cmd_args *a)
{
	struct timeout_ctl *c = ctl;

	c->sup.limit_ns = cmd_operand(CMD_ARG(ARG_DURATION, OPT_EXPONENT), a->args[0]).ns;
	if (!a->command)
		usage_error(_("missing COMMAND"));
	return supervise(a->command, &c->sup);
}

const struct cmd cmd_timeout = {
	.name = "timeout",
	.summary = N_("run a command with a time limit, as timeout(1)"),
	.synopsis = timeout_synopsis,
	.description = CMD_PARAS(N_(
"Run COMMAND and send it SIG (TERM by default) once DURATION of wall-clock\n"
"time has passed: a drop-in for coreutils timeout(1), with its options and\n"
"exit statuses, on the engine of 'sigtool timer --signal'. COMMAND's own\n"
"options stay its own, with or without '--' before it.\n"
"\n"
"COMMAND runs in a new process group, which gets every signal, so that its\n"
"children end too; it is then not in the terminal's foreground: a COMMAND\n"
"that reads the terminal needs --foreground, in which only COMMAND itself is\n"
"signalled. Ctrl-Z stops COMMAND and sigtool either way (without\n"
"--foreground, sigtool passes TSTP on to the group, and CONT once it is\n"
"continued itself); sigtool is never stopped by TTIN or TTOU, which COMMAND\n"
"gets back. Every signal but KILL and CONT is followed by CONT, so that a\n"
"stopped COMMAND acts on it. Every signal sent to sigtool that would end it\n"
"and can be caught is forwarded the same way (one ignored when sigtool\n"
"started stays ignored, but for SIG) and starts the --kill-after delay (USR1\n"
"and USR2 excepted); ALRM, even if ignored, counts as DURATION expiring now,\n"
"so timeouts nest. COMMAND gets SIG if sigtool itself dies (PR_SET_PDEATHSIG;\n"
"KILL for -s 0 with -k). If COMMAND is ended by a signal before DURATION\n"
"expires, sigtool ends itself with that signal (core dumps disabled), so that\n"
"a shell sees the signal death, as with timeout(1). SIG 0 sends nothing\n"
"('-s 0 -k 5 10': KILL after 15 s). DURATION 0 sets no limit. COMMAND is\n"
"signalled only while it is known to be unreaped, through a pidfd where the\n"
"kernel has one. With --verbose, each signal sent, who sent a forwarded one, and\n"
"COMMAND's end go to standard error with the time since COMMAND was started;\n"
"a closed standard error never stops the supervision.\n"
"\n"
"DURATION and DUR are non-negative decimal numbers, also with an exponent\n"
"(1e-3, .5, 2.5e2ms), and an optional unit ms, s (the default), m, h or d.")),
	.opts = timeout_opts,
	.operands = ARG_DURATION,
	.later_operands = ARG_COMMAND,
	.min_args = 1,
	.max_args = 1,
	.args_name = N_("DURATION"),
	/* "timeout 5 cmd -l": whatever follows DURATION is COMMAND */
	.command = 1,
	.usage_status = EXIT_CANCELED,
	.ctl_size = sizeof(struct timeout_ctl),
	.ctl_init = &timeout_defaults,
	.exit_status = N_(
"  124  DURATION expired (COMMAND's status with --preserve-status)\n"
"  125  sigtool failed, or a usage error: bad option, signal or duration\n"
"  126  COMMAND found but not executable\n"
"  127  COMMAND not found\n"
"  137  COMMAND (or sigtool) was killed by KILL\n"
"  128+n  COMMAND was ended by signal n after DURATION expired (with\n"
"       --preserve-status); before, sigtool itself ends by signal n\n"
"  other  COMMAND's own status\n"),
	.examples = N_(
"  $ sigtool timeout 2 sleep 5; echo $?\n"
"  124\n"
"  $ sigtool timeout -k 5 1m make check      # TERM after 1 min, KILL 5 s later\n"
"  $ sigtool timeout -s 0 -k 0.5 2 ./server  # only KILL, after 2.5 s\n"
"  $ sigtool timeout -v -s INT 1e-1 sleep 1\n"),
	.exec = timeout_exec,
	/* silent unless -v or something fails: no locale to load up front */
	.locale_on_demand = true,
};
