/* selopts.h - the selection options (--name, --euid, --tree, --cgroup...)
 * that every verb taking processes shares: one set of rows, the checks
 * across them, and the words for the core's refusals. */
#ifndef SIGTOOL_SELOPTS_H
#define SIGTOOL_SELOPTS_H

#include "cmd.h"
#include "core/i18n.h"
#include "core/select.h"

enum {
	SEL_O_NAME = 0x4300, SEL_O_EUID, SEL_O_UID, SEL_O_GID, SEL_O_PARENT,
	SEL_O_SESSION, SEL_O_TERMINAL, SEL_O_TREE, SEL_O_CGROUP, SEL_O_NEWEST,
	SEL_O_OLDEST, SEL_O_OLDER, SEL_O_INVERSE, SEL_O_RUNSTATES, SEL_O_KTHREADS,
	SEL_O_NS, SEL_O_NSLIST, SEL_O_PIDS, SEL_O_PGID,
};

/* In the verb's control struct. */
struct selopts {
	struct sel s;
	bool pids;              /* --pids: print the matches' PIDs only */
	struct sel_match *m;    /* selopts_show_pids(): the matches */
	long nm;
};

#define SELOPT_ROW(id, name, has, kind, meta, help, f) \
	{ id, name, has, kind, meta, NULL, help, CMD_AT(SELOPT_TYPE, f) }

/* The rows; SELOPT_TYPE is the verb's control struct, with a struct
 * selopts named sel. --kernel-threads is apart (status --all has it too). */
#define SELECT_ROWS \
	SELOPT_ROW(SEL_O_NAME, "name", required_argument, ARG_REGEX, "PATTERN", \
		   N_("processes whose name matches the regex PATTERN"), sel.s.pattern), \
	SELOPT_ROW('x', "exact", no_argument, ARG_NONE, NULL, \
		   N_("with --name: the whole name must match"), sel.s.exact), \
	SELOPT_ROW('i', "ignore-case", no_argument, ARG_NONE, NULL, \
		   N_("with --name: ignore case"), sel.s.icase), \
	SELOPT_ROW('f', "full", no_argument, ARG_NONE, NULL, \
		   N_("with --name: match the full command line"), sel.s.full), \
	SELOPT_ROW(SEL_O_EUID, "euid", required_argument, ARG_USERS, "USERS", \
		   N_("select processes of these effective users"), sel.s.euid), \
	SELOPT_ROW(SEL_O_UID, "uid", required_argument, ARG_USERS, "USERS", \
		   N_("select processes of these real users"), sel.s.uid), \
	SELOPT_ROW(SEL_O_GID, "gid", required_argument, ARG_GROUPS, "GROUPS", \
		   N_("select processes of these real groups"), sel.s.gid), \
	SELOPT_ROW(SEL_O_PARENT, "parent", required_argument, ARG_PIDLIST, "PPIDS", \
		   N_("select children of these processes"), sel.s.ppid), \
	SELOPT_ROW(SEL_O_SESSION, "session", required_argument, ARG_PIDLIST, "SIDS", \
		   N_("select processes of these sessions (0: our own)"), sel.s.sid), \
	SELOPT_ROW(SEL_O_TERMINAL, "terminal", required_argument, ARG_TEXT, "TTY", \
		   N_("select processes whose terminal is TTY (pts/3)"), sel.s.tty), \
	SELOPT_ROW(SEL_O_TREE, "tree", required_argument, ARG_PID, "PID", \
		   N_("select PID and all its descendants"), sel.s.tree), \
	SELOPT_ROW(SEL_O_CGROUP, "cgroup", required_argument, ARG_CGROUP, "PATH", \
		   N_("processes in cgroup v2 PATH or below"), sel.s.cgroup), \
	SELOPT_ROW(SEL_O_NEWEST, "newest", no_argument, ARG_NONE, NULL, \
		   N_("only the newest of the matches"), sel.s.newest), \
	SELOPT_ROW(SEL_O_OLDEST, "oldest", no_argument, ARG_NONE, NULL, \
		   N_("only the oldest of the matches"), sel.s.oldest), \
	SELOPT_ROW(SEL_O_OLDER, "older", required_argument, ARG_DURATION, "DUR", \
		   N_("select processes started at least DUR ago"), sel.s.older), \
	SELOPT_ROW(SEL_O_INVERSE, "inverse", no_argument, ARG_NONE, NULL, \
		   N_("select the processes that do not match"), sel.s.inverse), \
	SELOPT_ROW(SEL_O_RUNSTATES, "runstates", required_argument, ARG_TEXT, "STATES", \
		   N_("processes in these states (R, S, D, T, Z...)"), sel.s.runstates), \
	SELOPT_ROW(SEL_O_NS, "ns", required_argument, ARG_PID, "PID", \
		   N_("select processes in the namespaces of PID"), sel.s.ns), \
	SELOPT_ROW(SEL_O_NSLIST, "nslist", required_argument, ARG_TEXT, "NS", \
		   N_("with --ns: only these (pid,net,mnt,ipc...)"), sel.s.nslist), \
	SELOPT_ROW(SEL_O_PIDS, "pids", no_argument, ARG_NONE, NULL, \
		   N_("print only the selected PIDs, one a line"), sel.pids), \
	SELOPT_KTHREADS_ROW

