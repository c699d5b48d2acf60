/* timer.c - `sigtool timer`: setitimer for a COMMAND it becomes, getitimer,
 * and a supervised time limit in the manner of timeout(1). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/itimer.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/parse.h"
#include "core/run.h"
#include "core/sig.h"
#include "core/supervise.h"

enum {
	OPT_REAL = 256, OPT_VIRTUAL, OPT_PROF, OPT_GET, OPT_JSON,
	OPT_PRESERVE, OPT_FOREGROUND,
};

struct timer_ctl {
	int which;              /* ITIMER_* of the exec form */
	const char *which_opt;  /* the option that chose it, for messages */
	int64_t interval_ns;
	bool get, json;
	struct sup_opts sup;
};

static const struct cmd_opt timer_opts[] = {
	{ OPT_REAL, "real", no_argument, ARG_DURATION, NULL, NULL,
	  N_("wall-clock time, SIGALRM (the default)") },
	{ OPT_VIRTUAL, "virtual", no_argument, ARG_DURATION, NULL, NULL,
	  N_("user CPU time, SIGVTALRM") },
	{ OPT_PROF, "prof", no_argument, ARG_DURATION, NULL, NULL,
	  N_("user and system CPU time, SIGPROF") },
	{ 'i', "interval", required_argument, ARG_DURATION, "DUR", NULL,
	  N_("then fire every DUR (it_interval)"), CMD_AT(struct timer_ctl, interval_ns) },
	{ OPT_GET, "get", no_argument, ARG_NONE, NULL, NULL,
	  N_("print the three timers sigtool inherited"), CMD_AT(struct timer_ctl, get) },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("with --get: output a JSON array"), CMD_AT(struct timer_ctl, json) },
	{ 's', "signal", required_argument, ARG_SIGNAL, "SIG", NULL,
	  N_("supervise COMMAND: send SIG when DUR expires"),
	  CMD_AT(struct timer_ctl, sup.signo) },
	{ 'k', "kill-after", required_argument, ARG_DURATION, "DUR", NULL,
	  N_("also send KILL if COMMAND still runs DUR later"),
	  CMD_AT(struct timer_ctl, sup.kill_after_ns) },
	{ OPT_PRESERVE, "preserve-status", no_argument, ARG_NONE, NULL, NULL,
	  N_("exit with COMMAND's status even on expiry"),
	  CMD_AT(struct timer_ctl, sup.preserve_status) },
	{ OPT_FOREGROUND, "foreground", no_argument, ARG_NONE, NULL, NULL,
	  N_("leave COMMAND in sigtool's process group"),
	  CMD_AT(struct timer_ctl, sup.foreground) },
	{ 'v', "verbose", no_argument, ARG_NONE, NULL, NULL,
	  N_("report each signal sent and how COMMAND ended"),
	  CMD_AT(struct timer_ctl, sup.verbose) },
	{ 0 }
};

static const struct timer_ctl timer_defaults = {
	.which = ITIMER_REAL, .sup = { .signo = SIGTERM },
};

static const char *const timer_synopsis[] = {
	"[--real|--virtual|--prof] [-i DUR] DUR [-- COMMAND...]",
	"--get [--json]",
	"-s SIG [-k DUR] [OPTION]... DUR -- COMMAND [ARG...]",
	NULL
};

/* --real, --virtual, --prof: one timer only. */
static int timer_option(void *ctl, int id, const union cmd_val *v, struct perr *e)
{
	static const char *const names[ITIMER_COUNT] = { "--real", "--virtual", "--prof" };
	struct timer_ctl *c = ctl;
	int which = id - OPT_REAL;

	(void)v;
	if (c->which_opt && c->which != which)
		return perr_set(e, _("%s and %s cannot be used together"), c->which_opt,
				names[which]);
	c->which = which;
	c->which_opt = names[which];
	return 0;
}

