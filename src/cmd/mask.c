/* mask.c - `sigtool mask`: the blocked, ignored and caught sets of a
 * process; hex masks decoded and encoded; and a COMMAND run with a chosen
 * mask and dispositions (pthread_sigmask and signal(SIG_IGN/SIG_DFL)). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd/selopts.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/parse.h"
#include "core/run.h"
#include "core/sig.h"
#include "core/sigstate.h"
#include "core/util.h"

enum {
	OPT_JSON = 256, OPT_THREADS, OPT_DECODE, OPT_ENCODE,
	OPT_BLOCK, OPT_UNBLOCK, OPT_SETMASK, OPT_IGNORE, OPT_DEFAULT, OPT_LIST,
};

struct mask_ctl {
	bool json, threads, decode, encode, list;
	bool array;             /* --json with a selection: an array of objects */
	size_t shown;
	int first_op;           /* the first MASK-OPTION given, or 0 */
	struct run_env env;     /* COMMAND's state, MASK-OPTIONs applied */
	struct selopts sel;     /* which processes to show */
};
#define SELOPT_TYPE struct mask_ctl

/* The MASK-OPTIONs have no destination: mask_option() applies them in the
 * order given. */
#define OP_ROW(id, name, help) \
	{ id, name, required_argument, ARG_SIGSET, "SIGS", NULL, help, .flags = OPT_BLOCKABLE }

static const struct cmd_opt mask_opts[] = {
	OP_ROW(OPT_BLOCK, "block", N_("add SIGS to COMMAND's mask (SIG_BLOCK)")),
	OP_ROW(OPT_UNBLOCK, "unblock", N_("remove SIGS from COMMAND's mask (SIG_UNBLOCK)")),
	OP_ROW(OPT_SETMASK, "setmask", N_("make the mask exactly SIGS (SIG_SETMASK)")),
	OP_ROW(OPT_IGNORE, "ignore", N_("COMMAND starts with SIGS ignored (SIG_IGN)")),
	OP_ROW(OPT_DEFAULT, "default", N_("COMMAND starts with SIGS at default (SIG_DFL)")),
	{ OPT_LIST, "list", no_argument, ARG_NONE, NULL, NULL,
	  N_("list what COMMAND gets blocked, ignored (stderr)"), CMD_AT(struct mask_ctl, list) },
	{ OPT_DECODE, "decode", no_argument, ARG_NUMBER, NULL, NULL,
	  N_("decode hex masks to names; - reads stdin"), CMD_AT(struct mask_ctl, decode) },
	{ OPT_ENCODE, "encode", no_argument, ARG_SIGSET, NULL, NULL,
	  N_("encode signal sets as hex masks"), CMD_AT(struct mask_ctl, encode) },
	{ OPT_THREADS, "threads", no_argument, ARG_PID, NULL, NULL,
	  N_("also show the mask each thread blocks"), CMD_AT(struct mask_ctl, threads) },
	{ OPT_JSON, "json", no_argument, ARG_PID, NULL, NULL,
	  N_("output JSON"), CMD_AT(struct mask_ctl, json) },
	SELECT_ROWS,
	SELOPT_PGID_ROW,
	{ 0 }
};

static const char *const mask_synopsis[] = {
	"[--threads] [--json] [PID]",
	"[--json] --decode HEX...|-",
	"[--json] --encode SIGS...",
	"[MASK-OPTION]... [--list] -- COMMAND [ARG...]",
	NULL
};

/* ---- the state of a process ------------------------------------------- */

static void json_process(const struct sigproc *p, bool array, bool later)
{
	bool first;

	if (array)
		out_puts(later ? ",\n" : "\n");
	json_sigproc_head(p, &first);
	json_key(&first, "blocked");
	json_sigset(p->st.sigblk);
	json_key(&first, "ignored");
	json_sigset(p->st.sigign);
	json_key(&first, "caught");
	json_sigset(p->st.sigcgt);
	json_key(&first, "threads");
	json_threads(p, true, false);
	out_puts(array ? "}" : "}\n");
}

/* One line per set: its label, hex and names; --threads: one per thread. */
static void text_process(const struct sigproc *p, bool threads)
{
	char hex[17], names[SIGSET_TEXT_MAX], buf[512];
	struct table *t = table_new("lll");
	const struct { const char *label; sigmask64 m; } rows[] = {
		{ _("blocked"), p->st.sigblk },
		{ _("ignored"), p->st.sigign },
		{ _("caught"), p->st.sigcgt },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		table_cell(t, rows[i].label);
		table_cell(t, sigset_hex(rows[i].m, hex));
		table_cell(t, sigset_text(rows[i].m, names, sizeof names));
	}
	for (size_t i = 0; threads && i < p->nthreads; i++) {
		const struct sigthread *th = &p->threads[i];
		text_clean(buf, sizeof buf, th->name, th->name_len);
		table_cellf(t, _("thread %d (%s)"), (int)th->tid, buf);
		table_cell(t, sigset_hex(th->blocked, hex));
		table_cell(t, sigset_text(th->blocked, names, sizeof names));
	}
	table_print(t);
}

