/* demo.c - `sigtool demo`: live, narrated lessons on POSIX signals that
 * start real processes and print what the kernel did. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/lesson.h"
#include "core/msg.h"
#include "core/out.h"

enum { OPT_LIST = 256, OPT_STEP, OPT_JSON };

struct demo_ctl {
	bool list, step, json;
};

static const struct cmd_opt demo_opts[] = {
	{ OPT_LIST, "list", no_argument, ARG_NONE, NULL, NULL,
	  N_("list the lessons (also with no LESSON)"),
	  CMD_AT(struct demo_ctl, list) },
	{ OPT_STEP, "step", no_argument, ARG_NONE, NULL, NULL,
	  N_("wait for Enter before each step"), CMD_AT(struct demo_ctl, step) },
	{ OPT_JSON, "json", no_argument, ARG_NONE, NULL, NULL,
	  N_("a JSON object per step; with --list, an array"),
	  CMD_AT(struct demo_ctl, json) },
	{ 0 }
};

static const char *const demo_synopsis[] = {
	"[--list] [--json]",
	"LESSON [--step] [--json]",
	NULL
};

static void list_text(void)
{
	struct table *t = table_new("ll");

	for (const struct lesson *const *l = lesson_table; *l; l++) {
		table_cell(t, lesson_name(*l));
		table_cell(t, _(lesson_summary(*l)));
	}
	table_print(t);
}

static void list_json(void)
{
	out_putc('[');
	for (const struct lesson *const *l = lesson_table; *l; l++) {
		bool first = true;
		if (l != lesson_table)
			out_putc(',');
		out_putc('{');
		json_key(&first, "name");
		json_str(lesson_name(*l));
		json_key(&first, "summary");
		json_str(lesson_summary(*l));
		json_key(&first, "steps");
		out_uint(lesson_nsteps(*l));
		json_key(&first, "needs_root");
		out_puts(lesson_needs_root(*l) ? "true" : "false");
		out_putc('}');
	}
	out_puts("]\n");
}

/* The lesson named word, or the parser's usage error for a choice not
 * among them: "invalid lesson 'x' (use alarm, pipe, ... or init)". */
static const struct lesson *lesson_operand(const char *word)
{
	char choices[256] = "";
	size_t n = 0;

	for (const struct lesson *const *l = lesson_table; *l; l++)
		n += snprintf(choices + n, n < sizeof choices ? sizeof choices - n : 0, "%s%s",
			      l == lesson_table ? "" : "|", lesson_name(*l));
	const struct cmd_opt row = { .kind = ARG_CHOICE, .metavar = "LESSON", .choices = choices };
	return lesson_table[cmd_operand(&row, word).i];
}

/* The lessons' names, for completion. */
static const char *lesson_word(size_t i, const char **help)
{
	const struct lesson *l = lesson_table[i];

	if (!l)
		return NULL;
	*help = lesson_summary(l);
	return lesson_name(l);
}

static int demo_exec(void *ctl, const struct cmd_args *a)
{
	struct demo_ctl *d = ctl;
	struct lesson_opts o = { .json = d->json, .step = d->step };

	if (d->list && a->nargs)
		usage_error(_("--list takes no LESSON"));
	if (!a->nargs) {
		if (d->step)
			usage_error(_("--step needs a LESSON"));
		if (d->json)
			list_json();
		else
			list_text();
		return EXIT_SUCCESS;
	}
	return lesson_run(lesson_operand(a->args[0]), &o);
}

const struct cmd cmd_demo = {
	.name = "demo",
	.summary = N_("live lessons on POSIX signals, run on the real kernel"),
	.synopsis = demo_synopsis,
	.description = CMD_PARAS(N_(
"Run a short lesson on POSIX signals. Each step says what is about to happen,\n"
"shows the sigtool command lines that do the same by hand, then does it to\n"
"real processes and prints what the kernel showed: siginfo fields, masks from\n"
"/proc/PID/status, exit statuses, errno values. Nothing is printed from a\n"
"script of expected results.\n"
"\n"
"With no LESSON, or with --list, the lessons are listed. Every process a\n"
"lesson starts is in a process group of its own, and all of them are killed\n"
"and reaped when it ends, also when it is interrupted (Ctrl-C): sigtool then\n"
"ends by that signal. --step reads a line from standard input before each\n"
"step (at its end, the rest runs straight through); the terminal is left as\n"
"it is. --json prints one object per step with the fields lesson, step,\n"
"steps, pgid (the lesson's process group), text (the step, in English) and\n"
"commands, then one field per observation: signal sets as arrays of names,\n"
"siginfo as {signo, name, code, pid, uid, value, status}, a child's end as\n"
"{pid, code, status, shell_status}, errno as its name or null.\n"
"\n"
"The init lesson makes a PID namespace, which takes root (CAP_SYS_ADMIN).")),
	.opts = demo_opts,
	.operands = ARG_TEXT,
	.max_args = 1,
	.args_name = "LESSON",
	.operand_word = lesson_word,
	.ctl_size = sizeof(struct demo_ctl),
	.exit_status = N_(
"  1    a step could not be done (e.g. init without the privilege to make a\n"
"       PID namespace); the message says why\n"
"  128+n  the lesson was interrupted by signal n (130 for Ctrl-C)\n"),
	.examples = N_(
"  $ sigtool demo\n"
"  $ sigtool demo coalesce\n"
"  $ sigtool demo mask --step\n"
"  $ sigtool demo alarm --json | jq .errno\n"),
	.exec = demo_exec,
};
