/* mask.c - `sigtool mask`: the blocked, ignored and caught sets of a
 * process; hex masks decoded and encoded; and a COMMAND run with a chosen
 * mask and dispositions (pthread_sigmask and signal(SIG_IGN/SIG_DFL)). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
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

static const struct cmd_opt mask_opts[] = {
	{ OPT_BLOCK, "block", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("add SIGS to COMMAND's mask (SIG_BLOCK)") },
	{ OPT_UNBLOCK, "unblock", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("remove SIGS from COMMAND's mask (SIG_UNBLOCK)") },
	{ OPT_SETMASK, "setmask", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("make the mask exactly SIGS (SIG_SETMASK)") },
	{ OPT_IGNORE, "ignore", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("COMMAND starts with SIGS ignored (SIG_IGN)") },
	{ OPT_DEFAULT, "default", required_argument, ARG_SIGSET, "SIGS", NULL,
	  N_("COMMAND starts with SIGS at default (SIG_DFL)") },
	{ OPT_LIST, "list", no_argument, ARG_NONE, NULL, NULL,
	  N_("list what COMMAND gets blocked, ignored (stderr)") },
	{ OPT_DECODE, "decode", no_argument, ARG_NUMBER, NULL, NULL,
	  N_("decode hex masks to names; - reads stdin") },
	{ OPT_ENCODE, "encode", no_argument, ARG_SIGSET, NULL, NULL,
	  N_("encode signal sets as hex masks") },
	{ OPT_THREADS, "threads", no_argument, ARG_PID, NULL, NULL,
	  N_("also show the mask each thread blocks") },
	{ OPT_JSON, "json", no_argument, ARG_PID, NULL, NULL,
	  N_("output JSON") },
	{ 0 }
};

static const char *const mask_synopsis[] = {
	"[--threads] [--json] [PID]",
	"[--json] --decode HEX...|-",
	"[--json] --encode SIGS...",
	"[MASK-OPTION]... [--list] -- COMMAND [ARG...]",
	NULL
};

struct mask_op {
	int kind;               /* OPT_BLOCK ... OPT_DEFAULT */
	sigmask64 set;
};

struct mask_ctl {
	bool json, threads, decode, encode, list;
	struct mask_op *ops;    /* in the order given */
	size_t nops;
	const char *first_op;   /* its name, for messages */
	char **args;            /* operands before "--" */
	int nargs;
	char **command;         /* after "--", or NULL */
};

/* ---- the state of a process ------------------------------------------- */

