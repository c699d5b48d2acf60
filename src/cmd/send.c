/* send.c - `sigtool send` (alias kill): kill, sigqueue, tgkill and killpg
 * from the shell, through pidfds so that no recycled PID is ever hit. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd/sendopts.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/parse.h"
#include "core/util.h"

enum { OPT_PGID = 256, OPT_ALL, OPT_THREAD, OPT_PIDFILE };

static const struct cmd_opt send_opts[] = {
	{ OPT_PGID, "pgid", required_argument, ARG_PID, "PGID", NULL,
	  N_("signal process group PGID (killpg); repeatable") },
	{ OPT_ALL, "all", no_argument, ARG_NONE, NULL, NULL,
	  N_("signal every process you may signal: kill(-1)") },
	{ OPT_THREAD, "thread", required_argument, ARG_PID, "TID", NULL,
	  N_("signal thread TID of PID (tgkill); repeatable") },
	SENDOPT_VALUE_ROW,
	{ OPT_PIDFILE, "pidfile", required_argument, ARG_FILE, "FILE", NULL,
	  N_("signal the PID held in FILE; repeatable") },
	SENDOPT_ROWS,
	{ 0 }
};

static const char *const send_synopsis[] = {
	"[OPTION]... SIG PID[:INODE]...",
	"[OPTION]... SIG --pgid PGID... | --pidfile FILE... | --all",
	"[OPTION]... SIG --thread TID... PID",
	"-SIG [OPTION]... PID...",
	NULL
};

struct send_words {
	const char **pgids, **tids, **files;
	size_t npgid, ntid, nfile;
	bool all;
};

/* kill(1) compatibility: "send -9 PID", "kill -KILL PID", as the first word
 * only. A digit or a capital after the dash is a signal, right or wrong;
 * a lower-case word is a signal only if it names one ("-hup"), otherwise
 * options ("-nv"), since no signal name is made of option letters. */
static const char *dash_signal(const char *word)
{
	struct perr e;
	int signo;

	if (word[0] != '-' || !word[1] || word[1] == '-')
		return NULL;
	if (c_isdigit(word[1]) || (word[1] >= 'A' && word[1] <= 'Z')) {
		if (parse_signal(word + 1, PS_ALLOW_ZERO, &signo, &e) < 0)
			usage_error("%s", e.msg);
		return word + 1;
	}
	return parse_signal(word + 1, PS_ALLOW_ZERO, &signo, &e) == 0 ? word + 1 : NULL;
}

static void add_pidfiles(struct send_ctl *c, const struct send_words *w)
{
	for (size_t i = 0; i < w->nfile; i++) {
		struct send_target t = send_target(SEND_PID, 0);
		struct perr e;
		if (send_read_pidfile(w->files[i], &t.pid, &t.read_err, &e) < 0)
			usage_error("%s", e.msg);
		t.file = w->files[i];
		sendopts_add(c, t);
	}
}

static void add_groups(struct send_ctl *c, const struct send_words *w)
{
	for (size_t i = 0; i < w->npgid; i++) {
		struct pid_spec p;
		struct perr e;
		if (parse_pid(w->pgids[i], false, &p, &e) < 0)
			usage_error(_("--pgid: %s"), e.msg);
		sendopts_add(c, send_target(SEND_PGID, p.pid));
	}
	if (w->all)
		sendopts_add(c, send_target(SEND_ALL, 0));
}

/* --thread: the one process target becomes one target per thread. */
static void to_threads(struct send_ctl *c, const struct send_words *w)
{
	struct send_target proc = c->targets[0];

	if (proc.has_inode)
		usage_error(_("--thread takes a plain PID, not PID:INODE"));
	c->ntargets = 0;
	for (size_t i = 0; i < w->ntid; i++) {
		struct send_target t = send_target(SEND_THREAD, proc.pid);
		struct pid_spec p;
		struct perr e;
		if (parse_pid(w->tids[i], false, &p, &e) < 0)
			usage_error(_("--thread: %s"), e.msg);
		t.tid = p.pid;
		t.file = proc.file;
		sendopts_add(c, t);
	}
	if (proc.read_err) {
		errno = proc.read_err;
		die(EXIT_FAILURE, _("cannot read pidfile '%s': %s"), proc.file, strerror(errno));
	}
}

static void check(const struct send_ctl *c, const struct send_words *w, size_t nproc)
{
	bool group = w->npgid || w->all;

	if (w->all && (nproc || w->npgid || w->ntid))
		usage_error(_("--all cannot be combined with PIDs, --pgid, --pidfile or --thread"));
	if (w->ntid && w->npgid)
		usage_error(_("--thread cannot be combined with --pgid"));
	if (w->ntid && nproc != 1)
		usage_error(_("--thread needs exactly one PID (or --pidfile): the process of the threads"));
	if (!nproc && !group)
		usage_error(_("missing PID (or --pgid, --pidfile, --all)"));
	if (c->queue && group)
		usage_error(_("--value cannot be used with --pgid or --all: a queued signal goes to one process"));
	if ((c->wait || c->nsteps) && (group || w->ntid))
		usage_error(_("--wait and --then wait for processes: not with --pgid, --all or --thread"));
	if (c->require_handler && group)
		usage_error(_("--require-handler cannot check the processes of --pgid or --all"));
	sendopts_check(c);
}

