/* catch.c - `sigtool catch`: signal, siginterrupt, getsignal and
 * set_wakeup_fd as a live, self-describing target process. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "core/catchloop.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/sig.h"

enum {
	OPT_HANDLE = 256, OPT_IGNORE, OPT_BLOCK, OPT_RESTART, OPT_INTERRUPT,
	OPT_EXIT_ON, OPT_JSON,
};

struct catch_cmd {
	struct catch_ctl c;
	bool restart;
};

static const struct cmd_opt catch_opts[] = {
	{ OPT_HANDLE, "handle", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("catch SIGS with a handler and report each one"),
	  CMD_AT(struct catch_cmd, c.handle), .flags = OPT_BLOCKABLE },
	{ OPT_IGNORE, "ignore", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("ignore SIGS (SIG_IGN)"), CMD_AT(struct catch_cmd, c.ignore),
	  .flags = OPT_BLOCKABLE },
	{ OPT_BLOCK, "block", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("block SIGS: they stay pending"), CMD_AT(struct catch_cmd, c.block),
	  .flags = OPT_BLOCKABLE },
	{ OPT_RESTART, "restart", no_argument, ARG_NONE, NULL, NULL,
	  N_("interrupted read() restarts (SA_RESTART, default)"),
	  CMD_AT(struct catch_cmd, restart) },
	{ OPT_INTERRUPT, "interrupt", no_argument, ARG_NONE, NULL, NULL,
	  N_("interrupted read() fails with EINTR"), CMD_AT(struct catch_cmd, c.interrupt) },
	/* no dest: the option() hook checks that SIG can be caught */
	{ OPT_EXIT_ON, "exit-on", required_argument, ARG_SIGNAL, "SIG", NULL,
	  N_("end after catching SIG (implies --handle SIG)") },
	{ 'c', "count", required_argument, ARG_NUMBER, "N", NULL,
	  N_("end after N caught signals"), CMD_AT(struct catch_cmd, c.count),
	  .min = 1, .max = LLONG_MAX },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("print JSON Lines"), CMD_AT(struct catch_cmd, c.json) },
	CMD_READY_ROWS(struct catch_cmd, c.pidfile, c.ready_fd),
	{ 0 }
};

static const struct catch_cmd catch_defaults = { .c = { .ready_fd = -1 } };

static const char *const catch_synopsis[] = {
	"[--handle=SIGS] [--ignore=SIGS] [--block=SIGS] [OPTION]...",
	NULL
};

static int catch_option(void *ctl, int id, const union cmd_val *v, struct perr *e)
{
	struct catch_cmd *cc = ctl;
	char nb[SIG_NAME_MAX];

	(void)id;               /* --exit-on is the only option with no dest */
	if (!sig_catchable(v->i))
		return perr_set(e, _("--exit-on: signal '%s' cannot be caught"), sig_name(v->i, nb));
	cc->c.exit_on = v->i;
	return 0;
}

/* The first signal in both a and b, a usage error that names it. */
static void check_disjoint(sigmask64 a, sigmask64 b, const char *what)
{
	char nb[SIG_NAME_MAX];

	for (int s = sig_first(); s; s = sig_next(s))
		if (a & b & SIGBIT(s))
			usage_error(what, sig_name(s, nb));
}

/* The combinations of options that make no sense. */
static void check(struct catch_cmd *cc)
{
	struct catch_ctl *c = &cc->c;

	if (cc->restart && c->interrupt)
		usage_error(_("--restart and --interrupt cannot be used together"));
	if (c->exit_on) {
		sigmask64 m = SIGBIT(c->exit_on);
		check_disjoint(m, c->ignore, _("--exit-on %s: it is ignored (--ignore)"));
		check_disjoint(m, c->block, _("--exit-on %s: it is blocked (--block), it would never arrive"));
		c->handle |= m;
	}
	check_disjoint(c->handle, c->ignore, _("%s cannot be both handled and ignored"));
}

static int catch_exec(void *ctl, const struct cmd_args *a)
{
	struct catch_cmd *cc = ctl;

	(void)a;
	check(cc);
	return catch_run(&cc->c);
}

const struct cmd cmd_catch = {
	.name = "catch",
	.summary = N_("a live target that catches, ignores or blocks signals"),
	.synopsis = catch_synopsis,
	.description = CMD_PARAS(N_(
"A process with a known signal state, for demos and for testing scripts that\n"
"send signals. It installs real handlers (sigaction) for --handle, which only\n"
"write the siginfo to a self-pipe (the set_wakeup_fd pattern); sets SIG_IGN\n"
"for --ignore; and blocks --block. Every other signal gets its default\n"
"action and is unblocked, whatever sigtool inherited (a background job of a\n"
"shell ignores INT and QUIT, for one): /proc/PID/status shows exactly the\n"
"SigCgt, SigIgn and SigBlk bits asked for. EPIPE is seen on output without\n"
"a SIGPIPE handler.\n"
"\n"
"It prints a first line with its PID and its dispositions as getsignal()\n"
"and the mask give them:\n"
"\n"
"  pid=4242 caught=USR1,TERM ignored=INT blocked=HUP mode=restart\n"
"\n"
"then does blocking reads of standard input, discarding what it reads, and\n"
"prints one line per caught signal, with the siginfo and what became of the\n"
"read() it interrupted:\n"
"\n"
"  USR1 code=SI_USER pid=4243 uid=1000 read=EINTR\n"
"\n"
"read=EINTR: read() failed with EINTR (--interrupt, siginterrupt(sig, 1));\n"
"this is reported only when read() really returned it. read=restart: the\n"
"handler has SA_RESTART (--restart, the default), and the kernel restarted\n"
"read(), which no program can see; the line names the mode. read=none: no\n"
"read() was blocked when the signal came. The lines are printed by a second\n"
"thread, which blocks every signal, so each one is delivered to the main\n"
"thread in read(); /proc/PID/status describes the main thread. (glibc, as a\n"
"thread starts, installs a handler for its internal signal 33, which is not\n"
"a valid signal: SigCgt has that bit too.)\n"
"\n"
"It ends on end of file, after --exit-on SIG, or after -c N caught signals;\n"
"a pidfile is removed then.\n"
"A background job of a non-interactive shell reads /dev/null and so ends at\n"
"once: give it a standard input that stays open, e.g. '<> FIFO'. With --json\n"
"the first line is {pid, mode, signals: [{signo, name, disposition, blocked}]}\n"
"and each signal {signo, name, code, pid, uid, value, status, read}.")),
	.opts = catch_opts,
	.operands = ARG_NONE,
	.ctl_size = sizeof(struct catch_cmd),
	.ctl_init = &catch_defaults,
	.option = catch_option,
	.exit_status = N_(
"  1    standard input could not be read, or the output not written\n"),
	.examples = N_(
"  $ sigtool catch --handle USR1,TERM --ignore INT --interrupt\n"
"  $ sigtool catch --handle all --exit-on TERM --json\n"
"  $ sigtool catch --handle HUP --block USR2 -c 1 --pidfile t.pid <> fifo\n"),
	.exec = catch_exec,
};
