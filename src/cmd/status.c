/* status.c - `sigtool status`: the psig of Linux. For each process, every
 * signal's disposition, blocked and pending state and default action, with
 * notes where Linux rules change what a signal does; --all with filters. */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"
#include "cmd/selopts.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/sig.h"
#include "core/sigstate.h"
#include "core/util.h"

enum {
	OPT_JSON = 256, OPT_THREADS, OPT_ALL_SIGNALS, OPT_ALL,
	OPT_BLOCKED, OPT_IGNORED, OPT_CAUGHT, OPT_PENDING,
};

struct status_ctl {
	bool json, threads, all_signals, all;
	struct sigfilter filter;
	struct table *t;        /* --all in text */
	size_t shown;
	struct selopts sel;
};
#define SELOPT_TYPE struct status_ctl

#define FILTER_ROW(id, name, field, help) \
	{ id, name, required_argument, ARG_SIGSET, "SIGS", NULL, help, \
	  CMD_AT(struct status_ctl, filter.field) }

static const struct cmd_opt status_opts[] = {
	{ OPT_ALL_SIGNALS, "all-signals", no_argument, ARG_PID, NULL, NULL,
	  N_("a line for every signal, even those at rest"),
	  CMD_AT(struct status_ctl, all_signals) },
	{ OPT_THREADS, "threads", no_argument, ARG_PID, NULL, NULL,
	  N_("also show what each thread blocks and has pending"),
	  CMD_AT(struct status_ctl, threads) },
	{ OPT_JSON, "json", no_argument, ARG_PID, NULL, NULL,
	  N_("output a JSON array, one object per process"), CMD_AT(struct status_ctl, json) },
	{ OPT_ALL, "all", no_argument, ARG_NONE, NULL, NULL,
	  N_("every process that matches the filters"), CMD_AT(struct status_ctl, all) },
	FILTER_ROW(OPT_BLOCKED, "blocked", blocked, N_("with --all: only processes that block SIGS")),
	FILTER_ROW(OPT_IGNORED, "ignored", ignored, N_("with --all: only processes that ignore SIGS")),
	FILTER_ROW(OPT_CAUGHT, "caught", caught, N_("with --all: only processes that catch SIGS")),
	FILTER_ROW(OPT_PENDING, "pending", pending,
		   N_("with --all: only processes that have SIGS pending")),
	SELECT_ROWS,
	SELOPT_PGID_ROW,
	{ 0 }
};

static const char *const status_synopsis[] = {
	"[--json] [--threads] [--all-signals] [PID...]",
	"[--json] --all [FILTER-OPTION]...",
	NULL
};

/* ---- JSON: always every signal and every thread ----------------------- */

/* "signals": [{signo, name, disposition, blocked, pending}], every one. */
static void json_signals(const struct sigproc *p)
{
	sigmask64 pend = sigproc_pending(p);

	out_putc('[');
	for (int s = sig_first(); s; s = sig_next(s)) {
		char nb[SIG_NAME_MAX];
		bool f = true;

		out_puts(s == sig_first() ? "{" : ",{");
		json_key(&f, "signo");
		out_uint(s);
		json_key(&f, "name");
		json_str(sig_name(s, nb));
		json_key(&f, "disposition");
		json_str(sig_disp_name(sigproc_disp(p, s)));
		json_key(&f, "blocked");
		out_puts(p->st.sigblk & SIGBIT(s) ? "true" : "false");
		json_key(&f, "pending");
		out_puts(pend & SIGBIT(s) ? "true" : "false");
		out_putc('}');
	}
	out_putc(']');
}

static void json_process(const struct sigproc *p)
{
	char notes[SIGNOTE_MAX][SIGNOTE_LEN];
	size_t nnotes = sigproc_notes(p, false, notes, SIGNOTE_MAX);
	bool first, q = true;

	json_sigproc_head(p, &first);
	json_key(&first, "state");
	json_strn(&p->st.state, 1);
	json_key(&first, "sigq");
	out_putc('{');
	json_key(&q, "queued");
	out_printf("%lld", p->st.sigq_queued);
	json_key(&q, "limit");
	out_printf("%lld", p->st.sigq_limit);
	out_putc('}');
	json_key(&first, "signals");
	json_signals(p);
	json_key(&first, "threads");
	json_threads(p, true, true);
	json_key(&first, "notes");
	out_putc('[');
	for (size_t i = 0; i < nnotes; i++) {
		if (i)
			out_putc(',');
		json_str(notes[i]);
	}
	out_puts("]}");
}

/* ---- text for one process --------------------------------------------- */

static const char *pending_word(const struct sigproc *p, int s)
{
	bool proc = p->st.shdpnd & SIGBIT(s), thr = p->thread_pending & SIGBIT(s);

	return proc && thr ? _("both") : proc ? _("process") : thr ? _("thread") : "-";
}