static int send_main(int argc, char **argv)
{
	struct send_ctl c;
	struct send_words w = { 0 };
	const char *sig = NULL;
	int opt, status;

	if (argc > 1 && (sig = dash_signal(argv[1]))) {
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	sendopts_no_negative(argc, argv, &cmd_send);
	sendopts_init(&c, argc);
	w.pgids = xmalloc(sizeof *w.pgids * argc * 3);
	w.tids = w.pgids + argc;
	w.files = w.tids + argc;
	while ((opt = cmd_getopt(argc, argv, &cmd_send)) != -1) {
		switch (opt) {
		case OPT_PGID:
			w.pgids[w.npgid++] = optarg;
			break;
		case OPT_ALL:
			w.all = true;
			break;
		case OPT_THREAD:
			w.tids[w.ntid++] = optarg;
			break;
		case OPT_PIDFILE:
			w.files[w.nfile++] = optarg;
			break;
		default:
			sendopts_option(&c, opt, optarg);
		}
	}
	if (!sig && optind == argc)
		usage_error(_("missing signal"));
	sendopts_signal(&c, sig ? sig : argv[optind++]);
	for (; optind < argc; optind++)
		sendopts_add(&c, sendopts_pid(argv[optind]));
	add_pidfiles(&c, &w);
	check(&c, &w, c.ntargets);
	if (w.ntid)
		to_threads(&c, &w);
	add_groups(&c, &w);

	status = send_run(&c);
	free(w.pgids);
	sendopts_free(&c);
	return status;
}

const struct cmd cmd_send = {
	.name = "send",
	.alias = "kill",
	.summary = N_("send a signal to processes, groups or threads"),
	.synopsis = send_synopsis,
	.description = N_(
"Send SIG to each PID: a name (TERM, SIGTERM, term), a number, RTMIN+n or\n"
"RTMAX-n; 0 sends nothing and checks that each target exists and may be\n"
"signalled. For kill(1) habits, the signal may also come first as -SIG\n"
"(-9, -KILL, -hup), as the first word only.\n"
"\n"
"A PID is a strict decimal from 1 up; PID:INODE (the pidfs inode, as\n"
"util-linux's getino prints it; Linux 6.9+) names one exact process and is\n"
"refused if that PID is now another process. A negative number is never a\n"
"PID: process groups are signalled only with --pgid, every process only with\n"
"--all. Each PID is opened as a pidfd (pidfd_open) and signalled through it\n"
"(pidfd_send_signal), so --wait and --then never hit a recycled PID; only a\n"
"kernel without pidfds (before 5.3) gets kill(2), and sigqueue(3) for\n"
"--value, and then --wait and --then are refused. A PID that is a thread ID\n"
"signals its process, as kill(2) does.\n"
"\n"
"--value INT queues SIG with INT: the receiver's siginfo has SI_QUEUE, our\n"
"PID and UID and INT; with --thread it is rt_tgsigqueueinfo. --thread TID\n"
"sends to one thread of PID (tgkill: SI_TKILL); a TID that is not a thread of\n"
"PID is an error. --pidfile FILE must hold one decimal PID and at most a\n"
"newline: anything else is a usage error; a file that cannot be read is a\n"
"failing target.\n"
"\n"
SENDOPT_HELP_WAIT
"\n"
"Every target gets its own message when it fails ('no such process',\n"
"'operation not permitted'), and the other targets are still signalled.\n"
"Status 1 wins over 124 when both happen. Any usage error (status 2) is\n"
"found before anything is sent. --wait, --then and --require-handler apply\n"
"to processes, not to --pgid, --all or --thread; --value not to --pgid or\n"
"--all."),
	.opts = send_opts,
	.operands = ARG_SIGNAL,
	.later_operands = ARG_PID,
	.exit_status = N_(SENDOPT_EXIT_STATUS),
	.examples = N_(
"  $ sigtool send TERM 4242\n"
"      end process 4242 (kill 4242)\n"
"  $ sigtool send -v --then 5s:KILL TERM 4242\n"
"      TERM, and KILL if it still runs 5 seconds later; say which ended it\n"
"  $ sigtool send --wait=10s TERM $(cat app.pid) || echo 'still running'\n"
"  $ sigtool send -r HUP --pidfile /run/app.pid\n"
"      reload, but never kill an app that does not catch HUP\n"
"  $ sigtool send -q 42 RTMIN+1 4242\n"
"  $ sigtool send --pgid 4242 INT\n"
"  $ sigtool send 0 4242 && echo alive\n"),
	.run = send_main,
	.locale_on_demand = true,
};
