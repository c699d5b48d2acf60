/* pidfd_send.c - `sigtool pidfd-send`: pidfd_open and pidfd_send_signal,
 * with PIDFD_SIGNAL_* scopes, inherited pidfds and name checks. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd/sendopts.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/parse.h"
#include "core/pidfd.h"
#include "core/proc.h"
#include "core/util.h"

enum { OPT_FD = 256, OPT_SCOPE, OPT_EXPECT_NAME };

static const struct cmd_opt pidfd_send_opts[] = {
	{ OPT_FD, "fd", required_argument, ARG_NUMBER, "N", NULL,
	  N_("use the inherited pidfd N, not PIDs; repeatable") },
	SENDOPT_VALUE_ROW,
	{ OPT_SCOPE, "scope", required_argument, ARG_CHOICE, "SCOPE", "thread|process|process-group",
	  N_("thread, process or process-group (Linux 6.9+)") },
	{ OPT_EXPECT_NAME, "expect-name", required_argument, ARG_TEXT, "COMM", NULL,
	  N_("refuse (status 1) a target not named COMM") },
	SENDOPT_ROWS,
	{ 0 }
};

static const char *const pidfd_send_synopsis[] = {
	"[OPTION]... SIG PID[:INODE]...",
	"[OPTION]... --fd N SIG",
	NULL
};

static enum send_scope parse_scope(const char *s)
{
	if (!strcmp(s, "thread"))
		return SCOPE_THREAD;
	if (!strcmp(s, "process"))
		return SCOPE_PROCESS;
	if (!strcmp(s, "process-group"))
		return SCOPE_PGRP;
	usage_error(_("invalid scope '%s' (use thread, process or process-group)"), s);
}

/* An inherited descriptor must be an open pidfd: checked before anything
 * is sent, like every other argument. */
static struct send_target fd_target(const char *word)
{
	struct send_target t = send_target(SEND_PIDFD, 0);
	struct perr e;
	long long fd;

	if (parse_int(word, 0, INT_MAX, &fd, _("file descriptor"), &e) < 0)
		usage_error("--fd: %s", e.msg);
	switch (pfd_is_pidfd((int)fd)) {
	case -1:
		usage_error(_("--fd: file descriptor %s is not open"), word);
	case 0:
		usage_error(_("--fd: file descriptor %s is not a pidfd"), word);
	}
	t.fd = (int)fd;
	return t;
}

static const char *expect_name(const char *s)
{
	if (!*s)
		usage_error(_("--expect-name: empty name"));
	if (strlen(s) > PROC_COMM_MAX)
		usage_error(_("--expect-name: '%s' is longer than the %d bytes the kernel keeps of a name; give '%.*s'"),
			    s, PROC_COMM_MAX, PROC_COMM_MAX, s);
	return s;
}

static int pidfd_send_main(int argc, char **argv)
{
	struct send_ctl c;
	const char **fds;
	size_t nfd = 0;
	int opt, status;

	sendopts_no_negative(argc, argv, &cmd_pidfd_send);
	sendopts_init(&c, argc);
	c.pidfd_only = true;
	fds = xmalloc(sizeof *fds * argc);
	while ((opt = cmd_getopt(argc, argv, &cmd_pidfd_send)) != -1) {
		switch (opt) {
		case OPT_FD:
			fds[nfd++] = optarg;
			break;
		case OPT_SCOPE:
			c.scope = parse_scope(optarg);
			break;
		case OPT_EXPECT_NAME:
			c.expect_name = expect_name(optarg);
			break;
		default:
			sendopts_option(&c, opt, optarg);
		}
	}
	if (optind == argc)
		usage_error(_("missing signal"));
	sendopts_signal(&c, argv[optind++]);
	if (nfd && optind < argc)
		usage_error(_("--fd cannot be combined with PIDs"));
	if (!nfd && optind == argc)
		usage_error(_("missing PID (or --fd)"));
	for (; optind < argc; optind++)
		sendopts_add(&c, sendopts_pid(argv[optind]));
	for (size_t i = 0; i < nfd; i++)
		sendopts_add(&c, fd_target(fds[i]));
	sendopts_check(&c);

	status = send_run(&c);
	free(fds);
	sendopts_free(&c);
	return status;
}

const struct cmd cmd_pidfd_send = {
	.name = "pidfd-send",
	.summary = N_("send a signal through a pidfd (pidfd_send_signal)"),
	.synopsis = pidfd_send_synopsis,
	.description = N_(
"Open each PID as a pidfd (pidfd_open) and send SIG through it\n"
"(pidfd_send_signal); never kill(2). SIG is a name, a number, RTMIN+n or\n"
"RTMAX-n, or 0 to check only that the process exists and may be signalled.\n"
"PID:INODE (the pidfs inode, Linux 6.9+) is refused if that PID is now\n"
"another process. --fd N uses a pidfd the caller passed down instead: it\n"
"must be an open pidfd; the PID in messages comes from /proc/self/fdinfo.\n"
"\n"
"--value INT sends a siginfo with SI_QUEUE, our PID and UID, and INT.\n"
"--scope sets the PIDFD_SIGNAL_* flag (Linux 6.9+): 'thread' opens the PID\n"
"as a thread (PIDFD_THREAD), so it may be any thread ID, and signals that\n"
"thread alone; 'process' signals the thread group; 'process-group' signals\n"
"the process group whose ID is the target's PID, an error if the target\n"
"leads none. --expect-name COMM reads /proc/PID/comm once the pidfd is open\n"
"and refuses the target unless it is exactly COMM (at most 15 bytes, as the\n"
"kernel keeps them), then checks that the pidfd's process is still alive,\n"
"so the name read is the name of the process to be signalled.\n"
"\n"
SENDOPT_HELP_WAIT
"\n"
"On a kernel without pidfds (before 5.3), or without the flags --scope\n"
"needs, each target fails with a message saying so (status 1). Every target\n"
"gets its own message when it fails; the others are still signalled.\n"
"Status 1 wins over 124 when both happen."),
	.opts = pidfd_send_opts,
	.operands = ARG_SIGNAL,
	.later_operands = ARG_PID,
	.exit_status = N_(SENDOPT_EXIT_STATUS),
	.examples = N_(
"  $ sigtool pidfd-send TERM 4242\n"
"  $ sigtool pidfd-send --expect-name nginx HUP $(cat /run/nginx.pid)\n"
"      reload nginx, never another process that got its PID\n"
"  $ sigtool pidfd-send --then 2s:KILL --wait=5s TERM 4242:1234\n"
"  $ sigtool pidfd-send --scope thread USR1 4243\n"
"  $ sigtool pidfd-send --fd 3 TERM 3<some-pidfd\n"),
	.run = pidfd_send_main,
	.locale_on_demand = true,
};