/* The first option given that only the supervised form takes, or NULL. */
static const char *sup_only_opt(const struct cmd_args *a)
{
	static const struct { int id; const char *name; } sup[] = {
		{ 'k', "--kill-after" }, { OPT_PRESERVE, "--preserve-status" },
		{ OPT_FOREGROUND, "--foreground" }, { 'v', "--verbose" },
	};

	for (size_t i = 0; i < sizeof sup / sizeof *sup; i++)
		if (cmd_given(&cmd_timer, a, sup[i].id))
			return sup[i].name;
	return NULL;
}

/* "timer 5 cmd -- x": COMMAND came without "--", yet one follows; the
 * words before it are not COMMAND's, and nothing of them is run. */
static bool words_before_dashdash(const struct cmd_args *a)
{
	if (!a->command || !strcmp(a->command[-1], "--"))
		return false;
	for (char **w = a->command; *w; w++)
		if (!strcmp(*w, "--"))
			return true;
	return false;
}

/* Which form: --get, or DUR with the options of one of the others. */
static void check_form(const struct timer_ctl *c, const struct cmd_args *a)
{
	if (c->json && !c->get)
		usage_error(_("--json goes with --get"));
	if (words_before_dashdash(a))
		usage_error(_("unexpected argument '%s' before '--'"), a->command[0]);
	if (c->get && (a->nargs || a->command))
		usage_error(_("--get takes no DUR or COMMAND"));
	if (c->get && (c->which_opt || cmd_given(&cmd_timer, a, 'i')
		       || cmd_given(&cmd_timer, a, 's') || sup_only_opt(a)))
		usage_error(_("--get cannot be used with other options than --json"));
	if (!c->get)
		cmd_need_args(a, 1, 1, "DUR");
}

static void check_exec_form(const struct cmd_args *a, int64_t ns)
{
	bool interval = cmd_given(&cmd_timer, a, 'i');
	const char *sup_opt = sup_only_opt(a);

	if (sup_opt)
		usage_error(_("%s goes with --signal"), sup_opt);
	if (!ns && interval)
		usage_error(_("--interval with DUR 0 would do nothing: 0 disarms the timer"));
	if (!ns && !a->command)
		usage_error(_("DUR 0 without COMMAND: there would be no timer to wait for"));
}

static void check_supervised(const struct timer_ctl *c, const struct cmd_args *a)
{
	if (c->which_opt || cmd_given(&cmd_timer, a, 'i'))
		usage_error(_("--signal cannot be used with %s"),
			    c->which_opt ? c->which_opt : "--interval");
	if (!a->command)
		usage_error(_("--signal needs a COMMAND"));
}

static void timers_json(const struct itimerval v[ITIMER_COUNT])
{
	char nb[SIG_NAME_MAX];

	out_putc('[');
	for (int w = 0; w < ITIMER_COUNT; w++) {
		int s = itimer_signo(w);
		bool first = true;

		out_puts(w ? ",{" : "{");
		json_key(&first, "timer");
		json_str(itimer_name(w));
		json_key(&first, "signo");
		out_uint(s);
		json_key(&first, "name");
		json_str(sig_name(s, nb));
		json_key(&first, "value_us");
		out_uint(itimer_ns(&v[w].it_value) / 1000);
		json_key(&first, "interval_us");
		out_uint(itimer_ns(&v[w].it_interval) / 1000);
		out_putc('}');
	}
	out_puts("]\n");
}

static void timers_table(const struct itimerval v[ITIMER_COUNT])
{
	char nb[SIG_NAME_MAX], b1[ITIMER_FMT_MAX], b2[ITIMER_FMT_MAX];
	struct table *t = table_new("llll");

	table_cell(t, _("TIMER"));
	table_cell(t, _("SIGNAL"));
	table_cell(t, _("VALUE"));
	table_cell(t, _("INTERVAL"));
	for (int w = 0; w < ITIMER_COUNT; w++) {
		table_cell(t, itimer_name(w));
		table_cell(t, sig_name(itimer_signo(w), nb));
		table_cell(t, itimer_fmt(&v[w].it_value, b1));
		table_cell(t, itimer_fmt(&v[w].it_interval, b2));
	}
	table_print(t);
}

