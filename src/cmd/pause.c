/* pause.c - `sigtool pause`: pause() for the shell, which also says which
 * signal ended it. */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/recv.h"
#include "core/sig.h"

static const struct cmd_opt pause_opts[] = {
	CMD_READY_ROWS(struct recv_ctl, pidfile, ready_fd),
	{ 0 }
};

static const char *const pause_synopsis[] = {
	"[--pidfile=FILE] [--ready-fd=FD]",
	NULL
};

static const struct recv_ctl pause_defaults = {
	.count = 1, .timeout_ns = -1, .format = RECV_NAME, .ready_fd = -1,
};

static int pause_exec(void *ctl, const struct cmd_args *a)
{
	struct recv_ctl *r = ctl;

	(void)a;
	r->set = sig_blockable_mask();
	return recv_run(r);
}

const struct cmd cmd_pause = {
	.name = "pause",
	.summary = N_("sleep until a signal arrives and print its name"),
	.synopsis = pause_synopsis,
	.description = CMD_PARAS(N_(
"Sleep until any signal arrives, print its name, and exit 0: pause(2) for\n"
"the shell, which also says which signal it was. The same as 'sigtool wait\n"
"--any --format name': every signal but KILL and STOP is blocked and taken,\n"
"so none runs its usual action (TERM and INT too are printed, not obeyed),\n"
"and even one whose disposition is to ignore it ends the pause.\n"
"\n"
"--pidfile and --ready-fd tell a script when it may send the signal, as for\n"
"'sigtool wait'. Use 'sigtool wait' for the sender, a time limit or JSON.")),
	.opts = pause_opts,
	.operands = ARG_NONE,
	.ctl_size = sizeof(struct recv_ctl),
	.ctl_init = &pause_defaults,
	.exit_status = N_("  1    the pidfile or output could not be written\n"),
	.examples = N_(
"  $ sigtool pause\n"
"  $ sigtool pause --pidfile paused.pid\n"),
	.exec = pause_exec,
};
