/* sendopts.c - the command line that `send` and `pidfd-send` share. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>

#include "cmd/sendopts.h"
#include "core/msg.h"
#include "core/parse.h"
#include "core/sig.h"
#include "core/util.h"

void sendopts_init(struct send_ctl *c, int argc)
{
	*c = (struct send_ctl){ .wait_limit = -1 };
	/* Every word adds at most one target or step. */
	c->targets = xmalloc(sizeof *c->targets * argc);
	c->steps = xmalloc(sizeof *c->steps * argc);
}

void sendopts_free(struct send_ctl *c)
{
	free(c->targets);
	free(c->steps);
}

void sendopts_no_negative(int argc, char **argv, const struct cmd *cmd)
{
	int i = cmd_negative_operand(argc, argv, cmd);
	struct pid_spec p;
	struct perr e;

	if (i && parse_pid(argv[i], true, &p, &e) < 0)
		usage_error("%s", e.msg);
}

bool sendopts_option(struct send_ctl *c, int id, const char *arg)
{
	struct perr e;
	long long v;

	switch (id) {
	case 'q':
		if (parse_int(arg, INT_MIN, INT_MAX, &v, _("--value"), &e) < 0)
			usage_error("%s", e.msg);
		c->queue = true;
		c->value = (int)v;
		return true;
	case SO_WAIT:
		c->wait = true;
		c->wait_limit = -1;
		if (arg && parse_duration(arg, &c->wait_limit, &e) < 0)
			usage_error(_("--wait: %s"), e.msg);
		return true;
	case SO_THEN:
		if (send_parse_step(arg, &c->steps[c->nsteps], &e) < 0)
			usage_error("%s", e.msg);
		c->nsteps++;
		return true;
	case 'r':
		c->require_handler = true;
		return true;
	case 'v':
		c->verbose = true;
		return true;
	case SO_JSON:
		c->json = true;
		return true;
	case 'n':
		c->dry_run = true;
		return true;
	}
	return false;
}

void sendopts_signal(struct send_ctl *c, const char *word)
{
	struct perr e;

	int64_t ns;

	if (parse_signal(word, PS_ALLOW_ZERO, &c->signo, &e) == 0)
		return;
	/* "--wait 5s TERM": an optional argument must be attached. */
	if (c->wait && c->wait_limit < 0 && parse_duration(word, &ns, &(struct perr){ 0 }) == 0)
		usage_error(_("%s (to wait at most %s, write --wait=%s)"), e.msg, word, word);
	usage_error("%s", e.msg);
}

struct send_target sendopts_pid(const char *word)
{
	struct send_target t;
	struct pid_spec p;
	struct perr e;

	if (parse_pid(word, true, &p, &e) < 0)
		usage_error("%s", e.msg);
	t = send_target(SEND_PID, p.pid);
	t.has_inode = p.has_inode;
	t.inode = p.inode;
	return t;
}

void sendopts_add(struct send_ctl *c, struct send_target t)
{
	c->targets[c->ntargets++] = t;
}

void sendopts_check(const struct send_ctl *c)
{
	char nb[SIG_NAME_MAX];

	if (c->require_handler && c->signo == 0)
		usage_error(_("--require-handler needs a signal that can be caught, not 0"));
	if (c->require_handler && !sig_catchable(c->signo))
		usage_error(_("--require-handler: %s can never be caught, so every target would be skipped"),
			    sig_name(c->signo, nb));
}
