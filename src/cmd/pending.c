/* pending.c - `sigtool pending`: sigpending for any process, for the
 * process as a whole (ShdPnd) and for each of its threads (SigPnd). */
#include "config.h"

#include <stdlib.h>

#include "cmd.h"
#include "cmd/selopts.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/sigstate.h"
#include "core/util.h"

enum { OPT_JSON = 256, OPT_THREADS, OPT_ALL };

struct pending_ctl {
	bool json, threads, all;
	struct table *t;        /* text: rows for every process */
	size_t shown;
	struct selopts sel;
};
#define SELOPT_TYPE struct pending_ctl

static const struct cmd_opt pending_opts[] = {
	{ OPT_ALL, "all", no_argument, ARG_NONE, NULL, NULL,
	  N_("every process that has a signal pending"), CMD_AT(struct pending_ctl, all) },
	{ OPT_THREADS, "threads", no_argument, ARG_PID, NULL, NULL,
	  N_("one line for the process and one for each thread"),
	  CMD_AT(struct pending_ctl, threads) },
	{ OPT_JSON, "json", no_argument, ARG_PID, NULL, NULL,
	  N_("output a JSON array, one object per process"), CMD_AT(struct pending_ctl, json) },
	SELECT_ROWS,
	SELOPT_PGID_ROW,
	{ 0 }
};

static const char *const pending_synopsis[] = {
	"[--json] [--threads] [PID...]",
	"[--json] [--threads] --all",
	NULL
};

static void json_process(const struct sigproc *p, struct pending_ctl *ctl)
{
	bool first = true;

	out_puts(ctl->shown ? ",\n " : "\n ");
	json_sigproc_head(p, &first);
	json_key(&first, "pending");
	json_sigset(p->st.shdpnd);
	json_key(&first, "threads");
	json_threads(p, false, true);
	out_putc('}');
}

static void text_process(const struct sigproc *p, struct pending_ctl *ctl)
{
	char name[NAME_TEXT_MAX], names[SIGSET_TEXT_MAX];

	if (!ctl->t) {
		ctl->t = table_new(ctl->threads ? "rrll" : "rlll");
		table_cell(ctl->t, _("PID"));
		if (ctl->threads)
			table_cell(ctl->t, _("TID"));
		table_cell(ctl->t, _("NAME"));
		if (ctl->threads) {
			table_cell(ctl->t, _("PENDING"));
		} else {
			table_cell(ctl->t, _("PROCESS"));
			table_cell(ctl->t, _("THREADS"));
		}
	}
	text_clean(name, sizeof name, p->st.name, p->st.name_len);
	table_cell_uint(ctl->t, p->pid);
	if (!ctl->threads) {
		table_cell(ctl->t, name);
		table_cell(ctl->t, sigset_text(p->st.shdpnd, names, sizeof names));
		table_cell(ctl->t, sigset_text(p->thread_pending, names, sizeof names));
		return;
	}
	/* the process-wide set first, then each thread's own */
	table_cell(ctl->t, "-");
	table_cell(ctl->t, name);
	table_cell(ctl->t, sigset_text(p->st.shdpnd, names, sizeof names));
	for (size_t i = 0; i < p->nthreads; i++) {
		const struct sigthread *th = &p->threads[i];
		text_clean(name, sizeof name, th->name, th->name_len);
		table_cell_uint(ctl->t, p->pid);
		table_cell_uint(ctl->t, th->tid);
		table_cell(ctl->t, name);
		table_cell(ctl->t, sigset_text(th->pending, names, sizeof names));
	}
}

static void show(const struct sigproc *p, void *arg)
{
	struct pending_ctl *ctl = arg;

	if (ctl->json)
		json_process(p, ctl);
	else
		text_process(p, ctl);
	ctl->shown++;
}

/* Every process with something pending. */
static int show_all(struct pending_ctl *ctl)
{
	struct sigfilter f = { .any_pending = true };

	if (sigscan_all(&f, show, ctl) < 0) {
		warn_(_("cannot list /proc"));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

static int pending_exec(void *arg, const struct cmd_args *a)
{
	struct pending_ctl *ctl = arg;
	pid_t *pids, *all = NULL;
	size_t n = (size_t)a->nargs;
	int rc;

	if (ctl->all && (a->nargs || selopts_active(&ctl->sel)))
		usage_error(_("--all takes no PID and no selection"));
	pids = cmd_operand_pids(a);
	if ((rc = selopts_show_pids(&ctl->sel, &cmd_pending, a, pids, n, &all, &n)) >= 0)
		return free(pids), rc;
	if (ctl->json)
		out_putc('[');
	rc = ctl->all ? show_all(ctl) : selopts_each(&ctl->sel, n, all, show, ctl);
	selopts_done(&ctl->sel, all);
	if (ctl->json)
		out_puts(ctl->shown ? "\n]\n" : "]\n");
	else if (ctl->t)
		table_print(ctl->t);
	free(pids);
	return rc;
}

const struct cmd cmd_pending = {
	.name = "pending",
	.summary = N_("signals pending for a process and for each of its threads"),
	.synopsis = pending_synopsis,
	.description = CMD_PARAS(N_(
"Show the signals pending for each process PID (default: the parent process,\n"
"i.e. the calling shell): under PROCESS the ones sent to the process as a\n"
"whole (ShdPnd in /proc/PID/status; what ps shows as PENDING), under THREADS\n"
"the ones sent to one of its threads (SigPnd of each thread, together). A\n"
"signal stays pending while every thread that could take it blocks it. '-'\n"
"is the empty set.\n"
"\n"
"--threads prints one line for the process (TID '-') and one for each thread.\n"
"--all shows every process with anything pending; processes that end while\n"
"they are read, or that /proc does not show, are left out silently, and\n"
"nothing is printed when no process has anything pending.\n"
"\n"
"--json prints an array of {pid, name, pending, threads: [{tid, name,\n"
"pending}]}, 'pending' being the process-wide set, with every thread listed.\n"
"\n"),
SELOPT_HELP),
	.opts = pending_opts,
	.operands = ARG_PID,
	.max_args = CMD_MANY,
	.negative_operands = true,      /* "-5" is a bad PID, named as such */
	.ctl_size = sizeof(struct pending_ctl),
	.exit_status = N_(
"  1    a PID could not be read (no such process, or /proc hides it); the\n"
"       others are still shown\n"),
	.examples = N_(
"  $ sigtool pending\n"
"  $ sigtool pending --threads 1234\n"
"  $ sigtool pending --all\n"),
	.exec = pending_exec,
};
