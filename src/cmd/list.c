/* list.c - `sigtool list`: valid_signals as a table, and kill -l conversions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/parse.h"
#include "core/sig.h"
#include "core/sigjson.h"
#include "core/util.h"

enum { OPT_JSON = 256, OPT_NO_HEADER, OPT_FORMAT };
/* the first three in the order of --format's choices */
enum list_format { FMT_TABLE, FMT_NAMES, FMT_NUMBERS, FMT_CONVERT, FMT_JSON };

struct list_ctl {
	int format;             /* enum list_format */
	bool json, no_header;
	int nsigs;
	int *sigs;
	bool *given_as_number;  /* conversion prints the other form */
};

static const struct cmd_opt list_opts[] = {
	{ OPT_FORMAT, "format", required_argument, ARG_CHOICE, "FORMAT", "table|names|numbers",
	  N_("output a table, names only or numbers only"), CMD_AT(struct list_ctl, format) },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("output a JSON array of signal objects"), CMD_AT(struct list_ctl, json) },
	{ OPT_NO_HEADER, "no-header", no_argument, ARG_NONE, NULL, NULL,
	  N_("do not print the table's header line"), CMD_AT(struct list_ctl, no_header) },
	{ 0 }
};

static const struct list_ctl list_defaults = { .format = FMT_CONVERT };

static const char *const list_synopsis[] = {
	"[--json] [--no-header] [--format=FORMAT] [SIG]...",
	NULL
};

/* A word of `list`: a name, a number, or an exit status 128+n (kill -l 143). */
static int list_signal_arg(const char *word, bool *as_number)
{
	struct perr e;
	long long n;
	int signo;

	*as_number = c_isdigit(word[0]);
	if (word[0] == '0' && (word[1] == 'x' || word[1] == 'X'))
		usage_error(_("'%s' is a mask, not a signal (use 'sigtool mask --decode %s')"),
			    word, word);
	if (*as_number && parse_int(word, 1, 1LL << 40, &n, _("signal number"), &e) == 0
	    && n > 128) {
		if (!(signo = sig_from_status(n)))
			usage_error(_("'%s' is neither a signal number nor 128 plus one"), word);
		return signo;
	}
	return cmd_operand(CMD_ARG(ARG_SIGNAL, 0), word).i;
}

/* The columns are known in advance, so rows go straight out: this is the
 * verb people run most, and it must cost no more than kill -L. */
static void print_table(const struct list_ctl *ctl)
{
	const char *h[] = { _("NUM"), _("NAME"), _("ACTION"), _("DESCRIPTION") };
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX], num[24];
	size_t w[3] = { 0, 0, 4 };      /* Term, Core, Stop, Cont */

	for (int i = 0; i < ctl->nsigs; i++) {
		size_t n = sig_name_len(ctl->sigs[i]);
		if (n > w[1])
			w[1] = n;
		n = ctl->sigs[i] >= 10 ? 2 : 1;         /* signals stay below 100 */
		if (n > w[0])
			w[0] = n;
	}
	if (!ctl->no_header) {
		for (int c = 0; c < 3; c++)
			if (out_width(h[c]) > w[c])
				w[c] = out_width(h[c]);
		for (int c = 0; c < 3; c++)
			out_field(h[c], w[c], c == 0);
		out_puts(h[3]);
		out_putc('\n');
	}
	for (int i = 0; i < ctl->nsigs; i++) {
		int s = ctl->sigs[i];
		const char *num_s = fmt_uint(num, s), *act = sig_action_name(sig_default_action(s));
		size_t nl = num + sizeof num - 1 - num_s, sl = sig_name_len(s), al = strlen(act);

		/* numbers, names and actions are ASCII: width = length */
		out_field_n(num_s, nl, nl, w[0], true);
		out_field_n(sig_name(s, nb), sl, sl, w[1], false);
		out_field_n(act, al, al, w[2], false);
		out_puts(sig_describe(s, db));
		out_putc('\n');
	}
}