/* On the verbs that show processes only: send's --pgid is killpg. */
#define SELOPT_PGID_ROW \
	SELOPT_ROW(SEL_O_PGID, "pgid", required_argument, ARG_PIDLIST, "PGIDS", \
		   N_("select members of these process groups (0: ours)"), sel.s.pgid)

#define SELOPT_KTHREADS_ROW \
	SELOPT_ROW(SEL_O_KTHREADS, "kernel-threads", no_argument, ARG_NONE, NULL, \
		   N_("let kernel threads be selected too"), sel.s.kthreads)

/* Once parsed: --older given, and the combinations that make no sense. */
void selopts_finish(struct selopts *o, const struct cmd *c, const struct cmd_args *a);

/* Whether a selector was given. */
bool selopts_active(const struct selopts *o);

/* The matches (a usage error for bad input, status 1 for a named process
 * or cgroup that does not exist). When none matches, a message; then, with
 * no explicit PIDs (have_pids false), exit 1. Free with sel_free(). */
long selopts_select(struct selopts *o, bool have_pids, struct sel_match **m);

/* --pids: one PID a line. Returns the exit status. */
int selopts_print_pids(const struct sel_match *m, long n);

/* The explicit PIDs and the matches' PIDs, each once, in a new array. */
pid_t *selopts_union(const pid_t *pids, size_t n, const struct sel_match *m, long nm,
		     size_t *total);

/* For the verbs that show processes: the selection's checks, then the
 * PIDS given (n of them) joined with the matches in *all. Returns -1 to go
 * on (show *all, then selopts_done()), or the exit status once --pids has
 * printed them. */
int selopts_show_pids(struct selopts *o, const struct cmd *c, const struct cmd_args *a,
		      const pid_t *pids, size_t n, pid_t **all, size_t *nall);
void selopts_done(struct selopts *o, pid_t *all);

/* sigproc_each() over the PIDs of selopts_show_pids(), but a match that has
 * ended by the time it is read (its pidfd says so) is left out silently:
 * what would be shown could be another process's that took its PID. */
struct sigproc;
int selopts_each(const struct selopts *o, size_t n, const pid_t *pids,
		 void (*fn)(const struct sigproc *p, void *arg), void *arg);

/* The lines of --help shared by every verb that selects. */
#define SELOPT_HELP N_( \
"Selecting processes: --name (a POSIX extended regex on the name, comm, or\n" \
"with --full on the command line, argv joined by spaces), --euid, --uid,\n" \
"--gid (names or numbers, comma lists of any length), --parent, --session,\n" \
"--terminal, --tree, --cgroup, --older, --runstates, --ns select processes;\n" \
"on status, pending and mask, --pgid selects the members of process groups\n" \
"(on send, --pgid signals the group itself, with killpg). All that are\n" \
"given must hold, --inverse negates that, and --newest or --oldest keep one.\n" \
"User and group names are looked up in /etc/passwd and /etc/group directly,\n" \
"not through NSS (a static binary cannot load it): users and groups that\n" \
"only LDAP, SSSD or systemd know must be given by number. An unknown name\n" \
"is a usage error.\n" \
"The matches join the PIDs given. Kernel threads are left out unless\n" \
"--kernel-threads is given; sigtool itself and its ancestors (the calling\n" \
"shell) never are selected. Each match is opened as a pidfd and re-checked\n" \
"(the process scanned, still matching) before it is used, so a PID reused\n" \
"in between is never touched; a match that ends before it is shown is left\n" \
"out. No match: a message and status 1. --pids prints only the selected\n" \
"PIDs, one a line (for $(...)).\n")

#endif
