/* describe.c - `sigtool describe`: strsignal, default actions, special rules,
 * and decoding of shell exit statuses. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "core/exitstatus.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/parse.h"
#include "core/sig.h"
#include "core/sigjson.h"
#include "core/util.h"

enum { OPT_JSON = 256 };

struct describe_ctl {
	bool json, status;
};

static const struct cmd_opt describe_opts[] = {
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("output a JSON array, one object per argument"),
	  CMD_AT(struct describe_ctl, json) },
	{ 's', "status", no_argument, ARG_NUMBER, NULL, NULL,
	  N_("the arguments are exit statuses ($?) to decode"),
	  CMD_AT(struct describe_ctl, status) },
	{ 0 }
};

static const char *const describe_synopsis[] = {
	"[--json] SIG...",
	"[--json] --status N...",
	NULL
};

/* ---- signals ---------------------------------------------------------- */

static const char *yes_no(bool b)
{
	return b ? _("yes") : _("no");
}

/* "  LABEL" padded to 18 display columns: a translated label may hold
 * letters two columns wide (Hangul) or of several bytes (ação). Returns
 * the column where the value starts. */
static size_t put_label(const char *label)
{
	size_t w = out_width(label);

	out_puts("  ");
	out_puts(label);
	for (; w < 16; w++)
		out_putc(' ');
	return 2 + w;
}

static void describe_text(int signo)
{
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];
	const char *const *al = sig_aliases(signo);
	enum sig_action a = sig_default_action(signo);
	bool c = sig_catchable(signo);
	const char *note = sig_note(signo);

	out_printf("%s (%d): %s\n", sig_name(signo, nb), signo, sig_describe(signo, db));
	put_label(_("aliases:"));
	if (!*al)
		out_puts(_("none"));
	for (; *al; al++)
		out_printf("%s%s", *al, al[1] ? ", " : "");
	out_putc('\n');
	put_label(_("default action:"));
	out_printf("%s (%s)\n", sig_action_name(a), sig_action_text(a));
	put_label(_("can be caught:"));
	out_printf("%s\n", yes_no(c));
	put_label(_("can be blocked:"));
	out_printf("%s\n", yes_no(c));
	put_label(_("can be ignored:"));
	out_printf("%s\n", yes_no(c));
	if (note)
		out_prose(note, put_label(_("note:")));
}

static void describe_json(int signo)
{
	bool first = true, c = sig_catchable(signo);

	out_putc('{');
	json_signal_fields(&first, signo);
	json_key(&first, "aliases");
	out_putc('[');
	for (const char *const *al = sig_aliases(signo); *al; al++) {
		json_str(*al);
		if (al[1])
			out_putc(',');
	}
	out_putc(']');
	json_key(&first, "catchable");
	out_puts(c ? "true" : "false");
	json_key(&first, "blockable");
	out_puts(c ? "true" : "false");
	json_key(&first, "ignorable");
	out_puts(c ? "true" : "false");
	json_key(&first, "note");
	json_str(sig_note_c(signo));
	out_putc('}');
}

/* ---- exit statuses ---------------------------------------------------- */

static void status_json(long long st)
{
	struct exit_meaning m;
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];
	bool first = true;

	exit_status_decode_c(st, &m);
	out_putc('{');
	json_key(&first, "status");
	out_printf("%lld", st);
	json_key(&first, "kind");
	json_str(m.kind);
	json_key(&first, "signo");
	if (m.signo)
		out_uint(m.signo);
	else
		out_puts("null");
	json_key(&first, "name");
	json_str(m.signo ? sig_name(m.signo, nb) : NULL);
	json_key(&first, "description");
	json_str(m.signo ? sig_describe_c(m.signo, db) : NULL);
	json_key(&first, "text");
	json_str(m.text);
	if (m.cause) {
		json_key(&first, "cause");
		json_str(m.cause);
	}
	out_putc('}');
}

