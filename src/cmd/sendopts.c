/* sendopts.c - the command line that `send` and `pidfd-send` share. */
#include "config.h"

#include <stdlib.h>
#include <stdnoreturn.h>

#include "cmd/sendopts.h"
#include "core/msg.h"
#include "core/parse.h"
#include "core/sig.h"
#include "core/util.h"

const struct send_opts sendopts_defaults = {
	.c = { .wait_limit = -1 },
	.scope = -1,
};

/* The core's refusals, in the words of these options. */
static const char *const refusals[SEND_REFUSALS] = {
	[SEND_LEADS_NO_PGRP] = N_("it leads no process group (--scope process-group signals the group whose ID is its PID)"),
	[SEND_NO_SCOPE_FLAGS] = N_("--scope needs PIDFD_SIGNAL_* flags, which this kernel lacks (Linux 6.9+ needed)"),
	[SEND_NO_PIDFD_THREAD] = N_("--scope thread needs PIDFD_THREAD, which this kernel lacks (Linux 6.9+ needed)"),
	[SEND_THREAD_ID] = N_("a thread, not a process (use --scope thread to signal one thread)"),
	[SEND_NAME_NO_PID] = N_("its PID is not visible here, so --expect-name cannot check it; not sent"),
	[SEND_HANDLER_NO_PID] = N_("its PID is not visible here, so --require-handler cannot check it; not sent"),
	[SEND_NO_HANDLER] = N_("has no handler for %s; not signalled (--require-handler)"),
};

int sendopts_option(struct send_opts *o, int id, const union cmd_val *v, struct perr *e)
{
	(void)e;
	if (id == SO_THEN)
		SENDOPT_PUSH(o->c.steps, o->c.nsteps, v->step);
	return 0;
}

void sendopts_given(struct send_opts *o, const struct cmd *cmd, const struct cmd_args *a)
{
	o->c.queue = cmd_given(cmd, a, 'q');
	o->c.wait = cmd_given(cmd, a, SO_WAIT);
}

void sendopts_signal(struct send_opts *o, const char *word)
{
	struct perr e;
	int64_t ns;

	if (parse_signal(word, PS_ALLOW_ZERO, &o->c.signo, &e) == 0)
		return;
	/* "--wait 5s TERM": an optional argument must be attached. */
	if (o->c.wait && o->c.wait_limit < 0 && parse_duration(word, &ns, &(struct perr){ 0 }) == 0)
		usage_error(_("%s (to wait at most %s, write --wait=%s)"), e.msg, word, word);
	usage_error("%s", e.msg);
}

/* A negative number is never a PID: say how its meanings are written. */
static noreturn void pid_error(const char *word, const struct perr *e)
{
	if (word[0] == '-')
		usage_error(_("%s (use --pgid for a process group, --all for every process)"),
			    e->msg);
	usage_error("%s", e->msg);
}

void sendopts_pids(struct send_opts *o, char **words, int n)
{
	for (int i = 0; i < n; i++) {
		struct send_target t;
		struct pid_spec p;
		struct perr e;

		if (parse_pid(words[i], true, &p, &e) < 0)
			pid_error(words[i], &e);
		t = send_target(SEND_PID, p.pid);
		t.has_inode = p.has_inode;
		t.inode = p.inode;
		sendopts_add(o, t);
	}
}

/* Free what parsing and selection took; returns status. */
static int release(struct send_opts *o, int status)
{
	free(o->c.targets);
	free(o->c.steps);
	free(o->pgids);
	free(o->tids);
	free(o->files);
	free(o->fds);
	sel_free(&o->sel.s, o->matches, o->nmatch);
	return status;
}

int sendopts_select(struct send_opts *o, const struct cmd *cmd, const struct cmd_args *a)
{
	selopts_finish(&o->sel, cmd, a);
	o->nmatch = selopts_select(&o->sel, o->c.ntargets > 0, &o->matches);
	if (o->sel.pids)
		return release(o, selopts_print_pids(o->matches, o->nmatch));
	for (long i = 0; i < o->nmatch; i++) {
		struct send_target t = send_target(SEND_PID, o->matches[i].pid);
		t.fd = o->matches[i].fd;
		t.name = o->matches[i].name;
		sendopts_add(o, t);
	}
	return -1;
}

void sendopts_add(struct send_opts *o, struct send_target t)
{
	SENDOPT_PUSH(o->c.targets, o->c.ntargets, t);
}

void sendopts_check(const struct send_opts *o)
{
	char nb[SIG_NAME_MAX];

	if (o->c.require_handler && o->c.signo == 0)
		usage_error(_("--require-handler needs a signal that can be caught, not 0"));
	if (o->c.require_handler && !sig_catchable(o->c.signo))
		usage_error(_("--require-handler: %s can never be caught, so every target would be skipped"),
			    sig_name(o->c.signo, nb));
}

int sendopts_run(struct send_opts *o)
{
	int status;

	o->c.refusal = refusals;
	status = send_run(&o->c);
	if (status < 0)
		die(EXIT_FAILURE, _("--wait and --then need pidfds, which this kernel lacks (Linux 5.3+ needed); nothing was sent"));
	return release(o, status);
}
