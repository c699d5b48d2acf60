/* timer.c - `sigtool timer`: setitimer for a COMMAND it becomes, getitimer,
 * and a supervised time limit in the manner of timeout(1). */
#include "config.h"

#include <signal.h>
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
	struct timeval value, interval;
	const char *interval_word;
	bool get, json, supervised;
	struct sup_opts sup;
	const char *sup_opt;    /* a supervised-only option given, or NULL */
	int64_t value_ns;
	char **command;         /* NULL-ended, or NULL */
};

static const struct cmd_opt timer_opts[] = {
	{ OPT_REAL, "real", no_argument, ARG_DURATION, NULL, NULL,
	  N_("wall-clock time, SIGALRM (the default)") },
	{ OPT_VIRTUAL, "virtual", no_argument, ARG_DURATION, NULL, NULL,
	  N_("user CPU time, SIGVTALRM") },
	{ OPT_PROF, "prof", no_argument, ARG_DURATION, NULL, NULL,
	  N_("user and system CPU time, SIGPROF") },
	{ 'i', "interval", required_argument, ARG_DURATION, "DUR", NULL,
	  N_("then fire every DUR (it_interval)") },
	{ OPT_GET, "get", no_argument, ARG_NONE, NULL, NULL,
	  N_("print the three timers sigtool inherited") },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("with --get: output a JSON array") },
	{ 's', "signal", required_argument, ARG_SIGNAL, "SIG", NULL,
	  N_("supervise COMMAND: send SIG when DUR expires") },
	{ 'k', "kill-after", required_argument, ARG_DURATION, "DUR", NULL,
	  N_("also send KILL if COMMAND still runs DUR later") },
	{ OPT_PRESERVE, "preserve-status", no_argument, ARG_NONE, NULL, NULL,
	  N_("exit with COMMAND's status even on expiry") },
	{ OPT_FOREGROUND, "foreground", no_argument, ARG_NONE, NULL, NULL,
	  N_("leave COMMAND in sigtool's process group") },
	{ 'v', "verbose", no_argument, ARG_NONE, NULL, NULL,
	  N_("report each signal sent and how COMMAND ended") },
	{ 0 }
};

static const char *const timer_synopsis[] = {
	"[--real|--virtual|--prof] [-i DUR] DUR [-- COMMAND...]",
	"--get [--json]",
	"-s SIG [-k DUR] [OPTION]... DUR -- COMMAND [ARG...]",
	NULL
};

static void duration(const char *word, int64_t *ns, struct timeval *tv)
{
	struct perr e;

	if (itimer_parse(word, ns, tv, &e) < 0)
		usage_error("%s", e.msg);
}

static void choose(struct timer_ctl *c, int which, const char *opt)
{
	if (c->which_opt && c->which != which)
		usage_error(_("%s and %s cannot be used together"), c->which_opt, opt);
	c->which = which;
	c->which_opt = opt;
}

static void parse(struct timer_ctl *c, int argc, char **argv, const struct cmd *self)
{
	struct timeval tv;
	struct perr e;
	int64_t ns;
	int ch, end = cmd_command_start(argc, argv, self);

	/* Options are read only before "--": COMMAND's own words stay its own. */
	while ((ch = cmd_getopt(end, argv, self)) != -1) {
		switch (ch) {
		case OPT_REAL:
			choose(c, ITIMER_REAL, "--real");
			break;
		case OPT_VIRTUAL:
			choose(c, ITIMER_VIRTUAL, "--virtual");
			break;
		case OPT_PROF:
			choose(c, ITIMER_PROF, "--prof");
			break;
		case 'i':
			duration(optarg, &ns, &c->interval);
			c->interval_word = optarg;
			break;
		case OPT_GET:
			c->get = true;
			break;
		case OPT_JSON:
			c->json = true;
			break;
		case 's':
			if (parse_signal(optarg, 0, &c->sup.signo, &e) < 0)
				usage_error("%s", e.msg);
			c->supervised = true;
			break;
		case 'k':
			duration(optarg, &c->sup.kill_after_ns, &tv);
			c->sup_opt = "--kill-after";
			break;
		case OPT_PRESERVE:
			c->sup.preserve_status = true;
			c->sup_opt = "--preserve-status";
			break;
		case OPT_FOREGROUND:
			c->sup.foreground = true;
			c->sup_opt = "--foreground";
			break;
		case 'v':
			c->sup.verbose = true;
			c->sup_opt = "--verbose";
			break;
		}
	}
	if (c->json && !c->get)
		usage_error(_("--json goes with --get"));
	if (end < argc && optind + 1 < end)
		usage_error(_("unexpected argument '%s' before '--'"), argv[optind + 1]);
	if (c->get) {
		if (optind < argc)
			usage_error(_("--get takes no DUR or COMMAND"));
		if (c->which_opt || c->interval_word || c->supervised || c->sup_opt)
			usage_error(_("--get cannot be used with other options than --json"));
		return;
	}
	if (optind >= argc)
		usage_error(_("missing DUR"));
	if (optind == end)
		usage_error(_("missing DUR"));
	duration(argv[optind], &c->value_ns, &c->value);
	if (end + 1 < argc)
		c->command = argv + end + 1;
	else if (end == argc && optind + 1 < argc)
		c->command = argv + optind + 1;
	if (c->supervised) {
		if (c->which_opt || c->interval_word)
			usage_error(_("--signal cannot be used with %s"),
				    c->which_opt ? c->which_opt : "--interval");
		if (!c->command)
			usage_error(_("--signal needs a COMMAND"));
		c->sup.limit_ns = c->value_ns;
		return;
	}
	if (c->sup_opt)
		usage_error(_("%s goes with --signal"), c->sup_opt);
	if (!c->value_ns && c->interval_word)
		usage_error(_("--interval with DUR 0 would do nothing: 0 disarms the timer"));
	if (!c->value_ns && !c->command)
		usage_error(_("DUR 0 without COMMAND: there would be no timer to wait for"));
}

