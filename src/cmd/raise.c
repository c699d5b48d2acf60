/* raise.c - `sigtool raise`: raise_signal on sigtool itself, with the
 * default action, so that the caller sees the real effect of a signal. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/proc.h"
#include "core/sig.h"

static const char *const raise_synopsis[] = {
	"SIG",
	NULL
};

/* TSTP, TTIN and TTOU would vanish without a trace: say so instead.
 * Where /proc cannot tell, raise anyway and let the kernel decide. */
static void check_orphaned(int signo)
{
	char nb[SIG_NAME_MAX];
	pid_t pgrp;

	if (sig_default_action(signo) == SIGACT_STOP && signo != SIGSTOP
	    && proc_own_pgrp_orphaned(&pgrp) == 1)
		die(EXIT_FAILURE, _("%s not raised: the kernel discards it because process group %d is orphaned"),
		    sig_name(signo, nb), (int)pgrp);
}

static int raise_exec(void *ctl, const struct cmd_args *a)
{
	int signo = cmd_operand(CMD_ARG(ARG_SIGNAL, 0), a->args[0]).i;
	char nb[SIG_NAME_MAX];

	(void)ctl;
	check_orphaned(signo);
	/* Whatever sigtool inherited (SIG_IGN, a blocked mask), SIG now meets
	 * its default action. */
	switch (sig_reset(signo, true)) {
	case SIGRESET_ACTION:
		die(EXIT_FAILURE, _("cannot restore the default action of %s: %s"),
		    sig_name(signo, nb), strerror(errno));
	case SIGRESET_UNBLOCK:
		die(EXIT_FAILURE, _("cannot unblock %s: %s"), sig_name(signo, nb), strerror(errno));
	case SIGRESET_OK:
		break;
	}
	if (raise(signo) != 0)
		die(EXIT_FAILURE, _("cannot raise %s: %s"), sig_name(signo, nb), strerror(errno));

	/* Still here: the default was to ignore, or we were stopped and then
	 * continued, or the kernel kept the signal from us (an orphaned group
	 * that /proc could not show, or that became orphaned since). */
	switch (sig_default_action(signo)) {
	case SIGACT_IGN:
	case SIGACT_STOP:
	case SIGACT_CONT:
		return EXIT_SUCCESS;
	default:
		die(EXIT_FAILURE, _("%s did not end sigtool (is it the init of a PID namespace? they get only the signals they catch)"),
		    sig_name(signo, nb));
	}
}

const struct cmd cmd_raise = {
	.name = "raise",
	.summary = N_("raise a signal on sigtool itself, with its default action"),
	.synopsis = raise_synopsis,
	.description = CMD_PARAS(N_(
"Restore the default action of SIG, unblock it, and raise it on sigtool\n"
"itself (raise_signal), so that the caller sees its real effect, whatever\n"
"sigtool inherited (an ignored or blocked SIG):\n"
"  Term   sigtool ends by SIG: status 128+n (143 for TERM, 138 for USR1)\n"
"  Core   the same, with a core dump where RLIMIT_CORE and core_pattern allow\n"
"  Stop   sigtool stops (TSTP, TTIN, TTOU, STOP); once continued, status 0\n"
"  Ign    nothing happens (CHLD, URG, WINCH): status 0\n"
"  Cont   nothing happens (CONT): status 0\n"
"'sigtool describe SIG' tells which. The kernel discards TSTP, TTIN and TTOU\n"
"in an orphaned process group (one in which no process has its parent in\n"
"another group of the same session): sigtool looks in /proc first, and if its\n"
"group is orphaned it raises nothing, says so and exits 1 (where /proc cannot\n"
"tell, e.g. with hidepid, it raises them and the kernel decides). The init of\n"
"a PID namespace is not ended by a signal it does not catch: then sigtool\n"
"says so and exits 1. Signal 0 is not a signal to raise.")),
	.operands = ARG_SIGNAL,
	.min_args = 1,
	.max_args = 1,
	.args_name = N_("signal"),
	.exit_status = N_(
"  1    SIG did not end sigtool although its default action is to end it,\n"
"       or SIG is TSTP, TTIN or TTOU and sigtool's process group is orphaned\n"
"       (nothing raised)\n"
"  128+n  sigtool was ended by SIG n, as the default action says\n"),
	.examples = N_(
"  $ sigtool raise TERM; echo $?\n"
"      143\n"
"  $ sigtool raise CHLD; echo $?\n"
"      0\n"
"  $ env --ignore-signal=INT sigtool raise INT; echo $?\n"
"      130: the default action, not the inherited SIG_IGN\n"),
	.exec = raise_exec,
	.locale_on_demand = true,
};