static int get_timers(bool json)
{
	struct itimerval v[ITIMER_COUNT];

	for (int w = 0; w < ITIMER_COUNT; w++)
		if (getitimer(w, &v[w]) < 0) {
			warn_(_("getitimer %s"), itimer_name(w));
			return EXIT_FAILURE;
		}
	if (json)
		timers_json(v);
	else
		timers_table(v);
	return EXIT_SUCCESS;
}

/* Meet the timer's signal as a program using alarm() would. A CPU-time
 * timer only advances while the process runs, so sigtool spends the CPU. */
static _Noreturn void wait_for_timer(int which)
{
	static volatile unsigned long spin;

	for (;;) {
		if (which == ITIMER_REAL)
			pause();
		else
			spin++;
	}
}

static int exec_form(const struct timer_ctl *c, const struct timeval *value,
		     char **command)
{
	struct itimerval itv = { .it_value = *value };
	int sig = itimer_signo(c->which), fail = command ? EXIT_CANCELED : EXIT_FAILURE;
	char nb[SIG_NAME_MAX];
	struct run_env env;
	enum sig_reset_err r;

	if (itimer_tv(c->interval_ns, &itv.it_interval) < 0)
		usage_error(_("--interval: duration is too large for setitimer"));
	/* COMMAND "gets" the signal: its default action, not blocked. The
	 * disposition comes first so that an early expiry has that effect on
	 * sigtool itself. */
	if ((r = sig_reset(sig, true)) != SIGRESET_OK) {
		warn_(r == SIGRESET_ACTION ? _("cannot restore the default action of %s")
		      : _("cannot unblock %s"), sig_name(sig, nb));
		return fail;
	}
	run_env_save(&env);
	/* A DUR shorter than a failed exec must not turn 127 into 142. */
	if (command && (errno = run_lookup(command[0])))
		return run_exec_failed(command[0], errno);
	if (setitimer(c->which, &itv, NULL) < 0) {
		warn_(_("setitimer %s"), itimer_name(c->which));
		return fail;
	}
	if (!command)
		wait_for_timer(c->which);
	return run_exec(command, &env);
}

static int timer_exec(void *ctl, const struct cmd_args *a)
{
	struct timer_ctl *c = ctl;
	struct timeval value;
	struct perr e;
	int64_t ns;

	check_form(c, a);
	if (c->get)
		return get_timers(c->json);
	if (itimer_parse(a->args[0], &ns, &value, &e) < 0)
		usage_error("%s", e.msg);
	if (cmd_given(&cmd_timer, a, 's')) {
		check_supervised(c, a);
		c->sup.limit_ns = ns;
		return supervise(a->command, &c->sup);
	}
	check_exec_form(a, ns);
	return exec_form(c, &value, a->command);
}

