/* cmd.c - the verb table, option parsing, --help and completion from it. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "core/exitstatus.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/sig.h"
#include "core/util.h"

/* The one table. Order is the order of `sigtool --help`. */
const struct cmd *const cmd_table[] = {
	&cmd_list,
	&cmd_describe,
	&cmd_send,
	&cmd_pidfd_send,
	&cmd_raise,
	&cmd_wait,
	&cmd_pause,
	&cmd_catch,
	&cmd_mask,
	&cmd_pending,
	&cmd_status,
	&cmd_timer,
	&cmd_timeout,
	&cmd_demo,
	&cmd_trace,
	NULL,
};

const struct cmd *cmd_find(const char *name)
{
	for (const struct cmd *const *c = cmd_table; *c; c++)
		if (!strcmp(name, (*c)->name) || ((*c)->alias && !strcmp(name, (*c)->alias)))
			return *c;
	return NULL;
}

/* Levenshtein distance, for "did you mean" on verbs (short words only). */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[32];

	if (la >= 32 || lb >= 32)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
		}
	}
	return row[lb];
}

void cmd_nearest(const char *name, const char *out[4])
{
	size_t n = 0;
	int bestd = 3;

	/* the verbs that the word starts ("desc": describe; "p": three) */
	for (const struct cmd *const *c = cmd_table; *c && n < 3; c++)
		if (*name && !strncmp(name, (*c)->name, strlen(name)))
			out[n++] = (*c)->name;
	for (const struct cmd *const *c = cmd_table; *c && !n; c++) {
		const char *cands[] = { (*c)->name, (*c)->alias };
		for (size_t i = 0; i < ARRAY_SIZE(cands); i++) {
			int d = cands[i] ? distance(name, cands[i]) : 99;
			if (d < bestd)
				bestd = d, out[0] = (*c)->name;
		}
	}
	if (!n && bestd < 3)
		n = 1;
	out[n] = NULL;
	/* alphabetical, as a person scans them */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(out[j - 1], out[j]) > 0; j--) {
			const char *t = out[j];
			out[j] = out[j - 1], out[j - 1] = t;
		}
}

union cmd_val cmd_operand(const struct cmd_opt *o, const char *word)
{
	union cmd_val v;
	struct perr e;

	if (cmd_value(o, word, &v, &e) < 0)
		usage_error("%s", e.msg);
	return v;
}

pid_t *cmd_operand_pids(const struct cmd_args *a)
{
	pid_t *pids = xmalloc((a->nargs + 1) * sizeof *pids);

	for (int i = 0; i < a->nargs; i++)
		pids[i] = cmd_operand(CMD_ARG(ARG_PID, 0), a->args[i]).pid.pid;
	return pids;
}

void cmd_need_args(const struct cmd_args *a, int min, int max, const char *what)
{
	struct perr e;

	if (cmd_count_args(a, min, max, what, &e) < 0)
		usage_error("%s", e.msg);
}

/* Whether the words hold a COMMAND or a "--", read leniently, as the
 * completions read them, so that a wrong word before it does not hide it. */
static bool words_run_command(const struct cmd *c, int argc, char **argv)
{
	struct cmd_lexer l;
	struct cmd_word w;
	struct perr e;

	cmd_lex_init(&l, c, argc, argv);
	l.lenient = true;
	while (cmd_lex(&l, &w, &e) > 0)
		if (w.what == CW_ENDOPTS || w.what == CW_COMMAND)
			return true;
	return false;
}

int cmd_run(const struct cmd *c, int argc, char **argv)
{
	struct cmd_args a;
	struct perr e;
	void *ctl;
	int status;

	if (c->usage_status && (c->min_args > 0 || words_run_command(c, argc, argv)))
		msg_usage_status = c->usage_status;
	ctl = xmalloc(c->ctl_size ? c->ctl_size : 1);
	if (c->ctl_init)
		memcpy(ctl, c->ctl_init, c->ctl_size);
	else
		memset(ctl, 0, c->ctl_size);
	switch (cmd_parse(c, argc, argv, ctl, &a, &e)) {
	case -1:
		usage_error("%s", e.msg);
	case 1:
		cmd_print_help(c);
		status = EXIT_SUCCESS;
		break;
	case 2:
		cmd_print_version();
		status = EXIT_SUCCESS;
		break;
	default:
		status = c->exec(ctl, &a);
	}
	cmd_args_free(&a);
	free(ctl);
	return status;
}

static bool is_short(int id)
{
	return id > 0 && id < 256;
}

/* "  -q, --value=INT" or "      --json", padded to the help column. */
static void print_opt(const struct cmd_opt *o)
{
	char left[64];
	int n;

	if (is_short(o->id))
		n = snprintf(left, sizeof left, "  -%c, --%s", o->id, o->name);
	else
		n = snprintf(left, sizeof left, "      --%s", o->name);
	if (o->has_arg == required_argument)
		n += snprintf(left + n, sizeof left - n, "=%s", o->metavar);
	else if (o->has_arg == optional_argument)
		n += snprintf(left + n, sizeof left - n, "[=%s]", o->metavar);
	if (n < 28)
		out_printf("%-28s  %s\n", left, _(o->help));
	else
		out_printf("%s\n%30s%s\n", left, "", _(o->help));
}

