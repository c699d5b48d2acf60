/* catch.c - `sigtool catch`: signal, siginterrupt, getsignal and
 * set_wakeup_fd as a live, self-describing target process. */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "core/catcher.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/parse.h"
#include "core/ready.h"
#include "core/sig.h"
#include "core/siginfo.h"

enum {
	OPT_HANDLE = 256, OPT_IGNORE, OPT_BLOCK, OPT_RESTART, OPT_INTERRUPT,
	OPT_EXIT_ON, OPT_JSON, OPT_PIDFILE, OPT_READY_FD,
};

static const struct cmd_opt catch_opts[] = {
	{ OPT_HANDLE, "handle", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("catch SIGS with a handler and report each one") },
	{ OPT_IGNORE, "ignore", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("ignore SIGS (SIG_IGN)") },
	{ OPT_BLOCK, "block", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("block SIGS: they stay pending") },
	{ OPT_RESTART, "restart", no_argument, ARG_NONE, NULL, NULL,
	  N_("interrupted read() restarts (SA_RESTART, default)") },
	{ OPT_INTERRUPT, "interrupt", no_argument, ARG_NONE, NULL, NULL,
	  N_("interrupted read() fails with EINTR") },
	{ OPT_EXIT_ON, "exit-on", required_argument, ARG_SIGNAL, "SIG", NULL,
	  N_("end after catching SIG (implies --handle SIG)") },
	{ 'c', "count", required_argument, ARG_NUMBER, "N", NULL,
	  N_("end after N caught signals") },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("print JSON Lines") },
	CMD_READY_ROWS_OLD(OPT_PIDFILE, OPT_READY_FD),
	{ 0 }
};

static const char *const catch_synopsis[] = {
	"[--handle=SIGS] [--ignore=SIGS] [--block=SIGS] [OPTION]...",
	NULL
};

struct catch_ctl {
	sigmask64 handle, ignore, block;
	bool interrupt, json;
	int exit_on;
	unsigned long long count;
	const char *pidfile;
	int ready_fd;
};

struct reporter_arg {
	const struct catch_ctl *ctl;
	pthread_t reader;
	int status;             /* set if the reporter ended catch */
	bool ended;
};

static void print_names(const char *key, sigmask64 m)
{
	char nb[SIG_NAME_MAX];
	bool first = true;

	out_printf(" %s=", key);
	for (int s = sig_first(); s; s = sig_next(s))
		if (m & SIGBIT(s)) {
			if (!first)
				out_putc(',');
			out_puts(sig_name(s, nb));
			first = false;
		}
	if (first)
		out_puts("none");
}

/* What getsignal() and the mask say now, not what was asked. */
static void print_banner(const struct catch_ctl *ctl)
{
	const char *mode = ctl->interrupt ? "interrupt" : "restart";
	sigmask64 caught = 0, ignored = 0, blocked;
	sigset_t cur;

	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	blocked = sig_sigset_to_mask(&cur);
	for (int s = sig_first(); s; s = sig_next(s)) {
		enum sig_disp d = sig_disposition(s);
		if (d == DISP_CAUGHT)
			caught |= SIGBIT(s);
		else if (d == DISP_IGNORED)
			ignored |= SIGBIT(s);
	}
	if (ctl->json) {
		char nb[SIG_NAME_MAX];
		out_printf("{\"pid\":%d,\"mode\":\"%s\",\"signals\":[", (int)getpid(), mode);
		for (int s = sig_first(); s; s = sig_next(s)) {
			out_printf("%s{\"signo\":%d,\"name\":\"%s\",\"disposition\":\"%s\",\"blocked\":%s}",
				   s == sig_first() ? "" : ",", s, sig_name(s, nb),
				   sig_disp_name(caught & SIGBIT(s) ? DISP_CAUGHT
						 : ignored & SIGBIT(s) ? DISP_IGNORED : DISP_DEFAULT),
				   blocked & SIGBIT(s) ? "true" : "false");
		}
		out_puts("]}\n");
		return;
	}
	out_printf("pid=%d", (int)getpid());
	print_names("caught", caught);
	print_names("ignored", ignored);
	print_names("blocked", blocked);
	out_printf(" mode=%s\n", mode);
}

static void print_event(const struct catch_ctl *ctl, const struct catch_event *ce)
{
	char line[SIG_EVENT_TEXT_MAX];
	bool first = true;

	if (ctl->json) {
		out_putc('{');
		sig_event_json_fields(&ce->ev, &first);
		out_printf(",\"read\":\"%s\"}\n", catch_read_name(ce->read));
	} else {
		out_write(line, sig_event_text(&ce->ev, line));
		out_printf(" read=%s\n", catch_read_name(ce->read));
	}
}

/* The only user of stdout once started. It blocks every signal (set by its
 * creator), so that each one is delivered to the main thread, the one in
 * read(). On --exit-on, --count or an output error it stops the reader. */
static void *reporter(void *p)
{
	struct reporter_arg *arg = p;
	const struct catch_ctl *ctl = arg->ctl;
	unsigned long long caught = 0;
	struct catch_event ce;
	int status;

	while (catcher_next(&ce, &status)) {
		print_event(ctl, &ce);
		out_flush();
		if (out_error())
			arg->status = EXIT_FAILURE;     /* the check at exit says why */
		else if ((ctl->exit_on && ce.ev.signo == ctl->exit_on)
			 || (ctl->count && ++caught == ctl->count))
			arg->status = EXIT_SUCCESS;
		else
			continue;
		arg->ended = true;
		catcher_stop_reader(arg->reader, ce.ev.signo);
		break;
	}
	return NULL;
}