static const char *disp_word(enum sig_disp d)
{
	return d == DISP_IGNORED ? _("ignored") : d == DISP_CAUGHT ? _("caught") : _("default");
}

static void signal_table(const struct status_ctl *ctl, const struct sigproc *p)
{
	struct table *t = NULL;

	for (int s = sig_first(); s; s = sig_next(s)) {
		char nb[SIG_NAME_MAX];

		if (!ctl->all_signals && !sigproc_interesting(p, s))
			continue;
		if (!t) {
			t = table_new("rlllll");
			table_cell(t, _("NUM"));
			table_cell(t, _("NAME"));
			table_cell(t, _("DISPOSITION"));
			table_cell(t, _("BLOCKED"));
			table_cell(t, _("PENDING"));
			table_cell(t, _("DEFAULT"));
		}
		table_cell_uint(t, s);
		table_cell(t, sig_name(s, nb));
		table_cell(t, disp_word(sigproc_disp(p, s)));
		table_cell(t, p->st.sigblk & SIGBIT(s) ? _("yes") : "-");
		table_cell(t, pending_word(p, s));
		table_cell(t, sig_action_name(sig_default_action(s)));
	}
	if (t)
		table_print(t);
	else
		out_printf("%s\n", _("every signal: default disposition, not blocked, not pending"));
}

static void thread_table(const struct sigproc *p)
{
	struct table *t = table_new("rlll");
	char name[NAME_TEXT_MAX], names[SIGSET_TEXT_MAX];

	table_cell(t, _("TID"));
	table_cell(t, _("NAME"));
	table_cell(t, _("BLOCKED"));
	table_cell(t, _("PENDING"));
	for (size_t i = 0; i < p->nthreads; i++) {
		const struct sigthread *th = &p->threads[i];
		text_clean(name, sizeof name, th->name, th->name_len);
		table_cell_uint(t, th->tid);
		table_cell(t, name);
		table_cell(t, sigset_text(th->blocked, names, sizeof names));
		table_cell(t, sigset_text(th->pending, names, sizeof names));
	}
	table_print(t);
}

static void text_process(const struct status_ctl *ctl, const struct sigproc *p)
{
	char notes[SIGNOTE_MAX][SIGNOTE_LEN], name[NAME_TEXT_MAX];
	size_t nnotes = sigproc_notes(p, true, notes, SIGNOTE_MAX);

	text_clean(name, sizeof name, p->st.name, p->st.name_len);
	if (ctl->shown)
		out_putc('\n');
	out_printf(_("PID %d (%s): state %c (%s), signals queued %lld of %lld\n"),
		   (int)p->pid, name, p->st.state, proc_state_text(p->st.state),
		   p->st.sigq_queued, p->st.sigq_limit);
	signal_table(ctl, p);
	if (ctl->threads)
		thread_table(p);
	for (size_t i = 0; i < nnotes; i++) {
		/* "note: " and the note, wrapped under itself on a terminal */
		out_printf("%s ", _("note:"));
		out_prose(notes[i], out_width(_("note:")) + 1);
	}
}

/* ---- --all ------------------------------------------------------------ */

static void all_row(const struct status_ctl *ctl, const struct sigproc *p)
{
	struct table *t = ctl->t;
	char name[NAME_TEXT_MAX], hex[17], st[2] = { p->st.state, '\0' };

	text_clean(name, sizeof name, p->st.name, p->st.name_len);
	table_cell_uint(t, p->pid);
	table_cell(t, st);
	table_cell(t, sigset_hex(sigproc_pending(p), hex));
	table_cell(t, sigset_hex(p->st.sigblk, hex));
	table_cell(t, sigset_hex(p->st.sigign, hex));
	table_cell(t, sigset_hex(p->st.sigcgt, hex));
	table_cell(t, name);
}

static void show(const struct sigproc *p, void *arg)
{
	struct status_ctl *ctl = arg;

	if (ctl->json) {
		out_puts(ctl->shown ? ",\n " : "\n ");
		json_process(p);
	} else if (ctl->all) {
		if (!ctl->t) {
			ctl->t = table_new("rllllll");
			table_cell(ctl->t, _("PID"));
			table_cell(ctl->t, _("S"));
			table_cell(ctl->t, _("PENDING"));
			table_cell(ctl->t, _("BLOCKED"));
			table_cell(ctl->t, _("IGNORED"));
			table_cell(ctl->t, _("CAUGHT"));
			table_cell(ctl->t, _("NAME"));
		}
		all_row(ctl, p);
	} else {
		text_process(ctl, p);
		out_flush();    /* a long report goes out as it is made */
	}
	ctl->shown++;
}

/* ---- the verb --------------------------------------------------------- */

