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

enum { OPT_PGID = 256, OPT_ALL, OPT_THREAD, OPT_PIDFILE, OPT_QUEUE };

static const struct cmd_opt send_opts[] = {
	{ OPT_PGID, "pgid", required_argument, ARG_PID, "PGID", NULL,
	  N_("signal process group PGID (killpg); repeatable") },
	{ OPT_ALL, "all", no_argument, ARG_NONE, NULL, NULL,
	  N_("signal every process you may signal: kill(-1)"), CMD_AT(struct send_opts, all) },
	{ OPT_THREAD, "thread", required_argument, ARG_PID, "TID", NULL,
	  N_("signal thread TID of PID (tgkill); repeatable") },
	SENDOPT_VALUE_ROW,
	/* kill(1)'s words */
	{ 's', "signal", required_argument, ARG_SIGNAL, "SIG", NULL,
	  N_("the signal to send (instead of the SIG operand)"), CMD_AT(struct send_opts, c.signo),
	  .flags = OPT_SIG0 },
	{ OPT_QUEUE, "queue", required_argument, ARG_NUMBER, "INT", NULL,
	  N_("the same as --value"), CMD_AT(struct send_opts, c.value), .min = INT_MIN, .max = INT_MAX },
	{ 'l', "list", no_argument, ARG_SIGNAL, NULL, NULL,
	  N_("list signal names, or convert SIGs (kill -l)"), CMD_AT(struct send_opts, list) },
	{ 'L', "table", no_argument, ARG_NONE, NULL, NULL,
	  N_("print the table of signals (kill -L)"), CMD_AT(struct send_opts, table) },
	{ OPT_PIDFILE, "pidfile", required_argument, ARG_FILE, "FILE", NULL,
	  N_("signal the PID held in FILE; repeatable") },
	SENDOPT_ROWS,
#define SELOPT_TYPE struct send_opts
	SELECT_ROWS,
	{ 0 }
};

static const char *const send_synopsis[] = {
	"[OPTION]... SIG PID[:INODE]...",
	"[OPTION]... SIG --pgid PGID... | --pidfile FILE... | --all",
	"[OPTION]... SIG --thread TID... PID",
	"-SIG [OPTION]... PID...",
	NULL
};

/* kill(1) compatibility: "send -9 PID", "kill -KILL PID", as the first word
 * only. A digit or a capital after the dash is a signal, right or wrong;
 * a lower-case word is a signal only if it names one ("-hup"), otherwise
 * options ("-nv"), since no signal name is made of option letters. */
static int dash_signal(void *ctl, const char *word, struct perr *e)
{
	struct send_opts *o = ctl;
	int signo;

	if (word[0] != '-' || !word[1] || word[1] == '-' || !strcmp(word, "-L"))
		return 0;       /* -L: kill(1)'s table */
	if (parse_signal(word + 1, PS_ALLOW_ZERO, &signo, e) < 0)
		return c_isdigit(word[1]) || (word[1] >= 'A' && word[1] <= 'Z') ? -1 : 0;
	o->c.signo = signo;
	o->dash_sig = true;
	return 1;
}

/* The repeatable options, kept until the operands are parsed. */
static int send_option(void *ctl, int id, const union cmd_val *v, struct perr *e)
{
	struct send_opts *o = ctl;

	switch (id) {
	case OPT_PGID:
		SENDOPT_PUSH(o->pgids, o->npgid, v->pid.pid);
		return 0;
	case OPT_THREAD:
		SENDOPT_PUSH(o->tids, o->ntid, v->pid.pid);
		return 0;
	case OPT_PIDFILE:
		SENDOPT_PUSH(o->files, o->nfile, v->str);
		return 0;
	}
	return sendopts_option(o, id, v, e);
}

static void add_pidfiles(struct send_opts *o)
{
	for (size_t i = 0; i < o->nfile; i++) {
		struct send_target t = send_target(SEND_PID, 0);
		struct perr e;
		if (send_read_pidfile(o->files[i], &t.pid, &t.read_err, &e) < 0)
			usage_error("%s", e.msg);
		t.file = o->files[i];
		sendopts_add(o, t);
	}
}

static void add_groups(struct send_opts *o)
{
	for (size_t i = 0; i < o->npgid; i++)
		sendopts_add(o, send_target(SEND_PGID, o->pgids[i]));
	if (o->all)
		sendopts_add(o, send_target(SEND_ALL, 0));
}

/* --thread: the one process target becomes one target per thread. */
static void to_threads(struct send_opts *o)
{
	struct send_target proc = o->c.targets[0];

	if (proc.has_inode)
		usage_error(_("--thread takes a plain PID, not PID:INODE"));
	o->c.ntargets = 0;
	for (size_t i = 0; i < o->ntid; i++) {
		struct send_target t = send_target(SEND_THREAD, proc.pid);
		t.tid = o->tids[i];
		t.file = proc.file;
		sendopts_add(o, t);
	}
	if (proc.read_err)
		die(EXIT_FAILURE, _("cannot read pidfile '%s': %s"), proc.file,
		    send_pidfile_strerror(proc.read_err));
}