static void print_json(const struct list_ctl *ctl)
{
	out_putc('[');
	for (int i = 0; i < ctl->nsigs; i++) {
		bool first = true;
		out_puts(i ? ",\n {" : "\n {");
		json_signal_fields(&first, ctl->sigs[i]);
		out_putc('}');
	}
	out_puts("\n]\n");
}

static void print_words(const struct list_ctl *ctl)
{
	char nb[SIG_NAME_MAX];

	for (int i = 0; i < ctl->nsigs; i++) {
		int s = ctl->sigs[i];
		bool number = ctl->format == FMT_NUMBERS
			      || (ctl->format == FMT_CONVERT && !ctl->given_as_number[i]);
		if (number)
			out_uint(s);
		else
			out_puts(sig_name(s, nb));
		out_putc('\n');
	}
}

static void print(const struct list_ctl *ctl)
{
	switch (ctl->format) {
	case FMT_TABLE:
		print_table(ctl);
		break;
	case FMT_JSON:
		print_json(ctl);
		break;
	default:
		print_words(ctl);
		break;
	}
}

static int list_exec(void *ctl_, const struct cmd_args *a)
{
	struct list_ctl *ctl = ctl_;
	int n = a->nargs, few_sigs[64];
	bool few_numbers[64];

	if (ctl->json && cmd_given(&cmd_list, a, OPT_FORMAT))
		usage_error(_("--json and --format cannot be used together"));
	if (ctl->json)
		ctl->format = FMT_JSON;
	/* the table of every signal, the common case, needs no allocation */
	ctl->sigs = n <= 64 ? few_sigs : xmalloc(sizeof *ctl->sigs * n);
	ctl->given_as_number = n <= 64 ? few_numbers : xmalloc(sizeof *ctl->given_as_number * n);
	/* Parse every operand before printing, so a bad one prints nothing. */
	for (int i = 0; i < n; i++)
		ctl->sigs[i] = list_signal_arg(a->args[i], &ctl->given_as_number[i]);
	ctl->nsigs = n;
	if (!n) {
		for (int s = sig_first(); s; s = sig_next(s))
			ctl->sigs[ctl->nsigs++] = s;
		if (ctl->format == FMT_CONVERT)
			ctl->format = FMT_TABLE;
	}
	print(ctl);
	if (ctl->sigs != few_sigs) {
		free(ctl->sigs);
		free(ctl->given_as_number);
	}
	return EXIT_SUCCESS;
}

const struct cmd cmd_list = {
	.name = "list",
	.summary = N_("list the valid signals; convert names to numbers and back"),
	.synopsis = list_synopsis,
	.description = CMD_PARAS(N_(
"With no SIG, print every valid signal (exactly those of valid_signals():\n"
"1-31 and RTMIN to RTMAX; never 32 and 33, which glibc keeps for itself) with\n"
"its number, name, default action and description. With SIG arguments,\n"
"print the name of each number and the number of each name, as 'kill -l'\n"
"does; a number above 128 is read as a shell exit status 128+n.\n"
"\n"
"Names are printed without the SIG prefix; real-time signals as RTMIN+n for\n"
"the lower half and RTMAX-n for the upper half, as bash prints them. Input\n"
"names are case-insensitive, with or without SIG, and may be numbers,\n"
"RTMIN+n, RTMAX-n, RT<n> or the aliases IOT, CLD and POLL.\n"
"\n"
"Default actions are those of signal(7): Term, Core (terminate and dump\n"
"core), Ign, Stop and Cont. In --json, descriptions are glibc's untranslated\n"
"English ones, stable for scripts; the table uses strsignal() in the locale.")),
	.opts = list_opts,
	.operands = ARG_SIGNAL,
	.max_args = CMD_MANY,
	.ctl_size = sizeof(struct list_ctl),
	.ctl_init = &list_defaults,
	.exit_status = N_("  1    output could not be written\n"),
	.examples = N_(
"  $ sigtool list\n"
"  $ sigtool list 15 TERM 143 rtmin+2\n"
"  $ sigtool list --format names\n"
"  $ sigtool list --json | jq -r '.[] | select(.default_action == \"Ign\").name'\n"),
	.exec = list_exec,
};