/* The combinations of options that make no sense. */
static void check(const struct status_ctl *ctl, const struct cmd_args *a)
{
	bool filtered = cmd_given(&cmd_status, a, OPT_BLOCKED)
			|| cmd_given(&cmd_status, a, OPT_IGNORED)
			|| cmd_given(&cmd_status, a, OPT_CAUGHT)
			|| cmd_given(&cmd_status, a, OPT_PENDING);

	if (ctl->all && a->nargs)
		usage_error(_("--all takes no PID"));
	if (ctl->all && selopts_active(&ctl->sel))
		usage_error(_("--all cannot be combined with a selection (--name, --tree...)"));
	if (filtered && !ctl->all)
		usage_error(_("--blocked, --ignored, --caught and --pending select among --all"));
	if (ctl->all && (ctl->threads || ctl->all_signals))
		usage_error(_("--all shows one line per process: give PIDs for --%s"),
			    ctl->threads ? "threads" : "all-signals");
}

/* Every process that matches the filters, one line each. */
static int show_all(struct status_ctl *ctl)
{
	int rc = EXIT_SUCCESS;

	ctl->filter.skip_kthreads = !ctl->sel.s.kthreads;
	if (sigscan_all(&ctl->filter, show, ctl) < 0) {
		warn_(_("cannot list /proc"));
		rc = EXIT_FAILURE;
	}
	if (ctl->t)
		table_print(ctl->t);
	return rc;
}

static int status_exec(void *arg, const struct cmd_args *a)
{
	struct status_ctl *ctl = arg;
	pid_t *pids, *all = NULL;
	size_t n = (size_t)a->nargs;
	int rc;

	check(ctl, a);
	pids = cmd_operand_pids(a);
	if ((rc = selopts_show_pids(&ctl->sel, &cmd_status, a, pids, n, &all, &n)) >= 0)
		return free(pids), rc;
	if (ctl->json)
		out_putc('[');
	rc = ctl->all ? show_all(ctl) : selopts_each(&ctl->sel, n, all, show, ctl);
	if (ctl->json)
		out_puts(ctl->shown ? "\n]\n" : "]\n");
	selopts_done(&ctl->sel, all);
	free(pids);
	return rc;
}

const struct cmd cmd_status = {
	.name = "status",
	.summary = N_("signal state of processes: dispositions, blocked, pending"),
	.synopsis = status_synopsis,
	.description = CMD_PARAS(N_(
"For each process PID (default: the parent process, i.e. the calling shell),\n"
"print its name, its state, how many signals are queued for its user and the\n"
"limit (SigQ), then a table of signals with their disposition (default,\n"
"ignored or caught), whether the process blocks them, whether they are\n"
"pending (for the process, for a thread, or both) and their default action,\n"
"so that what a signal would do is read from one line. BLOCKED is the mask of\n"
"the thread-group leader, as /proc/PID/status and ps show it. Only signals\n"
"that are not at rest (default, unblocked, not pending) are listed unless\n"
"--all-signals is given. Notes follow where Linux rules change the meaning:\n"
"PID 1 of a PID namespace, a zombie, a kernel thread, a stopped or traced\n"
"process, signals pending behind a block, a thread ID given as PID.\n"
"--threads adds the blocked and pending sets of each thread.\n"
"\n"
"--all prints one line for every process that matches all the\n"
"FILTER-OPTIONs given (--blocked, --ignored, --caught, --pending), with its\n"
"pending (process and threads together), blocked, ignored and caught sets\n"
"in hex, in the order ps prints them (decode them with 'sigtool mask\n"
"--decode -'). A filter takes a comma-separated list, and a process matches\n"
"when it has every signal of it in that state. Processes that end while\n"
"they are read, or that /proc does not show, are left out silently; nothing\n"
"is printed when none matches.\n"
"\n"
"--json prints an array with one object per process: {pid, name, state,\n"
"sigq: {queued, limit}, signals: [{signo, name, disposition, blocked,\n"
"pending}], threads: [{tid, name, blocked, pending}], notes}, where every\n"
"valid signal and every thread is listed whatever the options, 'blocked' and\n"
"'pending' of a signal are true or false, and 'pending' is true when the\n"
"signal is pending for the process or for any of its threads.\n"
"\n"),
SELOPT_HELP, CMD_PROSE_HELP),
	.opts = status_opts,
	.operands = ARG_PID,
	.max_args = CMD_MANY,
	.negative_operands = true,      /* "-3" is a bad PID, named as such */
	.ctl_size = sizeof(struct status_ctl),
	.exit_status = N_(
"  1    a PID could not be read (no such process, or /proc hides it); the\n"
"       others are still shown\n"),
	.examples = N_(
"  $ sigtool status\n"
"  $ sigtool status --all-signals --threads 1234\n"
"  $ sigtool status --all --ignored TERM\n"
"  $ sigtool status --json 1 | jq '.[0].notes'\n"),
	.exec = status_exec,
};