/* The combinations of options that make no sense. */
static void check(const struct send_opts *o, size_t nproc)
{
	bool group = o->npgid || o->all;

	if (o->all && (nproc || o->npgid || o->ntid))
		usage_error(_("--all cannot be combined with PIDs, --pgid, --pidfile or --thread"));
	if (o->ntid && o->npgid)
		usage_error(_("--thread cannot be combined with --pgid"));
	if (o->ntid && nproc != 1)
		usage_error(_("--thread needs exactly one PID (or --pidfile): the process of the threads"));
	if (!nproc && !group)
		usage_error(_("missing PID (or --pgid, --pidfile, --all)"));
	if (o->c.queue && group)
		usage_error(_("--value cannot be used with --pgid or --all: a queued signal goes to one process"));
	if ((o->c.wait || o->c.nsteps) && (group || o->ntid))
		usage_error(_("--wait and --then wait for processes: not with --pgid, --all or --thread"));
	if (o->c.require_handler && group)
		usage_error(_("--require-handler cannot check the processes of --pgid or --all"));
	sendopts_check(o);
}

/* kill -l [SIG...], kill -L: the list verb's own code. */
static int run_list(const struct send_opts *o, const struct cmd_args *a)
{
	char **argv = xmalloc(sizeof *argv * (a->nargs + 4));
	int argc = 0, rc;

	argv[argc++] = (char *)"list";
	if (o->list && !a->nargs) {
		argv[argc++] = (char *)"--format";
		argv[argc++] = (char *)"names";
	}
	for (int i = 0; o->list && i < a->nargs; i++)
		argv[argc++] = a->args[i];
	argv[argc] = NULL;
	rc = cmd_run(&cmd_list, argc, argv);
	free(argv);
	return rc;
}

static int send_exec(void *ctl, const struct cmd_args *a)
{
	struct send_opts *o = ctl;
	int first = 0, rc;

	if (o->list || o->table) {
		if (o->table && a->nargs)
			usage_error(_("--table takes no operand"));
		return run_list(o, a);
	}
	sendopts_given(o, &cmd_send, a);
	o->c.queue |= cmd_given(&cmd_send, a, OPT_QUEUE);
	if (o->dash_sig && cmd_given(&cmd_send, a, 's'))
		usage_error(_("the signal is given twice (-SIG and --signal)"));
	o->dash_sig |= cmd_given(&cmd_send, a, 's');
	if (!o->dash_sig)
		cmd_need_args(a, 1, CMD_MANY, N_("signal"));
	if (!o->dash_sig)
		sendopts_signal(o, a->args[first++]);
	sendopts_pids(o, a->args + first, a->nargs - first);
	add_pidfiles(o);
	if ((rc = sendopts_select(o, &cmd_send, a)) >= 0)
		return rc;
	check(o, o->c.ntargets);
	if (o->ntid)
		to_threads(o);
	add_groups(o);
	return sendopts_run(o);
}

const struct cmd cmd_send = {
	.name = "send",
	.alias = "kill",
	.summary = N_("send a signal to processes, groups or threads"),
	.synopsis = send_synopsis,
	.description = CMD_PARAS(N_(
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
"\n"),
SENDOPT_HELP_WAIT,
N_("\n"
"Every target gets its own message when it fails ('no such process',\n"
"'operation not permitted'), and the other targets are still signalled.\n"
"Status 1 wins over 124 when both happen. Any usage error (status 2) is\n"
"found before anything is sent. --wait, --then and --require-handler apply\n"
"to processes, not to --pgid, --all or --thread; --value not to --pgid or\n"
"--all.\n"
"\n"
"kill(1)'s words: -s/--signal SIG, --queue INT (as --value), -l/--list\n"
"[SIG...] (as 'sigtool list'), -L/--table (the table).\n"
"\n"),
SELOPT_HELP,
N_("With --dry-run each match is listed with its name ('would send TERM to\n"
"4242 (nginx)'); with --json each is an object with its comm.\n"
"To wait for selected processes without signalling them (pidwait), send\n"
"signal 0 with --wait.")),
	.opts = send_opts,
	.operands = ARG_SIGNAL,
	.later_operands = ARG_PID,
	.max_args = CMD_MANY,           /* SIG, unless -SIG came first, and PIDs */
	.args_name = N_("signal"),
	.negative_operands = true,
	.first_word = dash_signal,
	.ctl_size = sizeof(struct send_opts),
	.ctl_init = &sendopts_defaults,
	.option = send_option,
	.exit_status = SENDOPT_EXIT_STATUS,
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
"  $ sigtool send 0 4242 && echo alive\n"
"  $ sigtool send TERM --name '^myjob$'\n"
"      pkill -x myjob\n"
"  $ sigtool send --pids 0 --name nginx\n"
"      pgrep nginx: the PIDs only\n"
"  $ sigtool send STOP --tree 4242\n"
"  $ sigtool send --wait=30s 0 --name myjob\n"
"      pidwait: wait for them to end, send nothing\n"
"  $ sigtool kill -s TERM 4242; sigtool kill -l 143; sigtool kill -L\n"),
	.exec = send_exec,
	.locale_on_demand = true,
};