const struct cmd cmd_timer = {
	.name = "timer",
	.summary = N_("give a command an interval timer, or a time limit"),
	.synopsis = timer_synopsis,
	.description = CMD_PARAS(N_(
"Exec form: arm sigtool's REAL (wall-clock, SIGALRM), VIRTUAL (user CPU,\n"
"SIGVTALRM) or PROF (user and system CPU, SIGPROF) interval timer to DUR,\n"
"then every --interval, and exec COMMAND, which inherits the timer (interval\n"
"timers survive execve). COMMAND gets the timer's signal with its default\n"
"action and unblocked, whatever sigtool inherited; put 'sigtool mask' after\n"
"timer to give COMMAND another state. With no COMMAND, sigtool waits for its\n"
"own timer and meets the default action, as a program using alarm() would\n"
"(status 142 for ALRM); for a CPU-time timer it spends that CPU time. The\n"
"first expiry then ends sigtool, so --interval only matters with a COMMAND\n"
"that catches the signal. DUR 0 disarms the timer: 'timer 0 -- COMMAND' runs\n"
"COMMAND with no inherited REAL timer. COMMAND is looked up in PATH before\n"
"the timer is armed, so one that cannot run gives 127 or 126 however short\n"
"DUR is.\n"
"\n"
"--get prints the value and interval of each of the three timers of sigtool\n"
"itself, that is, what it inherited (getitimer), in the duration syntax.\n"
"\n"
"Supervised form (--signal): run COMMAND as a child and send it SIG when DUR\n"
"of wall-clock time has passed, as timeout(1) does, with the same exit\n"
"statuses. COMMAND runs in a new process group, which gets every signal, so\n"
"that its children end too; it is then not in the terminal's foreground: a\n"
"COMMAND that reads the terminal needs --foreground, in which only COMMAND\n"
"itself is signalled. Every signal but KILL and CONT is followed by CONT, so\n"
"that a stopped COMMAND acts on it. Every signal sent to sigtool that would\n"
"end it and can be caught, and SIG, are forwarded the same way (one that was\n"
"ignored when sigtool started stays ignored); any of them but USR1 and USR2\n"
"also starts the --kill-after delay. ALRM counts as DUR expiring now. COMMAND\n"
"gets SIG if sigtool dies (PR_SET_PDEATHSIG). A COMMAND ended by a signal\n"
"before DUR expired ends sigtool by the same signal (core dumps disabled), as\n"
"with timeout(1). DUR 0 sets no limit. The limit is kept on\n"
"CLOCK_MONOTONIC to within the timer slack, and COMMAND is signalled only\n"
"while it is known to be unreaped, through a pidfd where the kernel has one.\n"
"With --verbose, each signal sent and COMMAND's end go to standard error,\n"
"with the time since COMMAND was started.\n"
"\n"
"DUR is a non-negative decimal number with an optional unit ms, s (the\n"
"default), m, h or d. setitimer keeps microseconds: DUR is rounded up to the\n"
"next microsecond, so a non-zero DUR never becomes 0.")),
	.opts = timer_opts,
	.operands = ARG_DURATION,
	.later_operands = ARG_COMMAND,
	.max_args = 1,
	.args_name = N_("DUR"),
	/* "timer 5 cmd args" as well as "timer 5 -- cmd args" */
	.command = 1,
	.usage_status = EXIT_CANCELED,  /* with a COMMAND, as env(1) */
	.ctl_size = sizeof(struct timer_ctl),
	.ctl_init = &timer_defaults,
	.option = timer_option,
	.exit_status = N_(
"  1    --get: getitimer failed; exec form without COMMAND: setitimer failed\n"
"  124  --signal: the limit expired (COMMAND's status with --preserve-status)\n"
"  125  sigtool failed before running COMMAND, or a usage error on a command\n"
"       line with a COMMAND (as env(1)), so that it cannot be COMMAND's own\n"
"  126  COMMAND found but not executable\n"
"  127  COMMAND not found\n"
"  137  --signal: COMMAND was killed by KILL after the limit expired\n"
"  128+n  exec form: the timer's signal n ended COMMAND or sigtool (142 ALRM,\n"
"       154 VTALRM, 155 PROF); --signal: COMMAND was ended by signal n\n"
"       after DUR expired (--preserve-status), or sigtool by the same signal\n"
"  other  --signal: COMMAND's own status\n"),
	.examples = N_(
"  $ sigtool timer 0.3 -- sleep 5; echo $?\n"
"  142\n"
"  $ sigtool timer --virtual 10 -- ./solver input   # 10 s of CPU at most\n"
"  $ sigtool timer -i 1 1 -- ./ticker                # SIGALRM every second\n"
"  $ sigtool timer 2 -- sigtool timer --get\n"
"  $ sigtool timer --signal=TERM -k 5 --verbose 30 -- make test\n"),
	.exec = timer_exec,
	/* the exec form says nothing: no locale to load before exec */
	.locale_on_demand = true,
};