static int get_timers(bool json)
{
	struct itimerval v[ITIMER_COUNT];
	char nb[SIG_NAME_MAX], b1[ITIMER_FMT_MAX], b2[ITIMER_FMT_MAX];

	for (int w = 0; w < ITIMER_COUNT; w++)
		if (getitimer(w, &v[w]) < 0) {
			warn_(_("getitimer %s"), itimer_name(w));
			return EXIT_FAILURE;
		}
	if (json) {
		out_putc('[');
		for (int w = 0; w < ITIMER_COUNT; w++) {
			int s = itimer_signo(w);
			out_printf("%s{\"timer\":\"%s\",\"signo\":%d,\"name\":\"%s\","
				   "\"value_us\":%lld,\"interval_us\":%lld}",
				   w ? "," : "", itimer_name(w), s, sig_name(s, nb),
				   (long long)(itimer_ns(&v[w].it_value) / 1000),
				   (long long)(itimer_ns(&v[w].it_interval) / 1000));
		}
		out_puts("]\n");
		return EXIT_SUCCESS;
	}
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

static int exec_form(const struct timer_ctl *c)
{
	struct itimerval itv = { .it_interval = c->interval, .it_value = c->value };
	int sig = itimer_signo(c->which);
	struct run_env env;
	struct sigaction sa;
	sigset_t one;

	/* COMMAND "gets" the signal: its default action, not blocked. The
	 * disposition comes first so that an early expiry has that effect on
	 * sigtool itself. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	run_env_save(&env);
	/* A DUR shorter than a failed exec must not turn 127 into 142. */
	if (c->command && (errno = run_lookup(c->command[0])))
		return run_exec_failed(c->command[0], errno);
	if (setitimer(c->which, &itv, NULL) < 0) {
		warn_(_("setitimer %s"), itimer_name(c->which));
		return c->command ? EXIT_CANCELED : EXIT_FAILURE;
	}
	if (!c->command)
		wait_for_timer(c->which);
	return run_exec(c->command, &env);
}

static int timer_run(int argc, char **argv)
{
	struct timer_ctl c = { .which = ITIMER_REAL, .sup = { .signo = SIGTERM } };

	parse(&c, argc, argv, &cmd_timer);
	if (c.get)
		return get_timers(c.json);
	if (c.supervised)
		return supervise(c.command, &c.sup);
	return exec_form(&c);
}

const struct cmd cmd_timer = {
	.name = "timer",
	.summary = N_("give a command an interval timer, or a time limit"),
	.synopsis = timer_synopsis,
	.description = N_(
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
"that a stopped COMMAND acts on it. HUP, INT, QUIT, USR1, USR2, ALRM, TERM\n"
"and SIG sent to sigtool are forwarded the same way (one that was ignored\n"
"when sigtool started stays ignored); any of them but USR1 and USR2 also\n"
"starts the --kill-after delay. DUR 0 sets no limit. The limit is kept on\n"
"CLOCK_MONOTONIC to within the timer slack, and COMMAND is signalled only\n"
"while it is known to be unreaped, through a pidfd where the kernel has one.\n"
"With --verbose, each signal sent and COMMAND's end go to standard error,\n"
"with the time since COMMAND was started.\n"
"\n"
"DUR is a non-negative decimal number with an optional unit ms, s (the\n"
"default), m, h or d. setitimer keeps microseconds: DUR is rounded up to the\n"
"next microsecond, so a non-zero DUR never becomes 0."),
	.opts = timer_opts,
	.operands = ARG_DURATION,
	.later_operands = ARG_COMMAND,
	.exit_status = N_(
"  1    --get: getitimer failed; exec form without COMMAND: setitimer failed\n"
"  124  --signal: the limit expired (COMMAND's status with --preserve-status)\n"
"  125  sigtool failed before running COMMAND\n"
"  126  COMMAND found but not executable\n"
"  127  COMMAND not found\n"
"  137  --signal: COMMAND was killed by KILL after the limit expired\n"
"  128+n  exec form: the timer's signal n ended COMMAND or sigtool (142 ALRM,\n"
"       154 VTALRM, 155 PROF); --signal: COMMAND was ended by signal n\n"
"  other  --signal: COMMAND's own status\n"),
	.examples = N_(
"  $ sigtool timer 0.3 -- sleep 5; echo $?\n"
"  142\n"
"  $ sigtool timer --virtual 10 -- ./solver input   # 10 s of CPU at most\n"
"  $ sigtool timer -i 1 1 -- ./ticker                # SIGALRM every second\n"
"  $ sigtool timer 2 -- sigtool timer --get\n"
"  $ sigtool timer --signal=TERM -k 5 --verbose 30 -- make test\n"),
	.run = timer_run,
	/* the exec form says nothing: no locale to load before exec */
	.locale_on_demand = true,
};