static void show_process(const struct sigproc *p, void *arg)
{
	const struct mask_ctl *ctl = arg;
	char hex[17], names[SIGSET_TEXT_MAX], buf[512];

	if (ctl->json) {
		bool first = true;

		out_putc('{');
		json_key(&first, "pid");
		out_uint(p->pid);
		json_key(&first, "name");
		json_strn(p->st.name, p->st.name_len);
		json_key(&first, "blocked");
		json_sigset(p->st.sigblk);
		json_key(&first, "ignored");
		json_sigset(p->st.sigign);
		json_key(&first, "caught");
		json_sigset(p->st.sigcgt);
		json_key(&first, "threads");
		json_threads(p, true, false);
		out_puts("}\n");
	} else {
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
		for (size_t i = 0; ctl->threads && i < p->nthreads; i++) {
			const struct sigthread *th = &p->threads[i];
			name_for_text(th->name, th->name_len, buf, sizeof buf);
			table_cellf(t, _("thread %d (%s)"), (int)th->tid, buf);
			table_cell(t, sigset_hex(th->blocked, hex));
			table_cell(t, sigset_text(th->blocked, names, sizeof names));
		}
		table_print(t);
	}
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

/* A word that is a mask on a line with other words: the 16 hex digits
 * that /proc and ps print, or 0x and up to 16 digits. */
static bool mask_word(const char *w, size_t n, sigmask64 *m)
{
	char tmp[24];
	struct perr e;
	size_t digits = n;

	if (n > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X'))
		digits = n - 2;
	else if (n != 16)
		return false;
	if (n >= sizeof tmp || digits == 0 || digits > 16)
		return false;
	memcpy(tmp, w, n);
	tmp[n] = '\0';
	return parse_hexmask(tmp, m, &e) == 0;
}

/* One line of stdin. A line that is one word is a mask (or an error);
 * otherwise mask words are decoded in place and everything else (labels
 * such as "SigBlk:", PIDs, headers, "SigQ: 1/100") is kept as it is. */
static void decode_line(const struct mask_ctl *ctl, bool *first, char *line, long lineno)
{
	static const char blanks[] = " \t";
	size_t len = strlen(line), b, n;
	const char *w, *label = NULL;
	size_t label_len = 0;
	struct perr e;
	sigmask64 m;

	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	b = strspn(line, blanks);
	n = strcspn(line + b, blanks);
	if (n && !line[b + n + strspn(line + b + n, blanks)]) {
		/* one word: it must be a mask */
		line[b + n] = '\0';
		if (parse_hexmask(line + b, &m, &e) < 0)
			die(EXIT_USAGE, _("%s (line %ld of standard input)"), e.msg, lineno);
		put_decoded(ctl, first, NULL, 0, m);
		if (!ctl->json)
			out_putc('\n');
		return;
	}
	if (n && line[b + n - 1] == ':')
		label = line + b, label_len = n - 1;
	for (size_t i = 0; i < len;) {
		size_t sp = strspn(line + i, blanks);
		if (!ctl->json)
			out_write(line + i, sp);
		i += sp;
		w = line + i;
		n = strcspn(w, blanks);
		if (n && mask_word(w, n, &m))
			put_decoded(ctl, first, label, label_len, m);
		else if (!ctl->json)
			out_write(w, n);
		i += n;
	}
	if (!ctl->json)
		out_putc('\n');
}

static void decode_stdin(const struct mask_ctl *ctl, bool *first)
{
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;

	while (getline(&line, &cap, stdin) >= 0)
		decode_line(ctl, first, line, ++lineno);
	if (ferror(stdin)) {
		free(line);
		die(EXIT_FAILURE, _("cannot read standard input: %s"), strerror(errno));
	}
	free(line);
}

static int decode_run(const struct mask_ctl *ctl)
{
	sigmask64 *masks = xmalloc(ctl->nargs * sizeof *masks);
	bool first = true;
	struct perr e;

	/* Every argument is checked before anything is printed. */
	for (int i = 0; i < ctl->nargs; i++)
		if (strcmp(ctl->args[i], "-") && parse_hexmask(ctl->args[i], &masks[i], &e) < 0) {
			free(masks);
			usage_error("%s", e.msg);
		}
	if (ctl->json)
		out_putc('[');
	for (int i = 0; i < ctl->nargs; i++) {
		if (!strcmp(ctl->args[i], "-")) {
			decode_stdin(ctl, &first);
			continue;
		}
		put_decoded(ctl, &first, NULL, 0, masks[i]);
		if (!ctl->json)
			out_putc('\n');
	}
	if (ctl->json)
		out_puts(first ? "]\n" : "\n]\n");
	free(masks);
	return EXIT_SUCCESS;
}

static int encode_run(const struct mask_ctl *ctl)
{
	sigmask64 *masks = xmalloc(ctl->nargs * sizeof *masks);
	char hex[17];
	struct perr e;

	for (int i = 0; i < ctl->nargs; i++) {
		masks[i] = 0;
		if (parse_sigset(ctl->args[i], 0, &masks[i], &e) < 0) {
			free(masks);
			usage_error("%s", e.msg);
		}
	}
	if (ctl->json)
		out_putc('[');
	for (int i = 0; i < ctl->nargs; i++) {
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

/* The options, left to right, on the state sigtool was started with. */
static void apply_ops(const struct mask_ctl *ctl, struct run_env *env)
{
	for (size_t i = 0; i < ctl->nops; i++) {
		const struct mask_op *op = &ctl->ops[i];

		if (op->kind == OPT_SETMASK)
			sigemptyset(&env->mask);
		for (int s = sig_first(); s; s = sig_next(s)) {
			if (!(op->set & SIGBIT(s)))
				continue;
			switch (op->kind) {
			case OPT_BLOCK:
			case OPT_SETMASK:
				sigaddset(&env->mask, s);
				break;
			case OPT_UNBLOCK:
				sigdelset(&env->mask, s);
				break;
			}
		}
		if (op->kind == OPT_IGNORE) {
			env->ignore |= op->set;
			env->dfl &= ~op->set;
		} else if (op->kind == OPT_DEFAULT) {
			env->dfl |= op->set;
			env->ignore &= ~op->set;
		}
	}
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

static int exec_run(const struct mask_ctl *ctl)
{
	struct run_env env;

	run_env_save(&env);
	apply_ops(ctl, &env);
	if (ctl->list && list_state(&env) < 0)
		die(EXIT_CANCELED, _("cannot write the list to standard error"));
	return run_exec(ctl->command, &env);
}

/* ---- options ---------------------------------------------------------- */

static void parse_args(int argc, char **argv, struct mask_ctl *ctl)
{
	int cut = cmd_command_start(argc, argv, &cmd_mask), c;
	struct perr e;

	ctl->ops = xmalloc(argc * sizeof *ctl->ops);
	while ((c = cmd_getopt(cut, argv, &cmd_mask)) != -1) {
		switch (c) {
		case OPT_JSON: ctl->json = true; break;
		case OPT_THREADS: ctl->threads = true; break;
		case OPT_DECODE: ctl->decode = true; break;
		case OPT_ENCODE: ctl->encode = true; break;
		case OPT_LIST: ctl->list = true; break;
		default: {
			struct mask_op *op = &ctl->ops[ctl->nops++];
			op->kind = c;
			op->set = 0;
			if (!ctl->first_op)
				ctl->first_op = cmd_opt_by_id(&cmd_mask, c)->name;
			if (parse_sigset(optarg, PSET_BLOCKABLE, &op->set, &e) < 0)
				usage_error("--%s: %s", cmd_opt_by_id(&cmd_mask, c)->name, e.msg);
		}
		}
	}
	ctl->args = argv + optind;
	ctl->nargs = cut - optind;
	if (cut < argc) {
		ctl->command = argv + cut + 1;
		if (!*ctl->command)
			usage_error(_("missing COMMAND after '--'"));
	}
}

static void check_args(const struct mask_ctl *ctl)
{
	bool exec_opts = ctl->nops || ctl->list;

	if (ctl->decode && ctl->encode)
		usage_error(_("--decode and --encode cannot be combined"));
	if ((ctl->decode || ctl->encode) && (exec_opts || ctl->command || ctl->threads))
		usage_error(_("--%s takes no other option but --json"), ctl->decode ? "decode" : "encode");
	if (ctl->decode || ctl->encode) {
		if (!ctl->nargs)
			usage_error(ctl->decode ? _("missing hex mask") : _("missing signal set"));
		return;
	}
	if (ctl->command) {
		if (ctl->nargs)
			usage_error(_("unexpected argument '%s' before '--'"), ctl->args[0]);
		if (ctl->json || ctl->threads)
			usage_error(_("--%s cannot be used with a COMMAND"), ctl->json ? "json" : "threads");
		return;
	}
	if (exec_opts)
		usage_error(_("--%s needs a COMMAND to run: ... -- COMMAND [ARG...]"),
			    ctl->first_op ? ctl->first_op : "list");
	if (ctl->nargs > 1)
		usage_error(_("too many arguments: mask shows one process (status shows several)"));
}

static int mask_run(int argc, char **argv)
{
	struct mask_ctl ctl = { 0 };
	int rc;

	parse_args(argc, argv, &ctl);
	check_args(&ctl);
	if (ctl.decode)
		rc = decode_run(&ctl);
	else if (ctl.encode)
		rc = encode_run(&ctl);
	else if (ctl.command)
		rc = exec_run(&ctl);
	else
		rc = sigproc_each(ctl.nargs, ctl.args, show_process, &ctl);
	free(ctl.ops);
	return rc;
}

const struct cmd cmd_mask = {
	.name = "mask",
	.summary = N_("show, decode or set signal masks; run a command with a mask"),
	.synopsis = mask_synopsis,
	.description = N_(
"Show the blocked, ignored and caught sets of process PID (default: the\n"
"parent process, i.e. the calling shell), in hex as /proc and ps print them\n"
"and as signal names. The blocked set is the one of the thread-group leader,\n"
"as /proc/PID/status and ps show it; --threads adds one line per thread with\n"
"the set it blocks. --json prints one object {pid, name, blocked, ignored,\n"
"caught, threads: [{tid, name, blocked}]} with sets as arrays of names, and\n"
"always lists every thread.\n"
"\n"
"--decode prints the names in each HEX mask (up to 16 hex digits, optional\n"
"0x), one line each, '-' for the empty set. With '-', lines are read from\n"
"standard input: a line that is one word is a mask; in other lines, such as\n"
"'SigBlk: 0000000000002000' from /proc/PID/status or the columns of 'ps s',\n"
"every word of 16 hex digits (or 0x and up to 16) is replaced by its names\n"
"and the rest of the line is kept. --encode prints each comma-separated set\n"
"of signals as a 16-digit hex mask. A bit that is no valid signal (32 and 33,\n"
"which glibc keeps for itself) is shown as its number.\n"
"\n"
"With '-- COMMAND', apply the MASK-OPTIONs --block, --unblock, --setmask,\n"
"--ignore and --default from left to right to the mask and dispositions\n"
"sigtool was started with, then execute COMMAND, which inherits them.\n"
"Nothing else that COMMAND could inherit is changed. Each option takes a\n"
"comma-separated list of signals or 'all' (every signal that can be blocked\n"
"or ignored); KILL and STOP named explicitly are an error. The empty mask is\n"
"'--unblock all'.\n"
"--list prints the signals COMMAND will have blocked or ignored on standard\n"
"error first, in the format of env --list-signal-handling."),
	.opts = mask_opts,
	.operands = ARG_PID,
	.exit_status = N_(
"  1    PID could not be read (no such process, or /proc hides it)\n"
"  125  sigtool failed before running COMMAND\n"
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
	.run = mask_run,
};