static void status_text(long long st)
{
	struct exit_meaning m;

	char head[32];
	size_t col;

	exit_status_decode(st, &m);
	col = (size_t)snprintf(head, sizeof head, "%lld: ", st);
	out_puts(head);
	out_prose(m.text, col);
	if (m.cause_text) {
		out_printf("%*s", (int)col, "");
		out_prose(m.cause_text, col);
	}
}

static void print_one(const struct describe_ctl *d, int i, long long v)
{
	if (d->json) {
		out_puts(i ? ",\n " : "\n ");
		if (d->status)
			status_json(v);
		else
			describe_json((int)v);
	} else if (d->status) {
		status_text(v);
	} else {
		if (i)
			out_putc('\n');
		describe_text((int)v);
	}
}

static int describe_exec(void *ctl, const struct cmd_args *a)
{
	const struct describe_ctl *d = ctl;
	const struct cmd_opt *kind = d->status
		? &(const struct cmd_opt){ .kind = ARG_NUMBER, .name = _("exit status"),
					   .min = 0, .max = INT_MAX }
		: CMD_ARG(ARG_SIGNAL, 0);
	long long *vals;

	/* what the operands are, and so what is missing, depends on --status */
	cmd_need_args(a, 1, CMD_MANY, d->status ? N_("exit status") : N_("signal"));
	/* Parse everything first: a bad word prints nothing. */
	vals = xmalloc(sizeof *vals * a->nargs);
	for (int i = 0; i < a->nargs; i++) {
		union cmd_val v;
		long long n;
		if (!d->status && parse_int(a->args[i], 129, 255, &n, "", &(struct perr){ 0 }) == 0)
			usage_error(_("'%s' is not a signal; for an exit status use 'sigtool describe --status %s'"),
				    a->args[i], a->args[i]);
		v = cmd_operand(kind, a->args[i]);
		vals[i] = d->status ? v.num : v.i;
	}
	if (d->json)
		out_putc('[');
	for (int i = 0; i < a->nargs; i++)
		print_one(d, i, vals[i]);
	if (d->json)
		out_puts("\n]\n");
	free(vals);
	return EXIT_SUCCESS;
}

const struct cmd cmd_describe = {
	.name = "describe",
	.alias = "strsignal",
	.summary = N_("describe signals, or decode exit statuses"),
	.synopsis = describe_synopsis,
	.description = CMD_PARAS(N_(
"For each SIG, print its number and name, its aliases, its description\n"
"(strsignal), its default action, whether it can be caught, blocked and\n"
"ignored, and a note where Linux gives it special rules.\n"
"\n"
"With --status, decode each N as a shell exit status ($?): 0 success, 1-125\n"
"an exit status (124 and 125 as timeout(1) uses them), 126 not executable,\n"
"127 not found, 128+n killed by signal n. A shell cannot tell a death by\n"
"signal n from exit(128+n); the text says so. The JSON 'kind' is one of\n"
"success, exited, not-executable, not-found, signal, out-of-range."),
N_(
"\n\n"
"With --status, a second line names what most often sends a few signals, and\n"
"the JSON adds 'cause' (absent for every other status): 129 hangup (terminal\n"
"gone), 130 interrupt (Ctrl-C), 134 abort (abort(), assert()), 137 oom-killer\n"
"(see 'dmesg' or 'journalctl -k'), 139 segfault, 141 closed-pipe (the reader\n"
"of '| head' gone), 143 terminated (a service manager's stop, or kill's\n"
"default). It is the usual sender only: the signal may have come from\n"
"elsewhere.\n"),
CMD_PROSE_HELP),
	.opts = describe_opts,
	.operands = ARG_SIGNAL,
	.max_args = CMD_MANY,
	.ctl_size = sizeof(struct describe_ctl),
	.exit_status = N_("  1    output could not be written\n"),
	.examples = N_(
"  $ sigtool describe TERM\n"
"  $ sigtool strsignal 9 chld rtmin+1\n"
"  $ sigtool describe --status 143\n"
"  $ sleep 100; sigtool describe --status $?\n"),
	.exec = describe_exec,
};