static void show_process(const struct sigproc *p, void *arg)
{
	struct mask_ctl *ctl = arg;

	if (ctl->json)
		json_process(p, ctl->array, ctl->shown > 0);
	else
		text_process(p, ctl->threads);
	ctl->shown++;
}

/* ---- decoding and encoding -------------------------------------------- */

static void put_decoded(const struct mask_ctl *ctl, bool *first, const char *label,
			size_t label_len, sigmask64 m)
{
	char hex[17], names[SIGSET_TEXT_MAX];

	if (!ctl->json) {
		out_puts(sigset_text(m, names, sizeof names));
		return;
	}
	out_puts(*first ? "\n {" : ",\n {");
	*first = false;
	bool f = true;
	json_key(&f, "label");
	if (label)
		json_strn(label, label_len);
	else
		out_puts("null");
	json_key(&f, "mask");
	json_str(sigset_hex(m, hex));
	json_key(&f, "names");
	json_sigset(m);
	out_putc('}');
}

/* One line of stdin. A line that is one word is a mask (or an error);
 * otherwise mask words are decoded in place and everything else (labels
 * such as "SigBlk:", PIDs, headers, "SigQ: 1/100") is kept as it is. A
 * bad line is named on stderr and left out; false then. */
static bool decode_line(const struct mask_ctl *ctl, bool *first, char *line, long lineno)
{
	size_t len = strlen(line), n;
	struct sigline l;
	struct perr e;
	const char *text;
	sigmask64 m;
	int r;

	if (len && line[len - 1] == '\n')
		len--;
	r = sigline_start(&l, line, len, &m, &e);
	if (r < 0) {
		out_flush();    /* the good lines before it come first */
		warnx_(_("%s (line %ld of standard input)"), e.msg, lineno);
		return false;
	}
	if (r > 0)
		put_decoded(ctl, first, NULL, 0, m);
	while (r == 0 && (r = sigline_next(&l, &text, &n, &m)) != 0) {
		if (r == 2)
			put_decoded(ctl, first, l.label, l.label_len, m);
		else if (!ctl->json)
			out_write(text, n);
		r = 0;
	}
	if (!ctl->json)
		out_putc('\n');
	return true;
}

/* Stdin is a stream (a pipe from grep or ps, perhaps never-ending), so
 * it is decoded as it comes; a bad line does not end it, and the output
 * stays whole (the JSON array is closed). Returns the number of bad lines. */
static long decode_stdin(const struct mask_ctl *ctl, bool *first)
{
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0, bad = 0;

	while (getline(&line, &cap, stdin) >= 0)
		bad += !decode_line(ctl, first, line, ++lineno);
	if (ferror(stdin)) {
		free(line);
		die(EXIT_FAILURE, _("cannot read standard input: %s"), strerror(errno));
	}
	free(line);
	return bad;
}

