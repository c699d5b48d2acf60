/* describe.c - `sigtool describe`: strsignal, default actions, special rules,
 * and decoding of shell exit statuses. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/parse.h"
#include "core/sig.h"
#include "core/sigjson.h"
#include "core/util.h"

enum { OPT_JSON = 256 };

static const struct cmd_opt describe_opts[] = {
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("output a JSON array, one object per argument") },
	{ 's', "status", no_argument, ARG_NUMBER, NULL, NULL,
	  N_("the arguments are exit statuses ($?) to decode") },
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

static void describe_text(int signo)
{
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];
	const char *const *al = sig_aliases(signo);
	enum sig_action a = sig_default_action(signo);
	bool c = sig_catchable(signo);
	const char *note = sig_note(signo);

	out_printf("%s (%d): %s\n", sig_name(signo, nb), signo, sig_describe(signo, db));
	out_printf("  %-16s", _("aliases:"));
	if (!*al)
		out_puts(_("none"));
	for (; *al; al++)
		out_printf("%s%s", *al, al[1] ? ", " : "");
	out_putc('\n');
	out_printf("  %-16s%s (%s)\n", _("default action:"), sig_action_name(a), sig_action_text(a));
	out_printf("  %-16s%s\n", _("can be caught:"), yes_no(c));
	out_printf("  %-16s%s\n", _("can be blocked:"), yes_no(c));
	out_printf("  %-16s%s\n", _("can be ignored:"), yes_no(c));
	if (note)
		out_printf("  %-16s%s\n", _("note:"), note);
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
	json_str(sig_note(signo));
	out_putc('}');
}

/* ---- exit statuses ---------------------------------------------------- */

struct status_meaning {
	const char *kind;       /* stable word for scripts */
	int signo;              /* for kind "signal" */
	char text[256];
};

static void decode_status(long long st, struct status_meaning *m)
{
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];

	m->signo = 0;
	if (st == 0) {
		m->kind = "success";
		snprintf(m->text, sizeof m->text, "%s", _("success"));
	} else if (st == 124 || st == 125) {
		m->kind = "exited";
		snprintf(m->text, sizeof m->text, "%s", st == 124
			 ? _("exited with status 124; by convention a time limit expired (timeout, sigtool)")
			 : _("exited with status 125; by convention the tool failed before running COMMAND (timeout, env, sigtool)"));
	} else if (st < 126) {
		m->kind = "exited";
		snprintf(m->text, sizeof m->text, _("exited with status %lld (failure)"), st);
	} else if (st == 126) {
		m->kind = "not-executable";
		snprintf(m->text, sizeof m->text, "%s", _("command found but not executable (or it exited with 126)"));
	} else if (st == 127) {
		m->kind = "not-found";
		snprintf(m->text, sizeof m->text, "%s", _("command not found (or it exited with 127)"));
	} else if ((m->signo = sig_from_status(st))) {
		m->kind = "signal";
		snprintf(m->text, sizeof m->text, _("killed by signal %d, %s (%s), or it exited with %lld"),
			 m->signo, sig_name(m->signo, nb), sig_describe(m->signo, db), st);
	} else if (st <= 255) {
		m->kind = "exited";
		snprintf(m->text, sizeof m->text, _("exited with status %lld (128+%lld is not a signal)"),
			 st, st - 128);
	} else {
		m->kind = "out-of-range";
		snprintf(m->text, sizeof m->text,
			 _("not an exit status: they range from 0 to 255; exit(%lld) is seen as %lld"),
			 st, st & 255);
	}
}

static void status_json(long long st)
{
	struct status_meaning m;
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];
	bool first = true;

	decode_status(st, &m);
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
	out_putc('}');
}

static int describe_run(int argc, char **argv)
{
	bool json = false, status = false;
	struct perr e;
	int c, n;

	while ((c = cmd_getopt(argc, argv, &cmd_describe)) != -1) {
		switch (c) {
		case OPT_JSON:
			json = true;
			break;
		case 's':
			status = true;
			break;
		}
	}
	n = argc - optind;
	if (n == 0)
		usage_error(status ? _("missing exit status") : _("missing signal"));

	/* Parse everything first: a bad word prints nothing. */
	long long *vals = xmalloc(sizeof *vals * n);
	for (int i = 0; i < n; i++) {
		int signo;
		if (status) {
			if (parse_int(argv[optind + i], 0, INT_MAX, &vals[i], _("exit status"), &e) < 0)
				usage_error("%s", e.msg);
		} else {
			if (parse_signal(argv[optind + i], 0, &signo, &e) < 0)
				usage_error("%s", e.msg);
			vals[i] = signo;
		}
	}

	if (json)
		out_putc('[');
	for (int i = 0; i < n; i++) {
		if (json) {
			out_puts(i ? ",\n " : "\n ");
			if (status)
				status_json(vals[i]);
			else
				describe_json((int)vals[i]);
		} else if (status) {
			struct status_meaning m;
			decode_status(vals[i], &m);
			out_printf("%lld: %s\n", vals[i], m.text);
		} else {
			if (i)
				out_putc('\n');
			describe_text((int)vals[i]);
		}
	}
	if (json)
		out_puts("\n]\n");
	free(vals);
	return EXIT_SUCCESS;
}

const struct cmd cmd_describe = {
	.name = "describe",
	.alias = "strsignal",
	.summary = N_("describe signals, or decode exit statuses"),
	.synopsis = describe_synopsis,
	.description = N_(
"For each SIG, print its number and name, its aliases, its description\n"
"(strsignal), its default action, whether it can be caught, blocked and\n"
"ignored, and a note where Linux gives it special rules.\n"
"\n"
"With --status, decode each N as a shell exit status ($?): 0 success, 1-125\n"
"an exit status (124 and 125 as timeout(1) uses them), 126 not executable,\n"
"127 not found, 128+n killed by signal n. A shell cannot tell a death by\n"
"signal n from exit(128+n); the text says so. The JSON 'kind' is one of\n"
"success, exited, not-executable, not-found, signal, out-of-range."),
	.opts = describe_opts,
	.operands = ARG_SIGNAL,
	.exit_status = N_("  1    output could not be written\n"),
	.examples = N_(
"  $ sigtool describe TERM\n"
"  $ sigtool strsignal 9 chld rtmin+1\n"
"  $ sigtool describe --status 143\n"
"  $ sleep 100; sigtool describe --status $?\n"),
	.run = describe_run,
};
