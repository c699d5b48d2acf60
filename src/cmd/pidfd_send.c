/* pidfd_send.c - `sigtool pidfd-send`: pidfd_open and pidfd_send_signal,
 * with PIDFD_SIGNAL_* scopes, inherited pidfds and name checks. */
#include "config.h"

#include <stdio.h>
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
	{ OPT_FD, "fd", required_argument, ARG_FD, "N", NULL,
	  N_("use the inherited pidfd N, not PIDs; repeatable") },
	SENDOPT_VALUE_ROW,
	/* the choices in the order of enum send_scope, after SCOPE_DEFAULT */
	{ OPT_SCOPE, "scope", required_argument, ARG_CHOICE, "SCOPE", "thread|process|process-group",
	  N_("thread, process or process-group (Linux 6.9+)"), CMD_AT(struct send_opts, scope) },
	{ OPT_EXPECT_NAME, "expect-name", required_argument, ARG_TEXT, "COMM", NULL,
	  N_("refuse (status 1) a target not named COMM") },
	SENDOPT_ROWS,
#define SELOPT_TYPE struct send_opts
	SELECT_ROWS,
	{ 0 }
};

_Static_assert(SCOPE_THREAD == SCOPE_DEFAULT + 1 && SCOPE_PROCESS == SCOPE_DEFAULT + 2
	       && SCOPE_PGRP == SCOPE_DEFAULT + 3, "--scope's choices follow enum send_scope");

static const char *const pidfd_send_synopsis[] = {
	"[OPTION]... SIG PID[:INODE]...",
	"[OPTION]... --fd N SIG",
	NULL
};

/* A name must be one the kernel can hold: checked before anything is
 * sent, like every other argument. */
static int pidfd_send_option(void *ctl, int id, const union cmd_val *v, struct perr *e)
{
	struct send_opts *o = ctl;

	switch (id) {
	case OPT_FD:
		SENDOPT_PUSH(o->fds, o->nfd, v->i);
		return 0;
	case OPT_EXPECT_NAME:
		if (!*v->str)
			return perr_set(e, _("--expect-name: empty name"));
		if (strlen(v->str) > PROC_COMM_MAX)
			return perr_set(e, _("--expect-name: '%s' is longer than the %d bytes the kernel keeps of a name; give '%.*s'"),
				    v->str, PROC_COMM_MAX, PROC_COMM_MAX, v->str);
		o->c.expect_name = v->str;
		return 0;
	}
	return sendopts_option(o, id, v, e);
}

/* An inherited descriptor (the table has checked that it is open) must be
 * a pidfd. */
static void add_fds(struct send_opts *o)
{
	for (size_t i = 0; i < o->nfd; i++) {
		struct send_target t = send_target(SEND_PIDFD, 0);
		if (pfd_is_pidfd(o->fds[i]) != 1)
			usage_error(_("--fd: file descriptor %d is not a pidfd"), o->fds[i]);
		t.fd = o->fds[i];
		sendopts_add(o, t);
	}
}

static int pidfd_send_exec(void *ctl, const struct cmd_args *a)
{
	struct send_opts *o = ctl;
	int rc;

	sendopts_given(o, &cmd_pidfd_send, a);
	o->c.pidfd_only = true;
	o->c.scope = SCOPE_DEFAULT + 1 + o->scope;
	sendopts_signal(o, a->args[0]);
	if (o->nfd && a->nargs > 1)
		usage_error(_("--fd cannot be combined with PIDs"));
	if (!o->nfd && a->nargs == 1 && !selopts_active(&o->sel))
		usage_error(_("missing PID (or --fd)"));
	sendopts_pids(o, a->args + 1, a->nargs - 1);
	if ((rc = sendopts_select(o, &cmd_pidfd_send, a)) >= 0)
		return rc;
	add_fds(o);
	sendopts_check(o);
	return sendopts_run(o);
}

const struct cmd cmd_pidfd_send = {
	.name = "pidfd-send",
	.summary = N_("send a signal through a pidfd (pidfd_send_signal)"),
	.synopsis = pidfd_send_synopsis,
	.description = CMD_PARAS(N_(
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
"\n"),
SENDOPT_HELP_WAIT,
N_("\n"
"On a kernel without pidfds (before 5.3), or without the flags --scope\n"
"needs, each target fails with a message saying so (status 1). Every target\n"
"gets its own message when it fails; the others are still signalled.\n"
"Status 1 wins over 124 when both happen.\n"
"\n"),
SELOPT_HELP),
	.opts = pidfd_send_opts,
	.operands = ARG_SIGNAL,
	.later_operands = ARG_PID,
	.min_args = 1,
	.max_args = CMD_MANY,
	.args_name = N_("signal"),
	.negative_operands = true,
	.ctl_size = sizeof(struct send_opts),
	.ctl_init = &sendopts_defaults,
	.option = pidfd_send_option,
	.exit_status = SENDOPT_EXIT_STATUS,
	.examples = N_(
"  $ sigtool pidfd-send TERM 4242\n"
"  $ sigtool pidfd-send --expect-name nginx HUP $(cat /run/nginx.pid)\n"
"      reload nginx, never another process that got its PID\n"
"  $ sigtool pidfd-send --then 2s:KILL --wait=5s TERM 4242:1234\n"
"  $ sigtool pidfd-send --scope thread USR1 4243\n"
"  $ sigtool pidfd-send --fd 3 TERM 3<some-pidfd\n"),
	.exec = pidfd_send_exec,
	.locale_on_demand = true,
};