static int decode_run(const struct mask_ctl *ctl, const struct cmd_args *a)
{
	sigmask64 *masks = xmalloc(a->nargs * sizeof *masks);
	bool first = true;
	long bad = 0;
	struct perr e;

	/* Every argument is checked before anything is printed. */
	for (int i = 0; i < a->nargs; i++)
		if (strcmp(a->args[i], "-") && parse_hexmask(a->args[i], &masks[i], &e) < 0)
			usage_error("%s", e.msg);
	if (ctl->json)
		out_putc('[');
	for (int i = 0; i < a->nargs; i++) {
		if (!strcmp(a->args[i], "-")) {
			bad += decode_stdin(ctl, &first);
			continue;
		}
		put_decoded(ctl, &first, NULL, 0, masks[i]);
		if (!ctl->json)
			out_putc('\n');
	}
	if (ctl->json)
		out_puts(first ? "]\n" : "\n]\n");
	free(masks);
	return bad ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int encode_run(const struct mask_ctl *ctl, const struct cmd_args *a)
{
	sigmask64 *masks = xmalloc(a->nargs * sizeof *masks);
	char hex[17];

	for (int i = 0; i < a->nargs; i++)
		masks[i] = cmd_operand(CMD_ARG(ARG_SIGSET, 0), a->args[i]).set;
	if (ctl->json)
		out_putc('[');
	for (int i = 0; i < a->nargs; i++) {
		if (ctl->json) {
			bool f = true;
			out_puts(i ? ",\n {" : "\n {");
			json_key(&f, "mask");
			json_str(sigset_hex(masks[i], hex));
			json_key(&f, "names");
			json_sigset(masks[i]);
			out_putc('}');
		} else {
			out_puts(sigset_hex(masks[i], hex));
			out_putc('\n');
		}
	}
	if (ctl->json)
		out_puts("\n]\n");
	free(masks);
	return EXIT_SUCCESS;
}

/* ---- running COMMAND -------------------------------------------------- */

/* One MASK-OPTION on COMMAND's state so far. */
static void apply_op(struct run_env *env, int kind, sigmask64 set)
{
	if (kind == OPT_SETMASK)
		sigemptyset(&env->mask);
	for (int s = sig_first(); s; s = sig_next(s)) {
		if (!(set & SIGBIT(s)))
			continue;
		if (kind == OPT_BLOCK || kind == OPT_SETMASK)
			sigaddset(&env->mask, s);
		else if (kind == OPT_UNBLOCK)
			sigdelset(&env->mask, s);
	}
	if (kind == OPT_IGNORE) {
		env->ignore |= set;
		env->dfl &= ~set;
	} else if (kind == OPT_DEFAULT) {
		env->dfl |= set;
		env->ignore &= ~set;
	}
}

/* The MASK-OPTIONs, left to right, on the state sigtool was started with. */
static int mask_option(void *arg, int id, const union cmd_val *v, struct perr *e)
{
	struct mask_ctl *ctl = arg;

	(void)e;
	if (!ctl->first_op) {
		ctl->first_op = id;
		run_env_save(&ctl->env);
	}
	apply_op(&ctl->env, id, v->set);
	return 0;
}

/* As env --list-signal-handling prints it: "PIPE       (13): BLOCK,IGNORE".
 * A handler sigtool inherited cannot exist (execve resets them) and one
 * it installed itself is reset by the exec, so not SIG_IGN means default. */
static int list_state(const struct run_env *env)
{
	for (int s = sig_first(); s; s = sig_next(s)) {
		char nb[SIG_NAME_MAX];
		bool blk = sigismember(&env->mask, s) == 1;
		bool ign = (sig_disposition(s) == DISP_IGNORED && !(env->dfl & SIGBIT(s)))
			   || (env->ignore & SIGBIT(s));
		if (ign || blk)
			fprintf(stderr, "%-10s (%2d): %s%s%s\n", sig_name(s, nb), s,
				blk ? "BLOCK" : "", ign && blk ? "," : "", ign ? "IGNORE" : "");
	}
	return fflush(stderr) == 0 && !ferror(stderr) ? 0 : -1;
}

static int exec_run(struct mask_ctl *ctl, char **command)
{
	if (!ctl->first_op)
		run_env_save(&ctl->env);
	if (ctl->list && list_state(&ctl->env) < 0)
		die(EXIT_CANCELED, _("cannot write the list to standard error"));
	return run_exec(command, &ctl->env);
}

/* ---- the verb --------------------------------------------------------- */

/* The combinations of options, and the operands each form takes. */
static void check(const struct mask_ctl *ctl, const struct cmd_args *a)
{
	bool exec_opts = ctl->first_op || ctl->list, coding = ctl->decode || ctl->encode;

	if (ctl->decode && ctl->encode)
		usage_error(_("--decode and --encode cannot be combined"));
	if (coding && (exec_opts || a->command || ctl->threads))
		usage_error(_("--%s takes no other option but --json"), ctl->decode ? "decode" : "encode");
	if (coding) {
		cmd_need_args(a, 1, CMD_MANY, ctl->decode ? N_("hex mask") : N_("signal set"));
		return;
	}
	if (a->command && (ctl->json || ctl->threads))
		usage_error(_("--%s cannot be used with a COMMAND"), ctl->json ? "json" : "threads");
	if (!a->command && exec_opts)
		usage_error(_("--%s needs a COMMAND to run: ... -- COMMAND [ARG...]"),
			    ctl->first_op ? cmd_opt_by_id(&cmd_mask, ctl->first_op)->name : "list");
	/* one PID to show, none before "-- COMMAND" */
	cmd_need_args(a, 0, !a->command, NULL);
}

static int mask_exec(void *arg, const struct cmd_args *a)
{
	struct mask_ctl *ctl = arg;
	pid_t pid = 0, *all = NULL;
	size_t n;
	int rc;

	check(ctl, a);
	if (selopts_active(&ctl->sel) && (ctl->decode || ctl->encode || a->command))
		usage_error(_("a selection (--name, --tree...) is for showing processes"));
	if (ctl->decode)
		return decode_run(ctl, a);
	if (ctl->encode)
		return encode_run(ctl, a);
	if (a->command)
		return exec_run(ctl, a->command);
	if (a->nargs)
		pid = cmd_operand(CMD_ARG(ARG_PID, 0), a->args[0]).pid.pid;
	if ((rc = selopts_show_pids(&ctl->sel, &cmd_mask, a, &pid, a->nargs, &all, &n)) >= 0)
		return rc;
	ctl->array = ctl->json && selopts_active(&ctl->sel);
	if (ctl->array)
		out_putc('[');
	rc = selopts_each(&ctl->sel, n, all, show_process, ctl);
	if (ctl->array)
		out_puts(ctl->shown ? "\n]\n" : "]\n");
	selopts_done(&ctl->sel, all);
	return rc;
}

const struct cmd cmd_mask = {
	.name = "mask",
	.summary = N_("show, decode or set signal masks; run a command with a mask"),
	.synopsis = mask_synopsis,
	.description = CMD_PARAS(N_(
"Show the blocked, ignored and caught sets of process PID (default: the\n"
"parent process, i.e. the calling shell), in hex as /proc and ps print them\n"
"and as signal names. The blocked set is the one of the thread-group leader,\n"
"as /proc/PID/status and ps show it; --threads adds one line per thread with\n"
"the set it blocks. --json prints one object {pid, name, blocked, ignored,\n"
"caught, threads: [{tid, name, blocked}]} with sets as arrays of names, and\n"
"always lists every thread; with a selection (--name, --tree...), an array\n"
"of such objects, one per process, as status and pending print them.\n"
"\n"
"--decode prints the names in each HEX mask (up to 16 hex digits, optional\n"
"0x), one line each, '-' for the empty set. With '-', lines are read from\n"
"standard input: a line that is one word is a mask; in other lines, such as\n"
"'SigBlk: 0000000000002000' from /proc/PID/status or the columns of 'ps s',\n"
"every word of 16 hex digits (or 0x and up to 16) is replaced by its names\n"
"and the rest of the line is kept. --encode prints each comma-separated set\n"
"of signals as a 16-digit hex mask. A bit that is no valid signal (32 and 33,\n"
"which glibc keeps for itself) is shown as its number. A bad HEX argument\n"
"is a usage error and nothing is printed; a bad line of standard input\n"
"(read as it comes, so it can be a never-ending pipe) is named on standard\n"
"error and left out, the other lines are decoded, the --json array is\n"
"closed, and the exit status is 1.\n"
"\n"
"With '-- COMMAND', apply the MASK-OPTIONs --block, --unblock, --setmask,\n"
"--ignore and --default from left to right to the mask and dispositions\n"
"sigtool was started with, then execute COMMAND, which inherits them.\n"
"Nothing else that COMMAND could inherit is changed. Each option takes a\n"
"comma-separated list of signals or 'all' (every signal that can be blocked\n"
"or ignored); KILL and STOP named explicitly are an error. The empty mask is\n"
"'--unblock all'.\n"
"--list prints the signals COMMAND will have blocked or ignored on standard\n"
"error first, in the format of env --list-signal-handling.\n"
"\n"),
SELOPT_HELP),
	.opts = mask_opts,
	.operands = ARG_PID,
	.max_args = CMD_MANY,           /* --decode and --encode; check() */
	.negative_operands = true,      /* "-5" is a bad PID, named as such */
	.command = -1,
	.usage_status = EXIT_CANCELED,  /* with a COMMAND, as env(1) */
	.ctl_size = sizeof(struct mask_ctl),
	.option = mask_option,
	.exit_status = N_(
"  1    PID could not be read (no such process, or /proc hides it), or a\n"
"       line of standard input could not be decoded\n"
"  125  sigtool failed before running COMMAND (a usage error with one too)\n"
"  126  COMMAND was found but could not be executed\n"
"  127  COMMAND was not found\n"
"  *    otherwise, the exit status of COMMAND\n"),
	.examples = N_(
"  $ sigtool mask\n"
"  $ sigtool mask --threads 1234\n"
"  $ grep Sig /proc/1234/status | sigtool mask --decode -\n"
"  $ sigtool mask --decode 0000000000014003\n"
"  $ sigtool mask --encode INT,TERM\n"
"  $ sigtool mask --block INT,TERM --default PIPE --list -- ./critical-job\n"),
	.exec = mask_exec,
};
