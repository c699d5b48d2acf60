/* exitstatus.c - the conventions of exit statuses (0, 1, 2, 124-127,
 * 128+n): one table for the main --help, every verb's --help and
 * `describe --status`. */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "exitstatus.h"
#include "i18n.h"
#include "sig.h"

const struct exit_convention exit_conventions[] = {
	{ 0, "0", N_("success"), N_("success"), "success", N_("success") },
	{ 1, "1", N_("the operation failed (e.g. a target does not exist)"), NULL,
	  "exited", NULL },
	{ 2, "2", N_("usage error: bad option, signal, PID or duration; nothing was done"),
	  N_("usage error: bad option, signal or argument; nothing was done"),
	  "exited", NULL },
	{ 124, "124", N_("a time limit expired"), NULL, "exited",
	  N_("exited with status 124; by convention a time limit expired (timeout, sigtool)") },
	{ 125, "125", N_("sigtool itself failed before running COMMAND"), NULL, "exited",
	  N_("exited with status 125; by convention the tool failed before running COMMAND (timeout, env, sigtool)") },
	{ 126, "126", N_("COMMAND found but not executable"), NULL, "not-executable",
	  N_("command found but not executable (or it exited with 126)") },
	{ 127, "127", N_("COMMAND not found"), NULL, "not-found",
	  N_("command not found (or it exited with 127)") },
	{ 128, "128+n", N_("COMMAND (or sigtool, in raise) was ended by signal n"), NULL,
	  "signal", NULL },
	{ 0 }
};

const struct exit_convention *exit_convention(int status)
{
	if (status > 128)
		status = 128;
	for (const struct exit_convention *x = exit_conventions; x->label; x++)
		if (x->status == status)
			return x;
	return NULL;
}

/* What most often sends a signal that ends a program. "often": a program
 * may also have exited with 128+n itself, or been sent the signal by
 * hand; the texts stay short and claim no more. */
static const struct exit_cause {
	int signo;
	const char *cause, *text;
} exit_causes[] = {
	{ SIGHUP, "hangup",
	  N_("often its terminal went away: a closed terminal window or a dropped SSH connection") },
	{ SIGINT, "interrupt", N_("often Ctrl-C typed at a terminal") },
	{ SIGABRT, "abort",
	  N_("often abort(): a failed assert() or a fatal error found by a library (e.g. glibc's heap checks)") },
	{ SIGKILL, "oom-killer",
	  N_("often the OOM killer, when memory ran out: see 'dmesg' or 'journalctl -k'") },
	{ SIGSEGV, "segfault", N_("often a bug: an invalid memory access (segmentation fault)") },
	{ SIGPIPE, "closed-pipe",
	  N_("often a closed pipe: it wrote after its reader had gone (e.g. the reader of '| head')") },
	{ SIGTERM, "terminated",
	  N_("often a request to stop: a service manager (systemctl stop, docker stop) or kill's default signal") },
	{ 0, NULL, NULL }
};

static void find_cause(struct exit_meaning *m, bool people)
{
	m->cause = m->cause_text = NULL;
	for (const struct exit_cause *c = exit_causes; m->signo && c->cause; c++)
		if (c->signo == m->signo) {
			m->cause = c->cause;
			m->cause_text = people ? _(c->text) : c->text;
		}
}

/* people: in the language of the messages, else in English (JSON). */
static void decode(long long st, struct exit_meaning *m, bool people)
{
	const struct exit_convention *x = st >= 0 && st <= 255 ? exit_convention(st) : NULL;
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];
#define T(s) (people ? _(s) : (s))

	m->signo = 0;
	m->kind = x ? x->kind : "exited";
	if (x && x->decoded)
		snprintf(m->text, sizeof m->text, "%s", T(x->decoded));
	else if (st < 126)
		snprintf(m->text, sizeof m->text, T(N_("exited with status %lld (failure)")), st);
	else if ((m->signo = sig_from_status(st)))
		snprintf(m->text, sizeof m->text, T(N_("killed by signal %d, %s (%s), or it exited with %lld")),
			 m->signo, sig_name(m->signo, nb),
			 people ? sig_describe(m->signo, db) : sig_describe_c(m->signo, db), st);
	else if (st <= 255) {
		m->kind = "exited";
		snprintf(m->text, sizeof m->text, T(N_("exited with status %lld (128+%lld is not a signal)")),
			 st, st - 128);
	} else {
		m->kind = "out-of-range";
		snprintf(m->text, sizeof m->text,
			 T(N_("not an exit status: they range from 0 to 255; exit(%lld) is seen as %lld")),
			 st, st & 255);
	}
	find_cause(m, people);
#undef T
}

void exit_status_decode(long long st, struct exit_meaning *m)
{
	decode(st, m, true);
}

void exit_status_decode_c(long long st, struct exit_meaning *m)
{
	decode(st, m, false);
}