static void parse_set(const char *s, sigmask64 *m)
{
	struct perr e;

	if (parse_sigset(s, PSET_BLOCKABLE, m, &e) < 0)
		usage_error("%s", e.msg);
}

static void check_disjoint(sigmask64 a, sigmask64 b, const char *what)
{
	char nb[SIG_NAME_MAX];

	for (int s = sig_first(); s; s = sig_next(s))
		if (a & b & SIGBIT(s))
			usage_error(what, sig_name(s, nb));
}

static void parse_args(int argc, char **argv, struct catch_ctl *ctl)
{
	bool restart = false;
	struct perr e;
	long long v;
	int c;

	while ((c = cmd_getopt(argc, argv, &cmd_catch)) != -1) {
		switch (c) {
		case OPT_HANDLE:
			parse_set(optarg, &ctl->handle);
			break;
		case OPT_IGNORE:
			parse_set(optarg, &ctl->ignore);
			break;
		case OPT_BLOCK:
			parse_set(optarg, &ctl->block);
			break;
		case OPT_RESTART:
			restart = true;
			break;
		case OPT_INTERRUPT:
			ctl->interrupt = true;
			break;
		case OPT_EXIT_ON:
			if (parse_signal(optarg, 0, &ctl->exit_on, &e) < 0)
				usage_error("%s", e.msg);
			if (!sig_catchable(ctl->exit_on))
				usage_error(_("signal '%s' cannot be caught"), optarg);
			break;
		case 'c':
			if (parse_int(optarg, 1, LLONG_MAX, &v, _("count"), &e) < 0)
				usage_error("%s", e.msg);
			ctl->count = v;
			break;
		case OPT_JSON:
			ctl->json = true;
			break;
		case OPT_PIDFILE:
			ctl->pidfile = optarg;
			break;
		case OPT_READY_FD:
			ctl->ready_fd = ready_fd_parse(optarg);
			break;
		}
	}
	if (optind < argc)
		usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (restart && ctl->interrupt)
		usage_error(_("--restart and --interrupt cannot be used together"));
	if (ctl->exit_on) {
		sigmask64 m = SIGBIT(ctl->exit_on);
		check_disjoint(m, ctl->ignore, _("--exit-on %s: it is ignored (--ignore)"));
		check_disjoint(m, ctl->block, _("--exit-on %s: it is blocked (--block), it would never arrive"));
		ctl->handle |= m;
	}
	check_disjoint(ctl->handle, ctl->ignore, _("%s cannot be both handled and ignored"));
}

static int catch_run(int argc, char **argv)
{
	struct catch_ctl ctl = { .ready_fd = -1 };
	struct reporter_arg arg = { .ctl = &ctl, .reader = pthread_self() };
	sigset_t all, block;
	pthread_attr_t attr;
	pthread_t thread;
	char buf[4096];
	int err, status = EXIT_SUCCESS;

	parse_args(argc, argv, &ctl);
	if (catcher_install(ctl.handle, ctl.ignore, !ctl.interrupt) < 0)
		die(EXIT_FAILURE, _("cannot install the handlers: %s"), strerror(errno));
	sig_mask_to_sigset(ctl.block, &block);
	pthread_sigmask(SIG_SETMASK, &block, NULL);
	print_banner(&ctl);
	out_flush();
	ready_announce(ctl.pidfile, ctl.ready_fd, EXIT_FAILURE);
	if (out_error())
		return EXIT_FAILURE;            /* the check at exit says why */

	/* Signals caught until now wait in the self-pipe. The reporter starts
	 * with every signal blocked, and the main thread's mask, the one that
	 * /proc/PID/status shows, is never touched. */
	sigfillset(&all);
	if ((err = pthread_attr_init(&attr)) || (err = pthread_attr_setsigmask_np(&attr, &all))
	    || (err = pthread_create(&thread, &attr, reporter, &arg)))
		die(EXIT_FAILURE, _("cannot start a thread: %s"), strerror(err));
	pthread_attr_destroy(&attr);

	while (!catcher_stop_requested()) {
		ssize_t n = catcher_read(STDIN_FILENO, buf, sizeof buf);
		if (n > 0 || (n < 0 && errno == EINTR))
			continue;
		if (n < 0) {
			warn_(_("cannot read standard input"));
			status = EXIT_FAILURE;
		}
		break;
	}
	if (!catcher_stop_requested())
		catcher_end(status);
	catcher_reader_left();
	pthread_join(thread, NULL);
	if (catcher_dropped())
		warnx_(_("%u signals found the self-pipe full and were not reported"), catcher_dropped());
	return arg.ended ? arg.status : status;
}

const struct cmd cmd_catch = {
	.name = "catch",
	.summary = N_("a live target that catches, ignores or blocks signals"),
	.synopsis = catch_synopsis,
	.description = N_(
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
"and each signal {signo, name, code, pid, uid, value, status, read}."),
	.opts = catch_opts,
	.operands = ARG_NONE,
	.exit_status = N_(
"  1    standard input could not be read, or the output not written\n"),
	.examples = N_(
"  $ sigtool catch --handle USR1,TERM --ignore INT --interrupt\n"
"  $ sigtool catch --handle all --exit-on TERM --json\n"
"  $ sigtool catch --handle HUP --block USR2 -c 1 --pidfile t.pid <> fifo\n"),
	.run = catch_run,
};