/* "  124  text" as --help aligns it: labels longer than 4 columns
 * ("128+n") take two blanks instead of the padding. */
static void print_status_line(const char *label, const char *text)
{
	out_printf(strlen(label) > 4 ? "  %s  %s\n" : "  %-4s %s\n", label, text);
}

/* Status 2 does not exist in a verb whose usage errors are always its
 * usage_status (timeout). */
static bool usage_is_125(const struct cmd *c, const struct exit_convention *x)
{
	return x->status == EXIT_USAGE && c->usage_status && c->min_args > 0;
}

/* The common statuses (those of exit_conventions with a verb_help) with the
 * verb's own, in numeric order: the verb's entries ("  N    text",
 * continuation lines indented) go after the common ones below them, and
 * entries labelled with a word after all of them. */
static void print_exit_status(const struct cmd *c)
{
	const struct exit_convention *x = exit_conventions;
	const char *p = c->exit_status ? _(c->exit_status) : "";

	out_puts(_("\nExit status:\n"));
	while (*p) {
		size_t n = strcspn(p, "\n");
		const char *d = p + strspn(p, " ");
		/* a row with a word for a label ("other", "With COMMAND:")
		 * comes after every numbered one; a deeper indent continues */
		bool word = d - p <= 2 && !c_isdigit(*d);
		for (; x->label && (word || (c_isdigit(*d) && x->status < atoi(d))); x++)
			if (x->verb_help && !usage_is_125(c, x))
				print_status_line(x->label, _(x->verb_help));
		out_write(p, n);
		out_putc('\n');
		p += n + (p[n] == '\n');
	}
	for (; x->label; x++)
		if (x->verb_help && !usage_is_125(c, x))
			print_status_line(x->label, _(x->verb_help));
}

void cmd_print_help(const struct cmd *c)
{
	const char *prog = program_invocation_short_name;

	for (size_t i = 0; c->synopsis[i]; i++)
		out_printf("%s %s %s %s\n", i ? _("   or:") : _("Usage:"), prog,
			   c->name, c->synopsis[i]);
	out_printf("\n");
	for (const char *const *d = c->description; *d; d++)
		out_printf("%s", _(*d));
	out_printf("\n");
	out_puts(_("\nOptions:\n"));
	for (size_t i = 0; c->opts && c->opts[i].name; i++)
		print_opt(&c->opts[i]);
	print_opt(&cmd_help_opt);
	print_opt(&cmd_version_opt);
	if (c->alias)
		out_printf(_("\n'%s %s' is another name for '%s %s'.\n"), prog, c->alias, prog, c->name);
	print_exit_status(c);
	if (c->examples)
		out_printf(_("\nExamples:\n%s"), _(c->examples));
}

void cmd_print_main_help(void)
{
	const char *prog = program_invocation_short_name;

	out_printf(_("Usage: %s VERB [OPTION]... [ARGUMENT]...\n"
		     "   or: %s help [VERB]\n"
		     "   or: %s --help | --version\n"), prog, prog, prog);
	out_puts(_("\nThe POSIX and Linux signal API as shell verbs: list, decode, send, wait for\n"
		   "and inspect signals, race-free and readable by people and scripts alike.\n"));
	out_puts(_("\nText that comes from another process or a file (process names, command\n"
		   "lines, pidfile contents, paths) is shown to people with each byte of a\n"
		   "control character (C0, DEL, and C1 such as U+009B, which terminals obey)\n"
		   "and of invalid UTF-8 written as \\xHH, in every verb and message; --json\n"
		   "keeps the characters, escaped as \\u00HH (an invalid byte as \\ufffd).\n"));
	out_puts(_("\nVerbs:\n"));
	for (const struct cmd *const *c = cmd_table; *c; c++) {
		out_printf("  %-12s%s", (*c)->name, _((*c)->summary));
		if ((*c)->alias)
			out_printf(_(" (alias: %s)"), (*c)->alias);
		out_putc('\n');
	}
	out_puts(_("\nOptions:\n"
		   "  -h, --help     display this help and exit\n"
		   "  -V, --version  output version information and exit\n"));
	out_printf(_("\nRun '%s VERB --help' or '%s help VERB' for the options of a verb.\n"), prog, prog);
	out_puts(_("\nExit status:\n"));
	for (const struct exit_convention *x = exit_conventions; x->label; x++)
		print_status_line(x->label, _(x->help));
	out_printf(_("\nExamples:\n"
		     "  $ %s list\n"
		     "  $ %s describe --status 143\n"), prog, prog);
}

void cmd_print_version(void)
{
	out_printf("%s (%s) %s\n", program_invocation_short_name, PACKAGE_NAME, PACKAGE_VERSION);
	out_puts(_("Copyright (C) 2026 the sigtool developers.\n"
		   "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
		   "This is free software: you are free to change and redistribute it.\n"
		   "There is NO WARRANTY, to the extent permitted by law.\n"));
}

void cmd_list_verbs(void)
{
	for (const struct cmd *const *c = cmd_table; *c; c++)
		out_printf("%s\t%s\n", (*c)->name, _((*c)->summary));
}
